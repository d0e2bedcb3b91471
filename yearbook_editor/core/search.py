"""Full-text search over every volume in the store.

Queries of three or more characters use the trigram index (``block_fts``) of the volumes
indexed so far; one- and two-character queries, and volumes not indexed yet, are matched
by scanning the text. The query is always passed to SQLite as a bound parameter (and, for
the index, quoted as one FTS5 string), so any text — ``C-919``, ``"``, ``%``, ``'); --`` —
is searched for literally.
"""

from __future__ import annotations

import time
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

    def snippet(self, width: int = 30) -> tuple[str, str, str]:
        """(before, match, after) in at most ``width`` characters with the match in the middle: as
        many characters before it as after (where the block starts or ends first, the other side
        takes what is left), an ellipsis inside the width where the text is cut, line breaks
        shown as spaces. A match longer than the width keeps its start. For a list column:
        ask for as many characters as the column shows and draw them without eliding."""
        text = self.text.replace("\n", " ")
        s, e = self.start, self.end
        width = max(width, 3)
        if e - s >= width:
            return "", text[s : s + width - 1] + "…", ""
        room = width - (e - s)
        a = s - room // 2
        b = e + room - room // 2
        if a < 0:
            b, a = min(len(text), b - a), 0
        if b > len(text):
            a, b = max(0, a - (b - len(text))), len(text)
        before, after = text[a:s], text[e:b]
        if a > 0:
            before = "…" + before[1:]
        if b < len(text):
            after = after[:-1] + "…"
        return before, text[s:e], after


@dataclass
class SearchResult:
    query: str
    hits: list[Hit] = field(default_factory=list)
    more: bool = False  # more hits exist after this page


def fts_available(store: Store) -> bool:
    return bool(store.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'block_fts'"))


def is_indexed(store: Store, volume_id: int) -> bool:
    return bool(store.scalar("SELECT 1 FROM search_indexed WHERE volume_id = ?", (volume_id,)))


#: blocks indexed per transaction: an edit made meanwhile waits for one piece (about 60 ms on a
#: large volume), not for the whole volume (1 s)
INDEX_PIECE = 500


def ensure_search_index(store: Store, volume_id: int, progress: Progress = NO_PROGRESS, pause: float = 0.0) -> bool:
    """Index a volume's text for search (once; later edits keep it up to date by trigger).
    Returns False where SQLite cannot build the index (search then scans the text).

    The index is built in pieces of :data:`INDEX_PIECE` blocks, one short transaction each, so
    the editor's edits go on between them. Until the last piece the triggers do not run for this
    volume; each piece first brings up to date the blocks indexed before whose text an edit has
    changed since (the revision's old text is what the index holds for it). ``pause``: seconds
    between two pieces, for a build in the background of the app: a writer that found the store
    busy retries after SQLite's growing waits (up to 0.1 s), and without a pause the next piece
    would take the store first every time (an edit waited 1.6 s)."""
    if not fts_available(store):
        return False
    if is_indexed(store, volume_id):
        return True
    if store.read_only:  # nothing can be written: search scans this volume's text instead
        return False
    total = store.scalar("SELECT count(*) FROM blocks WHERE volume_id = ?", (volume_id,)) or 1
    done_upto, done, seen_rev = 0, 0, store.scalar("SELECT max(id) FROM revisions") or 0
    while True:
        progress(min(done, total), total, "建立检索索引")
        with store.write() as conn:
            if conn.execute("SELECT 1 FROM search_indexed WHERE volume_id = ?", (volume_id,)).fetchone():
                break  # another window indexed it meanwhile
            seen_rev = _follow_edits(conn, volume_id, done_upto, seen_rev)
            ids = conn.execute("SELECT id FROM blocks WHERE volume_id = ? AND id > ? ORDER BY id LIMIT ?",
                               (volume_id, done_upto, INDEX_PIECE)).fetchall()
            if not ids:
                conn.execute("INSERT INTO search_indexed (volume_id, indexed_at) VALUES (?, ?)", (volume_id, now_iso()))
                break
            conn.execute("INSERT INTO block_fts (rowid, text) SELECT id, text FROM blocks"
                         " WHERE volume_id = ? AND id > ? AND id <= ?", (volume_id, done_upto, ids[-1][0]))
            done_upto, done = ids[-1][0], done + len(ids)
        if pause:
            time.sleep(pause)
    progress(1, 1, "完成")
    return True


def _follow_edits(conn, volume_id: int, upto: int, seen_rev: int) -> int:
    """Re-index the blocks up to ``upto`` (indexed by an earlier piece) whose text changed in
    revisions after ``seen_rev``; returns the newest revision id now."""
    newest = conn.execute("SELECT max(id) FROM revisions").fetchone()[0] or 0
    if upto and newest > seen_rev:
        first_old: dict[int, str] = {}
        for block_id, old in conn.execute(
            "SELECT r.target_id, r.old_value FROM revisions r JOIN blocks b ON b.id = r.target_id"
            " WHERE r.id > ? AND r.id <= ? AND r.target = 'block' AND r.field = 'text' AND b.volume_id = ?"
            " AND r.target_id <= ? ORDER BY r.id",
            (seen_rev, newest, volume_id, upto),
        ):
            first_old.setdefault(block_id, old)  # what the index holds: the text before the first of them
        for block_id, old in first_old.items():
            conn.execute("INSERT INTO block_fts (block_fts, rowid, text) VALUES ('delete', ?, ?)", (block_id, old))
            conn.execute("INSERT INTO block_fts (rowid, text) SELECT id, text FROM blocks WHERE id = ?", (block_id,))
    return newest


class TextCache:
    """The texts of each volume's blocks joined into one string, kept in memory for queries
    of one or two characters: the trigram index cannot serve them, and ``str.find`` over a
    volume takes a millisecond where SQLite's scan of every row takes tens. A volume's entry
    is rebuilt when its revisions or blocks change (the newest revision id and the block
    count are its version). One cache per open store (the app's session keeps one)."""

    def __init__(self):
        self._volumes: dict[int, tuple[tuple[int, int], list[int], list[int], str, str | None]] = {}

    def _entry(self, store: Store, volume_id: int):
        version = tuple(store.conn.execute(
            "SELECT (SELECT coalesce(max(id), 0) FROM revisions WHERE volume_id = ?),"
            " (SELECT count(*) FROM blocks WHERE volume_id = ?)", (volume_id, volume_id)).fetchone())
        entry = self._volumes.get(volume_id)
        if entry is None or entry[0] != version:
            ids, starts, parts, pos = [], [], [], 0
            for bid, text in store.conn.execute(
                "SELECT id, text FROM blocks WHERE volume_id = ? AND deleted = 0 ORDER BY seq", (volume_id,)
            ):
                ids.append(bid)
                starts.append(pos)
                parts.append(text)
                pos += len(text) + 1
            entry = (version, ids, starts, "\x00".join(parts), None)
            self._volumes[volume_id] = entry
        return entry

    def block_ids(self, store: Store, volume_id: int, query: str, fold_case: bool):
        """Ids of the volume's blocks containing ``query``, in reading order (lazily)."""
        import bisect

        version, ids, starts, text, lower = self._entry(store, volume_id)
        if fold_case:
            if lower is None:
                lower = text.lower()
                self._volumes[volume_id] = (version, ids, starts, text, lower)
            text, query = lower, query.lower()
        pos, last = text.find(query), -1
        while pos >= 0:
            k = bisect.bisect_right(starts, pos) - 1
            if k != last:
                yield ids[k]
                last = k
            pos = text.find(query, starts[k + 1] if k + 1 < len(starts) else len(text))


def _cached_rows(store: Store, q: str, cache: TextCache, select: str, filters_sql: str, params: list,
                 volume_ids: tuple[int, ...], wanted: int) -> list[dict]:
    """Rows of the blocks holding ``q`` (found in memory), filtered in SQL, in reading order."""
    fold = any(c.isascii() and c.isalpha() for c in q)
    vids = list(volume_ids) or [r["id"] for r in store.query("SELECT id FROM volumes ORDER BY id")]
    rows: list[dict] = []
    for vid in vids:
        batch: list[int] = []

        def flush() -> None:
            if batch:
                found = store.query(f"{select} WHERE {filters_sql} AND b.id IN ({','.join('?' * len(batch))})",
                                    [*params, *batch])
                by_id = {r["id"]: r for r in found}
                rows.extend(by_id[i] for i in batch if i in by_id)
                batch.clear()

        for bid in cache.block_ids(store, vid, q, fold):
            batch.append(bid)
            if len(batch) >= 200:
                flush()
                if len(rows) >= wanted:
                    return rows[:wanted]
        flush()
        if len(rows) >= wanted:
            return rows[:wanted]
    return rows


def _fts_phrase(query: str) -> str:
    return '"' + query.replace('"', '""') + '"'


def search(store: Store, query: str, filters: SearchFilter = SearchFilter(), *, limit: int = 50,
           offset: int = 0, cache: TextCache | None = None) -> SearchResult:
    """One page of hits, in volume and reading order. With a :class:`TextCache`, queries of
    one or two characters are found in memory instead of by scanning every row."""
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
    if len(q) < 3 and cache is not None:
        rows = _cached_rows(store, q, cache, select, filters_sql, params, filters.volume_ids, limit + 1 + offset)
        rows = rows[offset:]
    elif len(q) >= 3 and fts_available(store):
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
    if len(q) >= 3 or cache is None:
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
