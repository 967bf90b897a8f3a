"""The ways a list comes in besides :meth:`MainWindow.open_path`: 文件 → 打开… and 示例数据,
files or a folder dropped on the window, and 文件 → 导入设置… (the import dialog, also
shown when a mapping is uncertain)."""

from __future__ import annotations

import functools
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QWidget

from desktop.paths import sample_portfolio
from desktop.project import SUFFIX
from desktop.ui import i18n
from desktop.ui.errors import show_error
from desktop.ui.i18n import tr
from desktop.ui.import_data import ImportInspection, inspect_input
from desktop.ui.import_dialog import ImportDialog
from desktop.ui.operations import is_supported_input
from desktop.ui.qtcompat import emit
from desktop.ui.window_parts import WindowParts
from desktop.ui.window_settings import ask_open
from desktop.ui.workers import Job


def choose_and_open(window: WindowParts) -> None:
    path = ask_open(window, tr("dialog.open"), tr("dialog.open_filter"), window.session.source)
    if path is not None:
        window.open_path(path)


def open_sample(window: WindowParts) -> Job | None:
    path = sample_portfolio()
    if not path.is_file():
        show_error(window, tr("error.no_sample", path=path))
        return None
    return window.open_path(path, f"{tr('unsaved.sample')}（{path.name}）")


def parameters_settled(window: WindowParts, paths: list[Path]) -> bool:
    """Before other data is read while parameters are changed: ask whether to keep them
    (True: go on, with them or with the defaults; False: the analyst cancelled)."""
    session = window.session
    if not session.overrides:
        return True
    if [p.resolve() for p in paths] == [p.resolve() for p in session.input_files()]:
        return True  # the same data again (a re-read, a changed mapping)
    answer = ask_keep_parameters(window.window(), len(session.overrides))
    if answer is None:
        return False
    if not answer:
        session.set_overrides({})
        window.show_as_of()  # the parameters panel and the scenarios' baseline
    return True


def ask_keep_parameters(parent: QWidget, n: int) -> bool | None:
    """保留 (True), 恢复默认 (False) or 取消 (None); tests patch this."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, tr("dialog.keep_params"), "", parent=parent)
    box.setText(tr("ask.keep_params", n=n))
    keep = box.addButton(tr("button.keep_params"), QMessageBox.ButtonRole.AcceptRole)
    reset = box.addButton(tr("button.reset_params"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    box.exec()
    clicked = box.clickedButton()
    return True if clicked is keep else False if clicked is reset else None


# -- drag and drop
def accepted_paths(mime: QMimeData) -> list[Path]:
    """The local spreadsheets among the dropped URLs (a folder: the spreadsheets in it,
    by name), or a single project file; ``[]`` when nothing can be opened."""
    if not mime.hasUrls():
        return []
    found: list[Path] = []
    for url in mime.urls():
        if not url.isLocalFile():
            continue
        path = Path(url.toLocalFile())
        if path.is_dir():
            found += sorted(
                p
                for p in path.iterdir()
                if p.is_file() and is_supported_input(p) and not p.name.startswith(("~$", "."))
            )
        elif path.suffix.lower() == SUFFIX and not found:
            return [path]  # a project opens alone
        elif is_supported_input(path):
            found.append(path)
    return list(dict.fromkeys(found))


def accepted_path(mime: QMimeData) -> Path | None:
    """The first file :func:`accepted_paths` would open, if any."""
    paths = accepted_paths(mime)
    return paths[0] if paths else None


def handle_drop(window: WindowParts, mime: QMimeData) -> bool:
    """Open every dropped spreadsheet together (one portfolio), or the dropped project."""
    paths = accepted_paths(mime)
    if not paths:
        return False
    window.open_path(paths[0] if len(paths) == 1 else paths)
    return True


# -- import settings
def show_import_dialog(
    window: WindowParts, inspection: ImportInspection, label: str | None = None
) -> None:
    """Open 导入设置 (window-modal, not blocking); OK re-reads with the chosen mapping."""
    if window.import_dialog is not None:
        window.import_dialog.close()
    dialog = ImportDialog(inspection, runner=window.run_job, parent=window.window())
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    window.import_dialog = dialog

    def done(result: int) -> None:
        if window.import_dialog is dialog:
            window.import_dialog = None
        if result == int(ImportDialog.DialogCode.Accepted):
            files = list(dialog.inspection.files)
            window.open_path(
                files, label, mapping=dialog.profile(), review=False, keep_parameters=True
            )
        dialog.deleteLater()

    dialog.finished.connect(done)
    dialog.open()
    emit(window.import_dialog_shown, dialog)


def open_import_settings(window: WindowParts) -> Job | None:
    """文件 → 导入设置…: re-read the current file (in the background) and show the dialog."""
    session = window.session
    source = session.source
    if source is None or not source.is_file() or not is_supported_input(source):
        show_error(window, tr("error.project_no_input"))
        return None
    fn = functools.partial(
        inspect_input, session.readable_inputs(), profile=session.profile, lang=i18n.language()
    )
    label = session.source_label
    return window.run_job(
        fn,
        tr("job.loading", file=source.name),
        lambda inspection: window.show_import_dialog(inspection, label),
    )


__all__ = [
    "accepted_path",
    "accepted_paths",
    "choose_and_open",
    "handle_drop",
    "open_import_settings",
    "open_sample",
    "show_import_dialog",
]
