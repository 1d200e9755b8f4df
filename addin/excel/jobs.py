"""What each button does: the service call, then what to tell the user and what to copy
into the open workbook. Each job takes the workbook's path and a scratch folder (for
files that only travel to the result file) and returns an addin.excel.door.Outcome."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..catalogue import say
from ..core.periods import parse_iso_week
from ..errors import InputError
from ..io import history as stores
from ..io.excel_result import CLEAR_BELOW, CLEAR_NONE, CLEAR_SHEET, Block, sheet_grid, table_block
from ..io.reader import read_workbook
from ..schema import workbook
from .outcome import Outcome, shown_count

REP_WEEKLY = workbook("rep_weekly")
TEAM = workbook("team_weekly")


def _pct(v: Any) -> str:
    return "-" if v is None or v != v else f"{v:.1%}"


def _money(v: Any) -> str:
    return f"{(v or 0):,.2f}" if v == v else "-"


# -- Roll up my week (rep weekly workbook) -----------------------------------------------
def roll_up_my_week(path: Path, scratch: Path) -> Outcome:
    """The rep's weekly summary, filled in a copy; its tables come back as blocks."""
    from ..services.rollup import run_rollup

    copy = scratch / f"week{path.suffix}"
    result = run_rollup([path], out=copy)
    sheet = REP_WEEKLY.sheet("summary")
    name, grid = sheet_grid(copy, [sheet.zh, sheet.en])
    blocks = [table_block(grid, t, name, with_header=True,  # every table the fill wrote
                          clear=CLEAR_BELOW if t.key == "notes" else CLEAR_NONE)
              for t in sheet.tables]
    rep = result.per_rep.iloc[0].to_dict() if len(result.per_rep) else {}
    team = result.team
    figures = {"week": result.week, "days_reported": _int(rep.get("days_reported")),
               "working_days": _int(rep.get("working_days")),
               "order_amount": _plain(team.get("order_amount")),
               "effective_visit_rate": _plain(team.get("effective_visit_rate")),
               "transaction_rate": _plain(team.get("transaction_rate"))}
    message = say("excel.week_done", week=result.week, days=figures["days_reported"],
                  working=figures["working_days"], amount=_money(team.get("order_amount")),
                  rate=_pct(team.get("effective_visit_rate")),
                  problems=shown_count(result.problems))
    return Outcome(message, blocks=blocks, figures=figures, problems=result.problems)


# -- Plan the week (customer master) ------------------------------------------------------
def plan_the_week(path: Path, scratch: Path) -> Outcome:
    """Next week's plans into the reps' workbooks in a folder named after the week beside
    the master; the overview's coverage and plans come back as blocks."""
    from ..schema.plan_overview import PLAN_OVERVIEW
    from ..services.plan import period_label, resolve_window, run_plan

    first, days = resolve_window(None, None, None, dt.date.today())
    folder = path.parent / period_label(first, days)
    result = run_plan(path, out_dir=folder)
    blocks: list[Block] = []
    if result.overview is not None:
        for key in ("coverage", "contacts"):
            sheet = PLAN_OVERVIEW.sheet(key)
            name, grid = sheet_grid(result.overview, [sheet.zh, sheet.en])
            title = [[row[0] if row else None] for row in grid[:2]]  # title and note
            blocks.append(Block(name, "A1", title, clear=CLEAR_SHEET))
            blocks += [table_block(grid, t, name, with_header=True) for t in sheet.tables]
    reps = result.contacts["rep"].nunique() if len(result.contacts) else 0
    figures = {"start": result.start.isoformat(), "end": result.end.isoformat(),
               "contacts": len(result.contacts), "carried_over": len(result.carried_over),
               "reps": int(reps), "folder": str(folder),
               "overview": str(result.overview) if result.overview else None}
    message = say("excel.plan_done", start=result.start, end=result.end,
                  contacts=len(result.contacts), reps=int(reps),
                  carried=len(result.carried_over), folder=folder,
                  problems=shown_count(result.problems))
    written = [*result.files, *([result.overview] if result.overview else [])]
    return Outcome(message, written=written, blocks=blocks, figures=figures,
                   problems=result.problems)


# -- Team weekly report and Monthly control (team workbook) -------------------------------
def team_settings(path: Path) -> dict[str, Any]:
    """The team workbook's settings sheet, paths resolved against the workbook's folder:
    reports_folder, week, commission_rate, targets_file, history_file."""
    data = read_workbook(path, TEAM, sheets={"settings"})
    fields = data.fields("settings")
    sheet = TEAM.sheet("settings")
    folder = _path(path, fields.get("reports_folder"))
    if folder is None:
        raise InputError("excel.no_reports_folder",
                         cell=f"{sheet.label(data.lang or 'zh')}!"
                              f"{sheet.field('reports_folder').cell}")
    history = _path(path, fields.get("history_file"))
    if history is not None and history.resolve() == path.resolve():
        raise InputError("excel.writes_open_book", path=path)  # Excel holds it open
    return {"reports_folder": folder, "week": _text(fields.get("week")),
            "commission_rate": fields.get("commission_rate"),
            "targets_file": _path(path, fields.get("targets_file")),
            "history_file": history, "lang": data.lang}


def team_report(path: Path, scratch: Path) -> Outcome:
    from ..services.rollup import run_rollup

    s = team_settings(path)
    result = run_rollup([s["reports_folder"]], week=s["week"], targets=s["targets_file"],
                        history=s["history_file"], commission_rate=s["commission_rate"],
                        lang=s["lang"])
    team = result.team
    figures = {"week": result.week, "reps_reported": _int(team.get("reps_reported")),
               "reps_expected": _int(team.get("reps_expected")),
               "order_amount": _plain(team.get("order_amount")),
               "effective_visit_rate": _plain(team.get("effective_visit_rate")),
               "files_read": result.files_read,
               "history": str(result.history) if result.history else None}
    message = say("excel.team_done", week=result.week, path=result.output,
                  reported=figures["reps_reported"], expected=figures["reps_expected"],
                  amount=_money(team.get("order_amount")),
                  problems=shown_count(result.problems))
    written = [p for p in (result.output, result.history) if p]
    return Outcome(message, written=written, open=result.output, figures=figures,
                   problems=result.problems)


def monthly_control(path: Path, scratch: Path) -> Outcome:
    from ..services.month import run_month

    s = team_settings(path)
    history = s["history_file"] or s["reports_folder"].parent / stores.DEFAULT_NAME
    if not stores.exists(history):
        raise InputError("excel.no_history", path=history)
    month = _month_of(s["week"], history)
    result = run_month(month, history=history, targets=s["targets_file"], lang=s["lang"])
    figures = {"month": result.month, "reps": len(result.per_rep),
               "days_on_record": result.days_on_record}
    message = say("excel.month_done", month=result.month, path=result.output,
                  reps=len(result.per_rep), problems=shown_count(result.problems))
    return Outcome(message, written=[result.output], open=result.output, figures=figures,
                   problems=result.problems)


def _month_of(week: str | None, history: Path) -> str:
    """The month of the settings' week (its Thursday's), else the latest month stored."""
    if week:
        return f"{parse_iso_week(week) + dt.timedelta(days=3):%Y-%m}"
    with stores.open_store(history) as store:
        months = store.months()
    return max(months) if months else f"{dt.date.today():%Y-%m}"


# -- Break down targets (targets workbook) ------------------------------------------------
def break_down_targets(path: Path, scratch: Path) -> Outcome:
    from ..services.targets import run_targets

    result = run_targets(path)
    figures = {"totals": {k: _plain(v) for k, v in result.totals.items()},
               "records": len(result.records)}
    message = say("excel.targets_done", path=result.output,
                  problems=shown_count(result.problems))
    return Outcome(message, written=[result.output] if result.output else [],
                   open=result.output, figures=figures, problems=result.problems)


# -- small helpers ------------------------------------------------------------------------
def _path(base: Path, value: Any) -> Path | None:
    """A path typed into a settings cell; relative ones are relative to the workbook."""
    text = _text(value)
    if not text:
        return None
    p = Path(text.strip('"')).expanduser()
    return p if p.is_absolute() else (base.parent / p)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _int(v: Any) -> int:
    return 0 if v is None or v != v else int(v)


def _plain(v: Any) -> Any:
    if hasattr(v, "item"):
        v = v.item()
    return None if isinstance(v, float) and v != v else v
