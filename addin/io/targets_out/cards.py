"""The target cards (目标责任书): one printable page per rep with the months, quarters and
year of every metric (formulas onto By Rep), the calls and visits a week the revenue
target needs, the year by product and a line to sign."""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd

from ...catalogue import say
from ...core.targets import MONTH_KEYS
from ...schema import Sheet, Table, col_letter
from ...schema.targets import QUARTERS
from ...schema.vocab import METRICS, MONTHS
from ..sheetwriter import SheetWriter
from ..styles import display_width
from .book import Book, cached, number
from .cells import text_values, write_column

MAX_PAGE_BREAKS = 1023  # Excel's limit on manual page breaks in one sheet
ACTIVITY_KEYS = ("calls_per_week", "visits_per_week")


def write_cards(book: Book, sheet: Sheet) -> None:
    """One card per rep, each on its own printed page (as far as Excel allows)."""
    w = book.writer(sheet)
    card, prod = _tables(book, sheet)
    for t in (card, prod):  # column widths as SheetWriter.table would set them
        for j, column in enumerate(t.columns):
            width = max(column.col_width, min(display_width(column.label(book.lang)) / 2 + 2,
                                              30))
            w.widths[t.first_col + j] = max(w.widths.get(t.first_col + j, 0), width)
    page = _Page(book, sheet, card, prod)
    breaks = []
    row = 1
    for s in range(len(book.b.rep_names)):
        if s and len(breaks) < MAX_PAGE_BREAKS:
            breaks.append(row - 1)
        row = page.write(w, s, row)
    if breaks:
        w.ws.set_h_pagebreaks(breaks)
    w.last_row, w.last_col = max(row - 2, 1), max(len(card.columns), len(prod.columns), 8)
    w.finish(protect=False, freeze_row=None, repeat_row=None)


def _tables(book: Book, sheet: Sheet) -> tuple[Table, Table]:
    """The card's two tables with the columns of the metrics that have a target (and the
    activity columns when there are activity targets)."""
    metrics = set(book.b.metrics)
    metric_keys = {m.key for m in METRICS}
    has_activity = book.activity is not None and not book.activity.plan.empty
    card = sheet.table("card")
    card = dataclasses.replace(card, columns=tuple(
        c for c in card.columns
        if (c.key not in metric_keys or c.key in metrics)
        and (has_activity or c.key not in ACTIVITY_KEYS)))
    prod = sheet.table("card_products")
    prod = dataclasses.replace(prod, columns=tuple(
        c for c in prod.columns if c.key not in metric_keys or c.key in metrics))
    return card, prod


class _Page:
    """Everything one card shows, computed once for all reps, and how to write a card."""

    def __init__(self, book: Book, sheet: Sheet, card: Table, prod: Table):
        b, lang = book.b, book.lang
        self.book, self.sheet, self.card, self.prod = book, sheet, card, prod
        self.metrics = list(b.metrics)
        activity = book.activity.plan if book.activity is not None else pd.DataFrame()
        self.has_activity = not activity.empty
        self.act = {(rec["rep"], rec["month"]): rec for rec in activity.to_dict("records")} \
            if self.has_activity else {}
        self.month_v = {k: m.money(m.cells.sum(axis=1)).tolist() for k, m in b.metrics.items()}
        self.quarter_v = {k: m.money(m.cells.sum(axis=1).reshape(-1, 4, 3).sum(axis=2)).tolist()
                          for k, m in b.metrics.items()}
        self.year_v = {k: m.money(m.cells.sum(axis=(1, 2))).tolist()
                       for k, m in b.metrics.items()}
        self.prod_v = {k: m.money(m.cells.sum(axis=2)).tolist() for k, m in b.metrics.items()}
        self.num_fmt = {k: book.fmt(card.column(k), unit=b.metrics[k].unit)
                        for k in self.metrics}
        self.sum_fmt = {k: book.fmt(card.column(k), "computed", True, unit=b.metrics[k].unit)
                        for k in self.metrics}
        self.prod_fmt = {k: book.fmt(prod.column(k), unit=b.metrics[k].unit)
                         for k in self.metrics}
        self.period_fmt = book.fmt(card.column("period"))
        self.act_fmt = book.fmt(sheet.table("card").column("calls_per_week"))
        self.act_blank = book.fmt(sheet.table("card").column("calls_per_week"), "computed")
        self.month_labels = [m.label(lang) for m in MONTHS]
        self.quarter_labels = [q.label(lang) for q in QUARTERS]
        self.names = b.products["product_name"].tolist() if "product_name" in b.products \
            else [None] * len(b.products)
        self.kinds = b.reps["seller_kind"].tolist() if "seller_kind" in b.reps else \
            [None] * len(b.reps)
        self.sups = b.reps["supervisor"].tolist() if "supervisor" in b.reps else \
            [None] * len(b.reps)
        self.by_rep = book.ref("by_rep")
        self.src = book.ref("breakdown")
        self.year_col = book.spec.sheet("breakdown").table("breakdown").col_letter("year")

    def write(self, w: SheetWriter, s: int, row: int) -> int:
        """Rep `s`'s card from `row` (1-based); returns the first row of the next card."""
        book, b, ws = self.book, self.book.b, w.ws
        rep = b.rep_names[s]
        ws.write_string(row - 1, 0, say("targets.card_title", book.lang, year=b.year, rep=rep),
                        book.styles.title())
        self._fields(ws, s, row + 1)
        idx = _header_row(book, w, self.card, row + 3)
        first = row + 4
        self._months(ws, idx, s, first)
        last_month = first + 11
        self._quarters(ws, idx, s, first, last_month + 1)
        r = self._year(ws, idx, s, first, last_month)
        end = self._products(w, s, r + 2)
        ws.write_string(end, 0, say("targets.card_signatures", book.lang))
        return end + 3

    def _fields(self, ws: Any, s: int, row: int) -> None:
        """Rep, region, supervisor and kind, label beside value (0-based `row`)."""
        book, b = self.book, self.book.b
        fields = {f.key: f for f in self.sheet.fields}
        c = 0
        for fkey, value in (("rep", b.rep_names[s]), ("region", b.regions[b.rep_region[s]]),
                            ("supervisor", self.sups[s]), ("seller_kind", self.kinds[s])):
            f = fields[fkey]
            ws.write_string(row, c, f.label(book.lang), book.styles.label())
            write_column(ws, row + 1, c + 2, [book.cells(f, [value])])
            c += 2

    def _months(self, ws: Any, idx: dict[str, int], s: int, first: int) -> None:
        book, rep = self.book, self.book.b.rep_names[s]
        for mi in range(12):
            r = first + mi
            ws.write_string(r - 1, idx["period"], self.month_labels[mi], self.period_fmt)
            for key in self.metrics:
                ref = f"{self.by_rep}!{book.by_rep_cols[MONTH_KEYS[mi]]}" \
                      f"{book.by_rep_rows[key] + s}"
                ws.write_formula(r - 1, idx[key], f"={ref}", self.num_fmt[key],
                                 cached(self.month_v[key][s][mi]))
            if self.has_activity:
                rec = self.act.get((rep, MONTH_KEYS[mi]))
                for k in ACTIVITY_KEYS:
                    number(ws, r - 1, idx[k], None if rec is None else rec[k], self.act_fmt)

    def _quarters(self, ws: Any, idx: dict[str, int], s: int, first: int, row: int) -> None:
        for q in range(4):
            r = row + q
            self._label(ws, r, idx, self.quarter_labels[q])
            for key in self.metrics:
                letter = col_letter(idx[key] + 1)
                a = first + 3 * q
                ws.write_formula(r - 1, idx[key], f"=SUM({letter}{a}:{letter}{a + 2})",
                                 self.sum_fmt[key], cached(self.quarter_v[key][s][q]))
            self._no_activity(ws, idx, r)

    def _year(self, ws: Any, idx: dict[str, int], s: int, first: int, last_month: int
              ) -> int:
        r = last_month + 5
        self._label(ws, r, idx, say("targets.whole_year", self.book.lang))
        for key in self.metrics:
            letter = col_letter(idx[key] + 1)
            ws.write_formula(r - 1, idx[key], f"=SUM({letter}{first}:{letter}{last_month})",
                             self.sum_fmt[key], cached(self.year_v[key][s]))
        self._no_activity(ws, idx, r)
        return r

    def _products(self, w: SheetWriter, s: int, row: int) -> int:
        """The year by product under its header at `row`; returns the 0-based row after."""
        book, ws = self.book, w.ws
        pidx = _header_row(book, w, self.prod, row)
        p0 = row + 1
        codes = book.b.product_codes
        for key, values in (("product", codes), ("product_name", self.names)):
            write_column(ws, p0, pidx[key] + 1,
                         [book.cells(self.prod.column(key), values)])
        for p in range(len(codes)):
            for key in self.metrics:
                ws.write_formula(p0 + p - 1, pidx[key],
                                 f"={self.src}!{self.year_col}{book.detail_row(key, s, p)}",
                                 self.prod_fmt[key], cached(self.prod_v[key][s][p]))
        return p0 + len(codes)

    def _label(self, ws: Any, r: int, idx: dict[str, int], label: str) -> None:
        """A quarter's or the year's name, bold, in the period column."""
        column = self.card.column("period")
        write_column(ws, r, idx["period"] + 1,
                     [dataclasses.replace(self.book.cells(column, text_values([label])),
                                          fmt=self.book.fmt(column, bold=True),
                                          quoted=self.book.fmt(column, bold=True, quote=True))])

    def _no_activity(self, ws: Any, idx: dict[str, int], r: int) -> None:
        if self.has_activity:
            for k in ACTIVITY_KEYS:
                ws.write_blank(r - 1, idx[k], None, self.act_blank)


def _header_row(book: Book, w: SheetWriter, table: Table, row: int) -> dict[str, int]:
    """A table header at `row` (1-based) written directly (cheaper than SheetWriter.table
    for the hundreds of small tables on the cards); returns key -> 0-based column."""
    w.ws.write_row(row - 1, table.first_col - 1,
                   [c.label(book.lang) for c in table.columns], book.styles.header())
    w.ws.set_row(row - 1, 30)
    return {c.key: table.first_col - 1 + j for j, c in enumerate(table.columns)}
