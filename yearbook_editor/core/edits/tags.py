"""Tagging edits: TagNodes, UntagNodes — one revision per node (field ``tag:<id>``, 0 → 1 or
1 → 0), undone by the opposite edit. The vocabulary itself is :mod:`yearbook_editor.core.tags`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..errors import NodeNotFound, YearbookError
from ..store import Store
from .base import Edit, FieldChange, handler


class TagError(YearbookError):
    pass


def tag_path(store: Store, tag_id: int) -> str:
    """A tag's full path (父/子), or its id when it is gone."""
    parts: list[str] = []
    current: int | None = tag_id
    while current is not None and len(parts) < 64:
        row = store.query("SELECT name, parent_id FROM tags WHERE id = ?", (current,))
        if not row:
            break
        parts.append(row[0]["name"])
        current = row[0]["parent_id"]
    return "/".join(reversed(parts)) or str(tag_id)


@dataclass(frozen=True)
class TagNodes(Edit):
    LABEL: ClassVar[str] = "Tag “%1”"
    REASON: ClassVar[str] = "tag"
    node_ids: tuple[int, ...]
    tag_id: int

    def label_arg(self, store: Store) -> str:
        return tag_path(store, self.tag_id)


@dataclass(frozen=True)
class UntagNodes(Edit):
    LABEL: ClassVar[str] = "Remove tag “%1”"
    REASON: ClassVar[str] = "untag"
    node_ids: tuple[int, ...]
    tag_id: int

    def label_arg(self, store: Store) -> str:
        return tag_path(store, self.tag_id)


def _tag_change(conn, node_ids, tag_id: int, on: bool) -> list[FieldChange]:
    if conn.execute("SELECT 1 FROM tags WHERE id = ?", (tag_id,)).fetchone() is None:
        raise TagError(f"没有编号为 {tag_id} 的标签。")
    changes = []
    for node_id in node_ids:
        row = conn.execute("SELECT volume_id FROM nodes WHERE id = ? AND deleted = 0", (node_id,)).fetchone()
        if row is None:
            raise NodeNotFound(node_id)
        has = conn.execute("SELECT 1 FROM node_tags WHERE node_id = ? AND tag_id = ?", (node_id, tag_id)).fetchone()
        if bool(has) == on:
            continue
        if on:
            conn.execute("INSERT INTO node_tags (node_id, tag_id) VALUES (?, ?)", (node_id, tag_id))
        else:
            conn.execute("DELETE FROM node_tags WHERE node_id = ? AND tag_id = ?", (node_id, tag_id))
        changes.append(FieldChange(row[0], "node", node_id, f"tag:{tag_id}", int(not on), int(on)))
    return changes


@handler.register
def _(edit: TagNodes, conn):
    changes = _tag_change(conn, edit.node_ids, edit.tag_id, True)
    return changes, UntagNodes(tuple(c.target_id for c in changes), edit.tag_id)


@handler.register
def _(edit: UntagNodes, conn):
    changes = _tag_change(conn, edit.node_ids, edit.tag_id, False)
    return changes, TagNodes(tuple(c.target_id for c in changes), edit.tag_id)
