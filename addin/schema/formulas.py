"""Turn the schema's formula templates into Excel formulas for one language.

Templates name things by key ({f:week_start}, {c:order_amount}) so that a formula never
hard-codes a cell address or a sheet name that differs between zh and en.
"""

from __future__ import annotations

import re

from .model import Sheet, WorkbookSpec, col_letter, split_cell

_TOKEN = re.compile(r"\{([^{}]+)\}")


def _abs(ref: str) -> str:
    row, col = split_cell(ref)
    return f"${col_letter(col)}${row}"


def quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def column_range(sheet: Sheet, key: str) -> str:
    for table in sheet.tables:
        for column in table.columns:
            if column.key == key:
                letter = table.col_letter(key)
                return f"${letter}${table.first_data_row}:${letter}${table.last_template_row}"
    raise KeyError(f"sheet {sheet.key}: no table column {key!r}")


def _choice_label(sheet: Sheet, column_key: str, choice_key: str, lang: str) -> str:
    columns = [c for t in sheet.tables for c in t.columns] + list(sheet.all_fields)
    for column in columns:
        if column.key == column_key:
            return '"' + column.choice(choice_key).label(lang).replace('"', '""') + '"'
    raise KeyError(f"sheet {sheet.key}: no column {column_key!r}")


def render_formula(wb: WorkbookSpec, sheet: Sheet, template: str, lang: str) -> str:
    def sub(m: re.Match) -> str:
        token = m.group(1)
        if token == "day":
            return str(sheet.day or 0)
        if token == "lang":
            return lang
        kind, _, rest = token.partition(":")
        if kind == "f":
            return _abs(sheet.field(rest).cell)
        if kind == "c":
            return column_range(sheet, rest)
        if kind == "s":
            other_key, _, inner = rest.partition("!")
            other = wb.sheet(other_key)
            inner_kind, _, inner_key = inner.partition(":")
            if inner_kind != "f":
                raise ValueError(f"cross-sheet reference must name a field: {token}")
            return f"{quote_sheet(other.label(lang))}!{_abs(other.field(inner_key).cell)}"
        if kind == "choice":
            column_key, _, choice_key = rest.partition(":")
            return _choice_label(sheet, column_key, choice_key, lang)
        raise ValueError(f"unknown formula token {{{token}}}")

    return _TOKEN.sub(sub, template)
