"""The small exception tree. Each error carries a catalogue message (a code and its
parameters), rendered in the run's language; the CLI prints it as one line and exits 1."""

from __future__ import annotations

from typing import Any

from .catalogue import Message, msg


class SalesbookError(Exception):
    """Base of every error the product raises on purpose: `SalesbookError(code, **params)`."""

    def __init__(self, message: str | Message, /, **params: Any):
        self.message = message if isinstance(message, Message) else msg(message, **params)
        super().__init__(self.message.code)

    @property
    def code(self) -> str:
        return self.message.code

    def render(self, lang: str | None = None) -> str:
        return self.message.render(lang)

    def __str__(self) -> str:
        return self.message.render()

    def __reduce__(self) -> tuple:  # errors cross process boundaries (worker pools)
        return (_rebuild, (type(self), self.message))


class InputError(SalesbookError):
    """An input file cannot be used at all (missing, not a workbook, wrong template)."""


class OutputError(SalesbookError):
    """An output cannot be written (disk full, no permission, no folder); nothing was."""


class OutputLockedError(OutputError):
    """The output is open in Excel (an owner file `~$name` sits beside it) or read-only."""


class ConfigError(SalesbookError):
    """Settings that make the job impossible (e.g. locked targets exceeding the total)."""


class HistoryError(SalesbookError):
    """The history store cannot be used: not ours, newer, locked, or not writable."""


def _rebuild(cls: type[SalesbookError], message: Message) -> SalesbookError:
    """An error as it crossed a process boundary: same class, same message."""
    error = cls.__new__(cls)
    SalesbookError.__init__(error, message)
    return error
