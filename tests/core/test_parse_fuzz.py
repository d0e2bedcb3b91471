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
    assert not res.profile.get("fallback"), res.profile.get("error")  # the real path, not the safety net
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


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_lines, st.integers(min_value=0, max_value=3))
def test_parse_is_lossless_on_random_input(lines, pattern):
    check(_interleave_blanks(lines, pattern))


@settings(max_examples=150, deadline=None)
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


# -- hostile text (issue 8): bidi and control characters, line separators other than LF,
# -- furniture look-alikes, brackets in any order, very long lines --------------------------

import pytest  # noqa: E402

_BIDI_AND_CONTROL = [
    "\u202e", "\u202d", "\u202a", "\u202b", "\u202c", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f",
    "\u061c", "\u2028", "\u2029", "\x85", "\x1c", "\x1d", "\x1e", "\x0b", "\x0c", "\ufffd", "\u00ad", "\u0301",
    "\ufe0f", "\u2060", "\u180e", "\u3000", "\u00a0", "\u2003", "\x7f", "\x9b", "\U0001f600", "\U00020000",
]
_FURNITURE_LINES = [
    "- 8 -", "— 123 —", "8", "  12  ", "川金 2020年鉴区", "兰州市城关区年鉴（2020）", "##paidbegin##", "##paidend##",
    "http://www.example.com/a?b=c", "https://x.cn", "www.gov.cn", "……………… 12", "·········· 3", ".......... 45",
    "概况……………………12", "第 3 页", "·3·", "【】", "【", "】", "】【", "【【】】", "[", "]", "【概况】",
    "【 2016 】", "（一）", "一、", "1.", "第一章", "大事记", "1 月", "图 1", "表 2", "（供稿：张三）", "１２", "〇",
]
_hostile_piece = st.one_of(
    _CJK,
    st.sampled_from(_FRAGMENTS + _BIDI_AND_CONTROL),
    st.text(alphabet=st.sampled_from(_BIDI_AND_CONTROL + ["【", "】", "[", "]", "字", " "]), max_size=12),
    st.from_regex(r"[0-9０-９]{1,6}", fullmatch=True),
)
_hostile_line = st.one_of(
    st.lists(_hostile_piece, max_size=10).map("".join),
    st.sampled_from(_FURNITURE_LINES),
    st.text(alphabet="【】[]字年鉴 ", max_size=30),  # brackets in any order and number
    st.just(""),
)
_hostile_lines = st.lists(_hostile_line, max_size=120)


def _hostile_doc(lines: list[str], pattern: int) -> list[str]:
    return _interleave_blanks(lines, pattern)


def _check_hostile(lines, pattern):
    check(_hostile_doc(lines, pattern))


test_parse_is_lossless_on_hostile_text = settings(
    max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)(given(_hostile_lines, st.integers(min_value=0, max_value=2))(_check_hostile))

test_parse_is_lossless_on_hostile_text_long = pytest.mark.slow(
    settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])(
        given(_hostile_lines, st.integers(min_value=0, max_value=3))(_check_hostile)
    )
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    st.lists(st.one_of(_CJK, st.sampled_from(_FRAGMENTS + _BIDI_AND_CONTROL + _FURNITURE_LINES)), min_size=1,
             max_size=40),
    st.integers(min_value=200, max_value=4000),
    st.lists(_hostile_line, max_size=10),
)
def test_parse_is_lossless_on_very_long_lines(parts, repeat, around):
    long = "".join(parts) * repeat  # up to ~100 000 characters in one line
    check(around[: len(around) // 2] + [long] + around[len(around) // 2 :])


def test_parse_handles_a_five_megabyte_line_in_reasonable_time():
    import time

    line = ("年末全区常住人口 131.91 万人，【概况】- 8 -\u202e】【http://x.cn……12。" * 80_000)[:5_000_000]
    t0 = time.perf_counter()
    check(["标题", "", line, "", "结尾。"])
    assert time.perf_counter() - t0 < 30
