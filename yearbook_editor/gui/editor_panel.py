"""The editor with a one-line header (where the node sits, its lines, its review status)
and the node's tags as coloured chips."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from .node_editor import NodeEditor
from .outline_model import kind_label, status_label
from .plain import NAME, plain_label, plain_tooltip, visible


class NodeEditorPanel(QWidget):
    """The editor with a one-line header: where the node sits, its lines and review status."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.header = QLabel(self)
        self.header.setObjectName("nodeHeader")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.header.setContentsMargins(4, 2, 4, 2)
        self.editor = NodeEditor(session, self)
        self.chips = QWidget(self)
        self.chips.setObjectName("nodeTags")
        self._chip_layout = QHBoxLayout(self.chips)
        self._chip_layout.setContentsMargins(4, 0, 4, 0)
        self._chip_layout.setSpacing(4)
        self._chip_layout.addStretch(1)
        self.chips.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.header)
        layout.addWidget(self.chips)
        layout.addWidget(self.editor, 1)
        self.retranslate()

    def show_node(self, node, path: list) -> None:
        self.editor.load(node.id if node else None)
        self.update_header(node, path)

    def update_header(self, node, path: list) -> None:
        self._node, self._path = node, path
        if node is None:
            self.header.setText("")
            return
        crumbs = " › ".join(visible(n.title, NAME, one_line=True) for n in path)  # a long title stays short
        lines = self.tr("lines %1–%2").replace("%1", str(node.line_start)).replace("%2", str(node.line_end))
        self.header.setText(f"{kind_label(node.kind)} · {crumbs}    {lines}    [{status_label(node.status)}]")

    def set_tags(self, tags: list) -> None:
        """The node's tags as coloured chips under the header ((id, name, colour); plain text)."""
        while self._chip_layout.count() > 1:
            w = self._chip_layout.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        for _tid, name, color in tags:
            chip = plain_label(QLabel(self.chips), name, NAME, one_line=True)
            chip.setToolTip(plain_tooltip(name))
            chip.setMinimumWidth(1)  # many or long names are clipped rather than widening the window
            c = QColor(color or "#888888")
            chip.setStyleSheet(f"background: {c.lighter(170).name()}; color: {c.darker(150).name()};"
                               " border-radius: 4px; padding: 1px 6px;")
            self._chip_layout.insertWidget(self._chip_layout.count() - 1, chip)
        self.chips.setVisible(bool(tags))

    def tag_names(self) -> list[str]:
        out = []
        for i in range(self._chip_layout.count()):
            w = self._chip_layout.itemAt(i).widget()
            if isinstance(w, QLabel):
                out.append(w.text())
        return out

    def retranslate(self) -> None:
        self.editor.setPlaceholderText(self.tr("This node has no text of its own. Select an entry under it."))
        if getattr(self, "_node", None) is not None:
            self.update_header(self._node, self._path)

    def changeEvent(self, e) -> None:  # noqa: N802
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)
