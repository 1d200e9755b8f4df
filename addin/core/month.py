"""The monthly control (月度控制) as pure pandas: a month of stored rep-days by rep (with
region subtotals and the team total) and by week, and the month, quarter and year to date
against targets and the time elapsed. The rules are the weekly report's (see
core.achievement): one measure of sales, one target per period, honest coverage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from . import rollup as figures
from .achievement import (
    Coverage,
    behind_pace,
    coverage,
    orders_to_date,
    period_target,
    ratio,
    subtotals,
)
from .periods import iso_week, month_bounds, quarter_bounds, time_progress, year_bounds
from .week import plain, with_roster

BEHIND = "behind"  # the behind_pace value of a rep whose achievement trails the time gone
PERIODS = {"month": "month_actual", "quarter": "qtd_actual", "year": "ytd_actual"}
RATIOS = {"month_achievement": ("month_actual", "month_target"),
          "qtd_achievement": ("qtd_actual", "quarter_target"),
          "ytd_achievement": ("ytd_actual", "year_target")}
SUMS = ("month_target", "month_actual", "quarter_target", "qtd_actual", "year_target",
        "ytd_actual", "days_reported")


@dataclass
class MonthFigures:
    month: str  # 2026-11
    per_rep: pd.DataFrame
    per_region: pd.DataFrame
    team: dict[str, Any]
    weeks: pd.DataFrame
    rep_weeks: pd.DataFrame
    days_on_record: int
    progress: dict[str, float]  # month/quarter/year_time_progress
    coverage: dict[str, Coverage] = field(default_factory=dict)


def planned_rows(days: pd.DataFrame) -> pd.DataFrame:
    """The planned-visit count each stored day kept, as rows the aggregation can count."""
    if days.empty:
        return pd.DataFrame(columns=["rep", "region", "date", "week", "kind"])
    counts = days["visits_planned"].fillna(0).astype(int)
    rows = days.loc[days.index.repeat(counts), ["rep", "region", "date", "week"]]
    return rows.assign(kind="visit").reset_index(drop=True)


def month_figures(days: pd.DataFrame, visits: pd.DataFrame, first: dt.date, as_of: dt.date,
                  commission: float, roster: pd.DataFrame) -> MonthFigures:
    """The month of `first` from its stored rep-days and visits; reps on the `roster` who
    sent nothing all month are listed as missing."""
    m_start, m_end = month_bounds(first)
    days = days.assign(week=[iso_week(d) for d in days["date"]])
    visits = visits.assign(week=[iso_week(d) for d in visits["date"]], file="")
    m_days = days[days["reported"]]
    m_plans = planned_rows(days)
    rows = figures.counted(m_days, visits, m_plans, ("region", "rep", "week"))
    per_rep = figures.figures_by(rows, ["region", "rep"], commission)
    counts = m_days[m_days["working"]].groupby("rep")["date"].nunique()
    per_rep["days_reported"] = per_rep["rep"].map(counts).fillna(0).astype(int)
    per_rep["status"] = "reported"
    per_rep, _ = with_roster(per_rep, roster)
    per_region = figures.figures_by(rows, ["region"], commission)
    team_row = figures.figures_by(rows, [], commission)
    team = {k: plain(team_row.iloc[0][k]) for k in team_row.columns} if len(team_row) else {}
    weeks = figures.figures_by(rows, ["week"], commission)
    if len(m_days):
        span = m_days.groupby("week")["date"].agg(["min", "max"])
        weeks["date_from"] = weeks["week"].map(span["min"])
        weeks["date_to"] = weeks["week"].map(span["max"])
        weeks["reps_reported"] = weeks["week"].map(m_days.groupby("week")["rep"].nunique())
    rep_weeks = figures.figures_by(rows, ["rep", "week"], commission)
    progress = {"month_time_progress": time_progress(m_start, m_end, as_of),
                "quarter_time_progress": time_progress(*quarter_bounds(first), as_of),
                "year_time_progress": time_progress(*year_bounds(first), as_of)}
    return MonthFigures(f"{first:%Y-%m}", per_rep, per_region, team, weeks, rep_weeks,
                        len(m_days), progress)


def add_period_figures(figs: MonthFigures, monthly: pd.DataFrame | None,
                       stored: pd.DataFrame, imported: pd.DataFrame, first: dt.date,
                       as_of: dt.date) -> None:
    """Month, quarter-to-date and year-to-date orders (stored rep-days, imported months
    where a rep has none) against the monthly targets (`monthly`: rep, month, value;
    None: no targets), with region subtotals, the team total and who is behind. In place."""
    starts = {"month": first.replace(day=1), "quarter": quarter_bounds(first)[0],
              "year": dt.date(first.year, 1, 1)}
    months = {"month": [first.month], "quarter": range(starts["quarter"].month,
                                                       starts["quarter"].month + 3),
              "year": range(1, 13)}
    held = set(stored["week"])
    out = figs.per_rep
    empty = pd.DataFrame(columns=["rep", "date", "order_amount"])
    for period, actual in PERIODS.items():
        out[actual] = out["rep"].map(orders_to_date(stored, imported, empty, starts[period],
                                                    as_of))
        target = f"{period}_target"
        if monthly is None:
            out[target] = float("nan")
        else:
            weights = np.zeros(12)
            weights[[m - 1 for m in months[period]]] = 1.0
            out[target] = out["rep"].map(period_target(
                monthly[["rep", "month", "value"]], weights, ["rep"]))
        figs.coverage[period] = coverage(starts[period], as_of, held, set(imported["month"]))
    for name, (num, den) in RATIOS.items():
        out[name] = ratio(out[num], out[den])
    behind = behind_pace(out["month_achievement"], figs.progress["month_time_progress"])
    out["behind_pace"] = [BEHIND if b else None for b in behind]
    _subtotals(figs)


def _subtotals(figs: MonthFigures) -> None:
    figs.per_region = subtotals(figs.per_rep, figs.per_region, figs.team, list(SUMS), RATIOS)
