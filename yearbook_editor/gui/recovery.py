"""The rolling backups of a store: list them, put one back.

Met when opening a damaged store (say so, offer the copies), and from File ▸ Restore from
Backup… for the open store even when it is whole. The core does the work (``core.backups``:
what each copy holds, restore with the current file moved aside, never deleted); this dialog
shows the copies (time, volumes, size, whole or not) and asks which one to restore. The caller
opens the store again when :func:`offer_recovery` returns True (for the open store, the
``restore`` hook closes it first and opens it again: gui/controllers/volumes.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core import backups
from ..core.errors import StoreDamaged, YearbookError
from .plain import message_box, plain_label, visible


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{max(1, n // 1024)} KB"


class RecoveryDialog(QDialog):
    """A store's backups newest first and a Restore button, under the damaged store's sentence
    (``problem``: the core's StoreDamaged, or a sentence) or, with no problem, for a whole store
    the editor wants to take back to an earlier copy. ``restore(backup_path)`` puts the copy in
    place and returns where the current file went (default: ``core.backups.restore_backup``)."""

    def __init__(self, store_path: str | Path, problem: str | StoreDamaged | None, parent=None,
                 restore: Callable[[Path], Path | None] | None = None):
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.store_path = Path(store_path)
        self.damaged = problem is not None
        self._restore = restore or (lambda backup: backups.restore_backup(self.store_path, backup))
        self.infos = backups.backup_infos(self.store_path)
        self.restored: backups.BackupInfo | None = None
        self.done_text = ""
        self.moved_aside: Path | None = None
        self.setWindowTitle(self.tr("Damaged Store") if self.damaged else self.tr("Restore from Backup"))
        usable = any(i.whole for i in self.infos)
        layout = QVBoxLayout(self)
        msg = plain_label(QLabel(self), self._problem_text(problem, usable))
        msg.setObjectName("recoveryProblem")
        msg.setWordWrap(True)
        layout.addWidget(msg)
        hint = plain_label(QLabel(self), self._hint_text(usable))
        hint.setObjectName("recoveryHint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.table = self._backup_table()
        self.table.setVisible(bool(self.infos))
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton(self.tr("Restore Selected Backup"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreButton")
        buttons.addButton(self.tr("Quit") if self.damaged else self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        first = next((r for r, i in enumerate(self.infos) if i.whole), None)
        if first is not None:
            self.table.selectRow(first)
        self.restore_button.setEnabled(first is not None)
        self.table.itemSelectionChanged.connect(
            lambda: self.restore_button.setEnabled(self.selected() is not None))
        self.resize(640, 360)

    def _problem_text(self, problem: str | StoreDamaged | None, usable: bool) -> str:
        """The first sentence: the damage with this dialog as the way back (not the command line's
        commands), or what restoring a whole store does."""
        if isinstance(problem, StoreDamaged):
            return problem.sentence(self.tr("choose one of the automatic backups below and click “Restore Selected "
                                            "Backup”") if usable else
                                    self.tr("there is no usable automatic backup of it (see below)"))
        if problem is not None:
            return problem
        return self.tr("Restoring puts an automatic backup in the place of the store “%1”; the file in use now is "
                       "kept beside it under another name, nothing is deleted.").replace("%1", str(self.store_path))

    def _hint_text(self, usable: bool) -> str:
        if self.damaged and usable:
            return self.tr("Choose a backup to put in its place. The damaged file is kept beside it under "
                           "another name; changes made after the backup are not in it.")
        if self.damaged:
            return self.tr("There is no usable backup of this store. The damaged file has not been changed; "
                           "keep it and ask for help before deleting it.")
        if usable:
            return self.tr("Changes made after the backup was taken are not in it; they stay in the file kept aside.")
        return self.tr("There is no usable backup of this store yet: one is taken when the program opens the store "
                       "(at most every ten minutes, when something changed).")

    def _backup_table(self) -> QTableWidget:
        """One row per backup: when taken, volumes, size, whole or not (damaged ones greyed out)."""
        table = QTableWidget(len(self.infos), 4, self)
        table.setObjectName("backupTable")
        table.setHorizontalHeaderLabels([self.tr("Taken"), self.tr("Volumes"), self.tr("Size"), self.tr("State")])
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        for row, info in enumerate(self.infos):
            taken = info.taken.strftime("%Y-%m-%d %H:%M:%S") if info.taken else visible(info.path.name, 60)
            vols = "—" if info.volumes is None else str(info.volumes)
            state = self.tr("whole") if info.whole else self.tr("damaged, cannot be used")
            for col, text in enumerate((taken, vols, _size(info.size), state)):
                item = QTableWidgetItem(text)
                if col == 0 and info.titles:
                    item.setToolTip(visible("\n".join(info.titles[:20]), 2000))
                if not info.whole:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable & ~Qt.ItemFlag.ItemIsEnabled)
                table.setItem(row, col, item)
        return table

    def selected(self) -> backups.BackupInfo | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if len(rows) != 1:
            return None
        info = self.infos[rows.pop()]
        return info if info.whole else None

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        try:
            self.moved_aside = self._restore(info.path)
        except YearbookError as e:
            message_box(QMessageBox.Icon.Warning, self.windowTitle(), str(e), self).exec()
            return
        self.restored = info
        self.accept()

    def restored_sentence(self) -> str:
        info = self.restored
        when = info.taken.strftime("%Y-%m-%d %H:%M") if info.taken else info.path.name
        text = self.tr("The backup of %1 is back in place.").replace("%1", when)
        if self.moved_aside is not None:
            kept = self.tr("The damaged file was kept as %1.") if self.damaged else \
                self.tr("The file in use until now was kept as %1.")
            text += " " + kept.replace("%1", str(self.moved_aside))
        return text


def offer_recovery(store_path: str | Path, problem: str | StoreDamaged, parent=None, run=None) -> bool:
    """Show the dialog; True when a backup was put in the store's place (open it again then).
    ``run(dialog)`` replaces ``dialog.exec()`` in tests (the closing message is then not shown)."""
    dlg = RecoveryDialog(store_path, problem, parent)
    (run or (lambda d: d.exec()))(dlg)
    if dlg.restored is None:
        return False
    dlg.done_text = dlg.restored_sentence()
    if run is None:
        message_box(QMessageBox.Icon.Information, dlg.windowTitle(), dlg.done_text, parent).exec()
    return True
