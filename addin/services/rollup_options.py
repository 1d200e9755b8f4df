"""What a rollup reads and writes, settled before any reading starts: the command's
options, else the team workbook's settings, else the defaults. Nothing here imports
pandas (the command line settles the options, forks its readers, then imports the rest)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..io.team_book import SPEC as TEAM_SPEC
from ..io.team_book import TeamBook, read_team_book

DEFAULT_COMMISSION = float(TEAM_SPEC.sheet("settings").field("commission_rate").default)


@dataclass
class RollupOptions:
    """What a rollup reads and writes: the command's options, else the team workbook's
    settings, else the defaults (beside the folder read)."""

    paths: list[Path]
    week: str | None = None
    targets: Path | None = None
    out: Path | None = None
    history: Path | None = None
    commission: float = DEFAULT_COMMISSION
    lang: str | None = None
    today: dt.date | None = None
    recursive: bool = True
    team: TeamBook | None = None


def rollup_options(paths: list[str | Path], *, team: str | Path | None = None,
                   week: str | None = None, targets: str | Path | None = None,
                   out: str | Path | None = None, history: str | Path | None = None,
                   commission_rate: float | None = None, lang: str | None = None,
                   today: dt.date | None = None, recursive: bool = True) -> RollupOptions:
    """The options of a rollup, the team workbook's settings filling what was not given."""
    book = read_team_book(team) if team else None
    given = book.settings if book else {}
    folder = book.path_setting("reports_folder") if book else None
    paths = [Path(p) for p in paths] or ([folder] if folder else [])
    if not paths:
        raise InputError("team.no_folder")
    rate = commission_rate if commission_rate is not None else given.get("commission_rate")
    return RollupOptions(
        paths=paths, week=week or given.get("week"),
        targets=Path(targets) if targets else (book.path_setting("targets_file") if book
                                               else None),
        out=Path(out) if out else None,
        history=Path(history) if history else (book.path_setting("history_file") if book
                                                else None),
        commission=DEFAULT_COMMISSION if rate is None else float(rate),
        lang=lang or (book.lang if book else None), today=today, recursive=recursive,
        team=book)
