"""Look inside an .xlsx package before trusting it, and find what a value reader cannot see.

python-calamine reads cell values fast but shows an error cell (#DIV/0!) or a formula with
no cached value as an empty cell. Both must be reported, never read as blank or zero, so
this module scans the sheet XML for them. It also refuses packages that are not what they
claim (an .xls, an encrypted file, HTML renamed to .xlsx) or whose size would explode.
The XML is never parsed into a tree here, only searched, so no entity is ever expanded.
"""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MAX_UNCOMPRESSED = 300 * 1024 * 1024  # the whole package, unpacked
MAX_RATIO = 200  # unpacked / packed, for any entry over 1 MiB
MAX_ENTRIES = 5000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and Office's encrypted .xlsx
ZIP_MAGIC = b"PK\x03\x04"

_SHEET_TAG = re.compile(r"<sheet\b[^>]*>")
_REL_TAG = re.compile(r"<Relationship\b[^>]*>")
_ATTR = re.compile(r'([\w:]+)="([^"]*)"')
_CELL_WITH_BODY = re.compile(rb"<c\b((?:[^>/]|/(?!>))*)>(.*?)</c>", re.S)
_REF = re.compile(rb'\br="([A-Z]{1,3}[0-9]+)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")


class PackageError(Exception):
    """The file is not a usable .xlsx package; the message says what it is instead."""


@dataclass
class SheetScan:
    path: str
    state: str = "visible"  # visible | hidden | veryHidden
    errors: dict[str, str] = field(default_factory=dict)  # cell -> "#DIV/0!"
    uncached: set[str] = field(default_factory=set)  # formula cells with no cached value


@dataclass
class PackageScan:
    epoch_1904: bool = False
    sheets: dict[str, SheetScan] = field(default_factory=dict)  # sheet name -> scan


def sniff(path: Path) -> None:
    """Raise PackageError for a file that is not an .xlsx package at all."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise PackageError(f"cannot open the file ({e.strerror})") from None
    if size == 0:
        raise PackageError("the file is empty (0 bytes); it may not have finished syncing")
    with open(path, "rb") as fh:
        head = fh.read(512)
    if head.startswith(OLE_MAGIC):
        raise PackageError(
            "this is an old .xls workbook or a password-protected file; save it as "
            "Excel Workbook (.xlsx) without a password"
        )
    if not head.startswith(ZIP_MAGIC):
        text = head.lstrip().lower()
        if text.startswith((b"<!doctype html", b"<html", b"<?xml", b"<table")):
            what = "a web page (HTML/XML) renamed to .xlsx"
        elif b"," in head or b"\t" in head:
            what = "a text/CSV file renamed to .xlsx"
        else:
            what = "not an Excel .xlsx file"
        raise PackageError(f"{what}; open it in Excel and save it as Excel Workbook (.xlsx)")


def _check_sizes(zf: zipfile.ZipFile) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise PackageError(f"the package has {len(infos)} parts; refusing to open it")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PackageError(
                f"part {info.filename} would unpack to {info.file_size:,} bytes from "
                f"{info.compress_size:,} (a zip bomb?); refusing to open it"
            )
    if total > MAX_UNCOMPRESSED:
        raise PackageError(f"the package would unpack to {total:,} bytes; refusing to open it")


def _read(zf: zipfile.ZipFile, name: str, limit: int = MAX_UNCOMPRESSED) -> bytes:
    with zf.open(name) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise PackageError(f"part {name} is larger than declared; refusing to open it")
    return data


def scan_package(path: Path) -> PackageScan:
    """Check the package and find error cells and uncached formulas in every worksheet."""
    sniff(path)
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise PackageError(
            "the file is damaged or incomplete (a half-synced copy?); ask for it again"
        ) from None
    with zf:
        _check_sizes(zf)
        names = set(zf.namelist())
        if "xl/workbook.xml" not in names:
            if "EncryptionInfo" in names or "EncryptedPackage" in names:
                raise PackageError("the workbook is password-protected; remove the password")
            if "xl/workbook.bin" in names:
                raise PackageError("this is a binary .xlsb workbook; save it as .xlsx")
            raise PackageError("the package has no workbook part; it is not an .xlsx file")
        try:
            workbook_xml = _read(zf, "xl/workbook.xml").decode("utf-8", "replace")
            rels_xml = _read(zf, "xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
        except (KeyError, zipfile.BadZipFile, OSError, EOFError) as e:
            raise PackageError(f"the file is damaged ({e}); ask for it again") from None
        scan = PackageScan(epoch_1904=bool(re.search(r'date1904="(1|true)"', workbook_xml)))
        targets = {}
        for tag in _REL_TAG.findall(rels_xml):
            attrs = dict(_ATTR.findall(tag))
            targets[attrs.get("Id")] = attrs.get("Target", "")
        for tag in _SHEET_TAG.findall(workbook_xml):
            attrs = dict(_ATTR.findall(tag))
            name = html.unescape(attrs.get("name", ""))
            target = targets.get(attrs.get("r:id"), "")
            part = target.lstrip("/") if target.startswith("/") else str(
                PurePosixPath("xl") / target)
            sheet = SheetScan(part, attrs.get("state", "visible"))
            scan.sheets[name] = sheet
            if part in names:
                try:
                    _scan_sheet(_read(zf, part), sheet)
                except (zipfile.BadZipFile, OSError, EOFError) as e:
                    raise PackageError(
                        f"sheet {name!r} is damaged ({e}); ask for it again") from None
        return scan


def _cell_at(xml: bytes, pos: int) -> tuple[bytes, bytes] | None:
    """(attributes, body) of the <c> element containing byte offset `pos`."""
    start = xml.rfind(b"<c ", 0, pos)
    if start < 0:
        return None
    m = _CELL_WITH_BODY.match(xml, start)
    return (m.group(1), m.group(2)) if m and m.end() > pos else None


def _scan_sheet(xml: bytes, sheet: SheetScan) -> None:
    """Visit only the error cells and formula cells: a sheet has few of those."""
    pos = xml.find(b't="e"')
    while pos >= 0:
        found = _cell_at(xml, pos)
        if found is not None:
            ref = _REF.search(found[0])
            value = _VALUE.search(found[1])
            if ref is not None:
                sheet.errors[ref.group(1).decode()] = value.group(1).decode() if value else "#ERROR"
        pos = xml.find(b't="e"', pos + 5)
    pos = xml.find(b"<f")
    while pos >= 0:
        if xml[pos + 2:pos + 3] in (b">", b" ", b"/"):
            found = _cell_at(xml, pos)
            if found is not None:
                ref = _REF.search(found[0])
                value = _VALUE.search(found[1])
                if ref is not None and (value is None or value.group(1) == b""):
                    sheet.uncached.add(ref.group(1).decode())
        pos = xml.find(b"<f", pos + 2)
