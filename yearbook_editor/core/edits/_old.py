"""Edits: plain data describing one change, applied by the core as one transaction.

``apply_edit(store, edit)`` updates the current state and appends one revision row per
changed field in the same transaction, and returns the inverse edit (what undo applies).
The GUI wraps edits in undo commands; the command line applies them directly. Nothing is
ever overwritten without a revision and nothing is deleted: a merged-away block or a
removed heading is kept with ``deleted = 1``. The current state can always be rebuilt
from the source plus the revisions (:func:`rebuild_blocks`, :func:`verify_volume`).

Text edits: SetBlockText. Layout and structure edits: SetBlockKind (mark as furniture or
restore), MergeBlocks, SplitBlock, MoveBlock, ConfirmBreak, ShiftNodeDepth (promote or
demote a heading with everything under it), MakeEntryTitle, MakeHeading, MakeParagraph.
Review: SetNodeStatus. Several edits as one step: Batch. After a structural edit the
derived outline (parents, order, spans, block membership) is recomputed in the same
transaction (:func:`yearbook_editor.core.structure.recompute_outline`).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from functools import singledispatch

from .errors import EditConflict, NodeNotFound, StoreError, YearbookError
from .model import BlockKind, NodeKind, Piece
from .store import Store, now_iso
from .text import block_text_from_pieces, join_runs, map_offset, split_pieces

REVIEW_STATUSES = ("unreviewed", "checked", "approved")  # 未校 / 已校 / 已审
REVIEW_STATUS_LABELS = {"unreviewed": "未校", "checked": "已校", "approved": "已审"}

#: Fields an edit may change, per table. Changing any of the STRUCTURAL ones re-derives
#: the outline. 'created' is not a column: its revision holds the new row as JSON.
BLOCK_FIELDS = ("text", "kind", "level", "pieces", "seq", "deleted", "uncertain", "soft_joins")
NODE_FIELDS = ("kind", "depth", "deleted", "status", "anchor_block_id", "title_block_id")
STRUCTURAL = {("block", "seq"), ("block", "deleted"), ("block", "kind"), ("node", "depth"),
              ("node", "deleted"), ("node", "anchor_block_id"), ("node", "created"), ("block", "created")}
_TABLE = {"block": "blocks", "node": "nodes"}


class StructureError(YearbookError):
    """A layout or structure edit that cannot be made here (the message says why)."""


# -- the edits ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SetBlockText:
    block_id: int
    text: str
    expected: str | None = None  # when given, the edit is refused unless the text is still this


@dataclass(frozen=True)
class SetBlockKind:
    """Change what a block is: e.g. mark a line as furniture (noise) or restore it as text."""

    block_id: int
    kind: str


@dataclass(frozen=True)
class SetNodeStatus:
    node_id: int
    status: str


@dataclass(frozen=True)
class MergeBlocks:
    """Join ``second`` onto the end of ``first`` (only furniture may stand between them)."""

    first_id: int
    second_id: int


@dataclass(frozen=True)
class SplitBlock:
    """Split a block at ``offset`` of its current text; the rest becomes a new block after it."""

    block_id: int
    offset: int


@dataclass(frozen=True)
class MoveBlock:
    """Move a block to just after another block (``after_id`` None: to the volume's start)."""

    block_id: int
    after_id: int | None


@dataclass(frozen=True)
class ConfirmBreak:
    """The editor confirms an uncertain paragraph break: the mark is cleared."""

    block_id: int


@dataclass(frozen=True)
class ShiftNodeDepth:
    """Promote (delta -1) or demote (delta +1) a heading together with everything under it."""

    node_id: int
    delta: int


@dataclass(frozen=True)
class MakeEntryTitle:
    """Turn the start of a paragraph (up to ``title_end``; None = all of it) into a 【】 entry title."""

    block_id: int
    title_end: int | None = None


@dataclass(frozen=True)
class MakeHeading:
    """Turn a paragraph into a heading one level below the heading it stands under."""

    block_id: int


@dataclass(frozen=True)
class MakeParagraph:
    """Turn a heading or entry title back into plain text; its outline node is removed."""

    block_id: int


@dataclass(frozen=True)
class FieldValue:
    target: str  # 'block' or 'node'
    target_id: int
    field: str
    value: object
    expected: object


@dataclass(frozen=True)
class RestoreFields:
    """Set fields back to earlier values (the inverse of a layout or structure edit)."""

    values: tuple[FieldValue, ...]


@dataclass(frozen=True)
class Batch:
    """Several edits applied as one step (one transaction, one batch id, undone together)."""

    edits: tuple
    label: str = ""


Edit = (
    SetBlockText | SetBlockKind | SetNodeStatus | MergeBlocks | SplitBlock | MoveBlock | ConfirmBreak
    | ShiftNodeDepth | MakeEntryTitle | MakeHeading | MakeParagraph | RestoreFields | Batch
)


@dataclass(frozen=True)
class _Change:
    volume_id: int
    target: str
    target_id: int
    field: str
    old: object
    new: object


def apply_edit(store: Store, edit, *, author: str, reason: str = "") -> Edit:
    """Apply an edit in one transaction; returns its inverse. Raises on a stale edit."""
    from .structure import recompute_outline

    batch_id = uuid.uuid4().hex if isinstance(edit, Batch) else None
    stamp = now_iso()
    with store.write() as conn:
        changes, inverse = _apply(edit, conn)
        conn.executemany(
            "INSERT INTO revisions (volume_id, target, target_id, field, old_value, new_value, author,"
            " created_at, reason, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (c.volume_id, c.target, c.target_id, c.field, c.old, c.new, author, stamp, reason, batch_id)
                for c in changes
            ],
        )
        for volume_id in sorted({c.volume_id for c in changes if (c.target, c.field) in STRUCTURAL}):
            recompute_outline(conn, volume_id)
    return inverse


# -- low-level field changes --------------------------------------------------------------


def _get(conn, target: str, target_id: int, field: str):
    if field not in (BLOCK_FIELDS if target == "block" else NODE_FIELDS) and field != "volume_id":
        raise ValueError(f"{target}.{field} is not an editable field")
    row = conn.execute(f"SELECT {field} FROM {_TABLE[target]} WHERE id = ?", (target_id,)).fetchone()
    if row is None:
        raise NodeNotFound(f"{'段落' if target == 'block' else '节点'} {target_id}")
    return row[0]


def _set(conn, volume_id: int, target: str, target_id: int, field: str, value, changes: list) -> object:
    """Set one field, recording the change; returns the old value."""
    allowed = BLOCK_FIELDS if target == "block" else NODE_FIELDS
    if field not in allowed:
        raise ValueError(f"{target}.{field} cannot be edited")
    old = _get(conn, target, target_id, field)
    if old != value:
        conn.execute(f"UPDATE {_TABLE[target]} SET {field} = ? WHERE id = ?", (value, target_id))
        changes.append(_Change(volume_id, target, target_id, field, old, value))
        if target == "block" and field == "text":
            _sync_titles(conn, target_id, value)
    return old


def _inverse_of(changes: list[_Change]) -> RestoreFields:
    values = []
    for c in reversed(changes):
        if c.field == "created":
            values.append(FieldValue(c.target, c.target_id, "deleted", 1, 0))
        else:
            values.append(FieldValue(c.target, c.target_id, c.field, c.old, c.new))
    return RestoreFields(tuple(values))


def _block(conn, block_id: int) -> dict:
    cur = conn.execute(
        "SELECT id, volume_id, node_id, seq, kind, role, level, text, pieces, line_start, line_end, deleted"
        " FROM blocks WHERE id = ?",
        (block_id,),
    )
    row = cur.fetchone()
    if row is None or row[-1]:
        raise NodeNotFound(f"段落 {block_id}")
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def _anchored_node(conn, block_id: int):
    row = conn.execute(
        "SELECT id, depth, kind FROM nodes WHERE anchor_block_id = ? AND deleted = 0 ORDER BY depth LIMIT 1",
        (block_id,),
    ).fetchone()
    return row


@singledispatch
def _apply(edit, conn) -> tuple[list[_Change], Edit]:
    raise TypeError(f"not an edit: {edit!r}")


@_apply.register
def _(edit: SetBlockText, conn):
    b = _block(conn, edit.block_id)
    if edit.expected is not None and b["text"] != edit.expected:
        raise EditConflict("这段文字已被其他操作修改，请刷新后重试。")
    changes: list[_Change] = []
    old = _set(conn, b["volume_id"], "block", edit.block_id, "text", edit.text, changes)
    return changes, SetBlockText(edit.block_id, old, expected=edit.text)


@_apply.register
def _(edit: SetBlockKind, conn):
    kind = BlockKind(edit.kind)  # raises ValueError for an unknown kind
    b = _block(conn, edit.block_id)
    changes: list[_Change] = []
    old = _set(conn, b["volume_id"], "block", edit.block_id, "kind", str(kind), changes)
    node = _anchored_node(conn, edit.block_id)
    if node is not None and kind in (BlockKind.NOISE, BlockKind.PARAGRAPH, BlockKind.ROW):
        _set(conn, b["volume_id"], "node", node[0], "deleted", 1, changes)
        return changes, _inverse_of(changes)
    return changes, SetBlockKind(edit.block_id, old)


@_apply.register
def _(edit: SetNodeStatus, conn):
    if edit.status not in REVIEW_STATUSES:
        raise ValueError(f"unknown review status {edit.status!r}")
    row = conn.execute("SELECT volume_id, deleted FROM nodes WHERE id = ?", (edit.node_id,)).fetchone()
    if row is None or row[1]:
        raise NodeNotFound(edit.node_id)
    changes: list[_Change] = []
    old = _set(conn, row[0], "node", edit.node_id, "status", edit.status, changes)
    return changes, SetNodeStatus(edit.node_id, old)


@_apply.register
def _(edit: RestoreFields, conn):
    changes: list[_Change] = []
    for v in edit.values:
        vid = conn.execute(f"SELECT volume_id FROM {_TABLE[v.target]} WHERE id = ?", (v.target_id,)).fetchone()
        if vid is None:
            raise NodeNotFound(v.target_id)
        current = _get(conn, v.target, v.target_id, v.field)
        if current != v.expected:
            raise EditConflict("内容已被其他操作修改，无法撤销或重做这一步。")
        _set(conn, vid[0], v.target, v.target_id, v.field, v.value, changes)
    return changes, _inverse_of(changes)


@_apply.register
def _(edit: Batch, conn):
    changes: list[_Change] = []
    inverses = []
    for sub in edit.edits:
        c, inv = _apply(sub, conn)
        changes.extend(c)
        inverses.append(inv)
    return changes, Batch(tuple(reversed(inverses)), edit.label)


# -- layout and structure -----------------------------------------------------------------


def _source_lines(conn, volume_id: int) -> list[str]:
    return (conn.execute("SELECT text FROM sources WHERE volume_id = ?", (volume_id,)).fetchone()[0]).split("\n")


def _pieces(b: dict) -> list[Piece]:
    return [Piece(*p) for p in json.loads(b["pieces"])]


def _dump(pieces: Sequence[Piece]) -> str:
    return json.dumps([[p.line, p.start, p.end] for p in pieces])


def _next_seq(conn, volume_id: int, seq: float):
    row = conn.execute(
        "SELECT min(seq) FROM blocks WHERE volume_id = ? AND seq > ?", (volume_id, seq)
    ).fetchone()
    return row[0]


def _seq_between(conn, volume_id: int, after: float | None) -> float:
    """A reading-order position just after ``after`` (None: before everything)."""
    if after is None:
        first = conn.execute("SELECT min(seq) FROM blocks WHERE volume_id = ?", (volume_id,)).fetchone()[0]
        return (first if first is not None else 0.0) - 1.0
    nxt = _next_seq(conn, volume_id, after)
    value = after + 1.0 if nxt is None else (after + nxt) / 2
    if not (after < value and (nxt is None or value < nxt)):
        raise StructureError("此处已无法再插入新段落，请先在别处保存后重新打开卷册。")
    return value


@_apply.register
def _(edit: MergeBlocks, conn):
    a, b = _block(conn, edit.first_id), _block(conn, edit.second_id)
    if a["volume_id"] != b["volume_id"] or b["seq"] <= a["seq"]:
        raise StructureError("只能把一段与它后面的段落合并。")
    between = conn.execute(
        "SELECT count(*) FROM blocks WHERE volume_id = ? AND seq > ? AND seq < ? AND deleted = 0 AND kind != 'noise'",
        (a["volume_id"], a["seq"], b["seq"]),
    ).fetchone()[0]
    if between:
        raise StructureError("两段之间还有其他正文，只能合并相邻的段落。")
    vid = a["volume_id"]
    changes: list[_Change] = []
    _set(conn, vid, "block", a["id"], "text", join_runs([a["text"], b["text"]]), changes)
    _set(conn, vid, "block", a["id"], "pieces", _dump(_pieces(a) + _pieces(b)), changes)
    _set(conn, vid, "block", b["id"], "deleted", 1, changes)
    node = _anchored_node(conn, b["id"])
    if node is not None:
        _set(conn, vid, "node", node[0], "deleted", 1, changes)
    return changes, _inverse_of(changes)


def _split(conn, b: dict, offset: int, changes: list) -> int:
    """Split block ``b`` at ``offset``; returns the new block's id."""
    text = b["text"]
    if not 0 < offset < len(text) or not text[:offset].strip() or not text[offset:].strip():
        raise StructureError("请把光标放在段落中间再拆分。")
    vid = b["volume_id"]
    lines = _source_lines(conn, vid)
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
    changes.append(_Change(vid, "block", new_id, "created", None, json.dumps(row, ensure_ascii=False)))
    _set(conn, vid, "block", b["id"], "text", text[:offset].rstrip(), changes)
    _set(conn, vid, "block", b["id"], "pieces", _dump(left), changes)
    return new_id


@_apply.register
def _(edit: SplitBlock, conn):
    changes: list[_Change] = []
    _split(conn, _block(conn, edit.block_id), edit.offset, changes)
    return changes, _inverse_of(changes)


@_apply.register
def _(edit: MoveBlock, conn):
    b = _block(conn, edit.block_id)
    after = None if edit.after_id is None else _block(conn, edit.after_id)
    if after is not None and after["volume_id"] != b["volume_id"]:
        raise StructureError("不能把段落移到另一卷。")
    if after is not None and after["id"] == b["id"]:
        raise StructureError("段落不能移到它自己后面。")
    changes: list[_Change] = []
    _set(conn, b["volume_id"], "block", b["id"], "seq",
         _seq_between(conn, b["volume_id"], None if after is None else after["seq"]), changes)
    return changes, _inverse_of(changes)


@_apply.register
def _(edit: ConfirmBreak, conn):
    b = _block(conn, edit.block_id)
    changes: list[_Change] = []
    _set(conn, b["volume_id"], "block", b["id"], "uncertain", 0, changes)
    return changes, _inverse_of(changes)


def _node_list(conn, volume_id: int) -> list[tuple]:
    """Live nodes in outline order: (id, depth, kind, anchor, title_block)."""
    return conn.execute(
        "SELECT id, depth, kind, anchor_block_id, title_block_id FROM nodes"
        " WHERE volume_id = ? AND deleted = 0 ORDER BY seq",
        (volume_id,),
    ).fetchall()


_YEARBOOK_KINDS = (NodeKind.CATEGORY, NodeKind.DIVISION, NodeKind.SUBDIVISION)


@_apply.register
def _(edit: ShiftNodeDepth, conn):
    from .structure import yearbook_kind_for_depth

    row = conn.execute("SELECT volume_id, deleted FROM nodes WHERE id = ?", (edit.node_id,)).fetchone()
    if row is None or row[1]:
        raise NodeNotFound(edit.node_id)
    if edit.delta not in (-1, 1):
        raise ValueError("delta must be -1 or +1")
    vid = row[0]
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
    changes: list[_Change] = []
    for node_id, d, kind, _anchor, title_block in subtree:
        new_depth = d + edit.delta
        _set(conn, vid, "node", node_id, "depth", new_depth, changes)
        if kind in _YEARBOOK_KINDS:
            _set(conn, vid, "node", node_id, "kind", str(yearbook_kind_for_depth(new_depth)), changes)
        if title_block is not None:
            level = _get(conn, "block", title_block, "level")
            if level:
                _set(conn, vid, "block", title_block, "level", max(1, level + edit.delta), changes)
    return changes, _inverse_of(changes)


def _new_node(conn, vid: int, kind: str, depth: int, block_id: int, title: str, changes: list) -> int:
    """A node anchored at ``block_id`` (an earlier, removed node there is brought back)."""
    old = conn.execute(
        "SELECT id FROM nodes WHERE anchor_block_id = ? AND deleted = 1 ORDER BY id DESC LIMIT 1", (block_id,)
    ).fetchone()
    if old is not None:
        _set(conn, vid, "node", old[0], "deleted", 0, changes)
        _set(conn, vid, "node", old[0], "kind", kind, changes)
        _set(conn, vid, "node", old[0], "depth", depth, changes)
        return old[0]
    new_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM nodes").fetchone()[0]
    row = {
        "id": new_id, "volume_id": vid, "parent_id": None, "seq": 0, "depth": depth, "kind": kind,
        "orig_kind": kind, "title": title, "title_block_id": block_id, "anchor_block_id": block_id,
        "line_start": 0, "line_end": 0,
    }
    conn.execute(f"INSERT INTO nodes ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", tuple(row.values()))
    changes.append(_Change(vid, "node", new_id, "created", None, json.dumps(row, ensure_ascii=False)))
    return new_id


def _enclosing(conn, b: dict) -> tuple | None:
    """The node the block stands in: (id, depth, kind)."""
    if b["node_id"] is None:
        return None
    return conn.execute("SELECT id, depth, kind FROM nodes WHERE id = ?", (b["node_id"],)).fetchone()


@_apply.register
def _(edit: MakeEntryTitle, conn):
    b = _block(conn, edit.block_id)
    if b["kind"] not in (BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.ROW):
        raise StructureError("只有正文段落可以设为条目标题。")
    vid = b["volume_id"]
    changes: list[_Change] = []
    end = edit.title_end
    if end is not None and 0 < end < len(b["text"].rstrip()):
        _split(conn, b, end, changes)
    title = _get(conn, "block", b["id"], "text").strip()
    if not (title.startswith(("【", "[")) and title.endswith(("】", "]"))):
        title = f"【{title.strip('【】[] ')}】"
        _set(conn, vid, "block", b["id"], "text", title, changes)
    _set(conn, vid, "block", b["id"], "kind", str(BlockKind.ENTRY_TITLE), changes)
    _set(conn, vid, "block", b["id"], "level", 0, changes)
    here = _enclosing(conn, b)
    depth = 1 if here is None else (here[1] if here[2] == NodeKind.ENTRY else here[1] + 1)
    _new_node(conn, vid, str(NodeKind.ENTRY), depth, b["id"], title_from_block_text(NodeKind.ENTRY, title), changes)
    return changes, _inverse_of(changes)


@_apply.register
def _(edit: MakeHeading, conn):
    from .structure import yearbook_kind_for_depth

    b = _block(conn, edit.block_id)
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
    changes: list[_Change] = []
    _set(conn, vid, "block", b["id"], "kind", str(BlockKind.HEADING), changes)
    _set(conn, vid, "block", b["id"], "level", depth, changes)
    _new_node(conn, vid, str(kind), depth, b["id"], b["text"].strip(), changes)
    return changes, _inverse_of(changes)


@_apply.register
def _(edit: MakeParagraph, conn):
    b = _block(conn, edit.block_id)
    if b["kind"] not in (BlockKind.HEADING, BlockKind.ENTRY_TITLE):
        raise StructureError("这一段已是正文。")
    vid = b["volume_id"]
    changes: list[_Change] = []
    _set(conn, vid, "block", b["id"], "kind", str(BlockKind.PARAGRAPH), changes)
    node = _anchored_node(conn, b["id"])
    if node is not None:
        _set(conn, vid, "node", node[0], "deleted", 1, changes)
    return changes, _inverse_of(changes)


def title_from_block_text(kind: str, text: str) -> str:
    """A node's title as shown in the outline, from its title block's text."""
    t = text.strip()
    if kind == NodeKind.ENTRY and len(t) >= 2 and t[0] in "【[" and t[-1] in "】]":
        t = t[1:-1].strip()
    return t.lstrip("—–－-― ").strip() or t  # a sub-title line's leading dash is not part of the name


def _sync_titles(conn, block_id: int, text: str) -> None:
    for node_id, kind in conn.execute("SELECT id, kind FROM nodes WHERE title_block_id = ?", (block_id,)).fetchall():
        conn.execute("UPDATE nodes SET title = ? WHERE id = ?", (title_from_block_text(kind, text), node_id))


# -- history and rebuilding ---------------------------------------------------------------


def subtree_node_ids(store: Store, node_id: int) -> list[int]:
    rows = store.query(
        "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT n.id FROM nodes n JOIN sub ON n.parent_id = sub.id)"
        " SELECT id FROM sub",
        (node_id,),
    )
    return [r["id"] for r in rows]


def history(store: Store, volume_id: int, node_id: int | None = None, limit: int | None = None) -> list[dict]:
    """Revisions of a volume (or of one node with everything under it), oldest first."""
    sql = (
        "SELECT r.*, coalesce(b.node_id, CASE WHEN r.target = 'node' THEN r.target_id END) AS node_id,"
        " b.line_start, b.line_end FROM revisions r"
        " LEFT JOIN blocks b ON r.target = 'block' AND b.id = r.target_id"
        " WHERE r.volume_id = ?"
    )
    params: list = [volume_id]
    if node_id is not None:
        ids = subtree_node_ids(store, node_id)
        if not ids:
            raise NodeNotFound(node_id)
        marks = ",".join("?" * len(ids))
        sql += (
            f" AND ((r.target = 'node' AND r.target_id IN ({marks}))"
            f" OR (r.target = 'block' AND b.node_id IN ({marks})))"
        )
        params += ids + ids
    sql += " ORDER BY r.id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return store.query(sql, params)


def rebuild_blocks(store: Store, volume_id: int) -> dict[int, dict]:
    """Each block's editable fields rebuilt from the source text and the revisions alone.

    A parsed block starts as the parser left it: its pieces are the first recorded value
    (or the current one when never changed), its text is the join of those source runs,
    its kind the parsed kind. A block made by an edit starts from its 'created' revision.
    Then every revision is replayed in order.
    """
    from .volumes import source_text

    lines: Sequence[str] = source_text(store, volume_id).split("\n")
    revs = store.query(
        "SELECT target_id, field, old_value, new_value FROM revisions WHERE volume_id = ? AND target = 'block'"
        " ORDER BY id",
        (volume_id,),
    )
    first_old: dict[tuple[int, str], object] = {}
    created: set[int] = set()
    for r in revs:
        first_old.setdefault((r["target_id"], r["field"]), r["old_value"])
        if r["field"] == "created":
            created.add(r["target_id"])
    state: dict[int, dict] = {}
    for row in store.query(f"SELECT id, orig_kind, {', '.join(BLOCK_FIELDS)} FROM blocks WHERE volume_id = ?",
                           (volume_id,)):
        if row["id"] in created:
            continue
        start = {f: first_old.get((row["id"], f), row[f]) for f in BLOCK_FIELDS}
        start["text"] = block_text_from_pieces(lines, [Piece(*p) for p in json.loads(start["pieces"])])
        start["kind"] = row["orig_kind"]
        state[row["id"]] = start
    for r in revs:
        if r["field"] == "created":
            row = json.loads(r["new_value"])
            state[r["target_id"]] = {f: row.get(f, 0 if f in ("deleted", "uncertain") else "[]") for f in BLOCK_FIELDS}
        elif r["target_id"] in state:
            state[r["target_id"]][r["field"]] = r["new_value"]
    return state


class Problem(str):
    """One problem found by :func:`verify_volume`: a sentence, with the block it is about (or None)."""

    block_id: int | None

    def __new__(cls, text: str, block_id: int | None = None):
        self = super().__new__(cls, text)
        self.block_id = block_id
        return self


def verify_volume(store: Store, volume_id: int) -> list[Problem]:
    """Problems found when comparing the current state with source + revisions ([] = sound);
    stored values too damaged to be read at all (broken JSON, bytes that are not UTF-8) are one
    problem, not an exception."""
    try:
        return _verify_volume(store, volume_id)
    except (ValueError, TypeError, KeyError, IndexError, sqlite3.DatabaseError) as e:
        return [Problem(f"stored data cannot be read: {type(e).__name__}")]
    except StoreError as e:  # the store's own translation of the same failures
        return [Problem(f"stored data cannot be read: {type(e).__name__}")]


def _verify_volume(store: Store, volume_id: int) -> list[Problem]:
    """Problems found when comparing the current state with source + revisions ([] = sound).

    Also checks the chain: each revision's old value is the value the previous revision of
    that field left."""
    problems = []
    last: dict[tuple[str, int, str], object] = {}
    for r in store.query(
        "SELECT id, target, target_id, field, old_value, new_value FROM revisions WHERE volume_id = ? ORDER BY id",
        (volume_id,),
    ):
        key = (r["target"], r["target_id"], r["field"])
        if key in last and last[key] != r["old_value"]:
            problems.append(Problem(f"revision {r['id']}: old value does not follow the previous revision"))
        last[key] = r["new_value"]
    # tags: the last revision of each node's tag:<id> field says whether the tag is there
    tagged = {(r["node_id"], r["tag_id"]) for r in store.query(
        "SELECT nt.node_id, nt.tag_id FROM node_tags nt JOIN nodes n ON n.id = nt.node_id WHERE n.volume_id = ?",
        (volume_id,))}
    recorded = {(node, int(f[4:])) for (t, node, f), v in last.items() if t == "node" and f.startswith("tag:") and v}
    if tagged != recorded:
        problems.append(Problem(f"tags differ from the revisions: {len(tagged ^ recorded)} node/tag pairs"))
    source = store.query("SELECT v.sha256, s.text FROM volumes v JOIN sources s ON s.volume_id = v.id WHERE v.id = ?",
                         (volume_id,))
    if source and hashlib.sha256(source[0]["text"].encode("utf-8", "surrogatepass")).hexdigest() != source[0]["sha256"]:
        problems.append(Problem("source: the stored text does not match its checksum"))
    for r in store.query(
        "SELECT n.id, n.kind, n.title, b.id AS block_id, b.text FROM nodes n JOIN blocks b ON b.id = n.title_block_id"
        " WHERE n.volume_id = ? AND n.deleted = 0", (volume_id,),
    ):
        if r["title"] != title_from_block_text(r["kind"], r["text"]):
            problems.append(Problem(f"node {r['id']}: title differs from its title block", r["block_id"]))
    from .seal import seal_problem
    from .structure import outline_drift

    sealed = seal_problem(store, volume_id)
    if sealed:
        problems.append(Problem(sealed))
    drift = outline_drift(store.conn, volume_id)
    if drift:
        problems.append(Problem(f"outline: {drift} derived values differ from the blocks and nodes"))
    rebuilt = rebuild_blocks(store, volume_id)
    for row in store.query(f"SELECT id, {', '.join(BLOCK_FIELDS)} FROM blocks WHERE volume_id = ?", (volume_id,)):
        want = rebuilt.get(row["id"])
        if want is None:
            problems.append(Problem(f"block {row['id']}: not explained by the source or a revision", row["id"]))
            continue
        for f in BLOCK_FIELDS:
            if want[f] != row[f]:
                problems.append(Problem(f"block {row['id']}: {f} differs from source + revisions", row["id"]))
    return problems
