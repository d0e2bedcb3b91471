"""Small pure text helpers shared by the parser, the checks and the exporters."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .model import Block, Piece

_WS = re.compile(r"[\s\u200b\u200c\u200d\ufeff\u3000]+")
_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")  # a wrapped Latin word's ends


def strip_ws(s: str) -> str:
    """All whitespace removed (the form in which the lossless invariant is stated)."""
    return _WS.sub("", s)


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
        if prev and prev[-1] in _LATIN and run[0] in _LATIN:
            out.append(" ")
        out.append(run)
        prev = run
    return "".join(out)


def run_starts(runs: Sequence[str]) -> list[int | None]:
    """Where each run starts in :func:`join_runs` of the runs (None for a blank run)."""
    starts: list[int | None] = []
    pos = 0
    prev = ""
    for run in runs:
        run = run.strip()
        if not run:
            starts.append(None)
            continue
        if prev and prev[-1] in _LATIN and run[0] in _LATIN:
            pos += 1  # the space join_runs puts between wrapped Latin words
        starts.append(pos)
        pos += len(run)
        prev = run
    return starts


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
    raws = [piece_text(lines, p) for p in pieces]
    end = 0  # where the previous run ends in the joined text
    for p, raw, start in zip(pieces, raws, run_starts(raws), strict=True):
        if start is None:
            (left if end < offset or (not right and end == 0) else right).append(p)
            continue
        run = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        if start + len(run) <= offset:
            left.append(p)
        elif start >= offset:
            right.append(p)
        else:
            cut = p.start + lead + (offset - start)
            left.append(Piece(p.line, p.start, cut))
            right.append(Piece(p.line, cut, p.end))
        end = start + len(run)
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
