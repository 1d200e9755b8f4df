"""Stream big tables into an XlsxWriter worksheet as pre-rendered rows of sheet XML.

XlsxWriter spends about 6 µs on every cell: the API call, then the cell's XML when the
workbook closes. A team report for 2,000 reps has some 300,000 cells, which is two
seconds there. A `BulkWorksheet` takes one block of rows below everything written
through the API and renders each of its rows as one string when the workbook closes.

Cell styles are XlsxWriter formats whose style index is fixed (`xf`) when the rows are
registered, before the workbook numbers its styles. Every value is written as the cell
API would write it (a test compares the two cell by cell); text is always inline text,
never a formula.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import numpy as np
import pandas as pd

from .writer import clean_text, needs_quoting

try:  # XlsxWriter internals the bulk rows rely on; without them the plain API is used
    from xlsxwriter.format import Format as _Format
    from xlsxwriter.worksheet import Worksheet as _Worksheet

    BULK = all(hasattr(c, a) for c, a in ((_Worksheet, "_write_rows"),
                                          (_Worksheet, "_prepare_formula"),
                                          (_Format, "_get_xf_index")))
except ImportError:  # pragma: no cover
    _Worksheet, BULK = object, False

PLAIN_FUNCTIONS = frozenset({"SUM", "SUMIF", "SUMPRODUCT", "IF", "N", "AND", "ISNUMBER"})
_FUNCTION = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)\(")
CHUNK_ROWS = 2000  # rows joined into one string before it is written
_EPOCH = dt.datetime(1899, 12, 31)


class BulkWorksheet(_Worksheet):  # type: ignore[misc, valid-type]
    """An XlsxWriter worksheet that streams one block of pre-rendered rows at close, and
    passes formulas that use only long-standing functions through without XlsxWriter's
    per-formula rewriting (about 30 regular expressions each)."""

    def __init__(self) -> None:
        super().__init__()
        self.bulk_rows: Callable[[], Iterable[str]] | None = None
        self.bulk_cells: Callable[[], None] | None = None
        self.bulk_first = 0  # 0-based first bulk row; API rows must lie above it

    def add_bulk(self, first_row: int, last_row: int, last_col: int,
                 rows: Callable[[], Iterable[str]],
                 cells: Callable[[], None] | None = None) -> None:
        """Register rows first_row..last_row (0-based), rendered by `rows()` at close. Should
        a cell be written into those rows through the API after all, `cells()` writes the
        block through the API instead (without it, that is a bug and raises)."""
        if self.bulk_rows is not None:
            raise ValueError("one bulk block per worksheet")
        self.bulk_rows, self.bulk_cells, self.bulk_first = rows, cells, first_row
        self.dim_rowmin = 0 if self.dim_rowmin is None else self.dim_rowmin
        self.dim_colmin = 0 if self.dim_colmin is None else self.dim_colmin
        self.dim_rowmax = max(self.dim_rowmax or 0, last_row)
        self.dim_colmax = max(self.dim_colmax or 0, last_col)

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        if set(_FUNCTION.findall(formula)) <= PLAIN_FUNCTIONS and "{" not in formula:
            return formula[1:] if formula.startswith("=") else formula
        return super()._prepare_formula(formula, expand_future_functions)

    def _api_rows_below(self) -> bool:
        first = self.bulk_first
        return any(r >= first and cells for r, cells in self.table.items()) or \
            any(r >= first for r in self.row_info) or any(r >= first for r in self.comments)

    def _write_rows(self) -> None:
        if self.bulk_rows is not None and self._api_rows_below():
            if self.bulk_cells is None:
                raise RuntimeError("cells were written into the rows of a bulk block")
            self.bulk_cells()
            self.bulk_rows = None
        if self.bulk_rows is None:
            super()._write_rows()
            return
        full = self.dim_rowmax
        self.dim_rowmax = self.bulk_first - 1
        try:
            if self.dim_rowmax >= self.dim_rowmin:
                super()._write_rows()
        finally:
            self.dim_rowmax = full
        for chunk in self.bulk_rows():
            self.fh.write(chunk)


def xf(fmt: Any) -> int:
    """The style index of an XlsxWriter format, fixed now (see the module docstring)."""
    return fmt._get_xf_index()


def xml_text(value: str) -> str:
    """The <t> element of an inline string."""
    s = xml_escape(value)
    return f'<t xml:space="preserve">{s}</t>' if s != s.strip() else f"<t>{s}</t>"


def excel_serial(value: dt.date | dt.datetime | dt.time) -> float:
    """Excel's day number (1900 date system, with its phantom 29 February 1900)."""
    if isinstance(value, dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second
                + value.microsecond / 1e6) / 86400
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    delta = value.replace(tzinfo=None) - _EPOCH
    days = delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
    return days + 1 if days > 59 else days


class ColumnStyle:
    """A column's four style indexes (plain, bold, quoted text, bold quoted text) and how
    its stored values show (choice keys as labels, booleans as yes/no)."""

    def __init__(self, plain: Any, bold: Any, quoted: Any, bold_quoted: Any,
                 labels: dict[str, str], yes_no: tuple[str, str] | None):
        self.s = (xf(plain), xf(bold), xf(quoted), xf(bold_quoted))
        self.labels = labels
        self.yes_no = yes_no


def column_cells(letter: str, first_row: int, values: list, style: ColumnStyle,
                 bold_rows: set[int]) -> list[str]:
    """One column's cells as XML (an empty string for a blank), row i at first_row + i.
    A value that repeats (a rep, a date, a choice) is rendered once per column."""
    out: list[str] = []
    plain = style.s[0]
    rendered: dict[tuple, str] = {}
    for i, v in enumerate(values):
        kind = type(v)
        if kind is float and i not in bold_rows:  # the common case, inline
            # v - v is 0.0 for a finite number, NaN for NaN and infinities
            out.append(f'<c r="{letter}{first_row + i}" s="{plain}"><v>{v:.16G}</v></c>'
                       if v - v == 0 else "")
            continue
        if v is None or v is pd.NA or v is pd.NaT or (kind is str and v == ""):
            out.append("")
            continue
        bold = i in bold_rows
        try:
            tail = rendered[(kind, v, bold)]
        except KeyError:
            tail = rendered[(kind, v, bold)] = _tail(v, kind, style, bold)
        except TypeError:  # unhashable: render it each time
            tail = _tail(v, kind, style, bold)
        out.append(f'<c r="{letter}{first_row + i}"{tail}' if tail else "")
    return out


def _tail(v: Any, kind: type, style: ColumnStyle, bold: bool) -> str:
    """A cell's XML after its reference: style, type and value ("" for a blank)."""
    s = style.s[1 if bold else 0]
    if kind is str:
        return _text_tail(style.labels.get(v, v) if style.labels else v, style, bold)
    if kind is bool or kind is np.bool_:
        if style.yes_no and style.yes_no[0]:
            return _text_tail(style.yes_no[0] if v else style.yes_no[1], style, bold)
        return f' s="{s}" t="b"><v>{int(bool(v))}</v></c>'
    if isinstance(v, (int, float, np.integer, np.floating)):
        x = float(v)
        return f' s="{s}"><v>{x:.16G}</v></c>' if x - x == 0 else ""
    if isinstance(v, (dt.date, dt.time)):  # datetime and Timestamp are dates too
        return f' s="{s}"><v>{excel_serial(v):.16G}</v></c>'
    return _text_tail(str(v), style, bold)


def _text_tail(value: str, style: ColumnStyle, bold: bool) -> str:
    text = clean_text(value)
    s = style.s[(2 if needs_quoting(text) else 0) + (1 if bold else 0)]
    return f' s="{s}" t="inlineStr"><is>{xml_text(text)}</is></c>'


def rows_xml(first_row: int, columns: list[list[str]]) -> Iterator[str]:
    """Rows of rendered cells (columns side by side, left to right), in chunks; a row
    whose cells are all blank is left out, as XlsxWriter does."""
    chunk: list[str] = []
    for i, cells in enumerate(zip(*columns, strict=True)):
        body = "".join(cells)
        if body:
            chunk.append(f'<row r="{first_row + i}">{body}</row>')
        if len(chunk) >= CHUNK_ROWS:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def enable(wb: Any) -> None:
    """Let the workbook's worksheets take bulk blocks (when this XlsxWriter allows it)."""
    if BULK:
        wb.worksheet_class = BulkWorksheet
