"""The 绩效自评价报告 as data: the seed's outline, the facts its figures come from, and the
rendered report (paragraphs split into the person's text and the program's figures).

Pure: no Qt, no SQL. Section texts hold figure references such as ``{{预算执行率}}``; they are
resolved against the current data each time the report is shown or exported, so a changed
input changes every figure and leaves the person's prose around it as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.evaluate import ScoreSheet
from jixiao.core.model import IndicatorSystem
from jixiao.core.projects import Project, RegistrySummary


@dataclass(frozen=True)
class SectionSpec:
    key: str
    level: int  # 0 preamble (no heading), 1 一、, 2 （一）, 3 1、, 4 （1）
    heading: str


# The seed report's outline, in document order.
OUTLINE: tuple[SectionSpec, ...] = (
    SectionSpec("0", 0, ""),
    SectionSpec("1", 1, "一、项目基本情况"),
    SectionSpec("1.1", 2, "（一）项目概况"),
    SectionSpec("1.1.1", 3, "1、项目设立背景"),
    SectionSpec("1.1.2", 3, "2、项目实施情况"),
    SectionSpec("1.1.3", 3, "3、项目资金安排及使用情况"),
    SectionSpec("1.1.3.1", 4, "（1）项目资金安排情况"),
    SectionSpec("1.1.3.2", 4, "（2）项目资金使用情况"),
    SectionSpec("1.2", 2, "（二）项目绩效目标"),
    SectionSpec("2", 1, "二、综合评价情况及评价结论"),
    SectionSpec("2.1", 2, "（一）综合评价情况"),
    SectionSpec("2.2", 2, "（二）评价结论"),
    SectionSpec("3", 1, "三、项目成效"),
    SectionSpec("4", 1, "四、存在的问题及原因分析"),
    SectionSpec("5", 1, "五、下一步工作建议"),
    SectionSpec("6", 1, "六、绩效自评价工作开展情况及其他需说明的情况"),
    SectionSpec("6.1", 2, "（一）评价工作思路"),
    SectionSpec("6.2", 2, "（二）评价工作组织实施"),
    SectionSpec("6.3", 2, "（三）其他"),
    SectionSpec("7", 1, "七、附件"),
)
OUTLINE_KEYS = tuple(spec.key for spec in OUTLINE)
PREAMBLE_LABEL = "前言"


@dataclass(frozen=True)
class SurveyFacts:
    surveys: int  # 问卷份数 (imported survey files)
    names: tuple[str, ...]
    respondents: int  # 答卷份数
    valid: int  # 有效回答
    satisfied: int
    rate: Decimal | None


@dataclass(frozen=True)
class EvidenceFacts:
    provided: int
    required: int
    na: int
    rate: Decimal | None


@dataclass
class ReportFacts:
    """Everything a figure can be stated from, read from the evaluation file in one go."""

    fund: str
    year: int
    unit: str
    sheet_title: str
    system: IndicatorSystem
    sheet: ScoreSheet
    registry: RegistrySummary | None
    projects: list[Project] = field(default_factory=list)
    survey: SurveyFacts | None = None
    evidence: EvidenceFacts | None = None
    # The national form's header and date (主管部门, 实施单位, 评价日期), where filled in.
    form: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class StoredSection:
    """A section as kept in the file: ``text`` None means "the program's draft"."""

    key: str
    level: int
    heading: str
    text: str | None
    snapshot: dict[str, str] = field(default_factory=dict)  # figure values when last saved
    updated_at: str = ""
    updated_by: str = ""


@dataclass(frozen=True)
class Segment:
    text: str
    figure: str = ""  # the figure key when this text was generated from the data
    missing: bool = False  # a reference with no data (shown as 【…】)
    stale: bool = False  # a figure typed by hand that no longer matches the data


@dataclass(frozen=True)
class Paragraph:
    segments: tuple[Segment, ...]
    heading_level: int = 0  # a sub-heading typed inside a section ("（一）…", "1、…")

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


@dataclass(frozen=True)
class Finding:
    """Something the person should look at before filing (a stale figure, a missing datum)."""

    section: str
    message: str
    figure: str = ""
    heading: str = ""  # the section's heading, to name where the person should look
    literal: str = ""  # the typed figure that no longer matches

    @property
    def where(self) -> str:
        return self.heading or ("前言" if self.section == "0" else f"第 {self.section} 节")


@dataclass(frozen=True)
class RenderedSection:
    key: str
    level: int
    heading: str
    paragraphs: tuple[Paragraph, ...]
    drafted: bool  # still the program's draft (never edited)
    findings: tuple[Finding, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class Report:
    title: str
    sections: tuple[RenderedSection, ...]
    sheet: ScoreSheet
    sheet_title: str
    system: IndicatorSystem

    @property
    def findings(self) -> list[Finding]:
        return [f for s in self.sections for f in s.findings]

    def section(self, key: str) -> RenderedSection:
        return next(s for s in self.sections if s.key == key)

    def plain_text(self) -> str:
        lines = [self.title]
        for s in self.sections:
            if s.heading:
                lines.append(s.heading)
            lines.extend(p.text for p in s.paragraphs)
        return "\n".join(lines)


# A paragraph typed as a sub-heading: short, on its own line, numbered the official way.
_HEADING_PATTERNS = (
    (1, re.compile(r"^[一二三四五六七八九十]+、")),
    (2, re.compile(r"^（[一二三四五六七八九十]+）")),
    (3, re.compile(r"^\d+[、.．]")),
    (4, re.compile(r"^（\d+）")),
)
MAX_HEADING_CHARS = 40


def heading_level(text: str) -> int:
    """The outline level of a typed paragraph (0 = body text)."""
    stripped = text.strip()
    if not stripped or len(stripped) > MAX_HEADING_CHARS or stripped[-1] in "。；;：:":
        return 0
    for level, pattern in _HEADING_PATTERNS:
        if pattern.match(stripped):
            return level
    return 0


CHINESE_NUMERALS = "一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 → 一 … 10 → 十, 11 → 十一 … 99 (headings rarely go further)."""
    if n <= 10:
        return CHINESE_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CHINESE_NUMERALS[tens - 1]
    return head + "十" + (CHINESE_NUMERALS[ones - 1] if ones else "")
