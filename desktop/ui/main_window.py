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
import dataclasses
import datetime as dt
import functools
import html
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QMimeData, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.core.catalogue import Catalogue
from desktop.core.evaluation import Evaluation
from desktop.core.portfolio import Portfolio
from desktop.paths import sample_portfolio
from desktop.project import (
    SUFFIX,
    InputFile,
    Project,
    ProjectError,
    clear_autosave,
    load_project,
    read_autosave,
    sha256_file,
    write_autosave,
)
from desktop.project import save_project as write_project
from desktop.settings import Settings, load_settings, save_settings
from desktop.spreadsheet.mapping import MappingProfile, WorkbookMapping
from desktop.ui import i18n
from desktop.ui.charts import ChartsPanel
from desktop.ui.errors import show_error
from desktop.ui.export_dialog import ExportDialog, ExportResult, default_export_path
from desktop.ui.i18n import tr
from desktop.ui.import_data import ImportInspection, inspect_input
from desktop.ui.import_dialog import ImportDialog
from desktop.ui.institutions import InstitutionsPanel
from desktop.ui.library import LibraryPanel
from desktop.ui.menus import WindowActions, build_menus, build_toolbar
from desktop.ui.operations import (
    Evaluated,
    evaluate,
    is_supported_input,
    load_and_evaluate,
    write_results,
)
from desktop.ui.params import ParametersPanel
from desktop.ui.qtcompat import emit
from desktop.ui.quality import IssuesView
from desktop.ui.scenario_data import BriefResult, ComparisonResult
from desktop.ui.scenarios import ScenariosPanel
from desktop.ui.start_page import StartPage, recent_entries
from desktop.ui.table_data import build_enterprise_table, summary_texts
from desktop.ui.views import ResultsView
from desktop.ui.widgets import ProgressStrip
from desktop.ui.workers import QUEUED, Job, JobFunction

log = logging.getLogger(__name__)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


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
        self._catalogue = catalogue
        self._portfolio: Portfolio | None = None
        self._evaluation: Evaluation | None = None
        self._source: Path | None = None
        self._sources: tuple[Path, ...] = ()  # every file read together (first: _source)
        self._pending_sources: tuple[Path, ...] = ()
        self._source_label = ""
        self._overrides: dict[str, str] = {}
        self._job_overrides: dict[int, dict[str, str]] = {}
        self._project_path: Path | None = None
        self._sha_cache: dict[Path, tuple[float, int, str]] = {}  # path → mtime, size, sha
        self.settings: Settings = load_settings()
        self._data_job: Job | None = None
        self.review_imports = True  # uncertain mappings open the import dialog first
        self.import_dialog: ImportDialog | None = None
        self._mapping: WorkbookMapping | None = None
        self._profile: MappingProfile | None = None
        self._pending_profile: MappingProfile | None = None
        self._export_job: Job | None = None
        self.export_dialog: ExportDialog | None = None
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        # Small files (autosave, settings) are written in order on one background thread:
        # hashing a 90 MB input or an fsync must not hold up the window (issue #7: <100 ms).
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="policydesk-writer")
        self.setAcceptDrops(True)
        self.resize(1440, 860)

        self._build_central()
        self.actions_: WindowActions = build_menus(self)
        self.toolbar, self.date_edit, self.search_edit = build_toolbar(self, self.actions_)
        self.date_edit.setDate(_qdate(as_of or dt.date.today()))
        # Until the analyst picks a date (or a project brings one), a file's stated
        # 数据截至 becomes the as-of date, as in the batch command.
        self._as_of_chosen = as_of is not None
        self.date_edit.dateChanged.connect(self._on_date_edited)
        self.search_edit.textChanged.connect(self._on_search)
        self.find_action = QAction(self)  # Ctrl+F: to the search box
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_search)
        self.addAction(self.find_action)
        self._date_timer = QTimer(self, singleShot=True, interval=400)
        self._date_timer.timeout.connect(self._reevaluate)
        self._build_params_dock()
        self._build_scenarios_dock()
        self._build_screen_docks()
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

    def _build_central(self) -> None:
        self.results = ResultsView()
        # Short names for tests and tools.
        self.model, self.proxy = self.results.model, self.results.proxy
        self.totals_model = self.results.totals_model
        self.table_view, self.totals_view = self.results.table_view, self.results.totals_view
        self.detail = self.results.detail
        self.start_page = StartPage()
        self.start_page.open_requested.connect(self.choose_and_open)
        self.start_page.sample_requested.connect(self.open_sample)
        self.start_page.project_requested.connect(self.choose_and_open_project)
        self.start_page.recent_requested.connect(self.open_recent)
        self.welcome = self.start_page  # the older name
        # Above the results: what the import left unused (sheets, records), never hidden by
        # a filter; its link opens the 数据质量 list.
        self.import_banner = QLabel()
        self.import_banner.setObjectName("import-banner")
        self.import_banner.setWordWrap(True)
        self.import_banner.setTextFormat(Qt.TextFormat.RichText)
        self.import_banner.setStyleSheet(
            "QLabel#import-banner { background: #fef3c7; color: #78350f; padding: 6px 10px;"
            " border-bottom: 1px solid #f59e0b; }"
        )
        self.import_banner.linkActivated.connect(self._show_quality)
        self.import_banner.setVisible(False)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.import_banner)
        layout.addWidget(self.results, 1)
        self.results_page = page
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_page)
        self.stack.addWidget(page)
        self.setCentralWidget(self.stack)

    def _show_quality(self, _link: str = "") -> None:
        dock = self.screen_docks["quality"]
        dock.setVisible(True)
        dock.raise_()

    def _update_banner(self, portfolio: Portfolio) -> None:
        """Warnings of the import (sheets found but not used, records without enterprise)."""
        warnings = portfolio.warnings
        if not warnings:
            self.import_banner.setVisible(False)
            return
        zh = i18n.language() == "zh"
        parts = [w.split(" / ")[0] if zh else w.split(" / ")[-1] for w in warnings]
        items = "；".join(html.escape(p) for p in parts[:4])
        if len(parts) > 4:
            items += f" …（+{len(parts) - 4}）"
        self.import_banner.setText(tr("banner.unused", items=items))
        self.import_banner.setVisible(True)

    def _build_params_dock(self) -> None:
        self.params_panel = ParametersPanel()
        self.params_panel.set_as_of(self.as_of)
        self.params_panel.override_requested.connect(self.set_override)
        self.params_panel.reset_all_requested.connect(lambda: self.set_overrides({}))
        self.params_panel.as_of_edited.connect(lambda day: self.date_edit.setDate(_qdate(day)))
        self.date_edit.dateChanged.connect(
            lambda d: self.params_panel.set_as_of(dt.date(d.year(), d.month(), d.day()))
        )
        self.params_dock = QDockWidget(self)
        self.params_dock.setObjectName("params-dock")
        self.params_dock.setWidget(self.params_panel)
        self.params_dock.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.params_dock)
        self.params_dock.setVisible(False)
        action = self.params_dock.toggleViewAction()
        action.setShortcut(QKeySequence("Ctrl+P"))
        action.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView))
        self.actions_.view_menu.insertAction(self.actions_.view_menu.actions()[0], action)
        self.toolbar.insertAction(self.actions_.hide_empty, action)
        self.params_action = action

    def _build_scenarios_dock(self) -> None:
        """情景: a bottom dock beside 参数, hidden at first (Ctrl+K).

        Not tabified with 参数: a tabified pair of hidden docks makes Qt raise the window's
        minimum width by both docks' minimums."""
        self.scenarios = ScenariosPanel(runner=self.run_job)
        self.scenarios.set_baseline(self.as_of, self.overrides)
        self.scenarios.scenarios_changed.connect(self._autosave)
        self.scenarios.compared.connect(self._on_compared)
        self.scenarios.brief_written.connect(self._on_brief_written)
        dock = QDockWidget(self)
        dock.setObjectName("scenarios-dock")
        dock.setWidget(self.scenarios)
        dock.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        dock.setVisible(False)
        action = dock.toggleViewAction()
        action.setShortcut(QKeySequence("Ctrl+K"))
        action.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogListView))
        menu = self.actions_.scenarios_menu
        if menu is not None:
            first = menu.actions()[0]  # 对比
            menu.insertAction(first, action)
            menu.insertSeparator(first)
        self.toolbar.insertAction(self.actions_.hide_empty, action)
        self.scenarios_dock = dock
        self.scenarios_action = action

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
        if self._portfolio is None:
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

    def _build_screen_docks(self) -> None:
        """政策库, 图表, 数据质量 and 机构: docks tabbed together on the right, hidden at first."""
        from PySide6.QtWidgets import QPushButton

        self.library = LibraryPanel()
        self.library.set_catalogue(self._catalogue)
        self.library.filter_requested.connect(self.filter_by_measure)
        self.charts = ChartsPanel()
        self.quality = IssuesView()
        self.institutions = InstitutionsPanel()
        self.screen_docks: dict[str, QDockWidget] = {}
        shortcuts = {
            "library": "Ctrl+L",
            "charts": "Ctrl+G",
            "quality": "Ctrl+Shift+D",
            "institutions": "Ctrl+Shift+I",
        }
        previous: QDockWidget | None = None
        for name, widget in (
            ("library", self.library),
            ("charts", self.charts),
            ("quality", self.quality),
            ("institutions", self.institutions),
        ):
            dock = QDockWidget(self)
            dock.setObjectName(f"{name}-dock")
            dock.setWidget(widget)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            if previous is not None:
                self.tabifyDockWidget(previous, dock)
            previous = dock
            dock.setVisible(False)
            action = dock.toggleViewAction()
            action.setShortcut(QKeySequence(shortcuts[name]))
            self.actions_.view_menu.insertAction(self.actions_.view_menu.actions()[1], action)
            self.screen_docks[name] = dock
        self.library_dock = self.screen_docks["library"]
        self.screen_docks["library"].visibilityChanged.connect(self._library_shown)
        self.filter_chip = QPushButton()
        self.filter_chip.setObjectName("filter-chip")
        self.filter_chip.setFlat(True)
        self.filter_chip.setVisible(False)
        self.filter_chip.clicked.connect(lambda: self.filter_by_measure(None, frozenset()))

    def _library_shown(self, shown: bool) -> None:
        if shown:
            self.library.set_catalogue(self._catalogue_or_default())

    def _catalogue_or_default(self) -> Catalogue:
        if self._catalogue is None:
            from desktop.core.catalogue import default_catalogue

            self._catalogue = default_catalogue()
        return self._catalogue

    def show_screen(self, name: str, show: bool = True) -> None:
        """Show (and raise) the 政策库 / 图表 / 数据质量 dock."""
        dock = self.screen_docks[name]
        dock.setVisible(show)
        if show:
            dock.raise_()
            if name == "library":
                self.library.set_catalogue(self._catalogue_or_default())

    def reevaluate(self) -> Job | None:
        """视图 → 重新测算 (F5): run again with the current list, parameters and date."""
        return self._reevaluate()

    def filter_by_measure(self, measure_id: str | None, statuses: frozenset[str]) -> None:
        """Show only the enterprises with ``statuses`` for ``measure_id`` (None: all)."""
        self.proxy.set_status_filter(measure_id, statuses)
        if measure_id is None:
            self.filter_chip.setVisible(False)
        else:
            from desktop.ui.library_data import status_text

            title = measure_id
            if self._catalogue is not None and measure_id in self._catalogue.measures:
                title = self._catalogue.measures[measure_id].measure.name
            self.filter_chip.setText(
                tr("filter.chip", measure=title, status=status_text(statuses, i18n.language()))
            )
            self.filter_chip.setToolTip(tr("filter.clear_tip"))
            self.filter_chip.setVisible(True)
            column = self.model.column_of(measure_id)
            if column is not None:
                self.table_view.setColumnHidden(column, False)
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
        return dict(self._overrides)

    def set_override(self, key: str, value: object) -> Job | None:
        """Set (or with None remove) one override and re-run in the background."""
        overrides = dict(self._overrides)
        if value is None:
            overrides.pop(key, None)
        else:
            overrides[key] = str(value)
        return self.set_overrides(overrides)

    def set_overrides(self, overrides: dict[str, str]) -> Job | None:
        if overrides == self._overrides:
            return None
        self._overrides = dict(overrides)
        self.scenarios.set_baseline(self.as_of, self._overrides)
        job = self._reevaluate()
        self._autosave()
        return job

    def set_parameter(self, key: str, text: str | dt.date) -> bool:
        """Enter a value as the parameters screen would (validated; errors shown inline)."""
        return self.params_panel.edit(key, text)

    # -- public state
    @property
    def current_evaluation(self) -> Evaluation | None:
        return self._evaluation

    @property
    def current_portfolio(self) -> Portfolio | None:
        return self._portfolio

    @property
    def current_path(self) -> Path | None:
        return self._source

    @property
    def as_of(self) -> dt.date:
        day = self.date_edit.date()
        return dt.date(day.year(), day.month(), day.day())

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
            self._catalogue,
            self.as_of,
            overrides=self.overrides,
            mapping=mapping,
            review=review,
            lang=i18n.language(),
        )
        self._pending_profile = mapping
        self._pending_sources = tuple(paths)
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
            evaluate, portfolio, self._catalogue, self.as_of, overrides=self.overrides
        )
        return self._start_data_job(
            fn, tr("job.evaluating"), portfolio.source, label or tr("unsaved.portfolio")
        )

    def set_as_of(self, day: dt.date) -> Job | None:
        """Change the as-of date and re-evaluate now (the date box waits for typing to stop)."""
        self._as_of_chosen = True
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(_qdate(day))
        self.date_edit.blockSignals(False)
        self.params_panel.set_as_of(day)
        self.scenarios.set_baseline(day, self._overrides)
        job = self._reevaluate()
        self._autosave()
        return job

    def choose_and_open(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        start = str(self._source.parent) if self._source else (self.settings.last_folder or "")
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
        return self._mapping

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
        source = self._source
        if source is None or not source.is_file() or not is_supported_input(source):
            show_error(self, tr("error.project_no_input"))
            return None
        sources = [p for p in self._sources if p.is_file()] or [source]
        fn = functools.partial(inspect_input, sources, profile=self._profile, lang=i18n.language())
        label = self._source_label
        return self.run_job(
            fn,
            tr("job.loading", file=source.name),
            lambda inspection: self.show_import_dialog(inspection, label),
        )

    # -- exporting
    def choose_and_export(self) -> ExportDialog | None:
        """文件 → 导出结果… (Ctrl+E): the export dialog (window-modal, not blocking)."""
        if self._evaluation is None:
            show_error(self, tr("error.no_evaluation"))
            return None
        if self.export_dialog is not None:
            self.export_dialog.raise_()
            return self.export_dialog
        source = self._source if self._source is not None and self._source.is_file() else None
        last = self.settings.last_folder
        folder = Path(last) if last else Path.home()
        if source is not None and source != sample_portfolio():
            folder = source.parent  # beside the input (the sample's folder is the program's)
        if self._project_path is not None:
            folder = self._project_path.parent
        suggested = default_export_path(source, self._evaluation.as_of, folder=folder)
        dialog = ExportDialog(
            self._evaluation,
            input_path=source,
            lang=i18n.language(),
            suggested=suggested,
            protected=[self._project_path],
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
        if self._evaluation is None:
            show_error(self, tr("error.no_evaluation"))
            return None
        fn = functools.partial(
            write_results, self._evaluation, Path(path), self._source, i18n.language()
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
        if result.mapping is not None:
            self._mapping = result.mapping
            self._profile = self._pending_profile
        elif source != self._source:
            self._mapping = self._profile = None
        if self.actions_.import_settings is not None:
            self.actions_.import_settings.setEnabled(self._mapping is not None)
        self._catalogue = result.catalogue
        self._portfolio = result.portfolio
        self._evaluation = result.evaluation
        if result.mapping is not None:
            self._sources = self._pending_sources
        elif source != self._source:
            self._sources = ()
        self._source = source
        self._source_label = label
        self.results.set_results(result.evaluation, result.table, result.changes)
        self.params_panel.set_evaluation(result.evaluation)
        self.scenarios.set_data(result.portfolio, result.catalogue, source)
        self.scenarios.set_baseline(
            result.evaluation.as_of, self._job_overrides.get(id(job), self.overrides)
        )
        self.library.set_evaluation(result.evaluation)
        self.charts.set_results(result.evaluation, result.table)
        self.quality.set_issues(result.portfolio.sheet_issues() + result.portfolio.issues)
        self._update_banner(result.portfolio)
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
        if result.evaluation.as_of != self.as_of:
            self._reevaluate()  # the date changed while this run was under way
        elif self._job_overrides.get(id(job)) != self._overrides:
            self._reevaluate()  # the parameters changed while this run was under way
        self._job_overrides.pop(id(job), None)
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
        return self._project_path

    def _input_sha(self, path: Path) -> str:
        stat = path.stat()
        cached = self._sha_cache.get(path)
        if cached is not None and cached[:2] == (stat.st_mtime, stat.st_size):
            return cached[2]
        digest = sha256_file(path)
        self._sha_cache[path] = (stat.st_mtime, stat.st_size, digest)
        return digest

    def _input_files(self) -> list[Path]:
        """Every file the current data was read from, the first one first."""
        if self._source is None:
            return []
        others = [p for p in self._sources if p != self._source]
        return [self._source, *others]

    def current_project(self, with_sha: bool = True) -> Project | None:
        """The session as a project; None until an enterprise list from a file is open
        (``with_sha=False``: the input's SHA-256 left empty, for the autosave to fill in)."""
        if self._source is None or not self._source.is_file():
            return None
        from desktop.spreadsheet.mapping import to_profile

        mapping = self._profile
        if mapping is None and self._mapping is not None:
            mapping = to_profile(self._mapping)
        header_rows: dict[str, list[int]] = {}
        if self._mapping is not None:
            for table, cm in self._mapping.tables.items():
                header_rows[table.value] = list(cm.header_rows)
        first, *others = [p.resolve() for p in self._input_files()]
        return Project(
            input_path=first,
            input_sha256=self._input_sha(first) if with_sha else "",
            more_inputs=tuple(
                InputFile(p, self._input_sha(p) if with_sha and p.is_file() else "") for p in others
            ),
            as_of=self.as_of,
            overrides=self.overrides,
            language=i18n.language(),
            scenarios=self.scenarios.alternatives,
            mapping=mapping,
            header_rows=header_rows if mapping is not None else {},
        )

    def save_project(self, path: str | Path | None = None) -> Path | None:
        """Save to ``path`` (or the current project file; asks when there is none)."""
        target = Path(path) if path is not None else self._project_path
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
        self._project_path = target
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
        if self._project_path is not None:
            suggested = self._project_path
        else:
            assert self._source is not None
            suggested = self._source.with_suffix(SUFFIX)
        name, _ = QFileDialog.getSaveFileName(
            self, tr("dialog.save_project"), str(suggested), tr("dialog.project_filter")
        )
        return self.save_project(Path(name)) if name else None

    def choose_and_open_project(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        start = (
            str(self._project_path.parent)
            if self._project_path
            else (self.settings.last_folder or "")
        )
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
            self._project_path = path
            self._remember(path, project=True)
            self._update_title()
        return job

    def apply_project(self, project: Project) -> Job | None:
        source = project.input_path
        if source is None:
            show_error(self, tr("error.project_input_missing", path="—"))
            return None
        missing = project.missing_inputs()
        if missing:
            show_error(self, tr("error.project_input_missing", path="、".join(map(str, missing))))
            return None
        changed = project.changed_inputs()
        if changed:
            warn_input_changed(
                self, changed[0] if len(changed) == 1 else "、".join(map(str, changed))
            )
        if project.language != i18n.language():
            i18n.set_language(project.language)
        self._overrides = dict(project.overrides)
        self._as_of_chosen = True
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(_qdate(project.as_of))
        self.date_edit.blockSignals(False)
        self.params_panel.set_as_of(project.as_of)
        self._date_timer.stop()
        self.scenarios.set_baseline(project.as_of, self._overrides)
        self.scenarios.set_alternatives(project.scenarios)
        files = [f.path for f in project.inputs]
        if project.mapping is not None:
            # The mapping the analyst confirmed when the project was saved: no dialog again.
            return self.open_path(files, mapping=project.mapping, review=False)
        return self.open_path(files)

    def _autosave(self) -> None:
        """Keep a copy of the session in the user folder; a clean exit removes it.

        The state is taken now; the input's SHA-256 and the write happen on the writer
        thread, so a large input or a slow disk never stalls the window."""
        project = self.current_project(with_sha=False)
        if project is None or project.input_path is None:
            return
        source = project.input_path
        others = project.more_inputs

        def write() -> None:
            try:
                more = tuple(
                    InputFile(f.path, self._input_sha(f.path) if f.path.is_file() else None)
                    for f in others
                )
                write_autosave(
                    dataclasses.replace(
                        project, input_sha256=self._input_sha(source), more_inputs=more
                    )
                )
            except OSError:
                log.warning("cannot write the autosave copy", exc_info=True)

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
        if self._project_path is not None:
            title = f"{self._project_path.name} — {title}"
        self.setWindowTitle(title)

    def _reevaluate(self) -> Job | None:
        self._date_timer.stop()
        if self._portfolio is None:
            return None
        fn = functools.partial(
            evaluate,
            self._portfolio,
            self._catalogue,
            self.as_of,
            overrides=self.overrides,
            previous=self.model.table if self._evaluation is not None else None,
        )
        self.params_panel.set_running(True)
        # A re-evaluation follows an edit (a ratio typed, a date picked): the editor closes
        # and the docks repaint, hundreds of Qt calls into Python. Started at once, the
        # engine would take the interpreter lock in between, and the window froze for
        # ~0.1 s (tests/test_ui_responsiveness.py); a moment later it is unnoticeable.
        return self._start_data_job(
            fn,
            tr("job.evaluating"),
            self._source,
            self._source_label,
            delay=REEVALUATE_DELAY,
        )

    def _adopt_stated_as_of(self, stated: dt.date | None) -> None:
        """A file that states its 数据截至 is evaluated at that date unless the analyst chose
        another (the caller then re-evaluates at the new date); either way the status bar
        says which date is used and why."""
        if stated is None or stated == self.as_of:
            return
        if self._as_of_chosen:
            message = tr("status.as_of_kept", stated=stated.isoformat(), day=self.as_of.isoformat())
            self.statusBar().showMessage(message, 15_000)
            return
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(_qdate(stated))
        self.date_edit.blockSignals(False)
        self.params_panel.set_as_of(stated)
        self.scenarios.set_baseline(stated, self._overrides)
        self.statusBar().showMessage(tr("status.as_of_from_data", day=stated.isoformat()), 15_000)

    def _on_date_edited(self, _date: QDate) -> None:
        self._as_of_chosen = True
        if self._portfolio is not None:
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
        if self._evaluation is None:
            self.summary_label.setText(tr("status.ready"))
            return
        text, tip = summary_texts(
            self.model.table,
            self._evaluation,
            self._source_label,
            shown_rows=self.proxy.rowCount(),
            hidden_measures=self.results.hidden_measures(),
            issues=self._portfolio.issues if self._portfolio is not None else [],
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
        self.scenarios_dock.setWindowTitle(tr("scenarios.title"))
        self.scenarios_action.setText(tr("action.scenarios"))
        self.scenarios_action.setIconText(tr("scenarios.title"))
        self.scenarios_action.setToolTip(tr("tip.scenarios"))
        self.scenarios.retranslate()
        self.progress_strip.retranslate()
        self.search_edit.setPlaceholderText(tr("search.placeholder"))
        self.params_dock.setWindowTitle(tr("params.title"))
        self.params_action.setText(tr("action.params"))
        self.params_action.setIconText(tr("params.title"))
        self.params_action.setToolTip(tr("tip.params"))
        self.params_panel.retranslate()
        for name, dock in self.screen_docks.items():
            dock.setWindowTitle(tr(f"{name}.title"))
            dock.toggleViewAction().setText(tr(f"action.{name}"))
            dock.toggleViewAction().setToolTip(tr(f"tip.{name}"))
        self.library.retranslate()
        self.charts.retranslate()
        self.quality.retranslate()
        self.institutions.retranslate()
        self.recent_menu.setTitle(tr("menu.recent"))
        self._fill_recent_menu()
        if self._evaluation is not None:
            table = build_enterprise_table(self._evaluation, i18n.language())
            self.results.set_results(self._evaluation, table)
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
