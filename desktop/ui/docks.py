"""The main window's views: the central area (start page or results with the import
banner) and its docks — 参数, 情景, and 政策库 / 图表 / 数据质量 / 机构 tabbed on the right.

Each builder makes the widgets, puts them into the window, adds their show/hide action to
the menus, connects them to the window's public methods and returns them; the window keeps
them under its short names.
"""

from __future__ import annotations

import datetime as dt
import functools

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QPushButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.charts import ChartsPanel
from desktop.ui.i18n import tr
from desktop.ui.institutions import InstitutionsPanel
from desktop.ui.library import LibraryPanel
from desktop.ui.params import ParametersPanel
from desktop.ui.quality import IssuesView
from desktop.ui.scenario_data import BriefResult, ComparisonResult
from desktop.ui.scenarios import ScenariosPanel
from desktop.ui.start_page import StartPage
from desktop.ui.view_bar import ViewBar
from desktop.ui.views import ResultsView
from desktop.ui.window_parts import WindowParts
from desktop.ui.workers import Job

SCREEN_SHORTCUTS = {
    "library": "Ctrl+L",
    "charts": "Ctrl+G",
    "quality": "Ctrl+Shift+D",
    "institutions": "Ctrl+Shift+I",
}


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def build_central(
    window: WindowParts,
) -> tuple[ResultsView, StartPage, QLabel, ViewBar, QWidget, QStackedWidget]:
    """The start page and the results page (import banner and view bar above the results)
    in a stack that becomes the window's central widget; returns the results, start page,
    banner, view bar, results page and stack."""
    results = ResultsView()
    start_page = StartPage()
    start_page.open_requested.connect(window.choose_and_open)
    start_page.sample_requested.connect(window.open_sample)
    start_page.project_requested.connect(window.choose_and_open_project)
    start_page.recent_requested.connect(window.open_recent)
    # Above the results: what the import left unused (sheets, records), never hidden by
    # a filter; its link opens the 数据质量 list.
    banner = QLabel()
    banner.setObjectName("import-banner")
    banner.setWordWrap(True)
    banner.setTextFormat(Qt.TextFormat.RichText)
    banner.setStyleSheet(
        "QLabel#import-banner { background: #fef3c7; color: #78350f; padding: 6px 10px;"
        " border-bottom: 1px solid #f59e0b; }"
    )
    banner.linkActivated.connect(lambda link: banner_link(window, link))
    banner.setVisible(False)
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(banner)
    view_bar = ViewBar()
    layout.addWidget(view_bar)
    layout.addWidget(results, 1)
    stack = QStackedWidget()
    stack.addWidget(start_page)
    stack.addWidget(page)
    window.setCentralWidget(stack)
    return results, start_page, banner, view_bar, page, stack


def banner_link(window: WindowParts, link: str) -> None:
    """The banner's links: 数据质量 (the quality screen) or 导入设置 (the import dialog)."""
    if link == "import":
        window.open_import_settings()
    else:
        window.show_screen("quality")


def _bottom_dock(window: WindowParts, name: str, widget: QWidget) -> QDockWidget:
    dock = QDockWidget(window.window())
    dock.setObjectName(name)
    dock.setWidget(widget)
    dock.setAllowedAreas(
        Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.BottomDockWidgetArea
    )
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    dock.setVisible(False)
    return dock


def build_params_dock(window: WindowParts) -> tuple[ParametersPanel, QDockWidget, QAction]:
    """参数: a bottom dock, hidden at first (Ctrl+P), following the window's date box."""
    panel = ParametersPanel()
    panel.set_as_of(window.as_of)
    panel.override_requested.connect(window.set_override)
    panel.reset_all_requested.connect(lambda: window.set_overrides({}))
    panel.as_of_edited.connect(lambda day: window.date_edit.setDate(qdate(day)))
    window.date_edit.dateChanged.connect(
        lambda d: panel.set_as_of(dt.date(d.year(), d.month(), d.day()))
    )
    dock = _bottom_dock(window, "params-dock", panel)
    action = dock.toggleViewAction()
    action.setShortcut(QKeySequence("Ctrl+P"))
    style = window.style()
    action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView))
    view_menu = window.actions_.view_menu
    view_menu.insertAction(view_menu.actions()[0], action)
    window.toolbar.insertAction(window.actions_.hide_empty, action)
    return panel, dock, action


def build_scenarios_dock(window: WindowParts) -> tuple[ScenariosPanel, QDockWidget, QAction]:
    """情景: a bottom dock beside 参数, hidden at first (Ctrl+K).

    Not tabified with 参数: a tabified pair of hidden docks makes Qt raise the window's
    minimum width by both docks' minimums."""
    panel = ScenariosPanel(runner=window.run_job)
    panel.compared.connect(functools.partial(_on_compared, window))
    panel.brief_written.connect(functools.partial(_on_brief_written, window))
    dock = _bottom_dock(window, "scenarios-dock", panel)
    action = dock.toggleViewAction()
    action.setShortcut(QKeySequence("Ctrl+K"))
    action.setIcon(window.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogListView))
    menu = window.actions_.scenarios_menu
    if menu is not None:
        first = menu.actions()[0]  # 对比
        menu.insertAction(first, action)
        menu.insertSeparator(first)
    window.toolbar.insertAction(window.actions_.hide_empty, action)
    return panel, dock, action


def build_screen_docks(
    window: WindowParts,
) -> tuple[LibraryPanel, ChartsPanel, IssuesView, InstitutionsPanel, dict[str, QDockWidget]]:
    """政策库, 图表, 数据质量 and 机构: docks tabbed together on the right, hidden at first."""
    library = LibraryPanel()
    library.set_catalogue(window.session.catalogue)
    library.filter_requested.connect(window.filter_by_measure)
    charts = ChartsPanel()
    quality = IssuesView()
    institutions = InstitutionsPanel()
    docks: dict[str, QDockWidget] = {}
    previous: QDockWidget | None = None
    view_menu = window.actions_.view_menu
    widgets: tuple[tuple[str, QWidget], ...] = (
        ("library", library),
        ("charts", charts),
        ("quality", quality),
        ("institutions", institutions),
    )
    for name, widget in widgets:
        dock = QDockWidget(window.window())
        dock.setObjectName(f"{name}-dock")
        dock.setWidget(widget)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        if previous is not None:
            window.tabifyDockWidget(previous, dock)
        previous = dock
        dock.setVisible(False)
        action = dock.toggleViewAction()
        action.setShortcut(QKeySequence(SCREEN_SHORTCUTS[name]))
        view_menu.insertAction(view_menu.actions()[1], action)
        docks[name] = dock

    def library_shown(shown: bool) -> None:
        if shown:
            library.set_catalogue(window.session.catalogue_or_default())

    docks["library"].visibilityChanged.connect(library_shown)
    return library, charts, quality, institutions, docks


def build_filter_chip(window: WindowParts) -> QPushButton:
    """The status-bar chip naming the measure the table is filtered by (click: clear)."""
    chip = QPushButton()
    chip.setObjectName("filter-chip")
    chip.setFlat(True)
    chip.setVisible(False)
    chip.clicked.connect(lambda: window.filter_by_measure(None, frozenset()))
    return chip


def show_screen(window: WindowParts, name: str, show: bool = True) -> None:
    """Show (and raise) the 政策库 / 图表 / 数据质量 / 机构 dock."""
    dock = window.screen_docks[name]
    dock.setVisible(show)
    if show:
        dock.raise_()
        if name == "library":
            window.library.set_catalogue(window.session.catalogue_or_default())


def show_parameters(window: WindowParts, show: bool = True) -> None:
    window.params_dock.setVisible(show)
    if show:
        window.resizeDocks([window.params_dock], [320], Qt.Orientation.Vertical)


def show_scenarios(window: WindowParts, show: bool = True) -> None:
    window.scenarios_dock.setVisible(show)
    if show:
        window.scenarios_dock.raise_()
        window.resizeDocks([window.scenarios_dock], [380], Qt.Orientation.Vertical)


def compare_scenarios(window: WindowParts) -> Job | None:
    """情景 → 对比 (F9): show the screen and compare the ticked scenarios."""
    show_scenarios(window)
    return window.scenarios.compare()


def _on_compared(window: WindowParts, result: ComparisonResult) -> None:
    names = tr("list.separator").join(result.comparison.names)
    window.statusBar().showMessage(
        tr("scenario.compared", names=names, time=result.compared_at.strftime("%H:%M:%S")),
        10_000,
    )


def _on_brief_written(window: WindowParts, result: BriefResult) -> None:
    window.statusBar().showMessage(tr("scenario.brief_done", path=result.pdf), 15_000)


def retranslate_docks(window: WindowParts) -> None:
    """Titles and actions of the docks, then the panels themselves."""
    for dock, action, name in (
        (window.scenarios_dock, window.scenarios_action, "scenarios"),
        (window.params_dock, window.params_action, "params"),
    ):
        dock.setWindowTitle(tr(f"{name}.title"))
        action.setText(tr(f"action.{name}"))
        action.setIconText(tr(f"{name}.title"))
        action.setToolTip(tr(f"tip.{name}"))
    window.scenarios.retranslate()
    window.params_panel.retranslate()
    for name, dock in window.screen_docks.items():
        dock.setWindowTitle(tr(f"{name}.title"))
        dock.toggleViewAction().setText(tr(f"action.{name}"))
        dock.toggleViewAction().setToolTip(tr(f"tip.{name}"))
    window.library.retranslate()
    window.charts.retranslate()
    window.quality.retranslate()
    window.institutions.retranslate()


__all__ = [
    "build_central",
    "build_filter_chip",
    "build_params_dock",
    "build_scenarios_dock",
    "build_screen_docks",
    "compare_scenarios",
    "qdate",
    "retranslate_docks",
    "show_parameters",
    "show_scenarios",
    "show_screen",
]
