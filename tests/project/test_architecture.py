"""The architecture holds: data walks one way (io reads, core computes, io writes; services
orchestrate), no module imports one above it, no import circle, no module reaches into
another's private names, and every command is documented."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from addin.cli import main

PACKAGE = ROOT / "addin"
WORKBOOK_LIBRARIES = {"openpyxl", "xlwings", "xlsxwriter", "python_calamine"}
# each floor may import its own floor and the floors below it, never one above
FLOORS = {
    "catalogue": 0, "errors": 1, "problems": 1, "schema": 1, "workers": 1,
    "core": 2, "sample": 2, "io": 3, "services": 4, "excel": 5, "cli": 6, "__init__": 0,
}


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module imported, names taken from it, line) for every import of a file, relative
    imports resolved to absolute module names (the ones under `if TYPE_CHECKING` too)."""
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, [], node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names = [a.name for a in node.names]
            if node.module is None:  # from . import x: x is a module
                found += [(f"{module}.{n}", [], node.lineno) for n in names]
            else:
                found.append((module, names, node.lineno))
    return found


def floor(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "addin":
        return None
    return FLOORS.get(parts[1] if len(parts) > 1 else "__init__")


def sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_core_imports_no_workbook_library_and_nothing_above_it():
    for path in (PACKAGE / "core").rglob("*.py"):
        for module, _, line in imports(path):
            assert module.split(".")[0] not in WORKBOOK_LIBRARIES, f"{path}:{line} {module}"
            assert not module.startswith(("addin.io", "addin.services", "addin.excel")), \
                f"{path}:{line}: core imports {module}"


def test_no_module_imports_one_above_it():
    """catalogue < errors, problems, schema < core < io < services < excel < cli: io never
    imports services, core neither io nor services, and so on."""
    offences = []
    for path in sources():
        own = floor(module_name(path))
        for module, _, line in imports(path):
            other = floor(module)
            if own is not None and other is not None and other > own:
                offences.append(f"{path.relative_to(ROOT)}:{line}: imports {module}")
    assert offences == [], "\n".join(offences)


def test_there_is_no_import_circle():
    graph: dict[str, set[str]] = {}
    known = {module_name(p) for p in sources()}
    for path in sources():
        me = module_name(path)
        graph[me] = set()
        for module, names, _ in imports(path):
            for target in (module, *(f"{module}.{n}" for n in names)):
                if target in known and target != me:
                    graph[me].add(target)
    # a package's __init__ importing its own modules is how a package shows its face
    for me in graph:
        graph[me] = {t for t in graph[me] if not (me in known and t.startswith(me + "."))}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                circle = [*stack[stack.index(nxt):], nxt]
                raise AssertionError("import circle: " + " -> ".join(circle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_no_module_takes_another_modules_private_names():
    offences = []
    for path in sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for module, names, line in imports(path):
            if module.startswith("addin"):
                offences += [f"{path.relative_to(ROOT)}:{line}: {module}.{n}"
                             for n in names if n.startswith("_") and not n.startswith("__")]
        aliases = {a.asname or a.name.split(".")[-1] for node in ast.walk(tree)
                   if isinstance(node, (ast.Import, ast.ImportFrom))
                   and (getattr(node, "level", 0) or (getattr(node, "module", "") or "")
                        .startswith("addin") or any(a.name.startswith("addin")
                                                    for a in node.names))
                   for a in node.names}
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and \
                    node.value.id in aliases and node.attr.startswith("_") and \
                    not node.attr.startswith("__"):
                offences.append(f"{path.relative_to(ROOT)}:{node.lineno}: "
                                f"{node.value.id}.{node.attr}")
    assert offences == [], "\n".join(offences)


def test_services_only_orchestrate():
    """A service function reads as the steps of its job: none longer than about 60 lines."""
    long = []
    for path in (PACKAGE / "services").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.end_lineno - node.lineno + 1 > 65:
                long.append(f"{path.name}:{node.name} ({node.end_lineno - node.lineno + 1})")
    assert long == []


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert re.search(rf"salesbook {name}\b", readme), f"`salesbook {name}` not in README"
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0 and result.output.strip()
        for sub in getattr(command, "commands", {}):
            assert re.search(rf"salesbook {name} {sub}\b", readme), \
                f"`salesbook {name} {sub}` not in README"


def test_readme_gives_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Set up", 1)[1].split("##", 1)[0]
    commands = [line for line in block.splitlines() if line.startswith(("pip ", "python"))]
    assert len(commands) == 2, commands
    assert "salesbook demo" in commands[0] and "pytest" in commands[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install, test = (part.strip() for part in commands[1].split("&&"))
    assert test in ci and install.split()[-1] in ci  # the same extras, the same tests


def test_reading_rep_workbooks_needs_no_pandas():
    """The rollup forks its readers before pandas is imported (the import then overlaps
    the reading): the reading side must never pull pandas, numpy or a writer in."""
    code = ("import sys, addin.services.reading, addin.services.rollup_options; "
            "heavy = {'pandas', 'numpy', 'xlsxwriter', 'openpyxl'} & set(sys.modules); "
            "print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]", out.stdout


@pytest.mark.parametrize("script", sorted((ROOT / "benchmarks").glob("bench_*.py")),
                         ids=lambda p: p.name)
def test_every_benchmark_still_starts(script):
    """A benchmark nobody can start measures nothing: each imports what it names today."""
    proc = subprocess.run([sys.executable, str(script), "--help"], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0 and "usage" in proc.stdout.lower(), proc.stderr[-1500:]
