"""The figures a weekly rollup computes, one definition each.

The same columns appear in a rep's weekly summary, the team report, the monthly control,
the history store and `salesbook rollup --json`, so they are defined once here; `help_en`
is the definition the docs print.

One measure of sales counts towards every target: the order amount (订货金额), every order
taken, on a visit or on the phone (a sale closed on the phone is entered as a row of the
day's visit table too). The call funnel's sales amount (电话开发成交额) says how much of it
came from prospecting calls; it is never added to the order amount again.
"""

from __future__ import annotations

from .build import T, col
from .model import Choice

VISITS_PLANNED = col("visits_planned", "计划造访数", "Visits planned", T.INTEGER,
                     aliases=("计划拜访数", "计划拜访"),
                     help_en="contacts of kind visit on the visit-plan tabs")
ORDER_AMOUNT = col("order_amount", "订货金额", "Order amount", T.MONEY,
                   help_en="every order taken, on a visit or on the phone (a sale closed on "
                           "the phone is a row of the visit table too): the sales that count "
                           "towards every target")
DAY_TARGET = col("day_target", "当日目标", "Day target", T.MONEY,
                 aliases=("目标金额", "Target"),
                 help_en="the target the rep typed for the day (the week's target when no "
                         "targets breakdown is given)")
SALES_AMOUNT = col("sales_amount", "电话开发成交额", "Sales from prospecting calls", T.MONEY,
                   aliases=("成交金额", "Sales amount"),
                   help_en="the part of the order amount that came from prospecting calls "
                           "(already in the order amount; never added to it)")
FUNNEL_COLUMNS = (
    col("calls_dialled", "拨打电话数", "Calls dialled", T.INTEGER, help_en="sum"),
    col("calls_completed", "接通电话数", "Calls completed", T.INTEGER, help_en="sum"),
    col("appointments", "约见数", "Appointments", T.INTEGER, help_en="sum"),
    col("presentations", "产品介绍数", "Presentations", T.INTEGER, help_en="sum"),
    col("sales_closed", "成交笔数", "Sales closed", T.INTEGER,
        help_en="sales closed from prospecting calls"),
    SALES_AMOUNT,
)

ROLLUP_METRICS = (
    VISITS_PLANNED,
    col("visits_made", "实际造访数", "Visits made", T.INTEGER, aliases=("实际拜访数",),
        help_en="visit rows on the daily-report tabs"),
    col("plan_completion_rate", "计划完成率", "Plan completion", T.PERCENT,
        help_en="visits_made / visits_planned"),
    col("effective_visits", "有效造访数", "Effective visits", T.INTEGER, aliases=("有效拜访数",),
        help_en="visits whose outcome the schema marks effective"),
    col("effective_visit_rate", "有效造访率", "Effective visit rate", T.PERCENT,
        help_en="effective_visits / visits_made"),
    col("orders", "订货造访数", "Visits with order", T.INTEGER, aliases=("成交拜访数",),
        help_en="visits with an order amount > 0"),
    col("transaction_rate", "交易率", "Transaction rate", T.PERCENT,
        help_en="orders / visits_made"),
    ORDER_AMOUNT,
    col("collections", "收款金额", "Collections", T.MONEY, help_en="sum of collected_amount"),
    DAY_TARGET,
    col("achievement_rate", "当日目标达成率", "Day-target achievement", T.PERCENT,
        alert_below=1.0, aliases=("目标达成率", "Achievement"),
        help_en="order_amount / day_target"),
    col("expenses", "费用", "Expenses", T.MONEY, help_en="sum of the days' expenses"),
    col("selling_hours", "销售时数", "Selling hours", T.NUMBER,
        help_en="sum of the days' selling hours"),
    col("sales_per_hour", "每小时销售额", "Sales per hour", T.MONEY,
        help_en="order_amount / selling_hours (ROI = sales / selling time)"),
    col("new_customers", "新用户数", "New customers", T.INTEGER,
        help_en="distinct customers flagged new"),
    *FUNNEL_COLUMNS,
    col("sales_per_call", "每通电话成交额", "Sales per call", T.MONEY,
        aliases=("每通电话销售额",), help_en="sales_amount / calls_dialled"),
    col("commission_per_call", "每通电话佣金", "Commission per call", T.MONEY,
        help_en="sales_per_call × commission rate (a team setting)"),
)

# ratio -> (numerator, denominator); a zero or missing denominator gives an empty cell
RATIOS: dict[str, tuple[str, str]] = {
    "plan_completion_rate": ("visits_made", "visits_planned"),
    "effective_visit_rate": ("effective_visits", "visits_made"),
    "transaction_rate": ("orders", "visits_made"),
    "achievement_rate": ("order_amount", "day_target"),
    "sales_per_hour": ("order_amount", "selling_hours"),
    "sales_per_call": ("sales_amount", "calls_dialled"),
}

METRIC_KEYS = tuple(c.key for c in ROLLUP_METRICS)
ADDITIVE_KEYS = tuple(
    k for k in METRIC_KEYS if k not in RATIOS and k != "commission_per_call"
)
METRICS_BY_KEY = {c.key: c for c in ROLLUP_METRICS}


def metrics(*keys: str) -> tuple:
    """The metric columns named, in that order (a report table's choice of figures)."""
    return tuple(METRICS_BY_KEY[k] for k in keys)


# the call funnel's stages, as a choice list (the dashboard's funnel table)
FUNNEL_STAGES = tuple(Choice(c.key, c.zh, c.en) for c in FUNNEL_COLUMNS[:5])
