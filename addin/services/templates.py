"""Job: write the blank templates (the CLI's `templates`, a manager's "new templates"):
every workbook as .xlsx, and the workbooks that have buttons also as macro-enabled .xlsm
(the same sheets, plus the buttons, their VBA and an xlwings.conf sheet)."""

from __future__ import annotations

from pathlib import Path

from ..io.buttons import PLACES, macro_kit, vba_modules
from ..io.templates import write_all_templates, write_workbook
from ..schema import LANGS, workbook


def make_templates(out_dir: str | Path, langs: tuple[str, ...] = LANGS) -> list[Path]:
    """Every template in each language under out_dir/<lang>/; returns the files written."""
    written = write_all_templates(out_dir, langs)
    modules = vba_modules()
    for lang in langs:
        for key in PLACES:
            path = macro_template_path(out_dir, key, lang)
            kit = macro_kit(key, lang, modules)
            written.append(write_workbook(workbook(key), lang, path, macros=kit))
    return written


def macro_template_path(out_dir: str | Path, key: str, lang: str) -> Path:
    """Where make_templates puts the .xlsm of workbook `key` in `lang`."""
    return Path(out_dir) / lang / Path(workbook(key).filename(lang)).with_suffix(".xlsm").name
