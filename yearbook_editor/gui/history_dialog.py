"""History of a node: one row per step the editor took (合并段落, 添加标签“人口”, 填写空缺 …), each
opening onto its raw revisions; the character-level diff of the text it changed; and Restore of
a whole step (one new revision batch, undoable; nothing is ever overwritten)."""

from __future__ import annotations

import difflib
import html

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
)

from ..core import edits, queries
from ..core.errors import YearbookError
from .history_model import StepsModel, field_label, raw_change, step_words, value_label, when
from .plain import NAME, escape, plain_tooltip, visible
from .session import reason_label

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


class HistoryDialog(QDialog):
    """Non-modal: the editor may keep working; the list follows every change."""

    def __init__(self, session, node_id: int, parent=None):
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.session = session
        self.node_id = node_id
        self.model = StepsModel(self)
        self._offers: dict[tuple[int, bool], tuple] = {}  # (step, after) → (restoring edit, why not)
        self._node_title = ""
        self._build()
        self.retranslate()
        self.refresh()
        session.changed.connect(self._on_changed)
        self.resize(860, 560)

    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTreeView(self)
        self.table.setObjectName("revisions")
        self.table.setModel(self.model)
        self.table.setUniformRowHeights(True)
        self.table.setAllColumnsShowFocus(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.header().setStretchLastSection(False)
        self.table.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, self.fontMetrics().horizontalAdvance("8888-88-88 88:88:88") + 40)
        self.diff = QTextBrowser(self)
        self.diff.setObjectName("diff")
        self.diff.setOpenLinks(False)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.diff)
        split.setSizes([280, 220])
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
        index = self.table.currentIndex()
        at = (index.parent().row(), index.row()) if index.parent().isValid() else (index.row(), -1)
        self.model.retranslate()  # the steps' words are in the interface language
        if at[0] >= 0:
            parent = self.model.index(at[0], 0)
            self.table.setCurrentIndex(self.model.index(at[1], 0, parent) if at[1] >= 0 else parent)
        self.restore_button.setText(self.tr("Restore This Version"))
        self.restore_before_button.setText(self.tr("Restore Before This Step"))
        self._show_current()
        title = visible(self._node_title, NAME, one_line=True)
        n = self.model.rowCount()
        self.title.setText(self.tr("%1 — %2 step(s), newest first; open a step to see the fields it changed")
                           .replace("%1", title).replace("%2", str(n)))

    def changeEvent(self, e) -> None:  # noqa: N802
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def refresh(self) -> None:
        store = self.session.store
        self._node_title = queries.node_title(store, self.node_id)
        rows = edits.history(store, self.session.volume_id, self.node_id) if self.session.volume_id is not None else []
        self._offers.clear()
        self.model.set_steps(edits.group_steps(rows, store))
        if self.model.rowCount():
            self.select_step(0)
        self.retranslate()

    def _on_changed(self, changes, initiator) -> None:
        if self.isVisible():
            self.refresh()

    def select_step(self, row: int) -> None:
        """Make a step (0 = the newest) the current row."""
        self.table.setCurrentIndex(self.model.index(row, 0))

    def current(self):
        """(step, revision): the chosen step, and the revision when a raw row is chosen."""
        return self.model.step_at(self.table.currentIndex())

    def current_revision(self) -> dict | None:
        step, revision = self.current()
        return revision or (step.revisions[0] if step is not None else None)

    def _show_current(self) -> None:
        step, revision = self.current()
        self._offer_restore(step)
        if step is None:
            self.diff.setHtml("")
            return
        if revision is not None:
            head = escape(f"#{revision['id']}  {when(revision['created_at'])}  {revision['author']}  "
                          f"{field_label(revision['field'])}", None)
            old = value_label(revision["field"], revision["old_value"])
            new = value_label(revision["field"], revision["new_value"])
            self.diff.setHtml(f"<p><b>{head}</b><br/>{escape(raw_change(revision), None)}</p>"
                              f"<p style='font-size:13pt'>{char_diff_html(old, new)}</p>")
            return
        head = escape(f"{when(step.created_at)}  {step.author}  {step_words(step)}", None)
        parts = [f"<p><b>{head}</b><br/>{escape(reason_label(step.reason), None)}</p>"]
        for r in step.text_changes():  # the character diff of every text the step changed
            parts.append(f"<p style='font-size:13pt'>{char_diff_html(r['old_value'], r['new_value'])}</p>")
        if not step.text_changes():
            parts.append("<p>" + escape(self.tr("No text changed: open the step to see its fields."), None) + "</p>")
        self.diff.setHtml("".join(parts))

    def _restore_edit(self, step, after: bool):
        """(edit, why not): the edit restoring the step, or None and a sentence (worked out once
        per step and refresh: changing the language asks again without reading the store)."""
        if step is None or getattr(self.session.store, "conn", None) is None:  # no step, or the store closed
            return None, ""
        key = (step.id, after)
        if key not in self._offers:
            try:
                self._offers[key] = (edits.restore_step(self.session.store, step.id, after), "")
            except YearbookError as e:
                self._offers[key] = (None, str(e))
        edit, why = self._offers[key]
        if edit is None and not why:
            why = self.tr("Everything this step changed is already that way.")
        return edit, why

    def _offer_restore(self, step) -> None:
        tips = {True: self.tr("Set everything this step changed to what it was right after it (a new step, "
                              "undoable)"),
                False: self.tr("Set everything this step changed back to what it was before it (a new step, "
                               "undoable)")}
        for button, after in ((self.restore_button, True), (self.restore_before_button, False)):
            edit, why = self._restore_edit(step, after)
            button.setEnabled(edit is not None and not self.session.read_only)
            button.setToolTip(plain_tooltip(why or tips[after]))

    def restore(self, after: bool = True) -> bool:
        """Restore the chosen step (its raw rows stand for it): one new batch of revisions."""
        step, _revision = self.current()
        edit, why = self._restore_edit(step, after)
        if edit is None:
            if why:
                self.session.error_occurred.emit(why)
            return False
        return self.session.apply(edit, self, text=self.tr("Restore"), reason=f"restore:{step.id}")
