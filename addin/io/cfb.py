"""Write a Compound File Binary (MS-CFB version 3, 512-byte sectors) from a tree of
streams, deterministically: no timestamps, no class IDs, a fixed layout. It is the
container of an Office VBA project (`xl/vbaProject.bin`); see addin.io.vba.

Small streams (under 4096 bytes) live in the mini stream, the rest in regular sectors.
The header's 109 DIFAT slots are enough for files up to about 7 MB, far more than a
VBA project needs.
"""

from __future__ import annotations

import struct

FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR, MINI, CUTOFF = 512, 64, 4096
_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENTRY = "<64sHBBIII16sIQQIII"  # one 128-byte directory entry
STORAGE, STREAM, ROOT = 1, 2, 5
RED, BLACK = 0, 1


def _order(name: str) -> tuple[int, str]:
    """MS-CFB 2.6.4: siblings compare by name length first, then upper-cased name."""
    return len(name), name.upper()


def _sectors(n_bytes: int) -> int:
    return -(-n_bytes // SECTOR)


class _Entry:
    def __init__(self, name: str, kind: int, data: bytes | None = None):
        self.name, self.kind, self.data = name, kind, data
        self.children: list[int] = []
        self.left = self.right = self.child = NOSTREAM
        self.color, self.start, self.size = BLACK, 0, 0


def _entries(tree: dict) -> list[_Entry]:
    entries = [_Entry("Root Entry", ROOT)]

    def add(node: dict, parent: int) -> None:
        for name in sorted(node, key=_order):
            value = node[name]
            if len(name.encode("utf-16-le")) > 62:
                raise ValueError(f"CFB name too long: {name!r}")
            entries[parent].children.append(len(entries))
            if isinstance(value, dict):
                entries.append(_Entry(name, STORAGE))
                add(value, len(entries) - 1)
            else:
                entries.append(_Entry(name, STREAM, bytes(value)))

    add(tree, 0)
    return entries


def _balance(entries: list[_Entry]) -> None:
    """Each storage's children as a balanced binary tree, its deepest level red: a valid
    red-black tree, as readers expect."""
    def build(children: list[int], depth: int, depths: dict[int, int]) -> int:
        if not children:
            return NOSTREAM
        mid = len(children) // 2
        node = children[mid]
        depths[node] = depth
        entries[node].left = build(children[:mid], depth + 1, depths)
        entries[node].right = build(children[mid + 1:], depth + 1, depths)
        return node

    for e in entries:
        if e.children:
            depths: dict[int, int] = {}
            e.child = build(e.children, 0, depths)
            deepest = max(depths.values())
            for node, depth in depths.items():
                if deepest and depth == deepest:
                    entries[node].color = RED


def write_cfb(tree: dict) -> bytes:
    """`tree` = {name: bytes (a stream) | dict (a storage)}; returns the file's bytes."""
    entries = _entries(tree)
    _balance(entries)
    mini, minifat, big = bytearray(), [], []
    for i, e in enumerate(entries):
        if e.kind != STREAM:
            continue
        e.size = len(e.data)
        if not e.data:
            e.start = ENDOFCHAIN
        elif len(e.data) < CUTOFF:
            first, n = len(mini) // MINI, -(-len(e.data) // MINI)
            mini += e.data.ljust(n * MINI, b"\x00")
            minifat += [first + k + 1 for k in range(n - 1)] + [ENDOFCHAIN]
            e.start = first
        else:
            big.append((i, e.data))

    n_dir = _sectors(len(entries) * 128)
    n_minifat, n_mini = _sectors(len(minifat) * 4), _sectors(len(mini))
    n_big = sum(_sectors(len(d)) for _, d in big)
    n_fat = 1
    while _sectors((n_fat + n_dir + n_minifat + n_mini + n_big) * 4) > n_fat:
        n_fat += 1
    if n_fat > 109:
        raise ValueError("compound file too large for a header-only DIFAT")

    fat = [FREESECT] * (n_fat * SECTOR // 4)
    fat[:n_fat] = [FATSECT] * n_fat
    cursor = n_fat

    def chain(count: int) -> int:
        nonlocal cursor
        if count == 0:
            return ENDOFCHAIN
        start = cursor
        for k in range(count):
            fat[cursor + k] = cursor + k + 1 if k < count - 1 else ENDOFCHAIN
        cursor += count
        return start

    dir_start = chain(n_dir)
    minifat_start = chain(n_minifat)
    mini_start = chain(n_mini)
    for i, data in big:
        entries[i].start = chain(_sectors(len(data)))
    root = entries[0]
    root.start, root.size = (mini_start, len(mini)) if n_mini else (ENDOFCHAIN, 0)

    body = bytearray(struct.pack(f"<{len(fat)}I", *fat))
    directory = bytearray()
    for e in entries:
        name = e.name.encode("utf-16-le") + b"\x00\x00"
        directory += struct.pack(_ENTRY, name, len(name), e.kind, e.color, e.left, e.right,
                                 e.child, bytes(16), 0, 0, 0, e.start, e.size, 0)
    while len(directory) % SECTOR:  # unused entries
        directory += struct.pack(_ENTRY, b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM,
                                 bytes(16), 0, 0, 0, 0, 0, 0)
    body += directory
    padded_minifat = minifat + [FREESECT] * (n_minifat * SECTOR // 4 - len(minifat))
    body += struct.pack(f"<{len(padded_minifat)}I", *padded_minifat)
    body += bytes(mini).ljust(n_mini * SECTOR, b"\x00")
    for _, data in big:
        body += data.ljust(_sectors(len(data)) * SECTOR, b"\x00")

    difat = list(range(n_fat)) + [FREESECT] * (109 - n_fat)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII", _SIGNATURE, bytes(16), 0x003E, 0x0003, 0xFFFE, 9, 6,
        bytes(6), 0, n_fat, dir_start, 0, CUTOFF,
        minifat_start if n_minifat else ENDOFCHAIN, n_minifat, ENDOFCHAIN, 0,
    ) + struct.pack("<109I", *difat)
    return header + bytes(body)
