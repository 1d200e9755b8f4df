"""Filling the reps' weekly workbooks: typed cells are never overwritten, a second run adds
nothing, text stays text, sign-off stays blank, and the result passes `salesbook check`
and recalculates in LibreOffice without an error cell."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import libreoffice as lo
import openpyxl
import pytest
from conftest import sha256
from handmade import (
    MONDAY,
    REP_WEEKLY,
    TODAY,
    small_master,
    typed_book,
)
from handmade import PLAN_WEEK as WEEK

from addin.io.reader import read_workbook
from addin.io.templates import write_workbook
from addin.services.check import check_file
from addin.services.plan import run_plan

PLANS = REP_WEEKLY.sheets_of_kind("plan")


def plan_cells(path: Path) -> dict[tuple[str, str], object]:
    """Every non-empty cell of the day tabs, by (sheet, cell)."""
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        if ws.title not in {s.label(lang) for s in PLANS for lang in ("zh", "en")}:
            continue
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    out[(ws.title, c.coordinate)] = c.value
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_filling_twice_never_duplicates_and_never_overwrites(tmp_path, lang):
    master = small_master(tmp_path / "master.xlsx", lang)
    master_hash = sha256(master)
    out = tmp_path / "plans"
    out.mkdir()
    book = typed_book(out / f"{WEEK}_张伟.xlsx", lang)
    before = plan_cells(book)

    first = run_plan(master, week=WEEK, out_dir=out, today=TODAY)
    assert first.ok, first.problems
    after = plan_cells(book)
    for key, value in before.items():  # every typed cell is still there, as typed
        assert after[key] == value, key
    wb = openpyxl.load_workbook(book)
    mon = wb[REP_WEEKLY.sheet("plan_mon").label(lang)]
    table = REP_WEEKLY.sheet("plan_mon").table("contacts")
    typed_text = mon[f"{table.col_letter('customer')}{table.first_data_row + 1}"]
    assert typed_text.data_type == "s" and typed_text.value.startswith("=")
    # the typed rows are reported as kept, and C02 (typed by the rep) was not added again
    assert any(p.sheet == mon.title and p.severity == "info" for p in first.skipped)
    assert {"C02", "C03"} <= set(first.already_planned["customer_id"])
    assert not {"C02", "C03"} & set(first.contacts["customer_id"])
    data = read_workbook(book, REP_WEEKLY)
    ids = Counter()
    for sheet in PLANS:
        df = data.table(sheet.key, "contacts")
        for cid in df["customer_id"].dropna():
            ids[cid] += 1
        # sign-off cells are left blank for the supervisor
        assert data.fields(sheet.key).get("supervisor_signoff") is None
        assert data.fields(sheet.key).get("signoff_date") is None
    assert ids and max(ids.values()) == 1  # no customer twice in the week
    assert ids["C01"] == 1  # the open complaint was planned
    # the supervisor's note row was skipped, not written over
    assert mon[f"{table.col_letter('customer')}{table.first_data_row + 5}"].value is None
    assert check_file(book).ok, check_file(book).problems

    stamp = sha256(book)
    second = run_plan(master, week=WEEK, out_dir=out, today=TODAY)
    assert second.ok
    assert second.contacts.empty  # everything due is already in the plans
    assert sha256(book) == stamp  # nothing to add: the file is not even rewritten
    assert plan_cells(book) == after
    assert sha256(master) == master_hash  # the customer master is only read


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_new_workbooks_are_made_from_the_template_and_pass_check(tmp_path, lang):
    master = small_master(tmp_path / "master.xlsx", lang)
    result = run_plan(master, week=WEEK, out_dir=tmp_path / "out", today=TODAY)
    assert result.ok
    names = sorted(p.name for p in result.files)
    assert names == sorted([f"{WEEK}_张伟.xlsx", f"{WEEK}_Li Na.xlsx"])
    for path in result.files:
        checked = check_file(path)
        assert checked.ok and checked.workbook == "rep_weekly" and checked.lang == lang
        data = read_workbook(path, REP_WEEKLY)
        assert data.fields("info")["week_start"] == MONDAY
        planned = sum(len(data.table(s.key, "contacts")) for s in PLANS)
        rep = data.fields("info")["rep"]
        assert planned == int((result.contacts["rep"] == rep).sum())
    assert result.overview is not None and result.overview.exists()


def test_a_workbook_open_in_excel_or_for_another_week_is_left_alone(tmp_path):
    master = small_master(tmp_path / "master.xlsx", "zh")
    out = tmp_path / "out"
    out.mkdir()
    locked = typed_book(out / f"{WEEK}_张伟.xlsx", "zh")
    (out / f"~${locked.name[2:]}").write_text("")  # Excel's owner file
    other = out / f"{WEEK}_Li Na.xlsx"
    write_workbook(REP_WEEKLY, "en", other, {"info": {"fields": {
        "rep": "Li Na", "region": "华东", "week_start": dt.date(2026, 11, 23)}}})
    hashes = {p: sha256(p) for p in (locked, other)}
    result = run_plan(master, week=WEEK, out_dir=out, today=TODAY)
    assert not result.ok
    assert {p.file for p in result.problems if p.severity == "error"} >= {locked.name,
                                                                          other.name}
    assert all(sha256(p) == h for p, h in hashes.items())
    assert result.contacts.empty
    assert set(result.carried_over["reason"]) == {"unavailable"}
    assert set(result.carried_over["rep"]) == {"张伟", "Li Na"}


@pytest.mark.libreoffice
def test_planned_workbooks_recalculate_without_error_cells(tmp_path):
    lo.require_libreoffice()
    master = small_master(tmp_path / "master.xlsx", "zh")
    out = tmp_path / "out"
    out.mkdir()
    filled = typed_book(out / f"{WEEK}_张伟.xlsx", "zh")
    result = run_plan(master, week=WEEK, out_dir=out, today=TODAY, rep_langs={"Li Na": "en"})
    assert result.ok and result.overview is not None
    files = [filled, out / f"{WEEK}_Li Na.xlsx", result.overview]
    recalculated = lo.convert(files, tmp_path / "recalc")
    for path in recalculated:
        assert lo.error_cells(path) == [], path.name
    # the day tab's own formulas agree with the rows written: counted here independently
    for src, recalc in zip(files[:2], recalculated[:2], strict=True):
        values = lo.values(recalc)
        wb = openpyxl.load_workbook(src)
        lang = read_workbook(src, REP_WEEKLY).lang
        for i, sheet in enumerate(PLANS):
            ws = wb[sheet.label(lang)]
            kind_col = sheet.table("contacts").col_letter("kind")
            visit = sheet.table("contacts").column("kind").choice("visit").label(lang)
            visits = sum(1 for r in range(7, 47) if ws[f"{kind_col}{r}"].value == visit)
            cells = values[sheet.label(lang)]
            assert cells.get(sheet.field("visits_planned").cell, 0) == visits
            assert cells[sheet.field("date").cell].date() == MONDAY + dt.timedelta(i)
