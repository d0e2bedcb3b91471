"""帮助 ▸ 颜色说明: what every colour and mark of the panes means.

Each sample is drawn from the very constants the panes paint with (the source pane's band,
dimming and page-break rule, the editor's uncertain background, furniture and finding
underline, the outline's status dots, uncertain badge and tag colours, the findings list's
status colours), so the legend cannot drift from what the editor sees.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from ..core import tags as core_tags
from . import assets, fonts
from .editor_findings import FINDING_COLOR
from .finding_fixes import status_text
from .findings_model import STATUS_COLORS as FINDING_STATUS_COLORS
from .node_editor import NOISE_COLOR, UNCERTAIN_BACKGROUND
from .source_view import DIM, DIM_BACKGROUND, HIGHLIGHT, HIGHLIGHT_BAR, PAGE_BREAK

SAMPLE_SIZE = (132, 24)


@dataclass(frozen=True)
class LegendEntry:
    pane: str  # "source", "editor", "outline", "findings"
    colors: tuple[QColor, ...]  # the painter's constants this sample shows
    draw: Callable[[QPainter, QRect], None]
    text: str


def _sample_text(p: QPainter, r: QRect, color: QColor, text: str = "示例文字", strike: bool = False) -> None:
    f = fonts.make_font("serif", 10)
    f.setStrikeOut(strike)
    p.setFont(f)
    p.setPen(color)
    p.drawText(r.adjusted(6, 0, 0, 0), int(Qt.AlignmentFlag.AlignVCenter), text)


def _band(p: QPainter, r: QRect) -> None:
    p.fillRect(r, HIGHLIGHT)
    p.fillRect(QRect(r.left(), r.top(), 4, r.height()), HIGHLIGHT_BAR)
    _sample_text(p, r, QColor("#202020"))


def _dimmed(p: QPainter, r: QRect) -> None:
    p.fillRect(r, DIM_BACKGROUND)
    _sample_text(p, r, DIM, "- 8 -　〔页码〕")


def _page_break(p: QPainter, r: QRect) -> None:
    p.setPen(QPen(PAGE_BREAK, 1, Qt.PenStyle.DashLine))
    y = r.center().y()
    p.drawLine(r.left() + 2, y, r.right() - 2, y)


def _uncertain_paragraph(p: QPainter, r: QRect) -> None:
    p.fillRect(r, UNCERTAIN_BACKGROUND)
    _sample_text(p, r, QColor("#202020"))


def _noise(p: QPainter, r: QRect) -> None:
    _sample_text(p, r, NOISE_COLOR, "河西区年鉴", strike=True)


def _finding(p: QPainter, r: QRect) -> None:
    _sample_text(p, r, QColor("#202020"), "证劵市场")
    p.setPen(QPen(FINDING_COLOR, 1.2))
    y, x = r.center().y() + 9, r.left() + 6
    while x < r.left() + 70:  # a wave like Qt's spell-check underline
        p.drawLine(x, y, x + 2, y - 2)
        p.drawLine(x + 2, y - 2, x + 4, y)
        x += 4


def _icon(icon) -> Callable[[QPainter, QRect], None]:
    def draw(p: QPainter, r: QRect) -> None:
        p.drawPixmap(r.left() + 4, r.top() + (r.height() - 16) // 2, icon.pixmap(16, 16))

    return draw


def _chip(color: QColor, name: str) -> Callable[[QPainter, QRect], None]:
    def draw(p: QPainter, r: QRect) -> None:  # as the outline and the editor's header draw tag chips
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color.lighter(170))
        p.drawRoundedRect(QRect(r.left() + 4, r.top() + 3, 70, r.height() - 6), 4, 4)
        p.setPen(color.darker(150))
        p.drawText(QRect(r.left() + 4, r.top(), 70, r.height()), int(Qt.AlignmentFlag.AlignCenter), name)

    return draw


def _status_text(color: QColor, text: str) -> Callable[[QPainter, QRect], None]:
    return lambda p, r: _sample_text(p, r, color, text)


def sample_pixmap(entry: LegendEntry) -> QPixmap:
    pm = QPixmap(*SAMPLE_SIZE)
    pm.fill(QColor("white"))
    p = QPainter(pm)
    entry.draw(p, QRect(0, 0, *SAMPLE_SIZE))
    p.end()
    return pm


class LegendDialog(QDialog):
    """The legend: one group per pane, a drawn sample and its meaning per row."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("legendDialog")
        self._lay = QVBoxLayout(self)
        self._body: QWidget | None = None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        self._buttons = buttons
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Colour Legend"))
        if self._body is not None:
            self._body.deleteLater()
        self._body = QWidget(self)
        body = QVBoxLayout(self._body)
        body.setContentsMargins(0, 0, 0, 0)
        titles = {"source": self.tr("Source pane"), "editor": self.tr("Corrected text"),
                  "outline": self.tr("Outline"), "findings": self.tr("Findings list")}
        self.entries = self.source_entries() + self.editor_entries() + self.outline_entries() + self.findings_entries()
        for pane, title in titles.items():
            box = QGroupBox(title, self._body)
            grid = QGridLayout(box)
            for row, entry in enumerate(e for e in self.entries if e.pane == pane):
                sample = QLabel(box)
                sample.setPixmap(sample_pixmap(entry))
                text = QLabel(entry.text, box)
                text.setTextFormat(Qt.TextFormat.PlainText)
                text.setWordWrap(True)
                grid.addWidget(sample, row, 0)
                grid.addWidget(text, row, 1)
            grid.setColumnStretch(1, 1)
            body.addWidget(box)
        self._lay.insertWidget(0, self._body)
        if self._lay.indexOf(self._buttons) < 0:
            self._lay.addWidget(self._buttons)

    # -- the entries, each built from the painter's own constants ---------------------------------

    def source_entries(self) -> list[LegendEntry]:
        return [
            LegendEntry("source", (HIGHLIGHT, HIGHLIGHT_BAR), _band,
                        self.tr("Yellow band and bar: the lines of the node selected in the outline")),
            LegendEntry("source", (DIM, DIM_BACKGROUND), _dimmed,
                        self.tr("Grey on grey, labelled at the right: page furniture (page number, running header, "
                                "web address …), kept in the source and left out of exports")),
            LegendEntry("source", (PAGE_BREAK,), _page_break, self.tr("Dashed blue rule: a page break")),
        ]

    def editor_entries(self) -> list[LegendEntry]:
        return [
            LegendEntry("editor", (UNCERTAIN_BACKGROUND,), _uncertain_paragraph,
                        self.tr("Pale yellow paragraph: a break or heading the program was unsure of; confirm it or "
                                "fix it")),
            LegendEntry("editor", (NOISE_COLOR,), _noise,
                        self.tr("Small grey struck-through text: page furniture inside the node, read-only, not "
                                "exported")),
            LegendEntry("editor", (FINDING_COLOR,), _finding,
                        self.tr("Red wavy underline: a finding of the checks; right-click to fix it")),
        ]

    def outline_entries(self) -> list[LegendEntry]:
        meaning = {"unreviewed": self.tr("Hollow grey dot: not yet reviewed"),
                   "checked": self.tr("Blue dot: checked"), "approved": self.tr("Green dot with a tick: approved")}
        entries = [LegendEntry("outline", (QColor(color),), _icon(assets.status_icon(status)), meaning[status])
                   for status, color in assets.STATUS_COLORS.items()]
        entries.append(LegendEntry("outline", (), _icon(assets.uncertain_icon()),
                                   self.tr("Amber question mark: a heading or level the program guessed; check it")))
        for name, color in core_tags.GROUPS.values():
            entries.append(LegendEntry("outline", (QColor(color),), _chip(QColor(color), name),
                                       self.tr("Tag chip in this colour: a tag of the group %1").replace("%1", name)))
        return entries

    def findings_entries(self) -> list[LegendEntry]:
        meaning = {"open": self.tr("Red: a finding still to be dealt with"), "fixed": self.tr("Green: fixed"),
                   "ignored": self.tr("Grey: ignored on purpose")}
        return [LegendEntry("findings", (QColor(color),), _status_text(QColor(color), status_text(key)),
                            meaning.get(key, status_text(key)))
                for key, color in FINDING_STATUS_COLORS.items()]
