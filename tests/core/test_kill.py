"""A process killed (SIGKILL) in the middle of a run of edits loses nothing it acknowledged.

A worker process applies a random mix of edits (SetBlockText, SplitBlock, MergeBlocks and
Batch of text, status and split edits), now and then forcing a WAL checkpoint, and prints an
acknowledgement after each commit with the number of revision rows the edit wrote. The test
kills it with SIGKILL at a random moment: after a random number of acknowledgements plus a
random delay (so the kill lands anywhere inside the next transaction or checkpoint), or,
in some runs, while the store is still being opened. After each kill: ``PRAGMA
integrity_check`` passes, every acknowledged edit has all its revision rows, no edit is
half there, and ``verify_volume`` (current state = source + revisions) finds nothing.

The seed is random per session (reproduce a failure with ``YEARBOOK_KILL_SEED=<seed>``,
printed in every assertion message). The default suite runs a short variant; the long one
(``-m slow``) runs 60 kills.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time

import pytest

from yearbook_editor.core.edits import verify_volume
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file

from ..conftest import CHILD_ENCODING, DATA

pytestmark = pytest.mark.posix  # SIGKILL

SEED = int(os.environ.get("YEARBOOK_KILL_SEED", random.SystemRandom().randrange(2**32)))

WORKER = r"""
import json, random, sys
from yearbook_editor.core.store import Store
from yearbook_editor.core.errors import YearbookError
from yearbook_editor.core.edits import (Batch, MergeBlocks, SetBlockText, SetNodeStatus, SplitBlock, apply_edit)
path, run, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)

def live(s, where=""):
    return s.query("SELECT id, text FROM blocks WHERE deleted = 0 AND kind = 'paragraph'" + where + " ORDER BY seq")

def pick_edit(s, i):
    tag = f"r{run}-{i}"
    blocks = live(s)
    b = rng.choice(blocks)
    kind = rng.choice(["text", "text", "split", "merge", "batch", "batch2"])
    if kind == "split" and len(b["text"].strip()) >= 4:
        return "split", SplitBlock(b["id"], rng.randint(1, len(b["text"].rstrip()) - 1))
    if kind == "merge":
        rows = s.query("SELECT id, kind FROM blocks WHERE deleted = 0 AND kind != 'noise' ORDER BY seq")
        pairs = [(a["id"], c["id"]) for a, c in zip(rows, rows[1:]) if a["kind"] == c["kind"] == "paragraph"]
        if pairs and len(blocks) > 8:
            return "merge", MergeBlocks(*rng.choice(pairs))
    if kind == "batch":
        nodes = [r["id"] for r in s.query("SELECT id FROM nodes WHERE deleted = 0")]
        return "batch", Batch((SetBlockText(b["id"], f"{tag}：{b['text'][:30]}"),
                               SetNodeStatus(rng.choice(nodes), rng.choice(["checked", "approved", "unreviewed"]))))
    if kind == "batch2" and len(b["text"].strip()) >= 6:
        return "batch2", Batch((SetBlockText(b["id"], f"{tag}：{b['text'][:60]}"), SplitBlock(b["id"], len(tag) + 2)))
    return "text", SetBlockText(b["id"], f"{tag}：{b['text'][:40]}")

with Store(path) as s:
    print("ready", flush=True)
    i = 0
    while True:
        kind, edit = pick_edit(s, i)
        try:
            apply_edit(s, edit, author="kill-test", reason=f"r{run}-{i}")
        except YearbookError:
            i += 1
            continue
        n = s.scalar("SELECT count(*) FROM revisions WHERE reason = ?", (f"r{run}-{i}",))
        text = edit.text if kind == "text" else ""
        print(f"ack\t{i}\t{kind}\t{n}\t{json.dumps(text)}", flush=True)
        i += 1
        if rng.random() < 0.08:
            s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
"""


def _parse_ack(line: str) -> tuple[int, str, int, str]:
    _, i, kind, n, text = line.rstrip("\n").split("\t")
    return int(i), kind, int(n), json.loads(text)


def _run_and_kill(path, run: int, rng: random.Random) -> list[tuple[int, str, int, str]]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    proc = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(path), str(run), str(rng.randrange(2**32))],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding=CHILD_ENCODING, env=env,
    )
    acked: list[tuple[int, str, int, str]] = []
    if rng.random() < 0.15:
        # kill while the worker starts and opens the store (WAL recovery, migrations check)
        time.sleep(rng.uniform(0.0, 0.4))
        os.kill(proc.pid, signal.SIGKILL)
    else:
        first = proc.stdout.readline().strip()
        assert first == "ready", f"seed {SEED}: worker did not start: {first!r} {proc.stderr.read()[-2000:]}"
        stop_after = rng.randint(0, 40)
        delay = rng.uniform(0.0, 0.03)
        if stop_after == 0:
            time.sleep(delay)
            os.kill(proc.pid, signal.SIGKILL)
        else:
            for line in proc.stdout:
                if line.startswith("ack"):
                    acked.append(_parse_ack(line))
                if len(acked) >= stop_after:
                    # the next edit is under way: land the kill somewhere inside it
                    threading.Timer(delay, os.kill, (proc.pid, signal.SIGKILL)).start()
                    break
    rest, err = proc.communicate(timeout=60)
    for line in rest.splitlines():  # acknowledgements written before the kill count too
        if line.startswith("ack"):
            acked.append(_parse_ack(line))
    assert proc.returncode == -signal.SIGKILL, f"seed {SEED}: worker ended by itself: {err[-2000:]}"
    return acked


def _check_after_kill(path, vid: int, run: int, acked) -> None:
    with Store(path) as s:
        where = f"seed {SEED}, run {run}"
        assert s.integrity_ok(), f"{where}: integrity_check failed"
        assert s.scalar("PRAGMA foreign_key_check") is None, f"{where}: foreign keys broken"
        counts = {
            r["reason"]: r["n"]
            for r in s.query("SELECT reason, count(*) AS n FROM revisions WHERE reason LIKE ? GROUP BY reason",
                             (f"r{run}-%",))
        }
        lost = [(i, kind) for i, kind, n, _t in acked if counts.get(f"r{run}-{i}") != n]
        assert lost == [], f"{where}: acknowledged edits lost or partial: {lost[:5]}"
        for i, kind, _n, text in acked:
            if kind == "text":
                new = s.scalar("SELECT new_value FROM revisions WHERE reason = ? AND field = 'text'", (f"r{run}-{i}",))
                assert new == text, f"{where}: edit {i} stored {new!r}, acknowledged {text!r}"
        # an edit that was not acknowledged is either all there or not at all: every batch
        # and every edit's rows are whole (verify_volume replays the chain of revisions)
        assert verify_volume(s, vid) == [], f"{where}: state differs from source + revisions"
        assert s.scalar("SELECT count(*) FROM volumes") == 1


def _kill_runs(tmp_path, runs: int) -> int:
    path = tmp_path / "s.db"
    with Store(path) as s:
        vid = import_file(s, DATA / "small_volume.txt").volume_id
    rng = random.Random(SEED)
    total_acked = 0
    for run in range(runs):
        acked = _run_and_kill(path, run, rng)
        total_acked += len(acked)
        _check_after_kill(path, vid, run, acked)
    with Store(path) as s:
        assert s.scalar("SELECT count(*) FROM revisions WHERE author = 'kill-test'") >= total_acked
    print(f"kill runs: {runs}, acknowledged edits checked: {total_acked}, seed {SEED}")
    return total_acked


def test_kill_during_edits_loses_nothing_acknowledged(tmp_path):
    _kill_runs(tmp_path, runs=8)


@pytest.mark.slow
def test_kill_during_edits_many_runs(tmp_path):
    _kill_runs(tmp_path, runs=int(os.environ.get("YEARBOOK_KILL_RUNS", 60)))
