"""The team workbook (销售管理汇报书) as the manager's control panel: its settings (where the
reps' workbooks arrive, the targets breakdown, the history store, the commission rate)
and its roster (who should send a weekly workbook). Reading the settings needs no pandas:
the rollup reads them before it forks its readers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..problems import Problem, Severity
from ..schema import workbook
from .reader import WorkbookData, read_workbook

if TYPE_CHECKING:
    import pandas as pd

SPEC = workbook("team_weekly")
SETTING_KEYS = tuple(f.key for f in SPEC.sheet("settings").fields)


@dataclass
class TeamBook:
    path: Path
    lang: str | None
    settings: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    data: WorkbookData | None = None

    def path_setting(self, key: str) -> Path | None:
        """A file or folder named in the settings, relative to the team workbook's folder."""
        value = self.settings.get(key)
        if not value:
            return None
        first = str(value).split(";")[0].strip()
        p = Path(first).expanduser()
        return p if p.is_absolute() else self.path.parent / p

    def roster(self) -> pd.DataFrame:
        """rep, region, supervisor of the active reps on the roster (empty: no roster)."""
        import pandas as pd

        df = self.data.table("roster", "roster") if self.data is not None else None
        if df is None or df.empty:
            return pd.DataFrame(columns=["rep", "region", "supervisor"])
        df = df[df["rep"].notna() & (df["active"].fillna(True).astype(bool))]
        return df[["rep", "region", "supervisor"]].drop_duplicates("rep").reset_index(drop=True)


def read_team_book(path: str | Path) -> TeamBook:
    """The settings and roster of a team workbook; InputError when it is not one."""
    path = Path(path)
    if not path.exists():
        raise InputError("file.no_such_path", path=path)
    data = read_workbook(path, SPEC, sheets={"settings", "roster"})
    errors = [p for p in data.problems if p.severity == Severity.ERROR and not p.sheet]
    if not data.readable or data.spec is None or data.spec.key != SPEC.key or errors:
        raise InputError("team.not_team_book", path=path,
                         detail=[p.message for p in errors] or SPEC)
    settings = {k: data.fields("settings").get(k) for k in SETTING_KEYS}
    return TeamBook(path, data.lang, settings, list(data.problems), data)
