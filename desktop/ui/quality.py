"""The data-quality list: every issue the reader found (sheet, row, column, value, message,
action) in a sortable table — shown in the import dialog and in the 数据质量 dock."""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.core.portfolio import QualityIssue
from desktop.ui.i18n import language, tr
from desktop.ui.import_data import severity_label
from desktop.ui.qtcompat import header_data

Index = QModelIndex | QPersistentModelIndex

ISSUE_COLUMNS = (
    "issue.severity",
    "issue.sheet",
    "issue.row",
    "issue.column",
    "issue.value",
    "issue.message",
    "issue.action",
)
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_SEVERITY_BRUSH = {
    "error": QBrush(QColor("#f8d7da")),
    "warning": QBrush(QColor("#fff1c2")),
}


class IssuesModel(QAbstractTableModel):
    """One row per :class:`QualityIssue`; data() only reads precomputed strings."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._issues: list[QualityIssue] = []
        self._several = False
        self._lang = language()
        self._rows: dict[int, tuple[str, ...]] = {}  # formatted on first use

    @property
    def issues(self) -> list[QualityIssue]:
        return list(self._issues)

    def set_issues(self, issues: list[QualityIssue] | None) -> None:
        """Show ``issues``; cells are formatted when first shown, so a file with a hundred
        thousand findings does not hold up the window when its results arrive."""
        self.beginResetModel()
        self._issues = list(issues or [])
        # Several input files: a place names its file too (two banks' 「贷款」 sheets).
        self._several = len({i.file for i in self._issues if i.file}) > 1
        self._lang = language()
        self._rows = {}
        self.endResetModel()

    def _row(self, row: int) -> tuple[str, ...]:
        cached = self._rows.get(row)
        if cached is None:
            i = self._issues[row]
            cached = (
                severity_label(i.severity, self._lang),
                i.place(self._several),
                "" if i.row is None else str(i.row),
                i.column or "",
                i.value or "",
                i.message,
                i.action or "",
            )
            self._rows[row] = cached
        return cached

    def counts(self) -> dict[str, int]:
        """How many issues of each severity."""
        return dict(Counter(i.severity for i in self._issues))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._issues)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ISSUE_COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if not (0 <= row < len(self._issues) and 0 <= col < len(ISSUE_COLUMNS)):
            return None
        issue = self._issues[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._row(row)[col]
        if role == Qt.ItemDataRole.UserRole:  # sort key
            if col == 0:
                return _SEVERITY_ORDER.get(issue.severity, 3)
            if col == 2:
                return issue.row if issue.row is not None else -1
            return self._row(row)[col]
        if role == Qt.ItemDataRole.BackgroundRole and col == 0:
            return _SEVERITY_BRUSH.get(issue.severity)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_data(ISSUE_COLUMNS, section, orientation, role)

    def retranslate(self) -> None:
        self.set_issues(self._issues)


class IssuesView(QWidget):
    """A count line above the sortable issue table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = IssuesModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.count_label = QLabel()
        self.count_label.setObjectName("issue-count")
        self.table = QTableView()
        self.table.setObjectName("issues")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for col, width in enumerate((56, 110, 50, 44, 150, 420, 140)):
            self.table.setColumnWidth(col, width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table)
        self.table.setAccessibleName(tr("quality.title"))
        self._update_count()

    def set_issues(self, issues: list[QualityIssue] | None) -> None:
        self.model.set_issues(issues)
        self._update_count()

    def _update_count(self) -> None:
        counts = self.model.counts()
        n = sum(counts.values())
        errors, warnings = counts.get("error", 0), counts.get("warning", 0)
        if not n:
            self.count_label.setText(tr("quality.none"))
        else:
            self.count_label.setText(tr("quality.count", n=n, errors=errors, warnings=warnings))

    def retranslate(self) -> None:
        self.model.retranslate()
        self.table.setAccessibleName(tr("quality.title"))
        self._update_count()


__all__ = ["ISSUE_COLUMNS", "IssuesModel", "IssuesView"]
