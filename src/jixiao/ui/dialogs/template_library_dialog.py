"""The template library: built-in and user templates, import/export as JSON or xlsx,
"save the current system as a template", and editing a user template."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.model import IndicatorSystem
from jixiao.core.numbers import fmt_points
from jixiao.core.templates import TemplateError, validate_system
from jixiao.importers import template_library
from jixiao.importers.template_library import TemplateEntry
from jixiao.ui.context import TabContext
from jixiao.ui.dialogs.indicator_editor import IndicatorEditorDialog, short_rule_names


class TemplateLibraryDialog(QDialog):
    def __init__(
        self,
        ctx: TabContext | None = None,
        parent: QWidget | None = None,
        directory: Path | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.directory = directory  # user template folder (None: the real one)
        self._entries: list[TemplateEntry] = []
        self._selected: IndicatorSystem | None = None
        # Replaced in tests: (title, text) -> bool; (title, label, default) -> str | None.
        self.confirm: Callable[[str, str], bool] = self._confirm
        self.ask_text: Callable[[str, str, str], str | None] = self._ask_text
        self.inform: Callable[[str, str], None] = self._inform
        self.setWindowTitle(QCoreApplication.translate("TemplateLibraryDialog", "Template library"))
        self.resize(1100, 680)

        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.list = QTreeWidget()
        self.list.setHeaderLabels(
            [
                QCoreApplication.translate("TemplateLibraryDialog", "Name"),
                QCoreApplication.translate("TemplateLibraryDialog", "Title"),
                QCoreApplication.translate("TemplateLibraryDialog", "Kind"),
                QCoreApplication.translate("TemplateLibraryDialog", "Indicators"),
            ]
        )
        self.list.setRootIsDecorated(False)
        self.list.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.list.currentItemChanged.connect(self._selection_changed)
        splitter.addWidget(self.list)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        # A read-only text box, not a QLabel: long descriptions wrap and scroll instead of
        # being clipped by the preview below.
        self.info = QPlainTextEdit()
        self.info.setReadOnly(True)
        self.info.setMaximumHeight(84)
        self.info.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview = QTreeWidget()
        self.preview.setHeaderLabels(
            [
                QCoreApplication.translate("TemplateLibraryDialog", "Code"),
                QCoreApplication.translate("TemplateLibraryDialog", "Indicator"),
                QCoreApplication.translate("TemplateLibraryDialog", "Weight"),
                QCoreApplication.translate("TemplateLibraryDialog", "Rule"),
            ]
        )
        self.preview.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.preview.header().setStretchLastSection(False)
        self.preview.setColumnWidth(0, 110)
        self.preview.setColumnWidth(2, 60)
        self.preview.setColumnWidth(3, 90)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #9a6700")
        right_layout.addWidget(self.info)
        right_layout.addWidget(self.preview, 1)
        right_layout.addWidget(self.problems)
        splitter.addWidget(right)
        splitter.setSizes([400, 680])
        layout.addWidget(splitter, 1)

        row = QHBoxLayout()
        self.save_current_button = QPushButton(
            QCoreApplication.translate("TemplateLibraryDialog", "Save current system as template…")
        )
        self.save_current_button.setEnabled(ctx is not None)
        self.import_button = QPushButton(
            QCoreApplication.translate("TemplateLibraryDialog", "Import…")
        )
        self.import_button.setToolTip(
            QCoreApplication.translate(
                "TemplateLibraryDialog", "Add a template from a .json or .xlsx file"
            )
        )
        self.export_button = QPushButton(
            QCoreApplication.translate("TemplateLibraryDialog", "Export…")
        )
        self.export_button.setToolTip(
            QCoreApplication.translate(
                "TemplateLibraryDialog", "Write the selected template as .json or .xlsx"
            )
        )
        self.edit_button = QPushButton(QCoreApplication.translate("TemplateLibraryDialog", "Edit…"))
        self.delete_button = QPushButton(
            QCoreApplication.translate("TemplateLibraryDialog", "Delete")
        )
        for button, slot in (
            (self.save_current_button, self._save_current_clicked),
            (self.import_button, self._import_clicked),
            (self.export_button, self._export_clicked),
            (self.edit_button, self.edit_selected),
            (self.delete_button, self.delete_selected),
        ):
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    # ------------------------------------------------------------------ list
    def _all_entries(self) -> list[TemplateEntry]:
        builtin = template_library.builtin_templates()
        try:
            user = template_library.user_templates(self.directory)
        except OSError:
            user = []
        names = {e.name for e in builtin}
        return builtin + [e for e in user if e.name not in names]

    def refresh(self, select: str | None = None) -> None:
        current = select or (self.selected_entry().name if self.selected_entry() else None)
        self._entries = self._all_entries()
        self.list.clear()
        for entry in self._entries:
            try:
                count = str(len(template_library.load_template_file(entry.path).leaves()))
            except TemplateError:
                count = "—"
            item = QTreeWidgetItem(
                [
                    entry.name,
                    entry.title,
                    QCoreApplication.translate("TemplateLibraryDialog", "Built-in")
                    if entry.builtin
                    else QCoreApplication.translate("TemplateLibraryDialog", "Mine"),
                    count,
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, entry.name)
            self.list.addTopLevelItem(item)
        for col in (0, 2, 3):
            self.list.resizeColumnToContents(col)
        target = next((i for i, e in enumerate(self._entries) if e.name == current), 0)
        if self._entries:
            self.list.setCurrentItem(self.list.topLevelItem(target))
        else:
            self._selection_changed(None)

    def names(self) -> list[str]:
        return [e.name for e in self._entries]

    def select(self, name: str) -> None:
        for index, entry in enumerate(self._entries):
            if entry.name == name:
                self.list.setCurrentItem(self.list.topLevelItem(index))

    def selected_entry(self) -> TemplateEntry | None:
        item = self.list.currentItem() if hasattr(self, "list") else None
        if item is None:
            return None
        name = item.data(0, Qt.ItemDataRole.UserRole)
        return next((e for e in self._entries if e.name == name), None)

    def _selection_changed(self, *_args: object) -> None:
        entry = self.selected_entry()
        self.preview.clear()
        self._selected = None
        self.delete_button.setEnabled(entry is not None and not entry.builtin)
        self.export_button.setEnabled(entry is not None)
        self.edit_button.setEnabled(entry is not None)
        if entry is None:
            self.info.clear()
            self.problems.clear()
            return
        try:
            system = template_library.load_template_file(entry.path)
        except TemplateError as exc:
            self.info.setPlainText(str(exc))
            self.problems.clear()
            return
        self._selected = system
        self.info.setPlainText(f"{system.title}\n{system.description}".strip())
        names = short_rule_names()

        def add(node, parent) -> None:  # type: ignore[no-untyped-def]
            rule = names.get(node.rule.kind, "") if node.rule is not None and node.is_leaf else ""
            item = QTreeWidgetItem([node.code, node.name, fmt_points(node.weight), rule])
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if parent is None:
                self.preview.addTopLevelItem(item)
            else:
                parent.addChild(item)
            for child in node.children:
                add(child, item)

        for root in system.roots:
            add(root, None)
        self.preview.expandAll()
        problems = validate_system(system)
        self.problems.setText("\n".join(("✖ " if p.fatal else "⚠ ") + str(p) for p in problems[:8]))

    # ------------------------------------------------------------------ actions
    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _ask_text(self, title: str, label: str, default: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, default)
        return text.strip() if ok and text.strip() else None

    def _inform(self, title: str, text: str) -> None:
        QMessageBox.information(self, title, text)

    def _save(self, system: IndicatorSystem) -> bool:
        """Save into the user library, asking for another name or to overwrite as needed."""
        while True:
            if template_library.is_builtin_name(system.name) or not system.name.strip():
                name = self.ask_text(
                    QCoreApplication.translate("TemplateLibraryDialog", "Template name"),
                    QCoreApplication.translate(
                        "TemplateLibraryDialog",
                        "“{name}” is the name of a built-in template. Save under the name:",
                    ).format(name=system.name),
                    system.name + "-1",
                )
                if not name:
                    return False
                system.name = name
                continue
            if template_library.find_user_template(
                system.name, self.directory
            ) is not None and not self.confirm(
                QCoreApplication.translate("TemplateLibraryDialog", "Template library"),
                QCoreApplication.translate(
                    "TemplateLibraryDialog",
                    "The library already has a template named “{name}”. Replace it?",
                ).format(name=system.name),
            ):
                return False
            break
        try:
            template_library.save_user_template(system, self.directory, overwrite=True)
        except (TemplateError, OSError) as exc:
            self.inform(
                QCoreApplication.translate("TemplateLibraryDialog", "Template library"), str(exc)
            )
            return False
        self.refresh(select=system.name)
        return True

    def _save_current_clicked(self) -> None:
        if self.ctx is None:
            return
        system = self.ctx.ef.system()
        name = self.ask_text(
            QCoreApplication.translate("TemplateLibraryDialog", "Save as template"),
            QCoreApplication.translate("TemplateLibraryDialog", "Template name:"),
            self.ctx.ef.meta().fund or system.name,
        )
        if name:
            self.save_current(name)

    def save_current(self, name: str) -> bool:
        """Save the open evaluation's system as a user template named ``name``."""
        if self.ctx is None:
            return False
        system = copy.deepcopy(self.ctx.ef.system())
        system.name = name
        return self._save(system)

    def _import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("TemplateLibraryDialog", "Import template"),
            "",
            QCoreApplication.translate("TemplateLibraryDialog", "Templates (*.json *.xlsx)"),
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        try:
            system = template_library.load_template_file(path)
        except TemplateError as exc:
            self.inform(
                QCoreApplication.translate("TemplateLibraryDialog", "Import template"), str(exc)
            )
            return False
        problems = validate_system(system)
        fatal = [p for p in problems if p.fatal]
        if fatal:
            self.inform(
                QCoreApplication.translate("TemplateLibraryDialog", "Import template"),
                QCoreApplication.translate(
                    "TemplateLibraryDialog", "{file} has errors and was not imported:"
                ).format(file=path.name)
                + "\n"
                + "\n".join(str(p) for p in fatal),
            )
            return False
        if problems and not self.confirm(
            QCoreApplication.translate("TemplateLibraryDialog", "Import template"),
            QCoreApplication.translate(
                "TemplateLibraryDialog", "{file} has {count} warnings:"
            ).format(file=path.name, count=len(problems))
            + "\n"
            + "\n".join(str(p) for p in problems[:12])
            + "\n\n"
            + QCoreApplication.translate("TemplateLibraryDialog", "Import it anyway?"),
        ):
            return False
        return self._save(system)

    def _export_clicked(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("TemplateLibraryDialog", "Export template"),
            f"{template_library.safe_file_stem(entry.name)}.xlsx",
            QCoreApplication.translate(
                "TemplateLibraryDialog", "Excel workbook (*.xlsx);;JSON (*.json)"
            ),
        )
        if path:
            self.export_selected(Path(path))

    def export_selected(self, path: Path) -> bool:
        if self._selected is None:
            return False
        if path.suffix.lower() not in (".xlsx", ".json"):
            path = path.with_name(path.name + ".xlsx")
        from jixiao.export.template_xlsx import export_template_file  # openpyxl when needed

        try:
            export_template_file(self._selected, path)
        except OSError as exc:
            self.inform(
                QCoreApplication.translate("TemplateLibraryDialog", "Export template"), str(exc)
            )
            return False
        return True

    def edit_selected(self) -> bool:
        """Edit the selected template in the indicator editor; a built-in is saved as a copy."""
        entry = self.selected_entry()
        if entry is None or self._selected is None:
            return False
        dialog = IndicatorEditorDialog(self._selected, parent=self)
        if not self.run_editor(dialog):
            return False
        edited = dialog.system()
        # A built-in keeps its name in the editor, so _save asks for a new one: built-ins stay
        # as shipped. A renamed user template is saved as a new one beside the old.
        return self._save(edited)

    def run_editor(self, dialog: IndicatorEditorDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def delete_selected(self) -> bool:
        entry = self.selected_entry()
        if entry is None or entry.builtin:
            return False
        if not self.confirm(
            QCoreApplication.translate("TemplateLibraryDialog", "Delete template"),
            QCoreApplication.translate(
                "TemplateLibraryDialog", "Delete the template “{name}” from the library?"
            ).format(name=entry.name),
        ):
            return False
        try:
            template_library.delete_user_template(entry.name, self.directory)
        except (TemplateError, OSError) as exc:
            self.inform(
                QCoreApplication.translate("TemplateLibraryDialog", "Delete template"), str(exc)
            )
            return False
        self.refresh()
        return True


def open_template_library(ctx: TabContext | None, parent: QWidget | None = None) -> None:
    """Show the template library; with an open evaluation its system can be saved as a template."""
    TemplateLibraryDialog(ctx, parent).exec()
