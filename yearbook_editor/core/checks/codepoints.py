"""Code points that stand for an ordinary character: what PDF extraction swaps in.

* Kangxi radicals (U+2F00–2FD5), CJK radicals supplement (U+2E80–2EFF), compatibility
  ideographs, Japanese forms (図, 県, 対…): the table ``resources/checks/codepoints.tsv``, built
  by :mod:`.chardata_build` from Unicode's normalisation and names and OpenCC's jp2t/t2s tables;
* full-width Latin letters and digits inside Chinese text (``２０１９年`` → ``2019年``): NFKC;
* private-use code points (a font's private glyph mapping): the ordinary character is guessed from
  the two neighbours (the character that makes the most frequent dictionary stretches with them).

:func:`codepoint_errors` returns ``(start, end, wrong, right, kind)`` for a paragraph; ``right`` is
``None`` when no guess is possible (a private-use code point between two non-Chinese characters).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..resources import RESOURCES

KIND_LABELS = {
    "kangxi": "康熙部首",
    "radical": "部首补充字符",
    "compat": "兼容汉字",
    "japanese": "日文字形",
    "fullwidth": "全角字母数字",
    "private": "私用区字符",
}

_PUA = "\ue000-\uf8ff"
_FULLWIDTH = "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
_NEAR = re.compile(r"[\u4e00-\u9fff\u3001\u3002\uff0c\uff1b\uff1a\uff08\uff09\u201c\u201d\u300a\u300b]")


@lru_cache(maxsize=1)
def table() -> dict[str, tuple[str, str]]:
    out = {}
    for line in (RESOURCES / "checks" / "codepoints.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        wrong, right, kind = line.split("\t")
        out[wrong] = (right, kind)
    return out


@lru_cache(maxsize=1)
def first_class() -> str:
    """What may start a match of :func:`pattern`, as the inside of a character class."""
    chars = "".join(re.escape(c) for c in table() if ord(c) < 0x10000)
    return f"{chars}{_PUA}\U0002f800-\U0002fa1f{_FULLWIDTH}"


@lru_cache(maxsize=1)
def pattern() -> re.Pattern:
    """One character class for the table and private use, and full-width runs (whether a run
    touches Chinese is looked at afterwards: a look-behind here would slow the whole scan)."""
    chars = "".join(re.escape(c) for c in table() if ord(c) < 0x10000)  # supplementary ones as a range: a
    return re.compile(f"[{chars}{_PUA}\U0002f800-\U0002fa1f]|[{_FULLWIDTH}]+")  # class of them is 100× slower


@lru_cache(maxsize=256)
def _guess_private(left: str, right: str) -> str | None:
    from .detector import chardata

    bigrams = chardata().bigrams
    best, best_score = None, 0
    for bg, b in bigrams.items():
        if left and bg[0] == left:
            cand, score = bg[1], b
        elif right and bg[1] == right:
            cand, score = bg[0], b
        else:
            continue
        both = bigrams.get(left + cand, 0) + bigrams.get(cand + right, 0) if left and right else score
        if both > best_score:
            best, best_score = cand, both
    return best


def codepoint_errors(text: str) -> list[tuple[int, int, str, str | None, str]]:
    out = []
    tab = table()
    for m in pattern().finditer(text):
        s, e, wrong = m.start(), m.end(), m.group(0)
        if wrong in tab:
            right, kind = tab[wrong]
        elif ord(wrong[0]) >= 0x10000:
            continue  # in the range but not a compatibility ideograph
        elif "\ue000" <= wrong[0] <= "\uf8ff":
            left = text[s - 1] if s > 0 and "\u4e00" <= text[s - 1] <= "\u9fff" else ""
            nxt = text[e] if e < len(text) and "\u4e00" <= text[e] <= "\u9fff" else ""
            right, kind = (_guess_private(left, nxt) if left or nxt else None), "private"
        else:
            before = text[max(0, s - 4) : s].rstrip(" \u3000")
            after = text[e : e + 4].lstrip(" \u3000")
            if not (before and _NEAR.match(before[-1])) and not (after and _NEAR.match(after[0])):
                continue  # full-width letters standing alone, not inside Chinese
            right, kind = unicodedata.normalize("NFKC", wrong), "fullwidth"
        out.append((s, e, wrong, right, kind))
    return out
