"""Job: the main job on built-in sample data, so a new user sees the whole product work.

It writes the templates, a sample team's filled week, and whatever later jobs derive from
them (target breakdown, visit plans, the weekly rollup), all into one folder.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..io.templates import write_workbook
from ..sample.week import DUPLICATED_REPS, SAMPLE_WEEK_START, week_contents
from ..schema import workbook
from .templates import make_templates


@dataclass
class DemoResult:
    out_dir: Path
    templates: list[Path] = field(default_factory=list)
    rep_workbooks: list[Path] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)  # what later steps produced


def week_label(week_start) -> str:
    year, week, _ = week_start.isocalendar()
    return f"{year}-W{week:02d}"


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
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    result = DemoResult(out)
    result.templates = make_templates(out / "templates")
    result.rep_workbooks = write_sample_week(out / "reports" / week_label(SAMPLE_WEEK_START))
    # -- later steps (targets, plan, rollup) hook in below --
    return result
