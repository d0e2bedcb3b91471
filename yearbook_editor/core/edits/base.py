"""What every edit shares: the base class, field changes, the change set, and applying.

``apply_edit(store, edit, author=, reason=)`` runs one ``BEGIN IMMEDIATE`` transaction: the
edit's handler changes fields through :func:`set_field` (each change noted as a
:class:`FieldChange`), one revision row is appended per changed block or node field, the
outline is re-derived when a structural field changed, and the :class:`ChangeSet` is
computed from the noted changes before the commit. It returns :class:`Applied` (the
inverse edit, what undo applies, and the change set).

An edit class is a frozen dataclass deriving from :class:`Edit`; it names its label key
(``LABEL``: the English text the GUI translates for Edit ▸ Undo …) and its default reason
code (``REASON``: see :mod:`.reasons`), and registers its handler with ``@handler.register``.
A handler returns ``(changes, inverse)``.

Finding statuses (target ``finding``) are changed like fields and restored by the inverse,
but get no revision row: findings are advice about the text, not the text.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from functools import singledispatch
from typing import ClassVar, NamedTuple

from ..errors import EditConflict, NodeNotFound, YearbookError
from ..model import title_from_block_text
from ..store import Store, now_iso
from ..structure import recompute_outline
from .reasons import reason_code

#: Fields an edit may change, per target. Changing any of the STRUCTURAL ones re-derives
#: the outline. 'created' is not a column: its revision holds the new row as JSON.
BLOCK_FIELDS = ("text", "kind", "level", "pieces", "seq", "deleted", "uncertain", "soft_joins")
NODE_FIELDS = ("kind", "depth", "deleted", "status", "anchor_block_id", "title_block_id")
FINDING_FIELDS = ("status",)
STRUCTURAL = {("block", "seq"), ("block", "deleted"), ("block", "kind"), ("node", "depth"),
              ("node", "deleted"), ("node", "anchor_block_id"), ("node", "created"), ("block", "created")}
_TABLE = {"block": "blocks", "node": "nodes", "finding": "findings"}
_FIELDS = {"block": BLOCK_FIELDS, "node": NODE_FIELDS, "finding": FINDING_FIELDS}
#: targets whose changes are revisions (the stored history of the volume)
RECORDED = ("block", "node")


class StructureError(YearbookError):
    """A layout or structure edit that cannot be made here (the message says why)."""


class Edit:
    """Base of every edit: plain data, applied by :func:`apply_edit`."""

    #: label key: the English name of the step (Edit ▸ Undo …), translated by the GUI
    LABEL: ClassVar[str] = "Several changes"
    #: the stored reason code when the caller gives none (see :mod:`.reasons`)
    REASON: ClassVar[str] = "edit"

    def label_key(self) -> str:
        return self.LABEL

    def label_arg(self, store: Store) -> str:
        """What fills ``%1`` in the label ('' for labels without one)."""
        return ""


@dataclass(frozen=True)
class FieldChange:
    """One changed field (``created``: a new row, ``new`` its JSON)."""

    volume_id: int
    target: str  # 'block', 'node', 'finding' or 'title' (a node's derived title)
    target_id: int
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class ChangeSet:
    """What an applied edit (or its undo) changed, computed in its transaction."""

    blocks: frozenset[int] = frozenset()  # blocks with any changed field (created and deleted ones included)
    nodes: frozenset[int] = frozenset()  # nodes whose title, status or place changed
    kinds: frozenset[int] = frozenset()  # blocks whose kind changed, or that were created or deleted
    statuses: bool = False  # review statuses changed (progress figures)
    structure: bool = False  # the outline was re-derived (reload the tree)
    extra: dict = field(default_factory=dict, compare=False)
    tags: frozenset[int] = frozenset()  # nodes whose tags changed
    created: frozenset[int] = frozenset()  # blocks made by the edit, or brought back (the undo of a merge)
    deleted: frozenset[int] = frozenset()  # blocks removed (merged away) by the edit
    findings: frozenset[int] = frozenset()  # findings whose status changed
    outline: bool = False  # a node's derived place, parent, line span or title changed (with ``structure``)
    moved: frozenset[int] = frozenset()  # blocks that now belong to another node (derived)
    order: bool = False  # a block moved to another place in reading order

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(
            self.blocks | other.blocks,
            self.nodes | other.nodes,
            self.kinds | other.kinds,
            self.statuses or other.statuses,
            self.structure or other.structure,
            tags=self.tags | other.tags,
            created=self.created | other.created,
            deleted=self.deleted | other.deleted,
            findings=self.findings | other.findings,
            outline=self.outline or other.outline,
            moved=self.moved | other.moved,
            order=self.order or other.order,
        )

    def __bool__(self) -> bool:
        return bool(self.blocks or self.nodes or self.statuses or self.structure or self.tags or self.findings)


class Applied(NamedTuple):
    """What :func:`apply_edit` returns: the inverse edit and what changed."""

    inverse: Edit
    changes: ChangeSet


@dataclass(frozen=True)
class FieldValue:
    target: str  # 'block', 'node' or 'finding'
    target_id: int
    field: str
    value: object
    expected: object


@dataclass(frozen=True)
class RestoreFields(Edit):
    """Set fields back to earlier values (the inverse of a layout or structure edit)."""

    LABEL: ClassVar[str] = "Several changes"
    REASON: ClassVar[str] = "restore"
    values: tuple[FieldValue, ...]


@dataclass(frozen=True)
class Batch(Edit):
    """Several edits applied as one step (one transaction, one batch id, undone together)."""

    REASON: ClassVar[str] = "batch"
    edits: tuple
    label: str = ""  # the step's name as the caller gives it (else the label key)

    def label_key(self) -> str:
        return self.label or self.LABEL


# -- applying -----------------------------------------------------------------------------


def apply_edit(store: Store, edit: Edit, *, author: str, reason: str = "") -> Applied:
    """Apply an edit in one transaction; returns its inverse and what changed. Raises on a
    stale edit. ``reason`` is a code of :mod:`.reasons` (default: the edit's own code; known
    words of older versions become their code; any other note is stored as written)."""
    code = reason_code(reason) or reason or edit.REASON
    batch_id = uuid.uuid4().hex if isinstance(edit, Batch) else None
    stamp = now_iso()
    with store.write() as conn:
        changes, inverse = handler(edit, conn)
        conn.executemany(
            "INSERT INTO revisions (volume_id, target, target_id, field, old_value, new_value, author,"
            " created_at, reason, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (c.volume_id, c.target, c.target_id, c.field, c.old, c.new, author, stamp, code, batch_id)
                for c in changes
                if c.target in RECORDED
            ],
        )
        rederived = sorted({c.volume_id for c in changes if (c.target, c.field) in STRUCTURAL})
        outline, moved = False, set()
        for volume_id in rederived:
            o, m = recompute_outline(conn, volume_id, _blocks_only(changes, volume_id), *_nodes_only(changes, volume_id))
            outline, moved = outline or o, moved | m
        change_set = _change_set(changes, bool(rederived), outline, moved)
    return Applied(inverse, change_set)


#: structural changes that leave the nodes and the blocks' order as they were
_BLOCKS_ONLY = {("block", "deleted"), ("block", "created"), ("block", "kind")}


def _structural(changes: list[FieldChange], volume_id: int) -> list[FieldChange]:
    return [c for c in changes if c.volume_id == volume_id and (c.target, c.field) in STRUCTURAL]


def _blocks_only(changes: list[FieldChange], volume_id: int) -> frozenset[int] | None:
    """The blocks whose structural fields changed, when only blocks came, went or changed kind
    (the outline can then be brought up to date around them); None otherwise."""
    mine = _structural(changes, volume_id)
    if not all((c.target, c.field) in _BLOCKS_ONLY for c in mine):
        return None
    return frozenset(c.target_id for c in mine)


#: structural changes that leave every block in its place (nodes made, removed, promoted or demoted)
_NODES_ONLY = {("node", "deleted"), ("node", "created"), ("node", "depth"), ("block", "kind")}


def _nodes_only(changes: list[FieldChange], volume_id: int) -> tuple:
    """(nodes changed, blocks whose kind changed, nodes made or removed) when those are the only
    structural changes (then the outline can be worked out from the nodes alone); else Nones."""
    mine = _structural(changes, volume_id)
    nodes = frozenset(c.target_id for c in mine if c.target == "node")
    if not nodes or not all((c.target, c.field) in _NODES_ONLY for c in mine):
        return None, None, None
    return (nodes, frozenset(c.target_id for c in mine if c.target == "block"),
            frozenset(c.target_id for c in mine if c.target == "node" and c.field in ("created", "deleted")))


def _change_set(changes: list[FieldChange], rederived: bool, outline: bool = False,
                moved: set[int] = frozenset()) -> ChangeSet:
    def ids(target: str, pred=lambda c: True) -> frozenset[int]:
        return frozenset(c.target_id for c in changes if c.target == target and pred(c))

    blocks = ids("block")
    created = ids("block", lambda c: c.field == "created" or (c.field == "deleted" and not c.new))
    deleted = ids("block", lambda c: c.field == "deleted" and c.new)
    return ChangeSet(
        blocks=blocks,
        nodes=ids("node", lambda c: not c.field.startswith("tag:")) | ids("title"),
        kinds=ids("block", lambda c: c.field == "kind") | created | deleted,
        statuses=any(c.target == "node" and c.field == "status" for c in changes),
        structure=rederived,
        tags=ids("node", lambda c: c.field.startswith("tag:")),
        created=created,
        deleted=deleted,
        findings=ids("finding"),
        outline=outline,
        moved=frozenset(moved),
        order=any(c.target == "block" and c.field == "seq" for c in changes),
    )


# -- low-level field changes --------------------------------------------------------------


def get_field(conn, target: str, target_id: int, name: str):
    if name not in _FIELDS[target] and name != "volume_id":
        raise ValueError(f"{target}.{name} is not an editable field")
    row = conn.execute(f"SELECT {name} FROM {_TABLE[target]} WHERE id = ?", (target_id,)).fetchone()
    if row is None:
        raise NodeNotFound(f"{'段落' if target == 'block' else '节点'} {target_id}")
    return row[0]


def set_field(conn, volume_id: int, target: str, target_id: int, name: str, value, changes: list) -> object:
    """Set one field, noting the change; returns the old value."""
    if name not in _FIELDS[target]:
        raise ValueError(f"{target}.{name} cannot be edited")
    old = get_field(conn, target, target_id, name)
    if old != value:
        if target == "finding":
            conn.execute("UPDATE findings SET status = ?, updated_at = ? WHERE id = ?", (value, now_iso(), target_id))
        else:
            conn.execute(f"UPDATE {_TABLE[target]} SET {name} = ? WHERE id = ?", (value, target_id))
        changes.append(FieldChange(volume_id, target, target_id, name, old, value))
        if target == "block" and name == "text":
            _sync_titles(conn, volume_id, target_id, value, changes)
    return old


def _sync_titles(conn, volume_id: int, block_id: int, text: str, changes: list) -> None:
    """The titles of the nodes this block names follow its text (derived: noted as target
    ``title`` for the change set, no revision, nothing for the inverse to restore)."""
    for node_id, kind, old in conn.execute(
        "SELECT id, kind, title FROM nodes WHERE title_block_id = ?", (block_id,)
    ).fetchall():
        title = title_from_block_text(kind, text)
        if title != old:
            conn.execute("UPDATE nodes SET title = ? WHERE id = ?", (title, node_id))
            changes.append(FieldChange(volume_id, "title", node_id, "title", old, title))


def inverse_of(changes: list[FieldChange]) -> RestoreFields:
    values = []
    for c in reversed(changes):
        if c.target not in _FIELDS:  # derived (a node's title): it follows what is restored
            continue
        if c.field == "created":
            values.append(FieldValue(c.target, c.target_id, "deleted", 1, 0))
        else:
            values.append(FieldValue(c.target, c.target_id, c.field, c.old, c.new))
    return RestoreFields(tuple(values))


def block_row(conn, block_id: int) -> dict:
    """A live block's row (NodeNotFound when it is gone)."""
    cur = conn.execute(
        "SELECT id, volume_id, node_id, seq, kind, role, level, text, pieces, line_start, line_end, deleted"
        " FROM blocks WHERE id = ?",
        (block_id,),
    )
    row = cur.fetchone()
    if row is None or row[-1]:
        raise NodeNotFound(f"段落 {block_id}")
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def source_lines(conn, volume_id: int) -> list[str]:
    """The volume's untouched source text, line by line."""
    row = conn.execute("SELECT text FROM sources WHERE volume_id = ?", (volume_id,)).fetchone()
    return (row[0] if row else "").split("\n")


def anchored_node(conn, block_id: int):
    """The live node a block starts: (id, depth, kind), or None."""
    return conn.execute(
        "SELECT id, depth, kind FROM nodes WHERE anchor_block_id = ? AND deleted = 0 ORDER BY depth LIMIT 1",
        (block_id,),
    ).fetchone()


def live_node_volume(conn, node_id: int) -> int:
    """The volume of a live node (NodeNotFound when it is gone)."""
    row = conn.execute("SELECT volume_id, deleted FROM nodes WHERE id = ?", (node_id,)).fetchone()
    if row is None or row[1]:
        raise NodeNotFound(node_id)
    return row[0]


# -- the handlers -------------------------------------------------------------------------


@singledispatch
def handler(edit, conn) -> tuple[list[FieldChange], Edit]:
    raise TypeError(f"not an edit: {edit!r}")


@handler.register
def _(edit: RestoreFields, conn):
    changes: list[FieldChange] = []
    for v in edit.values:
        vid = conn.execute(f"SELECT volume_id FROM {_TABLE[v.target]} WHERE id = ?", (v.target_id,)).fetchone()
        if vid is None:
            if v.target == "finding":  # findings are advice: one gone since is no reason to refuse
                continue
            raise NodeNotFound(v.target_id)
        current = get_field(conn, v.target, v.target_id, v.field)
        if current != v.expected and v.target != "finding":
            raise EditConflict("内容已被其他操作修改，无法撤销或重做这一步。")
        set_field(conn, vid[0], v.target, v.target_id, v.field, v.value, changes)
    return changes, inverse_of(changes)


@handler.register
def _(edit: Batch, conn):
    changes: list[FieldChange] = []
    inverses = []
    for sub in edit.edits:
        c, inv = handler(sub, conn)
        changes.extend(c)
        inverses.append(inv)
    return changes, Batch(tuple(reversed(inverses)), edit.label)

