"""The `salesbook` command: a thin click layer over `addin.services`.

Each command parses options, calls one service function and prints its result; library
errors become one clean line and an exit code (0 fine, 1 problems found, 2 usage).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import SalesbookError
from .schema import LANGS, schema_dict


class Cli(click.Group):
    """Turns SalesbookError into one line on stderr and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SalesbookError as e:
            click.echo(f"salesbook: {e}", err=True)
            sys.exit(1)


def _echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group(cls=Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="salesbook")
def main() -> None:
    """Excel-native toolkit for a field-sales team: templates, targets, plans, rollups."""


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the whole schema as JSON.")
@click.option("--markdown", is_flag=True, help="Print the field tables used in docs/fields.md.")
def schema(as_json: bool, markdown: bool) -> None:
    """Show every workbook, sheet, table and column the product reads or writes."""
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
        click.echo(f"{wb['key']}  {wb['zh']} / {wb['en']}  ({wb['template_id']} v{wb['version']})")
        for sheet in wb["sheets"]:
            click.echo(f"  {sheet['key']:<12} {sheet['zh']} / {sheet['en']}")
            for f in sheet["fields"]:
                click.echo(f"      {f['cell']:<5} {f['key']:<22} {f['type']}")
            for t in sheet["tables"]:
                cols = ", ".join(c["key"] for c in t["columns"])
                click.echo(f"      table {t['key']} (header row {t['header_row']}): {cols}")


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
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
def check(files: tuple[Path, ...], as_json: bool) -> None:
    """Validate filled workbooks; print each problem with file, sheet and cell.

    Exit 0 when no file has an error, 1 when one does (warnings alone do not fail).
    """
    from .services.check import check_files

    results = check_files(list(files))
    if as_json:
        _echo_json({"files": [r.as_dict() for r in results]})
    else:
        for r in results:
            status = "ok" if r.ok else "ERRORS"
            errors = sum(1 for p in r.problems if p.severity == "error")
            click.echo(f"{r.path}: {status} ({r.workbook or 'unknown workbook'}, "
                       f"{r.lang or '?'}; {errors} errors, {len(r.problems) - errors} warnings)")
            for p in r.problems:
                where = "!".join(x for x in (p.sheet, p.cell) if x)
                click.echo(f"  {p.severity:<7} {where:<16} {p.message}")
    sys.exit(0 if all(r.ok for r in results) else 1)


@main.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
def demo(out_dir: Path) -> None:
    """Run the main job on built-in sample data into OUT_DIR."""
    from .services.demo import run_demo

    result = run_demo(out_dir)
    click.echo(f"templates:      {len(result.templates)} files in {out_dir / 'templates'}")
    click.echo(f"rep workbooks:  {len(result.rep_workbooks)} files in "
               f"{result.rep_workbooks[0].parent if result.rep_workbooks else out_dir}")
    for name, path in result.outputs.items():
        click.echo(f"{name + ':':<15} {path}")


# -- targets command (issue 3) goes below --

# -- plan command (issue 4) goes below --

# -- rollup and month commands (issue 5) go below --


if __name__ == "__main__":
    main()
