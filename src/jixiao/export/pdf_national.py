"""The national 项目支出绩效自评表 layout (财预〔2020〕10号 附件2), as units file it:

  项目支出绩效自评表 / （YYYY年度）
  项目名称 | 主管部门 · 实施单位 | 项目负责人 · 联系电话 (when given)
  项目资金（万元 or 元）: 年度资金总额 / 其中：当年财政拨款 / 上年结转资金 / 其他资金 ×
      年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分 — the budget-execution
      indicator lives here, not as a row of the indicator table
  年度总体目标: 预期目标 / 实际完成情况
  一级 / 二级 / 三级指标 / 年度指标值 / 实际完成值 / 分值 / 得分 / 偏差原因分析及改进措施
  总分 | 100 | score

Codes (C11) are printed only when asked (ExportOptions.codes); the form has none.
"""

from __future__ import annotations

import re
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from jixiao.core.evaluate import STATUS_MISSING, STATUS_NA, IndicatorScore
from jixiao.core.national_form import FundTable, chinese_date
from jixiao.core.numbers import fmt2, fmt_money, fmt_pct
from jixiao.core.projects import SOURCE_BUDGET_EXECUTION
from jixiao.export.pdf_common import (
    GroupedTable,
    ReportData,
    Row,
    TextSink,
    fmt_plain,
    info_line,
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
WIDTHS = [19, 21, 26, 15, 20, 9, 13, 57]
HEADER_WIDTHS = [16, 34, 16, 34]  # label, value, label, value
FUND_WIDTHS = [16, 24, 17, 17, 17, 9, 12, 10]
GOAL_WIDTHS = [16, 42, 42]
DASH = "—"
GRID = colors.black
SHADE = colors.HexColor("#EDEDED")


def actual_value(item: IndicatorScore) -> str:
    """实际完成值 when the unit wrote none: the measured rate, else what the rule recorded."""
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
    return detail or item.target or DASH


def execution_item(data: ReportData) -> IndicatorScore | None:
    """The budget-execution indicator, printed in the 项目资金 block instead of as a row."""
    nodes = data.system.by_code()
    for item in data.sheet.indicators:
        node = nodes.get(item.code)
        if (
            node is not None
            and node.rule is not None
            and node.rule.source == SOURCE_BUDGET_EXECUTION
        ):
            return item
    return None


def _grid(extra: list[tuple] | None = None) -> TableStyle:
    return TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.6, GRID),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            *(extra or []),
        ]
    )


def _widths(parts: list[int], width: float) -> list[float]:
    return [width * p / sum(parts) for p in parts]


def header_table(data: ReportData, sink: TextSink, width: float) -> Table:
    s = sink.styles
    form = data.form
    c = s.cell_center

    def label(text: str):
        return sink.para(text, c)

    supervisor = form.text("主管部门") or data.unit
    implementer = form.text("实施单位") or data.unit
    rows = [
        [label("项目名称"), sink.para(data.fund or data.title), "", ""],
        [label("主管部门"), sink.para(supervisor), label("实施单位"), sink.para(implementer)],
    ]
    if form.text("项目负责人") or form.text("联系电话"):
        rows.append(
            [
                label("项目负责人"),
                sink.para(form.text("项目负责人")),
                label("联系电话"),
                sink.para(form.text("联系电话")),
            ]
        )
    table = Table(rows, colWidths=_widths(HEADER_WIDTHS, width))
    table.setStyle(_grid([("SPAN", (1, 0), (3, 0))]))
    return table


def _money(value: Decimal | None) -> str:
    return "" if value is None else fmt_money(value)


def fund_block(
    data: ReportData, funds: FundTable, item: IndicatorScore | None, sink: TextSink, width: float
) -> Table:
    c = sink.styles.cell_center
    head = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    rows: list[list[object]] = [
        [sink.paras(f"项目资金\n（{funds.unit}）", c), ""] + [sink.para(h, c) for h in head]
    ]
    base_index = ("年初预算数", "全年预算数").index(funds.base_column)
    for index, (label, values) in enumerate(funds.rows):
        executed, base = values[2], values[base_index]
        if index == 0:
            rate = fmt_pct(funds.rate) if funds.rate is not None else ""
            weight = fmt_plain(item.weight) if item is not None else ""
            score = fmt_plain(item.score) if item is not None else ""
        else:
            rate = fmt_pct(executed / base) if base and executed is not None else ""
            weight = score = DASH
        cells = [_money(v) for v in values] + [weight, rate, score]
        rows.append(["", sink.para(label, c)] + [sink.para(text, c) for text in cells])
    table = Table(rows, colWidths=_widths(FUND_WIDTHS, width))
    table.setStyle(_grid([("SPAN", (0, 0), (0, -1))]))
    return table


def goal_block(data: ReportData, sink: TextSink, width: float) -> Table:
    c = sink.styles.cell_center
    rows = [
        [sink.para("年度总体目标", c), sink.para("预期目标", c), sink.para("实际完成情况", c)],
        ["", sink.paras(data.form.text("预期目标")), sink.paras(data.form.text("实际完成情况"))],
    ]
    table = Table(rows, colWidths=_widths(GOAL_WIDTHS, width))
    table.setStyle(_grid([("SPAN", (0, 0), (0, 1)), ("VALIGN", (1, 1), (-1, 1), "TOP")]))
    return table


def indicator_table(
    data: ReportData, skip: IndicatorScore | None, sink: TextSink, width: float
) -> GroupedTable:
    s = sink.styles
    sheet = data.sheet

    def name(code: str, text: str) -> str:
        return f"{code} {text}" if data.show_codes else text

    labels: dict[tuple[int, str], str] = {}
    for group in sheet.level1:
        labels[(0, group.code)] = name(group.code, group.name)
    for group in sheet.level2:
        labels[(1, group.code)] = name(group.code, group.name)
    # Once the unit writes its own texts, 偏差原因 is only what it wrote (blank allowed).
    own_texts = bool(data.notes)
    rows: list[Row] = []
    for item in sheet.indicators:
        if skip is not None and item.code == skip.code:
            continue
        note = data.notes.get(item.code)
        actual = note.actual if note is not None and note.actual else actual_value(item)
        fallback = "" if own_texts else item.reason
        deviation = note.deviation if note is not None else fallback
        rows.append(
            Row(
                cells=[
                    "",
                    "",
                    sink.para(name(item.code, item.name)),
                    sink.para(item.target, s.cell_center),
                    sink.para(actual, s.cell_center),
                    sink.para(fmt_plain(item.weight), s.cell_center),
                    sink.para(fmt_plain(item.score), s.cell_center),
                    sink.paras(deviation),
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
                "",
            ],
            groups=(None, None),
            spans=[(0, 4)],
            shaded=True,
        )
    )
    widths = [width * w / sum(WIDTHS) for w in WIDTHS]
    header = [sink.para(text, s.header) for text in COLUMNS]
    return GroupedTable(header, rows, widths, sink, labels=labels)


def story(data: ReportData, sink: TextSink, width: float) -> list[Flowable]:
    s = sink.styles
    item = execution_item(data)
    parts: list[Flowable] = [
        sink.para("项目支出绩效自评表", s.title),
        sink.para(f"（{data.year}年度）", s.subtitle),
        info_line(sink, width, "", f"评价日期：{chinese_date(data.evaluation_date)}"),
        header_table(data, sink, width),
    ]
    if data.funds is not None:
        parts.append(fund_block(data, data.funds, item, sink, width))
    else:
        item = None
    parts += [
        goal_block(data, sink, width),
        Spacer(1, 2 * mm),
        indicator_table(data, item, sink, width),
        Spacer(1, 2 * mm),
        sink.para(f"综合得分 {fmt2(data.sheet.total)} 分，等级为“{data.sheet.grade}”", s.result),
    ]
    return parts
