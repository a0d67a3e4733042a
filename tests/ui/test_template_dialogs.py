"""文件→新建 and the template library dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from jixiao.importers import template_library
from jixiao.storage.evaluation_file import EvaluationFile
from jixiao.ui.context import ChangeHub, TabContext
from jixiao.ui.dialogs.new_evaluation_dialog import NewEvaluationDialog
from jixiao.ui.dialogs.template_library_dialog import TemplateLibraryDialog
from jixiao.ui.fonts import ensure_cjk_font
from jixiao.ui.i18n import install_translators, remove_translators


@pytest.fixture
def chinese():
    app = QApplication.instance()
    ensure_cjk_font(app)
    translators = install_translators(app, "zh_CN")
    yield
    remove_translators(app, translators)


def test_new_evaluation_from_a_builtin_template(qtbot, tmp_path: Path) -> None:
    dialog = NewEvaluationDialog(folder=tmp_path)
    qtbot.addWidget(dialog)
    names = [dialog.template_combo.itemData(i) for i in range(dialog.template_combo.count())]
    index = next(i for i, p in enumerate(names) if Path(p).stem == "national-2020")
    dialog.template_combo.setCurrentIndex(index)
    assert "4" in dialog.template_info.text() and "预算执行" in dialog.template_info.text()

    dialog.accept()  # nothing filled in yet
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.error.text()

    dialog.fund_edit.setText("乡村振兴补助资金")
    dialog.year_spin.setValue(2023)
    dialog.unit_edit.setText("某县农业农村局")
    assert dialog.path_edit.text() == str(tmp_path / "2023-乡村振兴补助资金.jixiao")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    path, system, fund, year, unit = dialog.result_tuple()
    assert (path, fund, year, unit) == (
        tmp_path / "2023-乡村振兴补助资金.jixiao",
        "乡村振兴补助资金",
        2023,
        "某县农业农村局",
    )
    assert system == template_library.resolve("national-2020")
    # What the main window does with the answer:
    with EvaluationFile.create(path, system, fund=fund, year=year, unit=unit) as ef:
        assert ef.meta().title == "2023年乡村振兴补助资金项目支出绩效自评表"
        assert len(ef.system().leaves()) == 9


def test_new_evaluation_refuses_an_existing_file(qtbot, tmp_path: Path) -> None:
    dialog = NewEvaluationDialog(folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.fund_edit.setText("资金")
    existing = tmp_path / "old.jixiao"
    existing.write_bytes(b"x")
    dialog.path_edit.setText(str(tmp_path / "old"))  # the suffix is added
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "old.jixiao" in dialog.error.text()
    assert existing.read_bytes() == b"x"


def test_new_evaluation_from_an_xlsx_template_file(qtbot, tmp_path: Path) -> None:
    xlsx = template_library.export_template_file(
        template_library.resolve("nanjing-2021"), tmp_path / "t.xlsx"
    )
    dialog = NewEvaluationDialog(folder=tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.add_template_file(xlsx)
    dialog.fund_edit.setText("政务信息化专项资金")
    dialog.accept()
    assert dialog.result_tuple()[1] == template_library.resolve("nanjing-2021")
    (tmp_path / "bad.xlsx").write_text("no", encoding="utf-8")
    assert not dialog.add_template_file(tmp_path / "bad.xlsx")
    assert "bad.xlsx" in dialog.error.text()


def library(
    qtbot, tmp_path: Path, ctx: TabContext | None = None
) -> tuple[TemplateLibraryDialog, list[str]]:
    dialog = TemplateLibraryDialog(ctx, directory=tmp_path / "lib")
    (tmp_path / "lib").mkdir(exist_ok=True)
    dialog.refresh()
    qtbot.addWidget(dialog)
    said: list[str] = []
    dialog.inform = lambda title, text: said.append(text)
    dialog.confirm = lambda title, text: said.append(text) or True
    dialog.ask_text = lambda title, label, default: "导入的模板"
    return dialog, said


def test_library_imports_exports_and_deletes(qtbot, tmp_path: Path) -> None:
    dialog, _ = library(qtbot, tmp_path)
    assert dialog.names() == ["nanjing-2021", "national-2020"]
    assert not dialog.delete_button.isEnabled()  # built-ins cannot be deleted

    dialog.select("nanjing-2021")
    assert dialog.preview.topLevelItemCount() == 4
    xlsx = tmp_path / "out.xlsx"
    assert dialog.export_selected(xlsx)
    assert template_library.load_template_file(xlsx) == template_library.resolve("nanjing-2021")
    assert dialog.export_selected(tmp_path / "out.json")

    # Importing a file whose template has a built-in's name asks for another name.
    assert dialog.import_file(xlsx)
    assert dialog.names() == ["nanjing-2021", "national-2020", "导入的模板"]
    assert dialog.selected_entry().name == "导入的模板" and not dialog.selected_entry().builtin
    assert dialog.delete_button.isEnabled()
    assert dialog.delete_selected()
    assert dialog.names() == ["nanjing-2021", "national-2020"]


def test_library_refuses_a_template_with_errors(qtbot, tmp_path: Path) -> None:
    dialog, said = library(qtbot, tmp_path)
    system = template_library.resolve("national-2020")
    system.name = "坏模板"
    system.roots[1].code = "Y"  # two indicators coded Y
    bad = template_library.export_template_file(system, tmp_path / "bad.json")
    assert not dialog.import_file(bad)
    assert "Y：指标编码重复（出现 2 次）" in said[-1]
    assert dialog.names() == ["nanjing-2021", "national-2020"]


def test_save_the_current_system_as_a_template(qtbot, tmp_path: Path, sample_file) -> None:
    ctx = TabContext(sample_file, QUndoStack(), ChangeHub())
    dialog, _ = library(qtbot, tmp_path, ctx)
    assert dialog.save_current_button.isEnabled()
    assert dialog.save_current("南京政务信息化-2022")
    saved = template_library.load_template_file(dialog.selected_entry().path)
    assert saved.name == "南京政务信息化-2022"
    saved.name = "nanjing-2021"
    assert saved == template_library.resolve("nanjing-2021")


def test_screenshots_of_the_dialogs(
    qtbot, tmp_path: Path, artifacts_dir: Path, chinese, sample_file
) -> None:
    from jixiao.ui.dialogs.indicator_editor import IndicatorEditorDialog

    editor = IndicatorEditorDialog(
        sample_file.system(), ctx=TabContext(sample_file, QUndoStack(), ChangeHub())
    )
    qtbot.addWidget(editor)
    editor.show()
    editor.select("A11")
    qtbot.waitExposed(editor)
    QApplication.processEvents()
    assert editor.grab().save(str(artifacts_dir / "indicator_editor.png"))
    editor.select("D41")
    QApplication.processEvents()
    assert editor.grab().save(str(artifacts_dir / "indicator_editor_bands.png"))
    editor.select("B12")
    editor.weight_edit.setText("3")
    QApplication.processEvents()
    assert editor.grab().save(str(artifacts_dir / "indicator_editor_warning.png"))

    dialog = NewEvaluationDialog(folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.fund_edit.setText("乡村振兴补助资金")
    dialog.unit_edit.setText("某县农业农村局")
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.grab().save(str(artifacts_dir / "new_evaluation_dialog.png"))

    lib, _ = library(qtbot, tmp_path)
    lib.show()
    lib.select("national-2020")
    qtbot.waitExposed(lib)
    assert lib.grab().save(str(artifacts_dir / "template_library_dialog.png"))


def test_editing_a_builtin_in_the_library_saves_a_copy(qtbot, tmp_path: Path) -> None:
    dialog, _ = library(qtbot, tmp_path)
    dialog.ask_text = lambda title, label, default: "国家自评表-改"
    dialog.select("national-2020")

    def edit(editor) -> bool:
        editor.select("Y11")
        editor.weight_edit.setText("5")
        editor.select("C11")
        editor.weight_edit.setText("20")
        editor.select("C1")
        editor.weight_edit.setText("20")
        editor.select("C")
        editor.weight_edit.setText("55")
        editor.select("Y1")
        editor.weight_edit.setText("5")
        editor.select("Y")
        editor.weight_edit.setText("5")
        assert editor.problems == []
        editor.accept()
        return True

    dialog.run_editor = edit
    assert dialog.edit_selected()
    assert dialog.names() == ["nanjing-2021", "national-2020", "国家自评表-改"]
    edited = template_library.load_template_file(dialog.selected_entry().path)
    assert [r.weight for r in edited.roots] == [5, 55, 30, 10]
    assert template_library.resolve("national-2020").roots[0].weight == 10  # built-in untouched


def test_entry_points(qtbot, monkeypatch: pytest.MonkeyPatch, sample_file, tmp_path: Path) -> None:
    from jixiao.ui.dialogs import indicator_editor, new_evaluation_dialog, template_library_dialog

    ctx = TabContext(sample_file, QUndoStack(), ChangeHub())
    monkeypatch.setattr(
        indicator_editor.IndicatorEditorDialog, "exec", lambda self: self.reject() or self.result()
    )
    assert indicator_editor.open_indicator_editor(ctx, None) is False
    monkeypatch.setattr(
        indicator_editor.IndicatorEditorDialog, "exec", lambda self: self.accept() or self.result()
    )
    assert indicator_editor.open_indicator_editor(ctx, None) is True
    assert ctx.undo.count() == 0  # OK without changes writes nothing

    monkeypatch.setattr(
        new_evaluation_dialog.NewEvaluationDialog,
        "exec",
        lambda self: self.reject() or self.result(),
    )
    assert new_evaluation_dialog.ask_new_evaluation(None) is None

    shown: list[object] = []
    monkeypatch.setattr(
        template_library_dialog.TemplateLibraryDialog, "exec", lambda self: shown.append(self) or 0
    )
    template_library_dialog.open_template_library(None, None)
    template_library_dialog.open_template_library(ctx, None)
    assert [d.save_current_button.isEnabled() for d in shown] == [False, True]
