"""What the window says about the state of its store: why it is read-only."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


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
