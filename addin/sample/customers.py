"""A sample customer master: the demo team's customers (`people.customers()`, so the demo's
plans name the demo's reps and customer IDs) plus each rep's list of prospects bought from
a trade directory and never contacted yet, so the plan has more to do than fits a week.

Also a synthetic master of any size for the benchmark and the tests. Deterministic.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import asdict

from ..schema.customers import SETTINGS
from .people import REGIONS, REPS, SURNAMES, TRADES, WORDS, customers

DEMO_TODAY = dt.date(2026, 11, 27)  # the Friday before the demo week, when plans are made
DEMO_WEEK = "2026-W49"
DIRECTORY_PROSPECTS = 70  # per rep: more first calls than a week of calls can hold


def _prospect(rng: random.Random, n: int, rep: str, region: str) -> dict:
    info = REGIONS[region]
    employees = int(15 + rng.random() ** 2 * 500)
    revenue = round(employees * rng.uniform(120_000, 380_000), -4)
    return {
        "customer_id": f"P{n:04d}",
        "customer": f"{info['city']}{rng.choice(WORDS)}{rng.choice(TRADES)}股份有限公司",
        "rep": rep, "region": region, "area": rng.choice(info["areas"]), "tier": None,
        "employees": employees, "annual_revenue": revenue,
        "net_assets": round(revenue * rng.uniform(0.2, 0.5), -4), "status": "prospect",
        "last_call_date": None, "last_visit_date": None, "receivable_amount": None,
        "receivable_due_date": None, "open_complaint": False,
        "contact": rng.choice(SURNAMES) + rng.choice(["经理", "总", "主任"]),
        "phone": f"{info['phone']}-{rng.randint(5000_0000, 6999_9999)}",
        "address": f"{info['city']}市{rng.choice(info['areas'])}区{rng.randint(1, 999)}号",
        "notes": "企业名录",
    }


def demo_records(prospects_per_rep: int = DIRECTORY_PROSPECTS, seed: int = 49) -> list[dict]:
    """The sample team's customers and directory prospects, as customer-master rows."""
    rows = [{**asdict(c), "notes": None} for c in customers()]
    rng = random.Random(seed)
    n = 0
    for rep, region, _lang in REPS:
        for _ in range(prospects_per_rep):
            n += 1
            rows.append(_prospect(rng, n, rep, region))
    return rows


def _default_tier(employees: int, revenue: float, net_assets: float) -> str:
    """The tier the settings sheet's default rules give, so history matches the cadence."""
    for rule in SETTINGS.table("tier_rules").defaults:
        if employees >= rule["min_employees"] or revenue >= rule["min_annual_revenue"] or \
                net_assets >= rule["min_net_assets"]:
            return rule["tier"]
    return "last"


_CADENCE_DAYS = {"priority": (30, 91), "general": (91, 182), "last": (182, 365)}


def synthetic_records(reps: int, per_rep: int, today: dt.date = DEMO_TODAY, seed: int = 4,
                      backlog: float = 1.05) -> list[dict]:
    """`reps` x `per_rep` customers for benchmarks and tests of any size: tiers by size,
    contact history kept roughly at each tier's cadence (last contacts spread over
    `backlog` x the cadence, so some are overdue), receivables, a few open complaints and
    prospects never contacted."""
    rng = random.Random(seed)
    regions = list(REGIONS)
    rows = []
    for r in range(reps):
        region = regions[r % len(regions)]
        info = REGIONS[region]
        rep = f"{rng.choice(SURNAMES)}{r + 1:02d}"
        for i in range(per_rep):
            prospect = rng.random() < 0.12
            employees = min(5000, int(5 + rng.paretovariate(0.8) * 8))  # few large firms
            revenue = round(employees * rng.uniform(150_000, 400_000), -4)
            net_assets = round(revenue * rng.uniform(0.2, 0.6), -4)
            size_tier = _default_tier(employees, revenue, net_assets)
            call_days, visit_days = _CADENCE_DAYS[size_tier]
            contacted = not prospect or rng.random() < 0.5
            last_call = today - dt.timedelta(days=rng.randint(1, int(call_days * backlog))) \
                if contacted else None
            last_visit = None if prospect else \
                today - dt.timedelta(days=rng.randint(5, int(visit_days * backlog)))
            has_ar = not prospect and rng.random() < 0.2
            rows.append({
                "customer_id": f"S{r + 1:02d}{i + 1:04d}",
                "customer": f"{info['city']}{rng.choice(WORDS)}{rng.choice(TRADES)}{i}号公司",
                "rep": rep, "region": region, "area": rng.choice(info["areas"]),
                "tier": None if rng.random() < 0.4 else size_tier,
                "employees": employees, "annual_revenue": revenue,
                "net_assets": net_assets,
                "status": "prospect" if prospect else "customer",
                "last_call_date": last_call, "last_visit_date": last_visit,
                "receivable_amount": round(rng.uniform(5_000, 80_000), -2) if has_ar else None,
                "receivable_due_date": today + dt.timedelta(days=rng.randint(-10, 80))
                if has_ar else None,
                "open_complaint": not prospect and rng.random() < 0.01,
                "contact": rng.choice(SURNAMES) + "经理",
                "phone": f"13{rng.randint(0, 9)}{rng.randint(1000_0000, 9999_9999)}",
                "address": None, "notes": None,
            })
    return rows


def master_content(records: list[dict], settings: dict | None = None) -> dict:
    """Content for `write_workbook(workbook("customers"), ...)`: the customers, and the
    settings sheet at its documented defaults unless `settings` overrides fields."""
    return {"customers": {"tables": {"customers": records}},
            "settings": {"fields": dict(settings or {})}}
