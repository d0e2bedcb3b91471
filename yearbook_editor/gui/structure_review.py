"""The structure review pane: every heading of the volume in one flat table (level, kind, title,
source line, 条目 under it, the 结构 doubt, the frame row it matches), several rows chosen at
once and edited from the keyboard, and the frame beside it (:mod:`.frame_panel`).

The pane only shows and selects; the structure controller (``controllers/structure.py``) makes
the edits and gives the pane its rows again."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.model import NODE_KIND_LABELS
from ..core.structure_review import HeadingRow
from .frame_panel import FramePanel
from .plain import NAME, visible

COLUMNS = ("level", "kind", "title", "line", "entries", "doubt", "frame")
_DOUBT_BG = QColor("#fff1c2")
_CANDIDATE_FG = QColor("#777777")


def row_key(row: HeadingRow) -> tuple[str, int | None]:
    """A row's identity across reloads: its node, or (a candidate) its block."""
    return ("node", row.node_id) if row.node_id is not None else ("block", row.block_id)


class HeadingTableModel(QAbstractTableModel):
    """The rows shown (after the filter), with the frame row each heading matches."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[HeadingRow] = []
        self.frame_titles: dict[int, str] = {}

    def set_rows(self, rows: list[HeadingRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def set_frame_titles(self, titles: dict[int, str]) -> None:
        self.frame_titles = titles
        if self.rows:
            col = COLUMNS.index("frame")
            self.dataChanged.emit(self.index(0, col), self.index(len(self.rows) - 1, col))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {"level": self.tr("Level"), "kind": self.tr("Kind"), "title": self.tr("Title"),
                "line": self.tr("Line"), "entries": self.tr("Entries"), "doubt": self.tr("Doubt"),
                "frame": self.tr("Frame Row")}[COLUMNS[section]]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.BackgroundRole and row.doubt:
            return QBrush(_DOUBT_BG)
        if role == Qt.ItemDataRole.ForegroundRole and row.node_id is None:
            return QBrush(_CANDIDATE_FG)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in ("level", "line", "entries"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: HeadingRow, col: str) -> str:
        if col == "level":
            return str(row.depth) if row.node_id is not None else ""
        if col == "kind":
            label = NODE_KIND_LABELS.get(row.kind) if row.node_id is not None else None
            return label or (self.tr("Text") if row.node_id is None else row.kind)
        if col == "title":
            indent = "\u3000" * max(0, row.depth - 1)
            return indent + visible(row.title, NAME, one_line=True)
        if col == "line":
            return str(row.line)
        if col == "entries":
            return str(row.entries) if row.node_id is not None else ""
        if col == "doubt":
            return row.doubt
        return visible(self.frame_titles.get(row.node_id, ""), NAME, one_line=True) if row.node_id else ""


class StructureReviewPanel(QWidget):
    """Filter bar, the heading table and the frame pane."""

    # the current row's node (to show it in the other panes)
    node_chosen = Signal(int)
    # the filter or the candidates switch changed: the controller gives the rows again
    filter_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("structureReviewPanel")
        self.all_rows: list[HeadingRow] = []
        self._quiet = False  # the current row set by the program: not a choice of the editor
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("structureFilter")
        self.filter_edit.setClearButtonEnabled(True)
        self.doubtful_box = QCheckBox(self)
        self.doubtful_box.setObjectName("structureDoubtfulOnly")
        self.candidates_box = QCheckBox(self)
        self.candidates_box.setObjectName("structureCandidates")
        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.model = HeadingTableModel(self)
        self.table = self._make_table()
        self.frame = FramePanel(self)
        self._layout()
        self.filter_edit.textChanged.connect(lambda _t: self.apply_filter())
        self.doubtful_box.toggled.connect(lambda _on: self.apply_filter())
        self.candidates_box.toggled.connect(lambda _on: self.filter_changed.emit())
        self.retranslate()

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("structureTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
        head = table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setStretchLastSection(True)
        for col, width in (("level", 40), ("kind", 56), ("title", 300), ("line", 64), ("entries", 52),
                           ("doubt", 90)):
            table.setColumnWidth(COLUMNS.index(col), width)
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        return table

    def _layout(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 4, 4, 0)
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.doubtful_box)
        bar.addWidget(self.candidates_box)
        bar.addWidget(self.count_label)
        left = QWidget(self)
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("structureSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.frame)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.splitter)

    def retranslate(self) -> None:
        self.filter_edit.setPlaceholderText(self.tr("Filter headings by title"))
        self.doubtful_box.setText(self.tr("Doubtful only"))
        self.doubtful_box.setToolTip(self.tr("Only the headings the structure check doubts"))
        self.candidates_box.setText(self.tr("Paragraphs that may be headings"))
        self.candidates_box.setToolTip(self.tr("Also list short paragraphs without final punctuation and former "
                                               "headings, to make them headings"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self.frame.retranslate()
        self._show_count()

    # -- rows ---------------------------------------------------------------------------------

    def set_rows(self, rows: list[HeadingRow]) -> None:
        """All rows (headings, and candidates when asked for); the filter picks what shows. The
        chosen rows and the current one stay chosen when they are still there."""
        self.all_rows = rows
        self.apply_filter()

    def apply_filter(self) -> None:
        keep = self.selected_keys()
        current = self.current_row()
        text = self.filter_edit.text().strip()
        doubtful = self.doubtful_box.isChecked()
        shown = [r for r in self.all_rows if (not text or text in r.title) and (not doubtful or r.doubt)]
        self.model.set_rows(shown)
        self.select_keys(keep, current=row_key(current) if current else None)
        self._show_count()

    def _show_count(self) -> None:
        heads = sum(1 for r in self.model.rows if r.node_id is not None)
        doubts = sum(1 for r in self.model.rows if r.doubt)
        self.count_label.setText(self.tr("%1 headings, %2 doubtful").replace("%1", str(heads))
                                 .replace("%2", str(doubts)))

    def current_row(self) -> HeadingRow | None:
        idx = self.table.currentIndex()
        return self.model.rows[idx.row()] if idx.isValid() and idx.row() < len(self.model.rows) else None

    def selected_rows(self) -> list[HeadingRow]:
        """The chosen rows in reading order (the current row when none is chosen)."""
        picked = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        rows = [self.model.rows[i] for i in picked if i < len(self.model.rows)]
        if not rows and self.current_row() is not None:
            rows = [self.current_row()]
        return rows

    def selected_keys(self) -> set:
        return {row_key(r) for r in self.selected_rows()}

    def select_keys(self, keys: set, current=None) -> int:
        """Choose the shown rows with these keys (one selection change); returns how many."""
        sel = QItemSelection()
        last = len(COLUMNS) - 1
        found = [i for i, r in enumerate(self.model.rows) if row_key(r) in keys]
        for i in found:
            sel.select(self.model.index(i, 0), self.model.index(i, last))
        sm = self.table.selectionModel()
        cur = next((i for i, r in enumerate(self.model.rows) if row_key(r) == current), found[0] if found else None)
        if cur is not None:
            sm.setCurrentIndex(self.model.index(cur, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(self.model.index(cur, 0))
        sm.select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        return len(found)

    def follow(self, node_ids: list[int]) -> None:
        """Make the first of these nodes that has a row the current one, without going there (the
        table opens where the editor is: at the node shown, or its nearest heading)."""
        shown = {r.node_id for r in self.model.rows}
        node_id = next((n for n in node_ids if n in shown), None)
        if node_id is None:
            return
        self._quiet = True
        try:
            self.select_keys({("node", node_id)}, current=("node", node_id))
        finally:
            self._quiet = False

    def _current_changed(self, current, _previous) -> None:
        if self._quiet:
            return
        if current.isValid() and current.row() < len(self.model.rows):
            row = self.model.rows[current.row()]
            if row.node_id is not None:
                self.node_chosen.emit(row.node_id)
