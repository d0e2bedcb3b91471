"""Damaged stores: detected before anything is written, explained in one sentence, and put
back from a rolling backup; bit rot that changes a volume's content is caught by
verification before it reaches an export."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from yearbook_editor.cli.console import pipe_encoding
from yearbook_editor.core import integrity
from yearbook_editor.core.backups import backup_infos, rolling_backup
from yearbook_editor.core.checks import load_findings, verify_and_record
from yearbook_editor.core.edits import SetBlockText, apply_edit, verify_volume
from yearbook_editor.core.errors import NotAStore, SchemaTooNew, StoreDamaged, VolumeDoesNotVerify, YearbookError
from yearbook_editor.core.export import export_text
from yearbook_editor.core.resources import SAMPLE_VOLUME as SAMPLE
from yearbook_editor.core.store import APPLICATION_ID, Store
from yearbook_editor.core.volumes import import_file

from ..conftest import CHILD_ENCODING, DATA

SMALL = DATA / "small_volume.txt"


def _cli(db, *args):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    return subprocess.run([sys.executable, "-m", "yearbook_editor.cli", "--db", str(db), "-q", *args],
                          capture_output=True, encoding=pipe_encoding(), env=env, timeout=120)


def _one_sentence(err: str) -> bool:
    return err.startswith("错误：") and "Traceback" not in err and "程序内部出错" not in err and err.count("\n") <= 1


@pytest.fixture
def record(tmp_path, monkeypatch):
    """A fresh record of stores last seen whole, so each test decides what was checked."""
    path = tmp_path / "checks.json"
    monkeypatch.setenv("YEARBOOK_CHECK_RECORD", str(path))
    return path


def _store_with_volume(path):
    with Store(path) as s:
        vid = import_file(s, SMALL).volume_id
        for _ in range(40):  # enough pages that damage in the middle hits a table
            apply_edit(s, SetBlockText(s.query("SELECT id FROM blocks WHERE volume_id = ? AND kind = 'paragraph'"
                                               " ORDER BY seq LIMIT 1", (vid,))[0]["id"], "修改" * 200), author="甲")
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return vid


def _damage_pages(path, pages=(2, 3)):
    page = 4096
    data = bytearray(path.read_bytes())
    for p in pages:
        data[p * page + 8: p * page + 200] = os.urandom(192)
    path.write_bytes(bytes(data))


def test_a_damaged_store_is_refused_before_anything_is_written(tmp_path, record):
    db = tmp_path / "s.db"
    _store_with_volume(db)
    _damage_pages(db)
    before = db.read_bytes()
    with pytest.raises(StoreDamaged) as e:
        Store(db)
    assert "备份" in str(e.value)
    assert db.read_bytes() == before  # no WAL switch, no migration, nothing
    r = _cli(db, "import", str(SAMPLE))
    assert r.returncode == 1 and _one_sentence(r.stderr) and "损坏" in r.stderr, r.stderr
    assert db.read_bytes() == before


def test_quick_check_runs_only_when_the_file_changed_since_it_was_last_seen_whole(tmp_path, record, monkeypatch):
    db = tmp_path / "s.db"
    Store(db).close()
    calls = []
    real = integrity.quick_check
    monkeypatch.setattr(integrity, "quick_check", lambda conn: calls.append(1) or real(conn))
    Store(db).close()
    assert calls == []  # unchanged since the last close
    other = sqlite3.connect(db)  # another program writes
    other.execute("CREATE TABLE IF NOT EXISTS findings_extra (x)")
    other.commit()
    other.close()
    Store(db).close()
    assert calls == [1]
    with Store(db) as s:  # a second connection of the same process is not checked again
        Store(db).close()
        s.scalar("SELECT 1")
    assert calls == [1]


def test_backups_and_restore_through_the_command_line(tmp_path, record):
    db = tmp_path / "资料 库.db"
    vid = _store_with_volume(db)
    with Store(db) as s:
        made = rolling_backup(s)
    assert made is not None
    _damage_pages(db)
    r = _cli(db, "list")
    assert r.returncode == 1 and _one_sentence(r.stderr) and "restore" in r.stderr
    r = _cli(db, "backups")
    assert r.returncode == 0 and "完好" in r.stdout and made.name in r.stdout
    r = _cli(db, "restore", "1")
    assert r.returncode == 0, r.stderr
    aside = [p for p in tmp_path.iterdir() if ".damaged-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1
    with Store(db) as s:
        assert s.integrity_ok() and verify_volume(s, vid) == []
    r = _cli(db, "restore", "7")
    assert r.returncode == 1 and _one_sentence(r.stderr)


def test_backup_infos_say_what_each_backup_holds(tmp_path, record):
    db = tmp_path / "s.db"
    _store_with_volume(db)
    with Store(db) as s:
        rolling_backup(s)
    (info,) = backup_infos(db)
    assert info.whole and info.volumes == 1 and info.size > 0 and info.taken is not None
    assert [p.name for p in info.path.parent.iterdir()] == [info.path.name]  # one file: reading it left no -wal/-shm


def test_verify_turns_bit_rot_into_a_finding_and_the_export_refuses(tmp_path, record):
    db = tmp_path / "s.db"
    with Store(db) as s:
        vid = import_file(s, SMALL).volume_id
        bid = s.query("SELECT id FROM blocks WHERE kind = 'paragraph' ORDER BY seq LIMIT 1")[0]["id"]
    con = sqlite3.connect(db)  # a changed byte in a block's text, behind the program's back
    con.execute("UPDATE blocks SET text = '变' || substr(text, 2) WHERE id = ?", (bid,))
    con.commit()
    con.close()
    r = _cli(db, "verify", "1")
    assert r.returncode == 1 and "不符" in r.stderr
    with Store(db) as s:
        found = load_findings(s, vid, code="store")
        assert [f.block_id for f in found] == [bid] and found[0].status == "open"
        with pytest.raises(VolumeDoesNotVerify):
            export_text(s, vid, tmp_path / "out.txt")
    assert not (tmp_path / "out.txt").exists()


@pytest.mark.parametrize("column", ["seq", "depth"])
def test_a_changed_position_or_level_no_edit_touched_is_caught_by_the_seal(tmp_path, record, column):
    db = tmp_path / "s.db"
    with Store(db) as s:
        vid = import_file(s, SMALL).volume_id
        assert verify_and_record(s, vid) == []
    _change_behind_the_stores_back(db, column)
    with Store(db) as s:
        assert verify_volume(s, vid) != []


def _change_behind_the_stores_back(db, column: str) -> None:
    """A block's position (``seq``) or a heading's level (``depth``) changed on the disk, no edit."""
    con = sqlite3.connect(db)
    table = "blocks" if column == "seq" else "nodes"
    row = con.execute(f"SELECT id, {column} FROM {table} ORDER BY id DESC LIMIT 1").fetchone()
    con.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (row[1] + 1000, row[0]))
    con.commit()
    con.close()


@pytest.mark.parametrize("column", ["seq", "depth"])
def test_a_seal_of_the_first_kind_still_verifies_and_still_catches_a_change(tmp_path, record, column):
    """Stores sealed before seals were hashed as one text keep their seals: read the old way."""
    from yearbook_editor.core.seal import SEAL_KIND, first_state_digest

    db = tmp_path / "s.db"
    with Store(db) as s:
        vid = import_file(s, SMALL).volume_id
        assert s.scalar("SELECT seal FROM volumes WHERE id = ?", (vid,)).startswith(SEAL_KIND)
        old = first_state_digest(s.conn, vid, kind="")
        assert len(old) == 64 and old != first_state_digest(s.conn, vid)
    con = sqlite3.connect(db)
    con.execute("UPDATE volumes SET seal = ? WHERE id = ?", (old, vid))
    con.commit()
    con.close()
    with Store(db) as s:
        assert verify_volume(s, vid) == []
    _change_behind_the_stores_back(db, column)
    with Store(db) as s:
        assert verify_volume(s, vid) != []


@pytest.mark.parametrize("make", ["user_version", "other_app", "tables"])
def test_another_programs_sqlite_file_is_never_adopted(tmp_path, record, make):
    db = tmp_path / "other.db"
    con = sqlite3.connect(db)
    if make == "user_version":  # an empty database of another program, not "a newer store"
        con.execute("PRAGMA user_version = 7")
    elif make == "other_app":
        con.execute("PRAGMA application_id = 1234")
    else:
        con.execute("CREATE TABLE notes (x)")
    con.commit()
    con.close()
    before = db.read_bytes()
    with pytest.raises(NotAStore) as e:
        Store(db)
    assert not isinstance(e.value, SchemaTooNew) and "其他程序" in str(e.value)
    assert db.read_bytes() == before
    assert not (tmp_path / "other.db-wal").exists() and not list(tmp_path.glob("*.bak"))


def test_an_empty_file_becomes_a_store(tmp_path, record):
    db = tmp_path / "new.db"
    db.write_bytes(b"")
    with Store(db) as s:
        assert s.scalar("PRAGMA application_id") == APPLICATION_ID


def _flip_outcome(good, tmp_path, k, rng, expected) -> str:
    copy = tmp_path / f"flip{k}.db"
    data = bytearray(good)
    pages = len(data) // 4096
    page = rng.randrange(1, pages)  # page 0 holds the header: its damage is "not a database"
    pos = page * 4096 + rng.randrange(4096)
    data[pos] ^= 1 << rng.randrange(8)
    copy.write_bytes(bytes(data))
    try:
        with Store(copy) as s:
            vid = s.scalar("SELECT id FROM volumes")
            if verify_volume(s, vid):
                return "verify"
            try:
                export_text(s, vid, tmp_path / f"out{k}.txt")
            except VolumeDoesNotVerify:
                return "verify"
            got = (tmp_path / f"out{k}.txt").read_text(encoding="utf-8")
            return "harmless" if got == expected else "UNDETECTED"
    except YearbookError as e:
        assert "\n" not in str(e)
        return "open"
    except Exception as e:  # the test reports any other failure as such
        import traceback

        where = traceback.extract_tb(e.__traceback__)[-1]
        return f"CRASH {type(e).__name__} at {Path(where.filename).name}:{where.lineno}"


@pytest.mark.parametrize("flips", [40, pytest.param(1000, marks=pytest.mark.slow)])
def test_single_bit_flips_never_reach_an_export_unnoticed(tmp_path, record, flips):
    """One bit flipped in a random page of a store (fixed seed): the damage is refused on
    opening, caught by verification, or changes nothing of the corrected text."""
    db = tmp_path / "s.db"
    with Store(db) as s:
        vid = import_file(s, SAMPLE).volume_id
        para = s.query("SELECT id, text FROM blocks WHERE kind = 'paragraph' ORDER BY seq LIMIT 1")[0]
        apply_edit(s, SetBlockText(para["id"], para["text"] + "（补）"), author="甲")
        export_text(s, vid, tmp_path / "good.txt")
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    expected = (tmp_path / "good.txt").read_text(encoding="utf-8")
    good = db.read_bytes()
    rng = random.Random(20261205)
    outcomes = [_flip_outcome(good, tmp_path, k, rng, expected) for k in range(flips)]
    counts = {o: outcomes.count(o) for o in set(outcomes)}
    print("bit flips:", counts)
    assert [o for o in outcomes if o.startswith(("UNDETECTED", "CRASH"))] == [], counts


WRITER = r"""
import sys
from pathlib import Path
from yearbook_editor.core.edits import SetBlockText, apply_edit
from yearbook_editor.core.store import Store
s = Store(Path(sys.argv[1]))
s.conn.execute("PRAGMA wal_autocheckpoint = 0")
bid, text = s.query("SELECT id, text FROM blocks WHERE kind = 'paragraph' ORDER BY seq LIMIT 1")[0].values()
k = 0
while True:
    k += 1
    new = f"{text}（{k}）"
    apply_edit(s, SetBlockText(bid, new, expected=text), author="甲", reason=f"r{k}")
    text = new
    print("ack", k, flush=True)
"""


@pytest.mark.parametrize("rounds", [3, pytest.param(20, marks=pytest.mark.slow)])
def test_a_killed_writer_whose_wal_is_then_deleted_leaves_a_store_that_opens_and_verifies(tmp_path, record, rounds):
    """kill -9 of the app, then its -wal deleted (by a careless copy or cleanup): what was only
    in the WAL is gone (SQLite cannot keep it), but the store opens, is whole and verifies —
    or is refused in one sentence — and no export is silently wrong."""
    db = tmp_path / "s.db"
    with Store(db) as s:
        vid = import_file(s, SMALL).volume_id
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    rng = random.Random(7)
    for _r in range(rounds):
        p = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, encoding=CHILD_ENCODING,
                             env=env)
        for _ in range(rng.randrange(1, 30)):
            assert p.stdout.readline().startswith("ack")
        p.kill()
        p.wait()
        for suffix in ("-wal", "-shm"):
            (tmp_path / f"s.db{suffix}").unlink(missing_ok=True)
        try:
            with Store(db) as s:
                assert s.integrity_ok()
                assert verify_volume(s, vid) == []
                export_text(s, vid, tmp_path / "out.txt")
        except YearbookError as e:
            assert "\n" not in str(e)
