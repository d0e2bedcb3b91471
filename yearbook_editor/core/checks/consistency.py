"""Figures and names that do not agree with each other or with the volume.

Codes and params:

* ``consistency.year`` — a year that does not fit the volume: a 2020 yearbook describes 2019, yet
  an entry starts ``2018 年，…`` or a figure is given for ``2017 年出生率``. params ``year``,
  ``expected`` (the year the volume describes), ``what`` (``entry`` or the statistic).
* ``consistency.sum`` — parts after 其中 that do not add up to the total before it: a little more
  than the total (up to 25 % more: far more means overlapping groups such as 女党员、农村党员), or a
  list closed by 其他… that is not equal to it; a list whose first parts reach the total exactly is
  fine (more figures follow). params ``total``, ``parts`` (list of
  [label, value]), ``sum``, ``unit``.
* ``consistency.density`` — a population density that is not population / area stated in the same
  paragraph. params ``density``, ``area``, ``populations`` (the stated figures), ``expected``.
* ``consistency.figure`` — the same named figure of the whole area (``全区常住人口``) given two
  values. params ``label``, ``value``, ``unit``, ``other_value``, ``other_line``.
* ``consistency.category`` — the 编辑说明's list of 类目 against the body's 类目 headings: a listed
  name with no heading, a name that differs (``军事·政法`` / ``军事·法治``; suggestion = the body's
  name), a heading not listed, or a count that differs. params ``listed``, ``heading``, ``count``,
  ``problem`` (missing / differs / unlisted / count).
"""

from __future__ import annotations

import re

from .base import HAN, CheckContext, Finding

NUM = r"\d+(?:\.\d+)?"
_STAT = (r"(?:人口)?(?:出生率|死亡率|自然增长率)|出生|常住人口|户籍人口|总人口|地区生产总值|生产总值|GDP|"
         r"财政收入|一般公共预算收入|社会消费品零售总额|固定资产投资|城镇化率|人均可支配收入")
_YEAR_STAT = re.compile(rf"(?<![\d.])((?:19|20)\d\d)[ \u3000]*年(?:末|底|全年|度)?[，,]?[ \u3000]*(?:全[区市县镇]|辖区)?({_STAT})")
_ENTRY_YEAR = re.compile(r"^[ \u3000]*((?:19|20)\d\d)[ \u3000]*年[，,]")
_COMPARE_BEFORE = re.compile(r"(?:比|较|与|同|至|到|自|从|于|截至|截止|—|-|~|～|、|和|及|以来|上年)[ \u3000]*$")

_UNITS = "人|户|个|家|名|所|件|项|次|元|万元|亿元|万人|吨|亩|辆|座|株|头|只"
_PART = re.compile(rf"^[ \u3000]*(?:其中|另有)?[，,：:]?[ \u3000]*([{HAN}A-Za-z（）()]{{1,14}}?)[ \u3000]*(?:为|有|约|共)?[ \u3000]*({NUM})[ \u3000]*(万|亿)?({_UNITS})$")
_TOTAL_BEFORE_QIZHONG = re.compile(rf"({NUM})[ \u3000]*(万|亿)?({_UNITS})(?=[，,]?[ \u3000]*其中[，,：:]?)")

_DENSITY = re.compile(rf"人口密度(?:为|达)?[ \u3000]*(?:每平方(?:千米|公里)[ \u3000]*({NUM})[ \u3000]*人|({NUM})[ \u3000]*人[/／每]平方(?:千米|公里))")
_AREA = re.compile(rf"面积(?:约|为|达)?[ \u3000]*约?[ \u3000]*({NUM})[ \u3000]*(?:平方千米|平方公里)")
_POP = re.compile(rf"(总人口|常住人口数?|户籍人口|共有|人口)(?:为|达|约)?[ \u3000]*({NUM})[ \u3000]*(万)?人")

_FIGURE = re.compile(
    rf"(全区|全市|全县|全旗)(?:年末)?(常住人口|户籍人口|总人口|地区生产总值|一般公共预算收入|社会消费品零售总额|"
    rf"固定资产投资)(?:为|达|达到|共|约|完成)?[ \u3000]*({NUM})[ \u3000]*(万人|人|亿元|万元)"
)
_NOT_ANNUAL = re.compile(r"上半年|季度|预计|1[-—～~]\d+月|截至|截止|目标|力争|计划|以上|以下|左右")
_MULT = {"": 1, "万": 10_000, "亿": 100_000_000}


def _num(s: str) -> float:
    return float(s)


def years(ctx: CheckContext) -> list[Finding]:
    d = ctx.described_year
    if not d:
        return []
    out = []
    entry_first: set[int] = set()
    seen_nodes: set[int] = set()
    for b in ctx.blocks:
        if b.node_id is not None and b.node_id not in seen_nodes and b.kind == "paragraph":
            n = ctx.nodes.get(b.node_id)
            if n is not None and n.kind == "entry":
                seen_nodes.add(b.node_id)
                entry_first.add(b.id)
    for b in ctx.blocks:
        if b.kind != "paragraph" or ctx.in_document(b.node_id):
            continue
        if b.id in entry_first:
            m = _ENTRY_YEAR.match(b.text)
            if m and int(m.group(1)) < d:
                y = int(m.group(1))
                out.append(ctx.finding("consistency.year", b, m.start(1), m.end(1),
                                       f"本卷记述 {d} 年，此条目却以“{y} 年”开头：数据是否过时？",
                                       params={"year": y, "expected": d, "what": "entry"}, key=f"entry:{y}"))
                continue
        for m in _YEAR_STAT.finditer(b.text):
            y = int(m.group(1))
            if y >= d or y < d - 30:
                continue
            if _COMPARE_BEFORE.search(b.text[max(0, m.start() - 4) : m.start()]):
                continue
            if b.text[: m.start()].strip() and b.text[: m.start()].rstrip()[-1] not in "。；！】":
                continue  # only a sentence that starts with the year gives that year's figures
            if re.search(r"普查|历史|建[国区]|成立|始建", b.text[max(0, m.start() - 16) : m.start()]):
                continue
            out.append(ctx.finding("consistency.year", b, m.start(1), m.end(1),
                                   f"本卷记述 {d} 年，此处却给出 {y} 年的{m.group(2)}：是否应为 {d} 年的数据？",
                                   params={"year": y, "expected": d, "what": m.group(2)}, key=m.group(0)))
    return out


def _split_clauses(s: str) -> list[str]:
    return [c for c in re.split(r"[，、；,;]", s)]


def sums(ctx: CheckContext) -> list[Finding]:
    out = []
    for b in ctx.blocks:
        if b.kind != "paragraph":
            continue
        text = b.text
        for m in _TOTAL_BEFORE_QIZHONG.finditer(text):
            total = _num(m.group(1)) * _MULT[m.group(2) or ""]
            unit = m.group(3)
            q = text.find("其中", m.end())
            stop = text.find("。", q)
            semi = text.find("；", q)
            if 0 < semi < stop or stop < 0 < semi:
                stop = semi
            seg = text[q + 2 : stop if stop > 0 else len(text)]
            parts = []
            for clause in _split_clauses(seg)[:14]:
                if not clause.strip() or re.match(r"^[ \u3000]*(?:占|约占|比|同比|增长|下降|较|分别)", clause):
                    continue
                pm = _PART.match(clause)
                if not pm:
                    break  # something else follows: the list of parts has ended
                if pm.group(4) != unit:
                    break
                parts.append((pm.group(1), _num(pm.group(2)) * _MULT[pm.group(3) or ""]))
            if len(parts) < 2:
                continue
            s = sum(v for _, v in parts)
            running, prefix_ok = 0.0, False
            for _, v in parts:
                running += v
                if abs(running - total) <= max(1e-6, total * 1e-6):
                    prefix_ok = True  # the parts end where the total is reached; more figures follow
            if prefix_ok:
                continue
            closed = any(lab.startswith("其他") or lab.startswith("其余") for lab, _ in parts)
            tol = max(1e-6, total * 1e-6)
            if total + tol < s <= 1.25 * total or (closed and abs(s - total) > max(tol, 0.0051 * _MULT[m.group(2) or ""])):
                fmt = _fmt
                out.append(ctx.finding(
                    "consistency.sum", b, m.start(1), m.end(3),
                    f"分项之和 {fmt(s)} {unit} 与总数 {fmt(total)} {unit} 不符"
                    f"（{'、'.join(f'{lab} {fmt(v)}' for lab, v in parts)}）。",
                    params={"total": total, "parts": [[lab, v] for lab, v in parts], "sum": s, "unit": unit},
                    key=text[m.start() : m.end() + 8]))
    return out


def _fmt(v: float) -> str:
    return f"{v:.0f}" if abs(v - round(v)) < 1e-9 else f"{v:.2f}".rstrip("0").rstrip(".")


def densities(ctx: CheckContext) -> list[Finding]:
    out = []
    for b in ctx.blocks:
        if b.kind != "paragraph" or "密度" not in b.text:
            continue
        for m in _DENSITY.finditer(b.text):
            dens = _num(m.group(1) or m.group(2))
            areas = [a for a in _AREA.finditer(b.text[: m.start()])]
            if not areas:
                continue
            area = _num(areas[-1].group(1))
            decimals = len(areas[-1].group(1).partition(".")[2])
            slack = 0.5 * 10 ** -decimals  # the area is rounded to its last digit
            pops = [(p.group(1), _num(p.group(2)) * (10_000 if p.group(3) else 1)) for p in _POP.finditer(b.text)]
            pops = [(lab, v) for lab, v in pops if v > 0]
            if not pops or area <= 0:
                continue
            ok = any(v / (area + slack) - 1 <= dens <= v / max(area - slack, 1e-9) + 1 for _, v in pops)
            if ok:
                continue
            expected = {lab: round(v / area, 1) for lab, v in pops}
            exp_text = "；".join(f"按{lab} {_fmt(v)} 人计为 {expected[lab]:.0f}" for lab, v in pops[:3])
            out.append(ctx.finding(
                "consistency.density", b, m.start(), m.end(),
                f"人口密度 {_fmt(dens)} 人/平方千米与人口、面积（{_fmt(area)} 平方千米）不符：{exp_text}。",
                params={"density": dens, "area": area, "populations": [[lab, v] for lab, v in pops],
                        "expected": expected}, key=m.group(0)))
    return out


def figures(ctx: CheckContext) -> list[Finding]:
    first: dict[tuple[str, str], tuple[float, int]] = {}
    out = []
    for b in ctx.blocks:
        if b.kind != "paragraph" or ctx.in_document(b.node_id):
            continue
        for m in _FIGURE.finditer(b.text):
            sentence_start = max(b.text.rfind("。", 0, m.start()), b.text.rfind("；", 0, m.start())) + 1
            sentence = b.text[sentence_start : m.end() + 10]
            if _NOT_ANNUAL.search(sentence) or (re.search(r"(?:19|20)\d\d", b.text[sentence_start : m.start()]) and \
                    ctx.described_year and str(ctx.described_year) not in b.text[sentence_start : m.start()]):
                continue
            label, unit = m.group(2), m.group(4)
            value = _num(m.group(3)) * (10_000 if unit in ("万人", "万元") else 1)
            base_unit = "人" if "人" in unit else "元"
            key = (label, base_unit)
            if key not in first:
                first[key] = (value, b.line_start)
                continue
            v0, line0 = first[key]
            if abs(value - v0) <= 0.005 * max(v0, value):
                continue
            out.append(ctx.finding(
                "consistency.figure", b, m.start(3), m.end(4),
                f"{m.group(1)}{label}在此为 {m.group(3)} {unit}，第 {line0} 行为 {_fmt(v0)} {base_unit}：前后不一。",
                params={"label": m.group(1) + label, "value": value, "unit": base_unit, "other_value": v0,
                        "other_line": line0}, key=m.group(0)))
    return out


def _norm_name(s: str) -> str:
    return re.sub(r"[\s\u3000·•・]", "", s)


def categories(ctx: CheckContext) -> list[Finding]:
    from rapidfuzz import fuzz

    listing = None
    for b in ctx.blocks[:120]:
        m = re.search(r"设(?:有)?([^。]{4,400}?)(?:等)?[ \u3000]*(\d+)[ \u3000]*个类目", b.text)
        if m:
            listing = (b, m)
            break
    if listing is None:
        return []
    b, m = listing
    raw = m.group(1)
    names = [(x.group(0).strip(), m.start(1) + x.start()) for x in re.finditer(r"[^、，和及]+", raw)]
    names = [(n, pos) for n, pos in names if n]
    count = int(m.group(2))
    heads = [n for n in ctx.nodes.values() if n.kind == "category" and n.depth == 1]
    out = []
    used: set[int] = set()
    j = 0
    for name, pos in names:
        best, best_score = None, 0.0
        for k in range(len(heads)):
            if k in used:
                continue
            score = fuzz.ratio(_norm_name(name), _norm_name(heads[k].title))
            if _norm_name(name) in _norm_name(heads[k].title) or _norm_name(heads[k].title) in _norm_name(name):
                score = max(score, 90)
            score -= 2 * max(0, abs(k - j) - 2)  # the lists run in the same order
            if score > best_score:
                best, best_score = k, score
        if best is not None and best_score >= 50:
            used.add(best)
            j = best + 1
            head = heads[best]
            if _norm_name(name) != _norm_name(head.title):
                out.append(ctx.finding(
                    "consistency.category", b, pos, pos + len(name),
                    f"编辑说明中的类目“{name}”与正文类目标题“{head.title}”不一致。",
                    params={"listed": name, "heading": head.title, "problem": "differs"},
                    suggestion=_norm_name(head.title) if " " in head.title else head.title, key=f"differs:{name}"))
        else:
            out.append(ctx.finding("consistency.category", b, pos, pos + len(name),
                                   f"编辑说明列出的类目“{name}”在正文中找不到对应的类目标题。",
                                   params={"listed": name, "heading": None, "problem": "missing"},
                                   key=f"missing:{name}"))
    for k, head in enumerate(heads):
        if k in used:
            continue
        tb = ctx.by_id.get(head.title_block_id)
        if tb is None:
            continue
        out.append(ctx.finding("consistency.category", tb, 0, len(tb.text),
                               f"正文类目“{head.title}”未列入编辑说明的类目名单。",
                               params={"listed": None, "heading": head.title, "problem": "unlisted"},
                               key=f"unlisted:{head.title}"))
    if count != len(names) or count != len(heads):
        out.append(ctx.finding("consistency.category", b, m.start(2), m.end(2),
                               f"编辑说明称 {count} 个类目，名单列出 {len(names)} 个，正文有 {len(heads)} 个类目标题。",
                               params={"count": count, "listed": len(names), "headings": len(heads), "problem": "count"},
                               key="count"))
    return out


def check_consistency(ctx: CheckContext) -> list[Finding]:
    return years(ctx) + sums(ctx) + densities(ctx) + figures(ctx) + categories(ctx)
