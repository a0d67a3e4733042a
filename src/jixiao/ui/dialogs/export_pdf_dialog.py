"""导出 PDF: layout, orientation, appendices and an optional digital signature; and 验证签名.

The data is read from the file on the GUI thread (SQLite connections belong to it); the
layout, signing and writing run on a worker thread behind a progress dialog, and the result
is opened through an injectable opener (tests pass a recorder instead of a PDF viewer).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from jixiao.export.pdf_common import (
    APPENDIX_AUDIT,
    APPENDIX_EVIDENCE,
    LAYOUT_NATIONAL,
    LAYOUT_SEED,
    ExportError,
    ExportOptions,
    RenderedPdf,
    ReportData,
    collect,
    current_fingerprint,
    render,
    write_bytes,
)
from jixiao.export.pkcs11_signing import Pkcs11Session, sign_rendered_pkcs11
from jixiao.export.signing import (
    Certificate,
    SigningError,
    VerifyReport,
    load_pkcs12,
    sign_rendered,
    verify_pdf,
)
from jixiao.storage.national_form import file_warnings
from jixiao.ui.context import TabContext
from jixiao.ui.dialogs.ukey_signing_panel import SigningSettings, UkeySigningPanel
from jixiao.ui.widgets.warning_strip import WarningStrip, confirm_signing
from jixiao.ui.workers import Task

Opener = Callable[[Path], object]
log = logging.getLogger("jixiao.export")


def open_with_system_viewer(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def default_output(ef_path: Path) -> Path:
    return ef_path.with_name(f"{ef_path.stem}-评分表.pdf")


def export_job(
    data: ReportData,
    options: ExportOptions,
    out: Path,
    cert: Certificate | None,
    sign: Callable[[RenderedPdf], bytes] | None = None,
) -> Path:
    """What the worker thread does: no widgets, no database. ``sign`` signs on a UKey."""
    try:
        rendered = render(data, options)
        if sign is not None:
            payload = sign(rendered)
        else:
            payload = sign_rendered(rendered, cert) if cert is not None else rendered.data
        write_bytes(out, payload)
    except (ExportError, SigningError) as exc:
        raise ValueError(str(exc)) from None  # the worker shows ValueError messages as they are
    except OSError as exc:
        raise ValueError(f"无法写入 {out}：{exc.strerror or exc}") from None
    except Exception as exc:  # a bug: keep the traceback in the log, give the user one sentence
        log.exception("PDF export failed")
        raise ValueError(f"导出 PDF 时发生内部错误：{type(exc).__name__}: {exc}") from None
    return out


class ExportPdfDialog(QDialog):
    exported = Signal(object)  # Path of the written PDF
    failed = Signal(str)

    def __init__(
        self,
        ctx: TabContext,
        parent: QWidget | None = None,
        *,
        opener: Opener | None = None,
        font_dirs: list[Path] | None = None,
        settings: SigningSettings | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.ukey_session: Pkcs11Session | None = None
        self.opener: Opener = opener or open_with_system_viewer
        self.font_dirs = font_dirs
        self.result_path: Path | None = None
        self.task: Task | None = None
        self.progress: QProgressDialog | None = None
        self.setWindowTitle(QCoreApplication.translate("ExportPdfDialog", "Export PDF score table"))
        self.setMinimumWidth(560)

        layout = QVBoxLayout(self)
        # Issue 16: a sheet that disagrees with itself says so before it is printed or signed.
        self.warning_strip = WarningStrip()
        self.warning_strip.show_warnings(file_warnings(ctx.ef))
        layout.addWidget(self.warning_strip)
        form = QFormLayout()
        self.out_edit = QLineEdit(str(default_output(Path(ctx.ef.path))))
        browse_out = QPushButton(QCoreApplication.translate("ExportPdfDialog", "Browse…"))
        browse_out.clicked.connect(self._choose_output)
        row = QHBoxLayout()
        row.addWidget(self.out_edit, 1)
        row.addWidget(browse_out)
        form.addRow(QCoreApplication.translate("ExportPdfDialog", "Save as:"), row)

        self.layout_combo = QComboBox()
        self.layout_combo.addItem(
            QCoreApplication.translate(
                "ExportPdfDialog", "Score table (as in the evaluation report)"
            ),
            LAYOUT_SEED,
        )
        self.layout_combo.addItem(
            QCoreApplication.translate(
                "ExportPdfDialog", "National project expenditure self-evaluation form"
            ),
            LAYOUT_NATIONAL,
        )
        form.addRow(QCoreApplication.translate("ExportPdfDialog", "Layout:"), self.layout_combo)
        self.codes_box = QCheckBox(
            QCoreApplication.translate(
                "ExportPdfDialog", "Print indicator codes on the national form"
            )
        )
        form.addRow("", self.codes_box)

        self.portrait = QRadioButton(QCoreApplication.translate("ExportPdfDialog", "A4 portrait"))
        self.landscape = QRadioButton(QCoreApplication.translate("ExportPdfDialog", "A4 landscape"))
        self.portrait.setChecked(True)
        self._orientation = QButtonGroup(self)
        self._orientation.addButton(self.portrait)
        self._orientation.addButton(self.landscape)
        row = QHBoxLayout()
        row.addWidget(self.portrait)
        row.addWidget(self.landscape)
        row.addStretch(1)
        form.addRow(QCoreApplication.translate("ExportPdfDialog", "Page:"), row)

        self.evidence_box = QCheckBox(
            QCoreApplication.translate("ExportPdfDialog", "Evidence list with SHA-256 checksums")
        )
        self.audit_box = QCheckBox(
            QCoreApplication.translate(
                "ExportPdfDialog", "Log of adjusted scores and their reasons"
            )
        )
        column = QVBoxLayout()
        column.addWidget(self.evidence_box)
        column.addWidget(self.audit_box)
        form.addRow(QCoreApplication.translate("ExportPdfDialog", "Appendices:"), column)
        layout.addLayout(form)

        self.sign_group = QGroupBox(QCoreApplication.translate("ExportPdfDialog", "Sign digitally"))
        self.sign_group.setCheckable(True)
        self.sign_group.setChecked(False)
        sign_form = QFormLayout(self.sign_group)
        # Two sources of the signing key: a certificate file, or a UKey through PKCS#11.
        self.p12_radio = QRadioButton(
            QCoreApplication.translate("ExportPdfDialog", "Certificate file (PKCS#12)")
        )
        self.p12_radio.setChecked(True)
        self.ukey = UkeySigningPanel(settings, self.sign_group)
        self._source = QButtonGroup(self)
        self._source.addButton(self.p12_radio)
        self._source.addButton(self.ukey.radio)
        sign_form.addRow(self.p12_radio)
        self.cert_edit = QLineEdit()
        self.cert_edit.setPlaceholderText(
            QCoreApplication.translate("ExportPdfDialog", "Certificate file (.p12 / .pfx)")
        )
        browse_cert = QPushButton(QCoreApplication.translate("ExportPdfDialog", "Browse…"))
        browse_cert.clicked.connect(self._choose_certificate)
        row = QHBoxLayout()
        row.addWidget(self.cert_edit, 1)
        row.addWidget(browse_cert)
        sign_form.addRow(QCoreApplication.translate("ExportPdfDialog", "Certificate:"), row)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        sign_form.addRow(
            QCoreApplication.translate("ExportPdfDialog", "Password:"), self.password_edit
        )
        sign_form.addRow(self.ukey)
        for widget in (self.cert_edit, browse_cert, self.password_edit):
            self.ukey.radio.toggled.connect(lambda on, w=widget: w.setEnabled(not on))
        self.ukey.choose_button.setEnabled(False)
        self.ukey.radio.toggled.connect(self.ukey.choose_button.setEnabled)
        note = QLabel(
            QCoreApplication.translate(
                "ExportPdfDialog",
                "The signature appears in the sign-off block on the last page. "
                "No network access is needed.",
            )
        )
        note.setWordWrap(True)
        sign_form.addRow(note)
        layout.addWidget(self.sign_group)

        self.open_box = QCheckBox(
            QCoreApplication.translate("ExportPdfDialog", "Open the PDF after exporting")
        )
        self.open_box.setChecked(True)
        layout.addWidget(self.open_box)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #B00020;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        layout.addWidget(self.error_label)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            QCoreApplication.translate("ExportPdfDialog", "Export"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    # ------------------------------------------------------------------ choices
    def _choose_output(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("ExportPdfDialog", "Save PDF as"),
            self.out_edit.text(),
            "PDF (*.pdf)",
        )
        if path:
            self.out_edit.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def _choose_certificate(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("ExportPdfDialog", "Choose certificate"),
            self.cert_edit.text(),
            QCoreApplication.translate("ExportPdfDialog", "PKCS#12 certificate (*.p12 *.pfx)"),
        )
        if path:
            self.cert_edit.setText(path)

    def options(self) -> ExportOptions:
        appendices = set()
        if self.evidence_box.isChecked():
            appendices.add(APPENDIX_EVIDENCE)
        if self.audit_box.isChecked():
            appendices.add(APPENDIX_AUDIT)
        return ExportOptions(
            layout=self.layout_combo.currentData(),
            landscape=self.landscape.isChecked(),
            appendices=frozenset(appendices),
            font_dirs=self.font_dirs,
            codes=self.codes_box.isChecked(),
        )

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self.failed.emit(message)

    # ------------------------------------------------------------------ export
    def start_export(self) -> None:
        """Check the choices, read the data here, then render and sign on a worker thread."""
        self.error_label.hide()
        text = self.out_edit.text().strip()
        if not text:
            self.show_error(
                QCoreApplication.translate("ExportPdfDialog", "Choose where to save the PDF.")
            )
            return
        out = Path(text)
        if out.suffix.lower() != ".pdf":
            out = out.with_name(out.name + ".pdf")
        cert = None
        sign = None
        if self.sign_group.isChecked() and self.ukey.radio.isChecked():
            try:
                self.ukey_session = self.ukey.open_session()
            except SigningError as exc:
                self.show_error(str(exc))
                return
            if self.ukey_session is None:
                return  # the user cancelled the chooser or the PIN
            sign = partial(sign_rendered_pkcs11, session=self.ukey_session)
        elif self.sign_group.isChecked():
            if not self.cert_edit.text().strip():
                self.show_error(
                    QCoreApplication.translate(
                        "ExportPdfDialog", "Choose a certificate file, or turn off signing."
                    )
                )
                return
            try:
                cert = load_pkcs12(self.cert_edit.text().strip(), self.password_edit.text())
            except SigningError as exc:
                self.show_error(str(exc))
                return
        try:
            data = collect(self.ctx.ef)
            options = self.options()
        except ExportError as exc:
            self._close_ukey()
            self.show_error(str(exc))
            return
        signing = cert is not None or sign is not None
        if signing and data.warnings and not confirm_signing(self, data.warnings):
            self._close_ukey()
            self.show_error(
                QCoreApplication.translate(
                    "ExportPdfDialog", "Not signed: the score sheet disagrees with itself."
                )
            )
            return
        self.export_button.setEnabled(False)
        self.progress = QProgressDialog(
            QCoreApplication.translate("ExportPdfDialog", "Exporting PDF…"), "", 0, 0, self
        )
        self.progress.setWindowTitle(
            QCoreApplication.translate("ExportPdfDialog", "Export PDF score table")
        )
        self.progress.setCancelButton(None)  # a render cannot be interrupted halfway; it is short
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.task = Task(
            lambda progress, cancelled: export_job(data, options, out, cert, sign), self
        )
        self.task.succeeded.connect(self._on_done)
        self.task.failed.connect(self._on_failed)
        self.task.start()

    def _close_ukey(self) -> None:
        if self.ukey_session is not None:
            self.ukey_session.close()  # logs out of the UKey
            self.ukey_session = None

    def _close_progress(self) -> None:
        self._close_ukey()
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None
        self.export_button.setEnabled(True)

    def _on_done(self, path: object) -> None:
        self._close_progress()
        self.result_path = Path(str(path))
        self.ctx.status(
            QCoreApplication.translate("ExportPdfDialog", "PDF exported: %1").replace(
                "%1", str(self.result_path)
            )
        )
        if self.open_box.isChecked():
            self.opener(self.result_path)
        self.exported.emit(self.result_path)
        self.accept()

    def _on_failed(self, message: str) -> None:
        self._close_progress()
        self.show_error(message)


def run_export_pdf_dialog(
    ctx: TabContext,
    parent: QWidget | None,
    *,
    opener: Opener | None = None,
    settings: SigningSettings | None = None,
) -> Path | None:
    """The 导出 PDF action: returns the written PDF, or None when cancelled."""
    dialog = ExportPdfDialog(ctx, parent, opener=opener, settings=settings)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.result_path
        return None
    finally:
        dialog.deleteLater()


# ------------------------------------------------------------------ verification
class VerifyResultDialog(QDialog):
    """Shows the signer, the signing time and intact / modified, with the full report."""

    def __init__(self, report: VerifyReport, parent: QWidget | None = None):
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(QCoreApplication.translate("ExportPdfDialog", "Verify PDF signature"))
        self.resize(600, 380)
        layout = QVBoxLayout(self)
        if report.ok and report.fingerprint_matches is False:
            verdict, color = (
                QCoreApplication.translate(
                    "ExportPdfDialog",
                    "Signature intact, but the evaluation file's scores have changed since this PDF was exported.",
                ),
                "#8D6E00",
            )
        elif report.ok:
            verdict, color = (
                QCoreApplication.translate(
                    "ExportPdfDialog",
                    "Signature intact: the PDF has not been changed since it was signed.",
                ),
                "#1B5E20",
            )
        elif not report.signatures and not report.error:
            verdict, color = (
                QCoreApplication.translate("ExportPdfDialog", "This PDF has no digital signature."),
                "#8D6E00",
            )
        else:
            verdict, color = (
                QCoreApplication.translate(
                    "ExportPdfDialog",
                    "Verification failed: the PDF was changed after signing, or the signature is invalid.",
                ),
                "#B00020",
            )
        self.verdict = QLabel(verdict)
        self.verdict.setWordWrap(True)
        self.verdict.setStyleSheet(f"font-weight: bold; color: {color};")
        layout.addWidget(self.verdict)
        self.details = QPlainTextEdit(report.text())
        self.details.setReadOnly(True)
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)


def run_verify_pdf_dialog(
    parent: QWidget | None,
    path: Path | None = None,
    *,
    ef: object | None = None,
    show: Callable[[QDialog], object] | None = None,
) -> None:
    """The 验证签名 action: choose a PDF (unless ``path`` is given), verify it, show the result.

    With ``ef`` (the open evaluation file) the PDF's data fingerprint is also compared with it."""
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("ExportPdfDialog", "Verify PDF signature"),
            "",
            "PDF (*.pdf)",
        )
        if not chosen:
            return
        path = Path(chosen)
    report = verify_pdf(path)
    if ef is not None:
        report.expected_fingerprint = current_fingerprint(ef)
    dialog = VerifyResultDialog(report, parent)
    if show is not None:
        show(dialog)
        return
    dialog.exec()
    dialog.deleteLater()
