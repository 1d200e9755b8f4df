"""The vocabulary the schema is written in.

Every workbook the product reads or writes is described with these few frozen
dataclasses, so that templates, readers, writers and docs all derive from one
description and cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

LANGS = ("zh", "en")


class ColType(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    MONEY = "money"
    PERCENT = "percent"
    DATE = "date"
    TIME = "time"
    ENUM = "enum"
    BOOL = "bool"


DEFAULT_FORMATS: dict[ColType, str] = {
    ColType.TEXT: "@",
    ColType.INTEGER: "#,##0",
    ColType.NUMBER: "0.0",
    ColType.MONEY: "#,##0.00",
    ColType.PERCENT: "0.0%",
    ColType.DATE: "yyyy-mm-dd",
    ColType.TIME: "hh:mm",
    ColType.ENUM: "@",
    ColType.BOOL: "@",
}

DEFAULT_WIDTHS: dict[ColType, float] = {
    ColType.TEXT: 18,
    ColType.INTEGER: 10,
    ColType.NUMBER: 10,
    ColType.MONEY: 13,
    ColType.PERCENT: 10,
    ColType.DATE: 12,
    ColType.TIME: 9,
    ColType.ENUM: 14,
    ColType.BOOL: 8,
}


@dataclass(frozen=True)
class Labelled:
    """Something with a key and a label in each language; `aliases` are earlier labels it
    is still recognised by (workbooks made from an older template), never shown."""

    key: str
    zh: str
    en: str

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    @property
    def names(self) -> tuple[str, ...]:
        """Every name a reader accepts for it: key, labels, then earlier labels."""
        return (self.key, self.zh, self.en, *getattr(self, "aliases", ()))


@dataclass(frozen=True)
class Choice(Labelled):
    """One allowed value of an enum column; `flags` mark domain meaning (e.g. 'effective')."""

    flags: frozenset[str] = frozenset()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Column(Labelled):
    """A column of a table. `formula` marks a computed column the reader never takes as input."""

    type: ColType = ColType.TEXT
    required: bool = False
    choices: tuple[Choice, ...] = ()
    choices_from: str | None = None  # "sheet_key.table_key.column_key" feeding the dropdown
    fmt: str | None = None
    width: float | None = None
    formula: str | None = None
    total: bool = False  # summed in the table's total row
    # shown in red below this: a number (achievement under 1.0 = 100%), or the key of a
    # column in the same row or a field of the sheet (achievement behind time progress)
    alert_below: float | str | None = None
    help_zh: str = ""
    help_en: str = ""
    aliases: tuple[str, ...] = ()
    wrap: bool = False  # long text wraps in the cell (always so for columns 24 wide or more)

    @property
    def wraps(self) -> bool:
        return self.type in (ColType.TEXT, ColType.ENUM) and (self.wrap or self.col_width >= 24)

    @property
    def number_format(self) -> str:
        return self.fmt or DEFAULT_FORMATS[self.type]

    @property
    def col_width(self) -> float:
        return self.width or DEFAULT_WIDTHS[self.type]

    @property
    def is_input(self) -> bool:
        return self.formula is None

    def choice(self, key: str) -> Choice:
        for c in self.choices:
            if c.key == key:
                return c
        raise KeyError(f"{self.key}: no choice {key!r}")

@dataclass(frozen=True)
class Field(Column):
    """A single labelled cell: the label sits in the cell left of `cell`, the value in `cell`."""

    cell: str = "B1"
    merge_to: str | None = None  # last cell of a merged value area (e.g. a comment box)
    default: object = None


@dataclass(frozen=True)
class Table(Labelled):
    """A header row with typed columns; data runs down to the total row or the sheet end."""

    header_row: int = 1  # 1-based Excel row of the header
    first_col: int = 1  # 1-based Excel column of the first column
    columns: tuple[Column, ...] = ()
    rows: int = 30  # pre-formatted input rows in the template
    total_row: bool = False
    output: bool = False  # filled by the product, not typed by people
    defaults: tuple[dict, ...] = ()  # rows the template comes pre-filled with (keys -> values)
    printed: bool = True  # False: a detail list kept outside the print area

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(f"table {self.key}: no column {key!r}")

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1

    @property
    def last_template_row(self) -> int:
        return self.header_row + self.rows

    @property
    def total_row_number(self) -> int | None:
        return self.last_template_row + 1 if self.total_row else None

    def col_letter(self, key: str) -> str:
        return col_letter(self.first_col + [c.key for c in self.columns].index(key))


@dataclass(frozen=True)
class Sheet(Labelled):
    """A worksheet: its names in both languages, single-cell fields and tables."""

    title_zh: str = ""
    title_en: str = ""
    fields: tuple[Field, ...] = ()
    tables: tuple[Table, ...] = ()
    role: str = "input"  # input | settings | output | library
    day: int | None = None  # 0=Monday for the per-day tabs
    kind: str | None = None  # shared layout of repeated sheets, e.g. "plan" / "report"
    signoff: tuple[Field, ...] = ()
    landscape: bool = True
    aliases: tuple[str, ...] = ()

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def table(self, key: str) -> Table:
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(f"sheet {self.key}: no table {key!r}")

    def field(self, key: str) -> Field:
        for f in (*self.fields, *self.signoff):
            if f.key == key:
                return f
        raise KeyError(f"sheet {self.key}: no field {key!r}")

    @property
    def all_fields(self) -> tuple[Field, ...]:
        return (*self.fields, *self.signoff)


@dataclass(frozen=True)
class WorkbookSpec(Labelled):
    """A whole workbook: its sheets, the file name per language and the template stamp."""

    file_zh: str = ""
    file_en: str = ""
    sheets: tuple[Sheet, ...] = ()
    version: str = "1.0"
    description_zh: str = ""
    description_en: str = ""

    def filename(self, lang: str) -> str:
        return self.file_zh if lang == "zh" else self.file_en

    def sheet(self, key: str) -> Sheet:
        for s in self.sheets:
            if s.key == key:
                return s
        raise KeyError(f"workbook {self.key}: no sheet {key!r}")

    def sheets_of_kind(self, kind: str) -> tuple[Sheet, ...]:
        return tuple(s for s in self.sheets if s.kind == kind)

    @property
    def template_id(self) -> str:
        return f"salesbook.{self.key}"


_CELL_RE = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]+)$")


def col_letter(n: int) -> str:
    """1 -> A, 27 -> AA."""
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def col_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def split_cell(ref: str) -> tuple[int, int]:
    """'B3' -> (row 3, column 2), both 1-based."""
    m = _CELL_RE.match(ref.upper())
    if not m:
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(m.group(2)), col_number(m.group(1))


def cell_ref(row: int, col: int) -> str:
    return f"{col_letter(col)}{row}"
