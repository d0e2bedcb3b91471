"""The session: the one object every widget is given.

It owns the open store, the current volume, the selected node, the undo stack and the
editor's name. Widgets never write to the store themselves: they build an edit (plain data
from ``core.edits``) and call :meth:`Session.apply`, which applies it through the core,
wraps it in an undo command and emits :attr:`Session.changed` with a :class:`ChangeSet`
saying what changed, and who asked (the *initiator*, so that a view need not reload what it
just typed). Undo and redo report ``None`` as the initiator, so every view refreshes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core import edits
from ..core.errors import YearbookError
from ..core.search import TextCache
from ..core.store import Store

#: field names that point at blocks in edits
_BLOCK_FIELDS = ("block_id", "first_id", "second_id", "after_id")
#: edits that re-derive the outline (the core recomputes it in the same transaction)
_STRUCTURAL = (
    "MergeBlocks",
    "SplitBlock",
    "MoveBlock",
    "ShiftNodeDepth",
    "MakeEntryTitle",
    "MakeHeading",
    "MakeParagraph",
)


@dataclass(frozen=True)
class ChangeSet:
    """What an applied edit (or its undo) changed, so each view refreshes only that."""

    blocks: frozenset[int] = frozenset()  # text or kind of these blocks changed
    nodes: frozenset[int] = frozenset()  # title or status of these nodes changed
    kinds: frozenset[int] = frozenset()  # blocks whose kind changed (furniture ↔ text)
    statuses: bool = False  # review statuses changed (progress figures)
    structure: bool = False  # the outline was recomputed (reload the tree)
    extra: dict = field(default_factory=dict, compare=False)
    tags: frozenset[int] = frozenset()  # nodes whose tags changed

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(
            self.blocks | other.blocks,
            self.nodes | other.nodes,
            self.kinds | other.kinds,
            self.statuses or other.statuses,
            self.structure or other.structure,
            tags=self.tags | other.tags,
        )


def is_structural(edit) -> bool:
    return type(edit).__name__ in _STRUCTURAL


def _titled_nodes(store: Store, blocks) -> frozenset[int]:
    if not blocks:
        return frozenset()
    ids = tuple(blocks)
    marks = ",".join("?" * len(ids))
    return frozenset(r["id"] for r in store.query(f"SELECT id FROM nodes WHERE title_block_id IN ({marks})", ids))


def change_set_for(store: Store, edit) -> ChangeSet:
    """What applying ``edit`` changed (its inverse is described the same way)."""
    if isinstance(edit, edits.Batch):
        out = ChangeSet()
        for sub in edit.edits:
            out = out | change_set_for(store, sub)
        return out
    if isinstance(edit, edits.SetNodeStatus):
        return ChangeSet(nodes=frozenset({edit.node_id}), statuses=True)
    if type(edit).__name__ in ("TagNodes", "UntagNodes"):
        return ChangeSet(tags=frozenset(edit.node_ids))
    if type(edit).__name__ == "RestoreFields":
        return _restore_change_set(store, edit)
    blocks = frozenset(getattr(edit, f) for f in _BLOCK_FIELDS if getattr(edit, f, None) is not None)
    titled = _titled_nodes(store, blocks)
    if isinstance(edit, edits.SetBlockText):
        return ChangeSet(blocks=blocks, nodes=titled)
    if isinstance(edit, edits.SetBlockKind):  # furniture ↔ text moves node spans: the outline is re-derived
        return ChangeSet(blocks=blocks, nodes=titled, kinds=blocks, structure=True)
    if type(edit).__name__ == "ConfirmBreak":
        return ChangeSet(blocks=blocks)
    node = getattr(edit, "node_id", None)
    nodes = titled | ({node} if node is not None else set())
    return ChangeSet(blocks=blocks, nodes=frozenset(nodes), kinds=blocks, structure=True)


def _restore_change_set(store: Store, edit) -> ChangeSet:
    structural = getattr(edits, "STRUCTURAL", set())
    blocks = frozenset(v.target_id for v in edit.values if v.target == "block")
    nodes = frozenset(v.target_id for v in edit.values if v.target == "node")
    return ChangeSet(
        blocks=blocks,
        nodes=nodes | _titled_nodes(store, blocks),
        kinds=frozenset(v.target_id for v in edit.values if v.target == "block" and v.field == "kind"),
        statuses=any(v.target == "node" and v.field == "status" for v in edit.values),
        structure=any((v.target, v.field) in structural or v.field in ("created", "deleted") for v in edit.values),
    )


class EditCommand(QUndoCommand):
    """One applied edit on the undo stack. The edit is applied before the command is
    pushed (so a refused edit never reaches the stack); undo applies the inverse, redo the
    inverse of that. Typing in one block merges into one command (see ``merge_key``)."""

    TYPING_ID = 4711

    def __init__(self, session: Session, edit, inverse, text: str, merge_key=None, reason: str = ""):
        super().__init__(text)
        self._session = session
        self._redo_edit = edit
        self._undo_edit = inverse
        self._applied = True
        self._merge_key = merge_key
        self._reason = reason

    @property
    def edit(self):
        return self._redo_edit

    def id(self) -> int:  # noqa: A003 - Qt's name
        return self.TYPING_ID if self._merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, EditCommand) or other._merge_key != self._merge_key or self._merge_key is None:
            return False
        a, b = self._undo_edit, other._undo_edit
        if not (isinstance(a, edits.SetBlockText) and isinstance(b, edits.SetBlockText) and a.block_id == b.block_id):
            return False
        self._redo_edit = other._redo_edit
        self._undo_edit = edits.SetBlockText(a.block_id, a.text, expected=b.expected)
        return True

    def redo(self) -> None:
        if self._applied:
            return
        inverse = self._session._apply_now(self._redo_edit, None, self._reason_for("redo"))
        if inverse is None:
            self.setObsolete(True)
            return
        self._undo_edit = inverse
        self._applied = True

    def undo(self) -> None:
        inverse = self._session._apply_now(self._undo_edit, None, self._reason_for("undo"))
        if inverse is None:
            self.setObsolete(True)
            return
        self._redo_edit = inverse
        self._applied = False

    def _reason_for(self, what: str) -> str:
        return f"{what}: {self.text()}"


class Session(QObject):
    #: (ChangeSet, initiator) after every applied edit, undo and redo
    changed = Signal(object, object)
    #: a volume was opened (its id)
    volume_changed = Signal(int)
    #: (node id, initiator): the node shown in every pane
    node_selected = Signal(int, object)
    #: editors must write pending typing now (before an undo, a structural edit, closing)
    flush_requested = Signal()
    #: a sentence to show the editor (an edit was refused, the store failed …)
    error_occurred = Signal(str)

    def __init__(self, store: Store, author: str, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.author = author
        self.volume_id: int | None = None
        self.node_id: int | None = None
        self.undo_stack = QUndoStack(self)
        self._flushing = False
        self._title: tuple[int | None, str] = (None, "")
        #: another instance has the store open: nothing is written (a banner says so)
        self.read_only = False
        #: the volumes' texts in memory for one- and two-character searches
        self.search_cache = TextCache()

    # -- volume and selection ---------------------------------------------------------

    def open_volume(self, volume_id: int) -> None:
        self.flush()
        self.undo_stack.clear()
        self.volume_id = volume_id
        self.node_id = None
        self.volume_changed.emit(volume_id)

    def replace_store(self, store: Store) -> None:
        """Switch to another store file (the old one is closed; undo history ends here)."""
        self.flush()
        self.undo_stack.clear()
        old, self.store = self.store, store
        self.search_cache = TextCache()
        self.volume_id = None
        self.node_id = None
        if old is not store:
            old.close()

    def select_node(self, node_id: int | None, initiator=None) -> None:
        if node_id is None or node_id == self.node_id:
            return
        self.flush()
        self.node_id = node_id
        self.node_selected.emit(node_id, initiator)

    def volume_title(self) -> str:
        if self.volume_id is None:
            return ""
        if self._title[0] != self.volume_id:
            title = self.store.scalar("SELECT title FROM volumes WHERE id = ?", (self.volume_id,)) or ""
            self._title = (self.volume_id, title)
        return self._title[1]

    # -- edits ------------------------------------------------------------------------

    def flush(self) -> None:
        """Ask every editor to write its pending typing now."""
        if self._flushing:
            return
        self._flushing = True
        try:
            self.flush_requested.emit()
        finally:
            self._flushing = False

    def apply(self, edit, initiator=None, *, text: str = "", reason: str = "", merge_key=None) -> bool:
        """Apply an edit as one undoable step. False (and error_occurred) when refused."""
        if merge_key is None:
            self.flush()
        if isinstance(edit, edits.Batch) and not edit.edits:
            return False
        if self.read_only:
            self.error_occurred.emit(self.tr("The store is open read-only (another window of the program is using "
                                             "it): changes cannot be saved."))
            return False
        inverse = self._apply_now(edit, initiator, reason or text)
        if inverse is None or inverse is edit:
            return inverse is not None
        self.undo_stack.push(EditCommand(self, edit, inverse, text or self.describe(edit), merge_key, reason))
        return True

    def _apply_now(self, edit, initiator, reason: str):
        try:
            inverse = edits.apply_edit(self.store, edit, author=self.author, reason=reason)
        except YearbookError as e:
            self.error_occurred.emit(str(e))
            return None
        except ValueError as e:  # an edit the core does not accept (e.g. an unknown kind)
            self.error_occurred.emit(self.tr("This change cannot be made: %1").replace("%1", str(e)))
            return None
        self.changed.emit(change_set_for(self.store, edit), initiator)
        return inverse

    def undo(self) -> None:
        self.flush()
        self.undo_stack.undo()

    def redo(self) -> None:
        self.flush()
        self.undo_stack.redo()

    def describe(self, edit) -> str:
        """The undo stack's name for an edit (shown in Edit ▸ Undo …)."""
        name = type(edit).__name__
        if isinstance(edit, edits.Batch) and edit.label:
            return edit.label
        if isinstance(edit, edits.SetBlockKind):
            return self.tr("Mark as furniture") if edit.kind == "noise" else self.tr("Restore as text")
        if name in ("TagNodes", "UntagNodes"):
            from ..core.tags import find_tag

            tag = find_tag(self.store, str(edit.tag_id))
            label = tag["path"] if tag else str(edit.tag_id)
            return (self.tr("Tag “%1”") if name == "TagNodes" else self.tr("Remove tag “%1”")).replace("%1", label)
        names = {
            "SetBlockText": self.tr("Edit text"),
            "SetNodeStatus": self.tr("Set review status"),
            "Batch": self.tr("Several changes"),
            "MergeBlocks": self.tr("Merge paragraphs"),
            "SplitBlock": self.tr("Split paragraph"),
            "MoveBlock": self.tr("Move block"),
            "ShiftNodeDepth": self.tr("Change heading level"),
            "MakeEntryTitle": self.tr("Make entry title"),
            "MakeParagraph": self.tr("Make paragraph"),
            "ConfirmBreak": self.tr("Confirm break"),
        }
        return names.get(name, name)

    def close(self) -> None:
        self.flush()
        self.store.close()
