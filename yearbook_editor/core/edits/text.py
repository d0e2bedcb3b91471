"""Text edits: SetBlockText (typing, a fix, a replacement, a filled blank all end here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..errors import EditConflict
from .base import Edit, FieldChange, block_row, handler, set_field


@dataclass(frozen=True)
class SetBlockText(Edit):
    LABEL: ClassVar[str] = "Edit text"
    REASON: ClassVar[str] = "edit"
    block_id: int
    text: str
    expected: str | None = None  # when given, the edit is refused unless the text is still this


@handler.register
def _(edit: SetBlockText, conn):
    b = block_row(conn, edit.block_id)
    if edit.expected is not None and b["text"] != edit.expected:
        raise EditConflict("这段文字已被其他操作修改，请刷新后重试。")
    changes: list[FieldChange] = []
    old = set_field(conn, b["volume_id"], "block", edit.block_id, "text", edit.text, changes)
    return changes, SetBlockText(edit.block_id, old, expected=edit.text)
