"""Read a filled workbook into typed DataFrames plus a list of problems.

Everything is found through the schema: sheets by their zh or en name (or key), single
fields by their label, tables by their header row, columns by header text. So a sheet
whose header was moved down, or whose columns were reordered, still reads; a cell that
cannot be read is a Problem naming file, sheet and cell, never a silent zero.
"""

from __future__ import annotations

import functools
import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import python_calamine as calamine

from ..catalogue import Message, msg
from ..problems import Problem, Severity
from ..schema import (
    LANGS,
    META_SHEET,
    WORKBOOKS,
    ColType,
    Column,
    Sheet,
    Table,
    WorkbookSpec,
    cell_ref,
    split_cell,
)
from ..schema.model import col_letter
from ..schema.vocab import TOTAL_LABEL
from .values import (
    FALSE_WORDS,
    TRUE_WORDS,
    CellValueError,
    choice_index,
    coerce,
    fold_label,
    label_key,
)
from .xlsx_scan import (
    MAX_COLS,
    MAX_ROWS,
    BoundedReader,
    PackageError,
    PackageScan,
    SheetScan,
    scan_package,
)

if TYPE_CHECKING:  # pandas is imported where frames are built: reading needs none of it
    import pandas as pd

HEADER_SEARCH = 40  # rows below a table's expected header row searched for it
ROW_KEY = "_row"  # Excel row number of every table row, for traceable messages

_FLAG_WORDS = {**dict.fromkeys(TRUE_WORDS, True), **dict.fromkeys(FALSE_WORDS, False)}
_TOTAL_KEYS = frozenset({label_key(v) for v in TOTAL_LABEL.values()} | {"小计", "subtotal",
                                                                        "total"})

_DTYPES = {
    ColType.INTEGER: "Int64",
    ColType.NUMBER: "float64",
    ColType.MONEY: "float64",
    ColType.PERCENT: "float64",
    ColType.BOOL: "boolean",
}


@dataclass
class RawTable:
    """A table as read: column key -> values, and the Excel row of each value.

    Batch jobs concatenate these across hundreds of files and build one DataFrame at the
    end, which is much faster than a DataFrame per sheet."""

    table: Table
    columns: dict[str, list]
    rows: list[int]

    def frame(self) -> pd.DataFrame:
        return _frame(self.table, self.columns, self.rows)


@dataclass
class SheetData:
    key: str
    name: str  # the sheet's name in the file
    fields: dict[str, Any] = field(default_factory=dict)
    field_cells: dict[str, str] = field(default_factory=dict)  # key -> where it was read
    raw: dict[str, RawTable] = field(default_factory=dict)
    column_letters: dict[str, dict[str, str]] = field(default_factory=dict)  # table -> key -> A
    hidden: bool = False
    _frames: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Typed DataFrames (columns are schema keys plus `_row`), built on first use."""
        for key, raw in self.raw.items():
            if key not in self._frames:
                self._frames[key] = raw.frame()
        return self._frames


@dataclass
class WorkbookData:
    path: Path
    spec: WorkbookSpec | None
    lang: str | None = None
    template_id: str | None = None
    version: str | None = None
    sheets: dict[str, SheetData] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True

    def table(self, sheet_key: str, table_key: str) -> pd.DataFrame | None:
        sheet = self.sheets.get(sheet_key)
        return None if sheet is None else sheet.tables.get(table_key)

    def fields(self, sheet_key: str) -> dict[str, Any]:
        sheet = self.sheets.get(sheet_key)
        return {} if sheet is None else sheet.fields


class _Context:
    """What one read needs to report a problem in the right words and place."""

    def __init__(self, path: Path, data: WorkbookData, name: str | None = None):
        self.file = name or path.name
        self.data = data

    def add(self, severity: Severity, sheet: str, cell: str, code: str, **kw: Any) -> None:
        self.data.problems.append(Problem(severity, self.file, sheet, cell, msg(code, **kw)))


def empty_frame(table: Table) -> pd.DataFrame:
    return _frame(table, {c.key: [] for c in table.columns}, [])


def _frame(table: Table, columns: dict[str, list], rows: list[int]) -> pd.DataFrame:
    import pandas as pd

    data = {}
    for column in table.columns:
        values = columns.get(column.key)
        if values is None:
            values = [None] * len(rows)
        if column.type == ColType.DATE:
            data[column.key] = pd.to_datetime(pd.Series(values, dtype="object"))
        elif column.type in _DTYPES:
            data[column.key] = pd.Series(values, dtype=_DTYPES[column.type])
        else:
            data[column.key] = pd.Series(values, dtype="object")
    data[ROW_KEY] = pd.Series(rows, dtype="int64")
    return pd.DataFrame(data)


def _grid_value(grid: list[list[Any]], row: int, col: int) -> Any:
    """Value at 1-based (row, col) of a calamine grid, or None."""
    if 0 < row <= len(grid):
        line = grid[row - 1]
        if 0 < col <= len(line):
            v = line[col - 1]
            return None if v == "" else v
    return None


def _read_value(ctx: _Context, scan: SheetScan | None, sheet_name: str, row: int, col: int,
                column: Column, raw: Any, epoch_1904: bool) -> Any:
    """`scan` is given only when this row holds an error cell or an uncached formula."""
    if raw == "":
        raw = None
    if scan is not None:
        ref = cell_ref(row, col)
        if ref in scan.errors:
            ctx.add(Severity.ERROR, sheet_name, ref, "cell.formula_error", label=column,
                    error=scan.errors[ref])
            return None
        if ref in scan.uncached and raw is None:
            ctx.add(Severity.ERROR, sheet_name, ref, "cell.formula_uncached",
                    label=column)
            return None
    try:
        return coerce(raw, column, epoch_1904=epoch_1904)
    except CellValueError as e:
        ctx.add(Severity.ERROR, sheet_name, cell_ref(row, col), "cell.bad_value",
                label=column, detail=e.message)
    except (ArithmeticError, TypeError, ValueError):  # a value no parser foresaw
        ctx.add(Severity.ERROR, sheet_name, cell_ref(row, col), "cell.bad_value",
                label=column, detail=repr(str(raw)[:40]))
    return None


def _fast_kind(column: Column) -> str:
    if column.type in (ColType.MONEY, ColType.NUMBER, ColType.PERCENT):
        return "float"
    if column.type == ColType.TEXT or (column.type == ColType.ENUM and not column.choices):
        return "text"
    if column.type == ColType.ENUM:
        return "enum"
    if column.type == ColType.BOOL:
        return "flag"
    return "other"


_FIELD_PLACES: dict[int, list[tuple[Any, int, int, frozenset[str]]]] = {}
_WANTED: dict[int, dict[str, str]] = {}


def _field_places(sheet: Sheet) -> list[tuple[Any, int, int, frozenset[str]]]:
    """(field, row, column, label keys) of a sheet's input fields, worked out once."""
    places = _FIELD_PLACES.get(id(sheet))
    if places is None:
        places = []
        for f in sheet.all_fields:
            if not f.formula:
                row, col = split_cell(f.cell)
                keys = frozenset(label_key(x) for x in f.names)  # earlier labels too
                places.append((f, row, col, keys))
        _FIELD_PLACES[id(sheet)] = places
    return places


def _read_fields(ctx: _Context, sheet: Sheet, grid: list[list[Any]], out: SheetData,
                 scan: SheetScan | None, epoch_1904: bool) -> None:
    index: dict[str, tuple[int, int]] | None = None
    for f, row, col, keys in _field_places(sheet):
        label = _grid_value(grid, row, col - 1)
        if not (isinstance(label, str) and label_key(label) in keys):
            if index is None:  # the label moved: find it anywhere on the sheet
                index = {}
                for r, line in enumerate(grid[:200], start=1):
                    for c, v in enumerate(line[:60], start=1):
                        if isinstance(v, str) and v:
                            index.setdefault(label_key(v), (r, c))
            found = next((index[k] for k in map(label_key, f.names) if k in index), None)
            if found is None:
                if f.required:
                    ctx.add(Severity.ERROR, out.name, f.cell, "sheet.field_missing",
                            label=f)
                continue
            row, col = found[0], found[1] + 1
        raw = _grid_value(grid, row, col)
        value = _read_value(ctx, scan, out.name, row, col, f, raw, epoch_1904)
        out.fields[f.key] = value
        out.field_cells[f.key] = cell_ref(row, col)


def _header_mapping(line: list[Any], wanted: dict[str, str]) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for c, v in enumerate(line[:MAX_COLS], start=1):
        key = wanted.get(label_key(v)) if isinstance(v, str) and v else None
        if key is not None and key not in mapping.values():
            mapping[c] = key
    return mapping


def _find_header(grid: list[list[Any]], table: Table, start: int, stop: int
                 ) -> tuple[int, dict[int, str]] | None:
    """The header row (1-based) and column index -> key, matched by label in any language."""
    wanted = _WANTED.get(id(table))
    if wanted is None:
        wanted = {}
        for column in table.columns:
            for k in map(label_key, column.names):
                wanted.setdefault(k, column.key)
        _WANTED[id(table)] = wanted
    needed = max(2, (len(table.columns) + 1) // 2) if len(table.columns) > 2 else 1
    expected = table.header_row
    if expected <= len(grid):  # the usual case: the header is where the template put it
        mapping = _header_mapping(grid[expected - 1], wanted)
        if len(mapping) == len(table.columns):
            return expected, mapping
    best: tuple[int, dict[int, str]] | None = None
    for r in range(max(start, 1), min(stop, len(grid)) + 1):
        mapping = _header_mapping(grid[r - 1], wanted)
        if best is None or len(mapping) > len(best[1]):
            best = (r, mapping)
    return best if best is not None and len(best[1]) >= needed else None


def _read_table(ctx: _Context, table: Table, grid: list[list[Any]], out: SheetData,
                scan: SheetScan | None, epoch_1904: bool, stop_row: int | None,
                stop_keys: frozenset[str]) -> None:
    found = _find_header(grid, table, table.header_row - 5, table.header_row + HEADER_SEARCH)
    if found is None:
        ctx.add(Severity.ERROR, out.name, cell_ref(table.header_row, table.first_col),
                "sheet.table_missing", label=table)
        out.raw[table.key] = RawTable(table, {}, [])
        return
    header_row, mapping = found
    out.column_letters[table.key] = {key: col_letter(c) for c, key in mapping.items()}
    by_key = {c.key: c for c in table.columns}
    for column in table.columns:
        if column.key not in mapping.values() and column.is_input:
            if column.required:
                ctx.add(Severity.ERROR, out.name, cell_ref(header_row, table.first_col),
                        "sheet.column_missing", label=column)
            else:
                ctx.add(Severity.WARNING, out.name, cell_ref(header_row, table.first_col),
                        "sheet.column_not_found", label=column)
    columns: dict[str, list] = {key: [] for key in mapping.values()}
    rows: list[int] = []
    first_col = min(mapping) if mapping else 1
    last_row = min(len(grid), stop_row - 1 if stop_row else len(grid))
    flagged_rows = set() if scan is None else scan.flagged_rows()
    items = sorted(mapping.items())
    positions = [c - 1 for c, _ in items]
    keys = [key for _, key in items]
    cols = [by_key[key] for key in keys]
    input_positions = [p for p, col in zip(positions, cols, strict=True) if col.is_input]
    fast = [_fast_kind(col) for col in cols]
    choice_indexes = [choice_index(col) if col.choices and col.type == ColType.ENUM else None
                    for col in cols]
    out_lists = [columns[key] for key in keys]
    width = max(positions) + 1 if positions else 0
    stop_cols = slice(first_col - 1, first_col + 1)
    key_of = fold_label  # label_key for a non-empty str, without the wrapper's call
    ruled_out = _not_a_label_of(stop_keys)
    stopped = False
    for r in range(header_row + 1, last_row + 1):
        line = grid[r - 1]
        if len(line) < width:
            line = line + [None] * (width - len(line))
        for v in line[stop_cols]:
            if type(v) is str and v and not ruled_out(v) and key_of(v) in stop_keys:
                stopped = True  # the total row or the sign-off block under the table
        if stopped:
            break
        flagged = r in flagged_rows
        if not flagged:
            for p in input_positions:  # skip a row whose inputs are all blank
                v = line[p]
                if not (v is None or v == "" or (type(v) is str and not v.strip())
                        or (type(v) is float and v != v)):
                    break
            else:
                continue
        rows.append(r)
        for i, p in enumerate(positions):
            raw = line[p]
            kind = fast[i]
            if not flagged:  # the common cases, decided without a function call per cell
                if raw is None or raw == "":
                    out_lists[i].append(None)
                    continue
                if kind == "float" and type(raw) is float:
                    out_lists[i].append(raw)
                    continue
                if kind == "text" and type(raw) is str:
                    text = raw.strip()
                    out_lists[i].append(text or None)
                    continue
                if kind == "enum" and type(raw) is str:
                    found = choice_indexes[i].get(label_key(raw))
                    if found is not None:
                        out_lists[i].append(found)
                        continue
                if kind == "flag" and type(raw) is str:
                    flag = _FLAG_WORDS.get(label_key(raw))
                    if flag is not None:
                        out_lists[i].append(flag)
                        continue
            out_lists[i].append(_read_value(ctx, scan if flagged else None, out.name, r, p + 1,
                                            cols[i], raw, epoch_1904))
    if scan is not None and scan.hidden_rows:
        hidden = sorted(scan.hidden_rows.intersection(rows))
        if hidden:
            ctx.add(Severity.WARNING, out.name, f"A{hidden[0]}", "sheet.rows_hidden",
                    rows=_spans(hidden))
    out.raw[table.key] = RawTable(table, columns, rows)


@functools.lru_cache(maxsize=64)
def _not_a_label_of(keys: frozenset[str]) -> Any:
    """A test that is true for text which cannot fold into any of `keys`: it holds an
    ASCII letter or digit that none of them has (folding keeps ASCII letters and digits,
    lower-cased). Rows of IDs and names are ruled out without folding each one."""
    used = {ch for k in keys for ch in k}
    ascii_alnum = string.ascii_letters + string.digits
    ruled = "".join(ch for ch in ascii_alnum if ch.lower() not in used)
    return re.compile(f"[{re.escape(ruled)}]").search if ruled else (lambda v: None)


def _spans(rows: list[int]) -> str:
    """[3, 4, 5, 9] -> '3-5, 9'."""
    parts, start = [], None
    for i, r in enumerate(rows):
        if start is None:
            start = r
        if i + 1 == len(rows) or rows[i + 1] != r + 1:
            parts.append(str(start) if start == r else f"{start}-{r}")
            start = None
    return ", ".join(parts)


def _identify(names: list[str], spec: WorkbookSpec | None, data: WorkbookData,
              grid_of: Any) -> WorkbookSpec | None:
    meta = next((n for n in names if n == META_SHEET), None)
    if meta is not None:
        try:
            pairs = {str(r[0]): str(r[1]) for r in grid_of(meta)[:50] if len(r) >= 2}
        except Exception:  # a damaged stamp is the same as none
            pairs = {}
        data.template_id = pairs.get("template_id")
        data.version = pairs.get("version")
        if pairs.get("lang") in LANGS:
            data.lang = pairs["lang"]
    if spec is None and data.template_id:
        spec = next((w for w in WORKBOOKS.values() if w.template_id == data.template_id), None)
    keys = {label_key(n) for n in names}
    if spec is None:  # no stamp: the workbook whose sheet names match best
        score = {w.key: sum(1 for s in w.sheets if {label_key(s.zh), label_key(s.en)} & keys)
                 for w in WORKBOOKS.values()}
        best = max(score, key=score.get)
        spec = WORKBOOKS[best] if score[best] >= 2 else None
    if spec is not None and data.lang is None:
        zh = sum(1 for s in spec.sheets if label_key(s.zh) in keys)
        en = sum(1 for s in spec.sheets if label_key(s.en) in keys)
        data.lang = "zh" if zh >= en else "en"
    return spec


def read_workbook(path: str | Path, spec: WorkbookSpec | str | None = None, *,
                  sheets: set[str] | None = None, include_outputs: bool = False,
                  name: str | None = None) -> WorkbookData:
    """Read `path` through the schema. Never raises for bad content: see `.problems`.

    `spec` names the expected workbook (or None to recognise it by its stamp or sheet
    names); `sheets` limits reading to those sheet keys; output tables are skipped unless
    `include_outputs`; `name` is how problems name the file (default: its name).
    """
    path = Path(path)
    if isinstance(spec, str):
        spec = WORKBOOKS[spec]
    data = WorkbookData(path=path, spec=spec)
    ctx = _Context(path, data, name)
    try:
        scan = scan_package(path)
        book = calamine.CalamineWorkbook.from_path(str(path))
    except PackageError as e:
        ctx.add(Severity.ERROR, "", "", "file.unreadable", detail=e.message)
        data.readable = False
        return data
    except BaseException as e:  # calamine's parse errors (and panics: BaseException)
        if not recoverable(e):
            raise
        detail = _calamine_error(e)
        ctx.add(Severity.ERROR, "", "", "file.unreadable" if isinstance(detail, Message)
                else "file.unreadable_raw", detail=detail)
        data.readable = False
        return data
    bounded = BoundedReader(path)
    try:
        return _read_sheets(ctx, data, book, scan, bounded, spec, sheets, include_outputs)
    finally:
        bounded.close()
        book.close()


def recoverable(e: BaseException) -> bool:
    """Whether reading can go on after `e`: any error, and python-calamine's
    PanicException (which derives from BaseException), but not an interrupt or exit."""
    return not isinstance(e, (KeyboardInterrupt, SystemExit, GeneratorExit))


def _calamine_error(e: BaseException) -> Message | str:
    text = str(e)
    if "declared uncompressed size" in text:  # a part that lies about its size
        return msg("file.damaged")
    if "entity" in text.lower():
        return msg("file.entity", detail=text[:80])
    return f"{type(e).__name__}: {text[:300]}"


def _grid(ctx: _Context, book: Any, scan: PackageScan, bounded: BoundedReader, name: str
          ) -> tuple[list[list[Any]], SheetScan] | None:
    """The sheet's cells (at most MAX_ROWS x MAX_COLS) and its scan; None when unreadable.
    calamine reads sheets proven small and plain; any other goes through the bounded
    reader, and a value left outside the area is reported, never dropped silently."""
    sheet_scan = scan.sheets.get(name)
    try:
        if sheet_scan is not None and not sheet_scan.bounded:
            try:
                grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False,
                                                              nrows=MAX_ROWS)
                return grid, sheet_scan
            except BaseException as e:  # calamine gave up (a date beyond its calendar
                if not recoverable(e):  # panics): the bounded reader reads it instead
                    raise
        state = sheet_scan.state if sheet_scan is not None else "visible"
        found = bounded.read(name, state)
        if sheet_scan is not None:
            found.scan.hidden_rows = sheet_scan.hidden_rows
    except BaseException as e:
        if not recoverable(e):
            raise
        ctx.add(Severity.ERROR, name, "", "sheet.unreadable",
                detail=_calamine_error(e))
        return None
    if found.cut:
        ctx.add(Severity.ERROR, name, found.beyond, "sheet.rows_cut", rows=f"{MAX_ROWS:,}")
    elif found.beyond:
        ctx.add(Severity.WARNING, name, found.beyond, "sheet.beyond_limits", where=found.beyond,
                rows=f"{MAX_ROWS:,}", cols=MAX_COLS)
    return found.grid, found.scan


def _read_sheets(ctx: _Context, data: WorkbookData, book: Any, scan: PackageScan,
                 bounded: BoundedReader, spec: WorkbookSpec | None, sheets: set[str] | None,
                 include_outputs: bool) -> WorkbookData:
    names = list(book.sheet_names)
    spec = _identify(names, spec, data,
                     lambda name: (_grid(ctx, book, scan, bounded, name) or ([], None))[0])
    data.spec = spec
    if spec is None:
        ctx.add(Severity.ERROR, "", "", "file.unknown_workbook")
        data.readable = False
        return data
    if data.template_id and data.template_id != spec.template_id:
        known = {w.template_id: w for w in WORKBOOKS.values()}
        ctx.add(Severity.ERROR, "", "", "file.wrong_template",
                found=known.get(data.template_id, data.template_id), expected=spec)
    elif data.version and data.version.split(".")[0] != spec.version.split(".")[0]:
        ctx.add(Severity.WARNING, "", "", "file.old_version", found=data.version,
                expected=spec.version)
    by_key = {}
    for n in names:
        by_key.setdefault(label_key(n), n)
    known = {label_key(k) for s in spec.sheets for k in (s.zh, s.en, s.key)}
    extra = [n for n in names if n != META_SHEET and label_key(n) not in known]
    for sheet in spec.sheets:
        if sheets is not None and sheet.key not in sheets:
            continue
        if sheet.role == "library" or (sheet.role == "output" and not include_outputs):
            continue
        name = next((by_key[k] for k in map(label_key, sheet.names) if k in by_key), None)
        if name is None:
            if sheet.role != "output":
                label = sheet.label(data.lang or "en")  # the name the file should have
                if extra:
                    ctx.add(Severity.ERROR, label, "", "sheet.missing_hint", name=label,
                            extra=", ".join(extra[:5]))
                else:
                    ctx.add(Severity.ERROR, label, "", "sheet.missing", name=label)
            continue
        found = _grid(ctx, book, scan, bounded, name)
        if found is None:
            continue
        grid, sheet_scan = found
        out = SheetData(sheet.key, name, hidden=sheet_scan.state != "visible")
        if out.hidden:
            ctx.add(Severity.WARNING, name, "", "sheet.hidden", name=name,
                    state=sheet_scan.state)
        _read_fields(ctx, sheet, grid, out, sheet_scan, scan.epoch_1904)
        tables = [t for t in sheet.tables if include_outputs or not t.output]
        stop_keys = _TOTAL_KEYS | frozenset(label_key(f.label(lang)) for f in sheet.signoff
                                            for lang in LANGS)
        for i, table in enumerate(tables):
            nxt = tables[i + 1].header_row if i + 1 < len(tables) else None
            _read_table(ctx, table, grid, out, sheet_scan, scan.epoch_1904, nxt, stop_keys)
        data.sheets[sheet.key] = out
    return data


def required_blanks(data: WorkbookData) -> list[tuple[str, str, Column]]:
    """(sheet name, cell, column) of every required input left blank in rows that were used."""
    found = []
    spec = data.spec
    if spec is None:
        return found
    for key, sd in data.sheets.items():
        sheet = spec.sheet(key)
        for f in sheet.all_fields:
            if f.required and f.is_input and sd.fields.get(f.key) is None and \
                    f.key in sd.field_cells:
                found.append((sd.name, sd.field_cells[f.key], f))
        for table in sheet.tables:
            df = sd.tables.get(table.key)
            if df is None or df.empty:
                continue
            for column in table.columns:
                if not (column.required and column.is_input) or column.key not in df:
                    continue
                letter = sd.column_letters[table.key][column.key]
                for r in df.loc[df[column.key].isna(), ROW_KEY]:
                    found.append((sd.name, f"{letter}{r}", column))
    return found

