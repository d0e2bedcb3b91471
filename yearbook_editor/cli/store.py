"""Command-line commands that look after the store file itself:
``backups``, ``restore BACKUP``, ``verify VOLUME``.

``backups`` and ``restore`` work on the file without opening it as a store (they are
:data:`PATH_COMMANDS`), so that they help exactly when the store is damaged.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..core.backups import backup_infos, list_backups, restore_backup
from ..core.checks import verify_and_record
from ..core.errors import StoreError, YearbookError
from ..core.volumes import resolve_volume

#: verify keeps what it finds, but only reads to find it: a store that cannot be written is
#: opened read-only and what is found is listed without being recorded
READING = {"verify"}


def add_parsers(sub) -> None:
    sub.add_parser("backups", help="列出资料库的自动备份（时间、卷册数、大小、是否完好）")
    s = sub.add_parser("restore", help="用自动备份替换资料库（原文件改名保留，不删除）")
    s.add_argument("backup", metavar="BACKUP", help="备份编号（backups 列出的编号，1 为最新）或备份文件路径")
    s = sub.add_parser("verify", help="核对卷册：资料库中的文字是否与原文加修改记录一致（不一致记为发现）")
    s.add_argument("volume", metavar="VOLUME")


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, n // 1024)} KB"


def cmd_backups(args, store_path: Path) -> int:
    infos = backup_infos(store_path)
    if not infos:
        print(f"资料库 “{store_path}” 还没有自动备份（桌面程序打开资料库时自动备份，最多每十分钟一次）。")
        return 0
    print("编号\t时间\t卷册\t大小\t状态\t文件")
    for i, b in enumerate(infos, 1):
        when = b.taken.strftime("%Y-%m-%d %H:%M:%S") if b.taken else "?"
        vols = "?" if b.volumes is None else str(b.volumes)
        state = "完好" if b.whole else "损坏或无法读取"
        print(f"{i}\t{when}\t{vols}\t{_size(b.size)}\t{state}\t{b.path}")
    return 0


def _chosen_backup(store_path: Path, ref: str) -> Path:
    if ref.isdigit():
        found = list(reversed(list_backups(store_path)))
        k = int(ref)
        if not 1 <= k <= len(found):
            raise YearbookError(f"没有编号为 {ref} 的备份；用 backups 命令查看可用的备份。")
        return found[k - 1]
    path = Path(ref)
    if not path.is_file():
        raise YearbookError(f"备份文件 “{ref}” 不存在。")
    return path


def _app_holds(store_path: Path) -> bool:
    """The desktop app keeps ``<store>.lock`` (its first line: the process id) while it has the
    store open."""
    lock = Path(f"{store_path}.lock")
    try:
        pid = int(lock.read_text(encoding="utf-8", errors="replace").split()[0])
    except (OSError, ValueError, IndexError):
        return False
    if sys.platform == "win32":
        return True  # cannot ask cheaply whether it is still running: be careful
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def cmd_restore(args, store_path: Path) -> int:
    backup = _chosen_backup(store_path, args.backup)
    if _app_holds(store_path):
        raise StoreError(f"资料库 “{store_path}” 正在桌面程序中打开，请先关闭程序再恢复备份。")
    aside = restore_backup(store_path, backup)
    moved = f"原来的文件已改名为 “{aside.name}” 保留在同一文件夹。" if aside else ""
    print(f"已用备份 “{backup.name}” 恢复资料库 “{store_path}”。{moved}")
    return 0


def cmd_verify(args, store) -> int:
    vol = resolve_volume(store, args.volume)
    findings = verify_and_record(store, vol["id"])
    if not findings:
        print(f"{vol['title']}：资料库中的文字与原文加修改记录完全一致。")
        return 0
    if store.read_only:
        print(f"{vol['title']}：有 {len(findings)} 处与原文加修改记录不符（可能是磁盘损坏）；资料库不能写入，"
              "这些发现没有记录下来，请把资料库复制到可写的位置后再用 backups 和 restore 命令从自动备份恢复。",
              file=sys.stderr)
    else:
        print(f"{vol['title']}：有 {len(findings)} 处与原文加修改记录不符（可能是磁盘损坏），已记为检查发现。"
              "可以用 backups 和 restore 命令从自动备份恢复。", file=sys.stderr)
    for f in findings:
        where = f"第 {f.line} 行" if f.line else "整卷"
        print(f"{where}\t{f.message}")
    return 1


COMMANDS = {"verify": cmd_verify}
#: commands that get the store's path, not an open store
PATH_COMMANDS = {"backups": cmd_backups, "restore": cmd_restore}
