"""A process killed (SIGKILL) in the middle of a run of edits loses nothing it acknowledged."""

import os
import random
import signal
import subprocess
import sys

import pytest

from yearbook_editor.core.edits import verify_volume
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file

from ..conftest import DATA

WORKER = r"""
import sys
from yearbook_editor.core.store import Store
from yearbook_editor.core.edits import SetBlockText, SetNodeStatus, Batch, apply_edit
path, run = sys.argv[1], int(sys.argv[2])
with Store(path) as s:
    blocks = [r["id"] for r in s.query("SELECT id FROM blocks WHERE kind = 'paragraph' ORDER BY id")]
    nodes = [r["id"] for r in s.query("SELECT id FROM nodes ORDER BY id")]
    print("ready", flush=True)
    i = 0
    while True:
        b = blocks[i % len(blocks)]
        if i % 7 == 3:
            edit = Batch((SetBlockText(b, f"r{run}-{i}"), SetNodeStatus(nodes[i % len(nodes)], "checked")))
        else:
            edit = SetBlockText(b, f"r{run}-{i}")
        apply_edit(s, edit, author="kill-test")
        print(f"ack {i} {b}", flush=True)
        i += 1
"""


def _run_and_kill(path, run: int, rng: random.Random) -> list[tuple[int, int]]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    proc = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(path), str(run)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout.readline().strip() == "ready"
    stop_after = rng.randint(1, 60)
    acked = []
    for line in proc.stdout:
        _, i, b = line.split()
        acked.append((int(i), int(b)))
        if len(acked) >= stop_after:
            os.kill(proc.pid, signal.SIGKILL)  # mid-run: the next edit is usually under way
            break
    rest = proc.stdout.read()  # acknowledgements already written before the kill count too
    for line in rest.splitlines():
        if line.startswith("ack"):
            _, i, b = line.split()
            acked.append((int(i), int(b)))
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    return acked


def _kill_runs(tmp_path, runs: int):
    path = tmp_path / "s.db"
    with Store(path) as s:
        vid = import_file(s, DATA / "small_volume.txt").volume_id
    rng = random.Random(20261123)
    for run in range(runs):
        acked = _run_and_kill(path, run, rng)
        with Store(path) as s:
            assert s.integrity_ok()
            got = {r["new_value"] for r in s.query("SELECT new_value FROM revisions WHERE author = 'kill-test'")}
            missing = [f"r{run}-{i}" for i, _ in acked if f"r{run}-{i}" not in got]
            assert missing == [], f"run {run}: acknowledged edits lost: {missing[:5]}"
            # the last acknowledged (or a later, unacknowledged) edit is what each block shows
            last = {}
            for i, b in acked:
                last[b] = i
            for b, i in last.items():
                text = s.scalar("SELECT text FROM blocks WHERE id = ?", (b,))
                assert text.startswith(f"r{run}-") and int(text.split("-")[1]) >= i
            assert verify_volume(s, vid) == []


def test_kill_during_edits_loses_nothing_acknowledged(tmp_path):
    _kill_runs(tmp_path, runs=5)


@pytest.mark.slow
def test_kill_during_edits_many_runs(tmp_path):
    _kill_runs(tmp_path, runs=50)
