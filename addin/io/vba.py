"""Build an Office VBA project (`xl/vbaProject.bin`) from plain-text VBA modules (.bas).

Written from the MS-OVBA specification, standard library only:

* the project carries source only: `_VBA_PROJECT` is the 7-byte form with Version
  0xFFFF and no performance cache (MS-OVBA 2.3.4.1), every module stream is just the
  compressed source (MODULEOFFSET 0, no p-code), and there are no `__SRP_` streams, so
  Excel (and LibreOffice) compile the modules from their text when the file opens;
* the record layout is the one LibreOffice's own VBA exporter writes, which Excel opens;
* it is deterministic: the project ID is a uuid5 of a fixed name, the CMG/DPB/GC
  encryption seeds are fixed, and the compound file has no timestamps (addin.io.cfb).

The source is stored in code page 1252, so a .bas module must be ASCII: text in another
language belongs in the workbook's cells, not in the code.
"""

from __future__ import annotations

import struct
import uuid
from dataclasses import dataclass

from .cfb import write_cfb

CODE_PAGE = 1252
ENCODING = "cp1252"
NO_CACHE = b"\xcc\x61\xff\xff\x00\x00\x00"  # _VBA_PROJECT: Version 0xFFFF, no cache
WORKBOOK_BASE = "0{00020819-0000-0000-C000-000000000046}"
WORKSHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"
REFERENCES = (  # what a new Excel project references besides VBA and Excel
    ("stdole", "*\\G{00020430-0000-0000-C000-000000000046}#2.0#0#"
     "C:\\Windows\\System32\\stdole2.tlb#OLE Automation"),
    ("Office", "*\\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#"
     "C:\\Program Files\\Common Files\\Microsoft Shared\\OFFICE16\\MSO.DLL"
     "#Microsoft Office 16.0 Object Library"),
)


# -- MS-OVBA 2.4.1 compression -----------------------------------------------------------
def _copy_token_bits(offset_in_chunk: int) -> tuple[int, int]:
    """(bits for the offset, longest match) at this position of a chunk."""
    bits = max((offset_in_chunk - 1).bit_length(), 4)
    return bits, (0xFFFF >> bits) + 3


def _compress_chunk(chunk: bytes) -> bytes:
    out = bytearray(2)  # header, filled in at the end
    end, pos = len(chunk), 0
    seen: dict[bytes, list[int]] = {}  # 3-byte prefix -> earlier positions
    indexed = 0
    while pos < end:
        flag_at = len(out)
        out.append(0)
        flags = 0
        for bit in range(8):
            if pos >= end:
                break
            for p in range(indexed, pos):
                if p + 3 <= end:
                    seen.setdefault(chunk[p:p + 3], []).append(p)
            indexed = pos
            length, offset = 0, 0
            if pos and pos + 3 <= end:
                limit = min(_copy_token_bits(pos)[1], end - pos)
                for cand in reversed(seen.get(chunk[pos:pos + 3], ())):  # nearest first
                    n = 3
                    while n < limit and chunk[cand + n] == chunk[pos + n]:
                        n += 1
                    if n > length:
                        length, offset = n, pos - cand
                        if n == limit:
                            break
            if length >= 3:
                bits = _copy_token_bits(pos)[0]
                out += struct.pack("<H", ((offset - 1) << (16 - bits)) | (length - 3))
                flags |= 1 << bit
                pos += length
            else:
                out.append(chunk[pos])
                pos += 1
        out[flag_at] = flags
    if len(out) - 2 > 4096:  # incompressible: a raw chunk of exactly 4096 bytes
        return struct.pack("<H", 0x3000 | 4095) + chunk.ljust(4096, b"\x00")
    out[0:2] = struct.pack("<H", 0xB000 | (len(out) - 3))
    return bytes(out)


def compress(data: bytes) -> bytes:
    """An MS-OVBA CompressedContainer holding `data`."""
    return b"\x01" + b"".join(_compress_chunk(data[i:i + 4096])
                              for i in range(0, len(data), 4096))


def decompress(data: bytes) -> bytes:
    """The inverse of `compress` (any conforming container)."""
    if not data or data[0] != 1:
        raise ValueError("not an MS-OVBA compressed container")
    out, pos = bytearray(), 1
    while pos < len(data):
        header = struct.unpack_from("<H", data, pos)[0]
        chunk_end, pos, start = pos + (header & 0x0FFF) + 3, pos + 2, len(out)
        if not header & 0x8000:
            out += data[pos:pos + 4096]
            pos += 4096
            continue
        while pos < chunk_end:
            flags, pos = data[pos], pos + 1
            for bit in range(8):
                if pos >= chunk_end:
                    break
                if flags & (1 << bit):
                    token = struct.unpack_from("<H", data, pos)[0]
                    pos += 2
                    bits = _copy_token_bits(len(out) - start)[0]
                    offset = (token >> (16 - bits)) + 1
                    for _ in range((token & (0xFFFF >> bits)) + 3):
                        out.append(out[-offset])
                else:
                    out.append(data[pos])
                    pos += 1
    return bytes(out)


# -- MS-OVBA 2.4.3 data encryption (the PROJECT stream's CMG, DPB and GC) ------------------
def _encrypt(data: bytes, project_id: str, seed: int) -> str:
    key = sum(project_id.encode("ascii")) & 0xFF
    version_enc, key_enc = seed ^ 2, seed ^ key
    out = [seed, version_enc, key_enc]
    unenc1, enc1, enc2 = key, key_enc, version_enc
    for b in bytes((seed & 6) >> 1) + struct.pack("<I", len(data)) + data:
        e = b ^ ((enc2 + unenc1) & 0xFF)
        out.append(e)
        enc2, enc1, unenc1 = enc1, e, b
    return bytes(out).hex().upper()


# -- the project -------------------------------------------------------------------------
@dataclass(frozen=True)
class Module:
    name: str
    source: str  # the stream's text: Attribute lines, then the code, CRLF line ends
    document: bool = False  # ThisWorkbook / a sheet's module, or a standard module


def document_module(name: str, base: str) -> Module:
    attributes = (f'Attribute VB_Name = "{name}"', f'Attribute VB_Base = "{base}"',
                  "Attribute VB_GlobalNameSpace = False", "Attribute VB_Creatable = False",
                  "Attribute VB_PredeclaredId = True", "Attribute VB_Exposed = True",
                  "Attribute VB_TemplateDerived = False", "Attribute VB_Customizable = True")
    return Module(name, "\r\n".join(attributes) + "\r\n", document=True)


def module_from_bas(text: str) -> Module:
    """A standard module from a .bas file as the VBA editor exports it (its first line
    `Attribute VB_Name = "Name"`). Raises ValueError for a missing name or non-ASCII text."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines[0].startswith("Attribute VB_Name"):
        raise ValueError('a .bas module starts with Attribute VB_Name = "Name"')
    bad = next((i for i, line in enumerate(lines, 1) if not line.isascii()), None)
    if bad is not None:
        raise ValueError(f"line {bad} of a .bas module is not ASCII: put such text in a cell")
    name = lines[0].split("=", 1)[1].strip().strip('"')
    body = "\r\n".join(lines).rstrip("\r\n") + "\r\n"
    return Module(name, body)


def _rec(rid: int, payload: bytes) -> bytes:
    return struct.pack("<HI", rid, len(payload)) + payload


def _dir_stream(name: str, modules: list[Module]) -> bytes:
    d = bytearray()
    d += _rec(0x0001, struct.pack("<I", 1))            # SYSKIND: Win32
    d += _rec(0x0002, struct.pack("<I", 0x409))        # LCID
    d += _rec(0x0014, struct.pack("<I", 0x409))        # LCIDINVOKE
    d += _rec(0x0003, struct.pack("<H", CODE_PAGE))    # CODEPAGE
    d += _rec(0x0004, name.encode(ENCODING))           # NAME
    d += _rec(0x0005, b"") + _rec(0x0040, b"")         # DOCSTRING (+ Unicode)
    d += _rec(0x0006, b"") + _rec(0x003D, b"")         # HELPFILEPATH 1 and 2
    d += _rec(0x0007, struct.pack("<I", 0))            # HELPCONTEXT
    d += _rec(0x0008, struct.pack("<I", 0))            # LIBFLAGS
    d += struct.pack("<HIIH", 0x0009, 4, 1, 0)         # VERSION (Reserved 4, major, minor)
    d += _rec(0x000C, b"") + _rec(0x003C, b"")         # CONSTANTS (+ Unicode)
    for ref, libid in REFERENCES:
        d += _rec(0x0016, ref.encode(ENCODING)) + _rec(0x003E, ref.encode("utf-16-le"))
        lib = libid.encode(ENCODING)
        d += _rec(0x000D, struct.pack("<I", len(lib)) + lib + struct.pack("<IH", 0, 0))
    d += _rec(0x000F, struct.pack("<H", len(modules)))  # PROJECTMODULES
    d += _rec(0x0013, struct.pack("<H", 0xFFFF))        # PROJECTCOOKIE
    for m in modules:
        d += _rec(0x0019, m.name.encode(ENCODING)) + _rec(0x0047, m.name.encode("utf-16-le"))
        d += _rec(0x001A, m.name.encode(ENCODING)) + _rec(0x0032, m.name.encode("utf-16-le"))
        d += _rec(0x001C, b"") + _rec(0x0048, b"")      # DOCSTRING (+ Unicode)
        d += _rec(0x0031, struct.pack("<I", 0))         # MODULEOFFSET 0: no p-code
        d += _rec(0x001E, struct.pack("<I", 0))         # HELPCONTEXT
        d += _rec(0x002C, struct.pack("<H", 0xFFFF))    # COOKIE
        d += _rec(0x0022 if m.document else 0x0021, b"")  # TYPE: document / procedural
        d += _rec(0x002B, b"")                          # module terminator
    d += _rec(0x0010, b"")                              # dir terminator
    return bytes(d)


def _project_stream(name: str, project_id: str, modules: list[Module]) -> bytes:
    lines = [f'ID="{project_id}"']
    lines += [f"Document={m.name}/&H00000000" if m.document else f"Module={m.name}"
              for m in modules]
    lines += [f'Name="{name}"', 'HelpContextID="0"', 'VersionCompatible32="393222000"',
              f'CMG="{_encrypt(bytes(4), project_id, 0x5A)}"',       # not protected
              f'DPB="{_encrypt(bytes(1), project_id, 0x5C)}"',       # no password
              f'GC="{_encrypt(bytes([0xFF]), project_id, 0x5E)}"',   # visible
              "", "[Host Extender Info]",
              "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000",
              "", "[Workspace]"]
    lines += [f"{m.name}=0, 0, 0, 0, C" if m.document else f"{m.name}=26, 26, 1000, 600, "
              for m in modules]
    return ("\r\n".join(lines) + "\r\n").encode(ENCODING)


def _projectwm_stream(modules: list[Module]) -> bytes:
    return b"".join(m.name.encode(ENCODING) + b"\x00" + m.name.encode("utf-16-le") +
                    b"\x00\x00" for m in modules) + b"\x00\x00"


def vba_project(modules: list[Module], sheet_code_names: list[str], *,
                workbook_code_name: str = "ThisWorkbook", name: str = "VBAProject",
                id_seed: str = "salesbook") -> bytes:
    """The bytes of a vbaProject.bin: a document module for the workbook and for each sheet
    (their code names must match the workbook's), then the standard `modules`."""
    project_id = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"vbaproject:{id_seed}")).upper() + "}"
    every = [document_module(workbook_code_name, WORKBOOK_BASE),
             *(document_module(n, WORKSHEET_BASE) for n in sheet_code_names), *modules]
    streams = {m.name: compress(m.source.encode(ENCODING)) for m in every}
    streams["dir"] = compress(_dir_stream(name, every))
    streams["_VBA_PROJECT"] = NO_CACHE
    return write_cfb({"PROJECT": _project_stream(name, project_id, every),
                      "PROJECTwm": _projectwm_stream(every), "VBA": streams})
