"""The frame beside the heading table: a 目录 or 篇目框架 as text (pasted, opened from a file or
taken from the volume's own 目录), what each of its rows matched, and the rest — frame rows
with no heading and headings the frame does not list — as a list to go through."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.frame import FrameMatch
from ..core.structure_review import HeadingRow
from .plain import NAME, visible

# item data of the rest list: ("node", node id), ("block", a paragraph's block id) or ("frame", frame line)
REST_ROLE = Qt.ItemDataRole.UserRole + 1


class FramePanel(QWidget):
    # a row of the rest list was activated: ("node", id) or ("frame", line)
    rest_activated = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("framePanel")
        self.title_label = QLabel(self)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setObjectName("frameText")
        self.text_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text_edit.setTabChangesFocus(False)
        self.buttons: dict[str, QToolButton] = {}
        self.summary = QLabel(self)
        self.summary.setObjectName("frameSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.rest_list = QListWidget(self)
        self.rest_list.setObjectName("frameRest")
        self.rest_list.itemActivated.connect(lambda item: self.rest_activated.emit(item.data(REST_ROLE)))
        self.button_bar = QHBoxLayout()
        self.button_bar.setContentsMargins(0, 0, 0, 0)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.title_label)
        lay.addWidget(self.text_edit, 2)
        lay.addLayout(self.button_bar)
        lay.addWidget(self.summary)
        lay.addWidget(self.rest_list, 1)

    def add_buttons(self, actions) -> None:
        """One tool button per action (the frame's actions, made from the controller's specs)."""
        for a in actions:
            b = QToolButton(self)
            b.setObjectName(a.objectName().replace("action", "button", 1))
            b.setDefaultAction(a)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.button_bar.addWidget(b)
            self.buttons[a.objectName()] = b
        self.button_bar.addStretch(1)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Frame (目录 or 篇目框架): one title a line, indentation = level"))
        self.text_edit.setPlaceholderText(self.tr("Paste the frame here, open it from a file, or take the "
                                                  "volume's own 目录."))

    def frame_text(self) -> str:
        return self.text_edit.toPlainText()

    def set_frame_text(self, text: str) -> None:
        self.text_edit.setPlainText(text)

    def clear_result(self) -> None:
        self.summary.clear()
        self.rest_list.clear()

    def show_result(self, matches: list[FrameMatch], rest_rows: list[FrameMatch], unlisted: list[HeadingRow],
                    done: str = "") -> None:
        """What the alignment found: counts, then the frame rows with no heading and the
        headings the frame does not list (each can be activated to go there)."""
        matched = sum(1 for m in matches if m.node_id is not None)
        text = (self.tr("%1 of %2 frame rows match a heading; %3 rows name none; %4 headings are not in the frame.")
                .replace("%1", str(matched)).replace("%2", str(len(matches))).replace("%3", str(len(rest_rows)))
                .replace("%4", str(len(unlisted))))
        self.summary.setText(f"{done} {text}".strip())
        self.rest_list.clear()
        for m in rest_rows:
            self.rest_list.addItem(self._row_item(m))
        for h in unlisted:
            item = QListWidgetItem(self.tr("Heading %1 (level %2, line %3): not in the frame").replace(
                "%1", visible(h.title, NAME, one_line=True)).replace("%2", str(h.depth)).replace("%3", str(h.line)))
            item.setData(REST_ROLE, ("node", h.node_id))
            self.rest_list.addItem(item)

    def _row_item(self, m: FrameMatch) -> QListWidgetItem:
        title = visible(m.row.title, NAME, one_line=True)
        if m.paragraph is None:
            item = QListWidgetItem(self.tr("Frame row %1 (level %2): no heading").replace("%1", title)
                                   .replace("%2", str(m.row.level)))
            item.setData(REST_ROLE, ("frame", m.row.line))
        else:
            item = QListWidgetItem(self.tr("Frame row %1 (level %2): no heading; the paragraph at line %3 reads like "
                                           "it — make it a heading, then apply the frame again")
                                   .replace("%1", title).replace("%2", str(m.row.level))
                                   .replace("%3", str(m.paragraph.line)))
            item.setData(REST_ROLE, ("block", m.paragraph.block_id))
        return item

    def go_to_frame_line(self, line: int) -> None:
        block = self.text_edit.document().findBlockByNumber(line - 1)
        if block.isValid():
            cursor = self.text_edit.textCursor()
            cursor.setPosition(block.position())
            self.text_edit.setTextCursor(cursor)
            self.text_edit.setFocus()
