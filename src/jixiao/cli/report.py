"""``jixiao report``: the 绩效自评价报告 as Word or (signed) PDF, or its text and checks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jixiao.cli.common import CommandError, open_file
from jixiao.cli.signing_options import add_signing_arguments, signer_from_args
from jixiao.core.numbers import fmt2


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="导出绩效自评价报告（.docx 或 .pdf，PDF 可签名）；不给 --out 时显示报告正文和检查结果",
        description="报告中的数字引用评价文件的当前数据；与数据不一致的手写数字会被列出。"
        "退出码：0 正常；1 出错；5 已导出，但报告有需要核对的地方",
    )
    p.add_argument("file", help="评价文件（.jixiao）")
    p.add_argument("--out", metavar="报告.docx|报告.pdf", help="输出文件（.docx 或 .pdf）")
    add_signing_arguments(p)
    p.add_argument(
        "--accept-warnings",
        action="store_true",
        help="评分表有自相矛盾之处时仍然签名（与 export-pdf 相同）",
    )
    p.add_argument(
        "--font-dir",
        action="append",
        default=None,
        metavar="DIR",
        help="查找仿宋/宋体字体的文件夹（PDF；可重复；默认为系统字体文件夹）",
    )
    p.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from jixiao.export.pdf_common import ExportError
    from jixiao.export.signing import SigningError

    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() not in (".docx", ".pdf"):
        raise CommandError(f"输出文件应以 .docx 或 .pdf 结尾：{args.out}")
    wants_signing = bool(args.sign or getattr(args, "pkcs11_module", None))
    if wants_signing and (out is None or out.suffix.lower() != ".pdf"):
        raise CommandError("--sign 只能用于导出 PDF 报告（--out 报告.pdf）")
    if out is None:
        from jixiao.storage import report_store

        with open_file(args.file) as ef:
            report = report_store.build(ef)
        print(report.plain_text())
        return _print_findings(report.findings)

    from jixiao.export.report_export import export_report

    fonts = [Path(d) for d in args.font_dir] if args.font_dir else None
    # The certificate (or UKey login) is checked before any work, so a typo fails fast.
    with signer_from_args(args) as signer:
        try:
            with open_file(args.file) as ef:
                if signer is not None and not args.accept_warnings:
                    _refuse_on_warnings(ef)
                result = export_report(
                    ef,
                    out,
                    sign=signer.sign if signer is not None else None,
                    signed_by=signer.subject if signer is not None else "",
                    font_dirs=fonts,
                )
        except (ExportError, SigningError) as exc:
            raise CommandError(str(exc)) from None
    sheet = result.data.sheet
    what = f"{result.pages} 页，字体 {result.font}" if result.pages else "Word 文档"
    signed = f"，已由“{result.signed_by}”签名" if result.signed_by else ""
    print(
        f"已导出 {result.path}：{what}{signed}；综合得分 {fmt2(sheet.total)} 分（{sheet.grade}），"
        f"数据指纹 {result.data.short_fingerprint}"
    )
    return _print_findings(result.report.findings)


def _refuse_on_warnings(ef) -> None:
    """As export-pdf: a score table that contradicts itself is not signed unless accepted."""
    from jixiao.storage.national_form import file_warnings

    warnings = file_warnings(ef)
    for warning in warnings:
        print(f"警告：{warning}", file=sys.stderr)
    if warnings:
        raise CommandError(
            f"评分表有 {len(warnings)} 条自相矛盾之处（见上），未签名导出；"
            "确认无误后加 --accept-warnings 再签名"
        )


def _print_findings(findings: list) -> int:
    if not findings:
        return 0
    for finding in findings:
        print(f"注意：报告“{finding.where}”：{finding.message}", file=sys.stderr)
    return 5
