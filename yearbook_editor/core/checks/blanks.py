"""Blanks: what the volume leaves out.

Codes and params:

* ``blank.figure`` — a figure missing before a unit or measure word (``共 人``, ``占总人口的 %``,
  ``全书有 个分目``). params: ``unit``, ``before`` (the word before the gap), ``noun`` (the word
  after a measure word: 分目), ``label`` (what the figure is: 回族, 分目, 总数, 占比),
  ``role`` (total / part / share / count). The finding spans the gap (the spaces where the
  figure belongs); :func:`fill_blank <yearbook_editor.core.checks.fixes.fill_blank>` puts the
  value there in the paragraph's spacing style.
* ``blank.placeholder`` — ``20xx``, ``×××``, ``XXX``, ``□□``: params ``token``.
* ``blank.author`` — empty author brackets ``（ ）`` at the end of a paragraph.
* ``blank.entry_body`` — an entry with a title and no body (or only an editor's note).
* ``blank.unit`` — an amount without its unit (``资金 6400，``): params ``label``, ``number``.

Not flagged: figures written in words (``十二 个``), ``第十条 所需``, ``个人``, a surname after a
post (``局长 张 淼``), table rows and directories (rows), headings, letter-spaced lines, forms
(``是（）否（）``, ``年 月 日``).
"""

from __future__ import annotations

import re

from .base import CN_DIGITS, HAN, BlockRow, CheckContext, Finding

# unit → what may follow it for the gap before it to be a blank
#   'any'   : anything (the unit is unambiguous)
#   'punct' : only punctuation or the end (人，  户。): a word after it makes it a word (人员, 户籍)
#   'noun'  : a measure word before a noun (个分目): anything but the listed word starts
_STRONG = ["万平方米", "平方千米", "平方公里", "平方米", "个百分点", "万元", "亿元", "万人次", "万人", "万户", "万字",
           "万吨", "万亩", "人次", "户次", "%", "％", "‰", "公顷", "千米", "公里"]
_PUNCT_UNITS = ["人", "名", "户", "家", "所", "座", "条", "项", "件", "次", "张", "台", "辆", "处", "场", "批", "篇",
                "册", "套", "头", "株", "棵", "岁", "吨", "亩", "元", "天", "位", "起", "例", "期", "部", "本", "支",
                "间", "栋", "幢", "块", "米", "所", "只", "份", "种", "类"]
_NOUN_UNITS = ["个"]
_NOT_AFTER_GE = set("人体性别案税股")
_PUNCT_AFTER = set("，。；、：）)”,;:！？!?（(") | {""}

_UNIT_ALT = "|".join(re.escape(u) for u in sorted(set(_STRONG + _PUNCT_UNITS + _NOUN_UNITS), key=len, reverse=True))
_GAP = re.compile(rf"(?<=[{HAN}，、：；（“])([ \u3000\t]+)({_UNIT_ALT})")

_POSTS = ("长", "书记", "主任", "委员", "经理", "主席", "部长", "干事", "科员", "秘书", "馆员", "师", "官", "员", "监",
          "常委", "组长", "队长", "站长", "所长", "校长", "院长", "理事", "会长", "代表")
_SURNAME_UNITS = set("张台项位支党万元")
_ORDINAL = re.compile(rf"第[{CN_DIGITS}\d]+[条章节款项篇部]$")

_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])(?:(?:19|20)[xX×Ｘｘ]{2}|[×Ｘ＊*□○〇_＿]{2,}|X{3,}|x{3,})(?![A-Za-z])"
)
# which blocks may hold one: the same without the look-around, its first character one class (the
# regex engine then skips to the candidates: 3.5 ms over 000 where the pattern above takes 31); the
# blocks found are then read with the pattern above
_PLACEHOLDER_NEAR = re.compile(r"[12×Ｘ＊*□○〇_＿Xx](?:(?<=1)9[xX×Ｘｘ]{2}|(?<=2)0[xX×Ｘｘ]{2}"
                               r"|(?<=[×Ｘ＊*□○〇_＿])[×Ｘ＊*□○〇_＿]+|(?<=X)XX+|(?<=x)xx+)")
_EMPTY_BRACKETS = re.compile(r"[（(][ \u3000]*[）)]")
_NOTE_ONLY = re.compile(r"^[（(][^（）()]{0,20}[）)]$")

_MONEY_LABELS = "金额|资金|投资|收入|支出|产值|总额|经费|补贴|补助|营业额|销售额|增加值|生产总值|税收|奖金|费用|资助"
_UNIT_MISSING = re.compile(
    rf"(?P<label>{_MONEY_LABELS})(?:为|达|达到|共|共计|合计|约|累计|完成|总计)?[ \u3000]*"
    rf"(?P<number>\d+(?:\.\d+)?)(?=[ \u3000]*(?:[，。；、）)]|$))"
)


def is_letter_spaced(text: str) -> bool:
    han = re.findall(f"[{HAN}]", text)
    if len(han) < 4:
        return False
    spaced = len(re.findall(f"[{HAN}][ \u3000]+(?=[{HAN}])", text))
    return spaced >= 0.5 * (len(han) - 1)


def is_form(text: str) -> bool:
    """A form or template to be filled in by hand (not a text with figures missing)."""
    if re.search(r"年[ \u3000]+月[ \u3000]+日", text) or "盖章" in text or "签字" in text or "签名" in text:
        return True
    return len(re.findall(r"[：:][ \u3000]+\S{1,8}[：:]", text)) >= 1 or len(re.findall(r"[（(][ \u3000]*[）)]", text)) >= 3


def looks_tabular(text: str) -> bool:
    """A flattened table row or header: cells separated by spaces, no sentence."""
    if "。" in text or "，" in text:
        return False
    return len(re.findall(r"[ \u3000]+", text.strip())) >= 2


def spaced_style(text: str) -> bool:
    """Whether the paragraph puts spaces around figures (``131.91 万人``) or not (``131.91万人``)."""
    spaced = len(re.findall(rf"[{HAN}][ \u3000]\d|\d[ \u3000][{HAN}]", text))
    tight = len(re.findall(rf"[{HAN}]\d|\d[{HAN}]", text))
    return spaced >= tight


def _before_word(text: str, end: int) -> str:
    """The word before a gap: back to punctuation, a space or 其中."""
    seg = re.split(r"[，。；、：:,;（）()“”\s]", text[max(0, end - 14) : end])[-1]
    for lead in ("其中", "另有", "共有", "现有"):
        if seg.startswith(lead) and len(seg) > len(lead):
            seg = seg[len(lead) :]
    return seg


def _after_noun(text: str, pos: int) -> str:
    m = re.match(rf"[{HAN}]{{1,4}}", text[pos:])
    if not m:
        return ""
    noun = m.group(0)
    for stop in ("和", "与", "及", "的", "、"):
        i = noun.find(stop)
        if i > 0:
            noun = noun[:i]
    return noun


def _role(before: str, unit: str, noun: str = "") -> str:
    if noun:
        return "count"
    if unit in ("%", "％", "‰"):
        return "share" if re.search(r"占|比重|比例", before) else "rate"
    if re.search(r"^(?:共|总|合计|总计|共计|全书有|有)$", before) or before.endswith(("共", "共有", "总计", "合计")):
        return "total"
    return "part"


def figure_blanks(ctx: CheckContext, b: BlockRow) -> list[Finding]:
    text = b.text
    if b.kind != "paragraph" or b.role == "credit":
        return []
    matches = list(_GAP.finditer(text))
    if not matches or is_letter_spaced(text) or is_form(text) or looks_tabular(text):
        return []
    out = []
    for m in matches:
        gap_start, gap_end = m.span(1)
        unit = m.group(2)
        after = text[m.end(2) : m.end(2) + 1]
        pre_char = text[gap_start - 1]
        if pre_char in CN_DIGITS and pre_char not in "万亿":
            continue
        before = _before_word(text, gap_start)
        if _ORDINAL.search(text[max(0, gap_start - 8) : gap_start]):
            continue
        if unit in _NOUN_UNITS:
            if after in _NOT_AFTER_GE:
                continue
        elif unit in _PUNCT_UNITS and unit not in _STRONG:
            if after not in _PUNCT_AFTER and not (unit == "人" and after == "次"):
                continue
        if unit in _SURNAME_UNITS and before.endswith(_POSTS):
            continue
        noun = _after_noun(text, m.end(2)) if unit in _NOUN_UNITS else ""
        before = re.sub(r"^[\d.]*年(?:末|底)?", "", before) or before
        role = _role(before, unit, noun)
        label = noun or before or unit
        if role == "total" and not noun:
            label = "总数"
        elif role == "share":
            label = "占比"
        params = {"unit": unit, "before": before, "noun": noun, "label": label, "role": role}
        what = f"“{before}”与“{unit}{noun}”之间" if before else f"“{unit}{noun}”之前"
        out.append(ctx.finding("blank.figure", b, gap_start, gap_end, f"缺数字：{what}应有一个数。",
                               params=params, key=text[max(0, gap_start - 6) : m.end(2) + len(noun)]))
    return out


def placeholders(ctx: CheckContext, b: BlockRow) -> list[Finding]:
    out = []
    for m in _PLACEHOLDER.finditer(b.text):
        token = m.group(0)
        rest = b.text[m.end() :]
        if re.match(r"[ \u3000]*[（(][^（）()]{1,12}(?:名称|名字|姓名|单位|编号)[）)]", rest):
            continue  # a template that says what stands there: 城市管理局 XXX（街道名称）执法中队
        if set(token) <= set("○〇") and not re.search(r"[（(]?$", b.text[: m.start()]):
            continue
        out.append(ctx.finding("blank.placeholder", b, m.start(), m.end(),
                               f"占位符“{token}”：此处应填入实际内容。", params={"token": token},
                               group=f"placeholder:{token.lower()}"))
    return out


def author_brackets(ctx: CheckContext, b: BlockRow) -> list[Finding]:
    text = b.text
    if b.kind != "paragraph" or is_form(text):
        return []
    out = []
    for m in _EMPTY_BRACKETS.finditer(text):
        if text[m.end() :].strip():
            continue  # only at the paragraph's end, where the author's name goes
        out.append(ctx.finding("blank.author", b, m.start(), m.end(), "作者括号是空的：请填入撰稿人姓名或删去括号。",
                               params={}))
    return out


def unit_missing(ctx: CheckContext, b: BlockRow) -> list[Finding]:
    if b.kind != "paragraph" or looks_tabular(b.text):
        return []
    out = []
    for m in _UNIT_MISSING.finditer(b.text):
        if re.fullmatch(r"(?:19|20)\d\d", m.group("number")) or re.match(r"\s*[）)]", b.text[m.end() :]):
            continue
        head = b.text[max(0, m.start() - 12) : m.start()]
        if re.search(r"(?:单位|计量)[：:]?\s*[万亿]?元", head + b.text[: 40]):
            continue  # the unit is stated once for the whole passage
        out.append(ctx.finding("blank.unit", b, m.end("number"), m.end("number"),
                               f"“{m.group('label')} {m.group('number')}”后缺少单位（元、万元……）。",
                               params={"label": m.group("label"), "number": m.group("number")},
                               key=m.group(0)))
    return out


def entry_bodies(ctx: CheckContext) -> list[Finding]:
    body: dict[int, list[str]] = {}
    has_child = set()
    for n in ctx.nodes.values():
        if n.parent_id is not None:
            has_child.add(n.parent_id)
    for b in ctx.blocks:
        if b.node_id is not None and ctx.node_kind(b.node_id) == "entry":
            n = ctx.nodes[b.node_id]
            if b.id != n.title_block_id:
                body.setdefault(b.node_id, []).append(b.text.strip())
    out = []
    for n in ctx.nodes.values():
        if n.kind != "entry" or n.id in has_child or n.title_block_id not in ctx.by_id:
            continue
        parts = [t for t in body.get(n.id, []) if t and not _NOTE_ONLY.match(t)]
        if parts:
            continue
        tb = ctx.by_id[n.title_block_id]
        out.append(ctx.finding("blank.entry_body", tb, 0, len(tb.text), f"条目【{n.title}】只有标题，没有正文。",
                               params={"title": n.title}, key=n.title))
    return out


#: the prefilter of blank.unit over the whole volume: ``$`` is the end of each block's line
_UNIT_MISSING_LINES = re.compile(_UNIT_MISSING.pattern, re.MULTILINE)


def _blanks_of(ctx: CheckContext, b: BlockRow, ph: bool, gap: bool, empty: bool, unit: bool) -> list[Finding]:
    out: list[Finding] = []
    if ph:
        out += placeholders(ctx, b)
    if gap:
        out += figure_blanks(ctx, b)
    if empty:
        out += author_brackets(ctx, b)
    if unit:
        out += unit_missing(ctx, b)
    return out


def block_blanks(ctx: CheckContext, b: BlockRow) -> list[Finding]:
    """The blanks of one block, as :func:`check_blanks` finds them there (the re-check of an edited
    paragraph; ``blank.entry_body`` needs the outline and is left to the whole run)."""
    flat = b.text.replace("\n", " ")
    para = b.kind == "paragraph"
    out = _blanks_of(ctx, b, bool(_PLACEHOLDER.search(flat)), para and bool(_GAP.search(flat)),
                     para and bool(_EMPTY_BRACKETS.search(flat)), para and bool(_UNIT_MISSING_LINES.search(flat)))
    _assign_groups(out)
    return out


def check_blanks(ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    ph = {b.id for b, _m, _base in ctx.scan(_PLACEHOLDER_NEAR)}
    gaps = {b.id for b, _m, _base in ctx.scan(_GAP, ("paragraph",))}
    empty = {b.id for b, _m, _base in ctx.scan(_EMPTY_BRACKETS, ("paragraph",))}
    units = {b.id for b, _m, _base in ctx.scan(_UNIT_MISSING_LINES, ("paragraph",))}
    for b in ctx.blocks:
        out += _blanks_of(ctx, b, b.id in ph, b.id in gaps, b.id in empty, b.id in units)
    out += entry_bodies(ctx)
    _assign_groups(out)
    return out


def _assign_groups(findings: list[Finding]) -> None:
    """Related figure blanks: the blanks of one sentence, and a sentence starting 其中 joins the
    sentence before it (共 人，占总人口的 %。其中，回族 人，…)."""
    by_block: dict[int, list[Finding]] = {}
    for f in findings:
        if f.code == "blank.figure":
            by_block.setdefault(f.block_id, []).append(f)
    for block_id, fs in by_block.items():
        text = fs[0].block_text
        bounds = [m.end() for m in re.finditer(r"[。；！？]", text)]

        def sentence_of(pos: int) -> int:
            return sum(1 for e in bounds if e <= pos)

        def starts_with_qizhong(k: int) -> bool:
            start = bounds[k - 1] if k > 0 else 0
            return text[start:].lstrip().startswith(("其中", "另"))

        group_of: dict[int, int] = {}
        for k in sorted({sentence_of(f.start) for f in fs}):
            if k > 0 and starts_with_qizhong(k) and (k - 1) in group_of:
                group_of[k] = group_of[k - 1]
            else:
                group_of[k] = k
        counts: dict[int, int] = {}
        for f in fs:
            g = group_of[sentence_of(f.start)]
            counts[g] = counts.get(g, 0) + 1
        for f in fs:
            g = group_of[sentence_of(f.start)]
            if counts[g] > 1:
                first = min(x.start for x in fs if group_of[sentence_of(x.start)] == g)
                f.group = f"b{block_id}:{text[max(0, first - 8):first]}"
