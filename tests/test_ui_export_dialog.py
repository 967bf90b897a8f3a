"""The export dialog: default target, never the input, what to include, progress, cancel,
open the folder when done."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from desktop.errors import OutputFileError
from desktop.ui import export_dialog as export_module
from desktop.ui.demo import BIO, STAR
from desktop.ui.export_dialog import ExportDialog, ExportPlan, check_plan, default_export_path
from desktop.ui.main_window import MainWindow

AS_OF = dt.date(2025, 6, 30)
CSV = (
    "统一社会信用代码,企业名称,注册区,营业收入,高新技术企业\n"
    f"{STAR},北京星云智能科技有限公司,海淀区,50000000,是\n"
    f"{BIO},北京中关村生物医药股份有限公司,海淀区,150000000,是\n"
)


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """Folders the dialog asked the desktop to open (the call itself is patched)."""
    urls: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url.toLocalFile()))
    )
    return urls


@pytest.fixture
def source(tmp_path) -> Path:
    path = tmp_path / "名单.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


@pytest.fixture
def window(qtbot, catalogue, errors, monkeypatch, tmp_path, source):
    monkeypatch.setenv("POLICYDESK_HOME", str(tmp_path / "home"))
    win = MainWindow(catalogue, as_of=AS_OF)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.evaluation_changed, timeout=10_000):
        win.open_path(source)
    yield win
    win.cancel_jobs()
    assert win.wait_for_jobs(10_000)


def _dialog(qtbot, window: MainWindow) -> ExportDialog:
    with qtbot.waitSignal(window.export_dialog_shown, timeout=5000) as blocker:
        window.actions_.export.trigger()  # Ctrl+E
    dialog = blocker.args[0]
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    return dialog


def test_default_name_and_folder(tmp_path) -> None:
    source = tmp_path / "data" / "名单.xlsx"
    assert default_export_path(source, AS_OF) == source.parent / "名单_测算结果_20250630.xlsx"
    other = tmp_path / "projects"
    assert default_export_path(source, AS_OF, folder=other) == other / "名单_测算结果_20250630.xlsx"
    assert (
        default_export_path(None, AS_OF, folder=other).name == "PolicyDesk_测算结果_20250630.xlsx"
    )


def test_plan_names_its_extra_outputs_and_refuses_the_input(tmp_path) -> None:
    plan = ExportPlan(tmp_path / "结果", csv=True, json=True, brief=True).normalised()
    assert plan.workbook == tmp_path / "结果.xlsx"
    assert plan.csv_dir == tmp_path / "结果_CSV"
    assert plan.json_path == tmp_path / "结果.json"
    assert plan.brief_dir == tmp_path / "结果_简报"
    assert plan.targets() == [plan.workbook, plan.csv_dir, plan.json_path, plan.brief_dir]
    check_plan(plan, [tmp_path / "名单.xlsx", None])
    with pytest.raises(OutputFileError, match="不能把结果保存为输入文件"):
        check_plan(ExportPlan(tmp_path / "名单.xlsx"), [tmp_path / "名单.xlsx"])
    with pytest.raises(OutputFileError):  # the JSON beside it would be the input
        check_plan(ExportPlan(tmp_path / "x.xlsx", json=True), [tmp_path / "x.json"])


def test_a_folder_or_an_empty_target_never_breaks_the_dialog(qtbot, window, tmp_path) -> None:
    """Typing "" or "/" (or a folder) while editing the target keeps the dialog working."""
    assert ExportPlan(tmp_path).normalised().workbook == tmp_path / "测算结果.xlsx"
    assert ExportPlan(Path("/")).normalised().workbook == Path("/测算结果.xlsx")
    dialog = _dialog(qtbot, window)
    for text in ("", "/", str(tmp_path), str(tmp_path / "结果")):
        dialog.target_edit.setText(text)  # _update_names runs on every edit
        assert dialog.plan().workbook.suffix == ".xlsx"
    assert "结果_CSV/" in dialog.csv_box.text()
    dialog.reject()


def test_dialog_suggests_a_name_beside_the_input(qtbot, window, source) -> None:
    dialog = _dialog(qtbot, window)
    assert Path(dialog.target_edit.text()) == source.parent / "名单_测算结果_20250630.xlsx"
    assert dialog.workbook_box.isChecked() and not dialog.workbook_box.isEnabled()
    assert not dialog.csv_box.isChecked() and not dialog.brief_box.isChecked()
    assert dialog.open_box.isChecked() and dialog.open_box.text() == "完成后打开所在文件夹"
    assert "名单_测算结果_20250630_简报/" in dialog.brief_box.text()
    for widget in (dialog.target_edit, dialog.export_button, dialog.csv_box, dialog.open_box):
        assert widget.accessibleName()
    dialog.reject()


def test_enter_exports_wherever_the_focus_is(qtbot, window, monkeypatch) -> None:
    """Enter in the export dialog exports, also with the focus on 浏览… (never opens it)."""
    from PySide6.QtCore import Qt

    dialog = _dialog(qtbot, window)
    started: list[int] = []
    browsed: list[int] = []
    monkeypatch.setattr(dialog, "start", lambda: started.append(1))
    monkeypatch.setattr(dialog, "browse", lambda: browsed.append(1))
    dialog.show()
    assert not dialog.browse_button.autoDefault() and dialog.export_button.isDefault()
    for widget in (dialog.target_edit, dialog.browse_button, dialog.csv_box):
        widget.setFocus()
        qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert browsed == [] and len(started) >= 2  # a check box passes Enter to the dialog too
    dialog.reject()


def test_the_input_file_is_refused(qtbot, window, tmp_path, errors) -> None:
    workbook = tmp_path / "名单.xlsx"
    workbook.write_bytes(b"the analyst's input")
    dialog = ExportDialog(
        window.current_evaluation,
        input_path=workbook,
        lang="zh",
        suggested=workbook,
        pool=window.pool,
        parent=window,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.start() is None
    assert len(errors) == 1 and "不能把结果保存为输入文件" in errors[0] and "名单.xlsx" in errors[0]
    assert dialog.job is None and not dialog.progress.isVisible()
    dialog.target_edit.setText(str(tmp_path / "名单"))  # ".xlsx" is added: still the input
    assert dialog.start() is None and len(errors) == 2
    assert workbook.read_bytes() == b"the analyst's input"
    dialog.reject()


def test_export_everything_then_open_the_folder(qtbot, window, tmp_path, opened) -> None:
    dialog = _dialog(qtbot, window)
    target = tmp_path / "out" / "结果.xlsx"
    dialog.target_edit.setText(str(target))
    for box in (dialog.csv_box, dialog.json_box, dialog.brief_box):
        box.setChecked(True)
    with qtbot.waitSignal(window.export_finished, timeout=120_000) as blocker:
        job = dialog.start()
        assert job is not None and dialog.progress.isVisible()
        assert not dialog.export_button.isEnabled()
    assert blocker.args[0] == target
    result = dialog.result_
    assert result is not None and result.folder == target.parent
    assert target.is_file()
    workbook = load_workbook(target, read_only=True)
    assert "测算结果" in workbook.sheetnames
    workbook.close()
    csv_dir = target.parent / "结果_CSV"
    with open(csv_dir / "results.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert any(STAR in row for row in rows)
    document = json.loads((target.parent / "结果.json").read_text(encoding="utf-8"))
    evaluation = window.current_evaluation
    assert document["as_of"] == evaluation.as_of.isoformat()
    brief = target.parent / "结果_简报"
    assert (brief / "brief.pdf").is_file() and list(brief.glob("*.png"))
    assert all(path.exists() for path in result.written)
    assert opened == [str(target.parent)]
    assert not dialog.isVisible()
    assert "已导出" in window.statusBar().currentMessage()


def test_without_open_folder_nothing_is_opened(qtbot, window, tmp_path, opened) -> None:
    dialog = _dialog(qtbot, window)
    dialog.target_edit.setText(str(tmp_path / "只要工作簿"))
    dialog.open_box.setChecked(False)
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as blocker:
        dialog.start()
    assert blocker.args[0].written == [tmp_path / "只要工作簿.xlsx"]
    assert (tmp_path / "只要工作簿.xlsx").is_file()
    assert opened == []


def test_replacing_an_existing_file_asks_first(qtbot, window, tmp_path, monkeypatch) -> None:
    target = tmp_path / "已有.xlsx"
    target.write_bytes(b"keep me")
    asked: list[str] = []

    def no(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(no))
    dialog = _dialog(qtbot, window)
    dialog.target_edit.setText(str(target))
    assert dialog.start() is None
    assert len(asked) == 1 and "已存在" in asked[0]
    assert target.read_bytes() == b"keep me"
    dialog.reject()


def test_cancel_stops_the_export(qtbot, window, tmp_path, monkeypatch, opened) -> None:
    import job_targets

    # The child process runs a stand-in that works until it is told to stop and leaves a
    # marker when it noticed: the cancel reaches the other process, not just this thread.
    monkeypatch.setattr("desktop.jobs.export.export_job", job_targets.slow_export)
    dialog = _dialog(qtbot, window)
    target = tmp_path / "慢.xlsx"
    dialog.target_edit.setText(str(target))
    job = dialog.start()
    assert job is not None
    qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=20_000)
    assert dialog.cancel_button.text() == "取消"
    with qtbot.waitSignal(job.cancelled, timeout=10_000):
        dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=5000)
    assert Path(str(target) + ".cancelled").read_text(encoding="utf-8") == "cancelled"
    assert not target.exists()
    assert dialog.isVisible() and dialog.export_button.isEnabled()
    assert dialog.status_label.text() == "已取消"
    assert opened == [] and dialog.result_ is None
    dialog.reject()
    assert not dialog.isVisible()


def test_a_failed_export_is_shown(qtbot, window, tmp_path, monkeypatch, errors) -> None:
    def broken(*args):
        raise OutputFileError("结果.xlsx 被其他程序占用")

    monkeypatch.setattr(export_module, "run_export", broken)
    dialog = _dialog(qtbot, window)
    dialog.target_edit.setText(str(tmp_path / "结果.xlsx"))
    with qtbot.waitSignal(dialog.failed, timeout=10_000):
        dialog.start()
    assert errors == ["结果.xlsx 被其他程序占用"]
    assert dialog.isVisible() and dialog.export_button.isEnabled()
    dialog.reject()


def test_nothing_to_export_says_so(qtbot, catalogue, errors, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("POLICYDESK_HOME", str(tmp_path / "home"))
    win = MainWindow(catalogue, as_of=AS_OF)
    qtbot.addWidget(win)
    assert win.choose_and_export() is None
    assert len(errors) == 1 and "还没有测算结果" in errors[0]
