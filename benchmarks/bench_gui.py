"""Desktop app benchmarks on a shared volume (default 000), offscreen.

    python benchmarks/bench_gui.py [--volume 000] [--runs 3]

Imports the volume once into a scratch store, then runs each measurement in a fresh process
(so start-up and peak memory are real): open the stored volume and show the first entry;
switching entries (median over many); a keystroke in an entry of about 5,000 characters
(median; the pause-save of the typed text is timed apart); peak memory. Prints a Markdown
table with the targets.

Then the app's tags and search (issue 6), each in fresh processes:
- start-up (create the window, show it, first paint) with jieba not loaded in the process
  (the app loads it in the background after the window is shown) and with jieba already
  loaded before start: start-up must be unchanged by jieba; also the longest stall of the
  event loop while jieba loads in the background;
- suggestions for one entry in the app (the tags panel filled), after jieba has loaded: <= 100 ms;
- search, first page in the app (the search panel's run(), results model filled) on the big
  store of benchmarks/bench_search.py (13 volumes): <= 50 ms.
``--skip-base`` leaves out the first table; ``--skip-features`` the second; ``--edits-only`` runs only
the edit rows below.

In the first table also (issue 16): a merge of two paragraphs, its undo and its redo, each until
the window has followed (outline, source, editor), without a filter and with one typed in the
outline's filter box (a title word that matches a few nodes, and the kind name 条目 that
matches every entry): <= 100 ms whatever the filter.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
TARGETS = {"open": 1.0, "switch": 30.0, "key": 10.0, "memory": 400.0, "suggest": 100.0, "search": 50.0,
           "edit": 100.0}
#: the outline filters the edit timings run under ('' = none)
EDIT_FILTERS = ("", "人口", "条目")


def _app(db: str, background: bool = True):
    """The app over ``db``; ``background=False``: no work starts by itself after the window is
    shown (checks, backup, search index, jieba), so a timing is not shared with it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from yearbook_editor.gui.app import create_window, ensure_app, make_settings, setup_app

    app = ensure_app()
    setup_app(app, "zh_CN")
    settings = make_settings(Path(db).with_suffix(f".{os.getpid()}.ini"))
    settings.setValue("background/auto", background)
    return app, settings, create_window


def child_startup(db: str, preload: bool) -> dict:
    """Start-up with (preload) or without jieba in the process; then the longest event-loop
    stall while the app loads jieba in the background (without preload)."""
    from yearbook_editor.core import suggest

    if preload:
        suggest.load_jieba(Path(tempfile.gettempdir()) / "yearbook-bench-jieba")
    from yearbook_editor.gui import main_window  # noqa: F401 - module loading timed apart, as above

    app, settings, create_window = _app(db)
    t0 = time.perf_counter()
    window = create_window(db, settings, "zh_CN", author="bench", sample_if_empty=False)
    window.resize(1440, 900)
    window.show()
    app.processEvents()
    startup = time.perf_counter() - t0
    loaded_at_show = suggest.jieba_loaded()
    gaps, last, deadline = [], time.perf_counter(), time.perf_counter() + 60
    while window.tags_ctl.suggester is None and time.perf_counter() < deadline:
        app.processEvents()
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
        time.sleep(0.005)
    ready = time.perf_counter() - t0
    from PySide6.QtCore import QThreadPool

    window.close()
    QThreadPool.globalInstance().waitForDone(30000)
    window.session.close()
    return {"startup": startup, "loaded_at_show": loaded_at_show, "max_stall_ms": max(gaps) * 1000 if gaps else 0,
            "ready": ready}


def child_suggest(db: str) -> dict:
    app, settings, create_window = _app(db, background=False)
    window = create_window(db, settings, "zh_CN", author="bench", sample_if_empty=False)
    window.show()
    app.processEvents()
    window.tags_ctl.show_tags()
    window.tags_ctl.start_jieba()
    deadline = time.perf_counter() + 120
    while window.tags_ctl.suggester is None and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    entries = [n.id for n in window.outline.model.nodes() if n.kind == "entry"]
    step = max(1, len(entries) // 200)
    times = []
    for node_id in entries[::step]:
        window.session.node_id = node_id  # select without the editor's reload: time the suggestions alone
        t = time.perf_counter()
        window.tags_ctl.update_suggestions()
        times.append((time.perf_counter() - t) * 1000)
    window.close()
    window.session.close()
    return {"suggest": statistics.median(times), "suggest_max": max(times), "suggest_n": len(times)}


def child_search(db: str) -> dict:
    from bench_search import QUERIES  # type: ignore[import-not-found]

    app, settings, create_window = _app(db, background=False)
    window = create_window(db, settings, "zh_CN", author="bench", sample_if_empty=False)
    window.show()
    app.processEvents()
    window.search_ctl.show_search()
    panel = window.search_panel
    rows = []
    for q in QUERIES:
        panel.query_edit.setText(q)
        times, painted = [], []
        for _ in range(10):
            t = time.perf_counter()
            panel.run()
            times.append((time.perf_counter() - t) * 1000)
            app.processEvents()  # the results list painted
            painted.append((time.perf_counter() - t) * 1000)
        rows.append((q, statistics.median(times), panel.model.rowCount(), statistics.median(painted)))
    window.close()
    window.session.close()
    return {"rows": rows, "volumes": window.search_panel.volume_combo.count() - 1}


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


def _settle(app, quiet_s: float = 1.0, limit_s: float = 120.0) -> None:
    """Let the background work started by the window run to its end (no job for ``quiet_s``)."""
    from PySide6.QtCore import QThreadPool

    pool, start, quiet = QThreadPool.globalInstance(), time.monotonic(), None
    while time.monotonic() - start < limit_s:
        app.processEvents()
        if pool.activeThreadCount():
            quiet = None
        elif quiet is None:
            quiet = time.monotonic()
        elif time.monotonic() - quiet >= quiet_s:
            return
        time.sleep(0.02)


def child_edits(db: str, full: bool = False) -> dict:
    """Merge, undo, redo of paragraph pairs spread over the volume, under each of EDIT_FILTERS
    (median and max in ms per filter and step); every merge is undone again at the end.

    ``full``: as an editor works — a 1366×768 window, the background work after opening (the
    whole check, the re-check's context, backup, search index) done, and every dock shown, so an
    edit also re-checks its blocks and updates the findings, blanks, tags and history panes."""
    app, settings, create_window = _app(db, background=full)
    window = create_window(db, settings, "zh_CN", author="bench", sample_if_empty=False)
    window.resize(*((1366, 768) if full else (1440, 900)))
    window.show()
    app.processEvents()
    if full:
        from PySide6.QtWidgets import QDockWidget

        _settle(app)
        for dock in window.findChildren(QDockWidget):
            window.feedback.show_dock(dock)
        _settle(app)
    session, store = window.session, window.session.store
    out = {}
    for kind, cases in _edit_cases(store, session.volume_id).items():
        for text in EDIT_FILTERS:
            window.outline.filter_edit.setText(text)
            app.processEvents()
            out[f"{kind}|{text}"] = _time_steps(app, session, cases)
    window.close()
    session.close()
    return {"edits": out, "pairs": 7}


def child_busy(db: str) -> dict:
    """Merges (each undone) every 0.15 s from 0.4 s after the window shows, while the background
    work after opening runs (whole check, re-check context, tag statistics, search index, backup):
    ms per edit while any job runs, and after."""
    from PySide6.QtCore import QThreadPool

    from yearbook_editor.core.edits import MergeBlocks

    app, settings, create_window = _app(db, background=True)
    window = create_window(db, settings, "zh_CN", author="bench", sample_if_empty=False)
    window.resize(1366, 768)
    window.show()
    _wait(app, 0.4)
    session, store = window.session, window.session.store
    rows = store.query("SELECT id, node_id FROM blocks WHERE volume_id = ? AND deleted = 0 AND kind = 'paragraph'"
                       " ORDER BY seq", (session.volume_id,))
    pairs = [(a["id"], b["id"]) for a, b in itertools.pairwise(rows) if a["node_id"] == b["node_id"]][::100]
    pool, busy, idle = QThreadPool.globalInstance(), [], []
    for first, second in pairs:
        active = pool.activeThreadCount()
        t = time.perf_counter()
        session.apply(MergeBlocks(first, second))
        app.processEvents()
        (busy if active else idle).append((time.perf_counter() - t) * 1000)
        session.undo()
        _wait(app, 0.15)
        if not active and len(idle) >= 8:
            break
    _settle(app)
    window.close()
    session.close()
    return {"busy": busy, "idle": idle}


def _wait(app, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _edit_cases(store, volume_id: int) -> dict[str, list]:
    """Seven places spread over the volume for each kind of edit: (node to select, edit)."""
    from yearbook_editor.core.edits import MakeParagraph, MergeBlocks, ShiftNodeDepth

    def spread(xs):
        return xs[:: max(1, len(xs) // 7)][:7]

    rows = store.query("SELECT id, node_id FROM blocks WHERE volume_id = ? AND deleted = 0 AND kind = 'paragraph'"
                       " ORDER BY seq", (volume_id,))
    pairs = [(a["node_id"], MergeBlocks(a["id"], b["id"])) for a, b in itertools.pairwise(rows)
             if a["node_id"] == b["node_id"]]
    nodes = store.query("SELECT id, kind, title_block_id FROM nodes WHERE volume_id = ? AND deleted = 0 ORDER BY seq",
                        (volume_id,))
    return {
        "merge": spread(pairs),
        "promote": spread([(n["id"], ShiftNodeDepth(n["id"], -1)) for n in nodes if n["kind"] == "subdivision"]),
        "unhead": spread([(n["id"], MakeParagraph(n["title_block_id"])) for n in nodes if n["kind"] == "entry"]),
    }


def _time_steps(app, session, cases) -> tuple:
    """Each edit applied, undone and redone (wall and CPU ms per step), then undone again."""
    steps = {"edit": [], "undo": [], "redo": []}
    cpu = {"edit": [], "undo": [], "redo": []}
    for node_id, edit in cases:
        session.select_node(node_id, None)
        app.processEvents()
        for name, run in (("edit", lambda e=edit: session.apply(e)), ("undo", session.undo), ("redo", session.redo)):
            t, c = time.perf_counter(), time.process_time()
            run()
            app.processEvents()
            steps[name].append((time.perf_counter() - t) * 1000)
            cpu[name].append((time.process_time() - c) * 1000)
        session.undo()
        app.processEvents()
    return {k: (statistics.median(v), max(v), statistics.median(cpu[k])) for k, v in steps.items()}


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
    ap.add_argument("--mode", default="base", help=argparse.SUPPRESS)
    ap.add_argument("--skip-base", action="store_true", help="leave out the first table")
    ap.add_argument("--skip-features", action="store_true", help="leave out tags/suggestions/search")
    ap.add_argument("--edits-only", action="store_true", help="only the merge/undo/redo rows (with and without a filter)")
    ap.add_argument("--search-store", type=Path, default=Path("/tmp/yearbook-bench-search.db"),
                    help="the big store of bench_search.py (built there when missing)")
    args = ap.parse_args()
    if args.child:
        modes = {"base": child, "startup": lambda db: child_startup(db, False),
                 "startup_preloaded": lambda db: child_startup(db, True), "suggest": child_suggest,
                 "search": child_search, "edits": child_edits, "edits_full": lambda db: child_edits(db, True),
                 "busy": child_busy}
        print(json.dumps(modes[args.mode](args.child)))
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
        with Store(db) as store:
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy(db, db.with_name("imported.db"))
        if args.edits_only:
            print("| measure | result | target |\n|---|---:|---:|")
            _print_edits([_run_child(db, "edits") for _ in range(args.runs)])
            _print_edits([_run_child(db, "edits_full") for _ in range(args.runs)], " every dock open,")
            _print_busy([_run_child(_fresh_copy(db, k), "busy") for k in range(args.runs)])
            return 0
        if not args.skip_base:
            results = [_run_child(db, "base") for _ in range(args.runs)]
            _print_base(args, results)
            _print_edits([_run_child(db, "edits") for _ in range(args.runs)])
            _print_edits([_run_child(db, "edits_full") for _ in range(args.runs)], " every dock open,")
            _print_busy([_run_child(_fresh_copy(db, k), "busy") for k in range(args.runs)])
        if not args.skip_features:
            _features(args, db)
    return 0


def _run_child(db, mode: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")])}
    out = subprocess.run([sys.executable, __file__, "--child", str(db), "--mode", mode], capture_output=True,
                         encoding="utf-8", check=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _features(args, db) -> None:
    cold = [_run_child(db, "startup") for _ in range(args.runs)]
    warm = [_run_child(db, "startup_preloaded") for _ in range(args.runs)]
    assert not any(r["loaded_at_show"] for r in cold), "jieba was loaded during start-up"
    sug = _run_child(db, "suggest")
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_search import build  # type: ignore[import-not-found]

    build(args.search_store).close()
    found = _run_child(args.search_store, "search")
    med = statistics.median
    print(f"\nTags, suggestions and search in the app (volume {args.volume}; median of {args.runs} fresh processes "
          "where it says so):\n")
    print("| measure | result | target |")
    print("|---|---:|---:|")
    print(f"| start-up: create, show, first paint, jieba not in the process (s) | {med(r['startup'] for r in cold):.2f}"
          " | – |")
    print(f"| start-up: the same with jieba loaded before start (s) | {med(r['startup'] for r in warm):.2f} | "
          "unchanged |")
    print(f"| jieba loaded at first paint | {'yes' if any(r['loaded_at_show'] for r in cold) else 'no'} | no |")
    print(f"| longest event-loop stall while jieba and the word statistics load in the background (ms) | "
          f"{med(r['max_stall_ms'] for r in cold):.0f} | – |")
    print(f"| suggestions ready after start (background; s) | {med(r['ready'] for r in cold):.2f} | – |")
    print(f"| suggestions for one entry in the tags panel, median of {sug['suggest_n']} (ms) | {sug['suggest']:.1f} "
          f"(max {sug['suggest_max']:.0f}) | <= {TARGETS['suggest']:.0f} |")
    worst = max(r[1] for r in found["rows"])
    print(f"| search, first page in the search panel, {found['volumes']} volumes: slowest query median (ms) | "
          f"{worst:.1f} | <= {TARGETS['search']:.0f} |")
    for q, ms, n, painted in found["rows"]:
        print(f"| · `{q}` ({n} on the page): results in the model / painted (ms) | {ms:.1f} / {painted:.1f} | |")


def _print_base(args, results) -> None:
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


def _fresh_copy(db: Path, k: int) -> Path:
    """A copy of the store as imported (never checked, nothing cached): its opening starts all the background work."""
    copy = db.with_name(f"fresh-{k}.db")
    shutil.copy(db.with_name("imported.db"), copy)
    return copy


def _print_busy(results) -> None:
    busy = [x for r in results for x in r["busy"]]
    idle = [x for r in results for x in r["idle"]]
    if busy:
        print(f"| a merge while the background work after opening runs: median / max of {len(busy)} (ms); after it "
              f"| {statistics.median(busy):.0f} / {max(busy):.0f}; {statistics.median(idle):.0f} / {max(idle):.0f} | – |")


EDIT_NAMES = {"merge": "merge of two paragraphs", "promote": "a 子目 promoted", "unhead": "an entry title made a paragraph"}


def _print_edits(results, docks: str = "") -> None:
    kinds = dict.fromkeys(k.split("|")[0] for k in results[0]["edits"])
    for kind in kinds:
        for text in EDIT_FILTERS:
            shown = f"“{text}” in the outline's filter box" if text else "no filter"
            cells = []
            for step in ("edit", "undo", "redo"):
                key = f"{kind}|{text}"
                med = statistics.median(r["edits"][key][step][0] for r in results)
                worst = max(r["edits"][key][step][1] for r in results)
                cpu = statistics.median(r["edits"][key][step][2] for r in results)
                cells.append(f"{med:.0f} / {worst:.0f} (CPU {cpu:.0f})")
            print(f"| {EDIT_NAMES[kind]} · undo · redo,{docks} {shown}: median / max of {results[0]['pairs']} (ms) | "
                  f"{' · '.join(cells)} | <= {TARGETS['edit']:.0f} |")


if __name__ == "__main__":
    sys.exit(main())
