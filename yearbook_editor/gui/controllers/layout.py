"""Layout and review: merge, split, confirm a break, furniture, heading levels, entry titles,
moving blocks, review statuses and the next unreviewed node; the source pane's menu."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from ...core import edits, queries
from ..actions import ActionSpec
from .base import Controller


class LayoutController(Controller):
    def __init__(self, session, panes, feedback, actions):
        super().__init__(session, panes, feedback, actions)
        source = panes.source
        source.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        source.customContextMenuRequested.connect(self._source_menu)

    def specs(self) -> list[ActionSpec]:
        return [
            ActionSpec("actionMerge", self.tr("&Merge with Next Paragraph"),
                       self.tr("Join this paragraph and the next (Delete at the end of a paragraph does the same)"),
                       "Ctrl+J", "layout.blocks", self.merge_with_next, needs_write=True),
            ActionSpec("actionSplit", self.tr("&Split Paragraph at Cursor"),
                       self.tr("Start a new paragraph at the cursor (Enter)"), "Ctrl+Shift+Return", "layout.blocks",
                       self.split_at_cursor, needs_write=True),
            ActionSpec("actionConfirmBreak", self.tr("&Confirm Break"),
                       self.tr("Keep the uncertain break before this paragraph"), "Ctrl+Shift+B", "layout.blocks",
                       self.confirm_break, needs_write=True),
            ActionSpec("actionMarkFurniture", self.tr("Mark as &Furniture"),
                       self.tr("Page number, running header and the like: kept in the source, left out of the export"),
                       "Ctrl+Shift+N", "layout.kind", self.mark_furniture, needs_write=True),
            ActionSpec("actionRestoreText", self.tr("Restore as &Text"), self.tr("Bring furniture back into the text"),
                       "Ctrl+Shift+R", "layout.kind", self.restore_as_text, needs_write=True),
            ActionSpec("actionPromote", self.tr("&Promote Heading"),
                       self.tr("One level up (e.g. 子目 → 分目), with everything under it"), "Alt+Shift+Left",
                       "layout.levels", lambda: self.shift_depth(-1), needs_write=True),
            ActionSpec("actionDemote", self.tr("&Demote Heading"),
                       self.tr("One level down (e.g. 分目 → 子目), with everything under it"), "Alt+Shift+Right",
                       "layout.levels", lambda: self.shift_depth(+1), needs_write=True),
            ActionSpec("actionMakeEntryTitle", self.tr("Make &Entry Title"),
                       self.tr("The paragraph's start up to the cursor (or the selection) becomes a 【】 entry title"),
                       "Ctrl+Shift+T", "layout.levels", self.make_entry_title, needs_write=True),
            ActionSpec("actionMakeHeading", self.tr("Make &Heading"),
                       self.tr("This paragraph becomes a heading one level below the heading above it"), "Ctrl+Shift+G",
                       "layout.levels", self.make_heading, needs_write=True),
            ActionSpec("actionMakeParagraph", self.tr("Make &Paragraph"),
                       self.tr("Turn this entry title or heading back into ordinary text"), "Ctrl+Shift+P",
                       "layout.levels", self.make_paragraph, needs_write=True),
            ActionSpec("actionMoveUp", self.tr("Move Block &Up"),
                       self.tr("Move this paragraph before the previous one"), "Alt+Shift+Up", "layout.move",
                       lambda: self.move_block(-1), needs_write=True),
            ActionSpec("actionMoveDown", self.tr("Move Block Do&wn"), self.tr("Move this paragraph after the next one"),
                       "Alt+Shift+Down", "layout.move", lambda: self.move_block(+1), needs_write=True),
            *self._review_specs(),
        ]

    def _review_specs(self) -> list[ActionSpec]:
        texts = {"unreviewed": self.tr("Mark &Unreviewed (未校)"), "checked": self.tr("Mark &Checked (已校)"),
                 "approved": self.tr("Mark &Approved (已审)")}
        specs = [ActionSpec(f"actionStatus_{s}", texts[s], "", f"Ctrl+{i + 1}", "review.status",
                            lambda s=s: self.set_status(s), needs_write=True)
                 for i, s in enumerate(edits.REVIEW_STATUSES)]
        specs.append(ActionSpec("actionNextUnreviewed", self.tr("&Next Unreviewed Node"), "", "Ctrl+F8", "review.next",
                                self.next_unreviewed))
        return specs

    # -- helpers --------------------------------------------------------------------------

    @property
    def editor(self):
        return self.panes.editor

    def _segment_block(self):
        """The segment (block id, kind) at the editor's cursor, furniture included."""
        pos = self.editor.textCursor().position()
        for s in self.editor.segments():
            if s.block_id is not None and s.start <= pos <= s.end:
                return s
        return None

    def _neighbor(self, block_id: int, step: int) -> int | None:
        return queries.neighbor_block(self.store, self.session.volume_id, block_id, step)

    def _apply(self, edit) -> bool:
        return self.session.apply(edit, self.feedback.parent)

    # -- review -----------------------------------------------------------------------------

    def set_status(self, status: str) -> None:
        node_id = self.session.node_id
        if node_id is not None:
            self._apply(edits.SetNodeStatus(node_id, status))

    def next_unreviewed(self) -> None:
        model = self.panes.outline.model
        ids = [n.id for n in model.nodes()]
        start = ids.index(self.session.node_id) + 1 if self.session.node_id in ids else 0
        for nid in ids[start:] + ids[:start]:
            node = model.node(nid)
            if node.status == "unreviewed" and node.kind == "entry":
                self.session.select_node(nid, self.feedback.parent)
                return
        self.feedback.show_message(self.tr("Every entry has been reviewed."))

    # -- layout -------------------------------------------------------------------------------

    def merge_with_next(self) -> None:
        seg = self.editor.current_segment()
        if seg is None:
            return self.feedback.show_message(self.tr("Put the cursor in the paragraph to merge."))
        nxt = self._neighbor(seg.block_id, +1)
        if nxt is None:
            return self.feedback.show_message(self.tr("There is no paragraph after this one."))
        if queries.block_kind(self.store, nxt) not in ("paragraph", "row"):
            return self.feedback.show_message(
                self.tr("The next block is a heading; only two paragraphs can be merged (make it body text first)."))
        self._apply(edits.MergeBlocks(first_id=seg.block_id, second_id=nxt))

    def split_at_cursor(self) -> None:
        self.editor.split_here()

    def confirm_break(self) -> None:
        seg = self._segment_block()
        if seg is not None:
            self._apply(edits.ConfirmBreak(block_id=seg.block_id))

    def mark_furniture(self, block_id: int | None = None) -> None:
        if block_id is None:
            seg = self._segment_block()
            block_id = seg.block_id if seg else None
        if block_id is not None:
            self._apply(edits.SetBlockKind(block_id, "noise"))

    def restore_as_text(self, block_id: int | None = None) -> None:
        if block_id is None:
            seg = self._segment_block()
            block_id = seg.block_id if seg and seg.kind == "noise" else None
        if block_id is None:
            return self.feedback.show_message(
                self.tr("Put the cursor on furniture (struck-through text) to restore it."))
        orig = queries.block_orig_kind(self.store, block_id)
        self._apply(edits.SetBlockKind(block_id, orig if orig and orig != "noise" else "paragraph"))

    def shift_depth(self, delta: int) -> None:
        node_id = self.session.node_id
        if node_id is not None:
            self._apply(edits.ShiftNodeDepth(node_id=node_id, delta=delta))

    def make_entry_title(self) -> None:
        seg = self.editor.current_segment()
        if seg is None or seg.kind != "paragraph":
            return self.feedback.show_message(
                self.tr("Put the cursor in a paragraph, after the words that form the title."))
        end = self.editor.cursor_offset(seg, self.editor.textCursor().selectionEnd())
        if end <= 0:
            return self.feedback.show_message(self.tr("Put the cursor after the words that form the title."))
        self.editor.flush()
        self._apply(edits.MakeEntryTitle(block_id=seg.block_id, title_end=end))

    def make_heading(self) -> None:
        seg = self.editor.current_segment()
        if seg is None or seg.kind not in ("paragraph", "row"):
            return self.feedback.show_message(
                self.tr("Put the cursor in the paragraph that should become a heading."))
        self.editor.flush()
        self._apply(edits.MakeHeading(block_id=seg.block_id))

    def make_paragraph(self) -> None:
        seg = self.editor.current_segment()
        block_id = seg.block_id if seg is not None and seg.kind in ("entry_title", "heading") else None
        if block_id is None and self.session.node_id is not None:
            block_id = queries.node_title_block(self.store, self.session.node_id)
        if block_id is None:
            return self.feedback.show_message(self.tr("Put the cursor in an entry title or a heading."))
        self._apply(edits.MakeParagraph(block_id=block_id))

    def move_block(self, step: int) -> None:
        seg = self._segment_block()
        if seg is None:
            return
        if step > 0:
            after = self._neighbor(seg.block_id, +1)
            if after is None:
                return self.feedback.show_message(self.tr("This is already the last block."))
        else:
            prev = self._neighbor(seg.block_id, -1)
            if prev is None:
                return self.feedback.show_message(self.tr("This is already the first block."))
            after = self._neighbor(prev, -1)  # None: to the start of the volume
        self._apply(edits.MoveBlock(block_id=seg.block_id, after_id=after))

    def _source_menu(self, pos) -> None:
        source = self.panes.source
        line = source.cursorForPosition(pos).blockNumber() + 1
        label = source.labels().get(line)
        menu = QMenu(source)
        if label is not None:
            a = menu.addAction(self.tr("Restore Line as Text"))
            a.triggered.connect(lambda: self.restore_as_text(label[2]))
        elif self.session.volume_id is not None:
            block = queries.text_block_at_line(self.store, self.session.volume_id, line)
            if block is not None:
                a = menu.addAction(self.tr("Mark Block as Furniture"))
                a.triggered.connect(lambda: self.mark_furniture(block))
        menu.addSeparator()
        menu.addAction(self.actions["actionHistory"])
        menu.exec(source.viewport().mapToGlobal(pos))
