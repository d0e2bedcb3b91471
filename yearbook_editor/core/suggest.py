"""Tag suggestions for an entry: keywords by TF-IDF against the volume (jieba), tags of the
vocabulary whose names occur in the entry, and the contributor named in its credit
(``（供稿：区统计局）``, ``（宋伟荣）``).

jieba is loaded lazily (``load_jieba``, meant for a background thread: it takes about a
second) with its cache in the user's data directory, so start-up never waits for it. The
volume's word statistics are built once per volume (:class:`VolumeSuggester`); after that
a suggestion for one entry takes a few milliseconds.
"""

from __future__ import annotations

import logging
import math
import re
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .model import BlockKind, NodeKind
from .progress import NO_PROGRESS, Progress
from .store import Store
from .tags import TagNodes, create_tag, find_tag, list_tags

_lock = threading.Lock()
_loaded = False

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CREDIT = re.compile(r"^[（(]\s*(?:供稿|撰稿|撰写|资料提供|提供|稿件来源)?\s*[：:]?\s*([^（）()：:]{2,30})\s*[）)]$")
_CREDIT_LABELLED = re.compile(r"[（(]\s*(?:供稿|撰稿|撰写|资料提供|稿件来源)\s*[：:]\s*([^（）()]{2,30})\s*[）)]\s*$")
# Words that say nothing about a yearbook entry's topic (they occur everywhere).
STOPWORDS = set(
    "全区 全市 全县 同比 增长 下降 开展 工作 进行 完成 实现 组织 加强 推进 落实 提升 全年 年末 其中 以上 以下 "
    "累计 共计 万元 亿元 个人 我们 一个 一些 各类 有关 相关 情况 问题 方面 部门 单位 活动 年度 期间 先后 "
    "分别 主要 重点 不断 积极 有效 进一步 持续 全面 深入 健全 完善 工作人员 同志".split()
)
_MEASURE = re.compile(r"^[万亿千百]?(人|元|户|名|个|次|吨|亩|千米|公里|平方米|平方千米|人次)$")
_NOUN_FLAGS = ("n", "nr", "ns", "nt", "nz", "vn", "nw", "an", "j", "l")
_NAME_FLAGS = ("nr", "ns", "nt", "nz")
#: a one-character administrative unit after a word makes a place name of it (示例 + 省 → 示例省)
PLACE_UNITS = frozenset("省市县区旗镇乡村")
#: jieba's frequency from which a word is ordinary vocabulary (关键 5721, 部分 27619; 方言 1480, 城郭 119):
#: used once in an entry, such a word comes after every other keyword
COMMON_WORD = 2000


def jieba_cache_dir() -> Path:
    """The one folder for jieba's dictionary cache, for the desktop app and the command line
    alike: ``load_jieba(jieba_cache_dir())``."""
    from .resources import cache_folder

    return cache_folder() / "jieba"


def load_jieba(cache_dir: str | Path | None = None):
    """Load jieba's dictionary once (thread-safe), caching it in ``cache_dir`` (by default the
    program's one folder, :func:`jieba_cache_dir`, never jieba's own temporary folder)."""
    global _loaded
    import jieba

    with _lock:
        if not _loaded:
            jieba.setLogLevel(logging.WARNING)
            cache_dir = Path(cache_dir if cache_dir is not None else jieba_cache_dir())
            try:
                cache_dir.mkdir(parents=True, exist_ok=True)
                jieba.dt.tmp_dir = str(cache_dir)
                jieba.dt.cache_file = "jieba.cache"
            except OSError:
                pass  # no cache folder (read-only home): jieba's own temporary folder
            _initialize_in_pieces(jieba, cache_dir)
            import jieba.posseg

            jieba.posseg.lcut("年鉴")  # loads the part-of-speech tables now, not at the first suggestion
            _loaded = True
    return jieba


#: jieba's prefix dictionary is cached in this many pieces (about 15,000 words each)
_PIECES = 40


def _initialize_in_pieces(jieba, cache_dir: Path) -> bool:
    """jieba's dictionary (its prefix dict: 580,000 words and prefixes) read from a cache kept in
    pieces, the interpreter let go between two pieces. jieba's own cache is one ``marshal.load``
    that holds the interpreter for 0.5–0.8 s: while it loads in the background, an edit in the
    window would wait for all of it. The first time (or after jieba or its dictionary changed)
    jieba builds its dictionary its own way and the pieces are written for the next start.
    Returns whether the pieces were read."""
    import marshal
    import time

    dt = jieba.dt
    dict_file = Path(jieba.__file__).parent / "dict.txt"
    try:
        st = dict_file.stat()
        path = cache_dir / f"jieba-{jieba.__version__}-{st.st_size}-{int(st.st_mtime)}.pieces"
        pieces, total = marshal.loads(path.read_bytes())
        freq: dict[str, int] = {}
        for piece in pieces:
            freq.update(marshal.loads(piece))
            time.sleep(0)  # the window's thread may run now
    except (OSError, ValueError, EOFError, TypeError):
        jieba.initialize()
        _write_pieces(dt.FREQ, dt.total, cache_dir, dict_file, jieba.__version__)
        return False
    with dt.lock:
        taken = not dt.initialized and dt.dictionary == jieba.DEFAULT_DICT  # jieba's own dictionary
        if taken:
            dt.FREQ, dt.total, dt.initialized = freq, total, True
    jieba.initialize()  # no-op when the pieces were taken; else jieba's own way
    return taken


def _write_pieces(freq: dict, total: int, cache_dir: Path, dict_file: Path, version: str) -> None:
    import marshal
    import os

    try:
        st = dict_file.stat()
        path = cache_dir / f"jieba-{version}-{st.st_size}-{int(st.st_mtime)}.pieces"
        items = list(freq.items())
        pieces = [marshal.dumps(dict(items[i::_PIECES])) for i in range(_PIECES)]
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps((pieces, total)))
        os.replace(tmp, path)
    except OSError:
        pass  # no cache this time: the next start builds it again


def jieba_loaded() -> bool:
    return _loaded


@dataclass(frozen=True)
class Suggestion:
    label: str
    group: str  # tag group: 'topic', 'contributor', 'index' …
    score: float
    reason: str  # in words, for the editor: 关键词 / 词表中已有 / 供稿单位
    tag_id: int | None = None  # the vocabulary's tag, when it has one


def credit_name(text: str) -> str | None:
    """The contributor named in a credit line such as （供稿：区统计局） or （宋伟荣）."""
    t = text.strip()
    m = _CREDIT_LABELLED.search(t) or _CREDIT.match(t)
    if not m:
        return None
    name = m.group(1).strip()
    if not _CJK.search(name) or any(ch in name for ch in "，。；！？") or re.search(r"\d", name):
        return None
    return name


def _place_name(word: str) -> bool:
    return len(word) >= 3 and word[-1] in PLACE_UNITS and word[-2] not in PLACE_UNITS


def segment(jieba, text: str) -> list[str]:
    """jieba's words of ``text``, a noun followed by a one-character administrative unit joined
    into the place name (位于示例省中部: 示例省, not 示例 and 省; but 针对 + 区 stays apart)."""
    import jieba.posseg as pseg

    tags = pseg.dt.word_tag_tab
    out: list[str] = []
    for w in jieba.lcut(text):
        prev = out[-1] if out else ""
        if (w in PLACE_UNITS and len(prev) >= 2 and _CJK.fullmatch(prev[-1]) and prev[-1] not in PLACE_UNITS
                and tags.get(prev, "n").startswith("n")):
            out[-1] += w
        else:
            out.append(w)
    return out


def build_suggester(store_path, volume_id: int, read_only: bool = False, *,
                    progress: Progress = NO_PROGRESS) -> VolumeSuggester:
    """A volume's word statistics built on a connection of its own (the app builds them in a
    process of its own, ``core.processes``: 1–2.5 s of segmenting text that would otherwise make
    the window's thread wait); the result travels without its store: set ``store`` to use it."""
    with Store(store_path, read_only=read_only) as store:
        sg = VolumeSuggester(store, volume_id, progress=progress)
    sg.store = None
    return sg


class VolumeSuggester:
    """Word statistics of one volume, for suggesting tags to its entries."""

    def __init__(self, store: Store, volume_id: int, progress: Progress = NO_PROGRESS):
        jieba = load_jieba()
        self.store, self.volume_id = store, volume_id
        self.store_path = str(store.path)
        self._texts: dict[int, str] = {}
        self._credits: dict[int, str] = {}
        rows = store.query(
            "SELECT b.node_id, b.kind, b.role, b.text FROM blocks b JOIN nodes n ON n.id = b.node_id"
            " WHERE b.volume_id = ? AND b.deleted = 0 AND b.kind != 'noise' AND n.kind = ? AND n.deleted = 0"
            " ORDER BY b.seq",
            (volume_id, NodeKind.ENTRY),
        )
        parts: dict[int, list[str]] = {}
        for r in rows:
            parts.setdefault(r["node_id"], []).append(r["text"])
            if r["kind"] == BlockKind.PARAGRAPH:
                name = credit_name(r["text"])
                if name is None:  # a credit run into the end of a paragraph
                    m = _CREDIT_LABELLED.search(r["text"])
                    name = m.group(1).strip() if m else None
                if name:
                    self._credits[r["node_id"]] = name
        self._tokens: dict[int, Counter] = {}
        df: Counter = Counter()
        for n, (node_id, texts) in enumerate(parts.items()):
            if n % 200 == 0:
                progress(n, len(parts), "分析词语")
            text = "\n".join(texts)
            self._texts[node_id] = text
            words = Counter(w for w in segment(jieba, text) if self._useful(w))
            self._tokens[node_id] = words
            df.update(words.keys())
        self._df = df
        self._n = max(1, len(parts))
        self._titles = {r["id"]: r["title"] or "" for r in store.query(
            "SELECT id, title FROM nodes WHERE volume_id = ? AND kind = ? AND deleted = 0", (volume_id, NodeKind.ENTRY))}
        self._title_uses = Counter(self._titles.values())
        self._vocab = [t for t in list_tags(store) if len(t["name"]) >= 2]

    @staticmethod
    def _useful(word: str) -> bool:
        return (len(word) >= 2 and bool(_CJK.search(word)) and word not in STOPWORDS
                and not re.search(r"\d", word) and not _MEASURE.match(word))

    def keywords(self, node_id: int, k: int = 8) -> list[tuple[str, float]]:
        """The entry's most characteristic nouns (TF-IDF against the volume's entries), each a
        whole word: see :meth:`whole_noun`."""
        jieba = load_jieba()
        words = self._tokens.get(node_id)
        if words is None:
            words = Counter(w for w in segment(jieba, self._node_text(node_id)) if self._useful(w))
        total = sum(words.values()) or 1
        scored = [
            (w, (c / total) * math.log((self._n + 1) / (1 + self._df.get(w, 0))) * (1 + 0.1 * min(len(w), 4)))
            for w, c in words.items()
        ]
        scored.sort(key=lambda x: (-x[1], x[0]))
        title = self._titles.get(node_id, "")
        heading = self._title_uses.get(title, 0) >= 2  # 概况, 名称来历, 地理位置: a recurring heading
        text = self._node_text(node_id) if heading else ""
        kept = []
        for w, s in scored[: k * 4]:
            flag = self.noun_flag(jieba, w)
            if flag is None:
                continue
            if heading and w in title and text.count(w) <= title.count(w):
                continue  # only in the recurring heading (名称 of 名称来历): a label, not the topic
            ordinary = words[w] == 1 and jieba.dt.FREQ.get(w, 0) >= COMMON_WORD and not flag.startswith(_NAME_FLAGS)
            kept.append((ordinary, -s, w))
        kept.sort()  # ordinary vocabulary used once (部分, 关键, 力量) after every other keyword
        return [(w, -s) for _o, s, w in kept[:k]]

    def noun_flag(self, jieba, word: str) -> str | None:
        """The part of speech of ``word`` when it can be a keyword, else None. A keyword must be a
        word, not a stretch jieba's guesser cut out of a sentence (为关 from 称郭城为关, 闫青到):
        a word of jieba's dictionary, a place name made by :func:`segment` from a dictionary
        noun, or a new word (or place name) the volume uses in at least two entries; and a noun (the dictionary's tag, or the tagger's for
        the word standing alone, which must keep it whole)."""
        import jieba.posseg as pseg

        freq = jieba.dt.FREQ.get(word, 0)
        flag = pseg.dt.word_tag_tab.get(word) if freq else None
        if flag is None:
            if _place_name(word) and (pseg.dt.word_tag_tab.get(word[:-1], "").startswith("n")
                                      or self._df.get(word, 0) >= 2):
                flag = "ns"  # a noun of the dictionary with its unit, or a name the volume repeats
            elif not freq and self._df.get(word, 0) < 2:
                return None
            else:
                tags = pseg.lcut(word)
                flag = tags[0].flag if len(tags) == 1 else ""
        return flag if flag.startswith(_NOUN_FLAGS) else None

    def _node_text(self, node_id: int) -> str:
        if node_id not in self._texts:
            rows = self.store.query("SELECT text FROM blocks WHERE node_id = ? AND deleted = 0 AND kind != 'noise'"
                                    " ORDER BY seq", (node_id,))
            self._texts[node_id] = "\n".join(r["text"] for r in rows)
        return self._texts[node_id]

    def suggest(self, node_id: int, k: int = 8) -> list[Suggestion]:
        text = self._node_text(node_id)
        have = {r["tag_id"] for r in self.store.query("SELECT tag_id FROM node_tags WHERE node_id = ?", (node_id,))}
        out: dict[str, Suggestion] = {}
        credit = self._credits.get(node_id)
        if credit:
            tag = find_tag(self.store, credit, "contributor")
            out[credit] = Suggestion(credit, "contributor", 1.0, "供稿单位", tag["id"] if tag else None)
        for t in self._vocab:
            if t["grp"] in ("topic", "index") and t["name"] in text and t["name"] not in out:
                out[t["name"]] = Suggestion(t["name"], t["grp"], 0.8, "词表中已有", t["id"])
        for word, score in self.keywords(node_id, k):
            if word not in out:
                tag = next((t for t in self._vocab if t["name"] == word), None)
                out[word] = Suggestion(word, tag["grp"] if tag else "index", round(score, 4), "关键词",
                                       tag["id"] if tag else None)
        return [s for s in out.values() if s.tag_id not in have or s.tag_id is None][: k + 4]


def accept(store: Store, node_ids: list[int], suggestion: Suggestion) -> TagNodes:
    """The edit that puts a suggested tag on nodes (the tag is added to the vocabulary first
    when it is new)."""
    tag_id = suggestion.tag_id or create_tag(store, suggestion.label, suggestion.group)
    return TagNodes(tuple(node_ids), tag_id)
