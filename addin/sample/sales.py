"""The sample company's year in figures: last year's sales by seller, product and month
(what the targets are split on), this year's targets as the breakdown splits them (the
same engine `salesbook targets` runs), and this year's sales so far, each seller keeping
the pace of his character: on target, ahead, behind, new."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pandas as pd

from ..core.targets import MONTH_KEYS, MetricPlan, TargetInputs, compute_breakdown
from ..core.timeprogress import count_days
from ..schema import workbook
from .people import AHEAD, BEHIND, NEW, SLOW_WEEK, Rep

YEAR = 2026
# last year's month shape: the Spring Festival dip in February, a strong spring and year end
SEASON = (0.85, 0.55, 1.05, 1.05, 1.05, 1.00, 0.95, 0.95, 1.05, 1.10, 1.15, 1.25)
PRODUCT_MIX = (0.30, 0.15, 0.25, 0.18, 0.12)
REP_YEAR = 1_850_000  # a typical rep's sales last year
DISTRIBUTOR_SIZE = 2.2
GROWTH = 1.08  # this year's company target over last year's sales
METHODS = workbook("targets").sheet("settings").table("methods").defaults
REVENUE_METHOD = next(m for m in METHODS if m["metric"] == "revenue")


def last_year(rng: random.Random, sellers: list[Rep], products: tuple) -> list[dict]:
    """Revenue, gross margin and collections by seller, product and month of last year."""
    rows = []
    for seller in sellers:
        size = DISTRIBUTOR_SIZE if seller.kind == "distributor" else rng.uniform(0.8, 1.25)
        skipped = rng.randrange(len(products)) if seller.kind == "rep" and rng.random() < 0.35 \
            else None
        for p, (code, _, _, margin) in enumerate(products):
            if p == skipped:  # not every rep sells every product
                continue
            year = REP_YEAR * size * PRODUCT_MIX[p] * rng.uniform(0.8, 1.2)
            months = [round(year / 12 * s * rng.uniform(0.9, 1.1), -2) for s in SEASON]
            if seller.index == NEW and seller.kind == "rep":  # joined last July
                months = [0.0] * 6 + months[6:]
            gm = [round(v * margin * rng.uniform(0.92, 1.08), -2) for v in months]
            coll = [round(v * rng.uniform(0.9, 0.98), -2) for v in [months[-1], *months[:-1]]]
            for metric, values in (("revenue", months), ("gross_margin", gm),
                                   ("collections", coll)):
                rows.append({"rep": seller.name, "product": code, "metric": metric,
                             **dict(zip(MONTH_KEYS, values, strict=True))})
    return rows


def potential(sellers: list[Rep], products: tuple, regions: list[str]) -> list[dict]:
    """Potential indices: by region, a big industrial park in the first rep's territory,
    the distributor's, and a new plant that wants lubricants in the last region."""
    east, north, south = regions
    dist = next(s for s in sellers if s.kind == "distributor")
    return [
        {"region": east, "potential_index": 120},
        {"region": north, "potential_index": 95},
        {"region": south, "potential_index": 85},
        {"rep": sellers[AHEAD].name, "potential_index": 40},
        {"rep": dist.name, "potential_index": 55},
        {"region": south, "product": products[2][0], "potential_index": 30},
    ]


def overrides(sellers: list[Rep], products: tuple) -> list[dict]:
    """Two cells the sales manager fixed by hand: a launch order and a product withdrawn."""
    return [
        {"metric": "revenue", "rep": sellers[AHEAD].name, "product": products[0][0],
         "month": 3, "value": 60_000},
        {"metric": "revenue", "rep": sellers[8].name, "product": products[4][0], "month": 12,
         "value": 0},
    ]


def company_targets(history: list[dict]) -> dict[str, float]:
    revenue = sum(sum(r[m] for m in MONTH_KEYS) for r in history if r["metric"] == "revenue")
    target = round(revenue * GROWTH, -5)
    return {"revenue": target, "gross_margin": round(target * 0.27, -4), "new_customers": 180,
            "collections": round(target * 0.94, -5)}


def monthly_targets(sellers: list[Rep], products: tuple, history: list[dict],
                    potential_rows: list[dict], override_rows: list[dict],
                    revenue: float) -> dict[str, np.ndarray]:
    """Each seller's revenue target per month, split as the breakdown splits it."""
    frame = pd.DataFrame
    inputs = TargetInputs(
        year=YEAR,
        reps=frame([{"rep": s.name, "region": s.region, "seller_kind": s.kind,
                     "supervisor": s.supervisor} for s in sellers]),
        products=frame([{"product": c, "product_name": n, "category": k}
                        for c, n, k, _ in products]),
        plans={"revenue": MetricPlan(
            "revenue", revenue, REVENUE_METHOD["rounding_unit"], REVENUE_METHOD["method"],
            REVENUE_METHOD["weight_history"], REVENUE_METHOD["weight_potential"],
            REVENUE_METHOD["weight_equal"])},
        history=frame(history),
        potential=frame(potential_rows).reindex(columns=["rep", "region", "product",
                                                         "potential_index"]),
        overrides=frame(override_rows).assign(cell=""),
    )
    split = compute_breakdown(inputs)
    result = split.metrics["revenue"]
    by_rep = result.money(result.cells).sum(axis=1)
    return {name: by_rep[i] for i, name in enumerate(split.rep_names)}


def forms(rng: random.Random, sellers: list[Rep], weeks: list[int]) -> tuple[dict, dict]:
    """Each seller's pace for the year, and each rep's for the weeks rolled up: most near
    their target, one ahead, one behind, one new and still learning; the last week one
    more rep has a slow week."""
    year, week = {}, {}
    for s in sellers:
        pace = {AHEAD: 1.13, BEHIND: 0.80, NEW: 0.90}.get(s.index, rng.uniform(0.95, 1.07))
        year[s.name] = 1.02 if s.kind == "distributor" else pace
        week[s.name] = {w: year[s.name] * rng.uniform(0.9, 1.1) for w in weeks}
        last = weeks[-1]
        if s.kind == "rep":
            week[s.name][last] = {AHEAD: 1.24, BEHIND: 0.62, SLOW_WEEK: 0.70}.get(
                s.index, week[s.name][last])
    return year, week


def month_sales(rng: random.Random, target: float, form: float) -> int:
    """A month's sales around its target at the seller's pace, to ten."""
    return int(round(target * form * rng.uniform(0.93, 1.07), -1))


def week_share(monday: dt.date) -> float:
    """The share of its month's target a Monday-to-Saturday week takes (all in one month)."""
    first = monday.replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return 6 / count_days(first, last, 6)


def split_whole(total: int, weights: list[float], step: int = 10) -> list[int]:
    """`total` split by `weights` in multiples of `step`, adding up exactly."""
    units = total // step
    raw = [units * w / sum(weights) for w in weights]
    out = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - out[i], reverse=True)[
            :units - sum(out)]:
        out[i] += 1
    out = [u * step for u in out]
    out[int(np.argmax(weights))] += total - sum(out)
    return out
