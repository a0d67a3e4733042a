"""Headless commands on the same core as the GUI. Errors go to stderr in Chinese."""

from __future__ import annotations

import argparse
import sqlite3
import sys
import traceback
from pathlib import Path
from typing import Any

from jixiao import __version__
from jixiao.cli import check as check_cmd
from jixiao.cli import evidence as evidence_cmd
from jixiao.cli import national as national_cmd
from jixiao.cli import pdf as pdf_cmd
from jixiao.cli import pkcs11 as pkcs11_cmd
from jixiao.cli import projects as projects_cmd
from jixiao.cli import report as report_cmd
from jixiao.cli import survey as survey_cmd
from jixiao.cli import templates as templates_cmd
from jixiao.cli.common import TAKE_OVER, CommandError, open_file, print_json
from jixiao.core.consistency import sheet_warnings
from jixiao.core.errors import UserError, describe_os_error
from jixiao.core.evaluate import ScoreSheet, evaluate
from jixiao.core.numbers import fmt2
from jixiao.core.templates import system_to_json, validate_system
from jixiao.importers import sample, template_library
from jixiao.storage.database import describe_error
from jixiao.storage.evaluation_file import EvaluationFile


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jixiao",
        description="绩效自评工作台（命令行）",
        # `jixiao` alone and `jixiao gui [FILE]` never reach this parser (jixiao.__main__).
        epilog="图形界面：jixiao 或 jixiao gui [评价文件.jixiao]",
    )
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}")
    parser.add_argument(
        "--take-over",
        action="store_true",
        help="接管另一个已退出的程序留下的文件锁（确认对方确实已关闭文件后使用）",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("evaluate", help="按模板和录入数据计算评分（不写文件）")
    p.add_argument("--template", required=True, help="模板名称或 JSON 文件")
    p.add_argument("--inputs", required=True, help="录入数据 JSON 文件")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("init", help="新建评价文件")
    p.add_argument("file")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--sample", choices=sorted(sample.SAMPLES), help="内置样例")
    group.add_argument("--template", help="模板名称或 JSON 文件")
    p.add_argument("--fund", default="", help="资金名称")
    p.add_argument("--year", type=int, default=0)
    p.add_argument("--unit", default="", help="评价单位")
    p.add_argument("--title", default="", help="评分表标题（默认用模板自己的标题）")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("score", help="显示评价文件的评分表")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("inputs", help="录入数据")
    inputs_sub = p.add_subparsers(dest="inputs_command", required=True)
    q = inputs_sub.add_parser("export", help="导出录入数据 JSON（含自动计算的数据）")
    q.add_argument("file")
    q.set_defaults(func=cmd_inputs_export)
    national_cmd.register_inputs_import(inputs_sub)

    for module in (
        templates_cmd,
        projects_cmd,
        evidence_cmd,
        survey_cmd,
        pdf_cmd,
        national_cmd,
        pkcs11_cmd,
        check_cmd,
        report_cmd,
    ):
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    TAKE_OVER["confirmed"] = bool(args.take_over)
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:  # `jixiao evidence list FILE | head`: the reader left, not an error
        sys.stderr.close()
        return 0
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except sqlite3.Error as exc:  # e.g. a disk I/O error while reading: no traceback
        print(
            f"错误：{describe_error(exc, Path(getattr(args, 'file', '') or '?'))}", file=sys.stderr
        )
        return 1
    except OSError as exc:  # a file that cannot be read or written: the user can fix it
        print(f"错误：{describe_os_error(exc)}", file=sys.stderr)
        return 1
    except Exception:  # a bug: say so and show where, never dress it up as a user message
        print("内部错误（程序缺陷），请把以下内容发给技术支持：", file=sys.stderr)
        traceback.print_exc()
        return 3


def load_inputs(path: str) -> dict[str, Any]:
    data = national_cmd.read_inputs_json(path)
    for code, raw in data.items():
        if not isinstance(raw, dict):
            raise CommandError(
                f"录入数据文件 {Path(path).name} 中 {code} 的值应为对象"
                f'（例如 {{"value": "0.9"}}），而不是 {raw!r}'
            )
    return data


def cmd_evaluate(args: argparse.Namespace) -> int:
    system = template_library.resolve(args.template)
    fatal = [p for p in validate_system(system) if p.fatal]
    if fatal:
        raise CommandError("模板有错误：" + "；".join(map(str, fatal)))
    sheet = evaluate(system, load_inputs(args.inputs))
    return report(sheet, args.json, sheet_warnings(system, sheet))


def report(sheet: ScoreSheet, as_json: bool, warnings: list[str] | None = None) -> int:
    """Print the sheet; exit 1 with input problems, 3 when it only disagrees with itself."""
    warnings = list(sheet.problems) if warnings is None else warnings
    if as_json:
        print_json({**sheet.to_json(), "warnings": warnings})
    else:
        print_sheet(sheet)
    for problem in warnings:
        prefix = "错误" if problem in sheet.problems else "警告"
        print(f"{prefix}：{problem}", file=sys.stderr)
    if sheet.problems:
        return 1
    return 3 if warnings else 0


def print_sheet(sheet: ScoreSheet) -> None:
    print(sheet.title)
    print(f"{'编码':<6}{'指标':<22}{'权重':>7}{'计算':>8}{'得分':>8}  扣分原因")
    for item in sheet.indicators:
        computed = fmt2(item.computed) if item.computed is not None else "—"
        mark = "*" if item.status == "overridden" else " "
        print(
            f"{item.code:<6}{item.name:<22}{fmt2(item.weight):>7}{computed:>8}"
            f"{fmt2(item.score):>8}{mark} {item.reason}"
        )
    for group in sheet.level1:
        print(f"  {group.code} {group.name}：{fmt2(group.score)} / {fmt2(group.weight)}")
    print(f"合计：{fmt2(sheet.total)} 分，等级：{sheet.grade}")


def cmd_init(args: argparse.Namespace) -> int:
    target = Path(args.file)
    if target.exists():
        raise CommandError(f"文件已存在：{target}")
    if args.sample:
        ef = sample.create_sample(target, args.sample)
    else:
        if not args.fund.strip() or not args.year:
            raise CommandError(
                "用模板新建评价文件时，请用 --fund 指定资金名称、用 --year 指定评价年度"
            )
        system = template_library.resolve(args.template)
        fatal = [p for p in validate_system(system) if p.fatal]
        if fatal:
            raise CommandError("模板有错误：" + "；".join(map(str, fatal)))
        ef = EvaluationFile.create(
            target,
            system,
            fund=args.fund.strip(),
            year=args.year,
            unit=args.unit,
            title=args.title.strip(),  # empty: EvaluationFile.create's evaluation_title
        )
    with ef:
        sheet = ef.score_sheet()
        title = ef.meta().title
    print(f"已创建 {target}：{title}，合计 {fmt2(sheet.total)} 分（{sheet.grade}）")
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    from jixiao.storage.national_form import file_warnings

    with open_file(args.file) as ef:
        sheet = ef.score_sheet()
        sheet.title = ef.meta().title
        warnings = file_warnings(ef, sheet)
    return report(sheet, args.json, warnings)


def cmd_inputs_export(args: argparse.Namespace) -> int:
    from jixiao.storage.national_form import export_inputs

    with open_file(args.file) as ef:
        print_json(export_inputs(ef))
    return 0


def template_json(name: str) -> dict[str, Any]:
    return system_to_json(template_library.resolve(name))


if __name__ == "__main__":
    sys.exit(main())
