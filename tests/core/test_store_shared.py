"""One store used by several processes and threads at once, as on an editor's afternoon:
the desktop app keeps it open and writes (with background jobs opening and closing their own
connections) while the command line lists, counts, searches and exports the same file.

SQLite keeps such a file whole as long as nothing in a process opens and closes the database
file behind its back (POSIX locks are per process: closing any descriptor drops them all, and
another process then deletes the WAL under the open connection). These tests run that
afternoon and check that the ``-wal`` file is never replaced while the writer is open, that
every acknowledged write is there afterwards, and that the file is whole.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from yearbook_editor.cli.console import pipe_encoding
from yearbook_editor.core.edits import verify_volume
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file

from ..conftest import CHILD_ENCODING, DATA

SMALL = DATA / "small_volume.txt"

#: Process A: the app. Holds the store, writes a revision per round, and in each round a
#: "background job" thread opens its own Store, reads and closes it. After each write it checks
#: that the -wal file is still the one it started with (same inode).
WRITER = r"""
import os, sys, threading, time
from pathlib import Path
from yearbook_editor.core.edits import SetBlockText, apply_edit
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import list_volumes

path, stop = Path(sys.argv[1]), Path(sys.argv[2])
store = Store(path)
vid = list_volumes(store)[0]["id"]
bid, text = store.query(
    "SELECT id, text FROM blocks WHERE volume_id = ? AND kind = 'paragraph' ORDER BY seq LIMIT 1", (vid,))[0].values()
wal = Path(f"{path}-wal")

def background():
    with Store(path) as other:
        list_volumes(other)
        other.scalar("SELECT count(*) FROM blocks")

k = 0
first_ino = None
print("ready", flush=True)
while not stop.exists() or k < 25:
    k += 1
    new = f"{text}（{k}）"
    apply_edit(store, SetBlockText(bid, new, expected=text), author="甲", reason=f"round-{k}")
    text = new
    print("ack", k, flush=True)
    job = threading.Thread(target=background)
    job.start()
    job.join()
    try:
        ino = os.stat(wal).st_ino
    except FileNotFoundError:
        print("wal-missing", k, flush=True)
        continue
    if first_ino is None:
        first_ino = ino
    elif ino != first_ino:
        print("wal-replaced", k, flush=True)
    time.sleep(0.02)
store.close()
print("closed", flush=True)
"""


def _env():
    return dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))


def _cli(*args, db):
    return subprocess.run([sys.executable, "-m", "yearbook_editor.cli", "--db", str(db), *args],
                          capture_output=True, encoding=pipe_encoding(), env=_env(), timeout=120)


@pytest.mark.parametrize("rounds", [20, pytest.param(60, marks=pytest.mark.slow)])
def test_app_writing_while_the_command_line_reads_and_exports_keeps_every_write(tmp_path, rounds):
    db = tmp_path / "年鉴 资料库.db"
    with Store(db) as s:
        vid = import_file(s, SMALL).volume_id
    stop = tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(stop)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, encoding=CHILD_ENCODING, env=_env())
    try:
        assert writer.stdout.readline().strip() == "ready"
        for r in range(rounds):
            for args in (("list",), ("stats", str(vid)), ("search", "人口"),
                         ("export", str(vid), "--format", "json", "-o", str(tmp_path / f"v{r % 2}.json"))):
                res = _cli(*args, db=db)
                assert res.returncode == 0, (args, res.stderr)
        stop.touch()
        out, err = writer.communicate(timeout=120)
    finally:
        if writer.poll() is None:
            writer.kill()
    assert writer.returncode == 0, err[-2000:]
    lines = out.splitlines()
    assert "closed" in lines
    assert not [line for line in lines if line.startswith("wal-")], "the WAL was deleted or replaced under the writer"
    acked = [int(line.split()[1]) for line in lines if line.startswith("ack")]
    assert len(acked) >= 25
    with Store(db) as s:
        assert s.integrity_ok()
        reasons = {r["reason"] for r in s.query("SELECT reason FROM revisions WHERE reason LIKE 'round-%'")}
        assert reasons == {f"round-{k}" for k in acked}
        assert verify_volume(s, vid) == []


def test_a_background_connection_in_the_same_process_keeps_the_first_ones_locks(tmp_path):
    """While the app holds the store, a job in the same process opens and closes its own
    connection; another process closing its connection then must not think it is alone (it
    would checkpoint and delete the WAL under the app)."""
    db = tmp_path / "s.db"
    with Store(db) as s:
        import_file(s, SMALL)
    app = Store(db)
    try:
        app.scalar("SELECT count(*) FROM blocks")
        wal = os.stat(f"{db}-wal").st_ino
        Store(db).close()  # the background job
        res = _cli("list", db=db)  # another process opens and closes the store
        assert res.returncode == 0, res.stderr
        time.sleep(0.05)
        assert os.path.exists(f"{db}-wal") and os.stat(f"{db}-wal").st_ino == wal
    finally:
        app.close()
