"""Stores on network shares and in synced folders are recognised (issue 18, item 6).

Windows and macOS paths are judged with the system's answers given to the function (drive
types, environment, mount table), as each system gives them; Linux is also checked for real.
"""

from __future__ import annotations

import pytest

from yearbook_editor.core.location import (
    NETWORK,
    SYNCED,
    StoreLocation,
    local_copy_path,
    parse_macos_mount,
    parse_proc_mounts,
    risky_location,
)

FIXED, REMOTE = 3, 4  # GetDriveTypeW: DRIVE_FIXED, DRIVE_REMOTE


def windows(path, environ=None, drives=None):
    drives = drives or {}
    return risky_location(path, system="win32", environ=environ or {},
                          drive_type=lambda root: drives.get(root, FIXED))


@pytest.mark.parametrize("path, root", [
    (r"\\fileserver\史志办\年鉴 资料库.db", r"\\fileserver\史志办"),
    (r"\\?\UNC\fileserver\share\年鉴\a.db", r"\\fileserver\share"),
    ("//fileserver/share/a.db", r"\\fileserver\share"),
])
def test_windows_unc_paths_are_network_shares(path, root):
    found = windows(path)
    assert found == StoreLocation(NETWORK, "网络共享", root)


def test_windows_mapped_network_drive():
    assert windows(r"Z:\年鉴\年鉴 资料库.db", drives={"Z:\\": REMOTE}) == StoreLocation(NETWORK, "网络驱动器", "Z:")
    assert windows(r"D:\年鉴\年鉴 资料库.db", drives={"Z:\\": REMOTE}) is None


def test_windows_onedrive_from_the_environment_whatever_its_name():
    env = {"OneDriveCommercial": r"C:\Users\张 三\某区史志办"}
    found = windows(r"c:\users\张 三\某区史志办\文档\年鉴.db", environ=env)
    assert found is not None and found.kind == SYNCED and found.service == "OneDrive"


@pytest.mark.parametrize("path, service", [
    (r"C:\Users\张 三\OneDrive\文档\年鉴 资料库.db", "OneDrive"),
    (r"C:\Users\张 三\OneDrive - 河西区史志办\年鉴.db", "OneDrive"),
    (r"D:\坚果云\年鉴\年鉴.db", "坚果云"),
    (r"C:\Users\张 三\Nutstore Files\我的坚果云\年鉴.db", "坚果云"),
    (r"C:\Users\张 三\Dropbox\年鉴.db", "Dropbox"),
    (r"C:\Users\张 三\iCloudDrive\年鉴.db", "iCloud 云盘"),
    (r"D:\BaiduSyncdisk\年鉴.db", "百度网盘同步空间"),
])
def test_windows_synced_folders_by_name(path, service):
    found = windows(path)
    assert found is not None and (found.kind, found.service) == (SYNCED, service)


@pytest.mark.parametrize("path", [r"C:\Users\张 三\Documents\年鉴 资料库.db", r"D:\年鉴\OneDrive.db",
                                  r"C:\Users\张 三\Desktop\box\年鉴.db"])
def test_windows_local_folders_are_local(path):
    assert windows(path) is None


MACOS_MOUNT = """/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse, protect, root data)
//zhang@fileserver._smb._tcp.local/%E5%8F%B2%E5%BF%97 on /Volumes/史志 共享 (smbfs, nodev, nosuid, mounted by zhang)
/dev/disk4s1 on /Volumes/U盘 (msdos, local, nodev, nosuid, noowners, noatime, mounted by zhang)
"""


def macos(path):
    return risky_location(path, system="darwin", environ={"HOME": "/Users/zhang"},
                          mounts=parse_macos_mount(MACOS_MOUNT))


def test_macos_mount_table_is_read():
    assert ("/Volumes/史志 共享", "smbfs") in parse_macos_mount(MACOS_MOUNT)


@pytest.mark.parametrize("path, kind, service", [
    ("/Volumes/史志 共享/年鉴/年鉴.db", NETWORK, "网络共享"),
    ("/Users/zhang/Library/Mobile Documents/com~apple~CloudDocs/年鉴/年鉴.db", SYNCED, "iCloud 云盘"),
    ("/Users/zhang/Library/CloudStorage/OneDrive-Personal/年鉴.db", SYNCED, "OneDrive"),
    ("/Users/zhang/Library/CloudStorage/GoogleDrive-zhang@example.com/My Drive/年鉴.db", SYNCED, "Google 云端硬盘"),
    ("/Users/zhang/Library/CloudStorage/Dropbox/年鉴.db", SYNCED, "Dropbox"),
    ("/Users/zhang/坚果云/年鉴.db", SYNCED, "坚果云"),
])
def test_macos_places(path, kind, service):
    found = macos(path)
    assert found is not None and (found.kind, found.service) == (kind, service)


@pytest.mark.parametrize("path", ["/Users/zhang/Documents/年鉴 资料库.db", "/Volumes/U盘/年鉴.db"])
def test_macos_local_places(path):
    assert macos(path) is None


LINUX_MOUNTS = """/dev/sda1 / ext4 rw,relatime 0 0
fileserver:/export/yearbook /mnt/nfs nfs4 rw,relatime,vers=4.2 0 0
/dev/sdb1 /mnt/nfs/local ext4 rw 0 0
//fileserver/史志 /mnt/共享\\040盘 cifs rw,vers=3.0 0 0
"""


@pytest.mark.parametrize("path, network", [
    ("/mnt/nfs/年鉴.db", True), ("/mnt/nfs/local/年鉴.db", False), ("/mnt/共享 盘/年鉴 资料库.db", True),
    ("/home/zhang/年鉴.db", False), ("/mnt/nfsx/年鉴.db", False),
])
def test_linux_mount_table(path, network):
    found = risky_location(path, system="linux", environ={}, mounts=parse_proc_mounts(LINUX_MOUNTS))
    assert (found is not None and found.kind == NETWORK) is network


def test_a_local_folder_on_this_machine_is_local(tmp_path):
    assert risky_location(tmp_path / "年鉴 资料库.db") is None


def test_the_sentences_are_one_line_naming_the_store():
    for found in (windows(r"\\srv\share\a.db"), windows(r"D:\坚果云\a.db")):
        text = found.sentence(r"\\srv\share\年鉴 资料库.db")
        assert "年鉴 资料库.db" in text and "\n" not in text and "建议" in text


def test_local_copy_path_is_numbered_when_taken(tmp_path):
    first = local_copy_path(r"\\srv\share\年鉴 资料库.db", tmp_path)
    assert first == tmp_path / "年鉴 资料库.db"
    first.write_bytes(b"")
    assert local_copy_path("/Volumes/share/年鉴 资料库.db", tmp_path) == tmp_path / "年鉴 资料库 (2).db"


def test_one_cache_folder_for_the_app_and_the_command_line(monkeypatch, tmp_path):
    import platformdirs

    from yearbook_editor.core.resources import cache_folder
    from yearbook_editor.core.suggest import jieba_cache_dir

    calls = []

    def user_cache_dir(appname, appauthor=None, **kwargs):
        calls.append((appname, appauthor))
        # on Windows an app author (the default: the app's name) adds a second folder level
        return str(tmp_path / (appname if appauthor is False else f"{appname}/{appauthor or appname}") / "Cache")

    monkeypatch.setattr(platformdirs, "user_cache_dir", user_cache_dir)
    assert jieba_cache_dir() == cache_folder() / "jieba" == tmp_path / "yearbook_editor" / "Cache" / "jieba"
    assert calls and all(author is False for _, author in calls)
