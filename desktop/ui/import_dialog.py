"""导入设置: preview, sheet per table, header rows, column → field mapping, saved profiles and
the data-quality issues, before anything is evaluated.

The dialog never reads files on the GUI thread: 重新识别 and loading a profile hand a plain
function to ``runner`` (the window's :meth:`run_job`), and OK only returns the chosen
:class:`MappingProfile`; the window re-reads with it in the background.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.fields import Table
from desktop.errors import DesktopError
from desktop.spreadsheet.mapping import UNSET, ColumnMapping, MappingProfile
from desktop.ui.i18n import language, tr
from desktop.ui.import_data import (
    CERTAIN,
    ImportInspection,
    MappingEdit,
    ParsedPreview,
    SheetPreview,
    edited_profile,
    field_choices,
    field_label,
    id_field,
    inspect_input,
    is_rate,
    list_profiles,
    load_profile,
    save_profile,
    table_label,
    unit_choices,
)
from desktop.ui.qtcompat import emit, header_data
from desktop.ui.quality import IssuesView
from desktop.ui.widgets import fit_to_screen
from desktop.ui.workers import QUEUED

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
Runner = Callable[..., Any]  # runner(fn, text, on_finished) -> Job

_UNCERTAIN = QBrush(QColor("#ffe9b3"))
_UNUSED = QBrush(QColor("#8a8a8a"))
_HEADER_ROW = QBrush(QColor("#dde8f6"))
MAPPING_COLUMNS = (
    "map.letter",
    "map.header",
    "map.field",
    "map.confidence",
    "map.unit",
    "map.source",
)
FIELD_COLUMN = 2
UNIT_COLUMN = 4
REEDIT_DELAY_MS = 300  # edits in a row start one background re-read
VERDICT_COLUMNS = (
    "verdict.file",
    "verdict.sheet",
    "verdict.role",
    "verdict.header_row",
    "verdict.rows",
    "verdict.used",
    "verdict.dropped",
    "verdict.reason",
)


class PreviewModel(QAbstractTableModel):
    """The first rows of one sheet; header rows are shaded."""

    def __init__(self, sheet: SheetPreview, header_rows: tuple[int, ...] = (), parent: Any = None):
        super().__init__(parent)
        self.sheet = sheet
        self.header_rows = set(header_rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.sheet.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.sheet.width

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if not (0 <= row < len(self.sheet.rows) and 0 <= col < self.sheet.width):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.sheet.rows[row][col]
        if role == Qt.ItemDataRole.BackgroundRole and (row + 1) in self.header_rows:
            return _HEADER_ROW
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or section < 0:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1  # the Excel row number
        from desktop.cells import column_letter

        return column_letter(section)


class MappingModel(QAbstractTableModel):
    """One row per source column; the 字段 column is editable (EditRole: field name or None)."""

    field_edited = Signal(object, str, object)  # table, column letter, field name or None
    unit_edited = Signal(object, str, object)  # table, letter, unit / rate reading or None

    def __init__(self, mapping: ColumnMapping, parent: Any = None) -> None:
        super().__init__(parent)
        self._mapping = mapping
        self._lang = language()

    @property
    def mapping(self) -> ColumnMapping:
        return self._mapping

    @property
    def table(self) -> Table:
        return self._mapping.table

    def set_mapping(self, mapping: ColumnMapping) -> None:
        self.beginResetModel()
        self._mapping = mapping
        self._lang = language()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._mapping.columns)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(MAPPING_COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == FIELD_COLUMN:
            return base | Qt.ItemFlag.ItemIsEditable
        if index.isValid() and index.column() == UNIT_COLUMN and self.unit_options(index.row()):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def unit_options(self, row: int) -> list[tuple[str | None, str]]:
        """(value, label) choices of the unit cell: money units, or a rate's reading."""
        if not 0 <= row < len(self._mapping.columns):
            return []
        name = self._mapping.columns[row].field
        if is_rate(self.table, name):
            return [
                (None, tr("reading.auto")),
                ("percent", tr("reading.percent")),
                ("fraction", tr("reading.fraction")),
            ]
        return [(u or None, u or tr("unit.auto")) for u in unit_choices(self.table, name)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        columns = self._mapping.columns
        if not (0 <= row < len(columns) and 0 <= col < len(MAPPING_COLUMNS)):
            return None
        c = columns[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return c.letter + (f" {tr('map.hidden')}" if c.hidden else "")
            if col == 1:
                return c.header
            if col == 2:
                return field_label(self.table, c.field, self._lang)
            if col == 3:
                return f"{c.confidence:.0%}" if c.field is not None else "—"
            if col == UNIT_COLUMN:
                if is_rate(self.table, c.field) and c.reading is not None:
                    return tr(f"reading.{c.reading}")
                return c.unit or ""
            return tr(f"map.source.{c.source}")
        if role == Qt.ItemDataRole.EditRole and col == FIELD_COLUMN:
            return c.field
        if role == Qt.ItemDataRole.EditRole and col == UNIT_COLUMN:
            return c.reading if is_rate(self.table, c.field) else c.unit
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 3 and c.field is not None and c.confidence < CERTAIN:
                return tr("tip.map_uncertain")
            return c.header if col == 1 else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if c.field is not None and c.confidence < CERTAIN and col in (2, 3):
                return _UNCERTAIN
            return None
        if role == Qt.ItemDataRole.ForegroundRole and c.field is None:
            return _UNUSED
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.isValid() and index.column() == UNIT_COLUMN and role == Qt.ItemDataRole.EditRole:
            return self._set_unit(index.row(), value or None)
        if not index.isValid() or index.column() != FIELD_COLUMN:
            return False
        if role != Qt.ItemDataRole.EditRole:
            return False
        row = index.row()
        if not 0 <= row < len(self._mapping.columns):
            return False
        name = value or None
        valid = {n for n, _ in field_choices(self.table)}
        if name not in valid:
            return False
        letter = self._mapping.columns[row].letter
        self.beginResetModel()  # another column may lose this field
        self._mapping = self._mapping.with_field(letter, name)
        self.endResetModel()
        emit(self.field_edited, self.table, letter, name)
        return True

    def _set_unit(self, row: int, value: str | None) -> bool:
        options = {v for v, _ in self.unit_options(row)}
        if not options or value not in options:
            return False
        column = self._mapping.columns[row]
        changes = {"reading": value} if is_rate(self.table, column.field) else {"unit": value}
        self._mapping = self._mapping.with_column(column.letter, **changes)
        at = self.index(row, UNIT_COLUMN)
        self.dataChanged.emit(at, at)
        emit(self.unit_edited, self.table, column.letter, value)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_data(MAPPING_COLUMNS, section, orientation, role)


class FieldDelegate(QStyledItemDelegate):
    """A combo box of the table's fields (required ones marked *) for the 字段 column."""

    def createEditor(self, parent: QWidget, option: Any, index: Index) -> QWidget:
        model = index.model()
        table = getattr(model, "table", None)
        combo = QComboBox(parent)
        if table is not None:
            for name, label in field_choices(table, language()):
                combo.addItem(label, name)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        value = index.data(Qt.ItemDataRole.EditRole)
        found = editor.findData(value)
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class UnitDelegate(QStyledItemDelegate):
    """A combo box of money units (元 / 千元 / 万元 / 亿元) or a rate's reading."""

    def createEditor(self, parent: QWidget, option: Any, index: Index) -> QWidget:
        combo = QComboBox(parent)
        model = index.model()
        for value, label in getattr(model, "unit_options", lambda _row: [])(index.row()):
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ParsedModel(QAbstractTableModel):
    """The first rows of one table as parsed, headed by the field labels."""

    def __init__(self, parsed: ParsedPreview, parent: Any = None) -> None:
        super().__init__(parent)
        self.parsed = parsed

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.parsed.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.parsed.fields)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row, col = index.row(), index.column()
        if 0 <= row < len(self.parsed.rows) and 0 <= col < len(self.parsed.fields):
            return self.parsed.rows[row][col]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or section < 0:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section < len(self.parsed.fields):
                return self.parsed.labels[section]
            return None
        return section + 1


class TableMappingPage(QWidget):
    """One table: its sheet, header rows, what is missing, and the column mapping."""

    sheet_chosen = Signal(object, object)  # table, sheet name
    id_chosen = Signal(object, object)  # table, column letter / None (none) / UNSET (as mapped)

    def __init__(
        self,
        mapping: ColumnMapping,
        sheets: list[str],
        parent: QWidget | None = None,
        ids_declared: Any = UNSET,
    ):
        super().__init__(parent)
        self.table = mapping.table
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName(f"sheet-{self.table.value}")
        for name in sheets:
            self.sheet_combo.addItem(name, name)
        found = self.sheet_combo.findData(mapping.sheet)
        if found < 0 and mapping.sheet:
            self.sheet_combo.addItem(mapping.sheet, mapping.sheet)
            found = self.sheet_combo.count() - 1
        self.sheet_combo.setCurrentIndex(max(found, 0))
        self.sheet_combo.currentIndexChanged.connect(self._on_sheet)
        self.header_label = QLabel()
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet("color: #a61b1b;")
        self.model = MappingModel(mapping, self)
        self.model.modelReset.connect(self._update_labels)
        self.view = QTableView()
        self.view.setObjectName(f"mapping-{self.table.value}")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(FIELD_COLUMN, FieldDelegate(self.view))
        self.view.setItemDelegateForColumn(UNIT_COLUMN, UnitDelegate(self.view))
        self.view.setEditTriggers(
            QTableView.EditTrigger.AllEditTriggers & ~QTableView.EditTrigger.CurrentChanged
        )
        self.view.verticalHeader().setVisible(False)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((48, 260, 200, 64, 60)):
            self.view.setColumnWidth(col, width)
        form = QFormLayout()
        self.sheet_caption = QLabel()
        self.header_caption = QLabel()
        form.addRow(self.sheet_caption, self.sheet_combo)
        form.addRow(self.header_caption, self.header_label)
        self.id_combo = QComboBox()
        self.id_combo.setObjectName(f"id-{self.table.value}")
        self.id_caption = QLabel()
        if id_field(self.table) is not None:
            form.addRow(self.id_caption, self.id_combo)
        self._fill_ids(ids_declared)
        self.id_combo.currentIndexChanged.connect(self._on_id)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.view)
        self.retranslate()

    def _fill_ids(self, declared: Any) -> None:
        """(as mapped) / (none: generated ids) / each column; ``declared`` is the profile's."""
        self.id_combo.blockSignals(True)
        self.id_combo.clear()
        self.id_combo.addItem(tr("id.auto"), "auto")
        self.id_combo.addItem(tr("id.none"), "none")
        for column in self.model.mapping.columns:
            self.id_combo.addItem(f"{column.letter} {column.header}", column.letter)
        key = id_field(self.table)
        current = self.model.mapping.by_field().get(key or "")
        if declared is None:
            self.id_combo.setCurrentIndex(1)
        elif declared is not UNSET and current is not None:
            self.id_combo.setCurrentIndex(max(self.id_combo.findData(current.letter), 0))
        self.id_combo.blockSignals(False)

    def _on_id(self, _index: int) -> None:
        data = self.id_combo.currentData()
        value: Any = UNSET if data == "auto" else None if data == "none" else data
        emit(self.id_chosen, self.table, value)

    def _on_sheet(self, _index: int) -> None:
        emit(self.sheet_chosen, self.table, self.sheet_combo.currentData())
        self._update_labels()

    def set_mapping(self, mapping: ColumnMapping) -> None:
        self.model.set_mapping(mapping)

    def _update_labels(self) -> None:
        mapping = self.model.mapping
        rows = "、".join(str(r) for r in mapping.header_rows) or "—"
        self.header_label.setText(tr("import.header_rows_value", rows=rows))
        lang = language()
        if self.sheet_combo.currentData() != mapping.sheet:
            self.missing_label.setText(tr("import.sheet_changed"))
        elif mapping.missing_required:
            names = "、".join(field_label(self.table, n, lang) for n in mapping.missing_required)
            self.missing_label.setText(tr("import.missing", fields=names))
        else:
            self.missing_label.setText("")
        self.missing_label.setVisible(bool(self.missing_label.text()))

    def retranslate(self) -> None:
        self.sheet_caption.setText(tr("import.sheet"))
        self.header_caption.setText(tr("import.header_rows"))
        self.id_caption.setText(tr("import.id_column"))
        self._update_labels()


class VerdictsTable(QTableWidget):
    """Every sheet of every file: what it was read as (or why not), its rows, and — to
    change — its role (a table, not used, as detected) and its header row (0 = detect)."""

    role_chosen = Signal(str, object)  # sheet name, Table / None (not used) / UNSET
    header_chosen = Signal(str, object)  # sheet name, Excel row or None (detect)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(VERDICT_COLUMNS), parent)
        self.setObjectName("verdicts")
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.role_combos: dict[str, QComboBox] = {}
        self.header_spins: dict[str, QSpinBox] = {}
        for col, width in enumerate((120, 110, 150, 70, 50, 50, 60)):
            self.setColumnWidth(col, width)

    def set_verdicts(self, inspection: ImportInspection, edit: MappingEdit) -> None:
        self.role_combos, self.header_spins = {}, {}
        verdicts = inspection.verdicts
        self.setRowCount(len(verdicts))
        lang = language()
        for row, verdict in enumerate(verdicts):
            sheet = verdict.sheet or verdict.file  # a CSV file is named by its file name
            cells = (verdict.file, sheet, None, None, verdict.rows, verdict.used, verdict.dropped)
            for col, value in enumerate(cells):
                if value is not None:
                    self.setItem(row, col, QTableWidgetItem(str(value)))
            reason = QTableWidgetItem(verdict.reason)
            reason.setToolTip(verdict.reason)
            self.setItem(row, 7, reason)
            combo = QComboBox()
            combo.setObjectName(f"role-{sheet}")
            read_as = "+".join(table_label(Table(t), lang) for t in verdict.tables)
            auto = tr("role.auto") + (f"（{read_as}）" if read_as else "")
            combo.addItem(auto, "auto")
            for table in Table:
                combo.addItem(table_label(table, lang), table.value)
            combo.addItem(tr("role.not_used"), "not_used")
            role = edit.role(sheet)
            value = (
                "auto"
                if role is UNSET
                else "not_used"
                if role is None
                else role.value
                if isinstance(role, Table)
                else "auto"
            )
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.currentIndexChanged.connect(functools.partial(self._on_role, sheet, combo))
            self.setCellWidget(row, 2, combo)
            self.role_combos[sheet] = combo
            spin = QSpinBox()
            spin.setObjectName(f"header-{sheet}")
            spin.setRange(0, 10_000)
            spin.setSpecialValueText(tr("header.auto"))
            given = edit.header_rows.get(sheet)
            shown = given[-1] if given else (verdict.header_rows[-1] if verdict.header_rows else 0)
            spin.setValue(shown)
            spin.setKeyboardTracking(False)  # typing "12" is one change, not "1" then "12"
            spin.valueChanged.connect(functools.partial(self._on_header, sheet))
            self.setCellWidget(row, 3, spin)
            self.header_spins[sheet] = spin

    def _on_role(self, sheet: str, combo: QComboBox, _index: int) -> None:
        data = combo.currentData()
        role: Any = UNSET if data == "auto" else None if data == "not_used" else Table(data)
        emit(self.role_chosen, sheet, role)

    def _on_header(self, sheet: str, value: int) -> None:
        emit(self.header_chosen, sheet, value or None)

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([tr(k) for k in VERDICT_COLUMNS])


class ImportDialog(QDialog):
    """The import settings for one file (or several read together). ``profile()`` is the
    result after ``accept()``. Every change is re-read in the background (after a short
    pause, so several edits in a row start one read) and the preview shows its effect."""

    inspection_changed = Signal(object)  # the new ImportInspection after a re-read

    def __init__(
        self,
        inspection: ImportInspection,
        runner: Runner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("import-dialog")
        fit_to_screen(self, 1180, 860)
        self._runner = runner
        self._job: Any = None
        self._token = 0  # the latest re-read; older results are dropped
        self.inspection = inspection
        self.edit = MappingEdit.of(inspection.mapping, inspection.profile, inspection.signature)
        self.pages: dict[Table, TableMappingPage] = {}
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(REEDIT_DELAY_MS)
        self._pending.timeout.connect(self.reinspect)

        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("import-error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a61b1b;")
        self.verdicts_caption = QLabel()
        self.verdicts = VerdictsTable()
        self.verdicts.role_chosen.connect(self.set_role)
        self.verdicts.header_chosen.connect(self.set_header_row)
        self.preview_tabs = QTabWidget()
        self.preview_tabs.setObjectName("preview")
        self.parsed_caption = QLabel()
        self.parsed_tabs = QTabWidget()
        self.parsed_tabs.setObjectName("parsed")
        self.mapping_tabs = QTabWidget()
        self.mapping_tabs.setObjectName("mapping")
        self.issues = IssuesView()

        self.profile_combo = QComboBox()
        self.profile_combo.setObjectName("profiles")
        self.profile_combo.setMinimumWidth(200)
        self.load_button = QPushButton()
        self.load_button.clicked.connect(self.apply_selected_profile)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.ask_and_save_profile)
        self.redetect_button = QPushButton()
        self.redetect_button.clicked.connect(self.reinspect)
        self.profile_caption = QLabel()
        profile_row = QHBoxLayout()
        profile_row.addWidget(self.profile_caption)
        profile_row.addWidget(self.profile_combo)
        profile_row.addWidget(self.load_button)
        profile_row.addWidget(self.save_button)
        profile_row.addStretch(1)
        profile_row.addWidget(self.redetect_button)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.status_label = QLabel()

        top = QSplitter(Qt.Orientation.Vertical)
        verdicts_box = QWidget()
        verdicts_layout = QVBoxLayout(verdicts_box)
        verdicts_layout.setContentsMargins(0, 0, 0, 0)
        verdicts_layout.addWidget(self.verdicts_caption)
        verdicts_layout.addWidget(self.verdicts)
        top.addWidget(verdicts_box)
        top.addWidget(self.preview_tabs)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addLayout(profile_row)
        middle_layout.addWidget(self.mapping_tabs)
        top.addWidget(middle)
        parsed_box = QWidget()
        parsed_layout = QVBoxLayout(parsed_box)
        parsed_layout.setContentsMargins(0, 0, 0, 0)
        parsed_layout.addWidget(self.parsed_caption)
        parsed_layout.addWidget(self.parsed_tabs)
        top.addWidget(parsed_box)
        top.addWidget(self.issues)
        top.setSizes([130, 170, 280, 140, 110])
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addWidget(self.error_label)
        layout.addWidget(top, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.fill_profiles()
        self._show(inspection)
        self.retranslate()

    # -- content
    def _show(self, inspection: ImportInspection) -> None:
        self.inspection = inspection
        self.edit = MappingEdit.of(inspection.mapping, inspection.profile, inspection.signature)
        header_rows: dict[str, tuple[int, ...]] = {}
        for verdict in inspection.verdicts:
            header_rows.setdefault(verdict.sheet or verdict.file, verdict.header_rows)
        for cm in inspection.mapping.tables.values():
            if cm.sheet is not None:
                header_rows.setdefault(cm.sheet, cm.header_rows)
        several = len(inspection.files) > 1
        current_preview = self.preview_tabs.currentIndex()
        self.preview_tabs.clear()
        for sheet in inspection.sheets:
            view = QTableView()
            view.setModel(PreviewModel(sheet, header_rows.get(sheet.name, ()), view))
            view.horizontalHeader().setDefaultSectionSize(110)
            view.verticalHeader().setDefaultSectionSize(22)
            view.setToolTip(tr("tip.header_click"))
            view.doubleClicked.connect(functools.partial(self._on_preview_clicked, sheet.name))
            view.verticalHeader().sectionDoubleClicked.connect(
                functools.partial(self._on_preview_row, sheet.name)
            )
            self.preview_tabs.addTab(view, sheet.title(several))
        if 0 <= current_preview < self.preview_tabs.count():
            self.preview_tabs.setCurrentIndex(current_preview)
        self.verdicts.set_verdicts(inspection, self.edit)
        current = self.mapping_tabs.currentIndex()
        self.mapping_tabs.clear()
        self.pages = {}
        names = list(dict.fromkeys(s.name for s in inspection.sheets))
        lang = language()
        for table, cm in inspection.mapping.tables.items():
            declared = self.edit.ids.get(table, UNSET)
            page = TableMappingPage(cm, names, ids_declared=declared)
            page.model.field_edited.connect(self._on_field_edited)
            page.model.unit_edited.connect(self._on_unit_edited)
            page.sheet_chosen.connect(self._on_sheet_chosen)
            page.id_chosen.connect(self.set_id_column)
            self.pages[table] = page
            self.mapping_tabs.addTab(page, self._tab_text(table, cm, lang))
        if 0 <= current < self.mapping_tabs.count():
            self.mapping_tabs.setCurrentIndex(current)
        current_parsed = self.parsed_tabs.currentIndex()
        self.parsed_tabs.clear()
        for table, parsed in inspection.parsed.items():
            view = QTableView()
            view.setObjectName(f"parsed-{table.value}")
            view.setModel(ParsedModel(parsed, view))
            view.horizontalHeader().setDefaultSectionSize(120)
            self.parsed_tabs.addTab(view, table_label(table, lang))
        if 0 <= current_parsed < self.parsed_tabs.count():
            self.parsed_tabs.setCurrentIndex(current_parsed)
        self.issues.set_issues(inspection.issues)
        self._update_error()
        self._update_status()

    def _update_error(self) -> None:
        error = self.inspection.error
        self.error_label.setText(tr("import.failed", error=error) if error else "")
        self.error_label.setVisible(bool(error))

    def _tab_text(self, table: Table, cm: ColumnMapping, lang: str) -> str:
        warn = any(c.field is not None and c.confidence < CERTAIN for c in cm.columns)
        key = id_field(table)
        missing = [n for n in cm.missing_required if n != key]
        mark = " ⚠" if warn or missing else ""
        return f"{table_label(table, lang)}（{cm.sheet}）{mark}"

    # -- the analyst's edits: each one is applied to the working copy, then re-read
    def _changed(self) -> None:
        self._update_status()
        self._pending.start()

    def _on_field_edited(self, table: Table, letter: str, name: str | None) -> None:
        self.edit.set_field(table, letter, name)
        cm = self.edit.tables[table]
        index = list(self.pages).index(table)
        self.mapping_tabs.setTabText(index, self._tab_text(table, cm, language()))
        self._changed()

    def _on_unit_edited(self, table: Table, letter: str, value: str | None) -> None:
        column = next(c for c in self.edit.tables[table].columns if c.letter == letter)
        if is_rate(table, column.field):
            self.edit.set_reading(table, letter, value)
        else:
            self.edit.set_unit(table, letter, value)
        self._changed()

    def _on_sheet_chosen(self, table: Table, sheet: str | None) -> None:
        self.edit.set_sheet(table, sheet)
        self._changed()

    def _on_preview_clicked(self, sheet: str, index: QModelIndex) -> None:
        self._on_preview_row(sheet, index.row())

    def _on_preview_row(self, sheet: str, row: int) -> None:
        spin = self.verdicts.header_spins.get(sheet)
        if spin is not None:
            spin.setValue(row + 1)  # its signal sets the header row
        else:
            self.set_header_row(sheet, row + 1)

    def set_role(self, sheet: str, role: Any) -> None:
        """Read ``sheet`` as a table, ``None``: not at all, :data:`UNSET`: as detected."""
        self.edit.set_role(sheet, role)
        self._changed()

    def set_header_row(self, sheet: str, row: int | None) -> None:
        """The Excel row of the sheet's header labels (``None``: detect it)."""
        self.edit.set_header_row(sheet, row)
        self._changed()

    def set_unit(self, table: Table, letter: str, value: str | None) -> bool:
        """A column's unit (money) or reading (rates: "percent" / "fraction"), as its combo
        box does."""
        page = self.pages[table]
        for row, column in enumerate(page.model.mapping.columns):
            if column.letter == letter:
                index = page.model.index(row, UNIT_COLUMN)
                return page.model.setData(index, value, Qt.ItemDataRole.EditRole)
        return False

    def set_id_column(self, table: Table, letter: Any) -> None:
        """The record id column (a letter), ``None`` (none: ids generated) or UNSET."""
        self.edit.set_id_column(table, letter)
        page = self.pages.get(table)
        if page is not None and table in self.edit.tables:
            page.set_mapping(self.edit.tables[table])
        self._changed()

    def _update_status(self) -> None:
        missing = self.edit.missing_required()
        changed = [t for t in self.edit.tables if self.edit.sheet_changed(t)]
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        pending = self._pending.isActive() or self._job is not None
        if Table.ENTERPRISES in missing and not changed:
            self.status_label.setText(tr("import.cannot", table=table_label(Table.ENTERPRISES)))
            ok.setEnabled(False)
        elif self.inspection.error and not pending:
            self.status_label.setText("")
            ok.setEnabled(False)
        else:
            text = tr("import.ready", n=self.inspection.enterprises)
            if changed or pending:
                text = tr("import.redetect_hint") if changed else tr("import.reading")
            self.status_label.setText(text)
            ok.setEnabled(self._job is None and not self._pending.isActive())

    # -- the result
    def profile(self, name: str = "") -> MappingProfile:
        """The mapping as chosen in the dialog."""
        return edited_profile(self.edit, name)

    def set_field(self, table: Table, letter: str, name: str | None) -> bool:
        """Point one column at a field, as the combo box does (tests, tools)."""
        page = self.pages[table]
        for row, column in enumerate(page.model.mapping.columns):
            if column.letter == letter:
                index = page.model.index(row, FIELD_COLUMN)
                return page.model.setData(index, name, Qt.ItemDataRole.EditRole)
        return False

    def done(self, result: int) -> None:
        self._pending.stop()
        if self._job is not None:
            self._job.cancel()
            self._job = None
        super().done(result)

    # -- profiles
    def fill_profiles(self) -> None:
        self.profile_combo.clear()
        for path in list_profiles():
            self.profile_combo.addItem(path.stem, str(path))
        has = self.profile_combo.count() > 0
        self.profile_combo.setEnabled(has)
        self.load_button.setEnabled(has)

    def save_profile_as(self, name: str) -> Path | None:
        try:
            path = save_profile(self.profile(name), name)
        except OSError as exc:
            from desktop.ui.errors import show_error

            show_error(self, tr("error.profile_save", error=exc))
            return None
        self.fill_profiles()
        self.profile_combo.setCurrentIndex(self.profile_combo.findData(str(path)))
        self.status_label.setText(tr("import.profile_saved", path=path))
        return path

    def ask_and_save_profile(self) -> Path | None:
        name, ok = QInputDialog.getText(
            self,
            tr("import.save_profile"),
            tr("import.profile_name"),
            text=Path(self.inspection.path).stem,
        )
        if not ok or not name.strip():
            return None
        return self.save_profile_as(name.strip())

    def apply_selected_profile(self) -> Any:
        data = self.profile_combo.currentData()
        return self.apply_profile(Path(data)) if data else None

    def apply_profile(self, path: Path) -> Any:
        """Re-read the file with a saved profile (in the background)."""
        try:
            profile = load_profile(path)
        except DesktopError as exc:
            from desktop.ui.errors import show_error

            show_error(self, str(exc))
            return None
        if not profile.signature:
            profile.signature = self.inspection.signature or None
        return self._reinspect(profile)

    def reinspect(self) -> Any:
        """Re-read the file with the dialog's current choices (new sheets mapped afresh)."""
        return self._reinspect(self.profile())

    def _reinspect(self, profile: MappingProfile) -> Any:
        self._pending.stop()
        fn = functools.partial(
            inspect_input, list(self.inspection.files), profile=profile, lang=language()
        )
        if self._runner is None:  # no window: read here (tests of the dialog alone)
            self._token += 1
            self._on_inspected(self._token, fn(lambda *_: None, lambda: False))
            return None
        if self._job is not None:
            self._job.cancel()  # superseded by this read
        self._token += 1
        on_finished = functools.partial(self._on_inspected, self._token)
        job = self._runner(fn, tr("job.loading", file=self.inspection.path.name), on_finished)
        self._job = job
        self._set_busy(True)
        job.failed.connect(functools.partial(self._on_stopped, job), QUEUED)
        job.cancelled.connect(functools.partial(self._on_stopped, job), QUEUED)
        return job

    def _on_stopped(self, job: Any, *_: Any) -> None:
        if job is self._job:
            self._set_busy(False)

    def _on_inspected(self, token: int, inspection: ImportInspection) -> None:
        if token != self._token:
            return  # an older read, superseded
        self._job = None
        self._set_busy(False)
        if self._pending.isActive():
            return  # the analyst changed more meanwhile: the pending read will show it
        self._show(inspection)
        emit(self.inspection_changed, inspection)

    def _set_busy(self, busy: bool) -> None:
        if not busy:
            self._job = None
        for widget in (self.load_button, self.save_button, self.redetect_button):
            widget.setEnabled(not busy)
        if not busy:
            self.fill_profiles()
        self._update_status()
        if busy:
            self.status_label.setText(tr("import.reading"))

    def retranslate(self) -> None:
        files = self.inspection.files
        self.setWindowTitle(tr("import.title", file=", ".join(p.name for p in files)))
        if len(files) > 1:
            paths = "、".join(p.name for p in files)
            self.file_label.setText(tr("import.intro_files", paths=paths, n=len(files)))
        else:
            self.file_label.setText(tr("import.intro", path=self.inspection.path))
        self.verdicts_caption.setText(tr("import.verdicts"))
        self.parsed_caption.setText(tr("import.parsed"))
        self.verdicts.retranslate()
        self.profile_caption.setText(tr("import.profiles"))
        self.load_button.setText(tr("import.load_profile"))
        self.save_button.setText(tr("import.save_profile"))
        self.redetect_button.setText(tr("import.redetect"))
        self.redetect_button.setToolTip(tr("tip.redetect"))
        self.issues.retranslate()
        for page in self.pages.values():
            page.retranslate()
        self._update_error()
        self._update_status()


__all__ = [
    "FieldDelegate",
    "ImportDialog",
    "MappingModel",
    "ParsedModel",
    "PreviewModel",
    "TableMappingPage",
    "UnitDelegate",
    "VerdictsTable",
]
