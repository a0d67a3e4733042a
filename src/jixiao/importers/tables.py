"""Read a spreadsheet export (xlsx / xls / ods via python-calamine, csv via the csv module)
into a grid of text cells.

Every cell comes back as ``str`` so callers never meet floats: an integral number prints
without ".0" (``3.0`` → ``"3"``), other floats through ``repr`` (``12521.26`` stays
``"12521.26"``, which parses exactly with Decimal), dates in ISO form.

Repeated texts (the same few answers in 100,000 rows) are interned: one string object per
distinct text instead of one per cell, which cuts memory about fivefold and makes counting
answers several times faster (hash and equality checks on the same object).

Errors are ``ImportFileError`` with a Chinese message naming the file (and row/column when
relevant); a cancelled read raises ``ImportCancelled`` so callers can tell the two apart.
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
import itertools
import math
import struct
import sys
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

import python_calamine

from jixiao.core.errors import OperationCancelled, UserError
from jixiao.importers import limits, xls_scan
from jixiao.importers.sniff import not_a_table

Progress = Callable[[int], None]
ShouldCancel = Callable[[], bool]

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted (password-protected) xlsx is an OLE container holding these streams.
_ENCRYPTED_MARKERS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))

# How often (rows) the readers report progress and look at the cancel flag.
_CHECK_EVERY = 2000


class ImportFileError(UserError, ValueError):
    """A file that cannot be imported; the message is Chinese and names the file
    (and row/column when relevant)."""


class ImportCancelled(OperationCancelled):
    """The user cancelled the read; nothing was imported."""


@dataclass
class Table:
    path: Path
    sheet: str  # sheet name; for CSV the file name
    encoding: str | None  # encoding for CSV, None for xlsx/xls
    rows: list[
        list[str]
    ]  # every cell as text ('' for empty); rows[0] is file row 1; rows padded to equal width
    sheets: tuple[str, ...] = ()  # all sheet names of a workbook (for a sheet picker)
    delimiter: str | None = None  # CSV delimiter used
    # Cells the reader could not give a value for: (row, col) → why (error cells such as
    # #DIV/0!, formulas saved without their result). Their text is a marker, never ''.
    notes: dict[tuple[int, int], str] = field(default_factory=dict)
    # CSV only: how many cells each row really had before padding (a row that ends early).
    lengths: list[int] | None = None

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0


def column_letter(index: int) -> str:
    """0 → "A", 25 → "Z", 26 → "AA" (for messages naming a column)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row_index: int, col_index: int) -> str:
    """Zero-based indices to a spreadsheet reference such as "C12"."""
    return f"{column_letter(col_index)}{row_index + 1}"


# ---------------------------------------------------------------------------- public API
@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of small lists.

    The rows hold only strings (no reference cycles), but every few hundred new lists
    trigger a collection that walks all of them again: with it, reading 100,000 × 26 cells
    takes about twice as long.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_table(
    path: str | Path,
    *,
    sheet: str | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> Table:
    """Read the first (or the named) sheet of ``path``.

    ``progress`` receives a percentage 0..100; ``should_cancel`` is polled every few
    thousand rows and, when it returns True, ``ImportCancelled`` is raised.
    """
    with gc_paused():
        return _read_table(Path(path), sheet, progress, should_cancel)


def _read_table(
    path: Path, sheet: str | None, progress: Progress | None, should_cancel: ShouldCancel | None
) -> Table:
    name = path.name
    if not path.exists():
        raise ImportFileError(f"找不到文件：{path}")
    if path.is_dir():
        raise ImportFileError(f"“{name}”是文件夹，不是表格文件")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise ImportFileError(f"无法读取文件“{name}”：{exc.strerror or exc}") from None
    if size == 0:
        raise ImportFileError(f"文件“{name}”是空文件（0 字节）")
    _check_cancel(should_cancel)
    kind = not_a_table(path, head)
    if kind:
        raise ImportFileError(
            f"文件“{name}”不是表格文件（看起来是{kind}）：请选择 Excel（.xlsx/.xls）或 CSV 文件"
        )
    suffix = path.suffix.lower()
    if head.startswith(_ZIP_MAGIC) or head.startswith(_OLE_MAGIC):
        if head.startswith(_OLE_MAGIC) and suffix != ".xls" and _looks_encrypted(path):
            raise ImportFileError(
                f"文件“{name}”设有打开密码（已加密），无法读取。"
                "请在 Excel 中取消密码后另存为 .xlsx 再导入"
            )
        table = _read_workbook(path, sheet, progress, should_cancel)
    elif suffix in WORKBOOK_SUFFIXES:
        if _looks_like_text(head):
            # Some systems export CSV/TSV text with an .xls name; read it as text.
            table = _read_csv(path, progress, should_cancel)
        else:
            raise ImportFileError(f"文件“{name}”不是有效的 Excel 文件（文件已损坏或格式不符）")
    else:
        if not _looks_like_text(head):
            raise ImportFileError(
                f"文件“{name}”不是表格文件：请选择 Excel（.xlsx/.xls）或 CSV 文件"
            )
        table = _read_csv(path, progress, should_cancel)
    if not any(any(cell.strip() for cell in row) for row in table.rows):
        where = f"工作表“{table.sheet}”" if table.encoding is None else "文件"
        raise ImportFileError(f"文件“{name}”的{where}没有任何内容")
    if progress:
        progress(100)
    return table


def detect_encoding(path: str | Path) -> str:
    """Encoding of a text export: ``utf-8-sig``, ``utf-16``, ``utf-8``, ``gbk`` or ``gb18030``
    (others via charset-normalizer). Raises ImportFileError when the text is undecodable."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(4)
            if head.startswith(codecs.BOM_UTF8):
                return "utf-8-sig"
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                return "utf-16"
            fh.seek(0)
            # Try the strict decoders in order of how often Chinese exports use them.
            # GBK before GB18030: GB18030 decodes almost any byte string, GBK is the
            # stricter claim and what Excel's "CSV" writes on a Chinese Windows.
            for encoding in ("utf-8", "gbk", "gb18030"):
                fh.seek(0)
                if _decodes(fh, encoding):
                    return encoding
            fh.seek(0)
            sample = fh.read(1 << 20)
    except OSError as exc:
        raise ImportFileError(f"无法读取文件“{path.name}”：{exc.strerror or exc}") from None
    if b"\x00" in sample and _utf16_without_bom(sample):
        return _utf16_without_bom(sample)
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample).best()
    except Exception:
        best = None
    if best is not None and best.encoding:
        return str(best.encoding)
    raise ImportFileError(
        f"无法识别文件“{path.name}”的文字编码：请在 Excel 中另存为“CSV UTF-8”后再导入"
    )


# ---------------------------------------------------------------------------- workbook
def _looks_encrypted(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            data = fh.read(1 << 20)
    except OSError:
        return False
    return any(marker in data for marker in _ENCRYPTED_MARKERS)


def _library_error(exc: BaseException) -> bool:
    """A Rust panic inside python-calamine (a damaged xlsb/xls: "range end index … out of
    range") arrives as pyo3's PanicException, a BaseException: damage to report, not a crash.
    """
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def _read_workbook(
    path: Path, sheet: str | None, progress: Progress | None, should_cancel: ShouldCancel | None
) -> Table:
    name = path.name
    _prescan_ods(path)
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError:
        raise ImportFileError(
            f"文件“{name}”设有打开密码（已加密），无法读取。请取消密码后再导入"
        ) from None
    except BaseException as exc:  # calamine raises several types for damaged files
        if not _library_error(exc):
            raise
        if _looks_encrypted(path):
            raise ImportFileError(
                f"文件“{name}”设有打开密码（已加密），无法读取。请取消密码后再导入"
            ) from None
        raise ImportFileError(
            f"文件“{name}”不是有效的 Excel 文件（文件已损坏或格式不符：{_short(exc)}）"
        ) from None
    try:
        names = tuple(workbook.sheet_names)
        if not names:
            raise ImportFileError(f"文件“{name}”中没有工作表")
        if sheet is None:
            worksheets = [
                m.name
                for m in workbook.sheets_metadata
                if m.typ == python_calamine.SheetTypeEnum.WorkSheet
                and m.visible == python_calamine.SheetVisibleEnum.Visible
            ]
            chosen = worksheets[0] if worksheets else names[0]
        elif sheet in names:
            chosen = sheet
        else:
            raise ImportFileError(
                f"文件“{name}”中没有名为“{sheet}”的工作表（现有：{'、'.join(names)}）"
            )
        if progress:
            progress(1)
        _check_cancel(should_cancel)
        scan = _prescan(path, chosen)
        try:
            data = workbook.get_sheet_by_name(chosen)
        except BaseException as exc:
            if not _library_error(exc):
                raise
            raise ImportFileError(
                f"无法读取文件“{name}”的工作表“{chosen}”：{_short(exc)}"
            ) from None
        _check_cancel(should_cancel)
        rows: list[list[str]] = []
        start_row, start_col = data.start or (0, 0)
        height = max(data.height, 1)
        conv = _cell_text
        intern = sys.intern
        limits.check_extent(data.height + start_row, data.width + start_col)
        for index, raw in enumerate(data.iter_rows()):
            row = [intern(c) if c.__class__ is str else intern(conv(c)) for c in raw]
            if start_col:
                row[0:0] = [""] * start_col
            rows.append(row)
            if index % _CHECK_EVERY == 0 and index:
                _check_lengths(name, rows, index - _CHECK_EVERY)
                _check_cancel(should_cancel)
                if progress:
                    progress(min(99, 5 + index * 94 // (height + start_row)))
        _check_lengths(name, rows, (len(rows) - 1) // _CHECK_EVERY * _CHECK_EVERY)
    finally:
        workbook.close()
    # calamine's columns start at the first used column (padded above); its rows start at
    # row 1 in current versions, at the first used row in older ones: make rows[0] file row 1.
    if start_row and len(rows) <= data.height:
        rows[0:0] = [[] for _ in range(start_row)]
    _pad(rows)
    for (r, c), marker in scan.markers.items():
        if r < len(rows) and c < len(rows[r]) and not rows[r][c].strip():
            rows[r][c] = marker
    notes = scan.notes
    return Table(path=path, sheet=chosen, encoding=None, rows=rows, sheets=names, notes=notes)


def _prescan_ods(path: Path) -> None:
    """An .ods expands its repeated rows and cells when opened, and an .xls is read whole
    (every sheet as a dense grid) when opened: check the extent first (and an xlsb's
    shared-string table, which is reserved when the workbook is opened)."""
    try:
        if not zipfile.is_zipfile(path):
            with path.open("rb") as fh:
                compound = fh.read(8) == xls_scan.SIGNATURE
            if compound:
                xls_scan.scan_xls(path.read_bytes(), "")
            return
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "content.xml" in names and "xl/workbook.xml" not in names:
                limits.scan_ods(archive)
            if "xl/workbook.bin" in names:
                limits.check_xlsb_strings(archive)
    except limits.LimitError as exc:
        raise ImportFileError(f"文件“{path.name}”：{exc}") from None
    except (*limits.DAMAGED_ERRORS, struct.error) as exc:
        raise ImportFileError(
            f"文件“{path.name}”不是有效的表格文件（文件已损坏或格式不符：{_short(exc)}）"
        ) from None


def _prescan(path: Path, sheet: str) -> limits.SheetScan:
    """Scan an xlsx / xlsb / xls sheet before the spreadsheet library allocates its extent."""
    name = path.name
    try:
        if not zipfile.is_zipfile(path):
            return limits.SheetScan()  # an .xls: every sheet was scanned before opening
        with zipfile.ZipFile(path) as archive:
            part = limits.xlsb_sheet_parts(archive).get(sheet)
            if part is not None:
                return limits.scan_xlsb(archive, part)
            part = limits.sheet_parts(archive).get(sheet)
            if part is None:
                return limits.SheetScan()
            return limits.scan_xlsx_sheet(archive, part)
    except limits.LimitError as exc:
        raise ImportFileError(f"文件“{name}”的工作表“{sheet}”：{exc}") from None
    except (*limits.DAMAGED_ERRORS, struct.error) as exc:
        raise ImportFileError(
            f"文件“{name}”不是有效的 Excel 文件（文件已损坏或格式不符：{_short(exc)}）"
        ) from None


def _check_lengths(name: str, rows: list[list[str]], start: int) -> None:
    """Cells over Excel's 32,767 characters, checked a block of rows at a time (in C)."""
    block = rows[max(start, 0) :]
    if block and max(map(len, itertools.chain.from_iterable(block)), default=0) > (
        limits.MAX_CELL_CHARS
    ):
        for offset, row in enumerate(block):
            if row and max(map(len, row)) > limits.MAX_CELL_CHARS:
                _too_long(name, max(start, 0) + offset, row)


def _too_long(name: str, index: int, row: list[str]) -> None:
    col = next(i for i, c in enumerate(row) if len(c) > limits.MAX_CELL_CHARS)
    raise ImportFileError(
        f"文件“{name}”的单元格 {cell_ref(index, col)} 有 {len(row[col]):,} 个字符，"
        f"超过 {limits.MAX_CELL_CHARS:,} 个字符的上限（Excel 单元格的上限）"
    )


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        if value.is_integer():
            return str(int(value))
        if math.isnan(value):
            return "nan"  # never '' (a blank would read as 0 / 否): the column parser refuses it
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        seconds = int(value.total_seconds())
        return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return str(value)


# ---------------------------------------------------------------------------- CSV
def _read_csv(path: Path, progress: Progress | None, should_cancel: ShouldCancel | None) -> Table:
    name = path.name
    encoding = detect_encoding(path)
    _check_cancel(should_cancel)
    size = max(path.stat().st_size, 1)
    rows: list[list[str]] = []
    intern = sys.intern
    try:
        with path.open("rb") as raw:
            text = io.TextIOWrapper(raw, encoding=encoding, newline="", errors="strict")
            sample = text.read(65536)
            delimiter = _sniff_delimiter(sample)
            text.seek(0)
            reader = csv.reader(
                text, delimiter=delimiter, quotechar='"', doublequote=True, strict=False
            )
            csv.field_size_limit(limits.MAX_CELL_CHARS)
            cells = 0
            try:
                # Chunks through islice keep the per-row work in C.
                while chunk := list(itertools.islice(reader, _CHECK_EVERY)):
                    widest = max(map(len, chunk))
                    cells += sum(map(len, chunk))
                    if widest > limits.MAX_COLUMNS or len(rows) + len(chunk) > limits.MAX_ROWS:
                        raise ImportFileError(
                            f"文件“{name}”有 {widest:,} 列 / {len(rows) + len(chunk):,} 行以上，"
                            f"超过可导入的上限：{limits.LIMITS_TEXT}"
                        )
                    if cells > limits.MAX_CELLS:
                        raise ImportFileError(
                            f"文件“{name}”的单元格超过 {limits.MAX_CELLS:,} 个，"
                            f"超过可导入的上限：{limits.LIMITS_TEXT}"
                        )
                    rows.extend([list(map(intern, row)) for row in chunk])
                    _check_cancel(should_cancel)
                    if progress:
                        progress(min(99, raw.tell() * 100 // size))
            except csv.Error as exc:
                if "field larger" in str(exc):
                    raise ImportFileError(
                        f"文件“{name}”第 {reader.line_num} 行有单元格超过 "
                        f"{limits.MAX_CELL_CHARS:,} 个字符的上限（Excel 单元格的上限）"
                    ) from None
                raise ImportFileError(
                    f"文件“{name}”第 {reader.line_num} 行无法按 CSV 解析：{exc}"
                ) from None
    except UnicodeDecodeError:
        # The reader decodes ahead in blocks: the line it reached is where the bad bytes are.
        line = (reader.line_num + 1) if "reader" in locals() else 1
        raise ImportFileError(
            f"文件“{name}”第 {line} 行附近有无法按 {encoding.upper()} 解码的字符：文件可能已损坏，"
            "或请在 Excel 中另存为“CSV UTF-8”后再导入"
        ) from None
    except OSError as exc:
        raise ImportFileError(f"无法读取文件“{name}”：{exc.strerror or exc}") from None
    # Excel's "CSV UTF-8" repeats nothing, but some exporters leave a NUL-free BOM in cell A1.
    if rows and rows[0] and rows[0][0].startswith("\ufeff"):
        rows[0][0] = rows[0][0][1:]
    lengths = [len(row) for row in rows]
    _pad(rows)
    return Table(
        path=path,
        sheet=path.name,
        encoding=encoding,
        rows=rows,
        sheets=(path.name,),
        delimiter=delimiter,
        lengths=lengths,
    )


def _sniff_delimiter(sample: str) -> str:
    lines = [line for line in sample.splitlines()[:20] if line.strip()]
    if not lines:
        return ","
    try:
        dialect = csv.Sniffer().sniff("\n".join(lines), delimiters=",\t;")
        if dialect.delimiter in ",\t;":
            return dialect.delimiter
    except csv.Error:
        pass
    # Sniffer gives up on ragged rows: take the candidate most frequent in the header line.
    counts = {d: lines[0].count(d) for d in ",\t;"}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _decodes(fh: io.BufferedReader, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        while chunk := fh.read(1 << 20):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _utf16_without_bom(sample: bytes) -> str:
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = max(len(sample) // 2, 1)
    # ASCII-heavy UTF-16 has a NUL in every other byte; CJK-heavy text has fewer.
    if odd > half * 0.2 and odd > even * 2:
        return "utf-16-le"
    if even > half * 0.2 and even > odd * 2:
        return "utf-16-be"
    return ""


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\x00" in head:
        return bool(_utf16_without_bom(head))
    # Control characters other than tab/CR/LF/FF mark a binary file (PDF, image, ...).
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls <= len(head) // 100


# ---------------------------------------------------------------------------- helpers
def _pad(rows: list[list[str]]) -> None:
    width = max((len(r) for r in rows), default=0)
    for row in rows:
        if len(row) < width:
            row.extend([""] * (width - len(row)))


def _check_cancel(should_cancel: ShouldCancel | None) -> None:
    if should_cancel is not None and should_cancel():
        raise ImportCancelled("已取消导入")


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:120]
