"""The outline pane: a filter box over the tree of 类目/分目/子目/条目."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from .outline_model import (
    COL_ENTRIES,
    COL_FINDINGS,
    COL_STATUS,
    COL_TAGS,
    COL_TITLE,
    NodeIdRole,
    OutlineFilterModel,
    OutlineModel,
    TagsRole,
    status_label,
)
from .plain import NAME, plain_tooltip, visible


class TitleTagsDelegate(QStyledItemDelegate):
    """The title column: the title, and at its right end one small coloured chip per tag (the
    tags' names are in the tooltip and the editor's header), so no room is taken from titles.
    A title too long for the column is elided in the middle, never down to "…" alone (what fits
    of its start is shown); its tooltip is the node's whole path."""

    DOT = 9

    def __init__(self, parent=None, path_of=None):
        super().__init__(parent)
        self.path_of = path_of  # node id → the titles from the 类目 down to the node

    def initStyleOption(self, option, index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        text = option.text
        if not text:
            return
        room = option.rect.width() - 8
        if option.features & option.ViewItemFeature.HasDecoration:
            room -= option.decorationSize.width() + 4
        fm = option.fontMetrics
        if fm.elidedText(text, Qt.TextElideMode.ElideMiddle, room).strip("… ") == "":
            n = 1
            while n < len(text) and fm.horizontalAdvance(text[: n + 1]) <= room:
                n += 1
            option.text, option.textElideMode = text[:n], Qt.TextElideMode.ElideNone  # clipped, not "…"

    def helpEvent(self, event, view, option, index) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and self.path_of is not None and index.isValid():
            path = self.path_of(index.data(NodeIdRole))
            if path:
                details = index.data(Qt.ItemDataRole.ToolTipRole) or ""
                QToolTip.showText(event.globalPos(), _with_path(path, details), view)
                return True
        return super().helpEvent(event, view, option, index)

    def paint(self, painter: QPainter, option, index) -> None:
        tags = index.data(TagsRole) or []
        if not tags:
            return super().paint(painter, option, index)
        shown = tags[:4]
        room = len(shown) * (self.DOT + 3) + 4
        opt = QStyleOptionViewItem(option)
        opt.rect = option.rect.adjusted(0, 0, -room, 0)
        super().paint(painter, opt, index)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = option.rect.right() - room + 4
        y = option.rect.y() + (option.rect.height() - self.DOT) // 2
        for _tid, _name, color in shown:
            c = QColor(color or "#888888")
            painter.setPen(c.darker(140))
            painter.setBrush(c)
            painter.drawRoundedRect(QRect(x, y, self.DOT, self.DOT), 2, 2)
            x += self.DOT + 3
        painter.restore()


def _with_path(path: list[str], details_html: str) -> str:
    """The node's path (plain text, escaped) over the model's own tooltip (already escaped)."""
    head = plain_tooltip(" › ".join(visible(t, NAME, one_line=True) for t in path))
    if not details_html:
        return head
    return head[: -len("</qt>")] + "<br>" + details_html.removeprefix("<qt>")


class TagChipDelegate(QStyledItemDelegate):
    """Tags as small coloured chips (the names are drawn as plain text)."""

    def paint(self, painter: QPainter, option, index) -> None:
        tags = index.data(TagsRole) or []
        if not tags:
            return super().paint(painter, option, index)
        self.initStyleOption(option, index)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = option.fontMetrics
        x, r = option.rect.x() + 2, option.rect
        h = min(r.height() - 4, fm.height() + 2)
        y = r.y() + (r.height() - h) // 2
        for _tid, raw, color in tags:
            name = visible(raw, NAME, one_line=True)  # control and bidi characters shown, not obeyed
            w = fm.horizontalAdvance(name) + 10
            if x + w > r.right():
                painter.setPen(QColor("#606060"))
                painter.drawText(QRect(x, r.y(), r.right() - x, r.height()), Qt.AlignmentFlag.AlignVCenter, "…")
                break
            c = QColor(color or "#888888")
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(c.lighter(170))
            painter.drawRoundedRect(QRect(x, y, w, h), 4, 4)
            painter.setPen(c.darker(150))
            painter.drawText(QRect(x, y, w, h), Qt.AlignmentFlag.AlignCenter, name)
            x += w + 3
        painter.restore()


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
        self.tag_filter: set[int] | None = None
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
        tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # 中共兰州市…委员会, not a bare "…"
        tree.setIndentation(14)
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        tree.setAllColumnsShowFocus(True)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        # fixed widths: sizing columns to their contents would ask the model for every
        # visible row each time a branch opens (slow on a volume of thousands of nodes)
        for col in (COL_ENTRIES, COL_STATUS, COL_FINDINGS, COL_TAGS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        tree.setColumnHidden(COL_FINDINGS, True)  # shown once the checks report findings
        # the tag names as chips (a column the editor can show from the header's menu); the title
        # column shows a coloured chip per tag, so the outline stays narrow
        tree.setColumnHidden(COL_TAGS, True)
        self.chips = TagChipDelegate(tree)
        tree.setItemDelegateForColumn(COL_TAGS, self.chips)
        self.title_delegate = TitleTagsDelegate(tree, self.path_titles)
        tree.setItemDelegateForColumn(COL_TITLE, self.title_delegate)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self._size_columns(tree)
        return tree

    def _size_columns(self, tree: QTreeView) -> None:
        fm = tree.fontMetrics()
        tree.header().resizeSection(COL_ENTRIES, fm.horizontalAdvance("88888") + 12)
        widest = max(fm.horizontalAdvance(status_label(s)) for s in ("unreviewed", "checked", "approved"))
        tree.header().resizeSection(COL_STATUS, widest + 34)  # the status icon and margins
        tree.header().resizeSection(COL_FINDINGS, fm.horizontalAdvance("8888") + 12)
        tree.header().resizeSection(COL_TAGS, fm.horizontalAdvance("国") * 3 + 14)

    def header_menu(self):
        """Which columns to show (the title always)."""
        from PySide6.QtWidgets import QMenu

        menu = QMenu(self)
        for col in (COL_ENTRIES, COL_STATUS, COL_FINDINGS, COL_TAGS):
            a = menu.addAction(str(self.model.headerData(col, Qt.Orientation.Horizontal)))
            a.setCheckable(True)
            a.setChecked(not self.tree.isColumnHidden(col))
            a.toggled.connect(lambda on, col=col: self.tree.setColumnHidden(col, not on))
        return menu

    def _header_menu(self, pos) -> None:
        menu = self.header_menu()
        menu.exec(self.tree.header().mapToGlobal(pos))
        menu.deleteLater()

    def retranslate(self) -> None:
        self.filter_edit.setPlaceholderText(self.tr("Filter the outline by title…"))
        self.filter_edit.setToolTip(self.tr("Shows matching nodes with the headings above them"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self.proxy.retranslate()
        self._size_columns(self.tree)  # the status words' width differs by language
        self.tree.viewport().update()

    def changeEvent(self, e) -> None:  # noqa: N802
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    # -- content and selection --------------------------------------------------------

    def set_roots(self, roots, keep_expanded: bool = False) -> None:
        """Show an outline: a new volume's (``keep_expanded`` False: reset, top level open) or
        the same volume's after a structural edit (laid over the shown tree row by row, so the
        filter, the open branches and the scroll position stay; nodes that came back under
        another parent are opened again if they were open)."""
        if not keep_expanded:
            self._syncing = True
            try:
                self.model.set_roots(roots)
                self.tree.expandToDepth(0)
            finally:
                self._syncing = False
            return
        was_open: set[int] = set()

        def note_open(parent, first, last) -> None:
            for row in range(first, last + 1):
                was_open.update(self._open_below(self.model.index(row, 0, parent)))

        self.model.rowsAboutToBeRemoved.connect(note_open)
        self._syncing = True
        try:
            inserted = self.model.update_roots(roots)
            for node_id in inserted & was_open:
                idx = self._view_index(node_id)
                if idx.isValid():
                    self.tree.setExpanded(idx, True)
        finally:
            self._syncing = False
            self.model.rowsAboutToBeRemoved.disconnect(note_open)

    def _open_below(self, index) -> set[int]:
        """The ids of the open nodes in a subtree (the subtree's root included)."""
        out: set[int] = set()
        stack = [index]
        while stack:
            idx = stack.pop()
            view_idx = self.proxy.mapFromSource(idx) if self.tree.model() is self.proxy else idx
            if not view_idx.isValid() or not self.tree.isExpanded(view_idx):
                continue
            out.add(idx.internalId())
            stack.extend(self.model.index(r, 0, idx) for r in range(self.model.rowCount(idx)))
        return out

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
            # the one row selected, whatever keys are held (setCurrentIndex reads the modifiers: after
            # Ctrl+Z brought another entry into view, the Ctrl added it to the old selection)
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.tree.selectionModel().setCurrentIndex(idx, flags)
            self.tree.scrollTo(idx, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._syncing = False

    def path_titles(self, node_id) -> list[str]:
        """The titles from the top of the outline down to the node."""
        out, node, seen = [], self.model.node(node_id) if node_id is not None else None, 0
        while node is not None and seen < 64:
            out.append(node.title)
            node = self.model.node(node.parent_id) if node.parent_id is not None else None
            seen += 1
        return out[::-1]

    def selected_node_ids(self) -> list[int]:
        """The nodes selected in the tree (the current one when nothing is selected), in outline order."""
        ids = {idx.data(NodeIdRole) for idx in self.tree.selectionModel().selectedRows(0)}
        if not ids and self.current_node_id() is not None:
            ids = {self.current_node_id()}
        order = {nid: i for i, nid in enumerate(self.model.node_ids())}
        return sorted((i for i in ids if i is not None), key=lambda i: order.get(i, 0))

    def set_tag_filter(self, node_ids) -> None:
        """Show only these nodes (with the headings above them); None shows every node."""
        self.tag_filter = set(node_ids) if node_ids is not None else None
        self.proxy.set_node_ids(self.tag_filter)
        self._filter(self.filter_edit.text())

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
        filtered = self.proxy.filtering()
        wanted = self.proxy if filtered else self.model
        if self.tree.model() is not wanted:
            self._syncing = True
            try:
                old = self.tree.selectionModel()
                self.tree.setModel(wanted)
                self.tree.selectionModel().currentChanged.connect(self._current_changed)
                old.deleteLater()
            finally:
                self._syncing = False
        if filtered:
            self.tree.expandAll()
        else:
            self.tree.expandToDepth(0)
        if current is not None:
            self.select(current)
