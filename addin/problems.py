"""Problems found in input: what, where (file, sheet, cell) and how bad.

A problem is data, not an exception: a batch collects them, carries on, and lists them
on the problems sheet and in --json output.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # the value or file could not be used
    WARNING = "warning"  # used, but a person should look
    INFO = "info"


@dataclass(frozen=True)
class Problem:
    severity: Severity
    file: str
    sheet: str
    cell: str
    message: str

    def __str__(self) -> str:
        where = ":".join(p for p in (self.file, self.sheet, self.cell) if p)
        return f"{where}: {self.severity}: {self.message}"

    def as_dict(self) -> dict:
        d = asdict(self)
        d["severity"] = str(self.severity)
        return d


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == Severity.ERROR for p in problems)
