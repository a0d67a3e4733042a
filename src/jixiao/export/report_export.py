"""Export the report of an open evaluation file to .docx or .pdf (signed if a certificate is
given). The data is read once, on the caller's thread; the report and the appended 评分表
come from the same score sheet, so their figures cannot disagree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jixiao.core.report_model import Report
from jixiao.export.pdf_common import ExportError, RenderedPdf, ReportData, collect, write_bytes

FORMATS = (".docx", ".pdf")


@dataclass
class ReportExport:
    path: Path
    pages: int  # 0 for .docx (Word paginates)
    font: str
    signed_by: str
    report: Report
    data: ReportData


def gather(ef: Any, *, today: date | None = None) -> tuple[Report, ReportData]:
    from jixiao.storage import report_store

    return report_store.build(ef), collect(ef, today=today)


def export_report(
    ef: Any,
    out: str | Path,
    *,
    cert: Any = None,
    sign: Callable[[RenderedPdf], bytes] | None = None,
    signed_by: str = "",
    font_dirs: list[Path] | None = None,
    today: date | None = None,
) -> ReportExport:
    target = Path(out)
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"报告只能导出为 Word（.docx）或 PDF（.pdf）：{target.name}")
    if cert is not None:
        from jixiao.export.signing import sign_rendered

        sign, signed_by = (lambda rendered: sign_rendered(rendered, cert)), cert.subject
    if sign is not None and suffix != ".pdf":
        raise ExportError("只有 PDF 报告可以数字签名（Word 文档请导出 PDF 后签名）")
    report, data = gather(ef, today=today)
    if suffix == ".docx":
        from jixiao.export.report_docx import build_docx

        _write(target, build_docx(report, fingerprint=data.fingerprint, today=today))
        return ReportExport(target, 0, "仿宋_GB2312", "", report, data)
    from jixiao.export.report_pdf import render_report

    rendered = render_report(report, data, font_dirs=font_dirs)
    payload = sign(rendered) if sign is not None else rendered.data
    _write(target, payload)
    return ReportExport(
        target, rendered.pages, rendered.font.label, signed_by if sign else "", report, data
    )


def _write(target: Path, payload: bytes) -> None:
    try:
        write_bytes(target, payload)
    except OSError as exc:  # a folder that is a file, a full disk, a read-only share
        reason = exc.strerror or str(exc)
        raise ExportError(f"无法写入 {target}：{reason}（请换一个文件夹或文件名）") from None
