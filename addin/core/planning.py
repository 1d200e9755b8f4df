"""Visit planning (DOMAIN.md sections 2 and 8): who is due, and which day each rep sees them.

Pure pandas and python: `addin.io` reads the customer master and what the reps' workbooks
already hold (`TypedTab`, turned into what `schedule` respects by `booked`), this module
decides, and `addin.io` writes. Three steps:

1. `assign_tiers`: a customer with a blank tier gets one from the settings' tier rules.
2. `contact_needs`: one row per customer that needs a contact in the planning window
   (cadence by calendar month, receivables, open complaints, prospects never contacted),
   with kind, purpose, due date and urgency.
3. `schedule`: per rep and working day, within the daily capacity, most urgent first,
   a day's visits kept to one area where the week allows; planned times in slots; what
   does not fit is carried over, never dropped.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from ..schema.customers import SETTINGS
from .cadence import add_months_series

TIER_ORDER = ("priority", "general", "last")
LOWEST_TIER = TIER_ORDER[-1]

# urgency classes, in the order the issue gives them
COMPLAINT, OVERDUE, COLLECTION, CADENCE = 0, 1, 2, 3

# reasons a contact is planned; the service turns them into words for the notes column
R_COMPLAINT = "complaint"
R_COLLECTION_OVERDUE = "collection_overdue"
R_COLLECTION_SOON = "collection_soon"
R_FIRST_CONTACT = "first_contact"
R_NEVER_VISITED = "never_visited"
R_CALL_OVERDUE = "call_overdue"
R_CALL_DUE = "call_due"
R_VISIT_OVERDUE = "visit_overdue"
R_VISIT_DUE = "visit_due"
R_VISIT_COVERS_CALL = "visit_covers_call"

# why a due contact was not planned in the window
CARRY_CAPACITY = "capacity"  # the rep's daily capacity for the kind is used up
CARRY_NO_ROWS = "no_rows"  # the day tabs have no empty row left
CARRY_UNAVAILABLE = "unavailable"  # the rep's workbook cannot be written (locked, wrong week)

CONTACT_COLUMNS = [
    "rep", "date", "planned_time", "customer_id", "customer", "region", "area", "kind",
    "purpose", "tier", "tier_source", "due_date", "urgency", "urgency_class", "reasons",
    "overdue_days", "receivable_amount", "receivable_due_date", "call_due", "visit_due",
    "contact", "phone",
]
CARRIED_COLUMNS = [c for c in CONTACT_COLUMNS if c not in ("date", "planned_time")] + ["reason"]


# -- settings ---------------------------------------------------------------------------
def _default(key: str):
    return SETTINGS.field(key).default


def _time(value: object) -> dt.time:
    if isinstance(value, dt.time):
        return value
    h, m = str(value).split(":")
    return dt.time(int(h), int(m))


@dataclass(frozen=True)
class TierRule:
    """First rule (top down) whose region matches and any of whose thresholds is met."""

    tier: str
    regions: frozenset[str] = frozenset()  # empty: every region
    min_employees: float | None = None
    min_annual_revenue: float | None = None
    min_net_assets: float | None = None

    @property
    def catch_all(self) -> bool:
        """A rule with no positive threshold takes every customer still without a tier."""
        return not any(v for v in (self.min_employees, self.min_annual_revenue,
                                   self.min_net_assets))


@dataclass(frozen=True)
class Cadence:
    call_months: int
    visit_months: int
    weight: float


def _rows(table_key: str) -> tuple[dict, ...]:
    return SETTINGS.table(table_key).defaults


DAY_START = _time(_default("day_start"))
LUNCH_START = _time(_default("lunch_start"))
CALLS_START = _time(_default("calls_start"))

DEFAULT_RULES = tuple(
    TierRule(r["tier"], frozenset(), r.get("min_employees"), r.get("min_annual_revenue"),
             r.get("min_net_assets"))
    for r in _rows("tier_rules")
)
DEFAULT_CADENCE = {
    r["tier"]: Cadence(r["call_every_months"], r["visit_every_months"], r["urgency_weight"])
    for r in _rows("cadence")
}


@dataclass(frozen=True)
class PlanSettings:
    """Daily capacity, time slots, tier rules and cadence (the customer master's settings)."""

    visits_per_day: int = _default("visits_per_day")
    calls_per_day: int = _default("calls_per_day")
    collection_lead_days: int = _default("collection_lead_days")
    working_days: int = _default("working_days")
    day_start: dt.time = DAY_START
    visit_minutes: int = _default("visit_minutes")
    travel_minutes: int = _default("travel_minutes")
    lunch_start: dt.time = LUNCH_START
    lunch_minutes: int = _default("lunch_minutes")
    calls_start: dt.time = CALLS_START
    call_minutes: int = _default("call_minutes")
    rows_per_day: int = 40  # rows of a day's plan tab
    tier_rules: tuple[TierRule, ...] = DEFAULT_RULES
    cadence: dict[str, Cadence] = field(default_factory=lambda: dict(DEFAULT_CADENCE))


@dataclass(frozen=True)
class SettingIssue:
    """A setting that could not be used as typed; `row` is the table row's Excel row."""

    where: str  # field key, or "cadence"
    row: int | None
    column: str | None
    code: str  # "setting_range" (value, lo, hi, default) | "cadence_missing" (tier)
    params: dict = field(default_factory=dict)


_INT_LIMITS = {
    "visits_per_day": (0, 40), "calls_per_day": (0, 40), "collection_lead_days": (0, 365),
    "working_days": (1, 6), "visit_minutes": (5, 480), "travel_minutes": (0, 240),
    "lunch_minutes": (0, 240), "call_minutes": (1, 120),
}
_TIME_KEYS = ("day_start", "lunch_start", "calls_start")


def _blank(v: object) -> bool:
    return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v))


def split_regions(text: object) -> frozenset[str]:
    """'华东, 华北' / '华东、华北' -> {'华东', '华北'}."""
    if _blank(text):
        return frozenset()
    return frozenset(p.strip() for p in re.split(r"[,，、;；/]+", str(text)) if p.strip())


def settings_from(fields: dict, tier_rules: pd.DataFrame | None, cadence: pd.DataFrame | None,
                  rows_per_day: int = 40) -> tuple[PlanSettings, list[SettingIssue]]:
    """PlanSettings from the settings sheet as read; blanks take the documented defaults,
    out-of-range values are reported and replaced by the default, never guessed."""
    issues: list[SettingIssue] = []
    kw: dict = {"rows_per_day": rows_per_day}
    for key, (lo, hi) in _INT_LIMITS.items():
        v = fields.get(key)
        if _blank(v):
            continue
        if not lo <= int(v) <= hi:
            issues.append(SettingIssue(key, None, None, "setting_range",
                                       {"value": v, "lo": lo, "hi": hi,
                                        "default": _default(key)}))
            continue
        kw[key] = int(v)
    for key in _TIME_KEYS:
        v = fields.get(key)
        if isinstance(v, dt.time):
            kw[key] = v
    rules: list[TierRule] = []
    if tier_rules is not None and len(tier_rules):
        for rec in tier_rules.to_dict("records"):
            if _blank(rec.get("tier")):
                continue

            def num(k: str, rec: dict = rec) -> float | None:
                v = rec.get(k)
                return None if _blank(v) else float(v)

            rules.append(TierRule(rec["tier"], split_regions(rec.get("regions")),
                                  num("min_employees"), num("min_annual_revenue"),
                                  num("min_net_assets")))
    kw["tier_rules"] = tuple(rules) if rules else DEFAULT_RULES
    cad = dict(DEFAULT_CADENCE)
    seen: set[str] = set()
    if cadence is not None and len(cadence):
        for rec in cadence.to_dict("records"):
            tier = rec.get("tier")
            if _blank(tier):
                continue
            base = DEFAULT_CADENCE[tier]
            call, visit, weight = (rec.get("call_every_months"), rec.get("visit_every_months"),
                                   rec.get("urgency_weight"))
            row = rec.get("_row")
            for col, v in (("call_every_months", call), ("visit_every_months", visit)):
                if not _blank(v) and not 1 <= int(v) <= 60:
                    default = getattr(base, "call_months" if col.startswith("call")
                                      else "visit_months")
                    issues.append(SettingIssue("cadence", row, col, "setting_range",
                                               {"value": v, "lo": 1, "hi": 60,
                                                "default": default}))
            call = base.call_months if _blank(call) or not 1 <= int(call) <= 60 else int(call)
            visit = base.visit_months if _blank(visit) or not 1 <= int(visit) <= 60 \
                else int(visit)
            weight = base.weight if _blank(weight) or float(weight) <= 0 else float(weight)
            cad[tier] = Cadence(call, visit, weight)
            seen.add(tier)
        for tier in TIER_ORDER:
            if tier not in seen:
                issues.append(SettingIssue("cadence", None, None, "cadence_missing",
                                           {"tier": tier}))
    kw["cadence"] = cad
    return PlanSettings(**kw), issues


# -- step 1: tiers ----------------------------------------------------------------------
def assign_tiers(customers: pd.DataFrame, rules: Iterable[TierRule]) -> pd.DataFrame:
    """Add `tier_used` and `tier_source` (given | rule | default): a typed tier always wins;
    a blank one comes from the first matching rule; none matching gives the lowest tier."""
    out = customers.copy()
    given = out["tier"].astype("object")
    tier = given.where(given.notna(), None)
    source = pd.Series(np.where(given.notna(), "given", None), index=out.index, dtype="object")
    todo = given.isna().to_numpy().copy()
    region = out["region"].astype("object").fillna("").astype(str).str.strip()
    stats = {k: pd.to_numeric(out[k], errors="coerce").to_numpy(dtype="float64")
             for k in ("employees", "annual_revenue", "net_assets")}
    for rule in rules:
        if not todo.any():
            break
        hit = np.zeros(len(out), dtype=bool) if not rule.catch_all else np.ones(len(out), bool)
        for key, threshold in (("employees", rule.min_employees),
                               ("annual_revenue", rule.min_annual_revenue),
                               ("net_assets", rule.min_net_assets)):
            if threshold:  # blank or 0: not a threshold
                with np.errstate(invalid="ignore"):
                    hit |= stats[key] >= threshold
        if rule.regions:
            hit &= region.isin(rule.regions).to_numpy()
        take = todo & hit
        tier[take] = rule.tier
        source[take] = "rule"
        todo &= ~take
    tier[todo] = LOWEST_TIER
    source[todo] = "default"
    out["tier_used"] = tier.astype("object")
    out["tier_source"] = source
    return out


# -- step 2: what is due ----------------------------------------------------------------
def due_dates(customers: pd.DataFrame, settings: PlanSettings, today: dt.date) -> pd.DataFrame:
    """Add `call_due` and `visit_due` from the last call/visit and the tier's cadence.

    A visit is a contact too, so the call clock runs from the later of last call and last
    visit. Never contacted: the call is due today. A customer never visited: the visit is
    due today. A prospect's first visit follows the call that gets the appointment: due a
    visit interval after its last contact, none before it was contacted at all. Needs
    `tier_used` (see `assign_tiers`)."""
    out = customers.copy()
    tiers = out["tier_used"].astype("object")
    call_m = tiers.map({t: c.call_months for t, c in settings.cadence.items()})
    visit_m = tiers.map({t: c.visit_months for t, c in settings.cadence.items()})
    last_call = pd.to_datetime(out["last_call_date"])
    last_visit = pd.to_datetime(out["last_visit_date"])
    last_contact = pd.concat([last_call, last_visit], axis=1).max(axis=1)
    never = last_contact.isna()
    now = pd.Timestamp(today)
    call_due = add_months_series(last_contact, call_m)
    call_due[never] = now
    visit_due = add_months_series(last_visit, visit_m)
    prospect = out["status"].astype("object").eq("prospect").to_numpy()
    unvisited = last_visit.isna().to_numpy()
    visit_due[unvisited & ~prospect] = now
    # a prospect's first visit follows the call that gets the appointment: due one visit
    # interval after the first contact, and not at all before it was ever contacted
    first_visit = add_months_series(last_contact, visit_m)
    visit_due[unvisited & prospect] = first_visit[unvisited & prospect]
    out["call_due"] = call_due
    out["visit_due"] = visit_due
    out["never_contacted"] = never.to_numpy()
    out["never_visited"] = last_visit.isna().to_numpy()
    return out


def contact_needs(customers: pd.DataFrame, settings: PlanSettings, start: dt.date,
                  end: dt.date, today: dt.date) -> pd.DataFrame:
    """One row per customer needing a contact by `end`: kind, purpose, due date, urgency.

    A visit and a call both due merge into one visit (the visit covers the call), so a
    customer is never planned twice. Urgency: open complaint first, then overdue cadence
    (overdue days x tier weight), then collection, then cadence due in the window."""
    if "call_due" not in customers:
        customers = due_dates(customers, settings, today)
    c = customers
    t_start, t_end, t_today = pd.Timestamp(start), pd.Timestamp(end), pd.Timestamp(today)
    call_due, visit_due = c["call_due"], c["visit_due"]
    call_needed = (call_due <= t_end).fillna(False).to_numpy(dtype=bool)
    visit_needed = (visit_due <= t_end).fillna(False).to_numpy(dtype=bool)
    complaint = c["open_complaint"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    amount = pd.to_numeric(c["receivable_amount"], errors="coerce").fillna(0).to_numpy()
    rec_due = pd.to_datetime(c["receivable_due_date"])
    lead = pd.Timedelta(days=settings.collection_lead_days)
    rec_contact = rec_due - lead
    has_rec = (amount > 0) & rec_due.notna().to_numpy()
    collection = has_rec & (rec_contact <= t_end).fillna(False).to_numpy(dtype=bool)
    coll_overdue = has_rec & (rec_due < t_start).fillna(False).to_numpy(dtype=bool)
    prospect = c["status"].astype("object").eq("prospect").to_numpy()
    never = c["never_contacted"].to_numpy(dtype=bool)
    never_visited = c["never_visited"].to_numpy(dtype=bool)

    visit = visit_needed | complaint | coll_overdue
    call = ~visit & (call_needed | collection)
    need = visit | call
    if not need.any():
        return _empty_needs()

    purpose = np.select([complaint, collection, prospect], ["complaint", "collection",
                                                          "new_customer"], "service")
    # the contact's due date: the earliest reason that applies
    cands = []
    for mask, dates in ((complaint, pd.Series(t_today, index=c.index)),
                        (collection, rec_contact), (call_needed, call_due),
                        (visit_needed, visit_due)):
        cands.append(pd.Series(pd.to_datetime(dates).where(mask), index=c.index))
    due = pd.concat(cands, axis=1).min(axis=1)

    # overdue cadence: a real last contact whose next date passed before the window
    call_over = call_needed & ~never & (call_due < t_start).fillna(False).to_numpy(dtype=bool)
    visit_over = visit_needed & ~never_visited & \
        (visit_due < t_start).fillna(False).to_numpy(dtype=bool)
    over_from = pd.concat([call_due.where(call_over), visit_due.where(visit_over)],
                          axis=1).min(axis=1)
    overdue_days = (t_start - over_from).dt.days.fillna(0).to_numpy(dtype="int64")
    weight = c["tier_used"].map({t: cd.weight for t, cd in settings.cadence.items()}) \
        .astype("float64").fillna(1.0).to_numpy()
    cls = np.select([complaint, call_over | visit_over, collection], [COMPLAINT, OVERDUE,
                                                                      COLLECTION], CADENCE)
    rec_days = (t_start - rec_due).dt.days.fillna(0).to_numpy(dtype="float64")
    until_due = (due - t_start).dt.days.fillna(0).to_numpy(dtype="float64")
    score = np.select([cls == COMPLAINT, cls == OVERDUE, cls == COLLECTION],
                      [weight, overdue_days * weight, rec_days + amount / 1e9],
                      -until_due + weight / 100.0)

    reasons = _reasons(complaint, coll_overdue, collection & ~coll_overdue, never & call_needed,
                       never_visited & visit_needed & ~never, call_over,
                       call_needed & ~call_over & ~never, visit_over,
                       visit_needed & ~visit_over & ~never_visited, visit & call_needed)
    out = pd.DataFrame({
        "rep": c["rep"], "customer_id": c["customer_id"], "customer": c["customer"],
        "region": c["region"], "area": c["area"].astype("object"),
        "kind": np.where(visit, "visit", "call"), "purpose": purpose,
        "tier": c["tier_used"], "tier_source": c["tier_source"], "due_date": due,
        "urgency_class": cls, "score": score, "reasons": reasons,
        "overdue_days": np.where(cls == OVERDUE, overdue_days, 0),
        "receivable_amount": np.where(collection, amount, np.nan),
        "receivable_due_date": rec_due.where(collection),
        "call_due": call_due.where(call_needed), "visit_due": visit_due.where(visit_needed),
        "contact": c.get("contact"), "phone": c.get("phone"),
    }, index=c.index)[need]
    out["tier_rank"] = out["tier"].map({t: i for i, t in enumerate(TIER_ORDER)}).fillna(9)
    out = out.sort_values(["rep", "urgency_class", "score", "due_date", "tier_rank",
                           "customer_id"], ascending=[True, True, False, True, True, True],
                          kind="mergesort", na_position="last")
    out["urgency"] = out.groupby("rep", sort=False).cumcount() + 1
    return out.drop(columns=["tier_rank"]).reset_index(drop=True)


def _reasons(*masks: np.ndarray) -> list[tuple[str, ...]]:
    codes = (R_COMPLAINT, R_COLLECTION_OVERDUE, R_COLLECTION_SOON, R_FIRST_CONTACT,
             R_NEVER_VISITED, R_CALL_OVERDUE, R_CALL_DUE, R_VISIT_OVERDUE, R_VISIT_DUE,
             R_VISIT_COVERS_CALL)
    stacked = np.vstack(masks)
    return [tuple(code for code, hit in zip(codes, col, strict=True) if hit)
            for col in stacked.T]


def _empty_needs() -> pd.DataFrame:
    cols = ["rep", "customer_id", "customer", "region", "area", "kind", "purpose", "tier",
            "tier_source", "due_date", "urgency_class", "score", "reasons", "overdue_days",
            "receivable_amount", "receivable_due_date", "call_due", "visit_due", "contact",
            "phone", "urgency"]
    return pd.DataFrame({k: pd.Series(dtype="object") for k in cols})


# -- step 3: scheduling -----------------------------------------------------------------
def working_days(start: dt.date, days: int, per_week: int) -> list[dt.date]:
    """The dates from `start` for `days` calendar days that are working days (Monday first;
    `per_week` 5 = Mon-Fri, 6 = Mon-Sat; Sunday never)."""
    return [d for d in (start + dt.timedelta(i) for i in range(days))
            if d.weekday() < min(per_week, 6)]


def records(df: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts (dates as `datetime.date`, missing dates as None): several times
    faster than `DataFrame.to_dict("records")`, which matters at tens of thousands of rows."""
    cols = list(df.columns)
    values = []
    for c in cols:
        s = df[c]
        if pd.api.types.is_datetime64_any_dtype(s.dtype):
            values.append(s.to_numpy(dtype="datetime64[D]").astype(object).tolist())
        else:
            values.append(s.tolist())
    return [dict(zip(cols, row, strict=True)) for row in zip(*values, strict=True)]


def customer_key(customer_id: object, customer: object) -> str:
    """How a customer is told apart: its ID, else its name (spaces and case aside)."""
    return customer_keys(customer_id, customer)[0]


def customer_keys(customer_id: object, customer: object) -> tuple[str, ...]:
    """Every key a typed plan row can be matched by: ID and name (a rep may type only one)."""
    keys = []
    if not _blank(customer_id) and str(customer_id).strip():
        keys.append("id:" + str(customer_id).strip().upper())
    if not _blank(customer) and str(customer).strip():
        keys.append("name:" + re.sub(r"\s+", "", str(customer)).lower())
    return tuple(keys) or ("name:",)


@dataclass
class DayState:
    """What a rep's day tab already holds (typed by the rep, or filled by an earlier run)."""

    visits: int = 0
    calls: int = 0
    rows_used: int = 0
    busy: list[tuple[int, int]] = field(default_factory=list)  # minutes from midnight


@dataclass
class TypedTab:
    """One day tab of a rep's workbook as it was found: the contacts already on it."""

    rep: str
    day: dt.date
    customer_ids: list = field(default_factory=list)
    customers: list = field(default_factory=list)
    kinds: list = field(default_factory=list)  # "visit" | "call" | None, one per row used
    times: list = field(default_factory=list)  # planned times (dt.time) or None
    planning: bool = True  # a day of the window (else: only the same week's workbook)


@dataclass
class Booked:
    """What the reps' workbooks already hold, as `schedule` takes it."""

    existing: dict[tuple[str, dt.date], DayState] = field(default_factory=dict)
    already: dict[str, dict[str, dt.date]] = field(default_factory=dict)
    unavailable: set[tuple[str, dt.date]] = field(default_factory=set)


def day_state(kinds: Iterable[object], times: Iterable[object], settings: PlanSettings
              ) -> DayState:
    """The capacity, rows and times a day's typed rows already take: a visit blocks its
    length plus travel from its planned time, a call its length."""
    kinds = list(kinds)
    state = DayState(visits=sum(1 for k in kinds if k == "visit"),
                     calls=sum(1 for k in kinds if k == "call"), rows_used=len(kinds))
    for kind, t in zip(kinds, times, strict=True):
        if isinstance(t, dt.time):
            start = _minutes(t)
            length = settings.call_minutes if kind == "call" else \
                settings.visit_minutes + settings.travel_minutes
            state.busy.append((start, start + length))
    return state


def booked(tabs: Iterable[TypedTab], unavailable: Iterable[tuple[str, dt.date]],
           settings: PlanSettings) -> Booked:
    """What `schedule` must respect: each planning day's used capacity, the customers
    already on any tab of the week (first day seen), and the days that cannot be written."""
    out = Booked(unavailable=set(unavailable))
    for tab in tabs:
        have = out.already.setdefault(tab.rep, {})
        for cid, name in zip(tab.customer_ids, tab.customers, strict=True):
            if cid is not None or name is not None:
                for key in customer_keys(cid, name):
                    have.setdefault(key, tab.day)
        if tab.planning:
            out.existing[(tab.rep, tab.day)] = day_state(tab.kinds, tab.times, settings)
    return out


@dataclass(frozen=True)
class Schedule:
    """Where every due contact went: planned, already in the rep's tabs, or carried over.

    `due` has one row (rep, tier) per due contact, so coverage is always counted against
    what was due, whatever later happened to the plan (see `carry_over`)."""

    contacts: pd.DataFrame  # CONTACT_COLUMNS, one row per planned contact
    carried_over: pd.DataFrame  # CARRIED_COLUMNS
    already_planned: pd.DataFrame  # due customers already in the rep's tabs: rep, key, date..
    due: pd.DataFrame  # rep, tier: one row per due contact
    contact_records: list[dict] = field(default_factory=list)  # `contacts`, row by row


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _clock(m: int) -> dt.time:
    m = max(0, min(m, 23 * 60 + 59))
    return dt.time(m // 60, m % 60)


def _free(start: int, length: int, busy: list[tuple[int, int]]) -> bool:
    return all(start + length <= b0 or start >= b1 for b0, b1 in busy)


def _next_free(t: int, length: int, busy: list[tuple[int, int]]) -> int:
    while not _free(t, length, busy):
        t = min(b1 for b0, b1 in busy if not (t + length <= b0 or t >= b1))
    return t


def time_slots(n_visits: int, n_calls: int, settings: PlanSettings,
               busy: Iterable[tuple[int, int]] = ()) -> tuple[list[dt.time], list[dt.time]]:
    """Planned times: visits from the first-visit time, one visit plus travel apart, never
    over lunch; calls from the calls time in the free time left (before the first visit,
    between visits, after the last). `busy` holds times the rep already planned."""
    lunch0 = _minutes(settings.lunch_start)
    blocked = [*busy, (lunch0, lunch0 + settings.lunch_minutes)] if settings.lunch_minutes \
        else list(busy)
    visits = []
    t = _minutes(settings.day_start)
    for _ in range(n_visits):
        t = _next_free(t, settings.visit_minutes, blocked)
        visits.append(t)
        blocked.append((t, t + settings.visit_minutes + settings.travel_minutes))
        t += settings.visit_minutes + settings.travel_minutes
    calls = []
    t = _minutes(settings.calls_start)
    for _ in range(n_calls):
        t = _next_free(t, settings.call_minutes, blocked)
        calls.append(t)
        t += settings.call_minutes
    return [_clock(m) for m in visits], [_clock(m) for m in calls]


def _assign_visits(items: list[dict], caps: list[int]) -> tuple[list[list[dict]], list[dict]]:
    """Spread visits (already in urgency order) over days: complaints on the earliest day,
    then one area per day (the most urgent remaining visit's); a second area joins a day
    only when the rest of the week could not hold the remaining visits otherwise."""
    per_day: list[list[dict]] = [[] for _ in caps]
    remaining = list(items[: sum(caps)])
    carried = list(items[sum(caps):])
    for i, cap in enumerate(caps):
        if cap <= 0 or not remaining:
            continue
        later = sum(caps[i + 1:])
        must = max(0, len(remaining) - later)
        picked = [v for v in remaining if v["urgency_class"] == COMPLAINT][:cap]
        anchor = picked[0]["area"] if picked else remaining[0]["area"]
        chosen = {id(v) for v in picked}
        for v in remaining:
            if len(picked) >= cap:
                break
            if id(v) not in chosen and v["area"] == anchor:
                picked.append(v)
                chosen.add(id(v))
        if len(picked) < must:
            first_seen: dict[object, int] = {}
            for j, v in enumerate(remaining):
                first_seen.setdefault(v["area"], j)
            others = sorted((v for v in remaining if id(v) not in chosen),
                            key=lambda v: first_seen[v["area"]])
            for v in others[: must - len(picked)]:
                picked.append(v)
                chosen.add(id(v))
        picked.sort(key=lambda v: v["urgency"])
        per_day[i] = picked
        remaining = [v for v in remaining if id(v) not in chosen]
    return per_day, carried + remaining


def _assign_calls(items: list[dict], days: list[dt.date], caps: list[int]
                  ) -> tuple[list[list[dict]], list[dict]]:
    """Each call on its due day (overdue: the first day); a full day moves it earlier,
    else later. Items are in urgency order, so the most urgent get their day first."""
    per_day: list[list[dict]] = [[] for _ in days]
    left = list(caps)
    carried = []
    for item in items:
        due = item["due_date"]
        due_d = due.date() if isinstance(due, pd.Timestamp) else due
        if due_d is None:
            due_d = days[0]
        pref = 0
        for i, d in enumerate(days):
            if d <= due_d:
                pref = i
        order = [pref, *range(pref - 1, -1, -1), *range(pref + 1, len(days))]
        spot = next((i for i in order if left[i] > 0), None)
        if spot is None:
            carried.append(item)
            continue
        per_day[spot].append(item)
        left[spot] -= 1
    for day_items in per_day:
        day_items.sort(key=lambda v: v["urgency"])
    return per_day, carried


def schedule(needs: pd.DataFrame, days: list[dt.date], settings: PlanSettings,
             existing: dict[tuple[str, dt.date], DayState] | None = None,
             already: dict[str, dict[str, dt.date]] | None = None,
             unavailable: set[tuple[str, dt.date]] | None = None,
             reps: Iterable[str] | None = None) -> Schedule:
    """Plan every rep's working `days` from `needs` (see `contact_needs`).

    `existing` is what each (rep, day) tab already holds: it uses capacity and rows.
    `already` maps rep -> customer key (see `customer_keys`) -> date for customers already
    in the rep's plan this window: they are not planned again. `unavailable` (rep, day)
    pairs get nothing (their workbook cannot be written); their contacts are carried over."""
    existing = existing or {}
    already = already or {}
    unavailable = unavailable or set()
    contacts: list[dict] = []
    carried: list[dict] = []
    skipped_already: list[dict] = []
    rep_list = list(dict.fromkeys([*(reps or []), *needs["rep"].dropna().unique()]))
    by_rep: dict[str, list[dict]] = {}
    for item in records(needs):
        by_rep.setdefault(item["rep"], []).append(item)
    for rep in rep_list:
        items = by_rep.get(rep, [])
        have = already.get(rep, {})
        todo = []
        for item in items:
            keys = customer_keys(item["customer_id"], item["customer"])
            key = next((k for k in keys if k in have), None)
            if key is not None:
                skipped_already.append({"rep": rep, "key": key, "date": have[key],
                                        "customer_id": item["customer_id"],
                                        "customer": item["customer"], "kind": item["kind"],
                                        "tier": item["tier"]})
            else:
                todo.append(item)
        states = [existing.get((rep, d), DayState()) for d in days]
        avail = [(rep, d) not in unavailable for d in days]
        rows_free = [max(0, settings.rows_per_day - s.rows_used) if ok else 0
                     for s, ok in zip(states, avail, strict=True)]
        v_cap_full = [max(0, settings.visits_per_day - s.visits) if ok else 0
                      for s, ok in zip(states, avail, strict=True)]
        v_caps = [min(a, b) for a, b in zip(v_cap_full, rows_free, strict=True)]
        visits = [i for i in todo if i["kind"] == "visit"]
        calls = [i for i in todo if i["kind"] == "call"]
        v_days, v_left = _assign_visits(visits, v_caps)
        c_cap_full = [max(0, settings.calls_per_day - s.calls) if ok else 0
                      for s, ok in zip(states, avail, strict=True)]
        c_caps = [min(c, r - len(v)) for c, r, v in zip(c_cap_full, rows_free, v_days,
                                                      strict=True)]
        c_days, c_left = _assign_calls(calls, days, c_caps)
        for left, full, caps in ((v_left, v_cap_full, v_caps), (c_left, c_cap_full, c_caps)):
            reason = CARRY_CAPACITY
            if not any(avail):
                reason = CARRY_UNAVAILABLE
            elif sum(full) > sum(caps):
                reason = CARRY_NO_ROWS
            for item in left:
                carried.append({**item, "reason": reason})
        for i, d in enumerate(days):
            if not v_days[i] and not c_days[i]:
                continue
            v_times, c_times = time_slots(len(v_days[i]), len(c_days[i]), settings,
                                          states[i].busy)
            for item, t in zip(v_days[i], v_times, strict=True):
                contacts.append({**item, "date": d, "planned_time": t})
            for item, t in zip(c_days[i], c_times, strict=True):
                contacts.append({**item, "date": d, "planned_time": t})
    order = {rep: i for i, rep in enumerate(rep_list)}
    contacts.sort(key=lambda c: (order[c["rep"]], c["date"], c["planned_time"]))
    contacts_df = _frame(contacts, CONTACT_COLUMNS)
    carried_df = _frame(carried, CARRIED_COLUMNS)
    already_df = pd.DataFrame(skipped_already, columns=["rep", "key", "date", "customer_id",
                                                        "customer", "kind", "tier"])
    return Schedule(contacts_df, carried_df, already_df,
                    needs[["rep", "tier"]].reset_index(drop=True), contacts)


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    return pd.DataFrame({c: [r.get(c) for r in rows] for c in columns})


def carry_over(sched: Schedule, moved: dict[int, str]) -> Schedule:
    """`sched` with the planned contacts at these positions (of `contacts`) carried over
    instead, each for the reason given: their workbook could not take them."""
    if not moved:
        return sched
    idx = sorted(moved)
    back = sched.contacts.loc[idx].drop(columns=["date", "planned_time"])
    back["reason"] = [moved[i] for i in idx]
    carried = pd.concat([sched.carried_over, back[CARRIED_COLUMNS]], ignore_index=True)
    contacts = sched.contacts.drop(index=idx).reset_index(drop=True)
    still = [r for i, r in enumerate(sched.contact_records) if i not in moved]
    return replace(sched, contacts=contacts, carried_over=carried, contact_records=still)


# -- per rep and week ------------------------------------------------------------------
def monday_of(day: dt.date) -> dt.date:
    """The Monday of `day`'s week: a rep's workbook holds one week."""
    return day - dt.timedelta(day.weekday())


def by_week(contacts: list[dict]) -> dict[tuple[str, dt.date], dict[int, list[int]]]:
    """Positions of planned contacts (in `contacts`, the schedule's records) per (rep,
    Monday of the week) and weekday: a rep's workbook holds one week, a day tab one day."""
    out: dict[tuple[str, dt.date], dict[int, list[int]]] = {}
    for i, rec in enumerate(contacts):
        day = rec["date"]
        out.setdefault((rec["rep"], monday_of(day)), {}).setdefault(day.weekday(), []).append(i)
    return out


def already_by_week(already: pd.DataFrame) -> Counter:
    """Due customers already in a rep's plan, per (rep, Monday of the week)."""
    return Counter((rep, monday_of(day)) for rep, day in zip(already["rep"], already["date"],
                                                              strict=True))


def usual(customers: pd.DataFrame, column: str) -> dict[str, object]:
    """Each rep's most common `column` among their customers (a tie: the first seen), for
    the region and area of a rep's workbook."""
    def mode(s: pd.Series) -> object:
        s = s.dropna()
        return Counter(s).most_common(1)[0][0] if len(s) else None

    found = customers.groupby("rep")[column].agg(mode).to_dict()
    return {rep: None if _blank(v) else v for rep, v in found.items()}


# -- coverage ---------------------------------------------------------------------------
def _count(df: pd.DataFrame, column: str, value: object) -> int:
    return int(df[column].eq(value).sum()) if len(df) else 0


def tier_coverage(sched: Schedule, tiered: pd.DataFrame) -> pd.DataFrame:
    """Per tier (DOMAIN.md section 8): customers, how many got their tier from the rules,
    due contacts, scheduled (planned now or already in the reps' tabs), coverage
    (scheduled / due; NaN when none is due) and carried over. The one coverage figure
    the command prints, the overview shows and --json gives."""
    rows = []
    for tier in TIER_ORDER:
        in_tier = tiered["tier_used"].eq(tier)
        due = _count(sched.due, "tier", tier)
        scheduled = _count(sched.contacts, "tier", tier) + \
            _count(sched.already_planned, "tier", tier)
        rows.append({"tier": tier, "customers": int(in_tier.sum()),
                     "from_rules": int((in_tier & tiered["tier_source"].ne("given")).sum()),
                     "due": due, "scheduled": scheduled,
                     "coverage": scheduled / due if due else float("nan"),
                     "carried_over": _count(sched.carried_over, "tier", tier)})
    return pd.DataFrame(rows)


def rep_coverage(sched: Schedule, reps: Iterable[str]) -> list[dict]:
    """Per rep, in the order of `reps`: visits and calls planned now, due contacts,
    scheduled, coverage (None when none is due) and carried over."""
    def per_rep(df: pd.DataFrame) -> dict:
        return df.groupby("rep").size().to_dict() if len(df) else {}

    visits = per_rep(sched.contacts[sched.contacts["kind"].eq("visit")])
    calls = per_rep(sched.contacts[sched.contacts["kind"].eq("call")])
    due, already = per_rep(sched.due), per_rep(sched.already_planned)
    carried = per_rep(sched.carried_over)
    rows = []
    for rep in reps:
        v, c, d = int(visits.get(rep, 0)), int(calls.get(rep, 0)), int(due.get(rep, 0))
        scheduled = v + c + int(already.get(rep, 0))
        rows.append({"rep": rep, "visits": v, "calls": c, "due": d, "scheduled": scheduled,
                     "coverage": scheduled / d if d else None,
                     "carried_over": int(carried.get(rep, 0))})
    return rows
