"""Turn rep weekly workbooks into flat rows: one per reported day, visit, planned contact
and market report, each carrying where it came from (file, sheet, row).

This is the only place that knows how a rep workbook is laid out in days; the rollup in
`addin.core.rollup` sees plain frames.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.periods import iso_week
from ..problems import Problem, Severity, problem
from ..schema import workbook
from ..schema.vocab import DAYS
from .reader import WorkbookData, read_workbook
from .values import normalize_text

if TYPE_CHECKING:  # the reading side imports no pandas (the rollup forks it first)
    from ..core.week import WeekRows

SPEC = workbook("rep_weekly")
REPORT_SHEETS = SPEC.sheets_of_kind("report")
PLAN_SHEETS = SPEC.sheets_of_kind("plan")
DAY_FIELDS = tuple(f.key for f in REPORT_SHEETS[0].fields if f.is_input)
VISIT_COLUMNS = tuple(c.key for c in REPORT_SHEETS[0].table("visits").columns)
PLAN_COLUMNS = tuple(c.key for c in PLAN_SHEETS[0].table("contacts").columns)
MARKET_COLUMNS = tuple(c.key for c in SPEC.sheet("market").table("reports").columns)
REQUIRED_VISIT = tuple(c.key for c in REPORT_SHEETS[0].table("visits").columns if c.required)
NOT_WORKING = "holiday"
SOURCE_KEYS = ("rep", "region", "file", "date", "sheet")  # where every row came from
VISIT_ROW_KEYS = (*SOURCE_KEYS, *VISIT_COLUMNS, "row", "cell")
PLAN_ROW_KEYS = (*SOURCE_KEYS, *PLAN_COLUMNS, "row")
MARKET_ROW_KEYS = (*SOURCE_KEYS, *MARKET_COLUMNS, "row", "cell")

class Rows:
    """Rows kept as column lists: cheap to build, to send back from a worker process and to
    concatenate into one frame (a dict per row costs several times more at every step).
    Iterating yields one dict per row."""

    def __init__(self, keys: tuple[str, ...]):
        self.columns: dict[str, list] = {k: [] for k in keys}
        self.n = 0

    def add(self, n: int, values: dict[str, Any]) -> None:
        """Append n rows: a list value gives each row its own, any other value is shared."""
        if not n:
            return
        for key, column in self.columns.items():
            v = values.get(key)
            column.extend(v if type(v) is list else [v] * n)
        self.n += n

    def __len__(self) -> int:
        return self.n

    def __iter__(self) -> Iterator[dict]:
        keys = list(self.columns)
        for values in zip(*self.columns.values(), strict=True):
            yield dict(zip(keys, values, strict=True))


def concat_rows(parts: list[Rows], keys: tuple[str, ...]) -> dict[str, list]:
    """One column list per key across many Rows (a key none of them has is all None)."""
    total = sum(p.n for p in parts)
    out: dict[str, list] = {}
    for key in keys:
        column: list = []
        for p in parts:
            column.extend(p.columns.get(key) or [None] * p.n)
        out[key] = column if len(column) == total else [None] * total
    return out


@dataclass
class RepWeek:
    """Everything one rep workbook says, flattened; `ok` is False when it cannot be used."""

    path: Path
    name: str = ""  # how rows and problems name the file
    rep: str | None = None
    region: str | None = None
    week_start: dt.date | None = None
    lang: str | None = None
    version: str | None = None
    modified: float = 0.0
    ok: bool = True
    days: list[dict] = field(default_factory=list)
    visits: Rows = field(default_factory=lambda: Rows(VISIT_ROW_KEYS))
    plans: Rows = field(default_factory=lambda: Rows(PLAN_ROW_KEYS))
    market: Rows = field(default_factory=lambda: Rows(MARKET_ROW_KEYS))
    problems: list[Problem] = field(default_factory=list)

    @property
    def week(self) -> str | None:
        return iso_week(self.week_start) if self.week_start else None


def _name(value: Any) -> str | None:
    """A rep or region name as a key: full-width letters and odd spaces folded, so "张　伟"
    and "张 伟" are one rep, never two."""
    return normalize_text(value) or None if isinstance(value, str) else value


def _columns(raw: Any) -> tuple[int, dict[str, list]]:
    """(row count, column lists with `row`) of a RawTable; columns it lacks stay absent."""
    if raw is None or not raw.rows:
        return 0, {}
    return len(raw.rows), {**raw.columns, "row": raw.rows}


def extract(data: WorkbookData, name: str | None = None) -> RepWeek:
    """Flatten one read workbook. Problems already found by the reader are carried along;
    `name` is how rows and problems name the file (a path relative to the folder read)."""
    path = data.path
    shown = name or path.name
    try:
        modified = path.stat().st_mtime
    except OSError:
        modified = 0.0
    week = RepWeek(path=path, name=shown, lang=data.lang, version=data.version, modified=modified,
                   problems=list(data.problems))
    if not data.readable or data.spec is None:
        week.ok = False
        return week
    if data.spec.key != "rep_weekly":
        week.ok = False
        week.problems.append(problem(Severity.ERROR, "repbook.not_rep", shown,
                                     found=data.spec))
        return week
    info = data.fields("info")
    info_name = data.sheets["info"].name if "info" in data.sheets else \
        SPEC.sheet("info").label(data.lang or "en")
    week.rep = _name(info.get("rep"))
    week.region = _name(info.get("region"))
    if not week.rep:
        week.rep = path.stem
        week.problems.append(problem(Severity.WARNING, "repbook.no_rep", shown, info_name,
                                     SPEC.sheet("info").field("rep").cell, name=path.stem))
    start = info.get("week_start")
    if start is None:
        week.ok = False
        week.problems.append(problem(Severity.ERROR, "repbook.no_week", shown, info_name,
                                     SPEC.sheet("info").field("week_start").cell))
        return week
    if start.weekday() != 0:
        week.problems.append(problem(Severity.WARNING, "repbook.not_monday", shown,
                                     info_name, SPEC.sheet("info").field("week_start").cell,
                                     date=start))
        start = start - dt.timedelta(days=start.weekday())
    week.week_start = start
    base = {"rep": week.rep, "region": week.region, "file": shown}
    for sheet in REPORT_SHEETS:
        sd = data.sheets.get(sheet.key)
        if sd is None:
            continue
        date = start + dt.timedelta(days=sheet.day)
        n, visits = _columns(sd.raw.get("visits"))
        fields = {k: sd.fields.get(k) for k in DAY_FIELDS}
        typed = any(v is not None for k, v in fields.items()
                    if k not in ("supervisor_signoff", "signoff_date", "supervisor_comment"))
        blank = sum(v is None for k in REQUIRED_VISIT for v in visits.get(k) or [None] * n)
        if (n or fields.get("selling_hours")) and fields.get("attendance") is None:
            blank += 1
        week.days.append({**base, "date": date, "day": DAYS[sheet.day].key, "sheet": sd.name,
                          **fields, "reported": bool(typed or n),
                          "working": fields.get("attendance") != NOT_WORKING,
                          "blank_required": blank, "modified": modified})
        if n:
            where = f"{shown}!{sd.name}!A"
            week.visits.add(n, {**base, "date": date, "sheet": sd.name, **visits,
                                "cell": [f"{where}{r}" for r in visits["row"]]})
    for sheet in PLAN_SHEETS:
        sd = data.sheets.get(sheet.key)
        if sd is None:
            continue
        n, plans = _columns(sd.raw.get("contacts"))
        week.plans.add(n, {**base, "date": start + dt.timedelta(days=sheet.day),
                           "sheet": sd.name, **plans})
    sd = data.sheets.get("market")
    if sd is not None:
        n, market = _columns(sd.raw.get("reports"))
        if n:
            where = f"{shown}!{sd.name}!A"
            week.market.add(n, {**base, "sheet": sd.name, **market,
                                "cell": [f"{where}{r}" for r in market["row"]]})
    return week


def read_rep_week(path: str | Path, name: str | None = None) -> RepWeek:
    """Read and flatten one rep workbook (its output sheets are not read); `name` is how
    rows and problems name it."""
    data = read_workbook(path, sheets={s.key for s in SPEC.sheets if s.role != "output"},
                         name=name)
    return extract(data, name)


def week_rows(weeks: list[RepWeek], start: dt.date) -> WeekRows:
    """The rows of the week starting `start` (and next week's plans) as frames."""
    import pandas as pd

    from ..core.week import WeekRows

    this_week = [w for w in weeks if w.week_start == start]
    next_week = [w for w in weeks if w.week_start == start + dt.timedelta(days=7)]

    def frame(parts: list[Rows], keys: tuple[str, ...]) -> pd.DataFrame:
        return pd.DataFrame(concat_rows(parts, keys), columns=list(keys))

    day_keys = (*SOURCE_KEYS, *DAY_FIELDS, "reported", "working", "blank_required", "modified")
    all_days = pd.DataFrame([d for w in this_week for d in w.days])
    for key in day_keys:
        if key not in all_days:
            all_days[key] = None
    modified = {w.name: w.modified for w in this_week}
    plans = frame([w.plans for w in this_week], PLAN_ROW_KEYS)
    plans["modified"] = plans["file"].map(modified) if len(plans) else []
    sources: dict[str, list[str]] = {}
    for w in this_week:
        sources.setdefault(w.rep, []).append(w.name)
    return WeekRows(all_days=all_days, visits=frame([w.visits for w in this_week],
                                                    VISIT_ROW_KEYS),
                    plans=plans, market=frame([w.market for w in this_week], MARKET_ROW_KEYS),
                    next_plans=frame([w.plans for w in next_week], PLAN_ROW_KEYS),
                    sources=sources, versions={w.rep: w.version for w in this_week})
