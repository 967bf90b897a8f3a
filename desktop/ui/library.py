"""政策库: documents → articles → measures, the selected node's text, clause search, and for a
measure the enterprises it hits (a click filters the enterprise table)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.catalogue import Catalogue
from desktop.core.evaluation import Evaluation
from desktop.core.outcomes import ELIGIBLE, UNKNOWN
from desktop.ui.i18n import language, tr
from desktop.ui.library_data import (
    Node,
    article_html,
    build_tree,
    document_html,
    load_all_cases,
    matches,
    measure_hits,
    measure_html,
)
from desktop.ui.qtcompat import emit
from desktop.ui.workers import release_later

KEY_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1


class LibraryPanel(QWidget):
    filter_requested = Signal(object, object)  # measure id or None, frozenset of statuses

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalogue: Catalogue | None = None
        self._evaluation: Evaluation | None = None
        self._cases: list[Any] | None = None
        self._nodes: list[Node] = []
        self._items: dict[str, QTreeWidgetItem] = {}
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("library-search")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self.set_search)
        self.tree = QTreeWidget()
        self.tree.setObjectName("library-tree")
        self.tree.setColumnCount(3)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.tree.setColumnWidth(1, 56)
        self.tree.setColumnWidth(2, 96)
        self.tree.currentItemChanged.connect(self._on_current)
        self.detail = QTextBrowser()
        self.detail.setObjectName("library-detail")
        self.detail.document().setDocumentMargin(10)
        self.hits_label = QLabel()
        self.eligible_button = QPushButton()
        self.eligible_button.clicked.connect(lambda: self.request_filter(frozenset({ELIGIBLE})))
        self.unknown_button = QPushButton()
        self.unknown_button.clicked.connect(lambda: self.request_filter(frozenset({UNKNOWN})))
        hits = QHBoxLayout()
        hits.addWidget(self.hits_label, 1)
        hits.addWidget(self.eligible_button)
        hits.addWidget(self.unknown_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search_edit)
        left_layout.addWidget(self.tree)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        right_layout.addLayout(hits)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([560, 540])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self.retranslate()

    # -- content
    def set_catalogue(self, catalogue: Catalogue | None) -> None:
        if catalogue is self._catalogue and self._nodes:
            return
        self._catalogue = catalogue
        self._rebuild()

    def set_evaluation(self, evaluation: Evaluation | None) -> None:
        if evaluation is not self._evaluation:
            release_later(self._evaluation)  # freed off the GUI thread
        self._evaluation = evaluation
        if evaluation is not None and evaluation.catalogue is not self._catalogue:
            self.set_catalogue(evaluation.catalogue)
        self._update_hits()

    @property
    def cases(self) -> list[Any]:
        if self._cases is None:
            self._cases = load_all_cases()
        return self._cases

    def _rebuild(self) -> None:
        key = self.current_key()
        self.tree.clear()
        self._items = {}
        if self._catalogue is None:
            self._nodes = []
            return
        self._nodes = build_tree(self._catalogue, language())

        def add(parent: Any, node: Node) -> None:
            item = QTreeWidgetItem(parent, [node.title, node.kind_text, node.tags])
            item.setData(0, KEY_ROLE, node.key)
            item.setData(0, KIND_ROLE, node.kind)
            item.setToolTip(0, node.title)
            item.setToolTip(2, node.tags)
            self._items[node.key] = item
            for child in node.children:
                add(item, child)

        for node in self._nodes:
            add(self.tree, node)
        self.set_search(self.search_edit.text())
        if key:
            self.select(key)

    def set_search(self, text: str) -> None:
        """Hide every node that neither contains ``text`` nor has a child that does."""

        def walk(item: QTreeWidgetItem | None, node: Node) -> bool:
            if item is None:  # the tree and the nodes were built together; never here
                return False
            child_hit = False
            for i, child in enumerate(node.children):
                child_hit |= walk(item.child(i), child)
            own = matches(Node(node.kind, node.key, "", "", "", node.search), text)
            visible = own or child_hit
            item.setHidden(not visible)
            if text.strip() and child_hit:
                item.setExpanded(True)
            return visible

        for i, node in enumerate(self._nodes):
            walk(self.tree.topLevelItem(i), node)
        if self.search_edit.text() != text:
            self.search_edit.setText(text)

    def visible_keys(self, kind: str | None = None) -> list[str]:
        return [
            key
            for key, item in self._items.items()
            if not item.isHidden()
            and (kind is None or item.data(0, KIND_ROLE) == kind)
            and _ancestors_shown(item)
        ]

    # -- selection
    def current_key(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, KEY_ROLE) if item is not None else None

    def current_measure(self) -> str | None:
        item = self.tree.currentItem()
        if item is not None and item.data(0, KIND_ROLE) == "measure":
            key = item.data(0, KEY_ROLE)
            return str(key) if key is not None else None
        return None

    def select(self, key: str) -> bool:
        item = self._items.get(key)
        if item is None:
            return False
        parent = item.parent()
        while parent is not None:
            parent.setExpanded(True)
            parent = parent.parent()
        self.tree.setCurrentItem(item)
        self.tree.scrollToItem(item)
        return True

    def _on_current(self, item: QTreeWidgetItem | None, _previous: Any = None) -> None:
        self._show(item)

    def _show(self, item: QTreeWidgetItem | None) -> None:
        catalogue = self._catalogue
        lang = language()
        if item is None or catalogue is None:
            self.detail.setHtml(f"<p style='color:#666'>{tr('library.pick')}</p>")
        else:
            kind, key = item.data(0, KIND_ROLE), item.data(0, KEY_ROLE)
            if kind == "document":
                self.detail.setHtml(document_html(catalogue, key, lang))
            elif kind == "article":
                self.detail.setHtml(article_html(catalogue, key, lang))
            else:
                self.detail.setHtml(measure_html(catalogue, key, self.cases, lang))
        self._update_hits()

    def _update_hits(self) -> None:
        measure = self.current_measure()
        hits = measure_hits(self._evaluation, measure) if measure else None
        show = measure is not None
        for widget in (self.hits_label, self.eligible_button, self.unknown_button):
            widget.setVisible(show)
        if not show:
            return
        if hits is None:
            self.hits_label.setText(tr("library.no_evaluation"))
            self.eligible_button.setEnabled(False)
            self.unknown_button.setEnabled(False)
            return
        eligible, unknown = hits
        self.hits_label.setText(tr("library.hits", eligible=eligible, unknown=unknown))
        self.eligible_button.setEnabled(eligible > 0)
        self.unknown_button.setEnabled(unknown > 0)

    def request_filter(self, statuses: frozenset[str]) -> None:
        measure = self.current_measure()
        if measure is not None:
            emit(self.filter_requested, measure, statuses)

    def hits_text(self) -> str:
        return self.hits_label.text()

    def retranslate(self) -> None:
        self.search_edit.setPlaceholderText(tr("library.search"))
        self.tree.setHeaderLabels(
            [tr("library.col.title"), tr("library.col.kind"), tr("library.col.tags")]
        )
        self.eligible_button.setText(tr("library.show_eligible"))
        self.unknown_button.setText(tr("library.show_unknown"))
        self.tree.setAccessibleName(tr("library.title"))
        if self._catalogue is not None:
            self._rebuild()
        self._show(self.tree.currentItem())


def _ancestors_shown(item: QTreeWidgetItem) -> bool:
    parent = item.parent()
    while parent is not None:
        if parent.isHidden():
            return False
        parent = parent.parent()
    return True


__all__ = ["LibraryPanel"]
