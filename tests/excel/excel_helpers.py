"""Helpers of the Excel-door tests: filled macro-enabled workbooks made from the sample
data, and pressing their buttons in headless LibreOffice (tests/excel/lo_macro.py, run by the
system Python that has LibreOffice's `uno` module)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from addin.io.buttons import macro_kit
from addin.io.templates import write_workbook
from addin.schema import workbook

UNO_PYTHON = os.environ.get("SALESBOOK_UNO_PYTHON", "/usr/bin/python3")
DRIVER = ROOT / "tests" / "excel" / "lo_macro.py"
REQUIRE = os.environ.get("SALESBOOK_REQUIRE_LIBREOFFICE") == "1"
WEEK = "2026-W48"


def require_uno() -> None:
    """Skip without LibreOffice and its Python bridge, unless CI demands them."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    has_uno = Path(UNO_PYTHON).exists() and subprocess.run(
        [UNO_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0
    if soffice and has_uno:
        return
    reason = ("LibreOffice (soffice) is not installed" if not soffice else
              f"{UNO_PYTHON} cannot import uno (python3-uno)")
    if REQUIRE:
        pytest.fail(reason + " but SALESBOOK_REQUIRE_LIBREOFFICE=1", pytrace=False)
    pytest.skip(reason)


def press(book: Path, *, press: list[str] = (), calls: list[str] = (),
          python: str | None = None, tmpdir: Path | None = None, buttons: bool = False,
          cells: dict[str, object] | None = None, store: bool = True,
          timeout: int = 600) -> dict:
    """Load `book` in headless LibreOffice, check the project compiled (the Ping canary),
    type `cells` ({"Sheet!A1": value}), press buttons and call macros, then save the
    document (`store`); returns the driver's JSON."""
    require_uno()
    env = {"SALESBOOK_QUIET": "1",
           "SALESBOOK_PYTHON": sys.executable if python is None else python,
           "PYTHONPATH": str(ROOT), "SALESBOOK_LANG": ""}
    if tmpdir is not None:
        env["TMPDIR"] = str(tmpdir)
    cmd = [UNO_PYTHON, str(DRIVER), str(book), "--canary", "Salesbook.Ping"]
    cmd += [f"--env={k}={v}" for k, v in env.items()]
    cmd += [f"--press={p}" for p in press] + [f"--call={c}" for c in calls]
    cmd += [f"--set={k}={v}" for k, v in (cells or {}).items()]
    if buttons:
        cmd.append("--buttons")
    if store:
        cmd.append("--store")
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout)
    assert out["canary"] == "pong LibreOffice", "the VBA project did not compile in LibreOffice"
    return out


def recording_python(folder: Path) -> tuple[str, Path]:
    """A stand-in interpreter that records its command line, then runs the real one."""
    log = folder / "argv.log"
    script = folder / "python-recorder.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" >> "{log}"\nexec "{sys.executable}" "$@"\n',
                      encoding="utf-8")
    script.chmod(0o755)
    return str(script), log


# -- filled macro-enabled workbooks -------------------------------------------------------
def rep_book(folder: Path, rep: str | None = None) -> Path:
    from addin.sample.company import week_contents

    contents = week_contents()
    rep = rep or next(iter(contents))
    lang, content = contents[rep]
    folder.mkdir(parents=True, exist_ok=True)
    return write_workbook(workbook("rep_weekly"), lang, folder / f"{WEEK}_{rep}.xlsm", content,
                          macros=macro_kit("rep_weekly", lang))


def master_book(folder: Path, records: list[dict] | None = None, lang: str = "zh") -> Path:
    from addin.sample.company import demo_records
    from addin.sample.customers import master_content

    spec = workbook("customers")
    folder.mkdir(parents=True, exist_ok=True)
    name = Path(spec.filename(lang)).with_suffix(".xlsm").name
    return write_workbook(spec, lang, folder / name,
                          master_content(records if records is not None else demo_records()),
                          macros=macro_kit("customers", lang))


def targets_book(folder: Path) -> Path:
    from addin.sample.targets import SAMPLE_LANG, targets_content

    spec = workbook("targets")
    folder.mkdir(parents=True, exist_ok=True)
    name = Path(spec.filename(SAMPLE_LANG)).with_suffix(".xlsm").name
    return write_workbook(spec, SAMPLE_LANG, folder / name, targets_content(),
                          macros=macro_kit("targets", SAMPLE_LANG))


def team_book(folder: Path, *, reports: str | None = "reports/" + WEEK,
              targets: str | None = None, history: str | None = None,
              lang: str = "zh") -> Path:
    """A team workbook whose settings point at the sample week (written beside it)."""
    from addin.services.demo import write_sample_week

    folder.mkdir(parents=True, exist_ok=True)
    if reports:
        write_sample_week(folder / reports)
    spec = workbook("team_weekly")
    name = Path(spec.filename(lang)).with_suffix(".xlsm").name
    fields = {"reports_folder": reports, "week": WEEK, "commission_rate": 0.05,
              "targets_file": targets, "history_file": history}
    return write_workbook(spec, lang, folder / name, {"settings": {"fields": fields}},
                          macros=macro_kit("team_weekly", lang))


def cli(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """The real command line, in a subprocess."""
    proc = subprocess.run([sys.executable, "-m", "addin.cli", *args], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if check:
        assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return proc


def cli_json(*args: str) -> dict:
    return json.loads(cli(*args).stdout)
