"""The document model: what the parser produces and the store keeps.

Plain data, no behaviour beyond small derived properties. Line numbers are 1-based, as an
editor sees them in the source pane; columns are 0-based offsets into the line's text
(the line without its line ending).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"  # prose, joined across wraps and page breaks
    HEADING = "heading"  # a heading on its own line (类目/分目/子目, document title, section heading)
    ENTRY_TITLE = "entry_title"  # 【…】 title; exported at the start of its entry's first paragraph
    ROW = "row"  # one table, list, directory or 目录 row, kept as its own line
    NOISE = "noise"  # page furniture (page numbers, running headers, markers …): never exported


class NodeKind(StrEnum):
    FRONT = "front"  # front matter such as 编辑说明 or 目录
    CATEGORY = "category"  # 类目
    DIVISION = "division"  # 分目
    SUBDIVISION = "subdivision"  # 子目
    ENTRY = "entry"  # 条目 (title in 【】)
    DOCUMENT = "document"  # a report, speech or document (特载, 文件选要, a work report)
    SECTION = "section"  # a numbered section of a document, or a month of 大事记


#: Chinese names of the levels, as editors say them.
NODE_KIND_LABELS = {
    NodeKind.FRONT: "前言",
    NodeKind.CATEGORY: "类目",
    NodeKind.DIVISION: "分目",
    NodeKind.SUBDIVISION: "子目",
    NodeKind.ENTRY: "条目",
    NodeKind.DOCUMENT: "文献",
    NodeKind.SECTION: "节",
}

BLOCK_KIND_LABELS = {
    BlockKind.PARAGRAPH: "段落",
    BlockKind.HEADING: "标题",
    BlockKind.ENTRY_TITLE: "条目标题",
    BlockKind.ROW: "行",
    BlockKind.NOISE: "页面杂项",
}


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of characters of one source line: ``lines[line - 1][start:end]``."""

    line: int
    start: int
    end: int


@dataclass(slots=True)
class Block:
    """One paragraph, heading, entry title, row or piece of furniture, in reading order.

    ``pieces`` are the source runs the block was made from, in the block's reading order;
    ``text`` is those runs joined by :func:`yearbook_editor.core.text.join_runs`.
    """

    kind: BlockKind
    text: str
    pieces: tuple[Piece, ...]
    role: str = ""  # finer label, e.g. noise 'page_number', row 'toc', heading 'letter_spaced'
    level: int = 0  # headings: 1 = 类目, 2 = 分目, 3 = 子目, deeper = document sections; 0 = not a heading
    uncertain: bool = False  # the break before this block is a guess for the editor to confirm
    soft_joins: tuple[int, ...] = ()  # offsets in ``text`` where a join is a guess

    @property
    def line_start(self) -> int:
        return min(p.line for p in self.pieces) if self.pieces else 0

    @property
    def line_end(self) -> int:
        return max(p.line for p in self.pieces) if self.pieces else 0


@dataclass(slots=True)
class Node:
    """One node of the outline: a 类目, 分目, 子目, 条目, document or section.

    Nodes are kept in pre-order. ``parent`` is the index of the parent node (None for a top
    node). The node covers blocks ``first_block`` up to (not including) ``end_block`` of the
    volume's reading order, its children included; ``title_block`` is the index of the
    heading or entry-title block that names it (None for an untitled node).
    """

    kind: NodeKind
    title: str
    parent: int | None
    first_block: int
    end_block: int
    title_block: int | None = None
    uncertain: bool = False  # level or kind is a guess


@dataclass(slots=True)
class ParseResult:
    blocks: list[Block]
    nodes: list[Node]
    title: str = ""  # the volume's title as found in the text ('' when none was found)
    profile: dict = field(default_factory=dict)  # measured figures of the document (JSON-able)


def title_from_block_text(kind: str, text: str) -> str:
    """A node's title as shown in the outline, from its title block's text (an entry's 【】
    and a sub-title line's leading dash are not part of the name)."""
    t = text.strip()
    if kind == NodeKind.ENTRY and len(t) >= 2 and t[0] in "【[" and t[-1] in "】]":
        t = t[1:-1].strip()
    return t.lstrip("—–－-― ").strip() or t
