"""Fill a rep workbook's weekly summary sheet (周汇总) in place with openpyxl, keeping
everything the rep typed; the file is replaced atomically."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import openpyxl
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment

from ..catalogue import run_lang, say
from ..errors import InputError
from ..schema import workbook
from ..schema.model import col_letter
from ..schema.vocab import DAYS
from .output import save_filled
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
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        return
    if hasattr(value, "item"):
        value = value.item()
    cell.value = value
    cell.number_format = column.number_format


def fill_summary(source: Path, target: Path, result: WeekFigures, commission: float) -> Path:
    """Write per-day and week figures and the objections met into the summary sheet."""
    keep_vba = source.suffix.lower() == ".xlsm"
    try:
        wb = openpyxl.load_workbook(source, keep_vba=keep_vba)
    except Exception as e:  # openpyxl refusing a file calamine could read
        raise InputError("rollup.unreadable_rep_book", file=source.name,
                         detail=f"{type(e).__name__}: {e}"[:300]) from None
    sheet = SPEC.sheet("summary")
    lang = run_lang()
    names = {label_key(n): n for n in wb.sheetnames}
    name = next((names[k] for k in map(label_key, sheet.names) if k in names), None)
    ws = wb[name] if name else wb.create_sheet(sheet.label(lang))
    _clear_below_title(ws, sheet)
    days_table = sheet.table("days")
    rows = []
    per_day = result.per_day.set_index("date") if len(result.per_day) else None
    blanks = result.blank_by_day
    for i, d in enumerate(DAYS):
        date = result.week_start + dt.timedelta(days=i)
        rec = {"day": d.label(lang), "date": date}
        if per_day is not None and date in per_day.index:
            rec.update(per_day.loc[date].to_dict())
            rec["status"] = say("word.reported", lang)
            rec["blank_required"] = blanks.get(date, 0)
        else:
            rec["status"] = say("word.not_reported", lang)
        rows.append(rec)
    week = result.per_rep.iloc[0].to_dict() if len(result.per_rep) else {}
    rows.append({**week, "day": say("word.week", lang), "date": None,
                 "status": f"{int(week.get('days_reported') or 0)}/"
                           f"{int(week.get('working_days') or 0)}"})
    for table in (days_table, sheet.table("funnel")):  # the same rows, two tables
        for r, rec in enumerate(rows, start=table.first_data_row):
            for j, column in enumerate(table.columns):
                set_cell(ws.cell(r, table.first_col + j), rec.get(column.key), column, lang)
    obj_table = sheet.table("objections")
    counts = dict(zip(result.pareto["objection"], result.pareto["count"], strict=True)) \
        if len(result.pareto) else {}
    for r, choice in enumerate(obj_table.column("objection").choices,
                               start=obj_table.first_data_row):
        set_cell(ws.cell(r, obj_table.first_col), choice.key, obj_table.column("objection"), lang)
        set_cell(ws.cell(r, obj_table.first_col + 1), counts.get(choice.key, 0),
                 obj_table.column("count"), lang)
    notes_table = sheet.table("notes")
    notes = result.competitors
    records = notes.to_dict("records") if len(notes) else []
    for r, rec in enumerate(records, start=notes_table.first_data_row):
        for j, column in enumerate(notes_table.columns):
            set_cell(ws.cell(r, notes_table.first_col + j), rec.get(column.key), column, lang)
    for table in sheet.tables:  # headers: a workbook of an older template had others
        for j, column in enumerate(table.columns):
            set_cell(ws.cell(table.header_row, table.first_col + j), column.label(lang),
                     column, lang)
    ws.print_area = f"A1:{col_letter(max(len(t.columns) for t in sheet.tables))}" \
        f"{notes_table.first_data_row + max(len(records), 1) - 1}"  # all it fills prints
    return save_filled(wb, target)


def _clear_below_title(ws: Any, sheet: Any) -> None:
    """Empty every value under the title: the summary is rewritten whole on each run (and
    a workbook of an older template laid it out differently)."""
    first = min(t.header_row for t in sheet.tables)
    for row in ws.iter_rows(min_row=first, max_row=max(ws.max_row, first)):
        for cell in row:
            if cell.value is not None and not isinstance(cell, MergedCell):
                cell.value = None
