"""The history store: every rollup's normalised daily rows in an embedded SQLite file.

Rows are keyed by rep and date, and a rollup replaces whatever was stored for the rep-days
it rolls up, so rerunning a week changes nothing and a corrected workbook replaces the
earlier figures. Monthly control reads months, quarters and years back from here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
from pandas.api.types import infer_dtype

from ..core.rollup import DAY_SUMS

SCHEMA_VERSION = "1"
DAY_COLUMNS = ("rep", "date", "region", "week", "attendance", "working", "reported",
               *DAY_SUMS, "visits_planned", "blank_required", "file", "rolled_at")
VISIT_COLUMNS = ("rep", "date", "seq", "region", "customer_id", "customer", "purpose",
                 "outcome", "order_amount", "collected_amount", "new_customer",
                 "complaint_handled", "objection", "cell")
_REAL = set(DAY_SUMS) | {"order_amount", "collected_amount"}
_INT = {"working", "reported", "visits_planned", "blank_required", "seq", "new_customer",
        "complaint_handled"}


def _decl(col: str) -> str:
    return f"{col} {'REAL' if col in _REAL else 'INTEGER' if col in _INT else 'TEXT'}"


_DDL = (
    f"CREATE TABLE IF NOT EXISTS days ({', '.join(map(_decl, DAY_COLUMNS))}, "
    "PRIMARY KEY (rep, date))",
    f"CREATE TABLE IF NOT EXISTS visits ({', '.join(map(_decl, VISIT_COLUMNS))}, "
    "PRIMARY KEY (rep, date, seq))",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
    "CREATE INDEX IF NOT EXISTS days_by_date ON days (date)",
)


@contextlib.contextmanager
def connect(path: str | Path) -> Iterator[sqlite3.Connection]:
    con = sqlite3.connect(str(path))
    try:
        for stmt in _DDL:
            con.execute(stmt)
        con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        yield con
        con.commit()
    except BaseException:
        con.rollback()
        raise
    finally:
        con.close()


def _clean(value):
    kind = type(value)
    if kind is str or kind is int:
        return value
    if kind is float:
        return None if value != value else value
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _column(frame: pd.DataFrame, name: str) -> list:
    """One column as SQLite-ready values: None for missing, ISO text for dates. Whole
    columns are converted at once: a rollup of 2,000 reps stores 370,000 visits."""
    if name not in frame:
        return [None] * len(frame)
    series = frame[name]
    if series.dtype.kind == "f":
        return [None if v != v else v for v in series.tolist()]
    if series.dtype.kind in "iu":
        return series.tolist()
    if infer_dtype(series, skipna=True) in ("string", "empty"):
        return series.to_numpy(dtype=object, na_value=None).tolist()
    try:  # dates and flags repeat: convert each distinct value once
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
    except TypeError:  # unhashable values
        return [_clean(v) for v in series.tolist()]
    converted = [_clean(u) for u in uniques] + [None]  # code -1 (missing) -> None
    return [converted[c] for c in codes.tolist()]


def _rows(frame: pd.DataFrame, columns: tuple[str, ...]) -> list[tuple]:
    return list(zip(*(_column(frame, c) for c in columns), strict=True)) if len(frame) else []


def upsert(path: str | Path, days: pd.DataFrame, visits: pd.DataFrame) -> int:
    """Replace the stored rows of every rep-day in `days` (visits included); returns the
    number of rep-days written. One transaction: all or nothing."""
    if days.empty:
        return 0
    days = days.assign(rolled_at=dt.datetime.now().isoformat(timespec="seconds"))
    day_rows = _rows(days, DAY_COLUMNS)
    visit_rows: Iterator[tuple] = iter(())
    if len(visits):
        ordered = visits.sort_values(["rep", "date", "file", "row"], kind="stable")
        ordered = ordered.assign(seq=ordered.groupby(["rep", "date"]).cumcount())
        # handed over row by row: a list of 370,000 tuples would cost a fifth of the insert
        visit_rows = zip(*(_column(ordered, c) for c in VISIT_COLUMNS), strict=True)
    keys = [(r[0], r[1]) for r in day_rows]
    with connect(path) as con:
        con.executemany("DELETE FROM visits WHERE rep = ? AND date = ?", keys)
        con.executemany(f"INSERT OR REPLACE INTO days VALUES ({','.join('?' * len(DAY_COLUMNS))})",
                        day_rows)
        con.executemany(f"INSERT INTO visits VALUES ({','.join('?' * len(VISIT_COLUMNS))})",
                        visit_rows)
    return len(day_rows)


def load(path: str | Path, start: dt.date, end: dt.date
         ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(days, visits) stored for dates from start to end inclusive, typed like a rollup's."""
    if not Path(path).exists():
        return pd.DataFrame(columns=DAY_COLUMNS), pd.DataFrame(columns=VISIT_COLUMNS)
    with connect(path) as con:
        args = (start.isoformat(), end.isoformat())
        days = pd.read_sql_query("SELECT * FROM days WHERE date BETWEEN ? AND ?", con,
                                 params=args)
        visits = pd.read_sql_query("SELECT * FROM visits WHERE date BETWEEN ? AND ?", con,
                                   params=args)
    for frame in (days, visits):
        frame["date"] = pd.to_datetime(frame["date"]).dt.date
    for col in ("working", "reported"):
        days[col] = days[col].astype(bool)
    for col in ("new_customer", "complaint_handled"):
        visits[col] = visits[col].astype("boolean")
    return days, visits


def reps_seen(path: str | Path, since: dt.date, before: dt.date) -> pd.DataFrame:
    """Reps (with region) who reported between `since` and `before`: the expected roster."""
    if not Path(path).exists():
        return pd.DataFrame(columns=["rep", "region"])
    with connect(path) as con:
        return pd.read_sql_query(
            "SELECT rep, MAX(region) AS region FROM days WHERE date >= ? AND date < ? "
            "AND reported = 1 GROUP BY rep", con, params=(since.isoformat(), before.isoformat()))
