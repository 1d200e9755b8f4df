"""Calendars for time progress (时间进度) in the rollups: the bounds of a week, month,
quarter or year, working days (Monday to Saturday, as the rep workbooks have them) and ISO
week labels. The counting itself lives in `addin.core.timeprogress`, shared with targets."""

from __future__ import annotations

import datetime as dt
import re

from ..errors import InputError
from .timeprogress import WORKWEEK, count_days, period_bounds

_WEEK = re.compile(r"^\s*(\d{4})\s*-?\s*W\s*(\d{1,2})\s*$", re.IGNORECASE)


def working_days(start: dt.date, end: dt.date) -> int:
    """Working days from start to end, both included (0 when end < start)."""
    return count_days(start, end, WORKWEEK)


def time_progress(start: dt.date, end: dt.date, as_of: dt.date) -> float:
    """Share of the working days from start to end that have passed by the end of `as_of`."""
    total = working_days(start, end)
    return working_days(start, min(as_of, end)) / total if total else 0.0


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    return period_bounds("month", day)


def quarter_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    return period_bounds("quarter", day)


def year_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    return period_bounds("year", day)


def parse_iso_week(text: str) -> dt.date:
    """'2026-W48' (also '2026W48', '2027w1') -> the Monday of that ISO week; InputError
    for anything else."""
    m = _WEEK.match(text or "")
    if not m:
        raise InputError("week.bad", text=text)
    try:
        return dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    except ValueError:
        raise InputError("week.no_such", text=text) from None


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"
