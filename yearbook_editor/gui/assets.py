"""Runtime files and small drawn icons, found relative to the package (no frozen-build paths)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

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


@cache
def status_icon(status: str) -> QIcon:
    """A dot: hollow grey = 未校, blue = 已校, green with a tick = 已审."""
    pm = _pixmap()
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = QColor(STATUS_COLORS.get(status, "#b0b0b0"))
    if status == "unreviewed":
        p.setPen(color)
        p.drawEllipse(QRectF(3, 3, 10, 10))
    else:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawEllipse(QRectF(2, 2, 12, 12))
        if status == "approved":
            pen = p.pen()
            p.setPen(QColor("white"))
            p.drawLine(5, 8, 7, 10)
            p.drawLine(7, 10, 11, 5)
            p.setPen(pen)
    p.end()
    return QIcon(pm)


@cache
def uncertain_icon() -> QIcon:
    """An amber badge with a question mark: a guess for the editor to confirm."""
    pm = _pixmap()
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#e8a317"))
    p.drawEllipse(QRectF(1, 1, 14, 14))
    p.setPen(QColor("white"))
    f = QFont()
    f.setBold(True)
    f.setPixelSize(11)
    p.setFont(f)
    p.drawText(QRectF(0, 0, 16, 16), int(Qt.AlignmentFlag.AlignCenter), "?")
    p.end()
    return QIcon(pm)


@cache
def app_icon() -> QIcon:
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
