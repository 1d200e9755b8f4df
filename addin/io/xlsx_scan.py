"""Look inside an .xlsx package before trusting it, and find what a value reader cannot see.

python-calamine reads cell values fast but shows an error cell (#DIV/0!) or a formula with
no cached value as an empty cell. Both must be reported, never read as blank or zero, so
this module scans the sheet XML for them. It also refuses packages that are not what they
claim (an .xls, an encrypted file, HTML renamed to .xlsx), whose size would explode, or
whose XML declares entities (Excel never writes a DOCTYPE). The XML is never parsed into a
tree here, only searched, so no entity is ever expanded.

It also decides, per sheet, whether python-calamine may read it: calamine builds a dense
grid from the first to the last cell, so one value at XFD1048576 would ask for 17 billion
cells and abort the process. A sheet whose cells all carry plain references inside
MAX_ROWS x MAX_COLS goes to calamine; any other sheet is read by `BoundedReader`, which
streams it through openpyxl (defusedxml underneath) and keeps only that area.
"""

from __future__ import annotations

import html
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..catalogue import msg

MAX_UNCOMPRESSED = 300 * 1024 * 1024  # the whole package, unpacked
MAX_RATIO = 200  # unpacked / packed, for any entry over 1 MiB
MAX_ENTRIES = 5000
MAX_ROWS = 50_000  # rows read from any one sheet (a customer master of 50 reps x 400 fits)
MAX_COLS = 100  # columns read from any one sheet (A..CV); no template has more than 45
EXCEL_MAX_ROW = 1_048_576
OLE_SNIFF = 64 * 1024 * 1024  # bytes of an OLE file searched for its stream names

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and Office's encrypted .xlsx
ZIP_MAGIC = b"PK\x03\x04"
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")

_SHEET_TAG = re.compile(r"<(?:\w+:)?sheet\b[^>]*>")
_REL_TAG = re.compile(r"<(?:\w+:)?Relationship\b[^>]*>")
_ATTR = re.compile(r"""([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CELL_WITH_BODY = re.compile(rb"<c\b((?:[^>/]|/(?!>))*)>(.*?)</c>", re.S)
_REF = re.compile(rb'\br="([A-Z]{1,3}[0-9]+)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_HIDDEN_ROW = re.compile(rb'<row\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
_ROW_NUMBER = re.compile(rb'\br="([0-9]+)"')
_DATE1904 = re.compile(r"""date1904\s*=\s*["'](?:1|true)["']""")

# The shape of a sheet's cell references, read without parsing: whitespace and quotes made
# uniform, namespace prefixes turned into "<", then letters -> A and digits -> 0. In that
# shape a plain reference within ZZ999 reads `<c r="A0"` .. `<c r="AA000"`; anything else
# (no reference, a lower-case or odd one, 3 letters, 4 digits) needs a closer look.
_NORMALISE = bytes.maketrans(b"\t\n\r':>/", b'   "<  ')
_SHAPE = bytes.maketrans(b"\t\n\r':>/ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
                         b'   "<  ' + b"A" * 26 + b"0" * 10)
_UNUSUAL = re.compile(rb'<c (?!r="AA?0{1,3}")')
_NO_REF = re.compile(rb'<c (?!r="[A-Z])')
_FAR_COL = re.compile(rb'<c r="(?:[A-Z]{3,}|[D-Z][A-Z]|C[W-Z])[0-9]')  # beyond CV (100)
_FAR_ROW = re.compile(  # a row number above MAX_ROWS (50,000)
    rb'<c r="[A-Z]+(?:[6-9][0-9]{4}|5[1-9][0-9]{3}|50[1-9][0-9]{2}|500[1-9][0-9]|5000[1-9]'
    rb'|[1-9][0-9]{5,})"')


class PackageError(Exception):
    """The file is not a usable .xlsx package; `message` says what it is instead."""

    def __init__(self, code: str, **params: Any):
        self.message = msg(code, **params)
        super().__init__(code)

    def __str__(self) -> str:
        return self.message.render()


@dataclass
class SheetScan:
    path: str
    state: str = "visible"  # visible | hidden | veryHidden
    errors: dict[str, str] = field(default_factory=dict)  # cell -> "#DIV/0!"
    uncached: set[str] = field(default_factory=set)  # formula cells with no cached value
    hidden_rows: set[int] = field(default_factory=set)
    bounded: bool = False  # read through BoundedReader, never through calamine
    _flagged: set[int] | None = field(default=None, repr=False)

    def flagged_rows(self) -> set[int]:
        """Rows holding an error cell or an uncached formula: only these take the slow path."""
        if self._flagged is None:
            self._flagged = {int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
                             for ref in (*self.uncached, *self.errors)}
        return self._flagged


@dataclass
class PackageScan:
    epoch_1904: bool = False
    sheets: dict[str, SheetScan] = field(default_factory=dict)  # sheet name -> scan


def _ole_kind(path: Path) -> str:
    """file.xls, file.encrypted or file.ole, from the stream names in the compound file."""
    with open(path, "rb") as fh:
        data = fh.read(OLE_SNIFF)
    if "EncryptedPackage".encode("utf-16-le") in data or \
            "EncryptionInfo".encode("utf-16-le") in data:
        return "file.encrypted"
    if "Workbook".encode("utf-16-le") in data or "Book\x00".encode("utf-16-le") in data:
        return "file.xls"
    return "file.ole"


def sniff(path: Path) -> None:
    """Raise PackageError for a file that is not an .xlsx package at all."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(512)
    except OSError as e:
        raise PackageError("file.cannot_open", error=e.strerror or type(e).__name__) from None
    if size == 0:
        raise PackageError("file.empty")
    if head.startswith(OLE_MAGIC):
        raise PackageError(_ole_kind(path))
    if not head.startswith(ZIP_MAGIC):
        text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if text.startswith((b"<!doctype html", b"<html", b"<?xml", b"<table", b"<meta")):
            raise PackageError("file.html")
        if path.suffix.lower() in TEXT_SUFFIXES:
            raise PackageError("file.text", suffix=path.suffix.lower())
        if b"\x00" not in head and (b"," in head or b"\t" in head or b";" in head):
            raise PackageError("file.csv")
        raise PackageError("file.not_xlsx")


def _check_sizes(zf: zipfile.ZipFile) -> None:
    """Refuse a zip bomb from the sizes the package declares, before unpacking anything.
    (A part that unpacks to more than it declares fails its CRC check when read.)"""
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise PackageError("file.too_many_parts", count=len(infos))
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PackageError("file.bomb_part", part=info.filename, size=info.file_size,
                               packed=info.compress_size)
    if total > MAX_UNCOMPRESSED:
        raise PackageError("file.bomb_total", size=total)


def _read(zf: zipfile.ZipFile, name: str, *, prolog_only: bool = False) -> bytes:
    """A part's bytes; zipfile stops at the declared size and checks the CRC, so a part
    that lies about its size is refused without unpacking the rest. A DOCTYPE (the only
    place entities are declared) is refused; for a worksheet only the part before its
    cells is searched, which is where a DOCTYPE must stand."""
    try:
        with zf.open(name) as fh:  # never unpack more than declared (and checked) + 1
            data = fh.read(min(zf.getinfo(name).file_size, MAX_UNCOMPRESSED) + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
            RuntimeError) as e:  # RuntimeError: an encrypted zip entry
        raise PackageError("file.part_damaged", part=f"{name}: {e}") from None
    if len(data) > MAX_UNCOMPRESSED:
        raise PackageError("file.bigger", part=name)
    stop = data.find(b"sheetData") if prolog_only else -1
    if data.find(b"<!DOCTYPE", 0, stop if stop >= 0 else len(data)) >= 0:
        raise PackageError("file.doctype", part=name)
    return data


def _check_prolog(zf: zipfile.ZipFile, name: str) -> None:
    """Refuse a DOCTYPE at the head of a part read by calamine but not by us (only the
    first 4 KiB are unpacked; calamine itself rejects an entity it does not know)."""
    try:
        with zf.open(name) as fh:
            head = fh.read(4096)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
            RuntimeError) as e:
        raise PackageError("file.part_damaged", part=f"{name}: {e}") from None
    if b"<!DOCTYPE" in head:
        raise PackageError("file.doctype", part=name)


def _attrs(tag: str) -> dict[str, str]:
    return {k: a if a or not b else b for k, a, b in _ATTR.findall(tag)}


def scan_package(path: Path) -> PackageScan:
    """Check the package (what it is, its sizes, no DOCTYPE) and, in every worksheet, find
    error cells, uncached formulas and hidden rows, and whether calamine may read it."""
    sniff(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise PackageError("file.damaged") from None
    with zf:
        _check_sizes(zf)
        names = set(zf.namelist())
        if "xl/workbook.xml" not in names:
            if "EncryptionInfo" in names or "EncryptedPackage" in names:
                raise PackageError("file.encrypted")
            if "xl/workbook.bin" in names:
                raise PackageError("file.xlsb")
            if "content.xml" in names and "mimetype" in names:
                raise PackageError("file.ods")
            raise PackageError("file.no_workbook")
        workbook_xml = _read(zf, "xl/workbook.xml").decode("utf-8", "replace")
        rels_name = "xl/_rels/workbook.xml.rels"
        rels_xml = _read(zf, rels_name).decode("utf-8", "replace") if rels_name in names else ""
        for part in ("xl/sharedStrings.xml", "xl/styles.xml"):  # what calamine parses too
            if part in names:
                _check_prolog(zf, part)
        scan = PackageScan(epoch_1904=bool(_DATE1904.search(workbook_xml)))
        targets = {}
        for tag in _REL_TAG.findall(rels_xml):
            attrs = _attrs(tag)
            targets[attrs.get("Id")] = attrs.get("Target", "")
        for tag in _SHEET_TAG.findall(workbook_xml):
            attrs = _attrs(tag)
            name = html.unescape(attrs.get("name", ""))
            target = targets.get(attrs.get("r:id"), "")
            part = target.lstrip("/") if target.startswith("/") else str(
                PurePosixPath("xl") / target)
            sheet = SheetScan(part, attrs.get("state", "visible"))
            scan.sheets[name] = sheet
            if part in names:
                _scan_sheet(_read(zf, part, prolog_only=True), sheet)
            else:  # calamine may still find it by another path; never trust it blind
                sheet.bounded = True
        return scan


def stamped(path: Path, name: str) -> str | None:
    """A custom property our templates stamp into a workbook (`salesbook_template`,
    `salesbook_version`, `salesbook_lang`), read without opening the workbook (a few
    kilobytes); None for any file that does not say. Writers order the property's
    attributes differently (XlsxWriter name last, openpyxl name first): both are read."""
    try:
        with zipfile.ZipFile(path) as zf, zf.open("docProps/custom.xml") as fh:
            xml = fh.read(64 * 1024)
    except (OSError, KeyError, ValueError, EOFError, RuntimeError, zipfile.BadZipFile):
        return None
    found = re.search(rb'name="' + re.escape(name.encode()) +
                      rb'"[^>]*>\s*<vt:lpwstr>([^<]*)</vt:lpwstr>', xml)
    return found.group(1).decode("utf-8") if found else None


def stamped_lang(path: Path) -> str | None:
    """The language of the template a workbook was made from (see `stamped`)."""
    return stamped(path, "salesbook_lang")


def _cell_at(xml: bytes, pos: int) -> tuple[bytes, bytes] | None:
    """(attributes, body) of the <c> element containing byte offset `pos`."""
    start = xml.rfind(b"<c ", 0, pos)
    if start < 0:
        return None
    m = _CELL_WITH_BODY.match(xml, start)
    return (m.group(1), m.group(2)) if m and m.end() > pos else None


def _needs_bounds(xml: bytes) -> bool:
    """True unless every cell has a plain A1 reference within MAX_ROWS x MAX_COLS.

    One translate and one regex pass at C speed (no per-cell Python). A usual sheet (plain
    references, under 1,000 rows and column ZZ) is settled there; a bigger one gets an
    exact check of its references; a cell without a reference, or with an odd or a far
    one, sends the sheet to the bounded reader, which is slower but never allocates more
    than the area it keeps."""
    if _UNUSUAL.search(xml.translate(_SHAPE)) is None:
        return False
    norm = xml.translate(_NORMALISE)
    return bool(_NO_REF.search(norm) or _FAR_COL.search(norm) or _FAR_ROW.search(norm))


def _scan_sheet(xml: bytes, sheet: SheetScan) -> None:
    """Visit only the error cells and formula cells: a sheet has few of those. Only the
    cells (between the sheetData tags) are searched."""
    start = xml.find(b"sheetData")
    if start < 0:
        return
    xml = xml[start:xml.rfind(b"sheetData")]
    sheet.bounded = _needs_bounds(xml)
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
    if b'hidden="' in xml:
        for tag in _HIDDEN_ROW.findall(xml):
            m = _ROW_NUMBER.search(tag)
            if m:
                sheet.hidden_rows.add(int(m.group(1)))


# -- the bounded reader -------------------------------------------------------------------
_DATE_OVERFLOW = re.compile(r"Cell ([A-Z]+[0-9]+) is marked as a date but the serial value "
                            r"(\S+) is outside")


def _split(ref: str) -> tuple[int, int]:
    letters = ref.rstrip("0123456789")
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(ref[len(letters):]), col


@dataclass
class BoundedSheet:
    """A sheet as the bounded reader saw it: the grid (at most MAX_ROWS x MAX_COLS), its
    error cells and uncached formulas, and the first value found outside that area."""

    grid: list[list[Any]]
    scan: SheetScan
    beyond: str | None = None
    cut: bool = False  # the data runs on past MAX_ROWS: a table was cut, not a stray cell


class BoundedReader:
    """Reads sheets that calamine must not see, streaming them through openpyxl in
    read-only mode (defusedxml parses the XML) and keeping at most MAX_ROWS x MAX_COLS."""

    def __init__(self, path: Path):
        self.path = path
        self._books: dict[bool, Any] = {}

    def _book(self, data_only: bool) -> Any:
        if data_only not in self._books:
            import openpyxl

            self._books[data_only] = openpyxl.load_workbook(
                self.path, read_only=True, data_only=data_only, keep_links=False)
        return self._books[data_only]

    def close(self) -> None:
        for book in self._books.values():
            book.close()
        self._books.clear()

    def read(self, name: str, state: str = "visible") -> BoundedSheet:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            found = self._read(name, state)
        for w in caught:  # a number in a date cell beyond any calendar: the number, so that
            m = _DATE_OVERFLOW.search(str(w.message))  # it is reported as not a date
            if m and m.group(1) in found.scan.errors:
                del found.scan.errors[m.group(1)]
                row, col = _split(m.group(1))
                if row <= len(found.grid) and col <= len(found.grid[row - 1]):
                    found.grid[row - 1][col - 1] = float(m.group(2))
        return found

    def _read(self, name: str, state: str) -> BoundedSheet:
        ws = self._book(True)[name]
        ws.reset_dimensions()  # never trust <dimension>: it may say A1:XFD1048576
        grid: list[list[Any]] = []
        scan = SheetScan(path="", state=state)
        beyond = None
        for r, row in enumerate(ws.iter_rows(), start=1):
            if r > EXCEL_MAX_ROW:
                break
            if r > MAX_ROWS:
                if beyond is None:
                    beyond = next((c.coordinate for c in row if c.value is not None), None)
                if beyond is not None:
                    break
                continue
            if len(row) > MAX_COLS and beyond is None:
                beyond = next((c.coordinate for c in row[MAX_COLS:] if c.value is not None),
                              None)
            line = []
            for c in row[:MAX_COLS]:
                v = c.value
                if v is not None and c.data_type == "e":
                    scan.errors[c.coordinate] = str(v)
                line.append(v)
            grid.append(line)
        if grid:
            formulas = self._book(False)[name]
            formulas.reset_dimensions()
            for r, row in enumerate(formulas.iter_rows(max_row=len(grid), max_col=MAX_COLS),
                                    start=1):
                line = grid[r - 1]
                for i, c in enumerate(row):
                    if c.data_type == "f" and (i >= len(line) or line[i] is None):
                        scan.uncached.add(c.coordinate)
        cut = beyond is not None and len(grid) >= MAX_ROWS and \
            any(v is not None for v in grid[-1])
        return BoundedSheet(grid, scan, beyond, cut)
