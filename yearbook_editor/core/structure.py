"""The stored outline of a volume as it now stands (edits included), and its statistics.

``stats`` gives the figures an editor writes into the 编辑说明: how many 类目, 分目, 子目
and 条目 the volume has and how many characters its text holds.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from .errors import NodeNotFound, YearbookError
from .model import NODE_KIND_LABELS, BlockKind, NodeKind, title_from_block_text
from .store import Store
from .text import strip_ws


@dataclass
class OutlineNode:
    id: int
    kind: str
    title: str
    parent_id: int | None
    line_start: int
    line_end: int
    uncertain: bool
    status: str
    depth: int = 1  # place in the tree: 1 = a top node (类目)
    children: list[OutlineNode] = field(default_factory=list)
    entries: int = 0  # 条目 in this node's subtree (itself included)

    @property
    def label(self) -> str:
        return NODE_KIND_LABELS.get(NodeKind(self.kind), self.kind)


def load_outline(store: Store, volume_id: int) -> list[OutlineNode]:
    """The top nodes of the volume, each with its children, in reading order."""
    rows = store.query(
        "SELECT id, kind, title, parent_id, line_start, line_end, uncertain, status FROM nodes"
        " WHERE volume_id = ? AND deleted = 0 ORDER BY seq",
        (volume_id,),
    )
    by_id: dict[int, OutlineNode] = {}
    roots: list[OutlineNode] = []
    for r in rows:
        node = OutlineNode(
            id=r["id"],
            kind=r["kind"],
            title=r["title"],
            parent_id=r["parent_id"],
            line_start=r["line_start"],
            line_end=r["line_end"],
            uncertain=bool(r["uncertain"]),
            status=r["status"],
        )
        by_id[node.id] = node
        parent = by_id.get(node.parent_id) if node.parent_id is not None else None
        if parent is None:
            roots.append(node)
        else:
            node.depth = parent.depth + 1
            parent.children.append(node)
    for node in reversed(list(by_id.values())):  # children before parents (pre-order reversed)
        node.entries = (1 if node.kind == NodeKind.ENTRY else 0) + sum(c.entries for c in node.children)
    return roots


def walk(nodes: list[OutlineNode]):
    for n in nodes:
        yield n
        yield from walk(n.children)


@dataclass(frozen=True)
class VolumeStats:
    categories: int  # 类目
    divisions: int  # 分目
    subdivisions: int  # 子目
    entries: int  # 条目
    documents: int
    characters: int  # non-whitespace characters of the text (furniture left out)
    source_characters: int  # non-whitespace characters of the extracted source
    blocks: int
    paragraphs: int
    uncertain: int  # layout or structure decisions marked for the editor to confirm

    @property
    def wan_zi(self) -> float:
        """Characters in 万字, as the 编辑说明 states them."""
        return self.characters / 10000


def volume_stats(store: Store, volume_id: int) -> VolumeStats:
    counts = {
        r["kind"]: r["n"]
        for r in store.query("SELECT kind, count(*) AS n FROM nodes WHERE volume_id = ? AND deleted = 0 GROUP BY kind", (volume_id,))
    }
    chars = 0
    blocks = paragraphs = uncertain = 0
    for r in store.query("SELECT kind, text, uncertain FROM blocks WHERE volume_id = ? AND deleted = 0", (volume_id,)):
        blocks += 1
        uncertain += r["uncertain"]
        if r["kind"] == BlockKind.NOISE:
            continue
        if r["kind"] == BlockKind.PARAGRAPH:
            paragraphs += 1
        chars += len(strip_ws(r["text"]))
    uncertain += store.scalar("SELECT count(*) FROM nodes WHERE volume_id = ? AND uncertain = 1 AND deleted = 0", (volume_id,)) or 0
    return VolumeStats(
        categories=counts.get(NodeKind.CATEGORY, 0),
        divisions=counts.get(NodeKind.DIVISION, 0),
        subdivisions=counts.get(NodeKind.SUBDIVISION, 0),
        entries=counts.get(NodeKind.ENTRY, 0),
        documents=counts.get(NodeKind.DOCUMENT, 0),
        characters=chars,
        source_characters=store.scalar("SELECT char_count FROM volumes WHERE id = ?", (volume_id,)) or 0,
        blocks=blocks,
        paragraphs=paragraphs,
        uncertain=uncertain,
    )


# -- what the views show ------------------------------------------------------------------


def node_paths(store: Store, volume_id: int, *, include_deleted: bool = False) -> dict[int, str]:
    """Each node's outline path, e.g. ``区 情 综 述 › 城关概貌 › 人口民族``."""
    sql = "SELECT id, parent_id, title FROM nodes WHERE volume_id = ?"
    if not include_deleted:
        sql += " AND deleted = 0"
    paths: dict[int, str] = {}
    for n in store.query(sql + " ORDER BY seq", (volume_id,)):
        parent = paths.get(n["parent_id"]) if n["parent_id"] is not None else None
        paths[n["id"]] = f"{parent} › {n['title']}" if parent else n["title"]
    return paths


def node_blocks(store: Store, node_id: int) -> list[dict]:
    """The blocks that belong to a node itself (not to its children), in reading order."""
    return store.query(
        "SELECT id, kind, role, level, text, line_start, line_end, uncertain, soft_joins FROM blocks"
        " WHERE node_id = ? AND deleted = 0 ORDER BY seq",
        (node_id,),
    )


def node_at_line(store: Store, volume_id: int, line: int) -> int | None:
    """The node a source line belongs to (the node of the block that holds the line)."""
    row = store.query(
        "SELECT node_id FROM blocks WHERE volume_id = ? AND line_start <= ? AND line_end >= ?"
        " AND node_id IS NOT NULL AND deleted = 0 ORDER BY kind = 'noise', seq LIMIT 1",
        (volume_id, line, line),
    )
    if row:
        return row[0]["node_id"]
    row = store.query(
        "SELECT node_id FROM blocks WHERE volume_id = ? AND line_start <= ? AND node_id IS NOT NULL"
        " AND deleted = 0 ORDER BY line_start DESC LIMIT 1",
        (volume_id, line),
    )
    return row[0]["node_id"] if row else None


def line_labels(store: Store, volume_id: int, lines: list[str] | None = None) -> dict[int, tuple[str, str, int]]:
    """For each source line that is furniture: (kind, role, block id). A line whose furniture
    is only part of it (a page number glued to text) is not listed: it is shown as text.

    Only the furniture blocks are read (a few hundred in a volume), so this stays fast; ``lines``:
    the source's lines when the caller holds them (the source never changes)."""
    labels: dict[int, tuple[str, str, int]] = {}
    for r in store.query(
        "SELECT id, kind, role, pieces FROM blocks WHERE volume_id = ? AND deleted = 0 AND kind = ?",
        (volume_id, BlockKind.NOISE),
    ):
        for line, start, end in json.loads(r["pieces"]):
            if lines is None:
                lines = (store.scalar("SELECT text FROM sources WHERE volume_id = ?", (volume_id,)) or "").split("\n")
            text = lines[line - 1] if 0 < line <= len(lines) else ""
            if strip_ws(text[:start]) or strip_ws(text[end:]):
                continue  # the rest of the line is body text
            labels.setdefault(line, (r["kind"], r["role"], r["id"]))
    return labels


# -- keeping the derived outline in step --------------------------------------------------

_YEARBOOK_KINDS_BY_DEPTH = {1: NodeKind.CATEGORY, 2: NodeKind.DIVISION, 3: NodeKind.SUBDIVISION}


def yearbook_kind_for_depth(depth: int) -> NodeKind:
    """类目/分目/子目 by depth (a heading deeper than 子目 stays a 子目)."""
    return _YEARBOOK_KINDS_BY_DEPTH.get(depth, NodeKind.SUBDIVISION if depth > 3 else NodeKind.CATEGORY)


def recompute_outline(conn, volume_id: int, blocks: frozenset[int] | None = None,
                      nodes: frozenset[int] | None = None, kinds: frozenset[int] | None = None,
                      life: frozenset[int] | None = None) -> tuple[bool, set[int]]:
    """Derive parent, pre-order position, title, line spans and block membership of a
    volume's nodes from what the edits change: blocks (order, kind, deleted) and each
    node's anchor block and depth. Runs inside the caller's transaction; writes only rows
    whose derived values changed.

    ``blocks``: when the edit only made, removed or re-kinded these blocks (a merge, a split, a
    line marked as furniture, and their undos), the outline is brought up to date around them
    (:func:`_recompute_around`, about a millisecond) unless one of them starts or names a node;
    ``nodes`` (``life``: those made or removed; ``kinds``: blocks whose kind changed): when the edit
    only made, removed, promoted or demoted these nodes, the outline is worked out again from the
    nodes alone and the blocks next to those made or removed (:func:`_renode`, about 10 ms);
    otherwise the whole volume is derived again (25 ms on a large volume).

    Returns whether a node's derived values (place, parent, span, title) changed, and the blocks
    that now belong to another node."""
    if blocks:
        around = _recompute_around(conn, volume_id, blocks)
        if around is not None:
            return around
    if nodes:
        around = _renode(conn, volume_id, nodes, kinds or frozenset(), life or frozenset())
        if around is not None:
            return around
    node_updates, orphans, block_updates = _derived_updates(conn, volume_id)
    if node_updates:
        conn.executemany(
            "UPDATE nodes SET parent_id = ?, seq = ?, line_start = ?, line_end = ?, title = ? WHERE id = ?",
            node_updates,
        )
    if orphans:
        conn.executemany("UPDATE nodes SET parent_id = NULL WHERE id = ?", orphans)
    if block_updates:
        conn.executemany("UPDATE blocks SET node_id = ? WHERE id = ?", block_updates)
    return bool(node_updates or orphans), {block_id for _owner, block_id in block_updates}


def _recompute_around(conn, volume_id: int, block_ids: frozenset[int]) -> tuple[bool, set[int]] | None:
    """The outline after blocks that start or name no node came, went or changed kind: the same
    values :func:`_derived_updates` would write, worked out only where they can change. A block
    belongs to the last node started at or before it, so a block that starts no node belongs to
    the node of the live block before it, and no other block changes its node; the nodes' order,
    parents and titles stay; the line spans change only for the nodes that lost or gained a
    block, and for their ancestors. Returns whether a node's span changed and the blocks given
    a node; None (nothing written) when a block starts or names a node."""
    ids = json.dumps(sorted(block_ids))
    if conn.execute(
        "SELECT 1 FROM nodes WHERE volume_id = :v AND deleted = 0 AND (anchor_block_id IN (SELECT value FROM"
        " json_each(:ids)) OR title_block_id IN (SELECT value FROM json_each(:ids))) LIMIT 1",
        {"v": volume_id, "ids": ids},
    ).fetchone():
        return None
    rows = conn.execute(
        "SELECT id, seq, node_id, deleted FROM blocks WHERE volume_id = ? AND id IN (SELECT value FROM json_each(?))"
        " ORDER BY seq",
        (volume_id, ids),
    ).fetchall()
    touched = {r[2] for r in rows if r[2] is not None}
    moved = set()
    for block_id, seq, node_id, deleted in rows:  # in reading order: a new block may follow another new one
        if deleted:
            continue
        prev = conn.execute(
            "SELECT node_id FROM blocks WHERE volume_id = ? AND deleted = 0 AND seq < ? ORDER BY seq DESC LIMIT 1",
            (volume_id, seq),
        ).fetchone()
        owner = prev[0] if prev else None
        if owner != node_id:
            conn.execute("UPDATE blocks SET node_id = ? WHERE id = ?", (owner, block_id))
            moved.add(block_id)
        if owner is not None:
            touched.add(owner)
    return _respan(conn, touched), moved


def _renode(conn, volume_id: int, node_ids: frozenset[int], kind_blocks: frozenset[int],
            life: frozenset[int]) -> tuple[bool, set[int]] | None:
    """The outline after nodes came, went or changed depth (a heading made or removed, promoted or
    demoted) and blocks changed kind, no block having come, gone or moved: the same values
    :func:`_derived_updates` would write, from the nodes alone and the blocks near the changed ones.
    Order and parents come from the live nodes in their first blocks' order (each node's parent is
    the last node before it of a smaller depth); the blocks from the first block of a node made or
    removed (``life``) to the next node's belong to that node, or to the node before when it is gone; spans change only for
    the nodes that lost or gained a block or a child. None (nothing written) when a changed node
    shares its first block with another node."""
    live = conn.execute(
        "SELECT n.id, n.depth, n.parent_id, n.seq, n.title, n.title_block_id, n.kind, b.seq, n.anchor_block_id"
        " FROM nodes n JOIN blocks b ON b.id = n.anchor_block_id WHERE n.volume_id = ? AND n.deleted = 0"
        " AND b.deleted = 0 ORDER BY b.seq, n.depth, n.id",
        (volume_id,),
    ).fetchall()
    anchors = Counter(r[8] for r in live)
    if any(anchors[r[8]] > 1 for r in live if r[0] in node_ids):
        return None
    stack: list[tuple[int, int]] = []  # (depth, node id)
    updates, touched = [], {r[0] for r in live if r[0] in life}
    for order, (node_id, depth, old_parent, old_seq, old_title, title_block, kind, _aseq, _anchor) in enumerate(live):
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parent = stack[-1][1] if stack else None
        stack.append((depth, node_id))
        title = old_title
        if node_id in life and title_block is not None:
            row = conn.execute("SELECT text FROM blocks WHERE id = ? AND deleted = 0", (title_block,)).fetchone()
            title = title_from_block_text(kind, row[0]) if row else old_title
        if (parent, order, title) != (old_parent, old_seq, old_title):
            updates.append((parent, order, title, node_id))
        if parent != old_parent:
            touched.update(p for p in (parent, old_parent) if p is not None)
    if updates:
        conn.executemany("UPDATE nodes SET parent_id = ?, seq = ?, title = ? WHERE id = ?", updates)
    moved = _reown(conn, volume_id, life, live, touched) if life else set()
    for (owner,) in conn.execute("SELECT node_id FROM blocks WHERE id IN (SELECT value FROM json_each(?))",
                                 (json.dumps(sorted(kind_blocks)),)).fetchall():
        if owner is not None:
            touched.add(owner)  # a line marked as furniture or back: its node's span
    return bool(updates) | bool(moved) | _respan(conn, touched), moved


def _reown(conn, volume_id: int, node_ids: frozenset[int], live: list, touched: set[int]) -> set[int]:
    """The blocks from each changed node's first block to the next live node's: to that node when
    it is live, else to the live node before it (None before the first)."""
    starts = [r[7] for r in live]  # the live nodes' first blocks' places, in order
    moved: set[int] = set()
    for (anchor_seq,) in conn.execute(
        "SELECT b.seq FROM nodes n JOIN blocks b ON b.id = n.anchor_block_id WHERE n.id IN (SELECT value FROM"
        " json_each(?)) AND b.deleted = 0", (json.dumps(sorted(node_ids)),),
    ).fetchall():
        k = bisect_right(starts, anchor_seq)  # live nodes starting at or before this block
        owner = live[k - 1][0] if k else None
        end = starts[k] if k < len(starts) else None
        sql = "SELECT id, node_id FROM blocks WHERE volume_id = ? AND deleted = 0 AND seq >= ?"
        args: tuple = (volume_id, anchor_seq)
        if end is not None:
            sql, args = sql + " AND seq < ?", (*args, end)
        rows = [r for r in conn.execute(sql, args).fetchall() if r[1] != owner]
        if rows:
            conn.executemany("UPDATE blocks SET node_id = ? WHERE id = ?", [(owner, r[0]) for r in rows])
            moved.update(r[0] for r in rows)
            touched.update(r[1] for r in rows if r[1] is not None)
            if owner is not None:
                touched.add(owner)
    return moved


def _respan(conn, node_ids: set[int]) -> bool:
    """Line spans of these nodes worked out again (as :func:`_derived_updates` does: own text
    blocks in reading order, then each child's span), and of their ancestors while they change."""
    depth: dict[int, int] = {}
    parent: dict[int, int | None] = {}
    for node_id in node_ids:
        chain, n = [], node_id
        while n is not None and n not in depth and len(chain) < 100:
            chain.append(n)
            row = conn.execute("SELECT parent_id FROM nodes WHERE id = ?", (n,)).fetchone()
            parent[n] = row[0] if row else None
            n = parent[n]
        base = depth.get(n, 0) if n is not None else 0
        for k, m in enumerate(reversed(chain), 1):
            depth[m] = base + k
    todo, changed = set(node_ids), False
    while todo:
        node_id = max(todo, key=lambda n: depth.get(n, 0))  # deepest first: a parent takes its children's spans
        todo.discard(node_id)
        s = [0, 0]
        for ls, le in conn.execute(
            "SELECT line_start, line_end FROM blocks WHERE node_id = ? AND deleted = 0 AND kind != ? ORDER BY seq",
            (node_id, BlockKind.NOISE),
        ):
            s[0] = ls if not s[0] else min(s[0], ls)
            s[1] = max(s[1], le)
        for cs, ce in conn.execute("SELECT line_start, line_end FROM nodes WHERE parent_id = ? AND deleted = 0",
                                   (node_id,)):
            if cs:
                s[0] = cs if not s[0] else min(s[0], cs)
                s[1] = max(s[1], ce)
        old = conn.execute("SELECT line_start, line_end FROM nodes WHERE id = ? AND deleted = 0", (node_id,)).fetchone()
        if old is not None and tuple(old) != tuple(s):
            conn.execute("UPDATE nodes SET line_start = ?, line_end = ? WHERE id = ?", (s[0], s[1], node_id))
            changed = True
            if parent.get(node_id) is not None:
                todo.add(parent[node_id])
    return changed


def outline_drift(conn, volume_id: int) -> int:
    """How many stored derived values (parents, order, spans, titles, block membership) differ
    from what the volume's blocks and nodes say: 0 unless something outside the program (a
    damaged disk) changed them."""
    return sum(len(u) for u in _derived_updates(conn, volume_id))


def _derived_updates(conn, volume_id: int) -> tuple[list, list, list]:
    blocks = conn.execute(
        "SELECT id, kind, line_start, line_end, node_id FROM blocks WHERE volume_id = ? AND deleted = 0 ORDER BY seq",
        (volume_id,),
    ).fetchall()  # no texts (a third of the time): only the title blocks' are needed, read below
    pos = {b[0]: i for i, b in enumerate(blocks)}
    nodes = conn.execute(
        "SELECT id, anchor_block_id, depth, parent_id, seq, line_start, line_end, title, title_block_id, kind"
        " FROM nodes WHERE volume_id = ? AND deleted = 0",
        (volume_id,),
    ).fetchall()
    live = sorted((n for n in nodes if n[1] in pos), key=lambda n: (pos[n[1]], n[2], n[0]))
    # parents by depth, and each block's node: the last node started at or before it
    parent: dict[int, int | None] = {}
    stack: list[tuple[int, int]] = []  # (depth, node id)
    starts: list[tuple[int, int]] = []  # (block position, node id) in order
    for node_id, anchor, depth, *_ in live:
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parent[node_id] = stack[-1][1] if stack else None
        stack.append((depth, node_id))
        starts.append((pos[anchor], node_id))
    owner: list[int | None] = [None] * len(blocks)
    k = -1
    for i in range(len(blocks)):
        while k + 1 < len(starts) and starts[k + 1][0] <= i:
            k += 1
        owner[i] = starts[k][1] if k >= 0 else None
    # spans: own body blocks, then carried up to the ancestors (children come after parents)
    span: dict[int, list[int]] = {n[0]: [0, 0] for n in live}
    for i, b in enumerate(blocks):
        if owner[i] is None or b[1] == BlockKind.NOISE:
            continue
        s = span[owner[i]]
        s[0] = b[2] if not s[0] else min(s[0], b[2])
        s[1] = max(s[1], b[3])
    for node_id, *_ in reversed(live):
        p = parent[node_id]
        if p is not None and span[node_id][0]:
            s, c = span[p], span[node_id]
            s[0] = c[0] if not s[0] else min(s[0], c[0])
            s[1] = max(s[1], c[1])
    text_of = dict(conn.execute(
        "SELECT b.id, b.text FROM nodes n JOIN blocks b ON b.id = n.title_block_id"
        " WHERE n.volume_id = ? AND n.deleted = 0 AND b.deleted = 0",
        (volume_id,),
    ).fetchall())
    node_updates = []
    for order, n in enumerate(live):
        node_id, _anchor, _depth, old_parent, old_seq, old_ls, old_le, old_title, title_block, kind = n
        title = title_from_block_text(kind, text_of[title_block]) if title_block in text_of else old_title
        new = (parent[node_id], order, span[node_id][0], span[node_id][1], title)
        if new != (old_parent, old_seq, old_ls, old_le, old_title):
            node_updates.append((*new, node_id))
    # nodes whose anchor is gone (merged away) are out of the tree until an undo brings it back
    orphans = [(n[0],) for n in nodes if n[1] not in pos and n[3] is not None]
    block_updates = [(owner[i], b[0]) for i, b in enumerate(blocks) if b[4] != owner[i]]
    return node_updates, orphans, block_updates


def find_node(store: Store, volume_id: int, ref: str) -> int:
    """The node of a volume an editor names: its number (``#`` in the outline), its exact
    title, or a part of its title that only one node has."""
    if ref.isdigit() and store.scalar("SELECT id FROM nodes WHERE id = ? AND volume_id = ?", (int(ref), volume_id)):
        return int(ref)
    rows = store.query("SELECT id FROM nodes WHERE volume_id = ? AND title = ?", (volume_id, ref))
    if not rows:
        rows = store.query("SELECT id FROM nodes WHERE volume_id = ? AND instr(title, ?) > 0", (volume_id, ref))
    if len(rows) == 1:
        return rows[0]["id"]
    if len(rows) > 1:
        raise YearbookError(f"有 {len(rows)} 个节点的标题含 “{ref}”，请用 outline 命令查看节点编号（#）。")
    raise NodeNotFound(ref)
