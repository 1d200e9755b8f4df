"""`salesbook excel-setup` and `salesbook bundle`: the one-time guide in the user's
language, and an offline installer whose wheelhouse resolves for Windows without PyPI."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from excel_helpers import cli

from addin.catalogue import say
from addin.excel.bundle import PYTHON_VERSIONS, build_bundle
from addin.excel.setup import MAC_SCRIPT_COMMAND, guide


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_guide_speaks_the_users_language_and_names_the_templates(lang, tmp_path):
    proc = cli("excel-setup", "--lang", lang)
    assert proc.returncode == 0
    text = proc.stdout
    assert say("setup.title", lang) in text and say("button.week", lang) in text
    assert MAC_SCRIPT_COMMAND in text and "osacompile" in text
    assert "Interpreter_Win" in text and "salesbook.conf" in text
    from addin.excel.setup import templates_folder

    assert str(templates_folder()) in text
    other = "en" if lang == "zh" else "zh"
    assert say("setup.title", other) not in text
    assert str(tmp_path) in guide(lang, tmp_path)


def _pypi_reachable() -> bool:
    try:
        urllib.request.urlopen("https://pypi.org/simple/click/", timeout=8).close()
        return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    if not _pypi_reachable():
        if os.environ.get("SALESBOOK_REQUIRE_NETWORK") == "1":
            pytest.fail("PyPI is not reachable but SALESBOOK_REQUIRE_NETWORK=1")
        pytest.skip("building the wheelhouse needs PyPI, which is not reachable")
    return build_bundle(tmp_path_factory.mktemp("bundle") / "salesbook-offline")


def _dry_run(wheelhouse: Path, platform: str, version: str, target: Path
             ) -> subprocess.CompletedProcess:
    # pip 23 checks Requires-Python against the running interpreter even with
    # --python-version; the platform and ABI tags still pick each version's own wheels
    return subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--find-links",
         str(wheelhouse), "--platform", platform, "--python-version", version,
         "--implementation", "cp", "--only-binary=:all:", "--ignore-requires-python",
         "--target", str(target), "--disable-pip-version-check", "salesbook"],
        capture_output=True, text=True)


@pytest.mark.network
@pytest.mark.parametrize("version", PYTHON_VERSIONS)
def test_the_wheelhouse_resolves_offline_for_windows(bundle, version, tmp_path):
    proc = _dry_run(bundle.wheelhouse, "win_amd64", version, tmp_path)
    assert proc.returncode == 0, proc.stderr[-1500:]
    assert "salesbook-" in proc.stdout and "pandas-" in proc.stdout
    tag = "cp" + version.replace(".", "")
    assert any(w.name.endswith(f"-{tag}-win_amd64.whl") and w.name.startswith("pandas")
               for w in bundle.wheels)


@pytest.mark.network
def test_the_wheelhouse_is_for_windows_only(bundle, tmp_path):
    proc = _dry_run(bundle.wheelhouse, "manylinux2014_x86_64", "3.11", tmp_path)
    assert proc.returncode != 0


@pytest.mark.network
def test_the_installer_folder(bundle):
    out = bundle.out
    cmd = (out / "setup.cmd").read_bytes()
    assert cmd.startswith(b"@echo off\r\nchcp 65001") and b"\r\n" in cmd
    text = cmd.decode("utf-8")
    assert '--no-index --find-links "%~dp0wheelhouse"' in text
    assert say("bundle.setup_no_python", "zh") in text
    assert "--no-index --find-links wheelhouse" in (out / "setup.sh").read_text("utf-8")
    assert {p.suffix for p in bundle.templates} == {".xlsx", ".xlsm"}
    assert (out / "templates" / "zh" / "销售员周报簿.xlsm").exists()
    assert (out / "GUIDE-zh.txt").read_text("utf-8") == guide("zh", out / "templates")
    assert [w.name for w in bundle.wheels if w.name.startswith("salesbook-")]
