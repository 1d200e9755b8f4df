"""Fill a rep workbook's weekly summary sheet (周汇总) in place with openpyxl, keeping
everything the rep typed; the file is replaced atomically."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..catalogue import run_lang, say
from ..errors import InputError
from ..schema import Column, workbook
from ..schema.model import col_letter
from ..schema.vocab import DAYS
from .output import save_filled
from .sheet_patch import PatchError, patch_sheet, template_version
from .sheetwriter import display_value, is_blank
from .values import label_key
from .writer import clean_text, needs_quoting

if TYPE_CHECKING:
    from ..core.week import WeekFigures

SPEC = workbook("rep_weekly")


def set_cell(cell: Any, value: Any, column: Any, lang: str) -> None:
    """Write a typed value; text stays text (never a formula) whatever it starts with."""
    value = display_value(column, value, lang)
    if is_blank(value):
        cell.value = None
        return
    if isinstance(value, str):
        text = clean_text(value)
        cell.value = text
        cell.data_type = "s"
        if needs_quoting(text):
            cell.quotePrefix = True
        if getattr(column, "wraps", False):
            from openpyxl.styles import Alignment

            cell.alignment = Alignment(wrap_text=True, vertical="top")
        return
    if hasattr(value, "item"):
        value = value.item()
    cell.value = value
    cell.number_format = column.number_format


def summary_cells(result: WeekFigures, lang: str) -> list[tuple[int, int, Any, Column]]:
    """(row, column, value, schema column) of everything the weekly summary shows: each
    table's header, each day and the week (activity, then the call funnel), the
    objections met, and the competitor notes."""
    sheet = SPEC.sheet("summary")
    cells = [(t.header_row, t.first_col + j, c.label(lang), c)
             for t in sheet.tables for j, c in enumerate(t.columns)]
    rows = []
    per_day = result.per_day.set_index("date") if len(result.per_day) else None
    for i, d in enumerate(DAYS):
        date = result.week_start + dt.timedelta(days=i)
        rec = {"day": d.label(lang), "date": date,
               "status": say("word.not_reported", lang)}
        if per_day is not None and date in per_day.index:
            rec.update(per_day.loc[date].to_dict(), status=say("word.reported", lang),
                       blank_required=result.blank_by_day.get(date, 0))
        rows.append(rec)
    week = result.per_rep.iloc[0].to_dict() if len(result.per_rep) else {}
    rows.append({**week, "day": say("word.week", lang), "date": None,
                 "status": f"{int(week.get('days_reported') or 0)}/"
                           f"{int(week.get('working_days') or 0)}"})
    counts = dict(zip(result.pareto["objection"], result.pareto["count"], strict=True)) \
        if len(result.pareto) else {}
    objection = sheet.table("objections").column("objection")
    notes = result.competitors.to_dict("records") if len(result.competitors) else []
    for table, records in ((sheet.table("days"), rows), (sheet.table("funnel"), rows),
                           (sheet.table("objections"),
                            [{"objection": c.key, "count": counts.get(c.key, 0)}
                             for c in objection.choices]),
                           (sheet.table("notes"), notes)):
        for r, rec in enumerate(records, start=table.first_data_row):
            for j, column in enumerate(table.columns):
                cells.append((r, table.first_col + j, rec.get(column.key), column))
    return cells


def fill_summary(source: Path, target: Path, result: WeekFigures, commission: float) -> Path:
    """Write per-day and week figures, the objections met and the competitor notes into
    the workbook's summary sheet. A workbook of the current template is patched in place
    (only that sheet changes); an older one is rewritten through openpyxl."""
    lang = run_lang()
    sheet = SPEC.sheet("summary")
    cells = summary_cells(result, lang)
    last = f"{col_letter(max(c for _, c, _, _ in cells))}{max(r for r, _, _, _ in cells)}"
    if template_version(source) == SPEC.version:
        shown = {f"{col_letter(c)}{r}": _shown(value, column, lang)
                 for r, c, value, column in cells}
        try:
            first = min(t.header_row for t in sheet.tables)
            return patch_sheet(source, target, sheet.names, first, shown, print_to=last)
        except PatchError:
            pass  # laid out otherwise: rewrite it whole below
    return _rewrite(source, target, cells, lang, last)


def _shown(value: Any, column: Column, lang: str) -> Any:
    shown = display_value(column, value, lang)
    if is_blank(shown):
        return None
    return shown.item() if hasattr(shown, "item") else shown


def _rewrite(source: Path, target: Path, cells: list, lang: str, last: str) -> Path:
    """The summary through openpyxl: every value under the title cleared, then written."""
    import openpyxl  # only for workbooks of an older template: a button's run skips it

    keep_vba = source.suffix.lower() == ".xlsm"
    try:
        wb = openpyxl.load_workbook(source, keep_vba=keep_vba)
    except Exception as e:  # openpyxl refusing a file calamine could read
        raise InputError("rollup.unreadable_rep_book", file=source.name,
                         detail=f"{type(e).__name__}: {e}"[:300]) from None
    sheet = SPEC.sheet("summary")
    names = {label_key(n): n for n in wb.sheetnames}
    name = next((names[k] for k in map(label_key, sheet.names) if k in names), None)
    ws = wb[name] if name else wb.create_sheet(sheet.label(lang))
    _clear_below_title(ws, sheet)
    for r, c, value, column in cells:
        set_cell(ws.cell(r, c), value, column, lang)
    ws.print_area = f"A1:{last}"  # all it fills prints
    return save_filled(wb, target)


def _clear_below_title(ws: Any, sheet: Any) -> None:
    """Empty every value under the title: the summary is rewritten whole on each run (and
    a workbook of an older template laid it out differently)."""
    from openpyxl.cell.cell import MergedCell

    first = min(t.header_row for t in sheet.tables)
    for row in ws.iter_rows(min_row=first, max_row=max(ws.max_row, first)):
        for cell in row:
            if cell.value is not None and not isinstance(cell, MergedCell):
                cell.value = None
