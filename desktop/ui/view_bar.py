"""The bar above the matrix: which measures it shows (all by default, or the data's own
regions, one region, document or kind), how it is sorted and filtered now, and 重置视图.

The choices and the state line are worded by :mod:`desktop.ui.table_data` (Qt-free); this
module only lays them out and reports the analyst's picks."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.ui.i18n import tr
from desktop.ui.qtcompat import emit
from desktop.ui.table_data import SCOPE_ALL, ScopeChoice


class ViewBar(QWidget):
    scope_changed = Signal(str)  # the chosen scope key
    reset_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("view-bar")
        self.caption = QLabel()
        self.scope = QComboBox()
        self.scope.setObjectName("measure-scope")
        self.scope.setMinimumContentsLength(16)
        self.scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.caption.setBuddy(self.scope)
        self.state = QLabel()
        self.state.setObjectName("view-state")
        self.state.setStyleSheet("QLabel#view-state { color: #4b5563; }")
        self.reset = QPushButton()
        self.reset.setObjectName("view-reset")
        self.reset.clicked.connect(lambda: emit(self.reset_requested))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.caption)
        layout.addWidget(self.scope)
        layout.addWidget(self.state, 1)
        layout.addWidget(self.reset)
        self.scope.currentIndexChanged.connect(self._on_index)
        self.retranslate()

    def retranslate(self) -> None:
        self.caption.setText(tr("scope.label"))
        self.reset.setText(tr("scope.reset"))
        self.reset.setToolTip(tr("scope.reset_tip"))

    def set_choices(self, choices: list[ScopeChoice], current: str) -> None:
        """Offer ``choices`` (keeping ``current`` when it is among them, else the default)."""
        keys = [c.key for c in choices]
        self.scope.blockSignals(True)
        self.scope.clear()
        for choice in choices:
            self.scope.addItem(choice.label, choice.key)
        self.scope.setCurrentIndex(keys.index(current) if current in keys else 0)
        self.scope.blockSignals(False)

    def current_key(self) -> str:
        key = self.scope.currentData()
        return str(key) if key is not None else SCOPE_ALL

    def current_label(self) -> str:
        return self.scope.currentText()

    def select(self, key: str) -> None:
        """Choose ``key`` (as the analyst would: ``scope_changed`` follows)."""
        index = self.scope.findData(key)
        if index >= 0:
            self.scope.setCurrentIndex(index)

    def _on_index(self, _index: int) -> None:
        emit(self.scope_changed, self.current_key())
