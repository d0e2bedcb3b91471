"""A store on a network share or in a synced folder (OneDrive, 坚果云, Dropbox, iCloud, an SMB or
NFS mount): before the app opens it, say why that is unsafe and offer to work on a copy on this
computer.

The core tells the place (``core.location.risky_location``) and makes the copy with SQLite's
backup API (``core.location.copy_to_local``, into the user's data folder); this module only asks
and says what happened. :func:`place_to_open` gives the path the app should open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from ..core.errors import YearbookError
from ..core.location import StoreLocation, copy_to_local, risky_location
from .plain import message_box

COPY, HERE = "copy", "here"


def ask_about_location(store_path: str | Path, found: StoreLocation, parent=None) -> str:
    """The question: COPY (copy to this computer, then open the copy) or HERE (open it where it is)."""
    title = QCoreApplication.translate("StoreLocation", "Store in a Shared or Synced Folder")
    box = message_box(QMessageBox.Icon.Warning, title, found.sentence(store_path), parent,
                      QMessageBox.StandardButton.NoButton)
    box.setObjectName("storeLocationBox")
    copy = box.addButton(QCoreApplication.translate("StoreLocation", "Copy to This Computer and Open"),
                         QMessageBox.ButtonRole.AcceptRole)
    copy.setObjectName("copyLocalButton")
    here = box.addButton(QCoreApplication.translate("StoreLocation", "Open Where It Is"),
                         QMessageBox.ButtonRole.RejectRole)
    here.setObjectName("openHereButton")
    box.setDefaultButton(copy)
    box.setEscapeButton(here)
    box.exec()
    return COPY if box.clickedButton() is copy else HERE


def place_to_open(store_path: str | Path, parent=None, ask=None, tell=None, warn=None) -> str:
    """The path to open for ``store_path``: the store itself when it lies on a local disk (or
    does not exist yet, or the editor chose to open it in place), else a fresh copy of it in
    the user's data folder. ``ask`` is :func:`ask_about_location` by default; ``tell(sentence)``
    says where the copy is and ``warn(sentence)`` why copying failed (message boxes by
    default); a store that could not be copied is opened in place."""
    path = Path(store_path)
    found = risky_location(path)
    if found is None or not path.is_file() or (ask or ask_about_location)(path, found, parent) != COPY:
        return str(store_path)
    try:
        copy = copy_to_local(path)
    except YearbookError as e:
        text = QCoreApplication.translate("StoreLocation", "The store could not be copied (%1), so it is opened "
                                          "where it is.")
        (warn or _box(parent, QMessageBox.Icon.Warning))(text.replace("%1", str(e).rstrip("。.")))
        return str(store_path)
    text = QCoreApplication.translate("StoreLocation", "The store was copied to “%1”; you are now working on that "
                                      "copy, not on the file in the shared or synced folder.")
    (tell or _box(parent, QMessageBox.Icon.Information))(text.replace("%1", str(copy)))
    return str(copy)


def _box(parent, icon):
    title = QCoreApplication.translate("StoreLocation", "Yearbook Editor")
    return lambda text: message_box(icon, title, text, parent).exec()
