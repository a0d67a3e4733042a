"""Evidence statuses and coverage (佐证完整率): pure functions, no Qt, no SQL."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core import evidence as core
from jixiao.core.evidence import (
    STATUS_MISSING,
    STATUS_NA,
    STATUS_PROVIDED,
    Coverage,
    EvidenceError,
    EvidenceItem,
)
from jixiao.importers import template_library


def make(code: str, status: str, n: int = 1, reason: str = "") -> list[EvidenceItem]:
    return [
        EvidenceItem(id=0, code=code, ord=i, name=f"{code}-{i}", status=status, na_reason=reason)
        for i in range(n)
    ]


def test_overall_coverage_38_of_42_is_90_48_percent_and_na_leaves_the_denominator() -> None:
    items = (
        make("A11", STATUS_PROVIDED, 38)
        + make("A12", STATUS_MISSING, 4)
        + make("A12", STATUS_NA, 3, "无")
    )
    cov = core.coverage(items)
    assert (cov.provided, cov.required, cov.na, cov.missing) == (38, 42, 3, 4)
    assert cov.rate == Decimal("0.9048")  # 0.904761… rounded half-up at 4 places
    assert cov.text() == "38/42 = 90.48%"


def test_rate_rounds_half_up_not_to_even() -> None:
    # 1/8 = 0.125 exactly; shown with 4 decimals: 1/16 = 0.0625 → 6.25%, 1/32 = 0.03125 → 3.13%
    assert Coverage(1, 32).rate == Decimal("0.0313")
    assert Coverage(1, 32).percent_text() == "3.13%"
    assert Coverage(2, 3).text() == "2/3 = 66.67%"


def test_all_not_applicable_has_no_rate() -> None:
    cov = core.coverage(make("D41", STATUS_NA, 2, "未开展问卷"))
    assert cov.rate is None
    assert cov.text() == "0/0"
    assert cov.percent_text() == "—"


def test_coverage_by_code_and_by_tree_node() -> None:
    system = template_library.resolve("nanjing-2021")
    items = (
        make("A11", STATUS_PROVIDED, 2)
        + make("A11", STATUS_MISSING)
        + make("A12", STATUS_PROVIDED, 4)
    )
    per_code = core.coverage_by_code(items)
    assert per_code["A11"].fraction_text() == "2/3"
    per_node = core.coverage_by_node(system, items)
    assert per_node["A1"] == Coverage(6, 7, 0)  # level 2 sums its level-3 children
    assert per_node["A"] == Coverage(6, 7, 0)
    assert per_node["B12"] == Coverage()
    assert core.codes_with_missing(items) == {"A11"}


def test_not_applicable_needs_a_reason() -> None:
    with pytest.raises(EvidenceError, match="理由"):
        core.check_status(STATUS_NA, "  ")
    core.check_status(STATUS_NA, "本年度未立项")
    with pytest.raises(EvidenceError):
        core.check_status("done")


def test_parse_status_accepts_chinese_labels() -> None:
    assert core.parse_status("已提供") == STATUS_PROVIDED
    assert core.parse_status(" 不适用 ") == STATUS_NA
    assert core.parse_status("missing") == STATUS_MISSING
    with pytest.raises(EvidenceError):
        core.parse_status("完成")


def test_status_follows_attachments() -> None:
    assert core.status_after_attach(STATUS_MISSING) == STATUS_PROVIDED
    assert core.status_after_attach(STATUS_NA) == STATUS_NA
    assert core.status_after_last_file_removed(STATUS_PROVIDED) == STATUS_MISSING
    assert core.status_after_last_file_removed(STATUS_NA) == STATUS_NA


def test_default_items_come_from_the_template() -> None:
    system = template_library.resolve("nanjing-2021")
    defaults = core.default_items(system)
    a12 = [name for code, _, name in defaults if code == "A12"]
    assert a12 == ["项目申报书", "立项批复文件", "可行性研究报告", "专家论证意见"]
    assert {code for code, _, _ in defaults} == {node.code for node in system.leaves()}


def test_item_names_are_cleaned() -> None:
    assert core.clean_item_name("  验收\t报告 ") == "验收 报告"
    with pytest.raises(EvidenceError):
        core.clean_item_name("   ")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("验收报告.pdf", "验收报告.pdf"),
        ('a/b\\c:d*e?"f"<g>|h.docx', "a_b_c_d_e__f__g__h.docx"),
        ("CON.txt", "_CON.txt"),
        ("...", "未命名"),
        ("报告. ", "报告"),
    ],
)
def test_safe_file_name(name: str, expected: str) -> None:
    assert core.safe_file_name(name) == expected


def test_safe_file_name_limits_bytes_and_keeps_extension() -> None:
    long = "很长的文件名" * 30 + ".pdf"
    safe = core.safe_file_name(long)
    assert len(safe.encode("utf-8")) <= 240
    assert safe.endswith(".pdf")


def test_unique_name() -> None:
    taken = {"报告.pdf", "报告 (2).pdf"}
    assert core.unique_name("报告.pdf", taken) == "报告 (3).pdf"
    assert core.unique_name("REPORT", {"report"}) == "REPORT (2)"
    assert core.unique_name("新.pdf", taken) == "新.pdf"


def test_format_size() -> None:
    assert core.format_size(0) == "0 B"
    assert core.format_size(1536) == "1.5 KB"
    assert core.format_size(200 * 1024 * 1024) == "200.0 MB"
