"""A throwaway PostgreSQL cluster for the tests and the history benchmark.

`Cluster(folder).start()` runs initdb in `folder`, starts the server on a Unix socket in
that folder only (listen_addresses = '': no network) and `stop()` ends it. The test user
`salesbook` is a superuser trusted on the socket; every other role must give its password
(so a wrong password can be tested). initdb refuses to run as root: as root, the cluster
runs as the `postgres` user (which Debian's postgresql package creates; .ci/run installs
it).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

USER = "salesbook"


def bin_dir() -> Path | None:
    """The PostgreSQL server programs (initdb, pg_ctl), newest version first."""
    given = os.environ.get("SALESBOOK_PG_BIN")
    candidates = [given] if given else sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2])
        if p.split("/")[-2].isdigit() else 0, reverse=True)
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).parent))
    for c in candidates:
        if c and (Path(c) / "initdb").exists() and (Path(c) / "pg_ctl").exists():
            return Path(c)
    return None


def why_not() -> str | None:
    """Why no cluster can be started here (None: it can)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[test]')"
    if bin_dir() is None:
        return "PostgreSQL server programs not found (apt-get install postgresql)"
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no `postgres` user to run the server"
    return None


class Cluster:
    def __init__(self, folder: Path, *, fsync: bool = False):
        self.folder = Path(folder)
        self.data = self.folder / "data"
        self.fsync = fsync
        self.bin = bin_dir()
        self._as_root = os.geteuid() == 0

    def _run(self, *args: str) -> None:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if self._as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{args[0]} failed: {done.stderr.strip() or done.stdout}")

    def start(self) -> Cluster:
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._as_root:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", USER, "-A", "trust", "-E", "UTF8",
                  "--no-locale", "-N")
        hba = self.data / "pg_hba.conf"
        hba.write_text(f"local all {USER} trust\nlocal all all scram-sha-256\n")
        options = (f"-c listen_addresses='' -c unix_socket_directories='{self.folder}' "
                   f"-c fsync={'on' if self.fsync else 'off'} -c max_connections=60 "
                   "-c lc_messages=C")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l",
                  str(self.folder / "server.log"), "-w", "-t", "60", "start")
        return self

    def stop(self, mode: str = "fast") -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(self, db: str = "postgres", user: str = USER, password: str | None = None) -> str:
        who = quote(user, safe="") + (f":{quote(password, safe='')}" if password else "")
        return f"postgresql://{who}@/{db}?host={quote(str(self.folder), safe='/')}"

    def sql(self, statement: str, db: str = "postgres") -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url(db), autocommit=True) as con:
            cur = con.execute(statement)
            return cur.fetchall() if cur.description else []

    def new_database(self, name: str) -> str:
        self.sql(f'CREATE DATABASE "{name}"')
        return self.url(name)
