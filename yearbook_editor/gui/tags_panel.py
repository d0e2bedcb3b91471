"""Tags in the app (issue 6): the vocabulary panel, tagging nodes, the outline filter, and
suggestions for the current entry.

* :class:`TagModel` — the store's vocabulary as a tree: the four groups (主题, 工作流程,
  索引词, 供稿), under each its tags as a hierarchy, with the group's colour and the number of
  nodes of the open volume carrying each tag.
* :class:`TagsPanel` — the tree with New / Tag Selected / Remove / Filter Outline / Import /
  Export, and below it the suggestions for the current entry (accept or reject in one
  click; accept for every selected node as one undo step).

Tagging is the core's ``TagNodes`` / ``UntagNodes`` edit applied through ``session.apply``
(a revision per node, undoable); suggestions come from ``core.suggest`` (jieba is loaded in
the background after the window is shown, never at start-up).
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QAbstractItemModel, QByteArray, QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..core import tags as core_tags
from .plain import NAME, plain_label, plain_tooltip, visible

TagIdRole = Qt.ItemDataRole.UserRole + 1
GroupRole = Qt.ItemDataRole.UserRole + 2
ColorRole = Qt.ItemDataRole.UserRole + 3
CountRole = Qt.ItemDataRole.UserRole + 4
PathRole = Qt.ItemDataRole.UserRole + 5
GROUP_KEY = 1 << 40  # internal ids of the group rows


@lru_cache(maxsize=64)
def color_icon(color: str) -> QIcon:
    pm = QPixmap(12, 12)
    pm.fill(QColor(color or "#888888"))
    return QIcon(pm)


def group_name(grp: str) -> str:
    from PySide6.QtCore import QCoreApplication

    names = {
        "topic": QCoreApplication.translate("Tags", "Topics (主题)"),
        "workflow": QCoreApplication.translate("Tags", "Workflow (工作流程)"),
        "index": QCoreApplication.translate("Tags", "Index terms (索引词)"),
        "contributor": QCoreApplication.translate("Tags", "Contributors (供稿)"),
    }
    return names.get(grp, grp)


class _Item:
    __slots__ = ("children", "grp", "key", "parent", "row", "tag")

    def __init__(self, key: int, tag: dict | None, grp: str, parent: _Item | None):
        self.key, self.tag, self.grp, self.parent = key, tag, grp, parent
        self.children: list[_Item] = []
        self.row = 0


class TagModel(QAbstractItemModel):
    """Groups → tags (hierarchical); columns: name, count in the open volume."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._roots: list[_Item] = []
        self._items: dict[int, _Item] = {}
        self.counts: dict[int, int] = {}
        self.tags: dict[int, dict] = {}

    def load(self, tags: list[dict], counts: dict[int, int]) -> None:
        self.beginResetModel()
        self.tags = {t["id"]: t for t in tags}
        self.counts = dict(counts)
        self._items = {}
        self._roots = []
        groups = list(core_tags.GROUPS)
        for i, grp in enumerate(groups):
            g = _Item(GROUP_KEY + i, None, grp, None)  # tag ids are small positive numbers
            g.row = i
            self._roots.append(g)
            self._items[g.key] = g
        by_group = {g.grp: g for g in self._roots}
        for t in sorted(tags, key=lambda t: t["path"].count("/")):
            parent = self._items.get(t["parent_id"]) if t["parent_id"] is not None else None
            parent = parent or by_group.get(t["grp"])
            if parent is None:
                continue
            item = _Item(t["id"], t, t["grp"], parent)
            item.row = len(parent.children)
            parent.children.append(item)
            self._items[item.key] = item
        self.endResetModel()

    def set_counts(self, counts: dict[int, int]) -> None:
        self.counts = dict(counts)
        for item in self._items.values():
            if item.tag is not None:
                idx = self.createIndex(item.row, 1, item.key)
                self.dataChanged.emit(idx, idx)

    def tag(self, tag_id: int) -> dict | None:
        return self.tags.get(tag_id)

    def index_for_tag(self, tag_id: int, column: int = 0) -> QModelIndex:
        item = self._items.get(tag_id)
        return self.createIndex(item.row, column, item.key) if item is not None else QModelIndex()

    def _item(self, index: QModelIndex) -> _Item | None:
        return self._items.get(index.internalId()) if index.isValid() else None

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        if column not in (0, 1):
            return QModelIndex()
        if not parent.isValid():
            kids = self._roots
        else:
            p = self._item(parent)
            kids = p.children if p is not None and parent.column() == 0 else []
        if not (0 <= row < len(kids)):
            return QModelIndex()
        return self.createIndex(row, column, kids[row].key)

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        item = self._item(index)
        if item is None or item.parent is None:
            return QModelIndex()
        return self.createIndex(item.parent.row, 0, item.parent.key)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        if not parent.isValid():
            return len(self._roots)
        item = self._item(parent)
        return len(item.children) if item is not None and parent.column() == 0 else 0

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 2

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Tag"), self.tr("Nodes")][section]
        return None

    def roleNames(self) -> dict[int, QByteArray]:  # noqa: N802
        names = super().roleNames()
        names.update({TagIdRole: QByteArray(b"tagId"), GroupRole: QByteArray(b"group"),
                      ColorRole: QByteArray(b"color"), CountRole: QByteArray(b"count"), PathRole: QByteArray(b"path")})
        return names

    def _count(self, item: _Item) -> int:
        if item.tag is not None:
            return self.counts.get(item.key, 0)
        return sum(self.counts.get(c.key, 0) for c in self._walk(item))

    def _walk(self, item: _Item):
        for c in item.children:
            yield c
            yield from self._walk(c)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        item = self._item(index)
        if item is None:
            return None
        t = item.tag
        color = t["color"] if t else core_tags.GROUPS.get(item.grp, ("", "#888888"))[1]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return visible(t["name"], NAME, one_line=True) if t else group_name(item.grp)
            n = self._count(item)
            return str(n) if n else ""
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return color_icon(color)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(t["path"]) if t else group_name(item.grp)  # a name may hold <img …>
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == TagIdRole:
            return t["id"] if t else None
        if role == GroupRole:
            return item.grp
        if role == ColorRole:
            return color
        if role == CountRole:
            return self._count(item)
        if role == PathRole:
            return t["path"] if t else ""
        return None


class NewTagDialog(QDialog):
    def __init__(self, parent=None, group: str = "topic", parent_path: str = ""):
        super().__init__(parent)
        self.setObjectName("newTagDialog")
        self.setWindowTitle(self.tr("New Tag"))
        self.name = QLineEdit(self)
        self.name.setObjectName("newTagName")
        self.name.setPlaceholderText(self.tr("e.g. 经济/农业 (a slash makes a sub-tag)"))
        if parent_path:
            self.name.setText(parent_path + "/")
        self.group = QComboBox(self)
        self.group.setObjectName("newTagGroup")
        for grp in core_tags.GROUPS:
            self.group.addItem(color_icon(core_tags.GROUPS[grp][1]), group_name(grp), grp)
        self.group.setCurrentIndex(max(0, self.group.findData(group)))
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Group:"), self.group)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)


class TagsPanel(QWidget):
    """The vocabulary with counts, tagging buttons, the outline filter and suggestions."""

    #: tag (tag id) the nodes chosen in the outline (or the editor's node)
    tag_requested = Signal(int)
    untag_requested = Signal(int)
    #: tag ids to filter the outline by ([] = no filter)
    filter_changed = Signal(list)
    create_requested = Signal()
    #: rename the tag (tag id)
    rename_requested = Signal(int)
    import_requested = Signal()
    export_requested = Signal()
    #: (suggestions, to every selected node?) — accept
    accept_requested = Signal(list, bool)
    reject_requested = Signal(list)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("tagsPanel")
        self.model = TagModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("tagsTree")
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        h = self.tree.header()
        h.setStretchLastSection(False)
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        h.resizeSection(1, 48)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("newTag")
        self.tag_button = QPushButton(self)
        self.tag_button.setObjectName("tagSelected")
        self.untag_button = QPushButton(self)
        self.untag_button.setObjectName("untagSelected")
        self.filter_button = QPushButton(self)
        self.filter_button.setObjectName("filterByTag")
        self.filter_button.setCheckable(True)
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("importTags")
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("exportTags")
        self.suggest_label = QLabel(self)
        self.suggest_label.setObjectName("suggestLabel")
        self.suggest_label.setTextFormat(Qt.TextFormat.PlainText)
        self.suggest_label.setWordWrap(True)
        self.suggestions = QListWidget(self)
        self.suggestions.setObjectName("suggestions")
        self.suggestions.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.accept_button = QPushButton(self)
        self.accept_button.setObjectName("acceptSuggestion")
        self.accept_all_button = QPushButton(self)
        self.accept_all_button.setObjectName("acceptForSelection")
        self.reject_button = QPushButton(self)
        self.reject_button.setObjectName("rejectSuggestion")
        self._build_layout()
        self.new_button.clicked.connect(self.create_requested)
        self.tag_button.clicked.connect(lambda: self._emit_for_current(self.tag_requested))
        self.untag_button.clicked.connect(lambda: self._emit_for_current(self.untag_requested))
        self.filter_button.toggled.connect(lambda _on: self._emit_filter())
        self.tree.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.tree.doubleClicked.connect(lambda idx: self._emit_for_index(idx, self.tag_requested))
        self.import_button.clicked.connect(self.import_requested)
        self.export_button.clicked.connect(self.export_requested)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.suggestions.itemDoubleClicked.connect(lambda item: self.accept_requested.emit([item.data(Qt.ItemDataRole.UserRole)],
                                                                                          False))
        self.accept_button.clicked.connect(lambda: self._emit_suggestions(False))
        self.accept_all_button.clicked.connect(lambda: self._emit_suggestions(True))
        self.reject_button.clicked.connect(self._reject)
        self.retranslate()
        self.set_suggestions(None)

    def _build_layout(self) -> None:
        row1 = QHBoxLayout()
        for b in (self.new_button, self.tag_button, self.untag_button):
            row1.addWidget(b)
        row2 = QHBoxLayout()
        for b in (self.filter_button, self.import_button, self.export_button):
            row2.addWidget(b)
        row3 = QHBoxLayout()
        for b in (self.accept_button, self.accept_all_button, self.reject_button):
            row3.addWidget(b)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(row1)
        lay.addLayout(row2)
        lay.addWidget(self.tree, 3)
        lay.addWidget(self.suggest_label)
        lay.addWidget(self.suggestions, 2)
        lay.addLayout(row3)

    def retranslate(self) -> None:
        self.new_button.setText(self.tr("New…"))
        self.new_button.setToolTip(self.tr("Add a tag to the vocabulary of this store"))
        self.tag_button.setText(self.tr("Tag"))
        self.tag_button.setToolTip(self.tr("Put the chosen tag on the nodes selected in the outline (Ctrl+T)"))
        self.untag_button.setText(self.tr("Untag"))
        self.untag_button.setToolTip(self.tr("Take the chosen tag off the nodes selected in the outline"))
        self.filter_button.setText(self.tr("Filter Outline"))
        self.filter_button.setToolTip(self.tr("Show only the nodes carrying the chosen tags"))
        self.import_button.setText(self.tr("Import…"))
        self.import_button.setToolTip(self.tr("Add the tags of a vocabulary file"))
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Save the vocabulary to a file, to share it with colleagues"))
        self.accept_button.setText(self.tr("Accept"))
        self.accept_button.setToolTip(self.tr("Tag this entry with the chosen suggestions (double-click does the same)"))
        self.accept_all_button.setText(self.tr("Accept for Selection"))
        self.accept_all_button.setToolTip(self.tr("Tag every node selected in the outline with the chosen suggestions, "
                                                  "as one step"))
        self.reject_button.setText(self.tr("Reject"))
        self.reject_button.setToolTip(self.tr("Do not suggest these for this entry again"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 1)

    def changeEvent(self, e) -> None:  # noqa: N802
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def _context_menu(self, pos) -> None:
        from PySide6.QtWidgets import QMenu

        idx = self.tree.indexAt(pos)
        item = self.model._item(idx) if idx.isValid() else None
        if item is None or item.tag is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Tag Selected Nodes"), lambda: self.tag_requested.emit(item.key))
        menu.addAction(self.tr("Untag Selected Nodes"), lambda: self.untag_requested.emit(item.key))
        menu.addSeparator()
        menu.addAction(self.tr("Rename…"), lambda: self.rename_requested.emit(item.key))
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    # -- vocabulary ---------------------------------------------------------------------

    def load(self, tags: list[dict], counts: dict[int, int]) -> None:
        chosen = self.chosen_tags()
        self.model.load(tags, counts)
        self.tree.expandToDepth(0)
        for tid in chosen:
            self.choose_tag(tid, add=True)

    def chosen_tags(self) -> list[int]:
        out = []
        for idx in self.tree.selectionModel().selectedRows(0):
            tid = idx.data(TagIdRole)
            if tid is not None:
                out.append(tid)
        return out

    def choose_tag(self, tag_id: int, add: bool = False) -> None:
        from PySide6.QtCore import QItemSelectionModel

        idx = self.model.index_for_tag(tag_id)
        if not idx.isValid():
            return
        flags = QItemSelectionModel.SelectionFlag.Rows
        flags |= QItemSelectionModel.SelectionFlag.Select if add else QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.tree.selectionModel().select(idx, flags)
        self.tree.setCurrentIndex(idx) if not add else None
        self.tree.scrollTo(idx)

    def _selection_changed(self) -> None:
        has = bool(self.chosen_tags())
        self.tag_button.setEnabled(has)
        self.untag_button.setEnabled(has)
        if self.filter_button.isChecked():
            self._emit_filter()

    def _emit_filter(self) -> None:
        self.filter_changed.emit(self.chosen_tags() if self.filter_button.isChecked() else [])

    def _emit_for_current(self, signal) -> None:
        for tid in self.chosen_tags():
            signal.emit(tid)

    def _emit_for_index(self, idx: QModelIndex, signal) -> None:
        tid = idx.data(TagIdRole)
        if tid is not None:
            signal.emit(tid)

    # -- suggestions ----------------------------------------------------------------------

    def set_suggestions(self, suggestions: list | None, note: str = "") -> None:
        """Show suggestions (None: none to show, with ``note`` saying why)."""
        self.suggestions.clear()
        for s in suggestions or []:
            color = core_tags.GROUPS.get(s.group, ("", "#888888"))[1]
            item = QListWidgetItem(color_icon(color), visible(f"{s.label}　·　{s.reason}", one_line=True))
            item.setData(Qt.ItemDataRole.UserRole, s)
            item.setToolTip(plain_tooltip(self.tr("%1 — group: %2, score %3").replace("%1", visible(s.label, NAME))
                                          .replace("%2", group_name(s.group)).replace("%3", f"{s.score:.3f}")))
            self.suggestions.addItem(item)
        if suggestions:
            self.suggestions.setCurrentRow(0)
        plain_label(self.suggest_label, note or self.tr("Suggested tags for this entry:"), 3 * NAME)
        on = bool(suggestions)
        for b in (self.accept_button, self.accept_all_button, self.reject_button):
            b.setEnabled(on)

    def chosen_suggestions(self) -> list:
        items = self.suggestions.selectedItems() or ([self.suggestions.currentItem()] if self.suggestions.currentItem()
                                                     else [])
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i is not None]

    def _emit_suggestions(self, to_selection: bool) -> None:
        chosen = self.chosen_suggestions()
        if chosen:
            self.accept_requested.emit(chosen, to_selection)

    def _reject(self) -> None:
        chosen = self.chosen_suggestions()
        if chosen:
            self.reject_requested.emit(chosen)
