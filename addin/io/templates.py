"""Generate the blank templates from the schema.

XlsxWriter builds them; the macro-enabled variants (.xlsm) also get a VBA project built
from plain-text .bas modules (addin.io.vba), form buttons wired to its macros, an
`xlwings.conf` sheet and a hidden sheet of the texts the macros show. The output is
deterministic, so a test can compare the committed templates under workbook_templates/
with what the schema generates today.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..catalogue import say
from ..schema import LANGS, WORKBOOKS, Sheet, WorkbookSpec
from .output import new_output
from .sheetwriter import SheetWriter
from .styles import Styles
from .vba import Module, vba_project

CONF_SHEET = "xlwings.conf"  # xlwings reads its settings here; the buttons read Python's place
TEXT_SHEET = "_salesbook_texts"  # what the macros say, in the template's language
BUTTON_SIZE = {"width": 170, "height": 34}


@dataclass(frozen=True)
class Button:
    sheet: str  # the sheet's key
    cell: str  # where its top-left corner sits
    macro: str
    caption: str  # in the template's language


@dataclass(frozen=True)
class MacroKit:
    """What makes a template macro-enabled (all text already in its language)."""

    modules: tuple[Module, ...]
    buttons: tuple[Button, ...]
    conf: tuple[tuple[str, str], ...]  # xlwings.conf rows: key, value
    conf_notes: tuple[str, ...]  # lines under the settings (after an empty row)
    texts: tuple[tuple[str, str], ...]  # key, text


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
                   content: dict[str, dict] | None = None,
                   macros: MacroKit | None = None) -> Path:
    """Write `spec` in `lang` to `path` atomically: the blank template, or one filled with
    `content` = {sheet_key: {"fields": {key: value}, "tables": {table_key: rows}}}; with
    `macros`, a macro-enabled workbook (give `path` the .xlsm suffix)."""
    if lang not in LANGS:
        raise ValueError(f"language must be one of {LANGS}, not {lang!r}")
    path = Path(path)
    content = content or {}
    with new_output(path, spec, lang) as out:
        sheets = {}
        for sheet in spec.sheets:
            writer = SheetWriter(out.wb, out.styles, spec, sheet, lang)
            lay_out_sheet(writer, sheet, content.get(sheet.key))
            sheets[sheet.key] = writer.ws
        if macros is not None:
            out.write_meta()  # every sheet, the meta sheet too, gets a VBA code name
            add_macros(out.wb, sheets, macros, out.styles)
    return path


def add_macros(wb: Any, sheets: dict[str, Any], kit: MacroKit, styles: Styles) -> None:
    """Buttons, the xlwings.conf and texts sheets, and the VBA project (one document
    module per sheet, code names Sheet1.. in order, plus the kit's modules)."""
    for b in kit.buttons:
        sheets[b.sheet].insert_button(b.cell, {"macro": b.macro, "caption": b.caption,
                                               **BUTTON_SIZE})
    conf = wb.add_worksheet(CONF_SHEET)
    for r, (key, value) in enumerate(kit.conf):
        conf.write_string(r, 0, key)
        if value:
            conf.write_string(r, 1, value)
    for i, line in enumerate(kit.conf_notes):
        conf.write_string(len(kit.conf) + 1 + i, 0, line,
                          styles.title() if i == 0 else styles.note())
    conf.set_column(0, 0, 24)
    conf.set_column(1, 1, 40)
    texts = wb.add_worksheet(TEXT_SHEET)
    for r, (key, text) in enumerate(kit.texts):
        texts.write_string(r, 0, key)
        texts.write_string(r, 1, text)
    texts.hide()
    worksheets = wb.worksheets()
    wb.set_vba_name("ThisWorkbook")
    names = []
    for i, ws in enumerate(worksheets, start=1):
        ws.set_vba_name(f"Sheet{i}")
        names.append(f"Sheet{i}")
    wb.add_vba_project(io.BytesIO(vba_project(list(kit.modules), names)), is_stream=True)


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
