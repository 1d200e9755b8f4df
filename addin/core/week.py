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
from .achievement import (
    Coverage,
    coverage,
    orders_to_date,
    period_target,
    plain,
    ratio,
    span_weights,
    subtotals,
)
from .periods import iso_week, month_bounds, time_progress

DEFAULT_COMMISSION = 0.05  # the team workbook's setting when it has none
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
    counted = figures.counted(kept, visits, plans, ("region", "rep", "date"))
    per_day = figures.figures_by(counted, ["region", "rep", "date"], commission)
    attendance = kept.set_index(["rep", "date"])["attendance"].to_dict() if len(kept) else {}
    per_day["attendance"] = [attendance.get((r, d)) for r, d in
                             zip(per_day["rep"], per_day["date"], strict=True)]
    per_day["source"] = day_sources(per_day, visits)
    per_rep = figures.figures_by(counted, ["region", "rep"], commission)
    if len(per_rep) == 1:  # one rep's week (Roll up my week): region and team are the rep
        per_region = per_rep.drop(columns=["rep"])
        team_row = per_region.drop(columns=["region"])
    else:
        per_region = figures.figures_by(counted, ["region"], commission)
        team_row = figures.figures_by(counted, [], commission)
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


def chart_period(figs: WeekFigures, periods: Periods) -> str:
    """What the dashboard charts per rep: the month to date when there are month targets
    and the history covers the month, else the week."""
    has_month = "month_target" in figs.per_rep and figs.per_rep["month_target"].notna().any()
    return "month" if has_month and periods.coverage["month"].complete else "week"


def achievement_chart(figs: WeekFigures, periods: Periods) -> pd.DataFrame:
    """Every rep on the roster, region by region: achievement beside the time elapsed of
    the period charted (see chart_period); a rep who sent nothing shows as missing."""
    period = chart_period(figs, periods)
    column = "mtd_achievement" if period == "month" else "week_achievement"
    reps = figs.per_rep.sort_values(["region", "rep"], na_position="last")
    return pd.DataFrame({"rep": reps["rep"], "achievement": reps.get(column),
                         "time_progress": periods.time[period], "status": reps["status"]})


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat")


def plan_counts(plans: pd.DataFrame, regions: dict[str, str]) -> pd.DataFrame:
    """Next week's planned contacts counted per rep, kind and weekday (the printed plan);
    the full list stays in the detail table."""
    cols = ["region", "rep", "kind", *WEEKDAYS, "total"]
    if plans.empty:
        return pd.DataFrame(columns=cols)
    day = pd.Series([WEEKDAYS[d.weekday()] if d.weekday() < 6 else None
                     for d in plans["date"]], index=plans.index)
    counts = pd.crosstab([plans["rep"], plans["kind"]], day).reindex(columns=list(WEEKDAYS),
                                                                     fill_value=0)
    counts["total"] = counts.sum(axis=1)
    out = counts.reset_index()
    out.insert(0, "region", out["rep"].map(regions))
    return out.sort_values(["region", "rep", "kind"], na_position="last")[cols]


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


PERIOD_SUMS = ("week_target", "week_actual", "month_target", "mtd_actual", "year_target",
               "ytd_actual")
PERIOD_RATIOS = {"week_achievement": ("week_actual", "week_target"),
                 "mtd_achievement": ("mtd_actual", "month_target"),
                 "ytd_achievement": ("ytd_actual", "year_target")}


@dataclass
class Earlier:
    """What the history store says before this week: orders per rep, month and week since
    the start of the year (`stored`), imported monthly actuals, and who reported lately."""

    stored: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["rep", "region", "month", "week", "order_amount", "days"]))
    imported: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["rep", "region", "month", "sales"]))
    seen: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["rep", "region"]))


@dataclass
class Periods:
    """The week, month and year of a report: their first days, the time gone, and what
    the history covers of each."""

    first: dict[str, dt.date]
    time: dict[str, float]
    coverage: dict[str, Coverage]


def add_periods(figs: WeekFigures, settings: WeekSettings, monthly: pd.DataFrame | None,
                earlier: Earlier) -> Periods:
    """The week, month to date and year to date per rep, region and team: one target per
    period (the breakdown's monthly targets when given, else the reps' typed day targets
    for the week), its orders to date from the history and this week, and the achievement.
    In place; returns the periods with the time gone and what the history covers."""
    start, end = settings.start, settings.end
    as_of = settings.as_of or end
    first = {"week": start, "month": week_month(start)[0], "year": dt.date(end.year, 1, 1)}
    held = set(earlier.stored["week"]) | {settings.label}
    imported = set(earlier.imported["month"])
    periods = Periods(first, {
        "week": time_progress(start, end, as_of),
        "month": time_progress(*week_month(start), as_of),
        "year": time_progress(first["year"], dt.date(end.year, 12, 31), as_of)},
        {p: coverage(first[p], as_of, held, imported) for p in ("month", "year")})
    per_rep = figs.per_rep
    if monthly is not None:
        targets = monthly[["rep", "month", "value"]]
        months = np.zeros(12)
        months[first["month"].month - 1] = 1.0
        per_rep["week_target"] = per_rep["rep"].map(
            period_target(targets, span_weights(start, end, end.year), ["rep"]))
        per_rep["month_target"] = per_rep["rep"].map(period_target(targets, months, ["rep"]))
        per_rep["year_target"] = per_rep["rep"].map(
            period_target(targets, np.ones(12), ["rep"]))
    else:  # the reps' own day targets: a week target, no month or year target
        typed = pd.to_numeric(per_rep["day_target"], errors="coerce")
        per_rep["week_target"] = typed.where(typed > 0)
        per_rep["month_target"] = per_rep["year_target"] = float("nan")
    per_rep["week_actual"] = per_rep["order_amount"].where(per_rep["status"] == "reported")
    for period, column in (("month", "mtd_actual"), ("year", "ytd_actual")):
        per_rep[column] = per_rep["rep"].map(orders_to_date(
            earlier.stored, earlier.imported, figs.visits, first[period], as_of))
    for name, (num, den) in PERIOD_RATIOS.items():
        per_rep[name] = ratio(per_rep[num], per_rep[den])
    return periods


def region_and_team(figs: WeekFigures, extra_sums: tuple[str, ...] = ()) -> None:
    """Give the region and team rows the sums of the per-rep columns that add up (targets,
    orders to date, report counts) and their ratios, computed from the sums. In place."""
    sums = [c for c in (*PERIOD_SUMS, *extra_sums) if c in figs.per_rep]
    if not sums:
        return
    figs.per_region = subtotals(figs.per_rep, figs.per_region, figs.team, sums,
                                PERIOD_RATIOS)


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
    days["week"] = [iso_week(d) for d in days["date"]]
    for column in ("order_amount", "collected_amount"):  # the day's sales, for to-date sums
        if len(rows.visits):
            amounts = pd.to_numeric(rows.visits[column], errors="coerce")
            sums = amounts.groupby([rows.visits["rep"], rows.visits["date"]]).sum(min_count=1)
            days[column] = sums.reindex(keys).to_numpy(dtype="float64")
        else:
            days[column] = float("nan")
    return days


def competitor_notes(visits: pd.DataFrame) -> pd.DataFrame:
    """Visits that brought news of a competitor, a customer's reaction or a customer."""
    cols = ["date", "rep", "customer", "competitor_info", "customer_feedback", "customer_news",
            "cell"]
    if visits.empty:
        return pd.DataFrame(columns=cols)
    mask = visits[["competitor_info", "customer_feedback", "customer_news"]].notna().any(axis=1)
    return visits.loc[mask, cols].sort_values(["date", "rep"], kind="stable")


__all__ = [
    "DEFAULT_COMMISSION",
    "FUNNEL",
    "WEEKDAYS",
    "Earlier",
    "Periods",
    "WeekFigures",
    "WeekRows",
    "WeekSettings",
    "achievement_chart",
    "add_periods",
    "chart_period",
    "competitor_notes",
    "day_sources",
    "funnel",
    "history_days",
    "pick_week",
    "plain",
    "plan_counts",
    "region_and_team",
    "roster",
    "settle",
    "week_figures",
    "week_month",
    "with_roster",
]
