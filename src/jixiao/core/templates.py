"""Indicator systems as JSON (docs/template-format.md) and their validation."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao.core.errors import UserError
from jixiao.core.model import (
    DEFAULT_GRADES,
    NA_AWARD,
    NA_RESCALE,
    GradeBand,
    Indicator,
    IndicatorSystem,
)
from jixiao.core.numbers import ZERO, NumberError, fmt_points, parse_decimal
from jixiao.core.rules import RuleFormatError, rule_from_json

TEMPLATE_FORMAT = "jixiao-template/1"


class TemplateError(UserError, ValueError):
    """A template that cannot be read at all (Chinese message)."""


@dataclass(frozen=True)
class TemplateProblem:
    code: str  # indicator code, or "" for the whole system
    message: str
    fatal: bool = False  # fatal problems make the system unusable (e.g. duplicate codes)

    def __str__(self) -> str:
        return f"{self.code}：{self.message}" if self.code else self.message


MAX_TEMPLATE_BYTES = 5 * 1024 * 1024  # a real template is a few dozen KB
MAX_DEPTH = 32  # JSON nesting (three indicator levels need about a dozen)
MAX_INDICATORS = 2000


def check_json_depth(text: str, name: str) -> None:
    """Refuse deep nesting before the JSON parser recurses into it (RecursionError)."""
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise TemplateError(
                    f"模板文件 {name} 嵌套超过 {MAX_DEPTH} 层，不是有效的模板（指标最多三级）"
                )
        elif ch in "]}":
            depth -= 1


def _check_values(value: Any, where: str, count: list[int]) -> None:
    """Numbers a template could hold must be plain and in range: 1e999999999 would end in
    a decimal error at scoring time."""
    if isinstance(value, dict):
        if "code" in value:
            count[0] += 1
            if count[0] > MAX_INDICATORS:
                raise TemplateError(f"模板的指标超过 {MAX_INDICATORS} 个")
            where = str(value.get("code")) if isinstance(value.get("code"), str) else where
        for key, item in value.items():
            _check_values(item, f"{where} 的 {key}", count)
    elif isinstance(value, list):
        for item in value:
            _check_values(item, where, count)
    elif isinstance(value, bool):
        return
    elif isinstance(value, int | Decimal):
        number = Decimal(value)
        # adjusted() never overflows (abs(1E+999999999) would raise decimal.Overflow).
        if (
            not number.is_finite()
            or number.adjusted() >= 9
            or int(number.as_tuple().exponent) < -12
        ):
            raise TemplateError(f"{where}：数值 {value} 超出范围")
    elif isinstance(value, str) and len(value) > 20_000:
        raise TemplateError(f"{where}：文字超过 20,000 个字符")
    elif isinstance(value, str) and any(ch in value for ch in "eE") and _looks_numeric(value):
        raise TemplateError(f"{where}：数值“{value}”应写成普通小数（不用科学计数法）")


def _looks_numeric(text: str) -> bool:
    try:
        Decimal(text.strip())
    except ArithmeticError:
        return False
    return True


def system_from_json(data: dict[str, Any]) -> IndicatorSystem:
    """An indicator system from template JSON; every malformed template is a TemplateError
    (Chinese, naming the indicator or setting), never another exception."""
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        raise TemplateError("模板格式不正确：缺少 indicators 列表")
    _check_values(data, "模板", [0])
    try:
        return _system_from_json(data)
    except TemplateError:
        raise
    except (TypeError, AttributeError, KeyError, IndexError, ValueError, ArithmeticError) as exc:
        raise TemplateError(f"模板格式不正确：{_where(exc)}") from None
    except RecursionError:
        raise TemplateError(f"模板格式不正确：嵌套超过 {MAX_DEPTH} 层") from None


def _where(exc: BaseException) -> str:
    names = {
        "TypeError": "某一项的类型不对（例如应为文字的地方是列表）",
        "AttributeError": "某一项的类型不对（应为对象）",
        "KeyError": f"缺少必需的项 {exc}",
    }
    return names.get(type(exc).__name__, f"内容有误（{type(exc).__name__}）")


def _system_from_json(data: dict[str, Any]) -> IndicatorSystem:

    def node(item: Any, path: str) -> Indicator:
        if not isinstance(item, dict):
            raise TemplateError(f"模板格式不正确：{path} 不是对象")
        for key in ("code", "name", "target", "criteria"):
            if not isinstance(item.get(key, ""), str | int | Decimal):
                raise TemplateError(f"模板格式不正确：{path} 的 {key} 应为文字")
        for key in ("children", "evidence"):
            if not isinstance(item.get(key, []), list):
                raise TemplateError(f"模板格式不正确：{path} 的 {key} 应为列表")
        code = str(item.get("code", "")).strip()
        where = code or path
        try:
            return _node(item, path, where)
        except TemplateError:
            raise
        except (TypeError, AttributeError, KeyError, IndexError, ValueError, ArithmeticError):
            raise TemplateError(f"模板格式不正确：指标 {where} 的内容有误") from None

    def _node(item: dict[str, Any], path: str, where: str) -> Indicator:
        code = str(item.get("code", "")).strip()
        try:
            weight = parse_decimal(item.get("weight", "0"), what=f"{where} 的权重")
        except NumberError as exc:
            raise TemplateError(str(exc)) from None
        rule = None
        if item.get("rule") is not None:
            try:
                rule = rule_from_json(item["rule"])
            except RuleFormatError as exc:
                raise TemplateError(f"{where}：{exc}") from None
        children = [
            node(child, f"{where}/{i + 1}") for i, child in enumerate(item.get("children", []))
        ]
        return Indicator(
            code=code,
            name=str(item.get("name", "")),
            weight=weight,
            target=str(item.get("target", "")),
            criteria=str(item.get("criteria", "")),
            rule=rule,
            children=children,
            evidence=[str(e) for e in item.get("evidence", [])],
        )

    grades = DEFAULT_GRADES
    if data.get("grades"):
        try:
            grades = tuple(
                GradeBand(str(g["name"]), parse_decimal(g["min"], what="等级下限"))
                for g in data["grades"]
            )
        except (KeyError, TypeError, NumberError) as exc:
            raise TemplateError(f"等级设置有误：{exc}") from None
    na_policy = data.get("not_applicable", NA_AWARD)
    if na_policy not in (NA_AWARD, NA_RESCALE):
        raise TemplateError(f"not_applicable 应为 award 或 rescale，而不是 {na_policy!r}")
    return IndicatorSystem(
        name=str(data.get("name", "")),
        title=str(data.get("title", "")),
        roots=[node(item, str(i + 1)) for i, item in enumerate(data["indicators"])],
        grades=grades,
        na_policy=na_policy,
        description=str(data.get("description", "")),
    )


def system_to_json(system: IndicatorSystem) -> dict[str, Any]:
    def node(ind: Indicator) -> dict[str, Any]:
        out: dict[str, Any] = {"code": ind.code, "name": ind.name, "weight": str(ind.weight)}
        if ind.target:
            out["target"] = ind.target
        if ind.criteria:
            out["criteria"] = ind.criteria
        if ind.rule is not None:
            out["rule"] = ind.rule.to_json()
        if ind.evidence:
            out["evidence"] = list(ind.evidence)
        if ind.children:
            out["children"] = [node(c) for c in ind.children]
        return out

    out: dict[str, Any] = {"format": TEMPLATE_FORMAT, "name": system.name, "title": system.title}
    if system.description:
        out["description"] = system.description
    out["grades"] = [{"name": g.name, "min": str(g.minimum)} for g in system.grades]
    out["not_applicable"] = system.na_policy
    out["indicators"] = [node(r) for r in system.roots]
    return out


def load_template(path: str | Path) -> IndicatorSystem:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_TEMPLATE_BYTES:
            raise TemplateError(
                f"模板文件 {path.name} 超过 {MAX_TEMPLATE_BYTES // 1024 // 1024} MB，不是有效的模板"
            )
        text = path.read_text(encoding="utf-8-sig")
        check_json_depth(text, path.name)
        # Plain JSON numbers are read as exact decimals, not floats.
        data = json.loads(text, parse_float=Decimal)
    except FileNotFoundError:
        raise TemplateError(f"找不到模板文件：{path}") from None
    except IsADirectoryError:
        raise TemplateError(f"“{path.name}”是文件夹，不是模板文件") from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, ValueError) as exc:
        if isinstance(exc, TemplateError):
            raise
        raise TemplateError(f"模板文件 {path.name} 不是有效的 JSON：{_short(exc)}") from None
    except OSError as exc:
        raise TemplateError(f"无法读取模板文件 {path.name}：{exc.strerror or exc}") from None
    try:
        return system_from_json(data)
    except TemplateError as exc:
        raise TemplateError(f"模板文件 {path.name}：{exc}") from None


def _short(exc: BaseException) -> str:
    return (str(exc).strip() or type(exc).__name__)[:120]


def validate_system(system: IndicatorSystem) -> list[TemplateProblem]:
    """All problems with a system. Only duplicate or empty codes are fatal: real published
    sheets carry weight mismatches, and users must see those as warnings, not crashes."""
    problems: list[TemplateProblem] = []
    codes = [node.code for _, node, _ in system.walk()]
    for code, count in Counter(codes).items():
        if count > 1:
            problems.append(TemplateProblem(code, f"指标编码重复（出现 {count} 次）", fatal=True))
    if any(not c for c in codes):
        problems.append(TemplateProblem("", "有指标没有编码", fatal=True))

    for level, node, _ in system.walk():
        name = f"{node.code} {node.name}".strip()
        if node.weight < 0:
            problems.append(TemplateProblem(node.code, f"{name} 的权重不能为负数"))
        if node.children:
            if node.rule is not None:
                problems.append(
                    TemplateProblem(node.code, f"{name} 有下级指标，其评分规则不会被使用")
                )
            child_sum = sum((c.weight for c in node.children), ZERO)
            if child_sum != node.weight:
                problems.append(
                    TemplateProblem(
                        node.code,
                        f"{name} 的权重 {fmt_points(node.weight)} "
                        f"不等于下级指标权重之和 {fmt_points(child_sum)}",
                    )
                )
            if level >= 3:
                problems.append(TemplateProblem(node.code, f"{name} 超过三级指标"))
        else:
            if level != 3:
                problems.append(
                    TemplateProblem(
                        node.code,
                        f"{name} 是{_LEVEL_NAMES.get(level, str(level))}指标，但没有下级指标",
                    )
                )
            if node.rule is None:
                problems.append(TemplateProblem(node.code, f"{name} 没有评分规则"))
            else:
                problems.extend(
                    TemplateProblem(node.code, f"{name}：{msg}")
                    for msg in node.rule.check(node.weight)
                )
    total = sum((r.weight for r in system.roots), ZERO)
    if total != Decimal(100):
        problems.append(TemplateProblem("", f"一级指标权重合计 {fmt_points(total)}，不等于 100"))
    return problems


_LEVEL_NAMES = {1: "一级", 2: "二级", 3: "三级"}
