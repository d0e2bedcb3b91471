"""Characters and words.

Codes and params:

* ``char.confusable`` — a character from the confusable list (``臵`` → ``置``, katakana ``ー`` →
  ``一``), or a code point that stands for an ordinary character (:mod:`.codepoints`: Kangxi
  radical, CJK radicals supplement, compatibility ideograph, Japanese form, full-width letters and
  digits inside Chinese, private use). params: ``wrong``, ``right``, ``note``, ``kind`` (``list``
  or a :data:`.codepoints.KIND_LABELS` key).
* ``char.suspect`` — a character that the detector (:mod:`.detector`) takes for a look-alike or
  homophone of the character that would make a word here (``工作己经完成`` → ``已``). params:
  ``wrong``, ``right``, ``candidates`` (best first), ``word`` (the corrected word), ``as_written``
  (the same stretch as written), ``source`` (``shape`` / ``sound``). Names (directory rows,
  credits, 人物, tags, the store's ``name`` list) are never suspected; a suspect the editor marked
  ignored is not raised again for the same written stretch anywhere in the store.
* ``char.wrong_word`` — a wrong word from the list (``培同`` → ``陪同``). params: ``wrong``, ``right``.
* ``char.traditional`` — a traditional character (OpenCC t2s) outside personal and place names
  (names come from the volume's directories and credits, and the store's ``name`` list).
  params: ``char``, ``simplified``, ``word``.
* ``char.english_word`` — an English word standing in for a Chinese one (``城关区 and 七里河区``).
  params: ``word``, ``chinese``.
* ``char.doubled`` — a character or phrase written twice (``在在``, ``印制宣传折页印制宣传折页``);
  reduplications such as ``实实在在``, ``等等``, ``不了了之`` are left alone. params: ``text``.

Every finding here has a ``suggestion`` (the corrected text of the span).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from ..resources import RESOURCES
from .base import HAN, BlockRow, CheckContext, Finding
from .codepoints import KIND_LABELS, codepoint_errors
from .codepoints import first_class as codepoint_class

_DOUBLE_CHARS = "的在了和与是对为及于将把被从向以由并或其之也就都而要有"
_DOUBLE_CHAR = re.compile(f"([{_DOUBLE_CHARS}])\\1")
_DOUBLE_PHRASE = re.compile(f"([{HAN}][{HAN}0-9]{{2,15}}?)\\1")
DOUBLE_OK = RESOURCES / "checks" / "double_ok.txt"


@lru_cache(maxsize=1)
def _double_ok() -> frozenset[str]:
    """Two-character words starting with a watched character: 和和平 is 和 + 和平."""
    lines = DOUBLE_OK.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
_ENGLISH = {"and": "和", "or": "或", "with": "与", "of": "的", "plus": "加", "vs": "对", "the": ""}
_ENGLISH_RE = re.compile(
    rf"(?<=[{HAN}，。、；：）”])[ \u3000]*\b(and|or|with|of|plus|vs|the)\b[ \u3000]*(?=[{HAN}（“《])", re.IGNORECASE
)

_LATIN_RUN = re.compile("[A-Za-z]+")  # a word of _ENGLISH_RE stands alone: it is a whole run of letters


@lru_cache(maxsize=8)
def _char_class(chars: tuple[str, ...]) -> re.Pattern:
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def collect_names(ctx: CheckContext) -> set[str]:
    """Personal and place names of the volume: the cells of its directories and table rows
    (``副区长 王立山``, justified ``张  淼``) and the credits of its entries (``（侯永新）``)."""
    names = set(ctx.words.names) if ctx.words is not None else set()
    for b in ctx.blocks:
        if b.kind == "row" or b.role == "credit":
            cells = re.split(r"[\s，、；：（）()]{2,}|[，、；：（）()]", b.text)
            for cell in cells:
                cell = cell.strip()
                joined = re.sub(r"[ \u3000]+", "", cell)
                if re.fullmatch(f"[{HAN}]{{2,4}}", joined):
                    names.add(joined)
                for tok in cell.split():
                    if re.fullmatch(f"[{HAN}]{{2,4}}", tok):
                        names.add(tok)
        if b.kind == "paragraph":
            m = re.search(rf"[（(]\s*([{HAN}]{{2,4}})(?:[、，\s]+([{HAN}]{{2,4}}))*\s*[）)]\s*$", b.text)
            if m:
                for name in re.findall(f"[{HAN}]{{2,4}}", m.group(0)):
                    names.add(name)
    return names


def volume_names(ctx: CheckContext) -> set[str]:
    """:func:`collect_names`, once per context."""
    names = ctx.__dict__.get("_char_names")
    if names is None:
        names = ctx.__dict__["_char_names"] = collect_names(ctx)
    return names


def _in_name(text: str, i: int, names: set[str]) -> str | None:
    for n in range(2, 5):
        for s in range(max(0, i - n + 1), i + 1):
            w = text[s : s + n]
            if len(w) == n and w in names:
                return w
    return None


def confusables(ctx: CheckContext, b: BlockRow, table: dict) -> list[Finding]:
    out = []
    text = b.text
    if table:
        for m in _char_class(tuple(table)).finditer(text):
            i, ch = m.start(), m.group(0)
            right, note = table[ch]
            out.append(ctx.finding("char.confusable", b, i, i + 1, f"“{ch}”应为“{right}”。" + (f"（{note}）" if note else ""),
                                   params={"wrong": ch, "right": right, "note": note, "kind": "list"}, suggestion=right))
    for s, e, wrong, right, kind in codepoint_errors(text):
        if wrong in table:
            continue
        label = KIND_LABELS[kind]
        msg = f"“{wrong}”是{label}，应为“{right}”。" if right else f"“{wrong}”是{label}，请按原书改为正常汉字。"
        out.append(ctx.finding("char.confusable", b, s, e, msg,
                               params={"wrong": wrong, "right": right or "", "note": label, "kind": kind},
                               suggestion=right))
    return out


def wrong_words(ctx: CheckContext, b: BlockRow, pattern, table: dict) -> list[Finding]:
    out = []
    for m in pattern.finditer(b.text):
        wrong = m.group(0)
        right = table[wrong][0]
        out.append(ctx.finding("char.wrong_word", b, m.start(), m.end(), f"“{wrong}”应为“{right}”。",
                               params={"wrong": wrong, "right": right}, suggestion=right))
    return out


def traditional(ctx: CheckContext, b: BlockRow, names: set[str]) -> list[Finding]:
    text = b.text
    conv = _t2s().convert(text)
    if conv == text:
        return []
    if len(conv) != len(text):
        conv = "".join(_t2s().convert(c) if len(_t2s().convert(c)) == 1 else c for c in text)
    out = []
    for i, (a, s) in enumerate(zip(text, conv, strict=False)):
        if a == s or not re.match(f"[{HAN}]", a):
            continue
        name = _in_name(text, i, names)
        if name:
            continue
        word = text[max(0, i - 2) : i + 3]
        out.append(ctx.finding("char.traditional", b, i, i + 1, f"繁体字“{a}”，简体为“{s}”。",
                               params={"char": a, "simplified": s, "word": word}, suggestion=s, key=word))
    return out


def english_words(ctx: CheckContext, b: BlockRow) -> list[Finding]:
    out = []
    for m in _ENGLISH_RE.finditer(b.text):
        word = m.group(1)
        zh = _ENGLISH[word.lower()]
        msg = f"英文“{word}”夹在中文里" + (f"，应为“{zh}”。" if zh else "，应删去。")
        out.append(ctx.finding("char.english_word", b, m.start(), m.end(), msg, params={"word": word, "chinese": zh},
                               suggestion=zh))
    return out


def doubled(ctx: CheckContext, b: BlockRow) -> list[Finding]:
    text = b.text
    out = []
    for m in _DOUBLE_CHAR.finditer(text):
        i, ch = m.start(), m.group(1)
        if i >= 2 and text[i - 1] == text[i - 2]:
            continue  # AABB: 实实在在
        if i + 3 < len(text) + 1 and text[i + 2 : i + 3] and text[i + 2 : i + 3] == text[i + 3 : i + 4]:
            continue  # AABB: 的的确确
        if ch == "了" and text[i - 1 : i] == "不":
            continue  # 不了了之
        if ch + text[i + 2 : i + 3] in _double_ok():
            continue  # 首要要求, 和和平: the second one starts a word
        if text[i - 1 : i] == ch:
            continue
        out.append(ctx.finding("char.doubled", b, i, i + 2, f"“{ch}”重复：“{ch}{ch}”应为“{ch}”。",
                               params={"text": ch}, suggestion=ch, key=text[i : i + 4]))
    for m in _DOUBLE_PHRASE.finditer(text):
        phrase = m.group(1)
        if len(re.findall(f"[{HAN}]", phrase)) < 3 or len(set(phrase)) < 2:
            continue
        if phrase[0] in "一每逐":
            continue  # 一项措施一项措施（地抓落实）: emphasis, not a slip
        out.append(ctx.finding("char.doubled", b, m.start(), m.end(), f"“{phrase}”连写了两遍。",
                               params={"text": phrase}, suggestion=phrase))
    return out


@lru_cache(maxsize=8)
def _prefilter(confusable: tuple[str, ...], words: tuple[str, ...]) -> re.Pattern:
    """Where a listed character, a code point of the table or a listed word may stand (a superset:
    the blocks found are then read exactly). One class of every first character, then the rest of
    the word it starts: the regex engine skips to the candidates (0.004 s over 000, where the three
    patterns as alternatives took 0.033 s)."""
    singles = "".join(re.escape(c) for c in confusable) + codepoint_class()
    firsts = "".join(dict.fromkeys(re.escape(w[0]) for w in words))
    rests = "".join(f"|(?<={re.escape(w[0])}){re.escape(w[1:])}" for w in sorted(words, key=len, reverse=True))
    return re.compile(f"[{singles}{firsts}](?:(?<=[{singles}]){rests})")


def check_characters(ctx: CheckContext) -> list[Finding]:
    wl = ctx.words
    conf = wl.confusable if wl is not None else {}
    words = wl.words if wl is not None else {}
    word_re = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))) if words else None
    out: list[Finding] = []
    hit_blocks = {b.id for b, _m, _base in ctx.scan(_prefilter(tuple(conf), tuple(words)))}
    text_kinds = ("paragraph", "heading", "entry_title")
    # the paragraphs with one of the words as a run of Latin letters (a tenth of the time of the
    # whole pattern over the volume); the pattern then runs on those alone
    english_blocks = {b.id for b, m, _base in ctx.scan(_LATIN_RUN, text_kinds) if m.group().lower() in _ENGLISH}
    doubled_blocks = {b.id for b, _m, _base in ctx.scan(_DOUBLE_CHAR, text_kinds)}
    doubled_blocks |= {b.id for b, _m, _base in ctx.scan(_DOUBLE_PHRASE, text_kinds)}
    trad_text = _t2s().convert(ctx.joined)
    trad_blocks = set()
    if trad_text != ctx.joined:
        conv_lines = trad_text.split("\n")
        if len(conv_lines) == len(ctx.blocks):
            trad_blocks = {b.id for b, c in zip(ctx.blocks, conv_lines, strict=True) if b.text != c}
        else:
            trad_blocks = {b.id for b in ctx.blocks}
    names = volume_names(ctx) if trad_blocks else set()
    for b in ctx.blocks:
        if b.id in hit_blocks:
            out += confusables(ctx, b, conf)
            if word_re is not None:
                out += wrong_words(ctx, b, word_re, words)
        if b.id in trad_blocks:
            out += traditional(ctx, b, names)
        if b.id in english_blocks:
            out += english_words(ctx, b)
        if b.id in doubled_blocks:
            out += doubled(ctx, b)
    out += suspects(ctx, names if trad_blocks else None, _covered(out))
    return out


def _covered(found: list[Finding]) -> set[tuple[int, int]]:
    """(block, offset) of every character a finding covers: the detector adds nothing there (a
    listed wrong word, 高领补贴, is one finding, not one more for its 领)."""
    return {(f.block_id, i) for f in found for i in range(f.start, max(f.end, f.start + 1))}


# -- the detector of unlisted wrong characters ------------------------------------------------

_SUSPECT_KINDS = ("paragraph", "heading", "entry_title")
_PEOPLE = re.compile("人物|名录|名单|名表|领导|简介|先进|表彰|获奖|英模|劳模|荣誉")


def rejected_suspects(ctx: CheckContext) -> set[str]:
    """Written stretches the editor marked as not an error, anywhere in the store."""
    if ctx.store is None:
        return set()
    rows = ctx.store.conn.execute(
        "SELECT params FROM findings WHERE code = 'char.suspect' AND status = 'ignored'").fetchall()
    out = set()
    for (p,) in rows:
        try:
            out.add(json.loads(p).get("as_written", ""))
        except (ValueError, AttributeError):
            continue
    return out - {""}


def _store_vocabulary(ctx: CheckContext) -> set[str]:
    """The store's own words: its tags and its word lists' names and right forms."""
    words = set()
    if ctx.store is not None:
        words |= {r[0] for r in ctx.store.conn.execute("SELECT name FROM tags").fetchall()}
    if ctx.words is not None:
        words |= set(ctx.words.names) | {r for r, _n in ctx.words.words.values()}
    return {w for w in words if re.fullmatch(f"[{HAN}]{{2,6}}", w or "")}


def volume_model(ctx: CheckContext):
    """The detector's model of the volume (counts of its own strings, the store's vocabulary);
    kept on the context so that re-checking one paragraph reuses it."""
    model = ctx.__dict__.get("_char_model")
    if model is None:
        from .detector import VolumeModel

        model = VolumeModel.build((b.text for b in ctx.blocks), _store_vocabulary(ctx))
        ctx.__dict__["_char_model"] = model
    return model


def _in_people_section(ctx: CheckContext, node_id) -> bool:
    return any(_PEOPLE.search(n.title or "") for n in ctx.ancestors(node_id))


def suspect_findings(ctx: CheckContext, b: BlockRow, found, rejected: set[str], taken=frozenset()) -> list[Finding]:
    out = []
    for s in found:
        i = s.start
        if (b.id, i) in taken:
            continue
        lo = max(0, i - len(s.word) + 1)
        as_written = b.text[max(0, i - 2) : i + 3]
        if any(r in b.text[lo : i + len(s.word)] for r in rejected if s.wrong in r) or as_written in rejected:
            continue
        how = "形近" if s.kind == "shape" else "音近"
        msg = f"“{s.wrong}”疑为“{s.right}”之误（{how}，“{s.word}”）。"
        out.append(ctx.finding("char.suspect", b, i, i + 1, msg, suggestion=s.right, key=as_written,
                               params={"wrong": s.wrong, "right": s.right, "candidates": s.candidates,
                                       "word": s.word, "as_written": as_written, "source": s.kind}))
    return out


def _suspect_blocks(ctx: CheckContext) -> list[int]:
    """Where in ``ctx.blocks`` the detector looks: paragraphs, headings and entry titles, not
    credits, not in a section of people."""
    return [k for k, b in enumerate(ctx.blocks) if b.kind in _SUSPECT_KINDS and b.role != "credit"
            and not _in_people_section(ctx, b.node_id)]


def begin_suspects(store, volume_id: int):
    """On a large volume, start the detector's process of its own (:mod:`.detector_process`):
    the task, or None (the detector then runs here). It is given its work by :func:`give_suspects`."""
    from ..queries import text_size
    from . import detector_process

    return detector_process.start() if detector_process.wanted(text_size(store, volume_id)) else None


def give_suspects(ctx: CheckContext, task) -> None:
    """Send the detector's process the volume; :func:`suspects` collects what it finds."""
    from . import detector_process

    ctx.__dict__["_suspects_task"] = task
    detector_process.send(task, [b.text for b in ctx.blocks], _suspect_blocks(ctx), _store_vocabulary(ctx),
                          volume_names(ctx))


def stop_suspects(ctx: CheckContext | None, task) -> None:
    """End the detector's process if it still runs (a run cancelled or failed before collecting)."""
    from .detector_process import end

    if ctx is not None:
        ctx.__dict__.pop("_suspects_task", None)
    end(task)


def suspects(ctx: CheckContext, names: set[str] | None = None, taken=frozenset()) -> list[Finding]:
    """``char.suspect`` findings of the whole volume (those of the detector's process when
    :func:`give_suspects` gave it the volume)."""
    from .detector import detect_volume

    names = volume_names(ctx) if names is None else names
    which = _suspect_blocks(ctx)
    found = None
    task = ctx.__dict__.pop("_suspects_task", None)
    if task is not None:
        from .detector_process import collect

        found = collect(task)
    if found is None:
        found = detect_volume([ctx.blocks[k].text for k in which], volume_model(ctx), names)
    rejected = rejected_suspects(ctx)
    out = []
    for idx, s in found:
        out += suspect_findings(ctx, ctx.blocks[which[idx]], [s], rejected, taken)
    return out


def recheck_paragraph(ctx: CheckContext, b: BlockRow) -> list[Finding]:
    """Every ``char.*`` finding of one (edited) paragraph, reusing the volume's model: what an
    editor sees update while typing."""
    from .detector import detect

    names = volume_names(ctx)
    wl = ctx.words
    conf = wl.confusable if wl is not None else {}
    words = wl.words if wl is not None else {}
    out = confusables(ctx, b, conf)
    if words:
        word_re = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
        out += wrong_words(ctx, b, word_re, words)
    if _t2s().convert(b.text) != b.text:
        out += traditional(ctx, b, names)
    if b.kind in _SUSPECT_KINDS:  # the kinds the whole run looks at for these two
        out += english_words(ctx, b) + doubled(ctx, b)
    if b.kind in _SUSPECT_KINDS and b.role != "credit" and not _in_people_section(ctx, b.node_id):
        taken = _covered(out)
        out += suspect_findings(ctx, b, detect(b.text, volume_model(ctx), names),
                                rejected_suspects(ctx), taken)
    return out
