"""Job: the monthly control report (月度控制) for senior managers, from the history store
that every weekly rollup feeds: the month by rep and by week, and month, quarter and
year-to-date achievement against time elapsed. It only reads the store."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..catalogue import Message, msg, run_lang, set_run_lang
from ..core import month as core
from ..core.periods import month_bounds
from ..core.week import DEFAULT_COMMISSION, plain, roster
from ..errors import InputError
from ..io import history as stores
from ..io.monthly_writer import write_monthly_report
from ..io.targets_source import month_targets
from ..io.team_book import read_team_book
from ..problems import Problem
from ..schema import workbook
from ..schema.metrics import METRIC_KEYS

JSON_COLUMNS = ("rep", "region", "status", "days_reported", *METRIC_KEYS, "month_target",
                "month_actual", "month_achievement", "quarter_target", "qtd_actual",
                "qtd_achievement", "year_target", "ytd_actual", "ytd_achievement")


@dataclass
class MonthResult(core.MonthFigures):
    output: Path | None = None
    problems: list[Problem] = field(default_factory=list)
    sources: dict[str, Message] = field(default_factory=dict)

    def as_json(self) -> dict:
        cols = [c for c in JSON_COLUMNS if c in self.per_rep]
        return {"month": self.month, "progress": self.progress,
                "reps": [{k: plain(v) for k, v in r.items()}
                         for r in self.per_rep[cols].to_dict("records")],
                "team": {k: plain(v) for k, v in self.team.items()},
                "weeks": [{k: plain(v) for k, v in r.items()}
                          for r in self.weeks.to_dict("records")],
                "output": str(self.output) if self.output else None}


def parse_month(text: str) -> dt.date:
    try:
        year, month = text.split("-")
        return dt.date(int(year), int(month), 1)
    except ValueError:
        raise InputError("month.bad_month", text=text) from None


def run_month(month: str, *, history: str | Path, targets: str | Path | None = None,
              team: str | Path | None = None, out: str | Path | None = None,
              lang: str | None = None, commission_rate: float | None = None,
              today: dt.date | None = None) -> MonthResult:
    """The monthly control of `month` ('2026-11'), written to `out` (default: beside the
    history store); the store is opened read-only."""
    set_run_lang(lang)
    first = parse_month(month)
    m_start, m_end = month_bounds(first)
    as_of = min(today or dt.date.today(), m_end)
    with stores.open_store(history) as store:
        stored_months = store.months()
        lang = lang or store.language() or run_lang()
        set_run_lang(lang)
        if f"{first:%Y-%m}" not in stored_months:
            raise InputError("month.nothing_stored", history=history, month=f"{first:%Y-%m}",
                             stored=stored_months or "-")
        days, visits = store.load(m_start, m_end)
        stored = store.order_totals(dt.date(first.year, 1, 1), m_end)
        imported = store.imported(f"{first:%Y}-01", f"{first:%Y-%m}")
        seen = store.reps_seen(m_start, m_end + dt.timedelta(days=1))
    monthly = month_targets(targets) if targets else None
    who, source = _roster(team, monthly, seen)
    figures = core.month_figures(days, visits, first, as_of, DEFAULT_COMMISSION
                                 if commission_rate is None else commission_rate, who)
    core.add_period_figures(figures, monthly, stored, imported, first, as_of)
    result = MonthResult(**vars(figures), sources={
        "roster": msg(f"source.{source}", weeks=4),
        "targets": msg("source.targets_breakdown", file=Path(targets).name) if targets
        else msg("source.no_targets")})
    result.output = Path(out) if out else Path(history).parent / (
        f"{Path(workbook('monthly').filename(lang)).stem}_{result.month}.xlsx")
    write_monthly_report(result.output, lang, result, result.sources, result.problems)
    return result


def _roster(team: str | Path | None, monthly: pd.DataFrame | None, seen: pd.DataFrame
            ) -> tuple[pd.DataFrame, str]:
    """Who should have reported this month: the team workbook's roster, else the targets'
    reps who send workbooks, else the reps who reported in the month."""
    if team:
        listed = read_team_book(team).roster()
        if len(listed):
            return roster(listed), "roster_team"
    if monthly is not None:
        reps = monthly[monthly["files_reports"]].drop_duplicates("rep")
        if len(reps):
            return roster(reps), "roster_targets"
    return roster(seen), "roster_month"
