"""The import dialog fixes what detection got wrong: it opens when detection fails, shows
every sheet's verdict, and takes sheet roles, header rows, units, rate readings and the id
column; a saved profile reads the file as fixed. Dropping several files reads them all."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtWidgets import QInputDialog

from desktop.core.fields import Table
from desktop.spreadsheet.mapping import UNSET, load_mapping
from desktop.spreadsheet.reader import read_workbook
from desktop.ui.import_data import inspect_input, saved_profile_for
from desktop.ui.import_dialog import ImportDialog
from tests import test_ui_import
from tests.builders import csv_pair
from tests.test_mapping_settings import CODE_A, CODE_B, odd_export

window = test_ui_import.window  # the same window fixture (as-of 2025-06-30)


def _inspect(path: Path):
    return inspect_input(path, lambda *_: None, lambda: False)


def _fix(qtbot, dialog: ImportDialog) -> None:
    """Roles, header row, columns, a unit and a rate reading, as the analyst sets them."""
    with qtbot.waitSignal(dialog.inspection_changed, timeout=10_000):
        dialog.verdicts.role_combos["客户清单"].setCurrentIndex(
            dialog.verdicts.role_combos["客户清单"].findData("enterprises")
        )
        dialog.verdicts.header_spins["客户清单"].setValue(3)
        dialog.set_role("填表说明", Table.LOANS)
    assert dialog.edit.header_rows == {"客户清单": (3,)}
    assert Table.ENTERPRISES in dialog.pages
    with qtbot.waitSignal(dialog.inspection_changed, timeout=10_000):
        for letter, name in (("A", "uscc"), ("B", "name"), ("C", "district"), ("D", "revenue")):
            assert dialog.set_field(Table.ENTERPRISES, letter, name)
        assert dialog.set_unit(Table.ENTERPRISES, "D", "万元")
    with qtbot.waitSignal(dialog.inspection_changed, timeout=10_000):
        assert dialog.set_unit(Table.LOANS, "D", "percent")
        assert not dialog.set_unit(Table.LOANS, "D", "basis points")


def test_dialog_opens_on_a_failed_detection_and_fixes_it(qtbot, home, tmp_path, monkeypatch):
    path = odd_export(tmp_path / "export.xlsx")
    inspection = _inspect(path)
    assert inspection.error and "enterprise" in inspection.error
    dialog = ImportDialog(inspection)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.error_label.isVisible() and "无法按当前设置读取" in dialog.error_label.text()
    assert dialog.verdicts.rowCount() == 2
    assert dialog.verdicts.item(1, 1).text() == "填表说明"
    assert "说明页" in dialog.verdicts.item(1, 7).text()
    assert not dialog.buttons.buttons()[0].isEnabled()

    _fix(qtbot, dialog)
    fixed = dialog.inspection
    assert fixed.error is None and fixed.enterprises == 2
    assert not dialog.error_label.isVisible()
    assert dialog.buttons.buttons()[0].isEnabled()
    verdicts = {v.sheet: v for v in fixed.verdicts}
    assert verdicts["客户清单"].tables == ("enterprises",)
    assert verdicts["客户清单"].header_rows == (3,)
    assert verdicts["填表说明"].tables == ("loans",)
    # The parsed preview shows the effect, with the field labels.
    parsed = fixed.parsed[Table.ENTERPRISES]
    assert parsed.labels[parsed.fields.index("revenue")] == "营业收入"
    revenue = [row[parsed.fields.index("revenue")] for row in parsed.rows]
    assert revenue == ["500,000.00", "1,200,000.00"]  # 50 万元, 120 万元 in yuan
    rates = fixed.parsed[Table.LOANS]
    assert [row[rates.fields.index("rate")] for row in rates.rows] == ["0.2%", "0.18%"]
    assert dialog.parsed_tabs.count() == 2
    model = dialog.parsed_tabs.widget(0).model()
    assert model.rowCount() == 2
    assert model.headerData(0, Qt.Orientation.Horizontal) == parsed.labels[0]
    assert "loan_id" in rates.fields

    # Generated ids instead of the id column.
    page = dialog.pages[Table.LOANS]
    with qtbot.waitSignal(dialog.inspection_changed, timeout=10_000):
        page.id_combo.setCurrentIndex(page.id_combo.findData("none"))
    loans = dialog.inspection.parsed[Table.LOANS]
    ids = [row[loans.fields.index("loan_id")] for row in loans.rows]
    assert ids == ["填表说明!R2", "填表说明!R3"]

    # Saved, the profile reads the file as fixed — here and in a fresh read.
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("导出", True)))
    saved = dialog.ask_and_save_profile()
    assert saved is not None and saved.parent == home / "mappings"
    profile = load_mapping(saved)
    assert profile.roles == {"客户清单": Table.ENTERPRISES, "填表说明": Table.LOANS}
    assert profile.header_rows == {"客户清单": (3,)} and profile.ids == {Table.LOANS: None}
    result = read_workbook(path, mapping=profile)
    assert result.portfolio.enterprises["uscc"].tolist() == [CODE_A, CODE_B]
    assert result.portfolio.enterprises["revenue"].tolist() == [500_000.0, 1_200_000.0]
    assert result.portfolio.loans["rate"].tolist() == pytest.approx([0.002, 0.0018])
    assert result.portfolio.loans["loan_id"].tolist() == ["填表说明!R2", "填表说明!R3"]
    # Next month's export of the same layout finds the profile by itself.
    again = saved_profile_for(odd_export(tmp_path / "export-july.xlsx"))
    assert again is not None and again.name == "导出"


def test_header_row_by_double_clicking_a_preview_row_and_not_used(qtbot, home, tmp_path):
    dialog = ImportDialog(_inspect(odd_export(tmp_path / "export.xlsx")))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.inspection_changed, timeout=10_000):
        view = dialog.preview_tabs.widget(0)
        view.doubleClicked.emit(view.model().index(2, 0))  # the third row: 甲栏 乙栏 …
    assert dialog.edit.header_rows == {"客户清单": (3,)}
    assert dialog.verdicts.header_spins["客户清单"].value() == 3
    with qtbot.waitSignal(dialog.inspection_changed, timeout=10_000):
        dialog.set_role("填表说明", None)
    verdict = next(v for v in dialog.inspection.verdicts if v.sheet == "填表说明")
    assert "不使用" in verdict.reason
    assert dialog.profile().roles == {"填表说明": None}
    with qtbot.waitSignal(dialog.inspection_changed, timeout=10_000):
        dialog.set_role("填表说明", UNSET)
    assert dialog.profile().roles == {}


def test_window_opens_the_dialog_when_detection_fails_and_ok_evaluates(qtbot, window, tmp_path):
    path = odd_export(tmp_path / "export.xlsx")
    with qtbot.waitSignal(window.import_dialog_shown, timeout=15_000) as shown:
        window.open_path(path)
    dialog: ImportDialog = shown.args[0]
    assert dialog.inspection.error and window.current_evaluation is None
    # Re-reads run through the window's background jobs.
    _fix(qtbot, dialog)
    assert dialog.inspection.error is None
    with qtbot.waitSignal(window.evaluation_changed, timeout=20_000):
        dialog.accept()
    assert window.model.rowCount() == 2
    assert window.current_portfolio.loans["rate"].tolist() == pytest.approx([0.002, 0.0018])


def _mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


@pytest.mark.parametrize("as_folder", [False, True])
def test_dropping_several_files_reads_them_together(qtbot, window, tmp_path, as_folder):
    ents, loans = csv_pair(tmp_path / "data", CODE_A, CODE_B)
    mime = _mime(tmp_path / "data") if as_folder else _mime(ents, tmp_path / "x.png", loans)
    assert window.accepted_paths(mime) == [ents, loans]
    with qtbot.waitSignal(window.evaluation_changed, timeout=20_000):
        assert window.handle_drop(mime)
    portfolio = window.current_portfolio
    assert sorted(portfolio.enterprises["uscc"]) == sorted([CODE_A, CODE_B])
    assert portfolio.loans["amount"].tolist() == [1_000_000.0, 2_000_000.0]
    assert {v.file for v in portfolio.sheets} == {"企业.csv", "贷款.csv"}


def test_a_project_of_several_files_keeps_them_all(qtbot, window, tmp_path, monkeypatch):
    """Saved and reopened, a session read from a CSV pair reads both files again, and an
    edit to the second file is noticed."""
    import desktop.ui.main_window as main_window
    from desktop.project import load_project

    ents, loans = csv_pair(tmp_path / "data", CODE_A, CODE_B)
    with qtbot.waitSignal(window.evaluation_changed, timeout=20_000):
        assert window.handle_drop(_mime(ents, loans))
    saved = window.save_project(tmp_path / "pair.pdesk")
    assert saved is not None
    project = load_project(saved)
    assert [f.path for f in project.inputs] == [ents.resolve(), loans.resolve()]
    assert all(f.sha256 for f in project.inputs) and not project.input_changed()

    warned: list[object] = []
    monkeypatch.setattr(main_window, "warn_input_changed", lambda _w, p: warned.append(p))
    loans.write_text(
        loans.read_text(encoding="utf-8") + f"L3,{CODE_A},50,3.0,2025-03-01\n", encoding="utf-8"
    )
    with qtbot.waitSignal(window.evaluation_changed, timeout=20_000):
        assert window.open_project(saved) is not None
    assert warned == [loans.resolve()]
    assert window.current_portfolio.loans["amount"].tolist() == [1e6, 2e6, 500_000.0]
    assert window.current_project().inputs[1].path == loans.resolve()


def _stated(path: Path, day: str) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "企业"
    sheet.append(["科技型企业名单"])
    sheet.append([f"数据截至{day}"])
    sheet.append(["统一社会信用代码", "企业名称", "注册区"])
    sheet.append([CODE_A, "示例甲科技有限公司", "海淀区"])
    book.save(path)
    return path


def test_a_file_that_states_its_date_is_evaluated_at_it_unless_one_was_chosen(
    qtbot, catalogue, home, errors, tmp_path
):
    """As in the batch command: 数据截至2025年9月30日 becomes the as-of date of a window
    whose date nobody set; once the analyst picks one, a later file keeps it (and says so)."""
    import datetime as dt

    from desktop.ui.main_window import MainWindow

    win = MainWindow(catalogue)
    qtbot.addWidget(win)
    win.show()
    shown = []
    win.evaluation_changed.connect(lambda e: shown.append(e.as_of))
    try:
        win.open_path(_stated(tmp_path / "a.xlsx", "2025年9月30日"))
        qtbot.waitUntil(
            lambda: (e := win.current_evaluation) is not None and e.as_of == dt.date(2025, 9, 30),
            timeout=30_000,
        )
        assert win.as_of == dt.date(2025, 9, 30)
        assert "2025-09-30" in win.statusBar().currentMessage()
        assert win.wait_for_jobs(20_000)
        assert shown == [dt.date(2025, 9, 30)]  # evaluated once, at the stated date
        win.set_as_of(dt.date(2025, 12, 31))
        assert win.wait_for_jobs(20_000)
        with qtbot.waitSignal(win.evaluation_changed, timeout=30_000):
            win.open_path(_stated(tmp_path / "b.xlsx", "2025年6月30日"))
        assert win.as_of == dt.date(2025, 12, 31)
        assert win.current_evaluation is not None
        assert win.current_evaluation.as_of == dt.date(2025, 12, 31)
        assert "2025-06-30" in win.statusBar().currentMessage()
    finally:
        win.cancel_jobs()
        assert win.wait_for_jobs(10_000)
