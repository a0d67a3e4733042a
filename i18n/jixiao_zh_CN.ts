<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Jixiao</source>
        <translation>关于绩效自评工作台</translation>
    </message>
    <message>
        <source>Jixiao performance self-evaluation workbench</source>
        <translation>绩效自评工作台</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Works fully offline. Evaluation files (.jixiao) are single SQLite files.</source>
        <translation>完全离线运行。评价文件（.jixiao）为单个 SQLite 文件。</translation>
    </message>
    <message>
        <source>Bundled font</source>
        <translation>内置字体</translation>
    </message>
    <message>
        <source>Apache License 2.0 or GPLv3 with font embedding exception.</source>
        <translation>Apache 2.0 许可证，或附字体嵌入例外的 GPLv3。</translation>
    </message>
    <message>
        <source>Licence text</source>
        <translation>许可证文本</translation>
    </message>
    <message>
        <source>Libraries</source>
        <translation>第三方库</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
</context>
<context>
    <name>AuditLogDialog</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Input changed</source>
        <translation>录入变更</translation>
    </message>
    <message>
        <source>Score adjusted</source>
        <translation>调整得分</translation>
    </message>
    <message>
        <source>Adjustment removed</source>
        <translation>取消调整</translation>
    </message>
    <message>
        <source>Project added</source>
        <translation>新增项目</translation>
    </message>
    <message>
        <source>Project changed</source>
        <translation>修改项目</translation>
    </message>
    <message>
        <source>Project deleted</source>
        <translation>删除项目</translation>
    </message>
    <message>
        <source>Projects imported</source>
        <translation>导入项目</translation>
    </message>
    <message>
        <source>Evaluation created</source>
        <translation>新建评价</translation>
    </message>
    <message>
        <source>Setting changed</source>
        <translation>设置变更</translation>
    </message>
    <message>
        <source>Computed input changed</source>
        <translation>自动计算数据变更</translation>
    </message>
    <message>
        <source>Indicator system changed</source>
        <translation>指标体系变更</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong. Your saved work is safe. Please send the report below to your support contact.</source>
        <translation>程序出现意外错误。已保存的数据不受影响。请将下面的报告发送给技术支持人员。</translation>
    </message>
    <message>
        <source>The full report was written to the log file: %1</source>
        <translation>完整报告已写入日志文件：%1</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <source>Cannot continue</source>
        <translation>无法继续</translation>
    </message>
</context>
<context>
    <name>InputEditor</name>
    <message>
        <source>Checklist</source>
        <translation>逐项评分</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>比率计分</translation>
    </message>
    <message>
        <source>Deduction per finding</source>
        <translation>扣分制</translation>
    </message>
    <message>
        <source>Bands</source>
        <translation>分档计分</translation>
    </message>
    <message>
        <source>All or nothing</source>
        <translation>达标得分</translation>
    </message>
    <message>
        <source>Qualitative level</source>
        <translation>定性分级</translation>
    </message>
    <message>
        <source>Discretionary score</source>
        <translation>酌情评分</translation>
    </message>
    <message>
        <source>Adjust score</source>
        <translation>调整得分</translation>
    </message>
    <message>
        <source>0 – %1</source>
        <translation>0 – %1</translation>
    </message>
    <message>
        <source>Required: why the computed score is adjusted</source>
        <translation>必填：调整计算得分的理由</translation>
    </message>
    <message>
        <source>Adjusted score</source>
        <translation>调整后得分</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Enter the adjusted score.</source>
        <translation>请填写调整后得分。</translation>
    </message>
    <message>
        <source>An adjusted score needs a reason.</source>
        <translation>调整得分必须填写理由。</translation>
    </message>
    <message>
        <source>Computed from the file</source>
        <translation>自动计算</translation>
    </message>
    <message>
        <source>Replace with own figures…</source>
        <translation>替换为人工数据…</translation>
    </message>
    <message>
        <source>Use computed figures</source>
        <translation>恢复自动计算</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>录入</translation>
    </message>
    <message>
        <source>Reason for deduction</source>
        <translation>扣分原因</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Required: why it does not apply</source>
        <translation>必填：不适用的理由</translation>
    </message>
    <message>
        <source>Confirm over 100% (the figures are right; scored as 100%)</source>
        <translation>确认超过 100%（数据无误，按 100% 计分）</translation>
    </message>
    <message>
        <source>Adjust score…</source>
        <translation>调整得分…</translation>
    </message>
    <message>
        <source>Remove adjustment</source>
        <translation>取消调整</translation>
    </message>
    <message>
        <source>Select a level-3 indicator to enter its data.</source>
        <translation>请选择一个三级指标录入数据。</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Replaced by a person: %1</source>
        <translation>已人工替换：%1</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>理由（必填）</translation>
    </message>
    <message>
        <source>Reason for deduction (blank: written by the program)</source>
        <translation>扣分原因（留空则自动生成）</translation>
    </message>
    <message>
        <source>Adjusted to %1 (computed %2). Reason: %3</source>
        <translation>已调整为 %1（计算得分 %2）。理由：%3</translation>
    </message>
    <message>
        <source>points</source>
        <translation>分</translation>
    </message>
    <message>
        <source>e.g. 94.34% or 0.9434</source>
        <translation>例如 94.34% 或 0.9434</translation>
    </message>
    <message>
        <source>Numerator (actual)</source>
        <translation>分子（实际数）</translation>
    </message>
    <message>
        <source>Denominator (planned)</source>
        <translation>分母（计划数）</translation>
    </message>
    <message>
        <source>Or the rate itself</source>
        <translation>或直接填写比率</translation>
    </message>
    <message>
        <source>Findings (each deducts %1 points)</source>
        <translation>问题数（每处扣 %1 分）</translation>
    </message>
    <message>
        <source>Requirement met</source>
        <translation>达到要求</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Score within the level&apos;s range</source>
        <translation>该等级范围内的得分</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Enter why the indicator does not apply.</source>
        <translation>请填写不适用的理由。</translation>
    </message>
    <message>
        <source>Replace computed figures</source>
        <translation>替换自动计算的数据</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Jixiao performance self-evaluation</source>
        <translation>绩效自评工作台</translation>
    </message>
    <message>
        <source>Evaluation files (*.jixiao)</source>
        <translation>评价文件 (*.jixiao)</translation>
    </message>
    <message>
        <source>Project registry</source>
        <translation>项目登记</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <source>Survey import</source>
        <translation>问卷导入</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>新建(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Back up to…</source>
        <translation>备份到(&amp;B)…</translation>
    </message>
    <message>
        <source>Export &amp;PDF…</source>
        <translation>导出 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Verify PDF signature…</source>
        <translation>验证签名(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Trusted certificates…</source>
        <translation>受信任的证书(&amp;T)…</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Indicator system…</source>
        <translation>指标体系(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Template library…</source>
        <translation>模板库(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Audit log…</source>
        <translation>审计日志(&amp;A)…</translation>
    </message>
    <message>
        <source>Evaluation &amp;properties…</source>
        <translation>评价属性(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>偏好设置(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>No evaluation file is open.</source>
        <translation>尚未打开评价文件。</translation>
    </message>
    <message>
        <source>New evaluation…</source>
        <translation>新建评价…</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Open the sample evaluation</source>
        <translation>打开内置样例</translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Open evaluation</source>
        <translation>打开评价文件</translation>
    </message>
    <message>
        <source>Cannot create file</source>
        <translation>无法新建文件</translation>
    </message>
    <message>
        <source>Choose a different file from the one that is open.</source>
        <translation>请选择与当前打开的文件不同的文件。</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>Back up to</source>
        <translation>备份到</translation>
    </message>
    <message>
        <source>Backed up to %1</source>
        <translation>已备份到 %1</translation>
    </message>
    <message>
        <source>Opened the built-in sample evaluation (a copy in your data folder).</source>
        <translation>已打开内置样例评价（副本保存在您的数据文件夹中）。</translation>
    </message>
</context>
<context>
    <name>ScoreModel</name>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>标准值</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Scoring criteria</source>
        <translation>评分标准</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>录入</translation>
    </message>
    <message>
        <source>Computed</source>
        <translation>计算得分</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Reason for deduction</source>
        <translation>扣分原因</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Adjusted by a person (computed %1): %2</source>
        <translation>人工调整（计算得分 %1）：%2</translation>
    </message>
    <message>
        <source>Some required evidence is missing for this indicator</source>
        <translation>该指标有佐证材料缺失</translation>
    </message>
</context>
<context>
    <name>ScoreTab</name>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>Not met</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>%1 findings</source>
        <translation>%1 处问题</translation>
    </message>
    <message>
        <source>auto: %1</source>
        <translation>自动：%1</translation>
    </message>
    <message>
        <source>Audit log…</source>
        <translation>审计日志…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Score sheet</source>
        <translation>评分表</translation>
    </message>
    <message>
        <source>%1 scored %2 of %3</source>
        <translation>%1 得分 %2（满分 %3）</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Your name, recorded with every change</source>
        <translation>您的姓名，记录在每一次修改中</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Evaluator name</source>
        <translation>评价人</translation>
    </message>
</context>
<context>
    <name>SummaryStrip</name>
    <message>
        <source>Total %1 · %2</source>
        <translation>总分 %1 · %2</translation>
    </message>
</context>
<context>
    <name>UndoCommands</name>
    <message>
        <source>Edit %1</source>
        <translation>修改 %1</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
</context>
</TS>
