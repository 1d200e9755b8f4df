"""Enumerations of the sales method (DOMAIN.md), each value with its zh and en label.

Labels match what users of the handbook already call things, so the zh dropdowns read
naturally; keys are what code, JSON and the history store use.
"""

from __future__ import annotations

from .model import Choice

TOTAL_LABEL = {"zh": "合计", "en": "Total"}  # the label of a table's total row
EFFECTIVE = "effective"  # an outcome that counts towards the effective-visit rate
LOST = "lost"  # an outcome that makes the customer "abnormal" (lost order)

YES_NO = (
    Choice("yes", "是", "Yes"),
    Choice("no", "否", "No"),
)

PURPOSES = (
    Choice("new_customer", "开发新用户", "New customer"),
    Choice("market_research", "市场调研", "Market research"),
    Choice("collection", "收款", "Collection"),
    Choice("service", "服务", "Service"),
    Choice("complaint", "客诉处理", "Complaint handling"),
    Choice("order", "订货", "Order taking"),
    Choice("other", "其它", "Other"),
)

OUTCOMES = (
    Choice("ordered", "成交订货", "Order placed", frozenset({EFFECTIVE})),
    Choice("collected", "收到货款", "Payment collected", frozenset({EFFECTIVE})),
    Choice("appointment", "约定再访", "Next meeting agreed", frozenset({EFFECTIVE})),
    Choice("interested", "有意向待跟进", "Interested - follow up", frozenset({EFFECTIVE})),
    Choice("resolved", "问题已解决", "Issue resolved", frozenset({EFFECTIVE})),
    Choice("info_only", "仅了解情况", "Information only"),
    Choice("not_met", "未见到负责人", "Decision maker absent"),
    Choice("refused", "拒绝", "Refused"),
    Choice("lost", "丢单", "Order lost", frozenset({LOST})),
)

OBJECTIONS = (
    Choice("send_literature", "请寄书面资料给我", "Send me some literature"),
    Choice("in_house", "我们自己内部能够供给", "We supply this in-house"),
    Choice("have_supplier", "我们已经有了供应商", "We already have a supplier",
           aliases=("我们已经有了供给商",)),
    Choice("not_responsible", "我不是这项工作责任人", "I'm not the person responsible"),
    Choice("no_budget", "我们没有预算", "We have no budget"),
    Choice("price_too_high", "你们价格太高了", "Your price is too high"),
    Choice("not_satisfied", "过去用过，不满意", "Used you before - not satisfied"),
)

# Response scripts: the aim of each is an appointment, not a discussion on the phone.
OBJECTION_RESPONSES: dict[str, Choice] = {key: Choice(key, zh, en) for key, (zh, en) in {
    "send_literature": (
        "资料我可以亲自送来，顺便用十分钟说明重点。我下周二正好在贵公司附近，下午三点方便吗？",
        "I'd rather bring it over and take ten minutes to walk you through it. I'm near your "
        "office next Tuesday; would 3 pm suit you?",
    ),
    "in_house": (
        "太好了，这正是我联系您的原因：很多同规模企业用我们来补充内部供给、降低总成本。"
        "我下周正好在附近，下午三点来造访您十五分钟可以吗？",
        "Great, that is exactly why I called: firms your size use us to complement in-house "
        "supply at a lower total cost. I'm nearby next week; may I visit for 15 minutes at 3 pm?",
    ),
    "have_supplier": (
        "太好了，说明您认可这类产品的价值。我们常常是现有供应商的有力补充。"
        "我下周正好在附近，下午三点来造访您可以吗？",
        "Good, so you already see the value of this. We are often a strong complement to an "
        "existing supplier. I'm nearby next week; would 3 pm work for a short visit?",
    ),
    "not_responsible": (
        "谢谢您告诉我。请问负责这项工作的是哪位？方便告诉我他的姓名和电话吗？"
        "万一他不在，我还能再联系。",
        "Thank you for telling me. Who is responsible for this? Could you give me their name "
        "and number, in case they are out when you transfer me?",
    ),
    "no_budget": (
        "很多与贵公司情况相同的企业，在合作之前也没有这项预算。现在正是了解的好时机，"
        "我下周正好在附近，下午三点来造访您可以吗？",
        "Many companies like yours had no budget for this before we started working together; "
        "now is a good time to look. I'm nearby next week; may I visit at 3 pm?",
    ),
    "price_too_high": (
        "价格对我们都很重要。与我们合作的同规模企业看重的是合理的投资回报和最低总成本。"
        "见面时我用具体数字向您说明，下周下午三点方便吗？",
        "Price matters to us both. Companies your size work with us for a sound return and the "
        "lowest total cost. Let me show you the figures in person: next week at 3 pm?",
    ),
    "not_satisfied": (
        "我理解您的感受，如果我是您也会一样。我想当面听您说说问题，并尽力弥补。"
        "我下周正好在附近，下午三点方便吗？",
        "I understand; in your place I would feel the same. I'd like to hear what went wrong "
        "in person and put it right. I'm nearby next week; would 3 pm suit you?",
    ),
}.items()}

TIERS = (
    Choice("priority", "优先", "Priority"),
    Choice("general", "一般", "General"),
    Choice("last", "最后", "Last"),
)

CUSTOMER_STATUS = (
    Choice("prospect", "潜在用户", "Prospect"),
    Choice("customer", "现有用户", "Customer"),
)

ATTENDANCE = (
    Choice("present", "出勤", "Present", frozenset({"working"})),
    Choice("half_day", "半天", "Half day", frozenset({"working"})),
    Choice("trip", "出差", "Business trip", frozenset({"working"})),
    Choice("leave", "请假", "Leave", frozenset({"working"})),
    Choice("sick", "病假", "Sick leave", frozenset({"working"})),
    Choice("absent", "缺勤", "Absent", frozenset({"working"})),
    Choice("holiday", "休息/假日", "Rest day / holiday"),
)

CONTACT_KINDS = (
    Choice("visit", "造访", "Visit", aliases=("拜访",)),
    Choice("call", "电话", "Call"),
)

MARKET_REPORT_TYPES = (
    Choice("complaint", "用户投诉", "Customer complaint"),
    Choice("competitor_promotion", "竞争者促销", "Competitor promotion"),
    Choice("competitor_product", "竞争者新产品", "Competitor new product"),
    Choice("distributor_grievance", "经销商严重不满", "Distributor grievance"),
    Choice("personnel_change", "客户人事变动", "Personnel change at customer"),
    Choice("other", "其它", "Other"),
)

URGENCY = (
    Choice("urgent", "紧急", "Urgent"),
    Choice("normal", "一般", "Normal"),
)

REPORT_STATUS = (
    Choice("open", "处理中", "Open"),
    Choice("closed", "已结案", "Closed"),
)

METRICS = (
    Choice("revenue", "销售额", "Sales revenue"),
    Choice("gross_margin", "毛利", "Gross margin"),
    Choice("new_customers", "新增用户数", "New customers"),
    Choice("collections", "货款回收", "Collections"),
)

SPLIT_METHODS = (
    Choice("equal", "平均分配", "Equal split"),
    Choice("history", "按去年实绩", "Last year's actuals"),
    Choice("potential", "按潜力指数", "Potential index"),
    Choice("blend", "加权组合", "Weighted blend"),
)

SELLER_KINDS = (
    Choice("rep", "业务员", "Sales rep"),
    Choice("distributor", "经销商", "Distributor"),
)

DAYS = (
    Choice("mon", "周一", "Mon"),
    Choice("tue", "周二", "Tue"),
    Choice("wed", "周三", "Wed"),
    Choice("thu", "周四", "Thu"),
    Choice("fri", "周五", "Fri"),
    Choice("sat", "周六", "Sat"),
)

MONTHS = tuple(
    Choice(f"m{m:02d}", f"{m}月", en)
    for m, en in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
        start=1,
    )
)

PACE = (Choice("behind", "落后", "Behind"),)

REP_STATUS = (
    Choice("reported", "已报", "Reported"),
    Choice("missing", "未报", "Missing"),
    Choice("subtotal", "区域小计", "Region subtotal"),
    Choice("total", "团队合计", "Team total"),
)

ABNORMAL_REASONS = (
    Choice("complaint", "客户投诉", "Complaint"),
    Choice("lost_order", "丢单", "Lost order"),
    Choice("uncollected", "收款未果", "Collection visit - nothing collected"),
)

SEVERITY = (
    Choice("error", "错误", "Error"),
    Choice("warning", "警告", "Warning"),
    Choice("info", "提示", "Info"),
)
