"""The xlwings side: RunPython entry points through the same door (against a file-backed
stand-in for xlwings' Book), and worksheet functions equal to the core's results."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import numpy as np
import openpyxl
import pandas as pd
import pytest
from conftest import ROOT
from excel_helpers import cli, rep_book, targets_book
from hypothesis import given, settings
from hypothesis import strategies as st
from xlwings_standin import FileBook

import addin.excel
import addin.excel.door
from addin.core.achievement import ratio
from addin.core.apportion import cumulative_round
from addin.core.cadence import add_months
from addin.core.timeprogress import time_progress
from addin.excel import udfs
from addin.schema import workbook


def test_the_package_imports_without_xlwings():
    code = ("import sys; sys.modules['xlwings'] = None; import addin.excel, "
            "addin.excel.udfs as u; print(u.SALESBOOK_SALESPERCALL(20000, 100))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    assert out.stdout.strip() == "200.0"


def test_roll_up_my_week_through_runpython(tmp_path):
    path = rep_book(tmp_path / "book")
    twin = tmp_path / "twin.xlsm"
    twin.write_bytes(path.read_bytes())
    book = FileBook(path)
    answer = addin.excel.week(book)
    assert answer["ok"] and book.saves == 1  # before the job; the copied values stay unsaved
    book.save()
    assert book.app.alerts == [("salesbook", answer["message"])]
    assert book.app.status_seen[0] and book.app.status_seen[-1] is False
    assert book.app.books.opened == []
    cli("rollup", str(twin), "--out", str(tmp_path / "cli.xlsm"))
    sheet = workbook("rep_weekly").sheet("summary")
    got = openpyxl.load_workbook(path, data_only=True)
    want = openpyxl.load_workbook(tmp_path / "cli.xlsm", data_only=True)
    name = next(n for n in (sheet.zh, sheet.en) if n in want.sheetnames)
    for row in range(4, 35):
        for col in range(1, 28):
            g, w = got[name].cell(row, col).value, want[name].cell(row, col).value
            if isinstance(w, float):
                assert g == pytest.approx(w, rel=1e-12), (row, col)
            else:
                assert g == w, (row, col)
    assert got[name].cell(5, 2).number_format == want[name].cell(5, 2).number_format


def test_text_lands_as_text_never_as_a_formula_or_a_number(tmp_path):
    from addin.excel.xlwings_door import paste
    from addin.io.excel_result import Block

    book = FileBook(rep_book(tmp_path / "book"))
    texts = ["=HYPERLINK(\"http://x\")", "-Zhang", "00123", "'quoted", "1/2", "造访"]
    paste(book, Block("probe", "A1", [texts, [1.5, None, 7, "", None, "x"]]))
    book.save()
    ws = openpyxl.load_workbook(book.fullname)["probe"]
    assert [c.value for c in ws[1]] == texts and all(c.data_type == "s" for c in ws[1])
    assert [c.value for c in ws[2]] == [1.5, None, 7, None, None, "x"]


def test_a_new_workbook_opens_and_failures_alert_one_line(tmp_path):
    book = FileBook(targets_book(tmp_path / "t"))
    answer = addin.excel.targets(book)
    assert answer["ok"] and book.app.books.opened == [answer["open"]]
    rep = FileBook(rep_book(tmp_path / "r"))
    answer = addin.excel.month(rep)  # the month button belongs to the team workbook
    assert not answer["ok"] and rep.app.books.opened == []
    assert rep.app.alerts == [("salesbook", answer["message"])] and "\n" not in answer["message"]


def test_caller_is_only_asked_when_no_book_is_given(monkeypatch, tmp_path):
    called = []
    book = FileBook(targets_book(tmp_path / "t"))
    monkeypatch.setattr("addin.excel.xlwings_door.caller", lambda: called.append(1) or book)
    addin.excel.targets()
    assert called == [1]


# -- worksheet functions equal the core ----------------------------------------------------
days = st.dates(dt.date(2024, 1, 1), dt.date(2030, 12, 31))


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["week", "month", "quarter", "year", "本月"]), days,
       st.sampled_from([5, 6, 7]))
def test_time_progress(period, day, workweek):
    assert udfs.SALESBOOK_TIMEPROGRESS(period, day, workweek) == time_progress(period, day,
                                                                               workweek)
    serial = (day - dt.date(1899, 12, 30)).days  # as Excel hands a date to a UDF
    assert udfs.SALESBOOK_TIMEPROGRESS(period, serial, workweek) == \
        time_progress(period, day, workweek)


@given(st.floats(0, 1e9), st.floats(0, 1e9))
def test_achievement_and_per_call(actual, target):
    want = ratio(pd.Series([actual]), pd.Series([target])).iloc[0]
    got = udfs.SALESBOOK_ACHIEVEMENT(actual, target)
    assert (got is None and np.isnan(want)) or got == want
    per_call = udfs.SALESBOOK_SALESPERCALL(actual, target)
    assert per_call == got
    commission = udfs.SALESBOOK_COMMISSIONPERCALL(actual, target, 0.05)
    assert commission == (None if got is None else got * 0.05)


def test_the_handbooks_call_example():
    assert udfs.SALESBOOK_SALESPERCALL(20000, 100) == 200
    assert udfs.SALESBOOK_COMMISSIONPERCALL(20000, 100, 0.05) == 10
    assert udfs.SALESBOOK_ACHIEVEMENT(5, "") is None


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**7), st.lists(st.integers(0, 1000), min_size=1, max_size=12)
       .filter(lambda w: sum(w) > 0), st.sampled_from([1, 10, 100]))
def test_split_adds_up_exactly_and_spills_like_its_weights(total, weights, unit):
    column = udfs.SALESBOOK_SPLIT(total, [[w] for w in weights], unit)
    units = round(total / unit)
    w = np.asarray(weights, dtype="float64")
    want = cumulative_round(units * w / w.sum(), units) * unit
    assert [r[0] for r in column] == list(want)
    assert sum(r[0] for r in column) == units * unit
    if len(weights) > 1:
        assert udfs.SALESBOOK_SPLIT(total, [weights], unit) == [list(want)]


@pytest.mark.parametrize(("tier", "kind", "months"), [
    ("priority", "call", 1), ("优先", "visit", 3), ("General", "call", 3),
    ("一般", "visit", 6), ("last", "call", 6), ("最后", "visit", 12)])
def test_next_due_follows_the_handbooks_cadence(tier, kind, months):
    last = dt.date(2026, 1, 31)
    assert udfs.SALESBOOK_NEXTDUE(tier, last, kind) == add_months(last, months)
    assert udfs.SALESBOOK_NEXTDUE(tier, None, kind) is None


def test_bad_udf_arguments_raise():
    with pytest.raises(ValueError):
        udfs.SALESBOOK_NEXTDUE("gold", dt.date(2026, 1, 1))
    with pytest.raises(ValueError):
        udfs.SALESBOOK_SPLIT(100, [[0], [0]])


# -- xlwings Lite: the book has no file behind it ------------------------------------------
def _lite_main():
    import importlib.util

    pytest.importorskip("xlwings")  # main.py imports xlwings' @script, as Lite provides it
    spec = importlib.util.spec_from_file_location("lite_main",
                                                  ROOT / "macros" / "xlwings_lite" / "main.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_lite_week_fills_the_summary_like_the_button(tmp_path):
    path = rep_book(tmp_path / "lite")
    button = rep_book(tmp_path / "button")
    desktop = FileBook(button)
    addin.excel.week(desktop)  # what the desktop button puts into the workbook
    desktop.save()
    book = FileBook(path)
    _lite_main().roll_up_my_week(book)
    book.save()
    assert book.app.alerts and "2026-W48" in book.app.alerts[0][1]
    sheet = workbook("rep_weekly").sheet("summary")
    got, want = (openpyxl.load_workbook(p, data_only=True) for p in (path, button))
    name = next(n for n in (sheet.zh, sheet.en) if n in want.sheetnames)
    for row in range(4, 35):
        for col in range(1, 28):
            assert got[name].cell(row, col).value == want[name].cell(row, col).value


def test_lite_targets_fills_the_breakdown_sheets(tmp_path):
    from addin.excel.xlwings_door import run_lite

    path = targets_book(tmp_path / "t")
    reference = addin.excel.door.run_job("targets", path)
    book = FileBook(path)
    answer = run_lite("targets", book, tmp_path)
    assert answer["ok"] and answer["figures"]["totals"] == reference["figures"]["totals"]
    book.save()
    sheet = workbook("targets").sheet("breakdown").label("zh")
    got = openpyxl.load_workbook(path, data_only=True)[sheet]
    want = openpyxl.load_workbook(reference["open"], data_only=True)[sheet]
    cells = [(r, c) for r in range(1, 200) for c in range(1, 20)]
    assert any(want.cell(r, c).value is not None for r, c in cells[200:])
    assert all(got.cell(r, c).value == want.cell(r, c).value for r, c in cells)
