"""A week of a sales team, from its rows to every figure of the weekly report (周进度控制).

Input: the week's flat rows (reported days, visits, planned contacts, market reports, each
naming its file, sheet and row) and a few settings. Output: `WeekFigures`, which the team
report, the rep's weekly summary, the history store and `--json` all show. Pure pandas.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..problems import Problem, Severity, problem
from ..schema.metrics import METRIC_KEYS
from . import checks
from . import rollup as figures
from .achievement import actual_to_date, period_target, ratio, span_weights
from .periods import iso_week, month_bounds, time_progress

DEFAULT_COMMISSION = 0.05
PLAN_KEYS = ("rep", "date", "file")


@dataclass
class WeekRows:
    """The week's rows. `all_days` keeps every copy sent (for report compliance); once
    settled, `days` holds the kept copy of each rep-day and the others only what counts."""

    all_days: pd.DataFrame
    visits: pd.DataFrame
    plans: pd.DataFrame
    market: pd.DataFrame
    next_plans: pd.DataFrame  # next week's planned contacts, as sent
    days: pd.DataFrame | None = None  # kept rep-days, after `settle`
    sources: dict[str, list[str]] = field(default_factory=dict)  # rep -> files
    versions: dict[str, str | None] = field(default_factory=dict)  # rep -> template version


@dataclass
class WeekSettings:
    start: dt.date  # the Monday
    commission: float = DEFAULT_COMMISSION
    as_of: dt.date | None = None  # time progress is measured to this day

    @property
    def label(self) -> str:
        return iso_week(self.start)

    @property
    def end(self) -> dt.date:  # the Saturday: the last working day
        return self.start + dt.timedelta(days=5)


@dataclass
class WeekFigures:
    """Every figure of the week, per day, rep, region and team, and the lists beside them."""

    week: str
    week_start: dt.date
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
    blank_by_day: dict = field(default_factory=dict)  # date -> required cells left blank


def pick_week(week_starts: list[dt.date]) -> dt.date:
    """The week most workbooks are for."""
    return Counter(week_starts).most_common(1)[0][0]


def settle(rows: WeekRows) -> tuple[WeekRows, list[Problem]]:
    """Check the rows, then keep one copy of each rep-day: identical copies count once, and
    of differing copies the most recently saved wins. Returns the settled rows and the
    problems (implausible figures, over-long text, duplicates and conflicts)."""
    found = checks.implausible(rows.all_days, rows.visits)  # before anything is added up
    found += checks.long_text(rows.visits, rows.market)
    kept, conflicts = figures.resolve_duplicates(rows.all_days, rows.visits)
    grouped: dict[tuple, list] = {}
    for c in conflicts:  # one line per rep and pair of files, listing the days
        grouped.setdefault((c.rep, c.kind, c.kept, tuple(c.ignored)), []).append(c.date)
    for (rep, kind, kept_file, ignored), dates in grouped.items():
        days = ", ".join(d.strftime("%m-%d") for d in sorted(dates))
        found.append(problem(Severity.WARNING, f"rollup.{kind}", kept_file, rep=rep,
                             date=days, kept=kept_file, ignored=list(ignored)))
    visits = figures.keep_rows(rows.visits, kept).reset_index(drop=True)
    plans = figures.choose_plans(rows.plans, kept)
    market = rows.market
    if len(market):
        market = market.drop_duplicates(["rep", "report_date", "report_type", "customer",
                                         "details"])
    settled = WeekRows(rows.all_days, visits, plans, market, rows.next_plans, kept,
                       rows.sources, rows.versions)
    return settled, found


def week_figures(rows: WeekRows, settings: WeekSettings, roster: pd.DataFrame
                 ) -> tuple[WeekFigures, list[Problem]]:
    """Every figure of the settled week; reps on the `roster` who sent nothing are listed
    as missing. Returns the figures and the problems found computing them."""
    kept, visits, plans = rows.days, rows.visits, rows.plans
    assert kept is not None, "settle the rows first"
    commission = settings.commission
    per_day = figures.aggregate(kept, visits, plans, ["region", "rep", "date"], commission)
    attendance = kept.set_index(["rep", "date"])["attendance"].to_dict() if len(kept) else {}
    per_day["attendance"] = [attendance.get((r, d)) for r, d in
                             zip(per_day["rep"], per_day["date"], strict=True)]
    per_day["source"] = day_sources(per_day, visits)
    per_rep = figures.aggregate(kept, visits, plans, ["region", "rep"], commission)
    per_region = figures.aggregate(kept, visits, plans, ["region"], commission)
    team_row = figures.aggregate(kept, visits, plans, [], commission)
    per_rep = per_rep.merge(figures.compliance(rows.all_days, kept), on="rep", how="left")
    found: list[Problem] = []
    for frame in (per_day, per_rep, per_region, team_row):
        found += checks.finite(frame)
    per_rep["template_version"] = per_rep["rep"].map(rows.versions)
    per_rep["source"] = per_rep["rep"].map(lambda r: ", ".join(rows.sources.get(r, [])))
    per_rep["status"] = "reported"
    per_rep, missing = with_roster(per_rep, roster)
    found += [problem(Severity.WARNING, "rollup.missing", rep=rep) for rep in missing]

    team = {k: plain(team_row.iloc[0][k]) if len(team_row) else None for k in METRIC_KEYS}
    reported = int((per_rep["days_reported"].fillna(0) > 0).sum())
    team["reps_expected"] = len(per_rep)
    team["reps_reported"] = reported
    team["avg_weekly_sales_per_rep"] = (team["order_amount"] or 0) / reported \
        if reported else None
    as_of = settings.as_of or settings.end
    team["week_time_progress"] = time_progress(settings.start, settings.end, as_of)
    team["month_time_progress"] = time_progress(*week_month(settings.start), as_of)
    blank_by_day = kept.groupby("date")["blank_required"].sum().to_dict() if len(kept) else {}
    return WeekFigures(
        week=settings.label, week_start=settings.start, per_rep=per_rep,
        per_region=per_region, per_day=per_day, team=team, visits=visits, market=rows.market,
        pareto=figures.objection_pareto(visits),
        abnormal=figures.abnormal_customers(visits, rows.market),
        competitors=competitor_notes(visits), coverage=figures.coverage_by_tier(plans, visits),
        next_week=rows.next_plans, blank_by_day=blank_by_day), found


FUNNEL = ("calls_dialled", "calls_completed", "appointments", "presentations", "sales_closed")


def funnel(team: dict[str, Any]) -> pd.DataFrame:
    """The call funnel's stages with counts and the conversion from the stage before."""
    rows, prev = [], None
    for key in FUNNEL:
        count = float(team.get(key) or 0)
        rows.append({"stage": key, "count": count, "conversion": (count / prev) if prev
                     else None})
        prev = count
    return pd.DataFrame(rows)


def achievement_chart(figs: WeekFigures, with_targets: bool) -> pd.DataFrame:
    """Per reporting rep: achievement beside the time elapsed (month to date against the
    breakdown's targets, else the week against the reps' own day targets)."""
    reps = figs.per_rep[figs.per_rep["status"] == "reported"].sort_values(["region", "rep"])
    if with_targets:
        return pd.DataFrame({"rep": reps["rep"], "achievement": reps["mtd_achievement"],
                             "time_progress": figs.team["month_time_progress"]})
    return pd.DataFrame({"rep": reps["rep"], "achievement": reps["achievement_rate"],
                         "time_progress": figs.team["week_time_progress"]})


def day_sources(per_day: pd.DataFrame, visits: pd.DataFrame) -> list[str]:
    """Where each rep-day's figures came from: `file!sheet`."""
    sheets = visits.groupby(["rep", "date"])["sheet"].first().to_dict() if len(visits) else {}
    files = visits.groupby(["rep", "date"])["file"].first().to_dict() if len(visits) else {}
    return [f"{files.get((r, d), '')}!{sheets.get((r, d), '')}".strip("!")
            for r, d in zip(per_day["rep"], per_day["date"], strict=True)]


def with_roster(per_rep: pd.DataFrame, roster: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Add the reps on the roster who sent nothing, as missing rows; returns them too."""
    missing = roster[~roster["rep"].isin(per_rep["rep"])] if len(roster) else roster
    if not len(missing):
        return per_rep, []
    rows = missing.assign(status="missing", days_reported=0)
    return pd.concat([per_rep, rows], ignore_index=True), list(missing["rep"])


def roster(*sources: pd.DataFrame) -> pd.DataFrame:
    """Who should have reported (rep, region): the first source that names a rep wins."""
    frames = [f[["rep", "region"]] for f in sources if f is not None and len(f)]
    if not frames:
        return pd.DataFrame(columns=["rep", "region"])
    return pd.concat(frames, ignore_index=True).drop_duplicates("rep")


def week_month(start: dt.date) -> tuple[dt.date, dt.date]:
    """The month a week is counted in: its Monday's, unless the week ends in the next."""
    end = start + dt.timedelta(days=5)
    return month_bounds(start if start.month == end.month else end)


def add_targets(figs: WeekFigures, monthly: pd.DataFrame, earlier: pd.Series,
                settings: WeekSettings) -> None:
    """Week and month-to-date achievement against the monthly targets per rep (`monthly`:
    rep, month, value); `earlier` is each rep's orders in the month before this week
    (from history). In place."""
    start, end = settings.start, settings.end
    m_start, m_end = month_bounds(end)
    as_of = settings.as_of or end
    year_targets = monthly[["rep", "month", "value"]]
    month_target = period_target(year_targets[year_targets["month"] == m_start.month],
                                 np.ones(12), ["rep"])
    week_target = period_target(year_targets, span_weights(start, end, end.year), ["rep"])
    this_month = actual_to_date(figs.visits, m_start, m_end, ["rep"], "order_amount")
    out = figs.per_rep
    out["month_target"] = out["rep"].map(month_target)
    out["week_target"] = out["rep"].map(week_target)
    out["week_achievement"] = ratio(out["order_amount"], out["week_target"])
    out["week_time_progress"] = time_progress(start, end, as_of)
    out["mtd_actual"] = out["rep"].map(earlier).fillna(0) + \
        out["rep"].map(this_month).fillna(0)
    out["mtd_achievement"] = ratio(out["mtd_actual"], out["month_target"])
    out["month_time_progress"] = figs.team["month_time_progress"]


def history_days(rows: WeekRows) -> pd.DataFrame:
    """The rep-days the history store keeps for this week: the kept reports, plus the
    days that were only planned (with their planned-visit count)."""
    kept, plans = rows.days, rows.plans
    assert kept is not None, "settle the rows first"
    if kept.empty and plans.empty:
        return kept.iloc[:0]
    planned = plans[plans["kind"] == "visit"].groupby(["rep", "date"]).size() \
        if len(plans) else pd.Series(dtype="int64")
    days = kept.copy()
    if len(planned):
        plan_only = planned[~planned.index.isin(days.set_index(["rep", "date"]).index)]
        known = rows.all_days.drop_duplicates(["rep", "date"]).set_index(["rep", "date"])
        plan_only = plan_only.index[plan_only.index.isin(known.index)]  # a day whose report
        if len(plan_only):  # sheet is missing (reported as such) has no row to extend
            days = pd.concat([days, known.loc[plan_only].reset_index()], ignore_index=True)
    keys = pd.MultiIndex.from_arrays([days["rep"], days["date"]])
    days["visits_planned"] = planned.reindex(keys, fill_value=0).to_numpy(dtype="int64") \
        if len(planned) else 0
    return days


def competitor_notes(visits: pd.DataFrame) -> pd.DataFrame:
    """Visits that brought news of a competitor, a customer's reaction or a customer."""
    cols = ["date", "rep", "customer", "competitor_info", "customer_feedback", "customer_news",
            "cell"]
    if visits.empty:
        return pd.DataFrame(columns=cols)
    mask = visits[["competitor_info", "customer_feedback", "customer_news"]].notna().any(axis=1)
    return visits.loc[mask, cols].sort_values(["date", "rep"], kind="stable")


def plain(v: Any) -> Any:
    """A frame's scalar as a plain Python value (None for missing)."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and v != v:
        return None
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
        return int(v)
    return v


__all__ = ["DEFAULT_COMMISSION", "FUNNEL", "WeekFigures", "WeekRows", "WeekSettings",
           "achievement_chart", "add_targets", "competitor_notes", "day_sources", "funnel",
           "history_days", "pick_week", "plain", "roster", "settle", "week_figures",
           "week_month", "with_roster"]
