"""Build ``resources/checks/glyph_neighbours.tsv``: look-alikes measured on rendered glyphs (run
by a developer, never by the app).

    python -m yearbook_editor.core.checks.chardata_glyphs

Why: char-similar's stroke-order, four-corner and component data (``char_neighbours.tsv``) knows
the look-alikes that its data spells alike, but many pairs that a scanner's OCR confuses look alike
only on the page (己/已 are there; 日/目, 大/犬, 社/杜, 管/菅, 问/间 were not). What looks alike
on a printed page is best measured on printed glyphs.

How: each of the 6,763 GB 2312 characters is drawn at 32 px in three fonts of the two faces a
yearbook is set in — AR PL UMing CN (Ming/宋体, the body text), Noto Sans CJK SC and WenQuanYi Zen
Hei (黑体, the headings) — and binarised. Two glyphs are compared by their *chamfer distance*: the
mean distance (chessboard, capped at ``CAP`` pixels) from each ink pixel of one glyph to the nearest
ink of the other, both ways, weighted by ink; a likeness is ``1 - distance / CAP``. Glyphs whose ink
differs by more than a third are never alike. For every font each character keeps its ``TOP``
closest glyphs, and look-alike is mutual (if b is among a's closest, a is a neighbour of b: an
error goes either way); the neighbours of a character are the union over the fonts, ranked by
their mean likeness over the three fonts. Each gets one digit, the likeness rescaled so that 9 is
a near-identical glyph and 0 the weakest kept.

Inputs (pinned by sha256: the build refuses other files): Debian 12's fonts-arphic-uming
0.2.20080216.2-11, fonts-noto-cjk 1:20220127+repack1-1 and fonts-wqy-zenhei 0.9.45-8; Pillow
draws, numpy compares (6,763² pairs: about 20 s a font). Neither is needed at run time.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from ..resources import RESOURCES
from .chardata_build import common_chars

OUT = RESOURCES / "checks" / "glyph_neighbours.tsv"
SIZE = 32  # pixels per em: about a body character on a page scanned at 300 dpi
CAP = 3  # chamfer distances are capped here (a stroke further away is simply elsewhere)
TOP = 16  # closest glyphs kept per character and font
INK_RATIO = 1.33  # glyphs with more than this ratio of ink are never alike
FONTS = (  # (file, face name ends with, sha256)
    ("/usr/share/fonts/truetype/arphic/uming.ttc", "UMing CN",
     "fe952e55617275142d9cefd4d79eade4df446517b0478b2567d9bc7df49f70e2"),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "Sans CJK SC",
     "b76b0433203017ca80401b2ee0dd69350349871c4b19d504c34dbdd80541690a"),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "Zen Hei",
     "79c18ebe7b811951e8311bad7103ebeae8c337ed9988ea69e8a78a66cfe029b9"),
)


def render(path: str, face: str, chars: list[str]):
    """Binarised glyphs, one SIZE × SIZE boolean array per character, centred on the em box."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    fonts = (ImageFont.truetype(path, SIZE, index=i) for i in range(16))
    font = next(f for f in fonts if f.getname()[0].endswith(face))
    out = np.zeros((len(chars), SIZE, SIZE), bool)
    for k, ch in enumerate(chars):
        im = Image.new("L", (SIZE, SIZE), 0)
        ImageDraw.Draw(im).text((SIZE // 2, SIZE // 2), ch, fill=255, font=font, anchor="mm")
        out[k] = np.asarray(im) >= 128
    return out


def distance_map(ink):
    """Chessboard distance of every pixel to the glyph's ink, capped at CAP (by repeated 3×3 growth)."""
    import numpy as np

    _n, h, w = ink.shape
    dist = np.full(ink.shape, CAP, np.float32)
    cur = ink.copy()
    dist[cur] = 0
    for r in range(1, CAP):
        padded = np.pad(cur, ((0, 0), (1, 1), (1, 1)))
        grown = np.zeros_like(cur)
        for dy in range(3):
            for dx in range(3):
                grown |= padded[:, dy : dy + h, dx : dx + w]
        dist[grown & ~cur] = r
        cur = grown
    return dist


def likeness(ink):
    """n × n likeness (1 − chamfer distance / CAP); −1 for a glyph itself and for glyphs whose ink
    differs too much."""
    import numpy as np

    n = len(ink)
    a = ink.reshape(n, -1).astype(np.float32)
    d = distance_map(ink).reshape(n, -1)
    cross = a @ d.T  # cross[i, j]: summed distance of i's ink to j's
    count = a.sum(1)
    total = count[:, None] + count[None, :]
    sim = 1 - (cross + cross.T) / np.maximum(total, 1) / CAP
    ratio = count[None, :] / np.maximum(count[:, None], 1)
    sim[(ratio > INK_RATIO) | (ratio < 1 / INK_RATIO) | (count[:, None] == 0)] = -1
    np.fill_diagonal(sim, -1)
    return sim


def neighbours(chars: list[str], fonts=FONTS) -> dict[str, list[tuple[str, float]]]:
    """character → [(look-alike, mean likeness over the fonts)], best first."""
    import numpy as np

    n = len(chars)
    keep = np.zeros((n, n), bool)
    mean = np.zeros((n, n), np.float32)
    for path, face, digest in fonts:
        got = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        if got != digest:
            raise SystemExit(f"{path}: sha256 {got} is not the pinned font")
        sim = likeness(render(path, face, chars))
        top = np.argpartition(-sim, TOP, axis=1)[:, :TOP]
        rows = np.repeat(np.arange(n), TOP)
        ok = sim[rows, top.ravel()] > 0
        keep[rows[ok], top.ravel()[ok]] = True
        mean += np.maximum(sim, 0) / len(fonts)
        del sim
    keep |= keep.T  # mutual
    out = {}
    for i in range(n):
        js = np.flatnonzero(keep[i])
        if len(js):
            out[chars[i]] = sorted(((chars[j], float(mean[i, j])) for j in js), key=lambda x: (-x[1], x[0]))
    return out


def digit(s: float, lo: float, hi: float) -> int:
    return max(0, min(9, int((s - lo) / (hi - lo) * 10)))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    args = ap.parse_args(argv)
    nb = neighbours(common_chars())
    values = sorted(s for lst in nb.values() for _c, s in lst)
    lo, hi = values[len(values) // 100], values[-1]  # the weakest percent all count as 0
    lines = ["# char\tglyph look-alikes (best first)\tlikeness digits (0-9). Built by "
             "yearbook_editor.core.checks.chardata_glyphs from AR PL UMing CN, Noto Sans CJK SC and WenQuanYi Zen Hei "
             f"(chamfer distance at {SIZE} px, top {TOP} per font, mutual; digits from likeness {lo:.3f}-{hi:.3f})."]
    for c in sorted(nb):
        lines.append(f"{c}\t{''.join(b for b, _ in nb[c])}\t{''.join(str(digit(s, lo, hi)) for _, s in nb[c])}")
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(nb)} characters, {sum(map(len, nb.values()))} look-alike pairs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
