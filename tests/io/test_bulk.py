"""Big output tables are streamed as pre-rendered rows (addin.io.bulk): the cells must be
exactly what XlsxWriter's cell API writes, value, type and style."""

from __future__ import annotations

import datetime as dt
import math
import re
import zipfile

import openpyxl
import pytest
import python_calamine as calamine
import xlsxwriter
import xlsxwriter.utility
from xlsxwriter.utility import _datetime_to_excel_datetime

from addin.io import bulk, writer
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
                if c.value is None and not c.has_style:  # no cell there (a styled blank is)
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


# -- a bulk block sharing its rows with cells written through the API ----------------------
BLOCK_TEXT = [writer.clean_text(t) for t in ("North", "张伟", *TRICKY, "Total")]  # API cells too


def _block_values(n: int, seed: int) -> list[list]:
    """Three columns of n rows: text, a number, a number or text; some rows all blank."""
    text, num, mixed = [], [], []
    for i in range(n):
        blank = (i + seed) % 9 == 4
        text.append(None if blank else BLOCK_TEXT[(i + seed) % len(BLOCK_TEXT)])
        num.append(None if blank or i % 7 == 3 else (i * 37 % 101) / 8 - 3)
        mixed.append(None if blank else f"x{i}" if i % 3 else float(i))
    return [text, num, mixed]


def _shared_rows_book(path, streamed: bool) -> dict[str, dict[tuple[int, int], object]]:
    """Sheet "beside": a block in A-C (rows 2-41, across several 16-row span groups) with
    strings, numbers, formulas and a boolean in E-G of its first rows, a taller row, a
    hidden row, an attributes-only row and rows below it. Sheet "left": a block in C-E
    with cells in A-B and G of the same rows. Sheet "alone": only a block, at C5:E9.
    Streamed or all through the cell API; returns the values each sheet should hold,
    (0-based row, col) -> value."""
    wb = xlsxwriter.Workbook(str(path))
    if streamed:
        wb.worksheet_class = bulk.BulkWorksheet
    plain, bold = wb.add_format({"num_format": "0.00"}), wb.add_format({"bold": True})
    quoted = wb.add_format({"quote_prefix": True})
    style = bulk.ColumnStyle(plain, bold, quoted, quoted, {}, None)
    expected: dict[str, dict[tuple[int, int], object]] = {}

    def block(ws, name, first_row, first_col, values):
        cells = expected.setdefault(name, {})
        for j, column in enumerate(values):
            for i, v in enumerate(column):
                if v is not None:
                    cells[first_row + i, first_col + j] = v
        if streamed:
            letters = [xlsxwriter.utility.xl_col_to_name(first_col + j) for j in range(3)]
            ws.add_bulk(first_row, first_col, first_row + len(values[0]) - 1, first_col + 2,
                        lambda: bulk.rows_xml(first_row + 1, [
                            bulk.column_cells(letters[j], first_row + 1, values[j], style,
                                              set()) for j in range(3)]))
            return
        for j, column in enumerate(values):
            for i, v in enumerate(column):
                if isinstance(v, str):
                    ws.write_string(first_row + i, first_col + j, v,
                                    quoted if writer.needs_quoting(v) else plain)
                elif v is not None:
                    ws.write_number(first_row + i, first_col + j, v, plain)

    def api(ws, name, row, col, value, formula=None):
        """value, or a formula with value as its cached result."""
        expected.setdefault(name, {})[row, col] = value if formula is None else (formula, value)
        if formula is not None:
            ws.write_formula(row, col, formula, plain, value)
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value)
        elif isinstance(value, str):
            ws.write_string(row, col, value, quoted if writer.needs_quoting(value) else bold)
        else:
            ws.write_number(row, col, value, plain)

    ws = wb.add_worksheet("beside")
    for c, label in enumerate(["Rep", "Amount", "Note", None, "Stage", "Count", "Share"]):
        if label:
            api(ws, "beside", 0, c, label)
    ws.set_row(0, 30)
    values = _block_values(40, 0)
    for i in (2, 29):  # row 4: API cells only (row 7 too); row 31: its attributes only
        values[0][i] = values[1][i] = values[2][i] = None
    block(ws, "beside", 1, 0, values)
    counts = [120.0, 60.0, 30.0, 12.0, 6.0, 3.0, 1.0]
    for k, count in enumerate(counts):
        row = 1 + k * 2  # every other row, so some block rows have nothing beside them
        api(ws, "beside", row, 4, ["North", "calls", "=text", " met ", "订单", "计划", "Total"][k])
        api(ws, "beside", row, 5, count)
        api(ws, "beside", row, 6, count / sum(counts), f"F{row + 1}/SUM(F2:F14)")
    api(ws, "beside", 16, 6, True)  # the second span group
    api(ws, "beside", 35, 5, 4.5)  # the third
    ws.set_row(2, 40)
    ws.set_row(19, None, None, {"hidden": True})
    ws.set_row(30, 25)
    api(ws, "beside", 42, 0, "Total")  # below the block
    api(ws, "beside", 42, 1, 123.0, "SUM(B2:B41)")
    api(ws, "beside", 44, 2, "after")

    ws = wb.add_worksheet("left")
    api(ws, "left", 0, 2, "header in the block's columns, above it")
    block(ws, "left", 1, 2, _block_values(30, 5))
    for row in range(1, 31, 3):
        api(ws, "left", row, 0, f"rep {row}")
        api(ws, "left", row, 1, row * 1.5)
        if row % 2:
            api(ws, "left", row, 6, "North")
    api(ws, "left", 31, 3, "below, in the block's columns")

    ws = wb.add_worksheet("alone")
    block(ws, "alone", 4, 2, _block_values(5, 1))
    wb.close()
    return expected


def _grids(path) -> dict[str, dict[tuple[int, int], object]]:
    """(0-based row, col) -> value of every non-empty cell, per sheet, from calamine."""
    book = calamine.CalamineWorkbook.from_path(str(path))
    return {name: {(r, c): v
                   for r, row in enumerate(book.get_sheet_by_name(name)
                                           .to_python(skip_empty_area=False))
                   for c, v in enumerate(row) if v != ""}
            for name in book.sheet_names}


def _dimensions(path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [re.search(r"<dimension ref=\"([^\"]+)\"", z.read(f"xl/worksheets/sheet{i}.xml")
                          .decode()).group(1) for i in (1, 2, 3)]


def test_api_cells_share_the_rows_of_a_bulk_block(tmp_path):
    """Cells written through the API beside a bulk block, left or right, in the same rows:
    each such row is written once, in column order, with its attributes; the file reads
    back in openpyxl and calamine exactly as the same cells written through the API."""
    streamed, plain = tmp_path / "streamed.xlsx", tmp_path / "plain.xlsx"
    expected = _shared_rows_book(streamed, streamed=True)
    assert _shared_rows_book(plain, streamed=False) == expected
    with zipfile.ZipFile(streamed) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert 't="inlineStr"' in xml and 't="s"' in xml
    rows = [int(r) for r in re.findall(r'<row r="(\d+)"', xml)]
    assert rows == sorted(set(rows))  # each row once, in order
    row2 = re.search(r'<row r="2"[^>]*>(.*?)</row>', xml).group(1)
    assert re.findall(r'<c r="([A-Z]+)2"', row2) == ["A", "B", "C", "E", "F", "G"]

    assert _cells(streamed) == _cells(plain)  # value, type, format, bold, quote, lock
    assert _grids(streamed) == _grids(plain)
    got = openpyxl.load_workbook(streamed)
    for name, cells in expected.items():  # formulas as formulas in openpyxl
        values = {(c.row - 1, c.column - 1): c.value for row in got[name].iter_rows()
                  for c in row if c.value is not None}
        assert values == {k: "=" + v[0] if isinstance(v, tuple) else v
                          for k, v in cells.items()}, name
    calamine_values = _grids(streamed)
    for name, cells in expected.items():  # and as their cached values in calamine
        assert calamine_values[name] == {k: v[1] if isinstance(v, tuple) else v
                                         for k, v in cells.items()}, name
    beside, reference = got["beside"], openpyxl.load_workbook(plain)["beside"]
    for r in (1, 3, 6, 20, 31):
        assert (beside.row_dimensions[r].height, beside.row_dimensions[r].hidden) == \
            (reference.row_dimensions[r].height, reference.row_dimensions[r].hidden), r
    assert beside.row_dimensions[3].height == pytest.approx(40, abs=0.5)
    assert beside.row_dimensions[20].hidden and beside.row_dimensions[31].height
    assert _dimensions(streamed) == _dimensions(plain) == ["A1:G45", "A1:G32", "C5:E9"]


def test_a_cell_inside_a_bulk_block_is_refused(tmp_path):
    wb = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"))
    wb.worksheet_class = bulk.BulkWorksheet
    ws = wb.add_worksheet()
    ws.add_bulk(1, 0, 10, 2, lambda: iter([(1, '<c r="A2"><v>1</v></c>')]))
    ws.write_number(5, 2, 1.0)  # C6: the block's
    with pytest.raises(RuntimeError, match="C6"):
        wb.close()


def test_bulk_rows_out_of_order_are_refused(tmp_path):
    wb = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"))
    wb.worksheet_class = bulk.BulkWorksheet
    ws = wb.add_worksheet()
    ws.add_bulk(1, 0, 10, 0, lambda: iter([(3, '<c r="A4"><v>1</v></c>'),
                                           (2, '<c r="A3"><v>1</v></c>')]))
    with pytest.raises(ValueError, match="out of order"):
        wb.close()


def test_no_string_is_stored_after_the_shared_strings_are(tmp_path):
    """A string written through the API while the workbook closes (as the fallback that
    wrote a bulk block cell by cell once did) would point past the end of the stored
    shared strings; it raises instead of damaging the file."""
    wb = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"))
    wb.worksheet_class = bulk.BulkWorksheet
    ws = wb.add_worksheet()
    ws.write_string(0, 0, "before")

    def late_rows():
        ws.write_string(3, 5, "late")
        return iter([])

    ws.add_bulk(1, 0, 10, 2, late_rows)
    with pytest.raises(bulk.LateStringError, match="late"):
        wb.close()
    other = xlsxwriter.Workbook(str(tmp_path / "y.xlsx"))
    other.worksheet_class = bulk.BulkWorksheet
    sheet = other.add_worksheet()
    sheet.write_string(0, 0, "a")
    other.str_table._sort_string_data()  # what closing does first
    with pytest.raises(bulk.LateStringError):
        sheet.write_string(1, 0, "b")


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
    bold = wb.add_format({"bold": True})
    styled = bulk.ColumnStyle(plain, bold, quoted, quoted, {}, None)
    kept = bulk.column_cells("D", 2, [None, math.nan, "", 2.0, None], styled, {4},
                             blanks=True)  # blanks styled as XlsxWriter's write_blank
    assert kept[:3] == [f'<c r="D{r}" s="{bulk.xf(plain)}"/>' for r in (2, 3, 4)]
    assert kept[4] == f'<c r="D6" s="{bulk.xf(bold)}"/>'


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
