"""The findings of a volume as a table (kind, where, context, suggestion, status), filtered by
kind (code) and status: the list of the checks dock (:mod:`.findings_panel`)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QByteArray, QModelIndex, Qt
from PySide6.QtGui import QColor

from ..core import checks
from .finding_fixes import code_label, context_text, one_line, status_text
from .plain import NAME, plain_tooltip, visible

FindingRole = Qt.ItemDataRole.UserRole + 1
FindingIdRole = Qt.ItemDataRole.UserRole + 2
CodeRole = Qt.ItemDataRole.UserRole + 3
FindingStatusRole = Qt.ItemDataRole.UserRole + 4

COL_KIND, COL_WHERE, COL_CONTEXT, COL_SUGGESTION, COL_STATUS = range(5)
STATUS_COLORS = {"open": QColor("#b03020"), "fixed": QColor("#2f7d32"), "ignored": QColor("#808080")}


class FindingsModel(QAbstractTableModel):
    """Findings of one volume; ``set_filter`` narrows the rows by code and status."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: list[checks.Finding] = []
        self._rows: list[checks.Finding] = []
        self._titles: dict[int, str] = {}
        self.code: str | None = None
        self.status: str | None = "open"

    def set_findings(self, findings: list[checks.Finding], titles: dict[int, str]) -> None:
        self.beginResetModel()
        self._all = list(findings)
        self._titles = titles
        self._rows = self._filtered()
        self.endResetModel()

    def set_filter(self, code: str | None, status: str | None) -> None:
        self.beginResetModel()
        self.code, self.status = code, status
        self._rows = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[checks.Finding]:
        return [f for f in self._all if (self.code is None or f.code == self.code)
                and (self.status is None or f.status == self.status)]

    def all_findings(self) -> list[checks.Finding]:
        return list(self._all)

    def finding(self, row: int) -> checks.Finding | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, finding_id: int) -> int:
        return next((i for i, f in enumerate(self._rows) if f.id == finding_id), -1)

    def set_status(self, ids: set[int], status: str) -> None:
        for f in self._all:
            if f.id in ids:
                f.status = status
        for i, f in enumerate(self._rows):
            if f.id in ids:
                self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [self.tr("Kind"), self.tr("Where"), self.tr("Context"), self.tr("Suggestion"), self.tr("Status")][section]

    def roleNames(self) -> dict[int, QByteArray]:  # noqa: N802
        names = super().roleNames()
        names.update({FindingRole: QByteArray(b"finding"), FindingIdRole: QByteArray(b"findingId"),
                      CodeRole: QByteArray(b"code"), FindingStatusRole: QByteArray(b"status")})
        return names

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        f = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_KIND:
                return code_label(f.code)
            if col == COL_WHERE:
                title = self._titles.get(f.node_id, "") if f.node_id is not None else ""
                title = visible(title, NAME, one_line=True)
                # the line first: a long title is cut at the right, the line number stays readable
                return self.tr("line %2 · %1").replace("%1", title).replace("%2", str(f.line)) if f.line else title
            if col == COL_CONTEXT:
                return context_text(f)
            if col == COL_SUGGESTION:
                if f.suggestion is None:
                    return ""
                return f"→ {one_line(f.suggestion)}" if f.suggestion else self.tr("delete")
            if col == COL_STATUS:
                return status_text(f.status)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f.message or code_label(f.code))  # a message quotes the volume's text
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATUS:
            return STATUS_COLORS.get(f.status)
        if role == FindingRole:
            return f
        if role == FindingIdRole:
            return f.id
        if role == CodeRole:
            return f.code
        if role == FindingStatusRole:
            return f.status
        return None
