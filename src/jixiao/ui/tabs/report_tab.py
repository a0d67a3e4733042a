"""The 绩效自评价报告 tab: the outline on the left, the section's text on the right with its
figure references highlighted, a preview of the section as it will be exported (generated
figures marked), the checks (figures typed by hand that no longer match), and export.

Edits are saved when the person pauses, leaves the editor or picks another section; each save
is one step on the window's undo stack.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.report_figures import figures, lookup
from jixiao.core.report_model import PREAMBLE_LABEL, Report
from jixiao.core.report_text import available_figures, problem_draft
from jixiao.storage import report_store
from jixiao.ui.context import Change, TabContext, What, as_change
from jixiao.ui.operations import UndoableOp, run_op
from jixiao.ui.tabs.base import BaseTab
from jixiao.ui.widgets.report_editor import ReportEditor, section_html

PROBLEMS_KEY = "4"  # 四、存在的问题及原因分析
KEY_ROLE = Qt.ItemDataRole.UserRole
SAVE_DELAY_MS = 1200


class SetSectionTextCommand(UndoableOp):
    """One saved edit of a section (None = back to the program's draft)."""

    what = What.REPORT

    def __init__(self, ctx: TabContext, key: str, heading: str, old: str | None, new: str | None):
        super().__init__(
            ctx,
            QCoreApplication.translate("ReportTab", "Edit report section %1").replace(
                "%1", heading or PREAMBLE_LABEL
            ),
        )
        self.key, self.old, self.new = key, old, new

    def do(self) -> None:
        report_store.set_section_text(self.ef, self.key, self.new)

    def revert(self) -> None:
        reason = QCoreApplication.translate("ReportTab", "Undo")
        report_store.set_section_text(self.ef, self.key, self.old, reason=reason)


class ReportTab(BaseTab):
    def __init__(self, ctx: TabContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.current_key = "0"
        self._loading = False
        self._stale = False
        self._loaded_key: str | None = None  # the section whose text the editor holds
        self.report: Report | None = None
        self._build()
        ctx.hub.changed.connect(self._on_changed)
        self.refresh()
        self.select_section("0")

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("ReportTab", "Report")

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.figure_button = QToolButton()
        self.figure_button.setText(QCoreApplication.translate("ReportTab", "Insert figure"))
        self.figure_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.figure_menu = QMenu(self.figure_button)
        self.figure_menu.aboutToShow.connect(self._fill_figure_menu)
        self.figure_button.setMenu(self.figure_menu)
        self.draft_button = QPushButton(
            QCoreApplication.translate("ReportTab", "Restore generated text")
        )
        self.draft_button.clicked.connect(self.restore_draft)
        self.problems_button = QPushButton(
            QCoreApplication.translate("ReportTab", "Insert problems from deductions")
        )
        self.problems_button.setToolTip(
            QCoreApplication.translate(
                "ReportTab", "One problem heading per deduction on the score sheet, to expand"
            )
        )
        self.problems_button.clicked.connect(self.insert_problems)
        self.whole = QCheckBox(QCoreApplication.translate("ReportTab", "Preview the whole report"))
        self.whole.toggled.connect(self._show_preview)
        self.word_button = QPushButton(QCoreApplication.translate("ReportTab", "Export Word…"))
        self.word_button.clicked.connect(lambda: self.export(".docx"))
        self.pdf_button = QPushButton(QCoreApplication.translate("ReportTab", "Export PDF…"))
        self.pdf_button.clicked.connect(lambda: self.export(".pdf"))
        self.sign = QCheckBox(QCoreApplication.translate("ReportTab", "Sign the PDF"))
        for w in (self.figure_button, self.draft_button, self.problems_button, self.whole):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.word_button, self.pdf_button, self.sign):
            bar.addWidget(w)
        layout.addLayout(bar)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.outline = QTreeWidget()
        self.outline.setHeaderHidden(True)
        self.outline.setMinimumWidth(260)
        self._items: dict[str, QTreeWidgetItem] = {}
        stack: list[tuple[int, QTreeWidgetItem | None]] = [(-1, None)]
        for row in report_store.sections(self.ctx.ef):
            while stack[-1][0] >= row.level and len(stack) > 1:
                stack.pop()
            parent = stack[-1][1]
            item = QTreeWidgetItem([row.heading or PREAMBLE_LABEL])
            item.setData(0, KEY_ROLE, row.key)
            if parent is None:
                self.outline.addTopLevelItem(item)
            else:
                parent.addChild(item)
            stack.append((row.level, item))
            self._items[row.key] = item
        self.outline.expandAll()
        self.outline.currentItemChanged.connect(self._section_changed)
        split.addWidget(self.outline)

        right = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        self.state = QLabel()
        top_layout.addWidget(self.state)
        self.editor = ReportEditor(self._figure_tip)
        self.editor.setPlaceholderText(
            QCoreApplication.translate(
                "ReportTab", "Write this section here. Figures: Insert figure."
            )
        )
        self.editor.textChanged.connect(self._text_changed)
        self.editor.installEventFilter(self)
        top_layout.addWidget(self.editor)
        right.addWidget(top)
        self.preview = QTextBrowser()
        right.addWidget(self.preview)
        self.checks = QListWidget()
        self.checks.itemActivated.connect(self._finding_activated)
        self.checks.itemClicked.connect(self._finding_activated)
        right.addWidget(self.checks)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 3)
        right.setStretchFactor(2, 1)
        split.addWidget(right)
        split.setStretchFactor(1, 4)
        layout.addWidget(split)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.commit)

    # ------------------------------------------------------------------ state
    def set_read_only(self, read_only: bool) -> None:
        view = (self.outline, self.whole, self.preview, self.checks, self.word_button)
        self.lock_editing(read_only, (*view, self.pdf_button, self.sign))

    def refresh(self) -> None:
        """Re-read the report (figures follow the data) and show it."""
        self.report = report_store.build(self.ctx.ef)
        for section in self.report.sections:
            item = self._items.get(section.key)
            if item is None:
                continue
            label = section.heading or PREAMBLE_LABEL
            item.setText(0, f"⚠ {label}" if section.findings else label)
            font = item.font(0)
            font.setItalic(section.drafted)
            item.setFont(0, font)
            item.setToolTip(
                0,
                QCoreApplication.translate("ReportTab", "Generated from the data")
                if section.drafted
                else QCoreApplication.translate("ReportTab", "Edited text"),
            )
        self.checks.clear()
        for finding in self.report.findings:
            entry = QListWidgetItem(f"⚠ {finding.where}：{finding.message}")
            entry.setData(KEY_ROLE, finding.section)
            entry.setForeground(QColor("#B00020"))
            self.checks.addItem(entry)
        if not self.report.findings:
            self.checks.addItem(
                QCoreApplication.translate(
                    "ReportTab", "No figure in the report contradicts the data."
                )
            )
        self._show_state()
        self._show_preview()

    def _on_changed(self, change: Change | str) -> None:
        what = as_change(change).what
        if not self.isVisible() and what != What.REPORT:
            self._stale = True  # re-read when shown: building the report costs a re-score
            return
        self.refresh()
        if self.timer.isActive():
            return  # the person is typing: what they type wins (it is saved in a moment)
        # An undo/redo shows the stored text again; an untouched draft follows the data.
        if what == What.REPORT or self._stored_text() is None:
            self._load_editor()

    def showEvent(self, event) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
            if self._stored_text() is None:
                self._load_editor()
        super().showEvent(event)

    def select_section(self, key: str) -> None:
        item = self._items.get(key)
        if item is not None:
            self.outline.setCurrentItem(item)

    def _section_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        if current is None:
            return
        self.commit()
        self.current_key = str(current.data(0, KEY_ROLE))
        self._load_editor()
        self._show_state()
        self._show_preview()

    def _stored_text(self) -> str | None:
        return report_store.section(self.ctx.ef, self.current_key).text

    def _shown_text(self) -> str:
        return report_store.section_text(self.ctx.ef, self.current_key)

    def _load_editor(self) -> None:
        self.timer.stop()
        self._loading = True
        try:
            text = self._shown_text()
            if self.editor.toPlainText() != text:
                self.editor.setPlainText(text)
            self._loaded_key = self.current_key
        finally:
            self._loading = False

    def _show_state(self) -> None:
        stored = report_store.section(self.ctx.ef, self.current_key)
        if stored.text is None:
            self.state.setText(
                QCoreApplication.translate(
                    "ReportTab", "Generated from the data; edit it to make it yours."
                )
            )
        else:
            self.state.setText(
                QCoreApplication.translate("ReportTab", "Edited by %1 at %2")
                .replace("%1", stored.updated_by)
                .replace("%2", stored.updated_at.replace("T", " "))
            )
        self.draft_button.setEnabled(stored.text is not None)
        self.problems_button.setVisible(self.current_key == PROBLEMS_KEY)

    def _text_changed(self) -> None:
        if not self._loading:
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The window may have closed the file before the editor loses focus.
        focus_out = watched is self.editor and event.type() == QEvent.Type.FocusOut
        if focus_out and not self.ctx.ef.closed and not self.read_only:
            self.commit()
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ edits
    def commit(self, follow: bool = False) -> None:
        """Save the editor's text as one undo step, if it differs from what is stored.
        From a focus change, a timer or the outline's signal the other tabs follow on the
        next turn of the event loop (``follow=False``); from a button at once."""
        self.timer.stop()
        if self._loaded_key != self.current_key:
            return  # the editor does not hold this section's text (yet)
        text = self.editor.toPlainText()
        old = self._stored_text()
        shown = old if old is not None else self._shown_text()
        if text == shown:
            return
        heading = report_store.section(self.ctx.ef, self.current_key).heading
        op = SetSectionTextCommand(self.ctx, self.current_key, heading, old, text)
        run_op(self.ctx, op, follow=follow)

    def restore_draft(self) -> None:
        self.timer.stop()
        old = self._stored_text()
        if old is None:
            return
        heading = report_store.section(self.ctx.ef, self.current_key).heading
        run_op(self.ctx, SetSectionTextCommand(self.ctx, self.current_key, heading, old, None))
        self._load_editor()

    def _fill_figure_menu(self) -> None:
        self.figure_menu.clear()
        facts = report_store.facts(self.ctx.ef)
        no_data = QCoreApplication.translate("ReportTab", "no data")
        for fig in available_figures(facts):
            value = fig.value if fig.value is not None else f"（{fig.note or no_data}）"
            action = self.figure_menu.addAction(f"{fig.label}：{value}")
            action.triggered.connect(lambda _=False, k=fig.key: self.insert_figure(k))

    def insert_problems(self) -> None:
        """Append the deduction headings (section 四's draft) to the person's text."""
        draft = problem_draft(report_store.facts(self.ctx.ef))
        text = self.editor.toPlainText().rstrip("\n")
        self.editor.setPlainText(f"{text}\n{draft}" if text else draft)
        self.commit(follow=True)

    def _figure_tip(self, key: str) -> str:
        fig = lookup(key, figures(facts := report_store.facts(self.ctx.ef)), facts)
        value = fig.value if fig.value is not None else f"【{fig.note}】"
        return f"{fig.label}：{value}"

    def insert_figure(self, key: str) -> None:
        self.editor.insertPlainText("{{" + key + "}}")
        self.editor.setFocus()

    def _finding_activated(self, item: QListWidgetItem) -> None:
        key = item.data(KEY_ROLE)
        if key:
            QTimer.singleShot(0, lambda: self.select_section(str(key)))

    # ------------------------------------------------------------------ preview
    def _show_preview(self) -> None:
        if self.report is None:
            return
        if self.whole.isChecked():
            sections = list(self.report.sections)
            body = f"<h2 align='center'>{html.escape(self.report.title)}</h2>"
        else:
            sections = [self.report.section(self.current_key)]
            body = ""
        body += "".join(section_html(s) for s in sections)
        self.preview.setHtml(f"<div style='font-size:13pt'>{body}</div>")

    def preview_text(self) -> str:
        return self.preview.toPlainText()

    # ------------------------------------------------------------------ export
    def export(self, suffix: str) -> None:
        from jixiao.export.pdf_common import ExportError
        from jixiao.export.report_export import export_report
        from jixiao.export.signing import SigningError, load_pkcs12

        self.commit(follow=True)
        assert self.report is not None
        name = f"{self.report.title}{suffix}"
        start = str(Path(self.ctx.ef.path).with_name(name))
        filters = (
            QCoreApplication.translate("ReportTab", "Word documents (*.docx)")
            if suffix == ".docx"
            else QCoreApplication.translate("ReportTab", "PDF files (*.pdf)")
        )
        path, _ = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("ReportTab", "Export report"), start, filters
        )
        if not path:
            return
        target = Path(path) if Path(path).suffix.lower() == suffix else Path(path + suffix)
        cert = None
        try:
            if suffix == ".pdf" and self.sign.isChecked():
                cert_path, _ = QFileDialog.getOpenFileName(
                    self,
                    QCoreApplication.translate("ReportTab", "Certificate"),
                    "",
                    QCoreApplication.translate("ReportTab", "Certificates (*.p12 *.pfx)"),
                )
                if not cert_path:
                    return
                password, ok = QInputDialog.getText(
                    self,
                    QCoreApplication.translate("ReportTab", "Certificate"),
                    QCoreApplication.translate("ReportTab", "Password:"),
                    QLineEdit.EchoMode.Password,
                )
                if not ok:
                    return
                cert = load_pkcs12(cert_path, password)
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                result = export_report(self.ctx.ef, target, cert=cert)
            finally:
                QGuiApplication.restoreOverrideCursor()
        except (ExportError, SigningError, OSError) as exc:
            QMessageBox.critical(
                self, QCoreApplication.translate("ReportTab", "Export report"), str(exc)
            )
            return
        message = QCoreApplication.translate("ReportTab", "Exported %1").replace(
            "%1", str(result.path)
        )
        if result.report.findings:
            message += QCoreApplication.translate("ReportTab", " — %1 figure(s) to check").replace(
                "%1", str(len(result.report.findings))
            )
        self.ctx.status(message)
