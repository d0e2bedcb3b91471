"""What every feature controller has: the session, the panes, the feedback object, the
window's action table, and hooks the window calls in a fixed order: for each event the
window first brings its own panes along (outline, source, editor), then calls the hook of
every controller in the order they were made (volumes, editing, layout, checks, tags, search, structure)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDockWidget

from ..actions import ActionSpec, ActionTable
from ..feedback import Feedback, Panes


class Controller(QObject):
    def __init__(self, session, panes: Panes, feedback: Feedback, actions: ActionTable):
        super().__init__(feedback.parent)
        self.session = session
        self.panes = panes
        self.feedback = feedback
        self.actions = actions

    # -- what the window asks ---------------------------------------------------------

    def specs(self) -> list[ActionSpec]:
        """The controller's actions (texts in the current language)."""
        return []

    def docks(self) -> list[QDockWidget]:
        return []

    # -- hooks, called by the window --------------------------------------------------

    def volume_opened(self, volume_id: int) -> None:
        """A volume was opened (the outline is loaded; no node is selected yet)."""

    def node_selected(self, node_id: int, initiator) -> None:
        """Every pane shows the node now."""

    def changed(self, changes, initiator) -> None:
        """An edit, undo or redo was applied (after the outline has followed)."""

    def start_background(self) -> None:
        """The window has been shown: start work that should not delay start-up."""

    def retranslate(self) -> None:
        """The language changed: texts of the controller's own panes and docks."""

    def close(self) -> None:
        """The window closes: cancel what runs."""

    # -- helpers ----------------------------------------------------------------------

    @property
    def store(self):
        return self.session.store

    @property
    def read_only(self) -> bool:
        return bool(self.session.store.read_only or self.session.read_only)
