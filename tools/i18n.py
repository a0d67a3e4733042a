"""Update the .ts files from the sources (lupdate) and build the shipped .qm files (lrelease).

    python tools/i18n.py update    # after changing UI strings; then translate the new entries
    python tools/i18n.py release   # rebuild i18n/*.qm from i18n/*.ts

Each UI component has its own .ts file, listed in COMPONENTS with the sources it covers.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "i18n"
UI = ROOT / "src" / "jixiao" / "ui"
LANGUAGES = ["zh_CN"]

# component -> source files (globs relative to src/jixiao)
COMPONENTS: dict[str, list[str]] = {
    "jixiao": [
        "ui/main_window.py",
        "ui/tabs/score_tab.py",
        "ui/models/score_model.py",
        "ui/dialogs/about_dialog.py",
        "ui/dialogs/audit_log_dialog.py",
        "ui/dialogs/settings_dialog.py",
        "ui/widgets/input_editor.py",
        "ui/widgets/input_editor_raw.py",
        "ui/dialogs/override_dialog.py",
        "ui/widgets/summary_strip.py",
        "ui/undo_commands.py",
        "ui/errors.py",
        "app.py",
    ],
    "evidence": [
        "ui/tabs/evidence_tab.py",
        "ui/models/evidence_model.py",
        "ui/commands/evidence.py",
        "ui/tabs/evidence_files.py",
        "ui/tabs/evidence_edits.py",
        "ui/tabs/evidence_helpers.py",
        "ui/widgets/evidence_items_view.py",
    ],
    "registry": [
        "ui/tabs/registry_tab.py",
        "ui/commands/registry.py",
        "ui/tabs/registry_io.py",
        "ui/widgets/registry_table.py",
        "ui/widgets/registry_summary.py",
        "ui/models/projects_model.py",
        "ui/dialogs/project_dialog.py",
        "ui/dialogs/import_preview_dialog.py",
        "ui/dialogs/column_mapping_dialog.py",
        "ui/dialogs/yes_no_table.py",
    ],
    "editor": [
        "ui/dialogs/indicator_editor.py",
        "ui/dialogs/indicator_editor_common.py",
        "ui/dialogs/indicator_editor_layout.py",
        "ui/dialogs/indicator_editor_tree.py",
        "ui/dialogs/indicator_editor_form.py",
        "ui/dialogs/indicator_editor_checks.py",
        "ui/commands/system.py",
        "ui/dialogs/template_library_dialog.py",
        "ui/dialogs/new_evaluation_dialog.py",
    ],
    "pdf": ["ui/dialogs/export_pdf_dialog.py"],
    "filesafety": ["ui/file_safety.py"],
    "ukey": ["ui/dialogs/ukey_*.py"],
    "survey": [
        "ui/tabs/survey_tab.py",
        "ui/commands/survey.py",
        "ui/dialogs/survey_mapping_dialog.py",
        "ui/dialogs/survey_mapping_columns.py",
        "ui/tabs/survey_import.py",
        "ui/widgets/survey_format.py",
        "ui/workers.py",
        "ui/widgets/bar_chart.py",
        "ui/dialogs/option_order_dialog.py",
    ],
    "national": [
        "ui/dialogs/evaluation_properties_dialog.py",
        "ui/widgets/indicator_texts.py",
        "ui/commands/national_form.py",
        "ui/widgets/warning_strip.py",
    ],
    "report": ["ui/tabs/report_tab.py"],
}


def tool(name: str) -> str:
    exe = Path(sys.executable).with_name(f"pyside6-{name}")
    return str(exe) if exe.exists() else shutil.which(f"pyside6-{name}") or f"pyside6-{name}"


def sources(component: str) -> list[str]:
    base = ROOT / "src" / "jixiao"
    files: list[str] = []
    for pattern in COMPONENTS[component]:
        files.extend(str(p) for p in sorted(base.glob(pattern)) if p.name != "__init__.py")
    return files


def update(ts_dir: Path = I18N) -> list[Path]:
    written = []
    for component in COMPONENTS:
        for lang in LANGUAGES:
            target = ts_dir / f"{component}_{lang}.ts"
            subprocess.run(
                [
                    tool("lupdate"),
                    "-no-obsolete",
                    "-locations",
                    "none",
                    *sources(component),
                    "-ts",
                    str(target),
                ],
                check=True,
                capture_output=True,
            )
            written.append(target)
    return written


def release() -> None:
    for ts in sorted(I18N.glob("*.ts")):
        subprocess.run(
            [tool("lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
            check=True,
            capture_output=True,
        )
        print(f"built {ts.with_suffix('.qm').name}")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "release"
    if command not in ("update", "release"):
        print(__doc__)
        sys.exit(0 if command in ("-h", "--help") else 2)
    if command == "update":
        for path in update():
            print(f"updated {path.name}")
    else:
        release()
