"""Job: plan every rep's visits and calls for a week (or a date range) from the customer
master, fill each rep's weekly workbook, and write the team overview.

The rep only adjusts the plan: cadence by tier, receivables, complaints and prospects are
worked out here, within the daily capacity of the settings sheet. A workbook the rep has
already typed in is filled only in empty rows; one that does not exist is made from the
template, already filled. The customer master is only read.

The steps: read the customer master and the reps' workbooks (`addin.io.customer_master`,
`addin.io.plan_books`), plan (`addin.core.planning`), write the reps' workbooks and the
overview (`addin.io.plan_books`, `addin.io.plan_overview`), in parallel when there are many.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..catalogue import set_run_lang
from ..core import planning as core
from ..core.periods import parse_iso_week
from ..errors import InputError
from ..io.customer_master import CustomerMaster, read_customer_master
from ..io.plan_books import (
    BookState,
    FillBook,
    RepBook,
    Written,
    book_job,
    period_label,
    read_book,
    rep_books,
    write_job,
)
from ..io.plan_overview import Overview, Window, overview
from ..io.templates import write_workbook
from ..io.writer import output_error
from ..problems import Problem, Severity, has_errors, problem
from ..schema import workbook
from ..schema.plan_overview import PLAN_OVERVIEW
from ..workers import Pool

CUSTOMERS = workbook("customers")
PARALLEL_FROM = 6  # workbooks; fewer are read and written in this process
MAX_WORKERS = 4


@dataclass
class PlanResult:
    """What `run_plan` did: the plan, what was carried over, the files and the problems."""

    start: dt.date
    end: dt.date
    days: list[dt.date]
    contacts: pd.DataFrame
    carried_over: pd.DataFrame
    coverage: pd.DataFrame  # per tier: see core.planning.tier_coverage
    already_planned: pd.DataFrame = field(default_factory=pd.DataFrame)  # due, already typed
    files: list[Path] = field(default_factory=list)
    overview: Path | None = None
    skipped: list[Problem] = field(default_factory=list)  # cells left as typed, and why
    problems: list[Problem] = field(default_factory=list)
    lang: str = "zh"  # the run's: the overview's and every message's

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)

    def as_json(self) -> dict:
        """The `--json` shape: contacts and carried-over with ISO dates, plus the rest."""
        contacts = [{"rep": r["rep"], "date": _iso(r["date"]), "time": _iso(r["planned_time"]),
                     "customer_id": r["customer_id"], "customer": r["customer"],
                     "kind": r["kind"], "purpose": r["purpose"], "due_date": _iso(r["due_date"]),
                     "tier": r["tier"]} for r in self.contacts.to_dict("records")]
        carried = [{"rep": r["rep"], "customer_id": r["customer_id"], "customer": r["customer"],
                    "kind": r["kind"], "purpose": r["purpose"], "due_date": _iso(r["due_date"]),
                    "tier": r["tier"], "reason": r["reason"]}
                   for r in self.carried_over.to_dict("records")]
        already = [{"rep": r["rep"], "date": _iso(r["date"]), "customer_id": r["customer_id"],
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
            "skipped": [p.as_dict(self.lang) for p in self.skipped],
            "problems": [p.as_dict(self.lang) for p in self.problems],
        }


def _iso(v: Any) -> str | None:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT:
        return None
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    if isinstance(v, dt.time):
        return v.strftime("%H:%M")
    return v.isoformat() if hasattr(v, "isoformat") else str(v)


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


# -- the job ------------------------------------------------------------------------------
def run_plan(customers_path: str | Path, *, week: str | None = None,
             start: dt.date | None = None, days: int | None = None,
             out_dir: str | Path, today: dt.date | None = None, lang: str | None = None,
             rep_langs: dict[str, str] | None = None) -> PlanResult:
    """Plan `week` ('2026-W49') or `days` calendar days from `start` (default: next week)
    for every rep in the customer master; write the reps' workbooks and the overview to
    `out_dir`. `today` (default: the real date) is when "due now" is; `lang` is the run's
    language and that of new workbooks (default: the master's), `rep_langs` per rep."""
    set_run_lang(lang)
    today = today or dt.date.today()
    first, n_days = resolve_window(week, start, days, today)
    # read
    master = read_customer_master(customers_path)
    lang = lang or master.lang
    set_run_lang(lang)
    out = _output_folder(out_dir)
    settings = master.settings
    work_days = core.working_days(first, n_days, settings.working_days)
    tiered = core.assign_tiers(master.customers, settings.tier_rules)
    reps = list(dict.fromkeys(tiered["rep"]))
    books = rep_books(out, reps, work_days, rep_langs or {}, lang)
    states = _read_books(books)
    # compute
    end = first + dt.timedelta(n_days - 1)
    needs = core.contact_needs(tiered, settings, first, end, today)
    booked = core.booked([tab for s in states for tab in s.tabs],
                         [(b.rep, d) for b, s in zip(books, states, strict=True)
                          for d in s.unavailable], settings)
    sched = core.schedule(needs, work_days, settings, booked.existing, booked.already,
                          booked.unavailable, reps)
    # write
    result = PlanResult(first, end, work_days, sched.contacts, sched.carried_over,
                        core.tier_coverage(sched, tiered), sched.already_planned,
                        problems=[*master.problems, *(p for s in states for p in s.problems)],
                        lang=lang)
    jobs, result.skipped = _jobs(books, states, sched, tiered, first.year)
    label = period_label(first, n_days)
    _write(result, sched, jobs, _Overview(master, tiered, books, label,
                                          out / f"{label}_{PLAN_OVERVIEW.filename(lang)}"))
    return result


def _output_folder(out_dir: str | Path) -> Path:
    """The folder of the reps' workbooks, made if need be (one clear error if it cannot)."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise output_error(out, e) from None
    return out


def _workers() -> int:
    return min(os.cpu_count() or 1, MAX_WORKERS)


def _read_books(books: list[RepBook]) -> list[BookState]:
    """What each rep's workbook already holds; those that exist are read in parallel."""
    existing = [b for b in books if b.path.exists()]
    with Pool(read_book, existing, processes=_workers(), parallel_from=PARALLEL_FROM) as pool:
        read = dict(zip(map(id, existing), pool.results(), strict=True))
    return [read[id(b)] if id(b) in read else read_book(b) for b in books]


def _jobs(books: list[RepBook], states: list[BookState], sched: core.Schedule,
          tiered: pd.DataFrame, year: int) -> tuple[list[Any], list[Problem]]:
    """One job per workbook that can take the plan; notes on the rows left as typed."""
    planned = core.by_week(sched.contact_records)
    already = core.already_by_week(sched.already_planned)
    regions, areas = core.usual(tiered, "region"), core.usual(tiered, "area")
    jobs: list[Any] = []
    notes: list[Problem] = []
    for book, state in zip(books, states, strict=True):
        key = (book.rep, book.monday)
        if state.layouts:  # an existing workbook the plan can go into
            notes += state.kept
            if already[key]:
                notes.append(problem(Severity.INFO, "plan.already_planned", book.path.name,
                                     n=already[key]))
        info = {"rep": book.rep, "region": regions.get(book.rep),
                "area": areas.get(book.rep), "week_start": book.monday}
        job = book_job(book, state, planned.get(key, {}), sched.contact_records, info, year)
        if job is not None:
            jobs.append(job)
    return jobs, notes


@dataclass
class _Overview:
    """What the overview needs besides the plan itself."""

    master: CustomerMaster
    tiered: pd.DataFrame
    books: list[RepBook]
    label: str  # the period: 2026-W49, or first_last day
    path: Path

    def job(self, result: PlanResult, sched: core.Schedule) -> Overview:
        """The overview of `sched` as it stands, with every problem met so far."""
        reps = list(dict.fromkeys(self.tiered["rep"]))
        files: dict[str, list[str]] = {}
        for book in self.books:
            files.setdefault(book.rep, []).append(book.path.name)
        window = Window(self.label, result.start, result.end, len(result.days),
                        len(self.tiered), self.master.path.name)
        return overview(self.path, result.lang, window, tiers=result.coverage,
                        reps=core.rep_coverage(sched, reps),
                        regions=core.usual(self.tiered, "region"), files=files,
                        contacts=sched.contact_records, carried=sched.carried_over,
                        problems=[*result.problems, *result.skipped])


def _write(result: PlanResult, sched: core.Schedule, jobs: list[Any],
           overview_of: _Overview) -> None:
    """Write every workbook, then the overview. Only filling an existing workbook can
    change the plan (a full day tab), so without one the overview is written alongside the
    new workbooks, and again only if one of them failed."""
    early = None if any(isinstance(j, FillBook) for j in jobs) else \
        overview_of.job(result, sched)
    todo = [early, *jobs] if early else jobs
    with Pool(write_job, todo, processes=_workers(), parallel_from=PARALLEL_FROM) as pool:
        written = list(pool.results())
    early_written = written.pop(0) if early else None
    n_problems = len(result.problems)
    sched = core.carry_over(sched, _record(result, jobs, written))
    result.contacts, result.carried_over = sched.contacts, sched.carried_over
    result.coverage = core.tier_coverage(sched, overview_of.tiered)
    final, done = early, early_written
    if early is None or len(result.problems) > n_problems:  # the plan changed: write it again
        final = overview_of.job(result, sched)
        done = write_job(final)
    if done.ok:
        result.overview = final.path
    else:
        result.problems.append(Problem(Severity.ERROR, final.path.name, "", "", done.error))


def _record(result: PlanResult, jobs: list[Any], written: list[Written]) -> dict[int, str]:
    """Note each workbook written or not. Contacts a workbook could not take go back to
    carried over: their positions in the schedule, and why."""
    moved: dict[int, str] = {}
    for job, done in zip(jobs, written, strict=True):
        if not done.ok:
            for positions in job.positions.values():
                moved.update(dict.fromkeys(positions, core.CARRY_UNAVAILABLE))
            result.problems.append(problem(Severity.ERROR, "plan.locked" if done.locked
                                           else "plan.not_written", done.path.name,
                                           detail=done.error))
            continue
        result.files.append(done.path)
        for key, n in done.leftover.items():
            moved.update(dict.fromkeys(job.positions[key][-n:], core.CARRY_NO_ROWS))
            result.skipped.append(problem(Severity.WARNING, "plan.no_room", done.path.name,
                                          job.layouts[key].name, n=n))
    return moved


# -- the demo -----------------------------------------------------------------------------
def write_demo(out_dir: str | Path) -> dict[str, Path]:
    """The sample customer master and the plans it yields for the demo week (2026-W49),
    made on the Friday before; for `salesbook demo`."""
    from ..sample.company import demo_records
    from ..sample.customers import DEMO_TODAY, DEMO_WEEK, master_content
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


__all__ = ["PlanResult", "resolve_window", "run_plan", "write_demo"]
