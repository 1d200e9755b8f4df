"""Shared fixtures: sample workbooks written from the schema, both languages."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

import pytest

import addin  # noqa: F401  before anything imports pandas: the tests run pandas as salesbook does

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


# -- history stores: SQLite and a throwaway PostgreSQL cluster ------------------------------
@pytest.fixture(scope="session")
def pg_cluster(tmp_path_factory):
    """A PostgreSQL server for this test session (skipped when this machine has none,
    unless CI demands it: SALESBOOK_REQUIRE_POSTGRES=1)."""
    import pgserver

    reason = pgserver.why_not()
    if reason:
        if os.environ.get("SALESBOOK_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason + " but SALESBOOK_REQUIRE_POSTGRES=1", pytrace=False)
        pytest.skip(reason)
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="sbpg-"))  # short: a socket path has 107 bytes
    cluster = pgserver.Cluster(folder).start()
    yield cluster
    cluster.stop("immediate")
    shutil.rmtree(folder, ignore_errors=True)


_databases = iter(range(1, 1_000_000))


@pytest.fixture
def pg_url(pg_cluster) -> str:
    """The URL of a new, empty database on the session's server."""
    return pg_cluster.new_database(f"t{next(_databases)}")


@pytest.fixture(params=["sqlite", "postgres"])
def store_at(request, tmp_path) -> str | Path:
    """Where a test's history store lives: a new SQLite file, or a new PostgreSQL
    database (the same tests run on both backends)."""
    if request.param == "sqlite":
        return tmp_path / "h.sqlite"
    return request.getfixturevalue("pg_url")
