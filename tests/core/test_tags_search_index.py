"""Tags (vocabulary, tagging as undoable edits), suggestions, the subject index, search."""

import pytest

from yearbook_editor.core.edits import apply_edit, history, verify_volume
from yearbook_editor.core.search import SearchFilter, ensure_search_index, search
from yearbook_editor.core.store import Store
from yearbook_editor.core.subject_index import PageMap, build_index, index_lines, pinyin_key
from yearbook_editor.core.tags import (
    TagNodes,
    UntagNodes,
    create_tag,
    ensure_vocabulary,
    export_vocabulary,
    find_tag,
    import_vocabulary,
    list_tags,
    nodes_with_tags,
    tag_counts,
)
from yearbook_editor.core.volumes import import_file

from ..conftest import DATA, seed_path


@pytest.fixture
def small(tmp_path):
    with Store(tmp_path / "s.db") as s:
        yield s, import_file(s, DATA / "small_volume.txt").volume_id


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("big") / "s.db") as s:
        vid = import_file(s, seed_path("000")).volume_id
        small = import_file(s, DATA / "small_volume.txt").volume_id
        yield s, vid, small


def node(store, title, vid=None):
    sql, params = "SELECT id FROM nodes WHERE title = ? AND deleted = 0", [title]
    if vid:
        sql += " AND volume_id = ?"
        params.append(vid)
    return store.query(sql + " ORDER BY id", params)[0]["id"]


def test_default_vocabulary_is_grouped_and_hierarchical(small):
    store, _ = small
    assert ensure_vocabulary(store) and not ensure_vocabulary(store)
    tags = list_tags(store)
    groups = {t["grp"] for t in tags}
    assert {"topic", "workflow"} <= groups
    assert any(t["path"] == "社会事业/教育" for t in tags)
    assert find_tag(store, "待核实")["grp"] == "workflow"


def test_tagging_is_an_undoable_edit_with_revisions(small):
    store, vid = small
    ensure_vocabulary(store)
    tag = find_tag(store, "待核实")["id"]
    a, b = node(store, "人口民族"), node(store, "气候")
    inverse = apply_edit(store, TagNodes((a, b), tag), author="王", reason="数字待核").inverse
    assert nodes_with_tags(store, vid, [tag]) == [a, b]
    assert tag_counts(store, vid) == {tag: 2}
    revs = history(store, vid)
    assert [(r["target_id"], r["field"], r["old_value"], r["new_value"]) for r in revs] == [
        (a, f"tag:{tag}", 0, 1), (b, f"tag:{tag}", 0, 1)]
    assert inverse == UntagNodes((a, b), tag)
    apply_edit(store, inverse, author="王")
    assert nodes_with_tags(store, vid, [tag]) == []
    assert verify_volume(store, vid) == []
    # tagging twice changes nothing and records nothing
    apply_edit(store, TagNodes((a,), tag), author="王")
    apply_edit(store, TagNodes((a,), tag), author="王")
    assert len(history(store, vid)) == 5
    store.conn.execute("DELETE FROM node_tags")  # behind the revisions' back
    assert verify_volume(store, vid)


def test_vocabulary_file_round_trip(small, tmp_path):
    store, _ = small
    ensure_vocabulary(store)
    create_tag(store, "人物/曾国藩", "index")
    path = tmp_path / "tags.json"
    n = export_vocabulary(store, path)
    with Store(tmp_path / "other.db") as other:
        assert import_vocabulary(other, path) == n
        assert sorted(t["path"] for t in list_tags(other)) == sorted(t["path"] for t in list_tags(store))
        assert find_tag(other, "人物/曾国藩")["grp"] == "index"


def test_pinyin_order_with_phrases_and_polyphonic_surnames():
    words = ["重庆", "银行", "长沙", "阿坝", "中心", "安宁区"]
    assert sorted(words, key=pinyin_key) == ["阿坝", "安宁区", "长沙", "重庆", "银行", "中心"]
    # 曾 as a surname is zēng (after 张 zhāng? no: z-e-n-g < z-h), 单 as a surname is shàn
    people = ["张三", "曾国藩", "单雄信", "陈毅"]
    assert sorted(people, key=lambda p: pinyin_key(p, person=True)) == ["陈毅", "单雄信", "曾国藩", "张三"]
    assert sorted(people, key=pinyin_key) == ["曾国藩", "陈毅", "单雄信", "张三"]  # 曾 read céng without the rule


def test_page_map_reads_footers_and_interpolates():
    pages = PageMap([(100, 8), (200, 9), (500, 12)])
    assert pages.page(150) == (9, False)  # between footer 8 and footer 9: page 9
    assert pages.page(200) == (9, False)
    page, approx = pages.page(350)
    assert approx and 10 <= page <= 12
    assert PageMap([]).page(10) == (None, False)


def test_subject_index_of_000_by_pinyin_with_paths_and_pages(big):
    store, vid, _ = big
    for title, term in (("气候", "气候"), ("人口民族", "人口"), ("地理位置", "地理位置")):
        tag = create_tag(store, term, "index")
        apply_edit(store, TagNodes((node(store, title, vid),), tag), author="t")
    terms = build_index(store, vid)
    assert [t.term for t in terms] == ["地理位置", "气候", "人口"]
    ref = terms[2].refs[0]
    assert ref.path.endswith("人口民族") and ref.page is not None and 100 < ref.page < 400
    lines = index_lines(store, vid)
    assert lines[0] == "主题索引" and lines[3].startswith("人口　")


def test_suggestions_for_hand_picked_entries_of_000(big):
    from yearbook_editor.core.suggest import VolumeSuggester, accept, credit_name, load_jieba

    store, vid, _ = big
    load_jieba()
    sg = VolumeSuggester(store, vid)
    expect = {"气候": {"气温", "平均气温", "降水", "降水量", "日照时数"}, "人口民族": {"人口", "少数民族", "回族"}}
    for title, words in expect.items():
        labels = [s.label for s in sg.suggest(node(store, title, vid))][:8]
        assert words & set(labels), (title, labels)
    assert credit_name("（供稿：区统计局）") == "区统计局"
    assert credit_name("（宋伟荣）") == "宋伟荣"
    assert credit_name("（2019 年）") is None and credit_name("（一）") is None
    # accepting creates the tag and tags the entry
    s = sg.suggest(node(store, "气候", vid))[0]
    edit = accept(store, [node(store, "气候", vid)], s)
    apply_edit(store, edit, author="t")
    assert node(store, "气候", vid) in nodes_with_tags(store, vid, [edit.tag_id])


def test_suggestion_speed_after_load(big):
    import time

    from yearbook_editor.core.suggest import VolumeSuggester, load_jieba

    store, vid, _ = big
    load_jieba()
    sg = VolumeSuggester(store, vid)
    ids = [r["id"] for r in store.query("SELECT id FROM nodes WHERE volume_id = ? AND kind = 'entry' LIMIT 50", (vid,))]
    t = time.perf_counter()
    for i in ids:
        sg.suggest(i)
    assert (time.perf_counter() - t) / len(ids) < 0.5  # a loose bound; the benchmark measures the real figure


@pytest.mark.parametrize("indexed", [False, True])
def test_search_queries_of_every_length_and_shape(big, indexed):
    store, vid, small = big
    if indexed:
        assert ensure_search_index(store, vid) and ensure_search_index(store, small)
    one = search(store, "臵")  # a single (rare) character
    two = search(store, "人口", SearchFilter(volume_ids=(vid,)), limit=5)
    long = search(store, "年末全区常住人口")
    latin = search(store, "gdp")  # Latin letters, case-insensitive
    assert two.more and len(two.hits) == 5 and all("人口" in h.text for h in two.hits)
    assert any(h.node_title == "人口民族" for h in long.hits)
    assert latin.hits and all("GDP" in h.text.upper() for h in latin.hits)
    assert all(h.text[h.start:h.end] == "臵" for h in one.hits)
    for nasty in ['"', "C-919", "%", "_", "'); DROP TABLE volumes; --", "*", "NEAR(a b)", "a OR b"]:
        search(store, nasty)  # never an error, always literal
    assert store.scalar("SELECT count(*) FROM volumes") == 2
    assert search(store, "NEAR(a b)").hits == []
    both = search(store, "人口民族", limit=100)
    assert {h.volume_id for h in both.hits} == {vid, small}


def test_search_filters_by_tag_kind_status_and_sees_edits(big):
    from yearbook_editor.core.edits import SetBlockText, SetNodeStatus

    store, vid, _small = big
    ensure_search_index(store, vid)
    tag = create_tag(store, "测试筛选", "workflow")
    target = node(store, "人口民族", vid)
    apply_edit(store, TagNodes((target,), tag), author="t")
    hits = search(store, "人口", SearchFilter(tag_ids=(tag,)), limit=100).hits
    assert hits and {h.node_id for h in hits} == {target}
    entries = search(store, "气候", SearchFilter(node_kinds=("entry",), volume_ids=(vid,)), limit=100).hits
    assert entries and all(store.scalar("SELECT kind FROM nodes WHERE id = ?", (h.node_id,)) == "entry"
                           for h in entries)
    apply_edit(store, SetNodeStatus(target, "approved"), author="t")
    assert {h.node_id for h in search(store, "人口", SearchFilter(statuses=("approved",)), limit=100).hits} == {target}
    # an edit is found at once through the index (kept in step by trigger)
    block = store.query("SELECT id, text FROM blocks WHERE node_id = ? AND kind = 'paragraph'", (target,))[0]
    apply_edit(store, SetBlockText(block["id"], block["text"] + "独一无二的检索词"), author="t")
    assert [h.block_id for h in search(store, "独一无二的检索词").hits] == [block["id"]]


def test_rename_tag_keeps_its_uses_and_refuses_a_clash(small):
    from yearbook_editor.core.tags import TagError, rename_tag

    store, vid = small
    ensure_vocabulary(store)
    tag = find_tag(store, "待核实")["id"]
    apply_edit(store, TagNodes((node(store, "气候"),), tag), author="t")
    rename_tag(store, tag, "待核实数据")
    assert find_tag(store, "待核实数据")["id"] == tag
    assert nodes_with_tags(store, vid, [tag]) == [node(store, "气候")]
    with pytest.raises(TagError):
        rename_tag(store, tag, "缺数据")  # a sibling in the same group has that name
    with pytest.raises(TagError):
        rename_tag(store, tag, "  ")


def test_in_memory_cache_gives_the_same_hits_and_follows_edits(big):
    from yearbook_editor.core.edits import SetBlockText
    from yearbook_editor.core.search import TextCache

    store, vid, small = big
    cache = TextCache()
    for q in ("臵", "人口", "城", "g", "GD", "》", "%", "_", '"'):
        for f in (SearchFilter(), SearchFilter(volume_ids=(vid,)), SearchFilter(node_kinds=("entry",))):
            for offset in (0, 3):
                plain = search(store, q, f, limit=7, offset=offset)
                cached = search(store, q, f, limit=7, offset=offset, cache=cache)
                assert [h.block_id for h in cached.hits] == [h.block_id for h in plain.hits], (q, f, offset)
                assert cached.more == plain.more
    block = store.query("SELECT id, text FROM blocks WHERE volume_id = ? AND kind = 'paragraph' LIMIT 1", (small,))[0]
    assert not search(store, "鿏", cache=cache).hits
    apply_edit(store, SetBlockText(block["id"], block["text"] + "鿏"), author="t")
    assert [h.block_id for h in search(store, "鿏", cache=cache).hits] == [block["id"]]


def test_the_search_index_is_built_in_pieces_and_follows_edits_made_between_them(tmp_path, monkeypatch):
    """Edits made while the index is built (between two of its short transactions), on blocks
    already indexed and on blocks still to come, leave an index that matches the text exactly
    (FTS5's own integrity check) and finds the new words, not the old ones."""
    from yearbook_editor.core import search as search_mod
    from yearbook_editor.core.edits import SetBlockText

    monkeypatch.setattr(search_mod, "INDEX_PIECE", 40)
    with Store(tmp_path / "s.db") as store:
        vid = import_file(store, seed_path("003")).volume_id
        rows = store.query("SELECT id, text FROM blocks WHERE volume_id = ? AND kind = 'paragraph' AND length(text) > 20"
                           " ORDER BY id", (vid,))
        early, late = rows[1], rows[-1]
        pieces = []

        def edit(block, word):
            now = store.scalar("SELECT text FROM blocks WHERE id = ?", (block["id"],))
            apply_edit(store, SetBlockText(block["id"], word + now, expected=now), author="t")

        def progress(done, total, message=""):
            pieces.append(done)
            if len(pieces) == 3:  # two pieces written: ``early`` is indexed, ``late`` not yet
                edit(early, "甲乙丙丁戊")
                edit(early, "庚辛壬癸")  # twice: the index holds the text before the first
                edit(late, "子丑寅卯")

        assert ensure_search_index(store, vid, search_mod.Progress(progress))
        assert len(pieces) > 3
        store.conn.execute("INSERT INTO block_fts (block_fts) VALUES ('integrity-check')")  # raises when it does not match
        assert {h.block_id for h in search(store, "甲乙丙丁戊").hits} == {early["id"]}
        assert {h.block_id for h in search(store, "子丑寅卯").hits} == {late["id"]}
        edit(early, "辰巳午未")  # after the build the triggers keep it
        store.conn.execute("INSERT INTO block_fts (block_fts) VALUES ('integrity-check')")
