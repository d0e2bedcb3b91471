"""Notes editors left in the text.

Codes and params:

* ``note.editorial`` — a bracketed note to a colleague: ``（合适？）``, ``（以上均为 2019 年数据？请核实）``,
  ``（补充资料）``, ``（待定）``. params ``note`` (the text inside). suggestion: ``""`` (delete it).
* ``note.question`` — a question in body text outside quotes, speeches and documents
  (``是否已完成？``): params ``sentence``. No automatic fix.
"""

from __future__ import annotations

import re

from .base import BlockRow, CheckContext, Finding, trim

_NOTE_WORDS = r"请核实|待核实|核实|请核对|待核|待定|待补|待查|补充资料|请补充|需补充|补充|存疑|有误|合适|请确认|待确认|查证|数据来源"
_NOTE = re.compile(rf"[（(][^（）()]{{0,40}}?(?:[？?]|{_NOTE_WORDS})[^（）()]{{0,40}}[）)]")
_MAYBE = re.compile(rf"[？?]|{_NOTE_WORDS}")
_QUESTION = re.compile(r"[^。！？；!?\n]{2,60}[？?]")


def editorial_notes(ctx: CheckContext, b: BlockRow) -> list[Finding]:
    out = []
    for m in _NOTE.finditer(b.text):
        inner = m.group(0)[1:-1].strip()
        if not inner:
            continue
        if b.role == "credit" and not re.search(r"[？?]|请|待|补充|合适|核实", inner):
            continue
        out.append(ctx.finding("note.editorial", b, m.start(), m.end(), f"编者批注“{trim(inner, 24)}”留在了正文里。",
                               params={"note": inner}, suggestion=""))
    return out


def questions(ctx: CheckContext, b: BlockRow, noted: list[Finding]) -> list[Finding]:
    if b.kind != "paragraph" or ("？" not in b.text and "?" not in b.text) or ctx.in_document(b.node_id):
        return []
    out = []
    text = b.text
    for m in _QUESTION.finditer(text):
        q = m.end() - 1
        if any(f.start <= q < f.end for f in noted):
            continue
        before = text[: q]
        if before.count("“") > before.count("”") or before.count("《") > before.count("》"):
            continue  # a quoted question or a title
        if before.count("（") > before.count("）"):
            continue
        out.append(ctx.finding("note.question", b, q, q + 1, f"正文中有问句：“{trim(m.group(0).strip(), 30)}”",
                               params={"sentence": m.group(0).strip()}, key=m.group(0).strip()[-12:]))
    return out


def block_notes(ctx: CheckContext, b: BlockRow) -> list[Finding]:
    """The notes and questions of one block."""
    if b.kind == "row" or not _MAYBE.search(b.text):
        return []
    noted = editorial_notes(ctx, b)
    return noted + questions(ctx, b, noted)


def check_notes(ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for b in ctx.blocks:
        out += block_notes(ctx, b)
    return out
