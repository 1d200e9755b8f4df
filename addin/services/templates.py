"""Job: write the blank templates (the CLI's `templates`, a manager's "new templates")."""

from __future__ import annotations

from pathlib import Path

from ..io.templates import write_all_templates
from ..schema import LANGS


def make_templates(out_dir: str | Path, langs: tuple[str, ...] = LANGS) -> list[Path]:
    """Every template in each language under out_dir/<lang>/; returns the files written."""
    return write_all_templates(out_dir, langs)
