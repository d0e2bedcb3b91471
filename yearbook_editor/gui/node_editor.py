"""The corrected view of the selected node, editable in place.

One QTextEdit shows the node's own blocks as they will be exported: a heading on its own
line, an entry's 【title】 at the start of its first paragraph, rows one per line; furniture
inside the node is shown dimmed and struck through, read-only. A list of *segments* maps
document ranges to store blocks; every keystroke lands in exactly one segment (input that
would cross segments is refused), and the typed text is written as a ``SetBlockText``
revision after a short pause, when the cursor leaves the block or when focus leaves the
editor. Enter splits a paragraph at the cursor, Backspace at its start merges it with the
previous one, Delete at its end with the next.

Parts in their own modules: the segments and their text arithmetic (``editor_segments``),
the guarded input (``editor_input``), the findings' underlines (``editor_findings``), the
panel with the header and tag chips (``editor_panel``).

Text from the volume is only ever inserted as plain text (``QTextCursor.insertText``), so a
volume containing ``<b>`` shows it literally.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QTextEdit

from ..core import edits
from ..core.structure import node_blocks
from . import fonts
from .editor_findings import FindingUnderlines
from .editor_input import GuardedInput
from .editor_segments import Segment, block_texts, common_prefix, common_suffix, units

AUTOSAVE_MS = 700  # a pause in typing this long writes the revision
MAX_UNSAVED_MS = 800  # typing without a pause is written at least this often (a crash loses under a second)
UNCERTAIN_BACKGROUND = QColor("#fff4d6")
NOISE_COLOR = QColor("#a0a0a0")


class NodeEditor(GuardedInput, FindingUnderlines, QTextEdit):
    """The editable corrected text of one node."""

    #: a short message for the status bar (e.g. why a key was refused)
    message = Signal(str)
    #: right-click on an underlined finding: fix it / fix all like it / set its status
    fix_requested = Signal(object)
    fix_all_requested = Signal(object)
    ignore_all_requested = Signal(object)
    finding_status_requested = Signal(object, str)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("nodeEditor")
        self.session = session
        self.node_id: int | None = None
        self._segs: list[Segment] = []
        self._line_cache: list[str] = [""]
        self._loading = False
        self._typing_token = 0
        self._last_block: int | None = None
        self.extra_actions: list = []
        #: callable(node_id) -> open findings of the node (set by the window); underlined
        self.findings_source = None
        self._underlined: list = []  # (finding, QTextCursor over its place)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setAcceptDrops(False)
        self.setFont(fonts.make_font("serif", 12))
        self.setTabChangesFocus(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)
        self._max_age = QTimer(self)  # started by the first unsaved change, not restarted by the next ones
        self._max_age.setSingleShot(True)
        self._max_age.setInterval(MAX_UNSAVED_MS)
        self._max_age.timeout.connect(self.flush)
        self.document().contentsChange.connect(self._on_contents_change)
        self.cursorPositionChanged.connect(self._on_cursor_moved)
        session.flush_requested.connect(self.flush)
        session.changed.connect(self._on_session_changed)
        self._formats = self._make_formats()

    # -- loading ----------------------------------------------------------------------

    def _make_formats(self) -> dict[str, QTextCharFormat]:
        base = QTextCharFormat()
        heading = QTextCharFormat()
        heading.setFontWeight(QFont.Weight.Bold)
        heading.setFontPointSize(self.font().pointSizeF() * 1.25)
        heading.setFontFamilies(fonts.families("sans"))
        title = QTextCharFormat()
        title.setFontWeight(QFont.Weight.Bold)
        title.setFontFamilies(fonts.families("sans"))
        noise = QTextCharFormat()
        noise.setForeground(NOISE_COLOR)
        noise.setFontStrikeOut(True)
        noise.setFontPointSize(self.font().pointSizeF() * 0.85)
        return {"paragraph": base, "heading": heading, "entry_title": title, "row": base, "noise": noise,
                "sep": base}

    def load(self, node_id: int | None) -> None:
        """Show a node's own blocks (flushing any pending typing first)."""
        self.flush()
        self.node_id = node_id
        blocks = node_blocks(self.session.store, node_id) if node_id is not None else []
        for b in blocks:  # typing kept while another program held the store shows as typed
            kept = self.session.unsaved_text(b["id"])
            if kept is not None:
                b["text"] = kept
        self._render(blocks)

    def reload(self, keep_cursor: bool = True) -> None:
        pos = self.textCursor().position()
        bar = self.verticalScrollBar().value()
        self.load(self.node_id)
        if keep_cursor:
            c = self.textCursor()
            c.setPosition(min(pos, max(0, self.document().characterCount() - 1)))
            self._loading = True
            self.setTextCursor(c)
            self._loading = False
            self.verticalScrollBar().setValue(bar)

    def _lines(self, blocks: list[dict]) -> list[list[dict]]:
        """Blocks grouped into display lines: an entry title and its first paragraph share one."""
        lines: list[list[dict]] = []
        i = 0
        while i < len(blocks):
            b = blocks[i]
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if b["kind"] == "entry_title" and nxt is not None and nxt["kind"] == "paragraph":
                lines.append([b, nxt])
                i += 2
            else:
                lines.append([b])
                i += 1
        return lines

    def _block_format(self, line: list[dict]) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setBottomMargin(8)
        first = line[-1]
        if first["kind"] in ("paragraph",) or len(line) == 2:
            fmt.setTextIndent(self.fontMetrics().horizontalAdvance("国") * 2)
        if first["kind"] == "heading":
            fmt.setTopMargin(4)
        if any(b["uncertain"] for b in line):
            fmt.setBackground(UNCERTAIN_BACKGROUND)
        return fmt

    def _render(self, blocks: list[dict]) -> None:
        self._loading = True
        self._segs = []
        doc: QTextDocument = self.document()
        self.setUpdatesEnabled(False)
        try:
            doc.clear()
            cursor = QTextCursor(doc)
            cursor.beginEditBlock()
            for n, line in enumerate(self._lines(blocks)):
                if n:
                    cursor.insertBlock(self._block_format(line))
                else:
                    cursor.setBlockFormat(self._block_format(line))
                for k, b in enumerate(line):
                    if k:
                        self._insert(cursor, None, "sep", " ", False, "")
                    kind = b["kind"]
                    self._insert(cursor, b["id"], kind, b["text"], kind != "noise", b["text"], bool(b["uncertain"]))
            cursor.endEditBlock()
            self._line_cache = block_texts(doc)
            self.setTextCursor(QTextCursor(doc))
            self._last_block = self._segs[0].block_id if self._segs else None
        finally:
            self.setUpdatesEnabled(True)
            self._loading = False
        self.setReadOnly(not any(s.editable for s in self._segs) or self.session.read_only)
        self.underline_findings()

    def _insert(self, cursor: QTextCursor, block_id, kind: str, text: str, editable: bool, stored: str,
                uncertain: bool = False) -> None:
        start = cursor.position()
        cursor.insertText(text, self._formats.get(kind, self._formats["paragraph"]))
        self._segs.append(Segment(block_id, kind, start, cursor.position() - start, editable, stored, uncertain))

    # -- segments ---------------------------------------------------------------------

    def segments(self) -> list[Segment]:
        return list(self._segs)

    def segment_for(self, start: int, end: int | None = None) -> Segment | None:
        """The editable segment holding the document range [start, end] (None: crosses or fixed)."""
        end = start if end is None else end
        for s in self._segs:
            if s.editable and s.start <= start and end <= s.end:
                return s
        return None

    def segment_text(self, seg: Segment) -> str:
        c = QTextCursor(self.document())
        c.setPosition(seg.start)
        c.setPosition(seg.end, QTextCursor.MoveMode.KeepAnchor)
        return c.selectedText()

    def block_text(self, block_id: int) -> str | None:
        for s in self._segs:
            if s.block_id == block_id:
                return self.segment_text(s)
        return None

    def current_segment(self) -> Segment | None:
        c = self.textCursor()
        return self.segment_for(c.selectionStart(), c.selectionEnd())

    def cursor_offset(self, seg: Segment, position: int | None = None) -> int:
        """The cursor's offset in the block's text, in Python characters."""
        pos = self.textCursor().position() if position is None else position
        c = QTextCursor(self.document())
        c.setPosition(seg.start)
        c.setPosition(max(seg.start, min(pos, seg.end)), QTextCursor.MoveMode.KeepAnchor)
        return len(c.selectedText())

    def place_cursor(self, block_id: int, offset: int = 0) -> bool:
        for s in self._segs:
            if s.block_id == block_id:
                text = self.segment_text(s)
                units = len(text[:offset].encode("utf-16-le")) // 2
                c = self.textCursor()
                c.setPosition(s.start + units)
                self.setTextCursor(c)
                return True
        return False

    # -- typing and autosave ----------------------------------------------------------

    def _on_contents_change(self, pos: int, removed: int, added: int) -> None:
        if self._loading:
            return
        # Qt may report a wider range than what changed (an input method commit reports the
        # whole paragraph), so the real change is found by comparing the paragraph's text
        # with the last known one.
        doc = self.document()
        block = doc.findBlock(pos)
        number = block.blockNumber()
        if number >= len(self._line_cache) or doc.blockCount() != len(self._line_cache):
            self._resync()
            return
        old, new = self._line_cache[number], block.text()
        if old == new:
            return
        p = common_prefix(old, new)
        sfx = common_suffix(old[p:], new[p:])
        start = block.position() + units(old[:p])
        removed_units = units(old[p : len(old) - sfx])
        delta = units(new) - units(old)
        seg = self.segment_for(start, start + removed_units)
        if seg is None:
            self._resync()
            return
        self._line_cache[number] = new
        seg.length += delta
        seg.dirty = True
        if delta:
            hit = False
            for s in self._segs:
                if hit:
                    s.start += delta
                elif s is seg:
                    hit = True
        self._timer.start()
        if not self._max_age.isActive():
            self._max_age.start()

    def _resync(self) -> None:
        """An edit the segments cannot account for: keep the store the truth (cannot happen
        through the guarded input paths)."""
        QTimer.singleShot(0, lambda: self.reload(keep_cursor=True))

    def _on_cursor_moved(self) -> None:
        if self._loading:
            return
        seg = self.current_segment()
        block = seg.block_id if seg else None
        if block != self._last_block:
            self._last_block = block
            if any(s.dirty for s in self._segs):
                self.flush()
            self._typing_token += 1

    def has_pending(self) -> bool:
        return any(s.dirty for s in self._segs)

    def flush(self) -> None:
        """Write every changed block as a revision now."""
        self._timer.stop()
        self._max_age.stop()
        for seg in self._segs:
            if not seg.dirty or seg.block_id is None:
                continue
            seg.dirty = False
            text = self.segment_text(seg)
            if text == seg.stored:
                continue
            ok = self.session.apply(
                edits.SetBlockText(seg.block_id, text, expected=seg.stored),
                self,
                text=self.tr("Typing"),
                reason="typing",
                merge_key=(seg.block_id, self._typing_token),
            )
            if ok:
                seg.stored = text
            else:
                self._resync()
                return

    def mousePressEvent(self, event) -> None:  # noqa: N802
        """A click puts the cursor somewhere else: what was typed before it is one undo step, what
        is typed after it the next (as in a word processor), even in the same paragraph."""
        if any(s.dirty for s in self._segs):
            self.flush()
        self._typing_token += 1
        super().mousePressEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.flush()
            self._typing_token += 1

    # -- reacting to the session --------------------------------------------------------

    def _on_session_changed(self, changes, initiator) -> None:
        if self.node_id is None:
            return
        if changes.structure:
            return  # the main window reselects and reloads after a structural edit
        if initiator is self and not changes.kinds:
            return
        mine = {s.block_id for s in self._segs}
        if changes.blocks & mine or (self.node_id in changes.nodes and changes.kinds):
            self.reload(keep_cursor=True)

    def contextMenuEvent(self, e) -> None:  # noqa: N802
        menu = self.build_context_menu(e.pos())
        menu.exec(e.globalPos())
        menu.deleteLater()

    def build_context_menu(self, pos) -> QMenu:
        """The right-click menu at a point of the viewport: a finding's fix first, then editing."""
        from .finding_fixes import finding_menu

        f = self.finding_at(self.cursorForPosition(pos).position())
        menu: QMenu = self.createStandardContextMenu(pos)
        if f is not None:
            fm = finding_menu(self, f, self.fix_requested.emit, self.fix_all_requested.emit,
                              lambda f, st: self.finding_status_requested.emit(f, st), self.ignore_all_requested.emit)
            first = menu.actions()[0] if menu.actions() else None
            for a in fm.actions():
                a.setParent(menu)
                menu.insertAction(first, a)
            menu.insertSeparator(first)
            fm.deleteLater()
        c = self.textCursor()
        single = self.segment_for(c.selectionStart(), c.selectionEnd()) is not None
        for action in list(menu.actions()):
            name = action.objectName()
            if name in ("edit-undo", "edit-redo") or (not single and name in ("edit-cut", "edit-paste", "edit-delete")):
                menu.removeAction(action)
        if self.extra_actions:
            menu.addSeparator()
            for a in self.extra_actions:
                if a is None:
                    menu.addSeparator()
                else:
                    menu.addAction(a)
        return menu

    # -- layout edits from the keyboard -------------------------------------------------

    def split_here(self) -> None:
        seg = self.current_segment()
        if seg is None or seg.kind not in ("paragraph", "row"):
            self.message.emit(self.tr("Enter splits a paragraph at the cursor; here there is nothing to split."))
            return
        offset = self.cursor_offset(seg)
        self.flush()
        block_id = seg.block_id
        if 0 < offset < len(seg.stored) and self.session.apply(edits.SplitBlock(block_id=block_id, offset=offset),
                                                                 self):
            self._cursor_after(block_id, at_start_of_next=True)

    def merge_with(self, seg: Segment, previous: bool) -> None:
        i = self._segs.index(seg)
        j = i - 1 if previous else i + 1
        other = self._segs[j] if 0 <= j < len(self._segs) else None
        if other is None or other.block_id is None or other.kind not in ("paragraph", "row") or seg.kind not in (
            "paragraph",
            "row",
        ):
            self.message.emit(self.tr("Only two paragraphs next to each other can be merged."))
            return
        first, second = (other, seg) if previous else (seg, other)
        self.flush()
        join_at = len(self.block_text(first.block_id) or "")
        if self.session.apply(edits.MergeBlocks(first_id=first.block_id, second_id=second.block_id), self):
            self.place_cursor(first.block_id, join_at)

    def _cursor_after(self, block_id: int, at_start_of_next: bool) -> None:
        """After a split: the cursor goes to the start of the new paragraph."""
        ids = [s.block_id for s in self._segs if s.block_id is not None]
        if block_id in ids and at_start_of_next and ids.index(block_id) + 1 < len(ids):
            self.place_cursor(ids[ids.index(block_id) + 1], 0)
