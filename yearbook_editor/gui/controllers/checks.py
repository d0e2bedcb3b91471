"""Checks and blanks: the Checks dock (findings, blanks), running the checks, F8 through the
findings, fixes (one, or all alike: the core's edit marks the findings fixed and its undo
reopens them; the panel follows the change set), filling blanks,
and the background verification of each opened volume (then the rolling backup).

Findings stay fresh: every change set's blocks are re-checked at once (``core.checks.recheck``,
a few milliseconds) and the list, the badges, the underlines and the blanks queue follow, the
editor's place in the lists kept; the whole run goes on in the background after an import or
an opening of a volume changed since its last check, and a few seconds after a structure edit
(blocks edited while it ran are re-checked when it ends)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDockWidget, QTabWidget

from ...core import backups, checks, queries
from ...core.checks.fixes import relocate
from ...core.checks.recheck import Recheck, Rechecker
from ...core.checks.runner import verify_and_record
from ...core.edits import ChangeSet
from ...core.errors import YearbookError
from ...core.store import Store
from ..actions import ActionSpec
from ..blanks_panel import BlanksPanel, GroupDialog
from ..finding_fixes import FixAllDialog
from ..findings_panel import FindingsPanel
from ..outline_model import COL_FINDINGS
from .base import Controller

#: quiet time after a structure edit before the whole run starts in the background (ms)
WHOLE_RUN_DELAY = 3000


class ChecksController(Controller):
    def __init__(self, session, panes, feedback, actions, settings=None):
        super().__init__(session, panes, feedback, actions)
        parent = feedback.parent
        self.findings_panel = FindingsPanel(session, parent, settings)
        self.blanks_panel = BlanksPanel(session, parent)
        self.tabs = QTabWidget(parent)
        self.tabs.setObjectName("checksTabs")
        self.tabs.setDocumentMode(True)  # no frame around the lists: a row more on a small screen
        self.tabs.addTab(self.findings_panel, "")
        self.tabs.addTab(self.blanks_panel, "")
        self.dock = QDockWidget(parent)
        self.dock.setObjectName("checksDock")
        self.dock.setWidget(self.tabs)
        self.verified: dict[int, int] = {}  # volume id → problems found by the last verification
        self._started = False
        self.fix_all_dialog = self.group_dialog = None
        self.rechecker: Rechecker | None = None
        self.last_recheck: Recheck | None = None
        self._pending: set[int] = set()  # blocks edited while a whole run went on: re-checked after it
        self._warming: Rechecker | None = None  # its context is being built in the background
        self._since_warm = ChangeSet()  # what changed meanwhile: followed once the context comes
        self._blanks_stale = True
        self._whole_timer = QTimer(self)
        self._whole_timer.setSingleShot(True)
        self._whole_timer.setInterval(WHOLE_RUN_DELAY)
        self._whole_timer.timeout.connect(self._whole_run)
        panes.editor.findings_source = self.findings_panel.findings_of_node
        self._connect()

    def _connect(self) -> None:
        fp, bp, editor = self.findings_panel, self.blanks_panel, self.panes.editor
        fp.message.connect(self.feedback.show_message)
        fp.finding_activated.connect(self.goto_finding_place)
        fp.fix_requested.connect(self.fix_finding)
        fp.fix_all_requested.connect(self.fix_all_like)
        fp.status_requested.connect(self.set_finding_status)
        fp.statuses_requested.connect(self.set_findings_status)
        fp.ignore_all_requested.connect(self.ignore_all_like)
        fp.run_button.clicked.connect(self.run_checks)
        fp.checks_finished.connect(self._checks_finished)
        editor.fix_requested.connect(self.fix_finding)
        editor.fix_all_requested.connect(self.fix_all_like)
        editor.finding_status_requested.connect(self.set_finding_status)
        editor.ignore_all_requested.connect(self.ignore_all_like)
        bp.message.connect(self.feedback.show_message)
        bp.fill_requested.connect(self.fill_blank)
        bp.group_requested.connect(self.fill_group_dialog)
        bp.blank_activated.connect(self.goto_finding_place)
        self.tabs.currentChanged.connect(lambda _i: self._refresh_blanks_if_shown())
        self.dock.visibilityChanged.connect(lambda _on: self._refresh_blanks_if_shown())

    def specs(self) -> list[ActionSpec]:
        return [
            ActionSpec("actionRunChecks", self.tr("&Run Checks"),
                       self.tr("Check the whole volume as it now stands (in the background)"), "F9", "checks.run",
                       self.run_checks, needs_write=True),
            ActionSpec("actionShowFindings", self.tr("Show &Findings"), self.tr("The list of findings of the checks"),
                       "Ctrl+Shift+F8", "checks.run", self.show_findings),
            ActionSpec("actionShowBlanks", self.tr("Show &Blanks"),
                       self.tr("Figures left blank, with suggested values"), (), "checks.run", self.show_blanks),
            ActionSpec("actionNextFinding", self.tr("&Next Finding"), self.tr("Jump to the next open finding"), "F8",
                       "checks.goto", lambda: self.goto_finding(+1)),
            ActionSpec("actionPreviousFinding", self.tr("&Previous Finding"),
                       self.tr("Jump to the previous open finding"), "Shift+F8", "checks.goto",
                       lambda: self.goto_finding(-1)),
        ]

    def docks(self) -> list[QDockWidget]:
        return [self.dock]

    def retranslate(self) -> None:
        self.dock.setWindowTitle(self.tr("Checks"))
        self.tabs.setTabText(0, self.tr("Findings"))
        self.tabs.setTabText(1, self.tr("Blanks"))
        self.findings_panel.retranslate()
        self.blanks_panel.retranslate()

    # -- hooks ------------------------------------------------------------------------------

    def volume_opened(self, volume_id: int) -> None:
        self.rechecker = Rechecker(self.store, volume_id)
        self._pending.clear()
        self._whole_timer.stop()
        self.findings_panel.load()
        self.load_badges()
        self._blanks_stale = True
        self._refresh_blanks_if_shown()
        if self._started:
            self.start_verify(volume_id)
            self._run_if_needed()  # a volume just imported, or changed since its last check
            self.warm_recheck()

    def changed(self, changes, initiator) -> None:
        if self._warming is not None:
            self._since_warm = self._since_warm | changes
        if self.session.volume_id is None:
            return
        if changes.structure or changes.nodes:
            self.findings_panel.titles_changed()
        if changes.structure and self.rechecker is not None:
            self.rechecker.follow(changes)
        checked = changes.blocks and self._checked()
        if changes.blocks and not checked and self.rechecker is not None:
            self.rechecker.sync(changes.blocks)  # the kept volume stays current for the structure review
        if checked:
            self.recheck(changes.blocks)
        elif changes.findings:  # a fix marked its findings fixed, or its undo reopened them
            self.findings_panel.follow_statuses(changes.findings)
            self._findings_changed()
        elif changes.structure:
            self.load_badges()
        if changes.structure and self._started and not self.read_only:
            self._whole_timer.start()  # structure findings need the whole volume
        if changes.blocks or changes.structure:
            self._blanks_stale = True  # the suggested 编辑说明 counts follow the structure
            self._refresh_blanks_if_shown()

    def volume_context(self):
        """The volume as the checks see it, kept current edit by edit (None before a volume is open)."""
        return self.rechecker.context() if self.rechecker is not None else None

    def _checked(self) -> bool:
        """Has the volume been checked as a whole (else the whole run is still to come)?"""
        vid = self.session.volume_id
        return not self.read_only and (self.findings_panel.checked_volume == vid
                                       or queries.last_check_time(self.store, vid) is not None)

    def recheck(self, block_ids) -> Recheck | None:
        """Check the edited blocks again now (their findings stored); the list, badges and
        underlines follow, the editor's place in the list kept."""
        if self.rechecker is None or self._cold():
            return None  # re-checked when the context being built comes (warm_recheck)
        job = self.findings_panel.job
        if job is not None and job.running:
            self._pending |= set(block_ids)  # the whole run may store what it saw before this edit
        try:
            self.last_recheck = self.rechecker.recheck(block_ids)
        except YearbookError as e:
            self.feedback.show_message(str(e))
            return None
        self.findings_panel.load()
        self._findings_changed()
        return self.last_recheck

    def start_background(self) -> None:
        self._started = True
        self.start_verify(self.session.volume_id, backup_after=not self.read_only)
        self._run_if_needed()
        self.warm_recheck()

    def _cold(self) -> bool:
        """Is the re-check's context still being built in the background (an edit now would build
        it again in the window's thread, competing with the background work: 1 s on 000)?"""
        return self._warming is self.rechecker and not self.rechecker.has_context()

    def warm_recheck(self) -> None:
        """Build the re-check's context in the background (0.26 s on 000), so the first edit does
        not wait; edits made meanwhile are followed and re-checked once it comes."""
        r, path = self.rechecker, self.store.path
        if r is None or self.read_only:
            return
        vid = r.volume_id
        self._warming, self._since_warm = r, ChangeSet()

        def work(progress):
            with Store(path, read_only=True) as store:
                return Rechecker(store, vid).warm()

        def done(warmed: Rechecker | None) -> None:
            if self._warming is not r:
                return
            self._warming = None
            since, self._since_warm = self._since_warm, ChangeSet()
            if self.rechecker is not r or self.session.store.closed:
                return
            if warmed is not None and not r.has_context():
                r.adopt(warmed)
                r.follow(since)
            if since.blocks and self._checked():
                self.recheck(since.blocks)
            elif since.blocks:
                r.sync(since.blocks)

        job = self.feedback.run_in_background("recheck", work, done)
        job.done.connect(lambda: done(None))  # failed or cancelled: the edits are re-checked all the same

    def _run_if_needed(self) -> None:
        if not self.read_only and self.findings_panel.needs_run():
            self.findings_panel.run()

    def _whole_run(self) -> None:
        job = self.findings_panel.job
        if job is not None and job.running:
            self._whole_timer.start()  # one run at a time: try again after a while
        elif not self.read_only:
            self.findings_panel.run()

    def close(self) -> None:
        self._whole_timer.stop()
        job = self.findings_panel.job
        if job is not None and job.running:
            job.cancel()

    def _blanks_shown(self) -> bool:
        return self.dock.isVisible() and self.tabs.currentWidget() is self.blanks_panel

    def _refresh_blanks_if_shown(self) -> None:
        """The blanks queue is rebuilt when it is shown and something changed since (never stale)."""
        if self._blanks_stale and self._blanks_shown():
            self._blanks_stale = False
            self.blanks_panel.refresh()

    def load_badges(self) -> None:
        """Badges: open findings of the checks per node (the column shows once there are any)."""
        outline = self.panes.outline
        try:
            counts = queries.open_finding_counts(self.store, self.session.volume_id)
        except YearbookError:
            counts = {}
        outline.model.set_findings(counts)
        outline.tree.setColumnHidden(COL_FINDINGS, not outline.model.findings)

    # -- the dock -----------------------------------------------------------------------------

    def show_findings(self) -> None:
        self.feedback.show_dock(self.dock)
        self.tabs.setCurrentWidget(self.findings_panel)

    def show_blanks(self) -> None:
        self.feedback.show_dock(self.dock)
        self.tabs.setCurrentWidget(self.blanks_panel)
        self._refresh_blanks_if_shown()

    def run_checks(self):
        self.show_findings()
        return self.findings_panel.run()

    def _checks_finished(self, stored: bool) -> None:
        pending, self._pending = self._pending, set()
        if stored and pending and self._checked():
            self.recheck(pending)  # edited while the run went on: what the run stored for them is older
        self._findings_changed()
        self._blanks_stale = True
        self._refresh_blanks_if_shown()
        if stored and self._started and self.findings_panel.checked_volume != self.session.volume_id:
            QTimer.singleShot(0, self._run_if_needed)  # another volume opened while the run went on

    def _findings_changed(self) -> None:
        self.load_badges()
        self.panes.editor.underline_findings()

    # -- going to findings ----------------------------------------------------------------------

    def goto_finding(self, step: int):
        """F8 / Shift+F8: the next (previous) open finding after (before) the cursor, wrapping;
        of the kind chosen in the Findings panel, when one is."""
        kind = self.findings_panel.kind_combo.currentData()
        found = [f for f in self.findings_panel.open_findings() if f.block_id is not None
                 and (kind is None or f.code == kind)]
        if not found:
            self.feedback.show_message(
                self.tr("No open findings of the kind chosen in the Findings panel.") if kind is not None else
                self.tr("No open findings: run the checks (F9) or look at the Findings panel."))
            return None
        seq = queries.block_order(self.store, self.session.volume_id)

        def key(f):
            return seq.get(f.block_id, 1 << 60), f.start

        order = sorted(found, key=key)
        here = self._cursor_key(seq)
        if step > 0:
            target = next((f for f in order if key(f) > here), order[0])
        else:
            target = next((f for f in reversed(order) if key(f) < here), order[-1])
        self.goto_finding_place(target)
        return target

    def _cursor_key(self, seq: dict[int, int]) -> tuple[int, int]:
        editor = self.panes.editor
        c = editor.textCursor()
        seg = next((s for s in editor.segments() if s.block_id is not None
                    and s.start <= c.selectionStart() <= s.end), None)
        if seg is not None:
            return seq.get(seg.block_id, -1), editor.cursor_offset(seg, c.selectionStart())
        first = queries.node_first_seq(self.store, self.session.node_id) if self.session.node_id else None
        return (first or 0) - 1, 0

    def goto_finding_place(self, f) -> None:
        """Show a finding: its node in every pane, its place selected in the editor."""
        text = None
        self.feedback.show_place(self.findings_panel, f.node_id, f.line)
        if f.block_id is not None:
            text = self.panes.editor.block_text(f.block_id)
        if text is not None:
            try:
                start, end = relocate(f, text)
            except YearbookError:
                start, end = f.start, f.end
            self.feedback.select_in_editor(f.block_id, start, end)
        if f.id is not None:
            self.findings_panel.select_finding(f.id)
        self.feedback.show_message(f.message)

    # -- fixes ---------------------------------------------------------------------------------

    def fix_finding(self, f) -> bool:
        try:
            edit = checks.fix_finding(f, self.store)
        except YearbookError as e:
            self.feedback.show_error(str(e))
            return False
        label = self.tr("Fix “%1”").replace("%1", (f.matched or checks.CODE_LABELS.get(f.code, f.code))[:20])
        return self.session.apply(edit, self.feedback.parent, text=label, reason=f"fix:{f.code}")

    def fix_all_like(self, f):
        try:
            batch, preview = checks.fix_all_like(self.store, self.session.volume_id, f)
        except YearbookError as e:
            self.feedback.show_error(str(e))
            return None
        dlg = FixAllDialog(f, batch, preview, self.feedback.parent)
        self.fix_all_dialog = dlg
        dlg.accepted.connect(lambda: self._apply_fix_all(f, batch))
        dlg.open()
        return dlg

    def _apply_fix_all(self, f, batch) -> None:
        if self.session.apply(batch, self.feedback.parent, text=batch.label, reason=f"fix_all:{f.code}"):
            self.feedback.show_message(batch.label)

    def set_finding_status(self, f, status: str) -> None:
        self.findings_panel.mark([f], status)
        self._findings_changed()

    def set_findings_status(self, fs, status: str) -> None:
        """Several findings chosen in the list, one status for all."""
        self.findings_panel.mark(fs, status)
        self._findings_changed()
        text = self.tr("Marked %1 places not errors.") if status == "ignored" else self.tr("Reopened %1 places.")
        self.feedback.show_message(text.replace("%1", str(len(fs))))

    def ignore_all_like(self, f) -> None:
        """Every open finding like ``f`` in the volume marked not an error (each is remembered)."""
        like = checks.open_like(self.store, self.session.volume_id, f) or [f]
        self.findings_panel.mark(like, "ignored")
        self._findings_changed()
        self.feedback.show_message(self.tr("Ignored %1 places like “%2”.").replace("%1", str(len(like)))
                                   .replace("%2", f.matched))

    # -- blanks --------------------------------------------------------------------------------

    def _apply_fill(self, make_edit, label: str) -> bool:
        """Fill blanks (an edit the core makes); the queue follows."""
        try:
            edit = make_edit()
        except YearbookError as e:
            self.feedback.show_error(str(e))
            return False
        return self.session.apply(edit, self.feedback.parent, text=label, reason="fill_blank")  # the queue follows

    def fill_blank(self, item, value: str) -> bool:
        return self._apply_fill(lambda: checks.fill_blank(self.store, item.finding, value),
                                self.tr("Fill “%1”").replace("%1", item.label))

    def fill_group_dialog(self, group):
        dlg = GroupDialog(self.session, group, self.feedback.parent)
        self.group_dialog = dlg
        dlg.accepted.connect(lambda: self.fill_group(group, dlg.values()))
        dlg.open()
        return dlg

    def fill_group(self, group, values: dict) -> bool:
        return self._apply_fill(lambda: checks.fill_group(self.store, group, values),
                                self.tr("Fill the figures of “%1”").replace("%1", group.title))

    # -- verification and the rolling backup ----------------------------------------------------

    def start_verify(self, volume_id: int | None, backup_after: bool = False) -> None:
        """Is the stored volume still its source plus its revisions (core: verify_and_record, on its
        own connection)? A difference (disk damage) becomes a ``store.mismatch`` finding the editor is told
        about; the rolling backup is taken only after a clean verification, so a damaged store never
        pushes a good copy out of the backups."""
        if volume_id is None:
            return
        path, read_only = self.store.path, self.read_only

        def work(progress):
            with Store(path, read_only=read_only) as store:
                return len(verify_and_record(store, volume_id))

        def done(problems: int) -> None:
            self.verified[volume_id] = problems
            if problems:
                if volume_id == self.session.volume_id:
                    self.findings_panel.load()
                    self.load_badges()
                self.feedback.show_error(self.tr(
                    "The stored text of this volume no longer matches its source and revisions (the disk may be "
                    "damaged): see the findings “stored content differs”, and restore a backup before exporting.")
                    if not read_only else self.tr(
                    "The stored text of this volume no longer matches its source and revisions (the disk may be "
                    "damaged); the store is read-only, so this could not be recorded: restore a backup before "
                    "exporting."))
            elif backup_after:
                self.start_backup()

        self.feedback.run_in_background("verify", work, done)

    def start_backup(self) -> None:
        """A rolling backup of the store (core.backups.rolling_backup: at most every ten minutes,
        the newest five kept), on its own connection."""
        path = self.store.path

        def work(progress):
            with Store(path) as store:
                return backups.rolling_backup(store, keep=5)

        self.feedback.run_in_background("backup", work, lambda p: self.feedback.show_message(
            self.tr("Backup of the store saved: %1").replace("%1", str(p))) if p else None)

