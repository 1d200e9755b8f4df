"""The one way an output workbook is made: stamped, styled, streamed, written whole.

Every workbook the product writes (templates, reports, the targets breakdown, plans)
comes through `new_output`: an XlsxWriter workbook with our options and template stamp,
our styles, big tables streamed as bulk rows, the hidden meta sheet, built in memory and
written to disk in one step through `atomic_output`. Building in memory means a full disk
fails in our code, with one clear message, instead of inside a half-closed zip file.
Workbooks a person already has (a rep's week, filled by the rollup or the planner) are
saved with `save_filled`, the same way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter

from ..schema import META_SHEET, SCHEMA_VERSION, WorkbookSpec
from . import bulk
from .styles import WORKBOOK_OPTIONS, Styles
from .writer import atomic_output

FIXED_CREATED = dt.datetime(2026, 1, 1)  # templates are byte-stable across runs


@dataclass
class Output:
    """An output workbook being built: the XlsxWriter workbook and its styles."""

    wb: Any
    styles: Styles
    spec: WorkbookSpec
    lang: str
    meta_written: bool = False

    def write_meta(self) -> None:
        """The hidden meta sheet, now (it is written last unless asked for earlier)."""
        if not self.meta_written:
            write_meta_sheet(self.wb, self.spec, self.lang)
            self.meta_written = True


def new_workbook(target: Any, spec: WorkbookSpec, lang: str) -> Any:
    """An XlsxWriter workbook on `target` (a path or a file object) with our options,
    properties and template stamp; big tables can stream (addin.io.bulk)."""
    wb = xlsxwriter.Workbook(target if not isinstance(target, Path) else str(target),
                             WORKBOOK_OPTIONS)
    bulk.enable(wb)
    wb.set_properties({
        "title": spec.label(lang),
        "subject": spec.description_zh if lang == "zh" else spec.description_en,
        "author": "salesbook",
        "company": "",
        "comments": f"{spec.template_id} v{spec.version} ({lang})",
        "created": FIXED_CREATED,
    })
    wb.set_custom_property("salesbook_template", spec.template_id)
    wb.set_custom_property("salesbook_version", spec.version)
    wb.set_custom_property("salesbook_lang", lang)
    return wb


def write_meta_sheet(wb: Any, spec: WorkbookSpec, lang: str) -> None:
    """Hidden sheet the reader uses to know template, version and language without guessing."""
    ws = wb.add_worksheet(META_SHEET)
    for i, (k, v) in enumerate((("template_id", spec.template_id), ("version", spec.version),
                                ("lang", lang), ("schema_version", SCHEMA_VERSION))):
        ws.write_string(i, 0, k)
        ws.write_string(i, 1, v)
    ws.hide()


def write_file(path: Path, data: bytes) -> None:
    """The bytes of a finished workbook, into the temporary file of an atomic write."""
    with open(path, "wb") as fh:
        fh.write(data)


@contextlib.contextmanager
def new_output(path: str | Path, spec: WorkbookSpec, lang: str, *,
               before_replace: Callable[[], object] | None = None) -> Iterator[Output]:
    """Build the workbook `spec` in `lang` in memory, then write it to `path` whole (or
    leave `path` as it was). `before_replace` runs once it is complete on disk."""
    with atomic_output(path, before_replace) as tmp:
        buffer = io.BytesIO()
        wb = new_workbook(buffer, spec, lang)
        try:
            out = Output(wb, Styles(wb, lang), spec, lang)
            yield out
            out.write_meta()
            wb.close()
        finally:
            with contextlib.suppress(Exception):
                wb.fileclosed = True  # an abandoned workbook must not try to close at exit
        write_file(tmp, buffer.getvalue())


def save_filled(wb: Any, path: str | Path) -> Path:
    """Save an openpyxl workbook (a person's own, filled in) to `path` whole."""
    with atomic_output(path) as tmp:
        buffer = io.BytesIO()
        wb.save(buffer)
        write_file(tmp, buffer.getvalue())
    return Path(path)
