"""Tell what a file really is from its first bytes, whatever its name says.

A PDF, a Word document, a picture or a plain zip picked by mistake under a spreadsheet name
is refused as "不是表格文件" with what it looks like, instead of being parsed as CSV.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF 文档"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF87a", "GIF 图片"),
    (b"GIF89a", "GIF 图片"),
    (b"BM", "BMP 图片"),
    (b"II*\x00", "TIFF 图片"),
    (b"MM\x00*", "TIFF 图片"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
    (b"{\\rtf", "RTF 文档"),
    (b"SQLite format 3\x00", "数据库文件（例如 .jixiao 评价文件）"),
    (b"MZ", "程序文件"),
    (b"\x7fELF", "程序文件"),
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def not_a_table(path: Path, head: bytes) -> str | None:
    """What the file is when it is certainly not a spreadsheet or text table, else None."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            if magic == b"BM" and len(head) > 6 and head[2:6] == b"\x00\x00\x00\x00":
                continue
            return what
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP 图片"
    if head.startswith(_OLE_MAGIC):
        if "WordDocument".encode("utf-16-le") in head or _ole_has(path, "WordDocument"):
            return "Word 文档（.doc）"
        if _ole_has(path, "PowerPoint Document"):
            return "PowerPoint 演示文稿"
        return None
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path)
    return None


def _ole_has(path: Path, stream: str) -> bool:
    try:
        with path.open("rb") as fh:
            data = fh.read(1 << 20)
    except OSError:
        return False
    return stream.encode("utf-16-le") in data


def _zip_kind(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        return None  # a damaged archive: the workbook reader says "已损坏"
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names or "content.xml" in names:
        return None
    if "word/document.xml" in names:
        return "Word 文档（.docx）"
    if "ppt/presentation.xml" in names:
        return "PowerPoint 演示文稿"
    if any(n.startswith("xl/") for n in names):
        return None
    return "ZIP 压缩包（不是 Excel 工作簿）"
