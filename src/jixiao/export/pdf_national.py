"""The national 项目支出绩效自评表 layout (财预〔2020〕10号 附件): project and fund rows, then
一级 / 二级 / 三级指标 / 年度指标值 / 实际完成值 / 分值 / 得分 / 偏差原因分析及改进措施."""

from __future__ import annotations

import re
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from jixiao.core.evaluate import STATUS_MISSING, STATUS_NA, IndicatorScore
from jixiao.core.numbers import fmt2, fmt_pct
from jixiao.export.pdf_common import (
    GroupedTable,
    ReportData,
    Row,
    TextSink,
    _plain_table,
    fmt_plain,
)

COLUMNS = [
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
]
WIDTHS = [17, 19, 28, 15, 24, 10, 11, 56]


def actual_value(item: IndicatorScore) -> str:
    """实际完成值: the measured rate where there is one, else what the rule recorded."""
    if item.status == STATUS_NA:
        return "不适用"
    if item.status == STATUS_MISSING:
        return "未录入"
    detail = item.detail.strip()
    counted = re.fullmatch(r"(\d+) × .*分", detail)
    if counted:  # a deduction-per-occurrence rule: say how many shortfalls were found
        return "未发现问题" if counted.group(1) == "0" else f"发现问题 {counted.group(1)} 处"
    if "=" in detail:  # "17,641.06 / 18,700.00 = 94.34%": the result is the value
        return detail.rsplit("=", 1)[1].strip()
    if not detail and item.measured is not None and item.target.endswith("%"):
        return fmt_pct(item.measured)
    return detail or item.target or "—"


def story(data: ReportData, sink: TextSink, width: float) -> list[Flowable]:
    s = sink.styles
    sheet = data.sheet
    labels: dict[tuple[int, str], str] = {}
    for group in sheet.level1:
        labels[(0, group.code)] = f"{group.code} {group.name}"
    for group in sheet.level2:
        labels[(1, group.code)] = f"{group.code} {group.name}"
    rows: list[Row] = []
    for item in sheet.indicators:
        rows.append(
            Row(
                cells=[
                    "",
                    "",
                    sink.para(f"{item.code} {item.name}"),
                    sink.para(item.target, s.cell_center),
                    sink.para(actual_value(item), s.cell_center),
                    sink.para(fmt_plain(item.weight), s.cell_center),
                    sink.para(fmt_plain(item.score), s.cell_center),
                    sink.paras(item.reason),
                ],
                groups=(item.level1, item.level2 or item.code),
            )
        )
        if not item.level2:
            labels.setdefault((1, item.code), "")
    weight_total = sum((i.weight for i in sheet.indicators), start=Decimal(0))
    rows.append(
        Row(
            cells=[
                sink.para("总分", s.cell_center),
                "",
                "",
                "",
                "",
                sink.para(fmt_plain(weight_total), s.cell_center),
                sink.para(fmt_plain(sheet.total), s.cell_center),
                sink.para(f"自评等级：{sheet.grade}"),
            ],
            groups=(None, None),
            spans=[(0, 4)],
            shaded=True,
        )
    )

    info = [
        ["项目名称", data.fund or data.title],
        ["主管部门", data.unit or "（未填写）"],
        ["实施单位", data.unit or "（未填写）"],
    ]
    reg = data.registry
    if reg is not None:
        adjusted = reg.adjusted_budget if reg.adjusted_budget is not None else reg.budget
        rate = fmt_pct(reg.paid / adjusted) if adjusted else "—"
        info.append(
            [
                "项目资金（万元）",
                f"年初预算数 {fmt2(reg.budget)}；全年预算数 {fmt2(adjusted)}；"
                f"全年执行数 {fmt2(reg.paid)}；执行率 {rate}",
            ]
        )
    info_table = _plain_table(
        ["项目", "内容"], info, [width * 0.2, width * 0.8], sink, [s.cell_center, None]
    )

    widths = [width * w / sum(WIDTHS) for w in WIDTHS]
    header = [sink.para(text, s.header) for text in COLUMNS]
    return [
        sink.para("项目支出绩效自评表", s.title),
        sink.para(
            f"（{data.year}年度）　　评价日期：{data.export_date.year}年{data.export_date.month}月"
            f"{data.export_date.day}日",
            s.subtitle,
        ),
        info_table,
        Spacer(1, 4 * mm),
        GroupedTable(header, rows, widths, sink, labels=labels),
        Spacer(1, 2 * mm),
        sink.para(f"综合得分 {fmt2(sheet.total)} 分，等级为“{sheet.grade}”", s.result),
    ]
