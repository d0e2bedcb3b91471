"""GUI fixtures: a real main window over a fresh store, offscreen, with settings of its own."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file

from ..conftest import DATA


@pytest.fixture
def settings(tmp_path):
    from yearbook_editor.gui.app import make_settings

    s = make_settings(tmp_path / "settings.ini")
    # background work that starts by itself (checks of a never-checked volume, jieba, the search
    # index, the rolling backup) is off in most tests; the tests of those features turn it on
    s.setValue("background/auto", False)
    return s


@pytest.fixture
def make_window(qapp, qtbot, tmp_path, settings):
    """make_window(path=None, language='zh_CN') → a shown MainWindow over a store in tmp_path."""
    from yearbook_editor.gui import i18n
    from yearbook_editor.gui.app import create_window, ensure_app, setup_app

    ensure_app()
    windows = []

    def make(db=None, language="zh_CN", sample_if_empty=True):
        setup_app(qapp, language)
        w = create_window(db or tmp_path / "store.db", settings, language, author="测试编辑",
                          sample_if_empty=sample_if_empty)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        _release_modifiers(qtbot, w)
        windows.append(w)
        return w

    yield make
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(20000)  # no background job outlives its window
    qapp.processEvents()
    i18n.install_translators(qapp, "zh_CN")
    for w in windows:
        w.close()
    qapp.processEvents()
    for w in windows:
        w.session.close()


def _release_modifiers(qtbot, widget) -> None:
    """QTest's keyClick with a modifier leaves it "held" in QGuiApplication.keyboardModifiers()
    for the rest of the process (so a later setCurrentIndex would extend a selection)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    for mod, key in ((Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Shift),
                     (Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Control),
                     (Qt.KeyboardModifier.AltModifier, Qt.Key.Key_Alt)):
        if QGuiApplication.keyboardModifiers() & mod:
            qtbot.keyRelease(widget, key)


@pytest.fixture
def window(make_window):
    """The window on first start: the bundled sample volume is open."""
    return make_window()


@pytest.fixture
def small_window(make_window, tmp_path):
    """A window over tests/data/small_volume.txt."""
    db = tmp_path / "small.db"
    with Store(db) as s:
        import_file(s, DATA / "small_volume.txt")
    return make_window(db)


def node_by_title(window, title: str, kind: str | None = None):
    for n in window.outline.model.nodes():
        if n.title == title and (kind is None or n.kind == kind):
            return n
    raise AssertionError(f"no node titled {title!r}")


def select(window, title: str, kind: str | None = None):
    """Select a node the way an editor does: click it in the outline tree."""
    node = node_by_title(window, title, kind)
    tree = window.outline.tree
    idx = window.outline.proxy.mapFromSource(window.outline.model.index_for(node.id))
    tree.scrollTo(idx)
    tree.setCurrentIndex(idx)
    assert window.session.node_id == node.id
    return node


def type_text(editor, text: str) -> None:
    """Type Chinese text at the cursor through the input method, as an IME would commit it."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        ev = QInputMethodEvent()
        ev.setCommitString(ch)
        QApplication.sendEvent(editor, ev)
