"""The `salesbook` command: a thin click layer over `addin.services`.

Each command parses options, calls one service function and prints its result; library
errors become one clean line and an exit code (0 fine, 1 problems found, 2 usage).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__
from .catalogue import msg, reset_run_lang, say
from .errors import SalesbookError
from .schema import LANGS, schema_dict

if TYPE_CHECKING:
    from .services.plan import PlanResult

EXIT_INTERRUPTED = 130  # as a shell reports a run stopped by Ctrl-C


class Cli(click.Group):
    """Turns SalesbookError into one line on stderr and exit code 1, and Ctrl-C into one
    line and exit code 130: never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SalesbookError as e:
            click.echo(say("cli.error_prefix") + e.render(), err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo(say("cli.error_prefix") + say("run.interrupted"), err=True)
            sys.exit(EXIT_INTERRUPTED)


def _echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group(cls=Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="salesbook")
def main() -> None:
    """Excel-native toolkit for a field-sales team: templates, targets, plans, rollups."""
    reset_run_lang()  # each command decides its own language (one process, one run)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the whole schema as JSON.")
@click.option("--markdown", is_flag=True, help="Print the field tables used in docs/fields.md.")
@click.option("--messages", is_flag=True,
              help="Print the message reference used in docs/messages.md.")
def schema(as_json: bool, markdown: bool, messages: bool) -> None:
    """Show every workbook, sheet, table and column the product reads or writes."""
    if messages:
        from .catalogue.docs import reference_markdown

        click.echo(reference_markdown())
        return
    data = schema_dict()
    if as_json:
        _echo_json(data)
        return
    if markdown:
        from .schema import WORKBOOKS
        from .schema.docs import markdown as field_tables

        click.echo(field_tables(list(WORKBOOKS.values())))
        return
    for wb in data["workbooks"]:
        click.echo(say("cli.schema_workbook", key=wb["key"], zh=wb["zh"], en=wb["en"],
                       id=wb["template_id"], version=wb["version"]))
        for sheet in wb["sheets"]:
            click.echo(f"  {sheet['key']:<12} {sheet['zh']} / {sheet['en']}")
            for f in sheet["fields"]:
                click.echo(f"      {f['cell']:<5} {f['key']:<22} {f['type']}")
            for t in sheet["tables"]:
                click.echo(say("cli.schema_table", key=t["key"], row=t["header_row"],
                               columns=[c["key"] for c in t["columns"]]))


@main.command()
@click.option("--lang", type=click.Choice([*LANGS, "all"]), default="all", show_default=True,
              help="Template language.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("workbook_templates"), show_default=True,
              help="Folder; templates go to OUT/<lang>/.")
def templates(lang: str, out_dir: Path) -> None:
    """Generate the blank workbook templates from the schema."""
    from .services.templates import make_templates

    langs = LANGS if lang == "all" else (lang,)
    for path in make_templates(out_dir, langs):
        click.echo(str(path))


@main.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(LANGS),
              help="Language of the messages (default: the workbooks').")
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
def check(files: tuple[Path, ...], lang: str | None, as_json: bool) -> None:
    """Validate filled workbooks; print each problem with file, sheet and cell.

    Exit 0 when no file has an error, 1 when one does (warnings alone do not fail).
    """
    from .services.check import check_files

    results = check_files(list(files), lang=lang)
    if as_json:
        _echo_json({"files": [r.as_dict() for r in results]})
    else:
        for r in results:
            errors = sum(1 for p in r.problems if p.severity == "error")
            click.echo(say("cli.check_file", path=r.path, status=say(
                "cli.check_ok" if r.ok else "cli.check_errors"),
                workbook=r.spec or msg("cli.unknown_workbook"), errors=errors,
                warnings=len(r.problems) - errors))
            _echo_problems(r.problems)
    sys.exit(0 if all(r.ok for r in results) else 1)


def _echo_problems(problems: list) -> None:
    for p in problems:
        where = "!".join(x for x in (p.sheet, p.cell) if x)
        click.echo(f"  {p.severity:<7} {where:<16} {p.text()}")


@main.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(LANGS),
              help="The sample company's language: its workbooks and this story (default: "
              "the machine's).")
@click.option("--seed", type=int, default=None,
              help="Another sample company: the same seed gives the same figures.")
def demo(out_dir: Path, lang: str | None, seed: int | None) -> None:
    """Make a sample sales company in OUT_DIR and run the whole product on it: templates,
    targets and their breakdown, a month of the reps' workbooks (with their usual mistakes)
    rolled up into the team report and the history, next week's plans, the monthly
    control. Then say what to open first and what to try next."""
    from .catalogue import default_lang
    from .services.demo import DEFAULT_SEED, STEPS, next_commands, run_demo, story

    lang = lang or default_lang()
    with _demo_progress(STEPS, lang) as step:
        result = run_demo(out_dir, lang=lang, seed=DEFAULT_SEED if seed is None else seed,
                          step=step)
    for line in story(result):
        click.echo(line.render(lang))
    click.echo(say("demo.next", lang))
    for what, command in next_commands(result):
        click.echo("  " + what.render(lang))
        click.echo("    " + command)
    click.echo(say("demo.took", lang, seconds=result.seconds))


@contextlib.contextmanager
def _demo_progress(steps: int, lang: str):
    """Each step of the demo on a progress bar (stderr, only on a terminal)."""
    if not sys.stderr.isatty():
        yield lambda message: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), transient=True,
                  console=Console(stderr=True)) as bar:
        task = bar.add_task("", total=steps)

        def step(message) -> None:
            if bar.tasks[task].description:
                bar.advance(task)
            bar.update(task, description=message.render(lang))

        yield step


# -- targets command (issue 3) goes below --
@main.command()
@click.argument("targets_file", metavar="TARGETS.xlsx",
                type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Output workbook (default: <TARGETS>.breakdown.xlsx beside the input).")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]),
              help="Measure time progress as of this date (default: today).")
@click.option("--json", "as_json", is_flag=True,
              help="Print {records: [...], totals: {...}} as JSON; problems go to stderr, "
              "one JSON object a line.")
def targets(targets_file: Path, out: Path | None, today, as_json: bool) -> None:
    """Break the company's annual targets down by rep, product and month, exact to the
    rounding unit, into a new workbook (the input is never changed): pivots, target
    cards, progress against time, activity targets and an audit sheet.

    Exit 0 when no error was found, 1 when one was (the breakdown is still written).
    """
    from .services.targets import run_targets

    result = run_targets(targets_file, out, today=today.date() if today else None)
    if as_json:
        for p in result.problems:  # one JSON object a line, each with its code
            click.echo(json.dumps(p.as_dict(), ensure_ascii=False, default=str), err=True)
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, separators=(",", ":")))
    else:
        click.echo(say("targets.written", path=result.output))
        for metric, total in result.totals.items():
            click.echo(f"  {metric:<14} {total:>16,}")
        for p in result.problems:
            where = "!".join(x for x in (p.sheet, p.cell) if x)
            click.echo(f"  {p.severity:<7} {where:<16} {p.message}")
    sys.exit(0 if result.ok else 1)


# -- plan command (issue 4) goes below --
@main.command()
@click.argument("customers", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--week", help="ISO week to plan, e.g. 2026-W49 (default: next week).")
@click.option("--start", type=click.DateTime(["%Y-%m-%d"]),
              help="First day of a date range (instead of --week).")
@click.option("--days", type=click.IntRange(1, 366),
              help="Calendar days from --start (default 7).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              required=True, help="Folder of the reps' weekly workbooks.")
@click.option("--lang", type=click.Choice(LANGS),
              help="Language of the run: what it prints, the overview and new workbooks "
              "(default: the customer master's).")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]),
              help="Plan as if today were this date (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
def plan(customers: Path, week: str | None, start, days: int | None, out_dir: Path,
         lang: str | None, today, as_json: bool) -> None:
    """Plan each rep's visits and calls from the customer master (tier cadence, what is
    due, daily capacity) and fill their weekly workbooks in OUT; typed rows are kept.

    Exit 0 when no error was found, 1 when one was (the plan is still written).
    """
    from .services.plan import run_plan

    if days is not None and start is None:
        raise click.UsageError(say("plan.days_without_start", lang))
    result = run_plan(customers, week=week, start=start.date() if start else None, days=days,
                      out_dir=out_dir, today=today.date() if today else None, lang=lang)
    if as_json:
        _echo_json(result.as_json())
    else:
        _print_plan(result)
    sys.exit(0 if result.ok else 1)


def _print_plan(result: PlanResult) -> None:
    """The plan in a few lines, all in the run's language (the master's, or --lang)."""
    from .schema.vocab import SEVERITY, TIERS

    lang = result.lang
    click.echo(say("plan.summary", lang, start=result.start, end=result.end,
                   contacts=len(result.contacts), carried=len(result.carried_over),
                   already=len(result.already_planned), files=len(result.files)))
    tiers = {c.key: c for c in TIERS}
    for rec in result.coverage.to_dict("records"):
        shown = "-" if rec["due"] == 0 else f"{rec['coverage']:.0%}"
        click.echo(say("plan.tier_line", lang, tier=tiers[rec["tier"]], due=rec["due"],
                       scheduled=rec["scheduled"], coverage=shown))
    if result.overview:
        click.echo(say("plan.overview_at", lang, path=result.overview))
    severity = {c.key: c for c in SEVERITY}
    for p in (*result.problems, *(s for s in result.skipped if s.severity != "info")):
        click.echo(say("plan.problem_line", lang, where=p.where(),
                       severity=severity[str(p.severity)], text=p.message))
    kept = sum(1 for s in result.skipped if s.severity == "info")
    if kept:
        click.echo(say("plan.kept_rows", lang, n=kept))


# -- rollup and month commands (issue 5) go below --
HISTORY_HELP = ("History store written by `salesbook rollup`: a SQLite file or a "
                "postgresql://user@host/db URL (password from PGPASSWORD or ~/.pgpass); "
                "default $SALESBOOK_HISTORY.")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--team", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The team workbook (销售管理汇报书): its settings (reports folder, targets, "
              "history, commission rate) and its roster of who should report.")
@click.option("--week", help="ISO week to roll up, e.g. 2026-W48 (default: the week most "
              "workbooks are for).")
@click.option("--targets", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A targets breakdown (from `salesbook targets`) for achievement columns.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Output workbook (default: beside the folder; for one rep workbook, the "
              "workbook itself).")
@click.option("--history", envvar="SALESBOOK_HISTORY", metavar="LOC",
              help="History store: a SQLite file or a postgresql:// URL (default: "
              "$SALESBOOK_HISTORY, else salesbook-history.sqlite beside the output).")
@click.option("--commission-rate", type=float, help="Commission rate, e.g. 0.05.")
@click.option("--lang", type=click.Choice(LANGS), help="Report language (default: the reps').")
@click.option("--top-only", is_flag=True,
              help="Read only the folder given, not its subfolders.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def rollup(paths: tuple[Path, ...], team: Path | None, week: str | None,
           targets: Path | None, out: Path | None, history: str | None,
           commission_rate: float | None, lang: str | None, top_only: bool,
           as_json: bool) -> None:
    """Roll rep weekly workbooks up into the team weekly report (销售管理汇报书).

    PATH is a folder of rep workbooks (read with its subfolders) or one rep workbook (its
    weekly summary sheet is filled); with --team, the team workbook's reports folder. Exit 0
    when a report was produced, even with problems listed; 1 when there was nothing to
    roll up.
    """
    from .services.reading import start_reading
    from .services.rollup_options import rollup_options

    job = rollup_options(list(paths), team=team, week=week, targets=targets, out=out,
                         history=history, commission_rate=commission_rate, lang=lang,
                         recursive=not top_only)
    # reading starts before pandas is imported
    reading = start_reading(job.paths, job.out, recursive=job.recursive, lang=job.lang)
    from .services.rollup import run_rollup

    with _progress(as_json) as (on_files, advance):
        result = run_rollup(job.paths, options=job, progress=advance, on_files=on_files,
                            reading=reading)
    if as_json:
        _echo_json(result.as_json())
        return
    _echo_rollup(result)


def _echo_rollup(result) -> None:
    team = result.team
    if result.rep_mode:
        click.echo(say("cli.summary", path=result.output))
        return
    click.echo(say("cli.rollup_week", week=result.week, files=result.files_read,
                   folders=result.folders_read, reported=team["reps_reported"],
                   expected=team["reps_expected"]))
    click.echo(say("cli.rollup_figures", orders=team.get("order_amount") or 0,
                   target=_money(team.get("week_target")),
                   achievement=_pct(team.get("week_achievement")),
                   effective=_pct(team.get("effective_visit_rate")),
                   transaction=_pct(team.get("transaction_rate"))))
    missing = result.per_rep.loc[result.per_rep["status"] == "missing", "rep"].tolist()
    if missing:
        click.echo(say("cli.rollup_missing", reps=missing))
    errors = sum(1 for p in result.problems if p.severity == "error")
    click.echo(say("cli.problems", errors=errors, others=len(result.problems) - errors))
    click.echo(say("cli.report", path=result.output))
    if result.history:
        from .services.history import describe

        click.echo(say("cli.history", path=describe(result.history)))


def _money(v: float | None) -> str:
    return "-" if v is None else f"{v:,.2f}"


def _pct(v: float | None) -> str:
    return "-" if v is None else f"{v:.1%}"


@contextlib.contextmanager
def _progress(quiet: bool):
    """A progress bar on a terminal; silent when piped or printing JSON."""
    if quiet or not sys.stderr.isatty():
        yield (lambda n: None), (lambda n: None)
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task(say("cli.reading"), total=None)
        yield (lambda n: bar.update(task, total=n)), (lambda n: bar.advance(task, n))


@main.command()
@click.argument("month")
@click.option("--history", required=True, envvar="SALESBOOK_HISTORY", metavar="LOC",
              help=HISTORY_HELP)
@click.option("--targets", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A targets breakdown for month, quarter and year-to-date achievement.")
@click.option("--team", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The team workbook, for its roster of who should report.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Output workbook (default: 月度控制_<month>.xlsx beside the history).")
@click.option("--lang", type=click.Choice(LANGS),
              help="Report language (default: the team's, as the rollups stored it).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def month(month: str, history: str, targets: Path | None, team: Path | None,
          out: Path | None, lang: str | None, as_json: bool) -> None:
    """Monthly control report (月度控制) for MONTH (e.g. 2026-11) from the history store."""
    from .services.month import run_month

    result = run_month(month, history=history, targets=targets, team=team, out=out, lang=lang)
    if as_json:
        _echo_json(result.as_json())
        return
    click.echo(say("cli.month", month=result.month, days=result.days_on_record,
                   reps=int((result.per_rep["status"] == "reported").sum()),
                   orders=result.team.get("month_actual") or 0,
                   achievement=_pct(result.team.get("month_achievement"))))
    click.echo(say("cli.report", path=result.output))


# -- the Excel door (issue 13) goes below --
@main.group()
def excel() -> None:
    """The Excel buttons' jobs, run as the buttons run them."""


@excel.command("run")
@click.argument("job", type=click.Choice(["week", "plan", "team", "targets", "month"]))
@click.argument("workbook_path", metavar="WORKBOOK",
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--result", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the result file the button's macro reads back here.")
def excel_run(job: str, workbook_path: Path, result: Path | None) -> None:
    """Run a button's JOB on WORKBOOK (the workbook the button sits in) and print what
    it did as JSON: week (rep weekly workbook), plan (customer master), team and month
    (team workbook), targets (targets workbook). The workbook itself is never written.

    Exit 0 when the job ran, 1 when it could not (the JSON's message says why).
    """
    from .excel.door import run_job

    answer = run_job(job, workbook_path, result=result)
    utf8 = (sys.stdout.encoding or "").lower().replace("-", "") == "utf8"
    click.echo(json.dumps(answer, ensure_ascii=not utf8, indent=2, default=str))
    sys.exit(0 if answer["ok"] else 1)


@main.command("excel-setup")
@click.option("--lang", type=click.Choice(LANGS), help="Language (default: the machine's).")
def excel_setup(lang: str | None) -> None:
    """Print what a Windows or macOS user does once to use the buttons in Excel: install
    Python and salesbook, trust the templates' folder, where the templates are, how to
    check that it works."""
    from .catalogue import run_lang
    from .excel.setup import guide

    click.echo(guide(lang or run_lang()), nl=False)


@main.command()
@click.argument("out_dir", metavar="OUT", type=click.Path(file_okay=False, path_type=Path))
@click.option("--platform", default="win_amd64", show_default=True,
              help="pip platform tag of the machines to install on (e.g. macosx_11_0_arm64).")
@click.option("--python-version", "python_versions", multiple=True,
              help="Python versions to fetch wheels for (default: 3.11, 3.12 and 3.13).")
@click.option("--with-xlwings", is_flag=True, help="Also bundle the xlwings extra.")
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True,
              help="Language of setup.cmd's messages.")
def bundle(out_dir: Path, platform: str, python_versions: tuple[str, ...],
           with_xlwings: bool, lang: str) -> None:
    """Write an offline installer folder OUT: a wheelhouse (salesbook's wheel and every
    dependency for PLATFORM, fetched once with pip), setup.cmd / setup.sh, the templates
    and the setup guide."""
    from .excel.bundle import PYTHON_VERSIONS, build_bundle

    made = build_bundle(out_dir, platform=platform,
                        python_versions=python_versions or PYTHON_VERSIONS,
                        extras=("excel",) if with_xlwings else (), lang=lang)
    click.echo(say("cli.bundle_wheelhouse", path=made.wheelhouse, wheels=len(made.wheels)))
    click.echo(say("cli.bundle_templates", count=len(made.templates),
                   path=out_dir / "templates"))
    for script in made.scripts:
        click.echo(say("cli.bundle_setup", path=script))


# -- history commands (issue 15) -----------------------------------------------------------
def _history_option(fn):
    return click.option("--history", required=True, envvar="SALESBOOK_HISTORY",
                        metavar="LOC", help=HISTORY_HELP)(fn)


@main.group()
def history() -> None:
    """The history store (a SQLite file or a PostgreSQL database): what it holds, its
    tables as files for BI tools, and earlier actuals loaded into it."""


@history.command("info")
@_history_option
@click.option("--json", "as_json", is_flag=True, help="Print everything as JSON.")
def history_info(history: str, as_json: bool) -> None:
    """What is stored: months (covered by how many reps and days), weeks, reps, and the
    rollups and imports the rows came from. Only reads the store."""
    from .services.history import history_info as info

    data = info(history)
    if as_json:
        _echo_json(data)
        return
    click.echo(say("cli.history_head", history=data["history"], backend=data["backend"],
                   version=data["schema_version"], weeks=len(data["weeks"]),
                   reps=len(data["reps"])))
    for m in data["months"]:
        line = say("cli.history_month", month=m["month"], reps=m["reps"],
                   reps_known=m["reps_known"], dates=m["dates"], days=m["days_in_month"],
                   rep_days=m["rep_days"], first=m["first"], last=m["last"])
        if m["imported_reps"]:
            line += say("cli.history_month_imported", reps=m["imported_reps"])
        click.echo(line)
    rollups, imports = data["sources"]["rollups"], data["sources"]["imports"]
    click.echo(say("cli.history_sources", rollups=rollups["count"],
                   first=rollups["first"] or "-", last=rollups["last"] or "-",
                   rows=imports["rows"], months=len(imports["months"])))


@history.command("export")
@_history_option
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet"]), default="csv",
              show_default=True, help="File format (parquet needs pyarrow).")
@click.option("--out", "out_dir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder for days, visits, imported and rollups files.")
def history_export(history: str, fmt: str, out_dir: Path) -> None:
    """Write the stored tables (days, visits, imported actuals, the rollup log) as files
    for BI tools, from one consistent reading of the store."""
    from .services.history import export_history

    for table, done in export_history(history, fmt, out_dir).items():
        click.echo(say("cli.history_exported", table=table, rows=done["rows"],
                       path=done["path"]))


@history.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_history_option
@click.option("--lang", type=click.Choice(LANGS), help="Language of the messages.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def history_import(file: Path, history: str, lang: str | None, as_json: bool) -> None:
    """Load earlier actuals (rep, region, month YYYY-MM, sales, gross margin, new
    customers, collections) from a CSV or a workbook made from the history-import
    template; a rep and month imported again replaces the earlier row. Every cell is
    checked first: with any error nothing is imported (exit 1)."""
    from .services.history import import_actuals

    result = import_actuals(file, history, lang)
    if as_json:
        _echo_json(result.as_json())
    else:
        for p in result.problems:
            click.echo(str(p), err=True)
        if result.refused:
            errors = sum(1 for p in result.problems if p.severity == "error")
            click.echo(say("cli.error_prefix") + say("history.import_refused", path=file,
                                                      errors=errors), err=True)
        else:
            click.echo(say("cli.history_imported", rows=result.rows, history=result.history))
    sys.exit(1 if result.refused else 0)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run() -> None:
    """The console script. A closed window (SIGHUP) or `kill` (SIGTERM) stops a run as
    Ctrl-C does: cleanly, with nothing half-written. After the command, the process ends
    without tearing the interpreter down: freeing a big rollup's objects one by one takes a
    tenth of a second, and by then every output is closed and every background process
    joined."""
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            signal.signal(sig, _interrupt)
    try:
        main()
        code: object = 0
    except SystemExit as e:
        code = e.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`| head`)
            stream.flush()
    os._exit(code or 0)


if __name__ == "__main__":
    run()
