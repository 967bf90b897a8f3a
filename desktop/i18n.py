"""The text layer: every user-facing string as a (zh, en) entry, and the current language.

Qt-free on purpose (it imports only the standard library and :mod:`desktop.paths`), so the
core, the exporters, the brief, the command line and the window's Qt-free ``ui/*_data.py``
modules all choose words the same way.

The single source of truth is the pair of Qt Linguist files under ``resources/i18n``
(``policydesk_zh_CN.ts`` and ``policydesk_en.ts``, context ``PolicyDesk``): each
``<source>`` is a stable key (``menu.file``) and each ``<translation>`` the text. They are
read here with the standard library's XML parser, once per process, so nothing is
generated and nothing can go stale; the compiled ``.qm`` files next to them exist only for
Qt's ``QTranslator`` (:mod:`desktop.ui.i18n`). Add or change a message with
``python tools/i18n.py add KEY 中文 English``; ``python tools/i18n.py check`` (run by
tests/test_ui_i18n.py) fails when a key used in code is missing or a ``.qm`` is stale.

A missing key gives the key itself rather than raising, so a typo cannot crash a menu or an
export; a template whose placeholders do not match the fields is returned unfilled.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import NamedTuple

from desktop.paths import resources_dir

LANGUAGES = ("zh", "en")
CONTEXT = "PolicyDesk"
#: language -> the Qt Linguist file under resources/i18n that holds its texts
TS_FILES = {"zh": "policydesk_zh_CN.ts", "en": "policydesk_en.ts"}

_language = "zh"
_listeners: list[Callable[[str], None]] = []


class Entry(NamedTuple):
    """One message in both languages."""

    zh: str
    en: str

    def pick(self, lang: str | None) -> str:
        return self.en if lang == "en" else self.zh


def read_ts(path: Path) -> dict[str, str]:
    """``key -> text`` of one .ts file; a duplicate key or an unfinished message is an error."""
    root = ET.parse(path).getroot()
    messages: dict[str, str] = {}
    for context in root.iter("context"):
        name = context.findtext("name")
        if name != CONTEXT:
            raise ValueError(f"{path.name}: unexpected context {name!r} (only {CONTEXT!r})")
        for message in context.iter("message"):
            key = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None or translation.get("type") in {"unfinished", "obsolete"}:
                raise ValueError(f"{path.name}: message {key!r} has no finished translation")
            if key in messages:
                raise ValueError(f"{path.name}: message {key!r} appears twice")
            messages[key] = translation.text or ""
    return messages


@cache
def catalogue() -> Mapping[str, Entry]:
    """Every message, ``key -> Entry(zh, en)``, read from the .ts files once per process."""
    folder = resources_dir() / "i18n"
    zh = read_ts(folder / TS_FILES["zh"])
    en = read_ts(folder / TS_FILES["en"])
    return {key: Entry(zh[key], en.get(key, "")) for key in sorted(zh)}


def text(key: str, lang: str | None = None, /, **fields: object) -> str:
    """The message ``key`` in ``lang`` (the current language when None), ``{name}`` filled.

    Like Qt's translator, an unknown key or an empty text gives the key itself."""
    entry = catalogue().get(key)
    found = entry.pick(_language if lang is None else lang) if entry else ""
    if not found:
        return key
    if not fields:
        return found
    try:
        return found.format(**fields)
    except (KeyError, IndexError, ValueError):
        return found


def phrase_book(prefix: str, names: Iterable[str]) -> dict[str, dict[str, str]]:
    """``{lang: {name: text}}`` of the messages ``<prefix>.<name>``, for code that picks its
    words by language in a loop (explanations, formula notes); each text as written, its
    ``{fields}`` left for the caller to fill."""
    book: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        book[lang] = {}
        for name in names:
            entry = catalogue().get(f"{prefix}.{name}")
            if entry is None:
                raise KeyError(f"no message {prefix}.{name} in the catalogue")
            book[lang][name] = entry.pick(lang)
    return book


def tr(key: str, /, **fields: object) -> str:
    """The message ``key`` in the current language (what the window shows)."""
    return text(key, None, **fields)


def label(group: str, value: str, lang: str | None = None) -> str:
    """The word for a coded ``value`` (message ``<group>.<value>``), or the value itself when
    the catalogue has none: ``label("library.status", "in_force", "en")`` → ``in force``."""
    entry = catalogue().get(f"{group}.{value}")
    found = entry.pick(_language if lang is None else lang) if entry else ""
    return found or value


def language() -> str:
    """The current interface language (``"zh"`` or ``"en"``)."""
    return _language


def set_language(lang: str) -> None:
    """Switch the current language; listeners are called in the order they subscribed."""
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose from {LANGUAGES}")
    if lang == _language:
        return
    _language = lang
    for listener in list(_listeners):
        listener(lang)


def on_language_changed(listener: Callable[[str], None]) -> Callable[[], None]:
    """Call ``listener(lang)`` after each switch; returns a function that unsubscribes."""
    _listeners.append(listener)

    def remove() -> None:
        if listener in _listeners:
            _listeners.remove(listener)

    return remove


__all__ = [
    "CONTEXT",
    "LANGUAGES",
    "TS_FILES",
    "Entry",
    "catalogue",
    "label",
    "language",
    "on_language_changed",
    "phrase_book",
    "read_ts",
    "set_language",
    "text",
    "tr",
]
