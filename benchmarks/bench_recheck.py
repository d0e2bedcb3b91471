"""Time the re-check of the paragraphs an edit touched (what the app does after each edit).

One process per volume, a fresh store (import and the whole run not timed), then:
  first   = the first re-check of one paragraph with everything it needs built first (the volume's
            check context, word lists, the character detector's model, the names and the counts of
            half-width marks: what the app builds in the background after opening a volume)
  edit    = apply one text edit to a random paragraph (fixed seed) and re-check it, findings
            stored: median and max over --edits edits (the re-check alone, the edit not counted)
  merge   = merge a random paragraph with the next block, then re-check (the context read again)
Also checks that the re-check of every block gives the whole run's local findings.

    python benchmarks/bench_recheck.py [--edits 50] [KEY|FILE ...]     (default: 000 001 003)
    python benchmarks/bench_recheck.py --app [KEY|FILE ...]           (default: 000)

``--app``: the same in the desktop app (offscreen, the checks dock open): 30 text edits through the
session, each timed from ``session.apply`` to the findings list, badges and underlines updated.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = ROOT.parent / "shared" / "seeds"
KEYS = {"000": "000_6ed5987695131499.txt", "001": "001_1565542f5b33c078.txt", "003": "003_217e98700e1d5d06.txt"}


def bench(path: Path, edits: int) -> dict:
    from yearbook_editor.core.checks import run_checks, save_findings
    from yearbook_editor.core.checks.recheck import Rechecker, is_local
    from yearbook_editor.core.edits import MergeBlocks, SetBlockText, apply_edit
    from yearbook_editor.core.store import Store
    from yearbook_editor.core.volumes import import_file

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.db") as store:
        vid = import_file(store, path).volume_id
        whole = save_findings(store, vid, run_checks(store, vid))
        paras = [r["id"] for r in store.query("SELECT id FROM blocks WHERE volume_id = ? AND deleted = 0 AND"
                                              " kind = 'paragraph' ORDER BY seq", (vid,))]
        rng = random.Random(16)
        r = Rechecker(store, vid)
        t0 = time.perf_counter()
        r.warm()  # what the app builds in the background after opening the volume
        r.recheck([rng.choice(paras)])
        first = time.perf_counter() - t0
        times = []
        for _ in range(edits):
            bid = rng.choice(paras)
            text = store.scalar("SELECT text FROM blocks WHERE id = ?", (bid,))
            applied = apply_edit(store, SetBlockText(bid, text + "臵", expected=text), author="bench")
            t0 = time.perf_counter()
            r.recheck(applied.changes.blocks)
            times.append(time.perf_counter() - t0)
        merges = []
        for _ in range(10):  # merges: the blocks that came or went are patched into the kept context
            bid = rng.choice(paras[:-1])
            nxt = store.scalar("SELECT id FROM blocks WHERE volume_id = ? AND deleted = 0 AND kind != 'noise' AND"
                               " seq > (SELECT seq FROM blocks WHERE id = ?) ORDER BY seq LIMIT 1", (vid, bid))
            if nxt is None or store.scalar("SELECT deleted FROM blocks WHERE id = ?", (bid,)):
                continue
            applied = apply_edit(store, MergeBlocks(bid, nxt), author="bench")
            t0 = time.perf_counter()
            r.follow(applied.changes)
            r.recheck(applied.changes.blocks)
            merges.append(time.perf_counter() - t0)
        fresh = Rechecker(store, vid)
        all_ids = [b.id for b in fresh.context().blocks]
        t0 = time.perf_counter()
        mine = fresh.recheck(all_ids).findings
        every = time.perf_counter() - t0
        now = [f for f in run_checks(store, vid) if is_local(f.code)]
        same = sorted(f.fingerprint for f in mine) == sorted(f.fingerprint for f in now)
        return {"blocks": len(all_ids), "findings": len(whole), "first": first, "median": statistics.median(times),
                "max": max(times), "merge": statistics.median(merges), "every": every, "same": same}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--edits", type=int, default=50)
    ap.add_argument("volumes", nargs="*", default=["000", "001", "003"])
    args = ap.parse_args()
    print("| volume | blocks | first re-check (ms) | re-check after an edit, median / max (ms) |"
          " after a merge, median (ms) | every block (s) | same as the whole run |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for key in args.volumes:
        path = SEEDS / KEYS[key] if key in KEYS else Path(key)
        r = bench(path, args.edits)
        print(f"| {key} | {r['blocks']:,} | {r['first'] * 1000:.1f} | {r['median'] * 1000:.1f} / "
              f"{r['max'] * 1000:.1f} | {r['merge'] * 1000:.1f} | {r['every']:.2f} | {'yes' if r['same'] else 'no'} |", flush=True)


if __name__ == "__main__" and "--app" not in sys.argv:
    main()


APP = r"""
import random, statistics, sys, tempfile, time
from pathlib import Path
from yearbook_editor.gui.app import create_window, ensure_app, make_settings, setup_app
from yearbook_editor.core.checks import run_checks, save_findings
from yearbook_editor.core.edits import SetBlockText
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file

tmp = Path(tempfile.mkdtemp())
with Store(tmp / "s.db") as s:
    vid = import_file(s, sys.argv[1]).volume_id
    save_findings(s, vid, run_checks(s, vid))
app = ensure_app()
setup_app(app, "zh_CN")
settings = make_settings(tmp / "settings.ini")
settings.setValue("background/auto", False)
w = create_window(tmp / "s.db", settings, "zh_CN", author="bench", sample_if_empty=False)
w.show()
w.action("actionShowFindings").trigger()
app.processEvents()
store = w.session.store
paras = [r["id"] for r in store.query("SELECT id FROM blocks WHERE volume_id = ? AND deleted = 0 AND kind = 'paragraph'", (vid,))]
rng = random.Random(16)
w.checks_ctl.rechecker.warm()
times, rechecks = [], []
for n in range(int(sys.argv[2])):
    bid = rng.choice(paras)
    text = store.scalar("SELECT text FROM blocks WHERE id = ?", (bid,))
    t0 = time.perf_counter()
    w.session.apply(SetBlockText(bid, text + "臵", expected=text), w.editor)
    times.append(time.perf_counter() - t0)
    rechecks.append(w.checks_ctl.last_recheck.seconds)
    app.processEvents()
print(f"{statistics.median(times) * 1000:.1f} {max(times) * 1000:.1f} {statistics.median(rechecks) * 1000:.1f}")
w.close()
"""


def bench_app(path: Path, edits: int) -> str:
    """An edit in the app with the checks dock open: apply, re-check, list, badges and underlines (ms)."""
    import os
    import subprocess

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", APP, str(path), str(edits)], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=600)
    return out.stdout.strip().splitlines()[-1] if out.stdout.strip() else out.stderr[-500:]


if __name__ == "__main__" and "--app" in sys.argv:
    print("| volume | an edit in the app, findings dock open: median / max (ms) | of which the re-check (ms) |")
    print("|---|---:|---:|")
    for key in [a for a in sys.argv[1:] if a != "--app"] or ["000"]:
        med, top, rc = bench_app(SEEDS / KEYS[key] if key in KEYS else Path(key), 30).split()
        print(f"| {key} | {med} / {top} | {rc} |")
