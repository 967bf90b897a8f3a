"""The start page: what the window shows while no enterprise list is open.

Three ways in (打开企业名单… / 打开示例数据 / 打开项目…) and two lists of what was opened
before — projects (.pdesk) and enterprise lists — with the file name, its folder and when it
was last opened. A file that has gone is greyed out and says so in its tooltip. A click or
Enter opens an entry; dropping a file anywhere on the window still opens it (the page itself
accepts no drops, so they reach the window).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.i18n import tr
from desktop.ui.qtcompat import emit

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
PATH_ROLE = Qt.ItemDataRole.UserRole + 21
COL_NAME, COL_FOLDER, COL_OPENED = range(3)
_HEADERS = ("recent.col.name", "recent.col.folder", "recent.col.opened")
MISSING_COLOR = QBrush(QColor("#9aa5b1"))
FOLDER_COLOR = QBrush(QColor("#52606d"))


# -- data (no widgets) -------------------------------------------------------------------


@dataclass(frozen=True)
class RecentEntry:
    path: str
    opened: float | None  # POSIX time it was last opened; None when not recorded
    exists: bool

    @property
    def name(self) -> str:
        return Path(self.path).name or self.path

    @property
    def folder(self) -> str:
        return str(Path(self.path).parent)


def recent_entries(
    paths: Sequence[str],
    opened_at: Callable[[str], float | None],
    exists: Callable[[str], bool] = lambda p: Path(p).is_file(),
) -> list[RecentEntry]:
    """The entries to list, newest first as the settings keep them."""
    return [RecentEntry(p, opened_at(p), exists(p)) for p in paths]


def opened_text(when: float | None, now: dt.datetime | None = None) -> str:
    """今天 14:05 / 昨天 09:12 / 2025-06-30 14:05 (— when unknown)."""
    if when is None:
        return tr("recent.unknown")
    try:
        stamp = dt.datetime.fromtimestamp(when)
    except (OverflowError, OSError, ValueError):
        return tr("recent.unknown")
    now = now or dt.datetime.now()
    clock = stamp.strftime("%H:%M")
    if stamp.date() == now.date():
        return tr("recent.today", time=clock)
    if stamp.date() == now.date() - dt.timedelta(days=1):
        return tr("recent.yesterday", time=clock)
    return stamp.strftime("%Y-%m-%d %H:%M")


# -- model --------------------------------------------------------------------------------


class RecentModel(QAbstractTableModel):
    """Name, folder, last opened; missing files greyed with a tooltip saying so."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[RecentEntry] = []

    def set_entries(self, entries: Sequence[RecentEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entries(self) -> list[RecentEntry]:
        return list(self._entries)

    def entry(self, row: int) -> RecentEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(_HEADERS)
        ):
            return tr(_HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if self.entry(index.row()) is None or not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        # Missing files stay selectable: opening one says it is gone and drops it.
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.entry(index.row())
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_NAME:
                return entry.name
            if column == COL_FOLDER:
                return entry.folder
            if column == COL_OPENED:
                return opened_text(entry.opened)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if not entry.exists:
                return tr("recent.missing", path=entry.path)
            return tr("recent.open_tip", path=entry.path)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not entry.exists:
                return MISSING_COLOR
            return FOLDER_COLOR if column != COL_NAME else None
        if role == Qt.ItemDataRole.FontRole and not entry.exists:
            font = QFont()
            font.setItalic(True)
            return font
        if role == PATH_ROLE:
            return entry.path
        if role == Qt.ItemDataRole.AccessibleTextRole and column == COL_NAME:
            return entry.name if entry.exists else tr("recent.missing", path=entry.path)
        return None


class RecentView(QTreeView):
    """A flat list where a click or Enter (not only a double click) opens the entry."""

    open_requested = Signal(str)  # the path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setMouseTracking(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAcceptDrops(False)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # long folders keep both ends
        self.clicked.connect(self._open_index)

    def _open_index(self, index: QModelIndex) -> None:
        path = index.siblingAtColumn(COL_NAME).data(PATH_ROLE)
        if path:
            emit(self.open_requested, str(path))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            index = self.currentIndex()
            if index.isValid():
                self._open_index(index)
                event.accept()
                return
        super().keyPressEvent(event)


# -- page ---------------------------------------------------------------------------------


class _RecentBox(QFrame):
    """A titled card: the list, or 暂无记录 when it is empty."""

    def __init__(self, title_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recent-box")
        self.title_key = title_key
        self.title = QLabel()
        self.title.setObjectName("recent-title")
        self.model = RecentModel(self)
        self.view = RecentView()
        self.view.setModel(self.model)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_FOLDER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_OPENED, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(COL_NAME, 220)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("recent-empty")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        self.setMaximumHeight(460)

    def set_entries(self, entries: Sequence[RecentEntry]) -> None:
        self.model.set_entries(entries)
        self.stack.setCurrentWidget(self.view if entries else self.empty)

    def retranslate(self) -> None:
        self.title.setText(tr(self.title_key))
        self.view.setAccessibleName(tr(self.title_key))
        self.empty.setText(tr("start.none"))
        emit(self.model.headerDataChanged, Qt.Orientation.Horizontal, 0, len(_HEADERS) - 1)
        if self.model.rowCount():  # "今天 …" is language-dependent
            emit(
                self.model.dataChanged,
                self.model.index(0, 0),
                self.model.index(self.model.rowCount() - 1, len(_HEADERS) - 1),
            )


_STYLE = """
QWidget#start-page { background: #f5f7fa; }
QLabel#start-title { font-size: 22pt; font-weight: bold; color: #1f2933; }
QLabel#start-subtitle { font-size: 10.5pt; color: #52606d; }
QLabel#start-hint { color: #7b8794; }
QPushButton[start="true"] {
    font-size: 11.5pt; padding: 10px 18px; text-align: left;
    border: 1px solid #cbd2d9; border-radius: 8px; background: #ffffff; color: #1f2933;
}
QPushButton[start="true"]:hover { border-color: #1d4ed8; background: #eef4ff; }
QPushButton[start="true"]:focus { border: 2px solid #1d4ed8; }
QPushButton#start-open { background: #1d4ed8; color: #ffffff; border-color: #1d4ed8; }
QPushButton#start-open:hover { background: #1e40af; }
QFrame#recent-box { background: #ffffff; border: 1px solid #e4e7eb; border-radius: 8px; }
QLabel#recent-title { font-size: 12pt; font-weight: bold; color: #1f2933; }
QLabel#recent-empty { color: #9aa5b1; }
QTreeView { background: #ffffff; outline: 0; }
QTreeView::item { padding: 6px 4px; border: none; }
QTreeView::item:hover { background: #eef4ff; }
QTreeView::item:selected { background: #dbe7ff; color: #1f2933; }
QHeaderView::section {
    background: #ffffff; color: #7b8794; border: none;
    border-bottom: 1px solid #e4e7eb; padding: 4px 4px;
}
"""


class StartPage(QWidget):
    """Big buttons to start and the recent projects and lists."""

    open_requested = Signal()
    sample_requested = Signal()
    project_requested = Signal()
    recent_requested = Signal(str)  # a path from one of the lists

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("start-page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(_STYLE)
        self.setAcceptDrops(False)  # drops go on to the window

        self.title = QLabel()
        self.title.setObjectName("start-title")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("start-subtitle")
        self.subtitle.setWordWrap(True)

        self.open_button = self._button("start-open", QStyle.StandardPixmap.SP_DialogOpenButton)
        self.sample_button = self._button(
            "start-sample", QStyle.StandardPixmap.SP_FileDialogDetailedView
        )
        self.project_button = self._button("start-project", QStyle.StandardPixmap.SP_DirOpenIcon)
        self.open_button.clicked.connect(lambda: emit(self.open_requested))
        self.sample_button.clicked.connect(lambda: emit(self.sample_requested))
        self.project_button.clicked.connect(lambda: emit(self.project_requested))
        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        for button in (self.open_button, self.sample_button, self.project_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.projects = _RecentBox("start.recent_projects")
        self.files = _RecentBox("start.recent_files")
        for box in (self.projects, self.files):
            box.view.open_requested.connect(lambda path: emit(self.recent_requested, path))
        lists = QGridLayout()
        lists.setHorizontalSpacing(16)
        lists.addWidget(self.projects, 0, 0)
        lists.addWidget(self.files, 0, 1)
        lists.setColumnStretch(0, 1)
        lists.setColumnStretch(1, 1)

        self.hint = QLabel()
        self.hint.setObjectName("start-hint")
        self.hint.setWordWrap(True)

        column = QVBoxLayout()
        column.setSpacing(0)
        column.addWidget(self.title)
        column.addSpacing(6)
        column.addWidget(self.subtitle)
        column.addSpacing(22)
        column.addLayout(buttons)
        column.addSpacing(26)
        column.addLayout(lists, 1)
        column.addSpacing(12)
        column.addWidget(self.hint)
        column.addStretch(0)
        body = QWidget()
        body.setLayout(column)
        body.setMaximumWidth(1180)
        body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(40, 36, 40, 28)
        outer.addStretch(1)
        outer.addWidget(body, 12)
        outer.addStretch(1)
        self.retranslate()

    def _button(self, name: str, icon: QStyle.StandardPixmap) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setProperty("start", True)
        button.setIcon(self.style().standardIcon(icon))
        button.setMinimumSize(210, 52)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        return button

    def set_recent(self, projects: Sequence[RecentEntry], files: Sequence[RecentEntry]) -> None:
        self.projects.set_entries(projects)
        self.files.set_entries(files)

    def retranslate(self) -> None:
        self.title.setText(tr("app.title"))
        self.subtitle.setText(tr("start.subtitle"))
        for button, key in (
            (self.open_button, "start.open"),
            (self.sample_button, "start.sample"),
            (self.project_button, "start.project"),
        ):
            button.setText(tr(key))
            button.setToolTip(tr(key + ".tip"))
            button.setAccessibleName(tr(key))
            button.setAccessibleDescription(tr(key + ".tip"))
        self.hint.setText(tr("start.drop_hint"))
        self.projects.retranslate()
        self.files.retranslate()


__all__ = [
    "PATH_ROLE",
    "RecentEntry",
    "RecentModel",
    "RecentView",
    "StartPage",
    "opened_text",
    "recent_entries",
]
