"""The parameters screen: every ratio, cap and date the evaluated measures use, editable.

A tree (document → measure → parameter) over :func:`parameter_groups`. An edit is validated
with the engine's parser; a bad entry shows the engine's message under the tree and changes
nothing. An accepted edit is handed to the window as an override (the window re-runs the
evaluation in the background); "恢复默认" removes an override, per row or all at once.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.catalogue import Catalogue
from desktop.core.evaluation import Evaluation
from desktop.core.parameters import ParamValue
from desktop.core.policy_model import SWITCH_UNIT
from desktop.errors import ParameterError
from desktop.ui import i18n
from desktop.ui.i18n import tr
from desktop.ui.param_data import (
    DocumentGroup,
    ParamRow,
    editor_text,
    parameter_groups,
    pick_rows,
)
from desktop.ui.qtcompat import emit
from desktop.ui.widgets import DateBox
from desktop.ui.workers import release_later

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole + 11

COL_NAME, COL_VALUE, COL_UNIT, COL_MARK, COL_DEFAULT, COL_RESET, COL_BASIS = range(7)
_HEADERS = (
    "params.col.name",
    "params.col.value",
    "params.col.unit",
    "params.col.mark",
    "params.col.default",
    "params.col.reset",
    "params.col.basis",
)
ASSUMPTION_COLOR = QBrush(QColor("#c2410c"))
OVERRIDE_COLOR = QBrush(QColor("#1d4ed8"))
GROUP_COLOR = QBrush(QColor("#1f2933"))
MUTED_COLOR = QBrush(QColor("#7b8794"))
LINK_COLOR = QBrush(QColor("#1d4ed8"))
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

Validator = Callable[[ParamValue, "str | dt.date"], "str | None"]


@dataclass(eq=False)
class _Node:
    kind: str  # "document", "measure", "param"
    row: int
    parent: _Node | None
    title: str = ""
    param: ParamRow | None = None
    children: list[_Node] = field(default_factory=list)


class ParametersModel(QAbstractItemModel):
    """Documents → measures → parameters; the value column of a parameter is editable."""

    override_edited = Signal(str, object)  # key, canonical value or None (= default)
    edit_rejected = Signal(str, str)  # key, message

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._roots: list[_Node] = []
        self._by_key: dict[str, _Node] = {}
        self._pending: dict[str, str] = {}
        self.validator: Validator | None = None

    # -- content
    def set_groups(self, groups: list[DocumentGroup]) -> None:
        self.beginResetModel()
        self._roots = []
        self._by_key = {}
        self._pending = {}
        for d, doc in enumerate(groups):
            doc_node = _Node("document", d, None, doc.title)
            for m, measure in enumerate(doc.measures):
                m_node = _Node("measure", m, doc_node, measure.title)
                for p, row in enumerate(measure.params):
                    p_node = _Node("param", p, m_node, row.param.label, row)
                    m_node.children.append(p_node)
                    self._by_key[row.key] = p_node
                doc_node.children.append(m_node)
            self._roots.append(doc_node)
        self.endResetModel()

    def keys(self) -> list[str]:
        return list(self._by_key)

    def param(self, key: str) -> ParamValue | None:
        node = self._by_key.get(key)
        return node.param.param if node is not None and node.param is not None else None

    def index_of(self, key: str, column: int = COL_VALUE) -> QModelIndex:
        node = self._by_key.get(key)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, column, node)

    def _node(self, index: Index) -> _Node | None:
        if not index.isValid():
            return None
        node = index.internalPointer()
        return node if isinstance(node, _Node) else None

    # -- tree structure
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(_HEADERS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            children = self._roots
        else:
            node = self._node(parent)
            if node is None or parent.column() != 0:
                return QModelIndex()
            children = node.children
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self._node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._roots)
        if parent.column() != 0:
            return 0
        node = self._node(parent)
        return len(node.children) if node is not None else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(_HEADERS)

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
        node = self._node(index)
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if node.kind == "param" and index.column() == COL_VALUE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # -- data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        try:
            return self._data(index, role)
        except Exception:  # a view must never see an exception
            log.exception("ParametersModel.data failed at %s,%s", index.row(), index.column())
            return None

    def _data(self, index: Index, role: int) -> Any:
        node = self._node(index)
        if node is None:
            return None
        column = index.column()
        if node.kind != "param" or node.param is None:
            if column != COL_NAME:
                return None
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return node.title
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole:
                return GROUP_COLOR
            return None
        row = node.param
        p = row.param
        if role == KEY_ROLE:
            return p.key
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_VALUE:
                hint = "switch" if p.unit == SWITCH_UNIT else p.type
                return f"{row.tooltip()}\n\n{tr('params.hint.' + hint)}"
            if column == COL_RESET and p.overridden:
                return tr("params.reset.tip")
            return row.tooltip()
        if role == Qt.ItemDataRole.EditRole and column == COL_VALUE:
            if p.type == "date":
                return p.value if isinstance(p.value, dt.date) else None
            return editor_text(p)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_NAME:
                return row.label(i18n.language())
            if column == COL_VALUE:
                return self._pending.get(p.key, row.value_text())
            if column == COL_UNIT:
                return row.unit_text()
            if column == COL_MARK:
                if p.overridden:
                    return tr("detail.overridden")
                return tr("detail.assumption") if p.assumption else ""
            if column == COL_DEFAULT:
                return row.default_text()
            if column == COL_RESET:
                return tr("params.reset") if p.overridden else ""
            if column == COL_BASIS:
                return row.basis_text()
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_MARK:
                return OVERRIDE_COLOR if p.overridden else ASSUMPTION_COLOR
            if column == COL_VALUE and p.value is None:
                return MUTED_COLOR
            if column == COL_VALUE and p.overridden:
                return OVERRIDE_COLOR
            if column == COL_RESET:
                return LINK_COLOR
            if column in (COL_DEFAULT, COL_BASIS):
                return MUTED_COLOR
            return None
        if role == Qt.ItemDataRole.FontRole and column == COL_VALUE:
            if p.overridden or p.key in self._pending:
                font = QFont()
                font.setBold(p.overridden)
                font.setItalic(p.key in self._pending)
                return font
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in (COL_VALUE, COL_DEFAULT) else _LEFT
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self._node(index)
        if (
            node is None
            or node.param is None
            or index.column() != COL_VALUE
            or role != Qt.ItemDataRole.EditRole
        ):
            return False
        p = node.param.param
        if isinstance(value, QDate):
            value = dt.date(value.year(), value.month(), value.day())
        entry: str | dt.date = value if isinstance(value, dt.date) else str(value or "")
        if self.validator is None:
            return False
        try:
            canonical = self.validator(p, entry)
        except ParameterError as exc:
            emit(self.edit_rejected, p.key, str(exc))
            return False
        current = editor_text(p) if p.value is not None else None
        if canonical is None and not p.overridden:
            return False  # emptied an unset or default value: nothing to do
        if canonical is not None and current is not None:
            same = editor_text(ParamValue(**{**p.__dict__, "value": _as_value(p, canonical)}))
            if same == current:
                return False
        self._pending[p.key] = (
            entry.isoformat()
            if isinstance(entry, dt.date)
            else (entry.strip() or node.param.default_text())
        )
        emit(self.dataChanged, index, index, [Qt.ItemDataRole.DisplayRole])
        emit(self.override_edited, p.key, canonical)
        return True


def _qdate(day: dt.date) -> QDate:
    """A QDate from a Python date (PySide6 converts one at run time; its stubs lack it)."""
    return QDate(day.year, day.month, day.day)


def _as_value(p: ParamValue, canonical: str) -> Any:
    from decimal import Decimal

    return dt.date.fromisoformat(canonical) if p.type == "date" else Decimal(canonical)


class ValueDelegate(QStyledItemDelegate):
    """A date edit for dates, a line edit ("40%", "500,000", empty = 未设定) for numbers."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        model = index.model()
        key = index.data(KEY_ROLE)
        param = model.param(key) if isinstance(model, ParametersModel) and key else None
        if param is not None and param.type == "date":
            editor = DateBox(parent)
            return editor
        line = QLineEdit(parent)
        line.setPlaceholderText(tr("params.unset"))
        line.setAlignment(Qt.AlignmentFlag.AlignRight)
        if param is not None:
            hint = "switch" if param.unit == SWITCH_UNIT else param.type
            line.setToolTip(tr("params.hint." + hint))
        return line

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QDateEdit):
            editor.setDate(_qdate(value) if isinstance(value, dt.date) else QDate.currentDate())
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value or ""))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QDateEdit):
            model.setData(index, editor.date(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class ParametersPanel(QWidget):
    """The 参数 screen: as-of date, the parameter tree, inline errors, reset all."""

    override_requested = Signal(str, object)  # key, canonical value or None
    reset_all_requested = Signal()
    as_of_edited = Signal(object)  # dt.date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalogue: Catalogue | None = None
        self._as_of = dt.date.today()
        self._evaluation: Evaluation | None = None
        self._last_key: str | None = None
        self.model = ParametersModel(self)
        self.model.validator = self._validate
        self.model.override_edited.connect(self._on_edited)
        self.model.edit_rejected.connect(self._on_rejected)

        self.as_of_label = QLabel()
        self.date_edit = DateBox()
        self.date_edit.setObjectName("params-as-of")
        self.date_edit.dateChanged.connect(self._on_date)
        self.reset_all_button = QPushButton()
        self.reset_all_button.clicked.connect(self.reset_all)
        self.state_label = QLabel()
        self.state_label.setStyleSheet("color: #52606d;")
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("params-search")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(180)
        self.search_edit.textChanged.connect(lambda _text: self._apply_search())
        top = QHBoxLayout()
        top.addWidget(self.as_of_label)
        top.addWidget(self.date_edit)
        top.addSpacing(12)
        top.addWidget(self.state_label, 1)
        top.addWidget(self.search_edit)
        top.addWidget(self.reset_all_button)

        self.error_label = QLabel()
        self.error_label.setObjectName("params-error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(
            "color: #b91c1c; background: #fdecec; border: 1px solid #f5b5b5; padding: 4px;"
        )
        self.error_label.setVisible(False)

        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(COL_VALUE, ValueDelegate(self.view))
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.clicked.connect(self._on_clicked)
        self.view.setAccessibleName(tr("params.title"))
        header = self.view.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in (
            (COL_NAME, 300),
            (COL_VALUE, 120),
            (COL_UNIT, 44),
            (COL_MARK, 84),
            (COL_DEFAULT, 110),
            (COL_RESET, 72),
        ):
            header.resizeSection(column, width)

        # 叠加规则: which measure counts when several pay for the same loan, loss or cost
        # (overlap groups, 二选一): a pick per rule, changeable for what-if.
        self.picks_box = QGroupBox()
        self.picks_box.setObjectName("stacking-picks")
        self.picks_form = QFormLayout(self.picks_box)
        self.picks_form.setContentsMargins(8, 4, 8, 4)
        self.pick_boxes: dict[str, QComboBox] = {}
        self.picks_box.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.error_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.picks_box)
        self.retranslate()

    # -- content
    def set_evaluation(self, evaluation: Evaluation | None) -> None:
        if evaluation is not self._evaluation:
            release_later(self._evaluation)  # freed off the GUI thread
        self._evaluation = evaluation
        if evaluation is None:
            self.model.set_groups([])
            return
        self._catalogue = evaluation.catalogue
        self._as_of = evaluation.as_of
        self.model.set_groups(parameter_groups(evaluation, i18n.language()))
        root = QModelIndex()
        for d in range(self.model.rowCount(root)):  # group titles run across the columns
            self.view.setFirstColumnSpanned(d, root, True)
            doc = self.model.index(d, 0, root)
            for m in range(self.model.rowCount(doc)):
                self.view.setFirstColumnSpanned(m, doc, True)
        self.view.expandAll()
        self._apply_search()
        if self._last_key is not None:
            index = self.model.index_of(self._last_key)
            if index.isValid():
                self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self._show_picks(evaluation)
        n = sum(p.overridden for p in evaluation.parameters.values())
        n += len(evaluation.stacking_picks)
        self.reset_all_button.setEnabled(n > 0)
        self.state_label.setText(tr("params.count", n=len(evaluation.parameters), changed=n))

    def _apply_search(self) -> None:
        """Show only the parameters whose label, key, unit, document or measure contains
        every word typed (case-insensitive); groups without a match are hidden."""
        words = self.search_edit.text().casefold().split()
        root = QModelIndex()
        shown = 0
        for d in range(self.model.rowCount(root)):
            doc = self.model.index(d, 0, root)
            doc_title = str(doc.data() or "")
            doc_shown = False
            for m in range(self.model.rowCount(doc)):
                measure = self.model.index(m, 0, doc)
                title = f"{doc_title} {measure.data() or ''}"
                measure_shown = False
                for r in range(self.model.rowCount(measure)):
                    key = self.model.index(r, 0, measure).data(KEY_ROLE)
                    param = self.model.param(str(key)) if key else None
                    haystack = title
                    if param is not None:
                        haystack += (
                            f" {param.label} {param.label_en or ''} {param.key} {param.unit}"
                        )
                    match = all(w in haystack.casefold() for w in words)
                    self.view.setRowHidden(r, measure, not match)
                    measure_shown |= match
                    shown += match
                self.view.setRowHidden(m, doc, not measure_shown)
                doc_shown |= measure_shown
            self.view.setRowHidden(d, root, not doc_shown)
        self.search_edit.setToolTip(tr("params.search_count", n=shown) if words else "")

    def _show_picks(self, evaluation: Evaluation) -> None:
        """One choice per stacking rule of the evaluated measures (the pick in force shown;
        a changed one marked), rebuilt with every evaluation."""
        while self.picks_form.rowCount():
            self.picks_form.removeRow(0)
        self.pick_boxes = {}
        rows = pick_rows(evaluation, i18n.language())
        for row in rows:
            box = QComboBox()
            box.setObjectName(f"pick-{row.rule_id}")
            for value, words in row.choices:
                suffix = tr("params.pick_default") if value == row.default else ""
                box.addItem(words + suffix, value)
            box.setCurrentIndex(max(0, box.findData(row.pick)))
            box.setToolTip(row.tip)
            box.currentIndexChanged.connect(
                lambda _i, r=row, b=box: self._on_pick(r.key, r.default, str(b.currentData()))
            )
            label = QLabel(
                row.label + (tr("params.pick_changed") if row.pick != row.default else "")
            )
            label.setToolTip(row.tip)
            label.setBuddy(box)
            self.picks_form.addRow(label, box)
            self.pick_boxes[row.rule_id] = box
        self.picks_box.setVisible(bool(rows))

    def _on_pick(self, key: str, default: str, value: str) -> None:
        self.error_label.setVisible(False)
        emit(self.override_requested, key, None if value == default else value)

    def set_as_of(self, day: dt.date) -> None:
        """Mirror the toolbar's date (without re-emitting)."""
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(_qdate(day))
        self.date_edit.blockSignals(False)

    def set_running(self, running: bool) -> None:
        if running:
            self.state_label.setText(tr("params.running"))

    @property
    def error_text(self) -> str:
        return self.error_label.text() if self.error_label.isVisible() else ""

    # -- editing
    def edit(self, key: str, text: str | dt.date) -> bool:
        """Enter ``text`` for parameter ``key`` as if typed; False when rejected or unchanged."""
        index = self.model.index_of(key)
        if not index.isValid():
            self._on_rejected(key, tr("params.unknown", key=key))
            return False
        return self.model.setData(index, text, Qt.ItemDataRole.EditRole)

    def reset(self, key: str) -> None:
        param = self.model.param(key)
        if param is not None and param.overridden:
            self.error_label.setVisible(False)
            emit(self.override_requested, key, None)

    def reset_all(self) -> None:
        self.error_label.setVisible(False)
        emit(self.reset_all_requested)

    def _validate(self, param: ParamValue, entry: str | dt.date) -> str | None:
        from desktop.ui.param_data import parse_input

        if self._catalogue is None:
            raise ParameterError(tr("params.no_evaluation"))
        return parse_input(self._catalogue, self._as_of, param, entry)

    def _on_edited(self, key: str, value: object) -> None:
        self._last_key = key
        self.error_label.setVisible(False)
        emit(self.override_requested, key, value)

    def _on_rejected(self, key: str, message: str) -> None:
        param = self.model.param(key)
        label = param.label if param is not None else key
        self.error_label.setText(tr("params.invalid", label=label, message=message))
        self.error_label.setVisible(True)

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.column() == COL_RESET:
            key = index.data(KEY_ROLE)
            if key:
                self.reset(key)

    def _on_date(self, day: QDate) -> None:
        emit(self.as_of_edited, dt.date(day.year(), day.month(), day.day()))

    def retranslate(self) -> None:
        self.as_of_label.setText(tr("label.as_of"))
        self.date_edit.setToolTip(tr("tip.as_of"))
        self.reset_all_button.setText(tr("params.reset_all"))
        self.search_edit.setPlaceholderText(tr("params.search"))
        self.reset_all_button.setToolTip(tr("params.reset_all.tip"))
        self.picks_box.setTitle(tr("params.picks"))
        if self._evaluation is not None:
            self.set_evaluation(self._evaluation)
        emit(self.model.headerDataChanged, Qt.Orientation.Horizontal, 0, len(_HEADERS) - 1)


__all__ = ["KEY_ROLE", "ParametersModel", "ParametersPanel", "ValueDelegate"]
