"""Shared fixtures: sample workbooks written from the schema, both languages."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # tests/libreoffice.py

ROOT = Path(__file__).resolve().parents[1]


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(params=["zh", "en"])
def lang(request) -> str:
    return request.param


@pytest.fixture(autouse=True)
def _english_unless_told(monkeypatch):
    """Every test starts with no run language set and English as the default, whatever
    the machine's locale; a job that knows its language (a workbook's) still sets it."""
    from addin.catalogue import reset_run_lang

    monkeypatch.setenv("SALESBOOK_LANG", "en")
    reset_run_lang()
    yield
    reset_run_lang()
