"""Worksheet functions for users of the xlwings add-in (xlwings.conf: UDF Modules =
addin.excel.udfs), each a thin wrapper over the core calculation the reports use, so a
sheet and a report never disagree:

    =SALESBOOK_TIMEPROGRESS("month", A1)       share of the month gone by A1 (时间进度)
    =SALESBOOK_ACHIEVEMENT(B2, C2)             actual / target, blank without a target
    =SALESBOOK_SPLIT(100000, D2:D9)            whole parts by weight, adding up exactly
                                               (spills down, or across for a row)
    =SALESBOOK_NEXTDUE("priority", E2, "visit") next contact date by tier cadence
    =SALESBOOK_SALESPERCALL(20000, 100)        sales per call dialled (¥200)
    =SALESBOOK_COMMISSIONPERCALL(20000, 100, 5%) commission per call dialled (¥10)

Without xlwings (or on Linux, where its decorators do nothing) they are plain Python
functions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

try:  # xlwings is an optional extra
    import xlwings as _xw

    func, arg, ret = _xw.func, _xw.arg, _xw.ret
except ImportError:  # pragma: no cover - exercised where xlwings is absent
    def func(f=None, **_kw):
        return f if f is not None else (lambda g: g)

    def arg(*_a, **_kw):
        return lambda g: g

    def ret(*_a, **_kw):
        return lambda g: g


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)):  # an Excel serial date
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    return dt.date.fromisoformat(str(value).strip()[:10])


def _number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    return float(value)


def _scalar(series: Any) -> float | None:
    v = float(series.iloc[0])
    return None if v != v else v


@func
def SALESBOOK_TIMEPROGRESS(period: str, as_of: Any, workweek: int = 6) -> float:
    """Share (0..1) of the week, month, quarter or year gone by the end of `as_of`."""
    from ..core.timeprogress import time_progress

    return time_progress(period, _date(as_of), int(workweek))


@func
def SALESBOOK_ACHIEVEMENT(actual: Any, target: Any) -> float | None:
    """Achievement (达成率): actual / target; blank when there is no target."""
    import pandas as pd

    from ..core.achievement import ratio

    return _scalar(ratio(pd.Series([_number(actual)]), pd.Series([_number(target)])))


@func
@arg("weights", ndim=2)
def SALESBOOK_SPLIT(total: Any, weights: list[list[Any]], unit: Any = 1) -> list[list[int]]:
    """`total` split by `weights` into whole multiples of `unit` that add up to it
    exactly; the result spills in the shape of `weights` (a column or a row)."""
    import numpy as np

    from ..core.apportion import cumulative_round

    flat = [_number(w) or 0.0 for row in weights for w in row]
    step = _number(unit) or 1.0
    units = round((_number(total) or 0.0) / step)
    w = np.asarray(flat, dtype="float64")
    if w.sum() <= 0 or (w < 0).any():
        raise ValueError("weights must be non-negative and not all zero")
    parts = [int(p) * step for p in cumulative_round(units * w / w.sum(), units)]
    parts = [int(p) if float(p).is_integer() else p for p in parts]
    if len(weights) == 1 and len(weights[0]) > 1:  # a row of weights: a row of parts
        return [parts]
    return [[p] for p in parts]


@func
def SALESBOOK_NEXTDUE(tier: str, last_contact: Any, kind: str = "visit") -> dt.date | None:
    """The next call or visit date of a customer of `tier` last contacted on
    `last_contact`, by the handbook's cadence (blank: never contacted, due now)."""
    from ..core.cadence import add_months

    last = _date(last_contact)
    if last is None:
        return None
    return add_months(last, cadence_months(tier, kind))


def cadence_months(tier: str, kind: str) -> int:
    """Months between contacts of a tier (key, zh or en label) by the customer master's
    default cadence: priority 1/3, general 3/6, last 6/12 (call/visit)."""
    from ..schema import workbook
    from ..schema.vocab import TIERS

    wanted = str(tier).strip().lower()
    key = next((t.key for t in TIERS if wanted in (t.key, t.zh, t.en.lower())), None)
    if key is None:
        raise ValueError(f"tier must be one of {[t.key for t in TIERS]}, not {tier!r}")
    column = {"visit": "visit_every_months", "call": "call_every_months"}.get(
        str(kind).strip().lower())
    if column is None:
        raise ValueError(f"kind must be 'visit' or 'call', not {kind!r}")
    table = workbook("customers").sheet("settings").table("cadence")
    return int(next(row[column] for row in table.defaults if row["tier"] == key))


@func
def SALESBOOK_SALESPERCALL(sales: Any, calls: Any) -> float | None:
    """Sales per call dialled (每通电话销售额); blank without calls."""
    import pandas as pd

    from ..core.achievement import ratio

    return _scalar(ratio(pd.Series([_number(sales)]), pd.Series([_number(calls)])))


@func
def SALESBOOK_COMMISSIONPERCALL(sales: Any, calls: Any, rate: Any) -> float | None:
    """Commission each call dialled earns: sales per call × the commission rate."""
    per_call = SALESBOOK_SALESPERCALL(sales, calls)
    return None if per_call is None else per_call * float(rate)
