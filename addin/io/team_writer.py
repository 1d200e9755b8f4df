"""Write the team weekly report (销售管理汇报书) and the monthly control report with
XlsxWriter, laid out by the schema, with native charts where a manager would rather look
than read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..schema import WorkbookSpec, workbook
from ..schema.metrics import ROLLUP_METRICS
from .sheetwriter import SheetWriter
from .styles import Styles
from .templates import NOTES, new_workbook, write_meta_sheet
from .writer import atomic_output

FUNNEL = ("calls_dialled", "calls_completed", "appointments", "presentations", "sales_closed")
_CHART_TITLES = {
    "achievement": ("各业务员达成率与时间进度", "Achievement vs time elapsed, by rep"),
    "funnel": ("团队电话漏斗", "Team call funnel"),
    "objections": ("拒绝理由排列图", "Objections (Pareto)"),
}


def _title(key: str, lang: str) -> str:
    zh, en = _CHART_TITLES[key]
    return zh if lang == "zh" else en


def write_report(spec: WorkbookSpec, path: Path, lang: str, content: dict[str, dict],
                 *, bold_rows: dict[str, set[int]] | None = None,
                 charts: Any = None) -> Path:
    """Write every sheet of `spec` from `content` = {sheet: {"fields": {}, "tables": {}}};
    `charts(workbook, writers, lang)` may add charts once the data is in place."""
    bold_rows = bold_rows or {}
    with atomic_output(path) as tmp:
        wb = new_workbook(tmp, spec, lang)
        styles = Styles(wb, lang)
        writers: dict[str, tuple[SheetWriter, dict[str, tuple[int, int]]]] = {}
        for sheet in spec.sheets:
            w = SheetWriter(wb, styles, spec, sheet, lang)
            part = content.get(sheet.key, {})
            w.title(note=NOTES["output"][lang])
            w.fields(part.get("fields", {}))
            spans = {}
            for table in sheet.tables:
                df = part.get("tables", {}).get(table.key)
                if df is None:
                    df = pd.DataFrame(columns=[c.key for c in table.columns])
                last = w.table(table, df, role="output",
                               bold_rows=bold_rows.get(f"{sheet.key}.{table.key}"))
                spans[table.key] = (table.header_row + 1, last)
                if len(df):
                    w.ws.autofilter(table.header_row - 1, table.first_col - 1, last - 1,
                                    table.first_col + len(table.columns) - 2)
            first = sheet.tables[0].header_row if sheet.tables else None
            w.finish(protect=False, freeze_row=first, freeze_col=2 if sheet.key == "reps" else 0,
                     repeat_row=first)
            if sheet.key == "reps":
                w.ws.repeat_columns(0, 1)  # region and rep on every printed page
            writers[sheet.key] = (w, spans)
        if charts is not None:
            charts(wb, writers, lang)
        write_meta_sheet(wb, spec, lang)
        wb.close()
    return path


def team_charts(wb: Any, writers: dict, lang: str) -> None:
    """Achievement vs time per rep, the team funnel, and the objection Pareto."""
    dash, spans = writers["dashboard"]
    sheet = dash.sheet
    name = dash.ws.get_name()
    ach = sheet.table("achievement")
    first, last = spans["achievement"]
    if last >= first:
        c_rep, c_ach, c_time = (ach.first_col - 1, ach.first_col, ach.first_col + 1)
        column = wb.add_chart({"type": "column"})
        column.add_series({"name": ach.column("achievement").label(lang),
                           "categories": [name, first - 1, c_rep, last - 1, c_rep],
                           "values": [name, first - 1, c_ach, last - 1, c_ach],
                           "data_labels": {"value": True, "num_format": "0%"}})
        line = wb.add_chart({"type": "line"})
        line.add_series({"name": ach.column("time_progress").label(lang),
                         "categories": [name, first - 1, c_rep, last - 1, c_rep],
                         "values": [name, first - 1, c_time, last - 1, c_time],
                         "line": {"color": "#C00000", "dash_type": "dash"},
                         "marker": {"type": "none"}})
        column.combine(line)
        column.set_title({"name": _title("achievement", lang)})
        column.set_y_axis({"num_format": "0%", "min": 0})
        column.set_legend({"position": "bottom"})
        column.set_size({"width": 720, "height": 320})
        dash.ws.insert_chart(max(last, 14) + 2, 0, column)
    funnel = sheet.table("funnel")
    first_f, last_f = spans["funnel"]
    if last_f >= first_f:
        c_stage, c_count = funnel.first_col - 1, funnel.first_col
        bar = wb.add_chart({"type": "bar"})
        bar.add_series({"name": funnel.column("count").label(lang),
                        "categories": [name, first_f - 1, c_stage, last_f - 1, c_stage],
                        "values": [name, first_f - 1, c_count, last_f - 1, c_count],
                        "data_labels": {"value": True}})
        bar.set_title({"name": _title("funnel", lang)})
        bar.set_y_axis({"reverse": True})
        bar.set_legend({"none": True})
        bar.set_size({"width": 480, "height": 320})
        dash.ws.insert_chart(max(last, 14) + 19, 0, bar)
    pareto_w, pareto_spans = writers["objections"]
    table = pareto_w.sheet.table("pareto")
    first_p, last_p = pareto_spans["pareto"]
    if last_p >= first_p:
        pname = pareto_w.ws.get_name()
        dash.ws.insert_chart(max(last, 14) + 36, 0,
                             _pareto_chart(wb, pname, table, lang, first_p, last_p))
        pareto_w.ws.insert_chart(last_p + 2, 0,
                                 _pareto_chart(wb, pname, table, lang, first_p, last_p))
    dash.ws.print_area(0, 0, max(last, 14) + 54, 9)  # the charts print with the tables


def _pareto_chart(wb: Any, pname: str, table: Any, lang: str, first: int, last: int) -> Any:
    c_obj, c_count, c_cum = table.first_col - 1, table.first_col, table.first_col + 2
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"name": table.column("count").label(lang),
                      "categories": [pname, first - 1, c_obj, last - 1, c_obj],
                      "values": [pname, first - 1, c_count, last - 1, c_count]})
    line = wb.add_chart({"type": "line"})
    line.add_series({"name": table.column("cumulative_share").label(lang),
                     "categories": [pname, first - 1, c_obj, last - 1, c_obj],
                     "values": [pname, first - 1, c_cum, last - 1, c_cum],
                     "y2_axis": True, "marker": {"type": "circle"}})
    chart.combine(line)
    line.set_y2_axis({"num_format": "0%", "min": 0, "max": 1})
    chart.set_title({"name": _title("objections", lang)})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 720, "height": 320})
    return chart


def funnel_rows(team: dict[str, Any], lang: str) -> pd.DataFrame:
    """The funnel stages with counts and the conversion from the stage before."""
    labels = {c.key: c.label(lang) for c in ROLLUP_METRICS}
    rows, prev = [], None
    for key in FUNNEL:
        count = float(team.get(key) or 0)
        rows.append({"stage": labels[key], "count": count,
                     "conversion": (count / prev) if prev else None})
        prev = count
    return pd.DataFrame(rows)


def write_team_report(path: Path, lang: str, content: dict[str, dict],
                      bold_rows: dict[str, set[int]]) -> Path:
    return write_report(workbook("team_weekly"), path, lang, content, bold_rows=bold_rows,
                        charts=team_charts)


def write_monthly_report(path: Path, lang: str, content: dict[str, dict]) -> Path:
    return write_report(workbook("monthly"), path, lang, content)
