"""Find the workbooks a job reads in the files and folders it was given.

Folders are read with their subfolders (reports filed per region or per week) unless the
user asks for the top folder only. Links are followed, but never in a circle and never to
a folder or file already read. Every file that is not read is named with the reason (not
a workbook, Excel's lock file, a temporary file of ours, a link loop, a folder that cannot
be opened): a report that covers part of a team must say so.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..problems import Problem, Severity, problem
from .writer import is_temp_file

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# read too, so that a rep who sent one of these hears why it was not counted
OTHER_SUFFIXES = (".xls", ".xlsb", ".xltx", ".xltm", ".ods", ".et", ".numbers", ".csv")


@dataclass
class Found:
    """What a scan found: files to read, Excel owner files, and what was not read."""

    files: list[Path] = field(default_factory=list)
    owners: list[Path] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    folders: int = 0  # folders read

    def as_json(self) -> dict:
        return {"files": len(self.files), "folders": self.folders,
                "not_read": len(self.skipped)}


def find_workbooks(paths: list[Path], *, recursive: bool = True) -> Found:
    """Every file to read under `paths` (files are taken as given), in a stable order."""
    found = Found()
    seen_dirs: dict[tuple[int, int], Path] = {}
    seen_files: dict[tuple[int, int], Path] = {}
    for p in map(Path, paths):
        if p.is_dir():
            _walk(p, p, found, seen_dirs, seen_files, recursive, ancestors=())
        elif p.exists():
            _take(p, p.parent, found, seen_files, explicit=True)
        else:
            raise InputError("file.no_such_path", path=p)
    return found


def _shown(path: Path, root: Path) -> str:
    """A path as the problems sheet shows it: relative to the folder given (the folder
    itself by its name)."""
    if path == root:
        return root.name or str(root)
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _walk(folder: Path, root: Path, found: Found, seen_dirs: dict, seen_files: dict,
          recursive: bool, ancestors: tuple[tuple[int, int], ...]) -> None:
    try:
        st = folder.stat()
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        found.skipped.append(problem(Severity.WARNING, "scan.unreadable_folder",
                                     _shown(folder, root), detail=e.strerror or str(e)))
        return
    ident = (st.st_dev, st.st_ino)
    if ident in ancestors:
        found.skipped.append(problem(Severity.INFO, "scan.link_loop", _shown(folder, root)))
        return
    if ident in seen_dirs:
        found.skipped.append(problem(Severity.INFO, "scan.same_folder", _shown(folder, root),
                                     folder=_shown(seen_dirs[ident], root)))
        return
    seen_dirs[ident] = folder
    found.folders += 1
    below = (*ancestors, ident)
    subfolders = []
    for entry in entries:
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()  # follows links
        except OSError:
            is_dir = False
        if is_dir:
            subfolders.append(path)
        else:
            _take(path, root, found, seen_files)
    for sub in subfolders:
        if recursive:
            _walk(sub, root, found, seen_dirs, seen_files, recursive, below)
        else:
            found.skipped.append(problem(Severity.INFO, "scan.subfolders_skipped",
                                         _shown(sub, root), folders=sub.name))


def _take(path: Path, root: Path, found: Found, seen_files: dict,
          explicit: bool = False) -> None:
    name = path.name
    where = path.name if explicit else _shown(path, root)
    if name.startswith("~$"):
        found.owners.append(path)
        return
    if is_temp_file(path):
        found.skipped.append(problem(Severity.INFO, "scan.temporary", where))
        return
    if not explicit and path.suffix.lower() not in WORKBOOK_SUFFIXES + OTHER_SUFFIXES:
        found.skipped.append(problem(Severity.INFO, "scan.not_workbook", where))
        return
    try:
        st = path.stat()
    except OSError as e:  # a broken link, or no permission
        found.skipped.append(problem(Severity.ERROR, "file.cannot_open", where,
                                     error=e.strerror or type(e).__name__))
        return
    ident = (st.st_dev, st.st_ino)
    if ident in seen_files:
        found.skipped.append(problem(Severity.INFO, "scan.same_file", where,
                                     file=seen_files[ident].name))
        return
    seen_files[ident] = path
    found.files.append(path)


def owner_problems(files: list[Path], owners: list[Path]) -> list[Problem]:
    """Lock files are set aside; the workbook each belongs to is read, with a note that
    Excel has it open (what is on disk is its last saved version)."""
    problems = []
    for o in owners:
        problems.append(problem(Severity.INFO, "scan.owner_file", o.name))
        stem = o.name[2:]
        for f in files:  # Excel drops the first two characters of a long name
            if f.parent == o.parent and (f.name == stem or f.name[2:] == stem):
                problems.append(problem(Severity.WARNING, "scan.open_in_excel", f.name,
                                        owner=o.name))
    return problems
