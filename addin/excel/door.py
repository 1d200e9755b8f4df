"""The Excel door: one function per button, each running the same service function as
the command line on the workbook the button sits in, and answering with a short result.

A job never writes into the workbook the button belongs to (Excel holds it open): new
workbooks go where the command line would put them, and values meant for the open
workbook travel as blocks in a small result file (addin.io.excel_result) that the
macro copies in. `run_job` is what `salesbook excel run JOB WORKBOOK` prints as JSON.
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..catalogue import run_lang, say, set_run_lang
from ..errors import InputError, SalesbookError
from ..io.excel_result import stamped_template, write_result
from ..io.xlsx_scan import stamped_lang
from ..schema import workbook
from ..workers import collector_paused
from .outcome import Outcome, problem_counts, shown_count


@dataclass(frozen=True)
class Job:
    key: str
    workbook: str  # the schema key of the workbook its button sits in
    run: Callable[[Path, Path], Outcome]  # (workbook, scratch folder) -> outcome


def _jobs() -> dict[str, Job]:
    from . import jobs

    return {j.key: j for j in (
        Job("week", "rep_weekly", jobs.roll_up_my_week),
        Job("plan", "customers", jobs.plan_the_week),
        Job("team", "team_weekly", jobs.team_report),
        Job("targets", "targets", jobs.break_down_targets),
        Job("month", "team_weekly", jobs.monthly_control),
    )}


JOB_KEYS = ("week", "plan", "team", "targets", "month")


def run_job(job: str, workbook_path: str | Path, *, result: str | Path | None = None
            ) -> dict[str, Any]:
    """Run a button's job on `workbook_path` and return its JSON. Never raises for what a
    user can meet: a failure is `ok: false` with the job's own one-line message. With
    `result`, the result file for the macro is written there too (always, also on a
    failure); a job that has values for the open workbook writes one anyway (in the
    temporary folder when no `result` is given)."""
    path = Path(workbook_path).resolve()
    lang = stamped_lang(path)
    set_run_lang(lang)
    try:
        with collector_paused():  # pandas' import alone would set it off ~145 times
            spec = _job(job)
            _check_workbook(path, spec)
            with tempfile.TemporaryDirectory(prefix="salesbook-excel-") as scratch:
                outcome = spec.run(path, Path(scratch))
        lang = run_lang()
        if outcome.blocks and result is None:
            result = _default_result(path, job)
        answer = _answer(job, path, outcome, lang)
    except SalesbookError as e:
        answer = _failure(job, path, e.code, e.render())
    except Exception as e:  # a fault of ours: one line for the user, the trace for the log
        traceback.print_exc(file=sys.stderr)
        detail = f"{type(e).__name__}: {e}"[:300]
        answer = _failure(job, path, "excel.internal",
                          say("excel.internal", detail=detail))
        outcome = None
    else:
        answer["result"] = None
    if result is not None:
        blocks = outcome.blocks if answer["ok"] and outcome else []
        open_path = Path(answer["open"]) if answer.get("open") else None
        write_result(Path(result), ok=answer["ok"], message=answer["message"],
                     open_path=open_path, blocks=blocks)
        answer["result"] = str(result)
    return answer


def _job(key: str) -> Job:
    jobs = _jobs()
    if key not in jobs:
        raise InputError("excel.unknown_job", job=key, jobs=list(jobs))
    return jobs[key]


def _check_workbook(path: Path, job: Job) -> None:
    if not path.is_file():
        raise InputError("file.no_such_path", path=path)
    spec = workbook(job.workbook)
    stamp = stamped_template(path)
    if stamp is not None and stamp != spec.template_id:
        raise InputError("excel.wrong_workbook", file=path.name, expected=spec)


def _default_result(path: Path, job: str) -> Path:
    folder = Path(tempfile.gettempdir()) / "salesbook-excel"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{path.stem}.{job}.result.txt"


def _answer(job: str, path: Path, outcome: Outcome, lang: str) -> dict[str, Any]:
    return {
        "job": job, "ok": True, "workbook": str(path), "lang": lang,
        "message": outcome.message,
        "written": [str(p) for p in outcome.written],
        "open": str(outcome.open) if outcome.open else None,
        "copies": [{"sheet": b.sheet, "cell": b.cell, "rows": b.size[0], "cols": b.size[1]}
                   for b in outcome.blocks],
        "figures": outcome.figures,
        "problems": problem_counts(outcome.problems),
        "error": None,
    }


def _failure(job: str, path: Path, code: str, message: str) -> dict[str, Any]:
    return {"job": job, "ok": False, "workbook": str(path), "lang": run_lang(),
            "message": message, "written": [], "open": None, "copies": [], "figures": {},
            "problems": {"errors": 1, "warnings": 0, "notes": 0},
            "error": {"code": code, "message": message}, "result": None}


__all__ = ["JOB_KEYS", "Job", "Outcome", "problem_counts", "run_job", "shown_count"]
