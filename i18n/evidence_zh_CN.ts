<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>EvidenceModel</name>
    <message>
        <source>Provided</source>
        <translation>已提供</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <source>Evidence item / file</source>
        <translation>佐证材料 / 文件</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>关联项目</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Attached by</source>
        <translation>上传人</translation>
    </message>
    <message>
        <source>Attached at</source>
        <translation>上传时间</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n 个文件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EvidenceTab</name>
    <message>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <source>Edit evidence item %1</source>
        <translation>修改佐证材料 %1</translation>
    </message>
    <message>
        <source>Add evidence item %1</source>
        <translation>添加佐证材料 %1</translation>
    </message>
    <message>
        <source>Remove evidence item %1</source>
        <translation>删除佐证材料 %1</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>Re-hash every stored file and report any change</source>
        <translation>重新计算所有附件的 SHA-256，报告被改动或缺失的内容</translation>
    </message>
    <message>
        <source>Export checklist…</source>
        <translation>导出清单…</translation>
    </message>
    <message>
        <source>Export all attachments…</source>
        <translation>导出全部附件…</translation>
    </message>
    <message>
        <source>Drop files on an item to attach them.</source>
        <translation>将文件拖到某项佐证材料上即可附加。</translation>
    </message>
    <message>
        <source>Add item…</source>
        <translation>添加材料…</translation>
    </message>
    <message>
        <source>Remove item</source>
        <translation>删除材料</translation>
    </message>
    <message>
        <source>Attach files…</source>
        <translation>附加文件…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Remove file</source>
        <translation>删除文件</translation>
    </message>
    <message>
        <source>Selected item</source>
        <translation>所选佐证材料</translation>
    </message>
    <message>
        <source>Required for not applicable</source>
        <translation>标为不适用时必填</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reason (not applicable)</source>
        <translation>不适用理由</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>关联项目</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Evidence coverage %1</source>
        <translation>佐证完整率 %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Add evidence item</source>
        <translation>添加佐证材料</translation>
    </message>
    <message>
        <source>Name of the evidence item:</source>
        <translation>佐证材料名称：</translation>
    </message>
    <message>
        <source>Remove “%1” and its %2 attached file(s)? This cannot be undone.</source>
        <translation>删除“%1”及其 %2 个附件？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Remove the evidence item “%1”?</source>
        <translation>删除佐证材料“%1”？</translation>
    </message>
    <message>
        <source>Select an evidence item first.</source>
        <translation>请先选择一项佐证材料。</translation>
    </message>
    <message>
        <source>Drop the files on the evidence item they belong to.</source>
        <translation>请把文件拖到它所属的那项佐证材料上。</translation>
    </message>
    <message>
        <source>Attached %1 file(s)</source>
        <translation>已附加 %1 个文件</translation>
    </message>
    <message>
        <source>No program is registered to open %1. A copy was saved at %2.</source>
        <translation>系统中没有可以打开 %1 的程序。副本已保存到 %2。</translation>
    </message>
    <message>
        <source>Remove the attachment “%1”? This cannot be undone.</source>
        <translation>删除附件“%1”？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>正在校验…</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Exporting attachments…</source>
        <translation>正在导出附件…</translation>
    </message>
    <message>
        <source>Exported %1 file(s) to %2.</source>
        <translation>已导出 %1 个文件到 %2。</translation>
    </message>
    <message>
        <source>Attaching cancelled.</source>
        <translation>已取消添加附件。</translation>
    </message>
    <message>
        <source>Reading %1 file(s)…</source>
        <translation>正在读取 %1 个文件…</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>附加文件</translation>
    </message>
    <message>
        <source>Export checklist</source>
        <translation>导出佐证材料清单</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export all attachments to</source>
        <translation>导出全部附件到</translation>
    </message>
</context>
</TS>
