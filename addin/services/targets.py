"""Job: break the company's targets down (`salesbook targets`, later an Excel button).

Reads a filled targets workbook, checks every row against the reps and products it
names (problems name sheet and cell; a row that cannot be used is left out, never
guessed), runs the engine, and writes a new workbook beside the input: the input's own
sheets plus the breakdown, pivots, cards, progress, activity targets and audit. The
input is never modified.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..catalogue import set_run_lang
from ..core.targets import (
    Activity,
    Breakdown,
    Progress,
    activity_targets,
    compute_breakdown,
    progress,
)
from ..errors import OutputError
from ..io.targets_input import read_targets
from ..io.targets_out import write_targets_workbook
from ..problems import Problem, has_errors
from ..schema import workbook

OUTPUT_SUFFIX = ".breakdown.xlsx"


@dataclass
class TargetsResult:
    """What a breakdown run produced; `records` is the long table the JSON prints."""

    input: Path
    output: Path | None
    lang: str
    breakdown: Breakdown
    records: pd.DataFrame
    totals: dict[str, float]
    problems: list[Problem] = field(default_factory=list)
    progress: Progress | None = None
    activity: Activity | None = None
    timings: dict[str, float] = field(default_factory=dict)  # read / compute / write seconds

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)

    def as_json(self) -> dict:
        """{"records": [{metric, rep, region, product, month, value}], "totals": {...}}."""
        r = self.records
        values = r["value"].to_numpy()
        whole = bool(np.all(np.mod(values, 1) == 0)) if len(values) else True
        cols = {
            "metric": r["metric"].astype(str).tolist(),
            "rep": r["rep"].astype(str).tolist(),
            "region": r["region"].astype(str).tolist(),
            "product": r["product"].astype(str).tolist(),
            "month": r["month"].astype(int).tolist(),
            "value": values.astype(np.int64).tolist() if whole else values.tolist(),
        }
        keys = list(cols)
        records = [dict(zip(keys, row, strict=True)) for row in zip(*cols.values(), strict=True)]
        return {"records": records, "totals": self.totals}


def default_output(path: str | Path) -> Path:
    """`<input stem>.breakdown.xlsx` beside the input."""
    path = Path(path)
    return path.with_name(path.stem + OUTPUT_SUFFIX)


# -- the job ----------------------------------------------------------------------------
def run_targets(path: str | Path, out: str | Path | None = None, *,
                today: dt.date | None = None, write: bool = True) -> TargetsResult:
    """Break down the targets in `path` and write `<stem>.breakdown.xlsx` (or `out`).

    Raises InputError when the workbook cannot be used at all and ConfigError when its
    locked cells cannot be honoured; every other problem is in `.problems`.
    """
    path = Path(path)
    out_path = Path(out) if out is not None else default_output(path)
    if out_path.resolve() == path.resolve():
        raise OutputError("output.same_as_input", path=out_path)
    clock = _Clock()
    read = read_targets(path, today=today)
    inputs = read.inputs
    set_run_lang(inputs.lang)  # problems and errors speak the workbook's language
    clock.lap("read")
    breakdown = compute_breakdown(inputs)
    prog = progress(breakdown, inputs.actuals, today or dt.date.today())
    act = activity_targets(breakdown, inputs.funnel)
    clock.lap("compute")
    written = None
    if write:
        written = write_targets_workbook(out_path, inputs.lang, breakdown, inputs=read.sheets,
                                         progress=prog, activity=act, problems=read.problems,
                                         overrides=inputs.overrides)
    clock.lap("write")
    return TargetsResult(path, written, inputs.lang, breakdown, breakdown.records(),
                         breakdown.totals(), read.problems, prog, act, clock.laps)


class _Clock:
    """Seconds each step of a run took (read, compute, write)."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._t = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.laps[step] = now - self._t
        self._t = now


def write_demo(out_dir: str | Path) -> dict[str, Path]:
    """A believable filled targets workbook for the sample company, and its breakdown."""
    from ..io.templates import write_workbook
    from ..sample.targets import SAMPLE_AS_OF, SAMPLE_LANG, targets_content

    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    spec = workbook("targets")
    source = write_workbook(spec, SAMPLE_LANG, folder / spec.filename(SAMPLE_LANG),
                            targets_content())
    result = run_targets(source, today=SAMPLE_AS_OF)
    return {"targets": source, "breakdown": result.output}
