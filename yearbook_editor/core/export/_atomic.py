"""Atomic file writing: a temporary file beside the target, flushed to disk, then renamed.

An interrupted or failed export never leaves a partial file under the target name, and an
existing file there stays as it was until the new one is complete.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from ..errors import DiskFull, YearbookError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()  # read once: os.umask is process-wide and exports run on worker threads


def write_atomic(path: str | Path, data: bytes) -> Path:
    path = Path(path)
    if path.is_dir():
        raise YearbookError(f"“{path}” 是一个文件夹，请给出文件名。")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except FileNotFoundError:
        raise YearbookError(f"无法写入 “{path}”：文件夹 “{folder}” 不存在。") from None
    except PermissionError:
        raise YearbookError(f"无法写入 “{path}”：没有写入文件夹 “{folder}” 的权限。") from None
    try:
        try:
            try:  # mkstemp makes the file private; give it the mode a new file would have
                os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_UMASK)
            except OSError:
                pass
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError as e:
        if e.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFull(path) from None
        if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise YearbookError(f"无法写入 “{path}”：没有写入权限（文件可能在别的程序中打开，或位置只读）。") from None
        raise YearbookError(f"写入 “{path}” 失败：{e.strerror or e}") from None
    return path
