"""The start page: big buttons, recent projects and lists, missing files, click/Enter, drop."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import time

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktop.settings import load_settings, save_settings
from desktop.ui import i18n
from desktop.ui.demo import STAR
from desktop.ui.main_window import MainWindow
from desktop.ui.start_page import (
    COL_FOLDER,
    COL_NAME,
    COL_OPENED,
    MISSING_COLOR,
    RecentEntry,
    RecentModel,
    opened_text,
    recent_entries,
)

AS_OF = dt.date(2025, 6, 30)
CSV = (
    "统一社会信用代码,企业名称,注册区,营业收入,高新技术企业\n"
    f"{STAR},北京星云智能科技有限公司,海淀区,50000000,是\n"
)


@pytest.fixture
def files(tmp_path, home):
    """A list and a project that exist, one list that is gone; remembered in the settings."""
    source = tmp_path / "名单.csv"
    source.write_text(CSV, encoding="utf-8")
    gone = tmp_path / "旧名单.xlsx"
    project = tmp_path / "测算.pdesk"
    from desktop.project import Project, save_project

    save_project(Project(source, None, AS_OF), project)
    settings = load_settings()
    now = time.time()
    settings.add_recent_file(gone, when=now - 86400 * 30)
    settings.add_recent_file(source, when=now - 60)
    settings.add_recent_project(project, when=now - 3600)
    save_settings(settings)
    return {"source": source, "gone": gone, "project": project}


@pytest.fixture
def window(qtbot, catalogue, errors, home):
    win = MainWindow(catalogue, as_of=AS_OF)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.cancel_jobs()
    assert win.wait_for_jobs(10_000)


def _reload(window: MainWindow) -> None:
    """Read the settings the ``files`` fixture wrote (the window may be older)."""
    window.settings = load_settings()
    window._refresh_start_page()


def test_recent_model_passes_the_model_tester(qtmodeltester, tmp_path) -> None:
    model = RecentModel()
    qtmodeltester.check(model)
    model.set_entries(
        [
            RecentEntry(str(tmp_path / "a.xlsx"), 1_700_000_000.0, True),
            RecentEntry(str(tmp_path / "b.pdesk"), None, False),
        ]
    )
    qtmodeltester.check(model)


def test_entries_show_name_folder_time_and_grey_missing_files(qapp, tmp_path) -> None:
    present = tmp_path / "名单.xlsx"
    present.write_bytes(b"x")
    entries = recent_entries(
        [str(present), str(tmp_path / "gone.csv")], {str(present): 1_700_000_000.0}.get
    )
    assert [e.exists for e in entries] == [True, False]
    model = RecentModel()
    model.set_entries(entries)
    assert model.index(0, COL_NAME).data() == "名单.xlsx"
    assert model.index(0, COL_FOLDER).data() == str(tmp_path)
    stamp = dt.datetime.fromtimestamp(1_700_000_000.0).strftime("%Y-%m-%d %H:%M")
    assert model.index(0, COL_OPENED).data() == stamp
    assert model.index(1, COL_OPENED).data() == "—"  # not recorded
    assert model.index(0, COL_NAME).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(1, COL_NAME).data(Qt.ItemDataRole.ForegroundRole) == MISSING_COLOR
    tip = model.index(1, COL_FOLDER).data(Qt.ItemDataRole.ToolTipRole)
    assert "文件已不存在" in tip and "gone.csv" in tip
    assert model.headerData(COL_OPENED, Qt.Orientation.Horizontal) == "上次打开"


def test_opened_text_says_today_and_yesterday() -> None:
    now = dt.datetime(2025, 6, 30, 15, 0)
    assert opened_text(dt.datetime(2025, 6, 30, 9, 5).timestamp(), now) == "今天 09:05"
    assert opened_text(dt.datetime(2025, 6, 29, 23, 59).timestamp(), now) == "昨天 23:59"
    assert opened_text(dt.datetime(2024, 1, 2, 8, 0).timestamp(), now) == "2024-01-02 08:00"
    assert opened_text(None, now) == "—"


def test_start_page_lists_recent_projects_and_files(window, files) -> None:
    _reload(window)
    page = window.start_page
    assert window.stack.currentWidget() is page
    projects = page.projects.model
    lists = page.files.model
    assert [e.name for e in projects.entries()] == ["测算.pdesk"]
    assert [e.name for e in lists.entries()] == ["名单.csv", "旧名单.xlsx"]
    assert [e.exists for e in lists.entries()] == [True, False]
    assert lists.index(0, COL_OPENED).data().startswith("今天")
    assert page.projects.stack.currentWidget() is page.projects.view


def test_empty_lists_say_so(window) -> None:
    page = window.start_page
    assert page.files.stack.currentWidget() is page.files.empty
    assert page.files.empty.text() == "暂无记录"


def test_buttons_have_text_tooltips_and_accessible_names(window) -> None:
    page = window.start_page
    for button, text in (
        (page.open_button, "打开企业名单…"),
        (page.sample_button, "打开示例数据"),
        (page.project_button, "打开项目…"),
    ):
        assert button.text() == text and button.accessibleName() == text
        assert button.toolTip()
    i18n.set_language("en")
    try:
        assert page.open_button.text() == "Open enterprise list…"
        assert page.files.title.text() == "Recent enterprise lists"
    finally:
        i18n.set_language("zh")


def test_buttons_call_the_window(qtbot, window, monkeypatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(window, "choose_and_open", lambda: calls.append("open"))
    monkeypatch.setattr(window, "choose_and_open_project", lambda: calls.append("project"))
    page = window.start_page
    page.open_requested.disconnect()
    page.project_requested.disconnect()
    page.open_requested.connect(window.choose_and_open)
    page.project_requested.connect(window.choose_and_open_project)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.project_button, Qt.MouseButton.LeftButton)
    assert calls == ["open", "project"]
    with qtbot.waitSignal(window.evaluation_changed, timeout=20_000) as blocker:
        qtbot.mouseClick(page.sample_button, Qt.MouseButton.LeftButton)
    assert len(blocker.args[0].enterprises) > 0
    assert window.stack.currentWidget() is window.results_page


def test_click_on_a_recent_list_opens_it(qtbot, window, files) -> None:
    _reload(window)
    view = window.start_page.files.view
    rect = view.visualRect(view.model().index(0, COL_NAME))
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_path == files["source"]
    assert window.model.rowCount() == 1


def test_enter_on_a_recent_project_opens_it(qtbot, window, files) -> None:
    _reload(window)
    view = window.start_page.projects.view
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, COL_NAME))
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.project_path == files["project"]
    assert window.current_path == files["source"].resolve()


def test_a_missing_file_is_reported_and_dropped(qtbot, window, files, errors) -> None:
    _reload(window)
    view = window.start_page.files.view
    rect = view.visualRect(view.model().index(1, COL_NAME))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(errors) == 1 and "旧名单.xlsx" in errors[0]
    assert [e.name for e in window.start_page.files.model.entries()] == ["名单.csv"]
    window.flush_writes()  # settings are written on the window's writer thread
    assert str(files["gone"]) not in load_settings().recent_files
    assert window.current_evaluation is None


def test_dropping_a_file_on_the_start_page_opens_it(qtbot, window, files) -> None:
    page = window.start_page
    assert not page.acceptDrops() and not page.files.view.acceptDrops()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(files["source"]))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.dropEvent(event)
    assert event.isAccepted()
    assert window.current_path == files["source"]


def test_clearing_the_recent_list_empties_the_page(window, files) -> None:
    _reload(window)
    window.clear_recent()
    window.flush_writes()  # settings are written on the window's writer thread
    assert window.start_page.files.model.rowCount() == 0
    assert window.start_page.projects.model.rowCount() == 0
    assert load_settings().recent_opened == {}
