"""The UI's messages, from the Qt translation files under ``resources/i18n``.

Every visible string has a stable key (``menu.file``); ``policydesk_zh_CN.ts`` and
``policydesk_en.ts`` map the keys to text (Chinese is the default language), and their
compiled ``.qm`` files are loaded with ``QTranslator``, which is also installed on the
application so ``QCoreApplication.translate("PolicyDesk", key)`` gives the same text. Edit
messages with ``python tools/i18n.py add KEY 中文 English`` (it recompiles the ``.qm``);
``tests/test_ui_i18n.py`` fails when a key used in code is missing or a ``.qm`` is stale.

Keys never appear on screen on purpose; a missing key shows the key itself rather than
raising, so a typo cannot crash a menu.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QCoreApplication, QTranslator

from ..paths import resources_dir

LANGUAGES = ("zh", "en")
CONTEXT = "PolicyDesk"
#: UI language -> compiled Qt translation file under resources/i18n
QM_FILES = {"zh": "policydesk_zh_CN.qm", "en": "policydesk_en.qm"}
_language = "zh"
_listeners: list[Callable[[str], None]] = []
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
    _installed = translator(_language)
    app.installTranslator(_installed)


def language() -> str:
    return _language


def set_language(lang: str) -> None:
    """Switch the UI language; listeners (open windows) retranslate themselves."""
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose from {LANGUAGES}")
    if lang == _language:
        return
    _language = lang
    install()
    for listener in list(_listeners):
        listener(lang)


def on_language_changed(listener: Callable[[str], None]) -> Callable[[], None]:
    """Call ``listener(lang)`` after each switch; returns a function that unsubscribes."""
    _listeners.append(listener)

    def remove() -> None:
        if listener in _listeners:
            _listeners.remove(listener)

    return remove


def tr(key: str, /, **values: object) -> str:
    """The message ``key`` in the current language, with ``{name}`` placeholders filled."""
    text = translator(_language).translate(CONTEXT, key)
    if not text:
        return key
    if not values:
        return text
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return text


__all__ = [
    "LANGUAGES",
    "install",
    "language",
    "on_language_changed",
    "set_language",
    "tr",
    "translator",
]
