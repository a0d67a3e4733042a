"""The main window: menus, the four tabs, the undo stack and the open evaluation file."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jixiao import paths
from jixiao.core.errors import UserError
from jixiao.ui.context import ChangeHub, TabContext
from jixiao.ui.editing import redo_keys, store_pending_typing
from jixiao.ui.read_only import apply_read_only
from jixiao.ui.settings import AppSettings
from jixiao.ui.tabs.lazy import LazyTab

if TYPE_CHECKING:
    # Imported where a file is opened: the empty window paints first (bench/startup.py).
    from jixiao.storage.evaluation_file import EvaluationFile
    from jixiao.ui.tabs.score_tab import ScoreTab

log = logging.getLogger("jixiao")
APP_TITLE = QT_TRANSLATE_NOOP("MainWindow", "Jixiao performance self-evaluation")
FILE_FILTER = QT_TRANSLATE_NOOP("MainWindow", "Evaluation files (*.jixiao)")


def _tab(module: str, name: str) -> Callable[[TabContext], QWidget]:
    """A factory that imports the tab's module only when the tab is first shown."""

    def build(ctx: TabContext) -> QWidget:
        tab_class = getattr(importlib.import_module(f"jixiao.ui.tabs.{module}"), name)
        return cast(QWidget, tab_class(ctx))

    return build


# Tabs in window order before the score sheet. They are built when first shown, so the
# window opens on the score sheet without paying for importers and exporters it does not need.
TAB_FACTORIES: list[tuple[str, Callable[[TabContext], QWidget]]] = [
    (QT_TRANSLATE_NOOP("MainWindow", "Project registry"), _tab("registry_tab", "RegistryTab")),
    (QT_TRANSLATE_NOOP("MainWindow", "Evidence"), _tab("evidence_tab", "EvidenceTab")),
    (QT_TRANSLATE_NOOP("MainWindow", "Survey import"), _tab("survey_tab", "SurveyTab")),
    (QT_TRANSLATE_NOOP("MainWindow", "Report"), _tab("report_tab", "ReportTab")),
]


def _jixiao_path(path: Path) -> Path:
    from jixiao.storage.database import FILE_SUFFIX  # storage loads with the first file

    return path if path.suffix == FILE_SUFFIX else path.with_suffix(FILE_SUFFIX)


class MainWindow(QMainWindow):
    def __init__(self, settings: AppSettings, retranslate: Callable[[str], None] | None = None):
        super().__init__()
        self.settings = settings
        self.retranslate = retranslate or (lambda language: None)
        self.keep_alive: list[object] = []  # what lives as long as the window (its translators)
        self.ef: EvaluationFile | None = None
        self.undo = QUndoStack(self)
        self.hub = ChangeHub(self)
        self.ctx: TabContext | None = None
        self.tabs: QTabWidget | None = None
        self.score_tab: ScoreTab | None = None
        icon = paths.resources_dir() / "icons" / "jixiao.png"
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))
        geometry = settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1400, 860)
        self._build()

    # -------------------------------------------------------------- building
    def _build(self) -> None:
        self.menuBar().clear()
        self._build_menus()
        self._build_central()
        self._update_title()

    def _action(
        self, text: str, slot: Callable, shortcut: QKeySequence | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&File"))
        file_menu.addAction(
            self._action(
                QCoreApplication.translate("MainWindow", "&New…"),
                self.new_file,
                QKeySequence.StandardKey.New,
            )
        )
        file_menu.addAction(
            self._action(
                QCoreApplication.translate("MainWindow", "&Open…"),
                self.open_dialog,
                QKeySequence.StandardKey.Open,
            )
        )
        self.recent_menu = file_menu.addMenu(
            QCoreApplication.translate("MainWindow", "Open &recent")
        )
        self._fill_recent_menu()
        file_menu.addSeparator()
        self.save_as_action = self._action(
            QCoreApplication.translate("MainWindow", "Save &as…"),
            self.save_as,
            QKeySequence.StandardKey.SaveAs,
        )
        self.backup_action = self._action(
            QCoreApplication.translate("MainWindow", "&Back up to…"), self.backup
        )
        self.export_pdf_action = self._action(
            QCoreApplication.translate("MainWindow", "Export &PDF…"), self.export_pdf, "Ctrl+P"
        )
        self.verify_pdf_action = self._action(
            QCoreApplication.translate("MainWindow", "&Verify PDF signature…"), self.verify_pdf
        )
        for action in (self.save_as_action, self.backup_action, self.export_pdf_action):
            file_menu.addAction(action)
        file_menu.addAction(self.verify_pdf_action)
        file_menu.addAction(
            self._action(
                QCoreApplication.translate("MainWindow", "&Trusted certificates…"),
                self.show_trust_list,
            )
        )
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(
                QCoreApplication.translate("MainWindow", "E&xit"),
                self.close,
                QKeySequence.StandardKey.Quit,
            )
        )

        edit_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
        undo = self.undo.createUndoAction(self, QCoreApplication.translate("MainWindow", "&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo.createRedoAction(self, QCoreApplication.translate("MainWindow", "&Redo"))
        redo.setShortcuts(redo_keys())
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.undo_actions = (undo, redo)
        edit_menu.addSeparator()
        self.indicator_action = self._action(
            QCoreApplication.translate("MainWindow", "&Indicator system…"), self.edit_indicators
        )
        self.library_action = self._action(
            QCoreApplication.translate("MainWindow", "&Template library…"), self.template_library
        )
        self.audit_action = self._action(
            QCoreApplication.translate("MainWindow", "&Audit log…"), self.show_audit_log
        )
        self.properties_action = self._action(
            QCoreApplication.translate("MainWindow", "Evaluation &properties…"),
            self.edit_properties,
        )
        edit_menu.addAction(self.properties_action)
        edit_menu.addAction(self.indicator_action)
        edit_menu.addAction(self.library_action)
        edit_menu.addAction(self.audit_action)

        settings_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Settings"))
        settings_menu.addAction(
            self._action(
                QCoreApplication.translate("MainWindow", "&Preferences…"), self.edit_settings
            )
        )

        help_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
        help_menu.addAction(
            self._action(QCoreApplication.translate("MainWindow", "&About"), self.show_about)
        )
        self._file_actions = [
            self.save_as_action,
            self.backup_action,
            self.export_pdf_action,
            self.indicator_action,
            self.audit_action,
            self.properties_action,
        ]

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda checked=False, p=path: self.open_path(Path(p)))
        self.recent_menu.setEnabled(bool(recent))

    def _build_central(self) -> None:
        old = self.centralWidget()
        self.score_tab = None
        if self.ef is None:
            self.tabs = None
            self.setCentralWidget(self._welcome())
        else:
            from jixiao.ui.tabs.score_tab import ScoreTab

            self.ctx = TabContext(self.ef, self.undo, self.hub, status=self._status)
            self.tabs = QTabWidget()
            for title, factory in TAB_FACTORIES:
                self.tabs.addTab(
                    LazyTab(factory, self.ctx), QCoreApplication.translate("MainWindow", title)
                )
            self.score_tab = ScoreTab(self.ctx)
            self.score_tab.export_pdf_requested.connect(self.export_pdf)
            self.score_tab.audit_log_requested.connect(self.show_audit_log)
            self.tabs.addTab(self.score_tab, ScoreTab.title())
            apply_read_only(self.score_tab, self.ef.readonly)
            self.tabs.setCurrentWidget(self.score_tab)
            # Read-only mode and changes made outside the program are said above the tabs.
            from jixiao.ui.file_safety import wrap_with_banner

            self.setCentralWidget(wrap_with_banner(self.tabs, self.ef))
        if old is not None:
            old.deleteLater()
        for action in getattr(self, "_file_actions", []):
            action.setEnabled(self.ef is not None)
        if self.ef is not None and self.ef.readonly:  # the editors that change the file
            for action in (self.indicator_action, self.properties_action, *self.undo_actions):
                action.setEnabled(False)

    def _welcome(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        label = QLabel(QCoreApplication.translate("MainWindow", "No evaluation file is open."))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("font-size: 16px")
        layout.addWidget(label)
        for text, slot in (
            (QCoreApplication.translate("MainWindow", "New evaluation…"), self.new_file),
            (QCoreApplication.translate("MainWindow", "Open…"), self.open_dialog),
            (
                QCoreApplication.translate("MainWindow", "Open the sample evaluation"),
                self.open_sample,
            ),
        ):
            button = QPushButton(text)
            button.setMinimumWidth(260)
            button.clicked.connect(slot)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return page

    def _update_title(self) -> None:
        app = QCoreApplication.translate("MainWindow", APP_TITLE)
        self.setWindowTitle(f"{self.ef.path.name} — {app}" if self.ef else app)
        self.setWindowFilePath(str(self.ef.path) if self.ef else "")

    def tab(self, index: int) -> QWidget:
        """The real widget of tab ``index`` (building it if it was never shown)."""
        widget = self.tabs.widget(index)
        return widget.build() if isinstance(widget, LazyTab) else widget

    def _status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    # -------------------------------------------------------------- files
    def set_file(self, ef: EvaluationFile | None) -> None:
        if self.ef is not None:
            store_pending_typing(self)
        self.hub.discard_pending()  # about the file being closed; its tabs are going too
        if self.ef is not None:
            self.ef.close()
        self.ef = ef
        self.undo.clear()
        if ef is not None:
            ef.user = self.settings.user_name or ef.user
            ef.acquire_lock()
            self.settings.add_recent(ef.path)
            self._fill_recent_menu()
        self._build_central()
        self._update_title()

    def open_path(self, path: Path) -> bool:
        # Storage (sqlite-utils, migrations) loads with the first file, after the first paint.
        from jixiao.ui.file_safety import open_evaluation

        try:
            ef = open_evaluation(self, path, user=self.settings.user_name)
        except (UserError, OSError) as exc:
            QMessageBox.critical(
                self, QCoreApplication.translate("MainWindow", "Cannot open file"), str(exc)
            )
            if not Path(path).exists():
                self.settings.remove_recent(str(path))
                self._fill_recent_menu()
            return False
        if ef is None:  # someone else has it open and the user cancelled
            return False
        self.set_file(ef)
        self._status(QCoreApplication.translate("MainWindow", "Opened %1").replace("%1", str(path)))
        return True

    def open_dialog(self) -> None:
        start = (
            str(Path(self.settings.last_file).parent)
            if self.settings.last_file
            else str(Path.home())
        )
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("MainWindow", "Open evaluation"),
            start,
            QCoreApplication.translate("MainWindow", FILE_FILTER),
        )
        if path:
            self.open_path(Path(path))

    def open_sample(self) -> bool:
        from jixiao.importers.sample import create_sample

        target = paths.user_data_dir() / "样例-2021南京市政务信息化专项资金.jixiao"
        if not target.exists():
            try:
                create_sample(target, user=self.settings.user_name).close()
            except (UserError, OSError) as exc:
                QMessageBox.critical(
                    self, QCoreApplication.translate("MainWindow", "Cannot open file"), str(exc)
                )
                return False
        return self.open_path(target)

    def new_file(self) -> None:
        from jixiao.ui.dialogs.new_evaluation_dialog import ask_new_evaluation

        answer = ask_new_evaluation(self)
        if not answer:
            return
        path, system, fund, year, unit = answer
        path = _jixiao_path(Path(path))
        from jixiao.storage.evaluation_file import EvaluationFile

        try:
            ef = EvaluationFile.create(
                path, system, fund=fund, year=year, unit=unit, user=self.settings.user_name
            )
        except (UserError, OSError) as exc:
            QMessageBox.critical(
                self, QCoreApplication.translate("MainWindow", "Cannot create file"), str(exc)
            )
            return
        self.set_file(ef)

    def _ask_target(self, title: str) -> Path | None:
        assert self.ef is not None
        path, _ = QFileDialog.getSaveFileName(
            self,
            title,
            str(self.ef.path.with_name(self.ef.path.stem + "-副本.jixiao")),
            QCoreApplication.translate("MainWindow", FILE_FILTER),
        )
        if not path:
            return None
        target = _jixiao_path(Path(path))
        if target.resolve() == self.ef.path.resolve():
            QMessageBox.warning(
                self,
                title,
                QCoreApplication.translate(
                    "MainWindow", "Choose a different file from the one that is open."
                ),
            )
            return None
        return target

    def save_as(self, target: Path | None = None) -> None:
        """Copy with the SQLite backup API, then continue working in the copy."""
        target = target or self._ask_target(QCoreApplication.translate("MainWindow", "Save as"))
        if target is None or self.ef is None:
            return
        try:
            self.ef.backup_to(target)
        except (OSError, UserError) as exc:
            QMessageBox.critical(
                self, QCoreApplication.translate("MainWindow", "Save as"), str(exc)
            )
            return
        self.open_path(target)

    def backup(self, target: Path | None = None) -> None:
        target = target or self._ask_target(QCoreApplication.translate("MainWindow", "Back up to"))
        if target is None or self.ef is None:
            return
        try:
            self.ef.backup_to(target)
        except (OSError, UserError) as exc:
            QMessageBox.critical(
                self, QCoreApplication.translate("MainWindow", "Back up to"), str(exc)
            )
            return
        self._status(
            QCoreApplication.translate("MainWindow", "Backed up to %1").replace("%1", str(target))
        )

    # -------------------------------------------------------------- other actions
    def show_trust_list(self) -> None:
        from jixiao.ui.file_safety import TrustListDialog

        TrustListDialog(self).exec()

    def export_pdf(self) -> None:
        from jixiao.ui.dialogs.export_pdf_dialog import run_export_pdf_dialog

        if self.ctx is not None:
            run_export_pdf_dialog(self.ctx, self, settings=self.settings)

    def verify_pdf(self) -> None:
        from jixiao.ui.dialogs.export_pdf_dialog import run_verify_pdf_dialog

        run_verify_pdf_dialog(self, ef=self.ef)

    def edit_indicators(self) -> None:
        from jixiao.ui.dialogs.indicator_editor import open_indicator_editor

        if self.ctx is not None:
            open_indicator_editor(self.ctx, self)

    def edit_properties(self) -> None:
        from jixiao.ui.dialogs.evaluation_properties_dialog import open_evaluation_properties

        open_evaluation_properties(self.ctx, self)

    def template_library(self) -> None:
        from jixiao.ui.dialogs.template_library_dialog import open_template_library

        open_template_library(self.ctx, self)

    def show_about(self) -> None:
        from jixiao.ui.dialogs.about_dialog import AboutDialog

        AboutDialog(self).exec()

    def show_audit_log(self) -> None:
        from jixiao.ui.dialogs.audit_log_dialog import AuditLogDialog

        if self.ef is not None:
            AuditLogDialog(self.ef.audit_log(), self).exec()

    def edit_settings(self) -> None:
        from jixiao.ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings.language, self.settings.user_name, self)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        self.settings.user_name = dialog.user_name.text()
        if self.ef is not None and self.settings.user_name:
            self.ef.user = self.settings.user_name
        language = dialog.language.currentData()
        if language != self.settings.language:
            self.set_language(language)

    def set_language(self, language: str) -> None:
        """Switch the interface language at once: reinstall translators, rebuild the widgets."""
        self.settings.language = language
        self.retranslate(language)
        self._build()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.save_geometry(self.saveGeometry())
        self.settings.sync()
        if self.ef is not None:
            store_pending_typing(self)
            self.ef.close()
            self.ef = None
        super().closeEvent(event)
