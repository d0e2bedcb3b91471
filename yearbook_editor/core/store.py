"""The store: one SQLite file (WAL, foreign keys, numbered migrations) holding many volumes.

All writes go through :meth:`Store.write`, one ``BEGIN IMMEDIATE`` transaction each, so a
killed process leaves either the whole change or none of it. SQLite errors are turned
into the core's errors, whose messages can be shown to an editor as they are.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from .errors import DiskFull, NotAStore, SchemaTooNew, StoreError, StoreLocked
from .migrations import SCHEMA_VERSION, STEPS

#: PRAGMA application_id of our stores ('YBED'), so that another program's SQLite file is
#: recognised and refused instead of being written into.
APPLICATION_ID = 0x59424544
_SQLITE_MAGIC = b"SQLite format 3\x00"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def default_store_path() -> Path:
    """The store in the user's data directory (created on first use)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("yearbook_editor", appauthor=False)) / "yearbook.db"


def translate_sqlite_error(error: sqlite3.Error, path) -> Exception:
    msg = str(error).lower()
    if "locked" in msg or "busy" in msg:
        return StoreLocked(path)
    if "full" in msg:
        return DiskFull(path)
    if "not a database" in msg or "malformed" in msg or "encrypted" in msg:
        return NotAStore(path, "（SQLite 报告：文件已损坏或不是数据库。）")
    if "readonly" in msg or "read-only" in msg:
        return StoreError(f"资料库 “{path}” 是只读的，无法保存修改。请检查文件权限或将其复制到可写的位置。")
    if "unable to open" in msg:
        return StoreError(f"无法打开资料库 “{path}”：所在文件夹不存在或没有写入权限。")
    if "disk i/o" in msg:
        return StoreError(f"读写资料库 “{path}” 时发生磁盘错误。已保存的内容没有改动；请检查磁盘后重试。")
    return StoreError(f"资料库 “{path}” 出错：{error}")


class Store:
    """An open store file. Use as a context manager or call :meth:`close`."""

    def __init__(
        self,
        path: str | Path,
        *,
        create: bool = True,
        backup_before_migrate: bool = True,
        busy_timeout_ms: int = 5000,
    ):
        self.path = Path(path)
        self._check_file(create)
        try:
            conn = sqlite3.connect(str(self.path), timeout=busy_timeout_ms / 1000, isolation_level=None)
        except sqlite3.Error as e:
            raise translate_sqlite_error(e, self.path) from None
        self.conn = conn
        try:
            self._check_identity()
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                raise StoreError(f"资料库 “{self.path}” 无法切换到 WAL 模式（所在位置可能不支持，如网络盘）。")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate(backup_before_migrate)
        except sqlite3.Error as e:
            conn.close()
            raise translate_sqlite_error(e, self.path) from None
        except Exception:
            conn.close()
            raise
        self.db = sqlite_utils.Database(conn)

    # -- opening -------------------------------------------------------------------------

    def _check_file(self, create: bool) -> None:
        p = self.path
        if p.exists():
            if p.is_dir():
                raise StoreError(f"“{p}” 是一个文件夹，不是资料库文件。")
            if p.stat().st_size > 0:
                try:
                    with open(p, "rb") as f:
                        head = f.read(16)
                except OSError as e:
                    raise StoreError(f"无法读取资料库 “{p}”：{e.strerror or e}") from None
                if head != _SQLITE_MAGIC:
                    raise NotAStore(p)
        elif not create:
            raise StoreError(f"资料库 “{p}” 不存在。")
        else:
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StoreError(f"无法创建资料库所在的文件夹 “{p.parent}”：{e.strerror or e}") from None

    def _check_identity(self) -> None:
        conn = self.conn
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        if tables and app_id != APPLICATION_ID:
            raise NotAStore(self.path, "（这是其他程序的 SQLite 文件，为免损坏未做任何改动。）")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise SchemaTooNew(self.path, version, SCHEMA_VERSION)

    def _migrate(self, backup: bool) -> None:
        conn = self.conn
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version >= SCHEMA_VERSION:
            return
        if version > 0 and backup:
            self.backup(self.path.with_name(f"{self.path.name}.v{version}.bak"))
        for number in range(version + 1, SCHEMA_VERSION + 1):
            step = STEPS[number - 1]
            conn.execute("BEGIN IMMEDIATE")
            try:
                if number == 1:
                    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                if callable(step):
                    step(conn)
                else:
                    for statement in _split_sql(step):
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    # -- use ------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything inside is committed together or not at all."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise translate_sqlite_error(e, self.path) from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.Error as e:
            self._rollback()
            raise translate_sqlite_error(e, self.path) from None
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        try:
            self.conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass

    def query(self, sql: str, params=()) -> list[dict]:
        try:
            cur = self.conn.execute(sql, params)
            cols = [d[0] for d in cur.description or ()]
            return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
        except sqlite3.Error as e:
            raise translate_sqlite_error(e, self.path) from None

    def scalar(self, sql: str, params=()):
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    def backup(self, target: str | Path) -> Path:
        """Copy the store with SQLite's backup API (consistent even while in use)."""
        target = Path(target)
        tmp = target.with_name(target.name + ".tmp")
        dest = sqlite3.connect(str(tmp))
        try:
            self.conn.backup(dest)
        finally:
            dest.close()
        os.replace(tmp, target)
        return target

    def integrity_ok(self) -> bool:
        return self.scalar("PRAGMA integrity_check") == "ok"

    def close(self) -> None:
        try:
            self.conn.close()
        except sqlite3.Error:
            pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _split_sql(script: str) -> list[str]:
    """Split a migration script into statements (triggers keep their inner semicolons)."""
    statements, buf = [], []
    for line in script.splitlines():
        buf.append(line)
        candidate = "\n".join(buf).strip()
        if candidate and sqlite3.complete_statement(candidate):
            statements.append(candidate)
            buf = []
    rest = "\n".join(buf).strip()
    if rest:
        statements.append(rest)
    return statements
