"""Job: the weekly rollup (周进度控制). Rep workbooks in, a team report (or a rep's weekly
summary) out, every rep-day stored in the history store.

The CLI's `salesbook rollup` and the Excel button both call `run_rollup`. Report and
history stand or fall together: the history transaction is prepared in the background
while the report is written, and made permanent only once the report is complete on
disk; if either fails, neither changes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..catalogue import Message, msg, run_lang, set_run_lang
from ..core import week as core
from ..core.periods import parse_iso_week
from ..errors import HistoryError, InputError, OutputError
from ..io import history as stores
from ..io.rep_books import RepWeek, week_rows
from ..io.summary_fill import fill_summary
from ..io.targets_source import month_targets
from ..io.team_book import TeamBook
from ..io.team_writer import write_team_report
from ..problems import Problem, Severity, problem
from ..schema import workbook
from ..schema.metrics import METRIC_KEYS
from ..workers import Background, collector_paused
from .reading import Reading, start_reading
from .rollup_options import RollupOptions, rollup_options

ROSTER_WEEKS = 4  # reps seen in the history this many weeks back are expected to report
JSON_PERIODS = ("week_target", "week_actual", "week_achievement", "month_target",
                "mtd_actual", "mtd_achievement", "year_target", "ytd_actual",
                "ytd_achievement")


@dataclass
class RollupResult(core.WeekFigures):
    """The week's figures plus what the job did: problems, files, where it wrote."""

    lang: str = "zh"
    problems: list[Problem] = field(default_factory=list)
    periods: core.Periods | None = None
    sources: dict[str, Message] = field(default_factory=dict)  # roster, targets
    files_read: int = 0
    folders_read: int = 0
    output: Path | None = None
    history: Path | None = None
    rep_mode: bool = False

    def as_json(self) -> dict:
        keys = ["rep", "region", "status", "days_reported", "working_days", "blank_required",
                *METRIC_KEYS, *JSON_PERIODS]
        reps = self.per_rep[[k for k in keys if k in self.per_rep]]
        return {
            "week": self.week,
            "reps": [{k: core.plain(v) for k, v in r.items()} for r in reps.to_dict("records")],
            "team": {k: core.plain(v) for k, v in self.team.items()},
            "time_elapsed": self.periods.time if self.periods else None,
            "sources": {k: m.render(self.lang) for k, m in self.sources.items()},
            "scan": {"files": self.files_read, "folders": self.folders_read},
            "problems": [p.as_dict(self.lang) for p in self.problems],
            "output": str(self.output) if self.output else None,
        }


def run_rollup(paths: list[str | Path], *, progress: Callable[[int], None] | None = None,
               on_files: Callable[[int], None] | None = None, reading: Reading | None = None,
               options: RollupOptions | None = None, **given: object) -> RollupResult:
    """Roll up rep weekly workbooks. One rep workbook path: its weekly summary sheet is
    filled (in place, or in `out`). Folders or several files: the team report is written
    to `out` and the rep-days go to the history store. Bad files are listed, never fatal.
    `given` are rollup_options' keywords; `reading` is the same rollup's reading, started
    earlier (see services.reading)."""
    job = options or rollup_options(paths, **given)  # type: ignore[arg-type]
    set_run_lang(job.lang)
    with collector_paused():  # 0.7 s of collector passes over 2,000 workbooks' rows
        reading = reading or start_reading(job.paths, job.out, recursive=job.recursive,
                                           lang=job.lang)
        try:
            return _rollup(job, reading, progress, on_files)
        finally:
            reading.close()


def _rollup(job: RollupOptions, reading: Reading, progress: Callable[[int], None] | None,
            on_files: Callable[[int], None] | None) -> RollupResult:
    # read
    if on_files:
        on_files(len(reading.files))
    weeks = reading.weeks(progress)
    lang = job.lang or _language_of(weeks) or run_lang()
    set_run_lang(lang)
    problems = [*reading.problems(), *(job.team.problems if job.team else ()),
                *_read_problems(weeks)]
    readable = [w for w in weeks if w.ok]
    if not readable:
        raise InputError("scan.nothing", detail=problems[:5] or msg("scan.empty_folder"))
    start = parse_iso_week(job.week) if job.week else \
        core.pick_week([w.week_start for w in readable])
    problems += _other_weeks(readable, start)
    rows = week_rows(readable, start)
    store_at = stores.location(job.history) if job.history else \
        _beside(job.paths, job.out) / stores.DEFAULT_NAME
    monthly = month_targets(job.targets) if job.targets else None
    earlier = _earlier(store_at, start) if not reading.rep_mode else core.Earlier()
    roster, roster_source = _roster(job.team, monthly, earlier)

    # compute
    settings = core.WeekSettings(start, job.commission, as_of=min(
        job.today or dt.date.today(), start + dt.timedelta(days=5)))
    rows, found = core.settle(rows)
    if rows.days is None or rows.days.empty:
        raise InputError("team.no_rep_days", week=settings.label,
                         found=sorted({w.week for w in readable}))
    # the history is written meanwhile, made permanent only once the report is on disk
    store = None if reading.rep_mode else Background(
        stores.write_week, store_at, core.history_days(rows), rows.visits,
        week=settings.label, files=len(reading.files), lang=lang)
    try:
        figures, more = core.week_figures(rows, settings, roster)
        periods = core.add_periods(figures, settings, monthly, earlier)
        core.region_and_team(figures, ("days_reported", "working_days", "blank_required"))
        if roster_source == "roster_none":
            more.append(problem(Severity.INFO, "team.no_roster"))
        result = RollupResult(
            **vars(figures), lang=lang, problems=[*problems, *found, *more], periods=periods,
            sources={"roster": msg(f"source.{roster_source}", weeks=ROSTER_WEEKS),
                     "targets": msg("source.targets_breakdown", file=job.targets.name)
                     if job.targets else msg("source.targets_typed")},
            files_read=len(reading.files), folders_read=reading.found.folders,
            rep_mode=reading.rep_mode)

        # write
        if store is None:
            result.output = fill_summary(reading.paths[0], job.out or reading.paths[0],
                                         result, settings.commission)
            return result
        _write(job, result, store, store_at)
        return result
    finally:
        if store is not None:
            store.abort()  # a no-op once committed


def _write(job: RollupOptions, result: RollupResult, store: Background,
           store_at: Path) -> None:
    """The team report and the history, both or neither."""
    lang = result.lang
    name = f"{Path(workbook('team_weekly').filename(lang)).stem}_{result.week}.xlsx"
    if job.out and not job.out.is_dir():
        result.output = job.out
    else:  # a folder given, or beside the team workbook, or beside the folder read
        result.output = (job.out or (job.team.path.parent if job.team else
                                     _beside(job.paths, None))) / name
    settings = {"reports_folder": "; ".join(str(p) for p in job.paths),
                "commission_rate": job.commission,
                "targets_file": str(job.targets) if job.targets else None,
                "history_file": stores.describe(store_at)}
    roster = job.team.roster() if job.team else None
    try:
        write_team_report(result.output, lang, result, result.periods, result.sources,
                          result.problems, settings, roster, before_replace=store.commit)
    except HistoryError as e:  # the report was complete but is not put in place
        raise HistoryError("run.nothing_saved", detail=e.message) from None
    except OutputError as e:
        if store.committed:  # the rename after the commit failed: say what was saved
            raise OutputError("run.history_saved_report_not", detail=e.message) from None
        raise
    result.history = store_at


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


def _other_weeks(readable: list[RepWeek], start: dt.date) -> list[Problem]:
    """Workbooks for a week other than this one or the next (whose plans are shown)."""
    label = core.WeekSettings(start).label
    return [problem(Severity.WARNING, "repbook.other_week", w.name, found=w.week, week=label)
            for w in readable
            if w.week_start not in (start, start + dt.timedelta(days=7))]


def _beside(paths: list[Path], out: Path | None) -> Path:
    """Where the report and the history go by default: in the folder given as the output,
    beside the output file, else beside the folder read."""
    if out:
        return out if out.is_dir() else out.parent
    return paths[0].parent


def _earlier(store_at: Path, start: dt.date) -> core.Earlier:
    """What the history store holds before this week (read before this week is stored):
    orders per rep, month and week since the year began, imported monthly actuals, and the
    reps seen in the last weeks."""
    if not stores.exists(store_at):
        return core.Earlier()
    year = dt.date((start + dt.timedelta(days=5)).year, 1, 1)
    with stores.open_store(store_at) as store:
        return core.Earlier(
            stored=store.order_totals(year, start - dt.timedelta(days=1)),
            imported=store.imported(f"{year:%Y-%m}", f"{start + dt.timedelta(days=5):%Y-%m}"),
            seen=store.reps_seen(start - dt.timedelta(weeks=ROSTER_WEEKS), start))


def _roster(team: TeamBook | None, monthly: pd.DataFrame | None, earlier: core.Earlier
            ) -> tuple[pd.DataFrame, str]:
    """Who should report, and from where: the team workbook's roster, else the targets'
    reps who send workbooks, else the reps seen in the last weeks' history."""
    sources = [("roster_team", team.roster() if team else None),
               ("roster_targets", monthly[monthly["files_reports"]].drop_duplicates("rep")
                if monthly is not None else None),
               ("roster_history", earlier.seen)]
    for name, frame in sources:
        if frame is not None and len(frame):
            return core.roster(frame), name
    return core.roster(), "roster_none"


__all__ = ["RollupOptions", "RollupResult", "rollup_options", "run_rollup"]
