"""Exports are snapshots of one moment, and refuse a volume that does not verify (issue 12,
items 2 and 3).

Another process edits the volume in a loop (SetBlockText, SplitBlock, MergeBlocks through
``apply_edit``, fixed seed) while this process exports it as JSON again and again: every
export imports back into a fresh store and ``verify_volume`` finds nothing there. A block
whose stored text no longer matches its source and revisions makes every export refuse,
with one sentence, writing nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from yearbook_editor.core.edits import SetBlockText, apply_edit, verify_volume
from yearbook_editor.core.errors import VolumeDoesNotVerify
from yearbook_editor.core.export import FORMATS, export_json, import_json
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file

from ..conftest import CHILD_ENCODING, DATA

EDITOR = r"""
import random, sys, os
from yearbook_editor.core.store import Store
from yearbook_editor.core.errors import YearbookError
from yearbook_editor.core.edits import MergeBlocks, SetBlockText, SplitBlock, apply_edit
path, stop, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(seed)
done = 0
with Store(path) as s:
    while not os.path.exists(stop):
        rows = s.query("SELECT id, kind, text FROM blocks WHERE deleted = 0 AND kind != 'noise' ORDER BY seq")
        paras = [r for r in rows if r["kind"] == "paragraph"]
        b = rng.choice(paras)
        kind = rng.choice(["text", "split", "merge"])
        if kind == "split" and len(b["text"].strip()) >= 4:
            edit = SplitBlock(b["id"], rng.randint(1, len(b["text"].rstrip()) - 1))
        elif kind == "merge" and len(paras) > 8:
            pairs = [(a["id"], c["id"]) for a, c in zip(rows, rows[1:]) if a["kind"] == c["kind"] == "paragraph"]
            edit = MergeBlocks(*rng.choice(pairs))
        else:
            edit = SetBlockText(b["id"], f"改{done}：{b['text'][:40]}")
        try:
            apply_edit(s, edit, author="editor", reason=f"edit {done}")
        except YearbookError:
            continue
        done += 1
        if done == 1:
            print("ready", flush=True)
print(done, flush=True)
"""


@pytest.fixture
def volume(tmp_path):
    path = tmp_path / "store.db"
    with Store(path) as s:
        vid = import_file(s, DATA / "small_volume.txt").volume_id
    return path, vid


def test_snapshot_sees_one_moment_while_another_connection_writes(volume):
    path, vid = volume
    with Store(path) as reader, Store(path) as writer:
        block = reader.query("SELECT id, text FROM blocks WHERE volume_id = ? AND kind = 'paragraph' LIMIT 1", (vid,))[0]
        with reader.snapshot():
            before = reader.scalar("SELECT count(*) FROM revisions")
            apply_edit(writer, SetBlockText(block["id"], "别处改过。"), author="b")
            assert reader.scalar("SELECT count(*) FROM revisions") == before
            assert reader.scalar("SELECT text FROM blocks WHERE id = ?", (block["id"],)) == block["text"]
        assert not reader.conn.in_transaction
        assert reader.scalar("SELECT text FROM blocks WHERE id = ?", (block["id"],)) == "别处改过。"


def test_json_exports_taken_during_edits_by_another_process_import_back_and_verify(volume, tmp_path):
    path, vid = volume
    stop = tmp_path / "stop"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    editor = subprocess.Popen([sys.executable, "-c", EDITOR, str(path), str(stop), "20261205"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding=CHILD_ENCODING, env=env)
    counts = []
    try:
        assert editor.stdout.readline().strip() == "ready", editor.stderr.read()
        with Store(path) as store:
            for n in range(12):
                out = tmp_path / f"export-{n}.json"
                export_json(store, vid, out)
                counts.append(len(json.loads(out.read_text(encoding="utf-8"))["revisions"]))
                with Store(tmp_path / f"fresh-{n}.db") as fresh:
                    result = import_json(fresh, out)
                    assert verify_volume(fresh, result.volume_id) == [], f"export {n} does not verify"
                time.sleep(0.02)  # let the editor commit between exports
    finally:
        stop.touch()
        rest, err = editor.communicate(timeout=60)
    assert editor.returncode == 0, err
    # the exports really were taken while the volume changed
    assert int(rest.strip()) > counts[0] and len(set(counts)) >= 3, counts


def _damage(path, vid) -> None:
    """Bit rot: a block's stored text changes without a revision."""
    with Store(path) as s, s.write() as conn:
        bid = conn.execute("SELECT id FROM blocks WHERE volume_id = ? AND kind = 'paragraph' LIMIT 1",
                           (vid,)).fetchone()[0]
        conn.execute("UPDATE blocks SET text = text || '多出的字' WHERE id = ?", (bid,))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_volume_that_does_not_verify_is_not_exported(volume, tmp_path, fmt):
    path, vid = volume
    _damage(path, vid)
    exporter, suffix = FORMATS[fmt].export, FORMATS[fmt].suffix
    out = tmp_path / f"out{suffix}"
    with Store(path) as s, pytest.raises(VolumeDoesNotVerify) as e:
        exporter(s, vid, out)
    message = str(e.value)
    assert "不符" in message and "没有导出" in message and "\n" not in message
    assert e.value.problems  # what verify_volume found, for a log
    assert not any(p.name.startswith("out") or p.name.endswith(".part") for p in tmp_path.iterdir())


def test_the_command_line_refuses_a_volume_that_does_not_verify_in_one_sentence(volume, tmp_path, capsys):
    from yearbook_editor.cli import main

    path, vid = volume
    _damage(path, vid)
    out = tmp_path / "out.txt"
    assert main(["--db", str(path), "-q", "export", str(vid), "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert "没有导出任何内容" in err and "\n" not in err and "Traceback" not in err
    assert not out.exists()


def test_verification_reads_one_moment_while_another_connection_edits(tmp_path, monkeypatch):
    """An edit committed by another connection while verification runs (here: after the blocks
    were read, before the revisions are replayed) is not a mismatch."""
    history = sys.modules["yearbook_editor.core.edits.history"]  # the module (edits.history is a function)

    db = tmp_path / "v.db"
    with Store(db) as s:
        vid = import_file(s, DATA / "small_volume.txt").volume_id
        block = s.scalar("SELECT id FROM blocks WHERE kind = 'paragraph' AND deleted = 0 ORDER BY seq LIMIT 1")
    original = history.rebuild_blocks

    def someone_types_then_rebuild(store, volume_id, rows=None, lines=None):
        assert rows is not None  # the blocks were read before
        with Store(db) as other:  # another connection (the app's typing, or another process)
            text = other.scalar("SELECT text FROM blocks WHERE id = ?", (block,))
            apply_edit(other, SetBlockText(block, text + "乙"), author="editor", reason="typing")
        return original(store, volume_id, rows, lines)

    monkeypatch.setattr(history, "rebuild_blocks", someone_types_then_rebuild)
    with Store(db) as s:
        assert verify_volume(s, vid) == []
        monkeypatch.setattr(history, "rebuild_blocks", original)
        assert verify_volume(s, vid) == []  # and the edit itself verifies once it is seen
