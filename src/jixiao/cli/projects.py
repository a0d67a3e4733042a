"""``jixiao projects import|export|template``: the project registry from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jixiao.cli.common import CommandError, open_file
from jixiao.core.numbers import fmt_money
from jixiao.core.projects import SOURCES
from jixiao.export.projects_xlsx import ExportError, export_csv, export_xlsx, write_template
from jixiao.importers import project_mapping
from jixiao.importers.impact import project_import_impact
from jixiao.importers.projects import (
    SPEC_BY_FIELD,
    UNIT_AUTO,
    UNIT_WAN,
    UNIT_YUAN,
    HeaderMatch,
    ImportFileError,
    align_amounts,
    classify,
    match_headers,
    parse_table,
)
from jixiao.importers.tables import ImportCancelled, read_table
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
    q.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="表头=字段",
        help="指定某列对应的字段，例如 --map 验收情况=已验收 --map 备注2=忽略（可重复；"
        "下次导入同样表头的清单时自动沿用）",
    )
    q.add_argument(
        "--value",
        action="append",
        default=[],
        metavar="内容=是|否",
        help="是/否列中某种写法算“是”还是“否”，例如 --value 初验=否（可重复）",
    )
    q.add_argument("--no-remember", action="store_true", help="不使用也不保存记住的列对应")
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
    name = Path(args.list).name
    try:
        table = read_table(args.list, sheet=args.sheet)
        found = match_headers(table.rows)
        match, recalled = project_mapping.apply(
            found, args.map, args.value, recall=not args.no_remember
        )
    except (ImportFileError, ImportCancelled) as exc:
        raise CommandError(str(exc)) from None
    except (project_mapping.MappingError, ValueError) as exc:
        raise CommandError(f"“{name}”：{exc}") from None
    if recalled:
        print(f"{name}：沿用上次为同样表头确认的列对应（--no-remember 不沿用）", file=sys.stderr)
    preview = parse_table(table, match, amount_unit=UNITS[args.unit])
    print(f"{name} 列对应：{describe_mapping(match)}", file=sys.stderr)
    for problem in preview.problems:
        print(f"{name} {problem}", file=sys.stderr)
    if match.unsure:
        for col, why in sorted(match.unsure.items()):
            print(
                f'{name} 提醒：表头“{match.headers[col]}”{why}（可用 --map "表头=字段" 指定）',
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
        existing = ef.projects()
        projects = align_amounts(existing, preview.projects, preview.given)
        impact = project_import_impact(ef, projects)
        if args.dry_run:
            c = classify(existing, preview.projects, preview.given)
            print(f"检查通过（未写入）：将新增 {c.added}，更新 {c.updated}，不变 {c.unchanged}")
            print("导入后得分变化：" + "；".join(impact.lines()))
            return 0
        try:
            report = ef.upsert_projects(projects, reason=args.reason or f"导入 {name}")
        except ProjectError as exc:
            raise CommandError(f"未导入：{exc}") from None
        summary = ef.registry_summary()
    if (args.map or args.value) and not args.no_remember:
        project_mapping.remember(match)
    print(f"已导入 {name}：新增 {report.added}，更新 {report.updated}，不变 {report.unchanged}")
    print(
        f"共 {summary.projects} 个项目，{summary.units} 个建设单位，"
        f"预算 {fmt_money(summary.budget)} 万元，"
        f"实际支付 {fmt_money(summary.paid)} 万元"
    )
    print("得分变化：" + ("；".join(impact.lines()) if impact.changed else "无"))
    for source, why in summary.absent:
        print(f"{SOURCES[source]}：未录入（{why}）")
    return 0


def describe_mapping(match: HeaderMatch) -> str:
    parts = [
        f"{match.headers[c].strip()}→{SPEC_BY_FIELD[f].header if f else '执行率'}"
        for c, f in sorted(match.mapping.items())
    ]
    return "，".join(parts) or "（无）"


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
