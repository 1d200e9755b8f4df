"""One bilingual message catalogue: every code renders in both languages with the same
parameters, the reference in docs is generated from it, every code is used, and no
user-facing sentence lives anywhere else in the package."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import ROOT

from addin.catalogue import ENTRIES, Message, Text, msg, set_run_lang
from addin.catalogue.docs import reference_markdown

PACKAGE = ROOT / "addin"
CJK = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"{(\w+)")
# where words a person reads may be written: the catalogue, the schema (labels, choices)
# and the sample company (what its reps typed)
WORDS_LIVE_IN = ("catalogue", "schema", "sample")


def test_every_message_speaks_both_languages_with_the_same_parameters():
    for code, e in ENTRIES.items():
        words = re.sub(r"{[^}]*}|salesbook|Excel|\.xlsx|CSV|XML|DOCTYPE|HTML", "", e.zh)
        assert CJK.search(e.zh) or not re.search(r"[A-Za-z]{3}", words), code
        for text in (e.en, e.do_en):
            assert not CJK.search(text), code
        assert set(PLACEHOLDER.findall(e.zh)) == set(PLACEHOLDER.findall(e.en)), code
        assert set(PLACEHOLDER.findall(e.do_zh)) == set(PLACEHOLDER.findall(e.do_en)), code
        assert bool(e.do_zh) == bool(e.do_en), code
        assert "拜访" not in e.zh + e.do_zh and "供给商" not in e.zh + e.do_zh, code


def test_a_message_renders_in_the_run_language_and_its_parameters_too():
    from addin.schema import workbook

    column = workbook("rep_weekly").sheet("report_mon").table("visits").column("order_amount")
    m = msg("cell.formula_error", label=column, error="#DIV/0!")
    assert m.render("zh") == "“订货金额”的公式出错（#DIV/0!），未计入。请修正公式或改填数值"
    assert m.render("en").startswith("Order amount: the formula gives #DIV/0!")
    set_run_lang("zh")
    assert str(m) == m.render("zh")
    nested = msg("file.unreadable", detail=msg("file.xls"))
    assert nested.render("en") == ("cannot read this file: this is an old .xls workbook. Save "
                                   "it as Excel Workbook (.xlsx)")
    assert msg("scan.subfolders_skipped", folders=[Text("甲", "A"), Text("乙", "B")]
               ).render("en").startswith("subfolders A, B")
    assert m.json_params() == {"label": "order_amount", "error": "#DIV/0!"}
    with pytest.raises(KeyError):
        msg("no.such_code")


def test_the_reference_in_docs_is_generated_from_the_catalogue():
    committed = (ROOT / "docs" / "messages.md").read_text(encoding="utf-8")
    assert committed.strip() == reference_markdown().strip(), \
        "docs/messages.md drifted: `salesbook schema --messages > docs/messages.md`"


def _sources() -> dict[Path, ast.Module]:
    return {p: ast.parse(p.read_text(encoding="utf-8")) for p in PACKAGE.rglob("*.py")}


def _strings(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append(node.value)
        elif isinstance(node, ast.JoinedStr):
            found.append("".join(v.value if isinstance(v, ast.Constant) else "{}"
                                 for v in node.values))
    return found


def test_every_code_is_used():
    """A code is used when it is written out, or when its area is completed at run time
    (f"reason.{code}") and its key appears as a word in the package."""
    literal, dynamic_areas, words = set(), set(), set()
    for path, tree in _sources().items():
        if path.parent.name == "catalogue":
            continue
        for s in _strings(tree):
            literal.add(s)
            words.add(s)
            m = re.fullmatch(r"([a-z_]+)\.{}.*", s)
            if m:
                dynamic_areas.add(m.group(1))
    unused = [code for code in ENTRIES if code not in literal and not (
        code.split(".")[0] in dynamic_areas and code.split(".", 1)[1] in words)]
    assert unused == [], f"codes nobody uses: {unused}"


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and \
                    isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value,
                                                                          str):
                ids.add(id(body[0].value))
    return ids


def _help_strings(tree: ast.AST) -> set[int]:
    """Strings of click's help= and of command docstrings: documentation, not run output."""
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in ("help", "metavar"):
            for sub in ast.walk(node.value):
                ids.add(id(sub))
    return ids


def test_no_user_facing_sentence_outside_the_catalogue():
    """Outside the catalogue, the schema and the sample data: no Chinese text but in
    docstrings, and nothing printed or raised that is not a catalogue message."""
    offences = []
    for path, tree in _sources().items():
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] in WORDS_LIVE_IN:
            continue
        skip = _docstrings(tree) | _help_strings(tree)
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                    CJK.search(node.value) and not _is_input_word(rel, node.value):
                offences.append(f"{rel}:{node.lineno}: {node.value[:40]!r}")
            if isinstance(node, ast.Call) and _called(node) in ("echo", "secho", "print"):
                for arg in node.args:
                    text = _printed(arg)
                    if re.search(r"[A-Za-z]{3,}", re.sub(r"{[^}]*}", "", text)):
                        offences.append(f"{rel}:{node.lineno}: prints {text[:40]!r}")
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and \
                    _called(node.exc).endswith("Error") and node.exc.args and \
                    _called(node.exc) not in BUGS:
                first = node.exc.args[0]
                if isinstance(first, (ast.Constant, ast.JoinedStr)):
                    text = "".join(_strings(first))
                    if text not in ENTRIES and not re.fullmatch(r"[a-z_]+\.\{\}", text):
                        offences.append(f"{rel}:{node.lineno}: raises {text[:40]!r}")
    assert offences == [], "\n".join(offences)


BUGS = ("ValueError", "RuntimeError", "TypeError", "KeyError", "AssertionError",
        "LateStringError",  # raised for a fault of ours, never shown as a message
        "PatchError")  # the summary's fast path gives way to the whole rewrite


def _printed(arg: ast.AST) -> str:
    """The literal text a print call writes itself (not what say() renders)."""
    if isinstance(arg, ast.Call) and _called(arg) in ("say", "render", "text", "dumps",
                                                      "msg", "str"):
        return ""
    if isinstance(arg, ast.BinOp):
        return _printed(arg.left) + _printed(arg.right)
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    if isinstance(arg, ast.JoinedStr):  # the literal parts, not what is formatted in
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in arg.values)
    return ""


def _called(call: ast.Call) -> str:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def _is_input_word(rel: Path, value: str) -> bool:
    """Words the product reads (what people type: 上午, 万, 是, the font a sheet uses), not
    words it says."""
    return rel.as_posix() in ("io/values.py", "core/timeprogress.py", "io/styles.py",
                              "io/actuals.py") or \
        (rel.as_posix() in ("core/planning.py", "io/reader.py") and len(value) <= 12)


def test_problems_and_errors_carry_messages():
    from addin.errors import InputError
    from addin.problems import Severity, problem

    p = problem(Severity.ERROR, "cell.required_blank", "a.xlsx", "周一日报", "B3",
                label=Text("销售员", "Rep"))
    assert isinstance(p.message, Message) and p.as_dict("en")["code"] == "cell.required_blank"
    assert p.as_dict("zh")["message"] == "必填项“销售员”为空"
    e = InputError("file.no_such_path", path="x.xlsx")
    assert e.code == "file.no_such_path" and e.render("en") == \
        "x.xlsx: no such file or folder. Check the path"
