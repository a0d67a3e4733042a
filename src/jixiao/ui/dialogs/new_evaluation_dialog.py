"""文件 → 新建: start an evaluation from a template of the library (fund, year, unit, file).

The dialog only asks; the main window creates the file with ``EvaluationFile.create``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.model import NA_RESCALE, IndicatorSystem
from jixiao.core.numbers import fmt_points
from jixiao.core.templates import TemplateError, validate_system
from jixiao.importers import template_library

FILE_SUFFIX = ".jixiao"
ERROR_STYLE = "color: #b02a37"


def default_folder() -> Path:
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


class NewEvaluationDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, folder: Path | None = None):
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("NewEvaluationDialog", "New evaluation"))
        self.setMinimumWidth(620)
        self._folder = folder or default_folder()
        self._system: IndicatorSystem | None = None
        self._path_touched = False

        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.template_combo = QComboBox()
        for entry in template_library.all_templates():
            kind = (
                QCoreApplication.translate("NewEvaluationDialog", "built-in")
                if entry.builtin
                else QCoreApplication.translate("NewEvaluationDialog", "my template")
            )
            self.template_combo.addItem(
                f"{entry.title or entry.name}（{entry.name}，{kind}）", str(entry.path)
            )
        self.from_file_button = QPushButton(
            QCoreApplication.translate("NewEvaluationDialog", "From file…")
        )
        self.from_file_button.setToolTip(
            QCoreApplication.translate(
                "NewEvaluationDialog",
                "Use a template file (.json or .xlsx) that is not in the library",
            )
        )
        self.from_file_button.clicked.connect(self._choose_template_file)
        row = QHBoxLayout()
        row.addWidget(self.template_combo, 1)
        row.addWidget(self.from_file_button)
        form.addRow(QCoreApplication.translate("NewEvaluationDialog", "Template"), row)
        self.template_info = QLabel()
        self.template_info.setWordWrap(True)
        self.template_info.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow("", self.template_info)

        self.fund_edit = QLineEdit()
        self.fund_edit.setPlaceholderText(
            QCoreApplication.translate("NewEvaluationDialog", "e.g. 政务信息化专项资金")
        )
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(date.today().year - 1)  # self-evaluations look back on last year
        self.unit_edit = QLineEdit()
        self.unit_edit.setPlaceholderText(
            QCoreApplication.translate(
                "NewEvaluationDialog", "The unit carrying out the evaluation"
            )
        )
        form.addRow(QCoreApplication.translate("NewEvaluationDialog", "Fund name"), self.fund_edit)
        form.addRow(QCoreApplication.translate("NewEvaluationDialog", "Year"), self.year_spin)
        form.addRow(QCoreApplication.translate("NewEvaluationDialog", "Unit"), self.unit_edit)

        self.path_edit = QLineEdit()
        self.browse_button = QPushButton(
            QCoreApplication.translate("NewEvaluationDialog", "Browse…")
        )
        self.browse_button.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        form.addRow(QCoreApplication.translate("NewEvaluationDialog", "File"), row)
        layout.addLayout(form)

        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            QCoreApplication.translate("NewEvaluationDialog", "Create")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.template_combo.currentIndexChanged.connect(self._template_changed)
        self.fund_edit.textChanged.connect(self._suggest_path)
        self.year_spin.valueChanged.connect(self._suggest_path)
        self.path_edit.textEdited.connect(self._path_edited)
        self._template_changed()
        self._suggest_path()

    # ------------------------------------------------------------------ template
    def _template_changed(self) -> None:
        path = self.template_combo.currentData()
        self._system = None
        if not path:
            self.template_info.setText("")
            return
        try:
            system = template_library.load_template_file(path)
        except TemplateError as exc:
            self.template_info.setText(str(exc))
            self.template_info.setStyleSheet(ERROR_STYLE)
            return
        self._system = system
        self.template_info.setStyleSheet("")
        self.template_info.setText(self.describe(system))

    @staticmethod
    def describe(system: IndicatorSystem) -> str:
        weights = " / ".join(f"{r.name} {fmt_points(r.weight)}" for r in system.roots)
        na = (
            QCoreApplication.translate("NewEvaluationDialog", "not applicable: rescale")
            if system.na_policy == NA_RESCALE
            else QCoreApplication.translate("NewEvaluationDialog", "not applicable: full weight")
        )
        text = QCoreApplication.translate(
            "NewEvaluationDialog", "{roots} level-1, {leaves} level-3 indicators: {weights}; {na}."
        ).format(roots=len(system.roots), leaves=len(system.leaves()), weights=weights, na=na)
        if system.description:
            text += "\n" + system.description
        return text

    def _choose_template_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("NewEvaluationDialog", "Template file"),
            str(self._folder),
            QCoreApplication.translate("NewEvaluationDialog", "Templates (*.json *.xlsx)"),
        )
        if path:
            self.add_template_file(Path(path))

    def add_template_file(self, path: Path) -> bool:
        try:
            system = template_library.load_template_file(path)
        except TemplateError as exc:
            self.error.setText(str(exc))
            return False
        self.error.clear()
        self.template_combo.addItem(f"{system.title or system.name}（{path.name}）", str(path))
        self.template_combo.setCurrentIndex(self.template_combo.count() - 1)
        return True

    # ------------------------------------------------------------------ file
    def _path_edited(self) -> None:
        self._path_touched = True

    def _suggest_path(self) -> None:
        if self._path_touched:
            return
        fund = template_library.safe_file_stem(
            self.fund_edit.text().strip()
            or QCoreApplication.translate("NewEvaluationDialog", "evaluation")
        )
        self.path_edit.setText(str(self._folder / f"{self.year_spin.value()}-{fund}{FILE_SUFFIX}"))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("NewEvaluationDialog", "New evaluation file"),
            self.path_edit.text(),
            QCoreApplication.translate("NewEvaluationDialog", "Evaluation files (*.jixiao)"),
        )
        if path:
            self._path_touched = True
            self.path_edit.setText(path)

    def target(self) -> Path:
        path = Path(self.path_edit.text().strip())
        return path if path.suffix == FILE_SUFFIX else path.with_name(path.name + FILE_SUFFIX)

    # ------------------------------------------------------------------ result
    def problems(self) -> list[str]:
        out = []
        if self._system is None:
            out.append(QCoreApplication.translate("NewEvaluationDialog", "Choose a template."))
        elif any(p.fatal for p in validate_system(self._system)):
            out.append(
                QCoreApplication.translate(
                    "NewEvaluationDialog", "The template has errors: {errors}"
                ).format(errors="；".join(str(p) for p in validate_system(self._system) if p.fatal))
            )
        if not self.fund_edit.text().strip():
            out.append(QCoreApplication.translate("NewEvaluationDialog", "Enter the fund name."))
        if not self.path_edit.text().strip():
            out.append(
                QCoreApplication.translate("NewEvaluationDialog", "Choose where to save the file.")
            )
        else:
            target = self.target()
            if target.exists():
                out.append(
                    QCoreApplication.translate(
                        "NewEvaluationDialog", "{file} already exists; choose another name."
                    ).format(file=str(target))
                )
            elif not target.parent.is_dir():
                out.append(
                    QCoreApplication.translate(
                        "NewEvaluationDialog", "The folder {folder} does not exist."
                    ).format(folder=str(target.parent))
                )
        return out

    def accept(self) -> None:
        problems = self.problems()
        if problems:
            self.error.setText("\n".join(problems))
            return
        super().accept()

    def result_tuple(self) -> tuple[Path, IndicatorSystem, str, int, str]:
        assert self._system is not None
        return (
            self.target(),
            self._system,
            self.fund_edit.text().strip(),
            self.year_spin.value(),
            self.unit_edit.text().strip(),
        )


def ask_new_evaluation(
    parent: QWidget | None = None,
) -> tuple[Path, IndicatorSystem, str, int, str] | None:
    """Ask for template, fund, year, unit and file; None when cancelled."""
    dialog = NewEvaluationDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.result_tuple()
