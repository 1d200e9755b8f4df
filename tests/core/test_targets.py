"""The target breakdown engine: exact sums, closeness to exact shares, locks, time
progress, achievement and activity targets. Expected figures are computed here from the
inputs (by hand or by a few lines of independent arithmetic), never by the engine."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from addin.core.apportion import cumulative_round, largest_remainder, rebalance_columns
from addin.core.targets import (
    MONTH_KEYS,
    MetricPlan,
    TargetInputs,
    activity_targets,
    compute_breakdown,
    level_arrays,
    progress,
    rounding_summary,
)
from addin.core.timeprogress import period_bounds, time_progress
from addin.errors import ConfigError

TOL = 1e-6


# -- building inputs ----------------------------------------------------------------------
def make_inputs(reps: list[tuple[str, str]], products: list[str], plans: dict[str, MetricPlan],
                history: dict[tuple[str, str, str], list[float]] | None = None,
                potential: list[dict] | None = None, overrides: list[dict] | None = None,
                actuals: list[dict] | None = None, funnel: list[dict] | None = None,
                year: int = 2026) -> TargetInputs:
    hist_rows = [{"rep": r, "product": p, "metric": m, **dict(zip(MONTH_KEYS, v, strict=True))}
                 for (r, p, m), v in (history or {}).items()]
    return TargetInputs(
        year=year,
        reps=pd.DataFrame({"rep": [r for r, _ in reps], "region": [g for _, g in reps],
                           "seller_kind": "rep", "supervisor": None}),
        products=pd.DataFrame({"product": products, "product_name": None, "category": None}),
        plans=plans,
        history=pd.DataFrame(hist_rows, columns=["rep", "product", "metric", *MONTH_KEYS]),
        potential=pd.DataFrame(potential or [],
                               columns=["rep", "region", "product", "potential_index"]),
        overrides=pd.DataFrame(overrides or [],
                               columns=["metric", "rep", "product", "month", "value", "cell"]),
        actuals=pd.DataFrame(actuals or [], columns=["date", "rep", "product", "metric",
                                                     "value"]),
        funnel=pd.DataFrame(funnel or []),
    )


def cell_value(b, metric: str, rep: str, product: str, month: int) -> float:
    m = b.metrics[metric]
    s, p = b.rep_names.index(rep), b.product_codes.index(product)
    return float(m.money(m.cells[s, p, month - 1]))


# -- a worked example, by hand ------------------------------------------------------------
REPS = [("张伟", "华东"), ("陈静", "华北"), ("王芳", "华东")]  # 王芳 listed after 华北
PRODUCTS = ["A", "B"]
LAST_YEAR = {  # annual actuals spread evenly over the months
    ("张伟", "A", "revenue"): 300_000, ("张伟", "B", "revenue"): 100_000,
    ("王芳", "A", "revenue"): 200_000, ("陈静", "A", "revenue"): 250_000,
    ("陈静", "B", "revenue"): 150_000,
}
SEASON = (0.6, 0.6, 1.2, 1.2, 1, 1, 1, 1, 1, 1, 1.2, 1.2)  # sums to 12


def worked_example(target: float = 1_200_000, overrides=None) -> TargetInputs:
    history = {k: [v / 12] * 12 for k, v in LAST_YEAR.items()}
    plan = MetricPlan("revenue", target, 100, "history", seasonality=SEASON)
    return make_inputs(REPS, PRODUCTS, {"revenue": plan}, history, overrides=overrides)


def test_worked_example_history_and_seasonality():
    # last year's total is 1,000,000, so 张伟 A has a 30% share: 360,000 for the year.
    # January carries 0.6/12 = 5% of the year, March 1.2/12 = 10%:
    #   张伟 A Jan = 1,200,000 × 30% × 5% = 18,000; 陈静 A Mar = 1,200,000 × 25% × 10% = 30,000
    #   王芳 B = 0 (no history); 陈静 B Jul = 1,200,000 × 15% × 1/12 = 15,000.
    b = compute_breakdown(worked_example())
    assert cell_value(b, "revenue", "张伟", "A", 1) == 18_000
    assert cell_value(b, "revenue", "陈静", "A", 3) == 30_000
    assert cell_value(b, "revenue", "陈静", "B", 7) == 15_000
    assert all(cell_value(b, "revenue", "王芳", "B", m) == 0 for m in range(1, 13))
    # regions are contiguous blocks in order of first appearance: 华东 (张伟, 王芳), 华北
    assert b.rep_names == ["张伟", "王芳", "陈静"]
    assert b.regions == ["华东", "华北"]
    m = b.metrics["revenue"]
    region_year = {g: float(m.money(m.cells[b.rep_region == i].sum()))
                   for i, g in enumerate(b.regions)}
    assert region_year == {"华东": 720_000, "华北": 480_000}  # (30+10+20)% and (25+15)%
    assert b.totals() == {"revenue": 1_200_000}
    assert m.season_source == "sheet"


def test_worked_example_rounding_by_hand():
    # ¥1,000,000 in units of ¥100 = 10,000 units, split equally over 3 reps × 1 product,
    # flat months. Running totals 3,333⅓, 6,666⅔, 10,000 round to 3,333, 6,667, 10,000:
    # the reps get ¥333,300, ¥333,400 and ¥333,300. Each month is 10,000/12 = 833⅓ units:
    # running totals 833⅓, 1,666⅔, 2,500 round to 833, 1,667, 2,500, so months go
    # ¥83,300, ¥83,400, ¥83,300 and every quarter is exactly ¥250,000.
    plan = MetricPlan("revenue", 1_000_000, 100, "equal")
    b = compute_breakdown(make_inputs([("甲", "R"), ("乙", "R"), ("丙", "R")], ["P"],
                                      {"revenue": plan}))
    m = b.metrics["revenue"]
    assert m.money(m.cells.sum(axis=(1, 2))).tolist() == [333_300, 333_400, 333_300]
    months = m.money(m.cells.sum(axis=(0, 1))).tolist()
    assert months == [83_300, 83_400, 83_300] * 4
    # a rep's month is 27,777.78 exactly: every cell is ¥27,700 or ¥27,800
    assert set(m.money(m.cells).ravel().tolist()) <= {27_700, 27_800}


def test_locks_keep_their_value_and_the_rest_rebalances():
    # Lock 张伟 A January at 30,000 (its share was 18,000): 300 of 12,000 units are
    # locked; the other cells' exact shares (11,820 units) are scaled by 11,700 / 11,820.
    lock = [{"metric": "revenue", "rep": "张伟", "product": "A", "month": 1,
             "value": 30_000, "cell": "Overrides!E4"}]
    b = compute_breakdown(worked_example(overrides=lock))
    m = b.metrics["revenue"]
    assert cell_value(b, "revenue", "张伟", "A", 1) == 30_000
    assert b.totals()["revenue"] == 1_200_000
    factor = 11_700 / 11_820
    assert m.rebalance == pytest.approx(factor)
    plain = compute_breakdown(worked_example()).metrics["revenue"]
    exact = plain.cells.astype(float) * factor  # the unlocked shares were whole before
    free = ~m.locked
    assert np.all(np.abs(m.cells[free] - exact[free]) < 1 + TOL)


def test_impossible_locks_name_their_cells():
    locks = [{"metric": "revenue", "rep": "张伟", "product": "A", "month": 1, "value": 700_000,
              "cell": "Overrides!E4"},
             {"metric": "revenue", "rep": "陈静", "product": "B", "month": 2, "value": 600_000,
              "cell": "Overrides!E5"}]
    with pytest.raises(ConfigError) as err:
        compute_breakdown(worked_example(overrides=locks))
    assert "Overrides!E4" in str(err.value) and "Overrides!E5" in str(err.value)
    assert "1,300,000" in str(err.value) and "1,200,000" in str(err.value)


@pytest.mark.parametrize("value, message", [(30_050, "whole number"), (-100, "negative")])
def test_locks_must_be_whole_units_and_not_negative(value, message):
    lock = [{"metric": "revenue", "rep": "张伟", "product": "A", "month": 1, "value": value,
             "cell": "Overrides!E7"}]
    with pytest.raises(ConfigError, match=message) as err:
        compute_breakdown(worked_example(overrides=lock))
    assert "Overrides!E7" in str(err.value)


def test_locking_everything_else_to_zero_leaves_no_room():
    # every cell with a share is locked at 0: the target has nowhere to go
    locks = [{"metric": "revenue", "rep": r, "product": p, "month": mo, "value": 0,
              "cell": f"Overrides!E{i}"}
             for i, ((r, p, _), mo) in enumerate(
                 ((k, mo) for k in LAST_YEAR for mo in range(1, 13)), start=4)]
    with pytest.raises(ConfigError, match="zero share"):
        compute_breakdown(worked_example(overrides=locks))


def test_conflicting_locks_on_one_cell():
    locks = [{"metric": "revenue", "rep": "张伟", "product": "A", "month": 1, "value": v,
              "cell": c} for v, c in ((1000, "Overrides!E4"), (2000, "Overrides!E9"))]
    with pytest.raises(ConfigError, match="twice") as err:
        compute_breakdown(worked_example(overrides=locks))
    assert "E4" in str(err.value) and "E9" in str(err.value)


def test_methods_fall_back_to_equal_without_data():
    plans = {"revenue": MetricPlan("revenue", 1200, 1, "history"),
             "new_customers": MetricPlan("new_customers", 12, 1, "potential"),
             "collections": MetricPlan("collections", 1200, 1, "blend", 0, 0, 0)}
    b = compute_breakdown(make_inputs([("a", "R"), ("b", "R")], ["P", "Q"], plans))
    for m in b.metrics.values():
        assert m.weights == {"history": 0.0, "potential": 0.0, "equal": 1.0}
        assert any(n.key == f"fallback_{m.plan.method}" for n in m.notes)
        years = m.cells.sum(axis=2)
        assert years.max() - years.min() <= 1


def test_potential_most_specific_row_wins():
    # 华东 has a region index of 60 (spread over its 2 reps × 2 products = 15 each),
    # but 张伟 has his own row of 40 (20 per product) and 华东 product B a row of 10.
    # Cells: 张伟 A 20, 张伟 B 20; 王芳 A 60/1 = 60 (the region row now covers only her A);
    # 王芳 B 10 (region+product beats region); 陈静 nothing.
    pot = [{"region": "华东", "potential_index": 60}, {"rep": "张伟", "potential_index": 40},
           {"region": "华东", "product": "B", "potential_index": 10}]
    plan = MetricPlan("new_customers", 110, 1, "potential", seasonality=(1,) * 12)
    b = compute_breakdown(make_inputs(REPS, PRODUCTS, {"new_customers": plan}, potential=pot))
    years = b.metrics["new_customers"].cells.sum(axis=2)
    got = {(r, p): int(years[b.rep_names.index(r), b.product_codes.index(p)])
           for r, _ in REPS for p in PRODUCTS}
    assert got == {("张伟", "A"): 20, ("张伟", "B"): 20, ("王芳", "A"): 60, ("王芳", "B"): 10,
                   ("陈静", "A"): 0, ("陈静", "B"): 0}


def test_target_not_a_whole_number_of_units_is_rounded_and_said():
    plan = MetricPlan("revenue", 1_234_567, 100, "equal")
    b = compute_breakdown(make_inputs([("a", "R")], ["P"], {"revenue": plan}))
    assert b.totals()["revenue"] == 1_234_600
    assert any(n.key == "target_rounded" for n in b.metrics["revenue"].notes)


def test_fractional_unit():
    plan = MetricPlan("revenue", 100.5, 0.5, "equal")
    b = compute_breakdown(make_inputs([("a", "R"), ("b", "S"), ("c", "S")], ["P"],
                                      {"revenue": plan}))
    values = b.records()["value"]
    assert b.totals()["revenue"] == 100.5
    assert np.allclose(values * 2, np.round(values * 2))
    assert values.sum() == pytest.approx(100.5)


# -- properties ---------------------------------------------------------------------------
@st.composite
def company(draw):
    n_reps = draw(st.integers(1, 6))
    n_products = draw(st.integers(1, 4))
    regions = [f"R{draw(st.integers(0, 2))}" for _ in range(n_reps)]
    reps = [(f"rep{i}", regions[i]) for i in range(n_reps)]
    products = [f"P{j}" for j in range(n_products)]
    unit = draw(st.sampled_from([1, 100, 0.5, 1000]))
    units = draw(st.integers(0, 20_000))
    method = draw(st.sampled_from(["equal", "history", "potential", "blend"]))
    weights = tuple(draw(st.floats(0, 1)) for _ in range(3))
    hist = draw(st.lists(st.lists(st.integers(0, 9) | st.just(0), min_size=12, max_size=12),
                         min_size=n_reps * n_products, max_size=n_reps * n_products))
    pot = [draw(st.integers(0, 50)) for _ in range(n_reps)]
    season = draw(st.none() | st.lists(st.integers(0, 5), min_size=12, max_size=12))
    if season is not None and sum(season) == 0:
        season = None
    return reps, products, unit, units, method, weights, hist, pot, season


def expected_exact(reps, products, units, method, weights, hist, pot, season) -> np.ndarray:
    """Exact shares in units, computed from the inputs without the engine."""
    s_n, p_n = len(reps), len(products)
    h = np.array(hist, dtype=float).reshape(s_n, p_n, 12)
    equal = np.full((s_n, p_n), 1 / (s_n * p_n))
    hy = h.sum(axis=2)
    history = hy / hy.sum() if hy.sum() else None
    pw = np.repeat(np.array(pot, dtype=float)[:, None] / p_n, p_n, axis=1)
    potential = pw / pw.sum() if pw.sum() else None
    if method == "equal":
        share = equal
    elif method in ("history", "potential"):
        base = history if method == "history" else potential
        share = equal if base is None else base
    else:
        w = dict(zip(("history", "potential", "equal"), weights, strict=True))
        if history is None:
            w["history"] = 0
        if potential is None:
            w["potential"] = 0
        total = sum(w.values())
        if total == 0:
            share = equal
        else:
            share = sum(w[k] / total * b for k, b in
                        (("history", history), ("potential", potential), ("equal", equal))
                        if w[k] > 0)
    if season is not None:
        f = np.array(season, dtype=float) / sum(season)
    elif h.sum():
        f = h.sum(axis=(0, 1)) / h.sum()
    else:
        f = np.full(12, 1 / 12)
    return units * share[:, :, None] * f[None, None, :]


def build(case) -> tuple[TargetInputs, np.ndarray]:
    reps, products, unit, units, method, weights, hist, pot, season = case
    history = {}
    k = 0
    for r, _ in reps:
        for p in products:
            history[(r, p, "revenue")] = hist[k]
            k += 1
    plan = MetricPlan("revenue", units * unit, unit, method, *weights,
                      seasonality=tuple(season) if season is not None else None)
    inputs = make_inputs(reps, products, {"revenue": plan}, history,
                         potential=[{"rep": r, "potential_index": v}
                                    for (r, _), v in zip(reps, pot, strict=True)])
    return inputs, expected_exact(reps, products, units, method, weights, hist, pot, season)


def engine_order(b, names: list[str]) -> np.ndarray:
    """Index to put the test's rep order into the engine's (regions grouped)."""
    return np.array([names.index(n) for n in b.rep_names])


PROPERTY = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(company())
def test_property_exact_sums_and_within_one_unit(case):
    inputs, exact = build(case)
    b = compute_breakdown(inputs)
    m = b.metrics["revenue"]
    units = case[3]
    exact = exact[engine_order(b, inputs.reps["rep"].tolist())]
    cells = m.cells
    # whole units, no negatives, the company total exact
    assert cells.dtype.kind == "i" and cells.min() >= 0
    assert int(cells.sum()) == units
    assert b.totals()["revenue"] == pytest.approx(units * case[2])
    # every cell within one unit of its exact share (and at its floor or ceiling)
    assert np.all(np.abs(cells - exact) < 1 + TOL)
    assert np.all((cells >= np.floor(exact - TOL)) & (cells <= np.ceil(exact + TOL)))
    # regions, reps and rep × product years within one unit too (cumulative rounding)
    for level in ("company", "region", "rep", "rep_product"):
        t, e = level_arrays(cells, exact, b.rep_region)[level]
        assert np.all(np.abs(t - e) < 1 + TOL), level
    # every total is the sum of its parts, at every level, in the long records
    rec = b.records()
    assert rec["value"].sum() == pytest.approx(b.totals()["revenue"])
    by_rep = rec.groupby("rep")["value"].sum()
    by_region = rec.groupby("region")["value"].sum()
    reps_of = rec.drop_duplicates("rep").set_index("rep")["region"]
    assert by_region.to_dict() == pytest.approx(by_rep.groupby(reps_of).sum().to_dict())
    months = rec.groupby("month")["value"].sum()
    quarters = rec.assign(q=(rec["month"] - 1) // 3).groupby("q")["value"].sum()
    assert quarters.tolist() == pytest.approx(
        [months.loc[[3 * q + 1, 3 * q + 2, 3 * q + 3]].sum() for q in range(4)])
    # the audit's counts are the truth about the soft levels
    summary = rounding_summary(b).set_index("level")
    for level, (t, e) in level_arrays(cells, m.exact, b.rep_region).items():
        assert summary.loc[level, "beyond_one"] == int((np.abs(t - e) > 1 + TOL).sum())


@PROPERTY
@given(company())
def test_property_deterministic(case):
    inputs, _ = build(case)
    a = compute_breakdown(inputs).metrics["revenue"].cells
    b = compute_breakdown(build(case)[0]).metrics["revenue"].cells
    assert np.array_equal(a, b)


@PROPERTY
@given(company(), st.data())
def test_property_locks(case, data):
    inputs, exact = build(case)
    units, unit = case[3], case[2]
    reps = inputs.reps["rep"].tolist()
    products = inputs.products["product"].tolist()
    n_locks = data.draw(st.integers(1, 4))
    locks, seen = [], set()
    for i in range(n_locks):
        key = (data.draw(st.sampled_from(reps)), data.draw(st.sampled_from(products)),
               data.draw(st.integers(1, 12)))
        if key in seen:
            continue
        seen.add(key)
        locks.append({"metric": "revenue", "rep": key[0], "product": key[1], "month": key[2],
                      "value": data.draw(st.integers(0, max(units // 3, 1))) * unit,
                      "cell": f"Overrides!E{4 + i}"})
    inputs.overrides = pd.DataFrame(locks)
    locked_units = sum(round(x["value"] / unit) for x in locks)
    order = {n: i for i, n in enumerate(reps)}
    mask = np.zeros(exact.shape, dtype=bool)
    for x in locks:
        mask[order[x["rep"]], products.index(x["product"]), x["month"] - 1] = True
    free_exact = exact[~mask].sum()
    if locked_units > units or (locked_units < units and free_exact <= TOL):
        with pytest.raises(ConfigError) as err:
            compute_breakdown(inputs)
        assert any(x["cell"] in str(err.value) for x in locks)
        return
    b = compute_breakdown(inputs)
    m = b.metrics["revenue"]
    cells = m.cells[np.argsort(engine_order(b, inputs.reps["rep"].tolist()))]
    assert int(cells.sum()) == units
    for x in locks:
        assert cells[order[x["rep"]], products.index(x["product"]), x["month"] - 1] * unit \
            == pytest.approx(x["value"])
    rebalanced = exact * ((units - locked_units) / free_exact if free_exact > TOL else 0)
    assert np.all(np.abs(cells[~mask] - rebalanced[~mask]) < 1 + TOL)
    assert cells.min() >= 0


# -- rounding tools -----------------------------------------------------------------------
@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(0, 50, allow_nan=False), min_size=1, max_size=40),
       st.integers(0, 2000))
def test_cumulative_round_prefixes(values, scale):
    x = np.array(values)
    if x.sum() == 0:
        return
    x = x / x.sum() * scale
    out = cumulative_round(x, scale)
    assert out.sum() == scale and out.min() >= 0
    assert np.all(np.abs(out - x) < 1 + TOL)
    assert np.all(np.abs(np.cumsum(out) - np.cumsum(x)) <= 0.5 + TOL)
    lr = largest_remainder(x, scale)
    assert lr.sum() == scale and np.all(np.abs(lr - x) < 1 + TOL)


def test_rebalance_columns_needs_a_chain():
    # column 0 has a surplus and column 2 a deficit, but no row can move a unit from 0 to
    # 2 directly: row 0 moves 0 -> 1 and row 1 moves 1 -> 2.
    value = np.array([[1, 0, 0], [0, 1, 0]])
    lo = np.array([[0, 0, 0], [0, 0, 0]])
    hi = np.array([[1, 1, 0], [0, 1, 1]])
    left = rebalance_columns(value, lo, hi, np.array([0, 1, 1]))
    assert not left.any()
    assert value.tolist() == [[0, 1, 0], [0, 0, 1]]


# -- time progress ------------------------------------------------------------------------
def test_time_progress_by_hand():
    day = dt.date(2026, 11, 27)  # a Friday
    # November 2026: Sundays are the 1st, 8th, 15th, 22nd and 29th, so 25 working days
    # (Monday to Saturday) of which 23 are done by the 27th
    assert time_progress("month", day) == pytest.approx(23 / 25)
    assert time_progress("month", day, workweek=7) == pytest.approx(27 / 30)
    assert time_progress("week", day) == pytest.approx(5 / 6)
    assert time_progress("week", day, workweek=5) == pytest.approx(5 / 5)
    assert time_progress("quarter", day, 7) == pytest.approx((31 + 27) / 92)
    assert time_progress("year", day, 7) == pytest.approx(331 / 365)
    assert time_progress("本月", "2026-11-27") == time_progress("m", day)
    assert period_bounds("quarter", day) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert time_progress("year", dt.date(2026, 12, 31)) == 1.0
    with pytest.raises(ValueError):
        time_progress("fortnight", day)


def test_progress_achievement_against_time():
    # one rep, one product, ¥1,200,000 flat: every month ¥100,000
    plan = MetricPlan("revenue", 1_200_000, 100, "equal")
    actuals = [{"date": dt.date(2026, 11, 2), "rep": "a", "product": "P", "metric": "revenue",
                "value": 40_000},
               {"date": dt.date(2026, 10, 15), "rep": "a", "product": None,
                "metric": "revenue", "value": 90_000},
               {"date": dt.date(2026, 3, 1), "rep": "a", "product": "P", "metric": "revenue",
                "value": 70_000}]
    b = compute_breakdown(make_inputs([("a", "R")], ["P"], {"revenue": plan},
                                      actuals=actuals))
    pr = progress(b, pd.DataFrame(actuals), dt.date(2026, 11, 27))
    rep = pr.table[(pr.table["level"] == "rep")].iloc[0]
    assert rep["month_target"] == 100_000 and rep["month_actual"] == 40_000
    assert rep["month_achievement"] == pytest.approx(0.40)  # behind 23/25 = 92% elapsed
    assert rep["quarter_target"] == 300_000 and rep["quarter_actual"] == 130_000
    assert rep["year_actual"] == 200_000
    assert rep["year_achievement"] == pytest.approx(200_000 / 1_200_000)
    # week of 23-29 Nov: 6 working days of November's 25, no actuals that week
    assert rep["week_target"] == pytest.approx(100_000 * 6 / 25, abs=0.01)
    assert rep["week_actual"] == 0
    product = pr.table[(pr.table["level"] == "product")].iloc[0]
    assert product["quarter_actual"] == 40_000  # the October row has no product
    assert pr.time["month"] == pytest.approx(23 / 25)


def test_progress_week_spanning_two_months_takes_a_share_of_each():
    # the week of Wed 2 Dec 2026 runs Mon 30 Nov to Sun 6 Dec: Monday is 1 of November's
    # 25 working days (Monday to Saturday), Tuesday to Saturday 5 of December's 27
    plan = MetricPlan("revenue", 1_200_000, 100, "equal")
    actuals = [{"date": dt.date(2026, 11, 30), "rep": "a", "product": "P",
                "metric": "revenue", "value": 5_000},
               {"date": dt.date(2026, 12, 2), "rep": "a", "product": "P",
                "metric": "revenue", "value": 7_000},
               {"date": dt.date(2026, 12, 3), "rep": "a", "product": "P",  # after as_of
                "metric": "revenue", "value": 9_000}]
    b = compute_breakdown(make_inputs([("a", "R")], ["P"], {"revenue": plan}))
    pr = progress(b, pd.DataFrame(actuals), dt.date(2026, 12, 2))
    rep = pr.table[pr.table["level"] == "rep"].iloc[0]
    assert rep["week_target"] == round(100_000 / 25 + 100_000 * 5 / 27, 2) == 22_518.52
    assert rep["week_actual"] == 12_000
    assert rep["week_achievement"] == pytest.approx(12_000 / 22_518.52)
    assert rep["month_actual"] == 7_000 and rep["quarter_actual"] == 12_000
    company = pr.table[pr.table["level"] == "company"].iloc[0]
    assert company["week_target"] == rep["week_target"]
    # a rep with no actuals shows 0 achieved, not a blank
    b = compute_breakdown(make_inputs([("a", "R"), ("b", "R")], ["P"], {"revenue": plan}))
    pr = progress(b, pd.DataFrame(actuals), dt.date(2026, 12, 2))
    other = pr.table[(pr.table["level"] == "rep") & (pr.table["name"] == "b")].iloc[0]
    assert other["year_actual"] == 0 and other["year_achievement"] == 0


def test_progress_before_the_year_and_without_actuals():
    plan = MetricPlan("revenue", 1200, 1, "equal")
    b = compute_breakdown(make_inputs([("a", "R")], ["P"], {"revenue": plan}))
    assert progress(b, None, dt.date(2025, 12, 1)).note == "before_year"
    assert progress(b, pd.DataFrame(), dt.date(2026, 5, 1)).note == "no_actuals"


# -- activity -----------------------------------------------------------------------------
HANDBOOK_FUNNEL = {"calls_dialled": 100, "calls_completed": 50, "appointments": 13,
                   "presentations": 13, "sales_closed": 5, "sales_amount": 20_000}


def test_activity_targets_from_the_handbook_funnel():
    # docs/domain.md §7: 100 calls -> 5 sales worth ¥20,000, so ¥200 of sales per call.
    # A month target of ¥86,000 needs 86,000 / 200 = 430 calls; January has 31/7 weeks,
    # so 430 / 4.43 = 97.1 -> 98 calls a week. Sales needed 86,000 / 4,000 = 21.5 -> 22;
    # presentations 21.5 × 13/5 = 55.9 -> 56 = appointments (visits); 12.6 -> 13 a week.
    # February (28 days, 4 weeks): 108 calls and 14 visits a week.
    plan = MetricPlan("revenue", 86_000 * 12, 100, "equal")
    b = compute_breakdown(make_inputs([("a", "R"), ("b", "R")], ["P"], {"revenue": plan}))
    funnel = pd.DataFrame([{"rep": "a", **HANDBOOK_FUNNEL}])
    act = activity_targets(b, funnel)
    jan = act.plan[(act.plan["rep"] == "a") & (act.plan["month"] == "m01")].iloc[0]
    assert jan["revenue_target"] == 43_000  # two reps share the ¥86,000 month equally
    plan = MetricPlan("revenue", 86_000 * 12, 100, "equal")
    b = compute_breakdown(make_inputs([("a", "R")], ["P"], {"revenue": plan}))
    act = activity_targets(b, funnel)
    jan = act.plan[act.plan["month"] == "m01"].iloc[0]
    feb = act.plan[act.plan["month"] == "m02"].iloc[0]
    assert jan["calls_needed"] == 430 and jan["calls_per_week"] == 98
    assert jan["sales_needed"] == 22 and jan["visits_needed"] == 56
    assert jan["visits_per_week"] == 13
    assert feb["calls_per_week"] == 108 and feb["visits_per_week"] == 14
    rates = act.rates.iloc[0]
    assert rates["sales_per_call"] == 200 and rates["basis"] == "own"


def test_activity_uses_team_rates_for_a_rep_without_history():
    plan = MetricPlan("revenue", 1_200_000, 100, "equal")
    b = compute_breakdown(make_inputs([("a", "R"), ("b", "R"), ("new", "R")], ["P"],
                                      {"revenue": plan}))
    other = {k: 2 * v for k, v in HANDBOOK_FUNNEL.items()}
    other["sales_amount"] = 60_000  # avg sale 6,000
    funnel = pd.DataFrame([{"rep": "a", **HANDBOOK_FUNNEL}, {"rep": "b", **other}])
    act = activity_targets(b, funnel)
    assert act.team_reps == ["new"]
    team = act.rates.set_index("rep").loc["new"]
    assert team["basis"] == "team"
    # pooled: 300 calls, 80,000 of sales -> 266.67 per call
    assert team["sales_per_call"] == pytest.approx(80_000 / 300)
    month = act.plan[(act.plan["rep"] == "new") & (act.plan["month"] == "m04")].iloc[0]
    assert month["revenue_target"] in (33_300, 33_400)  # ¥400,000 a year, flat months
    assert month["calls_needed"] == math.ceil(month["revenue_target"] / (80_000 / 300))
