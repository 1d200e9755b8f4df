"""Find and read rep weekly workbooks for a rollup, on every core.

Nothing here imports pandas. `start_reading` forks the reading processes first, so the
command line imports pandas and the rest of the rollup (a fifth of a second) while the
workbooks are already being read instead of before.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from ..errors import InputError, SalesbookError
from ..io.messages import say as say_input
from ..io.reader import recoverable
from ..io.rep_books import RepWeek, read_rep_week
from ..io.writer import check_writable
from ..io.xlsx_scan import stamped_lang
from ..problems import Problem, Severity

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# read too, so that a rep who sent one of these hears why it was not counted
OTHER_SUFFIXES = (".xls", ".xlsb", ".xltx", ".xltm", ".ods", ".et", ".numbers", ".csv")
PARALLEL_FROM = 24  # files; below this a process pool costs more than it saves

_MSG = {
    "owner": ("Excel 的临时锁定文件，已忽略", "an Excel lock file; ignored"),
    "open_in_excel": ("此文件正在 Excel 中打开（旁边有 {owner}）：读取的是最后保存的版本",
                      "this file is open in Excel ({owner} beside it): the last saved version "
                      "was read"),
}


def say(key: str, lang: str, **kw: Any) -> str:
    zh, en = _MSG[key]
    return (zh if lang == "zh" else en).format(**kw)


def collect(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """(files to read, Excel owner files `~$...`) from files and folders. Old and foreign
    spreadsheet files are read too, so the problems sheet says why they did not count."""
    files, owners = [], []
    suffixes = WORKBOOK_SUFFIXES + OTHER_SUFFIXES
    for p in paths:
        p = Path(p)
        if p.is_dir():
            candidates = sorted(x for x in p.iterdir()
                                if x.is_file() and x.suffix.lower() in suffixes)
        elif p.exists():
            candidates = [p]
        else:
            raise InputError(f"{p}: no such file or folder")
        for c in candidates:
            (owners if c.name.startswith("~$") else files).append(c)
    return files, owners


def owner_problems(files: list[Path], owners: list[Path], lang: str) -> list[Problem]:
    """Lock files are set aside; the workbook each belongs to is read, with a note that
    Excel has it open (what is on disk is its last saved version)."""
    problems = []
    for o in owners:
        problems.append(Problem(Severity.INFO, o.name, "", "", say("owner", lang)))
        stem = o.name[2:]
        for f in files:  # Excel drops the first two characters of a long name
            if f.parent == o.parent and (f.name == stem or f.name[2:] == stem):
                problems.append(Problem(Severity.WARNING, f.name, "", "",
                                        say("open_in_excel", lang, owner=o.name)))
    return problems


def read_safely(path: Path, lang: str | None = None) -> RepWeek:
    """read_rep_week, except that nothing can escape it: one file never stops the batch,
    even through a fault of ours."""
    try:
        return read_rep_week(path, lang)
    except BaseException as e:  # a bug, or a case nobody foresaw: say so, and go on
        if not recoverable(e):
            raise
        week = RepWeek(path=Path(path), ok=False)
        week.problems.append(Problem(Severity.ERROR, Path(path).name, "", "",
                                     say_input("internal", lang or "en",
                                               detail=f"{type(e).__name__}: {e}"[:300])))
        return week


class Reading:
    """Workbooks being read, in order; on all cores when there are many. `weeks()` waits
    for them; `close()` stops whatever is left (a reading nobody collects)."""

    def __init__(self, paths: list[Path], files: list[Path], owners: list[Path]):
        self.paths, self.files, self.owners = paths, files, owners
        self.rep_mode = len(paths) == 1 and paths[0].is_file()
        self._pool: ProcessPoolExecutor | None = None
        self._results: Iterator[RepWeek] | None = None
        if len(files) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1 and \
                "fork" in multiprocessing.get_all_start_methods():
            ctx = multiprocessing.get_context("fork")
            # the readers build many small objects and no cycles: no cycle collection
            self._pool = ProcessPoolExecutor(max_workers=os.cpu_count(), mp_context=ctx,
                                             initializer=gc.disable)
            self._results = self._pool.map(read_safely, files,
                                           chunksize=max(1, len(files) // 16))

    def weeks(self, progress: Callable[[int], None] | None = None) -> list[RepWeek]:
        results = self._results if self._results is not None else map(read_safely, self.files)
        out = []
        try:
            for week in results:
                out.append(week)
                if progress:
                    progress(1)
        finally:
            self.close()
        return out

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def start_reading(paths: list[str | Path], out: str | Path | None = None,
                  lang: str | None = None) -> Reading:
    """Find the workbooks and start reading them. A team report that cannot be written
    (`out` in a missing folder, read-only, open in Excel) stops here, before any reading."""
    paths = [Path(p) for p in paths]
    files, owners = collect(paths)
    rep_mode = len(paths) == 1 and paths[0].is_file()
    if out and not rep_mode:
        check_output(Path(out), files, lang)
    return Reading(paths, files, owners)


def check_output(out: Path, files: list[Path], lang: str | None) -> None:
    """Refuse an output that cannot be written, in the language most of the reps'
    workbooks are stamped with (the report's language), before any of them is read."""
    try:
        check_writable(out, lang or "en")
    except SalesbookError:
        if lang is None:
            langs = Counter(stamped_lang(f) for f in files)
            lang = "zh" if langs["zh"] >= langs["en"] else "en"
        check_writable(out, lang)
        raise
