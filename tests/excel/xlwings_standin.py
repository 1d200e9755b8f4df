"""A file-backed stand-in for an xlwings Book, implementing the calls the xlwings door
makes (xlwings on Linux cannot drive Excel: its Book.caller() fails), on openpyxl."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string


class App:
    def __init__(self):
        self.status_bar: Any = False
        self.status_seen: list[Any] = []
        self.alerts: list[tuple[str, str]] = []
        self.books = Books()

    def __setattr__(self, name, value):
        if name == "status_bar" and hasattr(self, "status_seen"):
            self.status_seen.append(value)
        super().__setattr__(name, value)

    def alert(self, prompt: str, title: str | None = None, **_kw) -> None:
        self.alerts.append((title, prompt))


class Books:
    def __init__(self):
        self.opened: list[str] = []

    def open(self, path: str) -> None:
        self.opened.append(str(path))


def _as_excel_reads_it(cell, value: Any) -> None:
    """Excel reads a string set through Range.Value as if it were typed: a leading
    apostrophe (not kept) makes the rest text, "=" starts a formula, a string that reads
    as a number becomes that number."""
    if isinstance(value, str):
        if value.startswith("'"):
            cell.value = value[1:]
            cell.data_type = "s"
            return
        with contextlib.suppress(ValueError):  # else text, or a formula ("=...": openpyxl
            value = float(value)               # takes it for one, as Excel does)
    cell.value = value


class Range:
    def __init__(self, ws, row: int, col: int, n_rows: int = 1, n_cols: int = 1):
        self.ws, self.row, self.column, self.n_rows, self.n_cols = ws, row, col, n_rows, n_cols

    def offset(self, row_offset: int = 0, column_offset: int = 0) -> Range:
        return Range(self.ws, self.row + row_offset, self.column + column_offset,
                     self.n_rows, self.n_cols)

    def resize(self, row_size: int | None = None, column_size: int | None = None) -> Range:
        return Range(self.ws, self.row, self.column, row_size or self.n_rows,
                     column_size or self.n_cols)

    @property
    def last_cell(self) -> Range:
        return Range(self.ws, self.row + self.n_rows - 1, self.column + self.n_cols - 1)

    def _cells(self):
        for r in range(self.n_rows):
            for c in range(self.n_cols):
                yield r, c, self.ws.cell(self.row + r, self.column + c)

    @property
    def value(self) -> Any:
        if self.n_rows == self.n_cols == 1:
            return self.ws.cell(self.row, self.column).value
        return [[self.ws.cell(self.row + r, self.column + c).value
                 for c in range(self.n_cols)] for r in range(self.n_rows)]

    @value.setter
    def value(self, data: Any) -> None:
        rows = data if isinstance(data, list) and data and isinstance(data[0], list) \
            else [[data]]
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                _as_excel_reads_it(self.ws.cell(self.row + r, self.column + c), v)

    @property
    def number_format(self) -> str:
        return self.ws.cell(self.row, self.column).number_format

    @number_format.setter
    def number_format(self, fmt: str) -> None:
        for _, _, cell in self._cells():
            cell.number_format = fmt

    def clear_contents(self) -> None:
        for _, _, cell in self._cells():
            cell.value = None


class Sheet:
    def __init__(self, ws):
        self.ws = ws

    @property
    def name(self) -> str:
        return self.ws.title

    def range(self, address: str) -> Range:
        letters, row = coordinate_from_string(address)
        return Range(self.ws, row, column_index_from_string(letters))

    @property
    def used_range(self) -> Range:
        return Range(self.ws, 1, 1, max(self.ws.max_row, 1), max(self.ws.max_column, 1))


class Sheets:
    def __init__(self, wb):
        self.wb = wb

    def __iter__(self):
        return (Sheet(ws) for ws in self.wb.worksheets)

    def __len__(self) -> int:
        return len(self.wb.worksheets)

    def __getitem__(self, key: int | str) -> Sheet:
        return Sheet(self.wb.worksheets[key] if isinstance(key, int) else self.wb[key])

    def add(self, name: str | None = None, before: Any = None, after: Any = None) -> Sheet:
        index = self.wb.worksheets.index(after.ws) + 1 if after is not None else None
        return Sheet(self.wb.create_sheet(name, index))


class FileBook:
    """What `xlwings.Book.caller()` gives, for a workbook on disk."""

    def __init__(self, path: Path):
        self.fullname = str(Path(path).resolve())
        self.name = Path(path).name
        self.app = App()
        self.saves = 0
        self._wb = openpyxl.load_workbook(path, keep_vba=path.suffix == ".xlsm")
        self.sheets = Sheets(self._wb)

    def save(self) -> None:
        self._wb.save(self.fullname)
        self.saves += 1
