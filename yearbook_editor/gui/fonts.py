"""CJK fonts chosen explicitly, so Chinese renders with Chinese (not Japanese) glyph shapes.

Han characters are shared between Chinese and Japanese in Unicode; a system left to choose
may pick a Japanese font and draw e.g. 直 or 骨 the Japanese way. Naming a Simplified Chinese
font first (with fallbacks) per platform avoids that.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont, QFontDatabase

SANS = {
    "win32": ["Microsoft YaHei UI", "Microsoft YaHei", "DengXian", "SimHei", "SimSun"],
    "darwin": ["PingFang SC", "Hiragino Sans GB", "Heiti SC", "STHeiti"],
    "linux": ["Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei",
              "WenQuanYi Zen Hei", "Droid Sans Fallback"],
}
SERIF = {
    "win32": ["SimSun", "NSimSun", "Microsoft YaHei"],
    "darwin": ["Songti SC", "STSong", "PingFang SC"],
    "linux": ["Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "AR PL UMing CN",
              "Noto Sans CJK SC", "WenQuanYi Micro Hei"],
}
MONO = {
    "win32": ["Consolas", "Microsoft YaHei", "SimSun"],
    "darwin": ["Menlo", "PingFang SC"],
    "linux": ["Noto Sans Mono CJK SC", "DejaVu Sans Mono", "Noto Sans CJK SC", "WenQuanYi Micro Hei Mono"],
}


def _platform() -> str:
    if sys.platform.startswith("win"):
        return "win32"
    if sys.platform == "darwin":
        return "darwin"
    return "linux"


def families(kind: str = "sans") -> list[str]:
    """Installed families of the platform's list first, then the rest of the list (so the
    font still applies when installed later)."""
    table = {"sans": SANS, "serif": SERIF, "mono": MONO}[kind][_platform()]
    installed = set(QFontDatabase.families())
    return [f for f in table if f in installed] + [f for f in table if f not in installed]


def make_font(kind: str = "sans", point_size: float | None = None) -> QFont:
    font = QFont()
    font.setFamilies(families(kind))
    if kind == "mono":
        font.setStyleHint(QFont.StyleHint.TypeWriter)
    if point_size:
        font.setPointSizeF(point_size)
    return font


def apply_ui_font(app) -> None:
    font = make_font("sans", app.font().pointSizeF() if app.font().pointSizeF() > 0 else 10)
    app.setFont(font)
