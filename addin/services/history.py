"""Jobs on the history store itself (`salesbook history ...`), on either backend: what is
stored (info), the tables as files for BI tools (export), and earlier actuals loaded from
a sheet or CSV so month and year to date are right from the first week of use (import).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..catalogue import set_run_lang
from ..core.week import plain
from ..io import history as stores
from ..io.actuals import read_actuals
from ..io.history.export import FORMATS, WRITERS, check_format
from ..problems import Problem, Severity

EXPORTED = ("days", "visits", "imported", "rollups")


def describe(location: str | Path) -> str:
    """The store's location as it may be shown (a URL without its password)."""
    return stores.describe(location)


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: plain(v) for k, v in r.items()} for r in frame.to_dict("records")]


def history_info(history: str | Path) -> dict:
    """What the store holds: months (covered by how many reps and days), weeks, reps and
    where the rows came from (rollups, imports). The store is only read."""
    with stores.open_store(stores.location(history)) as store:
        found = store.summary()
        version = store.version
    months = found["months"]
    known = len(found["reps"])
    imported = found.get("imported", pd.DataFrame(columns=["month", "reps"]))
    if len(months):
        months["days_in_month"] = [calendar.monthrange(int(m[:4]), int(m[5:7]))[1]
                                   for m in months["month"]]
        months["reps_known"] = known
        months["imported_reps"] = months["month"].map(
            imported.set_index("month")["reps"]).fillna(0).astype(int)
    rollups = found.get("rollups", pd.DataFrame(columns=list(stores.TABLES["rollups"])))
    return {
        "history": describe(history),
        "backend": "postgresql" if describe(history).startswith("postgresql://") else "sqlite",
        "schema_version": version,
        "months": _records(months),
        "weeks": _records(found["weeks"]),
        "reps": _records(found["reps"]),
        "sources": {
            "rollups": {"count": len(rollups),
                        "first": rollups["rolled_at"].min() if len(rollups) else None,
                        "last": rollups["rolled_at"].max() if len(rollups) else None,
                        "log": _records(rollups)},
            "imports": {"months": _records(imported),
                        "rows": int(imported["reps"].sum()) if len(imported) else 0},
        },
    }


def export_history(history: str | Path, fmt: str, out_dir: str | Path) -> dict[str, dict]:
    """Every table (days, visits, imported actuals, the rollup log) as `fmt` files in
    `out_dir`, read in one consistent snapshot; returns {table: {path, rows}}."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    check_format(fmt)
    out = Path(out_dir)
    written = {}
    with stores.open_store(stores.location(history)) as store:
        out.mkdir(parents=True, exist_ok=True)
        for table in EXPORTED:
            path = out / f"{table}.{fmt}"
            rows = WRITERS[fmt](path, table, store.chunks(table))
            written[table] = {"path": str(path), "rows": rows}
    return written


@dataclass
class ImportResult:
    file: Path
    history: str
    rows: int = 0  # rows stored (0 when refused)
    refused: bool = False
    problems: list[Problem] = field(default_factory=list)

    def as_json(self, lang: str | None = None) -> dict:
        return {"file": str(self.file), "history": self.history, "rows": self.rows,
                "refused": self.refused,
                "problems": [p.as_dict(lang) for p in self.problems]}


def import_actuals(file: str | Path, history: str | Path, lang: str | None = None
                   ) -> ImportResult:
    """Check every cell of `file`; if none is wrong, upsert its rows (rep and month)
    into the store's imported actuals, each replacing what that rep and month had."""
    set_run_lang(lang)
    actuals, problems = read_actuals(file)
    result = ImportResult(Path(file), describe(history), problems=problems)
    if any(p.severity == Severity.ERROR for p in problems):
        result.refused = True
        return result
    with stores.open_store(stores.location(history), write=True) as store:
        result.rows = store.write_imported(actuals, file=Path(file).name)
    return result


__all__ = ["EXPORTED", "ImportResult", "describe", "export_history", "history_info",
           "import_actuals"]
