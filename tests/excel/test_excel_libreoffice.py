"""End to end in LibreOffice headless: each template's button runs the real job through
the real command line, and its result appears (values copied into the open workbook, or
a new workbook written) equal to what the command line makes of the same file."""

from __future__ import annotations

import datetime as dt
import math
import shutil
from pathlib import Path

import openpyxl
import pytest
from excel_helpers import (
    WEEK,
    cli,
    master_book,
    press,
    recording_python,
    rep_book,
    targets_book,
    team_book,
)

from addin.io.excel_result import CLEAR_SHEET, Block, write_result
from addin.schema import workbook
from addin.schema.plan_overview import PLAN_OVERVIEW
from addin.services.plan import period_label, resolve_window

pytestmark = pytest.mark.libreoffice


def _norm(v):
    if isinstance(v, dt.datetime) and v.time() == dt.time(0):
        return v.date()
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _same(a, b) -> bool:
    a, b = _norm(a), _norm(b)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9)
    return a == b


def _grid(path: Path, sheet: str, rows: range, cols: int) -> list[list]:
    ws = openpyxl.load_workbook(path, data_only=True)[sheet]
    return [[ws.cell(r, c).value for c in range(1, cols + 1)] for r in rows]


def _assert_same_grid(got: list[list], want: list[list]) -> None:
    bad = [(i, j, g, w) for i, (gr, wr) in enumerate(zip(got, want, strict=True))
           for j, (g, w) in enumerate(zip(gr, wr, strict=True)) if not _same(g, w)]
    assert not bad, bad[:10]


def test_roll_up_my_week_copies_the_summary_in(tmp_path):
    book = rep_book(tmp_path / "书 夹")  # a space and Chinese in the path
    spec = workbook("rep_weekly")
    lang = "zh" if spec.sheet("summary").zh in openpyxl.load_workbook(book).sheetnames \
        else "en"
    monday = spec.sheet("report_mon")
    visits = monday.table("visits")
    row = visits.first_data_row
    typed = f"{monday.label(lang)}!{visits.col_letter('order_amount')}{row}"
    note = f"{monday.label(lang)}!{visits.col_letter('competitor_info')}{row}"
    python, argv = recording_python(tmp_path)
    # the rep types an order amount and a note that looks like a formula, unsaved, and
    # presses the button
    out = press(book, press=["RollUpMyWeek"], python=python, tmpdir=tmp_path,
                cells={typed: 98765, note: "=1+1"})
    assert out["pressed"][0]["script"].endswith("Salesbook.RollUpMyWeek?language=Basic"
                                                "&location=document")
    # the macro saved first, then ran the real command line on the workbook
    assert argv.read_text(encoding="utf-8").splitlines()[:6] == [
        "-m", "addin.cli", "excel", "run", "week", str(book)]
    # the values it copied in equal the command line's own rollup of the same file
    want_path = tmp_path / "cli.xlsm"
    cli("rollup", str(book), "--out", str(want_path))
    name = spec.sheet("summary").label(lang)
    got, want = _grid(book, name, range(1, 40), 27), _grid(want_path, name, range(1, 40), 27)
    _assert_same_grid(got, want)
    amount = spec.sheet("summary").table("days").col_letter("order_amount")
    monday_orders = openpyxl.load_workbook(book, data_only=True)[name][f"{amount}4"].value
    assert monday_orders >= 98765  # the typed amount reached the summary
    copied = [c for line in openpyxl.load_workbook(book)[name].iter_rows() for c in line
              if c.value == "=1+1"]  # the note, copied in as text, never a live formula
    assert copied and all(c.data_type == "s" for c in copied), copied
    assert not list((tmp_path / "salesbook-excel").glob("*.txt"))  # result file removed


def test_plan_the_week_writes_the_plans_and_brings_the_overview_in(tmp_path):
    from addin.sample.company import demo_records

    book = master_book(tmp_path / "master", demo_records())
    out = press(book, press=["PlanTheWeek"], tmpdir=tmp_path)
    assert out["pressed"][0]["result"] is None  # a Sub: its effect is on disk
    first, days = resolve_window(None, None, None, dt.date.today())
    label = period_label(first, days)
    folder = book.parent / label
    overview = folder / f"{label}_{PLAN_OVERVIEW.filename('zh')}"
    assert overview.exists()
    # the same plan as the command line's on the same master
    cli_dir = tmp_path / "cli"
    same = master_book(tmp_path / "m2", demo_records())  # same name, another folder
    cli("plan", str(same), "--out", str(cli_dir))
    assert sorted(p.name for p in folder.glob("*.xlsx")) == \
        sorted(p.name for p in cli_dir.glob("*.xlsx"))
    contacts = PLAN_OVERVIEW.sheet("contacts")
    n = len(_grid(overview, contacts.label("zh"), range(1, 5000), 1))
    got = _grid(book, contacts.label("zh"), range(1, n + 1), 12)
    want = _grid(cli_dir / overview.name, contacts.label("zh"), range(1, n + 1), 12)
    assert got[3][0] is not None and len([r for r in got if r[0] is not None]) > 60
    _assert_same_grid(got, want)
    coverage = PLAN_OVERVIEW.sheet("coverage").label("zh")
    _assert_same_grid(_grid(book, coverage, range(3, 30), 9),
                      _grid(cli_dir / overview.name, coverage, range(3, 30), 9))


def test_team_report_and_monthly_control_open_new_workbooks(tmp_path):
    book = team_book(tmp_path)
    out = press(book, press=["TeamWeeklyReport", "MonthlyControl"], tmpdir=tmp_path)
    assert [p["button"] for p in out["pressed"]] == ["TeamWeeklyReport", "MonthlyControl"]
    team = workbook("team_weekly")
    report = tmp_path / "reports" / f"{Path(team.filename('zh')).stem}_{WEEK}.xlsx"
    history = tmp_path / "reports" / "salesbook-history.sqlite"
    assert report.exists() and history.exists()
    cli_report = tmp_path / "cli-team.xlsx"
    cli("rollup", str(tmp_path / "reports" / WEEK), "--week", WEEK, "--commission-rate",
        "0.05", "--out", str(cli_report), "--history", str(tmp_path / "cli.sqlite"))
    for key in ("activity", "targets", "funnel"):  # the button's report is the CLI's
        sheet = team.sheet(key)
        table = sheet.tables[0]
        rows = range(table.header_row, table.header_row + 30)
        _assert_same_grid(_grid(report, sheet.label("zh"), rows, len(table.columns)),
                          _grid(cli_report, sheet.label("zh"), rows, len(table.columns)))
    monthly = workbook("monthly")
    month = tmp_path / "reports" / f"{Path(monthly.filename('zh')).stem}_2026-11.xlsx"
    assert month.exists()
    cli_month = tmp_path / "cli-month.xlsx"
    cli("month", "2026-11", "--history", str(history), "--out", str(cli_month))
    sheet = monthly.sheets[0]
    rows = range(sheet.tables[0].header_row, sheet.tables[0].header_row + 20)
    _assert_same_grid(_grid(month, sheet.label("zh"), rows, len(sheet.tables[0].columns)),
                      _grid(cli_month, sheet.label("zh"), rows, len(sheet.tables[0].columns)))


def test_break_down_targets_writes_the_breakdown(tmp_path):
    book = targets_book(tmp_path / "targets")
    pristine = tmp_path / "pristine.xlsm"
    shutil.copyfile(book, pristine)
    press(book, press=["BreakDownTargets"], tmpdir=tmp_path)
    made = book.with_name(book.stem + ".breakdown.xlsx")
    assert made.exists()
    cli_out = tmp_path / "cli.breakdown.xlsx"
    cli("targets", str(pristine), "--out", str(cli_out))
    sheet = workbook("targets").sheet("breakdown")
    name = sheet.label("zh")
    rows = range(1, 400)
    _assert_same_grid(_grid(made, name, rows, 20), _grid(cli_out, name, rows, 20))


def test_failures_show_one_line_never_a_traceback(tmp_path):
    # no Python at all: the macro says how to install it
    book = rep_book(tmp_path / "a")
    out = press(book, calls=["Salesbook.RunJob:week"], python="/nonexistent/python3",
                tmpdir=tmp_path)
    status = out["calls"][0]["result"]
    assert status.startswith("ERROR|") and "setup.cmd" in status
    # the job itself refuses: its own message, in the workbook's language
    team = team_book(tmp_path / "b", reports=None)
    out = press(team, calls=["Salesbook.RunJob:team"], tmpdir=tmp_path)
    status = out["calls"][0]["result"]
    assert status.startswith("ERROR|") and "周报文件夹" in status
    assert "Traceback" not in status and "\n" not in status


def test_the_macro_reads_back_every_kind_of_value(tmp_path):
    """The macro's own decoding of the result file (\\u escapes, surrogate pairs, tagged
    numbers, dates and booleans): a stand-in Python answers with a prepared result, and
    the values that land in the workbook are the ones written, text as text (never a
    formula, a number or a date)."""
    rows = [["文本", "数", "日期", "是否"],
            ["造访 😀 \\ back", 0.1, dt.date(2026, 11, 23), True],
            ["=1+1", 1e-05, dt.datetime(2026, 11, 23, 18, 30), False],
            ["tab\there", -123456789.125, None, None],
            ["-Zhang", 1e16, None, None],
            ["line\nbreak", 42, None, None],
            ["@x", 1 / 3, None, None],
            ["00123", 0, None, None],  # a customer code, not the number 123
            ["'quoted", -7, None, None],
            ["1/2", 2**53, None, None]]
    prepared = write_result(tmp_path / "prepared.txt", ok=True, message="完成 😀 done",
                            blocks=[Block("探针 probe", "B2", rows,
                                          ["", "0.000000", "yyyy-mm-dd hh:mm", ""],
                                          header=1, clear=CLEAR_SHEET)])
    python = tmp_path / "python-answers.sh"  # copies the prepared file to --result's path
    python.write_text('#!/bin/sh\nwhile [ "$#" -gt 0 ]; do\n  if [ "$1" = --result ]; then '
                      f'cp "{prepared}" "$2"; fi\n  shift\ndone\n', encoding="utf-8")
    python.chmod(0o755)
    book = rep_book(tmp_path / "book")
    out = press(book, calls=["Salesbook.RunJob:week"], python=str(python), tmpdir=tmp_path)
    assert out["calls"][0]["result"] == "OK|完成 😀 done"
    ws = openpyxl.load_workbook(book)["探针 probe"]
    got = [[ws.cell(r, c).value for c in range(2, 6)] for r in range(2, 2 + len(rows))]
    assert got[0] == rows[0]
    for r, (got_row, want_row) in enumerate(zip(got[1:], rows[1:], strict=True), start=3):
        text, number, when, flag = got_row
        assert text == want_row[0] and ws.cell(r, 2).data_type == "s"  # never a formula
        # Val reads Python's shortest form exactly; LibreOffice saves 15 significant digits
        assert math.isclose(number, want_row[1], rel_tol=1e-14)
        assert _norm(when) == _norm(want_row[2])
        assert flag == want_row[3] or (flag in (0, 1) and bool(flag) == want_row[3])


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_salesbook_conf_beside_the_workbook_names_the_python(tmp_path, newline):
    book = rep_book(tmp_path / "book")
    conf = ["# which Python runs the buttons", "", "other = x", "python = /opt/py 3/bin/python3 ",
            "python = second"]
    (book.parent / "salesbook.conf").write_bytes(newline.join(conf).encode())
    out = press(book, calls=["Salesbook.ConfiguredPython"], python="", store=False)
    assert out["calls"][0]["result"] == "/opt/py 3/bin/python3"
