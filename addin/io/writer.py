"""Writing outputs safely: whole or absent, never half.

Every output goes to a temporary file beside its destination, is flushed to disk and moved
into place in one step, so a reader sees either the complete new file or the untouched old
one. A temporary file is recognisably ours (`.<name>.salesbook-<host>-<pid>-<random>.tmp`):
folder scans never read it as input, and the next run that writes in that folder removes
the ones a killed run left behind. Every OS error on an output (disk full, no permission,
a read-only disk, a name too long, a folder that vanished) becomes one OutputError naming
the path. An output that Excel has open (its `~$` owner file beside it) is left alone.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import platform
import re
import secrets
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import OutputError, OutputLockedError

# A cell whose text starts with one of these is taken as a formula (or DDE) by Excel or by
# a CSV import; text typed by a rep must never become live in a manager's sheet.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")

TEMP_MARK = ".salesbook-"
TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(r"^\..+\.salesbook-([0-9a-f]{8})-(\d+)-[0-9a-f]+\.tmp$")
STALE_AFTER = 6 * 3600  # seconds; a temp file of another machine older than this is debris


def owner_file(path: Path) -> Path:
    """Excel's lock file: `~$` + the name (Excel drops the first two characters of long names)."""
    name = path.name
    return path.with_name("~$" + (name[2:] if len(name) > 2 else name))


def _owner_beside(path: Path) -> Path | None:
    for owner in (owner_file(path), path.with_name("~$" + path.name)):
        if owner.exists():
            return owner
    return None


def _read_only(path: Path) -> bool:
    """No write permission for us, or no write bit at all (the 'read-only' a user sets;
    it also holds for root, whom os.access lets write anything)."""
    return not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222


def check_writable(path: Path) -> None:
    """Raise OutputLockedError when the destination is open in Excel, read-only, or in a
    folder that does not exist or cannot be written."""
    path = Path(path)
    owner = _owner_beside(path)
    if owner is not None:
        raise OutputLockedError("output.open_in_excel", path=path, owner=owner.name)
    if path.exists() and _read_only(path):
        raise OutputLockedError("output.read_only", path=path)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise OutputLockedError("output.no_folder", path=path, folder=parent)
    if _read_only(parent):
        raise OutputLockedError("output.folder_read_only", path=path, folder=parent)


# -- temporary files ---------------------------------------------------------------------------
def _host() -> str:
    return hashlib.sha1(platform.node().encode()).hexdigest()[:8]  # socket: 15 ms to import


def temp_path(path: Path) -> Path:
    """A new, recognisable temporary name beside `path`."""
    return path.with_name(f".{path.name}{TEMP_MARK}{_host()}-{os.getpid()}-"
                          f"{secrets.token_hex(4)}{TEMP_SUFFIX}")


def is_temp_file(path: Path) -> bool:
    """A temporary file of ours (a write under way, or one a killed run left)."""
    return bool(_TEMP_NAME.match(Path(path).name))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def is_leftover(path: Path, now: float | None = None) -> bool:
    """A temporary file of ours whose writer is gone: its process has ended (same machine),
    or it is older than STALE_AFTER (a shared folder written from several machines)."""
    m = _TEMP_NAME.match(Path(path).name)
    if not m:
        return False
    host, pid = m.group(1), int(m.group(2))
    if host == _host() and not _alive(pid):
        return True
    try:
        age = (now or time.time()) - Path(path).stat().st_mtime
    except OSError:
        return False
    return age > STALE_AFTER


def remove_leftovers(folder: Path) -> list[Path]:
    """Delete the temporary files killed runs left in `folder`; returns what was removed."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX):
            p = Path(entry.path)
            if is_leftover(p):
                with contextlib.suppress(OSError):
                    p.unlink()
                    removed.append(p)
    return removed


# -- the atomic write --------------------------------------------------------------------------
_ERRNO_CODES = {
    errno.ENOSPC: "output.disk_full",
    errno.EDQUOT: "output.disk_full",
    errno.EFBIG: "output.disk_full",
    errno.EACCES: "output.permission",
    errno.EPERM: "output.permission",
    errno.EROFS: "output.read_only_fs",
    errno.ENAMETOOLONG: "output.name_too_long",
    errno.ENOENT: "output.folder_gone",
    errno.ENOTDIR: "output.folder_gone",
}


def os_error_of(e: BaseException) -> OSError | None:
    """The OSError behind `e` (XlsxWriter wraps it in its own FileCreateError)."""
    seen = 0
    while e is not None and seen < 5:
        if isinstance(e, OSError):
            return e
        inner = next((a for a in getattr(e, "args", ()) if isinstance(a, OSError)), None)
        e = inner or e.__cause__ or e.__context__
        seen += 1
    return None


def output_error(path: Path, e: OSError) -> OutputError:
    """One clear error for an OS error on the output `path`."""
    code = _ERRNO_CODES.get(e.errno or 0, "output.os_error")
    return OutputError(code, path=path, detail=e.strerror or type(e).__name__)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike,
                  before_replace: Callable[[], object] | None = None) -> Iterator[Path]:
    """Yield a temporary path to write; on success move it over `path` in one step, else
    delete it and leave `path` as it was. OS errors become one OutputError naming `path`.
    `before_replace` runs once the new file is complete on disk, just before it replaces
    the old one (the rollup commits its history there: both or neither)."""
    path = Path(path)
    check_writable(path)
    folder = path.parent if str(path.parent) else Path(".")
    remove_leftovers(folder)
    tmp = temp_path(path)
    try:
        yield tmp
        if not tmp.exists():  # the writer wrote nothing: that is our bug, not the disk's
            raise FileNotFoundError(errno.ENOENT, "no output was produced", str(tmp))
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode)
        if before_replace is not None:
            before_replace()
        os.replace(tmp, path)
        _fsync_folder(folder)
    except BaseException as e:
        with contextlib.suppress(OSError):
            tmp.unlink()
        os_error = os_error_of(e)
        if os_error is not None and not isinstance(e, OutputError):
            raise output_error(path, os_error) from None
        raise


def needs_quoting(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


# characters XML 1.0 cannot hold (they corrupt an xlsx file)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
CELL_LIMIT = 32767  # characters an Excel cell holds


def clean_text(value: object) -> str:
    """Text for an output cell: characters that would corrupt the xlsx XML removed, and no
    longer than the 32,767 characters a cell holds."""
    text = value if isinstance(value, str) else str(value)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    return text[:CELL_LIMIT]
