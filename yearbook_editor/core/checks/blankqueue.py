"""The blanks queue: what is missing, with a suggested value where the tool can compute one.

* ``blank_queue(store, volume_id) -> list[BlankItem]`` — every blank (``blank.*`` findings) in
  reading order. For the 编辑说明 counts (``全书有 个分目、 个子目、 个条目``, 类目, ``约 万字``) the
  suggested value is computed from the *current* structure (``structure.volume_stats``), so it
  follows later structure edits: call it again after an edit.
* ``blank_groups(store, volume_id) -> list[BlankGroup]`` — related blanks of one passage (the
  ethnic-group figures of 【人口民族】: ``共 人，占总人口的 %。其中，回族 人，藏族 人…``), each with
  its fields (key, label such as 回族/总数/占比, unit, role) and the population stated in the same
  entry (``年末全区常住人口 131.91 万人``).
* ``check_group(group, values) -> list[GroupProblem]`` — the typed values checked: parts add up
  to the total; the share equals total / population; 出生率 − 死亡率 = 自然增长率.
* ``values_elsewhere(store, volume_id, label, unit=None) -> list[dict]`` — the same named figure
  (``回族 … 人``) elsewhere in the volume or in another volume of the same place in the store
  (same place = title up to the year: 兰州市城关区年鉴).

Filling: ``fixes.fill_blank(store, item.finding, value)`` for one blank,
``fixes.fill_group(store, group, values)`` for a group; apply with ``edits.apply_edit``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..store import Store
from ..structure import volume_stats
from .base import Finding, place_of

_COUNT_NOUNS = {"类目": "categories", "分目": "divisions", "子目": "subdivisions", "条目": "entries"}
NUM = r"\d+(?:\.\d+)?"
_POPULATION = re.compile(rf"(常住人口|户籍人口|总人口)(?:为|达|约)?[ \u3000]*({NUM})[ \u3000]*(万)?人")


@dataclass
class BlankItem:
    finding: Finding
    label: str  # what is missing: 分目, 回族, 总数, 占比, 20xx, 作者 …
    unit: str
    suggested: str | None = None  # a value the tool computed
    source: str = ""  # where the suggestion comes from: 'structure'
    group: str | None = None


@dataclass
class GroupField:
    key: str  # unique in the group: the label (回族), or label#2 for a repeat
    label: str
    unit: str
    role: str  # total / part / share / rate / count
    finding: Finding


@dataclass
class BlankGroup:
    id: str
    block_id: int
    node_id: int | None
    title: str  # the entry's title
    fields: list[GroupField] = field(default_factory=list)
    population: float | None = None  # persons, as stated in the same entry
    population_text: str = ""
    description: str = ""

    def get(self, key: str) -> GroupField:
        return next(f for f in self.fields if f.key == key)


@dataclass
class GroupProblem:
    code: str  # group.sum / group.share / group.rate / group.number
    message: str
    params: dict


def _stats_value(st, noun: str, unit: str) -> str | None:
    if unit == "个" and noun in _COUNT_NOUNS:
        return str(getattr(st, _COUNT_NOUNS[noun]))
    if unit == "万字":
        w = st.wan_zi
        return f"{w:.0f}" if w >= 10 else f"{w:.1f}"
    return None


def blank_queue(store: Store, volume_id: int, findings: list[Finding] | None = None) -> list[BlankItem]:
    from .runner import run_checks

    if findings is None:
        findings = run_checks(store, volume_id, codes=["blank"])
    out = []
    stats_cache: dict[tuple[str, str], str | None] = {}
    stats = None
    for f in findings:
        if not f.code.startswith("blank."):
            continue
        p = f.params
        if f.code == "blank.figure":
            label, unit = p.get("label", ""), p.get("unit", "")
            key = (p.get("noun", ""), unit)
            if key not in stats_cache:
                if stats is None and (key[0] in _COUNT_NOUNS or unit == "万字"):
                    stats = volume_stats(store, volume_id)
                stats_cache[key] = _stats_value(stats, *key) if stats is not None else None
            suggested = stats_cache[key]
            out.append(BlankItem(f, label, unit, suggested, "structure" if suggested else "", f.group))
        elif f.code == "blank.placeholder":
            out.append(BlankItem(f, p.get("token", ""), "", None, "", f.group))
        elif f.code == "blank.author":
            out.append(BlankItem(f, "作者", "", None, "", None))
        elif f.code == "blank.unit":
            out.append(BlankItem(f, f"{p.get('label', '')}的单位", "", None, "", None))
        else:
            out.append(BlankItem(f, p.get("title", ""), "", None, "", None))
    return out


def blank_groups(store: Store, volume_id: int, findings: list[Finding] | None = None) -> list[BlankGroup]:
    from .runner import run_checks

    if findings is None:
        findings = run_checks(store, volume_id, codes=["blank"])
    groups: dict[str, BlankGroup] = {}
    for f in findings:
        if f.code != "blank.figure" or not f.group:
            continue
        g = groups.get(f.group)
        if g is None:
            title = store.scalar("SELECT title FROM nodes WHERE id = ?", (f.node_id,)) or ""
            g = groups[f.group] = BlankGroup(f.group, f.block_id, f.node_id, title)
            pop = _population(store, f)
            if pop:
                g.population, g.population_text = pop
        label = f.params.get("label", "")
        key = label
        n = 2
        while any(x.key == key for x in g.fields):
            key = f"{label}#{n}"
            n += 1
        g.fields.append(GroupField(key, label, f.params.get("unit", ""), f.params.get("role", "part"), f))
    for g in groups.values():
        names = "、".join(x.label for x in g.fields)
        where = f"【{g.title}】" if g.title else ""
        g.description = f"{where}一组相关的空白数字：{names}。" + (
            f"同条目给出{g.population_text}。" if g.population_text else "")
    return list(groups.values())


def _population(store: Store, f: Finding) -> tuple[float, str] | None:
    texts = [f.block_text[: f.start]]
    if f.node_id is not None:
        texts += [r[0] for r in store.conn.execute(
            "SELECT text FROM blocks WHERE node_id = ? AND deleted = 0 AND kind = 'paragraph' AND id != ? ORDER BY seq",
            (f.node_id, f.block_id)).fetchall()]
    for t in texts:
        m = _POPULATION.search(t)
        if m:
            v = float(m.group(2)) * (10_000 if m.group(3) else 1)
            return v, m.group(0)
    return None


def _number(v) -> float | None:
    if v is None:
        return None
    if isinstance(v, (int, float)):
        return float(v)
    s = str(v).strip().replace(",", "").replace("，", "").rstrip("%％‰人")
    if not s:
        return None
    try:
        return float(s)
    except ValueError:
        return None


def _decimals(v) -> int:
    s = str(v).strip().rstrip("%％‰")
    return len(s.partition(".")[2])


def check_group(group: BlankGroup, values: dict) -> list[GroupProblem]:
    """Problems with the values typed for a group (``values``: field key → value; empty = not yet
    filled). [] when they agree."""
    problems: list[GroupProblem] = []
    nums: dict[str, float] = {}
    for f in group.fields:
        raw = values.get(f.key)
        if raw is None or str(raw).strip() == "":
            continue
        n = _number(raw)
        if n is None or n < 0:
            problems.append(GroupProblem("group.number", f"“{f.label}”填的“{raw}”不是一个数。",
                                         {"key": f.key, "value": str(raw)}))
            continue
        nums[f.key] = n
    total_f = next((f for f in group.fields if f.role == "total"), None)
    parts = [f for f in group.fields if f.role == "part" and f.unit == (total_f.unit if total_f else f.unit)]
    share_f = next((f for f in group.fields if f.role == "share"), None)
    if total_f is not None and total_f.key in nums and parts:
        given = [(f, nums[f.key]) for f in parts if f.key in nums]
        s = sum(v for _, v in given)
        total = nums[total_f.key]
        complete = len(given) == len(parts)
        if (complete and abs(s - total) > 1e-9) or (not complete and s > total + 1e-9):
            what = "之和" if complete else "已填之和"
            problems.append(GroupProblem(
                "group.sum", f"各分项{what} {s:g} 与总数 {total:g} 不符。",
                {"sum": s, "total": total, "complete": complete, "parts": {f.key: v for f, v in given}}))
    if share_f is not None and share_f.key in nums and total_f is not None and total_f.key in nums and group.population:
        total = nums[total_f.key]
        share = nums[share_f.key]
        scale = 1000 if share_f.unit == "‰" else 100
        expected = total / group.population * scale
        d = _decimals(values.get(share_f.key))
        if abs(expected - share) > 0.5 * 10 ** -d + 1e-9:
            problems.append(GroupProblem(
                "group.share", f"占比 {share:g}{share_f.unit} 与 {total:g} ÷ {group.population:.0f}（{group.population_text}）"
                f" = {expected:.{max(d, 2)}f}{share_f.unit} 不符。",
                {"share": share, "expected": round(expected, 4), "total": total, "population": group.population}))
    rates = {}
    for f in group.fields:
        for name in ("出生率", "死亡率", "自然增长率"):
            if f.label.endswith(name) and f.key in nums:
                rates[name] = (nums[f.key], values.get(f.key))
    if len(rates) == 3:
        b, d_, g = rates["出生率"], rates["死亡率"], rates["自然增长率"]
        dec = max(_decimals(b[1]), _decimals(d_[1]), _decimals(g[1]))
        if abs((b[0] - d_[0]) - g[0]) > 10 ** -dec + 1e-9:
            problems.append(GroupProblem("group.rate", f"出生率 {b[0]:g} − 死亡率 {d_[0]:g} ≠ 自然增长率 {g[0]:g}。",
                                         {"birth": b[0], "death": d_[0], "growth": g[0]}))
    return problems


def same_place_volumes(store: Store, volume_id: int) -> list[dict]:
    title = store.scalar("SELECT title FROM volumes WHERE id = ?", (volume_id,)) or ""
    place = place_of(title)
    return [r for r in store.query("SELECT id, title FROM volumes ORDER BY id") if place_of(r["title"]) == place]


def values_elsewhere(store: Store, volume_id: int, label: str, unit: str | None = None, limit: int = 30) -> list[dict]:
    """The figure named ``label`` (回族, 常住人口 …) wherever a value is given for it, in this volume
    and in the other volumes of the same place (e.g. last year's)."""
    label = label.strip()
    if not label:
        return []
    unit_re = re.escape(unit) if unit else r"万人|万元|亿元|人|户|个|%|‰|％"
    pattern = re.compile(rf"{re.escape(label)}[^，。；、\d\n]{{0,6}}?[ \u3000]*({NUM})[ \u3000]*({unit_re})")
    out = []
    for vol in same_place_volumes(store, volume_id):
        rows = store.conn.execute(
            "SELECT b.id, b.text, b.line_start, n.title FROM blocks b LEFT JOIN nodes n ON n.id = b.node_id"
            " WHERE b.volume_id = ? AND b.deleted = 0 AND b.kind != 'noise' AND instr(b.text, ?) > 0 ORDER BY b.seq",
            (vol["id"], label),
        ).fetchall()
        for block_id, text, line, node_title in rows:
            for m in pattern.finditer(text):
                out.append({
                    "volume_id": vol["id"], "volume_title": vol["title"], "same_volume": vol["id"] == volume_id,
                    "block_id": block_id, "line": line, "node_title": node_title or "",
                    "value": m.group(1), "unit": m.group(2),
                    "context": text[max(0, m.start() - 12) : m.end() + 6],
                })
    out.sort(key=lambda r: (r["same_volume"], r["volume_id"], r["line"]))
    return out[:limit]
