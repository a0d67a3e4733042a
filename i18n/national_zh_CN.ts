<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>EvaluationPropertiesDialog</name>
    <message>
        <source>Evaluation properties</source>
        <translation>评价属性</translation>
    </message>
    <message>
        <source>Competent department:</source>
        <translation>主管部门：</translation>
    </message>
    <message>
        <source>Implementing unit:</source>
        <translation>实施单位：</translation>
    </message>
    <message>
        <source>Project leader:</source>
        <translation>项目负责人：</translation>
    </message>
    <message>
        <source>Telephone:</source>
        <translation>联系电话：</translation>
    </message>
    <message>
        <source>Evaluation date:</source>
        <translation>评价日期：</translation>
    </message>
    <message>
        <source>(unchecked: the export date)</source>
        <translation>（不勾选：导出当天）</translation>
    </message>
    <message>
        <source>Overall annual goal</source>
        <translation>年度总体目标</translation>
    </message>
    <message>
        <source>Expected:</source>
        <translation>预期目标：</translation>
    </message>
    <message>
        <source>Achieved:</source>
        <translation>实际完成情况：</translation>
    </message>
    <message>
        <source>Project funds</source>
        <translation>项目资金</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>单位：</translation>
    </message>
    <message>
        <source>Execution rate against:</source>
        <translation>执行率口径：</translation>
    </message>
    <message>
        <source>from the registry</source>
        <translation>取自项目登记</translation>
    </message>
    <message>
        <source>sum of the rows below</source>
        <translation>下列各行之和</translation>
    </message>
    <message>
        <source>Only when copying a published sheet</source>
        <translation>仅在照录已公布的表时填写</translation>
    </message>
    <message>
        <source>Published total:</source>
        <translation>公布总分：</translation>
    </message>
</context>
<context>
    <name>IndicatorTexts</name>
    <message>
        <source>On the national form</source>
        <translation>国家自评表</translation>
    </message>
    <message>
        <source>As written, e.g. ≥266米, 有效, 75元</source>
        <translation>照原样填写，如 ≥266米、有效、75元</translation>
    </message>
    <message>
        <source>Actual value:</source>
        <translation>实际完成值：</translation>
    </message>
    <message>
        <source>May stay blank</source>
        <translation>可以为空</translation>
    </message>
    <message>
        <source>Deviation and remedy:</source>
        <translation>偏差原因分析及改进措施：</translation>
    </message>
    <message>
        <source>Save texts</source>
        <translation>保存文字</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
</context>
<context>
    <name>WarningStrip</name>
    <message>
        <source>⚠ The score sheet disagrees with itself (%1):</source>
        <translation>⚠ 评分表自相矛盾（%1 处）：</translation>
    </message>
    <message>
        <source>The score sheet disagrees with itself:

%1

Sign it anyway? Your signature confirms these figures.</source>
        <translation>评分表自相矛盾：

%1

仍然签名吗？签名即确认这些数字。</translation>
    </message>
    <message>
        <source>Sign an inconsistent score sheet?</source>
        <translation>签署自相矛盾的评分表？</translation>
    </message>
</context>
</TS>
