"""The import dialog: when it opens, what it shows, edits, profiles, and OK re-reading."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from desktop.core.fields import Table
from desktop.ui.demo import BIO, STAR
from desktop.ui.import_data import (
    MappingEdit,
    edited_profile,
    inspect_input,
    list_profiles,
    load_profile,
    needs_review,
    preview_sheets,
    profile_path,
    save_profile,
)
from desktop.ui.import_dialog import FIELD_COLUMN, ImportDialog, MappingModel, PreviewModel
from desktop.ui.main_window import MainWindow
from desktop.ui.quality import IssuesModel

AS_OF = dt.date(2025, 6, 30)


def messy_workbook(path: Path) -> Path:
    """A title row, fuzzy headers (信用代码号, 所属区县名, 年营业收入额: near a synonym,
    none exactly one), a note column, bad values."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("企业信息")
    sheet.write_row(0, 0, ["2025年科技企业台账（内部）"])
    sheet.write_row(1, 0, ["信用代码号", "单位名称", "所属区县名", "年营业收入额", "备注"])
    sheet.write_row(2, 0, [STAR, "北京星云智能科技有限公司", "海淀区", 50_000_000, "重点"])
    sheet.write_row(3, 0, [BIO, "北京中关村生物医药股份有限公司", "海淀区", "一亿", ""])
    sheet.write_row(4, 0, ["12345", "测试企业", "朝阳区", 1_000_000, ""])
    other = book.add_worksheet("说明")
    other.write_row(0, 0, ["本表仅供测算"])
    book.close()
    return path


def clean_csv(path: Path) -> Path:
    path.write_text(
        f"统一社会信用代码,企业名称,注册区\n{STAR},北京星云智能科技有限公司,海淀区\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def window(qtbot, catalogue, home, errors):
    win = MainWindow(catalogue, as_of=AS_OF)
    qtbot.addWidget(win)
    win.show()
    yield win
    if win.import_dialog is not None:
        win.import_dialog.reject()
    win.cancel_jobs()
    assert win.wait_for_jobs(10_000)


def _inspect(path: Path, profile=None):
    return inspect_input(path, lambda *_: None, lambda: False, profile=profile)


# -- Qt-free pieces


def test_messy_mapping_needs_review_clean_one_does_not(tmp_path) -> None:
    messy = _inspect(messy_workbook(tmp_path / "messy.xlsx"))
    assert needs_review(messy.mapping)
    cm = messy.mapping.tables[Table.ENTERPRISES]
    assert cm.sheet == "企业信息" and cm.header_rows == (2,)
    fields = {c.letter: c.field for c in cm.columns}
    assert fields["B"] == "name" and fields["E"] is None
    assert messy.issues, "the bad credit code and 一亿 are reported"
    assert [s.name for s in messy.sheets] == ["企业信息", "说明"]
    assert messy.sheets[0].rows[1][1] == "单位名称"
    clean = _inspect(clean_csv(tmp_path / "clean.csv"))
    assert not needs_review(clean.mapping)


def test_edited_profile_reads_back_as_chosen(tmp_path, home) -> None:
    path = messy_workbook(tmp_path / "messy.xlsx")
    first = _inspect(path)
    edit = MappingEdit.of(first.mapping)
    edit.set_field(Table.ENTERPRISES, "C", None)  # 所属区县名 is not the registered district
    profile = edited_profile(edit, "台账")
    saved = save_profile(profile, "台账/2025")
    assert saved == profile_path("台账/2025") and saved.parent == home / "mappings"
    assert saved.name == "台账_2025.yaml" and list_profiles() == [saved]
    again = _inspect(path, load_profile(saved))
    cm = again.mapping.tables[Table.ENTERPRISES]
    by_letter = {c.letter: c for c in cm.columns}
    assert by_letter["C"].field is None and by_letter["B"].field == "name"
    assert by_letter["D"].confidence == 1.0
    assert not needs_review(again.mapping)


def test_preview_of_a_csv_is_one_sheet(tmp_path) -> None:
    sheets = preview_sheets(clean_csv(tmp_path / "clean.csv"))
    assert len(sheets) == 1 and sheets[0].width == 3
    assert sheets[0].rows[0] == ("统一社会信用代码", "企业名称", "注册区")


# -- models


def test_models_pass_the_model_tester(qtmodeltester, tmp_path) -> None:
    inspection = _inspect(messy_workbook(tmp_path / "messy.xlsx"))
    mapping = MappingModel(inspection.mapping.tables[Table.ENTERPRISES])
    qtmodeltester.check(mapping)
    preview = PreviewModel(inspection.sheets[0], (2,))
    qtmodeltester.check(preview)
    issues = IssuesModel()
    issues.set_issues(inspection.issues)
    qtmodeltester.check(issues)
    assert issues.rowCount() == len(inspection.issues)


def test_mapping_model_edits_and_takes_the_field_from_another_column(qtbot, tmp_path) -> None:
    inspection = _inspect(messy_workbook(tmp_path / "messy.xlsx"))
    model = MappingModel(inspection.mapping.tables[Table.ENTERPRISES])
    rows = {c.letter: i for i, c in enumerate(model.mapping.columns)}
    uncertain = model.index(rows["C"], 3)
    assert uncertain.data(Qt.ItemDataRole.BackgroundRole) is not None  # 81 % is flagged
    assert model.index(rows["B"], 3).data(Qt.ItemDataRole.BackgroundRole) is None
    with qtbot.waitSignal(model.field_edited) as blocker:
        assert model.setData(model.index(rows["E"], FIELD_COLUMN), "name")
    assert blocker.args == [Table.ENTERPRISES, "E", "name"]
    assert model.mapping.by_field()["name"].letter == "E"
    assert model.index(rows["B"], FIELD_COLUMN).data(Qt.ItemDataRole.EditRole) is None
    assert not model.setData(model.index(rows["E"], FIELD_COLUMN), "no_such_field")
    assert not model.setData(model.index(rows["E"], 1), "name")


# -- the dialog alone


def test_dialog_shows_preview_mapping_and_issues(qtbot, tmp_path, home, monkeypatch) -> None:
    inspection = _inspect(messy_workbook(tmp_path / "messy.xlsx"))
    dialog = ImportDialog(inspection)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.preview_tabs.count() == 2 and dialog.preview_tabs.tabText(0) == "企业信息"
    screen = dialog.screen().availableGeometry()
    assert dialog.height() <= screen.height() and dialog.width() <= screen.width()  # fits
    assert set(dialog.pages) == set(inspection.mapping.tables)
    assert "⚠" in dialog.mapping_tabs.tabText(0)
    assert dialog.issues.model.rowCount() == len(inspection.issues)
    assert "第 2 行" in dialog.pages[Table.ENTERPRISES].header_label.text()
    # Edits go into the profile; saving asks for a name (the input box is patched).
    assert dialog.set_field(Table.ENTERPRISES, "C", None)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("我的方案", True)))
    path = dialog.ask_and_save_profile()
    assert path is not None and path.is_file()
    assert dialog.profile_combo.currentText() == "我的方案"
    # Applying a profile re-reads (here without a window: synchronously).
    with qtbot.waitSignal(dialog.inspection_changed) as blocker:
        dialog.apply_selected_profile()
    cm = blocker.args[0].mapping.tables[Table.ENTERPRISES]
    assert {c.letter: c.field for c in cm.columns}["C"] is None
    # Removing a required field disables OK.
    dialog.set_field(Table.ENTERPRISES, "A", None)
    assert "缺少必填字段" in dialog.pages[Table.ENTERPRISES].missing_label.text()
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()


# -- with the window


def test_uncertain_file_opens_the_dialog_and_ok_evaluates_with_the_mapping(
    qtbot, window, tmp_path
) -> None:
    path = messy_workbook(tmp_path / "messy.xlsx")
    with qtbot.waitSignal(window.import_dialog_shown, timeout=10_000) as shown:
        window.open_path(path)
    dialog: ImportDialog = shown.args[0]
    assert dialog is window.import_dialog and dialog.isVisible()
    assert window.current_evaluation is None  # nothing committed yet
    dialog.set_field(Table.ENTERPRISES, "C", None)
    with qtbot.waitSignal(window.evaluation_changed, timeout=15_000):
        dialog.accept()
    assert window.current_path == path and window.model.rowCount() == 3
    cm = window.current_mapping.tables[Table.ENTERPRISES]
    assert {c.letter: c.field for c in cm.columns}["C"] is None
    # 文件 → 导入设置… shows the mapping in use, read in the background.
    assert window.actions_.import_settings.isEnabled()
    with qtbot.waitSignal(window.import_dialog_shown, timeout=10_000) as shown:
        window.actions_.import_settings.trigger()
    again: ImportDialog = shown.args[0]
    by_letter = {c.letter: c for c in again.inspection.mapping.tables[Table.ENTERPRISES].columns}
    assert by_letter["C"].field is None and by_letter["B"].source == "profile"
    # Re-detect runs through the window's job mechanism.
    with qtbot.waitSignal(again.inspection_changed, timeout=10_000):
        again.reinspect()
    again.reject()
    qtbot.waitUntil(lambda: window.import_dialog is None)


def test_cancel_leaves_the_window_as_it_was(qtbot, window, tmp_path) -> None:
    with qtbot.waitSignal(window.import_dialog_shown, timeout=10_000) as shown:
        window.open_path(messy_workbook(tmp_path / "messy.xlsx"))
    shown.args[0].reject()
    qtbot.waitUntil(lambda: window.import_dialog is None)
    assert window.current_evaluation is None and not window.is_busy


def test_certain_file_goes_straight_to_the_results(qtbot, window, tmp_path) -> None:
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.open_path(clean_csv(tmp_path / "clean.csv"))
    assert window.import_dialog is None


def test_a_saved_profile_is_applied_to_the_next_export(
    tmp_path: Path, home: Path, catalogue
) -> None:
    """Save the dialog's mapping once; the next file with the same headers reads with it."""
    from desktop.ui import import_data
    from desktop.ui.operations import load_and_evaluate

    path = tmp_path / "台账.xlsx"
    messy_workbook(path)
    assert import_data.saved_profile_for(path) is None
    inspection = import_data.inspect_input(path, lambda *_: None, lambda: False)
    edit = import_data.MappingEdit.of(inspection.mapping)
    import_data.save_profile(import_data.edited_profile(edit), "我的台账")
    assert import_data.saved_profile_for(path) is not None
    again = tmp_path / "台账2.xlsx"
    messy_workbook(again)
    result = load_and_evaluate(
        again, catalogue, dt.date(2025, 12, 31), lambda *_: None, lambda: False, review=True
    )
    assert not isinstance(result, import_data.ImportInspection)  # no dialog the second time
