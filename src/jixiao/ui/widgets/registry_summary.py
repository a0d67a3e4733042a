"""The registry summary panel: the figures the score sheet uses, and the denominator choice."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QWidget,
)

from jixiao.core.numbers import fmt_money
from jixiao.core.projects import (
    DENOMINATORS,
    RegistrySummary,
    rate_text,
)


class SummaryPanel(QGroupBox):
    """The registry figures the score sheet uses (from core.projects.summarize)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(
            QCoreApplication.translate("RegistryTab", "Summary (used by the score sheet)"), parent
        )
        self.denominator = QComboBox()
        labels = {
            "budget": QCoreApplication.translate("RegistryTab", "Budget"),
            "adjusted_budget": QCoreApplication.translate("RegistryTab", "Adjusted budget"),
            "funds_in_place": QCoreApplication.translate("RegistryTab", "Funds in place"),
        }
        for key in DENOMINATORS:
            self.denominator.addItem(labels.get(key, key), key)
        self.denominator.setToolTip(
            QCoreApplication.translate(
                "RegistryTab",
                "Denominator of the budget execution rate (paid ÷ …), stored in the file",
            )
        )
        self.values: dict[str, QLabel] = {}
        form = QFormLayout(self)
        rows = [
            ("projects", QCoreApplication.translate("RegistryTab", "Projects")),
            ("units", QCoreApplication.translate("RegistryTab", "Construction units")),
            ("budget", QCoreApplication.translate("RegistryTab", "Σ budget (10k yuan)")),
            ("adjusted", QCoreApplication.translate("RegistryTab", "Σ adjusted budget")),
            ("in_place", QCoreApplication.translate("RegistryTab", "Σ funds in place")),
            ("paid", QCoreApplication.translate("RegistryTab", "Σ paid (10k yuan)")),
            ("in_place_rate", QCoreApplication.translate("RegistryTab", "Funds in place rate")),
            ("execution", QCoreApplication.translate("RegistryTab", "Budget execution rate")),
            ("completion", QCoreApplication.translate("RegistryTab", "Completion rate")),
            ("acceptance", QCoreApplication.translate("RegistryTab", "Acceptance rate")),
            ("timeliness", QCoreApplication.translate("RegistryTab", "Timeliness rate")),
        ]
        for key, label in rows:
            value = QLabel("—")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.values[key] = value
            form.addRow(label, value)
            if key == "in_place_rate":
                form.addRow(
                    QCoreApplication.translate("RegistryTab", "Execution rate denominator"),
                    self.denominator,
                )
        self.scope = QLabel()
        self.scope.setWordWrap(True)
        self.scope.setStyleSheet("color:#555")
        form.addRow(self.scope)

    def show_summary(self, s: RegistrySummary) -> None:
        def count(num: int, den: int) -> str:
            return f"（{num}/{den}）"

        v = self.values
        v["projects"].setText(str(s.projects))
        v["units"].setText(str(s.units))
        v["budget"].setText(fmt_money(s.budget))
        v["adjusted"].setText(fmt_money(s.adjusted_budget))
        v["in_place"].setText(fmt_money(s.funds_in_place))
        v["paid"].setText(fmt_money(s.paid))
        v["in_place_rate"].setText(rate_text(s.funds_in_place_rate))
        v["execution"].setText(rate_text(s.execution_rate))
        v["completion"].setText(rate_text(s.completion_rate) + count(s.completed, s.planned))
        v["acceptance"].setText(rate_text(s.acceptance_rate) + count(s.accepted, s.due))
        v["timeliness"].setText(rate_text(s.timeliness_rate) + count(s.on_time, s.timed))
        self.denominator.blockSignals(True)
        self.denominator.setCurrentIndex(max(0, self.denominator.findData(s.denominator)))
        self.denominator.blockSignals(False)
        if not s.projects:
            self.scope.setText(
                QCoreApplication.translate(
                    "RegistryTab",
                    "No projects yet: the score sheet uses the values entered by hand.",
                )
            )
        elif s.scope_sampled:
            self.scope.setText(
                QCoreApplication.translate(
                    "RegistryTab",
                    "Output rates are counted over the projects marked “sampled”; "
                    "money over all %1 projects.",
                ).replace("%1", str(s.projects))
            )
        else:
            self.scope.setText(
                QCoreApplication.translate(
                    "RegistryTab",
                    "No project is marked “sampled”: output rates are counted over all projects.",
                )
            )
