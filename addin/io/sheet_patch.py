"""Write values into one sheet of a workbook a person keeps, changing nothing else.

The rep's weekly summary is the only sheet of the rep's workbook the product writes. Loading
and saving the whole workbook with openpyxl costs most of a second and rewrites every part
(and may drop what openpyxl does not know); here the summary sheet's XML is rewritten
below its title and every other part of the package is copied byte for byte. A cell keeps
the style the template gave it (the template lays the summary's rows out formatted); a row
beyond the template's takes the styles of the last one. Text is written as inline text,
never a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from ..schema.model import col_letter, split_cell
from . import output
from .bulk import excel_serial, xml_escape, xml_text
from .writer import atomic_output, clean_text
from .xlsx_scan import stamped

_ROW = re.compile(r'<row r="(\d+)"([^>]*?)(?:/>|>(.*?)</row>)', re.S)
_CELL = re.compile(r'<c r="([A-Z]+)(\d+)"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
_STYLE = re.compile(r'\ss="(\d+)"')
_SHEET = re.compile(r'<sheet\b[^>]*\bname="([^"]*)"[^>]*\br:id="([^"]*)"[^>]*/>')


class PatchError(Exception):
    """The sheet cannot be patched in place (not found, or laid out unexpectedly)."""


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def sheet_part(files: dict[str, bytes], names: tuple[str, ...]) -> tuple[int, str, str]:
    """(index among the sheets, name, part path) of the first sheet named in `names`."""
    book = files["xl/workbook.xml"].decode("utf-8")
    rels = files["xl/_rels/workbook.xml.rels"].decode("utf-8")
    targets = dict(re.findall(r'<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"',
                              rels))
    targets.update({k: v for v, k in re.findall(
        r'<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
    sheets = [(_unescape(n), rid) for n, rid in _SHEET.findall(book)]
    for index, (name, rid) in enumerate(sheets):
        if name in names and rid in targets:
            target = targets[rid].lstrip("/")
            return index, name, target if target.startswith("xl/") else f"xl/{target}"
    raise PatchError("sheet not found")


def _value_xml(ref: str, style: str, value: Any) -> str:
    """A cell with `value` in the given style attribute ('' when none)."""
    if value is None or (isinstance(value, float) and value != value):
        return f'<c r="{ref}"{style}/>' if style else ""
    if isinstance(value, bool):
        return f'<c r="{ref}"{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"{style}><v>{float(value):.16G}</v></c>'
    if isinstance(value, (dt.date, dt.datetime)):
        return f'<c r="{ref}"{style}><v>{excel_serial(value):.16G}</v></c>'
    return f'<c r="{ref}"{style} t="inlineStr"><is>{xml_text(clean_text(value))}</is></c>'


def patch_sheet(source: Path, target: Path, names: tuple[str, ...], first_row: int,
                values: dict[str, Any], print_to: str | None = None) -> Path:
    """Rewrite the sheet named in `names` from row `first_row` down: every cell there is
    emptied, then `values` (cell reference -> value) are written, each keeping its old
    style (a row beyond the old ones takes the last old row's styles). `print_to` sets the
    sheet's print area to A1:`print_to`. Written whole to `target` (which may be
    `source`); PatchError when the sheet is not there."""
    with zipfile.ZipFile(source) as zf:
        infos = zf.infolist()
        files = {i.filename: zf.read(i.filename) for i in infos}
    index, name, part = sheet_part(files, names)
    xml = files[part].decode("utf-8")
    head, rows, tail = _split_sheet(xml)
    body = _rows_xml(rows, first_row, values)
    last_row = max([*rows, *(split_cell(ref)[0] for ref in values)], default=1)
    last_col = max([*(max(c) for _, c in rows.values() if c),
                    *(split_cell(ref)[1] for ref in values)], default=1)
    head = re.sub(r'<dimension ref="[^"]*"/>',
                  f'<dimension ref="A1:{col_letter(last_col)}{last_row}"/>', head, count=1)
    files[part] = (head + body + tail).encode("utf-8")
    if print_to:
        files["xl/workbook.xml"] = _print_area(files["xl/workbook.xml"].decode("utf-8"),
                                               index, name, print_to).encode("utf-8")
    with atomic_output(target) as tmp:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as out:
            for info in infos:
                out.writestr(info, files[info.filename])
        output.write_file(tmp, buffer.getvalue())  # the one place bytes reach the disk
    return target


def _split_sheet(xml: str) -> tuple[str, dict[int, tuple[str, dict[int, str]]], str]:
    """(XML before the rows, {row: (row attributes, {column: cell XML})}, XML after)."""
    m = re.search(r"<sheetData\s*/>|<sheetData>(.*?)</sheetData>", xml, re.S)
    if m is None:
        raise PatchError("no sheetData")
    rows: dict[int, tuple[str, dict[int, str]]] = {}
    for rm in _ROW.finditer(m.group(1) or ""):
        cells = {}
        for cm in _CELL.finditer(rm.group(3) or ""):
            cells[split_cell(f"{cm.group(1)}{cm.group(2)}")[1]] = cm.group(0)
        rows[int(rm.group(1))] = (rm.group(2), cells)
    return xml[:m.start()] + "<sheetData>", rows, "</sheetData>" + xml[m.end():]


def _rows_xml(rows: dict[int, tuple[str, dict[int, str]]], first_row: int,
              values: dict[str, Any]) -> str:
    wanted: dict[int, dict[int, Any]] = {}
    for ref, value in values.items():
        r, c = split_cell(ref)
        wanted.setdefault(r, {})[c] = value
    last_old = max((r for r in rows if r >= first_row), default=first_row)
    out = []
    for r in sorted(set(rows) | set(wanted)):
        attrs, cells = rows.get(r, (rows.get(last_old, ("", {}))[0], {}))
        if r < first_row:
            out.append(f'<row r="{r}"{attrs}>{"".join(cells[c] for c in sorted(cells))}</row>')
            continue
        pattern = cells if r in rows else rows.get(last_old, ("", {}))[1]
        styles = {c: (_STYLE.search(x).group(0) if _STYLE.search(x) else "")
                  for c, x in pattern.items()}
        new = wanted.get(r, {})
        body = "".join(_value_xml(f"{col_letter(c)}{r}", styles.get(c, ""), new.get(c))
                       for c in sorted(set(styles) | set(new)))
        attrs = re.sub(r'\sspans="[^"]*"', "", attrs)  # an optional hint, now stale
        out.append(f'<row r="{r}"{attrs}>{body}</row>' if body else "")
    return "".join(out)


def _print_area(book: str, index: int, name: str, last: str) -> str:
    column, row = re.fullmatch(r"([A-Z]+)(\d+)", last).groups()
    area = f"{_quoted(name)}!$A$1:${column}${row}"
    entry = f'<definedName name="_xlnm.Print_Area" localSheetId="{index}">' \
            f'{xml_escape(area)}</definedName>'
    pattern = re.compile(rf'<definedName name="_xlnm\.Print_Area" localSheetId="{index}">'
                         r'[^<]*</definedName>')
    if pattern.search(book):
        return pattern.sub(lambda _: entry, book, count=1)
    if "<definedNames>" in book:
        return book.replace("<definedNames>", "<definedNames>" + entry, 1)
    return book.replace("</sheets>", f"</sheets><definedNames>{entry}</definedNames>", 1)


def _quoted(name: str) -> str:
    """A sheet name as a formula writes it (quoted when it needs to be)."""
    if re.fullmatch(r"[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff.]*", name):
        return name
    return "'" + name.replace("'", "''") + "'"


def template_version(path: Path) -> str | None:
    """The template version a workbook is stamped with (its custom properties)."""
    return stamped(path, "salesbook_version")
