"""Review edits: a node's review status (未校 / 已校 / 已审), and a fix that closes findings.

``FixFindings(edit, finding_ids)`` applies the fix's edit and marks those findings fixed in the
same transaction; its inverse reopens them (restores the statuses they had) together with the
text, so undoing a fix from the checks panel or the editor needs no bookkeeping elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..errors import NodeNotFound
from .base import Batch, Edit, FieldChange, handler, inverse_of, live_node_volume, set_field

REVIEW_STATUSES = ("unreviewed", "checked", "approved")  # 未校 / 已校 / 已审
REVIEW_STATUS_LABELS = {"unreviewed": "未校", "checked": "已校", "approved": "已审"}
FINDING_STATUSES = ("open", "fixed", "ignored")


@dataclass(frozen=True)
class SetNodeStatus(Edit):
    LABEL: ClassVar[str] = "Set review status"
    REASON: ClassVar[str] = "review"
    node_id: int
    status: str


@handler.register
def _(edit: SetNodeStatus, conn):
    if edit.status not in REVIEW_STATUSES:
        raise ValueError(f"unknown review status {edit.status!r}")
    changes: list[FieldChange] = []
    old = set_field(conn, live_node_volume(conn, edit.node_id), "node", edit.node_id, "status", edit.status, changes)
    return changes, SetNodeStatus(edit.node_id, old)


@dataclass(frozen=True)
class FixFindings(Edit):
    """A fix: ``edit`` (the text put right) and the findings it settles, marked ``status``."""

    LABEL: ClassVar[str] = "Fix"
    REASON: ClassVar[str] = "fix"
    edit: Edit
    finding_ids: tuple[int, ...]
    status: str = "fixed"

    @property
    def label(self) -> str:
        """The fix's own name when its edit has one (a fix-all Batch)."""
        return getattr(self.edit, "label", "")

    def label_key(self) -> str:
        return self.label or self.LABEL


@handler.register
def _(edit: FixFindings, conn):
    if edit.status not in FINDING_STATUSES:
        raise ValueError(f"unknown finding status {edit.status!r}")
    changes, inner_inverse = handler(edit.edit, conn)
    marked: list[FieldChange] = []
    for fid in edit.finding_ids:
        row = conn.execute("SELECT volume_id FROM findings WHERE id = ?", (fid,)).fetchone()
        if row is None:
            raise NodeNotFound(f"检查结果 {fid}")
        set_field(conn, row[0], "finding", fid, "status", edit.status, marked)
    return changes + marked, Batch((inverse_of(marked), inner_inverse), edit.label)
