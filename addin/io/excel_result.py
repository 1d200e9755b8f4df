"""The result file an Excel button reads back (addin.excel).

A macro has no JSON parser and no portable way to read Unicode text (VBA's `Open` reads
the ANSI code page on Windows), while opening a workbook costs a third of a second. So a
job run from a button writes one small ASCII text file, which every host reads a line at
a time: tab-separated fields, CRLF line ends, and every character outside printable ASCII
(and the backslash) written as `\\uXXXX` (UTF-16 code units, upper-case hex).

    salesbook-result <TAB> 2
    ok <TAB> 1 | 0
    message <TAB> text
    open <TAB> text                     (a workbook to open; empty for none)
    copy <TAB> sheet <TAB> cell <TAB> rows <TAB> cols <TAB> header rows <TAB> clear
        then one line of number formats ("" keeps the cell's own), then `rows` lines of
        values, each field tagged: "" empty, s text, n number, d date (Excel's serial
        day), b1 / b0 true / false
    end

`clear` is 0 (nothing), 1 (the block's columns from its first row down) or 2 (the whole
target sheet) before the values go in. Numbers are Python's shortest round-trip form,
which VBA's `Val` reads the same in every locale.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine as calamine

from ..schema import Table, cell_ref
from .values import EXCEL_EPOCH_1900, label_key
from .writer import atomic_output, clean_text
from .xlsx_scan import stamped

MAGIC = "salesbook-result"
VERSION = 2
CLEAR_NONE, CLEAR_BELOW, CLEAR_SHEET = 0, 1, 2
_EPOCH = dt.datetime.combine(EXCEL_EPOCH_1900, dt.time())  # serial days from 1900-03-01 on
_ESCAPED = re.compile(r"[^ -\[\]-~]")  # all but printable ASCII less the backslash
_CODE_UNIT = re.compile(r"\\u([0-9A-F]{4})")


@dataclass
class Block:
    """Values for one range of the open workbook."""

    sheet: str  # the target sheet's name
    cell: str  # its top-left cell
    rows: list[list[Any]]
    formats: list[str] = field(default_factory=list)  # per column; "" keeps the cell's
    header: int = 0  # leading rows (headers) that take no number format
    clear: int = CLEAR_NONE

    @property
    def size(self) -> tuple[int, int]:
        return len(self.rows), max((len(r) for r in self.rows), default=0)


def write_result(path: Path, *, ok: bool, message: str, open_path: Path | None = None,
                 blocks: Iterable[Block] = ()) -> Path:
    """Write the result file atomically."""
    lines = [f"{MAGIC}\t{VERSION}", f"ok\t{1 if ok else 0}", f"message\t{escape(message)}",
             f"open\t{escape(str(open_path)) if open_path else ''}"]
    for b in blocks:
        n_rows, n_cols = b.size
        if not (n_rows and n_cols):
            continue
        lines.append("\t".join(["copy", escape(b.sheet), escape(b.cell), str(n_rows),
                                str(n_cols), str(b.header), str(b.clear)]))
        formats = (list(b.formats) + [""] * n_cols)[:n_cols]
        lines.append("\t".join(escape(f) for f in formats))
        lines += ["\t".join(field_text(v) for v in (list(row) + [None] * n_cols)[:n_cols])
                  for row in b.rows]
    lines.append("end")
    with atomic_output(Path(path)) as tmp:
        tmp.write_bytes(("\r\n".join(lines) + "\r\n").encode("ascii"))
    return Path(path)


def escape(text: str) -> str:
    """`text` in printable ASCII: every other character (and the backslash) as \\uXXXX."""
    text = clean_text(text)
    return _ESCAPED.sub(_code_units, text) if _ESCAPED.search(text) else text


def _code_units(m: re.Match[str]) -> str:
    units = m.group().encode("utf-16-be")
    return "".join(f"\\u{units[i]:02X}{units[i + 1]:02X}" for i in range(0, len(units), 2))


def unescape(text: str) -> str:
    """The inverse of `escape`."""
    if "\\" not in text:
        return text
    units = _CODE_UNIT.sub(lambda m: chr(int(m.group(1), 16)), text)
    return units.encode("utf-16", "surrogatepass").decode("utf-16")


def field_text(v: Any) -> str:
    """One value as a tagged field."""
    if v is None:
        return ""
    if hasattr(v, "item"):  # numpy scalars
        v = v.item()
    if isinstance(v, bool):
        return "b1" if v else "b0"
    if isinstance(v, (int, float)):
        return f"n{v!r}" if math.isfinite(v) else ""
    if isinstance(v, dt.datetime):
        return f"d{(v - _EPOCH) / dt.timedelta(days=1)!r}"
    if isinstance(v, dt.date):
        return f"d{(v - EXCEL_EPOCH_1900).days}"
    if isinstance(v, dt.time):
        return f"n{(v.hour * 3600 + v.minute * 60 + v.second) / 86400!r}"
    if isinstance(v, dt.timedelta):  # calamine's reading of a time of day
        return f"n{v.total_seconds() / 86400!r}"
    text = escape(str(v))
    return f"s{text}" if text else ""


def field_value(text: str) -> Any:
    """The inverse of `field_text` (a whole day comes back as a date, as calamine reads it,
    else as a datetime)."""
    if not text:
        return None
    tag, rest = text[0], text[1:]
    if tag == "s":
        return unescape(rest)
    if tag == "n":
        return int(rest) if rest.lstrip("-").isdigit() else float(rest)
    if tag == "d":
        when = _EPOCH + dt.timedelta(days=float(rest))
        return when.date() if when.time() == dt.time() else when
    if tag == "b":
        return rest == "1"
    raise ValueError(f"unknown field {text[:20]!r}")


def read_result(path: Path) -> dict[str, Any]:
    """The result file back as {ok, message, open, blocks: [Block]} (tests, xlwings)."""
    lines = Path(path).read_bytes().decode("ascii").split("\r\n")
    if lines[0] != f"{MAGIC}\t{VERSION}" or "end" not in lines:
        raise ValueError(f"{path} is not a complete salesbook result")
    out: dict[str, Any] = {"blocks": []}
    i = 1
    while lines[i] != "end":
        key, *rest = lines[i].split("\t")
        i += 1
        if key == "copy":
            sheet, cell, n_rows, n_cols, header, clear = rest
            formats = [unescape(f) for f in lines[i].split("\t")]
            rows = [[field_value(f) for f in line.split("\t")][:int(n_cols)]
                    for line in lines[i + 1:i + 1 + int(n_rows)]]
            out["blocks"].append(Block(unescape(sheet), unescape(cell), rows, formats,
                                       int(header), int(clear)))
            i += 1 + int(n_rows)
        else:
            out[key] = unescape(rest[0]) if rest else ""
    out["ok"] = out.get("ok") == "1"
    out["open"] = out.get("open") or None
    return out


# -- reading blocks out of a workbook a job wrote ----------------------------------------
def sheet_grid(path: Path, names: Iterable[str]) -> tuple[str, list[list[Any]]]:
    """(name, cells) of the first sheet of `path` whose name matches one of `names`."""
    book = calamine.CalamineWorkbook.from_path(str(path))
    try:
        found = {label_key(n): n for n in book.sheet_names}
        for wanted in names:
            name = found.get(label_key(wanted))
            if name is not None:
                return name, book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    finally:
        book.close()
    raise KeyError(f"{path.name} has none of the sheets {list(names)}")


def table_block(grid: list[list[Any]], table: Table, target_sheet: str, *,
                with_header: bool = False, clear: int = CLEAR_NONE) -> Block:
    """The table's rows as written (its header too with `with_header`), down to the first
    empty row, as a block for the same cells of `target_sheet`."""
    c0, width = table.first_col - 1, len(table.columns)
    first = table.header_row if with_header else table.first_data_row
    rows = []
    for r in range(first - 1, len(grid)):
        row = (list(grid[r][c0:c0 + width]) + [None] * width)[:width]
        row = [None if v == "" else v for v in row]
        if r >= table.first_data_row - 1 and all(v is None for v in row):
            break
        rows.append(row)
    if not rows and clear:  # nothing to show: one empty row, so the old rows go
        rows = [[None] * width]
    return Block(target_sheet, cell_ref(first, table.first_col), rows,
                 [_format(c) for c in table.columns], header=1 if with_header else 0,
                 clear=clear)


def _format(column: Any) -> str:
    fmt = column.number_format
    return "" if fmt in ("General", "@") else fmt




def stamped_template(path: Path) -> str | None:
    """The template id a workbook is stamped with (e.g. `salesbook.rep_weekly`)."""
    return stamped(path, "salesbook_template")


__all__ = ["CLEAR_BELOW", "CLEAR_NONE", "CLEAR_SHEET", "MAGIC", "Block", "read_result",
           "sheet_grid", "stamped_template", "table_block", "write_result"]
