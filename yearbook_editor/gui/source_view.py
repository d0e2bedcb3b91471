"""The source pane: the extracted text as it came, read-only, with line numbers.

Furniture lines (page numbers, running headers …) are dimmed and labelled with their kind
at the right edge; page breaks are drawn as a dashed rule; the selected node's lines get a
band and a bar in the margin. Everything is painted for the visible lines only, so a
46,000-line volume scrolls as fast as a short one. Clicking a line reports its number.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from . import fonts

HIGHLIGHT = QColor("#fff1c2")
HIGHLIGHT_BAR = QColor("#e0a100")
DIM = QColor("#9a9a9a")
DIM_BACKGROUND = QColor("#f4f4f4")
PAGE_BREAK = QColor("#8aa0c8")
PAGE_BREAK_ROLES = {"page_number", "page_marker", "marker"}


def role_label(kind: str, role: str) -> str:
    labels = {
        "page_number": QCoreApplication.translate("SourceView", "page number"),
        "page_marker": QCoreApplication.translate("SourceView", "page marker"),
        "marker": QCoreApplication.translate("SourceView", "page marker"),
        "running_header": QCoreApplication.translate("SourceView", "running header"),
        "url": QCoreApplication.translate("SourceView", "web address"),
        "dot_leader": QCoreApplication.translate("SourceView", "dot leader"),
        "separator": QCoreApplication.translate("SourceView", "separator"),
        "caption": QCoreApplication.translate("SourceView", "caption"),
    }
    return labels.get(role) or QCoreApplication.translate("SourceView", "furniture")


class _LineNumberArea(QWidget):
    def __init__(self, view: SourceView):
        super().__init__(view)
        self._view = view

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._view.line_number_width(), 0)

    def paintEvent(self, event) -> None:  # noqa: N802
        self._view.paint_line_numbers(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        cursor = self._view.cursorForPosition(QPoint(0, int(event.position().y())))
        self._view.line_clicked.emit(cursor.blockNumber() + 1)


class SourceView(QPlainTextEdit):
    #: a source line (1-based) was clicked
    line_clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("sourceView")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFont(fonts.make_font("mono", 10.5))
        self.setAcceptDrops(False)
        self._labels: dict[int, tuple[str, str, int]] = {}
        self._span: tuple[int, int] | None = None
        self.lines: list[str] | None = None  # the source's lines, once set
        self._numbers = _LineNumberArea(self)
        self.blockCountChanged.connect(self._update_margin)
        self.updateRequest.connect(self._on_update_request)
        self._update_margin()

    # -- content ----------------------------------------------------------------------

    def set_source(self, text: str, labels: dict[int, tuple[str, str, int]]) -> None:
        self._span = None
        self.lines = text.split("\n")  # the source never changes: what the furniture labels are read against
        self.setPlainText(text)
        self.set_labels(labels)

    def set_labels(self, labels: dict[int, tuple[str, str, int]]) -> None:
        """Furniture lines: dimmed (extra selections, few lines) and labelled when painted."""
        self._labels = labels
        doc = self.document()
        selections = []
        for line in sorted(labels):
            block = doc.findBlockByNumber(line - 1)
            if not block.isValid():
                continue
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format.setForeground(DIM)
            sel.format.setBackground(DIM_BACKGROUND)
            sel.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            selections.append(sel)
        self.setExtraSelections(selections)
        self.viewport().update()

    def labels(self) -> dict[int, tuple[str, str, int]]:
        return self._labels

    def highlight_span(self, start: int, end: int, scroll: bool = True) -> None:
        """Band the node's lines and bring its first line into view."""
        self._span = (start, end) if start > 0 else None
        if scroll and self._span:
            self.scroll_to_line(start)
        self.viewport().update()
        self._numbers.update()

    def highlighted_span(self) -> tuple[int, int] | None:
        return self._span

    def scroll_to_line(self, line: int) -> None:
        """Put the line near the top (a few lines of context above), unless already visible."""
        first = self.firstVisibleBlock().blockNumber() + 1
        visible = max(1, self.viewport().height() // max(1, self.fontMetrics().height()))
        end = self._span[1] if self._span else line
        if first <= line and end <= first + visible - 2:
            return
        self.verticalScrollBar().setValue(max(0, line - 1 - 3))

    def visible_lines(self) -> tuple[int, int]:
        first = self.firstVisibleBlock().blockNumber() + 1
        visible = max(1, self.viewport().height() // max(1, self.fontMetrics().height()))
        return first, first + visible - 1

    def line_text(self, line: int) -> str:
        return self.document().findBlockByNumber(line - 1).text()

    # -- clicks -----------------------------------------------------------------------

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            line = self.cursorForPosition(event.position().toPoint()).blockNumber() + 1
            self.line_clicked.emit(line)

    # -- painting ---------------------------------------------------------------------

    def line_number_width(self) -> int:
        digits = max(3, len(str(max(1, self.blockCount()))))
        return 10 + self.fontMetrics().horizontalAdvance("9") * digits

    def _update_margin(self, _count: int = 0) -> None:
        self.setViewportMargins(self.line_number_width(), 0, 0, 0)

    def _on_update_request(self, rect, dy: int) -> None:
        if dy:
            self._numbers.scroll(0, dy)
        else:
            self._numbers.update(0, rect.y(), self._numbers.width(), rect.height())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        cr = self.contentsRect()
        self._numbers.setGeometry(QRect(cr.left(), cr.top(), self.line_number_width(), cr.height()))

    def _visible_blocks(self, bottom: int):
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        while block.isValid():
            geo = self.blockBoundingGeometry(block).translated(offset)
            if geo.top() > bottom:
                break
            if block.isVisible():
                yield block, geo
            block = block.next()

    def paint_line_numbers(self, event) -> None:
        p = QPainter(self._numbers)
        p.fillRect(event.rect(), QColor("#f0f0f0"))
        p.setFont(self.font())
        h = self.fontMetrics().height()
        w = self._numbers.width()
        for block, geo in self._visible_blocks(event.rect().bottom()):
            line = block.blockNumber() + 1
            top = round(geo.top())
            if self._span and self._span[0] <= line <= self._span[1]:
                p.fillRect(w - 4, top, 4, round(geo.height()), HIGHLIGHT_BAR)
            p.setPen(DIM if line in self._labels else QColor("#707070"))
            p.drawText(0, top, w - 7, h, int(Qt.AlignmentFlag.AlignRight), str(line))
        p.end()

    def paintEvent(self, event) -> None:  # noqa: N802
        bottom = event.rect().bottom()
        if self._span:
            p = QPainter(self.viewport())
            width = self.viewport().width()
            for block, geo in self._visible_blocks(bottom):
                line = block.blockNumber() + 1
                if self._span[0] <= line <= self._span[1]:
                    p.fillRect(0, round(geo.top()), width, round(geo.height()) + 1, HIGHLIGHT)
            p.end()
        super().paintEvent(event)
        if self._labels:
            self._paint_labels(bottom)

    def _paint_labels(self, bottom: int) -> None:
        p = QPainter(self.viewport())
        small = self.font()
        small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.8))
        p.setFont(small)
        width = self.viewport().width()
        for block, geo in self._visible_blocks(bottom):
            label = self._labels.get(block.blockNumber() + 1)
            if not label:
                continue
            kind, role, _block_id = label
            rect = QRect(0, round(geo.top()), width - 6, round(geo.height()))
            p.setPen(DIM)
            p.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), f"〔{role_label(kind, role)}〕")
            if role in PAGE_BREAK_ROLES:
                pen = QPen(PAGE_BREAK, 1, Qt.PenStyle.DashLine)
                p.setPen(pen)
                y = round(geo.bottom()) - 1
                p.drawLine(0, y, width, y)
        p.end()
