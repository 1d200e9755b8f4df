"""What a button's job did, before the door turns it into JSON: shared by the door and the
jobs (so neither imports the other)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..io.excel_result import Block
from ..problems import Problem


@dataclass
class Outcome:
    """What one button's job did, before it becomes JSON."""

    message: str
    written: list[Path] = field(default_factory=list)
    open: Path | None = None  # a new workbook for the macro to open
    blocks: list[Block] = field(default_factory=list)  # values for the open workbook
    figures: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def problem_counts(problems: list[Problem]) -> dict[str, int]:
    counts = Counter(str(p.severity) for p in problems)
    return {"errors": counts.get("error", 0), "warnings": counts.get("warning", 0),
            "notes": counts.get("info", 0)}


def shown_count(problems: list[Problem]) -> int:
    """The problems a headline counts: errors and warnings (notes are in the report)."""
    counts = problem_counts(problems)
    return counts["errors"] + counts["warnings"]
