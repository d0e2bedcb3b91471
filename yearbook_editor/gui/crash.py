"""Unexpected errors: the details go to a log file, the editor sees a short plain dialog."""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

_LOG_PATH: Path | None = None


def log_path() -> Path:
    if _LOG_PATH is not None:
        return _LOG_PATH
    import platformdirs

    return Path(platformdirs.user_log_dir("yearbook_editor", appauthor=False)) / "error.log"


def set_log_path(path: Path | None) -> None:
    global _LOG_PATH
    _LOG_PATH = path


def log_exception(exc_type, exc, tb) -> Path | None:
    return log_text("".join(traceback.format_exception(exc_type, exc, tb)))


def log_text(details: str) -> Path | None:
    """Append an error's details (a traceback) to the log; its path, or None when it cannot be written."""
    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
            f.write(details)
        return path
    except OSError:
        return None


def unexpected_error_text(where: Path | None) -> str:
    """One sentence for the editor (no Python names: the exception and its traceback are in the log)."""
    text = QCoreApplication.translate("Crash", "Something went wrong inside the program. Your saved work is not affected.")
    if where is not None:
        text += " " + QCoreApplication.translate("Crash", "The details were written to %1.").replace("%1", str(where))
    return text


def excepthook(exc_type, exc, tb) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    where = log_exception(exc_type, exc, tb)
    if QApplication.instance() is None:
        print(unexpected_error_text(where), file=sys.stderr)
        return
    box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("Crash", "Unexpected error"),
                      unexpected_error_text(where), QMessageBox.StandardButton.Ok,
                      QApplication.activeWindow())
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def install() -> None:
    sys.excepthook = excepthook
