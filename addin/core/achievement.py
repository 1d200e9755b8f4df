"""Achievement against targets and time (达成率 vs 时间进度), one rule for every report.

The weekly rollup, the monthly control and the targets breakdown's progress sheet all ask
the same questions: what is the target of a period (a week, a month, a quarter, a year),
what was achieved in it to a date, and how much of the period has gone. Targets are kept
per month; a period takes each month's target in proportion to the working days it covers
(a week of 6 working days in a month of 25 takes 6/25 of that month's target; a week that
spans two months takes its share of each).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .timeprogress import WORKWEEK, count_days, period_bounds, time_progress


def ratio(num: pd.Series, den: pd.Series) -> pd.Series:
    """num / den, empty (NaN) where the denominator is zero or missing, never 0 or inf."""
    num = pd.to_numeric(num, errors="coerce").astype("float64")
    den = pd.to_numeric(den, errors="coerce").astype("float64")
    return (num / den).where(den > 0)


def month_weights(period: str, as_of: dt.date, year: int, workweek: int = WORKWEEK
                  ) -> np.ndarray:
    """How much of each month's target (January first) belongs to the period containing
    `as_of`: whole months for month, quarter and year; for a week, its working days in a
    month ÷ that month's working days."""
    first, last = period_bounds(period, as_of)
    return span_weights(first, last, year, workweek)


def span_weights(first: dt.date, last: dt.date, year: int, workweek: int = WORKWEEK
                 ) -> np.ndarray:
    """Like month_weights, for the working days from `first` to `last` (a week's days)."""
    w = np.zeros(12)
    d = first
    while d <= last:
        if d.year == year and d.weekday() < workweek:
            month_first, month_last = period_bounds("month", d)
            w[d.month - 1] += 1.0 / count_days(month_first, month_last, workweek)
        d += dt.timedelta(days=1)
    return w


def period_target(monthly: pd.DataFrame, weights: np.ndarray, keys: list[str]) -> pd.Series:
    """Target per group of `keys` for a period: each month's `value` × the period's weight
    for that month, summed, to the cent. `monthly` has keys, `month` (1-12) and `value`."""
    if monthly.empty:
        return pd.Series(dtype="float64")
    w = weights[monthly["month"].astype(int).to_numpy() - 1]
    part = monthly[keys].assign(_v=monthly["value"].astype("float64").to_numpy() * w)
    return part.groupby(keys)["_v"].sum().round(2)


def actual_to_date(actuals: pd.DataFrame, first: dt.date, as_of: dt.date, keys: list[str],
                   value: str = "value") -> pd.Series:
    """Sum of `value` per group of `keys` for dates from `first` to `as_of` inclusive."""
    if actuals.empty:
        return pd.Series(dtype="float64")
    dates = actuals["date"]
    mask = np.fromiter(((first <= d <= as_of) for d in dates), dtype=bool, count=len(dates))
    sel = actuals[mask]
    return pd.to_numeric(sel[value], errors="coerce").groupby(
        [sel[k] for k in keys]).sum(min_count=1)


def period_progress(period: str, as_of: dt.date, workweek: int = WORKWEEK) -> float:
    """Share of the period (week, month, quarter, year) containing `as_of` gone by its end."""
    return time_progress(period, as_of, workweek)


def behind_pace(achievement: pd.Series, time_elapsed: float | pd.Series) -> pd.Series:
    """True where achievement is known and below the share of time gone."""
    a = pd.to_numeric(achievement, errors="coerce")
    return a.notna() & (a < time_elapsed)




# -- what the history holds ---------------------------------------------------------------
@dataclass
class Coverage:
    """Which weeks of a period (to the report's week) the figures rest on: weeks with
    rep-days stored or rolled up now, and months loaded as imported actuals."""

    weeks: list[str]  # every ISO week of the period, to the report's week
    held: list[str]  # weeks with stored or current rep-days
    imported: list[str]  # months (YYYY-MM) whose actuals were imported
    first: dt.date | None = None  # the period's first day: days before it need no cover
    last: dt.date | None = None  # the period's last day: days after it need none either

    @property
    def missing(self) -> list[str]:
        return [w for w in self.weeks if w not in self.held and not self._imported(w)]

    @property
    def complete(self) -> bool:
        return not self.missing

    def _imported(self, week: str) -> bool:
        """A week counts as covered when every working day of it in the period lies in
        imported months (the year's first week may begin in December, a month's last week
        end in the next month)."""
        monday = dt.date.fromisocalendar(int(week[:4]), int(week[6:]), 1)
        days = (monday + dt.timedelta(days=i) for i in range(6))
        return all(f"{d:%Y-%m}" in self.imported for d in days
                   if (self.first is None or d >= self.first)
                   and (self.last is None or d <= self.last))


def weeks_between(first: dt.date, last: dt.date) -> list[str]:
    """The ISO weeks (2026-W45) with a working day from `first` to `last`."""
    out: list[str] = []
    d = first
    while d <= last:
        if d.weekday() < WORKWEEK:
            year, week, _ = d.isocalendar()
            label = f"{year}-W{week:02d}"
            if not out or out[-1] != label:
                out.append(label)
        d += dt.timedelta(days=1)
    return out


def coverage(first: dt.date, as_of: dt.date, held: set[str], imported: set[str]
             ) -> Coverage:
    weeks = weeks_between(first, as_of)
    return Coverage(weeks, [w for w in weeks if w in held], sorted(imported), first, as_of)


def orders_to_date(stored: pd.DataFrame, imported: pd.DataFrame, current: pd.DataFrame,
                   first: dt.date, as_of: dt.date) -> pd.Series:
    """Orders per rep from `first` to `as_of`: the rep-days stored before this week
    (`stored`: rep, month, order_amount, by week), this week's visits (`current`: rep,
    date, order_amount), and imported months (`imported`: rep, month, sales) for the
    months where a rep has no rep-days stored: daily figures win over an import."""
    months = {f"{d:%Y-%m}" for d in pd.date_range(first, as_of, freq="D")}
    parts = []
    if len(stored):
        s = stored[stored["month"].isin(months)]
        parts.append(pd.to_numeric(s["order_amount"], errors="coerce").groupby(s["rep"]).sum())
        daily = set(zip(s["rep"], s["month"], strict=True))
    else:
        daily = set()
    if len(current):
        parts.append(actual_to_date(current, first, as_of, ["rep"], "order_amount"))
        seen = current[["rep", "date"]].drop_duplicates()  # a few per rep, not every visit
        daily |= {(r, f"{d:%Y-%m}") for r, d in zip(seen["rep"], seen["date"], strict=True)}
    if len(imported):
        i = imported[imported["month"].isin(months)]
        keep = np.fromiter(((r, m) not in daily for r, m in zip(i["rep"], i["month"],
                                                                strict=True)),
                           dtype=bool, count=len(i))  # a list would pick columns when empty
        i = i[keep]
        parts.append(pd.to_numeric(i["sales"], errors="coerce").groupby(i["rep"]).sum())
    if not parts:
        return pd.Series(dtype="float64")
    return pd.concat(parts, axis=1).sum(axis=1, min_count=1)


def subtotals(per_rep: pd.DataFrame, per_region: pd.DataFrame, team: dict, sums: list[str],
              ratios: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """Region subtotals and the team total of the per-rep columns that add up (targets,
    actuals to date), with their ratios computed from the sums, never averaged. A region
    whose reps all sent nothing still gets its row, so regions add up to the team. Returns
    the regions (a new frame when a row was added); fills `team` in place."""
    by_region = per_rep.groupby(per_rep["region"].fillna(""))[sums].sum(min_count=1)
    region = per_region["region"].fillna("")
    silent = [r for r in by_region.index if r not in set(region)]
    if silent:
        per_region = pd.concat([per_region, pd.DataFrame({"region": silent})],
                               ignore_index=True)
        region = per_region["region"].fillna("")
    for column in sums:
        per_region[column] = region.map(by_region[column]).to_numpy()
        team[column] = plain(per_rep[column].sum(min_count=1))
    for name, (num, den) in ratios.items():
        if num in sums:
            per_region[name] = ratio(per_region[num], per_region[den])
            team[name] = plain(ratio(pd.Series([team[num]], dtype="float64"),
                                     pd.Series([team[den]], dtype="float64")).iloc[0])
    return per_region


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
