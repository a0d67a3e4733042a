"""A minimal .xlsb (BIFF12 records in a zip) written by hand, so that a test can put a cell
anywhere, declare any dimension (BrtWsDim) or any shared-string count."""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="bin" ContentType="application/vnd.ms-excel.'
    'sheet.binary.macroEnabled.main"/><Override PartName="/xl/worksheets/sheet1.bin" '
    'ContentType="application/vnd.ms-excel.worksheet"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.bin"/></Relationships>'
)


def _varint(value: int, max_bytes: int) -> bytes:
    out = bytearray()
    for _ in range(max_bytes):
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            break
    return bytes(out)


def _record(rtype: int, payload: bytes = b"") -> bytes:
    return _varint(rtype, 2) + _varint(len(payload), 4) + payload


def _wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def _col_row(ref: str) -> tuple[int, int]:
    letters = "".join(ch for ch in ref if ch.isalpha())
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return col - 1, int(ref[len(letters) :]) - 1


def write_xlsb(
    path: Path,
    rows: Sequence[Sequence[str | float]],
    far_cells: Sequence[tuple[str, str | float | None]] = (),
    dimension: tuple[int, int, int, int] | None = None,
    declared_strings: int | None = None,
) -> Path:
    """rows from A1; far cells by reference (None: a blank formatted cell); dimension as
    (first row, last row, first col, last col), 0-based; declared_strings writes a shared
    string table header with that count."""
    cells: dict[int, list[tuple[int, str | float | None]]] = {}
    for r, row in enumerate(rows):
        cells.setdefault(r, []).extend(enumerate(row))
    for ref, value in far_cells:
        c, r = _col_row(ref)
        cells.setdefault(r, []).append((c, value))
    last_row = max(cells) if cells else 0
    last_col = max((c for row in cells.values() for c, _ in row), default=0)
    dim = dimension or (0, last_row, 0, last_col)
    sheet = _record(0x0081) + _record(0x0094, struct.pack("<4I", *dim)) + _record(0x0091)
    for r in sorted(cells):
        sheet += _record(0x0000, struct.pack("<IIHBBBB", r, 0, 300, 0, 0, 0, 0) + b"\0" * 4)
        for c, value in sorted(cells[r], key=lambda item: item[0]):
            head = struct.pack("<II", c, 0)
            if value is None:
                sheet += _record(0x0001, head)
            elif isinstance(value, str):
                sheet += _record(0x0006, head + _wide(value))
            else:
                sheet += _record(0x0005, head + struct.pack("<d", float(value)))
    sheet += _record(0x0092) + _record(0x0082)
    bundle = struct.pack("<II", 0, 1) + _wide("rId1") + _wide("Sheet1")
    workbook = (
        _record(0x0083)
        + _record(0x008F)
        + _record(0x009C, bundle)
        + _record(0x0090)
        + _record(0x0084)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.bin", workbook)
        archive.writestr("xl/_rels/workbook.bin.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.bin", sheet)
        if declared_strings is not None:
            sst = _record(0x009F, struct.pack("<II", declared_strings, declared_strings))
            archive.writestr("xl/sharedStrings.bin", sst + _record(0x00A0))
    return path
