"""The main window, a shell: outline | source | corrected editor, the docks, the menu bar built
from the controllers' action specs, the status bar and layout memory.

Each feature lives in its own controller (``gui/controllers/``): volumes and import/export,
layout and review, checks and blanks, tags, search and the subject index, editing. A
controller owns its actions (one table of :class:`~.actions.ActionSpec`), its docks and its
reactions; it talks back to the window only through :class:`~.feedback.Feedback`.

Panes talk to each other only through the session: a pane asks
``session.select_node(id, initiator=pane)`` and the window brings the others along; an edit
goes through ``session.apply`` and the window, then every controller, refreshes what
``session.changed`` says changed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core import queries
from ..core.structure import line_labels, load_outline, node_at_line
from ..core.volumes import source_text
from . import assets, i18n
from .actions import ActionSpec, ActionTable
from .controllers.checks import ChecksController
from .controllers.editing import EditingController
from .controllers.help import HelpController
from .controllers.layout import LayoutController
from .controllers.search import SearchController
from .controllers.structure import StructureController
from .controllers.tags import TagsController
from .controllers.volumes import VolumesController
from .editor_panel import NodeEditorPanel
from .feedback import Feedback, Panes
from .outline_view import OutlinePanel
from .plain import NAME, message_box, visible, window_title
from .source_view import SourceView
from .status_bar import JobIndicator, ReviewProgress
from .store_health import read_only_text
from .workplace import LayoutMemory, PlaceMemory, arrange_docks, show_dock

#: the menu bar: each menu's sections in order (a separator between sections); an action goes
#: where its spec's ``menu`` ("file.open") says
MENUS = (
    ("file", ("open", "save", "export", "quit")),
    ("edit", ("undo", "find", "history")),
    ("layout", ("blocks", "kind", "levels", "move")),
    ("review", ("status", "next")),
    ("checks", ("run", "goto")),
    ("tags", ("tag", "index")),
    ("language", ("",)),
    ("help", ("guide", "")),
)
#: the editor's and the outline's context menus (None: a separator)
EDITOR_MENU = ("actionSplit", "actionMerge", "actionConfirmBreak", None, "actionMarkFurniture",
               "actionMakeEntryTitle", "actionMakeHeading", "actionMakeParagraph", None, "actionHistory", None,
               "actionTagMenu", "actionUntagMenu")
OUTLINE_MENU = ("actionStatus_unreviewed", "actionStatus_checked", "actionStatus_approved", "actionPromote",
                "actionDemote", "actionHistory", None, "actionTagMenu", "actionUntagMenu", "actionTagSelected")
#: docks: tabs of one area each (workplace.arrange_docks), in this order; all at the bottom, so that
#: opening one never makes the window wider than a laptop's screen
DOCK_AREAS = {"findDock": Qt.DockWidgetArea.BottomDockWidgetArea, "checksDock": Qt.DockWidgetArea.BottomDockWidgetArea,
              "tagsDock": Qt.DockWidgetArea.BottomDockWidgetArea, "searchDock": Qt.DockWidgetArea.BottomDockWidgetArea,
              "structureDock": Qt.DockWidgetArea.BottomDockWidgetArea}


class MainWindow(QMainWindow):
    def __init__(self, session, settings: QSettings, language: str = i18n.DEFAULT_LANGUAGE):
        super().__init__()
        self.setObjectName("mainWindow")
        self.session = session
        self.settings = settings
        self.language = language
        self.last_error: str | None = None
        self.read_only_cannot_write = False  # read-only because the file cannot be written (not another window)
        self._error_box: QMessageBox | None = None
        self._bg_started = False
        self.places = PlaceMemory(settings)
        self._place_saver = self.places.saver(self, self.save_place)  # a crash keeps the place
        self._place: tuple | None = None  # (store path, volume id) the panes show
        self._pending_scrolls: dict | None = None
        self.setWindowIcon(assets.app_icon())
        self.setAcceptDrops(True)
        self._build_panes()
        self._build_status_bar()
        self.actions_table = ActionTable(self)
        self.feedback = Feedback(self, session, self.panes, self.show_message, self.show_error,
                                 self.job_indicator.track, lambda dock: show_dock(self, self.splitter, dock))
        self._build_controllers()
        self._build_menus()
        self._connect_signals()
        self.retranslate()
        self._restore_layout()

    # -- building ---------------------------------------------------------------------

    def _build_panes(self) -> None:
        self.outline = OutlinePanel(self)
        self.source = SourceView(self)
        self.editor_panel = NodeEditorPanel(self.session, self)
        self.editor = self.editor_panel.editor
        self.panes = Panes(self.outline, self.source, self.editor_panel)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        for w in (self.outline, self.source, self.editor_panel):
            self.splitter.addWidget(w)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([300, 520, 580])
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

    def _build_controllers(self) -> None:
        args = (self.session, self.panes, self.feedback, self.actions_table)
        self.volumes_ctl = VolumesController(*args, self.settings)
        self.editing_ctl = EditingController(*args, self.settings)
        self.layout_ctl = LayoutController(*args)
        self.checks_ctl = ChecksController(*args, self.settings)
        self.tags_ctl = TagsController(*args)
        self.search_ctl = SearchController(*args, self.tags_ctl)
        self.structure_ctl = StructureController(*args, self.checks_ctl)
        self.help_ctl = HelpController(*args, self.settings, lambda: [(k, m.title()) for k, m in self.menus.items()])
        self.controllers = (self.volumes_ctl, self.editing_ctl, self.layout_ctl, self.checks_ctl, self.tags_ctl,
                            self.search_ctl, self.structure_ctl, self.help_ctl)
        self.volumes_ctl.on_store_replaced = self._store_replaced
        for c in self.controllers:
            self.actions_table.create(c.specs())
        docks = [d for c in self.controllers for d in c.docks()]
        for area in dict.fromkeys(DOCK_AREAS[d.objectName()] for d in docks):
            arrange_docks(self, [d for d in docks if DOCK_AREAS[d.objectName()] == area], area)
        self.actions_table.create(self.specs())
        self.lang_group = QActionGroup(self)
        for code in i18n.LANGUAGES:
            a = self.action(f"actionLanguage_{code}")
            a.setChecked(code == self.language)
            self.lang_group.addAction(a)
        self.editing_ctl.connect_stack()
        # the panes and docks by name, for the layout memory and the tests
        self.find_panel, self.find_dock = self.editing_ctl.find_panel, self.editing_ctl.dock
        self.findings_panel, self.blanks_panel = self.checks_ctl.findings_panel, self.checks_ctl.blanks_panel
        self.checks_tabs, self.checks_dock = self.checks_ctl.tabs, self.checks_ctl.dock
        self.tags_panel, self.tags_dock = self.tags_ctl.panel, self.tags_ctl.dock
        self.search_panel, self.search_dock = self.search_ctl.panel, self.search_ctl.dock

    def specs(self) -> list[ActionSpec]:
        """The window's own actions: quit, the languages, about."""
        langs = [ActionSpec(f"actionLanguage_{code}", name, "", (), "language.",
                            lambda code=code: self.set_language(code), checkable=True)
                 for code, name in i18n.LANGUAGES.items()]  # each language names itself, in every language
        return [ActionSpec("actionQuit", self.tr("&Quit"), "", QKeySequence.StandardKey.Quit, "file.quit", self.close),
                *langs, ActionSpec("actionAbout", self.tr("&About"), "", (), "help.", self.show_about)]

    def _build_menus(self) -> None:
        self.menus: dict[str, QMenu] = {}
        for key, sections in MENUS:
            menu = self.menuBar().addMenu("")
            menu.setObjectName("menu" + key.capitalize())
            menu.setToolTipsVisible(True)
            by_section = self.actions_table.in_menu(key)
            for n, section in enumerate(sections):
                if n and by_section.get(section):
                    menu.addSeparator()
                menu.addActions(by_section.get(section, []))
            self.menus[key] = menu
        for spec in self.actions_table.specs():
            if spec.submenu is not None:
                self.actions_table.submenu(spec.name).setToolTipsVisible(True)
        self.editor.extra_actions = [self.action(n) if n else None for n in EDITOR_MENU]
        sep = QAction(self)
        sep.setSeparator(True)
        self.outline.tree.addActions([self.action(n) if n else sep for n in OUTLINE_MENU])

    def _build_status_bar(self) -> None:
        self.job_indicator = JobIndicator(self)
        self.review = ReviewProgress(self)
        self.statusBar().addPermanentWidget(self.job_indicator)
        self.statusBar().addPermanentWidget(self.review)
        # by name, for the tests
        self.job_widget, self.job_cancel = self.job_indicator, self.job_indicator.cancel_button
        self.progress_label, self.review_bar = self.review.label, self.review.bar

    def _connect_signals(self) -> None:
        s = self.session
        s.volume_changed.connect(self._on_volume_changed)
        s.node_selected.connect(self._on_node_selected)
        s.node_selected.connect(lambda *_: self._place_saver.start())
        s.changed.connect(self._on_changed)
        s.error_occurred.connect(self.show_error)
        s.notice.connect(self.show_message)
        self.outline.node_activated.connect(lambda nid: s.select_node(nid, self.outline))
        self.source.line_clicked.connect(self._on_source_line)
        self.editor.message.connect(self.show_message)

    # -- for controllers' owners and tests ------------------------------------------------

    def action(self, name: str) -> QAction:
        return self.actions_table[name]

    def export_dialog(self):
        """File ▸ Export (the dialog, or None without a volume)."""
        return self.volumes_ctl.export_dialog()

    def import_files(self, paths: list[str]):
        """Import files (as dropped on the window) in the background; the last one opens."""
        return self.volumes_ctl.import_files(paths)

    def submenu(self, name: str) -> QMenu:
        """The menu of a menu-valued action (Open Volume, Recent, Tag With, Remove Tag)."""
        return self.actions_table.submenu(name)

    # -- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self._set_title()
        titles = {"file": self.tr("&File"), "edit": self.tr("&Edit"), "layout": self.tr("&Layout"),
                  "review": self.tr("&Review"), "checks": self.tr("&Checks"), "tags": self.tr("&Tags"),
                  "language": self.tr("语言/&Language"), "help": self.tr("&Help")}
        for key, menu in self.menus.items():
            menu.setTitle(titles[key])
        for c in self.controllers:
            self.actions_table.set_texts(c.specs())
            c.retranslate()
        self.actions_table.set_texts(self.specs())
        self.read_only_banner.setText(read_only_text(self.read_only_cannot_write))
        self._update_progress()

    def _set_title(self) -> None:
        title = self.session.volume_title()
        app = self.tr("Yearbook Editor")
        if self.session.store.read_only or self.session.read_only:
            app = self.tr("%1 (read-only)").replace("%1", app)
        self.setWindowTitle(f"{window_title(title)} — {app}" if title else app)

    def changeEvent(self, e) -> None:  # noqa: N802
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def set_language(self, code: str) -> None:
        self.language = code
        self.settings.setValue("ui/language", code)
        self.action(f"actionLanguage_{code}").setChecked(True)
        if not i18n.install_translators(QApplication.instance(), code):
            self.show_message(self.tr("The translation could not be loaded; English texts are shown."))
        # Qt also posts LanguageChange to every widget; updating the panes here makes the
        # switch visible at once (and when no translator was installed or removed)
        self.retranslate()
        for pane in (self.outline, self.editor_panel):
            pane.retranslate()

    # -- volumes, selection and changes ---------------------------------------------------

    def open_volume(self, volume_id: int) -> None:
        self.session.open_volume(volume_id)

    def _on_volume_changed(self, volume_id: int) -> None:
        store = self.session.store
        self.save_place()  # of the volume shown until now
        self.outline.set_roots(load_outline(store, volume_id))
        for c in self.controllers:
            c.volume_opened(volume_id)
        self.source.set_source(source_text(store, volume_id), line_labels(store, volume_id))
        self.editor_panel.show_node(None, [])
        self._set_title()
        self._update_progress()
        self._place = (store.path, volume_id)
        place = self.places.load(store.path, volume_id)  # where the editor left off, else the first entry
        first = self.outline.model.node(place["node"]) if place else None
        first = first or next((n for n in self.outline.model.nodes() if n.kind == "entry"), None)
        first = first or next(iter(self.outline.model.nodes()), None)
        if first is not None:
            self.session.select_node(first.id, self)
        if place and first is not None and first.id == place["node"]:
            self._pending_scrolls = place["scroll"]
            if self._splitter_restored:
                self._restore_scrolls()

    def _on_node_selected(self, node_id: int, initiator) -> None:
        node = self.outline.model.node(node_id)
        if initiator is not self.outline:
            self.outline.select(node_id)
        if node is not None:
            self.source.highlight_span(node.line_start, node.line_end, scroll=initiator is not self.source)
        self.editor_panel.show_node(node, self._path(node_id))
        for c in self.controllers:
            c.node_selected(node_id, initiator)

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

    def _on_changed(self, changes, initiator) -> None:
        if changes.structure and (changes.outline or changes.nodes):
            self._after_structure(changes)
        else:
            self._after_edit(changes)
            if changes.structure:  # blocks came or went, the outline as it was: the node is shown again
                self.editor.reload(keep_cursor=True)
        for c in self.controllers:
            c.changed(changes, initiator)

    def _after_edit(self, changes) -> None:
        store = self.session.store
        if changes.nodes:
            for r in queries.node_fields(store, changes.nodes):
                self.outline.model.update_node(r["id"], title=r["title"], status=r["status"])
            if self.session.node_id in changes.nodes:
                node = self.outline.model.node(self.session.node_id)
                self.editor_panel.update_header(node, self._path(node.id))
        if changes.kinds and self.session.volume_id is not None:
            self.source.set_labels(line_labels(store, self.session.volume_id, self.source.lines))
        if changes.statuses:
            self._update_progress()

    def _after_structure(self, changes) -> None:
        store, vid = self.session.store, self.session.volume_id
        if vid is None:
            return
        self.outline.set_roots(load_outline(store, vid), keep_expanded=True)
        self.source.set_labels(line_labels(store, vid, self.source.lines))
        node_id = self.session.node_id
        if node_id is None or self.outline.model.node(node_id) is None:
            node_id = queries.first_node_of_blocks(store, changes.blocks)
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
        self.review.show_counts(self.outline.model.status_counts())

    # -- stores and read-only -------------------------------------------------------------

    def set_read_only(self, on: bool, cannot_write: bool = False) -> None:
        """Read-only: another window has the store, or (``cannot_write``) its file or folder cannot be written."""
        self.session.read_only, self.read_only_cannot_write = on, cannot_write
        self.read_only_banner.setText(read_only_text(cannot_write))
        self.read_only_banner.setVisible(on)
        self._set_title()
        self.actions_table.set_read_only(on)
        self.editor.setReadOnly(on or self.editor.isReadOnly())

    def _store_replaced(self, other_file: bool) -> None:
        self.save_place()
        self._place = None
        if other_file:
            self.set_read_only(self.session.store.read_only, cannot_write=self.session.store.read_only)
        self.tags_ctl.store_replaced()
        self.outline.set_roots([])
        self.source.set_source("", {})
        self.editor_panel.show_node(None, [])
        self._set_title()

    @property
    def store_lock(self):
        return self.volumes_ctl.store_lock

    @store_lock.setter
    def store_lock(self, lock) -> None:
        self.volumes_ctl.store_lock = lock

    # -- feedback: messages, errors, jobs, docks --------------------------------------------

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

    # -- import by drop ---------------------------------------------------------------------

    def dragEnterEvent(self, e) -> None:  # noqa: N802
        if self.volumes_ctl.dropped_files(e.mimeData()):
            e.acceptProposedAction()
        else:
            e.ignore()

    def dragMoveEvent(self, e) -> None:  # noqa: N802
        self.dragEnterEvent(e)

    def dropEvent(self, e) -> None:  # noqa: N802
        files = self.volumes_ctl.dropped_files(e.mimeData())
        if files:
            e.acceptProposedAction()
            self.import_files(files)

    # -- background work and dialogs ----------------------------------------------------------

    def start_background(self) -> None:
        """Work that starts once the window is shown: never before, so start-up does not wait."""
        self._bg_started = True
        for c in self.controllers:
            c.start_background()

    def show_about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About Yearbook Editor"),
                          self.tr("Yearbook Editor %1\nA workbench for reviewing and correcting Chinese local "
                                  "yearbooks extracted from PDF.").replace("%1", __version__),
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()

    # -- layout memory ------------------------------------------------------------------

    def _restore_layout(self) -> None:
        self.layout_memory = LayoutMemory(self, self.splitter, self.settings)
        self.layout_memory.restore_window()  # never larger than the screen; docks as last arranged
        self._splitter_restored = False

    def scroll_panes(self) -> dict:
        """The panes whose scroll positions are remembered per volume."""
        return {"outline": self.outline.tree, "source": self.source, "editor": self.editor,
                "findings": self.findings_panel.view}

    def save_place(self) -> None:
        """Remember the node and the panes' scroll positions of the volume shown (per store and volume)."""
        if self._place is not None and not self.session.store.closed:
            self.places.save(*self._place, self.session.node_id, self.scroll_panes())

    def _restore_scrolls(self) -> None:
        scrolls, self._pending_scrolls = self._pending_scrolls, None
        if scrolls:
            self.places.apply_scrolls(self.scroll_panes(), scrolls)

    def showEvent(self, e) -> None:  # noqa: N802
        super().showEvent(e)
        if not self._splitter_restored:  # after the window has its size, or the panes are rescaled
            self._splitter_restored = True
            if _setting_on(self.settings.value("background/auto", True)):
                QTimer.singleShot(200, self.start_background)  # after the first paint: start-up never waits
            self.layout_memory.restore_splitter()
            QTimer.singleShot(0, self._restore_scrolls)  # once the panes have their sizes

    def save_layout(self) -> None:
        self.layout_memory.save()
        self.save_place()
        self.settings.sync()

    def closeEvent(self, e) -> None:  # noqa: N802
        if not self.editing_ctl.may_close():
            return e.ignore()
        for c in self.controllers:
            c.close()
        for job in list(self.feedback.jobs):
            if job.running:
                job.cancel()
        self.save_layout()
        super().closeEvent(e)


def _setting_on(value) -> bool:
    return value is True or str(value).lower() in ("true", "1", "yes")
