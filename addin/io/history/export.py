"""The history store's tables as files for BI tools (`salesbook history export`): one
file per table, streamed in chunks (a year of a big team is millions of visits), each
written through `atomic_output` (complete, or not there at all).

CSV is UTF-8 with a byte-order mark (Excel then shows Chinese right), dates as ISO text;
text that a spreadsheet would take for a formula (=, +, -, @ first) gets a leading
apostrophe, as the product never lets typed text become a formula. Parquet keeps types:
dates as date32, amounts as float64, counts and flags as int64, text as string; it needs
pyarrow (the `parquet` extra).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from ...errors import OutputError
from ..writer import atomic_output, needs_quoting
from .tables import INTEGER, REAL, TABLES

FORMATS = ("csv", "parquet")


def _text_columns(table: str) -> list[str]:
    return [c for c in TABLES[table] if c not in REAL and c not in INTEGER and c != "date"]


def write_csv(path: Path, table: str, frames: Iterable[pd.DataFrame]) -> int:
    """`table`'s rows from `frames` into the CSV file `path`; returns the rows written."""
    columns = list(TABLES[table])
    texts = _text_columns(table)
    count = 0
    with atomic_output(path) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(columns)
        for frame in frames:
            frame = frame.reindex(columns=columns)
            for col in texts:
                frame[col] = frame[col].map(_safe_text)
            frame.to_csv(fh, header=False, index=False, lineterminator="\r\n")
            count += len(frame)
    return count


def _safe_text(value: Any) -> Any:
    if isinstance(value, str) and needs_quoting(value):
        return "'" + value
    return value


def _arrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise OutputError("history.export_no_pyarrow") from None
    return pyarrow


def check_format(fmt: str) -> None:
    """Refuse a format this machine cannot write before anything is read."""
    if fmt == "parquet":
        _arrow()


def write_parquet(path: Path, table: str, frames: Iterable[pd.DataFrame]) -> int:
    """`table`'s rows from `frames` into the Parquet file `path`; returns the rows."""
    pa = _arrow()
    fields = [(c, pa.date32() if c == "date" else pa.float64() if c in REAL else
               pa.int64() if c in INTEGER else pa.string()) for c in TABLES[table]]
    schema = pa.schema(fields)
    count = 0
    with atomic_output(path) as tmp:
        writer = pa.parquet.ParquetWriter(str(tmp), schema)
        try:
            for frame in frames:
                frame = frame.reindex(columns=list(TABLES[table]))
                arrays = [pa.array(_column(frame[name], kind), type=kind)
                          for name, kind in fields]
                writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
                count += len(frame)
        finally:
            writer.close()
    return count


def _column(series: pd.Series, kind: Any) -> list:
    values = series.astype(object).where(series.notna(), None).tolist()
    if str(kind) == "date32[day]":
        return [dt.date.fromisoformat(v) if isinstance(v, str) else v for v in values]
    if str(kind) == "int64":
        return [None if v is None else int(v) for v in values]
    if str(kind) == "string":
        return [None if v is None else str(v) for v in values]
    return [None if v is None else float(v) for v in values]


WRITERS = {"csv": write_csv, "parquet": write_parquet}
