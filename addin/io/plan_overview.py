"""The team's plan overview (造访计划总览), written beside the reps' workbooks: coverage per
tier and rep, every planned contact, what was carried over and why, and every problem.

All of it in one language, the run's: labels, notes and problem texts alike.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..core import planning as core
from ..problems import Problem
from ..schema.plan_overview import PLAN_OVERVIEW
from .plan_books import notes_for
from .templates import write_workbook

CONTACT_KEYS = ("rep", "date", "planned_time", "customer_id", "customer", "area", "kind",
                "purpose", "tier", "tier_source", "due_date")


@dataclass
class Overview:
    """The overview workbook, ready to write (in a worker, beside the reps' workbooks)."""

    path: Path
    lang: str
    content: dict

    def write(self) -> dict[str, int]:
        write_workbook(PLAN_OVERVIEW, self.lang, self.path, self.content)
        return {}


@dataclass(frozen=True)
class Window:
    """The planning window as the overview's first table shows it."""

    period: str
    start: dt.date
    end: dt.date
    working_days: int
    customers: int
    source: str  # the customer master's file name


def _no_nan(rec: dict) -> dict:
    return {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in rec.items()}


def overview(path: Path, lang: str, window: Window, *, tiers: pd.DataFrame,
             reps: list[dict], regions: dict[str, Any], files: dict[str, list[str]],
             contacts: list[dict], carried: pd.DataFrame,
             problems: Iterable[Problem]) -> Overview:
    """The overview in `lang`: `tiers` and `reps` are the coverage from
    `core.planning.tier_coverage` / `rep_coverage`, `contacts` the schedule's records."""
    year = window.start.year
    rep_rows = [{**rec, "region": regions.get(rec["rep"]),
                 "file": ", ".join(files.get(rec["rep"], []))} for rec in reps]
    content = {
        "coverage": {"tables": {
            "run": [{"period": window.period, "start": window.start, "end": window.end,
                     "working_days": window.working_days, "customers": window.customers,
                     "reps": len(reps), "source": window.source}],
            "tiers": [_no_nan(rec) for rec in core.records(tiers)], "reps": rep_rows}},
        "contacts": {"tables": {"contacts": [
            {**{k: rec[k] for k in CONTACT_KEYS}, "notes": notes_for(rec, lang, year)}
            for rec in contacts]}},
        "carried_over": {"tables": {"carried_over": [
            {**rec, "notes": notes_for(rec, lang, year)} for rec in core.records(carried)]}},
        "problems": {"tables": {"problems": [
            {"severity": str(p.severity), "file": p.file, "sheet": p.sheet, "cell": p.cell,
             "message": p.text(lang)} for p in problems]}},
    }
    return Overview(path, lang, content)
