"""Time the re-check of the paragraphs an edit touched (what the app does after each edit).

One process per volume, a fresh store (import and the whole run not timed), then:
  first   = the first re-check of one paragraph (the volume's check context, word lists and the
            character detector's model built inside the timing)
  edit    = apply one text edit to a random paragraph (fixed seed) and re-check it, findings
            stored: median and max over --edits edits (the re-check alone, the edit not counted)
Also checks that the re-check of every block gives the whole run's local findings.

    python benchmarks/bench_recheck.py [--edits 50] [KEY|FILE ...]     (default: 000 001 003)
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
    from yearbook_editor.core.edits import SetBlockText, apply_edit
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
        fresh = Rechecker(store, vid)
        all_ids = [b.id for b in fresh.context().blocks]
        t0 = time.perf_counter()
        mine = fresh.recheck(all_ids).findings
        every = time.perf_counter() - t0
        now = [f for f in run_checks(store, vid) if is_local(f.code)]
        same = sorted(f.fingerprint for f in mine) == sorted(f.fingerprint for f in now)
        return {"blocks": len(all_ids), "findings": len(whole), "first": first, "median": statistics.median(times),
                "max": max(times), "every": every, "same": same}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--edits", type=int, default=50)
    ap.add_argument("volumes", nargs="*", default=["000", "001", "003"])
    args = ap.parse_args()
    print("| volume | blocks | first re-check (ms) | re-check after an edit, median / max (ms) |"
          " every block (s) | same as the whole run |")
    print("|---|---:|---:|---:|---:|---|")
    for key in args.volumes:
        path = SEEDS / KEYS[key] if key in KEYS else Path(key)
        r = bench(path, args.edits)
        print(f"| {key} | {r['blocks']:,} | {r['first'] * 1000:.1f} | {r['median'] * 1000:.1f} / "
              f"{r['max'] * 1000:.1f} | {r['every']:.2f} | {'yes' if r['same'] else 'no'} |", flush=True)


if __name__ == "__main__":
    main()
