"""Read a filled targets workbook and check it: the breakdown's typed inputs and the
problems found, each naming its sheet and cell.

A row that cannot be used is left out and said, never guessed into a zero: every rep and
product a row names must be on the reps and products sheets. What is left is a
`TargetInputs` the engine can trust (`addin.core.targets`). A workbook that cannot be used
at all (not a targets workbook, no rep, no product, no target) raises InputError.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..catalogue import msg
from ..core.targets import MONTH_KEYS, MetricPlan, TargetInputs
from ..errors import InputError
from ..problems import Problem, Severity
from ..schema import WorkbookSpec, workbook
from ..schema.targets import FUNNEL_KEYS, metric_choice
from .reader import MAX_ROWS, WorkbookData, empty_frame, read_workbook

W, E = Severity.WARNING, Severity.ERROR


@dataclass
class TargetsRead:
    """What a targets workbook holds: the checked inputs, the problems found and the input
    sheets as read (so the output can be a complete targets workbook again)."""

    inputs: TargetInputs
    problems: list[Problem]
    sheets: dict[str, dict] = field(default_factory=dict)


@dataclass(frozen=True)
class _Known:
    """The names a row of the other sheets may use."""

    reps: set
    regions: set
    products: set


def read_targets(path: str | Path, *, today: dt.date | None = None) -> TargetsRead:
    """The checked inputs of the targets workbook at `path`; `today` gives the year when
    the settings leave it blank. InputError when the workbook cannot be used at all."""
    path = Path(path)
    data = _open(path)
    ck = _Checker(data)
    year = _year(ck, today)
    reps = _reps(ck)
    products = _products(ck)
    plans = _plans(ck)
    known = _Known(set(reps["rep"]), set(reps["region"]), set(products["product"]))
    inputs = TargetInputs(
        year=year,
        reps=reps[["rep", "region", "seller_kind", "supervisor"]].reset_index(drop=True),
        products=products[["product", "product_name", "category"]].reset_index(drop=True),
        plans=plans,
        history=_history(ck, known),
        potential=_potential(ck, known),
        overrides=_overrides(ck, known, plans),
        actuals=_actuals(ck, known, year),
        funnel=_funnel(ck, known),
        lang=ck.lang,
    )
    return TargetsRead(inputs, ck.problems, input_sheets(data, ck.spec))


def input_sheets(data: WorkbookData | None, spec: WorkbookSpec) -> dict[str, dict]:
    """What was read from the input sheets, shaped for `lay_out_sheet` (so the output
    stays a complete targets workbook that `salesbook targets` can read again)."""
    content: dict[str, dict] = {}
    for sheet in spec.sheets:
        if sheet.role == "output":
            continue
        sd = data.sheets.get(sheet.key) if data is not None else None
        if sd is None:
            continue
        tables = {}
        for t in sheet.tables:
            df = sd.tables.get(t.key)
            if df is not None:
                tables[t.key] = df.drop(columns=["_row"], errors="ignore")
        content[sheet.key] = {"fields": dict(sd.fields), "tables": tables}
    return content


# -- the sheets, in the order their problems are listed -----------------------------------
def _open(path: Path) -> WorkbookData:
    if not path.exists():
        raise InputError("targets.missing", path=path)
    data = read_workbook(path, "targets")
    if not data.readable:
        raise InputError("targets.unreadable", path=path,
                         detail=[p.message for p in data.problems] or "?")
    spec = workbook("targets")
    if data.spec is None or data.spec.key != "targets" or (
            data.template_id and data.template_id != spec.template_id):
        raise InputError("targets.not_targets_workbook", path=path)
    return data


def _year(ck: _Checker, today: dt.date | None) -> int:
    year = ck.data.fields("settings").get("year")
    if year is None:
        year = (today or dt.date.today()).year
        sd = ck.data.sheets.get("settings")
        cell = sd.field_cells.get("year", "B3") if sd is not None else "B3"
        ck.problems.append(Problem(W, ck.file, ck.sheet_name("settings"), cell,
                                   msg("targets.blank_year", year=year,
                                       sheet=ck.spec.sheet("settings"))))
    return int(year)


def _reps(ck: _Checker) -> pd.DataFrame:
    """Active reps with a region, each once."""
    reps = ck.blank_rows(ck.table("reps", "reps"), "reps", "reps", ("rep",))
    if "active" in reps:
        reps = reps[reps["active"].fillna(True).astype(bool).to_numpy()]
    no_region = reps["region"].isna().to_numpy()
    for r, name in zip(reps.loc[no_region, "_row"], reps.loc[no_region, "rep"], strict=True):
        ck.add(E, "reps", "reps", "region", r, "rep_without_region", name=name)
    reps = reps[~no_region]
    reps = reps[~ck.duplicates(reps, "reps", "reps", ["rep"], "rep", severity=E)]
    if reps.empty:
        raise InputError("targets.no_reps", path=ck.file, sheet=ck.spec.sheet("reps"))
    return reps


def _products(ck: _Checker) -> pd.DataFrame:
    """Products, each once: the pivots' SUMIF ignores case, so codes must differ in more
    than case."""
    products = ck.blank_rows(ck.table("products", "products"), "products", "products",
                             ("product",))
    folded = products.assign(_key=products["product"].astype(str).str.casefold())
    products = products[~ck.duplicates(folded, "products", "products", ["_key"], "product",
                                       severity=E)]
    if products.empty:
        raise InputError("targets.no_products", path=ck.file,
                         sheet=ck.spec.sheet("products"))
    return products


def _plans(ck: _Checker) -> dict[str, MetricPlan]:
    """How each metric with a company target is split (its settings row and seasonality)."""
    company = ck.blank_rows(ck.table("company", "targets"), "company", "targets", ("metric",))
    company = company[~ck.duplicates(company, "company", "targets", ["metric"], "metric",
                                     severity=E)]
    methods = ck.blank_rows(ck.table("settings", "methods"), "settings", "methods",
                            ("metric",))
    methods = methods[~ck.duplicates(methods, "settings", "methods", ["metric"], "metric",
                                     severity=E)].set_index("metric")
    season = ck.blank_rows(ck.table("seasonality", "seasonality"), "seasonality",
                           "seasonality", ("metric",))
    season = season[~ck.duplicates(season, "seasonality", "seasonality", ["metric"],
                                   "metric")].set_index("metric")
    plans: dict[str, MetricPlan] = {}
    for rec in company.to_dict("records"):
        metric, target = rec["metric"], rec["annual_target"]
        if target is None or pd.isna(target):
            continue
        if target < 0:
            ck.add(E, "company", "targets", "annual_target", rec["_row"], "negative_target")
            continue
        unit, method, weights = _method(ck, metric, methods)
        plans[metric] = MetricPlan(metric, float(target), float(unit), method, *weights,
                                   seasonality=_season(ck, metric, season))
    if not plans:
        raise InputError("targets.no_target", path=ck.file, sheet=ck.spec.sheet("company"))
    return plans


def _method(ck: _Checker, metric: str, methods: pd.DataFrame
            ) -> tuple[float, str, tuple[float, float, float]]:
    """(rounding unit, method, blend weights) of one metric: equal and unit 1 when the
    settings have no row for it."""
    if metric not in methods.index:
        ck.problems.append(Problem(W, ck.file, ck.sheet_name("settings"), "",
                                   msg("targets.no_method", metric=metric_choice(metric),
                                       sheet=ck.spec.sheet("settings"))))
        return 1.0, "equal", (0.0, 0.0, 0.0)
    m = methods.loc[metric]
    unit = m.get("rounding_unit")
    if unit is None or pd.isna(unit) or unit <= 0:
        ck.add(W, "settings", "methods", "rounding_unit", m["_row"], "bad_unit")
        unit = 1.0
    method = m.get("method") if isinstance(m.get("method"), str) else "equal"
    weights = tuple(float(m.get(k)) if pd.notna(m.get(k)) else 0.0
                    for k in ("weight_history", "weight_potential", "weight_equal"))
    return unit, method, weights  # type: ignore[return-value]


def _season(ck: _Checker, metric: str, season: pd.DataFrame) -> tuple[float, ...] | None:
    """The metric's 12 seasonality indices, if the sheet gives all of them."""
    if metric not in season.index:
        return None
    row = season.loc[metric]
    values = [row.get(k) for k in MONTH_KEYS]
    filled = [v is not None and not pd.isna(v) for v in values]
    if all(filled) and min(values) >= 0 and sum(values) > 0:
        return tuple(float(v) for v in values)
    if any(filled):
        ck.add(W, "seasonality", "seasonality", "metric", row["_row"], "bad_seasonality")
    return None


def _history(ck: _Checker, known: _Known) -> pd.DataFrame:
    """Last year's actuals of known reps and products (repeated rows are added)."""
    history = ck.blank_rows(ck.table("history", "history"), "history", "history",
                            ("rep", "product", "metric"))
    bad = ck.unknown(history, "history", "history", "rep", known.reps, "unknown_rep")
    bad |= ck.unknown(history, "history", "history", "product", known.products,
                      "unknown_product")
    history = history[~bad]
    ck.duplicates(history, "history", "history", ["rep", "product", "metric"], "rep",
                  key="duplicate_added", severity=Severity.INFO)
    negative = (history[list(MONTH_KEYS)] < 0).any(axis=1).to_numpy()
    for r in history.loc[negative, "_row"]:
        ck.add(W, "history", "history", "m01", r, "negative_history")
    return history.reset_index(drop=True)


def _potential(ck: _Checker, known: _Known) -> pd.DataFrame:
    """Potential rows naming a known rep (or region) and product, not negative, each
    rep/region × product once."""
    potential = ck.table("potential", "potential")
    neither = (potential["rep"].isna() & potential["region"].isna()).to_numpy()
    for r in potential.loc[neither, "_row"]:
        ck.add(W, "potential", "potential", "rep", r, "blank_key",
               label=ck.column("potential", "potential", "rep"))
    potential = potential[~neither]
    bad = ck.unknown(potential, "potential", "potential", "rep", known.reps, "unknown_rep")
    bad |= ck.unknown(potential, "potential", "potential", "region", known.regions,
                      "unknown_region") & potential["rep"].isna().to_numpy()
    bad |= ck.unknown(potential, "potential", "potential", "product", known.products,
                      "unknown_product")
    negative = (potential["potential_index"] < 0).fillna(False).to_numpy()
    for r in potential.loc[negative & ~bad, "_row"]:
        ck.add(W, "potential", "potential", "potential_index", r, "negative_value",
               label=ck.column("potential", "potential", "potential_index"))
    potential = potential[~bad & ~negative & potential["potential_index"].notna().to_numpy()]
    # one key per row, a Series even when no row is left (a row-wise join of an empty
    # frame is a DataFrame, which cannot become a column)
    key = [potential[k].fillna("").astype(str) for k in ("rep", "region", "product")]
    potential = potential[~ck.duplicates(potential.assign(_k=key[0] + "|" + key[1] + "|"
                                                          + key[2]),
                                         "potential", "potential", ["_k"], "potential_index")]
    return potential[["rep", "region", "product", "potential_index"]].reset_index(drop=True)


def _overrides(ck: _Checker, known: _Known, plans: dict[str, MetricPlan]) -> pd.DataFrame:
    """Locks on known cells of a metric with a target, each with the cell it was typed
    in. A lock naming something unknown is an error: the manager asked for it."""
    overrides = ck.blank_rows(ck.table("overrides", "overrides"), "overrides", "overrides",
                              ("metric", "rep", "product", "month", "value"), severity=E)
    bad = ck.unknown(overrides, "overrides", "overrides", "rep", known.reps, "unknown_rep",
                     E)
    bad |= ck.unknown(overrides, "overrides", "overrides", "product", known.products,
                      "unknown_product", E)
    months = overrides["month"].astype("float64")
    bad_month = ~months.between(1, 12).to_numpy()
    for r in overrides.loc[bad_month & ~bad, "_row"]:
        ck.add(E, "overrides", "overrides", "month", r, "lock_bad_month")
    no_plan = ~overrides["metric"].isin(list(plans)).to_numpy()
    for r, metric in zip(overrides.loc[no_plan & ~bad & ~bad_month, "_row"],
                         overrides.loc[no_plan & ~bad & ~bad_month, "metric"], strict=True):
        ck.add(W, "overrides", "overrides", "metric", r, "lock_without_target",
               metric=metric_choice(metric), sheet=ck.spec.sheet("company"))
    overrides = overrides[~bad & ~bad_month & ~no_plan].copy()
    overrides["month"] = overrides["month"].astype(int)
    lock_sheet = ck.sheet_name("overrides")
    overrides["cell"] = [f"{lock_sheet}!{ck.cell('overrides', 'overrides', 'value', r)}"
                         for r in overrides["_row"]]
    return overrides[["metric", "rep", "product", "month", "value", "cell"]] \
        .reset_index(drop=True)


def _actuals(ck: _Checker, known: _Known, year: int) -> pd.DataFrame:
    """This year's actuals of known reps (an unknown product counts for the rep only)."""
    actuals = ck.blank_rows(ck.table("actuals", "actuals"), "actuals", "actuals",
                            ("date", "rep", "metric", "value"))
    actuals = actuals[~ck.unknown(actuals, "actuals", "actuals", "rep", known.reps,
                                  "unknown_rep")].copy()
    unknown_p = ck.unknown(actuals, "actuals", "actuals", "product", known.products,
                           "unknown_product_kept")
    actuals.loc[unknown_p, "product"] = None
    outside = (pd.to_datetime(actuals["date"]).dt.year != year).to_numpy()
    for r in actuals.loc[outside, "_row"]:
        ck.add(W, "actuals", "actuals", "date", r, "outside_year", year=year)
    actuals = actuals[~outside]
    return actuals[["date", "rep", "product", "metric", "value"]].reset_index(drop=True)


def _funnel(ck: _Checker, known: _Known) -> pd.DataFrame:
    """Funnel rows of known reps without a negative stage."""
    funnel = ck.blank_rows(ck.table("funnel", "funnel"), "funnel", "funnel", ("rep",))
    bad = ck.unknown(funnel, "funnel", "funnel", "rep", known.reps, "unknown_rep")
    negative = (funnel[list(FUNNEL_KEYS)] < 0).any(axis=1).to_numpy()
    for r in funnel.loc[negative & ~bad, "_row"]:
        ck.add(W, "funnel", "funnel", "calls_dialled", r, "negative_value",
               label=ck.column("funnel", "funnel", "calls_dialled"))
    funnel = funnel[~bad & ~negative]
    return funnel[["rep", *FUNNEL_KEYS]].reset_index(drop=True)


# -- finding and saying -------------------------------------------------------------------
class _Checker:
    """Collects problems with the sheet name (as the workbook spells it) and the cell."""

    def __init__(self, data: WorkbookData):
        self.data = data
        self.spec = workbook("targets")
        self.lang = data.lang or "en"
        self.file = data.path.name
        self.problems: list[Problem] = list(data.problems)

    def sheet_name(self, sheet: str) -> str:
        sd = self.data.sheets.get(sheet)
        return sd.name if sd is not None else self.spec.sheet(sheet).label(self.lang)

    def cell(self, sheet: str, table: str, column: str, row: object) -> str:
        sd = self.data.sheets.get(sheet)
        letter = sd.column_letters.get(table, {}).get(column, "") if sd is not None else ""
        if not letter:
            letter = self.spec.sheet(sheet).table(table).col_letter(column)
        return f"{letter}{row}" if row is not None else ""

    def add(self, severity: Severity, sheet: str, table: str, column: str, row: object,
            key: str, /, **params: Any) -> None:
        self.problems.append(Problem(severity, self.file, self.sheet_name(sheet),
                                     self.cell(sheet, table, column, row),
                                     msg(f"targets.{key}", **params)))

    def column(self, sheet: str, table: str, column: str) -> Any:
        """The schema column (a message shows its label in the run's language)."""
        return self.spec.sheet(sheet).table(table).column(column)

    def table(self, sheet: str, table: str) -> pd.DataFrame:
        """The rows read (none when the sheet is missing), saying when the reader stopped
        at its row limit."""
        df = self.data.table(sheet, table)
        if df is None:
            df = empty_frame(self.spec.sheet(sheet).table(table))
        elif len(df) and int(df["_row"].max()) >= MAX_ROWS:
            first = self.spec.sheet(sheet).table(table).columns[0].key
            self.add(W, sheet, table, first, MAX_ROWS, "too_many_rows", max=MAX_ROWS)
        return df

    def blank_rows(self, df: pd.DataFrame, sheet: str, table: str, keys: tuple[str, ...],
                   severity: Severity = W) -> pd.DataFrame:
        """Drop rows with a blank key column, saying which."""
        keep = np.ones(len(df), dtype=bool)
        for k in keys:
            blank = df[k].isna().to_numpy()
            for r in df.loc[blank & keep, "_row"]:
                self.add(severity, sheet, table, k, r, "blank_key",
                         label=self.column(sheet, table, k))
            keep &= ~blank
        return df[keep]

    def unknown(self, df: pd.DataFrame, sheet: str, table: str, column: str, known: set,
                key: str, severity: Severity = W) -> np.ndarray:
        """Mask of rows naming something unknown in `column` (blank counts as known)."""
        bad = (df[column].notna() & ~df[column].isin(known)).to_numpy(copy=True)
        for r, name in zip(df.loc[bad, "_row"], df.loc[bad, column], strict=True):
            self.add(severity, sheet, table, column, r, key, name=name)
        return bad

    def duplicates(self, df: pd.DataFrame, sheet: str, table: str, keys: list[str],
                   column: str, key: str = "duplicate_row", severity: Severity = W
                   ) -> np.ndarray:
        """Mask of rows repeating an earlier row's keys (the earlier row wins)."""
        dup = df.duplicated(keys, keep="first").to_numpy()
        if dup.any():
            first = df.drop_duplicates(keys, keep="first").set_index(keys)["_row"]
            for _, rec in df[dup].iterrows():
                k = tuple(rec[c] for c in keys)
                self.add(severity, sheet, table, column, rec["_row"], key,
                         first=first.loc[k if len(keys) > 1 else k[0]])
        return dup


__all__ = ["TargetsRead", "input_sheets", "read_targets"]
