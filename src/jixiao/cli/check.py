"""``jixiao check`` (is this file what the program last wrote?) and ``jixiao trust`` (the
certificates whose signatures verify-pdf reports as trusted)."""

from __future__ import annotations

import argparse
from pathlib import Path

from jixiao.cli.common import CommandError, open_file


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="检查评价文件是否在本程序之外被修改、录入数据是否有效",
        description="退出码：0 正常；1 文件在本程序之外被修改或录入数据无效（不能签名）",
    )
    p.add_argument("file")
    p.add_argument("--accept", action="store_true", help="接受外部修改（须用 --reason 说明理由）")
    p.add_argument("--reason", default="", help="接受外部修改的理由（记入调整记录）")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("trust", help="管理受信任的签名证书（verify-pdf 据此判断签署人身份）")
    tsub = p.add_subparsers(dest="trust_command", required=True)
    q = tsub.add_parser("add", help="把证书（.pem/.cer/.crt/.p12）加入信任列表")
    q.add_argument("cert")
    q.add_argument("--password-file", metavar="P", help=".p12 证书的密码文件（第一行）")
    q.set_defaults(func=cmd_trust_add)
    q = tsub.add_parser("list", help="列出受信任的证书")
    q.set_defaults(func=cmd_trust_list)
    q = tsub.add_parser("remove", help="从信任列表中移除证书（SHA-256 指纹前缀或名称）")
    q.add_argument("key")
    q.set_defaults(func=cmd_trust_remove)


def cmd_check(args: argparse.Namespace) -> int:
    if args.accept and not args.reason.strip():
        raise CommandError("接受外部修改必须用 --reason 说明理由")
    with open_file(args.file, warn=False) as ef:
        name = Path(args.file).name
        if args.accept:
            accepted = ef.accept_outside_changes(args.reason.strip())
            if accepted:
                print(f"已接受 {name} 的外部修改（理由：{args.reason.strip()}，已记入调整记录）：")
                for text in accepted:
                    print(f"  {text}")
            else:
                print(f"{name} 没有需要接受的外部修改")
        blockers = ef.signing_blockers()
        fingerprint = ef.content_fingerprint
        mode = f"（只读：{ef.readonly_reason}）" if ef.readonly else ""
    if not blockers:
        print(f"{name}：未发现本程序之外的修改，调整记录完整，录入数据有效{mode}")
        print(f"内容指纹：{fingerprint}")
        return 0
    for text in blockers:
        print(f"错误：{name}：{text}")
    if any(t.startswith("文件在本程序之外被修改") for t in blockers):
        print(
            f'确认修改无误后，可用 jixiao check {args.file} --accept --reason "理由" 接受；'
            "接受前不能签名导出。"
        )
    return 1


def _store():  # type: ignore[no-untyped-def]
    from jixiao.export.trust_store import TrustStore

    return TrustStore()


def cmd_trust_add(args: argparse.Namespace) -> int:
    from jixiao.cli.signing_options import read_password
    from jixiao.export.trust_store import TrustError

    password = read_password(args.password_file) if args.password_file else None
    try:
        added = _store().add(Path(args.cert), password)
    except TrustError as exc:
        raise CommandError(str(exc)) from None
    for t in added:
        print(f"已信任：{t.describe()}")
    return 0


def cmd_trust_list(args: argparse.Namespace) -> int:
    del args
    certs = _store().certificates()
    if not certs:
        print("信任列表为空：verify-pdf 会把所有签名报告为“证书未受信任”")
        return 0
    for t in certs:
        print(t.describe())
    return 0


def cmd_trust_remove(args: argparse.Namespace) -> int:
    removed = _store().remove(args.key)
    if not removed:
        raise CommandError(f"信任列表中没有与“{args.key}”相符的证书（用 trust list 查看）")
    for t in removed:
        print(f"已移除：{t.describe()}")
    return 0
