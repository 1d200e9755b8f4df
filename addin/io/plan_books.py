"""The reps' weekly workbooks as visit planning sees them: which file holds which rep's
week, what its day tabs already hold, and what to write into it.

A workbook that does not exist yet is made from the template, already filled; one that
exists is filled only in its empty rows (`addin.io.plan_fill`). One that is open in Excel,
read-only, unreadable or for another week is left alone and its days are closed, so its
contacts are carried over rather than lost. Reading and writing one workbook never raises:
what went wrong is a problem or a `Written` result, so one bad file never stops the rest.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..catalogue import Message, msg, say
from ..core import planning as core
from ..core.periods import iso_week
from ..errors import OutputError, OutputLockedError
from ..problems import Problem, Severity, problem
from ..schema import Sheet, workbook
from ..schema.model import col_number
from .plan_fill import SheetLayout, fill_plan_workbook
from .reader import WorkbookData, read_workbook
from .templates import write_workbook
from .writer import check_writable, output_error

REP_WEEKLY = workbook("rep_weekly")
PLAN_SHEETS: dict[int, Sheet] = {s.day: s for s in REP_WEEKLY.sheets_of_kind("plan")}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


# -- which workbook ------------------------------------------------------------------------
def period_label(start: dt.date, n_days: int) -> str:
    """`2026-W49` for a whole ISO week, else `2026-12-03_2026-12-08` (file name prefix)."""
    if start.weekday() == 0 and n_days == 7:
        return iso_week(start)
    return f"{start.isoformat()}_{(start + dt.timedelta(n_days - 1)).isoformat()}"


def rep_file_name(label: str, rep: str) -> str:
    """`2026-W49_张伟.xlsx`: the name `salesbook demo` uses, safe on every file system."""
    safe = _UNSAFE.sub("_", str(rep)).strip().rstrip(".") or "_"
    return f"{label}_{safe}.xlsx"


@dataclass
class RepBook:
    """One rep's workbook for one week of the window."""

    rep: str
    monday: dt.date
    path: Path
    lang: str  # of a new workbook; an existing one keeps its own
    days: list[dt.date] = field(default_factory=list)  # the window's working days in it


def rep_books(folder: Path, reps: list[str], days: list[dt.date], langs: dict[str, str],
              lang: str) -> list[RepBook]:
    """A workbook per rep and week of the window, in the order of `reps`, then weeks."""
    books: dict[tuple[str, dt.date], RepBook] = {}
    for rep in reps:
        for day in days:
            monday = core.monday_of(day)
            book = books.get((rep, monday))
            if book is None:
                book = books[(rep, monday)] = RepBook(
                    rep, monday, folder / rep_file_name(iso_week(monday), rep),
                    langs.get(rep) or lang)
            book.days.append(day)
    return list(books.values())


# -- what it holds -------------------------------------------------------------------------
@dataclass
class BookState:
    """What reading a rep's workbook found: what planning must respect, and where the
    plan can go."""

    path: Path
    lang: str  # the workbook's language (a new one: the rep's)
    exists: bool = False
    tabs: list[core.TypedTab] = field(default_factory=list)  # usable day tabs of the week
    layouts: dict[str, SheetLayout] = field(default_factory=dict)  # fillable: sheet key ->
    unavailable: list[dt.date] = field(default_factory=list)  # window days it cannot take
    info_sheet: str | None = None
    info_cells: dict[str, str] = field(default_factory=dict)
    info_typed: set[str] = field(default_factory=set)  # info fields that hold a value
    kept: list[Problem] = field(default_factory=list)  # typed rows left alone (info)
    problems: list[Problem] = field(default_factory=list)


def read_book(book: RepBook) -> BookState:
    """What `book` already holds. One open in Excel, read-only, unreadable, of another
    template or for another week is left alone: its days are closed, with a problem."""
    state = BookState(book.path, book.lang, exists=book.path.exists())
    try:
        check_writable(book.path)
    except OutputLockedError as e:
        return _closed(state, book, problem(Severity.ERROR, "plan.locked", book.path.name,
                                            detail=e.message))
    if not state.exists:
        return state
    data = _read(book.path)
    state.problems.extend(data.problems)
    if not data.readable or data.spec is None or data.spec.key != REP_WEEKLY.key or \
            any(p.severity == Severity.ERROR and not p.sheet for p in data.problems):
        return _closed(state, book, problem(Severity.ERROR, "plan.workbook_unusable",
                                            book.path.name))
    state.lang = data.lang or book.lang
    found = data.fields("info").get("week_start")
    info = data.sheets.get("info")
    if found is not None and found != book.monday:
        return _closed(state, book, problem(
            Severity.ERROR, "plan.week_mismatch", book.path.name, info.name if info else "",
            info.field_cells.get("week_start", "") if info else "", found=found,
            expected=book.monday))
    if info is not None:
        state.info_sheet, state.info_cells = info.name, dict(info.field_cells)
        state.info_typed = {k for k, v in info.fields.items() if v is not None}
    for weekday, sheet in PLAN_SHEETS.items():
        _take_tab(state, book, data, sheet, book.monday + dt.timedelta(weekday))
    return state


def _read(path: Path) -> WorkbookData:
    """The info sheet and the day tabs (the reports are not needed)."""
    keys = {"info", *(s.key for s in PLAN_SHEETS.values())}
    try:
        return read_workbook(path, REP_WEEKLY, sheets=keys)
    except Exception as e:  # one unreadable workbook is a problem, not the end of the plan
        data = WorkbookData(path=path, spec=None, readable=False)
        data.problems.append(problem(Severity.ERROR, "file.unreadable", path.name,
                                     detail=f"{type(e).__name__}: {e}"))
        return data


def _closed(state: BookState, book: RepBook, why: Problem) -> BookState:
    state.problems.append(why)
    state.unavailable = list(book.days)
    return state


def _take_tab(state: BookState, book: RepBook, data: WorkbookData, sheet: Sheet,
              day: dt.date) -> None:
    """One day tab: who is on it; for a day of the window, also where to fill. The values
    are taken as read, without a DataFrame per tab (a folder holds hundreds of tabs)."""
    sd = data.sheets.get(sheet.key)
    raw = sd.raw.get("contacts") if sd is not None else None
    if sd is None or raw is None or "customer" not in sd.column_letters.get("contacts", {}):
        if day in book.days:
            state.problems.append(problem(
                Severity.ERROR, "plan.sheet_unusable", book.path.name,
                sd.name if sd else sheet.label(state.lang), sheet=sd.name if sd else sheet))
            state.unavailable.append(day)
        return

    def column(key: str) -> list:
        return raw.columns.get(key) or [None] * len(raw.rows)

    state.tabs.append(core.TypedTab(book.rep, day, column("customer_id"), column("customer"),
                                    column("kind"), column("planned_time"),
                                    planning=day in book.days))
    if day in book.days:
        state.layouts[sheet.key] = SheetLayout(sd.name, sd.column_letters["contacts"])
        if raw.rows:
            letters = sorted(sd.column_letters["contacts"].values(), key=col_number)
            state.kept.append(problem(
                Severity.INFO, "plan.rows_kept", book.path.name, sd.name,
                f"{letters[0]}{min(raw.rows)}:{letters[-1]}{max(raw.rows)}",
                rows=row_ranges(raw.rows)))


def row_ranges(rows: list[int]) -> str:
    """[7, 8, 9, 12] -> '7-9, 12'."""
    spans: list[list[int]] = []
    for r in sorted(rows):
        if spans and r == spans[-1][1] + 1:
            spans[-1][1] = r
        else:
            spans.append([r, r])
    return ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in spans)


# -- the notes column ----------------------------------------------------------------------
def _short(d: Any, year: int) -> str:
    if d is None or d is pd.NaT or (isinstance(d, float) and math.isnan(d)):
        return ""
    d = d.date() if isinstance(d, pd.Timestamp) else d
    return d.strftime("%m-%d") if d.year == year else d.isoformat()


def notes_for(rec: dict, lang: str, year: int) -> str:
    """Why this contact is planned, in `lang` (the workbook's): the notes column."""
    reasons = tuple(rec.get("reasons") or ())
    covers = core.R_VISIT_COVERS_CALL in reasons
    parts = []
    for code in reasons:
        if code in (core.R_COLLECTION_OVERDUE, core.R_COLLECTION_SOON):
            amount = rec.get("receivable_amount")
            parts.append(say(f"reason.{code}", lang, amount=f"{amount:,.0f}" if amount else "",
                             date=_short(rec.get("receivable_due_date"), year)))
        elif code in (core.R_CALL_OVERDUE, core.R_CALL_DUE):
            if not covers:
                parts.append(say(f"reason.{code}", lang, date=_short(rec.get("call_due"), year)))
        elif code in (core.R_VISIT_OVERDUE, core.R_VISIT_DUE):
            parts.append(say(f"reason.{code}", lang, date=_short(rec.get("visit_due"), year)))
        elif code == core.R_VISIT_COVERS_CALL:
            parts.append(say(f"reason.{code}", lang, date=_short(rec.get("call_due"), year)))
        else:
            parts.append(say(f"reason.{code}", lang))
    days = rec.get("overdue_days") or 0
    if days and days > 0:
        parts.append(say("reason.overdue", lang, days=int(days)))
    return say("reason.joiner", lang).join(parts)


def plan_row(rec: dict, lang: str, year: int) -> dict:
    """A planned contact as a row of a day tab, its notes in `lang`."""
    due = rec["due_date"]
    return {"planned_time": rec["planned_time"], "customer_id": rec["customer_id"],
            "customer": rec["customer"], "area": rec["area"], "kind": rec["kind"],
            "purpose": rec["purpose"], "tier": rec["tier"],
            "due_date": due.date() if isinstance(due, pd.Timestamp) else due,
            "contact": rec.get("contact"), "phone": rec.get("phone"),
            "notes": notes_for(rec, lang, year)}


# -- what to write -------------------------------------------------------------------------
@dataclass
class NewBook:
    """A rep's workbook that does not exist yet: made from the template, already filled."""

    path: Path
    lang: str
    content: dict
    positions: dict[str, list[int]]  # sheet key -> the planned contacts' positions

    def write(self) -> dict[str, int]:
        write_workbook(REP_WEEKLY, self.lang, self.path, self.content)
        return {}


@dataclass
class FillBook:
    """A rep's workbook that exists: the plan goes into empty rows, blank info is filled."""

    path: Path
    lang: str
    layouts: dict[str, SheetLayout]
    rows: dict[str, list[dict]]
    positions: dict[str, list[int]]
    info_sheet: str | None = None
    info_cells: dict[str, str] = field(default_factory=dict)
    info_values: dict[str, Any] = field(default_factory=dict)

    def write(self) -> dict[str, int]:
        """Contacts that found no empty row, per sheet key."""
        out = fill_plan_workbook(self.path, self.lang, self.layouts, self.rows,
                                 self.info_sheet, self.info_cells, self.info_values)
        return {key: len(left) for key, left in out.leftover.items()}


def book_job(book: RepBook, state: BookState, planned: dict[int, list[int]],
             records: list[dict], info: dict[str, Any], year: int
             ) -> NewBook | FillBook | None:
    """What to write into `book`: `planned` holds, per weekday, the positions in `records`
    of its contacts. None when it cannot be written or nothing is to be added."""
    positions = {PLAN_SHEETS[wd].key: idx for wd, idx in planned.items()}
    rows = {key: [plan_row(records[i], state.lang, year) for i in idx]
            for key, idx in positions.items()}
    if not state.exists:
        if state.unavailable:
            return None
        content: dict[str, dict] = {"info": {"fields": info}}
        content.update({key: {"tables": {"contacts": r}} for key, r in rows.items()})
        return NewBook(book.path, state.lang, content, positions)
    blank_info = {k: v for k, v in info.items()
                  if state.info_sheet is not None and k not in state.info_typed}
    if not state.layouts or (not rows and not blank_info):
        return None
    return FillBook(book.path, state.lang, dict(state.layouts), rows, positions,
                    state.info_sheet, state.info_cells, blank_info)


# -- writing -------------------------------------------------------------------------------
@dataclass
class Written:
    """How writing one workbook went."""

    path: Path
    error: Message | None = None  # why nothing was written
    locked: bool = False  # open in Excel or read-only
    leftover: dict[str, int] = field(default_factory=dict)  # sheet key -> no empty row

    @property
    def ok(self) -> bool:
        return self.error is None


def write_job(job: Any) -> Written:
    """`job.write()`, its failure a result: one unwritable file never stops the batch, and
    the old file is left as it was (every write is atomic)."""
    try:
        return Written(job.path, leftover=job.write())
    except OutputLockedError as e:
        return Written(job.path, e.message, locked=True)
    except OutputError as e:
        return Written(job.path, e.message)
    except OSError as e:  # reading the workbook to fill it
        return Written(job.path, output_error(job.path, e).message)
    except Exception as e:  # an unexpected failure is this file's problem only
        return Written(job.path, msg("plan.write_error", detail=f"{type(e).__name__}: {e}"))
