"""The store's backups: rolling copies beside it, what each holds, and putting one back.

``backups/<store file name>.<YYYYmmdd-HHMMSS>.bak`` beside the store, made with SQLite's
backup API when the app opens the store (at most every ten minutes, the newest five kept).
When a store is found damaged, :func:`backup_infos` says what each copy holds (time, volumes,
size, whether it is whole) and :func:`restore_backup` moves the damaged file aside — never
deleting it — and puts the chosen copy in its place.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import integrity
from .errors import StoreError
from .store import APPLICATION_ID, Store, os_error_reason

BACKUP_FOLDER = "backups"
_STAMP = "%Y%m%d-%H%M%S"
#: A temporary copy older than this is left over from a killed run (a backup takes seconds).
STALE_TMP_S = 600.0


def _backup_pattern(store_path: Path) -> re.Pattern:
    return re.compile(re.escape(store_path.name) + r"\.(\d{8}-\d{6})(?:-(\d+))?\.bak")


def list_backups(store_path: str | Path) -> list[Path]:
    """The rolling backups of a store, oldest first (only files named by :func:`rolling_backup`)."""
    store_path = Path(store_path)
    folder = store_path.parent / BACKUP_FOLDER
    pattern = _backup_pattern(store_path)
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for f in entries:
        m = pattern.fullmatch(f.name)
        if m and f.is_file():
            found.append(((m.group(1), int(m.group(2) or 0)), f))
    return [f for _key, f in sorted(found)]


def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def clean_leftovers(store_path: str | Path, *, now: float | None = None) -> list[Path]:
    """Delete temporary copies left by a killed backup or restore (``*.tmp`` named after this
    store, in its folder and in backups/, older than :data:`STALE_TMP_S`). Returns them."""
    store_path = Path(store_path)
    now = time.time() if now is None else now
    pattern = re.compile(re.escape(store_path.name) + r"\..*\.tmp")
    removed = []
    for folder in (store_path.parent, store_path.parent / BACKUP_FOLDER):
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for f in entries:
            try:
                if pattern.fullmatch(f.name) and f.is_file() and now - f.stat().st_mtime > STALE_TMP_S:
                    f.unlink()
                    removed.append(f)
            except OSError:
                pass
    return removed


def rolling_backup(store: Store, keep: int = 5, *, min_age_s: float = 600.0, now: datetime | None = None) -> Path | None:
    """Copy the store (SQLite backup API) into ``backups/`` beside it; keep the newest ``keep``.

    Meant to be called when the app opens a store. Skipped (returns None) when the newest
    backup is younger than ``min_age_s`` seconds, or when the store has not changed since it
    (a copy identical to the newest backup is discarded, so unchanged stores do not push
    older, different backups out). Returns the new backup's path. Only files named the way
    this function names them are ever deleted. Raises :class:`StoreError` (or
    :class:`DiskFull`) with a plain message when the backup cannot be written; the store
    itself is never touched, so a caller may show the message and carry on.
    """
    if keep < 1:
        raise ValueError("keep must be at least 1")
    now = now or datetime.now()
    clean_leftovers(store.path)
    folder = store.path.parent / BACKUP_FOLDER
    existing = list_backups(store.path)
    newest = existing[-1] if existing else None
    if newest is not None:
        stamp = _backup_pattern(store.path).fullmatch(newest.name).group(1)
        try:
            age = (now - datetime.strptime(stamp, _STAMP)).total_seconds()
        except ValueError:
            age = float("inf")
        if 0 <= age < min_age_s:
            return None
    try:
        folder.mkdir(exist_ok=True)
    except OSError as e:
        raise StoreError(f"无法创建备份文件夹 “{folder}”：{os_error_reason(e)}。资料库本身没有改动。") from None
    name = f"{store.path.name}.{now.strftime(_STAMP)}.bak"
    n = 1
    while (folder / name).exists():
        n += 1
        name = f"{store.path.name}.{now.strftime(_STAMP)}-{n}.bak"
    target = store.backup(folder / name)
    try:
        if newest is not None and newest.stat().st_size == target.stat().st_size:
            if _file_digest(newest) == _file_digest(target):
                target.unlink()
                return None
    except OSError:
        pass  # cannot compare: keep the new backup
    for old in list_backups(store.path)[:-keep]:
        try:
            old.unlink()
        except OSError:
            pass
    return target


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime | None  # from the file name
    size: int
    volumes: int | None  # None: the copy cannot be read
    whole: bool  # SQLite's quick_check passed and it is one of our stores
    titles: tuple[str, ...] = ()


def backup_info(path: str | Path) -> BackupInfo:
    """What a backup holds, read through SQLite without changing it."""
    path = Path(path)
    m = re.search(r"\.(\d{8}-\d{6})(?:-\d+)?\.bak$", path.name)
    taken = None
    if m:
        try:
            taken = datetime.strptime(m.group(1), _STAMP)
        except ValueError:
            pass
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    volumes, whole, titles = None, False, ()
    try:
        conn = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)
        try:
            ours = conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
            whole = ours and integrity.quick_check(conn) == []
            if ours:
                rows = conn.execute("SELECT title FROM volumes ORDER BY id").fetchall()
                titles = tuple(r[0] for r in rows)
                volumes = len(rows)
        finally:
            conn.close()
    except sqlite3.Error:
        whole = False
    return BackupInfo(path, taken, size, volumes, whole, titles)


def backup_infos(store_path: str | Path) -> list[BackupInfo]:
    """Every rolling backup of a store, newest first."""
    return [backup_info(p) for p in reversed(list_backups(store_path))]


#: what a restore calls the file it moves aside: a damaged store, or a whole one the editor
#: chose to take back to an earlier copy (File ▸ Restore from Backup…)
DAMAGED, BEFORE_RESTORE = "damaged", "before-restore"


def restore_backup(store_path: str | Path, backup: str | Path, *, now: datetime | None = None,
                   aside_as: str = DAMAGED) -> Path | None:
    """Put a backup in the store's place. The store file (with its ``-wal``/``-shm``) is first
    moved aside as ``<name>.damaged-<time>`` (``aside_as``: :data:`DAMAGED` or
    :data:`BEFORE_RESTORE`) — nothing is deleted — and returned (None when there was no store
    file). The caller must have closed its connections to the store; a copy that is not one
    of our whole stores is refused before anything moves."""
    if aside_as not in (DAMAGED, BEFORE_RESTORE):
        raise ValueError(f"aside_as must be {DAMAGED!r} or {BEFORE_RESTORE!r}")
    store_path, backup = Path(store_path), Path(backup)
    info = backup_info(backup)
    if not info.whole:
        raise StoreError(f"备份 “{backup}” 无法读取或已损坏，不能用来恢复；资料库没有改动。")
    if integrity.file_identity(store_path) in integrity.live_identities():
        raise StoreError(f"资料库 “{store_path}” 仍在本程序中打开，请先关闭再恢复。")
    stamp = (now or datetime.now()).strftime(_STAMP)
    tmp = store_path.with_name(f"{store_path.name}.restore-{os.getpid()}.tmp")
    try:
        shutil.copyfile(backup, tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
    except OSError as e:
        _unlink(tmp)
        raise StoreError(f"无法复制备份 “{backup}”：{os_error_reason(e)}。资料库没有改动。") from None
    aside = None
    try:
        if store_path.exists():
            aside = store_path.with_name(f"{store_path.name}.{aside_as}-{stamp}")
            n = 1
            while aside.exists():
                n += 1
                aside = store_path.with_name(f"{store_path.name}.{aside_as}-{stamp}-{n}")
            os.replace(store_path, aside)
            for suffix in ("-wal", "-shm"):
                extra = Path(f"{store_path}{suffix}")
                if extra.exists():
                    os.replace(extra, Path(f"{aside}{suffix}"))
        os.replace(tmp, store_path)
    except OSError as e:
        _unlink(tmp)
        where = f"原文件已移到 “{aside}”。" if aside is not None and aside.exists() else "资料库没有改动。"
        raise StoreError(f"无法用备份替换资料库 “{store_path}”：{os_error_reason(e)}。{where}") from None
    integrity.forget(store_path)
    return aside


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
