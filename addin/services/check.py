"""Job: validate filled workbooks against the schema and list every problem."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..catalogue import set_run_lang
from ..io.reader import WorkbookData, read_workbook, recoverable, required_blanks
from ..problems import Problem, Severity, has_errors, problem
from ..schema import WORKBOOKS, WorkbookSpec


@dataclass
class CheckedFile:
    path: Path
    workbook: str | None
    lang: str | None
    version: str | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def spec(self) -> WorkbookSpec | None:
        return WORKBOOKS.get(self.workbook) if self.workbook else None

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)

    def as_dict(self) -> dict:
        return {"file": str(self.path), "workbook": self.workbook, "lang": self.lang,
                "version": self.version, "ok": self.ok,
                "problems": [p.as_dict() for p in self.problems]}


def _used_sheets(data: WorkbookData) -> set[str]:
    """Sheets somebody typed in: blanks are only worth reporting there."""
    used = set()
    spec = data.spec
    for key, sd in data.sheets.items():
        sheet = spec.sheet(key)
        typed = any(sd.fields.get(f.key) is not None for f in sheet.fields if f.is_input)
        if typed or any(len(df) for df in sd.tables.values()):
            used.add(key)
    return used


def check_file(path: str | Path) -> CheckedFile:
    """Every problem of one file; never raises for what is in the file."""
    try:
        return _check(path)
    except BaseException as e:  # a fault of ours must not stop the other files: say so
        if not recoverable(e):
            raise
        return CheckedFile(Path(path), None, None, None, [problem(
            Severity.ERROR, "file.internal", Path(path).name,
            detail=f"{type(e).__name__}: {e}"[:300])])


def _check(path: str | Path) -> CheckedFile:
    data = read_workbook(path)
    result = CheckedFile(Path(path), data.spec.key if data.spec else None, data.lang,
                         data.version, list(data.problems))
    if data.spec is not None and data.readable:
        used = _used_sheets(data)
        names = {data.sheets[k].name for k in used}
        flagged = {(p.sheet, p.cell) for p in data.problems}
        for sheet_name, cell, label in required_blanks(data):
            if sheet_name in names and (sheet_name, cell) not in flagged:
                result.problems.append(problem(Severity.WARNING, "cell.required_blank",
                                               Path(path).name, sheet_name, cell, label=label))
    return result


def check_files(paths: list[str | Path], lang: str | None = None) -> list[CheckedFile]:
    """Check each file; one bad file never stops the others. Messages are in `lang`, else
    in the language most of the files are in."""
    results = [check_file(p) for p in paths]
    langs = Counter(r.lang for r in results if r.lang)
    set_run_lang(lang or (("zh" if langs["zh"] >= langs["en"] else "en") if langs else None))
    return results
