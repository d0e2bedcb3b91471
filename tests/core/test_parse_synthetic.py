"""Synthetic volumes in the extraction styles the shared files do not show (seeds README), made by
re-laying the paragraphs of a hand-made answer key, so the right output is known exactly.

The source is ``tests/data/layout_gold/000_L25865-26640.gold.txt`` (街道办事处: headings, ·…· markers,
【…】 entries, credits). Each generator lays those paragraphs out in one style and adds the style's
furniture; the whole text goes through the one ``parse_text`` path and its export is scored with the
shared scorer against the same paragraphs (F1 >= 0.95, nothing left of the furniture, nothing lost).

Styles:
* ``para``: one paragraph per line, a blank line between; paragraphs split at column and page ends,
  with ``— 2 — ★`` footers and a running header at page ends;
* ``page``: the printed lines of a page on consecutive lines, a blank line between fragments
  (paragraphs, or a paragraph's part on one page), page numbers and blank lines padding page ends;
* ``toc_tab`` / ``toc_dots``: the volume starts with a 目录 whose rows end in a TAB and a page number,
  or in dot leaders and a page number; the body is in the ``para`` style;
* ``ascii``: ``[…]`` ASCII-bracket entry titles and letter-spaced headings, in the ``page`` style.
"""

from __future__ import annotations

import random
import re

import pytest

from yearbook_editor.core.export.text import corrected_lines
from yearbook_editor.core.model import BlockKind
from yearbook_editor.core.parse import parse_text
from yearbook_editor.core.text import lossless_problems

from ..conftest import DATA
from .test_parse_gold import score

SOURCE = DATA / "layout_gold" / "000_L25865-26640.gold.txt"
TITLE = "某某区年鉴（2021）"
_TERMINAL = "。！？；：”）)"


def _paragraphs() -> list[str]:
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    return [x.strip() for x in lines if x.strip() and not x.startswith("#")]


def _is_heading(p: str) -> bool:
    return len(p) <= 16 and not p.startswith(("【", "(", "（")) and p[-1] not in _TERMINAL


def _em(s: str) -> float:
    return sum(1.0 if ord(c) > 127 else (0.25 if c == " " else 0.5) for c in s)


def _cut_ok(text: str, k: int) -> bool:
    """A cut inside a paragraph: not right after a sentence end (in a paragraph-per-line text that
    cannot be told from a paragraph end, whoever reads it), not inside a 【…】 title."""
    if k <= 0 or k >= len(text) - 1 or text[k - 1] in _TERMINAL or text[k] == " ":
        return False
    head = text[:k]
    return head.count("【") == head.count("】") and head.count("[") == head.count("]")


class _Out:
    """Source lines plus the furniture put in (line number, kind, text) for the noise sidecar."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.noise: list[tuple[int, str, str]] = []

    def add(self, text: str = "") -> None:
        self.lines.append(text)

    def furniture(self, text: str, kind: str) -> None:
        self.lines.append(text)
        self.noise.append((len(self.lines), kind, text))


def lay_para(paras: list[str], out: _Out, rng: random.Random, page0: int = 1) -> None:
    """One paragraph per line, split at column ends (every ~520 characters) and page ends (every
    second column), with a footer and the running header at each page end."""
    col = 520
    used = 0
    page = page0
    column = 0
    for p in paras:
        rest = p
        while used + len(rest) > col and not _is_heading(rest):
            k = col - used
            while k < len(rest) and not _cut_ok(rest, k):
                k += 1
            if k >= len(rest) - 1:
                break
            out.add(rest[:k])
            out.add()
            rest = rest[k:]
            used = 0
            column += 1
            if column % 2 == 0:
                out.add()
                out.furniture(f"— {page} — ★", "pagenum")
                out.add()
                page += 1
                out.furniture(TITLE if page % 2 else "街道办事处", "header")
                out.add()
        out.add(rest)
        out.add()
        used += len(rest) + rng.randint(0, 40)


def _wrap(p: str, width: float) -> list[str]:
    out, cur, w = [], "", 0.0
    for c in p:
        cw = _em(c)
        if w + cw > width and cur:
            out.append(cur)
            cur, w = "", 0.0
        cur += c
        w += cw
    if cur:
        out.append(cur)
    return out


def lay_page(paras: list[str], out: _Out, width: float = 26.0, per_page: int = 34) -> None:
    """Printed lines of a page on consecutive lines; a blank line between fragments; at a page end
    the page number, then blank lines padding the rest of the page; the running header on top."""
    n = 0
    page = 1
    for p in paras:
        if n:
            out.add()
        for line in _wrap(p, width):
            if n >= per_page:
                out.add()
                out.furniture(f"- {page} -", "pagenum")
                for _ in range(4):
                    out.add()
                page += 1
                out.furniture(TITLE if page % 2 else "街 道 办 事 处", "header")
                out.add()
                n = 0
            out.add(line)
            n += 1


def _headings(paras: list[str]) -> list[str]:
    return [p for p in paras if _is_heading(p) and not p.startswith("·")]


def make(style: str, seed: int = 7) -> tuple[list[str], list[tuple[int, str, str]], list[str]]:
    """(source lines, noise lines, expected paragraphs in reading order)."""
    rng = random.Random(seed)
    paras = _paragraphs()
    out = _Out()
    expect = list(paras)
    if style in ("toc_tab", "toc_dots"):
        out.add(TITLE)
        out.add()
        out.add("目  录")
        out.add()
        for k, h in enumerate(_headings(paras)):
            indent = "" if h == paras[0] else "　　"
            if style == "toc_tab":
                out.add(f"{indent}{h}\t{300 + 7 * k}")
            else:
                out.add(f"{indent}{h}{'…' * (18 - len(h))}{300 + 7 * k}")
            out.add()
        lay_para(paras, out, rng)
    elif style == "para":
        lay_para(paras, out, rng)
    elif style == "page":
        lay_page(paras, out)
    elif style == "ascii":
        spaced = {h: " ".join(h) for h in _headings(paras)[:1]}  # the 类目 heading, letter-spaced
        expect = [spaced.get(p, re.sub(r"【([^【】]{1,30})】", r"[\1]", p)) for p in paras]
        lay_page(expect, out)
    else:  # pragma: no cover
        raise ValueError(style)
    return out.lines, out.noise, expect


def _score(tmp_path, lines, noise, expect) -> dict:
    res = parse_text(lines)
    assert not res.profile.get("fallback"), res.profile
    assert lossless_problems(lines, res.blocks) == []
    export = tmp_path / "export.txt"
    export.write_text("\n".join(corrected_lines((b.kind.value, b.text) for b in res.blocks)) + "\n", encoding="utf-8")
    gold = tmp_path / "synthetic.gold.txt"
    gold.write_text(f"# source: synthetic lines 1-{len(lines)}\n" + "\n".join(expect) + "\n", encoding="utf-8")
    rows = "".join(f"{n}\t{kind}\t{text}\n" for n, kind, text in noise)
    (tmp_path / "synthetic.noise.txt").write_text(f"# content_lines: 1-{len(lines)}\n" + rows, encoding="utf-8")
    s = score(gold, export)
    s["res"] = res
    return s


@pytest.mark.parametrize("style", ["para", "page", "toc_tab", "toc_dots", "ascii"])
def test_synthetic_volume_scores(style, tmp_path):
    if not SOURCE.exists():
        pytest.skip("answer key missing")
    lines, noise, expect = make(style)
    assert noise  # the generator did put furniture in
    s = _score(tmp_path, lines, noise, expect)
    assert s["f1"] >= 0.95 and s["noise_left"] == 0 and s["lost"] == 0, s["report"][-3000:]


def test_synthetic_styles_are_told_apart_by_the_profile():
    if not SOURCE.exists():
        pytest.skip("answer key missing")
    assert parse_text(make("para")[0]).profile["style"] == "paragraph"
    page = parse_text(make("page")[0]).profile
    assert page["style"] == "wrapped" and page["blank_pattern"] in ("none", "mixed")


@pytest.mark.parametrize("style", ["toc_tab", "toc_dots"])
def test_synthetic_toc_rows_stay_rows(style):
    if not SOURCE.exists():
        pytest.skip("answer key missing")
    lines, _, expect = make(style)
    res = parse_text(lines)
    rows = [b for b in res.blocks if b.kind == BlockKind.ROW and b.role == "toc"]
    assert len(rows) == len(_headings(expect))
