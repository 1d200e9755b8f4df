"""Write the team weekly report (销售管理汇报书) and the monthly control report with
XlsxWriter, laid out by the schema, with native charts where a manager would rather look
than read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from ..catalogue import say
from ..core.rollup import team_table
from ..core.week import WeekFigures, achievement_chart, funnel
from ..problems import Problem
from ..schema import WorkbookSpec, workbook
from .output import new_output
from .sheetwriter import SheetWriter


def _title(key: str, lang: str) -> str:
    return say(f"chart.{key}", lang)


def write_report(spec: WorkbookSpec, path: Path, lang: str, content: dict[str, dict],
                 *, bold_rows: dict[str, set[int]] | None = None, charts: Any = None,
                 before_replace: Callable[[], object] | None = None) -> Path:
    """Write every sheet of `spec` from `content` = {sheet: {"fields": {}, "tables": {}}};
    `charts(workbook, writers, lang)` may add charts once the data is in place."""
    bold_rows = bold_rows or {}
    with new_output(path, spec, lang, before_replace=before_replace) as out:
        wb, styles = out.wb, out.styles
        writers: dict[str, tuple[SheetWriter, dict[str, tuple[int, int]]]] = {}
        for sheet in spec.sheets:
            w = SheetWriter(wb, styles, spec, sheet, lang)
            part = content.get(sheet.key, {})
            w.title(note=say("note.output", lang))
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


# beyond these the detail stays in the history store (tables `visits` and `days`); the
# report keeps every figure per rep, and each rep row names its source file
MAX_VISIT_ROWS = 5000
MAX_DAY_ROWS = 5000
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def problems_frame(problems: list[Problem], lang: str) -> pd.DataFrame:
    """The problems sheet: errors first, each message in the report's language."""
    rows = [{**p.as_dict(lang)} for p in problems]
    df = pd.DataFrame(rows, columns=["severity", "file", "sheet", "cell", "code", "message"])
    return df.sort_values("severity", key=lambda s: s.map(_SEVERITY_ORDER), kind="stable")


def write_team_report(path: Path, lang: str, figs: WeekFigures, problems: list[Problem],
                      settings: dict[str, Any], *, all_visits: bool = False,
                      before_replace: Callable[[], object] | None = None) -> Path:
    """The team weekly report. The list of every visit is left out above MAX_VISIT_ROWS
    unless `all_visits` (a big team's visits are in the history store, table `visits`)."""
    table, bold = team_table(figs.per_rep, figs.per_region.assign(status="subtotal"),
                             pd.DataFrame([figs.team]))
    days, visits = figs.per_day, figs.visits
    has_targets = bool(settings.get("targets_file"))
    content = {
        "settings": {"fields": {**settings, "week": figs.week}},
        "reps": {"fields": {**figs.team, "week": figs.week,
                            "commission_rate": settings.get("commission_rate"),
                            "generated_at": dt.datetime.now().strftime("%Y-%m-%d %H:%M")},
                 "tables": {"reps": table}},
        "dashboard": {"tables": {"achievement": achievement_chart(figs, has_targets),
                                 "funnel": funnel(figs.team)}},
        "competitors": {"tables": {"notes": figs.competitors}},
        "market": {"tables": {"reports": figs.market}},
        "abnormal": {"tables": {"customers": figs.abnormal}},
        "objections": {"tables": {"pareto": figs.pareto}},
        "next_week": {"tables": {"plan": figs.next_week}},
        "coverage": {"tables": {"coverage": figs.coverage}},
        "days": {"tables": {"days": days if all_visits or len(days) <= MAX_DAY_ROWS
                            else days.iloc[:0]}},
        "visits": {"tables": {"visits": visits if all_visits or len(visits) <= MAX_VISIT_ROWS
                              else visits.iloc[:0]}},
        "problems": {"tables": {"problems": problems_frame(problems, lang)}},
    }
    return write_report(workbook("team_weekly"), path, lang, content,
                        bold_rows={"reps.reps": bold}, charts=team_charts,
                        before_replace=before_replace)


def write_monthly_report(path: Path, lang: str, content: dict[str, dict]) -> Path:
    return write_report(workbook("monthly"), path, lang, content)
