"""The stored outline of a volume as it now stands (edits included), and its statistics.

``stats`` gives the figures an editor writes into the 编辑说明: how many 类目, 分目, 子目
and 条目 the volume has and how many characters its text holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import NODE_KIND_LABELS, BlockKind, NodeKind
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
    depth: int = 0
    children: list[OutlineNode] = field(default_factory=list)
    entries: int = 0  # 条目 in this node's subtree (itself included)

    @property
    def label(self) -> str:
        return NODE_KIND_LABELS.get(NodeKind(self.kind), self.kind)


def load_outline(store: Store, volume_id: int) -> list[OutlineNode]:
    """The top nodes of the volume, each with its children, in reading order."""
    rows = store.query(
        "SELECT id, kind, title, parent_id, line_start, line_end, uncertain, status FROM nodes"
        " WHERE volume_id = ? ORDER BY seq",
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
        for r in store.query("SELECT kind, count(*) AS n FROM nodes WHERE volume_id = ? GROUP BY kind", (volume_id,))
    }
    chars = 0
    blocks = paragraphs = uncertain = 0
    for r in store.query("SELECT kind, text, uncertain FROM blocks WHERE volume_id = ?", (volume_id,)):
        blocks += 1
        uncertain += r["uncertain"]
        if r["kind"] == BlockKind.NOISE:
            continue
        if r["kind"] == BlockKind.PARAGRAPH:
            paragraphs += 1
        chars += len(strip_ws(r["text"]))
    uncertain += store.scalar("SELECT count(*) FROM nodes WHERE volume_id = ? AND uncertain = 1", (volume_id,)) or 0
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
