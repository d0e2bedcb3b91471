"""Read-side queries the clients need about stored rows (volumes, nodes, blocks, findings,
revisions, node tags), so that no client writes SQL.

Every function reads only; live rows are those with ``deleted = 0``. Functions take the
open :class:`~yearbook_editor.core.store.Store` and return plain values (ids, dicts).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from .store import Store


def _id_list(ids) -> str:
    """Ids as one JSON parameter, read in SQL with ``json_each`` (no SQL text built from values)."""
    return json.dumps([int(i) for i in ids])


# -- volumes ------------------------------------------------------------------------------


def volume_exists(store: Store, volume_id: int) -> bool:
    return store.scalar("SELECT id FROM volumes WHERE id = ?", (volume_id,)) is not None


def text_size(store: Store, volume_id: int) -> int:
    """Characters in the volume's blocks as they now stand."""
    return int(store.scalar("SELECT total(length(text)) FROM blocks WHERE volume_id = ? AND deleted = 0",
                            (volume_id,)) or 0)


def volume_title(store: Store, volume_id: int) -> str:
    """A volume's title ('' when there is no such volume)."""
    return store.scalar("SELECT title FROM volumes WHERE id = ?", (volume_id,)) or ""


def first_volume_id(store: Store) -> int | None:
    return store.scalar("SELECT min(id) FROM volumes")


def last_revision_time(store: Store, volume_id: int) -> str | None:
    """When the volume was last changed (the newest revision), or None."""
    return store.scalar("SELECT max(created_at) FROM revisions WHERE volume_id = ?", (volume_id,))


# -- nodes --------------------------------------------------------------------------------


def node_count(store: Store, volume_id: int) -> int:
    return store.scalar("SELECT count(*) FROM nodes WHERE volume_id = ? AND deleted = 0", (volume_id,)) or 0


def first_entry_node(store: Store, volume_id: int | None = None) -> int | None:
    """The first live entry node of the volume (of any volume when None)."""
    if volume_id is None:
        return store.scalar("SELECT id FROM nodes WHERE kind = 'entry' AND deleted = 0 ORDER BY seq LIMIT 1")
    return store.scalar("SELECT id FROM nodes WHERE volume_id = ? AND kind = 'entry' AND deleted = 0"
                        " ORDER BY seq LIMIT 1", (volume_id,))


def node_title(store: Store, node_id: int) -> str:
    return store.scalar("SELECT title FROM nodes WHERE id = ?", (node_id,)) or ""


def node_titles(store: Store, volume_id: int) -> dict[int, str]:
    """Every node of the volume (removed ones too: findings may point at them) → title."""
    return {r["id"]: r["title"] for r in store.query("SELECT id, title FROM nodes WHERE volume_id = ?", (volume_id,))}


def node_fields(store: Store, node_ids: Iterable[int]) -> list[dict]:
    """id, title and status of the given nodes."""
    ids = tuple(node_ids)
    if not ids:
        return []
    return store.query("SELECT id, title, status FROM nodes WHERE id IN (SELECT value FROM json_each(?))",
                       (_id_list(ids),))


def node_title_block(store: Store, node_id: int) -> int | None:
    """The block that names the node (its entry title or heading), or None."""
    return store.scalar("SELECT title_block_id FROM nodes WHERE id = ?", (node_id,))


# -- blocks -------------------------------------------------------------------------------


def block_node(store: Store, block_id: int) -> int | None:
    return store.scalar("SELECT node_id FROM blocks WHERE id = ?", (block_id,))


def block_nodes(store: Store, block_ids: Iterable[int]) -> dict[int, int]:
    """Block id → its node, for the given blocks that belong to one (one query)."""
    ids = tuple(block_ids)
    if not ids:
        return {}
    rows = store.conn.execute("SELECT id, node_id FROM blocks WHERE node_id IS NOT NULL AND id IN"
                              " (SELECT value FROM json_each(?))", (_id_list(ids),)).fetchall()
    return dict(rows)


def first_node_of_blocks(store: Store, block_ids: Iterable[int]) -> int | None:
    """The node of the first of the blocks (in id order) that belongs to one."""
    nodes = block_nodes(store, block_ids)
    return nodes[min(nodes)] if nodes else None


def block_orig_kind(store: Store, block_id: int) -> str | None:
    """The kind the parser gave the block (before any edit)."""
    return store.scalar("SELECT orig_kind FROM blocks WHERE id = ?", (block_id,))


def block_kind(store: Store, block_id: int) -> str | None:
    """The block's current kind (paragraph, heading, row, noise …), or None if there is no such block."""
    return store.scalar("SELECT kind FROM blocks WHERE id = ?", (block_id,))


def neighbor_block(store: Store, volume_id: int, block_id: int, step: int) -> int | None:
    """The next (step > 0) or previous live text block in reading order, or None."""
    sql = _NEXT_BLOCK if step > 0 else _PREVIOUS_BLOCK
    return store.scalar(sql, (volume_id, block_id))


_NEXT_BLOCK = ("SELECT id FROM blocks WHERE volume_id = ? AND kind != 'noise' AND deleted = 0 AND seq >"
               " (SELECT seq FROM blocks WHERE id = ?) ORDER BY seq ASC LIMIT 1")
_PREVIOUS_BLOCK = ("SELECT id FROM blocks WHERE volume_id = ? AND kind != 'noise' AND deleted = 0 AND seq <"
                   " (SELECT seq FROM blocks WHERE id = ?) ORDER BY seq DESC LIMIT 1")


def text_block_at_line(store: Store, volume_id: int, line: int) -> int | None:
    """The first live text block (not furniture) whose source lines include ``line``."""
    return store.scalar(
        "SELECT id FROM blocks WHERE volume_id = ? AND line_start <= ? AND line_end >= ? AND kind != 'noise'"
        " AND deleted = 0 ORDER BY seq LIMIT 1", (volume_id, line, line))


def block_order(store: Store, volume_id: int) -> dict[int, int]:
    """Block id → reading-order position, for every block of the volume."""
    return {r["id"]: r["seq"] for r in store.query("SELECT id, seq FROM blocks WHERE volume_id = ?", (volume_id,))}


def node_first_seq(store: Store, node_id: int) -> int | None:
    """The reading-order position of the node's first block."""
    return store.scalar("SELECT min(seq) FROM blocks WHERE node_id = ?", (node_id,))


# -- findings and tags --------------------------------------------------------------------


def open_finding_counts(store: Store, volume_id: int) -> dict[int, int]:
    """Node id → number of open findings of the checks on it."""
    rows = store.query("SELECT node_id, count(*) AS n FROM findings WHERE volume_id = ? AND status = 'open'"
                       " AND node_id IS NOT NULL GROUP BY node_id", (volume_id,))
    return {r["node_id"]: r["n"] for r in rows}


def last_check_time(store: Store, volume_id: int) -> str | None:
    """When the findings of the volume were last stored, or None (never checked)."""
    return store.scalar("SELECT max(updated_at) FROM findings WHERE volume_id = ?", (volume_id,))


def volume_node_tags(store: Store, volume_id: int) -> dict[int, list[int]]:
    """Live node id → its tag ids (ascending), for every tagged node of the volume."""
    rows = store.query("SELECT nt.node_id, nt.tag_id FROM node_tags nt JOIN nodes n ON n.id = nt.node_id"
                       " WHERE n.volume_id = ? AND n.deleted = 0 ORDER BY nt.tag_id", (volume_id,))
    out: dict[int, list[int]] = {}
    for r in rows:
        out.setdefault(r["node_id"], []).append(r["tag_id"])
    return out


def finding_statuses(store: Store, finding_ids: Iterable[int]) -> dict[int, str]:
    """Finding id → its stored status (open, fixed, ignored)."""
    ids = tuple(finding_ids)
    if not ids:
        return {}
    rows = store.query("SELECT id, status FROM findings WHERE id IN (SELECT value FROM json_each(?))",
                       (_id_list(ids),))
    return {r["id"]: r["status"] for r in rows}
