"""Volumes and stores: import (menu and drop), open/new store, the Volumes and Recent menus,
restore the open store from a backup, export. Imports run in the background on their own store
connection."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QThreadPool, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from ...core import backups, queries
from ...core.errors import Cancelled, StoreDamaged, YearbookError
from ...core.store import Store, cannot_be_written
from ...core.usecases import import_path
from ...core.volumes import list_volumes
from .. import file_dialogs
from ..actions import ActionSpec
from ..plain import NAME, action_text, add_content_action, plain_tooltip, visible
from ..recovery import RecoveryDialog, offer_recovery
from ..store_health import StoreWatch, read_only_notice
from ..store_location import place_to_open
from ..store_lock import acquire_store_lock
from ..workers import Job, run_in_background
from .base import Controller

MAX_RECENT = 8
K = QKeySequence.StandardKey


def unreadable_message(path, error) -> str:
    """A plain sentence for a file the core could not read (never a traceback)."""
    return QCoreApplication.translate("VolumesController", "“%1” could not be read: it is not a text file or volume "
                                      "JSON this program understands (%2). Nothing was stored.").replace(
        "%1", Path(path).name).replace("%2", type(error).__name__)


def import_paths(store_path, paths: list[str], author: str, read_only: bool):
    """The background work of an import (a text or a volume JSON each): (results, error sentences)."""

    def work(progress):
        results, errors = [], []
        with Store(store_path, read_only=read_only) as store:
            for n, p in enumerate(paths):
                part = progress.part(n / len(paths), (n + 1) / len(paths))
                try:
                    results.append(import_path(store, p, author=author, progress=part))
                except Cancelled:
                    raise
                except YearbookError as e:
                    errors.append(str(e))
                except (OSError, ValueError, KeyError, TypeError, UnicodeError) as e:
                    errors.append(unreadable_message(p, e))
        return results, errors

    return work


class VolumesController(Controller):
    def __init__(self, session, panes, feedback, actions, settings: QSettings):
        super().__init__(session, panes, feedback, actions)
        self.settings = settings
        self.job: Job | None = None
        self.store_lock = None  # the QLockFile beside the store (app.open_window)
        self.recover = offer_recovery  # (path, sentence, parent) → True when a backup was restored
        self.export_dlg = None
        self.restore_dlg: RecoveryDialog | None = None
        # the store's files deleted or replaced under the window: say so, offer a copy to go on in
        self.watch = StoreWatch(session, feedback, self._open_copy)
        #: set by the window: called with (another file?) after the session switched stores
        self.on_store_replaced = None

    def specs(self) -> list[ActionSpec]:
        return [
            ActionSpec("actionImport", self.tr("&Import Text File…"),
                       self.tr("Read, repair and store an extracted text (runs in the background)"), "Ctrl+I",
                       "file.open", self.import_dialog, needs_write=True),
            ActionSpec("actionImportJson", self.tr("Import Volume &JSON…"),
                       self.tr("Bring back a volume exported as JSON"), (), "file.open", self.import_json_dialog,
                       needs_write=True),
            ActionSpec("actionOpenStore", self.tr("&Open Store…"), self.tr("Open another store file"), K.Open,
                       "file.open", self.open_store_dialog),
            ActionSpec("actionNewStore", self.tr("&New Store…"), self.tr("Create an empty store file"), K.New,
                       "file.open", self.new_store_dialog),
            ActionSpec("actionVolumes", self.tr("Open &Volume"), "", (), "file.open", submenu=self.fill_volumes_menu),
            ActionSpec("actionRecent", self.tr("&Recent"), "", (), "file.open", submenu=self.fill_recent_menu),
            ActionSpec("actionRestoreBackup", self.tr("Restore from &Backup…"),
                       self.tr("Put one of the store's automatic backups in its place (the file in use now is kept "
                               "beside it)"), (), "file.open", self.restore_backup_dialog, needs_write=True),
            ActionSpec("actionExport", self.tr("&Export…"),
                       self.tr("Write the corrected volume as text, Markdown, Word, JSON or a change report"), "Ctrl+E",
                       "file.export", self.export_dialog),
        ]

    # -- volumes and the recent list ----------------------------------------------------

    def volume_opened(self, volume_id: int) -> None:
        self._remember_volume(volume_id)

    def _remember_volume(self, volume_id: int) -> None:
        path = str(self.store.path)
        entry = json.dumps({"store": path, "volume": volume_id, "title": self.session.volume_title()},
                           ensure_ascii=False)
        recent = [e for e in self.recent_volumes() if not (e["store"] == path and e["volume"] == volume_id)]
        items = [entry] + [json.dumps(e, ensure_ascii=False) for e in recent][: MAX_RECENT - 1]
        self.settings.setValue("recent/volumes", items)
        stores = [path] + [p for p in self.recent_stores() if p != path]
        self.settings.setValue("recent/stores", stores[:MAX_RECENT])
        self.settings.setValue("last/store", path)
        self.settings.setValue("last/volume", volume_id)

    def recent_volumes(self) -> list[dict]:
        out = []
        for item in _as_list(self.settings.value("recent/volumes", [])):
            try:
                e = json.loads(item)
                out.append({"store": str(e["store"]), "volume": int(e["volume"]), "title": str(e.get("title", ""))})
            except (ValueError, KeyError, TypeError):
                continue
        return out

    def recent_stores(self) -> list[str]:
        return [str(p) for p in _as_list(self.settings.value("recent/stores", []))]

    def fill_volumes_menu(self, m: QMenu) -> None:
        m.clear()
        vols = list_volumes(self.store)
        if not vols:
            m.addAction(self.tr("(no volumes: import a text file)")).setEnabled(False)
        for v in vols:
            a = add_content_action(m, f"{v['id']}  {v['title']}")
            a.setCheckable(True)
            a.setChecked(v["id"] == self.session.volume_id)
            a.triggered.connect(lambda _=False, vid=v["id"]: self.session.open_volume(vid))

    def fill_recent_menu(self, m: QMenu) -> None:
        m.clear()
        for e in self.recent_volumes():
            a = m.addAction(action_text(f"{visible(e['title'], NAME)}  ({Path(e['store']).name})", None))
            a.setToolTip(plain_tooltip(e["store"]))
            a.triggered.connect(lambda _=False, e=e: self.open_recent(e["store"], e["volume"]))
        stores = self.recent_stores()
        if stores:
            m.addSeparator()
            for p in stores:
                a = add_content_action(m, p, limit=None)
                a.triggered.connect(lambda _=False, p=p: self.open_store(p))
        if m.isEmpty():
            m.addAction(self.tr("(nothing yet)")).setEnabled(False)

    def open_recent(self, store_path: str, volume_id: int) -> None:
        if Path(store_path) != self.store.path and not self.open_store(store_path, open_first=False):
            return
        if queries.volume_exists(self.store, volume_id):
            self.session.open_volume(volume_id)
        else:
            self.feedback.show_error(self.tr("That volume is no longer in the store."))

    # -- stores ---------------------------------------------------------------------------

    def _open(self, path: str, same: bool) -> Store | None:
        """The store, read-only when its file, folder or disk cannot be written (saying so)."""
        try:
            try:
                store = Store(path, read_only=cannot_be_written(path))
            except StoreDamaged as e:
                if same or not self.recover(path, e, self.feedback.parent):
                    raise
                store = Store(path)  # a backup is back in its place
            if store.read_only:
                self.feedback.show_message(read_only_notice(path))
            return store
        except YearbookError as e:
            self.feedback.show_error(str(e))
            return None

    def open_store(self, path: str, open_first: bool = True) -> bool:
        """Open another store file (locked against a second window); the first volume opens. A store
        on a network share or in a synced folder is first offered to be copied to this computer."""
        path = place_to_open(path, self.feedback.parent, tell=self.feedback.show_message,
                             warn=self.feedback.show_error)
        same = Path(path).resolve() == Path(self.store.path).resolve()
        lock = None if same else acquire_store_lock(path)
        if lock is None and not same:
            self.feedback.show_error(self.tr("The store “%1” is open in another window of Yearbook Editor: use that "
                                             "window, or close it first.").replace("%1", str(path)))
            return False
        store = self._open(path, same)
        if store is None:
            if lock is not None:
                lock.unlock()
            return False
        if not same:
            if self.store_lock is not None:
                self.store_lock.unlock()
            self.store_lock = lock
        self.session.replace_store(store)
        if self.on_store_replaced is not None:
            self.on_store_replaced(not same)
        vols = list_volumes(store)
        if open_first and vols:
            self.session.open_volume(vols[-1]["id"])
        elif not vols:
            self.feedback.show_message(self.tr("The store is empty: use File ▸ Import to add a volume."))
        return True

    def _open_copy(self, path: str, volume_id: int | None) -> None:
        if volume_id is None:
            self.open_store(path)
        else:
            self.open_recent(path, volume_id)

    def open_store_dialog(self) -> None:
        path = file_dialogs.open_file_name(self.feedback.parent, self.tr("Open Store"), str(self.store.path.parent),
                                           self.tr("Stores (*.db *.sqlite);;All files (*)"))
        if path:
            self.open_store(path)

    def new_store_dialog(self) -> None:
        path = file_dialogs.save_file_name(self.feedback.parent, self.tr("New Store"), str(self.store.path.parent),
                                           self.tr("Stores (*.db)"))
        if path:
            self.open_store(path)

    def restore_backup_dialog(self) -> RecoveryDialog:
        """File ▸ Restore from Backup…: the store's backups; restoring one closes the store, puts the
        copy in its place (the file in use kept aside, never deleted) and opens it again."""
        self.session.flush()
        dlg = RecoveryDialog(self.store.path, None, self.feedback.parent, restore=self._restore_in_place)
        dlg.accepted.connect(lambda: self.feedback.show_message(dlg.restored_sentence()))
        self.restore_dlg = dlg
        dlg.open()
        return dlg

    def _restore_in_place(self, backup: Path) -> Path | None:
        path, volume_id = self.store.path, self.session.volume_id
        for job in [*self.feedback.jobs, self.job]:  # background work on its own connections ends first
            if job is not None and job.running:
                job.cancel()
        QThreadPool.globalInstance().waitForDone(30000)
        self.store.close()
        try:
            return backups.restore_backup(path, backup, aside_as=backups.BEFORE_RESTORE)
        finally:
            self._reopen(path, volume_id)

    def _reopen(self, path: Path, volume_id: int | None) -> None:
        try:
            store = Store(path)
        except YearbookError as e:
            self.feedback.show_error(str(e))
            return
        self.session.replace_store(store)
        if self.on_store_replaced is not None:
            self.on_store_replaced(False)
        ids = [v["id"] for v in list_volumes(store)]
        if ids:
            self.session.open_volume(volume_id if volume_id in ids else ids[-1])

    def export_dialog(self):
        """The export dialog: format, options, file; runs in the background."""
        from ..export_dialog import ExportDialog

        if self.session.volume_id is None:
            return None
        self.session.flush()
        dlg = ExportDialog(self.session, self.panes.outline.model, self.feedback.parent)
        self.export_dlg = dlg
        dlg.open()
        return dlg

    # -- import (menu and drop) ---------------------------------------------------------

    def import_json_dialog(self) -> None:
        paths = file_dialogs.open_file_names(self.feedback.parent, self.tr("Import Volume JSON"), "",
                                             self.tr("Volume JSON (*.json);;All files (*)"))
        if paths:
            self.import_files(paths)

    def import_dialog(self) -> None:
        paths = file_dialogs.open_file_names(self.feedback.parent, self.tr("Import Text File"), "",
                                             self.tr("Text files and volume JSON (*.txt *.json);;All files (*)"))
        if paths:
            self.import_files(paths)

    def import_files(self, paths: list[str]) -> Job | None:
        """Import in the background (own store connection, read-only when the window's is);
        opens the last imported volume."""
        if self.job is not None and self.job.running:
            self.feedback.show_message(self.tr("Another import is still running."))
            return None
        job = Job(", ".join(Path(p).name for p in paths), self)
        job.finished.connect(self._import_finished)
        job.failed.connect(self.feedback.show_error)
        job.cancelled.connect(lambda: self.feedback.show_message(self.tr("Import cancelled; nothing was stored.")))
        self.job = job
        self.feedback.show_job(job, self.tr("Importing %1").replace("%1", visible(job.title, NAME, one_line=True)))
        work = import_paths(self.store.path, paths, self.session.author, self.store.read_only)
        return run_in_background(job, work)

    def _import_finished(self, result) -> None:
        results, errors = result
        if errors:
            self.feedback.show_error("\n\n".join(errors))
        if results:
            last = results[-1]
            if not last.created:
                self.feedback.show_message(self.tr("“%1” is already in the store; it was opened, not imported again.")
                                           .replace("%1", last.title))
            self.session.open_volume(last.volume_id)

    @staticmethod
    def dropped_files(mime) -> list[str]:
        if not mime.hasUrls():
            return []
        urls: list[QUrl] = mime.urls()
        return [u.toLocalFile() for u in urls if u.isLocalFile() and Path(u.toLocalFile()).is_file()]

    def close(self) -> None:
        self.watch.timer.stop()
        if self.job is not None and self.job.running:
            self.job.cancel()


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]
