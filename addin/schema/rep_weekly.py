"""Rep weekly workbook (销售员周报簿): info, a visit plan and a daily report per working day,
market-situation reports, the weekly summary and the objection library."""

from __future__ import annotations

from .build import T, as_field, col, enum, flag, fld, grid
from .common import AREA, COLLECTED, CUSTOMER, CUSTOMER_ID, REGION, REP, SUPERVISOR, but
from .metrics import DAY_TARGET, FUNNEL_COLUMNS, ORDER_AMOUNT, VISITS_PLANNED, metrics
from .model import Sheet, Table, WorkbookSpec
from .vocab import (
    ATTENDANCE,
    CONTACT_KINDS,
    DAYS,
    MARKET_REPORT_TYPES,
    OBJECTION_RESPONSES,
    OBJECTIONS,
    OUTCOMES,
    PURPOSES,
    REPORT_STATUS,
    TIERS,
    URGENCY,
)

# each day tab's date follows from the Monday on the info sheet, so a rep never types it
DAY_DATE = '=IF(ISNUMBER({s:info!f:week_start}),{s:info!f:week_start}+{day},"")'
ACHIEVEMENT = '=IF(N({f:day_target})>0,SUM({c:order_amount})/{f:day_target},"")'

INFO = Sheet(
    "info", "基本信息", "Info",
    title_zh="销售员周报簿 — 基本信息", title_en="Rep weekly workbook — info",
    fields=(
        as_field(REP, "B3", required=True),
        as_field(REGION, "B4", required=True),
        as_field(AREA, "B5"),
        as_field(SUPERVISOR, "B6"),
        fld("week_start", "周一日期", "Week starting (Monday)", "B7", T.DATE, required=True),
        fld("week", "周次", "Week", "B8",
            formula='=IF(ISNUMBER({f:week_start}),YEAR({f:week_start}-WEEKDAY({f:week_start},2)+4)'
                    '&"-W"&TEXT(WEEKNUM({f:week_start},21),"00"),"")'),
    ),
    role="settings", landscape=False,
)


def _signoff(first_row: int, last_col: str) -> tuple:
    return (
        fld("supervisor_signoff", "主管核签", "Supervisor sign-off", f"B{first_row}"),
        fld("signoff_date", "核签日期", "Signed on", f"D{first_row}", T.DATE),
        fld("supervisor_comment", "指示意见", "Supervisor comment", f"B{first_row + 1}",
            merge_to=f"{last_col}{first_row + 1}"),
    )


PLAN_TABLE = Table(
    "contacts", "造访计划", "Planned contacts", header_row=6, rows=40,
    columns=(
        col("planned_time", "计划时间", "Time", T.TIME, width=10),
        CUSTOMER_ID,
        but(CUSTOMER, required=True, width=22),
        AREA,
        enum("kind", "方式", "Kind", CONTACT_KINDS, required=True, width=8),
        enum("purpose", "造访目的", "Purpose", PURPOSES, required=True, width=16),
        enum("tier", "客户等级", "Tier", TIERS, width=9),
        col("due_date", "应联系日期", "Due date", T.DATE),
        col("contact", "联系人", "Contact", width=12),
        col("phone", "电话", "Phone", width=14),
        col("notes", "备注", "Notes", width=36),
    ),
)

PLAN_FIELDS = (
    fld("date", "日期", "Date", "B3", T.DATE, formula=DAY_DATE),
    as_field(VISITS_PLANNED, "D3", formula='=COUNTIF({c:kind},{choice:kind:visit})'),
    fld("calls_planned", "计划电话", "Calls planned", "F3", T.INTEGER,
        formula='=COUNTIF({c:kind},{choice:kind:call})'),
)

REPORT_TABLE = Table(
    "visits", "造访记录", "Visits", header_row=8, rows=30, total_row=True,
    columns=(
        CUSTOMER_ID,
        but(CUSTOMER, required=True, width=16, wrap=True),
        enum("purpose", "造访目的", "Purpose", PURPOSES, required=True, width=14),
        enum("outcome", "洽谈结果", "Outcome", OUTCOMES, required=True, width=14),
        but(ORDER_AMOUNT, total=True, width=12),
        but(COLLECTED, total=True, width=12),
        flag("new_customer", "新用户", "New customer", width=8),
        flag("complaint_handled", "处理客诉", "Complaint handled", width=9),
        enum("objection", "拒绝理由", "Objection", OBJECTIONS, width=20, wrap=True,
             choices_from="objections.library.objection"),
        col("competitor_info", "竞争者市场信息", "Competitor info", width=18, wrap=True),
        col("customer_feedback", "用户反应意见", "Customer feedback", width=18, wrap=True),
        col("customer_news", "用户最新动态", "Customer news", width=18, wrap=True),
    ),
)

REPORT_FIELDS = (*grid(
    [
        ("date", "日期", "Date", T.DATE, {"formula": DAY_DATE}),
        ("attendance", "出勤", "Attendance", T.ENUM,
         {"choices": ATTENDANCE, "required": True}),
        ("selling_hours", "销售时数", "Selling hours", T.NUMBER),
        ("expenses", "费用", "Expenses", T.MONEY),
        *FUNNEL_COLUMNS,
        DAY_TARGET,
        (metrics("achievement_rate")[0], {"formula": ACHIEVEMENT}),
    ],
    first_row=3,
), fld("lessons", "今日造访心得", "Lessons learned", "B6", merge_to="L6"))


def _plan_sheet(day_index: int) -> Sheet:
    d = DAYS[day_index]
    return Sheet(
        f"plan_{d.key}", f"{d.zh}计划", f"{d.en} Plan",
        title_zh=f"每日造访计划表 — {d.zh}", title_en=f"Daily visit plan — {d.en}",
        fields=PLAN_FIELDS, tables=(PLAN_TABLE,), signoff=_signoff(48, "K"),
        day=day_index, kind="plan",
    )


def _report_sheet(day_index: int) -> Sheet:
    d = DAYS[day_index]
    return Sheet(
        f"report_{d.key}", f"{d.zh}日报", f"{d.en} Report",
        title_zh=f"每日销售汇报表 — {d.zh}", title_en=f"Daily sales report — {d.en}",
        fields=REPORT_FIELDS, tables=(REPORT_TABLE,), signoff=_signoff(41, "L"),
        day=day_index, kind="report",
    )


MARKET = Sheet(
    "market", "市场情况反应", "Market Reports",
    title_zh="市场情况反应表 / 用户投诉处理汇报表",
    title_en="Market situation and complaint reports",
    tables=(
        Table(
            "reports", "市场情况", "Reports", header_row=3, rows=20,
            columns=(
                col("report_date", "日期", "Date", T.DATE, required=True),
                enum("report_type", "类别", "Type", MARKET_REPORT_TYPES, required=True,
                     width=18),
                col("customer_id", "客户编号", "Customer ID", width=12),
                col("customer", "客户/对象", "Customer / party", width=20),
                col("details", "情况描述", "Details", required=True, width=40),
                col("action_taken", "处理措施", "Action taken", width=30),
                enum("urgency", "紧急程度", "Urgency", URGENCY, width=10),
                enum("status", "状态", "Status", REPORT_STATUS, width=10),
            ),
        ),
    ),
    signoff=_signoff(26, "H"),
)

_DAY = col("day", "星期", "Day", width=8)
SUMMARY = Sheet(
    "summary", "周汇总", "Weekly Summary",
    title_zh="本周汇总（由“汇总本周”填写）", title_en="Week summary (filled by “Roll up my week”)",
    tables=(
        Table(
            "days", "每日汇总", "By day", header_row=3, rows=7, output=True,
            columns=(
                _DAY,
                col("date", "日期", "Date", T.DATE),
                col("status", "状态", "Status", width=8),
                *(but(c, width=11) if c.type == T.MONEY else c for c in metrics(
                    "visits_planned", "visits_made", "effective_visits", "orders",
                    "order_amount", "collections", "day_target", "achievement_rate",
                    "expenses", "selling_hours", "new_customers")),  # a rep's amounts: narrow
                col("blank_required", "必填空白数", "Blank required cells", T.INTEGER),
            ),
        ),
        Table(
            "funnel", "电话漏斗", "Call funnel", header_row=13, rows=7, output=True,
            columns=(_DAY, *FUNNEL_COLUMNS),
        ),
        Table(
            "objections", "拒绝理由统计", "Objections met", header_row=23, rows=7,
            output=True,
            columns=(
                enum("objection", "拒绝理由", "Objection", OBJECTIONS, width=26),
                col("count", "次数", "Count", T.INTEGER),
            ),
        ),
        Table(
            "notes", "竞争者信息与用户反应", "Competitor info and customer feedback",
            header_row=33, rows=0, output=True,
            columns=(
                col("date", "日期", "Date", T.DATE),
                but(CUSTOMER, width=13, wrap=True),  # the days' columns above set the
                col("competitor_info", "竞争者市场信息", "Competitor info", width=13,
                    wrap=True),  # widths: the notes wrap in them, rows grow to show them
                col("customer_feedback", "用户反应意见", "Customer feedback", width=13,
                    wrap=True),
                col("customer_news", "用户最新动态", "Customer news", width=13, wrap=True),
            ),
        ),
    ),
    role="output",
)

OBJECTION_LIBRARY = Sheet(
    "objections", "拒绝理由库", "Objection Library",
    title_zh="经典拒绝理由与应对话术（目标：争取约见）",
    title_en="Standard objections and responses (aim: an appointment)",
    tables=(
        Table(
            "library", "拒绝理由", "Objections", header_row=3, rows=len(OBJECTIONS),
            columns=(
                col("objection", "拒绝理由", "Objection", width=30,
                    aliases=("拒绝理由（中文）", "Objection (English)")),
                col("response", "应对话术", "Response", width=80,
                    aliases=("应对话术（中文）", "Response (English)")),
            ),
            # in the workbook's language: each a word in both, shown in one
            defaults=tuple({"objection": o, "response": OBJECTION_RESPONSES[o.key]}
                           for o in OBJECTIONS),
        ),
    ),
    role="library",
)

REP_WEEKLY = WorkbookSpec(
    "rep_weekly", "销售员周报簿", "Rep weekly workbook",
    file_zh="销售员周报簿.xlsx", file_en="rep-weekly.xlsx",
    sheets=(
        INFO,
        SUMMARY,
        *[s for i in range(len(DAYS)) for s in (_plan_sheet(i), _report_sheet(i))],
        MARKET,
        OBJECTION_LIBRARY,
    ),
    version="1.1",
    description_zh="每位销售员每周一本：每天一张造访计划、一张销售日报。",
    description_en="One per rep per week: a visit plan and a daily report for each working day.",
)
