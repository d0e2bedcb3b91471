"""The history as steps (core.edits.steps): each edit or batch is one step named by what it did,
an undo by what it took back, and a step can be restored (before or after it) as one batch."""

from __future__ import annotations

import itertools
import time

import pytest

from yearbook_editor.core import edits
from yearbook_editor.core import tags as core_tags
from yearbook_editor.core.edits import apply_edit, group_steps, history, restore_step, verify_volume
from yearbook_editor.core.errors import YearbookError
from yearbook_editor.core.store import Store, now_iso
from yearbook_editor.core.usecases import import_sample


@pytest.fixture
def sample(tmp_path):
    store = Store(tmp_path / "s.db")
    vid = import_sample(store, author="t").volume_id
    core_tags.ensure_vocabulary(store)
    yield store, vid
    store.close()


def _paragraphs(store, vid):
    return store.query("SELECT id, node_id FROM blocks WHERE volume_id = ? AND deleted = 0 AND kind = 'paragraph'"
                       " ORDER BY seq", (vid,))


def _apply(store, edit, reason=""):
    """Apply as an editor does: never two edits in the same millisecond (the time stamp's
    resolution, which with author and reason tells the steps of edits outside a batch apart)."""
    stamp = now_iso()
    while now_iso() == stamp:
        time.sleep(0.0005)
    return apply_edit(store, edit, author="编辑甲", reason=reason).inverse


def _steps(store, vid):
    return group_steps(history(store, vid), store)


def test_every_kind_of_step_is_named_by_what_it_did(sample):
    store, vid = sample
    rows = _paragraphs(store, vid)
    a, b = next((x["id"], y["id"]) for x, y in itertools.pairwise(rows) if x["node_id"] == y["node_id"])
    tag = core_tags.create_tag(store, "试验标签")
    node = rows[5]["node_id"]
    p = [r["id"] for r in rows]
    undo = _apply(store, edits.MergeBlocks(a, b))
    _apply(store, undo, "undo")
    _apply(store, edits.MergeBlocks(a, b), "redo")
    _apply(store, edits.TagNodes((node,), tag))
    _apply(store, edits.SetBlockText(p[3], store.scalar("SELECT text FROM blocks WHERE id = ?", (p[3],)) + "23"),
           "fill_blank")
    _apply(store, edits.SplitBlock(p[5], 5))
    _apply(store, edits.MakeHeading(p[8]))
    _apply(store, edits.MakeEntryTitle(p[12], 4))
    _apply(store, edits.SetBlockKind(p[14], "noise"))
    _apply(store, edits.SetNodeStatus(node, "checked"))
    _apply(store, edits.UntagNodes((node,), tag))
    _apply(store, edits.SetBlockText(p[3], "改写"), "replace")
    got = [(s.mode, s.label, len(s.revisions)) for s in _steps(store, vid)]
    assert got == [
        ("", "Merge paragraphs", 3), ("undo", "Merge paragraphs", 3), ("redo", "Merge paragraphs", 3),
        ("", "Tag “%1”", 1), ("", "Fill a blank", 1), ("", "Split paragraph", 3), ("", "Make heading", 3),
        ("", "Make entry title", 6), ("", "Mark as furniture", 1), ("", "Set review status", 1),
        ("", "Remove tag “%1”", 1), ("", "Replace", 1),
    ]
    steps = _steps(store, vid)
    assert steps[3].arg == "试验标签" and steps[9].arg == "checked" and steps[6].arg  # the new heading's kind
    assert {s.label for s in steps} <= set(edits.STEP_LABELS)


def test_a_batch_is_one_step_and_equal_stamps_apart_are_two(sample):
    store, vid = sample
    p = [r["id"] for r in _paragraphs(store, vid)][:3]
    batch = edits.Batch(tuple(edits.SetBlockText(i, f"全部替换{i}") for i in p), "Replace all")
    _apply(store, batch, "replace_all")
    steps = _steps(store, vid)
    assert len(steps) == 1 and steps[0].label == "Replace all" and len(steps[0].revisions) == 3
    # two edits with one stamp, author and reason stay two steps when another step stands between them
    rows = history(store, vid)
    one = dict(rows[0], batch=None)
    other = dict(one, reason="typing")
    fake = [dict(one, id=100), dict(one, id=101), dict(other, id=102), dict(one, id=103)]
    assert [len(s.revisions) for s in group_steps(fake)] == [2, 1, 1]


@pytest.mark.parametrize("make", ["merge", "split", "heading", "entry", "furniture", "shift", "tag", "text"])
def test_each_step_restores_before_and_after_as_one_batch(sample, make):
    store, vid = sample
    rows = _paragraphs(store, vid)
    p = [r["id"] for r in rows]
    a, b = next((x["id"], y["id"]) for x, y in itertools.pairwise(rows) if x["node_id"] == y["node_id"])
    heading = store.scalar("SELECT anchor_block_id FROM nodes WHERE volume_id = ? AND deleted = 0 AND depth = 2"
                           " ORDER BY seq LIMIT 1", (vid,))
    shifted = store.scalar("SELECT id FROM nodes WHERE anchor_block_id = ?", (heading,))
    edit = {"merge": edits.MergeBlocks(a, b), "split": edits.SplitBlock(p[5], 5), "heading": edits.MakeHeading(p[8]),
            "entry": edits.MakeEntryTitle(p[12], 4), "furniture": edits.SetBlockKind(p[14], "noise"),
            "shift": edits.ShiftNodeDepth(shifted, -1),
            "tag": edits.TagNodes((rows[5]["node_id"],), core_tags.create_tag(store, "试验")),
            "text": edits.SetBlockText(p[3], "新的文字")}[make]
    before = store.query("SELECT id, text, kind, deleted, pieces FROM blocks WHERE volume_id = ? ORDER BY id", (vid,))
    _apply(store, edit)
    after = store.query("SELECT id, text, kind, deleted, pieces FROM blocks WHERE volume_id = ? ORDER BY id", (vid,))
    step = _steps(store, vid)[-1]
    assert restore_step(store, step.id, after=True) is None  # already as the step left it
    back = restore_step(store, step.id, after=False)
    assert isinstance(back, edits.Batch)
    _apply(store, back, f"restore:{step.id}")
    now = store.query("SELECT id, text, kind, deleted, pieces FROM blocks WHERE volume_id = ? ORDER BY id", (vid,))
    assert [r for r in now if r["id"] in {x["id"] for x in before}] == before
    assert len({r["batch"] for r in history(store, vid) if r["reason"] == f"restore:{step.id}"}) == 1
    assert _steps(store, vid)[-1].mode == "restore"
    _apply(store, restore_step(store, step.id, after=True), f"restore:{step.id}")
    assert store.query("SELECT id, text, kind, deleted, pieces FROM blocks WHERE volume_id = ? ORDER BY id",
                       (vid,)) == after
    assert verify_volume(store, vid) == []


def test_a_layout_step_under_later_typing_is_refused_in_a_sentence(sample):
    store, vid = sample
    rows = _paragraphs(store, vid)
    a, b = next((x["id"], y["id"]) for x, y in itertools.pairwise(rows) if x["node_id"] == y["node_id"])
    _apply(store, edits.MergeBlocks(a, b))
    merge = _steps(store, vid)[-1]
    _apply(store, edits.SetBlockText(a, store.scalar("SELECT text FROM blocks WHERE id = ?", (a,)) + "补"), "typing")
    with pytest.raises(YearbookError, match="请先恢复后来的那些修改"):
        restore_step(store, merge.id, after=False)
    typing = _steps(store, vid)[-1]
    assert typing.label == "Edit text"
    _apply(store, restore_step(store, typing.id, after=False))  # text alone is restored whatever came after
    _apply(store, restore_step(store, merge.id, after=False))  # and then the merge can be
    assert store.scalar("SELECT deleted FROM blocks WHERE id = ?", (b,)) == 0
    assert verify_volume(store, vid) == []
