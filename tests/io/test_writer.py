"""Outputs are atomic, respect a file open in Excel, and never turn typed text into formulas."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from conftest import sha256

from addin.errors import OutputLockedError
from addin.io.templates import write_workbook
from addin.io.writer import atomic_output, owner_file
from addin.schema import workbook

INJECTIONS = ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", "@SUM(1)",
              "-2+3", "\tleading tab", "\r=1+1"]


def test_failed_write_leaves_the_old_file_untouched(tmp_path):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old contents")
    with pytest.raises(RuntimeError), atomic_output(target) as tmp:
        tmp.write_bytes(b"half a new file")
        raise RuntimeError("crash in the middle")
    assert target.read_bytes() == b"old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]  # no temp file left behind


def test_successful_write_replaces_in_one_step(tmp_path):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    with atomic_output(target) as tmp:
        tmp.write_bytes(b"new")
    assert target.read_bytes() == b"new"


def test_output_open_in_excel_is_not_overwritten(tmp_path):
    target = tmp_path / "销售管理汇报书.xlsx"
    target.write_bytes(b"the manager's open file")
    owner_file(target).write_bytes(b"owner")
    with pytest.raises(OutputLockedError, match="open in Excel"), atomic_output(target):
        pass
    assert target.read_bytes() == b"the manager's open file"


def test_read_only_output_is_refused(tmp_path):
    """Even as root (who may write anything), a file marked read-only is left alone."""
    target = tmp_path / "ro.xlsx"
    target.write_bytes(b"x")
    target.chmod(0o444)
    try:
        with pytest.raises(OutputLockedError, match="read-only"), atomic_output(target):
            pass
        assert target.read_bytes() == b"x"
    finally:
        target.chmod(0o644)


def test_typed_text_is_written_as_text_never_a_formula(tmp_path):
    spec = workbook("rep_weekly")
    visits = [{"customer": text, "outcome": "ordered", "purpose": "order",
               "competitor_info": text} for text in INJECTIONS]
    path = write_workbook(spec, "en", tmp_path / "inj.xlsx", {
        "info": {"fields": {"rep": "=cmd", "region": "-1", "week_start": dt.date(2026, 11, 23)}},
        "report_mon": {"fields": {"lessons": "=1+1"}, "tables": {"visits": visits}}})
    wb = openpyxl.load_workbook(path)
    ws = wb["Mon Report"]
    table = spec.sheet("report_mon").table("visits")
    for i, text in enumerate(INJECTIONS):
        for key in ("customer", "competitor_info"):
            cell = ws[f"{table.col_letter(key)}{table.first_data_row + i}"]
            assert cell.data_type == "s", (key, text)
            assert cell.value.replace("_x000D_", "\r") == text  # openpyxl leaves CR escaped
            assert cell.quotePrefix
    assert wb["Info"]["B3"].data_type == "s" and wb["Info"]["B3"].value == "=cmd"


def test_control_characters_are_dropped_from_output(tmp_path):
    spec = workbook("rep_weekly")
    path = write_workbook(spec, "zh", tmp_path / "c.xlsx", {
        "info": {"fields": {"rep": "张\x00伟\x07", "week_start": dt.date(2026, 11, 23)}}})
    assert openpyxl.load_workbook(path)["基本信息"]["B3"].value == "张伟"


def test_written_file_has_no_temp_leftovers_and_is_stable(tmp_path):
    spec = workbook("team_weekly")
    a = write_workbook(spec, "zh", tmp_path / "a.xlsx")
    first = sha256(a)
    write_workbook(spec, "zh", tmp_path / "a.xlsx")
    assert sha256(a) == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx"]
