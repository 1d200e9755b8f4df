"""The history store keeps every value a rollup hands it, typed: None for every kind of
missing, ISO text for dates, 0/1 for flags; whatever dtype pandas gave the column."""

from __future__ import annotations

import datetime as dt
import sqlite3

import numpy as np
import pandas as pd
import pytest

from addin.io import history

D1, D2 = dt.date(2026, 11, 23), dt.date(2026, 11, 24)


def _days(reps=("张伟", "Li Na")) -> pd.DataFrame:
    return pd.DataFrame({"rep": list(reps), "date": [D1, D2], "region": ["华东", None],
                         "week": "2026-W48", "attendance": ["present", None],
                         "working": [True, False], "reported": [True, True],
                         "visits_planned": np.array([3, 0], dtype="int64"),
                         "blank_required": [0, 2], "file": ["a.xlsx", "b.xlsx"]})


@pytest.mark.parametrize("dtype", [None, object, "str"])
def test_values_are_stored_typed_whatever_the_column_dtype(tmp_path, dtype):
    visits = pd.DataFrame({
        "rep": ["张伟", "张伟", "Li Na"], "date": [D1, D1, D2], "file": ["a.xlsx"] * 2 + ["b"],
        "row": [7, 8, 7], "region": ["华东", "华东", None],
        "customer": ["客户甲", np.nan, "=1+1"], "outcome": ["ordered", None, "lost"],
        "order_amount": [1200.5, np.nan, None], "collected_amount": [None, None, None],
        "new_customer": [True, False, pd.NA], "objection": [None, "price_too_high", None],
        "complaint_handled": pd.array([None, True, False], dtype="boolean"),
        "cell": ["a.xlsx!周一日报!A7", "a.xlsx!周一日报!A8", "b!Tue!A7"]})
    if dtype is not None:
        for col in ("customer", "outcome", "objection", "region"):
            visits[col] = visits[col].astype(dtype)
    path = tmp_path / "h.sqlite"
    assert history.upsert(path, _days(), visits) == 2
    with sqlite3.connect(path) as con:
        rows = con.execute("SELECT rep, date, seq, region, customer, outcome, order_amount, "
                           "new_customer, complaint_handled, objection FROM visits "
                           "ORDER BY rep DESC, seq").fetchall()
        days = con.execute("SELECT rep, date, working, visits_planned, region FROM days "
                           "ORDER BY date").fetchall()
    assert rows == [
        ("张伟", "2026-11-23", 0, "华东", "客户甲", "ordered", 1200.5, 1, None, None),
        ("张伟", "2026-11-23", 1, "华东", None, None, None, 0, 1, "price_too_high"),
        ("Li Na", "2026-11-24", 0, None, "=1+1", "lost", None, None, 0, None)]
    assert days == [("张伟", "2026-11-23", 1, 3, "华东"), ("Li Na", "2026-11-24", 0, 0, None)]
    back_days, back_visits = history.load(path, D1, D2)
    assert sorted(back_visits["date"]) == [D1, D1, D2]
    assert back_days["working"].tolist() == [True, False]


def test_a_second_upsert_replaces_the_rep_days_it_names(tmp_path):
    path = tmp_path / "h.sqlite"
    visits = pd.DataFrame({"rep": ["张伟"] * 3, "date": [D1] * 3, "file": ["a.xlsx"] * 3,
                           "row": [7, 8, 9], "customer": ["x", "y", "z"]})
    history.upsert(path, _days(), visits)
    history.upsert(path, _days(), visits.iloc[:1])
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT COUNT(*) FROM visits").fetchone() == (1,)
        assert con.execute("SELECT COUNT(*) FROM days").fetchone() == (2,)
