"""Problems found in input: what (a catalogue message), where (file, sheet, cell) and how bad.

A problem is data, not an exception: a batch collects them, carries on, and lists them on
the problems sheet and in --json output. Its text is rendered in the run's language when
it is shown, so problems found by reading workers never mix languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .catalogue import Message, msg


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
    message: Message

    @property
    def code(self) -> str:
        return self.message.code

    def text(self, lang: str | None = None) -> str:
        return self.message.render(lang)

    def label(self, lang: str) -> str:
        """The problem as one line in `lang` (how a message shows it as a parameter)."""
        where = self.where()
        return f"{where}: {self.text(lang)}" if where else self.text(lang)

    def where(self) -> str:
        return ":".join(p for p in (self.file, self.sheet, self.cell) if p)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.severity}: {self.text()}" if where else \
            f"{self.severity}: {self.text()}"

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {"severity": str(self.severity), "file": self.file, "sheet": self.sheet,
                "cell": self.cell, "code": self.message.code, "message": self.text(lang),
                "params": self.message.json_params()}


def problem(severity: Severity, code: str, file: str = "", sheet: str = "", cell: str = "",
            **params: Any) -> Problem:
    """A problem with the catalogue message `code`."""
    return Problem(severity, file, sheet, cell, msg(code, **params))


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == Severity.ERROR for p in problems)
