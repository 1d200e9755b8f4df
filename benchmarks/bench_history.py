"""Benchmark the history store: a 2,000-workbook rollup into SQLite and into PostgreSQL on
this machine, in one run.

    SALESBOOK_BENCH_CORPUS=/some/folder python benchmarks/bench_history.py [--size 2000]

It starts a throwaway PostgreSQL cluster (tests/pgserver.py: initdb in a temporary folder,
Unix socket only, fsync on as a real server has it), then for each backend prints:
- whole command: `salesbook rollup FOLDER --out ... --history LOC`, wall time, a new
  process as a manager runs it (the history is written in a background process while
  the report is written, and committed once the report is on disk);
- history write, new store: `write_week` of that week's rep-days and visits (the same
  rows the rollup stores) into an empty store, in this process;
- history write, replace: the same week written again into that store (a rerun or a
  corrected week: the rep-days are deleted and written anew).
Each is timed --runs times (default 3), the backends taking turns in every round, and
the fastest of each kept (a shared 2-core machine: the slower runs measure neighbours).
The corpus comes from benchmarks/bench_rollup.py (make_corpus), cached in
$SALESBOOK_BENCH_CORPUS.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

import pgserver  # noqa: E402
from bench_rollup import WEEK, compile_bytecode, make_corpus  # noqa: E402

from addin.io import history  # noqa: E402


def whole_command(folder: Path, location: str) -> float:
    out = Path(tempfile.mkdtemp()) / "team.xlsx"
    cmd = [sys.executable, "-m", "addin.cli", "rollup", str(folder), "--out", str(out),
           "--history", location, "--week", "2026-W48"]
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - t


def week_rows(location: str):
    """The rep-days and visits a rollup stored, as write_week takes them."""
    with history.open_store(location) as store:
        days, visits = store.load(WEEK, WEEK + dt.timedelta(days=6))
    return days.drop(columns=["rolled_at"]), visits.assign(row=visits["seq"], file="")


def write_time(location: str, days, visits) -> float:
    t = time.perf_counter()
    history.write_week(location, days, visits, week="2026-W48", files=2000, lang="zh")
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    reason = pgserver.why_not()
    if reason:
        sys.exit(f"no PostgreSQL here: {reason}")
    compile_bytecode()
    folder = make_corpus(args.size)
    work = Path(tempfile.mkdtemp(prefix="sbbench-"))
    # its own folder: as root the server runs as `postgres`, who cannot enter `work`
    cluster = pgserver.Cluster(Path(tempfile.mkdtemp(prefix="sbpg-")), fsync=True).start()
    counter = iter(range(10_000))

    def sqlite_store() -> str:
        return str(work / f"h{next(counter)}.sqlite")

    def pg_store() -> str:
        return cluster.new_database(f"h{next(counter)}")

    try:
        reference = sqlite_store()
        whole_command(folder, reference)
        days, visits = week_rows(reference)
        print(f"history benchmark: {args.size:,} workbooks, {len(days):,} rep-days, "
              f"{len(visits):,} visits; best of {args.runs}", flush=True)
        # the backends take turns in every round, so a neighbour's burst on this shared
        # machine falls on both rather than on whichever ran second
        backends = {"SQLite": sqlite_store, "PostgreSQL": pg_store}
        runs: dict[str, list[tuple[float, float, float]]] = {b: [] for b in backends}
        for _ in range(args.runs):
            for name, new_store in backends.items():
                whole = whole_command(folder, new_store())
                store = new_store()
                fresh = write_time(store, days, visits)
                again = write_time(store, days, visits)
                runs[name].append((whole, fresh, again))
                print(f"  ({name}: {whole:.2f} s, {fresh:.2f} s, {again:.2f} s)", flush=True)
        figures = {name: tuple(min(r[i] for r in done) for i in range(3))
                   for name, done in runs.items()}
        print(f"  {'':<12} {'whole command':>14} {'write, new store':>17} "
              f"{'write, replace':>15} {'write/whole':>12}")
        for name, (whole, fresh, again) in figures.items():
            print(f"  {name:<12} {whole:>12.2f} s {fresh:>15.2f} s {again:>13.2f} s "
                  f"{fresh / whole:>11.0%}")
        (w1, f1, a1), (w2, f2, a2) = figures.values()
        print(f"  {'PG/SQLite':<12} {w2 / w1:>13.2f}x {f2 / f1:>16.2f}x {a2 / a1:>14.2f}x")
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
