"""Join wrapped lines into paragraphs; cut headings, entry titles, rows and furniture.

Every non-whitespace character of the source goes into exactly one block: each text line is
cut into pieces (furniture tokens, an entry title, body text) and every piece is handed to one
block. Furniture met inside an open paragraph is kept aside and emitted right after that
paragraph, so blocks stay in reading order and paragraphs run across page breaks.

The boundary rule, for a wrapped text (one printed line per text line): a paragraph ends
after a line that ends a sentence and is short of the local column width; a full line that
ends a sentence continues the paragraph (a guess recorded in ``soft_joins``) unless the next
line opens with a strong cue (an entry title, a dated 大事记 item, a section number). For a
text with one paragraph per line, every line that ends a sentence ends its paragraph, and a
line cut mid-sentence is joined to the next one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from ..model import Block, BlockKind, Piece
from ..text import join_runs, run_starts
from .classify import BYLINE, LineLabel, is_section_number, punct_outside_brackets
from .lines import LineFacts, cjk_count, ends_terminal, has_sentence_punct
from .outline import CANONICAL_PARTS, section_number
from .profile import Profile

# a sentence that goes on with the previous one's subject: '其中 1 月降水量…'
_GOES_ON = re.compile(r"^(?:其中|其余|其他|其它|分别|包括|另有|占)")
_WS = re.compile(r"\s")


_NUMBER_TOKEN = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s*[%‰％]?(?![\d.])")
_UNIT_CELL = re.compile(r"^[（(][^（）()]{0,6}(?:元|人|%|％|个|户|吨|亩|米|次|件|项|家)[）)]$")


# a person's name in brackets, the credit of an entry: '（贾玉莉）', '(王 薇)'; not a cell like '（区人防办）'
_NAME_CREDIT = re.compile(r"^[（(]\s*[\u4e00-\u9fff](?:[ \u3000]*[\u4e00-\u9fff]){1,2}\s*[）)]$")
_NAME_CREDIT_NOT = re.compile(r"[办局委部处科所院组队站会室馆厅署人元户个]\s*[）)]$")
_NAME = re.compile(r"^[\u4e00-\u9fff](?:[ \u3000]*[\u4e00-\u9fff]){1,3}$")


def _bare_number(text: str) -> int:
    """'499' standing alone on its line (a table row's number, its cells on the next lines)."""
    return int(text) if text.isdecimal() and text.isascii() and len(text) <= 3 else 0


def _numeric_cell(text: str) -> bool:
    """A table cell or row with figures: '2019 13982 3796', '90%', '（万元）'; not a document
    number or a date line (a document's title block)."""
    if _UNIT_CELL.match(text):
        return True
    if _DOC_NO.search(text) or _DATE_LINE.match(re.sub(r"\s", "", text)):
        return False
    toks = _NUMBER_TOKEN.findall(text)
    if not toks:
        return False
    digits = sum(c.isdigit() for c in text)
    solid = len(text) - text.count(" ")
    return len(toks) >= 2 or digits >= 0.25 * solid


# '·概 貌·', '.经济.': a 子目 marker, never the second line of a two-line heading
_SECTION_MARK = re.compile(r"^[·•・.．]\S.{0,12}[·•・.．]$")


# a line ending in one of these runs on into the next, whatever the next starts with
_CLOSE = "”’」』）)\"'"
_CONTINUES = set("，,、至和与及于在到从自—-（(《“")
_OPENS = set("，,、—-（(《“")
_DOC_NO = re.compile(r"[〔\[【]\d{4}[〕\]】]\s*\d+\s*号")
_LETTER_SPACED = re.compile(r"^[\u4e00-\u9fff](?:[ \u3000]+[\u4e00-\u9fff])+$")
_DOC_NO_LINE = re.compile(r"^[\u4e00-\u9fff]{1,12}\s*[〔\[【]\d{4}[〕\]】]\s*\d+\s*号$")


_CN_DIGITS = "一二三四五六七八九"


def _to_cn(n: int) -> str:
    if n <= 0 or n >= 100:
        return ""
    tens, ones = divmod(n, 10)
    out = ("" if tens <= 1 else _CN_DIGITS[tens - 1]) + ("十" if tens else "")
    return out + (_CN_DIGITS[ones - 1] if ones else "")


def _item_token(typ: str, v: int) -> str:
    if typ == "cn":
        return _to_cn(v) + "、" if _to_cn(v) else ""
    if typ == "paren_cn":
        return "（" + _to_cn(v) + "）" if _to_cn(v) else ""
    if typ == "arabic":
        return f"{v}."
    if typ == "paren_ar":
        return f"（{v}）"
    return ""


_DOC_KIND_END = re.compile(r"(?:方案|办法|意见|通知|规定|细则|决定|规划|纲要|公告|公报|通报|条例|章程|制度|规则|报告|讲话|准则|要点|计划|清单)$")
# the second half of a unit's name wrapped off its heading ('石门县人民代表大会' / '常务委员会'), or a
# line that can only go on a phrase ('…的'/'和…'): never a heading of its own
_NAME_TAIL = re.compile(r"^(?:(?:常务|工作|管理|领导)?委员会|常委会|办公室|领导小组|[的和与及暨并]\S{1,12})$")
# a 目录 row's dot leader before its page number (at least two dots, spaces around them)
_TOC_LEADER = re.compile(r"[ \t\u3000]*(?:[.…·．・]{2,}[ \t\u3000]*)+(?=\d{1,4}[ \t\u3000]*$)")
_DATED_END = re.compile(r"[\d日月旬号年]\s*[）)]?$")
_PAIRS = (("《", "》"), ("“", "”"), ("【", "】"))


def _unclosed(t: str) -> bool:
    if t.count("（") + t.count("(") > t.count("）") + t.count(")"):
        return True  # full-width and ASCII brackets are mixed freely: count them together
    return any(t.count(a) > t.count(b) for a, b in _PAIRS)


class _Draft:
    __slots__ = ("facts", "first_cue", "kind", "level", "pieces", "role", "rownum", "soft", "uncertain")

    def __init__(self, kind: BlockKind, role: str = "", first_cue: str = ""):
        self.kind = kind
        self.pieces: list[Piece] = []
        self.role = role
        self.level = 0
        self.uncertain = False
        self.soft: list[int] = []  # piece indexes whose join to the previous piece is a guess
        self.facts: list[int] = []  # text line indexes that gave body pieces
        self.first_cue = first_cue
        self.rownum = 0


def _trim(raw: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (raw[s].isspace() or raw[s] in "\u200b\u200c\u200d\ufeff"):
        s += 1
    while e > s and (raw[e - 1].isspace() or raw[e - 1] in "\u200b\u200c\u200d\ufeff"):
        e -= 1
    return s, e


def _finish(lines: Sequence[str], d: _Draft) -> Block:
    pieces = d.pieces
    if len(pieces) == 1 and not d.soft:
        # one run: join_runs([run]) is the run stripped
        p = pieces[0]
        return Block(d.kind, lines[p.line - 1][p.start : p.end].strip(), (p,), d.role, d.level, d.uncertain, ())
    runs = [lines[p.line - 1][p.start : p.end] for p in pieces]
    text = join_runs(runs)
    soft: tuple[int, ...] = ()
    if d.soft:
        want = set(d.soft)
        soft = tuple(start for k, start in enumerate(run_starts(runs)) if k in want and start)
    return Block(
        kind=d.kind,
        text=text,
        pieces=tuple(d.pieces),
        role=d.role,
        level=d.level,
        uncertain=d.uncertain,
        soft_joins=soft,
    )


# '——2020 年 1 月 11 日在…代表大会第四次会议上的报告': a report's sub-title
_SUBTITLE = re.compile(r"^[—\-－]{1,2}\s*.{0,40}(?:会议|大会|全会|会)上")
_BYLINE_LINE = re.compile(
    r"(?:书记|[^\s]长|主任|主席|委员|专员|代表)\s*[（(]?[\u4e00-\u9fff]?[）)]?\s*[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3}$"
)
# the addressees of a notice or a speech: '各街道党工委，区委各部门，各人民团体党组（支部）：'
_ADDRESSEES = re.compile(r"^(?:各|尊敬的|同志们|女士们)[^。！？!?；;]{1,150}[：:]$")
_TITLE_END = re.compile(r"(?:报告|讲话|发言|致辞|意见|决定|通知|方案|规划|纲要|总结)$")


def find_title_blocks(facts, labels, widths, default_width: float) -> dict[int, str]:
    """A report's title block: up to two title lines, the '——…会议上' sub-title and the
    by-line, wherever they stand (001 prints them across both columns, so the extraction
    sets them inside a sentence of the report's first page). Text line index -> part
    ('doc_title' | 'doc_subtitle' | 'doc_byline')."""
    out: dict[int, str] = {}
    n = len(facts)
    for i, f in enumerate(facts):
        t = f.text
        if t[:1] not in "—-－" or labels[i].noise or not _SUBTITLE.match(t) or t.endswith(("。", "；")):
            continue
        if len(t) > 90:
            continue
        out[i] = "doc_subtitle"
        # title lines above: no sentence punctuation, not a full line of the column
        k = i - 1
        taken = 0
        while k >= 0 and taken < 2:
            if labels[k].noise:
                k -= 1
                continue
            fk = facts[k]
            ref = widths[k] if k < len(widths) else default_width
            if (
                punct_outside_brackets(fk.text)
                or fk.text.endswith(("、", "，"))
                or labels[k].cue in ("entry", "date", "num", "toc")
                or labels[k].titles
            ):
                break
            narrow = fk.em < 0.97 * ref and not fk.terminal
            if not (narrow or fk.em > 1.2 * ref or _TITLE_END.search(fk.text)):
                break
            if taken == 1 and not (fk.em < 0.97 * ref or fk.em > 1.2 * ref):
                break
            out[k] = "doc_title"
            taken += 1
            k -= 1
        # the by-line below
        k = i + 1
        while k < n and labels[k].noise:
            k += 1
        if k < n and _BYLINE_LINE.search(facts[k].text) and not punct_outside_brackets(facts[k].text):
            out[k] = "doc_byline"
    return out


_CLOSING_AFTER_STOP = "）)”’」』"


class Joiner:
    def __init__(self, lines: Sequence[str], facts: list[LineFacts], labels: list[LineLabel], profile: Profile):
        self.lines = lines
        self.facts = facts
        self.labels = labels
        self.p = profile
        self.out: list[_Draft] = []
        self.open: _Draft | None = None  # paragraph accepting continuation lines
        self.pending: list[_Draft] = []  # furniture met inside the open paragraph
        self.title: _Draft | None = None  # entry title wrapping onto the next line
        self.after_title = False  # an entry title stood alone on its line: rows may follow
        self.whole: str | None = None  # the whole text, for counting pairs of characters (built when needed)
        self.widths = profile.local_width_em
        self.n_widths = len(self.widths)  # (the profile's figures do not change while joining)
        self.wrap = profile.wrap_width_em
        self.aside = self.find_asides()
        self.tblock = find_title_blocks(facts, labels, self.widths, profile.wrap_width_em)
        self.aside |= set(self.tblock)
        self.row_cont: set[int] = set()  # table lines that go on the row above (numbered rows)
        self.table = self.find_tables()

    # ------------------------------------------------------------------ emitting
    def close(self) -> None:
        if self.open is not None:
            self.out.append(self.open)
            self.open = None
        if self.pending:
            self.out.extend(self.pending)
            self.pending = []

    def noise(self, line: int, s: int, e: int, role: str) -> None:
        d = _Draft(BlockKind.NOISE, role)
        d.pieces.append(Piece(line, s, e))
        if self.open is not None:
            self.pending.append(d)
        else:
            self.out.append(d)

    def emit(self, d: _Draft) -> None:
        self.close()
        self.out.append(d)

    def find_asides(self) -> set[int]:
        """Lines set into a sentence from another part of the page: a report's sub-title and
        by-line printed across both columns land between two lines of one sentence (001).
        They become blocks of their own and the sentence is joined around them."""
        facts, labels = self.facts, self.labels
        out: set[int] = set()
        if self.p.style != "wrapped":
            return out
        n = len(facts)

        def out_of_flow(k: int, ref: float) -> bool:
            t = facts[k].text
            return facts[k].em >= 1.3 * ref or t.startswith(("——", "—— ", "--"))

        p = -1
        for i in range(n):
            if labels[i].noise:
                continue
            if p >= 0 and (facts[i].text[:1] in "—-" or facts[i].em >= 1.3 * self.ref(p)) and not facts[p].terminal:
                ref = self.ref(p)
                # (a 目录 row or a bracketed note closing a speech is no sentence going on)
                lp = labels[p]
                if (
                    not lp.headlike
                    and not self.is_short(p)
                    and lp.cue != "toc"
                    and labels[i].cue != "toc"
                    and not lp.bracketed
                    and not lp.credit
                    and out_of_flow(i, ref)
                ):
                    k = i
                    while k < n and k <= i + 4:
                        if labels[k].noise:
                            k += 1
                            continue
                        fk = facts[k]
                        resumes = fk.lead > 0 and fk.blank_before == 0  # the column goes on
                        if k > i and resumes and not out_of_flow(k, ref) and not labels[k].headlike:
                            group = [j for j in range(i, k) if not labels[j].noise]
                            if any(facts[j].text.startswith(("——", "--")) for j in group):
                                out.update(group)
                            break
                        if has_sentence_punct(fk.text):
                            break
                        if k > i and not (out_of_flow(k, ref) or labels[k].rowlike or fk.em <= 0.8 * ref):
                            break
                        k += 1
            p = i
        return out

    def find_tables(self) -> set[int]:
        """Lines of tables, directories and lists flattened one cell or one name per line:
        runs of short lines that do not end sentences. Each becomes a row of its own. The
        last few heading-shaped lines of a run stay free: they may head what follows."""
        facts, labels = self.facts, self.labels
        out: set[int] = set()
        n = len(facts)

        def cand(k: int) -> bool:
            lab, f = labels[k], facts[k]
            if lab.cue in ("entry", "date", "month", "toc") or lab.titles or lab.title_open or lab.title_close_end >= 0:
                return False
            if lab.signed:
                return False
            if f.em > (1.15 if lab.rowlike or lab.rownum else 0.7) * self.ref(k):
                return False
            if f.terminal and (cjk_count(f.text) >= 6 or f.text.endswith("。")) and not lab.bracketed:
                return False
            prev = k - 1
            while prev >= 0 and labels[prev].noise:
                prev -= 1
            if prev >= 0 and f.text[-1:] in _CLOSING_AFTER_STOP:
                lp, fp = labels[prev], facts[prev]
                if not (fp.terminal or lp.rowlike or lp.rownum) and fp.em >= 0.85 * self.ref(prev):
                    # the short last line of a sentence wrapped from a full prose line
                    # ('……（以上均为 2019' / '年数据？请核实）'): it ends that paragraph, no cell
                    return False
            if f.text[-1:] in _OPENS:
                # cut mid-phrase: runs on into the next line, unless both are short (the
                # wrapped cell of a table)
                nxt = k + 1
                while nxt < n and labels[nxt].noise:
                    nxt += 1
                if nxt >= n or facts[nxt].em > 0.7 * self.ref(nxt) or facts[nxt].terminal:
                    return False
            return True

        run: list[int] = []

        def flush() -> None:
            if len(run) >= 4:
                digits = sum(1 for k in run if _numeric_cell(facts[k].text))
                listy = sum(1 for k in run if labels[k].rowlike or _NAME.match(facts[k].text))
                # numbered rows: 25, 26, 27 … standing alone or at the start of a row, with the
                # row's cells (wrapped) on the lines between
                numbered = [labels[k].rownum or _bare_number(facts[k].text) for k in run]
                nums = [v for v in numbered if v]
                counting = sum(1 for a, b in itertools.pairwise(nums) if b == a + 1)
                if (
                    (digits >= 2 and digits >= 0.3 * len(run))
                    or (len(run) >= 6 and listy >= 0.4 * len(run))
                    or counting >= 3
                ):
                    tail = 0
                    # a numbered table's last row ends in a cell seen in the rows before
                    # ('其他行政权力 区工信局'): the lines up to it are the table's
                    seen: dict[str, int] = {}
                    for k in run:
                        seen[facts[k].text] = seen.get(facts[k].text, 0) + 1
                    for k in reversed(run):
                        lab = labels[k]
                        if tail >= 3 or not lab.headlike or lab.rowlike or any(c.isdigit() for c in facts[k].text):
                            break
                        if counting >= 3 and seen[facts[k].text] >= 2:
                            break
                        tail += 1
                    p = run[0] - 1
                    while p >= 0 and labels[p].noise:
                        p -= 1
                    clear = p < 0 or facts[p].terminal or labels[p].headlike  # no list goes on into it
                    head = _heads_cells([labels[k] for k in run[:2]], [facts[k].text for k in run]) if clear else 0
                    out.update(run[head : len(run) - tail])
                    if counting >= 3:
                        self.row_cont |= self.numbered_rows(run[: len(run) - tail], numbered)
            run.clear()

        for k in range(n):
            if labels[k].noise:
                continue
            if cand(k):
                run.append(k)
            elif run:  # (flush leaves an empty run as it is)
                flush()
        flush()
        return out

    def numbered_rows(self, run: list[int], numbered: list[int]) -> set[int]:
        """A table whose rows are numbered 1, 2, 3 …, its cells wrapped one per line: a row
        runs from its number to the line before the next number ('499' / '非居民企业享受税收协定待遇'
        / '办理' / '便民服务事项 区税务局' / '500 …'). The lines that go on a row; a line after
        the last number goes on its row only when that number stood alone."""
        facts, labels = self.facts, self.labels
        cont: set[int] = set()
        cur = 0  # the open row's number
        bare = False
        closed = True
        pending: list[int] = []
        for pos, k in enumerate(run):
            v = numbered[pos]
            if v and (cur == 0 or v == cur + 1):
                cont.update(pending)
                pending = []
                cur = v
                bare = _bare_number(facts[k].text) > 0
                closed = False
                continue
            if closed:
                continue
            lab = labels[k]
            if lab.credit or lab.signed or lab.spaced:
                # a credit or a heading inside the table closes the open row
                cont.update(pending)
                pending = []
                closed = True
                continue
            pending.append(k)
        if bare and not closed:
            cont.update(pending[:4])
        return cont

    # ------------------------------------------------------------------ decisions
    def ref(self, i: int) -> float:
        return self.widths[i] if i < self.n_widths else self.wrap

    def is_short(self, i: int) -> bool:
        ref = self.ref(i)
        slack = max(1.5, 0.07 * ref)
        return self.facts[i].em < ref - slack

    def boundary(self, prev: int, cur: int) -> tuple[bool, bool, bool]:
        """(break before cur, the break is uncertain, a join is a guess)."""
        lp, lc = self.labels[prev], self.labels[cur]
        fp = self.facts[prev]
        if prev in self.table or cur in self.table or lp.signed or lc.signed:
            return True, False, False
        if lc.rownum and self.open is not None and self.open.rownum == lc.rownum - 1:
            return True, False, False  # numbered rows of a table: 40 …, 41 …
        if lc.cue in ("entry", "toc", "month", "salute") or (lc.spaced and lc.headlike):
            return True, False, False
        if _DOC_NO_LINE.match(self.facts[cur].text):
            return True, False, False  # a document's number on its own line ('云州办发〔2022〕12号')
        if self.issuer_over_title(cur):
            return True, False, False
        if lc.cue == "byline" and not punct_outside_brackets(fp.text) and fp.text[-1:] not in _CONTINUES:
            return True, False, False  # a title, then its by-line ('区长 周明远')
        if self.p.style == "paragraph":
            if fp.terminal:
                return True, False, False
            if self.cut_in_word(prev, cur):
                return False, False, True
            if (lp.headlike and not lp.titles) or (lc.headlike and fp.em < 0.5 * self.ref(prev)):
                return True, True, False
            if cjk_count(fp.text) <= 40 and is_section_number(fp.text) and not fp.text.endswith(("、", "，", ",")):
                return True, True, False  # 一、项目为纲抓发展,综合经济实力跨越提升
            return False, False, False
        if (
            self.p.blank_pattern == "mixed"
            and cur == prev + 1
            and self.facts[cur].blank_before >= 1
            and lc.headlike
            and not fp.terminal
            and not punct_outside_brackets(fp.text)
        ):
            # the page style (a fragment's lines consecutive, a blank line between fragments):
            # a line without punctuation as wide as the column, then after a blank line a short
            # one, is a title and the line under it (issuer, date, author), not one sentence
            d = self.open
            if (
                d is not None
                and d.kind == BlockKind.PARAGRAPH
                and not d.first_cue
                and d.facts == [prev]
                and fp.blank_before >= 1
                and fp.em >= 0.8 * self.ref(prev)
                and cjk_count(fp.text) <= 40
            ):
                d.kind = BlockKind.HEADING  # the title stands alone: a fragment of one line
            return True, False, False
        short = self.is_short(prev)
        d = self.open
        if (
            lc.cue == "date"
            and d is not None
            and d.first_cue == "date"
            and not fp.terminal
            and fp.text[-1:] not in _CONTINUES
            and not fp.text[-1:].isdigit()
        ):
            return True, True, False  # a list of dated rows (发文目录, 大事记 without full stops)
        if not fp.terminal:
            # a short line without sentence punctuation ends a heading, a title or a row
            # (a short line cut mid-sentence by a missing figure keeps its commas)
            if not short:
                return False, False, False
            if lc.cue in ("num", "date"):
                return True, True, False
            ref = self.ref(prev)
            if fp.em <= 0.72 * ref and not punct_outside_brackets(fp.text) and not fp.text.endswith(("、", "，")):
                return True, not lp.headlike, False
            d = self.open
            if (
                d is not None
                and len(d.facts) == 1
                and fp.em <= 0.8 * ref
                and is_section_number(fp.text)
                and not fp.text.endswith(("、", "，"))
            ):
                return True, True, False  # a numbered heading: "一、旗帜鲜明讲政治，着力彰显…"
            return False, False, False
        if lc.headlike or lc.credit:
            return True, False, False
        if fp.trail and self.p.trail_marks_end:
            return True, False, False  # this text marks paragraph ends with trailing whitespace
        if fp.text[-1:] in "：:" and d is not None and self.addresses(d):
            return True, False, False  # '各街道党工委，区委各部门，…：' heads the letter
        if short:
            near = self.facts[prev].em >= self.ref(prev) - max(3.0, 0.12 * self.ref(prev))
            return True, near, False
        if (
            d is not None
            and len(d.facts) == 1
            and d.first_cue not in ("entry", "num", "date")
            and self.out
            and self.out[-1].kind == BlockKind.PARAGRAPH
            and self.out[-1].first_cue not in ("entry", "num", "date")
            and len(self.out[-1].facts) <= 3
            and self.facts[cur].lead == 0
            and fp.text.rstrip("”’」』）)")[-1:] in "。！？!?"
            and not _GOES_ON.match(self.facts[cur].text)
        ):
            # a one-line paragraph ending a sentence after another short paragraph: a list
            # of one-line items (figures of a 概况 page), each its own paragraph
            return True, True, False
        if lc.cue == "num" and self.inline_list_goes_on(cur):
            return False, False, True  # "…。十一、会议…。" then "十二、会议…" at a line start
        if lc.cue in ("date", "num"):
            return True, True, False
        if self.indented(prev, cur):
            return True, False, False  # the next line is a paragraph's indented first line
        return False, False, True

    def indented(self, prev: int, cur: int) -> bool:
        """cur is an indented first line: where this part of the text indents first lines
        (measured in the profile), a line short of the column by about the indent that still
        runs on into the next line, after a full line that ends a sentence."""
        ind = self.p.indent_em[cur] if cur < len(self.p.indent_em) else 0.0
        if ind <= 0:
            return False
        fc, fp = self.facts[cur], self.facts[prev]
        if fc.terminal or fc.lead > 0 or _unclosed(fp.text) or fp.text.rstrip(_CLOSE)[-1:] not in "。！？!?…":
            return False
        ref = self.ref(cur)
        d = fc.em - ref
        if not (-ind - 1.0 <= d <= -0.6 * ind):
            return False
        nxt = cur + 1
        while nxt < len(self.facts) and self.labels[nxt].noise:
            nxt += 1
        # the line runs on into a line of the same paragraph
        return nxt < len(self.facts) and not self.labels[nxt].headlike

    def resume_cut_head(self, i: int, line: int, s: int, e: int) -> bool:
        """The last block, a one-line 'heading' (page furniture after it allowed), is the head of
        the paragraph that line ``i`` goes on, cut off at a column or page end: it becomes that
        paragraph again, the furniture set aside as inside a paragraph."""
        k = len(self.out) - 1
        while k >= 0 and self.out[k].kind == BlockKind.NOISE:
            k -= 1
        head = self.out[k] if k >= 0 else None
        if head is None or head.kind != BlockKind.HEADING or head.role or len(head.pieces) != 1:
            return False
        j = i - 1
        while j >= 0 and self.facts[j].n > head.pieces[0].line:
            j -= 1
        if j < 0 or self.facts[j].n != head.pieces[0].line or not self.cut_in_word(j, i):
            return False
        self.pending = self.out[k + 1 :] + self.pending
        del self.out[k:]
        head.kind = BlockKind.PARAGRAPH
        head.pieces.append(Piece(line, s, e))
        head.soft.append(1)
        head.facts = [j, i]
        self.open = head
        return True

    def cut_in_word(self, prev: int, cur: int) -> bool:
        """One paragraph a line, split at a column end without a mark: line ``prev`` stops in
        the middle of a word that line ``cur``, running text, finishes ('我们要清醒看' / '到，发展
        不平衡…'). The two characters at the cut stand together elsewhere in the volume twice at
        least; a heading's last character and its text's first seldom do."""
        fp, fc = self.facts[prev], self.facts[cur]
        a, z = fp.text[-1:], fc.text[:1]
        if not ("\u4e00" <= a <= "\u9fff" and "\u4e00" <= z <= "\u9fff"):
            return False
        if self.labels[cur].headlike or self.labels[cur].cue or cjk_count(fc.text) < 20 or is_section_number(fp.text):
            return False
        if self.whole is None:
            self.whole = "\n".join(self.lines)
        return self.whole.count(a + z) >= 2

    def issuer_over_title(self, cur: int) -> bool:
        """Line ``cur`` names an issuing unit alone ('中共兰州市城关区委') and the next line opens a
        notice's title ('关于印发《…'): it starts a document, it goes on no sentence above."""
        t = self.facts[cur].text
        if len(t) > 24 or not _ISSUING_LINE.search(t) or punct_outside_brackets(t):
            return False
        k = cur + 1
        while k < len(self.facts) and self.labels[k].noise:
            k += 1
        return k < len(self.facts) and _opens_notice_title(self.facts[k].text)

    def title_goes_on(self, pt: str, i: int) -> bool:
        """A document title printed on three lines: '关于深入贯彻落实习近平总书记' /
        '重要讲话精神 加快建设幸福美好新金川' / '的实施意见'. The heading so far opens with 关于 and
        names no document kind yet; this line and at most one more heading-shaped line lead to
        a line ending in the document kind."""
        if not pt.startswith("关于") or _DOC_KIND_END.search(pt) or len(pt) > 40:
            return False
        k = i
        for _ in range(2):
            if k >= len(self.facts):
                return False
            lab, t = self.labels[k], self.facts[k].text
            if lab.cue or lab.noise or punct_outside_brackets(t) or self.facts[k].em > self.ref(k) or len(t) > 30:
                return False
            if _DOC_KIND_END.search(t):
                return True
            k += 1
            while k < len(self.facts) and self.labels[k].noise:
                k += 1
        return False

    def addresses(self, d: _Draft) -> bool:
        """The open paragraph is a notice's list of addressees ending in '：'."""
        if len(d.pieces) > 4:
            return False
        text = "".join(self.lines[p.line - 1][p.start : p.end] for p in d.pieces)
        return _ADDRESSEES.match(text.strip()) is not None

    def inline_list_goes_on(self, cur: int) -> bool:
        """The open paragraph already holds the previous item of this numbering inline."""
        sec = section_number(self.facts[cur].text)
        d = self.open
        if sec is None or d is None or sec[1] < 2:
            return False
        typ, val = sec
        prev = _item_token(typ, val - 1)
        if not prev:
            return False
        text = "".join(self.lines[p.line - 1][p.start : p.end] for p in d.pieces)
        k = text.find(prev)
        return k > 0 and text[k - 1] in "。；;！？”）)"

    # ------------------------------------------------------------------ main loop
    def start(self, i: int, s: int, e: int, first_of_line: bool, rest_of_title_line: bool) -> None:
        """Begin a new block with the body piece (s, e) of text line i."""
        f, lab = self.facts[i], self.labels[i]
        line = f.n
        if not first_of_line or rest_of_title_line:
            d = _Draft(BlockKind.PARAGRAPH, first_cue=lab.cue)
            d.pieces.append(Piece(line, s, e))
            d.facts.append(i)
            self.open = d
            self.after_title = False
            return
        if lab.signed or (lab.credit and _NAME_CREDIT.match(f.text) and not _NAME_CREDIT_NOT.search(f.text)):
            # a credit on its own line ('（供稿：区统计局）', '(李珊)'), also inside a table or a list
            d = _Draft(BlockKind.PARAGRAPH, "credit")
            d.pieces.append(Piece(line, s, e))
            self.after_title = False
            self.emit(d)
            return
        if i in self.row_cont:
            last = next((x for x in reversed(self.out) if x.kind != BlockKind.NOISE), None)
            if last is not None and last.kind == BlockKind.ROW and last.role == "table":
                last.pieces.append(Piece(line, s, e))  # a wrapped cell of a numbered row
                self.after_title = False
                return
        if i in self.table:
            d = _Draft(BlockKind.ROW, "table")
            d.pieces.append(Piece(line, s, e))
            self.after_title = False
            self.emit(d)
            return
        if lab.cue == "toc":
            d = _Draft(BlockKind.ROW, "toc_part" if lab.toc_part else "toc")
            m = _TOC_LEADER.search(self.lines[line - 1], s, e)
            if m and m.start() > s:
                # '特载……………1': the title and the page number stay, the dot leader is furniture
                d.pieces.append(Piece(line, s, m.start()))
                d.pieces.append(Piece(line, m.end(), e))
                self.emit(d)
                self.noise(line, m.start(), m.end(), "dot_leader")
                return
            d.pieces.append(Piece(line, s, e))
            self.emit(d)
            return
        if self.after_title and (lab.headlike or lab.rowlike or (lab.bracketed and not lab.credit)):
            d = _Draft(BlockKind.ROW, "list")
            d.pieces.append(Piece(line, s, e))
            self.emit(d)
            return
        self.after_title = False
        prev = self.out[-1] if self.out and self.open is None and not self.pending else None
        if (
            prev is not None
            and prev.kind == BlockKind.HEADING
            and not prev.role
            and len(prev.pieces) <= 2
            and f.blank_before <= 3
            and self.title_goes_on(_text(self.lines, prev), i)
        ):
            prev.pieces.append(Piece(line, s, e))  # a document title printed on three lines
            return
        if self.p.style == "paragraph" and self.open is None and self.resume_cut_head(i, line, s, e):
            return
        if lab.cue == "month" or lab.headlike:
            two_lines = (
                prev is not None
                and prev.kind == BlockKind.HEADING
                and lab.cue != "month"
                and prev.role != "month"
                and not _SECTION_MARK.match(f.text)
                and not _DOC_NO.search(f.text)
                and not _DATE_LINE.match(re.sub(r"\s", "", f.text))
            )
            if two_lines and not (
                self.p.blank_pattern == "alternate"
                and f.blank_before == 0
                and f.lead == 0
                and prev.pieces[-1].line == line - 1
            ):
                # a title wrapped onto a second line: the first leaves a bracket open
                # ('关于印发《…' / '…》的通知'), or the second is the document kind
                # ('…思想道德建设' / '工作实施方案')
                pt = _text(self.lines, prev)
                two_lines = (
                    f.blank_before <= 3
                    and not BYLINE.match(pt.strip())  # an author line over the title is no half of it
                    # nor is the issuing unit's line over a notice's title
                    and not (len(pt) <= 24 and _ISSUING_LINE.search(pt.strip()) and _opens_notice_title(f.text))
                    and len(prev.pieces) == 1
                    and (
                        _unclosed(pt)
                        or (_NAME_TAIL.match(f.text) is not None and not _NAME_TAIL.search(pt) and len(pt) >= 4)
                        or (
                            len(f.text) <= 20
                            and _DOC_KIND_END.search(f.text)
                            and not _DOC_KIND_END.search(pt)
                            and len(pt) >= 5
                            and not _DATED_END.search(pt)
                            and not section_number(pt)
                        )
                    )
                )
            if two_lines:
                prev.pieces.append(Piece(line, s, e))  # a heading printed on two lines
                return
            d = _Draft(BlockKind.HEADING, "month" if lab.cue == "month" else "")
            d.pieces.append(Piece(line, s, e))
            self.emit(d)
            return
        if lab.credit:
            d = _Draft(BlockKind.PARAGRAPH, "credit")
            d.pieces.append(Piece(line, s, e))
            self.emit(d)
            return
        d = _Draft(BlockKind.PARAGRAPH, first_cue=lab.cue)
        d.pieces.append(Piece(line, s, e))
        d.facts.append(i)
        d.rownum = lab.rownum
        self.close()
        self.open = d

    def run(self) -> list[_Draft]:
        lines = self.lines
        for i, f in enumerate(self.facts):
            lab = self.labels[i]
            raw = lines[f.n - 1]
            if lab.noise:
                self.noise(f.n, f.lo, f.hi, lab.noise)
                continue
            if lab.title_middle and self.title is not None:
                self.title.pieces.append(Piece(f.n, f.lo, f.hi))
                continue
            if i in self.aside:
                d = _Draft(BlockKind.PARAGRAPH, "aside")
                d.first_cue = self.tblock.get(i, "")
                d.uncertain = True
                d.pieces.append(Piece(f.n, f.lo, f.hi))
                if self.open is not None:
                    self.pending.append(d)
                else:
                    self.out.append(d)
                continue
            closes_title = lab.title_close_end >= 0 and self.title is not None
            if not (lab.inline or lab.titles or lab.title_open or closes_title):
                # the common case: the whole line is one body item, already trimmed (content_span
                # and _trim strip the same characters)
                self.first_body(i, f.n, f.lo, f.hi)
                continue
            first = True
            after_title_here = False
            for s, e, what in self.cut(f, lab):
                s, e = _trim(raw, s, e)
                if s >= e:
                    continue
                if what.startswith("noise:"):
                    self.noise(f.n, s, e, what[6:])
                    continue
                if what == "title_close":
                    self.title.pieces.append(Piece(f.n, s, e))
                    self.title = None
                    first = False
                    after_title_here = True
                    self.after_title = True
                    continue
                if what in ("title", "title_open"):
                    d = _Draft(BlockKind.ENTRY_TITLE, "entry")
                    d.pieces.append(Piece(f.n, s, e))
                    self.emit(d)
                    if what == "title_open":
                        self.title = d
                    self.after_title = True
                    first = False
                    after_title_here = True
                    continue
                # body text
                if not first:
                    if self.open is not None and not after_title_here:
                        self.open.pieces.append(Piece(f.n, s, e))
                        if not self.open.facts or self.open.facts[-1] != i:
                            self.open.facts.append(i)
                    else:
                        self.start(i, s, e, False, True)
                    after_title_here = False
                    continue
                first = False
                self.first_body(i, f.n, s, e)
            # a line that closed a paragraph on its own (heading) leaves nothing open
        self.close()
        return self.out

    def first_body(self, i: int, line: int, s: int, e: int) -> None:
        """The first body piece (s, e) of text line i (source line ``line``): it goes on the
        open paragraph or starts a block."""
        if self.title is not None:  # a wrapped title did not close: give up on it
            self.title = None
        if self.open is not None and self.open.facts:
            brk, unsure, soft = self.boundary(self.open.facts[-1], i)
            if not brk:
                if soft:
                    self.open.soft.append(len(self.open.pieces))
                self.open.pieces.append(Piece(line, s, e))
                self.open.facts.append(i)
                return
            self.close()
            self.start(i, s, e, True, False)
            if unsure:
                last = self.open if self.open is not None else (self.out[-1] if self.out else None)
                if last is not None and last.pieces and last.pieces[0].line == line:
                    last.uncertain = True
            return
        self.close()
        self.start(i, s, e, True, False)

    def cut(self, f: LineFacts, lab: LineLabel) -> list[tuple[int, int, str]]:
        """Cut a text line into items: (start, end, what)."""
        cuts: list[tuple[int, int, str]] = []
        for s, e, r in lab.inline:
            cuts.append((s, e, "noise:" + r))
        if lab.title_close_end >= 0 and self.title is not None:
            cuts.append((f.lo, lab.title_close_end, "title_close"))
        for s, e in lab.titles:
            cuts.append((s, e, "title"))
        if lab.title_open:
            cuts.append((f.lo, f.hi, "title_open"))
        cuts.sort()
        items: list[tuple[int, int, str]] = []
        pos = f.lo
        for s, e, what in cuts:
            if s < pos:  # overlapping cue: give the overlap to the earlier item
                s = pos
            if e <= s:
                continue
            if s > pos:
                items.append((pos, s, "body"))
            items.append((s, e, what))
            pos = e
        if pos < f.hi:
            items.append((pos, f.hi, "body"))
        return items


def build_blocks(lines: Sequence[str], facts, labels, profile) -> list[Block]:
    drafts = Joiner(lines, facts, labels, profile).run()
    where = [-1] * len(lines)
    for k, f in enumerate(facts):
        where[f.n - 1] = k
    _demote_heading_runs(lines, drafts, labels, where)
    drafts = _place_title_blocks(lines, drafts)
    drafts = _merge_wrapped_titles(lines, drafts)
    drafts = _titles_over_doc_numbers(lines, drafts)
    drafts = _notice_titles(lines, drafts)
    drafts = _join_wrapped_cells(lines, drafts)
    blocks = [_finish(lines, d) for d in drafts]
    _titles_over_bylines(blocks)
    for b in blocks:
        # "一、旗帜鲜明讲政治，着力彰显干事创业新担当": a numbered heading standing alone
        if (
            b.kind == BlockKind.PARAGRAPH
            and not b.role
            and len(b.pieces) <= 3
            and len(b.text) <= 48
            and is_section_number(b.text)
            and not ends_terminal(b.text)
            and not b.text.endswith(("、", "，", ","))
        ):
            b.kind = BlockKind.HEADING
            b.role = "numbered"
    return blocks


_CELL_GAP = re.compile(r"\S[ \u3000\t]+\S")


def _heads_cells(heads: list[LineLabel], texts: list[str]) -> int:
    """How many of the first lines of a run head the others (0, 1 or 2): heading-shaped lines
    without gaps or figures ('附录' / '统计资料') over lines of cells ('县长　陈建国' …, two in
    three at least). ``heads``: the labels of the run's first two lines."""
    k = 0
    for lab, t in zip(heads[:2], texts, strict=False):
        if not lab.headlike or lab.rowlike or _CELL_GAP.search(t) or any(c.isdigit() for c in t):
            break
        k += 1
    rest = texts[k:]
    cells = sum(1 for t in rest if _CELL_GAP.search(t))
    return k if k and len(rest) >= 2 and 3 * cells >= 2 * len(rest) else 0


def _demote_heading_runs(lines, drafts: list[_Draft], labels: list[LineLabel], where_fact) -> None:
    """Long runs of one-line 'headings' are lists, directories or table rows, not a heading
    chain; only the last few before the content they head can be headings."""
    run: list[_Draft] = []

    def flush(after: _Draft | None = None):
        if len(run) >= 4 and not any(_DATE_LINE.search(_text(lines, d)) for d in run):
            tail = 0
            # a chain of headings (类目/分目/子目) stands before an entry title; before prose
            # a long list leaves only one heading free (荣耀金川's titles, then '数字金川')
            most = 3 if after is None or after.kind == BlockKind.ENTRY_TITLE or len(run) < 8 else 1
            for d in reversed(run):
                if tail >= most or d.role == "month" or _row_shaped(d, labels, where_fact):
                    break
                tail += 1
            firsts = [where_fact[d.pieces[0].line - 1] for d in run[:2]]
            # the run's first lines may head the rows under it ('县直单位负责人名录'), unless a
            # list goes on into the run (the paragraph before it ends no sentence)
            clear = before is None or before.kind != BlockKind.PARAGRAPH or ends_terminal(_text(lines, before))
            head = 0
            if clear and min(firsts) >= 0:
                head = _heads_cells([labels[k] for k in firsts], [_text(lines, d) for d in run])
            for d in run[head : len(run) - tail]:
                if d.role != "month" and _WS.sub("", _text(lines, d)) not in CANONICAL_PARTS:
                    # (a yearbook's canonical part, 附录 over its first document's title, stays)
                    d.kind = BlockKind.ROW
                    d.role = "list"
        run.clear()

    before: _Draft | None = None  # the block before the run
    for d in drafts:
        if d.kind == BlockKind.NOISE:
            continue
        if d.kind == BlockKind.HEADING:
            run.append(d)
        else:
            if run and d.kind == BlockKind.PARAGRAPH and _SALUTATION.search(_text(lines, d)):
                run.clear()  # a document's title block: title, date, by-line, then 各位代表：
            flush(d)
            before = d
    flush()


_DATE_LINE = re.compile(
    r"^[（(]?\s*[\dxX×〇零一二三四五六七八九]{2,4}\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月"
    r"(?:\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?\s*[）)]?$"
)  # also in Chinese numerals: '（二〇二一年十二月二十八日）'


_SALUTATION = re.compile(r"^.{0,24}(?:代表|同志|委员|朋友|各位)[^。，,]{0,12}[:：]$")


def _text(lines, d: _Draft) -> str:
    return join_runs(lines[p.line - 1][p.start : p.end] for p in d.pieces)


def _row_shaped(d: _Draft, labels, where_fact) -> bool:
    """A directory or table row: '职务 姓名', a name with a note in brackets, figures."""
    if len(d.pieces) != 1:
        return False
    p = d.pieces[0]
    i = where_fact[p.line - 1]
    lab = labels[i] if i >= 0 else None
    if lab is not None and lab.rowlike:
        return True
    return False


_SALUTE = re.compile(r"^(?:各位|尊敬的|同志们|女士们|亲爱的).{0,20}[：:]$")
_TB_PARTS = ("doc_title", "doc_subtitle", "doc_byline")


def _is_salutation(lines, d: _Draft) -> bool:
    if d.kind != BlockKind.PARAGRAPH or len(d.pieces) > 2:
        return False
    t = _text(lines, d).strip()
    return len(t) <= 24 and _SALUTE.match(t) is not None


def _place_title_blocks(lines, drafts: list[_Draft]) -> list[_Draft]:
    """Give a report its title block (title, '——…会议上' sub-title, by-line) as headings at
    its head. When the block was printed further on (inside a sentence of the first page),
    it is moved before the report's salutation: block order is reading order; the pieces
    keep their source lines."""
    groups: list[list[int]] = []
    for k, d in enumerate(drafts):
        if d.role == "aside" and d.first_cue in _TB_PARTS:
            if groups and all(drafts[j].kind == BlockKind.NOISE for j in range(groups[-1][-1] + 1, k)):
                groups[-1].append(k)
            else:
                groups.append([k])
    if not groups:
        return drafts
    moves: dict[int, list[int]] = {}  # insert before draft index -> group
    in_place: list[list[int]] = []
    for g in groups:
        if not any(drafts[k].first_cue == "doc_subtitle" for k in g):
            continue
        # the report already starts here: its salutation follows the title block (or the
        # title printed under its sub-title and by-line, one or two short lines)
        j = g[-1] + 1
        between = 0
        while j < len(drafts) and (
            drafts[j].kind == BlockKind.NOISE
            or j in g
            or (between < 2 and drafts[j].kind == BlockKind.HEADING and len(drafts[j].pieces) == 1)
            # the date line under the by-line ('（2021年7月28日）')
            or (between < 3 and len(drafts[j].pieces) == 1 and _DATE_LINE.match(_WS.sub("", _text(lines, drafts[j]))))
        ):
            between += drafts[j].kind != BlockKind.NOISE and j not in g
            j += 1
        if j < len(drafts) and _is_salutation(lines, drafts[j]):
            in_place.append(g)
            continue
        # else: the report's salutation stands before, within its first pages
        s = None
        lo = max(0, g[0] - 120)
        for j in range(g[0] - 1, lo - 1, -1):
            d = drafts[j]
            if d.role == "aside" and d.first_cue in _TB_PARTS:
                break  # another report's title block
            if _is_salutation(lines, d):
                s = j
                break
        if s is not None and s not in moves:
            moves[s] = g
    for g in in_place + list(moves.values()):
        _as_title_block(drafts, g)
    merged_away: set[int] = set()
    for g in in_place:
        # a title printed on two lines over its sub-title is one heading here too (two plain
        # lines of four characters or more: not a 类目 name such as '特  载' over the title)
        titles = [k for k in g if drafts[k].role == "doc_title"]
        if len(titles) != 2 or any(len(_WS.sub("", _text(lines, drafts[k]))) < 4 for k in titles):
            continue
        if any(_LETTER_SPACED.search(_text(lines, drafts[k])) for k in titles):
            continue
        kept = {id(d) for d in _merge_title_lines(drafts, g)}
        merged_away.update(k for k in g if id(drafts[k]) not in kept)
    if merged_away:
        keep = [d for k, d in enumerate(drafts) if k not in merged_away]
        index = {id(d): k for k, d in enumerate(keep)}
        moves = {index[id(drafts[s])]: [index[id(drafts[k])] for k in g] for s, g in moves.items()}
        drafts = keep
    if not moves:
        return drafts
    moved = {k for g in moves.values() for k in g}
    out: list[_Draft] = []
    for k, d in enumerate(drafts):
        if k in moves:
            out.extend(_merge_title_lines(drafts, moves[k]))
        if k in moved:
            continue
        out.append(d)
    return out


_COMPILED_BY = re.compile(r"[ \u3000](?:编|编印|编著|汇编|主编)$|(?:编印|汇编|编纂)$")


def _title_metadata(t: str) -> bool:
    """A line of a document's title block that is not its title: the ——occasion, the
    by-line, a date, a bracketed date or adoption note."""
    t = t.strip()
    c = re.sub(r"\s", "", t)
    return bool(
        t.startswith(("—", "-", "－"))
        or re.match(r"^在.{2,40}(?:会议|大会|全会)上$", c)
        or BYLINE.match(t)
        or _DATE_LINE.match(c)
        or (c[:1] in "（(" and re.search(r"\d{4}\s*年", c))
    )


def _merge_wrapped_titles(lines, drafts: list[_Draft]) -> list[_Draft]:
    """A speech's or report's title printed on two lines is one heading: in the title block
    over a salutation (title, occasion, by-line, date in any order), exactly two plain
    heading lines of four or more characters, one right after the other."""
    drop: set[int] = set()
    for k, d in enumerate(drafts):
        if not _is_salutation(lines, d):
            continue
        block: list[int] = []
        j = k - 1
        while j >= 0 and len(block) < 6 and (
            drafts[j].kind in (BlockKind.NOISE, BlockKind.HEADING)
            # a ——sub-title wrapped over two lines, or the date, taken for a paragraph
            or (
                drafts[j].kind == BlockKind.PARAGRAPH
                and len(drafts[j].pieces) <= 3
                and _title_metadata(_text(lines, drafts[j]))
                and not ends_terminal(_text(lines, drafts[j]).strip())
            )
        ):
            if drafts[j].kind == BlockKind.HEADING:
                block.append(j)
            j -= 1
        block.reverse()
        plain = [j for j in block if not _title_metadata(_text(lines, drafts[j]))]
        long_ = [j for j in plain if len(_WS.sub("", _text(lines, drafts[j]))) >= 4]
        if len(long_) != 2 or len(plain) > 3:
            continue
        a, b = long_
        if plain.index(b) != plain.index(a) + 1 or block.index(b) != block.index(a) + 1:
            continue
        if any(len(drafts[x].pieces) > 2 for x in (a, b)) or _DOC_KIND_END.search(_text(lines, drafts[a])):
            continue
        if any(_COMPILED_BY.search(_text(lines, drafts[x]).strip()) for x in (a, b)):
            continue  # a collection's title page: title, then '…办公室 编'

        if drafts[b].pieces[0].line - drafts[a].pieces[-1].line > 4:
            continue
        drafts[a].pieces.extend(drafts[b].pieces)
        drop.add(b)
    return [d for k, d in enumerate(drafts) if k not in drop] if drop else drafts


def _title_tail(lines, pieces: list[Piece]) -> int:
    """How many whole lines (1 or 2) at the end of a paragraph's runs form a title: short
    lines without sentence punctuation after a run that ends a sentence (or its bracketed
    note); 0 when none."""
    for take in (1, 2):
        if len(pieces) <= take:
            return 0
        tail, before = pieces[-take:], pieces[-take - 1]
        texts = [lines[p.line - 1][p.start : p.end].strip() for p in tail]
        prev_t = lines[before.line - 1][before.start : before.end].rstrip()
        if any(p.start > 1 for p in tail) or len({p.line for p in tail} | {before.line}) != take + 1:
            return 0
        if any(has_sentence_punct(t) for t in texts) or not 4 <= sum(len(t) for t in texts) <= 60:
            return 0
        if ends_terminal(prev_t) or prev_t.endswith(("）", ")")):
            return take
    return 0


def _titles_over_doc_numbers(lines, drafts: list[_Draft]) -> list[_Draft]:
    """A document's title line printed right under the end of the text before it and over
    the document's number ('金川区全民节水行动方案' / '区委发〔2019〕29 号') is a heading of its
    own, not the last line of the paragraph above: split it off (its source run unchanged)."""
    out: list[_Draft] = []
    nxt = None
    for k in range(len(drafts) - 1, -1, -1):
        d = drafts[k]
        if d.kind == BlockKind.NOISE:
            out.append(d)
            continue
        if (
            nxt is not None
            and d.kind == BlockKind.PARAGRAPH
            and not d.role
            and len(d.pieces) >= 2
            and _DOC_NO.search(_text(lines, nxt)[:30])
        ):
            take = _title_tail(lines, d.pieces)
            if take:
                head = _Draft(BlockKind.HEADING)
                head.pieces.extend(d.pieces[-take:])
                del d.pieces[-take:]
                d.soft = [x for x in d.soft if x < len(d.pieces)]
                d.facts = d.facts[: len(d.pieces)]
                out.append(head)
                out.append(d)
                nxt = d
                continue
        if (
            nxt is not None
            and d.kind == BlockKind.PARAGRAPH
            and not d.role
            and len(d.pieces) <= 2
            and _DOC_NO.search(_text(lines, nxt)[:30])
        ):
            t = _text(lines, d).strip()
            if 6 <= len(t) <= 60 and _DOC_KIND_END.search(t) and not punct_outside_brackets(t):
                # the whole paragraph is the title ('关于印发《…》的通知' over its number): a
                # title too long for one line of the column was taken for prose
                d.kind = BlockKind.HEADING
        out.append(d)
        nxt = d
    out.reverse()
    return out


_ISSUING_LINE = re.compile(
    r"(?:办公室|委员会|人民政府|政府|区委|市委|县委|州委|党委|党组|纪委|监委|人大常委会|政协|法院|检察院|局|厅|部)$"
)


_TITLE_KINDS = (BlockKind.HEADING, BlockKind.ROW)


def _opens_notice_title(t: str) -> bool:
    """'关于…' / '印发…', or an issuing unit run into it ('中共某某区委关于印发《…')."""
    if t.startswith(("关于", "印发")):
        return True
    k = t.find("关于")
    return k > 0 and "《" not in t[:k] and _ISSUING_LINE.search(t[:k]) is not None


def _notice_titles(lines, drafts: list[_Draft]) -> list[_Draft]:
    """A notice's title printed over several lines above its number ('关于印发《…领导' /
    '小组工作规则》和《…' / '…的意见》的通知' / '城办发〔2019〕19号') is one heading, from the
    line that opens it with 关于 or 印发; the issuing unit's own line above it stays apart."""
    out = list(drafts)
    k = len(out) - 1
    while k > 0:
        d = out[k]
        if d.kind not in _TITLE_KINDS or len(d.pieces) != 1 or not _DOC_NO_LINE.match(_text(lines, d).strip()):
            k -= 1
            continue
        run: list[int] = []  # heading drafts right above the number, nearest first (or the
        j = k - 1  # rows of a table the title and the number were taken into)
        while j >= 0 and len(run) < 4 and (out[j].kind in _TITLE_KINDS or out[j].kind == BlockKind.NOISE):
            if out[j].kind != BlockKind.NOISE:
                run.append(j)
            j -= 1
        pieces: list[Piece] = []  # the title's pieces, last first
        start = None
        for j in run:
            for p in reversed(out[j].pieces):
                t = lines[p.line - 1][p.start : p.end].strip()
                if punct_outside_brackets(t) or len(pieces) >= 6:
                    break
                if _ISSUING_LINE.search(t) and not _opens_notice_title(t) and len(t) <= 24:
                    break  # the issuing unit's line
                pieces.append(p)
                if _opens_notice_title(t):
                    start = j
                    break
            else:
                continue
            break
        if start is None or len(pieces) < 2 or not _DOC_KIND_END.search(_text(lines, out[run[0]])):
            k -= 1
            continue
        pieces.reverse()
        first = out[start]
        keep = [p for p in first.pieces if (p.line, p.start) < (pieces[0].line, pieces[0].start)]
        title = _Draft(BlockKind.HEADING)
        title.pieces.extend(pieces)
        new: list[_Draft] = []
        if keep:
            issuer = _Draft(first.kind, first.role)
            issuer.pieces.extend(keep)
            new.append(issuer)
        d.kind, d.role = BlockKind.HEADING, ""
        new.append(title)
        noise = [out[j] for j in range(start + 1, k) if out[j].kind == BlockKind.NOISE]
        out[start:k] = new + noise
        k = start - 1
    return out


def _as_title_block(drafts: list[_Draft], g: list[int]) -> None:
    for k in g:
        d = drafts[k]
        d.kind = BlockKind.HEADING
        d.role = d.first_cue
        d.uncertain = False


def _merge_title_lines(drafts: list[_Draft], g: list[int]) -> list[_Draft]:
    """The group's drafts in order, a title printed on two lines made one heading."""
    out: list[_Draft] = []
    for k in g:
        d = drafts[k]
        if out and d.role == "doc_title" and out[-1].role == "doc_title":
            out[-1].pieces.extend(d.pieces)
            continue
        out.append(d)
    return out


def _join_wrapped_cells(lines, drafts: list[_Draft]) -> list[_Draft]:
    """A table cell wrapped over lines: a row that leaves a bracket open or ends in 、/，
    goes on in the next row of the same table ('民办学校正式设立审批（含学' + '前教育、…')."""
    out: list[_Draft] = []
    last: _Draft | None = None
    for d in drafts:
        if d.kind == BlockKind.NOISE:
            out.append(d)
            continue
        if (
            last is not None
            and d.kind == BlockKind.ROW
            and d.role == "table"
            and last.kind == BlockKind.ROW
            and last.role == "table"
            and len(last.pieces) < 6
        ):
            lt = _text(lines, last)
            dt = _text(lines, d).strip()
            if (lt.endswith(("、", "，", ",", "（", "(", "《")) or _unclosed(lt)) and not dt.isdigit():
                last.pieces.extend(d.pieces)
                continue
        out.append(d)
        last = d
    return out


def _titles_over_bylines(blocks: list[Block]) -> None:
    """A line without sentence punctuation directly over a by-line ('区长 周明远') is the title of
    a report, even when it fills the column (and so was not taken for a heading)."""
    prev = -1
    for k, b in enumerate(blocks):
        if b.kind == BlockKind.NOISE:
            continue
        if (
            prev >= 0
            and len(b.text) <= 36
            and BYLINE.match(b.text.strip())
            and blocks[prev].kind == BlockKind.PARAGRAPH
            and not blocks[prev].role
            and len(blocks[prev].pieces) <= 3
            and 6 <= len(blocks[prev].text.strip()) <= 80
            and not punct_outside_brackets(blocks[prev].text)
            and not ends_terminal(blocks[prev].text.strip())
        ):
            blocks[prev].kind = BlockKind.HEADING
            if b.kind == BlockKind.PARAGRAPH and not b.role:
                b.kind = BlockKind.HEADING
        prev = k
