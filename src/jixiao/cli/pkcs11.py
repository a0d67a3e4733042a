"""``jixiao pkcs11 list --module PATH``: the UKeys a PKCS#11 module sees and their certificates."""

from __future__ import annotations

import argparse

from jixiao.cli.common import CommandError, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("pkcs11", help="UKey（PKCS#11）：列出令牌和证书")
    inner = p.add_subparsers(dest="pkcs11_command", required=True)
    q = inner.add_parser("list", help="列出模块能看到的 UKey 及其上的证书（不需要 PIN）")
    q.add_argument("--module", required=True, metavar="PATH", help="PKCS#11 模块（.dll / .so）")
    q.add_argument("--json", action="store_true", help="输出 JSON")
    q.set_defaults(func=cmd_list)


def cmd_list(args: argparse.Namespace) -> int:
    from jixiao.export.pkcs11_tokens import list_tokens, no_token_message
    from jixiao.export.signing import SigningError

    try:
        tokens = list_tokens(args.module)
    except SigningError as exc:
        raise CommandError(str(exc)) from None
    if args.json:
        print_json(
            [
                {
                    "label": t.label,
                    "manufacturer": t.manufacturer,
                    "model": t.model,
                    "serial": t.serial,
                    "certificates": [
                        {
                            "label": c.label,
                            "id": c.object_id.hex(),
                            "subject": c.subject,
                            "issuer": c.issuer,
                            "not_before": c.not_before.isoformat(),
                            "not_after": c.not_after.isoformat(),
                            "sha256": c.fingerprint,
                            "key_algorithm": c.key_algorithm,
                        }
                        for c in t.certificates
                    ],
                }
                for t in tokens
            ]
        )
        return 0 if tokens else 1
    if not tokens:
        raise CommandError(no_token_message(args.module))
    for token in tokens:
        print(f"UKey：{token.label}（{token.manufacturer} {token.model}，序列号 {token.serial}）")
        if not token.certificates:
            print("  （此 UKey 上没有公开的证书）")
        for cert in token.certificates:
            problem = cert.validity_problem()
            for line in cert.describe():
                print("  " + line)
            if problem:
                print("  注意：" + problem)
    return 0
