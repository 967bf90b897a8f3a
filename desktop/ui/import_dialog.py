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
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.fields import Table
from desktop.errors import DesktopError
from desktop.spreadsheet.mapping import ColumnMapping, MappingProfile
from desktop.ui.i18n import language, tr
from desktop.ui.import_data import (
    CERTAIN,
    ImportInspection,
    MappingEdit,
    SheetPreview,
    edited_profile,
    field_choices,
    field_label,
    inspect_input,
    list_profiles,
    load_profile,
    save_profile,
    table_label,
)
from desktop.ui.qtcompat import emit
from desktop.ui.quality import IssuesView

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
        from desktop.spreadsheet.mapping import column_letter

        return column_letter(section)


class MappingModel(QAbstractTableModel):
    """One row per source column; the 字段 column is editable (EditRole: field name or None)."""

    field_edited = Signal(object, str, object)  # table, column letter, field name or None

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
        return base

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
            if col == 4:
                return c.unit or ""
            return tr(f"map.source.{c.source}")
        if role == Qt.ItemDataRole.EditRole and col == FIELD_COLUMN:
            return c.field
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

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return tr(MAPPING_COLUMNS[section]) if 0 <= section < len(MAPPING_COLUMNS) else None
        return section + 1


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


class TableMappingPage(QWidget):
    """One table: its sheet, header rows, what is missing, and the column mapping."""

    sheet_chosen = Signal(object, object)  # table, sheet name

    def __init__(self, mapping: ColumnMapping, sheets: list[str], parent: QWidget | None = None):
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
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.view)
        self.retranslate()

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
        self._update_labels()


class ImportDialog(QDialog):
    """The import settings for one file. ``profile()`` is the result after ``accept()``."""

    inspection_changed = Signal(object)  # the new ImportInspection after a re-read

    def __init__(
        self,
        inspection: ImportInspection,
        runner: Runner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("import-dialog")
        self.resize(1100, 760)
        self._runner = runner
        self._job: Any = None
        self.inspection = inspection
        self.edit = MappingEdit.of(inspection.mapping)
        self.pages: dict[Table, TableMappingPage] = {}

        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.preview_tabs = QTabWidget()
        self.preview_tabs.setObjectName("preview")
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
        top.addWidget(self.preview_tabs)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addLayout(profile_row)
        middle_layout.addWidget(self.mapping_tabs)
        top.addWidget(middle)
        top.addWidget(self.issues)
        top.setSizes([200, 360, 160])
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
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
        self.edit = MappingEdit.of(inspection.mapping)
        header_rows = {cm.sheet: cm.header_rows for cm in inspection.mapping.tables.values()}
        current_preview = self.preview_tabs.currentIndex()
        self.preview_tabs.clear()
        for sheet in inspection.sheets:
            view = QTableView()
            view.setModel(PreviewModel(sheet, header_rows.get(sheet.name, ()), view))
            view.horizontalHeader().setDefaultSectionSize(110)
            view.verticalHeader().setDefaultSectionSize(22)
            self.preview_tabs.addTab(view, sheet.name)
        if 0 <= current_preview < self.preview_tabs.count():
            self.preview_tabs.setCurrentIndex(current_preview)
        current = self.mapping_tabs.currentIndex()
        self.mapping_tabs.clear()
        self.pages = {}
        names = [s.name for s in inspection.sheets]
        lang = language()
        for table, cm in inspection.mapping.tables.items():
            page = TableMappingPage(cm, names)
            page.model.field_edited.connect(self._on_field_edited)
            page.sheet_chosen.connect(self._on_sheet_chosen)
            self.pages[table] = page
            self.mapping_tabs.addTab(page, self._tab_text(table, cm, lang))
        if 0 <= current < self.mapping_tabs.count():
            self.mapping_tabs.setCurrentIndex(current)
        self.issues.set_issues(inspection.issues)
        self._update_status()

    def _tab_text(self, table: Table, cm: ColumnMapping, lang: str) -> str:
        warn = any(c.field is not None and c.confidence < CERTAIN for c in cm.columns)
        mark = " ⚠" if warn or cm.missing_required else ""
        return f"{table_label(table, lang)}（{cm.sheet}）{mark}"

    def _on_field_edited(self, table: Table, letter: str, name: str | None) -> None:
        self.edit.set_field(table, letter, name)
        cm = self.edit.tables[table]
        index = list(self.pages).index(table)
        self.mapping_tabs.setTabText(index, self._tab_text(table, cm, language()))
        self._update_status()

    def _on_sheet_chosen(self, table: Table, sheet: str | None) -> None:
        self.edit.set_sheet(table, sheet)
        self._update_status()

    def _update_status(self) -> None:
        missing = self.edit.missing_required()
        changed = [t for t in self.edit.tables if self.edit.sheet_changed(t)]
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if Table.ENTERPRISES in missing and not changed:
            self.status_label.setText(tr("import.cannot", table=table_label(Table.ENTERPRISES)))
            ok.setEnabled(False)
        else:
            text = tr("import.ready", n=self.inspection.enterprises)
            if changed:
                text = tr("import.redetect_hint")
            self.status_label.setText(text)
            ok.setEnabled(self._job is None)

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
        return self._reinspect(profile)

    def reinspect(self) -> Any:
        """Re-read the file with the dialog's current choices (new sheets mapped afresh)."""
        return self._reinspect(self.profile())

    def _reinspect(self, profile: MappingProfile) -> Any:
        fn = functools.partial(inspect_input, self.inspection.path, profile=profile)
        if self._runner is None:  # no window: read here (tests of the dialog alone)
            self._on_inspected(fn(lambda *_: None, lambda: False))
            return None
        self._set_busy(True)
        job = self._runner(
            fn, tr("job.loading", file=self.inspection.path.name), self._on_inspected
        )
        self._job = job
        job.failed.connect(lambda *_: self._set_busy(False))
        job.cancelled.connect(lambda *_: self._set_busy(False))
        return job

    def _on_inspected(self, inspection: ImportInspection) -> None:
        self._job = None
        self._set_busy(False)
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
        self.setWindowTitle(tr("import.title", file=self.inspection.path.name))
        self.file_label.setText(tr("import.intro", path=self.inspection.path))
        self.profile_caption.setText(tr("import.profiles"))
        self.load_button.setText(tr("import.load_profile"))
        self.save_button.setText(tr("import.save_profile"))
        self.redetect_button.setText(tr("import.redetect"))
        self.redetect_button.setToolTip(tr("tip.redetect"))
        self.issues.retranslate()
        for page in self.pages.values():
            page.retranslate()
        self._update_status()


__all__ = ["FieldDelegate", "ImportDialog", "MappingModel", "PreviewModel", "TableMappingPage"]
