"""The outline: 类目 → 分目 → 子目 → 条目, documents and their sections, front matter.

Levels carry no marker in the text; the cues used, strongest first:

* the 编辑说明's list of 类目 (``设特载、大事记、…等 12 个类目``), matched in order against the
  volume's headings (names may differ slightly from the body's);
* heading chains standing before an entry title (类目/分目/子目);
* section numbers (``一、`` ``（一）`` ``1.`` ``第一章``), restarting one level down;
* 大事记 month headings; documents (title followed by a by-line, a date or a salutation).
"""

from __future__ import annotations

import re

from ..model import Block, BlockKind, Node, NodeKind
from .classify import BYLINE
from .lines import ends_terminal

_SPACES = re.compile(r"[\s·•・.．]+")
_CATEGORY_LIST = re.compile(
    r"(?:^|[。；;，,：:\s]|年鉴|本书|全书|本卷)(?:共|分|下)?设(?:有|置)?(?!计|立)([^。；;]{4,400}?)(?:等|共)?\s*(?:(\d{1,3}|[一二三四五六七八九十]{1,3})\s*个(?:类目|部类|部分|篇目)|(?:类目|部类)[，,。；;])"
)
_FRONT_NAMES = (
    "编辑说明", "编写说明", "编纂说明", "出版说明", "凡例", "目录", "前言", "序言", "序", "卷首语", "编者按",
    "编后记", "后记", "说明",
)
_NUM_CN = "一二三四五六七八九十"
_SECTION_TYPES = (
    ("cn", re.compile(rf"^([{_NUM_CN}百]{{1,3}})\s*[、．.]")),
    ("chapter", re.compile(rf"^第([{_NUM_CN}百\d]{{1,4}})章")),
    ("part", re.compile(rf"^第([{_NUM_CN}百\d]{{1,4}})(?:部分|篇)")),
    ("section", re.compile(rf"^第([{_NUM_CN}百\d]{{1,4}})节")),
    ("paren_cn", re.compile(rf"^[（(]\s*([{_NUM_CN}百]{{1,3}})\s*[）)]")),
    ("arabic", re.compile(r"^(\d{1,2})\s*[.．、](?!\d)")),
    ("paren_ar", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]")),
)
_DOC_CUES = re.compile(
    r"^(?:——|—|在.{2,40}(?:会议|大会|全会)上(?!的?(?:讲话|报告|发言|致辞|主持词)$)|[（(]\s*\d{4}\s*年.{0,12}[）)]$"
    r"|[（(].{0,30}\d{4}\s*年.{0,60}(?:通过|发布|印发|批准|讲话|发言)[）)]$)"
)
_SPACED = re.compile(r"[\u4e00-\u9fff](?:[ \u3000\t]+[\u4e00-\u9fff]){1,5}")  # '政  治', '区 情 概 览'
_COMPILER = re.compile(r"(?:编|编印|编著|汇编|主编|编纂|编辑)$")
_SALUTATION = re.compile(r"(?:代表|同志|委员|朋友|各位).{0,12}[:：]$")
_BYLINE = re.compile(r"(?:书记|区长|主任|主席|院长|检察长|局长|市长|县长|部长)\s*\S{1,2}\s?\S{1,2}$")
_DOC_NUMBER = re.compile(r"〔\d{4}〕\s*\d+\s*号|\[\d{4}\]\s*\d+\s*号|【\d{4}】\s*\d+\s*号")
_VOLUME_TITLE = re.compile(r"《([^《》]{2,30}(?:年鉴|志|年报)[^《》]{0,12})》")


def norm(s: str) -> str:
    return _SPACES.sub("", s)


def cn_number(s: str) -> int:
    if s.isdecimal() and s.isascii():
        return int(s)
    digits = {c: i + 1 for i, c in enumerate(_NUM_CN)}
    digits["零"] = 0
    digits["〇"] = 0
    if s == "十":
        return 10
    if "百" in s:
        return 100
    if s.startswith("十"):
        return 10 + digits.get(s[1:2], 0)
    if "十" in s:
        a, _, b = s.partition("十")
        return digits.get(a, 0) * 10 + (digits.get(b, 0) if b else 0)
    return digits.get(s, 0)


def section_number(text: str) -> tuple[str, int] | None:
    t = text.strip()
    for kind, rx in _SECTION_TYPES:
        m = rx.match(t)
        if m:
            return kind, cn_number(m.group(1))
    return None


def _lcs(a: str, b: str) -> int:
    if len(a) > 60 or len(b) > 60:
        return 0
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b):
            cur.append(prev[j] + 1 if ca == cb else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def _similar(a: str, b: str) -> float:
    """Similarity of two heading names (0..1): the share of characters they have in
    common in the same order, with a bonus when one contains the other."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if a in b or b in a:
        short, long_ = (a, b) if len(a) < len(b) else (b, a)
        return 0.6 + 0.3 * len(short) / len(long_)
    common = len(set(a) & set(b))
    if 2 * common / (len(a) + len(b)) < 0.6:  # an upper bound of the LCS figure
        return 0.0
    return 2 * _lcs(a, b) / (len(a) + len(b))


def find_category_names(blocks: list[Block]) -> list[str]:
    """The 类目 listed in the 编辑说明 (or similar front matter), in order; [] if none."""
    budget = 0
    for b in blocks:
        if b.kind == BlockKind.NOISE:
            continue
        budget += 1
        if budget > 400:
            break
        t = b.text
        if not ("类目" in t or "部类" in t or ("个" in t and ("部分" in t or "篇目" in t))):
            continue
        m = _CATEGORY_LIST.search(b.text)
        if not m:
            continue
        body = m.group(1)
        names = [norm(x) for x in re.split(r"[、，,；;]|和(?=[^和]{2,12}$)", body)]
        names = [x.strip("“”\"") for x in names if x]
        if len(names) >= 3:
            return names
    return []


_LEAD_NUMBER = re.compile(rf"^(?:[{_NUM_CN}百]{{1,3}}\s*[、．.]|第[{_NUM_CN}百\d]{{1,4}}(?:部分|篇|章))\s*")


def match_categories(blocks: list[Block], names: list[str], start: int) -> dict[int, str]:
    """Monotone alignment of the listed names to heading blocks (dynamic programming):
    block index -> listed name."""
    heads = [
        i
        for i in range(start, len(blocks))
        if (
            blocks[i].kind == BlockKind.HEADING
            or (blocks[i].kind == BlockKind.ROW and blocks[i].role in ("list", "table"))
        )
        and blocks[i].role != "month"
        and len(blocks[i].text) <= 30
    ]
    if not heads or not names:
        return {}
    printed = [norm(blocks[i].text) for i in heads]
    times: dict[str, int] = {}
    for k in printed:
        times[k] = times.get(k, 0) + 1
    # the 编辑说明 names the 类目 without the numbers the body prints ('四、社会事业')
    keys = [_LEAD_NUMBER.sub("", k) or k for k in printed]
    n, m = len(names), len(heads)
    name_chars = set("".join(names))
    key_sets = [set(k) & name_chars for k in keys]
    # score[j][k]: best total matching names[:j] within heads[:k]
    neg = -1e9
    prev_row = [0.0] * (m + 1)
    choice: list[list[int]] = []
    for j in range(1, n + 1):
        row = [neg] * (m + 1)
        pick = [0] * (m + 1)  # 1 = name j-1 matched to head k-1, 2 = skip head, 3 = skip name
        name = names[j - 1]
        nset = set(name)
        for k in range(1, m + 1):
            best, how = row[k - 1], 2
            if prev_row[k] > best:
                best, how = prev_row[k], 3
            sim = _similar(name, keys[k - 1]) if key_sets[k - 1] & nset else 0.0
            if sim >= 0.6:
                bonus = 0.05 if len(keys[k - 1]) <= len(name) + 4 else 0.0
                if times[printed[k - 1]] > 1:
                    bonus -= 0.1  # a 类目 heading is printed once; '社会事业' under each 街道 is a 子目
                v = prev_row[k - 1] + sim + bonus
                if v > best:
                    best, how = v, 1
            row[k] = best
            pick[k] = how
        # skipping a name entirely at k=0
        row[0] = prev_row[0]
        choice.append(pick)
        prev_row = row
    # backtrack
    out: dict[int, str] = {}
    j, k = n, m
    while j > 0 and k > 0:
        how = choice[j - 1][k]
        if how == 1:
            out[heads[k - 1]] = names[j - 1]
            j -= 1
            k -= 1
        elif how == 2:
            k -= 1
        else:
            j -= 1
    # a category heading occurs once: drop weak matches of very short names that appear
    # again and again as headings (经济 under each 街道)
    return out


def _virtual_categories(blocks: list[Block], names: list[str], cats: dict[int, str]) -> dict[int, str]:
    """Untitled 类目 nodes: block index -> listed name.

    * a listed name matched to a heading that only holds part of it (财政 for 财政税收) is the
      类目's first 分目: the 类目 starts there without a heading of its own;
    * an unmatched 大事记 starts at the first month heading between its listed neighbours.
    """
    out: dict[int, str] = {}
    for i, name in list(cats.items()):
        key = norm(blocks[i].text)
        if key != name and key in name and len(key) < len(name):
            out[i] = name
            del cats[i]
    if not names:
        return out
    pos = {name: i for i, name in cats.items()}
    for k, name in enumerate(names):
        if name in pos or "大事记" not in name:
            continue
        lo = max([pos[x] for x in names[:k] if x in pos], default=-1)
        hi = min([pos[x] for x in names[k + 1 :] if x in pos], default=len(blocks))
        months = [j for j in range(lo + 1, hi) if blocks[j].kind == BlockKind.HEADING and blocks[j].role == "month"]
        if len(months) >= 3:
            out[months[0]] = name
    return out


def _running_category_headers(blocks: list[Block], names: list[str]) -> None:
    """A 类目 name printed at a page's edge beside its page number is a running header
    (furniture), not the 类目's heading, when the page number stands between it and the same
    name again (the real heading), or when it interrupts a sentence that goes on after it."""
    keys = {_toc_key(x) for x in names}
    n = len(blocks)

    def content(j: int, step: int) -> int:
        while 0 <= j < n and blocks[j].kind == BlockKind.NOISE:
            j += step
        return j

    for i, bl in enumerate(blocks):
        if bl.kind != BlockKind.HEADING or len(bl.text) > 30 or len(bl.pieces) != 1:
            continue
        key = _toc_key(bl.text)
        if key not in keys or i + 1 >= n:
            continue
        nx = blocks[i + 1]
        if not (nx.kind == BlockKind.NOISE and nx.role == "page_number" and nx.line_start - bl.line_end <= 3):
            continue
        after, before = content(i + 1, 1), content(i - 1, -1)
        again = after < n and blocks[after].kind == BlockKind.HEADING and _toc_key(blocks[after].text) == key
        cut = (
            before >= 0
            and after < n
            and blocks[before].kind == BlockKind.PARAGRAPH
            and blocks[after].kind == BlockKind.PARAGRAPH
            and not ends_terminal(blocks[before].text.strip())
        )
        if again or cut:
            bl.kind, bl.role, bl.level = BlockKind.NOISE, "running_header", 0


def _category_header(blocks: list[Block], i: int, b: _Builder) -> bool:
    """Heading ``i`` is the open 类目's name again at a page's top, right after the page
    number: a running header (a 类目 has one heading). '·经济·' section markers keep their
    dots: not this."""
    bl = blocks[i]
    if len(bl.pieces) != 1 or len(bl.text) > 30 or i == 0:
        return False
    t = "".join(bl.text.split())
    t = _LEAD_NUMBER.sub("", t) or t  # '五、街道乡镇' over the page as over the 类目
    p = blocks[i - 1]
    if not t.isalnum() or p.kind != BlockKind.NOISE or p.role != "page_number" or bl.line_start - p.line_end > 4:
        return False
    for idx, _rank in reversed(b.stack):
        node = b.nodes[idx]
        if node.kind == NodeKind.CATEGORY:
            return node.title_block != i and _toc_key(_LEAD_NUMBER.sub("", norm(node.title))) == _toc_key(t)
    return False


def find_title(blocks: list[Block]) -> str:
    seen = 0
    for b in blocks:
        if b.kind == BlockKind.NOISE:
            continue
        seen += 1
        if seen == 1 and b.kind == BlockKind.HEADING and norm(b.text) not in _FRONT_NAMES:
            return b.text.strip()
        m = _VOLUME_TITLE.search(b.text)
        if m:
            return m.group(1).strip()
        if seen > 60:
            break
    return ""


class _Builder:
    def __init__(self, blocks: list[Block]):
        self.blocks = blocks
        self.nodes: list[Node] = []
        self.stack: list[tuple[int, float]] = []  # (node index, rank)
        self.sections: list[tuple[int, str, int, float, int]] = []  # (node, type, value, rank, depth)

    def open(
        self, kind: NodeKind, title: str, block: int, rank: float, title_block: int | None, uncertain=False
    ) -> int:
        self.close_to(rank, block)
        parent = self.stack[-1][0] if self.stack else None
        self.nodes.append(Node(kind, title, parent, block, block + 1, title_block, uncertain))
        idx = len(self.nodes) - 1
        self.stack.append((idx, rank))
        return idx

    def close_to(self, rank: float, block: int) -> None:
        while self.stack and self.stack[-1][1] >= rank:
            idx, _ = self.stack.pop()
            self.nodes[idx].end_block = max(self.nodes[idx].end_block, block)
        self.sections = [s for s in self.sections if any(s[0] == st[0] for st in self.stack)]

    def finish(self, end: int) -> list[Node]:
        while self.stack:
            idx, _ = self.stack.pop()
            self.nodes[idx].end_block = max(self.nodes[idx].end_block, end)
        return self.nodes


R_FRONT, R_CATEGORY, R_DOCUMENT, R_DIVISION, R_SUBDIVISION, R_ENTRY = 1.0, 1.0, 1.5, 2.0, 3.0, 4.0
R_SECTION = 5.0


_TOC_TAIL = re.compile(r"(?:\t+|[.…·．]{2,}|[\s\u3000]+)?\s*\d{1,4}$")
_t2s = None


def _simplified(s: str) -> str:
    global _t2s
    if _t2s is None:
        try:
            import opencc

            _t2s = opencc.OpenCC("t2s").convert
        except Exception:  # pragma: no cover - opencc is a dependency; be safe anyway
            _t2s = str
    return _t2s(s)


#: parts of a 地方综合年鉴 that stand at the top level in every volume (the canonical order:
#: 特载/专记, 大事记, 概况/概览, the 部类, 人物, 附录, 索引)
CANONICAL_PARTS = frozenset(
    ("特载", "专记", "专文", "大事记", "概况", "概览", "区情概览", "县情概览", "市情概览", "人物", "附录", "索引", "专题")
)


#: the 下级政区 part (街道, 乡镇 …), a top-level part of the canonical order under any of its names
_SUBORDINATE_PART = re.compile(r"^(?:乡镇|街道|镇街|乡镇街道|街道乡镇|县区|区县|县市区|下级政区)(?:办事处)?(?:概况|概览)?$")


def canonical_part(key: str) -> bool:
    """The heading key names a part that is a 类目 in every yearbook (特载, 大事记, 乡镇, 附录 …)."""
    return key in CANONICAL_PARTS or _SUBORDINATE_PART.match(key) is not None


def toc_key(s: str) -> str:
    """A heading's comparison key: spaces and dots dropped, traditional folded to simplified."""
    return _toc_key(s)


def _toc_key(s: str) -> str:
    return _simplified(norm(s))


def toc_frame(blocks: list[Block], unprinted: dict[int, str] | None = None) -> dict[int, int]:
    """The 目录 as the outline's frame: body heading block index -> level (1 = 类目).

    Each 目录 row (title and page number) is matched, in order, to the next body heading of
    the same name (spaces and traditional/simplified forms ignored); the row's indentation
    gives its level (all rows flush: one level). A part label (a row without page number over
    its rows) is looked for only before its first row's heading, also as part of a longer
    heading ('综述' for '县情综述'); a label the body does not print goes in ``unprinted``
    (first row's heading block -> label): a 类目 without a heading of its own."""
    rows: list[tuple[str, int, int]] = []  # (key, level, block index)
    parts = False
    for i, b in enumerate(blocks):
        if b.kind == BlockKind.ROW and b.role in ("toc", "toc_part") and b.pieces:
            if rows and i - rows[-1][2] > 12:
                break  # the 目录 is one run of rows: a later 'title<TAB>figure' is a table's
            if len(b.pieces) == 2 and b.pieces[0].line == b.pieces[1].line:
                # title and page number, the dot leader between them cut out as furniture
                title = b.text[: b.pieces[0].end - b.pieces[0].start].strip()
            else:
                title = _TOC_TAIL.sub("", b.text.strip()).strip()
            key = _toc_key(title)
            if len(key) >= 2 or b.role == "toc_part":
                rows.append((key, -1 if b.role == "toc_part" else b.pieces[0].start, i))
                parts = parts or b.role == "toc_part"
    if len(rows) < 3:
        return {}
    # the rows' indentation gives their levels; under part labels (level 1) the rows are one
    # level down, except the parts of a yearbook that are 类目 in every volume (大事记, 附录 …)
    indents = sorted({r[1] for r in rows if r[1] >= 0})
    level_of = {ind: min(k + 1 + parts, 3) for k, ind in enumerate(indents)}
    level_of[-1] = 1
    numbered = _numbered_levels(rows) if len(indents) <= 1 and not parts else None
    if numbered:
        rows = [(key, lv, i) for (key, _ind, i), lv in zip(rows, numbered, strict=False)]
    else:
        rows = [(key, 1 if parts and canonical_part(key) else level_of[ind], i) for key, ind, i in rows]
    labels = {i for i in range(len(rows)) if blocks[rows[i][2]].role == "toc_part"}
    out: dict[int, int] = {}
    pos = rows[-1][2] + 1
    keys: list[str | None] = [None] * len(blocks)

    def find(key: str, start: int, stop: int, part: bool = False) -> int:
        for j in range(start, stop):
            b = blocks[j]
            if b.kind not in (BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.ROW) or len(b.text) > 60:
                continue
            if b.kind != BlockKind.HEADING and ends_terminal(b.text.strip()):
                continue
            if keys[j] is None:
                keys[j] = _toc_key(b.text)
            k = keys[j]
            if k == key or (len(key) >= 4 and _similar(k, key) >= 0.9):
                return j
            if part and b.kind == BlockKind.HEADING and key in k and len(k) <= len(key) + 4:
                return j
        return -1

    for r, (key, level, _) in enumerate(rows):
        if r in labels and r + 1 < len(rows) and r + 1 not in labels:
            first = find(rows[r + 1][0], pos, len(blocks))
            stop = first if first >= 0 else len(blocks)
            j = find(key, pos, stop)
            if j < 0:
                j = find(key, pos, stop, part=True)
            if j < 0 and first >= 0 and unprinted is not None:
                unprinted[first] = key
        else:
            j = find(key, pos, len(blocks))
        if j >= 0:
            out[j] = level
            pos = j + 1
    return out


#: numbering of 目录 rows from the top of a book down: 第一部分/第一篇, 第一章, 一、, （一）, 1.
_TOC_NUMBERING = ("part", "chapter", "cn", "paren_cn", "arabic")


def _numbered_levels(rows: list[tuple[str, int, int]]) -> list[int] | None:
    """Levels of a flush 目录's rows from their numbering ('第一部分 市情' over '一、自然地理'),
    when the rows use two numbering types or more; None otherwise. Unnumbered rows are 类目
    when they are a yearbook's canonical parts (特载, 大事记, 附录 …) or stand before the first
    numbered row, else one level under the last numbered row."""
    types = [section_number(key) for key, _ind, _i in rows]
    used = [t for t in _TOC_NUMBERING if any(x is not None and x[0] == t for x in types)]
    if len(used) < 2:
        return None
    rank = {t: min(k + 1, 3) for k, t in enumerate(used)}
    out: list[int] = []
    last = 0
    for (key, _ind, _i), t in zip(rows, types, strict=False):
        if t is not None and t[0] in rank:
            last = rank[t[0]]
            out.append(last)
        elif key in CANONICAL_PARTS or not last:
            last = 0
            out.append(1)
        else:
            out.append(min(last + 1, 3))
    return out


def _front_photo_pages(blocks: list[Block]) -> None:
    """Photo pages before the front matter: short captions standing between runs of blank
    lines, the volume's title repeated over them as a running header. They are furniture
    (captions), not text; the cover's own lines (title, compiler, date) stay."""
    first = next((i for i, b in enumerate(blocks[:400]) if b.kind == BlockKind.HEADING and norm(b.text) in _FRONT_NAMES), -1)
    content = [i for i in range(max(first, 0)) if blocks[i].kind != BlockKind.NOISE]
    if first <= 0 or len(content) < 3:
        return
    cover = norm(blocks[content[0]].text)
    for k, i in enumerate(content[1:], 1):
        b = blocks[i]
        t = b.text.strip()
        if len(b.pieces) != 1 or len(t) > 40 or ends_terminal(t):
            continue
        if _COMPILER.search(norm(t)) or _DATE_LINE.match(norm(t)):
            continue
        if norm(t) == cover or cover.startswith(norm(t)):
            b.kind, b.role, b.level = BlockKind.NOISE, "running_header", 0
            continue
        before = b.line_start - blocks[content[k - 1]].line_end
        after = (blocks[content[k + 1]].line_start if k + 1 < len(content) else blocks[first].line_start) - b.line_end
        if max(before, after) >= 4:
            b.kind, b.role, b.level = BlockKind.NOISE, "caption", 0


def build_outline(blocks: list[Block]) -> tuple[list[Node], str]:
    _front_photo_pages(blocks)
    title = find_title(blocks)
    names = find_category_names(blocks)
    if names:
        _running_category_headers(blocks, names)
    cats = match_categories(blocks, names, 0) if names else {}
    unprinted: dict[int, str] = {}
    toc = toc_frame(blocks, unprinted)
    if not names and not any(bl.kind == BlockKind.ENTRY_TITLE for bl in blocks):
        toc, unprinted = {}, {}  # a volume of documents (no 类目 list, no entries): its 目录 lists documents, not 类目
    if names and toc and all(lv == 1 for lv in toc.values()):
        # a 目录 printed flush (every row at one indent) lists 类目 and 分目 alike: the
        # 编辑说明 names the 类目, the other rows are 分目
        listed = [norm(x) for x in names]
        for j in toc:
            key = norm(blocks[j].text)
            if not any(_similar(key, x) >= 0.8 for x in listed):
                toc[j] = 2
    for j, lv in toc.items():
        bl = blocks[j]
        if bl.kind != BlockKind.HEADING:
            bl.kind, bl.role = BlockKind.HEADING, "toc_named"
        if lv == 1 and j not in cats:
            cats[j] = norm(bl.text)
    virtual = _virtual_categories(blocks, names, cats)
    for j, label in unprinted.items():
        if j not in cats:
            virtual.setdefault(j, label)
    cover = set(_cover(blocks))
    b = _Builder(blocks)
    n = len(blocks)
    kinds = [bl.kind for bl in blocks]
    # a yearbook (类目 named, or entries in 【】) keeps its documents whole: only numbered
    # headings open sections there; a volume of documents (a report, a speech collection)
    # gives its unnumbered part headings a section too
    yearbook = bool(cats) or sum(1 for k in kinds if k == BlockKind.ENTRY_TITLE) >= 20
    in_category = False
    seen_sub = False  # the current 类目 uses 子目
    div_titles: list[str] = []  # 分目 titles of the current 类目
    first_content = True
    canonical_open = ""  # the canonical part (特载, 附录 …) last opened as a 类目
    framed = bool(cats)  # the 类目 are known from the 编辑说明 or the 目录
    doc_level = 0  # heading level of the open document's title (0 = no document open)
    title_block = False  # right after a document's title: sub-title, by-line, date

    def next_content(i: int) -> int:
        j = i + 1
        while j < n and kinds[j] == BlockKind.NOISE:
            j += 1
        return j

    i = 0
    while i < n:
        bl = blocks[i]
        k = bl.kind
        if k == BlockKind.NOISE:
            i += 1
            continue
        if k == BlockKind.HEADING and i not in cats and _category_header(blocks, i, b):
            bl.kind, bl.role, bl.level = BlockKind.NOISE, "running_header", 0
            kinds[i] = BlockKind.NOISE
            i += 1
            continue
        if i in cover:
            if k == BlockKind.HEADING:
                bl.level = 1 if first_content else 2  # the volume's title page: no node
            first_content = False
            i += 1
            continue
        if i in virtual:
            # a 类目 whose heading is not in the text (大事记 known by its months) or whose
            # first 分目 carries a shortened name (财政 for 财政税收)
            b.open(NodeKind.CATEGORY, virtual[i], i, R_CATEGORY, None, uncertain=True)
            in_category, seen_sub, doc_level, title_block = True, False, 0, False
            div_titles = []
            first_content = False
        if (
            not framed
            and k == BlockKind.HEADING
            and not title_block
            and toc_key(bl.text) != canonical_open
            and norm(bl.text) not in _FRONT_NAMES
            and (
                toc_key(bl.text) in CANONICAL_PARTS
                or (_SPACED.fullmatch(bl.text.strip()) and len(toc_key(bl.text)) <= 6 and not not_a_heading(bl.text))
            )
        ):
            # no 编辑说明 list and no 目录: the parts every yearbook has (特载, 大事记, 附录 …)
            # and the letter-spaced headings of the body ('政  治') are its 类目
            cats[i] = canonical_open = toc_key(bl.text)
        if i in cats:
            bl.kind = k = BlockKind.HEADING
            bl.role = ""
            b.open(NodeKind.CATEGORY, bl.text.strip(), i, R_CATEGORY, i)
            bl.level = 1
            in_category, seen_sub, doc_level, title_block = True, False, 0, False
            div_titles = []
            first_content = False
            i += 1
            continue
        if (
            i in toc
            and toc[i] >= 2
            and k == BlockKind.HEADING
            and not _looks_like_document(blocks, next_content(i), [i])
        ):
            lv = toc[i]
            if lv == 2:
                b.open(NodeKind.DIVISION, bl.text.strip(), i, R_DIVISION, i)
                div_titles.append(norm(bl.text))
            else:
                b.open(NodeKind.SUBDIVISION, bl.text.strip(), i, R_SUBDIVISION, i)
                seen_sub = True
            bl.level = lv
            doc_level, title_block, first_content = 0, False, False
            i += 1
            continue
        if k == BlockKind.ROW and in_category and _first_under_category(blocks, i, b) and _heads_roster(blocks, i + 1, norm(bl.text)):
            # the 类目's first line, a heading taken into the table under it ('附录' / '统计资料' / '表1 …')
            bl.kind = k = kinds[i] = BlockKind.HEADING
            bl.role = ""
        if k != BlockKind.HEADING:
            first_content = False
            if k == BlockKind.PARAGRAPH and doc_level and not yearbook and not title_block and run_in_head(bl.text):
                # '（一）加快北城区开发建设。坚持…': a numbered part whose heading runs into its text
                _open_section(b, bl, i, section_number(bl.text), doc_level)
                bl.level = 0
                i += 1
                continue
            if k == BlockKind.ENTRY_TITLE:
                b.open(NodeKind.ENTRY, bl.text.strip(), i, R_ENTRY, i)
                doc_level, title_block = 0, False
            elif k == BlockKind.PARAGRAPH and title_block and _ends_title_block(bl.text):
                title_block = False
            elif (
                k == BlockKind.PARAGRAPH
                and in_category
                and not title_block
                and _SALUTATION.search(bl.text.strip())
                and len(bl.text.strip()) <= 30
            ):
                # a speech or report whose title is not where it starts (001: the title block
                # sits inside a sentence further on): an untitled document from its salutation
                b.open(NodeKind.DOCUMENT, _aside_title(blocks, i), i, R_DOCUMENT, None, uncertain=True)
                doc_level = 2
            i += 1
            continue
        key = norm(bl.text)
        if key in _FRONT_NAMES and not in_category:
            b.open(NodeKind.FRONT, bl.text.strip(), i, R_FRONT, i)
            bl.level = 1
            first_content = False
            doc_level, title_block = 0, False
            i += 1
            continue
        first_content_here, first_content = first_content, False
        if bl.role == "month":
            b.open(NodeKind.SECTION, bl.text.strip(), i, R_DIVISION, i)
            bl.level = 2
            i += 1
            continue
        if title_block:
            bl.level = doc_level + 1  # sub-title, by-line or date of the document
            i += 1
            continue
        if not_a_heading(bl.text):
            bl.level = 4  # a roster line, a table caption or row: no node
            i += 1
            continue
        sec = section_number(bl.text)
        if sec is not None and yearbook and sec[0] in ("arabic", "paren_ar"):
            sec = None  # '1.' '（1）' in a yearbook's document: list items and table rows
        if sec is not None and (doc_level or not cats):
            _open_section(b, bl, i, sec, doc_level or 1)
            i += 1
            continue
        # a heading chain: consecutive headings up to the next non-heading block
        chain = [i]
        j = next_content(i)
        while (
            j < n
            and kinds[j] == BlockKind.HEADING
            and j not in cats
            and j not in virtual
            and blocks[j].role != "month"
            and norm(blocks[j].text) not in _FRONT_NAMES
            and not not_a_heading(blocks[j].text)
            and len(chain) < 4
        ):
            if _category_header(blocks, j, b):
                blocks[j].kind, blocks[j].role, blocks[j].level = BlockKind.NOISE, "running_header", 0
                kinds[j] = BlockKind.NOISE
            else:
                chain.append(j)
            j = next_content(j)
        front = j
        while (
            first_content_here
            and front < n
            and front - i <= 6
            and kinds[front] == BlockKind.PARAGRAPH
            and len(blocks[front].text) <= 30
            and not ends_terminal(blocks[front].text.strip())
        ):
            front = next_content(front)  # '（2021年卷）' under the title
        if (
            first_content_here
            and front < n
            and kinds[front] == BlockKind.HEADING
            and norm(blocks[front].text) in _FRONT_NAMES
        ):
            j = front
            # the volume's title page (title, publisher), standing before its 目录 or 编辑说明
            for c in chain:
                blocks[c].level = 1 if c == i else 2
            i = chain[-1] + 1
            continue
        if first_content_here and any(_COMPILER.search(norm(blocks[c].text)) for c in chain[1:3]):
            # a collection's title page: title, '…办公室 编', a date; the volume's title, no node
            last = next(c for c in chain[1:3] if _COMPILER.search(norm(blocks[c].text)))
            k = chain.index(last) + 1
            while k < len(chain) and _DATE_LINE.match(norm(blocks[chain[k]].text)):
                last, k = chain[k], k + 1
            for c in chain[: chain.index(last) + 1]:
                blocks[c].level = 1 if c == i else 2
            i = last + 1
            continue
        if _metadata(bl.text) and j < n and kinds[j] == BlockKind.HEADING:
            # occasion, by-line or date printed over the title: the title is the first
            # heading after them that is none of these
            k = j
            while k < n and kinds[k] == BlockKind.HEADING and _metadata(blocks[k].text) and k - i < 6:
                k = next_content(k)
            if k < n and kinds[k] == BlockKind.HEADING and not not_a_heading(blocks[k].text):
                chain = list(range(i, k + 1))
                chain = [c for c in chain if kinds[c] != BlockKind.NOISE]
                j = next_content(k)
        if (
            _looks_like_document(blocks, j, chain, dates=not doc_level)
            or (first_content_here and not cats and not in_category)
            # in a volume of documents, a heading named as a document ('…会议纪要', '关于…的决定')
            or (doc_level and not yearbook and not in_category and len(key) >= 6 and _DOC_KIND.search(key))
        ):
            doc_level = 2 if in_category else 1
            named = next(
                (
                    c
                    for c in chain
                    if not _number_or_date(blocks[c].text)
                    and not _issuer(blocks, chain, c)
                    and not (c != chain[-1] and _metadata(blocks[c].text))
                ),
                None,
            )
            start = i
            if named is None:
                # '区委发〔2019〕19 号' under a title that was taken for a paragraph
                p = i - 1
                while p >= 0 and blocks[p].kind == BlockKind.NOISE:
                    p -= 1
                pt = blocks[p].text.strip() if p >= 0 else ""
                if (
                    p >= 0
                    and blocks[p].kind == BlockKind.PARAGRAPH
                    and not blocks[p].role
                    and 4 <= len(pt) <= 60
                    and not ends_terminal(pt)
                ):
                    named = start = p
                else:
                    named = i
            # the node starts at its title (the outline is stored as anchor = title block);
            # issuing-unit lines above the title stay with what precedes
            start = named if named > start else start
            if not in_category:
                b.close_to(R_FRONT, start)  # a document after the 目录 or 编辑说明 is not part of it
            b.open(NodeKind.DOCUMENT, blocks[named].text.strip().lstrip("—-－ ").strip(), start, R_DOCUMENT, named)
            bl.level = doc_level
            title_block = True
            i += 1
            continue
        if doc_level and yearbook and in_category and len(chain) == 1 and _heads_roster(blocks, j, key, to_end=True):
            # a list after the document's end ('县直单位负责人名录' over its rows up to the next
            # heading): the document is over, the list is the 类目's next 分目
            b.close_to(R_DOCUMENT, i)
            doc_level = 0
        if doc_level:
            # an unnumbered heading inside a document: a section if it heads prose; a date,
            # a signature or the cell of a flattened table opens nothing
            nxt = chain[1] if len(chain) > 1 else j
            dated = _DATE_LINE.match(key) or (nxt < n and _DATE_LINE.match(norm(blocks[nxt].text)))
            if dated or yearbook or not _heads_prose(blocks, j):
                bl.level = doc_level + 2
            else:
                b.open(NodeKind.SECTION, bl.text.strip(), i, R_SECTION, i, uncertain=True)
                bl.level = doc_level + 1
            i += 1
            continue
        if (
            cats
            and in_category
            and (j >= n or kinds[j] != BlockKind.ENTRY_TITLE)
            and not (
                len(chain) == 1
                and (
                    _heads_biographies(blocks, j)
                    or (b.nodes[b.stack[-1][0]].kind != NodeKind.ENTRY and _heads_roster(blocks, j, key))
                )
            )
        ):
            # in the body of a yearbook, 分目 and 子目 head entries; other headings (table
            # titles, lines of a flattened table, a list's caption) open no node
            for c in chain:
                blocks[c].level = 4
            i = chain[-1] + 1
            continue
        if (
            len(chain) >= 2
            and not framed
            and in_category
            and not seen_sub
            and div_titles
            and j < n
            and kinds[j] == BlockKind.ENTRY_TITLE
            and len(key) <= 8
        ):
            # no 类目 list and no 目录: the 类目 so far holds its entries right under its 分目,
            # so a chain of two headings before an entry is the next 类目 and its first 分目
            # ('政治' / '中共某县委员会' / '【重要会议】'), not a 分目 with the first 子目
            b.open(NodeKind.CATEGORY, bl.text.strip(), i, R_CATEGORY, i, uncertain=True)
            bl.level = 1
            cats[i] = canonical_open = toc_key(bl.text)
            div_titles = []
            chain = chain[1:]
            i = chain[0]
            bl = blocks[i]
            key = norm(bl.text)
            if len(chain) == 1:
                b.open(NodeKind.DIVISION, bl.text.strip(), i, R_DIVISION, i)
                bl.level = 2
                div_titles.append(key)
                i += 1
                continue
        if len(chain) >= 2:
            b.open(NodeKind.DIVISION, blocks[chain[0]].text.strip(), chain[0], R_DIVISION, chain[0])
            blocks[chain[0]].level = 2
            div_titles.append(norm(blocks[chain[0]].text))
            for c in chain[1:]:
                b.open(NodeKind.SUBDIVISION, blocks[c].text.strip(), c, R_SUBDIVISION, c)
                blocks[c].level = 3
            seen_sub = True
            i = chain[-1] + 1
            continue
        if (
            (seen_sub and not _like_divisions(key, div_titles))
            or _numbered_below_division(b, bl.text)
            or _plain_below_numbered(b, bl.text, div_titles)
        ):
            b.open(NodeKind.SUBDIVISION, bl.text.strip(), i, R_SUBDIVISION, i, uncertain=True)
            bl.level = 3
        else:
            b.open(NodeKind.DIVISION, bl.text.strip(), i, R_DIVISION, i)
            bl.level = 2
            div_titles.append(key)
        i += 1
    nodes = b.finish(n)
    for bl in blocks:
        if bl.kind == BlockKind.HEADING and bl.level == 0:
            bl.level = 4  # a minor heading: no node of its own
    return nodes, title


def _numbered_below_division(b: _Builder, text: str) -> bool:
    """The heading is numbered one kind below the open 分目's numbering ('一、中共某市委员会'
    over '（一）重要会议'): a 子目 of it."""
    sec = section_number(text)
    if sec is None or sec[0] not in _TOC_NUMBERING:
        return False
    for idx, _rank in reversed(b.stack):
        node = b.nodes[idx]
        if node.kind == NodeKind.DIVISION:
            above = section_number(node.title)
            return above is not None and above[0] in _TOC_NUMBERING and (
                _TOC_NUMBERING.index(above[0]) < _TOC_NUMBERING.index(sec[0])
            )
        if node.kind == NodeKind.CATEGORY:
            return False
    return False


def _plain_below_numbered(b: _Builder, text: str, div_titles: list[str]) -> bool:
    """An unnumbered heading inside the open 分目 of a 类目 whose 分目 are all numbered
    ('（一）文昌街道' over '经济发展'): a 子目 of it, as the next 分目 would carry its number."""
    if section_number(text) is not None or not div_titles:
        return False
    if not all(section_number(t) is not None for t in div_titles):
        return False
    return bool(b.stack) and b.nodes[b.stack[-1][0]].kind in (NodeKind.DIVISION, NodeKind.ENTRY) and any(
        b.nodes[idx].kind == NodeKind.DIVISION for idx, _rank in b.stack
    )


def _cover(blocks: list[Block]) -> list[int]:
    """The title page before the front matter: a few short lines (title, year, compiler,
    publisher) and nothing else before the first 编辑说明/目录/凡例/前言 heading. No nodes."""
    content: list[int] = []
    for i, bl in enumerate(blocks[:60]):
        if bl.kind == BlockKind.NOISE:
            continue
        if bl.kind == BlockKind.HEADING and norm(bl.text) in _FRONT_NAMES:
            return content if len(content) >= 2 else []
        t = bl.text.strip()
        if bl.kind not in (BlockKind.HEADING, BlockKind.PARAGRAPH) or len(t) > 40 or ends_terminal(t):
            return []
        content.append(i)
        if len(content) > 8:
            return []
    return []


def _open_section(b: _Builder, bl: Block, i: int, sec: tuple[str, int], base_level: int) -> None:
    """A numbered section: a sibling of the nearest open section of the same numbering type
    whose number is one less; otherwise a child (numbering restarts one level down)."""
    typ, val = sec
    rank = None
    depth = 1
    for _node, t, v, r, dp in reversed(b.sections):
        if t == typ and v == val - 1:
            rank, depth = r, dp
            break
    if rank is None:
        if b.sections and b.sections[-1][1] == typ and val != 1:
            rank, depth = b.sections[-1][3], b.sections[-1][4]
        elif b.sections:
            rank, depth = b.sections[-1][3] + 0.01, b.sections[-1][4] + 1
        else:
            rank, depth = R_SECTION, 1
    idx = b.open(NodeKind.SECTION, bl.text.strip(), i, rank, i)
    bl.level = base_level + depth
    b.sections.append((idx, typ, val, rank, depth))


_MONTH = r"(?:\d{1,2}|[一二三四五六七八九十]{1,2})月"  # also in Chinese numerals ('十二月二十八日')
_DAY = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})日"
_DATE_LINE = re.compile(rf"^[（(]?[\dxX×〇零一二三四五六七八九]{{2,4}}年{_MONTH}(?:{_DAY})?[）)]?$")


# an issuing unit standing over a document's title ('中共…区委办公室' / '关于印发…的通知')
_ISSUER_END = re.compile(r"(?:办公室|委员会|人民政府|政府|区委|市委|县委|党委|党组|纪委|监委|人大常委会|政协|法院|检察院|局|厅|部)$")
_DOC_KIND = re.compile(
    r"(?:通知|意见|办法|方案|决定|规定|报告|规划|细则|纲要|批复|公告|公报|决议|条例|讲话|致辞|规则|制度|要点|计划|函|纪要|发言)$"
)


def _issuing_unit(text: str) -> bool:
    """A short line naming an issuing unit alone ('石门县统计局', '中共某某区委办公室')."""
    t = norm(text)
    return 4 <= len(t) <= 20 and bool(_ISSUER_END.search(t)) and not _DOC_KIND.search(t) and section_number(t) is None


def _issuer(blocks: list[Block], chain: list[int], c: int) -> bool:
    """Block ``c`` of a heading chain names the issuing unit(s), and a later heading of the
    chain is the document's title (it ends in the document's kind)."""
    t = norm(blocks[c].text)
    if not _ISSUER_END.search(t) or _DOC_KIND.search(t):
        return False
    return any(_DOC_KIND.search(norm(blocks[x].text)) for x in chain[chain.index(c) + 1 :])


_RUN_IN = re.compile(r"^(.{4,32}?[。：:])")


def run_in_head(text: str) -> str:
    """The heading of a numbered paragraph that runs into its text ('（一）加快北城区开发建设。'
    of '（一）加快北城区开发建设。坚持规划引领…'), or '' when the paragraph has none: a
    Chinese-numbered start, a first sentence of at most 32 characters without commas, and
    more text after it."""
    t = text.strip()
    sec = section_number(t)
    if sec is None or sec[0] not in ("cn", "paren_cn"):
        return ""
    m = _RUN_IN.match(t)
    if not m or len(t) < len(m.group(1)) + 10:
        return ""
    head = m.group(1)
    if any(c in head for c in "，,；;、"):
        return ""
    return head


_FULL_DATE = re.compile(rf"^[（(]?[\dxX×〇零一二三四五六七八九]{{2,4}}年{_MONTH}{_DAY}[）)]?$")
# never a heading: a roster line (post, then one or more names), a table caption, a row of
# cells separated by TABs or wide gaps
_ROSTER = re.compile(
    r"^[\u4e00-\u9fff、（）()]{0,20}(?:书记|[^\s]长|主任|委员|常委|主席|成员|秘书|专员|干事|助理|调研员|巡视员)"
    r"(?:[ \u3000]*[：:]|[ \u3000]+)[ \u3000]*"
    r"[\u4e00-\u9fff](?:[ \u3000]?[\u4e00-\u9fff]){1,2}(?:[ \u3000、，,]+[\u4e00-\u9fff](?:[ \u3000]?[\u4e00-\u9fff]){1,2})*$"
)
# the hundred commonest surnames: two to four characters that start with one and hold none of
# the characters that end a unit's or a subject's name are taken for a person's name
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_PERSON = re.compile(r"^[\u4e00-\u9fff](?:[ \u3000]?[\u4e00-\u9fff]){1,2}$")
_NOT_NAME = re.compile(r"[区县市镇乡村街道路局委办会院所站队部处科室中心公司工业业务作设理治育化展计划年度月日馆场厂园河山湖]")
_JUSTIFIED_POST = re.compile(r"^([\u4e00-\u9fff])[ \u3000]+([\u4e00-\u9fff])(?=[ \u3000])")
_CAPTION = re.compile(r"^(?:表|图|附表|附图)\s*[\d一二三四五六七八九十]+(?:[-—.．]\d+)?[\s:：]")
_CELLS = re.compile(r"\S(?:\t|[ \u3000]{2,})\S.*\S(?:\t|[ \u3000]{2,})\S")


def not_a_heading(text: str) -> str:
    """Why a heading-shaped line is no heading of the outline ('' when it may be one): a
    roster line ('副书记 赵立新 孙明'), a table caption ('表1 …'), a row of cells."""
    t = text.strip()
    if _CAPTION.match(t):
        return "caption"
    if "\t" in t or _CELLS.search(t):
        return "cells"
    if _PERSON.match(t) and t[0] in _SURNAMES and not _NOT_NAME.search(t[1:]) and (len(t) >= 3 or " " in t):
        return "name"  # a person's name alone on a line ('张明华', '张 淼')
    if _ROSTER.match(t) or _ROSTER.match(_JUSTIFIED_POST.sub(r"\1\2", t)):
        return "roster"  # also a post justified to the names' width: '书  记 陈志强'

    return ""


def _metadata(text: str) -> bool:
    """A line of a document's title block that is not its title: occasion, by-line, date."""
    t = text.strip()
    return bool(_title_block_cue(t) or BYLINE.match(t) or _DATE_LINE.match(norm(t)))


def _number_or_date(text: str) -> bool:
    return bool(_DOC_NUMBER.search(text) or _DATE_LINE.match(norm(text).lstrip("—－-")))


def _heads_prose(blocks: list[Block], j: int) -> bool:
    n = len(blocks)
    while j < n and blocks[j].kind == BlockKind.NOISE:
        j += 1
    if j >= n:
        return False
    bl = blocks[j]
    if bl.kind == BlockKind.ENTRY_TITLE:
        return True
    if bl.kind == BlockKind.PARAGRAPH and section_number(bl.text) is not None:
        return True  # a numbered list under an appended part ('为民兴办实事' / '1.改造…')
    return bl.kind == BlockKind.PARAGRAPH and len(bl.text) >= 30


def _heads_biographies(blocks: list[Block], j: int) -> bool:
    """Block ``j`` is a person's name alone on a line with a paragraph under it: the heading
    before it heads the biographies of a 人物 part (先进模范 / 张伟 / '男，汉族，…')."""
    n = len(blocks)
    if j >= n or blocks[j].kind != BlockKind.HEADING or not_a_heading(blocks[j].text) != "name":
        return False
    k = j + 1
    while k < n and blocks[k].kind == BlockKind.NOISE:
        k += 1
    return k < n and blocks[k].kind == BlockKind.PARAGRAPH and len(blocks[k].text) >= 30


def _first_under_category(blocks: list[Block], i: int, b: _Builder) -> bool:
    """Block ``i`` is the first after the open 类目's heading, a short line without gaps,
    figures or punctuation."""
    if not b.stack:
        return False
    node = b.nodes[b.stack[-1][0]]
    t = blocks[i].text.strip()
    if node.kind != NodeKind.CATEGORY or node.title_block is None or len(t) > 12 or not t.isalnum():
        return False
    p = i - 1
    while p >= 0 and blocks[p].kind == BlockKind.NOISE:
        p -= 1
    return p == node.title_block and not any(c.isdigit() for c in t)


_TABLE_TITLE_END = re.compile(r"[表图]$")


def _heads_roster(blocks: list[Block], j: int, key: str, to_end: bool = False) -> bool:
    """A heading without figures over two rows or more of a roster or a table (block ``j`` on)
    heads a list of its own ('县直单位负责人名录', '统计资料'), not a table inside an entry,
    whose title carries its year or ends in 表/图. ``to_end``: the rows run up to the next
    heading or the volume's end (a list after a document, not a table inside it)."""
    if len(key) > 12 or any(c.isdigit() for c in key) or _TABLE_TITLE_END.search(key):
        return False
    rows, k = 0, j
    while k < len(blocks):
        b = blocks[k]
        k += 1
        if b.kind == BlockKind.NOISE:
            continue
        if b.kind != BlockKind.ROW or b.role not in ("list", "table"):
            return rows >= 2 and (not to_end or b.kind in (BlockKind.HEADING, BlockKind.ENTRY_TITLE))
        rows += 1
        if rows >= 6 and not to_end:
            break
    return rows >= 2


_NOTE = re.compile(r"[（(][^（）()]*[）)]|年鉴$")


def _like_divisions(key: str, div_titles: list[str]) -> bool:
    """A lone heading named like the 类目's 分目 (雁园街道 among …街道) is a 分目 too."""
    k = _NOTE.sub("", key)
    if len(k) < 3 or not div_titles:
        return False
    same = sum(1 for t in div_titles if _NOTE.sub("", t)[-2:] == k[-2:])
    return same >= 2 and same >= 0.5 * len(div_titles)


def _aside_title(blocks: list[Block], i: int) -> str:
    """The sub-title set aside further on ('——2020 年 1 月 11 日在…上的报告'), if any."""
    for j in range(i + 1, min(len(blocks), i + 200)):
        bl = blocks[j]
        if bl.role == "aside":
            return bl.text.strip().lstrip("—- ").strip()
        if bl.kind == BlockKind.PARAGRAPH and _SALUTATION.search(bl.text.strip()) and len(bl.text) <= 30:
            break
    return ""


def _ends_title_block(text: str) -> bool:
    """A paragraph after a document's title ends its title block unless it is a sub-title,
    a date or a by-line (no full stop)."""
    t = text.strip()
    return t.endswith(("。", "！", "？", "：", ":")) or len(t) > 80


def _title_block_cue(t: str, dates: bool = True) -> bool:
    if dates and len(t) <= 20 and _FULL_DATE.match(norm(t)):
        return True  # '2021年3月15日' under a communiqué's or a notice's title
    if _SALUTATION.search(t) and len(t) <= 30:
        return True
    if _DOC_NUMBER.search(t) and len(t) <= 30:
        return True
    if len(t) <= 60 and not t.endswith("。"):
        if _DOC_CUES.match(t) or (_BYLINE.search(t) and len(norm(t)) >= 8):
            return True
    return False


_DOC_TITLE = re.compile(r"(?:报告|讲话|发言|致辞|总结|说明)$|(?:会议|大会|全会)上")
_OFFICE_END = re.compile(r"(?:书记|[^\s]长|委员|主任|主席|成员|专员|干部)$")


def _looks_like_document(blocks: list[Block], j: int, chain: list[int], dates: bool = True) -> bool:
    """A report, speech or document: its title (the chain's first heading) is followed by a
    by-line, a date line, a ——sub-title, a document number or a salutation. ``dates``: a
    date line alone counts (not inside another document, whose attachments carry dates)."""
    head = norm(blocks[chain[0]].text)
    if len(head) < 4 or _OFFICE_END.search(head):
        return False  # '党组成员、副局长': a directory line, not a document's title
    if any(_title_block_cue(blocks[c].text.strip(), dates) for c in chain[1:]):
        return True
    if _DOC_TITLE.search(head) and any(BYLINE.match(blocks[c].text.strip()) for c in chain[1:3]):
        return True  # '…的政府工作报告' / '区长 周明远': a by-line with a short post
    if len(head) >= 8 and _DOC_KIND.search(head) and any(_issuing_unit(blocks[c].text) for c in chain[1:3]):
        return True  # '…统计公报' / '某某县统计局': a document under its issuing unit
    seen = 0
    n = len(blocks)
    while j < n and seen < 3:
        bl = blocks[j]
        if bl.kind in (BlockKind.NOISE, BlockKind.ROW):
            if bl.kind == BlockKind.ROW:
                return False
            j += 1
            continue
        t = bl.text.strip()
        if bl.kind == BlockKind.ENTRY_TITLE:
            return False
        if _title_block_cue(t, dates):
            return True
        if bl.kind == BlockKind.PARAGRAPH and _ends_title_block(t):
            return False
        seen += 1
        j += 1
    return False
