"""Write the monthly control (月度控制): what goes on each sheet, laid out by the schema."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from ..catalogue import Message
from ..core.month import MonthFigures
from ..core.rollup import team_table
from ..problems import Problem
from ..schema import workbook
from .team_writer import coverage_text, problems_frame, write_report


def monthly_content(figs: MonthFigures, sources: dict[str, Message],
                    problems: list[Problem], lang: str) -> tuple[dict, dict]:
    """{sheet: {fields, tables}} of the monthly control, and its subtotal rows to bold."""
    table, bold = team_table(figs.per_rep, figs.per_region.assign(status="subtotal"),
                             pd.DataFrame([figs.team]))
    progress = {k: (v if figs.coverage[k.split("_")[0]].complete else None)
                for k, v in figs.progress.items()}  # no red for weeks nobody stored
    content = {
        "targets": {"fields": {"month": figs.month, "days_in_history": figs.days_on_record,
                               "generated_at": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
                               "target_source": sources["targets"].render(lang),
                               "roster_source": sources["roster"].render(lang),
                               "history_coverage": coverage_text(figs.coverage["year"]
                                                                 ).render(lang),
                               **progress},
                    "tables": {"targets": table}},
        "activity": {"tables": {"reps": table}},
        "weeks": {"tables": {"weeks": figs.weeks}},
        "rep_weeks": {"tables": {"rep_weeks": figs.rep_weeks}},
        "problems": {"tables": {"problems": problems_frame(problems, lang)}},
    }
    return content, {"targets.targets": bold, "activity.reps": bold}


def write_monthly_report(path: Path, lang: str, figs: MonthFigures,
                         sources: dict[str, Message], problems: list[Problem]) -> Path:
    content, bold = monthly_content(figs, sources, problems, lang)
    return write_report(workbook("monthly"), path, lang, content, bold_rows=bold)
