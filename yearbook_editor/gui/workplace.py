"""The window on a laptop screen, and the editor's place, remembered.

* :func:`arrange_docks` — the docks share one area as tabs (find, checks, tags, search … at the
  bottom), each dock's content in a scroll area, so opening one never grows the window and the
  window can be about 1000 px wide: a dock shrinks and scrolls instead of setting a minimum.
* :func:`fit_to_screen` — a window (new or restored) never larger than the screen it is on.
* :class:`LayoutMemory` — geometry, dock state (``saveState``/``restoreState`` with
  :data:`LAYOUT_VERSION`: a state saved by another arrangement of the docks is not restored) and
  the splitter.
* :class:`PlaceMemory` — per store file and volume: the node shown and the scroll positions of
  the outline, the source, the editor and the findings list; reopening the store comes back there.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QSize, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea, QTabWidget, QWidget

#: raise when the docks' arrangement changes (an older saved state is then ignored)
LAYOUT_VERSION = 2
#: the window's first size (before anything was remembered), at most the screen's
DEFAULT_SIZE = (1400, 860)
#: the splitter's first proportions (outline, source, editor)
DEFAULT_SPLIT = (0.23, 0.38, 0.39)


#: the height a dock asks for when it opens: this share of the window's height, at least
#: DOCK_HEIGHT (the panes above keep the rest; on a 768-pixel screen the findings list shows 8 rows)
DOCK_SHARE = 0.34
DOCK_HEIGHT = 230


class _DockScroll(QScrollArea):
    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        return QSize(hint.width(), max(DOCK_HEIGHT, int(self.window().height() * DOCK_SHARE)))


def shrinkable(widget: QWidget) -> QScrollArea:
    """The widget in a frameless scroll area: it scrolls rather than setting a minimum size, and
    asks for :data:`DOCK_SHARE` of the window's height."""
    area = _DockScroll()
    area.setObjectName(widget.objectName() + "Scroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


def arrange_docks(window: QMainWindow, docks: list[QDockWidget], area=Qt.DockWidgetArea.BottomDockWidgetArea) -> None:
    """Every dock in one area, tabified in the given order, hidden until asked for; tabs on top."""
    window.setDockOptions(window.dockOptions() | QMainWindow.DockOption.AllowTabbedDocks
                          | QMainWindow.DockOption.GroupedDragging)
    window.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, QTabWidget.TabPosition.North)
    first = None
    for dock in docks:
        if dock.widget() is not None and not isinstance(dock.widget(), QScrollArea):
            dock.setWidget(shrinkable(dock.widget()))
        window.addDockWidget(area, dock)
        if first is None:
            first = dock
        else:
            window.tabifyDockWidget(first, dock)
        dock.hide()


def show_dock(window: QMainWindow, splitter, dock: QDockWidget) -> None:
    """Open a dock (the current tab of its area); a dock on the right takes its room from the
    source pane, not the outline."""
    dock.show()
    dock.raise_()
    if window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea:
        sizes = splitter.sizes()
        if len(sizes) == 3 and sizes[0] < 340 and sizes[1] > 400:
            d = min(340 - sizes[0], sizes[1] - 400)
            splitter.setSizes([sizes[0] + d, sizes[1] - d, sizes[2]])


def fit_to_screen(window: QWidget, size: tuple[int, int] | None = None) -> None:
    """Resize (to ``size``, else the current size) so that the window and its frame fit its screen's
    free area."""
    screen = window.screen()
    w, h = size or (window.width(), window.height())
    if screen is not None:
        free = screen.availableGeometry()
        fw, fh = window.frameGeometry().width() - window.width(), window.frameGeometry().height() - window.height()
        w, h = min(w, free.width() - fw), min(h, free.height() - fh)
        window.resize(w, h)
        frame = window.frameGeometry()
        if not free.contains(frame):
            x = min(max(frame.x(), free.x()), free.right() - frame.width() + 1)
            y = min(max(frame.y(), free.y()), free.bottom() - frame.height() + 1)
            window.move(max(x, free.x()), max(y, free.y()))
    else:
        window.resize(w, h)


class LayoutMemory(QObject):
    """The window's geometry, dock state and splitter, in the settings."""

    def __init__(self, window: QMainWindow, splitter, settings: QSettings):
        super().__init__(window)
        self.window, self.splitter, self.settings = window, splitter, settings
        window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.window and event.type() == QEvent.Type.Show:
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, lambda: fit_to_screen(self.window))  # now the frame's size is known
        return False

    def restore_window(self) -> None:
        geo = self.settings.value("window/geometry")
        if isinstance(geo, QByteArray) and not geo.isEmpty() and self.window.restoreGeometry(geo):
            fit_to_screen(self.window)
        else:
            fit_to_screen(self.window, DEFAULT_SIZE)
        version = self.settings.value("window/layout_version")
        state = self.settings.value("window/state")
        if str(version) == str(LAYOUT_VERSION) and isinstance(state, QByteArray) and not state.isEmpty():
            self.window.restoreState(state, LAYOUT_VERSION)

    def restore_splitter(self) -> None:
        """After the window has its size (or the panes are rescaled)."""
        split = self.settings.value("window/splitter")
        if isinstance(split, QByteArray) and not split.isEmpty() and self.splitter.restoreState(split):
            return
        total = max(1, sum(self.splitter.sizes()) or self.splitter.width())
        self.splitter.setSizes([int(total * p) for p in DEFAULT_SPLIT])

    def save(self) -> None:
        self.settings.setValue("window/geometry", self.window.saveGeometry())
        self.settings.setValue("window/state", self.window.saveState(LAYOUT_VERSION))
        self.settings.setValue("window/layout_version", LAYOUT_VERSION)
        self.settings.setValue("window/splitter", self.splitter.saveState())


class PlaceMemory:
    """Where the editor was in each volume of each store: the node and the panes' scroll positions.

    ``panes`` maps a name to a widget with a vertical scroll bar (an item view or a text edit)."""

    def __init__(self, settings: QSettings):
        self.settings = settings

    @staticmethod
    def key(store_path, volume_id: int) -> str:
        digest = hashlib.sha1(str(Path(store_path).resolve()).encode("utf-8")).hexdigest()[:16]
        return f"place/{digest}/{int(volume_id)}"

    def save(self, store_path, volume_id: int | None, node_id: int | None, panes: dict) -> None:
        if volume_id is None or node_id is None:
            return
        scrolls = {name: w.verticalScrollBar().value() for name, w in panes.items()}
        self.settings.setValue(self.key(store_path, volume_id), json.dumps({"node": node_id, "scroll": scrolls}))

    def load(self, store_path, volume_id: int) -> dict:
        """{"node": id, "scroll": {pane: value}}, or {} when nothing (or nothing readable) was kept."""
        try:
            place = json.loads(str(self.settings.value(self.key(store_path, volume_id), "") or "{}"))
            place["node"] = int(place["node"])
            place["scroll"] = {str(k): int(v) for k, v in dict(place.get("scroll", {})).items()}
            return place
        except (ValueError, KeyError, TypeError, AttributeError):
            return {}

    def saver(self, parent, save, delay_ms: int = 1000) -> QTimer:
        """A timer that calls ``save`` (then writes the settings to disk) a moment after it is
        started: started on every node chosen, so a crash or a kill keeps the place."""
        timer = QTimer(parent, singleShot=True, interval=delay_ms)
        timer.timeout.connect(lambda: (save(), self.settings.sync()))
        return timer

    @staticmethod
    def apply_scrolls(panes: dict, scrolls: dict) -> None:
        """Scroll the panes back once their contents are laid out (a text edit lays out lazily)."""

        def apply() -> None:
            for name, value in scrolls.items():
                w = panes.get(name)
                if w is not None:
                    bar = w.verticalScrollBar()
                    if hasattr(w, "document"):  # a text edit: its scroll range comes with the layout
                        w.document().documentLayout().documentSize()
                    bar.setValue(value)

        apply()
        QTimer.singleShot(0, apply)
