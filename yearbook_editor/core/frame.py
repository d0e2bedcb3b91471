"""Frame alignment: a 目录 or a 篇目框架 beside the body's headings.

A frame is text, one title a line, its indentation giving the level (the least indented rows
are 类目; ``#``/``##`` marks work too); page numbers after a TAB, a dot leader or spaces are
dropped. :func:`volume_frame_text` writes the volume's own 目录 in that form.
:func:`align_frame` matches the rows, in order, to the headings of the body: titles compared
as the parser's outline matching does (:func:`~.parse.outline.toc_key`: spaces and dots
dropped, traditional folded to simplified), fuzzily with rapidfuzz; the alignment keeps the
order of both lists and matches as many rows, as closely, as it can. :func:`frame_level_edit`
brings every matched heading to its row's level, as one step; :func:`frame_rest` lists what
the frame could not place.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .edits import Batch, ShiftNodeDepth
from .parse.outline import CANONICAL_PARTS, toc_key
from .store import Store
from .structure_review import HeadingRow

#: the least similarity (0..100, rapidfuzz ratio of the keys) that counts as a match
MATCH_CUTOFF = 85.0
_PAGE = re.compile(r"(?:(?:\t+|[.…·．]{2,}|[ \u3000]{2,})\s*\d{1,4}|(?<=[\u4e00-\u9fff）)])[ \u3000]\d{1,3})\s*$")
_MARK = re.compile(r"^(#{1,6})\s+")
_YEARBOOK_KINDS = ("category", "division", "subdivision")


@dataclass(frozen=True)
class FrameRow:
    title: str
    level: int  # 1 = 类目
    line: int  # 1-based line of the frame text


@dataclass(frozen=True)
class FrameMatch:
    row: FrameRow
    node_id: int | None  # the body's heading it names (None: none found)
    score: float = 0.0  # 100 = the same key
    paragraph: HeadingRow | None = None  # no heading, but this paragraph reads like the row's title


def _indent(raw: str) -> int:
    width = 0
    for ch in raw:
        if ch == " ":
            width += 1
        elif ch in "\u3000":
            width += 2
        elif ch == "\t":
            width += 4
        else:
            break
    return width


def parse_frame(text: str) -> list[FrameRow]:
    """The rows of a frame text: title (page number dropped) and level from the indentation."""
    found: list[tuple[str, int | None, int, int]] = []  # (title, level by '#', indent, line)
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not line.strip():
            continue
        mark = _MARK.match(line.strip())
        title = _PAGE.sub("", line.strip()[mark.end():] if mark else line.strip()).strip()
        if title:
            found.append((title, len(mark.group(1)) if mark else None, _indent(raw), n))
    indents = sorted({ind for _t, lv, ind, _n in found if lv is None})
    rank = {ind: k + 1 for k, ind in enumerate(indents)}
    return [FrameRow(t, lv if lv is not None else rank[ind], n) for t, lv, ind, n in found]


def volume_frame_text(store: Store, volume_id: int) -> str:
    """The volume's 目录 as a frame text ('' when it has none): part labels flush, the rows
    under them indented by their own indentation in the 目录."""
    rows = store.query(
        "SELECT text, role, pieces FROM blocks WHERE volume_id = ? AND deleted = 0 AND kind = 'row'"
        " AND role IN ('toc', 'toc_part') ORDER BY seq",
        (volume_id,),
    )
    if len(rows) < 3:
        return ""
    parts = any(r["role"] == "toc_part" for r in rows)
    starts = [json.loads(r["pieces"])[0][1] if r["pieces"] not in ("", "[]") else 0 for r in rows]
    indents = sorted({s for r, s in zip(rows, starts, strict=True) if r["role"] == "toc"})
    lines = []
    for r, start in zip(rows, starts, strict=True):
        title = _PAGE.sub("", r["text"].strip()).strip()
        if r["role"] == "toc_part" or (parts and toc_key(title) in CANONICAL_PARTS):
            level = 1
        else:
            level = indents.index(start) + 1 + parts
        lines.append("    " * (level - 1) + title)
    return "\n".join(lines)


def _pairs(frame: Sequence[FrameRow], heads: Sequence[HeadingRow]) -> list[tuple[int, int, float]]:
    """Every (frame row, heading, score) at or above the cutoff."""
    keys = [toc_key(h.title) for h in heads]
    out = []
    for i, row in enumerate(frame):
        key = toc_key(row.title)
        if not key:
            continue
        for _choice, score, j in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=MATCH_CUTOFF,
                                                 limit=None):
            out.append((i, j, 100.0 if keys[j] == key else float(score)))
    return out


def _best_chain(pairs: list[tuple[int, int, float]], n_heads: int) -> list[tuple[int, int, float]]:
    """The pairs, increasing in both frame row and heading, of greatest total score (a
    Fenwick tree of prefix maxima over the headings)."""
    tree = [(0.0, -1)] * (n_heads + 1)

    def best_before(j: int) -> tuple[float, int]:
        best = (0.0, -1)
        while j > 0:
            best = max(best, tree[j])
            j -= j & -j
        return best

    def put(j: int, value: tuple[float, int]) -> None:
        j += 1
        while j <= n_heads:
            tree[j] = max(tree[j], value)
            j += j & -j

    back: list[int] = []
    total: list[float] = []
    pairs = sorted(pairs)
    k = 0
    while k < len(pairs):  # one frame row at a time: its pairs see only earlier rows
        row_end = k
        while row_end < len(pairs) and pairs[row_end][0] == pairs[k][0]:
            row_end += 1
        found = [best_before(pairs[m][1]) for m in range(k, row_end)]
        for m, (value, prev) in zip(range(k, row_end), found, strict=True):
            total.append(value + pairs[m][2])
            back.append(prev)
            put(pairs[m][1], (total[m], m))
        k = row_end
    if not pairs:
        return []
    m = max(range(len(pairs)), key=lambda x: total[x])
    chain = []
    while m >= 0:
        chain.append(pairs[m])
        m = back[m]
    return chain[::-1]


def align_frame(frame: Sequence[FrameRow], heads: Sequence[HeadingRow],
                candidates: Sequence[HeadingRow] = ()) -> list[FrameMatch]:
    """Each frame row with the body heading it names, in order. A row that names no heading
    gets the paragraph among ``candidates`` (:func:`.structure_review.candidate_rows`) that
    reads most like it between the headings its neighbours matched: the editor may make it one."""
    heads = [h for h in heads if h.node_id is not None]
    chain = {i: (j, s) for i, j, s in _best_chain(_pairs(frame, heads), len(heads))}
    out = [FrameMatch(row, heads[chain[i][0]].node_id, chain[i][1]) if i in chain else FrameMatch(row, None)
           for i, row in enumerate(frame)]
    if candidates:
        out = _paragraphs_for_the_rest(out, {h.node_id: h.line for h in heads}, candidates)
    return out


def _paragraphs_for_the_rest(matches: list[FrameMatch], lines: dict, candidates: Sequence[HeadingRow]):
    out = list(matches)
    for i, m in enumerate(matches):
        if m.node_id is not None:
            continue
        lo = max((lines[x.node_id] for x in matches[:i] if x.node_id is not None), default=0)
        hi = min((lines[x.node_id] for x in matches[i + 1:] if x.node_id is not None), default=10**9)
        key = toc_key(m.row.title)
        scored = [(fuzz.ratio(key, toc_key(c.title)), -c.line, c) for c in candidates if lo < c.line < hi]
        best = max(scored, default=None, key=lambda x: x[:2])
        if best is not None and best[0] >= MATCH_CUTOFF:
            out[i] = FrameMatch(m.row, None, float(best[0]), best[2])
    return out


def frame_level_edit(matches: Sequence[FrameMatch], depths: Sequence[tuple[int, int]]) -> tuple[Batch, list[int]]:
    """The step that brings every matched heading to its frame row's level (each moved with
    everything under it), and the node ids that could not get there. ``depths`` is every
    live node as (id, depth) in outline order (:func:`.structure_review.node_depths`)."""
    ids = [nid for nid, _d in depths]
    depth = [d for _nid, d in depths]
    pos = {nid: k for k, nid in enumerate(ids)}
    targets = sorted((pos[m.node_id], m.row.level) for m in matches if m.node_id in pos)
    steps: list[ShiftNodeDepth] = []
    stuck: list[int] = []
    for k, level in targets:
        while depth[k] != level:
            delta = -1 if level < depth[k] else 1
            if (delta < 0 and depth[k] <= 1) or (delta > 0 and not any(d >= depth[k] for d in depth[:k])):
                stuck.append(ids[k])
                break
            steps.append(ShiftNodeDepth(node_id=ids[k], delta=delta))
            end = k + 1
            while end < len(depth) and depth[end] > depth[k]:
                end += 1
            for m in range(k, end):
                depth[m] += delta
    return Batch(tuple(steps), "Change heading level"), stuck


def frame_rest(matches: Sequence[FrameMatch], heads: Sequence[HeadingRow]) -> tuple[list[FrameMatch], list[HeadingRow]]:
    """What the frame could not place: its rows that name no heading (with the paragraph that
    reads like one, if any), and the 类目/分目/子目 of the body it does not list although they
    stand directly under a level it covers."""
    matched = {m.node_id for m in matches if m.node_id is not None}
    deepest = max((m.row.level for m in matches), default=0)
    rows = [m for m in matches if m.node_id is None]
    unlisted = [h for h in heads if h.node_id is not None and h.node_id not in matched
                and h.kind in _YEARBOOK_KINDS and h.parent_depth < deepest]
    return rows, unlisted
