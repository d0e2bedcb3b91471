"""The store's safety checks on a large store; prints Markdown rows for the README.

The store is the one of bench_search.py (the three shared volumes plus volume 000 ten more
times: 13 volumes, ~100k blocks). Each figure is the median of 5 fresh processes:

- opening the store with nothing to check (unchanged since it was last seen whole),
- opening it after another program changed it (``PRAGMA quick_check`` runs),
- ``verify_volume`` of volume 000 (run in the background after opening and before exports).

    python benchmarks/bench_store.py [--store PATH]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import build

PROBE = r"""
import sys, time
from pathlib import Path
t = time.perf_counter()
from yearbook_editor.core.store import Store
from yearbook_editor.core.edits import verify_volume
t0 = time.perf_counter()
s = Store(Path(sys.argv[1]))
t1 = time.perf_counter()
if sys.argv[2] == "verify":
    vid = s.scalar("SELECT id FROM volumes WHERE source_name LIKE '000%'")
    t1 = time.perf_counter(); verify_volume(s, vid); print(time.perf_counter() - t1)
else:
    print(t1 - t0)
s.close()
"""


def run(path: Path, what: str, env: dict) -> float:
    out = subprocess.run([sys.executable, "-c", PROBE, str(path), what], capture_output=True, encoding="utf-8", env=env,
                         check=True).stdout
    return float(out.strip())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, default=Path("/tmp/yearbook-bench-search.db"))
    args = ap.parse_args()
    build(args.store).close()
    record = Path(tempfile.mkdtemp()) / "checks.json"
    env = dict(os.environ, YEARBOOK_CHECK_RECORD=str(record))
    size = args.store.stat().st_size / 1_048_576
    rows = {}
    for what in ("unchanged", "changed", "verify"):
        times = []
        for _ in range(5):
            if what == "changed":
                record.unlink(missing_ok=True)  # as if another program had changed the file
            else:
                run(args.store, "open", env)  # leaves the record of a whole store behind
            times.append(run(args.store, "verify" if what == "verify" else "open", env))
        rows[what] = statistics.median(times)
    print("| store | open, unchanged (s) | open after another program changed it: quick_check (s) |"
          " verify_volume of 000 (s) |")
    print("|---|---:|---:|---:|")
    print(f"| 13 volumes, {size:.0f} MB | {rows['unchanged']:.3f} | {rows['changed']:.3f} | {rows['verify']:.3f} |")


if __name__ == "__main__":
    main()
