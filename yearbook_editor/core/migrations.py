"""Numbered schema migrations of the store. Append-only: never edit a step once released.

The schema version is kept in ``PRAGMA user_version``; step N brings a store from version
N-1 to N. A store whose version is higher than ``len(STEPS)`` was written by a newer
program and is refused before anything is touched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

V1_INITIAL = """
        CREATE TABLE volumes (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            source_name TEXT NOT NULL,
            source_path TEXT NOT NULL DEFAULT '',
            sha256 TEXT NOT NULL UNIQUE,
            encoding TEXT NOT NULL,
            newline TEXT NOT NULL,
            line_count INTEGER NOT NULL,
            char_count INTEGER NOT NULL,
            parser_version INTEGER NOT NULL,
            profile TEXT NOT NULL DEFAULT '{}',
            imported_at TEXT NOT NULL,
            imported_by TEXT NOT NULL DEFAULT ''
        );
        -- The untouched source: the file's bytes (zlib) and its decoded text (LF line endings).
        CREATE TABLE sources (
            volume_id INTEGER PRIMARY KEY REFERENCES volumes(id),
            raw BLOB NOT NULL,
            text TEXT NOT NULL
        );
        -- Outline nodes. The tree is stored as (anchor block, depth): a node starts at its
        -- anchor block (its title block, or its first block when untitled) and its parent is
        -- the nearest earlier node of smaller depth. parent_id, seq (pre-order position),
        -- title and line spans are derived from that after every structural edit.
        CREATE TABLE nodes (
            id INTEGER PRIMARY KEY,
            volume_id INTEGER NOT NULL REFERENCES volumes(id),
            parent_id INTEGER REFERENCES nodes(id),
            seq INTEGER NOT NULL,
            depth INTEGER NOT NULL,
            kind TEXT NOT NULL,
            orig_kind TEXT NOT NULL,
            title TEXT NOT NULL,
            title_block_id INTEGER,
            anchor_block_id INTEGER,
            line_start INTEGER NOT NULL,
            line_end INTEGER NOT NULL,
            uncertain INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'unreviewed',
            deleted INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX nodes_volume_seq ON nodes(volume_id, seq);
        CREATE INDEX nodes_parent ON nodes(parent_id);
        -- Blocks in reading order (seq). pieces = JSON [[line, start, end], ...]: the source
        -- runs the block was made of; its parsed text is the join of those runs, so the
        -- original text is always derivable from the source. A merged-away block is kept
        -- with deleted = 1 (undo brings it back; its history stays).
        CREATE TABLE blocks (
            id INTEGER PRIMARY KEY,
            volume_id INTEGER NOT NULL REFERENCES volumes(id),
            node_id INTEGER REFERENCES nodes(id),
            seq REAL NOT NULL,
            kind TEXT NOT NULL,
            orig_kind TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT '',
            level INTEGER NOT NULL DEFAULT 0,
            text TEXT NOT NULL,
            pieces TEXT NOT NULL,
            line_start INTEGER NOT NULL,
            line_end INTEGER NOT NULL,
            uncertain INTEGER NOT NULL DEFAULT 0,
            soft_joins TEXT NOT NULL DEFAULT '[]',
            deleted INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX blocks_volume_seq ON blocks(volume_id, seq);
        CREATE INDEX blocks_node ON blocks(node_id);
        CREATE INDEX blocks_volume_line ON blocks(volume_id, line_start);
        -- Every change ever made, append-only (enforced by the triggers below).
        CREATE TABLE revisions (
            id INTEGER PRIMARY KEY,
            volume_id INTEGER NOT NULL REFERENCES volumes(id),
            target TEXT NOT NULL CHECK (target IN ('block', 'node', 'volume')),
            target_id INTEGER NOT NULL,
            field TEXT NOT NULL,
            old_value BLOB,  -- BLOB affinity: stored as given (text stays text, numbers stay numbers)
            new_value BLOB,
            author TEXT NOT NULL,
            created_at TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            batch TEXT
        );
        CREATE INDEX revisions_target ON revisions(target, target_id);
        CREATE INDEX revisions_volume ON revisions(volume_id, id);
        CREATE TRIGGER revisions_append_only_update BEFORE UPDATE ON revisions
            BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
        CREATE TRIGGER revisions_append_only_delete BEFORE DELETE ON revisions
            BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
        -- Tags (a vocabulary per store, hierarchical, grouped) and their use on nodes.
        CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            grp TEXT NOT NULL DEFAULT 'topic',
            parent_id INTEGER REFERENCES tags(id),
            color TEXT NOT NULL DEFAULT '',
            UNIQUE (grp, parent_id, name)
        );
        CREATE TABLE node_tags (
            node_id INTEGER NOT NULL REFERENCES nodes(id),
            tag_id INTEGER NOT NULL REFERENCES tags(id),
            PRIMARY KEY (node_id, tag_id)
        );
        CREATE INDEX node_tags_tag ON node_tags(tag_id);
        -- Findings of the checks: kept across re-runs by their fingerprint.
        CREATE TABLE findings (
            id INTEGER PRIMARY KEY,
            volume_id INTEGER NOT NULL REFERENCES volumes(id),
            code TEXT NOT NULL,
            node_id INTEGER REFERENCES nodes(id),
            block_id INTEGER REFERENCES blocks(id),
            start INTEGER NOT NULL DEFAULT 0,
            "end" INTEGER NOT NULL DEFAULT 0,
            params TEXT NOT NULL DEFAULT '{}',
            suggestion TEXT,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'fixed', 'ignored')),
            fingerprint TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (volume_id, fingerprint)
        );
        CREATE INDEX findings_volume ON findings(volume_id, status);
"""

#: Version 2 (checks, issue 5): the editable word lists of the checks (confusable characters,
#: wrong words, names that are not errors, per store or per volume), and the findings' message
#: and group (related blanks such as the ethnic-group figures of one entry).
V2_CHECK_WORDS = """
        CREATE TABLE check_words (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('confusable', 'word', 'name', 'ignore')),
            wrong TEXT NOT NULL,
            right TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            volume_id INTEGER REFERENCES volumes(id),  -- NULL: the whole store
            created_at TEXT NOT NULL,
            UNIQUE (kind, wrong, volume_id)
        );
        ALTER TABLE findings ADD COLUMN message TEXT NOT NULL DEFAULT '';
        ALTER TABLE findings ADD COLUMN grp TEXT;
"""



def v3_search_index(conn: sqlite3.Connection) -> None:
    """Version 3 (search, issue 6): a full-text index of block texts (FTS5 with the trigram
    tokenizer: any query of 3+ characters, Chinese included, is an index look-up) and the
    list of volumes indexed so far. A volume is indexed after its import, in the
    background; triggers keep an indexed volume's index in step with every text edit.
    Where SQLite lacks FTS5 or the trigram tokenizer, only the table is made and search
    scans the text instead."""
    conn.execute("CREATE TABLE search_indexed (volume_id INTEGER PRIMARY KEY REFERENCES volumes(id),"
                 " indexed_at TEXT NOT NULL)")
    try:
        conn.execute("CREATE VIRTUAL TABLE block_fts USING fts5(text, content='blocks', content_rowid='id',"
                     " tokenize='trigram')")
    except sqlite3.OperationalError:
        return
    conn.execute(
        "CREATE TRIGGER block_fts_insert AFTER INSERT ON blocks"
        " WHEN EXISTS (SELECT 1 FROM search_indexed WHERE volume_id = new.volume_id)"
        " BEGIN INSERT INTO block_fts (rowid, text) VALUES (new.id, new.text); END"
    )
    conn.execute(
        "CREATE TRIGGER block_fts_update AFTER UPDATE OF text ON blocks"
        " WHEN EXISTS (SELECT 1 FROM search_indexed WHERE volume_id = new.volume_id)"
        " BEGIN INSERT INTO block_fts (block_fts, rowid, text) VALUES ('delete', old.id, old.text);"
        " INSERT INTO block_fts (rowid, text) VALUES (new.id, new.text); END"
    )


#: STEPS[i] brings the schema from version i to i + 1: an SQL script, or a function for a
#: step that must move data. Each step runs in one transaction with the version bump.
#: A volume's seal: the checksum of its blocks and outline as first stored (core/seal.py).
V4_SEAL = """
        ALTER TABLE volumes ADD COLUMN seal TEXT;
"""

STEPS: list[str | Callable[[sqlite3.Connection], None]] = [V1_INITIAL, V2_CHECK_WORDS, v3_search_index, V4_SEAL]

SCHEMA_VERSION = len(STEPS)
