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

    def __init__(self, path):
        self.path = path
        super().__init__(
            f"资料库 “{path}” 已损坏（完整性检查未通过），为免损失没有再写入任何内容；"
            "可以从自动备份恢复（命令行：backups 和 restore）。"
        )


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
