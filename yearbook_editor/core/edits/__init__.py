"""Edits: plain data describing one change, applied by the core as one transaction.

``apply_edit(store, edit, author=, reason=)`` updates the current state and appends one
revision row per changed field in the same transaction, and returns :class:`Applied`: the
inverse edit (what undo applies) and the :class:`ChangeSet` (what changed, computed before
the commit). The GUI wraps edits in undo commands; the command line applies them directly.
Nothing is ever overwritten without a revision and nothing is deleted: a merged-away block
or a removed heading is kept with ``deleted = 1``. The current state can always be rebuilt
from the source plus the revisions (:func:`rebuild_blocks`, :func:`verify_volume`).

The modules, by what they hold:

* :mod:`.base` — the :class:`Edit` base class (label key, reason code), field changes,
  :class:`ChangeSet`, :func:`apply_edit`, RestoreFields (the inverse of most edits), Batch.
* :mod:`.text` — SetBlockText.
* :mod:`.layout` — SetBlockKind, MergeBlocks, SplitBlock, MoveBlock, ConfirmBreak.
* :mod:`.structure` — ShiftNodeDepth, MakeEntryTitle, MakeHeading, MakeParagraph.
* :mod:`.review` — SetNodeStatus, FixFindings (a fix and the findings it closes).
* :mod:`.tags` — TagNodes, UntagNodes.
* :mod:`.reasons` — the stored reason codes and their words.
* :mod:`.history` — history, rebuild_blocks, verify_volume.
* :mod:`.steps` — the history as steps (what the editor did, one per edit or batch), restore a step.

Adding an edit with undo touches its module, its label and one test: a frozen dataclass
deriving from :class:`Edit` in the module of what it changes, with ``LABEL`` (its English name)
and ``REASON`` (a code of :mod:`.reasons`), and a ``@handler.register`` function that changes
fields with ``set_field`` and returns ``(changes, inverse)`` (``inverse_of(changes)`` when the
inverse is "set these fields back"); the label goes into ``gui/session.py``'s ``EDIT_LABELS``
(and its translation into the .ts); callers import the edit from its module (or from here, when
it is re-exported below). The change set, the revision rows, the outline re-derivation, the
undo stack and the Edit menu text follow without further registration.
"""

from ..model import title_from_block_text
from .base import (
    BLOCK_FIELDS,
    FINDING_FIELDS,
    NODE_FIELDS,
    STRUCTURAL,
    Applied,
    Batch,
    ChangeSet,
    Edit,
    FieldChange,
    FieldValue,
    RestoreFields,
    StructureError,
    apply_edit,
    handler,
)
from .history import Problem, history, rebuild_blocks, subtree_node_ids, verify_volume
from .layout import ConfirmBreak, MergeBlocks, MoveBlock, SetBlockKind, SplitBlock
from .reasons import REASON_CODES, reason_code, reason_text, split_reason
from .review import FINDING_STATUSES, REVIEW_STATUS_LABELS, REVIEW_STATUSES, FixFindings, SetNodeStatus
from .steps import STEP_LABELS, Step, group_steps, restore_step, step_revisions
from .structure import MakeEntryTitle, MakeHeading, MakeParagraph, ShiftNodeDepth
from .tags import TagError, TagNodes, UntagNodes
from .text import SetBlockText


def edit_classes() -> list[type[Edit]]:
    """Every edit class (each has a label key and a reason code)."""
    out, todo = [], [Edit]
    while todo:
        for sub in todo.pop().__subclasses__():
            out.append(sub)
            todo.append(sub)
    return sorted(out, key=lambda c: c.__name__)


__all__ = [
    "BLOCK_FIELDS",
    "FINDING_FIELDS",
    "FINDING_STATUSES",
    "NODE_FIELDS",
    "REASON_CODES",
    "REVIEW_STATUSES",
    "REVIEW_STATUS_LABELS",
    "STEP_LABELS",
    "STRUCTURAL",
    "Applied",
    "Batch",
    "ChangeSet",
    "ConfirmBreak",
    "Edit",
    "FieldChange",
    "FieldValue",
    "FixFindings",
    "MakeEntryTitle",
    "MakeHeading",
    "MakeParagraph",
    "MergeBlocks",
    "MoveBlock",
    "Problem",
    "RestoreFields",
    "SetBlockKind",
    "SetBlockText",
    "SetNodeStatus",
    "ShiftNodeDepth",
    "SplitBlock",
    "Step",
    "StructureError",
    "TagError",
    "TagNodes",
    "UntagNodes",
    "apply_edit",
    "edit_classes",
    "group_steps",
    "handler",
    "history",
    "reason_code",
    "reason_text",
    "rebuild_blocks",
    "restore_step",
    "split_reason",
    "step_revisions",
    "subtree_node_ids",
    "title_from_block_text",
    "verify_volume",
]
