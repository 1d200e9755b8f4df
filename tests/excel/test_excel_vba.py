"""The VBA project writer: MS-OVBA compression that oletools decompresses, a compound
file olefile reads, modules read back as written."""

from __future__ import annotations

import olefile
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oletools.olevba import decompress_stream

from addin.io.cfb import write_cfb
from addin.io.vba import NO_CACHE, compress, decompress, module_from_bas, vba_project

SOURCE = 'Attribute VB_Name = "Probe"\nOption Explicit\n\nPublic Sub Go()\n    x = 1\nEnd Sub\n'


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=9000) | st.text(alphabet="Dim x As Long\r\n ", max_size=20000)
       .map(str.encode))
def test_compression_round_trips_through_oletools(data):
    packed = compress(data)
    assert decompress_stream(bytearray(packed)) == data
    assert decompress(packed) == data


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 4097, 8192, 12289])
def test_chunk_boundaries(size):
    data = bytes((i * 7) % 251 for i in range(size))  # barely compressible
    assert decompress_stream(bytearray(compress(data))) == data


def test_module_text_is_kept_with_crlf_and_its_name():
    m = module_from_bas(SOURCE)
    assert m.name == "Probe"
    assert m.source == SOURCE.replace("\n", "\r\n")
    assert module_from_bas(SOURCE.replace("\n", "\r\n")) == m


@pytest.mark.parametrize("bad", ["Option Explicit\n", 'Attribute VB_Name = "X"\nMsgBox "造访"\n'])
def test_bad_modules_are_refused(bad):
    with pytest.raises(ValueError):
        module_from_bas(bad)


def test_project_streams_read_back_with_olefile():
    project = vba_project([module_from_bas(SOURCE)], ["Sheet1", "Sheet2"])
    ole = olefile.OleFileIO(project)
    names = {"/".join(s) for s in ole.listdir()}
    assert names == {"PROJECT", "PROJECTwm", "VBA/dir", "VBA/_VBA_PROJECT", "VBA/ThisWorkbook",
                     "VBA/Sheet1", "VBA/Sheet2", "VBA/Probe"}
    assert ole.openstream("VBA/_VBA_PROJECT").read() == NO_CACHE
    code = decompress(ole.openstream("VBA/Probe").read()).decode("cp1252")
    assert code == SOURCE.replace("\n", "\r\n")
    text = ole.openstream("PROJECT").read().decode("cp1252")
    assert "Module=Probe" in text and "Document=Sheet2/&H00000000" in text
    assert project == vba_project([module_from_bas(SOURCE)], ["Sheet1", "Sheet2"])


def test_compound_file_with_big_and_small_streams():
    big = bytes(range(256)) * 40  # over the 4096-byte mini-stream cutoff
    tree = {"A": b"small", "Storage": {"Big": big, "Empty": b""}}
    ole = olefile.OleFileIO(write_cfb(tree))
    assert ole.openstream("A").read() == b"small"
    assert ole.openstream("Storage/Big").read() == big
    assert ole.openstream("Storage/Empty").read() == b""
