"""Write the breakdown workbook: the input sheets as read, then the breakdown, the pivots,
the target cards, progress, activity targets and the audit, one module per sheet group.

Layout, labels and formats come from the targets schema. The pivots and cards are
formulas over the breakdown sheet (with the engine's results cached in them), so a
manager who changes a month cell in Excel sees every subtotal follow. Long tables (the
breakdown's rows, and progress and activity when they are long) go through the shared
bulk path (`addin.io.bulk`, by way of `cells.write_cells`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ...core.targets import Activity, Breakdown, Progress
from ...problems import Problem
from ...schema import Sheet, workbook
from ..output import new_output
from ..sheetwriter import SheetWriter
from ..templates import lay_out_sheet
from .activity import write_activity
from .audit import write_audit
from .book import Book
from .cards import write_cards
from .detail import write_detail
from .pivots import write_by_product, write_by_region, write_by_rep
from .progress import write_progress

WRITERS: dict[str, Callable[[Book, Sheet], None]] = {
    "breakdown": write_detail,
    "by_rep": write_by_rep,
    "by_region": write_by_region,
    "by_product": write_by_product,
    "cards": write_cards,
    "progress": write_progress,
    "activity": write_activity,
    "audit": write_audit,
}


def write_targets_workbook(path: str | Path, lang: str, b: Breakdown, *,
                           inputs: dict[str, dict] | None = None,
                           progress: Progress | None = None,
                           activity: Activity | None = None,
                           problems: list[Problem] | None = None,
                           overrides: pd.DataFrame | None = None) -> Path:
    """The whole targets workbook with its outputs filled, written atomically; `inputs`
    are the input sheets as read (`addin.io.targets_input.input_sheets`)."""
    spec = workbook("targets")
    path = Path(path)
    with new_output(path, spec, lang) as out:
        wb, styles = out.wb, out.styles
        book = Book(wb, styles, spec, lang, b, progress, activity, problems or [], overrides)
        for sheet in spec.sheets:
            if sheet.role == "output":
                WRITERS[sheet.key](book, sheet)
            else:
                lay_out_sheet(SheetWriter(wb, styles, spec, sheet, lang), sheet,
                              (inputs or {}).get(sheet.key))
        wb.get_worksheet_by_name(book.sheet_name("by_rep")).activate()
    return path


__all__ = ["WRITERS", "write_targets_workbook"]
