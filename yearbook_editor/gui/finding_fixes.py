"""One finding's fixes: the menu (Fix / Fix all like this / Ignore or Reopen, the same in the
findings panel and the editor), the fix-all preview dialog, and the short texts both show."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMenu, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from ..core import checks
from .plain import action_text, visible


def code_label(code: str) -> str:
    return checks.CODE_LABELS.get(code, code)


def status_text(status: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return {
        "open": QCoreApplication.translate("Findings", "Open"),
        "fixed": QCoreApplication.translate("Findings", "Fixed"),
        "ignored": QCoreApplication.translate("Findings", "Ignored"),
    }.get(status, status)


def one_line(text: str) -> str:
    return visible(text, one_line=True)


def context_text(f: checks.Finding, width: int = 10) -> str:
    before, match, after = f.context(width)
    return one_line(f"{before}【{match}】{after}")


def finding_menu(parent, f: checks.Finding, on_fix, on_fix_all, on_status, on_ignore_all=None) -> QMenu:
    """Fix / Fix all like this / Ignore / Ignore all like this (or Reopen) for one finding: the same in the panel and the editor
    (texts in the ``Findings`` context, spelled out for lupdate)."""
    menu = QMenu(parent)
    menu.setToolTipsVisible(True)
    head = menu.addAction(action_text(f.message or code_label(f.code), 80))
    head.setEnabled(False)
    if f.status == "open" and (f.suggestion is not None or f.code == "punct.halfwidth_document"):
        old, new = one_line(f.matched), one_line(f.suggestion or "")
        if new:
            label = QCoreApplication.translate("Findings", "Fix: “%1” → “%2”").replace("%1", old).replace("%2", new)
        else:
            label = QCoreApplication.translate("Findings", "Fix: delete “%1”").replace("%1", old)
        if f.code == "punct.halfwidth_document":
            label = QCoreApplication.translate("Findings", "Fix: make the punctuation full-width")
        a = menu.addAction(action_text(label))
        a.setObjectName("fixFinding")
        a.triggered.connect(lambda: on_fix(f))
        if f.code != "punct.halfwidth_document":
            a = menu.addAction(QCoreApplication.translate("Findings", "Fix All Like This…"))
            a.setObjectName("fixAllLike")
            a.triggered.connect(lambda: on_fix_all(f))
    if f.status == "open":
        a = menu.addAction(QCoreApplication.translate("Findings", "Ignore (not an error)"))
        a.setObjectName("ignoreFinding")
        a.triggered.connect(lambda: on_status(f, "ignored"))
        if on_ignore_all is not None and f.matched:
            a = menu.addAction(QCoreApplication.translate("Findings", "Ignore All Like This"))
            a.setObjectName("ignoreAllLike")
            a.triggered.connect(lambda: on_ignore_all(f))
    else:
        a = menu.addAction(QCoreApplication.translate("Findings", "Reopen"))
        a.setObjectName("reopenFinding")
        a.triggered.connect(lambda: on_status(f, "open"))
    return menu


class FixAllDialog(QDialog):
    """Every place "fix all like this" would change, before anything is changed."""

    def __init__(self, finding: checks.Finding, batch, preview, parent=None):
        super().__init__(parent)
        self.setObjectName("fixAllDialog")
        self.batch, self.preview = batch, preview
        self.setWindowTitle(self.tr("Fix All Like This"))
        old, new = one_line(finding.matched), one_line(finding.suggestion or "")
        self.summary = QLabel(self.tr("Replace “%1” with “%2” in %3 places:").replace("%1", old)
                              .replace("%2", new).replace("%3", str(len(preview))), self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("fixAllPreview")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("Line"), self.tr("Before"), self.tr("Old"), self.tr("New"), self.tr("After")])
        for p in preview:
            item = QTreeWidgetItem([str(p.line), one_line(p.before), one_line(p.old), one_line(p.new),
                                    one_line(p.after)])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setForeground(2, QColor("#b03020"))
            item.setForeground(3, QColor("#2f7d32"))
            self.tree.addTopLevelItem(item)
        for c in range(5):
            self.tree.resizeColumnToContents(c)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Change %1 Places").replace("%1", str(len(preview))))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.buttons)
        self.resize(720, 420)
