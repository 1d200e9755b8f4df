"""The pivots: per metric, rep × month, region × quarter and product × month, each cell a
formula over the breakdown sheet (with the engine's figure cached), so a month a manager
changes there flows into every subtotal."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ...catalogue import say
from ...core.targets import MONTH_KEYS, MetricResult
from ...schema import Sheet, Table, col_letter
from ...schema.targets import QUARTERS
from .book import Book, block_title, cached, header, metric_block_title, table_rows, total_label

_SUMIF_UNSAFE = ("*", "?", "~")  # wildcards in SUMIF criteria
_SUMIF_UNSAFE_START = ("<", ">", "=")  # comparison operators in SUMIF criteria


def _pivot_sheet(book: Book, sheet: Sheet, key: str) -> tuple[Any, Table, Table, str]:
    """A pivot sheet begun: (its writer with the title written, its table, the breakdown
    table its formulas sum, the breakdown sheet's reference)."""
    w = book.writer(sheet)
    w.title(note=say("targets.sheet_editable", book.lang))
    return (w, sheet.table(key), book.spec.sheet("breakdown").table("breakdown"),
            book.ref("breakdown"))


def write_by_rep(book: Book, sheet: Sheet) -> None:
    """Rep × month per metric: each cell sums the rep's rows of the breakdown."""
    w, table, detail, src = _pivot_sheet(book, sheet, "by_rep")
    ws, b = w.ws, book.b
    n_p = len(b.products)
    col_idx = {c.key: i for i, c in enumerate(table.columns)}
    book.by_rep_cols = {k: col_letter(col_idx[k] + 1) for k in (*MONTH_KEYS, "year")}
    row = table.header_row - 1
    for key, m in b.metrics.items():
        block_title(book, ws, row, metric_block_title(book, m))
        placed = header(w, table, row + 1)
        first = placed.first_data_row
        book.by_rep_rows[key] = first
        frame = pd.DataFrame({"region": [b.regions[g] for g in b.rep_region],
                              "rep": b.rep_names})
        table_rows(book, ws, placed, first, frame)
        month_values = m.money(m.cells.sum(axis=1))  # (s, 12)
        fmt = book.fmt(table.column(MONTH_KEYS[0]), unit=m.unit)
        year_fmt = book.fmt(table.column("year"), unit=m.unit)
        d0 = book.detail_first[key]
        for s in range(len(b.rep_names)):
            r = first + s
            a, z = d0 + s * n_p, d0 + (s + 1) * n_p - 1
            for mi, mk in enumerate(MONTH_KEYS):
                dc = detail.col_letter(mk)
                ws.write_formula(r - 1, col_idx[mk], f"=SUM({src}!{dc}{a}:{dc}{z})", fmt,
                                 cached(month_values[s, mi]))
            ws.write_formula(r - 1, col_idx["year"],
                             f"=SUM({book.by_rep_cols['m01']}{r}:{book.by_rep_cols['m12']}{r})",
                             year_fmt, cached(round(month_values[s].sum(), m.decimals)))
        last = first + len(b.rep_names) - 1
        _sum_row(book, ws, table, first, last, [*MONTH_KEYS, "year"],
                 [*(month_values.sum(axis=0)), month_values.sum()], m)
        row = last + 3
    w.last_row, w.last_col = max(row, 4), len(table.columns)
    w.finish(protect=False, freeze_row=None, repeat_row=None)


def write_by_region(book: Book, sheet: Sheet) -> None:
    """Region × quarter per metric: each cell sums the region's block of the breakdown
    over the quarter's three month columns."""
    w, table, detail, src = _pivot_sheet(book, sheet, "by_region")
    ws, b = w.ws, book.b
    n_p = len(b.products)
    col_idx = {c.key: i for i, c in enumerate(table.columns)}
    qkeys = [q.key for q in QUARTERS]
    row = table.header_row - 1
    for key, m in b.metrics.items():
        block_title(book, ws, row, metric_block_title(book, m))
        placed = header(w, table, row + 1)
        first = placed.first_data_row
        table_rows(book, ws, placed, first, pd.DataFrame({"region": b.regions}))
        rep_month = m.cells.sum(axis=1)
        fmt = book.fmt(table.column("q1"), unit=m.unit)
        d0 = book.detail_first[key]
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
                                 fmt, cached(quarters[q]))
            q1, q4 = table.col_letter("q1"), table.col_letter("q4")
            ws.write_formula(r - 1, col_idx["year"], f"=SUM({q1}{r}:{q4}{r})",
                             book.fmt(table.column("year"), unit=m.unit),
                             cached(round(quarters.sum(), m.decimals)))
        last = first + len(b.regions) - 1
        _sum_row(book, ws, table, first, last, [*qkeys, "year"], [*totals, totals.sum()], m)
        row = last + 3
    w.last_row, w.last_col = max(row, 4), len(table.columns)
    w.finish(protect=False, freeze_row=None, repeat_row=None)


def write_by_product(book: Book, sheet: Sheet) -> None:
    """Product × month per metric: SUMIF over the metric's block of the breakdown."""
    w, table, detail, src = _pivot_sheet(book, sheet, "by_product")
    ws, b = w.ws, book.b
    n = len(b.rep_names) * len(b.products)
    col_idx = {c.key: i for i, c in enumerate(table.columns)}
    pc = detail.col_letter("product")
    own = table.col_letter("product")
    row = table.header_row - 1
    for key, m in b.metrics.items():
        block_title(book, ws, row, metric_block_title(book, m))
        placed = header(w, table, row + 1)
        first = placed.first_data_row
        table_rows(book, ws, placed, first, b.products)
        values = m.money(m.cells.sum(axis=0))  # (p, 12)
        fmt = book.fmt(table.column("m01"), unit=m.unit)
        d0, d1 = book.detail_first[key], book.detail_first[key] + n - 1
        crit_range = f"{src}!${pc}${d0}:${pc}${d1}"
        for p, code in enumerate(b.product_codes):
            r = first + p
            for mi, mk in enumerate(MONTH_KEYS):
                dc = detail.col_letter(mk)
                formula = _sumif(crit_range, f"${own}{r}", f"{src}!{dc}${d0}:{dc}${d1}",
                                 str(code))
                ws.write_formula(r - 1, col_idx[mk], formula, fmt, cached(values[p, mi]))
            c1, c12 = table.col_letter("m01"), table.col_letter("m12")
            ws.write_formula(r - 1, col_idx["year"], f"=SUM({c1}{r}:{c12}{r})",
                             book.fmt(table.column("year"), unit=m.unit),
                             cached(round(values[p].sum(), m.decimals)))
        last = first + len(b.products) - 1
        _sum_row(book, ws, table, first, last, [*MONTH_KEYS, "year"],
                 [*(values.sum(axis=0)), values.sum()], m)
        row = last + 3
    w.last_row, w.last_col = max(row, 4), len(table.columns)
    w.finish(protect=False, freeze_row=None, repeat_row=None)


def _sum_row(book: Book, ws: Any, table: Table, first: int, last: int, keys: list[str],
             values: list[float], m: MetricResult) -> None:
    """The total row under a pivot block: SUM of each column above."""
    r = last + 1
    total_label(book, ws, r, table.first_col - 1)
    for j in range(1, len(table.columns)):
        column = table.columns[j]
        fmt = book.fmt(column, role="computed", bold=True, unit=m.unit)
        if column.key in keys:
            letter = table.col_letter(column.key)
            v = values[keys.index(column.key)]
            ws.write_formula(r - 1, table.first_col + j - 1,
                             f"=SUM({letter}{first}:{letter}{last})", fmt,
                             cached(round(float(v), m.decimals)))
        else:
            ws.write_blank(r - 1, table.first_col + j - 1, None, fmt)


def _sumif(crit_range: str, crit: str, sum_range: str, code: str) -> str:
    """SUMIF, or SUMPRODUCT for a code SUMIF would read as a wildcard or a comparison."""
    if code.startswith(_SUMIF_UNSAFE_START) or any(ch in code for ch in _SUMIF_UNSAFE):
        return f"=SUMPRODUCT(--({crit_range}={crit}),{sum_range})"
    return f"=SUMIF({crit_range},{crit},{sum_range})"
