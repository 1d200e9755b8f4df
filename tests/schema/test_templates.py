"""Templates are generated from the schema, committed, and behave like well-made workbooks."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT

from addin.io.templates import write_all_templates
from addin.schema import LANGS, META_SHEET, WORKBOOKS, ColType, render_formula, workbook

COMMITTED = ROOT / "workbook_templates"

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("templates")
    write_all_templates(out)
    return out


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", list(WORKBOOKS))
def test_committed_template_matches_schema(generated, lang, key):
    spec = WORKBOOKS[key]
    committed = COMMITTED / lang / spec.filename(lang)
    assert committed.exists(), f"missing {committed}: run `salesbook templates`"
    fresh = _members(generated / lang / spec.filename(lang))
    old = _members(committed)
    assert sorted(old) == sorted(fresh)
    drifted = [n for n in fresh if fresh[n] != old[n]]
    assert not drifted, (f"{committed} drifted from the schema in {drifted}; "
                         "regenerate with `salesbook templates`")


def test_generation_is_deterministic(tmp_path):
    spec = workbook("rep_weekly")
    from addin.io.templates import write_template
    a = write_template(spec, "zh", tmp_path / "a.xlsx")
    b = write_template(spec, "zh", tmp_path / "b.xlsx")
    assert _members(a) == _members(b)


@pytest.fixture(scope="module", params=LANGS)
def rep_template(request, generated):
    lang = request.param
    spec = workbook("rep_weekly")
    return lang, spec, openpyxl.load_workbook(generated / lang / spec.filename(lang))


def test_stamp_and_properties(rep_template):
    lang, spec, wb = rep_template
    meta = wb[META_SHEET]
    assert meta.sheet_state == "hidden"
    stamp = {meta.cell(r, 1).value: meta.cell(r, 2).value for r in range(1, 5)}
    assert stamp["template_id"] == spec.template_id
    assert stamp["version"] == spec.version and stamp["lang"] == lang
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props["salesbook_template"] == spec.template_id
    assert props["salesbook_lang"] == lang


def test_every_enum_has_a_dropdown_in_the_templates_language(rep_template):
    lang, spec, wb = rep_template
    sheet = spec.sheet("report_tue")
    ws = wb[sheet.label(lang)]
    table = sheet.table("visits")
    validations = ws.data_validations.dataValidation
    for column in table.columns:
        if not column.choices:
            continue
        letter = table.col_letter(column.key)
        cell = f"{letter}{table.first_data_row}"
        dv = next((v for v in validations if cell in v.sqref), None)
        assert dv is not None and dv.type == "list", f"no dropdown on {column.key}"
        if column.choices_from:
            library = spec.sheet("objections")
            assert library.label(lang) in dv.formula1
        else:
            labels = dv.formula1.strip('"').split(",")
            assert labels == [c.label(lang) for c in column.choices]
    attendance = sheet.field("attendance")
    assert any(attendance.cell in v.sqref and v.type == "list" for v in validations)


def test_protection_formats_freeze_and_print(rep_template):
    lang, spec, wb = rep_template
    sheet = spec.sheet("report_mon")
    ws = wb[sheet.label(lang)]
    table = sheet.table("visits")
    assert ws.protection.sheet is True
    assert ws.freeze_panes == f"A{table.first_data_row}"
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert ws.print_area
    # input cells unlocked, formula cells locked
    first = ws[f"{table.col_letter('order_amount')}{table.first_data_row}"]
    assert first.protection.locked is False
    assert first.number_format == workbook("rep_weekly").sheet("report_mon").table(
        "visits").column("order_amount").number_format
    formula_cell = ws[sheet.field("achievement_rate").cell]
    assert formula_cell.protection.locked is True
    formula = sheet.field("achievement_rate").formula
    assert formula_cell.value == render_formula(spec, sheet, formula, lang)
    date_cell = ws[sheet.field("date").cell]
    assert date_cell.value.startswith("=") and date_cell.protection.locked is True
    # the day's totals under the table
    total_row = table.total_row_number
    letter = table.col_letter("order_amount")
    assert ws[f"{letter}{total_row}"].value == (
        f"=SUM({letter}{table.first_data_row}:{letter}{table.last_template_row})")
    # behind target shows red
    assert any(sheet.field("achievement_rate").cell in str(rng.sqref)
               for rng in ws.conditional_formatting)
    # the sign-off block sits inside the print area
    sign = sheet.field("supervisor_signoff").cell
    assert int(sign[1:]) <= int(ws.print_area.split("$")[-1])


def test_objection_library_feeds_both_languages(rep_template):
    lang, spec, wb = rep_template
    sheet = spec.sheet("objections")
    ws = wb[sheet.label(lang)]
    table = sheet.table("library")
    col = table.col_letter("objection")
    values = [ws[f"{col}{r}"].value for r in range(table.first_data_row,
                                                   table.last_template_row + 1)]
    choices = spec.sheet("report_mon").table("visits").column("objection").choices
    assert values == [c.label(lang) for c in choices]
    responses = [ws[f"{table.col_letter('response')}{r}"].value
                 for r in range(table.first_data_row, table.last_template_row + 1)]
    assert all(r and (bool(CJK.search(r)) == (lang == "zh")) for r in responses)


def test_settings_templates_come_with_domain_defaults(generated):
    spec = workbook("customers")
    wb = openpyxl.load_workbook(generated / "en" / spec.filename("en"))
    sheet = spec.sheet("settings")
    ws = wb[sheet.label("en")]
    cadence = sheet.table("cadence")
    rows = [[ws.cell(r, c).value for c in range(1, 4)]
            for r in range(cadence.first_data_row, cadence.last_template_row + 1)]
    assert rows == [["Priority", 1, 3], ["General", 3, 6], ["Last", 6, 12]]


def test_money_and_date_columns_have_formats(generated):
    spec = workbook("customers")
    table = spec.sheet("customers").table("customers")
    assert table.column("receivable_amount").type == ColType.MONEY
    wb = openpyxl.load_workbook(generated / "zh" / spec.filename("zh"))
    ws = wb[spec.sheet("customers").label("zh")]
    letter = table.col_letter("last_visit_date")
    assert ws.column_dimensions[letter].width > 8
