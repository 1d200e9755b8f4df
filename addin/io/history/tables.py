"""The history store's tables, the same in every backend, and how a frame's columns become
values a database takes (None for every kind of missing, ISO text for dates, 0/1 for
flags), whatever dtype pandas gave the column."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pandas as pd
from pandas.api.types import infer_dtype

from ...core.rollup import DAY_SUMS

SCHEMA_VERSION = 2  # the store's own schema version (SQLite user_version, meta in both)
APPLICATION_ID = 0x53424B48  # "SBKH": marks a SQLite file as a salesbook history store

DAY_COLUMNS = ("rep", "date", "region", "week", "attendance", "working", "reported",
               *DAY_SUMS, "visits_planned", "blank_required", "file", "rolled_at",
               "order_amount", "collected_amount")  # the day's visits summed: the sales
VISIT_COLUMNS = ("rep", "date", "seq", "region", "customer_id", "customer", "purpose",
                 "outcome", "order_amount", "collected_amount", "new_customer",
                 "complaint_handled", "objection", "cell")
# earlier actuals loaded with `salesbook history import` (marked: they are not rep-days)
IMPORTED_COLUMNS = ("rep", "region", "month", "sales", "gross_margin", "new_customers",
                    "collections", "file", "imported_at")
ROLLUP_COLUMNS = ("rolled_at", "week", "reps", "rep_days", "files", "lang")
REAL = set(DAY_SUMS) | {"order_amount", "collected_amount", "sales", "gross_margin",
                        "collections"}
INTEGER = {"working", "reported", "visits_planned", "blank_required", "seq", "new_customer",
           "complaint_handled", "new_customers", "reps", "rep_days"}
KEYS = {"days": ("rep", "date"), "visits": ("rep", "date", "seq"),
        "imported": ("rep", "month")}
TABLES = {"days": DAY_COLUMNS, "visits": VISIT_COLUMNS, "imported": IMPORTED_COLUMNS,
          "rollups": ROLLUP_COLUMNS}


def sql_type(column: str) -> str:
    return "REAL" if column in REAL else "INTEGER" if column in INTEGER else "TEXT"


def _clean(value: object) -> object:
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


def column_values(frame: pd.DataFrame, name: str) -> list:
    """One column as database-ready values. Whole columns are converted at once: a rollup
    of 2,000 reps stores 370,000 visits."""
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


def day_rows(days: pd.DataFrame, rolled_at: str) -> list[tuple]:
    days = days.assign(rolled_at=rolled_at)
    return list(zip(*(column_values(days, c) for c in DAY_COLUMNS), strict=True)) \
        if len(days) else []


def visit_rows(visits: pd.DataFrame) -> Iterator[tuple]:
    """Visits in a stable order, numbered within each rep-day; handed over row by row (a
    list of 370,000 tuples would cost a fifth of the insert)."""
    if visits.empty:
        return iter(())
    ordered = visits.sort_values(["rep", "date", "file", "row"], kind="stable")
    ordered = ordered.assign(seq=ordered.groupby(["rep", "date"]).cumcount())
    return zip(*(column_values(ordered, c) for c in VISIT_COLUMNS), strict=True)


def typed(days: pd.DataFrame, visits: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Frames read back from a store, typed like a rollup's (dates, flags)."""
    for frame in (days, visits):
        frame["date"] = pd.to_datetime(frame["date"]).dt.date if len(frame) else \
            pd.Series(dtype="object")
    for col in ("working", "reported"):
        days[col] = days[col].astype(bool)
    for col in ("new_customer", "complaint_handled"):
        visits[col] = visits[col].astype("boolean")
    return days, visits
