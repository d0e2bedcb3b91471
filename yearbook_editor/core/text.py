"""Small pure text helpers shared by the parser, the checks and the exporters."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from .model import Block, Piece

_WS = re.compile(r"[\s\u200b\u200c\u200d\ufeff\u3000]+")
_LATIN_END = re.compile(r"[A-Za-z0-9][.,;:!?)'\"]?$")
_LATIN_START = re.compile(r"^[A-Za-z0-9(]")
_LATIN_WORD_END = re.compile(r"[A-Za-z]$")
_LATIN_WORD_START = re.compile(r"^[A-Za-z]")


def strip_ws(s: str) -> str:
    """All whitespace removed (the form in which the lossless invariant is stated)."""
    return _WS.sub("", s)


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x20000 <= o <= 0x2FFFF
        or 0xF900 <= o <= 0xFAFF
        or 0x3000 <= o <= 0x303F  # CJK punctuation
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
    )


def display_width(s: str) -> int:
    """Columns the text takes in a monospaced layout: wide (CJK) characters count 2."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def join_runs(runs: Iterable[str]) -> str:
    """Join wrapped line runs into one paragraph.

    Each run is stripped; no space is put between runs except where a Latin word was
    wrapped (a letter ends one run and a letter starts the next), so that ``Hong`` /
    ``Kong`` stays two words while ``海拔 1503`` / ``米。`` becomes ``海拔 1503米。``.
    """
    out: list[str] = []
    prev = ""
    for run in runs:
        run = run.strip()
        if not run:
            continue
        if prev and _LATIN_WORD_END.search(prev) and _LATIN_WORD_START.match(run):
            out.append(" ")
        out.append(run)
        prev = run
    return "".join(out)


def piece_text(lines: Sequence[str], piece: Piece) -> str:
    return lines[piece.line - 1][piece.start : piece.end]


def block_text_from_pieces(lines: Sequence[str], pieces: Iterable[Piece]) -> str:
    return join_runs(piece_text(lines, p) for p in pieces)


def lossless_problems(lines: Sequence[str], blocks: Sequence[Block], limit: int = 5) -> list[str]:
    """Check that the blocks account for every non-whitespace source character exactly once.

    Returns human-readable problems (empty list = lossless). Checked:
    * each block's text equals the join of its pieces (ignoring whitespace);
    * the pieces of all blocks, sorted by source position, do not overlap and cover every
      non-whitespace character of the source, so body + noise = source, in source order.
    """
    problems: list[str] = []
    for i, b in enumerate(blocks):
        joined = strip_ws(block_text_from_pieces(lines, b.pieces))
        if joined != strip_ws(b.text):
            problems.append(f"block {i} ({b.kind}) text differs from its pieces: {b.text[:30]!r} vs {joined[:30]!r}")
            if len(problems) >= limit:
                return problems
    pieces = sorted((p for b in blocks for p in b.pieces), key=lambda p: (p.line, p.start))
    covered: dict[int, list[tuple[int, int]]] = {}
    last = (0, 0)
    for p in pieces:
        if not (1 <= p.line <= len(lines)) or not (0 <= p.start <= p.end <= len(lines[p.line - 1])):
            problems.append(f"piece out of range: {p}")
        elif (p.line, p.start) < last:
            problems.append(f"overlapping pieces at line {p.line} col {p.start}")
        else:
            covered.setdefault(p.line, []).append((p.start, p.end))
            last = (p.line, p.end)
        if len(problems) >= limit:
            return problems
    for n, line in enumerate(lines, 1):
        spans = covered.get(n, [])
        pos = 0
        missing = []
        for s, e in spans:
            missing.append(line[pos:s])
            pos = e
        missing.append(line[pos:])
        lost = strip_ws("".join(missing))
        if lost:
            problems.append(f"line {n}: characters not in any block: {lost[:30]!r}")
            if len(problems) >= limit:
                return problems
    return problems


def split_pieces(lines: Sequence[str], pieces: Sequence[Piece], offset: int) -> tuple[list[Piece], list[Piece]]:
    """Split a block's pieces where :func:`block_text_from_pieces` text would be split at
    ``offset``: runs before it go left, after it right, a run holding it is cut in two."""
    left: list[Piece] = []
    right: list[Piece] = []
    pos = 0  # offset in the joined text
    prev = ""
    for p in pieces:
        raw = piece_text(lines, p)
        run = raw.strip()
        if not run:
            (left if pos < offset or not right and pos == 0 else right).append(p)
            continue
        if prev and _LATIN_WORD_END.search(prev) and _LATIN_WORD_START.match(run):
            pos += 1  # the space join_runs puts between wrapped Latin words
        lead = len(raw) - len(raw.lstrip())
        if pos + len(run) <= offset:
            left.append(p)
        elif pos >= offset:
            right.append(p)
        else:
            cut = p.start + lead + (offset - pos)
            left.append(Piece(p.line, p.start, cut))
            right.append(Piece(p.line, cut, p.end))
        pos += len(run)
        prev = run
    return left, right


def map_offset(current: str, original: str, offset: int) -> int:
    """Where ``offset`` in an edited text falls in the original text (for provenance)."""
    if current == original:
        return offset
    import difflib

    sm = difflib.SequenceMatcher(None, current, original, autojunk=False)
    for a, b, size in sm.get_matching_blocks():
        if a <= offset <= a + size:
            return b + (offset - a)
        if a > offset:
            return b
    return len(original)
