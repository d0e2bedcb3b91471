"""The detector of unlisted wrong characters (char.suspect) and the code points that stand for an
ordinary character: hits with the right first suggestion, names left alone, a rejected suspect
remembered in the store, fix all like this, re-checking one paragraph, and the shipped data."""

from __future__ import annotations

import unicodedata

import pytest

from yearbook_editor.core.checks import (
    characters,
    chardata_build,
    codepoints,
    detector,
    fix_all_like,
    run_checks,
    save_findings,
    set_status,
)
from yearbook_editor.core.edits import apply_edit
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file

from .test_checks_rules import ctx_of

#: ordinary prose of a yearbook, repeated as a volume repeats its own words
PROSE = [
    "全区各项工作已经全部完成，基础设施建设稳步推进，未来产业加快发展。",
    "坚持依法治理，推动经济高质量发展，研究部署全年重点工作。",
    "区政府召开专题会议，听取各街道工作汇报，已经完成的任务及时总结。",
    "着眼未来，加强社会治理，部署安全生产检查，依法治理环境问题。",
]


def volume(*extra):
    return [*PROSE * 6, *extra]


def suspects(*paragraphs, **kw):
    return [f for f in characters.check_characters(ctx_of(*paragraphs, **kw)) if f.code == "char.suspect"]


@pytest.mark.parametrize("text, wrong, right", [
    ("年内新建项目己经开工，进展顺利。", "己", "已"),
    ("着眼末来，加强社会治理。", "末", "未"),
    ("完善基础设旅，方便群众出行。", "旅", "施"),
    ("加强基层冶理，化解矛盾纠纷。", "冶", "治"),
    ("区委常委会研究部暑防汛工作。", "暑", "署"),
])
def test_look_alike_found_with_the_right_first_suggestion(text, wrong, right):
    fs = suspects(*volume(text))
    assert [(f.matched, f.suggestion) for f in fs] == [(wrong, right)]
    f = fs[0]
    assert f.params["right"] == right and f.params["candidates"][0] == right and right in f.params["word"]
    assert f.params["as_written"] in text and f.message.startswith(f"“{wrong}”疑为“{right}”")


@pytest.mark.parametrize("text, wrong, right", [
    ("区政府召开专题会议，听取各街逋工作汇报。", "逋", "道"),
    ("研究部署全年重点工怍。", "怍", "作"),
    ("基础设施建设稳步推进，未来产业加快发屐。", "屐", "展"),
])
def test_look_alike_that_only_the_glyphs_know_is_found(text, wrong, right):
    data = detector.chardata()
    assert right not in data.shape[wrong][: len(data.shape_score.get(wrong, ""))]  # not char-similar's pair
    assert right in data.glyph[wrong]
    fs = suspects(*volume(text))
    assert [(f.matched, f.suggestion) for f in fs] == [(wrong, right)]


def test_the_written_character_counts_once_for_every_candidate():
    data = detector.chardata()
    model = detector.VolumeModel.build(PROSE * 6)
    text = "推动经济高质量发屐，研究部署"
    i = text.index("屐")
    written = detector._as_written(text, i, data, model)
    for n in data.near["屐"][:20]:
        src = "shape" if n in data.shape["屐"] else "sound"
        assert detector._cheap(text, i, n, src, data, model, written) == detector._cheap(text, i, n, src, data, model)
    # the volume gain: bits of the corrected stretch's count in the volume (发展: 12 times, 展， is no stretch)
    assert model.count("发展") == 12 and model.count("发屐") == 0
    assert detector._cheap(text, i, "展", "shape", data, model, written)[0] == 4


def test_names_of_companies_and_estates_are_not_suspected():
    org = detector.in_org_name
    text = "由兰州丰瑗药业有限责任公司承建，长城嘉裕苑项目，兰州三磊电子有限公司，解决民困的工作有限。"
    for name in ("丰瑗", "嘉裕", "三磊"):
        assert org(text, text.index(name)) and org(text, text.index(name) + 1), name
    assert not org(text, text.index("民困") + 1)  # "有限" alone ends no name
    assert not org("这一困难，公司已解决。", 2)  # a delimiter between
    # before a company's legal form the name is what stands before its trade, the trade itself is words
    text = "甘肃大晟建设工程有限公司、金昌东昊特种玻璃有限公司、甘肃机楔化建设工程有限公司、兰州生物刷品研究所有限责任公司"
    assert org(text, text.index("晟")) and org(text, text.index("昊"))
    assert not org(text, text.index("楔")) and not org(text, text.index("刷"))  # a trade's word broken: a misreading


def test_a_place_inside_a_short_quotation_is_less_suspect(monkeypatch):
    quoted = detector.in_short_quote
    text = "开展“文明伴你行”活动，微电影《雨霁云开》，他说“这是一句远远超过十二个字的很长很长的引语”，又“甲乙"
    assert quoted(text, text.index("伴")) and quoted(text, text.index("云"))
    assert not quoted(text, text.index("超")) and not quoted(text, text.index("活"))  # too long a quotation; outside
    assert not quoted(text, text.index("乙"))  # never closed
    data, model = detector.chardata(), detector.VolumeModel.build(volume())
    monkeypatch.setattr(detector, "THRESHOLD", -100.0)  # score every candidate

    def score(text, n):
        i = text.index("己")
        return detector._score_place(text, i, [(n, "shape")], data, model, frozenset())[0][0]

    inside, outside, penalty = score("开展“工作己经完成”活动", "已"), score("开展工作己经完成的活动", "已"), detector.QUOTED
    monkeypatch.setattr(detector, "QUOTED", 0.0)
    assert penalty > 0 and score("开展“工作己经完成”活动", "已") - inside == pytest.approx(penalty)
    assert outside == score("开展工作己经完成的活动", "已")


def test_clean_prose_raises_nothing():
    assert suspects(*volume("年内新建项目已经开工，进展顺利。", "着力发展未来产业，培育新动能。")) == []


def test_names_are_never_suspected():
    # a list of names, a name after a post, and a name from the store's name list
    listed = "主委高建华、马建丽、张珺、张新刚出席会议。"
    assert suspects(*volume(listed, "校长蔡文浩，城关区委书记出席。")) == []
    text = "区领导王己经到现场调研。"
    assert [f.matched for f in suspects(*volume(text))] == ["己"]
    assert suspects(*volume(text), names=("王己经",)) == []


def test_directory_rows_and_credits_are_not_checked():
    rows = [("row", "table", "主任  王己经"), ("paragraph", "credit", "（王己经）")]
    assert suspects(*volume(), *rows) == []


@pytest.mark.parametrize("wrong, right, kind", [
    ("⼈", "人", "kangxi"), ("⾨", "门", "kangxi"), ("⻔", "门", "radical"), ("⻓", "长", "radical"),
    ("\uf900", "岂", "compat"), ("図", "图", "japanese"), ("県", "县", "japanese"), ("経", "经", "japanese"),
    # Japanese forms whose traditional form in jp2t is a variant t2s does not know: found through t2jp
    ("渋", "涩", "japanese"), ("隣", "邻", "japanese"), ("郷", "乡", "japanese"), ("闘", "斗", "japanese"),
])
def test_code_points_with_their_ordinary_form(wrong, right, kind):
    fs = [f for f in characters.check_characters(ctx_of(f"全区{wrong}口普查工作。")) if f.code == "char.confusable"]
    assert [(f.matched, f.suggestion, f.params["kind"]) for f in fs] == [(wrong, right, kind)]


def test_full_width_letters_and_digits_inside_chinese():
    errs = codepoints.codepoint_errors("ＸＹ model: 全年完成 ２０１９ 项，ＡＢＣ级景区 3 个。")
    assert [(w, r, k) for _s, _e, w, r, k in errs] == [("２０１９", "2019", "fullwidth"), ("ＡＢＣ", "ABC", "fullwidth")]


def test_private_use_character_is_guessed_from_its_neighbours():
    errs = codepoints.codepoint_errors("设\ue000专门机构")
    assert errs and errs[0][2] == "\ue000" and errs[0][4] == "private" and errs[0][3]
    # no neighbours to guess from: flagged without a suggestion
    assert codepoints.codepoint_errors("(\ue000)")[0][3] is None


def test_code_point_table_comes_from_unicode_and_opencc():
    table = codepoints.table()
    kangxi = [c for c in map(chr, range(0x2F00, 0x2FD6))]
    assert all(c in table for c in kangxi)
    assert all(table[c][0] == unicodedata.normalize("NFKC", c) or table[c][0] != c for c in kangxi)
    assert all(len(r) == 1 and r != w for w, (r, _k) in table.items())


def test_shipped_data_is_consistent():
    data = detector.chardata()
    common = set(chardata_build.common_chars())
    assert len(common) == 6763
    assert all(set(nb) <= common for nb in list(data.shape.values())[:3000])
    # classic print confusions are neighbours both ways
    for a, b in ("己已", "未末", "拨拔", "候侯", "治冶", "千干"):
        assert b in data.shape[a] and a in data.shape[b], (a, b)
    assert data.lexicon["已经"] > data.lexicon.get("己经", 0)


def test_glyph_look_alikes_are_mutual_common_characters_with_a_digit_each():
    data = detector.chardata()
    common = set(chardata_build.common_chars())
    assert set(data.glyph) <= common and len(data.glyph) > 6000
    for c, nb in data.glyph.items():
        assert set(nb) <= common and c not in nb and len(set(nb)) == len(nb)
        assert len(data.glyph_score[c]) == len(nb) and data.glyph_score[c].isdigit()
        assert list(data.glyph_score[c]) == sorted(data.glyph_score[c], reverse=True)  # best first
        for n in nb[:5]:
            assert c in data.glyph[n], (c, n)
    # look-alikes on the page that char-similar's stroke data does not hold
    for a, b in ("日目", "大犬", "问间", "社杜", "管菅", "业亚"):
        assert b in data.glyph[a] and b in data.shape[a], (a, b)


def test_a_close_glyph_outranks_a_far_one():
    data = detector.chardata()

    def similar(w, r):  # char-similar holds the pair
        return r in data.shape[w][: len(data.shape_score.get(w, ""))]

    # 已 is among the closest glyphs of 己 (and char-similar holds the pair too)
    best = detector.shape_prior("己", "已", data)
    assert best > 0
    # a misreading as one of the right character's far glyph look-alikes needs more evidence
    far = [(w, r) for r, nb in sorted(data.glyph.items()) for w in nb[12:] if not similar(w, r)]
    assert len(far) > 1000
    assert all(detector.shape_prior(w, r, data) < best - 4 for w, r in far[::50])


def test_lazy_lexicon_answers_as_the_whole_dictionary():
    words = detector._read_buckets(detector.DATA / "lexicon.txt")
    lex = detector.Lexicon.from_words(words)
    assert lex.words == {w: b for w, b in words.items() if len(w) == 1}  # nothing longer decoded yet
    sample = sorted(words)[::997] + ["己经", "基础设旅", "中华人民", "中华", "华人", "中", "人民共和国"]
    for w in sample:
        assert lex.get(w) == words.get(w), w
        assert (w in lex) == (w in words)
    assert len(lex.words) < len(words) / 5  # only the groups asked for were decoded
    again = detector.Lexicon(*lex.state())  # what the cache keeps
    assert all(again.get(w) == words.get(w) for w in sample)
    with pytest.raises(KeyError):
        lex["基础设旅"]


@pytest.fixture()
def store_with_errors(tmp_path):
    body = "\n\n".join(f"【条目{i}】 {p}" for i, p in enumerate(volume(
        "年内新建项目己经开工，进展顺利。", "部分项目己经完工，正在验收。", "⻔诊楼建成，⻔诊量增长。")))
    src = tmp_path / "v.txt"
    src.write_text("编辑说明\n\n1. 本书记述 2020 年。\n\n综述\n\n" + body + "\n", encoding="utf-8")
    store = Store(tmp_path / "s.db")
    vid = import_file(store, src, author="t").volume_id
    yield store, vid
    store.close()


def test_fix_all_like_this_for_suspects_and_code_points(store_with_errors):
    store, vid = store_with_errors
    fs = run_checks(store, vid, codes=["char"])
    sus = [f for f in fs if f.code == "char.suspect"]
    assert [f.matched for f in sus] == ["己", "己"]
    batch, preview = fix_all_like(store, vid, sus[0])
    assert len(batch.edits) == 2 and {(p.old, p.new) for p in preview} == {("己", "已")}
    cps = [f for f in fs if f.code == "char.confusable"]
    batch2, preview2 = fix_all_like(store, vid, cps[0])
    assert len(preview2) == 2 and {(p.old, p.new) for p in preview2} == {("⻔", "门")}
    apply_edit(store, batch, author="t")
    apply_edit(store, batch2, author="t")
    assert not [f for f in run_checks(store, vid, codes=["char"]) if f.code in ("char.suspect", "char.confusable")]


def test_a_rejected_suspect_is_remembered_in_the_store(store_with_errors):
    store, vid = store_with_errors
    fs = save_findings(store, vid, run_checks(store, vid))
    first = next(f for f in fs if f.code == "char.suspect" and "开工" in f.block_text)
    set_status(store, first.id, "ignored")
    again = [f for f in run_checks(store, vid, codes=["char"]) if f.code == "char.suspect"]
    assert [f.block_text for f in again] == [next(f.block_text for f in fs if f.code == "char.suspect"
                                                  and "完工" in f.block_text)]


def test_recheck_one_paragraph_reuses_the_volume(store_with_errors):
    from yearbook_editor.core.checks.base import load_context
    from yearbook_editor.core.checks.words import load_wordlists

    store, vid = store_with_errors
    ctx = load_context(store, vid)
    ctx.words = load_wordlists(store, vid)
    whole = {(f.block_id, f.start, f.code) for f in characters.check_characters(ctx)}
    b = next(b for b in ctx.blocks if "开工" in b.text)
    mine = {(f.block_id, f.start, f.code) for f in characters.recheck_paragraph(ctx, b)}
    assert mine == {x for x in whole if x[0] == b.id} and mine
    # the editor's fix: the paragraph is clean on its own re-check
    b.text = b.text.replace("己经", "已经")
    assert [f for f in characters.recheck_paragraph(ctx, b) if f.code == "char.suspect"] == []


def test_published_confusion_set_adds_pairs_that_share_a_component():
    data = detector.chardata()
    common = set(chardata_build.common_chars())
    assert len(data.confusion) > 2000 and set(data.confusion) <= common
    for c, nb in list(data.confusion.items())[::40]:
        assert set(nb) <= common and c not in nb
        assert all(c in data.confusion[n] for n in nb), c  # an error goes either way
        assert set(nb) <= set(data.shape[c]), c  # every one is a candidate
    # the phonetic part shared, the radical changed: in SIGHAN's set, and scored as look-alikes
    for a, b in ("逢锋", "俭签", "喻愈"):
        assert b in data.confusion[a] and detector.shape_prior(a, b, data) >= detector.CONFUSION_PRIOR


@pytest.mark.parametrize("text, wrong, right", [
    ("区政府召开专题会议，听取各街道工作汇报，研究部署全年重点工作和安全生产检杳。", "杳", "查"),
])
def test_a_stretch_the_volume_uses_elsewhere_speaks_for_the_correction(text, wrong, right):
    model = detector.VolumeModel.build(volume())
    i = text.index(wrong)
    # 产检查 is written elsewhere in the volume (twice per four paragraphs), 产检杳 nowhere
    assert model.count_longer(detector._longer(text, i, right))["产检查"] == 6
    assert detector._longer_reach(text, i, right, model) > 0 == detector._longer_reach(text, i, "木", model)
    fs = suspects(*volume(text))
    assert [(f.matched, f.suggestion) for f in fs] == [(wrong, right)]


def test_a_written_character_the_volume_uses_often_is_less_suspect():
    data = detector.chardata()
    model = detector.VolumeModel.build(volume())
    assert model.chars["工"] > 10 and model.chars.get("杳", 0) == 0
    # the same place scored as written with a character the volume uses and one it does not
    text = "安全生产检杳工作"
    often, never = (detector._score_place(t, 5, [("查", "shape")], data, model, frozenset())
                    for t in (text.replace("杳", "工"), text))
    assert never is not None and (often is None or often[0][0] < never[0][0])


def test_counts_as_integers_are_the_counts_as_strings():
    import random
    from collections import Counter
    from operator import add

    rng = random.Random(7)
    text = "".join(rng.choice("一二三四\n") for _ in range(5001))
    pairs, chars = detector._count_pairs(text)
    assert pairs == Counter(map(add, text, text[1:])) and chars == Counter(text)
    assert detector._count_pairs("") == (Counter(), Counter())
    for short in (text[:1], text[:2], text[:5000]):  # the characters are counted from the stretches they start
        assert detector._count_pairs(short) == (Counter(map(add, short, short[1:])), Counter(short))
    # where stretches start (beyond the Basic Multilingual Plane as strings)
    for t in (text, "甲乙𠀀甲乙", "甲"):
        for asked in ({"一二", "三\n"}, {"甲乙"}, set()):
            assert detector._where(t, asked) == [j for j in range(len(t) - 1) if t[j : j + 2] in asked]
    # three characters counted one by one (a re-check) or in one pass (the whole volume): the same,
    # overlapping occurrences included
    threes = Counter(map(add, map(add, text, text[1:]), text[2:]))
    every = {a + b + c for a in "一二三四\n" for b in "一二三四" for c in "一二三四"}
    few = {"一二三", "二二二", "一二一"}
    for asked in (few, every):
        model = detector.VolumeModel.build([text])
        assert len(asked) > detector.LONGER_ONE_BY_ONE or asked is few
        got = model.count_longer(asked)
        assert {x: got[x] for x in asked} == {x: threes.get(x, 0) for x in asked}


def test_a_correction_that_makes_no_word_needs_more_evidence(monkeypatch):
    data = detector.chardata()
    assert detector._in_word("工作已经完成", 2, data.lexicon)  # 已经
    assert not detector._in_word("用水户的金川", 3, data.lexicon)  # 的 on its own: 户的, 的金 are no words
    model = detector.VolumeModel.build(volume())
    monkeypatch.setattr(detector, "THRESHOLD", -100.0)  # score every candidate

    def lm(text, i, n):
        return detector._score_place(text, i, [(n, "shape")], data, model, frozenset())[0][4][0]

    alone, in_word, penalty = lm("用水户向金川区", 3, "的"), lm("工作己经完成", 2, "已"), detector.ALONE
    monkeypatch.setattr(detector, "ALONE", 0.0)
    assert penalty > 0 and lm("用水户向金川区", 3, "的") - alone == penalty and lm("工作己经完成", 2, "已") == in_word


def test_a_smaller_volume_needs_less_evidence():
    """Every piece of the volume's own evidence is counted in doublings, and a volume half the size
    has half the counts: below FULL_SIZE the bar is SMALL_STEP lower per halving, at most SMALL_MOST."""
    from collections import Counter

    def bar(size):
        return detector.threshold(detector.VolumeModel(Counter(), size=size))

    full, step, most = detector.FULL_SIZE, detector.SMALL_STEP, detector.SMALL_MOST
    assert bar(0) == bar(full) == bar(10 * full) == detector.THRESHOLD  # unknown size: as a large volume
    assert bar(full // 2) == pytest.approx(detector.THRESHOLD - step)
    assert bar(full // 4) == pytest.approx(detector.THRESHOLD - 2 * step)
    assert bar(100) == detector.THRESHOLD - most and most > 0
    built = detector.VolumeModel.build(["城关区，年内完成。", "甲乙"])
    assert built.size == len("城关区年内完成甲乙")


@pytest.mark.parametrize("text, wrong, right", [
    ("全区各单位认真开展检查，蔚然戍风，成效明显。", "戍", "成"),  # 成风: dictionary bucket 7
    ("发现虔报冒领问题，及时整改。", "虔", "虚"),
    ("及时处置山体滑埏等突发事件。", "埏", "坡"),  # 滑坡: 8
    ("公开遴迸一批优秀教师。", "迸", "选"),
])
def test_a_small_volume_takes_corrections_to_rarer_dictionary_stretches(text, wrong, right):
    """A small volume has few frequent stretches of its own to offer as corrections: below FULL_SIZE
    a correction may make a dictionary stretch from SMALL_TARGET_BIGRAM up (TARGET_BIGRAM above)."""
    from collections import Counter

    assert [(f.matched, f.suggestion) for f in suspects(*volume(text))] == [(wrong, right)]
    data = detector.chardata()
    small = detector.VolumeModel(Counter(), size=detector.FULL_SIZE // 2)
    large = detector.VolumeModel(Counter(), size=detector.FULL_SIZE)
    rarer = [bg for bg, b in data.bigrams.items() if detector.SMALL_TARGET_BIGRAM <= b < detector.TARGET_BIGRAM]
    assert rarer and all(bg[0] in detector.dictionary_partners(data, small)[0][bg[1]] for bg in rarer[:50])
    assert not any(bg[0] in detector.dictionary_partners(data, large)[0].get(bg[1], ()) for bg in rarer[:50])


def test_the_detector_adds_nothing_inside_a_listed_wrong_word(monkeypatch):
    """高领补贴 is one finding (the list's), not one more for its 领."""
    text = "为 70 岁符合高领补贴调整标准的老人调标。"
    i = text.index("领")

    def detect_volume(texts, model, names=frozenset()):
        return [(k, detector.Suspect(i, "领", "龄", ["龄"], "高龄", "shape", 30.0)) for k, t in enumerate(texts)
                if t == text]

    monkeypatch.setattr(detector, "detect_volume", detect_volume)
    found = characters.check_characters(ctx_of(*volume(text)))
    assert [(f.code, f.matched) for f in found] == [("char.wrong_word", "高领补贴")]
    monkeypatch.setattr(characters, "_covered", lambda out: {(f.block_id, f.start) for f in out})  # as before
    assert len(characters.check_characters(ctx_of(*volume(text)))) == 2


def test_a_small_volume_offers_its_stretches_used_three_times_as_corrections():
    three = ["城关区甲乙工作。"] * detector.SMALL_TARGET_VOLUME
    small = detector.VolumeModel.build(three)
    assert small.size < detector.FULL_SIZE and "甲" in small.before["乙"]
    large = detector.VolumeModel.build([*three, "丙" * detector.FULL_SIZE])
    assert "乙" not in large.before and detector.SMALL_TARGET_VOLUME < detector.TARGET_VOLUME


def test_fix_all_like_fixes_the_place_asked_about_when_a_new_run_no_longer_finds_it(store_with_errors, monkeypatch):
    """A stored finding (from a re-check) that a new whole run over the changed volume no longer
    reports: "fix all like this" on it changes its text too, and marks it fixed only then."""
    from yearbook_editor.core.checks import fixes, load_findings

    store, vid = store_with_errors
    save_findings(store, vid, run_checks(store, vid))
    stored = [f for f in load_findings(store, vid, status="open") if f.code == "char.suspect"]
    clicked = next(f for f in stored if "完工" in f.block_text)
    real_run = fixes.run_checks
    monkeypatch.setattr(fixes, "run_checks", lambda s, v, codes=None: [
        f for f in real_run(s, v, codes=codes) if "完工" not in f.block_text])  # the run no longer finds it
    batch, preview = fix_all_like(store, vid, clicked)
    assert len(preview) == 2 and {p.old + p.new for p in preview} == {"己已"}
    apply_edit(store, batch, author="t")
    texts = [r[0] for r in store.conn.execute("SELECT text FROM blocks WHERE text LIKE '%经完工%'")]
    assert texts and all("已经完工" in t for t in texts)
    assert store.scalar("SELECT status FROM findings WHERE id = ?", (clicked.id,)) == "fixed"


def test_a_suspect_no_longer_raised_where_nothing_changed_leaves_the_list_instead_of_counting_as_fixed(
        store_with_errors):
    """The detector judges a place by the whole volume (its counts, the names, the rejections): a
    suspect it no longer raises though its place reads as before was not fixed by the editor."""
    from yearbook_editor.core.checks import add_word
    from yearbook_editor.core.edits import SetBlockText

    store, vid = store_with_errors
    found = save_findings(store, vid, run_checks(store, vid))
    started, finished = (next(f for f in found if f.code == "char.suspect" and word in f.block_text)
                         for word in ("开工", "完工"))
    apply_edit(store, SetBlockText(finished.block_id, finished.block_text.replace("己", "已")), author="t")
    add_word(store, "name", "项目己经")  # now a name: the other place is no longer suspected, its text as it was
    save_findings(store, vid, run_checks(store, vid))
    status = dict(store.conn.execute("SELECT id, status FROM findings WHERE id IN (?, ?)",
                                     (started.id, finished.id)).fetchall())
    assert status == {finished.id: "fixed"}
