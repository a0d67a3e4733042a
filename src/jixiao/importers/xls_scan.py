"""The real data extent of a legacy .xls (BIFF8 in a compound file), before python-calamine
allocates it: calamine keeps a sheet as a dense grid of its extent, so one cell at IV65536
(or a hostile column up to 65535) aborts the process. The compound file is followed through
its allocation tables (loops and bad sector numbers are damage), the sheet's cell records are
read for their row and column, and the extent is checked against limits.check_extent."""

from __future__ import annotations

import struct
from collections.abc import Iterator

from jixiao.importers.limits import MAX_SHEET_XML, LimitError, SheetScan, check_extent
from jixiao.importers.limits import column_letters as _letters

SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
# Cell records with a value (row at offset 0, column at offset 2): LABELSST, NUMBER, RK,
# LABEL, BOOLERR, FORMULA (BIFF8 and BIFF4), RSTRING. BLANK/MULBLANK hold no value.
_CELLS = frozenset((0x00FD, 0x0203, 0x027E, 0x0204, 0x0205, 0x0006, 0x0406, 0x00D6))
_MULRK = 0x00BD
_BOF = 0x0809
_EOF = 0x000A
_BOUNDSHEET = 0x0085


class _Damaged(ValueError):
    """A damaged compound file (the caller words it as a damaged workbook)."""


def _chain(fat: list[int], start: int) -> list[int]:
    out: list[int] = []
    sector = start
    while sector != _END:
        if sector >= len(fat) or len(out) > len(fat):
            raise _Damaged("复合文件的扇区链损坏")
        out.append(sector)
        sector = fat[sector]
    return out


def workbook_stream(data: bytes) -> bytes | None:
    """The Workbook (or Book) stream of a compound file; None when ``data`` is not one."""
    if not data.startswith(SIGNATURE) or len(data) < 512:
        return None
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if not 7 <= shift <= 16 or not 2 <= mini_shift < shift:
        raise _Damaged("复合文件头损坏")
    size = 1 << shift
    (n_fat, first_dir, _, cutoff, first_mini, _, first_difat, n_difat) = struct.unpack_from(
        "<IIIIIIII", data, 0x2C
    )

    def sector(index: int) -> bytes:
        start = (index + 1) * size
        if start + size > len(data) + size:  # the last sector may be short
            raise _Damaged("扇区超出文件")
        return data[start : start + size]

    fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
    difat = first_difat
    for _ in range(min(n_difat, len(data) // size + 1)):
        if difat in (_END, _FREE):
            break
        words = struct.unpack(f"<{size // 4}I", sector(difat).ljust(size, b"\0"))
        fat_sectors.extend(words[:-1])
        difat = words[-1]
    fat: list[int] = []
    for index in fat_sectors[: min(n_fat, len(data) // size + 1)]:
        if index in (_END, _FREE):
            continue
        fat.extend(struct.unpack(f"<{size // 4}I", sector(index).ljust(size, b"\0")))

    def read(start: int) -> bytes:
        return b"".join(sector(i) for i in _chain(fat, start))

    directory = read(first_dir)
    root_start = _END
    for pos in range(0, len(directory) - 127, 128):
        name_len = struct.unpack_from("<H", directory, pos + 64)[0]
        name = directory[pos : pos + min(name_len, 64)].decode("utf-16-le", "replace")
        kind = directory[pos + 66]
        start, length = struct.unpack_from("<II", directory, pos + 116)
        if kind == 5:
            root_start = start
        if kind == 2 and name.rstrip("\0").lower() in ("workbook", "book"):
            if length > MAX_SHEET_XML:
                raise LimitError("工作簿数据流异常庞大，超过可导入的上限")
            if length >= cutoff:
                return read(start)[:length]
            mini_fat: list[int] = []
            if first_mini not in (_END, _FREE):
                raw = read(first_mini)
                mini_fat = list(struct.unpack(f"<{len(raw) // 4}I", raw[: len(raw) // 4 * 4]))
            container = read(root_start) if root_start not in (_END, _FREE) else b""
            mini = 1 << mini_shift
            chunks = [container[i * mini : (i + 1) * mini] for i in _chain(mini_fat, start)]
            return b"".join(chunks)[:length]
    return None


def _records(stream: bytes, pos: int = 0) -> Iterator[tuple[int, int, int]]:
    end = len(stream)
    while pos + 4 <= end:
        rtype, length = struct.unpack_from("<HH", stream, pos)
        yield rtype, pos + 4, min(pos + 4 + length, end)
        pos += 4 + length


def _sheet_offsets(stream: bytes) -> dict[str, int]:
    out: dict[str, int] = {}
    for rtype, start, end in _records(stream):
        if rtype == _EOF:
            break
        if rtype == _BOUNDSHEET and end - start >= 8:
            offset = struct.unpack_from("<I", stream, start)[0]
            count, high = stream[start + 6], stream[start + 7]
            raw = stream[start + 8 : end]
            name = (
                raw[: 2 * count].decode("utf-16-le", "replace")
                if high & 1
                else raw[:count].decode("latin-1")
            )
            out[name] = offset
    return out


def scan_xls(data: bytes, sheet: str) -> SheetScan:
    """The data extent of ``sheet`` (by name; of every sheet together for "" or a name
    that is not found).

    LimitError beyond the limits; ValueError / struct.error for a damaged file."""
    scan = SheetScan()
    stream = workbook_stream(data)
    if stream is None:
        return scan
    offsets = _sheet_offsets(stream)
    starts = [offsets[sheet]] if sheet in offsets else sorted(offsets.values())
    for start in starts:
        depth = 0
        for rtype, begin, end in _records(stream, start):
            if rtype == _BOF:
                depth += 1
            elif rtype == _EOF:
                depth -= 1
                if depth <= 0:
                    break
            elif end - begin >= 4 and (rtype in _CELLS or rtype == _MULRK):
                row, col = struct.unpack_from("<HH", stream, begin)
                if rtype == _MULRK and end - begin >= 6:
                    col = struct.unpack_from("<H", stream, end - 2)[0]
                row, col = row + 1, col + 1
                if row > scan.rows or col > scan.columns:
                    scan.rows = max(scan.rows, row)
                    scan.columns = max(scan.columns, col)
                    scan.far_cell = f"{_letters(col)}{row}"
                    check_extent(scan.rows, scan.columns, scan.far_cell)
    return scan
