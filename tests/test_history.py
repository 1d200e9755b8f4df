"""The history store keeps every value a rollup hands it, typed (None for every kind of
missing, ISO text for dates, 0/1 for flags, whatever dtype pandas gave the column), and is
a guarded resource: a file that is not ours is refused and left byte-identical, reading
works on a read-only file, a locked or unwritable store is never written."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
import time

import numpy as np
import pandas as pd
import pytest
from conftest import sha256

from addin.errors import HistoryError
from addin.io import history
from addin.io.history import sqlite as backend
from addin.io.history.tables import APPLICATION_ID, SCHEMA_VERSION

D1, D2 = dt.date(2026, 11, 23), dt.date(2026, 11, 24)


def _days(reps=("张伟", "Li Na")) -> pd.DataFrame:
    return pd.DataFrame({"rep": list(reps), "date": [D1, D2], "region": ["华东", None],
                         "week": "2026-W48", "attendance": ["present", None],
                         "working": [True, False], "reported": [True, True],
                         "visits_planned": np.array([3, 0], dtype="int64"),
                         "blank_required": [0, 2], "file": ["a.xlsx", "b.xlsx"]})


def _visits() -> pd.DataFrame:
    return pd.DataFrame({"rep": ["张伟"] * 3, "date": [D1] * 3, "file": ["a.xlsx"] * 3,
                         "row": [7, 8, 9], "customer": ["x", "y", "z"]})


def write(path, days=None, visits=None, **kw) -> int:
    return history.write_week(path, _days() if days is None else days,
                              _visits() if visits is None else visits, week="2026-W48",
                              files=2, lang="zh", **kw)


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
    assert write(path, visits=visits) == 2
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
    with history.open_store(path) as store:
        back_days, back_visits = store.load(D1, D2)
        assert store.months() == ["2026-11"]
        assert store.language() == "zh"
    assert sorted(back_visits["date"]) == [D1, D1, D2]
    assert back_days["working"].tolist() == [True, False]


def test_a_second_write_replaces_the_rep_days_it_names(tmp_path):
    path = tmp_path / "h.sqlite"
    write(path)
    write(path, visits=_visits().iloc[:1])
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT COUNT(*) FROM visits").fetchone() == (1,)
        assert con.execute("SELECT COUNT(*) FROM days").fetchone() == (2,)
        assert con.execute("SELECT COUNT(*) FROM rollups").fetchone() == (2,)


def test_a_new_store_carries_the_stamp(tmp_path):
    path = tmp_path / "h.sqlite"
    write(path)
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
        assert con.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_refused_gate_leaves_the_store_as_it_was(tmp_path):
    path = tmp_path / "h.sqlite"
    write(path)
    before = sha256(path)
    assert write(path, visits=_visits().iloc[:1], gate=lambda: False) == 0
    assert sha256(path) == before


# -- files that are not ours -------------------------------------------------------------
V1_DDL = (  # what salesbook 0.1 created (no stamp); copied from that version
    "CREATE TABLE days (rep TEXT, date TEXT, region TEXT, week TEXT, attendance TEXT, "
    "working INTEGER, reported INTEGER, expenses REAL, selling_hours REAL, calls_dialled "
    "REAL, calls_completed REAL, appointments REAL, presentations REAL, sales_closed REAL, "
    "sales_amount REAL, day_target REAL, visits_planned INTEGER, blank_required INTEGER, "
    "file TEXT, rolled_at TEXT, PRIMARY KEY (rep, date))",
    "CREATE TABLE visits (rep TEXT, date TEXT, seq INTEGER, region TEXT, customer_id TEXT, "
    "customer TEXT, purpose TEXT, outcome TEXT, order_amount REAL, collected_amount REAL, "
    "new_customer INTEGER, complaint_handled INTEGER, objection TEXT, cell TEXT, "
    "PRIMARY KEY (rep, date, seq))",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)",
    "CREATE INDEX days_by_date ON days (date)",
    "INSERT INTO meta VALUES ('schema_version', '1')",
)


def _v1_store(path) -> None:
    with sqlite3.connect(path) as con:
        for stmt in V1_DDL:
            con.execute(stmt)
        con.execute("INSERT INTO days (rep, date, region, week, working, reported, "
                    "visits_planned) VALUES ('王芳', '2026-11-16', '华北', '2026-W47', 1, 1, 2)")
        con.execute("INSERT INTO visits (rep, date, seq, customer, order_amount) VALUES "
                    "('王芳', '2026-11-16', 0, '客户乙', 800.0)")


def test_a_store_of_version_1_is_migrated_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.sqlite"
    _v1_store(path)
    with history.open_store(path) as store:  # reading does not migrate
        days, visits = store.load(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
        assert days["rep"].tolist() == ["王芳"] and visits["order_amount"].tolist() == [800.0]
    write(path)
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
        assert con.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"days", "visits", "meta", "imported", "rollups"} <= tables
        assert con.execute("SELECT COUNT(*) FROM days").fetchone() == (3,)
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'"
                           ).fetchone() == (str(SCHEMA_VERSION),)


def _foreign(path) -> None:
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE days (day TEXT, weather TEXT)")
        con.execute("INSERT INTO days VALUES ('2026-11-23', 'rain')")


def _other_program(path) -> None:
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE contacts (name TEXT)")


def _newer(path) -> None:
    write(path)
    with sqlite3.connect(path) as con:
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")


def _random_bytes(path) -> None:
    path.write_bytes(os.urandom(4096))


def _damaged(path) -> None:
    write(path)
    data = bytearray(path.read_bytes())
    for i in range(len(data) // 2, len(data)):  # keep the header, wreck the pages
        data[i] = (data[i] * 7 + 13) % 256
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("make, code", [
    (_random_bytes, "history.not_sqlite"),
    (_foreign, "history.foreign"),
    (_other_program, "history.foreign"),
    (_newer, "history.newer"),
    (_damaged, "history.corrupt"),
])
def test_a_file_that_is_not_our_store_is_refused_and_left_byte_identical(tmp_path, make, code):
    path = tmp_path / "h.sqlite"
    make(path)
    before = sha256(path)
    with pytest.raises(HistoryError) as err:
        write(path)
    assert err.value.code == code
    assert str(path) in str(err.value)
    if code != "history.corrupt":  # a damaged file may still answer a read
        with pytest.raises(HistoryError) as err, history.open_store(path) as store:
            store.load(D1, D2)
        assert err.value.code == code
    assert sha256(path) == before
    assert not any(p.name != "h.sqlite" for p in tmp_path.iterdir())  # no journal left


def test_reading_needs_no_write_permission(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "h.sqlite"
    write(path)
    os.chmod(path, 0o444)
    os.chmod(folder, 0o555)
    try:
        before = sha256(path)
        with history.open_store(path) as store:
            assert len(store.load(D1, D2)[0]) == 2
        with pytest.raises(HistoryError) as err:
            write(path)
        assert err.value.code == "history.read_only"
        assert sha256(path) == before
    finally:
        os.chmod(folder, 0o755)
        os.chmod(path, 0o644)


def test_a_store_without_write_bit_is_not_written_even_by_root(tmp_path):
    path = tmp_path / "h.sqlite"
    write(path)
    os.chmod(path, 0o444)
    before = sha256(path)
    with pytest.raises(HistoryError) as err:
        write(path)
    assert err.value.code == "history.read_only"
    assert sha256(path) == before


def test_a_store_locked_by_another_writer_is_waited_on_then_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(backend, "WAIT_SECONDS", 0.5)
    path = tmp_path / "h.sqlite"
    write(path)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("BEGIN IMMEDIATE")  # another rollup holds the write lock
    try:
        t = time.perf_counter()
        with pytest.raises(HistoryError) as err:
            write(path)
        assert err.value.code == "history.locked"
        assert 0.4 < time.perf_counter() - t < 5
    finally:
        con.execute("ROLLBACK")
        con.close()


def test_a_writer_waits_for_a_short_lock(tmp_path, monkeypatch):
    monkeypatch.setattr(backend, "WAIT_SECONDS", 10)
    path = tmp_path / "h.sqlite"
    write(path)
    con = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    con.execute("BEGIN IMMEDIATE")
    threading.Timer(0.5, lambda: (con.execute("ROLLBACK"), con.close())).start()
    assert write(path) == 2  # waited, then wrote


def test_reading_a_missing_store_says_so(tmp_path):
    with pytest.raises(HistoryError) as err, history.open_store(tmp_path / "none.sqlite"):
        pass
    assert err.value.code == "history.missing"
    assert not (tmp_path / "none.sqlite").exists()
