"""The one small object through which controllers talk back to the window.

A controller never reaches into the main window: it shows a message or an error, runs work
in the background, shows a place (node, source line, characters in the editor) and asks for
a dialog parent through :class:`Feedback`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from .workers import Job, run_in_background, run_in_process

if TYPE_CHECKING:
    from .editor_panel import NodeEditorPanel
    from .node_editor import NodeEditor
    from .outline_view import OutlinePanel
    from .source_view import SourceView


@dataclass(frozen=True)
class Panes:
    """The three central panes every controller may show things in."""

    outline: OutlinePanel
    source: SourceView
    editor_panel: NodeEditorPanel

    @property
    def editor(self) -> NodeEditor:
        return self.editor_panel.editor


class Feedback:
    """Messages, errors, background jobs and "show this place" for the controllers."""

    def __init__(self, window: QWidget, session, panes: Panes, show_message, show_error, show_job, show_dock):
        self.parent = window  # the parent of the controllers' dialogs
        self._session = session
        self._panes = panes
        self._show_message = show_message
        self._show_error = show_error
        self._show_job = show_job
        self._show_dock = show_dock
        self.jobs: list[Job] = []

    def show_message(self, text: str) -> None:
        self._show_message(text)

    def show_error(self, text: str) -> None:
        self._show_error(text)

    def show_job(self, job: Job, text: str) -> None:
        """Show the job's progress and a Cancel button in the status bar until it is done."""
        self._show_job(job, text)

    def show_dock(self, dock) -> None:
        """Show and raise a dock (one at the side takes its room from the source pane)."""
        self._show_dock(dock)

    def run_in_background(self, title: str, work, on_done=None) -> Job:
        """``work(progress)`` on the thread pool; ``on_done(result)`` on the GUI thread unless the
        store was closed meanwhile; a failure becomes a message. The window cancels it on close."""
        return run_in_background(self._job(title, on_done), work)

    def run_in_process(self, title: str, fn, *args, on_done=None) -> Job:
        """The core function ``fn(*args, progress=…)`` in a process of its own (``workers.run_in_process``);
        otherwise as :meth:`run_in_background`."""
        return run_in_process(self._job(title, on_done), fn, *args)

    def _job(self, title: str, on_done) -> Job:
        job = Job(title, self.parent)
        if on_done is not None:  # a job ending after the window closed its store has no one to tell
            job.finished.connect(lambda result: None if self._session.store.closed else on_done(result))
        job.failed.connect(self.show_message)
        job.done.connect(lambda: self.jobs.remove(job) if job in self.jobs else None)
        self.jobs.append(job)
        return job

    def show_place(self, initiator, node_id: int | None, line: int | None, block_id: int | None = None,
                   start: int = 0, end: int = 0) -> None:
        """Select the node in every pane, scroll the source to the line and select characters
        start..end of the block's text in the editor."""
        if node_id is not None:
            self._session.select_node(node_id, initiator)
        if line:
            self._panes.source.scroll_to_line(line)
        if block_id is not None:
            self.select_in_editor(block_id, start, end)

    def select_in_editor(self, block_id: int, start: int, end: int) -> None:
        editor = self._panes.editor
        if editor.place_cursor(block_id, start):
            c = editor.textCursor()
            text = editor.block_text(block_id) or ""
            units = len(text[start:end].encode("utf-16-le")) // 2  # Qt counts UTF-16 units
            c.setPosition(c.position() + units, c.MoveMode.KeepAnchor)
            editor.setTextCursor(c)
            editor.ensureCursorVisible()
