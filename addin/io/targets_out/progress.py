"""The progress sheet: target, actual and achievement for week, month, quarter and year to
date, by company, region, rep and product; achievement is a formula, red where it trails
the period's time elapsed."""

from __future__ import annotations

from ...catalogue import say
from ...schema import Sheet, col_letter
from ...schema.targets import PERIODS
from ..sheetwriter import is_blank
from .book import Book, header
from .cells import Cells, streamable, write_cells


def write_progress(book: Book, sheet: Sheet) -> None:
    """The as-of date and time elapsed above, the table below (or why there is none)."""
    w = book.writer(sheet)
    ws = w.ws
    w.title(note=say("note.output", book.lang))
    pr = book.progress
    values = {}
    if pr is not None:
        values["as_of"] = pr.as_of
        for p in PERIODS:
            values[f"time_{p.key}"] = pr.time.get(p.key)
    w.fields(values)
    table = sheet.table("progress")
    header(w, table, table.header_row)
    first = table.first_data_row
    if pr is None or pr.table.empty:
        if pr is not None and pr.note:
            ws.write_string(first - 1, 0, say(f"targets.{pr.note}", book.lang, as_of=pr.as_of,
                                              year=book.b.year,
                                              sheet=book.spec.sheet("actuals")),
                            book.styles.note())
        w.finish(protect=False, freeze_row=table.header_row, repeat_row=table.header_row)
        return
    df = pr.table
    last = first + len(df) - 1
    columns = {}
    for j, column in enumerate(table.columns):
        if column.key.endswith("_achievement"):  # actual ÷ target, blank without a target
            tc = table.col_letter(column.key.replace("_achievement", "_target"))
            ac = table.col_letter(column.key.replace("_achievement", "_actual"))
            achieved = ["" if is_blank(v) else float(v) for v in df[column.key].tolist()]
            formulas = [f'=IF(N({tc}{r})>0,{ac}{r}/{tc}{r},"")' for r in range(first, last + 1)]
            columns[table.first_col + j] = [Cells(achieved, book.fmt(column),
                                                  formulas=formulas)]
        elif column.key in df.columns:
            columns[table.first_col + j] = [book.cells(column, df[column.key].tolist())]
    write_cells(ws, first, columns, stream=streamable(len(df)))
    for p in PERIODS:  # red where achievement trails the time elapsed (a field above)
        j = [c.key for c in table.columns].index(f"{p.key}_achievement")
        letter = col_letter(j + 1)
        cell = sheet.field(f"time_{p.key}").cell
        ws.conditional_format(first - 1, j, last - 1, j, {
            "type": "formula",
            "criteria": f"=AND(ISNUMBER({letter}{first}),{letter}{first}<${cell[0]}${cell[1:]})",
            "format": book.styles.alert(),
        })
    w.last_row, w.last_col = last, len(table.columns)
    ws.autofilter(table.header_row - 1, 0, last - 1, len(table.columns) - 1)
    w.finish(protect=False, freeze_row=table.header_row, freeze_col=4,
             repeat_row=table.header_row)
