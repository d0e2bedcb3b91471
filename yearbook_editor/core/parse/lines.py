"""Per-line measurements: where a line's text starts and ends, how wide it is, how it ends.

Everything here is cheap and local to one line; the profile and the classifier build on it.
Widths are measured in two ways:

* ``width``: display columns (a wide CJK character counts 2), as editors see it;
* ``em``: typeset width in ems (CJK = 1, Latin letters and digits = 0.5, a space = 0.25),
  which varies much less than display columns between full lines of one column, because
  a printed line is justified to the column width whatever it contains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Whitespace in the sense of the lossless invariant (core.text.strip_ws).
WS_CLASS = r"\s\u200b\u200c\u200d\ufeff\u3000"
_CONTENT = re.compile(rf"[^{WS_CLASS}](?:.*[^{WS_CLASS}])?", re.S)
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)
_SPACES = re.compile(rf"[{WS_CLASS}]")
_CJK_CHAR = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003fffd]")

#: Characters that end a sentence (a paragraph can end after them).
TERMINAL = "。！？；：!?;:…"
#: Closing quotes/brackets that may follow the terminal mark.
CLOSERS = "”’」』）)】〕》\"'"
_TERMINAL_END = re.compile(rf"[{TERMINAL}][{re.escape(CLOSERS)}]*$|\.{{1}}$")
_SENTENCE_PUNCT = re.compile(r"[，,。；;！!？?：:]")
# a sentence followed by a credit or a source in brackets: "…改造。（尹芙光）"
_CREDIT_END = re.compile(r"[。！？!?]\s*[（(][^（）()]{0,60}[）)]$")


_ZW = "\u200b\u200c\u200d\ufeff"  # the invariant's whitespace that str.isspace() does not know


def content_span(raw: str) -> tuple[int, int]:
    """(lo, hi) of the line's non-whitespace content; (0, 0) for a blank line."""
    # fast path: str.strip() strips exactly what \s matches; the zero-width characters are
    # left to the regular expression
    hi = len(raw.rstrip())
    if not hi:
        return 0, 0  # all whitespace (no zero-width character is str.isspace())
    lo = len(raw) - len(raw.lstrip())
    if raw[lo] not in _ZW and raw[hi - 1] not in _ZW:
        return lo, hi
    m = _CONTENT.search(raw)
    if m is None:
        return 0, 0
    return m.start(), m.end()


def em_width(s: str) -> float:
    wide = len(_WIDE.findall(s))
    spaces = len(_SPACES.findall(s))
    narrow = len(s) - wide - spaces
    return wide + 0.5 * narrow + 0.25 * spaces


def ends_terminal(s: str) -> bool:
    """The text ends a sentence: 。！？；： (or ASCII) possibly followed by closing marks."""
    if not s:
        return False
    last = s[-1]
    if last == "\n":
        return _ends_terminal_re(s)
    if last in "）)" and _CREDIT_END.search(s):
        return True
    # _TERMINAL_END without the regular expression: a terminal mark, then closing marks only
    # (the two sets share no character), or a final '.'
    if last == "." or s.rstrip(CLOSERS)[-1:] in _TERMINAL_SET:
        # a lone ASCII full stop after a digit is a decimal point or a list number
        if last == "." and (len(s) < 2 or not _CJK_CHAR.match(s[-2])):
            return False
        return True
    return False


_TERMINAL_SET = frozenset(TERMINAL)


def _ends_terminal_re(s: str) -> bool:
    if _CREDIT_END.search(s):
        return True
    if _TERMINAL_END.search(s):
        # a lone ASCII full stop after a digit is a decimal point or a list number
        if s[-1] == "." and (len(s) < 2 or not _CJK_CHAR.match(s[-2])):
            return False
        return True
    return False


def has_sentence_punct(s: str) -> bool:
    return _SENTENCE_PUNCT.search(s) is not None


def cjk_count(s: str) -> int:
    return len(_CJK_CHAR.findall(s))


@dataclass(slots=True)
class LineFacts:
    """Measurements of one source line (1-based ``n``)."""

    n: int
    lo: int  # start of content in the raw line
    hi: int  # end of content
    text: str  # raw[lo:hi]
    lead: int  # leading whitespace characters
    width: int  # display columns of text
    em: float  # typeset width in ems
    blank_before: int  # blank lines directly before this one (0 = the previous line has text)
    terminal: bool  # ends a sentence
    trail: bool = False  # whitespace after the content (some extractions mark paragraph ends so)


def measure(lines) -> tuple[list[LineFacts], list[int]]:
    """LineFacts for every non-blank line, and for every line index the index into that
    list (-1 for blank lines)."""
    facts: list[LineFacts] = []
    where: list[int] = [-1] * len(lines)
    append = facts.append
    span = content_span
    terminal = ends_terminal
    blanks = 0
    for i, raw in enumerate(lines):
        if not isinstance(raw, str):
            raw = str(raw)
        # content_span, its fast path inlined
        hi = len(raw.rstrip())
        if not hi:
            blanks += 1  # content_span gives (0, 0)
            continue
        lo = len(raw) - len(raw.lstrip())
        if raw[lo] in _ZW or raw[hi - 1] in _ZW:
            lo, hi = span(raw)
            if lo == hi:
                blanks += 1
                continue
        text = raw[lo:hi]
        where[i] = len(facts)
        # non-ASCII characters count as wide: CJK, full-width punctuation, and the quotes
        # and dashes a Chinese typesetter sets full-width too
        size = len(text)
        wide = size - len(text.encode("ascii", "ignore"))
        spaces = text.count(" ") + text.count("\t")
        narrow = size - wide - spaces
        append(
            LineFacts(
                i + 1,
                lo,
                hi,
                text,
                lo,
                size + wide,
                wide + 0.5 * narrow + 0.25 * spaces,
                blanks,
                terminal(text),
                hi < len(raw),
            )
        )
        blanks = 0
    return facts, where
