"""Edits: plain data describing one change, applied by the core as one transaction.

``apply_edit(store, edit)`` updates the current state and appends one revision row per
changed field in the same transaction, and returns the inverse edit (what undo applies).
The GUI wraps edits in undo commands; the command line applies them directly. Nothing is
ever overwritten without a revision: the current state can always be rebuilt from the
source plus the revisions (:func:`rebuild_blocks`, :func:`verify_volume`).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from functools import singledispatch

from .errors import EditConflict, NodeNotFound
from .model import BlockKind, NodeKind, Piece
from .store import Store, now_iso
from .text import block_text_from_pieces

REVIEW_STATUSES = ("unreviewed", "checked", "approved")  # 未校 / 已校 / 已审
REVIEW_STATUS_LABELS = {"unreviewed": "未校", "checked": "已校", "approved": "已审"}


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
class Batch:
    """Several edits applied as one step (one transaction, one batch id, undone together)."""

    edits: tuple
    label: str = ""


Edit = SetBlockText | SetBlockKind | SetNodeStatus | Batch


@dataclass(frozen=True)
class _Change:
    volume_id: int
    target: str
    target_id: int
    field: str
    old: str | None
    new: str | None


def apply_edit(store: Store, edit, *, author: str, reason: str = "") -> Edit:
    """Apply an edit in one transaction; returns its inverse. Raises on a stale edit."""
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
    return inverse


@singledispatch
def _apply(edit, conn) -> tuple[list[_Change], Edit]:
    raise TypeError(f"not an edit: {edit!r}")


def _block_row(conn, block_id: int):
    row = conn.execute("SELECT volume_id, text, kind FROM blocks WHERE id = ?", (block_id,)).fetchone()
    if row is None:
        raise NodeNotFound(f"段落 {block_id}")
    return row


@_apply.register
def _(edit: SetBlockText, conn):
    volume_id, old, _kind = _block_row(conn, edit.block_id)
    if edit.expected is not None and old != edit.expected:
        raise EditConflict("这段文字已被其他操作修改，请刷新后重试。")
    if old == edit.text:
        return [], edit
    conn.execute("UPDATE blocks SET text = ? WHERE id = ?", (edit.text, edit.block_id))
    _sync_titles(conn, edit.block_id, edit.text)
    return [_Change(volume_id, "block", edit.block_id, "text", old, edit.text)], SetBlockText(
        edit.block_id, old, expected=edit.text
    )


@_apply.register
def _(edit: SetBlockKind, conn):
    kind = BlockKind(edit.kind)  # raises ValueError for an unknown kind
    volume_id, _text, old = _block_row(conn, edit.block_id)
    if old == kind:
        return [], edit
    conn.execute("UPDATE blocks SET kind = ? WHERE id = ?", (str(kind), edit.block_id))
    return [_Change(volume_id, "block", edit.block_id, "kind", old, str(kind))], SetBlockKind(edit.block_id, old)


@_apply.register
def _(edit: SetNodeStatus, conn):
    if edit.status not in REVIEW_STATUSES:
        raise ValueError(f"unknown review status {edit.status!r}")
    row = conn.execute("SELECT volume_id, status FROM nodes WHERE id = ?", (edit.node_id,)).fetchone()
    if row is None:
        raise NodeNotFound(edit.node_id)
    volume_id, old = row
    if old == edit.status:
        return [], edit
    conn.execute("UPDATE nodes SET status = ? WHERE id = ?", (edit.status, edit.node_id))
    return [_Change(volume_id, "node", edit.node_id, "status", old, edit.status)], SetNodeStatus(edit.node_id, old)


@_apply.register
def _(edit: Batch, conn):
    changes: list[_Change] = []
    inverses = []
    for sub in edit.edits:
        c, inv = _apply(sub, conn)
        changes.extend(c)
        inverses.append(inv)
    return changes, Batch(tuple(reversed(inverses)), edit.label)


def title_from_block_text(kind: str, text: str) -> str:
    """A node's title as shown in the outline, from its title block's text."""
    t = text.strip()
    if kind == NodeKind.ENTRY and len(t) >= 2 and t[0] in "【[" and t[-1] in "】]":
        t = t[1:-1].strip()
    return t


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
    """Each block's text and kind, rebuilt from the source text and the revisions alone."""
    from .volumes import source_text

    lines: Sequence[str] = source_text(store, volume_id).split("\n")
    state: dict[int, dict] = {}
    for row in store.query("SELECT id, pieces, orig_kind FROM blocks WHERE volume_id = ?", (volume_id,)):
        pieces = [Piece(*p) for p in json.loads(row["pieces"])]
        state[row["id"]] = {"text": block_text_from_pieces(lines, pieces), "kind": row["orig_kind"]}
    for rev in store.query(
        "SELECT target_id, field, old_value, new_value FROM revisions WHERE volume_id = ? AND target = 'block'"
        " ORDER BY id",
        (volume_id,),
    ):
        block = state.get(rev["target_id"])
        if block is not None and rev["field"] in block:
            block[rev["field"]] = rev["new_value"]
    return state


def verify_volume(store: Store, volume_id: int) -> list[str]:
    """Problems found when comparing the current state with source + revisions ([] = sound)."""
    rebuilt = rebuild_blocks(store, volume_id)
    problems = []
    for row in store.query("SELECT id, text, kind FROM blocks WHERE volume_id = ?", (volume_id,)):
        want = rebuilt.get(row["id"])
        if want is None or want["text"] != row["text"] or want["kind"] != row["kind"]:
            problems.append(f"block {row['id']}: current state differs from source + revisions")
    return problems
