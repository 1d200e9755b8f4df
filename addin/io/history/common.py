"""What both backends read the same way: the SQL of every question a command asks the
store, answered as frames built alike (so a month read from PostgreSQL is the month read
from SQLite, value for value). A backend says how to run a query (`_rows`, `_stream`),
how it writes a parameter and how it takes the month out of a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pandas as pd

from .tables import (
    DAY_COLUMNS,
    IMPORTED_COLUMNS,
    TABLES,
    VISIT_COLUMNS,
    day_rows,
    imported_rows,
    typed,
    visit_rows,
)

CHUNK_ROWS = 50_000  # rows per frame when a whole table is streamed out (export)


def iso(value: object) -> object:
    """A date (SQLite keeps text, PostgreSQL a date) as ISO text; anything else as is."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def records(columns: list[str], rows: list[tuple]) -> pd.DataFrame:
    """Rows as a frame, the way pandas.read_sql builds one."""
    return pd.DataFrame.from_records(rows, columns=columns, coerce_float=True)


class SqlStore:
    """The reading half of a store. `version` is 0 until the store has tables."""

    location: str
    version: int = 0
    MONTH = "substr(date, 1, 7)"  # SQL: the month (YYYY-MM) of a row's date
    MONDAY = "date(date, '-' || ((CAST(strftime('%w', date) AS INTEGER) + 6) % 7) || ' days')"

    # -- a backend provides ----------------------------------------------------------------
    def _rows(self, sql: str, params: tuple = ()) -> tuple[list[str], list[tuple]]:
        raise NotImplementedError

    def _stream(self, sql: str, size: int) -> Iterator[tuple[list[str], list[tuple]]]:
        raise NotImplementedError

    def _replace_days(self, days: list[tuple], visits: list[tuple], log: tuple,
                      gate: Callable[[], bool]) -> bool:
        """In one transaction: delete the stored visits and days of every (rep, date) in
        `days`, insert `days` and `visits`, log the rollup; commit only if `gate()`."""
        raise NotImplementedError

    def _replace_imported(self, rows: list[tuple]) -> None:
        """In one transaction: each row replaces what is stored for its rep and month."""
        raise NotImplementedError

    # -- writing ---------------------------------------------------------------------------
    def write_imported(self, actuals: pd.DataFrame, *, file: str) -> int:
        """Store imported actuals (one row per rep and month), each replacing what was
        stored for its rep and month, in one transaction; returns the rows written."""
        assert getattr(self, "write", False), "a store opened for reading"
        rows = imported_rows(actuals, file, dt.datetime.now().isoformat(timespec="seconds"))
        if rows:
            self._replace_imported(rows)
        return len(rows)

    def write_week(self, days: pd.DataFrame, visits: pd.DataFrame, *, week: str, files: int,
                   lang: str, gate: Callable[[], bool] = lambda: True) -> int:
        """Replace the stored rows of every rep-day in `days` (visits included) in one
        transaction, made permanent only if `gate()` says so; returns the rep-days written."""
        assert getattr(self, "write", False), "a store opened for reading"
        if days.empty:
            return 0
        rolled_at = dt.datetime.now().isoformat(timespec="seconds")
        rows = day_rows(days, rolled_at)
        log = (rolled_at, week, int(days["rep"].nunique()), len(rows), files, lang)
        return len(rows) if self._replace_days(rows, visit_rows(visits), log, gate) else 0

    # -- questions -------------------------------------------------------------------------
    def _query(self, sql: str, params: tuple = ()) -> pd.DataFrame:
        if self.version == 0:  # nothing stored yet
            return pd.DataFrame()
        return records(*self._rows(sql, params))

    def load(self, start: dt.date, end: dt.date) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(days, visits) stored for dates from start to end inclusive, typed."""
        args = (start.isoformat(), end.isoformat())
        # in key order: the same store gives the same figures to the last digit, whatever
        # order its rows were written in (sums of floats depend on their order)
        days = self._query("SELECT * FROM days WHERE date BETWEEN ? AND ? "
                           "ORDER BY rep, date", args)
        visits = self._query("SELECT * FROM visits WHERE date BETWEEN ? AND ? "
                             "ORDER BY rep, date, seq", args)
        if days.empty and not len(days.columns):
            days = pd.DataFrame(columns=DAY_COLUMNS)
        if visits.empty and not len(visits.columns):
            visits = pd.DataFrame(columns=VISIT_COLUMNS)
        return typed(days, visits)

    def reps_seen(self, since: dt.date, before: dt.date) -> pd.DataFrame:
        """Reps (with region) who reported between `since` and `before`."""
        found = self._query("SELECT rep, MAX(region) AS region FROM days WHERE date >= ? AND "
                            "date < ? AND reported = 1 GROUP BY rep",
                            (since.isoformat(), before.isoformat()))
        return found if len(found.columns) else pd.DataFrame(columns=["rep", "region"])

    def order_totals(self, start: dt.date, end: dt.date) -> pd.DataFrame:
        """Orders per rep, month and ISO week from start to end inclusive, from the days'
        totals (a year of a big team is a few thousand rows, not millions of visits)."""
        found = self._query(
            f"SELECT rep, MAX(region) AS region, {self.MONTH} AS month, week, "
            "SUM(order_amount) AS order_amount, COUNT(*) AS days FROM days "
            f"WHERE date BETWEEN ? AND ? AND reported = 1 GROUP BY rep, {self.MONTH}, week "
            "ORDER BY rep, month, week", (start.isoformat(), end.isoformat()))
        if not len(found.columns):
            return pd.DataFrame(columns=["rep", "region", "month", "week", "order_amount",
                                         "days"])
        # to the cent: a database sums floats in the order it finds them, which changes
        # the last digit from one store to another holding the same rows
        found["order_amount"] = pd.to_numeric(found["order_amount"]).round(2)
        return found

    def months(self) -> list[str]:
        """The months (YYYY-MM) with stored rep-days, oldest first."""
        found = self._query(f"SELECT DISTINCT {self.MONTH} AS month FROM days ORDER BY month")
        return found["month"].tolist() if len(found.columns) else []

    def language(self) -> str | None:
        """The language of the latest rollup stored (the team's), if the store knows it."""
        if self.version < 2:
            return None
        found = self._query("SELECT lang FROM rollups ORDER BY rolled_at DESC LIMIT 1")
        return found["lang"].iloc[0] if len(found) else None

    def imported(self, first: str = "0000-00", last: str = "9999-99") -> pd.DataFrame:
        """Earlier actuals loaded with `salesbook history import`, months first..last."""
        if self.version < 2:
            return pd.DataFrame(columns=IMPORTED_COLUMNS)
        found = self._query("SELECT * FROM imported WHERE month BETWEEN ? AND ? "
                            "ORDER BY month, rep", (first, last))
        return found if len(found.columns) else pd.DataFrame(columns=IMPORTED_COLUMNS)

    def summary(self) -> dict[str, pd.DataFrame]:
        """What is stored, as frames: by month, by week, by rep, the rollup log and the
        imported actuals by month (dates as ISO text)."""
        month = self.MONTH
        queries = {
            "months": f"SELECT {month} AS month, COUNT(DISTINCT rep) AS reps, "
                      "COUNT(DISTINCT date) AS dates, COUNT(*) AS rep_days, "
                      "SUM(reported) AS reported, MIN(date) AS first, MAX(date) AS last "
                      "FROM days GROUP BY month ORDER BY month",
            "weeks": f"SELECT {self.MONDAY} AS monday, COUNT(DISTINCT rep) AS reps, "
                     "COUNT(*) AS rep_days, MIN(date) AS first, MAX(date) AS last "
                     "FROM days GROUP BY monday ORDER BY monday",
            "reps": "SELECT rep, MAX(region) AS region, COUNT(*) AS rep_days, "
                    "MIN(date) AS first, MAX(date) AS last FROM days GROUP BY rep ORDER BY rep",
        }
        if self.version >= 2:
            queries["rollups"] = "SELECT * FROM rollups ORDER BY rolled_at, week"
            queries["imported"] = ("SELECT month, COUNT(*) AS reps, SUM(sales) AS sales, "
                                   "MIN(file) AS file, MAX(imported_at) AS imported_at "
                                   "FROM imported GROUP BY month ORDER BY month")
        out = {}
        for key, sql in queries.items():
            frame = self._query(sql)
            for col in ("first", "last", "monday"):
                if col in frame:
                    frame[col] = frame[col].map(iso)
            if "monday" in frame:  # the ISO week (rows keep no week label of their own)
                frame.insert(0, "week", [f"{d.isocalendar()[0]}-W{d.isocalendar()[1]:02d}"
                                         for d in map(dt.date.fromisoformat, frame["monday"])])
                frame = frame.drop(columns="monday")
            out[key] = frame
        return out

    def chunks(self, table: str, size: int = CHUNK_ROWS) -> Iterator[pd.DataFrame]:
        """A whole table, in frames of up to `size` rows, in key order (dates as ISO
        text): for export. A table the store does not have yet gives nothing."""
        columns = TABLES[table]
        if self.version == 0 or (self.version < 2 and table in ("imported", "rollups")):
            return
        keys = {"days": "rep, date", "visits": "rep, date, seq", "imported": "rep, month",
                "rollups": "rolled_at, week"}[table]
        sql = f"SELECT {', '.join(columns)} FROM {table} ORDER BY {keys}"
        for names, rows in self._stream(sql, size):
            frame = records(names, rows)
            if "date" in frame:
                frame["date"] = frame["date"].map(iso)
            yield frame
