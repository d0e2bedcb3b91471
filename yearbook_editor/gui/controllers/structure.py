"""Structure review: the dock with every heading in one table and the frame beside it; promote,
demote, not a heading, make heading, join with the next line over the chosen rows (each one
undo step), "headings like this", and frame alignment (a 目录 or 篇目框架 matched to the body's
headings, its levels applied in one step, the rest listed). The edits are the core's
(``core/structure_review.py``, ``core/frame.py``); this controller only picks the rows."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget

from ...core.errors import YearbookError
from ...core.frame import align_frame, frame_level_edit, frame_rest, parse_frame, volume_frame_text
from ...core.reading import read_source
from ...core.structure_review import (
    candidate_rows,
    doubts_by_node,
    heading_edit,
    heading_rows,
    join_next_edit,
    like_this,
    node_depths,
    paragraph_edit,
    shift_edit,
)
from .. import file_dialogs
from ..actions import ActionSpec, ActionTable
from ..structure_review import StructureReviewPanel, row_key
from .base import Controller

#: after an edit made outside the table, its rows and doubts are worked out again this much later
DOUBTS_DELAY_MS = 400


class StructureController(Controller):
    def __init__(self, session, panes, feedback, actions, checks):
        super().__init__(session, panes, feedback, actions)
        self.checks = checks  # its kept volume: the doubts are worked out without reading the volume again
        self.panel = StructureReviewPanel(feedback.parent)
        self.dock = QDockWidget(feedback.parent)
        self.dock.setObjectName("structureDock")
        self.dock.setWidget(self.panel)
        self.dock.visibilityChanged.connect(lambda shown: self.reload() if shown and self._stale else None)
        # the table's and the frame's own actions: their keys work where they are (Delete in the
        # frame text deletes text; in the table it makes the chosen headings paragraphs)
        self.row_actions = ActionTable(self.panel.table)
        self.row_actions.create(self.row_specs())
        self.frame_actions = ActionTable(self.panel.frame)
        self.frame_actions.create(self.frame_specs())
        for a in self.row_actions.all() + self.frame_actions.all():
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.panel.frame.add_buttons(self.frame_actions.all())
        self.panel.node_chosen.connect(lambda nid: self.session.select_node(nid, self.panel))
        self.panel.filter_changed.connect(self.reload)
        self.panel.frame.rest_activated.connect(self._go_to_rest)
        self._stale = True
        self._aligned = False
        self.matches = []
        # edits made elsewhere: the table follows a moment later (the edit itself stays quick)
        self._later = QTimer(self.dock, singleShot=True, interval=DOUBTS_DELAY_MS)
        self._later.timeout.connect(lambda: self.reload() if self._stale and self._shown() else None)

    def specs(self) -> list[ActionSpec]:
        return [ActionSpec("actionStructureReview", self.tr("&Structure Review"),
                           self.tr("Every heading in one table, edited several at a time, and the frame "
                                   "(目录 or 篇目框架) beside it"), "Ctrl+Shift+O", "review.next", self.show_review)]

    def row_specs(self) -> list[ActionSpec]:
        return [
            ActionSpec("actionReviewPromote", self.tr("Promote"), self.tr("The chosen headings one level up, "
                       "with everything under them"), "Alt+Left", "", lambda: self.shift(-1), needs_write=True),
            ActionSpec("actionReviewDemote", self.tr("Demote"), self.tr("The chosen headings one level down, "
                       "with everything under them"), "Alt+Right", "", lambda: self.shift(+1), needs_write=True),
            ActionSpec("actionReviewNotHeading", self.tr("Not a Heading"),
                       self.tr("The chosen headings become ordinary text"), "Delete", "", self.not_heading,
                       needs_write=True),
            ActionSpec("actionReviewMakeHeading", self.tr("Make Heading"),
                       self.tr("The chosen paragraphs become headings one level below the heading above them"),
                       "Insert", "", self.make_heading, needs_write=True),
            ActionSpec("actionReviewJoinNext", self.tr("Join with Next Line"),
                       self.tr("A heading wrapped over two lines: join it with the line after it"), "Alt+J", "",
                       self.join_next, needs_write=True),
            ActionSpec("actionReviewLikeThis", self.tr("Choose Headings Like This"),
                       self.tr("Choose every heading of the same shape: kind, level, place under its parent, "
                               "letter spacing and numbering"), "Ctrl+Shift+L", "", self.choose_like_this),
        ]

    def frame_specs(self) -> list[ActionSpec]:
        return [
            ActionSpec("actionFrameFromToc", self.tr("Volume's 目录"), self.tr("Take the volume's own 目录 as the "
                       "frame"), (), "", self.frame_from_toc),
            ActionSpec("actionFrameOpen", self.tr("Open…"), self.tr("Open a frame from a text file"), (), "",
                       self.open_frame),
            ActionSpec("actionFrameAlign", self.tr("Align"), self.tr("Match the frame's rows to the body's "
                       "headings"), "Ctrl+Return", "", self.align),
            ActionSpec("actionFrameApply", self.tr("Apply Frame Levels"), self.tr("Give every matched heading its "
                       "frame row's level (one step) and list the rest"), "Alt+Return", "",
                       self.apply_frame, needs_write=True),
        ]

    def docks(self) -> list[QDockWidget]:
        return [self.dock]

    def retranslate(self) -> None:
        self.dock.setWindowTitle(self.tr("Structure Review"))
        self.row_actions.set_texts(self.row_specs())
        self.frame_actions.set_texts(self.frame_specs())
        self.panel.retranslate()

    # -- hooks --------------------------------------------------------------------------------

    def volume_opened(self, volume_id: int) -> None:
        self._aligned = False
        self.matches = []
        self.panel.model.set_frame_titles({})
        self.panel.frame.clear_result()
        self.row_actions.set_read_only(self.read_only)
        self.frame_actions.set_read_only(self.read_only)
        self._stale = True
        if self._shown():
            self.reload()

    def changed(self, changes, initiator) -> None:
        if not (changes.structure or changes.nodes):
            return
        self._stale = True
        if not self._shown():
            return  # reloaded when its tab is shown
        if initiator is self.panel or self.panel.isAncestorOf(QApplication.focusWidget()):
            self.reload()  # an edit made (or undone) in the table: its rows follow at once
        else:
            self._later.start()

    def _shown(self) -> bool:
        """Is the table on screen (its dock open and, among tabs, the current one)?"""
        return self.dock.isVisible() and not self.dock.visibleRegion().isEmpty()

    # -- the rows -------------------------------------------------------------------------------

    def show_review(self) -> None:
        self.row_actions.set_read_only(self.read_only)
        self.frame_actions.set_read_only(self.read_only)
        self.feedback.show_dock(self.dock)
        if self._stale:
            self.reload()
        path, node = [], self.panes.outline.model.node(self.session.node_id) if self.session.node_id else None
        while node is not None and len(path) < 64:  # the node shown, then its headings up the tree
            path.append(node.id)
            node = self.panes.outline.model.node(node.parent_id) if node.parent_id is not None else None
        self.panel.follow(path)
        self.panel.table.setFocus()

    def reload(self) -> None:
        vid = self.session.volume_id
        if vid is None:
            self.panel.set_rows([])
            return
        self._stale = False
        rows = heading_rows(self.store, vid, doubts_by_node(self.store, vid, self.checks.volume_context()))
        if self.panel.candidates_box.isChecked():
            rows = sorted(rows + candidate_rows(self.store, vid), key=lambda r: r.line)
        self.panel.set_rows(rows)
        if self._aligned:
            self._align_now()

    def _apply(self, edit, text: str, empty: str) -> bool:
        if not edit.edits:
            self.feedback.show_message(empty)
            return False
        return self.session.apply(edit, self.panel, text=text)

    def shift(self, delta: int) -> None:
        rows = self.panel.selected_rows()
        text = self.tr("Change heading level")
        self._apply(shift_edit(rows, delta), text, self.tr("Choose headings in the table first (a 类目 cannot be "
                                                           "promoted)."))

    def not_heading(self) -> None:
        self._apply(paragraph_edit(self.panel.selected_rows()), self.tr("Make paragraph"),
                    self.tr("Choose headings in the table first."))

    def make_heading(self) -> None:
        self._apply(heading_edit(self.panel.selected_rows()), self.tr("Make heading"),
                    self.tr("Choose paragraphs first: turn on “Paragraphs that may be headings” to list them."))

    def join_next(self) -> None:
        vid = self.session.volume_id
        if vid is None:
            return
        self._apply(join_next_edit(self.store, vid, self.panel.selected_rows()), self.tr("Merge paragraphs"),
                    self.tr("Choose the heading whose second line follows it."))

    def choose_like_this(self) -> None:
        row = self.panel.current_row()
        if row is None:
            return self.feedback.show_message(self.tr("Choose a heading in the table first."))
        n = self.panel.select_keys({row_key(r) for r in like_this(self.panel.all_rows, row)}, current=row_key(row))
        self.feedback.show_message(self.tr("%1 headings like this are chosen.").replace("%1", str(n)))

    # -- the frame ------------------------------------------------------------------------------

    def frame_from_toc(self) -> None:
        vid = self.session.volume_id
        text = volume_frame_text(self.store, vid) if vid is not None else ""
        if not text:
            return self.feedback.show_message(self.tr("This volume has no 目录: paste a frame or open one."))
        self.panel.frame.set_frame_text(text)
        self.align()

    def open_frame(self, path: str | None = None) -> None:
        if path is None:
            path = file_dialogs.open_file_name(self.feedback.parent, self.tr("Open Frame"), "",
                                               self.tr("Text files (*.txt);;All files (*)"))
        if not path:
            return
        try:
            self.panel.frame.set_frame_text(read_source(path).text)
        except YearbookError as e:
            return self.feedback.show_error(str(e))
        self.align()

    def align(self) -> None:
        if self.session.volume_id is None:
            return
        if not parse_frame(self.panel.frame.frame_text()):
            return self.feedback.show_message(self.tr("The frame is empty: paste one title a line first."))
        if self._stale:
            self.reload()
        self._aligned = True
        self._align_now()

    def _align_now(self, done: str = "") -> None:
        heads = [r for r in self.panel.all_rows if r.node_id is not None]
        vid = self.session.volume_id
        candidates = candidate_rows(self.store, vid) if vid is not None else []
        self.matches = align_frame(parse_frame(self.panel.frame.frame_text()), heads, candidates)
        titles = {m.node_id: m.row.title for m in self.matches if m.node_id is not None}
        self.panel.model.set_frame_titles(titles)
        rest_rows, unlisted = frame_rest(self.matches, heads)
        self.panel.frame.show_result(self.matches, rest_rows, unlisted, done)

    def apply_frame(self) -> None:
        self.align()
        vid = self.session.volume_id
        if not self.matches or vid is None:
            return
        edit, stuck = frame_level_edit(self.matches, node_depths(self.store, vid))
        moved = len({e.node_id for e in edit.edits})
        if self._apply(edit, self.tr("Apply frame levels"),
                       self.tr("The matched headings already have the frame's levels.")):
            done = self.tr("%1 headings moved to their frame level.").replace("%1", str(moved))
            if stuck:
                done += " " + self.tr("%1 could not move there.").replace("%1", str(len(stuck)))
            self._align_now(done)

    def _go_to_rest(self, data) -> None:
        kind, value = data
        if kind == "frame":
            return self.panel.frame.go_to_frame_line(value)
        self.panel.filter_edit.clear()
        self.panel.doubtful_box.setChecked(False)
        if kind == "block" and not self.panel.candidates_box.isChecked():
            self.panel.candidates_box.setChecked(True)  # the paragraphs are listed (reloads the rows)
        self.panel.select_keys({(kind, value)}, current=(kind, value))
        self.panel.table.setFocus()
