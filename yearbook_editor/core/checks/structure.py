"""结构: where the outline the parser built is doubtful, so that an editor looks there first.

Codes and params (every finding is about one 目录 row or one node's title block):

* ``structure.toc_missing`` — a 目录 row whose title names no heading of the body. params
  ``title`` (the row's title without its page number), ``page``.
* ``structure.toc_unlisted`` — a 类目 or 分目 heading of the body that no 目录 row names (only
  when the volume has a 目录 of at least five rows). params ``title``, ``kind``.
* ``structure.empty`` — a heading (类目, 分目, 子目, document, section) with nothing under it: no
  text, no entry, no lower heading. params ``title``, ``kind``.
* ``structure.shape`` — a heading that does not read like one: a person's name (``张 淼``), a
  roster line (``副镇长 张某 李某``), a fragment of a sentence (ends in ``的``/``和``, starts with a
  particle, a bracket left open), a table caption or cell (``表1 …``, cells, a bare figure), a
  date. params ``title``, ``kind``, ``shape`` (``name`` | ``roster`` | ``fragment`` | ``cell`` |
  ``date``).
* ``structure.uneven`` — a 类目 with far more or far fewer entries than its peers (less than an
  eighth or more than six times the middle count of the volume's 类目 with entries). params
  ``title``, ``entries``, ``median``, ``problem`` (``few`` | ``many``).

The 编辑说明's list of 类目 against the body is ``consistency.category`` (:mod:`.consistency`).
"""

from __future__ import annotations

import re
from statistics import median

from ..parse.outline import CANONICAL_PARTS, not_a_heading, toc_key
from .base import BlockRow, CheckContext, Finding, NodeRow, trim

_HEADING_KINDS = ("category", "division", "subdivision", "document", "section")
_KIND_CN = {"category": "类目", "division": "分目", "subdivision": "子目", "document": "文献", "section": "节"}
_PAGE_TAIL = re.compile(r"(?:\t+|[.…·．]{2,}|[\s\u3000]+)?\s*(\d{1,4})$")
_FRAGMENT_END = set("的或把被了着、，,；;：")
_FRAGMENT_START = set("的了着而且并及、，。；：）)》」』”")
# a date standing as a heading; a month alone ('3 月') is a 大事记 month heading, not a date
_DATE = re.compile(
    r"^[（(]?\s*(?:19|20)\d\d\s*年\s*(?:\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*[）)]?$"
    r"|^[（(]?\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[）)]?$"
)
_FIGURE = re.compile(r"^[-+±]?\d+(?:\.\d+)?\s*[%‰％]?$")
_OPEN_CLOSE = (("（", "）"), ("(", ")"), ("《", "》"), ("“", "”"), ("【", "】"))


def heading_shape(title: str) -> str:
    """Why a heading's title does not look like a heading ('' when it does): ``name``,
    ``roster``, ``fragment``, ``cell`` or ``date``."""
    t = title.strip()
    c = re.sub(r"\s", "", t)
    if not c:
        return "fragment"
    why = not_a_heading(t)
    if why:
        return {"caption": "cell", "cells": "cell"}.get(why, why)
    if _DATE.match(t):
        return "date"
    if _FIGURE.match(c):
        return "cell"
    if c[-1] in _FRAGMENT_END or c[0] in _FRAGMENT_START or len(c) == 1:
        return "fragment"
    if any(c.count(a) != c.count(b) for a, b in _OPEN_CLOSE):
        return "fragment"
    return ""


def _title_blocks(ctx: CheckContext) -> dict[int, BlockRow]:
    return {n.id: ctx.by_id[n.title_block_id] for n in ctx.nodes.values() if n.title_block_id in ctx.by_id}


def _node_finding(ctx: CheckContext, code: str, n: NodeRow, b: BlockRow, message: str, **params) -> Finding:
    f = ctx.finding(code, b, 0, len(b.text), message, params={"title": n.title, "kind": n.kind, **params})
    f.node_id = n.id
    f.key = n.title
    return f


def toc_findings(ctx: CheckContext) -> list[Finding]:
    rows: list[BlockRow] = []
    last = -1
    for i, b in enumerate(ctx.blocks):
        if b.kind == "row" and b.role in ("toc", "toc_part"):
            if rows and i - last > 12:
                break  # the 目录 is one run of rows; a later 'name<TAB>figure' is a table's
            rows.append(b)
            last = i
    if len(rows) < 3:
        return []
    heads = [n for n in ctx.nodes.values() if n.kind in _HEADING_KINDS and n.title_block_id is not None]
    keys = {toc_key(n.title): n for n in heads}
    out: list[Finding] = []
    listed: set[str] = set()
    for b in rows:
        m = _PAGE_TAIL.search(b.text.strip())
        title = _PAGE_TAIL.sub("", b.text.strip()).strip()
        key = toc_key(title)
        if not key:
            continue
        listed.add(key)
        if key in keys or any(len(key) >= 4 and (key in k or k in key) and len(k) >= 4 for k in keys):
            continue
        out.append(ctx.finding(
            "structure.toc_missing", b, 0, len(b.text),
            f"目录中的“{trim(title)}”在正文中没有对应的标题，请核对目录或正文的标题。",
            params={"title": title, "page": int(m.group(1)) if m and b.role == "toc" else None}, key=title))
    if len(rows) < 5:
        return out
    for n in heads:
        if n.kind not in ("category", "division") or toc_key(n.title) in listed:
            continue
        k = toc_key(n.title)
        if any(len(k) >= 4 and len(x) >= 4 and (k in x or x in k) for x in listed):
            continue
        b = ctx.by_id.get(n.title_block_id)
        if b is not None:
            out.append(_node_finding(
                ctx, "structure.toc_unlisted", n, b,
                f"正文{_KIND_CN[n.kind]}“{trim(n.title)}”在目录中没有列出，请核对它是否为{_KIND_CN[n.kind]}。"))
    return out


def node_findings(ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    has_child = {n.parent_id for n in ctx.nodes.values() if n.parent_id is not None}
    body = {b.node_id for b in ctx.blocks if b.id not in _title_ids(ctx) and b.text.strip()}
    for n in ctx.nodes.values():
        if n.kind not in _HEADING_KINDS or n.title_block_id not in ctx.by_id:
            continue
        b = ctx.by_id[n.title_block_id]
        label = _KIND_CN[n.kind]
        shape = heading_shape(n.title) if n.kind != "document" else ""
        if shape:
            what = {"name": "人名", "roster": "名单中的一行", "fragment": "半句话", "cell": "表格中的文字",
                    "date": "日期"}[shape]
            out.append(_node_finding(ctx, "structure.shape", n, b,
                                     f"{label}“{trim(n.title)}”看起来像{what}，不像标题，请核对。", shape=shape))
        elif n.id not in has_child and n.id not in body and b.kind == "heading":
            out.append(_node_finding(ctx, "structure.empty", n, b,
                                     f"{label}“{trim(n.title)}”下面没有任何内容，请核对它是否为标题。"))
    return out


def _title_ids(ctx: CheckContext) -> set[int]:
    ids = ctx.__dict__.get("_structure_title_ids")
    if ids is None:
        ids = {n.title_block_id for n in ctx.nodes.values() if n.title_block_id is not None}
        ctx.__dict__["_structure_title_ids"] = ids
    return ids


def uneven_findings(ctx: CheckContext) -> list[Finding]:
    cats = [n for n in ctx.nodes.values() if n.kind == "category" and n.depth == 1]
    if len(cats) < 4:
        return []
    top: dict[int, int] = {}
    for n in ctx.nodes.values():  # pre-order: a parent's top is known before its children
        top[n.id] = n.id if n.parent_id is None else top.get(n.parent_id, n.id)
    entries: dict[int, int] = {c.id: 0 for c in cats}
    for n in ctx.nodes.values():
        if n.kind == "entry" and top.get(n.id) in entries:
            entries[top[n.id]] += 1
    documents = {n.parent_id for n in ctx.nodes.values() if n.kind == "document"}
    cats = [c for c in cats if c.id not in documents and toc_key(c.title) not in CANONICAL_PARTS]
    counted = [v for c in cats if (v := entries[c.id])]
    if len(counted) < 4:
        return []
    mid = median(counted)
    out: list[Finding] = []
    for c in cats:
        v = entries[c.id]
        if c.title_block_id not in ctx.by_id:
            continue
        problem = "few" if mid >= 16 and 0 < v and v * 8 < mid else "many" if v >= 50 and v > 6 * mid else ""
        if not problem:
            continue
        b = ctx.by_id[c.title_block_id]
        msg = (f"类目“{trim(c.title)}”只有 {v} 个条目，远少于其他类目（中位数 {mid:g} 个），请核对它是否为类目。"
               if problem == "few" else
               f"类目“{trim(c.title)}”有 {v} 个条目，远多于其他类目（中位数 {mid:g} 个），可能漏认了后面的类目，请核对。")
        out.append(_node_finding(ctx, "structure.uneven", c, b, msg, entries=v, median=mid, problem=problem))
    return out


def check_structure(ctx: CheckContext) -> list[Finding]:
    return toc_findings(ctx) + node_findings(ctx) + uneven_findings(ctx)


#: short Chinese reasons, for marks beside the outline
DOUBT_LABELS = {
    "structure.toc_missing": "目录有而正文无",
    "structure.toc_unlisted": "目录未列",
    "structure.empty": "无内容",
    "structure.uneven": "条目数悬殊",
    "shape.name": "像人名",
    "shape.roster": "像名单",
    "shape.fragment": "像半句",
    "shape.cell": "像表格",
    "shape.date": "像日期",
}


def doubt_label(f: Finding) -> str:
    if f.code == "structure.shape":
        return DOUBT_LABELS.get(f"shape.{f.params.get('shape')}", "不像标题")
    return DOUBT_LABELS.get(f.code, f.code)

