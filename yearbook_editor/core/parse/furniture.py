"""Page furniture: page numbers, running headers, captions, markers, URLs, separators.

Two kinds of finds:

* whole lines that are furniture (:func:`find_furniture_lines`), decided from the line's text
  and its surroundings (blank-line runs, a neighbouring page number, repetition across the
  volume, whether it interrupts a sentence);
* furniture tokens inside a line (:func:`inline_noise`), e.g. ``##paidbegin##`` or a page
  number glued to text; the line is then split into several pieces.
"""

from __future__ import annotations

import re
from collections import Counter

from .lines import LineFacts, has_sentence_punct

_MARKER = re.compile(r"##[A-Za-z_][A-Za-z0-9_]*##|\*\*+")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~〜]{1,2}\s*\d{1,4}\s*[-—–－~〜]{1,2}\s*[★☆]?|[★☆]\s*[-—–－]\s*\d{1,4}\s*[-—–－]|"
    r"第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|[·•]\s*\d{1,4}\s*[·•])$"
)
_GLUED_PAGE_START = re.compile(r"^[-—–－]\s?\d{1,4}\s?[-—–－]\s+(?=\S)")
_GLUED_PAGE_END = re.compile(r"(?<=\S)\s+[-—–－]\s?\d{1,4}\s?[-—–－]\s*[★☆]?$")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_SEPARATOR = re.compile(r"^[-_=*~—─━═·•.。…\s]{3,}$")
_DOT_LEADER = re.compile(r"^[.…·．\s]{4,}\d{0,4}$")
_CHART_CAPTION = re.compile(r"^\s*[图圖]\s*\d{1,3}\s*[：:．.、\s]")
_CHART_TITLE = re.compile(r"(?:走势|构成|示意|统计|分布|对比|情况|结构|变化|趋势)图$")
_STAR_CAPTION = re.compile(r"^[★☆◆◇■□●]")
_SPACES = re.compile(r"\s+")
_VOLUME_WORDS = re.compile(r"年鉴|年报|志|鉴")
# a volume's title with its year ('河西区年鉴（2021）', '川金 2020年鉴区' once the spaces are gone):
# beside a page number it is the running header even the first time it is seen (a short volume)
_VOLUME_TITLE = re.compile(r"(?:年鉴|年报|志).*\d{4}|\d{4}.*(?:年鉴|年报|志)")
# section numbers and bracketed dates repeat from document to document: never headers
_NEVER_HEADER = re.compile(r"^(?:第\s*[一二三四五六七八九十百\d]+\s*[章节条部篇]|[一二三四五六七八九十]+[、．.]|[（(].*[）)]$)")

#: Running headers are short.
_HEADER_MAX_CHARS = 16


def norm_key(s: str) -> str:
    # str.split() splits at exactly the characters \s matches: the same as _SPACES.sub("", s)
    return "".join(s.split())


def inline_noise(text: str) -> list[tuple[int, int, str]]:
    """Furniture tokens inside a line's text: (start, end, role), offsets into ``text``."""
    out: list[tuple[int, int, str]] = []
    if "#" in text or "*" in text:
        for m in _MARKER.finditer(text):
            if m.end() - m.start() >= 2:
                out.append((m.start(), m.end(), "marker"))
    m = _GLUED_PAGE_START.match(text)
    if m:
        out.append((m.start(), m.end(), "page_number"))
    m = _GLUED_PAGE_END.search(text)
    if m:
        out.append((m.start(), m.end(), "page_number"))
    if len(out) > 1:
        out.sort()
        merged: list[tuple[int, int, str]] = []
        for s, e, r in out:
            if merged and s < merged[-1][1]:
                ps, pe, pr = merged[-1]
                merged[-1] = (ps, max(pe, e), pr)
            else:
                merged.append((s, e, r))
        out = merged
    return out


_ROLE_FIRST = set("-—–－~〜★☆◆◇■□●·•第0123456789hHwW#*.…．_=─━═。图圖")


def _whole_line_role(text: str) -> str:
    """Roles that the text alone decides."""
    if text[:1] not in _ROLE_FIRST:
        return ""
    if _PAGE_NUMBER.match(text):
        return "page_number"
    if _URL.match(text):
        return "url"
    if _MARKER.fullmatch(text):
        return "marker"
    if _DOT_LEADER.match(text):
        return "dot_leader"
    if _SEPARATOR.match(text) and not any(c.isalnum() for c in text):
        return "separator"
    if _CHART_CAPTION.match(text) and len(text) <= 60 and not text.endswith("。"):
        return "caption"
    if _STAR_CAPTION.match(text) and len(text) <= 40 and not has_sentence_punct(text[-1:]):
        return "caption"
    return ""


def find_furniture_lines(facts: list[LineFacts], widths: list[float] | None = None) -> list[str]:
    """Noise role for every text line ('' = not furniture)."""
    n = len(facts)
    texts = [f.text for f in facts]
    first_chars = _ROLE_FIRST
    roles = [_whole_line_role(t) if t[:1] in first_chars else "" for t in texts]
    # chart titles standing next to a chart caption ("…走势图" above "图 1：…")
    # (a text line never ends in whitespace, so '图$' is the last character)
    for i, t in enumerate(texts):
        if not roles[i] and t[-1:] == "图" and len(t) <= 40 and _CHART_TITLE.search(t):
            near = [j for j in (i - 1, i + 1) if 0 <= j < n]
            if any(roles[j] == "caption" for j in near):
                roles[i] = "caption"

    keys = ["".join(t.split()) if len(t) <= 3 * _HEADER_MAX_CHARS else "" for t in texts]
    counts = Counter(k for k in keys if k and len(k) <= _HEADER_MAX_CHARS)
    first_seen: dict[str, int] = {}
    for i, k in enumerate(keys):
        if k and k not in first_seen:
            first_seen[k] = i

    # header-shaped keys (the keys do not change below: computed once)
    header_ok = [
        bool(k) and len(k) <= _HEADER_MAX_CHARS and not has_sentence_punct(k) and not k.isdigit() for k in keys
    ]
    header_like = header_ok.__getitem__
    # a bare page number (what ^\d{1,4}$ matches) on text lines, which never end in whitespace: the value, or None
    bare = [int(t) if len(t) <= 4 and t.isdecimal() else None for t in texts]

    # bare page numbers (001: "129" between blank runs, next to a running header)
    for i, f in enumerate(facts):
        if roles[i] or bare[i] is None:
            continue
        nxt_run = facts[i + 1].blank_before if i + 1 < n else 2
        prev_short = (
            i > 1
            and header_like(i - 1)
            and (
                facts[i - 1].blank_before >= 2
                or (facts[i - 1].lead > 0 and (facts[i - 2].terminal or roles[i - 2] != ""))
            )
            and f.blank_before >= 1
            and (i + 1 >= n or facts[i + 1].blank_before >= 1)
        )
        v = bare[i]
        counting = any(bare[j] == v - 1 and not roles[j] for j in range(max(0, i - 15), i))
        if counting:
            continue
        if f.blank_before >= 2 or prev_short or (nxt_run >= 2 and i + 1 < n and counts.get(keys[i + 1], 0) >= 3):
            roles[i] = "page_number"

    # page numbers are all found now (below, roles only gain headers): line j is one when
    # pn[j + 1] (the list is padded so that j may be -1 or n)
    pn = [False] + [r == "page_number" for r in roles] + [False]

    # header candidates: header-shaped and not a section number or a bracketed note
    header_cand = [ok and not _NEVER_HEADER.match(t) for ok, t in zip(header_ok, texts, strict=False)]

    # running headers: a short line at a page-furniture position
    at_run = Counter(keys[i] for i, f in enumerate(facts) if keys[i] and f.blank_before >= 2)
    # next to a page number again and again: the 类目 name on every other page ('— 2 — ★' then
    # '街道办事处'); a heading that recurs (经济 under each 街道) stands next to one only by chance
    by_pn = Counter(keys[i] for i in range(n) if keys[i] and not roles[i] and (pn[i] or pn[i + 2]))

    cover = _cover_keys(keys)
    for _ in range(2):
        for i, f in enumerate(facts):
            if roles[i] or not header_cand[i]:
                continue
            k = keys[i]
            rep = counts.get(k, 0)
            if (pn[i] or pn[i + 2]) and i > 2 and _BRACKETS.sub("", k) in cover:
                roles[i] = "running_header"  # the title of the cover again, beside a page number
                continue
            prev_noise = i > 0 and roles[i - 1] == "running_header" and f.blank_before <= 1
            pn_before, pn_after = pn[i], pn[i + 2]
            if pn_after and (f.blank_before >= 2 or prev_noise):
                # odd pages: header, then the page number
                roles[i] = "running_header"
            elif pn_before and rep >= 3 and _VOLUME_WORDS.search(k):
                # even pages: page number, then the volume title
                roles[i] = "running_header"
            elif (pn_before or pn_after) and _VOLUME_TITLE.search(k) and _between_pages(facts, i, pn_before):
                # the volume's title with its year beside a page number, cutting a sentence or
                # followed by the next page's marked first line
                roles[i] = "running_header"
            elif pn_before and rep >= 2 and first_seen[k] != i and _cuts_sentence(facts, i, header_like):
                # a heading's name again right after a page number, inside a sentence that goes
                # on after it: the 类目 name printed over the page ('…不断提升' / '- 2 -' / '政治'
                # / ' 服务水平。')
                roles[i] = "running_header"
            elif (pn_before or pn_after) and rep >= 3 and by_pn[k] >= max(3, 0.6 * rep) and first_seen[k] != i:
                # (the first time, the name is the 类目's own heading)
                roles[i] = "running_header"
            elif prev_noise and rep >= 3:
                roles[i] = "running_header"
            elif rep >= 5 and at_run.get(k, 0) >= 0.8 * rep and f.blank_before >= 2:
                roles[i] = "running_header"
    _repeated_table_headers(facts, roles)
    _photo_pages(facts, roles, widths or [])
    return roles


_BRACKETS = re.compile(r"[（）()《》〈〉]")


def _cover_keys(keys: list[str]) -> set[str]:
    """The volume's title as its first text line prints it, alone and with the line under it
    ('县领导讲话选编' + '（2021年度）'), brackets dropped; names of front matter excepted."""
    first = [_BRACKETS.sub("", k) for k in keys[:2] if k]
    out = {first[0], "".join(first)} if first else set()
    return {k for k in out if len(k) >= 4 and k not in ("编辑说明", "出版说明", "编写说明")}


def _between_pages(facts: list[LineFacts], i: int, pn_before: bool) -> bool:
    """Line ``i`` stands where a page turns: the line on the far side of it from the page number
    starts a page (a leading space) or the text before it stops mid-sentence."""
    n = len(facts)
    if pn_before:
        nxt = facts[i + 1] if i + 1 < n else None
        before = facts[i - 2] if i > 1 else None
        return (nxt is not None and nxt.lead > 0) or (before is not None and not before.terminal)
    before = facts[i - 1] if i > 0 else None
    return before is not None and not before.terminal


def _cuts_sentence(facts: list[LineFacts], i: int, header_like) -> bool:
    """Line ``i`` follows a page number that follows a line of prose stopping mid-sentence,
    and the next line goes on with prose (a page start marked by a leading space, or a line
    that is not heading-shaped)."""
    if i < 2 or i + 1 >= len(facts):
        return False
    before, nxt = facts[i - 2], facts[i + 1]
    if before.terminal or len(before.text) < 12 or header_like(i - 2):
        return False
    return nxt.lead > 0 or not header_like(i + 1)


_HEADER_CELLS = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:[ \u3000\t]+[\u4e00-\u9fff]{2,8}){2,11}$")
#: A table's header row repeated at the top of the next pages stands within this many lines.
_TABLE_SPAN = 600


def _repeated_table_headers(facts: list[LineFacts], roles: list[str]) -> None:
    """A table's header row ('工作项目 工作任务 完成时间 …') repeated on the following pages:
    the first stays a row of the table, the repeats are furniture. A header row is two to
    twelve word cells (no figures, no punctuation) and does not follow a sentence's end."""
    last: dict[str, int] = {}
    for i, f in enumerate(facts):
        t = f.text
        # two or more gaps between the cells: no gap, no header row
        if roles[i] or len(t) > 80 or not (" " in t or "\u3000" in t or "\t" in t) or not _HEADER_CELLS.match(t):
            continue
        if i > 0 and facts[i - 1].terminal:
            continue  # the cells of a data row after its task text ('…。' / '全年 区教育局 …')
        k = norm_key(f.text)
        j = last.get(k)
        if j is not None and f.n - facts[j].n <= _TABLE_SPAN:
            roles[i] = "table_header"
        else:
            last[k] = i


_GAP = re.compile(r"[ \u3000\t]+")


_CELL_PUNCT = re.compile(r"[，。、；：“”‘’《》！？,;:!?\"]")


def _cell_row(text: str) -> bool:
    """Three cells or more between gaps, two of them words, no punctuation, no figure or two
    figures and more: a row of a roster or a table, not a caption ('成立 70 周年…')."""
    if _CELL_PUNCT.search(text):
        return False
    cells = _GAP.split(text.strip())
    figures = sum(1 for c in cells if any(ch.isdigit() for ch in c))
    return len(cells) >= 3 and figures != 1 and sum(1 for c in cells if len(c) >= 2 and not c.isdigit()) >= 2


def _photo_pages(facts: list[LineFacts], roles: list[str], widths: list[float]) -> None:
    """Photo pages: between runs of blank lines (page ends), a few caption lines and a
    ★…专栏 title or a running header, with no sentence ending anywhere. All captions."""
    n = len(facts)
    start = 0
    for i in range(1, n + 1):
        if i < n and facts[i].blank_before < 2:
            continue
        seg = range(start, i)
        start = i
        long_seg = len(seg) > 24
        if long_seg:
            seg = seg[:24]  # a photo page, then the text pages: look at the page's head only
        flagged = any(roles[k] in ("caption", "running_header") for k in seg)
        if not flagged:
            continue
        body = [k for k in seg if not roles[k]]
        if not body or (len(body) > 16 and not long_seg):
            continue
        if 2 * sum(1 for k in body if _cell_row(facts[k].text)) >= len(body) >= 2:
            continue  # a page of a roster or a table ('县财政局　局长　郑丽华'): rows, no captions
        if long_seg or any(facts[k].terminal or "【" in facts[k].text or len(facts[k].text) > 60 for k in body):
            # a page with text on it too (a short biography under the photos): only the
            # lines set across the whole page without ending a sentence are captions
            for k in body:
                f = facts[k]
                w = widths[k] if k < len(widths) else 0.0
                if (
                    w
                    and not f.terminal
                    and f.em > 1.25 * w
                    and "【" not in f.text
                    and f.text[-1:] not in "，,、；;：:"
                    and len(f.text) <= 80
                ):
                    roles[k] = "caption"
            continue
        for k in body:
            roles[k] = "caption"
