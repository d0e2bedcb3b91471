"""Measure a document before parsing it: how lines wrap, how blank lines are used.

The parser takes every parameter from these figures, never from a file name, so one code path
serves every extraction style:

* ``wrapped``: one printed line per text line (the line ends mid-sentence most of the time);
* ``paragraph``: one paragraph per text line (lines end at sentence ends; a few paragraphs are
  split at column or page ends).

Blank lines are classified as ``alternate`` (a blank between every pair of printed lines),
``separator`` (blank lines between paragraphs), ``none`` (lines of a page on consecutive lines)
or ``mixed``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, fields

from .lines import LineFacts

#: Lines narrower than this share of the wrap width never count as full lines.
_SAMPLE_MIN_SHARE = 0.55
_PROSE_PUNCT = re.compile(r"[，,。；;：:]")
_NARROW = re.compile(r"[!-~]")
# a directory row ends in a person's name: '党委副书记、副局长 王艺璇'
_ENDS_WITH_NAME = re.compile(r"[\s：:][\u4e00-\u9fff]{1,2}\s?[\u4e00-\u9fff]{1,2}(?:[（(][^（）()]{0,20}[）)])?$")
#: _ENDS_WITH_NAME matches at most this many characters (1 + 2 + 1 + 2 + 22): searching the
#: tail of a line finds the same matches as searching the whole line.
_ENDS_WITH_NAME_SPAN = 28
#: Column width (ems) assumed for a text too small to measure.
_SMALL_TEXT_WIDTH = 18.0
#: Samples on each side of a line used for its local wrap width.
_LOCAL_WINDOW = 24


@dataclass
class Profile:
    n_lines: int = 0
    n_text_lines: int = 0
    style: str = "wrapped"  # 'wrapped' | 'paragraph'
    blank_pattern: str = "none"  # 'alternate' | 'separator' | 'none' | 'mixed'
    mid_sentence_share: float = 0.0  # text lines that end mid-sentence
    gap0_share: float = 0.0  # text lines directly after a text line
    gap1_share: float = 0.0  # text lines after exactly one blank line
    gap_run_share: float = 0.0  # text lines after two or more blank lines
    wrap_width_cols: int = 0  # typical full line, display columns
    wrap_width_em: float = 0.0  # typical full line, ems
    width_p90_cols: int = 0
    width_p50_cols: int = 0
    lead_space_share: float = 0.0  # text lines starting with whitespace
    chunk_start_share: float = 0.0  # ... of which directly after a text line (a page/column start)
    tab_share: float = 0.0  # lines containing a TAB
    trail_end_share: float = 0.0  # long lines ending a sentence that carry trailing whitespace
    trail_mid_share: float = 0.0  # long lines cut mid-sentence that carry trailing whitespace
    trail_marks_end: bool = False  # trailing whitespace is a paragraph-end mark in this text
    local_width_em: list[float] = field(default_factory=list, repr=False)  # per text line
    #: per text line: how far (ems) a paragraph's first line is indented in this part of the
    #: text, measured where the contrast is strong; 0 where it is not
    indent_em: list[float] = field(default_factory=list, repr=False)
    indent_share: float = 0.0  # text lines in parts with a measured first-line indent

    def to_dict(self) -> dict:
        d = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("local_width_em", "indent_em")}
        for k, v in list(d.items()):
            if isinstance(v, float):
                d[k] = round(v, 4)
        return d


def _quantile(sorted_vals, q: float):
    if not sorted_vals:
        return 0
    k = min(len(sorted_vals) - 1, max(0, int(q * (len(sorted_vals) - 1) + 0.5)))
    return sorted_vals[k]


def measure_profile(lines, facts: list[LineFacts]) -> Profile:
    p = Profile(n_lines=len(lines), n_text_lines=len(facts))
    n = len(facts)
    if n == 0:
        return p
    tabs = sum(1 for f in facts if "\t" in f.text)
    p.tab_share = tabs / n
    lead = sum(1 for f in facts if f.lead > 0)
    p.lead_space_share = lead / n
    chunk = sum(1 for f in facts[1:] if f.lead > 0 and f.blank_before == 0)
    p.chunk_start_share = chunk / max(1, n - 1)
    g0 = sum(1 for f in facts[1:] if f.blank_before == 0)
    g1 = sum(1 for f in facts[1:] if f.blank_before == 1)
    gr = sum(1 for f in facts[1:] if f.blank_before >= 2)
    m = max(1, n - 1)
    p.gap0_share, p.gap1_share, p.gap_run_share = g0 / m, g1 / m, gr / m

    widths = sorted(f.width for f in facts)
    p.width_p90_cols = _quantile(widths, 0.9)
    p.width_p50_cols = _quantile(widths, 0.5)
    # lines long enough to be wrapped lines of running text
    long_lines = [f for f in facts if f.width >= max(8, 0.5 * p.width_p90_cols)]
    mid = [f for f in long_lines if not f.terminal]
    p.mid_sentence_share = len(mid) / max(1, len(long_lines))
    p.style = "wrapped" if p.mid_sentence_share >= 0.5 else "paragraph"
    ends = [f for f in long_lines if f.terminal]
    if ends and mid:
        p.trail_end_share = sum(1 for f in ends if f.trail) / len(ends)
        p.trail_mid_share = sum(1 for f in mid if f.trail) / len(mid)
        # a cue only where it is frequent at sentence ends and rare inside sentences
        p.trail_marks_end = (
            sum(1 for f in ends if f.trail) >= 20
            and p.trail_end_share >= 0.08
            and p.trail_end_share >= 8 * p.trail_mid_share
        )
    if mid:
        p.wrap_width_cols = _quantile(sorted(f.width for f in mid), 0.5)
        p.wrap_width_em = _quantile(sorted(f.em for f in mid), 0.5)
    else:
        p.wrap_width_cols = p.width_p90_cols
        p.wrap_width_em = _quantile(sorted(f.em for f in facts), 0.9)

    if p.style == "wrapped" and p.gap1_share >= 0.6:
        p.blank_pattern = "alternate"
    elif p.style == "paragraph" and p.gap1_share >= 0.6:
        p.blank_pattern = "separator"
    elif p.gap0_share >= 0.6:
        p.blank_pattern = "none"
    else:
        p.blank_pattern = "mixed"
    p.local_width_em = local_widths(facts, p)
    p.indent_em = local_indents(facts, p)
    if p.indent_em:
        p.indent_share = sum(1 for v in p.indent_em if v > 0) / len(p.indent_em)
    return p


#: First-line samples on each side of a line used to measure the indent.
_INDENT_WINDOW = 15


def local_indents(facts: list[LineFacts], p: Profile) -> list[float]:
    """The first-line indent (ems) around every text line, or 0 where the text shows none.

    Extraction drops the indent's spaces, so an indented first line shows as a line about two
    ems short of the column that still runs on into the next line. Measured per part of the
    text: among the full-looking lines cut mid-sentence, those right after a sentence end
    (most of them a paragraph's first line) against the others (continuation lines). The cue
    holds only where the contrast is strong: most first lines short by the same amount, and
    continuation lines at the column width."""
    n = len(facts)
    out = [0.0] * n
    if n == 0 or p.style != "wrapped" or len(p.local_width_em) != n:
        return out
    widths = p.local_width_em
    first_pos: list[int] = []
    first_d: list[float] = []
    cont_pos: list[int] = []
    cont_full: list[int] = []  # prefix counts of continuation lines at the column width
    for i in range(1, n):
        f, pv = facts[i], facts[i - 1]
        ref = widths[i]
        if f.terminal or f.lead > 0 or f.em < 0.8 * ref or f.em > 1.15 * ref:
            continue
        if f.em < 0.95 * ref and not _PROSE_PUNCT.search(f.text):
            continue
        d = f.em - ref
        if pv.terminal:
            first_pos.append(i)
            first_d.append(d)
        else:
            cont_pos.append(i)
            cont_full.append(1 if d > -0.75 else 0)
    if len(first_d) < 2 * _INDENT_WINDOW or len(cont_pos) < 60:
        return out
    prefix = [0]
    for v in cont_full:
        prefix.append(prefix[-1] + v)
    k = _INDENT_WINDOW
    step = 3
    anchors: list[int] = []
    vals: list[float] = []
    for j in range(0, len(first_d), step):
        a = max(0, j - k)
        b = min(len(first_d), j + k + 1)
        w = sorted(first_d[a:b])
        indented = [x for x in w if x <= -1.25]
        lo_line, hi_line = first_pos[a], first_pos[b - 1]
        ca = bisect.bisect_left(cont_pos, lo_line)
        cb = bisect.bisect_right(cont_pos, hi_line)
        ind = 0.0
        if (
            len(w) >= 2 * k // 2
            and cb - ca >= max(20, len(w))
            and len(indented) >= 0.55 * len(w)
            and (prefix[cb] - prefix[ca]) >= 0.85 * (cb - ca)
        ):
            med = -indented[len(indented) // 2]
            if 1.25 <= med <= 4.5:
                ind = med
        anchors.append(first_pos[j])
        vals.append(ind)
    return _nearest_anchor(anchors, vals, n)


def _nearest_anchor(anchors: list[int], vals: list, n: int) -> list:
    """For every line 0..n-1 the value of its nearest anchor (anchors ascending, not empty;
    a line half-way between two anchors takes the earlier one's value)."""
    out: list = []
    start = 0
    for t in range(len(anchors) - 1):
        # line i goes to anchor t + 1 when anchors[t + 1] - i < i - anchors[t]
        end = min(n, max(start, (anchors[t] + anchors[t + 1]) // 2 + 1))
        if end > start:
            out.extend([vals[t]] * (end - start))
            start = end
    if n > start:
        out.extend([vals[-1]] * (n - start))
    return out


def local_widths(facts: list[LineFacts], p: Profile) -> list[float]:
    """The typical full-line width (ems) around every text line: the median width of the
    nearby lines that end mid-sentence. Columns change width between parts of a volume (a
    two-column part, an A4 appendix), so one global figure is not enough."""
    n = len(facts)
    if n == 0:
        return []
    if p.style != "wrapped":
        # one paragraph per line: line lengths say nothing about wrapping; a line is 'short'
        # against the long lines of the text
        return [max(p.wrap_width_em, 1.0)] * n
    floor = _SAMPLE_MIN_SHARE * p.wrap_width_em if p.style == "wrapped" else 0
    pos: list[int] = []
    vals: list[float] = []
    wide = 0.85 * p.wrap_width_em
    least = max(6.0, floor)
    span = -_ENDS_WITH_NAME_SPAN
    for i, f in enumerate(facts):
        # wrapped prose lines: cut mid-sentence, with punctuation inside (directory and
        # table lines have none) or as wide as the typical column
        if (
            not f.terminal
            and f.em >= least
            and (f.em >= wide or _PROSE_PUNCT.search(f.text))
            and not _ENDS_WITH_NAME.search(f.text[span:])
        ):
            pos.append(i)
            vals.append(f.em)
    if len(vals) < 20:
        # too little running text to measure a column: assume a common one
        return [max(p.wrap_width_em, _SMALL_TEXT_WIDTH)] * n
    # median over a window of samples, computed every few samples
    step = 4
    meds: list[float] = []
    anchors: list[int] = []
    k = _LOCAL_WINDOW
    for j in range(0, len(vals), step):
        a = max(0, j - k)
        b = min(len(vals), j + k + 1)
        w = sorted(vals[a:b])
        med = w[len(w) // 2]
        left = sorted(vals[a : j + 1])
        right = sorted(vals[j:b])
        lm, rm = left[len(left) // 2], right[len(right) // 2]
        if abs(lm - rm) > 0.12 * max(lm, rm):
            # a change of column width (a wide part next to a two-column part): take the
            # side this sample belongs to, not a blend of both (a line wider than the narrow
            # side's column belongs to the wide side)
            wide, narrow = max(lm, rm), min(lm, rm)
            if vals[j] > 1.15 * narrow:
                med = max(med, wide)
        meds.append(med)
        anchors.append(pos[j])
    return _nearest_anchor(anchors, meds, n)
