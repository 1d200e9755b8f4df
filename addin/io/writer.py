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


def _owner_beside(path: Path) -> Path | None:
    for owner in (owner_file(path), path.with_name("~$" + path.name)):
        if owner.exists():
            return owner
    return None


def excel_has_open(path: Path) -> bool:
    return _owner_beside(path) is not None


def _read_only(path: Path) -> bool:
    """No write permission for us, or no write bit at all (the 'read-only' a user sets;
    it also holds for root, whom os.access lets write anything)."""
    return not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222


_LOCKED = {
    "open": ("{path}：文件正在 Excel 中打开（旁边有 {owner}）。"
             "请在 Excel 中关闭后重试；未写入任何内容。",
             "{path}: the file is open in Excel (found {owner} beside it). Close it in Excel "
             "and run again; nothing was written."),
    "read_only": ("{path}：文件是只读的；未写入任何内容。",
                  "{path}: the file is read-only; nothing was written."),
    "no_folder": ("{path}：文件夹 {folder} 不存在；未写入任何内容。",
                  "{path}: the folder {folder} does not exist; nothing was written."),
    "folder_read_only": ("{path}：文件夹 {folder} 不可写；未写入任何内容。",
                         "{path}: the folder {folder} is not writable; nothing was written."),
}


def _locked(key: str, lang: str | None, **kw: object) -> OutputLockedError:
    zh, en = _LOCKED[key]
    return OutputLockedError((zh if lang == "zh" else en).format(**kw))


def check_writable(path: Path, lang: str | None = None) -> None:
    """Raise OutputLockedError (in `lang`) when the destination is open in Excel, read-only,
    or in a folder that cannot be written."""
    path = Path(path)
    owner = _owner_beside(path)
    if owner is not None:
        raise _locked("open", lang, path=path, owner=owner.name)
    if path.exists() and _read_only(path):
        raise _locked("read_only", lang, path=path)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise _locked("no_folder", lang, path=path, folder=parent)
    if _read_only(parent):
        raise _locked("folder_read_only", lang, path=path, folder=parent)


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
