"""Desktop app benchmarks on a shared volume (default 000), offscreen.

    python benchmarks/bench_gui.py [--volume 000] [--runs 3]

Imports the volume once into a scratch store, then runs each measurement in a fresh process
(so start-up and peak memory are real): open the stored volume and show the first entry;
switching entries (median over many); a keystroke in an entry of about 5,000 characters
(median; the pause-save of the typed text is timed apart); peak memory. Prints a Markdown
table with the targets.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
TARGETS = {"open": 1.0, "switch": 30.0, "key": 10.0, "memory": 400.0}


def child(db: str) -> dict:
    started = time.perf_counter()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from yearbook_editor.gui import main_window  # noqa: F401 - module loading is start-up, timed apart
    from yearbook_editor.gui.app import create_window, ensure_app, make_settings, setup_app

    app = ensure_app()
    setup_app(app, "zh_CN")
    settings = make_settings(Path(db).with_suffix(".ini"))
    t0 = time.perf_counter()
    window = create_window(db, settings, "zh_CN", author="bench", sample_if_empty=False)
    window.resize(1440, 900)
    window.show()
    app.processEvents()
    open_s = time.perf_counter() - t0
    startup_s = time.perf_counter() - started
    assert window.editor.toPlainText(), "no entry shown"

    session, store = window.session, window.session.store
    entries = [n.id for n in window.outline.model.nodes() if n.kind == "entry"]
    step = max(1, len(entries) // 300)
    times = []
    for node_id in entries[::step]:
        t = time.perf_counter()
        session.select_node(node_id, None)
        app.processEvents()
        times.append((time.perf_counter() - t) * 1000)

    sizes = store.query(
        "SELECT node_id, sum(length(text)) AS n FROM blocks WHERE deleted = 0 AND kind != 'noise'"
        " AND node_id IN (SELECT id FROM nodes WHERE kind = 'entry') GROUP BY node_id"
    )
    target = min((r for r in sizes if r["n"] >= 5000), key=lambda r: r["n"])
    session.select_node(target["node_id"], None)
    app.processEvents()
    editor = window.editor
    seg = max((s for s in editor.segments() if s.editable), key=lambda s: s.length)
    c = editor.textCursor()
    c.setPosition(seg.start + seg.length // 2)
    editor.setTextCursor(c)
    editor.setFocus()
    app.processEvents()
    keys = []
    for n in range(60):
        ch = "甲乙丙丁"[n % 4]
        t = time.perf_counter()
        QApplication.sendEvent(editor, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier,
                                                 ch))
        QApplication.sendEvent(editor, QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_A,
                                                 Qt.KeyboardModifier.NoModifier, ch))
        editor.viewport().repaint()
        keys.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    editor.flush()
    save_ms = (time.perf_counter() - t) * 1000
    memory = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.close()
    session.close()
    return {
        "open": open_s,
        "startup": startup_s,
        "switch": statistics.median(times),
        "switch_max": max(times),
        "switch_n": len(times),
        "key": statistics.median(keys),
        "key_max": max(keys),
        "entry_chars": target["n"],
        "save_ms": save_ms,
        "memory": memory,
    }


def make_long_entry(store, volume_id: int, chars: int = 5000) -> None:
    """Make sure an entry of at least ``chars`` characters exists: the volume's longest entry
    is lengthened (a revision in the scratch store) by repeating its own longest paragraph."""
    from yearbook_editor.core.edits import SetBlockText, apply_edit

    rows = store.query(
        "SELECT node_id, sum(length(text)) AS n FROM blocks WHERE volume_id = ? AND deleted = 0 AND kind != 'noise'"
        " AND node_id IN (SELECT id FROM nodes WHERE kind = 'entry') GROUP BY node_id ORDER BY n DESC LIMIT 1",
        (volume_id,),
    )
    node_id, total = rows[0]["node_id"], rows[0]["n"]
    if total >= chars:
        return
    block = store.query("SELECT id, text FROM blocks WHERE node_id = ? AND kind = 'paragraph' AND deleted = 0"
                        " ORDER BY length(text) DESC LIMIT 1", (node_id,))[0]
    needed = chars - total
    text = block["text"] + (block["text"] * (needed // len(block["text"]) + 1))[:needed]
    apply_edit(store, SetBlockText(block["id"], text), author="bench", reason="benchmark: a 5,000-character entry")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--volume", default="000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--child", metavar="DB", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return 0
    source = next(SEEDS.glob(f"{args.volume}_*.txt"), None)
    if source is None:
        print(f"shared volume {args.volume} not found under {SEEDS}", file=sys.stderr)
        return 1
    from yearbook_editor.core.store import Store
    from yearbook_editor.core.volumes import import_file

    with tempfile.TemporaryDirectory(prefix="bench-gui-") as tmp:
        db = Path(tmp) / "bench.db"
        with Store(db) as store:
            vid = import_file(store, source, author="bench").volume_id
            make_long_entry(store, vid)
        results = []
        for _ in range(args.runs):
            out = subprocess.run([sys.executable, __file__, "--child", str(db)], capture_output=True, text=True,
                                 check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    med = {k: statistics.median(r[k] for r in results) for k in results[0]}
    print(f"Volume {args.volume}, median of {args.runs} fresh processes (offscreen, {os.cpu_count()} CPUs):\n")
    print("| measure | result | target |")
    print("|---|---:|---:|")
    print(f"| open the stored volume and show the first entry (s) | {med['open']:.2f} | <= {TARGETS['open']} |")
    print(f"| start the process and show the first entry, Python and Qt loading included (s) | "
          f"{med['startup']:.2f} | – |")
    print(f"| switching entries, median of {int(med['switch_n'])} (ms) | {med['switch']:.1f} "
          f"(max {med['switch_max']:.0f}) | <= {TARGETS['switch']:.0f} |")
    print(f"| keystroke in a {int(med['entry_chars']):,}-character entry, median (ms) | {med['key']:.2f} "
          f"(max {med['key_max']:.1f}) | <= {TARGETS['key']:.0f} |")
    print(f"| saving the typed text after the pause, one revision (ms) | {med['save_ms']:.1f} | – |")
    print(f"| peak memory (MB) | {med['memory']:.0f} | <= {TARGETS['memory']:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
