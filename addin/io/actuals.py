"""Reading earlier actuals for `salesbook history import`: a workbook made from the
`history_import` template (read through the schema's reader) or a CSV file with the same
columns (keys, or the template's headers in either language). Every cell is checked and
each problem names its place: sheet and cell in a workbook, row and column in a CSV."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputError
from ..problems import Problem, Severity, problem
from ..schema import col_letter, workbook
from .reader import ROW_KEY, read_workbook
from .values import CellValueError, coerce, label_key

SPEC = workbook("history_import")
TABLE = SPEC.sheet("actuals").table("actuals")
COLUMNS = tuple(c.key for c in TABLE.columns)
_MONTH = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:月)?(?:[-/.]\d{1,2}(?:[ T].*)?)?\s*$")


def read_actuals(path: str | Path) -> tuple[pd.DataFrame, list[Problem]]:
    """(rep, region, month, sales, gross_margin, new_customers, collections) rows and the
    problems found; rows with an error are left out (an import with errors stores
    nothing: the service decides)."""
    path = Path(path)
    if not path.is_file():
        raise InputError("history.import_missing", path=path)
    if path.suffix.lower() == ".csv":
        records, problems, where = _read_csv(path)
    else:
        records, problems, where = _read_xlsx(path)
    return _checked(records, problems, where, path.name)


# -- a workbook ----------------------------------------------------------------------------
def _read_xlsx(path: Path) -> tuple[list[tuple[int, dict]], list[Problem], Any]:
    data = read_workbook(path, SPEC)
    if not data.readable:
        raise InputError("history.import_unreadable",
                         path=path, detail=[p.message for p in data.problems])
    sheet = data.sheets.get("actuals")
    frame = data.table("actuals", "actuals")
    if sheet is None or frame is None:
        raise InputError("history.import_no_table", path=path)
    letters = sheet.column_letters.get("actuals", {})

    def where(key: str, row: int) -> tuple[str, str]:
        return sheet.name, f"{letters.get(key, '?')}{row}"

    records = [(int(r[ROW_KEY]), {k: _plain(r.get(k)) for k in COLUMNS})
               for r in frame.to_dict("records")]
    return records, list(data.problems), where


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


# -- a CSV file ----------------------------------------------------------------------------
def _read_csv(path: Path) -> tuple[list[tuple[int, dict]], list[Problem], Any]:
    text = _decode(path)
    lines = text.splitlines()
    try:
        dialect = csv.Sniffer().sniff(lines[0] if lines else "", delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(lines, dialect))
    if not rows:
        raise InputError("history.import_empty", path=path)
    wanted = {label_key(k): c.key for c in TABLE.columns for k in (c.key, c.zh, c.en)}
    header = {i: wanted.get(label_key(h)) for i, h in enumerate(rows[0])}
    positions = {key: i for i, key in header.items() if key}
    missing = [TABLE.column(k) for k in ("rep", "month") if k not in positions]
    if missing:
        raise InputError("history.import_no_header", path=path, columns=missing)
    problems = [problem(Severity.WARNING, "history.import_unknown_column", path.name, "",
                        f"{col_letter(i + 1)}1", column=h)
                for i, h in enumerate(rows[0]) if not header[i] and h.strip()]
    records = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values: dict[str, Any] = {}
        for key, i in positions.items():
            raw = row[i] if i < len(row) else ""
            try:
                values[key] = coerce(raw.strip() or None, TABLE.column(key))
            except (CellValueError, ArithmeticError, ValueError) as e:
                detail = e.message if isinstance(e, CellValueError) else repr(raw[:40])
                problems.append(problem(Severity.ERROR, "history.import_bad_cell", path.name,
                                        "", f"{col_letter(i + 1)}{n}", row=n,
                                        column=TABLE.column(key), detail=detail))
                values[key] = _BAD
        records.append((n, values))

    def where(key: str, row: int) -> tuple[str, str]:
        return "", f"{col_letter(positions.get(key, 0) + 1)}{row}"

    return records, problems, where


_BAD = object()  # a cell already reported


def _decode(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):  # Excel saves CSV in the system's code page
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("history.import_encoding", path=path)


# -- both ----------------------------------------------------------------------------------
def _checked(records: list[tuple[int, dict]], problems: list[Problem], where: Any,
             file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Required cells, the month's form, whole non-negative new customers, one row per
    rep and month."""
    def report(code: str, key: str, row: int, **params: Any) -> None:
        sheet, cell = where(key, row)
        problems.append(problem(Severity.ERROR, code, file, sheet, cell, row=row,
                                column=TABLE.column(key), **params))

    good, seen = [], {}
    for row, values in records:
        ok = all(v is not _BAD for v in values.values())
        for key in ("rep", "month"):
            if values.get(key) is None:
                report("history.import_required", key, row)
                ok = False
        month = _month(values.get("month"))
        if values.get("month") not in (None, _BAD) and month is None:
            report("history.import_bad_month", "month", row, value=str(values["month"]))
            ok = False
        count = values.get("new_customers")
        if count not in (None, _BAD) and count < 0:
            report("history.import_negative", "new_customers", row, value=count)
            ok = False
        key = (str(values.get("rep")).strip(), month)
        if month is not None and values.get("rep") not in (None, _BAD):
            if key in seen:
                report("history.import_duplicate", "rep", row, rep=key[0], month=month,
                       first=seen[key])
                ok = False
            seen.setdefault(key, row)
        if not ok:
            continue
        good.append({**{k: values.get(k) for k in COLUMNS}, "rep": key[0], "month": month})
    frame = pd.DataFrame(good, columns=list(COLUMNS))
    return frame, problems


def _month(value: Any) -> str | None:
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value:%Y-%m}"
    if value is None or value is _BAD:
        return None
    found = _MONTH.match(str(value))
    if not found or not 1 <= int(found.group(2)) <= 12:
        return None
    return f"{int(found.group(1)):04d}-{int(found.group(2)):02d}"
