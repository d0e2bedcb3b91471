"""The outline (类目 → 分目 → 子目 → 条目) as a thin item model with named roles.

Indexes carry the node id (``internalId``); the tree itself is ``core.structure``'s
``OutlineNode`` list, reloaded as a whole after a structural edit (cheap: one query) and
updated row by row after a title or status change.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QByteArray, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from ..core.structure import OutlineNode, walk
from . import assets
from .plain import NAME, plain_tooltip, visible

NodeIdRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2
StatusRole = Qt.ItemDataRole.UserRole + 3
UncertainRole = Qt.ItemDataRole.UserRole + 4
EntryCountRole = Qt.ItemDataRole.UserRole + 5
LineStartRole = Qt.ItemDataRole.UserRole + 6
LineEndRole = Qt.ItemDataRole.UserRole + 7
FindingsRole = Qt.ItemDataRole.UserRole + 8  # number of open findings (checks come later)
TitleRole = Qt.ItemDataRole.UserRole + 9
TagsRole = Qt.ItemDataRole.UserRole + 10  # [(tag id, name, colour)] of the node's tags

COL_TITLE, COL_ENTRIES, COL_STATUS, COL_FINDINGS, COL_TAGS = range(5)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

_ROLE_NAMES = {
    NodeIdRole: b"nodeId",
    KindRole: b"kind",
    StatusRole: b"status",
    UncertainRole: b"uncertain",
    EntryCountRole: b"entryCount",
    LineStartRole: b"lineStart",
    LineEndRole: b"lineEnd",
    FindingsRole: b"findings",
    TitleRole: b"title",
    TagsRole: b"tags",
}


class OutlineModel(QAbstractItemModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._roots: list[OutlineNode] = []
        self._by_id: dict[int, OutlineNode] = {}
        self._row: dict[int, int] = {}
        self.findings: dict[int, int] = {}
        self.tags: dict[int, list[tuple[int, str, str]]] = {}

    # -- loading ----------------------------------------------------------------------

    def set_roots(self, roots: list[OutlineNode]) -> None:
        self.beginResetModel()
        self._roots = roots
        self._by_id = {}
        self._row = {}
        for i, r in enumerate(roots):
            self._row[r.id] = i
        for n in walk(roots):
            self._by_id[n.id] = n
            for i, c in enumerate(n.children):
                self._row[c.id] = i
        self.endResetModel()

    def node(self, node_id: int) -> OutlineNode | None:
        return self._by_id.get(node_id)

    def nodes(self):
        return walk(self._roots)

    def node_ids(self) -> list[int]:
        return list(self._by_id)

    def index_for(self, node_id: int, column: int = 0) -> QModelIndex:
        if node_id not in self._by_id:
            return QModelIndex()
        return self.createIndex(self._row[node_id], column, node_id)

    def set_findings(self, counts: dict[int, int]) -> None:
        """Open findings per node (its own); each node shows the total of its subtree."""
        totals: dict[int, int] = {}
        for n in reversed(list(walk(self._roots))):  # children before parents
            totals[n.id] = counts.get(n.id, 0) + sum(totals.get(c.id, 0) for c in n.children)
        old, self.findings = self.findings, {k: v for k, v in totals.items() if v}
        for node_id in set(old) | set(self.findings):  # a range must share its parent: one cell each
            if old.get(node_id) != self.findings.get(node_id) and node_id in self._by_id:
                idx = self.index_for(node_id, COL_FINDINGS)
                self.dataChanged.emit(idx, idx)

    def set_tags(self, tags: dict[int, list[tuple[int, str, str]]], node_ids=None) -> None:
        """Tags per node ((id, name, colour)); ``node_ids``: only these changed."""
        if node_ids is None:
            self.tags = {k: v for k, v in tags.items() if v}
            changed = list(self._by_id)
        else:
            for nid in node_ids:
                if tags.get(nid):
                    self.tags[nid] = tags[nid]
                else:
                    self.tags.pop(nid, None)
            changed = [n for n in node_ids if n in self._by_id]
        for nid in changed:
            idx = self.index_for(nid, COL_TAGS)
            self.dataChanged.emit(idx, idx)

    def update_node(self, node_id: int, *, title: str | None = None, status: str | None = None) -> None:
        node = self._by_id.get(node_id)
        if node is None:
            return
        if title is not None:
            node.title = title
        if status is not None:
            node.status = status
        self.dataChanged.emit(self.index_for(node_id, 0), self.index_for(node_id, self.columnCount() - 1))

    def status_counts(self) -> dict[str, int]:
        counts = {"unreviewed": 0, "checked": 0, "approved": 0}
        for n in self._by_id.values():
            counts[n.status] = counts.get(n.status, 0) + 1
        return counts

    # -- QAbstractItemModel -----------------------------------------------------------

    def _node_of(self, index: QModelIndex) -> OutlineNode | None:
        if not index.isValid():
            return None
        return self._by_id.get(index.internalId())

    def _children(self, parent: QModelIndex) -> list[OutlineNode]:
        if not parent.isValid():
            return self._roots
        node = self._node_of(parent)
        return node.children if node is not None and parent.column() == 0 else []

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        children = self._children(parent)
        if not (0 <= row < len(children)) or not (0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column, children[row].id)

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        node = self._node_of(index)
        if node is None or node.parent_id is None or node.parent_id not in self._by_id:
            return QModelIndex()
        return self.createIndex(self._row[node.parent_id], 0, node.parent_id)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return len(self._children(parent))

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 5

    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: N802
        return bool(self._children(parent))

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Outline"), self.tr("Entries"), self.tr("Status"), self.tr("Findings"), self.tr("Tags")][section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return [
                self.tr("Categories, divisions, subdivisions and entries"),
                self.tr("Entries under this node"),
                self.tr("Review status (Ctrl+1/2/3)"),
                self.tr("Open findings of the checks"),
                self.tr("Tags of this node"),
            ][section]
        return None

    def roleNames(self) -> dict[int, QByteArray]:  # noqa: N802
        names = super().roleNames()
        for role, name in _ROLE_NAMES.items():
            names[role] = QByteArray(name)
        return names

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        node = self._node_of(index)
        if node is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(node, col)
        if role == Qt.ItemDataRole.DecorationRole:
            if col == COL_TITLE and node.uncertain:
                return assets.uncertain_icon()
            if col == COL_STATUS:
                return assets.status_icon(node.status)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_ENTRIES, COL_FINDINGS):
            return _RIGHT
        if role < NodeIdRole:
            return None
        return self._named(node, role)

    def _named(self, node: OutlineNode, role: int):
        if role == NodeIdRole:
            return node.id
        if role == KindRole:
            return node.kind
        if role == StatusRole:
            return node.status
        if role == UncertainRole:
            return node.uncertain
        if role == EntryCountRole:
            return node.entries
        if role == LineStartRole:
            return node.line_start
        if role == LineEndRole:
            return node.line_end
        if role == FindingsRole:
            return self.findings.get(node.id, 0)
        if role == TitleRole:
            return f"{kind_label(node.kind)} {node.title}"
        if role == TagsRole:
            return self.tags.get(node.id, [])
        return None

    def _display(self, node: OutlineNode, col: int):
        if col == COL_TITLE:
            return visible(node.title, one_line=True) or self.tr("(untitled)")
        if col == COL_ENTRIES:
            return str(node.entries) if node.entries and node.kind != "entry" else ""
        if col == COL_STATUS:
            return status_label(node.status)
        if col == COL_FINDINGS:
            n = self.findings.get(node.id, 0)
            return str(n) if n else ""
        if col == COL_TAGS:
            return visible("、".join(name for _id, name, _c in self.tags.get(node.id, [])), one_line=True)
        return None

    def _tooltip(self, node: OutlineNode) -> str:
        text = self.tr("%1 · lines %2–%3").replace("%1", kind_label(node.kind))
        text = text.replace("%2", str(node.line_start)).replace("%3", str(node.line_end))
        if node.uncertain:
            text += "\n" + self.tr("The level or kind of this node is a guess: please confirm.")
        if self.tags.get(node.id):
            names = "、".join(visible(n, NAME) for _i, n, _c in self.tags[node.id])
            text += "\n" + self.tr("Tags: %1").replace("%1", names)
        return plain_tooltip(text)  # tag names are content: never HTML


def kind_label(kind: str) -> str:
    from PySide6.QtCore import QCoreApplication

    labels = {
        "front": QCoreApplication.translate("Outline", "Front matter"),
        "category": QCoreApplication.translate("Outline", "Category"),
        "division": QCoreApplication.translate("Outline", "Division"),
        "subdivision": QCoreApplication.translate("Outline", "Subdivision"),
        "entry": QCoreApplication.translate("Outline", "Entry"),
        "document": QCoreApplication.translate("Outline", "Document"),
        "section": QCoreApplication.translate("Outline", "Section"),
    }
    return labels.get(kind, kind)


def status_label(status: str) -> str:
    from PySide6.QtCore import QCoreApplication

    labels = {
        "unreviewed": QCoreApplication.translate("Outline", "Unreviewed"),
        "checked": QCoreApplication.translate("Outline", "Checked"),
        "approved": QCoreApplication.translate("Outline", "Approved"),
    }
    return labels.get(status, status)


class OutlineFilterModel(QSortFilterProxyModel):
    """Filter by title (and kind name); a match keeps its ancestors visible."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterRole(TitleRole)
        self.setFilterKeyColumn(COL_TITLE)
        self.node_ids: set[int] | None = None  # only these nodes (the tag filter); None: all

    def set_node_ids(self, node_ids) -> None:
        self.beginFilterChange() if hasattr(self, "beginFilterChange") else None
        self.node_ids = set(node_ids) if node_ids is not None else None
        self.invalidateFilter() if not hasattr(self, "endFilterChange") else self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent) -> bool:  # noqa: N802
        if self.node_ids is not None:
            idx = self.sourceModel().index(row, 0, parent)
            if idx.data(NodeIdRole) not in self.node_ids:
                return False
        return super().filterAcceptsRow(row, parent)
