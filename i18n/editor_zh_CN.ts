<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>IndicatorEditor</name>
    <message>
        <source>Checklist (points per item)</source>
        <translation>逐项评分（每项分值）</translation>
    </message>
    <message>
        <source>Rate (actual / target)</source>
        <translation>比率计分（实际值/目标值）</translation>
    </message>
    <message>
        <source>Deduction per finding</source>
        <translation>扣分制（每处扣分）</translation>
    </message>
    <message>
        <source>Bands (thresholds)</source>
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
        <source>Checklist</source>
        <translation>逐项评分</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>比率计分</translation>
    </message>
    <message>
        <source>Deduction</source>
        <translation>扣分制</translation>
    </message>
    <message>
        <source>Bands</source>
        <translation>分档计分</translation>
    </message>
    <message>
        <source>Qualitative</source>
        <translation>定性分级</translation>
    </message>
    <message>
        <source>Discretionary</source>
        <translation>酌情评分</translation>
    </message>
    <message>
        <source>Award the full weight</source>
        <translation>按满分计</translation>
    </message>
    <message>
        <source>Drop it and rescale the rest to 100</source>
        <translation>剔除该指标，其余指标按比例折算为 100 分</translation>
    </message>
    <message>
        <source>Edit indicator system</source>
        <translation>修改指标体系</translation>
    </message>
    <message>
        <source>Indicator system</source>
        <translation>指标体系</translation>
    </message>
    <message>
        <source>What an indicator marked not applicable counts for</source>
        <translation>标为“不适用”的指标如何计分</translation>
    </message>
    <message>
        <source>Template name</source>
        <translation>模板名称</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Grade and the lowest total that earns it, e.g. 优≥90；良≥80；中≥60；差≥0</source>
        <translation>等级及其最低总分，如 优≥90；良≥80；中≥60；差≥0</translation>
    </message>
    <message>
        <source>Grades</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Not applicable indicators</source>
        <translation>不适用指标</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add an indicator after the selected one</source>
        <translation>在所选指标之后添加同级指标</translation>
    </message>
    <message>
        <source>Add sub-indicator</source>
        <translation>添加下级</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Indent</source>
        <translation>降级</translation>
    </message>
    <message>
        <source>Make it a sub-indicator of the one above</source>
        <translation>设为上一个指标的下级指标</translation>
    </message>
    <message>
        <source>Outdent</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Move it up one level</source>
        <translation>提升一级</translation>
    </message>
    <message>
        <source>As printed, e.g. 100%, ≥90%, 充分</source>
        <translation>按评分表填写，如 100%、≥90%、充分</translation>
    </message>
    <message>
        <source>One document per line</source>
        <translation>每行一项佐证材料</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Standard value</source>
        <translation>标准值</translation>
    </message>
    <message>
        <source>Scoring criteria</source>
        <translation>评分标准</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <source>Scoring rule</source>
        <translation>评分规则</translation>
    </message>
    <message>
        <source>Name used in the deduction reason (optional)</source>
        <translation>扣分原因中使用的名称（可选）</translation>
    </message>
    <message>
        <source>Entered by hand</source>
        <translation>手工录入</translation>
    </message>
    <message>
        <source>Fill the input automatically from the project register or the survey</source>
        <translation>由项目登记或问卷自动提供数据</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>名称标签</translation>
    </message>
    <message>
        <source>Data source</source>
        <translation>数据来源</translation>
    </message>
    <message>
        <source>Indicators with sub-indicators are scored as the sum of their sub-indicators and have no rule of their own.</source>
        <translation>有下级指标的指标得分为其下级指标得分之和，本身不设评分规则。</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>评分项</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Leave every points cell empty to share the weight equally.</source>
        <translation>分值全部留空时，各项平均分配权重。</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>添加评分项</translation>
    </message>
    <message>
        <source>Remove item</source>
        <translation>删除评分项</translation>
    </message>
    <message>
        <source>Higher is better: weight × actual / target</source>
        <translation>越高越好：权重 × 实际值 / 目标值</translation>
    </message>
    <message>
        <source>Lower is better: weight × target / actual</source>
        <translation>越低越好（反向指标）：权重 × 目标值 / 实际值</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Points per finding</source>
        <translation>每处扣分</translation>
    </message>
    <message>
        <source>Score = weight − points × findings, not below 0.</source>
        <translation>得分 = 权重 − 每处扣分 × 问题处数，最低为 0。</translation>
    </message>
    <message>
        <source>From (inclusive)</source>
        <translation>下限（含）</translation>
    </message>
    <message>
        <source>Add band</source>
        <translation>添加分档</translation>
    </message>
    <message>
        <source>Remove band</source>
        <translation>删除分档</translation>
    </message>
    <message>
        <source>Full weight when the requirement is met, otherwise 0.</source>
        <translation>达到要求得全部分值，否则得 0 分。</translation>
    </message>
    <message>
        <source>The evaluator picks 达成 (100–80% of the weight), 部分达成 (80–60%) or 未达成 (60–0%) and a score inside that range.</source>
        <translation>评价人选择 达成（权重的 100%–80%）、部分达成（80%–60%）或 未达成（60%–0%），并在该范围内打分。</translation>
    </message>
    <message>
        <source>The evaluator enters a score between 0 and the weight with a reason.</source>
        <translation>评价人在 0 到权重之间打分，并填写理由。</translation>
    </message>
    <message>
        <source>New indicator</source>
        <translation>新指标</translation>
    </message>
    <message>
        <source>Remove indicator</source>
        <translation>删除指标</translation>
    </message>
    <message>
        <source>Remove {code} {name} and its {count} sub-indicators?</source>
        <translation>删除 {code} {name} 及其 {count} 个下级指标？</translation>
    </message>
    <message>
        <source>Enter the target.</source>
        <translation>请填写目标值。</translation>
    </message>
    <message>
        <source>Enter the points deducted per finding.</source>
        <translation>请填写每处扣分。</translation>
    </message>
    <message>
        <source>Band {row}: enter both the lower bound and the points.</source>
        <translation>第 {row} 档：请同时填写下限和得分。</translation>
    </message>
    <message>
        <source>No problems: weights add up to 100.</source>
        <translation>没有问题：权重合计 100。</translation>
    </message>
    <message>
        <source>Problems: {errors} errors, {warnings} warnings</source>
        <translation>问题：{errors} 个错误，{warnings} 个警告</translation>
    </message>
    <message>
        <source>Every indicator needs a code.</source>
        <translation>每个指标都必须有编码。</translation>
    </message>
    <message>
        <source>Code {code} is already used by another indicator.</source>
        <translation>编码 {code} 已被其他指标使用。</translation>
    </message>
    <message>
        <source>Level-1 weights add up to {total}, not 100.</source>
        <translation>一级指标权重合计 {total}，不等于 100。</translation>
    </message>
    <message>
        <source>Weights under {code} add up to {total}, not {weight}.</source>
        <translation>{code} 的下级指标权重合计 {total}，不等于 {weight}。</translation>
    </message>
    <message>
        <source>Its sub-indicators add up to {total}.</source>
        <translation>其下级指标权重合计 {total}。</translation>
    </message>
    <message>
        <source>A weight cannot be negative.</source>
        <translation>权重不能为负数。</translation>
    </message>
    <message>
        <source>A target of {value} means {percent}; write {suggestion} for a percentage.</source>
        <translation>目标值 {value} 即 {percent}；如指百分比，请写 {suggestion}。</translation>
    </message>
    <message>
        <source>A lower bound above 1 is more than 100%; write percentages as 90%.</source>
        <translation>下限大于 1 即超过 100%；百分比请写成 90% 的形式。</translation>
    </message>
    <message>
        <source>Correct the fields marked in red first.</source>
        <translation>请先改正红字标出的内容。</translation>
    </message>
    <message>
        <source>The system still has {count} warnings:</source>
        <translation>指标体系还有 {count} 个警告：</translation>
    </message>
    <message>
        <source>Save it anyway?</source>
        <translation>仍然保存吗？</translation>
    </message>
    <message>
        <source>Inputs that no longer fit</source>
        <translation>不再适用的录入数据</translation>
    </message>
    <message>
        <source>The entered data of these indicators no longer fits the edited system and will be removed (Undo brings it back):</source>
        <translation>以下指标的录入数据与修改后的指标体系不再相符，保存时将被删除（可用“撤销”恢复）：</translation>
    </message>
    <message>
        <source>Save the indicator system?</source>
        <translation>保存指标体系吗？</translation>
    </message>
    <message>
        <source>Could not save the indicator system: {error}</source>
        <translation>无法保存指标体系：{error}</translation>
    </message>
    <message>
        <source>Indicator system saved.</source>
        <translation>指标体系已保存。</translation>
    </message>
</context>
<context>
    <name>NewEvaluationDialog</name>
    <message>
        <source>New evaluation</source>
        <translation>新建评价</translation>
    </message>
    <message>
        <source>built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>my template</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>From file…</source>
        <translation>从文件…</translation>
    </message>
    <message>
        <source>Use a template file (.json or .xlsx) that is not in the library</source>
        <translation>使用模板库以外的模板文件（.json 或 .xlsx）</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>e.g. 政务信息化专项资金</source>
        <translation>如 政务信息化专项资金</translation>
    </message>
    <message>
        <source>The unit carrying out the evaluation</source>
        <translation>开展评价的单位</translation>
    </message>
    <message>
        <source>Fund name</source>
        <translation>资金名称</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>not applicable: rescale</source>
        <translation>不适用指标按比例折算</translation>
    </message>
    <message>
        <source>not applicable: full weight</source>
        <translation>不适用指标按满分计</translation>
    </message>
    <message>
        <source>{roots} level-1, {leaves} level-3 indicators: {weights}; {na}.</source>
        <translation>{roots} 个一级指标、{leaves} 个三级指标：{weights}；{na}。</translation>
    </message>
    <message>
        <source>Template file</source>
        <translation>模板文件</translation>
    </message>
    <message>
        <source>Templates (*.json *.xlsx)</source>
        <translation>模板文件 (*.json *.xlsx)</translation>
    </message>
    <message>
        <source>evaluation</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>New evaluation file</source>
        <translation>新建评价文件</translation>
    </message>
    <message>
        <source>Evaluation files (*.jixiao)</source>
        <translation>评价文件 (*.jixiao)</translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation>请选择模板。</translation>
    </message>
    <message>
        <source>The template has errors: {errors}</source>
        <translation>模板有错误：{errors}</translation>
    </message>
    <message>
        <source>Enter the fund name.</source>
        <translation>请填写资金名称。</translation>
    </message>
    <message>
        <source>Choose where to save the file.</source>
        <translation>请选择文件保存位置。</translation>
    </message>
    <message>
        <source>{file} already exists; choose another name.</source>
        <translation>{file} 已存在，请换一个文件名。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
</context>
<context>
    <name>TemplateLibraryDialog</name>
    <message>
        <source>Template library</source>
        <translation>模板库</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>三级指标数</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Save current system as template…</source>
        <translation>将当前指标体系存为模板…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Add a template from a .json or .xlsx file</source>
        <translation>从 .json 或 .xlsx 文件添加模板</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Write the selected template as .json or .xlsx</source>
        <translation>将所选模板导出为 .json 或 .xlsx</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Template name</source>
        <translation>模板名称</translation>
    </message>
    <message>
        <source>“{name}” is the name of a built-in template. Save under the name:</source>
        <translation>“{name}”是内置模板的名称。请输入保存用的名称：</translation>
    </message>
    <message>
        <source>The library already has a template named “{name}”. Replace it?</source>
        <translation>模板库中已有名为“{name}”的模板，要替换吗？</translation>
    </message>
    <message>
        <source>Save as template</source>
        <translation>存为模板</translation>
    </message>
    <message>
        <source>Template name:</source>
        <translation>模板名称：</translation>
    </message>
    <message>
        <source>Import template</source>
        <translation>导入模板</translation>
    </message>
    <message>
        <source>Templates (*.json *.xlsx)</source>
        <translation>模板文件 (*.json *.xlsx)</translation>
    </message>
    <message>
        <source>{file} has errors and was not imported:</source>
        <translation>{file} 有错误，未导入：</translation>
    </message>
    <message>
        <source>{file} has {count} warnings:</source>
        <translation>{file} 有 {count} 个警告：</translation>
    </message>
    <message>
        <source>Import it anyway?</source>
        <translation>仍然导入吗？</translation>
    </message>
    <message>
        <source>Export template</source>
        <translation>导出模板</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;JSON (*.json)</source>
        <translation>Excel 工作簿 (*.xlsx);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Delete template</source>
        <translation>删除模板</translation>
    </message>
    <message>
        <source>Delete the template “{name}” from the library?</source>
        <translation>从模板库中删除模板“{name}”吗？</translation>
    </message>
</context>
</TS>
