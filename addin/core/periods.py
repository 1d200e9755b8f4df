"""Working-day calendars for time progress (时间进度): how much of a week, month, quarter or
year has passed, to set achievement against. Working days are Monday to Saturday, as the
rep workbooks have them."""

from __future__ import annotations

import datetime as dt

WORKING_WEEKDAYS = frozenset(range(6))  # Monday..Saturday


def working_days(start: dt.date, end: dt.date) -> int:
    """Working days from start to end, both included (0 when end < start)."""
    if end < start:
        return 0
    days = (end - start).days + 1
    full, rest = divmod(days, 7)
    count = full * len(WORKING_WEEKDAYS)
    for i in range(rest):
        if (start.weekday() + i) % 7 in WORKING_WEEKDAYS:
            count += 1
    return count


def time_progress(start: dt.date, end: dt.date, as_of: dt.date) -> float:
    """Share of the period's working days that have passed by the end of `as_of`."""
    total = working_days(start, end)
    if total == 0:
        return 0.0
    return working_days(start, min(as_of, end)) / total


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    return first, nxt - dt.timedelta(days=1)


def quarter_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    q0 = 3 * ((day.month - 1) // 3) + 1
    first = dt.date(day.year, q0, 1)
    last = month_bounds(dt.date(day.year, q0 + 2, 1))[1]
    return first, last


def year_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=5)


def parse_iso_week(text: str) -> dt.date:
    """'2026-W48' -> the Monday of that ISO week."""
    try:
        year, week = text.upper().split("-W")
        return dt.date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        raise ValueError(f"not an ISO week like 2026-W48: {text!r}") from None


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"
