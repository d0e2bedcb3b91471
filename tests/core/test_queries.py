"""core/queries.py: the read-side queries the clients use instead of SQL of their own."""

from __future__ import annotations

import pytest

from yearbook_editor.core import queries
from yearbook_editor.core.checks import load_findings, run_checks, save_findings, set_status
from yearbook_editor.core.edits import MergeBlocks, SetBlockKind, apply_edit
from yearbook_editor.core.store import Store
from yearbook_editor.core.structure import load_outline, walk
from yearbook_editor.core.tags import TagNodes, create_tag
from yearbook_editor.core.volumes import import_file

from ..conftest import DATA


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "q.db") as s:
        yield s


@pytest.fixture
def vid(store):
    return import_file(store, DATA / "small_volume.txt").volume_id


def _text_blocks(store, vid):
    return [r["id"] for r in store.query("SELECT id FROM blocks WHERE volume_id = ? AND kind != 'noise'"
                                         " AND deleted = 0 ORDER BY seq", (vid,))]


def test_volumes_and_nodes(store, vid):
    assert queries.volume_exists(store, vid) and not queries.volume_exists(store, vid + 1)
    assert queries.first_volume_id(store) == vid
    nodes = list(walk(load_outline(store, vid)))
    assert queries.node_count(store, vid) == len(nodes)
    entry = next(n for n in nodes if n.kind == "entry")
    assert queries.first_entry_node(store, vid) == entry.id == queries.first_entry_node(store)
    assert queries.node_title(store, entry.id) == entry.title
    assert queries.node_titles(store, vid)[entry.id] == entry.title
    assert [(r["title"], r["status"]) for r in queries.node_fields(store, [entry.id])] == [(entry.title, "unreviewed")]
    assert queries.node_fields(store, []) == []
    title_block = queries.node_title_block(store, entry.id)
    assert queries.block_node(store, title_block) == entry.id
    assert queries.first_node_of_blocks(store, [title_block]) == entry.id


def test_neighbours_skip_furniture_and_merged_away_blocks(store, vid):
    ids = _text_blocks(store, vid)
    a, b, c = ids[3], ids[4], ids[5]
    assert queries.neighbor_block(store, vid, b, +1) == c and queries.neighbor_block(store, vid, b, -1) == a
    assert queries.neighbor_block(store, vid, ids[-1], +1) is None
    assert queries.neighbor_block(store, vid, ids[0], -1) is None
    apply_edit(store, SetBlockKind(b, "noise"), author="t", reason="layout")
    assert queries.neighbor_block(store, vid, a, +1) == c
    assert queries.block_orig_kind(store, b) != "noise"
    order = queries.block_order(store, vid)
    assert order[a] < order[b] < order[c]


def test_block_at_a_source_line(store, vid):
    row = store.query("SELECT id, line_start FROM blocks WHERE volume_id = ? AND kind = 'paragraph' ORDER BY seq"
                      " LIMIT 1", (vid,))[0]
    assert queries.text_block_at_line(store, vid, row["line_start"]) == row["id"]
    assert queries.text_block_at_line(store, vid, 10**6) is None


def test_findings_tags_and_times(store, vid):
    assert queries.last_check_time(store, vid) is None
    save_findings(store, vid, run_checks(store, vid))
    found = [f for f in load_findings(store, vid) if f.node_id is not None]
    assert found and queries.last_check_time(store, vid) is not None
    counts = queries.open_finding_counts(store, vid)
    assert sum(counts.values()) == len([f for f in found if f.status == "open"])
    set_status(store, found[0].id, "ignored")
    assert queries.finding_statuses(store, [found[0].id]) == {found[0].id: "ignored"}
    tag = create_tag(store, "测试", "topic")
    node = found[0].node_id
    apply_edit(store, TagNodes((node,), tag), author="t", reason="tag")
    assert queries.volume_node_tags(store, vid) == {node: [tag]}
    assert queries.last_revision_time(store, vid) is not None


def test_the_next_block_skips_one_merged_away(store, vid):
    ids = _text_blocks(store, vid)
    first, second = ids[3], ids[4]
    apply_edit(store, MergeBlocks(first_id=first, second_id=second), author="t", reason="layout")
    assert queries.neighbor_block(store, vid, first, +1) == ids[5]
