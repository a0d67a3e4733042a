"""Files that used to abort, hang or read silently wrong: refused in Chinese, naming the file."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from importers.hostile_files import write_xlsx
from importers.hostile_xls import write_xls
from importers.hostile_xlsb import write_xlsb
from jixiao.importers.tables import ImportFileError, read_table

HEADER = ["项目名称", "建设单位", "预算金额(万元)"]


def _read_in_child(path: Path, memory_mb: int = 700) -> subprocess.CompletedProcess[str]:
    """Read in a child process with an address-space cap: an abort must not take pytest."""
    code = (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({memory_mb} << 20, {memory_mb} << 20))\n"
        "from jixiao.importers.tables import read_table, ImportFileError\n"
        "try:\n"
        f"    read_table({str(path)!r})\n"
        "    print('READ')\n"
        "except ImportFileError as exc:\n"
        "    print('REFUSED', exc)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.parametrize("far", ["XFD1048576", "XFD3000", "A1048577"])
def test_a_far_cell_is_refused_without_allocating_its_extent(tmp_path: Path, far: str) -> None:
    path = write_xlsx(
        tmp_path / "远处单元格.xlsx", [HEADER, ["a", "b", "1"]], far_cells=[(far, "x")]
    )
    result = _read_in_child(path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("REFUSED")
    assert "远处单元格.xlsx" in result.stdout
    if far != "A1048577":
        assert far in result.stdout  # the user is told which cell to delete


def test_a_declared_dimension_and_formatted_cells_far_away_do_not_matter(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "dim.xlsx",
        [HEADER, ["a", "b", "1"]],
        far_cells=[("XFD1048576", ("style",))],
        dimension="A1:XFD1048576",
    )
    table = read_table(path)
    assert table.width == 3 and len(table.rows) == 2


def test_a_csv_with_millions_of_columns_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(",".join(["x"] * 2_500_000) + "\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"“wide.csv”有 2,500,000 列.*16,384 列"):
        read_table(path)


def test_a_cell_longer_than_excel_allows_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("项目名称,建设单位\n" + "长" * 40_000 + ",b\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"“long.csv”第 2 行有单元格超过 32,767 个字符"):
        read_table(path)


def test_a_zip_bomb_sheet_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from jixiao.importers import limits

    monkeypatch.setattr(limits, "MAX_SHEET_XML", 1 << 20)
    rows = [HEADER] + [[f"项目{i}", "单位", str(i)] for i in range(30_000)]
    path = write_xlsx(tmp_path / "bomb.xlsx", rows)
    with pytest.raises(ImportFileError, match=r"“bomb.xlsx”.*解压后超过 1 MB"):
        read_table(path)


@pytest.mark.parametrize(
    ("name", "content", "what"),
    [
        ("清单.xlsx", b"%PDF-1.3\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "PDF 文档"),
        ("清单.csv", b"%PDF-1.3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF 文档"),
        ("清单.xls", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200), "JPEG 图片"),
    ],
)
def test_a_document_under_a_spreadsheet_name_is_not_a_table(
    tmp_path: Path, name: str, content: bytes, what: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=rf"“{name}”不是表格文件（看起来是{what}"):
        read_table(path)


def test_a_docx_under_an_xlsx_name_is_not_a_table(tmp_path: Path) -> None:
    path = tmp_path / "清单.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(ImportFileError, match=r"不是表格文件（看起来是Word 文档（.docx）"):
        read_table(path)


def test_a_damaged_sheet_stream_is_refused_in_chinese(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", [HEADER, ["a", "b", "1"]])
    data = bytearray(good.read_bytes())
    marker = data.find(b"xl/worksheets/sheet1.xml")
    start = marker + len(b"xl/worksheets/sheet1.xml")
    data[start + 10 : start + 40] = bytes(30)  # corrupt the compressed stream
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(bytes(data))
    with pytest.raises(ImportFileError, match=r"“坏.xlsx”"):
        read_table(bad)


def test_error_cells_uncached_formulas_and_inf_are_never_blank(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "e.xlsx",
        [[*HEADER, "实际支付(万元)"], ["a", ("e", "#DIV/0!"), ("f", "B2*2", None), ("n", "inf")]],
    )
    table = read_table(path)
    assert table.rows[1][1:] == ["#DIV/0!", "#公式无结果", "inf"]
    assert "错误值 #DIV/0!" in table.notes[(1, 1)]
    assert "没有保存计算结果" in table.notes[(1, 2)]


def _ods(path: Path, rows_xml: str) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Sheet1">'
        '<table:table-row><table:table-cell office:value-type="string"><text:p>项目名称</text:p>'
        '</table:table-cell><table:table-cell office:value-type="string"><text:p>建设单位</text:p>'
        "</table:table-cell></table:table-row>"
        f"{rows_xml}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
        z.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            "</manifest:manifest>",
        )
    return path


def test_ods_repeats_are_bounded_but_trailing_empty_rows_are_fine(tmp_path: Path) -> None:
    cell = '<table:table-cell office:value-type="string"><text:p>甲</text:p></table:table-cell>'
    trailing = (
        '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    good = _ods(tmp_path / "good.ods", f"<table:table-row>{cell}{cell}</table:table-row>{trailing}")
    assert read_table(good).rows[1] == ["甲", "甲"]
    huge = (
        '<table:table-row table:number-rows-repeated="5000">'
        '<table:table-cell table:number-columns-repeated="16000" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell></table:table-row>"
    )
    result = _read_in_child(_ods(tmp_path / "坏.ods", huge))
    assert result.stdout.startswith("REFUSED") and "坏.ods" in result.stdout, result.stderr[-500:]


def test_a_zip_entry_of_an_unknown_version_is_refused_in_chinese(tmp_path: Path) -> None:
    data = bytearray(write_xlsx(tmp_path / "ok.xlsx", [HEADER, ["a", "b", "1"]]).read_bytes())
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos + 1)) > 0:
        if data[pos + 46 : pos + 46 + 24] == b"xl/worksheets/sheet1.xml":
            data[pos + 6 : pos + 8] = (206).to_bytes(2, "little")  # "zip file version 20.6"
    bad = tmp_path / "版本.xlsx"
    bad.write_bytes(bytes(data))
    with pytest.raises(ImportFileError, match=r"“版本.xlsx”"):
        read_table(bad)


@pytest.mark.parametrize("far", ["XFD1048576", "XFD3000", "A1048577"])
def test_an_xlsb_far_cell_is_refused_without_allocating_its_extent(
    tmp_path: Path, far: str
) -> None:
    # python-calamine alone aborts the process on the XFD cells (SIGABRT, measured).
    path = write_xlsb(tmp_path / "远处单元格.xlsb", [HEADER, ["a", "b", 1.0]], [(far, "x")])
    result = _read_in_child(path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("REFUSED"), result.stdout
    assert "远处单元格.xlsb" in result.stdout
    if far != "A1048577":
        assert far in result.stdout


def test_an_xlsb_declared_dimension_and_blank_cells_far_away_do_not_matter(
    tmp_path: Path,
) -> None:
    path = write_xlsb(
        tmp_path / "dim.xlsb",
        [HEADER, ["a", "b", 1.5]],
        far_cells=[("XFD1048576", None)],
        dimension=(0, 1_048_575, 0, 16_383),
    )
    table = read_table(path)
    assert table.width == 3 and table.rows == [HEADER, ["a", "b", "1.5"]]


def test_an_xlsb_declaring_billions_of_shared_strings_is_refused(tmp_path: Path) -> None:
    path = write_xlsb(tmp_path / "sst.xlsb", [HEADER], declared_strings=0xFFFF_FFF0)
    with pytest.raises(ImportFileError, match=r"sst\.xlsb.*共享字符串"):
        read_table(path)


def test_a_damaged_xlsb_sheet_is_refused_in_chinese(tmp_path: Path) -> None:
    good = write_xlsb(tmp_path / "good.xlsb", [HEADER, ["a", "b", 1.0]])
    bad = tmp_path / "坏.xlsb"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.endswith("sheet1.bin"):
                data = data[:-3] + b"\x8f"  # the last record cut short
            dst.writestr(item, data)
    with pytest.raises(ImportFileError, match=r"坏\.xlsb"):
        read_table(bad)


@pytest.mark.parametrize("far", ["IV65536", "CRXO65536"])
def test_an_xls_far_cell_is_refused_before_calamine_reads_every_sheet(
    tmp_path: Path, far: str
) -> None:
    # python-calamine alone aborts on both (IV65536 peaks at 587 MB first: 256 × 65,536 cells).
    path = write_xls(tmp_path / "远处单元格.xls", [HEADER, ["a", "b", 1.0]], [(far, "x")])
    result = _read_in_child(path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("REFUSED"), result.stdout
    assert "远处单元格.xls" in result.stdout and far in result.stdout


def test_a_small_xls_reads_and_a_damaged_one_is_refused_in_chinese(tmp_path: Path) -> None:
    path = write_xls(tmp_path / "ok.xls", [HEADER, ["a", "b", 1.5]], [("A70", "x")])
    table = read_table(path)
    assert table.rows[:2] == [HEADER, ["a", "b", "1.5"]] and len(table.rows) == 70
    data = bytearray(path.read_bytes())
    data[0x30:0x34] = (999).to_bytes(4, "little")  # the directory beyond the file
    bad = tmp_path / "坏.xls"
    bad.write_bytes(bytes(data))
    with pytest.raises(ImportFileError, match=r"坏\.xls"):
        read_table(bad)


def test_a_panic_inside_the_spreadsheet_library_is_a_refusal(tmp_path: Path) -> None:
    good = write_xlsb(tmp_path / "good.xlsb", [HEADER, ["a", "b", 1.0]])
    bad = tmp_path / "坏工作簿.xlsb"
    rel_id = b"\x04\0\0\0r\0I\0d\0"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/workbook.bin":
                assert rel_id in data
                data = data.replace(rel_id, b"\x04\0\x50\x01r\0I\0d\0")  # 22 million chars
            dst.writestr(item, data)
    with pytest.raises(ImportFileError, match=r"坏工作簿\.xlsb"):  # was PanicException
        read_table(bad)
