"""The session: the one object every widget is given.

It owns the open store, the current volume, the selected node, the undo stack and the
editor's name. Widgets never write to the store themselves: they build an edit (plain data
from ``core.edits``) and call :meth:`Session.apply`, which applies it through the core,
wraps it in an undo command and emits :attr:`Session.changed` with a :class:`ChangeSet`
saying what changed, and who asked (the *initiator*, so that a view need not reload what it
just typed). Undo and redo report ``None`` as the initiator, so every view refreshes.
"""

from __future__ import annotations

from contextlib import nullcontext

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core import edits, queries
from ..core.edits import ChangeSet  # what Session.changed carries; the core computes it
from ..core.errors import StoreLocked, YearbookError
from ..core.queries import volume_title
from ..core.search import TextCache
from ..core.store import Store
from .editor_segments import common_prefix


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text


#: every edit's label key (``Edit.LABEL`` / ``label_key()``), marked for translation here
#: because lupdate reads only the GUI (a test checks that each edit class's key is listed)
EDIT_LABELS = (
    QT_TRANSLATE_NOOP("Session", "Edit text"),
    QT_TRANSLATE_NOOP("Session", "Set review status"),
    QT_TRANSLATE_NOOP("Session", "Several changes"),
    QT_TRANSLATE_NOOP("Session", "Merge paragraphs"),
    QT_TRANSLATE_NOOP("Session", "Split paragraph"),
    QT_TRANSLATE_NOOP("Session", "Move block"),
    QT_TRANSLATE_NOOP("Session", "Change heading level"),
    QT_TRANSLATE_NOOP("Session", "Make entry title"),
    QT_TRANSLATE_NOOP("Session", "Make heading"),
    QT_TRANSLATE_NOOP("Session", "Make paragraph"),
    QT_TRANSLATE_NOOP("Session", "Confirm break"),
    QT_TRANSLATE_NOOP("Session", "Mark as furniture"),
    QT_TRANSLATE_NOOP("Session", "Restore as text"),
    QT_TRANSLATE_NOOP("Session", "Tag “%1”"),
    QT_TRANSLATE_NOOP("Session", "Remove tag “%1”"),
    QT_TRANSLATE_NOOP("Session", "Fix"),
)

#: the stored reason codes (``core.edits.REASON_CODES``), marked for translation
REASON_LABELS = {
    "edit": QT_TRANSLATE_NOOP("Session", "edit"),
    "typing": QT_TRANSLATE_NOOP("Session", "typing"),
    "undo": QT_TRANSLATE_NOOP("Session", "undo"),
    "redo": QT_TRANSLATE_NOOP("Session", "redo"),
    "replace": QT_TRANSLATE_NOOP("Session", "replace"),
    "replace_all": QT_TRANSLATE_NOOP("Session", "replace all"),
    "fix": QT_TRANSLATE_NOOP("Session", "fix from the checks"),
    "fix_all": QT_TRANSLATE_NOOP("Session", "fix all from the checks"),
    "fill_blank": QT_TRANSLATE_NOOP("Session", "fill a blank"),
    "layout": QT_TRANSLATE_NOOP("Session", "layout"),
    "structure": QT_TRANSLATE_NOOP("Session", "structure"),
    "review": QT_TRANSLATE_NOOP("Session", "review status"),
    "tag": QT_TRANSLATE_NOOP("Session", "tag"),
    "untag": QT_TRANSLATE_NOOP("Session", "remove tag"),
    "suggested_tag": QT_TRANSLATE_NOOP("Session", "suggested tag"),
    "restore": QT_TRANSLATE_NOOP("Session", "restore an earlier version"),
    "batch": QT_TRANSLATE_NOOP("Session", "several changes"),
}


def reason_label(reason: str | None) -> str:
    """A stored revision reason as the editor reads it, in the interface language: a code
    translated (its detail after it), the words an older version stored as they were written."""
    code, detail = edits.split_reason(reason)
    if not code:
        return detail
    words = QCoreApplication.translate("Session", REASON_LABELS.get(code, code))
    return f"{words} ({detail})" if detail else words


class EditCommand(QUndoCommand):
    """One applied edit on the undo stack. The edit is applied before the command is
    pushed (so a refused edit never reaches the stack); undo applies the inverse, redo the
    inverse of that. Typing in one block merges into one command (see ``merge_key``)."""

    TYPING_ID = 4711

    def __init__(self, session: Session, edit, inverse, text: str, merge_key=None):
        super().__init__(text)
        self._session = session
        self._redo_edit = edit
        self._undo_edit = inverse
        self._applied = True
        self._merge_key = merge_key

    @property
    def edit(self):
        return self._redo_edit

    def id(self) -> int:  # Qt's name (QUndoCommand.id)
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
        inverse = self._session._apply_now(self._redo_edit, None, "redo")
        if inverse is None:
            self.setObsolete(True)
            return
        self._undo_edit = inverse
        self._applied = True

    def undo(self) -> None:
        inverse = self._session._apply_now(self._undo_edit, None, "undo")
        if inverse is None:
            self.setObsolete(True)
            return
        self._redo_edit = inverse
        self._applied = False


BUSY_WAIT_MS = 400  # how long typing waits for a store another program holds (the window must not freeze)
RETRY_MS = 2000  # then the typing is kept, and saved again this often until the store is free


class _NotSaved(Exception):
    """The store is held by another program: the typing is kept, to be saved when it is free."""


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
    #: after an undo or redo: (a sentence naming it, (block id, offset of the first character it
    #: changed) or None): the window says what was undone and shows the place
    stepped = Signal(str, object)
    #: a passing sentence for the status bar (typing kept while another program holds the store)
    notice = Signal(str)

    def __init__(self, store: Store, author: str, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.author = author
        self.volume_id: int | None = None
        self.node_id: int | None = None
        self.undo_stack = QUndoStack(self)
        self._flushing = False
        self._stepped: list[tuple] | None = None  # (edit, changes) applied by an undo or redo, while it runs
        self._title: tuple[int | None, str] = (None, "")
        #: another instance has the store open: nothing is written (a banner says so)
        self.read_only = False
        #: the volumes' texts in memory for one- and two-character searches
        self.search_cache = TextCache()
        #: typing the store could not take yet (another program held it): block id → (edit, initiator,
        #: reason, undo text, merge key); saved every RETRY_MS, before any other edit, undo or redo
        self._unsaved: dict[int, tuple] = {}
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.save_unsaved)

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
        self._title = (None, "")  # volume ids of another store name other volumes
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
            title = volume_title(self.store, self.volume_id)
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
        """Apply an edit as one undoable step. False (and error_occurred) when refused.

        ``reason`` is a reason code (``core.edits.reasons``: ``replace_all``, ``fix``, …);
        typing (an edit with a ``merge_key``) is ``typing``; otherwise the edit's own code."""
        if merge_key is None:
            self.flush()
        if isinstance(edit, edits.Batch) and not edit.edits:
            return False
        if self.read_only:
            self.error_occurred.emit(self.tr("The store is open read-only (the banner above says why): changes "
                                             "cannot be saved."))
            return False
        code = edits.reason_code(reason) or ("typing" if merge_key is not None else edit.REASON)
        typing = merge_key is not None and isinstance(edit, edits.SetBlockText)
        if typing:
            kept = self._unsaved.pop(edit.block_id, None)
            if kept is not None:  # more typing in a paragraph whose typing is not saved yet: one edit
                edit = edits.SetBlockText(edit.block_id, edit.text, expected=kept[0].expected)
        elif not self._unsaved_first():  # nothing may overtake the kept typing
            return False
        try:
            inverse = self._apply_now(edit, initiator, code, keep=typing)
        except _NotSaved:
            self._unsaved[edit.block_id] = (edit, initiator, code, text or self.describe(edit), merge_key)
            self._retry.start()
            self.notice.emit(self.busy_text())
            return True  # kept: the editor goes on as if it were saved
        if inverse is None or inverse is edit:
            return inverse is not None
        self.undo_stack.push(EditCommand(self, edit, inverse, text or self.describe(edit), merge_key))
        return True

    def busy_text(self) -> str:
        return self.tr("Another program is holding the store: what you typed is kept and saved as soon as it is "
                       "free.")

    def save_unsaved(self) -> bool:
        """Save the typing kept while the store was held by another program (oldest first); True
        when none is left. Each saved edit becomes an undo step, and every pane shows it."""
        saved = False
        for block_id, (edit, initiator, code, text, merge_key) in list(self._unsaved.items()):
            try:  # (the editor that typed it shows it already: told as its own change, it is not reloaded)
                inverse = self._apply_now(edit, initiator, code, keep=True)
            except _NotSaved:
                self._retry.start()
                self.notice.emit(self.busy_text())  # again: the status bar keeps saying it until saved
                return False
            del self._unsaved[block_id]
            saved = True
            if inverse is not None and inverse is not edit:
                self.undo_stack.push(EditCommand(self, edit, inverse, text, merge_key))
        if saved:
            self.notice.emit(self.tr("The typing kept while the store was busy is saved."))
        return True

    def has_unsaved(self) -> bool:
        return bool(self._unsaved)

    def unsaved_text(self, block_id: int) -> str | None:
        """The kept typing of a paragraph (what an editor shows instead of the stored text), or None."""
        kept = self._unsaved.get(block_id)
        return kept[0].text if kept is not None else None

    def _apply_now(self, edit, initiator, reason: str, keep: bool = False):
        """``keep``: a store held by another program raises _NotSaved after a short wait."""
        try:
            with self.store.waiting(BUSY_WAIT_MS) if keep else nullcontext():
                applied = edits.apply_edit(self.store, edit, author=self.author, reason=reason)
        except YearbookError as e:
            if keep and isinstance(e, StoreLocked):
                raise _NotSaved from e
            self.error_occurred.emit(str(e))
            return None
        except ValueError as e:  # an edit the core does not accept (e.g. an unknown kind)
            self.error_occurred.emit(self.tr("This change cannot be made: %1").replace("%1", str(e)))
            return None
        if self._stepped is not None:
            self._stepped.append((edit, applied.changes))
        self.changed.emit(applied.changes, initiator)
        return applied.inverse

    def _unsaved_first(self) -> bool:
        """Save the kept typing before anything else may change the store; False (and why) when it cannot."""
        if self.save_unsaved():
            return True
        self.error_occurred.emit(self.busy_text())
        return False

    def undo(self) -> None:
        self.flush()
        if not self._unsaved_first():
            return
        if self.undo_stack.canUndo():
            self._step(self.undo_stack.undo, self.tr("Undone: %1").replace("%1", self.undo_stack.undoText()))

    def redo(self) -> None:
        self.flush()
        if not self._unsaved_first():
            return
        if self.undo_stack.canRedo():
            self._step(self.undo_stack.redo, self.tr("Redone: %1").replace("%1", self.undo_stack.redoText()))

    def _step(self, step, message: str) -> None:
        """Undo or redo, then show where it happened: the node of what it changed when none of it
        is in the node shown (a fix made in another entry, all like it across the volume), and
        (``stepped``) the first character it changed: an editor sees what Ctrl+Z did."""
        self._stepped = []
        try:
            step()
            done = self._stepped
        finally:
            self._stepped = None
        if not done:
            return  # refused: the error says why
        changes = ChangeSet()
        for _edit, c in done:
            changes = changes | c
        blocks = changes.blocks - changes.deleted
        nodes = queries.block_nodes(self.store, blocks)
        if nodes and self.node_id is not None and self.node_id not in nodes.values():
            self.select_node(nodes[min(nodes)], None)  # as queries.first_node_of_blocks, from the same rows
        place = next(filter(None, (changed_text(e, blocks) for e, _c in done)), None)
        self.stepped.emit(message, place)

    def describe(self, edit) -> str:
        """The undo stack's name for an edit (shown in Edit ▸ Undo …): its label key, translated."""
        label = QCoreApplication.translate("Session", edit.label_key())
        return label.replace("%1", edit.label_arg(self.store)) if "%1" in label else label

    def close(self) -> None:
        self.flush()
        for _block_id, (edit, _initiator, code, _text, _key) in list(self._unsaved.items()):
            self._apply_now(edit, None, code)  # a last try, waiting as long as the store allows
        self._unsaved.clear()
        self.store.close()


def changed_text(edit, blocks) -> tuple[int, int] | None:
    """(block id, offset of the first character that differs) of the first text of one of
    ``blocks`` that ``edit`` sets; None when it sets none (a tag, a status)."""
    if isinstance(edit, edits.SetBlockText):
        if edit.block_id in blocks:
            return edit.block_id, common_prefix(edit.expected or "", edit.text)
        return None
    if isinstance(edit, edits.RestoreFields):
        for v in edit.values:
            if v.target == "block" and v.field == "text" and v.target_id in blocks and isinstance(v.value, str):
                return v.target_id, common_prefix(v.expected if isinstance(v.expected, str) else "", v.value)
        return None
    for inner in (*getattr(edit, "edits", ()), getattr(edit, "edit", None)):
        found = changed_text(inner, blocks) if inner is not None else None
        if found:
            return found
    return None

