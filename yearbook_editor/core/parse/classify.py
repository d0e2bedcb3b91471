"""Label every text line: furniture or body, and the cues its start and shape carry.

The labels are facts about one line (with a glance at its neighbours); deciding paragraph
boundaries from them is :mod:`.join`'s work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .furniture import find_furniture_lines, inline_noise
from .lines import LineFacts, cjk_count, has_sentence_punct
from .profile import Profile

_NUM_CN = "一二三四五六七八九十百零〇"
_ROW_NUMBER = re.compile(
    r"^(\d{1,3})(?=\s*[\u4e00-\u9fff《“])"
    r"(?!\s*(?:月|日|年|%|％|个|家|人|项|万|亿|次|名|所|条|处|座|户|元|米|平方|千|公里|吨|亩|岁|天|期|批"
    r"|场|届|周|类|份|篇|件|辆|台|套|间|栋|层|号))"
)
_NUMBER_FIRST = set("0123456789（(第①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳" + _NUM_CN)
_DASHES = set("-—–－")
_DATE_FIRST = set("0123456789Δ△▲")
# 【…】 or […] entry title; not 【2016】 (a document number)
_ENTRY_START = re.compile(r"【([^【】\n]{1,40})】|\[([^\[\]\n]{1,30})\]")
_ENTRY_OPEN = re.compile(r"【[^【】\n]{1,40}$")
_TITLE_CLOSE = re.compile(r"^[^【】\n]{0,30}】")
_TITLE_MIDDLE = re.compile(r"^[^【】\n]{1,40}$")
# a title run into the previous paragraph: "…。【概况】…"
_RUN_IN_TITLE = re.compile(r"(?<=[。！？”）)])\s*(【[^【】\n]{2,30}】)")
_DATE_ITEM = re.compile(
    r"^[Δ△▲]\s|^\d{1,2}\s*月\s*\d{1,2}\s*日|^\d{1,2}\s*日[\s　]+\S"
    r"|^\d{1,2}\s*月\s*\d{1,2}\s*[—\-～~至]\s*\d{1,2}\s*日"
    # a range of days under a month heading: '4日—6日  金昌市…', '27 日—28 日  …'
    r"|^\d{1,2}\s*日?\s*[—\-～~至]\s*\d{1,2}\s*日[\s　]*[\u4e00-\u9fff《“（(]"
)
_MONTH_HEADING = re.compile(rf"^(?:\d{{1,2}}|[{_NUM_CN}]{{1,3}})\s*月(?:份)?$")
_NUMBERED = re.compile(
    rf"^(?:[{_NUM_CN}]{{1,3}}\s*[、．.]|[（(]\s*[{_NUM_CN}\d]{{1,3}}\s*[）)]|\d{{1,2}}\s*[、．]|\d{{1,2}}\.(?!\d)"
    rf"|第[{_NUM_CN}\d]{{1,4}}[章条节部篇]|[{_NUM_CN}]{{1,2}}是|[①-⑳])"
)
_SECTION_NUMBER = re.compile(rf"^(?:[{_NUM_CN}]{{1,3}}\s*[、．.]|第[{_NUM_CN}\d]{{1,4}}[章节部篇])")
_TOC_ROW = re.compile(r"(?:\t+|[.…·．]{3,}\s*|\s{2,})\d{1,4}$")
# inside a 目录: a row may end in its page number after a single space, or none
_TOC_ROW_LOOSE = re.compile(r"(?:\t+|[.…·．]{2,}\s*|[\s\u3000]*)\d{1,4}$")
_TOC_HEAD = re.compile(r"^目\s*[录錄次]$")
_CREDIT = re.compile(r"^[（(](?:供稿|撰稿|撰写|执笔|编辑|审稿|资料提供)?[：:]?[^（）()]{1,24}[）)]$")
_BRACKETED = re.compile(r"^[（(].*[）)]$")
_SIGNED = re.compile(r"^[（(]\s*(?:供稿|撰稿|撰写|执笔|编辑|审稿|资料提供|供稿人|撰稿人)\s*[：:]")
_INNER_BRACKETS = re.compile(r"[（(][^（）()]{0,40}[）)]")
_ROW_GAP = re.compile(r"\S(?:\s{2,}|\t)\S")
# directory rows: "党工委副书记、办事处主任 魏公创", "王德毓（2018.05 任）"
_DIRECTORY_ROW = re.compile(
    r"(?:书记|主任|[^\s]长|委员|主席|经理|干事|秘书|助理|调研员|巡视员|政委|专员|组员|成员|[任长员席记])(?:\s+|\s*[：:]\s*)"
    r"[\u4e00-\u9fff]{1,2}\s?[\u4e00-\u9fff]{1,2}(?:[（(][^（）()]{0,24}[）)])?$"
    r"|^[\u4e00-\u9fff]{2,4}\s?[（(][^（）()]*\d[^（）()]*[）)]$"
    r"|^[\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){1,2}\s+\S{2,20}(?:书记|主任|[^\s]长|委员|主席|专员|干部)(?:[（(]兼[）)])?$"
)
# a by-line under a report's title: '区长 周明远', '中共兰州市城关区委书记 武和谦', '主任 张 淼'
BYLINE = re.compile(
    r"^[\u4e00-\u9fff、（）()]{0,24}(?:书记|区长|县长|市长|州长|镇长|乡长|主任|局长|院长|检察长|主席|部长|厅长|校长|会长|代表)"
    r"[ \u3000]+[\u4e00-\u9fff](?:[ \u3000]?[\u4e00-\u9fff]){1,2}$"
)
_SALUTE = re.compile(r"^(?:各位|尊敬的|同志们|女士们|亲爱的).{0,20}[：:]$")
_SALUTE_FIRST = set("各尊同女亲")
_LETTER_SPACED = re.compile(r"[\u4e00-\u9fff](?:[ \u3000\t]+[\u4e00-\u9fff]){1,9}")
_ALLOWED_IN_HEADING = re.compile(r"[，,。；;！!？?：:]")


# a table row flattened with single spaces: '大牲畜年末存栏 万头 2.32 60.45', '粮食 96511 -1.51'
_CELL_FIGURE = re.compile(r"^[-+±]?\d+(?:\.\d+)?[%‰％]?$")
_ROW_PUNCT = re.compile(r"[，,。；;、：:！!？?]")


def _figure_row(body: str) -> bool:
    """Cells separated by spaces, the last two of them figures, no sentence punctuation."""
    if _ROW_PUNCT.search(body):
        return False
    cells = body.split()
    return len(cells) >= 3 and all(_CELL_FIGURE.match(c) for c in cells[-2:]) and not _CELL_FIGURE.match(cells[0])


@dataclass(slots=True)
class LineLabel:
    noise: str = ""  # whole line is furniture: its role
    inline: list[tuple[int, int, str]] = field(default_factory=list)  # absolute (start, end, role)
    titles: list[tuple[int, int]] = field(default_factory=list)  # entry titles (absolute columns)
    title_open: bool = False  # an entry title starts here and closes on the next line
    title_close_end: int = -1  # this line closes the previous line's title at this column
    title_middle: bool = False  # the whole line is the middle of a title printed on three lines
    cue: str = ""  # 'entry' | 'date' | 'month' | 'num' | 'toc' | ''
    headlike: bool = False  # short, no sentence punctuation: could stand alone as a heading
    rowlike: bool = False  # cells separated by wide gaps or a TAB
    credit: bool = False  # (供稿：…) / （王君金）
    bracketed: bool = False
    spaced: bool = False  # letter-spaced: 区 情 综 述, 法   院
    signed: bool = False  # an explicit credit: （供稿：…）
    toc_part: bool = False  # a part label of a 目录 (no page number) standing over its rows
    rownum: int = 0  # a table row's leading number ('40 大型群众性活动安全许可 …'), 0 if none


_NOT_TITLE_TEXT = re.compile(r"[\s\d.\-—年月日号第〔〕（）()]")


def _is_title_text(inner: str) -> bool:
    core = _NOT_TITLE_TEXT.sub("", inner)
    return bool(core)


def classify(facts: list[LineFacts], profile: Profile) -> list[LineLabel]:
    roles = find_furniture_lines(facts, profile.local_width_em)
    labels: list[LineLabel] = []
    widths = profile.local_width_em
    n_widths = len(widths)
    wrap = profile.wrap_width_em
    n = len(facts)
    near_heads: list[int] = []  # heading-shaped but nearly as wide as the column
    for i, f in enumerate(facts):
        lab = LineLabel()
        labels.append(lab)
        if roles[i]:
            lab.noise = roles[i]
            continue
        text = f.text
        if "#" in text or "*" in text or text[:1] in _DASHES or text[-1:] in _DASHES or text[-1:] in "★☆":
            for s, e, r in inline_noise(text):
                lab.inline.append((f.lo + s, f.lo + e, r))
        if lab.inline and sum(e - s for s, e, _ in lab.inline) >= len(text):
            lab.noise = lab.inline[0][2]
            lab.inline = []
            continue
        body = text
        off = 0
        if lab.inline and lab.inline[0][0] == f.lo:
            off = lab.inline[0][1] - f.lo
            body = text[off:].lstrip()
            off = len(text) - len(body) if body else off
        first = body[:1]
        m = _ENTRY_START.match(body) if first in "【[" else None
        if m and _is_title_text(m.group(1) or m.group(2) or ""):
            lab.titles.append((f.lo + off + m.start(), f.lo + off + m.end()))
            lab.cue = "entry"
        elif first == "【" and _ENTRY_OPEN.match(body) and i + 1 < n and not roles[i + 1]:
            nx = facts[i + 1].text
            if _TITLE_CLOSE.match(nx):
                lab.title_open = True
                lab.cue = "entry"
            elif i + 2 < n and not roles[i + 2] and _TITLE_MIDDLE.match(nx) and _TITLE_CLOSE.match(facts[i + 2].text):
                lab.title_open = True
                lab.cue = "entry"
        if "【" in text:
            for rm in _RUN_IN_TITLE.finditer(text):
                s = f.lo + rm.start(1)
                if not lab.titles or s >= lab.titles[-1][1]:
                    if _is_title_text(rm.group(1)[1:-1]):
                        lab.titles.append((s, f.lo + rm.end(1)))
        if not lab.cue and first:
            if first in _SALUTE_FIRST and len(body) <= 24 and _SALUTE.match(body):
                lab.cue = "salute"
            elif len(body) <= 36 and (" " in body or "\u3000" in body) and BYLINE.match(body):
                lab.cue = "byline"
            elif first in _DATE_FIRST and _DATE_ITEM.match(body):
                lab.cue = "date"
            elif first in _NUMBER_FIRST and _MONTH_HEADING.match(body):
                lab.cue = "month"
            elif first in _NUMBER_FIRST and _NUMBERED.match(body):
                lab.cue = "num"
            elif body[-1:].isdigit() and len(body) <= 80 and _TOC_ROW.search(body) and cjk_count(body) >= 2:
                lab.cue = "toc" if ("\t" in body or "..." in body or "…" in body or "··" in body) else ""
        ref = widths[i] if i < n_widths else wrap
        em = f.em
        if first.isdigit():
            rm = _ROW_NUMBER.match(body)
            if rm:
                lab.rownum = int(rm.group(1))
        if first in "（(":
            lab.bracketed = bool(_BRACKETED.match(body))
            lab.signed = bool(_SIGNED.match(body)) and lab.bracketed
            lab.credit = bool(_CREDIT.match(body)) and em <= 0.7 * max(ref, 10)
        if em > 1.2 * ref or len(body) > 80:
            continue  # a long line: running text, nothing else to learn
        gaps = " " in body or "\u3000" in body or "\t" in body
        spaced = lab.spaced = gaps and bool(_LETTER_SPACED.fullmatch(body))
        brackets = "（" in body or "(" in body
        if (gaps or brackets) and lab.cue != "date" and not spaced:
            # (body is not empty here and ends in neither whitespace nor a newline)
            last = body[-1]
            # _DIRECTORY_ROW's three forms all end in a CJK character or a closing bracket
            directory = "\u4e00" <= last <= "\u9fff" or last == "）" or last == ")"
            if gaps or len(body.split(None, 1)) > 1:
                lab.rowlike = bool(
                    _ROW_GAP.search(body) or (directory and _DIRECTORY_ROW.search(body)) or _figure_row(body)
                )
            else:
                # no whitespace at all: _ROW_GAP needs a gap, _figure_row three cells, and
                # _DIRECTORY_ROW a '：' before the name or a bracket at the end
                lab.rowlike = (
                    directory
                    and (last == "）" or last == ")" or "：" in body or ":" in body)
                    and _DIRECTORY_ROW.search(body) is not None
                )
        if em <= max(0.95 * ref, 6) and lab.cue != "date" and not lab.credit and not body.endswith(("、", "，")):
            # (both tests are pure: the cheap one first)
            if not _ALLOWED_IN_HEADING.search(_INNER_BRACKETS.sub("", body) if brackets else body) and (
                1 <= cjk_count(body) <= 32
            ):
                if em <= max(0.8 * ref, 6):
                    lab.headlike = True
                else:
                    near_heads.append(i)
    _toc_rows(facts, labels)
    # a long heading-shaped line standing before an entry title is a heading
    for i in near_heads:
        j = i + 1
        while j < n and labels[j].noise:
            j += 1
        if j < n and labels[j].cue == "entry":
            labels[i].headlike = True
    # the line that closes a wrapped entry title
    for i in range(n - 1):
        if labels[i].title_open:
            k = i + 1
            m = _TITLE_CLOSE.match(facts[k].text)
            if not m and k + 1 < n:
                labels[k].title_middle = True
                labels[k].headlike = False
                k += 1
                m = _TITLE_CLOSE.match(facts[k].text)
            if m:
                labels[k].title_close_end = facts[k].lo + m.end()
                labels[k].headlike = False
                labels[k].cue = ""
    return labels


def _toc_rows(facts: list[LineFacts], labels: list[LineLabel]) -> None:
    """The rows of a 目录: after a '目录' line, lines that end in a page number (after a TAB,
    dot leaders, spaces or nothing). Each stays a row ('toc'). A short line without a page
    number standing over such rows is a part label of the 目录 (部类: 政治, 经济 …): a row
    too, marked ``toc_part``."""
    n = len(facts)

    def row(k: int) -> bool:
        lab, t = labels[k], facts[k].text
        return (
            t[-1:].isdigit()
            and len(t) <= 80
            and cjk_count(t) >= 2
            and _TOC_ROW_LOOSE.search(t) is not None
            and not has_sentence_punct(re.sub(r"[.…·．]{2,}", "", t)[-3:])
            and lab.cue in ("", "toc", "num", "entry")
            and not lab.titles
        )

    def next_text(k: int) -> int:
        k += 1
        while k < n and labels[k].noise:
            k += 1
        return k

    for i, f in enumerate(facts):
        if len(f.text) > 8 or not _TOC_HEAD.match(f.text):
            continue
        misses = 0
        rows = 0
        for k in range(i + 1, n):
            lab, t = labels[k], facts[k].text
            if lab.noise:
                continue
            if row(k):
                lab.cue = "toc"
                lab.headlike = lab.rowlike = False
                rows += 1
                misses = 0
            elif (
                len(t) <= 16
                and cjk_count(t) >= 1
                and not t[-1:].isdigit()
                and not has_sentence_punct(t)
                and next_text(k) < n
                and row(next_text(k))
            ):
                lab.cue = "toc"
                lab.toc_part = True
                lab.headlike = lab.rowlike = False
                misses = 0
            else:
                misses += 1
                if misses >= 3 or (rows and facts[k].terminal):
                    break


def punct_outside_brackets(text: str) -> bool:
    """Sentence punctuation outside bracketed notes: '徐宏科（挂职，2019 年 12 月任）' has none."""
    return has_sentence_punct(_INNER_BRACKETS.sub("", text))


def is_section_number(text: str) -> bool:
    return _SECTION_NUMBER.match(text) is not None
