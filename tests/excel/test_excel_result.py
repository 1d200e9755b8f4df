"""The result file a button's macro reads back: printable ASCII whatever the text, every
value back as written (the macro's side is proven in LibreOffice by
test_excel_libreoffice's decoding test)."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from addin.io.excel_result import (
    CLEAR_BELOW,
    CLEAR_SHEET,
    Block,
    escape,
    field_text,
    field_value,
    read_result,
    unescape,
    write_result,
)
from addin.io.writer import clean_text

PRINTABLE = {*range(0x20, 0x7F)} - {ord("\\")}


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_goes_as_printable_ascii_and_comes_back(text):
    sent = escape(text)
    assert all(ord(ch) in PRINTABLE or ch == "\\" for ch in sent)
    assert "\\" not in sent.replace("\\u", "")  # a backslash only ever starts \uXXXX
    assert unescape(sent) == clean_text(text)


def test_escapes_are_utf16_code_units_in_upper_case_hex():
    assert escape("a\\b\t造😀") == "a\\u005Cb\\u0009\\u9020\\uD83D\\uDE00"
    assert escape("plain, 1.5%") == "plain, 1.5%"


@given(st.one_of(st.none(), st.booleans(), st.integers(-10**15, 10**15),
                 st.floats(allow_nan=False, allow_infinity=False), st.text(min_size=1),
                 st.dates(dt.date(1900, 3, 1), dt.date(2099, 12, 31))))
def test_fields_come_back_as_written(value):
    back = field_value(field_text(value))
    if isinstance(value, dt.date):
        assert back == value and type(back) is dt.date
    elif isinstance(value, str):
        assert back == (clean_text(value) or None)
    else:
        assert back == value and type(back) is type(value)


def test_fields_are_tagged_and_never_hold_a_tab():
    assert [field_text(v) for v in (None, True, False, 7, 0.5, -1e-05, "=1+1", "")] == \
        ["", "b1", "b0", "n7", "n0.5", "n-1e-05", "s=1+1", ""]
    assert field_text(float("nan")) == field_text(float("inf")) == ""
    assert field_text(dt.date(2026, 11, 23)) == "d46349"  # Excel's serial day
    assert field_text(dt.datetime(2026, 11, 23, 18)) == "d46349.75"
    assert field_text(dt.timedelta(hours=6)) == "n0.25"  # calamine's time of day
    assert "\t" not in field_text("a\tb") and "\n" not in field_text("a\nb")


def test_the_file_reads_back_whole(tmp_path):
    blocks = [Block("周汇总", "A3", [["星期", "金额"], ["周一", 71210.5], [None, 3]],
                    ["", "#,##0.00"], header=1, clear=CLEAR_BELOW),
              Block("Sheet 2", "B7", [[True, dt.date(2026, 11, 23), "a\tb\r\nc"],
                                      [dt.datetime(2026, 11, 23, 18), None, None]],
                    clear=CLEAR_SHEET),
              Block("empty", "A1", [])]  # nothing to copy: left out
    path = write_result(tmp_path / "r.txt", ok=True, message="已更新：6/6 天",
                        open_path=tmp_path / "报告.xlsx", blocks=blocks)
    raw = path.read_bytes()
    assert raw.isascii() and raw.endswith(b"end\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n") == 1 + 3 + 2 + 3 + 2 + 2 + 1
    back = read_result(path)
    assert back["ok"] is True and back["message"] == "已更新：6/6 天"
    assert back["open"] == str(tmp_path / "报告.xlsx")
    assert len(back["blocks"]) == 2
    first, second = back["blocks"]
    assert (first.sheet, first.cell, first.header, first.clear) == ("周汇总", "A3", 1, CLEAR_BELOW)
    assert first.formats == ["", "#,##0.00"]
    assert first.rows == [["星期", "金额"], ["周一", 71210.5], [None, 3]]
    assert second.rows == [[True, dt.date(2026, 11, 23), "a\tb\r\nc"],
                           [dt.datetime(2026, 11, 23, 18), None, None]]
    assert (second.sheet, second.cell, second.clear) == ("Sheet 2", "B7", CLEAR_SHEET)


def test_a_failure_has_no_blocks_and_no_workbook_to_open(tmp_path):
    path = write_result(tmp_path / "r.txt", ok=False, message="周报文件夹不存在")
    back = read_result(path)
    assert back == {"ok": False, "message": "周报文件夹不存在", "open": None, "blocks": []}


def test_numbers_keep_every_digit():
    for v in (0.1, 1 / 3, 123456789.125, 2.0**-1074, 1.7976931348623157e308, -0.0):
        back = field_value(field_text(v))
        assert back == v and math.copysign(1, back) == math.copysign(1, v)
