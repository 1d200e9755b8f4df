"""Scheduling a week: capacity, one contact per customer, urgency order, areas, times."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter

import pandas as pd
from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from addin.core import planning as core

MONDAY = dt.date(2026, 11, 30)
TODAY = dt.date(2026, 11, 27)
AREAS = ["浦东", "闵行", "徐汇", "嘉定"]


def _row(cid: str, rep: str = "张伟", area: str = "浦东", tier: str = "general",
         last_call=None, last_visit=None, status: str = "customer", complaint: bool = False,
         receivable: float | None = None, receivable_due=None) -> dict:
    return {"customer_id": cid, "customer": f"客户{cid}", "rep": rep, "region": "华东",
            "area": area, "tier": tier, "employees": 50, "annual_revenue": 1e6,
            "net_assets": 1e6, "status": status,
            "last_call_date": pd.Timestamp(last_call) if last_call else pd.NaT,
            "last_visit_date": pd.Timestamp(last_visit) if last_visit else pd.NaT,
            "receivable_amount": receivable,
            "receivable_due_date": pd.Timestamp(receivable_due) if receivable_due else pd.NaT,
            "open_complaint": complaint, "contact": None, "phone": None}


def _plan(rows: list[dict], s: core.PlanSettings, n_days: int = 7, **kw) -> tuple:
    df = core.assign_tiers(pd.DataFrame(rows), s.tier_rules)
    end = MONDAY + dt.timedelta(n_days - 1)
    needs = core.contact_needs(df, s, MONDAY, end, TODAY)
    days = core.working_days(MONDAY, n_days, s.working_days)
    return needs, days, core.schedule(needs, days, s, **kw)


@st.composite
def customer_lists(draw):
    n = draw(st.integers(1, 60))
    rows = []
    for i in range(n):
        lc = draw(st.one_of(st.none(), st.integers(0, 400)))
        lv = draw(st.one_of(st.none(), st.integers(0, 500)))
        ar = draw(st.booleans())
        rows.append(_row(
            f"C{i:03d}", rep=draw(st.sampled_from(["张伟", "王芳", "Li"])),
            area=draw(st.sampled_from(AREAS)),
            tier=draw(st.sampled_from([None, "priority", "general", "last"])),
            last_call=None if lc is None else TODAY - dt.timedelta(lc),
            last_visit=None if lv is None else TODAY - dt.timedelta(lv),
            status=draw(st.sampled_from(["customer", "customer", "prospect"])),
            complaint=draw(st.integers(0, 9)) == 0,
            receivable=10_000.0 if ar else None,
            receivable_due=TODAY + dt.timedelta(draw(st.integers(-30, 30))) if ar else None))
    return rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(customer_lists(), st.integers(0, 4), st.integers(0, 6), st.integers(4, 40),
       st.integers(1, 6))
def test_schedule_invariants(rows, visits_per_day, calls_per_day, rows_per_day, working):
    s = core.PlanSettings(visits_per_day=visits_per_day, calls_per_day=calls_per_day,
                          rows_per_day=rows_per_day, working_days=working)
    needs, days, sched = _plan(rows, s)
    contacts, carried = sched.contacts, sched.carried_over

    # every due contact is planned or carried over, never both, never dropped
    planned = Counter(zip(contacts["rep"], contacts["customer_id"], strict=True))
    left = Counter(zip(carried["rep"], carried["customer_id"], strict=True))
    due = Counter(zip(needs["rep"], needs["customer_id"], strict=True))
    assert planned + left == due
    assert not set(planned) & set(left)
    # a customer at most once in the window, so never twice on one day
    assert max(planned.values(), default=0) <= 1

    # capacity and rows per rep per working day, working days only
    assert set(contacts["date"]) <= set(days)
    per_day = contacts.groupby(["rep", "date", "kind"]).size()
    for (_rep, _d, kind), n in per_day.items():
        assert n <= (visits_per_day if kind == "visit" else calls_per_day)
    assert contacts.groupby(["rep", "date"]).size().max(skipna=True) <= rows_per_day \
        if len(contacts) else True

    # urgency: nothing carried over is more urgent than something planned (same rep, kind)
    for (rep, kind), grp in carried.groupby(["rep", "kind"]):
        mine = contacts[(contacts["rep"] == rep) & (contacts["kind"] == kind)]
        if len(mine):
            assert grp["urgency"].min() > mine["urgency"].max()

    # times: within a day, visits never overlap each other or lunch; calls never a visit
    lunch = (12 * 60, 13 * 60)
    for _key, grp in contacts.groupby(["rep", "date"]):
        spans = []
        for kind, t in zip(grp["kind"], grp["planned_time"], strict=True):
            m = t.hour * 60 + t.minute
            length = s.visit_minutes if kind == "visit" else s.call_minutes
            spans.append((m, m + length, kind))
            if kind == "visit":
                assert m + s.visit_minutes <= lunch[0] or m >= lunch[1]
        spans.sort()
        for a, b in itertools.pairwise(spans):
            assert a[1] <= b[0], (a, b)


def test_overdue_priority_customers_come_before_general_ones():
    """Same overdue days: priority first. Weighted: a general customer overdue three times
    as long outranks a priority one (weights 3 and 2 from the settings)."""
    s = core.PlanSettings(visits_per_day=2)
    rows = []
    was_due = MONDAY - dt.timedelta(40)  # visits overdue by 40 days at the window's start
    for i in range(6):
        rows.append(_row(f"P{i}", tier="priority", last_call=TODAY,
                         last_visit=was_due - relativedelta(months=3)))
        rows.append(_row(f"G{i}", tier="general", last_call=TODAY,
                         last_visit=was_due - relativedelta(months=6)))
    needs, _days, sched = _plan(rows, s, n_days=2)  # Monday and Tuesday: 4 visits
    assert (needs["overdue_days"] == 40).all()
    planned = sched.contacts.sort_values(["date", "planned_time"])["customer_id"].tolist()
    assert planned == ["P0", "P1", "P2", "P3"]
    assert sorted(sched.carried_over["customer_id"]) == ["G0", "G1", "G2", "G3", "G4", "G5",
                                                         "P4", "P5"]
    assert set(sched.carried_over["reason"]) == {core.CARRY_CAPACITY}

    # weighting: general overdue 90 days (x2 = 180) before priority overdue 40 (x3 = 120)
    rows = [_row("P", tier="priority", last_call=TODAY, last_visit=dt.date(2026, 7, 21)),
            _row("G", tier="general", last_call=TODAY, last_visit=dt.date(2026, 3, 2))]
    needs = core.contact_needs(core.assign_tiers(pd.DataFrame(rows), s.tier_rules), s,
                               MONDAY, MONDAY, TODAY)
    by_id = needs.set_index("customer_id")
    weight = {"priority": 3, "general": 2}
    score = {c: by_id.loc[c, "overdue_days"] * weight[by_id.loc[c, "tier"]] for c in by_id.index}
    assert score["G"] > score["P"]
    assert needs["customer_id"].tolist() == sorted(score, key=score.get, reverse=True)


def test_open_complaints_first_then_overdue_then_collection_then_cadence():
    s = core.PlanSettings()
    rows = [
        _row("CAD", tier="priority", last_call=TODAY, last_visit=dt.date(2026, 9, 1)),
        _row("COL", tier="last", last_call=TODAY, last_visit=TODAY, receivable=5000.0,
             receivable_due=dt.date(2026, 11, 20)),
        _row("OVR", tier="last", last_call=TODAY, last_visit=dt.date(2025, 10, 1)),
        _row("CMP", tier="last", last_call=TODAY, last_visit=TODAY, complaint=True),
    ]
    needs, _days, sched = _plan(rows, s)
    assert needs["customer_id"].tolist() == ["CMP", "OVR", "COL", "CAD"]
    assert needs.set_index("customer_id").loc["CMP", "purpose"] == "complaint"
    assert needs.set_index("customer_id").loc["COL", "purpose"] == "collection"
    first = sched.contacts.sort_values(["date", "planned_time"]).iloc[0]
    assert first["customer_id"] == "CMP" and first["date"] == MONDAY
    assert first["planned_time"] == s.day_start


def test_a_days_visits_stay_in_one_area_when_the_week_allows():
    s = core.PlanSettings(visits_per_day=4)
    rows = [_row(f"{a}{i}", area=a, tier="general", last_call=TODAY,
                 last_visit=dt.date(2026, 3, 1) + dt.timedelta(i * 7 + j))
            for j, a in enumerate(AREAS[:3]) for i in range(3)]
    _needs, _days, sched = _plan(rows, s)
    areas_per_day = sched.contacts.groupby("date")["area"].nunique()
    assert (areas_per_day == 1).all()
    assert len(sched.carried_over) == 0
    # a full week mixes areas only as much as it must
    s = core.PlanSettings(visits_per_day=3, working_days=2)
    rows = [_row(f"V{i}", area=AREAS[i % 3], last_call=TODAY, last_visit=dt.date(2026, 1, 1))
            for i in range(6)]
    _needs, _days, sched = _plan(rows, s)
    assert len(sched.contacts) == 6
    assert sched.contacts.groupby("date")["area"].nunique().max() <= 2


def test_calls_go_on_their_due_day_and_times_fill_the_morning():
    s = core.PlanSettings()
    rows = [_row("WED", tier="priority", last_call=dt.date(2026, 11, 2),
                 last_visit=dt.date(2026, 11, 2)),
            _row("MON", tier="priority", last_call=dt.date(2026, 10, 20),
                 last_visit=dt.date(2026, 10, 20))]
    _needs, _days, sched = _plan(rows, s)
    when = sched.contacts.set_index("customer_id")["date"]
    assert when["WED"] == dt.date(2026, 12, 2)  # due that Wednesday
    assert when["MON"] == MONDAY  # overdue: the first day
    visits, calls = core.time_slots(6, 20, s)
    assert [t.strftime("%H:%M") for t in visits] == ["09:00", "10:15", "13:00", "14:15",
                                                     "15:30", "16:45"]
    assert calls[0] == dt.time(8, 0) and calls[14] == dt.time(8, 56)
    assert calls[15] == dt.time(11, 30)  # the gap between a visit's travel and lunch
    assert all(c >= dt.time(17, 45) for c in calls[22:])  # then after the last visit


def test_what_the_rep_already_planned_uses_capacity_and_is_not_planned_again():
    s = core.PlanSettings(visits_per_day=2)
    rows = [_row(f"V{i}", last_call=TODAY, last_visit=dt.date(2026, 1, 1) + dt.timedelta(i))
            for i in range(4)]
    existing = {("张伟", MONDAY): core.DayState(visits=1, rows_used=1, busy=[(540, 615)])}
    already = {"张伟": {core.customer_key("V0", None): MONDAY}}
    _needs, _days, sched = _plan(rows, s, n_days=1, existing=existing, already=already)
    assert sched.contacts["customer_id"].tolist() == ["V1"]  # one visit left on Monday
    assert sched.contacts["planned_time"].iloc[0] == dt.time(10, 15)  # 09:00 is taken
    assert sched.already_planned["customer_id"].tolist() == ["V0"]
    assert sorted(sched.carried_over["customer_id"]) == ["V2", "V3"]
    # a day whose workbook cannot be written gets nothing; its contacts are carried over
    _needs, _days, sched = _plan(rows, s, n_days=1, unavailable={("张伟", MONDAY)})
    assert sched.contacts.empty
    assert set(sched.carried_over["reason"]) == {core.CARRY_UNAVAILABLE}


def test_tier_rules_fill_blank_tiers_only():
    rules = (core.TierRule("priority", frozenset({"华北"}), min_employees=50),
             core.TierRule("priority", frozenset(), min_annual_revenue=50e6),
             core.TierRule("general", frozenset(), min_employees=20),
             core.TierRule("last"))
    df = pd.DataFrame([
        {"tier": None, "region": "华北", "employees": 60, "annual_revenue": 1e6,
         "net_assets": None},
        {"tier": None, "region": "华东", "employees": 60, "annual_revenue": 1e6,
         "net_assets": None},
        {"tier": None, "region": "华东", "employees": 5, "annual_revenue": 60e6,
         "net_assets": None},
        {"tier": "last", "region": "华北", "employees": 900, "annual_revenue": 1e9,
         "net_assets": None},
        {"tier": None, "region": None, "employees": None, "annual_revenue": None,
         "net_assets": None},
    ])
    out = core.assign_tiers(df, rules)
    assert out["tier_used"].tolist() == ["priority", "general", "priority", "last", "last"]
    assert out["tier_source"].tolist() == ["rule", "rule", "rule", "given", "rule"]
    out = core.assign_tiers(df, rules[:3])  # no catch-all rule: the lowest tier, by default
    assert out["tier_used"].iloc[4] == "last" and out["tier_source"].iloc[4] == "default"


# -- what the reps' workbooks already hold, coverage, carry-over --------------------------
def test_a_days_typed_rows_take_capacity_rows_and_their_times():
    s = core.PlanSettings()  # a visit: 60 minutes + 15 travel; a call: 4 minutes
    state = core.day_state(["visit", "call", None], [dt.time(9, 30), dt.time(8, 0), None], s)
    assert (state.visits, state.calls, state.rows_used) == (1, 1, 3)
    assert state.busy == [(9 * 60 + 30, 10 * 60 + 45), (8 * 60, 8 * 60 + 4)]


def test_booked_matches_by_id_or_name_and_counts_only_planning_days():
    s = core.PlanSettings()
    tue = MONDAY + dt.timedelta(1)
    tabs = [core.TypedTab("张伟", MONDAY, ["c1", None], ["甲公司", " 乙 公司 "],
                          ["visit", "call"], [dt.time(9, 0), None], planning=True),
            core.TypedTab("张伟", tue, ["C1"], [None], ["visit"], [None], planning=False)]
    out = core.booked(tabs, [("王芳", tue)], s)
    assert out.already == {"张伟": {"id:C1": MONDAY, "name:甲公司": MONDAY,
                                    "name:乙公司": MONDAY}}
    assert list(out.existing) == [("张伟", MONDAY)]  # Tuesday is not being planned
    assert out.existing[("张伟", MONDAY)].visits == 1
    assert out.unavailable == {("王芳", tue)}


def _coverage_case():
    """张伟, one working day, one visit a day: the complaint is planned, the general
    customer is already in his plan, the customer tiered by the rules is carried over, a
    fourth is not due. 王芳 has nothing due."""
    s = core.PlanSettings(visits_per_day=1)
    rows = [_row("P1", tier="priority", last_call=TODAY, last_visit=TODAY, complaint=True),
            _row("P2", tier="priority", last_call=TODAY, last_visit=TODAY),
            _row("G1", tier="general", last_call=TODAY, last_visit=dt.date(2026, 1, 1)),
            {**_row("L1", tier=None, last_call=TODAY, last_visit=dt.date(2025, 1, 1)),
             "employees": 3, "annual_revenue": 1.0, "net_assets": 1.0},
            _row("W1", rep="王芳", tier="general", last_call=TODAY, last_visit=TODAY)]
    tiered = core.assign_tiers(pd.DataFrame(rows), s.tier_rules)
    already = {"张伟": {core.customer_key("G1", None): MONDAY}}
    _needs, _days, sched = _plan(rows, s, n_days=1, already=already, reps=["张伟", "王芳"])
    return tiered, sched


def test_coverage_per_tier_and_rep_comes_from_the_schedule():
    tiered, sched = _coverage_case()
    by_tier = core.tier_coverage(sched, tiered).set_index("tier")
    assert by_tier.loc["priority"].to_dict() == {
        "customers": 2, "from_rules": 0, "due": 1, "scheduled": 1, "coverage": 1.0,
        "carried_over": 0}
    assert by_tier.loc["general"].to_dict() == {
        "customers": 2, "from_rules": 0, "due": 1, "scheduled": 1, "coverage": 1.0,
        "carried_over": 0}
    assert by_tier.loc["last"].to_dict() == {
        "customers": 1, "from_rules": 1, "due": 1, "scheduled": 0, "coverage": 0.0,
        "carried_over": 1}
    assert core.rep_coverage(sched, ["张伟", "王芳"]) == [
        {"rep": "张伟", "visits": 1, "calls": 0, "due": 3, "scheduled": 2,
         "coverage": 2 / 3, "carried_over": 1},
        {"rep": "王芳", "visits": 0, "calls": 0, "due": 0, "scheduled": 0,
         "coverage": None, "carried_over": 0}]


def test_a_contact_its_workbook_could_not_take_is_carried_over():
    tiered, sched = _coverage_case()
    moved = core.carry_over(sched, {0: core.CARRY_NO_ROWS})
    assert moved.contacts.empty and moved.contact_records == []
    back = moved.carried_over.set_index("customer_id")
    assert back.loc["P1", "reason"] == core.CARRY_NO_ROWS
    assert back.loc["L1", "reason"] == core.CARRY_CAPACITY
    priority = core.tier_coverage(moved, tiered).set_index("tier").loc["priority"]
    assert (priority["due"], priority["scheduled"], priority["carried_over"]) == (1, 0, 1)
    assert core.carry_over(sched, {}) is sched


def test_contacts_are_grouped_by_the_reps_week_and_weekday():
    sun, mon = dt.date(2026, 12, 6), dt.date(2026, 12, 7)
    records = [{"rep": "A", "date": MONDAY}, {"rep": "A", "date": sun},
               {"rep": "A", "date": mon}, {"rep": "B", "date": MONDAY},
               {"rep": "A", "date": MONDAY}]
    assert core.by_week(records) == {("A", MONDAY): {0: [0, 4], 6: [1]},
                                     ("A", mon): {0: [2]}, ("B", MONDAY): {0: [3]}}
    already = pd.DataFrame({"rep": ["A", "A", "B"], "date": [sun, mon, MONDAY]})
    assert core.already_by_week(already) == {("A", MONDAY): 1, ("A", mon): 1,
                                             ("B", MONDAY): 1}


def test_a_reps_region_is_the_most_common_of_their_customers():
    df = pd.DataFrame({"rep": ["A", "A", "A", "B", "B", "C"],
                       "region": ["华东", "华北", "华北", "华南", "华东", None]})
    assert core.usual(df, "region") == {"A": "华北", "B": "华南", "C": None}
