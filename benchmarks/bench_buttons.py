"""Benchmark: the Excel buttons "Roll up my week" (one rep's weekly workbook) and "Plan
the week" (a customer master of 600 customers), from macro start to result, beside the
command line's own time for the same file.

Goal (issue 13): the rep's week in under 1.5 s on this machine, macro start to result.
The buttons run in headless LibreOffice (the test host; tests/excel/lo_macro.py through the
system Python's `uno`); each is pressed RUNS times on an
unchanged workbook (no save needed), each in a fresh session, then once more after
typing a value (the macro saves first, as it does after a rep's edits). Printed with it:

* `python -c pass`: the interpreter's start-up, the floor of any button;
* the command line (`salesbook rollup` / `salesbook plan`) on the same file;
* the door's command (`salesbook excel run`) that the macro runs.

The package's bytecode is compiled first, as installing it from a wheel does (this
machine sets PYTHONDONTWRITEBYTECODE, so otherwise every press would compile it anew).

    python benchmarks/bench_buttons.py [--runs 3] [--customers 600]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_rollup import compile_bytecode  # noqa: E402

from addin.io.buttons import macro_kit  # noqa: E402
from addin.io.templates import write_workbook  # noqa: E402
from addin.sample.company import week_contents  # noqa: E402
from addin.sample.customers import master_content, synthetic_records  # noqa: E402
from addin.schema import workbook  # noqa: E402

GOAL_S = 1.5
UNO_PYTHON = os.environ.get("SALESBOOK_UNO_PYTHON", "/usr/bin/python3")


def wall(cmd: list[str]) -> float:
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    took = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        raise SystemExit(proc.stderr[-2000:])
    return took


def median_of(runs: int, cmd: list[str]) -> float:
    return statistics.median(wall(cmd) for _ in range(runs))


def press(pristine: Path, job: str, runs: int, tmp: Path, typed: str) -> dict:
    """Seconds of RunJob(job), `runs` times on the unchanged workbook, then once after
    typing `typed` (Sheet!A1=value, so the macro saves first); plus LibreOffice's save.
    Each in a fresh LibreOffice session on a fresh copy: a workbook LibreOffice has saved
    loses its VBA code names and cannot be used again."""
    book = pristine.with_name("pressed" + pristine.suffix)

    def session(*args: str) -> list[dict]:
        shutil.copyfile(pristine, book)
        cmd = [UNO_PYTHON, str(ROOT / "tests" / "excel" / "lo_macro.py"), str(book),
               "--canary", "Salesbook.Ping", *args, "--env=SALESBOOK_QUIET=1",
               f"--env=SALESBOOK_PYTHON={sys.executable}", f"--env=PYTHONPATH={ROOT}",
               f"--env=TMPDIR={tmp}"]
        out = json.loads(subprocess.run(cmd, capture_output=True, text=True,
                                        check=True).stdout)
        bad = [c["result"] for c in out["calls"] if c["call"].startswith("Salesbook.RunJob")
               and not str(c["result"]).startswith("OK|")]
        if bad:
            raise SystemExit(f"{job}: {bad[0]}")
        return out["calls"]

    unchanged = [session(f"--call=Salesbook.RunJob:{job}")[0]["seconds"] for _ in range(runs)]
    typed_run, save = session(f"--set={typed}", f"--call=Salesbook.RunJob:{job}",
                              "--call=SalesbookHost.HostSaveWorkbook")
    return {"unchanged": statistics.median(unchanged), "runs": unchanged,
            "after_typing": typed_run["seconds"], "save_alone": save["seconds"]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--customers", type=int, default=600)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="salesbook-bench-buttons-"))
    for sub in ("week", "plan"):
        (tmp / sub).mkdir()
    rep, (lang, content) = next(iter(week_contents().items()))
    spec = workbook("rep_weekly")
    rep_book = write_workbook(spec, lang, tmp / "week" / f"2026-W48_{rep}.xlsm", content,
                              macros=macro_kit("rep_weekly", lang))
    per_rep = 100
    records = synthetic_records(max(1, a.customers // per_rep), per_rep)
    master = write_workbook(workbook("customers"), "zh", tmp / "plan" / "客户名录.xlsm",
                            master_content(records), macros=macro_kit("customers", "zh"))
    monday = spec.sheet("report_mon")
    visits = monday.table("visits")
    amount = f"{visits.col_letter('order_amount')}{visits.first_data_row}"
    typed_rep = f"{monday.label(lang)}!{amount}=500"
    typed_master = f"{workbook('customers').sheet('customers').label('zh')}!S4=note"

    compile_bytecode()  # as a wheel install does: no run compiles the package first
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; "
          f"median of {a.runs}")
    base = median_of(a.runs, [sys.executable, "-c", "pass"])
    print(f"{'python -c pass':<44} {base:6.2f} s")
    for label, job, book, cli, typed in (
        ("Roll up my week (one rep)", "week", rep_book,
         ["rollup", str(rep_book), "--out", str(tmp / "cli-week.xlsm")], typed_rep),
        (f"Plan the week ({len(records)} customers)", "plan", master,
         ["plan", str(master), "--out", str(tmp / "cli-plans")], typed_master),
    ):
        t_cli = median_of(a.runs, [sys.executable, "-m", "addin.cli", *cli])
        t_door = median_of(a.runs, [sys.executable, "-m", "addin.cli", "excel", "run", job,
                                    str(book), "--result", str(tmp / f"{job}.xlsx")])
        t = press(book, job, a.runs, tmp, typed)
        print(f"{label}")
        print(f"  {'command line (salesbook ' + cli[0] + ')':<42} {t_cli:6.2f} s")
        print(f"  {'door command (salesbook excel run ' + job + ')':<42} {t_door:6.2f} s")
        print(f"  {'button, macro start to result':<42} {t['unchanged']:6.2f} s  "
              f"(runs: {', '.join(f'{x:.2f}' for x in t['runs'])})")
        print(f"  {'button after typing (saves first)':<42} {t['after_typing']:6.2f} s")
        print(f"  {'LibreOffice saving the workbook alone':<42} {t['save_alone']:6.2f} s")
        if job == "week":
            verdict = "met" if t["unchanged"] < GOAL_S else "NOT met"
            print(f"  goal: under {GOAL_S} s: {verdict}")


if __name__ == "__main__":
    main()
