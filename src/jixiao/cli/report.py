"""``jixiao report``: the 绩效自评价报告 as Word or (signed) PDF, or its text and checks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jixiao.cli.common import CommandError, open_file
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
    p.add_argument("--sign", metavar="CERT.p12", help="用 PKCS#12 证书（.p12/.pfx）签名 PDF")
    p.add_argument("--password-file", metavar="P", help="证书密码所在的文本文件（第一行）")
    p.add_argument(
        "--font-dir",
        action="append",
        default=None,
        metavar="DIR",
        help="查找仿宋/宋体字体的文件夹（PDF；可重复；默认为系统字体文件夹）",
    )
    p.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from jixiao.cli.pdf import read_password
    from jixiao.export.pdf_common import ExportError
    from jixiao.export.signing import SigningError, load_pkcs12

    cert = None
    if args.out and Path(args.out).suffix.lower() not in (".docx", ".pdf"):
        raise CommandError(f"输出文件应以 .docx 或 .pdf 结尾：{args.out}")
    if args.sign:
        if not args.out or Path(args.out).suffix.lower() != ".pdf":
            raise CommandError("--sign 只能用于导出 PDF 报告（--out 报告.pdf）")
        try:
            cert = load_pkcs12(args.sign, read_password(args.password_file))
        except SigningError as exc:
            raise CommandError(str(exc)) from None
    elif args.password_file:
        raise CommandError("--password-file 只能与 --sign 一起使用")
    if not args.out:
        from jixiao.storage import report_store

        with open_file(args.file) as ef:
            report = report_store.build(ef)
        print(report.plain_text())
        return _print_findings(report.findings)

    from jixiao.export.report_export import export_report

    fonts = [Path(d) for d in args.font_dir] if args.font_dir else None
    try:
        with open_file(args.file) as ef:
            result = export_report(ef, args.out, cert=cert, font_dirs=fonts)
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


def _print_findings(findings: list) -> int:
    if not findings:
        return 0
    for finding in findings:
        print(f"注意：报告“{finding.where}”：{finding.message}", file=sys.stderr)
    return 5
