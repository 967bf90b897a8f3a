"""视图 → 技术细节: whether internal keys (measure ids, parameter keys) show in tooltips and
the why-pane. Off by default — a reader sees names, clauses and labels; the analyst who
writes scenario files or ``--set`` options turns it on. Qt-free, like the ``*_data``
modules that word the tooltips."""

from __future__ import annotations

from desktop.i18n import tr

_shown = False


def shown() -> bool:
    return _shown


def set_shown(show: bool) -> None:
    global _shown
    _shown = bool(show)


def key_line(key: str) -> str:
    """``"\\n编号：<key>"`` while technical details are shown, else nothing."""
    return f"\n{tr('tech.key', key=key)}" if _shown else ""
