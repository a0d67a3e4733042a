"""``jixiao evidence add|list|status|verify|export``: 佐证材料 from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jixiao.cli.common import CommandError, open_file, print_json
from jixiao.core import evidence as core
from jixiao.core.evidence import EvidenceError, EvidenceItem
from jixiao.export.evidence_export import export_all
from jixiao.storage import evidence as store
from jixiao.storage.evaluation_file import EvaluationFile


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evidence", help="佐证材料：添加附件、清单、校验、导出")
    esub = p.add_subparsers(dest="evidence_command", required=True, metavar="ACTION")

    q = esub.add_parser("add", help="把文件作为佐证材料附到三级指标（全部成功才写入）")
    q.add_argument("file", help="评价文件")
    q.add_argument("code", help="三级指标编码，如 A12")
    q.add_argument("paths", nargs="+", metavar="PATH", help="要附加的文件")
    q.add_argument("--item", help="佐证材料名称（指标只有一项时可省略；不存在则新建）")
    q.set_defaults(func=cmd_add)

    q = esub.add_parser("list", help="列出佐证材料清单和完整率")
    q.add_argument("file", help="评价文件")
    q.add_argument("--code", help="只列出这个指标")
    q.add_argument("--json", action="store_true", help="输出 JSON")
    q.set_defaults(func=cmd_list)

    q = esub.add_parser("status", help="设置佐证材料状态（已提供 / 缺失 / 不适用）")
    q.add_argument("file", help="评价文件")
    q.add_argument("code", help="三级指标编码")
    q.add_argument("item", help="佐证材料名称")
    q.add_argument("status", help="已提供 / 缺失 / 不适用")
    q.add_argument("--reason", default="", help="不适用的理由（必填）")
    q.set_defaults(func=cmd_status)

    q = esub.add_parser("verify", help="重新计算所有附件的 SHA-256，有不一致则返回非零")
    q.add_argument("file", help="评价文件")
    q.set_defaults(func=cmd_verify)

    q = esub.add_parser(
        "compact", help="回收已删除附件占用的空间（需要与评价文件相当的空闲磁盘空间）"
    )
    q.add_argument("file", help="评价文件")
    q.set_defaults(func=cmd_compact)

    q = esub.add_parser("export", help="导出清单（xlsx）和按指标编码分文件夹的全部附件")
    q.add_argument("file", help="评价文件")
    q.add_argument("dir", help="输出文件夹")
    q.set_defaults(func=cmd_export)


def _find_item(ef: EvaluationFile, code: str, name: str | None, *, create: bool) -> EvidenceItem:
    node = ef.system().find(code)
    if node is None or not node.is_leaf:
        raise CommandError(f"没有三级指标 {code}")
    candidates = store.items(ef, code)
    if name is None:
        if len(candidates) == 1:
            return candidates[0]
        listed = "、".join(it.name for it in candidates) or "（无）"
        raise CommandError(
            f"指标 {code} {node.name} 有 {len(candidates)} 项佐证材料，请用 --item 指定：{listed}"
        )
    wanted = " ".join(name.split())
    for it in candidates:
        if it.name == wanted:
            return it
    if not create:
        listed = "、".join(it.name for it in candidates) or "（无）"
        raise CommandError(f"指标 {code} 没有名为“{wanted}”的佐证材料（现有：{listed}）")
    item_id = store.add_item(ef, code, wanted)
    print(f"已新建佐证材料：{code} {wanted}")
    return store.item(ef, item_id)


def cmd_add(args: argparse.Namespace) -> int:
    for raw in args.paths:
        if not Path(raw).is_file():
            raise CommandError(f"找不到文件“{raw}”（评价文件未改动）")
    with open_file(args.file) as ef:
        try:
            # All paths in one transaction: one unreadable file and nothing is attached.
            with ef.transaction():
                target = _find_item(ef, args.code, args.item, create=True)
                results = [(Path(raw), store.attach(ef, target.id, raw)) for raw in args.paths]
        except EvidenceError as exc:
            raise CommandError(f"{exc}（评价文件未改动）") from None
        cov = store.coverage_by_code(ef).get(args.code, core.Coverage())
    for path, result in results:
        note = "（内容已存在，未重复存储）" if result.deduplicated else ""
        print(
            f"已附加 {path.name} → {args.code} {target.name}：{core.format_size(result.size)}，"
            f"SHA-256 {result.sha256[:16]}…{note}"
        )
    print(f"{args.code} 佐证完整率 {cov.text()}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_file(args.file) as ef:
        system = ef.system()
        all_items = store.items(ef, args.code) if args.code else store.items(ef)
        per_code = core.coverage_by_code(all_items)
        overall = store.overall_coverage(ef)
        nodes = system.by_code()
    if args.json:
        print_json(
            {
                "coverage": {
                    "provided": overall.provided,
                    "required": overall.required,
                    "na": overall.na,
                    "rate": None if overall.rate is None else str(overall.rate),
                    "text": overall.text(),
                },
                "items": [
                    {
                        "id": it.id,
                        "code": it.code,
                        "name": it.name,
                        "status": it.status_label,
                        "na_reason": it.na_reason,
                        "note": it.note,
                        "project": it.project_name,
                        "files": [
                            {
                                "name": f.original_name,
                                "size": f.size,
                                "sha256": f.sha256,
                                "mime": f.mime,
                                "attached_by": f.attached_by,
                                "attached_at": f.attached_at,
                            }
                            for f in it.files
                        ],
                    }
                    for it in all_items
                ],
            }
        )
        return 0
    current = None
    for it in all_items:
        if it.code != current:
            current = it.code
            node = nodes.get(it.code)
            print(f"{it.code} {node.name if node else ''}  （{per_code[it.code].text()}）")
        extra = f"：{it.na_reason}" if it.na_reason else ""
        project = f" [{it.project_name}]" if it.project_name else ""
        print(f"  [{it.status_label}{extra}] {it.name}{project}")
        for f in it.files:
            print(
                f"      {f.original_name}  {core.format_size(f.size)}  "
                f"{f.attached_by} {f.attached_at}  "
                f"{f.sha256[:16]}…"
            )
    print(f"佐证完整率 {overall.text()}（不适用项不计入）")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    with open_file(args.file) as ef:
        target = _find_item(ef, args.code, args.item, create=False)
        status = core.parse_status(args.status)
        store.update_item(ef, target.id, status=status, na_reason=args.reason)
        print(f"{args.code} {target.name}：{core.STATUS_LABELS[status]}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    with open_file(args.file) as ef:
        report = store.verify(ef)
    if report.ok:
        print(report.summary())
        return 0
    print(report.summary(), file=sys.stderr)
    return 1


def cmd_export(args: argparse.Namespace) -> int:
    with open_file(args.file) as ef:
        checklist, result = export_all(ef, args.dir)
    print(f"已导出清单 {checklist}")
    print(f"已导出 {len(result.files)} 个附件到 {result.directory}")
    return 0


def cmd_compact(args: argparse.Namespace) -> int:
    with open_file(args.file) as ef:
        saved = store.compact(ef)
    print(f"已回收 {core.format_size(saved)}" if saved else "没有可回收的空间")
    return 0
