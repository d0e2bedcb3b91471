"""Layout edits: what a block is and where it stands — SetBlockKind (mark as furniture or
restore), MergeBlocks, SplitBlock (the split-off part keeps its own source runs), MoveBlock,
ConfirmBreak. Nothing is deleted: a merged-away block is kept with ``deleted = 1``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from ..model import BlockKind, Piece
from ..text import block_text_from_pieces, join_runs, map_offset, split_pieces
from .base import (
    Edit,
    FieldChange,
    StructureError,
    anchored_node,
    block_row,
    handler,
    inverse_of,
    set_field,
    source_lines,
)


@dataclass(frozen=True)
class SetBlockKind(Edit):
    """Change what a block is: e.g. mark a line as furniture (noise) or restore it as text."""

    LABEL: ClassVar[str] = "Restore as text"
    REASON: ClassVar[str] = "layout"
    block_id: int
    kind: str

    def label_key(self) -> str:
        return "Mark as furniture" if self.kind == BlockKind.NOISE else self.LABEL


@dataclass(frozen=True)
class MergeBlocks(Edit):
    """Join ``second`` onto the end of ``first`` (only furniture may stand between them)."""

    LABEL: ClassVar[str] = "Merge paragraphs"
    REASON: ClassVar[str] = "layout"
    first_id: int
    second_id: int


@dataclass(frozen=True)
class SplitBlock(Edit):
    """Split a block at ``offset`` of its current text; the rest becomes a new block after it."""

    LABEL: ClassVar[str] = "Split paragraph"
    REASON: ClassVar[str] = "layout"
    block_id: int
    offset: int


@dataclass(frozen=True)
class MoveBlock(Edit):
    """Move a block to just after another block (``after_id`` None: to the volume's start)."""

    LABEL: ClassVar[str] = "Move block"
    REASON: ClassVar[str] = "layout"
    block_id: int
    after_id: int | None


@dataclass(frozen=True)
class ConfirmBreak(Edit):
    """The editor confirms an uncertain paragraph break: the mark is cleared."""

    LABEL: ClassVar[str] = "Confirm break"
    REASON: ClassVar[str] = "layout"
    block_id: int


@handler.register
def _(edit: SetBlockKind, conn):
    kind = BlockKind(edit.kind)  # raises ValueError for an unknown kind
    b = block_row(conn, edit.block_id)
    changes: list[FieldChange] = []
    old = set_field(conn, b["volume_id"], "block", edit.block_id, "kind", str(kind), changes)
    node = anchored_node(conn, edit.block_id)
    if node is not None and kind in (BlockKind.NOISE, BlockKind.PARAGRAPH, BlockKind.ROW):
        set_field(conn, b["volume_id"], "node", node[0], "deleted", 1, changes)
        return changes, inverse_of(changes)
    return changes, SetBlockKind(edit.block_id, old)


def _pieces(b: dict) -> list[Piece]:
    return [Piece(*p) for p in json.loads(b["pieces"])]


def _dump(pieces: Sequence[Piece]) -> str:
    return json.dumps([[p.line, p.start, p.end] for p in pieces])


def _seq_between(conn, volume_id: int, after: float | None) -> float:
    """A reading-order position just after ``after`` (None: before everything)."""
    if after is None:
        first = conn.execute("SELECT min(seq) FROM blocks WHERE volume_id = ?", (volume_id,)).fetchone()[0]
        return (first if first is not None else 0.0) - 1.0
    nxt = conn.execute("SELECT min(seq) FROM blocks WHERE volume_id = ? AND seq > ?", (volume_id, after)).fetchone()[0]
    value = after + 1.0 if nxt is None else (after + nxt) / 2
    if not (after < value and (nxt is None or value < nxt)):
        raise StructureError("此处已无法再插入新段落，请先在别处保存后重新打开卷册。")
    return value


@handler.register
def _(edit: MergeBlocks, conn):
    a, b = block_row(conn, edit.first_id), block_row(conn, edit.second_id)
    if a["volume_id"] != b["volume_id"] or b["seq"] <= a["seq"]:
        raise StructureError("只能把一段与它后面的段落合并。")
    between = conn.execute(
        "SELECT count(*) FROM blocks WHERE volume_id = ? AND seq > ? AND seq < ? AND deleted = 0 AND kind != 'noise'",
        (a["volume_id"], a["seq"], b["seq"]),
    ).fetchone()[0]
    if between:
        raise StructureError("两段之间还有其他正文，只能合并相邻的段落。")
    vid = a["volume_id"]
    changes: list[FieldChange] = []
    set_field(conn, vid, "block", a["id"], "text", join_runs([a["text"], b["text"]]), changes)
    set_field(conn, vid, "block", a["id"], "pieces", _dump(_pieces(a) + _pieces(b)), changes)
    set_field(conn, vid, "block", b["id"], "deleted", 1, changes)
    node = anchored_node(conn, b["id"])
    if node is not None:
        set_field(conn, vid, "node", node[0], "deleted", 1, changes)
    return changes, inverse_of(changes)


def split_block(conn, b: dict, offset: int, changes: list) -> int:
    """Split block ``b`` (its row) at ``offset``; returns the new block's id."""
    text = b["text"]
    if not 0 < offset < len(text) or not text[:offset].strip() or not text[offset:].strip():
        raise StructureError("请把光标放在段落中间再拆分。")
    vid = b["volume_id"]
    lines = source_lines(conn, vid)
    pieces = _pieces(b)
    original = block_text_from_pieces(lines, pieces)
    left, right = split_pieces(lines, pieces, map_offset(text, original, offset))
    new_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM blocks").fetchone()[0]
    row = {
        "id": new_id,
        "volume_id": vid,
        "node_id": b["node_id"],
        "seq": _seq_between(conn, vid, b["seq"]),
        "kind": b["kind"],
        "orig_kind": b["kind"],
        "role": b["role"],
        "level": b["level"],
        "text": text[offset:].strip(),
        "pieces": _dump(right),
        "line_start": min((p.line for p in right), default=b["line_end"]),
        "line_end": max((p.line for p in right), default=b["line_end"]),
    }
    conn.execute(
        f"INSERT INTO blocks ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", tuple(row.values())
    )
    changes.append(FieldChange(vid, "block", new_id, "created", None, json.dumps(row, ensure_ascii=False)))
    set_field(conn, vid, "block", b["id"], "text", text[:offset].rstrip(), changes)
    set_field(conn, vid, "block", b["id"], "pieces", _dump(left), changes)
    return new_id


@handler.register
def _(edit: SplitBlock, conn):
    changes: list[FieldChange] = []
    split_block(conn, block_row(conn, edit.block_id), edit.offset, changes)
    return changes, inverse_of(changes)


@handler.register
def _(edit: MoveBlock, conn):
    b = block_row(conn, edit.block_id)
    after = None if edit.after_id is None else block_row(conn, edit.after_id)
    if after is not None and after["volume_id"] != b["volume_id"]:
        raise StructureError("不能把段落移到另一卷。")
    if after is not None and after["id"] == b["id"]:
        raise StructureError("段落不能移到它自己后面。")
    changes: list[FieldChange] = []
    set_field(conn, b["volume_id"], "block", b["id"], "seq",
              _seq_between(conn, b["volume_id"], None if after is None else after["seq"]), changes)
    return changes, inverse_of(changes)


@handler.register
def _(edit: ConfirmBreak, conn):
    b = block_row(conn, edit.block_id)
    changes: list[FieldChange] = []
    set_field(conn, b["volume_id"], "block", b["id"], "uncertain", 0, changes)
    return changes, inverse_of(changes)
