"""The checks in the app (issue 5): the findings panel and the fix-all preview.

* :class:`~.findings_model.FindingsModel` — the stored findings of the volume, filtered by kind
  (code) and status; one row per finding (kind, where, context, suggestion, status).
* :class:`FindingsPanel` — the dock's first tab: filters, counts, "Run checks" (in the
  background, with progress and Cancel), the list; a click (or double-click) shows the place.
* the second tab, the blanks queue, is :mod:`.blanks_panel`.
* the menu of fixes for one finding and the fix-all preview are :mod:`.finding_fixes`.

The rules, fixes and fills are the core's (``core.checks``); here they are only shown and
applied through ``session.apply`` (one undo step each). Every text from the volume is shown
as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core import checks, queries
from ..core.checks.runner import check_and_store
from ..core.errors import YearbookError
from .finding_fixes import code_label, finding_menu, status_text
from .findings_model import COL_CONTEXT, COL_KIND, COL_STATUS, COL_SUGGESTION, COL_WHERE, FindingsModel
from .plain import plain_tooltip
from .workers import Job, run_in_process

KIND_KEY, STATUS_KEY = "findings/kind", "findings/status"
ALL_STATUSES = "all"  # the status filter's "All" (a string: settings keep no None)


def _setting_str(settings, key: str, default: str | None = None) -> str | None:
    value = settings.value(key, default) if settings is not None else default
    return str(value) if value else default


class FindingsPanel(QWidget):
    """Findings of the volume with filters, counts and the background run."""

    #: the editor asked to see a finding (a click): the window jumps there
    finding_activated = Signal(object)
    fix_requested = Signal(object)
    fix_all_requested = Signal(object)
    ignore_all_requested = Signal(object)
    status_requested = Signal(object, str)
    #: several findings selected in the list, one status for all (list of findings, status)
    statuses_requested = Signal(object, str)
    #: a check run ended (True: new findings were stored)
    checks_finished = Signal(bool)
    message = Signal(str)

    def __init__(self, session, parent=None, settings=None):
        super().__init__(parent)
        self.setObjectName("findingsPanel")
        self.session = session
        self.settings = settings  # the filters chosen are kept there (a new window starts with them)
        #: the editor's choice of kind, kept when no finding of it is left (shown with 0)
        self._wanted_kind: str | None = _setting_str(settings, KIND_KEY)
        if self._wanted_kind not in checks.CODE_LABELS:
            self._wanted_kind = None  # a kind this version does not know
        self.job: Job | None = None
        self._loaded_volume: int | None = None  # the volume the list shows (its place is kept on reload)
        self._titles_of: int | None = None  # the volume whose node titles the model holds
        self.checked_volume: int | None = None  # the volume a whole run last stored findings of
        self.model = FindingsModel(self)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("findingsKind")
        self.kind_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("findingsStatus")
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("findingsCounts")
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.run_button = QPushButton(self)
        self.run_button.setObjectName("runChecks")
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancelChecks")
        self.cancel_button.hide()
        self.view = self._make_view()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        self.kind_label = QLabel(self)
        self.status_label = QLabel(self)
        for w in (self.kind_label, self.kind_combo, self.status_label, self.status_combo, self.counts_label):
            top.addWidget(w)
        top.addStretch(1)
        for w in (self.progress, self.cancel_button, self.run_button):
            top.addWidget(w)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 0)
        lay.setSpacing(2)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        self.kind_combo.currentIndexChanged.connect(self._filter_changed)
        self.status_combo.currentIndexChanged.connect(self._filter_changed)
        self.view.doubleClicked.connect(self._activated)
        self.view.clicked.connect(self._clicked)
        self._placing = False  # the list's place set by the program (a reload), not by the editor
        self._keyed = False  # a key pressed in the list is being handled (only keys move the editor)
        self.view.installEventFilter(self)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.view.customContextMenuRequested.connect(self._menu)
        self.cancel_button.clicked.connect(self.cancel)
        self.retranslate()

    def _make_view(self) -> QTableView:
        view = QTableView(self)
        view.setObjectName("findingsView")
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # Shift/Ctrl+click, Ctrl+A
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 3)  # one line a row, dense
        view.setWordWrap(False)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        h = view.horizontalHeader()
        h.setSectionResizeMode(COL_CONTEXT, QHeaderView.ResizeMode.Stretch)
        longest = max(map(view.fontMetrics().horizontalAdvance, checks.CODE_LABELS.values()), default=100)
        h.resizeSection(COL_KIND, min(200, max(110, longest + 16)))  # every kind's name whole (类目与编辑说明不符)
        h.resizeSection(COL_WHERE, 160)
        h.resizeSection(COL_SUGGESTION, 90)
        h.resizeSection(COL_STATUS, 60)
        return view

    # -- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.kind_label.setText(self.tr("Kind:"))
        self.status_label.setText(self.tr("Status:"))
        self.run_button.setText(self.tr("Run Checks"))
        self.run_button.setToolTip(self.tr("Check the whole volume again as it now stands (in the background)"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._fill_status_combo()
        self._fill_kind_combo()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)

    def changeEvent(self, e) -> None:  # noqa: N802
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def _fill_status_combo(self) -> None:
        current = self.status_combo.currentData() if self.status_combo.count() else \
            _setting_str(self.settings, STATUS_KEY, "open")
        self.status_combo.blockSignals(True)
        self.status_combo.clear()
        for st in ("open", "fixed", "ignored"):
            self.status_combo.addItem(status_text(st), st)
        self.status_combo.addItem(self.tr("All"), ALL_STATUSES)
        i = self.status_combo.findData(current)
        self.status_combo.setCurrentIndex(max(0, i))
        self.status_combo.blockSignals(False)

    def _status(self) -> str | None:
        """The status the list shows (None: all)."""
        status = self.status_combo.currentData()
        return None if status == ALL_STATUSES else status

    def _fill_kind_combo(self) -> None:
        current = self._wanted_kind
        status = self._status()
        found = [f for f in self.model.all_findings() if status is None or f.status == status]
        counts = checks.finding_counts(found)
        if current is not None and current not in counts:  # none left: the filter stays, showing 0
            counts[current] = 0
        self.kind_combo.blockSignals(True)
        self.kind_combo.clear()
        self.kind_combo.addItem(self.tr("All kinds (%1)").replace("%1", str(len(found))), None)
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            self.kind_combo.addItem(f"{code_label(code)} ({n})", code)
        i = self.kind_combo.findData(current) if current is not None else 0
        self.kind_combo.setCurrentIndex(max(0, i))
        self.kind_combo.blockSignals(False)
        self._update_counts()

    def _update_counts(self) -> None:
        """Open / fixed / ignored of the kind chosen (of every kind when none is)."""
        kind = self.kind_combo.currentData()
        fs = [f for f in self.model.all_findings() if kind is None or f.code == kind]
        n = {s: sum(1 for f in fs if f.status == s) for s in ("open", "fixed", "ignored")}
        self.counts_label.setText(self.tr("Open %1 · Fixed %2 · Ignored %3").replace("%1", str(n["open"]))
                                  .replace("%2", str(n["fixed"])).replace("%3", str(n["ignored"])))

    # -- content ----------------------------------------------------------------------

    def load(self) -> None:
        """Read the stored findings of the session's volume; the selected finding and the scroll
        position stay (the next finding is selected when the selected one is gone)."""
        store, vid = self.session.store, self.session.volume_id
        found: list[checks.Finding] = []
        titles: dict[int, str] = {}
        if vid is not None:
            try:
                found = checks.load_findings(store, vid)
            except (YearbookError, TypeError, ValueError):
                found = []
            found = [f for f in found if f.code in checks.CODE_LABELS or "." in f.code]
            titles = queries.node_titles(store, vid) if vid != self._titles_of else self.model._titles
            self._titles_of = vid
        place = self.place()
        held = {f.id: f for f in self.model.all_findings()}
        for n, f in enumerate(found):  # the same objects stay: one held by a menu or dialog sees the news
            if f.id in held:
                held[f.id].__dict__.update(f.__dict__)
                found[n] = held[f.id]
        self.model.set_findings(found, titles)
        self._fill_kind_combo()
        self.model.set_filter(self.kind_combo.currentData(), self._status())
        if vid == self._loaded_volume:
            self.restore_place(place)
        self._loaded_volume = vid

    def titles_changed(self) -> None:
        """Node titles changed (an entry renamed, the outline re-derived): read them again on the next load."""
        self._titles_of = None

    def place(self) -> tuple[int | None, int, int]:
        """(selected finding id, its row, the scroll position) of the list."""
        idx = self.view.currentIndex()
        f = self.model.finding(idx.row()) if idx.isValid() else None
        return (f.id if f else None), (idx.row() if idx.isValid() else -1), self.view.verticalScrollBar().value()

    def restore_place(self, place: tuple[int | None, int, int]) -> None:
        self._placing = True
        try:
            self._restore_place(place)
        finally:
            self._placing = False

    def _restore_place(self, place: tuple[int | None, int, int]) -> None:
        finding_id, row, scroll = place
        new_row = self.model.row_of(finding_id) if finding_id is not None else -1
        if new_row < 0 and row >= 0 and self.model.rowCount():
            new_row = min(row, self.model.rowCount() - 1)  # the selected one is gone: the one after it
        if new_row >= 0:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(new_row, 0), self.view.selectionModel().SelectionFlag.ClearAndSelect
                | self.view.selectionModel().SelectionFlag.Rows)
        self.view.verticalScrollBar().setValue(scroll)

    def open_findings(self) -> list[checks.Finding]:
        return [f for f in self.model.all_findings() if f.status == "open"]

    def findings_of_node(self, node_id: int | None) -> list[checks.Finding]:
        return [f for f in self.model.all_findings() if f.node_id == node_id and f.status == "open"]

    def needs_run(self) -> bool:
        """True when the volume was never checked, or was changed after its last check."""
        store, vid = self.session.store, self.session.volume_id
        if vid is None:
            return False
        last_check = queries.last_check_time(store, vid)
        if last_check is None:
            return True
        last_edit = queries.last_revision_time(store, vid)
        return last_edit is not None and str(last_edit) > str(last_check)

    def mark(self, findings: list[checks.Finding], status: str) -> None:
        """Store the findings' new status (a read-only store refuses: the message says so)."""
        ids = set()
        for fid in {f.id for f in findings if f.id is not None}:
            try:
                checks.set_status(self.session.store, fid, status)
            except YearbookError as e:
                self.message.emit(str(e))
                break
            ids.add(fid)
        self.model.set_status(ids, status)
        self._refilter()

    def _refilter(self) -> None:
        """The rows again after statuses changed (a finding fixed or ignored leaves the open list at
        once), the editor's place in the list kept."""
        place = self.place()
        self._fill_kind_combo()
        self.model.set_filter(self.kind_combo.currentData(), self._status())
        self.restore_place(place)

    def follow_statuses(self, finding_ids) -> None:
        """Show the stored statuses of these findings (a fix, or its undo, changed them)."""
        by_status: dict[str, set[int]] = {}
        for fid, status in queries.finding_statuses(self.session.store, finding_ids).items():
            by_status.setdefault(status, set()).add(fid)
        for status, ids in by_status.items():
            self.model.set_status(ids, status)
        self._refilter()

    def _filter_changed(self) -> None:
        if self.sender() is self.status_combo:
            self._fill_kind_combo()
        else:
            self._wanted_kind = self.kind_combo.currentData()
            if self._wanted_kind is None:
                self._fill_kind_combo()  # a kind kept at 0 only for the filter goes
            self._update_counts()
        self.model.set_filter(self.kind_combo.currentData(), self._status())
        if self.settings is not None:
            self.settings.setValue(KIND_KEY, self._wanted_kind or "")
            self.settings.setValue(STATUS_KEY, self.status_combo.currentData())

    def set_kind(self, code: str | None) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(code)) if code else 0)

    def set_status_filter(self, status: str | None) -> None:
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(status or ALL_STATUSES)))

    def select_finding(self, finding_id: int) -> None:
        row = self.model.row_of(finding_id)
        if row >= 0:
            self._placing = True
            try:
                self.view.selectRow(row)
            finally:
                self._placing = False
            self.view.scrollTo(self.model.index(row, 0))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if obj is self.view and event.type() == QEvent.Type.KeyPress:
            self._keyed = True  # until the key has been handled (the row it moves to is the editor's choice)
            QTimer.singleShot(0, self._key_handled)
        return super().eventFilter(obj, event)

    def _key_handled(self) -> None:
        self._keyed = False

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Up/Down and Page Up/Down through the list show each finding's place, as a click
        does (not a row chosen by the program, nor the first row Qt makes current when the list
        gets the focus, e.g. after the Cancel button beside it hides; nor Shift+arrows extending
        the selection)."""
        if self._placing or not self._keyed or not current.isValid() or not self.view.hasFocus():
            return
        if QGuiApplication.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
            return
        self._activated(current)

    def _clicked(self, index: QModelIndex) -> None:
        """One click shows the place too (a Shift or Ctrl click only selects: several rows for the menu)."""
        if QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier:
            self._activated(index)

    def _activated(self, index: QModelIndex) -> None:
        f = self.model.finding(index.row())
        if f is not None:
            self.finding_activated.emit(f)

    def current_finding(self) -> checks.Finding | None:
        idx = self.view.currentIndex()
        return self.model.finding(idx.row()) if idx.isValid() else None

    def build_menu(self, f: checks.Finding) -> QMenu:
        return finding_menu(self, f, self.fix_requested.emit, self.fix_all_requested.emit,
                            lambda f, st: self.status_requested.emit(f, st), self.ignore_all_requested.emit)

    def selected_findings(self) -> list[checks.Finding]:
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        return [f for f in map(self.model.finding, rows) if f is not None]

    def build_many_menu(self, fs: list[checks.Finding]) -> QMenu:
        """Ignore / reopen every selected finding at once (a kind of false alarms cleared in one step)."""
        menu = QMenu(self)
        opened = [f for f in fs if f.status == "open"]
        others = [f for f in fs if f.status != "open"]
        if opened:
            a = menu.addAction(self.tr("Ignore the %1 Selected (not errors)").replace("%1", str(len(opened))))
            a.setObjectName("ignoreSelected")
            a.triggered.connect(lambda: self.statuses_requested.emit(opened, "ignored"))
        if others:
            a = menu.addAction(self.tr("Reopen the %1 Selected").replace("%1", str(len(others))))
            a.setObjectName("reopenSelected")
            a.triggered.connect(lambda: self.statuses_requested.emit(others, "open"))
        return menu

    def _menu(self, pos) -> None:
        row = self.view.indexAt(pos).row()
        f = self.model.finding(row)
        if f is None:
            return
        chosen = self.selected_findings()
        many = len(chosen) > 1 and any(x is f for x in chosen)
        menu = self.build_many_menu(chosen) if many else self.build_menu(f)
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # -- running ------------------------------------------------------------------------

    def run(self) -> Job | None:
        """Run every check in the background; the findings are stored, then shown."""
        if self.session.volume_id is None or (self.job is not None and self.job.running):
            return None
        self.session.flush()
        store = self.session.store
        job = Job(self.tr("Checks"), self)
        vid = self.session.volume_id
        job.progress.connect(self._progress)
        job.finished.connect(lambda n: self._finished(vid, n))
        job.failed.connect(lambda text: (self.message.emit(text), self.checks_finished.emit(False)))
        job.cancelled.connect(lambda: (self.message.emit(self.tr("Checks cancelled.")), self.checks_finished.emit(False)))
        job.done.connect(self._done)
        self.job = job
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.run_button.setEnabled(False)
        self.message.emit(self.tr("Checking the whole volume…"))  # not the last run's count meanwhile
        return run_in_process(job, check_and_store, str(store.path), vid, store.read_only)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)

    def _progress(self, done: int, total: int, message: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        self.progress.setToolTip(plain_tooltip(message))

    def _finished(self, volume_id: int, n: int) -> None:
        self.checked_volume = volume_id
        if volume_id == self.session.volume_id:
            self.load()
            self.message.emit(self.tr("Checks done: %1 findings.").replace("%1", str(n)))
        self.checks_finished.emit(True)

    def _done(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.run_button.setEnabled(True)
