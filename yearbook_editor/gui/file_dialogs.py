"""The app's file dialogs: Qt's, with icons and type names told from the name alone.

Qt's own file dialog (the one used where the system offers none, as on Linux) asks for the icon
and the type of every file in the folder it shows, and finds them by reading the start of the
file. A file opened and closed by this process costs the process every lock SQLite holds on that
file (POSIX record locks belong to the process, and any close drops them). With the store's
folder shown in a dialog, the store and its ``-shm`` were read that way: another process closing
its connection to the store afterwards (the whole check run, the tag statistics, the command
line) took itself for the last one and checkpointed and deleted the ``-wal`` the app was still
writing to, and the app warned that its saves might not reach the disk. So the dialogs here
never open a file to show it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget


class PlainIcons(QFileIconProvider):
    """A folder or a file icon and a type name from the file's name, never from its content."""

    def icon(self, what):
        if isinstance(what, QFileInfo):
            kind = QAbstractFileIconProvider.IconType.Folder if what.isDir() else QAbstractFileIconProvider.IconType.File
            return super().icon(kind)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return QCoreApplication.translate("FileDialogs", "Folder")
        suffix = info.suffix()
        return (suffix.upper() + " " if suffix else "") + QCoreApplication.translate("FileDialogs", "File")


_PROVIDER: PlainIcons | None = None


def plain_icons() -> PlainIcons:
    """The one provider of the app's dialogs (it must outlive them)."""
    global _PROVIDER
    if _PROVIDER is None:
        _PROVIDER = PlainIcons()
    return _PROVIDER


def make_dialog(parent: QWidget | None, caption: str, folder: str, filters: str, *, save: bool = False,
                many: bool = False) -> QFileDialog:
    """A file dialog that never reads the files it shows (see the module's text)."""
    dlg = QFileDialog(parent, caption, folder, filters)
    dlg.setIconProvider(plain_icons())
    if save:
        dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dlg.setFileMode(QFileDialog.FileMode.AnyFile)
    else:
        dlg.setFileMode(QFileDialog.FileMode.ExistingFiles if many else QFileDialog.FileMode.ExistingFile)
    return dlg


def _run(dlg: QFileDialog) -> list[str]:
    try:
        return dlg.selectedFiles() if dlg.exec() else []
    finally:
        dlg.deleteLater()


def open_file_name(parent: QWidget | None, caption: str, folder: str, filters: str) -> str:
    """The file chosen, or "" (as ``QFileDialog.getOpenFileName``'s first value)."""
    return next(iter(_run(make_dialog(parent, caption, folder, filters))), "")


def open_file_names(parent: QWidget | None, caption: str, folder: str, filters: str) -> list[str]:
    return _run(make_dialog(parent, caption, folder, filters, many=True))


def save_file_name(parent: QWidget | None, caption: str, folder: str, filters: str) -> str:
    return next(iter(_run(make_dialog(parent, caption, folder, filters, save=True))), "")
