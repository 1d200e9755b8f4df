"""The sample company, made whole from one seed: its people and customers, last year's
sales and this year's targets (split by the breakdown's own engine), this year's sales
month by month (January to October, the months the demo imports), the November weeks the
reps report in their workbooks (W45 to W47, then the demo week W48 with its mistakes), the
ledger the targets workbook's actuals sheet holds, and the customer master as it stands
after the demo week. Every figure is derived once here, so every workbook the demo writes
tells the same story. Deterministic: the same seed gives the same company."""

from __future__ import annotations

import datetime as dt
import functools
import random
from dataclasses import dataclass, field

import numpy as np

from ..core.timeprogress import count_days
from . import sales
from .customers import Customer, company_customers, master_rows
from .people import NEW, Rep, distributor, reps
from .texts import WORDS, Words
from .week import (
    EARLIER_WEEKS,
    SAMPLE_WEEK_START,
    Events,
    Mistake,
    RepWeek,
    mistakes,
    plant_mistake,
    rep_week,
    with_mistakes,
    workbook_content,
)

DEFAULT_SEED = 48
YEAR = sales.YEAR
IMPORTED_MONTHS = tuple(range(1, 11))  # January to October: monthly actuals, imported
WEEKS = (*EARLIER_WEEKS, SAMPLE_WEEK_START)  # the November weeks the reps report


@dataclass
class SampleCompany:
    lang: str
    seed: int
    words: Words
    reps: list[Rep]
    distributor: Rep
    customers: list[Customer]
    history: list[dict]  # last year, by seller, product, metric and month
    potential: list[dict]
    overrides: list[dict]
    company_targets: dict[str, float]
    targets: dict[str, np.ndarray]  # seller -> 12 monthly revenue targets
    months: dict[str, dict[int, dict]]  # seller -> month -> sales, by_product, gm, ...
    weeks: dict[dt.date, dict[str, RepWeek]]  # Monday -> rep -> the week as it happened
    mistakes: dict[str, Mistake]
    ledger: list[dict] = field(default_factory=list)  # the actuals sheet's rows
    master: list[dict] = field(default_factory=list)  # the customer master after W48
    funnel: list[dict] = field(default_factory=list)  # each rep's last twelve weeks

    @property
    def sellers(self) -> list[Rep]:
        return [*self.reps, self.distributor]

    @property
    def missing(self) -> list[str]:
        return [r for r, m in self.mistakes.items() if m.kind == "missing"]

    @property
    def duplicated(self) -> list[str]:
        return [r for r, m in self.mistakes.items() if m.kind == "duplicate"]

    def week_contents(self, monday: dt.date) -> dict[str, tuple[str, dict]]:
        """rep -> (language, workbook content) of the week as the reps sent it: in the
        demo week with their mistakes (the rep who sent nothing is left out)."""
        out = {}
        for rep in self.reps:
            week = self.weeks[monday].get(rep.name)
            if week is None:
                continue
            content = workbook_content(week)
            if monday == SAMPLE_WEEK_START and rep.name in self.mistakes:
                content = with_mistakes(content, self.mistakes[rep.name], self.words)
            out[rep.name] = (rep.lang, content)
        return out

    def demo_week_contents(self) -> dict[str, tuple[str, dict]]:
        return self.week_contents(SAMPLE_WEEK_START)

    def orders(self) -> dict[tuple[str, dt.date], int]:
        """(rep, date) -> the day's orders, as reported, for every reported day."""
        return {(rep, day.date): day.orders for weeks in self.weeks.values()
                for rep, week in weeks.items() for day in week.days if day.visits}

    def imported(self) -> list[dict]:
        """The history import's rows: each rep's sales January to October, by month."""
        return [{"rep": r.name, "region": r.region, "month": f"{YEAR}-{m:02d}",
                 "sales": self.months[r.name][m]["sales"],
                 "gross_margin": self.months[r.name][m]["gross_margin"],
                 "new_customers": self.months[r.name][m]["new_customers"],
                 "collections": self.months[r.name][m]["collections"]}
                for r in self.reps for m in IMPORTED_MONTHS]


@functools.lru_cache(maxsize=4)
def company(lang: str = "zh", seed: int = DEFAULT_SEED) -> SampleCompany:
    """The sample company in `lang` for `seed` (made once per process)."""
    rng = random.Random(f"{seed}")
    words = WORDS[lang]
    people = reps(lang)
    dist = distributor(lang)
    sellers = [*people, dist]
    history = sales.last_year(random.Random(f"{seed}-history"), sellers, words.products)
    potential = sales.potential(sellers, words.products, list(words.regions))
    overrides = sales.overrides(sellers, words.products)
    targets_given = sales.company_targets(history)
    targets = sales.monthly_targets(sellers, words.products, history, potential, overrides,
                                    targets_given["revenue"])
    form, week_form = sales.forms(random.Random(f"{seed}-form"), sellers,
                                  [w.isocalendar()[1] for w in WEEKS])
    customers = company_customers(random.Random(f"{seed}-customers"), words, people,
                                  WEEKS[0] - dt.timedelta(days=1))
    made = SampleCompany(lang, seed, words, people, dist, customers, history, potential,
                         overrides, targets_given, targets, {}, {}, mistakes(people))
    made.months = _months(random.Random(f"{seed}-months"), made, form)
    made.weeks = _weeks(rng, made, week_form)
    made.ledger = _ledger(random.Random(f"{seed}-ledger"), made, week_form)
    made.master = master_rows(customers, _touched(random.Random(f"{seed}-master"), made),
                              words)
    made.funnel = _funnel(random.Random(f"{seed}-funnel"), made)
    return made


# -- January to October ---------------------------------------------------------------------
def _product_weights(made: SampleCompany, seller: str) -> dict[str, float]:
    """The seller's product mix, from last year's sales."""
    return {r["product"]: sum(r[f"m{m:02d}"] for m in range(1, 13)) for r in made.history
            if r["rep"] == seller and r["metric"] == "revenue"
            and sum(r[f"m{m:02d}"] for m in range(1, 13)) > 0}


def _months(rng: random.Random, made: SampleCompany, form: dict[str, float]
            ) -> dict[str, dict[int, dict]]:
    """Each seller's sales per month, January to October, at his pace, split by product,
    with gross margin, new customers and collections."""
    margin = {code: m for code, _, _, m in made.words.products}
    out: dict[str, dict[int, dict]] = {}
    for seller in made.sellers:
        mix = _product_weights(made, seller.name)
        out[seller.name] = {}
        previous = None
        for month in IMPORTED_MONTHS:
            pace = form[seller.name]
            if seller.index == NEW and seller.kind == "rep":  # learning: a slow start
                pace *= 0.75 + 0.04 * month
            total = sales.month_sales(rng, made.targets[seller.name][month - 1], pace)
            by_product = dict(zip(mix, sales.split_whole(total, list(mix.values())),
                                  strict=True))
            gm = {p: int(round(v * margin[p] * rng.uniform(0.95, 1.05), -1))
                  for p, v in by_product.items()}
            out[seller.name][month] = {
                "sales": total, "by_product": by_product, "gm_by_product": gm,
                "gross_margin": sum(gm.values()),
                "new_customers": rng.choice((0, 1, 1, 1, 2, 2, 3)),
                "collections": int(round((previous or total) * rng.uniform(0.9, 0.99), -2)),
            }
            previous = total
    return out


# -- November's weeks ------------------------------------------------------------------------
def _events(rng: random.Random, made: SampleCompany) -> dict[dt.date, Events]:
    """Who meets the month's rare events: complaints, lost orders, payments put off, and
    the market reports sent up."""
    names = [r.name for r in made.reps]
    present = [n for n in names if n not in made.missing]
    east = [r.name for r in made.reps if r.region == made.distributor.region]
    pick = rng.sample(present, 8)
    w45, w46, w47, w48 = WEEKS
    return {
        w45: Events(complaint=pick[0], complaint_open=False, unpaid=pick[1],
                    reports={pick[2]: ["personnel_change"]}),
        w46: Events(lost=pick[3], reports={pick[4]: ["competitor_product"]}),
        w47: Events(complaint=pick[5], reports={pick[5]: ["complaint"],
                                               pick[6]: ["competitor_promotion"]}),
        w48: Events(complaint=pick[7], lost=pick[2], unpaid=pick[4], reports={
            pick[7]: ["complaint"], pick[0]: ["competitor_promotion"],
            pick[3]: ["competitor_product"], rng.choice(east): ["distributor_grievance"],
            pick[6]: ["personnel_change"]}),
    }


def _weeks(rng: random.Random, made: SampleCompany, week_form: dict
           ) -> dict[dt.date, dict[str, RepWeek]]:
    """Every rep's November weeks (the rep who sent nothing in the demo week has none)."""
    books: dict[str, list[Customer]] = {}
    for c in made.customers:
        books.setdefault(c.rep, []).append(c)
    events = _events(rng, made)
    out: dict[dt.date, dict[str, RepWeek]] = {}
    for monday in WEEKS:
        out[monday] = {}
        for rep in made.reps:
            if monday == SAMPLE_WEEK_START and rep.name in made.missing:
                continue
            target = made.targets[rep.name][monday.month - 1]
            goal = target * sales.week_share(monday) * week_form[rep.name][
                monday.isocalendar()[1]]
            day_target = round(target / _working_days(monday), -2)
            out[monday][rep.name] = rep_week(rng, made.words, rep, books[rep.name], monday,
                                             goal, day_target, events[monday])
    for name, mistake in made.mistakes.items():
        if name in out[SAMPLE_WEEK_START]:
            plant_mistake(rng, out[SAMPLE_WEEK_START][name], mistake, books[name])
    return out


def _working_days(monday: dt.date) -> int:
    first = monday.replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return count_days(first, last, 6)


# -- the ledger (the targets workbook's actuals) ----------------------------------------------
def _ledger(rng: random.Random, made: SampleCompany, week_form: dict) -> list[dict]:
    """This year's actuals as the company's books have them: January to October by month
    and product; November order by order as the reps reported them (the distributor's by
    week), collections and new customers likewise."""
    rows: list[dict] = []
    for seller in made.sellers:
        for month, m in made.months[seller.name].items():
            end = dt.date(YEAR, month + 1, 1) - dt.timedelta(days=1)
            for product, value in m["by_product"].items():
                rows.append(_row(end, seller.name, product, "revenue", value))
                rows.append(_row(end, seller.name, product, "gross_margin",
                                 m["gm_by_product"][product]))
            rows.append(_row(end, seller.name, None, "collections", m["collections"]))
            rows.append(_row(end, seller.name, None, "new_customers", m["new_customers"]))
    margin = {code: m for code, _, _, m in made.words.products}
    for monday, weeks in made.weeks.items():
        for name, week in weeks.items():
            mix = _product_weights(made, name)
            for date, v in week.visits():
                if v.order_amount:
                    product = rng.choices(list(mix), list(mix.values()))[0]
                    rows.append(_row(date, name, product, "revenue", v.order_amount))
                    rows.append(_row(date, name, product, "gross_margin",
                                     int(round(v.order_amount * margin[product], -1))))
                if v.collected_amount:
                    rows.append(_row(date, name, None, "collections", v.collected_amount))
                if v.new_customer:
                    rows.append(_row(date, name, None, "new_customers", 1))
        rows += _distributor_week(rng, made, monday, week_form)
    return rows


def _distributor_week(rng: random.Random, made: SampleCompany, monday: dt.date,
                      week_form: dict) -> list[dict]:
    name = made.distributor.name
    total = int(round(made.targets[name][monday.month - 1] * sales.week_share(monday)
                      * week_form[name][monday.isocalendar()[1]], -1))
    mix = _product_weights(made, name)
    saturday = monday + dt.timedelta(days=5)
    return [_row(saturday, name, p, "revenue", v)
            for p, v in zip(mix, sales.split_whole(total, list(mix.values())), strict=True)]


def _row(date: dt.date, seller: str, product: str | None, metric: str, value: float) -> dict:
    return {"date": date, "rep": seller, "product": product, "metric": metric, "value": value}


# -- the customer master after the demo week ---------------------------------------------------
def _touched(rng: random.Random, made: SampleCompany) -> dict[str, dict]:
    """What the reported weeks changed per customer: last visit and call, prospects who
    ordered, payments put off and complaints still open; then receivables open on others."""
    touched: dict[str, dict] = {}
    for weeks in made.weeks.values():
        for week in weeks.values():
            for day in week.days:
                for kind, c, _ in day.planned:
                    if kind == "call":
                        _later(touched, c.customer_id, "last_call", day.date)
                for v in day.visits:
                    key = v.customer.customer_id
                    _later(touched, key, "last_call" if v.by_phone else "last_visit", day.date)
                    t = touched[key]
                    if v.new_customer:
                        t["became_customer"] = True
                    if v.purpose == "collection":
                        paid = bool(v.collected_amount)
                        t["receivable"] = None if paid else \
                            int(round(v.customer.order_size * 2.2, -2))
                        t["due"] = None if paid else day.date - dt.timedelta(days=rng.randint(3, 9))
                    if v.purpose == "complaint":
                        t["complaint"] = v.outcome != "resolved"
    today = SAMPLE_WEEK_START + dt.timedelta(days=5)
    for c in made.customers:
        t = touched.setdefault(c.customer_id, {})
        if c.prospect or "receivable" in t or rng.random() > 0.22:
            continue
        t["receivable"] = int(round(c.order_size * rng.uniform(1.0, 3.0), -2))
        t["due"] = today + dt.timedelta(days=rng.randint(-6, 45))
    return touched


def _later(touched: dict, key: str, what: str, date: dt.date) -> None:
    t = touched.setdefault(key, {})
    if t.get(what) is None or t[what] < date:
        t[what] = date


# -- the funnel sheet ---------------------------------------------------------------------------
def _funnel(rng: random.Random, made: SampleCompany) -> list[dict]:
    """Each rep's calls and what they led to over the last twelve weeks (the new rep has
    no twelve weeks yet: the team's rates stand in for hers)."""
    out = []
    for rep in made.reps:
        if rep.index == NEW:
            continue
        dialled = rng.randint(750, 1050)
        completed = round(dialled * rng.uniform(0.48, 0.6))
        appointments = round(completed * rng.uniform(0.18, 0.28))
        presentations = round(appointments * rng.uniform(0.8, 0.95))
        closed = round(presentations * rng.uniform(0.2, 0.3))
        out.append({"rep": rep.name, "weeks": 12, "calls_dialled": dialled,
                    "calls_completed": completed, "appointments": appointments,
                    "presentations": presentations, "sales_closed": closed,
                    "sales_amount": round(closed * rng.uniform(3500, 6000), -2)})
    return out


def demo_records(lang: str = "zh", seed: int | None = None) -> list[dict]:
    """The sample company's customer master after the demo week."""
    return company(lang, DEFAULT_SEED if seed is None else seed).master


def week_contents(lang: str = "zh", seed: int | None = None) -> dict[str, tuple[str, dict]]:
    """rep -> (workbook language, content) of the demo week, as the reps sent it (the rep
    who sent nothing is not there; the one who sent twice once)."""
    return company(lang, DEFAULT_SEED if seed is None else seed).demo_week_contents()


__all__ = ["DEFAULT_SEED", "IMPORTED_MONTHS", "WEEKS", "SampleCompany", "company",
           "demo_records", "week_contents"]
