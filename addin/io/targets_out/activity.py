"""The activity targets sheet: each rep's funnel rates, then per month the sales,
presentations, visits and calls the revenue target needs, and per week."""

from __future__ import annotations

from ...catalogue import say
from ...schema import Sheet
from .book import Book, header, table_rows
from .cells import streamable


def write_activity(book: Book, sheet: Sheet) -> None:
    """The rates, who uses the team's, then the month-by-month activity plan."""
    w = book.writer(sheet)
    ws = w.ws
    w.title(note=say("note.output", book.lang))
    act = book.activity
    rates_t, plan_t = sheet.table("rates"), sheet.table("activity")
    header(w, rates_t, rates_t.header_row)
    row = rates_t.first_data_row
    if act is None or act.rates.empty:
        note = act.note if act is not None and act.note else "no_funnel"
        ws.write_string(row - 1, 0, say(f"targets.{note}", book.lang, sheet=book.spec.sheet(
            "company" if note == "no_revenue" else "funnel")), book.styles.note())
        w.finish(protect=False)
        return
    last = table_rows(book, ws, rates_t, row, act.rates)
    row = last + 2
    if act.team_reps:
        ws.write_string(row - 1, 0, say("targets.team_rates", book.lang, reps=act.team_reps,
                                        sheet=book.spec.sheet("funnel")), book.styles.note())
        row += 1
    placed = header(w, plan_t, row + 1)
    last = table_rows(book, ws, placed, placed.first_data_row, act.plan,
                      stream=streamable(len(act.plan)))
    w.last_row, w.last_col = last, len(plan_t.columns)
    w.finish(protect=False)
