"""Checks before anything is added up (addin/core/checks.py): figures too large, text too
long, figures infinite; each a Problem with its code and cell, the value blanked."""

import datetime as dt
import math

import pandas as pd

from addin.core.checks import CELL_LIMIT, MAX_FIGURE, finite, implausible, long_text
from addin.problems import Severity

MON = dt.date(2026, 11, 16)


def days(**figures):
    n = max((len(v) for v in figures.values()), default=1)
    return pd.DataFrame({"rep": ["Li"] * n, "date": [MON] * n, "file": ["li.xlsx"] * n,
                         "sheet": [f"Day{i + 1}" for i in range(n)], **figures})


def visits(**columns):
    n = max(len(v) for v in columns.values())
    return pd.DataFrame({"rep": ["Li"] * n, "date": [MON] * n, "file": ["li.xlsx"] * n,
                         "sheet": ["Mon"] * n, "row": [8 + i for i in range(n)], **columns})


NO_VISITS = pd.DataFrame(columns=["rep", "order_amount", "collected_amount"])
NO_DAYS = pd.DataFrame(columns=["rep", "expenses"])


# -- implausible ----------------------------------------------------------------------------
def test_an_implausible_day_figure_is_named_by_its_cell_and_blanked():
    frame = days(expenses=[120.0, 2e12])
    found = implausible(frame, NO_VISITS)
    assert [(p.code, p.severity, p.file, p.sheet, p.cell) for p in found] == [
        ("rollup.implausible", Severity.ERROR, "li.xlsx", "Day2", "H3")]  # expenses: H3
    assert frame["expenses"].iloc[0] == 120.0 and pd.isna(frame["expenses"].iloc[1])


def test_an_implausible_order_is_named_by_its_visit_row():
    frame = visits(order_amount=[500.0, 5e12, 10.0], collected_amount=[0.0, 0.0, -3e12])
    found = implausible(NO_DAYS, frame)
    assert sorted((p.code, p.sheet, p.cell) for p in found) == [
        ("rollup.implausible", "Mon", "E9"), ("rollup.implausible", "Mon", "F10")]
    assert frame["order_amount"].tolist()[0] == 500.0 and pd.isna(frame["order_amount"][1])
    assert pd.isna(frame["collected_amount"][2])  # a negative one too


def test_the_limit_itself_is_plausible():
    frame = days(sales_amount=[MAX_FIGURE], calls_dialled=[-MAX_FIGURE])
    assert implausible(frame, NO_VISITS) == []
    assert frame["sales_amount"].iloc[0] == MAX_FIGURE


def test_figures_typed_as_text_are_checked_too():
    frame = days(day_target=["3e15", "800"])
    found = implausible(frame, NO_VISITS)
    assert [p.cell for p in found] == ["F5"]  # day_target: F5
    assert frame["day_target"].tolist()[1] == "800"


def test_an_infinite_input_is_implausible():
    frame = visits(order_amount=[float("inf")], collected_amount=[1.0])
    assert [p.cell for p in implausible(NO_DAYS, frame)] == ["E8"]


def test_nothing_to_check_finds_nothing():
    assert implausible(NO_DAYS, NO_VISITS) == []


# -- long_text ------------------------------------------------------------------------------
def test_text_longer_than_a_cell_is_named_by_its_cell():
    frame = visits(customer_feedback=["ok", "x" * (CELL_LIMIT + 1)])
    found = long_text(frame, pd.DataFrame())
    assert [(p.code, p.severity, p.sheet, p.cell) for p in found] == [
        ("rollup.long_text", Severity.WARNING, "Mon", "K9")]  # customer_feedback: K


def test_text_of_exactly_a_cells_limit_is_kept_silently():
    frame = visits(customer_news=["y" * CELL_LIMIT])
    assert long_text(frame, pd.DataFrame()) == []


def test_long_text_in_a_market_report_is_named_by_its_cell():
    market = visits(details=[None, "z" * 40000])
    market["sheet"] = "Market"
    found = long_text(pd.DataFrame(), market)
    assert [(p.sheet, p.cell) for p in found] == [("Market", "E9")]  # details: E


def test_a_text_column_holding_numbers_is_measured_by_its_strings():
    frame = visits(competitor_info=[12345, "w" * (CELL_LIMIT + 5), None])
    assert [p.cell for p in long_text(frame, pd.DataFrame())] == ["J9"]


def test_long_figures_are_not_text():
    frame = visits(order_amount=[10.0 ** 40])
    assert long_text(frame, pd.DataFrame()) == []


# -- finite ---------------------------------------------------------------------------------
def test_an_infinite_figure_becomes_empty_with_a_note_naming_the_rep():
    frame = pd.DataFrame({"rep": ["Li", "Wang"], "sales_per_hour": [math.inf, 80.0],
                          "sales_per_call": [-math.inf, 2.0]})
    found = finite(frame)
    assert sorted(p.code for p in found) == ["rollup.overflow", "rollup.overflow"]
    assert all(p.message.json_params()["rep"] == "Li" for p in found)
    assert pd.isna(frame["sales_per_hour"][0]) and frame["sales_per_hour"][1] == 80.0
    assert pd.isna(frame["sales_per_call"][0]) and frame["sales_per_call"][1] == 2.0


def test_finite_figures_are_left_alone():
    frame = pd.DataFrame({"rep": ["Li"], "order_amount": [1e11], "orders": [3]})
    assert finite(frame) == []
    assert frame["order_amount"][0] == 1e11


def test_columns_that_are_not_figures_are_not_checked():
    frame = pd.DataFrame({"rep": ["Li"], "weight": [math.inf]})
    assert finite(frame) == []
    assert frame["weight"][0] == math.inf


def test_an_empty_frame_has_nothing_infinite():
    assert finite(pd.DataFrame(columns=["rep", "order_amount"])) == []
