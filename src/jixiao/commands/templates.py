"""``jixiao template list|export|import``."""

from __future__ import annotations

import argparse

from jixiao import template_library
from jixiao.commands.common import CommandError, print_json
from jixiao.core.templates import system_to_json, validate_system


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("template", help="指标体系模板")
    tsub = p.add_subparsers(dest="template_command", required=True)
    q = tsub.add_parser("list", help="列出可用模板")
    q.set_defaults(func=cmd_list)
    q = tsub.add_parser("export", help="导出模板（JSON 到标准输出）")
    q.add_argument("name", help="模板名称或文件")
    q.add_argument("--format", choices=["json"], default="json")
    q.add_argument("--out", help="输出文件（默认标准输出）")
    q.set_defaults(func=cmd_export)
    q = tsub.add_parser("validate", help="检查模板")
    q.add_argument("name")
    q.set_defaults(func=cmd_validate)


def cmd_list(args: argparse.Namespace) -> int:
    for entry in template_library.all_templates():
        kind = "内置" if entry.builtin else "自定义"
        print(f"{entry.name}\t{entry.title}\t（{kind}）")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    system = template_library.resolve(args.name)
    print_json(system_to_json(system))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    system = template_library.resolve(args.name)
    problems = validate_system(system)
    for problem in problems:
        print(("错误：" if problem.fatal else "警告：") + str(problem))
    if any(p.fatal for p in problems):
        raise CommandError("模板有错误")
    if not problems:
        print("模板检查通过")
    return 0
