"""Thin Qt table models over a pre-formatted :class:`EnterpriseTable`.

``data()`` only indexes into lists built when the evaluation arrived; it never computes a
rule and never raises (an out-of-range index or an unexpected role gives ``None``), so a
bad row cannot take down the view while the analyst scrolls.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.core.outcomes import ELIGIBLE, INELIGIBLE, UNKNOWN
from desktop.ui.i18n import tr
from desktop.ui.qtcompat import emit
from desktop.ui.table_data import EnterpriseTable
from desktop.ui.technical import key_line
from desktop.ui.workers import release_later

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
MEASURE_ROLE = Qt.ItemDataRole.UserRole + 4
CHANGED_ROLE = Qt.ItemDataRole.UserRole + 5  # "原 … → 现 …" when the last run changed it

MASK_MARK = "\u0001"  # leads the search text of rows a status filter keeps

_BOLD = QFont()
_BOLD.setBold(True)

IDENTITY_COLUMNS = ("col.uscc", "col.name", "col.district")
N_IDENTITY = len(IDENTITY_COLUMNS)

# Light fills that keep black text readable and survive greyscale printing of screenshots.
STATUS_BACKGROUND = {
    ELIGIBLE: QBrush(QColor("#d9f2dd")),
    INELIGIBLE: QBrush(QColor("#f3e6e6")),
    UNKNOWN: QBrush(QColor("#ffe9b3")),
}
STATUS_FOREGROUND = {
    ELIGIBLE: QBrush(QColor("#14532d")),
    INELIGIBLE: QBrush(QColor("#7a5c5c")),
    UNKNOWN: QBrush(QColor("#7a4b00")),
}
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)


class EnterpriseTableModel(QAbstractTableModel):
    """One row per enterprise: credit code, name, district, then one cell per measure."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._table = EnterpriseTable.empty()
        self._order: list[int] = []  # model row → enterprise position in the evaluation
        self._row_of: list[int] = []  # enterprise position → model row
        self._changes: dict[tuple[int, str], str] = {}
        self._mask: list[bool] | None = None  # by position: rows a measure filter keeps

    # -- content
    @property
    def table(self) -> EnterpriseTable:
        return self._table

    def set_table(self, table: EnterpriseTable | None) -> None:
        self.beginResetModel()
        if table is not self._table:
            release_later(self._table)  # freed off the GUI thread
        self._table = table if table is not None else EnterpriseTable.empty()
        self._order = list(range(self._table.rows))
        self._row_of = list(self._order)
        self._changes = {}
        self._mask = self._mask_for(self._filter) if self._filter else None
        self.endResetModel()

    # -- filter by a measure's status (applied by EnterpriseFilterProxy through SEARCH_ROLE)
    _filter: tuple[str, frozenset[str]] | None = None

    def _mask_for(self, spec: tuple[str, frozenset[str]]) -> list[bool] | None:
        measure_id, statuses = spec
        for column in self._table.measures:
            if column.measure_id == measure_id:
                return [s in statuses for s in column.status]
        return [False] * self._table.rows

    def set_status_filter(
        self, measure_id: str | None, statuses: frozenset[str] = frozenset()
    ) -> None:
        """Keep only enterprises whose status for ``measure_id`` is in ``statuses``."""
        self._filter = (measure_id, frozenset(statuses)) if measure_id else None
        self._mask = self._mask_for(self._filter) if self._filter else None

    @property
    def status_filter(self) -> tuple[str, frozenset[str]] | None:
        return self._filter

    def set_changes(self, changes: dict[tuple[int, str], str]) -> None:
        """Mark cells (enterprise position, measure id) changed by the last run."""
        if not changes and not self._changes:
            return
        self._changes = dict(changes)
        if self.rowCount() and self.columnCount():
            emit(
                self.dataChanged,
                self.index(0, N_IDENTITY),
                self.index(self.rowCount() - 1, self.columnCount() - 1),
            )

    @property
    def changes(self) -> dict[tuple[int, str], str]:
        return self._changes

    def measure_id(self, column: int) -> str | None:
        """The measure shown in ``column``, or None for the identity columns."""
        pos = column - N_IDENTITY
        if 0 <= pos < len(self._table.measures):
            return self._table.measures[pos].measure_id
        return None

    def column_of(self, measure_id: str) -> int | None:
        for pos, column in enumerate(self._table.measures):
            if column.measure_id == measure_id:
                return pos + N_IDENTITY
        return None

    def position(self, row: int) -> int | None:
        """The enterprise position (in the evaluation) shown on model ``row``."""
        return self._order[row] if 0 <= row < len(self._order) else None

    def row_of_position(self, position: int) -> int | None:
        return self._row_of[position] if 0 <= position < len(self._row_of) else None

    def row_of(self, uscc: str) -> int | None:
        """The model row of the enterprise with credit code ``uscc``."""
        try:
            return self._row_of[self._table.uscc.index(uscc)]
        except ValueError:
            return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder rows by precomputed keys: one C-level sort instead of a Python call per
        comparison, so a click on a header stays instant with tens of thousands of rows.
        Column -1 restores the file's order. Ties keep the file's order.
        """
        table = self._table
        if column < 0 or column >= self.columnCount():
            order_ = list(range(table.rows))
        else:
            keys: list[Any]
            if column < N_IDENTITY:
                keys = (table.uscc, table.name, table.district)[column]
            else:
                keys = table.measures[column - N_IDENTITY].sort_key
            descending = order == Qt.SortOrder.DescendingOrder
            order_ = sorted(range(table.rows), key=keys.__getitem__, reverse=descending)
        if order_ == self._order:
            return
        emit(self.layoutAboutToBeChanged)
        persistent = self.persistentIndexList()
        positions = [self._order[i.row()] for i in persistent]
        self._order = order_
        self._row_of = [0] * len(order_)
        for row, position in enumerate(order_):
            self._row_of[position] = row
        moved = [
            self.index(self._row_of[p], i.column())
            for p, i in zip(positions, persistent, strict=True)
        ]
        self.changePersistentIndexList(persistent, moved)
        emit(self.layoutChanged)

    # -- Qt model interface
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._table.rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else N_IDENTITY + len(self._table.measures)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        try:
            return self._data(index, role)
        except Exception:  # a view must never see an exception
            log.exception("EnterpriseTableModel.data failed at %s,%s", index.row(), index.column())
            return None

    def _data(self, index: Index, role: int) -> Any:
        if not index.isValid():
            return None
        table = self._table
        if not (0 <= index.row() < len(self._order)):
            return None
        row, column = self._order[index.row()], index.column()
        if column < N_IDENTITY:
            if column < 0:
                return None
            values = (table.uscc, table.name, table.district)[column]
            if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE, Qt.ItemDataRole.ToolTipRole):
                return values[row]
            if role == SEARCH_ROLE:
                if self._mask is not None:
                    return MASK_MARK + table.search[row] if self._mask[row] else ""
                return table.search[row]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _LEFT
            return None
        pos = column - N_IDENTITY
        if pos >= len(table.measures):
            return None
        measure = table.measures[pos]
        status = measure.status[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return measure.text[row]
        if role == Qt.ItemDataRole.BackgroundRole:
            return STATUS_BACKGROUND.get(status)
        if role == Qt.ItemDataRole.ForegroundRole:
            return STATUS_FOREGROUND.get(status)
        if role == SORT_ROLE:
            return measure.sort_key[row]
        if role == STATUS_ROLE:
            return status
        if role == MEASURE_ROLE:
            return measure.measure_id
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{table.name[row]}\n{measure.title}：{measure.text[row]}"
            change = self._changes.get((row, measure.measure_id)) if self._changes else None
            return f"{tip}\n{change}" if change else tip
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT
        if role == Qt.ItemDataRole.FontRole and self._changes:
            return _BOLD if (row, measure.measure_id) in self._changes else None
        if role == CHANGED_ROLE and self._changes:
            return self._changes.get((row, measure.measure_id))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        try:
            return self._header(section, orientation, role)
        except Exception:
            log.exception("EnterpriseTableModel.headerData failed at %s", section)
            return None

    def _header(self, section: int, orientation: Qt.Orientation, role: int) -> Any:
        if orientation == Qt.Orientation.Vertical:  # the enterprise's place in the file
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._order):
                return str(self._order[section] + 1)
            return None
        if 0 <= section < N_IDENTITY:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return tr(IDENTITY_COLUMNS[section])
            return None
        pos = section - N_IDENTITY
        if not (0 <= pos < len(self._table.measures)):
            return None
        measure = self._table.measures[pos]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{measure.title}\n{measure.source}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return measure.tooltip
        if role == MEASURE_ROLE:
            return measure.measure_id
        return None


class EnterpriseFilterProxy(QSortFilterProxyModel):
    """Search on credit code and name (matched in C++ on a precomputed role).

    Sorting is handed to :meth:`EnterpriseTableModel.sort`, which orders by precomputed keys
    in one pass; the proxy's own sort would call ``data()`` from Python per comparison.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterRole(SEARCH_ROLE)
        self.setFilterKeyColumn(0)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, EnterpriseTableModel):
            source.sort(column, order)
        else:
            super().sort(column, order)

    def set_search(self, text: str) -> None:
        self._search = text.strip()
        self._apply()

    def set_status_filter(
        self, measure_id: str | None, statuses: frozenset[str] = frozenset()
    ) -> None:
        """Show only enterprises with one of ``statuses`` for ``measure_id`` (None: all)."""
        source = self.sourceModel()
        if isinstance(source, EnterpriseTableModel):
            source.set_status_filter(measure_id, statuses)
        self._apply()

    def _apply(self) -> None:
        from PySide6.QtCore import QRegularExpression

        text = getattr(self, "_search", "")
        source = self.sourceModel()
        masked = isinstance(source, EnterpriseTableModel) and source.status_filter is not None
        if masked:
            pattern = (
                "^" + QRegularExpression.escape(MASK_MARK) + ".*" + QRegularExpression.escape(text)
            )
            expression = QRegularExpression(
                pattern, QRegularExpression.PatternOption.CaseInsensitiveOption
            )
            self.setFilterRegularExpression(expression)
        else:
            self.setFilterFixedString(text)
        import warnings

        with warnings.catch_warnings():  # deprecated in Qt 6.9+, still the cheapest re-filter
            warnings.simplefilter("ignore", DeprecationWarning)
            self.invalidateFilter()  # the mask may change while the pattern stays the same


_TOTAL_KEYS = (
    "totals.measure",
    "totals.document",
    "totals.eligible",
    "totals.unknown",
    "totals.ineligible",
    "totals.amount",
)


class TotalsModel(QAbstractTableModel):
    """Per measure: how many enterprises qualify and the total amount; sortable."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._table = EnterpriseTable.empty()
        self._changes: dict[str, str] = {}

    def set_table(self, table: EnterpriseTable | None) -> None:
        self.beginResetModel()
        self._table = table if table is not None else EnterpriseTable.empty()
        self._changes = {}
        self.endResetModel()

    def set_changes(self, changes: dict[str, str]) -> None:
        """Mark measures (by id) whose totals changed in the last run."""
        if not changes and not self._changes:
            return
        self._changes = dict(changes)
        if self.rowCount():
            emit(
                self.dataChanged,
                self.index(0, 0),
                self.index(self.rowCount() - 1, self.columnCount() - 1),
            )

    @property
    def changes(self) -> dict[str, str]:
        return self._changes

    def measure_id(self, row: int) -> str | None:
        totals = self._table.totals
        return totals[row].measure_id if 0 <= row < len(totals) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._table.totals)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_TOTAL_KEYS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        try:
            return self._data(index, role)
        except Exception:
            log.exception("TotalsModel.data failed at %s,%s", index.row(), index.column())
            return None

    def _data(self, index: Index, role: int) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._table.totals)):
            return None
        row = self._table.totals[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            values: tuple[Any, ...] = (
                row.title,
                row.source,
                row.eligible,
                row.unknown,
                row.ineligible,
                row.amount_text if role == Qt.ItemDataRole.DisplayRole else (row.amount_fen or 0),
            )
            return values[column] if 0 <= column < len(values) else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if column < 2 else (_RIGHT if column == 5 else _CENTER)
        if role == Qt.ItemDataRole.BackgroundRole and column == 2 and row.eligible:
            return STATUS_BACKGROUND[ELIGIBLE]
        if role == Qt.ItemDataRole.BackgroundRole and column == 3 and row.unknown:
            return STATUS_BACKGROUND[UNKNOWN]
        if role == MEASURE_ROLE:
            return row.measure_id
        change = self._changes.get(row.measure_id) if self._changes else None
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{row.title}\n{row.source}{key_line(row.measure_id)}"
            return f"{tip}\n{change}" if change else tip
        if role == Qt.ItemDataRole.FontRole and change and column == 5:
            return _BOLD
        if role == CHANGED_ROLE and column == 5:
            return change
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(_TOTAL_KEYS)
        ):
            return tr(_TOTAL_KEYS[section])
        return None


__all__ = [
    "CHANGED_ROLE",
    "MEASURE_ROLE",
    "N_IDENTITY",
    "SEARCH_ROLE",
    "SORT_ROLE",
    "STATUS_ROLE",
    "EnterpriseFilterProxy",
    "EnterpriseTableModel",
    "TotalsModel",
]
