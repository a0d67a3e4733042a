"""Reading spreadsheet exports into text cells: formats, encodings, delimiters, bad files,
cancel."""

from __future__ import annotations

import csv
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from jixiao.importers.tables import ImportCancelled, ImportFileError, detect_encoding, read_table

HEADER = ["序号", "1、您对本项目的满意程度", "金额"]
ROWS = [["1", "非常满意", "12521.26"], ["2", "满意", "6178.74"], ["3", "不满意", "0.1"]]


def write_csv(path: Path, rows: list[list[str]], encoding: str, delimiter: str = ",") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def test_xlsx_cells_come_back_as_exact_text(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "答卷数据"
    ws.append(["序号", "金额", "整数", "提交时间", "日期", "空"])
    ws.append([1, 12521.26, 3.0, datetime(2021, 3, 4, 10, 11, 12), date(2021, 3, 4), None])
    ws.append([2, 0.1, 17641.06, "2021/3/5 8:00:00", "文本", None])
    path = tmp_path / "export.xlsx"
    wb.save(path)

    table = read_table(path)

    assert table.sheet == "答卷数据"
    assert table.encoding is None
    assert table.rows[1] == ["1", "12521.26", "3", "2021-03-04 10:11:12", "2021-03-04", ""]
    assert table.rows[2] == ["2", "0.1", "17641.06", "2021/3/5 8:00:00", "文本", ""]


def test_xlsx_named_sheet_and_rows_keep_file_numbers(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active["A1"] = "导出说明"
    ws = wb.create_sheet("数据")
    ws["B3"] = "序号"  # data starting lower and to the right: rows[2] is still file row 3
    ws["C3"] = "1、满意吗"
    ws["B4"] = 1
    ws["C4"] = "满意"
    path = tmp_path / "two-sheets.xlsx"
    wb.save(path)

    table = read_table(path, sheet="数据")

    assert table.sheets == ("说明", "数据")
    assert table.rows[2][1:3] == ["序号", "1、满意吗"]
    assert table.rows[3][:3] == ["", "1", "满意"]
    with pytest.raises(ImportFileError, match=r"没有名为“汇总”的工作表"):
        read_table(path, sheet="汇总")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    rows = [HEADER, *ROWS]
    if encoding in ("gb18030", "utf-8", "utf-16"):
        rows = [*rows, ["4", "𠮷满意", "1"]]  # a character outside GBK
    path = write_csv(tmp_path / f"export-{encoding}.csv", rows, encoding)

    table = read_table(path)

    expected = {"utf-16": "utf-16", "utf-8-sig": "utf-8-sig"}.get(encoding, encoding)
    assert table.encoding == expected == detect_encoding(path)
    assert table.rows == rows


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_csv_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    rows = [HEADER, *ROWS, ["5", "满意, 但希望改进", "3"]]
    path = write_csv(tmp_path / "export.csv", rows, "utf-8-sig", delimiter)
    table = read_table(path)
    assert table.delimiter == delimiter
    assert table.rows == rows


def test_ragged_csv_rows_are_padded(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("序号,1、满意吗,\n1,满意\n2,一般,,\n", encoding="utf-8")
    table = read_table(path)
    assert [len(r) for r in table.rows] == [4, 4, 4]
    assert table.rows[1] == ["1", "满意", "", ""]


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "空.csv"
    path.write_bytes(b"")
    with pytest.raises(ImportFileError, match=r"“空.csv”是空文件"):
        read_table(path)


def test_file_with_only_blank_cells_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text(",,\n , ,\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"blank.csv.*没有任何内容"):
        read_table(path)
    wb = openpyxl.Workbook()
    xlsx = tmp_path / "blank.xlsx"
    wb.save(xlsx)
    with pytest.raises(ImportFileError, match=r"blank.xlsx"):
        read_table(xlsx)


def test_binary_file_is_not_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    with pytest.raises(ImportFileError, match=r"“photo.png”不是表格文件"):
        read_table(path)


def test_damaged_xlsx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "not a workbook")
    with pytest.raises(ImportFileError, match=r"“damaged.xlsx”不是表格文件（看起来是ZIP 压缩包"):
        read_table(path)
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(ImportFileError, match=r"garbage.xlsx"):
        read_table(garbage)


def test_password_protected_xlsx_is_refused(tmp_path: Path) -> None:
    # Excel saves an encrypted .xlsx as an OLE compound file holding EncryptionInfo and
    # EncryptedPackage streams; their directory names are all the reader has to go on.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    body = (
        "EncryptionInfo".encode("utf-16-le") + b"\x00" * 50 + "EncryptedPackage".encode("utf-16-le")
    )
    path = tmp_path / "加密.xlsx"
    path.write_bytes(header + body + b"\x00" * 2048)
    with pytest.raises(ImportFileError, match=r"“加密.xlsx”设有打开密码"):
        read_table(path)


def test_undecodable_text_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    # Valid GB18030 except for a truncated multi-byte sequence at the very end.
    path.write_bytes("序号,满意\n1,满意\n".encode("gbk") + b"2,\x81")
    with pytest.raises(ImportFileError, match=r"mixed.csv"):
        read_table(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match=r"找不到文件"):
        read_table(tmp_path / "nope.xlsx")


def test_cancel_raises_import_cancelled(tmp_path: Path) -> None:
    rows = [HEADER, *([str(i), "满意", "1"] for i in range(10_000))]
    path = write_csv(tmp_path / "big.csv", rows, "utf-8")
    calls = []

    def should_cancel() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(ImportCancelled):
        read_table(path, should_cancel=should_cancel)


def test_progress_reaches_100(tmp_path: Path) -> None:
    rows = [HEADER, *([str(i), "满意", "1"] for i in range(10_000))]
    path = write_csv(tmp_path / "big.csv", rows, "utf-8")
    seen: list[int] = []
    read_table(path, progress=seen.append)
    assert seen[-1] == 100
    assert seen == sorted(seen)
    assert all(0 <= p <= 100 for p in seen)


def test_xls_is_read_like_xlsx(tmp_path: Path) -> None:
    # Older 问卷星 downloads are .xls (BIFF8); python-calamine reads them too.
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    for r, row in enumerate(
        [["序号", "1、您对本项目的满意程度", "金额"], [1, "非常满意", 12521.26], [2, "满意", 3.0]]
    ):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    path = tmp_path / "问卷星.xls"
    book.save(str(path))

    table = read_table(path)

    assert table.encoding is None and table.sheet == "Sheet1"
    assert table.rows == [
        ["序号", "1、您对本项目的满意程度", "金额"],
        ["1", "非常满意", "12521.26"],
        ["2", "满意", "3"],
    ]
