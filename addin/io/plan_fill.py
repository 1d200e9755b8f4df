"""Fill planned contacts into a rep weekly workbook that already exists (openpyxl).

The rep or the supervisor may already have typed in it, so only rows that are empty in
every column of the plan table are used; a typed cell is never overwritten, the sign-off
cells are never touched, and the rows left alone are reported. Text lands as text, never
as a formula. The file is replaced atomically (and refused while Excel has it open).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..schema import LANGS, ColType, Column, Sheet, workbook
from ..schema.model import col_number, split_cell
from .output import save_filled
from .sheetwriter import display_value, is_blank
from .values import label_key
from .writer import clean_text, needs_quoting

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell

REP_WEEKLY = workbook("rep_weekly")
PLAN_TABLE_KEY = "contacts"


@dataclass
class SheetLayout:
    """Where a day's plan table sits in this file, as the reader found it."""

    name: str  # the sheet's name in the file
    letters: dict[str, str]  # column key -> column letter


@dataclass
class FillOutcome:
    path: Path
    written: dict[str, int] = field(default_factory=dict)  # sheet key -> rows written
    leftover: dict[str, list[dict]] = field(default_factory=dict)  # rows with no empty row
    info_written: list[str] = field(default_factory=list)


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value == "")


def _header_row(ws: Any, sheet: Sheet, letters: dict[str, str]) -> int:
    """The plan table's header row: where the schema puts it, or where the rep moved it."""
    table = sheet.table(PLAN_TABLE_KEY)
    key = "customer" if "customer" in letters else next(iter(letters))
    column = table.column(key)
    wanted = set(map(label_key, column.names))
    letter = letters[key]
    for r in (table.header_row, *range(max(1, table.header_row - 5), table.header_row + 41)):
        if label_key(ws[f"{letter}{r}"].value) in wanted:
            return r
    return table.header_row


def _last_row(ws: Any, sheet: Sheet, header: int, first_col: int) -> int:
    """Last fillable row: above the sign-off block (which moves down if rows were inserted)."""
    table = sheet.table(PLAN_TABLE_KEY)
    signoff = {label_key(f.label(lang)) for f in sheet.signoff for lang in LANGS}
    gap = min(split_cell(f.cell)[0] for f in sheet.signoff) - table.last_template_row
    for r in range(header + 1, header + 1 + 500):
        for c in (first_col, first_col + 1, 1, 2):
            v = ws.cell(r, c).value
            if isinstance(v, str) and label_key(v) in signoff:
                return r - gap
    return header + table.rows


def write_cell(cell: Cell, column: Column, value: Any, lang: str) -> None:
    """Store a typed value the way the template would have: choice labels in the
    workbook's language, dates as dates, and text always as text."""
    shown = display_value(column, value, lang)
    if is_blank(shown):
        return
    if column.type == ColType.DATE and isinstance(shown, dt.date) \
            and not isinstance(shown, dt.datetime):
        shown = dt.datetime.combine(shown, dt.time())
    if hasattr(shown, "to_pydatetime"):
        shown = shown.to_pydatetime()
    if isinstance(shown, str):
        text = clean_text(shown)
        cell.value = text
        cell.data_type = "s"  # openpyxl would make a formula of a leading '='
        if needs_quoting(text):
            cell.quotePrefix = True
    else:
        cell.value = shown
    if column.type in (ColType.DATE, ColType.TIME, ColType.MONEY, ColType.PERCENT) and \
            cell.number_format == "General":
        cell.number_format = column.number_format


def fill_plan_workbook(path: str | Path, lang: str, layouts: dict[str, SheetLayout],
                       rows: dict[str, list[dict]], info_sheet: str | None = None,
                       info_cells: dict[str, str] | None = None,
                       info_values: dict[str, Any] | None = None) -> FillOutcome:
    """Write `rows` (sheet key -> contacts keyed by column key) into the empty rows of each
    day's plan table, and `info_values` into info cells that are still blank."""
    import openpyxl  # only a fill needs it; a plan into a new folder starts faster without

    path = Path(path)
    out = FillOutcome(path)
    wb = openpyxl.load_workbook(path, keep_vba=path.suffix.lower() == ".xlsm")
    if info_sheet and info_sheet in wb.sheetnames and info_values:
        ws = wb[info_sheet]
        info = REP_WEEKLY.sheet("info")
        for key, value in info_values.items():
            ref = (info_cells or {}).get(key) or info.field(key).cell
            if _is_empty(ws[ref].value) and not is_blank(value):
                write_cell(ws[ref], info.field(key), value, lang)
                out.info_written.append(key)
    for sheet_key, layout in layouts.items():
        sheet = REP_WEEKLY.sheet(sheet_key)
        table = sheet.table(PLAN_TABLE_KEY)
        todo = list(rows.get(sheet_key, ()))
        if layout.name not in wb.sheetnames:
            if todo:
                out.leftover[sheet_key] = todo
            continue
        ws = wb[layout.name]
        numbers = sorted(col_number(x) for x in layout.letters.values())
        span = range(numbers[0], numbers[-1] + 1)
        header = _header_row(ws, sheet, layout.letters)
        last = _last_row(ws, sheet, header, numbers[0])
        written = 0
        columns = [(table.column(k), col_number(x)) for k, x in layout.letters.items()]
        for r in range(header + 1, last + 1):
            if any(not _is_empty(ws.cell(r, c).value) for c in span):
                continue  # typed by the rep: never overwritten
            if not todo:
                continue
            record = todo.pop(0)
            for column, c in columns:
                write_cell(ws.cell(r, c), column, record.get(column.key), lang)
            written += 1
        out.written[sheet_key] = written
        if todo:
            out.leftover[sheet_key] = todo
    if out.info_written or any(out.written.values()):
        save_filled(wb, path)
    return out
