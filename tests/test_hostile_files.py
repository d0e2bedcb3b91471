"""Hostile or broken files through the command line (issue 8).

Every input goes through a real ``python -m yearbook_editor --db … import …`` process. What is
refused gets one plain sentence on stderr (``错误：…``, no traceback, not the "internal
error" fallback) and exit status 1; what is accepted is imported. Either way the store stays
intact: ``PRAGMA integrity_check`` passes, the volume and revisions stored before are still
there and ``verify_volume`` finds nothing.

Read-only places are made for real with a read-only bind mount in a private mount namespace
(``unshare -m``, available to root in most containers; root ignores file modes, so chmod
cannot do it), with ``chmod`` when not running as root, and are also simulated in-process
(OS calls raising EROFS/EACCES) so that the messages are checked everywhere. The app's side
(Chinese dialogs) is tested in tests/gui/test_hostile_files.py.
"""

from __future__ import annotations

import errno
import locale
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from yearbook_editor.cli.console import pipe_encoding
from yearbook_editor.core.edits import SetBlockText, apply_edit, verify_volume
from yearbook_editor.core.reading import MAX_BYTES
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file

from .conftest import DATA

HOSTILE = DATA / "hostile"
SMALL = DATA / "small_volume.txt"


def _env():
    """The child's environment: this one (its locale and code page, no encoding forced on
    it) with the test's import path."""
    return dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))


def cli(db, *args, timeout=180, prefix=()) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, sys.executable, "-m", "yearbook_editor", "--db", str(db), "-q", *map(str, args)],
                          capture_output=True, encoding=pipe_encoding(), env=_env(), timeout=timeout)


def cli_measured(db, *args, timeout=600) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run the command line; also return its wall time (s) and peak memory (MB: the process's
    own VmHWM after exec, not inflated by the forking test process)."""
    peak_file = Path(str(db) + ".peak")
    code = (
        "import atexit, runpy, sys\n"
        "peak_file = sys.argv.pop(1)\n"
        "def peak():\n"
        "    with open('/proc/self/status') as f:\n"
        "        kb = next(int(x.split()[1]) for x in f if x.startswith('VmHWM:'))\n"
        "    with open(peak_file, 'w') as f:\n"
        "        f.write(str(kb))\n"
        "atexit.register(peak)\n"
        "sys.argv[0] = 'yearbook-editor'\n"
        "runpy.run_module('yearbook_editor', run_name='__main__', alter_sys=True)\n"
    )
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", code, str(peak_file), "--db", str(db), "-q", *map(str, args)],
                       capture_output=True, encoding=pipe_encoding(), env=_env(), timeout=timeout)
    seconds = time.perf_counter() - t0
    mb = int(peak_file.read_text()) / 1024 if peak_file.exists() else float("nan")
    return r, seconds, mb


def assert_refused(r: subprocess.CompletedProcess, *words: str) -> None:
    assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
    err = r.stderr.strip()
    assert "Traceback" not in err and "程序内部出错" not in err, err
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("错误："), err
    assert len(lines[0]) < 300, err
    for w in words:
        assert w in err, (w, err)


@pytest.fixture
def store(tmp_path):
    """A store holding one volume with one revision: what must survive every fault."""
    db = tmp_path / "资料 库.db"
    with Store(db) as s:
        import_file(s, SMALL)
        b = s.scalar("SELECT min(id) FROM blocks WHERE kind = 'paragraph'")
        apply_edit(s, SetBlockText(b, "编辑改过的一段。"), author="王", reason="之前的修改")
    return db


def assert_intact(db, volumes: int = 1) -> None:
    with Store(db) as s:
        assert s.integrity_ok()
        ids = [r["id"] for r in s.query("SELECT id FROM volumes ORDER BY id")]
        assert len(ids) == volumes
        assert s.scalar("SELECT count(*) FROM revisions WHERE reason = '之前的修改'") == 1
        assert s.scalar("SELECT text FROM blocks WHERE id = (SELECT target_id FROM revisions"
                        " WHERE reason = '之前的修改')") == "编辑改过的一段。"
        for vid in ids:
            assert verify_volume(s, vid) == []


# -- files that are refused ---------------------------------------------------------------


@pytest.mark.parametrize(
    "name, words",
    [
        ("binary.png", ["binary.png", "不是文本文件"]),
        ("document.pdf", ["document.pdf", "不是文本文件"]),
        ("nul_inside.txt", ["空字节"]),
        ("undecodable.txt", ["编码"]),
        ("empty.txt", ["空的"]),
        ("whitespace_only.txt", ["只有空白"]),
        ("zero_width_only.txt", ["只有空白"]),
        ("control_chars.txt", ["控制字符"]),
    ],
)
def test_a_broken_file_is_refused_in_one_sentence_and_the_store_is_intact(store, name, words):
    r = cli(store, "import", HOSTILE / name)
    assert_refused(r, *words)
    assert_intact(store)


def test_random_binary_files_are_refused(store, tmp_path):
    rng = random.Random(8)
    paths = []
    for k in range(6):
        p = tmp_path / f"随机 {k}.bin"
        p.write_bytes(bytes(rng.randrange(256) for _ in range(rng.choice([10, 1000, 50_000]))))
        paths.append(p)
    r = cli(store, "import", *paths)
    assert r.returncode == 1 and "Traceback" not in r.stderr and "程序内部出错" not in r.stderr
    assert len([x for x in r.stderr.splitlines() if x.startswith("错误：")]) == len(paths)
    assert_intact(store)


@pytest.mark.parametrize("what", ["missing", "folder", pytest.param("fifo", marks=pytest.mark.posix),
                                  pytest.param("device", marks=pytest.mark.posix), "too_big"])
def test_what_is_not_a_readable_file_is_refused_at_once(store, tmp_path, what):
    if what == "missing":
        path, words = tmp_path / "没有 这个.txt", ["不存在"]
    elif what == "folder":
        path, words = tmp_path, ["文件夹"]
    elif what == "fifo":  # reading a pipe would wait for ever
        path, words = tmp_path / "管道.txt", ["不是普通文件"]
        os.mkfifo(path)
    elif what == "device":  # /dev/zero never ends
        path, words = Path("/dev/zero"), ["不是普通文件"]
    else:  # sparse: claims more than the limit without using the disk
        path, words = tmp_path / "巨大.txt", ["太大"]
        with open(path, "wb") as f:
            f.truncate(MAX_BYTES + 1024 * 1024)
    t0 = time.perf_counter()
    r = cli(store, "import", path, timeout=60)
    assert time.perf_counter() - t0 < 30
    assert_refused(r, *words)
    assert_intact(store)


def test_one_bad_file_among_good_ones_does_not_stop_the_others(store, tmp_path):
    good = tmp_path / "另一 卷.txt"
    good.write_text(SMALL.read_text(encoding="utf-8").replace("2021", "2022"), encoding="utf-8")
    r = cli(store, "import", HOSTILE / "binary.png", good)
    assert r.returncode == 1 and "不是文本文件" in r.stderr and "已导入" in r.stdout
    assert_intact(store, volumes=2)


# -- files that are accepted --------------------------------------------------------------


@pytest.mark.parametrize("name", ["utf16le_nobom.txt", "utf16be_nobom.txt"])
def test_utf16_without_bom_is_imported(store, tmp_path, name):
    r = cli(store, "import", HOSTILE / name)
    # the same text as the small volume (already in the store): recognised, not stored twice
    assert r.returncode == 0 and "已在资料库中" in r.stdout, r.stderr
    fresh = tmp_path / "fresh.db"
    r = cli(fresh, "import", HOSTILE / name)
    assert r.returncode == 0 and "已导入" in r.stdout, r.stderr
    out = tmp_path / "out.txt"
    assert cli(fresh, "export", "1", "-o", out).returncode == 0
    assert "人口民族" in out.read_text(encoding="utf-8")
    assert_intact(store)


def test_bidi_controls_and_markup_are_kept_literally(store, tmp_path):
    r = cli(store, "import", HOSTILE / "bidi_and_markup.txt")
    assert r.returncode == 0, r.stderr
    out = tmp_path / "导出.txt"
    assert cli(store, "export", "2", "-o", out).returncode == 0
    text = out.read_text(encoding="utf-8")
    for piece in ("\u202e本区\u202c", "<b>设</b>", "<img src=x onerror=alert(1)>", "\u2066号\u2069", "&amp;"):
        assert piece in text
    assert_intact(store, volumes=2)


def test_a_path_with_chinese_characters_and_spaces(tmp_path):
    folder = tmp_path / "县 史志办" / "2021 年 资料（终稿）"
    folder.mkdir(parents=True)
    src = folder / "示例 县 年鉴 2021.txt"
    src.write_bytes(SMALL.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    db = folder / "我的 资料库.db"
    r = cli(db, "import", src)
    assert r.returncode == 0 and "已导入" in r.stdout, r.stderr
    out = folder / "导出 结果" / "校正 稿.txt"
    out.parent.mkdir()
    r = cli(db, "export", "示例", "-o", out, "--encoding", "gb18030")
    assert r.returncode == 0, r.stderr
    assert "人口民族" in out.read_text(encoding="gb18030")
    r = cli(db, "list")
    assert "示例 县 年鉴 2021.txt" in r.stdout


@pytest.mark.linux  # peak memory from /proc
def test_a_five_megabyte_line_is_imported(tmp_path):
    rng = random.Random(5)
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)] + list("，。、0123456789")
    line = "".join(rng.choices(chars, k=5 * 1024 * 1024 // 3))
    path = tmp_path / "一行.txt"
    path.write_text(line, encoding="utf-8")
    db = tmp_path / "s.db"
    r, seconds, mb = cli_measured(db, "import", path)
    assert r.returncode == 0 and "已导入" in r.stdout, r.stderr
    assert seconds < 30 and mb < 1000, (seconds, mb)
    print(f"5 MB line: {seconds:.1f} s, {mb:.0f} MB peak")
    out = tmp_path / "out.txt"
    assert cli(db, "export", "1", "-o", out).returncode == 0
    assert out.read_text(encoding="utf-8").strip() == line


def _big_text(path: Path, megabytes: int) -> None:
    """A volume-like text: wrapped lines, page numbers, entry titles, headings."""
    rng = random.Random(megabytes)
    cjk = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    size, n = 0, 0
    with open(path, "w", encoding="utf-8") as f:
        while size < megabytes * 1024 * 1024:
            n += 1
            if n % 45 == 0:
                line = f"- {n // 45} -"
            elif n % 2000 == 1:
                line = "".join(rng.choices(cjk, k=4))
            elif n % 300 == 2:
                line = "【" + "".join(rng.choices(cjk, k=4)) + "】" + "".join(rng.choices(cjk, k=30))
            else:
                line = "".join(rng.choices(cjk, k=38)) + ("。" if rng.random() < 0.2 else "")
            f.write(line + "\n")
            size += len(line.encode("utf-8")) + 1


def _import_big(tmp_path, megabytes: int, max_seconds: float, max_mb: float) -> None:
    path = tmp_path / f"{megabytes}MB.txt"
    _big_text(path, megabytes)
    db = tmp_path / "s.db"
    with Store(db) as s:
        import_file(s, SMALL)
    r, seconds, mb = cli_measured(db, "import", path)
    print(f"{megabytes} MB text: {seconds:.1f} s, {mb:.0f} MB peak")
    assert r.returncode == 0 and "已导入" in r.stdout, r.stderr
    assert seconds < max_seconds and mb < max_mb, (seconds, mb)
    with Store(db) as s:
        assert s.integrity_ok() and s.scalar("SELECT count(*) FROM volumes") == 2
        assert verify_volume(s, 2) == []


@pytest.mark.linux  # peak memory from /proc
def test_a_five_megabyte_text_is_imported(tmp_path):
    _import_big(tmp_path, 5, max_seconds=30, max_mb=400)


@pytest.mark.slow
@pytest.mark.linux  # peak memory from /proc
def test_a_fifty_megabyte_text_is_imported_in_reasonable_time_and_memory(tmp_path):
    # measured on the 2-core CI machine: 18.5 s and 783 MB peak
    _import_big(tmp_path, 50, max_seconds=120, max_mb=2000)


# -- read-only places ---------------------------------------------------------------------


def _can_bind_read_only() -> bool:
    if not shutil.which("unshare") or sys.platform != "linux":
        return False
    try:
        r = subprocess.run(["unshare", "-m", "sh", "-c", "mount --bind / /mnt 2>/dev/null || "
                            "mount -t tmpfs none /mnt"], capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return r.returncode == 0


_BIND = _can_bind_read_only()


def _read_only(folder: Path):
    """A command prefix that runs the command with ``folder`` read-only (None: cannot here)."""
    if _BIND:
        return ["unshare", "-m", "sh", "-c",
                f"mount --bind '{folder}' '{folder}' && mount -o remount,bind,ro '{folder}' '{folder}' && exec \"$@\"",
                "sh"]
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return []
    return None


@pytest.fixture
def ro_folder(tmp_path):
    folder = tmp_path / "只读 文件夹"
    folder.mkdir()
    yield folder
    folder.chmod(0o755)


def _prefix_or_skip(folder):
    prefix = _read_only(folder)
    if prefix is None:
        pytest.skip("running as root without mount namespaces: a read-only folder cannot be made here "
                    "(the simulated tests below cover the messages)")
    return prefix


@pytest.mark.posix  # folder modes
def test_a_store_in_a_read_only_folder(ro_folder, tmp_path):
    db = ro_folder / "s.db"
    with Store(db) as s:
        import_file(s, SMALL)
    before = db.read_bytes()
    prefix = _prefix_or_skip(ro_folder)
    other = tmp_path / "另一 卷.txt"
    other.write_text(SMALL.read_text(encoding="utf-8").replace("2021", "2023"), encoding="utf-8")
    r = cli(db, "import", other, prefix=prefix)
    assert_refused(r, str(db))
    assert db.read_bytes() == before
    with Store(db) as s:
        assert s.integrity_ok() and s.scalar("SELECT count(*) FROM volumes") == 1


@pytest.mark.posix  # folder modes
def test_a_new_store_in_a_read_only_folder(ro_folder):
    prefix = _prefix_or_skip(ro_folder)
    for db in (ro_folder / "新 资料库.db", ro_folder / "子 文件夹" / "s.db"):
        r = cli(db, "import", SMALL, prefix=prefix)
        assert_refused(r)
        assert not db.exists()


@pytest.mark.posix  # folder modes
def test_an_export_into_a_read_only_folder(store, ro_folder):
    prefix = _prefix_or_skip(ro_folder)
    for fmt, name in (("text", "校正 稿.txt"), ("json", "卷.json"), ("docx", "卷.docx"), ("markdown", "卷.md"),
                      ("report", "报告.html")):
        r = cli(store, "export", "1", "--format", fmt, "-o", ro_folder / name, prefix=prefix)
        assert_refused(r, name)
    assert list(ro_folder.iterdir()) == []
    assert_intact(store)


def test_paths_under_a_file_are_refused(store, tmp_path):
    not_a_dir = tmp_path / "not_a_dir"
    not_a_dir.write_text("a file", encoding="utf-8")
    assert_refused(cli(not_a_dir / "x.db", "list"), "不是文件夹")
    assert_refused(cli(not_a_dir / "sub" / "x.db", "list"), "不是文件夹")
    assert_refused(cli(store, "export", "1", "-o", not_a_dir / "x.txt"), "不是文件夹")
    assert_refused(cli(Path("/proc") / "x.db", "list"))
    assert not_a_dir.read_text(encoding="utf-8") == "a file"
    assert_intact(store)


@pytest.mark.posix  # FIFOs and /dev
def test_an_export_onto_a_pipe_or_device_is_refused_and_leaves_it(store, tmp_path):
    fifo = tmp_path / "管道"
    os.mkfifo(fifo)
    r = cli(store, "export", "1", "-o", fifo, timeout=60)
    assert_refused(r, "不是普通文件")
    assert fifo.is_fifo()


@pytest.mark.posix  # symbolic links need administrator rights on Windows
def test_an_export_through_a_symlink_replaces_the_target_and_keeps_the_link(store, tmp_path):
    target = tmp_path / "真实 文件.txt"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "链接.txt"
    link.symlink_to(target)
    assert cli(store, "export", "1", "-o", link).returncode == 0
    assert link.is_symlink() and "编辑改过的一段。" in target.read_text(encoding="utf-8")


# -- read-only and full places, simulated in-process (works for any user) -----------------


@pytest.mark.parametrize("code, words", [(errno.EROFS, "只读"), (errno.EACCES, "权限"), (errno.ENOSPC, "磁盘空间不足"),
                                         (errno.EIO, "失败")])
def test_export_failures_from_the_os_are_one_sentence(store, tmp_path, monkeypatch, capsys, code, words):
    import tempfile

    from yearbook_editor import cli as cli_mod

    def refuse(*a, **k):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    out = tmp_path / "x.txt"
    assert cli_mod.main(["--db", str(store), "-q", "export", "1", "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("错误：") and words in err and "\n" not in err and "程序内部出错" not in err, err
    assert not out.exists()
    assert_intact(store)


@pytest.mark.parametrize("message, words", [
    ("attempt to write a readonly database", "只读"),
    ("unable to open database file", "无法打开"),
    ("database or disk is full", "磁盘空间不足"),
    ("disk I/O error", "磁盘错误"),
    ("database is locked", "另一个程序"),
])
def test_store_failures_from_sqlite_are_one_sentence(store, monkeypatch, capsys, message, words):
    from yearbook_editor import cli as cli_mod
    from yearbook_editor.core import store as store_mod

    real_connect = sqlite3.connect

    class Refusing:
        def __init__(self, conn):
            self._conn = conn

        def execute(self, sql, *a):
            if sql.strip().upper().startswith("BEGIN IMMEDIATE"):
                raise sqlite3.OperationalError(message)
            return self._conn.execute(sql, *a)

        def __getattr__(self, name):
            return getattr(self._conn, name)

    monkeypatch.setattr(store_mod.sqlite3, "connect", lambda *a, **k: Refusing(real_connect(*a, **k)))
    other = store.parent / "另一 卷.txt"
    other.write_text(SMALL.read_text(encoding="utf-8").replace("2021", "2024"), encoding="utf-8")
    assert cli_mod.main(["--db", str(store), "-q", "import", str(other)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("错误：") and words in err and "程序内部出错" not in err, err
    monkeypatch.undo()
    assert_intact(store)


def test_a_store_locked_by_another_process_through_the_command_line(store, tmp_path):
    other = tmp_path / "另一 卷.txt"
    other.write_text(SMALL.read_text(encoding="utf-8").replace("2021", "2025"), encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys\n"
         "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
         "c.execute('BEGIN EXCLUSIVE')\n"
         "print('holding', flush=True)\n"
         "sys.stdin.readline()\n"
         "c.execute('ROLLBACK')\n", str(store)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, encoding=locale.getpreferredencoding(False), env=_env(),
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        t0 = time.perf_counter()
        r = cli(store, "import", other, timeout=60)
        assert time.perf_counter() - t0 < 20  # the busy timeout (5 s), then a clear refusal
        assert_refused(r, "另一个程序")
    finally:
        holder.stdin.write("done\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    assert_intact(store)


# -- volume JSON files that are broken -----------------------------------------------------


@pytest.mark.parametrize("content", [
    '{"format": "yearbook_editor.volume", "format_ver',
    '{"hello": 1}',
    "[1, 2, 3]",
    "\ufeff{}",
])
def test_a_broken_volume_json_is_refused(store, tmp_path, content):
    path = tmp_path / "坏的 卷.json"
    path.write_text(content, encoding="utf-8")
    assert_refused(cli(store, "import", path), "坏的 卷.json")
    assert_intact(store)


@pytest.mark.parametrize("content", [
    '{"format": "yearbook_editor.volume", "format_version": 1}',
    '{"format": "yearbook_editor.volume", "format_version": 1, "volume": "x", "source": 3, "blocks": 5}',
    "[" * 100_000 + "]" * 100_000,
])
def test_a_volume_json_with_the_right_format_but_broken_content_is_refused(store, tmp_path, content):
    path = tmp_path / "坏的 卷.json"
    path.write_text(content, encoding="utf-8")
    assert_refused(cli(store, "import", path), "坏的 卷.json")
    assert_intact(store)


def test_a_volume_json_with_pieces_outside_the_source_is_refused(store, tmp_path):
    import json

    out = tmp_path / "卷.json"
    assert cli(store, "export", "1", "--format", "json", "-o", out).returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    data["volume"]["sha256"] = "0" * 64  # another volume, as far as the store can tell
    data["blocks"][0]["pieces"] = [[999_999, 0, 5]]
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = cli(store, "import", out)
    assert_refused(r, "卷.json")
    assert_intact(store)
