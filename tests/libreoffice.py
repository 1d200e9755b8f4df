"""LibreOffice as the real spreadsheet engine for tests: recalculate, then read the results.

LibreOffice keeps an xlsx file's cached results unless told otherwise, so the profile used
here sets OOXMLRecalcMode=0 ("always recalculate"); without it a wrong formula would go
unseen.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl
import pytest

ERROR_VALUES = ("#DIV/0!", "#REF!", "#NAME?", "#VALUE!", "#N/A", "#NUM!", "#NULL!", "Err:")

_PROFILE_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_libreoffice() -> str:
    """The soffice path; skip without it, unless CI demands it (SALESBOOK_REQUIRE_LIBREOFFICE=1)."""
    exe = soffice()
    if exe is None:
        reason = "LibreOffice (soffice) is not installed"
        if os.environ.get("SALESBOOK_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail(reason + " but SALESBOOK_REQUIRE_LIBREOFFICE=1", pytrace=False)
        pytest.skip(reason)
    return exe


def _profile() -> Path:
    # one profile per process: two LibreOffice runs sharing a profile collide
    root = Path(tempfile.gettempdir()) / f"salesbook-lo-profile-{os.getpid()}"
    xcu = root / "user" / "registrymodifications.xcu"
    if not xcu.exists():
        xcu.parent.mkdir(parents=True, exist_ok=True)
        xcu.write_text(_PROFILE_XCU, encoding="utf-8")
    return root


def convert(paths: list[Path], out_dir: Path, to: str = "xlsx") -> list[Path]:
    """Open each file in LibreOffice (recalculating every formula) and save it as `to`."""
    exe = require_libreoffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    cmd = [exe, f"-env:UserInstallation=file://{_profile()}", "--headless", "--norestore",
           "--convert-to", to, "--outdir", str(out_dir), *map(str, paths)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=240)
    results = [out_dir / (Path(p).stem + "." + to.split(":")[0]) for p in paths]
    missing = [r for r in results if not r.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {missing}: {proc.stdout}\n{proc.stderr}")
    return results


def error_cells(path: Path) -> list[str]:
    """Every cell whose recalculated value is an error, as 'Sheet!A1=#DIV/0!'."""
    wb = openpyxl.load_workbook(path, data_only=True)
    found = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if isinstance(v, str) and v.startswith(ERROR_VALUES):
                    found.append(f"{ws.title}!{cell.coordinate}={v}")
    return found


def values(path: Path) -> dict[str, dict[str, object]]:
    """sheet -> {cell: value} of a recalculated workbook."""
    wb = openpyxl.load_workbook(path, data_only=True)
    return {ws.title: {c.coordinate: c.value for row in ws.iter_rows() for c in row
                       if c.value is not None} for ws in wb.worksheets}
