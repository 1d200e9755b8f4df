"""Checks on a week's rows before anything is added up: figures too large to be real, text
longer than a cell holds, figures that came out infinite. Each finding is a Problem naming
the file, sheet and cell; the offending value is blanked, never counted."""

from __future__ import annotations

import math

import pandas as pd

from ..problems import Problem, Severity, problem
from ..schema import workbook
from ..schema.metrics import METRIC_KEYS, ROLLUP_METRICS
from .rollup import DAY_SUMS

MAX_FIGURE = 1e12  # an amount or count above this is a slip of the keyboard or a crafted file
CELL_LIMIT = 32767  # characters an Excel cell holds

_REP_WEEKLY = workbook("rep_weekly")
_REPORT = _REP_WEEKLY.sheets_of_kind("report")[0]
_VISITS = _REPORT.table("visits")
_MARKET = _REP_WEEKLY.sheet("market").table("reports")


def implausible(days: pd.DataFrame, visits: pd.DataFrame) -> list[Problem]:
    """Blank out, and name, amounts and counts too large to be real (1e308 typed twice
    would sum to infinity, which no workbook can hold); in place."""
    checks = [(days, _REPORT.field(k), None) for k in DAY_SUMS] + \
        [(visits, _VISITS.column(k), _VISITS) for k in ("order_amount", "collected_amount")]
    found = []
    for frame, column, table in checks:
        if frame.empty or column.key not in frame:
            continue
        values = pd.to_numeric(frame[column.key], errors="coerce")
        bad = values.abs() > MAX_FIGURE
        if not bad.any():
            continue
        for i in frame.index[bad]:
            rec = frame.loc[i]
            cell = column.cell if table is None else f"{table.col_letter(column.key)}{rec['row']}"
            found.append(problem(Severity.ERROR, "rollup.implausible", rec["file"],
                                 rec["sheet"], cell, label=column, value=float(values[i])))
        frame[column.key] = frame[column.key].where(~bad, None)
    return found


def long_text(visits: pd.DataFrame, market: pd.DataFrame) -> list[Problem]:
    """Text longer than an Excel cell holds is cut in the report: say where."""
    found = []
    for frame, table in ((visits, _VISITS), (market, _MARKET)):
        for column in table.columns:
            if frame.empty or column.key not in frame or column.type != "text":
                continue
            try:
                lengths = frame[column.key].str.len()
            except AttributeError:  # not all text: measure the strings only
                lengths = frame[column.key].map(lambda v: len(v) if type(v) is str else 0)
            for i in frame.index[lengths > CELL_LIMIT]:
                rec = frame.loc[i]
                found.append(problem(Severity.WARNING, "rollup.long_text", rec["file"],
                                     rec["sheet"], f"{table.col_letter(column.key)}{rec['row']}",
                                     label=column, limit=CELL_LIMIT))
    return found


def finite(frame: pd.DataFrame) -> list[Problem]:
    """An infinite figure (a ratio over a vanishing denominator) becomes empty, with a
    note: a workbook cannot hold infinity. In place."""
    numbers = frame[[k for k in METRIC_KEYS if k in frame]].select_dtypes("number")
    if frame.empty or not numbers.abs().eq(math.inf).to_numpy().any():
        return []
    columns = {c.key: c for c in ROLLUP_METRICS}
    found = []
    for key in numbers.columns:
        bad = numbers[key].abs() == math.inf
        for i in frame.index[bad]:
            rep = frame.loc[i, "rep"] if "rep" in frame else ""
            found.append(problem(Severity.WARNING, "rollup.overflow", rep=rep,
                                 label=columns.get(key, key)))
        frame[key] = numbers[key].where(~bad)
    return found
