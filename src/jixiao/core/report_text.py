"""Drafts, rendering and checks of the 绩效自评价报告. Pure: no Qt, no SQL.

The program's draft of each section follows the seed report's wording, with its figures as
references (``{{预算执行率}}``) resolved by ``report_figures`` against the current data; a figure
typed by hand is checked against the data it was written with.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from jixiao.core.evaluate import STATUS_ERROR, STATUS_MISSING, STATUS_OVERRIDDEN, STATUS_SCORED
from jixiao.core.numbers import fmt_points
from jixiao.core.report_figures import (
    Figure,
    available_figures,
    batches,
    figures,
    lookup,
)
from jixiao.core.report_model import (
    OUTLINE,
    Finding,
    Paragraph,
    RenderedSection,
    Report,
    ReportFacts,
    Segment,
    StoredSection,
    chinese_number,
    heading_level,
)

REFERENCE = re.compile(r"\{\{\s*([^{}]+?)\s*\}\}")
__all__ = ["available_figures", "build_report", "draft", "figures", "problem_draft", "snapshot"]


# ------------------------------------------------------------------------------ drafts
FUNDS_SENTENCE = (
    "{{年度}}年{{资金简称}}安排预算{{预算}}万元，截至{{年度}}年12月31日实际支付项目资金"
    "{{实际支付}}万元，预算执行率{{预算执行率}}。"
)
CONCLUSION_SENTENCE = (
    "经综合评定，{{年度}}年{{资金名称}}综合评价绩效得分{{综合得分}}分，等级为“{{等级}}”。"
)
INDICATOR_SENTENCE = (
    "本次绩效自评价采用定量指标与定性指标相结合，从{{一级指标名称}}等维度设计指标、评价标准"
    "以及指标权重，形成了绩效评价指标体系，包括{{一级指标数}}个一级指标、{{二级指标数}}个二级"
    "指标和{{三级指标数}}个三级指标。重点在{{产出效益指标}}上，权重达{{产出效益权重}}。"
)
SURVEY_SENTENCE = (
    "评价组发放满意度调查问卷，共收回答卷{{答卷份数}}份，有效回答{{有效回答数}}份，"
    "其中满意{{满意回答数}}份，满意度为{{满意度}}。"
)
EVIDENCE_SENTENCE = (
    "评价组对照评分表逐项梳理佐证材料，应提供{{佐证材料应提供数}}项，已提供"
    "{{佐证材料已提供数}}项，佐证完整率为{{佐证完整率}}。"
)
PROJECTS_SENTENCE = (
    "{{年度}}年{{资金名称}}安排{{项目数}}个项目，涉及{{建设单位数}}个主体建设单位。目前"
    "{{运行项目数}}个项目基本投入运行或处于试运行，其中有{{验收项目数}}个项目通过验收，"
    "{{试运行未验收数}}个项目处于试运行阶段尚未组织验收。"
)
BATCH_SENTENCE = "{{年度}}年{{资金简称}}分{{批次数}}批下达项目计划，投资金额分别为{{各批次金额}}。"
ONE_BATCH_SENTENCE = "{{年度}}年{{资金简称}}安排项目资金{{预算}}万元。"
PREAMBLE = (
    "为强化财政支出预算管理，考核项目资金预期绩效目标的实现程度、支出效率和综合效果，总结经验，"
    "分析存在的问题，进一步提高资金使用绩效，{{评价单位}}对{{年度}}年度{{资金名称}}进行了"
    "绩效自评价。现将评价情况报告如下："
)
SUMMARY_SENTENCE = (
    "经评价，{{年度}}年度{{资金名称}}的实施取得一定成效，目前{{运行项目数}}个项目基本投入运行"
    "或处于试运行。评价共设{{三级指标数}}个三级指标，其中{{扣分指标数}}个指标有扣分，"
    "合计扣{{合计扣分}}分。"
)


def problem_draft(facts: ReportFacts) -> str:
    """Section 四 starts from the deductions: one problem heading per 扣分原因."""
    scored = (STATUS_SCORED, STATUS_OVERRIDDEN)
    items = [
        i for i in facts.sheet.indicators if i.status in scored and i.score < i.weight and i.reason
    ]
    unscored = sum(1 for i in facts.sheet.indicators if i.status in (STATUS_MISSING, STATUS_ERROR))
    lines = []
    if unscored:  # not a problem of the project: the sheet is not finished yet
        lines.append(f"（评分表尚有{unscored}项指标未录入或录入有误，录入后本节按扣分列出问题。）")
    if not items:
        return "\n".join(lines) or "评分表各项指标均得满分，未发现需要说明的问题。"
    for n, item in enumerate(items, start=1):
        lines.append(f"（{chinese_number(n)}）{{{{问题:{item.code}}}}}")
        lines.append(
            f"“{{{{指标:{item.code}}}}}”指标权重{{{{权重:{item.code}}}}}分，得分"
            f"{{{{得分:{item.code}}}}}分，扣{{{{扣分:{item.code}}}}}分。问题表现及原因分析："
        )
    return "\n".join(lines)


def draft(key: str, facts: ReportFacts) -> str:
    """The program's text of a section until the person edits it."""
    if key == "0":
        return PREAMBLE
    if key == "1.1.2":
        return PROJECTS_SENTENCE
    if key == "1.1.3.1":
        return BATCH_SENTENCE if len(batches(facts)) > 1 else ONE_BATCH_SENTENCE
    if key == "1.1.3.2":
        return FUNDS_SENTENCE
    if key == "2.1":
        return SUMMARY_SENTENCE
    if key == "2.2":
        return CONCLUSION_SENTENCE
    if key == "4":
        return problem_draft(facts)
    if key == "6.1":
        return INDICATOR_SENTENCE
    if key == "6.2":
        parts = [SURVEY_SENTENCE] if facts.survey is not None and facts.survey.valid else []
        if facts.evidence is not None and facts.evidence.required:
            parts.append(EVIDENCE_SENTENCE)
        return "\n".join(parts)
    if key == "7":
        return "附件：{{评分表标题}}"
    return ""


# ------------------------------------------------------------------------------ rendering
def references(text: str) -> list[str]:
    return [m.group(1).strip() for m in REFERENCE.finditer(text)]


def render_paragraph(line: str, facts: ReportFacts, table: Mapping[str, Figure]) -> Paragraph:
    segments: list[Segment] = []
    pos = 0
    for match in REFERENCE.finditer(line):
        if match.start() > pos:
            segments.append(Segment(line[pos : match.start()]))
        fig = lookup(match.group(1).strip(), table, facts)
        if fig.value is None:
            segments.append(Segment(f"【{fig.note or '无数据'}】", fig.key, missing=True))
        else:
            segments.append(Segment(fig.value, fig.key))
        pos = match.end()
    if pos < len(line):
        segments.append(Segment(line[pos:]))
    return Paragraph(tuple(segments), heading_level("".join(s.text for s in segments)))


def mark_stale(para: Paragraph, literals: set[str]) -> Paragraph:
    """Split typed text so each stale figure is a segment of its own (shown marked)."""
    if not literals:
        return para
    alternatives = "|".join(re.escape(x) for x in sorted(literals, key=len, reverse=True))
    pattern = re.compile(r"(?<![\d.,])(?:" + alternatives + r")(?![\d.]?\d)")
    out: list[Segment] = []
    for seg in para.segments:
        if seg.figure:
            out.append(seg)
            continue
        pos = 0
        for m in pattern.finditer(seg.text):
            if m.start() > pos:
                out.append(Segment(seg.text[pos : m.start()]))
            out.append(Segment(m.group(0), stale=True))
            pos = m.end()
        if pos < len(seg.text):
            out.append(Segment(seg.text[pos:]))
    return Paragraph(tuple(out), para.heading_level)


def snapshot(text: str, facts: ReportFacts, table: Mapping[str, Figure]) -> dict[str, str]:
    """The figure values a text was written against (kept with it when the person saves)."""
    values = {k: f.value for k, f in table.items() if f.value is not None and f.unit}
    for item in facts.sheet.indicators:
        if item.score < item.weight:
            values[f"扣分:{item.code}"] = fmt_points(item.deduction)
    values.update(
        {k: f.value for k in references(text) if (f := lookup(k, table, facts)).value is not None}
    )
    for key in (
        "预算执行率",
        "资金到位率",
        "计划完成率",
        "验收合格率",
        "完成及时率",
        "满意度",
        "佐证完整率",
        "产出效益权重",
        "等级",
    ):
        fig = table.get(key)
        if fig is not None and fig.value is not None:
            values[key] = fig.value
    return values


# Figures typed by hand next to their name: "预算执行率 94.34%", "综合评价绩效得分90.23分".
_NUM = r"(\d[\d,]*(?:\.\d+)?%?)"
_LINK = r"\s*(?:为|达|达到|是|：|:)?\s*"
LABELLED = {
    "预算执行率": re.compile(r"预算执行率" + _LINK + r"(\d+(?:\.\d+)?%)"),
    "资金到位率": re.compile(r"资金到位率" + _LINK + r"(\d+(?:\.\d+)?%)"),
    "计划完成率": re.compile(r"计划完成率" + _LINK + r"(\d+(?:\.\d+)?%)"),
    "验收合格率": re.compile(r"验收合格率" + _LINK + r"(\d+(?:\.\d+)?%)"),
    "完成及时率": re.compile(r"完成及时率" + _LINK + r"(\d+(?:\.\d+)?%)"),
    "满意度": re.compile(r"满意度" + _LINK + r"(\d+(?:\.\d+)?%)"),
    "综合得分": re.compile(
        r"(?:综合评价绩效得分|综合得分|绩效得分)" + _LINK + r"(\d+(?:\.\d+)?)\s*分"
    ),
    "实际支付": re.compile(r"实际支付(?:项目)?资金" + _LINK + r"(\d[\d,]*(?:\.\d+)?)\s*万元"),
}


def _same_number(a: str, b: str) -> bool:
    try:
        return Decimal(a.replace(",", "").rstrip("%")) == Decimal(b.replace(",", "").rstrip("%"))
    except ArithmeticError:
        return a == b


def _literal_pattern(value: str, unit: str) -> re.Pattern[str]:
    number = re.escape(value)
    if "," in value:  # 17,641.06 typed as 17641.06 is the same figure
        number = "(?:" + number + "|" + re.escape(value.replace(",", "")) + ")"
    tail = r"(?![\d.]?\d)"
    if value.isdigit():  # a bare count only where it counts something: "16 个"
        tail += r"(?=\s*(?:" + (re.escape(unit) if unit else "个") + "))"
    return re.compile(r"(?<![\d.,])" + number + tail)


def check_text(
    key: str,
    text: str,
    saved: Mapping[str, str],
    facts: ReportFacts,
    table: Mapping[str, Figure],
) -> list[Finding]:
    """Flag references without data and figures typed by hand that no longer match the data."""
    findings: list[Finding] = []
    for ref in dict.fromkeys(references(text)):
        fig = lookup(ref, table, facts)
        if fig.value is None:
            findings.append(Finding(key, f"“{{{{{ref}}}}}”：{fig.note or '没有数据'}", ref))
    literal = REFERENCE.sub("\u2063", text)  # typed text only; references are always current
    flagged: set[tuple[str, str]] = set()

    def flag(ref: str, old: str, new: str, label: str) -> None:
        if (ref, old) in flagged:
            return
        flagged.add((ref, old))
        message = f"报告中的 {old} 与当前数据 {new} 不一致（{label}）"
        findings.append(Finding(key, message, ref, literal=old))

    for ref, old in saved.items():
        fig = lookup(ref, table, facts)
        if fig.value is None or fig.value == old or not any(ch.isdigit() for ch in old):
            continue
        if _literal_pattern(old, fig.unit).search(literal):
            flag(ref, old, fig.value, fig.label)
    for ref, pattern in LABELLED.items():
        labelled = table.get(ref)
        if labelled is None or labelled.value is None:
            continue
        for match in pattern.finditer(literal):
            typed = match.group(1)
            if not _same_number(typed, labelled.value):
                flag(ref, typed, labelled.value, labelled.label)
    return findings


def build_report(stored: list[StoredSection], facts: ReportFacts, title: str = "") -> Report:
    """Resolve every section against the current data: the report as it would be exported."""
    table = figures(facts)
    by_key = {s.key: s for s in stored}
    sections: list[RenderedSection] = []
    for spec in OUTLINE:
        row = by_key.get(spec.key)
        text = row.text if row is not None and row.text is not None else draft(spec.key, facts)
        drafted = row is None or row.text is None
        saved = row.snapshot if row is not None and row.text is not None else {}
        heading = row.heading if row is not None and row.heading else spec.heading
        found = [
            replace(f, heading=heading) for f in check_text(spec.key, text, saved, facts, table)
        ]
        stale = {f.literal for f in found if f.literal}
        paragraphs = tuple(
            mark_stale(render_paragraph(line, facts, table), stale)
            for line in text.split("\n")
            if line.strip()
        )
        sections.append(
            RenderedSection(spec.key, spec.level, heading, paragraphs, drafted, tuple(found))
        )
    return Report(
        title or f"{facts.year}年{facts.fund}绩效自评价报告",
        tuple(sections),
        facts.sheet,
        facts.sheet_title,
        facts.system,
    )
