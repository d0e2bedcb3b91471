"""The session: the core's change set reaches the views, labels and reasons come from the edits."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from yearbook_editor.core import edits
from yearbook_editor.core.store import Store
from yearbook_editor.core.tags import create_tag
from yearbook_editor.core.volumes import import_file

from ..conftest import DATA

SESSION_PY = Path(__file__).resolve().parents[2] / "yearbook_editor" / "gui" / "session.py"


@pytest.fixture
def session(qapp, tmp_path):
    from yearbook_editor.gui import i18n
    from yearbook_editor.gui.session import Session

    i18n.install_translators(qapp, "zh_CN")
    store = Store(tmp_path / "s.db")
    vid = import_file(store, DATA / "small_volume.txt").volume_id
    s = Session(store, "测试编辑")
    s.open_volume(vid)
    seen = []
    s.changed.connect(lambda changes, initiator: seen.append((changes, initiator)))
    yield s, vid, seen
    s.close()


def _paragraph(store, contains):
    return store.query("SELECT id, text, node_id FROM blocks WHERE kind = 'paragraph' AND instr(text, ?) > 0",
                       (contains,))[0]


def test_every_edit_label_key_is_marked_for_translation():
    from yearbook_editor.gui.session import EDIT_LABELS

    keys = {cls.LABEL for cls in edits.edit_classes()} | {edits.SetBlockKind(1, "noise").label_key()}
    assert keys - set(EDIT_LABELS) == set()


def test_the_undo_text_is_the_edits_label_translated(session):
    s, _vid, _seen = session
    assert s.describe(edits.MakeHeading(1)) == "设为标题"
    assert s.describe(edits.MergeBlocks(1, 2)) == "合并段落"
    assert s.describe(edits.SetBlockKind(1, "noise")) == "标为页面杂项"
    tag = create_tag(s.store, "经济/农业")
    assert "经济/农业" in s.describe(edits.TagNodes((1,), tag))
    assert s.describe(edits.Batch((), label="全部修改：“臵”→“置”（3 处）")) == "全部修改：“臵”→“置”（3 处）"


def test_typing_undo_and_redo_are_stored_as_codes_and_each_emits_the_core_change_set(session):
    s, vid, seen = session
    para = _paragraph(s.store, "1234")
    assert s.apply(edits.SetBlockText(para["id"], para["text"] + "。", expected=para["text"]), "editor",
                   reason="输入", merge_key=(para["id"], 1))
    s.undo()
    s.redo()
    assert s.apply(edits.SetNodeStatus(para["node_id"], "checked"), "outline", reason="not a code at all")
    reasons = [r["reason"] for r in edits.history(s.store, vid)]
    assert reasons == ["typing", "undo", "redo", "review"]
    assert [i for _c, i in seen] == ["editor", None, None, "outline"]
    assert all(c.blocks == {para["id"]} and not c.structure for c, _i in seen[:3])
    assert seen[3][0].statuses and seen[3][0].nodes == {para["node_id"]}


def test_undoing_a_structural_edit_reports_the_outline_rederived(session):
    s, _vid, seen = session
    para = _paragraph(s.store, "城镇人口 20.1")
    assert s.apply(edits.SplitBlock(para["id"], para["text"].index("其中")), None)
    split = seen[-1][0]
    assert split.structure and len(split.created) == 1 and para["id"] in split.blocks
    s.undo()
    undone = seen[-1][0]
    assert undone.structure and undone.deleted == split.created


def test_the_session_names_no_edit_class_and_runs_no_sql():
    source = SESSION_PY.read_text(encoding="utf-8")
    strings = [n.value for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    names = {cls.__name__ for cls in edits.edit_classes()}
    assert not [t for t in strings if t in names]
    assert not [t for t in strings if any(w in t.upper().split() for w in ("SELECT", "UPDATE", "INSERT", "DELETE"))]


def test_stored_reasons_read_in_the_interface_language(session, qapp):
    from yearbook_editor.gui import i18n
    from yearbook_editor.gui.session import REASON_LABELS, reason_label

    assert set(REASON_LABELS) == set(edits.REASON_CODES)
    # the GUI's words are the command line's and the change report's
    assert {code: reason_label(code) for code in REASON_LABELS} == edits.REASON_CODES
    assert reason_label("restore:812") == "恢复历史版本 (812)"
    assert reason_label("undo: Edit text") == "撤销"  # what an older version stored
    assert reason_label("据统计公报") == "据统计公报" and reason_label(None) == ""
    i18n.install_translators(qapp, "en")
    try:
        assert reason_label("replace_all") == "replace all" and reason_label("typing") == "typing"
    finally:
        i18n.install_translators(qapp, "zh_CN")


def test_another_store_names_its_own_volume(session, tmp_path):
    """Volume 1 of another store is another volume: its title is read again."""
    from yearbook_editor.core.reading import read_source
    from yearbook_editor.core.volumes import import_source

    s, vid, _seen = session
    first = s.volume_title()
    other = Store(tmp_path / "other.db")
    assert import_source(other, read_source(DATA / "small_volume.txt"), title="另一卷").volume_id == vid
    s.replace_store(other)
    s.open_volume(vid)
    assert s.volume_title() == "另一卷" != first
