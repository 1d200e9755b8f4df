"""The architecture holds: core is pure pandas, every command is documented."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

from click.testing import CliRunner
from conftest import ROOT

from addin.cli import main

FORBIDDEN = {"openpyxl", "xlwings", "xlsxwriter", "python_calamine", "calamine"}


def test_core_imports_no_workbook_library():
    for path in (ROOT / "addin" / "core").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.ImportFrom) and node.level and node.module:
                assert not node.module.startswith("io"), f"{path}: core imports addin.io"
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN, f"{path} imports {name}"


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert re.search(rf"salesbook {name}\b", readme), f"`salesbook {name}` not in README"
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0 and result.output.strip()


def test_readme_gives_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Set up", 1)[1].split("##", 1)[0]
    commands = [line for line in block.splitlines() if line.startswith(("pip ", "python"))]
    assert len(commands) == 2, commands
    assert "salesbook demo" in commands[0] and "pytest" in commands[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1].split("&&")[-1].strip() in ci


def test_reading_rep_workbooks_needs_no_pandas():
    """The rollup forks its readers before pandas is imported (the import then overlaps
    the reading): the reading side must never pull pandas, numpy or a writer in."""
    code = ("import sys, addin.services.reading as r; "
            "heavy = {'pandas', 'numpy', 'xlsxwriter', 'openpyxl'} & set(sys.modules); "
            "print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]", out.stdout
