"""The breakdown sheet: one row per metric × rep × product with the 12 months, a year SUM
and the exact share. Metrics, regions and reps each form contiguous blocks, which the
pivots' and cards' formulas sum. It can hold 100,000 rows, so it is streamed."""

from __future__ import annotations

import numpy as np

from ...catalogue import say
from ...core.targets import MONTH_KEYS, MetricResult
from ...schema import Sheet, Table
from .book import Book, cached, header
from .cells import Cells, write_cells


def write_detail(book: Book, sheet: Sheet) -> None:
    """The breakdown rows, filterable, frozen at the product; notes where each metric's
    block starts for the other sheets' formulas."""
    w = book.writer(sheet)
    w.title(note=say("targets.sheet_editable", book.lang))
    table = sheet.table("breakdown")
    header(w, table, table.header_row)
    b = book.b
    row = table.first_data_row
    for key in b.metrics:
        book.detail_first[key] = row
        row += len(b.rep_names) * len(b.products)
    last = row - 1
    write_cells(w.ws, table.first_data_row, _columns(book, table), stream=True)
    ncols = len(table.columns)
    w.last_row, w.last_col = max(last, table.header_row), ncols
    if last > table.header_row:
        w.ws.autofilter(table.header_row - 1, 0, last - 1, ncols - 1)
    cols = [c.key for c in table.columns]
    w.finish(protect=False, freeze_row=table.header_row, freeze_col=cols.index("product") + 1,
             repeat_row=table.header_row)


def _columns(book: Book, table: Table) -> dict[int, list[Cells]]:
    """Every column of the breakdown rows, one run per metric block."""
    b = book.b
    col = {c.key: c for c in table.columns}
    where = {c.key: table.first_col + j for j, c in enumerate(table.columns)}
    n_p = len(b.products)
    names = b.products["product_name"].tolist() if "product_name" in b.products else \
        [None] * n_p
    per_row = {  # the same in every metric's block
        "region": [b.regions[g] for g in b.rep_region for _ in range(n_p)],
        "rep": [rep for rep in b.rep_names for _ in range(n_p)],
        "product": b.product_codes * len(b.rep_names),
        "product_name": names * len(b.rep_names),
    }
    out: dict[int, list[Cells]] = {where[k]: [] for k in where}
    for key, m in b.metrics.items():
        n = len(per_row["rep"])
        out[where["metric"]].append(book.cells(col["metric"], [key] * n))
        for k, values in per_row.items():
            out[where[k]].append(book.cells(col[k], values))
        months, years = _figures(m)
        for i, mk in enumerate(MONTH_KEYS):
            out[where[mk]].append(book.cells(col[mk], months[i], unit=m.unit))
        first = book.detail_first[key]
        fm, lm = table.col_letter(MONTH_KEYS[0]), table.col_letter(MONTH_KEYS[-1])
        sums = [f"=SUM({fm}{r}:{lm}{r})" for r in range(first, first + n)]
        out[where["year"]].append(Cells(years, book.fmt(col["year"], unit=m.unit),
                                        formulas=sums))
        exact = (m.exact.sum(axis=2) * m.unit).ravel().tolist()
        out[where["exact_year"]].append(book.cells(col["exact_year"], exact))
    return out


def _figures(m: MetricResult) -> tuple[list[list], list]:
    """Each month's column of the metric's rows and each row's year, in its currency:
    whole numbers as integers when the rounding unit is whole."""
    money = m.money(m.cells).reshape(-1, 12)
    years = np.round(money.sum(axis=1), m.decimals)
    if m.decimals == 0:
        return money.T.astype(np.int64).tolist(), years.astype(np.int64).tolist()
    return money.T.tolist(), [cached(v) for v in years.tolist()]
