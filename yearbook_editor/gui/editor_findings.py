"""The editor's wavy underlines under the open findings of the checks (extra selections:
the document itself is not changed, and the cursors follow typing)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from ..core.checks.fixes import relocate
from .editor_segments import units
from .plain import plain_tooltip

FINDING_COLOR = QColor("#d03020")


class FindingUnderlines:
    """Mixed into :class:`~.node_editor.NodeEditor`: ``findings_source(node_id)`` gives the
    open findings of the node; they are underlined where they are now."""

    def underline_findings(self) -> None:
        """Wavy red underline under each open finding of this node (extra selections: the
        document itself is not changed, and the cursors follow typing)."""
        self._underlined = []
        found = self.findings_source(self.node_id) if self.findings_source and self.node_id is not None else []
        sels = []
        for f in found:
            seg = next((s for s in self._segs if s.block_id == f.block_id), None)
            if seg is None:
                continue
            text = self.segment_text(seg)
            try:
                start, end = relocate(f, text)
            except Exception:  # the paragraph changed: not underlined until re-checked
                continue
            end = max(end, start + 1) if start < len(text) else end
            c = QTextCursor(self.document())
            c.setPosition(seg.start + units(text[:start]))
            c.setPosition(seg.start + units(text[:end]), QTextCursor.MoveMode.KeepAnchor)
            sel = QTextEdit.ExtraSelection()
            sel.cursor = c
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(FINDING_COLOR)
            fmt.setToolTip(plain_tooltip(f.message))
            sel.format = fmt
            sels.append(sel)
            self._underlined.append((f, c))
        self.setExtraSelections(sels)

    def underlined(self) -> list:
        """The findings underlined now, with their document range: [(finding, start, end)]."""
        return [(f, c.selectionStart(), c.selectionEnd()) for f, c in self._underlined]

    def finding_at(self, position: int):
        for f, c in self._underlined:
            if c.selectionStart() <= position <= c.selectionEnd() and c.selectionStart() < c.selectionEnd():
                return f
        return None
