"""The outline (类目 → 分目 → 子目 → 条目) as a thin item model with named roles.

Indexes carry the node id (``internalId``); the tree itself is ``core.structure``'s
``OutlineNode`` list, set as a whole when a volume opens. After a structural edit the
re-derived outline is laid over the shown one (:meth:`OutlineModel.update_roots`): only the
rows that moved, came or went are moved, inserted or removed and only the changed cells are
reported, so a filter over the tree re-checks those rows, not the whole volume (a reset under
a filter took 15 s on volume 000).
"""

from __future__ import annotations

from operator import attrgetter

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

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


#: the fields of a node shown in its row (a change is reported as dataChanged)
_SHOWN = ("kind", "title", "line_start", "line_end", "uncertain", "status", "depth", "entries")
_shown_fields = attrgetter(*_SHOWN)


class OutlineModel(QAbstractItemModel):
    #: titles, kinds or the tree's shape changed (what a filter matches); after the rows' own signals
    outline_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._roots: list[OutlineNode] = []
        self._by_id: dict[int, OutlineNode] = {}
        self._row: dict[int, int] = {}
        self.findings: dict[int, int] = {}
        self.tags: dict[int, list[tuple[int, str, str]]] = {}
        #: grows whenever what a filter matches may have changed (titles, kinds, shape)
        self.generation = 0

    # -- loading ----------------------------------------------------------------------

    def set_roots(self, roots: list[OutlineNode]) -> None:
        self.beginResetModel()
        self._roots = roots
        self._by_id = {}
        self._row = {}
        self._register(roots)
        self.generation += 1
        self.endResetModel()
        self.outline_changed.emit()

    def _register(self, nodes: list[OutlineNode]) -> None:
        for i, r in enumerate(nodes):
            self._row[r.id] = i
        for n in walk(nodes):
            self._by_id[n.id] = n
            for i, c in enumerate(n.children):
                self._row[c.id] = i

    def update_roots(self, roots: list[OutlineNode]) -> set[int]:
        """Lay the re-derived outline over the shown one, row by row: nodes gone or under another
        parent are removed (with their subtrees), the rest moved into the new order, new ones
        inserted (with theirs); kept nodes take the new fields and report the changed ones.
        Returns the ids of the inserted nodes (subtrees included)."""
        parents = {n.id: None for n in roots}
        for n in walk(roots):
            parents.update((c.id, n.id) for c in n.children)
        self._remove_moved(parents)
        inserted: set[int] = set()
        changed: list[int] = []
        self._sync_children(None, roots, inserted, changed)
        for node_id in changed:
            self.dataChanged.emit(self.index_for(node_id, 0), self.index_for(node_id, self.columnCount() - 1))
        self.generation += 1
        self.outline_changed.emit()
        return inserted

    def _remove_moved(self, parents: dict[int, int | None]) -> None:
        """Remove (from the last row up) every node that is gone or has another parent now."""
        stack: list[OutlineNode | None] = [None]
        while stack:
            parent = stack.pop()
            rows = self._roots if parent is None else parent.children
            pid = None if parent is None else parent.id
            for row in range(len(rows) - 1, -1, -1):
                node = rows[row]
                if node.id in parents and parents[node.id] == pid:
                    stack.append(node)
                    continue
                self.beginRemoveRows(self._parent_index(pid), row, row)
                del rows[row]
                for n in walk([node]):
                    self._by_id.pop(n.id, None)
                    self._row.pop(n.id, None)
                self._renumber(rows, row)
                self.endRemoveRows()

    def _sync_children(self, parent: OutlineNode | None, wanted: list[OutlineNode], inserted: set[int],
                       changed: list[int]) -> None:
        rows = self._roots if parent is None else parent.children
        pidx = self._parent_index(None if parent is None else parent.id)
        for i, new in enumerate(wanted):
            if i < len(rows) and rows[i].id == new.id:
                pass
            elif new.id in self._by_id:  # a kept node further down the same parent: move it up here
                j = next(k for k in range(i + 1, len(rows)) if rows[k].id == new.id)
                self.beginMoveRows(pidx, j, j, pidx, i)
                rows.insert(i, rows.pop(j))
                self._renumber(rows, i)
                self.endMoveRows()
            else:  # new here (its whole subtree is new to the model too)
                self.beginInsertRows(pidx, i, i)
                rows.insert(i, new)
                self._register([new])
                self._renumber(rows, i)
                self.endInsertRows()
                inserted.update(n.id for n in walk([new]))
                continue
            node = rows[i]
            if _shown_fields(node) != _shown_fields(new):
                for f in _SHOWN:
                    setattr(node, f, getattr(new, f))
                changed.append(node.id)
            node.parent_id = new.parent_id
            self._sync_children(node, new.children, inserted, changed)

    def _renumber(self, rows: list[OutlineNode], start: int) -> None:
        for k in range(start, len(rows)):
            self._row[rows[k].id] = k

    def _parent_index(self, parent_id: int | None) -> QModelIndex:
        return QModelIndex() if parent_id is None else self.index_for(parent_id)

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
            old, self.tags = self.tags, {k: v for k, v in tags.items() if v}
            changed = [n for n in set(old) | set(self.tags) if old.get(n) != self.tags.get(n) and n in self._by_id]
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
        renamed = title is not None and title != node.title
        if renamed:
            node.title = title
            self.generation += 1
        if status is not None:
            node.status = status
        self.dataChanged.emit(self.index_for(node_id, 0), self.index_for(node_id, self.columnCount() - 1))
        if renamed:
            self.outline_changed.emit()

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


_KIND_LABELS = {
    "front": QT_TRANSLATE_NOOP("Outline", "Front matter"),
    "category": QT_TRANSLATE_NOOP("Outline", "Category"),
    "division": QT_TRANSLATE_NOOP("Outline", "Division"),
    "subdivision": QT_TRANSLATE_NOOP("Outline", "Subdivision"),
    "entry": QT_TRANSLATE_NOOP("Outline", "Entry"),
    "document": QT_TRANSLATE_NOOP("Outline", "Document"),
    "section": QT_TRANSLATE_NOOP("Outline", "Section"),
}


def kind_label(kind: str) -> str:
    """The kind's name in the interface language (only that one looked up: the filter asks often)."""
    return QCoreApplication.translate("Outline", _KIND_LABELS[kind]) if kind in _KIND_LABELS else kind


def status_label(status: str) -> str:
    labels = {
        "unreviewed": QCoreApplication.translate("Outline", "Unreviewed"),
        "checked": QCoreApplication.translate("Outline", "Checked"),
        "approved": QCoreApplication.translate("Outline", "Approved"),
    }
    return labels.get(status, status)


class OutlineFilterModel(QSortFilterProxyModel):
    """Filter by title (and kind name); a match keeps its ancestors visible.

    Which nodes are shown is worked out once per change of the outline or the filter (one walk
    of the tree: a node is shown when it matches or something under it does), so asking about a
    row is a set lookup; Qt's recursive filtering instead walked the whole subtree of every
    changed row through Python (212,000 calls for one merge on volume 000)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.node_ids: set[int] | None = None  # only these nodes (the tag filter); None: all
        self.text = ""
        self._ids_version = 0  # grows with each tag filter
        self._key: tuple | None = None
        self._shown: set[int] = set()

    def setSourceModel(self, model) -> None:  # noqa: N802
        super().setSourceModel(model)
        model.outline_changed.connect(self.follow_outline)

    def setFilterFixedString(self, text: str) -> None:  # noqa: N802
        self.text = text
        super().setFilterFixedString(text)

    def set_node_ids(self, node_ids) -> None:
        self.beginFilterChange()
        self.node_ids = set(node_ids) if node_ids is not None else None
        self._ids_version += 1
        self.endFilterChange()

    def filtering(self) -> bool:
        return bool(self.text) or self.node_ids is not None

    def retranslate(self) -> None:
        """The kind names the filter matches are in the interface language."""
        self.follow_outline(force=True)

    def follow_outline(self, force: bool = False) -> None:
        """The outline changed: re-filter only when the set of shown nodes did (the changed rows
        themselves the proxy has re-checked already)."""
        if not self.filtering():
            return
        before = set(self._shown)
        if force:
            self._key = None
        if self.shown_ids() != before:
            self.beginFilterChange()
            self.endFilterChange()

    def shown_ids(self) -> set[int]:
        model = self.sourceModel()
        key = (model.generation, self.text, self._ids_version, self.filterCaseSensitivity())
        if key != self._key:
            self._key = key
            self._shown = self._compute_shown(model)
        return self._shown

    def _compute_shown(self, model: OutlineModel) -> set[int]:
        sensitive = self.filterCaseSensitivity() == Qt.CaseSensitivity.CaseSensitive
        text = self.text if sensitive else self.text.casefold()
        labels = {k: kind_label(k) for k in _KIND_LABELS}
        shown: set[int] = set()
        for n in reversed(list(model.nodes())):  # children before their parents
            if any(c.id in shown for c in n.children):
                shown.add(n.id)
                continue
            if self.node_ids is not None and n.id not in self.node_ids:
                continue
            title = f"{labels.get(n.kind, n.kind)} {n.title}"
            if text in (title if sensitive else title.casefold()):
                shown.add(n.id)
        return shown

    def filterAcceptsRow(self, row: int, parent) -> bool:  # noqa: N802
        if not self.filtering():
            return True
        return self.sourceModel().index(row, 0, parent).internalId() in self.shown_ids()
