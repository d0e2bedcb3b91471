"""Benchmark of the wrong-character checks on errors injected into a real volume.

A fresh store imports the volume; the character checks run on it untouched (false alarms per
10,000 characters: every ``char.suspect`` and code-point finding there, counted, a sample printed
with --show; a few are real errors of the volume). Then, with a fixed seed, clean paragraphs (no
finding of the listed checks, 30+ characters) are
chosen and one error is injected into each, as an edit through the core (the choice does not depend
on the detector's findings, so two settings are compared on the same injected set):

* shape: a character at a random word-internal position (inside a word of two or more Chinese
  characters, as jieba segments the paragraph) replaced by one of its look-alikes — drawn at random
  from the ten best shape neighbours of the right character that are at least 0.6 alike
  (``char_neighbours.tsv``, char-similar's data);
* code point: a character replaced by a Kangxi radical, a CJK radical supplement form, a
  compatibility ideograph or a Japanese form of it, or a run of digits beside Chinese made full-width.

``--source sighan --confusion pycorrector-1.1.4-py3-none-any.whl`` draws them from a published
confusion set that neither the detector nor the other sources use: SIGHAN's similar-shape groups as
pycorrector ships them (``same_stroke.txt``, 831 groups; the wheel is pinned by sha256 and only read,
get it with ``pip download pycorrector==1.1.4 --no-deps``), a check that the detector is not tuned to
its own two tables.

``--source glyph`` draws the shape errors from a similarity the detector does not use (an
independent evaluation: the default draws them from the detector's own neighbour table): every one
of the 6,763 common characters is rendered in Noto Serif CJK SC at 32 px (the book face a yearbook
is printed in, at roughly the resolution of a page scanned for OCR), binarised, and two glyphs are
alike by the share of each one's ink that lies within one pixel of the other's ink; the wrong
character is drawn from the right one's three most alike glyphs of at least 0.85 (己/已/巳, 未/末,
土/士, 析/祈/折, 治/洽/冶). The report says how many of these pairs are in the detector's own table.
Needs Pillow and fonts-noto-cjk.

The key is kept in memory; the checks run again and are scored: recall (a ``char.*`` finding covers
the place), first suggestion right (the finding's suggestion is the original text), and false
alarms per 10,000 characters of the paragraphs left untouched.

    python benchmarks/bench_chars.py [--volume 000] [--seed 1] [--shape 200] [--codepoints 10] [--show 20]
                                     [--source table|glyph]

Tune on one seed/volume, report on others (the thresholds live in core/checks/detector.py).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = ROOT.parent / "shared" / "seeds"
KEYS = {"000": "000_6ed5987695131499.txt", "001": "001_1565542f5b33c078.txt", "003": "003_217e98700e1d5d06.txt"}
HAN = re.compile(r"^[\u4e00-\u9fff]+$")
FLAGS = ("char.suspect", "char.confusable")


def shape_neighbours(ch: str) -> list[str]:
    from yearbook_editor.core.checks.detector import chardata

    d = chardata()
    nb, sc = d.shape.get(ch, ""), d.shape_score.get(ch, "")
    return [n for n, s in zip(nb[:10], sc[:10], strict=False) if int(s) >= 6]


GLYPH_FONT = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
GLYPH_SIZE = 32
GLYPH_MIN = 0.85  # least likeness of an injected glyph neighbour
GLYPH_TOP = 3  # drawn from this many most alike glyphs


class Glyphs:
    """Look-alikes from rendered glyphs (independent of the detector's char-similar data)."""

    def __init__(self):
        from PIL import Image, ImageDraw, ImageFilter, ImageFont

        from yearbook_editor.core.checks.chardata_build import common_chars

        font = next(f for f in (ImageFont.truetype(str(GLYPH_FONT), GLYPH_SIZE, index=i) for i in range(5))
                    if f.getname()[0].endswith(" SC"))
        self.ink: dict[str, tuple[int, int, int]] = {}  # character → (ink bits, ink grown by a pixel, ink count)
        for ch in common_chars():
            im = Image.new("L", (GLYPH_SIZE, GLYPH_SIZE), 0)
            ImageDraw.Draw(im).text((GLYPH_SIZE // 2, GLYPH_SIZE // 2), ch, fill=255, font=font, anchor="mm")
            ink = im.point(lambda v: 255 if v >= 128 else 0)
            grown = ink.filter(ImageFilter.MaxFilter(3))
            a = int.from_bytes(ink.tobytes(), "big")
            self.ink[ch] = (a, int.from_bytes(grown.tobytes(), "big"), a.bit_count())
        self._memo: dict[str, list[str]] = {}

    def likeness(self, x: str, y: str) -> float:
        a, da, pa = self.ink[x]
        b, db, pb = self.ink[y]
        return ((a & db).bit_count() + (b & da).bit_count()) / (pa + pb)

    def neighbours(self, ch: str) -> list[str]:
        if ch not in self._memo:
            out = []
            if ch in self.ink:
                a, da, pa = self.ink[ch]
                for d, (b, db, pb) in self.ink.items():
                    if d != ch and 0.75 * pa <= pb <= 1.33 * pa:  # far more or less ink is never that alike
                        s = ((a & db).bit_count() + (b & da).bit_count()) / (pa + pb)
                        if s >= GLYPH_MIN:
                            out.append((-s, d))
            self._memo[ch] = [d for _s, d in sorted(out)[:GLYPH_TOP]]
        return self._memo[ch]


def inject_glyph(text: str, rng: random.Random, glyphs: Glyphs):
    import jieba

    spots = []
    pos = 0
    for w in jieba.lcut(text, HMM=False):
        if len(w) >= 2 and HAN.match(w):
            spots += [pos + k for k in range(len(w))]
        pos += len(w)
    rng.shuffle(spots)
    for i in spots:
        nb = glyphs.neighbours(text[i])
        if nb:
            wrong = rng.choice(nb)
            return text[:i] + wrong + text[i + 1 :], (i, i + 1, text[i], wrong, "shape")
    return None


CONFUSION_WHEEL = "pycorrector-1.1.4-py3-none-any.whl"
CONFUSION_SHA256 = "62fba7a2573ff011b4c57f1fff301a7015cab339c567991aa0bb6ff53248b322"
CONFUSION_MEMBER = "pycorrector/data/same_stroke.txt"


def confusion_set(path: Path) -> dict[str, list[str]]:
    """A published similar-shape confusion set (SIGHAN's, as pycorrector 1.1.4 ships it in
    ``same_stroke.txt``: 831 groups such as 己 已 巳): each character → the others of its groups.
    ``path`` is the wheel (checked against its sha256) or the extracted text file."""
    import hashlib
    import zipfile

    raw = path.read_bytes()
    if path.suffix == ".whl":
        if hashlib.sha256(raw).hexdigest() != CONFUSION_SHA256:
            raise SystemExit(f"{path.name}: not the pinned {CONFUSION_WHEEL}")
        with zipfile.ZipFile(path) as z:
            raw = z.read(CONFUSION_MEMBER)
    out: dict[str, list[str]] = {}
    for line in raw.decode("utf-8").splitlines():
        group = [c for c in line.split() if len(c) == 1 and HAN.match(c)]
        for c in group:
            out.setdefault(c, []).extend(d for d in group if d != c and d not in out[c])
    return out


def inject_confusion(text: str, rng: random.Random, confusion: dict[str, list[str]]):
    import jieba

    spots = []
    pos = 0
    for w in jieba.lcut(text, HMM=False):
        if len(w) >= 2 and HAN.match(w):
            spots += [pos + k for k in range(len(w)) if confusion.get(w[k])]
        pos += len(w)
    if not spots:
        return None
    i = rng.choice(spots)
    wrong = rng.choice(confusion[text[i]])
    return text[:i] + wrong + text[i + 1 :], (i, i + 1, text[i], wrong, "shape")


def codepoint_variants() -> dict[str, list[tuple[str, str]]]:
    from yearbook_editor.core.checks.codepoints import table

    out: dict[str, list[tuple[str, str]]] = {}
    for wrong, (right, kind) in table().items():
        out.setdefault(right, []).append((wrong, kind))
    return out


def inject_shape(text: str, rng: random.Random):
    import jieba

    spots = []
    pos = 0
    for w in jieba.lcut(text, HMM=False):
        if len(w) >= 2 and HAN.match(w):
            spots += [pos + k for k in range(len(w)) if shape_neighbours(w[k])]
        pos += len(w)
    if not spots:
        return None
    i = rng.choice(spots)
    wrong = rng.choice(shape_neighbours(text[i]))
    return text[:i] + wrong + text[i + 1 :], (i, i + 1, text[i], wrong, "shape")


def inject_codepoint(text: str, rng: random.Random, kind: str, variants):
    if kind == "fullwidth":
        runs = [m for m in re.finditer(r"(?<=[\u4e00-\u9fff ])\d+(?= ?[\u4e00-\u9fff])", text)]
        if not runs:
            return None
        m = rng.choice(runs)
        fw = "".join(chr(ord(c) + 0xFEE0) for c in m.group(0))
        return text[: m.start()] + fw + text[m.end() :], (m.start(), m.end(), m.group(0), fw, "fullwidth")
    spots = [i for i, c in enumerate(text) if any(k == kind for _w, k in variants.get(c, ()))]
    if not spots:
        return None
    i = rng.choice(spots)
    wrong = rng.choice([w for w, k in variants[text[i]] if k == kind])
    return text[:i] + wrong + text[i + 1 :], (i, i + 1, text[i], wrong, kind)


def char_findings(store, vid):
    from yearbook_editor.core.checks import run_checks

    return [f for f in run_checks(store, vid, codes=["char"]) if f.code in FLAGS]


def show(f) -> str:
    b, m, a = f.context(8)
    return f"L{f.line} {b}[{m}]{a} → {f.suggestion}  ({f.code} {f.params.get('source') or f.params.get('kind', '')})"


def diagnosis(store, vid, key: dict, by_block: dict) -> dict[str, int]:
    """Why each injected shape error was missed or got a wrong first suggestion: the right character
    is no candidate of the written one; the stretches through the place are not rare (inside
    dictionary words, or common in the volume); no stretch the right character makes is common; the
    place is skipped (common as written, a name); it is scored below the threshold (early: even the
    longer stretches could not lift it); another candidate scores higher."""
    from yearbook_editor.core.checks import detector as d
    from yearbook_editor.core.checks.base import load_context
    from yearbook_editor.core.checks.characters import collect_names, volume_model

    ctx = load_context(store, vid)
    model, data, names = volume_model(ctx), d.chardata(), collect_names(ctx)
    out: Counter = Counter()
    for bid, (s, _e, right, wrong, kind) in key.items():
        if kind != "shape":
            continue
        text = ctx.by_id[bid].text
        hits = [f for f in by_block.get(bid, []) if f.start == s]
        if hits and hits[0].suggestion == right:
            out["found, first right"] += 1
            continue
        pre = "found, first wrong: " if hits else "missed: "
        bgs = [bg for bg in (text[max(0, s - 1) : s + 1] if s else "", text[s : s + 2]) if len(bg) == 2]
        if right not in data.near.get(wrong, ""):
            out[pre + "right character no candidate"] += 1
            continue
        rare = d._rare(((bg, model.count(bg)) for bg in bgs), data)
        if not rare:
            out[pre + "stretches as written not rare"] += 1
            continue
        if max((model.count(bg) for bg in bgs), default=0) > d.OLD_SKIP:
            out[pre + "written stretch common in volume"] += 1
            continue
        pos = d._places(text, set(rare), data, model).get(s, [])
        if all(n != right for n, _src in pos):
            out[pre + "corrected stretch not common"] += 1
            continue
        if hits:
            out[pre + "another candidate scores higher"] += 1
            continue
        if (names and d.in_name(text, s, names)) or d.in_name_list(text, s) or d.in_org_name(text, s):
            out[pre + "taken for a name"] += 1
            continue
        old = d.TRACE
        d.TRACE = []
        d._suspects_at(text, {s: pos}, data, model, names)
        tr, d.TRACE = d.TRACE, old
        if not tr:
            out[pre + "below threshold before the longer stretches"] += 1
            continue
        out[pre + ("below threshold" if tr[0][2] == right else "below threshold, another candidate first")] += 1
    return dict(sorted(out.items()))


def run(volume: str, seed: int, n_shape: int, n_cp: int, n_show: int, trace: str | None = None,
        source: str = "table", diagnose: bool = False, confusion: Path | None = None) -> dict:
    from yearbook_editor.core.checks import detector
    from yearbook_editor.core.checks.base import load_context
    from yearbook_editor.core.edits import Batch, SetBlockText, apply_edit
    from yearbook_editor.core.store import Store
    from yearbook_editor.core.volumes import import_file

    path = SEEDS / KEYS[volume] if volume in KEYS else Path(volume)
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "b.db") as store:
        vid = import_file(store, path, author="bench").volume_id
        ctx = load_context(store, vid)
        chars = sum(len(b.text) for b in ctx.blocks)
        detector.TRACE = [] if trace else None
        t0 = time.perf_counter()
        before = char_findings(store, vid)
        t_check = time.perf_counter() - t0
        trace_before, detector.TRACE = detector.TRACE, ([] if trace else None)
        # paragraphs the listed checks flag are left out; not those the detector flags, so that the
        # injected set does not depend on the detector's own settings
        flagged = {f.block_id for f in before if f.code != "char.suspect"}
        untouched_fa = [f for f in before]
        clean = [b for b in ctx.blocks if b.kind == "paragraph" and b.role != "credit" and len(b.text) >= 30
                 and b.id not in flagged]
        rng.shuffle(clean)
        variants = codepoint_variants()
        glyphs = Glyphs() if source == "glyph" else None
        sighan = confusion_set(confusion) if source == "sighan" else {}
        cp_kinds = ["kangxi", "radical", "compat", "japanese", "fullwidth"]
        key: dict[int, tuple] = {}
        edits = []
        it = iter(clean)
        while len(key) < n_shape + n_cp:
            b = next(it)
            k = len(key)
            if k >= n_shape:
                res = inject_codepoint(b.text, rng, cp_kinds[(k - n_shape) % len(cp_kinds)], variants)
            elif source == "sighan":
                res = inject_confusion(b.text, rng, sighan)
            else:
                res = inject_glyph(b.text, rng, glyphs) if glyphs else inject_shape(b.text, rng)
            if res is None:
                continue
            new, spot = res
            key[b.id] = spot
            edits.append(SetBlockText(b.id, new, expected=b.text))
        apply_edit(store, Batch(tuple(edits), label="bench"), author="bench")
        after = char_findings(store, vid)
        if trace:
            spots = {store.scalar("SELECT text FROM blocks WHERE id = ?", (bid,)): sp for bid, sp in key.items()}
            with open(trace, "w", encoding="utf-8") as fh:
                for text, i, n, src, feats in trace_before:
                    fh.write(json.dumps({"y": 0, "f": feats, "src": src, "t": text[max(0, i - 8) : i + 9], "i": min(i, 8), "n": n}, ensure_ascii=False) + "\n")
                for text, i, n, src, feats in detector.TRACE:
                    sp = spots.get(text)
                    if sp and sp[0] == i:
                        fh.write(json.dumps({"y": 1, "f": feats, "src": src, "ok": n == sp[2], "t": text[max(0, i - 8) : i + 9], "i": min(i, 8), "n": n}, ensure_ascii=False) + "\n")
            detector.TRACE = None
        by_block: dict[int, list] = {}
        for f in after:
            by_block.setdefault(f.block_id, []).append(f)
        res = {"shape": [0, 0, 0], "codepoint": [0, 0, 0], "in_table": [0, 0, 0], "not_in_table": [0, 0, 0]}
        near = detector.chardata().near
        missed, wrong_first = [], []
        for bid, (s, e, right, wrong, kind) in key.items():
            groups = ["shape", "in_table" if right in near.get(wrong, "") else "not_in_table"] if kind == "shape" \
                else ["codepoint"]
            for g in groups:
                res[g][0] += 1
            hits = [f for f in by_block.get(bid, []) if f.start <= s < f.end or s <= f.start < e]
            if hits:
                for g in groups:
                    res[g][1] += 1
                if hits[0].suggestion == right:
                    for g in groups:
                        res[g][2] += 1
                else:
                    wrong_first.append((right, wrong, show(hits[0])))
            else:
                text = store.scalar("SELECT text FROM blocks WHERE id = ?", (bid,))
                missed.append((kind, right, wrong, text[max(0, s - 8) : s] + "[" + wrong + "]" + text[e : e + 8]))
        if diagnose:
            out_diag = diagnosis(store, vid, key, by_block)
        touched_chars = sum(len(ctx.by_id[b].text) for b in key)
        fa_after = [f for f in after if f.block_id not in key]
        out = {
            "volume": path.name[:3] if volume in KEYS else path.name, "seed": seed, "chars": chars,
            "check_s": round(t_check, 2),
            "untouched_findings": len(untouched_fa),
            "untouched_per_10k": round(len(untouched_fa) / chars * 1e4, 2),
            "suspects_per_10k": round(sum(f.code == "char.suspect" for f in untouched_fa) / chars * 1e4, 2),
            "shape_recall": round(res["shape"][1] / max(1, res["shape"][0]), 3),
            "shape_first_right": round(res["shape"][2] / max(1, res["shape"][0]), 3),
            "shape_n": res["shape"][0],
            "source": source,
            "shape_in_detector_table": res["in_table"][0],
            "recall_in_table": round(res["in_table"][1] / max(1, res["in_table"][0]), 3),
            "recall_not_in_table": round(res["not_in_table"][1] / max(1, res["not_in_table"][0]), 3),
            "codepoint_recall": round(res["codepoint"][1] / max(1, res["codepoint"][0]), 3),
            "codepoint_first_right": round(res["codepoint"][2] / max(1, res["codepoint"][0]), 3),
            "codepoint_n": res["codepoint"][0],
            "fa_per_10k_after": round(len(fa_after) / (chars - touched_chars) * 1e4, 2),
        }
        if diagnose:
            out["diagnosis"] = out_diag
        if n_show:
            print("-- false alarms on the untouched volume (sample):", file=sys.stderr)
            for f in rng.sample(untouched_fa, min(n_show, len(untouched_fa))):
                print("  ", show(f), file=sys.stderr)
            print("-- missed (sample):", file=sys.stderr)
            for m in missed[:n_show]:
                print("  ", m, file=sys.stderr)
            print("-- found, first suggestion wrong (sample):", file=sys.stderr)
            for m in wrong_first[:n_show]:
                print("  ", m, file=sys.stderr)
        return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--volume", default="000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shape", type=int, default=200)
    ap.add_argument("--codepoints", type=int, default=10)
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--trace", help="write the features of every scored place (y=1: injected) to this file")
    ap.add_argument("--source", choices=("table", "glyph", "sighan"), default="table",
                    help="where the shape errors come from: the detector's neighbour table, rendered glyphs, or "
                         "SIGHAN's similar-shape set (with --confusion)")
    ap.add_argument("--confusion", type=Path, help=f"{CONFUSION_WHEEL} (pip download pycorrector==1.1.4 --no-deps)"
                    f" or its {CONFUSION_MEMBER}, for --source sighan")
    ap.add_argument("--diagnose", action="store_true", help="say why each injected shape error was missed")
    args = ap.parse_args()
    if args.source == "sighan" and not args.confusion:
        ap.error("--source sighan needs --confusion")
    r = run(args.volume, args.seed, args.shape, args.codepoints, args.show, args.trace, args.source, args.diagnose,
            args.confusion)
    if args.json:
        print(json.dumps(r))
    else:
        print("| volume | seed | source (pairs in the detector's table) | shape recall | first suggestion right |"
              " code points recall | false alarms /10k (untouched volume) |"
              " false alarms /10k (untouched paragraphs, injected run) |")
        print("|---|---:|---|---:|---:|---:|---:|---:|")
        print(f"| {r['volume']} | {r['seed']} | {r['source']} ({r['shape_in_detector_table']}/{r['shape_n']}) |"
              f" {r['shape_recall']:.2f} ({r['shape_n']}) | {r['shape_first_right']:.2f} |"
              f" {r['codepoint_recall']:.2f} ({r['codepoint_n']}) | {r['untouched_per_10k']:.2f} |"
              f" {r['fa_per_10k_after']:.2f} |")
        print(f"shape recall of the pairs in the detector's table {r['recall_in_table']:.2f}"
              f" ({r['shape_in_detector_table']}), of the others {r['recall_not_in_table']:.2f}"
              f" ({r['shape_n'] - r['shape_in_detector_table']})")
        for reason, n in r.get("diagnosis", {}).items():
            print(f"  {reason}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
