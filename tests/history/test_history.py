"""The history store keeps every value a rollup hands it, typed (None for every kind of
missing, ISO text for dates, 0/1 for flags, whatever dtype pandas gave the column), and is
a guarded resource: a file or database that is not ours is refused and left untouched,
reading works without write permission, a locked or unwritable store is never written.
Every test that applies to both backends runs on both (the `store_at` fixture: a SQLite
file, or a database on a throwaway PostgreSQL server)."""

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
from addin.io.history import postgres as pg_backend
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


def is_pg(store_at) -> bool:
    return str(store_at).startswith("postgresql://")


def raw(store_at, sql: str) -> list[tuple]:
    """Rows straight from the database (dates as ISO text, as SQLite keeps them)."""
    if not is_pg(store_at):
        with sqlite3.connect(store_at) as con:
            return con.execute(sql).fetchall()
    import psycopg

    with psycopg.connect(store_at, autocommit=True) as con:
        rows = con.execute(sql).fetchall()
    return [tuple(v.isoformat() if isinstance(v, dt.date) else v for v in r) for r in rows]


def fingerprint(store_at) -> str:
    """The whole store: a SQLite file's bytes, or every table's rows on PostgreSQL."""
    if not is_pg(store_at):
        return sha256(store_at)
    tables = sorted(r[0] for r in raw(store_at, "SELECT tablename FROM pg_tables WHERE "
                                                "schemaname = current_schema()"))
    return repr([(t, sorted(map(repr, raw(store_at, f"SELECT * FROM {t}")))) for t in tables])


@pytest.mark.parametrize("dtype", [None, object, "str"])
def test_values_are_stored_typed_whatever_the_column_dtype(store_at, dtype):
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
    path = store_at
    assert write(path, visits=visits) == 2
    rows = raw(path, "SELECT rep, date, seq, region, customer, outcome, order_amount, "
                     "new_customer, complaint_handled, objection FROM visits "
                     "ORDER BY rep DESC, seq")
    days = raw(path, "SELECT rep, date, working, visits_planned, region FROM days ORDER BY date")
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
    assert dict(zip(back_days["rep"], back_days["working"], strict=True)) == {
        "张伟": True, "Li Na": False}


def test_a_second_write_replaces_the_rep_days_it_names(store_at):
    write(store_at)
    write(store_at, visits=_visits().iloc[:1])
    assert raw(store_at, "SELECT COUNT(*) FROM visits") == [(1,)]
    assert raw(store_at, "SELECT COUNT(*) FROM days") == [(2,)]
    assert raw(store_at, "SELECT COUNT(*) FROM rollups") == [(2,)]
    days = _days().assign(rep=["张伟", "王芳"])  # one rep-day again, one new
    write(store_at, days=days, visits=_visits().assign(customer="later"))
    assert raw(store_at, "SELECT rep, date FROM days ORDER BY rep, date") == [
        ("Li Na", "2026-11-24"), ("张伟", "2026-11-23"), ("王芳", "2026-11-24")]
    assert raw(store_at, "SELECT DISTINCT customer FROM visits") == [("later",)]


def test_the_stores_read_back_the_same_frames(tmp_path, pg_url):
    """What a month reads is the same on both backends, value for value and dtype for
    dtype."""
    back = []
    for at in (tmp_path / "h.sqlite", pg_url):
        write(at)
        with history.open_store(at) as store:
            days, visits = store.load(D1, D2)
            back.append((days.sort_values(["rep", "date"]).drop(columns="rolled_at")
                         .reset_index(drop=True), visits, store.months(),
                         store.reps_seen(D1, D2 + dt.timedelta(1)), store.language()))
    (d1, v1, m1, r1, l1), (d2, v2, m2, r2, l2) = back
    pd.testing.assert_frame_equal(d1, d2)
    pd.testing.assert_frame_equal(v1, v2)
    pd.testing.assert_frame_equal(r1, r2)
    assert m1 == m2 == ["2026-11"] and l1 == l2 == "zh"


def test_a_new_store_carries_the_stamp(tmp_path):
    path = tmp_path / "h.sqlite"
    write(path)
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
        assert con.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_new_postgres_store_carries_the_stamp(pg_url):
    write(pg_url)
    assert raw(pg_url, "SELECT application, application_id FROM salesbook_store") == [
        ("salesbook history", APPLICATION_ID)]
    assert raw(pg_url, "SELECT value FROM meta WHERE key = 'schema_version'") == [
        (str(SCHEMA_VERSION),)]


def test_a_refused_gate_leaves_the_store_as_it_was(store_at):
    write(store_at)
    before = fingerprint(store_at)
    assert write(store_at, visits=_visits().iloc[:1], gate=lambda: False) == 0
    assert fingerprint(store_at) == before


def test_a_refused_gate_on_a_new_store_creates_nothing(pg_url):
    assert write(pg_url, gate=lambda: False) == 0
    assert raw(pg_url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'") == []


def test_a_failure_at_the_gate_leaves_the_store_as_it_was(store_at):
    write(store_at)
    before = fingerprint(store_at)
    with pytest.raises(RuntimeError):
        write(store_at, visits=_visits().iloc[:1], gate=_explode)
    assert fingerprint(store_at) == before


def _explode() -> bool:
    raise RuntimeError("the report could not be written")


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


class Holder:
    """Another rollup that has prepared its write and waits at its gate (holding its
    locks) until `release()`."""

    def __init__(self, store_at, days=None, visits=None):
        self.go = threading.Event()
        self.ready = threading.Event()
        self.result: list = []
        self.thread = threading.Thread(target=self._run, args=(store_at, days, visits),
                                       daemon=True)
        self.thread.start()
        assert self.ready.wait(30), "the other writer did not get its lock"

    def _run(self, store_at, days, visits) -> None:
        def gate() -> bool:
            self.ready.set()
            self.go.wait(60)
            return True
        try:
            self.result.append(write(store_at, days=days, visits=visits, gate=gate))
        except Exception as e:
            self.ready.set()
            self.result.append(e)

    def release(self) -> int:
        self.go.set()
        self.thread.join(30)
        return self.result[0]


def _wait(monkeypatch, seconds: float) -> None:
    monkeypatch.setattr(backend, "WAIT_SECONDS", seconds)
    monkeypatch.setattr(pg_backend, "WAIT_SECONDS", seconds)


def test_a_store_locked_by_another_writer_is_waited_on_then_refused(store_at, monkeypatch):
    _wait(monkeypatch, 0.5)
    write(store_at)
    other = Holder(store_at)  # another rollup holds the lock of the same rep-days
    try:
        before = fingerprint(store_at)
        t = time.perf_counter()
        with pytest.raises(HistoryError) as err:
            write(store_at, visits=_visits().iloc[:1])
        assert err.value.code == "history.locked"
        assert 0.4 < time.perf_counter() - t < 5
        assert fingerprint(store_at) == before
    finally:
        assert other.release() == 2


def test_a_writer_waits_for_a_short_lock(store_at, monkeypatch):
    _wait(monkeypatch, 10)
    write(store_at)
    other = Holder(store_at)
    threading.Timer(0.5, other.go.set).start()
    assert write(store_at, visits=_visits().iloc[:1]) == 2  # waited, then wrote
    assert other.release() == 2
    assert raw(store_at, "SELECT COUNT(*) FROM visits") == [(1,)]  # the later write won


def test_postgres_writers_of_other_reps_do_not_wait_for_each_other(pg_url, monkeypatch):
    _wait(monkeypatch, 0.5)
    write(pg_url)
    other = Holder(pg_url, days=_days(("王芳", "赵强")), visits=_visits().assign(rep="王芳"))
    try:
        assert write(pg_url) == 2  # no wait: the other rollup's reps are others
    finally:
        assert other.release() == 2
    assert raw(pg_url, "SELECT COUNT(*) FROM days") == [(4,)]


def test_reading_a_missing_store_says_so(tmp_path):
    with pytest.raises(HistoryError) as err, history.open_store(tmp_path / "none.sqlite"):
        pass
    assert err.value.code == "history.missing"
    assert not (tmp_path / "none.sqlite").exists()


# -- PostgreSQL: databases that are not ours, permissions, failures ------------------------
def _pg_v1(url) -> None:
    """A store stamped with version 1 (days, visits, meta and the marker only)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        for stmt in pg_backend.STEPS[1]:
            con.execute(stmt)
        con.execute("INSERT INTO salesbook_store VALUES ('salesbook history', %s, 'x')",
                    (APPLICATION_ID,))
        con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        con.execute("INSERT INTO days (rep, date, region, week, working, reported, "
                    "visits_planned) VALUES ('王芳', '2026-11-16', '华北', '2026-W47', 1, 1, 2)")
        con.execute("INSERT INTO visits (rep, date, seq, customer, order_amount) VALUES "
                    "('王芳', '2026-11-16', 0, '客户乙', 800.0)")


def test_a_postgres_store_of_version_1_is_migrated_and_keeps_its_rows(pg_url):
    _pg_v1(pg_url)
    with history.open_store(pg_url) as store:  # reading does not migrate
        days, visits = store.load(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
        assert days["rep"].tolist() == ["王芳"] and visits["order_amount"].tolist() == [800.0]
        assert store.language() is None
    assert raw(pg_url, "SELECT value FROM meta") == [("1",)]
    write(pg_url)
    assert raw(pg_url, "SELECT value FROM meta") == [(str(SCHEMA_VERSION),)]
    assert raw(pg_url, "SELECT COUNT(*) FROM days") == [(3,)]
    assert raw(pg_url, "SELECT COUNT(*) FROM rollups") == [(1,)]


def _pg(*statements):
    def make(url) -> None:
        import psycopg

        with psycopg.connect(url, autocommit=True) as con:
            for stmt in statements:
                con.execute(stmt)
    return make


def _pg_newer(url) -> None:
    write(url)
    _pg(f"UPDATE meta SET value = '{SCHEMA_VERSION + 1}'")(url)


@pytest.mark.parametrize("make, code", [
    (_pg("CREATE TABLE days (day text, weather text)",
         "INSERT INTO days VALUES ('2026-11-23', 'rain')"), "history.pg_foreign"),
    (_pg("CREATE TABLE contacts (name text)"), "history.pg_foreign"),
    (_pg("CREATE VIEW numbers AS SELECT 1 AS n"), "history.pg_foreign"),
    (_pg_newer, "history.pg_newer"),
    (_pg("CREATE TABLE salesbook_store (application text)",
         "INSERT INTO salesbook_store VALUES ('salesbook history')"), "history.pg_damaged"),
])
def test_a_database_that_is_not_our_store_is_refused_and_left_untouched(pg_url, make, code):
    make(pg_url)
    before = fingerprint(pg_url)
    with pytest.raises(HistoryError) as err:
        write(pg_url)
    assert err.value.code == code
    with pytest.raises(HistoryError) as err, history.open_store(pg_url) as store:
        store.load(D1, D2)
    assert err.value.code == code
    assert fingerprint(pg_url) == before


def test_a_store_in_a_schema_of_its_own_shares_a_database(pg_url):
    _pg("CREATE TABLE contacts (name text)", "CREATE SCHEMA sales")(pg_url)
    url = pg_url + "&options=-csearch_path%3Dsales"
    assert write(url) == 2
    assert raw(pg_url, "SELECT COUNT(*) FROM sales.days") == [(2,)]
    assert raw(pg_url, "SELECT * FROM contacts") == []
    with history.open_store(url) as store:
        assert store.months() == ["2026-11"]


def test_postgres_readers_run_read_only(pg_url, pg_cluster):
    import psycopg

    write(pg_url)
    with history.open_store(pg_url) as store, \
            pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        store._con.execute("DELETE FROM days")
    # a role that may only read can run every reading command, and is refused a write
    db = pg_url.split("?")[0].rsplit("/", 1)[1]
    _pg("CREATE ROLE reader LOGIN PASSWORD 'secret-r'" if not pg_cluster.sql(
        "SELECT 1 FROM pg_roles WHERE rolname = 'reader'") else "SELECT 1",
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader")(pg_url)
    reader = pg_cluster.url(db, "reader", "secret-r")
    before = fingerprint(pg_url)
    with history.open_store(reader) as store:
        assert len(store.load(D1, D2)[0]) == 2
    with pytest.raises(HistoryError) as err:
        write(reader)
    assert err.value.code == "history.pg_denied"
    assert "secret-r" not in str(err.value)
    assert fingerprint(pg_url) == before


def test_postgres_failures_are_named_without_the_password(pg_cluster, tmp_path):
    db = pg_cluster.new_database("failures")
    pg_cluster.sql("CREATE ROLE manager LOGIN PASSWORD 'right-one'")
    pg_cluster.sql('GRANT ALL ON SCHEMA public TO manager', "failures")
    assert write(pg_cluster.url("failures", "manager", "right-one")) == 2
    cases = {
        "history.pg_auth": pg_cluster.url("failures", "manager", "wrong-one"),
        "history.pg_no_database": pg_cluster.url("nowhere", "manager", "right-one"),
        "history.pg_unreachable": f"postgresql://manager:right-one@/failures?host={tmp_path}",
    }
    for code, url in cases.items():
        for opening in (lambda u: write(u), lambda u: history.exists(u)):
            with pytest.raises(HistoryError) as err:
                opening(url)
            assert err.value.code == code, str(err.value)
            text = str(err.value)
            assert "right-one" not in text and "wrong-one" not in text
            assert "manager@" in text and ("/failures" in text or "/nowhere" in text)
    assert raw(db, "SELECT COUNT(*) FROM days") == [(2,)]


def test_a_server_that_goes_away_mid_write_leaves_nothing(pg_url, pg_cluster, monkeypatch):
    """The writer's connection ends while it waits for a lock, and while it commits."""
    _wait(monkeypatch, 20)
    write(pg_url)
    before = fingerprint(pg_url)
    other = Holder(pg_url)
    killer = threading.Timer(1.0, lambda: pg_cluster.sql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event_type = "
        "'Lock' AND application_name = 'salesbook'"))
    killer.start()
    with pytest.raises(HistoryError) as err:
        write(pg_url, visits=_visits().iloc[:1])
    assert err.value.code == "history.pg_lost"
    assert fingerprint(pg_url) == before
    assert other.release() == 2
    before = fingerprint(pg_url)

    def cut_off() -> bool:
        pg_cluster.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                       "state = 'idle in transaction' AND application_name = 'salesbook'")
        return True
    with pytest.raises(HistoryError) as err:
        write(pg_url, visits=_visits().iloc[:1], gate=cut_off)
    assert err.value.code == "history.pg_commit_unknown"
    assert fingerprint(pg_url) == before


def test_reading_a_postgres_database_without_a_store(pg_url):
    assert not history.exists(pg_url)
    with history.open_store(pg_url) as store:
        assert store.months() == [] and store.load(D1, D2)[0].empty
