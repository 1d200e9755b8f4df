"""Job: the main job on built-in sample data, so a new user sees the whole product work.

It writes the templates, a sample team's filled week, and whatever later jobs derive from
them (target breakdown, visit plans, the weekly rollup), all into one folder.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..core.periods import iso_week as week_label
from ..io.templates import write_workbook
from ..sample.week import DUPLICATED_REPS, SAMPLE_WEEK_START, week_contents
from ..schema import workbook
from .month import run_month
from .plan import write_demo as plan_demo
from .rollup import run_rollup
from .targets import write_demo as targets_demo
from .templates import make_templates


@dataclass
class DemoResult:
    out_dir: Path
    templates: list[Path] = field(default_factory=list)
    rep_workbooks: list[Path] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)  # what later steps produced


def write_sample_week(folder: Path) -> list[Path]:
    """One rep weekly workbook per sample rep (zh or en as the rep uses), filled."""
    folder.mkdir(parents=True, exist_ok=True)
    spec = workbook("rep_weekly")
    label = week_label(SAMPLE_WEEK_START)
    written = []
    for rep, (lang, content) in week_contents().items():
        path = write_workbook(spec, lang, folder / f"{label}_{rep}.xlsx", content)
        written.append(path)
        if rep in DUPLICATED_REPS:  # sent twice: the rollup must not count it twice
            copy = folder / f"{label}_{rep} (2).xlsx"
            shutil.copyfile(path, copy)
            written.append(copy)
    return written


def run_demo(out_dir: str | Path) -> DemoResult:
    """Templates, the sample week, each rep's weekly summary, the team report and the
    month so far, as a manager would produce them, in one folder."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    result = DemoResult(out)
    result.templates = make_templates(out / "templates")
    label = week_label(SAMPLE_WEEK_START)
    week_folder = out / "reports" / label
    if week_folder.exists():  # a rerun starts from a clean week, as the reps would send it
        shutil.rmtree(week_folder)
    result.rep_workbooks = write_sample_week(week_folder)
    made = targets_demo(out / "targets")
    result.outputs.update({"targets": made["targets"], "breakdown": made["breakdown"]})
    targets = made["breakdown"]  # the rollup's achievement columns and its roster
    result.outputs.update(plan_demo(out / "plans"))
    for path in result.rep_workbooks:  # each rep's own "roll up my week" button
        if "(" not in path.stem:
            run_rollup([path])
    history = out / "salesbook-history.sqlite"
    next_week = out / "plans" / week_label(SAMPLE_WEEK_START + dt.timedelta(days=7))
    team = run_rollup([week_folder, next_week], targets=targets, history=history, out=out,
                      week=label)  # the report goes beside the history, named for the week
    result.outputs["team report"] = team.output
    result.outputs["history"] = history
    month = run_month(f"{SAMPLE_WEEK_START:%Y-%m}", history=history, targets=targets)
    result.outputs["monthly control"] = month.output
    return result
