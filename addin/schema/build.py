"""Small constructors that keep the workbook definitions short and regular."""

from __future__ import annotations

import dataclasses

from .model import Choice, ColType, Column, Field, split_cell

T = ColType


def col(key: str, zh: str, en: str, type: ColType = T.TEXT, **kw) -> Column:
    return Column(key, zh, en, type=type, **kw)


def enum(key: str, zh: str, en: str, choices: tuple[Choice, ...], **kw) -> Column:
    return Column(key, zh, en, type=T.ENUM, choices=choices, **kw)


def flag(key: str, zh: str, en: str, **kw) -> Column:
    """A yes/no column: a dropdown of 是/否 (Yes/No), read as a boolean."""
    from .vocab import YES_NO

    return Column(key, zh, en, type=T.BOOL, choices=YES_NO, **kw)


def fld(key: str, zh: str, en: str, cell: str, type: ColType = T.TEXT, **kw) -> Field:
    return Field(key, zh, en, type=type, cell=cell, **kw)


def as_field(column: Column, cell: str, **changes: object) -> Field:
    """A shared column as a single labelled cell (same key and labels)."""
    values = {f.name: getattr(column, f.name) for f in dataclasses.fields(Column)}
    return Field(**{**values, **changes}, cell=cell)


def grid(specs: list[tuple | Column], first_row: int, pairs: int = 4) -> tuple[Field, ...]:
    """Lay fields out in label/value pairs, `pairs` to a row: A=label B=value, C=label D=value...
    A spec is (key, zh, en, type[, options]) or a shared Column (with options: (column, {}))."""
    out = []
    for i, spec in enumerate(specs):
        row = first_row + i // pairs
        cell = f"{chr(64 + 2 + 2 * (i % pairs))}{row}"
        if isinstance(spec, Column):
            out.append(as_field(spec, cell))
        elif isinstance(spec[0], Column):
            out.append(as_field(spec[0], cell, **spec[1]))
        else:
            key, zh, en, type, *rest = spec
            out.append(fld(key, zh, en, cell, type, **(rest[0] if rest else {})))
    return tuple(out)


def below(fields: tuple[Field, ...]) -> int:
    """First row under a block of fields (for laying out what comes next)."""
    return max(split_cell(f.cell)[0] for f in fields) + 1
