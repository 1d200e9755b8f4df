"""Find and read rep weekly workbooks for a rollup, on every core.

Nothing here imports pandas. `start_reading` forks the reading processes first, so the
command line imports pandas and the rest of the rollup (a fifth of a second) while the
workbooks are already being read instead of before.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from ..catalogue import msg, set_run_lang
from ..errors import SalesbookError
from ..io.folders import Found, find_workbooks, owner_problems
from ..io.reader import recoverable
from ..io.rep_books import RepWeek, read_rep_week
from ..io.writer import check_writable
from ..io.xlsx_scan import stamped_lang
from ..problems import Problem, Severity
from ..workers import Pool

PARALLEL_FROM = 24  # files; below this forking workers costs more than it saves


def read_safely(item: tuple[Path, str]) -> RepWeek:
    """read_rep_week, except that nothing can escape it: one file never stops the batch,
    even through a fault of ours."""
    path, name = item
    try:
        return read_rep_week(path, name)
    except BaseException as e:  # a bug, or a case nobody foresaw: say so, and go on
        if not recoverable(e):
            raise
        week = RepWeek(path=Path(path), name=name, ok=False)
        week.problems.append(Problem(Severity.ERROR, name, "", "", msg(
            "file.internal", detail=f"{type(e).__name__}: {e}"[:300])))
        return week


class Reading:
    """Workbooks being read, in order; on all cores when there are many. `weeks()` waits
    for them; `close()` stops whatever is left (a reading nobody collects)."""

    def __init__(self, paths: list[Path], found: Found):
        self.paths, self.found = paths, found
        self.files, self.owners = found.files, found.owners
        self.rep_mode = len(paths) == 1 and paths[0].is_file()
        items = [(f, _shown_name(f, paths)) for f in found.files]
        self._pool = Pool(read_safely, items, parallel_from=PARALLEL_FROM)
        self._results = self._pool.results()  # the workers start now

    def weeks(self, progress: Callable[[int], None] | None = None) -> list[RepWeek]:
        out = []
        try:
            for week in self._results:
                out.append(week)
                if progress:
                    progress(1)
        finally:
            self.close()
        return out

    def problems(self) -> list[Problem]:
        """What the folder scan did not read, and the lock files it set aside."""
        return [*self.found.skipped, *owner_problems(self.files, self.owners)]

    def close(self) -> None:
        self._pool.close()


def _shown_name(path: Path, roots: list[Path]) -> str:
    """A file's name as rows and problems show it: relative to the folder it was found
    in, so that two `张伟.xlsx` in two region folders stay two files."""
    for root in roots:
        if root.is_dir():
            try:
                return str(path.relative_to(root))
            except ValueError:
                continue
    return path.name


def start_reading(paths: list[str | Path], out: str | Path | None = None, *,
                  recursive: bool = True, lang: str | None = None) -> Reading:
    """Find the workbooks and start reading them. A team report that cannot be written
    (`out` in a missing folder, read-only, open in Excel) stops here, before any reading,
    in the language most of the workbooks are stamped with (the report's)."""
    paths = [Path(p) for p in paths]
    found = find_workbooks(paths, recursive=recursive)
    rep_mode = len(paths) == 1 and paths[0].is_file()
    if out and not rep_mode:
        try:
            check_writable(Path(out))
        except SalesbookError:
            if lang is None:
                langs = Counter(stamped_lang(f) for f in found.files)
                lang = "zh" if langs["zh"] >= langs["en"] else "en"
            set_run_lang(lang)
            raise
    return Reading(paths, found)
