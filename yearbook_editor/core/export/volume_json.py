"""The whole volume as JSON — structure, source spans, tags, review status, revisions —
and importing such a file back, which reproduces the volume in another store.

The format is documented in docs/volume-json.md. Ids in the file are the exporting
store's; importing gives the rows new ids and maps every reference (parents, anchors,
title blocks, revision targets, the rows recorded in 'created' revisions).
"""

from __future__ import annotations

import base64
import json
import zlib

from ... import __version__
from ..errors import ReadError, YearbookError
from ..progress import NO_PROGRESS, Progress
from ..store import Store, now_iso
from ._guard import volume_snapshot, write_export
from .document import ExportOptions

FORMAT = "yearbook_editor.volume"
FORMAT_VERSION = 1

_VOLUME_FIELDS = ("title", "source_name", "source_path", "sha256", "encoding", "newline", "line_count",
                  "char_count", "parser_version", "profile", "imported_at", "imported_by")
_BLOCK_FIELDS = ("id", "node_id", "seq", "kind", "orig_kind", "role", "level", "text", "pieces", "line_start",
                 "line_end", "uncertain", "soft_joins", "deleted")
_NODE_FIELDS = ("id", "parent_id", "seq", "depth", "kind", "orig_kind", "title", "title_block_id",
                "anchor_block_id", "line_start", "line_end", "uncertain", "status", "deleted")
_REVISION_FIELDS = ("target", "target_id", "field", "old_value", "new_value", "author", "created_at", "reason",
                    "batch")


def volume_dict(store: Store, volume_id: int, progress: Progress = NO_PROGRESS) -> dict:
    vol = store.query(f"SELECT {', '.join(_VOLUME_FIELDS)} FROM volumes WHERE id = ?", (volume_id,))[0]
    vol["profile"] = json.loads(vol["profile"] or "{}")
    raw, text = store.conn.execute("SELECT raw, text FROM sources WHERE volume_id = ?", (volume_id,)).fetchone()
    progress(1, 5, "导出结构")
    blocks = store.query(f"SELECT {', '.join(_BLOCK_FIELDS)} FROM blocks WHERE volume_id = ? ORDER BY seq",
                         (volume_id,))
    for b in blocks:
        b["pieces"] = json.loads(b["pieces"])
        b["soft_joins"] = json.loads(b["soft_joins"])
    nodes = store.query(f"SELECT {', '.join(_NODE_FIELDS)} FROM nodes WHERE volume_id = ? ORDER BY seq, id",
                        (volume_id,))
    tags_of: dict[int, list[int]] = {}
    for r in store.query(
        "SELECT nt.node_id, nt.tag_id FROM node_tags nt JOIN nodes n ON n.id = nt.node_id WHERE n.volume_id = ?",
        (volume_id,),
    ):
        tags_of.setdefault(r["node_id"], []).append(r["tag_id"])
    for n in nodes:
        n["tags"] = sorted(tags_of.get(n["id"], []))
    used = sorted({t for ts in tags_of.values() for t in ts})
    tags = store.query(
        f"SELECT id, name, grp, parent_id, color FROM tags WHERE id IN ({','.join('?' * len(used))})", used
    ) if used else []
    progress(3, 5, "导出修改记录")
    revisions = store.query(f"SELECT {', '.join(_REVISION_FIELDS)} FROM revisions WHERE volume_id = ? ORDER BY id",
                            (volume_id,))
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": now_iso(),
        "exported_by": f"yearbook_editor {__version__}",
        "volume": vol,
        "source": {"text": text, "raw_zlib_base64": base64.b64encode(raw).decode("ascii")},
        "blocks": blocks,
        "nodes": nodes,
        "tags": tags,
        "revisions": revisions,
    }


def export_json(store: Store, volume_id: int, path, *, options: ExportOptions | None = None,
                progress: Progress = NO_PROGRESS) -> int:
    """Write the volume as JSON, read in one snapshot and verified first (so it imports back)."""
    options = options or ExportOptions()
    with volume_snapshot(store, volume_id, [path], options, progress):
        data = volume_dict(store, volume_id, progress)
    progress(5, 5, "写入文件")
    write_export(store, path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"), options)
    return len(data["blocks"])


def _load(path) -> dict:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        raise ReadError(path, "文件不存在。") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ReadError(path, f"不是有效的 JSON 文件（{e}）。") from None
    except RecursionError:
        raise ReadError(path, "JSON 嵌套层数过多，不是年鉴校对台导出的卷册文件。") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ReadError(path, "这不是年鉴校对台导出的卷册 JSON 文件。")
    version = data.get("format_version", 0)
    if not isinstance(version, int):
        raise ReadError(path, "这不是年鉴校对台导出的卷册 JSON 文件（版本号不对）。")
    if version > FORMAT_VERSION:
        raise ReadError(path, "这个 JSON 文件由更新版本的年鉴校对台导出，请升级程序后再导入。")
    problem = _shape_problem(data)
    if problem:
        raise ReadError(path, f"文件内容不完整或已损坏（{problem}），未导入。")
    return data


def _shape_problem(data: dict) -> str | None:
    """What is wrong with a volume JSON's content, in words (None when it is sound)."""
    import hashlib

    vol, source = data.get("volume"), data.get("source")
    if not isinstance(vol, dict) or not isinstance(source, dict):
        return "缺少卷册或原文部分"
    for key, kind in (("title", str), ("sha256", str), ("encoding", str), ("source_name", str)):
        if not isinstance(vol.get(key), kind):
            return f"卷册信息缺少 {key}"
    text, raw = source.get("text"), source.get("raw_zlib_base64")
    if not isinstance(text, str) or not isinstance(raw, str):
        return "缺少原文"
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != vol["sha256"]:
        return "原文与其校验值不符"
    for key in ("blocks", "nodes", "revisions", "tags"):
        if not isinstance(data.get(key, []), list):
            return f"{key} 不是列表"
    lines = text.split("\n")
    block_keys = set(_BLOCK_FIELDS)
    for b in data.get("blocks", []):
        if not isinstance(b, dict) or not block_keys <= b.keys():
            return "文本块信息不完整"
        if not isinstance(b["text"], str) or not isinstance(b["pieces"], list):
            return "文本块信息类型不对"
        for p in b["pieces"]:
            if not (isinstance(p, list) and len(p) == 3 and all(isinstance(x, int) for x in p)):
                return "文本块的来源位置格式不对"
            line, start, end = p
            if not (1 <= line <= len(lines) and 0 <= start <= end <= len(lines[line - 1])):
                return f"文本块的来源位置（第 {line} 行）超出原文"
    node_keys = set(_NODE_FIELDS)
    if any(not isinstance(n, dict) or not node_keys <= n.keys() for n in data.get("nodes", [])):
        return "目录节点信息不完整"
    rev_keys = set(_REVISION_FIELDS)
    if any(not isinstance(r, dict) or not rev_keys <= r.keys() for r in data.get("revisions", [])):
        return "修改记录不完整"
    return None


def import_json(store: Store, path, *, progress: Progress = NO_PROGRESS):
    """Import a volume JSON; returns an ImportResult (created False if the store has it)."""
    from ..volumes import ImportResult

    data = _load(path)
    vol = data["volume"]
    row = store.query("SELECT id, title FROM volumes WHERE sha256 = ?", (vol["sha256"],))
    if row:
        return ImportResult(row[0]["id"], row[0]["title"], created=False)
    try:
        raw = base64.b64decode(data["source"]["raw_zlib_base64"])
        zlib.decompress(raw)
    except Exception:
        raise ReadError(path, "文件中的原始文本已损坏。") from None
    progress(1, 4, "导入结构")
    with store.write() as conn:
        conn.execute("PRAGMA defer_foreign_keys = ON")  # rows refer to each other; checked at commit
        v = dict(vol, profile=json.dumps(vol.get("profile", {}), ensure_ascii=False))
        cur = conn.execute(
            f"INSERT INTO volumes ({', '.join(_VOLUME_FIELDS)}) VALUES ({', '.join('?' * len(_VOLUME_FIELDS))})",
            tuple(v[f] for f in _VOLUME_FIELDS),
        )
        vid = cur.lastrowid
        conn.execute("INSERT INTO sources (volume_id, raw, text) VALUES (?, ?, ?)", (vid, raw, data["source"]["text"]))
        block_base = conn.execute("SELECT coalesce(max(id), 0) FROM blocks").fetchone()[0] + 1
        node_base = conn.execute("SELECT coalesce(max(id), 0) FROM nodes").fetchone()[0] + 1
        bmap = {b["id"]: block_base + i for i, b in enumerate(data["blocks"])}
        nmap = {n["id"]: node_base + i for i, n in enumerate(data["nodes"])}
        # a block or node made by an edit after the export's last one is unknown: refuse
        try:
            conn.executemany(
                f"INSERT INTO nodes (volume_id, {', '.join(_NODE_FIELDS)}) VALUES (?, {', '.join('?' * len(_NODE_FIELDS))})",
                [
                    (vid, nmap[n["id"]], nmap.get(n["parent_id"]), n["seq"], n["depth"], n["kind"], n["orig_kind"],
                     n["title"], bmap.get(n["title_block_id"]), bmap.get(n["anchor_block_id"]), n["line_start"],
                     n["line_end"], n["uncertain"], n["status"], n["deleted"])
                    for n in data["nodes"]
                ],
            )
            conn.executemany(
                f"INSERT INTO blocks (volume_id, {', '.join(_BLOCK_FIELDS)}) VALUES (?, {', '.join('?' * len(_BLOCK_FIELDS))})",
                [
                    (vid, bmap[b["id"]], nmap.get(b["node_id"]), b["seq"], b["kind"], b["orig_kind"], b["role"],
                     b["level"], b["text"], json.dumps(b["pieces"]), b["line_start"], b["line_end"], b["uncertain"],
                     json.dumps(b["soft_joins"]), b["deleted"])
                    for b in data["blocks"]
                ],
            )
            progress(2, 4, "导入标签")
            tmap = _import_tags(conn, data.get("tags", []))
            conn.executemany(
                "INSERT OR IGNORE INTO node_tags (node_id, tag_id) VALUES (?, ?)",
                [(nmap[n["id"]], tmap[t]) for n in data["nodes"] for t in n.get("tags", []) if t in tmap],
            )
            progress(3, 4, "导入修改记录")
            conn.executemany(
                f"INSERT INTO revisions (volume_id, {', '.join(_REVISION_FIELDS)}) VALUES (?, {', '.join('?' * len(_REVISION_FIELDS))})",
                [_mapped_revision(vid, r, bmap, nmap) for r in data["revisions"]],
            )
        except KeyError as e:
            raise YearbookError(f"JSON 文件内容不完整（缺少 {e}），未导入。") from None
    return ImportResult(vid, vol["title"], created=True, blocks=len(data["blocks"]), nodes=len(data["nodes"]))


def _import_tags(conn, tags: list[dict]) -> dict[int, int]:
    """Tags by (group, parent, name): reused when the store has them, added when not."""
    tmap: dict[int, int] = {}
    pending = list(tags)
    while pending:
        progressed = False
        for t in list(pending):
            if t["parent_id"] is not None and t["parent_id"] not in tmap:
                continue
            parent = tmap.get(t["parent_id"])
            row = conn.execute(
                "SELECT id FROM tags WHERE grp = ? AND name = ? AND parent_id IS ?", (t["grp"], t["name"], parent)
            ).fetchone()
            if row is None:
                row = (conn.execute("INSERT INTO tags (name, grp, parent_id, color) VALUES (?, ?, ?, ?)",
                                    (t["name"], t["grp"], parent, t.get("color", ""))).lastrowid,)
            tmap[t["id"]] = row[0]
            pending.remove(t)
            progressed = True
        if not progressed:  # a parent missing from the file: keep the tags at the top
            for t in pending:
                t["parent_id"] = None
    return tmap


def _mapped_revision(vid: int, r: dict, bmap: dict, nmap: dict) -> tuple:
    ids = bmap if r["target"] == "block" else nmap
    old, new = r["old_value"], r["new_value"]
    if r["field"] in ("anchor_block_id", "title_block_id"):
        old, new = bmap.get(old, old), bmap.get(new, new)
    if r["field"] == "created" and new:
        row = json.loads(new)
        row["id"] = ids[row["id"]]
        row["volume_id"] = vid
        for key, table in (("node_id", nmap), ("parent_id", nmap), ("title_block_id", bmap),
                           ("anchor_block_id", bmap)):
            if row.get(key) is not None:
                row[key] = table.get(row[key], row[key])
        new = json.dumps(row, ensure_ascii=False)
    return (vid, r["target"], ids.get(r["target_id"], r["target_id"]), r["field"], old, new, r["author"],
            r["created_at"], r["reason"], r["batch"])
