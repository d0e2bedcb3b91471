"""Random layout edits for the tests of what follows them (the derived outline, the re-check)."""

from __future__ import annotations

import random

from yearbook_editor.core.edits import (
    MakeEntryTitle,
    MakeHeading,
    MakeParagraph,
    MergeBlocks,
    MoveBlock,
    SetBlockKind,
    ShiftNodeDepth,
    SplitBlock,
)


def random_layout_edit(store, volume_id: int, rng: random.Random, undo: list):
    """A merge, a split, a line marked as furniture or restored, a block moved, a paragraph made a
    heading or an entry title, a heading made a paragraph, promoted or demoted, or the undo of an
    earlier one (taken from ``undo``); None when the place drawn fits none."""
    blocks = store.query("SELECT id, kind, text FROM blocks WHERE volume_id = ? AND deleted = 0 ORDER BY seq",
                         (volume_id,))
    i = rng.randrange(1, len(blocks) - 1)
    a, b = blocks[i], blocks[i + 1]
    node = store.scalar("SELECT id FROM nodes WHERE anchor_block_id = ? AND deleted = 0", (a["id"],))
    roll = rng.random()
    if undo and roll < 0.2:
        return undo.pop()
    if roll < 0.35 and a["kind"] == b["kind"] == "paragraph":
        return MergeBlocks(a["id"], b["id"])
    if roll < 0.5 and a["kind"] == "paragraph" and len(a["text"]) > 4:
        return SplitBlock(a["id"], rng.randrange(1, len(a["text"]) - 1))
    if roll < 0.65:
        return SetBlockKind(a["id"], "paragraph" if a["kind"] == "noise" else "noise")
    if roll < 0.7 and a["kind"] == "paragraph" and b["kind"] == "paragraph":
        return MoveBlock(b["id"], blocks[i - 1]["id"])
    if roll < 0.8 and a["kind"] == "paragraph":
        return MakeHeading(a["id"]) if rng.random() < 0.5 else MakeEntryTitle(a["id"])
    if roll < 0.9 and node is not None:
        return ShiftNodeDepth(node, rng.choice((-1, 1)))
    if a["kind"] in ("heading", "entry_title"):
        return MakeParagraph(a["id"])  # a node removed
    return None


def apply_random_layout_edits(store, volume_id: int, seed: int, tries: int):
    """Draw ``tries`` places with a fixed seed and apply the edits that fit (each one's inverse kept
    for a later undo); yields (edit, Applied) after each."""
    from yearbook_editor.core.edits import apply_edit
    from yearbook_editor.core.errors import YearbookError

    rng, undo = random.Random(seed), []
    for _ in range(tries):
        edit = random_layout_edit(store, volume_id, rng, undo)
        if edit is None:
            continue
        try:
            applied = apply_edit(store, edit, author="t")
        except YearbookError:
            continue  # an edit the core refuses there (e.g. a 类目 promoted)
        undo.append(applied.inverse)
        yield edit, applied
