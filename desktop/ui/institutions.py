"""The 机构 screen: what each bank, guarantor, insurer and IP agency receives, and the
measures about institutions themselves (京金融〔2022〕190号 第15条 不良容忍度) with the reason.

Institutions are few (a portfolio names tens of them, not thousands), so the rows are
formatted when an evaluation arrives; ``Evaluation.institution_totals`` is vectorised and
takes ~20 ms on 300,000 enterprises.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.evaluation import Evaluation
from desktop.core.money import format_yuan
from desktop.core.outcomes import STATUS_LABELS
from desktop.i18n import text
from desktop.ui.i18n import language, tr
from desktop.ui.models import STATUS_BACKGROUND, STATUS_FOREGROUND
from desktop.ui.qtcompat import header_data
from desktop.ui.table_data import measure_source, measure_title
from desktop.ui.technical import key_line

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

BENEFICIARY_KEYS = {
    "bank": "inst.type.bank",
    "guarantor": "inst.type.guarantor",
    "insurer": "inst.type.insurer",
    "ip_agency": "inst.type.ip_agency",
}
PAYMENT_COLUMNS = (
    "inst.col.institution",
    "inst.col.type",
    "inst.col.measure",
    "inst.col.source",
    "inst.col.records",
    "inst.col.amount",
)
CHECK_COLUMNS = (
    "inst.col.institution",
    "inst.col.type",
    "inst.col.measure",
    "inst.col.status",
    "inst.col.reason",
)


@dataclass(frozen=True)
class Row:
    """One table row: the texts shown, the sort keys, and an optional status."""

    texts: tuple[str, ...]
    keys: tuple[Any, ...]
    status: str | None = None
    tooltip: str = ""


def payment_rows(evaluation: Evaluation, lang: str) -> tuple[list[Row], int]:
    """Compensation per institution and measure, and the grand total in 分."""
    frame = evaluation.institution_totals()
    rows: list[Row] = []
    total = 0
    columns = ("institution", "beneficiary", "measure", "amount_fen", "records")
    for institution, beneficiary, measure, amount_fen, records in zip(
        *(frame[c].tolist() for c in columns), strict=True
    ):
        fen = int(amount_fen)
        total += fen
        kind = str(beneficiary)
        kind_text = tr(BENEFICIARY_KEYS[kind]) if kind in BENEFICIARY_KEYS else kind
        measure_id = str(measure)
        title = measure_title(evaluation, measure_id, lang)
        source = measure_source(evaluation, measure_id)
        texts = (
            str(institution),
            kind_text,
            title,
            source,
            f"{int(records):,}",
            text("inst.amount", lang, amount=format_yuan(fen, "")),
        )
        tip = f"{title}\n{source}{key_line(measure_id)}"
        rows.append(Row(texts, (*texts[:4], int(records), fen), tooltip=tip))
    return rows, total


def check_rows(evaluation: Evaluation, lang: str) -> list[Row]:
    """Each looked-at institution under each measure about institutions, with the reason."""
    labels = STATUS_LABELS["en" if lang == "en" else "zh"]
    rows: list[Row] = []
    for e in evaluation.explain_institutions(lang):
        title = measure_title(evaluation, e.measure_id, lang)
        lines = list(e.reasons)
        if e.missing:
            lines.append(tr("inst.missing", fields="、".join(e.missing)))
        # the cell shows the deciding comparison; the notes (需人工核实 …) are in the tooltip
        texts = (
            e.institution or tr("inst.unnamed"),
            e.institution_type or "",
            title,
            labels.get(e.status, e.status),
            _comparison(lines[0]) if lines else "",
        )
        source = measure_source(evaluation, e.measure_id)
        tooltip = "\n".join([f"{title} · {source}", *lines])
        rows.append(Row(texts, texts, e.status, tooltip=tooltip))
    return rows


def _comparison(line: str) -> str:
    """``√ 条件名称：A ≤ B`` → ``√ A ≤ B``: the cell is narrow, the tooltip has it all."""
    label, sep, rest = line.partition("：")
    if not sep or not rest.strip():
        return line
    mark = label[:2] if label[:1] in "√✗?" else ""
    return mark + rest.strip()


class RowsModel(QAbstractTableModel):
    """A read-only table over prepared :class:`Row` objects."""

    def __init__(self, headers: tuple[str, ...], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._rows: list[Row] = []
        self._numeric = (
            {len(headers) - 1, len(headers) - 2} if "inst.col.amount" in headers else set()
        )

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, row: int) -> Row:
        return self._rows[row]

    def rows(self) -> list[Row]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if not (0 <= r < len(self._rows) and 0 <= c < len(self._headers)):
            return None
        row = self._rows[r]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[c]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip or row.texts[c]
        if role == SORT_ROLE:
            return row.keys[c]
        if role == Qt.ItemDataRole.TextAlignmentRole and c in self._numeric:
            return _RIGHT
        if row.status is not None and self._headers[c] == "inst.col.status":
            if role == Qt.ItemDataRole.BackgroundRole:
                return STATUS_BACKGROUND.get(row.status)
            if role == Qt.ItemDataRole.ForegroundRole:
                return STATUS_FOREGROUND.get(row.status)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_data(self._headers, section, orientation, role)


def _table(model: RowsModel, name: str, widths: tuple[int, ...]) -> QTableView:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setObjectName(name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for col, width in enumerate(widths):
        view.setColumnWidth(col, width)
    return view


class InstitutionsPanel(QWidget):
    """机构 dock: compensation per institution above, measures about institutions below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._evaluation: Evaluation | None = None
        self.payments = RowsModel(PAYMENT_COLUMNS, self)
        self.checks = RowsModel(CHECK_COLUMNS, self)
        self.payments_title = QLabel()
        self.payments_title.setObjectName("inst-payments-title")
        self.payments_title.setWordWrap(True)
        self.checks_title = QLabel()
        self.checks_title.setObjectName("inst-checks-title")
        self.checks_title.setWordWrap(True)
        self.payments_view = _table(self.payments, "inst-payments", (130, 70, 190, 150, 44))
        self.checks_view = _table(self.checks, "inst-checks", (130, 50, 160, 64))
        top, bottom = QWidget(), QWidget()
        for box, title, view in (
            (top, self.payments_title, self.payments_view),
            (bottom, self.checks_title, self.checks_view),
        ):
            layout = QVBoxLayout(box)
            layout.setContentsMargins(4, 4, 4, 4)
            layout.addWidget(title)
            layout.addWidget(view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._total = 0
        self._stale = False
        self.retranslate()

    def set_evaluation(self, evaluation: Evaluation | None) -> None:
        """Show ``evaluation``; while the dock is hidden the rows wait for the first show,
        so the window's busiest moment (results arriving) does no work for a hidden dock."""
        self._evaluation = evaluation
        self._stale = True
        if self.isVisible():
            self._refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._refresh()
        super().showEvent(event)

    def _refresh(self) -> None:
        self._stale = False
        lang = language()
        payments: list[Row] = []
        checks: list[Row] = []
        self._total = 0
        if self._evaluation is not None:
            payments, self._total = payment_rows(self._evaluation, lang)
            checks = check_rows(self._evaluation, lang)
        self.payments.set_rows(payments)
        self.checks.set_rows(checks)
        self._update_titles()

    def _update_titles(self) -> None:
        if self._evaluation is None:
            self.payments_title.setText(tr("inst.empty"))
            self.checks_title.setText("")
            return
        institutions = {row.texts[0] for row in self.payments.rows()}
        self.payments_title.setText(
            tr(
                "inst.payments",
                n=len(institutions),
                amount=tr("inst.amount", amount=format_yuan(self._total, "")),
            )
            if self.payments.rowCount()
            else tr("inst.payments.none")
        )
        self.checks_title.setText(
            tr("inst.checks", n=self.checks.rowCount())
            if self.checks.rowCount()
            else tr("inst.checks.none")
        )

    def retranslate(self) -> None:
        self.payments_view.setAccessibleName(tr("inst.payments.name"))
        self.checks_view.setAccessibleName(tr("inst.checks.name"))
        if self.isVisible() or self._evaluation is None:
            self._refresh()
        else:
            self._stale = True


__all__ = ["InstitutionsPanel", "RowsModel", "check_rows", "payment_rows"]
