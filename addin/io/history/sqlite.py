"""The embedded history store: one SQLite file, guarded.

The file carries a stamp of its own (SQLite `application_id` 'SBKH' and `user_version`,
the store's schema version). A file that is not SQLite, is damaged, belongs to another
program or was written by a newer salesbook is refused and left byte-identical: the product
never adds a table to a database it did not create. Reading commands open the file
read-only, so a read-only file or folder is fine for them. A writer takes the write lock
at the start of its one transaction, waits a bounded time for another writer, and is
refused when the file or its folder has no write permission, even for root.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

from ...errors import HistoryError
from .common import SqlStore
from .tables import (
    APPLICATION_ID,
    DAY_COLUMNS,
    IMPORTED_COLUMNS,
    KEYS,
    SCHEMA_VERSION,
    TABLES,
    VISIT_COLUMNS,
    sql_type,
)

HEADER = b"SQLite format 3\x00"
WAIT_SECONDS = float(os.environ.get("SALESBOOK_HISTORY_WAIT", "15"))


def _ddl() -> list[str]:
    out = []
    for table, columns in TABLES.items():
        decl = ", ".join(f"{c} {sql_type(c)}" for c in columns)
        key = f", PRIMARY KEY ({', '.join(KEYS[table])})" if table in KEYS else ""
        out.append(f"CREATE TABLE IF NOT EXISTS {table} ({decl}{key})")
    out += ["CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
            "CREATE INDEX IF NOT EXISTS days_by_date ON days (date)"]
    return out


def _stamp(con: sqlite3.Connection) -> None:
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                (str(SCHEMA_VERSION),))


def _migrate_1_to_2(con: sqlite3.Connection) -> None:
    """Version 1 (salesbook 0.1: days, visits, meta; no stamp) gains the stamp, each day's
    order and collection totals (summed from its visits, so month and year to date read
    the days only), and the tables for imported actuals and the rollup log."""
    for column in ("order_amount", "collected_amount"):
        con.execute(f"ALTER TABLE days ADD COLUMN {column} REAL")
        con.execute(f"UPDATE days SET {column} = (SELECT SUM(v.{column}) FROM visits v "
                    "WHERE v.rep = days.rep AND v.date = days.date)")
    for stmt in _ddl():
        con.execute(stmt)


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _migrate_1_to_2}


class SqliteStore(SqlStore):
    """One history file. Use `SqliteStore.open(path, write=...)` as a context manager."""

    def __init__(self, path: Path, write: bool):
        self.path = path
        self.write = write
        self.location = str(path)
        self.version = 0
        self.committed = False  # whether a write of this session was made permanent
        self._con: sqlite3.Connection | None = None

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    @contextlib.contextmanager
    def open(cls, path: str | Path, *, write: bool = False) -> Iterator[SqliteStore]:
        store = cls(Path(path), write)
        new_file = write and not store.path.exists()
        try:
            store._connect()
            yield store
        finally:
            store.close()
            if new_file and not store.committed:  # a store that never held a row
                store._remove_new_file()

    def _connect(self) -> None:
        path = self.path
        exists = path.exists() and path.stat().st_size > 0
        if exists:
            with open(path, "rb") as fh:
                if fh.read(16) != HEADER:
                    raise HistoryError("history.not_sqlite", path=path)
        elif not self.write:
            raise HistoryError("history.missing", path=path)
        if self.write:
            self._check_writable(exists)
        try:
            if self.write:
                self._con = sqlite3.connect(str(path), timeout=WAIT_SECONDS,
                                            isolation_level=None)
            else:
                uri = f"file:{quote(str(path.resolve()))}?mode=ro"
                self._con = sqlite3.connect(uri, uri=True, timeout=WAIT_SECONDS,
                                            isolation_level=None)
            if exists:
                self._inspect()
        except sqlite3.DatabaseError as e:
            raise self._error(e) from None

    def _check_writable(self, exists: bool) -> None:
        folder = self.path.parent if str(self.path.parent) else Path(".")
        targets = [folder] + ([self.path] if exists else [])
        for p in targets:  # the folder too: SQLite writes its journal beside the file
            if not p.exists():
                raise HistoryError("history.cannot_open", path=self.path,
                                   detail=f"{p}: no such folder")
            if not os.access(p, os.W_OK) or not p.stat().st_mode & 0o222:
                raise HistoryError("history.read_only", path=self.path)

    def _inspect(self) -> None:
        """Whose file is this, and which version? Refuse anything not ours."""
        con = self._con
        assert con is not None
        app = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if app == APPLICATION_ID:
            self.version = version
        elif app == 0 and version == 0 and {"days", "visits", "meta"} <= tables and \
                self._meta_version(con) == "1":
            self.version = 1  # salesbook 0.1 wrote no stamp
        elif app == 0 and version == 0 and not tables:
            self.version = 0  # an empty SQLite file (made by `sqlite3 FILE` or a 0-byte copy)
        else:
            raise HistoryError("history.foreign", path=self.path)
        if self.version > SCHEMA_VERSION:
            raise HistoryError("history.newer", path=self.path, found=self.version,
                               supported=SCHEMA_VERSION)
        if self.write:
            check = con.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise HistoryError("history.corrupt", path=self.path, detail=check[:200])

    @staticmethod
    def _meta_version(con: sqlite3.Connection) -> str | None:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return row[0] if row else None

    def _error(self, e: sqlite3.Error) -> HistoryError:
        text = str(e)
        if "locked" in text or "busy" in text:
            return HistoryError("history.locked", path=self.path, seconds=f"{WAIT_SECONDS:g}")
        if "not a database" in text or "malformed" in text or "corrupt" in text:
            return HistoryError("history.corrupt", path=self.path, detail=text)
        if "readonly" in text or "read-only" in text:
            return HistoryError("history.read_only", path=self.path)
        if "full" in text:
            return HistoryError("history.disk_full", path=self.path)
        return HistoryError("history.cannot_open", path=self.path, detail=text)

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def _remove_new_file(self) -> None:
        """A store this session created but never committed to (a failed or refused first
        write, a full disk) goes again, journal included: no empty store is left behind."""
        for p in (self.path, Path(f"{self.path}-journal"), Path(f"{self.path}-wal"),
                  Path(f"{self.path}-shm")):
            with contextlib.suppress(OSError):
                p.unlink()

    # -- reading -------------------------------------------------------------------------------
    def _rows(self, sql: str, params: tuple = ()) -> tuple[list[str], list[tuple]]:
        assert self._con is not None
        try:
            cur = self._con.execute(sql, params)
            return [d[0] for d in cur.description], cur.fetchall()
        except sqlite3.Error as e:
            raise self._error(e) from None

    def _stream(self, sql: str, size: int) -> Iterator[tuple[list[str], list[tuple]]]:
        assert self._con is not None
        try:
            cur = self._con.execute(sql)
            names = [d[0] for d in cur.description]
            while rows := cur.fetchmany(size):
                yield names, rows
        except sqlite3.Error as e:
            raise self._error(e) from None

    # -- writing -------------------------------------------------------------------------------
    def _replace_days(self, days: list[tuple], visits: list[tuple], log: tuple,
                      gate: Callable[[], bool]) -> bool:
        assert self._con is not None
        con = self._con
        try:
            con.execute("BEGIN IMMEDIATE")  # the write lock, now: wait here, not halfway
            try:
                self._prepare(con)
                con.executemany("DELETE FROM visits WHERE rep = ? AND date = ?",
                                [(r[0], r[1]) for r in days])
                con.executemany(f"INSERT OR REPLACE INTO days VALUES "
                                f"({','.join('?' * len(DAY_COLUMNS))})", days)
                con.executemany(f"INSERT INTO visits VALUES "
                                f"({','.join('?' * len(VISIT_COLUMNS))})", visits)
                con.execute("INSERT INTO rollups VALUES (?, ?, ?, ?, ?, ?)", log)
            except BaseException:
                con.execute("ROLLBACK")
                raise
            agreed = False
            try:
                agreed = gate()
            finally:
                con.execute("COMMIT" if agreed else "ROLLBACK")
        except sqlite3.Error as e:
            raise self._error(e) from None
        self.committed = self.committed or agreed
        return agreed

    def _replace_imported(self, rows: list[tuple]) -> None:
        assert self._con is not None
        con = self._con
        try:
            con.execute("BEGIN IMMEDIATE")
            try:
                self._prepare(con)
                con.executemany(f"INSERT OR REPLACE INTO imported VALUES "
                                f"({','.join('?' * len(IMPORTED_COLUMNS))})", rows)
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
            self.committed = True
        except sqlite3.Error as e:
            raise self._error(e) from None

    def _prepare(self, con: sqlite3.Connection) -> None:
        """Create a new store, or bring an earlier version up to this one (inside the
        write transaction: a failed write leaves the file as it was)."""
        if self.version == SCHEMA_VERSION:
            return
        if self.version == 0:
            for stmt in _ddl():
                con.execute(stmt)
        else:
            for version in range(self.version, SCHEMA_VERSION):
                MIGRATIONS[version](con)
        _stamp(con)
        self.version = SCHEMA_VERSION
