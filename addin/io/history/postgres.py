"""The shared history store: a PostgreSQL database, for a sales organisation whose
regional managers each roll up their region while the sales director reads them all.

The store is the connection's current schema (`public` unless the URL sets a
search_path). It is stamped as the SQLite file is: a marker table `salesbook_store`
naming the application and a `meta` row with the store's schema version. A schema that
holds tables but no marker belongs to someone else, and one stamped with a newer version
was written by a newer salesbook: both are refused and left untouched.

Readers run in one READ ONLY, REPEATABLE READ transaction: every question of a run sees
the same committed state, whatever rollups commit meanwhile. A writer's work is one
transaction: it takes the schema lock (shared; exclusive only to create or upgrade the
store), then one advisory lock per rep it writes, in a fixed order (writers of the same
reps queue, never deadlock; regional rollups, whose reps differ, do not wait for each
other), deletes the rep-days it replaces and COPYs the new rows in. It commits only if
`gate()` says so; a connection that breaks before then leaves nothing behind.

Credentials come from the URL, the PG* environment variables or ~/.pgpass (libpq reads
them); a location is shown only redacted (`redact`), never with its password.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import zlib
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from ...errors import HistoryError
from .common import SqlStore
from .tables import (
    APPLICATION_ID,
    DAY_COLUMNS,
    IMPORTED_COLUMNS,
    INTEGER,
    KEYS,
    REAL,
    SCHEMA_VERSION,
    TABLES,
    VISIT_COLUMNS,
)

SCHEMES = ("postgresql://", "postgres://")
MARKER = "salesbook_store"
APPLICATION = "salesbook history"
WAIT_SECONDS = float(os.environ.get("SALESBOOK_HISTORY_WAIT", "15"))
CONNECT_SECONDS = 10
SCHEMA_LOCK = (APPLICATION_ID, 0)  # advisory lock: (class, object)
REP_LOCKS = APPLICATION_ID + 1  # advisory lock class of the per-rep locks


def is_url(location: object) -> bool:
    return isinstance(location, str) and location.lower().startswith(SCHEMES)


def redact(url: str) -> str:
    """`postgresql://user@host:port/db`: what a message may show (no password, no query
    parameters but the host and schema path)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return "postgresql://?"
    query = dict(parse_qsl(parts.query))
    host = host or query.get("host", "") or os.environ.get("PGHOST", "")
    user = unquote(parts.username or "") or query.get("user", "")
    where = f"{user}@" if user else ""
    host = unquote(host)
    where += (quote(host, safe="") if host.startswith("/") else host) + \
        (f":{port}" if port else "")
    db = unquote(parts.path.lstrip("/")) or query.get("dbname", "") or \
        os.environ.get("PGDATABASE", "")
    return f"postgresql://{where}/{db}"


def _pg_type(column: str) -> str:
    if column == "date":
        return "date"
    return "double precision" if column in REAL else "integer" if column in INTEGER else "text"


def _create(table: str) -> str:
    decl = ", ".join(f"{c} {_pg_type(c)}" for c in TABLES[table])
    key = f", PRIMARY KEY ({', '.join(KEYS[table])})" if table in KEYS else ""
    return f"CREATE TABLE {table} ({decl}{key})"


# each version's steps, from the one before (a new store takes them all, in order)
STEPS: dict[int, list[str]] = {
    1: [f"CREATE TABLE {MARKER} (application text PRIMARY KEY, application_id integer, "
        "created_at text)",
        "CREATE TABLE meta (key text PRIMARY KEY, value text)",
        _create("days"), _create("visits"), "CREATE INDEX days_by_date ON days (date)"],
    2: [_create("imported"), _create("rollups")],
}


def _driver() -> Any:
    try:
        import psycopg
    except ImportError:
        raise HistoryError("history.pg_driver") from None
    return psycopg


class PostgresStore(SqlStore):
    """One PostgreSQL history store. Use `PostgresStore.open(url, write=...)`."""

    MONTH = "to_char(date, 'YYYY-MM')"
    MONDAY = "date_trunc('week', date)::date"

    def __init__(self, url: str, write: bool):
        self.url = url
        self.write = write
        self.location = redact(url)
        self.version = 0
        self._con: Any = None
        self._pg = _driver()

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    @contextlib.contextmanager
    def open(cls, url: str, *, write: bool = False) -> Iterator[PostgresStore]:
        store = cls(url, write)
        try:
            store._connect()
            yield store
        finally:
            store.close()

    @classmethod
    def exists(cls, url: str) -> bool:
        """Whether the database holds a salesbook store (one that a reader can use)."""
        with cls.open(url) as store:
            return store.version > 0

    def _connect(self) -> None:
        pg = self._pg
        extra: dict[str, Any] = {"application_name": "salesbook"}
        if "connect_timeout" not in self.url and not os.environ.get("PGCONNECT_TIMEOUT"):
            extra["connect_timeout"] = CONNECT_SECONDS
        try:
            self._con = pg.connect(self.url, autocommit=False, **extra)
        except pg.Error as e:
            raise self._connect_error(e) from None
        except ValueError as e:  # a URL libpq cannot parse
            raise HistoryError("history.pg_bad_url", path=self.location,
                               detail=self._scrub(str(e))) from None
        if not self.write:
            self._con.read_only = True
            self._con.isolation_level = pg.IsolationLevel.REPEATABLE_READ
        try:
            self._inspect()
            if self.write:
                self._con.rollback()
        except pg.Error as e:
            raise self._error(e) from None

    def _inspect(self) -> None:
        """Whose schema is this, and which version? Refuse anything not ours."""
        schema, tables = self._tables()
        if schema is None:
            raise HistoryError("history.pg_no_schema", path=self.location)
        if MARKER in tables:
            marker = self._one(f"SELECT application FROM {MARKER}")
            version = self._one("SELECT value FROM meta WHERE key = 'schema_version'") \
                if "meta" in tables else None
            if marker != APPLICATION or version is None or not str(version).isdigit():
                raise HistoryError("history.pg_damaged", path=self.location, schema=schema)
            self.version = int(version)
        elif tables:
            raise HistoryError("history.pg_foreign", path=self.location, schema=schema)
        else:
            self.version = 0
        if self.version > SCHEMA_VERSION:
            raise HistoryError("history.pg_newer", path=self.location, found=self.version,
                               supported=SCHEMA_VERSION)

    def _tables(self) -> tuple[str | None, set[str]]:
        cur = self._con.execute(
            "SELECT current_schema(), c.relname FROM pg_class c JOIN pg_namespace n ON "
            "n.oid = c.relnamespace AND n.nspname = current_schema() "
            "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') "
            "UNION ALL SELECT current_schema(), NULL")
        rows = cur.fetchall()
        return rows[0][0], {r[1] for r in rows if r[1] is not None}

    def _one(self, sql: str) -> Any:
        row = self._con.execute(sql).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        if self._con is not None:
            with contextlib.suppress(Exception):
                self._con.close()
            self._con = None

    # -- what went wrong -------------------------------------------------------------------
    def _scrub(self, text: str) -> str:
        """A server or driver message, first line, without the password."""
        line = (text.strip().splitlines() or [""])[0][:300]
        with contextlib.suppress(ValueError):
            secret = urlsplit(self.url).password
            if secret:
                line = line.replace(secret, "***")
        return line

    def _connect_error(self, e: Exception) -> HistoryError:
        text = str(e)
        low = text.lower()
        if "password" in low or "authentication failed" in low or \
                ("role" in low and "does not exist" in low):
            return HistoryError("history.pg_auth", path=self.location)
        if "database" in low and "does not exist" in low:
            return HistoryError("history.pg_no_database", path=self.location)
        return HistoryError("history.pg_unreachable", path=self.location,
                            detail=self._scrub(text))

    def _error(self, e: Exception) -> HistoryError:
        errors = self._pg.errors
        detail = self._scrub(str(e))
        if isinstance(e, errors.LockNotAvailable):
            return HistoryError("history.locked", path=self.location,
                                seconds=f"{WAIT_SECONDS:g}")
        if isinstance(e, errors.InsufficientPrivilege):
            return HistoryError("history.pg_denied", path=self.location, detail=detail)
        if isinstance(e, errors.ReadOnlySqlTransaction):
            return HistoryError("history.pg_read_only", path=self.location)
        if isinstance(e, errors.DiskFull):
            return HistoryError("history.disk_full", path=self.location)
        if isinstance(e, self._pg.OperationalError) or self._con is None or \
                self._con.broken or self._con.closed:
            return HistoryError("history.pg_lost", path=self.location, detail=detail)
        return HistoryError("history.pg_failed", path=self.location, detail=detail)

    # -- reading -------------------------------------------------------------------------------
    def _rows(self, sql: str, params: tuple = ()) -> tuple[list[str], list[tuple]]:
        try:
            cur = self._con.execute(sql.replace("?", "%s"), params)
            return [d.name for d in cur.description], cur.fetchall()
        except self._pg.Error as e:
            raise self._error(e) from None

    def _stream(self, sql: str, size: int) -> Iterator[tuple[list[str], list[tuple]]]:
        try:
            with self._con.cursor(name="salesbook_export") as cur:  # server-side
                cur.execute(sql)
                names: list[str] | None = None
                while rows := cur.fetchmany(size):
                    names = names or [d.name for d in cur.description]
                    yield names, rows
        except self._pg.Error as e:
            raise self._error(e) from None

    # -- writing -------------------------------------------------------------------------------
    def _replace_days(self, days: list[tuple], visits: list[tuple], log: tuple,
                      gate: Callable[[], bool]) -> bool:
        reps, dates = [r[0] for r in days], [r[1] for r in days]

        def work(cur: Any) -> None:
            self._lock_reps(cur, set(reps))
            for table in ("visits", "days"):
                cur.execute(f"DELETE FROM {table} WHERE (rep, date) IN (SELECT * FROM "
                            "unnest(%s::text[], %s::date[]))", (reps, dates))
            self._copy(cur, "days", DAY_COLUMNS, days)
            self._copy(cur, "visits", VISIT_COLUMNS, visits)
            cur.execute("INSERT INTO rollups VALUES (%s, %s, %s, %s, %s, %s)", log)

        return self._transaction(work, gate)

    def _replace_imported(self, rows: list[tuple]) -> None:
        names = ", ".join(IMPORTED_COLUMNS)
        update = ", ".join(f"{c} = EXCLUDED.{c}" for c in IMPORTED_COLUMNS[2:])

        def work(cur: Any) -> None:
            self._lock_reps(cur, {r[0] for r in rows})
            cur.executemany(f"INSERT INTO imported ({names}) VALUES "
                            f"({', '.join(['%s'] * len(IMPORTED_COLUMNS))}) "
                            f"ON CONFLICT (rep, month) DO UPDATE SET {update}", rows)

        self._transaction(work, lambda: True)

    def _transaction(self, work: Callable[[Any], None], gate: Callable[[], bool]) -> bool:
        """Run `work` in one transaction on a store brought up to date, then commit if
        `gate()` agrees (True) or roll back (False). Any failure rolls back."""
        con = self._con
        try:
            with con.cursor() as cur:
                cur.execute(f"SET LOCAL lock_timeout = {int(WAIT_SECONDS * 1000)}")
                self._prepare(cur)
                work(cur)
        except BaseException as e:
            with contextlib.suppress(Exception):
                con.rollback()
            if isinstance(e, self._pg.Error):
                raise self._error(e) from None
            raise
        agreed = False
        try:
            agreed = gate()
        finally:
            if not agreed:
                with contextlib.suppress(Exception):
                    con.rollback()
        if not agreed:
            return False
        try:
            con.commit()
        except self._pg.Error as e:
            raise HistoryError("history.pg_commit_unknown", path=self.location,
                               detail=self._scrub(str(e))) from None
        return True

    def _prepare(self, cur: Any) -> None:
        """Take the schema lock, then create the store or bring an earlier version up to
        this one (inside the write transaction: a failed write leaves it as it was)."""
        cur.execute("SELECT pg_advisory_xact_lock_shared(%s, %s)", SCHEMA_LOCK)
        self._inspect()
        if self.version == SCHEMA_VERSION:
            return
        # creating or upgrading needs the store to itself: start again, exclusively
        self._con.rollback()
        cur.execute(f"SET LOCAL lock_timeout = {int(WAIT_SECONDS * 1000)}")
        cur.execute("SELECT pg_advisory_xact_lock(%s, %s)", SCHEMA_LOCK)
        self._inspect()
        for version in range(self.version + 1, SCHEMA_VERSION + 1):
            for stmt in STEPS[version]:
                cur.execute(stmt)
        if self.version == 0:
            cur.execute(f"INSERT INTO {MARKER} VALUES (%s, %s, %s)",
                        (APPLICATION, APPLICATION_ID,
                         dt.datetime.now().isoformat(timespec="seconds")))
        cur.execute("INSERT INTO meta VALUES ('schema_version', %s) ON CONFLICT (key) "
                    "DO UPDATE SET value = EXCLUDED.value", (str(SCHEMA_VERSION),))
        self.version = SCHEMA_VERSION

    @staticmethod
    def _lock_reps(cur: Any, reps: set[str]) -> None:
        """One advisory lock per rep, taken in one fixed order (so two writers wait for
        each other, never on each other): released at commit or rollback."""
        keys = sorted({zlib.crc32(str(r).encode()) - 2**31 for r in reps})
        cur.execute("SELECT count(pg_advisory_xact_lock(%s, k)) FROM unnest(%s::int[]) AS k",
                    (REP_LOCKS, keys))

    @staticmethod
    def _copy(cur: Any, table: str, columns: tuple[str, ...], rows: Any) -> None:
        with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
