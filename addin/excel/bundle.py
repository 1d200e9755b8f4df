"""`salesbook bundle`: an offline installer folder for machines without internet access
(or without pip access to PyPI):

    OUT/wheelhouse/   salesbook's own wheel and every dependency, for the platform and for
                      each supported Python version (pip download --only-binary=:all:)
    OUT/templates/    the templates, .xlsx and macro-enabled .xlsm, both languages
    OUT/setup.cmd     installs from the wheelhouse with the py launcher (Windows)
    OUT/setup.sh      the same for macOS
    OUT/GUIDE-zh.txt, OUT/GUIDE-en.txt   the one-time setup (salesbook excel-setup)

The wheelhouse is fetched once, here, with pip's platform options; the target machine
installs with `--no-index --find-links wheelhouse`.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..catalogue import say
from ..errors import ConfigError
from ..schema import LANGS
from .setup import guide

PYTHON_VERSIONS = ("3.11", "3.12", "3.13")
SOURCE_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Bundle:
    out: Path
    wheelhouse: Path
    wheels: list[Path] = field(default_factory=list)
    templates: list[Path] = field(default_factory=list)
    scripts: list[Path] = field(default_factory=list)


def build_bundle(out: str | Path, *, platform: str = "win_amd64",
                 python_versions: tuple[str, ...] = PYTHON_VERSIONS,
                 extras: tuple[str, ...] = (), lang: str = "zh") -> Bundle:
    """Write the installer folder `out` (created; an existing wheelhouse is reused)."""
    from ..services.templates import make_templates

    if not (SOURCE_ROOT / "pyproject.toml").exists():
        raise ConfigError("bundle.no_source", root=SOURCE_ROOT)
    out = Path(out)
    bundle = Bundle(out, out / "wheelhouse")
    bundle.wheelhouse.mkdir(parents=True, exist_ok=True)
    own = _own_wheel(bundle.wheelhouse)
    requirement = f"{own}[{','.join(extras)}]" if extras else str(own)
    for version in python_versions:
        _pip("download", "--only-binary=:all:", "--platform", platform, "--python-version",
             version, "--implementation", "cp", "--dest", str(bundle.wheelhouse),
             requirement, what=f"download {platform} {version}")
    bundle.wheels = sorted(bundle.wheelhouse.glob("*.whl"))
    bundle.templates = make_templates(out / "templates")
    for code in LANGS:
        path = out / f"GUIDE-{code}.txt"
        path.write_text(guide(code, out / "templates"), encoding="utf-8")
    bundle.scripts = [_setup_cmd(out, lang), _setup_sh(out, lang)]
    return bundle


def _own_wheel(wheelhouse: Path) -> Path:
    """salesbook's wheel, built from the source tree (pure Python: one for every platform)."""
    for old in wheelhouse.glob("salesbook-*.whl"):
        old.unlink()
    _pip("wheel", "--no-deps", "--wheel-dir", str(wheelhouse),
         str(SOURCE_ROOT), what="wheel salesbook")
    return next(wheelhouse.glob("salesbook-*.whl"))


def _pip(*args: str, what: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "pip", *args, "--quiet",
                           "--disable-pip-version-check"], capture_output=True, text=True)
    if proc.returncode != 0:
        detail = (proc.stderr.strip().splitlines() or ["?"])[-1][:300]
        raise ConfigError("bundle.pip_failed", what=what, detail=detail)


def _setup_cmd(out: Path, lang: str) -> Path:
    """Windows: install from the wheelhouse with the py launcher (else python), then print
    the guide. UTF-8, with the console switched to UTF-8 for the Chinese lines."""
    lines = [
        "@echo off", "chcp 65001 >nul", "setlocal", 'cd /d "%~dp0"',
        'set "PY=py -3"', "%PY% --version >nul 2>nul || set \"PY=python\"",
        "%PY% --version >nul 2>nul || goto nopython",
        f"echo {say('bundle.setup_installing', lang)}",
        '%PY% -m pip install --no-index --find-links "%~dp0wheelhouse" --upgrade salesbook '
        "|| goto failed",
        f"type \"%~dp0GUIDE-{lang}.txt\"",
        f"echo {say('bundle.setup_done', lang, guide=f'GUIDE-{lang}.txt')}",
        "pause", "exit /b 0",
        ":nopython", f"echo {say('bundle.setup_no_python', lang)}", "pause", "exit /b 1",
        ":failed", f"echo {say('bundle.setup_failed', lang)}", "pause", "exit /b 1",
    ]
    path = out / "setup.cmd"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def _setup_sh(out: Path, lang: str) -> Path:
    lines = [
        "#!/bin/sh", 'cd "$(dirname "$0")" || exit 1',
        "PY=$(command -v python3 || command -v python) || "
        f"{{ echo '{say('bundle.setup_no_python', lang)}'; exit 1; }}",
        f"echo '{say('bundle.setup_installing', lang)}'",
        '"$PY" -m pip install --user --no-index --find-links wheelhouse --upgrade salesbook '
        f"|| {{ echo '{say('bundle.setup_failed', lang)}'; exit 1; }}",
        f'cat "GUIDE-{lang}.txt"',
        f"echo '{say('bundle.setup_done', lang, guide=f'GUIDE-{lang}.txt')}'",
    ]
    path = out / "setup.sh"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(0o755)
    return path
