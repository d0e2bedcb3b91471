"""What every export does around its reading and writing.

* **One moment.** Everything an export reads is read inside one read transaction
  (:meth:`Store.snapshot`), so an export taken while another process or the app's own
  typing edits the volume is the volume as of one moment (a volume JSON always imports
  back and verifies).
* **Verified first.** In that same snapshot ``verify_volume`` rebuilds the current text
  from the source and the revisions; if they disagree (bit rot, a damaged store) the export
  is refused with :class:`VolumeDoesNotVerify` and nothing is written.
* **Never onto the store.** A target that is the store itself, its ``-wal``/``-shm``/
  ``-journal`` file, a migration backup beside it or a file in its ``backups/`` folder is
  refused (:class:`WouldOverwriteStore`), compared as the same file (symbolic and hard links)
  and by name in the same folder (ignoring case where the file system does).
* **Read-only targets** are refused (:class:`TargetReadOnly`) unless the options say to
  replace them; the check is made before any work, and again when writing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..backups import BACKUP_FOLDER
from ..edits import verify_volume
from ..errors import TargetReadOnly, VolumeDoesNotVerify, WouldOverwriteStore
from ..progress import NO_PROGRESS, Progress
from ..queries import volume_title
from ..store import Store
from ._atomic import is_read_only, write_atomic
from .document import ExportOptions

#: Files SQLite keeps beside a store (suffixes of its name).
_COMPANIONS = ("", "-wal", "-shm", "-journal")


def _samefile(a, b) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _same_folder(a: Path, b: Path) -> bool:
    return _samefile(a, b) or os.path.realpath(a) == os.path.realpath(b)


def _ignores_case(folder: Path, name: str) -> bool:
    """Whether names in ``folder`` ignore case, tried on the existing file ``name``."""
    other = name.swapcase()
    if other != name and (folder / name).exists():
        return _samefile(folder / name, folder / other)
    return os.path.normcase("A") == "a"  # cannot tell from this name: the system's rule


def _store_name(name: str, store_name: str) -> bool:
    """A name SQLite or the store's own backups use beside the store file."""
    if name in {store_name + c for c in _COMPANIONS}:
        return True
    # 'NAME.v1.bak' before a migration, '….tmp' while a copy is written, 'NAME.damaged-<time>'
    # and 'NAME.before-restore-<time>' (with their own companions) where a restore moved the
    # store aside
    if not name.startswith(store_name + "."):
        return False
    rest = name[len(store_name) + 1:]
    return rest.endswith((".bak", ".tmp")) or rest.startswith(("damaged-", "before-restore-"))


def store_file_targeted(store_path: str | Path, target: str | Path) -> bool:
    """True when writing ``target`` would write over the store, its companions or backups."""
    store_path, target = Path(store_path), Path(target)
    real = Path(os.path.realpath(target))  # symbolic links followed, the last one too
    real_store = Path(os.path.realpath(store_path))
    for base in {store_path, real_store}:
        if any(_samefile(base.with_name(base.name + c), real) for c in _COMPANIONS):
            return True  # the very file, under any name
        if (base.parent / BACKUP_FOLDER).is_dir() and _same_folder(real.parent, base.parent / BACKUP_FOLDER):
            return True
        if _same_folder(real.parent, base.parent):
            name, store_name = real.name, base.name
            if _ignores_case(base.parent, base.name):
                name, store_name = name.casefold(), store_name.casefold()
            if _store_name(name, store_name):
                return True
    return False


def check_targets(store: Store, targets: Iterable[str | Path], options: ExportOptions) -> None:
    """Refuse, before any work, targets that are the store's files or read-only."""
    for target in targets:
        if store_file_targeted(store.path, target):
            raise WouldOverwriteStore(target, store.path)
        if not options.replace_read_only and is_read_only(target):
            raise TargetReadOnly(target)


def write_export(store: Store, path: str | Path, data: bytes, options: ExportOptions) -> Path:
    """Write one export file atomically, after checking the target once more."""
    check_targets(store, [path], options)
    return write_atomic(path, data, replace_read_only=options.replace_read_only)


@contextmanager
def volume_snapshot(store: Store, volume_id: int, targets: Iterable[str | Path], options: ExportOptions,
                    progress: Progress = NO_PROGRESS) -> Iterator[None]:
    """The export's targets checked, then one read transaction in which the volume is first
    verified and then read by the export."""
    check_targets(store, targets, options)
    with store.snapshot():
        progress(0, 0, "核对卷册")
        problems = verify_volume(store, volume_id)
        if problems:
            raise VolumeDoesNotVerify(volume_title(store, volume_id) or str(volume_id), problems)
        yield
