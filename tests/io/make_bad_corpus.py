"""Generate tests/io/bad_inputs/: bad and hostile files a rollup meets on a shared drive.

    python tests/io/make_bad_corpus.py          # (re)writes tests/io/bad_inputs/ and its manifest

Every file is made here from a real rep weekly workbook (`addin.io.templates`), then edited
with openpyxl or at byte level; the old binary formats (.xls in an OLE compound file, .xlsb,
an encrypted package) are written by the small writers below, so no binary in the corpus
is hand-edited and no tool beyond Python is needed. Output is deterministic (fixed zip
timestamps), so regenerating changes nothing unless this script changed.

`manifest.json` says what must happen to each file (tests/io/test_hostile_corpus.py checks
it): `unreadable` (refused with a message), `skipped` (opened, but not a usable rep
workbook), `counted` (its figures are in the team report, with `order_amount` the rep's
expected total) or `ignored` (an Excel owner file); `expect` lists the problems that must
be reported, each with severity, sheet, cell and a fragment of the message.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import struct
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from addin.io.templates import write_workbook  # noqa: E402
from addin.schema import workbook  # noqa: E402

OUT = Path(__file__).resolve().parent / "bad_inputs"
SPEC = workbook("rep_weekly")
WEEK = dt.date(2026, 11, 16)  # ISO week 2026-W47
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
STANDARD_ORDERS = 1500.0  # what `content()` orders in a week: 1000 on Monday, 500 on Tuesday

INJECTIONS = ['=HYPERLINK("http://evil.example/x","click me")', "+cmd|' /C calc'!A0",
              "@SUM(1)", "-2+3", "\t=1+1", "=1+1"]
BILLION_LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%s;" % (str(i - 1).encode() if i > 1
                                                               else b"")) * 10)
               for i in range(1, 10))
    + b"]>")


# -- rep workbooks -----------------------------------------------------------------------
def content(rep: str, region: str = "华东", **over: object) -> dict:
    """A small, typical week: two visits on Monday (one order of 1000), one order of 500 on
    Tuesday, a plan for Monday; `over` replaces whole sheets."""
    visit = {"customer_id": "C1", "customer": "甲公司", "purpose": "order",
             "outcome": "ordered", "order_amount": 1000.0}
    data = {
        "info": {"fields": {"rep": rep, "region": region, "week_start": WEEK}},
        "report_mon": {"fields": {"attendance": "present", "selling_hours": 8,
                                  "calls_dialled": 10, "day_target": 2000},
                       "tables": {"visits": [visit, {
                           "customer_id": "C2", "customer": "乙公司", "purpose": "service",
                           "outcome": "interested", "objection": "no_budget"}]}},
        "report_tue": {"fields": {"attendance": "present", "selling_hours": 7},
                       "tables": {"visits": [{**visit, "customer_id": "C3",
                                              "customer": "丙公司", "order_amount": 500.0}]}},
        "plan_mon": {"tables": {"contacts": [
            {"customer": "甲公司", "kind": "visit", "purpose": "order", "tier": "priority"},
            {"customer": "乙公司", "kind": "visit", "purpose": "service"},
            {"customer": "丁公司", "kind": "call", "purpose": "service"}]}},
    }
    data.update(over)  # type: ignore[arg-type]
    return data


def rep_book(rep: str, lang: str = "zh", **over: object) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_workbook(SPEC, lang, Path(tmp) / "w.xlsx",
                              content(rep, "华东" if lang == "zh" else "East", **over))
        return path.read_bytes()


def sheet(key: str, lang: str) -> str:
    return SPEC.sheet(key).label(lang)


# -- zip and XML editing -----------------------------------------------------------------
def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i.filename) for i in zf.infolist()}


def pack(files: dict[str, bytes], level: int = 6) -> bytes:
    """A zip with fixed timestamps, so the corpus is byte-stable across runs."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, body in files.items():
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, body, compresslevel=level)
    return buf.getvalue()


def stable(data: bytes) -> bytes:
    """Repack an openpyxl-saved file with fixed timestamps (openpyxl stamps `now`)."""
    files = parts(data)
    if "docProps/core.xml" in files:
        files["docProps/core.xml"] = re.sub(
            rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z",
            files["docProps/core.xml"])
    return pack(files)


def sheet_part(files: dict[str, bytes], name: str) -> str:
    """The part name of the sheet called `name`, through workbook.xml and its rels."""
    wb = files["xl/workbook.xml"].decode()
    pattern = r'<sheet [^>]*name="' + re.escape(name) + r'"[^>]*r:id="([^"]+)"'
    rid = re.search(pattern, wb).group(1)
    rels = files["xl/_rels/workbook.xml.rels"].decode()
    rel = next(t for t in re.findall(r"<Relationship [^>]*>", rels) if f'Id="{rid}"' in t)
    target = re.search(r'Target="([^"]+)"', rel).group(1)
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def edit_sheet(data: bytes, name: str, fn: Callable[[bytes], bytes]) -> bytes:
    files = parts(data)
    part = sheet_part(files, name)
    files[part] = fn(files[part])
    return pack(files)


def set_cell_xml(xml: bytes, ref: str, cell: bytes) -> bytes:
    """Replace the <c> element at `ref` (which the template always writes) by `cell`."""
    ref = re.escape(ref.encode())
    pattern = re.compile(rb'<c r="' + ref + rb'"[^>]*?/>|<c r="' + ref + rb'"[^>]*>.*?</c>',
                         re.S)
    assert pattern.search(xml), ref
    return pattern.sub(lambda m: cell, xml, count=1)


def with_openpyxl(data: bytes, fn: Callable[[openpyxl.Workbook], None]) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    fn(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return stable(buf.getvalue())


# -- old binary formats ------------------------------------------------------------------
def compound_file(streams: list[tuple[str, bytes]]) -> bytes:
    """A minimal OLE compound file (MS-CFB v3, 512-byte sectors) holding `streams` in its
    root storage. Streams are padded to 4096 bytes so none lives in the mini stream."""
    sector = 512
    free, end, fat_sect, nostream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    streams = sorted(streams, key=lambda s: (len(s[0]), s[0].upper()))  # sibling order
    bodies = [body.ljust(max(4096, -(-len(body) // sector) * sector), b"\0")
              for _, body in streams]
    entries = len(streams) + 1
    dir_sectors = -(-entries * 128 // sector)
    data_sectors = sum(len(b) // sector for b in bodies)
    total = 1 + dir_sectors + data_sectors
    assert total <= 128, "one FAT sector is enough for the corpus"
    fat = [free] * 128
    fat[0] = fat_sect
    for i in range(1, 1 + dir_sectors):
        fat[i] = i + 1 if i < dir_sectors else end
    starts, at = [], 1 + dir_sectors
    for body in bodies:
        n = len(body) // sector
        starts.append(at)
        for k in range(n):
            fat[at + k] = at + k + 1 if k < n - 1 else end
        at += n

    def entry(name: str, kind: int, start: int, size: int, child: int = nostream,
              right: int = nostream) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return (raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1)
                + struct.pack("<III", nostream, right, child) + b"\0" * 16 + b"\0" * 4
                + b"\0" * 16 + struct.pack("<IQ", start, size))

    dirs = [entry("Root Entry", 5, end, 0, child=1 if streams else nostream)]
    for i, ((name, _), body, start) in enumerate(zip(streams, bodies, starts, strict=True)):
        dirs.append(entry(name, 2, start, len(body),
                          right=i + 2 if i + 1 < len(streams) else nostream))
    directory = b"".join(dirs).ljust(dir_sectors * sector, b"\0")
    header = (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    assert len(header) == sector
    return header + struct.pack("<128I", *fat) + directory + b"".join(bodies)


def _biff(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def xls_workbook(rows: list[list[str | float]], sheet_name: str = "基本信息") -> bytes:
    """A real BIFF8 .xls (Excel 97-2003): one sheet of strings and numbers."""
    strings = sorted({v for row in rows for v in row if isinstance(v, str)})
    index = {s: i for i, s in enumerate(strings)}

    def bof(kind: int) -> bytes:
        return _biff(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))

    sst = struct.pack("<II", len(strings), len(strings)) + b"".join(
        struct.pack("<HB", len(s), 1) + s.encode("utf-16-le") for s in strings)
    name = sheet_name.encode("utf-16-le")

    def globals_(offset: int) -> bytes:
        return (bof(0x0005) + _biff(0x0042, struct.pack("<H", 1200))
                + _biff(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(sheet_name), 1) + name)
                + _biff(0x00FC, sst) + _biff(0x000A, b""))

    cells = []
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if isinstance(v, str):
                cells.append(_biff(0x00FD, struct.pack("<HHHI", r, c, 15, index[v])))
            else:
                cells.append(_biff(0x0203, struct.pack("<HHHd", r, c, 15, float(v))))
    width = max(len(r) for r in rows)
    sheet_stream = (bof(0x0010) + _biff(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
                    + b"".join(cells) + _biff(0x000A, b""))
    head = globals_(0)
    stream = globals_(len(head)) + sheet_stream
    return compound_file([("Workbook", stream)])


def encrypted_workbook() -> bytes:
    """What Excel writes for a password-protected .xlsx: an OLE compound file holding
    EncryptionInfo (agile, version 4.4) and EncryptedPackage (here random bytes)."""
    info = struct.pack("<HHI", 4, 4, 0x40) + (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption '
        b'xmlns="http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" '
        b'blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
        b'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" '
        b'saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>')
    package = struct.pack("<Q", 8192) + bytes((i * 97 + 13) % 256 for i in range(8192))
    return compound_file([("EncryptionInfo", info), ("EncryptedPackage", package),
                          ("\x06DataSpaces", b"\0" * 64)])


def _brt(kind: int, body: bytes = b"") -> bytes:
    """One BIFF12 record: type and size as 7-bit varints, then the body."""
    def varint(n: int) -> bytes:
        out = bytearray()
        while True:
            byte, n = n & 0x7F, n >> 7
            out.append(byte | (0x80 if n else 0))
            if not n:
                return bytes(out)
    return varint(kind) + varint(len(body)) + body


def _wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def xlsb_workbook(rows: list[list[str | float]], sheet_name: str = "基本信息") -> bytes:
    """A real binary .xlsb workbook: one sheet of inline strings and numbers."""
    book = (_brt(0x83) + _brt(0x8F)
            + _brt(0x9C, struct.pack("<II", 0, 1) + _wide("rId1") + _wide(sheet_name))
            + _brt(0x90) + _brt(0x84))
    cells = b""
    for r, row in enumerate(rows):
        cells += _brt(0x00, struct.pack("<IIHHI", r, 0, 0x12C, 0, 0))
        for c, v in enumerate(row):
            head = struct.pack("<II", c, 0)
            cells += _brt(0x06, head + _wide(v)) if isinstance(v, str) else \
                _brt(0x05, head + struct.pack("<d", float(v)))
    sheet_bin = (_brt(0x81) + _brt(0x94, struct.pack("<IIII", 0, len(rows) - 1, 0,
                                                     max(len(r) for r in rows) - 1))
                 + _brt(0x91) + cells + _brt(0x92) + _brt(0x82))
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://'
          'schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" '
          'ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Default '
          'Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
          '+xml"/><Override PartName="/xl/worksheets/sheet1.bin" ContentType="application/'
          'vnd.ms-excel.worksheet"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
            '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>')
    book_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
                 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                 'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/>'
                 '</Relationships>')
    return pack({"[Content_Types].xml": ct.encode(), "_rels/.rels": rels.encode(),
                 "xl/workbook.bin": book, "xl/_rels/workbook.bin.rels": book_rels.encode(),
                 "xl/worksheets/sheet1.bin": sheet_bin})


# What Excel leaves beside a workbook it has open (user name, padded). `~$*` is in
# .gitignore, so the tests write it themselves when the committed corpus lacks it.
OWNER_FILE = ("~$good_zh.xlsx", b"\x05Admin".ljust(165, b" "))
OLD_ROWS: list[list[str | float]] = [["销售员", "张伟"], ["区域", "华东"], ["订货金额", 1000.0]]


# -- zip bombs ---------------------------------------------------------------------------
def zip_bomb(good: bytes, size: int = 64 * 1024 * 1024) -> bytes:
    """The Monday report replaced by 64 MiB of XML that deflates to ~64 KiB; the declared
    size is true, the ratio (~1000:1) is what gives it away."""
    files = parts(good)
    part = sheet_part(files, sheet("report_mon", "zh"))
    head = files[part][:files[part].index(b"<sheetData>") + len(b"<sheetData>")]
    files[part] = head + b" " * (size - len(head)) + b"</sheetData></worksheet>"
    return pack(files, level=9)


def lying_zip_bomb(good: bytes) -> bytes:
    """Same, but the zip headers declare the part as 20 KB: it only shows while unpacking."""
    data = bytearray(zip_bomb(good))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = next(i for i in zf.infolist() if i.file_size > 1024 * 1024)
    fake = 20_000
    struct.pack_into("<I", data, info.header_offset + 22, fake)  # local header
    name = info.filename.encode()
    pos = 0
    while True:  # its central directory record
        pos = data.index(b"PK\x01\x02", pos)
        if data[pos + 46:pos + 46 + len(name)] == name:
            break
        pos += 4
    struct.pack_into("<I", data, pos + 24, fake)
    return bytes(data)


def huge_declared(good: bytes) -> bytes:
    """A small file whose zip directory claims a 4 GB part (never unpacked to find out)."""
    data = bytearray(good)
    with zipfile.ZipFile(io.BytesIO(good)) as zf:
        info = zf.getinfo("xl/sharedStrings.xml")
    name = info.filename.encode()
    pos = 0
    while True:
        pos = data.index(b"PK\x01\x02", pos)
        if data[pos + 46:pos + 46 + len(name)] == name:
            break
        pos += 4
    struct.pack_into("<I", data, pos + 24, 0xFFFFFFF0)
    struct.pack_into("<I", data, info.header_offset + 22, 0xFFFFFFF0)
    return bytes(data)


# -- the cases ---------------------------------------------------------------------------
def expect(severity: str, text: str, sheet_name: str = "", cell: str = "") -> dict:
    return {"severity": severity, "sheet": sheet_name, "cell": cell, "text": text}


def build() -> list[tuple[str, bytes, dict]]:
    """(file name, bytes, expectation) of every case."""
    cases: list[tuple[str, bytes, dict]] = []
    mon, tue, wed = (sheet(k, "zh") for k in ("report_mon", "report_tue", "report_wed"))
    visits = SPEC.sheet("report_mon").table("visits")
    first = visits.first_data_row
    amount = visits.col_letter("order_amount")

    def counted(rep: str, orders: float = STANDARD_ORDERS, lang: str = "zh", *items: dict
                ) -> dict:
        return {"outcome": "counted", "rep": rep, "order_amount": orders, "lang": lang,
                "expect": list(items)}

    def refused(text: str, outcome: str = "unreadable", lang: str | None = "zh",
                *items: dict) -> dict:
        return {"outcome": outcome, "lang": lang,
                "expect": [expect("error", text), *items]}

    good_zh = rep_book("张伟")
    cases.append(("good_zh.xlsx", good_zh, counted("张伟", STANDARD_ORDERS, "zh",
                                                    expect("warning", "正在 Excel 中打开"))))
    cases.append(("good_en.xlsx", rep_book("Li Na", "en"), counted("Li Na", lang="en")))
    cases.append((OWNER_FILE[0], OWNER_FILE[1],
                  {"outcome": "ignored", "lang": "zh",
                   "expect": [expect("info", "锁定文件")]}))

    # -- not an .xlsx at all
    cases.append(("empty.xlsx", b"", refused("文件是空的")))
    cases.append(("truncated.xlsx", good_zh[: len(good_zh) * 6 // 10],
                  refused("损坏或不完整")))
    cases.append(("csv_renamed.xlsx", "销售员,区域,订货金额\n张伟,华东,1000\n".encode(),
                  refused("CSV")))
    cases.append(("html_renamed.xlsx", (
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8">'
        "</head><body><table><tr><td>销售员</td><td>张伟</td></tr></table></body></html>"
    ).encode(), refused("网页")))
    xls = xls_workbook(OLD_ROWS)
    cases.append(("old_format.xls", xls, refused("旧版 .xls")))
    cases.append(("xls_renamed.xlsx", xls, refused("旧版 .xls")))
    cases.append(("binary.xlsb", xlsb_workbook(OLD_ROWS), refused(".xlsb")))
    cases.append(("encrypted.xlsx", encrypted_workbook(), refused("密码")))

    # -- hostile packages
    cases.append(("billion_laughs.xlsx", edit_sheet(good_zh, mon, lambda x: set_cell_xml(
        x.replace(b'standalone="yes"?>', b'standalone="yes"?>' + BILLION_LAUGHS, 1),
        f"B{first}", b'<c r="B%d" t="inlineStr"><is><t>&lol9;</t></is></c>' % first)),
        refused("DOCTYPE")))

    def laugh_strings(files: dict[str, bytes]) -> dict[str, bytes]:
        ss = files["xl/sharedStrings.xml"]
        ss = ss.replace(b'standalone="yes"?>', b'standalone="yes"?>' + BILLION_LAUGHS, 1)
        files["xl/sharedStrings.xml"] = re.sub(rb"<t>[^<]*</t>", b"<t>&lol9;</t>", ss, count=1)
        return files
    cases.append(("billion_laughs_strings.xlsx", pack(laugh_strings(parts(good_zh))),
                  refused("DOCTYPE")))

    def xxe(files: dict[str, bytes]) -> dict[str, bytes]:
        files["xl/workbook.xml"] = files["xl/workbook.xml"].replace(
            b'standalone="yes"?>',
            b'standalone="yes"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
        return files
    cases.append(("external_entity.xlsx", pack(xxe(parts(good_zh))), refused("DOCTYPE")))
    cases.append(("zip_bomb.xlsx", zip_bomb(good_zh), refused("压缩炸弹")))
    cases.append(("zip_bomb_lying.xlsx", lying_zip_bomb(good_zh), refused("损坏")))
    cases.append(("zip_huge_declared.xlsx", huge_declared(good_zh), refused("拒绝打开")))

    # -- cells far out
    far = rep_book("远处单元格")
    cases.append(("stray_far_cell.xlsx", edit_sheet(far, mon, lambda x: x.replace(
        b"</sheetData>",
        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        b"</sheetData>")),
        counted("远处单元格", STANDARD_ORDERS, "zh",
                expect("warning", "超出读取范围", mon, "XFD1048576"))))
    cases.append(("dimension_bogus.xlsx", pack({
        k: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', v)
        for k, v in parts(rep_book("维度伪造")).items()}), counted("维度伪造")))
    cases.append(("dimension_missing.xlsx", pack({
        k: re.sub(rb'<dimension ref="[^"]*"/>', b"", v)
        for k, v in parts(rep_book("维度缺失")).items()}), counted("维度缺失")))

    def prefixed(xml: bytes) -> bytes:  # as the OpenXML SDK writes: <x:row>, <x:c>
        body = re.sub(rb"<(/?)(?!\?)([A-Za-z]+)([ />])", rb"<\1x:\2\3", xml)
        return body.replace(b"<x:worksheet ", b'<x:worksheet xmlns:x="http://schemas.'
                            b'openxmlformats.org/spreadsheetml/2006/main" ', 1)
    cases.append(("prefixed_xml.xlsx", edit_sheet(rep_book("前缀"), mon, prefixed),
                  counted("前缀")))

    # -- another template, an old one, sheets renamed or missing
    with tempfile.TemporaryDirectory() as tmp:
        other = write_workbook(workbook("customers"), "zh", Path(tmp) / "c.xlsx").read_bytes()
    cases.append(("other_template.xlsx", other,
                  refused("不是销售员周报簿", "skipped")))
    plain = openpyxl.Workbook()
    plain.active.title = "Sheet1"
    plain.active.append(["Name", "Amount"])
    plain.active.append(["张伟", 1000])
    buf = io.BytesIO()
    plain.save(buf)
    cases.append(("not_salesbook.xlsx", stable(buf.getvalue()),
                  refused("不是 salesbook 模板")))

    def old(wb: openpyxl.Workbook) -> None:
        wb["_salesbook"]["B2"] = "0.9"
        ws = wb[mon]
        header = visits.header_row
        assert ws[f"{amount}{header}"].value == "订货金额"
        ws[f"{amount}{header}"] = "订单金额"  # the old template's wording
    cases.append(("old_version.xlsx", with_openpyxl(rep_book("旧模板"), old),
                  counted("旧模板", 500.0, "zh", expect("warning", "模板版本 0.9"),
                          expect("warning", "找不到“订货金额”列", mon,
                                 f"A{visits.header_row}"))))

    def rename(wb: openpyxl.Workbook) -> None:
        wb[mon].title = "周一日报 (旧)"
    cases.append(("sheet_renamed.xlsx", with_openpyxl(rep_book("表改名"), rename),
                  counted("表改名", 500.0, "zh",
                          expect("error", "缺少工作表“周一日报”", mon),
                          expect("error", "周一日报 (旧)", mon))))
    cases.append(("sheet_missing.xlsx", with_openpyxl(
        rep_book("缺表"), lambda wb: wb.remove(wb[tue])),
        counted("缺表", 1000.0, "zh", expect("error", "缺少工作表“周二日报”", tue))))
    info = sheet("info", "zh")
    cases.append(("info_missing.xlsx", with_openpyxl(
        rep_book("缺基本信息"), lambda wb: wb.remove(wb[info])),
        {"outcome": "skipped", "lang": "zh", "expect": [
            expect("error", "缺少工作表“基本信息”", info),
            expect("error", "本文件未计入", info, "B7")]}))
    no_week = content("无周一日期")
    no_week["info"]["fields"]["week_start"] = "下周一"
    with tempfile.TemporaryDirectory() as tmp:
        data = write_workbook(SPEC, "zh", Path(tmp) / "w.xlsx", no_week).read_bytes()
    cases.append(("week_start_text.xlsx", data, {"outcome": "skipped", "lang": "zh", "expect": [
        expect("error", "下周一", info, "B7"), expect("error", "本文件未计入", info, "B7")]}))

    # -- layout moved about by hand
    def moved(wb: openpyxl.Workbook) -> None:
        ws = wb[sheet("report_mon", "en")]
        header = visits.header_row
        ws.insert_rows(header, amount=3)  # the header moves down three rows
        b, d = visits.col_letter("customer"), visits.col_letter("outcome")
        for row in range(header + 3, header + 3 + 3):  # and two columns swap places
            ws[f"{b}{row}"].value, ws[f"{d}{row}"].value = ws[f"{d}{row}"].value, \
                ws[f"{b}{row}"].value
    cases.append(("header_moved.xlsx", with_openpyxl(rep_book("Moved Header", "en"), moved),
                  counted("Moved Header", lang="en")))
    cases.append(("merged_rep_name.xlsx", with_openpyxl(
        rep_book("合并单元格"), lambda wb: wb[sheet("info", "zh")].merge_cells("B3:D3")),
        counted("合并单元格")))
    cases.append(("merged_over_label.xlsx", with_openpyxl(
        rep_book("被合并"), lambda wb: wb[sheet("info", "zh")].merge_cells("A3:B3")),
        counted("merged_over_label", STANDARD_ORDERS, "zh",
                expect("warning", "缺少销售员姓名", sheet("info", "zh"), "B3"))))

    def hide(wb: openpyxl.Workbook) -> None:
        wb[tue].sheet_state = "hidden"
        wb[wed].sheet_state = "veryHidden"
        wb[mon].row_dimensions[first + 1].hidden = True
    hidden_over = {"report_wed": {"fields": {"attendance": "present"}, "tables": {"visits": [
        {"customer": "戊公司", "purpose": "order", "outcome": "ordered",
         "order_amount": 200.0}]}}}
    cases.append(("hidden_sheets.xlsx", with_openpyxl(rep_book("隐藏", **hidden_over), hide),
                  counted("隐藏", STANDARD_ORDERS + 200, "zh",
                          expect("warning", "被隐藏（hidden）", tue),
                          expect("warning", "被隐藏（veryHidden）", wed),
                          expect("warning", f"第 {first + 1} 行被隐藏", mon, f"A{first + 1}"))))

    # -- dates, numbers and text as people type them
    plan = SPEC.sheet("plan_mon").table("contacts")
    due = plan.col_letter("due_date")
    typed = ["2026/11/23", "23/11/2026", "46349", "2026年11月23日", "2026-02-30", "下周"]
    dates = content("日期文本", plan_mon={"tables": {"contacts": [
        {"customer": f"客户{i}", "kind": "visit", "purpose": "order", "due_date": t}
        for i, t in enumerate(typed)]}})
    dates["info"]["fields"]["week_start"] = "2026年11月16日"
    with tempfile.TemporaryDirectory() as tmp:
        data = write_workbook(SPEC, "zh", Path(tmp) / "w.xlsx", dates).read_bytes()
    plan_name = sheet("plan_mon", "zh")
    cases.append(("dates_as_text.xlsx", data, counted(
        "日期文本", STANDARD_ORDERS, "zh",
        expect("error", "不是有效日期", plan_name, f"{due}{plan.first_data_row + 4}"),
        expect("error", "下周", plan_name, f"{due}{plan.first_data_row + 5}"))))

    def epoch_1904(wb: openpyxl.Workbook) -> None:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904
        wb.epoch = CALENDAR_MAC_1904  # dates are written as 1904-based serials
        ws = wb[plan_name]
        cell = ws[f"{due}{plan.first_data_row}"]
        cell.value = (dt.date(2026, 11, 23) - dt.date(1904, 1, 1)).days  # a bare serial
        cell.number_format = "General"
    cases.append(("epoch_1904.xlsx", with_openpyxl(rep_book("一九零四"), epoch_1904),
                  counted("一九零四")))
    wide = content("\u3000全角\u3000张三\u3000", report_mon={
        "fields": {"attendance": "出勤", "selling_hours": "７.５", "calls_dialled": "１２"},
        "tables": {"visits": [{"customer": "甲公司", "purpose": "order", "outcome": "ordered",
                               "order_amount": "￥１，０００"}]}}, report_tue={
        "fields": {"attendance": "present"},
        "tables": {"visits": [{"customer": "乙公司", "purpose": "order", "outcome": "ordered",
                               "order_amount": "¥500"}]}})
    with tempfile.TemporaryDirectory() as tmp:
        data = write_workbook(SPEC, "zh", Path(tmp) / "w.xlsx", wide).read_bytes()
    cases.append(("fullwidth.xlsx", data, counted("全角 张三")))

    # -- formulas: errors, never calculated, calculated (counted)
    def formulas(xml: bytes) -> bytes:
        xml = set_cell_xml(xml, f"{amount}{first}",
                           b'<c r="%s%d" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
                           % (amount.encode(), first))
        return set_cell_xml(xml, f"{amount}{first + 1}",
                            b'<c r="%s%d"><f>1000*2</f></c>' % (amount.encode(), first + 1))
    fe = edit_sheet(rep_book("Formula Errors", "en"), sheet("report_mon", "en"), formulas)
    fe = edit_sheet(fe, sheet("report_tue", "en"), lambda x: set_cell_xml(
        x, f"{amount}{first}", b'<c r="%s%d"><f>250*2</f><v>500</v></c>'
        % (amount.encode(), first)))
    en_mon = sheet("report_mon", "en")
    cases.append(("formula_errors.xlsx", fe, counted(
        "Formula Errors", 500.0, "en",
        expect("error", "#DIV/0!", en_mon, f"{amount}{first}"),
        expect("error", "没有计算结果", en_mon, f"{amount}{first + 1}"))))

    # -- formula injection in free text, and a live formula in a text column
    inj = content("注入", report_mon={
        "fields": {"attendance": "present", "lessons": INJECTIONS[0]},
        "tables": {"visits": [
            {"customer": text, "purpose": "order", "outcome": "interested",
             "competitor_info": text, "customer_feedback": text, "customer_news": text}
            for text in INJECTIONS] + [
            {"customer": "甲公司", "purpose": "order", "outcome": "ordered",
             "order_amount": 1000.0}]}},
        market={"tables": {"reports": [{"report_date": WEEK, "report_type": "complaint",
                                        "customer": INJECTIONS[1], "details": INJECTIONS[0],
                                        "action_taken": INJECTIONS[2]}]}})
    inj["info"]["fields"]["region"] = "=cmd|' /C calc'!A0"
    with tempfile.TemporaryDirectory() as tmp:
        data = write_workbook(SPEC, "zh", Path(tmp) / "w.xlsx", inj).read_bytes()
    info_col = visits.col_letter("competitor_info")
    data = edit_sheet(data, mon, lambda x: set_cell_xml(
        x, f"{info_col}{first + len(INJECTIONS)}",
        b'<c r="%s%d" t="str"><f>HYPERLINK("http://evil.example/y","live link")</f>'
        b"<v>live link</v></c>" % (info_col.encode(), first + len(INJECTIONS))))
    cases.append(("injection.xlsx", data, counted("注入")))

    # -- control characters, a 40,000-character text and a 40,000-character comment
    def comment(wb: openpyxl.Workbook) -> None:
        from openpyxl.comments import Comment
        wb[mon][f"B{first}"].comment = Comment("批注" * 20_000, "rep")
    ctl = with_openpyxl(rep_book("控制字符"), comment)
    long_col = visits.col_letter("competitor_info")
    ctl = edit_sheet(ctl, mon, lambda x: set_cell_xml(set_cell_xml(
        x, f"B{first}", b'<c r="B%d" t="inlineStr"><is><t>\xe7\x94\xb2_x0007_\x01\xe5\x85\xac'
        b"\xe5\x8f\xb8\x0b</t></is></c>" % first),
        f"{long_col}{first}", b'<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>'
        % (long_col.encode(), first, "竞".encode() * 40_000)))
    cases.append(("control_chars.xlsx", ctl, counted(
        "控制字符", STANDARD_ORDERS, "zh",
        expect("warning", "32,767", mon, f"{long_col}{first}"))))

    # -- the same rep-day twice: an identical copy, and a correction
    dup = rep_book("重复")
    cases.append(("dup_same.xlsx", dup, counted("重复", STANDARD_ORDERS, "zh",
                                                expect("warning", "重复提交"))))
    cases.append(("dup_same (2).xlsx", dup, counted("重复")))
    cases.append(("dup_fix_old.xlsx", rep_book("更正"), counted("更正", 1700.0)))
    fixed = content("更正")
    fixed["report_mon"]["tables"]["visits"][0]["order_amount"] = 1200.0
    with tempfile.TemporaryDirectory() as tmp:
        data = write_workbook(SPEC, "zh", Path(tmp) / "w.xlsx", fixed).read_bytes()
    cases.append(("dup_fix_new.xlsx", data, counted("更正", 1700.0, "zh",
                                                    expect("warning", "数字不同"))))

    # -- figures too large to be real (two of them would sum to infinity)
    huge = content("天文数字")
    huge["report_mon"]["tables"]["visits"][0]["order_amount"] = 1e308
    huge["report_mon"]["tables"]["visits"][1]["order_amount"] = 1e308
    with tempfile.TemporaryDirectory() as tmp:
        data = write_workbook(SPEC, "zh", Path(tmp) / "w.xlsx", huge).read_bytes()
    cases.append(("implausible.xlsx", data, counted(
        "天文数字", 500.0, "zh", expect("error", "大得不合理", mon, f"{amount}{first}"),
        expect("error", "大得不合理", mon, f"{amount}{first + 1}"))))
    return cases


MTIMES = {"dup_fix_old.xlsx": 1_790_000_000, "dup_fix_new.xlsx": 1_790_003_600}


def main() -> None:
    cases = build()
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir()
    manifest = {"week": "2026-W47", "mtimes": MTIMES, "files": {}}
    for name, data, expectation in cases:
        (OUT / name).write_bytes(data)
        manifest["files"][name] = expectation
    (OUT / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    total = sum(len(d) for _, d, _ in cases)
    print(f"{len(cases)} files, {total / 1024:.0f} KiB, in {OUT}")
    # the zip bomb really is one: its parts unpack to far more than the file's size
    bomb = zipfile.ZipFile(OUT / "zip_bomb.xlsx")
    assert sum(i.file_size for i in bomb.infolist()) > 400 * (OUT / "zip_bomb.xlsx").stat().st_size


if __name__ == "__main__":
    main()
