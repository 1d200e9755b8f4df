"""Several managers at once, as real processes: regional rollups into one store at the
same moment all complete, nothing lost or doubled, and a monthly control run meanwhile
sees each region whole or not at all; a rollup killed (kill -9) in the middle of its
history transaction leaves the store as it was. On both backends."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from conftest import ROOT
from test_history import is_pg, raw

from addin.io.templates import write_workbook
from addin.schema import workbook
from addin.schema.vocab import DAYS

SPEC = workbook("rep_weekly")
WEEK = dt.date(2026, 11, 16)  # 2026-W47
REGIONS = ("华东", "华北", "华南")
REPS = 4  # per region


def _content(rep: str, region: str, rng: random.Random) -> dict:
    content = {"info": {"fields": {"rep": rep, "region": region, "week_start": WEEK}}}
    for d in range(5):
        visits = [{"customer_id": f"{rep}-C{j}", "customer": f"客户{j}", "purpose": "order",
                   "outcome": rng.choice(["ordered", "interested", "refused", "collected"]),
                   "order_amount": round(rng.uniform(100, 5000), 2),
                   "collected_amount": round(rng.uniform(0, 900), 2),
                   "new_customer": rng.random() < 0.2}
                  for j in range(rng.randint(3, 8))]
        content[f"report_{DAYS[d].key}"] = {"fields": {
            "attendance": "present", "selling_hours": 7, "expenses": 80, "calls_dialled": 12,
            "day_target": 6000}, "tables": {"visits": visits}}
    return content


@pytest.fixture(scope="module")
def regions(tmp_path_factory):
    root = tmp_path_factory.mktemp("regions")
    rng = random.Random(15)
    folders = []
    for r, region in enumerate(REGIONS):
        folder = root / f"region{r}"
        folder.mkdir()
        for k in range(REPS):
            rep = f"{region}{k}"
            write_workbook(SPEC, "zh", folder / f"2026-W47_{rep}.xlsx",
                           _content(rep, region, rng))
        folders.append(folder)
    return folders


def _command(*args) -> list[str]:
    return [sys.executable, "-m", "addin.cli", *map(str, args)]


ENV = {**os.environ, "PYTHONPATH": str(ROOT), "SALESBOOK_LANG": "en"}


def _rollup(folder, out, at) -> subprocess.Popen:
    return subprocess.Popen(_command("rollup", folder, "--out", out, "--history", at, "--json"),
                            env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _month(at, out) -> subprocess.CompletedProcess:
    return subprocess.run(_command("month", "2026-11", "--history", at, "--out", out, "--json"),
                          env=ENV, capture_output=True, text=True, timeout=120)


def _figures(result: subprocess.CompletedProcess) -> dict:
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    data.pop("output")
    return data


def _second_store(store_at, tmp_path, pg_cluster_or_none):
    if is_pg(store_at):
        return pg_cluster_or_none.new_database(f"seq{time.monotonic_ns()}")
    return tmp_path / "sequential.sqlite"


@pytest.fixture
def cluster(request, store_at):
    return request.getfixturevalue("pg_cluster") if is_pg(store_at) else None


def test_regional_rollups_at_once_equal_sequential_runs(regions, tmp_path, store_at, cluster):
    # sequential: one region after the other
    sequential = _second_store(store_at, tmp_path, cluster)
    for n, folder in enumerate(regions):
        done = _rollup(folder, tmp_path / f"s{n}.xlsx", sequential)
        assert done.wait(120) == 0, done.stderr.read()
    want = _figures(_month(sequential, tmp_path / "ms.xlsx"))
    assert len(want["reps"]) == len(REGIONS) * REPS

    # at once, with a monthly control running meanwhile, again and again
    running = [_rollup(folder, tmp_path / f"c{n}.xlsx", store_at)
               for n, folder in enumerate(regions)]
    seen = []
    while any(p.poll() is None for p in running):
        seen.append(_month(store_at, tmp_path / "mc.xlsx"))
    for p in running:
        assert p.returncode == 0, p.stderr.read()
    got = _figures(_month(store_at, tmp_path / "m.xlsx"))
    assert _differences(got, want) == []

    # nothing doubled: each rep-day once, each visit once
    rep_days = REPS * len(REGIONS) * 5
    assert raw(store_at, "SELECT COUNT(*), COUNT(DISTINCT rep || CAST(date AS TEXT)) "
                         "FROM days") == [(rep_days, rep_days)]
    assert raw(store_at, "SELECT COUNT(*) FROM visits") == \
        raw(sequential, "SELECT COUNT(*) FROM visits")

    # every monthly control run meanwhile saw each region whole or not at all
    final = {r["rep"]: r for r in want["reps"]}
    assert seen, "no monthly control ran while the rollups did"
    for result in seen:
        if result.returncode != 0:  # before the first rollup committed
            assert "nothing stored" in result.stderr or "no history store" in result.stderr, \
                result.stderr
            continue
        reps = {r["rep"]: r for r in json.loads(result.stdout)["reps"]}
        for region in REGIONS:
            mine = {rep for rep in final if rep.startswith(region)}
            assert mine <= set(reps) or not mine & set(reps), (region, sorted(reps))
        for rep, figures in reps.items():
            assert figures == final[rep], rep


def _differences(got: dict, want: dict) -> list:
    """(rep, figure, got, wanted) for every figure that differs, and other keys."""
    out = [(k, got.get(k), want.get(k)) for k in set(got) | set(want)
           if k != "reps" and got.get(k) != want.get(k)]
    mine = {r["rep"]: r for r in got.get("reps", [])}
    for r in want.get("reps", []):
        g = mine.get(r["rep"], {})
        out += [(r["rep"], k, g.get(k), v) for k, v in r.items() if g.get(k) != v]
    return out


KILLABLE = """
import pathlib, sys, time
import addin.workers as workers
FLAG = pathlib.Path(sys.argv[1])

def held(self):  # the report is on disk; the history transaction waits at its gate
    FLAG.write_text("ready")
    time.sleep(300)

workers.Background.commit = held
from addin.cli import run
sys.argv = ["salesbook", *sys.argv[2:]]
run()
"""


def _content_of(store_at) -> list:
    tables = ("days", "visits", "rollups")
    return [sorted(map(repr, raw(store_at, f"SELECT * FROM {t}"))) for t in tables]


def _in_transaction(store_at) -> bool:
    """Whether the killable rollup's history transaction has been prepared."""
    if is_pg(store_at):
        return bool(raw(store_at, "SELECT 1 FROM pg_stat_activity WHERE application_name = "
                                  "'salesbook' AND state = 'idle in transaction'"))
    return os.path.exists(f"{store_at}-journal")


def test_a_rollup_killed_mid_transaction_leaves_the_store_as_it_was(regions, tmp_path,
                                                                    store_at):
    done = _rollup(regions[0], tmp_path / "a.xlsx", store_at)
    assert done.wait(120) == 0, done.stderr.read()
    before = _content_of(store_at)
    flag = tmp_path / "ready"
    killable = subprocess.Popen(
        [sys.executable, "-c", KILLABLE, str(flag), "rollup", regions[1], "--out",
         tmp_path / "b.xlsx", "--history", str(store_at)],
        env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not (flag.exists() and _in_transaction(store_at)):
            assert killable.poll() is None, killable.stderr.read()
            assert time.monotonic() < deadline, "the rollup never reached its gate"
            time.sleep(0.05)
        if not is_pg(store_at):
            time.sleep(0.5)  # let it write as much as it will before its gate
    finally:
        os.killpg(killable.pid, signal.SIGKILL)  # the rollup and its history process
        killable.wait(30)
    time.sleep(0.5)  # the server notices the lost connection and rolls back
    assert _content_of(store_at) == before
    assert not (tmp_path / "b.xlsx").exists()
    # and the next run completes
    again = _rollup(regions[1], tmp_path / "b.xlsx", store_at)
    assert again.wait(120) == 0, again.stderr.read()
    assert raw(store_at, "SELECT COUNT(DISTINCT rep) FROM days") == [(2 * REPS,)]
