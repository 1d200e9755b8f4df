"""The weekly rollup: figures checked against sums computed independently here, from the
same hand-made visits that are written into the rep workbooks."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import sha256
from handmade import (
    SPEC,
    WEEK,
    WEEK_DATA,
    content_for,
    expected_figures,
    write_week_folder,
)

from addin.cli import main
from addin.io.templates import write_workbook
from addin.schema import workbook
from addin.schema.vocab import DAYS


@pytest.fixture
def week_folder(tmp_path):
    return write_week_folder(tmp_path / "reports")


def run_json(*args) -> dict:
    result = CliRunner().invoke(main, ["rollup", *map(str, args), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def assert_figures(got: dict, want: dict):
    for key, value in want.items():
        if value is None:
            assert got[key] is None, key
        else:
            assert got[key] == pytest.approx(value), key


def test_team_rollup_matches_independent_figures_in_both_languages(week_folder, tmp_path):
    data = run_json(week_folder, "--out", tmp_path / "team.xlsx")
    assert data["week"] == "2026-W47"
    reps = {r["rep"]: r for r in data["reps"]}
    assert set(reps) == set(WEEK_DATA)
    for rep in WEEK_DATA:
        assert_figures(reps[rep], expected_figures(rep))
    assert reps["张伟"]["days_reported"] == 2 and reps["张伟"]["working_days"] == 5
    # team totals are sums of the parts, ratios recomputed from the sums
    a, b = expected_figures("张伟"), expected_figures("Li Na")
    team = data["team"]
    assert team["order_amount"] == a["order_amount"] + b["order_amount"]
    assert team["visits_made"] == a["visits_made"] + b["visits_made"]
    assert team["effective_visit_rate"] == pytest.approx(
        (a["effective_visits"] + b["effective_visits"]) / (a["visits_made"] + b["visits_made"]))
    assert team["avg_weekly_sales_per_rep"] == pytest.approx(team["order_amount"] / 2)
    # nothing wrong, and no roster: the report says missing reps cannot be found
    assert [p["code"] for p in data["problems"]] == ["team.no_roster"]


def test_zero_denominators_give_empty_never_zero(week_folder, tmp_path):
    data = run_json(week_folder, "--out", tmp_path / "team.xlsx")
    li = next(r for r in data["reps"] if r["rep"] == "Li Na")
    assert li["achievement_rate"] is None  # no day target
    wb = openpyxl.load_workbook(tmp_path / "team.xlsx")
    spec = workbook("team_weekly")
    table = spec.sheet("targets").table("targets")
    ws = wb[spec.sheet("targets").label("zh")]
    col = table.col_letter("week_achievement")  # the week's target: her typed day targets
    rep_col = table.col_letter("rep")
    row = next(r for r in range(table.first_data_row, ws.max_row + 1)
               if ws[f"{rep_col}{r}"].value == "Li Na")
    assert ws[f"{table.col_letter('week_target')}{row}"].value is None
    assert ws[f"{col}{row}"].value is None


def test_handbook_funnel_example_gives_200_and_10(tmp_path):
    folder = tmp_path / "funnel"
    folder.mkdir()
    days = {"calls_dialled": (40, 60), "calls_completed": (20, 30), "appointments": (5, 8),
            "presentations": (6, 7), "sales_closed": (2, 3), "sales_amount": (8000, 12000)}
    content = {"info": {"fields": {"rep": "示例", "region": "华东", "week_start": WEEK}}}
    for i in range(2):
        content[f"report_{DAYS[i].key}"] = {"fields": {
            "attendance": "present", **{k: v[i] for k, v in days.items()}}}
    write_workbook(SPEC, "zh", folder / "example.xlsx", content)
    data = run_json(folder, "--out", tmp_path / "t.xlsx", "--commission-rate", "0.05")
    rep = data["reps"][0]
    assert (rep["calls_dialled"], rep["calls_completed"], rep["appointments"],
            rep["presentations"], rep["sales_closed"], rep["sales_amount"]) == (
        100, 50, 13, 13, 5, 20000)
    assert rep["sales_per_call"] == 200
    assert rep["commission_per_call"] == 10


def test_duplicate_copy_is_counted_once(week_folder, tmp_path):
    original = week_folder / "2026-W47_张伟.xlsx"
    (week_folder / "2026-W47_张伟 (2).xlsx").write_bytes(original.read_bytes())
    data = run_json(week_folder, "--out", tmp_path / "team.xlsx")
    rep = next(r for r in data["reps"] if r["rep"] == "张伟")
    assert_figures(rep, expected_figures("张伟"))
    warnings = [p for p in data["problems"] if "张伟" in p["message"]]
    assert len(warnings) == 1 and "(2)" in warnings[0]["message"]


def test_corrected_workbook_replaces_earlier_figures(week_folder, tmp_path):
    history = tmp_path / "h.sqlite"
    run_json(week_folder, "--out", tmp_path / "team.xlsx", "--history", history)
    lang, content = content_for("张伟")
    content["report_mon"]["tables"]["visits"][0]["order_amount"] = 9999
    corrected = week_folder / "2026-W47_张伟 corrected.xlsx"
    write_workbook(SPEC, lang, corrected, content)
    later = (week_folder / "2026-W47_张伟.xlsx").stat().st_mtime + 60
    os.utime(corrected, (later, later))
    data = run_json(week_folder, "--out", tmp_path / "team.xlsx", "--history", history)
    rep = next(r for r in data["reps"] if r["rep"] == "张伟")
    assert rep["order_amount"] == expected_figures("张伟")["order_amount"] - 3000 + 9999
    conflict = [p for p in data["problems"] if "corrected" in p["message"]]
    assert conflict and conflict[0]["file"] == corrected.name
    with sqlite3.connect(history) as con:
        stored = con.execute("SELECT SUM(order_amount) FROM visits WHERE rep='张伟'").fetchone()
    assert stored[0] == rep["order_amount"]


def test_history_is_idempotent_and_feeds_the_month(week_folder, tmp_path):
    history = tmp_path / "h.sqlite"
    for _ in range(2):
        run_json(week_folder, "--out", tmp_path / "team.xlsx", "--history", history)
    with sqlite3.connect(history) as con:
        (days,) = con.execute("SELECT COUNT(*) FROM days").fetchone()
        (visits,) = con.execute("SELECT COUNT(*) FROM visits").fetchone()
    reported = sum(1 for _, _, d in WEEK_DATA.values() for _ in d)
    assert days == reported
    assert visits == sum(len(v) for _, _, d in WEEK_DATA.values() for _, v, _ in d.values())
    result = CliRunner().invoke(main, ["month", "2026-11", "--history", str(history), "--out",
                                       str(tmp_path / "m.xlsx"), "--json"])
    assert result.exit_code == 0, result.output
    month = json.loads(result.output)
    reps = {r["rep"]: r for r in month["reps"]}
    for rep in WEEK_DATA:
        want = expected_figures(rep)
        for key in ("order_amount", "visits_made", "effective_visit_rate", "calls_dialled",
                    "new_customers"):
            assert reps[rep][key] == pytest.approx(want[key]), key


def test_rep_who_sent_nothing_is_listed_missing(week_folder, tmp_path):
    history = tmp_path / "h.sqlite"
    run_json(week_folder, "--out", tmp_path / "w47.xlsx", "--history", history)
    next_week = tmp_path / "w48"
    next_week.mkdir()
    lang, content = content_for("张伟")
    content["info"]["fields"]["week_start"] = WEEK + dt.timedelta(days=7)
    write_workbook(SPEC, lang, next_week / "2026-W48_张伟.xlsx", content)
    data = run_json(next_week, "--out", tmp_path / "w48.xlsx", "--history", history)
    status = {r["rep"]: r["status"] for r in data["reps"]}
    assert status == {"张伟": "reported", "Li Na": "missing"}
    assert any("Li Na" in p["message"] for p in data["problems"])


def test_bad_files_are_listed_and_the_batch_goes_on(week_folder, tmp_path):
    (week_folder / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    (week_folder / "~$2026-W47_张伟.xlsx").write_bytes(b"owner")
    before = {p.name: sha256(p) for p in week_folder.iterdir()}
    data = run_json(week_folder, "--out", tmp_path / "team.xlsx")
    assert {r["rep"] for r in data["reps"]} == set(WEEK_DATA)
    files = {p["file"] for p in data["problems"]}
    assert "broken.xlsx" in files and "~$2026-W47_张伟.xlsx" in files
    assert {p.name: sha256(p) for p in week_folder.iterdir()} == before  # inputs untouched


def test_nothing_readable_exits_1(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "a.xlsx").write_text("not a workbook")
    result = CliRunner().invoke(main, ["rollup", str(folder)])
    assert result.exit_code == 1
    assert "a.xlsx" in result.output


def test_unwritable_output_stops_before_the_folder_is_read(week_folder, tmp_path, monkeypatch):
    from addin.services import reading as service

    read = []
    real = service.read_rep_week
    monkeypatch.setattr(service, "read_rep_week", lambda *a, **k: read.append(a) or real(*a, **k))
    out = tmp_path / "no-such-folder" / "team.xlsx"
    result = CliRunner().invoke(main, ["rollup", str(week_folder), "--out", str(out)])
    assert result.exit_code == 1
    assert "no-such-folder" in result.output and "Traceback" not in result.output
    assert not read
    assert not out.parent.exists()


def test_console_script_exits_with_the_commands_code(week_folder, tmp_path):
    """`salesbook` ends through addin.cli:run, which skips interpreter teardown: the exit
    code, the output and the report must all be complete."""
    out = tmp_path / "team.xlsx"
    ok = subprocess.run([sys.executable, "-m", "addin.cli", "rollup", str(week_folder), "--out",
                         str(out), "--json"], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["output"] == str(out)
    assert openpyxl.load_workbook(out).sheetnames
    bad = subprocess.run([sys.executable, "-m", "addin.cli", "rollup", str(tmp_path / "nope")],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "nope" in bad.stderr  # click's usage error
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "a.xlsx").write_text("not a workbook")
    failed = subprocess.run([sys.executable, "-m", "addin.cli", "rollup", str(empty)],
                            capture_output=True, text=True, timeout=120)
    assert failed.returncode == 1 and "a.xlsx" in failed.stderr


def test_rep_rollup_fills_the_weekly_summary_and_keeps_typed_cells(week_folder, tmp_path):
    path = week_folder / "2026-W47_张伟.xlsx"
    out = tmp_path / "summary.xlsx"
    run_json(path, "--out", out)
    wb = openpyxl.load_workbook(out)
    sheet = SPEC.sheet("summary")
    ws = wb[sheet.label("zh")]
    table = sheet.table("days")
    week_row = table.first_data_row + 6
    want = expected_figures("张伟")
    for key in ("order_amount", "visits_made", "effective_visits"):
        assert ws[f"{table.col_letter(key)}{week_row}"].value == pytest.approx(want[key])
    funnel = sheet.table("funnel")
    calls = f"{funnel.col_letter('calls_dialled')}{funnel.first_data_row + 6}"
    assert ws[calls].value == pytest.approx(want["calls_dialled"])
    monday = table.first_data_row
    assert ws[f"{table.col_letter('order_amount')}{monday}"].value == 3000
    # what the rep typed is still there
    report = wb[SPEC.sheet("report_mon").label("zh")]
    visits = SPEC.sheet("report_mon").table("visits")
    assert report[f"{visits.col_letter('customer')}{visits.first_data_row}"].value == "客户C1"
    objections = sheet.table("objections")
    counts = {ws.cell(r, 1).value: ws.cell(r, 2).value
              for r in range(objections.first_data_row, objections.last_template_row + 1)}
    assert counts["你们价格太高了"] == 1 and counts["我们没有预算"] == 1
    notes = sheet.table("notes")
    row = notes.first_data_row
    assert ws[f"{notes.col_letter('competitor_info')}{row}"].value == "竞品A降价5%"
    assert ws[f"{notes.col_letter('customer')}{row}"].value == "客户C1"
    assert ws[f"{notes.col_letter('customer')}{row + 1}"].value is None
    blank = table.col_letter("blank_required")
    assert ws[f"{blank}{week_row}"].value == 0


@pytest.mark.libreoffice
def test_outputs_recalculate_without_error_cells(week_folder, tmp_path):
    import libreoffice as lo
    lo.require_libreoffice()
    history = tmp_path / "h.sqlite"
    run_json(week_folder, "--out", tmp_path / "team.xlsx", "--history", history)
    run_json(week_folder / "2026-W47_张伟.xlsx", "--out", tmp_path / "rep.xlsx")
    CliRunner().invoke(main, ["month", "2026-11", "--history", str(history), "--out",
                              str(tmp_path / "month.xlsx")])
    out = lo.convert([tmp_path / "team.xlsx", tmp_path / "rep.xlsx", tmp_path / "month.xlsx"],
                     tmp_path / "recalc")
    for path in out:
        assert lo.error_cells(path) == [], path.name
    # the rep workbook's own formulas still agree after the summary was written
    values = lo.values(out[1])[SPEC.sheet("report_mon").label("zh")]
    report = SPEC.sheet("report_mon")
    assert values[report.field("achievement_rate").cell] == pytest.approx(3000 / 5000)


def _november_revenue_targets(breakdown) -> dict[str, float]:
    """Month 11 revenue per rep, summed straight from the breakdown sheet's cells."""
    spec = workbook("targets")
    sheet = spec.sheet("breakdown")
    table = sheet.tables[0]
    wb = openpyxl.load_workbook(breakdown, data_only=False, read_only=True)
    ws = wb[sheet.label("zh")]
    cols = {c.key: i for i, c in enumerate(table.columns)}
    metric_label = table.column("metric").choice("revenue").label("zh")
    out: dict[str, float] = {}
    for row in ws.iter_rows(min_row=table.first_data_row, values_only=True):
        if row[cols["metric"]] == metric_label:
            out[row[cols["rep"]]] = out.get(row[cols["rep"]], 0) + (row[cols["m11"]] or 0)
    return out


def test_targets_give_achievement_time_progress_and_the_roster(tmp_path):
    from addin.core.periods import working_days
    from addin.sample.week import MISSING_REPS
    from addin.services.demo import write_sample_week
    from addin.services.targets import write_demo

    made = write_demo(tmp_path / "targets")
    week = tmp_path / "week"
    write_sample_week(week)
    data = run_json(week, "--targets", made["breakdown"], "--out", tmp_path / "t.xlsx",
                    "--history", tmp_path / "h.sqlite")
    status = {r["rep"]: r["status"] for r in data["reps"]}
    assert {r for r, s in status.items() if s == "missing"} == set(MISSING_REPS)
    targets = _november_revenue_targets(made["breakdown"])
    from addin.sample.targets import DISTRIBUTOR
    assert DISTRIBUTOR[0] in targets and DISTRIBUTOR[0] not in status  # sends no workbook
    wb = openpyxl.load_workbook(tmp_path / "t.xlsx")
    spec = workbook("team_weekly")
    table = spec.sheet("targets").table("targets")
    ws = wb[spec.sheet("targets").label("zh")]
    col = {c.key: table.col_letter(c.key) for c in table.columns}
    share = working_days(dt.date(2026, 11, 23), dt.date(2026, 11, 28)) / \
        working_days(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    checked, week_targets, week_orders = 0, 0.0, 0.0
    for r in range(table.first_data_row, ws.max_row + 1):
        rep, state = ws[f"{col['rep']}{r}"].value, ws[f"{col['status']}{r}"].value
        if state == "团队合计":  # the team against its week target: sums of the parts
            assert ws[f"{col['week_target']}{r}"].value == pytest.approx(week_targets)
            assert ws[f"{col['week_actual']}{r}"].value == pytest.approx(week_orders)
            assert ws[f"{col['week_achievement']}{r}"].value == pytest.approx(
                week_orders / week_targets)
        if state not in ("已报", "未报"):
            continue
        month_target = targets[rep]
        assert ws[f"{col['month_target']}{r}"].value == pytest.approx(month_target)
        assert ws[f"{col['week_target']}{r}"].value == pytest.approx(month_target * share)
        week_targets += month_target * share
        if state == "未报":  # listed, with a target and no orders
            assert ws[f"{col['week_actual']}{r}"].value is None
            continue
        orders = ws[f"{col['week_actual']}{r}"].value
        week_orders += orders
        assert ws[f"{col['mtd_achievement']}{r}"].value == pytest.approx(orders / month_target)
        checked += 1
    assert checked == len(status) - len(MISSING_REPS)
    # behind pace is red: a conditional format compares achievement with time elapsed
    rules = [str(rng.sqref) for rng in ws.conditional_formatting]
    assert any(col["week_achievement"] in r for r in rules)


def test_month_to_year_to_date_against_targets(tmp_path):
    from addin.services.demo import write_sample_week
    from addin.services.targets import write_demo

    made = write_demo(tmp_path / "targets")
    week = tmp_path / "week"
    write_sample_week(week)
    history = tmp_path / "h.sqlite"
    weekly = run_json(week, "--out", tmp_path / "t.xlsx", "--history", history)
    result = CliRunner().invoke(main, ["month", "2026-11", "--history", str(history),
                                       "--targets", str(made["breakdown"]), "--out",
                                       str(tmp_path / "m.xlsx"), "--json"])
    assert result.exit_code == 0, result.output
    month = json.loads(result.output)
    november = _november_revenue_targets(made["breakdown"])
    orders = {r["rep"]: r["order_amount"] for r in weekly["reps"]
              if r["status"] == "reported"}
    listed = {rep["rep"]: rep for rep in month["reps"]}
    from addin.sample.week import MISSING_REPS
    assert {r for r, v in listed.items() if v["status"] == "missing"} == set(MISSING_REPS)
    for name, rep in listed.items():
        assert rep["month_target"] == pytest.approx(november[name])
        assert rep["year_target"] >= rep["quarter_target"] >= rep["month_target"]
        if name in MISSING_REPS:
            assert rep["month_actual"] is None and rep["order_amount"] is None
            continue
        assert rep["order_amount"] == pytest.approx(orders[name])  # one week on record
        assert rep["month_actual"] == pytest.approx(orders[name])
        assert rep["month_achievement"] == pytest.approx(orders[name] / november[name])
        assert rep["ytd_actual"] == pytest.approx(orders[name])
    assert 0 < month["progress"]["month_time_progress"] <= 1


def test_the_summary_is_patched_in_place_and_reads_as_a_full_rewrite(week_folder, tmp_path,
                                                                     monkeypatch):
    """A workbook of the current template gets only its summary sheet rewritten (every
    other part byte for byte), with the same values as the openpyxl rewrite an older
    template's workbook gets."""
    import zipfile

    import python_calamine

    from addin.io import summary_fill
    from addin.services.rollup import run_rollup

    source = week_folder / "2026-W47_张伟.xlsx"
    patched, rewritten = tmp_path / "patched.xlsx", tmp_path / "rewritten.xlsx"
    result = run_rollup([source], out=patched)
    monkeypatch.setattr(summary_fill, "template_version", lambda path: "0.9")  # older stamp
    summary_fill.fill_summary(source, rewritten, result, 0.05)  # the openpyxl rewrite

    def values(path):
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        return book.get_sheet_by_name("周汇总").to_python()

    assert values(patched) == values(rewritten)
    with zipfile.ZipFile(source) as a, zipfile.ZipFile(patched) as b:
        changed = {n for n in a.namelist() if a.read(n) != b.read(n)}
    assert changed <= {"xl/worksheets/sheet2.xml", "xl/workbook.xml"}, changed
    assert "xl/worksheets/sheet2.xml" in changed
