"""The export dialog: where to save, what to include, open the folder when done.

The workbook is always written; CSV files (a folder beside it), the JSON document and the
briefing pack (PDF and chart PNGs, a folder beside it) are optional. Nothing may replace the
input file: a target equal to it is refused with a message before anything runs. The work
runs as one :class:`~desktop.ui.workers.Job` on the window's pool, with the dialog's own
progress bar and 取消; the job hands the writing to a child process (:mod:`desktop.jobs`),
so the window never waits for the exporters. The window is told what was written.

The plan and the function the job runs (:func:`run_export`) use no Qt, so tests can call
them without a dialog.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.progress import Progress, ShouldCancel
from desktop.errors import OutputFileError
from desktop.jobs.export import export_in_process
from desktop.jobs.outputs import ExportTargets
from desktop.ui.errors import show_error
from desktop.ui.i18n import tr
from desktop.ui.operations import stage_progress
from desktop.ui.qtcompat import emit
from desktop.ui.workers import QUEUED, Job

if TYPE_CHECKING:
    from desktop.core.evaluation import Evaluation

log = logging.getLogger(__name__)


WORKBOOK_SUFFIX = ".xlsx"


# -- the plan (no Qt) ---------------------------------------------------------------------


def default_export_path(
    input_path: Path | None,
    as_of: dt.date,
    *,
    folder: Path | None = None,
) -> Path:
    """``<input stem>_测算结果_<YYYYMMDD>.xlsx`` in ``folder`` (default: beside the input)."""
    stem = input_path.stem if input_path is not None else "PolicyDesk"
    if folder is None:
        folder = input_path.parent if input_path is not None else Path.home()
    return folder / f"{stem}_{tr('dialog.export_suffix')}_{as_of:%Y%m%d}{WORKBOOK_SUFFIX}"


DEFAULT_STEM = "测算结果"


@dataclass(frozen=True)
class ExportPlan:
    """What to write: the workbook, and optionally CSV, JSON and the briefing pack."""

    workbook: Path
    csv: bool = False
    json: bool = False
    brief: bool = False

    @property
    def csv_dir(self) -> Path:
        return self.workbook.with_name(tr("export.csv_folder", stem=self.workbook.stem))

    @property
    def json_path(self) -> Path:
        return self.workbook.with_suffix(".json")

    @property
    def brief_dir(self) -> Path:
        return self.workbook.with_name(tr("export.brief_folder", stem=self.workbook.stem))

    def normalised(self) -> ExportPlan:
        """The workbook path with the ``.xlsx`` suffix."""
        path = self.workbook
        if not path.name or path.is_dir():  # "", "/" or an existing folder: a file inside it
            path = path / (DEFAULT_STEM + WORKBOOK_SUFFIX)
        if path.suffix.lower() != WORKBOOK_SUFFIX:
            path = path.with_name(path.name + WORKBOOK_SUFFIX)
        return ExportPlan(path, self.csv, self.json, self.brief)

    def targets(self) -> list[Path]:
        """Files and folders this plan writes (to check against the input file)."""
        out = [self.workbook]
        if self.csv:
            out.append(self.csv_dir)
        if self.json:
            out.append(self.json_path)
        if self.brief:
            out.append(self.brief_dir)
        return out


def check_plan(plan: ExportPlan, protected: list[Path | None]) -> None:
    """Refuse a plan that would write over the input (or the project) file."""
    keep = [p.resolve() for p in protected if p is not None]
    for target in plan.targets():
        resolved = target.resolve()
        for path in keep:
            if resolved == path or path.parent == resolved:
                raise OutputFileError(tr("export.same_as_input", path=path))


@dataclass
class ExportResult:
    plan: ExportPlan
    written: list[Path] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        return self.plan.workbook.parent


def run_export(
    plan: ExportPlan,
    evaluation: Evaluation,
    input_path: Path | None,
    lang: str,
    progress: Progress,
    should_cancel: ShouldCancel,
) -> ExportResult:
    """Write everything the plan asks for; the job's function (runs off the GUI thread).

    The writing itself happens in a child process (:mod:`desktop.jobs.export`): this
    thread sends it the work, relays its progress in the UI's words, and waits."""
    check_plan(plan, [input_path])
    plan.workbook.parent.mkdir(parents=True, exist_ok=True)
    targets = ExportTargets(
        plan.workbook,
        csv_dir=plan.csv_dir if plan.csv else None,
        json_path=plan.json_path if plan.json else None,
        brief_dir=plan.brief_dir if plan.brief else None,
    )
    written = export_in_process(
        evaluation,
        targets,
        input_path=input_path,
        lang=lang,
        progress=stage_progress(progress),
        should_cancel=should_cancel,
    )
    return ExportResult(plan, written)


# -- the dialog ---------------------------------------------------------------------------


def open_folder(folder: Path) -> bool:
    """Show ``folder`` in the file manager (tests patch ``QDesktopServices.openUrl``)."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))


class ExportDialog(QDialog):
    """导出测算结果: target, what to include, open the folder when done; progress and cancel."""

    exported = Signal(object)  # ExportResult
    failed = Signal(str)

    def __init__(
        self,
        evaluation: Evaluation,
        *,
        input_path: Path | None,
        lang: str,
        suggested: Path,
        protected: list[Path | None] | None = None,
        pool: QThreadPool | None = None,
        open_when_done: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("export-dialog")
        self._evaluation = evaluation
        self._input = input_path
        self._lang = lang
        self._protected = [input_path, *(protected or [])]
        self._pool = pool
        self.job: Job | None = None
        self.result_: ExportResult | None = None

        self.target_edit = QLineEdit(str(suggested))
        self.target_edit.setObjectName("export-target")
        self.target_edit.setMinimumWidth(440)
        self.target_edit.textChanged.connect(self._update_names)
        self.browse_button = QPushButton()
        self.browse_button.setAutoDefault(False)  # Enter exports, wherever the focus is
        self.browse_button.clicked.connect(self.browse)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_edit, 1)
        target_row.addWidget(self.browse_button)
        self.target_label = QLabel()
        self.target_label.setBuddy(self.target_edit)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.target_label, target_row)

        self.workbook_box = QCheckBox()
        self.workbook_box.setChecked(True)
        self.workbook_box.setEnabled(False)
        self.csv_box = QCheckBox()
        self.json_box = QCheckBox()
        self.brief_box = QCheckBox()
        self.include_group = QGroupBox()
        include = QVBoxLayout(self.include_group)
        include.setSpacing(6)
        for box in (self.workbook_box, self.csv_box, self.json_box, self.brief_box):
            include.addWidget(box)

        self.open_box = QCheckBox()
        self.open_box.setObjectName("export-open-folder")
        self.open_box.setChecked(open_when_done)

        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setVisible(False)
        self.status_label = QLabel()
        self.status_label.setObjectName("export-status")
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet("color: #52606d;")

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setShortcut(QKeySequence("Esc"))
        self.cancel_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel_or_close)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.include_group)
        layout.addWidget(self.open_box)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(640, self.sizeHint().height())

    # -- state
    def plan(self) -> ExportPlan:
        text = self.target_edit.text().strip()
        return ExportPlan(
            Path(text).expanduser() if text else Path(),
            csv=self.csv_box.isChecked(),
            json=self.json_box.isChecked(),
            brief=self.brief_box.isChecked(),
        ).normalised()

    @property
    def running(self) -> bool:
        return self.job is not None and not self.job.is_done

    def browse(self) -> None:
        current = self.target_edit.text().strip()
        name, _ = QFileDialog.getSaveFileName(
            self, tr("dialog.export"), current, tr("dialog.export_filter")
        )
        if name:
            self.target_edit.setText(name)

    # -- running
    def start(self) -> Job | None:
        """Check the plan and run it; None when refused (the reason was shown)."""
        if self.running:
            return None
        if not self.target_edit.text().strip():
            show_error(self, tr("export.no_target"))
            return None
        plan = self.plan()
        try:
            check_plan(plan, self._protected)
        except OutputFileError as exc:
            show_error(self, str(exc))
            return None
        if plan.workbook.exists() and not self._confirm_replace(plan.workbook):
            return None
        fn = functools.partial(run_export, plan, self._evaluation, self._input, self._lang)
        job = Job(fn, name="export")
        self.job = job
        job.progress.connect(self._on_progress, QUEUED)
        job.finished.connect(self._on_finished, QUEUED)
        job.failed.connect(self._on_failed, QUEUED)
        job.cancelled.connect(self._on_cancelled, QUEUED)
        self._set_running(True)
        self.status_label.setText(tr("job.exporting"))
        return job.start(self._pool)

    def _confirm_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self,
            tr("export.replace"),
            tr("export.replace.ask", path=path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def cancel_or_close(self) -> None:
        if self.job is not None and self.running:
            self.job.cancel()
            self.status_label.setText(tr("job.cancelled"))
            self.cancel_button.setEnabled(False)
        else:
            self.reject()

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.progress.setValue(0)
        for widget in (
            self.target_edit,
            self.browse_button,
            self.csv_box,
            self.json_box,
            self.brief_box,
            self.export_button,
        ):
            widget.setEnabled(not running)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(tr("button.cancel") if running else tr("export.close"))

    def _on_progress(self, percent: int, text: str) -> None:
        self.progress.setValue(percent)
        if text:
            self.status_label.setText(text)

    def _on_finished(self, result: ExportResult) -> None:
        self.job = None
        self.result_ = result
        self._set_running(False)
        self.status_label.setText(tr("export.done", n=len(result.written), folder=result.folder))
        emit(self.exported, result)
        if self.open_box.isChecked():
            open_folder(result.folder)
        self.accept()

    def _on_failed(self, message: str) -> None:
        self.job = None
        self._set_running(False)
        self.status_label.setText("")
        emit(self.failed, message)
        show_error(self, message)

    def _on_cancelled(self) -> None:
        self.job = None
        self._set_running(False)
        self.status_label.setText(tr("job.cancelled"))

    def reject(self) -> None:
        if self.job is not None and self.running:
            self.cancel_or_close()  # Esc or the close button while running: cancel first
            return
        super().reject()

    # -- text
    def _update_names(self) -> None:
        plan = self.plan()
        self.csv_box.setText(tr("export.csv", name=plan.csv_dir.name + "/"))
        self.json_box.setText(tr("export.json", name=plan.json_path.name))
        self.brief_box.setText(tr("export.brief", name=plan.brief_dir.name + "/"))

    def retranslate(self) -> None:
        self.setWindowTitle(tr("export.title"))
        self.target_label.setText(tr("export.target"))
        self.target_edit.setAccessibleName(tr("export.target"))
        self.target_edit.setToolTip(tr("export.browse.tip"))
        self.browse_button.setText(tr("export.browse"))
        self.browse_button.setToolTip(tr("export.browse.tip"))
        self.include_group.setTitle(tr("export.include"))
        self.workbook_box.setText(tr("export.workbook"))
        self.open_box.setText(tr("export.open_folder"))
        self.export_button.setText(tr("export.start"))
        self.export_button.setAccessibleName(tr("export.start"))
        self.cancel_button.setText(tr("button.cancel") if self.running else tr("export.close"))
        self.status_label.setText(tr("export.ready"))
        self._update_names()
        for box in (self.workbook_box, self.csv_box, self.json_box, self.brief_box, self.open_box):
            box.setAccessibleName(box.text())


__all__ = [
    "ExportDialog",
    "ExportPlan",
    "ExportResult",
    "check_plan",
    "default_export_path",
    "open_folder",
    "run_export",
]
