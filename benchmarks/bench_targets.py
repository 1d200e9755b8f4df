"""Benchmark: target breakdown at 500 reps x 50 products x 12 months x 4 metrics.

Prints read, compute and write times, the whole `salesbook targets` command (a fresh
process, as a manager runs it) and the ratios to the goals (compute <= 1 s, whole command
<= 10 s), beside a naive baseline measured in the same run: cell-by-cell Python shares
with largest-remainder rounding, and the breakdown sheet written through the generic
SheetWriter.

    python benchmarks/bench_targets.py [--reps 500] [--products 50] [--skip-naive-write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import math
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

importlib.import_module("addin")  # before pandas: pandas as salesbook runs it

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from addin.core.targets import MONTH_KEYS, compute_breakdown  # noqa: E402
from addin.io.targets_input import read_targets  # noqa: E402
from addin.io.templates import write_workbook  # noqa: E402
from addin.schema import workbook  # noqa: E402
from addin.services.targets import run_targets  # noqa: E402

# the split method per metric: the template's own defaults
DEFAULT_METHODS = workbook("targets").sheet("settings").table("methods").defaults
COMPUTE_GOAL = 1.0
COMMAND_GOAL = 10.0
AS_OF = dt.date(2026, 11, 27)


def bench_content(reps: int, products: int, seed: int = 3) -> dict:
    """A big company: 10 regions, `reps` reps, `products` products, sparse history (each
    rep sold 8 products last year; the reader takes 20,000 rows a sheet), potential per
    rep, 3 locked cells and some actuals."""
    rng = random.Random(seed)
    regions = [f"R{g:02d}" for g in range(10)]
    names = [f"rep{i:03d}" for i in range(reps)]
    codes = [f"P{j:03d}" for j in range(products)]
    history = []
    for metric in ("revenue", "gross_margin", "collections"):
        for name in names:
            for code in rng.sample(codes, min(8, products)):
                base = rng.uniform(20_000, 200_000)
                history.append({"rep": name, "product": code, "metric": metric,
                                **{k: round(base * rng.uniform(0.6, 1.4), -2)
                                   for k in MONTH_KEYS}})
    actuals = [{"date": dt.date(2026, m, 28), "rep": name, "product": rng.choice(codes),
                "metric": "revenue", "value": round(rng.uniform(10_000, 90_000), -2)}
               for m in range(1, 12) for name in names[:200]]
    return {
        "settings": {"fields": {"year": 2026}, "tables": {"methods": list(DEFAULT_METHODS)}},
        "company": {"tables": {"targets": [
            {"metric": "revenue", "annual_target": 800_000_000},
            {"metric": "gross_margin", "annual_target": 200_000_000},
            {"metric": "new_customers", "annual_target": 6_000},
            {"metric": "collections", "annual_target": 760_000_000}]}},
        "reps": {"tables": {"reps": [{"rep": n, "region": regions[i % 10],
                                      "seller_kind": "rep", "active": True}
                                     for i, n in enumerate(names)]}},
        "products": {"tables": {"products": [{"product": c, "product_name": f"Product {c}"}
                                             for c in codes]}},
        "history": {"tables": {"history": history}},
        "potential": {"tables": {"potential": [{"rep": n, "potential_index":
                                                round(rng.uniform(10, 100), 1)}
                                               for n in names]}},
        "overrides": {"tables": {"overrides": [
            {"metric": "revenue", "rep": names[0], "product": codes[0], "month": m,
             "value": 50_000} for m in (1, 2, 3)]}},
        "actuals": {"tables": {"actuals": actuals}},
        "funnel": {"tables": {"funnel": [
            {"rep": n, "calls_dialled": 900, "calls_completed": 450, "appointments": 110,
             "presentations": 100, "sales_closed": 35, "sales_amount": 35 * 5200}
            for n in names[::2]]}},
    }


# -- the naive baseline -------------------------------------------------------------------
def naive_compute(inputs) -> dict[str, list[list[list[int]]]]:
    """What one would write first: shares and months cell by cell in Python, each cell
    rounded, then the drift pushed onto the largest remainders (no lower-level totals)."""
    reps = inputs.reps["rep"].tolist()
    products = inputs.products["product"].tolist()
    out = {}
    for metric, plan in inputs.plans.items():
        hist = {}
        for rec in inputs.history[inputs.history["metric"] == metric].to_dict("records"):
            key = (rec["rep"], rec["product"])
            hist[key] = hist.get(key, 0.0) + sum(rec[k] or 0.0 for k in MONTH_KEYS)
        total_h = sum(hist.values())
        month = [1 / 12] * 12
        n = round(plan.target / plan.unit)
        cells = []
        for r in reps:
            for p in products:
                share = hist.get((r, p), 0.0) / total_h if total_h else 1 / (len(reps) *
                                                                            len(products))
                for m in range(12):
                    cells.append(n * share * month[m])
        rounded = [math.floor(x) for x in cells]
        short = n - sum(rounded)
        for i in sorted(range(len(cells)), key=lambda i: rounded[i] - cells[i])[:short]:
            rounded[i] += 1
        out[metric] = rounded
    return out


def naive_write(path: Path, breakdown) -> None:
    """The breakdown sheet through the generic per-cell SheetWriter.table."""
    from addin.io.output import new_workbook
    from addin.io.sheetwriter import SheetWriter
    from addin.io.styles import Styles

    spec = workbook("targets")
    sheet = spec.sheet("breakdown")
    wb = new_workbook(path, spec, "en")
    w = SheetWriter(wb, Styles(wb, "en"), spec, sheet, "en")
    frames = []
    for key, m in breakdown.metrics.items():
        values = m.money(m.cells).reshape(-1, 12)
        df = pd.DataFrame(values, columns=list(MONTH_KEYS))
        df.insert(0, "metric", key)
        df.insert(1, "rep", np.repeat(breakdown.rep_names, len(breakdown.products)))
        df.insert(2, "product", np.tile(breakdown.product_codes, len(breakdown.rep_names)))
        df["year"] = values.sum(axis=1)
        frames.append(df)
    w.table(sheet.table("breakdown"), pd.concat(frames, ignore_index=True), role="output")
    wb.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=500)
    ap.add_argument("--products", type=int, default=50)
    ap.add_argument("--skip-naive-write", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        src = folder / "targets.xlsx"
        t = time.perf_counter()
        write_workbook(workbook("targets"), "en", src, bench_content(args.reps, args.products))
        print(f"input written in {time.perf_counter() - t:.1f} s "
              f"({src.stat().st_size / 1e6:.1f} MB)")
        cells = args.reps * args.products * 12 * 4
        print(f"size: {args.reps} reps x {args.products} products x 12 months x 4 metrics "
              f"= {cells:,} cells")

        t = time.perf_counter()
        inputs = read_targets(src, today=AS_OF).inputs
        read_s = time.perf_counter() - t
        compute_runs = []
        for _ in range(3):
            t = time.perf_counter()
            breakdown = compute_breakdown(inputs)
            compute_runs.append(time.perf_counter() - t)
        compute_s = min(compute_runs)
        total = {k: float(m.cells.sum()) * m.unit for k, m in breakdown.metrics.items()}
        assert all(total[k] == round(p.target / p.unit) * p.unit for k, p in inputs.plans.items())
        result = run_targets(src, folder / "out.xlsx", today=AS_OF)
        write_s = result.timings["write"]

        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "addin.cli", "targets", str(src),
                               "--today", AS_OF.isoformat()], capture_output=True, text=True)
        command_s = time.perf_counter() - t
        if proc.returncode not in (0, 1):
            raise SystemExit(proc.stderr)
        out = folder / "targets.breakdown.xlsx"

        t = time.perf_counter()
        naive = naive_compute(inputs)
        naive_compute_s = time.perf_counter() - t
        assert all(sum(v) == round(inputs.plans[k].target / inputs.plans[k].unit)
                   for k, v in naive.items())
        naive_write_s = None
        if not args.skip_naive_write:
            t = time.perf_counter()
            naive_write(folder / "naive.xlsx", breakdown)
            naive_write_s = time.perf_counter() - t

        print(f"read inputs:    {read_s:6.2f} s")
        print(f"compute:        {compute_s:6.2f} s   goal {COMPUTE_GOAL:.0f} s -> "
              f"{compute_s / COMPUTE_GOAL:.0%} of goal; naive baseline "
              f"{naive_compute_s:.2f} s ({naive_compute_s / compute_s:.0f}x slower, "
              "and only the company total exact)")
        nw = (f"; naive breakdown sheet alone {naive_write_s:.2f} s "
              f"({naive_write_s / write_s:.1f}x the whole write)" if naive_write_s else "")
        print(f"write workbook: {write_s:6.2f} s   ({out.stat().st_size / 1e6:.1f} MB){nw}")
        print(f"whole command:  {command_s:6.2f} s   goal {COMMAND_GOAL:.0f} s -> "
              f"{command_s / COMMAND_GOAL:.0%} of goal (fresh process: imports, read, "
              "compute, progress, activity, write)")


if __name__ == "__main__":
    main()
