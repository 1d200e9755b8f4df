"""A week of a sample rep: the days' visits, calls and funnel, filled as reps really fill
them, and the rep weekly workbook's content. The amounts follow the week's sales (the rep's
target for the week at his pace); every text fits its place: a customer's feedback fits the
outcome, an objection is only met on a visit that did not succeed, the funnel's phone sales
are orders of the day's visit table.

The demo week carries a handful of typical rep mistakes (MISTAKES), for the rollup to
catch and the team report to list."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from ..schema.vocab import DAYS
from .customers import Customer
from .people import Rep
from .texts import Words

SAMPLE_WEEK_START = dt.date(2026, 11, 23)  # ISO week 2026-W48, the demo week
EARLIER_WEEKS = (dt.date(2026, 11, 2), dt.date(2026, 11, 9), dt.date(2026, 11, 16))


@dataclass(frozen=True)
class Mistake:
    kind: str  # missing | duplicate | blank_attendance | text_amount | free_outcome
    rep: int  # the rep's position in the company
    day: int | None = None  # Monday = 0


# The mistakes the demo week's reps make, by rep position (the same people in zh and en).
MISTAKE_PLAN = (
    Mistake("missing", 7),
    Mistake("duplicate", 11),
    Mistake("blank_attendance", 1, 2),
    Mistake("text_amount", 4, 1),
    Mistake("free_outcome", 5, 3),
)
TEXT_AMOUNT = 3500  # the order the rep typed as text: ¥3,500


def mistakes(reps: list[Rep]) -> dict[str, Mistake]:
    """rep name -> the mistake that rep makes in the demo week."""
    return {reps[m.rep].name: m for m in MISTAKE_PLAN}


# the Chinese company's, by name (the tests and the docs name them)
def _zh_names() -> list[Rep]:
    from .people import reps

    return reps("zh")


MISTAKES = {name: m.kind for name, m in mistakes(_zh_names()).items()}
MISSING_REPS = tuple(n for n, k in MISTAKES.items() if k == "missing")
DUPLICATED_REPS = tuple(n for n, k in MISTAKES.items() if k == "duplicate")

# what a visit of each purpose ends with (weights), apart from the orders placed
OUTCOMES = {
    "service": {"resolved": 35, "info_only": 30, "interested": 20, "appointment": 15},
    "market_research": {"info_only": 60, "interested": 25, "not_met": 15},
    "new_customer": {"appointment": 30, "interested": 25, "refused": 22, "not_met": 13,
                     "info_only": 10},
}
OTHER_PURPOSES = {"service": 45, "collection": 30, "market_research": 25}
OBJECTION_WEIGHTS = {"price_too_high": 6, "have_supplier": 5, "no_budget": 4,
                     "send_literature": 3, "not_responsible": 2, "in_house": 1,
                     "not_satisfied": 1}
OBJECTION_CHANCE = {"refused": 1.0, "lost": 0.7, "not_met": 0.3, "info_only": 0.25}
FEEDBACK_CHANCE, NEWS_CHANCE, COMPETITOR_CHANCE = 0.35, 0.07, 0.1


@dataclass
class Visit:
    customer: Customer
    purpose: str
    outcome: str
    order_amount: int | None = None
    collected_amount: int | None = None
    new_customer: bool = False
    complaint_handled: bool = False
    objection: str | None = None
    competitor_info: str | None = None
    customer_feedback: str | None = None
    customer_news: str | None = None
    by_phone: bool = False  # an order closed on a prospecting call


@dataclass
class Day:
    date: dt.date
    attendance: str
    visits: list[Visit] = field(default_factory=list)
    planned: list[tuple[str, Customer, str]] = field(default_factory=list)  # kind, who, why
    fields: dict = field(default_factory=dict)  # hours, expenses, funnel, target, notes

    @property
    def orders(self) -> int:
        return sum(v.order_amount or 0 for v in self.visits)


@dataclass
class RepWeek:
    rep: Rep
    monday: dt.date
    days: list[Day]
    market: list[dict] = field(default_factory=list)

    @property
    def orders(self) -> int:
        return sum(d.orders for d in self.days)

    def visits(self) -> list[tuple[dt.date, Visit]]:
        return [(d.date, v) for d in self.days for v in d.visits]


@dataclass
class Events:
    """What happens to whom in a week, team-wide: exceptions are rare."""

    complaint: str | None = None  # rep names
    complaint_open: bool = True
    lost: str | None = None
    unpaid: str | None = None
    reports: dict[str, list[str]] = field(default_factory=dict)  # rep -> market report types


# -- a rep's week ----------------------------------------------------------------------------
def rep_week(rng: random.Random, words: Words, rep: Rep, book: list[Customer], monday: dt.date,
             goal: float, day_target: float, events: Events) -> RepWeek:
    """The rep's week: about five visits a day Monday to Friday, Saturday for some, orders
    adding up to about `goal`, one or two closed on the phone, the week's exceptions."""
    days = _days(rng, rep, monday)
    active = [c for c in book if not c.directory]
    weights = [{"priority": 3.0, "general": 2.0, "last": 1.0}[c.tier] if not c.prospect else 1.2
               for c in active]
    seen: set[str] = set()
    for day in days:
        if day.attendance == "holiday" or day.attendance == "leave":
            continue
        k = rng.randint(2, 3) if day.date.weekday() == 5 else rng.randint(3, 5)
        for c in _pick(rng, active, weights, k, seen):
            day.visits.append(Visit(c, "new_customer" if c.prospect else "", ""))
    _purposes(rng, days, goal)
    _phone_sales(rng, days, active, seen)
    _exceptions(rng, words, rep, days, events)
    _amounts(rng, days, goal)
    for day in days:
        for v in day.visits:
            _outcome_and_words(rng, words, v)
        _day_fields(rng, words, rep, day, day_target)
        _plan(rng, day, active)
    week = RepWeek(rep, monday, days)
    week.market = market_reports(rng, words, week, events.reports.get(rep.name, []))
    return week


def _days(rng: random.Random, rep: Rep, monday: dt.date) -> list[Day]:
    works_saturday = rng.random() < 0.5
    return [Day(monday + dt.timedelta(days=i),
                "holiday" if i == 5 and not works_saturday else "present")
            for i in range(len(DAYS))]


def _pick(rng: random.Random, pool: list[Customer], weights: list[float], k: int,
          seen: set[str]) -> list[Customer]:
    """`k` customers not yet visited this week, the bigger ones more often."""
    out = []
    while len(out) < k:
        c = rng.choices(pool, weights=weights)[0]
        if c.customer_id not in seen:
            seen.add(c.customer_id)
            out.append(c)
    return out


def _purposes(rng: random.Random, days: list[Day], goal: float) -> None:
    """Order visits enough for the week's goal at the customers' usual order sizes; the
    other customers are served, collected from or asked about the market."""
    customers = [v for d in days for v in d.visits if not v.purpose]
    rng.shuffle(customers)
    total = 0.0
    for v in customers:
        if total < goal * 0.92:
            v.purpose, v.outcome = "order", "ordered"
            total += v.customer.order_size
        else:
            v.purpose = rng.choices(list(OTHER_PURPOSES), list(OTHER_PURPOSES.values()))[0]


def _phone_sales(rng: random.Random, days: list[Day], pool: list[Customer],
                 seen: set[str]) -> None:
    """An order or two a week closed on the phone: now and then a prospect's first order,
    more often a small customer called back; rows of the day's visit table too (the
    funnel's sales are part of the orders)."""
    working = [d for d in days if d.visits]
    for _ in range(rng.choice((0, 1, 1, 2))):
        prospect = rng.random() < 0.35
        free = [c for c in pool if c.customer_id not in seen and c.prospect == prospect
                and (prospect or c.tier == "last")]
        if not free or not working:
            return
        c = rng.choice(free)
        seen.add(c.customer_id)
        rng.choice(working).visits.append(
            Visit(c, "new_customer" if prospect else "order", "ordered", new_customer=prospect,
                  by_phone=True))


def _exceptions(rng: random.Random, words: Words, rep: Rep, days: list[Day],
                events: Events) -> None:
    """The week's rare events that fall to this rep: a complaint handled, an order lost,
    a collection visit that collected nothing."""
    plain = [v for d in days for v in d.visits if v.purpose in ("service", "collection")
             and not v.customer.prospect]
    orders = [v for d in days for v in d.visits if v.purpose == "order"]
    anyone = [v for d in days for v in d.visits if not v.by_phone and not v.customer.prospect]
    if events.complaint == rep.name and (plain or anyone):
        v = plain.pop(rng.randrange(len(plain))) if plain else rng.choice(anyone)
        v.purpose, v.complaint_handled = "complaint", True
        v.outcome = "appointment" if events.complaint_open else "resolved"
        v.customer_feedback = rng.choice(words.complaints)[0]
    if events.lost == rep.name and len(orders) > 1:
        v = orders[rng.randrange(len(orders))]
        v.outcome = "lost"
        v.customer_feedback = rng.choice(words.lost_reasons)
    if events.unpaid == rep.name:
        collecting = [v for v in plain if v.purpose == "collection"] or plain
        if collecting:
            v = collecting[0]
            v.purpose, v.outcome = "collection", "appointment"
            v.customer_feedback = rng.choice(words.unpaid_reasons)


def _amounts(rng: random.Random, days: list[Day], goal: float) -> None:
    """Order amounts at each customer's usual size, scaled so the week adds up to about
    its goal, to ten yuan; collections at about two usual orders."""
    ordered = [v for d in days for v in d.visits if v.outcome == "ordered"]
    raw = [v.customer.order_size * rng.uniform(0.6, 1.4) for v in ordered]
    scale = goal / sum(raw) if raw else 0.0
    for v, amount in zip(ordered, raw, strict=True):
        v.order_amount = max(300, int(round(amount * scale, -1)))
    for v in (v for d in days for v in d.visits if v.purpose == "collection"):
        if v.outcome != "appointment":  # nothing collected: no amount
            v.outcome = "collected"
            v.collected_amount = int(round(v.customer.order_size * rng.uniform(1.2, 2.8), -2))


def _outcome_and_words(rng: random.Random, words: Words, v: Visit) -> None:
    """The outcome of a visit with no outcome yet, then what the rep noted: an objection
    only where the visit did not succeed, feedback that fits the outcome, now and then news
    of the customer or a competitor."""
    if not v.outcome:
        table = OUTCOMES.get(v.purpose, OUTCOMES["service"])
        v.outcome = rng.choices(list(table), list(table.values()))[0]
    if v.outcome in OBJECTION_CHANCE and rng.random() < OBJECTION_CHANCE[v.outcome]:
        v.objection = rng.choices(list(OBJECTION_WEIGHTS), list(OBJECTION_WEIGHTS.values()))[0]
    if v.customer_feedback is None and v.outcome in words.feedback and \
            rng.random() < FEEDBACK_CHANCE:
        v.customer_feedback = rng.choice(words.feedback[v.outcome])
    if rng.random() < NEWS_CHANCE:
        v.customer_news = rng.choice(words.news)
    if rng.random() < COMPETITOR_CHANCE:
        v.competitor_info = rng.choice(words.competitor)


def _day_fields(rng: random.Random, words: Words, rep: Rep, day: Day, day_target: float
                ) -> None:
    """Hours, expenses, the call funnel (its phone sales are the day's phone orders),
    the rep's day target and lessons, the supervisor's sign-off."""
    if not day.visits:
        day.fields = {"attendance": day.attendance}
        return
    saturday = day.date.weekday() == 5
    phone = [v for v in day.visits if v.by_phone]
    dialled = rng.randint(3, 7) if saturday else rng.randint(9, 17)
    completed = round(dialled * rng.uniform(0.45, 0.65))
    appointments = max(len(phone), round(completed * rng.uniform(0.15, 0.3)))
    presentations = max(len(phone), min(appointments, sum(
        1 for v in day.visits if v.purpose == "new_customer" and not v.by_phone)))
    signed = rng.random() < 0.7
    day.fields = {
        "attendance": day.attendance,
        "selling_hours": rng.choice((3, 3.5, 4)) if saturday else rng.choice((6, 6.5, 7, 7.5, 8)),
        "expenses": round(rng.uniform(40, 110) if saturday else rng.uniform(60, 240)),
        "calls_dialled": dialled, "calls_completed": completed, "appointments": appointments,
        "presentations": presentations, "sales_closed": len(phone),
        "sales_amount": sum(v.order_amount or 0 for v in phone) or None,
        "day_target": day_target,
        "lessons": rng.choice(words.lessons) if rng.random() < 0.6 else None,
        "supervisor_signoff": rep.supervisor if signed else None,
        "signoff_date": day.date + dt.timedelta(days=1) if signed else None,
        "supervisor_comment": rng.choice(words.comments) if signed and rng.random() < 0.15
        else None,
    }


def _plan(rng: random.Random, day: Day, pool: list[Customer]) -> None:
    """The morning's plan: the visits made (and now and then one that was not), then the
    calls; the phone orders were not planned."""
    if not day.visits:
        return
    visited = {v.customer.customer_id for v in day.visits}
    for v in day.visits:
        if not v.by_phone:
            day.planned.append(("visit", v.customer, v.purpose))
    if rng.random() < 0.4:
        extra = rng.choice([c for c in pool if c.customer_id not in visited])
        visited.add(extra.customer_id)
        day.planned.append(("visit", extra, "new_customer" if extra.prospect else "service"))
    others = [c for c in pool if c.customer_id not in visited]
    for c in rng.sample(others, k=min(len(others), rng.randint(3, 6) if day.date.weekday() == 5
                                       else rng.randint(5, 9))):
        day.planned.append(("call", c, "new_customer" if c.prospect else "service"))


MARKET_STATE = {  # urgency and status of each kind of report
    "complaint": ("urgent", "open"), "competitor_promotion": ("normal", "open"),
    "competitor_product": ("normal", "closed"), "distributor_grievance": ("urgent", "open"),
    "personnel_change": ("normal", "closed"),
}


def market_reports(rng: random.Random, words: Words, week: RepWeek, kinds: list[str]
                   ) -> list[dict]:
    """The rep's market situation reports of the week: a complaint on the customer who
    complained, competitor moves, a buyer replaced."""
    out = []
    visits = week.visits()
    for kind in kinds:
        if kind == "complaint":  # the report of the complaint handled on a visit
            date, v = next((d, v) for d, v in visits if v.complaint_handled)
            _, details, action = next(c for c in words.complaints
                                      if c[0] == v.customer_feedback)
        else:
            date, v = rng.choice(visits)
            details, action = rng.choice(words.market[kind])
        urgency, status = MARKET_STATE[kind]
        customer = v.customer if kind not in ("competitor_promotion", "competitor_product",
                                              "distributor_grievance") else None
        out.append({"report_date": date, "report_type": kind,
                    "customer_id": customer.customer_id if customer else None,
                    "customer": customer.customer if customer else None,
                    "details": details, "action_taken": action, "urgency": urgency,
                    "status": status})
    return out


# -- the workbook -------------------------------------------------------------------------------
def workbook_content(week: RepWeek) -> dict[str, dict]:
    """The rep weekly workbook's content for `week`, as the rep filled it."""
    rep = week.rep
    content: dict[str, dict] = {"info": {"fields": {
        "rep": rep.name, "region": rep.region, "area": _usual_area(week),
        "supervisor": rep.supervisor, "week_start": week.monday}}}
    for i, day in enumerate(week.days):
        key = DAYS[i].key
        content[f"plan_{key}"] = {"fields": {}, "tables": {"contacts": _contacts(day)}}
        content[f"report_{key}"] = {"fields": dict(day.fields), "tables": {"visits": [
            _visit_row(v) for v in day.visits]}}
    if week.market:
        content["market"] = {"tables": {"reports": list(week.market)}}
    return content


def _usual_area(week: RepWeek) -> str | None:
    areas = [v.customer.area for _, v in week.visits()]
    return max(set(areas), key=areas.count) if areas else None


def _contacts(day: Day) -> list[dict]:
    rows = []
    visit_at = dt.datetime.combine(day.date, dt.time(9, 0))
    call_at = dt.datetime.combine(day.date, dt.time(8, 0))
    for kind, c, purpose in day.planned:
        if kind == "visit":
            at, visit_at = visit_at, visit_at + dt.timedelta(minutes=75)
            if visit_at.time() == dt.time(12, 45):
                visit_at += dt.timedelta(minutes=45)  # lunch
        else:
            at, call_at = call_at, call_at + dt.timedelta(minutes=5)
        rows.append({"planned_time": at.time(), "customer_id": c.customer_id,
                     "customer": c.customer, "area": c.area, "kind": kind, "purpose": purpose,
                     "tier": c.typed_tier, "contact": c.contact, "phone": c.phone})
    return rows


def _visit_row(v: Visit) -> dict:
    return {"customer_id": v.customer.customer_id, "customer": v.customer.customer,
            "purpose": v.purpose, "outcome": v.outcome, "order_amount": v.order_amount,
            "collected_amount": v.collected_amount, "new_customer": v.new_customer or None,
            "complaint_handled": v.complaint_handled or None, "objection": v.objection,
            "competitor_info": v.competitor_info, "customer_feedback": v.customer_feedback,
            "customer_news": v.customer_news}


def with_mistakes(content: dict[str, dict], mistake: Mistake, words: Words) -> dict[str, dict]:
    """The content as the rep sent it, with `mistake` made (the figures are unchanged:
    the amount typed as text is the order's, the free-text outcome is on a visit without
    an order)."""
    if mistake.kind in ("missing", "duplicate"):
        return content
    report = content[f"report_{DAYS[mistake.day].key}"]
    visits = report["tables"]["visits"]
    if mistake.kind == "blank_attendance":
        report["fields"]["attendance"] = None
    elif mistake.kind == "text_amount":
        row = next(r for r in visits if r["order_amount"] == TEXT_AMOUNT)
        row["order_amount"] = f"¥{TEXT_AMOUNT:,}"
    elif mistake.kind == "free_outcome":
        row = next(r for r in reversed(visits) if r["order_amount"] is None
                   and r["objection"] is None and r["purpose"] != "complaint"
                   and r["collected_amount"] is None)
        row["outcome"] = words.free_outcome
    return content


def plant_mistake(rng: random.Random, week: RepWeek, mistake: Mistake,
                  pool: list[Customer]) -> None:
    """Make the week able to carry `mistake` without changing its figures: an order of
    exactly TEXT_AMOUNT that day (the week's total kept by moving the difference to another
    visit's order), or a visit without an order to take the free-text outcome."""
    day = week.days[mistake.day] if mistake.day is not None else None
    if mistake.kind == "text_amount" and day is not None:
        visits = [v for v in day.visits if not v.by_phone and v.purpose != "complaint"]
        v = next((v for v in visits if v.order_amount), None) or visits[0]
        if not v.order_amount:  # no order that day: this visit took one
            v.purpose, v.outcome, v.objection, v.customer_feedback = "order", "ordered", None, None
            v.collected_amount = None
            v.order_amount = TEXT_AMOUNT
            return
        other = next(o for d in week.days for o in d.visits
                     if o.order_amount and not o.by_phone and o is not v)
        other.order_amount += v.order_amount - TEXT_AMOUNT
        v.order_amount = TEXT_AMOUNT
    elif mistake.kind == "free_outcome" and day is not None and \
            not any(_plain(v) for v in day.visits):
        taken = {v.customer.customer_id for _, v in week.visits()}
        c = next(c for c in pool if c.customer_id not in taken and not c.prospect)
        day.visits.append(Visit(c, "service", "info_only"))
        day.planned.insert(0, ("visit", c, "service"))


def _plain(v: Visit) -> bool:
    """A visit that can take the free-text outcome: no order, no objection, no complaint."""
    return v.order_amount is None and v.objection is None and v.purpose != "complaint" \
        and v.collected_amount is None
