"""Time the Word export of 000 and of a synthetic volume of ten times 000; print a Markdown table.

The synthetic volume is 000's text repeated ten times in one file (17 MB, imported as one
volume). Each figure is the median of --runs runs in this process on a store made once:
  verify   = verify_volume inside the export's snapshot (it runs before every export)
  docx     = the whole export_docx (snapshot, verify, document, Word XML with styles, contents,
             bookmarks and fields, atomic write), wall time and this process's CPU time
  python-docx = the same document built through python-docx's own add_paragraph/add_table
                (``word.PythonDocxBody``), which searched the whole body on every call:
                the export as it was before it was made linear (skip with --no-reference)
The XML of both is compared: the columns are only filled when they are identical.

    python benchmarks/bench_word.py [--runs 3] [--no-reference]
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_6ed5987695131499.txt"


def _timed(fn, runs: int) -> tuple[float, object]:
    return _timed_cpu(fn, runs)[0::2]


def _timed_cpu(fn, runs: int) -> tuple[float, float, object]:
    """Median wall time, median CPU time of this process (steady when other programs load
    the machine), last result."""
    times, cpu, result = [], [], None
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return statistics.median(times), statistics.median(cpu), result


def main() -> None:
    from yearbook_editor.core.edits import verify_volume
    from yearbook_editor.core.export import export_docx, word
    from yearbook_editor.core.export.document import build_document
    from yearbook_editor.core.store import Store
    from yearbook_editor.core.volumes import import_file

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-reference", action="store_true", help="do not time python-docx's own API")
    args = ap.parse_args()
    if not SEED.exists():
        raise SystemExit(f"volume 000 not found at {SEED}")
    print("| volume | blocks exported | verify (s) | export docx (s) | export docx, CPU (s) "
          "| Word XML through python-docx's own API (s) | same XML |")
    print("|---|---:|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ten = tmp / "10x000.txt"
        ten.write_bytes(SEED.read_bytes() * 10)
        for label, source in (("000", SEED), ("10 × 000", ten)):
            with Store(tmp / f"{source.stem}.db") as store:
                vid = import_file(store, source).volume_id
                t_verify, _ = _timed(lambda: verify_volume(store, vid), args.runs)
                t_docx, cpu_docx, _ = _timed_cpu(lambda: export_docx(store, vid, tmp / "out.docx"), args.runs)
                doc = build_document(store, vid, untitled_headings=True)  # as export_docx builds it
            ours = zipfile.ZipFile(tmp / "out.docx").read("word/document.xml")
            reference, same = "–", "–"
            if not args.no_reference:
                fast_body = word._Body
                word._Body = word.PythonDocxBody
                try:
                    t_ref, data = _timed(lambda: word.build_docx(doc), 1)
                finally:
                    word._Body = fast_body
                ref_xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
                reference, same = f"{t_ref:.2f}", "yes" if ref_xml == ours else "NO"
            print(f"| {label} | {len(doc.items):,} | {t_verify:.2f} | {t_docx:.2f} | {cpu_docx:.2f} | {reference} "
                  f"| {same} |",
                  flush=True)


if __name__ == "__main__":
    main()
