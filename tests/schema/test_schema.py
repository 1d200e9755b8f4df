"""The schema is the single source of truth: it must be complete and self-consistent."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from addin.cli import main
from addin.io.values import label_key
from addin.schema import LANGS, WORKBOOKS, ColType, render_formula, schema_dict, workbook
from addin.schema.vocab import EFFECTIVE, OBJECTION_RESPONSES, OBJECTIONS, OUTCOMES

DAILY_TABLE_KEYS = ["customer_id", "customer", "purpose", "outcome", "order_amount",
                    "collected_amount", "new_customer", "complaint_handled", "objection",
                    "competitor_info", "customer_feedback", "customer_news"]
DAILY_FIELD_KEYS = ["attendance", "selling_hours", "expenses", "calls_dialled", "calls_completed",
                    "appointments", "presentations", "sales_closed", "sales_amount", "day_target",
                    "lessons", "supervisor_signoff", "supervisor_comment"]


def test_daily_report_carries_every_domain_field():
    spec = workbook("rep_weekly")
    reports = spec.sheets_of_kind("report")
    assert [s.day for s in reports] == [0, 1, 2, 3, 4, 5]  # Monday to Saturday
    for sheet in reports:
        table = sheet.table("visits")
        assert [c.key for c in table.columns] == DAILY_TABLE_KEYS
        field_keys = {f.key for f in sheet.all_fields}
        assert set(DAILY_FIELD_KEYS) <= field_keys
    assert len(spec.sheets_of_kind("plan")) == 6


def test_rep_weekly_has_every_required_sheet():
    keys = {s.key for s in workbook("rep_weekly").sheets}
    assert {"info", "summary", "market", "objections"} <= keys


def test_objections_and_effective_outcomes():
    assert len(OBJECTIONS) == 7
    assert set(OBJECTION_RESPONSES) == {o.key for o in OBJECTIONS}
    for response in OBJECTION_RESPONSES.values():
        assert response.zh and response.en
    effective = {o.key for o in OUTCOMES if EFFECTIVE in o.flags}
    assert {"ordered", "appointment"} <= effective
    assert {"refused", "not_met"}.isdisjoint(effective)


@pytest.mark.parametrize("spec", WORKBOOKS.values(), ids=list(WORKBOOKS))
def test_names_are_unique_and_unambiguous(spec):
    sheet_names = [k for s in spec.sheets for k in {label_key(n) for n in (s.zh, s.en, s.key)}]
    assert len(set(sheet_names)) == len(sheet_names), "two sheets share a name"
    for sheet in spec.sheets:
        for table in sheet.tables:
            keys = [c.key for c in table.columns]
            assert len(set(keys)) == len(keys)
            # a header label must identify one column in either language
            seen: dict[str, str] = {}
            for c in table.columns:
                for text in {c.zh, c.en, c.key}:
                    k = label_key(text)
                    assert seen.setdefault(k, c.key) == c.key, f"{sheet.key}.{c.key} vs {seen[k]}"
        cells = [f.cell for f in sheet.all_fields]
        assert len(set(cells)) == len(cells), f"{sheet.key}: two fields share a cell"


@pytest.mark.parametrize("spec", WORKBOOKS.values(), ids=list(WORKBOOKS))
def test_every_column_is_fully_described(spec):
    for sheet in spec.sheets:
        columns = [c for t in sheet.tables for c in t.columns] + list(sheet.all_fields)
        for c in columns:
            assert c.key.isidentifier() and c.key == c.key.lower()
            assert c.zh and c.en
            assert isinstance(c.type, ColType)
            assert c.number_format and c.col_width > 0
            if c.type in (ColType.ENUM, ColType.BOOL) and c.choices:
                for choice in c.choices:
                    assert choice.zh and choice.en and choice.key
                    # an inline dropdown list is comma-separated
                    assert "," not in choice.zh + choice.en, choice


@pytest.mark.parametrize("lang", LANGS)
def test_formulas_render_without_leftover_tokens(lang):
    for spec in WORKBOOKS.values():
        for sheet in spec.sheets:
            for f in sheet.all_fields:
                if f.formula:
                    text = render_formula(spec, sheet, f.formula, lang)
                    assert text.startswith("=") and "{" not in text


def test_schema_json_lists_workbooks_sheets_tables_and_fields():
    result = CliRunner().invoke(main, ["schema", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data == json.loads(json.dumps(schema_dict(), ensure_ascii=False))
    books = {w["key"]: w for w in data["workbooks"]}
    assert set(books) >= {"customers", "targets", "rep_weekly", "team_weekly"}
    report = next(s for s in books["rep_weekly"]["sheets"] if s["key"] == "report_mon")
    assert report["zh"] == "周一日报" and report["en"] == "Mon Report"
    visits = report["tables"][0]
    outcome = next(c for c in visits["columns"] if c["key"] == "outcome")
    assert outcome["column"] == "D" and any("effective" in c.get("flags", [])
                                            for c in outcome["choices"])
    attendance = next(f for f in report["fields"] if f["key"] == "attendance")
    assert attendance["cell"] == "D3" and attendance["type"] == "enum"


def test_docs_field_tables_are_generated_from_the_schema():
    from conftest import ROOT

    result = CliRunner().invoke(main, ["schema", "--markdown"])
    committed = (ROOT / "docs" / "fields.md").read_text(encoding="utf-8")
    assert committed == result.output, "docs/fields.md drifted: `salesbook schema --markdown`"
