"""Which button goes where in the macro-enabled templates, and the kit that makes a
template macro-enabled: the VBA modules (macros/*.bas), the buttons, the xlwings.conf
settings and the texts the macros show, in the template's language."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..catalogue import say
from .templates import Button, MacroKit
from .vba import Module, module_from_bas

# job -> the macro its button runs (a Public Sub of macros/Salesbook.bas)
MACROS = {"week": "RollUpMyWeek", "plan": "PlanTheWeek", "team": "TeamWeeklyReport",
          "targets": "BreakDownTargets", "month": "MonthlyControl"}
MODULE_FILES = ("Salesbook.bas", "SalesbookHost.bas")
UDF_MODULE = "addin.excel.udfs"


@dataclass(frozen=True)
class Place:
    sheet: str  # sheet key
    cell: str
    job: str


# workbook key -> where its buttons sit: beside the settings or titles, clear of the tables
PLACES: dict[str, tuple[Place, ...]] = {
    "rep_weekly": (Place("info", "D3", "week"), Place("summary", "F1", "week")),
    "customers": (Place("customers", "F1", "plan"), Place("settings", "F3", "plan")),
    "team_weekly": (Place("settings", "D3", "team"), Place("settings", "D6", "month")),
    "targets": (Place("settings", "H3", "targets"), Place("company", "D3", "targets")),
}


def macros_folder() -> Path:
    """macros/ of the source tree, where the .bas modules live."""
    return Path(__file__).resolve().parents[2] / "macros"


def vba_modules(folder: Path | None = None) -> tuple[Module, ...]:
    folder = folder or macros_folder()
    return tuple(module_from_bas((folder / name).read_text(encoding="ascii"))
                 for name in MODULE_FILES)


def macro_kit(workbook_key: str, lang: str, modules: tuple[Module, ...] | None = None
              ) -> MacroKit:
    """The kit for one template in one language."""
    buttons = tuple(Button(p.sheet, p.cell, MACROS[p.job], say(f"button.{p.job}", lang))
                    for p in PLACES[workbook_key])
    conf = (("Interpreter_Win", ""), ("Interpreter_Mac", ""), ("PYTHONPATH", ""),
            ("UDF Modules", UDF_MODULE), ("Use UDF Server", "False"),
            ("Show Console", "False"))
    notes = (say("macro.conf_title", lang), say("macro.conf_help", lang),
             say("button.help", lang))
    texts = (("lang", lang), *((f"button.{job}", say(f"button.{job}", lang)) for job in MACROS),
             *((key, say(f"macro.{key}", lang, job="{job}", rc="{rc}", log="{log}",
                         seconds="{seconds}", path="{path}"))
               for key in ("saving", "running", "not_installed", "no_result", "timed_out",
                           "cannot_open")))
    return MacroKit(modules or vba_modules(), buttons, conf, notes, texts)
