"""Search and tag suggestions on a large store; prints Markdown rows for the README.

The store holds the three shared volumes plus volume 000 imported ten more times under other
names (13 volumes, ~100k blocks), all indexed for search.

    python benchmarks/bench_search.py [--store PATH]   # PATH is reused if it exists
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace
from pathlib import Path

from yearbook_editor.core.reading import read_source
from yearbook_editor.core.search import TextCache, ensure_search_index, search
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file, import_source, list_volumes

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
QUERIES = ["城", "人口", "臵", "C-919", "年末全区常住人口", "兰州市城关区人民政府", "GDP", "不存在的一句话"]


def build(path: Path) -> Store:
    store = Store(path)
    if not list_volumes(store):
        for f in sorted(SEEDS.glob("*.txt")):
            import_file(store, f)
        src = read_source(SEEDS / "000_6ed5987695131499.txt")
        for i in range(10):
            extra = f"\n副本 {i}\n"
            copy = replace(src, text=src.text + extra, raw=src.raw + extra.encode())
            import_source(store, copy, title=f"兰州市城关区年鉴 副本{i}")
    t = time.perf_counter()
    for v in list_volumes(store):
        ensure_search_index(store, v["id"])
    print(f"<!-- indexing took {time.perf_counter() - t:.1f} s -->")
    return store


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, default=Path("/tmp/yearbook-bench-search.db"))
    args = ap.parse_args()
    store = build(args.store)
    blocks = store.scalar("SELECT count(*) FROM blocks")
    cache = TextCache()
    t = time.perf_counter()
    search(store, "臵", cache=cache)  # fills the in-memory texts of every volume
    fill_ms = (time.perf_counter() - t) * 1000
    print(f"| query | first page (ms), median of 20 | with the app's in-memory texts (ms) | hits on the page |"
          f" store: {len(list_volumes(store))} volumes, {blocks:,} blocks |")
    print("|---|---:|---:|---:|---|")
    for q in QUERIES:
        plain, cached = [], []
        for _ in range(20):
            t = time.perf_counter()
            res = search(store, q, limit=50)
            plain.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            search(store, q, limit=50, cache=cache)
            cached.append((time.perf_counter() - t) * 1000)
        print(f"| `{q}` | {statistics.median(plain):.1f} | {statistics.median(cached):.1f} | {len(res.hits)} | |")
    print(f"<!-- filling the in-memory texts of all volumes once: {fill_ms:.0f} ms -->")

    from yearbook_editor.core.suggest import VolumeSuggester, load_jieba

    t = time.perf_counter()
    load_jieba(Path("/tmp/yearbook-bench-jieba"))
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    sg = VolumeSuggester(store, 1)
    stats_s = time.perf_counter() - t
    ids = [r["id"] for r in store.query("SELECT id FROM nodes WHERE volume_id = 1 AND kind = 'entry' LIMIT 200")]
    times = []
    for i in ids:
        t = time.perf_counter()
        sg.suggest(i)
        times.append((time.perf_counter() - t) * 1000)
    print()
    print("| suggestions | figure |")
    print("|---|---:|")
    print(f"| jieba load (background, once) | {load_s:.2f} s |")
    print(f"| word statistics of volume 000 (background, once per volume) | {stats_s:.2f} s |")
    print(f"| suggestions for one entry, median / max over {len(ids)} entries | "
          f"{statistics.median(times):.1f} / {max(times):.1f} ms |")


if __name__ == "__main__":
    main()
