"""Layout and structure edits: merge, split, move, furniture, promote/demote, entry titles.

Each is one transaction with revisions, has an inverse that restores exactly, keeps the
outline derived correctly, and leaves a state that rebuilds from source + revisions.
"""

import json

import pytest

from yearbook_editor.core.edits import (
    ConfirmBreak,
    MakeEntryTitle,
    MakeHeading,
    MakeParagraph,
    MergeBlocks,
    MoveBlock,
    SetBlockKind,
    SetBlockText,
    ShiftNodeDepth,
    SplitBlock,
    StructureError,
    apply_edit,
    verify_volume,
)
from yearbook_editor.core.export import corrected_lines
from yearbook_editor.core.export.text import iter_current_blocks
from yearbook_editor.core.store import Store
from yearbook_editor.core.structure import load_outline, recompute_outline, volume_stats, walk
from yearbook_editor.core.text import lossless_problems, strip_ws
from yearbook_editor.core.volumes import import_file, source_text

from ..conftest import DATA, seed_path


@pytest.fixture
def vol(tmp_path):
    with Store(tmp_path / "s.db") as s:
        yield s, import_file(s, DATA / "small_volume.txt").volume_id


def block(store, contains, kind=None):
    sql = "SELECT * FROM blocks WHERE deleted = 0 AND instr(text, ?) > 0"
    params = [contains]
    if kind:
        sql += " AND kind = ?"
        params.append(kind)
    rows = store.query(sql + " ORDER BY seq", params)
    assert rows, contains
    return rows[0]


def outline(store, vid):
    return [(n.depth, n.kind, n.title) for n in walk(load_outline(store, vid))]


def export(store, vid):
    return corrected_lines(iter_current_blocks(store, vid))


def snapshot(store, vid):
    return (
        store.query("SELECT * FROM blocks WHERE volume_id = ? ORDER BY id", (vid,)),
        store.query("SELECT * FROM nodes WHERE volume_id = ? ORDER BY id", (vid,)),
    )


def assert_sound(store, vid):
    """Source + revisions explain the state; body + furniture still hold every source character."""
    assert verify_volume(store, vid) == []
    from yearbook_editor.core.model import Block, BlockKind, Piece

    lines = source_text(store, vid).split("\n")
    blocks = [
        Block(BlockKind(r["kind"]), r["text"], tuple(Piece(*p) for p in json.loads(r["pieces"])))
        for r in store.query("SELECT kind, text, pieces FROM blocks WHERE volume_id = ? AND deleted = 0", (vid,))
    ]
    # text edits aside, the pieces still cover the source exactly once
    for b in blocks:
        b.text = "".join(lines[p.line - 1][p.start : p.end] for p in b.pieces)
    assert lossless_problems(lines, blocks) == []


def undo_redo_roundtrip(store, vid, edit):
    before = snapshot(store, vid)
    before_outline = outline(store, vid)
    inverse = apply_edit(store, edit, author="t").inverse
    after = snapshot(store, vid)
    after_outline = outline(store, vid)
    assert_sound(store, vid)
    redo = apply_edit(store, inverse, author="t", reason="undo").inverse
    assert outline(store, vid) == before_outline
    restored = snapshot(store, vid)
    # every row that existed before is exactly as it was (rows made by the edit stay, deleted)
    old_ids = {r["id"] for r in before[0]}
    assert [r for r in restored[0] if r["id"] in old_ids] == before[0]
    assert all(r["deleted"] for r in restored[0] if r["id"] not in old_ids)
    apply_edit(store, redo, author="t", reason="redo")
    assert outline(store, vid) == after_outline
    assert [(r["id"], r["text"], r["kind"], r["deleted"]) for r in snapshot(store, vid)[0]] == [
        (r["id"], r["text"], r["kind"], r["deleted"]) for r in after[0]
    ]
    assert_sound(store, vid)


def test_split_and_merge_paragraph(vol):
    store, vid = vol
    p = block(store, "城镇人口 20.1")
    offset = p["text"].index("其中")
    inverse = apply_edit(store, SplitBlock(p["id"], offset), author="t", reason="layout").inverse
    first, second = block(store, "年末全县常住人口"), block(store, "其中，城镇人口")
    assert first["id"] == p["id"] and first["text"].endswith("0.3 万人。")
    assert second["text"].startswith("其中") and second["seq"] > first["seq"]
    # provenance: the second part knows it came from the line after the page number
    assert second["line_start"] > first["line_start"]
    assert second["node_id"] == first["node_id"]
    lines = export(store, vid)
    assert "【人口民族】 年末全县常住人口 31.5 万人，比上年末增加 0.3 万人。" in lines
    assert any(line.startswith("其中，城镇人口 20.1 万人") for line in lines)
    assert_sound(store, vid)
    apply_edit(store, inverse, author="t")
    assert block(store, "城镇人口 20.1")["text"] == p["text"]
    assert_sound(store, vid)


def test_split_undo_redo_roundtrip(vol):
    store, vid = vol
    p = block(store, "城镇人口 20.1")
    undo_redo_roundtrip(store, vid, SplitBlock(p["id"], p["text"].index("其中")))


def test_merge_across_furniture_and_undo(vol):
    store, vid = vol
    p = block(store, "城镇人口 20.1")
    apply_edit(store, SplitBlock(p["id"], p["text"].index("其中")), author="t")
    a, b = block(store, "年末全县常住人口"), block(store, "其中，城镇人口")
    undo_redo_roundtrip(store, vid, MergeBlocks(a["id"], b["id"]))  # ends merged (after the redo)
    merged = block(store, "年末全县常住人口")
    assert strip_ws(merged["text"]) == strip_ws(p["text"])
    assert store.scalar("SELECT deleted FROM blocks WHERE id = ?", (b["id"],)) == 1


def test_merge_refuses_blocks_with_text_between(vol):
    store, _ = vol
    a, c = block(store, "1234"), block(store, "9.1℃")
    with pytest.raises(StructureError):
        apply_edit(store, MergeBlocks(a["id"], c["id"]), author="t")
    with pytest.raises(StructureError):
        apply_edit(store, MergeBlocks(c["id"], a["id"]), author="t")


def test_split_refuses_the_edges(vol):
    store, _ = vol
    p = block(store, "1234")
    for offset in (0, len(p["text"]), -1):
        with pytest.raises(StructureError):
            apply_edit(store, SplitBlock(p["id"], offset), author="t")


def test_split_after_a_text_edit_keeps_provenance(vol):
    store, vid = vol
    p = block(store, "城镇人口 20.1")
    edited = p["text"].replace("31.5", "31.50")
    apply_edit(store, SetBlockText(p["id"], edited), author="t")
    apply_edit(store, SplitBlock(p["id"], edited.index("其中")), author="t")
    second = block(store, "其中，城镇人口")
    assert second["line_start"] > p["line_start"]
    assert_sound(store, vid)


def test_mark_furniture_and_restore(vol):
    store, vid = vol
    noise = block(store, "- 3 -")
    assert noise["kind"] == "noise"
    apply_edit(store, SetBlockKind(noise["id"], "paragraph"), author="t", reason="layout")
    assert "- 3 -" in export(store, vid)
    p = block(store, "1234")
    apply_edit(store, SetBlockKind(p["id"], "noise"), author="t")
    assert not any("1234" in line for line in export(store, vid))
    assert_sound(store, vid)


def test_marking_a_heading_as_furniture_removes_its_node_and_undo_restores_it(vol):
    store, vid = vol
    h = block(store, "自然地理", "heading")
    undo_redo_roundtrip(store, vid, SetBlockKind(h["id"], "noise"))  # ends marked as furniture
    titles = [t for _, _, t in outline(store, vid)]
    assert "自然地理" not in titles
    # its entries now stand directly under the 类目
    assert (2, "entry", "地理位置") in outline(store, vid)


def test_promote_and_demote_move_the_subtree(vol):
    store, vid = vol
    node = store.query("SELECT id FROM nodes WHERE title = '自然地理'")[0]["id"]
    undo_redo_roundtrip(store, vid, ShiftNodeDepth(node, -1))  # ends promoted
    tree = outline(store, vid)
    assert (1, "category", "自然地理") in tree
    assert (2, "entry", "地理位置") in tree  # the entries moved up with it
    assert volume_stats(store, vid).categories == 2  # 县情综述 and 自然地理 (编辑说明 is front matter)
    apply_edit(store, ShiftNodeDepth(node, +1), author="t")
    assert (2, "division", "自然地理") in outline(store, vid)
    assert (3, "entry", "地理位置") in outline(store, vid)


def test_promote_and_demote_refuse_what_cannot_be(vol):
    store, _ = vol
    top = store.query("SELECT id FROM nodes WHERE title = '编辑说明'")[0]["id"]
    with pytest.raises(StructureError):
        apply_edit(store, ShiftNodeDepth(top, -1), author="t")
    with pytest.raises(StructureError):
        apply_edit(store, ShiftNodeDepth(top, +1), author="t")  # nothing before it to stand under


def test_paragraph_start_becomes_entry_title_and_back(vol):
    store, vid = vol
    p = block(store, "城镇人口 20.1")
    apply_edit(store, SplitBlock(p["id"], p["text"].index("其中")), author="t")
    second = block(store, "其中，城镇人口")
    undo_redo_roundtrip(store, vid, MakeEntryTitle(second["id"], 2))  # ends as an entry title
    tree = outline(store, vid)
    assert (3, "entry", "其中") in tree  # a sibling of 人口民族, under 自然地理
    assert "【其中】 ，城镇人口 20.1 万人，城镇化率为 63.8%。" in export(store, vid)
    assert volume_stats(store, vid).entries == 4
    apply_edit(store, MakeParagraph(second["id"]), author="t")
    assert volume_stats(store, vid).entries == 3
    assert_sound(store, vid)


def test_paragraph_becomes_heading(vol):
    store, vid = vol
    p = block(store, "1234")
    undo_redo_roundtrip(store, vid, MakeHeading(p["id"]))  # ends as a heading
    kinds = {t: (d, k) for d, k, t in outline(store, vid)}
    # it stood in the entry 地理位置 (depth 3), so the heading stands beside that entry
    assert kinds[p["text"]] == (3, "subdivision")


def test_move_block_and_confirm_break(vol):
    store, vid = vol
    p = block(store, "1234")
    last = block(store, "9.1℃")
    undo_redo_roundtrip(store, vid, MoveBlock(p["id"], last["id"]))  # ends moved
    assert export(store, vid)[-1].startswith("位于示例省中部")


def test_confirm_break_clears_the_mark_as_a_revision(tmp_path):
    with Store(tmp_path / "s.db") as store:
        vid = import_file(store, seed_path("000")).volume_id
        rows = store.query("SELECT id FROM blocks WHERE volume_id = ? AND uncertain = 1 LIMIT 1", (vid,))
        if not rows:
            pytest.skip("the parser marked no uncertain break in 000")
        bid = rows[0]["id"]
        inverse = apply_edit(store, ConfirmBreak(bid), author="t").inverse
        assert store.scalar("SELECT uncertain FROM blocks WHERE id = ?", (bid,)) == 0
        apply_edit(store, inverse, author="t")
        assert store.scalar("SELECT uncertain FROM blocks WHERE id = ?", (bid,)) == 1
        assert verify_volume(store, vid) == []


def test_recompute_reproduces_the_parsed_outline_of_each_shared_volume(tmp_path):
    for key in ("000", "001", "003"):
        with Store(tmp_path / f"{key}.db") as s:
            vid = import_file(s, seed_path(key)).volume_id
            nodes = s.query("SELECT id, parent_id, seq, line_start, line_end, title FROM nodes ORDER BY id")
            owners = s.query("SELECT id, node_id FROM blocks ORDER BY id")
            with s.write() as conn:
                recompute_outline(conn, vid)
            assert s.query("SELECT id, parent_id, seq, line_start, line_end, title FROM nodes ORDER BY id") == nodes
            assert s.query("SELECT id, node_id FROM blocks ORDER BY id") == owners


def test_line_labels_name_furniture_lines_only(vol):
    from yearbook_editor.core.structure import line_labels

    store, vid = vol
    labels = line_labels(store, vid)
    assert [(line, kind, role) for line, (kind, role, _) in labels.items()] == [(21, "noise", "page_number")]
    body = block(store, "1234")
    apply_edit(store, SetBlockKind(body["id"], "noise"), author="t")
    labels = line_labels(store, vid)
    assert 17 in labels  # the paragraph's second line is now all furniture
    assert 15 not in labels  # its first line still holds the entry title 【地理位置】
