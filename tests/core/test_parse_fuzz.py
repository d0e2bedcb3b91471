"""The parser never raises and is lossless on any input (property-based)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yearbook_editor.core.model import BlockKind
from yearbook_editor.core.parse import parse_text
from yearbook_editor.core.text import block_text_from_pieces, lossless_problems, strip_ws

_FRAGMENTS = [
    "【", "】", "[", "]", "【概况】", "【2016】", "[概况]", "##paidbegin##", "##paidend##", "**",
    "- 8 -", "— 2 — ★", "12", "川金 2020年鉴区", "区 情 综 述", "http://www.example.com/x",
    "……………… 12", "\t3", "1 月", "3 月 5 日", "一、", "（一）", "1.", "第一章", "一是",
    "。", "，", "、", "；", "：", "！", "？", "”", "（", "）", "(", ")", "★", "图 1：走势图",
    "（供稿：张三）", "各位代表：", "城办发〔2019〕19号", " ", "  ", "\u3000", "\u200b", "\x00",
    "\x07", "\x1b", "\x1f", "\ufeff", "\r", "\f", "\v",
]
_CJK = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80), min_size=1, max_size=40)
_ANY = st.text(min_size=0, max_size=30)
_piece = st.one_of(_CJK, st.sampled_from(_FRAGMENTS), _ANY, st.from_regex(r"\d{1,5}", fullmatch=True))
_line = st.lists(_piece, max_size=8).map("".join)
_long_line = st.lists(_CJK, min_size=5, max_size=60).map("".join)
_lines = st.lists(st.one_of(_line, _line, st.just(""), st.just(""), _long_line), max_size=80)


def _interleave_blanks(lines: list[str], pattern: int) -> list[str]:
    if pattern == 0:
        return lines
    out: list[str] = []
    for x in lines:
        out.append(x)
        out.extend([""] * pattern)
    return out


def check(lines: list[str]) -> None:
    res = parse_text(lines)
    assert lossless_problems(lines, res.blocks) == []
    for b in res.blocks:
        assert strip_ws(b.text) == strip_ws(block_text_from_pieces(lines, b.pieces))
        assert b.pieces
        assert all(p.start < p.end for p in b.pieces)
    for k, node in enumerate(res.nodes):
        assert 0 <= node.first_block < node.end_block <= len(res.blocks)
        if node.parent is not None:
            assert 0 <= node.parent < k
        if node.title_block is not None:
            assert 0 <= node.title_block < len(res.blocks)
    # pieces of one block follow the source order
    for b in res.blocks:
        keys = [(p.line, p.start) for p in b.pieces]
        assert keys == sorted(keys)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_lines, st.integers(min_value=0, max_value=3))
def test_parse_is_lossless_on_random_input(lines, pattern):
    check(_interleave_blanks(lines, pattern))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=200), max_size=30))
def test_parse_is_lossless_on_arbitrary_text(lines):
    check(lines)


def test_empty_and_blank_inputs():
    assert parse_text([]).blocks == []
    assert parse_text([""]).blocks == []
    assert parse_text(["", "  ", "\u3000", "\t"]).blocks == []
    assert parse_text(["\u200b"]).blocks == []


def test_very_long_line_and_control_characters():
    lines = ["字" * 20000, "\x00\x01【\x02】", "##paidbegin##" * 50, "】【" * 300]
    check(lines)


def test_a_failing_step_falls_back_to_one_block_per_line(monkeypatch):
    import yearbook_editor.core.parse as parse

    def boom(*a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr(parse, "build_outline", boom)
    lines = ["第一行文字，", "", "第二行。"]
    res = parse.parse_text(lines)
    assert res.profile.get("fallback") is True
    assert [b.kind for b in res.blocks] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]
    assert lossless_problems(lines, res.blocks) == []
