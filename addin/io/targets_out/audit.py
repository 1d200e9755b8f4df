"""The audit sheet: how every number was made. Method and weights, the seasonality used,
the engine's explanations in words, rounding per level, the adjustment of every company,
region, rep, product, month and quarter total, the locks and the input problems."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ...catalogue import say
from ...core.targets import MONTH_KEYS, Note, level_table, rounding_summary
from ...schema import Sheet
from ...schema.targets import LEVELS, metric_choice
from ...schema.vocab import SPLIT_METHODS
from .book import Book, block_title, header, plain_number, table_rows


def write_audit(book: Book, sheet: Sheet) -> None:
    """The audit's tables one under another, each with its title."""
    w = book.writer(sheet)
    ws = w.ws
    w.title(note=say("note.output", book.lang))
    b = book.b
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
    notes = pd.DataFrame([{"metric": n.metric, "note": note_text(book, n)}
                          for m in b.metrics.values() for n in m.notes])
    locks = book.overrides if book.overrides is not None else pd.DataFrame()
    if not locks.empty:
        locks = locks[locks["metric"].isin(list(b.metrics))]
    problems = pd.DataFrame([{"severity": str(p.severity), "sheet": p.sheet, "cell": p.cell,
                              "message": p.text(book.lang)} for p in book.problems])
    blocks = [("methods", methods), ("season", season), ("notes", notes),
              ("rounding", rounding_summary(b)), ("levels", level_table(b)),
              ("locks", locks), ("problems", problems)]
    row = 3
    for key, df in blocks:
        table = sheet.table(key)
        block_title(book, ws, row, table.label(book.lang))
        placed = header(w, table, row + 1)
        last = placed.header_row
        if df is not None and not df.empty:
            last = table_rows(book, ws, placed, placed.first_data_row, df)
        row = last + 3
    w.last_row, w.last_col = row, 13
    w.finish(protect=False)


# the sheet a note's advice sends the manager to
NOTE_SHEETS = {"fallback_history": "history", "fallback_potential": "potential",
               "fallback_blend": "settings", "season_flat": "seasonality"}


def note_text(book: Book, note: Note) -> str:
    """An engine note in the workbook's words: metric, method and level keys as their
    schema entries, numbers with thousands separators."""
    p: dict[str, Any] = dict(note.params)
    p["metric"] = metric_choice(note.metric)
    if "method" in p:
        p["method"] = _choice(SPLIT_METHODS, p["method"])
    if "parts" in p:
        p["sheets"] = [book.spec.sheet(k) for k in p["parts"]]
        p["parts"] = [_choice(SPLIT_METHODS, k) for k in p["parts"]]
    if "level" in p:
        p["level"] = _choice(LEVELS, p["level"])
    if note.key in NOTE_SHEETS:
        p["sheet"] = book.spec.sheet(NOTE_SHEETS[note.key])
    for k in ("wh", "wp", "we"):
        if k in p:
            p[k] = f"{p[k]:.0%}" if round(p[k] * 100, 6).is_integer() else f"{p[k]:.2%}"
    for k in ("total", "target", "unit", "given", "used"):
        if k in p:
            p[k] = plain_number(p[k])
    if "units" in p:
        p["units"] = f"{p['units']:,}"
    if "factor" in p:
        p["factor"] = f"{p['factor']:.6f}"
    if "max" in p:
        p["max"] = f"{p['max']:.2f}"
    return say(f"targets.{note.key}", book.lang, **p)


def _choice(choices: tuple, key: str) -> Any:
    return next((c for c in choices if c.key == key), key)
