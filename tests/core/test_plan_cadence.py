"""Contact cadence as the handbook states it (docs/domain.md §8), in calendar months.

Expected due dates are computed here with dateutil's relativedelta, independently of
`addin.core.cadence`."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from addin.core import planning as core
from addin.core.cadence import add_months_series

# docs/domain.md §8, typed from the handbook, not read from the schema
HANDBOOK = {"priority": {"call": 1, "visit": 3}, "general": {"call": 3, "visit": 6},
            "last": {"call": 6, "visit": 12}}
ON = dt.date(2026, 12, 15)


def _plus_months(day: dt.date | None, months: int) -> dt.date | None:
    got = add_months_series(pd.Series(pd.to_datetime([day])), months).iloc[0]
    return None if pd.isna(got) else got.date()


def test_calendar_month_end_is_clamped():
    assert _plus_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert _plus_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)  # leap year
    assert _plus_months(dt.date(2026, 8, 31), 1) == dt.date(2026, 9, 30)
    assert _plus_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert _plus_months(dt.date(2026, 3, 15), 1) == dt.date(2026, 4, 15)
    assert _plus_months(dt.date(2026, 3, 31), -1) == dt.date(2026, 2, 28)
    assert _plus_months(None, 1) is None


@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2090, 12, 31))),
                min_size=1, max_size=30),
       st.one_of(st.integers(-30, 30),
                 st.lists(st.integers(-30, 30), min_size=30, max_size=30)))
def test_calendar_months_agree_with_relativedelta(days, months):
    """One number of months for every row, or one per row (each tier has its own)."""
    per_row = months if isinstance(months, list) else [months] * len(days)
    per_row = per_row[:len(days)]
    got = add_months_series(pd.Series(pd.to_datetime(days)),
                            pd.Series(per_row) if isinstance(months, list) else months)
    for day, n, value in zip(days, per_row, got, strict=True):
        if day is None:
            assert pd.isna(value)
        else:
            assert value.date() == day + relativedelta(months=n)


def _customer(tier: str, last_call, last_visit, status: str = "customer") -> pd.DataFrame:
    return pd.DataFrame([{
        "customer_id": "C1", "customer": "测试客户", "rep": "张伟", "region": "华东",
        "area": "浦东", "tier": tier, "employees": 50, "annual_revenue": 1e6,
        "net_assets": 1e6, "status": status,
        "last_call_date": pd.Timestamp(last_call) if last_call else pd.NaT,
        "last_visit_date": pd.Timestamp(last_visit) if last_visit else pd.NaT,
        "receivable_amount": None, "receivable_due_date": pd.NaT, "open_complaint": False,
        "contact": None, "phone": None}])


def _cases():
    for tier, kinds in HANDBOOK.items():
        for kind, months in kinds.items():
            exact = ON - relativedelta(months=months)
            for label, last in (("exactly one interval ago", exact),
                                ("a day less than an interval", exact + dt.timedelta(1)),
                                ("a day more than an interval", exact - dt.timedelta(1)),
                                ("a week ago", ON - dt.timedelta(7)),
                                ("two intervals ago", ON - relativedelta(months=2 * months)),
                                ("on 31 January", dt.date(2026, 1, 31))):
                due_on = last + relativedelta(months=months)
                yield pytest.param(tier, kind, last, due_on <= ON,
                                   id=f"{tier}-{kind}-{label}")


@pytest.mark.parametrize(("tier", "kind", "last", "expected"), list(_cases()))
def test_handbook_cadence_table(tier, kind, last, expected):
    """Each tier x call/visit x last contact: due on ON or not, and planned only if due."""
    s = core.PlanSettings()
    # a call: visited the same day, so the visit is not due yet; a visit: called today,
    # so the call clock restarts and only the visit can be due
    df = _customer(tier, last, last) if kind == "call" else _customer(tier, ON, last)
    tiered = core.assign_tiers(df, s.tier_rules)
    due = core.due_dates(tiered, s, today=ON)
    assert bool(due[f"{kind}_due"].iloc[0].date() <= ON) is expected
    needs = core.contact_needs(tiered, s, ON, ON, today=ON)
    assert (len(needs) == 1) is expected
    if expected:
        assert needs["tier"].iloc[0] == tier
        visit_due_too = kind == "call" and \
            last + relativedelta(months=HANDBOOK[tier]["visit"]) <= ON
        if visit_due_too:  # one visit covers both, never two contacts
            assert needs["kind"].iloc[0] == "visit"
            assert core.R_VISIT_COVERS_CALL in needs["reasons"].iloc[0]
        else:
            assert needs["kind"].iloc[0] == kind


def test_never_contacted_is_due_now_and_a_prospect_starts_with_a_call():
    s = core.PlanSettings()
    today = dt.date(2026, 11, 27)
    start, end = dt.date(2026, 11, 30), dt.date(2026, 12, 4)
    customer = core.assign_tiers(_customer("last", None, None), s.tier_rules)
    needs = core.contact_needs(customer, s, start, end, today)
    assert needs["kind"].tolist() == ["visit"]  # the visit covers the call
    assert needs["due_date"].iloc[0].date() == today
    prospect = core.assign_tiers(_customer("last", None, None, "prospect"), s.tier_rules)
    needs = core.contact_needs(prospect, s, start, end, today)
    assert needs["kind"].tolist() == ["call"]
    assert needs["purpose"].tolist() == ["new_customer"]
    assert core.R_FIRST_CONTACT in needs["reasons"].iloc[0]
    # called but never visited: the first visit is due a visit interval after the call
    called = core.assign_tiers(_customer("priority", dt.date(2026, 9, 30), None, "prospect"),
                               s.tier_rules)
    due = core.due_dates(called, s, today)
    assert due["visit_due"].iloc[0].date() == dt.date(2026, 12, 30)
    assert due["call_due"].iloc[0].date() == dt.date(2026, 10, 30)


def test_a_visit_restarts_the_call_clock():
    s = core.PlanSettings()
    df = core.assign_tiers(_customer("priority", dt.date(2026, 6, 1), dt.date(2026, 11, 20)),
                           s.tier_rules)
    due = core.due_dates(df, s, dt.date(2026, 11, 27))
    assert due["call_due"].iloc[0].date() == dt.date(2026, 12, 20)
    assert due["visit_due"].iloc[0].date() == dt.date(2027, 2, 20)


def test_cadence_comes_from_the_settings_sheet():
    table = pd.DataFrame([{"tier": "priority", "call_every_months": 2, "visit_every_months": 4,
                           "urgency_weight": None, "_row": 21}])
    s, issues = core.settings_from({}, None, table)
    assert s.cadence["priority"].call_months == 2
    assert s.cadence["general"] == core.DEFAULT_CADENCE["general"]
    assert {i.params.get("tier") for i in issues if i.code == "cadence_missing"} == \
        {"general", "last"}
    df = core.assign_tiers(_customer("priority", dt.date(2026, 10, 15), dt.date(2026, 10, 15)),
                           s.tier_rules)
    assert core.due_dates(df, s, ON)["call_due"].iloc[0].date() == dt.date(2026, 12, 15)
