"""Faults without damage: a run killed at random moments (kill -9), Ctrl-C, a full disk,
every OS error on an output, two rollups at once. Each case ends with a clear message or
a correct result: the output whole or absent, the rep's workbook intact, no leftover read
later, no process left behind, the history store intact, and a rerun equal to a clean run.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
import python_calamine
from click.testing import CliRunner
from conftest import ROOT, sha256

from addin.catalogue import ENTRIES
from addin.cli import main
from addin.io import output
from addin.io.writer import is_temp_file
from addin.services.demo import write_sample_week

SEEDS = (11, 23, 37, 41)
COPIES = 3  # the sample week three times over: 36 workbooks, read by the worker pool


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    """A folder of 36 rep workbooks (the sample week, three times over with new names)."""
    base = tmp_path_factory.mktemp("sample")
    one = write_sample_week(base / "one")
    folder = base / "reports"
    folder.mkdir()
    for i in range(COPIES):
        for p in one:
            shutil.copyfile(p, folder / f"{i}_{p.name}")
    return folder


def cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "addin.cli", *args], capture_output=True,
                          text=True, cwd=ROOT, **kw)


def _as_in_a_terminal() -> None:
    """Ctrl-C live, as a terminal leaves it (a background job of a script inherits SIGINT
    and SIGQUIT ignored, and so would the run)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "addin.cli", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=_as_in_a_terminal)


def _signal_status(pid: int) -> str:
    """The process's blocked and ignored signal masks (from /proc), to explain a failure."""
    with contextlib.suppress(OSError):
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
        return " ".join(x for x in lines if x.startswith(("SigBlk", "SigIgn")))
    return "-"


def children(pid: int, running: bool = False) -> set[int]:
    """Every process whose parent is `pid` (from /proc); `running`: zombies left out."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                state, parent = stat.rsplit(")", 1)[1].split()[:2]
                if int(parent) == pid and not (running and state in "ZX"):
                    found.add(int(entry.name))
    return found


def alive(pids: set[int]) -> set[int]:
    out = set()
    for pid in pids:
        with contextlib.suppress(OSError):
            state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
            if state != "Z":
                out.add(pid)
    return out


def kill_at(args: list[str], delay: float) -> tuple[set[int], int]:
    """Start the command, kill -9 it after `delay` seconds; (its children then, exit code)."""
    proc = start(*args)
    seen: set[int] = set()
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline and proc.poll() is None:
        seen |= children(proc.pid)
        time.sleep(0.02)
    if proc.poll() is None:
        seen |= children(proc.pid)
        proc.kill()
    proc.wait()
    return seen, proc.returncode


def values(path: Path) -> dict[str, list]:
    """Every sheet's values, minus the cells that name a time or a path."""
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    out = {}
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        out[name] = [[v for v in row if not (isinstance(v, str) and (
            v.startswith(("/", "20")) and (":" in v or "/" in v)))] for row in rows]
    return out


def temp_files(*folders: Path) -> list[Path]:
    return [p for f in folders if f.exists() for p in f.rglob("*") if is_temp_file(p)]


def integrity(store: Path) -> tuple[str, int]:
    with sqlite3.connect(store) as con:
        return (con.execute("PRAGMA integrity_check").fetchone()[0],
                con.execute("SELECT COUNT(*) FROM days").fetchone()[0])


# -- kill -9 at random moments ------------------------------------------------------------
@pytest.fixture(scope="module")
def clean_team(reports, tmp_path_factory):
    out = tmp_path_factory.mktemp("clean")
    t = time.monotonic()
    done = cli("rollup", str(reports), "--out", str(out / "team.xlsx"), "--history",
               str(out / "h.sqlite"), "--json")
    assert done.returncode == 0, done.stderr
    return {"seconds": time.monotonic() - t, "json": json.loads(done.stdout),
            "values": values(out / "team.xlsx"), "days": integrity(out / "h.sqlite")[1]}


@pytest.mark.parametrize("seed", SEEDS)
def test_a_team_rollup_killed_at_any_moment_leaves_no_damage(reports, clean_team, tmp_path,
                                                             seed):
    before = {p.name: sha256(p) for p in reports.iterdir()}
    out, store = tmp_path / "team.xlsx", tmp_path / "h.sqlite"
    args = ["rollup", str(reports), "--out", str(out), "--history", str(store), "--json"]
    delay = random.Random(seed).uniform(0.3, clean_team["seconds"])
    workers, _ = kill_at(args, delay)
    time.sleep(2)  # workers end within two seconds of their parent
    assert alive(workers) == set(), f"workers left after kill -9 at {delay:.2f}s"
    assert {p.name: sha256(p) for p in reports.iterdir()} == before  # inputs untouched
    if out.exists():  # whole or absent
        assert values(out) == clean_team["values"]
    if store.exists() and store.stat().st_size:
        check, days = integrity(store)
        assert check == "ok" and days in (0, clean_team["days"])
    rerun = cli(*args)
    assert rerun.returncode == 0, rerun.stderr
    again = json.loads(rerun.stdout)
    assert again["reps"] == clean_team["json"]["reps"] and \
        again["team"] == clean_team["json"]["team"]
    assert not [p for p in again["problems"] if p["code"] == "scan.temporary"]
    assert values(out) == clean_team["values"]
    assert integrity(store) == ("ok", clean_team["days"])
    assert temp_files(tmp_path, reports) == []


@pytest.mark.parametrize("seed", SEEDS[:3])
def test_a_rep_rollup_killed_at_any_moment_leaves_the_workbook_whole(reports, tmp_path, seed):
    book = tmp_path / "rep.xlsx"
    shutil.copyfile(next(p for p in sorted(reports.iterdir())), book)
    original = sha256(book)
    clean = tmp_path / "clean.xlsx"
    shutil.copyfile(book, clean)
    t = time.monotonic()
    assert cli("rollup", str(clean)).returncode == 0
    seconds = time.monotonic() - t
    kill_at(["rollup", str(book)], random.Random(seed).uniform(0.2, seconds))
    openpyxl.load_workbook(book)  # opens: never half-written
    assert sha256(book) == original or values(book) == values(clean)
    assert cli("rollup", str(book)).returncode == 0
    assert values(book) == values(clean)
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("seed", SEEDS[:3])
def test_a_plan_killed_at_any_moment_leaves_whole_workbooks(tmp_path, seed):
    from addin.services.plan import write_demo

    made = write_demo(tmp_path / "demo")
    master, clean_dir = made["customers"], made["visit plans"]
    args = ["plan", str(master), "--week", "2026-W49", "--today", "2026-11-27", "--json"]
    t = time.monotonic()
    clean = cli(*args, "--out", str(tmp_path / "clean"))
    seconds = time.monotonic() - t
    assert clean.returncode == 0, clean.stderr
    out = tmp_path / "plans"
    kill_at([*args, "--out", str(out)], random.Random(seed).uniform(0.3, seconds))
    for p in out.glob("*.xlsx") if out.exists() else []:
        openpyxl.load_workbook(p)  # each file whole
    rerun = cli(*args, "--out", str(out))
    assert rerun.returncode == 0, rerun.stderr
    # the rerun completes the plan: what the killed run wrote is kept, nothing is doubled
    overview = json.loads(clean.stdout)["overview"]
    for path in sorted((tmp_path / "clean").iterdir()):
        if str(path) != overview:
            assert values(out / path.name) == values(path), path.name
    assert sorted(p.name for p in out.iterdir()) == \
        sorted(p.name for p in (tmp_path / "clean").iterdir())
    assert temp_files(out) == []
    assert clean_dir.exists()


def test_ctrl_c_stops_cleanly_with_exit_130(reports, tmp_path, clean_team):
    many = tmp_path / "many"  # enough workbooks that the reading lasts well over a second
    many.mkdir()
    for i in range(6):
        for p in sorted(reports.iterdir()):
            shutil.copyfile(p, many / f"{i}_{p.name}")
    out = tmp_path / "team.xlsx"
    proc = start("rollup", str(many), "--out", str(out), "--history",
                 str(tmp_path / "h.sqlite"))
    seen: set[int] = set()
    deadline = time.monotonic() + 60
    # stop it while its workers read: every reading worker is there and running (the
    # history writer, forked later, is one process alone; a finished worker a zombie)
    readers = min(2, os.cpu_count() or 1)
    while len(seen) < readers and time.monotonic() < deadline:
        seen = children(proc.pid, running=True)
        time.sleep(0.01)
    status = _signal_status(proc.pid)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, (status, err[-500:])
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not out.exists() and temp_files(tmp_path) == []
    time.sleep(1)
    assert alive(seen) == set()


# -- a full disk --------------------------------------------------------------------------
@contextlib.contextmanager
def tiny_disk(tmp_path: Path, kilobytes: int):
    """A tmpfs of `kilobytes` (needs root; skipped otherwise)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root; the injected-OSError tests cover this")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs",
                           str(mount)], capture_output=True)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def one_line(result: subprocess.CompletedProcess, *words: str) -> str:
    err = result.stderr.strip()
    assert result.returncode == 1 and len(err.splitlines()) == 1, result.stderr
    assert "Traceback" not in err and all(w in err for w in words), err
    return err


def test_a_full_disk_on_the_report_writes_nothing_and_keeps_the_history(reports, tmp_path):
    store = tmp_path / "h.sqlite"
    assert cli("rollup", str(reports), "--out", str(tmp_path / "first.xlsx"), "--history",
               str(store)).returncode == 0
    before = sha256(store)
    with tiny_disk(tmp_path, 40) as disk:
        old = disk / "team.xlsx"
        old.write_bytes(b"the old report")
        done = cli("rollup", str(reports), "--out", str(old), "--history", str(store),
                   "--lang", "en")
        one_line(done, str(old), "disk is full")
        assert old.read_bytes() == b"the old report"
        assert sorted(p.name for p in disk.iterdir()) == ["team.xlsx"]
    assert sha256(store) == before  # the history is not updated for a report that failed


def test_a_full_disk_on_the_history_writes_neither(reports, tmp_path):
    with tiny_disk(tmp_path, 40) as disk:
        out = tmp_path / "team.xlsx"
        done = cli("rollup", str(reports), "--out", str(out), "--history",
                   str(disk / "h.sqlite"), "--lang", "en")
        one_line(done, "disk is full", "not written either")
        assert not out.exists() and list(disk.iterdir()) == []
        assert temp_files(tmp_path) == []


def test_a_full_disk_on_the_rep_workbook_leaves_it_as_it_was(reports, tmp_path):
    source = next(p for p in sorted(reports.iterdir()))
    size_kb = source.stat().st_size // 1024 + 8
    with tiny_disk(tmp_path, size_kb) as disk:
        book = disk / "rep.xlsx"
        shutil.copyfile(source, book)
        before = sha256(book)
        done = cli("rollup", str(book), "--lang", "en")
        one_line(done, str(book), "disk is full")
        assert sha256(book) == before
        assert sorted(p.name for p in disk.iterdir()) == ["rep.xlsx"]


# -- every OS error on an output, injected ------------------------------------------------
ERRORS = [(errno.ENOSPC, "output.disk_full"), (errno.EACCES, "output.permission"),
          (errno.EROFS, "output.read_only_fs"), (errno.ENAMETOOLONG, "output.name_too_long"),
          (errno.ENOENT, "output.folder_gone")]


def says(output: str, code: str) -> bool:
    """Whether `output` carries the message `code` (in either language)."""
    entry = ENTRIES[code]
    return any(max(re.split(r"{[^}]*}", what), key=len) in output
               for what in (entry.zh, entry.en))


@pytest.fixture
def failing_disk(monkeypatch):
    """Writing an output's bytes fails as the operating system would."""
    def arm(code: int) -> None:
        def write_file(path, data):
            raise OSError(code, os.strerror(code), str(path))

        monkeypatch.setattr(output, "write_file", write_file)
    return arm


@pytest.mark.parametrize("code, message", ERRORS)
def test_every_os_error_on_the_team_report_is_one_clear_line(reports, tmp_path,
                                                            failing_disk, code, message):
    out = tmp_path / "team.xlsx"
    out.write_bytes(b"old")
    store = tmp_path / "h.sqlite"
    failing_disk(code)
    result = CliRunner().invoke(main, ["rollup", str(reports), "--out", str(out),
                                       "--history", str(store)])
    assert result.exit_code == 1 and says(result.output, message), result.output
    assert str(out) in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    assert out.read_bytes() == b"old" and temp_files(tmp_path) == []
    assert not store.exists()  # report and history stand or fall together


def test_a_report_that_cannot_be_moved_into_place_says_the_history_was_saved(
        reports, tmp_path, monkeypatch):
    out, store = tmp_path / "team.xlsx", tmp_path / "h.sqlite"
    real = os.replace

    def replace(src, dst, *a, **kw):
        if is_temp_file(Path(src)):
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(dst))
        return real(src, dst, *a, **kw)

    monkeypatch.setattr(os, "replace", replace)
    result = CliRunner().invoke(main, ["rollup", str(reports), "--out", str(out),
                                       "--history", str(store), "--lang", "en"])
    assert result.exit_code == 1 and "history store was updated" in result.output
    assert not out.exists() and integrity(store)[0] == "ok" and temp_files(tmp_path) == []


@pytest.mark.parametrize("code, message", ERRORS[:2])
def test_os_errors_on_the_other_outputs_are_one_clear_line(tmp_path, failing_disk, code,
                                                           message):
    from addin.services.demo import run_demo

    demo = run_demo(tmp_path / "demo", lang="zh")
    rep = demo.rep_workbooks[0]
    before = sha256(rep)
    failing_disk(code)
    jobs = {
        "rep summary": (["rollup", str(rep)], rep),
        "targets": (["targets", str(demo.outputs["targets"]), "--out",
                     str(tmp_path / "b.xlsx")], tmp_path / "b.xlsx"),
        "month": (["month", "2026-11", "--history", str(demo.outputs["history"]), "--out",
                   str(tmp_path / "m.xlsx")], tmp_path / "m.xlsx"),
        "plan": (["plan", str(demo.outputs["customers"]), "--week", "2026-W50", "--out",
                  str(tmp_path / "plans")], tmp_path / "plans"),
    }
    for name, (args, target) in jobs.items():
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, (name, result.output)
        assert says(result.output, message) and str(target) in result.output, \
            (name, result.output)
        assert "Traceback" not in result.output, name
    assert sha256(rep) == before
    assert not (tmp_path / "b.xlsx").exists() and not (tmp_path / "m.xlsx").exists()
    assert not list((tmp_path / "plans").glob("*.xlsx"))
    assert temp_files(tmp_path) == []


# -- leftovers of a killed run --------------------------------------------------------------
def test_leftover_temp_files_are_never_read_and_are_removed_by_the_next_write(reports,
                                                                            tmp_path):
    folder = tmp_path / "reports"
    shutil.copytree(reports, folder)
    out = tmp_path / "team.xlsx"
    dead = 2**22 + 12345  # no such process
    host = __import__("addin.io.writer", fromlist=["_host"])._host()
    leftover_in = folder / f".x.xlsx.salesbook-{host}-{dead}-abcd.tmp"
    leftover_out = tmp_path / f".team.xlsx.salesbook-{host}-{dead}-beef.tmp"
    for p in (leftover_in, leftover_out):
        shutil.copyfile(next(iter(sorted(reports.iterdir()))), p)
    result = CliRunner().invoke(main, ["rollup", str(folder), "--out", str(out), "--history",
                                       str(tmp_path / "h.sqlite"), "--json"])
    data = json.loads(result.output)
    assert data["scan"]["files"] == len(list(reports.iterdir()))
    listed = [p for p in data["problems"] if p["code"] == "scan.temporary"]
    assert [p["file"] for p in listed] == [leftover_in.name]
    assert not leftover_out.exists()  # removed by the run that wrote beside it
    assert leftover_in.exists()  # an input folder is never changed


# -- two rollups at once --------------------------------------------------------------------
def test_two_rollups_at_once_into_one_store_and_one_output(reports, clean_team, tmp_path):
    out, store = tmp_path / "team.xlsx", tmp_path / "h.sqlite"
    args = ["rollup", str(reports), "--out", str(out), "--history", str(store), "--json"]
    procs = [start(*args) for _ in range(2)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [r[1] for r in results]
    for stdout, _ in results:
        assert json.loads(stdout)["team"] == clean_team["json"]["team"]
    assert values(out) == clean_team["values"]
    assert integrity(store) == ("ok", clean_team["days"])
    assert temp_files(tmp_path) == []
