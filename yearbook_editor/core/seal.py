"""A volume's seal: a checksum of its blocks and outline as the parser stored them.

The current state of a volume is its first stored state plus the revisions, and
:func:`core.edits.verify_volume` proves that for every field an edit can change. A field no edit
ever touched has no revision to compare with, so a bit flipped on the disk there (a block's
position, a heading's level) would go unseen. The seal closes that gap: at import the first
state is hashed into ``volumes.seal``; later the first state is *reconstructed* from the
current rows and the first recorded old value of every revised field, hashed again and
compared. Volumes stored before seals existed get one the first time they verify cleanly.
"""

from __future__ import annotations

import hashlib
import json

from .store import Store

#: the fields hashed: what edits change (through revisions) and what they never change
SEALED_BLOCK_FIELDS = ("kind", "orig_kind", "level", "pieces", "seq", "deleted", "uncertain", "soft_joins")
SEALED_NODE_FIELDS = ("kind", "orig_kind", "depth", "deleted", "status", "anchor_block_id", "title_block_id")


#: seals written now: one JSON text of every row, hashed (seals of the first kind, a JSON text per
#: row, 64 hexadecimal digits, are still read: that took five times as long on a large volume)
SEAL_KIND = "2:"


def _digest(blocks: dict[int, list], nodes: dict[int, list], kind: str = SEAL_KIND) -> str:
    """``blocks``/``nodes``: id → the values of SEALED_BLOCK_FIELDS / SEALED_NODE_FIELDS."""
    parts = (("b", blocks), ("n", nodes))
    if kind == SEAL_KIND:
        rows = [[name, rid, *rows[rid]] for name, rows in parts for rid in sorted(rows)]
        return SEAL_KIND + hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8", "surrogatepass")
                                          ).hexdigest()
    h = hashlib.sha256()
    for name, rows in parts:
        for rid in sorted(rows):
            h.update(json.dumps([name, rid, *rows[rid]], ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


_BLOCK_AT = {f: k for k, f in enumerate(SEALED_BLOCK_FIELDS)}
_NODE_AT = {f: k for k, f in enumerate(SEALED_NODE_FIELDS)}


def first_state_digest(conn, volume_id: int, block_rows: list[tuple] | None = None, kind: str = SEAL_KIND) -> str:
    """The digest of the volume as first stored, reconstructed from the rows as they are now
    and the first old value of every revised field (rows made by edits are left out).
    ``block_rows``: the volume's blocks as already read (id, then SEALED_BLOCK_FIELDS)."""
    if block_rows is None:
        block_rows = conn.execute(f"SELECT id, {', '.join(SEALED_BLOCK_FIELDS)} FROM blocks WHERE volume_id = ?",
                                  (volume_id,)).fetchall()
    blocks = {r[0]: list(r[1:]) for r in block_rows}
    nodes = {r[0]: list(r[1:]) for r in conn.execute(
        f"SELECT id, {', '.join(SEALED_NODE_FIELDS)} FROM nodes WHERE volume_id = ?", (volume_id,))}
    tables = {"block": (blocks, _BLOCK_AT), "node": (nodes, _NODE_AT)}
    seen: set[tuple[str, int, str]] = set()
    for target, target_id, field, old in conn.execute(
        "SELECT target, target_id, field, old_value FROM revisions WHERE volume_id = ? ORDER BY id", (volume_id,)
    ).fetchall():
        rows, at = tables.get(target, (None, None))
        if rows is None or target_id not in rows:
            continue
        if field == "created":
            del rows[target_id]
            continue
        key = (target, target_id, field)
        if key in seen or field not in at:
            continue
        seen.add(key)
        rows[target_id][at[field]] = old
    return _digest(blocks, nodes, kind)


def seal_volume(conn, volume_id: int) -> None:
    """Record the seal (inside the caller's transaction, right after the volume is stored)."""
    conn.execute("UPDATE volumes SET seal = ? WHERE id = ?", (first_state_digest(conn, volume_id), volume_id))


def seal_problem(store: Store, volume_id: int, block_rows: list[tuple] | None = None) -> str | None:
    """None when the seal matches (or the volume has none yet); else what is wrong
    (``block_rows`` as for :func:`first_state_digest`)."""
    seal = store.scalar("SELECT seal FROM volumes WHERE id = ?", (volume_id,))
    if seal is None:
        return None
    kind = SEAL_KIND if seal.startswith(SEAL_KIND) else ""
    if first_state_digest(store.conn, volume_id, block_rows, kind) != seal:
        return "blocks or outline differ from the state sealed at import"
    return None


def seal_if_missing(store: Store, volume_id: int) -> None:
    """Give a volume stored before seals existed its seal (call only after it verified)."""
    if store.read_only or store.scalar("SELECT seal FROM volumes WHERE id = ?", (volume_id,)) is not None:
        return
    with store.write() as conn:
        seal_volume(conn, volume_id)
