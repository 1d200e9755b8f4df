"""Lay out one schema sheet with XlsxWriter: title, labelled fields, tables, sign-off block,
dropdowns, formats, protection and print setup.

Templates call it with no data (empty, formatted input rows); reports call it with
DataFrames. Either way the layout comes from the schema, so what a reader expects is
exactly what was written.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

from ..catalogue import say
from ..schema import ColType, Column, Field, Sheet, Table, WorkbookSpec, render_formula, split_cell
from ..schema.formulas import quote_sheet
from ..schema.model import Labelled, col_letter
from ..schema.vocab import TOTAL_LABEL
from . import bulk
from .styles import Styles, display_width
from .writer import clean_text, needs_quoting

EXCEL_EPOCH = dt.datetime(1899, 12, 30)
MAX_INLINE_LIST = 250  # Excel refuses inline dropdown lists longer than 255 characters
LARGE_TABLE = 100  # template rows above which whole columns are styled instead of cells
LARGE_OUTPUT = 500  # output rows above which empty cells are left unwritten (speed)
BULK_FROM = 100  # output rows from which a table is rendered in bulk (a sheet's first only)
LABEL_WIDTH = 12  # a field's label column is no wider: a longer label wraps
VALUE_WIDTH = 14  # nor its value column, unless the field sets a width


def is_blank(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value == ""


def header_width(label: str) -> float:
    """A header's column width: the label on two lines, but never narrower than its
    longest word (an English header must not break inside a word)."""
    longest = max((display_width(w) for w in re.findall(r"[A-Za-z][A-Za-z-]*", label)),
                  default=0)  # Chinese wraps between any two characters
    return max(min(display_width(label) / 2 + 2, 30), longest + 1.5)


def display_value(column: Column, value: Any, lang: str) -> Any:
    """Turn a stored value (choice key, bool, date) into what the cell shows."""
    if is_blank(value):
        return None
    if isinstance(value, Labelled):  # a word of the schema, shown in the workbook's language
        return value.label(lang)
    if column.choices and isinstance(value, str):
        for choice in column.choices:
            if choice.key == value:
                return choice.label(lang)
    if isinstance(value, bool) and column.choices:
        return column.choice("yes" if value else "no").label(lang)
    return value


class SheetWriter:
    """Writes one schema sheet into an XlsxWriter workbook."""

    def __init__(self, workbook: Any, styles: Styles, spec: WorkbookSpec, sheet: Sheet, lang: str,
                 name: str | None = None):
        self.wb = workbook
        self.styles = styles
        self.spec = spec
        self.sheet = sheet
        self.lang = lang
        self.ws = workbook.add_worksheet(name or sheet.label(lang))
        self.widths: dict[int, float] = {}
        self.col_formats: dict[int, Any] = {}
        self.last_row = 1
        self.last_col = 1
        self.print_row = 1  # the extent of what prints (a detail list may lie outside)
        self.print_col = 1
        self._printing = True  # False while a table outside the print area is written

    # -- cells -------------------------------------------------------------------------
    def write_value(self, row: int, col: int, column: Column, value: Any, role: str,
                    bold: bool = False) -> None:
        """Write a typed value at 1-based (row, col); text always lands as text, never a formula."""
        r, c = row - 1, col - 1
        value = display_value(column, value, self.lang)
        if is_blank(value):
            self.ws.write_blank(r, c, None, self.styles.cell(column, role=role, bold=bold))
        elif isinstance(value, bool):
            self.ws.write_boolean(r, c, value, self.styles.cell(column, role=role, bold=bold))
        elif isinstance(value, (dt.datetime, pd.Timestamp)):
            self.ws.write_datetime(r, c, pd.Timestamp(value).to_pydatetime(),
                                   self.styles.cell(column, role=role, bold=bold))
        elif isinstance(value, dt.date):
            self.ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()),
                                   self.styles.cell(column, role=role, bold=bold))
        elif isinstance(value, dt.time):
            self.ws.write_datetime(r, c, value, self.styles.cell(column, role=role, bold=bold))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            self.ws.write_number(r, c, float(value), self.styles.cell(column, role=role, bold=bold))
        else:
            text = clean_text(value)
            fmt = self.styles.cell(column, role=role, quote=needs_quoting(text), bold=bold)
            self.ws.write_string(r, c, text, fmt)
        self._extent(row, col)

    def _write_column(self, first_row: int, col: int, column: Column, values: list,
                      role: str, bold_rows: set[int], blanks: bool) -> None:
        """Write one column of a table; the same rules as write_value, decided once per
        column instead of once per cell (reports can have tens of thousands of rows)."""
        ws, c = self.ws, col - 1
        fmt = self.styles.cell(column, role=role)
        bold_fmt = self.styles.cell(column, role=role, bold=True)
        labels, yes_no = self._shown_choices(column)
        for i, value in enumerate(values):
            r = first_row - 1 + i
            f = bold_fmt if i in bold_rows else fmt
            kind = type(value)
            if kind is float:
                if value != value:
                    if blanks:
                        ws.write_blank(r, c, None, f)
                else:
                    ws.write_number(r, c, value, f)
            elif value is None or value is pd.NA or value is pd.NaT or value == "":
                if blanks:
                    ws.write_blank(r, c, None, f)
            elif kind is str:
                text = labels.get(value, value) if labels else value
                text = clean_text(text)
                if needs_quoting(text):
                    f = self.styles.cell(column, role=role, quote=True, bold=i in bold_rows)
                ws.write_string(r, c, text, f)
            elif kind is bool or isinstance(value, (bool, np.bool_)):
                if yes_no and yes_no[0]:
                    ws.write_string(r, c, yes_no[0] if value else yes_no[1], f)
                else:
                    ws.write_boolean(r, c, bool(value), f)
            elif isinstance(value, (int, float, np.integer, np.floating)):
                ws.write_number(r, c, float(value), f)
            else:
                self.write_value(first_row + i, col, column, value, role, i in bold_rows)

    def _shown_choices(self, column: Column) -> tuple[dict[str, str], tuple | None]:
        """What a column's stored choice keys show as, and booleans (yes, no) if it has
        choices."""
        labels = {ch.key: ch.label(self.lang) for ch in column.choices}
        return labels, (labels.get("yes"), labels.get("no")) if column.choices else None

    def _bulk_table(self, table: Table, values: list[list], role: str, bold_rows: set[int],
                    blanks: bool) -> None:
        """A long output table as pre-rendered rows (see addin.io.bulk): the cells
        _write_column writes (which writes them when bulk rows are unavailable). Other
        tables may share its rows, beside it, through the cell API."""
        first, c0 = table.header_row + 1, table.first_col
        columns = table.columns
        styles = []
        for column in columns:
            labels, yes_no = self._shown_choices(column)
            styles.append(bulk.ColumnStyle(
                *(self.styles.cell(column, role=role, quote=q, bold=b)
                  for q, b in ((False, False), (False, True), (True, False), (True, True))),
                labels=labels, yes_no=yes_no))

        def rows() -> Iterator[tuple[int, str]]:
            cells = [bulk.column_cells(col_letter(c0 + j), first, values[j], styles[j],
                                       bold_rows, blanks) for j in range(len(columns))]
            return bulk.rows_xml(first, cells)

        n = len(values[0]) if values else 0
        self.ws.add_bulk(first - 1, c0 - 1, first + n - 2, c0 + len(columns) - 2, rows)

    def _extent(self, row: int, col: int, printed: bool = True) -> None:
        self.last_row = max(self.last_row, row)
        self.last_col = max(self.last_col, col)
        if printed and self._printing:
            self.print_row = max(self.print_row, row)
            self.print_col = max(self.print_col, col)

    def _width(self, col: int, width: float) -> None:
        self.widths[col] = max(self.widths.get(col, 0), width)

    # -- blocks ------------------------------------------------------------------------
    def title(self, text: str | None = None, note: str | None = None) -> None:
        self.ws.write_string(0, 0, text or self.sheet.title(self.lang), self.styles.title())
        self.ws.set_row(0, 22)
        if note:
            self.ws.write_string(1, 0, note, self.styles.note())

    def fields(self, values: dict[str, Any] | None = None, fields: tuple[Field, ...] | None = None
               ) -> None:
        values = values or {}
        for f in fields if fields is not None else self.sheet.fields:
            self.field(f, values.get(f.key, f.default))

    def signoff(self, values: dict[str, Any] | None = None) -> None:
        self.fields(values, self.sheet.signoff)

    def field(self, f: Field, value: Any = None) -> None:
        row, col = split_cell(f.cell)
        label = f.label(self.lang)
        self.ws.write_string(row - 1, col - 2, label, self.styles.label())
        self._width(col - 1, min(display_width(label) + 1, LABEL_WIDTH))
        if display_width(label) + 1 > LABEL_WIDTH:  # a long label wraps onto two lines
            self.ws.set_row(row - 1, 28)
        if f.formula:
            formula = render_formula(self.spec, self.sheet, f.formula, self.lang)
            self.ws.write_formula(row - 1, col - 1, formula,
                                  self.styles.cell(f, role="computed"), "")
            self._extent(row, col)
        else:
            if isinstance(value, str) and f.type == ColType.TIME and ":" in value:
                h, m = value.split(":")
                value = dt.time(int(h), int(m))
            role = "output" if self.sheet.role == "output" else "input"
            self.write_value(row, col, f, value, role=role)
            if role == "input":
                self._validate(row, col, row, col, f)
        if f.merge_to:
            end_row, end_col = split_cell(f.merge_to)
            fmt = self.styles.cell(f, role="computed" if f.formula else "input")
            shown = "" if is_blank(value) else clean_text(value)
            self.ws.merge_range(row - 1, col - 1, end_row - 1, end_col - 1, shown, fmt)
            self._extent(end_row, end_col)
        if f.alert_below is not None:
            self._alert(row, col, row, col, f.alert_below, None)
        self._width(col, f.width or min(f.col_width, VALUE_WIDTH))  # a table sets the rest

    def table(self, table: Table, data: pd.DataFrame | None = None, *, role: str | None = None,
              template_rows: int | None = None, totals: bool | None = None,
              bold_rows: set[int] | None = None) -> int:
        """Write the header and rows (data, or empty input rows); return the last row written."""
        role = role or ("output" if table.output else "input")
        self._printing = table.printed
        try:
            return self._table(table, data, role, template_rows, totals, bold_rows)
        finally:
            self._printing = True

    def _table(self, table: Table, data: pd.DataFrame | None, role: str,
               template_rows: int | None, totals: bool | None, bold_rows: set[int] | None
               ) -> int:
        hr, c0 = table.header_row, table.first_col
        for j, column in enumerate(table.columns):
            label = column.label(self.lang)
            self.ws.write_string(hr - 1, c0 + j - 1, label, self.styles.header())
            self._width(c0 + j, max(column.col_width, header_width(label)))
        self.ws.set_row(hr - 1, 30)
        self._extent(hr, c0 + len(table.columns) - 1, table.printed)
        if data is not None:
            n = len(data)
            values = [data[column.key].tolist() if column.key in data else [None] * n
                      for column in table.columns]
            blanks = n <= LARGE_OUTPUT
            if n >= BULK_FROM and role == "output" and bulk.BULK and \
                    isinstance(self.ws, bulk.BulkWorksheet) and self.ws.bulk_rows is None:
                self._bulk_table(table, values, role, bold_rows or set(), blanks)
            else:
                for j, column in enumerate(table.columns):
                    self._write_column(hr + 1, c0 + j, column, values[j], role,
                                       bold_rows or set(), blanks=blanks)
            if n:
                self._extent(hr + n, c0 + len(table.columns) - 1, table.printed)
            if role == "input" and n < table.rows:  # a filled input table keeps its empty rows
                for i in range(n, table.rows):
                    for j, column in enumerate(table.columns):
                        self.write_value(hr + 1 + i, c0 + j, column, None, role)
                n = table.rows
        else:
            n = table.rows if template_rows is None else template_rows
            for i, rec in enumerate(table.defaults):
                for j, column in enumerate(table.columns):
                    self.write_value(hr + 1 + i, c0 + j, column, rec.get(column.key), role)
            if n <= LARGE_TABLE:
                for i in range(len(table.defaults), n):
                    for j, column in enumerate(table.columns):
                        self.write_value(hr + 1 + i, c0 + j, column, None, role)
            else:  # a long list: style whole columns instead of writing thousands of blanks
                for j, column in enumerate(table.columns):
                    self.col_formats[c0 + j] = self.styles.cell(column, role=role)
        last = hr + n
        if role == "input":
            for j, column in enumerate(table.columns):
                self._validate(hr + 1, c0 + j, max(last, hr + 1), c0 + j, column)
        for j, column in enumerate(table.columns):
            if column.alert_below is not None and n:
                self._alert(hr + 1, c0 + j, last, c0 + j, column.alert_below, table)
        if totals if totals is not None else table.total_row:
            last = self._total_row(table, hr + 1, last)
        return last

    def _total_row(self, table: Table, first: int, last: int) -> int:
        row = last + 1
        c0 = table.first_col
        self.ws.write_string(row - 1, c0 - 1, TOTAL_LABEL[self.lang], self.styles.total_label())
        for j, column in enumerate(table.columns[1:], start=1):
            fmt = self.styles.cell(column, role="computed", bold=True)
            if column.total:
                letter = col_letter(c0 + j)
                self.ws.write_formula(row - 1, c0 + j - 1, f"=SUM({letter}{first}:{letter}{last})",
                                      fmt, 0)
            else:
                self.ws.write_blank(row - 1, c0 + j - 1, None, fmt)
        self._extent(row, c0 + len(table.columns) - 1)
        return row

    # -- validation and formatting -----------------------------------------------------
    def _validate(self, r1: int, c1: int, r2: int, c2: int, column: Column) -> None:
        opts = self._validation(column)
        if opts:
            title = column.label(self.lang)[:32]
            opts.setdefault("error_title", title)
            self.ws.data_validation(r1 - 1, c1 - 1, r2 - 1, c2 - 1, opts)

    def _validation(self, column: Column) -> dict | None:
        if column.choices_from:
            sheet_key, table_key, column_key = column.choices_from.split(".")
            source_sheet = self.spec.sheet(sheet_key)
            source_table = source_sheet.table(table_key)
            letter = source_table.col_letter(column_key)
            source = (f"={quote_sheet(source_sheet.label(self.lang))}!${letter}$"
                      f"{source_table.first_data_row}:${letter}${source_table.last_template_row}")
            return {"validate": "list", "source": source, "error_type": "warning",
                    "error_message": say("hint.pick_from_list", self.lang)}
        if column.choices:
            labels = [c.label(self.lang) for c in column.choices]
            if sum(len(x) + 1 for x in labels) > MAX_INLINE_LIST:
                raise ValueError(f"{column.key}: dropdown list too long for an inline list")
            return {"validate": "list", "source": labels,
                    "error_message": say("hint.pick_from_list", self.lang)}
        if column.type in (ColType.INTEGER,):
            return {"validate": "integer", "criteria": ">=", "value": 0,
                    "error_message": say("hint.whole_number", self.lang)}
        if column.type in (ColType.MONEY, ColType.NUMBER):
            return {"validate": "decimal", "criteria": ">=", "value": 0, "error_type": "warning",
                    "error_message": say("hint.number", self.lang)}
        if column.type == ColType.DATE:
            return {"validate": "date", "criteria": "between",
                    "minimum": dt.date(2000, 1, 1), "maximum": dt.date(2099, 12, 31),
                    "error_message": say("hint.date", self.lang)}
        if column.type == ColType.TIME:
            return {"validate": "time", "criteria": "between",
                    "minimum": dt.time(0, 0), "maximum": dt.time(23, 59),
                    "error_type": "warning",
                    "error_message": say("hint.time", self.lang)}
        return None

    def _alert(self, r1: int, c1: int, r2: int, c2: int, below: float | str,
               table: Table | None) -> None:
        """Red when the value is below a number, a column of the same row or a field."""
        top_left = f"{col_letter(c1)}{r1}"
        if isinstance(below, str):
            if table is not None and below in [c.key for c in table.columns]:
                other = f"{table.col_letter(below)}{r1}"
            else:
                row, col = split_cell(self.sheet.field(below).cell)
                other = f"${col_letter(col)}${row}"
            test = f"AND(ISNUMBER({top_left}),ISNUMBER({other}),{top_left}<{other})"
        else:
            test = f"AND(ISNUMBER({top_left}),{top_left}<{below})"
        self.ws.conditional_format(r1 - 1, c1 - 1, r2 - 1, c2 - 1, {
            "type": "formula", "criteria": "=" + test, "format": self.styles.alert()})

    # -- sheet set-up ------------------------------------------------------------------
    def finish(self, *, protect: bool, freeze_row: int | None = None, freeze_col: int = 0,
               repeat_row: int | None = None) -> None:
        for col, width in self.widths.items():
            self.ws.set_column(col - 1, col - 1, min(width, 80), self.col_formats.get(col))
        if freeze_row:
            self.ws.freeze_panes(freeze_row, freeze_col)
        self.ws.set_paper(9)  # A4
        if self.sheet.landscape:
            self.ws.set_landscape()
        else:
            self.ws.set_portrait()
        self.ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        self.ws.fit_to_pages(1 if self.print_col <= 20 else 2 if self.print_col <= 40 else 3, 0)
        self.ws.print_area(0, 0, self.print_row - 1, self.print_col - 1)
        if repeat_row:
            self.ws.repeat_rows(repeat_row - 1)
        self.ws.set_footer("&L&A&R&P / &N")
        if protect:
            self.ws.protect("", {"format_columns": True, "format_rows": True,
                                 "insert_rows": True, "sort": True, "autofilter": True})
