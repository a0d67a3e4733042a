"""A minimal BIFF8 .xls (one Workbook stream in a compound file) written by hand, so that a
test can put a cell anywhere (a row/column up to 65535, beyond Excel's 256 columns)."""

from __future__ import annotations

import struct
from collections.abc import Sequence
from pathlib import Path

_END = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_FAT = 0xFFFFFFFD


def _rec(rtype: int, payload: bytes = b"") -> bytes:
    return struct.pack("<HH", rtype, len(payload)) + payload


def _bof(kind: int) -> bytes:
    return _rec(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x06))


def _cell(row: int, col: int, value: str | float) -> bytes:
    if isinstance(value, str):
        text = value.encode("utf-16-le")
        body = struct.pack("<HHHHB", row, col, 0, len(value), 1) + text
        return _rec(0x0204, body)
    return _rec(0x0203, struct.pack("<HHHd", row, col, 0, float(value)))


def _col_row(ref: str) -> tuple[int, int]:
    letters = "".join(ch for ch in ref if ch.isalpha())
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(ref[len(letters) :]) - 1, col - 1


def workbook_stream(
    rows: Sequence[Sequence[str | float]], far_cells: Sequence[tuple[int, int, str]] = ()
) -> bytes:
    name = b"Sheet1"
    boundsheet_len = len(_rec(0x0085, b"\0" * (8 + len(name))))
    globals_len = len(_bof(0x0005)) + boundsheet_len + 4
    head = _bof(0x0005)
    head += _rec(0x0085, struct.pack("<IBBBB", globals_len, 0, 0, len(name), 0) + name)
    head += _rec(0x000A)
    assert len(head) == globals_len
    sheet = _bof(0x0010)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet += _cell(r, c, value)
    for r, c, value in far_cells:
        sheet += _cell(r, c, value)
    return head + sheet + _rec(0x000A)


def write_xls(
    path: Path, rows: Sequence[Sequence[str | float]], far_cells: Sequence[tuple[str, str]] = ()
) -> Path:
    """far cells by reference (rows/columns up to 65536, e.g. "A65536") or (row, col) 0-based."""
    cells = [(*_col_row(ref), value) for ref, value in far_cells]
    data = workbook_stream(rows, cells)
    data += b"\0" * (max(4096, -(-len(data) // 512) * 512) - len(data))
    sectors = len(data) // 512
    assert sectors <= 126
    fat = [_FAT, _END] + [2 + i + 1 for i in range(sectors - 1)] + [_END]
    fat += [_FREE] * (128 - len(fat))
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", _FREE) * 108
    assert len(header) == 512

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = (name + "\0").encode("utf-16-le") if name else b""
        out = raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1 if name else 0)
        out += struct.pack("<III", _FREE, _FREE, child) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16
        return out + struct.pack("<III", start, size, 0)

    directory = entry("Root Entry", 5, 1, _END, 0) + entry("Workbook", 2, _FREE, 2, len(data))
    directory += entry("", 0, _FREE, 0, 0) * 2
    path.write_bytes(header + struct.pack("<128I", *fat) + directory + data)
    return path
