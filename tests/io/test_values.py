"""What reps type, read as what they mean."""

from __future__ import annotations

import datetime as dt

import pytest

from addin.io.values import (
    CellValueError,
    parse_choice,
    parse_date,
    parse_flag,
    parse_integer,
    parse_number,
    parse_text,
    parse_time,
)
from addin.schema import workbook

OUTCOME = workbook("rep_weekly").sheet("report_mon").table("visits").column("outcome")
NEW = workbook("rep_weekly").sheet("report_mon").table("visits").column("new_customer")


@pytest.mark.parametrize("typed,value", [
    ("¥1,000", 1000.0), ("￥１，０００", 1000.0), ("1,234.50", 1234.5), ("(200)", -200.0),
    ("1.5万", 15000.0), ("RMB 300", 300.0), ("300元", 300.0), (" 42 ", 42.0), (7, 7.0),
    ("", None), ("　", None),
])
def test_numbers(typed, value):
    assert parse_number(typed) == value


def test_percent_text():
    assert parse_number("50％", percent=True) == 0.5
    assert parse_number("12.5%", percent=True) == 0.125


@pytest.mark.parametrize("bad", ["abc", "1,2,3", "12-3", True, "nan", "inf"])
def test_not_numbers(bad):
    with pytest.raises(CellValueError):
        parse_number(bad)


def test_integers_must_be_whole():
    assert parse_integer("12") == 12
    with pytest.raises(CellValueError, match="whole number"):
        parse_integer(2.5)


@pytest.mark.parametrize("typed", ["2026/11/23", "2026年11月23日", "2026年11月23号", "23/11/2026",
                                   "11/23/2026", "2026.11.23", "20261123", "46349", 46349,
                                   dt.datetime(2026, 11, 23, 15, 0), "2026-11-23 00:00:00"])
def test_dates(typed):
    assert parse_date(typed) == dt.date(2026, 11, 23)


def test_1904_epoch_serials():
    assert parse_date(44887, epoch_1904=True) == dt.date(2026, 11, 23)


@pytest.mark.parametrize("bad", ["2026-02-30", "2026-13-01", "next week", "1800-01-01", 5])
def test_bad_dates(bad):
    with pytest.raises(CellValueError):
        parse_date(bad)


@pytest.mark.parametrize("typed,value", [("9:30", dt.time(9, 30)), ("09：30", dt.time(9, 30)),
                                         ("下午3点", dt.time(15, 0)), ("3pm", dt.time(15, 0)),
                                         (0.375, dt.time(9, 0))])
def test_times(typed, value):
    assert parse_time(typed) == value


def test_choices_in_either_language_or_key():
    for typed in ("成交订货", "Order placed", "order placed", " ORDER  PLACED ", "ordered"):
        assert parse_choice(typed, OUTCOME) == "ordered"
    with pytest.raises(CellValueError, match="Order placed") as caught:
        parse_choice("谈得不错", OUTCOME)
    zh = caught.value.message.render("zh")
    assert "成交订货" in zh and "下拉选项" in zh


@pytest.mark.parametrize("typed,value", [("是", True), ("否", False), ("Yes", True), ("N", False),
                                         ("√", True), (1, True), (False, False)])
def test_flags(typed, value):
    assert parse_flag(typed, NEW) is value


def test_text_keeps_ids_readable():
    assert parse_text(1234.0) == "1234"
    assert parse_text("0071") == "0071"
