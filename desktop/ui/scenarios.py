"""The 情景 screen: a baseline and named alternatives, compared side by side.

Left, the scenario list: the baseline (the window's current parameters and date) and the
alternatives, each ticked to take part in a comparison; 新建 / 复制 / 重命名 / 删除.
Right, tabs: 情景设置 (the selected alternative's as-of date, measure subset and parameter
overrides, edited with the parameters screen's own model and delegate) and the side-by-side
tables of the last comparison — per measure, institution, district, funding level and the
enterprises whose amounts change. 对比 runs :func:`desktop.ui.scenario_data.run_comparison`
off the GUI thread; 生成简报… writes the briefing pack into a chosen folder. Both go through
the window's runner (progress strip, 取消, error dialogs).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.catalogue import Catalogue
from desktop.core.portfolio import Portfolio
from desktop.core.scenarios import Scenario
from desktop.errors import ParameterError
from desktop.ui import i18n
from desktop.ui.errors import show_error
from desktop.ui.i18n import tr
from desktop.ui.params import COL_RESET, COL_VALUE, KEY_ROLE, ParametersModel, ValueDelegate
from desktop.ui.qtcompat import emit
from desktop.ui.scenario_data import (
    BriefResult,
    ComparisonResult,
    SideTable,
    baseline_scenario,
    check_name,
    check_scenarios,
    new_scenario_name,
    parse_scenario_input,
    run_brief,
    run_comparison,
    scenario_parameter_groups,
    scenario_summary,
    unique_name,
    with_measures,
    with_override,
)
from desktop.ui.technical import key_line
from desktop.ui.widgets import DateBox
from desktop.ui.workers import QUEUED, Job, JobFunction

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
Runner = Callable[[JobFunction, str, Callable[[Any], None]], Job]
SORT_ROLE = Qt.ItemDataRole.UserRole + 31
VALUE_ROLE = Qt.ItemDataRole.UserRole + 32  # integer 分 behind a money cell

GAIN = QBrush(QColor("#15803d"))
LOSS = QBrush(QColor("#b91c1c"))
MUTED = QBrush(QColor("#7b8794"))
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
TABS = ("measure", "institution", "district", "funding", "split", "enterprises")


# -- models -------------------------------------------------------------------------------


class ScenarioListModel(QAbstractListModel):
    """Row 0 the baseline, then the alternatives; alternatives are checkable and renamable."""

    renamed = Signal(int, str)  # alternative position, new name (already checked)
    rename_rejected = Signal(str)
    checks_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._baseline = Scenario(name="", as_of=dt.date.today())
        self._alternatives: list[Scenario] = []
        self._unchecked: set[str] = set()
        self.catalogue: Catalogue | None = None

    # -- content
    @property
    def baseline(self) -> Scenario:
        return self._baseline

    @property
    def alternatives(self) -> list[Scenario]:
        return list(self._alternatives)

    def set_baseline(self, baseline: Scenario) -> None:
        self._baseline = baseline
        index = self.index(0, 0)
        emit(self.dataChanged, index, index)

    def set_alternatives(self, alternatives: Sequence[Scenario]) -> None:
        self.beginResetModel()
        self._alternatives = list(alternatives)
        names = {a.name for a in self._alternatives}
        self._unchecked &= names
        self.endResetModel()

    def replace_alternative(self, position: int, scenario: Scenario) -> None:
        old = self._alternatives[position]
        self._alternatives[position] = scenario
        if old.name in self._unchecked and old.name != scenario.name:
            self._unchecked.discard(old.name)
            self._unchecked.add(scenario.name)
        index = self.index(position + 1, 0)
        emit(self.dataChanged, index, index)

    def insert_alternative(self, position: int, scenario: Scenario) -> None:
        row = position + 1
        self.beginInsertRows(QModelIndex(), row, row)
        self._alternatives.insert(position, scenario)
        self.endInsertRows()

    def remove_alternative(self, position: int) -> None:
        row = position + 1
        self.beginRemoveRows(QModelIndex(), row, row)
        removed = self._alternatives.pop(position)
        self._unchecked.discard(removed.name)
        self.endRemoveRows()

    def names(self) -> list[str]:
        return [self._baseline.name, *(a.name for a in self._alternatives)]

    def chosen(self) -> list[Scenario]:
        """The ticked alternatives, in list order."""
        return [a for a in self._alternatives if a.name not in self._unchecked]

    def set_checked(self, name: str, checked: bool) -> None:
        if checked:
            self._unchecked.discard(name)
        else:
            self._unchecked.add(name)
        for row, alt in enumerate(self._alternatives, start=1):
            if alt.name == name:
                index = self.index(row, 0)
                emit(self.dataChanged, index, index, [Qt.ItemDataRole.CheckStateRole])
        emit(self.checks_changed)

    # -- Qt
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self._alternatives)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.row() > 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable
        return flags

    def scenario(self, row: int) -> Scenario | None:
        if row == 0:
            return self._baseline
        if 1 <= row <= len(self._alternatives):
            return self._alternatives[row - 1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        scenario = self.scenario(index.row())
        if scenario is None:
            return None
        baseline = index.row() == 0
        if role == Qt.ItemDataRole.DisplayRole:
            return tr("scenario.baseline_label") if baseline else scenario.name
        if role == Qt.ItemDataRole.EditRole:
            return scenario.name
        if role == Qt.ItemDataRole.ToolTipRole:
            summary = scenario_summary(scenario, self.catalogue)
            if baseline:
                return f"{summary}\n{tr('scenario.baseline_note')}"
            return f"{summary}\n{scenario.note}".strip()
        if role == Qt.ItemDataRole.CheckStateRole and not baseline:
            unchecked = scenario.name in self._unchecked
            return Qt.CheckState.Unchecked if unchecked else Qt.CheckState.Checked
        if role == Qt.ItemDataRole.FontRole and baseline:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return scenario_summary(scenario, self.catalogue)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = index.row()
        if not index.isValid() or row < 1 or row > len(self._alternatives):
            return False
        scenario = self._alternatives[row - 1]
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
            self.set_checked(scenario.name, bool(checked))
            return True
        if role == Qt.ItemDataRole.EditRole:
            text = str(value or "").strip()
            if text == scenario.name:
                return False
            taken = [n for n in self.names() if n != scenario.name]
            try:
                name = check_name(text, taken)
            except ParameterError as exc:
                emit(self.rename_rejected, str(exc))
                return False
            self.replace_alternative(row - 1, replace(scenario, name=name))
            emit(self.renamed, row - 1, name)
            return True
        return False


class NameDelegate(QStyledItemDelegate):
    """The scenario list's name editor: checked on every keystroke (blank or already used
    turns the editor red and says why, through ``report``)."""

    def __init__(
        self,
        model: ScenarioListModel,
        report: Callable[[str | None], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._report = report

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName("scenario-name-editor")
        current = self._model.scenario(index.row())
        taken = [n for n in self._model.names() if current is None or n != current.name]

        def check(text: str) -> None:
            try:
                check_name(text, taken)
            except ParameterError as exc:
                editor.setStyleSheet("QLineEdit { border: 2px solid #dc2626; }")
                editor.setToolTip(str(exc))
                self._report(str(exc))
            else:
                editor.setStyleSheet("")
                editor.setToolTip("")
                self._report(None)

        editor.textChanged.connect(check)
        return editor


class SideTableModel(QAbstractTableModel):
    """One formatted table of a comparison; Δ columns coloured, amounts right-aligned."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._table: SideTable | None = None

    def set_table(self, table: SideTable | None) -> None:
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    @property
    def table(self) -> SideTable | None:
        return self._table

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._table is None:
            return 0
        return self._table.row_count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._table is None:
            return 0
        return len(self._table.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        table = self._table
        if table is None or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(table.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return table.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = table.header_tips
            return tips[section] if section < len(tips) else table.headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if table.kinds[section] == "text" else _RIGHT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        table = self._table
        if table is None or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < table.row_count and 0 <= column < len(table.headers)):
            return None
        kind = table.kinds[column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return table.rows[row][column]
        if role == SORT_ROLE:
            return table.sort_keys[row][column]
        if role == VALUE_ROLE:
            return table.values[row][column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if kind == "text" else _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and kind == "delta":
            value = table.values[row][column] or 0
            return GAIN if value > 0 else LOSS if value < 0 else MUTED
        return None


class SortProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)


# -- the panel ----------------------------------------------------------------------------


class ScenariosPanel(QWidget):
    """Scenario list, settings of the selected alternative, comparison tables."""

    scenarios_changed = Signal()  # an alternative was added, edited, renamed or removed
    compared = Signal(object)  # ComparisonResult
    brief_written = Signal(object)  # BriefResult

    def __init__(self, runner: Runner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._portfolio: Portfolio | None = None
        self._catalogue: Catalogue | None = None
        self._input: Path | None = None
        self._result: ComparisonResult | None = None
        self._stale = False
        self._updating = False
        self.job: Job | None = None

        # left: list and buttons
        self.list_model = ScenarioListModel(self)
        self.list_model.set_baseline(baseline_scenario(dt.date.today(), {}))
        self.list_view = QListView()
        self.list_view.setObjectName("scenario-list")
        self.list_view.setModel(self.list_model)
        self.list_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.selectionModel().currentChanged.connect(lambda *_: self._show_current())
        self.list_model.renamed.connect(lambda *_: self._changed())
        # A blank or taken name is refused inline: the editor turns red with the reason
        # below the list while typing, and a refused rename leaves the old name (no dialog).
        self.name_problem = QLabel()
        self.name_problem.setObjectName("scenario-name-problem")
        self.name_problem.setStyleSheet("QLabel#scenario-name-problem { color: #b91c1c; }")
        self.name_problem.setWordWrap(True)
        self.name_problem.setVisible(False)
        self.name_delegate = NameDelegate(self.list_model, self.show_name_problem, self.list_view)
        self.list_view.setItemDelegate(self.name_delegate)
        self.list_model.rename_rejected.connect(self.show_name_problem)
        self.list_model.renamed.connect(lambda *_: self.show_name_problem(None))
        self.list_model.checks_changed.connect(self._mark_stale)
        self.add_button = QPushButton()
        self.duplicate_button = QPushButton()
        self.rename_button = QPushButton()
        self.delete_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.add_scenario())
        self.duplicate_button.clicked.connect(lambda: self.duplicate_scenario())
        self.rename_button.clicked.connect(self._start_rename)
        self.delete_button.clicked.connect(lambda: self.delete_scenario())
        edit_row = QHBoxLayout()
        edit_row.setSpacing(4)
        for button in (
            self.add_button,
            self.duplicate_button,
            self.rename_button,
            self.delete_button,
        ):
            edit_row.addWidget(button)
        self.compare_button = QPushButton()
        self.compare_button.setObjectName("scenario-compare")
        self.compare_button.clicked.connect(lambda: self.compare())
        self.brief_button = QPushButton()
        self.brief_button.setObjectName("scenario-brief")
        self.brief_button.clicked.connect(lambda: self.choose_and_brief())
        run_row = QHBoxLayout()
        run_row.setSpacing(4)
        run_row.addWidget(self.compare_button, 1)
        run_row.addWidget(self.brief_button, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(6)
        self.list_title = QLabel()
        self.list_title.setStyleSheet("font-weight: bold; color: #1f2933;")
        left_layout.addWidget(self.list_title)
        left_layout.addWidget(self.list_view, 1)
        left_layout.addWidget(self.name_problem)
        left_layout.addLayout(edit_row)
        left_layout.addLayout(run_row)

        # right: settings tab
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: #52606d;")
        self.date_edit = DateBox()
        self.date_edit.setObjectName("scenario-as-of")
        self.date_edit.dateChanged.connect(self._on_date)
        self.measures_list = QListWidget()
        self.measures_list.setObjectName("scenario-measures")
        self.measures_list.itemChanged.connect(self._on_measure_ticked)
        self.select_all_button = QPushButton()
        self.select_all_button.clicked.connect(self._select_all_measures)
        self.measures_label = QLabel()
        self.params_model = ParametersModel(self)
        self.params_model.validator = self._validate
        self.params_model.override_edited.connect(self._on_override)
        self.params_model.edit_rejected.connect(self._on_rejected)
        self.params_view = QTreeView()
        self.params_view.setObjectName("scenario-params")
        self.params_view.setModel(self.params_model)
        self.params_view.setItemDelegateForColumn(COL_VALUE, ValueDelegate(self.params_view))
        self.params_view.setAlternatingRowColors(True)
        self.params_view.setUniformRowHeights(True)
        self.params_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.params_view.clicked.connect(self._on_param_clicked)
        header = self.params_view.header()
        for column, width in ((0, 260), (1, 110), (2, 40), (3, 84), (4, 100), (5, 72)):
            header.resizeSection(column, width)
        self.params_label = QLabel()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(
            "color: #b91c1c; background: #fdecec; border: 1px solid #f5b5b5; padding: 4px;"
        )
        self.error_label.setVisible(False)
        self.as_of_label = QLabel()
        form = QHBoxLayout()
        form.addWidget(self.as_of_label)
        form.addWidget(self.date_edit)
        form.addStretch(1)
        measures_box = QVBoxLayout()
        measures_head = QHBoxLayout()
        measures_head.addWidget(self.measures_label, 1)
        measures_head.addWidget(self.select_all_button)
        measures_box.addLayout(measures_head)
        measures_box.addWidget(self.measures_list, 1)
        params_box = QVBoxLayout()
        params_box.addWidget(self.params_label)
        params_box.addWidget(self.error_label)
        params_box.addWidget(self.params_view, 1)
        columns = QHBoxLayout()
        columns.addLayout(measures_box, 2)
        columns.addSpacing(8)
        columns.addLayout(params_box, 5)
        self.settings_page = QWidget()
        settings = QVBoxLayout(self.settings_page)
        settings.setContentsMargins(8, 8, 8, 8)
        settings.addWidget(self.note_label)
        settings.addLayout(form)
        settings.addLayout(columns, 1)

        # right: result tabs
        self.tabs = QTabWidget()
        self.tabs.setObjectName("scenario-tabs")
        self.tabs.addTab(self.settings_page, "")
        self.table_models: dict[str, SideTableModel] = {}
        self.table_views: dict[str, QTableView] = {}
        self.totals_labels: dict[str, QLabel] = {}
        self.state_labels: dict[str, QLabel] = {}
        for key in TABS:
            model = SideTableModel(self)
            proxy = SortProxy(self)
            proxy.setSourceModel(model)
            view = QTableView()
            view.setObjectName(f"scenario-table-{key}")
            view.setModel(proxy)
            view.setSortingEnabled(True)
            view.setAlternatingRowColors(True)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.verticalHeader().setVisible(False)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            view.horizontalHeader().setStretchLastSection(True)
            state = QLabel()
            state.setWordWrap(True)
            state.setStyleSheet("color: #52606d;")
            totals = QLabel()
            totals.setWordWrap(True)
            totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            totals.setStyleSheet("font-weight: bold; color: #1f2933;")
            page = QWidget()
            page_layout = QVBoxLayout(page)
            page_layout.setContentsMargins(8, 8, 8, 8)
            page_layout.addWidget(state)
            page_layout.addWidget(view, 1)
            page_layout.addWidget(totals)
            self.tabs.addTab(page, "")
            self.table_models[key] = model
            self.table_views[key] = view
            self.totals_labels[key] = totals
            self.state_labels[key] = state

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 900])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

        for keys, slot in (
            (QKeySequence("F2"), self._start_rename),
            (QKeySequence(QKeySequence.StandardKey.Delete), lambda: self.delete_scenario()),
        ):
            shortcut = QShortcut(keys, self.list_view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.list_view.setCurrentIndex(self.list_model.index(0, 0))
        self.retranslate()

    # -- inputs from the window
    def set_data(
        self, portfolio: Portfolio | None, catalogue: Catalogue | None, input_path: Path | None
    ) -> None:
        changed = portfolio is not self._portfolio
        self._portfolio = portfolio
        self._input = input_path
        if catalogue is not self._catalogue:
            self._catalogue = catalogue
            self.list_model.catalogue = catalogue
            self._fill_measures()
        if changed and self._result is not None:
            self._mark_stale()
        self._update_buttons()
        self._show_current()

    def set_baseline(self, as_of: dt.date, overrides: dict[str, str]) -> None:
        baseline = baseline_scenario(as_of, overrides)
        if baseline != self.list_model.baseline:
            self.list_model.set_baseline(baseline)
            self._mark_stale()
            if self.current_row() == 0:
                self._show_current()

    def set_alternatives(self, alternatives: Sequence[Scenario]) -> None:
        """Replace the alternatives (a project was opened); forgets the last comparison."""
        self.list_model.set_alternatives(alternatives)
        self._result = None
        self._stale = False
        self._show_result()
        self.list_view.setCurrentIndex(self.list_model.index(0, 0))
        self._update_buttons()

    # -- state
    @property
    def baseline(self) -> Scenario:
        return self.list_model.baseline

    @property
    def alternatives(self) -> list[Scenario]:
        return self.list_model.alternatives

    @property
    def result(self) -> ComparisonResult | None:
        return self._result

    @property
    def is_stale(self) -> bool:
        return self._stale

    def current_row(self) -> int:
        index = self.list_view.currentIndex()
        return index.row() if index.isValid() else 0

    def current_scenario(self) -> Scenario | None:
        return self.list_model.scenario(self.current_row())

    def select(self, name: str) -> bool:
        for row, scenario_name in enumerate(self.list_model.names()):
            if scenario_name == name:
                self.list_view.setCurrentIndex(self.list_model.index(row, 0))
                return True
        return False

    # -- editing the list
    def add_scenario(self, name: str | None = None) -> Scenario:
        """A new alternative starting from the baseline's date and parameters."""
        taken = self.list_model.names()
        base = self.list_model.baseline
        scenario = replace(
            base,
            name=unique_name(name, taken) if name else new_scenario_name(taken),
            overrides=dict(base.overrides),
        )
        return self._insert(scenario)

    def duplicate_scenario(self) -> Scenario | None:
        current = self.current_scenario()
        if current is None:
            return None
        if self.current_row() == 0:
            return self.add_scenario()
        taken = self.list_model.names()
        copy = replace(
            current, name=unique_name(tr("scenario.copy_name", name=current.name), taken)
        )
        return self._insert(copy)

    def _insert(self, scenario: Scenario) -> Scenario:
        position = len(self.list_model.alternatives)
        self.list_model.insert_alternative(position, scenario)
        self.list_view.setCurrentIndex(self.list_model.index(position + 1, 0))
        self._changed()
        return scenario

    def rename_scenario(self, old: str, new: str) -> bool:
        for row, name in enumerate(self.list_model.names()):
            if row and name == old:
                return self.list_model.setData(
                    self.list_model.index(row, 0), new, Qt.ItemDataRole.EditRole
                )
        return False

    def show_name_problem(self, message: str | None) -> None:
        """Say below the list why a name is refused (None: nothing to say)."""
        self.name_problem.setText(message or "")
        self.name_problem.setVisible(bool(message))

    def _start_rename(self) -> None:
        row = self.current_row()
        if row > 0:
            self.list_view.edit(self.list_model.index(row, 0))

    def delete_scenario(self, confirm: bool = True) -> bool:
        row = self.current_row()
        scenario = self.list_model.scenario(row)
        if row == 0 or scenario is None:
            return False
        if confirm and not ask_delete(self, scenario.name):
            return False
        self.list_model.remove_alternative(row - 1)
        self.list_view.setCurrentIndex(
            self.list_model.index(min(row, self.list_model.rowCount() - 1), 0)
        )
        self._changed()
        return True

    def set_checked(self, name: str, checked: bool) -> None:
        self.list_model.set_checked(name, checked)

    # -- editing the selected alternative
    def _update_current(self, scenario: Scenario) -> None:
        row = self.current_row()
        if row == 0:
            return
        self.list_model.replace_alternative(row - 1, scenario)
        self._changed()
        self._show_current()

    def set_as_of(self, day: dt.date) -> None:
        current = self.current_scenario()
        if current is None or self.current_row() == 0 or current.as_of == day:
            return
        self._update_current(replace(current, as_of=day))

    def set_measures(self, measure_ids: Sequence[str]) -> None:
        current = self.current_scenario()
        if current is None or self.current_row() == 0 or self._catalogue is None:
            return
        self._update_current(with_measures(current, measure_ids, self._catalogue))

    def set_override(self, key: str, value: str | None) -> None:
        current = self.current_scenario()
        if current is None or self.current_row() == 0:
            return
        self._update_current(with_override(current, key, value))

    def edit_parameter(self, key: str, text: str | dt.date) -> bool:
        """Enter ``text`` for one parameter of the selected alternative, as if typed."""
        index = self.params_model.index_of(key)
        if not index.isValid():
            self._on_rejected(key, tr("params.unknown", key=key))
            return False
        return self.params_model.setData(index, text, Qt.ItemDataRole.EditRole)

    @property
    def error_text(self) -> str:
        return self.error_label.text() if self.error_label.isVisible() else ""

    def _validate(self, param: Any, entry: str | dt.date) -> str | None:
        current = self.current_scenario()
        if current is None or self._catalogue is None or self.current_row() == 0:
            raise ParameterError(tr("scenario.baseline_note"))
        return parse_scenario_input(self._catalogue, current, param, entry)

    def _on_override(self, key: str, value: object) -> None:
        self.error_label.setVisible(False)
        self.set_override(key, None if value is None else str(value))

    def _on_rejected(self, key: str, message: str) -> None:
        param = self.params_model.param(key)
        label = param.label if param is not None else key
        self.error_label.setText(tr("params.invalid", label=label, message=message))
        self.error_label.setVisible(True)

    def _on_param_clicked(self, index: QModelIndex) -> None:
        if index.column() == COL_RESET and self.current_row() > 0:
            key = index.data(KEY_ROLE)
            param = self.params_model.param(key) if key else None
            if param is not None and param.overridden:
                self.set_override(key, None)

    def _on_date(self, day: QDate) -> None:
        if not self._updating:
            self.set_as_of(dt.date(day.year(), day.month(), day.day()))

    def _on_measure_ticked(self, _item: QListWidgetItem) -> None:
        if self._updating:
            return
        ticked = []
        for i in range(self.measures_list.count()):
            item = self.measures_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                ticked.append(str(item.data(Qt.ItemDataRole.UserRole)))
        self.set_measures(ticked)

    def _select_all_measures(self) -> None:
        if self._catalogue is not None:
            self.set_measures(list(self._catalogue.measures))

    def _fill_measures(self) -> None:
        self._updating = True
        try:
            self.measures_list.clear()
            if self._catalogue is None:
                return
            lang = i18n.language()
            for measure_id, compiled in self._catalogue.measures.items():
                m = compiled.measure
                item = QListWidgetItem((m.name_en or m.name) if lang == "en" else m.name)
                item.setData(Qt.ItemDataRole.UserRole, measure_id)
                item.setToolTip(
                    f"{compiled.document.number} {tr('article', article=m.article)}"
                    + key_line(measure_id)
                )
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                item.setCheckState(Qt.CheckState.Checked)
                self.measures_list.addItem(item)
        finally:
            self._updating = False

    def _show_current(self) -> None:
        """Fill the settings tab from the selected scenario."""
        scenario = self.current_scenario()
        baseline = self.current_row() == 0
        self._updating = True
        try:
            if scenario is not None:
                self.date_edit.setDate(
                    QDate(scenario.as_of.year, scenario.as_of.month, scenario.as_of.day)
                )
                chosen = set(scenario.measure_ids or [])
                for i in range(self.measures_list.count()):
                    item = self.measures_list.item(i)
                    on = (
                        scenario.measure_ids is None
                        or item.data(Qt.ItemDataRole.UserRole) in chosen
                    )
                    item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                total = self.measures_list.count()
                n = total if scenario.measure_ids is None else len(scenario.measure_ids)
                self.measures_label.setText(
                    f"{tr('scenario.measures')}（{tr('scenario.some_measures', n=n, total=total)}）"
                )
                changed = tr("scenario.overrides", n=len(scenario.overrides))
                self.params_label.setText(f"{tr('scenario.params')} · {changed}")
        finally:
            self._updating = False
        groups = []
        if scenario is not None and self._catalogue is not None:
            try:
                groups = scenario_parameter_groups(self._catalogue, scenario, i18n.language())
            except ParameterError as exc:
                self._on_rejected(scenario.name, str(exc))
        self.params_model.set_groups(groups)
        root = QModelIndex()
        for d in range(self.params_model.rowCount(root)):
            self.params_view.setFirstColumnSpanned(d, root, True)
            doc = self.params_model.index(d, 0, root)
            for m in range(self.params_model.rowCount(doc)):
                self.params_view.setFirstColumnSpanned(m, doc, True)
        self.params_view.expandAll()
        self.note_label.setText(
            tr("scenario.baseline_note")
            if baseline
            else (scenario_summary(scenario, self._catalogue) if scenario else "")
        )
        for widget in (self.date_edit, self.measures_list, self.select_all_button):
            widget.setEnabled(not baseline)
        self.params_view.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if baseline
            else QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self._update_buttons()

    def _changed(self) -> None:
        self._mark_stale()
        emit(self.scenarios_changed)

    def _mark_stale(self) -> None:
        if self._result is not None:
            self._stale = True
            self._show_state()

    def _update_buttons(self) -> None:
        alternative = self.current_row() > 0
        self.duplicate_button.setEnabled(True)
        self.rename_button.setEnabled(alternative)
        self.delete_button.setEnabled(alternative)
        has_data = self._portfolio is not None
        busy = self.job is not None and not self.job.is_done
        self.compare_button.setEnabled(has_data and not busy)
        self.brief_button.setEnabled(has_data and not busy)

    # -- comparing and the briefing pack
    def _scenarios(self) -> list[Scenario] | None:
        if self._portfolio is None or self._catalogue is None:
            show_error(self, tr("scenario.need_data"))
            return None
        scenarios = [self.list_model.baseline, *self.list_model.chosen()]
        try:
            check_scenarios(self._catalogue, scenarios)
        except ParameterError as exc:
            show_error(self, str(exc))
            return None
        return scenarios

    def compare(self) -> Job | None:
        """对比: evaluate the baseline and the ticked alternatives in the background."""
        scenarios = self._scenarios()
        if scenarios is None or self.runner is None:
            return None
        assert self._portfolio is not None and self._catalogue is not None
        fn = functools.partial(
            run_comparison,
            self._portfolio,
            self._catalogue,
            scenarios[0],
            scenarios[1:],
            lang=i18n.language(),
        )
        job = self.runner(fn, tr("job.comparing"), self._on_compared)
        self._follow(job)
        return job

    def choose_and_brief(self) -> Job | None:
        from PySide6.QtWidgets import QFileDialog

        start = str(self._input.parent) if self._input is not None else ""
        folder = QFileDialog.getExistingDirectory(self, tr("scenario.brief_folder"), start)
        return self.brief(Path(folder)) if folder else None

    def brief(self, folder: Path) -> Job | None:
        """生成简报: the briefing pack for the ticked scenarios into ``folder``."""
        scenarios = self._scenarios()
        if scenarios is None or self.runner is None:
            return None
        assert self._portfolio is not None and self._catalogue is not None
        reuse = self._result.comparison if self._result is not None and not self._stale else None
        fn = functools.partial(
            run_brief,
            self._portfolio,
            self._catalogue,
            scenarios[0],
            scenarios[1:],
            Path(folder),
            self._input,
            comparison=reuse,
        )
        job = self.runner(fn, tr("job.brief"), self._on_brief)
        self._follow(job)
        return job

    def _follow(self, job: Job) -> None:
        self.job = job
        for signal in (job.finished, job.failed, job.cancelled):
            signal.connect(functools.partial(self._job_ended, job), QUEUED)
        self._update_buttons()

    def _job_ended(self, job: Job, *_: Any) -> None:
        if job is self.job:
            self.job = None
        self._update_buttons()

    def _on_compared(self, result: ComparisonResult) -> None:
        self._result = result
        self._stale = False
        self._show_result()
        self.tabs.setCurrentIndex(1)
        emit(self.compared, result)

    def _on_brief(self, result: BriefResult) -> None:
        emit(self.brief_written, result)

    def _show_result(self) -> None:
        result = self._result
        for key in TABS:
            table = result.tables.get(key) if result is not None else None
            self.table_models[key].set_table(table)
            self.totals_labels[key].setText(table.totals if table is not None else "")
            view = self.table_views[key]
            view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the comparison's own order
            if table is not None:
                view.resizeColumnsToContents()
                for column in range(len(table.headers)):
                    width = view.columnWidth(column)
                    cap = 240 if table.kinds[column] == "text" else 150
                    view.setColumnWidth(column, min(max(width + 16, 90), cap))
        self._show_state()

    def _show_state(self) -> None:
        result = self._result
        if result is None:
            text = tr("scenario.not_compared")
        elif self._stale:
            text = tr("scenario.stale")
        else:
            text = tr(
                "scenario.compared",
                names=tr("list.separator").join(result.comparison.names),
                time=result.compared_at.strftime("%H:%M:%S"),
            )
        for label in self.state_labels.values():
            label.setText(text)
            label.setStyleSheet("color: #b45309;" if self._stale else "color: #52606d;")

    # -- text
    def retranslate(self) -> None:
        self.list_title.setText(tr("scenario.list"))
        self.list_view.setAccessibleName(tr("scenario.list"))
        self.list_view.setToolTip(tr("scenario.list.tip"))
        for button, key in (
            (self.add_button, "scenario.add"),
            (self.duplicate_button, "scenario.duplicate"),
            (self.rename_button, "scenario.rename"),
            (self.delete_button, "scenario.delete"),
            (self.compare_button, "scenario.compare"),
            (self.brief_button, "scenario.brief"),
        ):
            button.setText(tr(key))
            button.setToolTip(tr(key + ".tip"))
            button.setAccessibleName(tr(key))
        self.as_of_label.setText(tr("scenario.as_of"))
        self.date_edit.setAccessibleName(tr("scenario.as_of"))
        self.date_edit.setToolTip(tr("tip.as_of"))
        self.select_all_button.setText(tr("scenario.select_all"))
        self.measures_list.setAccessibleName(tr("scenario.measures"))
        self.params_view.setAccessibleName(tr("scenario.params"))
        self.tabs.setTabText(0, tr("scenario.settings"))
        for i, key in enumerate(TABS, start=1):
            self.tabs.setTabText(i, tr(f"scenario.tab.{key}"))
            self.table_views[key].setAccessibleName(tr(f"scenario.tab.{key}"))
        self.list_model.set_baseline(
            replace(self.list_model.baseline, name=tr("scenario.baseline"))
        )
        emit(self.params_model.headerDataChanged, Qt.Orientation.Horizontal, 0, 6)
        self._fill_measures()
        self._show_current()
        self._show_state()


def ask_delete(parent: QWidget, name: str) -> bool:
    """Confirm deleting a scenario (tests patch ``QMessageBox.question``)."""
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(
        parent,
        tr("scenario.delete"),
        tr("scenario.delete.ask", name=name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


__all__ = [
    "SORT_ROLE",
    "VALUE_ROLE",
    "ScenarioListModel",
    "ScenariosPanel",
    "SideTableModel",
    "ask_delete",
]
