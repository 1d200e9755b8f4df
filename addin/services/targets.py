"""Job: break the company's targets down (`salesbook targets`, later an Excel button).

Reads a filled targets workbook, checks every row against the reps and products it
names (problems name sheet and cell; a row that cannot be used is left out, never
guessed), runs the engine, and writes a new workbook beside the input: the input's own
sheets plus the breakdown, pivots, cards, progress, activity targets and audit. The
input is never modified.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..catalogue import msg
from ..core.targets import (
    MONTH_KEYS,
    Activity,
    Breakdown,
    MetricPlan,
    Progress,
    TargetInputs,
    activity_targets,
    compute_breakdown,
    progress,
)
from ..errors import InputError
from ..io.reader import MAX_ROWS, WorkbookData, empty_frame, read_workbook
from ..io.targets_writer import input_content, write_targets_workbook
from ..problems import Problem, Severity, has_errors
from ..schema import workbook
from ..schema.targets import FUNNEL_KEYS, metric_choice, metric_label

OUTPUT_SUFFIX = ".breakdown.xlsx"


@dataclass
class TargetsResult:
    """What a breakdown run produced; `records` is the long table the JSON prints."""

    input: Path
    output: Path | None
    lang: str
    breakdown: Breakdown
    records: pd.DataFrame
    totals: dict[str, float]
    problems: list[Problem] = field(default_factory=list)
    progress: Progress | None = None
    activity: Activity | None = None
    timings: dict[str, float] = field(default_factory=dict)  # read / compute / write seconds

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)

    def as_json(self) -> dict:
        """{"records": [{metric, rep, region, product, month, value}], "totals": {...}}."""
        r = self.records
        values = r["value"].to_numpy()
        whole = bool(np.all(np.mod(values, 1) == 0)) if len(values) else True
        cols = {
            "metric": r["metric"].astype(str).tolist(),
            "rep": r["rep"].astype(str).tolist(),
            "region": r["region"].astype(str).tolist(),
            "product": r["product"].astype(str).tolist(),
            "month": r["month"].astype(int).tolist(),
            "value": values.astype(np.int64).tolist() if whole else values.tolist(),
        }
        keys = list(cols)
        records = [dict(zip(keys, row, strict=True)) for row in zip(*cols.values(), strict=True)]
        return {"records": records, "totals": self.totals}


def default_output(path: str | Path) -> Path:
    """`<input stem>.breakdown.xlsx` beside the input."""
    path = Path(path)
    return path.with_name(path.stem + OUTPUT_SUFFIX)


# -- reading and checking ---------------------------------------------------------------
class _Checker:
    """Adds problems in the workbook's language with the sheet name and cell."""

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
            key: str, **kw: object) -> None:
        self.problems.append(Problem(severity, self.file, self.sheet_name(sheet),
                                     self.cell(sheet, table, column, row),
                                     msg(f"targets.{key}", **kw)))

    def label(self, sheet: str, table: str, column: str) -> str:
        return self.spec.sheet(sheet).table(table).column(column).label(self.lang)

    def table(self, sheet: str, table: str) -> pd.DataFrame:
        df = self.data.table(sheet, table)
        if df is None:
            df = empty_frame(self.spec.sheet(sheet).table(table))
        elif len(df) and int(df["_row"].max()) >= MAX_ROWS:  # the reader stops there
            first = self.spec.sheet(sheet).table(table).columns[0].key
            self.add(Severity.WARNING, sheet, table, first, MAX_ROWS, "p_too_many_rows",
                     max=f"{MAX_ROWS:,}")
        return df

    def blank_rows(self, df: pd.DataFrame, sheet: str, table: str, keys: tuple[str, ...],
                   severity: Severity = Severity.WARNING) -> pd.DataFrame:
        """Drop rows with a blank key column, saying which."""
        keep = np.ones(len(df), dtype=bool)
        for k in keys:
            blank = df[k].isna().to_numpy()
            for r in df.loc[blank & keep, "_row"]:
                self.add(severity, sheet, table, k, r, "p_blank_key",
                         label=self.label(sheet, table, k))
            keep &= ~blank
        return df[keep]

    def unknown(self, df: pd.DataFrame, sheet: str, table: str, column: str, known: set,
                key: str, severity: Severity = Severity.WARNING) -> np.ndarray:
        """Mask of rows naming something unknown in `column` (blank counts as known)."""
        bad = (df[column].notna() & ~df[column].isin(known)).to_numpy(copy=True)
        for r, name in zip(df.loc[bad, "_row"], df.loc[bad, column], strict=True):
            self.add(severity, sheet, table, column, r, key, name=name)
        return bad

    def duplicates(self, df: pd.DataFrame, sheet: str, table: str, keys: list[str],
                   column: str, key: str = "p_duplicate",
                   severity: Severity = Severity.WARNING) -> np.ndarray:
        """Mask of rows repeating an earlier row's keys (the earlier row wins)."""
        dup = df.duplicated(keys, keep="first").to_numpy()
        if dup.any():
            first = df.drop_duplicates(keys, keep="first").set_index(keys)["_row"]
            for _, rec in df[dup].iterrows():
                k = tuple(rec[c] for c in keys)
                self.add(severity, sheet, table, column, rec["_row"], key,
                         first=first.loc[k if len(keys) > 1 else k[0]])
        return dup


def read_inputs(path: str | Path, *, today: dt.date | None = None
                ) -> tuple[TargetInputs, WorkbookData, list[Problem]]:
    """The checked inputs of a targets workbook; InputError when it cannot be used at all."""
    path = Path(path)
    if not path.exists():
        raise InputError("targets.e_unreadable", path=path, detail="no such file")
    data = read_workbook(path, "targets")
    lang = data.lang or "en"
    if not data.readable:
        detail = "; ".join(p.message for p in data.problems) or "?"
        raise InputError("targets.e_unreadable", path=path, detail=detail)
    spec = workbook("targets")
    if data.spec is None or data.spec.key != "targets" or (
            data.template_id and data.template_id != spec.template_id):
        raise InputError("targets.e_not_targets", path=path)
    ck = _Checker(data)
    W, E = Severity.WARNING, Severity.ERROR

    # year
    year = ck.data.fields("settings").get("year")
    if year is None:
        year = (today or dt.date.today()).year
        cell = data.sheets["settings"].field_cells.get("year", "B3") \
            if "settings" in data.sheets else "B3"
        ck.problems.append(Problem(W, ck.file, ck.sheet_name("settings"), cell,
                                   msg("targets.p_blank_year", year=year)))
    year = int(year)

    # reps
    reps = ck.blank_rows(ck.table("reps", "reps"), "reps", "reps", ("rep",))
    if "active" in reps:
        reps = reps[reps["active"].fillna(True).astype(bool).to_numpy()]
    no_region = reps["region"].isna().to_numpy()
    for r, name in zip(reps.loc[no_region, "_row"], reps.loc[no_region, "rep"], strict=True):
        ck.add(E, "reps", "reps", "region", r, "p_blank_region", name=name)
    reps = reps[~no_region]
    reps = reps[~ck.duplicates(reps, "reps", "reps", ["rep"], "rep", severity=E)]
    if reps.empty:
        raise InputError("targets.e_input", path=path.name, detail=msg("targets.p_no_reps"))
    rep_set = set(reps["rep"])
    region_set = set(reps["region"])

    # products (SUMIF in the pivots ignores case, so codes must differ in more than case)
    products = ck.blank_rows(ck.table("products", "products"), "products", "products",
                             ("product",))
    folded = products.assign(_key=products["product"].astype(str).str.casefold())
    products = products[~ck.duplicates(folded, "products", "products", ["_key"], "product",
                                       severity=E)]
    if products.empty:
        raise InputError("targets.e_input", path=path.name,
                         detail=msg("targets.p_no_products"))
    product_set = set(products["product"])

    # company targets and methods
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
            ck.add(E, "company", "targets", "annual_target", rec["_row"], "p_negative_target")
            continue
        unit, method, weights = 1.0, "equal", (0.0, 0.0, 0.0)
        if metric in methods.index:
            m = methods.loc[metric]
            unit = m.get("rounding_unit")
            if unit is None or pd.isna(unit) or unit <= 0:
                ck.add(W, "settings", "methods", "rounding_unit", m["_row"], "p_bad_unit")
                unit = 1.0
            method = m.get("method") if isinstance(m.get("method"), str) else "equal"
            weights = tuple(float(m.get(k)) if pd.notna(m.get(k)) else 0.0
                            for k in ("weight_history", "weight_potential", "weight_equal"))
        else:
            ck.problems.append(Problem(W, ck.file, ck.sheet_name("settings"), "",
                                       msg("targets.p_no_method",
                                           metric=metric_choice(metric))))
        indices = None
        if metric in season.index:
            srow = season.loc[metric]
            vals = [srow.get(k) for k in MONTH_KEYS]
            filled = [v is not None and not pd.isna(v) for v in vals]
            if all(filled) and min(vals) >= 0 and sum(vals) > 0:
                indices = tuple(float(v) for v in vals)
            elif any(filled):
                ck.add(W, "seasonality", "seasonality", "metric", srow["_row"], "p_bad_season")
        plans[metric] = MetricPlan(metric, float(target), float(unit), method, *weights,
                                   seasonality=indices)
    if not plans:
        raise InputError("targets.e_input", path=path.name,
                         detail=msg("targets.p_no_target"))

    # history
    history = ck.blank_rows(ck.table("history", "history"), "history", "history",
                            ("rep", "product", "metric"))
    bad = ck.unknown(history, "history", "history", "rep", rep_set, "p_unknown_rep")
    bad |= ck.unknown(history, "history", "history", "product", product_set,
                      "p_unknown_product")
    history = history[~bad]
    ck.duplicates(history, "history", "history", ["rep", "product", "metric"], "rep",
                  key="p_duplicate_added", severity=Severity.INFO)
    negative = (history[list(MONTH_KEYS)] < 0).any(axis=1).to_numpy()
    for r in history.loc[negative, "_row"]:
        ck.add(W, "history", "history", "m01", r, "p_negative_history")

    # potential
    potential = ck.table("potential", "potential")
    neither = (potential["rep"].isna() & potential["region"].isna()).to_numpy()
    for r in potential.loc[neither, "_row"]:
        ck.add(W, "potential", "potential", "rep", r, "p_blank_key",
               label=ck.label("potential", "potential", "rep"))
    potential = potential[~neither]
    bad = ck.unknown(potential, "potential", "potential", "rep", rep_set, "p_unknown_rep")
    bad |= ck.unknown(potential, "potential", "potential", "region", region_set,
                      "p_unknown_region") & potential["rep"].isna().to_numpy()
    bad |= ck.unknown(potential, "potential", "potential", "product", product_set,
                      "p_unknown_product")
    negative = (potential["potential_index"] < 0).fillna(False).to_numpy()
    for r in potential.loc[negative & ~bad, "_row"]:
        ck.add(W, "potential", "potential", "potential_index", r, "p_negative",
               label=ck.label("potential", "potential", "potential_index"))
    potential = potential[~bad & ~negative & potential["potential_index"].notna().to_numpy()]
    # one key per row, a Series even when no row is left (a row-wise join of an empty
    # frame is a DataFrame, which cannot become a column)
    key = [potential[k].fillna("").astype(str) for k in ("rep", "region", "product")]
    potential = potential[~ck.duplicates(potential.assign(_k=key[0] + "|" + key[1] + "|"
                                                          + key[2]),
                                         "potential", "potential", ["_k"], "potential_index")]

    # overrides: a lock that names something unknown is an error (the manager asked for it)
    overrides = ck.blank_rows(ck.table("overrides", "overrides"), "overrides", "overrides",
                              ("metric", "rep", "product", "month", "value"), severity=E)
    bad = ck.unknown(overrides, "overrides", "overrides", "rep", rep_set, "p_unknown_rep", E)
    bad |= ck.unknown(overrides, "overrides", "overrides", "product", product_set,
                      "p_unknown_product", E)
    months = overrides["month"].astype("float64")
    bad_month = ~months.between(1, 12).to_numpy()
    for r in overrides.loc[bad_month & ~bad, "_row"]:
        ck.add(E, "overrides", "overrides", "month", r, "p_override_month")
    no_plan = ~overrides["metric"].isin(list(plans)).to_numpy()
    for r, metric in zip(overrides.loc[no_plan & ~bad & ~bad_month, "_row"],
                         overrides.loc[no_plan & ~bad & ~bad_month, "metric"], strict=True):
        ck.add(W, "overrides", "overrides", "metric", r, "p_override_no_target",
               metric=metric_label(metric, lang))
    overrides = overrides[~bad & ~bad_month & ~no_plan].copy()
    overrides["month"] = overrides["month"].astype(int)
    lock_sheet = ck.sheet_name("overrides")
    overrides["cell"] = [f"{lock_sheet}!{ck.cell('overrides', 'overrides', 'value', r)}"
                         for r in overrides["_row"]]
    overrides = overrides[["metric", "rep", "product", "month", "value", "cell"]]

    # actuals
    actuals = ck.blank_rows(ck.table("actuals", "actuals"), "actuals", "actuals",
                            ("date", "rep", "metric", "value"))
    actuals = actuals[~ck.unknown(actuals, "actuals", "actuals", "rep", rep_set,
                                  "p_unknown_rep")].copy()
    unknown_p = ck.unknown(actuals, "actuals", "actuals", "product", product_set,
                           "p_unknown_product_kept")
    actuals.loc[unknown_p, "product"] = None
    dates = pd.to_datetime(actuals["date"])
    outside = (dates.dt.year != year).to_numpy()
    for r in actuals.loc[outside, "_row"]:
        ck.add(W, "actuals", "actuals", "date", r, "p_outside_year", year=year)
    actuals = actuals[~outside]

    # funnel
    funnel = ck.blank_rows(ck.table("funnel", "funnel"), "funnel", "funnel", ("rep",))
    bad = ck.unknown(funnel, "funnel", "funnel", "rep", rep_set, "p_unknown_rep")
    negative = (funnel[list(FUNNEL_KEYS)] < 0).any(axis=1).to_numpy()
    for r in funnel.loc[negative & ~bad, "_row"]:
        ck.add(W, "funnel", "funnel", "calls_dialled", r, "p_negative",
               label=ck.label("funnel", "funnel", "calls_dialled"))
    funnel = funnel[~bad & ~negative]

    inputs = TargetInputs(
        year=year,
        reps=reps[["rep", "region", "seller_kind", "supervisor"]].reset_index(drop=True),
        products=products[["product", "product_name", "category"]].reset_index(drop=True),
        plans=plans,
        history=history.reset_index(drop=True),
        potential=potential[["rep", "region", "product", "potential_index"]]
        .reset_index(drop=True),
        overrides=overrides.reset_index(drop=True),
        actuals=actuals[["date", "rep", "product", "metric", "value"]].reset_index(drop=True),
        funnel=funnel[["rep", *FUNNEL_KEYS]].reset_index(drop=True),
        lang=lang,
    )
    return inputs, data, ck.problems


# -- the job ----------------------------------------------------------------------------
def run_targets(path: str | Path, out: str | Path | None = None, *,
                today: dt.date | None = None, write: bool = True) -> TargetsResult:
    """Break down the targets in `path` and write `<stem>.breakdown.xlsx` (or `out`).

    Raises InputError when the workbook cannot be used at all and ConfigError when its
    locked cells cannot be honoured; every other problem is in `.problems`.
    """
    path = Path(path)
    out_path = Path(out) if out is not None else default_output(path)
    if out_path.resolve() == path.resolve():
        raise InputError(f"{path}: the output must be a new file; the input is never "
                         "overwritten")
    t0 = time.perf_counter()
    inputs, data, problems = read_inputs(path, today=today)
    t1 = time.perf_counter()
    breakdown = compute_breakdown(inputs)
    prog = progress(breakdown, inputs.actuals, today or dt.date.today())
    act = activity_targets(breakdown, inputs.funnel)
    t2 = time.perf_counter()
    written = None
    if write:
        written = write_targets_workbook(
            out_path, inputs.lang, breakdown, inputs=input_content(data, workbook("targets")),
            progress=prog, activity=act, problems=problems, overrides=inputs.overrides)
    t3 = time.perf_counter()
    return TargetsResult(path, written, inputs.lang, breakdown, breakdown.records(),
                         breakdown.totals(), problems, prog, act,
                         {"read": t1 - t0, "compute": t2 - t1, "write": t3 - t2})


def write_demo(out_dir: str | Path) -> dict[str, Path]:
    """A believable filled targets workbook for the sample company, and its breakdown."""
    from ..io.templates import write_workbook
    from ..sample.targets import SAMPLE_AS_OF, SAMPLE_LANG, targets_content

    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    spec = workbook("targets")
    source = write_workbook(spec, SAMPLE_LANG, folder / spec.filename(SAMPLE_LANG),
                            targets_content())
    result = run_targets(source, today=SAMPLE_AS_OF)
    return {"targets": source, "breakdown": result.output}
