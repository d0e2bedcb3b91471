"""What every rule works with: the :class:`Finding`, the :class:`CheckContext` (the volume's
repaired blocks as they now stand) and small helpers.

A rule is a function ``rule(ctx) -> Iterable[Finding]``. It sees only live, non-furniture
blocks (``blocks.deleted = 0`` and ``kind != 'noise'``), in reading order, with their current
text (revisions applied). Offsets (``start``, ``end``) are offsets in that current text.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property

from ..store import Store

#: characters regarded as Chinese text (ideographs)
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{HAN}]")

#: Chinese numerals: a figure written in words ("十二个", "第十条")
CN_DIGITS = "〇零一二三四五六七八九十百千万亿两几数半"


@dataclass
class Finding:
    """One suspect place.

    ``code`` names the rule (e.g. ``blank.figure``, ``char.confusable``); ``params`` holds
    everything a message needs (the GUI builds its own text from code + params); ``message``
    is the Chinese sentence for an editor. ``start``/``end`` are offsets in the block's text
    *as it was when checked* (``block_text``); ``suggestion`` replaces ``block_text[start:end]``
    (None: no automatic fix). ``group`` ties related findings (the blanks of one entry that
    must add up). ``key`` is what the fingerprint remembers instead of offsets (defaults to the
    matched text); ``id``/``status`` are set once the finding is stored.
    """

    code: str
    node_id: int | None
    block_id: int | None
    start: int
    end: int
    params: dict = field(default_factory=dict)
    message: str = ""
    suggestion: str | None = None
    group: str | None = None
    key: str = ""
    block_text: str = ""  # the block's text the offsets refer to (not stored)
    line: int = 0  # the block's first source line (for display)
    id: int | None = None
    status: str = "open"
    fingerprint: str = ""

    @property
    def matched(self) -> str:
        return self.block_text[self.start : self.end]

    @property
    def kind(self) -> str:
        """The family of the rule: blank, char, punct, note, consistency."""
        return self.code.split(".", 1)[0]

    def context(self, width: int = 12) -> tuple[str, str, str]:
        """(before, matched, after) around the finding, at most ``width`` characters each side. A
        finding no longer open (fixed, ignored) shows the text as it was when last found (``seen``,
        kept by ``save_findings``): the paragraph may have changed since, and its old place with it."""
        seen = self.params.get("seen") if self.status != "open" else None
        if isinstance(seen, list) and len(seen) == 3 and all(isinstance(x, str) for x in seen):
            return seen[0][-width:] if width else "", seen[1], seen[2][:width]
        t = self.block_text
        return t[max(0, self.start - width) : self.start], t[self.start : self.end], t[self.end : self.end + width]

    def as_dict(self) -> dict:
        before, match, after = self.context()
        return {
            "id": self.id,
            "code": self.code,
            "status": self.status,
            "node_id": self.node_id,
            "block_id": self.block_id,
            "line": self.line,
            "start": self.start,
            "end": self.end,
            "matched": match,
            "before": before,
            "after": after,
            "message": self.message,
            "suggestion": self.suggestion,
            "group": self.group,
            "params": self.params,
            "fingerprint": self.fingerprint,
        }


@dataclass
class BlockRow:
    id: int
    node_id: int | None
    kind: str
    role: str
    level: int
    text: str
    line_start: int
    line_end: int


@dataclass
class NodeRow:
    id: int
    parent_id: int | None
    kind: str
    title: str
    depth: int
    title_block_id: int | None


_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d\d)")


@dataclass
class CheckContext:
    """The volume as the rules see it. Built once per run by :func:`load_context`."""

    store: Store
    volume_id: int
    title: str
    blocks: list[BlockRow]
    nodes: dict[int, NodeRow]
    words: object = None  # checks.words.WordLists, set by the runner

    @cached_property
    def volume_year(self) -> int | None:
        """The year in the volume's title (年鉴（2020）→ 2020); None when it has none."""
        m = _YEAR_IN_TITLE.search(self.title)
        return int(m.group(1)) if m else None

    @cached_property
    def described_year(self) -> int | None:
        """The year the volume describes: what the 编辑说明 says (记述 2019 年度), else the title's
        year minus one (a 2020 yearbook describes 2019)."""
        for b in self.blocks[:80]:
            m = re.search(r"(?:记述|记载|收录|反映)[^。]{0,20}?((?:19|20)\d\d)\s*年", b.text)
            if m:
                return int(m.group(1))
        return self.volume_year - 1 if self.volume_year and "年鉴" in self.title else None

    @cached_property
    def place(self) -> str:
        return place_of(self.title)

    @cached_property
    def by_id(self) -> dict[int, BlockRow]:
        return {b.id: b for b in self.blocks}

    @cached_property
    def joined(self) -> str:
        """Every block's text, one block a line: rules run one regex over the whole volume."""
        return "\n".join(b.text.replace("\n", " ") for b in self.blocks)

    @cached_property
    def starts(self) -> list[int]:
        out, pos = [], 0
        for b in self.blocks:
            out.append(pos)
            pos += len(b.text) + 1
        return out

    def scan(self, pattern: re.Pattern, kinds: tuple[str, ...] | None = None):
        """(block, match, base) for each match of ``pattern`` in the volume; offsets in the
        block's text are ``m.start() - base``. Patterns must not match across a newline."""
        from bisect import bisect_right

        starts = self.starts
        for m in pattern.finditer(self.joined):
            i = bisect_right(starts, m.start()) - 1
            b = self.blocks[i]
            if kinds is None or b.kind in kinds:
                yield b, m, starts[i]

    def node_kind(self, node_id: int | None) -> str:
        n = self.nodes.get(node_id) if node_id is not None else None
        return n.kind if n else ""

    def ancestors(self, node_id: int | None):
        seen = 0
        while node_id is not None and node_id in self.nodes and seen < 50:
            n = self.nodes[node_id]
            yield n
            node_id = n.parent_id
            seen += 1

    def in_document(self, node_id: int | None) -> bool:
        """The block stands in a report, speech or regulation (特载, 文件选要)."""
        return any(n.kind in ("document", "section") for n in self.ancestors(node_id))

    def finding(self, code: str, b: BlockRow, start: int, end: int, message: str, **kw) -> Finding:
        return Finding(code=code, node_id=b.node_id, block_id=b.id, start=start, end=end, message=message,
                       block_text=b.text, line=b.line_start, **kw)


def place_of(title: str) -> str:
    """The place a volume is about: its title up to the year (兰州市城关区年鉴（2020）→ 兰州市城关区年鉴)."""
    t = re.split(r"[（(]?\s*(?:19|20)\d\d", title, maxsplit=1)[0]
    return t.strip(" 《》（）()") or title.strip()


def load_context(store: Store, volume_id: int) -> CheckContext:
    title = store.scalar("SELECT title FROM volumes WHERE id = ?", (volume_id,)) or ""
    blocks = [
        BlockRow(*r)
        for r in store.conn.execute(
            "SELECT id, node_id, kind, role, level, text, line_start, line_end FROM blocks"
            " WHERE volume_id = ? AND deleted = 0 AND kind != 'noise' ORDER BY seq",
            (volume_id,),
        ).fetchall()
    ]
    return CheckContext(store, volume_id, title, blocks, load_nodes(store, volume_id))


def load_nodes(store: Store, volume_id: int) -> dict[int, NodeRow]:
    """The live outline nodes of the volume, in outline order."""
    return {
        r[0]: NodeRow(*r)
        for r in store.conn.execute(
            "SELECT id, parent_id, kind, title, depth, title_block_id FROM nodes WHERE volume_id = ? AND deleted = 0"
            " ORDER BY seq",
            (volume_id,),
        ).fetchall()
    }


def fingerprint(f: Finding, occurrence: int) -> str:
    """Stable identity of a finding across re-runs: rule, block, the text it is about (not its
    offsets, which shift as the editor types elsewhere in the paragraph) and which occurrence of
    that text in the block it is."""
    key = f.key or f.matched
    raw = json.dumps([f.code, f.block_id if f.block_id is not None else f"n{f.node_id}", key, occurrence],
                     ensure_ascii=False)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


def assign_fingerprints(findings: list[Finding]) -> None:
    seen: dict[tuple, int] = {}
    for f in findings:
        k = (f.code, f.block_id, f.node_id, f.key or f.matched)
        n = seen.get(k, 0)
        seen[k] = n + 1
        f.fingerprint = fingerprint(f, n)


def trim(s: str, n: int = 16) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"
