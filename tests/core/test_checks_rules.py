"""Each rule of the checks on small hand-made paragraphs: hits, and near misses that must not be
flagged. The rules work on a CheckContext, built here by hand (no parser, no store)."""

from __future__ import annotations

import pytest

from yearbook_editor.core.checks import blanks, characters, codepoints, consistency, notes, punctuation
from yearbook_editor.core.checks.base import BlockRow, CheckContext, NodeRow
from yearbook_editor.core.checks.words import load_wordlists


def ctx_of(*paragraphs, title="河东县年鉴（2021）", kind="paragraph", role="", names=()):
    """A volume of one entry whose body is the given paragraphs (a str, or (kind, text) or
    (kind, role, text))."""
    nodes = {1: NodeRow(1, None, "category", "综述", 1, None), 2: NodeRow(2, 1, "entry", "测试", 2, 10)}
    blocks = [BlockRow(10, 2, "entry_title", "entry", 0, "【测试】", 1, 1)]
    for i, p in enumerate(paragraphs):
        k, r, text = kind, role, p
        if isinstance(p, tuple):
            k, r, text = (p[0], "", p[1]) if len(p) == 2 else p
        blocks.append(BlockRow(11 + i, 2, k, r, 0, text, 3 + 2 * i, 3 + 2 * i))
    ctx = CheckContext(None, 1, title, blocks, nodes)
    ctx.words = load_wordlists(None)
    ctx.words.names.update(names)
    return ctx


def found(rule, *paragraphs, code=None, **kw):
    out = list(rule(ctx_of(*paragraphs, **kw)))
    return [f for f in out if code is None or f.code == code]


def matched(fs):
    return [f.matched for f in fs]


# -- blanks -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, n", [
    ("全书有 个分目、 个子目、 个条目。", 3),
    ("共 人，占总人口的 %。其中，回族 人，藏族 人。", 4),
    ("出生率 ‰，死亡率 ‰，人口自然增长率 ‰。", 3),
    ("新建公厕 座，改造 户。", 2),
    ("全年投入资金 万元，完成 项。", 2),
])
def test_blank_figure_hits(text, n):
    fs = found(blanks.check_blanks, text, code="blank.figure")
    assert len(fs) == n
    assert all(f.matched.strip() == "" for f in fs)


@pytest.mark.parametrize("text", [
    "县长 张 伟到企业调研，副局长 台 军参加。",  # surnames after a post
    "第十条 所需经费由财政安排。",  # 第十条 所需
    "加强 个人信息保护，落实个人责任。",  # 个人
    "全县共十二 个乡镇。",  # a figure written in words
    "全书有 65 个分目、140 个子目。",  # figures present
    "新建公厕 5 座，改造 12 户。",
    "副主任 张 淼",  # a justified directory line in a paragraph
    "项目 人次 金额",  # a table header
    "编号：（ ）第 号承办单位： 年 月 日",  # a form
    "全年 人员 培训",  # 人员 is a word, not 人
])
def test_blank_figure_near_misses(text):
    assert found(blanks.check_blanks, text, code="blank.figure") == []


def test_blank_figure_not_in_rows_or_headings():
    assert found(blanks.check_blanks, ("row", "共 人，其中 户。"), code="blank.figure") == []
    assert found(blanks.check_blanks, ("heading", "共 人"), code="blank.figure") == []


def test_blank_figure_params_and_groups():
    fs = found(blanks.check_blanks, "共 人，占总人口的 %。其中，回族 人，藏族 人。2017 年出生率 ‰，死亡率 ‰。",
               code="blank.figure")
    labels = [(f.params["label"], f.params["role"], f.params["unit"]) for f in fs]
    assert labels[:4] == [("总数", "total", "人"), ("占比", "share", "%"), ("回族", "part", "人"), ("藏族", "part", "人")]
    assert labels[4:] == [("出生率", "rate", "‰"), ("死亡率", "rate", "‰")]
    assert len({f.group for f in fs[:4]}) == 1 and fs[0].group != fs[4].group


@pytest.mark.parametrize("text, token", [("20xx年全区生产总值增长 6%。", "20xx"), ("由×××同志负责。", "×××"),
                                         ("XXX 同志讲话。", "XXX")])
def test_placeholders(text, token):
    assert matched(found(blanks.check_blanks, text, code="blank.placeholder")) == [token]


@pytest.mark.parametrize("text", ["更名为“城市管理局 XXX（街道名称）执法中队”。", "2019 年增长 xx 项", "Linux 系统"])
def test_placeholder_near_misses(text):
    assert found(blanks.check_blanks, text, code="blank.placeholder") == []


def test_author_brackets():
    assert matched(found(blanks.check_blanks, "得到师生一致好评。 （ ）", code="blank.author")) == ["（ ）"]
    assert matched(found(blanks.check_blanks, "共贏的目标。（）", code="blank.author")) == ["（）"]
    # a form with boxes to tick, and brackets inside the text, are not author brackets
    assert found(blanks.check_blanks, "是否反馈：是（）否（）是否满意：是（）否（）", code="blank.author") == []
    assert found(blanks.check_blanks, "在（ ）内填写。", code="blank.author") == []


def test_amount_without_unit():
    fs = found(blanks.check_blanks, "慰问 40 人，金额 32000；慰问干部 8 人，金额 6400 元。", code="blank.unit")
    assert [f.params["number"] for f in fs] == ["32000"]
    assert found(blanks.check_blanks, "投资 2019 年完成。资金 500 万元，金额（万元）", code="blank.unit") == []


def test_entry_without_body():
    ctx = ctx_of()  # the entry has only its title
    assert [f.code for f in blanks.entry_bodies(ctx)] == ["blank.entry_body"]
    assert [f.code for f in blanks.entry_bodies(ctx_of("（补充资料）"))] == ["blank.entry_body"]
    assert blanks.entry_bodies(ctx_of("位于城区中部。")) == []


# -- characters ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, wrong, right", [
    ("设臵专门机构", "臵", "置"), ("第十ー、十二街", "ー", "一"), ("⼀是加强领导", "⼀", "一"),
])
def test_confusables(text, wrong, right):
    fs = found(characters.check_characters, text, code="char.confusable")
    assert [(f.matched, f.suggestion) for f in fs] == [(wrong, right)]


@pytest.mark.parametrize("wrong, right", [("培同", "陪同"), ("复原干部", "复员干部"), ("高领补贴", "高龄补贴"),
                                          ("扶恤金", "抚恤金")])
def test_wrong_words(wrong, right):
    fs = found(characters.check_characters, f"区领导{wrong}调研。", code="char.wrong_word")
    assert [(f.matched, f.suggestion) for f in fs] == [(wrong, right)]


def test_wrong_word_near_misses():
    assert found(characters.check_characters, "在金昌市安祥园殡仪服务中心举行，复员干部 8 人。",
                 code="char.wrong_word") == []


def test_traditional_outside_names():
    fs = found(characters.check_characters, "实现了党建发展与服务共贏的目标。", code="char.traditional")
    assert [(f.matched, f.suggestion) for f in fs] == [("贏", "赢")]


def test_traditional_in_names_from_directory_and_credits():
    rows = [("row", "table", "李发财  张生学  赵乾德  银俊英（女）"), "赵乾德到村调研。"]
    assert found(characters.check_characters, *rows, code="char.traditional") == []
    # the same character outside a known name is flagged
    assert len(found(characters.check_characters, "赵乾德到村调研。", code="char.traditional")) == 1
    # names from a credit at the end of a paragraph
    assert found(characters.check_characters, "全年完成任务。（趙明）", "趙明负责。", code="char.traditional") == []


def test_english_words():
    fs = found(characters.check_characters, "城关区 and 七里河区联合开展活动。", code="char.english_word")
    assert [(f.params["word"], f.suggestion) for f in fs] == [("and", "和")]
    assert found(characters.check_characters, "Hong Kong and Macau 代表团，LED 屏幕，APP 客户端。",
                 code="char.english_word") == []


def test_doubled():
    fs = found(characters.check_characters, "4 月 12 日，在在金轮广场举办活动。", code="char.doubled")
    assert [(f.matched, f.suggestion) for f in fs] == [("在在", "在")]
    fs = found(characters.check_characters, "病媒传播，印制宣传折页印制宣传折页 56000 张。", code="char.doubled")
    assert [f.suggestion for f in fs] == ["印制宣传折页"]


@pytest.mark.parametrize("text", [
    "以实实在在的整改保证成效。", "把严守政治规矩作为首要要求。", "会宁路一条街和和平五矿项目。", "其中中央环保督察件 5 起。",
    "不了了之，等等。", "区国家保密局、区国家密码管理局", "研究研究再说。", "人人参与，天天坚持。", "一项措施一项措施抓落实",
])
def test_doubled_near_misses(text):
    assert found(characters.check_characters, text, code="char.doubled") == []


# -- punctuation ---------------------------------------------------------------------------

def test_halfwidth_brackets_judged_as_a_pair():
    fs = found(punctuation.check_punctuation, "药品经营质量管理规范 (GSP) 认证", code="punct.halfwidth")
    assert [f.matched for f in fs] == ["(", ")"]


def test_halfwidth_in_chinese_text():
    fs = found(punctuation.check_punctuation, "出生率为 7.42‰,人口自然增长率 3.17‰;全年(含分公司)完成任务。",
               code="punct.halfwidth")
    assert [(f.matched, f.suggestion) for f in fs] == [(",", "，"), (";", "；"), ("(", "（"), (")", "）")]


@pytest.mark.parametrize("text", [
    "师生比分别为 10.9:1、18.2:1。", "每日 7:30 前完成。", "投资 1,000 万元。", "访问 http://www.example.com 查询。",
    "3.《兰州市城关区年鉴》", "Hong Kong (HK) Ltd", "Hong Kong, Macau",
])
def test_halfwidth_near_misses(text):
    assert found(punctuation.check_punctuation, text, code="punct.halfwidth") == []


def test_halfwidth_document_is_one_finding():
    paras = [f"第{i}条,加强管理;落实责任(含分支机构)。" for i in range(12)]
    fs = found(punctuation.check_punctuation, *paras)
    assert [f.code for f in fs if f.code.startswith("punct.halfwidth")] == ["punct.halfwidth_document"]
    f = next(f for f in fs if f.code == "punct.halfwidth_document")
    assert f.params["count"] == 48 and len(f.params["blocks"]) == 12
    assert punctuation.normalise_halfwidth(paras[0]) == "第0条，加强管理；落实责任（含分支机构）。"


def test_percent_mixed_middle_dot_ratio():
    fs = found(punctuation.check_punctuation, "增长 5%，下降 3%，达到 100％。", code="punct.percent")
    assert [(f.matched, f.suggestion) for f in fs] == [("％", "%")]
    assert found(punctuation.check_punctuation, "增长 5%，下降 3%。", code="punct.percent") == []
    fs = found(punctuation.check_punctuation, "开展“七•一”活动，天昱﹒凤凰城项目。", code="punct.middle_dot")
    assert [f.matched for f in fs] == ["•", "﹒"]
    assert found(punctuation.check_punctuation, "• 加强领导", code="punct.middle_dot") == []
    fs = found(punctuation.check_punctuation, "结构比为 2.2 ﹕ 75.9 ﹕ 21.9，生机比 6∶1，师生比 10:1。",
               code="punct.ratio_colon")
    assert [f.matched.strip() for f in fs] == ["﹕", "﹕", "∶"] and fs[0].suggestion == ":"
    assert found(punctuation.check_punctuation, "每日 7：30 时前完成。", code="punct.ratio_colon") == []


def test_brackets_and_quotes():
    fs = found(punctuation.check_punctuation, "开展“文明交通活动，设立（服务站。", code="punct.unbalanced")
    assert sorted(f.matched for f in fs) == ["“", "（"]
    fs = found(punctuation.check_punctuation, "手机客户端（手机 APP)和微信公众号。", code="punct.bracket_mixed")
    assert [(f.matched, f.suggestion) for f in fs] == [(")", "）")]
    ok = "开展“七一”活动（见《报告》第 8 页），“五·一”前，1）加强领导；东经 103°54’37.77”。"
    assert found(punctuation.check_punctuation, ok, code="punct.unbalanced") == []


def test_bracket_split_across_paragraphs_is_layout_not_punctuation():
    assert found(punctuation.check_punctuation, "公司设立登记（包括分", "公司）行政许可",
                 code="punct.unbalanced") == []


# -- notes ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, note", [
    ("处理案件 40000（合适？）余件。", "合适？"), ("发放补贴 2857680 元。（以上均为 2019 年数据？请核实）", "以上均为 2019 年数据？请核实"),
    ("（补充资料）", "补充资料"), ("全年接待游客 120 万人次（待核实）。", "待核实"),
])
def test_editorial_notes(text, note):
    fs = found(notes.check_notes, text, code="note.editorial")
    assert [f.params["note"] for f in fs] == [note] and fs[0].suggestion == ""


@pytest.mark.parametrize("text", ["全年接待游客 120 万人次（含过夜游客）。", "开展“什么是文明？”主题活动。",
                                  "编印《你知道吗？》手册。"])
def test_note_near_misses(text):
    assert found(notes.check_notes, text) == []


def test_question_in_body_text():
    fs = found(notes.check_notes, "户宣传全覆盖。只有宣传没效果？", code="note.question")
    assert len(fs) == 1


# -- consistency ------------------------------------------------------------------------------

def test_years_that_do_not_fit():
    fs = found(consistency.check_consistency, "人口自然增长率 3.17‰。2017 年出生率 7.1‰。", code="consistency.year")
    assert [(f.matched, f.params["expected"]) for f in fs] == [("2017", 2020)]
    fs = found(consistency.check_consistency, "2018 年，手机 APP 平台上线。", code="consistency.year")
    assert [f.params["what"] for f in fs] == ["entry"]


@pytest.mark.parametrize("text", [
    "比 2018 年出生率下降 0.2 个千分点。", "2020 年出生率 7.1‰。", "1949 年建国以来", "与 2017 年人口相比",
    "实现 2018 年度地区生产总值数据评估。",
])
def test_year_near_misses(text):
    assert found(consistency.check_consistency, text, code="consistency.year") == []


def test_sums():
    fs = found(consistency.check_consistency, "少数民族人口 1759 人，其中，回族 1442 人，藏族 31 人，其他少数民族 141 人。",
               code="consistency.sum")
    assert len(fs) == 1 and fs[0].params["sum"] == 1614 and fs[0].params["total"] == 1759
    fs = found(consistency.check_consistency, "专业卫生人员 105 人，其中执业医师 45 人，执业助理医师 14 人，注册护士 53 人。",
               code="consistency.sum")
    assert len(fs) == 1


@pytest.mark.parametrize("text", [
    "收到文件 718 件，其中：中央级文件 94 件、省级文件 239 件、市级文件 385 件、呈签本级文件 39 件。",  # a prefix adds up
    "党员 8046 名，其中，女党员 2647 名，少数民族党员 61 名，大专党员 4032 名，农村党员 2756 名，社区党员 3193 名。",
    "总人口 44397 人，其中常住人口 34825 人，占总人口的 78%，以汉族人口为主，有 42257 人。",
    "学校 50 所，其中小学 30 所，中学 15 所。",  # fewer than the total is fine without 其他
])
def test_sum_near_misses(text):
    assert found(consistency.check_consistency, text, code="consistency.sum") == []


def test_density():
    ok = "辖区总人口 54315 人。总面积 1.04 平方千米。人口密度为每平方千米52226 人。"
    assert found(consistency.check_consistency, ok, code="consistency.density") == []
    bad = "街道总人口 63874 人，其中常住人口数 42097 人。总面积 2.53 平方千米，人口密度为每平方千米22821.34 人。"
    fs = found(consistency.check_consistency, bad, code="consistency.density")
    assert len(fs) == 1 and fs[0].params["area"] == 2.53
    assert found(consistency.check_consistency, "人口密度大的行政村", code="consistency.density") == []


def test_same_figure_two_values():
    fs = found(consistency.check_consistency, "年末全区常住人口 131.91 万人。", "全区常住人口 130.5 万人，增长 1%。",
               code="consistency.figure")
    assert len(fs) == 1 and fs[0].params["other_value"] == 1319100
    assert found(consistency.check_consistency, "全区常住人口 131.91 万人。", "年末全区常住人口 131.91 万人。",
                 "上半年，预计全区生产总值 481.8 亿元。全区生产总值 1000 亿元。", code="consistency.figure") == []


def test_category_list_against_headings():
    ctx = ctx_of("3.设特载、军事·政法、经济、社会事业等 4 个类目。")
    ctx.nodes = {
        100: NodeRow(100, None, "category", "特载", 1, None),
        101: NodeRow(101, None, "category", "军事·法治", 1, None),
        102: NodeRow(102, None, "category", "经 济", 1, None),
        103: NodeRow(103, None, "category", "附录", 1, 20),
        2: NodeRow(2, 103, "entry", "测试", 2, 10),
    }
    ctx.blocks.append(BlockRow(20, 103, "heading", "", 1, "附录", 50, 50))
    fs = [f for f in consistency.check_consistency(ctx) if f.code == "consistency.category"]
    problems = sorted((f.params["problem"], str(f.params.get("listed"))) for f in fs)
    assert problems == [("differs", "军事·政法"), ("missing", "社会事业"), ("unlisted", "None")]
    assert next(f for f in fs if f.params["problem"] == "differs").suggestion == "军事·法治"
    ctx.blocks[1].text = "3.设特载、军事·法治、经济、附录等 5 个类目。"
    fs = [f for f in consistency.check_consistency(ctx) if f.code == "consistency.category"]
    assert [(f.params["problem"], f.params["count"]) for f in fs] == [("count", 5)]


def test_the_quick_search_for_placeholders_misses_no_block_the_exact_pattern_finds():
    """The whole run looks for placeholder blocks with a pattern whose first character is one class
    (fast) and reads those blocks with the exact one: it must find every block the exact one does."""
    import random

    rng = random.Random(3)
    alphabet = list("12090xX×Ｘｘ＊*□○〇_＿a中 ")
    for _ in range(20000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        if blanks._PLACEHOLDER.search(s):
            assert blanks._PLACEHOLDER_NEAR.search(s), s
    assert not blanks._PLACEHOLDER_NEAR.search("2019年，共有19人")


def test_the_quick_search_for_listed_characters_and_words_misses_no_block():
    """The listed characters, the code points of the table and the listed words are looked for with
    one pattern whose first character is one class; it finds every place the three patterns do."""
    import random
    import re

    conf, words = ("臵", "ー"), ("培同", "复原干部", "扶恤金", "高领补贴")
    quick = characters._prefilter(conf, words)
    exact = re.compile("|".join([characters._char_class(conf).pattern, codepoints.pattern().pattern,
                                 *map(re.escape, words)]))
    rng = random.Random(5)
    alphabet = list("臵ー⺁⼀豈０９Ａ培同复原干部扶恤金高领补贴中文")
    for _ in range(20000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10)))
        if exact.search(s):
            assert quick.search(s), s
    assert not quick.search("培训同事，复原工作") and quick.search("复原干部") and quick.search("扶恤金")
