"""The subject index (主题索引) of the open volume: the index-group tags in pinyin order
(``core.subject_index.build_index``), each with the entries it points to (outline path and
page). A click on an entry opens it; the window stays open beside the work."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from ..core.subject_index import build_index
from .plain import plain_tooltip, visible, window_title

NodeRole = Qt.ItemDataRole.UserRole + 1


class IndexDialog(QDialog):
    node_requested = Signal(int)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("indexDialog")
        self.session = session
        self.note = QLabel(self)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("indexTree")
        self.tree.setColumnCount(2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.refresh_button = buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.refresh_button.clicked.connect(self.refresh)
        lay = QVBoxLayout(self)
        lay.addWidget(self.note)
        lay.addWidget(self.tree, 1)
        lay.addWidget(buttons)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.resize(560, 600)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Subject Index — %1").replace("%1", window_title(self.session.volume_title())))
        self.tree.setHeaderLabels([self.tr("Term / entry"), self.tr("Page")])
        self.refresh_button.setText(self.tr("Refresh"))

    def changeEvent(self, e) -> None:  # noqa: N802
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def terms(self) -> list[str]:
        return [self.tree.topLevelItem(i).text(0) for i in range(self.tree.topLevelItemCount())]

    def refresh(self) -> None:
        self.tree.clear()
        vid = self.session.volume_id
        terms = build_index(self.session.store, vid) if vid is not None else []
        for term in terms:
            top = QTreeWidgetItem([visible(term.term, one_line=True), ""])
            top.setToolTip(0, plain_tooltip(term.term))
            top.setData(0, NodeRole, term.refs[0].node_id if term.refs else None)
            for ref in term.refs:
                page = "" if ref.page is None else (f"≈{ref.page}" if ref.approximate else str(ref.page))
                child = QTreeWidgetItem([visible(ref.path, one_line=True), page])
                child.setData(0, NodeRole, ref.node_id)
                child.setToolTip(0, plain_tooltip(ref.path))  # never HTML: a title may hold <img …>
                top.addChild(child)
            self.tree.addTopLevelItem(top)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(1)
        self.note.setText(self.tr("%1 index terms. Tag entries with tags of the “Index terms” group to add them; "
                                  "≈ marks a page estimated from the page numbers around it.").replace(
            "%1", str(len(terms))) if terms else
            self.tr("No index terms yet: tag entries with tags of the “Index terms” group (索引词)."))

    def _clicked(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        node_id = item.data(0, NodeRole)
        if node_id is not None:
            self.node_requested.emit(int(node_id))
