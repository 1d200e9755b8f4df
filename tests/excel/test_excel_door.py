"""The Excel door on real files: each button's job answers what the command line answers
for the same file, never writes into the workbook the button sits in, and turns every
failure into one line in the workbook's language."""

from __future__ import annotations

import json
import math
import shutil

import pytest
from conftest import sha256
from excel_helpers import WEEK, cli, cli_json, master_book, rep_book, targets_book, team_book

from addin.excel.door import run_job
from addin.io.excel_result import read_result, sheet_grid, table_block
from addin.schema import workbook


def _close(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9)
    return a == b


@pytest.fixture(scope="module")
def week(tmp_path_factory):
    folder = tmp_path_factory.mktemp("week")
    book = rep_book(folder / "book")
    before = sha256(book)
    answer = run_job("week", book, result=folder / "result.txt")
    return folder, book, before, answer


def test_week_answers_what_the_rollup_answers(week):
    folder, book, before, answer = week
    assert answer["ok"] and answer["error"] is None
    assert sha256(book) == before  # the open workbook is never written
    want = cli_json("rollup", str(book), "--out", str(folder / "cli.xlsm"), "--json")
    assert answer["figures"]["week"] == want["week"] == WEEK
    assert _close(answer["figures"]["order_amount"], want["team"]["order_amount"])
    assert answer["figures"]["days_reported"] == want["reps"][0]["days_reported"]
    assert answer["problems"]["errors"] == sum(p["severity"] == "error"
                                               for p in want["problems"])


def test_week_blocks_equal_the_summary_the_rollup_writes(week):
    folder, book, _, answer = week
    cli("rollup", str(book), "--out", str(folder / "cli2.xlsm"))
    sheet = workbook("rep_weekly").sheet("summary")
    name, grid = sheet_grid(folder / "cli2.xlsm", [sheet.zh, sheet.en])
    result = read_result(folder / "result.txt")
    assert result["ok"] and result["message"] == answer["message"]
    assert [b.cell for b in result["blocks"]] == [f"A{t.header_row}" for t in sheet.tables]
    for block, table in zip(result["blocks"], sheet.tables, strict=True):
        want = table_block(grid, table, name, with_header=True)
        assert block.sheet == name and block.formats == want.formats
        assert len(block.rows) == len(want.rows)
        for got_row, want_row in zip(block.rows, want.rows, strict=True):
            got_row = [None if v == "" else v for v in got_row]
            assert all(_close(g, w) for g, w in zip(got_row, want_row, strict=True))
    assert answer["copies"] == [{"sheet": name, "cell": b.cell, "rows": len(b.rows),
                                 "cols": len(b.rows[0])} for b in result["blocks"]]


def test_the_cli_entry_prints_the_doors_json(week):
    _, book, _, answer = week
    proc = cli("excel", "run", "week", str(book))
    printed = json.loads(proc.stdout)
    assert proc.returncode == 0
    for key in ("job", "ok", "workbook", "lang", "message", "figures", "problems", "copies"):
        assert printed[key] == answer[key], key
    assert printed["result"]  # a job with values for the workbook always writes a result


def test_plan_answers_what_the_plan_answers(tmp_path):
    from addin.sample.company import demo_records

    book = master_book(tmp_path / "a", demo_records())
    before = sha256(book)
    answer = run_job("plan", book)
    assert answer["ok"], answer["message"]
    assert sha256(book) == before
    twin = master_book(tmp_path / "b", demo_records())
    want = cli_json("plan", str(twin), "--out", str(tmp_path / "cli"), "--json")
    assert answer["figures"]["contacts"] == len(want["contacts"])
    assert answer["figures"]["carried_over"] == len(want["carried_over"])
    assert answer["figures"]["start"] == want["start"]
    assert len(answer["written"]) == len(want["files"]) + 1  # and the overview
    sheets = {c["sheet"] for c in answer["copies"]}
    assert len(sheets) == 2 and answer["open"] is None


def test_team_and_month_answer_what_rollup_and_month_answer(tmp_path):
    book = team_book(tmp_path)
    team = run_job("team", book)
    assert team["ok"], team["message"]
    assert team["open"] and team["open"].endswith(f"_{WEEK}.xlsx")
    want = cli_json("rollup", str(tmp_path / "reports" / WEEK), "--week", WEEK,
                    "--out", str(tmp_path / "cli.xlsx"), "--history",
                    str(tmp_path / "cli.sqlite"), "--json")
    assert team["figures"]["reps_reported"] == want["team"]["reps_reported"]
    assert _close(team["figures"]["order_amount"], want["team"]["order_amount"])
    month = run_job("month", book)
    assert month["ok"], month["message"]
    want = cli_json("month", "2026-11", "--history", team["figures"]["history"],
                    "--out", str(tmp_path / "cli-month.xlsx"), "--json")
    assert month["figures"]["month"] == want["month"] == "2026-11"
    assert month["figures"]["reps"] == len(want["reps"])


def test_targets_answers_what_targets_answers(tmp_path):
    book = targets_book(tmp_path / "t")
    answer = run_job("targets", book)
    assert answer["ok"], answer["message"]
    assert answer["open"] == str(book.with_name(book.stem + ".breakdown.xlsx"))
    twin = tmp_path / "twin.xlsm"
    shutil.copyfile(book, twin)
    want = json.loads(cli("targets", str(twin), "--json").stdout)
    assert answer["figures"]["totals"] == want["totals"]


def test_failures_are_one_line_in_the_workbooks_language(tmp_path):
    team = team_book(tmp_path / "no-folder", reports=None)
    answer = run_job("team", team)
    assert not answer["ok"] and answer["error"]["code"] == "excel.no_reports_folder"
    assert "周报文件夹" in answer["message"] and "\n" not in answer["message"]
    rep = rep_book(tmp_path / "rep")
    wrong = run_job("targets", rep, result=tmp_path / "r.txt")
    assert wrong["error"]["code"] == "excel.wrong_workbook"
    back = read_result(tmp_path / "r.txt")
    assert back["ok"] is False and back["message"] == wrong["message"]
    assert back["blocks"] == []
    proc = cli("excel", "run", "week", str(tmp_path / "missing.xlsm"))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["error"]["code"] == "file.no_such_path"


def test_settings_never_point_a_write_at_the_open_workbook(tmp_path):
    book = team_book(tmp_path, history="销售管理汇报书.xlsm")
    before = sha256(book)
    answer = run_job("team", book)
    assert not answer["ok"] and answer["error"]["code"] == "excel.writes_open_book"
    assert sha256(book) == before and not list(tmp_path.glob(f"*_{WEEK}.xlsx"))


def test_a_report_open_in_excel_is_left_alone(tmp_path):
    book = targets_book(tmp_path / "t")
    out = book.with_name(book.stem + ".breakdown.xlsx")
    out.write_bytes(b"old")
    (out.parent / ("~$" + out.name[2:])).write_bytes(b"owner")
    answer = run_job("targets", book)
    assert not answer["ok"] and answer["error"]["code"] == "output.open_in_excel"
    assert out.read_bytes() == b"old"
