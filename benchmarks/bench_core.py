"""Time import, outline and export of each shared volume; print a Markdown table.

Each run is a fresh process (so peak memory is that run's own) with a fresh store:
  import  = read the file, parse it, store source + blocks + outline (one transaction)
  outline = load the stored outline tree and render it as `yearbook-editor outline` does
  export  = write the corrected text (`export --format text`)
Figures are the median of --runs runs; memory is the largest peak RSS seen.

    python benchmarks/bench_core.py [--runs 5] [FILE ...]
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

ONE_RUN = r"""
import io, json, resource, sys, time, contextlib
from pathlib import Path
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file
from yearbook_editor.core.structure import load_outline, walk
from yearbook_editor.core.export import export_text
from yearbook_editor.cli import volumes as cli_volumes

src, tmp = sys.argv[1], Path(sys.argv[2])
with Store(tmp / "s.db") as store:
    t0 = time.perf_counter()
    res = import_file(store, src)
    t1 = time.perf_counter()
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        cli_volumes.cmd_outline(type("A", (), {"volume": str(res.volume_id), "json": False, "depth": 0})(), store)
    t2 = time.perf_counter()
    export_text(store, res.volume_id, tmp / "out.txt")
    t3 = time.perf_counter()
    formats = {}
    from yearbook_editor.core.export import FORMATS
    for name, fmt in FORMATS.items():
        t = time.perf_counter()
        fmt.export(store, res.volume_id, tmp / f"out{fmt.suffix}")
        formats[name] = time.perf_counter() - t
rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"import": t1 - t0, "outline": t2 - t1, "export": t3 - t2, "rss_mb": rss_kb / 1024,
                  "lines": buf.getvalue().count("\n"), "formats": formats}))
"""


def run_once(path: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([sys.executable, "-c", ONE_RUN, str(path), tmp], capture_output=True, encoding="utf-8")
        if out.returncode != 0:
            raise SystemExit(f"benchmark run failed for {path}:\n{out.stderr}")
        return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args()
    files = args.files or sorted(SEEDS.glob("*.txt"))
    if not files:
        raise SystemExit(f"no volumes found in {SEEDS}")
    print("| volume | non-blank characters | import (s) | outline (s) | export text (s) | peak memory (MB) |")
    print("|---|---:|---:|---:|---:|---:|")
    exports = {}
    for f in files:
        runs = [run_once(f) for _ in range(args.runs)]
        exports[f.name[:3]] = {k: statistics.median(r["formats"][k] for r in runs) for k in runs[0]["formats"]}
        chars = sum(1 for c in f.read_text(encoding="utf-8", errors="replace") if not c.isspace())
        med = {k: statistics.median(r[k] for r in runs) for k in ("import", "outline", "export")}
        rss = max(r["rss_mb"] for r in runs)
        print(
            f"| {f.name[:3]} | {chars:,} | {med['import']:.2f} | {med['outline']:.3f} | {med['export']:.3f} |"
            f" {rss:.0f} |",
            flush=True,
        )
    names = list(next(iter(exports.values())))
    print()
    print("| volume | " + " | ".join(f"export {n} (s)" for n in names) + " |")
    print("|---|" + "---:|" * len(names))
    for vol, times in exports.items():
        print(f"| {vol} | " + " | ".join(f"{times[n]:.2f}" for n in names) + " |")


if __name__ == "__main__":
    main()
