"""Qt's side of the text layer: the compiled translations for ``QTranslator``.

The messages themselves, the lookup and the current language live in the Qt-free
:mod:`desktop.i18n` (read from ``resources/i18n/*.ts``); ``tr``, ``language``,
``set_language`` and ``on_language_changed`` are re-exported from there so the window's
``tr(...)`` calls read the same catalogue as the exports and the Qt-free ``*_data``
modules. What stays here is Qt-specific: the compiled ``.qm`` of each language is loaded with
``QTranslator`` and installed on the application (and re-installed on every language switch),
so ``QCoreApplication.translate("PolicyDesk", key)`` gives the same text too. Edit messages
with ``python tools/i18n.py add KEY 中文 English`` (it recompiles the ``.qm``).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QTranslator

from ..i18n import CONTEXT, LANGUAGES, language, on_language_changed, set_language, text, tr
from ..paths import resources_dir

#: UI language -> compiled Qt translation file under resources/i18n
QM_FILES = {"zh": "policydesk_zh_CN.qm", "en": "policydesk_en.qm"}
_installed: QTranslator | None = None


@cache
def translator(lang: str) -> QTranslator:
    """The loaded translator of one language (loaded once per process)."""
    path = resources_dir() / "i18n" / QM_FILES[lang]
    loaded = QTranslator()
    if not loaded.load(str(path)):
        raise FileNotFoundError(f"translation file missing or unreadable: {path}")
    return loaded


def install(app: QCoreApplication | None = None) -> None:
    """Install the current language's translator on the application (if there is one)."""
    global _installed
    app = app or QCoreApplication.instance()
    if app is None:
        return
    if _installed is not None:
        app.removeTranslator(_installed)
    _installed = translator(language())
    app.installTranslator(_installed)


# Subscribed when this module is first imported, before any window subscribes, so the
# application's translator is switched before open windows retranslate themselves.
on_language_changed(lambda _lang: install())

__all__ = [
    "CONTEXT",
    "LANGUAGES",
    "QM_FILES",
    "install",
    "language",
    "on_language_changed",
    "set_language",
    "text",
    "tr",
    "translator",
]
