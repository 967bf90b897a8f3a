"""What the window remembers between runs: recent projects and lists (文件 → 最近打开 and
the start page), window geometry, docks and splitter, and the writer thread that puts the
settings and the autosave copy on disk in order without holding up the window."""

from __future__ import annotations

import contextlib
import copy
import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMenu

from desktop.settings import save_settings
from desktop.ui import i18n
from desktop.ui.errors import show_error
from desktop.ui.i18n import tr
from desktop.ui.start_page import recent_entries
from desktop.ui.window_parts import WindowParts
from desktop.ui.workers import Job

log = logging.getLogger(__name__)


class BackgroundWriter:
    """Small file writes (autosave, settings) in submission order on one thread: hashing a
    90 MB input or an fsync must not hold up the window (issue #7: <100 ms)."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="policydesk-writer")

    def submit(self, fn: Callable[..., object], *args: object) -> None:
        """Run ``fn(*args)`` after the writes queued before it (once closed: right away)."""

        def run() -> None:
            try:
                fn(*args)
            except Exception:  # a failed autosave must never disturb the session
                log.warning("background write failed", exc_info=True)

        try:
            self._executor.submit(run)
        except RuntimeError:  # the window is closing: write now
            run()

    def flush(self, timeout: float = 30.0) -> None:
        """Wait until the writes queued so far are on disk."""
        with contextlib.suppress(RuntimeError):
            self._executor.submit(lambda: None).result(timeout)

    def close(self) -> None:
        self._executor.shutdown(wait=True)  # queued writes land first


def save_settings_later(window: WindowParts) -> None:
    """Every settings save goes this one way: a copy, written on the writer thread."""
    window.writer.submit(save_settings, copy.deepcopy(window.settings))


def build_recent_menu(window: WindowParts) -> QMenu:
    """文件 → 最近打开, before 打开项目; filled again each time it opens."""
    menu = QMenu(window.window())
    window.actions_.file_menu.insertMenu(window.actions_.open_project, menu)
    menu.aboutToShow.connect(functools.partial(fill_recent_menu, window, menu))
    fill_recent_menu(window, menu)
    return menu


def fill_recent_menu(window: WindowParts, menu: QMenu | None = None) -> None:
    menu = window.recent_menu if menu is None else menu
    menu.clear()
    settings = window.settings
    entries = [*settings.recent_projects, *settings.recent_files]
    for text in settings.recent_projects + [""] + settings.recent_files:
        if not text:
            if settings.recent_projects and settings.recent_files:
                menu.addSeparator()
            continue
        action = menu.addAction(Path(text).name)
        action.setToolTip(text)
        action.setStatusTip(text)
        action.triggered.connect(functools.partial(window.open_recent, text))
    if not entries:
        menu.addAction(tr("recent.empty")).setEnabled(False)
    else:
        menu.addSeparator()
        menu.addAction(tr("recent.clear")).triggered.connect(window.clear_recent)


def open_recent(window: WindowParts, text: str) -> Job | None:
    path = Path(text)
    if not path.is_file():
        window.settings.forget_recent(text)
        save_settings_later(window)
        refresh_start_page(window)
        show_error(window, tr("error.recent_missing", path=path))
        return None
    return window.open_path(path)


def clear_recent(window: WindowParts) -> None:
    window.settings.clear_recent()
    save_settings_later(window)
    refresh_start_page(window)


def remember(window: WindowParts, path: Path, project: bool = False) -> None:
    if project:
        window.settings.add_recent_project(path)
    else:
        window.settings.add_recent_file(path)
    save_settings_later(window)
    refresh_start_page(window)


def refresh_start_page(window: WindowParts) -> None:
    """The start page lists what the settings remember (missing files greyed out)."""
    s = window.settings
    window.start_page.set_recent(
        recent_entries(s.recent_projects, s.opened_at),
        recent_entries(s.recent_files, s.opened_at),
    )


def restore_layout(window: WindowParts) -> None:
    s = window.settings
    if s.window_geometry:
        window.restoreGeometry(QByteArray.fromBase64(s.window_geometry.encode("ascii")))
    if s.window_state:
        window.restoreState(QByteArray.fromBase64(s.window_state.encode("ascii")))
    if s.splitter_state:
        window.results.restoreState(QByteArray.fromBase64(s.splitter_state.encode("ascii")))


def save_layout(window: WindowParts) -> None:
    """Window geometry, docks, splitter and language into the settings file."""

    def b64(data: Any) -> str:
        return bytes(data.toBase64().data()).decode("ascii")

    s = window.settings
    s.window_geometry = b64(window.saveGeometry())
    s.window_state = b64(window.saveState())
    s.splitter_state = b64(window.results.saveState())
    s.language = i18n.language()
    save_settings_later(window)


def dialog_folder(window: WindowParts, current: Path | None) -> str:
    """Where an open dialog starts: beside the file in use, else the last folder used, else
    the user's documents folder (never the program's working folder)."""
    if current is not None:
        return str(current.parent)
    return window.settings.last_folder or str(documents_folder())


def ask_open(window: WindowParts, caption: str, filters: str, current: Path | None) -> Path | None:
    """The file the analyst picks in an open dialog starting at :func:`dialog_folder`
    (None: cancelled)."""
    from PySide6.QtWidgets import QFileDialog

    start = dialog_folder(window, current)
    name, _ = QFileDialog.getOpenFileName(window.window(), caption, start, filters)
    return Path(name) if name else None


def documents_folder() -> Path:
    """The user's documents folder (Qt's standard location), else the home folder."""
    from PySide6.QtCore import QStandardPaths

    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


__all__ = [
    "BackgroundWriter",
    "ask_open",
    "build_recent_menu",
    "clear_recent",
    "dialog_folder",
    "documents_folder",
    "fill_recent_menu",
    "open_recent",
    "refresh_start_page",
    "remember",
    "restore_layout",
    "save_layout",
    "save_settings_later",
]
