"""What every sheet of the breakdown workbook needs: the workbook, its styles and
language, the engine's results, where each metric's rows of the breakdown landed (for the
formulas of the pivots and cards) and the small blocks every sheet writes."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import pandas as pd

from ...catalogue import say
from ...core.targets import Activity, Breakdown, MetricResult, Progress
from ...problems import Problem
from ...schema import ColType, Column, Sheet, Table, WorkbookSpec
from ...schema.formulas import quote_sheet
from ...schema.targets import metric_choice
from ...schema.vocab import TOTAL_LABEL
from ..sheetwriter import SheetWriter
from ..styles import Styles
from .cells import Cells, text_values, write_cells

TEXT_TYPES = (ColType.TEXT, ColType.ENUM, ColType.BOOL)


class Book:
    """The breakdown workbook being written and what its sheets share."""

    def __init__(self, wb: Any, styles: Styles, spec: WorkbookSpec, lang: str, b: Breakdown,
                 progress: Progress | None, activity: Activity | None,
                 problems: list[Problem], overrides: pd.DataFrame | None):
        self.wb, self.styles, self.spec, self.lang, self.b = wb, styles, spec, lang, b
        self.progress, self.activity, self.problems = progress, activity, problems
        self.overrides = overrides
        self.detail_first: dict[str, int] = {}  # metric -> first Excel row of its block
        self.by_rep_rows: dict[str, int] = {}  # metric -> Excel row of the first rep
        self.by_rep_cols: dict[str, str] = {}  # month key -> column letter on By Rep
        self._fmt_cache: dict[tuple, Any] = {}

    def writer(self, sheet: Sheet) -> SheetWriter:
        return SheetWriter(self.wb, self.styles, self.spec, sheet, self.lang)

    def sheet_name(self, key: str) -> str:
        return self.spec.sheet(key).label(self.lang)

    def ref(self, key: str) -> str:
        """The sheet's name as a formula refers to it."""
        return quote_sheet(self.sheet_name(key))

    def fmt(self, column: Column, role: str = "output", bold: bool = False,
            quote: bool = False, unit: float | None = None) -> Any:
        """The cell format of `column`; a whole-number column shows every digit a
        multiple of `unit` can have."""
        key = (column.type, column.number_format, column.col_width >= 24, role, bold, quote,
               unit if column.number_format == "#,##0" else None)
        found = self._fmt_cache.get(key)
        if found is None:
            if key[-1] is not None:
                column = dataclasses.replace(column, fmt=whole_format(unit))
            found = self._fmt_cache[key] = self.styles.cell(column, role=role, bold=bold,
                                                            quote=quote)
        return found

    def cells(self, column: Column, values: list, unit: float | None = None) -> Cells:
        """A run of `values` written as `column` says: text as text (choice keys as their
        labels), numbers in its format."""
        if column.type in TEXT_TYPES:
            labels = {c.key: c.label(self.lang) for c in column.choices}
            return Cells(text_values(values), self.fmt(column), self.fmt(column, quote=True),
                         labels)
        return Cells(values, self.fmt(column, unit=unit))

    def detail_row(self, metric: str, rep: int, product: int) -> int:
        """The Excel row of one rep × product of a metric on the breakdown sheet."""
        return self.detail_first[metric] + rep * len(self.b.products) + product


def whole_format(unit: float) -> str:
    """Number format that shows every digit a multiple of `unit` can have."""
    exp = len(repr(float(unit)).split(".")[1].rstrip("0")) if "." in repr(float(unit)) else 0
    return "#,##0" if exp == 0 else "#,##0." + "0" * exp


def cached(value: float) -> float | int:
    """A formula's cached result as the cell API writes it (whole numbers as integers)."""
    v = float(value)
    return int(v) if v.is_integer() else v


def number(ws: Any, r: int, c: int, value: Any, fmt: Any) -> None:
    """A number, or a styled blank for a missing one (0-based r, c)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        ws.write_blank(r, c, None, fmt)
    else:
        ws.write_number(r, c, float(value), fmt)


def table_rows(book: Book, ws: Any, table: Table, first_row: int, df: pd.DataFrame, *,
               stream: bool = False) -> int:
    """The rows of `df` under a header already written at first_row - 1 (1-based rows):
    the columns of `table` that `df` has. Returns the last row written."""
    columns = {table.first_col + j: [book.cells(column, df[column.key].tolist())]
               for j, column in enumerate(table.columns) if column.key in df.columns}
    write_cells(ws, first_row, columns, stream=stream)
    return first_row + len(df) - 1


def header(w: SheetWriter, table: Table, row: int) -> Table:
    """Write `table`'s header at `row` (1-based) and return the table placed there."""
    placed = dataclasses.replace(table, header_row=row)
    w.table(placed, None, role="output", template_rows=0)
    return placed


def block_title(book: Book, ws: Any, row: int, title: str) -> None:
    """A title over one block of a sheet (a metric's pivot, an audit table)."""
    ws.write_string(row - 1, 0, title, book.styles.title())


def total_label(book: Book, ws: Any, row: int, col: int = 0) -> None:
    """The word the readers know a total row by (they skip it)."""
    ws.write_string(row - 1, col, TOTAL_LABEL[book.lang], book.styles.total_label())


def metric_block_title(book: Book, m: MetricResult) -> str:
    """A pivot block's title: the metric and its rounding unit."""
    return say("targets.block_title", book.lang, metric=metric_choice(m.metric),
               unit=plain_number(m.unit))


def plain_number(x: float | None) -> str:
    """A number with thousands separators and two decimals only when it has some."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    x = float(x)
    return f"{x:,.0f}" if x.is_integer() else f"{x:,.2f}"
