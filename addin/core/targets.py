"""Target breakdown (目标分解): the company's annual targets split over rep × product × month,
exact to the rounding unit, plus achievement against time progress and the activity each
rep's revenue target needs.

Pure pandas/numpy: the service reads the workbook into `TargetInputs` (clean rows, every
rep and product known) and writes what comes back. A cell's exact share is
    annual target × share(rep, product) × seasonality(month) / 12
and its target is that share rounded down or up (see `addin.core.apportion`), so each
number can be explained from the settings alone.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import pandas as pd

from ..errors import ConfigError
from ..schema.targets import FUNNEL_KEYS, metric_choice
from ..schema.vocab import METRICS
from .achievement import (
    actual_to_date,
    month_weights,
    period_progress,
    period_target,
    ratio,
)
from .apportion import bounds, cumulative_round, largest_remainder, rebalance_columns, snap
from .timeprogress import PERIODS, WORKWEEK, period_bounds

METRIC_KEYS = tuple(m.key for m in METRICS)
MONTH_KEYS = tuple(f"m{m:02d}" for m in range(1, 13))
QUARTER_OF_MONTH = np.repeat(np.arange(4), 3)  # month index 0..11 -> quarter index 0..3
TOL = 1e-6


# -- inputs -----------------------------------------------------------------------------
@dataclass(frozen=True)
class MetricPlan:
    """One row of the settings plus the company target: how one metric is split."""

    metric: str
    target: float  # the annual target as given
    unit: float = 1.0  # rounding unit: every cell is a whole multiple of it
    method: str = "equal"  # equal | history | potential | blend
    weight_history: float = 0.0
    weight_potential: float = 0.0
    weight_equal: float = 0.0
    seasonality: tuple[float, ...] | None = None  # 12 indices from the sheet, if given


@dataclass
class TargetInputs:
    """Everything the breakdown needs, already checked: reps and products known, keys set."""

    year: int
    reps: pd.DataFrame  # rep, region, seller_kind, supervisor
    products: pd.DataFrame  # product, product_name, category
    plans: dict[str, MetricPlan]
    history: pd.DataFrame | None = None  # rep, product, metric, m01..m12
    potential: pd.DataFrame | None = None  # rep, region, product, potential_index
    overrides: pd.DataFrame | None = None  # metric, rep, product, month, value, cell
    actuals: pd.DataFrame | None = None  # date, rep, product, metric, value
    funnel: pd.DataFrame | None = None  # rep + FUNNEL_KEYS
    lang: str = "en"


# the audit note (a catalogue key, area targets) of each share and seasonality source
SPLIT_NOTES = {"history": "split_history", "potential": "split_potential"}
FALLBACK_NOTES = {"history": "fallback_history", "potential": "fallback_potential",
                  "blend": "fallback_blend"}
SEASON_NOTES = {"sheet": "season_sheet", "history": "season_history", "flat": "season_flat"}


@dataclass(frozen=True)
class Note:
    """An explanation for the audit sheet: a catalogue key (area targets) and its
    parameters (metric keys,
    method keys and numbers; the writer puts them into words)."""

    metric: str
    key: str
    params: dict = field(default_factory=dict)


# -- results ----------------------------------------------------------------------------
@dataclass
class MetricResult:
    plan: MetricPlan
    units: int  # whole units placed (company total / unit)
    cells: np.ndarray  # (reps, products, 12) int64 units
    exact: np.ndarray  # (reps, products, 12) exact shares in units (locks included)
    locked: np.ndarray  # (reps, products, 12) bool
    weights: dict[str, float]  # history / potential / equal weights actually used
    season: np.ndarray  # (12,) indices summing to 12
    season_source: str  # sheet | history | flat
    locked_units: int = 0
    rebalance: float = 1.0
    notes: list[Note] = field(default_factory=list)

    @property
    def metric(self) -> str:
        return self.plan.metric

    @property
    def unit(self) -> float:
        return self.plan.unit

    @property
    def decimals(self) -> int:
        return unit_decimals(self.plan.unit)

    def money(self, units: np.ndarray | int) -> np.ndarray:
        """Units to the metric's currency (or count), without float dust."""
        return np.round(np.asarray(units, dtype=np.float64) * self.plan.unit, self.decimals)

    @property
    def total(self) -> float:
        return float(self.money(self.units))


@dataclass
class Breakdown:
    """The split of every metric over the same reps (grouped by region) and products."""

    year: int
    reps: pd.DataFrame  # ordered: regions in order of first appearance, reps as listed
    products: pd.DataFrame
    regions: list[str]
    rep_region: np.ndarray  # (reps,) index into regions
    metrics: dict[str, MetricResult]
    lang: str = "en"

    @property
    def rep_names(self) -> list[str]:
        return self.reps["rep"].tolist()

    @property
    def product_codes(self) -> list[str]:
        return self.products["product"].tolist()

    def region_slices(self) -> list[tuple[str, int, int]]:
        """(region, first rep index, last rep index + 1): regions are contiguous."""
        out = []
        for g, name in enumerate(self.regions):
            idx = np.flatnonzero(self.rep_region == g)
            out.append((name, int(idx[0]), int(idx[-1]) + 1))
        return out

    def totals(self) -> dict[str, float]:
        """Each metric's company total (what --json prints as totals)."""
        return {k: _plain(m.total) for k, m in self.metrics.items()}

    def records(self) -> pd.DataFrame:
        """The long table: one row per metric × rep × product × month (months 1-12)."""
        s, p = len(self.reps), len(self.products)
        n = s * p * 12
        reps = np.asarray(self.rep_names, dtype=object)
        regions = np.asarray([self.regions[g] for g in self.rep_region], dtype=object)
        products = np.asarray(self.product_codes, dtype=object)
        frames = [pd.DataFrame({
            "metric": np.full(n, key, dtype=object),
            "rep": np.repeat(reps, p * 12),
            "region": np.repeat(regions, p * 12),
            "product": np.tile(np.repeat(products, 12), s),
            "month": np.tile(np.arange(1, 13, dtype=np.int64), s * p),
            "value": m.money(m.cells).ravel(),
        }) for key, m in self.metrics.items()]
        if not frames:
            return pd.DataFrame(columns=["metric", "rep", "region", "product", "month", "value"])
        return pd.concat(frames, ignore_index=True)


def long_breakdown(wide: pd.DataFrame) -> pd.DataFrame:
    """The breakdown sheet as read (one row per metric × rep × product, months m01..m12 as
    columns) to the long table: metric, rep, region, product, month (1-12), value.

    For readers of a written breakdown (the weekly rollup's month targets): the sheet is
    wide because 500 reps × 50 products × 12 months × 4 metrics do not fit Excel's rows.
    """
    keys = [k for k in ("metric", "rep", "region", "product") if k in wide.columns]
    out = wide.melt(id_vars=keys, value_vars=[k for k in MONTH_KEYS if k in wide.columns],
                    var_name="month", value_name="value")
    out["month"] = out["month"].str[1:].astype("int64")
    out["value"] = out["value"].astype("float64").fillna(0.0)
    return out.sort_values([*keys, "month"], kind="stable").reset_index(drop=True)


def unit_decimals(unit: float) -> int:
    """Decimal places a rounding unit has (100 -> 0, 0.5 -> 1, 0.01 -> 2)."""
    exp = Decimal(repr(float(unit))).normalize().as_tuple().exponent
    return max(0, -int(exp))


def _plain(x: float) -> float | int:
    return int(x) if float(x).is_integer() else float(x)


# -- shares -----------------------------------------------------------------------------
def order_reps(reps: pd.DataFrame) -> tuple[pd.DataFrame, list[str], np.ndarray]:
    """Reps grouped by region (regions in order of first appearance, reps as listed), so
    that every region is a contiguous block for rounding and for the SUM formulas."""
    regions = list(dict.fromkeys(reps["region"].tolist()))
    code = reps["region"].map({r: i for i, r in enumerate(regions)}).to_numpy()
    order = np.argsort(code, kind="stable")
    return reps.iloc[order].reset_index(drop=True), regions, code[order].astype(np.int64)


def history_cube(history: pd.DataFrame | None, reps: list[str], products: list[str],
                 metric: str) -> np.ndarray:
    """Last year's actuals of one metric as a (reps, products, 12) array; rows repeating a
    rep and product are added."""
    cube = np.zeros((len(reps), len(products), 12))
    if history is None or history.empty:
        return cube
    h = history[history["metric"] == metric]
    if h.empty:
        return cube
    r = h["rep"].map({n: i for i, n in enumerate(reps)})
    p = h["product"].map({n: i for i, n in enumerate(products)})
    ok = r.notna() & p.notna()
    values = h.loc[ok, list(MONTH_KEYS)].astype("float64").fillna(0.0).to_numpy()
    np.add.at(cube, (r[ok].astype(int).to_numpy(), p[ok].astype(int).to_numpy()), values)
    return cube


def potential_weights(potential: pd.DataFrame | None, reps: list[str], rep_region: np.ndarray,
                      regions: list[str], products: list[str]) -> np.ndarray:
    """(reps, products) weights from the potential sheet.

    Each row covers a rep (or every rep of a region) and a product (or every product);
    a cell takes the most specific row that covers it (rep before region, a named product
    before all products) and each row's index is spread evenly over the cells it got.
    """
    s, p = len(reps), len(products)
    w = np.zeros((s, p))
    if potential is None or potential.empty:
        return w
    rep_ix = {n: i for i, n in enumerate(reps)}
    reg_ix = {n: i for i, n in enumerate(regions)}
    prod_ix = {n: i for i, n in enumerate(products)}
    owner = np.full((s, p), -1, dtype=np.int64)
    rows = potential.reset_index(drop=True)
    rep_i = rows["rep"].map(rep_ix)
    reg_i = rows["region"].map(reg_ix)
    prod_i = rows["product"].map(prod_ix)
    has_rep = rep_i.notna().to_numpy()
    has_prod = prod_i.notna().to_numpy()
    ids = np.arange(len(rows))
    # least specific first; later (more specific) assignments overwrite
    sel = ~has_rep & ~has_prod & reg_i.notna().to_numpy()
    if sel.any():
        by_region = np.full(len(regions), -1)
        by_region[reg_i[sel].astype(int).to_numpy()] = ids[sel]
        cand = by_region[rep_region][:, None].repeat(p, axis=1)
        owner = np.where(cand >= 0, cand, owner)
    sel = ~has_rep & has_prod & reg_i.notna().to_numpy()
    if sel.any():
        by_rp = np.full((len(regions), p), -1)
        by_rp[reg_i[sel].astype(int).to_numpy(), prod_i[sel].astype(int).to_numpy()] = ids[sel]
        cand = by_rp[rep_region]
        owner = np.where(cand >= 0, cand, owner)
    sel = has_rep & ~has_prod
    if sel.any():
        owner[rep_i[sel].astype(int).to_numpy()] = ids[sel][:, None]
    sel = has_rep & has_prod
    if sel.any():
        owner[rep_i[sel].astype(int).to_numpy(), prod_i[sel].astype(int).to_numpy()] = ids[sel]
    covered = owner >= 0
    if not covered.any():
        return w
    counts = np.bincount(owner[covered], minlength=len(rows))
    values = rows["potential_index"].astype("float64").fillna(0.0).clip(lower=0).to_numpy()
    w[covered] = values[owner[covered]] / counts[owner[covered]]
    return w


def shares(plan: MetricPlan, hist: np.ndarray, potential: np.ndarray
           ) -> tuple[np.ndarray, dict[str, float], list[Note]]:
    """(reps, products) shares summing to 1, the weights used, and what was done why."""
    s, p = potential.shape
    notes: list[Note] = []
    equal = np.full((s, p), 1.0 / (s * p))
    hist_year = np.clip(hist.sum(axis=2), 0, None)
    bases: dict[str, np.ndarray | None] = {
        "history": hist_year / hist_year.sum() if hist_year.sum() > 0 else None,
        "potential": potential / potential.sum() if potential.sum() > 0 else None,
        "equal": equal,
    }
    totals = {"history": float(hist_year.sum()), "potential": float(potential.sum())}
    if plan.method in ("history", "potential"):
        base = bases[plan.method]
        if base is None:
            notes.append(Note(plan.metric, FALLBACK_NOTES[plan.method],
                              {"method": plan.method}))
            notes.append(Note(plan.metric, "split_equal", {"cells": s * p}))
            return equal, {"history": 0.0, "potential": 0.0, "equal": 1.0}, notes
        notes.append(Note(plan.metric, SPLIT_NOTES[plan.method],
                          {"total": totals[plan.method]}))
        w = {"history": 0.0, "potential": 0.0, "equal": 0.0}
        w[plan.method] = 1.0
        return base, w, notes
    if plan.method == "blend":
        raw = {"history": max(plan.weight_history or 0.0, 0.0),
               "potential": max(plan.weight_potential or 0.0, 0.0),
               "equal": max(plan.weight_equal or 0.0, 0.0)}
        missing = [k for k in ("history", "potential") if raw[k] > 0 and bases[k] is None]
        if missing:
            notes.append(Note(plan.metric, "blend_dropped", {"parts": missing}))
            for k in missing:
                raw[k] = 0.0
        total = sum(raw.values())
        if total <= 0:
            notes.append(Note(plan.metric, "fallback_blend", {"method": "blend"}))
            notes.append(Note(plan.metric, "split_equal", {"cells": s * p}))
            return equal, {"history": 0.0, "potential": 0.0, "equal": 1.0}, notes
        w = {k: v / total for k, v in raw.items()}
        share = sum(w[k] * bases[k] for k in w if w[k] > 0)
        notes.append(Note(plan.metric, "split_blend",
                          {"wh": w["history"], "wp": w["potential"], "we": w["equal"]}))
        for k in ("history", "potential"):
            if w[k] > 0:
                notes.append(Note(plan.metric, SPLIT_NOTES[k], {"total": totals[k]}))
        return share, w, notes
    notes.append(Note(plan.metric, "split_equal", {"cells": s * p}))
    return equal, {"history": 0.0, "potential": 0.0, "equal": 1.0}, notes


def seasonality(plan: MetricPlan, hist: np.ndarray) -> tuple[np.ndarray, str]:
    """Month weights summing to 1 and where they came from (sheet, history or flat)."""
    if plan.seasonality is not None:
        given = np.clip(np.asarray(plan.seasonality, dtype=np.float64), 0, None)
        if given.sum() > 0:
            return given / given.sum(), "sheet"
    months = np.clip(hist.sum(axis=(0, 1)), 0, None)
    if months.sum() > 0:
        return months / months.sum(), "history"
    return np.full(12, 1.0 / 12), "flat"


# -- locks ------------------------------------------------------------------------------
def lock_arrays(plan: MetricPlan, overrides: pd.DataFrame | None, reps: list[str],
                products: list[str], lang: str) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """(locked mask, locked units, the locks used) for one metric; impossible locks raise
    ConfigError naming their cells."""
    s, p = len(reps), len(products)
    mask = np.zeros((s, p, 12), dtype=bool)
    units = np.zeros((s, p, 12), dtype=np.int64)
    empty = pd.DataFrame(columns=["metric", "rep", "product", "month", "value", "cell"])
    if overrides is None or overrides.empty:
        return mask, units, empty
    o = overrides[overrides["metric"] == plan.metric].copy()
    if o.empty:
        return mask, units, empty
    label = metric_choice(plan.metric)
    o["value"] = o["value"].astype("float64")
    negative = o[o["value"] < 0]
    if not negative.empty:
        raise ConfigError("targets.lock_negative", metric=label,
                          cells=negative["cell"].tolist())
    ratio = o["value"] / plan.unit
    off = (ratio - ratio.round()).abs() > 1e-9 * np.maximum(1.0, ratio.abs())
    if off.any():
        bad = o[off.to_numpy()]
        raise ConfigError("targets.lock_not_whole_units", metric=label,
                               value=_fmt(bad["value"].iloc[0]), unit=_fmt(plan.unit),
                          cells=bad["cell"].tolist())
    o["units"] = ratio.round().astype(np.int64)
    key = ["rep", "product", "month"]
    clash = o.groupby(key, sort=False)["units"].transform("nunique") > 1
    if clash.any():
        raise ConfigError("targets.lock_conflict", metric=label,
                          cells=o.loc[clash, "cell"].tolist())
    o = o.drop_duplicates(key, keep="first")
    r = o["rep"].map({n: i for i, n in enumerate(reps)}).astype(int).to_numpy()
    pi = o["product"].map({n: i for i, n in enumerate(products)}).astype(int).to_numpy()
    m = o["month"].astype(int).to_numpy() - 1
    mask[r, pi, m] = True
    units[r, pi, m] = o["units"].to_numpy()
    return mask, units, o.drop(columns=["units"]).reset_index(drop=True)


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


# -- rounding ---------------------------------------------------------------------------
def round_rows(exact: np.ndarray, row_totals: np.ndarray, col_targets: np.ndarray
               ) -> np.ndarray:
    """A whole-unit matrix with the given row totals whose cells are their exact values
    rounded down or up, with column totals brought to `col_targets` where possible."""
    lo, hi = bounds(exact)
    frac = np.where(hi > lo, snap(exact) - lo, 0.0)
    value = lo.copy()
    ups = np.asarray(row_totals, dtype=np.int64) - lo.sum(axis=1)
    order = np.argsort(-np.where(frac > 0, frac, -1.0), axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.broadcast_to(np.arange(exact.shape[1]), order.shape), 1)
    value += (rank < ups[:, None]) & (frac > 0)
    rebalance_columns(value, lo, hi, col_targets,
                      score=lambda rows, i, j: frac[rows, j] - frac[rows, i])
    return value


def round_cells(exact: np.ndarray, total: int) -> np.ndarray:
    """Whole units for a (reps, products, 12) array of exact shares summing to `total`.

    1. Cumulative rounding over rep × product years in region → rep → product order:
       every region, rep and rep × product year is within one unit of its exact share.
    2. Product totals are brought to their own rounding by moving units between a rep's
       products (rep totals unchanged).
    3. The product × month table is rounded with those product totals and the company
       month totals (cumulative over the months, so quarters hold too) as its margins.
    4. Product by product, each rep × product year is spread over the months: floors plus
       one for the months where the rep is furthest behind its exact share, then moved
       between months (rep × product years unchanged) until the product's month totals
       match step 3, preferring moves that also even out the rep's month totals.
    Each cell ends as its exact share rounded down or up.
    """
    s, p, m = exact.shape
    x = snap(np.clip(exact, 0, None))
    if s * p == 0:
        return np.zeros(exact.shape, dtype=np.int64)
    year = snap(x.sum(axis=2))
    # 1. + 2. years per rep × product
    yr = cumulative_round(year.ravel(), total).reshape(s, p)
    ylo, yhi = bounds(year)
    yfrac = year - ylo
    if p > 1:
        rebalance_columns(yr, ylo, yhi, cumulative_round(year.sum(axis=0), total),
                          score=lambda rows, i, j: yfrac[rows, j] - yfrac[rows, i])
    # 3. product × month
    month_total = cumulative_round(x.sum(axis=(0, 1)), total)
    product_month = round_rows(x.sum(axis=0), yr.sum(axis=0), month_total)
    # 4. rep × month within each product
    lo, hi = bounds(x)
    frac = np.where(hi > lo, x - lo, 0.0)
    ups = yr - lo.sum(axis=2)  # how many months of each row round up
    cells = lo.copy()
    owed = np.zeros((s, m))  # rep × month: exact so far - given so far
    months = np.broadcast_to(np.arange(m), (s, m))
    for j in range(p):
        f, xj = frac[:, j, :], x[:, j, :]
        order = np.argsort(-np.where(f > 0, owed + f, -np.inf), axis=1, kind="stable")
        rank = np.empty_like(order)
        np.put_along_axis(rank, order, months, axis=1)
        block = cells[:, j, :]
        block += (rank < ups[:, j, None]) & (f > 0)

        def prefer(rows: np.ndarray, a: int, b: int, block=block, xj=xj, f=f, owed=owed
                   ) -> np.ndarray:
            over_a = block[rows, a] - xj[rows, a] - owed[rows, a]
            over_b = block[rows, b] - xj[rows, b] - owed[rows, b]
            return over_a - over_b + 0.5 * (f[rows, b] - f[rows, a])

        rebalance_columns(block, lo[:, j, :], hi[:, j, :], product_month[j], score=prefer)
        owed += xj - block
    # safety net: the month totals again, then any row float noise could have upset
    rebalance_columns(cells.reshape(s * p, m), lo.reshape(s * p, m), hi.reshape(s * p, m),
                      month_total)
    wrong = np.argwhere(cells.sum(axis=2) != yr)  # never seen; float noise at a boundary
    for a, c in wrong:
        cells[a, c, :] = largest_remainder(x[a, c, :], int(yr[a, c]))
    return cells


# -- the breakdown ----------------------------------------------------------------------
def compute_breakdown(inputs: TargetInputs) -> Breakdown:
    """Split every planned metric; raises ConfigError for locks that cannot be honoured."""
    reps, regions, rep_region = order_reps(inputs.reps)
    rep_names = reps["rep"].tolist()
    products = inputs.products.reset_index(drop=True)
    product_codes = products["product"].tolist()
    pot = potential_weights(inputs.potential, rep_names, rep_region, regions, product_codes)
    results: dict[str, MetricResult] = {}
    for metric in METRIC_KEYS:
        plan = inputs.plans.get(metric)
        if plan is None:
            continue
        result = _split_metric(plan, inputs, rep_names, product_codes, pot)
        for level, row in rounding_summary_one(result, rep_region).iterrows():
            if level in SOFT_LEVELS and row["beyond_one"] > 0:
                result.notes.append(Note(metric, "rounding_drift",
                                         {"level": level, "count": int(row["beyond_one"]),
                                          "max": float(row["max_adjustment"])}))
        results[metric] = result
    return Breakdown(inputs.year, reps, products, regions, rep_region, results, inputs.lang)


def _split_metric(plan: MetricPlan, inputs: TargetInputs, reps: list[str],
                  products: list[str], pot: np.ndarray) -> MetricResult:
    hist = history_cube(inputs.history, reps, products, plan.metric)
    share, weights, notes = shares(plan, hist, pot)
    month, source = seasonality(plan, hist)
    notes.append(Note(plan.metric, SEASON_NOTES[source]))
    n = round(plan.target / plan.unit)
    if abs(n * plan.unit - plan.target) > 1e-9 * max(1.0, abs(plan.target)):
        notes.append(Note(plan.metric, "target_rounded",
                          {"given": plan.target, "unit": plan.unit, "used": n * plan.unit}))
    exact = n * share[:, :, None] * month[None, None, :]
    locked, locked_units, _ = lock_arrays(plan, inputs.overrides, reps, products, inputs.lang)
    factor = 1.0
    free_total = n
    if locked.any():
        label = metric_choice(plan.metric)
        used = int(locked_units.sum())
        cells_text = _lock_cells(inputs.overrides, plan.metric)
        free_total = n - used
        if free_total < 0:
            raise ConfigError("targets.locks_exceed_target", metric=label,
                                   locked=_fmt(used * plan.unit), target=_fmt(n * plan.unit),
                                   cells=cells_text)
        free_exact = float(exact[~locked].sum())
        if free_total > 0 and free_exact <= 0:
            raise ConfigError("targets.locks_no_room", metric=label,
                                   locked=_fmt(used * plan.unit), target=_fmt(n * plan.unit),
                                   cells=cells_text)
        factor = free_total / free_exact if free_exact > 0 else 0.0
        exact = np.where(locked, 0.0, exact * factor)
        notes.append(Note(plan.metric, "locks",
                          {"count": int(locked.sum()), "total": used * plan.unit,
                           "factor": factor}))
    cells = round_cells(exact, free_total)
    if locked.any():
        cells = cells + locked_units
        exact = exact + locked_units
    notes.append(Note(plan.metric, "rounding",
                      {"target": n * plan.unit, "units": n, "unit": plan.unit}))
    return MetricResult(plan, n, cells, exact, locked, weights, month * 12, source,
                        int(locked_units.sum()), factor, notes)


def _lock_cells(overrides: pd.DataFrame | None, metric: str) -> list[str]:
    if overrides is None or overrides.empty:
        return []
    return overrides.loc[overrides["metric"] == metric, "cell"].astype(str).tolist()


# -- audit ------------------------------------------------------------------------------
LEVEL_KEYS = ("company", "region", "rep", "product", "month", "quarter", "rep_product",
              "rep_month", "region_quarter", "product_month", "cell")
HARD_LEVELS = ("company", "region", "rep", "rep_product", "cell")  # within one unit always
SOFT_LEVELS = ("product", "month", "quarter", "rep_month", "region_quarter", "product_month")


def _region_sum(a: np.ndarray, rep_region: np.ndarray, groups: int) -> np.ndarray:
    """Sum the first axis (reps) into regions."""
    out = np.zeros((groups, *a.shape[1:]))
    np.add.at(out, rep_region, a)
    return out


def level_arrays(cells: np.ndarray, exact: np.ndarray, rep_region: np.ndarray | None = None
                 ) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """level -> (targets, exact shares), both in units, for every level of the audit."""
    s = cells.shape[0]
    if rep_region is None:
        rep_region = np.zeros(s, dtype=np.int64)
    g = int(rep_region.max()) + 1 if s else 0
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    c, e = cells.astype(np.float64), exact
    out["cell"] = (c, e)
    out["rep_product"] = (c.sum(2), e.sum(2))
    out["rep_month"] = (c.sum(1), e.sum(1))
    out["product_month"] = (c.sum(0), e.sum(0))
    out["rep"] = (c.sum((1, 2)), e.sum((1, 2)))
    out["product"] = (c.sum((0, 2)), e.sum((0, 2)))
    out["month"] = (c.sum((0, 1)), e.sum((0, 1)))
    out["quarter"] = (out["month"][0].reshape(4, 3).sum(1), out["month"][1].reshape(4, 3).sum(1))
    rm = (_region_sum(out["rep_month"][0], rep_region, g),
          _region_sum(out["rep_month"][1], rep_region, g))
    out["region"] = (rm[0].sum(1), rm[1].sum(1))
    out["region_quarter"] = (rm[0].reshape(g, 4, 3).sum(2), rm[1].reshape(g, 4, 3).sum(2))
    out["company"] = (np.array([c.sum()]), np.array([e.sum()]))
    return out


def rounding_summary_one(result: MetricResult, rep_region: np.ndarray | None = None
                         ) -> pd.DataFrame:
    """Per level: how many entries rounded up, down or not at all, the largest deviation
    from the exact share (in units) and how many are off by more than one unit."""
    rows = {}
    for level, (t, e) in level_arrays(result.cells, result.exact, rep_region).items():
        d = t - e
        rows[level] = {
            "entries": int(d.size),
            "rounded_up": int((d > TOL).sum()),
            "rounded_down": int((d < -TOL).sum()),
            "exact_hits": int((np.abs(d) <= TOL).sum()),
            "max_adjustment": float(np.abs(d).max()) if d.size else 0.0,
            "beyond_one": int((np.abs(d) > 1 + TOL).sum()),
        }
    return pd.DataFrame.from_dict(rows, orient="index").loc[list(LEVEL_KEYS)]


def rounding_summary(b: Breakdown) -> pd.DataFrame:
    """`rounding_summary_one` of every metric, one table (metric and level as columns)."""
    frames = []
    for key, m in b.metrics.items():
        f = rounding_summary_one(m, b.rep_region)
        f.insert(0, "level", f.index)
        f.insert(0, "metric", key)
        frames.append(f.reset_index(drop=True))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def level_table(b: Breakdown) -> pd.DataFrame:
    """Every company, region, rep, product, month and quarter total with its exact share
    and the rounding adjustment that made it whole (units and currency)."""
    rows = []
    names = {
        "company": [""],
        "region": b.regions,
        "rep": b.rep_names,
        "product": b.product_codes,
        "month": list(MONTH_KEYS),
        "quarter": [f"q{q}" for q in range(1, 5)],
    }
    rep_regions = [b.regions[g] for g in b.rep_region]
    for key, m in b.metrics.items():
        levels = level_arrays(m.cells, m.exact, b.rep_region)
        for level, labels in names.items():
            t, e = levels[level]
            for i, name in enumerate(labels):
                rows.append({
                    "metric": key, "level": level,
                    "region": rep_regions[i] if level == "rep" else
                    (name if level == "region" else None),
                    "name": name,
                    "exact": float(e[i]) * m.unit,
                    "target": float(m.money(t[i])),
                    "adjustment": (float(t[i]) - float(e[i])) * m.unit,
                    "adjustment_units": float(t[i]) - float(e[i]),
                })
    return pd.DataFrame(rows)


# -- progress against time --------------------------------------------------------------
PROGRESS_LEVELS = ("company", "region", "rep", "product")


@dataclass
class Progress:
    as_of: dt.date | None
    time: dict[str, float]  # period -> share of it elapsed
    table: pd.DataFrame  # metric, level, region, name, {period}_target/_actual/_achievement
    note: str | None = None  # catalogue key (targets.<note>) when there is nothing to show


def progress(b: Breakdown, actuals: pd.DataFrame | None, as_of: dt.date,
             workweek: int = WORKWEEK) -> Progress:
    """Achievement (actual to date ÷ the period's target) for week, month, quarter and
    year to date, by company, region, rep and product, beside the time elapsed.

    The rule is `addin.core.achievement`'s, the one the weekly rollup and the monthly
    control use: a period's target is each month's target × the share of the month the
    period covers, to the cent."""
    year_start, year_end = dt.date(b.year, 1, 1), dt.date(b.year, 12, 31)
    if as_of < year_start:
        return Progress(as_of, dict.fromkeys(PERIODS, 0.0), pd.DataFrame(), "before_year")
    as_of = min(as_of, year_end)
    time = {p: period_progress(p, as_of, workweek) for p in PERIODS}
    if actuals is None or actuals.empty:
        return Progress(as_of, time, pd.DataFrame(), "no_actuals")
    if not b.metrics:
        return Progress(as_of, time, pd.DataFrame(), "no_actuals")
    table = pd.concat([pd.DataFrame({"metric": key, "level": level,
                                     "region": _level_regions(b, level),
                                     "name": _level_names(b, level)})
                       for key in b.metrics for level in PROGRESS_LEVELS], ignore_index=True)
    keys = ["metric", "level", "name"]  # as positions: metric, level, entry of the level
    index = pd.MultiIndex.from_frame(_level_positions(b))
    monthly, done = _level_months(b), _level_actuals(b, actuals)
    for period in PERIODS:
        first = max(period_bounds(period, as_of)[0], year_start)
        weights = month_weights(period, as_of, b.year, workweek)
        target = period_target(monthly, weights, keys).reindex(index).fillna(0.0)
        actual = actual_to_date(done, first, as_of, keys).reindex(index).fillna(0.0)
        table[f"{period}_target"] = target.to_numpy()
        table[f"{period}_actual"] = actual.to_numpy()
        table[f"{period}_achievement"] = ratio(actual, target).to_numpy()
    return Progress(as_of, time, table)


def _level_names(b: Breakdown, level: str) -> list:
    return {"company": [""], "region": b.regions, "rep": b.rep_names,
            "product": b.product_codes}[level]


def _level_regions(b: Breakdown, level: str) -> list:
    if level == "rep":
        return [b.regions[i] for i in b.rep_region]
    return b.regions if level == "region" else [None] * len(_level_names(b, level))


def _level_positions(b: Breakdown) -> pd.DataFrame:
    """metric, level, name as positions (metric's order, PROGRESS_LEVELS, entry of the
    level): the rows of the progress table, in its order."""
    parts = [(m, lv, np.arange(len(_level_names(b, level))))
             for m in range(len(b.metrics)) for lv, level in enumerate(PROGRESS_LEVELS)]
    return pd.DataFrame({"metric": np.concatenate([np.full(len(i), m) for m, _, i in parts]),
                         "level": np.concatenate([np.full(len(i), lv) for _, lv, i in parts]),
                         "name": np.concatenate([i for _, _, i in parts])})


def _level_months(b: Breakdown) -> pd.DataFrame:
    """The month targets period targets are made from, at every level of every metric:
    metric, level, name (as positions), month (1-12), value (the metric's currency)."""
    frames = []
    for mi, m in enumerate(b.metrics.values()):
        money = m.money(m.cells)
        by_level = (money.sum((0, 1))[None, :],
                    _region_sum(money.sum(1), b.rep_region, len(b.regions)),
                    money.sum(1), money.sum(0))
        for lv, values in enumerate(by_level):
            n = values.shape[0]
            frames.append(pd.DataFrame({"metric": mi, "level": lv,
                                        "name": np.repeat(np.arange(n), 12),
                                        "month": np.tile(np.arange(1, 13), n),
                                        "value": values.ravel()}))
    return pd.concat(frames, ignore_index=True)


def _level_actuals(b: Breakdown, actuals: pd.DataFrame) -> pd.DataFrame:
    """The actuals of known reps once for every level they count at: metric, level, name
    (as positions), date, value. A row that names no known product counts for its rep
    only; a metric without a target counts nowhere."""
    metric = actuals["metric"].map({k: i for i, k in enumerate(b.metrics)})
    rep = actuals["rep"].map({n: i for i, n in enumerate(b.rep_names)})
    a = actuals[metric.notna().to_numpy() & rep.notna().to_numpy()]
    rep = rep[a.index].astype("int64").to_numpy()
    names = (np.zeros(len(a)), b.rep_region[rep], rep,
             a["product"].map({n: i for i, n in enumerate(b.product_codes)})
             .astype("float64").to_numpy())
    dates = pd.to_datetime(a["date"]).dt.date.to_numpy()
    values = a["value"].astype("float64").fillna(0.0).to_numpy()
    metric = metric[a.index].astype("int64").to_numpy()
    return pd.concat([pd.DataFrame({"metric": metric, "level": lv, "name": names[lv],
                                    "date": dates, "value": values})
                      for lv in range(len(PROGRESS_LEVELS))], ignore_index=True)


# -- activity targets -------------------------------------------------------------------
@dataclass
class Activity:
    rates: pd.DataFrame  # region, rep, basis, completion_rate ... sales_per_call
    plan: pd.DataFrame  # region, rep, basis, month, revenue_target, ... visits_per_week
    team_reps: list[str]  # reps who had no funnel of their own
    note: str | None = None


RATE_STEPS = (  # rate -> (numerator, denominator) along the funnel
    ("completion_rate", "calls_completed", "calls_dialled"),
    ("appointment_rate", "appointments", "calls_completed"),
    ("presentation_rate", "presentations", "appointments"),
    ("close_rate", "sales_closed", "presentations"),
)


def funnel_rates(f: dict[str, float]) -> dict[str, float] | None:
    """Conversion rates of one funnel, or None when a stage is missing or zero."""
    if any(not (f.get(k) or 0) > 0 for k in FUNNEL_KEYS):
        return None
    out = {name: f[num] / f[den] for name, num, den in RATE_STEPS}
    out["avg_sale"] = f["sales_amount"] / f["sales_closed"]
    out["sales_per_call"] = f["sales_amount"] / f["calls_dialled"]
    return out


def _need(x: float) -> int:
    """Whole activities needed: always round up (0.2 of a call is still a call)."""
    return math.ceil(round(x, 6))


def activity_targets(b: Breakdown, funnel: pd.DataFrame | None) -> Activity:
    """Back-solve, month by month, the calls and visits each rep's revenue target needs
    from the rep's own funnel (the team's pooled rates when the rep has none):
    sales = target ÷ average sale, presentations = sales ÷ close rate, visits
    (appointments) = presentations ÷ presentation rate, calls completed = visits ÷
    appointment rate, calls dialled = completed ÷ completion rate."""
    cols_rates = ["region", "rep", "basis", *(r[0] for r in RATE_STEPS), "avg_sale",
                  "sales_per_call"]
    if "revenue" not in b.metrics:
        return Activity(pd.DataFrame(columns=cols_rates), pd.DataFrame(), [], "no_revenue")
    own: dict[str, dict[str, float]] = {}
    pooled = dict.fromkeys(FUNNEL_KEYS, 0.0)
    if funnel is not None and not funnel.empty:
        sums = funnel.groupby("rep", sort=False)[list(FUNNEL_KEYS)].sum(min_count=1)
        for rep, row in sums.iterrows():
            f = {k: float(row[k]) if pd.notna(row[k]) else 0.0 for k in FUNNEL_KEYS}
            rates = funnel_rates(f)
            if rates is not None:
                own[str(rep)] = rates
                for k in FUNNEL_KEYS:
                    pooled[k] += f[k]
    team = funnel_rates(pooled)
    if team is None and not own:
        return Activity(pd.DataFrame(columns=cols_rates), pd.DataFrame(), [], "no_funnel")
    m = b.metrics["revenue"]
    rep_month = m.money(m.cells.sum(axis=1))  # (reps, 12)
    days = np.array([calendar.monthrange(b.year, k)[1] for k in range(1, 13)])
    rate_rows, plan_rows, team_reps = [], [], []
    for i, rep in enumerate(b.rep_names):
        region = b.regions[b.rep_region[i]]
        rates, basis = (own[rep], "own") if rep in own else (team, "team")
        if rates is None:
            continue
        if basis == "team":
            team_reps.append(rep)
        rate_rows.append({"region": region, "rep": rep, "basis": basis, **rates})
        for k in range(12):
            target = float(rep_month[i, k])
            sales = target / rates["avg_sale"]
            presentations = sales / rates["close_rate"]
            visits = presentations / rates["presentation_rate"]
            completed = visits / rates["appointment_rate"]
            dialled = completed / rates["completion_rate"]
            weeks = days[k] / 7.0
            plan_rows.append({
                "region": region, "rep": rep, "basis": basis, "month": MONTH_KEYS[k],
                "revenue_target": target, "sales_needed": _need(sales),
                "presentations_needed": _need(presentations), "visits_needed": _need(visits),
                "calls_completed_needed": _need(completed), "calls_needed": _need(dialled),
                "weeks": weeks, "calls_per_week": _need(dialled / weeks),
                "visits_per_week": _need(visits / weeks),
            })
    return Activity(pd.DataFrame(rate_rows, columns=cols_rates), pd.DataFrame(plan_rows),
                    team_reps)
