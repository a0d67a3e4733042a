<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>%1 errors in %2 rows: nothing will be imported until they are fixed in the file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ColumnMappingDialog</name>
    <message>
        <source>From the headers (10k yuan unless a header says yuan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All amounts in 10k yuan (万元)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All amounts in yuan (divide by 10,000)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match columns — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some columns of “%1” could not be matched with certainty. Choose the field each column holds; columns set to “(do not import)” are ignored. Project name and construction unit are required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header in file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(do not import)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amounts in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns %1 and %2 are both set to “%3”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the column holding “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import projects — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match columns…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Projects to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amounts in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File “%1”, sheet “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File “%1”, encoding %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; header in row %1; %2 data rows, %3 blank or total rows skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 projects ready: %2 new, %3 updated, %4 unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 warnings (imported anyway).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectDialog</name>
    <message>
        <source>Add project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(next)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same as budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampled for on-site check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acceptance due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted (passed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet due / not applicable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project name *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Construction unit *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch / document no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amounts (10k yuan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjusted budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funds in place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acceptance date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectsModel</name>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Construction unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch / document no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budget (10k yuan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjusted budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funds in place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Execution rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acceptance date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acceptance due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid ÷ budget of the project (derived, not editable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty means the same as the budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes / No, or empty when not yet due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used by the output indicators (completion, acceptance, timeliness rates)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegistryTab</name>
    <message>
        <source>Add project “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit project “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete project “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Execution-rate denominator: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary (used by the score sheet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjusted budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funds in place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Denominator of the budget execution rate (paid ÷ …), stored in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Construction units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Σ budget (10k yuan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Σ adjusted budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Σ funds in place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Σ paid (10k yuan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funds in place rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budget execution rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completion rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acceptance rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeliness rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Execution rate denominator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No projects yet: the score sheet uses the values entered by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output rates are counted over the projects marked “sampled”; money over all %1 projects.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No project is marked “sampled”: output rates are counted over all projects.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search name, unit, document no., note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by construction unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by batch / document no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blank template…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a project (Ctrl+N / Insert)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the current project in a form (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected projects (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a project list from Excel (xlsx / xls) or CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the blank import template (xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the registry to Excel (xlsx) or CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing %1 of %2 projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete project “%1” (%2)?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the %1 selected projects?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The score sheet is recalculated; Undo (Ctrl+Z) brings them back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import project list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xls *.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1: %2 added, %3 updated, %4 unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 projects to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save blank template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>project-list-template.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
