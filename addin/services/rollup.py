"""Job: the weekly rollup (周进度控制). Rep workbooks in, a team report (or a rep's weekly
summary) out, every rep-day stored in the history store.

The CLI's `salesbook rollup` and the Excel button both call `run_rollup`. Report and
history stand or fall together: the history transaction is prepared in the background
while the report is written, and made permanent only once the report is complete on
disk; if either fails, neither changes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..catalogue import msg, run_lang, set_run_lang
from ..core import week as core
from ..core.periods import month_bounds, parse_iso_week
from ..errors import InputError
from ..io import history as stores
from ..io.rep_books import RepWeek, week_rows
from ..io.summary_fill import fill_summary
from ..io.targets_source import month_targets
from ..io.team_writer import write_team_report
from ..problems import Problem, Severity, problem
from ..schema import workbook
from ..schema.metrics import METRIC_KEYS
from ..workers import Background
from .reading import Reading, start_reading

ROSTER_WEEKS = 4  # reps seen in the history this many weeks back are expected to report


@dataclass
class RollupResult(core.WeekFigures):
    """The week's figures plus what the job did: problems, files, where it wrote."""

    lang: str = "zh"
    problems: list[Problem] = field(default_factory=list)
    files_read: int = 0
    folders_read: int = 0
    output: Path | None = None
    history: Path | None = None
    rep_mode: bool = False

    def as_json(self) -> dict:
        rep_keys = ["rep", "region", "status", "days_reported", "working_days",
                    "blank_required", *METRIC_KEYS]
        reps = self.per_rep[[k for k in rep_keys if k in self.per_rep]]
        return {
            "week": self.week,
            "reps": [{k: core.plain(v) for k, v in r.items()} for r in reps.to_dict("records")],
            "team": {k: core.plain(v) for k, v in self.team.items()},
            "scan": {"files": self.files_read, "folders": self.folders_read},
            "problems": [p.as_dict(self.lang) for p in self.problems],
            "output": str(self.output) if self.output else None,
        }


def run_rollup(paths: list[str | Path], *, week: str | None = None,
               targets: str | Path | None = None, out: str | Path | None = None,
               history: str | Path | None = None, commission_rate: float | None = None,
               lang: str | None = None, today: dt.date | None = None,
               recursive: bool = True, progress: Callable[[int], None] | None = None,
               on_files: Callable[[int], None] | None = None,
               reading: Reading | None = None) -> RollupResult:
    """Roll up rep weekly workbooks. One rep workbook path: its weekly summary sheet is
    filled (in place, or in `out`). Folders or several files: the team report is written
    to `out` and the rep-days go to the history store. Bad files are listed, never fatal.
    `reading` is the same rollup's reading, started earlier (see services.reading)."""
    set_run_lang(lang)
    with _no_cycle_collection():
        reading = reading or start_reading(list(paths), out, recursive=recursive, lang=lang)
        try:
            return _rollup(reading, week=week, targets=targets, out=out,
                           history=history, commission_rate=commission_rate,
                           lang=lang, today=today, progress=progress, on_files=on_files)
        finally:
            reading.close()


def _rollup(reading: Reading, *, week: str | None, targets: str | Path | None,
            out: str | Path | None, history: str | Path | None,
            commission_rate: float | None, lang: str | None, today: dt.date | None,
            progress: Callable[[int], None] | None,
            on_files: Callable[[int], None] | None) -> RollupResult:
    # read
    if on_files:
        on_files(len(reading.files))
    weeks = reading.weeks(progress)
    lang = lang or _language_of(weeks) or run_lang()
    set_run_lang(lang)
    problems = [*reading.problems(), *_read_problems(weeks)]
    readable = [w for w in weeks if w.ok]
    if not readable:
        raise InputError("scan.nothing", detail=problems[:5] or msg("scan.empty_folder"))
    start = _week_start(week, readable)
    problems += _other_weeks(readable, start)
    rows = week_rows(readable, start)
    store_at = stores.location(history) if history else \
        _beside(reading.paths, out) / stores.DEFAULT_NAME
    monthly = month_targets(targets) if targets else None
    roster, earlier = _from_history(store_at, start, monthly)

    # compute
    settings = core.WeekSettings(start, core.DEFAULT_COMMISSION if commission_rate is None
                                 else commission_rate,
                                 as_of=min(today or dt.date.today(), start + dt.timedelta(5)))
    rows, found = core.settle(rows)
    figures, more = core.week_figures(rows, settings, roster)
    if monthly is not None:
        core.add_targets(figures, monthly, earlier, settings)
    result = RollupResult(**vars(figures), lang=lang, problems=[*problems, *found, *more],
                          files_read=len(reading.files), folders_read=reading.found.folders,
                          rep_mode=reading.rep_mode)

    # write
    if reading.rep_mode:
        result.output = fill_summary(reading.paths[0], Path(out) if out else reading.paths[0],
                                     result, settings.commission)
        return result
    result.output = Path(out) if out else _beside(reading.paths, None) / (
        f"{Path(workbook('team_weekly').filename(lang)).stem}_{settings.label}.xlsx")
    store = Background(stores.write_week, store_at, core.history_days(rows), rows.visits,
                       week=settings.label, files=len(reading.files), lang=lang)
    try:
        write_team_report(result.output, lang, result, result.problems, {
            "reports_folder": "; ".join(str(p) for p in reading.paths),
            "commission_rate": settings.commission,
            "targets_file": str(targets) if targets else None,
            "history_file": stores.describe(store_at)}, before_replace=store.commit)
    finally:
        store.abort()  # a no-op once committed
    result.history = store_at
    return result


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Hundreds of thousands of row objects would set off the cycle collector thousands of
    times, each pass walking every live object (0.7 s for 2,000 workbooks); the rows hold
    no cycles, so it rests until the rollup is done."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _language_of(weeks: list[RepWeek]) -> str | None:
    """The report speaks the language most reps' workbooks do (None: none says)."""
    langs = Counter(w.lang for w in weeks if w.lang)
    if not langs:
        return None
    return "zh" if langs["zh"] >= langs["en"] else "en"


def _read_problems(weeks: list[RepWeek]) -> list[Problem]:
    found = [p for w in weeks for p in w.problems]
    found += [problem(Severity.ERROR, "file.unknown_workbook", w.name) for w in weeks
              if not w.ok and not w.problems]
    return found


def _week_start(week: str | None, readable: list[RepWeek]) -> dt.date:
    if not week:
        return core.pick_week([w.week_start for w in readable])
    return parse_iso_week(week)


def _other_weeks(readable: list[RepWeek], start: dt.date) -> list[Problem]:
    """Workbooks for a week other than this one or the next (whose plans are shown)."""
    label = core.WeekSettings(start).label
    return [problem(Severity.WARNING, "repbook.other_week", w.name, found=w.week, week=label)
            for w in readable
            if w.week_start not in (start, start + dt.timedelta(days=7))]


def _beside(paths: list[Path], out: str | Path | None) -> Path:
    """Where the report and the history go by default: beside the folder read."""
    return Path(out).parent if out else paths[0].parent


def _from_history(store_at: Path, start: dt.date, monthly: pd.DataFrame | None
                  ) -> tuple[pd.DataFrame, pd.Series]:
    """Who should report (the targets' reps who send workbooks, then the reps seen in the
    last weeks' history) and each rep's orders earlier this month, read before this week
    is stored."""
    from_targets = monthly[monthly["files_reports"]].drop_duplicates("rep") \
        if monthly is not None else None
    seen, earlier = None, pd.Series(dtype="float64")
    if stores.exists(store_at):
        with stores.open_store(store_at) as store:
            seen = store.reps_seen(start - dt.timedelta(weeks=ROSTER_WEEKS), start)
            m_start = month_bounds(start + dt.timedelta(days=5))[0]
            if monthly is not None and start > m_start:
                _, visits = store.load(m_start, start - dt.timedelta(days=1))
                if len(visits):
                    earlier = visits.groupby("rep")["order_amount"].sum(min_count=1)
    return core.roster(from_targets, seen), earlier


__all__ = ["RollupResult", "run_rollup"]
