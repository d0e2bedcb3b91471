"""The store: one SQLite file (WAL, foreign keys, numbered migrations) holding many volumes.

All writes go through :meth:`Store.write`, one ``BEGIN IMMEDIATE`` transaction each, so a
killed process leaves either the whole change or none of it. SQLite errors are turned
into the core's errors, whose messages can be shown to an editor as they are.
"""

from __future__ import annotations

import errno
import functools
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from . import integrity
from .errors import DiskFull, NotAStore, SchemaTooNew, StoreDamaged, StoreError, StoreLocked
from .migrations import SCHEMA_VERSION, STEPS

#: PRAGMA application_id of our stores ('YBED'), so that another program's SQLite file is
#: recognised and refused instead of being written into.
APPLICATION_ID = 0x59424544


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def default_store_path() -> Path:
    """The store in the user's data directory (created on first use)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("yearbook_editor", appauthor=False)) / "yearbook.db"


def os_error_reason(e: OSError) -> str:
    """An OSError's cause in plain words (the system's own wording is English on many machines)."""
    reasons = {
        errno.EROFS: "所在位置是只读的",
        errno.EACCES: "没有权限",
        errno.EPERM: "没有权限",
        errno.ENOSPC: "磁盘空间不足",
        errno.EDQUOT: "磁盘空间不足（超出配额）",
        errno.ENOTDIR: "路径中有一段是文件而不是文件夹",
        errno.EEXIST: "同名的文件已存在",
        errno.ENOENT: "文件或文件夹不存在",
        errno.ENAMETOOLONG: "文件名或路径太长",
        errno.EIO: "磁盘读写出错",
    }
    return reasons.get(e.errno, e.strerror or str(e))


def cannot_be_written(path: str | Path) -> bool:
    """True when a store file exists but cannot be written where it lies: the file, or its folder
    (SQLite keeps the -wal and -shm beside it), is read-only, or the medium is (a read-only mount,
    a write-protected card or disc). Told by ``access(2)`` (ignoring file modes for root, but not a
    read-only mount); the file is never opened. Clients open such a store read-only."""
    p = Path(path)
    return p.is_file() and not (os.access(p, os.W_OK) and os.access(p.parent, os.W_OK))


def translate_sqlite_error(error: sqlite3.Error, path) -> Exception:
    msg = str(error).lower()
    if "locked" in msg or "busy" in msg:
        return StoreLocked(path)
    if "full" in msg:
        return DiskFull(path)
    if "malformed" in msg or "corrupt" in msg:
        return StoreDamaged(path)
    if "not a database" in msg or "encrypted" in msg:
        return NotAStore(path)
    if "readonly" in msg or "read-only" in msg:
        return StoreError(f"资料库 “{path}” 是只读的，无法保存修改。请检查文件权限或将其复制到可写的位置。")
    if "unable to open" in msg:
        return StoreError(f"无法打开资料库 “{path}”：所在文件夹不存在或没有写入权限。")
    if "disk i/o" in msg:
        return StoreError(f"读写资料库 “{path}” 时发生磁盘错误，请检查磁盘后重试。")
    return StoreError(f"资料库 “{path}” 出错：{error}")


#: a stored text as UTF-8, a damaged byte as U+FFFD: ``str(data, "utf-8", "replace")`` called from C
#: (a Python function here took 0.4 µs more per value: 0.04 s of every check run on a large volume)
_decode_text = functools.partial(str, encoding="utf-8", errors="replace")


class Store:
    """An open store file. Use as a context manager or call :meth:`close`."""

    def __init__(
        self,
        path: str | Path,
        *,
        create: bool = True,
        read_only: bool = False,
        backup_before_migrate: bool = True,
        busy_timeout_ms: int = 5000,
    ):
        self.path = Path(path)
        self.read_only = read_only
        self._whole = False
        self._ident = None
        self._check_file(create and not read_only)
        check = integrity.needs_check(self.path)
        conn = self._connect(busy_timeout_ms)
        # text damaged on the disk reads as U+FFFD, which verification then reports, instead
        # of failing the query that happened to read it
        conn.text_factory = _decode_text
        self.conn = conn
        try:
            self._check_identity()
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            if check:
                self._quick_check()
            if read_only:
                self._check_readable_version()
            else:
                mode = self._switch_to_wal(busy_timeout_ms)
                if mode.lower() != "wal":
                    raise StoreError(f"资料库 “{self.path}” 无法切换到 WAL 模式（所在位置可能不支持，如网络盘）。")
                conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            if not read_only:
                self._migrate(backup_before_migrate)
        except sqlite3.Error as e:
            conn.close()
            raise self._translate(e) from None
        except UnicodeError:  # the schema's own text is damaged
            conn.close()
            integrity.forget(self.path)
            raise StoreDamaged(self.path) from None
        except Exception:
            conn.close()
            raise
        self._whole = True
        self._ident = integrity.opened(self.path)
        self._wal_ident = None if read_only else integrity.file_identity(self.wal_path)
        if check:
            integrity.remember_good(self.path)
        self.db = sqlite_utils.Database(conn)

    # -- opening -------------------------------------------------------------------------

    def _connect(self, busy_timeout_ms: int) -> sqlite3.Connection:
        """The connection. Read-only stores are opened with ``mode=ro``; when the folder does
        not allow SQLite's shared-memory file either and no ``-wal`` is waiting, the file is
        read as ``immutable`` (nothing unsaved can be missed then)."""
        timeout = busy_timeout_ms / 1000
        try:
            if not self.read_only:
                return sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None)
            uri = self.path.absolute().as_uri() + "?mode=ro"
            try:
                conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return conn
            except sqlite3.OperationalError:
                if Path(f"{self.path}-wal").exists():
                    raise
                return sqlite3.connect(uri + "&immutable=1", uri=True, timeout=timeout, isolation_level=None)
        except sqlite3.Error as e:
            raise self._translate(e) from None

    def _translate(self, e: sqlite3.Error) -> Exception:
        err = translate_sqlite_error(e, self.path)
        if isinstance(err, StoreDamaged):
            self._whole = False
            integrity.forget(self.path)
        return err

    def _check_file(self, create: bool) -> None:
        """Refuse folders and missing files (unless creating). The file's content is judged
        through SQLite only (core/integrity.py says why it is never opened here)."""
        p = self.path
        if p.exists():
            if p.is_dir():
                raise StoreError(f"“{p}” 是一个文件夹，不是资料库文件。")
            if not p.is_file():
                raise NotAStore(p)
        elif not create:
            raise StoreError(f"资料库 “{p}” 不存在。")
        else:
            for folder in (p.parent, *p.parent.parents):
                if folder.exists() and not folder.is_dir():
                    raise StoreError(f"无法在 “{p}” 创建资料库：“{folder}” 是一个文件，不是文件夹。")
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StoreError(f"无法创建资料库所在的文件夹 “{p.parent}”：{os_error_reason(e)}。") from None

    def _quick_check(self) -> None:
        try:
            problems = integrity.quick_check(self.conn)
        except sqlite3.DatabaseError as e:
            if "not a database" in str(e).lower():
                raise
            problems = [str(e)]
        if problems:
            integrity.forget(self.path)
            raise StoreDamaged(self.path)

    def _check_readable_version(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            raise StoreError(f"资料库 “{self.path}” 是空的，而它所在的位置只能读取，无法在其中建立资料库。")
        if version < SCHEMA_VERSION:
            raise StoreError(
                f"资料库 “{self.path}” 由旧版本写入，需要先升级才能读取，但它是只读的；"
                "请把它复制到可写的位置后再打开。"
            )

    def _switch_to_wal(self, busy_timeout_ms: int) -> str:
        """Put the file in WAL mode. Switching needs a moment of exclusive access, for which
        SQLite does not wait (it answers 'locked' at once when another process is opening
        the same new store), so the switch is retried for as long as the busy timeout."""
        conn = self.conn
        deadline = time.monotonic() + busy_timeout_ms / 1000
        delay = 0.005
        while True:
            try:
                mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
                if mode.lower() == "wal":
                    return mode
                return conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            except sqlite3.OperationalError as e:
                msg = str(e).lower()
                if not ("locked" in msg or "busy" in msg) or time.monotonic() >= deadline:
                    raise
            time.sleep(delay)
            delay = min(delay * 2, 0.1)

    def _check_identity(self) -> None:
        """Only an empty file, an empty SQLite database or a file carrying our application_id
        becomes a store; anything else is refused before any write (no WAL switch, no backup,
        no schema)."""
        conn = self.conn
        # one read transaction: another process creating this store at the same moment
        # must not be seen half-way (tables there, application id not yet)
        conn.execute("BEGIN")
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")  # nothing was written: only ends the read
                except sqlite3.Error:
                    pass
        if app_id != APPLICATION_ID and (app_id != 0 or objects or version):
            raise NotAStore(self.path, "这是其他程序的 SQLite 文件，为免损坏未做任何改动。")
        if version > SCHEMA_VERSION:
            raise SchemaTooNew(self.path, version, SCHEMA_VERSION)

    def _migrate(self, backup: bool) -> None:
        conn = self.conn
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version >= SCHEMA_VERSION:
            return
        if version > 0 and backup:
            self.backup(self.path.with_name(f"{self.path.name}.v{version}.bak"), only_version=version)
        for number in range(version + 1, SCHEMA_VERSION + 1):
            step = STEPS[number - 1]
            conn.execute("BEGIN IMMEDIATE")
            try:
                # another process may have opened the same (new or older) store at the same
                # moment and run this step already: the version is read again under the lock
                if conn.execute("PRAGMA user_version").fetchone()[0] >= number:
                    conn.execute("COMMIT")
                    continue
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
    def waiting(self, ms: int) -> Iterator[None]:
        """Inside, a store another program holds is waited for ``ms`` milliseconds before
        StoreLocked (typing in the window must not freeze it for the usual seconds)."""
        before = self.conn.execute("PRAGMA busy_timeout").fetchone()[0]
        self.conn.execute(f"PRAGMA busy_timeout = {int(ms)}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {int(before)}")

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything inside is committed together or not at all."""
        with self._transaction(immediate=True) as conn:
            yield conn

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: every read inside sees the store as of one moment, whatever
        other connections commit meanwhile (WAL). Inside a transaction already open on this
        connection, that transaction is the snapshot and is left to its owner."""
        if self.conn.in_transaction:
            yield self.conn
            return
        with self._transaction(immediate=False) as conn:  # its COMMIT only ends the read
            yield conn

    @contextmanager
    def _transaction(self, *, immediate: bool) -> Iterator[sqlite3.Connection]:
        try:
            self.conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN DEFERRED")
        except sqlite3.Error as e:
            raise self._translate(e) from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.Error as e:
            self._rollback()
            raise self._translate(e) from None
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
            raise self._translate(e) from None

    def scalar(self, sql: str, params=()):
        try:
            row = self.conn.execute(sql, params).fetchone()
        except sqlite3.Error as e:
            raise self._translate(e) from None
        return row[0] if row else None

    def backup(self, target: str | Path, *, only_version: int | None = None) -> Path | None:
        """Copy the store with SQLite's backup API (consistent even while in use).

        With ``only_version`` the copy is kept only if it has that schema version (another
        process may have migrated the store meanwhile); None is returned otherwise."""
        target = Path(target)
        # a name of its own: another process may be backing up to the same target right now
        tmp = target.with_name(f"{target.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
        try:
            dest = sqlite3.connect(str(tmp))
            try:
                self.conn.backup(dest)
                copied_version = dest.execute("PRAGMA user_version").fetchone()[0]
                # one self-contained file: reading a copy in WAL mode (even read-only) leaves -wal/-shm beside it
                dest.execute("PRAGMA journal_mode=DELETE")
            finally:
                dest.close()
            if only_version is not None and copied_version != only_version:
                os.unlink(tmp)
                return None
            os.replace(tmp, target)
        except (OSError, sqlite3.Error) as e:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            if isinstance(e, OSError):
                if e.errno in (errno.ENOSPC, errno.EDQUOT):
                    raise DiskFull(target) from None
                reason = os_error_reason(e)
            elif "full" in str(e).lower():
                raise DiskFull(target) from None
            elif "unable to open" in str(e).lower():
                reason = "无法在该位置创建文件（文件夹不存在或没有写入权限）"
            else:
                reason = str(e)
            raise StoreError(f"无法把资料库备份到 “{target}”：{reason}。资料库本身没有改动。") from None
        return target

    @property
    def wal_path(self) -> Path:
        return Path(f"{self.path}-wal")

    def file_replaced(self) -> Path | None:
        """The store file or its ``-wal`` when another program deleted or replaced it while this
        connection is open (a careless cleanup, a sync client, a restore by hand), else None.

        SQLite keeps using the files it opened, so this connection still holds every acknowledged
        write (a copy made with :meth:`backup` has them all) while the file on disk, and every
        other program, sees another store or none. Two ``os.stat`` calls (a few microseconds), never
        an ``open()``: callers check now and then and after a failed write, not on every keystroke.
        A ``-wal`` that did not exist at opening is not looked for (read-only connections)."""
        if self.conn is None:
            return None
        if self._ident is not None and integrity.file_identity(self.path) != self._ident:
            return self.path
        if self._wal_ident is not None and integrity.file_identity(self.wal_path) != self._wal_ident:
            return self.wal_path
        return None

    def integrity_ok(self) -> bool:
        return self.scalar("PRAGMA integrity_check") == "ok"

    @property
    def closed(self) -> bool:
        return self.conn is None

    def close(self) -> None:
        """Close the connection (again: nothing happens). The last connection of the process to
        this file records it as whole when it was whole throughout."""
        conn, self.conn = self.conn, None
        if conn is None:
            return
        try:
            conn.close()
        except sqlite3.Error:
            pass
        integrity.closed(self.path, self._ident, self._whole)

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
