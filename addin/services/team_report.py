"""Assemble the team weekly report's sheets from a rollup result (what goes where); the
io layer lays them out and draws the charts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..core.rollup import team_table
from ..io.team_writer import funnel_rows, write_team_report

if TYPE_CHECKING:
    from .rollup import RollupResult


# beyond these the detail stays in the history store (tables `visits` and `days`); the
# report keeps every figure per rep, and each rep row names its source file
MAX_VISIT_ROWS = 5000
MAX_DAY_ROWS = 5000


def _problems(result: RollupResult) -> pd.DataFrame:
    order = {"error": 0, "warning": 1, "info": 2}
    rows = [p.as_dict() for p in result.problems]
    df = pd.DataFrame(rows, columns=["severity", "file", "sheet", "cell", "message"])
    return df.sort_values("severity", key=lambda s: s.map(order), kind="stable")


def _achievement(result: RollupResult, has_targets: bool) -> pd.DataFrame:
    reps = result.per_rep[result.per_rep["status"] == "reported"].sort_values(["region", "rep"])
    if has_targets:
        return pd.DataFrame({"rep": reps["rep"], "achievement": reps["mtd_achievement"],
                             "time_progress": result.team["month_time_progress"]})
    return pd.DataFrame({"rep": reps["rep"], "achievement": reps["achievement_rate"],
                         "time_progress": result.team["week_time_progress"]})


def write_team(result: RollupResult, output: Path, commission: float, folders: list[str],
               targets: str | Path | None, history: Path | None, all_visits: bool = False
               ) -> Path:
    """The team report; the list of every visit is left out above MAX_VISIT_ROWS unless
    `all_visits` (a big team's visits are in the history store, table `visits`)."""
    team_frame = pd.DataFrame([result.team])
    table, bold = team_table(result.per_rep, result.per_region.assign(status="subtotal"),
                             team_frame)
    days = result.per_day.copy()
    days["source"] = [f"{r}" for r in days["rep"]]
    sources = result.visits.groupby(["rep", "date"])["sheet"].first().to_dict() \
        if len(result.visits) else {}
    files = result.visits.groupby(["rep", "date"])["file"].first().to_dict() \
        if len(result.visits) else {}
    days["source"] = [f"{files.get((r, d), '')}!{sources.get((r, d), '')}".strip("!")
                      for r, d in zip(days["rep"], days["date"], strict=True)]
    market = result.market.rename(columns={}) if len(result.market) else result.market
    content = {
        "settings": {"fields": {"reports_folder": "; ".join(folders), "week": result.week,
                                "commission_rate": commission,
                                "targets_file": str(targets) if targets else None,
                                "history_file": str(history) if history else None}},
        "reps": {"fields": {**result.team, "week": result.week, "commission_rate": commission,
                            "generated_at": dt.datetime.now().strftime("%Y-%m-%d %H:%M")},
                 "tables": {"reps": table}},
        "dashboard": {"tables": {
            "achievement": _achievement(result, targets is not None),
            "funnel": funnel_rows(result.team, result.lang)}},
        "competitors": {"tables": {"notes": result.competitors}},
        "market": {"tables": {"reports": market}},
        "abnormal": {"tables": {"customers": result.abnormal}},
        "objections": {"tables": {"pareto": result.pareto}},
        "next_week": {"tables": {"plan": result.next_week}},
        "coverage": {"tables": {"coverage": result.coverage}},
        "days": {"tables": {"days": days if all_visits or len(days) <= MAX_DAY_ROWS
                            else days.iloc[:0]}},
        "visits": {"tables": {"visits": result.visits if all_visits or
                              len(result.visits) <= MAX_VISIT_ROWS else result.visits.iloc[:0]}},
        "problems": {"tables": {"problems": _problems(result)}},
    }
    return write_team_report(output, result.lang, content, {"reps.reps": bold})
