"""Project files from the window, autosave and recovery after a crash."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import json

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.project import autosave_path, load_project
from desktop.ui.demo import STAR
from desktop.ui.main_window import MainWindow

RATIO = "jjr-2022-190.16.ratio"
AS_OF = dt.date(2025, 6, 30)
CSV = (
    "统一社会信用代码,企业名称,注册区,营业收入,高新技术企业\n"
    f"{STAR},北京星云智能科技有限公司,海淀区,50000000,是\n"
)


@pytest.fixture
def dialogs(monkeypatch) -> dict[str, list[str]]:
    """Patched modal boxes; ``answer`` decides what question() returns."""
    seen: dict[str, list[str]] = {"critical": [], "warning": [], "question": []}
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda p, t, text, *a: seen["critical"].append(text))
    )
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda p, t, text, *a: seen["warning"].append(text))
    )

    def question(parent, title, text, *args):
        seen["question"].append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return seen


@pytest.fixture
def make_window(qtbot, catalogue, dialogs, home):
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        win = MainWindow(catalogue, as_of=AS_OF)
        qtbot.addWidget(win)
        win.show()
        windows.append(win)
        return win

    yield make
    for win in windows:
        win.cancel_jobs()
        assert win.wait_for_jobs(10_000)


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "名单.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def _open(qtbot, window: MainWindow, path) -> None:
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.open_path(path)


def test_save_and_reopen_a_project(qtbot, make_window, source, tmp_path, dialogs) -> None:
    window = make_window()
    _open(qtbot, window, source)
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.set_as_of(dt.date(2025, 3, 1))
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.set_overrides({RATIO: "0.5"})
    target = window.save_project(tmp_path / "测算")
    assert target == tmp_path / "测算.pdesk" and window.project_path == target
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "policydesk-project" and data["version"] == 3
    assert data["inputs"][0]["path"] == str(source.resolve())
    assert data["as_of"] == "2025-03-01" and data["overrides"] == {RATIO: "0.5"}
    assert "测算.pdesk" in window.windowTitle()

    other = make_window()
    with qtbot.waitSignal(other.evaluation_changed, timeout=10_000) as blocker:
        other.open_project(target)
    assert other.current_path == source.resolve()
    assert other.as_of == dt.date(2025, 3, 1) == blocker.args[0].as_of
    assert other.overrides == {RATIO: "0.5"}
    assert blocker.args[0].parameters[RATIO].overridden
    assert other.params_panel.date_edit.date().toPython() == dt.date(2025, 3, 1)
    assert dialogs["warning"] == [] and dialogs["critical"] == []


def test_the_title_says_untitled_and_saving_after_a_new_file_asks_where(
    qtbot, make_window, source, tmp_path, monkeypatch
) -> None:
    """未命名项目 until saved; Ctrl+S saves to the project file in use, but after another
    data file is opened it asks where, starting beside that file (the earlier project stays
    as it was)."""
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []

    def ask(parent, caption, start, *args):
        asked.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    window = make_window()
    _open(qtbot, window, source)
    assert window.windowTitle().startswith("未命名项目[*] — 名单.csv — ")
    assert window.isWindowModified()
    target = window.save_project(tmp_path / "测算")
    assert target is not None and window.windowTitle().startswith("测算.pdesk[*] — 名单.csv")
    assert not window.isWindowModified()
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.set_overrides({RATIO: "0.5"})
    assert window.isWindowModified()
    assert window.save_project() == target and asked == []  # Ctrl+S: the same file
    before = target.read_bytes()

    other = tmp_path / "另一份" / "名单2.csv"
    other.parent.mkdir()
    other.write_text(CSV, encoding="utf-8")
    _open(qtbot, window, other)
    assert window.project_path is None
    assert window.windowTitle().startswith("未命名项目[*] — 名单2.csv")
    assert window.save_project() is None  # asked, and the analyst cancelled
    assert asked == [str(other.with_suffix(".pdesk"))]
    assert target.read_bytes() == before


def test_other_data_with_changed_parameters_asks_to_keep_or_reset_them(
    qtbot, make_window, source, tmp_path, monkeypatch
) -> None:
    from desktop.ui import opening

    answers = [None, False]  # 取消, then 恢复默认值
    asked: list[int] = []

    def ask(_parent, n):
        asked.append(n)
        return answers.pop(0)

    monkeypatch.setattr(opening, "ask_keep_parameters", ask)
    window = make_window()
    _open(qtbot, window, source)
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.set_overrides({RATIO: "0.5"})
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.open_path(source)  # the same file again: nothing to ask
    assert asked == []
    other = tmp_path / "名单2.csv"
    other.write_text(CSV, encoding="utf-8")
    assert window.open_path(other) is None and asked == [1]  # cancelled: nothing read
    assert window.session.source == source and window.overrides == {RATIO: "0.5"}
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000) as blocker:
        window.open_path(other)
    assert asked == [1, 1] and window.overrides == {}
    assert not blocker.args[0].parameters[RATIO].overridden


def test_changed_input_is_warned_about(qtbot, make_window, source, tmp_path, dialogs) -> None:
    window = make_window()
    _open(qtbot, window, source)
    target = window.save_project(tmp_path / "p.pdesk")
    source.write_text(CSV + f"{STAR[:-1]}Z,另一家企业,朝阳区,1,否\n", encoding="utf-8")
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.open_path(target)  # open_path hands .pdesk files to open_project
    assert len(dialogs["warning"]) == 1 and "名单.csv" in dialogs["warning"][0]
    assert window.model.rowCount() == 2


def test_project_errors_are_shown(qtbot, make_window, tmp_path, dialogs) -> None:
    window = make_window()
    assert window.save_project(tmp_path / "x.pdesk") is None  # nothing open yet
    bad = tmp_path / "bad.pdesk"
    bad.write_text("{}", encoding="utf-8")
    assert window.open_project(bad) is None
    missing = tmp_path / "missing.pdesk"
    missing.write_text(
        json.dumps(
            {
                "format": "policydesk-project",
                "version": 1,
                "input": {"path": str(tmp_path / "gone.csv"), "sha256": None},
                "as_of": "2025-01-01",
            }
        ),
        encoding="utf-8",
    )
    assert window.open_project(missing) is None
    assert len(dialogs["critical"]) == 3
    assert "gone.csv" in dialogs["critical"][2]


def test_autosave_follows_every_change(qtbot, make_window, source, home) -> None:
    window = make_window()
    assert not autosave_path().exists()
    _open(qtbot, window, source)
    window.flush_writes()
    assert load_project(autosave_path()).input_path == source.resolve()
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.set_overrides({RATIO: "0.3"})
    window.flush_writes()
    assert load_project(autosave_path()).overrides == {RATIO: "0.3"}
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.set_as_of(dt.date(2025, 2, 2))
    window.flush_writes()
    assert load_project(autosave_path()).as_of == dt.date(2025, 2, 2)
    assert autosave_path().parent == home / "autosave"
    window.close()  # a clean exit
    assert not autosave_path().exists()


def test_crash_then_restore_brings_the_session_back(qtbot, make_window, source, dialogs) -> None:
    crashed = make_window()
    _open(qtbot, crashed, source)
    with qtbot.waitSignal(crashed.evaluation_changed, timeout=10_000):
        crashed.set_as_of(dt.date(2025, 4, 1))
    with qtbot.waitSignal(crashed.evaluation_changed, timeout=10_000):
        crashed.set_overrides({RATIO: "0.5"})
    crashed.flush_writes()  # the autosave is written off the GUI thread, within milliseconds
    # No close(): the process "died" here. A new window starts in the same user folder.
    restored = make_window()
    assert restored.current_evaluation is None
    with qtbot.waitSignal(restored.evaluation_changed, timeout=10_000):
        assert restored.offer_recovery() is not None
    assert len(dialogs["question"]) == 1 and "名单.csv" in dialogs["question"][0]
    assert restored.current_path == source.resolve()
    assert restored.overrides == {RATIO: "0.5"}
    assert restored.as_of == dt.date(2025, 4, 1)
    assert (
        restored.current_evaluation.parameters[RATIO].value
        == crashed.current_evaluation.parameters[RATIO].value
    )


def test_declined_recovery_discards_the_autosave(qtbot, make_window, source, monkeypatch) -> None:
    crashed = make_window()
    _open(qtbot, crashed, source)
    crashed.flush_writes()
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.No)
    )
    fresh = make_window()
    assert fresh.offer_recovery() is None
    assert not autosave_path().exists()
    assert fresh.offer_recovery() is None  # nothing left to offer


def test_recent_files_and_layout_persist(qtbot, make_window, source, tmp_path, home) -> None:
    from desktop.settings import load_settings

    window = make_window()
    _open(qtbot, window, source)
    project = window.save_project(tmp_path / "p.pdesk")
    window.flush_writes()
    settings = load_settings()
    assert settings.recent_files == [str(source)]
    assert settings.recent_projects == [str(project)]
    assert settings.last_folder == str(tmp_path)
    window.recent_menu.aboutToShow.emit()
    names = [a.text() for a in window.recent_menu.actions()]
    assert "名单.csv" in names and "p.pdesk" in names
    window.resize(761, 562)  # within the offscreen screen (800×600)
    window.close()
    saved = load_settings()
    assert saved.window_geometry and saved.splitter_state and saved.last_clean_exit
    again = make_window()
    assert (again.width(), again.height()) == (761, 562)
    assert again.settings.splitter_state == saved.splitter_state
    recent = next(a for a in again.recent_menu.actions() if a.text() == "名单.csv")
    with qtbot.waitSignal(again.evaluation_changed, timeout=10_000):
        recent.trigger()
    assert again.current_path == source


def test_missing_recent_file_is_dropped(make_window, tmp_path, dialogs) -> None:
    from desktop.settings import load_settings, save_settings

    settings = load_settings()
    settings.add_recent_file(tmp_path / "gone.xlsx")
    save_settings(settings)
    window = make_window()
    assert window.open_recent(str(tmp_path / "gone.xlsx")) is None
    assert "gone.xlsx" in dialogs["critical"][0]
    window.flush_writes()  # settings are written on the window's writer thread
    assert load_settings().recent_files == []


def test_the_confirmed_mapping_is_kept_and_not_asked_again(
    qtbot, make_window, tmp_path, dialogs
) -> None:
    """The analyst fixes a column in the import dialog, saves the project; reopening the
    project reads the file with that mapping and shows no dialog."""
    from desktop.core.fields import Table
    from tests.test_ui_import import messy_workbook

    path = messy_workbook(tmp_path / "台账.xlsx")
    window = make_window()
    with qtbot.waitSignal(window.import_dialog_shown, timeout=10_000) as shown:
        window.open_path(path)
    dialog = shown.args[0]
    dialog.set_field(Table.ENTERPRISES, "C", None)  # 所属区县名: not used
    with qtbot.waitSignal(window.evaluation_changed, timeout=15_000):
        dialog.accept()
    target = window.save_project(tmp_path / "台账.pdesk")
    data = json.loads(target.read_text(encoding="utf-8"))
    table = data["mapping"]["tables"]["enterprises"]
    assert table["sheet"] == "企业信息" and table["header_rows"] == [2]
    fields = {c["header"]: c["field"] for c in table["columns"]}
    assert fields["所属区县名"] is None and fields["单位名称"] == "name"
    window.flush_writes()
    assert load_project(autosave_path()).mapping == load_project(target).mapping

    other = make_window()
    shown_again: list[object] = []
    other.import_dialog_shown.connect(shown_again.append)
    with qtbot.waitSignal(other.evaluation_changed, timeout=15_000):
        assert other.open_project(target) is not None
    assert shown_again == [] and other.import_dialog is None
    cm = other.current_mapping.tables[Table.ENTERPRISES]
    assert {c.letter: c.field for c in cm.columns}["C"] is None
    assert other.model.rowCount() == window.model.rowCount() == 3
    assert dialogs["critical"] == []


def test_an_old_project_file_still_opens(qtbot, make_window, source, tmp_path, dialogs) -> None:
    old = tmp_path / "旧项目.pdesk"
    old.write_text(
        json.dumps(
            {
                "format": "policydesk-project",
                "version": 1,
                "input": {"path": str(source), "sha256": None},
                "as_of": "2025-05-01",
                "overrides": {RATIO: "0.45"},
                "language": "zh",
                "scenarios": [],
            }
        ),
        encoding="utf-8",
    )
    window = make_window()
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000) as blocker:
        window.open_project(old)
    assert blocker.args[0].as_of == dt.date(2025, 5, 1)
    assert window.overrides == {RATIO: "0.45"} and window.scenarios.alternatives == []
    saved = json.loads(window.save_project().read_text(encoding="utf-8"))
    assert saved["version"] == 3 and saved["mapping"]["tables"]["enterprises"]["columns"]
    assert dialogs["critical"] == [] and dialogs["warning"] == []
