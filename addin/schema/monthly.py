"""Monthly control report (月度控制) for senior managers, read from the history store."""

from __future__ import annotations

from .build import T, col, enum, grid
from .metrics import ROLLUP_METRICS
from .model import Sheet, Table, WorkbookSpec
from .team import PROBLEMS
from .vocab import PACE

PERIOD_COLUMNS = (
    col("month_target", "本月目标", "Month target", T.MONEY),
    col("month_achievement", "本月达成率", "Month achievement", T.PERCENT,
        alert_below="month_time_progress"),
    col("qtd_actual", "季累计实绩", "Quarter-to-date actual", T.MONEY),
    col("quarter_target", "本季目标", "Quarter target", T.MONEY),
    col("qtd_achievement", "季累计达成率", "Quarter-to-date achievement", T.PERCENT,
        alert_below="quarter_time_progress"),
    col("ytd_actual", "年累计实绩", "Year-to-date actual", T.MONEY),
    col("year_target", "年度目标", "Year target", T.MONEY),
    col("ytd_achievement", "年累计达成率", "Year-to-date achievement", T.PERCENT,
        alert_below="year_time_progress"),
    enum("behind_pace", "落后于时间进度", "Behind pace", PACE, width=14),
)

REPS = Sheet(
    "reps", "业务员月度", "By Rep",
    title_zh="月度控制：业务员", title_en="Monthly control: by rep",
    fields=grid(
        [
            ("month", "月份", "Month", T.TEXT),
            ("generated_at", "生成时间", "Generated", T.TEXT),
            ("days_in_history", "已汇总天数", "Rep-days on record", T.INTEGER),
            ("month_time_progress", "月时间进度", "Month time elapsed", T.PERCENT),
            ("quarter_time_progress", "季时间进度", "Quarter time elapsed", T.PERCENT),
            ("year_time_progress", "年时间进度", "Year time elapsed", T.PERCENT),
        ],
        first_row=3,
        pairs=3,
    ),
    tables=(
        Table(
            "reps", "业务员", "Reps", header_row=6, rows=0, output=True,
            columns=(
                col("region", "区域", "Region", width=10),
                col("rep", "销售员", "Rep", width=10),
                col("days_reported", "已报天数", "Days reported", T.INTEGER),
                *ROLLUP_METRICS,
                *PERIOD_COLUMNS,
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
                col("week", "周次", "Week", width=10),
                col("date_from", "起", "From", T.DATE),
                col("date_to", "止", "To", T.DATE),
                col("reps_reported", "已报人数", "Reps reported", T.INTEGER),
                *ROLLUP_METRICS,
            ),
        ),
    ),
    role="output",
)

REP_WEEKS = Sheet(
    "rep_weeks", "业务员按周", "Rep by Week",
    title_zh="业务员逐周订货额与有效造访率", title_en="Each rep week by week",
    tables=(
        Table(
            "rep_weeks", "逐周", "Weeks", header_row=3, rows=0, output=True,
            columns=(
                col("rep", "销售员", "Rep", width=10),
                col("week", "周次", "Week", width=10),
                col("visits_made", "实际拜访数", "Visits made", T.INTEGER),
                col("effective_visit_rate", "有效造访率", "Effective visit rate", T.PERCENT),
                col("order_amount", "订货金额", "Order amount", T.MONEY),
                col("collections", "收款金额", "Collections", T.MONEY),
            ),
        ),
    ),
    role="output",
)

MONTHLY = WorkbookSpec(
    "monthly", "月度控制", "Monthly control",
    file_zh="月度控制.xlsx", file_en="monthly-control.xlsx",
    sheets=(REPS, WEEKS, REP_WEEKS, PROBLEMS),
    description_zh="高层主管的月度控制：月、季、年累计达成率与时间进度。",
    description_en="For senior managers: month, quarter and year to date against time elapsed.",
)
