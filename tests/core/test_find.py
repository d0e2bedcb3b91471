"""Find and replace across a volume (Qt-free)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yearbook_editor.core.edits import Batch, SetBlockText, apply_edit
from yearbook_editor.core.find import (
    BadPattern,
    Query,
    StaleHit,
    find_all,
    find_in_text,
    fold_width,
    replace_all,
    replace_hit,
    replace_in_text,
)
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file

from ..conftest import DATA


@pytest.fixture
def vol(tmp_path):
    with Store(tmp_path / "s.db") as s:
        res = import_file(s, DATA / "small_volume.txt")
        yield s, res.volume_id


def test_plain_find_gives_block_offsets_and_context(vol):
    store, vid = vol
    hits = find_all(store, vid, Query("常住人口"))
    assert len(hits) == 1
    h = hits[0]
    text = store.scalar("SELECT text FROM blocks WHERE id = ?", (h.block_id,))
    assert text[h.start : h.end] == "常住人口" == h.text
    assert h.before.endswith("全县") and h.after.startswith(" 31.5")
    assert h.node_id is not None and h.line > 0


def test_case_and_width_folding():
    text = "ＡＢＣ abc Abc"
    assert find_in_text(text, Query("abc")) == [(0, 3), (4, 7), (8, 11)]
    assert find_in_text(text, Query("abc", match_case=True)) == [(4, 7)]
    assert find_in_text(text, Query("abc", match_width=True)) == [(4, 7), (8, 11)]
    assert find_in_text(text, Query("ＡＢＣ", match_width=True, match_case=True)) == [(0, 3)]
    assert find_in_text("人口，1234", Query(",１２")) == [(2, 5)]


def test_folding_that_changes_length_maps_offsets_back():
    text = "面积 12㎡，约…半"
    folded, mapping = fold_width(text)
    assert folded != text and mapping is not None
    (s, e), = find_in_text(text, Query("m2"))
    assert text[s:e] == "㎡"
    (s, e), = find_in_text(text, Query("约...半"))
    assert text[s:e] == "约…半"


def test_regex_and_full_width_metacharacters():
    text = "增长（4.2%），下降（3.1%）"
    assert find_in_text(text, Query(r"\d+\.\d%", regex=True)) == [(3, 7), (12, 16)]
    # a full-width parenthesis in a regex is literal, not a group
    assert [text[s:e] for s, e in find_in_text(text, Query(r"（\d", regex=True))] == ["（4", "（3"]
    with pytest.raises(BadPattern):
        find_in_text(text, Query("(", regex=True))
    with pytest.raises(BadPattern):
        find_in_text(text, Query(""))


def test_regex_replacement_uses_original_text_of_groups():
    text = "ＧＤＰ 186.4 亿元"
    new, n = replace_in_text(text, Query(r"(gdp) (\d+)", regex=True), r"\2 \g<1>!")
    assert n == 1 and new == "186 ＧＤＰ!.4 亿元"


def test_replace_hit_and_stale_hit(vol):
    store, vid = vol
    (hit,) = find_all(store, vid, Query("1234"))
    edit = replace_hit(store, hit, Query("1234"), "1243")
    assert isinstance(edit, SetBlockText) and "1243 平方千米" in edit.text
    apply_edit(store, edit, author="t")
    with pytest.raises(StaleHit):
        replace_hit(store, hit, Query("1234"), "1243")


def test_replace_all_is_one_batch_and_undoes(vol):
    store, vid = vol
    q = Query("人口")
    before = len(find_all(store, vid, q))
    assert before >= 2
    batch = replace_all(store, vid, q, "居民")
    assert isinstance(batch, Batch) and batch.edits
    inverse = apply_edit(store, batch, author="t").inverse
    assert find_all(store, vid, q) == []
    assert len(find_all(store, vid, Query("居民"))) >= before
    batches = store.query("SELECT DISTINCT batch FROM revisions")
    assert len(batches) == 1 and batches[0]["batch"]
    apply_edit(store, inverse, author="t")
    assert len(find_all(store, vid, q)) == before
    assert replace_all(store, vid, Query("不存在的词"), "x") is None


def test_furniture_is_left_out_unless_asked(vol):
    store, vid = vol
    assert find_all(store, vid, Query("- 3 -")) == []
    assert len(find_all(store, vid, Query("- 3 -", include_furniture=True))) == 1


@given(st.text(alphabet="aＡ1１，,…㎡人 ", max_size=30), st.sampled_from(["a", "1", ",", "...", "m2", "人"]))
def test_hits_are_in_range_and_match_when_folded(text, pattern):
    for s, e in find_in_text(text, Query(pattern)):
        assert 0 <= s < e <= len(text)
        assert fold_width(text[s:e])[0].lower() == fold_width(pattern)[0].lower()
