"""Help for a new editor: 帮助 ▸ 快速入门, 帮助 ▸ 快捷键 and the tip shown at start.

The quick start is bundled Markdown (``resources/help/quickstart.<lang>.md``, one page per
``## `` heading) so it works offline and in the frozen build. ``{{actionName}}`` in it becomes
that action's menu, text and shortcut as the action table has them now, so the guide follows
the menus and the keys (a test fails when it names an action that does not exist). It is shown
in a :class:`SafeBrowser`: Markdown without raw HTML, no images or other resources loaded, no
link followed. The shortcut list is built from the action table itself, grouped by menu.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from . import i18n
from .actions import ActionTable, key_sequences
from .assets import asset_path

PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
COMMENT = re.compile(r"<!--.*?-->", re.S)
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|!{}])")
#: Markdown without raw HTML: a tag in the text is shown, never interpreted
MARKDOWN = QTextDocument.MarkdownFeature.MarkdownDialectGitHub | QTextDocument.MarkdownFeature.MarkdownNoHTML
#: the setting that turns the tip at start on and off
START_TIP_KEY = "help/start_tip"


def help_language() -> str:
    """The language the interface shows now: zh_CN while the app's translation is installed."""
    return i18n.DEFAULT_LANGUAGE if "app" in i18n.loaded else "en"


def quickstart_markdown(lang: str) -> str:
    path = asset_path("help", f"quickstart.{lang}.md")
    if not path.exists():
        path = asset_path("help", "quickstart.en.md")
    return COMMENT.sub("", path.read_text(encoding="utf-8"))


def menu_text(text: str) -> str:
    """A menu or action text without its mnemonic: 导出(&E)… → 导出…, &Export… → Export…"""
    text = re.sub(r"\s*\(&\w\)", "", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def shortcut_text(shortcut) -> str:
    """The keys of a spec's shortcut as the menus show them (several joined by a slash)."""
    return " / ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in key_sequences(shortcut))


def action_label(actions: ActionTable, name: str, menu_titles: dict[str, str]) -> str:
    """「菜单 ▸ 命令（快捷键）」 for an action of the table (KeyError for an unknown name)."""
    spec = {s.name: s for s in actions.specs()}[name]
    text = menu_text(actions[name].text())
    menu = menu_text(menu_titles.get(spec.menu.partition(".")[0], ""))
    label = f"{menu} ▸ {text}" if menu else text
    keys = shortcut_text(spec.shortcut)
    if not keys:
        return label
    return f"{label} ({keys})" if help_language() == "en" else f"{label}（{keys}）"


def quickstart_pages(actions: ActionTable, menu_titles: dict[str, str], lang: str | None = None) -> list[tuple[str, str]]:
    """The quick start's pages as (title, Markdown), with every {{action}} filled in."""

    def fill(m: re.Match) -> str:
        label = action_label(actions, m.group(1), menu_titles)
        return "**" + MARKDOWN_SPECIAL.sub(r"\\\1", label) + "**"

    text = PLACEHOLDER.sub(fill, quickstart_markdown(lang or help_language()))
    pages = []
    for part in re.split(r"(?m)^## ", text)[1:]:
        title, _, body = part.partition("\n")
        pages.append((title.strip(), f"## {title.strip()}\n{body.strip()}\n"))
    return pages


def placeholders(lang: str) -> list[str]:
    """The action names the quick start of ``lang`` refers to."""
    return PLACEHOLDER.findall(quickstart_markdown(lang))


class SafeBrowser(QTextBrowser):
    """Bundled Markdown shown as text: no HTML, no resource is ever loaded, links not followed."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def set_markdown(self, text: str) -> None:
        self.document().setMarkdown(text, MARKDOWN)

    def loadResource(self, kind, url):  # noqa: N802 - images and style sheets stay unloaded
        return None


class QuickStartDialog(QDialog):
    """The day's workflow, one page per step: a list of the steps, the page, back and next."""

    def __init__(self, actions: ActionTable, menu_titles, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("quickStartDialog")  # menu_titles: () -> {menu key: title}
        self._actions, self._menu_titles = actions, menu_titles
        self.pages: list[tuple[str, str]] = []
        self.steps = QListWidget(self)
        self.steps.setObjectName("quickStartSteps")
        self.steps.setMaximumWidth(200)
        self.browser = SafeBrowser(self)
        self.browser.setObjectName("quickStartPage")
        self.back_button = QPushButton(self)
        self.next_button = QPushButton(self)
        self.close_button = QPushButton(self)
        self.page_label = QLabel(self)
        self.page_label.setTextFormat(Qt.TextFormat.PlainText)
        body = QHBoxLayout()
        body.addWidget(self.steps)
        body.addWidget(self.browser, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.page_label)
        buttons.addStretch(1)
        for b in (self.back_button, self.next_button, self.close_button):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addLayout(body, 1)
        lay.addLayout(buttons)
        self.steps.currentRowChanged.connect(self.show_page)
        self.back_button.clicked.connect(lambda: self.show_page(self.steps.currentRow() - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self.steps.currentRow() + 1))
        self.close_button.clicked.connect(self.close)
        self.resize(760, 480)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts and pages in the current language (the page shown stays)."""
        self.setWindowTitle(self.tr("Quick Start"))
        self.back_button.setText(self.tr("Back"))
        self.next_button.setText(self.tr("Next"))
        self.close_button.setText(self.tr("Close"))
        row = max(0, self.steps.currentRow())
        self.pages = quickstart_pages(self._actions, self._menu_titles())
        self.steps.blockSignals(True)
        self.steps.clear()
        self.steps.addItems([title for title, _ in self.pages])
        self.steps.blockSignals(False)
        self.show_page(min(row, len(self.pages) - 1))

    def show_page(self, row: int) -> None:
        if not 0 <= row < len(self.pages):
            return
        if self.steps.currentRow() != row:
            self.steps.setCurrentRow(row)  # comes back here through currentRowChanged
            return
        self.browser.set_markdown(self.pages[row][1])
        self.page_label.setText(self.tr("Page %1 of %2").replace("%1", str(row + 1)).replace("%2", str(len(self.pages))))
        self.back_button.setEnabled(row > 0)
        self.next_button.setEnabled(row < len(self.pages) - 1)


@dataclass(frozen=True)
class ShortcutRow:
    text: str
    keys: str
    tip: str


def shortcut_groups(actions: ActionTable, menus: list[tuple[str, str]], other: str) -> list[tuple[str, list[ShortcutRow]]]:
    """Every action with a shortcut, grouped by its menu in menu-bar order; those in no menu
    (context menus, panes) under ``other``."""
    by_menu: dict[str, list[ShortcutRow]] = {}
    for spec in actions.specs():
        keys = shortcut_text(spec.shortcut)
        if not keys:
            continue
        a = actions[spec.name]
        by_menu.setdefault(spec.menu.partition(".")[0], []).append(ShortcutRow(menu_text(a.text()), keys, spec.tip))
    titles = dict(menus)
    order = [key for key, _ in menus] + [key for key in by_menu if key not in titles]
    return [(menu_text(titles.get(key, "")) or other, by_menu[key]) for key in order if key in by_menu]


class ShortcutsDialog(QDialog):
    """帮助 ▸ 快捷键: the action table's shortcuts by menu (command, keys, what it does)."""

    def __init__(self, actions: ActionTable, menus, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self._actions, self._menus = actions, menus
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcutsTree")
        self.tree.setColumnCount(3)
        self.tree.setRootIsDecorated(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tree)
        lay.addWidget(buttons)
        self.resize(720, 560)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.tree.setHeaderLabels([self.tr("Command"), self.tr("Keys"), self.tr("What it does")])
        self.tree.clear()
        bold = self.font()
        bold.setBold(True)
        for title, rows in shortcut_groups(self._actions, self._menus(), self.tr("In the panes")):
            group = QTreeWidgetItem(self.tree, [title])
            group.setFont(0, bold)
            group.setFirstColumnSpanned(True)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for row in rows:
                item = QTreeWidgetItem(self.tree, [row.text, row.keys, row.tip])
                item.setToolTip(2, row.tip)

    def rows(self) -> list[tuple[str, str]]:
        """(command, keys) of every row, for the tests."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.text(1):
                out.append((item.text(0), item.text(1)))
        return out


class StartTip(QDialog):
    """The tip shown at start until it is switched off (its box, or 帮助 ▸ 启动时显示提示)."""

    def __init__(self, show_again: bool, labels, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("startTip")
        self._labels = labels  # () -> (the quick start's menu label, the shortcut list's)
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.show_again = QCheckBox(self)
        self.show_again.setChecked(show_again)
        self.quickstart_button = QPushButton(self)
        self.close_button = QPushButton(self)
        self.close_button.setDefault(True)
        self.quickstart_button.clicked.connect(self.accept)
        self.close_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.show_again)
        row.addStretch(1)
        row.addWidget(self.quickstart_button)
        row.addWidget(self.close_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.text)
        lay.addLayout(row)
        self.setMinimumWidth(460)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Welcome to Yearbook Editor"))
        self.text.setText(self.tr(
            "On the left is the outline of the volume, in the middle the extracted source, on the right the "
            "corrected text of the selected node, which you edit in place. Every change is saved by itself as a "
            "revision and can be undone.\n\nNew here? %1 shows the day's work in a few short pages; %2 lists "
            "every key.").replace("%1", self._labels()[0]).replace("%2", self._labels()[1]))
        self.show_again.setText(self.tr("Show this tip at start"))
        self.quickstart_button.setText(self.tr("Open Quick Start"))
        self.close_button.setText(self.tr("Close"))
