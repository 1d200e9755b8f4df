"""Write the team weekly report (销售管理汇报书) and the monthly control report with
XlsxWriter, laid out by the schema, with native charts where a manager would rather look
than read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from ..catalogue import Message, msg, say
from ..core.achievement import Coverage
from ..core.rollup import team_table
from ..core.week import Periods, WeekFigures, achievement_chart, funnel, plan_counts
from ..problems import Problem
from ..schema import WorkbookSpec, workbook
from ..schema.common import REGION, REP
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
                last = w.table(table, df, role="output" if table.output else "input",
                               bold_rows=bold_rows.get(f"{sheet.key}.{table.key}"))
                spans[table.key] = (table.header_row + 1, last)
                if len(df):
                    w.ws.autofilter(table.header_row - 1, table.first_col - 1, last - 1,
                                    table.first_col + len(table.columns) - 2)
            first = sheet.tables[0].header_row if sheet.tables else None
            by_rep = sheet.tables and sheet.tables[0].columns[:2] == (REGION, REP)
            w.finish(protect=False, freeze_row=first, freeze_col=2 if by_rep else 0,
                     repeat_row=first if len(sheet.tables) == 1 else None)
            if by_rep:
                w.ws.repeat_columns(0, 1)  # region and rep on every printed page
            writers[sheet.key] = (w, spans)
        if charts is not None:
            charts(wb, writers, lang)
    return path


CHART_ROWS = 16  # a chart's height in rows (300 px at the default row height)
CHART_COLUMNS = 14  # columns A..N: the width the charts print across, side by side


def team_charts(wb: Any, writers: dict, lang: str) -> None:
    """The dashboard's charts on a page of their own after its tables (achievement against
    time per rep; the team funnel and the objection Pareto side by side), and the Pareto
    under its table on the objections sheet; each sheet prints its charts whole."""
    dash, spans = writers["dashboard"]
    sheet, name = dash.sheet, dash.ws.get_name()
    (first, last), (first_f, last_f) = spans["achievement"], spans["funnel"]
    top = max(last, last_f, sheet.table("achievement").header_row) + 1  # 0-based
    charts = []
    if last >= first:
        charts.append((top, 0, _achievement_chart(wb, name, sheet.table("achievement"), lang,
                                                  first, last)))
    if last_f >= first_f:
        charts.append((top + CHART_ROWS + 1, 0, _funnel_chart(
            wb, name, sheet.table("funnel"), lang, first_f, last_f)))
    pareto_w, pareto_spans = writers["objections"]
    table = pareto_w.sheet.table("pareto")
    first_p, last_p = pareto_spans["pareto"]
    if last_p >= first_p:
        pname = pareto_w.ws.get_name()
        charts.append((top + CHART_ROWS + 1, 6, _pareto_chart(wb, pname, table, lang,
                                                             first_p, last_p)))
        pareto_w.ws.insert_chart(last_p + 1, 0, _pareto_chart(wb, pname, table, lang,
                                                               first_p, last_p))
        _print_with_chart(pareto_w.ws, last_p + CHART_ROWS + 1, 9)
    for row, col, chart in charts:
        dash.ws.insert_chart(row, col, chart)
    if charts:
        dash.ws.set_h_pagebreaks([top])  # the charts start a page: never split by a break
        _print_with_chart(dash.ws, top + 2 * CHART_ROWS + 1, CHART_COLUMNS - 1)


def _print_with_chart(ws: Any, last_row: int, last_col: int) -> None:
    """Print area and scale that take in the charts (0-based last row and column)."""
    ws.print_area(0, 0, last_row, last_col)
    ws.fit_to_pages(1, 0)


def _achievement_chart(wb: Any, name: str, table: Any, lang: str, first: int, last: int
                       ) -> Any:
    c_rep, c_ach, c_time = table.first_col - 1, table.first_col, table.first_col + 1
    column = wb.add_chart({"type": "column"})
    column.add_series({"name": table.column("achievement").label(lang),
                       "categories": [name, first - 1, c_rep, last - 1, c_rep],
                       "values": [name, first - 1, c_ach, last - 1, c_ach],
                       "data_labels": {"value": True, "num_format": "0%"}})
    line = wb.add_chart({"type": "line"})
    line.add_series({"name": table.column("time_progress").label(lang),
                     "categories": [name, first - 1, c_rep, last - 1, c_rep],
                     "values": [name, first - 1, c_time, last - 1, c_time],
                     "line": {"color": "#C00000", "dash_type": "dash"},
                     "marker": {"type": "none"}})
    column.combine(line)
    column.set_title({"name": _title("achievement", lang)})
    column.set_y_axis({"num_format": "0%", "min": 0})
    column.set_legend({"position": "bottom"})
    column.set_size({"width": 980, "height": 300})
    return column


def _funnel_chart(wb: Any, name: str, table: Any, lang: str, first: int, last: int) -> Any:
    c_stage, c_count = table.first_col - 1, table.first_col
    bar = wb.add_chart({"type": "bar"})
    bar.add_series({"name": table.column("count").label(lang),
                    "categories": [name, first - 1, c_stage, last - 1, c_stage],
                    "values": [name, first - 1, c_count, last - 1, c_count],
                    "data_labels": {"value": True}})
    bar.set_title({"name": _title("funnel", lang)})
    bar.set_y_axis({"reverse": True})
    bar.set_legend({"none": True})
    bar.set_size({"width": 420, "height": 300})
    return bar


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
    chart.set_size({"width": 560, "height": 300})
    chart.set_x_axis({"num_font": {"rotation": -30}})
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


def spans(labels: list[str]) -> str:
    """Consecutive weeks or months as ranges: 2026-W01–W05, 2026-W07 (or 2026-01–03)."""
    if not labels:
        return "-"
    runs: list[list[str]] = []
    for label in labels:
        year, n = label[:4], int(label[-2:])
        last = runs[-1][-1] if runs else None
        if last and last[:4] == year and int(last[-2:]) == n - 1:
            runs[-1].append(label)
        else:
            runs.append([label])
    return ", ".join(r[0] if len(r) == 1 else f"{r[0]}–{r[-1][5:]}" for r in runs)


def coverage_text(cov: Coverage) -> Message:
    """What the history covers of a period, in the report's words."""
    if cov.complete:
        text = msg("source.coverage_full", first=cov.weeks[0], last=cov.weeks[-1])
    else:
        text = msg("source.coverage_partial", held=spans(cov.held),
                   missing=spans(cov.missing))
    if cov.imported:
        return msg("run.two_parts", first=text, second=msg("source.coverage_imported",
                                                             months=spans(cov.imported)))
    return text


def _who_did_not_report(per_rep: pd.DataFrame) -> str:
    return ", ".join(per_rep.loc[per_rep["status"] == "missing", "rep"].astype(str))


def team_content(figs: WeekFigures, periods: Periods, sources: dict[str, Message],
                 problems: list[Problem], settings: dict[str, Any], roster: Any,
                 lang: str, all_visits: bool = False) -> tuple[dict, dict]:
    """What goes on each sheet of the team report: {sheet: {fields, tables}} and the rows
    to set in bold (subtotals and the total)."""
    table, bold = team_table(figs.per_rep, figs.per_region.assign(status="subtotal"),
                             pd.DataFrame([figs.team]))
    days, visits = figs.per_day, figs.visits
    team = figs.team
    time = {f"{p}_time_progress": periods.time[p] for p in ("week", "month", "year")}
    shown_time = {**time, **{f"{p}_time_progress": None for p in ("month", "year")
                             if not periods.coverage[p].complete}}  # no red without the data
    period_fields = {k: team.get(k) for k in (
        "week_target", "week_actual", "week_achievement", "month_target", "mtd_actual",
        "mtd_achievement", "year_target", "ytd_actual", "ytd_achievement")}
    header = {"week": figs.week, "generated_at": dt.datetime.now().strftime("%Y-%m-%d %H:%M")}
    regions = dict(zip(figs.per_rep["rep"], figs.per_rep["region"], strict=True))
    content = {
        "dashboard": {"fields": {**header, **period_fields, **shown_time,
                                 "reps_reported": team.get("reps_reported"),
                                 "reps_expected": team.get("reps_expected"),
                                 "missing_reps": _who_did_not_report(figs.per_rep)},
                      "tables": {"achievement": achievement_chart(figs, periods),
                                 "funnel": funnel(team)}},
        "targets": {"fields": {**header, **shown_time,
                               "target_source": sources["targets"].render(lang),
                               "roster_source": sources["roster"].render(lang),
                               "history_coverage": coverage_text(periods.coverage["year"]
                                                                 ).render(lang)},
                    "tables": {"targets": table}},
        "activity": {"fields": {**team, "week": figs.week}, "tables": {"reps": table}},
        "funnel": {"fields": {"week": figs.week,
                              "commission_rate": settings.get("commission_rate")},
                   "tables": {"funnel": table}},
        "compliance": {"tables": {"compliance": table}},
        "competitors": {"tables": {"notes": figs.competitors}},
        "market": {"tables": {"reports": figs.market}},
        "abnormal": {"tables": {"customers": figs.abnormal}},
        "objections": {"tables": {"pareto": figs.pareto}},
        "next_week": {"tables": {"counts": plan_counts(figs.next_week, regions),
                                 "plan": figs.next_week}},
        "coverage": {"tables": {"coverage": figs.coverage}},
        "days": {"tables": {"days": days if all_visits or len(days) <= MAX_DAY_ROWS
                            else days.iloc[:0]}},
        "visits": {"tables": {"visits": visits if all_visits or len(visits) <= MAX_VISIT_ROWS
                              else visits.iloc[:0]}},
        "problems": {"tables": {"problems": problems_frame(problems, lang)}},
        "roster": {"tables": {"roster": roster if roster is not None and len(roster) else
                              figs.per_rep.loc[figs.per_rep["rep"].notna(), ["rep", "region"]]
                              .assign(active=True)}},
        "settings": {"fields": {**settings, "week": figs.week}},
    }
    bold_rows = {f"{sheet}.{t}": bold for sheet, t in (("targets", "targets"),
                                                      ("activity", "reps"),
                                                      ("funnel", "funnel"),
                                                      ("compliance", "compliance"))}
    return content, bold_rows


def write_team_report(path: Path, lang: str, figs: WeekFigures, periods: Periods,
                      sources: dict[str, Message], problems: list[Problem],
                      settings: dict[str, Any], roster: Any = None, *,
                      all_visits: bool = False,
                      before_replace: Callable[[], object] | None = None) -> Path:
    """The team weekly report. The list of every visit is left out above MAX_VISIT_ROWS
    unless `all_visits` (a big team's visits are in the history store, table `visits`)."""
    content, bold = team_content(figs, periods, sources, problems, settings, roster, lang,
                                 all_visits)
    return write_report(workbook("team_weekly"), path, lang, content, bold_rows=bold,
                        charts=team_charts, before_replace=before_replace)
