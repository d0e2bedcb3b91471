"""Is a store file still whole? The open-time check and its memory of the last good state.

SQLite's ``PRAGMA quick_check`` reads every page of the file (about a second for a store of
a dozen volumes), so it runs only when the file changed since this program last saw it whole:
after another program (the command line, a sync client, a disk fault) touched it. What
"last seen whole" means is a *signature* of the store's files — size and modification time of
the database and of its ``-wal`` — kept in a small JSON file in the user's cache folder,
written after a check passed and again when the last connection of a process closes.

Nothing here opens the database file itself: a plain ``open()`` and ``close()`` of a file that
SQLite holds drops every POSIX lock the process has on it (SQLite's own documentation, "How
To Corrupt An SQLite Database File", 2.2), after which another process may delete the WAL
under a connection that is still writing. ``os.stat`` is safe.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from pathlib import Path

_lock = threading.Lock()
#: File identities (device, inode) with a live connection in this process → count. A file
#: checked when its first connection opened is not checked again for the others: what changed
#: it since then is this process's own committed writes.
_live: dict[tuple[int, int], int] = {}


def file_identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def signature(path: Path) -> list[int]:
    """Size and mtime (ns) of the database and of its -wal (-1 when absent)."""
    out: list[int] = []
    for p in (path, Path(f"{path}-wal")):
        try:
            st = os.stat(p)
            out += [st.st_size, st.st_mtime_ns]
        except OSError:
            out += [-1, -1]
    return out


def _record_file() -> Path:
    override = os.environ.get("YEARBOOK_CHECK_RECORD")
    if override:
        return Path(override)
    from .resources import cache_folder

    return cache_folder() / "store-checks.json"


def _key(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:
        return str(path.absolute())


def _read_record() -> dict:
    try:
        data = json.loads(_record_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remember_good(path: Path) -> None:
    """Record the store's current signature as seen whole (best effort: a missing record only
    costs one more check)."""
    record_file = _record_file()
    with _lock:
        data = _read_record()
        data[_key(path)] = signature(path)
        if len(data) > 200:  # forget the stores opened longest ago
            data = dict(list(data.items())[-200:])
        tmp = record_file.with_name(f"{record_file.name}.{os.getpid()}.tmp")
        try:
            record_file.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, record_file)
        except OSError:
            try:
                tmp.unlink()
            except OSError:
                pass


def forget(path: Path) -> None:
    """Drop the record of a store (after it was found damaged or replaced by a backup)."""
    with _lock:
        data = _read_record()
        if data.pop(_key(path), None) is not None:
            try:
                _record_file().write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            except OSError:
                pass


def needs_check(path: Path) -> bool:
    """True unless the file is unchanged since it was last seen whole, or this process already
    has it open (and checked it then)."""
    ident = file_identity(path)
    with _lock:
        if ident is not None and _live.get(ident, 0) > 0:
            return False
    return _read_record().get(_key(path)) != signature(path)


def quick_check(conn: sqlite3.Connection) -> list[str]:
    """SQLite's quick_check ([] when whole). Raises sqlite3.DatabaseError when the file is too
    damaged to be read at all."""
    rows = [r[0] for r in conn.execute("PRAGMA quick_check(20)").fetchall()]
    return [] if rows == ["ok"] else rows


def opened(path: Path) -> tuple[int, int] | None:
    ident = file_identity(path)
    if ident is not None:
        with _lock:
            _live[ident] = _live.get(ident, 0) + 1
    return ident


def closed(path: Path, ident: tuple[int, int] | None, whole: bool) -> None:
    """A connection closed; the last one of the process records the signature when the store
    was whole throughout."""
    last = True
    if ident is not None:
        with _lock:
            n = _live.get(ident, 1) - 1
            if n > 0:
                _live[ident] = n
                last = False
            else:
                _live.pop(ident, None)
    if last and whole:
        remember_good(path)


def live_identities() -> set[tuple[int, int]]:
    """File identities this process has a store connection to."""
    with _lock:
        return set(_live)
