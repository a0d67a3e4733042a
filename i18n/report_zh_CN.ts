<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReportTab</name>
    <message>
        <source>Edit report section %1</source>
        <translation>编辑报告 %1</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Insert figure</source>
        <translation>插入数据</translation>
    </message>
    <message>
        <source>Restore generated text</source>
        <translation>恢复自动生成的文字</translation>
    </message>
    <message>
        <source>Insert problems from deductions</source>
        <translation>按扣分插入问题</translation>
    </message>
    <message>
        <source>One problem heading per deduction on the score sheet, to expand</source>
        <translation>评分表每项扣分生成一个问题标题，供展开撰写</translation>
    </message>
    <message>
        <source>Preview the whole report</source>
        <translation>预览整篇报告</translation>
    </message>
    <message>
        <source>Export Word…</source>
        <translation>导出 Word…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Sign the PDF</source>
        <translation>PDF 数字签名</translation>
    </message>
    <message>
        <source>Write this section here. Figures: Insert figure.</source>
        <translation>在此撰写本节内容；数据请用“插入数据”引用，导出时自动填入当前数值。</translation>
    </message>
    <message>
        <source>Generated from the data</source>
        <translation>由数据自动生成</translation>
    </message>
    <message>
        <source>Edited text</source>
        <translation>已编辑</translation>
    </message>
    <message>
        <source>No figure in the report contradicts the data.</source>
        <translation>报告中没有与数据不一致的数字。</translation>
    </message>
    <message>
        <source>Generated from the data; edit it to make it yours.</source>
        <translation>本节由数据自动生成；编辑后即保存为您的文字（数据引用仍随数据更新）。</translation>
    </message>
    <message>
        <source>Edited by %1 at %2</source>
        <translation>%1 编辑于 %2</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Certificates (*.p12 *.pfx)</source>
        <translation>证书 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source> — %1 figure(s) to check</source>
        <translation>，有 %1 处数字需要核对</translation>
    </message>
</context>
</TS>
