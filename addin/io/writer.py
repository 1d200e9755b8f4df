"""Writing outputs safely.

Every output goes to a temporary file beside its destination and is moved into place in
one step, so a reader sees either the complete new file or the untouched old one. An
output that Excel has open (its `~$` owner file sits beside it) is left alone, because
Excel holds it and the user would lose the edits or the write.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import OutputLockedError

# A cell whose text starts with one of these is taken as a formula (or DDE) by Excel or by
# a CSV import; text typed by a rep must never become live in a manager's sheet.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def owner_file(path: Path) -> Path:
    """Excel's lock file: `~$` + the name (Excel drops the first two characters of long names)."""
    name = path.name
    return path.with_name("~$" + (name[2:] if len(name) > 2 else name))


def excel_has_open(path: Path) -> bool:
    return owner_file(path).exists() or path.with_name("~$" + path.name).exists()


def check_writable(path: Path) -> None:
    """Raise OutputLockedError when the destination is open in Excel or cannot be written."""
    path = Path(path)
    if excel_has_open(path):
        raise OutputLockedError(
            f"{path}: the file is open in Excel (found {owner_file(path).name} beside it). "
            "Close it in Excel and run again; nothing was written."
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputLockedError(f"{path}: the file is read-only; nothing was written.")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise OutputLockedError(f"{path}: the folder {parent} does not exist; nothing was written.")
    if not os.access(parent, os.W_OK):
        raise OutputLockedError(f"{path}: the folder {parent} is not writable; "
                                "nothing was written.")


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path; on success move it over `path` in one step, else delete it."""
    path = Path(path)
    check_writable(path)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}", dir=path.parent or "."
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def needs_quoting(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean_text(value: object) -> str:
    """Text for an output cell: control characters (which corrupt xlsx XML) removed, and no
    longer than the 32,767 characters a cell holds."""
    text = value if isinstance(value, str) else str(value)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    return text[:32767]
