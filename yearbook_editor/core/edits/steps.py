"""The history as the editor made it: one :class:`Step` per thing done, and restoring a step.

An edit writes all its revisions in one transaction with one time stamp, author and reason
(a :class:`~.base.Batch` also gives them one batch id), so consecutive revisions sharing those
are one step. What the step was is read back from the fields it changed (a removed block is a
merge, a new node a heading, ``tag:<id>`` a tag …) and named by the label key of the edit class
that makes such changes (``MergeBlocks.LABEL`` …) or, for text, by the reason code (a blank
filled, a fix, a replacement); the GUI translates the key. An undo is named after the step it
takes back (its changes read backwards), a redo after the step it does again, a restore after
the changes it made.

:func:`restore_step` makes one edit (a :class:`~.base.Batch`: one new revision batch, undoable)
that sets every field of a step back to what it was before the step, or to what the step
made it. A step that changed only text (or review statuses, tags) is restored whatever the text
became since; a layout or structure step only while all its fields (its text included) are still
as it left them, or all as before it: setting some of them back under later changes would break
the outline or silently drop the later typing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..store import Store
from .base import Batch, Edit, FieldValue, RestoreFields, StructureError, get_field
from .layout import ConfirmBreak, MergeBlocks, MoveBlock, SetBlockKind, SplitBlock
from .review import FixFindings, SetNodeStatus
from .structure import MakeEntryTitle, MakeHeading, MakeParagraph, ShiftNodeDepth
from .tags import TagNodes, UntagNodes, tag_path
from .text import SetBlockText

#: text changes named by their reason code (the edit is SetBlockText or a Batch of them)
TEXT_REASON_LABELS = {
    "fill_blank": "Fill a blank",
    "fix": FixFindings.LABEL,
    "fix_all": "Fix all like this",
    "replace": "Replace",
    "replace_all": "Replace all",
}
RESTORE_LABEL = "Restore an earlier version"
#: every label key a step can have (the GUI has words for each)
STEP_LABELS = (
    MergeBlocks.LABEL, SplitBlock.LABEL, MoveBlock.LABEL, ConfirmBreak.LABEL, SetBlockKind.LABEL,
    SetBlockKind(0, "noise").label_key(), MakeHeading.LABEL, MakeEntryTitle.LABEL, MakeParagraph.LABEL,
    ShiftNodeDepth.LABEL, SetNodeStatus.LABEL, TagNodes.LABEL, UntagNodes.LABEL, SetBlockText.LABEL,
    *TEXT_REASON_LABELS.values(), RESTORE_LABEL, Edit.LABEL,
)
#: fields set back whatever they became since the step; any other field only when untouched since
_FREE = {("block", "text"), ("node", "status"), ("block", "uncertain")}


@dataclass(frozen=True)
class Step:
    """One thing the editor did: its revisions (oldest first), named by a label key."""

    revisions: tuple[dict, ...]
    label: str  # a key of STEP_LABELS
    arg: str = ""  # fills %1: a tag's path, the new heading's kind, the review status set
    mode: str = ""  # 'undo', 'redo' or 'restore' (the label names what was taken back, done again or restored)

    @property
    def id(self) -> int:
        """The step's first revision (what a restore names in its reason)."""
        return self.revisions[0]["id"]

    @property
    def author(self) -> str:
        return self.revisions[0]["author"]

    @property
    def created_at(self) -> str:
        return self.revisions[0]["created_at"]

    @property
    def reason(self) -> str:
        return self.revisions[0]["reason"] or ""

    def text_changes(self) -> list[dict]:
        return [r for r in self.revisions if r["target"] == "block" and r["field"] == "text"]


def _key(r: dict) -> tuple:
    return (r["batch"],) if r["batch"] else (r["created_at"], r["author"], r["reason"])


def group_steps(rows: list[dict], store: Store | None = None) -> list[Step]:
    """Revisions (oldest first, as :func:`~.history.history` lists them) as steps: a run of
    adjacent revisions with one batch id, or one time stamp, author and reason (a node's history
    leaves out the step's revisions elsewhere, so their ids need not follow on). ``store`` names
    tags and the kinds of restored headings."""
    steps: list[list[dict]] = []
    for r in rows:
        if steps and _key(steps[-1][-1]) == _key(r):
            steps[-1].append(r)
        else:
            steps.append([r])
    return [describe(tuple(s), store) for s in steps]


def step_revisions(store: Store, revision_id: int) -> list[dict]:
    """All revisions of the step a revision belongs to (also those outside a node's history)."""
    rows = store.query("SELECT * FROM revisions WHERE id = ?", (revision_id,))
    if not rows:
        return []
    r = rows[0]
    if r["batch"]:
        return store.query("SELECT * FROM revisions WHERE batch = ? ORDER BY id", (r["batch"],))
    same = store.query(
        "SELECT * FROM revisions WHERE volume_id = ? AND created_at = ? AND author = ? AND reason = ?"
        " AND batch IS NULL ORDER BY id", (r["volume_id"], r["created_at"], r["author"], r["reason"]))
    ids = [s["id"] for s in same]
    at = ids.index(revision_id)
    lo = at
    while lo > 0 and ids[lo - 1] == ids[lo] - 1:
        lo -= 1
    hi = at
    while hi + 1 < len(ids) and ids[hi + 1] == ids[hi] + 1:
        hi += 1
    return same[lo:hi + 1]


def describe(revisions: tuple[dict, ...], store: Store | None = None) -> Step:
    """Name a step by the changes it made (an undo by the changes it took back)."""
    code = (revisions[0]["reason"] or "").split(":", 1)[0]
    mode = code if code in ("undo", "redo", "restore") else ""
    changes = [(r["target"], r["target_id"], r["field"], r["old_value"], r["new_value"]) for r in revisions]
    if mode == "undo":  # what was taken back: the same changes the other way round
        changes = [(t, i, f, new, old) for t, i, f, old, new in reversed(changes)]
    label, arg = _label(changes, code, store)
    return Step(revisions, label, arg, mode)


def _label(changes: list[tuple], code: str, store: Store | None) -> tuple[str, str]:
    fields = {(t, f) for t, _i, f, _o, _n in changes}
    tags = [c for c in changes if c[2].startswith("tag:")]
    if tags:
        _t, _i, field, _old, new = tags[0]
        tag_id = int(field[4:])
        name = tag_path(store, tag_id) if store is not None else str(tag_id)
        return (TagNodes.LABEL if _on(new) else UntagNodes.LABEL), name
    kinds = [new for t, _i, f, _o, new in changes if (t, f) == ("block", "kind")]
    if "noise" in kinds:
        return SetBlockKind(0, "noise").label_key(), ""
    if any(old == "noise" for t, _i, f, old, _n in changes if (t, f) == ("block", "kind")):
        return SetBlockKind.LABEL, ""
    made = _made_node(changes, store)
    if made is not None:
        return (MakeEntryTitle.LABEL, "") if made == "entry" else (MakeHeading.LABEL, made)
    if _set(changes, "block", "deleted", 1):
        return MergeBlocks.LABEL, ""
    if ("block", "created") in fields or _set(changes, "block", "deleted", 0):
        return SplitBlock.LABEL, ""
    if _set(changes, "node", "deleted", 1):
        return MakeParagraph.LABEL, ""
    if ("node", "depth") in fields:
        return ShiftNodeDepth.LABEL, ""
    if ("block", "seq") in fields:
        return MoveBlock.LABEL, ""
    if fields == {("block", "uncertain")}:
        return ConfirmBreak.LABEL, ""
    if fields == {("node", "status")}:
        return SetNodeStatus.LABEL, str(changes[-1][4])
    if fields <= {("block", "text"), ("block", "soft_joins")}:
        return TEXT_REASON_LABELS.get(code, SetBlockText.LABEL), ""
    return Edit.LABEL, ""


def _on(value) -> bool:
    return str(value) not in ("0", "", "None")


def _set(changes: list[tuple], target: str, field: str, value) -> bool:
    return any(t == target and f == field and str(new) == str(value) for t, _i, f, _o, new in changes)


def _made_node(changes: list[tuple], store: Store | None) -> str | None:
    """The kind of the node the step made (a heading or an entry title), or None."""
    for t, node_id, f, _old, new in changes:
        if t != "node":
            continue
        if f == "created":
            return str(json.loads(new).get("kind", "")) if new else ""
        if f == "deleted" and str(new) == "0":
            kind = next((n for tt, i, ff, _o, n in changes if (tt, i, ff) == ("node", node_id, "kind")), None)
            if kind is None and store is not None:
                kind = store.scalar("SELECT kind FROM nodes WHERE id = ?", (node_id,))
            return str(kind or "")
    return None


# -- restoring a step -----------------------------------------------------------------------------


def restore_step(store: Store, revision_id: int, after: bool = False) -> Edit | None:
    """One edit setting the fields of a step (the one ``revision_id`` belongs to) back to what
    they were before it (``after``: to what it made them). None when they already are; raises
    StructureError (a sentence) when layout or structure changed since in a way this cannot undo."""
    rows = step_revisions(store, revision_id)
    spans: dict[tuple, list] = {}  # (target, id, field) → [before, after], over the whole step
    for r in rows:
        target, tid, field, old, new = r["target"], r["target_id"], r["field"], r["old_value"], r["new_value"]
        if field == "created":
            field, old, new = "deleted", 1, 0
        span = spans.setdefault((target, tid, field), [old, new])
        span[1] = new
    free, fixed, tags = [], [], {}
    for (target, tid, field), (before, made) in spans.items():
        want, other = (made, before) if after else (before, made)
        if field.startswith("tag:"):
            has = store.scalar("SELECT 1 FROM node_tags WHERE node_id = ? AND tag_id = ?", (tid, int(field[4:])))
            if bool(has) != _on(want):
                tags.setdefault((int(field[4:]), _on(want)), []).append(tid)
            continue
        current = get_field(store.conn, target, tid, field)
        item = (FieldValue(target, tid, field, want, current), current == want, current == other)
        (free if (target, field) in _FREE else fixed).append(item)
    if fixed:  # a layout or structure step: its text too must be as it left it (or as before it)
        fixed, free = fixed + free, []
        if not (all(at for _v, at, _o in fixed) or all(o for _v, _a, o in fixed)):
            raise StructureError("这一步之后，同一处又有修改：请先恢复后来的那些修改，再恢复这一步。")
    values = [v for v, at, _o in (*fixed, *free) if not at]
    if not after:
        values.reverse()
    parts: list[Edit] = [RestoreFields(tuple(values))] if values else []
    for (tag_id, on), node_ids in tags.items():
        parts.append((TagNodes if on else UntagNodes)(tuple(node_ids), tag_id))
    return Batch(tuple(parts), RESTORE_LABEL) if parts else None
