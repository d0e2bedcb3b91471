"""Tag suggestions are whole words (not stretches jieba's guesser cut out of a sentence, not a
recurring heading's label, a place name with its unit), and a search hit's context centres it."""

from __future__ import annotations

import pytest

from yearbook_editor.core.resources import RESOURCES
from yearbook_editor.core.search import Hit
from yearbook_editor.core.store import Store
from yearbook_editor.core.suggest import VolumeSuggester, load_jieba, segment
from yearbook_editor.core.volumes import import_file

from ..conftest import seed_path


def entry(store, vid, title):
    return store.query("SELECT id FROM nodes WHERE volume_id = ? AND title = ? AND kind = 'entry' AND deleted = 0"
                       " ORDER BY seq", (vid, title))[0]["id"]


@pytest.fixture(scope="module")
def v000(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("sg") / "s.db") as store:
        vid = import_file(store, seed_path("000")).volume_id
        load_jieba()
        yield store, vid, VolumeSuggester(store, vid)


def keywords(sg, node):
    return [s.label for s in sg.suggest(node) if s.reason == "关键词"]


def test_no_fragment_of_a_sentence_and_no_label_of_a_recurring_heading(v000):
    store, vid, sg = v000
    labels = keywords(sg, entry(store, vid, "名称来历"))  # 兰州方言称郭城为关
    assert "为关" not in labels and "名称" not in labels
    assert {"城郭", "城关区"} <= set(labels)


def test_every_keyword_of_000_is_a_dictionary_word_or_a_word_the_volume_repeats(v000):
    """Over every entry: a keyword outside jieba's dictionary (a new word jieba's guesser made)
    is used in at least two entries of the volume; before, one entry in three had one used once
    (为关, 武和谦作, 闫青到, 人包)."""
    import jieba

    _store, _vid, sg = v000
    texts = {n: sg._node_text(n) for n in sg._texts}
    for node in list(texts)[::3]:
        for w in keywords(sg, node):
            if not jieba.dt.FREQ.get(w) and w[-1] not in "省市县区旗镇乡村":
                assert sum(w in t for t in texts.values()) >= 2, (w, sg._titles[node])


def test_a_place_name_keeps_its_unit(tmp_path):
    sample = next((RESOURCES / "sample").glob("*.txt"))
    with Store(tmp_path / "s.db") as store:
        vid = import_file(store, sample).volume_id
        sg = VolumeSuggester(store, vid)
        labels = keywords(sg, entry(store, vid, "地理位置"))  # 位于示例省中部
    assert "示例省" in labels and "示例" not in labels
    jieba = load_jieba()
    assert segment(jieba, "位于示例省中部") == ["位于", "示例省", "中部"]
    assert "针对区" not in segment(jieba, "针对区委的要求")  # a verb before 区 is no place


def hit(text, query):
    i = text.index(query)
    return Hit(1, "v", 1, "n", 1, "paragraph", 1, text, i, i + len(query))


@pytest.mark.parametrize("width", [8, 9, 20, 31])
def test_search_context_centres_the_hit(width):
    text = "一二三四五六七八九十" * 4 + "常住人口" + "甲乙丙丁戊己庚辛壬癸" * 4
    before, match, after = hit(text, "常住人口").snippet(width)
    assert match == "常住人口"
    assert len(before + match + after) == width
    assert abs(len(before) - len(after)) <= 1
    assert before.startswith("…") and after.endswith("…")
    assert text.index(before[1:] + match + after[:-1]) >= 0


def test_search_context_at_the_edges_and_for_a_long_hit():
    assert hit("人口普查结果显示全区人口增长", "人口").snippet(8) == ("", "人口", "普查结果显…")
    assert hit("全区常住人口", "人口").snippet(20) == ("全区常住", "人口", "")
    before, _match, _after = hit("在全区\n常住人口中", "人口").snippet(20)
    assert "\n" not in before and before == "在全区 常住"
    long = "年末全区常住人口" * 3
    assert hit("前" + long, long).snippet(10) == ("", long[:9] + "…", "")


def test_jiebas_dictionary_is_cached_in_pieces_and_read_back_the_same(tmp_path):
    """The dictionary is read from pieces (the interpreter let go between them, so an edit in the
    window does not wait 0.5–0.8 s for one long load); what is read is jieba's own dictionary."""
    import subprocess
    import sys

    script = (
        "import sys, hashlib, jieba\n"
        "from pathlib import Path\n"
        "from yearbook_editor.core.suggest import _initialize_in_pieces\n"
        "jieba.dt.tmp_dir = sys.argv[1]\n"
        "jieba.dt.cache_file = 'jieba.cache'\n"
        "taken = _initialize_in_pieces(jieba, Path(sys.argv[1]))\n"
        "digest = hashlib.sha1(repr(sorted(jieba.dt.FREQ.items())).encode()).hexdigest()\n"
        "print(taken, jieba.dt.total, digest, ' '.join(jieba.lcut('兰州市城关区年鉴编辑委员会')))\n"
    )
    runs = [subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, encoding="utf-8",
                           check=True).stdout.split(maxsplit=3) for _ in range(2)]
    assert runs[0][0] == "False" and runs[1][0] == "True"  # built the first time, read from pieces after
    assert runs[0][1:] == runs[1][1:]  # the same dictionary, the same words
    assert list(tmp_path.glob("jieba-*.pieces"))
    (next(tmp_path.glob("jieba-*.pieces"))).write_bytes(b"damaged")
    again = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, encoding="utf-8",
                           check=True).stdout.split(maxsplit=3)
    assert again[1:] == runs[0][1:]  # a damaged cache is built again, nothing else happens


def test_statistics_built_elsewhere_travel_back_and_suggest_the_same(v000):
    """The app builds a volume's word statistics in a process of its own: what comes back
    (pickled, without its store) suggests exactly what statistics built here suggest."""
    import pickle

    from yearbook_editor.core.suggest import build_suggester

    store, vid, here = v000
    built = pickle.loads(pickle.dumps(build_suggester(str(store.path), vid)))
    assert built.store is None and built.store_path == str(store.path)
    built.store = store
    entries = [r["id"] for r in store.query("SELECT id FROM nodes WHERE volume_id = ? AND kind = 'entry'"
                                            " AND deleted = 0 ORDER BY seq", (vid,))][::100]
    assert len(entries) >= 10
    assert [[(s.label, s.reason) for s in built.suggest(n)] for n in entries] == \
        [[(s.label, s.reason) for s in here.suggest(n)] for n in entries]
