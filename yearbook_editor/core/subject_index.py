"""The subject index (主题索引) of a volume: index terms are the tags of the ``index`` group;
each term lists the entries it is put on, by outline path and, where the source gives page
numbers, by page. Terms are sorted by pinyin (pypinyin, phrase-aware: 重庆 chóng, 银行
háng), tone by tone, with the surname readings for person names (曾 zēng, 单 shàn …:
terms under an index tag named 人物 are names).

Pages come from the page-number furniture the parser found (``- 8 -``, ``8``, ``— 2 — ★``):
a page number is taken as the page's footer, so a line belongs to the page whose number
comes next; between two known numbers the page is interpolated by line position and
marked as approximate (约).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .store import Store
from .structure import node_paths
from .tags import list_tags

# Surnames whose reading differs from the common one (for person names in the index).
SURNAME_READINGS = {
    "尉迟": ["yu4", "chi2"], "万俟": ["mo4", "qi2"], "单于": ["chan2", "yu2"], "长孙": ["zhang3", "sun1"],
    "曾": ["zeng1"], "单": ["shan4"], "解": ["xie4"], "仇": ["qiu2"], "区": ["ou1"], "朴": ["piao2"],
    "查": ["zha1"], "覃": ["qin2"], "盖": ["ge3"], "缪": ["miao4"], "翟": ["zhai2"], "乐": ["yue4"],
    "柏": ["bai3"], "繁": ["po2"], "种": ["chong2"], "召": ["shao4"], "秘": ["bi4"], "冼": ["xian3"],
    "纪": ["ji3"], "燕": ["yan1"], "尉": ["yu4"], "那": ["na1"], "都": ["du1"], "六": ["lu4"], "薄": ["bo2"],
    "贾": ["jia3"], "居": ["ju1"], "牟": ["mou2"], "阚": ["kan4"], "黑": ["he4"], "任": ["ren2"], "华": ["hua4"],
    "过": ["guo1"], "宿": ["su4"], "车": ["che1"], "折": ["she2"], "藏": ["zang4"], "洗": ["xian3"],
    "佴": ["nai4"], "句": ["gou1"], "员": ["yun4"], "宁": ["ning4"], "沈": ["shen3"], "石": ["shi2"],
}

_PAGE_NUMBER = re.compile(r"^[\s\-—–－·•★☆]*(\d{1,4})[\s\-—–－·•★☆]*$")


def pinyin_key(term: str, person: bool = False) -> tuple:
    """Sort key: pinyin syllables with tone numbers (a-z, tone 1-4, neutral last), then the
    characters themselves."""
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(term, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda s: list(s))
    if person:
        for surname in sorted(SURNAME_READINGS, key=len, reverse=True):
            if term.startswith(surname):
                syllables[: len(surname)] = SURNAME_READINGS[surname]
                break
    return (tuple(s.lower() for s in syllables), term)


@dataclass
class IndexRef:
    node_id: int
    path: str
    page: int | None = None
    approximate: bool = False


@dataclass
class IndexTerm:
    tag_id: int
    term: str
    refs: list[IndexRef] = field(default_factory=list)


class PageMap:
    """Line number → printed page, from the page-number furniture of a volume."""

    def __init__(self, numbered: list[tuple[int, int]]):
        self.lines = [ln for ln, _ in numbered]
        self.pages = [pg for _, pg in numbered]

    @classmethod
    def of_volume(cls, store: Store, volume_id: int) -> PageMap:
        found = []
        for r in store.query("SELECT line_start, text FROM blocks WHERE volume_id = ? AND kind = 'noise'"
                             " AND role = 'page_number' ORDER BY seq", (volume_id,)):
            m = _PAGE_NUMBER.match(r["text"])
            if m:
                found.append((r["line_start"], int(m.group(1))))
        # keep an increasing run: stray numbers (table cells taken for page numbers) are dropped
        clean: list[tuple[int, int]] = []
        for line, page in sorted(found):
            if not clean or page > clean[-1][1]:
                clean.append((line, page))
        return cls(clean)

    def page(self, line: int) -> tuple[int | None, bool]:
        """(page, approximate) of a source line; (None, False) without page numbers."""
        if not self.lines:
            return None, False
        i = bisect.bisect_left(self.lines, line)
        if i < len(self.lines) and self.lines[i] == line:
            return self.pages[i], False
        if i == 0:  # before the first known number: count back at the average page length
            return max(1, self.pages[0] - self._pages_between(line, self.lines[0])), True
        if i == len(self.lines):
            return self.pages[-1] + 1 + self._pages_between(self.lines[-1], line), True
        l1, p1, l2, p2 = self.lines[i - 1], self.pages[i - 1], self.lines[i], self.pages[i]
        if p2 == p1 + 1:
            return p2, False
        frac = (line - l1) / (l2 - l1)
        return min(p2, p1 + 1 + int(frac * (p2 - p1))), True

    def _pages_between(self, a: int, b: int) -> int:
        if len(self.lines) < 2:
            return 0
        per_page = (self.lines[-1] - self.lines[0]) / max(1, self.pages[-1] - self.pages[0])
        return int((b - a) / per_page) if per_page > 0 else 0


def build_index(store: Store, volume_id: int) -> list[IndexTerm]:
    tags = [t for t in list_tags(store) if t["grp"] == "index"]
    if not tags:
        return []
    person = {t["id"] for t in tags if t["path"].startswith("人物/")}
    ids = [t["id"] for t in tags]
    rows = store.query(
        f"SELECT nt.tag_id, n.id, n.line_start FROM node_tags nt JOIN nodes n ON n.id = nt.node_id"
        f" WHERE n.volume_id = ? AND n.deleted = 0 AND nt.tag_id IN ({','.join('?' * len(ids))}) ORDER BY n.seq",
        [volume_id, *ids],
    )
    paths = node_paths(store, volume_id)
    pages = PageMap.of_volume(store, volume_id)
    terms: dict[int, IndexTerm] = {}
    by_id = {t["id"]: t for t in tags}
    for r in rows:
        term = terms.setdefault(r["tag_id"], IndexTerm(r["tag_id"], by_id[r["tag_id"]]["name"]))
        page, approx = pages.page(r["line_start"])
        term.refs.append(IndexRef(r["id"], paths.get(r["id"], ""), page, approx))
    return sorted(terms.values(), key=lambda t: pinyin_key(t.term, t.tag_id in person))


def index_lines(store: Store, volume_id: int) -> list[str]:
    """The index as text lines (for the text and Markdown exports)."""
    out = []
    for term in build_index(store, volume_id):
        refs = "；".join(
            r.path + (f"（{'约' if r.approximate else ''}第 {r.page} 页）" if r.page else "") for r in term.refs
        )
        out.append(f"{term.term}　{refs}")
    return ["主题索引", *out] if out else []
