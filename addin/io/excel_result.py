"""The result workbook an Excel button reads back (addin.excel).

A button's macro cannot read text files portably (no Unicode on Windows' `Open`, no JSON
parser in VBA), but every host opens a workbook. So a job run from a button writes one
small .xlsx: a `status` sheet (whether it worked, its one-line message, a workbook to open,
and one row per block of values to copy into the open workbook) and one sheet per block.

status sheet, columns A..H:
    row 1: "salesbook-result", the number of rows, the number of columns
    then key/value rows: ok (1/0), message, open, and one `copy` row per block:
    copy | block sheet | target sheet | target cell | rows | cols | header rows | clear
block sheet: row 1 the number format of each column ("" keeps the cell's own), then the
values. `clear` is 0 (nothing), 1 (the block's columns from its first row down) or 2 (the
whole target sheet) before the values go in.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine as calamine
import xlsxwriter

from ..schema import Table, cell_ref
from .values import label_key
from .writer import atomic_output, clean_text
from .xlsx_scan import stamped

MAGIC = "salesbook-result"
STATUS_COLS = 8
CLEAR_NONE, CLEAR_BELOW, CLEAR_SHEET = 0, 1, 2
_DATE_FORMAT = "yyyy-mm-dd"


@dataclass
class Block:
    """Values for one range of the open workbook."""

    sheet: str  # the target sheet's name
    cell: str  # its top-left cell
    rows: list[list[Any]]
    formats: list[str] = field(default_factory=list)  # per column; "" keeps the cell's
    header: int = 0  # leading rows (headers) that take no number format
    clear: int = CLEAR_NONE

    @property
    def size(self) -> tuple[int, int]:
        return len(self.rows), max((len(r) for r in self.rows), default=0)


def write_result(path: Path, *, ok: bool, message: str, open_path: Path | None = None,
                 blocks: Iterable[Block] = ()) -> Path:
    """Write the result workbook atomically."""
    blocks = [b for b in blocks if b.size[0] and b.size[1]]
    status: list[list[Any]] = [["ok", 1 if ok else 0], ["message", clean_text(message)],
                               ["open", str(open_path) if open_path else ""]]
    for i, b in enumerate(blocks, start=1):
        status.append(["copy", f"b{i}", b.sheet, b.cell, *b.size, b.header, b.clear])
    with atomic_output(Path(path)) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False,
                                            "strings_to_urls": False,
                                            "strings_to_numbers": False})
        date_fmt = wb.add_format({"num_format": _DATE_FORMAT})
        ws = wb.add_worksheet("status")
        ws.write_row(0, 0, [MAGIC, len(status) + 1, STATUS_COLS])
        for r, row in enumerate(status, start=1):
            for c, v in enumerate(row):
                _write(ws, r, c, v, date_fmt)
        for i, b in enumerate(blocks, start=1):
            sheet = wb.add_worksheet(f"b{i}")
            n_cols = b.size[1]
            formats = (list(b.formats) + [""] * n_cols)[:n_cols]
            for c, f in enumerate(formats):
                sheet.write_string(0, c, f)
            for r, row in enumerate(b.rows, start=1):
                for c, v in enumerate(row):
                    _write(sheet, r, c, v, date_fmt)
        wb.close()
    return Path(path)


def _write(ws: Any, r: int, c: int, v: Any, date_fmt: Any) -> None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return
    if hasattr(v, "item"):  # numpy scalars
        v = v.item()
    if isinstance(v, bool):
        ws.write_boolean(r, c, v)
    elif isinstance(v, (int, float)):
        ws.write_number(r, c, v)
    elif isinstance(v, (dt.datetime, dt.date, dt.time)):
        ws.write_datetime(r, c, v, date_fmt)
    elif isinstance(v, dt.timedelta):  # calamine's reading of a time of day
        ws.write_number(r, c, v.total_seconds() / 86400)
    else:
        ws.write_string(r, c, clean_text(str(v)))


def read_result(path: Path) -> dict[str, Any]:
    """The result workbook back as {ok, message, open, blocks: [Block]} (tests, xlwings)."""
    book = calamine.CalamineWorkbook.from_path(str(path))
    try:
        status = book.get_sheet_by_name("status").to_python(skip_empty_area=False)
        out: dict[str, Any] = {"blocks": []}
        for row in status[1:]:
            key = row[0]
            if key == "copy":
                _, name, sheet, cell, n_rows, n_cols, header, clear = row[:8]
                grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
                formats = [str(v) for v in grid[0][:int(n_cols)]]
                rows = [list(r[:int(n_cols)]) for r in grid[1:int(n_rows) + 1]]
                out["blocks"].append(Block(sheet, cell, rows, formats, int(header), int(clear)))
            elif key:
                out[str(key)] = row[1]
        out["ok"] = bool(out.get("ok"))
        return out
    finally:
        book.close()


# -- reading blocks out of a workbook a job wrote ----------------------------------------
def sheet_grid(path: Path, names: Iterable[str]) -> tuple[str, list[list[Any]]]:
    """(name, cells) of the first sheet of `path` whose name matches one of `names`."""
    book = calamine.CalamineWorkbook.from_path(str(path))
    try:
        found = {label_key(n): n for n in book.sheet_names}
        for wanted in names:
            name = found.get(label_key(wanted))
            if name is not None:
                return name, book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    finally:
        book.close()
    raise KeyError(f"{path.name} has none of the sheets {list(names)}")


def table_block(grid: list[list[Any]], table: Table, target_sheet: str, *,
                with_header: bool = False, clear: int = CLEAR_NONE) -> Block:
    """The table's rows as written (its header too with `with_header`), down to the first
    empty row, as a block for the same cells of `target_sheet`."""
    c0, width = table.first_col - 1, len(table.columns)
    first = table.header_row if with_header else table.first_data_row
    rows = []
    for r in range(first - 1, len(grid)):
        row = (list(grid[r][c0:c0 + width]) + [None] * width)[:width]
        row = [None if v == "" else v for v in row]
        if r >= table.first_data_row - 1 and all(v is None for v in row):
            break
        rows.append(row)
    if not rows and clear:  # nothing to show: one empty row, so the old rows go
        rows = [[None] * width]
    return Block(target_sheet, cell_ref(first, table.first_col), rows,
                 [_format(c) for c in table.columns], header=1 if with_header else 0,
                 clear=clear)


def _format(column: Any) -> str:
    fmt = column.number_format
    return "" if fmt in ("General", "@") else fmt




def stamped_template(path: Path) -> str | None:
    """The template id a workbook is stamped with (e.g. `salesbook.rep_weekly`)."""
    return stamped(path, "salesbook_template")


__all__ = ["CLEAR_BELOW", "CLEAR_NONE", "CLEAR_SHEET", "MAGIC", "Block", "read_result",
           "sheet_grid", "stamped_template", "table_block", "write_result"]
