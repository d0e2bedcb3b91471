"""Punctuation.

Codes and params:

* ``punct.halfwidth`` — an ASCII ``, ; : ! ? ( ) .`` inside Chinese text (``‰,人口``). params:
  ``char``, ``fullwidth``. Left alone: ``1,000``, ``7:30``, ``10.9:1``, ``http://``, Latin text.
* ``punct.halfwidth_document`` — a whole document (the volume, or one report/speech in it) written
  with half-width punctuation: ONE finding for it instead of hundreds. params: ``count`` (marks to
  change), ``fullwidth`` (full-width marks already there), ``blocks`` (ids of the blocks to
  normalise), ``scope`` (``volume`` or ``node``), ``title``. Its fix (checks.fixes.fix_finding) is
  one Batch normalising every block.
* ``punct.percent`` — ``％`` beside ``%`` in one volume: the minority form. params ``wrong``, ``right``.
* ``punct.middle_dot`` — ``•``, ``﹒``, ``‧``, ``・`` standing for ``·`` (``七•一``). params ``wrong``.
* ``punct.ratio_colon`` — ``﹕`` or ``∶`` in a ratio where the volume writes ``:``. params ``wrong``, ``right``.
* ``punct.bracket_mixed`` — a pair opened full-width and closed half-width or the reverse
  (``（GSP)``). params ``open``, ``close``, ``right``.
* ``punct.unbalanced`` — a bracket or quote without its partner in the repaired paragraph.
  params ``char``, ``expected``.
"""

from __future__ import annotations

import re

from .base import HAN, BlockRow, CheckContext, Finding

FULLWIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）", ".": "。"}
_HALF = re.compile(r"[,;:!?().]")
_ASCIIISH = re.compile(r"[A-Za-z0-9 %\-+/&'\"_.]")
_HAN_RE = re.compile(f"[{HAN}]")
_FULL_MARKS = re.compile("[，；：！？（）。]")
_DOTS = {"•": "·", "﹒": "·", "‧": "·", "・": "·"}
_DOT_RE = re.compile("[•﹒‧・]")
_PAIRS = {"（": "）", "(": ")", "【": "】", "[": "]", "“": "”", "《": "》", "「": "」", "‘": "’", "〔": "〕"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_BRACKET_CHARS = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_CLOSERS)) + "]")
_FULL_OF = {"(": "（", ")": "）", "[": "【", "]": "】"}
_HALF_OF = {"（": "(", "）": ")", "【": "[", "】": "]"}


def _neighbours(text: str, i: int) -> tuple[str, str]:
    j = i - 1
    while j >= 0 and text[j] in " \u3000":
        j -= 1
    k = i + 1
    while k < len(text) and text[k] in " \u3000":
        k += 1
    return (text[j] if j >= 0 else ""), (text[k] if k < len(text) else "")


def halfwidth_hits(text: str) -> list[tuple[int, str]]:
    """(offset, ASCII mark) of every half-width mark standing in Chinese text."""
    hits = []
    for m in _HALF.finditer(text):
        i, ch = m.start(), m.group(0)
        prev, nxt = _neighbours(text, i)
        if ch == ".":
            if text.lstrip().startswith("."):
                continue  # .经 济. : a section marker written with full stops, not a sentence end
            if not (_HAN_RE.match(prev or " ") and (nxt == "" or _HAN_RE.match(nxt) or nxt in "“”")):
                continue
        elif ch == ":":
            if prev.isdigit() and nxt.isdigit():
                continue  # 7:30, 10.9:1
            if text[i + 1 : i + 3] == "//":
                continue
        elif ch in "()":
            if not _bracket_in_chinese(text, i):
                continue
        elif ch == "," and prev.isdigit() and nxt.isdigit() and text[i + 1 : i + 4].isdigit():
            continue  # 1,000
        if (prev == "" or _ASCIIISH.match(prev)) and (nxt == "" or _ASCIIISH.match(nxt)) and ch not in "()":
            continue  # Latin text
        if not _HAN_RE.search(text[max(0, i - 6) : i + 7]):
            continue
        hits.append((i, ch))
    return hits


def _bracket_in_chinese(text: str, i: int) -> bool:
    """An ASCII bracket pair whose content or surroundings are Chinese (both halves judged alike)."""
    if text[i] == "(":
        opn, close = i, text.find(")", i)
        if close < 0 and "）" in text[i : i + 30]:
            return False  # (…） is a mixed pair, reported as such
    else:
        opn, close = text.rfind("(", 0, i), i
        if opn < 0 and "（" in text[max(0, i - 30) : i]:
            return False  # （GSP) is a mixed pair, reported as such
    inner = text[opn + 1 : close] if opn >= 0 and close >= 0 else text[max(0, i - 20) : i + 20]
    outside = (_neighbours(text, opn)[0] if opn >= 0 else "") + (_neighbours(text, close)[1] if close >= 0 else "")
    return bool(_HAN_RE.search(inner)) or bool(_HAN_RE.search(outside))


def normalise_halfwidth(text: str) -> str:
    """The text with every half-width mark in Chinese context made full-width."""
    hits = halfwidth_hits(text)
    if not hits:
        return text
    chars = list(text)
    for i, ch in hits:
        chars[i] = FULLWIDTH[ch]
    out = "".join(chars)
    # a space left beside a full-width mark (", " → "，") goes
    return re.sub(r"(?<=[，；：！？）。]) +(?=\S)|(?<=\S) +(?=[，；：！？（。])", "", out) if out != text else out


def _scope_of(ctx: CheckContext, b: BlockRow) -> int | None:
    """The document a block belongs to: its outermost document node, else None (the volume)."""
    doc = None
    for n in ctx.ancestors(b.node_id):
        if n.kind == "document":
            doc = n.id
    return doc


def wholesale(half: int, full: int) -> bool:
    """A document (or the volume) written with half-width marks throughout: one finding for it."""
    return half >= 20 and half >= full


def halfwidth_marks(ctx: CheckContext, b: BlockRow, hits: list[tuple[int, str]]) -> list[Finding]:
    """One ``punct.halfwidth`` finding per half-width mark of a block."""
    return [ctx.finding("punct.halfwidth", b, i, i + 1, f"中文里用了半角“{ch}”，应为全角“{FULLWIDTH[ch]}”。",
                        params={"char": ch, "fullwidth": FULLWIDTH[ch]}, suggestion=FULLWIDTH[ch],
                        key=b.text[max(0, i - 3) : i + 4]) for i, ch in hits]


def halfwidth(ctx: CheckContext) -> list[Finding]:
    per_block: list[tuple[BlockRow, list]] = []
    totals: dict[object, list[int]] = {}  # scope → [half, full]
    vol = [0, 0]
    for b in ctx.blocks:
        if b.kind == "row":
            continue
        hits = halfwidth_hits(b.text)
        full = len(_FULL_MARKS.findall(b.text))
        scope = _scope_of(ctx, b)
        t = totals.setdefault(scope, [0, 0])
        t[0] += len(hits)
        t[1] += full
        vol[0] += len(hits)
        vol[1] += full
        if hits:
            per_block.append((b, hits))
    out: list[Finding] = []
    whole_volume = wholesale(*vol)
    done_scopes: set = set()
    for b, hits in per_block:
        scope = "volume" if whole_volume else _scope_of(ctx, b)
        if scope != "volume" and not (scope is not None and wholesale(*totals[scope])):
            out += halfwidth_marks(ctx, b, hits)
            continue
        if scope in done_scopes:
            continue
        done_scopes.add(scope)
        if scope == "volume":
            members = [x for x, _ in per_block]
            half, full = vol
            title = ctx.title
            node_id = None
        else:
            members = [x for x, _ in per_block if _scope_of(ctx, x) == scope]
            half, full = totals[scope]
            title = ctx.nodes[scope].title
            node_id = scope
        f = ctx.finding(
            "punct.halfwidth_document", b, hits[0][0], hits[0][0] + 1,
            f"《{title}》通篇使用半角标点（{half} 处，全角仅 {full} 处）：可一次全部改为全角。",
            params={"count": half, "fullwidth": full, "blocks": [x.id for x in members],
                    "scope": "volume" if scope == "volume" else "node", "title": title},
            suggestion=None, key=f"scope:{'volume' if scope == 'volume' else title}",
        )
        if node_id is not None:
            f.node_id = node_id
        out.append(f)
    return out


def percent(ctx: CheckContext) -> list[Finding]:
    half = ctx.joined.count("%")
    full = ctx.joined.count("％")
    if not half or not full:
        return []
    wrong, right = ("％", "%") if half >= full else ("%", "％")
    out = []
    for b, jm, base in ctx.scan(re.compile(re.escape(wrong))):
        for m in [re.compile(re.escape(wrong)).match(b.text, jm.start() - base)]:
            out.append(ctx.finding("punct.percent", b, m.start(), m.end(),
                                   f"百分号不统一：全书多用“{right}”，此处为“{wrong}”。",
                                   params={"wrong": wrong, "right": right, "majority": max(half, full),
                                           "minority": min(half, full)},
                                   suggestion=right, key=b.text[max(0, m.start() - 4) : m.end()]))
    return out


def middle_dots(ctx: CheckContext, b: BlockRow) -> list[Finding]:
    out = []
    for m in _DOT_RE.finditer(b.text):
        i = m.start()
        if not b.text[:i].strip():
            continue  # a bullet at the start of a line
        prev, nxt = b.text[i - 1 : i], b.text[i + 1 : i + 2]
        if not prev.strip() or not nxt.strip():
            continue
        out.append(ctx.finding("punct.middle_dot", b, i, i + 1, f"间隔号应为“·”，此处为“{m.group(0)}”。",
                               params={"wrong": m.group(0), "right": "·"}, suggestion="·",
                               key=b.text[max(0, i - 3) : i + 4]))
    return out


_RATIO = re.compile(r"(?<=\d)([ \u3000]*)([﹕∶：])([ \u3000]*)(?=\d)")


def ratio_colons(ctx: CheckContext) -> list[Finding]:
    hits = list(ctx.scan(_RATIO))
    if not hits:
        return []
    ascii_n = len(re.findall(r"\d[ \u3000]*:[ \u3000]*\d", ctx.joined))
    ratio_n = len(re.findall(r"\d[ \u3000]*∶[ \u3000]*\d", ctx.joined))
    style = "∶" if ratio_n > ascii_n else ":"
    out = []
    for b, jm, base in hits:
        m = _RATIO.match(b.text, jm.start() - base)
        if m is None:
            continue
        if True:
            ch = m.group(2)
            if ch == style:
                continue
            if ch == "：":
                # 7：30 is a time; only a chain a：b：c or a ratio word makes it a ratio
                if not re.search(r"比|∶|﹕", b.text[max(0, m.start() - 12) : m.start()]):
                    continue
            out.append(ctx.finding("punct.ratio_colon", b, m.start(), m.end(),
                                   f"比号应为“{style}”，此处为“{ch}”。",
                                   params={"wrong": ch, "right": style}, suggestion=style,
                                   key=b.text[max(0, m.start() - 4) : m.end() + 3]))
    return out


def brackets(ctx: CheckContext, b: BlockRow) -> list[Finding]:
    text = b.text
    stack: list[tuple[int, str]] = []
    out = []
    for bm in _BRACKET_CHARS.finditer(text):
        i, ch = bm.start(), bm.group(0)
        if ch in _PAIRS and not (ch == "“" and stack and stack[-1][1] == "“"):
            stack.append((i, ch))
        elif ch in _CLOSERS or ch == "“":
            if ch == "“":  # a second opening quote inside a quote: the first was never closed
                j, opener = stack.pop()
                out.append(_unbalanced(ctx, b, j, opener))
                stack.append((i, ch))
                continue
            want = _CLOSERS[ch]
            if stack and stack[-1][1] == want:
                stack.pop()
                continue
            # a mixed pair: （…) or (…）
            if stack and _FULL_OF.get(stack[-1][1], _HALF_OF.get(stack[-1][1])) == want:
                j, opener = stack.pop()
                right = _PAIRS[opener]
                out.append(ctx.finding("punct.bracket_mixed", b, i, i + 1,
                                       f"括号不配对：“{opener}”用“{ch}”收尾，应为“{right}”。",
                                       params={"open": opener, "close": ch, "right": right}, suggestion=right,
                                       key=text[max(0, i - 4) : i + 1]))
                continue
            if any(o == want for _, o in stack):
                while stack and stack[-1][1] != want:
                    j, opener = stack.pop()
                    out.append(_unbalanced(ctx, b, j, opener))
                stack.pop()
                continue
            if ch in ")）" and re.search(r"(?:^|[^\d(（.])(?:\d{1,2}|[一二三四五六七八九十]{1,3})[ \u3000]*$", text[:i]):
                continue  # list numbering 1）, 二）
            if ch in "’”" and re.search(r"\d[′'’]?[\d.]*$", text[:i]) and "°" in text[max(0, i - 12) : i]:
                continue  # 103°54’37.77” : minutes and seconds
            out.append(ctx.finding("punct.unbalanced", b, i, i + 1, f"“{ch}”前面没有与之配对的“{want}”。",
                                   params={"char": ch, "expected": want}, key=text[max(0, i - 4) : i + 1]))
    for j, opener in stack:
        out.append(_unbalanced(ctx, b, j, opener))
    return out


def _unbalanced(ctx, b, j, opener) -> Finding:
    return ctx.finding("punct.unbalanced", b, j, j + 1, f"“{opener}”后面没有与之配对的“{_PAIRS[opener]}”。",
                       params={"char": opener, "expected": _PAIRS[opener]}, key=b.text[j : j + 5])


def _across_blocks(ctx: CheckContext, found: list[Finding]) -> list[Finding]:
    """Drop an opener left open at one block's end that a closer at the start of one of the
    next two blocks closes: a paragraph split inside a bracket (a wrapped table cell) is a
    layout matter, not a punctuation error."""
    order = {b.id: i for i, b in enumerate(ctx.blocks)}
    openers = [f for f in found if f.code == "punct.unbalanced" and f.params["char"] in _PAIRS]
    closers = [f for f in found if f.code == "punct.unbalanced" and f.params["char"] in _CLOSERS]
    drop: set[int] = set()
    for o in openers:
        i = order[o.block_id]
        for c in closers:
            if id(c) in drop or c.params["char"] != o.params["expected"]:
                continue
            j = order[c.block_id]
            if 0 < j - i <= 2:
                drop.update((id(o), id(c)))
                break
    return [f for f in found if id(f) not in drop]


def check_punctuation(ctx: CheckContext) -> list[Finding]:
    out = halfwidth(ctx) + percent(ctx) + ratio_colons(ctx)
    bracket_findings: list[Finding] = []
    dot_blocks = {b.id for b, _m, _base in ctx.scan(_DOT_RE)}
    for b in ctx.blocks:
        if b.id in dot_blocks:
            out += middle_dots(ctx, b)
        if b.kind in ("paragraph", "heading", "entry_title"):
            bracket_findings += brackets(ctx, b)
    return out + _across_blocks(ctx, bracket_findings)
