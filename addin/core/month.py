"""The monthly control (月度控制) as pure pandas: a month of stored rep-days by rep and by
week, and month, quarter and year to date against targets and the time elapsed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import rollup as figures
from .achievement import actual_to_date, behind_pace, period_target, ratio
from .periods import iso_week, month_bounds, quarter_bounds, time_progress, year_bounds

BEHIND = "behind"  # the behind_pace value of a rep whose achievement trails the time gone


@dataclass
class MonthFigures:
    month: str  # 2026-11
    per_rep: pd.DataFrame
    weeks: pd.DataFrame
    rep_weeks: pd.DataFrame
    days_on_record: int
    progress: dict[str, float]  # month/quarter/year_time_progress


def planned_rows(days: pd.DataFrame) -> pd.DataFrame:
    """The planned-visit count each stored day kept, as rows the aggregation can count."""
    if days.empty:
        return pd.DataFrame(columns=["rep", "region", "date", "week", "kind"])
    counts = days["visits_planned"].fillna(0).astype(int)
    rows = days.loc[days.index.repeat(counts), ["rep", "region", "date", "week"]]
    return rows.assign(kind="visit").reset_index(drop=True)


def _within(frame: pd.DataFrame, a: dt.date, b: dt.date) -> pd.DataFrame:
    return frame[[a <= d <= b for d in frame["date"]]] if len(frame) else frame


def month_figures(days: pd.DataFrame, visits: pd.DataFrame, first: dt.date, as_of: dt.date,
                  commission: float) -> MonthFigures:
    """The month of `first` from the stored rep-days and visits (of at least that year)."""
    m_start, m_end = month_bounds(first)
    q_start, q_end = quarter_bounds(first)
    y_start, y_end = year_bounds(first)
    days = days.assign(week=[iso_week(d) for d in days["date"]])
    visits = visits.assign(week=[iso_week(d) for d in visits["date"]], file="")
    reported = days[days["reported"]]
    m_days, m_visits = _within(reported, m_start, m_end), _within(visits, m_start, m_end)
    m_plans = planned_rows(_within(days, m_start, m_end))
    per_rep = figures.aggregate(m_days, m_visits, m_plans, ["region", "rep"], commission)
    counts = m_days[m_days["working"]].groupby("rep")["date"].nunique()
    per_rep.insert(2, "days_reported", per_rep["rep"].map(counts).fillna(0).astype(int))
    weeks = figures.aggregate(m_days, m_visits, m_plans, ["week"], commission)
    if len(m_days):
        span = m_days.groupby("week")["date"].agg(["min", "max"])
        weeks["date_from"] = weeks["week"].map(span["min"])
        weeks["date_to"] = weeks["week"].map(span["max"])
        weeks["reps_reported"] = weeks["week"].map(m_days.groupby("week")["rep"].nunique())
    rep_weeks = figures.aggregate(m_days, m_visits, m_plans, ["rep", "week"], commission)
    progress = {"month_time_progress": time_progress(m_start, m_end, as_of),
                "quarter_time_progress": time_progress(q_start, q_end, as_of),
                "year_time_progress": time_progress(y_start, y_end, as_of)}
    return MonthFigures(f"{first:%Y-%m}", per_rep, weeks, rep_weeks, len(m_days), progress)


def add_period_targets(figs: MonthFigures, monthly: pd.DataFrame, visits: pd.DataFrame,
                       first: dt.date) -> None:
    """Month, quarter-to-date and year-to-date achievement against the monthly targets
    per rep (`monthly`: rep, month, value), and who is behind pace. In place."""
    q_start = quarter_bounds(first)[0]
    month_end = month_bounds(first)[1]
    targets = monthly[["rep", "month", "value"]]

    def target(months: range | list[int]) -> pd.Series:
        weights = np.zeros(12)
        weights[[m - 1 for m in months]] = 1.0
        return period_target(targets, weights, ["rep"])

    out = figs.per_rep
    out["month_target"] = out["rep"].map(target([first.month]))
    out["month_achievement"] = ratio(out["order_amount"], out["month_target"])
    out["qtd_actual"] = out["rep"].map(
        actual_to_date(visits, q_start, month_end, ["rep"], "order_amount")).fillna(0)
    out["quarter_target"] = out["rep"].map(target(range(q_start.month, q_start.month + 3)))
    out["qtd_achievement"] = ratio(out["qtd_actual"], out["quarter_target"])
    out["ytd_actual"] = out["rep"].map(actual_to_date(
        visits, dt.date(first.year, 1, 1), month_end, ["rep"], "order_amount")).fillna(0)
    out["year_target"] = out["rep"].map(target(range(1, 13)))
    out["ytd_achievement"] = ratio(out["ytd_actual"], out["year_target"])
    behind = behind_pace(out["month_achievement"], figs.progress["month_time_progress"])
    out["behind_pace"] = [BEHIND if b else None for b in behind]
