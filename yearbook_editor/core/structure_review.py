"""Structure review: every heading of a volume in one flat list, and the edits that correct a
wrong outline quickly — several headings at once, one undo step each time.

* :func:`heading_rows` — the headings (类目, 分目, 子目, documents, sections, front matter) in
  reading order with their level (stored depth), source line, the 条目 under them and the 结构
  doubt about them; :func:`candidate_rows` — paragraphs that may be headings (they were ones,
  or read like one: short, no final punctuation).
* :func:`shift_edit`, :func:`paragraph_edit`, :func:`heading_edit`, :func:`join_next_edit` —
  plain edits (a :class:`~.edits.Batch` of the existing structure edits) for several rows.
* :func:`shape_key` / :func:`like_this` — headings of the same shape: the same kind and level
  at the same place under their parent, letter-spaced or not, the same numbering (``一、``,
  ``（一）``, ``1.``, ``第一章`` …).

Frame alignment (a 目录 or 篇目框架 beside the body's headings) is :mod:`.frame`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .checks.runner import structure_doubts
from .checks.structure import doubt_label, heading_shape
from .edits import Batch, MakeHeading, MakeParagraph, MergeBlocks, ShiftNodeDepth
from .parse.lines import ends_terminal
from .parse.outline import section_number
from .queries import neighbor_block
from .store import Store

#: node kinds listed as headings (everything but 条目)
HEADING_KINDS = ("front", "category", "division", "subdivision", "document", "section")
_SPACED = re.compile(r"[\u4e00-\u9fff](?:[ \u3000]+[\u4e00-\u9fff])+")
#: a paragraph this short (characters, spaces left out) without final punctuation may be a heading
CANDIDATE_LENGTH = 16
_NOTE = re.compile(r"^[（(【\[].*[）)】\]]$")


@dataclass(frozen=True)
class HeadingRow:
    """One row of the review list. ``node_id`` is None for a candidate (a paragraph)."""

    node_id: int | None
    block_id: int | None  # the block that holds the title
    depth: int  # the stored level: 1 = 类目 (0 for a candidate)
    kind: str  # the node's kind, or the block's ('paragraph', 'row') for a candidate
    title: str
    line: int  # first source line
    entries: int = 0  # 条目 under the heading
    parent_id: int | None = None
    parent_depth: int = 0  # 0: at the top
    doubt: str = ""  # short reason the 结构 check doubts it ('' when none)


def _live_nodes(store: Store, volume_id: int) -> list[dict]:
    return store.query(
        "SELECT id, depth, kind, title, title_block_id, line_start, parent_id FROM nodes"
        " WHERE volume_id = ? AND deleted = 0 ORDER BY seq",
        (volume_id,),
    )


def node_depths(store: Store, volume_id: int) -> list[tuple[int, int]]:
    """Every live node of the volume as (id, stored depth), in outline order."""
    return [(r["id"], r["depth"]) for r in _live_nodes(store, volume_id)]


def doubts_by_node(store: Store, volume_id: int, ctx=None) -> dict[int, str]:
    """The 结构 doubts about the outline as it now stands: node id → short reason (``ctx``: the
    volume as kept up to date by the re-check, else read here)."""
    out: dict[int, str] = {}
    for f in structure_doubts(store, volume_id, ctx):
        if f.node_id is not None:
            out.setdefault(f.node_id, doubt_label(f))
    return out


def heading_rows(store: Store, volume_id: int, doubts: dict[int, str] | None = None) -> list[HeadingRow]:
    """Every heading of the volume in reading order (``doubts``: node id → reason)."""
    nodes = _live_nodes(store, volume_id)
    by_id = {r["id"]: r for r in nodes}
    entries = dict.fromkeys(by_id, 0)
    for r in reversed(nodes):  # children after parents: reversed, each adds to its parent
        if r["kind"] == "entry":
            entries[r["id"]] += 1
        if r["parent_id"] in entries:
            entries[r["parent_id"]] += entries[r["id"]]
    doubts = doubts or {}
    rows = []
    for r in nodes:
        if r["kind"] not in HEADING_KINDS:
            continue
        parent = by_id.get(r["parent_id"])
        rows.append(HeadingRow(
            node_id=r["id"], block_id=r["title_block_id"], depth=r["depth"], kind=r["kind"], title=r["title"],
            line=r["line_start"], entries=entries[r["id"]], parent_id=r["parent_id"],
            parent_depth=parent["depth"] if parent else 0, doubt=doubts.get(r["id"], "")))
    return rows


def candidate_rows(store: Store, volume_id: int) -> list[HeadingRow]:
    """Paragraphs that may be headings: they were headings or entry titles when parsed, or they
    are short, end without final punctuation and read like a heading (not a name, a roster
    line, a caption, a cell or a date; not a bracketed note such as an author's name, not a
    ``label：value`` line)."""
    out = []
    for r in store.query(
        "SELECT id, kind, orig_kind, text, line_start FROM blocks WHERE volume_id = ? AND deleted = 0"
        " AND kind IN ('paragraph', 'row') ORDER BY seq",
        (volume_id,),
    ):
        text = r["text"].strip()
        if r["orig_kind"] in ("heading", "entry_title") or (r["kind"] == "paragraph" and _reads_like_heading(text)):
            out.append(HeadingRow(None, r["id"], 0, r["kind"], text, r["line_start"]))
    return out


def _reads_like_heading(text: str) -> bool:
    compact = re.sub(r"\s", "", text)
    if not 2 <= len(compact) <= CANDIDATE_LENGTH or ends_terminal(text) or _NOTE.match(compact):
        return False
    return not ("：" in compact or ":" in compact or heading_shape(text))


# -- shapes ---------------------------------------------------------------------------------


def letter_spaced(title: str) -> bool:
    return bool(_SPACED.fullmatch(title.strip()))


def numbering(title: str) -> str:
    """The numbering type a title starts with ('cn' for 一、, 'paren_cn' for （一）…), or ''."""
    found = section_number(title)
    return found[0] if found else ""


def shape_key(row: HeadingRow) -> tuple:
    """What headings 'like this' share: kind, level, the parent's level, letter spacing, numbering."""
    return (row.kind, row.depth, row.parent_depth, letter_spaced(row.title), numbering(row.title))


def like_this(rows: Sequence[HeadingRow], row: HeadingRow) -> list[HeadingRow]:
    """Every heading of the same shape as ``row`` (``row`` itself included), in reading order."""
    if row.node_id is None:
        return [r for r in rows if r.node_id is None and letter_spaced(r.title) == letter_spaced(row.title)
                and numbering(r.title) == numbering(row.title)]
    key = shape_key(row)
    return [r for r in rows if r.node_id is not None and shape_key(r) == key]


# -- edits over several rows ------------------------------------------------------------------


def _outermost(rows: Sequence[HeadingRow]) -> list[HeadingRow]:
    """The rows none of whose ancestors is among them (shifting a heading moves its subtree)."""
    chosen = {r.node_id for r in rows}
    parent = {r.node_id: r.parent_id for r in rows}
    out = []
    for r in rows:
        p, inside = r.parent_id, False
        while p is not None and not inside:
            inside = p in chosen
            p = parent.get(p)
        if not inside:
            out.append(r)
    return out


def shift_edit(rows: Sequence[HeadingRow], delta: int) -> Batch:
    """Promote (-1) or demote (+1) every heading of ``rows`` with everything under it, as one
    step; a heading inside another chosen one moves with it, once. Headings already at the
    top are left where they are when promoting."""
    heads = [r for r in rows if r.node_id is not None and not (delta < 0 and r.depth <= 1)]
    return Batch(tuple(ShiftNodeDepth(node_id=r.node_id, delta=delta) for r in _outermost(heads)),
                 "Change heading level")


def paragraph_edit(rows: Sequence[HeadingRow]) -> Batch:
    """Every heading of ``rows`` back to plain text (its node removed), as one step."""
    return Batch(tuple(MakeParagraph(block_id=r.block_id) for r in rows
                       if r.node_id is not None and r.block_id is not None), "Make paragraph")


def heading_edit(rows: Sequence[HeadingRow]) -> Batch:
    """Every candidate paragraph of ``rows`` made a heading (one level below the heading it
    stands under), as one step."""
    return Batch(tuple(MakeHeading(block_id=r.block_id) for r in rows
                       if r.node_id is None and r.block_id is not None), "Make heading")


def join_next_edit(store: Store, volume_id: int, rows: Iterable[HeadingRow]) -> Batch:
    """Each row's title block joined with the text block after it (a heading wrapped over two
    lines), as one step; a row whose next block is another chosen row is joined once."""
    chosen = [r for r in rows if r.block_id is not None]
    taken: set[int] = set()
    merges = []
    for r in chosen:
        if r.block_id in taken:
            continue
        nxt = neighbor_block(store, volume_id, r.block_id, +1)
        if nxt is not None:
            merges.append(MergeBlocks(first_id=r.block_id, second_id=nxt))
            taken.add(nxt)
    return Batch(tuple(merges), "Merge paragraphs")
