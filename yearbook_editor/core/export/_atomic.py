"""Atomic file writing: a temporary file beside the target, flushed to disk, then renamed.

An interrupted or failed export never leaves a partial file under the target name, and an
existing file there stays as it was until the new one is complete. Only regular files are
written: a device, pipe or socket under the target name is refused (renaming over it would
replace, say, ``/dev/full`` with a file), and a symbolic link is followed, so the link stays
and the file it points to is replaced.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from ..errors import DiskFull, YearbookError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()  # read once: os.umask is process-wide and exports run on worker threads


def _os_error(path: Path, folder: Path, e: OSError) -> YearbookError:
    """An OSError while writing ``path`` as one plain sentence (nothing to fix in the code)."""
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


def write_atomic(path: str | Path, data: bytes) -> Path:
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
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
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
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError as e:
        raise _os_error(path, folder, e) from None
    return path
