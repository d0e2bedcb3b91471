"""The outline follows structural edits row by row (issue 16, item 1): with a filter typed, a
merge, its undo and redo leave the tree, the filter's rows and the open branches as a fresh
load would show them, and they answer at once on volume 000."""

from __future__ import annotations

import itertools
import random
import time

import pytest
from PySide6.QtCore import QThreadPool

from yearbook_editor.core import edits
from yearbook_editor.core.store import Store
from yearbook_editor.core.structure import load_outline, walk
from yearbook_editor.core.volumes import import_file
from yearbook_editor.gui.outline_model import NodeIdRole, kind_label

from ..conftest import seed_path


def _model_tree(model, parent=None):
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    out = []
    for row in range(model.rowCount(parent)):
        idx = model.index(row, 0, parent)
        node = model.sourceModel().node(idx.data(NodeIdRole)) if hasattr(model, "sourceModel") else \
            model.node(idx.data(NodeIdRole))
        out.append((idx.data(NodeIdRole), node.kind, node.title, node.entries, node.line_start, node.line_end,
                    node.parent_id, _model_tree(model, idx)))
    return out


def _stored_tree(nodes):
    return [(n.id, n.kind, n.title, n.entries, n.line_start, n.line_end, n.parent_id, _stored_tree(n.children))
            for n in nodes]


def _filtered(nodes, text):
    """What the filter should show, worked out apart from the proxy: a node whose kind and title
    hold the text, with the headings above it."""
    out = []
    for n in nodes:
        below = _filtered(n.children, text)
        if below or text.casefold() in f"{kind_label(n.kind)} {n.title}".casefold():
            out.append((n.id, n.kind, n.title, n.entries, n.line_start, n.line_end, n.parent_id, below))
    return out


def _assert_in_step(window, text):
    store, vid = window.session.store, window.session.volume_id
    stored = load_outline(store, vid)
    assert _model_tree(window.outline.model) == _stored_tree(stored)
    assert window.outline.tree.model() is window.outline.proxy
    assert _model_tree(window.outline.proxy) == _filtered(stored, text)


def _heading_blocks(store, vid):
    return [r["id"] for r in store.query(
        "SELECT b.id FROM blocks b JOIN nodes n ON n.anchor_block_id = b.id AND n.deleted = 0"
        " WHERE b.volume_id = ? AND b.deleted = 0 AND b.kind = 'heading' ORDER BY b.seq", (vid,))]


def _paragraph_pairs(store, vid):
    rows = store.query("SELECT id, node_id FROM blocks WHERE volume_id = ? AND deleted = 0 AND kind = 'paragraph'"
                       " ORDER BY seq", (vid,))
    return [(a["id"], b["id"]) for a, b in itertools.pairwise(rows) if a["node_id"] == b["node_id"]]


def _random_edit(rng, store, vid):
    kind = rng.choice(["merge", "heading", "paragraph", "shift", "entry"])
    if kind == "merge":
        return edits.MergeBlocks(*rng.choice(_paragraph_pairs(store, vid)))
    paragraphs = [p[0] for p in _paragraph_pairs(store, vid)]
    if kind == "heading":
        return edits.MakeHeading(rng.choice(paragraphs))
    if kind == "entry":
        return edits.MakeEntryTitle(rng.choice(paragraphs), 4)
    headings = _heading_blocks(store, vid)
    if kind == "paragraph":
        return edits.MakeParagraph(rng.choice(headings))
    node = store.scalar("SELECT id FROM nodes WHERE anchor_block_id = ? AND deleted = 0", (rng.choice(headings),))
    return edits.ShiftNodeDepth(node, rng.choice([-1, 1]))


@pytest.mark.parametrize("text", ["区", "条目"])
def test_structural_edits_under_a_filter_keep_the_tree_in_step(window, qtbot, qtmodeltester, text):
    """Random structural edits (fixed seed), each undone or redone at random: after every step the
    model is the stored outline, the filter shows what it should, and Qt's model tester (watching
    every insert, move and remove) finds nothing wrong."""
    qtmodeltester.check(window.outline.model, force_py=True)
    window.outline.filter_edit.setText(text)
    store, vid = window.session.store, window.session.volume_id
    rng = random.Random(16)
    applied = 0
    seen = {"inserted": 0, "removed": 0, "reset": 0}
    model = window.outline.model
    model.rowsInserted.connect(lambda *a: seen.__setitem__("inserted", seen["inserted"] + 1))
    model.rowsRemoved.connect(lambda *a: seen.__setitem__("removed", seen["removed"] + 1))
    model.modelReset.connect(lambda: seen.__setitem__("reset", seen["reset"] + 1))
    for _step in range(24):
        action = rng.random()
        if action < 0.6:
            applied += window.session.apply(_random_edit(rng, store, vid))
        elif action < 0.85:
            window.session.undo()
        else:
            window.session.redo()
        qtbot.wait(1)
        _assert_in_step(window, text)
    assert applied >= 8  # the edits were real ones, not all refused
    assert seen["inserted"] and seen["removed"] and not seen["reset"], seen  # row by row, never a reset


def test_open_branches_stay_open_after_a_merge_under_a_filter(window, qtbot):
    outline = window.outline
    outline.filter_edit.setText("区")
    tree = outline.tree
    some = [n.id for n in outline.model.nodes() if n.children][:3]
    for nid in some:
        idx = outline.proxy.mapFromSource(outline.model.index_for(nid))
        if idx.isValid():
            tree.setExpanded(idx, False)
    opened = outline.expanded_ids()
    store, vid = window.session.store, window.session.volume_id
    first, second = _paragraph_pairs(store, vid)[0]
    window.session.select_node(store.scalar("SELECT node_id FROM blocks WHERE id = ?", (first,)), None)
    current = outline.current_node_id()
    assert window.session.apply(edits.MergeBlocks(first, second))
    assert outline.expanded_ids() == opened
    assert outline.current_node_id() == current
    window.session.undo()
    assert outline.expanded_ids() == opened


def test_a_merge_undo_and_redo_with_a_filter_answer_within_a_second_on_000(make_window, tmp_path, qapp):
    db = tmp_path / "000.db"
    with Store(db) as s:
        import_file(s, seed_path("000"))
    w = make_window(db)
    w.outline.filter_edit.setText("人口")
    qapp.processEvents()
    store, vid = w.session.store, w.session.volume_id
    first, second = _paragraph_pairs(store, vid)[len(_paragraph_pairs(store, vid)) // 2]
    w.session.select_node(store.scalar("SELECT node_id FROM blocks WHERE id = ?", (first,)), None)
    qapp.processEvents()
    # work a selection may start in the background (the tag suggestions' word statistics once jieba is
    # in the process, as after the tag tests) shares the interpreter: timed here is the edit alone
    QThreadPool.globalInstance().waitForDone(60000)
    qapp.processEvents()
    times = {}
    for name, step in (("merge", lambda: w.session.apply(edits.MergeBlocks(first, second))),
                       ("undo", w.session.undo), ("redo", w.session.redo)):
        t = time.perf_counter()
        step()
        qapp.processEvents()
        times[name] = time.perf_counter() - t
    assert store.scalar("SELECT deleted FROM blocks WHERE id = ?", (second,)) == 1
    assert all(v < 1.0 for v in times.values()), times  # the benchmark's target is 0.1 s; was 15 s
    assert w.outline.proxy.rowCount() >= 1
    assert {n.id for n in walk(load_outline(store, vid))} == set(w.outline.model.node_ids())


def test_a_demoted_heading_stays_open_under_its_new_parent(window):
    """A node that moves under another parent is removed and inserted again: it is opened again
    when it was open (and its children with it)."""
    outline, model = window.outline, window.outline.model
    nodes = list(model.nodes())
    moved = next(n for n in nodes if n.children and n.parent_id is not None
                 and model.index_for(n.id).row() > 0)
    before = model.node(moved.parent_id).children[model.index_for(moved.id).row() - 1]
    outline.tree.setExpanded(outline._view_index(moved.id), True)
    assert moved.id in outline.expanded_ids()
    assert window.session.apply(edits.ShiftNodeDepth(moved.id, 1))
    assert model.node(moved.id).parent_id == before.id  # under the heading that stood before it
    assert moved.id in outline.expanded_ids()
    window.session.undo()
    assert moved.id in outline.expanded_ids()
    _assert_in_step_unfiltered(window)


def _assert_in_step_unfiltered(window):
    store, vid = window.session.store, window.session.volume_id
    assert _model_tree(window.outline.model) == _stored_tree(load_outline(store, vid))
