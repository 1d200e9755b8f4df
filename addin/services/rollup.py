"""Job: the weekly rollup (周进度控制). Rep workbooks in, a team report (or a rep's weekly
summary) out, every rep-day upserted into the history store.

The CLI's `salesbook rollup` and the Excel button both call `run_rollup`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import math
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..core import rollup as core
from ..core.periods import (
    iso_week,
    month_bounds,
    parse_iso_week,
    time_progress,
    working_days,
)
from ..errors import InputError, SalesbookError
from ..io import history as store
from ..io.messages import say as say_input
from ..io.rep_books import (
    DAY_FIELDS,
    MARKET_ROW_KEYS,
    PLAN_ROW_KEYS,
    REPORT_SHEETS,
    SOURCE_KEYS,
    SPEC,
    VISIT_ROW_KEYS,
    RepWeek,
    Rows,
    concat_rows,
)
from ..io.summary_fill import fill_summary
from ..io.targets_source import month_targets
from ..io.writer import CELL_LIMIT, check_writable
from ..problems import Problem, Severity
from ..schema import workbook
from ..schema.metrics import METRIC_KEYS, ROLLUP_METRICS
from .reading import (
    Reading,
    owner_problems,
    read_safely,
    start_reading,
)
from .team_report import write_team

MAX_FIGURE = 1e12  # an amount or count above this is a slip of the keyboard or a crafted file
DEFAULT_COMMISSION = 0.05
HISTORY_NAME = "salesbook-history.sqlite"

_MSG = {
    "implausible": ("“{label}”的数值 {value:g} 大得不合理，未计入；请核对",
                    "{label}: {value:g} is implausibly large; not counted. Please check it"),
    "overflow": ("{rep} 的“{label}”无法计算（数值溢出），留空",
                 "{rep}: {label} could not be computed (overflow); left empty"),
    "long_text": ("“{label}”超过 Excel 单元格上限 {limit:,} 个字符，报告中只保留前 {limit:,} 个",
                  "{label} is longer than the {limit:,} characters an Excel cell holds; the "
                  "report keeps the first {limit:,}"),
    "other_week": ("这是 {found} 的周报，本次汇总 {week}，未计入",
                   "this workbook is for {found}; rolling up {week}; not counted"),
    "not_rep": ("不是销售员周报簿（{found}），已跳过",
                "not a rep weekly workbook ({found}); skipped"),
    "duplicate": ("{rep} {date} 重复提交（内容相同）：计入 {kept}，未重复计入 {ignored}",
                  "{rep} {date} sent twice with identical figures: counted {kept} once, "
                  "ignored {ignored}"),
    "conflict": ("{rep} {date} 在多个文件中数字不同：计入最近保存的 {kept}，未计入 {ignored}",
                 "{rep} {date} differs between files: counted the most recently saved {kept}, "
                 "ignored {ignored}"),
    "missing": ("{rep} 本周未提交周报", "{rep} sent no report this week"),
    "nothing": ("没有可读取的销售员周报簿", "no rep weekly workbook could be read"),
}


def say(key: str, lang: str, **kw: Any) -> str:
    zh, en = _MSG[key]
    return (zh if lang == "zh" else en).format(**kw)


@dataclass
class RollupResult:
    week: str
    week_start: dt.date
    lang: str
    per_rep: pd.DataFrame
    per_region: pd.DataFrame
    per_day: pd.DataFrame
    team: dict[str, Any]
    visits: pd.DataFrame
    market: pd.DataFrame
    pareto: pd.DataFrame
    abnormal: pd.DataFrame
    competitors: pd.DataFrame
    coverage: pd.DataFrame
    next_week: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    conflicts: list[core.Conflict] = field(default_factory=list)
    files_read: int = 0
    output: Path | None = None
    history: Path | None = None
    rep_mode: bool = False
    blank_by_day: dict = field(default_factory=dict)  # date -> required cells left blank

    def as_json(self) -> dict:
        def records(df: pd.DataFrame, keys: list[str]) -> list[dict]:
            out = []
            for rec in df[keys].to_dict("records"):
                out.append({k: _json_value(v) for k, v in rec.items()})
            return out

        rep_keys = ["rep", "region", "status", "days_reported", "working_days", "blank_required",
                    *METRIC_KEYS]
        return {
            "week": self.week,
            "reps": records(self.per_rep, [k for k in rep_keys if k in self.per_rep]),
            "team": {k: _json_value(v) for k, v in self.team.items()},
            "problems": [p.as_dict() for p in self.problems],
            "output": str(self.output) if self.output else None,
        }


def _json_value(v: Any) -> Any:
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and v != v:
        return None
    if isinstance(v, (dt.date, pd.Timestamp)):
        return v.isoformat()[:10]
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
        return int(v)
    return v


# -- the job ------------------------------------------------------------------------------
def _frame(rows: list[dict], columns: tuple[str, ...] = ()) -> pd.DataFrame:
    df = pd.DataFrame(rows)
    for c in columns:
        if c not in df:
            df[c] = None
    return df


def _columns_frame(parts: list[Rows], keys: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame(concat_rows(parts, keys), columns=list(keys))


def _lang_of(weeks: list[RepWeek]) -> str:
    langs = Counter(w.lang for w in weeks if w.lang)
    return "zh" if not langs or langs["zh"] >= langs["en"] else "en"


def run_rollup(paths: list[str | Path], *, week: str | None = None,
               targets: str | Path | None = None, out: str | Path | None = None,
               history: str | Path | None = None, commission_rate: float | None = None,
               lang: str | None = None, today: dt.date | None = None,
               progress: Callable[[int], None] | None = None,
               on_files: Callable[[int], None] | None = None,
               reading: Reading | None = None) -> RollupResult:
    """Roll up rep weekly workbooks. One rep workbook path: its weekly summary sheet is
    filled (in place, or in `out`). Folders or several files: the team report is written
    to `out` and the rep-days go to the history store. Bad files are listed, never fatal.
    `reading` is the same rollup's reading, started earlier (see services.reading)."""
    with _no_cycle_collection():
        if reading is None:
            reading = start_reading(list(paths), out, lang)
        try:
            return _run_rollup(reading, week=week, targets=targets, out=out,
                               history=history, commission_rate=commission_rate, lang=lang,
                               today=today, progress=progress, on_files=on_files)
        finally:
            reading.close()


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


def _run_rollup(reading: Reading, *, week: str | None, targets: str | Path | None,
                out: str | Path | None, history: str | Path | None,
                commission_rate: float | None, lang: str | None, today: dt.date | None,
                progress: Callable[[int], None] | None,
                on_files: Callable[[int], None] | None) -> RollupResult:
    paths, files, owners, rep_mode = (reading.paths, reading.files, reading.owners,
                                      reading.rep_mode)
    if on_files:
        on_files(len(files))
    weeks = reading.weeks(progress)
    lang = lang or _lang_of(weeks)
    # a file that could not be opened has no language of its own: say it in the report's
    weeks = [read_safely(w.path, lang) if not w.ok and w.lang is None and lang != "en" else w
             for w in weeks]
    problems = owner_problems(files, owners, lang)
    for w in weeks:
        problems.extend(w.problems)
    readable = [w for w in weeks if w.ok]
    for w in weeks:
        if not w.ok and not w.problems:
            problems.append(Problem(Severity.ERROR, w.path.name, "", "",
                                    say("not_rep", lang, found="?")))
    if not readable:
        raise InputError(say("nothing", lang) + "; " + "; ".join(str(p) for p in problems[:5]))
    if week:
        try:
            week_start = parse_iso_week(week)
        except ValueError as e:
            raise InputError(str(e)) from None
    else:
        week_start = Counter(w.week_start for w in readable).most_common(1)[0][0]
    label = iso_week(week_start)
    next_start = week_start + dt.timedelta(days=7)
    this_week = [w for w in readable if w.week_start == week_start]
    next_week = [w for w in readable if w.week_start == next_start]
    for w in readable:
        if w.week_start not in (week_start, next_start):
            problems.append(Problem(Severity.WARNING, w.path.name, "", "",
                                    say("other_week", w.lang or lang, found=w.week, week=label)))
    commission = DEFAULT_COMMISSION if commission_rate is None else commission_rate
    as_of = min(today or dt.date.today(), week_start + dt.timedelta(days=5))

    all_days = _frame([d for w in this_week for d in w.days],
                      (*SOURCE_KEYS, *DAY_FIELDS, "reported", "working", "blank_required",
                       "modified"))
    visits = _columns_frame([w.visits for w in this_week], VISIT_ROW_KEYS)
    modified = {w.path.name: w.modified for w in this_week}
    plans = _columns_frame([w.plans for w in this_week], PLAN_ROW_KEYS)
    plans["modified"] = plans["file"].map(modified) if len(plans) else []
    market = _columns_frame([w.market for w in this_week], MARKET_ROW_KEYS)
    problems.extend(_implausible(all_days, visits, lang))  # before anything is added up
    problems.extend(_long_text(visits, market, lang))
    kept_days, conflicts = core.resolve_duplicates(all_days, visits)
    grouped: dict[tuple, list] = {}
    for c in conflicts:  # one line per rep and pair of files, listing the days
        grouped.setdefault((c.rep, c.kind, c.kept, tuple(c.ignored)), []).append(c.date)
    for (rep, kind, kept, ignored), dates in grouped.items():
        days = ", ".join(d.strftime("%m-%d") for d in sorted(dates))
        problems.append(Problem(Severity.WARNING, kept, "", "",
                                say(kind, lang, rep=rep, date=days, kept=kept,
                                    ignored=", ".join(ignored))))
    visits = core.keep_rows(visits, kept_days).reset_index(drop=True)
    plans = core.choose_plans(plans, kept_days)
    if len(market):
        market = market.drop_duplicates(["rep", "report_date", "report_type", "customer",
                                         "details"])

    # what the history says about earlier weeks is read before this week is stored
    history_path = Path(history) if history else _default_history(paths, out, rep_mode)
    roster = _roster(targets, history_path, week_start)
    earlier = _earlier_orders(history_path, week_start) if targets else None
    output, stored = None, _nothing
    if not rep_mode:
        output = Path(out) if out else _default_output(paths, label, lang)
        check_writable(output, lang)  # before anything is stored: a report open in Excel stops
        stored = _in_background(_store_history, history_path, all_days, kept_days, visits,
                                plans, label)  # SQLite works on the other core meanwhile
    try:
        rows = WeekRows(all_days, kept_days, visits, plans, market, this_week, next_week)
        result = _figures(rows, Week(week_start, label, lang, commission, as_of), targets,
                          earlier, roster, problems, conflicts, len(files), rep_mode)
        if rep_mode:
            _fill_rep_summary(result, paths[0], Path(out) if out else paths[0], kept_days,
                              commission, lang)
            return result
        assert output is not None
        write_team(result, output, commission, [str(p) for p in paths], targets, history_path)
    finally:
        stored()
    result.history = history_path
    result.output = output
    return result


def _nothing() -> None:
    return None


@dataclass
class WeekRows:
    """The week's rows once duplicates are settled; `all_days` keeps every copy sent (for
    report compliance), the others only what counts."""

    all_days: pd.DataFrame
    kept_days: pd.DataFrame
    visits: pd.DataFrame
    plans: pd.DataFrame
    market: pd.DataFrame
    this_week: list[RepWeek]
    next_week: list[RepWeek]


@dataclass
class Week:
    start: dt.date
    label: str
    lang: str
    commission: float
    as_of: dt.date  # time progress is measured to this day


def _figures(rows: WeekRows, wk: Week, targets: str | Path | None, earlier: pd.Series | None,
             roster: pd.DataFrame, problems: list[Problem], conflicts: list, files_read: int,
             rep_mode: bool) -> RollupResult:
    """Every figure of the week, per day, rep, region and team, from the kept rows."""
    all_days, kept_days, visits, plans, market = (rows.all_days, rows.kept_days, rows.visits,
                                                  rows.plans, rows.market)
    this_week, next_week = rows.this_week, rows.next_week
    week_start, label, lang, commission, as_of = (wk.start, wk.label, wk.lang, wk.commission,
                                                  wk.as_of)
    per_day = core.aggregate(kept_days, visits, plans, ["region", "rep", "date"], commission)
    attendance = kept_days.set_index(["rep", "date"])["attendance"].to_dict() \
        if len(kept_days) else {}
    per_day["attendance"] = [attendance.get((r, d)) for r, d in zip(per_day["rep"],
                                                                    per_day["date"],
                                                                    strict=True)]
    per_rep = core.aggregate(kept_days, visits, plans, ["region", "rep"], commission)
    per_region = core.aggregate(kept_days, visits, plans, ["region"], commission)
    team_row = core.aggregate(kept_days, visits, plans, [], commission)
    comp = core.compliance(all_days, kept_days)
    per_rep = per_rep.merge(comp, on="rep", how="left")
    for frame in (per_day, per_rep, per_region, team_row):
        problems.extend(_finite(frame, lang))
    versions = {w.rep: w.version for w in this_week}
    sources = {}
    for w in this_week:
        sources.setdefault(w.rep, []).append(w.path.name)
    per_rep["template_version"] = per_rep["rep"].map(versions)
    per_rep["source"] = per_rep["rep"].map(lambda r: ", ".join(sources.get(r, [])))
    per_rep["status"] = "reported"

    # the roster: who should have reported (targets, recent history), so nobody is dropped
    missing = roster[~roster["rep"].isin(per_rep["rep"])] if len(roster) else roster
    if len(missing):
        per_rep = pd.concat([per_rep, missing.assign(status="missing", days_reported=0)],
                            ignore_index=True)
        for rep in missing["rep"]:
            problems.append(Problem(Severity.WARNING, "", "", "", say("missing", lang, rep=rep)))

    reported_reps = int((per_rep["days_reported"].fillna(0) > 0).sum())
    team = {k: _json_value(team_row.iloc[0][k]) if len(team_row) else None for k in METRIC_KEYS}
    team["reps_expected"] = len(per_rep)
    team["reps_reported"] = reported_reps
    team["avg_weekly_sales_per_rep"] = (team["order_amount"] or 0) / reported_reps \
        if reported_reps else None

    week_end = week_start + dt.timedelta(days=5)
    progress_week = time_progress(week_start, week_end, as_of)
    m_start, m_end = month_bounds(week_start if week_start.month == week_end.month else week_end)
    progress_month = time_progress(m_start, m_end, as_of)
    team["week_time_progress"] = progress_week
    team["month_time_progress"] = progress_month
    if targets:
        per_rep = _add_targets(per_rep, targets, earlier, visits, week_start, as_of,
                               progress_month)

    result = RollupResult(
        week=label, week_start=week_start, lang=lang, per_rep=per_rep, per_region=per_region,
        per_day=per_day, team=team, visits=visits, market=market,
        pareto=core.objection_pareto(visits),
        abnormal=core.abnormal_customers(visits, market),
        competitors=_competitor_notes(visits), coverage=core.coverage_by_tier(plans, visits),
        next_week=_columns_frame([w.plans for w in next_week], PLAN_ROW_KEYS),
        problems=problems, conflicts=conflicts, files_read=files_read, rep_mode=rep_mode)
    return result


def _fill_rep_summary(result: RollupResult, source: Path, target: Path,
                      kept_days: pd.DataFrame, commission: float, lang: str) -> None:
    """Rep mode: the workbook's own weekly summary sheet, filled in place or in `target`."""
    if len(kept_days):
        result.blank_by_day = kept_days.groupby("date")["blank_required"].sum().to_dict()
    try:
        fill_summary(source, target, result, commission)
    except SalesbookError:
        raise
    except Exception as e:  # openpyxl refusing a file calamine could read
        raise InputError(f"{source.name}: " + say_input(
            "unreadable", lang, detail=f"{type(e).__name__}: {e}"[:300])) from None
    result.output = target


def _child(conn: Any, fn: Callable, args: tuple) -> None:
    try:
        fn(*args)
        conn.send(None)
    except BaseException as e:  # reported to the parent, which raises it
        conn.send(f"{type(e).__name__}: {e}")
    finally:
        conn.close()


def _in_background(fn: Callable, *args: Any) -> Callable[[], None]:
    """Start fn(*args) in a forked process (a thread would share the GIL with the report
    writer); return a function that waits for it and raises if it failed."""
    if "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2:
        fn(*args)
        return lambda: None
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(send, fn, args), daemon=True)
    process.start()
    send.close()

    def wait() -> None:
        try:
            error = receive.recv()
        except EOFError:
            error = "the background process ended without an answer"
        process.join()
        if error is not None or process.exitcode != 0:
            raise SalesbookError(f"the history store was not updated: {error}")

    return wait


def _implausible(days: pd.DataFrame, visits: pd.DataFrame, lang: str) -> list[Problem]:
    """Blank out, and name, amounts and counts too large to be real (1e308 typed twice
    would sum to infinity, which no workbook can hold); in place."""
    report = REPORT_SHEETS[0]
    table = report.table("visits")
    checks = [(days, report.field(k), None) for k in core.DAY_SUMS] + \
        [(visits, table.column(k), table) for k in ("order_amount", "collected_amount")]
    found = []
    for frame, column, tab in checks:
        if frame.empty or column.key not in frame:
            continue
        values = pd.to_numeric(frame[column.key], errors="coerce")
        bad = values.abs() > MAX_FIGURE
        if not bad.any():
            continue
        for i in frame.index[bad]:
            rec = frame.loc[i]
            cell = column.cell if tab is None else f"{tab.col_letter(column.key)}{rec['row']}"
            found.append(Problem(Severity.ERROR, rec["file"], rec["sheet"], cell,
                                 say("implausible", lang, label=column.label(lang),
                                     value=float(values[i]))))
        frame[column.key] = frame[column.key].where(~bad, None)
    return found


def _long_text(visits: pd.DataFrame, market: pd.DataFrame, lang: str) -> list[Problem]:
    """Text longer than an Excel cell holds is cut in the report: say where."""
    found = []
    for frame, table in ((visits, REPORT_SHEETS[0].table("visits")),
                         (market, SPEC.sheet("market").table("reports"))):
        for column in table.columns:
            if frame.empty or column.key not in frame or column.type != "text":
                continue
            try:
                lengths = frame[column.key].str.len()
            except AttributeError:  # not all text: measure the strings only
                lengths = frame[column.key].map(lambda v: len(v) if type(v) is str else 0)
            for i in frame.index[lengths > CELL_LIMIT]:
                rec = frame.loc[i]
                found.append(Problem(Severity.WARNING, rec["file"], rec["sheet"],
                                     f"{table.col_letter(column.key)}{rec['row']}",
                                     say("long_text", lang, label=column.label(lang),
                                         limit=CELL_LIMIT)))
    return found


def _finite(frame: pd.DataFrame, lang: str) -> list[Problem]:
    """An infinite figure (a ratio over a vanishing denominator) becomes empty, with a
    note: a workbook cannot hold infinity."""
    numbers = frame[[k for k in METRIC_KEYS if k in frame]].select_dtypes("number")
    if frame.empty or not numbers.abs().eq(math.inf).to_numpy().any():
        return []
    labels = {c.key: c.label(lang) for c in ROLLUP_METRICS}
    found = []
    for key in numbers.columns:
        bad = numbers[key].abs() == math.inf
        for i in frame.index[bad]:
            rep = frame.loc[i, "rep"] if "rep" in frame else ""
            found.append(Problem(Severity.WARNING, "", "", "",
                                 say("overflow", lang, rep=rep, label=labels.get(key, key))))
        frame[key] = numbers[key].where(~bad)
    return found


def _default_history(paths: list[Path], out: str | Path | None, rep_mode: bool) -> Path:
    if out:
        return Path(out).parent / HISTORY_NAME
    return paths[0].parent / HISTORY_NAME


def _default_output(paths: list[Path], label: str, lang: str) -> Path:
    spec = workbook("team_weekly")
    return paths[0].parent / f"{Path(spec.filename(lang)).stem}_{label}.xlsx"


def _roster(targets: str | Path | None, history_path: Path, week_start: dt.date
            ) -> pd.DataFrame:
    frames = []
    if targets:
        t = month_targets(targets)
        t = t[t["files_reports"]]
        if len(t):
            frames.append(t[["rep", "region"]].drop_duplicates("rep"))
    if history_path.exists():
        frames.append(store.reps_seen(history_path, week_start - dt.timedelta(days=28),
                                      week_start))
    if not frames:
        return pd.DataFrame(columns=["rep", "region"])
    return pd.concat(frames, ignore_index=True).drop_duplicates("rep")


def _store_history(path: Path, all_days: pd.DataFrame, kept: pd.DataFrame,
                   visits: pd.DataFrame, plans: pd.DataFrame, label: str) -> None:
    if kept.empty and plans.empty:
        return
    planned = plans[plans["kind"] == "visit"].groupby(["rep", "date"]).size() \
        if len(plans) else pd.Series(dtype="int64")
    days = kept.copy()
    if len(planned):
        plan_only = planned[~planned.index.isin(days.set_index(["rep", "date"]).index)]
        known = all_days.drop_duplicates(["rep", "date"]).set_index(["rep", "date"])
        plan_only = plan_only.index[plan_only.index.isin(known.index)]  # a day whose report
        if len(plan_only):  # sheet is missing (reported as such) has no row to extend
            days = pd.concat([days, known.loc[plan_only].reset_index()], ignore_index=True)
    keys = pd.MultiIndex.from_arrays([days["rep"], days["date"]])
    days["visits_planned"] = planned.reindex(keys, fill_value=0).to_numpy(dtype="int64") \
        if len(planned) else 0
    days["week"] = label
    store.upsert(path, days, visits)


def _competitor_notes(visits: pd.DataFrame) -> pd.DataFrame:
    cols = ["date", "rep", "customer", "competitor_info", "customer_feedback", "customer_news",
            "cell"]
    if visits.empty:
        return pd.DataFrame(columns=cols)
    mask = visits[["competitor_info", "customer_feedback", "customer_news"]].notna().any(axis=1)
    return visits.loc[mask, cols].sort_values(["date", "rep"], kind="stable")


def _earlier_orders(history_path: Path, week_start: dt.date) -> pd.Series:
    """Order amount per rep in the weeks of the month before this one, from history."""
    m_start, _ = month_bounds(week_start + dt.timedelta(days=5))
    if history_path.exists() and week_start > m_start:
        _, hist_visits = store.load(history_path, m_start, week_start - dt.timedelta(days=1))
        if len(hist_visits):
            return hist_visits.groupby("rep")["order_amount"].sum(min_count=1)
    return pd.Series(dtype="float64")


def _add_targets(per_rep: pd.DataFrame, targets: str | Path, earlier: pd.Series | None,
                 visits: pd.DataFrame, week_start: dt.date, as_of: dt.date,
                 progress_month: float) -> pd.DataFrame:
    """Week and month-to-date achievement against the revenue breakdown; `earlier` weeks
    of the month come from history, this week from the rollup itself."""
    t = month_targets(targets)
    week_end = week_start + dt.timedelta(days=5)
    m_start, m_end = month_bounds(week_end)
    month_days = working_days(m_start, m_end)
    in_month = working_days(max(week_start, m_start), min(week_end, m_end))
    month_target = t[t["month"] == m_start.month].groupby("rep")["value"].sum() if len(t) \
        else pd.Series(dtype="float64")
    if earlier is None:
        earlier = pd.Series(dtype="float64")
    this_month = pd.Series(dtype="float64")
    if len(visits):
        v = visits[[m_start <= d <= m_end for d in visits["date"]]]
        this_month = pd.to_numeric(v["order_amount"], errors="coerce").groupby(v["rep"]).sum()
    out = per_rep.copy()
    out["month_target"] = out["rep"].map(month_target)
    out["week_target"] = out["month_target"] * (in_month / month_days if month_days else 0)
    out["week_achievement"] = core.ratio(out["order_amount"], out["week_target"])
    out["week_time_progress"] = time_progress(week_start, week_end, as_of)
    out["mtd_actual"] = out["rep"].map(earlier).fillna(0) + out["rep"].map(this_month).fillna(0)
    out["mtd_achievement"] = core.ratio(out["mtd_actual"], out["month_target"])
    out["month_time_progress"] = progress_month
    return out
