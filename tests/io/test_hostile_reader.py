"""Hostile packages one by one: XML entities never expanded, zip bombs refused before
unpacking, far-out cells never handed to python-calamine (which would allocate the whole
rectangle and abort the process), rows and columns bounded, values that no parser foresaw
reported instead of raised."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from make_bad_corpus import edit_sheet, pack, parts, rep_book, sheet, sheet_part

from addin.io import xlsx_scan
from addin.io.reader import read_workbook
from addin.io.values import CellValueError, coerce, parse_date, parse_integer
from addin.io.writer import owner_file
from addin.schema import WORKBOOKS, ColType

CORPUS = Path(__file__).parent / "bad_inputs"
ROOT = Path(__file__).resolve().parents[2]
MON = sheet("report_mon", "zh")


def measured(fn):
    """(result, seconds, peak Python memory in MiB) of fn()."""
    tracemalloc.start()
    t = time.perf_counter()
    try:
        result = fn()
    finally:
        elapsed = time.perf_counter() - t
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return result, elapsed, peak


def test_openpyxl_parses_with_defusedxml_and_refuses_entities():
    import defusedxml

    assert openpyxl.xml.DEFUSEDXML is True
    assert defusedxml.__version__
    for name in ("billion_laughs.xlsx", "billion_laughs_strings.xlsx"):
        t = time.perf_counter()
        with pytest.raises(Exception) as err:
            openpyxl.load_workbook(CORPUS / name)
        assert time.perf_counter() - t < 10  # an expansion would take minutes
        cause = err.value.__cause__ or err.value.__context__ or err.value
        assert type(cause).__name__ == "EntitiesForbidden", repr(cause)


@pytest.mark.parametrize("name", ["billion_laughs.xlsx", "billion_laughs_strings.xlsx",
                                  "external_entity.xlsx"])
def test_entities_are_refused_quickly_and_never_expanded(name):
    data, seconds, peak = measured(lambda: read_workbook(CORPUS / name))
    assert not data.readable and "DOCTYPE" in data.problems[0].text()
    assert seconds < 5 and peak < 20, (seconds, peak)


def test_calamine_never_expands_an_entity(tmp_path):
    """The sheet XML is refused by our scan; a DOCTYPE hidden behind a long comment gets
    past the scan's look at the prolog, and calamine refuses the unknown entity itself."""
    import python_calamine

    files = parts((CORPUS / "good_zh.xlsx").read_bytes())
    ss = files["xl/sharedStrings.xml"]
    lol = (CORPUS / "billion_laughs.xlsx").read_bytes()
    doctype = re.search(rb"<!DOCTYPE.*?\]>", parts(lol)[sheet_part(parts(lol), MON)]).group(0)
    files["xl/sharedStrings.xml"] = ss.replace(
        b'standalone="yes"?>', b'standalone="yes"?><!--' + b"x" * 8000 + b"-->" + doctype, 1
    ).replace(b"<t>", b"<t>&lol9;", 1)
    path = tmp_path / "hidden_doctype.xlsx"
    path.write_bytes(pack(files))
    t = time.perf_counter()
    with pytest.raises(Exception, match="entity"):
        python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    data = read_workbook(path)
    assert time.perf_counter() - t < 5
    assert not data.readable and "undefined entity" in data.problems[0].text()


@pytest.mark.parametrize("name, text", [("zip_bomb.xlsx", "zip bomb"),
                                        ("zip_huge_declared.xlsx", "zip bomb"),
                                        ("zip_bomb_lying.xlsx", "damaged")])
def test_zip_bombs_are_refused_before_unpacking(name, text):
    data, seconds, peak = measured(lambda: read_workbook(CORPUS / name))
    assert not data.readable and text in data.problems[0].text()
    assert seconds < 5 and peak < 16, (seconds, peak)


def test_the_zip_bomb_is_a_real_one():
    with zipfile.ZipFile(CORPUS / "zip_bomb.xlsx") as zf:
        unpacked = sum(i.file_size for i in zf.infolist())
    assert unpacked > 64 * 2**20 and (CORPUS / "zip_bomb.xlsx").stat().st_size < 200 * 1024


# -- far cells: calamine would allocate rows x columns cells and abort ------------------
_FAR = {
    "plain": b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
    "lower_case": b'<row r="1048576"><c r="xfd1048576"><v>1</v></c></row>',
    "single_quotes": b"<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>",
    "spaced": b'<row r = "1048576"><c\n r = "XFD1048576"><v>1</v></c></row>',
    "attribute_order": b'<row r="1048576"><c s="0" r="XFD1048576"><v>1</v></c></row>',
    "prefixed": b'<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                b'r="1048576"><x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row>',
    "no_reference": b'<row r="1048576">' + b"<c><v>1</v></c>" * 300 + b"</row>",
}


@pytest.mark.parametrize("form", sorted(_FAR))
def test_far_cells_in_any_form_go_to_the_bounded_reader(form):
    xml = parts((CORPUS / "good_zh.xlsx").read_bytes())["xl/worksheets/sheet4.xml"]
    assert not xlsx_scan._needs_bounds(xml)
    assert xlsx_scan._needs_bounds(xml.replace(b"</sheetData>", _FAR[form] + b"</sheetData>"))


def test_plain_sheets_up_to_the_limits_stay_on_the_fast_path():
    xml = parts((CORPUS / "good_zh.xlsx").read_bytes())["xl/worksheets/sheet4.xml"]
    for far in (b'<row r="50000"><c r="CV50000"><v>1</v></c></row>',
                b'<row r="999"><c r="ZZ999"><v>1</v></c></row>'):
        assert not xlsx_scan._needs_bounds(xml.replace(b"</sheetData>", far + b"</sheetData>"))


def test_far_cells_read_in_bounded_memory_in_a_process_with_2_gib(tmp_path):
    """In a process limited to 2 GiB of address space (calamine would ask for 512 GiB and
    abort), every far-cell form reads: the week counted, the stray cell named."""
    good = (CORPUS / "good_zh.xlsx").read_bytes()
    for form, xml in _FAR.items():
        (tmp_path / f"{form}.xlsx").write_bytes(edit_sheet(
            good, MON, lambda x, xml=xml: x.replace(b"</sheetData>", xml + b"</sheetData>")))
    script = textwrap.dedent(f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from addin.io.rep_books import read_rep_week
        for path in sorted(Path({str(tmp_path)!r}).glob("*.xlsx")):
            week = read_rep_week(path)
            total = sum(v["order_amount"] or 0 for v in week.visits)
            cells = sorted({{p.cell for p in week.problems}})
            print(path.stem, week.ok, total, cells)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = dict(line.split(" ", 1) for line in proc.stdout.splitlines())
    assert set(lines) == set(_FAR)
    for form, line in lines.items():
        stray = "A1048576" if form == "no_reference" else "XFD1048576"
        assert line == f"True 1500.0 ['{stray}']", (form, line)


def test_cells_without_references_read_like_the_original(tmp_path):
    """A sheet written without cell references (allowed by the format) is read by the
    bounded reader and gives the same table as calamine gives for the original."""
    good = CORPUS / "good_zh.xlsx"

    def strip_refs(xml: bytes) -> bytes:  # only rows whose cells have no gaps stay exact
        def row(m: re.Match) -> bytes:
            body = m.group(2)
            letters = re.findall(rb'<c r="([A-Z]+)\d+"', body)
            expected = [bytes([65 + i]) for i in range(len(letters))]
            if letters != expected:
                return m.group(0)
            return m.group(1) + re.sub(rb' r="[A-Z]+\d+"', b"", body) + b"</row>"
        return re.sub(rb"(<row [^>]*>)(.*?)</row>", row, xml, flags=re.S)

    path = tmp_path / "no_refs.xlsx"
    path.write_bytes(edit_sheet(good.read_bytes(), MON, strip_refs))
    assert xlsx_scan.scan_package(path).sheets[MON].bounded
    a, b = read_workbook(good), read_workbook(path)
    assert b.problems == []
    assert a.table("report_mon", "visits").equals(b.table("report_mon", "visits"))
    assert a.fields("report_mon") == b.fields("report_mon")


def test_a_table_longer_than_the_row_limit_is_an_error_not_a_silent_cut(tmp_path):
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (r, r, r)
                    for r in range(49_990, 50_011))
    path = tmp_path / "long.xlsx"
    path.write_bytes(edit_sheet(rep_book("长表"), MON,
                                lambda x: x.replace(b"</sheetData>", rows + b"</sheetData>")))
    data, seconds, _ = measured(lambda: read_workbook(path))
    assert [(p.severity, p.sheet, p.cell) for p in data.problems] == [("error", MON, "A50001")]
    assert "50,000" in data.problems[0].text()
    assert seconds < 30  # bounded: the rows past the limit are never read


# -- values no parser foresaw ------------------------------------------------------------
def test_huge_and_impossible_numbers_are_value_errors():
    with pytest.raises(CellValueError):
        parse_integer("1e30")
    for serial in (1e300, -1e12, float("inf")):
        with pytest.raises(CellValueError):
            parse_date(serial)
    with pytest.raises(CellValueError):
        parse_date("99999999999")


def test_percent_typed_with_a_full_width_sign(tmp_path):
    spec, sheet_key, table, column = next(
        (w, s.key, t, c) for w in WORKBOOKS.values() for s in w.sheets if s.role != "output"
        for t in s.tables if not t.output for c in t.columns
        if c.type == ColType.PERCENT and c.is_input)
    assert coerce("50％", column) == 0.5
    from addin.io.templates import write_workbook
    from addin.services.check import check_file

    path = write_workbook(spec, "zh", tmp_path / "p.xlsx",
                          {sheet_key: {"tables": {table.key: [{column.key: "50％"}]}}})
    checked = check_file(path)
    assert not [p for p in checked.problems if p.cell.startswith(table.col_letter(column.key))]
    data = read_workbook(path, spec)
    assert data.table(sheet_key, table.key)[column.key].iloc[0] == 0.5


def test_owner_file_names():
    assert owner_file(Path("team.xlsx")).name == "~$am.xlsx"
    assert owner_file(Path("ab")).name == "~$ab"


def test_a_fault_inside_the_reader_never_stops_the_batch(tmp_path, monkeypatch):
    from addin.io import rep_books
    from addin.services.reading import read_safely

    def boom(*args, **kwargs):
        raise RecursionError("deep")

    monkeypatch.setattr(rep_books, "read_workbook", boom)
    week = read_safely((CORPUS / "good_zh.xlsx", "good_zh.xlsx"))
    assert not week.ok and "RecursionError" in week.problems[0].text()


def test_every_package_error_speaks_both_languages():
    from addin.catalogue import ENTRIES

    for code, e in ENTRIES.items():
        if not code.startswith("file."):
            continue
        assert re.search(r"[\u4e00-\u9fff]", e.zh + e.do_zh), code
        assert not re.search(r"[\u4e00-\u9fff]", e.en + e.do_en), code
        assert set(re.findall(r"{(\w+)", e.zh)) == set(re.findall(r"{(\w+)", e.en)), code
