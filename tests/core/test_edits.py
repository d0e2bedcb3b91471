"""Edits: one transaction each, append-only revisions, inverse for undo, rebuild from source."""

import sqlite3

import pytest

from yearbook_editor.core.edits import (
    Batch,
    SetBlockKind,
    SetBlockText,
    SetNodeStatus,
    apply_edit,
    history,
    rebuild_blocks,
    verify_volume,
)
from yearbook_editor.core.errors import EditConflict
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file

from ..conftest import DATA


@pytest.fixture
def vol(tmp_path):
    with Store(tmp_path / "s.db") as s:
        res = import_file(s, DATA / "small_volume.txt")
        yield s, res.volume_id


def _paragraph(store, vid, contains):
    rows = store.query(
        "SELECT id, text, node_id FROM blocks WHERE volume_id = ? AND kind = 'paragraph' AND instr(text, ?) > 0",
        (vid, contains),
    )
    assert rows, f"no paragraph containing {contains!r}"
    return rows[0]


def test_edit_updates_text_and_appends_one_revision(vol):
    store, vid = vol
    para = _paragraph(store, vid, "1234")
    new = para["text"].replace("1234", "1243")
    inverse = apply_edit(store, SetBlockText(para["id"], new), author="李编辑", reason="fix").inverse
    assert store.scalar("SELECT text FROM blocks WHERE id = ?", (para["id"],)) == new
    revs = history(store, vid)
    assert len(revs) == 1
    r = revs[0]
    assert (r["target"], r["target_id"], r["field"]) == ("block", para["id"], "text")
    assert (r["old_value"], r["new_value"]) == (para["text"], new)
    assert r["author"] == "李编辑" and r["reason"] == "fix" and r["created_at"]
    assert inverse == SetBlockText(para["id"], para["text"], expected=new)


def test_undo_is_a_new_revision_and_restores_text(vol):
    store, vid = vol
    para = _paragraph(store, vid, "1234")
    inverse = apply_edit(store, SetBlockText(para["id"], "改后"), author="a").inverse
    redo = apply_edit(store, inverse, author="a", reason="undo").inverse
    assert store.scalar("SELECT text FROM blocks WHERE id = ?", (para["id"],)) == para["text"]
    assert len(history(store, vid)) == 2
    apply_edit(store, redo, author="a", reason="redo")
    assert store.scalar("SELECT text FROM blocks WHERE id = ?", (para["id"],)) == "改后"


def test_revisions_are_append_only(vol):
    store, vid = vol
    para = _paragraph(store, vid, "1234")
    apply_edit(store, SetBlockText(para["id"], "x"), author="a")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.conn.execute("UPDATE revisions SET new_value = 'y'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.conn.execute("DELETE FROM revisions")
    assert store.scalar("SELECT new_value FROM revisions") == "x"


def test_stale_edit_is_refused_and_changes_nothing(vol):
    store, vid = vol
    para = _paragraph(store, vid, "1234")
    apply_edit(store, SetBlockText(para["id"], "别人改过"), author="a")
    with pytest.raises(EditConflict):
        apply_edit(store, SetBlockText(para["id"], "我的修改", expected=para["text"]), author="b")
    assert store.scalar("SELECT text FROM blocks WHERE id = ?", (para["id"],)) == "别人改过"
    assert len(history(store, vid)) == 1


def test_batch_is_one_step_with_one_batch_id(vol):
    store, vid = vol
    paras = store.query("SELECT id, text FROM blocks WHERE volume_id = ? AND kind = 'paragraph'", (vid,))
    assert len(paras) >= 3
    batch = Batch(tuple(SetBlockText(p["id"], p["text"] + "（已核）") for p in paras), label="全部替换")
    inverse = apply_edit(store, batch, author="a", reason="replace_all").inverse
    revs = history(store, vid)
    assert len(revs) == len(paras)
    assert len({r["batch"] for r in revs}) == 1 and revs[0]["batch"]
    apply_edit(store, inverse, author="a")
    for p in paras:
        assert store.scalar("SELECT text FROM blocks WHERE id = ?", (p["id"],)) == p["text"]


def test_failing_batch_changes_nothing(vol):
    store, vid = vol
    para = _paragraph(store, vid, "1234")
    with pytest.raises(EditConflict):
        apply_edit(
            store,
            Batch((SetBlockText(para["id"], "一"), SetBlockText(para["id"], "二", expected="不是现在的文字"))),
            author="a",
        )
    assert store.scalar("SELECT text FROM blocks WHERE id = ?", (para["id"],)) == para["text"]
    assert history(store, vid) == []


def test_current_state_rebuilds_from_source_plus_revisions(vol):
    store, vid = vol
    para = _paragraph(store, vid, "1234")
    other = _paragraph(store, vid, "31.5")
    apply_edit(store, SetBlockText(para["id"], "第一次"), author="a")
    apply_edit(store, SetBlockText(para["id"], "第二次"), author="a")
    apply_edit(store, SetBlockKind(other["id"], "noise"), author="a", reason="layout")
    apply_edit(store, SetNodeStatus(para["node_id"], "checked"), author="a")
    assert verify_volume(store, vid) == []
    state = rebuild_blocks(store, vid)
    assert state[para["id"]]["text"] == "第二次"
    assert state[other["id"]]["kind"] == "noise"
    # a change that bypasses the revisions is detected
    store.conn.execute("UPDATE blocks SET text = '偷改' WHERE id = ?", (other["id"],))
    assert verify_volume(store, vid)


def test_title_edit_updates_outline_title(vol):
    store, vid = vol
    node = store.query(
        "SELECT n.id, n.title, n.title_block_id FROM nodes n WHERE n.volume_id = ? AND n.kind = 'entry'"
        " AND n.title_block_id IS NOT NULL LIMIT 1",
        (vid,),
    )[0]
    apply_edit(store, SetBlockText(node["title_block_id"], "【地理区位】"), author="a")
    assert store.scalar("SELECT title FROM nodes WHERE id = ?", (node["id"],)) == "地理区位"


def test_node_history_covers_its_blocks(vol):
    store, vid = vol
    para = _paragraph(store, vid, "1234")
    other = _paragraph(store, vid, "9.1")
    apply_edit(store, SetBlockText(para["id"], "甲"), author="a")
    apply_edit(store, SetBlockText(other["id"], "乙"), author="a")
    mine = history(store, vid, para["node_id"])
    assert [r["new_value"] for r in mine] == ["甲"]


# -- what apply_edit says changed -----------------------------------------------------------


def test_a_text_edit_reports_its_block_and_the_node_it_names(vol):
    from yearbook_editor.core.edits import ChangeSet

    store, vid = vol
    node = store.query("SELECT id, title_block_id FROM nodes WHERE volume_id = ? AND kind = 'entry'"
                       " AND title_block_id IS NOT NULL LIMIT 1", (vid,))[0]
    applied = apply_edit(store, SetBlockText(node["title_block_id"], "【地理区位】"), author="a")
    c = applied.changes
    assert isinstance(c, ChangeSet)
    assert c.blocks == {node["title_block_id"]} and c.nodes == {node["id"]}
    assert not (c.structure or c.statuses or c.kinds or c.created or c.deleted or c.tags or c.findings)
    para = _paragraph(store, vid, "1234")
    plain = apply_edit(store, SetBlockText(para["id"], para["text"] + "。"), author="a").changes
    assert plain.blocks == {para["id"]} and plain.nodes == frozenset()


def test_undo_reports_the_same_places(vol):
    store, vid = vol
    para = _paragraph(store, vid, "1234")
    inverse, changes = apply_edit(store, SetNodeStatus(para["node_id"], "checked"), author="a")
    assert changes.statuses and changes.nodes == {para["node_id"]} and not changes.blocks
    back = apply_edit(store, inverse, author="a", reason="undo").changes
    assert back == changes
    kind = apply_edit(store, SetBlockKind(para["id"], "noise"), author="a").changes
    assert kind.kinds == {para["id"]} and kind.structure  # furniture ↔ text re-derives the outline


def test_an_edit_that_changes_nothing_reports_nothing(vol):
    store, vid = vol
    para = _paragraph(store, vid, "1234")
    applied = apply_edit(store, SetBlockText(para["id"], para["text"]), author="a")
    assert not applied.changes and applied.changes.blocks == frozenset()
    assert store.scalar("SELECT count(*) FROM revisions") == 0


# -- reasons and labels -----------------------------------------------------------------------


def test_the_stored_reason_is_a_code_and_words_only_on_display(vol):
    from yearbook_editor.core.edits import REASON_CODES, reason_code, reason_text

    store, vid = vol
    para = _paragraph(store, vid, "1234")
    apply_edit(store, SetBlockText(para["id"], "甲"), author="a")  # no reason: the edit's own code
    apply_edit(store, SetBlockText(para["id"], "乙"), author="a", reason="typing")
    apply_edit(store, SetBlockText(para["id"], "丙"), author="a", reason="撤销")  # words of an older version
    apply_edit(store, SetNodeStatus(para["node_id"], "checked"), author="a")
    stored = [r["reason"] for r in history(store, vid)]
    assert stored == ["edit", "typing", "undo", "review"]
    assert all(r in REASON_CODES for r in stored)
    # what older stores hold still reads: known words as their code, anything else as written
    assert reason_code("undo: Edit text") == "undo" and reason_code("重做：合并段落") == "redo"
    assert reason_code("typing") == "typing" and reason_code("据统计公报") == ""
    assert reason_text("undo: Edit text") == "撤销" and reason_text("据统计公报") == "据统计公报"
    assert reason_text("restore:812") == "恢复历史版本（812）" and reason_text("") == ""


def test_every_edit_class_has_a_label_key_and_a_known_reason():
    from yearbook_editor.core import edits

    classes = edits.edit_classes()
    assert {"SetBlockText", "MergeBlocks", "MakeHeading", "TagNodes", "FixFindings"} <= {c.__name__ for c in classes}
    for cls in classes:
        assert cls.LABEL and cls.LABEL[0].isupper(), cls
        assert cls.REASON in edits.REASON_CODES, cls
        assert cls.__name__ not in cls.LABEL.replace(" ", ""), cls
    assert edits.SetBlockKind(1, "noise").label_key() == "Mark as furniture"
    assert edits.SetBlockKind(1, "paragraph").label_key() == "Restore as text"
    assert edits.Batch((), label="全部修改").label_key() == "全部修改"
    assert edits.Batch(()).label_key() == "Several changes"


def test_a_merge_reports_the_block_it_removes_and_its_undo_the_block_it_brings_back(vol):
    from yearbook_editor.core.edits import MergeBlocks, SplitBlock

    store, vid = vol
    p = _paragraph(store, vid, "城镇人口 20.1")
    inverse, split = apply_edit(store, SplitBlock(p["id"], p["text"].index("其中")), author="a")
    (new,) = split.created
    assert split.structure and split.blocks == {p["id"], new} and not split.deleted
    inverse, merged = apply_edit(store, MergeBlocks(p["id"], new), author="a")
    assert merged.deleted == {new} and merged.kinds >= {new} and merged.structure
    _again, undone = apply_edit(store, inverse, author="a", reason="undo")
    assert undone.created == {new} and not undone.deleted
