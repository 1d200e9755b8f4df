"""Targets workbook (目标): company targets, who sells what, history and the breakdown output."""

from __future__ import annotations

from .build import T, col, enum, flag, fld, grid
from .metrics import ROLLUP_METRICS
from .model import Choice, Sheet, Table, WorkbookSpec
from .vocab import METRICS, MONTHS, SELLER_KINDS, SEVERITY, SPLIT_METHODS


def _month_columns(type=T.MONEY, fmt=None):
    return tuple(col(m.key, m.zh, m.en, type, width=11, fmt=fmt) for m in MONTHS)


SETTINGS = Sheet(
    "settings", "设置", "Settings",
    title_zh="目标分解设置", title_en="Target breakdown settings",
    fields=(fld("year", "年度", "Year", "B3", T.INTEGER, required=True, fmt="0"),),
    tables=(
        Table(
            "methods", "分解方法", "Split method per metric", header_row=6, rows=4,
            columns=(
                enum("metric", "指标", "Metric", METRICS, required=True, width=14),
                enum("method", "分解方法", "Method", SPLIT_METHODS, required=True, width=14),
                col("rounding_unit", "取整单位", "Rounding unit", T.NUMBER, required=True,
                    fmt="#,##0.##"),
                col("weight_history", "实绩权重", "Weight: history", T.PERCENT),
                col("weight_potential", "潜力权重", "Weight: potential", T.PERCENT),
                col("weight_equal", "平均权重", "Weight: equal", T.PERCENT),
            ),
            defaults=(
                {"metric": "revenue", "method": "blend", "rounding_unit": 100,
                 "weight_history": 0.6, "weight_potential": 0.3, "weight_equal": 0.1},
                {"metric": "gross_margin", "method": "history", "rounding_unit": 100},
                {"metric": "new_customers", "method": "potential", "rounding_unit": 1},
                {"metric": "collections", "method": "history", "rounding_unit": 100},
            ),
        ),
    ),
    role="settings", landscape=False,
)

COMPANY = Sheet(
    "company", "公司目标", "Company Targets",
    title_zh="公司年度目标", title_en="Company annual targets",
    tables=(
        Table(
            "targets", "年度目标", "Annual targets", header_row=3, rows=4,
            columns=(
                enum("metric", "指标", "Metric", METRICS, required=True, width=14),
                col("annual_target", "年度目标", "Annual target", T.MONEY, required=True,
                    width=16),
            ),
            defaults=tuple({"metric": m.key} for m in METRICS),
        ),
    ),
    role="settings", landscape=False,
)

REPS = Sheet(
    "reps", "销售员", "Reps",
    title_zh="销售员与经销商", title_en="Reps and distributors",
    tables=(
        Table(
            "reps", "销售员", "Reps", header_row=3, rows=200,
            columns=(
                col("rep", "销售员/经销商", "Rep / distributor", required=True, width=16),
                col("region", "区域", "Region", required=True, width=12),
                enum("seller_kind", "类别", "Kind", SELLER_KINDS, width=12),
                col("supervisor", "主管", "Supervisor", width=12),
                flag("active", "在职", "Active", width=8),
            ),
        ),
    ),
)

PRODUCTS = Sheet(
    "products", "产品", "Products",
    title_zh="产品", title_en="Products",
    tables=(
        Table(
            "products", "产品", "Products", header_row=3, rows=100,
            columns=(
                col("product", "产品编号", "Product", required=True, width=12),
                col("product_name", "产品名称", "Product name", width=22),
                col("category", "品类", "Category", width=14),
            ),
        ),
    ),
)

HISTORY = Sheet(
    "history", "去年实绩", "History",
    title_zh="去年实绩（按月）", title_en="Last year's actuals by month",
    tables=(
        Table(
            "history", "实绩", "Actuals", header_row=3, rows=500,
            columns=(
                col("rep", "销售员/经销商", "Rep / distributor", required=True, width=16),
                col("product", "产品编号", "Product", required=True, width=12),
                enum("metric", "指标", "Metric", METRICS, required=True, width=14),
                *_month_columns(),
            ),
        ),
    ),
)

POTENTIAL = Sheet(
    "potential", "潜力指数", "Potential",
    title_zh="潜力指数（市场规模或购买力）",
    title_en="Potential index (market size or buying power)",
    tables=(
        Table(
            "potential", "潜力指数", "Potential", header_row=3, rows=200,
            columns=(
                col("rep", "销售员/经销商", "Rep / distributor", width=16,
                    help_en="fill rep or region"),
                col("region", "区域", "Region", width=12),
                col("product", "产品编号", "Product", width=12, help_en="blank: all products"),
                col("potential_index", "潜力指数", "Potential index", T.NUMBER,
                    required=True, fmt="#,##0.00", width=14),
            ),
        ),
    ),
)

SEASONALITY = Sheet(
    "seasonality", "季节指数", "Seasonality",
    title_zh="季节指数（空白则按去年实绩推算）",
    title_en="Seasonality indices (blank: derived from history)",
    tables=(
        Table(
            "seasonality", "季节指数", "Seasonality", header_row=3, rows=4,
            columns=(
                enum("metric", "指标", "Metric", METRICS, required=True, width=14),
                *_month_columns(T.NUMBER),
            ),
        ),
    ),
)

OVERRIDES = Sheet(
    "overrides", "锁定值", "Overrides",
    title_zh="锁定值（手工指定，其余自动平衡）",
    title_en="Locked overrides (kept as typed; the rest rebalances)",
    tables=(
        Table(
            "overrides", "锁定值", "Overrides", header_row=3, rows=100,
            columns=(
                enum("metric", "指标", "Metric", METRICS, required=True, width=14),
                col("rep", "销售员/经销商", "Rep / distributor", required=True, width=16),
                col("product", "产品编号", "Product", required=True, width=12),
                col("month", "月份", "Month", T.INTEGER, required=True, fmt="0"),
                col("value", "锁定值", "Locked value", T.MONEY, required=True),
            ),
        ),
    ),
)

ACTUALS = Sheet(
    "actuals", "实际完成", "Actuals",
    title_zh="本年实际完成（用于达成率）", title_en="This year's actuals (for achievement)",
    tables=(
        Table(
            "actuals", "实际完成", "Actuals", header_row=3, rows=500,
            columns=(
                col("date", "日期", "Date", T.DATE, required=True),
                col("rep", "销售员/经销商", "Rep / distributor", required=True, width=16),
                col("product", "产品编号", "Product", width=12),
                enum("metric", "指标", "Metric", METRICS, required=True, width=14),
                col("value", "实际值", "Actual", T.MONEY, required=True),
            ),
        ),
    ),
)

_ROLLUP = {c.key: c for c in ROLLUP_METRICS}

# The funnel stages, in order; the same columns (and labels) as the weekly rollup's, so the
# rollup can later fill this sheet from the reps' own weekly workbooks.
FUNNEL_KEYS = ("calls_dialled", "calls_completed", "appointments", "presentations",
               "sales_closed", "sales_amount")

FUNNEL = Sheet(
    "funnel", "漏斗实绩", "Funnel",
    title_zh="销售员漏斗实绩（电话数 → 成交，用于倒推活动目标）",
    title_en="Each rep's funnel history (calls to sales; drives the activity targets)",
    tables=(
        Table(
            "funnel", "漏斗", "Funnel", header_row=3, rows=200,
            columns=(
                col("rep", "销售员/经销商", "Rep / distributor", required=True, width=16),
                col("weeks", "统计周数", "Weeks covered", T.INTEGER),
                *(_ROLLUP[k] for k in FUNNEL_KEYS),
            ),
        ),
    ),
)

# -- the vocabulary of the outputs ------------------------------------------------------
QUARTERS = tuple(Choice(f"q{q}", f"{zh}季度", f"Q{q}") for q, zh in
                 enumerate("一二三四", start=1))

LEVELS = (
    Choice("company", "公司", "Company"),
    Choice("region", "区域", "Region"),
    Choice("rep", "销售员", "Rep"),
    Choice("product", "产品", "Product"),
    Choice("month", "月份", "Month"),
    Choice("quarter", "季度", "Quarter"),
    Choice("rep_product", "销售员×产品（全年）", "Rep × product (year)"),
    Choice("rep_month", "销售员×月份", "Rep × month"),
    Choice("region_quarter", "区域×季度", "Region × quarter"),
    Choice("product_month", "产品×月份", "Product × month"),
    Choice("cell", "单元格（销售员×产品×月份）", "Cell (rep × product × month)"),
)

PERIODS = (
    Choice("week", "本周", "Week"),
    Choice("month", "本月", "Month"),
    Choice("quarter", "本季", "Quarter"),
    Choice("year", "本年", "Year"),
)

FUNNEL_BASIS = (
    Choice("own", "本人漏斗", "Own funnel"),
    Choice("team", "团队平均", "Team rates"),
)

SEASON_SOURCES = (
    Choice("sheet", "季节指数表", "Seasonality sheet"),
    Choice("history", "按去年实绩推算", "Derived from history"),
    Choice("flat", "平均（无实绩）", "Flat (no history)"),
)

WHOLE = "#,##0"  # targets are whole multiples of their unit; fractional units get "#,##0.00"


def _metric_columns(type=T.MONEY, fmt=WHOLE):
    return tuple(col(m.key, m.zh, m.en, type, fmt=fmt, width=13) for m in METRICS)


def _quarter_columns():
    return tuple(col(q.key, q.zh, q.en, T.MONEY, fmt=WHOLE, width=13) for q in QUARTERS)


_YEAR = col("year", "全年", "Year", T.MONEY, fmt=WHOLE, width=14, total=True)
_METRIC = enum("metric", "指标", "Metric", METRICS, width=14)
_REGION = col("region", "区域", "Region", width=12)
_REP = col("rep", "销售员/经销商", "Rep / distributor", width=16)
_PRODUCT = col("product", "产品编号", "Product", width=12)
_PRODUCT_NAME = col("product_name", "产品名称", "Product name", width=20)

BREAKDOWN = Sheet(
    "breakdown", "目标分解明细", "Breakdown",
    title_zh="目标分解明细：每位销售员每个产品每月的目标（由 salesbook targets 生成）",
    title_en="Target breakdown: every rep, product and month (written by salesbook targets)",
    tables=(
        Table(
            "breakdown", "分解明细", "Breakdown", header_row=3, rows=0, output=True,
            columns=(
                _METRIC, _REGION, _REP, _PRODUCT, _PRODUCT_NAME,
                *_month_columns(T.MONEY, WHOLE),
                _YEAR,
                col("exact_year", "精确份额（未取整）", "Exact share (unrounded)", T.NUMBER,
                    fmt="#,##0.00", width=16,
                    help_en="the row's exact proportional share; the year differs from it by "
                            "less than one rounding unit"),
            ),
        ),
    ),
    role="output",
)

BY_REP = Sheet(
    "by_rep", "按销售员", "By Rep",
    title_zh="销售员 × 月份目标（公式汇总自分解明细）",
    title_en="Targets by rep and month (formulas over the breakdown)",
    tables=(
        Table("by_rep", "按销售员", "By rep", header_row=4, rows=0, output=True,
              columns=(_REGION, _REP, *_month_columns(T.MONEY, WHOLE), _YEAR)),
    ),
    role="output",
)

BY_REGION = Sheet(
    "by_region", "按区域", "By Region",
    title_zh="区域 × 季度目标（公式汇总自分解明细）",
    title_en="Targets by region and quarter (formulas over the breakdown)",
    tables=(
        Table("by_region", "按区域", "By region", header_row=4, rows=0, output=True,
              columns=(_REGION, *_quarter_columns(), _YEAR)),
    ),
    role="output", landscape=False,
)

BY_PRODUCT = Sheet(
    "by_product", "按产品", "By Product",
    title_zh="产品 × 月份目标（公式汇总自分解明细）",
    title_en="Targets by product and month (formulas over the breakdown)",
    tables=(
        Table("by_product", "按产品", "By product", header_row=4, rows=0, output=True,
              columns=(_PRODUCT, _PRODUCT_NAME, *_month_columns(T.MONEY, WHOLE), _YEAR)),
    ),
    role="output",
)

_CALLS_PER_WEEK = col("calls_per_week", "每周电话数", "Calls per week", T.INTEGER)
_VISITS_PER_WEEK = col("visits_per_week", "每周造访数", "Visits per week", T.INTEGER)

CARDS = Sheet(
    "cards", "目标责任书", "Target Cards",
    title_zh="销售员目标责任书（每人一页）", title_en="Target cards (one page per rep)",
    fields=(
        fld("rep", "销售员/经销商", "Rep / distributor", "B3", width=16),
        fld("region", "区域", "Region", "D3"),
        fld("supervisor", "主管", "Supervisor", "F3"),
        fld("seller_kind", "类别", "Kind", "H3", T.ENUM, choices=SELLER_KINDS),
    ),
    tables=(
        Table("card", "月度目标", "Monthly targets", header_row=5, rows=0, output=True,
              columns=(col("period", "期间", "Period", width=12), *_metric_columns(),
                       _CALLS_PER_WEEK, _VISITS_PER_WEEK)),
        Table("card_products", "产品目标（全年）", "Product targets (year)", header_row=7,
              rows=0, output=True,
              columns=(_PRODUCT, _PRODUCT_NAME, *_metric_columns())),
    ),
    role="output", landscape=False,
)


def _period_columns():
    out = []
    for p in PERIODS:
        out += [
            col(f"{p.key}_target", f"{p.zh}目标", f"{p.en} target", T.MONEY, fmt=WHOLE),
            col(f"{p.key}_actual", f"{p.zh}实绩", f"{p.en} to date", T.MONEY, fmt=WHOLE),
            col(f"{p.key}_achievement", f"{p.zh}达成率", f"{p.en} achievement", T.PERCENT,
                help_en="actual to date / the whole period's target; red when behind the "
                        "period's time elapsed"),
        ]
    return tuple(out)


PROGRESS = Sheet(
    "progress", "达成进度", "Progress",
    title_zh="目标达成率与时间进度（达成率低于时间进度显示为红色）",
    title_en="Achievement against time elapsed (red: behind pace)",
    fields=grid([
        ("as_of", "截止日期", "As of", T.DATE),
        *((f"time_{p.key}", f"{p.zh}时间进度", f"{p.en} elapsed", T.PERCENT) for p in PERIODS),
    ], first_row=3, pairs=5),
    tables=(
        Table("progress", "达成进度", "Progress", header_row=5, rows=0, output=True,
              columns=(_METRIC, enum("level", "层级", "Level", LEVELS, width=10), _REGION,
                       col("name", "名称", "Name", width=16), *_period_columns())),
    ),
    role="output",
)

ACTIVITY = Sheet(
    "activity", "活动目标", "Activity Targets",
    title_zh="由各人漏斗倒推的活动目标：完成销售额目标每周需要的电话与造访",
    title_en="Activity targets: the calls and visits a week each rep's revenue target needs",
    tables=(
        Table("rates", "漏斗转化率", "Funnel rates", header_row=3, rows=0, output=True,
              columns=(
                  _REGION, _REP, enum("basis", "依据", "Basis", FUNNEL_BASIS, width=12),
                  col("completion_rate", "接通率", "Calls completed / dialled", T.PERCENT),
                  col("appointment_rate", "约见率", "Appointments / completed", T.PERCENT),
                  col("presentation_rate", "介绍率", "Presentations / appointments",
                      T.PERCENT),
                  col("close_rate", "成交率", "Sales / presentations", T.PERCENT),
                  col("avg_sale", "平均每笔成交额", "Average sale", T.MONEY, fmt=WHOLE),
                  col("sales_per_call", "每通电话销售额", "Sales per call dialled", T.MONEY),
              )),
        Table("activity", "活动目标", "Activity targets", header_row=6, rows=0, output=True,
              columns=(
                  _REGION, _REP, enum("basis", "依据", "Basis", FUNNEL_BASIS, width=12),
                  enum("month", "月份", "Month", MONTHS, width=8),
                  col("revenue_target", "销售额目标", "Revenue target", T.MONEY, fmt=WHOLE),
                  col("sales_needed", "需成交笔数", "Sales needed", T.INTEGER),
                  col("presentations_needed", "需产品介绍数", "Presentations needed",
                      T.INTEGER),
                  col("visits_needed", "需造访数（约见）", "Visits needed (appointments)",
                      T.INTEGER),
                  col("calls_completed_needed", "需接通电话数", "Calls completed needed",
                      T.INTEGER),
                  col("calls_needed", "需拨打电话数", "Calls dialled needed", T.INTEGER),
                  col("weeks", "本月周数", "Weeks in month", T.NUMBER, fmt="0.00"),
                  _CALLS_PER_WEEK, _VISITS_PER_WEEK,
              )),
    ),
    role="output",
)

AUDIT = Sheet(
    "audit", "分解说明", "Audit",
    title_zh="分解说明：方法、权重与每一处取整",
    title_en="How every number was made: method, weights and rounding",
    tables=(
        Table("methods", "方法与权重", "Method and weights", header_row=3, rows=0, output=True,
              columns=(
                  _METRIC, enum("method", "分解方法", "Method", SPLIT_METHODS, width=14),
                  col("annual_target", "年度目标", "Annual target", T.MONEY, fmt="#,##0.##"),
                  col("rounding_unit", "取整单位", "Rounding unit", T.NUMBER, fmt="#,##0.##"),
                  col("units", "单位数", "Units placed", T.INTEGER),
                  col("weight_history", "实绩权重", "Weight: history", T.PERCENT),
                  col("weight_potential", "潜力权重", "Weight: potential", T.PERCENT),
                  col("weight_equal", "平均权重", "Weight: equal", T.PERCENT),
                  enum("season_source", "季节指数来源", "Seasonality from", SEASON_SOURCES,
                       width=16),
                  col("locked_cells", "锁定单元格数", "Locked cells", T.INTEGER),
                  col("locked_total", "锁定合计", "Locked total", T.MONEY, fmt="#,##0.##"),
                  col("rebalance", "重新平衡系数", "Rebalance factor", T.NUMBER, fmt="0.000000"),
                  col("distributed", "分解合计", "Distributed total", T.MONEY, fmt="#,##0.##"),
              )),
        Table("season", "使用的季节指数（合计 12）", "Seasonality used (sums to 12)",
              header_row=5, rows=0, output=True,
              columns=(_METRIC, *_month_columns(T.NUMBER, "0.000"))),
        Table("notes", "说明", "Explanations", header_row=7, rows=0, output=True,
              columns=(_METRIC, col("note", "说明", "Explanation", width=110))),
        Table("rounding", "取整汇总", "Rounding summary", header_row=9, rows=0, output=True,
              columns=(
                  _METRIC, enum("level", "层级", "Level", LEVELS, width=22),
                  col("entries", "项数", "Entries", T.INTEGER),
                  col("rounded_up", "上调", "Rounded up", T.INTEGER),
                  col("rounded_down", "下调", "Rounded down", T.INTEGER),
                  col("exact_hits", "无需取整", "Already whole", T.INTEGER),
                  col("max_adjustment", "最大偏差（单位）", "Largest deviation (units)",
                      T.NUMBER, fmt="0.000"),
                  col("beyond_one", "超过一个单位", "Off by more than one unit", T.INTEGER),
              )),
        Table("levels", "各层取整调整", "Rounding adjustment at each level", header_row=11,
              rows=0, output=True,
              columns=(
                  _METRIC, enum("level", "层级", "Level", LEVELS, width=10), _REGION,
                  col("name", "名称", "Name", width=16),
                  col("exact", "精确份额", "Exact share", T.NUMBER, fmt="#,##0.00", width=15),
                  col("target", "目标值", "Target", T.MONEY, fmt="#,##0.##", width=15),
                  col("adjustment", "取整调整", "Rounding adjustment", T.NUMBER,
                      fmt="#,##0.00"),
                  col("adjustment_units", "调整（单位）", "Adjustment (units)", T.NUMBER,
                      fmt="0.000"),
              )),
        Table("locks", "锁定值", "Locked cells", header_row=13, rows=0, output=True,
              columns=(
                  _METRIC, _REP, _PRODUCT,
                  col("month", "月份", "Month", T.INTEGER, fmt="0"),
                  col("value", "锁定值", "Locked value", T.MONEY, fmt="#,##0.##"),
                  col("cell", "单元格", "Cell", width=20),
              )),
        Table("problems", "输入问题", "Input problems", header_row=15, rows=0, output=True,
              columns=(
                  enum("severity", "级别", "Severity", SEVERITY, width=8),
                  col("sheet", "工作表", "Sheet", width=14),
                  col("cell", "单元格", "Cell", width=10),
                  col("message", "问题", "Problem", width=90),
              )),
    ),
    role="output",
)

TARGETS = WorkbookSpec(
    "targets", "目标", "Targets",
    file_zh="目标分解.xlsx", file_en="targets.xlsx",
    sheets=(SETTINGS, COMPANY, REPS, PRODUCTS, HISTORY, POTENTIAL, SEASONALITY, OVERRIDES,
            ACTUALS, FUNNEL, BREAKDOWN, BY_REP, BY_REGION, BY_PRODUCT, CARDS, PROGRESS,
            ACTIVITY, AUDIT),
    version="1.1",
    description_zh="公司目标按销售员、区域、产品和月份分解。",
    description_en="Company targets broken down by rep, region, product and month.",
)

def metric_choice(metric: str) -> Choice:
    """The metric's entry in the vocabulary (its labels in both languages)."""
    return next(m for m in METRICS if m.key == metric)


def metric_label(metric: str, lang: str) -> str:
    """The metric's name in `lang` (for a cell; a message takes `metric_choice`)."""
    return metric_choice(metric).label(lang)

