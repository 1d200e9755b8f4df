"""Stream big tables into an XlsxWriter worksheet as pre-rendered rows of sheet XML.

XlsxWriter spends about 6 µs on every cell: the API call, then the cell's XML when the
workbook closes. A team report for 2,000 reps has some 300,000 cells, which is two
seconds there. A `BulkWorksheet` takes one block of cells (a rectangle of rows and
columns) and renders each of its rows as one string when the workbook closes.

Cells written through the API may share the block's rows, beside it (the dashboard's
funnel beside its per-rep table): such a row is written once, its API cells rendered by
XlsxWriter and the block's cells in between, in column order. A cell written through
the API inside the block's rectangle is a bug and raises when the workbook closes.

Nothing is ever written through the API while the workbook closes: XlsxWriter has built
its shared-string table by then, and a string added later would point past its end (a
damaged file). A `BulkWorksheet` makes its workbook's string table refuse that, loudly.

Cell styles are XlsxWriter formats whose style index is fixed (`xf`) when the rows are
registered, before the workbook numbers its styles. Every value is written as the cell
API would write it (a test compares the two cell by cell); text is always inline text,
never a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy as np
import pandas as pd
from xlsxwriter.utility import xl_rowcol_to_cell

from .writer import clean_text, needs_quoting

try:  # XlsxWriter internals the bulk rows rely on; without them the plain API is used
    from xlsxwriter.format import Format as _Format
    from xlsxwriter.sharedstrings import SharedStringTable as _StringTable
    from xlsxwriter.worksheet import Worksheet as _Worksheet

    BULK = all(hasattr(c, a) for c, a in ((_Worksheet, "_write_rows"),
                                          (_Worksheet, "_write_row"),
                                          (_Worksheet, "_write_empty_row"),
                                          (_Worksheet, "_write_cell"),
                                          (_Worksheet, "_calculate_spans"),
                                          (_Worksheet, "_initialize"),
                                          (_Worksheet, "_prepare_formula"),
                                          (_StringTable, "_sort_string_data"),
                                          (_StringTable, "_get_shared_string_index"),
                                          (_Format, "_get_xf_index")))
except ImportError:  # pragma: no cover
    _Worksheet, _StringTable, BULK = object, object, False

PLAIN_FUNCTIONS = frozenset({"SUM", "SUMIF", "SUMPRODUCT", "IF", "N", "AND", "ISNUMBER"})
_FUNCTION = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)\(")
CHUNK_ROWS = 2000  # rows joined into one string before it is written
_EPOCH = dt.datetime(1899, 12, 31)

# rows(): (0-based row, the row's <c> elements in column order) for each row, in order
BulkRows = Callable[[], Iterable[tuple[int, str]]]


class LateStringError(RuntimeError):
    """A string was written through the cell API after the workbook had built its
    shared-string table (while closing): its index would point past the table's end."""


class _SealedStringTable(_StringTable):  # type: ignore[misc, valid-type]
    """XlsxWriter's shared-string table, refusing new strings once it has been sorted for
    writing (Workbook._store_workbook does that before any worksheet is written)."""

    sealed = False

    def _sort_string_data(self) -> None:
        super()._sort_string_data()
        self.sealed = True

    def _get_shared_string_index(self, string: str) -> int:
        if self.sealed:
            raise LateStringError(
                f"{string[:40]!r} was written after the shared strings were stored")
        return super()._get_shared_string_index(string)


class BulkWorksheet(_Worksheet):  # type: ignore[misc, valid-type]
    """An XlsxWriter worksheet that streams one block of pre-rendered rows at close, and
    passes formulas that use only long-standing functions through without XlsxWriter's
    per-formula rewriting (about 30 regular expressions each)."""

    def __init__(self) -> None:
        super().__init__()
        self.bulk_rows: BulkRows | None = None
        self.bulk_area = (0, 0, -1, -1)  # first row, first col, last row, last col (0-based)

    def _initialize(self, init_data: dict) -> None:
        super()._initialize(init_data)
        if type(self.str_table) is _StringTable:  # the workbook's one table, for every sheet
            self.str_table.__class__ = _SealedStringTable

    def add_bulk(self, first_row: int, first_col: int, last_row: int, last_col: int,
                 rows: BulkRows) -> None:
        """Register the cells first_row..last_row x first_col..last_col (0-based), rendered
        by `rows()` when the workbook closes: it yields (row, cells) in row order, `cells`
        being the row's <c> elements in column order, all inside those columns (a row
        may be left out). API cells may share these rows, outside these columns."""
        if self.bulk_rows is not None:
            raise ValueError("one bulk block per worksheet")
        if self.constant_memory:
            raise ValueError("bulk rows need the worksheet's rows in memory (constant_memory)")
        if not (0 <= first_row <= last_row < self.xls_rowmax
                and 0 <= first_col <= last_col < self.xls_colmax):
            raise ValueError(f"not a range of cells: {(first_row, first_col, last_row, last_col)}")
        self.bulk_rows, self.bulk_area = rows, (first_row, first_col, last_row, last_col)
        for row, col in ((first_row, first_col), (last_row, last_col)):
            self._check_dimensions(row, col)  # the sheet's extent, as for an API cell

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        if set(_FUNCTION.findall(formula)) <= PLAIN_FUNCTIONS and "{" not in formula:
            return formula[1:] if formula.startswith("=") else formula
        return super()._prepare_formula(formula, expand_future_functions)

    def _write_rows(self) -> None:
        """Every row in order: API rows as XlsxWriter writes them, bulk rows as rendered,
        and a row that has both once, with its row attributes (height, hidden, format)."""
        if self.bulk_rows is None:
            super()._write_rows()
            return
        first, _, last, _ = self.bulk_area
        self._calculate_spans()  # the spans count API cells only: none where bulk rows are
        for k in range(first // 16, last // 16 + 1):
            self.row_spans.pop(k, None)
        api = self._api_rows()
        self._check_area(api)
        tail = self._row_tail()
        fh, chunk = self.fh, []
        todo = iter(api)
        nxt = next(todo, None)
        prev = first - 1
        for row, cells in self.bulk_rows():
            if not prev < row <= last:
                raise ValueError(f"bulk row {row + 1} out of order or outside rows "
                                 f"{first + 1}-{last + 1}")
            prev = row
            if nxt is not None and nxt <= row:
                if chunk:
                    fh.write("".join(chunk))
                    chunk = []
                while nxt is not None and nxt < row:
                    self._write_api_row(nxt, "")
                    nxt = next(todo, None)
                if nxt == row:
                    self._write_api_row(row, cells)
                    nxt = next(todo, None)
                    continue
            if cells:
                chunk.append(f'<row r="{row + 1}"{tail}{cells}</row>')
                if len(chunk) >= CHUNK_ROWS:
                    fh.write("".join(chunk))
                    chunk = []
        if chunk:
            fh.write("".join(chunk))
        while nxt is not None:
            self._write_api_row(nxt, "")
            nxt = next(todo, None)

    def _api_rows(self) -> list[int]:
        """Rows with API cells, row attributes or comments, in order (as XlsxWriter
        writes them)."""
        lo, hi = self.dim_rowmin, self.dim_rowmax
        rows = {r for r, cells in self.table.items() if cells}
        rows.update(self.row_info, self.comments)
        return sorted(r for r in rows if lo <= r <= hi)

    def _check_area(self, api: list[int]) -> None:
        first, c1, last, c2 = self.bulk_area
        for r in api:
            if first <= r <= last:
                inside = [c for c in self.table.get(r, ()) if c1 <= c <= c2]
                if inside:
                    raise RuntimeError(f"cell {xl_rowcol_to_cell(r, inside[0])} was written "
                                       "through the cell API inside the bulk block")

    def _row_tail(self) -> str:
        """What follows r="n" in the <row> tag of a row without attributes of its own, as
        XlsxWriter writes it (">", or the sheet's default height and the like)."""
        fh, self.fh = self.fh, io.StringIO()
        try:
            self._write_row(0, None, None)
            tag = self.fh.getvalue()
        finally:
            self.fh = fh
        head = '<row r="1"'
        if not tag.startswith(head):  # pragma: no cover - a different XlsxWriter
            raise RuntimeError(f"unexpected row tag from XlsxWriter: {tag!r}")
        return tag[len(head):]

    def _write_api_row(self, row: int, bulk_cells: str) -> None:
        """One row with API cells, row attributes or comments, and the block's cells of
        that row (between the API cells to its left and to its right)."""
        span = self.row_spans.get(row // 16)
        info = self.row_info.get(row)
        cells = self.table.get(row) or {}
        if not cells and not bulk_cells:
            self._write_empty_row(row, span, info)
            return
        self._write_row(row, span, info)
        cols = sorted(cells)
        if bulk_cells:  # no API cell lies inside the block's columns (see _check_area)
            c1 = self.bulk_area[1]
            left = [c for c in cols if c < c1]
            for col in left:
                self._write_cell(row, col, cells[col])
            self.fh.write(bulk_cells)
            cols = cols[len(left):]
        for col in cols:
            self._write_cell(row, col, cells[col])
        self._xml_end_tag("row")


def xf(fmt: Any) -> int:
    """The style index of an XlsxWriter format, fixed now (see the module docstring)."""
    return fmt._get_xf_index()


def xml_escape(text: str) -> str:
    """`text` for XML character data (xml.sax.saxutils' escape, without importing urllib,
    http and ssl with it: 30 ms of a button's run)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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
                 bold_rows: set[int], blanks: bool = False) -> list[str]:
    """One column's cells as XML, row i at first_row + i. A blank is an empty string, or
    with `blanks` a styled empty cell (borders and format, as XlsxWriter's write_blank).
    A value that repeats (a rep, a date, a choice) is rendered once per column."""
    out: list[str] = []
    plain = style.s[0]
    rendered: dict[tuple, str] = {}
    empty = (f' s="{style.s[0]}"/>', f' s="{style.s[1]}"/>') if blanks else None
    for i, v in enumerate(values):
        kind = type(v)
        if kind is float and i not in bold_rows:  # the common case, inline
            # v - v is 0.0 for a finite number, NaN for NaN and infinities
            if v - v == 0:
                out.append(f'<c r="{letter}{first_row + i}" s="{plain}"><v>{v:.16G}</v></c>')
            else:
                out.append(f'<c r="{letter}{first_row + i}"{empty[0]}' if empty else "")
            continue
        bold = i in bold_rows
        if v is None or v is pd.NA or v is pd.NaT or (kind is str and v == ""):
            tail = ""
        else:
            try:
                tail = rendered[(kind, v, bold)]
            except KeyError:
                tail = rendered[(kind, v, bold)] = _tail(v, kind, style, bold)
            except TypeError:  # unhashable: render it each time
                tail = _tail(v, kind, style, bold)
        if not tail and empty:
            tail = empty[bold]
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


def rows_xml(first_row: int, columns: list[list[str]]) -> Iterator[tuple[int, str]]:
    """(0-based row, cells) for BulkWorksheet.add_bulk: rendered cells (columns side by
    side, left to right; row i at Excel row first_row + i). A row whose cells are all
    blank is left out, as XlsxWriter does."""
    row = first_row - 1
    for cells in zip(*columns, strict=True):
        body = "".join(cells)
        if body:
            yield row, body
        row += 1


def enable(wb: Any) -> None:
    """Let the workbook's worksheets take bulk blocks (when this XlsxWriter allows it)."""
    if BULK:
        wb.worksheet_class = BulkWorksheet
