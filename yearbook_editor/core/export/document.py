"""The volume as it now stands, flattened for the exporters.

Every exporter (text, Markdown, Word, JSON) reads the same list of :class:`Item`: the
blocks in reading order with revisions applied, furniture and merged-away blocks left out,
each knowing its node, the node's kind and its place in the tree. Export options pick
whole volume or some 类目, and leave out nodes nobody has reviewed yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import BlockKind
from ..progress import NO_PROGRESS, Progress
from ..store import Store


@dataclass(frozen=True)
class ExportOptions:
    node_ids: tuple[int, ...] = ()  # only these nodes and everything under them (empty: whole volume)
    include_unreviewed: bool = True  # False: leave out nodes whose review status is still 未校
    include_index: bool = False  # add the subject index (when the volume has one)
    encoding: str = "utf-8"  # text exports: 'utf-8' or 'gb18030'
    paper: str = "a4"  # Word: a key of word_style.PAPERS ('a4', '16k')
    replace_read_only: bool = False  # replace an existing read-only target (else TargetReadOnly)


@dataclass(frozen=True)
class Item:
    kind: str  # BlockKind value
    text: str
    block_id: int
    role: str
    node_id: int | None
    node_kind: str | None
    depth: int  # the node's place in the tree (1 = 类目); 0 when outside any node
    is_title: bool  # the block names its node


@dataclass
class ExportDocument:
    title: str
    volume_id: int
    items: list[Item] = field(default_factory=list)


def _tree(store: Store, volume_id: int) -> dict[int, dict]:
    nodes = {
        r["id"]: r
        for r in store.query(
            "SELECT id, parent_id, kind, title, status, title_block_id, anchor_block_id FROM nodes"
            " WHERE volume_id = ? AND deleted = 0 ORDER BY seq",
            (volume_id,),
        )
    }
    for n in nodes.values():  # pre-order: parents are seen first
        parent = nodes.get(n["parent_id"]) if n["parent_id"] is not None else None
        n["depth"] = parent["depth"] + 1 if parent else 1
    return nodes


def _selected(nodes: dict[int, dict], roots: tuple[int, ...]) -> set[int] | None:
    if not roots:
        return None
    chosen = set(roots)
    for n in nodes.values():  # pre-order: a parent is decided before its children
        if n["parent_id"] in chosen:
            chosen.add(n["id"])
    return chosen


def _reviewed(nodes: dict[int, dict]) -> set[int]:
    """Nodes that count as reviewed: reviewed themselves or under a reviewed node, and the
    headings above a reviewed node (so its place in the tree is kept)."""
    ok: set[int] = set()
    for n in nodes.values():
        if n["status"] != "unreviewed" or n["parent_id"] in ok:
            ok.add(n["id"])
    for nid in list(ok):
        p = nodes[nid]["parent_id"]
        while p is not None and p not in ok:
            ok.add(p)
            p = nodes[p]["parent_id"]
    return ok


def build_document(
    store: Store,
    volume_id: int,
    options: ExportOptions = ExportOptions(),
    progress: Progress = NO_PROGRESS,
    *,
    untitled_headings: bool = False,
) -> ExportDocument:
    """The volume's items in reading order. ``untitled_headings``: a node the outline knows
    but whose heading is not printed (a 类目 named only in the 编辑说明) gets a heading item
    of its own (``block_id`` 0) before its first block, for formats that show the outline."""
    title = store.scalar("SELECT title FROM volumes WHERE id = ?", (volume_id,)) or ""
    nodes = _tree(store, volume_id)
    chosen = _selected(nodes, options.node_ids)
    reviewed = None if options.include_unreviewed else _reviewed(nodes)
    title_blocks = {n["title_block_id"] for n in nodes.values() if n["title_block_id"] is not None}
    untitled: dict[int, list[dict]] = {}
    if untitled_headings:
        for n in nodes.values():
            if n["title_block_id"] is None and n["kind"] != "entry" and n["title"].strip() and n["anchor_block_id"]:
                untitled.setdefault(n["anchor_block_id"], []).append(n)
    doc = ExportDocument(title=title, volume_id=volume_id)
    cur = store.conn.execute(
        "SELECT id, kind, role, text, node_id FROM blocks WHERE volume_id = ? AND deleted = 0 ORDER BY seq",
        (volume_id,),
    )
    for i, (bid, kind, role, text, node_id) in enumerate(cur):
        if i % 2000 == 0:
            progress(i, 0, "整理导出内容")
        for n in untitled.pop(bid, ()) if untitled else ():
            if (chosen is None or n["id"] in chosen) and (reviewed is None or n["id"] in reviewed):
                doc.items.append(
                    Item(BlockKind.HEADING, n["title"].strip(), 0, "untitled", n["id"], n["kind"], n["depth"], True)
                )
        if kind == BlockKind.NOISE or not text.strip():
            continue
        if chosen is not None and node_id not in chosen:
            continue
        if reviewed is not None and node_id is not None and node_id not in reviewed:
            continue
        node = nodes.get(node_id) if node_id is not None else None
        doc.items.append(
            Item(
                kind=kind,
                text=text.strip(),
                block_id=bid,
                role=role,
                node_id=node_id,
                node_kind=node["kind"] if node else None,
                depth=node["depth"] if node else 0,
                is_title=bid in title_blocks,
            )
        )
    return doc


def heading_level(item: Item) -> int:
    """Heading level for formats that have levels: the node's depth in the tree (1 = 类目)."""
    return max(1, item.depth) if item.is_title else max(1, item.depth + 1)


#: ``paragraphs`` kind of a document's metadata line (occasion, author, date, salutation)
META = "meta"
_DOCUMENT_KINDS = ("document", "section")


def outline_kind(it: Item) -> str:
    """How an item reads in an export that follows the outline: a heading only when it names
    a node (so heading levels are the outline's depth); a heading-shaped line that names no
    node inside a document is the document's metadata (``META``), elsewhere a plain line
    (a table caption, a name, a fragment) exported as a paragraph."""
    if it.kind == BlockKind.HEADING or (it.is_title and it.kind in (BlockKind.PARAGRAPH, BlockKind.ROW)):
        if it.is_title and it.node_kind != "entry":
            return BlockKind.HEADING
        if it.kind == BlockKind.HEADING:
            return META if it.node_kind in _DOCUMENT_KINDS else BlockKind.PARAGRAPH
    return it.kind


def paragraphs(doc: ExportDocument):
    """(kind, text, body, item) per output paragraph: an entry title starts its first
    paragraph; kinds follow :func:`outline_kind` (headings are node titles only)."""
    pending: Item | None = None
    for it in doc.items:
        if it.kind == BlockKind.ENTRY_TITLE:
            if pending is not None:
                yield "entry", pending.text, "", pending
            pending = it
            continue
        kind = outline_kind(it)
        if pending is not None:
            if kind == BlockKind.PARAGRAPH and it.kind == BlockKind.PARAGRAPH:
                yield "entry", pending.text, it.text, pending
                pending = None
                continue
            yield "entry", pending.text, "", pending
            pending = None
        yield kind, it.text, "", it
    if pending is not None:
        yield "entry", pending.text, "", pending

