"""The sample company's customers: fifty per rep, sized by tier (a few large priority
accounts, general ones, many small last-tier ones), the prospects a rep is working on and a
few bought from a trade directory and never contacted yet. The customer master the demo
writes reflects the weeks the reps reported: last visits and calls, receivables still open,
complaints not yet closed, prospects who became customers.

Also a synthetic master of any size for the benchmark and the tests. Deterministic.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from ..schema.customers import SETTINGS
from .texts import ZH, Words

DEMO_TODAY = dt.date(2026, 11, 28)  # the Saturday the demo week ends: next week is planned
DEMO_WEEK = "2026-W49"
PER_REP = 50
# per rep: priority, general and last-tier customers, prospects being worked, prospects
# from a trade directory nobody has called yet
MIX = {"priority": 7, "general": 17, "last": 17, "prospect": 5, "directory": 4}
# a typical order (yuan) by tier, and a new customer's first order
ORDER_SIZE = {"priority": (9_000, 24_000), "general": (4_000, 10_000), "last": (1_500, 4_500),
              "prospect": (2_500, 6_000), "directory": (2_500, 6_000)}
_CADENCE_DAYS = {"priority": (30, 91), "general": (91, 182), "last": (182, 365)}


@dataclass
class Customer:
    customer_id: str
    customer: str
    rep: str
    region: str
    area: str
    tier: str  # by size, as the tier rules give it
    typed_tier: str | None  # what the master's tier column says (blank: the rules decide)
    employees: int
    annual_revenue: float
    net_assets: float
    prospect: bool
    directory: bool  # bought from a trade directory, never contacted
    contact: str
    phone: str
    address: str
    order_size: float  # a typical order
    last_call: dt.date | None  # before the weeks the demo generates
    last_visit: dt.date | None


def _size(rng: random.Random, tier: str) -> tuple[int, float, float]:
    """Employees, annual revenue and net assets that the default tier rules put in `tier`."""
    if tier == "priority":
        employees = rng.randint(120, 900)
        revenue = employees * rng.uniform(300_000, 600_000)
    elif tier == "general":
        employees = rng.randint(20, 95)
        revenue = employees * rng.uniform(150_000, 400_000)
    else:
        employees = rng.randint(5, 19)
        revenue = employees * rng.uniform(100_000, 240_000)
    share = (0.25, 0.5) if tier == "priority" else (0.2, 0.45) if tier == "general" \
        else (0.2, 0.4)
    revenue = round(revenue, -4)
    return employees, revenue, round(revenue * rng.uniform(*share), -4)


def company_customers(rng: random.Random, words: Words, reps: list, before: dt.date
                      ) -> list[Customer]:
    """Every rep's customers and prospects; last contacts spread before `before` at each
    tier's cadence, a few overdue."""
    out = []
    n = 0
    for rep in reps:
        info = words.regions[rep.region]
        for kind, count in MIX.items():
            for _ in range(count):
                n += 1
                tier = "last" if kind in ("prospect", "directory") and rng.random() < 0.5 \
                    else ("general" if kind in ("prospect", "directory") else kind)
                employees, revenue, assets = _size(rng, tier)
                area = rng.choice(info["areas"])
                form = words.prospect_form if kind == "directory" else words.company_form
                name = form.format(city=info["city"], word=rng.choice(words.customer_words),
                                   trade=rng.choice(words.trades))
                last_call, last_visit = _contacts(rng, kind, tier, before)
                out.append(Customer(
                    customer_id=f"{'P' if kind == 'directory' else 'C'}{n:04d}",
                    customer=name, rep=rep.name, region=rep.region, area=area, tier=tier,
                    typed_tier=None if kind in ("prospect", "directory") or rng.random() < 0.4
                    else tier,
                    employees=employees, annual_revenue=revenue, net_assets=assets,
                    prospect=kind in ("prospect", "directory"), directory=kind == "directory",
                    contact=_contact(rng, words), phone=_phone(rng, info),
                    address=words.address_form.format(city=info["city"], area=area,
                                                      n=rng.randint(1, 999)),
                    order_size=round(rng.uniform(*ORDER_SIZE[kind if kind in ORDER_SIZE
                                                            else tier]), -2),
                    last_call=last_call, last_visit=last_visit))
    return out


def _contacts(rng: random.Random, kind: str, tier: str, before: dt.date
              ) -> tuple[dt.date | None, dt.date | None]:
    """Last call and visit before the generated weeks: within the tier's cadence, one in
    twelve overdue; prospects called lately and not visited, directory ones never."""
    if kind == "directory":
        return None, None
    if kind == "prospect":
        return before - dt.timedelta(days=rng.randint(3, 40)), None
    call_days, visit_days = _CADENCE_DAYS[tier]
    late = 1.25 if rng.random() < 1 / 12 else 0.9
    return (before - dt.timedelta(days=rng.randint(2, int(call_days * late))),
            before - dt.timedelta(days=rng.randint(5, int(visit_days * late))))


def _contact(rng: random.Random, words: Words) -> str:
    if words is ZH:
        return rng.choice(words.surnames) + rng.choice(words.titles)
    return f"{rng.choice(words.titles)} {rng.choice(words.surnames)}"


def _phone(rng: random.Random, info: dict) -> str:
    if rng.random() < 0.5:
        return f"{info['phone']}-{rng.randint(5000_0000, 6999_9999)}"
    return f"13{rng.randint(0, 9)}{rng.randint(1000_0000, 9999_9999)}"


def master_rows(customers: list[Customer], touched: dict[str, dict], words: Words
                ) -> list[dict]:
    """The customer master as it stands after the reported weeks: `touched` is what the
    weeks changed per customer ID (last_visit, last_call, receivable, due, complaint,
    became_customer)."""
    rows = []
    for c in customers:
        t = touched.get(c.customer_id, {})
        visit = max(filter(None, (c.last_visit, t.get("last_visit"))), default=None)
        call = max(filter(None, (c.last_call, t.get("last_call"))), default=None)
        rows.append({
            "customer_id": c.customer_id, "customer": c.customer, "rep": c.rep,
            "region": c.region, "area": c.area,
            "tier": c.typed_tier, "employees": c.employees, "annual_revenue": c.annual_revenue,
            "net_assets": c.net_assets,
            "status": "prospect" if c.prospect and not t.get("became_customer") else "customer",
            "last_call_date": call, "last_visit_date": visit,
            "receivable_amount": t.get("receivable"), "receivable_due_date": t.get("due"),
            "open_complaint": bool(t.get("complaint")) or None,
            "contact": c.contact, "phone": c.phone, "address": c.address,
            "notes": words.directory_note if c.directory else None,
        })
    return rows


# -- a synthetic master of any size ------------------------------------------------------
def _default_tier(employees: int, revenue: float, net_assets: float) -> str:
    """The tier the settings sheet's default rules give, so history matches the cadence."""
    for rule in SETTINGS.table("tier_rules").defaults:
        if employees >= rule["min_employees"] or revenue >= rule["min_annual_revenue"] or \
                net_assets >= rule["min_net_assets"]:
            return rule["tier"]
    return "last"


def synthetic_records(reps: int, per_rep: int, today: dt.date = dt.date(2026, 11, 27),
                      seed: int = 4, backlog: float = 1.05) -> list[dict]:
    """`reps` x `per_rep` customers for benchmarks and tests of any size: tiers by size,
    contact history kept roughly at each tier's cadence (last contacts spread over
    `backlog` x the cadence, so some are overdue), receivables, a few open complaints and
    prospects never contacted."""
    rng = random.Random(seed)
    regions = list(ZH.regions)
    rows = []
    for r in range(reps):
        region = regions[r % len(regions)]
        info = ZH.regions[region]
        rep = f"{rng.choice(ZH.surnames)}{r + 1:02d}"
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
                "customer": f"{info['city']}{rng.choice(ZH.customer_words)}"
                            f"{rng.choice(ZH.trades)}{i}号公司",
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
                "contact": rng.choice(ZH.surnames) + "经理",
                "phone": f"13{rng.randint(0, 9)}{rng.randint(1000_0000, 9999_9999)}",
                "address": None, "notes": None,
            })
    return rows


def master_content(records: list[dict], settings: dict | None = None) -> dict:
    """Content for `write_workbook(workbook("customers"), ...)`: the customers, and the
    settings sheet at its documented defaults unless `settings` overrides fields."""
    return {"customers": {"tables": {"customers": records}},
            "settings": {"fields": dict(settings or {})}}


__all__ = ["DEMO_TODAY", "DEMO_WEEK", "Customer", "company_customers", "master_content",
           "master_rows", "synthetic_records"]
