"""Generate the blank templates from the schema.

XlsxWriter builds them (it can later add a VBA project and form buttons for the .xlsm
variants); the output is deterministic, so a test can compare the committed templates
under workbook_templates/ with what the schema generates today.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..catalogue import say
from ..schema import LANGS, WORKBOOKS, Sheet, WorkbookSpec
from .output import new_output
from .sheetwriter import SheetWriter


def lay_out_sheet(w: SheetWriter, sheet: Sheet, content: dict | None = None) -> None:
    """Write a sheet as laid out in the schema; `content` fills fields and input tables."""
    content = content or {}
    field_values = content.get("fields", {})
    w.title(note=say(f"note.{sheet.role}", w.lang))
    w.fields(field_values)
    for table in sheet.tables:
        rows = content.get("tables", {}).get(table.key)
        if rows is not None and not isinstance(rows, pd.DataFrame):
            rows = pd.DataFrame(list(rows))
        if rows is not None and len(rows) > table.rows and table.total_row:
            raise ValueError(f"{sheet.key}.{table.key}: {len(rows)} rows do not fit the "
                             f"template's {table.rows}")
        w.table(table, rows, role="output" if table.output else "input")
    w.signoff(field_values)
    first_table = sheet.tables[0] if sheet.tables else None
    freeze = first_table.header_row if first_table is not None else None
    w.finish(protect=True, freeze_row=freeze, repeat_row=freeze)


def write_workbook(spec: WorkbookSpec, lang: str, path: str | Path,
                   content: dict[str, dict] | None = None) -> Path:
    """Write `spec` in `lang` to `path` atomically: the blank template, or one filled with
    `content` = {sheet_key: {"fields": {key: value}, "tables": {table_key: rows}}}."""
    if lang not in LANGS:
        raise ValueError(f"language must be one of {LANGS}, not {lang!r}")
    path = Path(path)
    content = content or {}
    with new_output(path, spec, lang) as out:
        for sheet in spec.sheets:
            lay_out_sheet(SheetWriter(out.wb, out.styles, spec, sheet, lang), sheet,
                          content.get(sheet.key))
    return path


def write_template(spec: WorkbookSpec, lang: str, path: str | Path) -> Path:
    """The blank template of `spec` in `lang`."""
    return write_workbook(spec, lang, path)


def write_all_templates(out_dir: str | Path, langs: tuple[str, ...] = LANGS) -> list[Path]:
    """Every workbook's template in each language, under out_dir/<lang>/."""
    written = []
    for lang in langs:
        folder = Path(out_dir) / lang
        folder.mkdir(parents=True, exist_ok=True)
        for spec in WORKBOOKS.values():
            written.append(write_template(spec, lang, folder / spec.filename(lang)))
    return written
