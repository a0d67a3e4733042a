"""Limits on what an import reads, and the checks that enforce them before any big allocation.

The limits are the ones a user knows from Excel (1,048,576 rows, 16,384 columns, 32,767
characters in a cell) plus a cap on cells so that a small file cannot need gigabytes:
a workbook whose only cell sits at XFD1048576 declares 17 billion cells. An xlsx sheet is
scanned as a stream first (its real data extent: the cells that hold a value, not its
declared dimension), and refused in Chinese, naming the file and the far cell, when the
extent is beyond the limits. The scan also notes error cells (#DIV/0!) and formulas
without a cached value, which the spreadsheet library would otherwise read as empty.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO

MAX_ROWS = 1_048_576  # Excel's own limit
MAX_COLUMNS = 16_384  # Excel's own limit (XFD)
MAX_CELLS = 5_000_000  # rows × columns of the data extent (about 150 MB in memory)
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_SHEET_XML = 400 * 1024 * 1024  # uncompressed bytes of one worksheet (zip bombs)
MAX_SMALL_PART = 20 * 1024 * 1024  # workbook.xml, rels: tiny in real files

LIMITS_TEXT = (
    f"最多 {MAX_ROWS:,} 行、{MAX_COLUMNS:,} 列（与 Excel 相同），"
    f"有数据的区域不超过 {MAX_CELLS // 10_000:,} 万个单元格，"
    f"每个单元格不超过 {MAX_CELL_CHARS:,} 个字符"
)


class LimitError(ValueError):
    """Beyond a limit; the message is Chinese (the caller adds the file name)."""


@dataclass
class SheetScan:
    rows: int = 0  # data extent: last row with a value (1-based)
    columns: int = 0  # last column with a value (1-based)
    far_cell: str = ""  # the cell that set the extent furthest out
    notes: dict[tuple[int, int], str] = field(default_factory=dict)  # (row0, col0) → why
    # The text such a cell gets instead of '' (so nothing reads as blank / 0 / 否).
    markers: dict[tuple[int, int], str] = field(default_factory=dict)


def check_extent(rows: int, columns: int, far_cell: str = "") -> None:
    where = f"（最远的单元格 {far_cell}）" if far_cell else ""
    if columns > MAX_COLUMNS:
        raise LimitError(f"数据有 {columns:,} 列{where}，超过可导入的上限：{LIMITS_TEXT}")
    if rows > MAX_ROWS:
        raise LimitError(f"数据有 {rows:,} 行{where}，超过可导入的上限：{LIMITS_TEXT}")
    if rows * columns > MAX_CELLS:
        raise LimitError(
            f"数据区域为 {rows:,} 行 × {columns:,} 列{where}，超过可导入的上限（{LIMITS_TEXT}）。"
            "如果表格远处有零星内容，请删除后再导入"
        )


def column_index(letters: str) -> int:
    """ "A" → 1, "XFD" → 16384."""
    value = 0
    for ch in letters:
        value = value * 26 + (ord(ch) - 64)
    return value


def column_letters(index: int) -> str:
    """1 → "A"."""
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# ---------------------------------------------------------------------------- xlsx scan
_SHEET_RE = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)>")
_ATTR_RE = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')
_REL_RE = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
_TOKEN_RE = re.compile(rb"<(?:\w+:)?(row|c|v|is|f)\b([^>]*?)(/?)>")
_REF_RE = re.compile(rb'\br\s*=\s*"([A-Za-z]{1,4})(\d{1,8})"')
_ROW_R_RE = re.compile(rb'\br\s*=\s*"(\d{1,8})"')
_TYPE_RE = re.compile(rb'\bt\s*=\s*"(\w+)"')
_VALUE_RE = re.compile(rb"<(?:\w+:)?v\b[^>]*>([^<]{0,64})")


def _attrs(raw: bytes) -> dict[str, str]:
    return {
        k.decode("utf-8", "replace").split(":")[-1]: v.decode("utf-8", "replace")
        for k, v in _ATTR_RE.findall(raw)
    }


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as fh:
        data = fh.read(MAX_SMALL_PART + 1)
    if len(data) > MAX_SMALL_PART:
        raise LimitError(f"工作簿的“{name}”部分异常庞大，文件可能已损坏")
    return data


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → worksheet part name inside the xlsx archive."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        return {}
    workbook = _read_small(archive, "xl/workbook.xml")
    rels_name = "xl/_rels/workbook.xml.rels"
    targets: dict[str, str] = {}
    if rels_name in names:
        for raw in _REL_RE.findall(_read_small(archive, rels_name)):
            attrs = _attrs(raw)
            target = attrs.get("Target", "")
            if target.startswith("/"):
                part = target.lstrip("/")
            else:
                part = str(PurePosixPath("xl") / target)
            targets[attrs.get("Id", "")] = part
    out: dict[str, str] = {}
    for raw in _SHEET_RE.findall(workbook):
        attrs = _attrs(raw)
        part = targets.get(attrs.get("id", ""), "")
        if part in names:
            out[attrs.get("name", "")] = part
    return out


# Fast path (cells carry their r="B12" reference, as Excel and WPS always write): searches
# anchored on literals run in C, Python only takes maxima — 800,000 cells in about a second.
_REF_ATTR_RE = re.compile(rb'r="([A-Z]{1,4})\d{1,8}"')
_ROW_ATTR_RE = re.compile(rb'<row r="(\d{1,8})"')
_CELL_R_RE = re.compile(rb'\br="([A-Z]{1,4})(\d{1,8})"')
_ERROR_VALUE_RE = re.compile(rb"<(?:\w+:)?v\b[^>]*>([^<]{0,64})")
_UNCACHED_END_RE = re.compile(rb"(?:</(?:\w+:)?f>|<(?:\w+:)?f\b[^>]*/>)\s*</(?:\w+:)?c>")
_CELL_OPEN_RE = re.compile(rb"<(?:\w+:)?c[\s>/]")


def scan_xlsx_sheet(archive: zipfile.ZipFile, part: str) -> SheetScan:
    """Stream one worksheet's XML: its data extent and its unreadable cells.

    Raises LimitError beyond the limits (before the spreadsheet library allocates the
    extent) and zipfile/zlib errors for a damaged archive (the caller words those).
    """
    try:
        scan = _scan_fast(archive, part)
    except LimitError:
        scan = None  # the fast extent counts formatted empty cells too: check precisely
    return scan if scan is not None else _scan_tokens(archive, part)


def _cell_before(data: bytes, pos: int) -> tuple[int, int] | None:
    """(row, column) of the cell element that contains ``pos``."""
    start = max(data.rfind(b"<c ", 0, pos), data.rfind(b":c ", 0, pos))
    if start < 0:
        return None
    m = _CELL_R_RE.search(data, start, data.find(b">", start) + 1)
    return (int(m.group(2)), column_index(m.group(1).decode())) if m else None


def _scan_fast(archive: zipfile.ZipFile, part: str) -> SheetScan | None:
    """None when some cell has no r="…" reference (then the token scan works it out)."""
    scan = SheetScan()
    total = 0
    carry = b""
    with archive.open(part) as fh:
        while True:
            chunk = fh.read(1 << 22)
            total += len(chunk)
            if total > MAX_SHEET_XML:
                raise LimitError(
                    f"工作表解压后超过 {MAX_SHEET_XML // 1024 // 1024} MB，超过可导入的上限"
                )
            data = carry + chunk
            if chunk:
                # Cut before the last cell that starts in this chunk: it may be incomplete.
                tail_from = max(0, len(data) - 65536)
                starts = [m.start() for m in _CELL_OPEN_RE.finditer(data, tail_from)]
                cut = starts[-1] if starts else data.rfind(b"<")
                data, carry = data[:cut], data[cut:]
                if len(carry) > 1 << 20:
                    return None
            refs = _REF_ATTR_RE.findall(data)
            if b"<c>" in data or b":c " in data or data.count(b"<c ") != len(refs):
                return None  # cells without references (or r= elsewhere): count precisely
            if refs:
                rows = _ROW_ATTR_RE.findall(data)
                if len(rows) != data.count(b"<row "):
                    return None  # rows without references or with a namespace prefix
                # Rows that hold only formatted cells also count here; beyond the limits
                # the token scan then looks at the values (see scan_xlsx_sheet).
                last_row = max(map(int, rows)) if rows else scan.rows
                widest = max(set(refs), key=lambda c: (len(c), c))
                _extend_to(scan, last_row, column_index(widest.decode()), "")
            if b'"e"' in data:
                for m in re.finditer(rb'\bt="e"', data):
                    where = _cell_before(data, m.start())
                    value = _ERROR_VALUE_RE.search(data, m.end(), m.end() + 400)
                    if where is not None and value is not None:
                        key = (where[0] - 1, where[1] - 1)
                        text = value.group(1).decode("utf-8", "replace") or "#错误"
                        scan.notes[key] = f"单元格是错误值 {text}"
                        scan.markers[key] = text
            if b"f>" in data or b"<f " in data or b":f " in data:
                for m in _UNCACHED_END_RE.finditer(data):
                    where = _cell_before(data, m.start())
                    if where is not None:
                        _note_uncached(scan, (where[0], where[1], b"", b""))
            if not chunk:
                break
    return scan


def _extend_to(scan: SheetScan, row: int, col: int, far: str) -> None:
    if row > scan.rows or col > scan.columns:
        scan.rows = max(scan.rows, row)
        scan.columns = max(scan.columns, col)
        check_extent(scan.rows, scan.columns, scan.far_cell)


def _scan_tokens(archive: zipfile.ZipFile, part: str) -> SheetScan:
    scan = SheetScan()
    row = 0
    col = 0
    open_cell: tuple[int, int, bytes, bytes] | None = None  # (row, col, type, attrs)
    has_formula = False
    total = 0
    carry = b""
    with archive.open(part) as fh:
        while True:
            chunk = fh.read(1 << 22)
            total += len(chunk)
            if total > MAX_SHEET_XML:
                raise LimitError(
                    f"工作表解压后超过 {MAX_SHEET_XML // 1024 // 1024} MB，超过可导入的上限"
                )
            data = carry + chunk
            if chunk:
                cut = data.rfind(b"<")
                data, carry = data[:cut], data[cut:]
            else:
                carry = b""
            for m in _TOKEN_RE.finditer(data):
                tag, attrs, closed = m.group(1), m.group(2), m.group(3)
                if tag == b"row":
                    r = _ROW_R_RE.search(attrs)
                    row = int(r.group(1)) if r else row + 1
                    col = 0
                    continue
                if tag == b"c":
                    if open_cell is not None and has_formula:
                        _note_uncached(scan, open_cell)
                    ref = _REF_RE.search(attrs)
                    if ref:
                        col = column_index(ref.group(1).upper().decode())
                        row = int(ref.group(2))
                    else:
                        col += 1
                    t = _TYPE_RE.search(attrs)
                    open_cell = None if closed else (row, col, t.group(1) if t else b"", b"")
                    has_formula = False
                    continue
                if open_cell is None:
                    continue
                if tag == b"f":
                    has_formula = True
                    continue
                # <v> or <is>: the cell holds a value.
                r0, c0, typ, _ = open_cell
                _extend(scan, r0, c0)
                if typ == b"e":
                    value = _VALUE_RE.match(data, m.start())
                    text = value.group(1).decode("utf-8", "replace") if value else "#错误"
                    scan.notes[(r0 - 1, c0 - 1)] = f"单元格是错误值 {text}"
                    scan.markers[(r0 - 1, c0 - 1)] = text
                open_cell = None
                has_formula = False
            if not chunk:
                break
    if open_cell is not None and has_formula:
        _note_uncached(scan, open_cell)
    return scan


def _note_uncached(scan: SheetScan, cell: tuple[int, int, bytes, bytes]) -> None:
    r0, c0 = cell[0], cell[1]
    _extend(scan, r0, c0)
    scan.notes[(r0 - 1, c0 - 1)] = (
        "单元格是公式但文件里没有保存计算结果：请在 Excel 中打开、保存后再导入"
    )
    scan.markers[(r0 - 1, c0 - 1)] = UNCACHED_MARKER


UNCACHED_MARKER = "#公式无结果"


def _extend(scan: SheetScan, row: int, col: int) -> None:
    grew = False
    if row > scan.rows:
        scan.rows, grew = row, True
    if col > scan.columns:
        scan.columns, grew = col, True
    if grew:
        scan.far_cell = f"{column_letters(col)}{row}"
        check_extent(scan.rows, scan.columns, scan.far_cell)


DAMAGED_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    OSError,
    ValueError,
    NotImplementedError,  # "zip file version 20.6", unknown compression
    RuntimeError,  # an encrypted zip entry
)


# ---------------------------------------------------------------------------- ods scan
_ODS_ROW_RE = re.compile(rb"<table:table-row\b([^>]*?)(?:/>|>(.*?)</table:table-row>)", re.S)
_ODS_CELL_RE = re.compile(rb"<table:(?:covered-)?table-cell\b([^>]*?)(/?)>")
_ODS_REPEAT_RE = re.compile(rb'number-(?:rows|columns)-repeated="(\d{1,9})"')
_ODS_SHEET_RE = re.compile(rb"<table:table(?=[\s>])")


def scan_ods(archive: zipfile.ZipFile) -> None:
    """An .ods sheet repeats rows and cells by attribute (number-rows-repeated="1048570"):
    refuse a data area beyond the limits before the spreadsheet library expands it. Repeated
    empty rows and cells (LibreOffice writes them up to the sheet's end) do not count."""
    with archive.open("content.xml") as fh:
        data = fh.read(MAX_SHEET_XML + 1)
    if len(data) > MAX_SHEET_XML:
        raise LimitError(f"表格内容解压后超过 {MAX_SHEET_XML // 1024 // 1024} MB，超过可导入的上限")
    for sheet in _ODS_SHEET_RE.split(data)[1:]:
        position = 0  # rows so far, empty ones included
        rows = columns = 0  # the data extent: up to the last row and column with a value
        for m in _ODS_ROW_RE.finditer(sheet):
            attrs, body = m.group(1), m.group(2) or b""
            repeat = _ODS_REPEAT_RE.search(attrs)
            times = int(repeat.group(1)) if repeat else 1
            width = 0
            valued = False
            for cell in _ODS_CELL_RE.finditer(body):
                r = _ODS_REPEAT_RE.search(cell.group(1))
                width += int(r.group(1)) if r else 1
                if not cell.group(2):  # not self-closing: it holds a value
                    valued = True
                    columns = max(columns, width)
            position += times
            if valued:
                rows = position
                check_extent(rows, columns)


# ---------------------------------------------------------------------------- xlsb scan
# BIFF12 record types (MS-XLSB 2.3.2): the row header, the cell records with a value (their
# first four bytes are the column; BrtCellBlank, a formatted empty cell, is skipped by the
# library as by the xlsx scan), the shared-string table header and workbook.bin's sheet list.
_BRT_ROW_HDR = 0x0000
_BRT_CELLS = frozenset((*range(0x0002, 0x000C), 0x003E))  # BrtCellRk … BrtFmlaError, RString
_BRT_BEGIN_SST = 0x009F
_BRT_BUNDLE_SH = 0x009C
_MAX_SST = MAX_CELLS  # unique shared strings: a declared count is reserved up front


def _biff12_records(data: bytes) -> Iterator[tuple[int, int, int]]:
    """(type, start, end) of each record; ValueError for a record cut short."""
    pos = 0
    for rtype, start, end in _biff12_complete(data, 0):
        pos = end
        yield rtype, start, end
    if pos != len(data):
        raise ValueError("记录不完整")


def _biff12_complete(data: bytes, pos: int) -> Iterator[tuple[int, int, int]]:
    """The complete records from ``pos`` on (stops at one cut short)."""
    size_of = len(data)
    while pos < size_of:
        at = pos
        rtype = 0
        for shift in (0, 7):
            if at >= size_of:
                return
            byte = data[at]
            at += 1
            rtype |= (byte & 0x7F) << shift
            if not byte & 0x80:
                break
        length = 0
        for shift in (0, 7, 14, 21):
            if at >= size_of:
                return
            byte = data[at]
            at += 1
            length |= (byte & 0x7F) << shift
            if not byte & 0x80:
                break
        if at + length > size_of:
            return
        yield rtype, at, at + length
        pos = at + length


def _biff12_stream(fh: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    """(type, first bytes of the payload) of each record of a part, read in chunks so that
    memory stays small; ValueError for a damaged part."""
    carry = b""
    total = 0
    while True:
        chunk = fh.read(1 << 22)
        total += len(chunk)
        if total > MAX_SHEET_XML:
            raise LimitError(
                f"工作表解压后超过 {MAX_SHEET_XML // 1024 // 1024} MB，超过可导入的上限"
            )
        data = carry + chunk
        pos = 0
        for rtype, start, end in _biff12_complete(data, 0):
            yield rtype, data[start : min(end, start + 8)]
            pos = end
        carry = data[pos:]
        if not chunk:
            if carry:
                raise ValueError("工作表的最后一条记录不完整")
            return
        if len(carry) > 1 << 24:
            raise ValueError("工作表中有异常庞大的记录")


def _wide_string(data: bytes, pos: int) -> tuple[str, int]:
    count = int.from_bytes(data[pos : pos + 4], "little")
    if count == 0xFFFFFFFF:  # XLNullableWideString: null
        return "", pos + 4
    end = pos + 4 + 2 * count
    if end > len(data):
        raise ValueError("字符串不完整")
    return data[pos + 4 : end].decode("utf-16-le", "replace"), end


def xlsb_sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → worksheet part name inside the xlsb archive."""
    names = set(archive.namelist())
    if "xl/workbook.bin" not in names:
        return {}
    targets: dict[str, str] = {}
    rels_name = "xl/_rels/workbook.bin.rels"
    if rels_name in names:
        for raw in _REL_RE.findall(_read_small(archive, rels_name)):
            attrs = _attrs(raw)
            target = attrs.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            targets[attrs.get("Id", "")] = str(PurePosixPath(part))
    data = _read_small(archive, "xl/workbook.bin")
    out: dict[str, str] = {}
    for rtype, start, end in _biff12_records(data):
        if rtype == _BRT_BUNDLE_SH:
            rel_id, pos = _wide_string(data[:end], start + 8)
            sheet, _ = _wide_string(data[:end], pos)
            part = targets.get(rel_id, "")
            if part in names:
                out[sheet] = part
    return out


def check_xlsb_strings(archive: zipfile.ZipFile) -> None:
    """The shared-string table declares its size up front (the library reserves it)."""
    if "xl/sharedStrings.bin" not in archive.namelist():
        return
    with archive.open("xl/sharedStrings.bin") as fh:
        head = fh.read(4096)
    for rtype, start, end in _biff12_complete(head, 0):
        if rtype == _BRT_BEGIN_SST and end - start >= 8:
            declared = max(
                int.from_bytes(head[start : start + 4], "little"),
                int.from_bytes(head[start + 4 : start + 8], "little"),
            )
            if declared > _MAX_SST:
                raise LimitError(
                    f"共享字符串表声明了 {declared:,} 个字符串，超过可导入的上限（{LIMITS_TEXT}）"
                )
            return


def scan_xlsb(archive: zipfile.ZipFile, part: str) -> SheetScan:
    """The real data extent of one xlsb worksheet: its cell records, not its declared
    dimension (BrtWsDim), checked before the spreadsheet library allocates the extent.
    The part is read in chunks."""
    scan = SheetScan()
    row = 0
    last_row = 0
    last_col = 0
    with archive.open(part) as fh:
        for rtype, head in _biff12_stream(fh):
            if rtype == _BRT_ROW_HDR and len(head) >= 4:
                row = int.from_bytes(head[:4], "little") + 1
            elif rtype in _BRT_CELLS and len(head) >= 4:
                col = int.from_bytes(head[:4], "little") + 1
                if row > last_row or col > last_col:
                    last_row = max(last_row, row)
                    last_col = max(last_col, col)
                    far = f"{column_letters(col)}{row}" if col <= MAX_COLUMNS else ""
                    check_extent(last_row, last_col, far)
    scan.rows, scan.columns = last_row, last_col
    return scan
