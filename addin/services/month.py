"""Job: the monthly control report (月度控制) for senior managers, from the history store
that every weekly rollup feeds: the month by rep and by week, and month, quarter and
year-to-date achievement against time elapsed. It only reads the store."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..catalogue import run_lang, set_run_lang
from ..core import month as core
from ..core.periods import month_bounds, year_bounds
from ..core.week import DEFAULT_COMMISSION, plain
from ..errors import InputError
from ..io import history as stores
from ..io.targets_source import month_targets
from ..io.team_writer import problems_frame, write_monthly_report
from ..problems import Problem
from ..schema import workbook
from ..schema.metrics import METRIC_KEYS

JSON_COLUMNS = ("rep", "region", "days_reported", *METRIC_KEYS, "month_target",
                "month_achievement", "qtd_actual", "quarter_target", "qtd_achievement",
                "ytd_actual", "year_target", "ytd_achievement")


@dataclass
class MonthResult(core.MonthFigures):
    output: Path | None = None
    problems: list[Problem] = field(default_factory=list)

    def as_json(self) -> dict:
        cols = [c for c in JSON_COLUMNS if c in self.per_rep]
        return {"month": self.month, "progress": self.progress,
                "reps": [{k: plain(v) for k, v in r.items()}
                         for r in self.per_rep[cols].to_dict("records")],
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
              out: str | Path | None = None, lang: str | None = None,
              commission_rate: float | None = None, today: dt.date | None = None
              ) -> MonthResult:
    """The monthly control of `month` ('2026-11'), written to `out` (default: beside the
    history store); the store is opened read-only."""
    set_run_lang(lang)
    first = parse_month(month)
    m_end = month_bounds(first)[1]
    with stores.open_store(history) as store:
        days, visits = store.load(year_bounds(first)[0], m_end)
        stored = store.months()
        lang = lang or store.language() or run_lang()
    set_run_lang(lang)
    if f"{first:%Y-%m}" not in stored:
        raise InputError("month.nothing_stored", history=stores.describe(history),
                         month=f"{first:%Y-%m}",
                         stored=stored or "-")
    figures = core.month_figures(days, visits, first, min(today or dt.date.today(), m_end),
                                 DEFAULT_COMMISSION if commission_rate is None
                                 else commission_rate)
    if targets:
        core.add_period_targets(figures, month_targets(targets), visits, first)
    result = MonthResult(**vars(figures))
    result.output = Path(out) if out else stores.folder_of(history) / (
        f"{Path(workbook('monthly').filename(lang)).stem}_{result.month}.xlsx")
    write_monthly_report(result.output, lang, {
        "reps": {"fields": {"month": result.month, "days_in_history": result.days_on_record,
                            "generated_at": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
                            **result.progress},
                 "tables": {"reps": result.per_rep}},
        "weeks": {"tables": {"weeks": result.weeks}},
        "rep_weeks": {"tables": {"rep_weeks": result.rep_weeks}},
        "problems": {"tables": {"problems": problems_frame(result.problems, lang)}},
    })
    return result
