"""The main window: outline | source | corrected editor, menus, status bar, find dock.

All signal wiring is in :meth:`MainWindow._connect_signals`. Panes talk to each other only
through the session: a pane asks ``session.select_node(id, initiator=pane)`` and the window
brings the others along; an edit goes through ``session.apply`` and every pane refreshes
what ``session.changed`` says changed.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import edits
from ..core.errors import StoreDamaged, YearbookError
from ..core.structure import line_labels, load_outline, node_at_line
from ..core.volumes import list_volumes, source_text
from . import assets, i18n
from .find_panel import FindPanel
from .findings_panel import BlanksPanel, FindingsPanel, FixAllDialog, GroupDialog
from .search_panel import SearchPanel
from .tags_panel import NewTagDialog, TagsPanel
from .history_dialog import HistoryDialog
from .node_editor import NodeEditorPanel
from .outline_model import COL_FINDINGS
from .outline_view import OutlinePanel
from .recovery import offer_recovery
from .plain import NAME, action_text, add_content_action, message_box, plain_tooltip, visible, window_title
from .session import ChangeSet, Session
from .source_view import SourceView
from .workers import Job, run_in_background

MAX_RECENT = 8
TEXT_FILE_SUFFIXES = {".txt", ".text", ""}


def has_edit(name: str) -> bool:
    return hasattr(edits, name)


class MainWindow(QMainWindow):
    def __init__(self, session: Session, settings: QSettings, language: str = i18n.DEFAULT_LANGUAGE):
        super().__init__()
        self.setObjectName("mainWindow")
        self.session = session
        self.settings = settings
        self.language = language
        self.job: Job | None = None
        self.last_error: str | None = None
        self._error_box: QMessageBox | None = None
        self.history_dialog: HistoryDialog | None = None
        self._fix_marks: dict[int, list] = {}
        self.store_lock = None  # the QLockFile beside the store (app.open_window)
        self.setWindowIcon(assets.app_icon())
        self.setAcceptDrops(True)
        self._build_panes()
        self._create_actions()
        self._build_menus()
        self._build_status_bar()
        self._connect_signals()
        self.retranslate()
        self._restore_layout()

    # -- building ---------------------------------------------------------------------

    def _build_panes(self) -> None:
        self.outline = OutlinePanel(self)
        self.source = SourceView(self)
        self.source.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.editor_panel = NodeEditorPanel(self.session, self)
        self.editor = self.editor_panel.editor
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        for w in (self.outline, self.source, self.editor_panel):
            self.splitter.addWidget(w)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([300, 520, 580])
        self.find_panel = FindPanel(self.session, self)
        self.find_dock = QDockWidget(self)
        self.find_dock.setObjectName("findDock")
        self.find_dock.setWidget(self.find_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.find_dock)
        self.find_dock.hide()
        self.findings_panel = FindingsPanel(self.session, self)
        self.blanks_panel = BlanksPanel(self.session, self)
        self.checks_tabs = QTabWidget(self)
        self.checks_tabs.setObjectName("checksTabs")
        self.checks_tabs.addTab(self.findings_panel, "")
        self.checks_tabs.addTab(self.blanks_panel, "")
        self.checks_dock = QDockWidget(self)
        self.checks_dock.setObjectName("checksDock")
        self.checks_dock.setWidget(self.checks_tabs)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.checks_dock)
        self.checks_dock.hide()
        self.editor.findings_source = self.findings_panel.findings_of_node
        self.tags_panel = TagsPanel(self)
        self.tags_dock = QDockWidget(self)
        self.tags_dock.setObjectName("tagsDock")
        self.tags_dock.setWidget(self.tags_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.tags_dock)
        self.tags_dock.hide()
        self.search_panel = SearchPanel(self.session, self)
        self.search_dock = QDockWidget(self)
        self.search_dock.setObjectName("searchDock")
        self.search_dock.setWidget(self.search_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.search_dock)
        self.search_dock.hide()
        self.search_panel.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.index_dialog = None
        self._suggester = None
        self._suggester_building: int | None = None
        self._rejected: set[tuple[int, str]] = set()
        self._bg_jobs: list[Job] = []
        self._bg_started = False
        self.recover = offer_recovery  # (path, sentence, parent) → True when a backup was restored
        self.verified: dict[int, int] = {}  # volume id → problems found by the last verification
        self.read_only_banner = QLabel(self)
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.read_only_banner.setStyleSheet("background: #fff1c2; color: #6b4e00; padding: 4px;")
        self.read_only_banner.hide()
        central = QWidget(self)
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.read_only_banner)
        lay.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    def _action(self, name: str, slot, shortcut=None, checkable: bool = False, requires: str | None = None) -> QAction:
        a = QAction(self)
        a.setObjectName(name)
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            a.setShortcuts([QKeySequence(s) for s in shortcuts])
        a.setCheckable(checkable)
        a.triggered.connect(lambda *_: slot())
        if requires is not None and not has_edit(requires):
            a.setEnabled(False)
            a.setProperty("missing_core", requires)
        self.addAction(a)
        return a

    def _create_actions(self) -> None:
        A = self._action  # noqa: N806
        K = QKeySequence.StandardKey  # noqa: N806
        self.act_import = A("actionImport", self.import_dialog, "Ctrl+I")
        self.act_open_store = A("actionOpenStore", self.open_store_dialog, K.Open)
        self.act_new_store = A("actionNewStore", self.new_store_dialog, K.New)
        self.act_export = A("actionExport", self.export_dialog, "Ctrl+E")
        self.act_quit = A("actionQuit", self.close, K.Quit)
        self.act_undo = A("actionUndo", self.session.undo, K.Undo)
        redo = [QKeySequence(K.Redo).toString(), "Ctrl+Shift+Z"]
        self.act_redo = A("actionRedo", self.session.redo, list(dict.fromkeys(s for s in redo if s)))
        self.act_undo.setEnabled(False)
        self.act_redo.setEnabled(False)
        self.act_find = A("actionFind", self.show_find, K.Find)
        self.act_replace = A("actionReplace", lambda: self.show_find(replace=True), "Ctrl+H")
        self.act_history = A("actionHistory", self.show_history, "Ctrl+Shift+H")
        self.act_merge = A("actionMerge", self.merge_with_next, "Ctrl+J", requires="MergeBlocks")
        self.act_split = A("actionSplit", self.split_at_cursor, "Ctrl+Shift+Return", requires="SplitBlock")
        self.act_confirm = A("actionConfirmBreak", self.confirm_break, "Ctrl+Shift+B", requires="ConfirmBreak")
        self.act_furniture = A("actionMarkFurniture", self.mark_furniture, "Ctrl+Shift+N")
        self.act_restore_text = A("actionRestoreText", self.restore_as_text, "Ctrl+Shift+R")
        self.act_promote = A("actionPromote", lambda: self.shift_depth(-1), "Alt+Shift+Left",
                             requires="ShiftNodeDepth")
        self.act_demote = A("actionDemote", lambda: self.shift_depth(+1), "Alt+Shift+Right",
                            requires="ShiftNodeDepth")
        self.act_entry_title = A("actionMakeEntryTitle", self.make_entry_title, "Ctrl+Shift+T",
                                 requires="MakeEntryTitle")
        self.act_heading = A("actionMakeHeading", self.make_heading, "Ctrl+Shift+G", requires="MakeHeading")
        self.act_paragraph = A("actionMakeParagraph", self.make_paragraph, "Ctrl+Shift+P", requires="MakeParagraph")
        self.act_move_up = A("actionMoveUp", lambda: self.move_block(-1), "Alt+Shift+Up", requires="MoveBlock")
        self.act_move_down = A("actionMoveDown", lambda: self.move_block(+1), "Alt+Shift+Down", requires="MoveBlock")
        self.act_status = {
            s: A(f"actionStatus_{s}", lambda s=s: self.set_status(s), f"Ctrl+{i + 1}")
            for i, s in enumerate(edits.REVIEW_STATUSES)
        }
        self.act_next_unreviewed = A("actionNextUnreviewed", self.next_unreviewed, "Ctrl+F8")
        self.act_run_checks = A("actionRunChecks", self.run_checks, "F9")
        self.act_show_findings = A("actionShowFindings", self.show_findings, "Ctrl+Shift+F8")
        self.act_show_blanks = A("actionShowBlanks", self.show_blanks)
        self.act_next_finding = A("actionNextFinding", lambda: self.goto_finding(+1), "F8")
        self.act_prev_finding = A("actionPreviousFinding", lambda: self.goto_finding(-1), "Shift+F8")
        self.act_import_json = A("actionImportJson", self.import_json_dialog)
        self.act_show_tags = A("actionShowTags", self.show_tags, "Ctrl+Shift+T")
        self.act_search = A("actionSearchAll", self.show_search, "Ctrl+Shift+F")
        self.act_index = A("actionSubjectIndex", self.show_index)
        self.act_tag = A("actionTagSelected", self.tag_selected, "Ctrl+T")
        self.act_tag_menu = QAction(self)
        self.act_tag_menu.setObjectName("actionTagMenu")
        self.tag_menu = QMenu(self)
        self.tag_menu.setObjectName("menuTagWith")
        self.tag_menu.aboutToShow.connect(self._fill_tag_menu)
        self.act_tag_menu.setMenu(self.tag_menu)
        self.act_untag_menu = QAction(self)
        self.act_untag_menu.setObjectName("actionUntagMenu")
        self.untag_menu = QMenu(self)
        self.untag_menu.setObjectName("menuUntag")
        self.untag_menu.aboutToShow.connect(self._fill_untag_menu)
        self.act_untag_menu.setMenu(self.untag_menu)
        self.act_focus_filter = A("actionFilter", self.focus_filter, "Ctrl+L")
        self.lang_group = QActionGroup(self)
        self.act_lang = {}
        for code, name in i18n.LANGUAGES.items():
            a = A(f"actionLanguage_{code}", lambda code=code: self.set_language(code), checkable=True)
            a.setText(name)  # each language names itself, in every language
            a.setChecked(code == self.language)
            self.lang_group.addAction(a)
            self.act_lang[code] = a
        self.act_about = A("actionAbout", self.show_about)
        self.act_author = A("actionAuthor", self.ask_author)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        self.menu_file = mb.addMenu("")
        self.menu_file.addActions([self.act_import, self.act_import_json, self.act_open_store, self.act_new_store])
        self.menu_volumes = self.menu_file.addMenu("")
        self.menu_volumes.setObjectName("menuVolumes")
        self.menu_volumes.aboutToShow.connect(self._fill_volumes_menu)
        self.menu_recent = self.menu_file.addMenu("")
        self.menu_recent.setObjectName("menuRecent")
        self.menu_recent.aboutToShow.connect(self._fill_recent_menu)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_export)
        self.menu_file.addAction(self.act_author)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_edit = mb.addMenu("")
        self.menu_edit.addActions([self.act_undo, self.act_redo])
        self.menu_edit.addSeparator()
        self.menu_edit.addActions([self.act_find, self.act_replace, self.act_focus_filter])
        self.menu_edit.addSeparator()
        self.menu_edit.addAction(self.act_history)
        self.menu_layout = mb.addMenu("")
        self.menu_layout.addActions([self.act_merge, self.act_split, self.act_confirm])
        self.menu_layout.addSeparator()
        self.menu_layout.addActions([self.act_furniture, self.act_restore_text])
        self.menu_layout.addSeparator()
        self.menu_layout.addActions([self.act_promote, self.act_demote, self.act_entry_title, self.act_heading,
                                    self.act_paragraph])
        self.menu_layout.addSeparator()
        self.menu_layout.addActions([self.act_move_up, self.act_move_down])
        self.menu_review = mb.addMenu("")
        self.menu_review.addActions(list(self.act_status.values()))
        self.menu_review.addSeparator()
        self.menu_review.addAction(self.act_next_unreviewed)
        self.menu_checks = mb.addMenu("")
        self.menu_checks.setObjectName("menuChecks")
        self.menu_checks.addActions([self.act_run_checks, self.act_show_findings, self.act_show_blanks])
        self.menu_checks.addSeparator()
        self.menu_checks.addActions([self.act_next_finding, self.act_prev_finding])
        self.menu_tags = mb.addMenu("")
        self.menu_tags.setObjectName("menuTags")
        self.menu_tags.addActions([self.act_show_tags, self.act_tag, self.act_tag_menu, self.act_untag_menu])
        self.menu_tags.addSeparator()
        self.menu_tags.addAction(self.act_index)
        self.menu_edit.addAction(self.act_search)
        self.menu_language = mb.addMenu("")
        self.menu_language.setObjectName("menuLanguage")
        self.menu_language.addActions(list(self.act_lang.values()))
        self.menu_help = mb.addMenu("")
        self.menu_help.addAction(self.act_about)
        self.editor.extra_actions = [self.act_split, self.act_merge, self.act_confirm, None, self.act_furniture,
                                     self.act_entry_title, self.act_heading, self.act_paragraph, None,
                                     self.act_history]
        tree = self.outline.tree
        sep = QAction(self)
        sep.setSeparator(True)
        tree.addActions([*self.act_status.values(), self.act_promote, self.act_demote, self.act_history, sep,
                         self.act_tag_menu, self.act_untag_menu, self.act_tag])
        self.editor.extra_actions += [None, self.act_tag_menu, self.act_untag_menu]

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("reviewProgress")
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.review_bar = QProgressBar(self)
        self.review_bar.setMaximumWidth(120)
        self.review_bar.setMaximumHeight(14)
        self.review_bar.setTextVisible(False)
        self.job_widget = QWidget(self)
        self.job_label = QLabel(self.job_widget)
        self.job_label.setTextFormat(Qt.TextFormat.PlainText)
        self.job_bar = QProgressBar(self.job_widget)
        self.job_bar.setRange(0, 1000)
        self.job_bar.setMaximumWidth(200)
        self.job_cancel = QPushButton(self.job_widget)
        self.job_cancel.setObjectName("jobCancel")
        lay = QHBoxLayout(self.job_widget)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.job_label)
        lay.addWidget(self.job_bar)
        lay.addWidget(self.job_cancel)
        self.job_widget.hide()
        sb.addPermanentWidget(self.job_widget)
        sb.addPermanentWidget(self.progress_label)
        sb.addPermanentWidget(self.review_bar)

    def _connect_signals(self) -> None:
        s = self.session
        s.volume_changed.connect(self._on_volume_changed)
        s.node_selected.connect(self._on_node_selected)
        s.changed.connect(self._on_changed)
        s.error_occurred.connect(self.show_error)
        s.undo_stack.canUndoChanged.connect(self.act_undo.setEnabled)
        s.undo_stack.canRedoChanged.connect(self.act_redo.setEnabled)
        s.undo_stack.undoTextChanged.connect(self._set_undo_text)
        s.undo_stack.redoTextChanged.connect(self._set_redo_text)
        s.undo_stack.indexChanged.connect(self._undo_index_changed)
        self.outline.node_activated.connect(lambda nid: s.select_node(nid, self.outline))
        self.source.line_clicked.connect(self._on_source_line)
        self.source.customContextMenuRequested.connect(self._source_menu)
        self.editor.message.connect(self.show_message)
        self.find_panel.message.connect(self.show_message)
        self.find_panel.hit_activated.connect(self._show_hit)
        self.job_cancel.clicked.connect(self.cancel_job)
        fp = self.findings_panel
        fp.message.connect(self.show_message)
        fp.finding_activated.connect(self.goto_finding_place)
        fp.fix_requested.connect(self.fix_finding)
        fp.fix_all_requested.connect(self.fix_all_like)
        fp.status_requested.connect(self.set_finding_status)
        fp.run_button.clicked.connect(self.run_checks)
        fp.checks_finished.connect(self._checks_finished)
        self.editor.fix_requested.connect(self.fix_finding)
        self.editor.fix_all_requested.connect(self.fix_all_like)
        self.editor.finding_status_requested.connect(self.set_finding_status)
        bp = self.blanks_panel
        bp.message.connect(self.show_message)
        bp.fill_requested.connect(self.fill_blank)
        bp.group_requested.connect(self.fill_group_dialog)
        bp.blank_activated.connect(self.goto_finding_place)
        self.search_panel.message.connect(self.show_message)
        self.search_panel.hit_activated.connect(self.open_search_hit)
        self.search_panel.view.customContextMenuRequested.connect(self._search_menu)
        tp = self.tags_panel
        tp.tag_requested.connect(lambda tid: self.tag_nodes(tid, on=True))
        tp.untag_requested.connect(lambda tid: self.tag_nodes(tid, on=False))
        tp.filter_changed.connect(self.filter_by_tags)
        tp.create_requested.connect(self.new_tag_dialog)
        tp.rename_requested.connect(self.rename_tag_dialog)
        tp.import_requested.connect(self.import_vocabulary_dialog)
        tp.export_requested.connect(self.export_vocabulary_dialog)
        tp.accept_requested.connect(self.accept_suggestions)
        tp.reject_requested.connect(self.reject_suggestions)

    # -- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self._set_title()
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_volumes.setTitle(self.tr("Open &Volume"))
        self.menu_recent.setTitle(self.tr("&Recent"))
        self.menu_edit.setTitle(self.tr("&Edit"))
        self.menu_layout.setTitle(self.tr("&Layout"))
        self.menu_review.setTitle(self.tr("&Review"))
        self.menu_language.setTitle(self.tr("语言/&Language"))
        self.menu_help.setTitle(self.tr("&Help"))
        texts = {
            self.act_import: (self.tr("&Import Text File…"), self.tr("Read, repair and store an extracted text (runs in the "
                                                        "background)")),
            self.act_open_store: (self.tr("&Open Store…"), self.tr("Open another store file")),
            self.act_new_store: (self.tr("&New Store…"), self.tr("Create an empty store file")),
            self.act_export: (self.tr("&Export…"), self.tr("Write the corrected volume as text, Markdown, Word, JSON or a "
                                                       "change report")),
            self.act_quit: (self.tr("&Quit"), ""),
            self.act_find: (self.tr("&Find…"), self.tr("Find in the whole volume")),
            self.act_replace: (self.tr("Find and &Replace…"), self.tr("Find and replace in the whole volume")),
            self.act_focus_filter: (self.tr("Filter &Outline"), self.tr("Type to filter the outline by title")),
            self.act_history: (self.tr("&History of This Node…"), self.tr("Every change of this node, with who, when and why")),
            self.act_merge: (self.tr("&Merge with Next Paragraph"), self.tr("Join this paragraph and the next (Delete at the "
                                                                "end of a paragraph does the same)")),
            self.act_split: (self.tr("&Split Paragraph at Cursor"), self.tr("Start a new paragraph at the cursor (Enter)")),
            self.act_confirm: (self.tr("&Confirm Break"), self.tr("Keep the uncertain break before this paragraph")),
            self.act_furniture: (self.tr("Mark as &Furniture"), self.tr("Page number, running header and the like: kept in "
                                                            "the source, left out of the export")),
            self.act_restore_text: (self.tr("Restore as &Text"), self.tr("Bring furniture back into the text")),
            self.act_promote: (self.tr("&Promote Heading"), self.tr("One level up (e.g. 子目 → 分目), with everything under it")),
            self.act_demote: (self.tr("&Demote Heading"), self.tr("One level down (e.g. 分目 → 子目), with everything under "
                                                      "it")),
            self.act_entry_title: (self.tr("Make &Entry Title"), self.tr("The paragraph's start up to the cursor (or the "
                                                             "selection) becomes a 【】 entry title")),
            self.act_heading: (self.tr("Make &Heading"), self.tr("This paragraph becomes a heading one level below the heading "
                                                     "above it")),
            self.act_paragraph: (self.tr("Make &Paragraph"), self.tr("Turn this entry title or heading back into ordinary "
                                                         "text")),
            self.act_move_up: (self.tr("Move Block &Up"), self.tr("Move this paragraph before the previous one")),
            self.act_move_down: (self.tr("Move Block Do&wn"), self.tr("Move this paragraph after the next one")),
            self.act_status["unreviewed"]: (self.tr("Mark &Unreviewed (未校)"), ""),
            self.act_status["checked"]: (self.tr("Mark &Checked (已校)"), ""),
            self.act_status["approved"]: (self.tr("Mark &Approved (已审)"), ""),
            self.act_next_unreviewed: (self.tr("&Next Unreviewed Node"), ""),
            self.act_run_checks: (self.tr("&Run Checks"), self.tr("Check the whole volume as it now stands (in the "
                                                                  "background)")),
            self.act_show_findings: (self.tr("Show &Findings"), self.tr("The list of findings of the checks")),
            self.act_show_blanks: (self.tr("Show &Blanks"), self.tr("Figures left blank, with suggested values")),
            self.act_next_finding: (self.tr("&Next Finding"), self.tr("Jump to the next open finding")),
            self.act_prev_finding: (self.tr("&Previous Finding"), self.tr("Jump to the previous open finding")),
            self.act_search: (self.tr("&Search All Volumes…"), self.tr("Full-text search over every volume of the "
                                                                     "store, with filters")),
            self.act_index: (self.tr("Subject &Index…"), self.tr("The 主题索引 of this volume, from its index-term "
                                                                "tags, in pinyin order")),
            self.act_show_tags: (self.tr("Show &Tags Panel"), self.tr("The tag vocabulary, counts and suggestions")),
            self.act_tag: (self.tr("Tag with the &Chosen Tag"), self.tr("Put the tag chosen in the Tags panel on the "
                                                                      "selected nodes")),
            self.act_tag_menu: (self.tr("Tag &With"), self.tr("Put a tag on the selected nodes")),
            self.act_untag_menu: (self.tr("&Remove Tag"), self.tr("Take a tag off the selected nodes")),
            self.act_import_json: (self.tr("Import Volume &JSON…"), self.tr("Bring back a volume exported as JSON")),
            self.act_about: (self.tr("&About"), ""),
            self.act_author: (self.tr("Editor &Name…"), self.tr("The name recorded with each of your changes")),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            missing = action.property("missing_core")
            if missing:
                tip = (tip + "\n" if tip else "") + self.tr("Not available: this version of the core has no %1.").replace(
                    "%1", missing)
            action.setToolTip(tip or text.replace("&", ""))
            action.setStatusTip(tip)
        for m in self.menuBar().findChildren(QMenu):
            m.setToolTipsVisible(True)
        self.find_dock.setWindowTitle(self.tr("Find and Replace"))
        self.checks_dock.setWindowTitle(self.tr("Checks"))
        self.checks_tabs.setTabText(0, self.tr("Findings"))
        self.checks_tabs.setTabText(1, self.tr("Blanks"))
        self.menu_checks.setTitle(self.tr("&Checks"))
        self.menu_tags.setTitle(self.tr("&Tags"))
        self.tags_dock.setWindowTitle(self.tr("Tags"))
        self.search_dock.setWindowTitle(self.tr("Search All Volumes"))
        self.read_only_banner.setText(self.tr("Read-only: another window of the program has this store open. You can "
                                              "read and export, but changes are not saved."))
        self.job_cancel.setText(self.tr("Cancel"))
        self._retranslate_undo()
        self._update_progress()

    def _set_undo_text(self, text: str) -> None:
        self._undo_text = text
        self._retranslate_undo()

    def _set_redo_text(self, text: str) -> None:
        self._redo_text = text
        self._retranslate_undo()

    def _retranslate_undo(self) -> None:
        u, r = getattr(self, "_undo_text", ""), getattr(self, "_redo_text", "")
        self.act_undo.setText(self.tr("&Undo %1").replace("%1", action_text(u)).strip() if u else self.tr("&Undo"))
        self.act_redo.setText(self.tr("&Redo %1").replace("%1", action_text(r)).strip() if r else self.tr("&Redo"))

    def _set_title(self) -> None:
        title = self.session.volume_title()
        app = self.tr("Yearbook Editor")
        if self.session.read_only:
            app = self.tr("%1 (read-only)").replace("%1", app)
        self.setWindowTitle(f"{window_title(title)} — {app}" if title else app)

    def changeEvent(self, e) -> None:  # noqa: N802
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def set_language(self, code: str) -> None:
        app = QApplication.instance()
        self.language = code
        self.settings.setValue("ui/language", code)
        self.act_lang[code].setChecked(True)
        if not i18n.install_translators(app, code):
            self.show_message(self.tr("The translation could not be loaded; English texts are shown."))
        # Qt also posts LanguageChange to every widget; updating the panes here makes the
        # switch visible at once (and when no translator was installed or removed)
        self.retranslate()
        for pane in (self.outline, self.find_panel, self.editor_panel, self.history_dialog, self.findings_panel,
                     self.blanks_panel, self.tags_panel, self.search_panel, self.index_dialog):
            if pane is not None:
                pane.retranslate()

    # -- volumes ----------------------------------------------------------------------

    def open_volume(self, volume_id: int) -> None:
        self.session.open_volume(volume_id)

    def _on_volume_changed(self, volume_id: int) -> None:
        store = self.session.store
        roots = load_outline(store, volume_id)
        self.outline.set_roots(roots)
        self.findings_panel.load()
        self._load_findings()
        self._load_tags()
        if self._bg_started:
            self._start_verify(volume_id)
            self._start_search_index(volume_id)
            self._build_suggester()
        self.source.set_source(source_text(store, volume_id), line_labels(store, volume_id))
        self.editor_panel.show_node(None, [])
        self._set_title()
        self._update_progress()
        self._remember_volume(volume_id)
        first = next((n for n in self.outline.model.nodes() if n.kind == "entry"), None)
        first = first or next(iter(self.outline.model.nodes()), None)
        if first is not None:
            self.session.select_node(first.id, self)

    def _load_findings(self) -> None:
        """Badges: open findings of the checks per node (the column shows once there are any)."""
        try:
            rows = self.session.store.query(
                "SELECT node_id, count(*) AS n FROM findings WHERE volume_id = ? AND status = 'open'"
                " AND node_id IS NOT NULL GROUP BY node_id", (self.session.volume_id,))
        except YearbookError:
            rows = []
        self.outline.model.set_findings({r["node_id"]: r["n"] for r in rows})
        self.outline.tree.setColumnHidden(COL_FINDINGS, not self.outline.model.findings)

    def _remember_volume(self, volume_id: int) -> None:
        path = str(self.session.store.path)
        entry = json.dumps({"store": path, "volume": volume_id, "title": self.session.volume_title()},
                           ensure_ascii=False)
        recent = [e for e in self._recent_volumes() if not (e["store"] == path and e["volume"] == volume_id)]
        items = [entry] + [json.dumps(e, ensure_ascii=False) for e in recent][: MAX_RECENT - 1]
        self.settings.setValue("recent/volumes", items)
        stores = [path] + [p for p in self._recent_stores() if p != path]
        self.settings.setValue("recent/stores", stores[:MAX_RECENT])
        self.settings.setValue("last/store", path)
        self.settings.setValue("last/volume", volume_id)

    def _recent_volumes(self) -> list[dict]:
        out = []
        for item in _as_list(self.settings.value("recent/volumes", [])):
            try:
                e = json.loads(item)
                out.append({"store": str(e["store"]), "volume": int(e["volume"]), "title": str(e.get("title", ""))})
            except (ValueError, KeyError, TypeError):
                continue
        return out

    def _recent_stores(self) -> list[str]:
        return [str(p) for p in _as_list(self.settings.value("recent/stores", []))]

    def _fill_volumes_menu(self) -> None:
        m = self.menu_volumes
        m.clear()
        vols = list_volumes(self.session.store)
        if not vols:
            a = m.addAction(self.tr("(no volumes: import a text file)"))
            a.setEnabled(False)
        for v in vols:
            a = add_content_action(m, f"{v['id']}  {v['title']}")
            a.setCheckable(True)
            a.setChecked(v["id"] == self.session.volume_id)
            a.triggered.connect(lambda _=False, vid=v["id"]: self.open_volume(vid))

    def _fill_recent_menu(self) -> None:
        m = self.menu_recent
        m.clear()
        for e in self._recent_volumes():
            a = m.addAction(action_text(f"{visible(e['title'], NAME)}  ({Path(e['store']).name})", None))
            a.setToolTip(plain_tooltip(e["store"]))
            a.triggered.connect(lambda _=False, e=e: self.open_recent(e["store"], e["volume"]))
        stores = self._recent_stores()
        if stores:
            m.addSeparator()
            for p in stores:
                a = add_content_action(m, p, limit=None)
                a.triggered.connect(lambda _=False, p=p: self.open_store(p))
        if m.isEmpty():
            m.addAction(self.tr("(nothing yet)")).setEnabled(False)

    def open_recent(self, store_path: str, volume_id: int) -> None:
        if Path(store_path) != self.session.store.path and not self.open_store(store_path, open_first=False):
            return
        if self.session.store.scalar("SELECT id FROM volumes WHERE id = ?", (volume_id,)):
            self.open_volume(volume_id)
        else:
            self.show_error(self.tr("That volume is no longer in the store."))

    def set_read_only(self, on: bool) -> None:
        """Another instance has the store: nothing is written; a banner says so."""
        self.session.read_only = on
        self.read_only_banner.setVisible(on)
        self._set_title()
        for a in (self.act_import, self.act_import_json, self.act_run_checks, self.act_tag, self.act_tag_menu,
                  self.act_untag_menu):
            a.setEnabled(not on)
        self.editor.setReadOnly(on or self.editor.isReadOnly())

    def open_store(self, path: str, open_first: bool = True) -> bool:
        from ..core.store import Store
        from .app import acquire_store_lock

        same = Path(path).resolve() == Path(self.session.store.path).resolve()
        lock = None if same else acquire_store_lock(path)
        if lock is None and not same:
            self.show_error(self.tr("The store “%1” is open in another window of Yearbook Editor: use that window, "
                                    "or close it first.").replace("%1", str(path)))
            return False
        try:
            try:
                store = Store(path)
            except StoreDamaged as e:
                if same or not self.recover(path, str(e), self):
                    raise
                store = Store(path)  # a backup is back in its place
        except YearbookError as e:
            if lock is not None:
                lock.unlock()
            self.show_error(str(e))
            return False
        if not same:
            if self.store_lock is not None:
                self.store_lock.unlock()
            self.store_lock = lock
            self.set_read_only(False)
        self._suggester = None
        self.session.replace_store(store)
        self.outline.set_roots([])
        self.source.set_source("", {})
        self.editor_panel.show_node(None, [])
        self._set_title()
        vols = list_volumes(store)
        if open_first and vols:
            self.open_volume(vols[-1]["id"])
        elif not vols:
            self.show_message(self.tr("The store is empty: use File ▸ Import to add a volume."))
        return True

    def open_store_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open Store"), str(self.session.store.path.parent),
                                              self.tr("Stores (*.db *.sqlite);;All files (*)"))
        if path:
            self.open_store(path)

    def new_store_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New Store"), str(self.session.store.path.parent),
                                              self.tr("Stores (*.db)"))
        if path:
            self.open_store(path)

    def export_dialog(self):
        """The export dialog: format, options, file; runs in the background."""
        from .export_dialog import ExportDialog

        if self.session.volume_id is None:
            return None
        self.session.flush()
        dlg = ExportDialog(self.session, self.outline.model, self)
        self.export_dlg = dlg
        dlg.open()
        return dlg

    def export_text(self, path: str) -> bool:
        from ..core.export import export_text

        self.session.flush()
        try:
            n = export_text(self.session.store, self.session.volume_id, path)
        except (YearbookError, OSError) as e:
            self.show_error(str(e))
            return False
        self.show_message(self.tr("Exported %1 lines to %2.").replace("%1", str(n)).replace("%2", path))
        return True

    # -- import (menu and drop) ---------------------------------------------------------

    def import_json_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Import Volume JSON"), "",
                                                self.tr("Volume JSON (*.json);;All files (*)"))
        if paths:
            self.import_files(paths)

    def import_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Import Text File"), "",
                                                self.tr("Text files and volume JSON (*.txt *.json);;All files (*)"))
        if paths:
            self.import_files(paths)

    def import_files(self, paths: list[str]) -> Job | None:
        """Import in the background (own store connection); opens the last imported volume."""
        if self.job is not None and self.job.running:
            self.show_message(self.tr("Another import is still running."))
            return None
        store_path = self.session.store.path
        author = self.session.author

        def work(progress):
            from ..core.store import Store
            from ..core.volumes import import_file

            results, errors = [], []
            with Store(store_path) as store:
                for n, p in enumerate(paths):
                    part = progress.part(n / len(paths), (n + 1) / len(paths))
                    try:
                        if Path(p).suffix.lower() == ".json":
                            from ..core.export import import_json

                            results.append(import_json(store, p, progress=part))
                        else:
                            results.append(import_file(store, p, author=author, progress=part))
                    except YearbookError as e:
                        if type(e).__name__ == "Cancelled":
                            raise
                        errors.append(str(e))
                    except (OSError, ValueError, KeyError, TypeError, UnicodeError) as e:
                        errors.append(unreadable_message(p, e))
            return results, errors

        if self.session.read_only:
            self.show_error(self.tr("The store is open read-only (another window of the program is using it): "
                                    "nothing can be imported."))
            return None
        job = Job(", ".join(Path(p).name for p in paths), self)
        job.progress.connect(self._job_progress)
        job.finished.connect(self._import_finished)
        job.failed.connect(self.show_error)
        job.cancelled.connect(lambda: self.show_message(self.tr("Import cancelled; nothing was stored.")))
        job.done.connect(self._job_done)
        self.job = job
        self.job_label.setText(self.tr("Importing %1").replace("%1", visible(job.title, NAME, one_line=True)))
        self.job_bar.setValue(0)
        self.job_widget.show()
        self.job_cancel.setEnabled(True)
        return run_in_background(job, work)

    def _job_progress(self, done: int, total: int, message: str) -> None:
        if total:
            self.job_bar.setRange(0, total)
            self.job_bar.setValue(done)
        if message:
            self.job_bar.setToolTip(plain_tooltip(message))

    def _job_done(self) -> None:
        self.job_widget.hide()

    def cancel_job(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job_cancel.setEnabled(False)

    def _import_finished(self, result) -> None:
        results, errors = result
        if errors:
            self.show_error("\n\n".join(errors))
        if results:
            last = results[-1]
            if not last.created:
                self.show_message(self.tr("“%1” is already in the store; it was opened, not imported again.")
                                  .replace("%1", last.title))
            self.open_volume(last.volume_id)
            self.search_panel.refresh_filters()

    def dragEnterEvent(self, e) -> None:  # noqa: N802
        if self._dropped_files(e.mimeData()):
            e.acceptProposedAction()
        else:
            e.ignore()

    def dragMoveEvent(self, e) -> None:  # noqa: N802
        self.dragEnterEvent(e)

    def dropEvent(self, e) -> None:  # noqa: N802
        files = self._dropped_files(e.mimeData())
        if files:
            e.acceptProposedAction()
            self.import_files(files)

    @staticmethod
    def _dropped_files(mime) -> list[str]:
        if not mime.hasUrls():
            return []
        urls: list[QUrl] = mime.urls()
        return [u.toLocalFile() for u in urls if u.isLocalFile() and Path(u.toLocalFile()).is_file()]

    # -- selection across panes ---------------------------------------------------------

    def _on_node_selected(self, node_id: int, initiator) -> None:
        node = self.outline.model.node(node_id)
        if initiator is not self.outline:
            self.outline.select(node_id)
        if node is not None:
            self.source.highlight_span(node.line_start, node.line_end, scroll=initiator is not self.source)
        self.editor_panel.show_node(node, self._path(node_id))
        self.editor_panel.set_tags(self.outline.model.tags.get(node_id, []))
        self._update_suggestions()

    def _path(self, node_id: int) -> list:
        path, model = [], self.outline.model
        node = model.node(node_id)
        while node is not None:
            path.append(node)
            node = model.node(node.parent_id) if node.parent_id is not None else None
        return list(reversed(path))

    def _on_source_line(self, line: int) -> None:
        if self.session.volume_id is None:
            return
        node_id = node_at_line(self.session.store, self.session.volume_id, line)
        if node_id is not None:
            self.session.select_node(node_id, self.source)

    def _select_in_editor(self, block_id: int, start: int, end: int) -> None:
        """Select characters start..end of a block's text in the editor and show them."""
        if self.editor.place_cursor(block_id, start):
            c = self.editor.textCursor()
            text = self.editor.block_text(block_id) or ""
            units = len(text[start:end].encode("utf-16-le")) // 2  # Qt counts UTF-16 units
            c.setPosition(c.position() + units, c.MoveMode.KeepAnchor)
            self.editor.setTextCursor(c)
            self.editor.ensureCursorVisible()

    def _show_hit(self, hit) -> None:
        if hit.node_id is not None:
            self.session.select_node(hit.node_id, self.find_panel)
        self.source.scroll_to_line(hit.line)
        self._select_in_editor(hit.block_id, hit.start, hit.end)

    def focus_filter(self) -> None:
        self.outline.filter_edit.setFocus()
        self.outline.filter_edit.selectAll()

    # -- reacting to changes --------------------------------------------------------------

    def _on_changed(self, changes: ChangeSet, initiator) -> None:
        store = self.session.store
        if changes.tags:
            self._refresh_tags(changes.tags)
        if changes.structure:
            self._after_structure(changes)
            return
        if changes.nodes:
            ids = tuple(changes.nodes)
            marks = ",".join("?" * len(ids))
            for r in store.query(f"SELECT id, title, status FROM nodes WHERE id IN ({marks})", ids):
                self.outline.model.update_node(r["id"], title=r["title"], status=r["status"])
            if self.session.node_id in changes.nodes:
                node = self.outline.model.node(self.session.node_id)
                self.editor_panel.update_header(node, self._path(node.id))
        if changes.kinds and self.session.volume_id is not None:
            self.source.set_labels(line_labels(store, self.session.volume_id))
        if changes.statuses:
            self._update_progress()

    def _after_structure(self, changes: ChangeSet) -> None:
        store, vid = self.session.store, self.session.volume_id
        if vid is None:
            return
        self.outline.set_roots(load_outline(store, vid), keep_expanded=True)
        self._load_findings()
        self._refresh_tags()
        if self.checks_dock.isVisible() and self.checks_tabs.currentWidget() is self.blanks_panel:
            self.blanks_panel.refresh()  # the suggested 编辑说明 counts follow the structure
        self.source.set_labels(line_labels(store, vid))
        node_id = self.session.node_id
        if node_id is None or self.outline.model.node(node_id) is None:
            node_id = None
            for b in sorted(changes.blocks):
                node_id = store.scalar("SELECT node_id FROM blocks WHERE id = ?", (b,))
                if node_id is not None:
                    break
        node = self.outline.model.node(node_id) if node_id is not None else None
        self.session.node_id = node_id
        if node is not None:
            self.outline.select(node.id)
            self.source.highlight_span(node.line_start, node.line_end, scroll=False)
        pos = self.editor.textCursor().position()
        self.editor_panel.show_node(node, self._path(node.id) if node else [])
        c = self.editor.textCursor()
        c.setPosition(min(pos, max(0, self.editor.document().characterCount() - 1)))
        self.editor.setTextCursor(c)
        self._update_progress()

    def _update_progress(self) -> None:
        counts = self.outline.model.status_counts()
        total = sum(counts.values())
        done = counts.get("checked", 0) + counts.get("approved", 0)
        text = self.tr("Unreviewed %1 · Checked %2 · Approved %3")
        text = text.replace("%1", str(counts.get("unreviewed", 0))).replace("%2", str(counts.get("checked", 0)))
        text = text.replace("%3", str(counts.get("approved", 0)))
        self.progress_label.setText(text)
        self.review_bar.setRange(0, max(1, total))
        self.review_bar.setValue(done)
        self.review_bar.setToolTip(self.tr("%1% of the nodes reviewed").replace(
            "%1", str(round(100 * done / total) if total else 0)))

    # -- edit commands ------------------------------------------------------------------

    def set_status(self, status: str) -> None:
        node_id = self.session.node_id
        if node_id is not None:
            self.session.apply(edits.SetNodeStatus(node_id, status), self)

    def next_unreviewed(self) -> None:
        ids = [n.id for n in self.outline.model.nodes()]
        start = ids.index(self.session.node_id) + 1 if self.session.node_id in ids else 0
        for nid in ids[start:] + ids[:start]:
            node = self.outline.model.node(nid)
            if node.status == "unreviewed" and node.kind == "entry":
                self.session.select_node(nid, self)
                return
        self.show_message(self.tr("Every entry has been reviewed."))

    def _segment_block(self):
        """(block id, kind) of the block at the editor's cursor, furniture included."""
        pos = self.editor.textCursor().position()
        for s in self.editor.segments():
            if s.block_id is not None and s.start <= pos <= s.end:
                return s
        return None

    def _neighbor(self, block_id: int, step: int) -> int | None:
        op, order = (">", "ASC") if step > 0 else ("<", "DESC")
        row = self.session.store.query(
            f"SELECT id FROM blocks WHERE volume_id = ? AND kind != 'noise' AND deleted = 0 AND seq {op}"
            f" (SELECT seq FROM blocks WHERE id = ?) ORDER BY seq {order} LIMIT 1",
            (self.session.volume_id, block_id),
        )
        return row[0]["id"] if row else None

    def _apply(self, edit) -> bool:
        return self.session.apply(edit, self)

    def merge_with_next(self) -> None:
        seg = self.editor.current_segment()
        if seg is None:
            return self.show_message(self.tr("Put the cursor in the paragraph to merge."))
        nxt = self._neighbor(seg.block_id, +1)
        if nxt is None:
            return self.show_message(self.tr("There is no paragraph after this one."))
        self._apply(edits.MergeBlocks(first_id=seg.block_id, second_id=nxt))

    def split_at_cursor(self) -> None:
        self.editor.split_here()

    def confirm_break(self) -> None:
        seg = self._segment_block()
        if seg is not None:
            self._apply(edits.ConfirmBreak(block_id=seg.block_id))

    def mark_furniture(self, block_id: int | None = None) -> None:
        if block_id is None:
            seg = self._segment_block()
            block_id = seg.block_id if seg else None
        if block_id is not None:
            self._apply(edits.SetBlockKind(block_id, "noise"))

    def restore_as_text(self, block_id: int | None = None) -> None:
        if block_id is None:
            seg = self._segment_block()
            block_id = seg.block_id if seg and seg.kind == "noise" else None
        if block_id is None:
            return self.show_message(self.tr("Put the cursor on furniture (struck-through text) to restore it."))
        orig = self.session.store.scalar("SELECT orig_kind FROM blocks WHERE id = ?", (block_id,))
        self._apply(edits.SetBlockKind(block_id, orig if orig and orig != "noise" else "paragraph"))

    def shift_depth(self, delta: int) -> None:
        node_id = self.session.node_id
        if node_id is not None:
            self._apply(edits.ShiftNodeDepth(node_id=node_id, delta=delta))

    def make_entry_title(self) -> None:
        seg = self.editor.current_segment()
        if seg is None or seg.kind != "paragraph":
            return self.show_message(self.tr("Put the cursor in a paragraph, after the words that form the title."))
        c = self.editor.textCursor()
        end = self.editor.cursor_offset(seg, c.selectionEnd())
        if end <= 0:
            return self.show_message(self.tr("Put the cursor after the words that form the title."))
        self.editor.flush()
        self._apply(edits.MakeEntryTitle(block_id=seg.block_id, title_end=end))

    def make_heading(self) -> None:
        seg = self.editor.current_segment()
        if seg is None or seg.kind not in ("paragraph", "row"):
            return self.show_message(self.tr("Put the cursor in the paragraph that should become a heading."))
        self.editor.flush()
        self._apply(edits.MakeHeading(block_id=seg.block_id))

    def make_paragraph(self) -> None:
        seg = self.editor.current_segment()
        block_id = seg.block_id if seg is not None and seg.kind in ("entry_title", "heading") else None
        if block_id is None and self.session.node_id is not None:
            block_id = self.session.store.scalar("SELECT title_block_id FROM nodes WHERE id = ?",
                                                 (self.session.node_id,))
        if block_id is None:
            return self.show_message(self.tr("Put the cursor in an entry title or a heading."))
        self._apply(edits.MakeParagraph(block_id=block_id))

    def move_block(self, step: int) -> None:
        seg = self._segment_block()
        if seg is None:
            return
        if step > 0:
            after = self._neighbor(seg.block_id, +1)
            if after is None:
                return self.show_message(self.tr("This is already the last block."))
        else:
            prev = self._neighbor(seg.block_id, -1)
            if prev is None:
                return self.show_message(self.tr("This is already the first block."))
            after = self._neighbor(prev, -1)  # None: to the start of the volume
        self._apply(edits.MoveBlock(block_id=seg.block_id, after_id=after))

    def _source_menu(self, pos) -> None:
        line = self.source.cursorForPosition(pos).blockNumber() + 1
        label = self.source.labels().get(line)
        menu = QMenu(self)
        if label is not None:
            a = menu.addAction(self.tr("Restore Line as Text"))
            a.triggered.connect(lambda: self.restore_as_text(label[2]))
        else:
            rows = self.session.store.query(
                "SELECT id FROM blocks WHERE volume_id = ? AND line_start <= ? AND line_end >= ? AND kind != 'noise'"
                " AND deleted = 0"
                " ORDER BY seq LIMIT 1", (self.session.volume_id, line, line))
            if rows:
                a = menu.addAction(self.tr("Mark Block as Furniture"))
                a.triggered.connect(lambda: self.mark_furniture(rows[0]["id"]))
        menu.addSeparator()
        menu.addAction(self.act_history)
        menu.exec(self.source.viewport().mapToGlobal(pos))

    # -- checks -------------------------------------------------------------------------

    def show_findings(self) -> None:
        self.checks_dock.show()
        self.checks_dock.raise_()
        self.checks_tabs.setCurrentWidget(self.findings_panel)

    def show_blanks(self) -> None:
        self.checks_dock.show()
        self.checks_dock.raise_()
        self.checks_tabs.setCurrentWidget(self.blanks_panel)
        self.blanks_panel.refresh()

    def run_checks(self):
        self.show_findings()
        return self.findings_panel.run()

    def _checks_finished(self, _stored: bool) -> None:
        self._load_findings()
        self.editor.underline_findings()
        if self.checks_tabs.currentWidget() is self.blanks_panel and self.checks_dock.isVisible():
            self.blanks_panel.refresh()

    def _findings_changed(self) -> None:
        self._load_findings()
        self.editor.underline_findings()

    def goto_finding(self, step: int):
        """F8 / Shift+F8: the next (previous) open finding after (before) the cursor, wrapping."""
        found = [f for f in self.findings_panel.open_findings() if f.block_id is not None]
        if not found:
            self.show_message(self.tr("No open findings: run the checks (F9) or look at the Findings panel."))
            return None
        store = self.session.store
        seq = {r["id"]: r["seq"] for r in store.query("SELECT id, seq FROM blocks WHERE volume_id = ?",
                                                      (self.session.volume_id,))}
        order = sorted(found, key=lambda f: (seq.get(f.block_id, 1 << 60), f.start))
        c = self.editor.textCursor()
        seg = next((s for s in self.editor.segments() if s.block_id is not None
                    and s.start <= c.selectionStart() <= s.end), None)
        if seg is not None:
            here = (seq.get(seg.block_id, -1), self.editor.cursor_offset(seg, c.selectionStart()))
        else:
            first = store.scalar("SELECT min(seq) FROM blocks WHERE node_id = ?", (self.session.node_id,))
            here = ((first or 0) - 1, 0)
        keyed = [((seq.get(f.block_id, 1 << 60), f.start), f) for f in order]
        if step > 0:
            target = next((f for k, f in keyed if k > here), order[0])
        else:
            target = next((f for k, f in reversed(keyed) if k < here), order[-1])
        self.goto_finding_place(target)
        return target

    def goto_finding_place(self, f) -> None:
        """Show a finding: its node in every pane, its place selected in the editor."""
        from ..core.checks.fixes import relocate

        if f.node_id is not None:
            self.session.select_node(f.node_id, self.findings_panel)
        if f.line:
            self.source.scroll_to_line(f.line)
        text = self.editor.block_text(f.block_id) if f.block_id is not None else None
        if text is not None:
            try:
                start, end = relocate(f, text)
            except YearbookError:
                start, end = f.start, f.end
            self._select_in_editor(f.block_id, start, end)
        if f.id is not None:
            self.findings_panel.select_finding(f.id)
        self.show_message(f.message)

    def _track_fix(self, findings: list) -> None:
        """Undoing a fix reopens its findings; redoing closes them again."""
        ids = [f for f in findings if f.id is not None]
        if not ids:
            return
        stack = self.session.undo_stack
        self._fix_marks[stack.index()] = (stack.command(stack.index() - 1), ids)
        self.findings_panel.mark(ids, "fixed")
        self._findings_changed()

    def _undo_index_changed(self, index: int) -> None:
        changed = False
        stack = self.session.undo_stack
        try:
            stack.count()
        except RuntimeError:  # closing: the stack is gone
            return
        for k in list(self._fix_marks):
            cmd, findings = self._fix_marks[k]
            if k > stack.count() or stack.command(k - 1) is not cmd:  # cleared, or replaced by a new command
                del self._fix_marks[k]
                continue
            want = "fixed" if index >= k else "open"
            fs = [f for f in findings if f.status != want]
            if fs:
                self.findings_panel.mark(fs, want)
                changed = True
        if changed:
            self._findings_changed()

    def fix_finding(self, f) -> bool:
        from ..core import checks

        try:
            edit = checks.fix_finding(f, self.session.store)
        except YearbookError as e:
            self.show_error(str(e))
            return False
        label = self.tr("Fix “%1”").replace("%1", (f.matched or checks.CODE_LABELS.get(f.code, f.code))[:20])
        if not self.session.apply(edit, self, text=label, reason=f.message):
            return False
        self._track_fix([f])
        return True

    def fix_all_like(self, f):
        from ..core import checks

        try:
            batch, preview = checks.fix_all_like(self.session.store, self.session.volume_id, f)
        except YearbookError as e:
            self.show_error(str(e))
            return None
        dlg = FixAllDialog(f, batch, preview, self)
        self.fix_all_dialog = dlg
        dlg.accepted.connect(lambda: self._apply_fix_all(f, batch))
        dlg.open()
        return dlg

    def _apply_fix_all(self, f, batch) -> None:
        if not self.session.apply(batch, self, text=batch.label, reason=batch.label):
            return
        like = [g for g in self.findings_panel.open_findings()
                if g.code == f.code and g.matched == f.matched and g.suggestion == f.suggestion]
        self._track_fix(like or [f])
        self.show_message(batch.label)

    def set_finding_status(self, f, status: str) -> None:
        self.findings_panel.mark([f], status)
        self._findings_changed()

    def fill_blank(self, item, value: str) -> bool:
        from ..core import checks

        try:
            edit = checks.fill_blank(self.session.store, item.finding, value)
        except YearbookError as e:
            self.show_error(str(e))
            return False
        label = self.tr("Fill “%1”").replace("%1", item.label)
        ok = self.session.apply(edit, self, text=label, reason=label)
        if ok:
            self.blanks_panel.refresh()
        return ok

    def fill_group_dialog(self, group):
        dlg = GroupDialog(self.session, group, self)
        self.group_dialog = dlg
        dlg.accepted.connect(lambda: self.fill_group(group, dlg.values()))
        dlg.open()
        return dlg

    def fill_group(self, group, values: dict) -> bool:
        from ..core import checks

        try:
            edit = checks.fill_group(self.session.store, group, values)
        except YearbookError as e:
            self.show_error(str(e))
            return False
        label = self.tr("Fill the figures of “%1”").replace("%1", group.title)
        ok = self.session.apply(edit, self, text=label, reason=label)
        if ok:
            self.blanks_panel.refresh()
        return ok

    # -- tags ---------------------------------------------------------------------------

    def show_tags(self) -> None:
        self.tags_dock.show()
        self.tags_dock.raise_()
        sizes = self.splitter.sizes()  # the dock takes its room from the source pane, not the outline
        if len(sizes) == 3 and sizes[0] < 340 and sizes[1] > 400:
            d = min(340 - sizes[0], sizes[1] - 400)
            self.splitter.setSizes([sizes[0] + d, sizes[1] - d, sizes[2]])
        self._update_suggestions()

    def _load_tags(self) -> None:
        """The vocabulary (the default one in a store that has none) and the volume's tags."""
        from ..core import tags as core_tags

        store = self.session.store
        if not self.session.read_only:
            try:
                core_tags.ensure_vocabulary(store)
            except YearbookError as e:
                self.show_message(str(e))
        vid = self.session.volume_id
        self.tags_panel.load(core_tags.list_tags(store), core_tags.tag_counts(store, vid) if vid else {})
        self._refresh_tags()

    def _tag_rows(self, node_ids=None) -> dict[int, list]:
        from ..core import tags as core_tags

        store, vid = self.session.store, self.session.volume_id
        if vid is None:
            return {}
        if node_ids is None:
            pairs = store.query("SELECT nt.node_id, nt.tag_id FROM node_tags nt JOIN nodes n ON n.id = nt.node_id"
                                " WHERE n.volume_id = ? AND n.deleted = 0 ORDER BY nt.tag_id", (vid,))
            by_node: dict[int, list[int]] = {}
            for r in pairs:
                by_node.setdefault(r["node_id"], []).append(r["tag_id"])
        else:
            by_node = core_tags.node_tags(store, list(node_ids))
        known = self.tags_panel.model.tags
        if any(t not in known for ts in by_node.values() for t in ts):  # a tag made meanwhile (a suggestion)
            self.tags_panel.load(core_tags.list_tags(store), core_tags.tag_counts(store, vid))
            known = self.tags_panel.model.tags
        return {nid: [(t, known[t]["name"], known[t]["color"]) for t in ts if t in known] for nid, ts in by_node.items()}

    def _refresh_tags(self, node_ids=None) -> None:
        from ..core import tags as core_tags

        vid = self.session.volume_id
        rows = self._tag_rows(node_ids)
        self.outline.model.set_tags(rows, node_ids)
        if vid is not None:
            self.tags_panel.model.set_counts(core_tags.tag_counts(self.session.store, vid))
        if self.session.node_id is not None:
            self.editor_panel.set_tags(self.outline.model.tags.get(self.session.node_id, []))
        if self.tags_panel.filter_button.isChecked():
            self.filter_by_tags(self.tags_panel.chosen_tags())
        if node_ids is None or self.session.node_id in node_ids:
            self._update_suggestions()

    def _target_nodes(self) -> list[int]:
        ids = self.outline.selected_node_ids()
        if not ids and self.session.node_id is not None:
            ids = [self.session.node_id]
        return ids

    def tag_nodes(self, tag_id: int, node_ids=None, on: bool = True) -> bool:
        from ..core.tags import TagNodes, UntagNodes

        ids = list(node_ids) if node_ids is not None else self._target_nodes()
        if not ids:
            self.show_message(self.tr("Select the nodes to tag in the outline first."))
            return False
        edit = (TagNodes if on else UntagNodes)(tuple(ids), tag_id)
        return self.session.apply(edit, self)

    def tag_selected(self) -> None:
        chosen = self.tags_panel.chosen_tags()
        if not chosen:
            self.show_tags()
            self.show_message(self.tr("Choose a tag in the Tags panel, then press Ctrl+T again."))
            return
        for tid in chosen:
            self.tag_nodes(tid)

    def _fill_tag_menu(self) -> None:
        from ..core.tags import GROUPS
        from .tags_panel import color_icon, group_name

        m = self.tag_menu
        m.clear()
        tags = sorted(self.tags_panel.model.tags.values(), key=lambda t: t["path"])
        for grp in GROUPS:
            sub = m.addMenu(color_icon(GROUPS[grp][1]), group_name(grp))
            mine = [t for t in tags if t["grp"] == grp]
            for t in mine:
                a = add_content_action(sub, t["path"], color_icon(t["color"]))
                a.triggered.connect(lambda _=False, tid=t["id"]: self.tag_nodes(tid))
            if not mine:
                sub.addAction(self.tr("(no tags yet)")).setEnabled(False)
        m.addSeparator()
        m.addAction(self.tr("New Tag…"), self.new_tag_dialog)

    def _fill_untag_menu(self) -> None:
        from ..core.tags import node_tags
        from .tags_panel import color_icon

        m = self.untag_menu
        m.clear()
        ids = self._target_nodes()
        on = sorted({t for ts in node_tags(self.session.store, ids).values() for t in ts})
        known = self.tags_panel.model.tags
        for tid in on:
            t = known.get(tid)
            if t is not None:
                a = add_content_action(m, t["path"], color_icon(t["color"]))
                a.triggered.connect(lambda _=False, tid=tid: self.tag_nodes(tid, on=False))
        if m.isEmpty():
            m.addAction(self.tr("(no tags on the selection)")).setEnabled(False)

    def filter_by_tags(self, tag_ids: list) -> None:
        from ..core.tags import nodes_with_tags

        if not tag_ids or self.session.volume_id is None:
            self.outline.set_tag_filter(None)
            return
        self.outline.set_tag_filter(nodes_with_tags(self.session.store, self.session.volume_id, list(tag_ids)))

    def new_tag_dialog(self):
        chosen = self.tags_panel.chosen_tags()
        parent = self.tags_panel.model.tag(chosen[0]) if chosen else None
        dlg = NewTagDialog(self, parent["grp"] if parent else "topic", "")
        self.new_tag_dlg = dlg
        dlg.accepted.connect(lambda: self.create_tag(dlg.name.text(), dlg.group.currentData()))
        dlg.open()
        return dlg

    def create_tag(self, path: str, group: str) -> int | None:
        from ..core import tags as core_tags

        if self.session.read_only:
            self.show_error(self.tr("The store is open read-only: no tag can be added."))
            return None
        try:
            tid = core_tags.create_tag(self.session.store, path, group)
        except YearbookError as e:
            self.show_error(str(e))
            return None
        self._load_tags()
        self.tags_panel.choose_tag(tid)
        return tid

    def rename_tag_dialog(self, tag_id: int) -> None:
        from PySide6.QtWidgets import QInputDialog

        tag = self.tags_panel.model.tag(tag_id)
        if tag is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename Tag"), self.tr("New name:"), text=tag["name"])
        if ok:
            self.rename_tag(tag_id, name)

    def rename_tag(self, tag_id: int, name: str) -> bool:
        """Rename a tag of the store's vocabulary (every volume sees the new name)."""
        from ..core import tags as core_tags

        if self.session.read_only:
            self.show_error(self.tr("The store is open read-only: no tag can be renamed."))
            return False
        try:
            core_tags.rename_tag(self.session.store, tag_id, name)
        except YearbookError as e:
            self.show_error(str(e))
            return False
        self._load_tags()
        self.tags_panel.choose_tag(tag_id)
        return True

    def import_vocabulary_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import Tag Vocabulary"), "",
                                              self.tr("Tag vocabulary (*.json);;All files (*)"))
        if path:
            self.import_vocabulary(path)

    def import_vocabulary(self, path: str) -> int | None:
        from ..core import tags as core_tags

        if self.session.read_only:
            self.show_error(self.tr("The store is open read-only: no tag can be added."))
            return None
        try:
            n = core_tags.import_vocabulary(self.session.store, path)
        except YearbookError as e:
            self.show_error(str(e))
            return None
        except (OSError, ValueError, KeyError, TypeError) as e:
            self.show_error(unreadable_message(path, e))
            return None
        self._load_tags()
        self.show_message(self.tr("%1 tags read from the vocabulary file.").replace("%1", str(n)))
        return n

    def export_vocabulary_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export Tag Vocabulary"), "标签词表.json",
                                              self.tr("Tag vocabulary (*.json)"))
        if path:
            self.export_vocabulary(path)

    def export_vocabulary(self, path: str) -> int | None:
        from ..core import tags as core_tags

        try:
            n = core_tags.export_vocabulary(self.session.store, path)
        except (YearbookError, OSError) as e:
            self.show_error(str(e))
            return None
        self.show_message(self.tr("%1 tags written to %2.").replace("%1", str(n)).replace("%2", path))
        return n

    # -- search and the subject index ------------------------------------------------------

    def show_search(self) -> None:
        self.search_panel.refresh_filters()
        self.search_dock.show()
        self.search_dock.raise_()
        sel = self.editor.textCursor().selectedText()
        if sel and "\u2029" not in sel:
            self.search_panel.query_edit.setText(sel)
        self.search_panel.query_edit.setFocus()
        self.search_panel.query_edit.selectAll()

    def open_search_hit(self, hit) -> None:
        """Open the hit's volume (switching if needed), its node, and select the match."""
        if hit.volume_id != self.session.volume_id:
            if self.session.store.scalar("SELECT id FROM volumes WHERE id = ?", (hit.volume_id,)) is None:
                self.show_error(self.tr("That volume is no longer in the store."))
                return
            self.open_volume(hit.volume_id)
        if hit.node_id is not None:
            self.session.select_node(hit.node_id, self.search_panel)
        self.source.scroll_to_line(hit.line_start)
        self._select_in_editor(hit.block_id, hit.start, hit.end)

    def _search_menu(self, pos) -> None:
        menu = self.search_tag_menu()
        if menu is not None:
            menu.exec(self.search_panel.view.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def search_tag_menu(self):
        """Tag the nodes of the selected results (any volume) with a tag of the vocabulary."""
        from ..core.tags import GROUPS
        from .tags_panel import color_icon, group_name

        hits = self.search_panel.selected_hits()
        nodes = sorted({h.node_id for h in hits if h.node_id is not None})
        if not nodes:
            return None
        menu = QMenu(self)
        title = menu.addAction(self.tr("Tag the nodes of %1 results with").replace("%1", str(len(hits))))
        title.setEnabled(False)
        tags = sorted(self.tags_panel.model.tags.values(), key=lambda t: t["path"])
        for grp in GROUPS:
            sub = menu.addMenu(color_icon(GROUPS[grp][1]), group_name(grp))
            for t in (t for t in tags if t["grp"] == grp):
                a = add_content_action(sub, t["path"], color_icon(t["color"]))
                a.triggered.connect(lambda _=False, tid=t["id"]: self.tag_nodes(tid, nodes))
        return menu

    def show_index(self):
        from .index_dialog import IndexDialog

        if self.session.volume_id is None:
            return None
        if self.index_dialog is not None:
            self.index_dialog.close()
            self.index_dialog.deleteLater()
        dlg = IndexDialog(self.session, self)
        dlg.node_requested.connect(lambda nid: self.session.select_node(nid, dlg))
        self.index_dialog = dlg
        dlg.show()
        return dlg

    # -- suggestions (jieba in the background) --------------------------------------------

    def start_background(self) -> None:
        """Work that starts once the window is shown: never before, so start-up does not wait."""
        self._bg_started = True
        self._start_verify(self.session.volume_id, backup_after=not self.session.read_only)
        if self.session.read_only:
            return
        self._start_search_index(self.session.volume_id)
        self._start_jieba()
        if self.findings_panel.needs_run():
            self.findings_panel.run()

    def _background(self, title: str, work, on_done=None) -> Job:
        job = Job(title, self)
        if on_done is not None:  # a job ending after the window closed its store has no one to tell
            job.finished.connect(lambda result: None if self.session.store.closed else on_done(result))
        job.failed.connect(lambda text: self.show_message(text))
        job.done.connect(lambda: self._bg_jobs.remove(job) if job in self._bg_jobs else None)
        self._bg_jobs.append(job)
        return run_in_background(job, work)

    def _start_verify(self, volume_id: int | None, backup_after: bool = False) -> None:
        """Is the stored volume still its source plus its revisions (core: verify_and_record, on its
        own connection)? A difference (disk damage) becomes a ``store.mismatch`` finding the editor is told
        about; the rolling backup is taken only after a clean verification, so a damaged store never
        pushes a good copy out of the backups."""
        from ..core.checks.runner import verify_and_record

        if volume_id is None:
            return
        path, read_only = self.session.store.path, self.session.read_only

        def work(progress):
            from ..core.store import Store

            with Store(path, read_only=read_only) as store:
                return len(verify_and_record(store, volume_id))

        def done(problems: int) -> None:
            self.verified[volume_id] = problems
            if problems:
                if volume_id == self.session.volume_id:
                    self.findings_panel.load()
                    self._load_findings()
                self.show_error(self.tr("The stored text of this volume no longer matches its source and revisions "
                                        "(the disk may be damaged): see the findings “stored content differs”, and "
                                        "restore a backup before exporting."))
            elif backup_after:
                self._start_backup()

        self._background("verify", work, done)

    def _start_backup(self) -> None:
        """A rolling backup of the store (core.backups.rolling_backup: at most every ten minutes,
        the newest five kept), on its own connection."""
        from ..core import backups
        from ..core.store import Store

        path = self.session.store.path

        def work(progress):
            with Store(path) as store:
                return backups.rolling_backup(store, keep=5)

        self._background("backup", work, lambda p: self.show_message(
            self.tr("Backup of the store saved: %1").replace("%1", str(p))) if p else None)

    def _start_search_index(self, volume_id: int | None) -> None:
        from ..core import search

        if volume_id is None or self.session.read_only:
            return
        path = self.session.store.path

        def work(progress):
            from ..core.store import Store

            with Store(path) as store:
                return search.ensure_search_index(store, volume_id, progress)

        self._background("search index", work)

    def _start_jieba(self) -> None:
        from ..core import suggest

        if suggest.jieba_loaded():
            self._build_suggester()
            return

        def work(progress):
            import platformdirs

            suggest.load_jieba(Path(platformdirs.user_cache_dir("yearbook_editor")) / "jieba")
            return True

        self._background("jieba", work, lambda _ok: self._build_suggester())

    def _build_suggester(self) -> None:
        from ..core import suggest

        vid = self.session.volume_id
        if vid is None or not suggest.jieba_loaded() or self._suggester_building == vid:
            return
        if self._suggester is not None and self._suggester.volume_id == vid:
            return
        self._suggester_building = vid
        store_path = self.session.store.path

        def work(progress):
            from ..core.store import Store

            store = Store(store_path)
            try:
                return suggest.VolumeSuggester(store, vid, progress=progress)
            finally:
                store.close()

        self._background("suggest", work, self._suggester_ready)

    def _suggester_ready(self, sg) -> None:
        self._suggester_building = None
        if sg.volume_id != self.session.volume_id or sg.store.path != self.session.store.path:
            return self._build_suggester()
        sg.store = self.session.store  # suggest() runs on this (the GUI) thread
        self._suggester = sg
        self._update_suggestions()

    def _update_suggestions(self) -> None:
        panel = self.tags_panel
        node = self.outline.model.node(self.session.node_id) if self.session.node_id is not None else None
        sg = self._suggester
        if sg is None or sg.volume_id != self.session.volume_id:
            panel.set_suggestions(None, self.tr("Suggestions appear once the word lists have loaded…"))
            if self._suggester_building is None and self.isVisible():
                self._build_suggester()
            return
        if node is None or node.kind != "entry":
            panel.set_suggestions(None, self.tr("Select an entry to see suggested tags."))
            return
        try:
            found = [s for s in sg.suggest(node.id) if (node.id, s.label) not in self._rejected]
        except YearbookError as e:
            panel.set_suggestions(None, str(e))
            return
        title = visible(node.title, NAME)
        panel.set_suggestions(found, self.tr("Suggested tags for “%1”:").replace("%1", title) if found else
                              self.tr("No further suggestions for “%1”.").replace("%1", title))

    def accept_suggestions(self, suggestions: list, to_selection: bool = False) -> bool:
        from ..core import suggest

        if self.session.read_only:
            return self._refuse_read_only()
        nodes = self._target_nodes() if to_selection else ([self.session.node_id] if self.session.node_id else [])
        if not nodes or not suggestions:
            return False
        try:
            found = [suggest.accept(self.session.store, nodes, s) for s in suggestions]
        except YearbookError as e:
            self.show_error(str(e))
            return False
        labels = "、".join(s.label for s in suggestions)
        if len(found) == 1 and len(nodes) == 1:
            edit = found[0]
        else:
            edit = edits.Batch(tuple(found), label=self.tr("Tag %1 nodes: %2").replace("%1", str(len(nodes)))
                               .replace("%2", labels))
        return self.session.apply(edit, self)

    def _refuse_read_only(self) -> bool:
        self.show_error(self.tr("The store is open read-only: changes cannot be saved."))
        return False

    def reject_suggestions(self, suggestions: list) -> None:
        if self.session.node_id is None:
            return
        for s in suggestions:
            self._rejected.add((self.session.node_id, s.label))
        self._update_suggestions()

    # -- dialogs and messages -------------------------------------------------------------

    def show_find(self, replace: bool = False) -> None:
        self.find_dock.show()
        self.find_dock.raise_()
        edit = self.find_panel.replace_edit if replace else self.find_panel.find_edit
        sel = self.editor.textCursor().selectedText()
        if sel and not replace and "\u2029" not in sel:
            self.find_panel.find_edit.setText(sel)
        edit.setFocus()
        edit.selectAll()

    def show_history(self) -> HistoryDialog | None:
        if self.session.node_id is None:
            return None
        self.session.flush()
        if self.history_dialog is not None:
            self.history_dialog.close()
            self.history_dialog.deleteLater()
        self.history_dialog = HistoryDialog(self.session, self.session.node_id, self)
        self.history_dialog.show()
        return self.history_dialog

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(visible(text, 3 * NAME, one_line=True), 8000)  # one line: a title may be long

    def show_error(self, text: str) -> None:
        """A plain-words dialog that does not block (the editor's work goes on)."""
        self.last_error = text
        if self._error_box is not None:
            self._error_box.close()
        box = message_box(QMessageBox.Icon.Warning, self.tr("Yearbook Editor"), text, self)
        box.setObjectName("errorBox")
        self._error_box = box
        box.open()

    def ask_author(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        name, ok = QInputDialog.getText(self, self.tr("Editor Name"),
                                        self.tr("Name recorded with each change you make:"),
                                        text=self.session.author)
        if ok:
            self.set_author(name)

    def set_author(self, name: str) -> None:
        name = name.strip()
        if name:
            self.session.author = name
            self.settings.setValue("author", name)
            self.show_message(self.tr("Changes are now recorded as made by %1.").replace("%1", name))

    def show_about(self) -> None:
        from .. import __version__

        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About Yearbook Editor"),
                          self.tr("Yearbook Editor %1\nA workbench for reviewing and correcting Chinese local "
                                  "yearbooks extracted from PDF.").replace("%1", __version__),
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()

    # -- layout memory ------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geo = self.settings.value("window/geometry")
        if isinstance(geo, QByteArray) and not geo.isEmpty():
            self.restoreGeometry(geo)
        else:
            self.resize(1400, 860)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        self._splitter_restored = False

    def showEvent(self, e) -> None:  # noqa: N802
        super().showEvent(e)
        if not self._splitter_restored:  # after the window has its size, or the panes are rescaled
            self._splitter_restored = True
            if _setting_on(self.settings.value("background/auto", True)):
                from PySide6.QtCore import QTimer

                QTimer.singleShot(200, self.start_background)  # after the first paint: start-up never waits
            split = self.settings.value("window/splitter")
            if isinstance(split, QByteArray) and not split.isEmpty():
                self.splitter.restoreState(split)

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, e) -> None:  # noqa: N802
        self.session.flush()
        if self.job is not None and self.job.running:
            self.job.cancel()
        for job in [self.findings_panel.job, *self._bg_jobs]:
            if job is not None and job.running:
                job.cancel()
        self.save_layout()
        super().closeEvent(e)


def unreadable_message(path, error) -> str:
    """A plain sentence for a file the core could not read (never a traceback)."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("MainWindow", "“%1” could not be read: it is not a text file or volume JSON this "
                                      "program understands (%2). Nothing was stored.").replace(
        "%1", Path(path).name).replace("%2", type(error).__name__)


def _setting_on(value) -> bool:
    return value is True or str(value).lower() in ("true", "1", "yes")


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]
