"""Icons stay sharp at 125-200 % display scaling (issue 18, item 7): every drawn icon holds a
pixmap made at each device size, and the app icon has every rendered size of its drawing, so
Qt never stretches a 16 px pixmap."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor

from yearbook_editor.gui import assets


@pytest.mark.parametrize("make", [lambda: assets.status_icon("unreviewed"), lambda: assets.status_icon("checked"),
                                  lambda: assets.status_icon("approved"), assets.uncertain_icon])
def test_drawn_icons_are_drawn_at_every_scaling(qapp, make):
    icon = make()
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    # 16 px at 100, 125, 150, 200 and 300 %
    assert {(16, 16), (20, 20), (24, 24), (32, 32), (48, 48)} <= sizes
    for px in (16, 24, 32):
        image = icon.pixmap(QSize(px, px)).toImage()
        assert (image.width(), image.height()) == (px, px)
        # drawn, not a transparent square: some pixels are (nearly) opaque
        assert sum(image.pixelColor(x, y).alpha() > 150 for x in range(px) for y in range(px)) >= px


def test_a_larger_status_icon_is_drawn_finer_not_scaled(qapp):
    """The 32 px dot is drawn at 32 px: its edge has as many partly covered pixels as a circle
    of that size, where a 16 px pixmap blown up would show blocks of two by two."""
    small = assets.status_icon("checked").pixmap(QSize(16, 16)).toImage()
    large = assets.status_icon("checked").pixmap(QSize(32, 32)).toImage()
    row = [large.pixelColor(x, 16).alpha() for x in range(32)]
    pairs_equal = all(row[i] == row[i + 1] for i in range(0, 32, 2))
    assert not pairs_equal
    assert QColor(small.pixelColor(8, 8)).name() == QColor(assets.STATUS_COLORS["checked"]).name()


def test_app_icon_has_every_rendered_size(qapp):
    icon = assets.app_icon()
    sizes = {s.width() for s in icon.availableSizes()}
    assert {16, 20, 24, 32, 40, 48, 64, 128, 256, 512} <= sizes
    for px in (16, 20, 24, 32, 40, 48):
        image = icon.pixmap(QSize(px, px)).toImage()
        assert image.width() == px
        assert image.pixelColor(px // 2, px // 2).alpha() == 255  # the page in the middle: opaque
