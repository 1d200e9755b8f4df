"""Read the customer master (客户名录) for visit planning: the customers that can be
planned and the settings, each problem named by sheet and cell.

A row without a rep is left out, a blank customer ID falls back to the name, a repeated
customer is planned once (its first row); a setting out of range takes its documented
default. Nothing is guessed, and the file is only read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..catalogue import msg
from ..core import planning as core
from ..errors import InputError
from ..problems import Problem, Severity, problem
from ..schema import workbook
from .reader import ROW_KEY, WorkbookData, empty_frame, read_workbook

CUSTOMER_MASTER = workbook("customers")
CUSTOMERS = CUSTOMER_MASTER.sheet("customers")
SETTINGS = CUSTOMER_MASTER.sheet("settings")
# a day's plan tab holds this many contacts: the daily capacity can never exceed it
PLAN_ROWS = workbook("rep_weekly").sheets_of_kind("plan")[0].table("contacts").rows


@dataclass
class CustomerMaster:
    """The customer master as planning uses it."""

    path: Path
    lang: str  # the master's language (zh when it cannot be told)
    customers: pd.DataFrame  # rows that can be planned: schema keys plus `_row`
    settings: core.PlanSettings
    problems: list[Problem] = field(default_factory=list)


def read_customer_master(path: str | Path) -> CustomerMaster:
    """Read and check `path`. Raise InputError when it is no customer master at all;
    everything else is a problem listed, and planning goes on without the bad rows."""
    path = Path(path)
    if not path.exists():
        raise InputError("file.no_such_path", path=path)
    try:
        data = read_workbook(path, CUSTOMER_MASTER)
    except Exception as e:  # bad content is a problem; this is the reader failing itself
        raise InputError("plan.cannot_plan", path=path,
                         detail=f"{type(e).__name__}: {e}") from e
    if not data.readable or data.spec is None or data.spec.key != CUSTOMER_MASTER.key or \
            any(p.severity == Severity.ERROR and not p.sheet for p in data.problems):
        detail = [p.message for p in data.problems if not p.sheet] or msg("plan.not_master")
        raise InputError("plan.cannot_plan", path=path, detail=detail)
    settings, problems = _settings(data)
    customers = data.table("customers", "customers")
    if customers is None or not len(customers):
        problems.append(problem(Severity.ERROR, "plan.no_customers", path.name))
        customers = empty_frame(CUSTOMERS.table("customers"))
    customers, row_problems = _plannable(customers, data)
    return CustomerMaster(path, data.lang or "zh", customers, settings,
                          [*data.problems, *problems, *row_problems])


class _Places:
    """Where a value was read: the sheet's name in the file and a column's letter."""

    def __init__(self, data: WorkbookData, sheet_key: str):
        self.file = data.path.name
        self.data = data.sheets.get(sheet_key)
        self.sheet = self.data.name if self.data else ""

    def cell(self, table: str, column: str | None, row: object) -> str:
        letters = self.data.column_letters.get(table, {}) if self.data else {}
        letter = letters.get(column or "", "")
        return f"{letter}{row}" if letter else f"{row}"

    def field(self, key: str) -> str:
        return self.data.field_cells.get(key, "") if self.data else ""


def _settings(data: WorkbookData) -> tuple[core.PlanSettings, list[Problem]]:
    """The planning settings; a value that cannot be used is named with its cell."""
    settings, issues = core.settings_from(data.fields("settings"),
                                          data.table("settings", "tier_rules"),
                                          data.table("settings", "cadence"),
                                          rows_per_day=PLAN_ROWS)
    at = _Places(data, "settings")
    cadence = SETTINGS.table("cadence")
    problems = []
    for issue in issues:
        if issue.code == "cadence_missing":  # the table lacks a tier's row
            cell = f"A{cadence.header_row}"
            params = {"tier": cadence.column("tier").choice(issue.params["tier"])}
        elif issue.where == "cadence":
            cell = at.cell("cadence", issue.column, issue.row)
            params = {**issue.params, "label": cadence.column(issue.column)}
        else:
            cell = at.field(issue.where)
            params = {**issue.params, "label": SETTINGS.field(issue.where)}
        problems.append(problem(Severity.WARNING, f"plan.{issue.code}", at.file, at.sheet,
                                cell, **params))
    return settings, problems


def _plannable(df: pd.DataFrame, data: WorkbookData) -> tuple[pd.DataFrame, list[Problem]]:
    """Keep the rows that can be planned; say why the others cannot."""
    at = _Places(data, "customers")
    problems: list[Problem] = []
    rep = df["rep"].astype("object")
    no_rep = rep.isna() | rep.astype(str).str.strip().eq("")
    for r in df.loc[no_rep, ROW_KEY]:
        problems.append(problem(Severity.WARNING, "plan.no_rep", at.file, at.sheet,
                                at.cell("customers", "rep", r)))
    df = df.loc[~no_rep].copy()
    df["rep"] = df["rep"].astype(str).str.strip()
    for r in df.loc[df["customer_id"].isna(), ROW_KEY]:
        problems.append(problem(Severity.WARNING, "plan.no_id", at.file, at.sheet,
                                at.cell("customers", "customer_id", r)))
    keys = pd.Series([core.customer_key(i, n) for i, n in zip(df["customer_id"],
                                                               df["customer"], strict=True)],
                     index=df.index)
    dup = keys.duplicated(keep="first")
    if dup.any():
        first_row = dict(zip(keys[~dup], df.loc[~dup, ROW_KEY], strict=True))
        for key, r, cid, name in zip(keys[dup], df.loc[dup, ROW_KEY],
                                     df.loc[dup, "customer_id"], df.loc[dup, "customer"],
                                     strict=True):
            problems.append(problem(Severity.WARNING, "plan.dup_id", at.file, at.sheet,
                                    at.cell("customers", "customer_id", r),
                                    customer=name if pd.isna(cid) else cid,
                                    row=int(first_row[key])))
        df = df.loc[~dup]
    return df, problems  # a master longer than the reader's bound is the reader's error
