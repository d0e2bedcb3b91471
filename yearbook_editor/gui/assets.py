"""Runtime files and small drawn icons, found relative to the package (no frozen-build paths)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

PACKAGE = Path(__file__).resolve().parent.parent
RESOURCES = PACKAGE / "resources"
I18N = RESOURCES / "i18n"
ICONS = RESOURCES / "icons"

STATUS_COLORS = {"unreviewed": "#b0b0b0", "checked": "#3b82c4", "approved": "#2e9d4f"}


def asset_path(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)


def _pixmap(size: int = 16) -> QPixmap:
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    return pm


#: Pixel sizes each drawn icon is made in: 16 px at 100, 125, 150, 200 and 300 % display scaling
#: (one 16 px pixmap was stretched, and blurred, at 150 %).
DRAWN_SIZES = (16, 20, 24, 32, 48)


def _drawn_icon(draw) -> QIcon:
    """A QIcon drawn at each of DRAWN_SIZES by ``draw(painter)`` on a 16-unit grid."""
    icon = QIcon()
    for size in DRAWN_SIZES:
        pm = _pixmap(size)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.scale(size / 16, size / 16)
        draw(p)
        p.end()
        icon.addPixmap(pm)
    return icon


@cache
def status_icon(status: str) -> QIcon:
    """A dot: hollow grey = 未校, blue = 已校, green with a tick = 已审."""
    color = QColor(STATUS_COLORS.get(status, "#b0b0b0"))

    def draw(p: QPainter) -> None:
        if status == "unreviewed":
            pen = QPen(color)
            pen.setWidthF(1.2)
            p.setPen(pen)
            p.drawEllipse(QRectF(3, 3, 10, 10))
            return
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawEllipse(QRectF(2, 2, 12, 12))
        if status == "approved":
            pen = QPen(QColor("white"))
            pen.setWidthF(1.5)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            p.setPen(pen)
            p.drawPolyline([QPointF(5, 8), QPointF(7, 10), QPointF(11, 5.5)])

    return _drawn_icon(draw)


@cache
def uncertain_icon() -> QIcon:
    """An amber badge with a question mark: a guess for the editor to confirm."""

    def draw(p: QPainter) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#e8a317"))
        p.drawEllipse(QRectF(1, 1, 14, 14))
        p.setPen(QColor("white"))
        f = QFont()
        f.setBold(True)
        f.setPixelSize(11)
        p.setFont(f)
        p.drawText(QRectF(0, 0, 16, 16), int(Qt.AlignmentFlag.AlignCenter), "?")

    return _drawn_icon(draw)


@cache
def app_icon() -> QIcon:
    """The app icon in every size rendered from its drawings (resources/make_icons.py), so title
    bars, task bars and docks get an exact size at any display scaling; the SVG if they are missing."""
    icon = QIcon()
    for png in sorted(ICONS.glob("app-*.png")):
        icon.addFile(str(png))
    if not icon.isNull():
        return icon
    svg = ICONS / "yearbook_editor.svg"
    if svg.exists():
        icon = QIcon(str(svg))
        if not icon.isNull():
            return icon
    pm = _pixmap(64)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#8c2f1b"))
    p.drawRoundedRect(QRectF(4, 4, 56, 56), 8, 8)
    p.setPen(QColor("white"))
    f = QFont()
    f.setPixelSize(36)
    f.setBold(True)
    p.setFont(f)
    p.drawText(QRectF(4, 4, 56, 56), int(Qt.AlignmentFlag.AlignCenter), "鉴")
    p.end()
    return QIcon(pm)
