"""Form dialog to add or edit one project, with Chinese validation messages."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.projects import STATUSES, Project, validate_project
from jixiao.importers.projects import (
    CellError,
    format_date,
    parse_amount,
    parse_date,
)


def _amount_text(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


class ProjectDialog(QDialog):
    """``project=None`` adds a new project. ``project()`` returns the edited copy; the
    caller writes it (through an undo command)."""

    def __init__(
        self,
        project: Project | None = None,
        *,
        units: Sequence[str] = (),
        batches: Sequence[str] = (),
        domains: Sequence[str] = (),
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._original = project or Project(name="", unit="")
        self._result: Project | None = None
        self.setWindowTitle(
            QCoreApplication.translate("ProjectDialog", "Add project")
            if project is None
            else QCoreApplication.translate("ProjectDialog", "Edit project")
        )
        self.setMinimumWidth(560)

        self.name = QLineEdit(self._original.name)
        self.unit = _editable_combo(units, self._original.unit)
        self.batch = _editable_combo(batches, self._original.batch)
        self.domain = _editable_combo(domains, self._original.domain)
        self.seq = QSpinBox()
        self.seq.setRange(0, 999999)
        self.seq.setSpecialValueText(QCoreApplication.translate("ProjectDialog", "(next)"))
        self.seq.setValue(self._original.seq)
        self.budget = QLineEdit(_amount_text(self._original.budget))
        self.adjusted = QLineEdit(_amount_text(self._original.adjusted_budget))
        self.adjusted.setPlaceholderText(
            QCoreApplication.translate("ProjectDialog", "same as budget")
        )
        self.in_place = QLineEdit(_amount_text(self._original.funds_in_place))
        self.paid = QLineEdit(_amount_text(self._original.paid))
        self.status = QComboBox()
        self.status.addItems(list(STATUSES))
        self.status.setCurrentText(self._original.status)
        self.planned_date = QLineEdit(format_date(self._original.planned_date))
        self.accepted_date = QLineEdit(format_date(self._original.accepted_date))
        for edit in (self.planned_date, self.accepted_date):
            edit.setPlaceholderText("2021-06-30")
        for edit in (self.budget, self.in_place, self.paid):
            edit.setPlaceholderText("0.00")
        self.sampled = QCheckBox(
            QCoreApplication.translate("ProjectDialog", "Sampled for on-site check")
        )
        self.planned_output = QCheckBox(
            QCoreApplication.translate("ProjectDialog", "Planned output")
        )
        self.completed = QCheckBox(QCoreApplication.translate("ProjectDialog", "Completed"))
        self.acceptance_due = QCheckBox(
            QCoreApplication.translate("ProjectDialog", "Acceptance due")
        )
        self.accepted = QCheckBox(QCoreApplication.translate("ProjectDialog", "Accepted (passed)"))
        for box, value in (
            (self.sampled, self._original.sampled),
            (self.planned_output, self._original.planned_output),
            (self.completed, self._original.completed),
            (self.acceptance_due, self._original.acceptance_due),
            (self.accepted, self._original.accepted),
        ):
            box.setChecked(value)
        self.on_time = QComboBox()
        self.on_time.addItem(
            QCoreApplication.translate("ProjectDialog", "Not yet due / not applicable"), ""
        )  # "" not None: see NO_PROJECT in the evidence tab
        self.on_time.addItem(QCoreApplication.translate("ProjectDialog", "Yes"), True)
        self.on_time.addItem(QCoreApplication.translate("ProjectDialog", "No"), False)
        self.on_time.setCurrentIndex({None: 0, True: 1, False: 2}[self._original.on_time])
        self.note = QPlainTextEdit(self._original.note)
        self.note.setFixedHeight(60)

        form = QFormLayout()
        form.addRow(QCoreApplication.translate("ProjectDialog", "Project name *"), self.name)
        form.addRow(QCoreApplication.translate("ProjectDialog", "Construction unit *"), self.unit)
        form.addRow(QCoreApplication.translate("ProjectDialog", "Batch / document no."), self.batch)
        form.addRow(QCoreApplication.translate("ProjectDialog", "Domain"), self.domain)
        form.addRow(QCoreApplication.translate("ProjectDialog", "No."), self.seq)

        money = QGroupBox(QCoreApplication.translate("ProjectDialog", "Amounts (10k yuan)"))
        grid = QGridLayout(money)
        for i, (label, edit) in enumerate(
            (
                (QCoreApplication.translate("ProjectDialog", "Budget"), self.budget),
                (QCoreApplication.translate("ProjectDialog", "Adjusted budget"), self.adjusted),
                (QCoreApplication.translate("ProjectDialog", "Funds in place"), self.in_place),
                (QCoreApplication.translate("ProjectDialog", "Paid"), self.paid),
            )
        ):
            grid.addWidget(QLabel(label), i // 2, (i % 2) * 2)
            grid.addWidget(edit, i // 2, (i % 2) * 2 + 1)

        progress = QGroupBox(QCoreApplication.translate("ProjectDialog", "Progress"))
        pform = QFormLayout(progress)
        pform.addRow(QCoreApplication.translate("ProjectDialog", "Status"), self.status)
        pform.addRow(
            QCoreApplication.translate("ProjectDialog", "Planned completion"), self.planned_date
        )
        pform.addRow(
            QCoreApplication.translate("ProjectDialog", "Acceptance date"), self.accepted_date
        )
        flags = QWidget()
        fl = QGridLayout(flags)
        fl.setContentsMargins(0, 0, 0, 0)
        for i, box in enumerate(
            (self.sampled, self.planned_output, self.completed, self.acceptance_due, self.accepted)
        ):
            fl.addWidget(box, i // 3, i % 3)
        pform.addRow(QCoreApplication.translate("ProjectDialog", "Output flags"), flags)
        pform.addRow(QCoreApplication.translate("ProjectDialog", "On time"), self.on_time)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("validationMessage")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(money)
        layout.addWidget(progress)
        note_row = QHBoxLayout()
        note_row.addWidget(QLabel(QCoreApplication.translate("ProjectDialog", "Note")))
        note_row.addWidget(self.note)
        layout.addLayout(note_row)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        for edit in (self.budget, self.adjusted, self.in_place, self.paid):
            edit.editingFinished.connect(self._show_warnings)

    # ------------------------------------------------------------------
    def _read(self) -> tuple[Project | None, list[str], list[str]]:
        errors: list[str] = []
        values: dict[str, Any] = {}
        for name, label, edit, optional in (
            ("budget", QCoreApplication.translate("ProjectDialog", "Budget"), self.budget, False),
            (
                "adjusted_budget",
                QCoreApplication.translate("ProjectDialog", "Adjusted budget"),
                self.adjusted,
                True,
            ),
            (
                "funds_in_place",
                QCoreApplication.translate("ProjectDialog", "Funds in place"),
                self.in_place,
                False,
            ),
            ("paid", QCoreApplication.translate("ProjectDialog", "Paid"), self.paid, False),
        ):
            try:
                values[name] = parse_amount(edit.text(), optional=optional)
            except CellError as exc:
                errors.append(f"{label}：“{edit.text()}”{exc}")
        for name, label, edit in (
            (
                "planned_date",
                QCoreApplication.translate("ProjectDialog", "Planned completion"),
                self.planned_date,
            ),
            (
                "accepted_date",
                QCoreApplication.translate("ProjectDialog", "Acceptance date"),
                self.accepted_date,
            ),
        ):
            try:
                values[name] = parse_date(edit.text())
            except CellError as exc:
                errors.append(f"{label}：“{edit.text()}”{exc}")
        if errors:
            return None, errors, []
        project = self._original.with_changes(
            name=self.name.text().strip(),
            unit=self.unit.currentText().strip(),
            batch=self.batch.currentText().strip(),
            domain=self.domain.currentText().strip(),
            seq=self.seq.value(),
            status=self.status.currentText(),
            sampled=self.sampled.isChecked(),
            planned_output=self.planned_output.isChecked(),
            completed=self.completed.isChecked(),
            acceptance_due=self.acceptance_due.isChecked(),
            accepted=self.accepted.isChecked(),
            on_time={"": None, True: True, False: False}[self.on_time.currentData()],
            note=self.note.toPlainText().strip(),
            **values,
        )
        bad, warn = validate_project(project)
        return project, [m for _, m in bad], [m for _, m in warn]

    def _show(self, errors: list[str], warnings: list[str]) -> None:
        lines = [f"<span style='color:#b00020'>✖ {e}</span>" for e in errors]
        lines += [f"<span style='color:#9a6700'>⚠ {w}</span>" for w in warnings]
        self.message.setText("<br>".join(lines))

    def _show_warnings(self) -> None:
        _, errors, warnings = self._read()
        self._show(errors, warnings)

    def validate(self) -> bool:
        project, errors, warnings = self._read()
        self._show(errors, warnings)
        if project is None or errors:
            return False
        self._result = project
        return True

    def accept(self) -> None:
        # Errors keep the dialog open; warnings (paid above budget) are shown but allowed.
        if self.validate():
            super().accept()

    def project(self) -> Project | None:
        return self._result

    def messages(self) -> str:
        return self.message.text()


def _editable_combo(items: Sequence[str], current: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems([i for i in items if i])
    combo.setCurrentText(current)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    return combo
