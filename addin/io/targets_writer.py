"""Write the breakdown workbook: the input sheets as read, then the breakdown, the pivots,
the target cards, progress, activity targets and the audit.

Layout, labels and formats come from the targets schema. The pivots and cards are
formulas over the breakdown sheet (with the engine's results cached in them), so a
manager who changes a month cell in Excel sees every subtotal follow. The breakdown
sheet can hold 100,000 rows, so it is written row by row with cached formats rather than
through `SheetWriter.write_value`.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..catalogue import say
from ..core.targets import (
    MONTH_KEYS,
    Activity,
    Breakdown,
    MetricResult,
    Note,
    Progress,
    level_table,
    rounding_summary,
)
from ..problems import Problem
from ..schema import Column, Sheet, Table, WorkbookSpec, col_letter, workbook
from ..schema.formulas import quote_sheet
from ..schema.targets import LEVELS, PERIODS, QUARTERS, metric_label, text
from ..schema.vocab import METRICS, MONTHS, SPLIT_METHODS, TOTAL_LABEL
from . import bulk as bulk_rows
from .bulk import xf, xml_text
from .output import new_output
from .sheetwriter import SheetWriter, is_blank
from .styles import Styles, display_width
from .templates import lay_out_sheet
from .writer import clean_text, needs_quoting

MAX_PAGE_BREAKS = 1023  # Excel's limit on manual page breaks in one sheet
_SUMIF_UNSAFE = ("*", "?", "~")  # wildcards in SUMIF criteria
_SUMIF_UNSAFE_START = ("<", ">", "=")  # comparison operators in SUMIF criteria


def _choice_label(choices: Iterable, key: str, lang: str) -> str:
    for c in choices:
        if c.key == key:
            return c.label(lang)
    return key


def _num(x: float) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    x = float(x)
    return f"{x:,.0f}" if x.is_integer() else f"{x:,.2f}"


def render_note(note: Note, lang: str) -> str:
    """An engine note in words: keys become labels, numbers get thousands separators."""
    p = dict(note.params)
    if "method" in p:
        p["method"] = _choice_label(SPLIT_METHODS, p["method"], lang)
    if "reason" in p:
        p["reason"] = text(p["reason"], lang)
    if "parts" in p:
        sep = "、" if lang == "zh" else ", "
        p["parts"] = sep.join(_choice_label(SPLIT_METHODS, k, lang) for k in p["parts"])
    if "level" in p:
        p["level"] = _choice_label(LEVELS, p["level"], lang)
    for k in ("wh", "wp", "we"):
        if k in p:
            p[k] = f"{p[k]:.0%}" if round(p[k] * 100, 6).is_integer() else f"{p[k]:.2%}"
    for k in ("total", "target", "unit", "given", "used"):
        if k in p:
            p[k] = _num(p[k])
    if "units" in p:
        p["units"] = f"{p['units']:,}"
    if "factor" in p:
        p["factor"] = f"{p['factor']:.6f}"
    if "max" in p:
        p["max"] = f"{p['max']:.2f}"
    p["metric"] = metric_label(note.metric, lang)
    return text(note.key, lang, **p)


def whole_format(unit: float) -> str:
    """Number format that shows every digit a multiple of `unit` can have."""
    exp = len(repr(float(unit)).split(".")[1].rstrip("0")) if "." in repr(float(unit)) else 0
    return "#,##0" if exp == 0 else "#,##0." + "0" * exp


class Ctx:
    """What every output sheet needs: workbook, styles, language, results and where the
    breakdown rows of each metric, rep and product landed (for the formulas)."""

    def __init__(self, wb: Any, styles: Styles, spec: WorkbookSpec, lang: str, b: Breakdown,
                 progress: Progress | None, activity: Activity | None,
                 problems: list[Problem], overrides: pd.DataFrame | None):
        self.wb, self.styles, self.spec, self.lang, self.b = wb, styles, spec, lang, b
        self.progress, self.activity, self.problems = progress, activity, problems
        self.overrides = overrides
        self.bulk = True  # stream the breakdown rows (see BulkWorksheet)
        self.detail_first: dict[str, int] = {}  # metric -> first Excel row of its block
        self.by_rep_rows: dict[str, int] = {}  # metric -> Excel row of the first rep
        self.by_rep_cols: dict[str, str] = {}  # month key -> column letter on By Rep
        self._fmt_cache: dict[tuple, Any] = {}

    def sheet_name(self, key: str) -> str:
        return self.spec.sheet(key).label(self.lang)

    def ref(self, key: str) -> str:
        return quote_sheet(self.sheet_name(key))

    def fmt(self, column: Column, role: str = "output", bold: bool = False,
            quote: bool = False, unit: float | None = None) -> Any:
        key = (column.type, column.number_format, column.col_width >= 24, role, bold, quote,
               unit if column.number_format == "#,##0" else None)
        found = self._fmt_cache.get(key)
        if found is None:
            if key[-1] is not None:
                column = dataclasses.replace(column, fmt=whole_format(unit))
            found = self._fmt_cache[key] = self.styles.cell(column, role=role, bold=bold,
                                                            quote=quote)
        return found

    def detail_row(self, metric: str, rep: int, product: int) -> int:
        return self.detail_first[metric] + rep * len(self.b.products) + product


def output_writer(ctx: Ctx, sheet: Sheet) -> SheetWriter:
    return SheetWriter(ctx.wb, ctx.styles, ctx.spec, sheet, ctx.lang)


# -- small writing helpers --------------------------------------------------------------
def _text(ws: Any, r: int, c: int, value: Any, ctx: Ctx, column: Column, role: str = "output",
          bold: bool = False) -> None:
    """Text as text, never a formula; blank when empty (0-based r, c)."""
    if is_blank(value):
        ws.write_blank(r, c, None, ctx.fmt(column, role, bold))
        return
    s = clean_text(value)
    ws.write_string(r, c, s, ctx.fmt(column, role, bold, quote=needs_quoting(s)))


def _number(ws: Any, r: int, c: int, value: Any, fmt: Any) -> None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        ws.write_blank(r, c, None, fmt)
    else:
        ws.write_number(r, c, float(value), fmt)


def _cached(value: float) -> float | int:
    v = float(value)
    return int(v) if v.is_integer() else v


def write_rows(ctx: Ctx, ws: Any, table: Table, first_row: int, df: pd.DataFrame,
               units: dict[str, float] | None = None, bold: bool = False) -> int:
    """Rows of `df` under a header already written at first_row - 1 (1-based rows); enum
    columns hold choice keys and are written as labels. Returns the last row written."""
    units = units or {}
    c0 = table.first_col - 1
    writers = []
    for j, column in enumerate(table.columns):
        if column.key not in df.columns:
            writers.append(None)
            continue
        values = df[column.key].tolist()
        if column.choices:
            labels = {c.key: c.label(ctx.lang) for c in column.choices}
            values = [labels.get(v, v) if isinstance(v, str) else v for v in values]
        writers.append((j, column, values))
    for i in range(len(df)):
        r = first_row - 1 + i
        for w in writers:
            if w is None:
                continue
            j, column, values = w
            v = values[i]
            if column.type.value in ("text", "enum", "bool"):
                _text(ws, r, c0 + j, v, ctx, column, bold=bold)
            elif column.type.value == "date":
                if is_blank(v):
                    ws.write_blank(r, c0 + j, None, ctx.fmt(column, bold=bold))
                else:
                    ws.write_datetime(r, c0 + j, pd.Timestamp(v).to_pydatetime(),
                                      ctx.fmt(column, bold=bold))
            else:
                _number(ws, r, c0 + j, v, ctx.fmt(column, bold=bold, unit=units.get(column.key)))
    return first_row + len(df) - 1


def _block_title(ws: Any, ctx: Ctx, row: int, title: str) -> None:
    ws.write_string(row - 1, 0, title, ctx.styles.title())


def _header(w: SheetWriter, table: Table, row: int) -> Table:
    """Write `table`'s header at `row` (1-based) and return the table placed there."""
    placed = dataclasses.replace(table, header_row=row)
    w.table(placed, None, role="output", template_rows=0)
    return placed


def _total_label(ws: Any, ctx: Ctx, row: int, col: int = 0) -> None:
    ws.write_string(row - 1, col, TOTAL_LABEL[ctx.lang], ctx.styles.total_label())


def _metric_block_title(ctx: Ctx, m: MetricResult) -> str:
    return text("block_metric", ctx.lang, metric=metric_label(m.metric, ctx.lang),
                unit=_num(m.unit))


# -- the breakdown (detail) sheet -------------------------------------------------------
def write_detail(ctx: Ctx, sheet: Sheet) -> None:
    """One row per metric × rep × product with the 12 months, a year SUM and the exact
    share; metrics, regions and reps each form contiguous blocks for the pivots."""
    bulk = bulk_rows.BULK and ctx.bulk
    w = output_writer(ctx, sheet)
    ws = w.ws
    w.title(note=text("note_editable", ctx.lang))
    table = sheet.table("breakdown")
    _header(w, table, table.header_row)
    b = ctx.b
    n_rows = len(b.rep_names) * len(b.products)
    row = table.first_data_row
    for key in b.metrics:
        ctx.detail_first[key] = row
        row += n_rows
    last = row - 1
    ncols = len(table.columns)
    if bulk and last >= table.first_data_row:
        ws.add_bulk(table.first_data_row - 1, 0, last - 1, ncols - 1,
                    lambda: _detail_xml(ctx, table))
    else:
        _detail_cells(ctx, ws, table)
    w.last_row, w.last_col = max(last, table.header_row), ncols
    if last > table.header_row:
        ws.autofilter(table.header_row - 1, 0, last - 1, ncols - 1)
    cols = [c.key for c in table.columns]
    w.finish(protect=False, freeze_row=table.header_row, freeze_col=cols.index("product") + 1,
             repeat_row=table.header_row)


def _detail_parts(ctx: Ctx, table: Table) -> dict:
    """What every breakdown row is made of, computed once for both ways of writing it."""
    b = ctx.b
    col = {c.key: c for c in table.columns}
    names = b.products["product_name"].tolist() if "product_name" in b.products else \
        [None] * len(b.products)
    return {
        "col": col, "cols": {c.key: i for i, c in enumerate(table.columns)},
        "regions": [b.regions[g] for g in b.rep_region], "names": names,
        "month_letters": [table.col_letter(k) for k in MONTH_KEYS],
    }


def _detail_cells(ctx: Ctx, ws: Any, table: Table) -> None:
    """The breakdown rows through XlsxWriter's cell API (when bulk rows are unavailable)."""
    b, d = ctx.b, _detail_parts(ctx, table)
    col, cols = d["col"], d["cols"]
    fm, lm = d["month_letters"][0], d["month_letters"][-1]
    exact_fmt = ctx.fmt(col["exact_year"])
    for key, m in b.metrics.items():
        row = ctx.detail_first[key]
        label = metric_label(key, ctx.lang)
        num_fmt = ctx.fmt(col[MONTH_KEYS[0]], unit=m.unit)
        year_fmt = ctx.fmt(col["year"], unit=m.unit)
        values = m.money(m.cells).reshape(-1, 12)
        years = np.round(values.sum(axis=1), m.decimals)
        exact = (m.exact.sum(axis=2) * m.unit).ravel()
        k = 0
        for s, rep in enumerate(b.rep_names):
            for p, product in enumerate(b.product_codes):
                r = row - 1
                for ck, v in (("metric", label), ("region", d["regions"][s]), ("rep", rep),
                              ("product", product), ("product_name", d["names"][p])):
                    _text(ws, r, cols[ck], v, ctx, col[ck])
                ws.write_row(r, cols[MONTH_KEYS[0]], values[k].tolist(), num_fmt)
                ws.write_formula(r, cols["year"], f"=SUM({fm}{row}:{lm}{row})", year_fmt,
                                 _cached(years[k]))
                ws.write_number(r, cols["exact_year"], float(exact[k]), exact_fmt)
                row += 1
                k += 1


def _detail_xml(ctx: Ctx, table: Table) -> Iterable[tuple[int, str]]:
    """The breakdown rows as (0-based row, cells XML) (see BulkWorksheet.add_bulk)."""
    b, d = ctx.b, _detail_parts(ctx, table)
    col, cols = d["col"], d["cols"]
    letters = {k: table.col_letter(k) for k in cols}
    fm, lm = d["month_letters"][0], d["month_letters"][-1]

    def text_cell(key: str, value: Any) -> str:
        """A text cell with '{r}' left for the row number."""
        letter = letters[key]
        if is_blank(value):
            return f'<c r="{letter}{{r}}" s="{xf(ctx.fmt(col[key]))}"/>'
        s = clean_text(value)
        style = xf(ctx.fmt(col[key], quote=needs_quoting(s)))
        return (f'<c r="{letter}{{r}}" s="{style}" t="inlineStr"><is>'
                + xml_text(s).replace("{", "{{").replace("}", "}}") + "</is></c>")

    regions = [text_cell("region", g) for g in d["regions"]]
    reps = [text_cell("rep", r) for r in b.rep_names]
    products = [text_cell("product", p) + text_cell("product_name", n)
                for p, n in zip(b.product_codes, d["names"], strict=True)]
    exact_s = xf(ctx.fmt(col["exact_year"]))
    yl, el = letters["year"], letters["exact_year"]
    for key, m in b.metrics.items():
        row = ctx.detail_first[key]
        label = text_cell("metric", metric_label(key, ctx.lang))
        num_s = xf(ctx.fmt(col[MONTH_KEYS[0]], unit=m.unit))
        year_s = xf(ctx.fmt(col["year"], unit=m.unit))
        money = m.money(m.cells).reshape(-1, 12)
        years = np.round(money.sum(axis=1), m.decimals)
        if m.decimals == 0:
            values, years = money.astype(np.int64).tolist(), years.astype(np.int64).tolist()
        else:  # as XlsxWriter writes numbers
            values = [[f"{v:.16G}" for v in line] for line in money.tolist()]
            years = [f"{v:.16G}" for v in years.tolist()]
        exact = (m.exact.sum(axis=2) * m.unit).ravel().tolist()
        months = "".join(f'<c r="{letter}{{r}}" s="{num_s}"><v>{{v[{i}]}}</v></c>'
                         for i, letter in enumerate(d["month_letters"]))
        k = 0
        for s in range(len(b.rep_names)):
            head = label + regions[s] + reps[s]
            for p in range(len(b.product_codes)):
                r = row + k
                yield r - 1, ((head + products[p] + months).format(r=r, v=values[k])
                              + f'<c r="{yl}{r}" s="{year_s}"><f>SUM({fm}{r}:{lm}{r})</f>'
                                f"<v>{years[k]}</v></c>"
                              + f'<c r="{el}{r}" s="{exact_s}"><v>{exact[k]:.16G}</v></c>')
                k += 1


# -- pivots -----------------------------------------------------------------------------
def write_by_rep(ctx: Ctx, sheet: Sheet) -> None:
    """Rep × month per metric: each cell sums the rep's rows of the breakdown."""
    w = output_writer(ctx, sheet)
    ws = w.ws
    w.title(note=text("note_editable", ctx.lang))
    table = sheet.table("by_rep")
    b = ctx.b
    detail = ctx.spec.sheet("breakdown").table("breakdown")
    src = ctx.ref("breakdown")
    n_p = len(b.products)
    col_idx = {c.key: i for i, c in enumerate(table.columns)}
    ctx.by_rep_cols = {k: col_letter(col_idx[k] + 1) for k in (*MONTH_KEYS, "year")}
    row = table.header_row - 1
    for key, m in b.metrics.items():
        _block_title(ws, ctx, row, _metric_block_title(ctx, m))
        placed = _header(w, table, row + 1)
        first = placed.first_data_row
        ctx.by_rep_rows[key] = first
        frame = pd.DataFrame({"region": [b.regions[g] for g in b.rep_region],
                              "rep": b.rep_names})
        write_rows(ctx, ws, placed, first, frame)
        month_values = m.money(m.cells.sum(axis=1))  # (s, 12)
        fmt = ctx.fmt(table.column(MONTH_KEYS[0]), unit=m.unit)
        year_fmt = ctx.fmt(table.column("year"), unit=m.unit)
        d0 = ctx.detail_first[key]
        for s in range(len(b.rep_names)):
            r = first + s
            a, z = d0 + s * n_p, d0 + (s + 1) * n_p - 1
            for mi, mk in enumerate(MONTH_KEYS):
                dc = detail.col_letter(mk)
                ws.write_formula(r - 1, col_idx[mk], f"=SUM({src}!{dc}{a}:{dc}{z})", fmt,
                                 _cached(month_values[s, mi]))
            ws.write_formula(r - 1, col_idx["year"],
                             f"=SUM({ctx.by_rep_cols['m01']}{r}:{ctx.by_rep_cols['m12']}{r})",
                             year_fmt, _cached(round(month_values[s].sum(), m.decimals)))
        last = first + len(b.rep_names) - 1
        _sum_row(ctx, ws, table, first, last, [*MONTH_KEYS, "year"],
                 [*(month_values.sum(axis=0)), month_values.sum()], m)
        row = last + 3
    w.last_row, w.last_col = max(row, 4), len(table.columns)
    w.finish(protect=False, freeze_row=None, repeat_row=None)


def _sum_row(ctx: Ctx, ws: Any, table: Table, first: int, last: int, keys: list[str],
             values: list[float], m: MetricResult) -> None:
    """The total row under a pivot block: SUM of each column above."""
    r = last + 1
    _total_label(ws, ctx, r, table.first_col - 1)
    for j in range(1, len(table.columns)):
        column = table.columns[j]
        fmt = ctx.fmt(column, role="computed", bold=True, unit=m.unit)
        if column.key in keys:
            letter = table.col_letter(column.key)
            v = values[keys.index(column.key)]
            ws.write_formula(r - 1, table.first_col + j - 1,
                             f"=SUM({letter}{first}:{letter}{last})", fmt,
                             _cached(round(float(v), m.decimals)))
        else:
            ws.write_blank(r - 1, table.first_col + j - 1, None, fmt)


def write_by_region(ctx: Ctx, sheet: Sheet) -> None:
    """Region × quarter per metric: each cell sums the region's block of the breakdown
    over the quarter's three month columns."""
    w = output_writer(ctx, sheet)
    ws = w.ws
    w.title(note=text("note_editable", ctx.lang))
    table = sheet.table("by_region")
    b = ctx.b
    detail = ctx.spec.sheet("breakdown").table("breakdown")
    src = ctx.ref("breakdown")
    n_p = len(b.products)
    col_idx = {c.key: i for i, c in enumerate(table.columns)}
    qkeys = [q.key for q in QUARTERS]
    row = table.header_row - 1
    for key, m in b.metrics.items():
        _block_title(ws, ctx, row, _metric_block_title(ctx, m))
        placed = _header(w, table, row + 1)
        first = placed.first_data_row
        write_rows(ctx, ws, placed, first, pd.DataFrame({"region": b.regions}))
        rep_month = m.cells.sum(axis=1)
        fmt = ctx.fmt(table.column("q1"), unit=m.unit)
        d0 = ctx.detail_first[key]
        totals = np.zeros(4)
        for g, (_, s0, s1) in enumerate(b.region_slices()):
            r = first + g
            a, z = d0 + s0 * n_p, d0 + s1 * n_p - 1
            quarters = m.money(rep_month[s0:s1].sum(axis=0).reshape(4, 3).sum(axis=1))
            totals += quarters
            for q in range(4):
                c1 = detail.col_letter(MONTH_KEYS[3 * q])
                c3 = detail.col_letter(MONTH_KEYS[3 * q + 2])
                ws.write_formula(r - 1, col_idx[qkeys[q]], f"=SUM({src}!{c1}{a}:{c3}{z})",
                                 fmt, _cached(quarters[q]))
            q1, q4 = table.col_letter("q1"), table.col_letter("q4")
            ws.write_formula(r - 1, col_idx["year"], f"=SUM({q1}{r}:{q4}{r})",
                             ctx.fmt(table.column("year"), unit=m.unit),
                             _cached(round(quarters.sum(), m.decimals)))
        last = first + len(b.regions) - 1
        _sum_row(ctx, ws, table, first, last, [*qkeys, "year"], [*totals, totals.sum()], m)
        row = last + 3
    w.last_row, w.last_col = max(row, 4), len(table.columns)
    w.finish(protect=False, freeze_row=None, repeat_row=None)


def _sumif(crit_range: str, crit: str, sum_range: str, code: str) -> str:
    if code.startswith(_SUMIF_UNSAFE_START) or any(ch in code for ch in _SUMIF_UNSAFE):
        return f"=SUMPRODUCT(--({crit_range}={crit}),{sum_range})"
    return f"=SUMIF({crit_range},{crit},{sum_range})"


def write_by_product(ctx: Ctx, sheet: Sheet) -> None:
    """Product × month per metric: SUMIF over the metric's block of the breakdown."""
    w = output_writer(ctx, sheet)
    ws = w.ws
    w.title(note=text("note_editable", ctx.lang))
    table = sheet.table("by_product")
    b = ctx.b
    detail = ctx.spec.sheet("breakdown").table("breakdown")
    src = ctx.ref("breakdown")
    n = len(b.rep_names) * len(b.products)
    col_idx = {c.key: i for i, c in enumerate(table.columns)}
    pc = detail.col_letter("product")
    own = table.col_letter("product")
    row = table.header_row - 1
    for key, m in b.metrics.items():
        _block_title(ws, ctx, row, _metric_block_title(ctx, m))
        placed = _header(w, table, row + 1)
        first = placed.first_data_row
        write_rows(ctx, ws, placed, first, b.products)
        values = m.money(m.cells.sum(axis=0))  # (p, 12)
        fmt = ctx.fmt(table.column("m01"), unit=m.unit)
        d0, d1 = ctx.detail_first[key], ctx.detail_first[key] + n - 1
        crit_range = f"{src}!${pc}${d0}:${pc}${d1}"
        for p, code in enumerate(b.product_codes):
            r = first + p
            for mi, mk in enumerate(MONTH_KEYS):
                dc = detail.col_letter(mk)
                formula = _sumif(crit_range, f"${own}{r}", f"{src}!{dc}${d0}:{dc}${d1}",
                                 str(code))
                ws.write_formula(r - 1, col_idx[mk], formula, fmt, _cached(values[p, mi]))
            c1, c12 = table.col_letter("m01"), table.col_letter("m12")
            ws.write_formula(r - 1, col_idx["year"], f"=SUM({c1}{r}:{c12}{r})",
                             ctx.fmt(table.column("year"), unit=m.unit),
                             _cached(round(values[p].sum(), m.decimals)))
        last = first + len(b.products) - 1
        _sum_row(ctx, ws, table, first, last, [*MONTH_KEYS, "year"],
                 [*(values.sum(axis=0)), values.sum()], m)
        row = last + 3
    w.last_row, w.last_col = max(row, 4), len(table.columns)
    w.finish(protect=False, freeze_row=None, repeat_row=None)


# -- target cards -----------------------------------------------------------------------
def _header_row(ctx: Ctx, w: SheetWriter, table: Table, row: int) -> dict[str, int]:
    """A table header at `row` (1-based) written directly (cheaper than SheetWriter.table
    for the hundreds of small tables on the cards); returns key -> 0-based column."""
    fmt = ctx.styles.header()
    w.ws.write_row(row - 1, table.first_col - 1,
                   [c.label(ctx.lang) for c in table.columns], fmt)
    w.ws.set_row(row - 1, 30)
    return {c.key: table.first_col - 1 + j for j, c in enumerate(table.columns)}


def write_cards(ctx: Ctx, sheet: Sheet) -> None:
    """One printable card per rep: months, quarters and year per metric (formulas onto
    By Rep), the calls and visits a week the revenue needs, and the year by product."""
    w = output_writer(ctx, sheet)
    ws = w.ws
    b = ctx.b
    metrics = list(b.metrics)
    metric_keys = {m.key for m in METRICS}
    activity = ctx.activity.plan if ctx.activity is not None else pd.DataFrame()
    has_activity = not activity.empty
    card = sheet.table("card")
    card = dataclasses.replace(card, columns=tuple(
        c for c in card.columns
        if (c.key not in metric_keys or c.key in metrics)
        and (has_activity or c.key not in ("calls_per_week", "visits_per_week"))))
    prod = sheet.table("card_products")
    prod = dataclasses.replace(prod, columns=tuple(
        c for c in prod.columns if c.key not in metric_keys or c.key in metrics))
    for t in (card, prod):  # column widths as SheetWriter.table would set them
        for j, column in enumerate(t.columns):
            width = max(column.col_width, min(display_width(column.label(ctx.lang)) / 2 + 2,
                                              30))
            w.widths[t.first_col + j] = max(w.widths.get(t.first_col + j, 0), width)
    by_rep = ctx.ref("by_rep")
    src = ctx.ref("breakdown")
    year_col = ctx.spec.sheet("breakdown").table("breakdown").col_letter("year")
    fields = {f.key: f for f in sheet.fields}
    kinds = b.reps["seller_kind"].tolist() if "seller_kind" in b.reps else [None] * len(b.reps)
    sups = b.reps["supervisor"].tolist() if "supervisor" in b.reps else [None] * len(b.reps)
    act: dict[tuple[str, str], dict] = {}
    if has_activity:
        act = {(rec["rep"], rec["month"]): rec for rec in activity.to_dict("records")}
    # every number a card shows, per metric, computed once
    month_v = {k: m.money(m.cells.sum(axis=1)).tolist() for k, m in b.metrics.items()}
    quarter_v = {k: m.money(m.cells.sum(axis=1).reshape(-1, 4, 3).sum(axis=2)).tolist()
                 for k, m in b.metrics.items()}
    year_v = {k: m.money(m.cells.sum(axis=(1, 2))).tolist() for k, m in b.metrics.items()}
    prod_v = {k: m.money(m.cells.sum(axis=2)).tolist() for k, m in b.metrics.items()}
    num_fmt = {k: ctx.fmt(card.column(k), unit=b.metrics[k].unit) for k in metrics}
    sum_fmt = {k: ctx.fmt(card.column(k), "computed", True, unit=b.metrics[k].unit)
               for k in metrics}
    prod_fmt = {k: ctx.fmt(prod.column(k), unit=b.metrics[k].unit) for k in metrics}
    period_fmt = ctx.fmt(card.column("period"))
    act_fmt = ctx.fmt(sheet.table("card").column("calls_per_week"))
    act_blank = ctx.fmt(sheet.table("card").column("calls_per_week"), "computed")
    period_col = card.column("period")
    month_labels = [m.label(ctx.lang) for m in MONTHS]
    quarter_labels = [q.label(ctx.lang) for q in QUARTERS]
    year_label = text("year_label", ctx.lang)
    sign = text("card_sign", ctx.lang)
    names = b.products["product_name"].tolist() if "product_name" in b.products else \
        [None] * len(b.products)
    pcol, ncol = prod.column("product"), prod.column("product_name")
    label_fmt, title_fmt = ctx.styles.label(), ctx.styles.title()
    by_rep_cols = ctx.by_rep_cols
    breaks = []
    row = 1
    for s, rep in enumerate(b.rep_names):
        if s and len(breaks) < MAX_PAGE_BREAKS:
            breaks.append(row - 1)
        ws.write_string(row - 1, 0, text("card_title", ctx.lang, year=b.year, rep=rep),
                        title_fmt)
        c = 0
        for fkey, value in (("rep", rep), ("region", b.regions[b.rep_region[s]]),
                            ("supervisor", sups[s]), ("seller_kind", kinds[s])):
            f = fields[fkey]
            ws.write_string(row + 1, c, f.label(ctx.lang), label_fmt)
            if f.choices and isinstance(value, str):
                value = _choice_label(f.choices, value, ctx.lang)
            _text(ws, row + 1, c + 1, value, ctx, f)
            c += 2
        idx = _header_row(ctx, w, card, row + 3)
        first = row + 4
        for mi in range(12):
            r = first + mi
            ws.write_string(r - 1, idx["period"], month_labels[mi], period_fmt)
            for key in metrics:
                ref = f"{by_rep}!{by_rep_cols[MONTH_KEYS[mi]]}{ctx.by_rep_rows[key] + s}"
                ws.write_formula(r - 1, idx[key], f"={ref}", num_fmt[key],
                                 _cached(month_v[key][s][mi]))
            if has_activity:
                rec = act.get((rep, MONTH_KEYS[mi]))
                for k in ("calls_per_week", "visits_per_week"):
                    _number(ws, r - 1, idx[k], None if rec is None else rec[k], act_fmt)
        last_month = first + 11
        for q in range(4):
            r = last_month + 1 + q
            _text(ws, r - 1, idx["period"], quarter_labels[q], ctx, period_col, bold=True)
            for key in metrics:
                letter = col_letter(idx[key] + 1)
                a = first + 3 * q
                ws.write_formula(r - 1, idx[key], f"=SUM({letter}{a}:{letter}{a + 2})",
                                 sum_fmt[key], _cached(quarter_v[key][s][q]))
            if has_activity:
                ws.write_blank(r - 1, idx["calls_per_week"], None, act_blank)
                ws.write_blank(r - 1, idx["visits_per_week"], None, act_blank)
        r = last_month + 5
        _text(ws, r - 1, idx["period"], year_label, ctx, period_col, bold=True)
        for key in metrics:
            letter = col_letter(idx[key] + 1)
            ws.write_formula(r - 1, idx[key], f"=SUM({letter}{first}:{letter}{last_month})",
                             sum_fmt[key], _cached(year_v[key][s]))
        if has_activity:
            ws.write_blank(r - 1, idx["calls_per_week"], None, act_blank)
            ws.write_blank(r - 1, idx["visits_per_week"], None, act_blank)
        pidx = _header_row(ctx, w, prod, r + 2)
        p0 = r + 3
        for p, code in enumerate(b.product_codes):
            rr = p0 + p
            _text(ws, rr - 1, pidx["product"], code, ctx, pcol)
            _text(ws, rr - 1, pidx["product_name"], names[p], ctx, ncol)
            for key in metrics:
                ws.write_formula(rr - 1, pidx[key],
                                 f"={src}!{year_col}{ctx.detail_row(key, s, p)}",
                                 prod_fmt[key], _cached(prod_v[key][s][p]))
        end = p0 + len(b.products)
        ws.write_string(end, 0, sign)
        row = end + 3
    if breaks:
        ws.set_h_pagebreaks(breaks)
    w.last_row, w.last_col = max(row - 2, 1), max(len(card.columns), len(prod.columns), 8)
    w.finish(protect=False, freeze_row=None, repeat_row=None)


# -- progress ---------------------------------------------------------------------------
def write_progress(ctx: Ctx, sheet: Sheet) -> None:
    """Achievement per period with its own formula, red where it trails time elapsed."""
    w = output_writer(ctx, sheet)
    ws = w.ws
    w.title(note=say("note.output", ctx.lang))
    pr = ctx.progress
    values = {}
    if pr is not None:
        values["as_of"] = pr.as_of
        for p in PERIODS:
            values[f"time_{p.key}"] = pr.time.get(p.key)
    w.fields(values)
    table = sheet.table("progress")
    _header(w, table, table.header_row)
    first = table.first_data_row
    if pr is None or pr.table.empty:
        if pr is not None and pr.note:
            ws.write_string(first - 1, 0, text(pr.note, ctx.lang, as_of=pr.as_of,
                                               year=ctx.b.year), ctx.styles.note())
        w.finish(protect=False, freeze_row=table.header_row, repeat_row=table.header_row)
        return
    df = pr.table
    last = write_rows(ctx, ws, table, first, df.drop(columns=[f"{p.key}_achievement"
                                                                for p in PERIODS]))
    for p in PERIODS:
        ach = table.column(f"{p.key}_achievement")
        tc, ac = table.col_letter(f"{p.key}_target"), table.col_letter(f"{p.key}_actual")
        j = [c.key for c in table.columns].index(ach.key)
        fmt = ctx.fmt(ach)
        vals = df[f"{p.key}_achievement"].tolist()
        for i, v in enumerate(vals):
            r = first + i
            cached = "" if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)
            ws.write_formula(r - 1, j, f'=IF(N({tc}{r})>0,{ac}{r}/{tc}{r},"")', fmt, cached)
        letter = col_letter(j + 1)
        cell = sheet.field(f"time_{p.key}").cell
        fr, fc = cell[1:], cell[0]
        ws.conditional_format(first - 1, j, last - 1, j, {
            "type": "formula",
            "criteria": f"=AND(ISNUMBER({letter}{first}),{letter}{first}<${fc}${fr})",
            "format": ctx.styles.alert(),
        })
    w.last_row, w.last_col = last, len(table.columns)
    ws.autofilter(table.header_row - 1, 0, last - 1, len(table.columns) - 1)
    w.finish(protect=False, freeze_row=table.header_row, freeze_col=4,
             repeat_row=table.header_row)


# -- activity ---------------------------------------------------------------------------
def write_activity(ctx: Ctx, sheet: Sheet) -> None:
    w = output_writer(ctx, sheet)
    ws = w.ws
    w.title(note=say("note.output", ctx.lang))
    act = ctx.activity
    rates_t, plan_t = sheet.table("rates"), sheet.table("activity")
    _header(w, rates_t, rates_t.header_row)
    row = rates_t.first_data_row
    if act is None or act.rates.empty:
        note = act.note if act is not None and act.note else "no_funnel"
        ws.write_string(row - 1, 0, text(note, ctx.lang), ctx.styles.note())
        w.finish(protect=False)
        return
    last = write_rows(ctx, ws, rates_t, row, act.rates)
    row = last + 2
    if act.team_reps:
        sep = "、" if ctx.lang == "zh" else ", "
        ws.write_string(row - 1, 0, text("note_team_rates", ctx.lang,
                                         reps=sep.join(act.team_reps)), ctx.styles.note())
        row += 1
    placed = _header(w, plan_t, row + 1)
    last = write_rows(ctx, ws, placed, placed.first_data_row, act.plan)
    w.last_row, w.last_col = last, len(plan_t.columns)
    w.finish(protect=False)


# -- audit ------------------------------------------------------------------------------
def write_audit(ctx: Ctx, sheet: Sheet) -> None:
    """Method and weights, seasonality used, the explanations, rounding per level, every
    company/region/rep/product/month/quarter adjustment, the locks and input problems."""
    w = output_writer(ctx, sheet)
    ws = w.ws
    w.title(note=say("note.output", ctx.lang))
    b = ctx.b
    methods = pd.DataFrame([{
        "metric": k, "method": m.plan.method, "annual_target": m.plan.target,
        "rounding_unit": m.unit, "units": m.units,
        "weight_history": m.weights["history"], "weight_potential": m.weights["potential"],
        "weight_equal": m.weights["equal"], "season_source": m.season_source,
        "locked_cells": int(m.locked.sum()), "locked_total": float(m.money(m.locked_units)),
        "rebalance": m.rebalance, "distributed": float(m.money(m.cells.sum())),
    } for k, m in b.metrics.items()])
    season = pd.DataFrame([{"metric": k, **dict(zip(MONTH_KEYS, m.season, strict=True))}
                           for k, m in b.metrics.items()])
    notes = pd.DataFrame([{"metric": n.metric, "note": render_note(n, ctx.lang)}
                          for m in b.metrics.values() for n in m.notes])
    locks = ctx.overrides if ctx.overrides is not None else pd.DataFrame()
    if not locks.empty:
        locks = locks[locks["metric"].isin(list(b.metrics))]
    problems = pd.DataFrame([{"severity": str(p.severity), "sheet": p.sheet, "cell": p.cell,
                              "message": p.message} for p in ctx.problems])
    blocks = [("methods", methods), ("season", season), ("notes", notes),
              ("rounding", rounding_summary(b)), ("levels", level_table(b)),
              ("locks", locks), ("problems", problems)]
    row = 3
    for key, df in blocks:
        table = sheet.table(key)
        _block_title(ws, ctx, row, table.label(ctx.lang))
        placed = _header(w, table, row + 1)
        last = placed.header_row
        if df is not None and not df.empty:
            last = write_rows(ctx, ws, placed, placed.first_data_row, df)
        row = last + 3
    w.last_row, w.last_col = row, 13
    w.finish(protect=False)


WRITERS = {
    "breakdown": write_detail,
    "by_rep": write_by_rep,
    "by_region": write_by_region,
    "by_product": write_by_product,
    "cards": write_cards,
    "progress": write_progress,
    "activity": write_activity,
    "audit": write_audit,
}


def input_content(data: Any, spec: WorkbookSpec) -> dict[str, dict]:
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


def write_targets_workbook(path: str | Path, lang: str, b: Breakdown, *,
                           inputs: dict[str, dict] | None = None,
                           progress: Progress | None = None,
                           activity: Activity | None = None,
                           problems: list[Problem] | None = None,
                           overrides: pd.DataFrame | None = None) -> Path:
    """The whole targets workbook with its outputs filled, written atomically."""
    spec = workbook("targets")
    path = Path(path)
    with new_output(path, spec, lang) as out:
        wb, styles = out.wb, out.styles
        ctx = Ctx(wb, styles, spec, lang, b, progress, activity, problems or [], overrides)
        for sheet in spec.sheets:
            if sheet.role == "output":
                WRITERS[sheet.key](ctx, sheet)
            else:
                w = SheetWriter(wb, styles, spec, sheet, lang)
                lay_out_sheet(w, sheet, (inputs or {}).get(sheet.key))
        wb.get_worksheet_by_name(ctx.sheet_name("by_rep")).activate()
    return path
