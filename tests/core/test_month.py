"""The monthly control (addin/core/month.py) from rep-days and visits as the history store
gives them back; every expected figure added up by hand or counted with a calendar loop."""

import datetime as dt

import pandas as pd
import pytest
from handmade import working_days

from addin.core import month as core
from addin.io.history.tables import DAY_COLUMNS, VISIT_COLUMNS

D = dt.date
NOV = D(2026, 11, 1)
END = D(2026, 11, 30)  # a Monday: ISO week 2026-W49 runs on to Saturday 5 December
REGION = {"Li": "North", "Wang": "North", "Zhao": "South", "Chen": "South", "Sun": "West"}


def sday(rep, date, reported=True, attendance="present", planned=0):
    row = dict.fromkeys(DAY_COLUMNS)
    row.update(rep=rep, date=date, region=REGION[rep], attendance=attendance,
               working=attendance != "holiday", reported=reported, visits_planned=planned,
               day_target=100.0, selling_hours=4.0, blank_required=0, file=f"{rep}.xlsx")
    return row


def svisit(rep, date, order, outcome="ordered", customer="Acme", new=False):
    row = dict.fromkeys(VISIT_COLUMNS)
    row.update(rep=rep, date=date, region=REGION[rep], customer=customer, purpose="order",
               outcome=outcome, order_amount=order, new_customer=new,
               complaint_handled=False)
    return row


DAYS = pd.DataFrame([
    sday("Li", D(2026, 11, 2), planned=2), sday("Li", D(2026, 11, 3)),
    sday("Li", D(2026, 11, 7), attendance="holiday"),  # sent, but not a working day
    sday("Li", END),
    sday("Wang", D(2026, 11, 10)), sday("Wang", D(2026, 11, 11), reported=False, planned=2),
    sday("Zhao", D(2026, 11, 17))])
VISITS = pd.DataFrame([
    svisit("Li", D(2026, 11, 2), 1000.0), svisit("Li", D(2026, 11, 2), None, "refused", "Bolt"),
    svisit("Li", D(2026, 11, 3), 500.0, customer="Cato", new=True),
    svisit("Li", END, 200.0),
    svisit("Wang", D(2026, 11, 10), 300.0, customer="Dune"),
    svisit("Zhao", D(2026, 11, 17), 2000.0, customer="Elm")])
ROSTER = pd.DataFrame({"rep": list(REGION), "region": list(REGION.values())})


def figures(as_of=END):
    return core.month_figures(DAYS.copy(), VISITS.copy(), NOV, as_of, 0.05, ROSTER)



# -- planned_rows ---------------------------------------------------------------------------
def test_planned_rows_give_one_row_per_planned_visit():
    days = pd.DataFrame({"rep": ["Li", "Li", "Wang"], "region": ["North"] * 3,
                         "date": [D(2026, 11, 2), D(2026, 11, 3), D(2026, 11, 2)],
                         "week": ["2026-W45"] * 3, "visits_planned": [3, None, 1]})
    got = core.planned_rows(days)
    assert got[["rep", "date"]].values.tolist() == [["Li", D(2026, 11, 2)]] * 3 + [
        ["Wang", D(2026, 11, 2)]]
    assert set(got["kind"]) == {"visit"}


def test_no_days_no_planned_rows():
    got = core.planned_rows(pd.DataFrame(columns=["visits_planned"]))
    assert got.empty and "kind" in got.columns


# -- month_figures --------------------------------------------------------------------------
def test_each_reps_month_comes_from_their_visits_and_working_days():
    got = figures().per_rep.set_index("rep")
    assert got.loc["Li", "order_amount"] == 1000 + 500 + 200
    assert got.loc["Li", "visits_made"] == 4 and got.loc["Li", "orders"] == 3
    assert got.loc["Li", "new_customers"] == 1
    assert got.loc["Li", "days_reported"] == 3  # the holiday sent is not a day reported
    assert got.loc["Wang", "days_reported"] == 1  # the day left blank is not either
    assert got.loc["Wang", "visits_planned"] == 2  # but its plan still counts
    assert got.loc["Wang", "plan_completion_rate"] == pytest.approx(1 / 2)


def test_a_rep_on_the_roster_who_sent_nothing_all_month_is_missing():
    got = figures().per_rep.set_index("rep")
    assert got.loc["Chen", "status"] == "missing" and got.loc["Chen", "days_reported"] == 0
    assert got.loc["Sun", "region"] == "West"
    assert set(got.loc[["Li", "Wang", "Zhao"], "status"]) == {"reported"}


def test_the_months_region_rows_and_team_equal_the_sums_of_their_reps():
    figs = figures()
    region = figs.per_region.set_index("region")["order_amount"].to_dict()
    assert region == {"North": 1700 + 300, "South": 2000}
    assert figs.team["order_amount"] == 1700 + 300 + 2000
    assert figs.team["transaction_rate"] == pytest.approx(5 / 6)  # 5 orders in 6 visits
    assert figs.days_on_record == 6  # the blank day is not on record


def test_the_months_weeks_give_their_span_and_reps():
    weeks = figures().weeks.set_index("week")
    assert list(weeks.index) == ["2026-W45", "2026-W46", "2026-W47", "2026-W49"]
    assert weeks.loc["2026-W45", "order_amount"] == 1500
    assert (weeks.loc["2026-W45", "date_from"], weeks.loc["2026-W45", "date_to"]) == (
        D(2026, 11, 2), D(2026, 11, 7))
    # the week spanning into December shows only its November day
    assert (weeks.loc["2026-W49", "date_from"], weeks.loc["2026-W49", "date_to"]) == (END, END)
    assert weeks.loc["2026-W49", "order_amount"] == 200
    assert weeks.loc["2026-W46", "reps_reported"] == 1


def test_rep_weeks_split_each_reps_month_by_week():
    got = figures().rep_weeks.set_index(["rep", "week"])["order_amount"].to_dict()
    assert got == {("Li", "2026-W45"): 1500, ("Li", "2026-W49"): 200,
                   ("Wang", "2026-W46"): 300, ("Zhao", "2026-W47"): 2000}


def test_time_progress_of_the_month_quarter_and_year():
    progress = figures(as_of=D(2026, 11, 18)).progress
    gone = D(2026, 11, 18)
    assert progress["month_time_progress"] == pytest.approx(
        working_days(NOV, gone) / working_days(NOV, END))
    assert progress["quarter_time_progress"] == pytest.approx(
        working_days(D(2026, 10, 1), gone) / working_days(D(2026, 10, 1), D(2026, 12, 31)))
    assert progress["year_time_progress"] == pytest.approx(
        working_days(D(2026, 1, 1), gone) / working_days(D(2026, 1, 1), D(2026, 12, 31)))
    assert figures().month == "2026-11"


# -- add_period_figures ---------------------------------------------------------------------
MONTHLY = pd.DataFrame({"rep": ["Li", "Li", "Li", "Li", "Wang", "Zhao", "Chen"],
                        "month": [1, 10, 11, 12, 11, 11, 11],
                        "value": [500.0, 1000.0, 2000.0, 3000.0, 250.0, 2000.0, 1500.0]})
STORED = pd.DataFrame({  # the store's order totals per rep, month and week
    "rep": ["Li", "Li", "Li", "Li", "Wang", "Zhao"],
    "region": ["North"] * 5 + ["South"],
    "month": ["2026-01", "2026-10", "2026-11", "2026-11", "2026-11", "2026-11"],
    "week": ["2026-W02", "2026-W44", "2026-W45", "2026-W49", "2026-W46", "2026-W47"],
    "order_amount": [50.0, 800.0, 1500.0, 200.0, 300.0, 2000.0], "days": [1] * 6})
IMPORTED = pd.DataFrame({"rep": ["Chen", "Li", "Zhao"], "region": ["South", "North", "South"],
                         "month": ["2026-11", "2026-11", "2026-09"],
                         "sales": [600.0, 999.0, 700.0]})


def periods(monthly=MONTHLY):
    figs = figures()
    core.add_period_figures(figs, monthly, STORED, IMPORTED, NOV, END)
    return figs


def test_month_quarter_and_year_orders_to_date():
    got = periods().per_rep.set_index("rep")
    assert got.loc["Li", "month_actual"] == 1500 + 200  # its import gives way to rep-days
    assert got.loc["Li", "qtd_actual"] == 800 + 1500 + 200
    assert got.loc["Li", "ytd_actual"] == 50 + 800 + 1500 + 200
    assert got.loc["Chen", "month_actual"] == 600  # imported, no rep-days
    assert got.loc["Zhao", "qtd_actual"] == 2000  # September is another quarter
    assert got.loc["Zhao", "ytd_actual"] == 2000 + 700
    assert pd.isna(got.loc["Sun", "ytd_actual"])


def test_month_quarter_and_year_targets_add_up_their_months():
    got = periods().per_rep.set_index("rep")
    assert got.loc["Li", "month_target"] == 2000
    assert got.loc["Li", "quarter_target"] == 1000 + 2000 + 3000
    assert got.loc["Li", "year_target"] == 500 + 1000 + 2000 + 3000
    assert got.loc["Li", "month_achievement"] == pytest.approx(1700 / 2000)
    assert got.loc["Li", "ytd_achievement"] == pytest.approx(2550 / 6500)


def test_who_is_behind_the_time_gone():
    got = periods().per_rep.set_index("rep")["behind_pace"].to_dict()  # the month is all gone
    assert got["Li"] == core.BEHIND and got["Chen"] == core.BEHIND  # 85 %, 40 %
    assert pd.isna(got["Wang"])  # 120 %
    assert pd.isna(got["Zhao"])  # exactly 100 % is on pace
    assert pd.isna(got["Sun"])  # no target, no verdict


def test_the_months_region_subtotals_and_team_total_are_sums_with_ratios_of_sums():
    figs = periods()
    north = figs.per_region.set_index("region").loc["North"]
    assert north["month_target"] == 2000 + 250 and north["month_actual"] == 1700 + 300
    assert north["days_reported"] == 3 + 1
    assert north["month_achievement"] == pytest.approx(2000 / 2250)
    south = figs.per_region.set_index("region").loc["South"]
    assert south["month_actual"] == 2000 + 600 and south["month_target"] == 2000 + 1500
    assert figs.team["month_target"] == 2250 + 3500
    assert figs.team["month_actual"] == 2000 + 2600
    assert figs.team["month_achievement"] == pytest.approx(4600 / 5750)
    assert figs.team["days_reported"] == 5


def test_without_targets_there_is_no_achievement_and_no_one_is_behind():
    figs = periods(monthly=None)
    assert figs.per_rep["month_target"].isna().all()
    assert figs.per_rep["month_achievement"].isna().all()
    assert figs.per_rep["behind_pace"].isna().all()
    assert figs.team["month_target"] is None and figs.team["month_achievement"] is None
    assert figs.team["month_actual"] == 4600


def test_a_zero_target_gives_an_empty_achievement():
    monthly = pd.DataFrame({"rep": ["Wang"], "month": [11], "value": [0.0]})
    got = periods(monthly).per_rep.set_index("rep").loc["Wang"]
    assert got["month_target"] == 0 and pd.isna(got["month_achievement"])
    assert pd.isna(got["behind_pace"])


def test_the_history_cover_of_each_period():
    cover = periods().coverage
    # W48 has no rep-days stored but lies wholly in imported November
    assert cover["month"].weeks == ["2026-W45", "2026-W46", "2026-W47", "2026-W48",
                                    "2026-W49"]
    assert cover["month"].complete
    # 1 October 2026 is a Thursday of W40; W44 is stored; October was not imported
    assert cover["quarter"].missing == ["2026-W40", "2026-W41", "2026-W42", "2026-W43"]
