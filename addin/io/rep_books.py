"""Turn rep weekly workbooks into flat rows: one per reported day, visit, planned contact
and market report, each carrying where it came from (file, sheet, row).

This is the only place that knows how a rep workbook is laid out in days; the rollup in
`addin.core.rollup` sees plain frames.
"""

from __future__ import annotations

import datetime as dt
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
    visits: list[dict] = field(default_factory=list)
    plans: list[dict] = field(default_factory=list)
    market: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def week(self) -> str | None:
        return iso_week(self.week_start) if self.week_start else None


def _name(value: Any) -> str | None:
    """A rep or region name as a key: full-width letters and odd spaces folded, so "张　伟"
    and "张 伟" are one rep, never two."""
    return normalize_text(value) or None if isinstance(value, str) else value


def _rows(raw, columns: tuple[str, ...]) -> list[dict]:
    """Dicts from a RawTable's column lists (columns the sheet lacks are None)."""
    if raw is None or not raw.rows:
        return []
    n = len(raw.rows)
    cols = {k: raw.columns.get(k) or [None] * n for k in columns}
    return [{**{k: cols[k][i] for k in columns}, "row": raw.rows[i]} for i in range(n)]


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
        visits = _rows(sd.raw.get("visits"), VISIT_COLUMNS)
        fields = {k: sd.fields.get(k) for k in DAY_FIELDS}
        typed = any(v is not None for k, v in fields.items()
                    if k not in ("supervisor_signoff", "signoff_date", "supervisor_comment"))
        blank = sum(1 for v in visits for k in REQUIRED_VISIT if v.get(k) is None)
        if (visits or fields.get("selling_hours")) and fields.get("attendance") is None:
            blank += 1
        week.days.append({**base, "date": date, "day": DAYS[sheet.day].key, "sheet": sd.name,
                          **fields, "reported": bool(typed or visits),
                          "working": fields.get("attendance") != NOT_WORKING,
                          "blank_required": blank, "modified": modified})
        for v in visits:
            week.visits.append({**base, "date": date, "sheet": sd.name, **v,
                                "cell": f"{path.name}!{sd.name}!A{v['row']}"})
    for sheet in PLAN_SHEETS:
        sd = data.sheets.get(sheet.key)
        if sd is None:
            continue
        date = start + dt.timedelta(days=sheet.day)
        for p in _rows(sd.raw.get("contacts"), PLAN_COLUMNS):
            week.plans.append({**base, "date": date, "sheet": sd.name, **p})
    sd = data.sheets.get("market")
    if sd is not None:
        for m in _rows(sd.raw.get("reports"), MARKET_COLUMNS):
            week.market.append({**base, "sheet": sd.name, **m,
                                "cell": f"{path.name}!{sd.name}!A{m['row']}"})
    return week


def read_rep_week(path: str | Path, lang: str | None = None) -> RepWeek:
    """Read and flatten one rep workbook (its output sheets are not read); `lang` is the
    language of messages about a file whose own language cannot be known."""
    data = read_workbook(path, sheets={s.key for s in SPEC.sheets if s.role != "output"},
                         lang=lang)
    return extract(data)
