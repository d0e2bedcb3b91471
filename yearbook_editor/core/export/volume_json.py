"""The whole volume as JSON — structure, source spans, tags, review status, revisions —
and importing such a file back, which reproduces the volume in another store.

The format is documented in docs/volume-json.md. Ids in the file are the exporting
store's; importing gives the rows new ids and maps every reference (parents, anchors,
title blocks, revision targets, the rows recorded in 'created' revisions).
"""

from __future__ import annotations

import base64
import json

from ... import __version__
from ..edits import verify_volume
from ..errors import ReadError
from ..progress import NO_PROGRESS, Progress
from ..seal import seal_volume
from ..store import Store, now_iso
from ..volumes import ImportResult
from ._guard import volume_snapshot, write_export
from ._volume_check import Bad, check_volume_data, read_json
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


def _load(path) -> tuple[dict, bytes]:
    """The file's content, every field checked (see _volume_check), and the compressed raw
    bytes to store. Raises ReadError naming the file, with the reason in one sentence."""
    data = read_json(path)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ReadError(path, "这不是年鉴校对台导出的卷册 JSON 文件。")
    version = data.get("format_version", 0)
    if type(version) is not int or version < 1:
        raise ReadError(path, "这不是年鉴校对台导出的卷册 JSON 文件（版本号不对）。")
    if version > FORMAT_VERSION:
        raise ReadError(path, "这个 JSON 文件由更新版本的年鉴校对台导出，请升级程序后再导入。")
    try:
        compressed = check_volume_data(data)
    except Bad as e:
        raise ReadError(path, f"文件内容不完整或已损坏（{e}），未导入。") from None
    return data, compressed


def import_json(store: Store, path, *, progress: Progress = NO_PROGRESS):
    """Import a volume JSON; returns an ImportResult (created False if the store has it).

    Every field is checked before anything is stored; then, inside the one transaction
    that stores the volume, ``verify_volume`` proves that each block's text is the join of
    its source runs with the revisions replayed and that the revision chain holds. A file
    that fails either is refused with one sentence naming it, and nothing is stored."""

    data, raw = _load(path)
    vol = data["volume"]
    row = store.query("SELECT id, title FROM volumes WHERE sha256 = ?", (vol["sha256"],))
    if row:
        return ImportResult(row[0]["id"], row[0]["title"], created=False)
    progress(1, 4, "导入结构")
    with store.write() as conn:
        # checked again inside the transaction: another process may have imported it meanwhile
        row = conn.execute("SELECT id, title FROM volumes WHERE sha256 = ?", (vol["sha256"],)).fetchone()
        if row:
            return ImportResult(row[0], row[1], created=False)
        conn.execute("PRAGMA defer_foreign_keys = ON")  # rows refer to each other; checked at commit
        v = dict(vol, profile=json.dumps(vol["profile"], ensure_ascii=False))
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
            [(nmap[n["id"]], tmap[t]) for n in data["nodes"] for t in n.get("tags", [])],
        )
        progress(3, 4, "导入修改记录")
        conn.executemany(
            f"INSERT INTO revisions (volume_id, {', '.join(_REVISION_FIELDS)}) VALUES (?, {', '.join('?' * len(_REVISION_FIELDS))})",
            [_mapped_revision(vid, r, bmap, nmap, tmap) for r in data["revisions"]],
        )
        progress(4, 4, "核对")
        problems = verify_volume(store, vid)
        if problems:  # raised inside the transaction: rolled back, nothing stored
            raise ReadError(path, f"文件内容与其原文和修改记录对不上（{_problem_words(problems)}），未导入。")
        seal_volume(conn, vid)
    return ImportResult(vid, vol["title"], created=True, blocks=len(data["blocks"]), nodes=len(data["nodes"]))


def _problem_words(problems: list[str]) -> str:
    """verify_volume's findings, counted in words (its own lines are for developers)."""
    texts = sum(" text differs" in p for p in problems)
    chain = sum("old value does not follow" in p for p in problems)
    other = len(problems) - texts - chain
    parts = [f"{texts} 个文本块的文字与原文加修改记录不符" if texts else "",
             f"{chain} 条修改记录接不上前一条" if chain else "",
             f"另有 {other} 处结构或标签不一致" if other else ""]
    return "，".join(p for p in parts if p)


def _import_tags(conn, tags: list[dict]) -> dict[int, int]:
    """Tags by (group, parent, name): reused when the store has them, added when not."""
    tmap: dict[int, int] = {}
    pending = [dict(t) for t in tags]
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
        if not progressed:  # a parent missing from the file (or a loop): keep the tags at the top
            for t in pending:
                t["parent_id"] = None
    return tmap


def _mapped_revision(vid: int, r: dict, bmap: dict, nmap: dict, tmap: dict) -> tuple:
    ids = bmap if r["target"] == "block" else nmap
    field, old, new = r["field"], r["old_value"], r["new_value"]
    if field in ("anchor_block_id", "title_block_id"):
        old, new = bmap.get(old, old), bmap.get(new, new)
    if field.startswith("tag:") and int(field[4:]) in tmap:  # a tag the volume no longer carries keeps its number
        field = f"tag:{tmap[int(field[4:])]}"
    if field == "created" and new:
        row = json.loads(new)
        row["id"] = ids[row["id"]]
        row["volume_id"] = vid
        for key, table in (("node_id", nmap), ("parent_id", nmap), ("title_block_id", bmap),
                           ("anchor_block_id", bmap)):
            if row.get(key) is not None:
                row[key] = table[row[key]]
        new = json.dumps(row, ensure_ascii=False)
    return (vid, r["target"], ids[r["target_id"]], field, old, new, r["author"],
            r["created_at"], r["reason"], r["batch"])
