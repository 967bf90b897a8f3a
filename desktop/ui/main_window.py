"""The main window: enterprise table, totals by measure, the why-pane and the docks.

It displays a :class:`desktop.session.Session` (what is open, with which parameters, at
which date) and turns the analyst's actions into calls on it; long work runs as
:class:`Job` on the window's own pool (:mod:`~desktop.ui.window_jobs`). Views and docks:
:mod:`~desktop.ui.docks`, :mod:`~desktop.ui.window_views`; actions:
:mod:`~desktop.ui.opening`, :mod:`~desktop.ui.project_actions`,
:mod:`~desktop.ui.export_actions`, :mod:`~desktop.ui.window_settings`; what they use of
the window is :class:`~desktop.ui.window_parts.WindowParts`. Tests drive it through the
public methods (``open_path``, ``set_portfolio``, ``set_as_of``, ``select``, ``export_to``,
``run_job``) and wait on ``evaluation_changed``.
"""

from __future__ import annotations

import datetime as dt
import functools
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QWidget

from desktop.core.catalogue import Catalogue
from desktop.core.evaluation import Evaluation
from desktop.core.portfolio import Portfolio
from desktop.project import (
    SUFFIX,
    Project,
    clear_autosave,
)
from desktop.session import Session
from desktop.settings import Settings, load_settings
from desktop.spreadsheet.mapping import MappingProfile, WorkbookMapping
from desktop.ui import (
    docks,
    evaluating,
    export_actions,
    i18n,
    opening,
    project_actions,
    window_settings,
    window_views,
)
from desktop.ui.errors import show_error
from desktop.ui.export_dialog import ExportDialog
from desktop.ui.i18n import tr
from desktop.ui.import_dialog import ImportDialog
from desktop.ui.menus import WindowActions, build_menus, build_toolbar
from desktop.ui.operations import is_supported_input, load_and_evaluate
from desktop.ui.project_actions import ask_restore, warn_input_changed
from desktop.ui.widgets import ProgressStrip
from desktop.ui.window_jobs import WindowJobs
from desktop.ui.window_settings import BackgroundWriter
from desktop.ui.workers import Job, JobFunction

REEVALUATE_DELAY = evaluating.REEVALUATE_DELAY


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
        self.settings: Settings = load_settings()
        self.review_imports = True  # uncertain mappings open the import dialog first
        self.import_dialog: ImportDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.jobs = WindowJobs(self)
        self.pool = self.jobs.pool
        self.writer = BackgroundWriter()
        self.setAcceptDrops(True)
        self.resize(1440, 860)

        central = docks.build_central(self)
        self.results, self.start_page, self.import_banner, self.view_bar = central[:4]
        self.results_page, self.stack = central[4:]
        self.view_bar.scope_changed.connect(self.set_measure_scope)
        self.view_bar.reset_requested.connect(self.reset_view)
        self.results.table_view.horizontalHeader().sortIndicatorChanged.connect(
            lambda *_: window_views.update_summary(self)
        )
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
        self._date_timer.timeout.connect(self.reevaluate)
        self.params_panel, self.params_dock, self.params_action = docks.build_params_dock(self)
        self.scenarios, self.scenarios_dock, self.scenarios_action = docks.build_scenarios_dock(
            self
        )
        self._show_baseline()
        self.scenarios.scenarios_changed.connect(self._on_scenarios_changed)
        self.library, self.charts, self.quality, self.institutions, self.screen_docks = (
            docks.build_screen_docks(self)
        )
        self.library_dock = self.screen_docks["library"]
        self.filter_chip = docks.build_filter_chip(self)
        self.recent_menu = window_settings.build_recent_menu(self)
        window_settings.restore_layout(self)
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

    # -- views (desktop/ui/docks.py, window_views.py)
    show_screen = docks.show_screen
    show_parameters = docks.show_parameters
    show_scenarios = docks.show_scenarios
    compare_scenarios = docks.compare_scenarios
    filter_by_measure = window_views.filter_by_measure
    select = window_views.select
    select_uscc = window_views.select_uscc
    set_hide_empty_measures = window_views.set_hide_empty_measures
    detail_text = window_views.detail_text
    focus_search = window_views.focus_search
    set_measure_scope = window_views.set_measure_scope
    set_technical_details = window_views.set_technical_details
    reset_view = window_views.reset_view
    retranslate = window_views.retranslate
    _on_search = window_views.on_search

    # -- ways in (desktop/ui/opening.py), recent files and layout (window_settings.py)
    choose_and_open = opening.choose_and_open
    open_sample = opening.open_sample
    accepted_paths = staticmethod(opening.accepted_paths)
    accepted_path = staticmethod(opening.accepted_path)
    handle_drop = opening.handle_drop
    show_import_dialog = opening.show_import_dialog
    open_import_settings = opening.open_import_settings
    open_recent = window_settings.open_recent
    clear_recent = window_settings.clear_recent
    save_layout = window_settings.save_layout
    _refresh_start_page = window_settings.refresh_start_page  # tools/screenshot.py

    def flush_writes(self, timeout: float = 30.0) -> None:
        """Wait until the autosave and settings writes queued so far are on disk."""
        self.writer.flush(timeout)

    # -- projects (desktop/ui/project_actions.py) and outputs (export_actions.py)
    save_project = project_actions.save_project
    save_project_as = project_actions.save_project_as
    choose_and_open_project = project_actions.choose_and_open_project
    open_project = project_actions.open_project
    offer_recovery = project_actions.offer_recovery
    choose_and_export = export_actions.choose_and_export
    export_to = export_actions.export_to
    choose_and_brief = export_actions.choose_and_brief

    # -- the session
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
        job = self.reevaluate()
        self.autosave()
        return job

    def set_parameter(self, key: str, text: str | dt.date) -> bool:
        """Enter a value as the parameters screen would (validated; errors shown inline)."""
        return self.params_panel.edit(key, text)

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
    def current_mapping(self) -> WorkbookMapping | None:
        """How the open file's columns were read (None for an in-memory portfolio)."""
        return self.session.mapping

    @property
    def project_path(self) -> Path | None:
        return self.session.project_path

    @property
    def as_of(self) -> dt.date:
        return self.session.as_of

    def set_as_of(self, day: dt.date) -> Job | None:
        """Change the as-of date and re-evaluate now (the date box waits for typing to stop)."""
        self.session.set_as_of(day)
        self.show_as_of()
        job = self.reevaluate()
        self.autosave()
        return job

    def current_project(self, with_sha: bool = True) -> Project | None:
        """The session as a project; None until an enterprise list from a file is open
        (``with_sha=False``: the inputs' SHA-256 left empty, for the autosave to fill in)."""
        return self.session.current_project(i18n.language(), with_sha)

    def apply_project(self, project: Project) -> Job | None:
        """Warn about changed inputs, take the project's state and read its inputs."""
        inputs = self.session.check_inputs(project)
        if inputs.missing:
            missing = "、".join(map(str, inputs.missing))
            show_error(self, tr("error.project_input_missing", path=missing))
            return None
        if changed := inputs.changed:
            warn_input_changed(
                self, changed[0] if len(changed) == 1 else "、".join(map(str, changed))
            )
        if project.language != i18n.language():
            i18n.set_language(project.language)
        opened = self.session.apply_project(project)
        self.stop_date_timer()
        self.show_as_of()
        self.scenarios.set_alternatives(self.session.scenarios)
        # A confirmed mapping (saved with the project) is used as it is: no dialog again.
        if opened.mapping is not None:
            return self.open_path(
                opened.files, mapping=opened.mapping, review=False, keep_parameters=True
            )
        return self.open_path(opened.files, keep_parameters=True)

    def _on_scenarios_changed(self) -> None:
        self.session.set_scenarios(self.scenarios.alternatives)
        self.autosave()

    def autosave(self) -> None:
        """Keep a copy of the session in the user folder; a clean exit removes it (the
        inputs' SHA-256 and the write happen on the writer thread)."""
        write = self.session.autosave_writer(i18n.language())
        if write is not None:
            self.writer.submit(write)
        project_actions.update_title(self)  # the modified mark follows every change

    def _show_baseline(self) -> None:
        baseline = self.session.baseline
        self.scenarios.set_baseline(baseline.as_of, dict(baseline.overrides))

    def show_as_of(self) -> None:
        """The session's date in the date box, the parameters and the scenarios' baseline."""
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(docks.qdate(self.session.as_of))
        self.date_edit.blockSignals(False)
        self.params_panel.set_as_of(self.session.as_of)
        self._show_baseline()

    def stop_date_timer(self) -> None:
        """The date box waits for typing to stop; a run started otherwise needs no other."""
        self._date_timer.stop()

    def _on_date_edited(self, date: QDate) -> None:
        self.session.set_as_of(dt.date(date.year(), date.month(), date.day()))
        if self.session.portfolio is not None:
            self._date_timer.start()

    # -- reading and evaluating
    def open_path(
        self,
        path: str | Path | Sequence[str | Path],
        label: str | None = None,
        *,
        mapping: MappingProfile | None = None,
        review: bool | None = None,
        keep_parameters: bool = False,
    ) -> Job | None:
        """Read and evaluate an enterprise spreadsheet — or several, read together and joined
        by credit code or name — in the background.

        When the column mapping is uncertain or the layout cannot be read (and ``review`` is
        not False) the import dialog opens instead of evaluating; its OK calls this again
        with the chosen ``mapping``. Changed parameters are kept only when the analyst says
        so (asked unless ``keep_parameters``: a project's own, the import dialog's second step).
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
        if not keep_parameters and not opening.parameters_settled(self, paths):
            return None
        if review is None:
            review = self.review_imports and mapping is None
        fn = functools.partial(
            load_and_evaluate,
            first if len(paths) == 1 else tuple(paths),
            self.session.catalogue,
            self.as_of if self.session.as_of_chosen else None,  # None: the data's 数据截至
            overrides=self.overrides,
            mapping=mapping,
            review=review,
            lang=i18n.language(),
        )
        self.session.begin_reading(paths, mapping)
        text = tr("job.loading", file="、".join(p.name for p in paths))
        label = label or "、".join(p.name for p in paths)
        return evaluating.start_data_job(self, fn, text, first, label)

    set_portfolio = evaluating.set_portfolio
    reevaluate = evaluating.reevaluate  # 视图 → 重新测算 (F5)

    # -- jobs (desktop/ui/window_jobs.py)
    def run_job(
        self, fn: JobFunction, text: str, on_finished: Callable[[Any], None] | None = None
    ) -> Job:
        """Run any ``fn(progress, should_cancel)`` with the progress strip and error handling."""
        return self.jobs.run(fn, text, on_finished)

    def cancel_jobs(self) -> None:
        self.jobs.cancel_all()

    def wait_for_jobs(self, msecs: int = 10_000) -> bool:
        return self.pool.waitForDone(msecs)

    @property
    def is_busy(self) -> bool:
        return self.jobs.is_busy

    # -- Qt events
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.dragMoveEvent(event)

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

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cancel_jobs()
        self._date_timer.stop()
        self.pool.waitForDone(5000)
        self.writer.close()  # queued autosave/settings writes land first
        clear_autosave()  # a clean exit: nothing to recover next time
        self.settings.last_clean_exit = time.time()
        self.save_layout()
        self._unsubscribe()
        super().closeEvent(event)


__all__ = ["MainWindow", "ask_restore", "warn_input_changed"]
