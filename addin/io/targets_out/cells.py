"""Rows of cells written alike whichever way they go: through the shared bulk path
(`addin.io.bulk`: rendered rows streamed when the workbook closes) or, for short tables
and where a worksheet cannot take bulk rows, through XlsxWriter's cell API.

A table is given as columns, each a list of `Cells` runs (consecutive rows written in
one style: a metric's block of the breakdown has its own number format). Text is always
text, never a formula; a blank is a styled empty cell, as the cell API writes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ...schema.model import col_letter
from .. import bulk
from ..sheetwriter import LARGE_OUTPUT, is_blank
from ..writer import clean_text, needs_quoting

STREAM_FROM = LARGE_OUTPUT  # rows from which a table is streamed: where SheetWriter stops
# writing a long table's empty cells (the breakdown writes its blanks either way)


@dataclass(frozen=True)
class Cells:
    """A run of cells down one column: values in one format (text that would read as a
    formula in `quoted`; choice keys shown as `labels`), or `formulas` with `values` as
    their cached results."""

    values: list
    fmt: Any
    quoted: Any = None
    labels: dict[str, str] = field(default_factory=dict)
    formulas: list[str] | None = None


def streamable(rows: int) -> bool:
    """Whether a table this long goes through the bulk path."""
    return rows >= STREAM_FROM


def text_values(values: list) -> list:
    """Values for a text column: anything that is not blank or already text as its text
    (a number in a text column stays text)."""
    if set(map(type, values)) <= {str, type(None)}:  # the usual case, checked at C speed
        return values
    return [v if v is None or type(v) is str or is_blank(v) else clean_text(v)
            for v in values]


def write_cells(ws: Any, first_row: int, columns: dict[int, list[Cells]], *,
                stream: bool = False) -> None:
    """Write `columns` (1-based column -> runs; the k-th run of every column covers the
    same rows) from the 1-based `first_row` down: as bulk rows when `stream` and the
    worksheet takes them (no cell may then be written through the API inside their
    rectangle), otherwise through the cell API."""
    if not columns:
        return
    ordered = sorted(columns.items())
    blocks = [len(run.values) for run in ordered[0][1]]
    if any([len(run.values) for run in runs] != blocks for _, runs in ordered):
        raise ValueError("every column's runs must cover the same rows")
    n = sum(blocks)

    if not (stream and n and bulk.BULK and isinstance(ws, bulk.BulkWorksheet)
            and ws.bulk_rows is None):
        for col, runs in ordered:
            write_column(ws, first_row, col, runs)
        return

    def rows() -> Iterator[Any]:
        """Rendered a block of runs at a time (a metric's rows of the breakdown), so only
        that block's cells are held in memory at once."""
        r = first_row
        for k, run in enumerate(ordered[0][1]):
            rendered = [column_xml(col_letter(col), r, [runs[k]]) for col, runs in ordered]
            yield from bulk.rows_xml(r, rendered)
            r += len(run.values)

    # the one place this package registers bulk rows (0-based rows and columns)
    ws.add_bulk(first_row - 1, ordered[0][0] - 1, first_row + n - 2, ordered[-1][0] - 1,
                rows)


def write_column(ws: Any, first_row: int, col: int, runs: list[Cells]) -> None:
    """One column through the cell API (1-based row and column)."""
    r, c = first_row - 1, col - 1
    for run in runs:
        for i, v in enumerate(run.values):
            if run.formulas is not None:
                ws.write_formula(r + i, c, run.formulas[i], run.fmt, v)
            elif is_blank(v):
                ws.write_blank(r + i, c, None, run.fmt)
            elif isinstance(v, str):
                text = clean_text(run.labels.get(v, v))
                quoted = run.quoted is not None and needs_quoting(text)
                ws.write_string(r + i, c, text, run.quoted if quoted else run.fmt)
            elif isinstance(v, (dt.date, dt.datetime, pd.Timestamp)):
                ws.write_datetime(r + i, c, pd.Timestamp(v).to_pydatetime(), run.fmt)
            else:
                ws.write_number(r + i, c, float(v), run.fmt)
        r += len(run.values)


def column_xml(letter: str, first_row: int, runs: list[Cells]) -> list[str]:
    """One column as rendered cells for `bulk.rows_xml` (row i at first_row + i)."""
    out: list[str] = []
    r = first_row
    for run in runs:
        s = bulk.xf(run.fmt)
        if run.formulas is not None:
            out += formula_cells(letter, r, run.formulas, run.values, s)
        else:
            quoted = run.quoted if run.quoted is not None else run.fmt
            style = bulk.ColumnStyle(run.fmt, run.fmt, quoted, quoted, labels=run.labels,
                                     yes_no=None)
            out += bulk.column_cells(letter, r, run.values, style, set(), blanks=True)
        r += len(run.values)
    return out


# A kind of cell addin.io.bulk does not render yet (a candidate to move there): a formula
# with its cached result.
def formula_cells(letter: str, first_row: int, formulas: list[str], cached: list,
                  s: int) -> list[str]:
    """Formula cells as the cell API writes them: the formula without its '=' (only
    functions every Excel has: XlsxWriter leaves those alone), then the cached result."""
    plain = [f[1:] if f[:1] == "=" else f for f in formulas]
    if any(c in "".join(plain) for c in "&<>"):
        plain = [bulk.xml_escape(f) for f in plain]
    return [f'<c r="{letter}{first_row + i}" s="{s}"><f>{f}</f><v>{v}</v></c>'
            for i, (f, v) in enumerate(zip(plain, cached, strict=True))]
