"""Every figure the 绩效自评价报告 can state, computed in one place from ``ReportFacts``.

A section text refers to a figure by its key, ``{{预算执行率}}``, or per indicator of the score
sheet, ``{{问题:B12}}``. When the data behind a figure moves (a new denominator setting, the
national form's fields), this is the module to change. Pure: no Qt, no SQL.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.numbers import HUNDRED, ZERO, fmt2, fmt_money, fmt_pct, fmt_points, q2
from jixiao.core.projects import DENOMINATOR_IN_PLACE
from jixiao.core.report_model import ReportFacts, chinese_number

RUNNING_STATUSES = ("试运行", "已验收", "投入运行")
OUTPUT_WORDS = ("产出", "效益", "绩效")
PER_INDICATOR = ("指标", "问题", "扣分原因", "得分", "权重", "扣分")


@dataclass(frozen=True)
class Figure:
    key: str
    label: str  # what it is, shown in the figure menu and in findings
    value: str | None  # None: the data is not there (yet)
    unit: str = ""  # what follows the figure in a sentence (万元, 个, 分), for literal checks
    note: str = ""  # why there is no value


# ------------------------------------------------------------------------------ figures
def _pct_plain(ratio: Decimal) -> str:
    """70% rather than 70.00% (the seed writes the weight share that way)."""
    text = f"{q2(ratio * HUNDRED):.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _join(items: list[str]) -> str:
    """a、b和c — the Chinese list with 和 before the last item."""
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + "和" + items[-1]


def batches(facts: ReportFacts) -> list[tuple[str, Decimal]]:
    """Budget per 批次 (the 文号 of each 项目计划), in the order the batches first appear."""
    out: dict[str, Decimal] = {}
    for project in facts.projects:
        name = project.batch.strip()
        if name:
            out[name] = out.get(name, ZERO) + project.budget
    return list(out.items())


def output_share(facts: ReportFacts) -> tuple[list[str], Decimal | None]:
    """The level-1 indicators about outputs and benefits (产出, 效益/绩效), and their share of
    the weight."""
    roots = facts.system.roots
    total = sum((r.weight for r in roots), ZERO)
    chosen = [r for r in roots if any(word in r.name for word in OUTPUT_WORDS)]
    if not chosen or not total:
        return [], None
    return [r.name for r in chosen], sum((r.weight for r in chosen), ZERO) / total


def figures(facts: ReportFacts) -> dict[str, Figure]:
    """Every figure the report can state, by key (the lookups are all here)."""
    out: dict[str, Figure] = {}

    def put(key: str, label: str, value: str | None, unit: str = "", note: str = "") -> None:
        out[key] = Figure(key, label, value, unit, note)

    fund_short = facts.fund[:-2] if facts.fund.endswith("资金") else facts.fund
    put("年度", "评价年度", str(facts.year), "年")
    put("资金名称", "资金名称", facts.fund)
    put("资金简称", "资金简称（不含“资金”）", fund_short)
    put("评价单位", "评价单位", facts.unit or None, note="评价单位未填写")
    put("评分表标题", "评分表标题", facts.sheet_title)
    for key in ("主管部门", "实施单位", "评价日期"):
        put(key, key, facts.form.get(key) or None, note=f"{key}未填写（文件 → 评价属性）")

    reg = facts.registry
    no_projects = "尚未登记项目"
    if reg is not None and reg.projects:
        put("项目数", "项目数", str(reg.projects), "个")
        put("建设单位数", "建设单位数", str(reg.units), "个")
        # 预算 is what the execution rate divides by (年初 or 全年预算, the file's 执行率口径),
        # so "安排预算X万元……预算执行率Y" always agrees with itself.
        base = reg.budget if reg.denominator == DENOMINATOR_IN_PLACE else reg.execution_base
        put("预算", "预算合计（万元，执行率口径）", fmt_money(base), "万元")
        put("年初预算", "年初预算合计（万元）", fmt_money(reg.budget), "万元")
        put("全年预算", "全年（调整后）预算合计（万元）", fmt_money(reg.adjusted_budget), "万元")
        put("实际支付", "实际支付合计（万元）", fmt_money(reg.paid), "万元")
        put("到位资金", "到位资金合计（万元）", fmt_money(reg.funds_in_place), "万元")
        for key, label, rate in (
            ("预算执行率", "预算执行率", reg.execution_rate),
            ("资金到位率", "预算资金到位率", reg.funds_in_place_rate),
            ("计划完成率", "计划完成率", reg.completion_rate),
            ("验收合格率", "项目验收合格率", reg.acceptance_rate),
            ("完成及时率", "项目完成及时率", reg.timeliness_rate),
        ):
            put(key, label, fmt_pct(rate) if rate is not None else None, "", "没有可计算的项目")
        running = [p for p in facts.projects if p.status in RUNNING_STATUSES]
        put("运行项目数", "投入运行或试运行的项目数", str(len(running)), "个")
        put(
            "验收项目数",
            "通过验收的项目数",
            str(sum(1 for p in facts.projects if p.accepted)),
            "个",
        )
        trial = [p for p in facts.projects if p.status == "试运行" and not p.accepted]
        put("试运行未验收数", "试运行、尚未验收的项目数", str(len(trial)), "个")
        put(
            "在建项目数",
            "在建项目数",
            str(sum(1 for p in facts.projects if p.status == "在建")),
            "个",
        )
        groups = batches(facts)
        put(
            "批次数", "项目计划批次数", str(len(groups)) if groups else None, "批", "项目未填写批次"
        )
        put(
            "各批次金额",
            "各批次投资金额",
            _join([f"{fmt_money(v)}万元" for _, v in groups]) if groups else None,
            note="项目未填写批次",
        )
        put("各批次文号", "各批次文号", _join([n for n, _ in groups]) if groups else None)
        for index, (name, value) in enumerate(groups, start=1):
            put(
                f"第{chinese_number(index)}批金额",
                f"第{chinese_number(index)}批（{name}）投资金额",
                fmt_money(value),
                "万元",
            )
    else:
        for key in (
            "项目数",
            "建设单位数",
            "预算",
            "实际支付",
            "预算执行率",
            "运行项目数",
            "验收项目数",
            "试运行未验收数",
            "批次数",
            "各批次金额",
        ):
            put(key, key, None, note=no_projects)

    sheet = facts.sheet
    put("综合得分", "综合评价绩效得分", fmt2(sheet.total), "分")
    put("等级", "评价等级", sheet.grade)
    deducted = [i for i in sheet.indicators if i.score < i.weight]
    put("扣分指标数", "有扣分的三级指标数", str(len(deducted)), "个")
    put("合计扣分", "合计扣分", fmt_points(sum((i.deduction for i in deducted), ZERO)), "分")

    levels = {1: 0, 2: 0, 3: 0}
    for level, _node, _ in facts.system.walk():
        if level in levels:
            levels[level] += 1
    put("一级指标数", "一级指标数", str(levels[1]), "个")
    put("二级指标数", "二级指标数", str(levels[2]), "个")
    put("三级指标数", "三级指标数", str(len(facts.system.leaves())), "个")
    put("一级指标名称", "一级指标名称", _join([r.name for r in facts.system.roots]))
    names, share = output_share(facts)
    put(
        "产出效益指标",
        "产出、效益类一级指标",
        _join([f"“{n}”" for n in names]) or None,
        note="没有名称含“产出”“效益”“绩效”的一级指标",
    )
    put(
        "产出效益权重",
        "产出、效益类指标权重合计",
        _pct_plain(share) if share is not None else None,
        note="没有名称含“产出”“效益”“绩效”的一级指标",
    )

    survey = facts.survey
    no_survey = "尚未导入满意度问卷"
    if survey is not None and survey.valid:
        put("问卷数", "满意度问卷数", str(survey.surveys), "份")
        put("问卷名称", "满意度问卷名称", "、".join(survey.names))
        put("答卷份数", "收回答卷份数", str(survey.respondents), "份")
        put("有效回答数", "有效回答数", str(survey.valid), "份")
        put("满意回答数", "满意回答数", str(survey.satisfied), "份")
        put("满意度", "满意度", fmt_pct(survey.rate) if survey.rate is not None else None)
    else:
        for key in ("问卷数", "答卷份数", "有效回答数", "满意回答数", "满意度"):
            put(key, key, None, note=no_survey)

    ev = facts.evidence
    if ev is not None:
        put("佐证材料应提供数", "应提供的佐证材料项数", str(ev.required), "项")
        put("佐证材料已提供数", "已提供的佐证材料项数", str(ev.provided), "项")
        put("佐证材料缺失数", "缺失的佐证材料项数", str(ev.required - ev.provided), "项")
        put(
            "佐证完整率",
            "佐证完整率",
            fmt_pct(ev.rate) if ev.rate is not None else None,
            note="没有适用的佐证材料",
        )
    return out


def indicator_figure(facts: ReportFacts, name: str, code: str) -> Figure:
    """``{{问题:B12}}`` and its kind: per-indicator figures of the score sheet."""
    key = f"{name}:{code}"
    item = facts.sheet.by_code().get(code)
    if item is None:
        return Figure(key, key, None, note=f"指标体系中没有三级指标 {code}")
    label = f"{code} {item.name}"
    if name == "指标":
        return Figure(key, label, f"{item.code} {item.name}")
    if name == "得分":
        return Figure(key, f"{label}得分", fmt_points(item.score), "分")
    if name == "权重":
        return Figure(key, f"{label}权重", fmt_points(item.weight), "分")
    if item.score >= item.weight:
        return Figure(key, label, None, note=f"指标 {label} 已无扣分，相关问题可删除")
    if name == "扣分":
        return Figure(key, f"{label}扣分", fmt_points(item.deduction), "分")
    if name == "扣分原因":
        return Figure(key, f"{label}扣分原因", item.reason)
    return Figure(key, f"{label}存在的问题", problem_stem(item.reason) or item.name)


def problem_stem(reason: str) -> str:
    """ "部分绩效目标不可衡量，扣 0.5 分。" → "部分绩效目标不可衡量"."""
    text = re.sub(r"[，,]?\s*扣\s*[\d.]+\s*分[。.]?\s*$", "", reason.strip())
    return text.rstrip("，,。. ")


def lookup(key: str, table: Mapping[str, Figure], facts: ReportFacts) -> Figure:
    if key in table:
        return table[key]
    name, _, arg = key.partition(":")
    if arg and name in PER_INDICATOR:
        return indicator_figure(facts, name, arg.strip())
    return Figure(key, key, None, note=f"没有名为“{key}”的数据")


def available_figures(facts: ReportFacts) -> list[Figure]:
    """What the editor offers to insert, with the current values."""
    return list(figures(facts).values())
