"""The parser on the three shared volumes: lossless, structure counts, hand-checked places."""

from __future__ import annotations

import re
import time

import pytest

from yearbook_editor.core.model import BlockKind, NodeKind
from yearbook_editor.core.parse import parse_text
from yearbook_editor.core.text import lossless_problems

_TITLE_AT_START = re.compile(r"^\s*(?:【[^【】]{1,40}】|\[[^\[\]]{1,30}\]|【[^【】]{1,30}$)")
_NOT_TITLE = re.compile(r"^\s*【\d+】")

_cache: dict[str, object] = {}


@pytest.fixture
def parsed(seed_lines):
    def get(key: str):
        if key not in _cache:
            lines = seed_lines(key)
            t = time.perf_counter()
            res = parse_text(lines)
            _cache[key] = (lines, res, time.perf_counter() - t)
        return _cache[key]

    return get


def block_at(res, line: int):
    """The last non-noise block holding a piece of the given source line (the body, when an
    entry title shares the line)."""
    found = None
    for b in res.blocks:
        if b.kind != BlockKind.NOISE and any(p.line == line for p in b.pieces):
            found = b
    return found


def noise_at(res, line: int):
    for b in res.blocks:
        if b.kind == BlockKind.NOISE and any(p.line == line for p in b.pieces):
            return b
    return None


@pytest.mark.parametrize("key", ["000", "001", "003"])
def test_lossless_on_shared_volumes(parsed, key):
    lines, res, _ = parsed(key)
    assert lossless_problems(lines, res.blocks) == []
    assert res.blocks, "no blocks"
    # reading order: the first piece of each block does not go backwards much, and nodes
    # are in pre-order with valid ranges
    for k, node in enumerate(res.nodes):
        assert 0 <= node.first_block < node.end_block <= len(res.blocks)
        if node.parent is not None:
            par = res.nodes[node.parent]
            assert node.parent < k
            assert par.first_block <= node.first_block and node.end_block <= par.end_block


@pytest.mark.parametrize("key", ["000", "001"])
def test_parse_is_fast(parsed, key):
    _, _, seconds = parsed(key)
    assert seconds < 3.0  # ~0.5 s on the 2-core reference machine; generous for CI noise


def test_000_has_the_twelve_categories(parsed):
    _, res, _ = parsed("000")
    cats = [n.title for n in res.nodes if n.kind == NodeKind.CATEGORY]
    assert len(cats) == 12
    assert [re.sub(r"\s", "", c) for c in cats] == [
        "特载", "大事记", "区情综述", "政治", "军事·法治", "经济", "经济管理与监督",
        "自然资源环境保护与城乡建设", "社会事业", "街道办事处", "文件选要", "附录",
    ]
    assert all(n.parent is None for n in res.nodes if n.kind == NodeKind.CATEGORY)
    # 街道办事处: the 25 街道 are its 分目
    k = next(i for i, n in enumerate(res.nodes) if n.kind == NodeKind.CATEGORY and n.title == "街道办事处")
    streets = [n.title for n in res.nodes if n.parent == k and n.kind == NodeKind.DIVISION]
    assert len(streets) == 25 and all("街道" in t for t in streets)
    # 特载 holds the reports as documents
    k = next(i for i, n in enumerate(res.nodes) if n.kind == NodeKind.CATEGORY and n.title == "特载")
    docs = [n.title for n in res.nodes if n.parent == k and n.kind == NodeKind.DOCUMENT]
    assert len(docs) >= 6 and "兰州市城关区人民政府工作报告" in docs


@pytest.mark.parametrize("key", ["000", "001"])
def test_entry_count_matches_titles_at_line_starts(parsed, key):
    lines, res, _ = parsed(key)
    expected = sum(1 for x in lines if _TITLE_AT_START.match(x) and not _NOT_TITLE.match(x))
    entries = sum(1 for n in res.nodes if n.kind == NodeKind.ENTRY)
    assert abs(entries - expected) <= 0.02 * expected, (entries, expected)


def test_000_hand_checked_places(parsed):
    _lines, res, _ = parsed("000")
    assert res.title.startswith("兰州市城关区年鉴")
    # letter-spaced 类目 heading is a heading, not noise
    b = block_at(res, 7434)
    assert b.kind == BlockKind.HEADING and b.level == 1 and b.text == "区 情 综 述"
    # 【人口民族】: the short lines with missing figures stay inside the paragraph
    body = block_at(res, 7545)
    assert body.kind == BlockKind.PARAGRAPH
    assert {7535, 7545, 7547, 7549, 7551} <= {p.line for p in body.pieces}
    assert block_at(res, 7533) is body  # the body starts on the title's line
    title = next(x for x in res.blocks if x.kind == BlockKind.ENTRY_TITLE and x.text == "【人口民族】")
    assert title.pieces[0].line == 7533
    # a page number inside a sentence: furniture, and the sentence runs on across it
    pn = noise_at(res, 228)
    assert pn is not None and pn.role == "page_number"
    para = block_at(res, 224)
    assert para is block_at(res, 230) and "5.5亿元" in para.text
    # a page start (leading space) inside a paragraph does not break it
    assert block_at(res, 7441) is block_at(res, 7440)
    # URL pasted into the text
    assert noise_at(res, 5435).role == "url"
    assert block_at(res, 5433) is block_at(res, 5440)
    # 大事记 items are paragraphs of their own
    assert block_at(res, 7428) is not block_at(res, 7424)
    assert block_at(res, 7428) is block_at(res, 7432)


def test_001_furniture_and_categories(parsed):
    _lines, res, _ = parsed("001")
    for n in (1195, 3089, 13481, 23186):  # 川金 2020年鉴区 inside sentences
        assert noise_at(res, n).role == "running_header", n
    assert noise_at(res, 1193).role == "page_number"
    # the sentence cut by the page furniture is joined
    assert block_at(res, 1189) is block_at(res, 1197)
    # running '法治' on an odd page is not a new 类目
    assert noise_at(res, 16122) is not None
    cats = [re.sub(r"\s", "", n.title) for n in res.nodes if n.kind == NodeKind.CATEGORY]
    assert cats.count("法治") == 1
    assert cats[0] == "特载"
    assert len(cats) >= 18
    # the reports of 特载 are documents, even those whose title block is not at their start
    k = next(i for i, n in enumerate(res.nodes) if n.kind == NodeKind.CATEGORY and n.title == "特载")
    assert sum(1 for n in res.nodes if n.parent == k and n.kind == NodeKind.DOCUMENT) >= 5
    # photo pages: ★…专栏 titles and their captions are furniture
    assert noise_at(res, 168).role == "caption" and noise_at(res, 170).role == "caption"
    assert res.title.startswith("金川区年鉴")


def test_003_one_paragraph_per_line(parsed):
    _lines, res, _ = parsed("003")
    assert res.profile["style"] == "paragraph"
    assert res.title == "20xx年兰州市城关区政府工作报告"
    # a paragraph split by a blank line mid-sentence is joined
    assert block_at(res, 161) is block_at(res, 163)
    assert block_at(res, 235) is block_at(res, 237)
    # but complete paragraphs stay apart
    assert block_at(res, 165) is not block_at(res, 167)
    assert block_at(res, 15).kind == BlockKind.HEADING
    docs = [n for n in res.nodes if n.kind == NodeKind.DOCUMENT]
    assert docs
    sections = [n for n in res.nodes if n.kind == NodeKind.SECTION]
    parts = [n for n in sections if n.parent == res.nodes.index(docs[0])]
    assert [p.title[:2] for p in parts[:3]] == ["一、", "二、", "三、"]
    # numbering restarts one level down: 一、项目为纲抓发展 … under 一、过去五年工作回顾
    inner = [n for n in sections if n.parent is not None and res.nodes[n.parent] is parts[0]]
    assert len(inner) == 5 and inner[0].title.startswith("一、项目为纲")


@pytest.mark.parametrize("key", ["000", "001", "003"])
def test_every_heading_has_a_level_and_every_node_title_block_names_it(parsed, key):
    _, res, _ = parsed(key)
    assert all(b.level >= 1 for b in res.blocks if b.kind == BlockKind.HEADING)
    assert all(b.level == 0 for b in res.blocks if b.kind != BlockKind.HEADING)
    for n in res.nodes:
        if n.title_block is not None:
            tb = res.blocks[n.title_block]
            assert tb.kind in (BlockKind.HEADING, BlockKind.ENTRY_TITLE, BlockKind.PARAGRAPH, BlockKind.ROW)
            assert n.first_block <= n.title_block < n.end_block


def test_001_reports_have_their_title_block_at_their_head(parsed):
    """001 prints each 特载 report's title block across both columns of its first page, so the
    extraction sets it inside a sentence about a column after the report's start: it is moved
    before the salutation, names the report, and the sentence it cut is whole again."""
    _lines, res, _ = parsed("001")
    cat = next(n for n in res.nodes if n.kind == NodeKind.CATEGORY and n.title.replace(" ", "") == "特载")
    docs = [n for n in res.nodes if n.kind == NodeKind.DOCUMENT and cat.first_block <= n.first_block < cat.end_block]
    assert len(docs) == 8
    for d in docs:
        assert d.title and not d.title.startswith("—") and d.title_block is not None
        head = [b for b in res.blocks[d.first_block : d.first_block + 6] if b.kind != BlockKind.NOISE]
        roles = [b.role for b in head]
        assert "doc_subtitle" in roles, roles
        k = roles.index("doc_subtitle")
        assert head[k].text.startswith("——")
        # the salutation comes right after the title block
        rest = [b for b in head[k + 1 :] if b.role != "doc_byline"]
        assert rest and rest[0].text.strip().startswith("各位"), [b.text for b in head]
    titles = [d.title for d in docs]
    assert "金昌市金川区人民检察院工作报告" in titles
    assert "中国人民政治协商会议金昌市金川区第八届委员会常务委员会工作报告" in titles
    # the sentences cut by the block are joined again
    texts = [b.text for b in res.blocks if b.kind == BlockKind.PARAGRAPH]
    assert any("集中精力抓好贯彻落实。扎实开展" in t for t in texts)
    assert any("八届三次会议以来，开展各类协商活动" in t for t in texts)
    assert any("“六大体系”工作要求，强化正面宣传" in t for t in texts)
    # the report whose salutation stands first is ordered title block, salutation, body
    first = docs[0]
    body = [b.text for b in res.blocks[first.first_block : first.end_block] if b.kind != BlockKind.NOISE]
    assert body[0].startswith("——2020 年 1 月 11 日") and body[2] == "各位代表、同志们："
