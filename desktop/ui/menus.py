"""Menus, actions and the toolbar of the main window, with their translations in one place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QDateEdit,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QStyle,
    QToolBar,
    QWidget,
)

from desktop.ui import i18n
from desktop.ui.i18n import tr
from desktop.ui.widgets import DateBox


@dataclass
class WindowActions:
    open: QAction
    open_sample: QAction
    export: QAction
    open_project: QAction
    save_project: QAction
    save_project_as: QAction
    quit: QAction
    about: QAction
    hide_empty: QAction
    languages: dict[str, QAction]
    technical: QAction
    file_menu: QMenu
    view_menu: QMenu
    language_menu: QMenu
    help_menu: QMenu
    as_of_label: QLabel | None = None
    import_settings: QAction | None = None
    reevaluate: QAction | None = None
    compare: QAction | None = None
    brief: QAction | None = None
    scenarios_menu: QMenu | None = None

    def retranslate(self) -> None:
        for action, key in (
            (self.open, "action.open"),
            (self.open_sample, "action.open_sample"),
            (self.export, "action.export"),
            (self.open_project, "action.open_project"),
            (self.save_project, "action.save_project"),
            (self.save_project_as, "action.save_project_as"),
            (self.quit, "action.quit"),
            (self.about, "action.about"),
            (self.hide_empty, "action.hide_empty"),
            (self.technical, "action.technical"),
        ):
            action.setText(tr(key))
        if self.import_settings is not None:
            self.import_settings.setText(tr("action.import_settings"))
            self.import_settings.setStatusTip(tr("tip.import_settings"))
        for optional, key, tip in (
            (self.reevaluate, "action.reevaluate", "tip.reevaluate"),
            (self.compare, "scenario.compare", "scenario.compare.tip"),
            (self.brief, "action.brief", "tip.brief"),
        ):
            if optional is not None:
                optional.setText(tr(key))
                optional.setToolTip(tr(tip))
                optional.setStatusTip(tr(tip))
        for action, tip in (
            (self.open, "tip.open"),
            (self.open_sample, "tip.open_sample"),
            (self.export, "tip.export"),
        ):
            action.setToolTip(tr(tip))
            action.setStatusTip(tr(tip))
        if self.scenarios_menu is not None:
            self.scenarios_menu.setTitle(tr("menu.scenarios"))
        self.hide_empty.setIconText(tr("action.hide_empty.short"))
        self.hide_empty.setToolTip(tr("tip.hide_empty"))
        for lang, action in self.languages.items():
            action.setText(tr(f"lang.{lang}"))
            action.setChecked(lang == i18n.language())
        self.file_menu.setTitle(tr("menu.file"))
        self.view_menu.setTitle(tr("menu.view"))
        self.language_menu.setTitle(tr("menu.language"))
        self.help_menu.setTitle(tr("menu.help"))
        if self.as_of_label is not None:
            self.as_of_label.setText(f"  {tr('label.as_of')} ")
            self.as_of_label.setToolTip(tr("tip.as_of"))


def show_about(window: QWidget) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop import __version__

    QMessageBox.about(window, tr("about.title"), tr("about.text", version=__version__))


def build_menus(window: Any) -> WindowActions:
    """文件 / 视图 / 情景 / 帮助 menus wired to the window's public methods.

    Shortcuts: Ctrl+O open, Ctrl+Shift+O open project, Ctrl+S / Ctrl+Shift+S save project,
    Ctrl+I import settings, Ctrl+E export, F5 re-evaluate, F9 compare scenarios, Ctrl+B
    briefing pack (the docks' builders, :mod:`desktop.ui.docks`, add Ctrl+P parameters, Ctrl+K
    scenarios and the other docks' shortcuts)."""
    bar = window.menuBar()
    file_menu = bar.addMenu("")
    open_action = QAction(window)
    open_action.setShortcut(QKeySequence.StandardKey.Open)
    open_action.triggered.connect(window.choose_and_open)
    sample_action = QAction(window)
    sample_action.triggered.connect(window.open_sample)
    import_settings = QAction(window)
    import_settings.setShortcut(QKeySequence("Ctrl+I"))
    import_settings.setEnabled(False)
    import_settings.triggered.connect(window.open_import_settings)
    export_action = QAction(window)
    export_action.setShortcut(QKeySequence("Ctrl+E"))
    export_action.setEnabled(False)
    export_action.triggered.connect(window.choose_and_export)
    open_project = QAction(window)
    open_project.setShortcut(QKeySequence("Ctrl+Shift+O"))
    open_project.triggered.connect(window.choose_and_open_project)
    save_project = QAction(window)
    save_project.setShortcut(QKeySequence.StandardKey.Save)
    save_project.triggered.connect(lambda: window.save_project())
    save_project_as = QAction(window)
    save_project_as.setShortcut(QKeySequence("Ctrl+Shift+S"))
    save_project_as.triggered.connect(window.save_project_as)
    quit_action = QAction(window)
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    quit_action.triggered.connect(window.close)
    file_menu.addAction(open_action)
    file_menu.addAction(sample_action)
    file_menu.addAction(import_settings)
    file_menu.addSeparator()
    file_menu.addAction(open_project)
    file_menu.addAction(save_project)
    file_menu.addAction(save_project_as)
    file_menu.addSeparator()
    file_menu.addAction(export_action)
    file_menu.addSeparator()
    file_menu.addAction(quit_action)

    view_menu = bar.addMenu("")
    reevaluate = QAction(window)
    reevaluate.setShortcut(QKeySequence("F5"))
    reevaluate.setEnabled(False)
    reevaluate.triggered.connect(lambda: window.reevaluate())
    hide_empty = QAction(window, checkable=True, checked=True)
    hide_empty.toggled.connect(window.set_hide_empty_measures)
    view_menu.addAction(reevaluate)
    view_menu.addSeparator()
    view_menu.addAction(hide_empty)
    technical = QAction(window, checkable=True, checked=False)
    technical.toggled.connect(window.set_technical_details)
    view_menu.addAction(technical)
    view_menu.addSeparator()
    language_menu = view_menu.addMenu("")
    group = QActionGroup(window)
    group.setExclusive(True)
    languages: dict[str, QAction] = {}
    for lang in i18n.LANGUAGES:
        action = QAction(window, checkable=True)
        action.triggered.connect(lambda _checked=False, lang=lang: i18n.set_language(lang))
        group.addAction(action)
        language_menu.addAction(action)
        languages[lang] = action

    scenarios_menu = bar.addMenu("")
    compare = QAction(window)
    compare.setShortcut(QKeySequence("F9"))
    compare.setEnabled(False)
    compare.triggered.connect(lambda: window.compare_scenarios())
    brief = QAction(window)
    brief.setShortcut(QKeySequence("Ctrl+B"))
    brief.setEnabled(False)
    brief.triggered.connect(lambda: window.choose_and_brief())
    scenarios_menu.addAction(compare)
    scenarios_menu.addAction(brief)

    help_menu = bar.addMenu("")
    about_action = QAction(window)
    about_action.setMenuRole(QAction.MenuRole.AboutRole)
    about_action.triggered.connect(lambda: show_about(window))
    help_menu.addAction(about_action)
    return WindowActions(
        open=open_action,
        open_sample=sample_action,
        export=export_action,
        open_project=open_project,
        save_project=save_project,
        save_project_as=save_project_as,
        quit=quit_action,
        about=about_action,
        hide_empty=hide_empty,
        languages=languages,
        technical=technical,
        file_menu=file_menu,
        view_menu=view_menu,
        language_menu=language_menu,
        help_menu=help_menu,
        import_settings=import_settings,
        reevaluate=reevaluate,
        compare=compare,
        brief=brief,
        scenarios_menu=scenarios_menu,
    )


def build_toolbar(
    window: QMainWindow, actions: WindowActions
) -> tuple[QToolBar, QDateEdit, QLineEdit]:
    """Open / sample / export, the as-of date, and the search box (right-aligned)."""
    toolbar = QToolBar(window)
    toolbar.setObjectName("main-toolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    style = window.style()
    for action, icon in (
        (actions.open, QStyle.StandardPixmap.SP_DialogOpenButton),
        (actions.open_sample, QStyle.StandardPixmap.SP_FileDialogDetailedView),
        (actions.export, QStyle.StandardPixmap.SP_DialogSaveButton),
    ):
        action.setIcon(style.standardIcon(icon))
    toolbar.addAction(actions.open)
    toolbar.addAction(actions.open_sample)
    toolbar.addAction(actions.export)
    toolbar.addSeparator()
    label = QLabel()
    actions.as_of_label = label
    toolbar.addWidget(label)
    date_edit = DateBox()
    date_edit.setObjectName("as-of")
    date_edit.setMinimumWidth(120)
    toolbar.addWidget(date_edit)
    toolbar.addSeparator()
    toolbar.addAction(actions.hide_empty)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    toolbar.addWidget(spacer)
    search = QLineEdit()
    search.setObjectName("search")
    search.setClearButtonEnabled(True)
    search.setMinimumWidth(300)
    toolbar.addWidget(search)
    window.addToolBar(toolbar)
    return toolbar, date_edit, search


__all__ = ["WindowActions", "build_menus", "build_toolbar", "show_about"]
