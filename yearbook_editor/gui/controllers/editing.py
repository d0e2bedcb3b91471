"""Editing: undo and redo (named after the step), find and replace (the Find dock), the
outline filter, a node's history, and the editor's name recorded with each change."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QInputDialog

from ..actions import ActionSpec
from ..find_panel import FindPanel
from ..history_dialog import HistoryDialog
from ..plain import action_text, ask
from .base import Controller

K = QKeySequence.StandardKey


class EditingController(Controller):
    def __init__(self, session, panes, feedback, actions, settings: QSettings):
        super().__init__(session, panes, feedback, actions)
        self.settings = settings
        self.find_panel = FindPanel(session, feedback.parent)
        self.dock = QDockWidget(feedback.parent)
        self.dock.setObjectName("findDock")
        self.dock.setWidget(self.find_panel)
        self.history_dialog: HistoryDialog | None = None
        self._undo_text = self._redo_text = ""
        self.find_panel.message.connect(feedback.show_message)
        self.find_panel.hit_activated.connect(
            lambda h: feedback.show_place(self.find_panel, h.node_id, h.line, h.block_id, h.start, h.end))
        session.stepped.connect(self._after_step)
        stack = session.undo_stack
        stack.undoTextChanged.connect(self._undo_text_changed)  # bound: disconnected with the window
        stack.redoTextChanged.connect(self._redo_text_changed)

    def _after_step(self, message: str, place) -> None:
        """After an undo or redo: say what it was, and put the cursor where it changed the text."""
        self.feedback.show_message(message)
        if place is not None:
            self.feedback.select_in_editor(place[0], place[1], place[1])

    def specs(self) -> list[ActionSpec]:
        u, r = self._undo_text, self._redo_text
        return [
            ActionSpec("actionSave", self.tr("&Save"),
                       self.tr("Write what you typed to the store now (typing is also saved by itself within a "
                               "second)"), K.Save, "file.save", self.save),
            ActionSpec("actionUndo",
                       self.tr("&Undo %1").replace("%1", action_text(u)).strip() if u else self.tr("&Undo"), "", K.Undo,
                       "edit.undo", self.session.undo),
            ActionSpec("actionRedo",
                       self.tr("&Redo %1").replace("%1", action_text(r)).strip() if r else self.tr("&Redo"), "",
                       (K.Redo, "Ctrl+Shift+Z"), "edit.undo", self.session.redo),
            ActionSpec("actionFind", self.tr("&Find…"), self.tr("Find in the whole volume"), K.Find, "edit.find",
                       self.show_find),
            ActionSpec("actionReplace", self.tr("Find and &Replace…"), self.tr("Find and replace in the whole volume"),
                       "Ctrl+H", "edit.find", lambda: self.show_find(replace=True)),
            ActionSpec("actionFilter", self.tr("Filter &Outline"), self.tr("Type to filter the outline by title"),
                       "Ctrl+L", "edit.find", self.focus_filter),
            ActionSpec("actionHistory", self.tr("&History of This Node…"),
                       self.tr("Every change of this node, with who, when and why"), "Ctrl+Shift+H", "edit.history",
                       self.show_history),
            ActionSpec("actionAuthor", self.tr("Editor &Name…"), self.tr("The name recorded with each of your changes"),
                       (), "file.export", self.ask_author),
        ]

    def save(self) -> None:
        """Ctrl+S, as in every editor: pending typing becomes a revision at once (nothing else
        waits to be saved: every other change is written when it is made)."""
        self.session.flush()
        if self.session.read_only:
            return self.feedback.show_message(self.tr("The store is open read-only: nothing can be saved here."))
        if not self.session.save_unsaved():  # typing kept while another program holds the store
            return self.feedback.show_message(self.session.busy_text())
        self.feedback.show_message(self.tr("Saved: every change is in the store."))

    def may_close(self) -> bool:
        """Before the window closes: typing kept while another program holds the store is saved
        now if it can be; if not, the editor chooses to wait for it (the window stays) or to
        close without it."""
        self.session.flush()
        if self.session.save_unsaved():
            return True
        return ask(self.feedback.parent, self.tr("Typing Not Saved Yet"),
                   self.tr("Another program is still holding the store, so what you typed last is not saved yet. "
                           "Close anyway and lose it? Choose No to keep the window open: it is saved as soon as "
                           "the store is free."))

    def docks(self) -> list[QDockWidget]:
        return [self.dock]

    def connect_stack(self) -> None:
        """Undo and Redo are enabled while there is something to undo or redo."""
        stack = self.session.undo_stack
        undo, redo = self.actions["actionUndo"], self.actions["actionRedo"]
        undo.setEnabled(stack.canUndo())
        redo.setEnabled(stack.canRedo())
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)

    def _undo_text_changed(self, text: str) -> None:
        self._undo_text = text
        self.actions.set_texts(self.specs()[1:3])

    def _redo_text_changed(self, text: str) -> None:
        self._redo_text = text
        self.actions.set_texts(self.specs()[1:3])

    def retranslate(self) -> None:
        self.dock.setWindowTitle(self.tr("Find and Replace"))
        self.find_panel.retranslate()
        if self.history_dialog is not None:
            self.history_dialog.retranslate()

    # -- find, filter, history ---------------------------------------------------------------

    def show_find(self, replace: bool = False) -> None:
        self.feedback.show_dock(self.dock)
        panel = self.find_panel
        edit = panel.replace_edit if replace else panel.find_edit
        sel = self.panes.editor.textCursor().selectedText()
        if sel and not replace and "\u2029" not in sel:
            panel.find_edit.setText(sel)
        edit.setFocus()
        edit.selectAll()

    def focus_filter(self) -> None:
        self.panes.outline.filter_edit.setFocus()
        self.panes.outline.filter_edit.selectAll()

    def show_history(self) -> HistoryDialog | None:
        if self.session.node_id is None:
            return None
        self.session.flush()
        if self.history_dialog is not None:
            self.history_dialog.close()
            self.history_dialog.deleteLater()
        self.history_dialog = HistoryDialog(self.session, self.session.node_id, self.feedback.parent)
        self.history_dialog.show()
        return self.history_dialog

    # -- the editor's name ---------------------------------------------------------------------

    def ask_author(self) -> None:
        name, ok = QInputDialog.getText(self.feedback.parent, self.tr("Editor Name"),
                                        self.tr("Name recorded with each change you make:"), text=self.session.author)
        if ok:
            self.set_author(name)

    def set_author(self, name: str) -> None:
        name = name.strip()
        if name:
            self.session.author = name
            self.settings.setValue("author", name)
            self.feedback.show_message(self.tr("Changes are now recorded as made by %1.").replace("%1", name))
