"""Job: the whole product on a sample company, so a new user sees it work (`salesbook demo`).

Into one folder it writes what a sales team's month would leave there: the templates; the
targets workbook (this year's ledger in its actuals sheet) and its breakdown; January to
October imported into the history store as monthly actuals; the team workbook (settings,
roster); the reps' workbooks of November's weeks W45 to W47, each week rolled up; the
demo week W48 (with the reps' usual mistakes), each rep's weekly summary and the team
report; the customer master as it stands after the week and next week's plans; the
monthly control. Every figure comes from one sample company (`addin.sample.company`), so
the workbooks agree with each other. Deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..catalogue import Message, default_lang, msg, set_run_lang
from ..core.periods import iso_week
from ..io import history as stores
from ..io.templates import write_workbook
from ..sample.company import DEFAULT_SEED, EARLIER_WEEKS, WEEKS, SampleCompany, company
from ..sample.customers import DEMO_TODAY, DEMO_WEEK, master_content
from ..sample.targets import history_import_content, targets_content
from ..sample.week import SAMPLE_WEEK_START, TEXT_AMOUNT
from ..schema import workbook
from ..schema.vocab import DAYS
from ..workers import Pool
from .history import import_actuals
from .month import MonthResult, run_month
from .plan import run_plan
from .rollup import RollupResult, run_rollup
from .targets import run_targets
from .templates import make_templates

STEPS = 12  # what the progress bar counts: templates ... month
PARALLEL_FROM = 4  # workbooks: fewer are written in this process
MONTH = f"{SAMPLE_WEEK_START:%Y-%m}"


@dataclass
class DemoResult:
    out_dir: Path
    lang: str
    seed: int
    company: SampleCompany
    templates: list[Path] = field(default_factory=list)
    rep_workbooks: list[Path] = field(default_factory=list)  # the demo week's, as sent
    earlier_weeks: dict[str, list[Path]] = field(default_factory=dict)  # week -> workbooks
    outputs: dict[str, Path] = field(default_factory=dict)  # what the later steps produced
    team: RollupResult | None = None  # the demo week's rollup
    month: MonthResult | None = None
    seconds: float = 0.0


def run_demo(out_dir: str | Path, *, lang: str | None = None, seed: int = DEFAULT_SEED,
             step: Callable[[Message], None] | None = None) -> DemoResult:
    """The sample company's month in `out_dir`, as a sales manager would produce it; `step`
    hears each step as it starts."""
    started = time.perf_counter()
    lang = lang or default_lang()
    set_run_lang(lang)
    say = step or (lambda m: None)
    out = Path(out_dir)
    result = DemoResult(out, lang, seed, company(lang, seed))
    _start_clean(out)
    say(msg("demo.step_templates"))
    result.templates = make_templates(out / "templates")
    say(msg("demo.step_targets"))
    _targets(result)
    say(msg("demo.step_import"))
    _import_history(result)
    say(msg("demo.step_team"))
    _team_workbook(result)
    say(msg("demo.step_workbooks", first=iso_week(WEEKS[0]), last=iso_week(WEEKS[-1])))
    _write_weeks(result)
    for monday in EARLIER_WEEKS:
        say(msg("demo.step_week", week=iso_week(monday)))
        _roll_up_earlier_week(result, monday)
    say(msg("demo.step_summaries", week=iso_week(SAMPLE_WEEK_START)))
    _rep_summaries(result)
    say(msg("demo.step_plan"))
    _plan_next_week(result)
    say(msg("demo.step_team_report", week=iso_week(SAMPLE_WEEK_START)))
    _roll_up_demo_week(result)
    say(msg("demo.step_month"))
    result.month = run_month(MONTH, history=result.outputs["history"],
                             targets=result.outputs["breakdown"], team=result.outputs["team"],
                             today=_saturday(SAMPLE_WEEK_START))
    result.outputs["monthly control"] = result.month.output
    result.seconds = time.perf_counter() - started
    return result


def _start_clean(out: Path) -> None:
    """A rerun starts from nothing the demo wrote before: the weeks' folders, next week's
    plans and the history store (another seed or language must not mix in)."""
    out.mkdir(parents=True, exist_ok=True)
    for folder in (out / "reports", out / "plans"):
        if folder.is_dir():
            shutil.rmtree(folder)
    for path in out.glob(f"{stores.DEFAULT_NAME}*"):
        path.unlink()


def _saturday(monday: dt.date) -> dt.date:
    return monday + dt.timedelta(days=5)


def _targets(result: DemoResult) -> None:
    """The targets workbook with this year's ledger, and its breakdown as of the demo
    week's Saturday."""
    spec = workbook("targets")
    folder = result.out_dir / "targets"
    folder.mkdir(exist_ok=True)
    source = write_workbook(spec, result.lang, folder / spec.filename(result.lang),
                            targets_content(result.lang, result.seed))
    made = run_targets(source, today=_saturday(SAMPLE_WEEK_START))
    result.outputs.update({"targets": source, "breakdown": made.output})


def _import_history(result: DemoResult) -> None:
    """January to October from the history-import template into the store, marked as
    imported."""
    spec = workbook("history_import")
    path = write_workbook(spec, result.lang, result.out_dir / spec.filename(result.lang),
                          history_import_content(result.lang, result.seed))
    history = result.out_dir / stores.DEFAULT_NAME
    imported = import_actuals(path, history, result.lang)
    if imported.refused:  # the sample is wrong: a bug of ours, not the user's
        raise RuntimeError(f"the sample history import was refused: {imported.problems[:3]}")
    result.outputs.update({"history import": path, "history": history})


def _team_workbook(result: DemoResult) -> None:
    """The team workbook from its template: the settings (reports folder, week, commission
    rate, targets, history) and the roster of the reps who send a weekly workbook."""
    spec = workbook("team_weekly")
    out = result.out_dir
    fields = {"reports_folder": f"reports/{iso_week(SAMPLE_WEEK_START)}",
              "week": iso_week(SAMPLE_WEEK_START), "commission_rate": 0.05,
              "targets_file": result.outputs["breakdown"].relative_to(out).as_posix(),
              "history_file": stores.DEFAULT_NAME}
    roster = [{"rep": r.name, "region": r.region, "supervisor": r.supervisor, "active": True}
              for r in result.company.reps]
    path = write_workbook(spec, result.lang, out / spec.filename(result.lang),
                          {"settings": {"fields": fields},
                           "roster": {"tables": {"roster": roster}}})
    result.outputs["team"] = path


@dataclass(frozen=True)
class _Book:
    """One rep weekly workbook to write (and the copy a rep sent twice)."""

    lang: str
    path: Path
    content: dict
    copy: Path | None = None


def _write_book(book: _Book) -> Path:
    write_workbook(workbook("rep_weekly"), book.lang, book.path, book.content)
    if book.copy is not None:  # sent twice: the rollup must not count it twice
        shutil.copyfile(book.path, book.copy)
    return book.path


def _books(folder: Path, contents: dict[str, tuple[str, dict]], week: str,
           duplicated: tuple[str, ...] | list[str] = ()) -> list[_Book]:
    return [_Book(lang, folder / f"{week}_{rep}.xlsx", content,
                  folder / f"{week}_{rep} (2).xlsx" if rep in duplicated else None)
            for rep, (lang, content) in contents.items()]


def write_week(folder: Path, contents: dict[str, tuple[str, dict]], week: str,
               duplicated: tuple[str, ...] | list[str] = ()) -> list[Path]:
    """One rep weekly workbook per rep (in the rep's language), written in parallel; a rep
    in `duplicated` sends a second copy."""
    folder.mkdir(parents=True, exist_ok=True)
    books = _books(folder, contents, week, duplicated)
    with Pool(_write_book, books, parallel_from=PARALLEL_FROM) as pool:
        list(pool.results())
    return [p for b in books for p in (b.path, b.copy) if p is not None]


def write_sample_week(folder: Path, lang: str = "zh", seed: int = DEFAULT_SEED) -> list[Path]:
    """The demo week's rep workbooks as the reps sent them (for tests and benchmarks)."""
    made = company(lang, seed)
    return write_week(folder, made.demo_week_contents(), iso_week(SAMPLE_WEEK_START),
                      made.duplicated)


def _write_weeks(result: DemoResult) -> None:
    """Every November week's rep workbooks, in parallel: W45 to W47 as sent, the demo
    week with the reps' mistakes."""
    made = result.company
    books: dict[str, list[_Book]] = {}
    for monday in WEEKS:
        week = iso_week(monday)
        folder = result.out_dir / "reports" / week
        folder.mkdir(parents=True, exist_ok=True)
        books[week] = _books(folder, made.week_contents(monday), week,
                             made.duplicated if monday == SAMPLE_WEEK_START else ())
    everything = [b for week in books.values() for b in week]
    with Pool(_write_book, everything, parallel_from=PARALLEL_FROM) as pool:
        list(pool.results())
    for week, written in books.items():
        paths = [p for b in written for p in (b.path, b.copy) if p is not None]
        if week == iso_week(SAMPLE_WEEK_START):
            result.rep_workbooks = paths
        else:
            result.earlier_weeks[week] = paths


def _roll_up_earlier_week(result: DemoResult, monday: dt.date) -> None:
    """A November week before the demo week rolled up into the history (and that week's
    team report)."""
    week = iso_week(monday)
    rolled = run_rollup([result.out_dir / "reports" / week], team=result.outputs["team"],
                        week=week, today=_saturday(monday))
    result.outputs[f"team report {week}"] = rolled.output


def _summary(path: Path) -> Path | None:
    """A rep's own "roll up my week": the weekly summary sheet filled in place."""
    return run_rollup([path], today=_saturday(SAMPLE_WEEK_START)).output


def _rep_summaries(result: DemoResult) -> None:
    """Each rep's weekly summary of the demo week (not the copy sent twice), in parallel."""
    originals = [p for p in result.rep_workbooks if "(" not in p.stem]
    with Pool(_summary, originals, parallel_from=PARALLEL_FROM) as pool:
        list(pool.results())


def _plan_next_week(result: DemoResult) -> None:
    """The customer master after the demo week, and next week's plans from it."""
    spec = workbook("customers")
    folder = result.out_dir / "plans"
    folder.mkdir(exist_ok=True)
    master = write_workbook(spec, result.lang, folder / spec.filename(result.lang),
                            master_content(result.company.master))
    plans = folder / DEMO_WEEK
    planned = run_plan(master, week=DEMO_WEEK, out_dir=plans, today=DEMO_TODAY,
                       lang=result.lang,
                       rep_langs={r.name: r.lang for r in result.company.reps})
    result.outputs.update({"customers": master, "visit plans": plans})
    if planned.overview is not None:
        result.outputs["plan overview"] = planned.overview


def _roll_up_demo_week(result: DemoResult) -> None:
    """The team report of the demo week, with next week's plans, against the team
    workbook's roster and targets; the week's rep-days go into the history."""
    week = iso_week(SAMPLE_WEEK_START)
    plans = sorted(p for p in result.outputs["visit plans"].glob("*.xlsx")
                   if p != result.outputs.get("plan overview"))  # the reps' workbooks only
    result.team = run_rollup([result.out_dir / "reports" / week, *plans],
                             team=result.outputs["team"], week=week,
                             today=_saturday(SAMPLE_WEEK_START))
    result.outputs["team report"] = result.team.output


# -- the story it tells ----------------------------------------------------------------------
def story(result: DemoResult) -> list[Message]:
    """What the demo made and what to look at, in the run's language: the company, the
    report to open first, the week's figures, the reps' mistakes and where they are listed."""
    made, team = result.company, result.team
    assert team is not None and team.periods is not None
    figures = team.team
    time = team.periods.time
    lines = [msg("demo.title", path=result.out_dir), _company_line(made),
             msg("demo.history", weeks=_span(EARLIER_WEEKS)),
             msg("demo.open_first", path=result.outputs["team report"]),
             msg("demo.headline", week=team.week, week_target=_money(figures["week_target"]),
                 week_orders=_money(figures["week_actual"]),
                 week_achievement=_pct(figures["week_achievement"]),
                 week_time=_pct(time["week"])),
             msg("demo.month_line", mtd=_money(figures["mtd_actual"]),
                 month_target=_money(figures["month_target"]),
                 mtd_achievement=_pct(figures["mtd_achievement"]),
                 month_time=_pct(time["month"]), ytd=_money(figures["ytd_actual"]),
                 year_target=_money(figures["year_target"]),
                 ytd_achievement=_pct(figures["ytd_achievement"]),
                 year_time=_pct(time["year"]))]
    reps = team.per_rep[team.per_rep["status"] == "reported"].sort_values("week_achievement")
    lines.append(msg("demo.pace", ahead=_who(reps[reps["week_achievement"] >= AHEAD][::-1]),
                     behind=_who(reps[reps["week_achievement"] < BEHIND])))
    lines.append(msg("demo.abnormal", n=len(team.abnormal)))
    return [*lines, msg("demo.mistakes"), *_mistake_lines(result)]


AHEAD, BEHIND = 1.15, 0.8  # a week's achievement the story calls ahead, behind


def _company_line(made: SampleCompany) -> Message:
    customers = {r["customer_id"] for r in made.master if r["status"] == "customer"}
    tiers = {t: sum(1 for c in made.customers if c.tier == t and c.customer_id in customers)
             for t in ("priority", "general", "last")}
    regions = list(made.words.regions)
    return msg("demo.company", reps=len(made.reps), regions=len(regions),
               region_names=regions, distributor=made.distributor.name,
               customers=len(customers), prospects=len(made.master) - len(customers), **tiers)


def _mistake_lines(result: DemoResult) -> list[Message]:
    """One line per rep mistake, saying where the report shows it."""
    lines = []
    for rep, m in result.company.mistakes.items():
        day = DAYS[m.day] if m.day is not None else None
        params: dict = {"rep": rep, "day": day}
        if m.kind == "text_amount":
            params.update(typed=f"¥{TEXT_AMOUNT:,}", amount=f"{TEXT_AMOUNT:,}")
        if m.kind == "free_outcome":
            params.update(typed=result.company.words.free_outcome, cell=_bad_cell(result, rep))
        lines.append(msg(MISTAKE_LINES[m.kind], **{k: v for k, v in params.items()
                                                    if v is not None}))
    return lines


MISTAKE_LINES = {"missing": "demo.mistake_missing", "duplicate": "demo.mistake_duplicate",
                 "blank_attendance": "demo.mistake_blank_attendance",
                 "text_amount": "demo.mistake_text_amount",
                 "free_outcome": "demo.mistake_free_outcome"}  # a rep mistake's line


def _bad_cell(result: DemoResult, rep: str) -> str:
    """Where the problems sheet points at the rep's free-text outcome."""
    assert result.team is not None
    found = next((p for p in result.team.problems
                  if p.code == "cell.bad_value" and rep in p.file), None)
    return f"{found.sheet}!{found.cell}" if found else "-"


def next_commands(result: DemoResult) -> list[tuple[Message, str]]:
    """The commands to try next, on this demo's own files."""
    out, o = result.out_dir, result.outputs
    next_monday = SAMPLE_WEEK_START + dt.timedelta(days=14)
    return [
        (msg("demo.next_rollup"), _command("rollup", "--team", o["team"])),
        (msg("demo.next_month"), _command("month", MONTH, "--history", o["history"],
                                          "--targets", o["breakdown"], "--team", o["team"])),
        (msg("demo.next_plan"), _command(
            "plan", o["customers"], "--week", iso_week(next_monday), "--today",
            f"{next_monday - dt.timedelta(days=2)}", "--out",
            out / "plans" / iso_week(next_monday))),
        (msg("demo.next_history"), _command("history", "info", "--history", o["history"])),
        (msg("demo.next_targets"), _command("targets", o["targets"], "--today",
                                            f"{_saturday(SAMPLE_WEEK_START)}")),
    ]


def _command(*words: object) -> str:
    return " ".join(["salesbook", *(_shell(str(w)) for w in words)])


def _shell(word: str) -> str:
    """A word as a shell takes it: quoted only when it must be (Chinese needs no quotes)."""
    if not re.search(r"[\s'\"$`\\!*?;&|<>()]", word):
        return word
    return f'"{word}"' if os.name == "nt" else shlex.quote(word)


def _span(mondays: tuple[dt.date, ...]) -> str:
    return f"{iso_week(mondays[0])}–{iso_week(mondays[-1])[-3:]}"


def _money(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _who(reps: pd.DataFrame) -> list[str]:
    return [f"{r} ({_pct(a)})" for r, a in zip(reps["rep"], reps["week_achievement"],
                                               strict=True)] or ["-"]


__all__ = ["DEFAULT_SEED", "STEPS", "DemoResult", "next_commands", "run_demo", "story",
           "write_sample_week", "write_week"]
