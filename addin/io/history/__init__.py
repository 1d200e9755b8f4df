"""The history store: every rollup's rep-days, behind one interface.

Rows are keyed by rep and date, and a rollup replaces whatever was stored for the rep-days
it rolls up (in one transaction), so rerunning a week changes nothing and a corrected
workbook replaces the earlier figures. Monthly control reads months, quarters and years
back from here. The embedded default is one SQLite file (`sqlite.py`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

import pandas as pd

from .sqlite import SqliteStore
from .tables import DAY_COLUMNS, SCHEMA_VERSION, VISIT_COLUMNS

DEFAULT_NAME = "salesbook-history.sqlite"


class Store(Protocol):
    """What every backend offers; `location` names it in messages (never a password)."""

    location: str

    def load(self, start: dt.date, end: dt.date) -> tuple[pd.DataFrame, pd.DataFrame]: ...

    def reps_seen(self, since: dt.date, before: dt.date) -> pd.DataFrame: ...

    def months(self) -> list[str]: ...

    def order_totals(self, start: dt.date, end: dt.date) -> pd.DataFrame: ...

    def imported(self, start_month: str, end_month: str) -> pd.DataFrame: ...

    def language(self) -> str | None: ...

    def write_week(self, days: pd.DataFrame, visits: pd.DataFrame, *, week: str, files: int,
                   lang: str, gate: Callable[[], bool] = ...) -> int: ...


def exists(location: str | Path) -> bool:
    """Whether there is a store to read at `location` (an empty file holds nothing)."""
    path = Path(location)
    return path.exists() and path.stat().st_size > 0


@contextlib.contextmanager
def open_store(location: str | Path, *, write: bool = False) -> Iterator[Store]:
    """The store at `location`, read-only unless `write`. HistoryError when it cannot be
    used (not a store, someone else's, newer, locked, read-only)."""
    with SqliteStore.open(location, write=write) as store:
        yield store


def write_week(location: str | Path, days: pd.DataFrame, visits: pd.DataFrame, *, week: str,
               files: int, lang: str, gate: Callable[[], bool] = lambda: True) -> int:
    """Open the store for writing and replace the week's rep-days (see Store.write_week)."""
    with open_store(location, write=True) as store:
        return store.write_week(days, visits, week=week, files=files, lang=lang, gate=gate)


__all__ = ["DAY_COLUMNS", "DEFAULT_NAME", "SCHEMA_VERSION", "VISIT_COLUMNS", "Store", "exists",
           "open_store", "write_week"]
