"""The main window: enterprise table, totals by measure, and the why-pane.

All long work (reading, evaluating, exporting) goes through :class:`Job` on the window's own
thread pool, so the window stays responsive and closing it waits only for its own jobs.
Tests drive it through the public methods (``open_path``, ``set_portfolio``, ``set_as_of``,
``select``, ``export_to``, ``run_job``) and wait on ``evaluation_changed``.

With nothing open the central area is the start page (recent projects and lists); the
情景 dock compares a baseline (the current parameters) with named alternatives.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import functools
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QMimeData, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSizePolicy,
    QWidget,
)

from desktop.core.catalogue import Catalogue
from desktop.core.portfolio import Portfolio
from desktop.core.results import Evaluation
from desktop.paths import sample_portfolio
from desktop.project import (
    SUFFIX,
    Project,
    ProjectError,
    clear_autosave,
    load_project,
    read_autosave,
)
from desktop.project import save_project as write_project
from desktop.session import AsOfAdoption, Session
from desktop.settings import Settings, load_settings, save_settings
from desktop.spreadsheet.mapping import MappingProfile, WorkbookMapping
from desktop.ui import docks, i18n
from desktop.ui.errors import show_error
from desktop.ui.export_dialog import ExportDialog, ExportResult, default_export_path
from desktop.ui.i18n import tr
from desktop.ui.import_data import ImportInspection, inspect_input
from desktop.ui.import_dialog import ImportDialog
from desktop.ui.menus import WindowActions, build_menus, build_toolbar
from desktop.ui.operations import (
    Evaluated,
    evaluate,
    is_supported_input,
    load_and_evaluate,
    write_results,
)
from desktop.ui.qtcompat import emit
from desktop.ui.scenario_data import BriefResult, ComparisonResult
from desktop.ui.start_page import recent_entries
from desktop.ui.table_data import build_enterprise_table, summary_texts
from desktop.ui.widgets import ProgressStrip
from desktop.ui.workers import QUEUED, Job, JobFunction

log = logging.getLogger(__name__)


REEVALUATE_DELAY = 0.1  # seconds between an edit and the re-evaluation it starts


class MainWindow(QMainWindow):
    evaluation_changed = Signal(object)  # the new Evaluation
    job_failed = Signal(str)  # the message shown to the user
    export_finished = Signal(object)  # Path of the written workbook
    project_saved = Signal(object)  # Path of the project file
    import_dialog_shown = Signal(object)  # the ImportDialog, open and waiting
    export_dialog_shown = Signal(object)  # the ExportDialog, open and waiting

    def __init__(
        self,
        catalogue: Catalogue | None = None,
        *,
        as_of: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = Session(catalogue, as_of=as_of)
        self._job_overrides: dict[int, dict[str, str]] = {}
        self.settings: Settings = load_settings()
        self._data_job: Job | None = None
        self.review_imports = True  # uncertain mappings open the import dialog first
        self.import_dialog: ImportDialog | None = None
        self._export_job: Job | None = None
        self.export_dialog: ExportDialog | None = None
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        # Small files (autosave, settings) are written in order on one background thread:
        # hashing a 90 MB input or an fsync must not hold up the window (issue #7: <100 ms).
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="policydesk-writer")
        self.setAcceptDrops(True)
        self.resize(1440, 860)

        central = docks.build_central(self)
        self.results, self.start_page, self.import_banner, self.results_page, self.stack = central
        # Short names for tests and tools.
        self.model, self.proxy = self.results.model, self.results.proxy
        self.totals_model = self.results.totals_model
        self.table_view, self.totals_view = self.results.table_view, self.results.totals_view
        self.detail = self.results.detail
        self.welcome = self.start_page  # the older name
        self.actions_: WindowActions = build_menus(self)
        self.toolbar, self.date_edit, self.search_edit = build_toolbar(self, self.actions_)
        self.date_edit.setDate(docks.qdate(self.session.as_of))
        self.date_edit.dateChanged.connect(self._on_date_edited)
        self.search_edit.textChanged.connect(self._on_search)
        self.find_action = QAction(self)  # Ctrl+F: to the search box
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_search)
        self.addAction(self.find_action)
        self._date_timer = QTimer(self, singleShot=True, interval=400)
        self._date_timer.timeout.connect(self._reevaluate)
        self.params_panel, self.params_dock, self.params_action = docks.build_params_dock(self)
        self.scenarios, self.scenarios_dock, self.scenarios_action = docks.build_scenarios_dock(
            self
        )
        self._show_baseline()
        self.scenarios.scenarios_changed.connect(self._on_scenarios_changed)
        self.scenarios.compared.connect(self._on_compared)
        self.scenarios.brief_written.connect(self._on_brief_written)
        self.library, self.charts, self.quality, self.institutions, self.screen_docks = (
            docks.build_screen_docks(self)
        )
        self.library.filter_requested.connect(self.filter_by_measure)
        self.library_dock = self.screen_docks["library"]
        self.library_dock.visibilityChanged.connect(self._library_shown)
        self.filter_chip = docks.build_filter_chip(self)
        self._build_recent_menu()
        self._restore_layout()
        self._refresh_start_page()

        self.summary_label = QLabel()
        # Long summaries are clipped rather than widening the window; the tooltip has it all.
        self.summary_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.progress_strip = ProgressStrip(self)
        self.statusBar().addWidget(self.summary_label, 1)
        self.statusBar().addPermanentWidget(self.filter_chip)
        self.statusBar().addPermanentWidget(self.progress_strip)
        self._unsubscribe = i18n.on_language_changed(lambda _lang: self.retranslate())
        self.retranslate()

    def show_scenarios(self, show: bool = True) -> None:
        self.scenarios_dock.setVisible(show)
        if show:
            self.scenarios_dock.raise_()
            self.resizeDocks([self.scenarios_dock], [380], Qt.Orientation.Vertical)

    def compare_scenarios(self) -> Job | None:
        """情景 → 对比 (F9): show the screen and compare the ticked scenarios."""
        self.show_scenarios()
        return self.scenarios.compare()

    def choose_and_brief(self) -> Job | None:
        """情景 → 生成简报… (Ctrl+B): the briefing pack for the ticked scenarios."""
        if self.session.portfolio is None:
            show_error(self, tr("scenario.need_data"))
            return None
        return self.scenarios.choose_and_brief()

    def _on_compared(self, result: ComparisonResult) -> None:
        names = tr("list.separator").join(result.comparison.names)
        self.statusBar().showMessage(
            tr("scenario.compared", names=names, time=result.compared_at.strftime("%H:%M:%S")),
            10_000,
        )

    def _on_brief_written(self, result: BriefResult) -> None:
        self.statusBar().showMessage(tr("scenario.brief_done", path=result.pdf), 15_000)

    def _library_shown(self, shown: bool) -> None:
        if shown:
            self.library.set_catalogue(self.session.catalogue_or_default())

    def show_screen(self, name: str, show: bool = True) -> None:
        """Show (and raise) the 政策库 / 图表 / 数据质量 dock."""
        dock = self.screen_docks[name]
        dock.setVisible(show)
        if show:
            dock.raise_()
            if name == "library":
                self.library.set_catalogue(self.session.catalogue_or_default())

    def reevaluate(self) -> Job | None:
        """视图 → 重新测算 (F5): run again with the current list, parameters and date."""
        return self._reevaluate()

    def filter_by_measure(self, measure_id: str | None, statuses: frozenset[str]) -> None:
        """Show only the enterprises with ``statuses`` for ``measure_id`` (None: all)."""
        self.proxy.set_status_filter(measure_id, statuses)
        docks.show_filter(self, measure_id, statuses)
        self._update_summary()

    # -- settings, layout and recent files
    def _build_recent_menu(self) -> None:
        from PySide6.QtWidgets import QMenu

        self.recent_menu = QMenu(self)
        menu = self.actions_.file_menu
        menu.insertMenu(self.actions_.open_project, self.recent_menu)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        entries = [*self.settings.recent_projects, *self.settings.recent_files]
        for text in self.settings.recent_projects + [""] + self.settings.recent_files:
            if not text:
                if self.settings.recent_projects and self.settings.recent_files:
                    menu.addSeparator()
                continue
            action = menu.addAction(Path(text).name)
            action.setToolTip(text)
            action.setStatusTip(text)
            action.triggered.connect(functools.partial(self.open_recent, text))
        if not entries:
            menu.addAction(tr("recent.empty")).setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction(tr("recent.clear")).triggered.connect(self.clear_recent)

    def open_recent(self, text: str) -> Job | None:
        path = Path(text)
        if not path.is_file():
            self.settings.forget_recent(text)
            self._save_settings()
            self._refresh_start_page()
            show_error(self, tr("error.recent_missing", path=path))
            return None
        return self.open_path(path)

    def clear_recent(self) -> None:
        self.settings.clear_recent()
        self._save_settings()
        self._refresh_start_page()

    def _remember(self, path: Path, project: bool = False) -> None:
        if project:
            self.settings.add_recent_project(path)
        else:
            self.settings.add_recent_file(path)
        self._save_settings()
        self._refresh_start_page()

    def _save_settings(self) -> None:
        """Every settings save goes this one way: a copy, written on the writer thread after
        the writes queued before it (once the window has closed the writer: right away)."""
        self._write_later(save_settings, copy.deepcopy(self.settings))

    def _write_later(self, fn: Callable[..., object], *args: object) -> None:
        """Run a small file write on the writer thread (in submission order)."""

        def run() -> None:
            try:
                fn(*args)
            except Exception:  # a failed autosave must never disturb the session
                log.warning("background write failed", exc_info=True)

        try:
            self._writer.submit(run)
        except RuntimeError:  # the window is closing: write now
            run()

    def flush_writes(self, timeout: float = 30.0) -> None:
        """Wait until the autosave and settings writes queued so far are on disk."""
        with contextlib.suppress(RuntimeError):
            self._writer.submit(lambda: None).result(timeout)

    def _refresh_start_page(self) -> None:
        """The start page lists what the settings remember (missing files greyed out)."""
        s = self.settings
        self.start_page.set_recent(
            recent_entries(s.recent_projects, s.opened_at),
            recent_entries(s.recent_files, s.opened_at),
        )

    def _restore_layout(self) -> None:
        from PySide6.QtCore import QByteArray

        s = self.settings
        if s.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(s.window_geometry.encode("ascii")))
        if s.window_state:
            self.restoreState(QByteArray.fromBase64(s.window_state.encode("ascii")))
        if s.splitter_state:
            self.results.restoreState(QByteArray.fromBase64(s.splitter_state.encode("ascii")))

    def save_layout(self) -> None:
        """Window geometry, docks, splitter and language into the settings file."""

        def b64(data: Any) -> str:
            return bytes(data.toBase64().data()).decode("ascii")

        s = self.settings
        s.window_geometry = b64(self.saveGeometry())
        s.window_state = b64(self.saveState())
        s.splitter_state = b64(self.results.saveState())
        s.language = i18n.language()
        self._save_settings()

    def show_parameters(self, show: bool = True) -> None:
        self.params_dock.setVisible(show)
        if show:
            self.resizeDocks([self.params_dock], [320], Qt.Orientation.Vertical)

    # -- parameters
    @property
    def overrides(self) -> dict[str, str]:
        """User-set parameter values, ``{"<measure>.<param>": canonical value}``."""
        return self.session.overrides

    def set_override(self, key: str, value: object) -> Job | None:
        """Set (or with None remove) one override and re-run in the background."""
        return self.set_overrides(self.session.with_override(key, value))

    def set_overrides(self, overrides: dict[str, str]) -> Job | None:
        if not self.session.set_overrides(overrides):
            return None
        self._show_baseline()
        job = self._reevaluate()
        self._autosave()
        return job

    def set_parameter(self, key: str, text: str | dt.date) -> bool:
        """Enter a value as the parameters screen would (validated; errors shown inline)."""
        return self.params_panel.edit(key, text)

    # -- public state
    @property
    def current_evaluation(self) -> Evaluation | None:
        return self.session.evaluation

    @property
    def current_portfolio(self) -> Portfolio | None:
        return self.session.portfolio

    @property
    def current_path(self) -> Path | None:
        return self.session.source

    @property
    def as_of(self) -> dt.date:
        return self.session.as_of

    @property
    def is_busy(self) -> bool:
        return any(j is not None and not j.is_done for j in (self._data_job, self._export_job))

    # -- opening
    def open_path(
        self,
        path: str | Path | Sequence[str | Path],
        label: str | None = None,
        *,
        mapping: MappingProfile | None = None,
        review: bool | None = None,
    ) -> Job | None:
        """Read and evaluate an enterprise spreadsheet — or several, read together and joined
        by credit code or name — in the background.

        When the column mapping is uncertain or the layout cannot be read (and ``review`` is
        not False) the import dialog opens instead of evaluating; its OK calls this again
        with the chosen ``mapping``.
        """
        paths = [Path(path)] if isinstance(path, str | Path) else [Path(p) for p in path]
        if not paths:
            return None
        first = paths[0]
        if len(paths) == 1 and first.suffix.lower() == SUFFIX:
            return self.open_project(first)
        for each in paths:
            if not is_supported_input(each):
                show_error(self, tr("error.unsupported", name=each.name))
                return None
        if review is None:
            review = self.review_imports and mapping is None
        fn = functools.partial(
            load_and_evaluate,
            first if len(paths) == 1 else tuple(paths),
            self.session.catalogue,
            self.as_of,
            overrides=self.overrides,
            mapping=mapping,
            review=review,
            lang=i18n.language(),
        )
        self.session.begin_reading(paths, mapping)
        text = tr("job.loading", file="、".join(p.name for p in paths))
        return self._start_data_job(fn, text, first, label or "、".join(p.name for p in paths))

    def open_sample(self) -> Job | None:
        path = sample_portfolio()
        if not path.is_file():
            show_error(self, tr("error.no_sample", path=path))
            return None
        return self.open_path(path, f"{tr('unsaved.sample')}（{path.name}）")

    def set_portfolio(self, portfolio: Portfolio, label: str | None = None) -> Job:
        """Evaluate a portfolio built in memory (tests, the screenshot tool)."""
        fn = functools.partial(
            evaluate, portfolio, self.session.catalogue, self.as_of, overrides=self.overrides
        )
        return self._start_data_job(
            fn, tr("job.evaluating"), portfolio.source, label or tr("unsaved.portfolio")
        )

    def set_as_of(self, day: dt.date) -> Job | None:
        """Change the as-of date and re-evaluate now (the date box waits for typing to stop)."""
        self.session.set_as_of(day)
        self._show_as_of()
        job = self._reevaluate()
        self._autosave()
        return job

    def choose_and_open(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        source = self.session.source
        start = str(source.parent) if source else (self.settings.last_folder or "")
        name, _ = QFileDialog.getOpenFileName(
            self, tr("dialog.open"), start, tr("dialog.open_filter")
        )
        if name:
            self.open_path(Path(name))

    # -- drag and drop
    @staticmethod
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

    @staticmethod
    def accepted_path(mime: QMimeData) -> Path | None:
        """The first file :meth:`accepted_paths` would open, if any."""
        paths = MainWindow.accepted_paths(mime)
        return paths[0] if paths else None

    def handle_drop(self, mime: QMimeData) -> bool:
        """Open every dropped spreadsheet together (one portfolio), or the dropped project."""
        paths = self.accepted_paths(mime)
        if not paths:
            return False
        self.open_path(paths[0] if len(paths) == 1 else paths)
        return True

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.accepted_path(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        if self.accepted_path(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.handle_drop(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    # -- import settings
    @property
    def current_mapping(self) -> WorkbookMapping | None:
        """How the open file's columns were read (None for an in-memory portfolio)."""
        return self.session.mapping

    def show_import_dialog(self, inspection: ImportInspection, label: str | None = None) -> None:
        """Open 导入设置 (window-modal, not blocking); OK re-reads with the chosen mapping."""
        if self.import_dialog is not None:
            self.import_dialog.close()
        dialog = ImportDialog(inspection, runner=self.run_job, parent=self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.import_dialog = dialog

        def done(result: int) -> None:
            if self.import_dialog is dialog:
                self.import_dialog = None
            if result == int(ImportDialog.DialogCode.Accepted):
                files = list(dialog.inspection.files)
                self.open_path(files, label, mapping=dialog.profile(), review=False)
            dialog.deleteLater()

        dialog.finished.connect(done)
        dialog.open()
        emit(self.import_dialog_shown, dialog)

    def open_import_settings(self) -> Job | None:
        """文件 → 导入设置…: re-read the current file (in the background) and show the dialog."""
        source = self.session.source
        if source is None or not source.is_file() or not is_supported_input(source):
            show_error(self, tr("error.project_no_input"))
            return None
        sources = self.session.readable_inputs()
        fn = functools.partial(
            inspect_input, sources, profile=self.session.profile, lang=i18n.language()
        )
        label = self.session.source_label
        return self.run_job(
            fn,
            tr("job.loading", file=source.name),
            lambda inspection: self.show_import_dialog(inspection, label),
        )

    # -- exporting
    def choose_and_export(self) -> ExportDialog | None:
        """文件 → 导出结果… (Ctrl+E): the export dialog (window-modal, not blocking)."""
        evaluation = self.session.evaluation
        if evaluation is None:
            show_error(self, tr("error.no_evaluation"))
            return None
        if self.export_dialog is not None:
            self.export_dialog.raise_()
            return self.export_dialog
        source = self.session.source
        source = source if source is not None and source.is_file() else None
        last = self.settings.last_folder
        folder = Path(last) if last else Path.home()
        if source is not None and source != sample_portfolio():
            folder = source.parent  # beside the input (the sample's folder is the program's)
        if self.session.project_path is not None:
            folder = self.session.project_path.parent
        suggested = default_export_path(source, evaluation.as_of, folder=folder)
        dialog = ExportDialog(
            evaluation,
            input_path=source,
            lang=i18n.language(),
            suggested=suggested,
            protected=[self.session.project_path],
            pool=self.pool,
            parent=self,
        )
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.exported.connect(self._on_dialog_exported)
        self.export_dialog = dialog

        def done(_result: int) -> None:
            if self.export_dialog is dialog:
                self.export_dialog = None
            dialog.deleteLater()

        dialog.finished.connect(done)
        dialog.open()
        emit(self.export_dialog_shown, dialog)
        return dialog

    def _on_dialog_exported(self, result: ExportResult) -> None:
        self.statusBar().showMessage(tr("status.exported", path=result.plan.workbook), 10_000)
        emit(self.export_finished, result.plan.workbook)

    def export_to(self, path: str | Path) -> Job | None:
        if self.session.evaluation is None:
            show_error(self, tr("error.no_evaluation"))
            return None
        fn = functools.partial(
            write_results, self.session.evaluation, Path(path), self.session.source, i18n.language()
        )
        job = Job(fn, name="export")
        if self._export_job is not None:
            self._export_job.cancel()
        self._export_job = job
        job.finished.connect(functools.partial(self._on_exported, job), QUEUED)
        return self._launch(job, tr("job.exporting"))

    def _on_exported(self, job: Job, path: Path) -> None:
        self._end(job)
        self.statusBar().showMessage(tr("status.exported", path=path), 10_000)
        emit(self.export_finished, path)

    # -- jobs
    def run_job(
        self, fn: JobFunction, text: str, on_finished: Callable[[Any], None] | None = None
    ) -> Job:
        """Run any ``fn(progress, should_cancel)`` with the progress strip and error handling."""
        job = Job(fn, name="task")
        if on_finished is not None:
            job.finished.connect(on_finished, QUEUED)
        job.finished.connect(functools.partial(self._end, job), QUEUED)
        return self._launch(job, text)

    def cancel_jobs(self) -> None:
        dialog_job = self.export_dialog.job if self.export_dialog is not None else None
        for job in (
            self._data_job,
            self._export_job,
            self.progress_strip.job,
            self.scenarios.job,
            dialog_job,
        ):
            if job is not None:
                job.cancel()

    def wait_for_jobs(self, msecs: int = 10_000) -> bool:
        return self.pool.waitForDone(msecs)

    def _start_data_job(
        self, fn: JobFunction, text: str, source: Path | None, label: str, *, delay: float = 0.0
    ) -> Job:
        if self._data_job is not None:
            self._data_job.cancel()
        job = Job(fn, name="evaluate", delay=delay)
        self._data_job = job
        self._job_overrides = {id(job): self.overrides}  # what this run was started with
        job.finished.connect(functools.partial(self._on_evaluated, job, source, label), QUEUED)
        return self._launch(job, text)

    def _launch(self, job: Job, text: str) -> Job:
        job.failed.connect(functools.partial(self._on_failed, job), QUEUED)
        job.cancelled.connect(functools.partial(self._on_cancelled, job), QUEUED)
        self.progress_strip.follow(job, text)
        return job.start(self.pool)

    def _end(self, job: Job, *_: Any) -> None:
        if job is self._data_job:
            self._data_job = None
        if job is self._export_job:
            self._export_job = None
        self.progress_strip.release(job)

    def _on_failed(self, job: Job, message: str) -> None:
        superseded = job.is_cancelled()
        self._end(job)
        if superseded:
            return
        emit(self.job_failed, message)
        show_error(self, message)

    def _on_cancelled(self, job: Job) -> None:
        self._end(job)
        if self.progress_strip.job is None:
            self.statusBar().showMessage(tr("job.cancelled"), 5000)

    def _on_evaluated(
        self, job: Job, source: Path | None, label: str, result: Evaluated | ImportInspection
    ) -> None:
        if job is not self._data_job:
            return  # superseded by a newer run
        self._end(job)
        if isinstance(result, ImportInspection):
            self.show_import_dialog(result, label)
            return
        self.session.record_evaluation(
            catalogue=result.catalogue,
            portfolio=result.portfolio,
            evaluation=result.evaluation,
            mapping=result.mapping,
            source=source,
            label=label,
        )
        if self.actions_.import_settings is not None:
            self.actions_.import_settings.setEnabled(self.session.mapping is not None)
        self.results.set_results(result.evaluation, result.table, result.changes)
        self.params_panel.set_evaluation(result.evaluation)
        self.scenarios.set_data(result.portfolio, result.catalogue, source)
        self.scenarios.set_baseline(
            result.evaluation.as_of, self._job_overrides.get(id(job), self.overrides)
        )
        self.library.set_evaluation(result.evaluation)
        self.charts.set_results(result.evaluation, result.table)
        self.quality.set_issues(result.portfolio.sheet_issues() + result.portfolio.issues)
        docks.update_banner(self.import_banner, result.portfolio)
        self.institutions.set_evaluation(result.evaluation)
        if result.changes.cells:
            self.statusBar().showMessage(tr("status.changed", n=len(result.changes.cells)), 15_000)
        self.stack.setCurrentWidget(self.results_page)
        self.actions_.export.setEnabled(True)
        for action in (self.actions_.reevaluate, self.actions_.compare, self.actions_.brief):
            if action is not None:
                action.setEnabled(True)
        self._update_summary()
        emit(self.evaluation_changed, result.evaluation)
        self._adopt_stated_as_of(result.portfolio.data_as_of)
        run_overrides = self._job_overrides.pop(id(job), None)
        if run_overrides is None or self.session.needs_rerun(
            result.evaluation.as_of, run_overrides
        ):
            self._reevaluate()  # the date or parameters changed while this run was under way
        recent = self.settings.recent_files
        if (
            source is not None
            and source.is_file()
            and source != sample_portfolio()
            and (not recent or recent[0] != str(source))
        ):
            self._remember(source)
        self._autosave()

    # -- projects
    @property
    def project_path(self) -> Path | None:
        return self.session.project_path

    def current_project(self, with_sha: bool = True) -> Project | None:
        """The session as a project; None until an enterprise list from a file is open
        (``with_sha=False``: the input's SHA-256 left empty, for the autosave to fill in)."""
        return self.session.current_project(i18n.language(), with_sha)

    def save_project(self, path: str | Path | None = None) -> Path | None:
        """Save to ``path`` (or the current project file; asks when there is none)."""
        target = Path(path) if path is not None else self.session.project_path
        if target is None:
            return self.save_project_as()
        project = self.current_project()
        if project is None:
            show_error(self, tr("error.project_no_input"))
            return None
        if target.suffix.lower() != SUFFIX:
            target = target.with_name(target.name + SUFFIX)
        try:
            write_project(project, target)
        except ProjectError as exc:
            show_error(self, str(exc))
            return None
        self.session.project_saved(target)
        self._remember(target, project=True)
        self.statusBar().showMessage(tr("status.project_saved", path=target), 10_000)
        self._update_title()
        emit(self.project_saved, target)
        return target

    def save_project_as(self) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        if self.current_project() is None:
            show_error(self, tr("error.project_no_input"))
            return None
        if self.session.project_path is not None:
            suggested = self.session.project_path
        else:
            assert self.session.source is not None
            suggested = self.session.source.with_suffix(SUFFIX)
        name, _ = QFileDialog.getSaveFileName(
            self, tr("dialog.save_project"), str(suggested), tr("dialog.project_filter")
        )
        return self.save_project(Path(name)) if name else None

    def choose_and_open_project(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        current = self.session.project_path
        start = str(current.parent) if current else (self.settings.last_folder or "")
        name, _ = QFileDialog.getOpenFileName(
            self, tr("dialog.open_project"), start, tr("dialog.project_filter")
        )
        if name:
            self.open_project(Path(name))

    def open_project(self, path: str | Path) -> Job | None:
        """Read a project, warn if its input changed since, and re-run it."""
        path = Path(path)
        try:
            project = load_project(path)
        except ProjectError as exc:
            show_error(self, str(exc))
            return None
        job = self.apply_project(project)
        if job is not None:
            self.session.project_opened(path, project)
            self._remember(path, project=True)
            self._update_title()
        return job

    def apply_project(self, project: Project) -> Job | None:
        inputs = self.session.check_inputs(project)
        if inputs.missing:
            missing = "、".join(map(str, inputs.missing))
            show_error(self, tr("error.project_input_missing", path=missing))
            return None
        changed = inputs.changed
        if changed:
            warn_input_changed(
                self, changed[0] if len(changed) == 1 else "、".join(map(str, changed))
            )
        if project.language != i18n.language():
            i18n.set_language(project.language)
        opening = self.session.apply_project(project)
        self._date_timer.stop()
        self._show_as_of()
        self.scenarios.set_alternatives(self.session.scenarios)
        # A confirmed mapping (saved with the project) is used as it is: no dialog again.
        if opening.mapping is not None:
            return self.open_path(opening.files, mapping=opening.mapping, review=False)
        return self.open_path(opening.files)

    def _on_scenarios_changed(self) -> None:
        self.session.set_scenarios(self.scenarios.alternatives)
        self._autosave()

    def _autosave(self) -> None:
        """Keep a copy of the session in the user folder; a clean exit removes it.

        The state is taken now; the input's SHA-256 and the write happen on the writer
        thread, so a large input or a slow disk never stalls the window."""
        write = self.session.autosave_writer(i18n.language())
        if write is not None:
            self._write_later(write)

    def offer_recovery(self) -> Job | None:
        """If a previous session ended without a clean exit, offer to bring it back."""
        project = read_autosave(newer_than=self.settings.last_clean_exit)
        if project is None:
            return None
        if not ask_restore(self, project):
            clear_autosave()
            return None
        return self.apply_project(project)

    def _update_title(self) -> None:
        title = tr("app.title")
        if self.session.project_path is not None:
            title = f"{self.session.project_path.name} — {title}"
        self.setWindowTitle(title)

    def _reevaluate(self) -> Job | None:
        self._date_timer.stop()
        session = self.session
        if session.portfolio is None:
            return None
        fn = functools.partial(
            evaluate,
            session.portfolio,
            session.catalogue,
            self.as_of,
            overrides=self.overrides,
            previous=self.model.table if session.evaluation is not None else None,
        )
        self.params_panel.set_running(True)
        # A re-evaluation follows an edit (a ratio typed, a date picked): the editor closes
        # and the docks repaint, hundreds of Qt calls into Python. Started at once, the
        # engine would take the interpreter lock in between, and the window froze for
        # ~0.1 s (tests/test_ui_responsiveness.py); a moment later it is unnoticeable.
        return self._start_data_job(
            fn,
            tr("job.evaluating"),
            session.source,
            session.source_label,
            delay=REEVALUATE_DELAY,
        )

    def _show_baseline(self) -> None:
        baseline = self.session.baseline
        self.scenarios.set_baseline(baseline.as_of, dict(baseline.overrides))

    def _show_as_of(self) -> None:
        """The session's date in the date box, the parameters and the scenarios' baseline."""
        day = self.session.as_of
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(docks.qdate(day))
        self.date_edit.blockSignals(False)
        self.params_panel.set_as_of(day)
        self._show_baseline()

    def _adopt_stated_as_of(self, stated: dt.date | None) -> None:
        """A file that states its 数据截至 is evaluated at that date unless the analyst chose
        another (the caller then re-evaluates at the new date); either way the status bar
        says which date is used and why."""
        outcome = self.session.adopt_stated_as_of(stated)
        if outcome is AsOfAdoption.KEPT:
            assert stated is not None
            message = tr("status.as_of_kept", stated=stated.isoformat(), day=self.as_of.isoformat())
            self.statusBar().showMessage(message, 15_000)
        elif outcome is AsOfAdoption.ADOPTED:
            self._show_as_of()
            self.statusBar().showMessage(
                tr("status.as_of_from_data", day=self.as_of.isoformat()), 15_000
            )

    def _on_date_edited(self, date: QDate) -> None:
        self.session.set_as_of(dt.date(date.year(), date.month(), date.day()))
        if self.session.portfolio is not None:
            self._date_timer.start()

    # -- selection and detail
    def select(self, position: int, measure_id: str | None = None) -> None:
        """Select the enterprise at ``position`` in the evaluation and a measure's column
        (None: the name column, which explains all measures)."""
        self.results.select(position, measure_id)

    def select_uscc(self, uscc: str, measure_id: str | None = None) -> bool:
        """Select an enterprise by credit code; False when it is not in the results."""
        position = self.results.position_of(uscc)
        if position is None:
            return False
        self.results.select(position, measure_id)
        return True

    def set_hide_empty_measures(self, hide: bool) -> None:
        """Hide (or show) measure columns for which no enterprise qualifies or lacks data."""
        self.results.set_hide_empty(hide)
        if self.actions_.hide_empty.isChecked() != bool(hide):
            self.actions_.hide_empty.setChecked(bool(hide))
        self._update_summary()

    def detail_text(self) -> str:
        return self.detail.toPlainText()

    # -- look
    def _update_summary(self) -> None:
        session = self.session
        if session.evaluation is None:
            self.summary_label.setText(tr("status.ready"))
            return
        text, tip = summary_texts(
            self.model.table,
            session.evaluation,
            session.source_label,
            shown_rows=self.proxy.rowCount(),
            hidden_measures=self.results.hidden_measures(),
            issues=session.portfolio.issues if session.portfolio is not None else [],
        )
        self.summary_label.setText(text)
        self.summary_label.setToolTip(tip)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_summary()

    def retranslate(self) -> None:
        self._update_title()
        self.actions_.retranslate()
        self.start_page.retranslate()
        docks.retranslate_docks(self)
        self.progress_strip.retranslate()
        self.search_edit.setPlaceholderText(tr("search.placeholder"))
        self.recent_menu.setTitle(tr("menu.recent"))
        self._fill_recent_menu()
        evaluation = self.session.evaluation
        if evaluation is not None:
            table = build_enterprise_table(evaluation, i18n.language())
            self.results.set_results(evaluation, table)
        else:
            self.results.show_detail(None, None)
        self.results.retranslate_headers()
        self._update_summary()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cancel_jobs()
        self._date_timer.stop()
        self.pool.waitForDone(5000)
        self._writer.shutdown(wait=True)  # queued autosave/settings writes land first
        clear_autosave()  # a clean exit: nothing to recover next time
        import time

        self.settings.last_clean_exit = time.time()
        self.save_layout()
        self._unsubscribe()
        super().closeEvent(event)


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


__all__ = ["MainWindow", "ask_restore", "warn_input_changed"]
