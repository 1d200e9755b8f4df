"""Small constructors that keep the workbook definitions short and regular."""

from __future__ import annotations

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


def grid(specs: list[tuple], first_row: int, pairs: int = 4) -> tuple[Field, ...]:
    """Lay fields out in label/value pairs, `pairs` to a row: A=label B=value, C=label D=value..."""
    out = []
    for i, spec in enumerate(specs):
        key, zh, en, type, *rest = spec
        kw = rest[0] if rest else {}
        row = first_row + i // pairs
        value_col = 2 + 2 * (i % pairs)
        out.append(fld(key, zh, en, f"{chr(64 + value_col)}{row}", type, **kw))
    return tuple(out)


def below(fields: tuple[Field, ...]) -> int:
    """First row under a block of fields (for laying out what comes next)."""
    return max(split_cell(f.cell)[0] for f in fields) + 1
