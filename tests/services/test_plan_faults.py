"""`salesbook plan` when an output cannot be written, or the run is killed.

An OS error on one rep workbook (disk full, permission denied, a read-only disk) is one
problem naming the path: that file is left exactly as it was, no temporary file stays,
its contacts are carried over, every other workbook is still written and the exit code
says errors. A run killed with SIGKILL leaves only whole workbooks and recognisable
temporary files, which the next run removes.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, sha256
from handmade import MONDAY, TODAY, small_master, typed_book
from handmade import PLAN_WEEK as WEEK

from addin.cli import main
from addin.io.reader import read_workbook
from addin.io.templates import write_workbook
from addin.io.writer import is_temp_file
from addin.sample.customers import master_content, synthetic_records
from addin.schema import workbook
from addin.schema.plan_overview import PLAN_OVERVIEW
from addin.services.plan import run_plan

CUSTOMERS = workbook("customers")
REP_WEEKLY = workbook("rep_weekly")
PLANS = REP_WEEKLY.sheets_of_kind("plan")
REAL_REPLACE = os.replace


def fail_replacing(monkeypatch, target: Path, code: int = errno.ENOSPC) -> None:
    """os.replace raises OSError(code) when it would put a file at `target` (forked
    workers inherit the patch)."""
    def replace(src, dst, *a, **kw):
        if Path(dst) == target:
            raise OSError(code, os.strerror(code), str(dst))
        return REAL_REPLACE(src, dst, *a, **kw)

    monkeypatch.setattr(os, "replace", replace)


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if is_temp_file(p) or p.suffix == ".tmp"]


def planned_customers(path: Path) -> set[tuple[str, str]]:
    """(rep, customer ID) of every row on the workbook's day tabs."""
    data = read_workbook(path, REP_WEEKLY)
    assert data.readable and not [p for p in data.problems if p.severity == "error"], path
    rep = data.fields("info")["rep"]
    return {(rep, cid) for s in PLANS for cid in data.table(s.key, "contacts")["customer_id"]}


@pytest.mark.parametrize(("code", "word"), [(errno.ENOSPC, "disk is full"),
                                            (errno.EACCES, "permission denied"),
                                            (errno.EROFS, "disk is read-only"),
                                            (errno.ENOENT, "folder disappeared")])
def test_an_unwritable_rep_workbook_is_a_problem_and_the_others_are_written(
        tmp_path, monkeypatch, code, word):
    master = small_master(tmp_path / "master.xlsx", "en")
    out = tmp_path / "plans"
    out.mkdir()
    stuck = typed_book(out / f"{WEEK}_张伟.xlsx", "en")  # an existing workbook to fill
    before = sha256(stuck)
    fail_replacing(monkeypatch, stuck, code)

    result = run_plan(master, week=WEEK, out_dir=out, today=TODAY)

    assert not result.ok
    [bad] = [p for p in result.problems if p.severity == "error"]
    assert bad.file == stuck.name and bad.code == "plan.not_written"
    assert str(stuck) in bad.text() and word in bad.text()
    assert sha256(stuck) == before  # the old file, byte for byte
    assert temp_files(out) == []
    other = out / f"{WEEK}_Li Na.xlsx"
    assert result.files == [other] and result.overview is not None
    assert planned_customers(other) == {("Li Na", c) for c in
                                        result.contacts["customer_id"]}
    assert set(result.contacts["rep"]) == {"Li Na"}  # 张伟's contacts are carried over
    mine = result.carried_over[result.carried_over["rep"] == "张伟"]
    assert len(mine) and set(mine["reason"]) == {"unavailable"}


def test_the_command_says_it_in_one_line_and_exits_1(tmp_path, monkeypatch):
    master = small_master(tmp_path / "master.xlsx", "zh")
    out = tmp_path / "plans"
    fail_replacing(monkeypatch, out / f"{WEEK}_Li Na.xlsx")
    res = CliRunner().invoke(main, ["plan", str(master), "--week", WEEK, "--out", str(out),
                                    "--today", TODAY.isoformat()])
    assert res.exit_code == 1
    assert "Traceback" not in res.output
    lines = [line for line in res.output.splitlines() if str(out / f"{WEEK}_Li Na.xlsx")
             in line]
    assert len(lines) == 1 and "磁盘已满" in lines[0]  # the master's language: zh
    assert not (out / f"{WEEK}_Li Na.xlsx").exists() and temp_files(out) == []
    assert (out / f"{WEEK}_张伟.xlsx").exists()


def test_an_unwritable_overview_is_a_problem_and_the_old_one_stays(tmp_path, monkeypatch):
    master = small_master(tmp_path / "master.xlsx", "en")
    out = tmp_path / "plans"
    first = run_plan(master, week=WEEK, out_dir=out, today=TODAY)
    old = sha256(first.overview)
    books = {p: sha256(p) for p in first.files}
    for p in first.files:  # the reps start again from blank plans
        p.unlink()
    fail_replacing(monkeypatch, first.overview, errno.EACCES)

    result = run_plan(master, week=WEEK, out_dir=out, today=TODAY)

    assert not result.ok and result.overview is None
    [bad] = [p for p in result.problems if p.severity == "error"]
    assert bad.file == first.overview.name and bad.code == "output.permission"
    assert str(first.overview) in bad.text()
    assert sha256(first.overview) == old
    assert sorted(result.files) == sorted(books)  # the reps' plans are written all the same
    assert temp_files(out) == []


def test_an_output_folder_that_cannot_be_made_is_one_line(tmp_path):
    master = small_master(tmp_path / "master.xlsx", "en")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    res = CliRunner().invoke(main, ["plan", str(master), "--week", WEEK, "--out",
                                    str(blocker / "plans"), "--today", TODAY.isoformat()])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert res.output.count("\n") == 1 and str(blocker / "plans") in res.output


def test_many_workbooks_in_parallel_one_fails_the_rest_are_written(tmp_path, monkeypatch):
    """Eight reps: the workbooks are written by forked workers, which inherit the fault."""
    rows = synthetic_records(8, 25, today=TODAY, seed=5)
    master = write_workbook(CUSTOMERS, "en", tmp_path / "m.xlsx", master_content(rows))
    reps = list(dict.fromkeys(r["rep"] for r in rows))
    out = tmp_path / "plans"
    stuck = out / f"{WEEK}_{reps[3]}.xlsx"
    fail_replacing(monkeypatch, stuck)

    result = run_plan(master, week=WEEK, out_dir=out, today=TODAY)

    assert [p.file for p in result.problems if p.severity == "error"] == [stuck.name]
    assert not stuck.exists() and temp_files(out) == []
    assert len(result.files) == 7 and result.overview is not None
    written = set().union(*(planned_customers(p) for p in result.files))
    assert written == set(zip(result.contacts["rep"], result.contacts["customer_id"],
                              strict=True))
    assert reps[3] not in set(result.contacts["rep"])


def _plan_command(master: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "addin.cli", "plan", str(master), "--week", WEEK,
            "--out", str(out), "--today", TODAY.isoformat()]


def _ours_running(out: Path) -> list[int]:
    """Processes (the run or its workers) whose command line names `out`."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if str(out).encode() in (proc / "cmdline").read_bytes():
                    found.append(int(proc.name))
            except OSError:
                continue
    return found


def _started(folder: Path, reps: list[str]) -> dict[Path, str]:
    """Workbooks the reps already typed in (one visit on Monday each): the run fills them."""
    folder.mkdir()
    typed = {}
    for rep in reps:
        path = write_workbook(REP_WEEKLY, "zh", folder / f"{WEEK}_{rep}.xlsx", {
            "info": {"fields": {"rep": rep, "week_start": MONDAY}},
            "plan_mon": {"tables": {"contacts": [{"customer_id": "X99", "customer": "老客户",
                                                  "kind": "visit", "purpose": "order"}]}}})
        typed[path] = sha256(path)
    return typed


def _on_tabs(folder: Path) -> set[tuple[str, str]]:
    books = [p for p in folder.glob(f"{WEEK}_*.xlsx")
             if PLAN_OVERVIEW.filename("zh") not in p.name]
    return set().union(*(planned_customers(p) for p in books))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="kill -9 and /proc")
def test_a_run_killed_mid_write_leaves_only_whole_workbooks(tmp_path):
    rows = synthetic_records(8, 30, today=TODAY, seed=8)
    master = write_workbook(CUSTOMERS, "zh", tmp_path / "m.xlsx", master_content(rows))
    reps = list(dict.fromkeys(r["rep"] for r in rows))
    _started(tmp_path / "clean", reps[:3])
    assert run_plan(master, week=WEEK, out_dir=tmp_path / "clean", today=TODAY).ok
    out = tmp_path / "plans"
    typed = _started(out, reps[:3])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    proc = subprocess.Popen(_plan_command(master, out), cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not any(p.name.endswith(".tmp") for p in out.iterdir()):  # a write under way
        assert proc.poll() is None and time.monotonic() < deadline, "no write seen"
        time.sleep(0.002)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    time.sleep(1.5)  # the workers notice their parent is gone
    assert _ours_running(out) == []

    for path in out.glob("*.xlsx"):  # every workbook there is whole: the old or the new
        if typed.get(path) != sha256(path):
            assert planned_customers(path)
    assert all(is_temp_file(p) for p in out.iterdir() if p.name.startswith("."))

    again = subprocess.run(_plan_command(master, out), cwd=ROOT, env=env,
                           capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # debris removed
    assert _on_tabs(out) == _on_tabs(tmp_path / "clean")  # as if never interrupted
