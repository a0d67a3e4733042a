<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ColumnMappingDialog</name>
    <message>
        <source>From the headers (10k yuan unless a header says yuan)</source>
        <translation>按表头判断（未注明按万元）</translation>
    </message>
    <message>
        <source>All amounts in 10k yuan (万元)</source>
        <translation>全部按万元</translation>
    </message>
    <message>
        <source>All amounts in yuan (divide by 10,000)</source>
        <translation>全部按元（除以 10,000 折算为万元）</translation>
    </message>
    <message>
        <source>Match columns — %1</source>
        <translation>列对应 — %1</translation>
    </message>
    <message>
        <source>Some columns of “%1” could not be matched with certainty. Choose the field each column holds; columns set to “(do not import)” are ignored. Project name and construction unit are required.</source>
        <translation>“%1”中有些列无法确定对应哪个字段。请为每一列选择对应的字段；设为“（不导入）”的列将被忽略。项目名称和建设单位为必填。</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Header in file</source>
        <translation>文件中的表头</translation>
    </message>
    <message>
        <source>Sample values</source>
        <translation>示例值</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>(do not import)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>Amounts in the file</source>
        <translation>文件中的金额单位</translation>
    </message>
    <message>
        <source>Columns %1 and %2 are both set to “%3”.</source>
        <translation>第 %1 列和第 %2 列都设为“%3”。</translation>
    </message>
    <message>
        <source>Choose the column holding “%1”.</source>
        <translation>请选择“%1”所在的列。</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Import projects — %1</source>
        <translation>导入项目 — %1</translation>
    </message>
    <message>
        <source>Match columns…</source>
        <translation>调整列对应…</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Projects to import</source>
        <translation>待导入项目</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Amounts in the file</source>
        <translation>文件中的金额单位</translation>
    </message>
    <message>
        <source>File “%1”, sheet “%2”</source>
        <translation>文件“%1”，工作表“%2”</translation>
    </message>
    <message>
        <source>File “%1”, encoding %2</source>
        <translation>文件“%1”，编码 %2</translation>
    </message>
    <message>
        <source>; header in row %1; %2 data rows, %3 blank or total rows skipped.</source>
        <translation>；表头在第 %1 行；数据 %2 行，跳过空行或合计行 %3 行。</translation>
    </message>
    <message>
        <source>%1 projects ready: %2 new, %3 updated, %4 unchanged.</source>
        <translation>可导入 %1 个项目：新增 %2，更新 %3，不变 %4。</translation>
    </message>
    <message>
        <source>%1 errors in %2 rows: nothing will be imported until they are fixed in the file.</source>
        <translation>%2 行共有 %1 个错误：请在文件中改正后再导入，在此之前不会写入任何数据。</translation>
    </message>
    <message>
        <source>%1 warnings (imported anyway).</source>
        <translation>%1 个提醒（不影响导入）。</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>未发现问题。</translation>
    </message>
</context>
<context>
    <name>ProjectDialog</name>
    <message>
        <source>Add project</source>
        <translation>新增项目</translation>
    </message>
    <message>
        <source>Edit project</source>
        <translation>编辑项目</translation>
    </message>
    <message>
        <source>(next)</source>
        <translation>（自动）</translation>
    </message>
    <message>
        <source>same as budget</source>
        <translation>同预算金额</translation>
    </message>
    <message>
        <source>Sampled for on-site check</source>
        <translation>纳入抽查</translation>
    </message>
    <message>
        <source>Planned output</source>
        <translation>计划产出</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Acceptance due</source>
        <translation>应验收</translation>
    </message>
    <message>
        <source>Accepted (passed)</source>
        <translation>已验收（合格）</translation>
    </message>
    <message>
        <source>Not yet due / not applicable</source>
        <translation>未到期 / 不适用</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Project name *</source>
        <translation>项目名称 *</translation>
    </message>
    <message>
        <source>Construction unit *</source>
        <translation>建设单位 *</translation>
    </message>
    <message>
        <source>Batch / document no.</source>
        <translation>批次 / 文号</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>领域</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Amounts (10k yuan)</source>
        <translation>金额（万元）</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算金额</translation>
    </message>
    <message>
        <source>Adjusted budget</source>
        <translation>调整后预算</translation>
    </message>
    <message>
        <source>Funds in place</source>
        <translation>到位资金</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>实际支付</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Planned completion</source>
        <translation>计划完成日期</translation>
    </message>
    <message>
        <source>Acceptance date</source>
        <translation>实际验收日期</translation>
    </message>
    <message>
        <source>Output flags</source>
        <translation>产出标记</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>按期完成</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ProjectsModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Project name</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <source>Construction unit</source>
        <translation>建设单位</translation>
    </message>
    <message>
        <source>Batch / document no.</source>
        <translation>批次 / 文号</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>领域</translation>
    </message>
    <message>
        <source>Budget (10k yuan)</source>
        <translation>预算金额（万元）</translation>
    </message>
    <message>
        <source>Adjusted budget</source>
        <translation>调整后预算</translation>
    </message>
    <message>
        <source>Funds in place</source>
        <translation>到位资金</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>实际支付</translation>
    </message>
    <message>
        <source>Execution rate</source>
        <translation>执行率</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Planned completion</source>
        <translation>计划完成日期</translation>
    </message>
    <message>
        <source>Acceptance date</source>
        <translation>实际验收日期</translation>
    </message>
    <message>
        <source>Sampled</source>
        <translation>纳入抽查</translation>
    </message>
    <message>
        <source>Planned output</source>
        <translation>计划产出</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Acceptance due</source>
        <translation>应验收</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已验收</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>按期完成</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Paid ÷ budget of the project (derived, not editable)</source>
        <translation>实际支付 ÷ 预算金额（自动计算，不可编辑）</translation>
    </message>
    <message>
        <source>Empty means the same as the budget</source>
        <translation>留空表示与预算金额相同</translation>
    </message>
    <message>
        <source>Yes / No, or empty when not yet due</source>
        <translation>是 / 否；未到期留空</translation>
    </message>
    <message>
        <source>Used by the output indicators (completion, acceptance, timeliness rates)</source>
        <translation>用于产出指标（计划完成率、验收合格率、完成及时率）</translation>
    </message>
    <message>
        <source>Row %1, %2</source>
        <translation>第 %1 行“%2”</translation>
    </message>
</context>
<context>
    <name>RegistryTab</name>
    <message>
        <source>Add project “%1”</source>
        <translation>新增项目“%1”</translation>
    </message>
    <message>
        <source>Edit project “%1”</source>
        <translation>修改项目“%1”</translation>
    </message>
    <message>
        <source>Delete project “%1”</source>
        <translation>删除项目“%1”</translation>
    </message>
    <message>
        <source>Delete %1 projects</source>
        <translation>删除 %1 个项目</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>Execution-rate denominator: %1</source>
        <translation>预算执行率分母：%1</translation>
    </message>
    <message>
        <source>Summary (used by the score sheet)</source>
        <translation>汇总（评分表使用）</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算金额</translation>
    </message>
    <message>
        <source>Adjusted budget</source>
        <translation>调整后预算</translation>
    </message>
    <message>
        <source>Funds in place</source>
        <translation>到位资金</translation>
    </message>
    <message>
        <source>Denominator of the budget execution rate (paid ÷ …), stored in the file</source>
        <translation>预算执行率的分母（实际支付 ÷ …），保存在评价文件中</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <source>Construction units</source>
        <translation>建设单位数</translation>
    </message>
    <message>
        <source>Σ budget (10k yuan)</source>
        <translation>预算合计（万元）</translation>
    </message>
    <message>
        <source>Σ adjusted budget</source>
        <translation>调整后预算合计</translation>
    </message>
    <message>
        <source>Σ funds in place</source>
        <translation>到位资金合计</translation>
    </message>
    <message>
        <source>Σ paid (10k yuan)</source>
        <translation>实际支付合计（万元）</translation>
    </message>
    <message>
        <source>Funds in place rate</source>
        <translation>预算资金到位率</translation>
    </message>
    <message>
        <source>Budget execution rate</source>
        <translation>预算执行率</translation>
    </message>
    <message>
        <source>Completion rate</source>
        <translation>计划完成率</translation>
    </message>
    <message>
        <source>Acceptance rate</source>
        <translation>验收合格率</translation>
    </message>
    <message>
        <source>Timeliness rate</source>
        <translation>完成及时率</translation>
    </message>
    <message>
        <source>Execution rate denominator</source>
        <translation>执行率分母</translation>
    </message>
    <message>
        <source>No projects yet: the score sheet uses the values entered by hand.</source>
        <translation>尚无项目：评分表使用手工录入的数据。</translation>
    </message>
    <message>
        <source>Output rates are counted over the projects marked “sampled”; money over all %1 projects.</source>
        <translation>产出类比率按“纳入抽查”的项目计算；金额按全部 %1 个项目合计。</translation>
    </message>
    <message>
        <source>No project is marked “sampled”: output rates are counted over all projects.</source>
        <translation>没有项目标为“纳入抽查”：产出类比率按全部项目计算。</translation>
    </message>
    <message>
        <source>Project registry</source>
        <translation>项目登记</translation>
    </message>
    <message>
        <source>Search name, unit, document no., note…</source>
        <translation>搜索项目名称、建设单位、文号、备注…</translation>
    </message>
    <message>
        <source>Filter by construction unit</source>
        <translation>按建设单位筛选</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>按状态筛选</translation>
    </message>
    <message>
        <source>Filter by batch / document no.</source>
        <translation>按批次 / 文号筛选</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>新增…</translation>
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
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Blank template…</source>
        <translation>下载空白模板…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Add a project (Ctrl+N / Insert)</source>
        <translation>新增项目（Ctrl+N / Insert）</translation>
    </message>
    <message>
        <source>Edit the current project in a form (Enter)</source>
        <translation>在表单中编辑当前项目（回车）</translation>
    </message>
    <message>
        <source>Delete the selected projects (Delete)</source>
        <translation>删除选中的项目（Delete）</translation>
    </message>
    <message>
        <source>Import a project list from Excel (xlsx / xls) or CSV</source>
        <translation>从 Excel（xlsx / xls）或 CSV 导入项目清单</translation>
    </message>
    <message>
        <source>Save the blank import template (xlsx)</source>
        <translation>保存空白导入模板（xlsx）</translation>
    </message>
    <message>
        <source>Export the registry to Excel (xlsx) or CSV</source>
        <translation>将项目登记导出为 Excel（xlsx）或 CSV</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>全部建设单位</translation>
    </message>
    <message>
        <source>All batches</source>
        <translation>全部批次</translation>
    </message>
    <message>
        <source>%1 projects</source>
        <translation>共 %1 个项目</translation>
    </message>
    <message>
        <source>Showing %1 of %2 projects</source>
        <translation>显示 %1 / %2 个项目</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Delete project “%1” (%2)?</source>
        <translation>删除项目“%1”（%2）？</translation>
    </message>
    <message>
        <source>Delete the %1 selected projects?</source>
        <translation>删除选中的 %1 个项目？</translation>
    </message>
    <message>
        <source>The score sheet is recalculated; Undo (Ctrl+Z) brings them back.</source>
        <translation>评分表将重新计算；可用撤销（Ctrl+Z）恢复。</translation>
    </message>
    <message>
        <source>Delete projects</source>
        <translation>删除项目</translation>
    </message>
    <message>
        <source>Copied %1 rows</source>
        <translation>已复制 %1 行</translation>
    </message>
    <message>
        <source>Reading “%1”…</source>
        <translation>正在读取“%1”…</translation>
    </message>
    <message>
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <source>Import project list</source>
        <translation>导入项目清单</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xls *.csv);;All files (*)</source>
        <translation>表格文件 (*.xlsx *.xls *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Imported %1: %2 added, %3 updated, %4 unchanged.</source>
        <translation>已导入 %1：新增 %2，更新 %3，不变 %4。</translation>
    </message>
    <message>
        <source>Export projects</source>
        <translation>导出项目登记</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Exported %1 projects to %2</source>
        <translation>已导出 %1 个项目到 %2</translation>
    </message>
    <message>
        <source>Save blank template</source>
        <translation>保存空白模板</translation>
    </message>
    <message>
        <source>project-list-template.xlsx</source>
        <translation>项目登记导入模板.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Template saved to %1</source>
        <translation>模板已保存到 %1</translation>
    </message>
</context>
</TS>
