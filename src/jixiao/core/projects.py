"""Projects of the fund (项目登记) and the rates the score sheet derives from them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal
from typing import Any

from jixiao.core.numbers import ZERO, fmt_money, fmt_pct, q_rate

STATUSES = ("在建", "试运行", "已验收", "投入运行", "终止")

# The denominator of 预算执行率 is a policy choice of the evaluation.
DENOMINATOR_BUDGET = "budget"  # 预算数
DENOMINATOR_ADJUSTED = "adjusted_budget"  # 调整后预算数
DENOMINATOR_IN_PLACE = "funds_in_place"  # 到位资金
DENOMINATORS = {
    DENOMINATOR_BUDGET: "预算数",
    DENOMINATOR_ADJUSTED: "调整后预算数",
    DENOMINATOR_IN_PLACE: "到位资金",
}

# Keys of derived inputs; a rule's ``source`` names one of these.
SOURCE_FUNDS_IN_PLACE = "funds_in_place_rate"
SOURCE_BUDGET_EXECUTION = "budget_execution_rate"
SOURCE_COMPLETION = "completion_rate"
SOURCE_ACCEPTANCE = "acceptance_rate"
SOURCE_TIMELINESS = "timeliness_rate"
SOURCE_SATISFACTION = "satisfaction_rate"
SOURCES = {
    SOURCE_FUNDS_IN_PLACE: "预算资金到位率（项目登记）",
    SOURCE_BUDGET_EXECUTION: "预算执行率（项目登记）",
    SOURCE_COMPLETION: "计划完成率（项目登记）",
    SOURCE_ACCEPTANCE: "验收合格率（项目登记）",
    SOURCE_TIMELINESS: "完成及时率（项目登记）",
    SOURCE_SATISFACTION: "满意度（问卷导入）",
}


@dataclass
class Project:
    name: str
    unit: str  # 建设单位
    budget: Decimal = ZERO  # 预算金额（万元）
    id: int | None = None
    seq: int = 0  # 序号
    batch: str = ""  # 批次 / 文号
    domain: str = ""  # 领域
    adjusted_budget: Decimal | None = None  # 调整后预算（万元）; None = same as budget
    funds_in_place: Decimal = ZERO  # 到位资金（万元）
    paid: Decimal = ZERO  # 实际支付（万元）
    status: str = "在建"
    planned_date: date | None = None  # 计划完成日期
    accepted_date: date | None = None  # 实际验收日期
    sampled: bool = False  # 纳入抽查
    planned_output: bool = False  # 计划产出
    completed: bool = False  # 已完成
    acceptance_due: bool = False  # 应验收
    accepted: bool = False  # 已验收（合格）
    on_time: bool | None = None  # 按期完成; None = 未到期 / 不适用
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def execution_rate(self) -> Decimal | None:
        base = self.budget
        return self.paid / base if base else None

    @property
    def effective_adjusted_budget(self) -> Decimal:
        return self.budget if self.adjusted_budget is None else self.adjusted_budget

    def key(self) -> tuple[str, str]:
        """Identity across re-imports: name + unit, ignoring surrounding blanks."""
        return (self.name.strip(), self.unit.strip())

    def with_changes(self, **changes: Any) -> Project:
        return replace(self, **changes)


PROJECT_FIELDS = tuple(f.name for f in fields(Project))

# ``Project.extra`` keys written by the list import.
EXTRA_ABSENT = "_absent"  # fields the imported list had no column for (never read as 0 / 否)
EXTRA_DONE_DATE = "实际完成日期"  # from a 实际完成时间 column (derives 已完成 and 按期完成)

# What a derived rate needs, the column that supplies it and the column's header.
NEEDS = {
    SOURCE_FUNDS_IN_PLACE: ("funds_in_place", "到位资金"),
    SOURCE_BUDGET_EXECUTION: ("paid", "实际支付"),
    SOURCE_COMPLETION: ("completed", "已完成（或 是否完成 / 实际完成时间）"),
    SOURCE_ACCEPTANCE: ("accepted", "已验收（或 验收情况）"),
}


def absent_fields(project: Project) -> set[str]:
    """Fields the project's list did not supply (a value typed later makes them present)."""
    absent = project.extra.get(EXTRA_ABSENT) or ()
    out = set()
    for name in absent if isinstance(absent, list) else ():
        value = getattr(project, name, None)
        # A number typed in the registry later makes the field present again.
        if not (isinstance(value, Decimal) and value != 0):
            out.add(name)
    return out


def validate_project(project: Project) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Return (errors, warnings) as (field, Chinese message) pairs."""
    errors: list[tuple[str, str]] = []
    warnings: list[tuple[str, str]] = []
    if not project.name.strip():
        errors.append(("name", "项目名称不能为空"))
    if not project.unit.strip():
        errors.append(("unit", "建设单位不能为空"))
    for name, label in (
        ("budget", "预算金额"),
        ("adjusted_budget", "调整后预算"),
        ("funds_in_place", "到位资金"),
        ("paid", "实际支付"),
    ):
        value = getattr(project, name)
        if value is not None and value < 0:
            errors.append((name, f"{label}不能为负数"))
    if project.status not in STATUSES:
        errors.append(("status", f"状态应为 {' / '.join(STATUSES)} 之一"))
    if project.paid > project.effective_adjusted_budget:
        warnings.append(("paid", "实际支付超过预算金额"))
    if project.funds_in_place > project.effective_adjusted_budget:
        warnings.append(("funds_in_place", "到位资金超过预算金额"))
    if project.completed and not project.planned_output:
        warnings.append(("completed", "标为已完成，但未标为计划产出"))
    if project.accepted and not project.acceptance_due:
        warnings.append(("accepted", "标为已验收，但未标为应验收"))
    return errors, warnings


@dataclass(frozen=True)
class RegistrySummary:
    """The numbers the score sheet takes from the registry, shown in its summary panel."""

    projects: int
    units: int
    budget: Decimal
    adjusted_budget: Decimal
    funds_in_place: Decimal
    paid: Decimal
    denominator: str
    scope_sampled: bool  # output rates over the 纳入抽查 projects only
    planned: int
    completed: int
    due: int
    accepted: int
    timed: int  # projects whose timeliness is assessed (按期完成 是/否)
    on_time: int
    # Rates that cannot be derived: source → why, naming the column that would supply it.
    absent: tuple[tuple[str, str], ...] = ()

    @property
    def execution_base(self) -> Decimal:
        return {
            DENOMINATOR_BUDGET: self.budget,
            DENOMINATOR_ADJUSTED: self.adjusted_budget,
            DENOMINATOR_IN_PLACE: self.funds_in_place,
        }[self.denominator]

    @staticmethod
    def _rate(num: Decimal | int, den: Decimal | int) -> Decimal | None:
        return Decimal(num) / Decimal(den) if den else None

    def derivable(self, source: str) -> bool:
        """False when the lists never gave the data the rate needs (absent is not zero)."""
        return source not in dict(self.absent)

    @property
    def execution_rate(self) -> Decimal | None:
        if not self.derivable(SOURCE_BUDGET_EXECUTION):
            return None
        return self._rate(self.paid, self.execution_base)

    @property
    def funds_in_place_rate(self) -> Decimal | None:
        if not self.derivable(SOURCE_FUNDS_IN_PLACE):
            return None
        return self._rate(self.funds_in_place, self.budget)

    @property
    def completion_rate(self) -> Decimal | None:
        if not self.derivable(SOURCE_COMPLETION):
            return None
        return self._rate(self.completed, self.planned)

    @property
    def acceptance_rate(self) -> Decimal | None:
        if not self.derivable(SOURCE_ACCEPTANCE):
            return None
        return self._rate(self.accepted, self.due)

    @property
    def timeliness_rate(self) -> Decimal | None:
        return self._rate(self.on_time, self.timed)

    def derived_inputs(self) -> dict[str, dict[str, str]]:
        """Inputs for rules with a ``source``; an empty registry derives nothing."""
        if not self.projects:
            return {}
        out: dict[str, dict[str, str]] = {}
        absent = dict(self.absent)

        def put(key: str, num: Decimal | int, den: Decimal | int) -> None:
            # Absent is not zero: a rate whose data the lists never gave is "not derivable",
            # shown as 未录入 with the reason, never 0% with a deduction.
            if key in absent:
                out[key] = {"absent": absent[key]}
            elif den:
                out[key] = {"numerator": str(num), "denominator": str(den)}

        put(SOURCE_FUNDS_IN_PLACE, self.funds_in_place, self.budget)
        put(SOURCE_BUDGET_EXECUTION, self.paid, self.execution_base)
        put(SOURCE_COMPLETION, self.completed, self.planned)
        put(SOURCE_ACCEPTANCE, self.accepted, self.due)
        put(SOURCE_TIMELINESS, self.on_time, self.timed)
        return out

    def describe(self) -> list[tuple[str, str]]:
        def pct(r: Decimal | None) -> str:
            return fmt_pct(r) if r is not None else "—"

        absent = dict(self.absent)
        if absent:
            rows = self._describe(pct)
            for i, (label, _) in enumerate(rows):
                source = _LABEL_SOURCES.get(label)
                if source in absent:
                    rows[i] = (label, f"未录入（{absent[source]}）")
            return rows
        return self._describe(pct)

    def _describe(self, pct: Any) -> list[tuple[str, str]]:
        return [
            ("项目数", str(self.projects)),
            ("建设单位数", str(self.units)),
            ("预算合计（万元）", fmt_money(self.budget)),
            ("实际支付合计（万元）", fmt_money(self.paid)),
            ("预算执行率", pct(self.execution_rate)),
            ("计划完成率", f"{pct(self.completion_rate)}（{self.completed}/{self.planned}）"),
            ("验收合格率", f"{pct(self.acceptance_rate)}（{self.accepted}/{self.due}）"),
            ("完成及时率", f"{pct(self.timeliness_rate)}（{self.on_time}/{self.timed}）"),
        ]


_LABEL_SOURCES = {
    "预算执行率": SOURCE_BUDGET_EXECUTION,
    "计划完成率": SOURCE_COMPLETION,
    "验收合格率": SOURCE_ACCEPTANCE,
}


def _absent_reasons(items: list[Project], scope: list[Project]) -> tuple[tuple[str, str], ...]:
    out = []
    for source, (name, header) in NEEDS.items():
        pool = items if name in ("funds_in_place", "paid") else scope
        lacking = sum(1 for p in pool if name in absent_fields(p))
        if lacking:
            out.append(
                (
                    source,
                    f"无法从项目登记计算：{lacking} 个项目没有“{header.split('（')[0]}”数据，"
                    f"请导入含“{header}”列的清单或在项目登记中填写",
                )
            )
    return tuple(out)


def summarize(
    projects: Iterable[Project], denominator: str = DENOMINATOR_BUDGET
) -> RegistrySummary:
    """Sum money over all projects; count output flags over the 纳入抽查 projects when any
    are sampled (the seed checks 16 of 40 on site), else over all of them."""
    items = list(projects)
    sampled = [p for p in items if p.sampled]
    scope = sampled or items
    return RegistrySummary(
        projects=len(items),
        units=len({p.unit.strip() for p in items if p.unit.strip()}),
        budget=sum((p.budget for p in items), ZERO),
        adjusted_budget=sum((p.effective_adjusted_budget for p in items), ZERO),
        funds_in_place=sum((p.funds_in_place for p in items), ZERO),
        paid=sum((p.paid for p in items), ZERO),
        denominator=denominator if denominator in DENOMINATORS else DENOMINATOR_BUDGET,
        scope_sampled=bool(sampled),
        planned=sum(1 for p in scope if p.planned_output),
        completed=sum(1 for p in scope if p.planned_output and p.completed),
        due=sum(1 for p in scope if p.acceptance_due),
        accepted=sum(1 for p in scope if p.acceptance_due and p.accepted),
        timed=sum(1 for p in scope if p.on_time is not None),
        on_time=sum(1 for p in scope if p.on_time),
        absent=_absent_reasons(items, scope),
    )


def rate_text(rate: Decimal | None) -> str:
    return fmt_pct(q_rate(rate)) if rate is not None else "—"
