"""Tags: a hierarchical, grouped vocabulary per store, and tagging nodes as edits.

Groups: ``topic`` (主题), ``workflow`` (工作流程: 待核实, 缺数据, 已联系供稿单位 …), ``index``
(索引词: the terms of the subject index), ``contributor`` (供稿单位/供稿人). The vocabulary
is store-wide (every volume of the store shares it) and can be exported to and imported
from a JSON file. Putting a tag on nodes or taking it off is an edit (``TagNodes``,
``UntagNodes``) with one revision per node (field ``tag:<id>``, 0 → 1 or 1 → 0), undone by
its inverse like every other edit.
"""

from __future__ import annotations

import json
from pathlib import Path

from .edits.tags import TagError, TagNodes, UntagNodes  # noqa: F401 - the tagging edits live with the edits
from .errors import ReadError
from .store import Store

GROUPS = {
    "topic": ("主题", "#4c78a8"),
    "workflow": ("工作流程", "#e45756"),
    "index": ("索引词", "#54a24b"),
    "contributor": ("供稿", "#b279a2"),
}

DEFAULT_VOCABULARY: dict[str, list] = {
    "topic": [
        ("政治", ["党建", "人大", "政府", "政协", "统战", "群团"]),
        ("军事·政法", ["人武", "公安", "检察", "法院", "司法"]),
        ("经济", ["农业", "工业", "商贸", "旅游", "金融", "招商引资", "项目建设"]),
        ("城乡建设", ["规划", "交通", "市政", "住房", "生态环境"]),
        ("社会事业", ["教育", "科技", "文化", "卫生健康", "体育", "民政", "人力资源和社会保障", "扶贫"]),
        ("区情", ["自然地理", "人口民族", "行政区划"]),
    ],
    "workflow": [("待核实", []), ("缺数据", []), ("已联系供稿单位", []), ("待补图片", []), ("需复审", [])],
    "index": [],
    "contributor": [],
}


def ensure_vocabulary(store: Store) -> bool:
    """Put the default vocabulary into a store that has no tags yet. True if it did."""
    if store.scalar("SELECT count(*) FROM tags"):
        return False
    with store.write() as conn:
        for grp, items in DEFAULT_VOCABULARY.items():
            color = GROUPS[grp][1]
            for name, children in items:
                pid = conn.execute("INSERT INTO tags (name, grp, color) VALUES (?, ?, ?)", (name, grp, color)).lastrowid
                for child in children:
                    conn.execute("INSERT INTO tags (name, grp, parent_id, color) VALUES (?, ?, ?, ?)",
                                 (child, grp, pid, color))
    return True


def list_tags(store: Store) -> list[dict]:
    """Every tag with its full path (父/子) and group, in group and name order."""
    rows = store.query("SELECT id, name, grp, parent_id, color FROM tags ORDER BY grp, id")
    by_id = {r["id"]: r for r in rows}
    for r in rows:
        parts, p = [r["name"]], r["parent_id"]
        while p is not None and p in by_id:
            parts.append(by_id[p]["name"])
            p = by_id[p]["parent_id"]
        r["path"] = "/".join(reversed(parts))
    return sorted(rows, key=lambda r: (list(GROUPS).index(r["grp"]) if r["grp"] in GROUPS else 99, r["path"]))


def find_tag(store: Store, ref: str, grp: str | None = None) -> dict | None:
    """A tag by id, by path (``经济/农业``) or by a unique name."""
    tags = list_tags(store)
    if grp:
        tags = [t for t in tags if t["grp"] == grp]
    if str(ref).isdigit():
        hits = [t for t in tags if t["id"] == int(ref)]
    else:
        hits = [t for t in tags if t["path"] == ref] or [t for t in tags if t["name"] == ref]
    if len(hits) > 1:
        raise TagError(f"有 {len(hits)} 个标签名为 “{ref}”，请写出完整路径（如 经济/农业）或标签编号。")
    return hits[0] if hits else None


def create_tag(store: Store, path: str, grp: str = "topic", color: str = "") -> int:
    """Create a tag (and its missing parents) from a path such as ``经济/农业``; returns its id.
    An existing tag is returned as it is."""
    if grp not in GROUPS:
        raise TagError(f"没有标签组 “{grp}”（可用：{'、'.join(GROUPS)}）。")
    parts = [p.strip() for p in path.replace("／", "/").split("/") if p.strip()]
    if not parts:
        raise TagError("标签名不能为空。")
    color = color or GROUPS[grp][1]
    with store.write() as conn:
        parent = None
        for name in parts:
            row = conn.execute("SELECT id FROM tags WHERE grp = ? AND name = ? AND parent_id IS ?",
                               (grp, name, parent)).fetchone()
            parent = row[0] if row else conn.execute(
                "INSERT INTO tags (name, grp, parent_id, color) VALUES (?, ?, ?, ?)", (name, grp, parent, color)
            ).lastrowid
    return parent


def rename_tag(store: Store, tag_id: int, new_name: str) -> None:
    """Rename a tag of the vocabulary (every volume sees the new name; its uses stay)."""
    name = new_name.strip().replace("/", "／")
    if not name:
        raise TagError("标签名不能为空。")
    row = store.query("SELECT grp, parent_id FROM tags WHERE id = ?", (tag_id,))
    if not row:
        raise TagError(f"没有编号为 {tag_id} 的标签。")
    clash = store.scalar("SELECT id FROM tags WHERE grp = ? AND parent_id IS ? AND name = ? AND id != ?",
                         (row[0]["grp"], row[0]["parent_id"], name, tag_id))
    if clash:
        raise TagError(f"同一级已有标签 “{name}”。")
    with store.write() as conn:
        conn.execute("UPDATE tags SET name = ? WHERE id = ?", (name, tag_id))


def tag_counts(store: Store, volume_id: int | None = None) -> dict[int, int]:
    sql = "SELECT nt.tag_id, count(*) AS n FROM node_tags nt JOIN nodes n ON n.id = nt.node_id WHERE n.deleted = 0"
    params: list = []
    if volume_id is not None:
        sql += " AND n.volume_id = ?"
        params.append(volume_id)
    return {r["tag_id"]: r["n"] for r in store.query(sql + " GROUP BY nt.tag_id", params)}


def node_tags(store: Store, node_ids: list[int]) -> dict[int, list[int]]:
    if not node_ids:
        return {}
    out: dict[int, list[int]] = {}
    for r in store.query(f"SELECT node_id, tag_id FROM node_tags WHERE node_id IN ({','.join('?' * len(node_ids))})"
                         " ORDER BY tag_id", node_ids):
        out.setdefault(r["node_id"], []).append(r["tag_id"])
    return out


def nodes_with_tags(store: Store, volume_id: int, tag_ids: list[int], *, all_of: bool = False) -> list[int]:
    """Nodes of a volume carrying any (or all) of the tags."""
    if not tag_ids:
        return []
    marks = ",".join("?" * len(tag_ids))
    sql = (f"SELECT nt.node_id FROM node_tags nt JOIN nodes n ON n.id = nt.node_id WHERE n.volume_id = ?"
           f" AND n.deleted = 0 AND nt.tag_id IN ({marks}) GROUP BY nt.node_id")
    if all_of:
        sql += f" HAVING count(DISTINCT nt.tag_id) = {len(set(tag_ids))}"
    return [r["node_id"] for r in store.query(sql + " ORDER BY n.seq", [volume_id, *tag_ids])]


# -- the vocabulary as a file -------------------------------------------------------------

VOCABULARY_FORMAT = "yearbook_editor.tags"


def export_vocabulary(store: Store, path) -> int:
    from .export._atomic import write_atomic  # the export package is large: loaded only when used

    tags = list_tags(store)
    data = {"format": VOCABULARY_FORMAT, "version": 1,
            "tags": [{"path": t["path"], "group": t["grp"], "color": t["color"]} for t in tags]}
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
    return len(tags)


def import_vocabulary(store: Store, path) -> int:
    """Add the tags of a vocabulary file (existing ones are kept); returns how many were read."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReadError(path, "文件不存在。") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ReadError(path, "不是有效的标签词表文件（JSON）。") from None
    if not isinstance(data, dict) or data.get("format") != VOCABULARY_FORMAT:
        raise ReadError(path, "不是年鉴校对台的标签词表文件。")
    tags = data.get("tags", [])
    for t in sorted(tags, key=lambda t: t["path"].count("/")):
        create_tag(store, t["path"], t.get("group", "topic"), t.get("color", ""))
    return len(tags)
