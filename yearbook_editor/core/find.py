"""Find and replace across a volume, without Qt.

A :class:`Query` says what to look for (plain text or a regular expression, case and
full/half-width sensitivity). :func:`find_all` returns every hit with its block, offsets
in the block's current text and a little context; :func:`replace_hit` and
:func:`replace_all` build edits (``SetBlockText`` / one ``Batch``) that the caller applies
with ``apply_edit`` — so replacing everything is one undoable step.

Width folding: unless ``match_width`` is set, text and pattern are compared after folding
each character with Unicode NFKC, so ``ＡＢＣ１２３`` matches ``ABC123`` and a full-width
comma matches a half-width one. Offsets in hits are always offsets in the unfolded text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .edits import Batch, SetBlockText
from .errors import YearbookError
from .model import BlockKind
from .store import Store

CONTEXT_CHARS = 16


class BadPattern(YearbookError):
    """The search pattern is not a valid regular expression."""


class StaleHit(YearbookError):
    """The text at a hit changed since the search."""


@dataclass(frozen=True)
class Query:
    pattern: str
    regex: bool = False
    match_case: bool = False
    match_width: bool = False  # False: full- and half-width forms are treated as the same
    include_furniture: bool = False


@dataclass(frozen=True)
class Hit:
    block_id: int
    node_id: int | None
    start: int  # offsets in the block's current text
    end: int
    text: str  # the matched text as it stands
    before: str  # context
    after: str
    line: int  # first source line of the block


class _FoldTable(dict):
    """str.translate table: each character → its NFKC form (computed once per character)."""

    def __missing__(self, code: int) -> str | int:
        ch = chr(code)
        folded = unicodedata.normalize("NFKC", ch)
        value: str | int = code if folded == ch or not folded else folded  # an int: unchanged
        self[code] = value
        return value


_FOLD = _FoldTable()


def fold_width(text: str) -> tuple[str, list[int] | None]:
    """Text with each character NFKC-folded, and a map folded offset → original offset
    (None when every character folds to exactly one, so offsets are unchanged)."""
    folded = text.translate(_FOLD)
    if len(folded) == len(text):
        return folded, None
    mapping: list[int] = []
    for i, ch in enumerate(text):
        f = _FOLD[ord(ch)]
        mapping.extend([i] * (1 if isinstance(f, int) else len(f)))
    mapping.append(len(text))
    return folded, mapping


def _fold_pattern(pattern: str, regex: bool) -> str:
    if not regex:
        return re.escape(pattern.translate(_FOLD))
    out = []
    for ch in pattern:
        f = _FOLD[ord(ch)]
        # a full-width character stands for itself: its half-width form is escaped so that
        # e.g. a full-width parenthesis does not become a group
        out.append(ch if isinstance(f, int) else re.escape(f))
    return "".join(out)


def compile_query(query: Query) -> re.Pattern:
    if not query.pattern:
        raise BadPattern("请输入要查找的内容。")
    if query.match_width:
        source = query.pattern if query.regex else re.escape(query.pattern)
    else:
        source = _fold_pattern(query.pattern, query.regex)
    flags = 0 if query.match_case else re.IGNORECASE
    try:
        return re.compile(source, flags)
    except re.error as e:
        raise BadPattern(f"正则表达式有误：{e}。") from None


def _spans(text: str, rx: re.Pattern, query: Query):
    """(start, end, match) in the original text for every non-empty match."""
    if query.match_width:
        for m in rx.finditer(text):
            if m.end() > m.start():
                yield m.start(), m.end(), m, None
        return
    folded, mapping = fold_width(text)
    for m in rx.finditer(folded):
        if m.end() == m.start():
            continue
        if mapping is None:
            yield m.start(), m.end(), m, None
        else:
            yield mapping[m.start()], mapping[m.end()], m, mapping


def find_in_text(text: str, query: Query) -> list[tuple[int, int]]:
    rx = compile_query(query)
    return [(s, e) for s, e, _m, _map in _spans(text, rx, query)]


def find_all(store: Store, volume_id: int, query: Query, limit: int | None = None) -> list[Hit]:
    """Every hit in the volume's current text, in reading order."""
    rx = compile_query(query)
    sql = "SELECT id, node_id, kind, text, line_start FROM blocks WHERE volume_id = ? AND deleted = 0"
    if not query.include_furniture:
        sql += f" AND kind != '{BlockKind.NOISE}'"
    hits: list[Hit] = []
    for block_id, node_id, _kind, text, line in store.conn.execute(sql + " ORDER BY seq", (volume_id,)):
        for s, e, _m, _map in _spans(text, rx, query):
            hits.append(
                Hit(block_id, node_id, s, e, text[s:e], text[max(0, s - CONTEXT_CHARS) : s], text[e : e + CONTEXT_CHARS],
                    line)
            )
            if limit is not None and len(hits) >= limit:
                return hits
    return hits


_TEMPLATE = re.compile(r"\\(?:g<([^>]*)>|(\d{1,2})|(.))", re.S)
_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\"}


def _expand(template: str, m: re.Match, text: str, mapping: list[int] | None) -> str:
    """Expand \\1, \\g<name> in a replacement with the groups' original (unfolded) text."""

    def group_text(ref: str) -> str:
        key: int | str = int(ref) if ref.isdigit() else ref
        try:
            s, e = m.span(key)
        except IndexError:
            raise BadPattern(f"替换内容引用了不存在的分组 “{ref}”。") from None
        if s < 0:
            return ""
        if mapping is not None:
            s, e = mapping[s], mapping[e]
        return text[s:e]

    def sub(t: re.Match) -> str:
        if t.group(1) is not None:
            return group_text(t.group(1))
        if t.group(2) is not None:
            return group_text(t.group(2))
        ch = t.group(3)
        return _ESCAPES.get(ch, "\\" + ch)

    return _TEMPLATE.sub(sub, template)


def replace_in_text(text: str, query: Query, replacement: str, only: tuple[int, int] | None = None) -> tuple[str, int]:
    """The text with every match (or only the match at ``only``) replaced; and how many."""
    rx = compile_query(query)
    out, last, n = [], 0, 0
    for s, e, m, mapping in _spans(text, rx, query):
        if only is not None and (s, e) != only:
            continue
        if query.match_width and query.regex:
            new = _expand(replacement, m, text, None)
        elif query.regex:
            new = _expand(replacement, m, text, mapping)
        else:
            new = replacement
        out.append(text[last:s])
        out.append(new)
        last = e
        n += 1
    out.append(text[last:])
    return "".join(out), n


def _current_text(store: Store, block_id: int) -> str:
    text = store.scalar("SELECT text FROM blocks WHERE id = ? AND deleted = 0", (block_id,))
    if text is None:
        raise StaleHit("这处查找结果所在的段落已不存在，请重新查找。")
    return text


def replace_hit(store: Store, hit: Hit, query: Query, replacement: str) -> SetBlockText:
    """The edit that replaces one hit (refused when the text there has changed)."""
    text = _current_text(store, hit.block_id)
    new, n = replace_in_text(text, query, replacement, only=(hit.start, hit.end))
    if n == 0:
        raise StaleHit("这处文字在查找之后已被修改，请重新查找。")
    return SetBlockText(hit.block_id, new, expected=text)


def replace_all(store: Store, volume_id: int, query: Query, replacement: str, label: str = "全部替换") -> Batch | None:
    """One batch replacing every hit in the volume (None when nothing matches)."""
    block_ids: list[int] = []
    seen = set()
    for hit in find_all(store, volume_id, query):
        if hit.block_id not in seen:
            seen.add(hit.block_id)
            block_ids.append(hit.block_id)
    edits = []
    for block_id in block_ids:
        text = _current_text(store, block_id)
        new, n = replace_in_text(text, query, replacement)
        if n and new != text:
            edits.append(SetBlockText(block_id, new, expected=text))
    return Batch(tuple(edits), label) if edits else None
