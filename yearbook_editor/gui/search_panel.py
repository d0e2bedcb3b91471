"""Search across every volume of the store (issue 6): query, filters (volume, tag, node kind,
review status), results with context, a page at a time ("More").

The search is the core's (``core.search.search``: the query is always a bound parameter, any
text is searched literally). A click on a result opens its volume (switching if needed) and
selects the place in the editor.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QByteArray, QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core import search as core_search
from ..core.errors import YearbookError
from .outline_model import kind_label, status_label
from .plain import NAME, plain_tooltip, visible

HitRole = Qt.ItemDataRole.UserRole + 1
PAGE = 50


class SearchResultsModel(QAbstractTableModel):
    """Hits: volume, node, context (before【match】after, the match in the middle of as many
    characters as the context column shows: :meth:`set_context_chars`)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.hits: list[core_search.Hit] = []
        self.context_chars = 40  # what the context column shows, in characters as wide as 中

    def set_context_chars(self, chars: int) -> None:
        """The context column now shows ``chars`` characters: cut every hit's context anew."""
        if chars != self.context_chars:
            self.context_chars = chars
            if self.hits:
                self.dataChanged.emit(self.index(0, 2), self.index(len(self.hits) - 1, 2),
                                      [Qt.ItemDataRole.DisplayRole])

    def set_hits(self, hits, append: bool = False) -> None:
        if append and hits:
            first = len(self.hits)
            self.beginInsertRows(QModelIndex(), first, first + len(hits) - 1)
            self.hits.extend(hits)
            self.endInsertRows()
            return
        if not append:
            self.beginResetModel()
            self.hits = list(hits)
            self.endResetModel()

    def hit(self, row: int):
        return self.hits[row] if 0 <= row < len(self.hits) else None

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.hits)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Volume"), self.tr("Node"), self.tr("Context")][section]
        return None

    def roleNames(self) -> dict[int, QByteArray]:  # noqa: N802
        names = super().roleNames()
        names[HitRole] = QByteArray(b"hit")
        return names

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.hits)):
            return None
        h = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return visible(h.volume_title, NAME, one_line=True)
            if index.column() == 1:
                return visible(h.node_title, NAME, one_line=True)
            before, match, after = h.snippet(self.context_chars - 2)  # 【】 take two of them
            return visible(f"{before}【{match}】{after}", one_line=True)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self.tr("%1 · line %2").replace("%1", visible(h.volume_title, NAME))
                                 .replace("%2", str(h.line_start)))
        if role == HitRole:
            return h
        return None


class SearchPanel(QWidget):
    """The search dock: query and filters, results, More."""

    hit_activated = Signal(object)
    message = Signal(str)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self.session = session
        self.model = SearchResultsModel(self)
        self.query_edit = QLineEdit(self)
        self.query_edit.setObjectName("searchQuery")
        self.query_edit.setClearButtonEnabled(True)
        self.volume_combo = QComboBox(self)
        self.volume_combo.setObjectName("searchVolume")
        self.tag_combo = QComboBox(self)
        self.tag_combo.setObjectName("searchTag")
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("searchKind")
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("searchStatus")
        for combo in (self.volume_combo, self.tag_combo):  # a long title or tag name does not widen the bar
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        self.search_button = QPushButton(self)
        self.search_button.setObjectName("searchButton")
        self.more_button = QPushButton(self)
        self.more_button.setObjectName("searchMore")
        self.more_button.hide()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("searchCount")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.view = self._results_view()
        self.view.horizontalHeader().sectionResized.connect(
            lambda section, _old, _new: self._fit_context() if section == 2 else None)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.query_edit, 2)
        for w in (self.volume_combo, self.tag_combo, self.kind_combo, self.status_combo, self.search_button):
            top.addWidget(w)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.more_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        lay.addLayout(bottom)
        self._query = ""
        self._filters = core_search.SearchFilter()
        self.query_edit.returnPressed.connect(self.run)
        self.search_button.clicked.connect(self.run)
        self.more_button.clicked.connect(self.more)
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._activated)
        self.retranslate()

    def _results_view(self) -> QTableView:
        """The results table: whole rows, no editing, one line each; the context column stretches
        and its text is cut to fit with the match in the middle (:meth:`context_chars`)."""
        view = QTableView(self)
        view.setObjectName("searchResults")
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        h = view.horizontalHeader()
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        h.resizeSection(0, 170)
        h.resizeSection(1, 140)
        return view

    def retranslate(self) -> None:
        self.query_edit.setPlaceholderText(self.tr("Search every volume of the store…"))
        self.search_button.setText(self.tr("Search"))
        self.more_button.setText(self.tr("More"))
        self.more_button.setToolTip(self.tr("Show the next %1 results").replace("%1", str(PAGE)))
        self.refresh_filters()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)

    def context_chars(self) -> int:
        """How many characters as wide as 中 the context column shows (its cell margins left out)."""
        margin = 2 * (self.view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.view) + 1)
        width = self.view.horizontalHeader().sectionSize(2) - margin
        return max(5, width // max(1, self.view.fontMetrics().horizontalAdvance("中")))

    def _fit_context(self) -> None:
        self.model.set_context_chars(self.context_chars())

    def changeEvent(self, e) -> None:  # noqa: N802
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif e.type() == QEvent.Type.FontChange:
            self._fit_context()
        super().changeEvent(e)

    def refresh_filters(self) -> None:
        """The volumes and tags of the store (after an import or a new tag)."""
        from ..core import tags as core_tags
        from ..core.volumes import list_volumes

        def fill(combo, items):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, data in items:
                combo.addItem(visible(text, NAME, one_line=True), data)  # a long title keeps the bar narrow
            i = combo.findData(current)
            combo.setCurrentIndex(i if i >= 0 else 0)
            combo.blockSignals(False)

        try:
            vols = list_volumes(self.session.store)
            tags = core_tags.list_tags(self.session.store)
        except (YearbookError, AttributeError):
            vols, tags = [], []
        fill(self.volume_combo, [(self.tr("All volumes"), None)] + [(v["title"], v["id"]) for v in vols])
        fill(self.tag_combo, [(self.tr("Any tag"), None)] + [(t["path"], t["id"]) for t in tags])
        kinds = ["category", "division", "subdivision", "entry"]
        fill(self.kind_combo, [(self.tr("Any level"), None)] + [(kind_label(k), k) for k in kinds])
        fill(self.status_combo, [(self.tr("Any status"), None)] +
             [(status_label(s), s) for s in ("unreviewed", "checked", "approved")])

    def filters(self) -> core_search.SearchFilter:
        def one(combo):
            d = combo.currentData()
            return (d,) if d is not None else ()

        return core_search.SearchFilter(volume_ids=one(self.volume_combo), tag_ids=one(self.tag_combo),
                                        node_kinds=one(self.kind_combo), statuses=one(self.status_combo))

    def run(self) -> core_search.SearchResult | None:
        q = self.query_edit.text()
        if not q.strip():
            self.model.set_hits([])
            self.count_label.setText("")
            self.more_button.hide()
            return None
        self.session.flush()
        self._query, self._filters = q, self.filters()
        return self._page(0)

    def more(self):
        return self._page(len(self.model.hits))

    def _page(self, offset: int):
        try:
            res = core_search.search(self.session.store, self._query, self._filters, limit=PAGE, offset=offset,
                                     cache=self.session.search_cache)
        except YearbookError as e:
            self.message.emit(str(e))
            return None
        self._fit_context()
        self.model.set_hits(res.hits, append=offset > 0)
        n = len(self.model.hits)
        text = self.tr("%1 results").replace("%1", str(n)) if not res.more else \
            self.tr("First %1 results").replace("%1", str(n))
        self.count_label.setText(text if n else self.tr("Nothing found."))
        self.more_button.setVisible(res.more)
        return res

    def _activated(self, index: QModelIndex) -> None:
        h = self.model.hit(index.row())
        if h is not None:
            self.hit_activated.emit(h)

    def selected_hits(self) -> list:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.hit(r) for r in rows if self.model.hit(r) is not None]
