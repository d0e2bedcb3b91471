"""Structure edits: the outline as the editor corrects it — ShiftNodeDepth (promote or demote
a heading with everything under it; 类目/分目/子目 follow the depth), MakeEntryTitle,
MakeHeading, MakeParagraph. A removed heading's node is kept with ``deleted = 1`` and brought
back when the same block becomes a heading again."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import ClassVar

from ..model import BlockKind, NodeKind, title_from_block_text
from ..structure import yearbook_kind_for_depth
from .base import (
    Edit,
    FieldChange,
    StructureError,
    anchored_node,
    block_row,
    get_field,
    handler,
    inverse_of,
    live_node_volume,
    set_field,
)
from .layout import split_block

_YEARBOOK_KINDS = (NodeKind.CATEGORY, NodeKind.DIVISION, NodeKind.SUBDIVISION)


@dataclass(frozen=True)
class ShiftNodeDepth(Edit):
    """Promote (delta -1) or demote (delta +1) a heading together with everything under it."""

    LABEL: ClassVar[str] = "Change heading level"
    REASON: ClassVar[str] = "structure"
    node_id: int
    delta: int


@dataclass(frozen=True)
class MakeEntryTitle(Edit):
    """Turn the start of a paragraph (up to ``title_end``; None = all of it) into a 【】 entry title."""

    LABEL: ClassVar[str] = "Make entry title"
    REASON: ClassVar[str] = "structure"
    block_id: int
    title_end: int | None = None


@dataclass(frozen=True)
class MakeHeading(Edit):
    """Turn a paragraph into a heading one level below the heading it stands under."""

    LABEL: ClassVar[str] = "Make heading"
    REASON: ClassVar[str] = "structure"
    block_id: int


@dataclass(frozen=True)
class MakeParagraph(Edit):
    """Turn a heading or entry title back into plain text; its outline node is removed."""

    LABEL: ClassVar[str] = "Make paragraph"
    REASON: ClassVar[str] = "structure"
    block_id: int


def _node_list(conn, volume_id: int) -> list[tuple]:
    """Live nodes in outline order: (id, depth, kind, anchor, title_block)."""
    return conn.execute(
        "SELECT id, depth, kind, anchor_block_id, title_block_id FROM nodes"
        " WHERE volume_id = ? AND deleted = 0 ORDER BY seq",
        (volume_id,),
    ).fetchall()


@handler.register
def _(edit: ShiftNodeDepth, conn):
    vid = live_node_volume(conn, edit.node_id)
    if edit.delta not in (-1, 1):
        raise ValueError("delta must be -1 or +1")
    nodes = _node_list(conn, vid)
    i = next(k for k, n in enumerate(nodes) if n[0] == edit.node_id)
    depth = nodes[i][1]
    subtree = [nodes[i]]
    for n in nodes[i + 1:]:
        if n[1] <= depth:
            break
        subtree.append(n)
    if edit.delta < 0 and depth <= 1:
        raise StructureError("已是最高一级，不能再升级。")
    if edit.delta > 0 and not any(n[1] >= depth for n in nodes[:i]):
        raise StructureError("前面没有同级标题，不能降级（降级后它将成为前一个同级标题的下级）。")
    changes: list[FieldChange] = []
    for node_id, d, kind, _anchor, title_block in subtree:
        new_depth = d + edit.delta
        set_field(conn, vid, "node", node_id, "depth", new_depth, changes)
        if kind in _YEARBOOK_KINDS:
            set_field(conn, vid, "node", node_id, "kind", str(yearbook_kind_for_depth(new_depth)), changes)
        if title_block is not None:
            level = get_field(conn, "block", title_block, "level")
            if level:
                set_field(conn, vid, "block", title_block, "level", max(1, level + edit.delta), changes)
    return changes, inverse_of(changes)


def _new_node(conn, vid: int, kind: str, depth: int, block_id: int, title: str, changes: list) -> int:
    """A node anchored at ``block_id`` (an earlier, removed node there is brought back)."""
    old = conn.execute(
        "SELECT id FROM nodes WHERE anchor_block_id = ? AND deleted = 1 ORDER BY id DESC LIMIT 1", (block_id,)
    ).fetchone()
    if old is not None:
        set_field(conn, vid, "node", old[0], "deleted", 0, changes)
        set_field(conn, vid, "node", old[0], "kind", kind, changes)
        set_field(conn, vid, "node", old[0], "depth", depth, changes)
        return old[0]
    new_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM nodes").fetchone()[0]
    row = {
        "id": new_id, "volume_id": vid, "parent_id": None, "seq": 0, "depth": depth, "kind": kind,
        "orig_kind": kind, "title": title, "title_block_id": block_id, "anchor_block_id": block_id,
        "line_start": 0, "line_end": 0,
    }
    conn.execute(f"INSERT INTO nodes ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", tuple(row.values()))
    changes.append(FieldChange(vid, "node", new_id, "created", None, json.dumps(row, ensure_ascii=False)))
    return new_id


def _enclosing(conn, b: dict) -> tuple | None:
    """The node the block stands in: (id, depth, kind)."""
    if b["node_id"] is None:
        return None
    return conn.execute("SELECT id, depth, kind FROM nodes WHERE id = ?", (b["node_id"],)).fetchone()


@handler.register
def _(edit: MakeEntryTitle, conn):
    b = block_row(conn, edit.block_id)
    if b["kind"] not in (BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.ROW):
        raise StructureError("只有正文段落可以设为条目标题。")
    vid = b["volume_id"]
    changes: list[FieldChange] = []
    end = edit.title_end
    if end is not None and 0 < end < len(b["text"].rstrip()):
        split_block(conn, b, end, changes)
    title = get_field(conn, "block", b["id"], "text").strip()
    if not (title.startswith(("【", "[")) and title.endswith(("】", "]"))):
        title = f"【{title.strip('【】[] ')}】"
        set_field(conn, vid, "block", b["id"], "text", title, changes)
    set_field(conn, vid, "block", b["id"], "kind", str(BlockKind.ENTRY_TITLE), changes)
    set_field(conn, vid, "block", b["id"], "level", 0, changes)
    here = _enclosing(conn, b)
    depth = 1 if here is None else (here[1] if here[2] == NodeKind.ENTRY else here[1] + 1)
    _new_node(conn, vid, str(NodeKind.ENTRY), depth, b["id"], title_from_block_text(NodeKind.ENTRY, title), changes)
    return changes, inverse_of(changes)


@handler.register
def _(edit: MakeHeading, conn):
    b = block_row(conn, edit.block_id)
    if b["kind"] not in (BlockKind.PARAGRAPH, BlockKind.ROW):
        raise StructureError("只有正文段落可以设为标题。")
    vid = b["volume_id"]
    here = _enclosing(conn, b)
    if here is None:
        depth = 1
    elif here[2] == NodeKind.ENTRY:  # a heading ends the entry: it stands beside it
        depth = here[1]
    else:
        depth = here[1] + 1
    kind = yearbook_kind_for_depth(depth) if here is None or here[2] in (*_YEARBOOK_KINDS, NodeKind.ENTRY) else (
        NodeKind.SECTION
    )
    changes: list[FieldChange] = []
    set_field(conn, vid, "block", b["id"], "kind", str(BlockKind.HEADING), changes)
    set_field(conn, vid, "block", b["id"], "level", depth, changes)
    _new_node(conn, vid, str(kind), depth, b["id"], b["text"].strip(), changes)
    return changes, inverse_of(changes)


@handler.register
def _(edit: MakeParagraph, conn):
    b = block_row(conn, edit.block_id)
    if b["kind"] not in (BlockKind.HEADING, BlockKind.ENTRY_TITLE):
        raise StructureError("这一段已是正文。")
    vid = b["volume_id"]
    changes: list[FieldChange] = []
    set_field(conn, vid, "block", b["id"], "kind", str(BlockKind.PARAGRAPH), changes)
    node = anchored_node(conn, b["id"])
    if node is not None:
        set_field(conn, vid, "node", node[0], "deleted", 1, changes)
    return changes, inverse_of(changes)
