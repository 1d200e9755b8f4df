"""The buttons for users of the xlwings add-in: `RunPython "import addin.excel;
addin.excel.week()"` runs the same job as the VBA button, through the same door.

`xlwings.Book.caller()` is called only here, at the outermost edge; everything else takes
a book object, so tests drive it with a file-backed stand-in that implements the same
calls (fullname, save, sheets, range, app.books.open, app.alert, app.status_bar).
xlwings is optional: this module imports it only when a button runs.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import Any

from ..catalogue import say
from ..io.excel_result import CLEAR_BELOW, CLEAR_SHEET, Block, read_result
from ..io.xlsx_scan import stamped_lang
from .door import run_job


def caller() -> Any:
    """The workbook whose button called (xlwings' RunPython)."""
    import xlwings as xw

    return xw.Book.caller()


def run_in_book(job: str, book: Any = None) -> dict[str, Any]:
    """Save `book`, run the job on its file, copy the values back in (left unsaved, as
    the VBA button leaves them) or open the new workbook, and tell the user in one line.
    Returns the door's JSON."""
    book = book if book is not None else caller()
    app = book.app
    path = Path(book.fullname)
    book.save()
    lang = stamped_lang(path)
    app.status_bar = say("macro.running", lang, job=say(f"button.{job}", lang))
    try:
        with tempfile.TemporaryDirectory(prefix="salesbook-xlwings-") as tmp:
            result = Path(tmp) / "result.txt"
            answer = run_job(job, path, result=result)
            blocks = read_result(result)["blocks"] if answer["ok"] else []
        for block in blocks:
            paste(book, block)
    finally:
        app.status_bar = False
    if answer["ok"] and answer["open"]:
        app.books.open(answer["open"])
    app.alert(answer["message"], title="salesbook")
    return answer


def paste(book: Any, block: Block) -> None:
    """One block of values into the book, as the VBA macro's CopyBlock does."""
    names = [s.name for s in book.sheets]
    sheet = book.sheets[block.sheet] if block.sheet in names else \
        book.sheets.add(block.sheet, after=book.sheets[len(names) - 1])
    n_rows, n_cols = block.size
    with _unprotected(sheet):
        top = sheet.range(block.cell)
        if block.clear == CLEAR_SHEET:
            sheet.used_range.clear_contents()
        elif block.clear == CLEAR_BELOW:
            last = sheet.used_range.last_cell.row
            if last >= top.row:
                top.resize(last - top.row + 1, n_cols).clear_contents()
        rows = [[_as_typed(v) for v in (list(r) + [None] * n_cols)[:n_cols]]
                for r in block.rows]
        top.resize(n_rows, n_cols).value = rows
        for c, fmt in enumerate(block.formats):
            if fmt and n_rows > block.header:
                top.offset(block.header, c).resize(n_rows - block.header, 1).number_format = fmt


def _as_typed(value: Any) -> Any:
    """A value for Range.value that lands as it is. Excel reads a string as if typed
    ("=HYPERLINK(...)" would become a formula, "00123" the number 123); its text prefix,
    which it does not keep in the value, makes text stay text (as the VBA macro does)."""
    if value is None or value == "":
        return None
    return f"'{value}" if isinstance(value, str) else value


@contextlib.contextmanager
def _unprotected(sheet: Any):
    """Excel refuses values in a protected sheet: unprotect (the templates use no
    password) and protect again with the templates' allowances. Only Excel's own object
    model (sheet.api) can; elsewhere there is nothing to undo."""
    api = getattr(sheet, "api", None)
    protected = False
    with contextlib.suppress(Exception):
        protected = bool(api.ProtectContents)
        if protected:
            api.Unprotect()
    try:
        yield
    finally:
        if protected:
            with contextlib.suppress(Exception):
                api.Protect(DrawingObjects=False, Contents=True, Scenarios=False,
                            AllowFormattingColumns=True, AllowFormattingRows=True,
                            AllowInsertingRows=True, AllowSorting=True, AllowFiltering=True)


# RunPython entry points: addin.excel.week() and so on
def week(book: Any = None) -> dict[str, Any]:
    """Roll up my week (rep weekly workbook)."""
    return run_in_book("week", book)


def plan(book: Any = None) -> dict[str, Any]:
    """Plan the week (customer master)."""
    return run_in_book("plan", book)


def team(book: Any = None) -> dict[str, Any]:
    """Team weekly report (team workbook)."""
    return run_in_book("team", book)


def targets(book: Any = None) -> dict[str, Any]:
    """Break down targets (targets workbook)."""
    return run_in_book("targets", book)


def month(book: Any = None) -> dict[str, Any]:
    """Monthly control (team workbook)."""
    return run_in_book("month", book)


# -- xlwings Lite: no file behind the book --------------------------------------------------
def book_to_file(book: Any, path: Path) -> Path:
    """Write the open book's values (every sheet, hidden ones too, from A1) to a new
    .xlsx at `path`, for a job to read: in xlwings Lite the workbook has no file the job
    could open."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet in book.sheets:
        ws = wb.create_sheet(sheet.name)
        last = sheet.used_range.last_cell
        values = sheet.range("A1").resize(last.row, last.column).value
        rows = values if isinstance(values, list) and values and isinstance(values[0], list) \
            else [values if isinstance(values, list) else [values]]
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row, start=1):
                if v is not None and v != "":
                    ws.cell(r, c).value = v
    wb.save(path)
    return path


def copy_sheets_in(book: Any, path: Path, names: list[str]) -> list[str]:
    """The values of the sheets `names` of the workbook at `path` into the same sheets of
    the open book (added when missing); returns the sheets copied."""
    from ..io.excel_result import CLEAR_SHEET, Block, sheet_grid

    copied = []
    for name in names:
        try:
            found, grid = sheet_grid(path, [name])
        except KeyError:
            continue
        rows = [list(r) for r in grid] or [[None]]
        paste(book, Block(found, "A1", rows, clear=CLEAR_SHEET))
        copied.append(found)
    return copied


def run_lite(job: str, book: Any, tmp: Path) -> dict[str, Any]:
    """A single-workbook job (week, targets) in xlwings Lite: the book's values go to a
    file, the same door runs on it, and what it wrote comes back into the book (the
    targets breakdown's output sheets, which the targets workbook already has)."""
    from ..schema import workbook

    source = book_to_file(book, tmp / f"{job}-source.xlsx")
    result = tmp / f"{job}-result.txt"
    answer = run_job(job, source, result=result)
    if answer["ok"]:
        for block in read_result(result)["blocks"]:
            paste(book, block)
        if answer["open"]:
            spec = workbook("targets")
            lang = answer.get("lang") or "zh"
            outputs = [s.label(lang) for s in spec.sheets if s.role == "output"]
            copy_sheets_in(book, Path(answer["open"]), outputs)
    book.app.alert(answer["message"], title="salesbook")
    return answer
