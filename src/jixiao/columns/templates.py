"""The indicator-system workbook (docs/template-format.md): sheet names, column headers and
the 模板信息 keys. Shared by the writer (jixiao.export.template_xlsx) and the reader
(jixiao.importers.template_xlsx), so each reads what the other writes without importing it.
"""

from __future__ import annotations

from jixiao.core.model import NA_AWARD, NA_RESCALE

SHEET_INDICATORS = "指标体系"
SHEET_INFO = "模板信息"
SHEET_HELP = "填写说明"

COL_LEVEL1 = "一级指标"
COL_LEVEL2 = "二级指标"
COL_LEVEL3 = "三级指标"
COL_TARGET = "标准值"
COL_WEIGHT = "权重"
COL_CRITERIA = "评分标准"
COL_RULE = "规则"
COL_PARAMS = "参数"
COL_EVIDENCE = "佐证材料"  # optional on import
COLUMNS = (
    COL_LEVEL1,
    COL_LEVEL2,
    COL_LEVEL3,
    COL_TARGET,
    COL_WEIGHT,
    COL_CRITERIA,
    COL_RULE,
    COL_PARAMS,
    COL_EVIDENCE,
)
REQUIRED_COLUMNS = COLUMNS[:-1]

INFO_NAME = "名称"
INFO_TITLE = "标题"
INFO_DESCRIPTION = "说明"
INFO_NA = "不适用指标"
INFO_GRADES = "等级"
NA_TEXT = {NA_AWARD: "按满分计", NA_RESCALE: "剔除后按比例折算"}
