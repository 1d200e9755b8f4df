"""Big output tables are streamed as pre-rendered rows (addin.io.bulk): the cells must be
exactly what XlsxWriter's cell API writes, value, type and style."""

from __future__ import annotations

import datetime as dt
import math
import zipfile

import openpyxl
import pytest
import xlsxwriter
from xlsxwriter.utility import _datetime_to_excel_datetime

from addin.io import bulk
from addin.io.templates import write_workbook
from addin.schema import workbook
from addin.schema.vocab import DAYS, OUTCOMES, PURPOSES
from addin.services.rollup import run_rollup

SPEC = workbook("rep_weekly")
WEEK = dt.date(2026, 11, 16)
TRICKY = ["=HYPERLINK(\"http://x\")", "+86 139", "-张伟", "@sum", "a & <b>", "  padded  ",
          "tab\tinside", "line\nbreak", "ctrl\x07char", "引号\"'"]


def _folder(tmp_path, reps: int = 12, visits: int = 30):
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(reps):
        content = {"info": {"fields": {"rep": f"rep{i:02d}", "region": f"R{i % 3}",
                                       "week_start": WEEK}}}
        for d in range(6):
            rows = []
            for j in range(visits):
                k = i * 1000 + d * 100 + j
                outcome = OUTCOMES[k % len(OUTCOMES)].key
                rows.append({
                    "customer_id": f"C{k}", "customer": TRICKY[k % len(TRICKY)] + str(j),
                    "purpose": PURPOSES[k % len(PURPOSES)].key, "outcome": outcome,
                    "order_amount": (k % 97) * 10.5 if outcome == "ordered" else None,
                    "collected_amount": 1e-7 * k if outcome == "collected" else None,
                    "new_customer": k % 7 == 0,
                    "competitor_info": TRICKY[(k + 3) % len(TRICKY)] if k % 5 == 0 else None})
            content[f"report_{DAYS[d].key}"] = {
                "fields": {"attendance": "present", "selling_hours": 7.5, "expenses": 100},
                "tables": {"visits": rows}}
        write_workbook(SPEC, "zh" if i % 2 else "en", folder / f"rep{i:02d}.xlsx", content)
    return folder


def _cells(path):
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                out[(ws.title, c.coordinate)] = (c.value, c.data_type, c.number_format,
                                                 bool(c.font.b), bool(c.quotePrefix),
                                                 bool(c.protection.locked), c.border.left.style)
    return out


def test_team_report_bulk_rows_equal_the_cell_api(tmp_path, monkeypatch):
    assert bulk.BULK  # this XlsxWriter has the internals the bulk rows need
    folder = _folder(tmp_path)
    fast = run_rollup([folder], out=tmp_path / "fast.xlsx", history=tmp_path / "h1.sqlite",
                      today=WEEK)
    monkeypatch.setattr(bulk, "BULK", False)
    plain = run_rollup([folder], out=tmp_path / "plain.xlsx", history=tmp_path / "h2.sqlite",
                       today=WEEK)
    assert len(fast.visits) > 1000  # the visits sheet and the day list go the bulk way
    with zipfile.ZipFile(fast.output) as z:  # inline strings: only bulk rows write those
        streamed = [n for n in z.namelist() if b"inlineStr" in z.read(n)]
    assert len(streamed) >= 2
    a, b = _cells(fast.output), _cells(plain.output)
    a = {k: v for k, v in a.items() if k[0] not in ("设置", "Settings")}  # paths differ
    b = {k: v for k, v in b.items() if k[0] not in ("设置", "Settings")}
    generated = {k for k in a if isinstance(a[k][0], str) and a[k][0][:2] == "20"
                 and k[1] in ("B4", "B5", "D3", "F3")}  # the generated-at stamp
    assert set(a) == set(b)
    diff = [(k, a[k], b[k]) for k in a if a[k] != b[k] and k not in generated]
    assert not diff, diff[:5]
    texts = {v[0] for v in a.values() if v[1] == "s"}
    assert any(t.startswith("=HYPERLINK") for t in texts)  # a rep's text stays text
    assert all(a[k][4] for k in a if isinstance(a[k][0], str) and a[k][0][:1] in "=+-@")


def test_rows_after_a_bulk_block_fall_back_to_the_cell_api(tmp_path):
    """A cell written into a bulk block's rows after all: the block is written cell by
    cell instead, never lost and never overlapping."""
    path = tmp_path / "x.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.worksheet_class = bulk.BulkWorksheet
    ws = wb.add_worksheet()
    fmt = wb.add_format({"bold": True})
    ws.write_string(0, 0, "header")
    style = bulk.ColumnStyle(fmt, fmt, fmt, fmt, {}, None)
    values = [float(i) for i in range(10)]
    ws.add_bulk(1, 10, 0, lambda: bulk.rows_xml(2, [bulk.column_cells("A", 2, values, style,
                                                                      set())]),
                lambda: [ws.write_number(1 + i, 0, v, fmt) for i, v in enumerate(values)])
    ws.write_string(5, 1, "beside")
    wb.close()
    got = openpyxl.load_workbook(path).active
    assert [got.cell(row=r, column=1).value for r in range(2, 12)] == values
    assert got["B6"].value == "beside"


@pytest.mark.parametrize("value", [
    dt.date(2026, 11, 23), dt.datetime(2026, 11, 23, 9, 30, 15), dt.date(1900, 2, 28),
    dt.date(1900, 3, 1), dt.time(13, 45), dt.datetime(2000, 1, 1, 23, 59, 59, 500000)])
def test_excel_serial_matches_xlsxwriter(value):
    assert bulk.excel_serial(value) == pytest.approx(
        _datetime_to_excel_datetime(value, False, True), abs=1e-12)


def test_column_cells_blank_the_unwritable_and_quote_the_formula_like():
    wb = xlsxwriter.Workbook("unused.xlsx", {"in_memory": True})
    plain, quoted = wb.add_format(), wb.add_format({"quote_prefix": True})
    style = bulk.ColumnStyle(plain, plain, quoted, quoted, {"a": "甲"}, None)
    cells = bulk.column_cells("C", 7, [math.inf, -math.inf, math.nan, None, "", 1.5, "a",
                                       "=1+1", True, 3], style, set())
    assert cells[:5] == [""] * 5
    assert cells[5] == f'<c r="C12" s="{bulk.xf(plain)}"><v>1.5</v></c>'
    assert "<t>甲</t>" in cells[6]
    assert f's="{bulk.xf(quoted)}"' in cells[7] and "<t>=1+1</t>" in cells[7]
    assert 't="b"><v>1</v>' in cells[8] and "<v>3</v>" in cells[9]


@pytest.mark.libreoffice
def test_a_streamed_report_opens_in_libreoffice_with_every_value(tmp_path):
    """LibreOffice (the real spreadsheet engine here) reads the inline-string rows and
    recalculates the report without an error cell."""
    import libreoffice as lo

    lo.require_libreoffice()
    folder = _folder(tmp_path, reps=4, visits=30)  # 720 visits: the visits sheet streams
    result = run_rollup([folder], out=tmp_path / "team.xlsx", history=tmp_path / "h.sqlite",
                        today=WEEK)
    with zipfile.ZipFile(result.output) as z:
        assert any(b"inlineStr" in z.read(n) for n in z.namelist())
    [recalc] = lo.convert([result.output], tmp_path / "recalc")
    assert lo.error_cells(recalc) == []
    ours = _cells(result.output)
    theirs = lo.values(recalc)
    for (sheet, ref), (value, *_rest) in ours.items():
        got = theirs[sheet].get(ref)
        if isinstance(value, float | int) and not isinstance(value, bool):
            assert got == pytest.approx(value), (sheet, ref)
        elif isinstance(value, dt.datetime):
            assert got is not None, (sheet, ref)
        else:
            assert got == value, (sheet, ref, value, got)
