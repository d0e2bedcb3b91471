"""The history of a volume and the proof that it explains the stored state.

``history`` lists revisions (of a volume, or of one node with everything under it);
``rebuild_blocks`` replays them over the untouched source; ``verify_volume`` compares that,
the revision chain, the tags, the titles, the seal and the derived outline with what is stored.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence

from ..errors import NodeNotFound, StoreError
from ..model import title_from_block_text
from ..seal import SEALED_BLOCK_FIELDS, seal_problem
from ..store import Store
from ..structure import outline_drift
from ..text import join_runs
from .base import BLOCK_FIELDS, source_lines


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


def rebuild_blocks(store: Store, volume_id: int, rows: list[tuple] | None = None,
                   lines: Sequence[str] | None = None) -> dict[int, dict]:
    """Each block's editable fields rebuilt from the source text and the revisions alone.

    A parsed block starts as the parser left it: its pieces are the first recorded value
    (or the current one when never changed), its text is the join of those source runs,
    its kind the parsed kind. A block made by an edit starts from its 'created' revision.
    Then every revision is replayed in order. ``rows``: the volume's blocks as already read
    (:data:`_ROW_FIELDS`); ``lines``: the source's lines as already read.
    """
    if lines is None:
        lines = source_lines(store.conn, volume_id)
    revs = store.conn.execute(
        "SELECT target_id, field, old_value, new_value FROM revisions WHERE volume_id = ? AND target = 'block'"
        " ORDER BY id",
        (volume_id,),
    ).fetchall()
    first_old: dict[tuple[int, str], object] = {}
    created: set[int] = set()
    for target_id, field, old, _new in revs:
        first_old.setdefault((target_id, field), old)
        if field == "created":
            created.add(target_id)
    if rows is None:
        rows = _block_rows(store, volume_id)
    state: dict[int, dict] = {}
    at = {f: k for k, f in enumerate(_ROW_FIELDS)}
    kind_at, fields = at["orig_kind"], [(f, at[f]) for f in BLOCK_FIELDS]
    revised = {bid for bid, _f in first_old}
    rows = [row for row in rows if row[0] not in created]
    for row, pieces in zip(rows, _first_pieces(rows, first_old, at["pieces"]), strict=True):
        bid = row[0]
        if bid in revised:
            start = {f: first_old.get((bid, f), row[k]) for f, k in fields}
        else:
            start = {f: row[k] for f, k in fields}
        start["text"] = join_runs([lines[p[0] - 1][p[1] : p[2]] for p in pieces])
        start["kind"] = row[kind_at]
        state[bid] = start
    for target_id, field, _old, new in revs:
        if field == "created":
            made = json.loads(new)
            state[target_id] = {f: made.get(f, 0 if f in ("deleted", "uncertain") else "[]") for f in BLOCK_FIELDS}
        elif target_id in state:
            state[target_id][field] = new
    return state


#: the columns of a block that the verification reads, once: the id, then the sealed fields,
#: then the text (the sealed fields are the editable ones but the text, and the parsed kind)
_ROW_FIELDS = ("id", *SEALED_BLOCK_FIELDS, "text")


def _block_rows(store: Store, volume_id: int) -> list[tuple]:
    return store.conn.execute(f"SELECT {', '.join(_ROW_FIELDS)} FROM blocks WHERE volume_id = ?",
                              (volume_id,)).fetchall()


def _first_pieces(rows: list[tuple], first_old: dict, at: int) -> list:
    """Each block's first pieces ((line, start, end) lists), decoded in one call: a block's first
    recorded old value, else its stored one."""
    values = [first_old.get((row[0], "pieces"), row[at]) for row in rows]
    decoded = json.loads("[" + ",".join(values) + "]") if values else []
    if len(decoded) != len(values):  # a damaged value that reads as more or fewer lists: one by one
        decoded = [json.loads(v) for v in values]
    return decoded


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
    problem, not an exception. Everything is read in one read transaction: an edit committed by
    another connection meanwhile cannot make the revisions and the blocks disagree."""
    try:
        with store.snapshot():
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
    rows = _block_rows(store, volume_id)
    sealed = seal_problem(store, volume_id, [r[:-1] for r in rows])
    if sealed:
        problems.append(Problem(sealed))
    drift = outline_drift(store.conn, volume_id)
    if drift:
        problems.append(Problem(f"outline: {drift} derived values differ from the blocks and nodes"))
    rebuilt = rebuild_blocks(store, volume_id, rows, source[0]["text"].split("\n") if source else [])
    fields = [(f, _ROW_FIELDS.index(f)) for f in BLOCK_FIELDS]
    for row in rows:
        bid = row[0]
        want = rebuilt.get(bid)
        if want is None:
            problems.append(Problem(f"block {bid}: not explained by the source or a revision", bid))
            continue
        for f, k in fields:
            if want[f] != row[k]:
                problems.append(Problem(f"block {bid}: {f} differs from source + revisions", bid))
    return problems
