<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Background</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SurveyMappingDialog</name>
    <message>
        <source>Survey columns and satisfaction rule</source>
        <translation>问卷列与满意标准</translation>
    </message>
    <message>
        <source>Survey name:</source>
        <translation>问卷名称：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <source>(row of the sheet that holds the column names)</source>
        <translation>（列名所在的行）</translation>
    </message>
    <message>
        <source>Header row:</source>
        <translation>表头行：</translation>
    </message>
    <message>
        <source>only for combining by chosen weights, e.g. 0.6</source>
        <translation>仅在按权重合并时使用，例如 0.6</translation>
    </message>
    <message>
        <source>Weight:</source>
        <translation>权重：</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>列名</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Satisfaction question</source>
        <translation>满意度题目</translation>
    </message>
    <message>
        <source>What counts as satisfied</source>
        <translation>满意的判断标准</translation>
    </message>
    <message>
        <source>Option texts</source>
        <translation>按选项</translation>
    </message>
    <message>
        <source>Numeric threshold</source>
        <translation>按分值</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Leave out</source>
        <translation>不计入</translation>
    </message>
    <message>
        <source>min</source>
        <translation>最小</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>Satisfied when the answer is ≥</source>
        <translation>答案 ≥ 此值为满意：</translation>
    </message>
    <message>
        <source>valid range</source>
        <translation>有效范围</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>重复答卷</translation>
    </message>
    <message>
        <source>Same respondent ID</source>
        <translation>答卷编号相同</translation>
    </message>
    <message>
        <source>Same IP with identical answers</source>
        <translation>IP 相同且答案完全相同</translation>
    </message>
    <message>
        <source>Leave duplicates out</source>
        <translation>剔除重复答卷</translation>
    </message>
    <message>
        <source>The sheet has no respondent ID column</source>
        <translation>表格中没有答卷编号列</translation>
    </message>
    <message>
        <source>The sheet has no IP column</source>
        <translation>表格中没有 IP 列</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>答卷信息</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>题目</translation>
    </message>
    <message>
        <source>Ignored</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Tick the satisfaction question(s) in the list.</source>
        <translation>请在左侧列表中勾选满意度题目。</translation>
    </message>
    <message>
        <source>Column %1 is not counted. Tick it as a satisfaction question to set its rule.</source>
        <translation>“%1”未计入满意度。勾选为满意度题目后可设置判断标准。</translation>
    </message>
    <message>
        <source>Skipped: never counted</source>
        <translation>跳过：不计入</translation>
    </message>
    <message>
        <source>Tick at least one satisfaction question.</source>
        <translation>请至少勾选一道满意度题目。</translation>
    </message>
    <message>
        <source>Enter the threshold for the numeric rule.</source>
        <translation>请填写按分值判断的满意分数线。</translation>
    </message>
    <message>
        <source>%1 found, %2 left out</source>
        <translation>发现 %1 份，剔除 %2 份</translation>
    </message>
    <message>
        <source>Respondents %1 · valid answers %2 · satisfied %3 · satisfaction rate %4</source>
        <translation>答卷 %1 份 · 有效答案 %2 · 满意 %3 · 满意度 %4</translation>
    </message>
    <message>
        <source>%1: valid %2, satisfied %3 (%4); left out: blank %5, skipped %6, invalid %7</source>
        <translation>%1：有效 %2，满意 %3（%4）；不计入：空白 %5，跳过 %6，无效 %7</translation>
    </message>
    <message>
        <source>The weight must be a number ≥ 0.</source>
        <translation>权重必须是不小于 0 的数字。</translation>
    </message>
</context>
<context>
    <name>SurveyTab</name>
    <message>
        <source>Wenjuanxing (option text)</source>
        <translation>问卷星（按选项文本）</translation>
    </message>
    <message>
        <source>Wenjuanxing (option numbers)</source>
        <translation>问卷星（按选项序号）</translation>
    </message>
    <message>
        <source>Tencent Survey</source>
        <translation>腾讯问卷</translation>
    </message>
    <message>
        <source>Generic sheet</source>
        <translation>通用表格</translation>
    </message>
    <message>
        <source>(reported only, still counted)</source>
        <translation>（仅提示，仍计入统计）</translation>
    </message>
    <message>
        <source>Import survey %1</source>
        <translation>导入问卷 %1</translation>
    </message>
    <message>
        <source>Remove survey %1</source>
        <translation>删除问卷 %1</translation>
    </message>
    <message>
        <source>Edit survey %1</source>
        <translation>修改问卷 %1</translation>
    </message>
    <message>
        <source>Change how surveys are combined</source>
        <translation>修改问卷合并方式</translation>
    </message>
    <message>
        <source>Import survey export…</source>
        <translation>导入问卷导出文件…</translation>
    </message>
    <message>
        <source>Edit rules…</source>
        <translation>修改判断标准…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Re-count from stored answers</source>
        <translation>按保存的答卷重新核算</translation>
    </message>
    <message>
        <source>Count the raw responses kept in the evaluation file again and compare with the figures shown</source>
        <translation>用评价文件中保存的原始答卷重新统计，并与显示的结果核对</translation>
    </message>
    <message>
        <source>Combine by answer count</source>
        <translation>按答卷数合并</translation>
    </message>
    <message>
        <source>Combine by chosen weights</source>
        <translation>按设定权重合并</translation>
    </message>
    <message>
        <source>How several surveys (e.g. the public and the beneficiaries) make one satisfaction rate</source>
        <translation>多份问卷（如社会公众和受益对象）如何合并为一个满意度</translation>
    </message>
    <message>
        <source>Several surveys:</source>
        <translation>多份问卷：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>问卷</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Respondents</source>
        <translation>答卷数</translation>
    </message>
    <message>
        <source>Duplicates left out</source>
        <translation>剔除重复</translation>
    </message>
    <message>
        <source>Valid answers</source>
        <translation>有效答案</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Left out</source>
        <translation>不计入</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>题目</translation>
    </message>
    <message>
        <source>Satisfied means</source>
        <translation>满意标准</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Blank</source>
        <translation>空白</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>Survey import</source>
        <translation>问卷导入</translation>
    </message>
    <message>
        <source>No survey imported yet: import a 问卷星 or 腾讯问卷 export (xlsx, xls or csv) to compute the satisfaction rate.</source>
        <translation>尚未导入问卷：导入问卷星或腾讯问卷的导出文件（xlsx、xls 或 csv）即可计算满意度。</translation>
    </message>
    <message>
        <source>Satisfaction rate (weighted): %1</source>
        <translation>满意度（加权）：%1</translation>
    </message>
    <message>
        <source>Satisfaction rate: %1 (%2 satisfied of %3 valid answers)</source>
        <translation>满意度：%1（有效答案 %3 个，其中满意 %2 个）</translation>
    </message>
    <message>
        <source>%1 %2: %3 points</source>
        <translation>%1 %2：%3 分</translation>
    </message>
    <message>
        <source>Answer distribution</source>
        <translation>答案分布</translation>
    </message>
    <message>
        <source>Answer distribution: %1 (green = satisfied)</source>
        <translation>答案分布：%1（绿色为满意）</translation>
    </message>
    <message>
        <source>Import survey export</source>
        <translation>导入问卷导出文件</translation>
    </message>
    <message>
        <source>Survey exports (*.xlsx *.xls *.csv *.txt);;All files (*)</source>
        <translation>问卷导出文件 (*.xlsx *.xls *.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was changed.</source>
        <translation>已取消导入，未做任何修改。</translation>
    </message>
    <message>
        <source>%1: recounted %2 stored responses, same result (%3).</source>
        <translation>%1：已按保存的 %2 份答卷重新核算，结果一致（%3）。</translation>
    </message>
    <message>
        <source>%1: recounting the stored responses gives %2 instead of %3. Open Edit rules… and save to update.</source>
        <translation>%1：按保存的答卷重新核算得 %2，与显示的 %3 不一致。请打开“修改判断标准…”并保存以更新。</translation>
    </message>
</context>
</TS>
