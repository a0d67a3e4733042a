"""The seed's 评分表 layout: 一级指标 / 二级指标 / 三级指标 / 标准值 / 权重 / 评分标准 / 得分 / 扣分原因,
with 一级 and 二级 cells spanning their rows, a 合计 row and the 综合得分 line."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from jixiao.core.national_form import undouble_year
from jixiao.core.numbers import fmt2
from jixiao.export.pdf_common import GroupedTable, ReportData, Row, TextSink, fmt_plain, info_line

COLUMNS = ["一级指标", "二级指标", "三级指标", "标准值", "权重", "评分标准", "得分", "扣分原因"]
# Relative widths tuned on A4 portrait (180 mm of text width); landscape scales them.
WIDTHS = [17, 19, 24, 13, 10, 58, 11, 28]


def group_label(code: str, name: str, weight: object) -> str:
    """As in the seed: "A 项目决策（11分）"."""
    return f"{code} {name}（{fmt_plain(weight)}分）"  # type: ignore[arg-type]


def story(data: ReportData, sink: TextSink, width: float) -> list[Flowable]:
    s = sink.styles
    sheet = data.sheet
    system = data.system
    nodes = system.by_code()
    labels: dict[tuple[int, str], str] = {}
    for group in sheet.level1:
        labels[(0, group.code)] = group_label(group.code, group.name, group.weight)
    for group in sheet.level2:
        labels[(1, group.code)] = group_label(group.code, group.name, group.weight)

    rows: list[Row] = []
    for item in sheet.indicators:
        node = nodes.get(item.code)
        criteria = node.criteria if node else ""
        rows.append(
            Row(
                cells=[
                    "",
                    "",
                    sink.para(f"{item.code} {item.name}"),
                    sink.para(item.target, s.cell_center),
                    sink.para(fmt_plain(item.weight), s.cell_center),
                    sink.paras(criteria),
                    sink.para(fmt_plain(item.score), s.cell_center),
                    sink.paras(item.reason),
                ],
                groups=(item.level1, item.level2 or item.code),
            )
        )
        if not item.level2:  # a level-3 indicator directly under level 1 spans no 二级 group
            labels.setdefault((1, item.code), "")
    weight_total = sum((i.weight for i in sheet.indicators), start=type(sheet.total)(0))
    rows.append(
        Row(
            cells=[
                sink.para("合计", s.cell_center),
                "",
                "",
                "",
                sink.para(fmt_plain(weight_total), s.cell_center),
                "",
                sink.para(fmt_plain(sheet.total), s.cell_center),
                "",
            ],
            groups=(None, None),
            spans=[(0, 3)],
            shaded=True,
        )
    )

    widths = [width * w / sum(WIDTHS) for w in WIDTHS]
    header = [sink.para(text, s.header) for text in COLUMNS]
    table = GroupedTable(header, rows, widths, sink, labels=labels)
    when = data.evaluation_date
    return [
        sink.para(undouble_year(data.title), s.title),
        Spacer(1, 2 * mm),
        info_line(
            sink,
            width,
            f"评价单位：{data.unit or '（未填写）'}",
            f"评价日期：{when.year}年{when.month}月{when.day}日",
        ),
        table,
        Spacer(1, 2 * mm),
        sink.para(f"综合得分 {fmt2(sheet.total)} 分，等级为“{sheet.grade}”", s.result),
    ]
