"""``jixiao export-pdf`` and ``jixiao verify-pdf``: the signed score table from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jixiao.cli.common import CommandError, open_file
from jixiao.cli.signing_options import add_signing_arguments, signer_from_args
from jixiao.core.numbers import fmt2


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export-pdf", help="导出评分表 PDF（可选数字签名）")
    p.add_argument("file", help="评价文件（.jixiao）")
    p.add_argument("--out", required=True, help="输出的 PDF 文件")
    p.add_argument(
        "--layout",
        choices=["seed", "national"],
        default="seed",
        help="版式：seed＝评分表（默认），national＝项目支出绩效自评表",
    )
    p.add_argument("--landscape", action="store_true", help="A4 横向（默认纵向）")
    p.add_argument(
        "--codes", action="store_true", help="national 版式中在指标名称前打印编码（如 C11）"
    )
    p.add_argument(
        "--accept-warnings",
        action="store_true",
        help="评分表自相矛盾（权重合计不为 100 等）时仍然签名导出",
    )
    p.add_argument(
        "--appendix",
        default="",
        metavar="LIST",
        help="附件，逗号分隔：evidence（佐证材料清单）、audit（调整记录）",
    )
    add_signing_arguments(p)
    p.add_argument(
        "--font-dir",
        action="append",
        default=None,
        metavar="DIR",
        help="查找仿宋/宋体字体的文件夹（可重复；默认为系统字体文件夹）",
    )
    p.set_defaults(func=cmd_export_pdf)

    p = sub.add_parser(
        "verify-pdf",
        help="验证 PDF 的数字签名：签署人、时间、是否被修改",
        description="退出码：0 签名完整；1 已被修改或无效；3 没有签名；"
        "4 签名完整但与 --file 给出的评价文件的数据不一致",
    )
    p.add_argument("pdf")
    p.add_argument(
        "--file", metavar="FILE.jixiao", help="同时核对 PDF 的数据指纹与此评价文件当前的评分"
    )
    p.set_defaults(func=cmd_verify_pdf)


def parse_appendices(text: str) -> frozenset[str]:
    from jixiao.export.pdf_common import APPENDICES

    names = {part.strip().lower() for part in text.replace("，", ",").split(",") if part.strip()}
    unknown = names - set(APPENDICES)
    if unknown:
        raise CommandError(
            f"未知的附件：{'、'.join(sorted(unknown))}（可选 {', '.join(APPENDICES)}）"
        )
    return frozenset(names)


def cmd_export_pdf(args: argparse.Namespace) -> int:
    from jixiao.export.pdf_common import ExportError, ExportOptions, collect, render, write_bytes
    from jixiao.export.signing import SigningError

    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise CommandError(f"输出文件应以 .pdf 结尾：{out}")
    appendices = parse_appendices(args.appendix)
    # The certificate (or UKey login) is checked before any work, so a typo fails fast.
    with signer_from_args(args) as signer:
        try:
            options = ExportOptions(
                layout=args.layout,
                landscape=args.landscape,
                appendices=appendices,
                font_dirs=[Path(d) for d in args.font_dir] if args.font_dir else None,
                codes=args.codes,
            )
            with open_file(args.file) as ef:
                data = collect(ef)
            for warning in data.warnings:
                print(f"警告：{warning}", file=sys.stderr)
            if data.warnings and signer is not None and not args.accept_warnings:
                raise CommandError(
                    f"评分表有 {len(data.warnings)} 条自相矛盾之处（见上），未签名导出；"
                    "确认无误后加 --accept-warnings 再签名"
                )
            rendered = render(data, options)
            payload = signer.sign(rendered) if signer is not None else rendered.data
            write_bytes(out, payload)
        except (ExportError, SigningError) as exc:
            raise CommandError(str(exc)) from None
    via = "（UKey）" if signer is not None and signer.kind == "pkcs11" else ""
    signed = f"，已由“{signer.subject}”{via}签名" if signer is not None else "（未签名）"
    print(
        f"已导出 {out}：{rendered.pages} 页，字体 {rendered.font.label}{signed}；"
        f"综合得分 {fmt2(data.sheet.total)} 分（{data.sheet.grade}），数据指纹 {data.short_fingerprint}"
    )
    return 0


def cmd_verify_pdf(args: argparse.Namespace) -> int:
    from jixiao.export.signing import verify_pdf

    path = Path(args.pdf)
    if not path.exists():
        raise CommandError(f"找不到 PDF 文件：{path}")
    report = verify_pdf(path)
    if args.file:
        from jixiao.export.pdf_common import current_fingerprint

        with open_file(args.file) as ef:
            report.expected_fingerprint = current_fingerprint(ef)
    print(report.text())
    if report.ok and report.fingerprint_matches is False:
        print("错误：PDF 的数据指纹与评价文件不一致", file=sys.stderr)
    elif not report.ok:
        print(
            "错误：签名验证未通过"
            if report.signatures or report.error
            else "错误：此 PDF 没有数字签名",
            file=sys.stderr,
        )
    return report.exit_code
