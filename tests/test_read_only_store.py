"""A store that cannot be written (read-only file, folder or medium): ``verify`` and ``check`` run
on it read-only. ``verify`` lists what it finds and says it could not be recorded; ``check`` lists
its findings (with the statuses they were given before) without saving them; the file is never
changed (issue 12). Made for real with a read-only bind mount (or chmod when not root), and
simulated in-process for any user."""

from __future__ import annotations

import sqlite3

import pytest

from yearbook_editor import cli as cli_mod
from yearbook_editor.cli import common
from yearbook_editor.core.checks import load_findings, run_checks, save_findings, set_status
from yearbook_editor.core.store import Store, cannot_be_written
from yearbook_editor.core.volumes import import_file

from .conftest import DATA
from .test_hostile_files import _read_only, cli

SMALL = DATA / "small_volume.txt"


@pytest.fixture(autouse=True)
def record(tmp_path, monkeypatch):
    monkeypatch.setenv("YEARBOOK_CHECK_RECORD", str(tmp_path / "checks.json"))


@pytest.fixture
def ro_store(tmp_path):
    """A store with one volume, checked once (one finding marked ignored), in its own folder."""
    folder = tmp_path / "只读 资料"
    folder.mkdir()
    db = folder / "s.db"
    with Store(db) as s:
        vid = import_file(s, SMALL).volume_id
        found = save_findings(s, vid, run_checks(s, vid))
        set_status(s, found[0].id, "ignored")
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    yield db
    folder.chmod(0o755)


def _findings(db) -> list[tuple[str, str]]:
    con = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("SELECT fingerprint, status FROM findings ORDER BY id").fetchall()
    finally:
        con.close()


def _rot(db) -> None:
    """A block's text changed behind the program's back (what verify is for)."""
    con = sqlite3.connect(db)
    con.execute("UPDATE blocks SET text = '变' || substr(text, 2) WHERE id = (SELECT min(id) FROM blocks "
                "WHERE kind = 'paragraph')")
    con.commit()
    con.close()


@pytest.mark.posix  # folder modes and mount namespaces
def test_verify_and_check_run_on_a_really_read_only_store_and_change_nothing(ro_store):
    before, findings_before = ro_store.read_bytes(), _findings(ro_store)
    prefix = _read_only(ro_store.parent)
    if prefix is None:
        pytest.skip("running as root without mount namespaces: no read-only folder here (simulated below)")
    r = cli(ro_store, "verify", "1", prefix=prefix)
    assert r.returncode == 0 and "完全一致" in r.stdout, r.stderr
    assert r.stderr == ""  # -q: not even the read-only notice
    r = cli(ro_store, "check", "1", prefix=prefix)
    assert r.returncode == 0, r.stderr
    assert "没有保存到资料库" in r.stderr and "错误" not in r.stderr and "Traceback" not in r.stderr
    assert "待处理" in r.stdout.splitlines()[0]
    assert len(r.stdout.splitlines()) == 1 + sum(1 for _fp, st in findings_before if st == "open")
    r = cli(ro_store, "check", "1", "--all", prefix=prefix)
    assert r.returncode == 0 and "[ignored]" in r.stdout  # the status it was given before
    assert ro_store.read_bytes() == before and _findings(ro_store) == findings_before


@pytest.mark.posix
def test_verify_on_a_read_only_store_says_what_it_found_could_not_be_recorded(ro_store):
    _rot(ro_store)
    before = _findings(ro_store)
    prefix = _read_only(ro_store.parent)
    if prefix is None:
        pytest.skip("running as root without mount namespaces: no read-only folder here (simulated below)")
    r = cli(ro_store, "verify", "1", prefix=prefix)
    assert r.returncode == 1 and "不符" in r.stderr and "没有记录下来" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr and "第 " in r.stdout
    assert _findings(ro_store) == before  # nothing recorded


def test_check_and_verify_on_a_store_that_cannot_be_written_simulated(ro_store, monkeypatch, capsys):
    monkeypatch.setattr(common, "cannot_be_written", lambda path: True)
    _rot(ro_store)
    before = _findings(ro_store)
    assert cli_mod.main(["--db", str(ro_store), "-q", "verify", "1"]) == 1
    err = capsys.readouterr().err
    assert "没有记录下来" in err and "已记为检查发现" not in err
    assert cli_mod.main(["--db", str(ro_store), "-q", "check", "1", "--format", "json", "--all"]) == 0
    out, err = capsys.readouterr()
    assert "没有保存到资料库" in err
    import json

    shown = json.loads(out)
    assert "ignored" in {f["status"] for f in shown} and "store.mismatch" in {f["code"] for f in shown}
    assert _findings(ro_store) == before  # neither the mismatch nor the run was stored
    # writable again: check keeps its findings as before
    monkeypatch.undo()
    assert cli_mod.main(["--db", str(ro_store), "-q", "check", "1"]) == 0
    with Store(ro_store) as s:
        assert "store.mismatch" in {f.code for f in load_findings(s, 1)}


def test_cannot_be_written_looks_at_the_file_and_its_folder(tmp_path, monkeypatch):
    import os

    db = tmp_path / "s.db"
    assert not cannot_be_written(db)  # not there yet: nothing to open read-only
    db.write_bytes(b"")
    assert not cannot_be_written(db)
    denied = {str(tmp_path)}
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: str(p) not in denied and real(p, mode))
    assert cannot_be_written(db)  # the folder (where the -wal must go)
    denied = {str(db)}
    assert cannot_be_written(db)  # the file
