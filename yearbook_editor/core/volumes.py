"""Volumes in the store: import (read → parse → store in one transaction), list, find.

The stored form of a volume: the untouched source, its blocks with the source runs each
came from, and its outline nodes with their line spans.
"""

from __future__ import annotations

import getpass
import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import VolumeNotFound
from .model import BlockKind, ParseResult, title_from_block_text
from .parse import PARSER_VERSION, parse_text
from .progress import NO_PROGRESS, Progress
from .reading import SourceText, read_source
from .seal import seal_volume
from .store import Store, now_iso
from .text import strip_ws


def default_author() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name available (some service accounts)
        return "editor"


@dataclass(frozen=True)
class ImportResult:
    volume_id: int
    title: str
    created: bool  # False: the same text was already in the store
    blocks: int = 0
    nodes: int = 0


def import_file(store: Store, path: str | Path, *, author: str | None = None, progress: Progress = NO_PROGRESS):
    source = read_source(path)
    return import_source(store, source, source_path=str(Path(path).resolve()), author=author, progress=progress)


def find_by_hash(store: Store, sha256: str) -> dict | None:
    rows = store.query("SELECT id, title FROM volumes WHERE sha256 = ?", (sha256,))
    return rows[0] if rows else None


def import_source(
    store: Store,
    source: SourceText,
    *,
    source_path: str = "",
    author: str | None = None,
    title: str | None = None,
    progress: Progress = NO_PROGRESS,
) -> ImportResult:
    """Parse and store a volume; a text already in the store is not stored again."""
    existing = find_by_hash(store, source.sha256)
    if existing:
        return ImportResult(existing["id"], existing["title"], created=False)
    lines = source.lines
    result = parse_text(lines, progress=progress.part(0.0, 0.85))
    progress(850, 1000, "写入资料库")
    volume_title = title or result.title or Path(source.name).stem or "未命名卷册"
    with store.write() as conn:
        # checked again inside the transaction: another process may have imported it meanwhile
        row = conn.execute("SELECT id, title FROM volumes WHERE sha256 = ?", (source.sha256,)).fetchone()
        if row:
            return ImportResult(row[0], row[1], created=False)
        cur = conn.execute(
            "INSERT INTO volumes (title, source_name, source_path, sha256, encoding, newline, line_count,"
            " char_count, parser_version, profile, imported_at, imported_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                volume_title,
                source.name,
                source_path,
                source.sha256,
                source.encoding,
                source.newline,
                len(lines),
                len(strip_ws(source.text)),
                PARSER_VERSION,
                json.dumps(result.profile, ensure_ascii=False),
                now_iso(),
                author or default_author(),
            ),
        )
        volume_id = cur.lastrowid
        conn.execute(
            "INSERT INTO sources (volume_id, raw, text) VALUES (?, ?, ?)",
            (volume_id, zlib.compress(source.raw, 6), source.text),
        )
        _insert_parse(conn, volume_id, lines, result)
        seal_volume(conn, volume_id)
    progress(1000, 1000, "完成")
    return ImportResult(volume_id, volume_title, created=True, blocks=len(result.blocks), nodes=len(result.nodes))


def _json_ints(values) -> str:
    """json.dumps(list(values)) for a sequence of ints, built directly (the same string)."""
    if not values:
        return "[]"
    if all(type(v) is int for v in values):
        return "[" + ", ".join(map(str, values)) + "]"
    return json.dumps(list(values))


def _json_pieces(pieces) -> str:
    """json.dumps([[p.line, p.start, p.end] for p in pieces]), built directly (the same string)."""
    parts = []
    for p in pieces:
        line, start, end = p.line, p.start, p.end
        if type(line) is not int or type(start) is not int or type(end) is not int:
            return json.dumps([[q.line, q.start, q.end] for q in pieces])
        parts.append(f"[{line}, {start}, {end}]")
    return "[" + ", ".join(parts) + "]"


def _insert_parse(conn, volume_id: int, lines: Sequence[str], result: ParseResult) -> None:
    blocks, nodes = result.blocks, result.nodes
    nb = len(blocks)
    block_base = (conn.execute("SELECT max(id) FROM blocks").fetchone()[0] or 0) + 1
    node_base = (conn.execute("SELECT max(id) FROM nodes").fetchone()[0] or 0) + 1
    # the deepest node covering each block (nodes are in pre-order, so later ones are deeper)
    owner: list[int | None] = [None] * nb
    for n, node in enumerate(nodes):
        lo, hi = node.first_block, min(node.end_block, nb)
        if lo >= 0:
            if hi > lo:
                owner[lo:hi] = [n] * (hi - lo)
        else:
            for b in range(lo, hi):
                owner[b] = n
    block_rows = []
    starts, ends = [], []
    noise = BlockKind.NOISE
    for i, b in enumerate(blocks):
        pieces = b.pieces
        if pieces:
            line_nos = [p.line for p in pieces]
            start, end = min(line_nos), max(line_nos)
        else:
            start, end = 0, 0
        starts.append(start)
        ends.append(end)
        kind = str(b.kind)
        o = owner[i]
        block_rows.append(
            (
                block_base + i,
                volume_id,
                None if o is None else node_base + o,
                float(i),
                kind,
                kind,
                b.role,
                b.level,
                # the parser's text is the join of the block's source runs
                # (text.block_text_from_pieces; a test holds it to that), so the original
                # can always be rebuilt from the source alone
                b.text,
                _json_pieces(pieces),
                start,
                end,
                int(b.uncertain),
                _json_ints(b.soft_joins),
            )
        )
    # blocks that give a node its line span: with pieces, and not noise where there are others
    has_pieces = [bool(b.pieces) for b in blocks]
    is_body = [h and b.kind != noise for h, b in zip(has_pieces, blocks, strict=False)]
    node_rows = []
    depths: list[int] = []
    for n, node in enumerate(nodes):
        depths.append(1 if node.parent is None else depths[node.parent] + 1)
        lo, hi = node.first_block, min(node.end_block, nb)
        span = [i for i in range(lo, hi) if is_body[i]] or [i for i in range(lo, hi) if has_pieces[i]]
        line_start = min((starts[i] for i in span), default=0)
        line_end = max((ends[i] for i in span), default=0)
        kind = str(node.kind)
        node_rows.append(
            (
                node_base + n,
                volume_id,
                None if node.parent is None else node_base + node.parent,
                n,
                depths[n],
                kind,
                kind,
                title_from_block_text(node.kind, node.title),
                None if node.title_block is None else block_base + node.title_block,
                block_base + (node.title_block if node.title_block is not None else min(node.first_block, nb - 1)),
                line_start,
                line_end,
                int(node.uncertain),
            )
        )
    conn.executemany(
        "INSERT INTO nodes (id, volume_id, parent_id, seq, depth, kind, orig_kind, title, title_block_id,"
        " anchor_block_id, line_start, line_end, uncertain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        node_rows,
    )
    conn.executemany(
        "INSERT INTO blocks (id, volume_id, node_id, seq, kind, orig_kind, role, level, text, pieces,"
        " line_start, line_end, uncertain, soft_joins) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        block_rows,
    )


def list_volumes(store: Store) -> list[dict]:
    return store.query(
        "SELECT v.id, v.title, v.source_name, v.line_count, v.char_count, v.imported_at,"
        " (SELECT count(*) FROM nodes n WHERE n.volume_id = v.id AND n.kind = 'entry') AS entries,"
        " (SELECT count(*) FROM revisions r WHERE r.volume_id = v.id) AS revisions"
        " FROM volumes v ORDER BY v.id"
    )


def resolve_volume(store: Store, ref: str | int) -> dict:
    """A volume by id, or by a unique prefix of its title (or of its file name)."""
    ref_s = str(ref).strip()
    if ref_s.isdigit():
        rows = store.query("SELECT * FROM volumes WHERE id = ?", (int(ref_s),))
        if rows:
            return rows[0]
    rows = store.query("SELECT * FROM volumes ORDER BY id")
    for key in ("title", "source_name"):
        exact = [r for r in rows if r[key] == ref_s]
        if len(exact) == 1:
            return exact[0]
        hits = [r for r in rows if ref_s and r[key].startswith(ref_s)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise VolumeNotFound(ref_s, [f"{r['id']} {r['title']}" for r in hits])
    raise VolumeNotFound(ref_s)


def source_text(store: Store, volume_id: int) -> str:
    return store.scalar("SELECT text FROM sources WHERE volume_id = ?", (volume_id,)) or ""


def source_bytes(store: Store, volume_id: int) -> bytes:
    raw = store.scalar("SELECT raw FROM sources WHERE volume_id = ?", (volume_id,))
    return zlib.decompress(raw) if raw is not None else b""
