"""Checks with a store: findings kept across re-runs (open / fixed / ignored), fixes and fills as
undoable core edits, the blanks queue, the word list table and its migration."""

from __future__ import annotations

import sqlite3

import pytest

from yearbook_editor.core import migrations
from yearbook_editor.core.checks import (
    NoFix,
    add_word,
    blank_groups,
    blank_queue,
    check_group,
    fill_blank,
    fill_group,
    fix_all_like,
    fix_finding,
    load_findings,
    run_checks,
    save_findings,
    set_status,
    values_elsewhere,
)
from yearbook_editor.core.edits import Batch, MakeParagraph, SetBlockText, apply_edit
from yearbook_editor.core.errors import EditConflict
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file

from ..conftest import DATA

MINI = DATA / "checks" / "mini_volume.txt"


@pytest.fixture()
def mini(tmp_path):
    store = Store(tmp_path / "s.db")
    vid = import_file(store, MINI, author="t").volume_id
    yield store, vid
    store.close()


def codes(findings):
    return sorted(f.code for f in findings)


def one(findings, code, text=None):
    hits = [f for f in findings if f.code == code and (text is None or text in f.block_text[f.start - 4 : f.end + 4])]
    assert len(hits) == 1, (code, text, hits)
    return hits[0]


def test_run_checks_on_a_small_volume(mini):
    store, vid = mini
    fs = run_checks(store, vid)
    assert codes(fs) == sorted(["blank.figure"] * 9 + [
        "blank.entry_body", "char.confusable", "char.doubled", "char.wrong_word", "consistency.sum",
        "consistency.year", "note.editorial"])
    assert all(f.block_id and f.node_id for f in fs)
    # rules never see furniture or merged-away blocks
    assert not {f.block_id for f in fs} & {r[0] for r in store.conn.execute(
        "SELECT id FROM blocks WHERE kind = 'noise' OR deleted = 1").fetchall()}


def test_status_survives_reruns(mini):
    store, vid = mini
    saved = save_findings(store, vid, run_checks(store, vid))
    assert {f.status for f in saved} == {"open"} and all(f.id for f in saved)
    doubled = one(saved, "char.doubled")
    note = one(saved, "note.editorial")
    set_status(store, note.id, "ignored")
    # the editor types elsewhere in the paragraph: offsets shift, identity does not
    text = note.block_text
    cut = text.index("签约项目")
    apply_edit(store, SetBlockText(note.block_id, text[:cut] + "当场" + text[cut:], expected=text), author="t")
    again = save_findings(store, vid, run_checks(store, vid))
    by_id = {f.id: f for f in again}
    assert len(again) == len(saved) and set(by_id) == {f.id for f in saved}
    assert by_id[note.id].status == "ignored"
    assert by_id[note.id].start == note.start + 2
    # fixing the doubled word: the finding becomes fixed
    apply_edit(store, fix_finding(by_id[doubled.id], store), author="t")
    third = save_findings(store, vid, run_checks(store, vid))
    assert doubled.id not in {f.id for f in third}
    stored = {f.id: f.status for f in load_findings(store, vid)}
    assert stored[doubled.id] == "fixed" and stored[note.id] == "ignored"
    assert len(load_findings(store, vid, status="open")) == len(saved) - 2


def test_fix_finding_is_one_undoable_revision(mini):
    store, vid = mini
    f = one(run_checks(store, vid), "char.confusable")
    edit = fix_finding(f)
    assert isinstance(edit, SetBlockText) and edit.expected == f.block_text and "设置专门机构" in edit.text
    inverse = apply_edit(store, edit, author="t").inverse
    assert store.scalar("SELECT text FROM blocks WHERE id = ?", (f.block_id,)) == edit.text
    apply_edit(store, inverse, author="t")
    assert store.scalar("SELECT text FROM blocks WHERE id = ?", (f.block_id,)) == f.block_text
    with pytest.raises(NoFix):
        fix_finding(one(run_checks(store, vid), "consistency.sum"))
    # a stale fix is refused by the core
    stale = SetBlockText(f.block_id, "x", expected="not the text")
    with pytest.raises(EditConflict):
        apply_edit(store, stale, author="t")


def test_fix_all_like_is_one_batch_with_a_preview(tmp_path):
    src = tmp_path / "v.txt"
    src.write_text("编辑说明\n\n1. 本书记述 2020 年。\n\n综述\n\n【一】 设臵机构，设臵岗位。\n\n【二】 重新设臵。\n", encoding="utf-8")
    store = Store(tmp_path / "s.db")
    vid = import_file(store, src, author="t").volume_id
    fs = [f for f in run_checks(store, vid) if f.code == "char.confusable"]
    assert len(fs) == 3
    batch, preview = fix_all_like(store, vid, fs[0])
    assert isinstance(batch, Batch) and len(batch.edits) == 2 and len(preview) == 3
    assert {(p.old, p.new) for p in preview} == {("臵", "置")} and preview[0].after.startswith("机构")
    inverse = apply_edit(store, batch, author="t").inverse
    assert not [f for f in run_checks(store, vid) if f.code == "char.confusable"]
    assert store.scalar("SELECT count(DISTINCT batch) FROM revisions") == 1
    apply_edit(store, inverse, author="t")
    assert len([f for f in run_checks(store, vid) if f.code == "char.confusable"]) == 3
    store.close()


def test_blank_queue_counts_follow_structure_edits(mini):
    store, vid = mini
    q = blank_queue(store, vid)
    sug = {i.label: i.suggested for i in q if i.finding.code == "blank.figure" and i.suggested}
    assert sug["分目"] == "3" and sug["子目"] == "0" and sug["条目"] == "6" and "万字" not in sug
    wan = [i for i in q if i.unit == "万字"]
    assert wan and wan[0].suggested == "0.0" and wan[0].source == "structure"
    # the editor turns an entry title back into text: one 条目 fewer, and the queue says so
    title_block = store.scalar("SELECT title_block_id FROM nodes WHERE title = '卫生'")
    apply_edit(store, MakeParagraph(title_block), author="t")
    sug = {i.label: i.suggested for i in blank_queue(store, vid) if i.suggested}
    assert sug["条目"] == "5"


def test_fill_blank_in_the_paragraph_style(mini):
    store, vid = mini
    q = blank_queue(store, vid)
    item = next(i for i in q if i.label == "分目")
    edit = fill_blank(store, item.finding, item.suggested)
    apply_edit(store, edit, author="t")
    assert "全书有 3 个分目、 个子目" in store.scalar("SELECT text FROM blocks WHERE id = ?", (item.finding.block_id,))
    # the other blanks of the paragraph are still found and can be filled after the first
    item = next(i for i in blank_queue(store, vid) if i.label == "子目")
    apply_edit(store, fill_blank(store, item.finding, "0"), author="t")
    assert "全书有 3 个分目、 0 个子目、 个条目" in store.scalar("SELECT text FROM blocks WHERE id = ?",
                                                          (item.finding.block_id,))


def test_group_of_ethnic_blanks(mini):
    store, vid = mini
    g = next(g for g in blank_groups(store, vid) if g.title == "人口民族")
    assert [(f.key, f.role) for f in g.fields] == [("总数", "total"), ("占比", "share"), ("回族", "part"),
                                                   ("藏族", "part"), ("其他少数民族", "part")]
    assert g.population == 200_000 and "常住人口 20 万人" in g.population_text
    good = {"总数": "5000", "占比": "2.5", "回族": "3000", "藏族": "1500", "其他少数民族": "500"}
    assert check_group(g, good) == []
    bad = dict(good, 回族="3500")
    assert [p.code for p in check_group(g, bad)] == ["group.sum"]
    assert [p.code for p in check_group(g, dict(good, 占比="3.1"))] == ["group.share"]
    assert [p.code for p in check_group(g, {"总数": "5000", "回族": "6000"})] == ["group.sum"]  # partial, over
    assert check_group(g, {"总数": "5000", "回族": "3000"}) == []
    assert next(p.code for p in check_group(g, dict(good, 藏族="很多"))) == "group.number"
    apply_edit(store, fill_group(store, g, good), author="t")
    text = store.scalar("SELECT text FROM blocks WHERE id = ?", (g.block_id,))
    assert "共 5000 人，占总人口的 2.5%。其中，回族 3000 人，藏族 1500 人，其他少数民族 500 人。" in text
    assert not [f for f in run_checks(store, vid, codes=["blank"]) if f.block_id == g.block_id]


def test_values_elsewhere_in_volumes_of_the_same_place(mini, tmp_path):
    store, vid = mini
    other = tmp_path / "last.txt"
    other.write_text("编辑说明\n\n1. 记述 2019 年。\n\n综述\n\n【人口民族】 少数民族共 4800 人，其中回族 2900 人，藏族 1400 人。\n",
                     encoding="utf-8")
    from yearbook_editor.core.reading import read_source
    from yearbook_editor.core.volumes import import_source

    last = import_source(store, read_source(other), title="河东县年鉴（2020）").volume_id
    far = tmp_path / "far.txt"
    far.write_text(other.read_text(encoding="utf-8").replace("2900", "2950"), encoding="utf-8")
    unrelated = import_source(store, read_source(far), title="河西县年鉴（2020）").volume_id
    rows = values_elsewhere(store, vid, "回族", "人")
    assert [(r["volume_id"], r["value"]) for r in rows] == [(last, "2900")]
    assert unrelated not in {r["volume_id"] for r in rows}


def test_store_word_list(mini):
    store, vid = mini
    add_word(store, "word", "招商会", "招商大会")
    add_word(store, "ignore", "培同")
    fs = run_checks(store, vid, codes=["char"])
    assert [f.matched for f in fs if f.code == "char.wrong_word"] == ["招商会"]


def test_migration_from_version_1_adds_word_table(tmp_path):
    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    from yearbook_editor.core.store import APPLICATION_ID, _split_sql

    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for statement in _split_sql(migrations.V1_INITIAL):
        con.execute(statement)
    con.execute("PRAGMA user_version = 1")
    con.execute("INSERT INTO volumes (title, source_name, sha256, encoding, newline, line_count, char_count,"
                " parser_version, imported_at) VALUES ('旧', 'a.txt', 'h', 'utf-8', 'LF', 1, 1, 1, 't')")
    con.execute("INSERT INTO findings (volume_id, code, fingerprint, created_at, updated_at)"
                " VALUES (1, 'blank.figure', 'fp', 't', 't')")
    con.commit()
    con.close()
    assert migrations.SCHEMA_VERSION >= 2
    with Store(path) as s:
        assert s.schema_version == migrations.SCHEMA_VERSION
        cols = {r["name"] for r in s.query("PRAGMA table_info(findings)")}
        assert {"message", "grp"} <= cols
        assert s.query("SELECT code, status, message FROM findings") == [
            {"code": "blank.figure", "status": "open", "message": ""}]
        add_word(s, "name", "赵乾德")
    assert (tmp_path / "old.db.v1.bak").exists()


def test_a_fix_closes_its_stored_finding_and_undo_reopens_it(mini):
    from yearbook_editor.core.edits import FixFindings, verify_volume

    store, vid = mini
    saved = save_findings(store, vid, run_checks(store, vid))
    f = one(saved, "char.confusable")
    edit = fix_finding(f, store)
    assert isinstance(edit, FixFindings) and edit.finding_ids == (f.id,)
    revisions = store.scalar("SELECT count(*) FROM revisions")
    inverse, changes = apply_edit(store, edit, author="t")
    status = {g.id: g.status for g in load_findings(store, vid)}
    assert status[f.id] == "fixed" and changes.findings == {f.id} and changes.blocks == {f.block_id}
    # the finding's status is no revision: only the text is history
    assert store.scalar("SELECT count(*) FROM revisions") == revisions + 1
    _inverse2, undone = apply_edit(store, inverse, author="t", reason="undo")
    status = {g.id: g.status for g in load_findings(store, vid)}
    assert status[f.id] == "open" and undone.findings == {f.id}
    assert store.scalar("SELECT text FROM blocks WHERE id = ?", (f.block_id,)) == f.block_text
    assert verify_volume(store, vid) == []


def test_fix_all_like_closes_every_stored_place_in_one_step(tmp_path):
    from yearbook_editor.core.edits import FixFindings

    src = tmp_path / "v.txt"
    src.write_text("编辑说明\n\n1. 本书记述 2020 年。\n\n综述\n\n【一】 设臵机构，设臵岗位。\n\n【二】 重新设臵。\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        vid = import_file(store, src, author="t").volume_id
        saved = [f for f in save_findings(store, vid, run_checks(store, vid)) if f.code == "char.confusable"]
        fix, preview = fix_all_like(store, vid, saved[0])
        assert isinstance(fix, FixFindings) and set(fix.finding_ids) == {f.id for f in saved} and len(preview) == 3
        assert fix.label.startswith("全部修改") and fix.label_key() == fix.label
        inverse, _changes = apply_edit(store, fix, author="t")
        assert {f.status for f in load_findings(store, vid, code="char.confusable")} == {"fixed"}
        apply_edit(store, inverse, author="t")
        assert {f.status for f in load_findings(store, vid, code="char.confusable")} == {"open"}


def test_a_finding_no_longer_open_shows_the_text_as_it_was_found(tmp_path):
    """Its paragraph may have changed since (undo of the typing that made it, a rewrite): the list
    shows the place as last found, not whatever now stands at its old offsets."""
    src = tmp_path / "v.txt"
    src.write_text("编辑说明\n\n1. 本书记述 2020 年。\n\n综述\n\n【一】 全区新兴产业设臵机构，发展良好。\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        vid = import_file(store, src, author="t").volume_id
        f = next(f for f in save_findings(store, vid, run_checks(store, vid)) if f.code == "char.confusable")
        assert f.context(4) == ("兴产业设", "臵", "机构，发")
        text = f.block_text
        new = text.replace("全区新兴产业设臵机构", "设置")  # rewritten: the old offset now holds other text
        apply_edit(store, SetBlockText(f.block_id, new, expected=text), author="t")
        save_findings(store, vid, run_checks(store, vid))
        gone = next(g for g in load_findings(store, vid) if g.id == f.id)
        assert gone.status == "fixed" and gone.block_text == new
        assert gone.context(4) == ("兴产业设", "臵", "机构，发") and gone.context(2) == ("业设", "臵", "机构")
        set_status(store, f.id, "open")  # an open finding reads the paragraph as it is
        assert next(g for g in load_findings(store, vid) if g.id == f.id).context(4)[1] != "臵"
