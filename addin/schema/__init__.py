"""The one schema: every workbook, sheet, table, column and single-cell field the product
reads or writes. Templates are generated from it, readers map headers through it and the
docs' field tables are printed from it; no column name is typed anywhere else."""

from __future__ import annotations

from .customers import CUSTOMER_MASTER
from .formulas import render_formula
from .history_import import HISTORY_IMPORT
from .metrics import RATIOS, ROLLUP_METRICS
from .model import (
    LANGS,
    Choice,
    ColType,
    Column,
    Field,
    Sheet,
    Table,
    WorkbookSpec,
    cell_ref,
    col_letter,
    split_cell,
)
from .monthly import MONTHLY
from .plan_overview import PLAN_OVERVIEW
from .rep_weekly import REP_WEEKLY
from .targets import TARGETS
from .team import TEAM_WEEKLY

SCHEMA_VERSION = "1.0"
META_SHEET = "_salesbook"  # hidden sheet carrying the template id, version and language

WORKBOOKS: dict[str, WorkbookSpec] = {
    wb.key: wb for wb in (CUSTOMER_MASTER, TARGETS, REP_WEEKLY, TEAM_WEEKLY, MONTHLY,
                          PLAN_OVERVIEW, HISTORY_IMPORT)
}


def workbook(key: str) -> WorkbookSpec:
    try:
        return WORKBOOKS[key]
    except KeyError:
        raise KeyError(f"no workbook {key!r}; known: {', '.join(WORKBOOKS)}") from None


def _column_dict(c: Column) -> dict:
    d = {
        "key": c.key, "zh": c.zh, "en": c.en, "type": str(c.type), "required": c.required,
        "format": c.number_format, "computed": c.formula is not None,
    }
    if c.choices:
        d["choices"] = [
            {"key": ch.key, "zh": ch.zh, "en": ch.en,
             **({"flags": sorted(ch.flags)} if ch.flags else {})}
            for ch in c.choices
        ]
    if c.choices_from:
        d["choices_from"] = c.choices_from
    if c.help_en:
        d["help"] = c.help_en
    return d


def schema_dict() -> dict:
    """The whole schema as plain data, for `salesbook schema --json`."""
    out = {"schema_version": SCHEMA_VERSION, "meta_sheet": META_SHEET, "workbooks": []}
    for wb in WORKBOOKS.values():
        sheets = []
        for s in wb.sheets:
            sheets.append({
                "key": s.key, "zh": s.zh, "en": s.en, "role": s.role,
                **({"day": s.day} if s.day is not None else {}),
                "fields": [{**_column_dict(f), "cell": f.cell} for f in s.all_fields],
                "tables": [
                    {
                        "key": t.key, "zh": t.zh, "en": t.en, "header_row": t.header_row,
                        "first_column": col_letter(t.first_col), "output": t.output,
                        "template_rows": t.rows,
                        **({"total_row": t.total_row_number} if t.total_row else {}),
                        "columns": [
                            {**_column_dict(c), "column": t.col_letter(c.key)} for c in t.columns
                        ],
                    }
                    for t in s.tables
                ],
            })
        out["workbooks"].append({
            "key": wb.key, "zh": wb.zh, "en": wb.en, "template_id": wb.template_id,
            "version": wb.version, "files": {"zh": wb.file_zh, "en": wb.file_en},
            "sheets": sheets,
        })
    return out


__all__ = [
    "LANGS", "META_SHEET", "RATIOS", "ROLLUP_METRICS", "SCHEMA_VERSION", "WORKBOOKS", "Choice",
    "ColType", "Column", "Field", "Sheet", "Table", "WorkbookSpec", "cell_ref", "col_letter",
    "render_formula", "schema_dict", "split_cell", "workbook",
]
