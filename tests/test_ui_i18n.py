"""The Qt translation files under resources/i18n: complete, consistent and what tr() shows."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from desktop.paths import resources_dir
from desktop.ui import i18n

REPO = Path(__file__).resolve().parent.parent


def _tool():
    spec = importlib.util.spec_from_file_location("i18n_tool", REPO / "tools" / "i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["i18n_tool"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("zh")


def test_translation_files_are_complete_and_compiled() -> None:
    """Every key used in desktop/ui exists in both languages, placeholders agree, .qm fresh."""
    assert _tool().problems() == []


def test_both_languages_have_the_same_keys() -> None:
    tool = _tool()
    zh = tool.read_ts(tool.ts_path("zh"))
    en = tool.read_ts(tool.ts_path("en"))
    assert set(zh) == set(en)
    assert len(zh) > 300
    assert zh["menu.file"] == "文件(&F)"
    assert en["menu.file"] == "&File"


def test_compiled_files_are_shipped_with_the_resources() -> None:
    for name in i18n.QM_FILES.values():
        path = resources_dir() / "i18n" / name
        assert path.stat().st_size > 1000, path


def test_tr_reads_the_compiled_translations(english) -> None:
    assert i18n.tr("menu.file") == "&File"
    assert i18n.tr("status.measures", shown=3, n=34) == "3 of 34 measures shown"
    i18n.set_language("zh")
    assert i18n.tr("status.measures", shown=3, n=34) == "显示 3 / 34 项措施"


def test_unknown_key_shows_the_key_and_bad_placeholders_do_not_raise() -> None:
    assert i18n.tr("no.such.key") == "no.such.key"
    assert i18n.tr("status.measures") == "显示 {shown} / {n} 项措施"
    assert i18n.tr("status.measures", shown=1) == "显示 {shown} / {n} 项措施"


def test_the_installed_translator_follows_the_language(qapp, english) -> None:
    i18n.install(qapp)
    assert QCoreApplication.translate("PolicyDesk", "action.quit") == "Quit"
    i18n.set_language("zh")
    assert QCoreApplication.translate("PolicyDesk", "action.quit") == "退出"


def test_qt_dialogs_speak_the_ui_language(qapp, english) -> None:
    """Qt's own buttons (message boxes, dialog button boxes, file dialogs) are Chinese in
    the Chinese UI: Qt's translation from PySide6 is installed with PolicyDesk's."""
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

    def ok_text() -> str:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        button = box.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        return button.text().replace("&", "")

    i18n.install(qapp)
    assert ok_text() == "OK"
    i18n.set_language("zh")
    assert i18n.qt_translator("zh") is not None, "PySide6 ships qtbase_zh_CN.qm"
    assert ok_text() == "确定"
    box = QMessageBox(QMessageBox.Icon.Question, "t", "t")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    yes = box.button(QMessageBox.StandardButton.Yes)
    cancel = box.button(QMessageBox.StandardButton.Cancel)
    assert yes is not None and cancel is not None
    assert (yes.text().replace("&", ""), cancel.text()) == ("是(Y)", "取消")
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    assert dialog.labelText(QFileDialog.DialogLabel.FileName) == "文件名称(&N)："
    dialog.deleteLater()
    i18n.set_language("en")
    assert ok_text() == "OK"


def test_a_stale_compiled_file_is_reported(tmp_path, monkeypatch) -> None:
    tool = _tool()
    for name in ("policydesk_zh_CN", "policydesk_en"):
        for suffix in (".ts", ".qm"):
            (tmp_path / f"{name}{suffix}").write_bytes(
                (tool.I18N_DIR / f"{name}{suffix}").read_bytes()
            )
    monkeypatch.setattr(tool, "I18N_DIR", tmp_path)
    assert tool.problems() == []
    zh = tool.read_ts(tool.ts_path("zh"))
    en = tool.read_ts(tool.ts_path("en"))
    zh["menu.file"] = "文件（改）"
    del en["action.quit"]
    tool.write_ts("zh", zh, {})
    tool.write_ts("en", en, zh)
    found = tool.problems()
    assert any("policydesk_zh_CN.qm is out of date" in line for line in found)
    assert any("'action.quit' is missing" in line for line in found)


def test_the_qt_free_catalogue_says_what_the_compiled_files_say() -> None:
    """desktop.i18n reads the .ts files; every text equals what QTranslator gives from .qm."""
    from desktop import i18n as text_layer

    entries = text_layer.catalogue()
    assert len(entries) > 300
    for lang in i18n.LANGUAGES:
        compiled = i18n.translator(lang)
        for key in entries:
            assert text_layer.text(key, lang) == compiled.translate("PolicyDesk", key), key


def test_tr_and_the_qt_free_layer_share_the_current_language(english) -> None:
    from desktop import i18n as text_layer

    assert text_layer.language() == "en"
    assert text_layer.tr("menu.file") == i18n.tr("menu.file") == "&File"
    assert text_layer.text("menu.file", "zh") == "文件(&F)"
