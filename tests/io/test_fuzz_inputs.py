"""Fuzzing: random values of every type in every input column of every template, in both
languages, read back through `salesbook check` and the rollup. Whatever is typed, the
answer is figures plus problems (file, sheet, cell, message), never a crash or a
traceback, and the outputs open as workbooks with no formula we did not write."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from make_bad_corpus import INJECTIONS, edit_sheet, set_cell_xml

from addin.errors import SalesbookError
from addin.io.templates import write_workbook
from addin.problems import Problem
from addin.schema import WORKBOOKS, ColType, workbook
from addin.services.check import check_file
from addin.services.rollup import run_rollup

REP = workbook("rep_weekly")
WEEK = dt.date(2026, 11, 16)
CELL = re.compile(r"^([A-Z]{1,3}[1-9][0-9]{0,6})?$")
TRICKY = ["¥1,000", "￥１，２００.５０", "50％", "１２", "(1,234)", "3万", "1e308", "-0", "nan",
          "inf", "2026/11/23", "2026年11月23日", "23/11/2026", "2026-02-30", "46349",
          "下午3点", "9:30", "25:61", "是", "否", "√", "ordered", "已成交", "next week",
          "\u3000", " ", "#DIV/0!", "#N/A", "TRUE", "0x1F", "1_000", "１．５", "—", "",
          *INJECTIONS, "\x01\x07\x1b", "a" * 40_000, "𠀀𠀁", "\u202eRTL"]
FORMULA_CELLS = [  # what a cell can hold besides a typed value: errors, formulas
    b'<c r="{ref}" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
    b'<c r="{ref}" t="e"><v>#N/A</v></c>',
    b'<c r="{ref}"><f>SUM(1,2)</f></c>',
    b'<c r="{ref}"><f>SUM(1,2)</f><v>3</v></c>',
    b'<c r="{ref}" t="str"><f>HYPERLINK("http://x.example","x")</f><v>x</v></c>',
    b'<c r="{ref}" t="b"><v>1</v></c>',
    b'<c r="{ref}" t="inlineStr"><is><t>inline\x01</t></is></c>',
]

values = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.sampled_from(TRICKY),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2200, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2200, 12, 31)),
    st.times(),
)
# The same examples on every run (a failure in CI is reproducible); for a longer, random
# search: SALESBOOK_FUZZ=500 python -m pytest tests/io/test_fuzz_inputs.py
LONG_RUN = int(os.environ.get("SALESBOOK_FUZZ", "0"))
SETTINGS = settings(deadline=None, derandomize=not LONG_RUN, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def examples(n: int) -> int:
    return LONG_RUN or n


_GOOD: list[bytes] = []


def good_workbook() -> bytes:
    """A plain rep workbook beside the fuzzed one, so every batch has a week to roll up."""
    if not _GOOD:
        with tempfile.TemporaryDirectory() as tmp:
            _GOOD.append(write_workbook(REP, "zh", Path(tmp) / "g.xlsx", {
                "info": {"fields": {"rep": "基准", "region": "华东", "week_start": WEEK}},
                "report_mon": {"fields": {"attendance": "present", "selling_hours": 6},
                               "tables": {"visits": [{"customer": "甲", "purpose": "order",
                                                      "outcome": "ordered",
                                                      "order_amount": 100}]}}},
            ).read_bytes())
    return _GOOD[0]


def input_sheets(spec):
    return [s for s in spec.sheets if s.role not in ("output", "library")]


def draw_value(data, column):
    value = data.draw(values)
    if isinstance(value, bool) and column.choices and \
            not any(c.key == "yes" for c in column.choices):
        return str(value).upper()  # the template writer shows a flag only as yes/no;
    if isinstance(value, str) and ":" in value and column.type == ColType.TIME and \
            hasattr(column, "cell"):  # it reads "hh:mm" text in a time field as a time
        return value.replace(":", "：")
    return value  # TRUE/FALSE cells in any column come from FORMULA_CELLS


def draw_content(data, spec, sheets) -> dict:
    """Random values for every input field and every input column of `sheets`."""
    content: dict[str, dict] = {}
    for sheet in sheets:
        part: dict[str, dict] = {"fields": {f.key: draw_value(data, f) for f in sheet.all_fields
                                            if f.is_input}, "tables": {}}
        for table in sheet.tables:
            if table.output:
                continue
            n = data.draw(st.integers(min_value=0, max_value=min(3, table.rows)))
            part["tables"][table.key] = [{c.key: draw_value(data, c) for c in table.columns
                                          if c.is_input} for _ in range(n)]
        content[sheet.key] = part
    return content


def inject_formulas(data, path: Path, spec, lang: str, sheets) -> None:
    """Turn a few input cells into error cells and formulas (cached or not)."""
    for _ in range(data.draw(st.integers(min_value=0, max_value=3))):
        sheet = data.draw(st.sampled_from(sheets))
        tables = [t for t in sheet.tables if not t.output]
        if not tables:
            continue
        table = data.draw(st.sampled_from(tables))
        column = data.draw(st.sampled_from([c for c in table.columns if c.is_input]))
        ref = f"{table.col_letter(column.key)}{table.first_data_row}"
        cell = data.draw(st.sampled_from(FORMULA_CELLS)).replace(b"{ref}", ref.encode())
        path.write_bytes(edit_sheet(path.read_bytes(), sheet.label(lang),
                                    lambda x, ref=ref, cell=cell: set_cell_xml(x, ref, cell)))


def assert_problems_well_formed(problems: list[Problem], name: str) -> None:
    for p in problems:
        assert p.file == name, p
        assert CELL.match(p.cell), p
        assert p.text() and "Traceback" not in p.text(), p


def assert_no_foreign_formulas(path: Path) -> None:
    wb = openpyxl.load_workbook(path)  # opens: a valid workbook
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":  # only sums of our own total rows
                    assert re.fullmatch(r"=SUM\([A-Z]+\d+:[A-Z]+\d+\)", str(c.value)), c.value


@settings(SETTINGS, max_examples=examples(45))
@given(data=st.data())
def test_rep_workbooks_with_random_values_roll_up(data):
    lang = data.draw(st.sampled_from(["zh", "en"]))
    sheets = input_sheets(REP)
    chosen = [REP.sheet("info"), *data.draw(st.lists(st.sampled_from(sheets[1:]), min_size=1,
                                                     max_size=3, unique=True))]
    content = draw_content(data, REP, chosen)
    if data.draw(st.booleans()):  # often a usable week, so the figures are computed too
        content["info"]["fields"].update(rep=data.draw(st.sampled_from(["张伟", "Li Na"])),
                                         week_start=WEEK)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        path = write_workbook(REP, lang, folder / "rep.xlsx", content)
        inject_formulas(data, path, REP, lang, chosen)
        (folder / "good.xlsx").write_bytes(good_workbook())
        before = path.read_bytes()
        checked = check_file(path)
        assert_problems_well_formed(checked.problems, path.name)
        out = Path(tmp) / "team.xlsx"
        result = run_rollup([folder], out=out, history=Path(tmp) / "h.sqlite", week="2026-W47")
        assert result.output == out and out.exists()
        for p in result.problems:
            assert CELL.match(p.cell) and "Traceback" not in p.text(), p
        assert_no_foreign_formulas(out)
        if data.draw(st.booleans()):  # the rep's own summary, too
            try:
                run_rollup([path], out=Path(tmp) / "summary.xlsx")
            except SalesbookError:
                pass  # e.g. no usable week: a clean, one-line error
            else:
                openpyxl.load_workbook(Path(tmp) / "summary.xlsx")
        assert path.read_bytes() == before


@settings(SETTINGS, max_examples=examples(40))
@given(data=st.data(), key=st.sampled_from([k for k in WORKBOOKS if k != "rep_weekly" and
                                            input_sheets(WORKBOOKS[k])]))
def test_every_other_template_with_random_values_checks(data, key):
    spec = WORKBOOKS[key]
    lang = data.draw(st.sampled_from(["zh", "en"]))
    sheets = input_sheets(spec)
    content = draw_content(data, spec, sheets)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_workbook(spec, lang, Path(tmp) / f"{key}.xlsx", content)
        inject_formulas(data, path, spec, lang, sheets)
        checked = check_file(path)
        assert checked.workbook == key
        assert_problems_well_formed(checked.problems, path.name)
