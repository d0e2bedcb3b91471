"""Is a store in a place where SQLite is not safe: a network share or a synced folder?

SQLite's locks (and its WAL, which needs shared memory between the processes using a store)
do not hold over SMB/NFS shares, and a sync client (OneDrive, 坚果云, Dropbox, iCloud Drive …)
copies, uploads and sometimes replaces the file and its -wal/-shm companions underneath the
program: both can corrupt a store or lose revisions. :func:`risky_location` says whether a path
lies in such a place, so the app can warn and offer to work on a copy on the local disk
(:func:`copy_to_local`), and the command line can print a warning.

Told from the path and the system, never by opening the file:
- Windows: UNC paths (``\\\\server\\share\\…``), drive letters the system reports as network
  drives (``GetDriveTypeW`` = DRIVE_REMOTE), OneDrive's folders named in the environment
  (``OneDrive``, ``OneDriveCommercial``, ``OneDriveConsumer``);
- macOS: iCloud Drive (``~/Library/Mobile Documents``), the File Provider folders of OneDrive,
  Dropbox, Google Drive, Box … (``~/Library/CloudStorage``), network file systems (smbfs,
  afpfs, nfs, webdav) from ``mount``;
- Linux: network file systems (nfs, cifs/smb3, sshfs, davfs, GNOME's gvfs …) from
  /proc/self/mounts;
- everywhere: a folder of the path named as a sync client names its folder (OneDrive,
  OneDrive - 单位, 坚果云, 我的坚果云, Nutstore, Dropbox, iCloudDrive, Google Drive, 百度网盘同步空间 …).

Not seen: "Desktop and Documents in iCloud" on macOS and folders a user chose to sync under
another name (a sync client records those in its own settings).
"""

from __future__ import annotations

import ntpath
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

from .errors import YearbookError
from .store import Store, os_error_reason

NETWORK = "network"
SYNCED = "synced"

#: Folder names sync clients give their folders, and the client's name in a sentence.
SYNC_FOLDERS: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), name)
    for pattern, name in (
        (r"onedrive( ?- ?.+)?|onedrive-.+", "OneDrive"),
        (r"(我的)?坚果云|nutstore( files)?|nutstorefiles", "坚果云"),
        (r"dropbox( \(.+\))?|dropbox-.+", "Dropbox"),
        (r"icloud ?drive|iclouddrive|mobile documents", "iCloud 云盘"),
        (r"google ?drive|googledrive-.+|my drive|我的云端硬盘", "Google 云端硬盘"),
        (r"box sync|box-box", "Box"),
        (r"百度网盘同步空间|baidunetdiskworkspace|baidusyncdisk", "百度网盘同步空间"),
        (r"wps ?云盘|wpsdrive", "WPS 云盘"),
        (r"seafile|seadrive|nextcloud|owncloud|synologydrive|syncthing|resilio sync", "同步盘"),
    )
)
#: File systems that live on another machine (Linux /proc/self/mounts, macOS mount).
NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afpfs", "webdav", "davfs", "fuse.davfs2", "ncpfs",
    "fuse.sshfs", "sshfs", "fuse.rclone", "fuse.gvfsd-fuse", "ceph", "glusterfs", "fuse.glusterfs", "lustre",
    "afs", "9p", "fuse.s3fs", "fuse.juicefs", "fuse.cryfs",
})
_DRIVE_REMOTE = 4  # GetDriveTypeW


@dataclass(frozen=True)
class StoreLocation:
    kind: str  # NETWORK or SYNCED
    service: str  # "网络共享", "OneDrive", "坚果云" …
    root: str  # the share, mount point or synced folder

    def sentence(self, store_path: str | Path) -> str:
        """One sentence for the editor: where the store is, what can happen, what to do."""
        if self.kind == NETWORK:
            return (f"资料库 “{store_path}” 位于网络共享 “{self.root}” 上，SQLite 在网络共享上的锁不可靠，"
                    "几人同时使用或网络中断都可能损坏资料库，建议复制到本机磁盘上工作。")
        return (f"资料库 “{store_path}” 位于{self.service}同步文件夹 “{self.root}” 中，同步程序可能在写入途中"
                "复制或覆盖它而损坏资料库，建议复制到不同步的本机文件夹中工作。")


def risky_location(path: str | Path, *, system: str | None = None, environ: dict | None = None,
                   mounts: list[tuple[str, str]] | None = None, drive_type=None) -> StoreLocation | None:
    """Where ``path`` lies, if it is a network share or a synced folder; None for a local disk.

    The keyword arguments stand in for the system in tests: ``system`` ('win32', 'darwin',
    'linux'), ``environ``, ``mounts`` (mount point, file-system type) and ``drive_type``
    (a function from a drive root such as 'Z:\\\\' to GetDriveTypeW's answer)."""
    system = system or sys.platform
    environ = os.environ if environ is None else environ
    windows = system == "win32"
    p = _absolute(path, windows)
    if windows:
        found = _windows_network(p, drive_type)
        if found:
            return found
        for var in ("OneDrive", "OneDriveCommercial", "OneDriveConsumer"):
            folder = environ.get(var)
            if folder and _is_within(p, PureWindowsPath(folder), ignore_case=True):
                return StoreLocation(SYNCED, "OneDrive", folder)
    else:
        if system == "darwin":
            found = _macos_cloud(p, environ)
            if found:
                return found
        if mounts is None:
            mounts = _mounts(system)
        found = _network_mount(p, mounts)
        if found:
            return found
    return _sync_folder(p)


def local_copy_path(store_path: str | Path, folder: str | Path | None = None) -> Path:
    """Where to put a copy of a store to work on locally: the user's data folder (or
    ``folder``), under the store's own name, numbered when that name is taken. Copy with
    ``Store(store_path, read_only=True).backup(local_copy_path(store_path))``."""
    if folder is None:
        import platformdirs

        folder = Path(platformdirs.user_data_dir("yearbook_editor", appauthor=False)) / "本机副本"
    folder = Path(folder)
    name = Path(str(store_path).replace("\\", "/")).name or "yearbook.db"
    stem, suffix = os.path.splitext(name)
    target, n = folder / name, 1
    while target.exists():
        n += 1
        target = folder / f"{stem} ({n}){suffix}"
    return target


def copy_to_local(store_path: str | Path, folder: str | Path | None = None) -> Path:
    """Copy a store to :func:`local_copy_path` (the user's data folder, or ``folder``) with
    SQLite's backup API, which copies a consistent state even while another program uses it
    (its -wal included), and return the copy's path. The store itself is only read."""
    target = local_copy_path(store_path, folder)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise YearbookError(f"无法在 “{target.parent}” 中建立本机副本：{os_error_reason(e)}。") from None
    with Store(store_path, read_only=True) as store:
        store.backup(target)
    return target


# -- the pieces -----------------------------------------------------------------------------


def _absolute(path: str | Path, windows: bool) -> PurePath:
    text = os.fspath(path)
    if windows:
        if sys.platform == "win32":
            try:
                text = os.path.realpath(text)  # a mapped drive or symbolic link to a share shows as such
            except OSError:
                text = os.path.abspath(text)
        return PureWindowsPath(text)
    if sys.platform != "win32":
        text = os.path.realpath(text)
    return PurePosixPath(text)


def _is_within(p: PurePath, folder: PurePath, *, ignore_case: bool = False) -> bool:
    a, b = p.parts, folder.parts
    if ignore_case:
        a, b = tuple(x.casefold() for x in a), tuple(x.casefold() for x in b)
    return len(b) > 0 and a[: len(b)] == b


def _windows_network(p: PureWindowsPath, drive_type) -> StoreLocation | None:
    text = str(p)
    if text.startswith("\\\\?\\UNC\\"):
        text = "\\\\" + text[8:]
    elif text.startswith(("\\\\?\\", "\\\\.\\")):
        text = text[4:]
    drive, _rest = ntpath.splitdrive(text)
    if drive.startswith("\\\\"):
        return StoreLocation(NETWORK, "网络共享", drive)
    if re.fullmatch(r"[A-Za-z]:", drive):
        root = drive + "\\"
        kind = (drive_type or _get_drive_type)(root)
        if kind == _DRIVE_REMOTE:
            return StoreLocation(NETWORK, "网络驱动器", drive)
    return None


def _get_drive_type(root: str) -> int:
    if sys.platform != "win32":
        return 0
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)))


def _macos_cloud(p: PurePosixPath, environ) -> StoreLocation | None:
    home = PurePosixPath(environ.get("HOME") or str(Path.home()))
    mobile = home / "Library" / "Mobile Documents"
    if _is_within(p, mobile):
        return StoreLocation(SYNCED, "iCloud 云盘", str(mobile))
    cloud = home / "Library" / "CloudStorage"
    if _is_within(p, cloud) and len(p.parts) > len(cloud.parts):
        provider = p.parts[len(cloud.parts)]
        for pattern, name in SYNC_FOLDERS:
            if pattern.fullmatch(provider) or pattern.fullmatch(provider.split("-", 1)[0]):
                return StoreLocation(SYNCED, name, str(cloud / provider))
        return StoreLocation(SYNCED, provider.split("-", 1)[0], str(cloud / provider))
    return None


def _mounts(system: str) -> list[tuple[str, str]]:
    """(mount point, file-system type) of the mounted file systems; [] when unknown."""
    try:
        if system.startswith("linux"):
            return parse_proc_mounts(Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace"))
        if system == "darwin":
            out = subprocess.run(["/sbin/mount"], capture_output=True, text=True, encoding="utf-8",
                                 errors="replace", timeout=5).stdout
            return parse_macos_mount(out)
    except (OSError, subprocess.SubprocessError):
        pass
    return []


def parse_proc_mounts(text: str) -> list[tuple[str, str]]:
    """/proc/self/mounts: 'device mountpoint type options 0 0', spaces in names as \\040."""
    out = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[1])
            out.append((point, fields[2]))
    return out


def parse_macos_mount(text: str) -> list[tuple[str, str]]:
    """macOS mount: '//user@server/share on /Volumes/share (smbfs, nodev, nosuid, mounted by user)'."""
    out = []
    for line in text.splitlines():
        m = re.match(r"^.+? on (/.*) \(([^,)]+)", line)
        if m:
            out.append((m.group(1), m.group(2).strip()))
    return out


def _network_mount(p: PurePosixPath, mounts: list[tuple[str, str]]) -> StoreLocation | None:
    best = None
    for point, fstype in mounts:
        mp = PurePosixPath(point)
        if _is_within(p, mp) and (best is None or len(mp.parts) > len(PurePosixPath(best[0]).parts)):
            best = (point, fstype)
    if best and best[1].lower() in NETWORK_FILESYSTEMS:
        return StoreLocation(NETWORK, "网络共享", best[0])
    return None


def _sync_folder(p: PurePath) -> StoreLocation | None:
    parts = p.parts
    for i, part in enumerate(parts[:-1]):  # folders only: the store's own name says nothing
        for pattern, name in SYNC_FOLDERS:
            if pattern.fullmatch(part):
                return StoreLocation(SYNCED, name, str(type(p)(*parts[: i + 1])))
    return None
