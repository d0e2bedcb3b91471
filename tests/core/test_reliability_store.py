"""Store faults: a full disk, a second process, older and newer stores, rolling backups.

Each test ends by checking what an editor cares about: ``PRAGMA integrity_check`` passes,
every revision saved before the fault is still there, and ``verify_volume`` (current state =
source + revisions) finds nothing.
"""

from __future__ import annotations

import errno
import itertools
import os
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta

import pytest

from yearbook_editor.cli.console import pipe_encoding
from yearbook_editor.core import migrations
from yearbook_editor.core import store as store_mod
from yearbook_editor.core import volumes as volumes_mod
from yearbook_editor.core.backups import list_backups, rolling_backup
from yearbook_editor.core.edits import (
    Batch,
    MergeBlocks,
    SetBlockText,
    SetNodeStatus,
    SplitBlock,
    apply_edit,
    history,
    verify_volume,
)
from yearbook_editor.core.errors import DiskFull, StoreError, StoreLocked, YearbookError
from yearbook_editor.core.export import FORMATS
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file, list_volumes

from ..conftest import CHILD_ENCODING, DATA

SMALL = DATA / "small_volume.txt"


def _env():
    return dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))


@pytest.fixture
def small(tmp_path):
    with Store(tmp_path / "s.db") as s:
        yield s, import_file(s, SMALL).volume_id


def _paragraphs(store, vid):
    return store.query(
        "SELECT id, text FROM blocks WHERE volume_id = ? AND kind = 'paragraph' AND deleted = 0 ORDER BY seq", (vid,)
    )


def _snapshot(store) -> dict:
    return {
        "revisions": store.query("SELECT * FROM revisions ORDER BY id"),
        "blocks": store.query("SELECT * FROM blocks ORDER BY id"),
        "nodes": store.query("SELECT * FROM nodes ORDER BY id"),
        "volumes": store.query("SELECT id, title, sha256 FROM volumes ORDER BY id"),
    }


# -- revision values ----------------------------------------------------------------------


def test_revision_history_keeps_texts_that_look_like_numbers(small):
    """revisions.old_value/new_value have BLOB affinity: '007', ' 1.50 ', '2021' stay texts."""
    store, vid = small
    b = _paragraphs(store, vid)[0]["id"]
    for text in ("007", " 1.50 ", "2021"):
        apply_edit(store, SetBlockText(b, text), author="t")
    got = [r["new_value"] for r in history(store, vid)]
    assert got == ["007", " 1.50 ", "2021"]
    assert verify_volume(store, vid) == []


def test_split_leaving_a_number_is_verifiable(small):
    store, vid = small
    p = next(r for r in _paragraphs(store, vid) if r["text"].startswith("1."))
    apply_edit(store, SplitBlock(p["id"], 1), author="t")
    assert verify_volume(store, vid) == []


# -- the disk fills up --------------------------------------------------------------------


def _fill_up(store) -> None:
    """Make the store full: no page may be added (the per-connection cap SQLite offers)."""
    pages = store.scalar("PRAGMA page_count")
    store.conn.execute(f"PRAGMA max_page_count = {pages}")


@pytest.mark.parametrize("kind", ["text", "split", "batch"])
def test_disk_full_during_an_edit_rolls_back_and_keeps_earlier_revisions(small, kind):
    store, vid = small
    paras = _paragraphs(store, vid)
    apply_edit(store, SetBlockText(paras[0]["id"], "已保存的修改：" + paras[0]["text"]), author="t")
    apply_edit(store, SetNodeStatus(store.scalar("SELECT min(id) FROM nodes"), "checked"), author="t")
    before = _snapshot(store)
    big = "字" * 300_000  # far more than the free space inside the last pages
    long_id = paras[1]["id"]
    if kind == "text":
        edit = SetBlockText(long_id, big)
    elif kind == "split":
        edit = Batch((SetBlockText(long_id, big + "。" + big), SplitBlock(long_id, len(big) + 1)))
    else:
        edit = Batch(tuple(SetBlockText(p["id"], big) for p in paras[1:4]))
    _fill_up(store)
    with pytest.raises(DiskFull) as e:
        apply_edit(store, edit, author="t")
    assert "磁盘空间不足" in str(e.value) and "已保存的内容没有受到影响" in str(e.value)
    assert not store.conn.in_transaction
    assert _snapshot(store) == before
    assert store.integrity_ok()
    assert verify_volume(store, vid) == []
    # once there is room again, work goes on on the same connection
    store.conn.execute("PRAGMA max_page_count = 1073741823")
    apply_edit(store, edit, author="t")
    assert verify_volume(store, vid) == []


def test_disk_full_during_an_import_stores_nothing_of_it(small, tmp_path):
    store, vid = small
    apply_edit(store, SetBlockText(_paragraphs(store, vid)[0]["id"], "改过的文字"), author="t")
    big = tmp_path / "大卷.txt"
    big.write_text(("【条目】" + "正文文字，" * 2000 + "\n\n") * 30, encoding="utf-8")
    before = _snapshot(store)
    _fill_up(store)
    with pytest.raises(DiskFull):
        import_file(store, big)
    assert _snapshot(store) == before
    assert store.integrity_ok() and verify_volume(store, vid) == []


def test_disk_full_through_the_command_line(tmp_path):
    """The command line shows the DiskFull sentence and exits 1 (store capped by a start-up hook)."""
    db = tmp_path / "s.db"
    with Store(db) as s:
        import_file(s, SMALL)
    big = tmp_path / "big.txt"
    big.write_text(("【条目】" + "正文文字，" * 2000 + "\n\n") * 30, encoding="utf-8")
    hook = (
        "import sys, runpy\n"
        "from yearbook_editor.core import store as m\n"
        "orig = m.Store._migrate\n"
        "def capped(self, backup):\n"
        "    orig(self, backup)\n"
        "    n = self.conn.execute('PRAGMA page_count').fetchone()[0]\n"
        "    self.conn.execute(f'PRAGMA max_page_count = {n}')\n"
        "m.Store._migrate = capped\n"
        "sys.argv = ['yearbook-editor'] + sys.argv[1:]\n"
        "runpy.run_module('yearbook_editor', run_name='__main__')\n"
    )
    r = subprocess.run([sys.executable, "-c", hook, "--db", str(db), "-q", "import", str(big)],
                       capture_output=True, encoding=pipe_encoding(), env=_env(), timeout=120)
    assert r.returncode == 1
    assert "磁盘空间不足" in r.stderr and "Traceback" not in r.stderr
    with Store(db) as s:
        assert s.integrity_ok() and len(list_volumes(s)) == 1


class _FullFile:
    """A file object whose writes fail as on a full disk, after a first part got through."""

    def __init__(self, f):
        self._f = f
        self._written = 0

    def write(self, data):
        if self._written:
            raise OSError(errno.ENOSPC, "No space left on device")
        self._written += self._f.write(data[: max(1, len(data) // 2)])
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self._f, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._f.close()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_disk_full_during_an_export_keeps_the_earlier_file_and_the_store(small, tmp_path, monkeypatch, fmt):
    from yearbook_editor.core.export import _atomic

    store, vid = small
    apply_edit(store, SetBlockText(_paragraphs(store, vid)[0]["id"], "导出前的修改"), author="t")
    before = _snapshot(store)
    exporter, suffix = FORMATS[fmt].export, FORMATS[fmt].suffix
    out = tmp_path / f"导出 结果{suffix}"
    out.write_bytes(b"the earlier export")
    real_fdopen = os.fdopen
    monkeypatch.setattr(_atomic.os, "fdopen", lambda fd, *a, **k: _FullFile(real_fdopen(fd, *a, **k)))
    with pytest.raises(DiskFull) as e:
        exporter(store, vid, out)
    assert "磁盘空间不足" in str(e.value)
    assert out.read_bytes() == b"the earlier export"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
    assert _snapshot(store) == before and store.integrity_ok()


# -- a second process on the same store ---------------------------------------------------

EDITOR = r"""
import json, random, sys
from yearbook_editor.core.store import Store
from yearbook_editor.core.edits import SetBlockText, SetNodeStatus, Batch, apply_edit
from yearbook_editor.core.errors import StoreLocked
path, who, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(who)
with Store(path, busy_timeout_ms=30000) as s:
    blocks = [r["id"] for r in s.query("SELECT id FROM blocks WHERE kind = 'paragraph' ORDER BY id")]
    nodes = [r["id"] for r in s.query("SELECT id FROM nodes ORDER BY id")]
    print("ready", flush=True)
    sys.stdin.readline()  # start together
    for i in range(n):
        tag = f"{who}-{i}"
        b = rng.choice(blocks)
        edit = SetBlockText(b, f"{tag}：并发修改")
        if i % 5 == 4:
            edit = Batch((edit, SetNodeStatus(rng.choice(nodes), rng.choice(["checked", "approved"]))))
        try:
            apply_edit(s, edit, author=who, reason=tag)
        except StoreLocked as e:
            print("locked", tag, flush=True)
            continue
        print("ack", tag, flush=True)
"""


def test_two_processes_editing_at_once_lose_nothing(small):
    store, vid = small
    path = store.path
    store.close()
    n = 120
    procs = [
        subprocess.Popen([sys.executable, "-c", EDITOR, str(path), who, str(n)], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding=CHILD_ENCODING, env=_env())
        for who in ("甲", "乙")
    ]
    for p in procs:
        assert p.stdout.readline().strip() == "ready"
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err[-2000:]
    acked = [line.split()[1] for out, _ in outs for line in out.splitlines() if line.startswith("ack")]
    assert len(acked) == 2 * n  # with a generous wait, both get every edit in
    with Store(path) as s:
        assert s.integrity_ok()
        have = {r["reason"] for r in s.query("SELECT DISTINCT reason FROM revisions")}
        assert [t for t in acked if t not in have] == []
        assert verify_volume(s, vid) == []


def test_a_second_writer_that_cannot_wait_gets_store_locked_and_changes_nothing(small):
    store, vid = small
    b = _paragraphs(store, vid)[0]["id"]
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys\n"
         "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
         "c.execute('BEGIN IMMEDIATE')\n"
         "print('holding', flush=True)\n"
         "sys.stdin.readline()\n"
         "c.execute('ROLLBACK')\n", str(store.path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, encoding=CHILD_ENCODING, env=_env(),
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        before = _snapshot(store)
        store.conn.execute("PRAGMA busy_timeout = 200")
        t0 = time.monotonic()
        with pytest.raises(StoreLocked) as e:
            apply_edit(store, SetBlockText(b, "被挡住的修改"), author="t")
        assert time.monotonic() - t0 < 5
        assert "另一个程序" in str(e.value)
        assert _snapshot(store) == before
    finally:
        holder.stdin.write("done\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    apply_edit(store, SetBlockText(b, "锁释放后的修改"), author="t")
    assert store.integrity_ok() and verify_volume(store, vid) == []


OPENER = (
    "import sys\n"
    "from yearbook_editor.core.store import Store\n"
    "print('ready', flush=True)\n"
    "sys.stdin.readline()\n"
    "Store(sys.argv[1]).close()\n"
    "print('ok')\n"
)


def _open_at_once(tmp_path, rounds: int, processes: int = 3) -> None:
    for k in range(rounds):
        path = tmp_path / f"new{k}.db"
        procs = [subprocess.Popen([sys.executable, "-c", OPENER, str(path)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding=CHILD_ENCODING, env=_env())
                 for _ in range(processes)]
        for p in procs:
            assert p.stdout.readline().strip() == "ready"
        for p in procs:
            p.stdin.write("go\n")
            p.stdin.flush()
        for p in procs:
            out, err = p.communicate(timeout=60)
            assert out.strip() == "ok", f"round {k}: {err[-1500:]}"
        with Store(path) as s:
            assert s.schema_version == migrations.SCHEMA_VERSION and s.integrity_ok()


def test_processes_opening_a_new_store_at_the_same_moment(tmp_path):
    """Regression: instances creating one store at once ran the schema twice ('table volumes
    already exists', 14 times in 20 before the fix) or saw it half-made ('not our store')."""
    _open_at_once(tmp_path, rounds=4)


@pytest.mark.slow
def test_processes_opening_a_new_store_at_the_same_moment_many_rounds(tmp_path):
    _open_at_once(tmp_path, rounds=40, processes=4)


# -- older and newer stores ---------------------------------------------------------------


def _make_v1_store(path, monkeypatch) -> tuple[int, list[dict]]:
    """A real version-1 store: only STEPS[:1] run, a volume imported and edited with it."""
    monkeypatch.setattr(store_mod, "STEPS", migrations.STEPS[:1])
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", 1)
    monkeypatch.setattr(volumes_mod, "seal_volume", lambda conn, vid: None)  # version 1 had no seals
    with Store(path) as s:
        assert s.schema_version == 1
        assert "check_words" not in s.db.table_names()
        vid = import_file(s, SMALL).volume_id
        paras = _paragraphs(s, vid)
        apply_edit(s, SetBlockText(paras[0]["id"], "第一版程序中的修改：" + paras[0]["text"]), author="王", reason="v1")
        apply_edit(s, SplitBlock(paras[1]["id"], 5), author="王", reason="v1")
        rows = s.query("SELECT id, kind FROM blocks WHERE deleted = 0 AND kind != 'noise' ORDER BY seq")
        pair = next((a["id"], b["id"]) for a, b in itertools.pairwise(rows) if a["kind"] == b["kind"] == "paragraph")
        apply_edit(s, MergeBlocks(*pair), author="王", reason="v1")
        revs = s.query("SELECT * FROM revisions ORDER BY id")
    monkeypatch.undo()
    return vid, revs


def test_a_real_version_1_store_is_migrated_after_a_backup(tmp_path, monkeypatch):
    path = tmp_path / "旧 资料库.db"
    vid, revs = _make_v1_store(path, monkeypatch)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    con.close()
    with Store(path) as s:
        assert s.schema_version == migrations.SCHEMA_VERSION
        assert "check_words" in s.db.table_names()
        assert s.query("SELECT * FROM revisions ORDER BY id") == revs
        assert verify_volume(s, vid) == [] and s.integrity_ok()
        apply_edit(s, SetBlockText(_paragraphs(s, vid)[0]["id"], "新版程序中的修改"), author="王")
    backup = tmp_path / "旧 资料库.db.v1.bak"
    assert backup.exists()
    with sqlite3.connect(backup) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == 1
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM revisions").fetchone()[0] == len(revs)
        assert con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'check_words'").fetchone()[0] == 0
    con.close()


def test_a_newer_store_is_refused_untouched_also_through_the_command_line(tmp_path):
    path = tmp_path / "new.db"
    with Store(path) as s:
        import_file(s, SMALL)
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 5}")
    con.close()
    before = path.read_bytes()
    r = subprocess.run([sys.executable, "-m", "yearbook_editor", "--db", str(path), "-q", "import", str(SMALL)],
                       capture_output=True, encoding=pipe_encoding(), env=_env(), timeout=60)
    assert r.returncode == 1 and "更新版本" in r.stderr and "Traceback" not in r.stderr
    assert path.read_bytes() == before
    assert not list((tmp_path).glob("*.bak"))


# -- rolling backups ----------------------------------------------------------------------


def test_rolling_backup_copies_the_store_and_keeps_the_newest(small, tmp_path):
    store, vid = small
    t = datetime(2026, 1, 5, 9, 0, 0)
    made = []
    for k in range(8):
        apply_edit(store, SetBlockText(_paragraphs(store, vid)[0]["id"], f"第 {k} 次修改"), author="t")
        made.append(rolling_backup(store, keep=5, now=t + timedelta(minutes=15 * k)))
    assert all(made)
    kept = list_backups(store.path)
    assert kept == made[-5:]
    assert all(p.parent == tmp_path / "backups" for p in kept)
    assert kept[0].name == "s.db.20260105-094500.bak"
    with Store(kept[-1]) as b:  # a backup is a store in its own right
        assert b.integrity_ok()
        assert verify_volume(b, vid) == []
        assert b.scalar("SELECT count(*) FROM revisions") == 8


def test_rolling_backup_is_skipped_when_recent_or_unchanged(small):
    store, vid = small
    t = datetime(2026, 1, 5, 9, 0, 0)
    first = rolling_backup(store, now=t)
    assert first is not None
    apply_edit(store, SetBlockText(_paragraphs(store, vid)[0]["id"], "改了"), author="t")
    assert rolling_backup(store, now=t + timedelta(minutes=5)) is None  # too recent
    second = rolling_backup(store, now=t + timedelta(minutes=11))
    assert second is not None
    assert rolling_backup(store, now=t + timedelta(days=3)) is None  # nothing changed since
    assert list_backups(store.path) == [first, second]


def test_rolling_backup_leaves_other_files_alone(small, tmp_path):
    store, _vid = small
    folder = tmp_path / "backups"
    folder.mkdir()
    others = [folder / "notes.txt", folder / "other.db.20200101-000000.bak", folder / "s.db.old.bak"]
    for f in others:
        f.write_text("mine", encoding="utf-8")
    t = datetime(2026, 1, 5, 9, 0, 0)
    for k in range(4):
        apply_edit(store, SetNodeStatus(store.scalar("SELECT min(id) FROM nodes"), ["checked", "approved"][k % 2]),
                   author="t")
        rolling_backup(store, keep=1, now=t + timedelta(hours=k))
    assert len(list_backups(store.path)) == 1
    assert all(f.read_text(encoding="utf-8") == "mine" for f in others)


def test_rolling_backup_into_a_folder_that_cannot_be_made_says_so(small, tmp_path):
    store, _vid = small
    (tmp_path / "backups").write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(StoreError) as e:
        rolling_backup(store)
    assert "备份" in str(e.value) and "没有改动" in str(e.value)
    assert store.integrity_ok()


def test_rolling_backup_when_the_disk_is_full(small, monkeypatch):
    store, _vid = small

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_mod.os, "replace", full)
    with pytest.raises(DiskFull):
        rolling_backup(store)
    assert list_backups(store.path) == []
    assert not any(p.name.endswith(".tmp") for p in (store.path.parent / "backups").iterdir())
    assert store.integrity_ok()


# -- errors from reads are translated too -------------------------------------------------


def test_scalar_and_query_errors_are_plain_sentences(small):
    store, _vid = small
    for call in (store.scalar, store.query):
        with pytest.raises(YearbookError):
            call("SELECT * FROM no_such_table")
