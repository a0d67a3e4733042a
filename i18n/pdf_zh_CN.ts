<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ExportPdfDialog</name>
    <message>
        <source>Export PDF score table</source>
        <translation>导出 PDF 评分表</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>保存为：</translation>
    </message>
    <message>
        <source>Score table (as in the evaluation report)</source>
        <translation>评分表（评价报告附表格式）</translation>
    </message>
    <message>
        <source>National project expenditure self-evaluation form</source>
        <translation>项目支出绩效自评表（全国通用格式）</translation>
    </message>
    <message>
        <source>Layout:</source>
        <translation>版式：</translation>
    </message>
    <message>
        <source>A4 portrait</source>
        <translation>A4 纵向</translation>
    </message>
    <message>
        <source>A4 landscape</source>
        <translation>A4 横向</translation>
    </message>
    <message>
        <source>Page:</source>
        <translation>页面：</translation>
    </message>
    <message>
        <source>Evidence list with SHA-256 checksums</source>
        <translation>佐证材料清单（含 SHA-256 校验值）</translation>
    </message>
    <message>
        <source>Log of adjusted scores and their reasons</source>
        <translation>调整记录（人工调整得分及理由）</translation>
    </message>
    <message>
        <source>Print indicator codes on the national form</source>
        <translation>国家自评表中打印指标编码</translation>
    </message>
    <message>
        <source>Appendices:</source>
        <translation>附件：</translation>
    </message>
    <message>
        <source>Sign digitally</source>
        <translation>数字签名</translation>
    </message>
    <message>
        <source>Certificate file (PKCS#12)</source>
        <translation>证书文件（PKCS#12）</translation>
    </message>
    <message>
        <source>Certificate file (.p12 / .pfx)</source>
        <translation>证书文件（.p12 / .pfx）</translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation>证书：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>The signature appears in the sign-off block on the last page. No network access is needed.</source>
        <translation>签名显示在最后一页的签署栏中。签名过程无需联网。</translation>
    </message>
    <message>
        <source>Open the PDF after exporting</source>
        <translation>导出后打开 PDF</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Save PDF as</source>
        <translation>PDF 保存为</translation>
    </message>
    <message>
        <source>Choose certificate</source>
        <translation>选择证书</translation>
    </message>
    <message>
        <source>PKCS#12 certificate (*.p12 *.pfx)</source>
        <translation>PKCS#12 证书 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Choose where to save the PDF.</source>
        <translation>请选择 PDF 的保存位置。</translation>
    </message>
    <message>
        <source>Choose a certificate file, or turn off signing.</source>
        <translation>请选择证书文件，或取消数字签名。</translation>
    </message>
    <message>
        <source>Not signed: the score sheet disagrees with itself.</source>
        <translation>未签名：评分表自相矛盾。</translation>
    </message>
    <message>
        <source>Exporting PDF…</source>
        <translation>正在导出 PDF…</translation>
    </message>
    <message>
        <source>PDF exported: %1</source>
        <translation>已导出 PDF：%1</translation>
    </message>
    <message>
        <source>Verify PDF signature</source>
        <translation>验证 PDF 签名</translation>
    </message>
    <message>
        <source>Signature intact, but the evaluation file&apos;s scores have changed since this PDF was exported.</source>
        <translation>签名完整，但评价文件的评分在此 PDF 导出之后已有变化。</translation>
    </message>
    <message>
        <source>Signature intact: the PDF has not been changed since it was signed.</source>
        <translation>签名完整：PDF 自签名后未被修改。</translation>
    </message>
    <message>
        <source>This PDF has no digital signature.</source>
        <translation>此 PDF 没有数字签名。</translation>
    </message>
    <message>
        <source>Verification failed: the PDF was changed after signing, or the signature is invalid.</source>
        <translation>验证未通过：PDF 在签名后被修改，或签名无效。</translation>
    </message>
</context>
</TS>
