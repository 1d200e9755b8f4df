"""`salesbook targets` on real workbooks: both template languages, problems with sheet and
cell, locks, the CLI's JSON, the written workbook read back by three readers, and
LibreOffice recalculating every formula (also after a manager edits a month)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from pathlib import Path

import openpyxl
import pytest
import python_calamine as calamine
from click.testing import CliRunner

from addin.cli import main
from addin.errors import ConfigError
from addin.io import bulk
from addin.io.templates import write_workbook
from addin.schema import workbook
from addin.schema.targets import metric_label
from addin.services.targets import default_output, run_targets, write_demo

TODAY = dt.date(2026, 11, 27)
SPEC = workbook("targets")


def content(*, reps=None, products=None, overrides=None, history_extra=()) -> dict:
    """A small company: two regions, three reps and a distributor, two products."""
    reps = reps or [("张伟", "华东", "rep"), ("王芳", "华东", "rep"), ("陈静", "华北", "rep"),
                    ("沪联贸易", "华东", "distributor")]
    products = products or [("A100", "数控刀具"), ("B200", "切削液")]
    codes = [c for c, _ in products]
    history = []
    for i, (rep, _, _) in enumerate(reps):
        for j, code in enumerate(codes):
            base = 1000 * (i + 1) * (j + 2)
            history.append({"rep": rep, "product": code, "metric": "revenue",
                            **{f"m{m:02d}": base * (1 + (m % 3)) for m in range(1, 13)}})
            history.append({"rep": rep, "product": code, "metric": "gross_margin",
                            **{f"m{m:02d}": base * 0.3 for m in range(1, 13)}})
    history.extend(history_extra)
    return {
        "settings": {"fields": {"year": 2026}, "tables": {"methods": [
            {"metric": "revenue", "method": "blend", "rounding_unit": 100,
             "weight_history": 0.6, "weight_potential": 0.3, "weight_equal": 0.1},
            {"metric": "gross_margin", "method": "history", "rounding_unit": 100},
            {"metric": "new_customers", "method": "potential", "rounding_unit": 1},
            {"metric": "collections", "method": "equal", "rounding_unit": 100},
        ]}},
        "company": {"tables": {"targets": [
            {"metric": "revenue", "annual_target": 3_000_000},
            {"metric": "gross_margin", "annual_target": 800_000},
            {"metric": "new_customers", "annual_target": 47},
            {"metric": "collections", "annual_target": 2_900_000}]}},
        "reps": {"tables": {"reps": [{"rep": r, "region": g, "seller_kind": k,
                                      "supervisor": "周主任", "active": True}
                                     for r, g, k in reps]}},
        "products": {"tables": {"products": [{"product": c, "product_name": n}
                                             for c, n in products]}},
        "history": {"tables": {"history": history}},
        "potential": {"tables": {"potential": [{"region": "华东", "potential_index": 60},
                                               {"region": "华北", "potential_index": 40}]}},
        "seasonality": {"tables": {"seasonality": [
            {"metric": "new_customers", **{f"m{m:02d}": 1 for m in range(1, 13)}}]}},
        "overrides": {"tables": {"overrides": overrides if overrides is not None else [
            {"metric": "revenue", "rep": reps[0][0], "product": codes[0], "month": 3,
             "value": 50_000}]}},
        "actuals": {"tables": {"actuals": [
            {"date": dt.date(2026, 10, 20), "rep": reps[0][0], "product": codes[0],
             "metric": "revenue", "value": 120_000},
            {"date": dt.date(2026, 11, 24), "rep": reps[1][0], "metric": "revenue",
             "value": 35_000},
            {"date": dt.date(2026, 11, 10), "rep": reps[2][0], "metric": "collections",
             "value": 80_000}]}},
        "funnel": {"tables": {"funnel": [
            {"rep": reps[0][0], "weeks": 12, "calls_dialled": 100, "calls_completed": 50,
             "appointments": 13, "presentations": 13, "sales_closed": 5,
             "sales_amount": 20_000}]}},
    }


def golden_content() -> dict:
    """The golden workbook's input: text that must stay text, product codes SUMIF would
    misread, a product without a name, a half-unit metric whose target is not a whole
    number of units, a method without data, a row naming a stranger, a lock, actuals and
    one rep's funnel."""
    reps = [("张伟", "华东", "rep"), ("=1+1", "华东", "rep"), ("陈静", "华北", "rep"),
            ("沪联贸易", "华东", "distributor"), ("-王芳", "华南", "rep")]
    products = [("A*1", "数控刀具"), ("<5", None), ("1001", "油品")]
    stranger = {"rep": "钱进", "product": "A*1", "metric": "revenue",
                **{f"m{m:02d}": 100 for m in range(1, 13)}}
    c = content(reps=reps, products=products, history_extra=[stranger])
    methods = c["settings"]["tables"]["methods"]
    methods[1]["rounding_unit"] = 0.5
    methods[3]["method"] = "history"  # no collections history: falls back to equal
    c["company"]["tables"]["targets"][1]["annual_target"] = 800_000.3
    return c


GOLDEN = Path(__file__).parent / "golden"


def make(tmp_path: Path, lang: str = "zh", **kw) -> Path:
    return write_workbook(SPEC, lang, tmp_path / f"targets-{lang}.xlsx", content(**kw))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- the job ------------------------------------------------------------------------------
def test_zh_and_en_templates_give_the_same_breakdown(tmp_path):
    zh, en = make(tmp_path, "zh"), make(tmp_path, "en")
    before = digest(zh), digest(en)
    rz = run_targets(zh, today=TODAY)
    re_ = run_targets(en, today=TODAY)
    assert (digest(zh), digest(en)) == before  # inputs untouched
    assert rz.output == tmp_path / "targets-zh.breakdown.xlsx" == default_output(zh)
    assert re_.output.exists() and rz.output.exists()
    assert rz.totals == re_.totals == {"revenue": 3_000_000, "gross_margin": 800_000,
                                       "new_customers": 47, "collections": 2_900_000}
    assert rz.records.equals(re_.records)
    assert rz.problems == [] and re_.problems == []
    # outputs speak the input's language
    assert SPEC.sheet("by_rep").label("zh") in calamine.CalamineWorkbook.from_path(
        str(rz.output)).sheet_names
    assert SPEC.sheet("by_rep").label("en") in calamine.CalamineWorkbook.from_path(
        str(re_.output)).sheet_names
    # the lock held and every record is a whole number of its unit
    r = rz.records
    lock = r[(r["metric"] == "revenue") & (r["rep"] == "张伟") & (r["product"] == "A100")
             & (r["month"] == 3)]
    assert lock["value"].tolist() == [50_000]
    assert (r.loc[r["metric"] != "new_customers", "value"] % 100 == 0).all()


def test_output_is_a_complete_targets_workbook(tmp_path):
    src = make(tmp_path, "en")
    first = run_targets(src, today=TODAY)
    again = run_targets(first.output, tmp_path / "again.xlsx", today=TODAY)
    assert again.problems == []
    assert again.records.equals(first.records)


def test_written_breakdown_reads_back_as_the_long_table(tmp_path):
    # what the weekly rollup needs from a breakdown: rep, month, value per metric
    from addin.core.targets import long_breakdown
    from addin.io.reader import read_workbook

    result = run_targets(make(tmp_path, "zh"), today=TODAY)
    data = read_workbook(result.output, "targets", sheets={"breakdown"}, include_outputs=True)
    assert data.problems == []
    back = long_breakdown(data.table("breakdown", "breakdown"))
    cols = ["metric", "rep", "region", "product", "month", "value"]
    key = ["metric", "rep", "product", "month"]
    expect = result.records.sort_values(key).reset_index(drop=True)[cols]
    got = back.sort_values(key).reset_index(drop=True)[cols]
    assert got.astype(str).equals(expect.astype(str))


def test_problems_name_sheet_and_cell(tmp_path):
    extra = [{"rep": "钱进", "product": "A100", "metric": "revenue",
              **{f"m{m:02d}": 100 for m in range(1, 13)}}]
    src = make(tmp_path, "en", history_extra=extra,
               overrides=[{"metric": "revenue", "rep": "张伟", "product": "Z999", "month": 2,
                           "value": 1000}])
    result = run_targets(src, today=TODAY)
    found = {(p.severity, p.sheet, p.cell) for p in result.problems}
    history_row = 4 + 16  # header on row 3, 16 generated rows, then the stranger
    assert ("warning", "History", f"A{history_row}") in found
    assert ("error", "Overrides", "C4") in found  # the unknown product of the lock
    assert not result.ok
    assert result.output.exists()  # the breakdown is still written, without that lock
    audit = calamine.CalamineWorkbook.from_path(str(result.output)).get_sheet_by_name("Audit")
    text = " ".join(str(v) for row in audit.to_python() for v in row)
    assert "Z999" in text and "钱进" in text


def test_impossible_locks_via_the_sheet(tmp_path):
    src = make(tmp_path, "en", overrides=[
        {"metric": "revenue", "rep": "张伟", "product": "A100", "month": 1, "value": 2_000_000},
        {"metric": "revenue", "rep": "陈静", "product": "B200", "month": 5,
         "value": 1_500_000}])
    with pytest.raises(ConfigError) as err:
        run_targets(src, today=TODAY)
    assert "Overrides!E4" in str(err.value) and "Overrides!E5" in str(err.value)
    assert not default_output(src).exists()
    # the CLI says it in one line, exit 1
    res = CliRunner().invoke(main, ["targets", str(src)])
    assert res.exit_code == 1 and "Overrides!E4" in res.output


def test_cli_json_and_default_output(tmp_path):
    src = make(tmp_path, "zh")
    res = CliRunner().invoke(main, ["targets", str(src), "--json", "--today", "2026-11-27"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert set(data) == {"records", "totals"}
    assert data["totals"] == {"revenue": 3_000_000, "gross_margin": 800_000,
                              "new_customers": 47, "collections": 2_900_000}
    assert set(data["records"][0]) == {"metric", "rep", "region", "product", "month", "value"}
    assert len(data["records"]) == 4 * 4 * 2 * 12
    for metric, total in data["totals"].items():
        assert sum(r["value"] for r in data["records"] if r["metric"] == metric) == total
    assert default_output(src).exists()
    out = tmp_path / "elsewhere.xlsx"
    res = CliRunner().invoke(main, ["targets", str(src), "--out", str(out)])
    assert res.exit_code == 0 and out.exists() and "revenue" in res.output


def test_bulk_rows_and_cell_api_write_the_same_sheet(tmp_path, monkeypatch):
    src = make(tmp_path, "en")
    fast = run_targets(src, tmp_path / "fast.xlsx", today=TODAY).output
    monkeypatch.setattr(bulk, "BULK", False)
    plain = run_targets(src, tmp_path / "plain.xlsx", today=TODAY).output
    for name in ("Breakdown", "By Rep", "By Product", "Target Cards", "Progress"):
        a = calamine.CalamineWorkbook.from_path(str(fast)).get_sheet_by_name(name).to_python()
        b = calamine.CalamineWorkbook.from_path(str(plain)).get_sheet_by_name(name).to_python()
        assert a == b, name
    wa, wb = openpyxl.load_workbook(fast), openpyxl.load_workbook(plain)
    for row_a, row_b in zip(wa["Breakdown"].iter_rows(), wb["Breakdown"].iter_rows(),
                            strict=True):
        assert [c.value for c in row_a] == [c.value for c in row_b]  # formulas too
        assert [c.number_format for c in row_a] == [c.number_format for c in row_b]


def test_text_stays_text(tmp_path):
    reps = [("=1+1", "华东", "rep"), ("-张伟", "华北", "rep"), ("<b>&", "华北", "rep")]
    src = make(tmp_path, "en", reps=reps, overrides=[])
    out = run_targets(src, today=TODAY).output
    ws = openpyxl.load_workbook(out)["Breakdown"]
    cells = [ws.cell(row=r, column=3) for r in range(4, 10)]
    assert {c.value for c in cells} == {"=1+1", "-张伟", "<b>&"}
    assert all(c.data_type == "s" for c in cells)
    assert all(c.quotePrefix for c in cells if c.value[0] in "=-")


def test_write_demo(tmp_path):
    written = write_demo(tmp_path / "demo")
    assert set(written) == {"targets", "breakdown"}
    assert all(p.exists() for p in written.values())
    result = run_targets(written["targets"], tmp_path / "check.xlsx",
                         today=dt.date(2026, 11, 27))
    from addin.sample.company import DEFAULT_SEED, company

    assert result.totals == company("zh", DEFAULT_SEED).company_targets  # split exactly
    assert result.problems == []
    assert result.activity.team_reps  # the new rep and the distributor use team rates
    names = calamine.CalamineWorkbook.from_path(str(written["breakdown"])).sheet_names
    assert [SPEC.sheet(k).label("zh") for k in ("breakdown", "by_rep", "cards", "audit")] \
        == [n for n in names if n in {SPEC.sheet(k).label("zh")
                                      for k in ("breakdown", "by_rep", "cards", "audit")}]


# -- LibreOffice --------------------------------------------------------------------------
def _numbers(path: Path, sheets: list[str]) -> dict[tuple[str, str], float]:
    wb = openpyxl.load_workbook(path, data_only=True)
    return {(s, c.coordinate): c.value for s in sheets for row in wb[s].iter_rows()
            for c in row if isinstance(c.value, (int, float)) and not isinstance(c.value, bool)}


def _formulas(path: Path, sheets: list[str]) -> set[tuple[str, str]]:
    wb = openpyxl.load_workbook(path)
    return {(s, c.coordinate) for s in sheets for row in wb[s].iter_rows() for c in row
            if isinstance(c.value, str) and c.value.startswith("=")}


@pytest.mark.libreoffice
def test_libreoffice_recalculates_every_formula_to_the_engines_figures(tmp_path):
    from libreoffice import convert, error_cells

    # product codes that SUMIF would read as a wildcard, an operator or a number
    products = [("A*1", "刀具"), ("<5", "量具"), ("1001", "油品")]
    src = make(tmp_path, "en", products=products)
    result = run_targets(src, today=TODAY)
    out = result.output
    # a manager raises one month in the breakdown by 1,000 (張伟, first product, January)
    edited = tmp_path / "edited.xlsx"
    wb = openpyxl.load_workbook(out)
    ws = wb["Breakdown"]
    assert (ws["C4"].value, ws["D4"].value) == ("张伟", "A*1")
    january = ws["F4"].value
    ws["F4"] = january + 1000
    wb.save(edited)

    recalculated, recalculated_edit = convert([out, edited], tmp_path / "lo")
    assert error_cells(recalculated) == []
    assert error_cells(recalculated_edit) == []

    sheets = ["Breakdown", "By Rep", "By Region", "By Product", "Target Cards", "Progress"]
    cached = _numbers(out, sheets)  # what the engine wrote
    fresh = _numbers(recalculated, sheets)  # what LibreOffice computed
    formulas = _formulas(out, sheets)
    assert len(formulas) > 500
    for key in formulas:
        assert fresh.get(key) == pytest.approx(cached.get(key), abs=1e-6), key

    # the total rows of every pivot block are the engine's company totals
    b = result.breakdown
    for name in ("By Rep", "By Region", "By Product"):
        ws = openpyxl.load_workbook(recalculated, data_only=True)[name]
        totals = [row[-1].value for row in ws.iter_rows(min_row=4)
                  if row[0].value == "Total"]
        assert totals == [result.totals[k] for k in b.metrics], name
    ws = openpyxl.load_workbook(recalculated, data_only=True)["By Rep"]
    assert ws["A3"].value.startswith(metric_label(next(iter(b.metrics)), "en"))

    # after the edit every subtotal follows: the rep's January, the region's Q1, the
    # product's January, the rep's card and the company total all move by exactly 1,000
    before = _numbers(recalculated, sheets)
    after = _numbers(recalculated_edit, sheets)
    moved = {k: after[k] - before[k] for k in before if after.get(k) != before[k]}
    assert moved and all(v == pytest.approx(1000) for v in moved.values()), moved
    by_sheet = {}
    for sheet, _ in moved:
        by_sheet[sheet] = by_sheet.get(sheet, 0) + 1
    # Breakdown: the cell and its year; By Rep: Jan, year, Jan total, year total;
    # By Region: Q1, year and their totals; By Product: the same four; the card: Jan,
    # Q1, year and the product's year
    assert by_sheet == {"Breakdown": 2, "By Rep": 4, "By Region": 4, "By Product": 4,
                        "Target Cards": 4}


# -- golden breakdown workbooks -------------------------------------------------------------
def _cells(path: Path) -> dict[tuple[str, str], tuple]:
    """Every written cell: (sheet, cell) -> (value or formula, type, number format, bold,
    cached value)."""
    wb, cached = openpyxl.load_workbook(path), openpyxl.load_workbook(path, data_only=True)
    out = {}
    for ws in wb.worksheets:
        values = cached[ws.title]
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and c.number_format == "General" and not c.font.b:
                    continue
                out[(ws.title, c.coordinate)] = (c.value, c.data_type, c.number_format,
                                                 bool(c.font.b), values[c.coordinate].value)
    return out


@pytest.mark.parametrize("lang, way", [("en", "as usual"), ("zh", "as usual"),
                                       ("en", "every long table streamed"),
                                       ("en", "cell API only")])
def test_breakdown_workbook_matches_the_golden_cell_by_cell(tmp_path, monkeypatch, lang, way):
    """The whole written workbook against one written by an earlier, known-good version:
    value (or formula), type, number format, bold and cached result of every cell, the
    same whether tables go through the bulk path or the cell API.
    SALESBOOK_WRITE_GOLDEN=1 rewrites the golden files (after a deliberate change)."""
    from addin.io.targets_out import cells

    if way == "every long table streamed":
        monkeypatch.setattr(cells, "STREAM_FROM", 1)
    elif way == "cell API only":
        monkeypatch.setattr(bulk, "BULK", False)
    src = write_workbook(SPEC, lang, tmp_path / f"golden-{lang}.xlsx", golden_content())
    out = run_targets(src, today=TODAY).output
    golden = GOLDEN / f"targets_breakdown_{lang}.xlsx"
    if os.environ.get("SALESBOOK_WRITE_GOLDEN") == "1" and way == "as usual":
        golden.parent.mkdir(exist_ok=True)
        shutil.copyfile(out, golden)
    want, got = _cells(golden), _cells(out)
    assert openpyxl.load_workbook(out).sheetnames == openpyxl.load_workbook(golden).sheetnames
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    assert not missing and not extra, (missing[:5], extra[:5])
    wrong = [(k, want[k], got[k]) for k in want if want[k] != got[k]]
    assert not wrong, wrong[:5]
    assert len(want) > 3000


# -- reading and checking the inputs (addin.io.targets_input) -------------------------------
def _where(sheet: str, table: str, column: str, row: int) -> tuple[str, str]:
    """(sheet name, cell) of the `row`-th data row (0-based) of a table, in English."""
    t = SPEC.sheet(sheet).table(table)
    return SPEC.sheet(sheet).label("en"), f"{t.col_letter(column)}{t.first_data_row + row}"


def test_reading_leaves_out_what_cannot_be_used_and_says_where(tmp_path):
    from addin.io.targets_input import read_targets

    c = content()
    c["settings"]["fields"]["year"] = None
    reps = c["reps"]["tables"]["reps"]
    reps += [{"rep": "离职", "region": "华东", "active": False},  # row 4: inactive, dropped
             {"rep": "无区域"},  # row 5: no region
             {"rep": "张伟", "region": "华北"}]  # row 6: repeats row 0
    c["products"]["tables"]["products"].append({"product": "a100"})  # A100 in other case
    c["settings"]["tables"]["methods"] = c["settings"]["tables"]["methods"][:3]
    c["potential"]["tables"]["potential"] += [
        {"rep": "张伟", "product": "A100", "potential_index": 5},  # row 2: kept
        {"region": "西北", "potential_index": 5},  # row 3: no such region
        {"rep": "王芳", "potential_index": -1},  # row 4: negative
        {"region": "华东", "potential_index": 7},  # row 5: repeats row 0
        {"product": "A100", "potential_index": 1}]  # row 6: neither rep nor region
    c["overrides"]["tables"]["overrides"] += [
        {"metric": "revenue", "rep": "王芳", "product": "A100", "month": 13, "value": 1},
        {"metric": "collections", "rep": "王芳", "product": "Z9", "month": 1, "value": 1}]
    c["company"]["tables"]["targets"][1]["annual_target"] = None  # gross margin: none
    c["overrides"]["tables"]["overrides"].append(
        {"metric": "gross_margin", "rep": "王芳", "product": "A100", "month": 2, "value": 1})
    c["actuals"]["tables"]["actuals"].append(
        {"date": dt.date(2025, 12, 31), "rep": "王芳", "metric": "revenue", "value": 1})
    c["funnel"]["tables"]["funnel"].append({"rep": "王芳", "calls_dialled": -5})
    src = write_workbook(SPEC, "en", tmp_path / "messy.xlsx", c)
    read = read_targets(src, today=dt.date(2026, 3, 1))
    found = {(p.severity, p.sheet, p.cell, p.code) for p in read.problems}
    want = {
        ("warning", "Settings", "B3", "targets.blank_year"),
        ("warning", "Settings", "", "targets.no_method"),  # collections has no row
        ("error", *_where("reps", "reps", "region", 5), "targets.rep_without_region"),
        ("error", *_where("reps", "reps", "rep", 6), "targets.duplicate_row"),
        ("error", *_where("products", "products", "product", 2), "targets.duplicate_row"),
        ("warning", *_where("potential", "potential", "region", 3),
         "targets.unknown_region"),
        ("warning", *_where("potential", "potential", "potential_index", 4),
         "targets.negative_value"),
        ("warning", *_where("potential", "potential", "potential_index", 5),
         "targets.duplicate_row"),
        ("warning", *_where("potential", "potential", "rep", 6), "targets.blank_key"),
        ("error", *_where("overrides", "overrides", "month", 1),
         "targets.lock_bad_month"),
        ("error", *_where("overrides", "overrides", "product", 2),
         "targets.unknown_product"),
        ("warning", *_where("overrides", "overrides", "metric", 3),
         "targets.lock_without_target"),
        ("warning", *_where("actuals", "actuals", "date", 3), "targets.outside_year"),
        ("warning", *_where("funnel", "funnel", "calls_dialled", 1), "targets.negative_value"),
    }
    assert want <= found, want - found
    assert len(read.problems) == len(want)
    i = read.inputs
    assert i.year == 2026 and i.lang == "en"
    assert i.reps["rep"].tolist() == ["张伟", "王芳", "陈静", "沪联贸易"]
    assert i.products["product"].tolist() == ["A100", "B200"]
    assert set(i.plans) == {"revenue", "new_customers", "collections"}
    assert i.plans["collections"].method == "equal" and i.plans["collections"].unit == 1
    assert i.potential.to_dict("records")[2] == {"rep": "张伟", "region": None,
                                                 "product": "A100", "potential_index": 5}
    assert len(i.potential) == 3
    assert i.overrides["cell"].tolist() == ["Overrides!E4"]  # the one usable lock
    assert len(i.actuals) == 3 and len(i.funnel) == 1
    # the input sheets come back as read, for the output workbook
    assert len(read.sheets["reps"]["tables"]["reps"]) == 7


@pytest.mark.parametrize("emptied, code", [("reps", "targets.no_reps"),
                                           ("products", "targets.no_products"),
                                           ("company", "targets.no_target")])
def test_a_workbook_without_reps_products_or_targets_cannot_be_used(tmp_path, emptied, code):
    from addin.errors import InputError
    from addin.io.targets_input import read_targets

    c = content()
    c[emptied] = {"tables": {}} if emptied != "company" else {"tables": {"targets": []}}
    src = write_workbook(SPEC, "en", tmp_path / "t.xlsx", c)
    with pytest.raises(InputError) as err:
        read_targets(src)
    assert err.value.code == code
    assert SPEC.sheet(emptied).label("en") in str(err.value)  # where to fill it in


def test_what_is_not_a_targets_workbook_cannot_be_read(tmp_path):
    from addin.errors import InputError, OutputError
    from addin.io.targets_input import read_targets

    with pytest.raises(InputError, match="no such file"):
        read_targets(tmp_path / "nothing.xlsx")
    other = write_workbook(workbook("customers"), "en", tmp_path / "customers.xlsx")
    with pytest.raises(InputError, match="not a targets workbook"):
        read_targets(other)
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="cannot be read"):
        read_targets(junk)
    src = make(tmp_path, "en")
    with pytest.raises(OutputError, match="must be a new file"):
        run_targets(src, src)
