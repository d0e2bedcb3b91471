"""The derived outline (core/structure.py recompute_outline): after edits that only make, remove
or re-kind blocks, it is brought up to date around them, and what it writes is exactly what the
whole derivation writes (``outline_drift`` counts the differences: it must stay 0)."""

from __future__ import annotations

import pytest

from yearbook_editor.core import structure
from yearbook_editor.core.edits import SetBlockKind, apply_edit
from yearbook_editor.core.store import Store
from yearbook_editor.core.structure import outline_drift
from yearbook_editor.core.volumes import import_file

from ..conftest import seed_path
from .random_edits import apply_random_layout_edits


@pytest.fixture()
def whole(monkeypatch) -> list:
    """The volumes the whole derivation ran for, one entry per run."""
    runs: list = []
    derive = structure._derived_updates
    monkeypatch.setattr(structure, "_derived_updates", lambda conn, vid: runs.append(vid) or derive(conn, vid))
    return runs


@pytest.mark.parametrize("seed,volume", [(3, "003"), (11, "001")])
def test_random_layout_and_heading_edits_leave_no_drift(tmp_path, whole, seed, volume):
    store = Store(tmp_path / "s.db")
    vid = import_file(store, seed_path(volume), author="t").volume_id
    applied_n = 0
    for edit, _ in apply_random_layout_edits(store, vid, seed, 120):
        applied_n += 1
        assert outline_drift(store.conn, vid) == 0, edit
    whole_runs = len(whole) - applied_n  # outline_drift runs it once per edit
    assert applied_n >= 80
    assert whole_runs < applied_n // 2  # most edits took the local way
    store.close()


def test_a_heading_marked_as_furniture_and_back_is_derived_from_the_nodes_with_no_drift(tmp_path, whole):
    store = Store(tmp_path / "s.db")
    vid = import_file(store, seed_path("003"), author="t").volume_id
    anchor = store.scalar("SELECT anchor_block_id FROM nodes WHERE volume_id = ? AND deleted = 0"
                          " AND parent_id IS NOT NULL ORDER BY seq LIMIT 1", (vid,))
    applied = apply_edit(store, SetBlockKind(anchor, "noise"), author="t")  # its node goes with it
    assert whole == []  # not derived whole: the nodes changed, no block came or went
    assert outline_drift(store.conn, vid) == 0
    apply_edit(store, applied.inverse, author="t")
    assert outline_drift(store.conn, vid) == 0
    store.close()


def _no_drift_after(tmp_path, whole, seed: int, draw) -> int:
    """Apply 60 edits drawn by ``draw(store, vid, rng)`` on 001 (or undo an earlier one), checking
    after each that the stored outline is what the whole derivation gives; most must not have
    needed the whole derivation. Returns how many were applied."""
    import random

    from yearbook_editor.core.errors import YearbookError

    store = Store(tmp_path / "s.db")
    vid = import_file(store, seed_path("001"), author="t").volume_id
    rng = random.Random(seed)
    applied, undo = 0, []
    for _ in range(60):
        edit = undo.pop() if undo and rng.random() < 0.3 else draw(store, vid, rng)
        try:
            result = apply_edit(store, edit, author="t")
        except YearbookError:
            continue  # an edit the core refuses there (a 类目 promoted)
        undo.append(result.inverse)
        applied += 1
        assert outline_drift(store.conn, vid) == 0, edit
    assert len(whole) - applied < applied // 4  # outline_drift derives once per edit; the edits mostly did not
    store.close()
    return applied


def test_promotions_and_demotions_are_derived_from_the_nodes_alone_with_no_drift(tmp_path, whole):
    from yearbook_editor.core.edits import ShiftNodeDepth

    def draw(store, vid, rng):
        nodes = [r["id"] for r in store.query("SELECT id FROM nodes WHERE volume_id = ? AND deleted = 0"
                                              " AND kind != 'entry'", (vid,))]
        return ShiftNodeDepth(rng.choice(nodes), rng.choice((-1, 1)))

    assert _no_drift_after(tmp_path, whole, 5, draw) >= 30


def test_headings_made_and_removed_are_derived_from_the_nodes_with_no_drift(tmp_path, whole):
    from yearbook_editor.core.edits import MakeHeading, MakeParagraph

    def draw(store, vid, rng):
        b = rng.choice(store.query("SELECT id, kind FROM blocks WHERE volume_id = ? AND deleted = 0 AND kind IN"
                                   " ('paragraph', 'heading', 'entry_title') ORDER BY seq", (vid,)))
        return MakeHeading(b["id"]) if b["kind"] == "paragraph" else MakeParagraph(b["id"])

    assert _no_drift_after(tmp_path, whole, 9, draw) >= 40
