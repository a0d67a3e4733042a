"""``jixiao template list|export|import|validate``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jixiao.cli.common import CommandError, print_json
from jixiao.core.model import IndicatorSystem
from jixiao.core.templates import TemplateProblem, system_to_json, validate_system
from jixiao.importers import template_library


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("template", help="指标体系模板")
    tsub = p.add_subparsers(dest="template_command", required=True)
    q = tsub.add_parser("list", help="列出可用模板")
    q.set_defaults(func=cmd_list)
    q = tsub.add_parser("export", help="导出模板（JSON 默认到标准输出；xlsx 写入文件）")
    q.add_argument("name", help="模板名称、模板文件，或评价文件（.jixiao：导出它自己的指标体系）")
    q.add_argument(
        "--format",
        choices=["json", "xlsx"],
        default=None,
        help="json 或 xlsx（默认按 --out 的扩展名，否则 json）",
    )
    q.add_argument("--out", help="输出文件（JSON 默认标准输出；xlsx 默认 名称.xlsx）")
    q.set_defaults(func=cmd_export)
    q = tsub.add_parser("import", help="导入模板（.json 或 .xlsx）：检查后保存到模板库")
    q.add_argument("file", help="模板文件（.json 或 .xlsx）")
    q.add_argument("--name", help="保存到模板库时使用的名称（默认用模板自己的名称）")
    q.add_argument("--replace", action="store_true", help="覆盖模板库中的同名模板")
    q.add_argument("--check-only", action="store_true", help="只检查，不保存")
    q.set_defaults(func=cmd_import)
    q = tsub.add_parser("validate", help="检查模板")
    q.add_argument("name")
    q.set_defaults(func=cmd_validate)


def cmd_list(args: argparse.Namespace) -> int:
    for entry in template_library.all_templates():
        kind = "内置" if entry.builtin else "自定义"
        print(f"{entry.name}\t{entry.title}\t（{kind}）")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    system = _system_of(args.name)
    fmt = args.format or ("xlsx" if args.out and args.out.lower().endswith(".xlsx") else "json")
    if fmt == "json":
        if not args.out:
            print_json(system_to_json(system))
            return 0
        out = Path(args.out)
        if out.suffix.lower() == ".xlsx":
            raise CommandError(f"--format json 不能写入 .xlsx 文件：{out}")
    else:
        out = (
            Path(args.out)
            if args.out
            else Path(f"{template_library.safe_file_stem(system.name)}.xlsx")
        )
        if out.suffix.lower() != ".xlsx":
            raise CommandError(f"xlsx 格式的输出文件应以 .xlsx 结尾：{out}")
    template_library.export_template_file(system, out)
    print(f"已导出模板 {system.name} 到 {out}", file=sys.stderr)
    return 0


def _system_of(name: str) -> IndicatorSystem:
    """A template by name or file; an evaluation file (.jixiao) gives its own indicator system."""
    if name.lower().endswith(".jixiao"):
        from jixiao.cli.common import open_file

        with open_file(name) as ef:
            return ef.system()
    return template_library.resolve(name)


def print_problems(problems: list[TemplateProblem]) -> None:
    for problem in problems:
        print(("错误：" if problem.fatal else "警告：") + str(problem))


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if path.suffix.lower() not in (".json", ".xlsx"):
        raise CommandError(f"只能导入 .json 或 .xlsx 模板：{path}")
    system: IndicatorSystem = template_library.load_template_file(path)
    if args.name:
        system.name = args.name.strip()
    problems = validate_system(system)
    print_problems(problems)
    if any(p.fatal for p in problems):
        raise CommandError(f"模板 {path.name} 有错误，未保存")
    leaves = len(system.leaves())
    print(
        f"模板 {system.name}（{system.title}）：{len(system.roots)} 个一级指标，{leaves} 个三级指标"
        + (f"，{len(problems)} 条警告" if problems else "，检查通过")
    )
    if args.check_only:
        return 0
    if template_library.find_user_template(system.name) is not None and not args.replace:
        raise CommandError(
            f"模板库中已有名为“{system.name}”的模板；用 --replace 覆盖，或用 --name 另取名称"
        )
    target = template_library.save_user_template(system, overwrite=True)
    print(f"已保存到模板库：{target}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    system = template_library.resolve(args.name)
    problems = validate_system(system)
    print_problems(problems)
    if any(p.fatal for p in problems):
        raise CommandError("模板有错误")
    if not problems:
        print("模板检查通过")
    return 0
