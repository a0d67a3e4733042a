"""Undoable writes of the survey tab (the one op base: jixiao.ui.operations)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
)

from jixiao.core import survey as core
from jixiao.importers.survey import ParsedSurvey
from jixiao.storage import surveys as store
from jixiao.ui.context import (
    What,
)
from jixiao.ui.operations import UndoableOp

if TYPE_CHECKING:
    from jixiao.ui.tabs.survey_tab import SurveyTab


class _SurveyCommand(UndoableOp):
    """Writes through the context (file and hub), which outlives the tab: the shared undo
    stack may undo a survey import after the tab that made it is gone."""

    what = What.SURVEYS

    def __init__(self, tab: SurveyTab, text: str):
        super().__init__(tab.ctx, text)

    def _run(self, action: Callable[[], object]) -> None:
        # Storing 100,000 raw responses takes a second or two: show that the program is busy.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            action()
        finally:
            QApplication.restoreOverrideCursor()


class ImportSurveyCommand(_SurveyCommand):
    def __init__(
        self,
        tab: SurveyTab,
        parsed: ParsedSurvey,
        name: str,
        config: core.SurveyConfig,
        weight: Decimal | None,
    ):
        super().__init__(
            tab, QCoreApplication.translate("SurveyTab", "Import survey %1").replace("%1", name)
        )
        self.parsed: ParsedSurvey | None = parsed
        self.name, self.config, self.weight = name, config, weight
        self.survey_id: int | None = None
        self.snapshot: store.SurveySnapshot | None = None

    def do(self) -> None:
        ef = self.ctx.ef

        def write() -> None:
            if self.snapshot is not None:
                self.survey_id = store.restore_survey(ef, self.snapshot, reason="重做导入")
            else:
                assert self.parsed is not None
                self.survey_id = store.add_survey(
                    ef, self.parsed, self.name, self.config, weight=self.weight
                )
                self.parsed = None  # the rows now live in the file (and in the snapshot after undo)

        self._run(write)

    def revert(self) -> None:
        if self.survey_id is None:
            return
        survey_id = self.survey_id

        def write() -> None:
            self.snapshot = store.delete_survey(self.ctx.ef, survey_id, reason="撤销导入")

        self._run(write)


class RemoveSurveyCommand(_SurveyCommand):
    def __init__(self, tab: SurveyTab, survey_id: int, name: str):
        super().__init__(
            tab, QCoreApplication.translate("SurveyTab", "Remove survey %1").replace("%1", name)
        )
        self.survey_id = survey_id
        self.snapshot: store.SurveySnapshot | None = None

    def do(self) -> None:
        def write() -> None:
            self.snapshot = store.delete_survey(self.ctx.ef, self.survey_id)

        self._run(write)

    def revert(self) -> None:
        if self.snapshot is not None:
            snapshot = self.snapshot
            self._run(lambda: store.restore_survey(self.ctx.ef, snapshot))


class EditSurveyCommand(_SurveyCommand):
    def __init__(
        self,
        tab: SurveyTab,
        survey: store.StoredSurvey,
        name: str,
        config: core.SurveyConfig,
        weight: Decimal | None,
    ):
        super().__init__(
            tab, QCoreApplication.translate("SurveyTab", "Edit survey %1").replace("%1", name)
        )
        self.survey_id = survey.id
        self.old = (survey.name, survey.config, survey.weight)
        self.new = (name, config, weight)

    def _apply(self, values: tuple[str, core.SurveyConfig, Decimal | None]) -> None:
        name, config, weight = values
        self._run(
            lambda: store.update_survey(
                self.ctx.ef, self.survey_id, name=name, config=config, weight=weight
            )
        )

    def do(self) -> None:
        self._apply(self.new)

    def revert(self) -> None:
        self._apply(self.old)


class CombineModeCommand(_SurveyCommand):
    def __init__(self, tab: SurveyTab, old: str, new: str):
        super().__init__(
            tab, QCoreApplication.translate("SurveyTab", "Change how surveys are combined")
        )
        self.old, self.new = old, new

    def do(self) -> None:
        self._run(lambda: store.set_combine_mode(self.ctx.ef, self.new))

    def revert(self) -> None:
        self._run(lambda: store.set_combine_mode(self.ctx.ef, self.old))
