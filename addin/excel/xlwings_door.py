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
    """Save `book`, run the job on its file, copy the values back in or open the new
    workbook, and tell the user in one line. Returns the door's JSON."""
    book = book if book is not None else caller()
    app = book.app
    path = Path(book.fullname)
    book.save()
    lang = stamped_lang(path)
    app.status_bar = say("macro.running", lang, job=say(f"button.{job}", lang))
    try:
        with tempfile.TemporaryDirectory(prefix="salesbook-xlwings-") as tmp:
            result = Path(tmp) / "result.xlsx"
            answer = run_job(job, path, result=result)
            blocks = read_result(result)["blocks"] if answer["ok"] else []
        for block in blocks:
            paste(book, block)
        if blocks:
            book.save()
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
        rows = [[None if v == "" else v for v in (list(r) + [None] * n_cols)[:n_cols]]
                for r in block.rows]
        top.resize(n_rows, n_cols).value = rows
        for c, fmt in enumerate(block.formats):
            if fmt and n_rows > block.header:
                top.offset(block.header, c).resize(n_rows - block.header, 1).number_format = fmt


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
