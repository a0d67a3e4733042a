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


def system_from_json(data: dict[str, Any]) -> IndicatorSystem:
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        raise TemplateError("模板格式不正确：缺少 indicators 列表")

    def node(item: Any, path: str) -> Indicator:
        if not isinstance(item, dict):
            raise TemplateError(f"模板格式不正确：{path} 不是对象")
        code = str(item.get("code", "")).strip()
        where = code or path
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
        # Plain JSON numbers are read as exact decimals, not floats.
        data = json.loads(path.read_text(encoding="utf-8-sig"), parse_float=Decimal)
    except FileNotFoundError:
        raise TemplateError(f"找不到模板文件：{path}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TemplateError(f"模板文件 {path.name} 不是有效的 JSON：{exc}") from None
    try:
        return system_from_json(data)
    except TemplateError as exc:
        raise TemplateError(f"模板文件 {path.name}：{exc}") from None


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
                        f"{name} 的权重 {fmt_points(node.weight)} 不等于下级指标权重之和 {fmt_points(child_sum)}",
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
