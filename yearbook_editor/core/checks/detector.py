"""The detector of unlisted wrong characters (OCR look-alikes such as 己/已, 未/末, 候/侯).

For every two-character stretch of the volume that is neither inside a dictionary word nor common
in the volume, each of its two characters is tried against its look-alikes (and, second, its
homophones): a replacement that turns the stretch into a dictionary word makes the place a
*suspect*. A suspect is then scored by a small word model: the best segmentation of the
surrounding Chinese run into dictionary words (jieba's frequencies, and the volume's and the
store's frequent strings as words) with and without the replacement, plus what the volume itself
says (the suspect string once or twice, the corrected one many times; the corrected three
characters used elsewhere in the volume; the written character common in the volume, a sign the
book means it). Only a clear gain is reported; the best candidate is the suggestion.

Data (``resources/checks``, loaded once, lazily): ``char_neighbours.tsv`` (built by
:mod:`.chardata_build`: shape neighbours from char-similar's stroke-order, four-corner and
component data; homophones from pypinyin), ``glyph_neighbours.tsv`` (built by
:mod:`.chardata_glyphs`: look-alikes measured on glyphs rendered in three fonts, which covers the
pairs that look alike on the page but are spelled apart in strokes),
``confusion_neighbours.tsv`` (built by :mod:`.chardata_confusion`: SIGHAN's similar-shape set as
pycorrector ships it, pairs that share a component but differ in the radical), ``lexicon.txt`` and
``bigrams.txt`` (jieba's dictionary as frequency buckets). A look-alike from any source is a
candidate; how alike (:func:`shape_prior`) and how rare the written character is in the language
add to the word model's evidence.

API
    ``VolumeModel.build(texts, vocabulary=())`` — the volume's counts (one pass, ~0.1 s on 650k
    characters); ``detect(text, model, names=()) -> [Suspect]`` — the suspects of one
    paragraph (a re-check of one edited paragraph reuses the volume's model);
    ``detect_volume(texts, model, names=())`` — every paragraph at once (faster than one by one:
    the rare stretches of the whole volume are looked up once). ``names`` are never suspected.
"""

from __future__ import annotations

import math
import os
import re
import sys
import time
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, repeat
from itertools import count as numbers
from operator import add, le

from ..resources import RESOURCES, cache_folder

DATA = RESOURCES / "checks"
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")
NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两")

# Tuned once on errors injected into 000 with seed 1 (benchmarks/bench_chars.py); not per volume.
RARE_IN_VOLUME = 2  # a stretch seen more often than this in the volume is the volume's own word
KNOWN_BIGRAM = 6  # bucket (log2 of summed frequency) from which a stretch counts as inside words
TARGET_BIGRAM = 9  # the replaced stretch must be at least this common inside words…
SMALL_TARGET_BIGRAM = 7  # …in a volume below FULL_SIZE (see dictionary_partners)
TARGET_VOLUME = 5  # …or occur this often in the volume (without these candidates from the volume's own
# frequent stretches recall on 000, seed 1, fell from 0.77 to 0.69; 4 or 3 add 0.005-0.015 for 7-9 % more time)
SMALL_TARGET_VOLUME = 3  # …in a volume below FULL_SIZE (where the time does not matter: +0.008 recall on small ones)
MIN_WORD_BUCKET = 0  # all of the dictionary (leaving out frequencies < 6 saves 0.05 s and adds false alarms)
LOG2_TOTAL = 26  # log2 of the dictionary's total frequency (60 million)
UNKNOWN_CHAR = -30.0  # log2 probability of a character the dictionary does not know
WINDOW = 4  # characters each side of the place in the word model
SIMILAR_PENALTY = 1  # char-similar's digit counts this much less than a glyph likeness digit
AGREE = 1  # a pair that both char-similar and the glyphs hold
RARE_CHAR = 10  # a written character of a rarer frequency bucket than this…
RARE_CHAR_WEIGHT = 1.5  # …is this much more suspect per bucket…
RARE_CHAR_SPAN = 8  # …up to this many buckets
NEAR_MIN = -5  # glyph look-alikes of a lower prior (with the rarity) are no candidates (speed)
GLYPH_RANK_BONUS = ((2, 3), (5, 1), (11, -1))  # (rank of the wrong character among the right one's
GLYPH_FAR = -5  # glyph look-alikes, up to, bonus); further down the list
CONFUSION_PRIOR = 0  # a pair of SIGHAN's similar-shape set (as a char-similar digit 7, less the penalty)


class Lexicon:
    """jieba's words (one to four characters) → frequency bucket (log2), decoded lazily.

    Building a dict of all 340,000 words takes 0.1 s, but a volume's suspects look up words
    starting with about 7 % of the two-character prefixes. So single characters are decoded at
    once and the longer words kept as one string per first character, with a group per second
    character (``\x01`` + second character + ``rest`` + bucket character, space separated);
    :meth:`ensure` decodes the groups of every prefix of a stretch into :attr:`words`, the plain
    dict the word model reads. Lookups give what a dict of every word would give."""

    __slots__ = ("_done", "groups", "words")
    _SEP = "\x01"
    _BASE = 48  # a bucket is stored as chr(48 + bucket)

    def __init__(self, single: dict[str, int], groups: dict[str, str]):
        self.words = dict(single)
        self.groups = groups
        self._done: set[str] = set()

    @classmethod
    def from_words(cls, words: dict[str, int]) -> Lexicon:
        single: dict[str, int] = {}
        by_first: dict[str, dict[str, list[str]]] = {}
        for w, b in sorted(words.items()):
            if len(w) == 1:
                single[w] = b
            else:
                by_first.setdefault(w[0], {}).setdefault(w[1], []).append(w[2:] + chr(cls._BASE + b))
        groups = {c: "".join(cls._SEP + c2 + " ".join(items) for c2, items in seconds.items())
                  for c, seconds in by_first.items()}
        return cls(single, groups)

    def state(self) -> tuple[dict[str, int], dict[str, str]]:
        """What the cache keeps (the single characters and the undecoded groups)."""
        return {w: b for w, b in self.words.items() if len(w) == 1}, self.groups

    def ensure(self, s: str) -> dict[str, int]:
        """Decode every word that can start inside ``s``; returns :attr:`words`."""
        done = self._done
        for k in range(len(s) - 1):
            p = s[k : k + 2]
            if p not in done:
                done.add(p)
                blob = self.groups.get(p[0])
                if blob is None:
                    continue
                j = blob.find(self._SEP + p[1])
                if j < 0:
                    continue
                end = blob.find(self._SEP, j + 2)
                words, base = self.words, self._BASE
                for item in blob[j + 2 : end if end >= 0 else len(blob)].split(" "):
                    words[p + item[:-1]] = ord(item[-1]) - base
        return self.words

    def get(self, w: str, default=None):
        return self.ensure(w[:2]).get(w, default) if len(w) > 1 else self.words.get(w, default)

    def __contains__(self, w: str) -> bool:
        return self.get(w) is not None

    def __getitem__(self, w: str) -> int:
        b = self.get(w)
        if b is None:
            raise KeyError(w)
        return b


@dataclass(frozen=True)
class CharData:
    lexicon: Lexicon  # word → frequency bucket (log2)
    bigrams: dict[str, int]  # two characters inside dictionary words → bucket
    shape: dict[str, str]  # character → look-alikes, best first (char-similar's, then the glyphs')
    shape_score: dict[str, str]  # character → one digit per char-similar look-alike (similarity × 10)
    sound: dict[str, str]  # character → homophones, most frequent first
    glyph: dict[str, str] = field(default_factory=dict)  # character → look-alikes on rendered glyphs, best first
    glyph_score: dict[str, str] = field(default_factory=dict)  # one likeness digit (0-9) per glyph look-alike
    before: dict[str, set] = field(default_factory=dict)  # y → every x with x+y a common stretch
    after: dict[str, set] = field(default_factory=dict)  # x → every y with x+y a common stretch
    near: dict[str, str] = field(default_factory=dict)  # look-alikes and homophones together
    confusion: dict[str, str] = field(default_factory=dict)  # character → look-alikes in SIGHAN's set


def _partners(bigrams: Iterable[str]) -> tuple[dict[str, set], dict[str, set]]:
    before: dict[str, set] = {}
    after: dict[str, set] = {}
    for bg in bigrams:
        x, y = bg
        s = before.get(y)
        if s is None:
            before[y] = {x}
        else:
            s.add(x)
        s = after.get(x)
        if s is None:
            after[x] = {y}
        else:
            s.add(y)
    return before, after


def _read_buckets(path, min_bucket: int = 0) -> dict[str, int]:
    out: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        b, words = line.split("\t", 1)
        if int(b) < min_bucket:
            continue
        out.update(dict.fromkeys(words.split(" "), int(b)))
    return out


def _load() -> CharData:
    shape, score, sound, glyph, glyph_score = {}, {}, {}, {}, {}
    for line in (DATA / "char_neighbours.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        c, nb, sc, so = line.split("\t")
        shape[c], score[c], sound[c] = nb, sc, so
    for line in (DATA / "glyph_neighbours.tsv").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            c, glyph[c], glyph_score[c] = line.split("\t")
    confusion = dict(line.split("\t") for line in (DATA / "confusion_neighbours.tsv").read_text(
        encoding="utf-8").splitlines() if not line.startswith("#"))
    bigrams = _read_buckets(DATA / "bigrams.txt")
    before, after = _partners(bg for bg, b in bigrams.items() if b >= TARGET_BIGRAM)
    lexicon = Lexicon.from_words(_read_buckets(DATA / "lexicon.txt", MIN_WORD_BUCKET))
    data = CharData(lexicon, bigrams, shape, score, sound, glyph, glyph_score, confusion=confusion)
    # a glyph look-alike is a candidate where its prior (and the written character's rarity) can matter;
    # every look-alike of the published set is one
    cands = {c: shape.get(c, "") + "".join(n for n in glyph.get(c, "") if n not in shape.get(c, "")
                                           and shape_prior(c, n, data) + rarity(c, data) >= NEAR_MIN)
             for c in shape.keys() | glyph.keys() | confusion.keys()}
    cands = {c: nb + "".join(n for n in confusion.get(c, "") if n not in nb) for c, nb in cands.items()}
    return CharData(lexicon, bigrams, cands, score, sound, glyph, glyph_score, before, after,
                    {c: cands[c] + sound.get(c, "") for c in cands}, confusion)


CACHE_VERSION = 8  # raise when _load changes what it builds
_FIELDS = ("lexicon", "bigrams", "shape", "shape_score", "sound", "glyph", "glyph_score", "before", "after", "near",
           "confusion")


@lru_cache(maxsize=1)
def chardata() -> CharData:
    """The detector's data, loaded once. The parsed tables are kept in the user's cache folder
    (marshal, like jieba's own cache; rebuilt when the shipped files change), the lexicon undecoded
    (:class:`Lexicon`): 0.05 s instead of 0.6 s."""
    import hashlib
    import marshal

    files = [DATA / n for n in ("char_neighbours.tsv", "glyph_neighbours.tsv", "confusion_neighbours.tsv",
                                "bigrams.txt", "lexicon.txt")]
    priors = (SIMILAR_PENALTY, AGREE, GLYPH_RANK_BONUS, GLYPH_FAR, RARE_CHAR, RARE_CHAR_WEIGHT, RARE_CHAR_SPAN, NEAR_MIN,
              CONFUSION_PRIOR)
    stamp = hashlib.sha1(repr((_FIELDS, CACHE_VERSION, TARGET_BIGRAM, MIN_WORD_BUCKET, priors, [(f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in files])).encode()).hexdigest()
    cache = None
    try:
        cache = cache_folder() / f"chardata-{stamp[:16]}.marshal"
        if cache.is_file():
            values = dict(zip(_FIELDS, marshal.loads(cache.read_bytes()), strict=True))
            values["lexicon"] = Lexicon(*values["lexicon"])
            return CharData(**values)
    except (OSError, ValueError, EOFError, TypeError):
        pass
    data = _load()
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps(tuple(data.lexicon.state() if f == "lexicon" else getattr(data, f)
                                                for f in _FIELDS)))
            os.replace(tmp, cache)
            week_ago = time.time() - 7 * 86400
            for old in cache.parent.glob("chardata-*.marshal"):  # tables of earlier shipped files
                if old != cache and old.stat().st_mtime < week_ago:
                    old.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only cache folder only costs the parsing next time
    return data


_UTF16 = "utf-16-le" if sys.byteorder == "little" else "utf-16-be"


def _where(text: str, stretches) -> list[int]:
    """Every offset of ``text`` where one of ``stretches`` (two characters) starts, in order: the
    UTF-16 code units compared as integers."""
    b = text.encode(_UTF16, "surrogatepass")
    n = len(b)
    stretches = stretches if isinstance(stretches, (set, frozenset, dict)) else set(stretches)
    both = "".join(stretches).encode(_UTF16, "surrogatepass")
    if n != 2 * len(text) or len(both) != 4 * len(stretches):  # beyond the Basic Multilingual Plane: as strings
        return list(compress(numbers(), map(stretches.__contains__, map(add, text, text[1:]))))
    keys = set(memoryview(both).cast("I"))
    even = compress(numbers(0, 2), map(keys.__contains__, memoryview(b[: n - n % 4]).cast("I")))
    odd = compress(numbers(1, 2), map(keys.__contains__, memoryview(b[2 : n - (n - 2) % 4]).cast("I")))
    return sorted([*even, *odd])


def _count_pairs(han: str) -> tuple[Counter, Counter]:
    """The two-character stretches and the characters of ``han`` (Chinese and newlines only, all in
    the Basic Multilingual Plane) with their counts. Counted as the machine's 16- and 32-bit integers
    of its UTF-16 code units (two passes for the two alignments of a pair), not as Python strings:
    half the time of a Counter over the stretches."""
    b = han.encode(_UTF16)
    n = len(b)
    pairs = Counter(memoryview(b[: n - n % 4]).cast("I"))
    pairs.update(memoryview(b[2 : n - (n - 2) % 4]).cast("I"))
    s = array("I", pairs.keys()).tobytes().decode(_UTF16)
    stretches = map(s.__getitem__, map(slice, range(0, len(s), 2), range(2, len(s) + 2, 2)))
    # every character but the last starts exactly one stretch of the two passes: its count is the
    # sum of theirs (one step per distinct stretch, a third of the time of counting the characters)
    ones: dict[str, int] = {han[-1]: 1} if han else {}
    get = ones.get
    for first, c in zip(s[0::2], pairs.values(), strict=True):
        ones[first] = get(first, 0) + c
    return Counter(dict(zip(stretches, pairs.values(), strict=True))), Counter(ones)


@dataclass
class VolumeModel:
    """What the volume (and the store) says about its own strings."""

    bigrams: Counter  # two-Chinese-character stretches of the volume and their counts
    vocabulary: dict[str, int] = field(default_factory=dict)  # store/editor words → bucket
    before: dict[str, set] = field(default_factory=dict)  # partners of the volume's common stretches
    after: dict[str, set] = field(default_factory=dict)
    text: str = ""  # the volume's Chinese runs, one a line (for counting longer strings)
    chars: Counter = field(default_factory=Counter)  # every Chinese character of the volume and its count
    size: int = 0  # Chinese characters in the volume (0: not known, as a large volume)
    _longer: dict[str, int] = field(default_factory=dict)  # counts of longer strings asked for so far

    @classmethod
    def build(cls, texts: Iterable[str], vocabulary: Iterable[str] = ()) -> VolumeModel:
        han = _NOT_HAN.sub("\n", "\n".join(texts))
        counts, chars = _count_pairs(han)
        del counts["\n\n"]
        size = len(han) - han.count("\n")
        least = SMALL_TARGET_VOLUME if 0 < size < FULL_SIZE else TARGET_VOLUME
        common = [bg for bg, c in counts.items() if c >= least and bg[0] != "\n" and bg[1] != "\n"]
        before, after = _partners(common)
        return cls(counts, dict.fromkeys((w for w in vocabulary if 2 <= len(w) <= 6), 16), before, after, han, chars,
                   size=size)

    def count(self, s: str) -> int:
        return self.bigrams.get(s, 0)

    def count_longer(self, strings: Iterable[str]) -> dict[str, int]:
        """How often each of ``strings`` (three characters) occurs in the volume: a few by one
        pattern, many in one pass over the volume (remembered for later re-checks)."""
        known = self._longer
        todo = {s for s in strings if s not in known}
        if len(todo) <= LONGER_ONE_BY_ONE:
            if todo:  # one pattern of them all, searched again from the character after each match
                # (strings of one length: at most one matches at a place; overlapping ones are found):
                # 10 ms for 64 strings on 000, where str.count took 27 ms and the pass below 40 ms
                t = self.text
                found = dict.fromkeys(todo, 0)
                pattern = re.compile("|".join(map(re.escape, sorted(todo))))
                m = pattern.search(t)
                while m is not None:
                    found[m.group()] += 1
                    m = pattern.search(t, m.start() + 1)
                known.update(found)
        elif todo:
            known.update(dict.fromkeys(todo, 0))
            t = self.text
            by_first_two: dict[str, dict[str, str]] = {}
            for x in todo:
                by_first_two.setdefault(x[:2], {})[x[2]] = x
            for j in _where(t, by_first_two.keys()):
                x = by_first_two[t[j : j + 2]].get(t[j + 2 : j + 3])
                if x is not None:
                    known[x] += 1
        return known


@dataclass
class Suspect:
    start: int  # offset of the wrong character in the paragraph
    wrong: str
    right: str  # the best candidate
    candidates: list[str]  # every candidate, best first
    word: str  # the corrected word around the place (for the message)
    kind: str  # "shape" or "sound"
    gain: float


_SMALL_PARTNERS: dict[int, tuple[CharData, dict, dict]] = {}


def dictionary_partners(data: CharData, model: VolumeModel) -> tuple[dict[str, set], dict[str, set]]:
    """The partners (before, after) of the dictionary stretches a correction may make: those of
    TARGET_BIGRAM and up (``data.before``/``data.after``); in a volume below FULL_SIZE, which has
    fewer frequent stretches of its own to offer, those of SMALL_TARGET_BIGRAM and up (built once,
    0.03 s)."""
    if not 0 < model.size < FULL_SIZE:
        return data.before, data.after
    kept = _SMALL_PARTNERS.get(id(data))
    if kept is None or kept[0] is not data:
        kept = _SMALL_PARTNERS[id(data)] = (data, *_partners(bg for bg, b in data.bigrams.items()
                                                              if b >= SMALL_TARGET_BIGRAM))
    return kept[1], kept[2]


def rare_stretches(bigrams: Iterable[str], data: CharData, model: VolumeModel,
                   second: Iterable[str] | None = None) -> dict[str, list[tuple[int, str, str]]]:
    """``bigrams``: the rare stretches (two Chinese characters, not inside dictionary words, at most
    RARE_IN_VOLUME times in the volume: see :func:`_rare`). For each one that a look-alike or
    homophone turns into a common stretch (inside dictionary words or frequent in the volume):
    (side, candidate, source) tuples; ``side`` 0 replaces the first character, 1 the second
    (``second``: the stretches whose second character may be replaced, when not all of them).
    One set intersection per stretch and side: the written character's neighbours with the
    characters that make a common stretch with the other one."""
    out: dict[str, list[tuple[int, str, str]]] = {}
    near_all, shape = data.near, data.shape
    before, after = dictionary_partners(data, model)
    empty: frozenset = frozenset()
    # side 0: x+y rare, n+y common (n among the partners before y), n like x; side 1: x+n common
    for side, group, partners, v_partners in ((0, bigrams, before, model.before),
                                              (1, bigrams if second is None else second, after, model.after)):
        by_char: dict[str, list[str]] = {}  # the stretches by their written character: its neighbours once
        for bg in group:
            lst = by_char.get(bg[side])
            if lst is None:
                by_char[bg[side]] = [bg]
            else:
                lst.append(bg)
        get, v_get = partners.get, v_partners.get
        common: dict[str, frozenset | set] = {}  # the other character → its partners, both kinds (once)
        for ch, stretches in by_char.items():
            near = near_all.get(ch)
            if not near:
                continue
            near = frozenset(near)
            shp = shape.get(ch, "")
            for bg in stretches:
                other = bg[1 - side]
                both = common.get(other)
                if both is None:
                    both, more = get(other, empty), v_get(other)
                    if more:
                        both = both | more
                    common[other] = both
                hit = near.intersection(both)
                if hit:
                    lst = out.get(bg)
                    if lst is None:
                        lst = out[bg] = []
                    for n in hit:
                        lst.append((side, n, "shape" if n in shp else "sound"))
    return out


def _best_path(s: str, data: CharData, model: VolumeModel, prefix: list[float] | None = None) -> list[float]:
    """log2 probability of the best segmentation of every prefix of ``s`` into known words
    (``[-1]`` is that of ``s``). ``prefix``: the list of a string that agrees with ``s`` up to
    ``len(prefix) - 1`` characters (the window as written, for a window with one character
    replaced): those values are taken, not computed again."""
    lex = data.lexicon.ensure(s).get
    vocab = model.vocabulary.get if model.vocabulary else None
    counts = model.bigrams.get
    n = len(s)
    best = [0.0] if prefix is None else prefix[:]
    for j in range(len(best), n + 1):
        b = lex(s[j - 1])
        v = best[j - 1] + (b - LOG2_TOTAL if b is not None else UNKNOWN_CHAR)
        if j > 1:
            w = s[j - 2 : j]
            b = lex(w)
            if b is None:
                if vocab is not None:
                    b = vocab(w)
                if b is None:
                    cnt = counts(w, 0)
                    if cnt > RARE_IN_VOLUME:
                        b = 6 + cnt.bit_length()  # the volume's own frequent string: a word there
            if b is not None and best[j - 2] + b - LOG2_TOTAL > v:
                v = best[j - 2] + b - LOG2_TOTAL
            for k in (3, 4):
                if k > j:
                    break
                w = s[j - k : j]
                b = lex(w)
                if b is None and vocab is not None:
                    b = vocab(w)
                if b is not None and best[j - k] + b - LOG2_TOTAL > v:
                    v = best[j - k] + b - LOG2_TOTAL
        best.append(v)
    return best


def _as_written(text: str, i: int, data: CharData, model: VolumeModel) -> tuple[tuple, int, int]:
    """What the place says as written, the same for every candidate: (the stretches through ``i``
    with the bits of their count elsewhere in the volume, best dictionary bucket of those
    stretches, most frequent of them in the volume)."""
    sides, old_lex, old_vol = [], 0, 0
    for k in (i - 1, i):
        bg_old = text[k : k + 2] if k >= 0 else ""
        if len(bg_old) == 2:
            c_old = max(0, model.count(bg_old) - 1)  # elsewhere in the volume: this place does not vouch for itself
            sides.append((k == i, text[k] if k < i else text[i + 1], c_old.bit_length()))
            old_lex = max(old_lex, data.bigrams.get(bg_old, 0))
            old_vol = max(old_vol, c_old)
    return tuple(sides), old_lex, old_vol


def _cheap(text: str, i: int, n: str, src: str, data: CharData, model: VolumeModel,
           written: tuple | None = None) -> tuple[int, float, int, int]:
    """The features that need no word model: (volume gain, similarity prior with the written
    character's rarity, best dictionary bucket of the stretches as written, most frequent stretch
    as written in the volume). ``written``: :func:`_as_written` of the place, when known."""
    sides, old_lex, old_vol = written or _as_written(text, i, data, model)
    count = model.bigrams.get
    vol = 0
    for first, other, old_bits in sides:
        vol += count(n + other if first else other + n, 0).bit_length() - old_bits
    return vol, _prior(text[i], n, src), old_lex, old_vol


@lru_cache(maxsize=1 << 16)
def _prior(wrong: str, right: str, src: str) -> float:
    data = chardata()
    return (shape_prior(wrong, right, data) if src == "shape" else SOUND_PRIOR) + rarity(wrong, data)


def rarity(ch: str, data: CharData) -> float:
    """A character rare in the language (jieba's single-character frequency) is more likely a misreading."""
    return RARE_CHAR_WEIGHT * min(RARE_CHAR_SPAN, max(0, RARE_CHAR - data.lexicon.words.get(ch, 0)))


def shape_prior(wrong: str, right: str, data: CharData) -> int:
    """How likely ``right`` is misread as ``wrong`` by shape alone: the better of char-similar's digit
    (less SIMILAR_PENALTY) and the glyphs' (their likeness digit, plus a bonus when ``wrong`` is among
    the very closest glyphs of ``right``: a scanner turns a character into its nearest look-alikes)
    and CONFUSION_PRIOR for a pair of SIGHAN's set, AGREE more for each further source holding the pair."""
    best = None
    digits = data.shape_score.get(wrong, "")
    k = data.shape.get(wrong, "").find(right)
    if 0 <= k < len(digits):
        best = int(digits[k]) - 6 - SIMILAR_PENALTY
    k = data.glyph.get(wrong, "").find(right)
    if k >= 0:
        rank = data.glyph.get(right, "").find(wrong)
        bonus = next((b for r, b in GLYPH_RANK_BONUS if 0 <= rank <= r), GLYPH_FAR)
        g = int(data.glyph_score[wrong][k]) - 6 + bonus
        best = g if best is None else max(best, g) + AGREE
    if right in data.confusion.get(wrong, ""):
        best = CONFUSION_PRIOR if best is None else max(best, CONFUSION_PRIOR) + AGREE
    return best or 0


def _window(text: str, i: int) -> tuple[int, int]:
    lo, hi = i, i + 1
    while lo > 0 and i - lo < WINDOW and "\u4e00" <= text[lo - 1] <= "\u9fff":
        lo -= 1
    while hi < len(text) and hi - i <= WINDOW and "\u4e00" <= text[hi] <= "\u9fff":
        hi += 1
    return lo, hi


def _in_word(new: str, rel: int, words) -> bool:
    """Is the character at ``rel`` inside a dictionary word of two to four characters of ``new``?
    ``words``: the lexicon (or its decoded words, once :meth:`Lexicon.ensure` has seen ``new``)."""
    for k in (2, 3, 4):
        for s in range(max(0, rel - k + 1), min(rel, len(new) - k) + 1):
            if new[s : s + k] in words:
                return True
    return False


def _word(new: str, rel: int, data: CharData) -> str:
    """The longest dictionary word of the corrected stretch through the corrected character."""
    for k in (4, 3, 2):
        for s in range(max(0, rel - k + 1), min(rel, len(new) - k) + 1):
            if new[s : s + k] in data.lexicon:
                return new[s : s + k]
    return new[max(0, rel - 1) : rel + 2]


# weights of the features above (tuned on 000, seed 1: benchmarks/bench_chars.py)
VOLUME_WEIGHT = 1.5  # per doubling of the corrected stretches' count in the volume
LM_CAP = 18.0  # a place whose other evidence needs more word-model gain than this is not scored
OLD_IN_VOLUME = 3.0  # per occurrence (up to 6) of the stretch as written in the volume
NUMERAL = 3.0  # a numeral as written or suggested (六化一体, 八大类: numbered slogans)
THRESHOLD = 19.0
# a smaller volume says less of itself: its counts are smaller, and every piece of the volume's evidence above
# (counted in doublings) is weaker by as much. Below FULL_SIZE Chinese characters the threshold is SMALL_STEP
# lower for every halving, at most SMALL_MOST lower
FULL_SIZE = 160_000
SMALL_STEP = 1.0
SMALL_MOST = 3.0
SOUND_PRIOR = -7  # a homophone needs this much more evidence than an average look-alike
OLD_SKIP = 6  # from this count on (penalty 18) a place is not scored at all
# the volume's longer strings (tuned on 000, seed 1, both sources): a corrected three-character
# stretch the volume uses elsewhere is strong evidence; a written character the volume uses often
# speaks against a misreading
LONGER_WEIGHT = 2.5  # per doubling of the corrected three-character stretches' count in the volume…
LONGER_CAP = 5  # …up to this many doublings
OWN_CHAR_WEIGHT = 1.0  # per doubling of the written character's count in the volume
ALONE = 6.0  # a correction that makes no dictionary word with its neighbours needs this much more evidence
# the character as written inside a common word with a neighbour (推选, 焦点, 汗水: only the stretch on its other
# side is rare) is that much less suspect per frequency bucket of that stretch above OLD_WORD_BUCKET (on 000 and 001,
# seed 1, all three sources: 6 of the 58 suspects of the untouched volumes gone, 5 of them false; recall -0.001)
OLD_WORD_WEIGHT = 3.0
OLD_WORD_BUCKET = 6
PARALLEL = 12.0  # a place between two of one character (a parallel phrase: 落细落小) is that much less suspect
QUOTED = 4.0  # a place inside a short quotation is that much less suspect
LONGER_ONE_BY_ONE = 64  # up to this many strings are counted by one pattern of them, more in one pass
TRACE: list | None = None  # the benchmark collects every scored place here when set


def threshold(model: VolumeModel) -> float:
    """The score a place needs in this volume (lower in a small one: see FULL_SIZE)."""
    if not 0 < model.size < FULL_SIZE:
        return THRESHOLD
    return THRESHOLD - min(SMALL_MOST, SMALL_STEP * math.log2(FULL_SIZE / model.size))


_DELIM = set("、，,：:；;（()）。 \u3000“”《》\n")
_TITLES = ("书记", "主任", "局长", "区长", "市长", "部长", "主席", "院长", "校长", "委员", "同志", "经理", "所长",
           "站长", "队长", "组长", "厂长", "处长", "科长", "馆长", "代表", "会长", "秘书长")
_AFTER_NAME = ("同志", "一行", "等", "带队", "陪同", "参加", "出席", "主持", "讲话", "（", "(")


@lru_cache(maxsize=1)
def surnames() -> frozenset:
    lines = (DATA / "surnames.txt").read_text(encoding="utf-8").splitlines()
    return frozenset("".join(x for x in lines if not x.startswith("#")))


def _item(text: str, i: int) -> tuple[int, int]:
    """The stretch around ``i`` between list delimiters."""
    a = i
    while a > 0 and text[a - 1] not in _DELIM:
        a -= 1
    b = i + 1
    while b < len(text) and text[b] not in _DELIM:
        b += 1
    return a, b


def in_name_list(text: str, i: int) -> bool:
    """``text[i]`` belongs to a person's name standing in a list of names (``高建华、马建丽、张珺``),
    after a post (``校长蔡文浩，``) or before ``同志``/``一行``/``等``."""
    sur = surnames()
    for p in (i - 2, i - 1, i):
        if p < 0 or text[p] not in sur:
            continue
        for span in (2, 3):
            if not p <= i < p + span or p + span > len(text):
                continue
            before = text[:p]
            after = text[p + span :]
            starts = p == 0 or text[p - 1] in _DELIM or before.endswith(_TITLES)
            ends = not after or after[0] in _DELIM or after.startswith(_AFTER_NAME)
            if not (starts and ends):
                continue
            if before.endswith(_TITLES) or after.startswith(_AFTER_NAME):
                return True
            # a neighbouring item of a list (、) is a name too
            for q in (p - 2, p + span + 1):
                sep = p - 1 if q < p else p + span
                if 0 <= q < len(text) and text[sep] == "、":
                    a, b = _item(text, q)
                    if 2 <= b - a <= 3 and text[a] in sur and not _has_common_word(text[a:b]):
                        return True
    return False


_ORG_ENDS = ("公司", "集团", "药业", "物业", "置业", "实业", "电子", "商贸", "社区", "小区", "家园", "花园", "苑",
             "大厦", "酒店", "宾馆")
_ORG_NAME = 6  # characters of an organisation's or estate's own name before its ending


_COMPANY_ENDS = ("有限公司", "有限责任", "股份有限", "集团有限")  # a company's legal form after its trade


def in_org_name(text: str, i: int) -> bool:
    """``text[i]`` is in the name of a company, estate or community (``兰州三磊电子有限公司``,
    ``长城嘉裕苑``, ``牟南社区``): within a few characters before such an ending, no delimiter
    between. Before a company's legal form only the name itself counts, not its trade: what lies
    between the place and the legal form is words (``大晟|建设工程|有限公司``, ``东昊|特种玻璃|``;
    but ``机楔|化建设工程`` and ``生物刷|品研究所`` break a word there). A name is written as its
    owner chose, look-alike or not."""
    tail = text[i + 1 : i + 1 + _ORG_NAME + 6]
    for k in range(min(_ORG_NAME, len(tail))):
        if tail[k] in _DELIM:
            return False
        if tail.startswith(_ORG_ENDS, k):
            return True
        if tail.startswith(_COMPANY_ENDS, k):
            return _in_words(tail[:k])
    return False


def _in_words(s: str) -> bool:
    """``s`` is empty or a run of dictionary words of two to four characters."""
    lex = chardata().lexicon
    ok = [True] + [False] * len(s)
    for j in range(2, len(s) + 1):
        ok[j] = any(ok[j - k] and s[j - k : j] in lex for k in (2, 3, 4) if k <= j)
    return ok[-1]


_OPENING = "“‘《「『"
_CLOSING = "”’》」』"
QUOTE_REACH = 12  # characters of a quoted name, slogan or title


def in_short_quote(text: str, i: int) -> bool:
    """``text[i]`` stands inside a short quotation (“文明伴你行”, 《雨霁云开》): a name, slogan or
    title, worded on purpose."""
    a = i - 1
    while a >= 0 and text[a] not in _OPENING:
        if text[a] in _CLOSING or i - a >= QUOTE_REACH:
            return False
        a -= 1
    if a < 0:
        return False
    b = i + 1
    while b < len(text) and b - a <= QUOTE_REACH:
        if text[b] in _CLOSING:
            return True
        if text[b] in _OPENING:
            return False
        b += 1
    return False


def _has_common_word(s: str) -> bool:
    lex = chardata().lexicon
    return any(lex.get(s[k : k + 2], 0) >= 10 for k in range(len(s) - 1))


def in_name(text: str, i: int, names) -> bool:
    """``text[i]`` is part of one of ``names`` (two to five characters)."""
    return any(text[s : s + n] in names for n in range(2, 6) for s in range(max(0, i - n + 1), i + 1))


def _longer(text: str, i: int, ch: str) -> list[str]:
    """The three-character stretches of Chinese through ``i`` with ``ch`` in its place."""
    out = []
    for k in (i - 2, i - 1, i):
        if k >= 0 and k + 3 <= len(text):
            s = text[k:i] + ch + text[i + 1 : k + 3]
            if all("\u4e00" <= c <= "\u9fff" for c in s):
                out.append(s)
    return out


def _longer_reach(text: str, i: int, n: str, model: VolumeModel) -> float:
    """The most the longer stretches can add for ``n`` at ``i``: a three-character stretch occurs no
    more often than either of its two-character stretches (dictionary lookups, no counting)."""
    count = model.bigrams.get
    left = count(text[i - 1] + n, 0) if i > 0 else 0
    right = count(n + text[i + 1], 0) if i + 1 < len(text) else 0
    if not (left or right):
        return 0.0
    bound = min(left, right) + min(left, count(text[i - 2 : i], 0) if i > 1 else 0) \
        + min(right, count(text[i + 1 : i + 3], 0))
    return LONGER_WEIGHT * min(LONGER_CAP, math.log2(1 + bound))


def _score_place(text: str, i: int, cands: list[tuple[str, str]], data: CharData, model: VolumeModel,
                 names) -> list[list] | None:
    """The candidates of one place scored by everything but the longer stretches (``[score, n,
    src, corrected window, features]``, best first), or None when the place is not worth it. The
    score: the word model's gain, the volume's gain (×1.5), the similarity prior, less what speaks
    for the text as written (the stretches as written elsewhere in the volume, the written character
    common in it, a parallel phrase, a short quotation, a numeral)."""
    wrong = text[i]
    count = model.bigrams.get
    c_left = count(text[i - 1 : i + 1], 0) if i else 0
    c_right = count(text[i : i + 2], 0)
    if c_left > OLD_SKIP or c_right > OLD_SKIP:
        return None  # the character as written makes a stretch common in the volume
    # what :func:`_as_written` says, and :func:`_cheap` below for each candidate, without the calls
    # (a third of the time of this step: ten thousand places on a large volume)
    left = text[i - 1] if i else None
    right = text[i + 1] if i + 1 < len(text) else None
    c_left = c_left - 1 if c_left else 0  # elsewhere in the volume: this place does not vouch for itself
    c_right = c_right - 1 if c_right else 0
    bits_left, bits_right = c_left.bit_length(), c_right.bit_length()
    lex = data.bigrams.get
    old_lex = max(lex(left + wrong, 0) if left else 0, lex(wrong + right, 0) if right else 0)
    old_vol = max(c_left if left else 0, c_right if right else 0)
    own = OWN_CHAR_WEIGHT * math.log2(1 + model.chars.get(wrong, 0))
    if left is not None and left == right:
        own += PARALLEL  # between two of one character: 懒政怠政, 特事特办, 宜居宜业
    fixed = -OLD_IN_VOLUME * min(old_vol, 6) - own - (NUMERAL if wrong in NUMERALS else 0.0)
    fixed -= OLD_WORD_WEIGHT * max(0, old_lex - OLD_WORD_BUCKET)  # written, it is inside a common word
    need = threshold(model) - LM_CAP  # the most the word model can add, and the longer stretches below
    pre = []
    for n, src in cands:
        vol = (count(left + n, 0).bit_length() - bits_left if left else 0) \
            + (count(n + right, 0).bit_length() - bits_right if right else 0)
        prior = _prior(wrong, n, src)
        base = VOLUME_WEIGHT * vol + prior + fixed
        if n in NUMERALS and wrong not in NUMERALS:
            base -= NUMERAL
        if base + LONGER_WEIGHT * LONGER_CAP >= need:
            reach = _longer_reach(text, i, n, model)
            if base + reach >= need:
                pre.append((n, src, (vol, prior, old_lex, old_vol), base, reach))
    if pre and QUOTED and in_short_quote(text, i):  # (looked at only where a candidate is left: a third of the places)
        own += QUOTED
        pre = [(n, src, cheap, base - QUOTED, reach) for n, src, cheap, base, reach in pre if base - QUOTED + reach >= need]
    if not pre or (names and in_name(text, i, names)) or in_name_list(text, i) or in_org_name(text, i):
        return None
    lo, hi = _window(text, i)
    old = text[lo:hi]
    rel = i - lo
    old_best = _best_path(old, data, model)
    old_lm = old_best[-1]
    head = old_best[: rel + 1]  # the segmentations of the characters before the place are the same
    words = data.lexicon.words  # every word of the corrected windows decoded by _best_path
    scored = []
    for n, src, cheap, base, reach in pre:
        new = old[:rel] + n + old[rel + 1 :]
        lm = _best_path(new, data, model, head)[-1] - old_lm
        if ALONE and not _in_word(new, rel, words):
            lm -= ALONE  # the correction makes no word with its neighbours, only a character on its own
        scored.append([base + lm, n, src, new, (lm, *cheap, own), reach])
    return scored


def _finish(places: list[tuple[str, int, list[list]]], data: CharData,
            model: VolumeModel) -> list[tuple[int, Suspect]]:
    """Add what the volume says of the longer stretches (the corrected three characters used
    elsewhere in the volume) to the places that it can decide, and keep the suspects above the
    threshold: (index in ``places``, suspect). (The written three characters repeated elsewhere
    count nothing: their two-character stretch repeated is already against the place, and an
    error repeated in the same word is common in a scanned book.)"""
    limit = threshold(model)
    want = set()
    for text, i, scored in places:
        want.update(*(_longer(text, i, x[1]) for x in scored if x[5] and x[0] + x[5] >= limit))
    counts = model.count_longer(want)
    out = []
    for k, (text, i, scored) in enumerate(places):
        if not any(x[0] + x[5] >= limit for x in scored):
            continue
        for x in scored:
            more = sum(counts[s] for s in _longer(text, i, x[1])) if x[5] and x[0] + x[5] >= limit else 0
            x[0] += LONGER_WEIGHT * min(LONGER_CAP, math.log2(1 + more))
            x[4] = (*x[4], more)
        scored.sort(key=lambda x: (-x[0], x[1]))
        score, n, src, new, feats, _reach = scored[0]
        if TRACE is not None:
            TRACE.append((text, i, n, src, feats))
        if score < limit:
            continue
        cands = [x[1] for x in scored if x[0] >= limit]
        lo = _window(text, i)[0]
        out.append((k, Suspect(i, text[i], n, list(dict.fromkeys(cands)), _word(new, i - lo, data), src, score)))
    return out


def _suspects_at(text: str, positions: dict[int, list[tuple[str, str]]], data: CharData, model: VolumeModel,
                 names) -> list[Suspect]:
    places = []
    for i in sorted(positions):
        scored = _score_place(text, i, positions[i], data, model, names)
        if scored:
            places.append((text, i, scored))
    return [s for _k, s in _finish(places, data, model)]


def _places(text: str, rare: set[str], data: CharData, model: VolumeModel) -> dict[int, list[tuple[str, str]]]:
    """The places of ``text`` worth scoring (offset → candidates): a character of a rare stretch
    (``rare``) whose look-alike makes a common one, unless the character as written makes a
    common stretch on its other side. The stretches are found without a Python step per character."""
    count = model.bigrams.get
    js = _where(text, rare)
    none, skip = repeat(0), repeat(OLD_SKIP)

    def stretches(offset: int) -> list[str]:  # the two characters from j + offset for every j, sliced in C
        return list(map(text.__getitem__, map(slice, map(add, js, repeat(offset)), map(add, js, repeat(offset + 2)))))

    here = stretches(0)
    # the rare stretches whose first (second) character is worth replacing: the character does not make
    # a common stretch with the one before (after) it (at the start of the text, text[-1:1] is "")
    firsts = set(compress(here, map(le, map(count, stretches(-1), none), skip)))
    seconds = set(compress(here, map(le, map(count, stretches(1), none), skip)))
    found = rare_stretches(firsts, data, model, seconds)
    at: dict[int, list[tuple[str, str]]] = {}
    hit = list(map(found.get, here))
    for j, hits in compress(zip(js, hit, strict=True), hit):  # (a third of the stretches have a candidate)
        for side, n, src in hits:
            lst = at.get(j + side)
            if lst is None:
                at[j + side] = [(n, src)]
            elif (n, src) not in lst:
                lst.append((n, src))
    return at


def _rare(counted: Iterable[tuple[str, int]], data: CharData) -> list[str]:
    lex = data.bigrams
    return [bg for bg, c in counted if c <= RARE_IN_VOLUME and bg not in lex and "\u4e00" <= bg[0] <= "\u9fff"
            and "\u4e00" <= bg[1] <= "\u9fff"]


def detect(text: str, model: VolumeModel, names=frozenset()) -> list[Suspect]:
    """The suspects of one paragraph (``names``: strings never suggested for correction)."""
    data = chardata()
    mine = set(map(add, text, text[1:]))
    rare = set(_rare(((bg, model.bigrams.get(bg, 0)) for bg in mine), data))
    return _suspects_at(text, _places(text, rare, data, model), data, model, names) if rare else []


def detect_volume(texts: Sequence[str], model: VolumeModel, names=frozenset()) -> list[tuple[int, Suspect]]:
    """(index of the text, suspect) for every paragraph."""
    from bisect import bisect_right

    data = chardata()
    joined = "\n".join(texts)
    at = _places(joined, set(_rare(model.bigrams.items(), data)), data, model)
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    places, which = [], []
    for p in sorted(at):
        idx = bisect_right(starts, p) - 1
        text = texts[idx]
        scored = _score_place(text, p - starts[idx], at[p], data, model, names)
        if scored:
            which.append(idx)
            places.append((text, p - starts[idx], scored))
    return [(which[k], s) for k, s in _finish(places, data, model)]
