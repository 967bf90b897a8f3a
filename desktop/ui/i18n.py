"""Qt's side of the text layer: the compiled translations for ``QTranslator``.

The messages themselves, the lookup and the current language live in the Qt-free
:mod:`desktop.i18n` (read from ``resources/i18n/*.ts``); ``tr``, ``language``,
``set_language`` and ``on_language_changed`` are re-exported from there so the window's
``tr(...)`` calls read the same catalogue as the exports and the Qt-free ``*_data``
modules. What stays here is Qt-specific: the compiled ``.qm`` of each language is loaded with
``QTranslator`` and installed on the application (and re-installed on every language switch),
so ``QCoreApplication.translate("PolicyDesk", key)`` gives the same text too. Edit messages
with ``python tools/i18n.py add KEY 中文 English`` (it recompiles the ``.qm``).

Qt's own words (the buttons of message boxes and dialog button boxes, file, colour and print
dialogs, the context menu of a line edit) come from Qt's translations shipped with PySide6
(``qtbase_zh_CN.qm`` in its translations folder), installed on top in the Chinese UI.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from ..i18n import CONTEXT, LANGUAGES, language, on_language_changed, set_language, text, tr
from ..paths import resources_dir

#: UI language -> compiled Qt translation file under resources/i18n
QM_FILES = {"zh": "policydesk_zh_CN.qm", "en": "policydesk_en.qm"}
#: UI language -> Qt's own translation (in PySide6's translations folder); English needs none
QT_FILES = {"zh": "qtbase_zh_CN"}
_installed: list[QTranslator] = []
log = logging.getLogger(__name__)


@cache
def translator(lang: str) -> QTranslator:
    """The loaded translator of one language (loaded once per process)."""
    path = resources_dir() / "i18n" / QM_FILES[lang]
    loaded = QTranslator()
    if not loaded.load(str(path)):
        raise FileNotFoundError(f"translation file missing or unreadable: {path}")
    return loaded


@cache
def qt_translator(lang: str) -> QTranslator | None:
    """Qt's own translation for ``lang`` (None for English, or when PySide6 lacks it: Qt's
    dialogs then stay in English, which is logged, not fatal)."""
    name = QT_FILES.get(lang)
    if name is None:
        return None
    import PySide6

    folders = [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        # the packaged application keeps them beside PySide6 (packaging/policydesk.spec)
        str(Path(PySide6.__file__).parent / "Qt" / "translations"),
    ]
    loaded = QTranslator()
    if not any(loaded.load(name, folder) for folder in folders):
        log.warning("Qt translation %s not in %s; Qt's dialogs stay in English", name, folders)
        return None
    return loaded


def install(app: QCoreApplication | None = None) -> None:
    """Install the current language's translators on the application (if there is one):
    PolicyDesk's own and Qt's."""
    app = app or QCoreApplication.instance()
    if app is None:
        return
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    lang = language()
    for current in (qt_translator(lang), translator(lang)):
        if current is not None:
            app.installTranslator(current)
            _installed.append(current)


# Subscribed when this module is first imported, before any window subscribes, so the
# application's translator is switched before open windows retranslate themselves.
on_language_changed(lambda _lang: install())

__all__ = [
    "CONTEXT",
    "LANGUAGES",
    "QM_FILES",
    "QT_FILES",
    "install",
    "language",
    "on_language_changed",
    "qt_translator",
    "set_language",
    "text",
    "tr",
    "translator",
]
