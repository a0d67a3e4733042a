"""``jixiao set FILE KEY VALUE`` (the national form's fields) and ``jixiao inputs import``."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao.cli.common import CommandError, open_file
from jixiao.core.national_form import (
    DENOMINATOR_WORDS,
    FormError,
    all_keys,
    chinese_date,
)
from jixiao.core.rules import InputError

NOTE_PREFIXES = {"实际完成值": "actual", "偏差原因": "deviation"}


def _epilog() -> str:
    lines = ["可设置的项目（KEY）："]
    for key, meaning in all_keys().items():
        lines.append(f"  {key:<24}{meaning}")
    lines += [
        "  实际完成值.编码          某个三级指标的实际完成值，原样打印（如 实际完成值.C11 ≥266米）",
        "  偏差原因.编码            某个三级指标的偏差原因分析及改进措施（可空）",
        "",
        'VALUE 为空字符串（""）时清除该项。不带 KEY 运行时列出当前的值。',
        "例：jixiao set 评价.jixiao 评价日期 2023-03-15",
        "    jixiao set 评价.jixiao 资金.当年财政拨款.年初预算数 38.77",
        "    jixiao set 评价.jixiao 执行率口径 全年预算",
    ]
    return "\n".join(lines)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "set",
        help="设置自评表的表头、年度总体目标、项目资金、评价日期、执行率口径等",
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file")
    p.add_argument("key", nargs="?", help="项目名称，见下表")
    p.add_argument("value", nargs="?", help="值")
    p.add_argument("--reason", default="", help="修改理由（写入审计日志）")
    p.set_defaults(func=cmd_set)


def register_inputs_import(inputs_sub: argparse._SubParsersAction) -> None:
    q = inputs_sub.add_parser(
        "import",
        help="导入录入数据 JSON（与 inputs export 格式相同；全部或全不）",
        description="未知的指标编码、无法计分的录入、JSON 浮点数都会被拒绝，文件保持不变。",
    )
    q.add_argument("file")
    q.add_argument("inputs", help="录入数据 JSON 文件")
    q.add_argument("--reason", default="", help="没有自己理由的条目使用的修改理由")
    q.set_defaults(func=cmd_inputs_import)


def cmd_set(args: argparse.Namespace) -> int:
    from jixiao.storage import national_form as store

    with open_file(args.file) as ef:
        if args.key is None:
            _show(ef)
            return 0
        if args.value is None:
            raise CommandError(f'请给出 {args.key} 的值（清除请写 ""）')
        key, value = args.key.strip(), args.value
        prefix, _, code = key.partition(".")
        try:
            if prefix in NOTE_PREFIXES and code:
                note = store.note_for(ef, code)
                field = NOTE_PREFIXES[prefix]
                store.set_note(
                    ef, code, store.IndicatorNote(**{**note.__dict__, field: value}), args.reason
                )
            else:
                store.set_value(ef, key, value, args.reason)
        except (FormError, InputError) as exc:
            raise CommandError(f"{Path(args.file).name}：{exc}") from None
        print(f"已设置 {key}：{value or '（空）'}")
        if key == "评价日期" and value.strip():
            print(f"打印为：{chinese_date(store.load_form(ef).evaluation_date)}")  # type: ignore[arg-type]
    return 0


def _show(ef: Any) -> None:
    from jixiao.storage import national_form as store

    form = store.load_form(ef)
    for key in all_keys():
        if key == "执行率口径":
            words = {v: k for k, v in DENOMINATOR_WORDS.items()}
            print(f"{key}\t{words.get(ef.execution_denominator, ef.execution_denominator)}")
            continue
        value = ef.get_setting("form." + key, "")
        if value:
            print(f"{key}\t{value}")
    for code, note in sorted(store.notes(ef).items()):
        if note.actual:
            print(f"实际完成值.{code}\t{note.actual}")
        if note.deviation:
            print(f"偏差原因.{code}\t{note.deviation}")
    del form


def _refuse_float(text: str) -> Decimal:
    raise CommandError(f'JSON 浮点数 {text} 不能使用：数字请写成字符串（如 "{text}"）')


def read_inputs_json(path: str) -> dict[str, Any]:
    """An inputs file as `inputs export` writes it; JSON floats are refused (see the docs)."""
    name = Path(path).name
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"), parse_float=_refuse_float)
    except FileNotFoundError:
        raise CommandError(f"找不到录入数据文件：{path}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommandError(f"录入数据文件 {name} 不是有效的 JSON：{exc}") from None
    except CommandError as exc:
        raise CommandError(f"录入数据文件 {name}：{exc}") from None
    if not isinstance(data, dict):
        raise CommandError(f"录入数据文件 {name} 应为对象：{{指标编码: 录入值}}")
    if isinstance(data.get("inputs"), dict):
        data = data["inputs"]
    return data


def cmd_inputs_import(args: argparse.Namespace) -> int:
    from jixiao.storage import national_form as store

    data = read_inputs_json(args.inputs)
    with open_file(args.file) as ef:
        try:
            written = store.import_inputs(ef, data, args.reason)
        except FormError as exc:
            raise CommandError(f"{Path(args.inputs).name}：{exc}") from None
        sheet = ef.score_sheet()
    print(f"已导入 {len(written)} 个指标的录入数据；合计 {sheet.total:.2f} 分（{sheet.grade}）")
    if sheet.problems:
        for problem in sheet.problems:
            print(f"警告：{problem}", file=sys.stderr)
    return 0
