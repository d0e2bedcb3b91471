"""The blanks queue (the Checks dock's second tab) and the form for a group of related blanks.

* :class:`BlanksPanel` — the blanks queue (``checks.blank_queue``) with the value the tool
  suggests (编辑说明 counts from the current structure); typing a value fills the blank as a
  revision; a group of related blanks opens :class:`GroupDialog`. The checks controller keeps it
  current (after every edit, while it is shown; no refresh button): the blanks are the stored
  findings, which the re-check after each edit keeps current, or, before the volume's first
  check, a run of the blank rules.

Every text from the volume is shown as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import checks, queries
from ..core.errors import YearbookError
from .finding_fixes import context_text, one_line
from .plain import NAME, plain_tooltip, visible, window_title


class BlanksPanel(QWidget):
    """The blanks queue: each blank with what is missing and a suggested value; fill it here."""

    fill_requested = Signal(object, str)  # (BlankItem, value)
    group_requested = Signal(object)  # BlankGroup
    blank_activated = Signal(object)  # Finding
    message = Signal(str)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("blanksPanel")
        self.session = session
        self.items: list[checks.BlankItem] = []
        self.groups: dict[str, checks.BlankGroup] = {}
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("blanksTree")
        self.tree.setRootIsDecorated(False)
        self.value_edit = QLineEdit(self)
        self.value_edit.setObjectName("blankValue")
        self.fill_button = QPushButton(self)
        self.fill_button.setObjectName("fillBlank")
        self.group_button = QPushButton(self)
        self.group_button.setObjectName("fillGroup")
        self.value_label = QLabel(self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.value_label, self.value_edit, self.fill_button, self.group_button):
            row.addWidget(w)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(row)
        lay.addWidget(self.tree, 1)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemDoubleClicked.connect(lambda *_: self._activate())
        self.fill_button.clicked.connect(self.fill_current)
        self.value_edit.returnPressed.connect(self.fill_current)
        self.group_button.clicked.connect(self._group)
        self.retranslate()

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([self.tr("Missing"), self.tr("Unit"), self.tr("Suggested"), self.tr("Where"),
                                   self.tr("Context")])
        self.value_label.setText(self.tr("Value:"))
        self.value_edit.setPlaceholderText(self.tr("type the missing value, Enter fills it"))
        self.fill_button.setText(self.tr("Fill"))
        self.group_button.setText(self.tr("Fill Group…"))
        self.group_button.setToolTip(self.tr("Related blanks (e.g. the ethnic figures) in one form that checks the sum"))

    def changeEvent(self, e) -> None:  # noqa: N802
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def refresh(self) -> None:
        """Find the blanks again; the selected blank (or the one after it) and the scroll stay."""
        store, vid = self.session.store, self.session.volume_id
        current = self.current_item()
        keep = (current.finding.fingerprint if current else None, self.tree.indexOfTopLevelItem(
            self.tree.currentItem()) if current else -1, self.tree.verticalScrollBar().value())
        self.tree.clear()
        self.items, self.groups = [], {}
        if vid is None:
            return
        try:
            if queries.last_check_time(store, vid) is not None:  # kept current by the re-check of each edit
                found = checks.load_findings(store, vid, status="open", code="blank")
            else:
                found = checks.run_checks(store, vid, codes=["blank"])
            self.items = checks.blank_queue(store, vid, found)
            self.groups = {g.id: g for g in checks.blank_groups(store, vid, found)}
        except YearbookError as e:
            self.message.emit(str(e))
            return
        self._fill(store, vid)
        self._restore(*keep)

    def _fill(self, store, vid: int) -> None:
        titles = queries.node_titles(store, vid)
        for n, b in enumerate(self.items):
            where = visible(titles.get(b.finding.node_id, ""), NAME, one_line=True)
            item = QTreeWidgetItem([one_line(b.label), b.unit, b.suggested or "", where, context_text(b.finding)])
            item.setData(0, Qt.ItemDataRole.UserRole, n)
            item.setToolTip(4, plain_tooltip(b.finding.message))
            if b.suggested:
                item.setToolTip(2, self.tr("Computed from the volume's structure"))
            self.tree.addTopLevelItem(item)
        for c in range(4):
            self.tree.resizeColumnToContents(c)

    def _restore(self, fingerprint: str | None, row: int, scroll: int) -> None:
        if not self.items:
            self._current_changed(None, None)
            return
        found = next((n for n, b in enumerate(self.items) if fingerprint and b.finding.fingerprint == fingerprint), -1)
        if found < 0:
            found = min(max(row, 0), len(self.items) - 1)  # a filled blank is gone: the one after it
        self.tree.setCurrentItem(self.tree.topLevelItem(found))
        self.tree.verticalScrollBar().setValue(scroll)

    def current_item(self) -> checks.BlankItem | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        return self.items[item.data(0, Qt.ItemDataRole.UserRole)]

    def select_row(self, row: int) -> None:
        self.tree.setCurrentItem(self.tree.topLevelItem(row))

    def _current_changed(self, *_):
        b = self.current_item()
        self.value_edit.setText(b.suggested or "" if b else "")
        self.fill_button.setEnabled(b is not None)
        self.group_button.setEnabled(b is not None and b.group in self.groups and
                                     len(self.groups[b.group].fields) > 1)

    def _activate(self) -> None:
        b = self.current_item()
        if b is not None:
            self.blank_activated.emit(b.finding)

    def fill_current(self) -> None:
        b = self.current_item()
        value = self.value_edit.text().strip()
        if b is None:
            return
        if not value:
            self.message.emit(self.tr("Type the missing value first."))
            return
        self.fill_requested.emit(b, value)

    def _group(self) -> None:
        b = self.current_item()
        if b is not None and b.group in self.groups:
            self.group_requested.emit(self.groups[b.group])


class GroupDialog(QDialog):
    """One field per blank of a group; live check that the parts add up and the share fits;
    the values found elsewhere (this volume, other volumes of the place) beside each field."""

    def __init__(self, session, group: checks.BlankGroup, parent=None):
        super().__init__(parent)
        self.setObjectName("groupDialog")
        self.session, self.group = session, group
        self.setWindowTitle(self.tr("Fill Related Blanks — %1").replace("%1", window_title(group.title)))
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        self.elsewhere: dict[str, QLabel] = {}
        vid = session.volume_id
        for f in group.fields:
            edit = QLineEdit(self)
            edit.setObjectName(f"group_{f.key}")
            edit.textChanged.connect(self.check)
            self.edits[f.key] = edit
            other = QLabel(self)
            other.setTextFormat(Qt.TextFormat.PlainText)
            other.setStyleSheet("color: #606060")
            found = []
            if f.role not in ("share",) and vid is not None:
                try:
                    found = checks.values_elsewhere(session.store, vid, f.label, f.unit or None)
                except YearbookError:
                    found = []
            if found:
                here = self.tr("this volume")  # outside the f-string, where lupdate finds it
                bits = [f"{v['value']}{v['unit']}（{here if v['same_volume'] else v['volume_title']}，{v['node_title']}）"
                        for v in found[:3]]
                other.setText(visible(self.tr("Elsewhere: %1").replace("%1", "；".join(bits)), 4 * NAME))
            self.elsewhere[f.key] = other
            box = QHBoxLayout()
            box.addWidget(edit)
            unit = QLabel(f.unit, self)
            unit.setTextFormat(Qt.TextFormat.PlainText)
            box.addWidget(unit)
            box.addWidget(other, 1)
            label = QLabel(f.label, self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            form.addRow(label, box)
        self.description = QLabel(self)
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        if group.population:
            self.description.setText(self.tr("Population stated in the entry: %1").replace(
                "%1", group.population_text or f"{group.population:.0f}"))
        self.problems = QLabel(self)
        self.problems.setObjectName("groupProblems")
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b03020")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.description)
        lay.addLayout(form)
        lay.addWidget(self.problems)
        lay.addWidget(self.buttons)
        self.check()

    def values(self) -> dict[str, str]:
        return {k: e.text().strip() for k, e in self.edits.items()}

    def check(self) -> list:
        problems = checks.check_group(self.group, self.values())
        self.problems.setText("\n".join(p.message for p in problems))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Fill Anyway") if problems else self.tr("Fill"))
        ok.setEnabled(any(self.values().values()))
        return problems
