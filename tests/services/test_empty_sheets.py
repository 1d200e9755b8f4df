"""Every job runs on workbooks whose optional sheets are empty: one at a time and all at
once, end to end through the command line. It ends with exit 0 (or 1 with problems that
have a code and say where), never a traceback; a split method left without data falls back
to equal and the audit sheet says so."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import python_calamine as calamine
from click.testing import CliRunner
from handmade import SPEC as REP_WEEKLY
from handmade import TODAY as PLAN_TODAY
from handmade import WEEK, content_for, customer
from test_targets_workbook import SPEC as TARGETS
from test_targets_workbook import content

from addin.catalogue import say
from addin.cli import main
from addin.io.templates import write_workbook
from addin.sample.customers import master_content
from addin.schema import workbook
from addin.schema.vocab import SPLIT_METHODS

OPTIONAL_TARGET_SHEETS = ("history", "potential", "seasonality", "overrides", "actuals",
                          "funnel", "methods")
EMPTY_TARGETS_CASES = [(s,) for s in OPTIONAL_TARGET_SHEETS] + [OPTIONAL_TARGET_SHEETS]


def emptied_targets(sheets: tuple[str, ...]) -> dict:
    c = content()
    for sheet in sheets:
        if sheet == "methods":  # the settings keep their year, not their split methods
            c["settings"]["tables"]["methods"] = []
        else:
            c[sheet] = {"tables": {}}
    return c


def run_cli(*args: str):
    """The command as a user runs it; a traceback (any exception but the exit) fails."""
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    assert "Traceback" not in result.output + result.stderr
    return result


def audit_text(path) -> str:
    wb = calamine.CalamineWorkbook.from_path(str(path))
    rows = wb.get_sheet_by_name(TARGETS.sheet("audit").label("en")).to_python()
    return "\n".join(" ".join(str(v) for v in row) for row in rows)


def fallback_note(method: str, sheet: str) -> str:
    """The audit's explanation of a method without data, in the catalogue's words."""
    choice = next(c for c in SPLIT_METHODS if c.key == method)
    return say(f"targets.fallback_{method}", "en", method=choice, sheet=TARGETS.sheet(sheet))


@pytest.mark.parametrize("sheets", EMPTY_TARGETS_CASES, ids="+".join)
def test_targets_with_empty_optional_sheets(tmp_path, sheets):
    src = write_workbook(TARGETS, "en", tmp_path / "targets.xlsx", emptied_targets(sheets))
    res = run_cli("targets", str(src), "--today", "2026-11-27", "--json")
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["totals"] == {"revenue": 3_000_000, "gross_margin": 800_000,
                              "new_customers": 47, "collections": 2_900_000}
    problems = [json.loads(line) for line in res.stderr.splitlines()]
    assert all(p["code"].startswith("targets.") and p["sheet"] for p in problems), problems
    if "methods" in sheets:  # every metric is split equally, and each is said
        assert sorted(p["params"]["metric"] for p in problems
                      if p["code"] == "targets.no_method") == \
            sorted(["revenue", "gross_margin", "new_customers", "collections"])
    text = audit_text(tmp_path / "targets.breakdown.xlsx")
    if "history" in sheets and "methods" not in sheets:
        assert fallback_note("history", "history") in text
    if "potential" in sheets and "methods" not in sheets:
        assert fallback_note("potential", "potential") in text


# -- the customer master ---------------------------------------------------------------------
EMPTY_MASTER_CASES = {
    "customers": {"customers": {"tables": {"customers": []}}},
    "tier_rules": {"settings": {"tables": {"tier_rules": []}}},
    "cadence": {"settings": {"tables": {"cadence": []}}},
    "settings": {"settings": {"fields": {}, "tables": {"tier_rules": [], "cadence": []}}},
    "all": {"customers": {"tables": {"customers": []}},
            "settings": {"fields": {}, "tables": {"tier_rules": [], "cadence": []}}},
}


@pytest.mark.parametrize("case", EMPTY_MASTER_CASES)
def test_plan_with_empty_sheets_of_the_customer_master(tmp_path, case):
    rows = [customer("C01", "张伟", complaint=True, last_call=PLAN_TODAY),
            customer("C02", "张伟", last_call=dt.date(2026, 6, 1),
                     last_visit=dt.date(2026, 9, 1)),
            customer("C03", "张伟", tier=None, last_call=dt.date(2026, 5, 10))]
    c = master_content(rows)
    c.update(EMPTY_MASTER_CASES[case])
    master = write_workbook(workbook("customers"), "en", tmp_path / "m.xlsx", c)
    res = run_cli("plan", str(master), "--week", "2026-W49", "--out", str(tmp_path / "o"),
                  "--today", PLAN_TODAY.isoformat(), "--json")
    data = json.loads(res.stdout)
    codes = {p["code"] for p in data["problems"]}
    if "customers" in EMPTY_MASTER_CASES[case]:
        assert res.exit_code == 1 and "plan.no_customers" in codes
        assert data["contacts"] == []
    else:  # no tier rules or cadence of its own: the handbook's defaults plan the week
        assert res.exit_code == 0, data["problems"]
        assert {c["customer_id"] for c in data["contacts"]} >= {"C01", "C02"}


# -- the weekly rollup -----------------------------------------------------------------------
def test_a_week_without_rep_days_leaves_no_store_in_the_way(tmp_path):
    """A rollup of workbooks without a single day left an empty history file behind,
    and every later rollup beside it stopped with 'no history store there'."""
    empty, full = tmp_path / "empty", tmp_path / "full"
    empty.mkdir()
    full.mkdir()
    write_workbook(REP_WEEKLY, "zh", empty / "a.xlsx",
                   {"info": {"fields": {"rep": "张伟", "region": "华东", "week_start": WEEK}}})
    lang, week = content_for("张伟")
    write_workbook(REP_WEEKLY, lang, full / "a.xlsx", week)
    store = tmp_path / "history.sqlite"
    res = run_cli("rollup", str(empty), "--week", "2026-W47", "--out",
                  str(tmp_path / "empty.xlsx"), "--history", str(store), "--json")
    assert res.exit_code in (0, 1)  # a report with nobody in it, or one line saying so
    res = run_cli("rollup", str(full), "--week", "2026-W47", "--out",
                  str(tmp_path / "full.xlsx"), "--history", str(store), "--json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["team"]["reps_reported"] == 1
    res = run_cli("month", "2026-11", "--history", str(store), "--out",
                  str(tmp_path / "month.xlsx"))
    assert res.exit_code == 0, res.output

