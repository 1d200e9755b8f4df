"""The sample company's targets workbook: this year's company targets, last year's actuals
by rep, product and month, potential indices, two locked cells, this year's actuals to
late November and each rep's funnel, so the demo shows every part of the breakdown."""

from __future__ import annotations

import datetime as dt
import random

from ..schema import workbook
from .people import REGIONS, REPS

# the split method per metric: the template's own defaults
DEFAULT_METHODS = workbook("targets").sheet("settings").table("methods").defaults

SAMPLE_YEAR = 2026
SAMPLE_AS_OF = dt.date(2026, 11, 27)  # the Friday of the sample week (2026-W48)
SAMPLE_LANG = "zh"

# code, name, category, gross margin rate
PRODUCTS = [
    ("A100", "数控刀具", "刀具", 0.32),
    ("A200", "精密量具", "量具", 0.36),
    ("B100", "工业润滑油", "油品", 0.24),
    ("B200", "切削液", "油品", 0.27),
    ("C100", "劳保用品", "耗材", 0.18),
]
PRODUCT_MIX = [0.30, 0.15, 0.25, 0.18, 0.12]

DISTRIBUTOR = ("沪联贸易", "华东")  # one distributor sells beside the reps
NEW_REP = "孙丽"  # joined this year: no funnel history of her own, so team rates apply

# last year's month shape: Spring Festival dip in February, strong spring and year end
SEASON = [0.85, 0.55, 1.05, 1.05, 1.05, 1.00, 0.95, 0.95, 1.05, 1.10, 1.15, 1.25]

COMPANY_TARGETS = {"revenue": 26_000_000, "gross_margin": 7_000_000, "new_customers": 180,
                   "collections": 24_500_000}


def _sellers() -> list[tuple[str, str, str]]:
    """(name, region, kind) for the reps of people.REPS and the distributor."""
    out = [(rep, region, "rep") for rep, region, _ in REPS]
    out.append((DISTRIBUTOR[0], DISTRIBUTOR[1], "distributor"))
    return out


def targets_content(seed: int = 2026) -> dict[str, dict]:
    """Content for `write_workbook(workbook("targets"), lang, path, content)`."""
    rng = random.Random(seed)
    sellers = _sellers()
    size = {name: rng.uniform(0.7, 1.4) for name, _, _ in sellers}
    size[DISTRIBUTOR[0]] = 2.2
    size[NEW_REP] = 0.5  # she started mid-year last year

    history = []
    for name, _, _ in sellers:
        skipped = rng.randrange(len(PRODUCTS)) if rng.random() < 0.4 else None
        for p, (code, _, _, margin) in enumerate(PRODUCTS):
            if p == skipped:  # not every rep sells every product
                continue
            year = 1_750_000 * size[name] * PRODUCT_MIX[p] * rng.uniform(0.7, 1.3)
            months = [round(year / 12 * s * rng.uniform(0.85, 1.15), -2) for s in SEASON]
            gm = [round(v * margin * rng.uniform(0.9, 1.1), -2) for v in months]
            coll = [round(v * rng.uniform(0.88, 0.98), -2) for v in [months[-1], *months[:-1]]]
            for metric, values in (("revenue", months), ("gross_margin", gm),
                                   ("collections", coll)):
                history.append({"rep": name, "product": code, "metric": metric,
                                **{f"m{k + 1:02d}": v for k, v in enumerate(values)}})

    potential = [
        {"region": "华东", "potential_index": 120},
        {"region": "华北", "potential_index": 95},
        {"region": "华南", "potential_index": 85},
        {"rep": "张伟", "potential_index": 40},  # the Pudong industrial park
        {"rep": DISTRIBUTOR[0], "potential_index": 55},
        {"region": "华南", "product": "B100", "potential_index": 30},  # new lubricant plant
    ]

    overrides = [  # the manager's own decisions, kept as typed
        {"metric": "revenue", "rep": "张伟", "product": "A100", "month": 3, "value": 60_000},
        {"metric": "revenue", "rep": "周杰", "product": "C100", "month": 12, "value": 0},
    ]

    actuals = []
    pace = {name: rng.uniform(0.82, 1.12) for name, _, _ in sellers}
    day = dt.date(SAMPLE_YEAR, 1, 1)
    for month in range(1, 12):
        last_day = (dt.date(SAMPLE_YEAR, month + 1, 1) - dt.timedelta(days=1)).day
        for name, _, _ in sellers:
            base = 26_000_000 / 13 * size[name] / sum(size.values()) * 13 * SEASON[month - 1]
            for code, _, _, margin in PRODUCTS:
                share = PRODUCT_MIX[[p[0] for p in PRODUCTS].index(code)]
                if month < 11:
                    value = round(base * share / 12 * pace[name] * rng.uniform(0.85, 1.15), -1)
                    day = dt.date(SAMPLE_YEAR, month, last_day)
                    actuals.append({"date": day, "rep": name, "product": code,
                                    "metric": "revenue", "value": value})
                    actuals.append({"date": day, "rep": name, "product": code,
                                    "metric": "gross_margin",
                                    "value": round(value * margin, -1)})
                else:  # this month: weekly entries up to the sample week
                    for monday in (dt.date(2026, 11, 2), dt.date(2026, 11, 9),
                                   dt.date(2026, 11, 16), dt.date(2026, 11, 23)):
                        value = round(base * share / 12 / 4.3 * pace[name]
                                      * rng.uniform(0.6, 1.2), -1)
                        actuals.append({"date": monday + dt.timedelta(days=4), "rep": name,
                                        "product": code, "metric": "revenue", "value": value})
            day = dt.date(SAMPLE_YEAR, month, min(last_day, 28))
            actuals.append({"date": day, "rep": name, "metric": "collections",
                            "value": round(base / 12 * 0.93 * pace[name], -2)})
            actuals.append({"date": day, "rep": name, "metric": "new_customers",
                            "value": rng.choice([0, 1, 1, 1, 2])})

    funnel = []
    for name, _, kind in sellers:
        if name == NEW_REP or kind == "distributor":
            continue
        dialled = rng.randint(700, 1000)
        completed = round(dialled * rng.uniform(0.45, 0.6))
        appointments = round(completed * rng.uniform(0.2, 0.3))
        presentations = round(appointments * rng.uniform(0.8, 1.0))
        closed = round(presentations * rng.uniform(0.3, 0.45))
        funnel.append({"rep": name, "weeks": 12, "calls_dialled": dialled,
                       "calls_completed": completed, "appointments": appointments,
                       "presentations": presentations, "sales_closed": closed,
                       "sales_amount": round(closed * rng.uniform(3500, 7500), -2)})

    return {
        "settings": {"fields": {"year": SAMPLE_YEAR}, "tables": {"methods": list(DEFAULT_METHODS)}},
        "company": {"tables": {"targets": [
            {"metric": k, "annual_target": v} for k, v in COMPANY_TARGETS.items()]}},
        "reps": {"tables": {"reps": [
            {"rep": name, "region": region, "seller_kind": kind,
             "supervisor": REGIONS[region]["supervisor"], "active": True}
            for name, region, kind in sellers]}},
        "products": {"tables": {"products": [
            {"product": code, "product_name": name, "category": cat}
            for code, name, cat, _ in PRODUCTS]}},
        "history": {"tables": {"history": history}},
        "potential": {"tables": {"potential": potential}},
        "seasonality": {"tables": {"seasonality": [
            {"metric": "new_customers", **{f"m{k + 1:02d}": v for k, v in enumerate(
                [0.6, 0.4, 1.2, 1.2, 1.1, 1.0, 0.9, 0.9, 1.2, 1.2, 1.2, 1.1])}}]}},
        "overrides": {"tables": {"overrides": overrides}},
        "actuals": {"tables": {"actuals": actuals}},
        "funnel": {"tables": {"funnel": funnel}},
    }
