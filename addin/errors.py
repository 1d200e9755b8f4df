"""The small exception tree. The CLI turns each into a one-line message and an exit code."""

from __future__ import annotations


class SalesbookError(Exception):
    """Base of every error the product raises on purpose."""


class InputError(SalesbookError):
    """An input file cannot be used at all (missing, not a workbook, wrong template)."""


class OutputLockedError(SalesbookError):
    """The output is open in Excel (an owner file `~$name` sits beside it) or not writable."""


class ConfigError(SalesbookError):
    """Settings that make the job impossible (e.g. locked targets exceeding the total)."""
