"""Time progress (时间进度): how much of a week, month, quarter or year has gone by.

The handbook judges achievement against time: 40% of the month's target done when 60% of
the month has gone is behind pace. Kept as plain scalar functions of (period, date) so the
same code can later back an Excel function (=SALESBOOK.TIMEPROGRESS("month", A1)).
"""

from __future__ import annotations

import calendar
import datetime as dt

PERIODS = ("week", "month", "quarter", "year")
WORKWEEK = 6  # Monday to Saturday, as the rep workbooks have them (and addin.core.periods)

_ALIASES = {
    "week": "week", "w": "week", "wtd": "week", "周": "week", "本周": "week",
    "month": "month", "m": "month", "mtd": "month", "月": "month", "本月": "month",
    "quarter": "quarter", "q": "quarter", "qtd": "quarter", "季": "quarter", "季度": "quarter",
    "本季": "quarter",
    "year": "year", "y": "year", "ytd": "year", "年": "year", "年度": "year", "本年": "year",
}


def _period(period: str) -> str:
    key = _ALIASES.get(str(period).strip().lower())
    if key is None:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    return key


def _date(value: dt.date | dt.datetime | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip()[:10])


def period_bounds(period: str, as_of: dt.date | dt.datetime | str) -> tuple[dt.date, dt.date]:
    """First and last day of the week (Monday to Sunday), month, quarter or year of `as_of`."""
    p, d = _period(period), _date(as_of)
    if p == "week":
        start = d - dt.timedelta(days=d.weekday())
        return start, start + dt.timedelta(days=6)
    if p == "month":
        return d.replace(day=1), d.replace(day=calendar.monthrange(d.year, d.month)[1])
    if p == "quarter":
        first = 3 * ((d.month - 1) // 3) + 1
        last = first + 2
        return (dt.date(d.year, first, 1),
                dt.date(d.year, last, calendar.monthrange(d.year, last)[1]))
    return dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)


def count_days(first: dt.date, last: dt.date, workweek: int = 7) -> int:
    """Days from `first` to `last` inclusive; with workweek 5 or 6 only Monday to Fri/Sat."""
    if last < first:
        return 0
    n = (last - first).days + 1
    if workweek >= 7:
        return n
    full, rest = divmod(n, 7)
    wd = first.weekday()
    return full * workweek + sum(1 for i in range(rest) if (wd + i) % 7 < workweek)


def time_progress(period: str, as_of: dt.date | dt.datetime | str,
                  workweek: int = WORKWEEK) -> float:
    """Share (0..1) of the period gone by the end of `as_of`.

    Working days Monday to Saturday by default, the selling days the rep workbooks have;
    workweek=5 counts Monday to Friday and workweek=7 calendar days.
    """
    if workweek not in (5, 6, 7):
        raise ValueError(f"workweek must be 5, 6 or 7, not {workweek!r}")
    d = _date(as_of)
    first, last = period_bounds(period, d)
    total = count_days(first, last, workweek)
    return count_days(first, d, workweek) / total if total else 0.0
