"""The editor's guarded input: every keystroke, input-method commit and paste lands in exactly
one segment (input that would cross segments, or change fixed text, is refused with a
message); Enter splits, Backspace at a paragraph's start and Delete at its end merge;
Undo/Redo go to the session's stack; tooltips explain uncertain breaks and furniture."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import QToolTip

from .plain import plain_tooltip

_DELETE_KEYS = (
    QKeySequence.StandardKey.Delete,
    QKeySequence.StandardKey.Backspace,
    QKeySequence.StandardKey.DeleteStartOfWord,
    QKeySequence.StandardKey.DeleteEndOfWord,
    QKeySequence.StandardKey.DeleteEndOfLine,
    QKeySequence.StandardKey.DeleteCompleteLine,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
)


def _refused() -> str:
    return QCoreApplication.translate("NodeEditor", "This text cannot be changed here: edit one paragraph or title "
                                                    "at a time.")


class GuardedInput:
    """Mixed into :class:`~.node_editor.NodeEditor` (before ``QTextEdit``, whose handlers it
    calls for input it lets through). Texts are in the ``NodeEditor`` translation context."""

    def event(self, e) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and (
            e.matches(QKeySequence.StandardKey.Undo) or e.matches(QKeySequence.StandardKey.Redo)
        ):
            e.ignore()  # the window's Undo/Redo actions (the session's stack) take these
            return False
        if e.type() == QEvent.Type.ToolTip:
            self._show_tooltip(e)
            return True
        return super().event(e)

    def _show_tooltip(self, e) -> None:
        pos = self.cursorForPosition(e.pos()).position()
        f = self.finding_at(pos)
        if f is not None:
            QToolTip.showText(e.globalPos(), plain_tooltip(f.message), self)  # a message quotes the text
            return
        for s in self._segs:
            if s.start <= pos <= s.end and s.block_id is not None:
                if s.uncertain:
                    QToolTip.showText(e.globalPos(), QCoreApplication.translate("NodeEditor",
                        "The break before this paragraph is a guess. Backspace at its start merges it with "
                        "the previous paragraph; Layout ▸ Confirm Break keeps it."), self)
                    return
                if s.kind == "noise":
                    QToolTip.showText(e.globalPos(), QCoreApplication.translate(
                        "NodeEditor", "Page furniture: not exported. Layout ▸ Restore as "
                        "Text brings it back."), self)
                    return
        QToolTip.hideText()

    def keyPressEvent(self, e) -> None:  # noqa: N802
        if e.matches(QKeySequence.StandardKey.Undo):
            self.session.undo()
            return
        if e.matches(QKeySequence.StandardKey.Redo):
            self.session.redo()
            return
        c = self.textCursor()
        key = e.key()
        plain = not (e.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self.split_here()
            return
        if not c.hasSelection() and key == Qt.Key.Key_Backspace and plain:
            seg = self.segment_for(c.position())
            if seg is not None and c.position() == seg.start:
                self.merge_with(seg, previous=True)
                return
        if not c.hasSelection() and key == Qt.Key.Key_Delete and plain:
            seg = self.segment_for(c.position())
            if seg is not None and c.position() == seg.end:
                self.merge_with(seg, previous=False)
                return
        if self._modifies(e) and not self._may_modify(e, c):
            self.message.emit(_refused())
            return
        super().keyPressEvent(e)

    @staticmethod
    def _modifies(e) -> bool:
        if any(e.matches(k) for k in _DELETE_KEYS):
            return True
        text = e.text()
        return bool(text) and text.isprintable() and not (e.modifiers() & Qt.KeyboardModifier.ControlModifier)

    def _may_modify(self, e, c: QTextCursor) -> bool:
        seg = self.segment_for(c.selectionStart(), c.selectionEnd())
        if seg is None:
            return False
        if c.hasSelection():
            return True
        pos = c.position()
        if e.matches(QKeySequence.StandardKey.Backspace) or e.matches(QKeySequence.StandardKey.DeleteStartOfWord):
            return pos > seg.start
        if e.matches(QKeySequence.StandardKey.Delete) or e.matches(QKeySequence.StandardKey.DeleteEndOfWord):
            return pos < seg.end
        whole_line = (QKeySequence.StandardKey.DeleteEndOfLine, QKeySequence.StandardKey.DeleteCompleteLine)
        if any(e.matches(k) for k in whole_line):
            return False
        return True

    def inputMethodEvent(self, e) -> None:  # noqa: N802
        c = self.textCursor()
        if e.commitString() and self.segment_for(c.selectionStart(), c.selectionEnd()) is None:
            self.message.emit(_refused())
            e.accept()
            return
        super().inputMethodEvent(e)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802
        return source.hasText()

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        c = self.textCursor()
        if self.segment_for(c.selectionStart(), c.selectionEnd()) is None:
            self.message.emit(QCoreApplication.translate("NodeEditor", "Paste into one paragraph or title at a time."))
            return
        text = "".join(source.text().splitlines())  # wrapped lines join without a space in Chinese
        c.insertText(text)
