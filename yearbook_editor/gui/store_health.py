"""What the window says about the state of its store: why it is read-only, and that another
program deleted or replaced its files while it was open (:class:`StoreWatch`)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from ..core.errors import YearbookError
from ..core.store import default_store_path
from . import file_dialogs
from .plain import message_box


def read_only_text(cannot_write: bool) -> str:
    """The read-only banner: the store's file, folder or disk cannot be written (``cannot_write``),
    or another window of the program has the store open."""
    if cannot_write:
        return QCoreApplication.translate(
            "MainWindow", "Read-only: the store's file, folder or disk cannot be written. You can read, search and "
            "export, but changes are not saved; copy the store to a writable folder to edit it.")
    return QCoreApplication.translate(
        "MainWindow", "Read-only: another window of the program has this store open. You can read and export, but "
        "changes are not saved.")


def read_only_notice(store_path) -> str:
    """Said once in the status bar when a store that cannot be written was opened read-only."""
    return QCoreApplication.translate(
        "MainWindow", "The store “%1” cannot be written (a read-only file, folder or disk), so it was opened "
        "read-only.").replace("%1", str(store_path))


class StoreWatch(QObject):
    """Watches the open store's files: when another program deletes or replaces the store file or
    its ``-wal`` while the window has it open (``Store.file_replaced``: two ``os.stat`` calls, every
    few seconds and after a failed write, never on a keystroke), one sentence says what happened
    and offers to save a copy made through the window's own connection, which still holds every
    acknowledged edit, and to go on in that copy. Nothing in the editor is dropped: pending typing
    is written first, so the copy has it."""

    INTERVAL_MS = 3000

    def __init__(self, session, feedback, open_copy: Callable[[str, int | None], object]):
        super().__init__(feedback.parent)
        self.session, self.feedback, self.open_copy = session, feedback, open_copy
        # (default path) → the path to save the copy at, or "" (a file dialog; tests replace it)
        self.ask_path: Callable[[Path], str] = self._ask_path
        self.box: QMessageBox | None = None
        self._warned = None  # the store already warned about by the timer
        self.timer = QTimer(self)
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        session.error_occurred.connect(lambda _text: self.check(again=True))

    def check(self, again: bool = False) -> Path | None:
        """The replaced file, if any; the first time for a store (and after each failed write) the
        editor is told."""
        store = self.session.store
        replaced = None if store.closed else store.file_replaced()
        if replaced is not None and (again or self._warned is not store) and not (self.box and self.box.isVisible()):
            self._warned = store
            self.warn(replaced)
        return replaced

    def warn(self, replaced: Path) -> QMessageBox:
        box = message_box(QMessageBox.Icon.Warning, self.tr("Yearbook Editor"), self.tr(
            "The store's file “%1” was deleted or replaced by another program while it was open here, so what is "
            "saved from now on may not reach the file on disk; everything you have typed is still held here: save "
            "a copy of the store now and go on working in the copy.").replace("%1", str(replaced)),
            self.feedback.parent, QMessageBox.StandardButton.NoButton)
        box.setObjectName("storeReplacedBox")
        save = box.addButton(self.tr("Save a Copy and Open It…"), QMessageBox.ButtonRole.AcceptRole)
        save.setObjectName("saveCopyButton")
        box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.buttonClicked.connect(lambda button: QTimer.singleShot(0, self.save_copy) if button is save else None)
        self.box = box
        box.open()
        return box

    def default_copy_path(self) -> Path:
        """Beside the store (or in the user's data folder when that folder cannot be written)."""
        path = self.session.store.path
        name = f"{path.stem}-副本-{datetime.now().strftime('%Y%m%d-%H%M%S')}{path.suffix or '.db'}"
        folder = path.parent if os.access(path.parent, os.W_OK) else default_store_path().parent
        return folder / name

    def _ask_path(self, default: Path) -> str:
        path = file_dialogs.save_file_name(self.feedback.parent, self.tr("Save a Copy of the Store"), str(default),
                                           self.tr("Stores (*.db)"))
        return path

    def save_copy(self) -> Path | None:
        """Write pending typing, copy the store through this connection (SQLite's backup API) to a
        file the editor chooses, and open the copy on the same volume."""
        self.session.flush()
        store, volume_id = self.session.store, self.session.volume_id
        target = self.ask_path(self.default_copy_path())
        if not target:
            return None
        try:
            copy = store.backup(target)
        except YearbookError as e:
            self.feedback.show_error(str(e))
            return None
        self.open_copy(str(copy), volume_id)
        self.feedback.show_message(self.tr("A copy of the store with all your changes was saved as “%1”; you are "
                                           "working in it now.").replace("%1", str(copy)))
        return copy
