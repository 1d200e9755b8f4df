"""Fill each template by its labels (as an integrator would, from `schema --json`), read it
back through the reader, and get the same data, in both languages."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import ROOT

from addin.cli import main
from addin.io.reader import ROW_KEY, read_workbook
from addin.io.values import label_key

SAMPLES = {
    "text": lambda key, i: f"{key}-值-{i}",
    "integer": lambda key, i: 7 + i,
    "number": lambda key, i: 3.5 + i,
    "money": lambda key, i: 1234.5 + 100 * i,
    "percent": lambda key, i: 0.25,
    "date": lambda key, i: dt.date(2026, 11, 23 + i),
    "time": lambda key, i: dt.time(9 + i, 30),
}


@pytest.fixture(scope="module")
def schema() -> dict:
    result = CliRunner().invoke(main, ["schema", "--json"])
    return json.loads(result.output)


def _sample(column: dict, lang: str, i: int):
    """(what to type in the cell, what the reader should give back)."""
    if column.get("choices"):
        choice = column["choices"][(i + 1) % len(column["choices"])]
        back = choice["key"] if column["type"] == "enum" else choice["key"] == "yes"
        return choice[lang], back
    if column["type"] == "enum":
        return f"{column['key']}-{i}", f"{column['key']}-{i}"
    value = SAMPLES[column["type"]](column["key"], i)
    return value, value


def _find(ws, label: str, rows: int = 60):
    for row in ws.iter_rows(min_row=1, max_row=rows):
        for cell in row:
            if isinstance(cell.value, str) and label_key(cell.value) == label_key(label):
                return cell
    raise AssertionError(f"label {label!r} not found on {ws.title}")


def _fill_by_labels(path, out, book: dict, lang: str) -> dict:
    """Type a value into every input field and two rows of every input table."""
    wb = openpyxl.load_workbook(path)
    expected: dict = {}
    for sheet in book["sheets"]:
        if sheet["role"] in ("output", "library"):
            continue
        ws = wb[sheet[lang]]
        exp = expected.setdefault(sheet["key"], {"fields": {}, "tables": {}})
        for f in sheet["fields"]:
            if f["computed"]:
                continue
            label = _find(ws, f[lang])
            typed, back = _sample(f, lang, 0)
            ws.cell(label.row, label.column + 1).value = typed
            exp["fields"][f["key"]] = back
        for t in sheet["tables"]:
            if t["output"]:
                continue
            header = {label_key(c[lang]): c for c in t["columns"]}
            first = next(row[0] for row in ws.iter_rows(max_row=80)
                         if set(header) <= {label_key(c.value) for c in row if c.value})
            rows = []
            for i in range(2):
                row = {}
                for cell in ws[first.row]:
                    column = header.get(label_key(cell.value)) if cell.value else None
                    if column is None or column["computed"]:
                        continue
                    typed, back = _sample(column, lang, i)
                    ws.cell(first.row + 1 + i, cell.column).value = typed
                    row[column["key"]] = back
                rows.append(row)
            exp["tables"][t["key"]] = rows
    wb.save(out)
    return expected


def _normalise(v):
    if isinstance(v, pd.Timestamp):
        return v.date()
    if v is pd.NA:
        return None
    return v


@pytest.mark.parametrize("key", ["rep_weekly", "customers", "targets", "team_weekly"])
def test_fill_by_labels_reads_back_identically(tmp_path, schema, lang, key):
    book = next(b for b in schema["workbooks"] if b["key"] == key)
    template = ROOT / "workbook_templates" / lang / book["files"][lang]
    filled = tmp_path / f"filled-{lang}.xlsx"
    expected = _fill_by_labels(template, filled, book, lang)
    data = read_workbook(filled)
    assert data.spec.key == key and data.lang == lang
    assert [str(p) for p in data.problems] == []
    for sheet_key, exp in expected.items():
        assert data.fields(sheet_key) | exp["fields"] == data.fields(sheet_key)
        for table_key, rows in exp["tables"].items():
            df = data.table(sheet_key, table_key)
            got = df.drop(columns=[ROW_KEY]).to_dict("records")
            got = [{k: _normalise(v) for k, v in r.items() if k in rows[0]} for r in got[:2]]
            assert got == rows, f"{sheet_key}.{table_key}"


def test_zh_and_en_workbooks_read_into_identical_frames(tmp_path, schema):
    book = next(b for b in schema["workbooks"] if b["key"] == "rep_weekly")
    frames = {}
    for lang in ("zh", "en"):
        out = tmp_path / f"{lang}.xlsx"
        _fill_by_labels(ROOT / "workbook_templates" / lang / book["files"][lang], out, book, lang)
        frames[lang] = read_workbook(out)
    zh, en = frames["zh"], frames["en"]
    for sheet_key in zh.sheets:
        assert zh.fields(sheet_key) == en.fields(sheet_key)
        for table_key, df in zh.sheets[sheet_key].tables.items():
            pd.testing.assert_frame_equal(df, en.table(sheet_key, table_key))
