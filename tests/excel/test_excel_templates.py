"""The macro-enabled templates: generated beside the .xlsx ones, committed, deterministic,
their VBA equal to macros/*.bas with no compiled cache, every button wired to a macro
that exists, captioned in the template's language; the .xlsx stay macro-free."""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import olefile
import openpyxl
import pytest
from conftest import ROOT
from oletools.olevba import VBA_Parser, decompress_stream

from addin.catalogue import say
from addin.io.buttons import MACROS, MODULE_FILES, PLACES
from addin.io.reader import read_workbook
from addin.io.templates import CONF_SHEET, TEXT_SHEET
from addin.io.vba import NO_CACHE
from addin.schema import LANGS, WORKBOOKS, workbook
from addin.services.templates import macro_template_path, make_templates

COMMITTED = ROOT / "workbook_templates"
MACROS_DIR = ROOT / "macros"
BOOKS = [(key, lang) for key in PLACES for lang in LANGS]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("templates")
    make_templates(out)
    return out


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _bas(name: str) -> str:
    return (MACROS_DIR / name).read_text(encoding="ascii")


def _public_subs() -> set[str]:
    return set(re.findall(r"^Public Sub (\w+)\(\)", _bas("Salesbook.bas"), re.M))


@pytest.mark.parametrize(("key", "lang"), BOOKS)
def test_committed_xlsm_matches_what_is_generated(generated, key, lang):
    committed = macro_template_path(COMMITTED, key, lang)
    assert committed.exists(), f"missing {committed}: run `salesbook templates`"
    fresh, old = _members(macro_template_path(generated, key, lang)), _members(committed)
    assert sorted(old) == sorted(fresh)
    drifted = [n for n in fresh if fresh[n] != old[n]]
    assert not drifted, (f"{committed} drifted in {drifted}; regenerate with "
                         "`salesbook templates`")


def test_xlsm_is_byte_deterministic_across_processes(tmp_path):
    code = ("import sys; from addin.services.templates import make_templates; "
            "make_templates(sys.argv[1], ('en',))")
    for seed in ("0", "4242"):
        subprocess.run([sys.executable, "-c", code, str(tmp_path / seed)], check=True,
                       cwd=ROOT, env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin",
                                      "PYTHONPATH": str(ROOT)})
    for key in PLACES:
        a = macro_template_path(tmp_path / "0", key, "en").read_bytes()
        b = macro_template_path(tmp_path / "4242", key, "en").read_bytes()
        assert a == b


@pytest.mark.parametrize(("key", "lang"), BOOKS)
def test_xlsm_is_macro_enabled_with_the_bas_source_and_no_cache(generated, key, lang):
    path = macro_template_path(generated, key, lang)
    members = _members(path)
    assert b"application/vnd.ms-excel.sheet.macroEnabled.main+xml" in \
        members["[Content_Types].xml"]
    assert "xl/vbaProject.bin" in members
    parser = VBA_Parser(str(path))
    try:
        got = {stream.split("/")[-1]: code for _, stream, _, code in parser.extract_macros()}
    finally:
        parser.close()
    for name in MODULE_FILES:
        source = _bas(name)
        module = source.splitlines()[0].split('"')[1]
        assert got[module].replace("\r\n", "\n").rstrip("\n") == source.rstrip("\n")
    ole = olefile.OleFileIO(members["xl/vbaProject.bin"])
    streams = ["/".join(s) for s in ole.listdir()]
    assert ole.openstream("VBA/_VBA_PROJECT").read() == NO_CACHE
    assert not [s for s in streams if "__SRP_" in s]
    assert _module_offsets(ole) and set(_module_offsets(ole).values()) == {0}
    # one document module per sheet, named as the sheets' code names
    n_sheets = len(openpyxl.load_workbook(path, read_only=True).sheetnames)
    assert {f"Sheet{i}" for i in range(1, n_sheets + 1)} <= set(got)
    assert b'codeName="ThisWorkbook"' in members["xl/workbook.xml"]
    assert b'codeName="Sheet1"' in members["xl/worksheets/sheet1.xml"]


def _module_offsets(ole: olefile.OleFileIO) -> dict[str, int]:
    """MODULEOFFSET of each module in the dir stream: 0 = the stream is source only."""
    d = decompress_stream(bytearray(ole.openstream("VBA/dir").read()))
    i, name, out = 0, None, {}
    while i + 6 <= len(d):
        rid, size = struct.unpack_from("<HI", d, i)
        if rid == 0x0009:
            size = 6  # PROJECTVERSION: Reserved says 4, six bytes follow
        payload = d[i + 6:i + 6 + size]
        if rid == 0x0019:
            name = payload.decode("latin-1")
        elif rid == 0x0031:
            out[name] = struct.unpack("<I", payload)[0]
        i += 6 + size
    return out


@pytest.mark.parametrize(("key", "lang"), BOOKS)
def test_every_button_runs_a_macro_that_exists_and_speaks_the_language(generated, key, lang):
    path = macro_template_path(generated, key, lang)
    members = _members(path)
    vml = b"".join(v for n, v in members.items() if n.startswith("xl/drawings/vmlDrawing"))
    macros = re.findall(rb"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", vml)
    assert len(macros) == len(PLACES[key])
    assert {m.decode() for m in macros} <= _public_subs()
    assert sorted(m.decode() for m in macros) == sorted(MACROS[p.job] for p in PLACES[key])
    text = vml.decode("utf-8")
    for place in PLACES[key]:
        assert say(f"button.{place.job}", lang) in text
    # each button on the sheet named in PLACES
    spec = workbook(key)
    wb = openpyxl.load_workbook(path, read_only=True)
    index = {name: i for i, name in enumerate(wb.sheetnames, start=1)}
    rels = {n: v for n, v in members.items() if n.startswith("xl/worksheets/_rels/")}
    for place in PLACES[key]:
        sheet_no = index[spec.sheet(place.sheet).label(lang)]
        assert b"vmlDrawing" in rels[f"xl/worksheets/_rels/sheet{sheet_no}.xml.rels"]


@pytest.mark.parametrize(("key", "lang"), BOOKS)
def test_settings_and_texts_sheets(generated, key, lang):
    wb = openpyxl.load_workbook(macro_template_path(generated, key, lang))
    conf = wb[CONF_SHEET]
    assert conf.sheet_state == "visible"
    rows = {conf.cell(r, 1).value: conf.cell(r, 2).value for r in range(1, 7)}
    assert rows == {"Interpreter_Win": None, "Interpreter_Mac": None, "PYTHONPATH": None,
                    "UDF Modules": "addin.excel.udfs", "Use UDF Server": "False",
                    "Show Console": "False"}
    assert conf.cell(7, 1).value is None  # xlwings reads A1's current region only
    texts = wb[TEXT_SHEET]
    assert texts.sheet_state == "hidden"
    found = {texts.cell(r, 1).value: texts.cell(r, 2).value for r in range(1, 40)
             if texts.cell(r, 1).value}
    used = {k for name in MODULE_FILES
            for k in re.findall(r'Txt\("([\w.]+)"\)', _bas(name))}
    used |= {f"button.{job}" for job in MACROS}
    assert used <= set(found)
    assert found["lang"] == lang
    assert "{rc}" in found["not_installed"] and "{log}" in found["not_installed"]
    assert found["button.week"] == say("button.week", lang)


@pytest.mark.parametrize(("key", "lang"), BOOKS)
def test_xlsm_reads_like_the_xlsx(generated, key, lang):
    data = read_workbook(macro_template_path(generated, key, lang))
    assert data.spec is WORKBOOKS[key] and data.lang == lang
    assert not [p for p in data.problems if p.severity == "error"]


def test_xlsx_templates_stay_macro_free():
    for path in COMMITTED.glob("*/*.xlsx"):
        members = _members(path)
        assert "xl/vbaProject.bin" not in members, path
        assert not [n for n in members if "vmlDrawing" in n], path
        assert b"macroEnabled" not in members["[Content_Types].xml"], path


def test_every_bas_is_ascii_and_names_its_module():
    for name in MODULE_FILES:
        text = (MACROS_DIR / name).read_bytes()
        assert text.isascii(), name
        assert text.decode().startswith(f'Attribute VB_Name = "{Path(name).stem}"')


@pytest.mark.libreoffice
def test_libreoffice_opens_every_xlsm_without_error_cells(generated, tmp_path):
    from libreoffice import convert, error_cells

    paths = [macro_template_path(generated, key, lang) for key, lang in BOOKS]
    for converted in convert(paths, tmp_path):
        assert error_cells(converted) == [], converted
