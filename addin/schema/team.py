"""Team weekly report (销售管理汇报书).

The same workbook is the manager's control panel and the week's report: its settings and
roster sheets are typed by the manager (the reports folder, the targets breakdown, who
should report); the rollup fills the rest. It opens on the dashboard; each table a manager
prints fits an A4 page across at a legible size: targets and achievement, visit activity,
the call funnel and report compliance are separate tables, each with region subtotals and
the team total.
"""

from __future__ import annotations

from .build import T, col, enum, flag, fld, grid
from .common import (
    CELL,
    CUSTOMER,
    CUSTOMER_ID,
    DATE,
    GENERATED_AT,
    ORDER_AMOUNT,
    REGION,
    REP,
    SOURCE,
    SUPERVISOR,
    but,
    problems_sheet,
)
from .metrics import FUNNEL_COLUMNS, FUNNEL_STAGES, ROLLUP_METRICS, metrics
from .model import Sheet, Table, WorkbookSpec
from .vocab import (
    ABNORMAL_REASONS,
    ATTENDANCE,
    CONTACT_KINDS,
    MARKET_REPORT_TYPES,
    OBJECTIONS,
    OUTCOMES,
    PURPOSES,
    REP_STATUS,
    REPORT_STATUS,
    TIERS,
    URGENCY,
)

SETTINGS = Sheet(
    "settings", "设置", "Settings",
    title_zh="团队周报设置", title_en="Team weekly report settings",
    fields=(
        fld("reports_folder", "周报文件夹", "Reports folder", "B3", width=40),
        fld("week", "周次", "Week", "B4", help_en="ISO week, e.g. 2026-W48"),
        fld("commission_rate", "佣金比例", "Commission rate", "B5", T.PERCENT, default=0.05,
            help_en="the share of sales paid as commission; gives the commission per call"),
        fld("targets_file", "目标分解文件", "Targets breakdown file", "B6"),
        fld("history_file", "历史数据库", "History store", "B7",
            aliases=("History database",)),
    ),
    role="settings", landscape=False,
)

ROSTER = Sheet(
    "roster", "名单", "Roster",
    title_zh="应交周报的销售员名单", title_en="Who should send a weekly workbook",
    tables=(
        Table(
            "roster", "名单", "Roster", header_row=3, rows=60,
            columns=(
                but(REP, required=True), but(REGION, required=True), SUPERVISOR,
                flag("active", "在职", "Active", width=8,
                     help_en="blank counts as yes; no: not expected to report"),
            ),
        ),
    ),
    role="settings",
)

_STATUS = enum("status", "状态", "Status", REP_STATUS, width=11)
_PROGRESS = {p: col(f"{p}_time_progress", f"本{zh}时间进度", f"{en} time elapsed", T.PERCENT)
             for p, zh, en in (("week", "周", "Week"), ("month", "月", "Month"),
                               ("year", "年", "Year"))}
_WHO = (REGION, REP, _STATUS)
# the period figures: one target per period, its actual (the order amount) and achievement;
# where the targets, the roster and the history came from, each on a line of its own
_PERIOD_FIELDS = (
    *grid([("week", "周次", "Week", T.TEXT), GENERATED_AT, *_PROGRESS.values()],
          first_row=3, pairs=5),
    fld("target_source", "目标来源", "Targets from", "B4", merge_to="L4"),
    fld("roster_source", "名单来源", "Roster from", "B5", merge_to="L5"),
    fld("history_coverage", "历史数据覆盖", "History covers", "B6", merge_to="L6"),
)


WHOLE_MONEY = "#,##0"  # targets are whole currency units; their orders shown alike


def period_columns(period: str, actual: str, labels: tuple[str, ...], progress: str
                   ) -> tuple:
    """A period's target (the whole period's), its orders to date and the achievement,
    red when behind the share of the period gone."""
    target_zh, target_en, actual_zh, actual_en, ach_zh, ach_en = labels
    return (
        col(f"{period}_target", target_zh, target_en, T.MONEY, fmt=WHOLE_MONEY),
        col(f"{actual}_actual", actual_zh, actual_en, T.MONEY, fmt=WHOLE_MONEY,
            help_en="the order amount from the period's first day to the report's date"),
        col(f"{actual}_achievement", ach_zh, ach_en, T.PERCENT, alert_below=progress,
            help_en=f"{actual}_actual / {period}_target; red when behind the time elapsed"),
    )


WEEK_COLUMNS = period_columns("week", "week", ("本周目标", "Week target", "本周订货",
                                               "Week orders", "本周达成率",
                                               "Week achievement"), "week_time_progress")
MONTH_COLUMNS = period_columns("month", "mtd", ("本月目标", "Month target", "月累计订货",
                                                "Month-to-date orders", "月累计达成率",
                                                "Month-to-date achievement"),
                               "month_time_progress")
YEAR_COLUMNS = period_columns("year", "ytd", ("年度目标", "Year target", "年累计订货",
                                              "Year-to-date orders", "年累计达成率",
                                              "Year-to-date achievement"), "year_time_progress")
TARGET_COLUMNS = (*WEEK_COLUMNS, *MONTH_COLUMNS, *YEAR_COLUMNS)

TARGETS = Sheet(
    "targets", "目标达成", "Targets",
    title_zh="目标与达成（本周、月累计、年累计，按区域小计与团队合计）",
    title_en="Targets and achievement: the week, month to date, year to date",
    fields=_PERIOD_FIELDS,
    tables=(Table("targets", "目标达成", "Targets", header_row=8, rows=0, output=True,
                  columns=(*_WHO, *TARGET_COLUMNS)),),
    role="output",
)

ACTIVITY = Sheet(
    "activity", "造访活动", "Activity",
    title_zh="本周造访活动（按区域小计与团队合计）",
    title_en="This week's visits (region subtotals, team total)",
    fields=grid([("week", "周次", "Week", T.TEXT),
                 ("reps_expected", "应报人数", "Reps expected", T.INTEGER),
                 ("reps_reported", "已报人数", "Reps reported", T.INTEGER),
                 ("avg_weekly_sales_per_rep", "平均每人每周销售额", "Avg weekly sales per rep",
                  T.MONEY)], first_row=3),
    tables=(Table("reps", "造访活动", "Activity", header_row=5, rows=0, output=True,
                  columns=(*_WHO, *metrics(
                      "visits_planned", "visits_made", "plan_completion_rate",
                      "effective_visits", "effective_visit_rate", "orders",
                      "transaction_rate", "order_amount", "collections", "new_customers",
                      "selling_hours", "sales_per_hour", "expenses"))),),
    role="output", aliases=("业务员汇总", "By Rep"),
)

FUNNEL = Sheet(
    "funnel", "电话漏斗", "Call Funnel",
    title_zh="电话开发漏斗（按区域小计与团队合计）",
    title_en="Prospecting calls, by rep (region subtotals, team total)",
    fields=grid([("week", "周次", "Week", T.TEXT),
                 ("commission_rate", "佣金比例", "Commission rate", T.PERCENT)], first_row=3),
    tables=(Table("funnel", "电话漏斗", "Call funnel", header_row=5, rows=0, output=True,
                  columns=(*_WHO, *FUNNEL_COLUMNS,
                           *metrics("sales_per_call", "commission_per_call"))),),
    role="output",
)

COMPLIANCE = Sheet(
    "compliance", "报告合规", "Compliance",
    title_zh="周报提交情况（及时、完整）", title_en="Reports sent: on time and complete",
    tables=(Table("compliance", "报告合规", "Compliance", header_row=3, rows=0, output=True,
                  columns=(*_WHO,
                           col("days_reported", "已报天数", "Days reported", T.INTEGER),
                           col("working_days", "工作天数", "Working days", T.INTEGER),
                           col("blank_required", "必填空白数", "Blank required cells",
                               T.INTEGER),
                           col("template_version", "模板版本", "Template version", width=10),
                           SOURCE)),),
    role="output",
)

DASHBOARD = Sheet(
    "dashboard", "本周看板", "Dashboard",
    title_zh="本周看板：团队达成与时间进度、电话漏斗、拒绝理由",
    title_en="This week at a glance: the team against its targets, the call funnel, "
             "objections",
    fields=grid([
        ("week", "周次", "Week", T.TEXT),
        ("reps_reported", "已报人数", "Reps reported", T.INTEGER),
        ("reps_expected", "应报人数", "Reps expected", T.INTEGER),
        ("missing_reps", "未报", "Not reported", T.TEXT, {"width": 30}),
        *WEEK_COLUMNS, _PROGRESS["week"],
        *MONTH_COLUMNS, _PROGRESS["month"],
        *YEAR_COLUMNS, _PROGRESS["year"],
    ], first_row=3),
    tables=(
        Table(
            "achievement", "各人达成率", "Achievement by rep", header_row=9, rows=0,
            output=True,
            columns=(
                REP,
                col("achievement", "达成率", "Achievement", T.PERCENT,
                    alert_below="time_progress"),
                col("time_progress", "时间进度", "Time elapsed", T.PERCENT),
                _STATUS,
            ),
        ),
        Table(
            "funnel", "电话漏斗", "Call funnel", header_row=9, first_col=6, rows=0,
            output=True,
            columns=(
                enum("stage", "环节", "Stage", FUNNEL_STAGES, width=14),
                col("count", "数量", "Count", T.INTEGER),
                col("conversion", "转化率", "From previous", T.PERCENT),
            ),
        ),
    ),
    role="output", aliases=("看板",),
)

DAYS = Sheet(
    "days", "每日明细", "By Day",
    title_zh="每日明细（每个数字都可追溯到销售员的工作表）",
    title_en="Day by day (every figure traceable to the rep's sheet)",
    tables=(
        Table(
            "days", "每日", "Days", header_row=3, rows=0, output=True,
            columns=(
                REGION, REP, DATE,
                enum("attendance", "出勤", "Attendance", ATTENDANCE, width=10),
                *ROLLUP_METRICS,
                but(SOURCE, width=36),
            ),
        ),
    ),
    role="output",
)

VISITS = Sheet(
    "visits", "造访明细", "Visits",
    title_zh="造访明细", title_en="Every visit", aliases=("拜访明细",),
    tables=(
        Table(
            "visits", "造访", "Visits", header_row=3, rows=0, output=True,
            columns=(
                REP, DATE, CUSTOMER_ID, but(CUSTOMER, width=22),
                enum("purpose", "造访目的", "Purpose", PURPOSES, width=14),
                enum("outcome", "洽谈结果", "Outcome", OUTCOMES, width=16),
                ORDER_AMOUNT,
                col("collected_amount", "收款金额", "Collected", T.MONEY),
                flag("new_customer", "新用户", "New customer"),
                enum("objection", "拒绝理由", "Objection", OBJECTIONS, width=24),
                but(CELL, width=30),
            ),
        ),
    ),
    role="output",
)

_NOTE = {"width": 36}
COMPETITORS = Sheet(
    "competitors", "竞争动态", "Competitors",
    title_zh="竞争者动态与用户反应", title_en="Competitor moves and customer feedback",
    tables=(
        Table(
            "notes", "动态", "Notes", header_row=3, rows=0, output=True,
            columns=(
                DATE, REP, CUSTOMER,
                col("competitor_info", "竞争者市场信息", "Competitor info", **_NOTE),
                col("customer_feedback", "用户反应意见", "Customer feedback", **_NOTE),
                col("customer_news", "用户最新动态", "Customer news", **_NOTE),
                CELL,
            ),
        ),
    ),
    role="output",
)

MARKET = Sheet(
    "market", "市场情况", "Market Reports",
    title_zh="市场情况反应与客诉汇报", title_en="Market situation and complaint reports",
    tables=(
        Table(
            "reports", "汇报", "Reports", header_row=3, rows=0, output=True,
            columns=(
                col("report_date", "日期", "Date", T.DATE),
                REP,
                enum("report_type", "类别", "Type", MARKET_REPORT_TYPES, width=16),
                col("customer", "客户/对象", "Customer / party", width=20),
                col("details", "情况描述", "Details", width=40),
                col("action_taken", "处理措施", "Action taken", width=30),
                enum("urgency", "紧急程度", "Urgency", URGENCY, width=10),
                enum("status", "状态", "Status", REPORT_STATUS, width=10),
                CELL,
            ),
        ),
    ),
    role="output",
)

ABNORMAL = Sheet(
    "abnormal", "异常客户", "Abnormal Customers",
    title_zh="异常客户及处理", title_en="Abnormal customers and handling",
    tables=(
        Table(
            "customers", "异常客户", "Abnormal customers", header_row=3, rows=0, output=True,
            columns=(
                DATE, REP, CUSTOMER_ID, CUSTOMER,
                enum("reason", "异常原因", "Reason", ABNORMAL_REASONS, width=16),
                col("details", "说明", "Details", width=40),
                CELL,
            ),
        ),
    ),
    role="output",
)

OBJECTION_PARETO = Sheet(
    "objections", "拒绝理由", "Objections",
    title_zh="拒绝理由排列图", title_en="Objections (Pareto)",
    tables=(
        Table(
            "pareto", "拒绝理由", "Objections", header_row=3, rows=0, output=True,
            columns=(
                enum("objection", "拒绝理由", "Objection", OBJECTIONS, width=28),
                col("count", "次数", "Count", T.INTEGER),
                col("share", "占比", "Share", T.PERCENT),
                col("cumulative_share", "累计占比", "Cumulative share", T.PERCENT),
            ),
        ),
    ),
    role="output",
)

_DAY_COUNT = {"width": 7}
NEXT_WEEK = Sheet(
    "next_week", "下周计划", "Next Week",
    title_zh="下周计划：每人每天的造访与电话数（明细在下方，不打印）",
    title_en="Next week's plan: visits and calls per rep and day (the list below is not "
             "printed)",
    tables=(
        Table(
            "counts", "每人每天", "Per rep and day", header_row=3, rows=0, output=True,
            columns=(
                REGION, REP,
                enum("kind", "方式", "Kind", CONTACT_KINDS, width=8),
                *(col(d, zh, en, T.INTEGER, **_DAY_COUNT) for d, zh, en in (
                    ("mon", "周一", "Mon"), ("tue", "周二", "Tue"), ("wed", "周三", "Wed"),
                    ("thu", "周四", "Thu"), ("fri", "周五", "Fri"), ("sat", "周六", "Sat"))),
                col("total", "合计", "Total", T.INTEGER, **_DAY_COUNT),
            ),
        ),
        Table(
            "plan", "计划明细", "Every planned contact", header_row=3, first_col=13, rows=0,
            output=True, printed=False,
            columns=(
                REP, DATE,
                col("planned_time", "时间", "Time", T.TIME),
                CUSTOMER_ID, CUSTOMER,
                enum("kind", "方式", "Kind", CONTACT_KINDS, width=8),
                enum("purpose", "造访目的", "Purpose", PURPOSES, width=14),
                enum("tier", "客户等级", "Tier", TIERS, width=8),
            ),
        ),
    ),
    role="output",
)

COVERAGE = Sheet(
    "coverage", "分级覆盖", "Coverage",
    title_zh="应联系客户覆盖率（按等级）", title_en="Coverage of due customers by tier",
    tables=(
        Table(
            "coverage", "覆盖率", "Coverage", header_row=3, rows=0, output=True,
            columns=(
                enum("tier", "客户等级", "Tier", TIERS, width=10),
                col("planned", "计划客户数", "Customers planned", T.INTEGER),
                col("visited", "已造访客户数", "Customers visited", T.INTEGER,
                    aliases=("已拜访客户数",)),
                col("visit_rate", "执行率", "Visited / planned", T.PERCENT),
            ),
        ),
    ),
    role="output",
)

PROBLEMS = problems_sheet()

TEAM_WEEKLY = WorkbookSpec(
    "team_weekly", "销售管理汇报书", "Team weekly report",
    file_zh="销售管理汇报书.xlsx", file_en="team-weekly.xlsx",
    sheets=(DASHBOARD, TARGETS, ACTIVITY, FUNNEL, COMPLIANCE, COMPETITORS, MARKET, ABNORMAL,
            OBJECTION_PARETO, NEXT_WEEK, COVERAGE, DAYS, VISITS, PROBLEMS, ROSTER, SETTINGS),
    version="2.0",
    description_zh="团队每周汇报：目标达成、造访活动、电话漏斗、报告合规、竞争动态、异常客户、"
                   "问题清单；设置与名单由经理填写。",
    description_en="The team's week: targets and achievement, visits, the call funnel, report "
                   "compliance, competitor moves, abnormal customers, problems; the manager "
                   "types the settings and the roster.",
)
