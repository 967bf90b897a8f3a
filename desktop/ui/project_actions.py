"""文件 → 打开项目… / 保存项目 / 另存项目…, and bringing back the autosaved session.

What a project holds and how it applies to the session is :class:`desktop.session.Session`;
here are the dialogs, messages and the window's title and recent list around it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.project import SUFFIX, Project, ProjectError, clear_autosave, load_project
from desktop.project import save_project as write_project
from desktop.ui.errors import show_error
from desktop.ui.i18n import tr
from desktop.ui.qtcompat import emit
from desktop.ui.window_parts import WindowParts
from desktop.ui.window_settings import ask_open, documents_folder, remember
from desktop.ui.workers import Job

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def save_project(window: WindowParts, path: str | Path | None = None) -> Path | None:
    """Save to ``path`` (or the current project file; asks when there is none)."""
    target = Path(path) if path is not None else window.session.project_path
    if target is None:
        return window.save_project_as()
    project = window.current_project()
    if project is None:
        show_error(window, tr("error.project_no_input"))
        return None
    if target.suffix.lower() != SUFFIX:
        target = target.with_name(target.name + SUFFIX)
    try:
        write_project(project, target)
    except ProjectError as exc:
        show_error(window, str(exc))
        return None
    window.session.project_saved(target)
    remember(window, target, project=True)
    window.statusBar().showMessage(tr("status.project_saved", path=target), 10_000)
    update_title(window)
    emit(window.project_saved, target)
    return target


def save_project_as(window: WindowParts) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    if window.current_project() is None:
        show_error(window, tr("error.project_no_input"))
        return None
    suggested = suggested_project_path(window.session.project_path, window.session.source)
    name, _ = QFileDialog.getSaveFileName(
        window.window(), tr("dialog.save_project"), str(suggested), tr("dialog.project_filter")
    )
    return window.save_project(Path(name)) if name else None


def suggested_project_path(project: Path | None, source: Path | None) -> Path:
    """Where 另存项目 starts: the project file in use; else beside the data file, named after
    it; else the user's documents folder — never the program's working folder."""
    if project is not None:
        return project
    if source is not None:
        return source.with_suffix(SUFFIX)
    return documents_folder() / f"PolicyDesk{SUFFIX}"


def choose_and_open_project(window: WindowParts) -> None:
    current = window.session.project_path
    path = ask_open(window, tr("dialog.open_project"), tr("dialog.project_filter"), current)
    if path is not None:
        window.open_project(path)


def open_project(window: WindowParts, path: str | Path) -> Job | None:
    """Read a project, warn if its input changed since, and re-run it."""
    path = Path(path)
    try:
        project = load_project(path)
    except ProjectError as exc:
        show_error(window, str(exc))
        return None
    job = window.apply_project(project)
    if job is not None:
        window.session.project_opened(path, project)
        remember(window, path, project=True)
        update_title(window)
    return job


def offer_recovery(window: WindowParts) -> Job | None:
    """If a previous session ended without a clean exit, offer to bring it back."""
    from desktop.project import read_autosave

    project = read_autosave(newer_than=window.settings.last_clean_exit)
    if project is None:
        return None
    if not ask_restore(window.window(), project):
        clear_autosave()
        return None
    return window.apply_project(project)


def update_title(window: WindowParts) -> None:
    """“项目名[*] — 数据文件 — 科创金融政策测算台”: the project file (or 未命名项目 until the
    session is saved), the data file, and Qt's modified mark while there are unsaved changes."""
    session = window.session
    parts = [tr("app.title")]
    if session.source is not None:
        project = session.project_path.name if session.project_path else tr("title.untitled")
        parts[:0] = [f"{project}[*]", session.source.name]
    window.setWindowTitle(" — ".join(parts))
    window.setWindowModified(session.is_dirty)


def warn_input_changed(parent: QWidget, path: Path | str) -> None:
    """Tell the analyst the enterprise list changed since the project was saved (tests patch
    ``QMessageBox.warning``)."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, tr("dialog.input_changed"), tr("warn.input_changed", path=path))


def ask_restore(parent: QWidget, project: Project) -> bool:
    """Ask whether to restore the autosaved session (tests patch ``QMessageBox.question``)."""
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(
        parent,
        tr("dialog.recover"),
        tr(
            "ask.recover",
            file="、".join(f.path.name for f in project.inputs) or "—",
            as_of=project.as_of.isoformat(),
            n=len(project.overrides),
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


__all__ = [
    "ask_restore",
    "choose_and_open_project",
    "offer_recovery",
    "open_project",
    "save_project",
    "save_project_as",
    "update_title",
    "warn_input_changed",
]
