"""What the window writes out: 文件 → 导出结果… (the export dialog, or :func:`export_to`
without one) and 情景 → 生成简报… (the briefing pack)."""

from __future__ import annotations

import functools
from pathlib import Path

from PySide6.QtCore import Qt

from desktop.paths import sample_portfolio
from desktop.ui import i18n
from desktop.ui.errors import show_error
from desktop.ui.export_dialog import ExportDialog, ExportResult, default_export_path
from desktop.ui.i18n import tr
from desktop.ui.operations import write_results
from desktop.ui.qtcompat import emit
from desktop.ui.window_parts import WindowParts
from desktop.ui.workers import QUEUED, Job


def choose_and_export(window: WindowParts) -> ExportDialog | None:
    """文件 → 导出结果… (Ctrl+E): the export dialog (window-modal, not blocking)."""
    session = window.session
    evaluation = session.evaluation
    if evaluation is None:
        show_error(window, tr("error.no_evaluation"))
        return None
    if window.export_dialog is not None:
        window.export_dialog.raise_()
        return window.export_dialog
    source = session.source
    source = source if source is not None and source.is_file() else None
    last = window.settings.last_folder
    folder = Path(last) if last else Path.home()
    if source is not None and source != sample_portfolio():
        folder = source.parent  # beside the input (the sample's folder is the program's)
    if session.project_path is not None:
        folder = session.project_path.parent
    suggested = default_export_path(source, evaluation.as_of, folder=folder)
    dialog = ExportDialog(
        evaluation,
        input_path=source,
        lang=i18n.language(),
        suggested=suggested,
        protected=[session.project_path],
        pool=window.pool,
        parent=window.window(),
    )
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.exported.connect(functools.partial(_on_dialog_exported, window))
    window.export_dialog = dialog

    def done(_result: int) -> None:
        if window.export_dialog is dialog:
            window.export_dialog = None
        dialog.deleteLater()

    dialog.finished.connect(done)
    dialog.open()
    emit(window.export_dialog_shown, dialog)
    return dialog


def _on_dialog_exported(window: WindowParts, result: ExportResult) -> None:
    window.statusBar().showMessage(tr("status.exported", path=result.plan.workbook), 10_000)
    emit(window.export_finished, result.plan.workbook)


def export_to(window: WindowParts, path: str | Path) -> Job | None:
    """Write the results workbook to ``path`` in the background (no dialog)."""
    evaluation = window.session.evaluation
    if evaluation is None:
        show_error(window, tr("error.no_evaluation"))
        return None
    fn = functools.partial(
        write_results, evaluation, Path(path), window.session.source, i18n.language()
    )
    job = Job(fn, name="export")
    job.finished.connect(functools.partial(_on_exported, window, job), QUEUED)
    return window.jobs.start_export(job, tr("job.exporting"))


def _on_exported(window: WindowParts, job: Job, path: Path) -> None:
    window.jobs.end(job)
    window.statusBar().showMessage(tr("status.exported", path=path), 10_000)
    emit(window.export_finished, path)


def choose_and_brief(window: WindowParts) -> Job | None:
    """情景 → 生成简报… (Ctrl+B): the briefing pack for the ticked scenarios."""
    if window.session.portfolio is None:
        show_error(window, tr("scenario.need_data"))
        return None
    return window.scenarios.choose_and_brief()


__all__ = ["choose_and_brief", "choose_and_export", "export_to"]
