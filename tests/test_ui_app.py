"""Application start-up and the last-resort error handler."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import logging
import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.errors import InputFileError
from desktop.fonts import FONT_FAMILY
from desktop.ui import errors as ui_errors
from desktop.ui import i18n
from desktop.ui.app import GIL_SWITCH_INTERVAL
from desktop.ui.main_window import MainWindow


@pytest.fixture
def shown(monkeypatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda parent, title, text, *a: messages.append(text))
    )
    return messages


@pytest.fixture
def isolated(monkeypatch, tmp_path):
    """Keep the log file, excepthooks and the root logger as they were."""
    monkeypatch.setenv("POLICYDESK_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr("threading.excepthook", __import__("threading").excepthook)
    monkeypatch.setattr(ui_errors, "_handler", None)
    before = list(logging.getLogger().handlers)
    yield tmp_path
    for handler in logging.getLogger().handlers:
        if handler not in before:
            logging.getLogger().removeHandler(handler)
            handler.close()


def test_run_gui_shows_the_window_and_opens_a_file(qtbot, qapp, monkeypatch, isolated, shown):
    from desktop.ui.app import run_gui

    path = isolated / "名单.csv"
    path.write_text(
        "统一社会信用代码,企业名称,注册区\n91110108MA01AAAA1X,北京星云智能科技有限公司,海淀区\n",
        encoding="utf-8",
    )
    windows: list[MainWindow] = []
    # windows an earlier test left for Qt to delete later are not this run's
    earlier = {id(w) for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)}

    def fake_exec(*_args) -> int:
        windows.extend(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and id(w) not in earlier
        )
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    try:
        assert run_gui(["policydesk"], open_path=path, lang="en") == 0
        assert len(windows) == 1
        window = windows[0]
        qtbot.addWidget(window)
        assert window.isVisible()
        assert qapp.applicationName() == "PolicyDesk"
        assert qapp.organizationName() == "PolicyDesk"
        assert qapp.font().families()[0] == FONT_FAMILY
        assert i18n.language() == "en"
        assert sys.excepthook is ui_errors._excepthook
        assert sys.getswitchinterval() == pytest.approx(GIL_SWITCH_INTERVAL)
        assert (isolated / "home" / "logs" / ui_errors.LOG_NAME).is_file()
        qtbot.waitUntil(lambda: window.current_evaluation is not None, timeout=10_000)
        assert window.model.rowCount() == 1
        assert shown == []
    finally:
        i18n.set_language("zh")
        for window in windows:
            window.close()
            window.wait_for_jobs()


def test_uncaught_exception_is_logged_and_shown_without_traceback(qapp, isolated, shown, caplog):
    try:
        raise ZeroDivisionError("secret internals")
    except ZeroDivisionError as exc:
        with caplog.at_level(logging.CRITICAL):
            ui_errors._excepthook(type(exc), exc, exc.__traceback__)
    assert len(shown) == 1
    assert "secret internals" not in shown[0] and "Traceback" not in shown[0]
    assert str(isolated / "home" / "logs") in shown[0]
    assert any(r.exc_info and r.exc_info[0] is ZeroDivisionError for r in caplog.records)


def test_uncaught_desktop_error_shows_its_own_message(qapp, isolated, shown):
    exc = InputFileError("第5行：营业收入不是数字")
    ui_errors._excepthook(type(exc), exc, None)
    assert shown == ["第5行：营业收入不是数字"]


def test_report_exception_distinguishes_expected_errors(qapp, isolated, shown):
    ui_errors.report_exception(None, InputFileError("缺少工作表“企业”"))
    ui_errors.report_exception(None, RuntimeError("bug"))
    assert shown[0] == "缺少工作表“企业”"
    assert "bug" not in shown[1]


def test_setup_logging_writes_to_the_user_data_folder(isolated):
    path = ui_errors.setup_logging()
    assert path == isolated / "home" / "logs" / ui_errors.LOG_NAME
    logging.getLogger("desktop.ui.test").warning("记录一条日志")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "记录一条日志" in path.read_text(encoding="utf-8")
