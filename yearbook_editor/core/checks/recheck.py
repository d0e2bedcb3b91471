"""Re-checking the blocks an edit touched, at once, while the whole run stays in the background.

``Rechecker(store, volume_id).recheck(block_ids) -> Recheck`` runs the rules a paragraph's own
text decides (:data:`LOCAL_CODES`: blanks, characters, half-width marks, middle dots, brackets,
editorial notes) over the given blocks as they now stand, and stores the result the way
:func:`~.runner.save_findings` does: a finding seen before keeps its status, a new one is open,
an open finding of those blocks that no longer occurs becomes fixed (so a finding the editor
fixed by typing leaves the list at once). A block that was merged away or marked as furniture
has no findings any more. The findings are the ones the whole run would store for those blocks
(same fingerprints); what needs the whole volume (percent and ratio style, consistency, structure,
an entry without body, a document written with half-width marks) waits for the next whole run.

The rechecker keeps the volume's check context (blocks, outline, word lists, the character
detector's model, the half-width counts per block) between edits and updates only the edited
blocks in it; :meth:`Rechecker.follow` keeps it in step with a structure edit's change set (blocks that
came or went patched in, the outline read again after a node edit), and only a block moved in reading order
makes it read the volume again.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from types import SimpleNamespace

from ..store import Store
from .base import BlockRow, CheckContext, Finding, assign_fingerprints, load_context, load_nodes
from .blanks import block_blanks
from .characters import recheck_paragraph
from .notes import block_notes
from .punctuation import (
    _DOT_RE,
    _FULL_MARKS,
    _across_blocks,
    _scope_of,
    brackets,
    halfwidth_hits,
    halfwidth_marks,
    middle_dots,
    wholesale,
)
from .runner import save_findings
from .words import load_wordlists

#: the codes a block's own text decides (re-checked after each edit)
LOCAL_CODES = frozenset({
    "blank.figure", "blank.placeholder", "blank.author", "blank.unit",
    "punct.halfwidth", "punct.middle_dot", "punct.bracket_mixed", "punct.unbalanced",
})
LOCAL_FAMILIES = ("char.", "note.")
_BRACKET_KINDS = ("paragraph", "heading", "entry_title")
#: blocks on each side whose brackets may close an edited block's (a paragraph split inside a bracket)
_BRACKET_REACH = 4


def is_local(code: str) -> bool:
    return code in LOCAL_CODES or code.startswith(LOCAL_FAMILIES)


@dataclass
class Recheck:
    """What a re-check found: the blocks' findings as stored (with ``id`` and ``status``)."""

    block_ids: frozenset[int]
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0


class Rechecker:
    """The per-block re-check of one volume (keeps the volume's check context between edits)."""

    def __init__(self, store: Store, volume_id: int):
        self.store = store
        self.volume_id = volume_id
        self._ctx: CheckContext | None = None
        self._kept: dict = {}  # what outlives a reload: word lists, the detector's model, the names
        self._pos: dict[int, int] = {}
        # block → (half-width marks, full-width marks), the blocks with any; built when needed and kept while
        # the texts are (a node edit changes no count, only the scopes: those are found again per node)
        self._half: dict[int, tuple[int, int]] | None = None
        self._scopes: dict[int | None, int | None] = {}  # node → its document (the scope of its blocks' marks)
        self._sums: tuple[int, int, dict] | None = None  # what _half_sums added up
        self._renode: set[int] | None = None  # after a node edit: blocks whose node to read again (outline too)

    def invalidate(self) -> None:
        """Read the blocks and the outline again on the next re-check (after a structure edit the
        outline and the blocks' order changed). The volume's statistics (the detector's model, the
        names, the word lists) are kept: one paragraph more or less does not change them, and
        rebuilding them takes a quarter of a second on a large volume; the whole run renews them."""
        if self._ctx is not None:
            self._kept = {"words": self._ctx.words, "texts": {b.id: b.text for b in self._ctx.blocks},
                          **{k: v for k, v in self._ctx.__dict__.items() if k in ("_char_model", "_char_names")}}
        self._ctx = None

    def _reread(self, texts: dict[int, str], changed: set[int]) -> CheckContext:
        """The blocks' places, kinds and nodes and the outline read again; texts only where they changed."""
        conn = self.store.conn
        rows = conn.execute("SELECT id, node_id, kind, role, level, line_start, line_end FROM blocks"
                            " WHERE volume_id = ? AND deleted = 0 AND kind != 'noise' ORDER BY seq",
                            (self.volume_id,)).fetchall()
        need = [r[0] for r in rows if r[0] in changed or r[0] not in texts]
        texts = dict(texts)
        texts.update(conn.execute("SELECT id, text FROM blocks WHERE id IN (SELECT value FROM json_each(?))",
                                  (_json_ids(need),)).fetchall())
        title = self.store.scalar("SELECT title FROM volumes WHERE id = ?", (self.volume_id,)) or ""
        blocks = [BlockRow(i, node, kind, role, level, texts[i], ls, le) for i, node, kind, role, level, ls, le in rows]
        return CheckContext(self.store, self.volume_id, title, blocks, load_nodes(self.store, self.volume_id))

    def context(self, changed: set[int] = frozenset()) -> CheckContext:
        """The volume as the rules see it (read again after :meth:`invalidate`: the texts of blocks
        other than ``changed`` are taken from the context read before)."""
        if self._ctx is None:
            kept, self._kept = self._kept, {}
            old = kept.pop("texts", None)
            ctx = load_context(self.store, self.volume_id) if old is None else self._reread(old, changed)
            ctx.words = kept.pop("words", None) or load_wordlists(self.store, self.volume_id)
            ctx.__dict__.update(kept)
            self._ctx = ctx
            self._pos = {b.id: i for i, b in enumerate(ctx.blocks)}
            if old is None:
                self._half = None
            self._scopes, self._sums = {}, None
            self._renode = None
        elif self._renode is not None:
            self._read_nodes(self._ctx, self._renode)
        return self._ctx

    def _read_nodes(self, ctx: CheckContext, moved: set[int]) -> None:
        """The outline read again, and the node of the blocks that moved to another one."""
        self._renode = None
        ctx.nodes = load_nodes(self.store, self.volume_id)
        rows = self.store.conn.execute("SELECT id, node_id FROM blocks WHERE id IN (SELECT value FROM json_each(?))",
                                       (_json_ids(moved),)).fetchall()
        for block_id, node_id in rows:
            i = self._pos.get(block_id)
            if i is not None:
                ctx.blocks[i] = replace(ctx.blocks[i], node_id=node_id)
        for name in ("by_id", "_structure_title_ids"):
            ctx.__dict__.pop(name, None)
        self._scopes, self._sums = {}, None  # a node's document (the scope of its blocks' marks) may have changed with its parents

    def _half_table(self) -> dict[int, tuple[int, int]]:
        if self._half is None:
            ctx = self.context()
            self._half, self._sums = {}, None
            for b in ctx.blocks:
                counts = self._half_counts(b)
                if counts != (0, 0):
                    self._half[b.id] = counts
        return self._half

    def _half_sums(self, ctx: CheckContext) -> tuple[int, int, dict]:
        """The volume's half- and full-width marks, and each scope's: added up once, then kept until
        a count, a block's place or a scope changes (a re-check of every block looks at them each)."""
        if self._sums is None:
            half = full = 0
            by_scope: dict[int | None, tuple[int, int]] = {}
            blocks, pos = ctx.blocks, self._pos
            for block_id, (h, f) in self._half_table().items():
                i = pos.get(block_id)
                if i is None:
                    continue  # a block gone since (after the volume was read again its counts stay behind)
                half += h
                full += f
                scope = self._scope(ctx, blocks[i])
                sh, sf = by_scope.get(scope, (0, 0))
                by_scope[scope] = (sh + h, sf + f)
            self._sums = (half, full, by_scope)
        return self._sums

    def _scope(self, ctx: CheckContext, b: BlockRow) -> int | None:
        node = b.node_id
        if node not in self._scopes:
            self._scopes[node] = _scope_of(ctx, b)
        return self._scopes[node]

    def warm(self) -> Rechecker:
        """Build everything the first re-check needs (the context, the detector's model, the names):
        run on a connection of its own in the background, then :meth:`adopt`."""
        from .characters import collect_names, volume_model

        ctx = self.context()
        volume_model(ctx)
        ctx.__dict__["_char_names"] = collect_names(ctx)
        self._half_table()
        return self

    def has_context(self) -> bool:
        return self._ctx is not None

    def adopt(self, other: Rechecker) -> None:
        """Take over what ``other`` (warmed on another connection of the same store) built."""
        if other._ctx is None or other.volume_id != self.volume_id:
            return
        other._ctx.store = self.store
        self._ctx, self._pos, self._half = other._ctx, other._pos, other._half_table()
        self._scopes, self._sums = {}, None

    @staticmethod
    def _half_counts(b: BlockRow) -> tuple[int, int]:
        if b.kind == "row":
            return 0, 0
        return len(halfwidth_hits(b.text)), len(_FULL_MARKS.findall(b.text))

    def follow(self, changes) -> None:
        """After an edit (its ``ChangeSet``): a block moved in reading order makes the volume be
        read again; nodes added, removed, moved or renamed make the outline (1,700 nodes: 3 ms) and
        the node of each block the edit says moved be read again; blocks that came or went (a merge,
        a split, a line marked as furniture) are patched in by :meth:`recheck` itself."""
        if changes.order:
            self.invalidate()
        elif changes.nodes or changes.outline or changes.moved:
            self._renode = (self._renode or set()) | set(changes.moved)

    def sync(self, block_ids: Iterable[int]) -> None:
        """Bring the kept context up to date after an edit of these blocks without checking them
        (nothing to do when no context is kept: the next one is read as the volume stands)."""
        if self._ctx is not None:
            self._update({int(i) for i in block_ids})

    def _update(self, block_ids: set[int]) -> None:
        """Bring the edited blocks of the kept context up to date (blocks that came or went patched
        in, or the context read again when that cannot be done)."""
        ctx = self.context(block_ids)
        rows = self.store.conn.execute(
            "SELECT id, node_id, kind, role, level, text, line_start, line_end, deleted, seq FROM blocks"
            " WHERE volume_id = ? AND id IN (SELECT value FROM json_each(?))",
            (self.volume_id, _json_ids(block_ids)),
        ).fetchall()
        live = [r for r in rows if not r[8] and r[2] != "noise"]
        gone = {i for i in block_ids if i in self._pos} - {r[0] for r in live}
        came = [r for r in live if r[0] not in self._pos]
        if (gone or came) and not self._patch(ctx, gone, came):
            self.invalidate()  # the order or the outline changed in a way a patch cannot follow
            ctx = self.context(block_ids)  # (then the edited blocks as below: their counts of marks)
        for r in live:
            b = BlockRow(*r[:8])
            ctx.blocks[self._pos[b.id]] = b
            self._sums = None
            if self._half is not None:
                counts = self._half_counts(b)
                if counts != (0, 0):
                    self._half[b.id] = counts
                else:
                    self._half.pop(b.id, None)
        for name in ("by_id", "joined", "starts"):
            ctx.__dict__.pop(name, None)

    def _patch(self, ctx: CheckContext, gone: set[int], came: list) -> bool:
        """Take blocks out of the kept context and put new ones in at their places in reading
        order, without reading the volume again (a re-check after a merge on 000: 14 ms instead of 85). Only when
        none of them starts or names a node: then no other block changed its node (a block belongs
        to the last node started before it), and the outline is as it was."""
        conn = self.store.conn
        ids = _json_ids(gone | {r[0] for r in came})
        if conn.execute("SELECT 1 FROM nodes WHERE volume_id = :v AND deleted = 0 AND (anchor_block_id IN"
                        " (SELECT value FROM json_each(:ids)) OR title_block_id IN (SELECT value FROM json_each(:ids)))"
                        " LIMIT 1", {"v": self.volume_id, "ids": ids}).fetchone():
            return False
        after: dict[int | None, list] = {}  # the block each new one follows in reading order (None: first)
        for r in sorted(came, key=lambda r: r[9]):
            prev = conn.execute("SELECT id FROM blocks WHERE volume_id = ? AND deleted = 0 AND kind != 'noise'"
                                " AND seq < ? ORDER BY seq DESC LIMIT 1", (self.volume_id, r[9])).fetchone()
            after.setdefault(prev[0] if prev else None, []).append(BlockRow(*r[:8]))
        blocks: list[BlockRow] = []

        def put_after(block_id: int | None) -> None:
            for b in after.pop(block_id, ()):
                blocks.append(b)
                put_after(b.id)

        put_after(None)
        for b in ctx.blocks:
            if b.id not in gone:
                blocks.append(b)
                put_after(b.id)
        if after:
            return False  # a new block follows one the context does not hold
        ctx.blocks[:] = blocks
        self._pos = {b.id: i for i, b in enumerate(blocks)}
        self._sums = None
        if self._half is not None:
            for i in gone:
                self._half.pop(i, None)
        return True

    def recheck(self, block_ids: Iterable[int]) -> Recheck:
        """Check these blocks again and store their findings; returns them."""
        t0 = time.perf_counter()
        ids = {int(i) for i in block_ids}
        self._update(ids)
        ctx = self.context()
        found: list[Finding] = []
        for i in sorted(self._pos[i] for i in ids if i in self._pos):
            found += self.block_findings(ctx.blocks[i], i)
        found.sort(key=lambda f: (self._pos.get(f.block_id, 0), f.start, f.code))
        assign_fingerprints(found)
        if not self.store.read_only:
            save_findings(self.store, self.volume_id, found,
                          covers=lambda code, block_id: block_id in ids and is_local(code))
        return Recheck(frozenset(ids), found, time.perf_counter() - t0)

    def block_findings(self, b: BlockRow, pos: int) -> list[Finding]:
        """The local findings of one block (not stored, no fingerprints)."""
        ctx = self.context()
        out = block_blanks(ctx, b) + recheck_paragraph(ctx, b)
        out += self._halfwidth(ctx, b)
        if _DOT_RE.search(b.text):
            out += middle_dots(ctx, b)
        if b.kind in _BRACKET_KINDS:
            out += self._brackets(ctx, b, pos)
        out += block_notes(ctx, b)
        return out

    def _halfwidth(self, ctx: CheckContext, b: BlockRow) -> list[Finding]:
        if b.kind == "row":
            return []
        hits = halfwidth_hits(b.text)
        if not hits:
            return []
        half, full, by_scope = self._half_sums(ctx)
        scope = self._scope(ctx, b)
        s_half, s_full = by_scope.get(scope, (0, 0))
        if wholesale(half, full) or (scope is not None and wholesale(s_half, s_full)):
            return []  # one finding for the whole document: the whole run's
        return halfwidth_marks(ctx, b, hits)

    def _brackets(self, ctx: CheckContext, b: BlockRow, pos: int) -> list[Finding]:
        """Unpaired brackets of the block, less those a neighbouring block closes (as the whole run)."""
        lo, hi = max(0, pos - _BRACKET_REACH), min(len(ctx.blocks), pos + _BRACKET_REACH + 1)
        found: list[Finding] = []
        for x in ctx.blocks[lo:hi]:
            if x.kind in _BRACKET_KINDS:
                found += brackets(ctx, x)
        near = SimpleNamespace(blocks=ctx.blocks[lo:hi])  # the pairing only needs the blocks' order
        return [f for f in _across_blocks(near, found) if f.block_id == b.id]


def _json_ids(ids: Iterable[int]) -> str:
    import json

    return json.dumps(sorted(ids))
