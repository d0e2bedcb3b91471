"""History of a node: every revision (who, when, why, old → new) with a character-level diff,
and Restore (a new, undoable revision; nothing is ever overwritten)."""

from __future__ import annotations

import difflib
import html

from PySide6.QtCore import QAbstractTableModel, QDateTime, QEvent, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
)

from ..core import edits, queries
from .outline_model import status_label
from .plain import NAME, escape, plain_tooltip, visible
from .session import reason_label

RevisionRole = Qt.ItemDataRole.UserRole + 1
INSERT_STYLE = "background:#d4f7d4;color:#0a5c0a;"
DELETE_STYLE = "background:#fbd9d9;color:#8a1010;text-decoration:line-through;"


def char_diff_html(old: str, new: str) -> str:
    """A character-level diff (suited to Chinese: no word boundaries needed) as escaped HTML."""
    old, new = old or "", new or ""
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out.append(html.escape(old[i1:i2]))
            continue
        if op in ("delete", "replace"):
            out.append(f'<span style="{DELETE_STYLE}">{html.escape(old[i1:i2])}</span>')
        if op in ("insert", "replace"):
            out.append(f'<span style="{INSERT_STYLE}">{html.escape(new[j1:j2])}</span>')
    return "".join(out).replace("\n", "<br/>")


def field_label(field: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return {
        "text": QCoreApplication.translate("History", "text"),
        "kind": QCoreApplication.translate("History", "kind"),
        "status": QCoreApplication.translate("History", "review status"),
    }.get(field, field)


def value_label(field: str, value) -> str:
    if value is None:
        return ""
    if field == "status":
        return status_label(value)
    return str(value)


class RevisionsModel(QAbstractTableModel):
    COLUMNS = 4

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = list(reversed(rows))  # newest first
        self.endResetModel()

    def revision(self, row: int) -> dict | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.COLUMNS

    def roleNames(self):  # noqa: N802
        names = super().roleNames()
        names[RevisionRole] = b"revision"
        return names

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Why")][section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return visible([self._when(r), r["author"], self._what(r), reason_label(r["reason"])][index.column()],
                           one_line=True)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f"#{r['id']}  {r['created_at']}")
        if role == RevisionRole:
            return r
        return None

    @staticmethod
    def _when(r: dict) -> str:
        dt = QDateTime.fromString(r["created_at"], Qt.DateFormat.ISODateWithMs)
        if not dt.isValid():
            return r["created_at"]
        return dt.toLocalTime().toString("yyyy-MM-dd HH:mm:ss")

    def _what(self, r: dict) -> str:
        if r["field"] == "text":
            new = (r["new_value"] or "").replace("\n", " ")
            return f"{field_label('text')}: {new[:30]}{'…' if len(new) > 30 else ''}"
        return f"{field_label(r['field'])}: {value_label(r['field'], r['old_value'])} → " \
               f"{value_label(r['field'], r['new_value'])}"


class HistoryDialog(QDialog):
    """Non-modal: the editor may keep working; Refresh follows new revisions."""

    def __init__(self, session, node_id: int, parent=None):
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.session = session
        self.node_id = node_id
        self.model = RevisionsModel(self)
        self._node_title = ""
        self._build()
        self.retranslate()
        self.refresh()
        session.changed.connect(self._on_changed)
        self.resize(820, 560)

    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableView(self)
        self.table.setObjectName("revisions")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.diff = QTextBrowser(self)
        self.diff.setObjectName("diff")
        self.diff.setOpenLinks(False)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.diff)
        split.setSizes([260, 240])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton(self)
        self.restore_before_button = QPushButton(self)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.restore_before_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.close)
        self.restore_button.clicked.connect(lambda: self.restore(after=True))
        self.restore_before_button.clicked.connect(lambda: self.restore(after=False))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("History"))
        self.restore_button.setText(self.tr("Restore This Version"))
        self.restore_button.setToolTip(self.tr("Set the text back to what it was after this change (a new revision)"))
        self.restore_before_button.setText(self.tr("Restore Text Before"))
        self.restore_before_button.setToolTip(self.tr("Set the text back to what it was before this change"))
        title = visible(self._node_title, NAME, one_line=True)
        n = self.model.rowCount()
        self.title.setText(self.tr("%1 — %2 revision(s), newest first").replace("%1", title).replace("%2", str(n)))

    def changeEvent(self, e) -> None:  # noqa: N802
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def refresh(self) -> None:
        self._node_title = queries.node_title(self.session.store, self.node_id)
        rows = edits.history(self.session.store, self.session.volume_id, self.node_id) \
            if self.session.volume_id is not None else []
        self.model.set_rows(rows)
        self.retranslate()
        if rows:
            self.table.selectRow(0)
        self._show_current()

    def _on_changed(self, changes, initiator) -> None:
        if self.isVisible():
            self.refresh()

    def current_revision(self) -> dict | None:
        return self.model.revision(self.table.currentIndex().row())

    def _show_current(self) -> None:
        r = self.current_revision()
        can = r is not None and self._restore_edit(r, True) is not None
        self.restore_button.setEnabled(can)
        self.restore_before_button.setEnabled(can)
        if r is None:
            self.diff.setHtml("")
            return
        head = escape(f"#{r['id']}  {RevisionsModel._when(r)}  {r['author']}  {field_label(r['field'])}", None)
        why = escape(reason_label(r["reason"]), None)
        old = value_label(r["field"], r["old_value"])
        new = value_label(r["field"], r["new_value"])
        body = char_diff_html(old, new)
        self.diff.setHtml(f"<p><b>{head}</b><br/>{why}</p><p style='font-size:13pt'>{body}</p>")

    def _restore_edit(self, r: dict, after: bool):
        value = r["new_value"] if after else r["old_value"]
        if value is None:
            return None
        if r["target"] == "block" and r["field"] == "text":
            return edits.SetBlockText(r["target_id"], value)
        if r["target"] == "block" and r["field"] == "kind":
            return edits.SetBlockKind(r["target_id"], value)
        if r["target"] == "node" and r["field"] == "status":
            return edits.SetNodeStatus(r["target_id"], value)
        return None

    def restore(self, after: bool = True) -> bool:
        r = self.current_revision()
        edit = self._restore_edit(r, after) if r else None
        if edit is None:
            return False
        return self.session.apply(edit, self, text=self.tr("Restore"), reason=f"restore:{r['id']}")
