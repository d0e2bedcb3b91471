"""What every command group of the command line shares: the store it works on, the author
of its revisions, progress on stderr and the nodes an editor names."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ..core.location import risky_location
from ..core.store import Store, cannot_be_written, default_store_path
from ..core.volumes import default_author

EXIT_ERROR = 1
EXIT_USAGE = 2


class StderrProgress:
    """Progress lines on stderr: one line per phase, percentages when the total is known."""

    def __init__(self, label: str, quiet: bool):
        self.label, self.quiet = label, quiet
        self._last_msg = None
        self._last_t = 0.0

    def __call__(self, done: int, total: int, message: str = "") -> None:
        if self.quiet:
            return
        now = time.monotonic()
        if message != self._last_msg or now - self._last_t > 1.0:
            pct = f" {100 * done // total}%" if total else ""
            print(f"{self.label}: {message}{pct}", file=sys.stderr, flush=True)
            self._last_msg, self._last_t = message, now


def store_path(args) -> Path:
    return Path(args.db) if args.db else default_store_path()


def warn_if_risky(path: Path) -> None:
    """One warning sentence on stderr when the store lies on a network share or in a synced
    folder (OneDrive, 坚果云 …), where SQLite's locks and WAL are not safe."""
    found = risky_location(path)
    if found is not None:
        print(f"警告：{found.sentence(path)}", file=sys.stderr)


def open_store(args, *, reading: bool) -> Store:
    """The store of ``--db``; a command that only reads (``reading``) opens a store that cannot
    be written (a read-only file, folder or medium) read-only instead of refusing. A store on a
    network share or in a synced folder is opened with a warning (:func:`warn_if_risky`)."""
    path = store_path(args)
    warn_if_risky(path)
    if reading and cannot_be_written(path):
        store = Store(path, read_only=True)
        if not args.quiet:
            print(f"资料库 “{path}” 不能写入，已以只读方式打开。", file=sys.stderr)
        return store
    return Store(path)


def author(args) -> str:
    return args.author or default_author()
