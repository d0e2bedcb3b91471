"""Find and replace across the volume: options, a preview of every hit with its context,
replace one or replace all (one undoable step). The searching is ``core.find``'s."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core import find
from .plain import escape, visible

HitRole = Qt.ItemDataRole.UserRole + 1
BlockIdRole = Qt.ItemDataRole.UserRole + 2
NodeIdRole = Qt.ItemDataRole.UserRole + 3

COL_LINE, COL_BEFORE, COL_MATCH, COL_AFTER = range(4)


class HitsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._hits: list[find.Hit] = []

    def set_hits(self, hits: list[find.Hit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hits(self) -> list[find.Hit]:
        return list(self._hits)

    def hit(self, row: int) -> find.Hit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 4

    def roleNames(self):  # noqa: N802
        names = super().roleNames()
        names[HitRole] = b"hit"
        names[BlockIdRole] = b"blockId"
        names[NodeIdRole] = b"nodeId"
        return names

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Line"), self.tr("Before"), self.tr("Match"), self.tr("After")][section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._hits)):
            return None
        h = self._hits[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [str(h.line), *(visible(t, one_line=True) for t in (h.before, h.text, h.after))][col]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in (COL_LINE, COL_BEFORE):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and col == COL_MATCH:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ToolTipRole:  # escaped: text from the volume is never markup
            return f"<qt>{escape(h.before)}<b>{escape(h.text)}</b>{escape(h.after)}</qt>"
        if role == HitRole:
            return h
        if role == BlockIdRole:
            return h.block_id
        if role == NodeIdRole:
            return h.node_id
        return None


class FindPanel(QWidget):
    #: a hit was chosen: show it (hit)
    hit_activated = Signal(object)
    message = Signal(str)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("findPanel")
        self.session = session
        self.model = HitsModel(self)
        self._query: find.Query | None = None
        self._build()
        self.retranslate()
        session.volume_changed.connect(lambda _v: self.clear())

    # -- building ---------------------------------------------------------------------

    def _build(self) -> None:
        self.find_edit = QLineEdit(self)
        self.find_edit.setObjectName("findText")
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setObjectName("replaceText")
        self.find_label = QLabel(self)
        self.replace_label = QLabel(self)
        self.regex_box = QCheckBox(self)
        self.case_box = QCheckBox(self)
        self.width_box = QCheckBox(self)
        self.furniture_box = QCheckBox(self)
        self.find_button = QPushButton(self)
        self.replace_button = QPushButton(self)
        self.replace_all_button = QPushButton(self)
        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.table = self._build_table()
        grid = QGridLayout()
        grid.addWidget(self.find_label, 0, 0)
        grid.addWidget(self.find_edit, 0, 1)
        grid.addWidget(self.find_button, 0, 2)
        grid.addWidget(self.replace_label, 1, 0)
        grid.addWidget(self.replace_edit, 1, 1)
        grid.addWidget(self.replace_button, 1, 2)
        grid.addWidget(self.replace_all_button, 1, 3)
        options = QHBoxLayout()
        for w in (self.regex_box, self.case_box, self.width_box, self.furniture_box):
            options.addWidget(w)
        options.addStretch(1)
        options.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(grid)
        layout.addLayout(options)
        layout.addWidget(self.table, 1)
        self.find_edit.returnPressed.connect(self.find_all)
        self.find_button.clicked.connect(self.find_all)
        self.replace_button.clicked.connect(self.replace_current)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.table.activated.connect(self._activate)
        self.table.clicked.connect(self._activate)

    def _build_table(self) -> QTableView:
        t = QTableView(self)
        t.setObjectName("findResults")
        t.setModel(self.model)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.verticalHeader().hide()
        t.setWordWrap(False)
        t.setShowGrid(False)
        h = t.horizontalHeader()
        h.setSectionResizeMode(COL_LINE, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(COL_BEFORE, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(COL_MATCH, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(COL_AFTER, QHeaderView.ResizeMode.Stretch)
        t.setTextElideMode(Qt.TextElideMode.ElideLeft)
        return t

    def retranslate(self) -> None:
        self.find_label.setText(self.tr("Find:"))
        self.replace_label.setText(self.tr("Replace with:"))
        self.regex_box.setText(self.tr("Regular expression"))
        self.case_box.setText(self.tr("Match case"))
        self.width_box.setText(self.tr("Match full/half width"))
        self.width_box.setToolTip(self.tr("When off, full-width and half-width forms (Ａ/A, １/1, ，/,) match each other."))
        self.furniture_box.setText(self.tr("Include furniture"))
        self.find_button.setText(self.tr("Find All"))
        self.replace_button.setText(self.tr("Replace"))
        self.replace_button.setToolTip(self.tr("Replace the selected hit"))
        self.replace_all_button.setText(self.tr("Replace All"))
        self.replace_all_button.setToolTip(self.tr("Replace every hit in the volume as one step (undo restores all)"))
        self.find_edit.setPlaceholderText(self.tr("Text or pattern to find in the whole volume"))
        self._update_count()

    def changeEvent(self, e) -> None:  # noqa: N802
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    # -- actions ----------------------------------------------------------------------

    def query(self) -> find.Query:
        return find.Query(
            self.find_edit.text(),
            regex=self.regex_box.isChecked(),
            match_case=self.case_box.isChecked(),
            match_width=self.width_box.isChecked(),
            include_furniture=self.furniture_box.isChecked(),
        )

    def clear(self) -> None:
        self.model.set_hits([])
        self._query = None
        self._update_count()

    def find_all(self) -> list[find.Hit]:
        if self.session.volume_id is None:
            return []
        self.session.flush()
        q = self.query()
        try:
            hits = find.find_all(self.session.store, self.session.volume_id, q)
        except find.BadPattern as e:
            self.message.emit(str(e))
            self.model.set_hits([])
            self._update_count(str(e))
            return []
        self._query = q
        self.model.set_hits(hits)
        self._update_count()
        if hits:
            self.table.selectRow(0)
        return hits

    def _update_count(self, text: str | None = None) -> None:
        if text is None:
            n = self.model.rowCount()
            text = self.tr("%n hit(s)", "", n) if self._query is not None else ""
        self.count_label.setText(text)

    def _activate(self, index: QModelIndex) -> None:
        hit = self.model.hit(index.row())
        if hit is not None:
            self.hit_activated.emit(hit)

    def selected_hit(self) -> find.Hit | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.hit(rows[0].row()) if rows else None

    def replace_current(self) -> bool:
        hit = self.selected_hit()
        if hit is None or self._query is None:
            return False
        self.session.flush()
        try:
            edit = find.replace_hit(self.session.store, hit, self._query, self.replace_edit.text())
        except find.YearbookError as e:
            self.message.emit(str(e))
            self.find_all()
            return False
        row = self.table.currentIndex().row()
        ok = self.session.apply(edit, self, text=self.tr("Replace"), reason="replace")
        self.find_all()
        if self.model.rowCount():
            self.table.selectRow(min(max(row, 0), self.model.rowCount() - 1))
        return ok

    def replace_all(self) -> int:
        if self.session.volume_id is None:
            return 0
        self.session.flush()
        q = self.query()
        try:
            batch = find.replace_all(self.session.store, self.session.volume_id, q, self.replace_edit.text(),
                                     label=self.tr("Replace All"))
        except find.YearbookError as e:
            self.message.emit(str(e))
            return 0
        if batch is None:
            self.message.emit(self.tr("Nothing to replace."))
            return 0
        n = len(batch.edits)
        self.session.apply(batch, self, text=self.tr("Replace All"), reason="replace_all")
        self.find_all()
        self.message.emit(self.tr("Replaced in %1 paragraph(s).").replace("%1", str(n)))
        return n
