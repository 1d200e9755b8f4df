"""Job: the monthly control report (月度控制) for senior managers, from the history store
that every weekly rollup feeds: the month by rep and by week, and month, quarter and
year-to-date achievement against time elapsed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..core import rollup as core
from ..core.periods import iso_week, month_bounds, quarter_bounds, time_progress, year_bounds
from ..errors import InputError
from ..io import history as store
from ..io.targets_source import month_targets
from ..io.team_writer import write_monthly_report
from ..problems import Problem
from ..schema import workbook
from ..schema.metrics import METRIC_KEYS
from .rollup import DEFAULT_COMMISSION, _json_value

BEHIND = {"zh": "落后", "en": "Behind"}


@dataclass
class MonthResult:
    month: str
    per_rep: pd.DataFrame
    weeks: pd.DataFrame
    rep_weeks: pd.DataFrame
    days_on_record: int
    progress: dict[str, float]
    output: Path | None = None
    problems: list[Problem] = field(default_factory=list)

    def as_json(self) -> dict:
        cols = [c for c in ("rep", "region", "days_reported", *METRIC_KEYS, "month_target",
                            "month_achievement", "qtd_actual", "quarter_target",
                            "qtd_achievement", "ytd_actual", "year_target", "ytd_achievement")
                if c in self.per_rep]
        return {"month": self.month, "progress": self.progress,
                "reps": [{k: _json_value(v) for k, v in r.items()}
                         for r in self.per_rep[cols].to_dict("records")],
                "weeks": [{k: _json_value(v) for k, v in r.items()}
                          for r in self.weeks.to_dict("records")],
                "output": str(self.output) if self.output else None}


def parse_month(text: str) -> dt.date:
    try:
        year, month = text.split("-")
        return dt.date(int(year), int(month), 1)
    except ValueError:
        raise InputError(f"not a month like 2026-11: {text!r}") from None


def _plans_from(days: pd.DataFrame) -> pd.DataFrame:
    """The planned-visit count each stored day kept, as rows the aggregation can count."""
    if days.empty:
        return pd.DataFrame(columns=["rep", "region", "date", "week", "kind"])
    counts = days["visits_planned"].fillna(0).astype(int)
    rows = days.loc[days.index.repeat(counts), ["rep", "region", "date", "week"]]
    return rows.assign(kind="visit").reset_index(drop=True)


def run_month(month: str, *, history: str | Path, targets: str | Path | None = None,
              out: str | Path | None = None, lang: str = "zh",
              commission_rate: float | None = None, today: dt.date | None = None
              ) -> MonthResult:
    start = parse_month(month)
    m_start, m_end = month_bounds(start)
    q_start, q_end = quarter_bounds(start)
    y_start, y_end = year_bounds(start)
    as_of = min(today or dt.date.today(), m_end)
    days, visits = store.load(history, y_start, m_end)
    if days.empty:
        raise InputError(f"{history}: nothing stored for {start.year}; run `salesbook rollup` "
                         "first")
    days["week"] = [iso_week(d) for d in days["date"]]
    visits["week"] = [iso_week(d) for d in visits["date"]]
    visits["file"] = ""
    commission = DEFAULT_COMMISSION if commission_rate is None else commission_rate

    def within(frame: pd.DataFrame, a: dt.date, b: dt.date) -> pd.DataFrame:
        return frame[[a <= d <= b for d in frame["date"]]] if len(frame) else frame

    reported = days[days["reported"]]
    m_days, m_visits = within(reported, m_start, m_end), within(visits, m_start, m_end)
    m_plans = _plans_from(within(days, m_start, m_end))
    per_rep = core.aggregate(m_days, m_visits, m_plans, ["region", "rep"], commission)
    counts = m_days[m_days["working"]].groupby("rep")["date"].nunique()
    per_rep.insert(2, "days_reported", per_rep["rep"].map(counts).fillna(0).astype(int))
    weeks = core.aggregate(m_days, m_visits, m_plans, ["week"], commission)
    span = m_days.groupby("week")["date"].agg(["min", "max"]) if len(m_days) else None
    if span is not None:
        weeks["date_from"] = weeks["week"].map(span["min"])
        weeks["date_to"] = weeks["week"].map(span["max"])
        weeks["reps_reported"] = weeks["week"].map(m_days.groupby("week")["rep"].nunique())
    rep_weeks = core.aggregate(m_days, m_visits, m_plans, ["rep", "week"], commission)

    progress = {"month_time_progress": time_progress(m_start, m_end, as_of),
                "quarter_time_progress": time_progress(q_start, q_end, as_of),
                "year_time_progress": time_progress(y_start, y_end, as_of)}
    if targets:
        per_rep = _period_targets(per_rep, month_targets(targets), visits, start,
                                  progress, lang)
    result = MonthResult(f"{start:%Y-%m}", per_rep, weeks, rep_weeks, len(m_days), progress)
    spec = workbook("monthly")
    output = Path(out) if out else Path(history).parent / (
        f"{Path(spec.filename(lang)).stem}_{start:%Y-%m}.xlsx")
    content = {
        "reps": {"fields": {"month": result.month, "days_in_history": len(m_days),
                            "generated_at": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
                            **progress},
                 "tables": {"reps": per_rep}},
        "weeks": {"tables": {"weeks": weeks}},
        "rep_weeks": {"tables": {"rep_weeks": rep_weeks}},
        "problems": {"tables": {"problems": pd.DataFrame(
            columns=["severity", "file", "sheet", "cell", "message"])}},
    }
    write_monthly_report(output, lang, content)
    result.output = output
    return result


def _period_targets(per_rep: pd.DataFrame, targets: pd.DataFrame, visits: pd.DataFrame,
                    month_start: dt.date, progress: dict[str, float],
                    lang: str) -> pd.DataFrame:
    """Month, quarter-to-date and year-to-date achievement, and who is behind pace."""
    q_start = quarter_bounds(month_start)[0]
    months = month_start.month
    q_months = range(q_start.month, q_start.month + 3)

    month_end = month_bounds(month_start)[1]

    def actual(a: dt.date) -> pd.Series:
        """Orders reported from `a` to the end of the month."""
        v = visits[[a <= d <= month_end for d in visits["date"]]]
        return pd.to_numeric(v["order_amount"], errors="coerce").groupby(v["rep"]).sum()

    out = per_rep.copy()
    by_rep = targets.groupby(["rep", "month"])["value"].sum()

    def target(month_set: Any) -> pd.Series:
        sel = by_rep[by_rep.index.get_level_values("month").isin(list(month_set))]
        return sel.groupby(level="rep").sum()

    out["month_target"] = out["rep"].map(target([months]))
    out["month_achievement"] = core.ratio(out["order_amount"], out["month_target"])
    out["qtd_actual"] = out["rep"].map(actual(q_start)).fillna(0)
    out["quarter_target"] = out["rep"].map(target(q_months))
    out["qtd_achievement"] = core.ratio(out["qtd_actual"], out["quarter_target"])
    out["ytd_actual"] = out["rep"].map(actual(dt.date(month_start.year, 1, 1))).fillna(0)
    out["year_target"] = out["rep"].map(target(range(1, 13)))
    out["ytd_achievement"] = core.ratio(out["ytd_actual"], out["year_target"])
    behind = out["month_achievement"] < progress["month_time_progress"]
    out["behind_pace"] = [BEHIND[lang] if b else None for b in behind]
    return out
