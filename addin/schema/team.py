"""Team weekly report (销售管理汇报书) and the monthly control report (月度控制)."""

from __future__ import annotations

from .build import T, col, enum, flag, fld, grid
from .metrics import FUNNEL_STAGES, ROLLUP_METRICS
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
    SEVERITY,
    TIERS,
    URGENCY,
)

SETTINGS = Sheet(
    "settings", "设置", "Settings",
    title_zh="团队周报设置", title_en="Team weekly report settings",
    fields=(
        fld("reports_folder", "周报文件夹", "Reports folder", "B3", width=40),
        fld("week", "周次", "Week", "B4", help_en="ISO week, e.g. 2026-W48"),
        fld("commission_rate", "佣金比例", "Commission rate", "B5", T.PERCENT, default=0.05),
        fld("targets_file", "目标分解文件", "Targets breakdown file", "B6"),
        fld("history_file", "历史数据库", "History database", "B7"),
    ),
    role="settings", landscape=False,
)

REP_STATUS_COLUMNS = (
    enum("status", "状态", "Status", REP_STATUS, width=12),
    col("days_reported", "已报天数", "Days reported", T.INTEGER),
    col("working_days", "工作天数", "Working days", T.INTEGER),
    col("blank_required", "必填空白数", "Blank required cells", T.INTEGER),
    col("template_version", "模板版本", "Template version", width=10),
)

TARGET_COLUMNS = (
    col("week_target", "本周目标", "Week target", T.MONEY),
    col("week_achievement", "本周达成率", "Week achievement", T.PERCENT,
        alert_below="week_time_progress"),
    col("week_time_progress", "周时间进度", "Week time elapsed", T.PERCENT),
    col("mtd_actual", "月累计实绩", "Month-to-date actual", T.MONEY),
    col("month_target", "本月目标", "Month target", T.MONEY),
    col("mtd_achievement", "月累计达成率", "Month-to-date achievement", T.PERCENT,
        alert_below="month_time_progress"),
    col("month_time_progress", "月时间进度", "Month time elapsed", T.PERCENT),
)

REPS = Sheet(
    "reps", "业务员汇总", "By Rep",
    title_zh="本周业务员汇总（区域小计、团队合计）",
    title_en="This week by rep (region subtotals, team total)",
    fields=grid(
        [
            ("week", "周次", "Week", T.TEXT),
            ("reps_expected", "应报人数", "Reps expected", T.INTEGER),
            ("reps_reported", "已报人数", "Reps reported", T.INTEGER),
            ("avg_weekly_sales_per_rep", "平均每人每周销售额", "Avg weekly sales per rep", T.MONEY),
            ("generated_at", "生成时间", "Generated", T.TEXT),
            ("commission_rate", "佣金比例", "Commission rate", T.PERCENT),
            ("week_time_progress", "周时间进度", "Week time elapsed", T.PERCENT),
            ("month_time_progress", "月时间进度", "Month time elapsed", T.PERCENT),
        ],
        first_row=3,
    ),
    tables=(
        Table(
            "reps", "业务员", "Reps", header_row=6, rows=0, output=True,
            columns=(
                col("region", "区域", "Region", width=10),
                col("rep", "销售员", "Rep", width=10),
                *REP_STATUS_COLUMNS,
                *ROLLUP_METRICS,
                *TARGET_COLUMNS,
                col("source", "来源文件", "Source file", width=30),
            ),
        ),
    ),
    role="output",
)

DASHBOARD = Sheet(
    "dashboard", "看板", "Dashboard",
    title_zh="本周看板：达成率与时间进度、电话漏斗、拒绝理由",
    title_en="This week at a glance: achievement vs time, the call funnel, objections",
    tables=(
        Table(
            "achievement", "达成率与时间进度", "Achievement vs time elapsed", header_row=3,
            rows=0, output=True,
            columns=(
                col("rep", "销售员", "Rep", width=10),
                col("achievement", "达成率", "Achievement", T.PERCENT,
                    alert_below="time_progress"),
                col("time_progress", "时间进度", "Time elapsed", T.PERCENT),
            ),
        ),
        Table(
            "funnel", "电话漏斗", "Call funnel", header_row=3, first_col=5, rows=0, output=True,
            columns=(
                enum("stage", "环节", "Stage", FUNNEL_STAGES, width=14),
                col("count", "数量", "Count", T.INTEGER),
                col("conversion", "转化率", "From previous", T.PERCENT),
            ),
        ),
    ),
    role="output",
)

DAYS = Sheet(
    "days", "每日明细", "By Day",
    title_zh="每日明细（每个数字都可追溯到业务员的工作表）",
    title_en="Day by day (every figure traceable to the rep's sheet)",
    tables=(
        Table(
            "days", "每日", "Days", header_row=3, rows=0, output=True,
            columns=(
                col("region", "区域", "Region", width=10),
                col("rep", "销售员", "Rep", width=10),
                col("date", "日期", "Date", T.DATE),
                enum("attendance", "出勤", "Attendance", ATTENDANCE, width=10),
                *ROLLUP_METRICS,
                col("source", "来源", "Source", width=36),
            ),
        ),
    ),
    role="output",
)

VISITS = Sheet(
    "visits", "拜访明细", "Visits",
    title_zh="拜访明细", title_en="Every visit",
    tables=(
        Table(
            "visits", "拜访", "Visits", header_row=3, rows=0, output=True,
            columns=(
                col("rep", "销售员", "Rep", width=10),
                col("date", "日期", "Date", T.DATE),
                col("customer_id", "客户编号", "Customer ID", width=12),
                col("customer", "客户", "Customer", width=22),
                enum("purpose", "造访目的", "Purpose", PURPOSES, width=14),
                enum("outcome", "洽谈结果", "Outcome", OUTCOMES, width=16),
                col("order_amount", "订货金额", "Order amount", T.MONEY),
                col("collected_amount", "收款金额", "Collected", T.MONEY),
                flag("new_customer", "新用户", "New customer"),
                enum("objection", "拒绝理由", "Objection", OBJECTIONS, width=24),
                col("cell", "单元格", "Cell", width=30),
            ),
        ),
    ),
    role="output",
)

COMPETITORS = Sheet(
    "competitors", "竞争动态", "Competitors",
    title_zh="竞争者动态与用户反应", title_en="Competitor moves and customer feedback",
    tables=(
        Table(
            "notes", "动态", "Notes", header_row=3, rows=0, output=True,
            columns=(
                col("date", "日期", "Date", T.DATE),
                col("rep", "销售员", "Rep", width=10),
                col("customer", "客户", "Customer", width=20),
                col("competitor_info", "竞争者市场信息", "Competitor info", width=36),
                col("customer_feedback", "用户反应意见", "Customer feedback", width=30),
                col("customer_news", "用户最新动态", "Customer news", width=30),
                col("cell", "单元格", "Cell", width=22),
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
                col("rep", "销售员", "Rep", width=10),
                enum("report_type", "类别", "Type", MARKET_REPORT_TYPES, width=16),
                col("customer", "客户/对象", "Customer / party", width=20),
                col("details", "情况描述", "Details", width=40),
                col("action_taken", "处理措施", "Action taken", width=30),
                enum("urgency", "紧急程度", "Urgency", URGENCY, width=10),
                enum("status", "状态", "Status", REPORT_STATUS, width=10),
                col("cell", "单元格", "Cell", width=22),
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
                col("date", "日期", "Date", T.DATE),
                col("rep", "销售员", "Rep", width=10),
                col("customer_id", "客户编号", "Customer ID", width=12),
                col("customer", "客户", "Customer", width=20),
                enum("reason", "异常原因", "Reason", ABNORMAL_REASONS, width=16),
                col("details", "说明", "Details", width=40),
                col("cell", "单元格", "Cell", width=22),
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

NEXT_WEEK = Sheet(
    "next_week", "下周计划", "Next Week",
    title_zh="下周目标与计划", title_en="Next week's targets and plan",
    tables=(
        Table(
            "plan", "计划", "Plan", header_row=3, rows=0, output=True,
            columns=(
                col("rep", "销售员", "Rep", width=10),
                col("date", "日期", "Date", T.DATE),
                col("planned_time", "时间", "Time", T.TIME),
                col("customer_id", "客户编号", "Customer ID", width=12),
                col("customer", "客户", "Customer", width=20),
                enum("kind", "方式", "Kind", CONTACT_KINDS, width=8),
                enum("purpose", "目的", "Purpose", PURPOSES, width=14),
                enum("tier", "等级", "Tier", TIERS, width=8),
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
                col("visited", "已拜访客户数", "Customers visited", T.INTEGER),
                col("visit_rate", "执行率", "Visited / planned", T.PERCENT),
            ),
        ),
    ),
    role="output",
)

PROBLEMS = Sheet(
    "problems", "问题清单", "Problems",
    title_zh="问题清单（跳过的文件与单元格）", title_en="Problems (skipped files and cells)",
    tables=(
        Table(
            "problems", "问题", "Problems", header_row=3, rows=0, output=True,
            columns=(
                enum("severity", "级别", "Severity", SEVERITY, width=8),
                col("file", "文件", "File", width=30),
                col("sheet", "工作表", "Sheet", width=14),
                col("cell", "单元格", "Cell", width=8),
                col("message", "说明", "Message", width=70),
            ),
        ),
    ),
    role="output",
)

TEAM_WEEKLY = WorkbookSpec(
    "team_weekly", "销售管理汇报书", "Team weekly report",
    file_zh="销售管理汇报书.xlsx", file_en="team-weekly.xlsx",
    sheets=(SETTINGS, REPS, DASHBOARD, COMPETITORS, MARKET, ABNORMAL, OBJECTION_PARETO,
            NEXT_WEEK, COVERAGE, DAYS, VISITS, PROBLEMS),
    description_zh="团队每周汇报：业务员汇总、区域小计、竞争动态、异常客户、问题清单。",
    description_en="The team's week: figures per rep and region, competitor moves, abnormal "
                   "customers, problems.",
)
