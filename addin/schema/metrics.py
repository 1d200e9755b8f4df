"""The figures a weekly rollup computes, one definition each.

The same columns appear in a rep's weekly summary, the team report, the history store
and `salesbook rollup --json`, so they are defined once here; `help_en` is the
definition the docs print.
"""

from __future__ import annotations

from .build import T, col
from .model import Choice

ROLLUP_METRICS = (
    col("visits_planned", "计划拜访数", "Visits planned", T.INTEGER,
        help_en="contacts of kind visit on the visit-plan tabs"),
    col("visits_made", "实际拜访数", "Visits made", T.INTEGER,
        help_en="visit rows on the daily-report tabs"),
    col("plan_completion_rate", "计划完成率", "Plan completion", T.PERCENT,
        help_en="visits_made / visits_planned"),
    col("effective_visits", "有效拜访数", "Effective visits", T.INTEGER,
        help_en="visits whose outcome the schema marks effective"),
    col("effective_visit_rate", "有效造访率", "Effective visit rate", T.PERCENT,
        help_en="effective_visits / visits_made"),
    col("orders", "成交拜访数", "Visits with order", T.INTEGER,
        help_en="visits with an order amount > 0"),
    col("transaction_rate", "交易率", "Transaction rate", T.PERCENT,
        help_en="orders / visits_made"),
    col("order_amount", "订货金额", "Order amount", T.MONEY, help_en="sum of order_amount"),
    col("collections", "收款金额", "Collections", T.MONEY, help_en="sum of collected_amount"),
    col("day_target", "目标金额", "Target", T.MONEY, help_en="sum of the days' targets"),
    col("achievement_rate", "目标达成率", "Achievement", T.PERCENT, alert_below=1.0,
        help_en="order_amount / day_target"),
    col("expenses", "费用", "Expenses", T.MONEY, help_en="sum of the days' expenses"),
    col("selling_hours", "销售时数", "Selling hours", T.NUMBER,
        help_en="sum of the days' selling hours"),
    col("sales_per_hour", "每小时销售额", "Sales per hour", T.MONEY,
        help_en="order_amount / selling_hours (ROI = sales / selling time)"),
    col("new_customers", "新用户数", "New customers", T.INTEGER,
        help_en="distinct customers flagged new"),
    col("calls_dialled", "拨打电话数", "Calls dialled", T.INTEGER, help_en="sum"),
    col("calls_completed", "接通电话数", "Calls completed", T.INTEGER, help_en="sum"),
    col("appointments", "约见数", "Appointments", T.INTEGER, help_en="sum"),
    col("presentations", "产品介绍数", "Presentations", T.INTEGER, help_en="sum"),
    col("sales_closed", "成交笔数", "Sales closed", T.INTEGER, help_en="sum"),
    col("sales_amount", "成交金额", "Sales amount", T.MONEY, help_en="sum"),
    col("sales_per_call", "每通电话销售额", "Sales per call", T.MONEY,
        help_en="sales_amount / calls_dialled"),
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

# the call funnel's stages, as a choice list (the dashboard's funnel table)
FUNNEL_STAGES = tuple(Choice(c.key, c.zh, c.en) for c in ROLLUP_METRICS
                      if c.key in ("calls_dialled", "calls_completed", "appointments",
                                   "presentations", "sales_closed"))
