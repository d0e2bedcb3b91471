"""Tags: the Tags dock (vocabulary, counts, suggestions), tagging the selected nodes (menu,
Ctrl+T, the Tag With / Remove Tag menus), the tag filter of the outline, the vocabulary file,
and tag suggestions (jieba, loaded in the background once the window shows)."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QInputDialog, QMenu

from ...core import edits, queries, suggest
from ...core import tags as core_tags
from ...core.errors import YearbookError
from .. import file_dialogs
from ..actions import ActionSpec
from ..plain import NAME, add_content_action, visible
from ..tags_panel import NewTagDialog, TagsPanel, color_icon, group_name
from .base import Controller
from .volumes import unreadable_message


class TagsController(Controller):
    def __init__(self, session, panes, feedback, actions):
        super().__init__(session, panes, feedback, actions)
        self.panel = TagsPanel(feedback.parent)
        self.dock = QDockWidget(feedback.parent)
        self.dock.setObjectName("tagsDock")
        self.dock.setWidget(self.panel)
        self.suggester = None
        self._suggester_building: int | None = None
        self._rejected: set[tuple[int, str]] = set()
        self._started = False
        self.new_tag_dlg = None
        tp = self.panel
        tp.tag_requested.connect(lambda tid: self.tag_nodes(tid, on=True))
        tp.untag_requested.connect(lambda tid: self.tag_nodes(tid, on=False))
        tp.filter_changed.connect(self.filter_by_tags)
        tp.create_requested.connect(self.new_tag_dialog)
        tp.rename_requested.connect(self.rename_tag_dialog)
        tp.import_requested.connect(self.import_vocabulary_dialog)
        tp.export_requested.connect(self.export_vocabulary_dialog)
        tp.accept_requested.connect(self.accept_suggestions)
        tp.reject_requested.connect(self.reject_suggestions)

    def specs(self) -> list[ActionSpec]:
        return [
            ActionSpec("actionShowTags", self.tr("Show &Tags Panel"),
                       self.tr("The tag vocabulary, counts and suggestions"), "Ctrl+Shift+A", "tags.tag",
                       self.show_tags),
            ActionSpec("actionTagSelected", self.tr("Tag with the &Chosen Tag"),
                       self.tr("Put the tag chosen in the Tags panel on the selected nodes"), "Ctrl+T", "tags.tag",
                       self.tag_selected, needs_write=True),
            ActionSpec("actionTagMenu", self.tr("Tag &With"), self.tr("Put a tag on the selected nodes"), (),
                       "tags.tag", needs_write=True, submenu=self.fill_tag_menu),
            ActionSpec("actionUntagMenu", self.tr("&Remove Tag"), self.tr("Take a tag off the selected nodes"), (),
                       "tags.tag", needs_write=True, submenu=self.fill_untag_menu),
        ]

    def docks(self) -> list[QDockWidget]:
        return [self.dock]

    def retranslate(self) -> None:
        self.dock.setWindowTitle(self.tr("Tags"))
        self.panel.retranslate()

    # -- hooks ------------------------------------------------------------------------------

    def volume_opened(self, volume_id: int) -> None:
        self.load_tags()
        if self._started:
            self._build_suggester()

    def node_selected(self, node_id: int, initiator) -> None:
        self.panes.editor_panel.set_tags(self.panes.outline.model.tags.get(node_id, []))
        self.update_suggestions()

    def changed(self, changes, initiator) -> None:
        if changes.structure:
            self.refresh_tags()
        elif changes.tags:
            self.refresh_tags(changes.tags)

    def start_background(self) -> None:
        self._started = True
        if not self.read_only:
            self.start_jieba()

    def store_replaced(self) -> None:
        self.suggester = None

    # -- the panel and the outline's tags ---------------------------------------------------------

    def show_tags(self) -> None:
        self.feedback.show_dock(self.dock)
        self.update_suggestions()

    def load_tags(self) -> None:
        """The vocabulary (the default one in a store that has none) and the volume's tags."""
        store = self.store
        if not store.read_only:
            try:
                core_tags.ensure_vocabulary(store)
            except YearbookError as e:
                self.feedback.show_message(str(e))
        vid = self.session.volume_id
        self.panel.load(core_tags.list_tags(store), core_tags.tag_counts(store, vid) if vid else {})
        self.refresh_tags()

    def _tag_rows(self, node_ids=None) -> dict[int, list]:
        store, vid = self.store, self.session.volume_id
        if vid is None:
            return {}
        if node_ids is None:
            by_node = queries.volume_node_tags(store, vid)
        else:
            by_node = core_tags.node_tags(store, list(node_ids))
        known = self.panel.model.tags
        if any(t not in known for ts in by_node.values() for t in ts):  # a tag made meanwhile (a suggestion)
            self.panel.load(core_tags.list_tags(store), core_tags.tag_counts(store, vid))
            known = self.panel.model.tags
        return {nid: [(t, known[t]["name"], known[t]["color"]) for t in ts if t in known]
                for nid, ts in by_node.items()}

    def refresh_tags(self, node_ids=None) -> None:
        vid, node_id = self.session.volume_id, self.session.node_id
        outline = self.panes.outline
        outline.model.set_tags(self._tag_rows(node_ids), node_ids)
        if vid is not None:
            self.panel.model.set_counts(core_tags.tag_counts(self.store, vid))
        if node_id is not None:
            self.panes.editor_panel.set_tags(outline.model.tags.get(node_id, []))
        if self.panel.filter_button.isChecked():
            self.filter_by_tags(self.panel.chosen_tags())
        if node_ids is None or node_id in node_ids:
            self.update_suggestions()

    def filter_by_tags(self, tag_ids: list) -> None:
        outline = self.panes.outline
        if not tag_ids or self.session.volume_id is None:
            outline.set_tag_filter(None)
            return
        outline.set_tag_filter(core_tags.nodes_with_tags(self.store, self.session.volume_id, list(tag_ids)))

    # -- tagging --------------------------------------------------------------------------------

    def target_nodes(self) -> list[int]:
        ids = self.panes.outline.selected_node_ids()
        if not ids and self.session.node_id is not None:
            ids = [self.session.node_id]
        return ids

    def tag_nodes(self, tag_id: int, node_ids=None, on: bool = True) -> bool:
        ids = list(node_ids) if node_ids is not None else self.target_nodes()
        if not ids:
            self.feedback.show_message(self.tr("Select the nodes to tag in the outline first."))
            return False
        edit = (core_tags.TagNodes if on else core_tags.UntagNodes)(tuple(ids), tag_id)
        return self.session.apply(edit, self.feedback.parent)

    def tag_selected(self) -> None:
        chosen = self.panel.chosen_tags()
        if not chosen:
            self.show_tags()
            self.feedback.show_message(self.tr("Choose a tag in the Tags panel, then press Ctrl+T again."))
            return
        for tid in chosen:
            self.tag_nodes(tid)

    def add_tag_groups(self, menu: QMenu, on_tag, empty_text: str | None = None) -> None:
        """One submenu per group of the vocabulary; choosing a tag calls ``on_tag(tag id)``."""
        tags = sorted(self.panel.model.tags.values(), key=lambda t: t["path"])
        for grp in core_tags.GROUPS:
            sub = menu.addMenu(color_icon(core_tags.GROUPS[grp][1]), group_name(grp))
            mine = [t for t in tags if t["grp"] == grp]
            for t in mine:
                a = add_content_action(sub, t["path"], color_icon(t["color"]))
                a.triggered.connect(lambda _=False, tid=t["id"]: on_tag(tid))
            if not mine and empty_text:
                sub.addAction(empty_text).setEnabled(False)

    def fill_tag_menu(self, m: QMenu) -> None:
        m.clear()
        self.add_tag_groups(m, self.tag_nodes, self.tr("(no tags yet)"))
        m.addSeparator()
        m.addAction(self.tr("New Tag…"), self.new_tag_dialog)

    def fill_untag_menu(self, m: QMenu) -> None:
        m.clear()
        on = sorted({t for ts in core_tags.node_tags(self.store, self.target_nodes()).values() for t in ts})
        known = self.panel.model.tags
        for tid in on:
            t = known.get(tid)
            if t is not None:
                a = add_content_action(m, t["path"], color_icon(t["color"]))
                a.triggered.connect(lambda _=False, tid=tid: self.tag_nodes(tid, on=False))
        if m.isEmpty():
            m.addAction(self.tr("(no tags on the selection)")).setEnabled(False)

    # -- the vocabulary -------------------------------------------------------------------------

    def new_tag_dialog(self):
        chosen = self.panel.chosen_tags()
        parent = self.panel.model.tag(chosen[0]) if chosen else None
        dlg = NewTagDialog(self.feedback.parent, parent["grp"] if parent else "topic", "")
        self.new_tag_dlg = dlg
        dlg.accepted.connect(lambda: self.create_tag(dlg.name.text(), dlg.group.currentData()))
        dlg.open()
        return dlg

    def _vocabulary_change(self, change):
        """Run a change of the vocabulary; errors (a read-only store refuses) become a dialog."""
        try:
            result = change()
        except YearbookError as e:
            self.feedback.show_error(str(e))
            return None
        self.load_tags()
        return result

    def create_tag(self, path: str, group: str) -> int | None:
        tid = self._vocabulary_change(lambda: core_tags.create_tag(self.store, path, group))
        if tid is not None:
            self.panel.choose_tag(tid)
        return tid

    def rename_tag_dialog(self, tag_id: int) -> None:
        tag = self.panel.model.tag(tag_id)
        if tag is None:
            return
        name, ok = QInputDialog.getText(self.feedback.parent, self.tr("Rename Tag"), self.tr("New name:"),
                                        text=tag["name"])
        if ok:
            self.rename_tag(tag_id, name)

    def rename_tag(self, tag_id: int, name: str) -> bool:
        """Rename a tag of the store's vocabulary (every volume sees the new name)."""
        done = self._vocabulary_change(lambda: core_tags.rename_tag(self.store, tag_id, name) or True)
        if done:
            self.panel.choose_tag(tag_id)
        return bool(done)

    def import_vocabulary_dialog(self) -> None:
        path = file_dialogs.open_file_name(self.feedback.parent, self.tr("Import Tag Vocabulary"), "",
                                           self.tr("Tag vocabulary (*.json);;All files (*)"))
        if path:
            self.import_vocabulary(path)

    def import_vocabulary(self, path: str) -> int | None:
        def read() -> int:
            try:
                return core_tags.import_vocabulary(self.store, path)
            except (OSError, ValueError, KeyError, TypeError) as e:
                raise YearbookError(unreadable_message(path, e)) from None

        n = self._vocabulary_change(read)
        if n is not None:
            self.feedback.show_message(self.tr("%1 tags read from the vocabulary file.").replace("%1", str(n)))
        return n

    def export_vocabulary_dialog(self) -> None:
        path = file_dialogs.save_file_name(self.feedback.parent, self.tr("Export Tag Vocabulary"), "标签词表.json",
                                           self.tr("Tag vocabulary (*.json)"))
        if path:
            self.export_vocabulary(path)

    def export_vocabulary(self, path: str) -> int | None:
        try:
            n = core_tags.export_vocabulary(self.store, path)
        except (YearbookError, OSError) as e:
            self.feedback.show_error(str(e))
            return None
        self.feedback.show_message(self.tr("%1 tags written to %2.").replace("%1", str(n)).replace("%2", path))
        return n

    # -- suggestions (jieba in the background) --------------------------------------------------

    def start_jieba(self) -> None:
        if suggest.jieba_loaded():
            self._build_suggester()
            return

        def work(progress):
            suggest.load_jieba(suggest.jieba_cache_dir())
            return True

        self.feedback.run_in_background("jieba", work, lambda _ok: self._build_suggester())

    def _build_suggester(self) -> None:
        vid = self.session.volume_id
        if vid is None or not suggest.jieba_loaded() or self._suggester_building == vid:
            return
        if self.suggester is not None and self.suggester.volume_id == vid:
            return
        self._suggester_building = vid
        # in a process of its own: segmenting the whole volume would make the window's thread wait
        job = self.feedback.run_in_process("suggest", suggest.build_suggester, str(self.store.path), vid,
                                           self.read_only, on_done=self._suggester_ready)
        job.failed.connect(lambda _text: setattr(self, "_suggester_building", None))

    def _suggester_ready(self, sg) -> None:
        self._suggester_building = None
        if sg.volume_id != self.session.volume_id or sg.store_path != str(self.store.path):
            return self._build_suggester()
        sg.store = self.store  # suggest() runs on this (the GUI) thread
        self.suggester = sg
        self.update_suggestions()

    def update_suggestions(self) -> None:
        panel, node_id = self.panel, self.session.node_id
        node = self.panes.outline.model.node(node_id) if node_id is not None else None
        sg = self.suggester
        if sg is None or sg.volume_id != self.session.volume_id:
            panel.set_suggestions(None, self.tr("Suggestions appear once the word lists have loaded…"))
            if self._suggester_building is None and self.panel.window().isVisible():
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
        node_id = self.session.node_id
        nodes = self.target_nodes() if to_selection else ([node_id] if node_id else [])
        if not nodes or not suggestions:
            return False
        try:
            found = [suggest.accept(self.store, nodes, s) for s in suggestions]
        except YearbookError as e:
            self.feedback.show_error(str(e))
            return False
        labels = "、".join(s.label for s in suggestions)
        if len(found) == 1 and len(nodes) == 1:
            edit = found[0]
        else:
            edit = edits.Batch(tuple(found), label=self.tr("Tag %1 nodes: %2").replace("%1", str(len(nodes)))
                               .replace("%2", labels))
        return self.session.apply(edit, self.feedback.parent)

    def reject_suggestions(self, suggestions: list) -> None:
        if self.session.node_id is None:
            return
        for s in suggestions:
            self._rejected.add((self.session.node_id, s.label))
        self.update_suggestions()

