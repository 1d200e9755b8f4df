"""Job: plan every rep's visits and calls for a week (or a date range) from the customer
master, fill each rep's weekly workbook, and write the team overview.

The rep only adjusts the plan: cadence by tier, receivables, complaints and prospects are
worked out here, within the daily capacity of the settings sheet. A workbook the rep has
already typed in is filled only in empty rows; one that does not exist is made from the
template, already filled. The customer master is only read.
"""

from __future__ import annotations

import datetime as dt
import math
import multiprocessing
import os
import re
import sys
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..catalogue import msg, say
from ..core import planning as core
from ..core.periods import iso_week as week_label
from ..core.periods import parse_iso_week
from ..errors import InputError, OutputLockedError
from ..io.plan_fill import SheetLayout, fill_plan_workbook
from ..io.reader import ROW_KEY, WorkbookData, read_workbook
from ..io.templates import write_workbook
from ..io.writer import check_writable
from ..problems import Problem, Severity, has_errors
from ..schema import workbook
from ..schema.plan_overview import PLAN_OVERVIEW

CUSTOMERS = workbook("customers")
REP_WEEKLY = workbook("rep_weekly")
PLAN_SHEETS = {s.day: s for s in REP_WEEKLY.sheets_of_kind("plan")}  # weekday -> day tab
PLAN_ROWS = next(iter(PLAN_SHEETS.values())).table("contacts").rows
PARALLEL_FROM = 6  # workbooks; fewer are written in this process
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')

@dataclass
class PlanResult:
    """What `run_plan` did: the plan, what was carried over, the files and the problems."""

    start: dt.date
    end: dt.date
    days: list[dt.date]
    contacts: pd.DataFrame
    carried_over: pd.DataFrame
    coverage: pd.DataFrame  # per tier: customers, from_rules, due, scheduled, coverage
    already_planned: pd.DataFrame = field(default_factory=pd.DataFrame)  # due, already typed
    files: list[Path] = field(default_factory=list)
    overview: Path | None = None
    skipped: list[Problem] = field(default_factory=list)  # cells left as typed, and why
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)

    def as_json(self) -> dict:
        """The `--json` shape: contacts and carried-over with ISO dates, plus the rest."""
        def iso(v: Any) -> str | None:
            if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT:
                return None
            if isinstance(v, pd.Timestamp):
                return v.date().isoformat()
            if isinstance(v, dt.time):
                return v.strftime("%H:%M")
            return v.isoformat() if hasattr(v, "isoformat") else str(v)

        contacts = [{"rep": r["rep"], "date": iso(r["date"]), "time": iso(r["planned_time"]),
                     "customer_id": r["customer_id"], "customer": r["customer"],
                     "kind": r["kind"], "purpose": r["purpose"], "due_date": iso(r["due_date"]),
                     "tier": r["tier"]} for r in self.contacts.to_dict("records")]
        carried = [{"rep": r["rep"], "customer_id": r["customer_id"], "customer": r["customer"],
                    "kind": r["kind"], "purpose": r["purpose"], "due_date": iso(r["due_date"]),
                    "tier": r["tier"], "reason": r["reason"]}
                   for r in self.carried_over.to_dict("records")]
        already = [{"rep": r["rep"], "date": iso(r["date"]), "customer_id": r["customer_id"],
                    "customer": r["customer"], "tier": r["tier"]}
                   for r in self.already_planned.to_dict("records")]
        return {
            "start": self.start.isoformat(), "end": self.end.isoformat(),
            "days": [d.isoformat() for d in self.days],
            "contacts": contacts, "carried_over": carried, "already_planned": already,
            "coverage": [{k: (None if isinstance(v, float) and math.isnan(v) else v)
                          for k, v in rec.items()}
                         for rec in self.coverage.to_dict("records")],
            "files": [str(p) for p in self.files],
            "overview": str(self.overview) if self.overview else None,
            "skipped": [p.as_dict() for p in self.skipped],
            "problems": [p.as_dict() for p in self.problems],
        }


# -- the window -------------------------------------------------------------------------
def resolve_window(week: str | None, start: dt.date | None, days: int | None,
                   today: dt.date) -> tuple[dt.date, int]:
    """(first day, calendar days): a week, a start and length, or next week by default."""
    if week and start:
        raise InputError("plan.week_and_start")
    if days is not None and days < 1:
        raise InputError("plan.bad_days", days=days)
    if week:
        if days is not None:
            raise InputError("plan.days_with_week")
        return parse_iso_week(week), 7
    if start:
        return start, days or 7
    return today + dt.timedelta(days=7 - today.weekday()), 7


def period_label(start: dt.date, n_days: int) -> str:
    if start.weekday() == 0 and n_days == 7:
        return week_label(start)
    return f"{start.isoformat()}_{(start + dt.timedelta(n_days - 1)).isoformat()}"


def rep_file_name(label: str, rep: str) -> str:
    """`2026-W49_张伟.xlsx`: the name `salesbook demo` uses, safe on every file system."""
    safe = _UNSAFE.sub("_", str(rep)).strip().rstrip(".") or "_"
    return f"{label}_{safe}.xlsx"


# -- reading the customer master ---------------------------------------------------------
def _customer_problems(df: pd.DataFrame, data: WorkbookData, lang: str
                       ) -> tuple[pd.DataFrame, list[Problem]]:
    """Keep the rows that can be planned; say why the others cannot."""
    problems: list[Problem] = []
    sd = data.sheets.get("customers")
    letters = sd.column_letters.get("customers", {}) if sd else {}
    sheet_name = sd.name if sd else ""
    file = data.path.name

    def where(key: str, row: int) -> str:
        return f"{letters.get(key, '')}{row}" if letters.get(key) else f"{row}"

    rep = df["rep"].astype("object")
    no_rep = rep.isna() | rep.astype(str).str.strip().eq("")
    for r in df.loc[no_rep, ROW_KEY]:
        problems.append(Problem(Severity.WARNING, file, sheet_name, where("rep", r),
                                msg("plan.no_rep")))
    df = df.loc[~no_rep].copy()
    df["rep"] = df["rep"].astype(str).str.strip()
    no_id = df["customer_id"].isna()
    for r in df.loc[no_id, ROW_KEY]:
        problems.append(Problem(Severity.WARNING, file, sheet_name, where("customer_id", r),
                                msg("plan.no_id")))
    keys = [core.customer_key(i, n) for i, n in zip(df["customer_id"], df["customer"],
                                                     strict=True)]
    df["_key"] = keys
    dup = df["_key"].duplicated(keep="first")
    if dup.any():
        first_row = df.drop_duplicates("_key").set_index("_key")[ROW_KEY]
        for key, r in zip(df.loc[dup, "_key"], df.loc[dup, ROW_KEY], strict=True):
            problems.append(Problem(Severity.WARNING, file, sheet_name, where("customer_id", r),
                                    msg("plan.dup_id", customer=key.split(":", 1)[1],
                                        row=int(first_row[key]))))
        df = df.loc[~dup]
    return df, problems  # a master longer than the reader's bound is the reader's error


def _settings(data: WorkbookData, lang: str) -> tuple[core.PlanSettings, list[Problem]]:
    fields = data.fields("settings")
    settings, issues = core.settings_from(fields, data.table("settings", "tier_rules"),
                                          data.table("settings", "cadence"),
                                          rows_per_day=PLAN_ROWS)
    sd = data.sheets.get("settings")
    sheet = CUSTOMERS.sheet("settings")
    problems = []
    for issue in issues:
        if issue.where == "cadence":
            table = sheet.table("cadence")
            letters = sd.column_letters.get("cadence", {}) if sd else {}
            cell = f"{letters.get(issue.column, '')}{issue.row}" if issue.row else \
                f"A{table.header_row}"
            label = table.column(issue.column).label(lang) if issue.column else ""
        else:
            cell = sd.field_cells.get(issue.where, "") if sd else ""
            label = sheet.field(issue.where).label(lang)
        problems.append(Problem(Severity.WARNING, data.path.name, sd.name if sd else "",
                                cell, msg(f"plan.{issue.code}", label=label, **issue.params)))
    return settings, problems


# -- existing rep workbooks ---------------------------------------------------------------
@dataclass
class _Book:
    """One rep's workbook for one week: where it goes and what it already holds."""

    rep: str
    monday: dt.date
    path: Path
    lang: str
    days: list[dt.date]
    data: WorkbookData | None = None  # None: the workbook does not exist yet
    usable_days: set[dt.date] = field(default_factory=set)


def _book_locked(book: _Book, problems: list[Problem], unavailable: set) -> bool:
    """An existing workbook open in Excel (or read-only) is left alone, its days closed."""
    try:
        check_writable(book.path)
    except OutputLockedError as e:
        problems.append(Problem(Severity.ERROR, book.path.name, "", "",
                                msg("plan.locked", detail=e.message)))
        unavailable.update((book.rep, d) for d in book.days)
        return True
    return False


def _read_book(path: Path) -> WorkbookData:
    """The info sheet and the day tabs of an existing rep workbook (reports are not needed)."""
    keys = {"info", *(s.key for s in PLAN_SHEETS.values())}
    try:
        return read_workbook(path, REP_WEEKLY, sheets=keys)
    except Exception as e:  # one unreadable workbook is a problem, not the end of the plan
        data = WorkbookData(path=path, spec=None, readable=False)
        data.problems.append(Problem(Severity.ERROR, path.name, "", "",
                                     f"{type(e).__name__}: {e}"))
        return data


def _absorb(book: _Book, data: WorkbookData, settings: core.PlanSettings,
            problems: list[Problem], existing: dict, already: dict, unavailable: set) -> None:
    """Take in what the rep's workbook already holds, or mark its days unavailable."""
    path = book.path
    book.data = data
    book.lang = data.lang or book.lang
    problems.extend(data.problems)
    if not data.readable or data.spec is None or data.spec.key != REP_WEEKLY.key or \
            any(p.severity == Severity.ERROR and p.sheet == "" for p in data.problems):
        problems.append(Problem(Severity.ERROR, path.name, "", "",
                                msg("plan.workbook_unusable")))
        unavailable.update((book.rep, d) for d in book.days)
        book.data = None
        book.usable_days.clear()
        return
    found = data.fields("info").get("week_start")
    if found is not None and found != book.monday:
        sd = data.sheets.get("info")
        problems.append(Problem(Severity.ERROR, path.name, sd.name if sd else "",
                                sd.field_cells.get("week_start", "") if sd else "",
                                msg("plan.week_mismatch", found=found.isoformat(),
                                    expected=book.monday.isoformat())))
        unavailable.update((book.rep, d) for d in book.days)
        return
    have = already.setdefault(book.rep, {})
    for weekday, sheet in PLAN_SHEETS.items():
        day = book.monday + dt.timedelta(weekday)
        sd = data.sheets.get(sheet.key)
        df = data.table(sheet.key, "contacts")
        if sd is None or df is None or "customer" not in sd.column_letters.get("contacts", {}):
            if day in book.days:
                name = sd.name if sd else sheet.label(book.lang)
                problems.append(Problem(Severity.ERROR, path.name, name, "",
                                        msg("plan.sheet_unusable", sheet=name)))
                unavailable.add((book.rep, day))
            continue
        for cid, name in zip(df["customer_id"], df["customer"], strict=True):
            if cid is not None or name is not None:
                for key in core.customer_keys(cid, name):
                    have.setdefault(key, day)
        if day not in book.days:
            continue
        book.usable_days.add(day)
        kinds = df["kind"].astype("object")
        state = core.DayState(visits=int(kinds.eq("visit").sum()),
                              calls=int(kinds.eq("call").sum()), rows_used=len(df))
        for kind, t in zip(kinds, df["planned_time"], strict=True):
            if isinstance(t, dt.time):
                m = t.hour * 60 + t.minute
                length = settings.call_minutes if kind == "call" else \
                    settings.visit_minutes + settings.travel_minutes
                state.busy.append((m, m + length))
        existing[(book.rep, day)] = state


# -- notes --------------------------------------------------------------------------------
def _short(d: Any, year: int) -> str:
    if d is None or d is pd.NaT or (isinstance(d, float) and math.isnan(d)):
        return ""
    d = d.date() if isinstance(d, pd.Timestamp) else d
    return d.strftime("%m-%d") if d.year == year else d.isoformat()


def notes_for(rec: dict, lang: str, year: int) -> str:
    """Why this contact is planned, in the rep's language (the notes column)."""
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
    return ("；" if lang == "zh" else "; ").join(parts)


def _plan_row(rec: dict, lang: str, year: int) -> dict:
    def date(v: Any) -> Any:
        return v.date() if isinstance(v, pd.Timestamp) else v

    return {"planned_time": rec["planned_time"], "customer_id": rec["customer_id"],
            "customer": rec["customer"], "area": rec["area"], "kind": rec["kind"],
            "purpose": rec["purpose"], "tier": rec["tier"], "due_date": date(rec["due_date"]),
            "contact": rec.get("contact"), "phone": rec.get("phone"),
            "notes": notes_for(rec, lang, year)}


# -- writing ------------------------------------------------------------------------------
@dataclass
class _Job:
    kind: str  # "new" | "fill" | "overview"
    path: Path
    lang: str
    content: dict | None = None  # new, overview
    layouts: dict[str, SheetLayout] | None = None  # fill
    rows: dict[str, list[dict]] | None = None  # fill
    info_sheet: str | None = None
    info_cells: dict[str, str] | None = None
    info_values: dict[str, Any] | None = None
    rep: str = ""
    monday: dt.date | None = None


@dataclass
class _JobResult:
    path: Path
    ok: bool
    error: object = ""  # a message, or the text of an unexpected error
    locked: bool = False
    occupied: dict[str, list[int]] = field(default_factory=dict)
    leftover: dict[str, list[dict]] = field(default_factory=dict)


def _run_job(job: _Job) -> _JobResult:
    """Write one workbook; a failure is a result, so one bad file never stops the batch."""
    try:
        if job.kind == "fill":
            out = fill_plan_workbook(job.path, job.lang, job.layouts or {}, job.rows or {},
                                     job.info_sheet, job.info_cells, job.info_values)
            return _JobResult(job.path, True, occupied=out.occupied, leftover=out.leftover)
        spec = PLAN_OVERVIEW if job.kind == "overview" else REP_WEEKLY
        write_workbook(spec, job.lang, job.path, job.content)
        return _JobResult(job.path, True)
    except OutputLockedError as e:
        return _JobResult(job.path, False, e.message, locked=True)
    except Exception as e:  # one unwritable file is a problem, not the end of the batch
        return _JobResult(job.path, False, f"{type(e).__name__}: {e}")


class _Workers:
    """Workbooks are independent, so on a multi-core Linux machine they are read and written
    by a few forked processes (which start with everything already imported); a handful of
    files, or another platform, stays in this process."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self.size = min(os.cpu_count() or 1, 4)

    def map(self, fn: Any, items: list) -> list:
        if len(items) < PARALLEL_FROM or self.size < 2 or not sys.platform.startswith("linux"):
            return [fn(i) for i in items]
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.size,
                                             mp_context=multiprocessing.get_context("fork"))
        return list(self._pool.map(fn, items))

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown()


def _row_ranges(rows: list[int]) -> str:
    out, start, prev = [], None, None
    for r in sorted(rows):
        if start is None:
            start = prev = r
        elif r == prev + 1:
            prev = r
        else:
            out.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = prev = r
    if start is not None:
        out.append(f"{start}" if start == prev else f"{start}-{prev}")
    return ", ".join(out)


# -- the job ------------------------------------------------------------------------------
def run_plan(customers_path: str | Path, *, week: str | None = None,
             start: dt.date | None = None, days: int | None = None,
             out_dir: str | Path, today: dt.date | None = None, lang: str | None = None,
             rep_langs: dict[str, str] | None = None) -> PlanResult:
    """Plan `week` ('2026-W49') or `days` calendar days from `start` (default: next week)
    for every rep in the customer master; write the reps' workbooks and the overview to
    `out_dir`. `today` (default: the real date) is when "due now" is; `lang` is the
    language of new workbooks (default: the master's), `rep_langs` per rep."""
    today = today or dt.date.today()
    first, n_days = resolve_window(week, start, days, today)
    out = Path(out_dir)
    path = Path(customers_path)
    if not path.exists():
        raise InputError("file.no_such_path", path=path)
    try:
        data = read_workbook(path, CUSTOMERS)
    except Exception as e:  # bad content is a problem; this is the reader failing itself
        raise InputError("plan.cannot_plan", path=path, detail=f"{type(e).__name__}: {e}") from e
    if not data.readable or data.spec is None or data.spec.key != CUSTOMERS.key or \
            any(p.severity == Severity.ERROR and not p.sheet for p in data.problems):
        detail = [p.message for p in data.problems if not p.sheet] or msg("plan.not_master")
        raise InputError("plan.cannot_plan", path=path, detail=detail)
    master_lang = data.lang or "zh"
    view_lang = lang or master_lang
    problems: list[Problem] = list(data.problems)
    settings, setting_problems = _settings(data, master_lang)
    problems += setting_problems
    customers = data.table("customers", "customers")
    if customers is None or not len(customers):
        problems.append(Problem(Severity.ERROR, path.name, "", "",
                                msg("plan.no_customers")))
        customers = core_empty_customers()
    customers, row_problems = _customer_problems(customers, data, master_lang)
    problems += row_problems
    out.mkdir(parents=True, exist_ok=True)

    window_end = first + dt.timedelta(n_days - 1)
    work_days = core.working_days(first, n_days, settings.working_days)
    tiered = core.assign_tiers(customers, settings.tier_rules)
    needs = core.contact_needs(tiered, settings, first, window_end, today)
    reps = list(dict.fromkeys(tiered["rep"]))
    region_of = tiered.groupby("rep")["region"].agg(_mode).to_dict()
    area_of = tiered.groupby("rep")["area"].agg(_mode).to_dict()
    label = period_label(first, n_days)

    # each rep's workbook per week of the window
    books: dict[tuple[str, dt.date], _Book] = {}
    for rep in reps:
        rep_lang = (rep_langs or {}).get(rep) or view_lang
        for d in work_days:
            monday = d - dt.timedelta(d.weekday())
            book = books.get((rep, monday))
            if book is None:
                book = books[(rep, monday)] = _Book(
                    rep, monday, out / rep_file_name(week_label(monday), rep), rep_lang, [])
            book.days.append(d)

    with _Workers() as workers:
        # what the existing ones already hold
        existing: dict[tuple[str, dt.date], core.DayState] = {}
        already: dict[str, dict[str, dt.date]] = {}
        unavailable: set[tuple[str, dt.date]] = set()
        present = [b for b in books.values()
                   if not _book_locked(b, problems, unavailable) and b.path.exists()]
        for book, book_data in zip(present, workers.map(_read_book, [b.path for b in present]),
                                   strict=True):
            _absorb(book, book_data, settings, problems, existing, already, unavailable)
        sched = core.schedule(needs, work_days, settings, existing, already, unavailable, reps)

        jobs, index_of, skipped = _jobs(books, sched, region_of, area_of, unavailable,
                                        first.year)
        contacts, carried = sched.contacts, sched.carried_over
        result = PlanResult(first, window_end, work_days, contacts, carried,
                            pd.DataFrame(), sched.already_planned, skipped=skipped,
                            problems=problems)
        overview_path = out / f"{label}_{PLAN_OVERVIEW.filename(view_lang)}"
        early = not any(j.kind == "fill" for j in jobs)
        if early:  # nothing can move back to carried over: the overview is final already
            result.coverage = _tier_coverage(tiered, needs, contacts, sched.already_planned,
                                             carried)
            jobs.insert(0, _overview_job(result, overview_path, label, path, reps, region_of,
                                         books, view_lang, len(tiered), needs,
                                         sched.contact_records))
        n_problems = len(problems)
        results = workers.map(_run_job, jobs)
        files: list[Path] = []
        moved: dict[int, str] = {}  # contact index -> why it went back to carried over
        for job, res in zip(jobs, results, strict=True):
            if job.kind == "overview":
                _overview_done(result, job, res)
                continue
            key = (job.rep, job.monday)
            if res.ok:
                files.append(res.path)
                for sheet_key, left in res.leftover.items():
                    for i in index_of[key].get(sheet_key, [])[-len(left):]:
                        moved[i] = core.CARRY_NO_ROWS
                    layout = (job.layouts or {}).get(sheet_key)
                    skipped.append(Problem(Severity.WARNING, res.path.name,
                                           layout.name if layout else sheet_key, "",
                                           msg("plan.no_room", n=len(left))))
                continue
            for ids in index_of[key].values():
                for i in ids:
                    moved[i] = core.CARRY_UNAVAILABLE
            code = "locked" if res.locked else "write_failed"
            problems.append(Problem(Severity.ERROR, res.path.name, "", "",
                                    msg(f"plan.{code}", detail=res.error)))
        records = sched.contact_records
        if moved:
            idx = sorted(moved)
            back = contacts.loc[idx].drop(columns=["date", "planned_time"]).copy()
            back["reason"] = [moved[i] for i in idx]
            carried = pd.concat([carried, back[core.CARRIED_COLUMNS]], ignore_index=True)
            contacts = contacts.drop(index=idx).reset_index(drop=True)
            records = [r for i, r in enumerate(records) if i not in moved]
        result.contacts, result.carried_over, result.files = contacts, carried, files
        if not early or moved or len(problems) > n_problems:  # the early one is out of date
            result.coverage = _tier_coverage(tiered, needs, contacts, sched.already_planned,
                                             carried)
            job = _overview_job(result, overview_path, label, path, reps, region_of, books,
                                view_lang, len(tiered), needs, records)
            _overview_done(result, job, _run_job(job))
    return result


def _jobs(books: dict[tuple[str, dt.date], _Book], sched: core.Schedule, region_of: dict,
          area_of: dict, unavailable: set, year: int
          ) -> tuple[list[_Job], dict, list[Problem]]:
    """One job per workbook: a new one made from the template, or an existing one filled."""
    by_book: dict[tuple[str, dt.date], dict[str, list[dict]]] = defaultdict(dict)
    index_of: dict[tuple[str, dt.date], dict[str, list[int]]] = defaultdict(dict)
    for idx, rec in enumerate(sched.contact_records):
        d = rec["date"]
        key = (rec["rep"], d - dt.timedelta(d.weekday()))
        sheet_key = PLAN_SHEETS[d.weekday()].key
        by_book[key].setdefault(sheet_key, []).append(_plan_row(rec, books[key].lang, year))
        index_of[key].setdefault(sheet_key, []).append(idx)
    already_count: Counter = Counter()
    for rep, d in zip(sched.already_planned["rep"], sched.already_planned["date"], strict=True):
        already_count[(rep, d - dt.timedelta(d.weekday()))] += 1
    jobs: list[_Job] = []
    skipped: list[Problem] = []
    for key, book in books.items():
        info = {"rep": book.rep, "region": region_of.get(book.rep),
                "area": area_of.get(book.rep), "week_start": book.monday}
        rows = by_book.get(key, {})
        if book.data is None:
            if not book.path.exists() and \
                    not any((book.rep, d) in unavailable for d in book.days):
                content: dict[str, dict] = {"info": {"fields": info}}
                for sheet_key, recs in rows.items():
                    content[sheet_key] = {"tables": {"contacts": recs}}
                jobs.append(_Job("new", book.path, book.lang, content=content, rep=book.rep,
                                 monday=book.monday))
            continue
        if not book.usable_days:
            continue
        data = book.data
        _report_kept(book, skipped)
        if already_count.get(key):
            skipped.append(Problem(Severity.INFO, book.path.name, "", "",
                                   msg("plan.already_planned", n=already_count[key])))
        info_sd = data.sheets.get("info")
        typed = data.fields("info")
        blank_info = {k: v for k, v in info.items()
                      if info_sd is not None and typed.get(k) is None}
        if not rows and not blank_info:
            continue
        layouts = {}
        for d in book.usable_days:
            sd = data.sheets[PLAN_SHEETS[d.weekday()].key]
            layouts[sd.key] = SheetLayout(sd.name, sd.column_letters["contacts"])
        jobs.append(_Job("fill", book.path, book.lang, layouts=layouts, rows=rows,
                         info_sheet=info_sd.name if info_sd else None,
                         info_cells=dict(info_sd.field_cells) if info_sd else None,
                         info_values=blank_info, rep=book.rep, monday=book.monday))
    return jobs, index_of, skipped


def core_empty_customers() -> pd.DataFrame:
    from ..io.reader import empty_frame

    return empty_frame(CUSTOMERS.sheet("customers").table("customers"))


def _mode(s: pd.Series) -> Any:
    s = s.dropna()
    return Counter(s).most_common(1)[0][0] if len(s) else None


def _report_kept(book: _Book, skipped: list[Problem]) -> None:
    """Say which typed rows were left alone, per day tab."""
    data = book.data
    for d in sorted(book.usable_days):
        sheet = PLAN_SHEETS[d.weekday()]
        sd = data.sheets.get(sheet.key)
        df = data.table(sheet.key, "contacts")
        if sd is None or df is None or not len(df):
            continue
        letters = sorted(sd.column_letters["contacts"].values(), key=lambda x: (len(x), x))
        rows = [int(r) for r in df[ROW_KEY]]
        cells = f"{letters[0]}{min(rows)}:{letters[-1]}{max(rows)}"
        skipped.append(Problem(Severity.INFO, book.path.name, sd.name, cells,
                               msg("plan.rows_kept", rows=_row_ranges(rows))))


def _tier_coverage(tiered: pd.DataFrame, needs: pd.DataFrame, contacts: pd.DataFrame,
                   already: pd.DataFrame, carried: pd.DataFrame) -> pd.DataFrame:
    """Per tier: customers, tiers from rules, due, scheduled, coverage, carried over."""
    rows = []
    for tier in core.TIER_ORDER:
        in_tier = tiered["tier_used"].eq(tier)
        due = int(needs["tier"].eq(tier).sum()) if len(needs) else 0
        sched = int(contacts["tier"].eq(tier).sum() if len(contacts) else 0) + \
            int(already["tier"].eq(tier).sum() if len(already) else 0)
        rows.append({"tier": tier, "customers": int(in_tier.sum()),
                     "from_rules": int((in_tier & tiered["tier_source"].ne("given")).sum()),
                     "due": due, "scheduled": sched,
                     "coverage": sched / due if due else float("nan"),
                     "carried_over": int(carried["tier"].eq(tier).sum()) if len(carried)
                     else 0})
    return pd.DataFrame(rows)


def _rep_coverage(needs: pd.DataFrame, contacts: pd.DataFrame, already: pd.DataFrame,
                  carried: pd.DataFrame) -> dict[str, dict]:
    out: dict[str, dict] = defaultdict(lambda: {"visits": 0, "calls": 0, "due": 0,
                                                "scheduled": 0, "carried_over": 0})
    for rep, n in (needs.groupby("rep").size().items() if len(needs) else ()):
        out[rep]["due"] = int(n)
    if len(contacts):
        for (rep, kind), n in contacts.groupby(["rep", "kind"]).size().items():
            out[rep]["visits" if kind == "visit" else "calls"] += int(n)
            out[rep]["scheduled"] += int(n)
    for rep, n in (already.groupby("rep").size().items() if len(already) else ()):
        out[rep]["scheduled"] += int(n)
    for rep, n in (carried.groupby("rep").size().items() if len(carried) else ()):
        out[rep]["carried_over"] = int(n)
    return out


def _overview_job(result: PlanResult, path: Path, label: str, source: Path, reps: list[str],
                  region_of: dict, books: dict, lang: str, n_customers: int,
                  needs: pd.DataFrame, contact_records: list[dict]) -> _Job:
    """The team overview: coverage per tier and rep, every plan, carry-over, problems."""
    year = result.start.year
    files_of: dict[str, list[str]] = defaultdict(list)
    for (rep, _monday), book in books.items():
        files_of[rep].append(book.path.name)
    keys = ("rep", "date", "planned_time", "customer_id", "customer", "area", "kind",
            "purpose", "tier", "tier_source", "due_date")
    contacts = [{**{k: rec[k] for k in keys}, "notes": notes_for(rec, lang, year)}
                for rec in contact_records]
    carried = [{**rec, "notes": notes_for(rec, lang, year)}
               for rec in core.records(result.carried_over)]
    rep_cov = _rep_coverage(needs, result.contacts, result.already_planned,
                            result.carried_over)
    rep_rows = []
    for rep in reps:
        c = rep_cov[rep]
        rep_rows.append({"rep": rep, "region": region_of.get(rep), **c,
                         "coverage": c["scheduled"] / c["due"] if c["due"] else None,
                         "file": ", ".join(files_of.get(rep, []))})
    tiers = [{k: (None if isinstance(v, float) and math.isnan(v) else v)
              for k, v in rec.items()} for rec in core.records(result.coverage)]
    problems = [{"severity": str(p.severity), "file": p.file, "sheet": p.sheet,
                 "cell": p.cell, "message": p.message}
                for p in (*result.problems, *result.skipped)]
    content = {
        "coverage": {"tables": {
            "run": [{"period": label, "start": result.start, "end": result.end,
                     "working_days": len(result.days), "customers": n_customers,
                     "reps": len(reps), "source": source.name}],
            "tiers": tiers, "reps": rep_rows}},
        "contacts": {"tables": {"contacts": contacts}},
        "carried_over": {"tables": {"carried_over": carried}},
        "problems": {"tables": {"problems": problems}},
    }
    return _Job("overview", path, lang, content=content)


def _overview_done(result: PlanResult, job: _Job, res: _JobResult) -> None:
    if res.ok:
        result.overview = job.path
    else:
        result.problems.append(Problem(Severity.ERROR, job.path.name, "", "",
                                       msg("plan.locked" if res.locked else "plan.write_failed",
                                           detail=res.error)))


def _date(v: Any) -> Any:
    return v.date() if isinstance(v, pd.Timestamp) else v


# -- the demo -----------------------------------------------------------------------------
def write_demo(out_dir: str | Path) -> dict[str, Path]:
    """The sample customer master and the plans it yields for the demo week (2026-W49),
    made on the Friday before; for `salesbook demo`."""
    from ..sample.customers import DEMO_TODAY, DEMO_WEEK, demo_records, master_content
    from ..sample.people import REPS

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    master = write_workbook(CUSTOMERS, "zh", out / CUSTOMERS.filename("zh"),
                            master_content(demo_records()))
    plans = out / DEMO_WEEK
    result = run_plan(master, week=DEMO_WEEK, out_dir=plans, today=DEMO_TODAY,
                      rep_langs={rep: lang for rep, _region, lang in REPS})
    found = {"customers": master, "visit plans": plans}
    if result.overview is not None:
        found["plan overview"] = result.overview
    return found


__all__ = ["PlanResult", "notes_for", "rep_file_name", "run_plan",
           "write_demo"]
