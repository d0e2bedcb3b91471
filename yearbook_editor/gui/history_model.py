"""The history as a tree: one row per step the editor took (合并段落, 添加标签“人口”, 填写空缺 …),
newest first, each opening onto the raw revisions it wrote (field, old → new) for those who
want them. The steps and their label keys come from the core (``core.edits.steps``); the
words are here, in the "History" context."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from ..core.edits import Step
from .outline_model import kind_label, status_label
from .plain import NAME, plain_tooltip, visible
from .session import reason_label

#: a step's label key (core.edits.STEP_LABELS) → the words of the history ("%1": tag, kind or status)
STEP_WORDS = {
    "Merge paragraphs": QT_TRANSLATE_NOOP("History", "Merge paragraphs"),
    "Split paragraph": QT_TRANSLATE_NOOP("History", "Split paragraph"),
    "Move block": QT_TRANSLATE_NOOP("History", "Move paragraph"),
    "Confirm break": QT_TRANSLATE_NOOP("History", "Confirm paragraph break"),
    "Restore as text": QT_TRANSLATE_NOOP("History", "Restore as text"),
    "Mark as furniture": QT_TRANSLATE_NOOP("History", "Mark as running header or page number"),
    "Make heading": QT_TRANSLATE_NOOP("History", "Make heading (%1)"),
    "Make entry title": QT_TRANSLATE_NOOP("History", "Make entry title"),
    "Make paragraph": QT_TRANSLATE_NOOP("History", "Make heading into text"),
    "Change heading level": QT_TRANSLATE_NOOP("History", "Change heading level"),
    "Set review status": QT_TRANSLATE_NOOP("History", "Set review status to “%1”"),
    "Tag “%1”": QT_TRANSLATE_NOOP("History", "Add tag “%1”"),
    "Remove tag “%1”": QT_TRANSLATE_NOOP("History", "Remove tag “%1”"),
    "Edit text": QT_TRANSLATE_NOOP("History", "Edit text"),
    "Fill a blank": QT_TRANSLATE_NOOP("History", "Fill a blank"),
    "Fix": QT_TRANSLATE_NOOP("History", "Fix from the checks"),
    "Fix all like this": QT_TRANSLATE_NOOP("History", "Fix all like this from the checks"),
    "Replace": QT_TRANSLATE_NOOP("History", "Replace"),
    "Replace all": QT_TRANSLATE_NOOP("History", "Replace all"),
    "Restore an earlier version": QT_TRANSLATE_NOOP("History", "Restore an earlier version"),
    "Several changes": QT_TRANSLATE_NOOP("History", "Several changes"),
}
MODE_WORDS = {
    "undo": QT_TRANSLATE_NOOP("History", "Undo: %1"),
    "redo": QT_TRANSLATE_NOOP("History", "Redo: %1"),
    "restore": QT_TRANSLATE_NOOP("History", "Restore: %1"),
}
FIELD_WORDS = {
    "text": QT_TRANSLATE_NOOP("History", "text"),
    "kind": QT_TRANSLATE_NOOP("History", "kind"),
    "status": QT_TRANSLATE_NOOP("History", "review status"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("History", text)


def field_label(field: str) -> str:
    return _tr(FIELD_WORDS[field]) if field in FIELD_WORDS else field


def value_label(field: str, value) -> str:
    if value is None:
        return ""
    if field == "status":
        return status_label(value)
    return str(value)


def step_words(step: Step) -> str:
    """What the editor did, in words: 合并段落, 添加标签“人口”, 设为标题（分目）, 撤销：合并段落 …"""
    words = _tr(STEP_WORDS.get(step.label, step.label))
    arg = step.arg
    if step.label == "Make heading":
        arg = kind_label(arg)
    elif step.label == "Set review status":
        arg = status_label(arg)
    words = words.replace("%1", visible(arg, NAME, one_line=True))
    if step.mode in MODE_WORDS:
        words = _tr(MODE_WORDS[step.mode]).replace("%1", words)
    texts = step.text_changes()
    if len(texts) == 1 and len(step.revisions) == 1:  # a text edit: the characters it changed
        words += QCoreApplication.translate("History", ": %1").replace("%1", changed_part(texts[0]["old_value"], texts[0]["new_value"]))
    return words


def changed_part(old: str | None, new: str | None, width: int = 16) -> str:
    """The changed characters of a text: “new” (added), “old” → “new”, or 删去“old”; each cut to ``width``."""
    old, new = old or "", new or ""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[len(old) - 1 - end] == new[len(new) - 1 - end]:
        end += 1

    def cut(s: str) -> str:
        s = visible(s.strip(), NAME, one_line=True)
        return s if len(s) <= width else s[: width - 1] + "…"

    gone, came = cut(old[start:len(old) - end]), cut(new[start:len(new) - end])
    if not gone:
        return f"“{came}”"
    if not came:
        return QCoreApplication.translate("History", "delete “%1”").replace("%1", gone)
    return f"“{gone}” → “{came}”"


def when(created_at: str) -> str:
    dt = QDateTime.fromString(created_at, Qt.DateFormat.ISODateWithMs)
    if not dt.isValid():
        return created_at
    return dt.toLocalTime().toString("yyyy-MM-dd HH:mm:ss")


def raw_change(r: dict) -> str:
    """A revision as stored: what it changed (block or node and field), old → new."""
    if r["target"] == "block":
        target = QCoreApplication.translate("History", "paragraph %1")
    else:
        target = QCoreApplication.translate("History", "node %1")
    old = visible(value_label(r["field"], r["old_value"]), one_line=True)
    new = visible(value_label(r["field"], r["new_value"]), one_line=True)
    def cut(s):
        return (s if len(s) <= 60 else s[:59] + "…")
    return f"{target.replace('%1', str(r['target_id']))} · {field_label(r['field'])}: {cut(old)} → {cut(new)}"


class StepsModel(QStandardItemModel):
    """Steps (newest first) with their revisions as children; four columns: when, who, what, why."""

    COLUMNS = 4

    def __init__(self, parent=None):
        super().__init__(0, self.COLUMNS, parent)
        self.steps: list[Step] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Why")])
        if self.steps:
            self.set_steps(list(reversed(self.steps)))

    def set_steps(self, steps: list[Step]) -> None:
        """``steps`` oldest first (as the core lists them); shown newest first."""
        self.steps = list(reversed(steps))
        self.removeRows(0, self.rowCount())
        for step in self.steps:
            row = self._row([when(step.created_at), step.author, step_words(step), reason_label(step.reason)],
                            f"#{step.id}  {step.created_at}")
            for r in step.revisions:
                row[0].appendRow(self._row(["", "", raw_change(r), f"#{r['id']}"], f"#{r['id']}  {r['created_at']}"))
            self.appendRow(row)

    def step_at(self, index) -> tuple[Step | None, dict | None]:
        """The step of a row, and the revision when the row is one of its revisions."""
        if not index.isValid():
            return None, None
        parent = index.parent()
        if parent.isValid():
            step = self.steps[parent.row()]
            return step, step.revisions[index.row()]
        return self.steps[index.row()], None

    @staticmethod
    def _row(texts: list[str], tip: str) -> list[QStandardItem]:
        items = []
        for text in texts:
            item = QStandardItem(visible(text, one_line=True))
            item.setEditable(False)
            item.setToolTip(plain_tooltip(tip))
            items.append(item)
        return items
