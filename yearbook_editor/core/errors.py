"""Errors the core raises. Every message is written for an editor, not a programmer."""


class YearbookError(Exception):
    """Base class: str(error) is a complete sentence that can be shown as it is."""


class ReadError(YearbookError):
    """A file could not be read as a text volume (missing, binary, undecodable, empty)."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"无法读取文件 “{self.path}”：{reason}")


class StoreError(YearbookError):
    """The store file cannot be used."""


class SchemaTooNew(StoreError):
    def __init__(self, path, found: int, supported: int):
        self.found, self.supported = found, supported
        super().__init__(
            f"资料库 “{path}” 由更新版本的年鉴校对台写入（结构版本 {found}，本程序支持到 {supported}）。"
            "请升级程序后再打开；资料库未做任何改动。"
        )


class StoreLocked(StoreError):
    def __init__(self, path):
        super().__init__(f"资料库 “{path}” 正被另一个程序使用（可能在另一窗口中打开），请关闭后重试。")


class NotAStore(StoreError):
    def __init__(self, path, detail: str = ""):
        super().__init__(f"文件 “{path}” 不是年鉴校对台的资料库。{detail}".rstrip())


class StoreDamaged(StoreError):
    """SQLite found the store's pages damaged: nothing is written to it; a backup can replace it."""

    #: the way back as the command line says it; the app names its recovery dialog instead
    CLI_WAY_BACK = "可以从自动备份恢复（命令行：backups 和 restore）"

    def __init__(self, path):
        self.path = path
        super().__init__(self.sentence(self.CLI_WAY_BACK))

    def sentence(self, way_back: str) -> str:
        """The same sentence ending in the client's own way back (a clause without its full stop)."""
        return f"资料库 “{self.path}” 已损坏（完整性检查未通过），为免损失没有再写入任何内容；{way_back.rstrip('。')}。"


class VolumeNotFound(YearbookError):
    def __init__(self, ref: str, candidates: list[str] | None = None):
        self.ref = ref
        self.candidates = candidates or []
        if self.candidates:
            names = "、".join(self.candidates[:5])
            msg = f"“{ref}” 对应多个卷册：{names}。请写出卷册编号或更长的书名开头。"
        else:
            msg = f"资料库中没有卷册 “{ref}”。用 list 命令查看卷册编号。"
        super().__init__(msg)


class NodeNotFound(YearbookError):
    def __init__(self, ref):
        super().__init__(f"没有找到节点 “{ref}”。")


class EditConflict(YearbookError):
    """An edit's expected old value does not match the stored value."""


class Cancelled(YearbookError):
    def __init__(self):
        super().__init__("操作已取消。")


class DiskFull(YearbookError):
    def __init__(self, path):
        super().__init__(f"磁盘空间不足，无法写入 “{path}”。已保存的内容没有受到影响。")


class VolumeDoesNotVerify(YearbookError):
    """The stored current text of a volume cannot be rebuilt from its source and revisions."""

    def __init__(self, title: str, problems: list[str] | None = None):
        self.problems = list(problems or [])
        super().__init__(f"卷册 “{title}” 在资料库中保存的文字与其原文和修改记录不符（可能已损坏），因此没有导出任何内容。")


class WouldOverwriteStore(YearbookError):
    """An export target is the store itself, its -wal/-shm/-journal file or one of its backups."""

    def __init__(self, target, store):
        self.target, self.store = str(target), str(store)
        super().__init__(f"“{self.target}” 是资料库 “{self.store}” 本身或它的附属、备份文件，导出不能覆盖它，"
                         "请换一个文件名。")


class TargetReadOnly(YearbookError):
    """An export target exists and is read-only (replace only when asked to)."""

    def __init__(self, path):
        self.path = str(path)
        super().__init__(f"“{self.path}” 是只读文件，没有覆盖它，也没有导出任何内容。")
