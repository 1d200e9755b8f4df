"""Achievement against targets and time (addin/core/achievement.py), figures counted by hand
or with a plain calendar loop."""

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from addin.core.achievement import (
    Coverage,
    actual_to_date,
    behind_pace,
    coverage,
    month_weights,
    orders_to_date,
    period_progress,
    period_target,
    ratio,
    span_weights,
    weeks_between,
)

D = dt.date


def working_days(year, month):
    """Monday-to-Saturday days of a month, counted one by one."""
    d, n = D(year, month, 1), 0
    while d.month == month:
        n += d.weekday() < 6
        d += dt.timedelta(days=1)
    return n


# -- ratio ----------------------------------------------------------------------------------
def test_ratio_divides_where_the_denominator_is_positive():
    got = ratio(pd.Series([10, 3]), pd.Series([4, 2]))
    assert got.tolist() == [2.5, 1.5]


def test_ratio_over_a_zero_target_is_empty_never_zero_or_inf():
    got = ratio(pd.Series([500.0, 0.0]), pd.Series([0.0, 0.0]))
    assert got.isna().all()


def test_ratio_over_a_missing_or_negative_target_is_empty():
    got = ratio(pd.Series([5.0, 5.0, 5.0]), pd.Series([None, -2.0, "x"]))
    assert got.isna().all()


def test_ratio_reads_numbers_typed_as_text():
    assert ratio(pd.Series(["6"]), pd.Series(["3"])).tolist() == [2.0]


# -- weights --------------------------------------------------------------------------------
def test_month_weights_of_a_month_take_that_month_whole():
    w = month_weights("month", D(2026, 11, 17), 2026)
    assert w[10] == pytest.approx(1.0)
    assert np.delete(w, 10).sum() == 0


def test_month_weights_of_a_quarter_take_its_three_months():
    w = month_weights("quarter", D(2026, 5, 2), 2026)
    assert w.tolist() == pytest.approx([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0])


def test_month_weights_of_a_year_take_every_month():
    assert month_weights("year", D(2026, 8, 8), 2026).tolist() == pytest.approx([1.0] * 12)


def test_a_week_inside_a_month_takes_six_of_its_working_days():
    w = month_weights("week", D(2026, 11, 18), 2026)  # Mon 16 to Sat 21 November
    assert w[10] == pytest.approx(6 / working_days(2026, 11))
    assert np.delete(w, 10).sum() == 0


def test_a_week_spanning_two_months_takes_its_share_of_each():
    w = span_weights(D(2026, 11, 30), D(2026, 12, 5), 2026)  # Mon 30 Nov to Sat 5 Dec
    assert w[10] == pytest.approx(1 / working_days(2026, 11))
    assert w[11] == pytest.approx(5 / working_days(2026, 12))
    assert np.delete(w, [10, 11]).sum() == 0


def test_sunday_carries_no_weight():
    sat = span_weights(D(2026, 11, 16), D(2026, 11, 21), 2026)
    sun = span_weights(D(2026, 11, 16), D(2026, 11, 22), 2026)
    assert sun.tolist() == sat.tolist()
    assert span_weights(D(2026, 11, 22), D(2026, 11, 22), 2026).sum() == 0


def test_a_week_across_new_year_weighs_only_the_days_of_the_year_asked():
    first, last = D(2026, 12, 28), D(2027, 1, 2)  # Mon 28 Dec to Sat 2 Jan
    w26 = span_weights(first, last, 2026)
    w27 = span_weights(first, last, 2027)
    assert w26[11] == pytest.approx(4 / working_days(2026, 12)) and w26[0] == 0
    assert w27[0] == pytest.approx(2 / working_days(2027, 1)) and w27[11] == 0


# -- period_target --------------------------------------------------------------------------
def test_period_target_takes_each_months_share_per_rep():
    monthly = pd.DataFrame({"rep": ["A", "A", "B"], "month": [11, 12, 11],
                            "value": [2500.0, 2600.0, 1000.0]})
    w = span_weights(D(2026, 11, 30), D(2026, 12, 5), 2026)
    got = period_target(monthly, w, ["rep"])
    nov, dec = working_days(2026, 11), working_days(2026, 12)
    assert got["A"] == round(2500 / nov + 2600 * 5 / dec, 2)
    assert got["B"] == round(1000 / nov, 2)


def test_period_target_of_a_year_adds_up_the_twelve_months():
    monthly = pd.DataFrame({"rep": ["A"] * 12, "month": range(1, 13),
                            "value": [100.0 * m for m in range(1, 13)]})
    assert period_target(monthly, np.ones(12), ["rep"])["A"] == 7800.0


def test_period_target_is_to_the_cent():
    monthly = pd.DataFrame({"rep": ["A"], "month": [1], "value": [100.0]})
    w = np.zeros(12)
    w[0] = 1 / 3
    assert period_target(monthly, w, ["rep"])["A"] == 33.33


def test_period_target_of_no_targets_is_empty():
    empty = pd.DataFrame(columns=["rep", "month", "value"])
    assert period_target(empty, np.ones(12), ["rep"]).empty


# -- actual_to_date -------------------------------------------------------------------------
def test_actual_to_date_includes_both_ends_and_nothing_outside():
    actuals = pd.DataFrame({"rep": ["A", "A", "A", "A", "B"],
                            "date": [D(2026, 10, 31), D(2026, 11, 1), D(2026, 11, 10),
                                     D(2026, 11, 11), D(2026, 11, 5)],
                            "value": [1000, 10, 20, 4000, 7]})
    got = actual_to_date(actuals, D(2026, 11, 1), D(2026, 11, 10), ["rep"])
    assert got.to_dict() == {"A": 30, "B": 7}


def test_actual_to_date_leaves_a_rep_with_only_blanks_empty_not_zero():
    actuals = pd.DataFrame({"rep": ["A", "B"], "date": [D(2026, 11, 2)] * 2,
                            "order_amount": [None, 50.0]})
    got = actual_to_date(actuals, D(2026, 11, 1), D(2026, 11, 30), ["rep"], "order_amount")
    assert math.isnan(got["A"]) and got["B"] == 50.0


def test_actual_to_date_of_nothing_is_empty():
    empty = pd.DataFrame(columns=["rep", "date", "value"])
    assert actual_to_date(empty, D(2026, 1, 1), D(2026, 12, 31), ["rep"]).empty


# -- time and pace --------------------------------------------------------------------------
def test_period_progress_counts_working_days_gone_in_the_month():
    # 17 November 2026: Sundays 1, 8, 15 left out of the days gone
    gone = sum(D(2026, 11, d).weekday() < 6 for d in range(1, 18))
    assert period_progress("month", D(2026, 11, 17)) == pytest.approx(
        gone / working_days(2026, 11))


def test_period_progress_of_a_week_by_wednesday_is_half():
    assert period_progress("week", D(2026, 11, 18)) == pytest.approx(3 / 6)


def test_handbook_forty_percent_at_sixty_percent_of_the_month_is_behind():
    got = behind_pace(pd.Series([0.4, 0.6, 0.75]), 0.6)
    assert got.tolist() == [True, False, False]


def test_behind_pace_is_false_where_achievement_is_unknown():
    assert behind_pace(pd.Series([None, float("nan")]), 0.5).tolist() == [False, False]


def test_behind_pace_compares_row_by_row_with_a_series_of_times():
    got = behind_pace(pd.Series([0.5, 0.5]), pd.Series([0.4, 0.6]))
    assert got.tolist() == [False, True]


# -- weeks and coverage ---------------------------------------------------------------------
def test_weeks_between_lists_the_iso_weeks_with_a_working_day():
    # 1 November 2026 is a Sunday (ISO week 44): no working day of W44 in November
    got = weeks_between(D(2026, 11, 1), D(2026, 11, 30))
    assert got == ["2026-W45", "2026-W46", "2026-W47", "2026-W48", "2026-W49"]


def test_weeks_between_a_sunday_alone_is_no_week():
    assert weeks_between(D(2026, 11, 22), D(2026, 11, 22)) == []


def test_weeks_between_across_new_year_uses_iso_years():
    assert weeks_between(D(2026, 12, 31), D(2027, 1, 4)) == ["2026-W53", "2027-W01"]


def test_coverage_is_complete_when_every_week_is_held():
    c = coverage(D(2026, 11, 2), D(2026, 11, 14), {"2026-W45", "2026-W46", "2026-W40"}, set())
    assert c.weeks == ["2026-W45", "2026-W46"]
    assert c.held == ["2026-W45", "2026-W46"] and c.complete and c.missing == []


def test_coverage_names_the_weeks_neither_held_nor_imported():
    c = coverage(D(2026, 11, 2), D(2026, 11, 21), {"2026-W46"}, set())
    assert c.missing == ["2026-W45", "2026-W47"] and not c.complete


def test_weeks_inside_an_imported_month_are_covered():
    c = coverage(D(2026, 10, 1), D(2026, 10, 10), set(), {"2026-10"})
    assert c.weeks == ["2026-W40", "2026-W41"]  # Thu 1 Oct to Sat 10 Oct
    assert c.complete  # W40's Monday to Wednesday lie before the period: no cover needed
    assert c.imported == ["2026-10"]


def test_a_week_partly_in_a_month_not_imported_is_missing():
    assert Coverage(["2026-W40"], [], ["2026-10"]).missing == ["2026-W40"]  # 28-30 Sep


def test_the_years_first_week_needs_no_december_import():
    # W53 of 2026 runs Mon 28 Dec to Sat 2 Jan: from 1 January only January counts
    c = coverage(D(2027, 1, 1), D(2027, 1, 2), set(), {"2027-01"})
    assert c.weeks == ["2026-W53"] and c.complete
    assert Coverage(["2026-W53"], [], ["2027-01"]).missing == ["2026-W53"]  # no first day


def test_the_months_last_week_needs_no_import_of_the_next_month():
    # 30 Nov 2026 is a Monday: W49 runs into December, which the November report needs not
    c = coverage(D(2026, 11, 1), D(2026, 11, 30), set(), {"2026-11"})
    assert c.complete, c.missing


# -- orders_to_date -------------------------------------------------------------------------
STORED = pd.DataFrame({"rep": ["A", "A", "A", "B"],
                       "month": ["2026-10", "2026-11", "2026-11", "2026-11"],
                       "week": ["2026-W44", "2026-W45", "2026-W46", "2026-W46"],
                       "order_amount": [900.0, 100.0, 200.0, 50.0]})
IMPORTED = pd.DataFrame({"rep": ["A", "C", "D"], "month": ["2026-11", "2026-11", "2026-10"],
                         "sales": [7777.0, 300.0, 8000.0]})
CURRENT = pd.DataFrame({"rep": ["A", "A", "E"],
                        "date": [D(2026, 11, 16), D(2026, 11, 20), D(2026, 11, 17)],
                        "order_amount": [40.0, 5000.0, 60.0]})


def test_orders_to_date_add_stored_weeks_and_this_week_to_the_day():
    got = orders_to_date(STORED, IMPORTED, CURRENT, D(2026, 11, 1), D(2026, 11, 18))
    assert got["A"] == 100 + 200 + 40  # October left out, 20 November not yet come
    assert got["B"] == 50
    assert got["E"] == 60


def test_an_import_counts_only_for_a_rep_month_without_daily_figures():
    got = orders_to_date(STORED, IMPORTED, CURRENT, D(2026, 11, 1), D(2026, 11, 18))
    assert got["C"] == 300  # imported, no rep-days: counted
    assert "D" not in got  # October import, outside the month


def test_current_visits_also_override_an_import():
    imported = pd.DataFrame({"rep": ["E"], "month": ["2026-11"], "sales": [999.0]})
    empty = STORED.iloc[:0]
    got = orders_to_date(empty, imported, CURRENT, D(2026, 11, 1), D(2026, 11, 18))
    assert got["E"] == 60


def test_orders_to_date_of_a_year_take_every_month():
    got = orders_to_date(STORED, IMPORTED, CURRENT.iloc[:0], D(2026, 1, 1), D(2026, 11, 30))
    assert got.to_dict() == {"A": 1200.0, "B": 50.0, "C": 300.0, "D": 8000.0}


def test_orders_to_date_of_nothing_is_empty():
    got = orders_to_date(STORED.iloc[:0], IMPORTED.iloc[:0], CURRENT.iloc[:0],
                         D(2026, 11, 1), D(2026, 11, 30))
    assert got.empty


def test_imports_all_outside_the_period_are_ignored():
    got = orders_to_date(STORED.iloc[:0], IMPORTED[IMPORTED["rep"] == "D"], CURRENT.iloc[:0],
                         D(2026, 11, 1), D(2026, 11, 30))
    assert got.empty
