"""Full-text search over every volume in the store.

Queries of three or more characters use the trigram index (``block_fts``) of the volumes
indexed so far; one- and two-character queries, and volumes not indexed yet, are matched
by scanning the text. The query is always passed to SQLite as a bound parameter (and, for
the index, quoted as one FTS5 string), so any text — ``C-919``, ``"``, ``%``, ``'); --`` —
is searched for literally.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import BlockKind
from .progress import NO_PROGRESS, Progress
from .store import Store, now_iso


@dataclass(frozen=True)
class SearchFilter:
    volume_ids: tuple[int, ...] = ()
    tag_ids: tuple[int, ...] = ()  # nodes carrying any of these tags (or under such a node)
    node_kinds: tuple[str, ...] = ()  # e.g. ('entry',)
    statuses: tuple[str, ...] = ()  # review statuses
    block_kinds: tuple[str, ...] = ()  # default: everything but furniture


@dataclass(frozen=True)
class Hit:
    volume_id: int
    volume_title: str
    node_id: int | None
    node_title: str
    block_id: int
    block_kind: str
    line_start: int
    text: str  # the block's text
    start: int  # the first match in ``text``
    end: int

    def context(self, width: int = 24) -> tuple[str, str, str]:
        """(before, match, after) around the first match, for result lists."""
        a = max(0, self.start - width)
        b = min(len(self.text), self.end + width)
        return (("…" if a else "") + self.text[a : self.start], self.text[self.start : self.end],
                self.text[self.end : b] + ("…" if b < len(self.text) else ""))


@dataclass
class SearchResult:
    query: str
    hits: list[Hit] = field(default_factory=list)
    more: bool = False  # more hits exist after this page


def fts_available(store: Store) -> bool:
    return bool(store.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'block_fts'"))


def is_indexed(store: Store, volume_id: int) -> bool:
    return bool(store.scalar("SELECT 1 FROM search_indexed WHERE volume_id = ?", (volume_id,)))


def ensure_search_index(store: Store, volume_id: int, progress: Progress = NO_PROGRESS) -> bool:
    """Index a volume's text for search (once; later edits keep it up to date by trigger).
    Returns False where SQLite cannot build the index (search then scans the text)."""
    if not fts_available(store):
        return False
    if is_indexed(store, volume_id):
        return True
    progress(0, 1, "建立检索索引")
    with store.write() as conn:
        if not conn.execute("SELECT 1 FROM search_indexed WHERE volume_id = ?", (volume_id,)).fetchone():
            conn.execute("INSERT INTO block_fts (rowid, text) SELECT id, text FROM blocks WHERE volume_id = ?",
                         (volume_id,))
            conn.execute("INSERT INTO search_indexed (volume_id, indexed_at) VALUES (?, ?)", (volume_id, now_iso()))
    progress(1, 1, "完成")
    return True


def _fts_phrase(query: str) -> str:
    return '"' + query.replace('"', '""') + '"'


def search(store: Store, query: str, filters: SearchFilter = SearchFilter(), *, limit: int = 50,
           offset: int = 0) -> SearchResult:
    """One page of hits, in volume and reading order."""
    result = SearchResult(query=query)
    q = query.strip()
    if not q:
        return result
    where = ["b.deleted = 0", "n.deleted IS NOT 1"]
    params: list = []
    kinds = filters.block_kinds or tuple(k.value for k in BlockKind if k != BlockKind.NOISE)
    where.append(f"b.kind IN ({','.join('?' * len(kinds))})")
    params += list(kinds)
    if filters.volume_ids:
        where.append(f"b.volume_id IN ({','.join('?' * len(filters.volume_ids))})")
        params += list(filters.volume_ids)
    if filters.node_kinds:
        where.append(f"n.kind IN ({','.join('?' * len(filters.node_kinds))})")
        params += list(filters.node_kinds)
    if filters.statuses:
        where.append(f"n.status IN ({','.join('?' * len(filters.statuses))})")
        params += list(filters.statuses)
    if filters.tag_ids:
        marks = ",".join("?" * len(filters.tag_ids))
        where.append(
            "b.node_id IN (WITH RECURSIVE sub(id) AS ("
            f" SELECT node_id FROM node_tags WHERE tag_id IN ({marks})"
            " UNION SELECT c.id FROM nodes c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub)"
        )
        params += list(filters.tag_ids)
    scan = "instr(lower(b.text), lower(?)) > 0" if q.isascii() or any(c.isalpha() and c.isascii() for c in q) \
        else "instr(b.text, ?) > 0"
    select = (
        "SELECT b.id, b.volume_id, v.title AS volume_title, b.node_id, coalesce(n.title, '') AS node_title,"
        " b.kind, b.line_start, b.text, b.seq FROM blocks b JOIN volumes v ON v.id = b.volume_id"
        " LEFT JOIN nodes n ON n.id = b.node_id"
    )
    filters_sql = " AND ".join(where)
    if len(q) >= 3 and fts_available(store):
        # indexed volumes through the index (a look-up), the others by scanning
        sql = (
            f"SELECT * FROM ({select} JOIN block_fts f ON f.rowid = b.id WHERE block_fts MATCH ? AND {filters_sql}"
            " AND b.volume_id IN (SELECT volume_id FROM search_indexed)"
            f" UNION ALL {select} WHERE b.volume_id NOT IN (SELECT volume_id FROM search_indexed)"
            f" AND {filters_sql} AND {scan}) ORDER BY volume_id, seq LIMIT ? OFFSET ?"
        )
        args = [_fts_phrase(q), *params, *params, q, limit + 1, offset]
    else:
        sql = f"{select} WHERE {filters_sql} AND {scan} ORDER BY b.volume_id, b.seq LIMIT ? OFFSET ?"
        args = [*params, q, limit + 1, offset]
    rows = store.query(sql, args)
    result.more = len(rows) > limit
    low = q.lower()
    for r in rows[:limit]:
        text = r["text"]
        start = text.find(q)
        if start < 0:
            start = text.lower().find(low)
        start = max(start, 0)
        result.hits.append(Hit(r["volume_id"], r["volume_title"], r["node_id"], r["node_title"], r["id"], r["kind"],
                               r["line_start"], text, start, start + len(q)))
    return result
