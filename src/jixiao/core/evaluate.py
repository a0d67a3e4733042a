"""Turn an indicator system and its raw inputs into a score sheet.

Each level-3 score is quantized half-up to 0.01; subtotals and the total are sums of
those quantized scores, so the printed column always adds up.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import Any

from jixiao.core.model import NA_RESCALE, Indicator, IndicatorSystem
from jixiao.core.numbers import CENT, ZERO, NumberError, fmt2, parse_decimal, q2
from jixiao.core.rules import InputError, deduction_reason

STATUS_SCORED = "scored"
STATUS_OVERRIDDEN = "overridden"
STATUS_MISSING = "missing"
STATUS_NA = "na"
STATUS_ERROR = "error"

ORIGIN_ENTERED = "entered"
ORIGIN_DERIVED = "derived"
ORIGIN_REPLACED = "replaced"  # a derived input replaced by a person, with a reason


@dataclass(frozen=True)
class IndicatorScore:
    code: str
    name: str
    level1: str
    level2: str
    target: str
    weight: Decimal
    rule: str
    computed: Decimal | None  # what the rule gives, quantized; None when not computable
    score: Decimal  # the adopted score, quantized
    reason: str  # 扣分原因 (empty at full marks)
    status: str
    origin: str = ORIGIN_ENTERED
    detail: str = ""
    measured: Decimal | None = None
    error: str = ""

    @property
    def deduction(self) -> Decimal:
        return self.weight - self.score


@dataclass(frozen=True)
class GroupScore:
    code: str
    name: str
    weight: Decimal
    score: Decimal


@dataclass
class ScoreSheet:
    title: str
    indicators: list[IndicatorScore]
    level1: list[GroupScore]
    level2: list[GroupScore]
    total: Decimal
    grade: str
    problems: list[str] = field(default_factory=list)

    def by_code(self) -> dict[str, IndicatorScore]:
        return {item.code: item for item in self.indicators}

    def group(self, code: str) -> GroupScore | None:
        return next((g for g in (*self.level1, *self.level2) if g.code == code), None)

    def scores_payload(self) -> dict[str, Any]:
        """The JSON shape of ``jixiao score --json`` without the fingerprint."""

        def group(g: GroupScore) -> dict[str, str]:
            return {
                "code": g.code,
                "name": g.name,
                "weight": fmt2(g.weight),
                "score": fmt2(g.score),
            }

        return {
            "title": self.title,
            "total": fmt2(self.total),
            "grade": self.grade,
            "level1": [group(g) for g in self.level1],
            "level2": [group(g) for g in self.level2],
            "indicators": [
                {
                    "code": i.code,
                    "level1": i.level1,
                    "level2": i.level2,
                    "name": i.name,
                    "target": i.target,
                    "weight": fmt2(i.weight),
                    "computed": fmt2(i.computed) if i.computed is not None else None,
                    "score": fmt2(i.score),
                    "deduction": fmt2(i.deduction),
                    "reason": i.reason,
                    "rule": i.rule,
                    "status": i.status,
                }
                for i in self.indicators
            ],
        }

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the canonical JSON of the scores: ties a paper copy to its data."""
        canonical = json.dumps(
            self.scores_payload(), ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def to_json(self) -> dict[str, Any]:
        return {**self.scores_payload(), "fingerprint": self.fingerprint}


def effective_input(
    indicator: Indicator, stored: Mapping[str, Any] | None, derived: Mapping[str, Mapping[str, Any]]
) -> tuple[dict[str, Any] | None, str]:
    """The input the rule sees: a derived one (from projects, surveys) unless replaced.

    A person's override, 不适用 and reason still apply on top of a derived input.
    """
    stored = dict(stored or {})
    rule = indicator.rule
    if rule is not None and rule.source and rule.source in derived:
        if str(stored.get("replace_derived") or "").strip():
            return stored, ORIGIN_REPLACED
        merged = dict(derived[rule.source])
        for key in ("override", "reason", "na"):
            if key in stored:
                merged[key] = stored[key]
        return merged, ORIGIN_DERIVED
    return (stored or None), ORIGIN_ENTERED


def check_input(
    indicator: Indicator, raw: Mapping[str, Any], weight: Decimal | None = None
) -> None:
    """Raise InputError (Chinese) if ``raw`` cannot be scored for ``indicator``."""
    _score_one(indicator, dict(raw), indicator.weight if weight is None else weight)


def _override(raw: Mapping[str, Any], weight: Decimal) -> Decimal | None:
    if raw.get("override") in (None, ""):
        return None
    try:
        value = parse_decimal(raw["override"], what="调整后得分")
    except NumberError as exc:
        raise InputError(str(exc)) from None
    if not str(raw.get("reason") or "").strip():
        raise InputError("调整得分必须填写理由")
    if value < 0 or value > weight:
        raise InputError(f"调整后得分应在 0–{fmt2(weight)} 之间，而不是 {value}")
    return value


def _score_one(
    indicator: Indicator, raw: dict[str, Any], weight: Decimal, shown_weight: Decimal | None = None
) -> tuple[Decimal, Decimal, str, str, Any]:
    """Return (computed, adopted, reason, detail, measured), all scores quantized."""
    rule = indicator.rule
    if rule is None:
        raise InputError("该指标没有评分规则")
    if "replace_derived" in raw and not str(raw.get("replace_derived") or "").strip():
        raise InputError("替换自动计算的数据必须填写理由")
    outcome = rule.compute(weight, raw)
    computed = q2(min(max(outcome.score, ZERO), weight))
    override = _override(raw, weight)
    custom_reason = str(raw.get("reason") or "").strip()
    adopted = q2(override) if override is not None else computed
    if shown_weight is not None and shown_weight != weight and weight > 0:
        # 不适用 rescale: inputs are entered against the template weight; the sheet shows
        # the stretched weight, so scores and the deduction in the reason are stretched too.
        computed = q2(computed * shown_weight / weight)
        adopted = q2(adopted * shown_weight / weight)
        weight = shown_weight
    if override is not None or custom_reason:
        reason = custom_reason
    elif adopted < q2(weight):
        reason = deduction_reason(rule.reason_stem(indicator.name, outcome), q2(weight) - adopted)
    else:
        reason = ""
    return computed, adopted, reason, outcome.detail, outcome.measured


def evaluate(
    system: IndicatorSystem,
    inputs: Mapping[str, Mapping[str, Any]],
    derived: Mapping[str, Mapping[str, Any]] | None = None,
) -> ScoreSheet:
    """Score every level-3 indicator. Bad inputs become problems, never exceptions."""
    derived = derived or {}
    leaves = [(node, ancestors) for level, node, ancestors in system.walk() if node.is_leaf]
    problems: list[str] = []
    malformed = {
        code for code, raw in inputs.items() if raw is not None and not isinstance(raw, Mapping)
    }
    for code in sorted(malformed):
        problems.append(
            f'{code}：录入数据应为对象（例如 {{"value": "0.9"}}），而不是 {inputs[code]!r}'
        )
    inputs = {code: raw for code, raw in inputs.items() if code not in malformed}

    resolved: dict[str, tuple[dict[str, Any] | None, str]] = {
        node.code: effective_input(node, inputs.get(node.code), derived) for node, _ in leaves
    }
    na_codes = {
        code
        for code, (raw, _) in resolved.items()
        if raw and _truthy(raw.get("na")) and str(raw.get("reason") or "").strip()
    }
    leaf_codes = {node.code for node, _ in leaves}
    for code in sorted(set(inputs) - leaf_codes):
        problems.append(f"{code}：录入数据中的指标编码在指标体系中没有对应的三级指标")
    factor = Decimal(1)
    if system.na_policy == NA_RESCALE and na_codes:
        total_weight = sum((node.weight for node, _ in leaves), ZERO)
        na_weight = sum((node.weight for node, _ in leaves if node.code in na_codes), ZERO)
        if total_weight > na_weight:
            factor = total_weight / (total_weight - na_weight)

    scaled = (
        _scaled_weights([n for n, _ in leaves if n.code not in na_codes], factor)
        if factor != 1
        else {}
    )
    scores: list[IndicatorScore] = []
    for node, ancestors in leaves:
        raw, origin = resolved[node.code]
        level1 = ancestors[0].code if ancestors else node.code
        level2 = ancestors[1].code if len(ancestors) > 1 else ""
        rule_kind = node.rule.kind if node.rule else ""
        common = dict(
            code=node.code,
            name=node.name,
            level1=level1,
            level2=level2,
            target=node.target,
            rule=rule_kind,
            origin=origin,
        )
        if raw and _truthy(raw.get("na")):
            why = str(raw.get("reason") or "").strip()
            if not why:
                # Without a reason 不适用 does not count: no full marks, no rescaling.
                message = "标为不适用必须填写理由（未计分）"
                problems.append(f"{node.code} {node.name}：{message}")
                scores.append(
                    IndicatorScore(
                        weight=scaled.get(node.code, q2(node.weight)),
                        computed=None,
                        score=ZERO,
                        reason=message,
                        status=STATUS_ERROR,
                        error=message,
                        **common,
                    )
                )
                continue
            if system.na_policy == NA_RESCALE:
                scores.append(
                    IndicatorScore(
                        weight=ZERO,
                        computed=None,
                        score=ZERO,
                        reason=f"不适用：{why}",
                        status=STATUS_NA,
                        **common,
                    )
                )
            else:
                w = q2(node.weight)
                scores.append(
                    IndicatorScore(
                        weight=w,
                        computed=w,
                        score=w,
                        reason=f"不适用，按满分计：{why}",
                        status=STATUS_NA,
                        **common,
                    )
                )
            continue
        # Inputs (manual scores, ranges, overrides) are entered against the template's
        # weight; a 不适用 rescale only stretches the result.
        weight = scaled.get(node.code, q2(node.weight))
        if not raw:
            scores.append(
                IndicatorScore(
                    weight=weight,
                    computed=None,
                    score=ZERO,
                    reason="未录入",
                    status=STATUS_MISSING,
                    **common,
                )
            )
            continue
        try:
            computed, adopted, reason, detail, measured = _score_one(
                node, raw, node.weight, weight if factor != 1 else None
            )
        except InputError as exc:
            problems.append(f"{node.code} {node.name}：{exc}")
            scores.append(
                IndicatorScore(
                    weight=weight,
                    computed=None,
                    score=ZERO,
                    reason=str(exc),
                    status=STATUS_ERROR,
                    error=str(exc),
                    **common,
                )
            )
            continue
        status = STATUS_OVERRIDDEN if raw.get("override") not in (None, "") else STATUS_SCORED
        scores.append(
            IndicatorScore(
                weight=weight,
                computed=computed,
                score=adopted,
                reason=reason,
                status=status,
                detail=detail,
                measured=measured,
                **common,
            )
        )

    by_code = {s.code: s for s in scores}

    def subtotal(node: Indicator) -> tuple[Decimal, Decimal]:
        if node.is_leaf:
            s = by_code[node.code]
            return s.weight, s.score
        weight = score = ZERO
        for child in node.children:
            w, s = subtotal(child)
            weight += w
            score += s
        return weight, score

    level1: list[GroupScore] = []
    level2: list[GroupScore] = []
    for level, node, _ in system.walk():
        if node.is_leaf or level > 2:
            continue
        w, s = subtotal(node)
        # Without 不适用 rescaling the template's own weight is what the sheet prints.
        shown_weight = node.weight if factor == 1 and not na_codes else w
        (level1 if level == 1 else level2).append(GroupScore(node.code, node.name, shown_weight, s))

    total = sum((s.score for s in scores), ZERO)
    return ScoreSheet(
        title=system.title,
        indicators=scores,
        level1=level1,
        level2=level2,
        total=total,
        grade=system.grade_for(total),
        problems=problems,
    )


def _scaled_weights(live: list[Indicator], factor: Decimal) -> dict[str, Decimal]:
    """Rescaled weights in cents that add up exactly to the template total: each is rounded
    down, and the cents lost go to the largest remainders (so full marks are exactly 100)."""
    raw = {n.code: n.weight * factor for n in live}
    out = {code: value.quantize(CENT, rounding=ROUND_DOWN) for code, value in raw.items()}
    target = q2(sum(raw.values(), ZERO))
    missing = int((target - sum(out.values(), ZERO)) / CENT)
    for code in sorted(raw, key=lambda c: raw[c] - out[c], reverse=True)[: max(missing, 0)]:
        out[code] += CENT
    return out


def _truthy(value: Any) -> bool:
    return value is True or value in ("true", "是", 1, "1")


def is_not_applicable(raw: Mapping[str, Any]) -> bool:
    """The one test of 不适用 used everywhere (``{"na": "否"}`` is not 不适用)."""
    return _truthy(raw.get("na"))
