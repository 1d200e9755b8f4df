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
from typing import Any

from ..core.periods import iso_week
from ..problems import Problem, Severity
from ..schema import workbook
from ..schema.vocab import DAYS
from .reader import WorkbookData, read_workbook
from .values import normalize_text

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

_MSG = {
    "no_rep": ("基本信息表缺少销售员姓名，暂用文件名“{name}”", "no rep name on the info sheet; "
               "using the file name '{name}'"),
    "no_week": ("基本信息表缺少“周一日期”，无法确定日期，本文件未计入",
                "no week start date on the info sheet, so the days have no dates; file skipped"),
    "not_monday": ("“周一日期”{date} 不是星期一，按所在周的星期一计算",
                   "the week start {date} is not a Monday; using that week's Monday"),
    "not_rep": ("这是“{found}”，不是销售员周报簿，已跳过",
                "this is a '{found}' workbook, not a rep weekly workbook; skipped"),
}


def _say(key: str, lang: str | None, **kw: Any) -> str:
    zh, en = _MSG[key]
    return (zh if lang == "zh" else en).format(**kw)


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


def extract(data: WorkbookData) -> RepWeek:
    """Flatten one read workbook. Problems already found by the reader are carried along."""
    path = data.path
    try:
        modified = path.stat().st_mtime
    except OSError:
        modified = 0.0
    week = RepWeek(path=path, lang=data.lang, version=data.version, modified=modified,
                   problems=list(data.problems))
    if not data.readable or data.spec is None:
        week.ok = False
        return week
    if data.spec.key != "rep_weekly":
        week.ok = False
        week.problems.append(Problem(Severity.ERROR, path.name, "", "",
                                     _say("not_rep", data.lang,
                                          found=data.spec.label(data.lang or "en"))))
        return week
    info = data.fields("info")
    info_name = data.sheets["info"].name if "info" in data.sheets else \
        SPEC.sheet("info").label(data.lang or "en")
    week.rep = _name(info.get("rep"))
    week.region = _name(info.get("region"))
    if not week.rep:
        week.rep = path.stem
        week.problems.append(Problem(Severity.WARNING, path.name, info_name,
                                     SPEC.sheet("info").field("rep").cell,
                                     _say("no_rep", data.lang, name=path.stem)))
    start = info.get("week_start")
    if start is None:
        week.ok = False
        week.problems.append(Problem(Severity.ERROR, path.name, info_name,
                                     SPEC.sheet("info").field("week_start").cell,
                                     _say("no_week", data.lang)))
        return week
    if start.weekday() != 0:
        week.problems.append(Problem(Severity.WARNING, path.name, info_name,
                                     SPEC.sheet("info").field("week_start").cell,
                                     _say("not_monday", data.lang, date=start.isoformat())))
        start = start - dt.timedelta(days=start.weekday())
    week.week_start = start
    base = {"rep": week.rep, "region": week.region, "file": path.name}
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
            where = f"{path.name}!{sd.name}!A"
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
            where = f"{path.name}!{sd.name}!A"
            week.market.add(n, {**base, "sheet": sd.name, **market,
                                "cell": [f"{where}{r}" for r in market["row"]]})
    return week


def read_rep_week(path: str | Path, lang: str | None = None) -> RepWeek:
    """Read and flatten one rep workbook (its output sheets are not read); `lang` is the
    language of messages about a file whose own language cannot be known."""
    data = read_workbook(path, sheets={s.key for s in SPEC.sheets if s.role != "output"},
                         lang=lang)
    return extract(data)
