"""The bad-input corpus (tests/io/bad_inputs, made by tests/io/make_bad_corpus.py) through the
rollup and `salesbook check`: every bad file named with sheet, cell and what to do, in the
run's language; the batch goes on; inputs byte-identical; nothing counted twice or
silently as zero; no formula in an output that our template did not make; an output is the
complete new file or the untouched old one."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sqlite3
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import sha256

from addin.cli import main
from addin.schema import workbook

CORPUS = Path(__file__).parent / "bad_inputs"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
FILES = MANIFEST["files"]
TEAM = workbook("team_weekly")
CJK = re.compile(r"[\u4e00-\u9fff]")


def corpus_copy(folder: Path) -> Path:
    """The corpus in a folder of its own, with the save times the manifest asks for."""
    from make_bad_corpus import OWNER_FILE

    folder.mkdir()
    for name in FILES:
        if (CORPUS / name).exists():
            shutil.copyfile(CORPUS / name, folder / name)
        else:  # the owner file: git ignores `~$*`
            assert name == OWNER_FILE[0], f"{name} is missing: run tests/io/make_bad_corpus.py"
            (folder / name).write_bytes(OWNER_FILE[1])
    for name, mtime in MANIFEST["mtimes"].items():
        os.utime(folder / name, (mtime, mtime))
    return folder


def hashes(folder: Path) -> dict[str, str]:
    return {p.name: sha256(p) for p in sorted(folder.iterdir())}


def formula_shapes(path: Path) -> set[tuple[str, str]]:
    """(sheet, formula with numbers masked) of every formula cell of a workbook."""
    wb = openpyxl.load_workbook(path)
    return {(ws.title, re.sub(r"\d+", "#", str(c.value))) for ws in wb.worksheets
            for row in ws.iter_rows() for c in row if c.data_type == "f"}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """The whole corpus in one `salesbook rollup`, once for the module."""
    tmp = tmp_path_factory.mktemp("corpus")
    folder = corpus_copy(tmp / "reports")
    before = hashes(folder)
    out = tmp / "out" / "team.xlsx"
    out.parent.mkdir()
    result = CliRunner().invoke(main, ["rollup", str(folder), "--out", str(out), "--history",
                                       str(tmp / "out" / "h.sqlite"), "--json"])
    return {"result": result, "folder": folder, "before": before, "out": out,
            "history": tmp / "out" / "h.sqlite",
            "data": json.loads(result.output) if result.exit_code == 0 else None}


def test_the_whole_corpus_goes_through_one_rollup(batch):
    """Done when: one batch, a team report plus a problems sheet naming every bad file
    correctly, every input byte-identical afterwards."""
    result = batch["result"]
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    data = batch["data"]
    assert data["week"] == MANIFEST["week"]
    assert hashes(batch["folder"]) == batch["before"]  # no input touched, none added
    # the team report is complete, and nothing but it was left beside it
    assert sorted(p.name for p in batch["out"].parent.iterdir()) == ["h.sqlite", "team.xlsx"]
    wb = openpyxl.load_workbook(batch["out"])
    sheet = TEAM.sheet("problems")
    table = sheet.table("problems")
    ws = wb[sheet.label("zh")]  # most of the corpus is in Chinese, so is the report
    rows = [r for r in ws.iter_rows(min_row=table.first_data_row, values_only=True) if r[0]]
    listed = {r[1] for r in rows}
    for name, spec in FILES.items():
        if spec["expect"]:
            assert name in listed, f"{name} is not on the problems sheet"
    assert len(rows) == len(data["problems"])


@pytest.mark.parametrize("name", sorted(FILES))
def test_each_file_is_named_with_sheet_cell_and_message(batch, name):
    spec = FILES[name]
    problems = [p for p in batch["data"]["problems"] if p["file"] == name]
    for want in spec["expect"]:
        found = [p for p in problems if p["severity"] == want["severity"]
                 and p["sheet"] == want["sheet"] and p["cell"] == want["cell"]
                 and want["text"] in p["message"]]
        assert found, f"{name}: expected {want}, got {problems}"
    for p in problems:  # one language per run: the report's (most of the corpus is zh)
        assert CJK.search(p["message"]), p
        assert p["code"] and "Traceback" not in p["message"]
    if spec["outcome"] in ("unreadable", "skipped"):
        assert any(p["severity"] == "error" for p in problems), name
    if spec["outcome"] == "counted" and not spec["expect"]:
        assert [p for p in problems if p["severity"] == "error"] == [], problems


def test_figures_are_counted_once_and_never_silently_zero(batch):
    data = batch["data"]
    reps = {r["rep"]: r for r in data["reps"]}
    want = {s["rep"]: s["order_amount"] for s in FILES.values() if s["outcome"] == "counted"}
    assert {r: reps[r]["order_amount"] for r in want} == want
    assert set(reps) == set(want)  # no rep from an unreadable or skipped file
    assert data["team"]["order_amount"] == sum(want.values())
    # cells that could not be read are empty in the history store, never 0
    with sqlite3.connect(batch["history"]) as con:
        amounts = con.execute("SELECT order_amount FROM visits WHERE rep = 'Formula Errors' "
                              "AND date = '2026-11-16' ORDER BY seq").fetchall()
        huge = con.execute("SELECT order_amount FROM visits WHERE rep = '天文数字' "
                           "AND date = '2026-11-16' ORDER BY seq").fetchall()
    assert amounts == [(None,), (None,)]
    assert huge == [(None,), (None,)]


def test_no_formula_reaches_the_report_and_typed_text_stays_text(batch, tmp_path):
    from make_bad_corpus import INJECTIONS

    # the formulas a report from clean workbooks holds are the only ones allowed
    clean = tmp_path / "clean"
    clean.mkdir()
    for name in ("good_zh.xlsx", "good_en.xlsx"):
        shutil.copyfile(CORPUS / name, clean / name)
    out = tmp_path / "clean.xlsx"
    assert CliRunner().invoke(main, ["rollup", str(clean), "--out", str(out),
                                     "--json"]).exit_code == 0
    assert formula_shapes(batch["out"]) <= formula_shapes(out)
    wb = openpyxl.load_workbook(batch["out"])
    texts = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    texts.setdefault(c.value.replace("_x000D_", "\r"), []).append(c)
    for text in INJECTIONS:
        cells = texts.get(text.strip() if text.startswith("\t") else text)
        assert cells, text
        assert all(c.data_type == "s" and c.quotePrefix for c in cells), text
    assert "live link" in texts  # a rep's live HYPERLINK formula arrives as its value


def test_owner_file_and_read_only_output_leave_everything_as_it_was(tmp_path):
    folder = corpus_copy(tmp_path / "reports")
    out = tmp_path / "team.xlsx"
    history = tmp_path / "h.sqlite"
    out.write_bytes(b"last week's report")
    owner = tmp_path / "~$team.xlsx"
    owner.write_bytes(b"\x05Admin")
    args = ["rollup", str(folder), "--out", str(out), "--history", str(history)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "Excel" in result.output and "未写入任何内容" in result.output
    assert "Traceback" not in result.output
    assert out.read_bytes() == b"last week's report" and not history.exists()
    owner.unlink()
    out.chmod(0o444)
    try:
        result = CliRunner().invoke(main, args)
    finally:
        out.chmod(0o644)
    assert result.exit_code == 1 and "只读" in result.output
    assert out.read_bytes() == b"last week's report" and not history.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports", "team.xlsx"]
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = CliRunner().invoke(main, ["rollup", str(folder), "--out",
                                           str(locked / "team.xlsx")])
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 1 and "不可写" in result.output
    assert list(locked.iterdir()) == []


def test_a_crash_while_writing_leaves_the_old_report(tmp_path, monkeypatch):
    import xlsxwriter

    folder = corpus_copy(tmp_path / "reports")
    out = tmp_path / "team.xlsx"
    out.write_bytes(b"last week's report")

    def broken_close(self):
        raise OSError("disk full")

    monkeypatch.setattr(xlsxwriter.Workbook, "close", broken_close)
    result = CliRunner().invoke(main, ["rollup", str(folder), "--out", str(out), "--history",
                                       str(tmp_path / "h.sqlite")])
    assert result.exit_code != 0
    assert out.read_bytes() == b"last week's report"
    assert not [p for p in tmp_path.iterdir() if ".tmp" in p.name]


def test_rep_summary_gets_values_only(tmp_path):
    """A rep's own workbook filled by the rollup: the only formulas in it are the
    template's, whatever the rep typed."""
    from make_bad_corpus import INJECTIONS, SPEC, content

    from addin.io.templates import write_workbook

    typed = content("注入", report_mon={"fields": {"attendance": "present",
                                                 "lessons": INJECTIONS[0]},
                                      "tables": {"visits": [
        {"customer": t, "purpose": "order", "outcome": "ordered", "order_amount": 10.0,
         "competitor_info": t} for t in INJECTIONS]}})
    path = write_workbook(SPEC, "zh", tmp_path / "rep.xlsx", typed)
    blank = write_workbook(SPEC, "zh", tmp_path / "blank.xlsx")
    before = sha256(path)
    out = tmp_path / "summary.xlsx"
    result = CliRunner().invoke(main, ["rollup", str(path), "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    assert sha256(path) == before
    assert formula_shapes(out) == formula_shapes(blank)


def test_check_names_every_bad_file_without_a_traceback(tmp_path):
    folder = corpus_copy(tmp_path / "in")
    before = hashes(folder)
    names = [n for n in sorted(FILES) if not n.startswith("~$")]
    result = CliRunner().invoke(main, ["check", "--json", *(str(folder / n) for n in names)])
    assert result.exit_code == 1, result.output
    files = {Path(f["file"]).name: f for f in json.loads(result.output)["files"]}
    assert set(files) == set(names)
    for name in names:
        spec = FILES[name]
        if spec["outcome"] in ("unreadable", "skipped") and name != "other_template.xlsx":
            assert not files[name]["ok"], name
        for p in files[name]["problems"]:
            assert p["file"] == name and "Traceback" not in p["message"]
    assert files["other_template.xlsx"]["workbook"] == "customers"  # a fine customer list
    assert hashes(folder) == before


def test_the_corpus_is_what_the_script_makes():
    """No binary in tests/io/bad_inputs was made by hand: the generator makes the same files
    with the same expectations; the ones it writes itself (.xls, .xlsb, encrypted, text)
    byte for byte, the ones built on a template with the same parts (their bytes follow
    the template: after changing it, run `python tests/io/make_bad_corpus.py`)."""
    import make_bad_corpus

    cases = make_bad_corpus.build()
    assert sorted(name for name, _, _ in cases) == sorted(FILES)
    for name, data, expectation in cases:
        assert expectation == FILES[name], name
        if not (CORPUS / name).exists() and name == make_bad_corpus.OWNER_FILE[0]:
            continue  # git ignores `~$*`; the tests write it
        committed = (CORPUS / name).read_bytes()
        if not data.startswith(b"PK\x03\x04"):
            assert data == committed, name
            continue
        try:
            new, old = zipfile.ZipFile(io.BytesIO(data)), zipfile.ZipFile(io.BytesIO(committed))
        except zipfile.BadZipFile:  # the truncated copy
            with pytest.raises(zipfile.BadZipFile):
                zipfile.ZipFile(io.BytesIO(committed))
            continue
        assert new.namelist() == old.namelist(), name
