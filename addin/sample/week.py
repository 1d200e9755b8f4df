"""A sample week of visit plans and daily reports, filled as reps really fill them:
mostly right, with a few typical mistakes for the rollup to catch."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from ..schema.vocab import DAYS, OBJECTIONS
from .people import REGIONS, REPS, SampleCustomer, customers

SAMPLE_WEEK_START = dt.date(2026, 11, 23)  # ISO week 2026-W48

# The mistakes the sample reps make (rep -> what), so tests and docs can name them.
MISTAKES = {
    "王芳": "left attendance blank on Wednesday",
    "陈静": "typed an order amount as text with a currency sign (¥3,500) on Tuesday",
    "杨磊": "typed a free-text outcome that is not on the list on Thursday",
    "黄强": "sent no workbook this week",
    "孙丽": "sent her workbook twice (a second copy of the same days)",
}
MISSING_REPS = ("黄强",)
DUPLICATED_REPS = ("孙丽",)

_FEEDBACK = ["对新品兴趣较大", "希望缩短交货期", "询问批量折扣", "对售后服务满意", "包装需改进"]
_COMPETITOR = ["竞品A本月降价5%", "竞品B推出买十送一", "竞品C新设华东仓库", "竞品A业务员频繁拜访"]
_NEWS = ["采购经理更换", "新厂房下月投产", "计划扩大产能", "年底预算审批中"]
_LESSONS = ["先约时间再上门，成功率更高", "报价前先了解预算", "多听少说，记录客户原话",
            "拜访前准备好案例资料"]
_OUTCOME_WEIGHTS = {"ordered": 22, "collected": 8, "appointment": 18, "interested": 16,
                    "resolved": 6, "info_only": 10, "not_met": 8, "refused": 9, "lost": 3}


def _pick_outcome(rng: random.Random) -> str:
    keys = list(_OUTCOME_WEIGHTS)
    return rng.choices(keys, weights=[_OUTCOME_WEIGHTS[k] for k in keys])[0]


def _day_content(rng: random.Random, rep: str, book: list[SampleCustomer], day: int
                 ) -> tuple[dict, dict]:
    """(plan sheet content, report sheet content) for one rep and one day."""
    visits = rng.sample(book, k=min(len(book), rng.randint(4, 6)))
    calls = rng.sample([c for c in book if c not in visits], k=min(len(book) - len(visits),
                                                                   rng.randint(5, 8)))
    contacts = []
    for i, c in enumerate(visits):
        contacts.append({"planned_time": dt.time(9 + i * 1 + (i >= 3), 0),
                         "customer_id": c.customer_id, "customer": c.customer, "area": c.area,
                         "kind": "visit", "tier": c.tier,
                         "purpose": "new_customer" if c.status == "prospect" else rng.choice(
                             ["order", "service", "collection", "market_research"]),
                         "contact": c.contact, "phone": c.phone})
    for i, c in enumerate(calls):
        contacts.append({"planned_time": dt.time(8, 30 + i * 3) if i < 10 else None,
                         "customer_id": c.customer_id, "customer": c.customer, "area": c.area,
                         "kind": "call", "tier": c.tier, "purpose": "new_customer"
                         if c.status == "prospect" else "service",
                         "contact": c.contact, "phone": c.phone})
    made = visits[: rng.randint(max(1, len(visits) - 2), len(visits))]
    rows = []
    for c in made:
        outcome = _pick_outcome(rng)
        order = round(rng.uniform(800, 9000), -1) if outcome == "ordered" else None
        collected = round(rng.uniform(2000, 30000), -2) if outcome == "collected" else None
        objection = rng.choice(OBJECTIONS).key if outcome in ("refused", "interested", "lost") \
            and rng.random() < 0.7 else None
        rows.append({
            "customer_id": c.customer_id, "customer": c.customer,
            "purpose": "new_customer" if c.status == "prospect" else rng.choice(
                ["order", "service", "collection"]),
            "outcome": outcome, "order_amount": order, "collected_amount": collected,
            "new_customer": c.status == "prospect" and outcome == "ordered",
            "complaint_handled": c.open_complaint and rng.random() < 0.7,
            "objection": objection,
            "competitor_info": rng.choice(_COMPETITOR) if rng.random() < 0.15 else None,
            "customer_feedback": rng.choice(_FEEDBACK) if rng.random() < 0.3 else None,
            "customer_news": rng.choice(_NEWS) if rng.random() < 0.1 else None,
        })
    dialled = rng.randint(8, 20)
    completed = rng.randint(dialled // 3, dialled * 2 // 3)
    appointments = rng.randint(0, max(1, completed // 3))
    presentations = min(appointments, rng.randint(0, appointments + 1))
    closed = rng.randint(0, presentations)
    report_fields = {
        "attendance": "present", "selling_hours": rng.choice([6, 6.5, 7, 7.5, 8]),
        "expenses": round(rng.uniform(40, 260), 0), "calls_dialled": dialled,
        "calls_completed": completed, "appointments": appointments,
        "presentations": presentations, "sales_closed": closed,
        "sales_amount": round(closed * rng.uniform(1500, 6000), -1),
        "day_target": 6000, "lessons": rng.choice(_LESSONS),
        "supervisor_signoff": REGIONS[next(r for n, r, _ in REPS if n == rep)]["supervisor"]
        if rng.random() < 0.6 else None,
    }
    plan = {"fields": {}, "tables": {"contacts": contacts}}
    report = {"fields": report_fields, "tables": {"visits": rows}}
    return plan, report


def week_contents(week_start: dt.date = SAMPLE_WEEK_START, seed: int = 48
                  ) -> dict[str, tuple[str, dict]]:
    """rep -> (language, rep_weekly content) for every sample rep who reports this week."""
    rng = random.Random(seed)
    books: dict[str, list[SampleCustomer]] = defaultdict(list)
    for c in customers():
        books[c.rep].append(c)
    out = {}
    for rep, region, lang in REPS:
        content: dict[str, dict] = {"info": {"fields": {
            "rep": rep, "region": region, "area": REGIONS[region]["areas"][0],
            "supervisor": REGIONS[region]["supervisor"], "week_start": week_start}}}
        for day in range(len(DAYS)):
            plan, report = _day_content(rng, rep, books[rep], day)
            if day == 5 and rng.random() < 0.5:  # many reps take Saturday off
                report = {"fields": {"attendance": "holiday"}, "tables": {"visits": []}}
                plan = {"fields": {}, "tables": {"contacts": []}}
            content[f"plan_{DAYS[day].key}"] = plan
            content[f"report_{DAYS[day].key}"] = report
        if rng.random() < 0.4:
            c = rng.choice(books[rep])
            content["market"] = {"tables": {"reports": [{
                "report_date": week_start + dt.timedelta(days=rng.randint(0, 4)),
                "report_type": rng.choice(["complaint", "competitor_promotion",
                                           "competitor_product", "personnel_change"]),
                "customer_id": c.customer_id, "customer": c.customer,
                "details": rng.choice(_COMPETITOR + _NEWS), "action_taken": "已上报主管",
                "urgency": "urgent", "status": "open"}]}}
        out[rep] = (lang, content)
    _make_mistakes(out)
    for rep in MISSING_REPS:
        out.pop(rep, None)
    return out


def _make_mistakes(out: dict[str, tuple[str, dict]]) -> None:
    out["王芳"][1]["report_wed"]["fields"]["attendance"] = None
    visits = out["陈静"][1]["report_tue"]["tables"]["visits"]
    if visits:
        visits[0]["order_amount"] = "¥3,500"
        visits[0]["outcome"] = "ordered"
    visits = out["杨磊"][1]["report_thu"]["tables"]["visits"]
    if visits:
        visits[-1]["outcome"] = "谈得不错"
