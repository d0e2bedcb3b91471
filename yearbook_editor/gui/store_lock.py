"""One app window per store: a lock file beside the store (``<store>.lock``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile


def lock_path(store_path: str | Path) -> Path:
    """The lock file beside a store: ``<store>.lock`` (one app window per store)."""
    return Path(str(store_path) + ".lock")


def acquire_store_lock(store_path: str | Path) -> QLockFile | None:
    """Lock a store for this process; None when another running instance has it.
    A lock left by a program that crashed is taken over (Qt checks the process id)."""
    path = lock_path(store_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # never stale by age: the app keeps the store open for hours
    if lock.tryLock(200):
        return lock
    if lock.error() == QLockFile.LockError.PermissionError:
        return QLockFile("")  # a read-only folder: nothing to lock with, nothing to protect against
    return None
