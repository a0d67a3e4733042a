"""``jixiao projects import|export|template``: the project registry from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jixiao.cli.common import CommandError, open_file
from jixiao.core.numbers import fmt_money
from jixiao.export.projects_xlsx import ExportError, export_csv, export_xlsx, write_template
from jixiao.importers.projects import (
    UNIT_AUTO,
    UNIT_WAN,
    UNIT_YUAN,
    ImportFileError,
    align_amounts,
    classify,
    load_project_list,
)
from jixiao.importers.tables import ImportCancelled
from jixiao.storage.evaluation_file import ProjectError

UNITS = {"auto": UNIT_AUTO, "万元": UNIT_WAN, "wan": UNIT_WAN, "元": UNIT_YUAN, "yuan": UNIT_YUAN}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("projects", help="项目登记：导入、导出、下载模板")
    psub = p.add_subparsers(dest="projects_command", required=True, metavar="ACTION")

    q = psub.add_parser(
        "import", help="从 xlsx / xls / csv 导入项目清单（按项目名称 + 建设单位更新）"
    )
    q.add_argument("file", help="评价文件")
    q.add_argument("list", help="项目清单（.xlsx / .xls / .csv）")
    q.add_argument(
        "--unit",
        choices=sorted(UNITS),
        default="auto",
        help="金额单位：auto 按表头判断（默认，未注明按万元）；元 则除以 10,000",
    )
    q.add_argument("--sheet", help="工作表名称（默认第一个）")
    q.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入")
    q.add_argument("--reason", default="", help="写入审计日志的说明")
    q.set_defaults(func=cmd_import)

    q = psub.add_parser("export", help="导出项目登记为 xlsx（带格式和合计行）或 csv（UTF-8 BOM）")
    q.add_argument("file", help="评价文件")
    q.add_argument("out", help="输出文件（.xlsx 或 .csv）")
    q.set_defaults(func=cmd_export)

    q = psub.add_parser("template", help="生成空白导入模板（xlsx）")
    q.add_argument("out", help="输出文件（.xlsx）")
    q.set_defaults(func=cmd_template)


def cmd_import(args: argparse.Namespace) -> int:
    try:
        preview = load_project_list(args.list, amount_unit=UNITS[args.unit], sheet=args.sheet)
    except (ImportFileError, ImportCancelled) as exc:
        raise CommandError(str(exc)) from None
    name = Path(args.list).name
    for problem in preview.problems:
        print(f"{name} {problem}", file=sys.stderr)
    if preview.match.unsure:
        for col, why in sorted(preview.match.unsure.items()):
            print(
                f"{name} 提醒：表头“{preview.match.headers[col]}”{why}（图形界面中可调整列对应）",
                file=sys.stderr,
            )
    if preview.errors:
        print(
            f"未导入：{len(preview.errors)} 个错误，请修改“{name}”后重试（评价文件未改动）",
            file=sys.stderr,
        )
        return 1
    if not preview.projects:
        raise CommandError(f"“{name}”中没有项目数据")
    with open_file(args.file) as ef:
        if args.dry_run:
            c = classify(ef.projects(), preview.projects, preview.match.field_columns())
            print(f"检查通过（未写入）：将新增 {c.added}，更新 {c.updated}，不变 {c.unchanged}")
            return 0
        try:
            projects = align_amounts(ef.projects(), preview.projects, preview.match.field_columns())
            report = ef.upsert_projects(projects, reason=args.reason or f"导入 {name}")
        except ProjectError as exc:
            raise CommandError(f"未导入：{exc}") from None
        summary = ef.registry_summary()
    print(f"已导入 {name}：新增 {report.added}，更新 {report.updated}，不变 {report.unchanged}")
    print(
        f"共 {summary.projects} 个项目，{summary.units} 个建设单位，预算 {fmt_money(summary.budget)} 万元，"
        f"实际支付 {fmt_money(summary.paid)} 万元"
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise CommandError(f"只能导出为 .xlsx 或 .csv：{out.name}")
    with open_file(args.file) as ef:
        projects = ef.projects()
        title = f"{ef.meta().title}（项目登记）"
        denominator = ef.execution_denominator
    try:
        if suffix == ".xlsx":
            export_xlsx(projects, out, title=title, denominator=denominator)
        else:
            export_csv(projects, out)
    except ExportError as exc:
        raise CommandError(str(exc)) from None
    print(f"已导出 {len(projects)} 个项目到 {out}")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise CommandError(f"模板只能保存为 .xlsx：{out.name}")
    try:
        write_template(out)
    except ExportError as exc:
        raise CommandError(str(exc)) from None
    print(f"已生成空白模板 {out}")
    return 0
