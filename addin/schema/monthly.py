"""Monthly control (月度控制) for senior managers, from the history store: the month, the
quarter and the year to date against their targets and the time elapsed, by rep with
region subtotals and the team total; the month's visits by rep; the month week by week."""

from __future__ import annotations

from .build import T, col, enum, fld, grid
from .common import GENERATED_AT, REGION, REP, WEEK, problems_sheet
from .metrics import metrics
from .model import Sheet, Table, WorkbookSpec
from .team import YEAR_COLUMNS, period_columns
from .vocab import PACE, REP_STATUS

_STATUS = enum("status", "状态", "Status", REP_STATUS, width=11)

TARGETS = Sheet(
    "targets", "月度达成", "Targets",
    title_zh="月度控制：本月、季累计、年累计达成与时间进度",
    title_en="Monthly control: the month, quarter and year to date against time elapsed",
    fields=(
        *grid([("month", "月份", "Month", T.TEXT),
               GENERATED_AT,
               ("days_in_history", "已汇总人天", "Rep-days on record", T.INTEGER),
               ("month_time_progress", "本月时间进度", "Month time elapsed", T.PERCENT),
               ("quarter_time_progress", "本季时间进度", "Quarter time elapsed", T.PERCENT),
               ("year_time_progress", "本年时间进度", "Year time elapsed", T.PERCENT)],
              first_row=3, pairs=6),
        fld("target_source", "目标来源", "Targets from", "B4", merge_to="L4"),
        fld("roster_source", "名单来源", "Roster from", "B5", merge_to="L5"),
        fld("history_coverage", "历史数据覆盖", "History covers", "B6", merge_to="L6"),
    ),
    tables=(
        Table(
            "targets", "月度达成", "Targets", header_row=8, rows=0, output=True,
            columns=(
                REGION, REP, _STATUS,
                *period_columns("month", "month", (
                    "本月目标", "Month target", "本月订货", "Month orders", "本月达成率",
                    "Month achievement"), "month_time_progress"),
                *period_columns("quarter", "qtd", (
                    "本季目标", "Quarter target", "季累计订货", "Quarter-to-date orders",
                    "季累计达成率", "Quarter-to-date achievement"), "quarter_time_progress"),
                *YEAR_COLUMNS,
                enum("behind_pace", "落后于时间进度", "Behind pace", PACE, width=12),
            ),
        ),
    ),
    role="output", aliases=("业务员月度", "By Rep"),
)

ACTIVITY = Sheet(
    "activity", "月度活动", "Activity",
    title_zh="本月造访活动（按区域小计与团队合计）",
    title_en="The month's visits (region subtotals, team total)",
    tables=(
        Table(
            "reps", "月度活动", "Activity", header_row=3, rows=0, output=True,
            columns=(
                REGION, REP, _STATUS,
                col("days_reported", "已报天数", "Days reported", T.INTEGER),
                *metrics("visits_planned", "visits_made", "plan_completion_rate",
                         "effective_visits", "effective_visit_rate", "orders",
                         "transaction_rate", "order_amount", "collections", "new_customers",
                         "selling_hours", "sales_per_hour"),
            ),
        ),
    ),
    role="output",
)

WEEKS = Sheet(
    "weeks", "按周", "By Week",
    title_zh="月度控制：团队按周", title_en="Monthly control: the team week by week",
    tables=(
        Table(
            "weeks", "按周", "Weeks", header_row=3, rows=0, output=True,
            columns=(
                WEEK,
                col("date_from", "起", "From", T.DATE),
                col("date_to", "止", "To", T.DATE),
                col("reps_reported", "已报人数", "Reps reported", T.INTEGER),
                *metrics("visits_planned", "visits_made", "effective_visit_rate",
                         "transaction_rate", "order_amount", "collections", "new_customers",
                         "calls_dialled", "sales_closed", "sales_amount"),
            ),
        ),
    ),
    role="output",
)

REP_WEEKS = Sheet(
    "rep_weeks", "销售员按周", "Rep by Week",
    title_zh="销售员逐周订货金额与有效造访率", title_en="Each rep week by week",
    aliases=("业务员按周",),
    tables=(
        Table(
            "rep_weeks", "逐周", "Weeks", header_row=3, rows=0, output=True,
            columns=(REP, WEEK, *metrics("visits_made", "effective_visit_rate",
                                         "order_amount", "collections")),
        ),
    ),
    role="output",
)

MONTHLY = WorkbookSpec(
    "monthly", "月度控制", "Monthly control",
    file_zh="月度控制.xlsx", file_en="monthly-control.xlsx",
    sheets=(TARGETS, ACTIVITY, WEEKS, REP_WEEKS, problems_sheet()),
    version="2.0",
    description_zh="高层主管的月度控制：月、季、年累计达成率与时间进度。",
    description_en="For senior managers: month, quarter and year to date against time elapsed.",
)
