"""Atomic file writing: a temporary file beside the target, flushed to disk, then renamed.

An interrupted or failed export never leaves a partial file under the target name, and an
existing file there stays as it was until the new one is complete. Only regular files are
written: a device, pipe or socket under the target name is refused (renaming over it would
replace, say, ``/dev/full`` with a file), and a symbolic link is followed, so the link stays
and the file it points to is replaced. An existing read-only file is replaced only when the
caller says so (``replace_read_only``); otherwise :class:`TargetReadOnly` is raised.

The temporary file is named ``.<name>.yearbook-export-<pid>-<random>.part``. One left behind
by a killed run is removed by the next write into the same folder, once it is older than the
current process and the process named in it is gone (on Windows: once it can be deleted,
which a file still open elsewhere cannot be).

On Windows an antivirus scanner, the search indexer or a sync client often holds a file that
was just written (or the target) open for a moment; the rename then fails with a sharing
violation. It is tried again for about a second and a half (:func:`replace_retrying`) before
the editor is told, in one sentence, that another program holds the file; the temporary file
is removed whatever happens (made writable first: Windows does not delete a read-only file).
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path

from ..errors import DiskFull, TargetReadOnly, YearbookError

_PART = re.compile(r"\..*\.yearbook-export-(\d+)-[a-z0-9_]{8}\.part", re.DOTALL)
_PART_NAME_CHARS = 40  # of the target's name in the temporary name (keeps it under 255 bytes)
_STARTED = time.time()  # no temporary file older than this was written by this process


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()  # read once: os.umask is process-wide and exports run on worker threads


#: Windows errors of a file held open by another program: ERROR_SHARING_VIOLATION (32),
#: ERROR_LOCK_VIOLATION (33), and ERROR_ACCESS_DENIED (5), which MoveFileEx reports when the
#: target is open without delete sharing (a scanner or Word holding it).
SHARING_VIOLATIONS = frozenset({5, 32, 33})
#: Pauses between tries of a rename that met a sharing violation (1.55 s in all).
REPLACE_WAITS = (0.05, 0.1, 0.2, 0.4, 0.8)


def held_by_another_program(e: OSError) -> bool:
    """True when ``e`` is Windows saying another program holds the file open."""
    return isinstance(e, PermissionError) and getattr(e, "winerror", None) in SHARING_VIOLATIONS


def replace_retrying(source: str | Path, target: str | Path, waits=REPLACE_WAITS) -> None:
    """``os.replace(source, target)``, tried again after each pause in ``waits`` while another
    program holds one of the files (Windows); any other error is raised at once."""
    for wait in waits:
        try:
            os.replace(source, target)
            return
        except PermissionError as e:
            if not held_by_another_program(e):
                raise
        time.sleep(wait)
    os.replace(source, target)


def _discard(tmp: str) -> None:
    """Remove a temporary file, read-only or not; never raises."""
    try:
        os.unlink(tmp)
    except PermissionError:
        try:  # Windows refuses to delete a read-only file
            os.chmod(tmp, stat.S_IWRITE | stat.S_IREAD)
            os.unlink(tmp)
        except OSError:
            pass
    except OSError:
        pass


def _os_error(path: Path, folder: Path, e: OSError) -> YearbookError:
    """An OSError while writing ``path`` as one plain sentence (nothing to fix in the code)."""
    if held_by_another_program(e) and e.winerror != 5:
        return YearbookError(f"无法写入 “{path}”：文件正被其他程序占用（如 Word、WPS、杀毒软件或同步盘），"
                             "请关闭该程序或稍候再试。")
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull(path)
    if e.errno == errno.EFBIG:
        return YearbookError(f"无法写入 “{path}”：文件太大，目标位置（如 FAT32 格式的 U 盘）存不下这么大的文件。")
    if e.errno == errno.EROFS:
        return YearbookError(f"无法写入 “{path}”：文件夹 “{folder}” 位于只读的位置（如光盘、只读共享或写保护的 U 盘）。"
                             "请选择其他位置。")
    if e.errno in (errno.EACCES, errno.EPERM):
        return YearbookError(f"无法写入 “{path}”：没有写入权限（文件可能在别的程序中打开，或位置只读）。")
    if e.errno == errno.ENOENT:
        return YearbookError(f"无法写入 “{path}”：文件夹 “{folder}” 不存在。")
    if e.errno == errno.ENOTDIR:
        return YearbookError(f"无法写入 “{path}”：路径中的 “{folder}” 不是文件夹。")
    if e.errno == errno.ENAMETOOLONG:
        return YearbookError(f"无法写入 “{path}”：文件名或路径太长，请换一个短一些的名字。")
    if e.errno == errno.EISDIR:
        return YearbookError(f"“{path}” 是一个文件夹，请给出文件名。")
    return YearbookError(f"写入 “{path}” 失败：{e.strerror or e}")


def is_read_only(path: str | Path) -> bool:
    """True when ``path`` is an existing file that is marked read-only or that this process
    may not write (the mode is checked too: an administrator may write anything)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) and (not mode & 0o222 or not os.access(path, os.W_OK))


def _process_gone(pid: int) -> bool:
    if os.name == "nt":
        return True  # os.kill would end it; a file still in use cannot be deleted there anyway
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # exists (belongs to someone else)
    return pid == os.getpid()  # ours, yet older than us: the number was used before


def remove_stale_parts(folder: str | Path) -> list[Path]:
    """Remove the temporary files of killed exports in ``folder``; returns what was removed."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _PART.fullmatch(entry.name)
        if not m:
            continue
        try:
            if not entry.is_file(follow_symlinks=False) or entry.stat(follow_symlinks=False).st_mtime >= _STARTED:
                continue
            if _process_gone(int(m.group(1))):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue  # in use, or not ours to delete: leave it
    return removed


def _temporary(folder: Path, name: str) -> tuple[int, str]:
    """A new private file for the export in ``folder``: (descriptor, path)."""
    return tempfile.mkstemp(prefix=f".{name[:_PART_NAME_CHARS]}.yearbook-export-{os.getpid()}-", suffix=".part",
                            dir=folder)


def write_atomic(path: str | Path, data: bytes, *, replace_read_only: bool = False) -> Path:
    path = Path(path)
    try:
        if path.is_symlink():
            path = path.resolve()  # keep the link: replace the file it points to
        if path.is_dir():
            raise YearbookError(f"“{path}” 是一个文件夹，请给出文件名。")
        mode = path.stat().st_mode if path.exists() else None
    except OSError as e:
        raise _os_error(path, path.parent, e) from None
    if mode is not None and not stat.S_ISREG(mode):
        raise YearbookError(f"“{path}” 不是普通文件（可能是设备或管道），不能写入导出内容。请换一个文件名。")
    if mode is not None and not replace_read_only and is_read_only(path):
        raise TargetReadOnly(path)
    folder = path.parent if str(path.parent) else Path(".")
    remove_stale_parts(folder)
    try:
        fd, tmp = _temporary(folder, path.name)
    except OSError as e:
        raise _os_error(path, folder, e) from None
    try:
        try:
            try:  # mkstemp makes the file private; give it the mode a new file would have
                os.chmod(tmp, mode & 0o7777 if mode is not None else 0o666 & ~_UMASK)
            except OSError:
                pass
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            unlocked = mode is not None and os.name == "nt" and not mode & stat.S_IWRITE
            if unlocked:
                os.chmod(path, stat.S_IWRITE)  # Windows does not rename over a read-only file
            try:
                replace_retrying(tmp, path)
            except BaseException:
                if unlocked:  # the old file stays, and stays read-only
                    try:
                        os.chmod(path, mode & 0o7777)
                    except OSError:
                        pass
                raise
        except BaseException:
            _discard(tmp)
            raise
    except OSError as e:
        raise _os_error(path, folder, e) from None
    return path
