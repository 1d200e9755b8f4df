"""LibreOffice, a real spreadsheet engine, recalculates every template and a filled workbook:
no error cells, and the formulas agree with figures computed here in Python."""

from __future__ import annotations

import datetime as dt

import libreoffice as lo
import pytest

from addin.io.templates import write_all_templates, write_workbook
from addin.schema import WORKBOOKS, workbook
from addin.schema.vocab import DAYS

pytestmark = pytest.mark.libreoffice


def test_every_template_recalculates_without_error_cells(tmp_path):
    lo.require_libreoffice()
    paths = write_all_templates(tmp_path / "t")
    out = lo.convert(paths, tmp_path / "recalc")
    assert len(out) == 2 * len(WORKBOOKS)
    for path in out:
        assert lo.error_cells(path) == [], path.name


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_filled_workbook_formulas_equal_python_figures(tmp_path, lang):
    lo.require_libreoffice()
    spec = workbook("rep_weekly")
    week_start = dt.date(2026, 11, 23)
    orders = {"mon": [1200.0, 800.0, None], "tue": [2500.0], "wed": []}
    targets = {"mon": 5000.0, "tue": 0, "wed": 4000.0}
    content = {"info": {"fields": {"rep": "张伟", "region": "华东", "week_start": week_start}}}
    for day, amounts in orders.items():
        content[f"report_{day}"] = {
            "fields": {"attendance": "present", "day_target": targets[day]},
            "tables": {"visits": [{"customer": f"客户{i}", "purpose": "order",
                                   "outcome": "ordered" if a else "refused",
                                   "order_amount": a, "collected_amount": 100.0}
                                  for i, a in enumerate(amounts)]}}
        content[f"plan_{day}"] = {"tables": {"contacts": [
            {"customer": "甲", "kind": "visit", "purpose": "order"},
            {"customer": "乙", "kind": "call", "purpose": "service"},
            {"customer": "丙", "kind": "visit", "purpose": "collection"}][: len(amounts) + 1]}}
    path = write_workbook(spec, lang, tmp_path / f"filled-{lang}.xlsx", content)
    recalculated = lo.convert([path], tmp_path / "recalc")[0]
    assert lo.error_cells(recalculated) == []
    values = lo.values(recalculated)
    for i, d in enumerate(DAYS):
        report = spec.sheet(f"report_{d.key}")
        cells = values[report.label(lang)]
        date = cells.get(report.field("date").cell)
        assert date.date() == week_start + dt.timedelta(days=i)
        amounts = [a for a in orders.get(d.key, []) if a]
        table = report.table("visits")
        total_cell = f"{table.col_letter('order_amount')}{table.total_row_number}"
        assert cells[total_cell] == pytest.approx(sum(amounts))
        achievement = cells.get(report.field("achievement_rate").cell)
        target = targets.get(d.key, 0)
        if target:
            assert achievement == pytest.approx(sum(amounts) / target)
        else:  # a zero or blank target gives an empty cell, never 0 or an error
            assert achievement in (None, "")
        plan = spec.sheet(f"plan_{d.key}")
        planned = content.get(f"plan_{d.key}", {}).get("tables", {}).get("contacts", [])
        visits_planned = values[plan.label(lang)].get(plan.field("visits_planned").cell)
        assert visits_planned == sum(1 for c in planned if c["kind"] == "visit")
    info = values[spec.sheet("info").label(lang)]
    assert info[spec.sheet("info").field("week").cell] == "2026-W48"
