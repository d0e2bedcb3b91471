"""The outline pane: a filter box over the tree of 类目/分目/子目/条目."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from .outline_model import COL_ENTRIES, COL_FINDINGS, COL_STATUS, COL_TITLE, NodeIdRole, OutlineFilterModel, OutlineModel


class OutlinePanel(QWidget):
    #: the user chose a node in the tree
    node_activated = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("outlinePanel")
        self.model = OutlineModel(self)
        self.proxy = OutlineFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self._syncing = False
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("outlineFilter")
        self.filter_edit.setClearButtonEnabled(True)
        self.tree = self._build_tree()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree, 1)
        self.filter_edit.textChanged.connect(self._filter)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.retranslate()

    def _build_tree(self) -> QTreeView:
        tree = QTreeView(self)
        tree.setObjectName("outlineTree")
        tree.setModel(self.model)  # the filter proxy is put in only while a filter is typed
        tree.setUniformRowHeights(True)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        tree.setAllColumnsShowFocus(True)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        # fixed widths: sizing columns to their contents would ask the model for every
        # visible row each time a branch opens (slow on a volume of thousands of nodes)
        for col in (COL_ENTRIES, COL_STATUS, COL_FINDINGS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        tree.setColumnHidden(COL_FINDINGS, True)  # shown once the checks report findings
        self._size_columns(tree)
        return tree

    def _size_columns(self, tree: QTreeView) -> None:
        fm = tree.fontMetrics()
        tree.header().resizeSection(COL_ENTRIES, fm.horizontalAdvance("88888") + 12)
        tree.header().resizeSection(COL_STATUS, fm.horizontalAdvance("Unreviewed") + 30)
        tree.header().resizeSection(COL_FINDINGS, fm.horizontalAdvance("8888") + 12)

    def retranslate(self) -> None:
        self.filter_edit.setPlaceholderText(self.tr("Filter the outline by title…"))
        self.filter_edit.setToolTip(self.tr("Shows matching nodes with the headings above them"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self.tree.viewport().update()

    def changeEvent(self, e) -> None:  # noqa: N802
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    # -- content and selection --------------------------------------------------------

    def set_roots(self, roots, keep_expanded: bool = False) -> None:
        expanded = self.expanded_ids() if keep_expanded else set()
        self._syncing = True
        try:
            self.model.set_roots(roots)
            if keep_expanded:
                for node_id in expanded:
                    idx = self._view_index(node_id)
                    if idx.isValid():
                        self.tree.setExpanded(idx, True)
            else:
                self.tree.expandToDepth(0)
        finally:
            self._syncing = False

    def _view_index(self, node_id: int):
        idx = self.model.index_for(node_id)
        return self.proxy.mapFromSource(idx) if self.tree.model() is self.proxy else idx

    def expanded_ids(self) -> set[int]:
        out = set()
        for n in self.model.nodes():
            if n.children:
                idx = self._view_index(n.id)
                if idx.isValid() and self.tree.isExpanded(idx):
                    out.add(n.id)
        return out

    def select(self, node_id: int) -> None:
        """Make a node current and visible, without reporting it back as a user choice."""
        idx = self._view_index(node_id)
        if not idx.isValid():
            return
        self._syncing = True
        try:
            self.tree.setCurrentIndex(idx)
            self.tree.scrollTo(idx, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._syncing = False

    def current_node_id(self) -> int | None:
        idx = self.tree.currentIndex()
        return idx.data(NodeIdRole) if idx.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        self.node_activated.emit(current.data(NodeIdRole))

    def _filter(self, text: str) -> None:
        current = self.current_node_id()
        text = text.strip()
        self.proxy.setFilterFixedString(text)
        wanted = self.proxy if text else self.model
        if self.tree.model() is not wanted:
            self._syncing = True
            try:
                old = self.tree.selectionModel()
                self.tree.setModel(wanted)
                self.tree.selectionModel().currentChanged.connect(self._current_changed)
                old.deleteLater()
            finally:
                self._syncing = False
        if text:
            self.tree.expandAll()
        else:
            self.tree.expandToDepth(0)
        if current is not None:
            self.select(current)
