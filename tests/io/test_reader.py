"""The reader copes with what people do to workbooks, and reports what it cannot read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import sha256
from hypothesis import given, settings
from hypothesis import strategies as st

from addin.cli import main
from addin.io.reader import ROW_KEY, read_workbook
from addin.io.templates import write_workbook
from addin.problems import Severity
from addin.schema import workbook

SPEC = workbook("rep_weekly")
VISITS = [
    {"customer_id": "0071", "customer": "上海恒达机械有限公司", "purpose": "order",
     "outcome": "ordered", "order_amount": 1200.0, "new_customer": True},
    {"customer_id": "0072", "customer": "北京华兴电子", "purpose": "collection",
     "outcome": "collected", "collected_amount": 5000.0, "objection": "no_budget"},
]


def _content() -> dict:
    return {
        "info": {"fields": {"rep": "张伟", "region": "华东", "week_start": dt.date(2026, 11, 23)}},
        "report_mon": {"fields": {"attendance": "present", "selling_hours": 7.5,
                                  "calls_dialled": 100, "day_target": 6000},
                       "tables": {"visits": VISITS}},
        "plan_mon": {"tables": {"contacts": [
            {"customer": "甲公司", "kind": "visit", "purpose": "order", "phone": "02155551234"}]}},
    }


@pytest.fixture
def filled(tmp_path, lang):
    return write_workbook(SPEC, lang, tmp_path / f"rep-{lang}.xlsx", _content())


def _visits(path):
    data = read_workbook(path)
    return data, data.table("report_mon", "visits")


def test_reads_typed_values_and_keeps_leading_zeros(filled):
    data, df = _visits(filled)
    assert data.problems == []
    assert list(df["customer_id"]) == ["0071", "0072"]
    assert list(df["order_amount"].fillna(0)) == [1200.0, 0.0]
    assert list(df["outcome"]) == ["ordered", "collected"]
    assert df["new_customer"].tolist()[0] is True
    assert data.table("plan_mon", "contacts")["phone"].iloc[0] == "02155551234"
    assert data.fields("info")["week_start"] == dt.date(2026, 11, 23)


def test_header_moved_down_and_columns_reordered_still_read(filled, tmp_path, lang):
    wb = openpyxl.load_workbook(filled)
    ws = wb[SPEC.sheet("report_mon").label(lang)]
    ws.insert_rows(8, amount=3)  # the header moves from row 8 to row 11
    # swap the customer and outcome columns, header and data
    for row in range(11, 14):
        b, d = ws.cell(row, 2), ws.cell(row, 4)
        b.value, d.value = d.value, b.value
    moved = tmp_path / "moved.xlsx"
    wb.save(moved)
    data, df = _visits(moved)
    assert [p for p in data.problems if p.severity == Severity.ERROR] == []
    assert list(df["customer"]) == [v["customer"] for v in VISITS]
    assert list(df["outcome"]) == ["ordered", "collected"]
    assert list(df[ROW_KEY]) == [12, 13]


@pytest.mark.parametrize("typed", ["2026/11/25", "2026年11月25日", "25/11/2026", "2026-11-25",
                                   "46351", "２０２６－１１－２５"])
def test_dates_typed_as_text(tmp_path, typed):
    content = _content()
    content["plan_mon"]["tables"]["contacts"][0]["due_date"] = typed
    path = write_workbook(SPEC, "zh", tmp_path / "d.xlsx", content)
    data = read_workbook(path)
    assert data.problems == []
    assert data.table("plan_mon", "contacts")["due_date"].iloc[0].date() == dt.date(2026, 11, 25)


def test_impossible_date_is_a_problem_with_its_cell(tmp_path):
    content = _content()
    content["plan_mon"]["tables"]["contacts"][0]["due_date"] = "2026-02-30"
    path = write_workbook(SPEC, "en", tmp_path / "d.xlsx", content)
    data = read_workbook(path)
    table = SPEC.sheet("plan_mon").table("contacts")
    cell = f"{table.col_letter('due_date')}{table.first_data_row}"
    assert [(p.sheet, p.cell, p.severity) for p in data.problems] == [
        ("Mon Plan", cell, Severity.ERROR)]
    assert "2026-02-30" in data.problems[0].text()


def test_formula_errors_and_uncached_formulas_are_problems_not_zeros(filled, tmp_path, lang):
    wb = openpyxl.load_workbook(filled)
    ws = wb[SPEC.sheet("report_mon").label(lang)]
    table = SPEC.sheet("report_mon").table("visits")
    amount = table.col_letter("order_amount")
    ws[f"{amount}9"] = "=1/0"  # openpyxl writes no cached value
    ws[f"{amount}10"] = "#DIV/0!"
    ws[f"{amount}10"].data_type = "e"
    broken = tmp_path / "broken.xlsx"
    wb.save(broken)
    data, df = _visits(broken)
    cells = {p.cell: p for p in data.problems}
    assert set(cells) == {f"{amount}9", f"{amount}10"}
    assert all(p.severity == Severity.ERROR for p in cells.values())
    assert "#DIV/0!" in cells[f"{amount}10"].text()
    assert df["order_amount"].isna().all()  # never read as 0


def test_full_width_currency_and_percent_text(tmp_path):
    content = _content()
    content["report_mon"]["tables"]["visits"][0]["order_amount"] = "￥１，２００"
    content["report_mon"]["tables"]["visits"][1]["order_amount"] = "¥1,000.50"
    content["report_mon"]["fields"]["selling_hours"] = "７.５"
    path = write_workbook(SPEC, "zh", tmp_path / "w.xlsx", content)
    data, df = _visits(path)
    assert data.problems == []
    assert list(df["order_amount"]) == [1200.0, 1000.5]
    assert data.fields("report_mon")["selling_hours"] == 7.5


def test_not_a_workbook_is_one_clear_problem(tmp_path):
    fake = tmp_path / "report.xlsx"
    fake.write_text("rep,region\n张伟,华东\n", encoding="utf-8")
    data = read_workbook(fake)
    assert not data.readable
    assert len(data.problems) == 1 and "CSV" in data.problems[0].text()


def test_check_names_file_sheet_and_cell_and_exits_1(filled, tmp_path, lang):
    wb = openpyxl.load_workbook(filled)
    ws = wb[SPEC.sheet("report_mon").label(lang)]
    outcome = SPEC.sheet("report_mon").table("visits").col_letter("outcome")
    ws[f"{outcome}10"] = "聊得不错"
    ws[SPEC.sheet("report_mon").field("calls_dialled").cell] = "many"
    broken = tmp_path / "broken.xlsx"
    wb.save(broken)
    before = sha256(broken)
    result = CliRunner().invoke(main, ["check", str(broken), str(filled), "--lang", "en"])
    assert result.exit_code == 1
    sheet_name = SPEC.sheet("report_mon").label(lang)
    assert f"{sheet_name}!{outcome}10" in result.output
    assert f"{sheet_name}!{SPEC.sheet('report_mon').field('calls_dialled').cell}" in result.output
    assert "broken.xlsx: ERRORS" in result.output and f"{filled.name}: ok" in result.output
    assert sha256(broken) == before  # checking never modifies a file


def test_check_clean_file_exits_0_and_json(filled):
    import json
    result = CliRunner().invoke(main, ["check", "--json", str(filled)])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["files"][0]["ok"] is True and data["files"][0]["workbook"] == "rep_weekly"


def test_check_usage_error_exits_2():
    assert CliRunner().invoke(main, ["check"]).exit_code == 2


def test_calamine_reads_what_openpyxl_reads(filled, lang):
    """The fast reader's engine gives the same cell values as openpyxl on our workbooks."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(filled))
    wb = openpyxl.load_workbook(filled, data_only=True)
    compared = 0
    for sheet in SPEC.sheets:
        name = sheet.label(lang)
        grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        ws = wb[name]
        for r, line in enumerate(grid, start=1):
            for c, fast in enumerate(line, start=1):
                slow = ws.cell(r, c).value
                if ws.cell(r, c).data_type == "f":
                    continue  # formulas: no cached value in a file XlsxWriter wrote
                if isinstance(slow, dt.datetime) and isinstance(fast, dt.date):
                    slow = slow.date() if not isinstance(fast, dt.datetime) else slow
                if slow is None:
                    slow = ""
                if isinstance(slow, (int, float)) and isinstance(fast, (int, float)):
                    assert float(slow) == float(fast), (name, r, c)
                else:
                    assert slow == fast, (name, r, c, slow, fast)
                compared += slow != ""
    assert compared > 100


LABEL_CHARS = list("合计小Total SUB-tal主管签字日期评语：:（）Ｔｏｔａｌ１2AzZ9客户 _\u3000")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(LABEL_CHARS), max_size=12))
def test_the_stop_row_prefilter_never_rules_out_a_label(text):
    """Rows are checked for a total or sign-off label; the quick test that skips folding
    must only skip text that cannot fold into one of the labels."""
    from addin.io.reader import _TOTAL_KEYS, _not_a_label_of
    from addin.io.values import label_key

    keys = _TOTAL_KEYS | frozenset(label_key(f.label(lang))
                                   for f in SPEC.sheet("report_mon").signoff
                                   for lang in ("zh", "en"))
    if _not_a_label_of(keys)(text):
        assert label_key(text) not in keys
    for key in keys:  # and the labels themselves always get through
        assert not _not_a_label_of(keys)(key.upper())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_language_stamp_is_found_however_the_file_was_saved(tmp_path, lang):
    """The template's language stamp decides a run's language; it must be found in a file
    written by openpyxl (attributes in another order) as in the committed template."""
    from addin.io.xlsx_scan import stamped_lang

    spec = workbook("rep_weekly")
    made = write_workbook(spec, lang, tmp_path / "made.xlsx", {})
    assert stamped_lang(made) == lang
    resaved = tmp_path / "resaved.xlsx"
    openpyxl.load_workbook(made).save(resaved)  # as a rep's workbook after openpyxl
    assert stamped_lang(resaved) == lang
    template = Path(__file__).resolve().parents[2] / "workbook_templates" / lang / \
        spec.filename(lang)
    assert stamped_lang(template) == lang
    assert stamped_lang(tmp_path / "missing.xlsx") is None
