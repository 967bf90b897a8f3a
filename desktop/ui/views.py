"""The results area: enterprise table (left, top), totals by measure (left, bottom), why-pane.

It owns the models and keeps the selection and the detail pane in step; the main window
only hands it a new :class:`EnterpriseTable` and evaluation. Selecting a measure cell explains
that measure; selecting an identity column (code, name, district) explains all measures.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTextBrowser,
    QWidget,
)

from desktop.core.evaluation import Evaluation
from desktop.core.outcomes import INELIGIBLE
from desktop.ui import i18n
from desktop.ui.detail import PREFETCH, detail_html
from desktop.ui.i18n import tr
from desktop.ui.models import (
    CHANGED_ROLE,
    MEASURE_ROLE,
    N_IDENTITY,
    SORT_ROLE,
    EnterpriseFilterProxy,
    EnterpriseTableModel,
    TotalsModel,
)
from desktop.ui.param_data import TableChanges
from desktop.ui.qtcompat import emit
from desktop.ui.table_data import EnterpriseTable
from desktop.ui.workers import release_later

IDENTITY_WIDTHS = (156, 216, 64)
MEASURE_MAX_WIDTH = 250
SelectionKey = tuple[str, str | None]  # (credit code, measure id or None)


CHANGED_OUTLINE = QColor("#1d4ed8")


class ChangedOutlineDelegate(QStyledItemDelegate):
    """Paints cells as usual and outlines those the last run changed (``CHANGED_ROLE``)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        if index.data(CHANGED_ROLE):
            painter.save()
            painter.setPen(QPen(CHANGED_OUTLINE, 2))
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.restore()


class ResultsView(QSplitter):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.model = EnterpriseTableModel(self)
        self.proxy = EnterpriseFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.totals_model = TotalsModel(self)
        self.totals_proxy = QSortFilterProxyModel(self)
        self.totals_proxy.setSourceModel(self.totals_model)
        self.totals_proxy.setSortRole(SORT_ROLE)
        self._evaluation: Evaluation | None = None
        self._hide_empty = True
        self._scope: set[str] | None = None  # measure ids the 措施范围 keeps (None: all)
        self._sized_for: tuple[str, tuple[str, ...]] | None = None  # (lang, measure ids)
        self._details_shown = 0  # counts show_detail calls (restore_selection shows once)

        self.table_view = self._table(self.proxy)
        self.table_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table_view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table_view.verticalHeader().setDefaultSectionSize(26)
        self.table_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table_view.selectionModel().currentChanged.connect(self._on_current_changed)

        self.totals_view = self._table(self.totals_proxy)
        self.totals_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.totals_view.verticalHeader().setVisible(False)
        self.totals_view.verticalHeader().setDefaultSectionSize(24)
        self.totals_view.doubleClicked.connect(self._on_totals_activated)
        self.totals_view.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # most eligible first
        self._outline = ChangedOutlineDelegate(self)
        self.table_view.setItemDelegate(self._outline)
        self.totals_view.setItemDelegate(self._outline)

        self.detail = QTextBrowser()
        self.detail.setOpenExternalLinks(False)
        self.detail.setMinimumWidth(380)
        self.detail.document().setDocumentMargin(12)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.table_view)
        left.addWidget(self.totals_view)
        left.setStretchFactor(0, 4)
        left.setStretchFactor(1, 1)
        left.setSizes([620, 170])
        self.addWidget(left)
        self.addWidget(self.detail)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        self.setSizes([900, 540])

    @staticmethod
    def _table(model: Any) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSortingEnabled(True)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the file's order at first
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        header = view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(False)
        return view

    # -- content
    def set_results(
        self,
        evaluation: Evaluation | None,
        table: EnterpriseTable | None,
        changes: TableChanges | None = None,
    ) -> None:
        """Show new results, keeping the selected enterprise and measure when they still exist.

        ``changes`` (figures that differ from the previous run) are highlighted until the next
        call; None keeps the current highlights (a language switch rebuilds the same figures).
        """
        keep = self.selection_key()
        previous_cells = self.model.changes
        previous_totals = self.totals_model.changes
        if evaluation is not self._evaluation:
            release_later(self._evaluation)  # freed off the GUI thread
        self._evaluation = evaluation
        self.model.set_table(table)
        if changes is not None:
            self.model.set_changes(changes.cells)
            self.totals_model.set_table(table)
            self.totals_model.set_changes(changes.totals)
        else:
            self.model.set_changes(previous_cells)
            self.totals_model.set_table(table)
            self.totals_model.set_changes(previous_totals)
        header = self.table_view.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._size_columns()
        self._apply_column_visibility()
        self.restore_selection(keep)

    # -- measure columns nobody qualifies for
    @property
    def hide_empty(self) -> bool:
        return self._hide_empty

    def set_hide_empty(self, hide: bool) -> None:
        self._hide_empty = bool(hide)
        self._apply_column_visibility()

    def set_scope(self, measure_ids: set[str] | None) -> None:
        """Show only these measures' columns (None: every measure)."""
        self._scope = None if measure_ids is None else set(measure_ids)
        self._apply_column_visibility()

    def empty_measure_columns(self) -> list[int]:
        """Columns of measures for which every enterprise is "not eligible" (from the counts
        the worker made, not a pass over every row on the GUI thread)."""
        table = self.model.table
        totals = {row.measure_id: row for row in table.totals}
        columns = []
        for pos, measure in enumerate(table.measures):
            row = totals.get(measure.measure_id)
            if row is not None:
                empty = row.ineligible == table.rows
            else:
                empty = all(code == INELIGIBLE for code in measure.status)
            if empty:
                columns.append(N_IDENTITY + pos)
        return columns

    def hidden_measures(self) -> int:
        return sum(self.table_view.isColumnHidden(c) for c in range(N_IDENTITY, self.columns()))

    def columns(self) -> int:
        return self.model.columnCount()

    def _apply_column_visibility(self) -> None:
        empty = set(self.empty_measure_columns()) if self._hide_empty else set()
        measures = self.model.table.measures
        for column in range(N_IDENTITY, self.columns()):
            out = self._scope is not None and measures[column - N_IDENTITY].measure_id not in (
                self._scope
            )
            self.table_view.setColumnHidden(column, column in empty or out)

    def _size_columns(self) -> None:
        """Fixed widths for identity columns; measure columns as wide as their title, bounded.

        Sizing from contents would read every row; the titles are what decides the width.
        A re-run with the same measures and language keeps the widths (and the analyst's own);
        only the totals' amount column follows its figures.
        """
        table = self.model.table
        layout = (table.lang, tuple(m.measure_id for m in table.measures))
        if layout == self._sized_for:
            self._size_totals(columns=(5,))
            return
        self._sized_for = layout
        header = self.table_view.horizontalHeader()
        metrics = header.fontMetrics()
        for column, width in enumerate(IDENTITY_WIDTHS):
            header.resizeSection(column, width)
        for pos, measure in enumerate(self.model.table.measures):
            text = max(metrics.horizontalAdvance(t) for t in (measure.title, measure.source))
            wanted = max(text, 120) + 28
            header.resizeSection(len(IDENTITY_WIDTHS) + pos, min(wanted, MEASURE_MAX_WIDTH))
        self._size_totals()
        totals_header = self.totals_view.horizontalHeader()
        totals_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _size_totals(self, columns: tuple[int, ...] | None = None) -> None:
        """Totals columns as wide as their widest text, measured from the formatted strings
        (``resizeColumnsToContents`` would ask the model for every role of every cell)."""
        model = self.totals_model
        header = self.totals_view.horizontalHeader()
        cells, titles = self.totals_view.fontMetrics(), header.fontMetrics()
        display = Qt.ItemDataRole.DisplayRole
        rows = model.rowCount()
        for column in range(model.columnCount()) if columns is None else columns:
            title = str(model.headerData(column, Qt.Orientation.Horizontal, display) or "")
            width = titles.horizontalAdvance(title) + 28  # room for the sort arrow
            for row in range(rows):
                text = model.index(row, column).data(display)
                if text is not None:
                    width = max(width, cells.horizontalAdvance(str(text)) + 16)
            header.resizeSection(column, width)

    # -- selection
    def select(self, position: int, measure_id: str | None = None) -> None:
        """Select the enterprise at ``position`` in the evaluation, and a measure's column
        (the name column, i.e. all measures, when ``measure_id`` is None)."""
        row = self.model.row_of_position(position)
        column = self.model.column_of(measure_id) if measure_id else None
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 1 if column is None else column))
        if index.isValid():
            self.table_view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.table_view.scrollTo(index)

    def selection_key(self) -> SelectionKey | None:
        index = self.proxy.mapToSource(self.table_view.currentIndex())
        position = self.model.position(index.row()) if index.isValid() else None
        if position is None:
            return None
        return self.model.table.uscc[position], self.model.measure_id(index.column())

    def restore_selection(self, key: SelectionKey | None) -> None:
        position = self.position_of(key[0]) if key else None
        if key is None or position is None:
            self.show_detail(None, None)
            return
        shown = self._details_shown
        self.select(position, key[1])
        if self._details_shown == shown:  # the current index did not move: show it anyway
            self._on_current_changed(self.table_view.currentIndex())

    def position_of(self, uscc: str) -> int | None:
        row = self.model.row_of(uscc)
        return None if row is None else self.model.position(row)

    def _on_current_changed(self, current: Any, _previous: Any = None) -> None:
        index = self.proxy.mapToSource(current)
        position = self.model.position(index.row()) if index.isValid() else None
        if position is None:
            self.show_detail(None, None)
            return
        self.show_detail(position, self.model.measure_id(index.column()))

    def show_detail(self, position: int | None, measure_id: str | None) -> None:
        self._details_shown += 1
        if self._evaluation is None or position is None:
            PREFETCH.want(None)
            self.detail.setHtml(f"<p style='color:#616e7c'>{tr('detail.empty')}</p>")
            return
        lang = i18n.language()
        uscc = self.model.table.uscc[position] if position < self.model.table.rows else None
        PREFETCH.want(None if uscc is None else (uscc, measure_id), lang)
        html = PREFETCH.take(self._evaluation, position, measure_id, lang)
        if html is None:
            html = detail_html(self._evaluation, position, measure_id, lang)
        self.detail.setHtml(html)

    def _on_totals_activated(self, index: Any) -> None:
        """Double-click on a totals row: sort the table by that measure, best first."""
        measure_id = index.data(MEASURE_ROLE)
        column = self.model.column_of(measure_id) if measure_id else None
        if column is not None:
            self.table_view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
            self.table_view.scrollTo(self.proxy.index(0, column))

    def retranslate_headers(self) -> None:
        columns = self.totals_model.columnCount()
        emit(self.totals_model.headerDataChanged, Qt.Orientation.Horizontal, 0, columns - 1)


__all__ = ["ResultsView"]
