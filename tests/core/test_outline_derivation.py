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


@pytest.mark.parametrize("seed,volume", [(3, "003"), (11, "001")])
def test_random_layout_and_heading_edits_leave_no_drift(tmp_path, monkeypatch, seed, volume):
    whole = []
    derive = structure._derived_updates
    monkeypatch.setattr(structure, "_derived_updates", lambda conn, vid: whole.append(vid) or derive(conn, vid))
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


def test_an_edit_on_a_nodes_first_block_is_derived_whole(tmp_path, monkeypatch):
    whole = []
    derive = structure._derived_updates
    monkeypatch.setattr(structure, "_derived_updates", lambda conn, vid: whole.append(vid) or derive(conn, vid))
    store = Store(tmp_path / "s.db")
    vid = import_file(store, seed_path("003"), author="t").volume_id
    anchor = store.scalar("SELECT anchor_block_id FROM nodes WHERE volume_id = ? AND deleted = 0"
                          " AND parent_id IS NOT NULL ORDER BY seq LIMIT 1", (vid,))
    applied = apply_edit(store, SetBlockKind(anchor, "noise"), author="t")
    assert whole == [vid]  # not around the block: it starts a node
    assert outline_drift(store.conn, vid) == 0
    apply_edit(store, applied.inverse, author="t")
    assert outline_drift(store.conn, vid) == 0
    store.close()
