"""The history store: every rollup's rep-days, behind one interface.

Rows are keyed by rep and date, and a rollup replaces whatever was stored for the rep-days
it rolls up (in one transaction), so rerunning a week changes nothing and a corrected
workbook replaces the earlier figures. Monthly control reads months, quarters and years
back from here. A location is a path (the embedded default: one SQLite file,
`sqlite.py`) or a `postgresql://` URL (a shared store for a sales organisation,
`postgres.py`); both keep the same tables with the same meaning.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

import pandas as pd

from .postgres import PostgresStore, is_url, redact
from .sqlite import SqliteStore
from .tables import DAY_COLUMNS, IMPORTED_COLUMNS, SCHEMA_VERSION, TABLES, VISIT_COLUMNS

DEFAULT_NAME = "salesbook-history.sqlite"
Location = str | Path


class Store(Protocol):
    """What every backend offers; `location` names it in messages (never a password)."""

    location: str
    version: int  # the store's schema version (0: nothing stored yet)

    def load(self, start: dt.date, end: dt.date) -> tuple[pd.DataFrame, pd.DataFrame]: ...

    def reps_seen(self, since: dt.date, before: dt.date) -> pd.DataFrame: ...

    def months(self) -> list[str]: ...

    def language(self) -> str | None: ...

    def order_totals(self, start: dt.date, end: dt.date) -> pd.DataFrame: ...

    def imported(self, first: str = ..., last: str = ...) -> pd.DataFrame: ...

    def summary(self) -> dict[str, pd.DataFrame]: ...

    def chunks(self, table: str, size: int = ...) -> Iterator[pd.DataFrame]: ...

    def write_week(self, days: pd.DataFrame, visits: pd.DataFrame, *, week: str, files: int,
                   lang: str, gate: Callable[[], bool] = ...) -> int: ...

    def write_imported(self, actuals: pd.DataFrame, *, file: str) -> int: ...


def location(value: Location) -> Location:
    """A location as given (`--history`, SALESBOOK_HISTORY): a URL stays text, anything
    else is a path."""
    text = str(value)
    return text if is_url(text) else Path(value)


def describe(value: Location) -> str:
    """The location as a message may show it: a path, or a URL without its password."""
    return redact(str(value)) if is_url(str(value)) else str(value)


def folder_of(value: Location) -> Path:
    """Where outputs go by default beside the store (a URL: the current folder)."""
    return Path(".") if is_url(str(value)) else Path(value).parent


def exists(value: Location) -> bool:
    """Whether there is a store to read at `value` (HistoryError if a server cannot be
    reached)."""
    if is_url(str(value)):
        return PostgresStore.exists(str(value))
    path = Path(value)
    return path.exists() and path.stat().st_size > 0  # an empty file holds nothing


@contextlib.contextmanager
def open_store(value: Location, *, write: bool = False) -> Iterator[Store]:
    """The store at `value`, read-only unless `write`. HistoryError when it cannot be
    used (not a store, someone else's, newer, locked, read-only, unreachable)."""
    backend = PostgresStore if is_url(str(value)) else SqliteStore
    with backend.open(str(value) if backend is PostgresStore else value,
                      write=write) as store:
        yield store


def write_week(value: Location, days: pd.DataFrame, visits: pd.DataFrame, *, week: str,
               files: int, lang: str, gate: Callable[[], bool] = lambda: True) -> int:
    """Open the store for writing and replace the week's rep-days (see Store.write_week)."""
    with open_store(value, write=True) as store:
        return store.write_week(days, visits, week=week, files=files, lang=lang, gate=gate)


__all__ = ["DAY_COLUMNS", "DEFAULT_NAME", "IMPORTED_COLUMNS", "SCHEMA_VERSION", "TABLES",
           "VISIT_COLUMNS", "Location", "Store", "describe", "exists", "folder_of",
           "location", "open_store", "write_week"]
