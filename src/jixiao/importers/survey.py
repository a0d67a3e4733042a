"""Read a questionnaire export (问卷星, 腾讯问卷 or any sheet with a header row) for analysis.

``load_survey`` reads the file (``tables.read_table``), finds the header row and the
layout, and keeps the raw rows so the evaluation file can store them verbatim.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jixiao.core import survey as core
from jixiao.importers.tables import (
    ImportCancelled,
    ImportFileError,
    Progress,
    ShouldCancel,
    Table,
    gc_paused,
    read_table,
)

__all__ = ["ImportCancelled", "ImportFileError", "ParsedSurvey", "file_sha256", "load_survey"]


@dataclass
class ParsedSurvey:
    table: Table
    layout: core.SurveyLayout
    data: list[tuple[int, Sequence[str]]]  # (file row number, cells) below the header
    sha256: str = ""

    @property
    def path(self) -> Path:
        return self.table.path

    @property
    def header(self) -> list[str]:
        return list(self.table.rows[self.layout.header_row])

    @property
    def format(self) -> str:
        return self.layout.format

    def default_config(self, questions: Sequence[int] | None = None) -> core.SurveyConfig:
        return core.default_config(self.table.rows, self.layout, questions)

    def analyse(self, config: core.SurveyConfig) -> core.SurveyResult:
        return core.analyse(self.data, self.layout, config)

    def with_header_row(self, header_row: int) -> ParsedSurvey:
        """Re-read the layout with the header in another row (the user's choice)."""
        layout = _layout(self.table, header_row)
        return ParsedSurvey(self.table, layout, _data(self.table, layout), self.sha256)

    def with_kinds(self, kinds: dict[int, str]) -> ParsedSurvey:
        return ParsedSurvey(self.table, core.with_kinds(self.layout, kinds), self.data, self.sha256)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def load_survey(
    path: str | Path,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ParsedSurvey:
    """Read and recognise an export. Raises ImportFileError (Chinese, names the file) or
    ImportCancelled."""
    path = Path(path)
    with gc_paused():
        table = read_table(path, sheet=sheet, progress=progress, should_cancel=should_cancel)
        layout = _layout(table, header_row)
        data = _data(table, layout)
    if should_cancel is not None and should_cancel():
        raise ImportCancelled("已取消导入")
    return ParsedSurvey(table, layout, data, file_sha256(path))


def _layout(table: Table, header_row: int | None) -> core.SurveyLayout:
    try:
        layout = core.detect_layout(table.rows, header_row)
    except core.SurveyError as exc:
        raise ImportFileError(f"文件“{table.path.name}”：{exc}") from None
    if not layout.questions():
        raise ImportFileError(
            f"文件“{table.path.name}”第 {layout.header_row + 1} 行的表头中找不到题目列"
        )
    return layout


def _data(table: Table, layout: core.SurveyLayout) -> list[tuple[int, Sequence[str]]]:
    data = core.data_rows(table.rows, layout.header_row)
    if not data:
        raise ImportFileError(
            f"文件“{table.path.name}”第 {layout.header_row + 1} 行表头下面没有任何答卷"
        )
    return data
