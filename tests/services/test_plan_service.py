"""`salesbook plan` end to end: the JSON it prints, capacity from the settings sheet,
carry-over, date ranges, bad settings and rows, and the demo's customer master."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter

import openpyxl
import pytest
from click.testing import CliRunner
from handmade import MONDAY, TODAY, customer, small_master
from handmade import PLAN_WEEK as WEEK

from addin.cli import main
from addin.core.periods import parse_iso_week as parse_week
from addin.io.plan_books import rep_file_name
from addin.io.reader import read_workbook
from addin.io.templates import write_workbook
from addin.sample.customers import master_content, synthetic_records
from addin.schema import workbook
from addin.schema.plan_overview import PLAN_OVERVIEW
from addin.services.check import check_file
from addin.services.plan import run_plan, write_demo

CUSTOMERS = workbook("customers")
REP_WEEKLY = workbook("rep_weekly")


def test_week_parsing_and_file_names():
    assert parse_week("2026-W49") == MONDAY
    assert parse_week("2027w1") == dt.date(2027, 1, 4)
    assert rep_file_name(WEEK, "A/B:C") == f"{WEEK}_A_B_C.xlsx"


def test_json_lists_every_due_contact_planned_or_carried_over(tmp_path):
    """Tight capacity (1 visit, 2 calls a day, Monday and Tuesday only): the plan never
    exceeds it, and every due contact is either planned or carried over with its due date."""
    rows = synthetic_records(2, 60, today=TODAY, seed=11)
    master = write_workbook(CUSTOMERS, "en", tmp_path / "customers.xlsx", master_content(
        rows, {"visits_per_day": 1, "calls_per_day": 2}))
    out = tmp_path / "plans"
    res = CliRunner().invoke(main, ["plan", str(master), "--start", "2026-11-30", "--days",
                                    "2", "--out", str(out), "--today", "2026-11-27",
                                    "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    contacts, carried = data["contacts"], data["carried_over"]
    assert {c["date"] for c in contacts} <= {"2026-11-30", "2026-12-01"}
    per_day = Counter((c["rep"], c["date"], c["kind"]) for c in contacts)
    assert all(n <= (1 if kind == "visit" else 2) for (_r, _d, kind), n in per_day.items())
    assert len(per_day) == 2 * 2 * 2  # the backlog fills every slot
    for c in (*contacts, *carried):
        assert set(c) >= {"rep", "customer_id", "kind", "purpose", "due_date", "tier"}
        assert c["kind"] in ("visit", "call") and c["tier"] in ("priority", "general", "last")
        dt.date.fromisoformat(c["due_date"])
    for c in contacts:
        assert dt.time.fromisoformat(c["time"])
        assert c["due_date"] is not None
    # due customers: recomputed here from the sample rows (calendar months by the handbook)
    assert carried and {c["reason"] for c in carried} == {"capacity"}
    keys = [(c["rep"], c["customer_id"]) for c in (*contacts, *carried)]
    assert len(keys) == len(set(keys))
    # the workbooks hold exactly the contacts of the JSON
    books = sorted(out.glob("2026-W49_*.xlsx"))
    books = [b for b in books if PLAN_OVERVIEW.filename("en") not in b.name]
    written = 0
    for book in books:
        data_b = read_workbook(book, REP_WEEKLY)
        written += sum(len(data_b.table(s.key, "contacts"))
                       for s in REP_WEEKLY.sheets_of_kind("plan"))
    assert written == len(contacts)


def test_a_date_range_over_two_weeks_makes_a_workbook_per_week(tmp_path):
    master = small_master(tmp_path / "m.xlsx", "zh", {"working_days": 6})
    result = run_plan(master, start=dt.date(2026, 12, 3), days=6, out_dir=tmp_path / "o",
                      today=TODAY)
    assert result.days == [dt.date(2026, 12, d) for d in (3, 4, 5, 7, 8)]  # no Sunday
    names = {p.name for p in result.files}
    assert {"2026-W49_张伟.xlsx", "2026-W50_张伟.xlsx"} <= names
    assert set(result.contacts["date"]) <= set(result.days)
    mondays = {p.name: read_workbook(p, REP_WEEKLY).fields("info")["week_start"]
               for p in result.files}
    assert mondays["2026-W50_张伟.xlsx"] == dt.date(2026, 12, 7)
    assert result.overview.name.startswith("2026-12-03_2026-12-08_")


def test_bad_settings_and_rows_are_reported_with_their_cell(tmp_path):
    rows = [customer("C1", "张伟", last_call=dt.date(2026, 1, 5)),
            customer("C1", "张伟", last_call=dt.date(2026, 1, 5)),
            customer("C2", None, last_call=dt.date(2026, 1, 5))]
    master = write_workbook(CUSTOMERS, "en", tmp_path / "m.xlsx",
                            master_content(rows, {"visits_per_day": 99}))
    result = run_plan(master, week=WEEK, out_dir=tmp_path / "o", today=TODAY)
    by_cell = {(p.sheet, p.cell): p for p in result.problems}
    settings = CUSTOMERS.sheet("settings")
    assert (settings.label("en"), settings.field("visits_per_day").cell) in by_cell
    table = CUSTOMERS.sheet("customers").table("customers")
    sheet = CUSTOMERS.sheet("customers").label("en")
    assert (sheet, f"{table.col_letter('customer_id')}{table.first_data_row + 1}") in by_cell
    assert (sheet, f"{table.col_letter('rep')}{table.first_data_row + 2}") in by_cell
    assert result.ok  # warnings: the plan is still made, with the default capacity
    assert result.contacts["customer_id"].tolist() == ["C1"]


def test_the_cli_refuses_a_file_that_is_not_a_customer_master(tmp_path):
    other = write_workbook(REP_WEEKLY, "zh", tmp_path / "x.xlsx")
    res = CliRunner().invoke(main, ["plan", str(other), "--week", WEEK, "--out",
                                    str(tmp_path / "o")])
    assert res.exit_code == 1 and "cannot plan" in res.output
    res = CliRunner().invoke(main, ["plan", str(other), "--days", "3", "--out", "o"])
    assert res.exit_code == 2


def test_demo_master_and_plans(tmp_path):
    found = write_demo(tmp_path)
    master = read_workbook(found["customers"], CUSTOMERS)
    df = master.table("customers", "customers")
    assert len(df) >= 300 and df["rep"].nunique() >= 10 and df["area"].nunique() >= 5
    assert df["open_complaint"].sum() >= 2 and df["receivable_amount"].notna().sum() >= 20
    assert df["tier"].isna().any() and df["tier"].notna().any()  # some tiers from the rules
    books = sorted(found["visit plans"].glob(f"{WEEK}_*.xlsx"))
    assert len(books) == 13  # 12 reps and the overview
    assert check_file(books[0]).ok
    wb = openpyxl.load_workbook(found["plan overview"], read_only=True)
    assert len(wb.sheetnames) == len(PLAN_OVERVIEW.sheets) + 1  # and the hidden stamp


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_lists_every_plan_and_coverage_per_tier(tmp_path, lang):
    master = small_master(tmp_path / "m.xlsx", lang, {"visits_per_day": 1})
    result = run_plan(master, week=WEEK, out_dir=tmp_path / "o", today=TODAY)
    wb = openpyxl.load_workbook(result.overview)
    contacts = wb[PLAN_OVERVIEW.sheet("contacts").label(lang)]
    assert contacts.max_row - 3 == len(result.contacts)
    cov = PLAN_OVERVIEW.sheet("coverage")
    ws = wb[cov.label(lang)]
    tiers = cov.table("tiers")
    due = {r["tier"]: 0 for r in result.coverage.to_dict("records")}
    for tier in result.contacts["tier"]:
        due[tier] += 1
    for tier in result.carried_over["tier"]:
        due[tier] += 1
    for i, rec in enumerate(result.coverage.to_dict("records")):
        row = tiers.first_data_row + i
        assert ws[f"{tiers.col_letter('due')}{row}"].value == due[rec["tier"]]
        scheduled = ws[f"{tiers.col_letter('scheduled')}{row}"].value
        assert scheduled == int((result.contacts["tier"] == rec["tier"]).sum())
        shown = ws[f"{tiers.col_letter('coverage')}{row}"].value
        if due[rec["tier"]]:
            assert shown == pytest.approx(scheduled / due[rec["tier"]])


CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _ascii_master(path, lang: str):
    """Names, areas and regions in ASCII, so any Chinese in what the run says is the run's
    own words; and something wrong in each part the run reports on."""
    def row(cid, rep, **kw):
        return customer(cid, rep, "Pudong", region="East", contact="Mr Wang",
                        customer=f"Customer {cid}", **kw)

    rows = [row("C1", "Zhang", complaint=True, last_call=TODAY, last_visit=TODAY),
            row("C2", "Zhang", last_call=dt.date(2026, 6, 1), last_visit=dt.date(2026, 1, 1)),
            row("C2", "Zhang", last_call=dt.date(2026, 6, 1)),  # repeated
            row("C3", None, last_call=dt.date(2026, 6, 1)),  # no rep
            row("C4", "Li", tier=None, receivable_amount=9_000.0,
                receivable_due_date=dt.date(2026, 12, 2), last_call=TODAY,
                last_visit=dt.date(2026, 10, 1)),
            row("C5", "Ma", status="prospect", tier=None)]
    return write_workbook(CUSTOMERS, lang, path, master_content(rows, {"calls_per_day": 99}))


def _started_books(out):
    out.mkdir()
    write_workbook(REP_WEEKLY, "en", out / f"{WEEK}_Zhang.xlsx", {  # typed: rows kept
        "info": {"fields": {"rep": "Zhang", "week_start": MONDAY}},
        "plan_mon": {"tables": {"contacts": [{"customer": "Customer C9", "kind": "call",
                                              "purpose": "other"}]}}})
    write_workbook(REP_WEEKLY, "en", out / f"{WEEK}_Ma.xlsx", {  # another week's
        "info": {"fields": {"rep": "Ma", "week_start": dt.date(2026, 11, 23)}}})


def _no_sheet_names(text: str) -> str:
    for spec in (CUSTOMERS, REP_WEEKLY):
        for sheet in spec.sheets:
            text = text.replace(sheet.label("zh"), "")
    return text


def _cells(path) -> list[str]:
    wb = openpyxl.load_workbook(path)
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if isinstance(c.value, str)]


@pytest.mark.parametrize(("master_lang", "flag"), [("en", None), ("zh", "en"), ("en", "zh")])
def test_a_run_speaks_one_language(tmp_path, master_lang, flag):
    """What the command prints and the overview it writes are all in the run's language
    (--lang, else the master's): every line and message of a Chinese run holds Chinese,
    nothing of an English run does, labels handed to messages included."""
    master = _ascii_master(tmp_path / "customers.xlsx", master_lang)
    out = tmp_path / "plans"
    _started_books(out)
    args = ["plan", str(master), "--week", WEEK, "--out", str(out), "--today", "2026-11-27"]
    res = CliRunner().invoke(main, args + (["--lang", flag] if flag else []))
    lang = flag or master_lang
    assert res.exit_code == 1  # Ma's workbook is for another week: an error, listed
    lines = res.output.splitlines()
    codes = {"plan.no_rep", "plan.dup_id", "plan.setting_range", "plan.week_mismatch"}
    result = json.loads(CliRunner().invoke(main, [*args, "--json", "--lang", lang]).output)
    assert codes <= {p["code"] for p in result["problems"]}
    assert "plan.rows_kept" in {p["code"] for p in result["skipped"]}
    overview = next(out.glob(f"*{PLAN_OVERVIEW.filename(lang)}"))
    problems = PLAN_OVERVIEW.sheet("problems")
    sheet = openpyxl.load_workbook(overview)[problems.label(lang)]
    col = problems.table("problems").col_letter("message")
    messages = [sheet[f"{col}{r}"].value for r in range(4, sheet.max_row + 1)]
    assert len(messages) >= len(codes) + 1
    if lang == "en":  # the sheets' names in a Chinese file are where, not what is said
        assert not [line for line in lines if CJK.search(_no_sheet_names(line))]
        assert not [v for v in _cells(overview) if CJK.search(_no_sheet_names(v))]
    else:
        assert lines and all(CJK.search(line) for line in lines)
        assert all(CJK.search(m) for m in messages)
        english = ("carried over", "contacts", "rows", "due ", "outside", "repeats", "rep")
        assert not [m for m in messages if any(w in m for w in english)]
