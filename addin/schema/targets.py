"""Targets workbook (目标): company targets, who sells what, history and the breakdown output."""

from __future__ import annotations

from .build import T, col, enum, flag, fld
from .model import Sheet, Table, WorkbookSpec
from .vocab import METRICS, MONTHS, SELLER_KINDS, SPLIT_METHODS


def _month_columns(type=T.MONEY):
    return tuple(col(m.key, m.zh, m.en, type, width=11) for m in MONTHS)


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

BREAKDOWN = Sheet(
    "breakdown", "目标分解明细", "Breakdown",
    title_zh="目标分解明细（由 salesbook targets 生成）",
    title_en="Target breakdown (written by salesbook targets)",
    tables=(
        Table(
            "breakdown", "分解明细", "Breakdown", header_row=3, rows=0, output=True,
            columns=(
                enum("metric", "指标", "Metric", METRICS, width=14),
                col("rep", "销售员/经销商", "Rep / distributor", width=16),
                col("region", "区域", "Region", width=12),
                col("product", "产品编号", "Product", width=12),
                col("month", "月份", "Month", T.INTEGER, fmt="0"),
                col("quarter", "季度", "Quarter", width=8),
                col("value", "目标值", "Target", T.MONEY),
            ),
        ),
    ),
    role="output",
)

TARGETS = WorkbookSpec(
    "targets", "目标", "Targets",
    file_zh="目标分解.xlsx", file_en="targets.xlsx",
    sheets=(SETTINGS, COMPANY, REPS, PRODUCTS, HISTORY, POTENTIAL, SEASONALITY, OVERRIDES,
            ACTUALS, BREAKDOWN),
    description_zh="公司目标按销售员、区域、产品和月份分解。",
    description_en="Company targets broken down by rep, region, product and month.",
)
