"""Search and the subject index: the cross-volume Search dock (results open their volume and
place; the selected results' nodes can be tagged), the 主题索引 dialog, and keeping the search
index of each opened volume up to date in the background."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMenu

from ...core import queries, search
from ...core.store import Store
from ..actions import ActionSpec
from ..search_panel import SearchPanel
from .base import Controller

#: seconds between two pieces of a search index built in the background (the editor's edits go first)
INDEX_PAUSE = 0.12


class SearchController(Controller):
    def __init__(self, session, panes, feedback, actions, tags):
        super().__init__(session, panes, feedback, actions)
        self.tags = tags  # the tags controller: tagging the nodes of results
        self.panel = SearchPanel(session, feedback.parent)
        self.dock = QDockWidget(feedback.parent)
        self.dock.setObjectName("searchDock")
        self.dock.setWidget(self.panel)
        self.index_dialog = None
        self._started = False
        self.panel.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.panel.message.connect(feedback.show_message)
        self.panel.hit_activated.connect(self.open_search_hit)
        self.panel.view.customContextMenuRequested.connect(self._search_menu)

    def specs(self) -> list[ActionSpec]:
        return [
            ActionSpec("actionSearchAll", self.tr("&Search All Volumes…"),
                       self.tr("Full-text search over every volume of the store, with filters"), "Ctrl+Shift+F",
                       "edit.history", self.show_search),
            ActionSpec("actionSubjectIndex", self.tr("Subject &Index…"),
                       self.tr("The 主题索引 of this volume, from its index-term tags, in pinyin order"), (),
                       "tags.index", self.show_index),
        ]

    def docks(self) -> list[QDockWidget]:
        return [self.dock]

    def retranslate(self) -> None:
        self.dock.setWindowTitle(self.tr("Search All Volumes"))
        self.panel.retranslate()
        if self.index_dialog is not None:
            self.index_dialog.retranslate()

    def volume_opened(self, volume_id: int) -> None:
        if self.dock.isVisible():
            self.panel.refresh_filters()  # a volume may have been imported
        if self._started:
            self.start_search_index(volume_id)

    def start_background(self) -> None:
        self._started = True
        self.start_search_index(self.session.volume_id)

    # -- search ---------------------------------------------------------------------------

    def show_search(self) -> None:
        self.panel.refresh_filters()
        self.feedback.show_dock(self.dock)
        edit = self.panel.query_edit
        sel = self.panes.editor.textCursor().selectedText()
        if sel and "\u2029" not in sel:
            edit.setText(sel)
        edit.setFocus()
        edit.selectAll()

    def open_search_hit(self, hit) -> None:
        """Open the hit's volume (switching if needed), its node, and select the match."""
        if hit.volume_id != self.session.volume_id:
            if not queries.volume_exists(self.store, hit.volume_id):
                self.feedback.show_error(self.tr("That volume is no longer in the store."))
                return
            self.session.open_volume(hit.volume_id)
        self.feedback.show_place(self.panel, hit.node_id, hit.line_start, hit.block_id, hit.start, hit.end)

    def _search_menu(self, pos) -> None:
        menu = self.search_tag_menu()
        if menu is not None:
            menu.exec(self.panel.view.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def search_tag_menu(self) -> QMenu | None:
        """Tag the nodes of the selected results (any volume) with a tag of the vocabulary."""
        hits = self.panel.selected_hits()
        nodes = sorted({h.node_id for h in hits if h.node_id is not None})
        if not nodes:
            return None
        menu = QMenu(self.panel)
        title = menu.addAction(self.tr("Tag the nodes of %1 results with").replace("%1", str(len(hits))))
        title.setEnabled(False)
        self.tags.add_tag_groups(menu, lambda tid: self.tags.tag_nodes(tid, nodes))
        return menu

    def start_search_index(self, volume_id: int | None) -> None:
        if volume_id is None or self.read_only:
            return
        path = self.store.path

        def work(progress):
            with Store(path) as store:
                return search.ensure_search_index(store, volume_id, progress, pause=INDEX_PAUSE)

        self.feedback.run_in_background("search index", work)

    # -- the subject index ---------------------------------------------------------------------

    def show_index(self):
        from ..index_dialog import IndexDialog

        if self.session.volume_id is None:
            return None
        if self.index_dialog is not None:
            self.index_dialog.close()
            self.index_dialog.deleteLater()
        dlg = IndexDialog(self.session, self.feedback.parent)
        dlg.node_requested.connect(lambda nid: self.session.select_node(nid, dlg))
        self.index_dialog = dlg
        dlg.show()
        return dlg
