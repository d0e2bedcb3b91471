"""Time all checks on the shared volumes; print Markdown rows.

Each run is a fresh process with a fresh store (import first, not timed), then:
  checks = run_checks(store, volume) — every rule, first call in the process (word lists,
           OpenCC and regexes loaded inside the timing; on a volume of 150,000 characters or more
           the character detector runs in a process of its own meanwhile, its start included)
  save   = save_findings (store them by fingerprint, one transaction)
  queue  = blank_queue (the blanks with values suggested from the structure)
Figures are the median of --runs runs.

    python benchmarks/bench_checks.py [--runs 5] [KEY|FILE ...]     (default: 000 001 003)
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
KEYS = {"000": "000_6ed5987695131499.txt", "001": "001_1565542f5b33c078.txt", "003": "003_217e98700e1d5d06.txt"}

ONE_RUN = r"""
import json, sys, time
from pathlib import Path
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file

src, tmp = sys.argv[1], Path(sys.argv[2])
with Store(tmp / "s.db") as store:
    vid = import_file(store, src).volume_id
    t0 = time.perf_counter()
    from yearbook_editor.core.checks import blank_queue, run_checks, save_findings
    found = run_checks(store, vid)
    t1 = time.perf_counter()
    save_findings(store, vid, found)
    t2 = time.perf_counter()
    queue = blank_queue(store, vid)
    t3 = time.perf_counter()
    blocks = store.scalar("SELECT count(*) FROM blocks WHERE volume_id = ? AND kind != 'noise'", (vid,))
print(json.dumps({"checks": t1 - t0, "save": t2 - t1, "queue": t3 - t2, "findings": len(found),
                  "blanks": len(queue), "blocks": blocks}))
"""


def one_run(path: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([sys.executable, "-c", ONE_RUN, str(path), tmp], capture_output=True, encoding="utf-8",
                             check=True, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("volumes", nargs="*", default=list(KEYS))
    args = ap.parse_args()
    print("| volume | blocks | findings | blanks | all checks (s) | save findings (s) | blank queue (s) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for v in args.volumes:
        path = SEEDS / KEYS[v] if v in KEYS else Path(v)
        runs = [one_run(path) for _ in range(args.runs)]
        med = {k: statistics.median(r[k] for r in runs) for k in ("checks", "save", "queue")}
        r0 = runs[0]
        name = v if v in KEYS else path.name
        print(f"| {name} | {r0['blocks']:,} | {r0['findings']:,} | {r0['blanks']} | {med['checks']:.2f} |"
              f" {med['save']:.3f} | {med['queue']:.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
