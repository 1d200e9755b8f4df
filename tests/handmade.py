"""Hand-made inputs several test folders share: two reps' week (written into rep
workbooks by the tests, with the figures computed the plain way here) and a small customer
master with a rep workbook already started. Every expected figure in the tests derives from
these literals, never from the code under test."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import openpyxl

from addin.io.templates import write_workbook
from addin.sample.customers import master_content
from addin.schema import workbook
from addin.schema.vocab import DAYS, EFFECTIVE, OUTCOMES

REP_WEEKLY = workbook("rep_weekly")


# -- a week of two reps ---------------------------------------------------------------------
SPEC = REP_WEEKLY
WEEK = dt.date(2026, 11, 16)  # 2026-W47
EFFECTIVE_KEYS = {o.key for o in OUTCOMES if EFFECTIVE in o.flags}


def visit(customer, outcome, order=None, collected=None, new=False, objection=None,
          purpose="order", **extra):
    return {"customer_id": customer, "customer": f"客户{customer}", "purpose": purpose,
            "outcome": outcome, "order_amount": order, "collected_amount": collected,
            "new_customer": new, "objection": objection, **extra}


# Two reps, hand-made: rep -> (lang, region, {day index: (day fields, visits, planned visits)})
WEEK_DATA = {
    "张伟": ("zh", "华东", {
        0: ({"attendance": "present", "selling_hours": 8, "expenses": 120, "calls_dialled": 20,
             "calls_completed": 10, "appointments": 3, "presentations": 2, "sales_closed": 1,
             "sales_amount": 4000, "day_target": 5000},
            [visit("C1", "ordered", 3000, new=True, competitor_info="竞品A降价5%"),
             visit("C2", "refused", objection="price_too_high"),
             visit("C3", "collected", collected=8000, purpose="collection")], 4),
        1: ({"attendance": "present", "selling_hours": 7.5, "expenses": 80, "calls_dialled": 15,
             "calls_completed": 5, "day_target": 5000},
            [visit("C1", "ordered", 1500, new=True), visit("C4", "lost", objection="no_budget"),
             visit("C5", "appointment")], 3),
        5: ({"attendance": "holiday"}, [], 0),
    }),
    "Li Na": ("en", "East", {
        0: ({"attendance": "present", "selling_hours": 6, "expenses": 50, "calls_dialled": 10,
             "calls_completed": 4, "appointments": 1, "presentations": 1, "sales_closed": 1,
             "sales_amount": 2500, "day_target": 0},
            [visit("D1", "interested", objection="price_too_high"),
             visit("D2", "ordered", 2500), visit("D3", "not_met")], 2),
        2: ({"attendance": "present", "selling_hours": 0},
            [], 2),
    }),
}


def content_for(rep: str) -> tuple[str, dict]:
    lang, region, days = copy.deepcopy(WEEK_DATA[rep])
    content = {"info": {"fields": {"rep": rep, "region": region, "week_start": WEEK}}}
    for i, (fields, visits, planned) in days.items():
        key = DAYS[i].key
        content[f"report_{key}"] = {"fields": fields, "tables": {"visits": visits}}
        plan = [{"customer": f"P{j}", "kind": "visit", "purpose": "order", "tier": "priority"}
                for j in range(planned)]
        plan.append({"customer": "call", "kind": "call", "purpose": "service"})
        content[f"plan_{key}"] = {"tables": {"contacts": plan}}
    return lang, content


def expected_figures(rep: str, rate: float = 0.05) -> dict:
    """The definitions of issue 5, computed the plain way."""
    _, _, days = WEEK_DATA[rep]
    visits = [v for _, vs, _ in days.values() for v in vs]
    fields = [f for f, _, _ in days.values()]

    def total(key):
        return sum(f.get(key) or 0 for f in fields)

    def div(a, b):
        return a / b if b else None

    made = len(visits)
    planned = sum(p for _, _, p in days.values())
    effective = sum(v["outcome"] in EFFECTIVE_KEYS for v in visits)
    orders = sum((v["order_amount"] or 0) > 0 for v in visits)
    amount = sum(v["order_amount"] or 0 for v in visits)
    out = {
        "visits_planned": planned, "visits_made": made, "plan_completion_rate": div(made, planned),
        "effective_visits": effective, "effective_visit_rate": div(effective, made),
        "orders": orders, "transaction_rate": div(orders, made), "order_amount": amount,
        "collections": sum(v["collected_amount"] or 0 for v in visits),
        "new_customers": len({v["customer_id"] for v in visits if v["new_customer"]}),
        "expenses": total("expenses"), "selling_hours": total("selling_hours"),
        "sales_per_hour": div(amount, total("selling_hours")),
        "day_target": total("day_target"), "achievement_rate": div(amount, total("day_target")),
    }
    for k in ("calls_dialled", "calls_completed", "appointments", "presentations",
              "sales_closed", "sales_amount"):
        out[k] = total(k)
    out["sales_per_call"] = div(out["sales_amount"], out["calls_dialled"])
    out["commission_per_call"] = None if out["sales_per_call"] is None else \
        out["sales_per_call"] * rate
    return out


# -- a customer master and a started rep workbook -------------------------------------------
CUSTOMERS = workbook("customers")
PLAN_WEEK = "2026-W49"  # the week the plan tests plan
MONDAY = dt.date(2026, 11, 30)
TODAY = dt.date(2026, 11, 27)


def customer(cid: str, rep: str, area: str = "浦东", *, tier: str | None = "general",
             last_call: dt.date | None = None, last_visit: dt.date | None = None,
             status: str = "customer", complaint: bool = False, **extra) -> dict:
    return {"customer_id": cid, "customer": f"{area}{cid}有限公司", "rep": rep,
            "region": "华东", "area": area, "tier": tier, "employees": 30,
            "annual_revenue": 3e6, "net_assets": 1e6, "status": status,
            "last_call_date": last_call, "last_visit_date": last_visit,
            "open_complaint": complaint, "contact": "王经理", "phone": "021-55550000",
            **extra}


def small_master(path: Path, lang: str, settings: dict | None = None) -> Path:
    rows = [
        customer("C01", "张伟", complaint=True, last_call=TODAY, last_visit=TODAY),
        customer("C02", "张伟", last_call=dt.date(2026, 6, 1), last_visit=dt.date(2026, 9, 1)),
        customer("C03", "张伟", "闵行", tier="priority", last_call=TODAY,
                 last_visit=dt.date(2026, 7, 1)),
        customer("C04", "张伟", "闵行", tier=None, last_call=dt.date(2026, 5, 10),
                 last_visit=dt.date(2026, 10, 1)),
        customer("C05", "张伟", tier="last", receivable_amount=12_300.0,
                 receivable_due_date=dt.date(2026, 12, 3), last_call=TODAY,
                 last_visit=dt.date(2026, 10, 1)),
        customer("P01", "张伟", status="prospect", tier=None),
        customer("C11", "Li Na", "徐汇", last_call=dt.date(2026, 7, 1),
                 last_visit=dt.date(2026, 1, 5)),
        customer("C12", "Li Na", "徐汇", tier="priority", last_call=dt.date(2026, 10, 29),
                 last_visit=dt.date(2026, 10, 29)),
    ]
    return write_workbook(CUSTOMERS, lang, path, master_content(rows, settings))


def typed_book(path: Path, lang: str) -> Path:
    """A rep workbook the rep already started: two rows typed on Monday (one of them a due
    customer), text that looks like a formula, and a supervisor note in a middle row."""
    content = {
        "info": {"fields": {"rep": "张伟", "region": "华东", "week_start": MONDAY}},
        "plan_mon": {"tables": {"contacts": [
            {"planned_time": dt.time(9, 0), "customer_id": "C02", "customer": "浦东C02有限公司",
             "kind": "visit", "purpose": "order"},
            {"customer": "=HYPERLINK(\"x\")", "kind": "call", "purpose": "other",
             "notes": "-5% 折扣"},
        ]}},
        # typed by name only: still recognised as customer C03
        "plan_tue": {"tables": {"contacts": [
            {"customer": "闵行C03 有限公司", "kind": "visit", "purpose": "service"}]}},
    }
    write_workbook(REP_WEEKLY, lang, path, content)
    wb = openpyxl.load_workbook(path)
    ws = wb[REP_WEEKLY.sheet("plan_mon").label(lang)]
    table = REP_WEEKLY.sheet("plan_mon").table("contacts")
    ws[f"{table.col_letter('notes')}{table.first_data_row + 5}"] = "主管：周一先去闵行"
    wb.save(path)
    return path


def write_week_folder(folder: Path) -> Path:
    """The two reps' week written as rep workbooks into `folder` (created)."""
    folder.mkdir(parents=True, exist_ok=True)
    for rep in WEEK_DATA:
        lang, content = content_for(rep)
        write_workbook(SPEC, lang, folder / f"2026-W47_{rep}.xlsx", content)
    return folder


def working_days(first: dt.date, last: dt.date) -> int:
    """Monday-to-Saturday days from first to last, counted one by one (the tests' own
    count, never the product's)."""
    n, d = 0, first
    while d <= last:
        n += d.weekday() < 6
        d += dt.timedelta(days=1)
    return n
