"""Volume 000 (46,000 source lines): opening a stored volume, switching and typing stay fast."""

from __future__ import annotations

import statistics
import time

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file

from ..conftest import seed_path


def test_volume_000_opens_switches_and_types_fast(make_window, tmp_path, qapp, monkeypatch):
    db = tmp_path / "000.db"
    with Store(db) as s:
        import_file(s, seed_path("000"))
    import yearbook_editor.core.volumes as volumes

    monkeypatch.setattr(volumes, "parse_text", lambda *a, **k: (_ for _ in ()).throw(AssertionError("re-parsed")))
    t0 = time.perf_counter()
    w = make_window(db)
    opened = time.perf_counter() - t0
    assert w.source.blockCount() > 46000
    assert w.editor.toPlainText().startswith("【")
    assert opened < 3.0  # the benchmark's target is 1.0 s; generous here for a loaded CI machine

    entries = [n.id for n in w.outline.model.nodes() if n.kind == "entry"][::25]
    times = []
    for node_id in entries:
        t = time.perf_counter()
        w.session.select_node(node_id, None)
        qapp.processEvents()
        times.append(time.perf_counter() - t)
    assert statistics.median(times) < 0.1

    longest = max(entries, key=lambda n: sum(len(b["text"]) for b in w.session.store.query(
        "SELECT text FROM blocks WHERE node_id = ? AND deleted = 0", (n,))))
    w.session.select_node(longest, None)
    seg = max((s for s in w.editor.segments() if s.editable), key=lambda s: s.length)
    c = w.editor.textCursor()
    c.setPosition(seg.start + seg.length // 2)
    w.editor.setTextCursor(c)
    keys = []
    for ch in "校对校对校对":
        t = time.perf_counter()
        QApplication.sendEvent(w.editor, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, ch))
        keys.append(time.perf_counter() - t)
    assert statistics.median(keys) < 0.05
    w.session.flush()
    assert "校对校对校对" in w.session.store.scalar("SELECT text FROM blocks WHERE id = ?", (seg.block_id,))
