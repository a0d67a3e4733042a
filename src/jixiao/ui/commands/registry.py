"""Undoable writes of the project registry (the one op base: jixiao.ui.operations)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QCoreApplication,
)

from jixiao.core.projects import (
    DENOMINATORS,
    Project,
)
from jixiao.importers.projects import (
    align_amounts,
)
from jixiao.storage.evaluation_file import UpsertReport
from jixiao.ui.context import Change, TabContext, What
from jixiao.ui.operations import UndoableOp


class _ProjectCommand(UndoableOp):
    """A write to the registry; ``changed_ids``: the projects it touched, so the registry
    re-reads just those rows (None: rows were added or removed, re-read everything)."""

    what = What.PROJECTS
    changed_ids: list[int] | None = None

    def __init__(self, ctx: TabContext, text: str):
        super().__init__(ctx, text)

    def change(self) -> Change:
        ids = tuple(self.changed_ids) if self.changed_ids is not None else None
        return Change(What.PROJECTS, ids)


class AddProjectCommand(_ProjectCommand):
    def __init__(self, ctx: TabContext, project: Project):
        super().__init__(
            ctx,
            QCoreApplication.translate("RegistryTab", "Add project “%1”").replace(
                "%1", project.name
            ),
        )
        self.project = project

    def do(self) -> None:
        if self.project.id is None:
            new_id = self.ef.add_project(self.project)
            self.project = self.ef.project(new_id)  # with its id and 序号
        else:  # redo after undo: same id, so later commands on the stack still match
            self.ef.restore_project(self.project, reason="重做新增")

    def revert(self) -> None:
        assert self.project.id is not None
        self.ef.delete_project(self.project.id, reason="撤销新增")


class EditProjectCommand(_ProjectCommand):
    def __init__(self, ctx: TabContext, old: Project, new: Project):
        super().__init__(
            ctx,
            QCoreApplication.translate("RegistryTab", "Edit project “%1”").replace("%1", new.name),
        )
        self.old, self.new = old, new
        self.changed_ids = [new.id] if new.id is not None else None

    def do(self) -> None:
        self.ef.update_project(self.new)

    def revert(self) -> None:
        self.ef.update_project(self.old, reason="撤销修改")


class DeleteProjectsCommand(_ProjectCommand):
    def __init__(self, ctx: TabContext, projects: Sequence[Project]):
        text = (
            QCoreApplication.translate("RegistryTab", "Delete project “%1”").replace(
                "%1", projects[0].name
            )
            if len(projects) == 1
            else QCoreApplication.translate("RegistryTab", "Delete %1 projects").replace(
                "%1", str(len(projects))
            )
        )
        super().__init__(ctx, text)
        self.projects = list(projects)

    def do(self) -> None:
        with self.ef.batch():  # one re-score for many rows
            for project in self.projects:
                assert project.id is not None
                self.ef.delete_project(project.id)

    def revert(self) -> None:
        with self.ef.batch():  # one re-score for many rows
            for project in self.projects:
                self.ef.restore_project(project, reason="撤销删除")


class ImportProjectsCommand(_ProjectCommand):
    """upsert_projects (all or nothing); undo puts back the registry as it was."""

    def __init__(
        self,
        ctx: TabContext,
        projects: Sequence[Project],
        source: str,
        provided: Sequence[str] | None = None,
    ):
        super().__init__(
            ctx, QCoreApplication.translate("RegistryTab", "Import %1").replace("%1", source)
        )
        self.projects = list(projects)
        self.source = source
        self.provided = None if provided is None else list(provided)
        self.report: UpsertReport | None = None
        self._before: list[Project] = []

    def do(self) -> None:
        self._before = self.ef.projects()
        projects = align_amounts(self._before, self.projects, self.provided)
        self.report = self.ef.upsert_projects(projects, reason=f"导入 {self.source}")

    def revert(self) -> None:
        before = {p.id: p for p in self._before}
        with self.ef.batch():  # one re-score for many rows
            for project in self.ef.projects():
                old = before.pop(project.id, None)
                if old is None:
                    assert project.id is not None
                    self.ef.delete_project(project.id, reason=f"撤销导入 {self.source}")
                elif old != project:
                    self.ef.update_project(old, reason=f"撤销导入 {self.source}")
            for old in before.values():
                self.ef.restore_project(old, reason=f"撤销导入 {self.source}")


class SetDenominatorCommand(_ProjectCommand):
    def __init__(self, ctx: TabContext, old: str, new: str):
        super().__init__(
            ctx,
            QCoreApplication.translate("RegistryTab", "Execution-rate denominator: %1").replace(
                "%1", DENOMINATORS.get(new, new)
            ),
        )
        self.old, self.new = old, new
        self.changed_ids = []  # no project changed; the summary is recalculated

    def do(self) -> None:
        self.ef.set_setting("execution_denominator", self.new, reason="预算执行率分母")

    def revert(self) -> None:
        self.ef.set_setting("execution_denominator", self.old, reason="撤销")


# ============================================================================ widgets
