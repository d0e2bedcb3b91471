"""Running the rules and keeping their findings.

``run_checks(store, volume_id, progress=NO_PROGRESS, codes=None) -> list[Finding]`` runs every
rule (or those whose code starts with one of ``codes``) over the volume's repaired paragraphs as
they now stand. ``save_findings(store, volume_id, findings)`` stores them by fingerprint and
returns them with ``id`` and ``status`` set: a finding seen before keeps its status (ignored stays
ignored; one marked fixed that occurs again is open again), a stored open finding that no longer
occurs becomes fixed (a suspect whose place reads as before leaves the list instead: JUDGED_WHOLE).
``load_findings`` reads them back (current block text attached),
``set_status`` marks one ignored / open.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..progress import NO_PROGRESS, Progress
from ..store import Store, now_iso
from .base import CheckContext, Finding, assign_fingerprints, load_context
from .characters import begin_suspects, give_suspects, stop_suspects
from .words import load_wordlists

#: (name, code prefix, module, function): every rule of the checks, in the order they run. A rule's
#: module is imported when the rule first runs, after the character detector's process has
#: started (:func:`.characters.begin_suspects`): it need not wait for them.
RULES: list[tuple[str, str, str, str]] = [
    ("空白", "blank", "blanks", "check_blanks"),
    ("字词", "char", "characters", "check_characters"),
    ("标点", "punct", "punctuation", "check_punctuation"),
    ("编者批注", "note", "notes", "check_notes"),
    ("前后一致", "consistency", "consistency", "check_consistency"),
    ("结构", "structure", "structure", "check_structure"),
    ("存储核对", "store", "stored", "check_stored"),
]

if TYPE_CHECKING:  # the rules' modules, for readers and the frozen build's import analysis
    from . import blanks, characters, consistency, notes, punctuation, stored, structure  # noqa: F401


def rule_function(module: str, name: str) -> Callable[[CheckContext], Iterable[Finding]]:
    return getattr(importlib.import_module(f"{__package__}.{module}"), name)


STATUSES = ("open", "fixed", "ignored")
#: codes whose findings are judged against the whole volume (the detector weighs its counts, the
#: names and the editor's rejections): one no longer raised where its text is unchanged was not
#: fixed by the editor, and leaves the list instead of counting as 已修改
JUDGED_WHOLE = ("char.suspect",)
SEEN_WIDTH = 12  # characters each side of a finding kept with it (its text as last found)


def run_checks(store: Store, volume_id: int, progress: Progress = NO_PROGRESS,
               codes: Iterable[str] | None = None, ctx: CheckContext | None = None) -> list[Finding]:
    """All findings of the volume, in reading order (not stored: see :func:`save_findings`).
    ``ctx``: the volume as already read and kept up to date (the re-check's), else read here."""
    codes = tuple(codes) if codes else None
    rules = [r for r in RULES if codes is None or any(r[1].startswith(c.split(".")[0]) for c in codes)]
    # the detector's process starts first: it loads its data while the volume is read here
    task = begin_suspects(store, volume_id) if ctx is None and any(r[1] == "char" for r in rules) else None
    out: list[Finding] = []
    try:
        if ctx is None:
            ctx = load_context(store, volume_id)
            ctx.words = load_wordlists(store, volume_id)
        if task is not None:
            give_suspects(ctx, task)
            rules.sort(key=lambda r: r[1] == "char")  # the detector runs there meanwhile: its rule waits last
        for i, (name, _prefix, module, function) in enumerate(rules):
            progress(i, len(rules), f"检查：{name}")
            out.extend(rule_function(module, function)(ctx))
    finally:
        if task is not None:
            stop_suspects(ctx, task)
    order = {b.id: i for i, b in enumerate(ctx.blocks)}
    if codes:
        out = [f for f in out if f.code.startswith(codes)]
    out.sort(key=lambda f: (order.get(f.block_id, len(order)), f.start, f.code))
    assign_fingerprints(out)
    progress(len(rules), len(rules), "检查完成")
    return out


def save_findings(store: Store, volume_id: int, findings: list[Finding],
                  codes: Iterable[str] | None = None,
                  covers: Callable[[str, int | None], bool] | None = None) -> list[Finding]:
    """Store a run's findings; returns them with ``id`` and ``status`` set.

    When the run covered only some rules (``codes``), only stored findings of those rules can
    become fixed; ``covers(code, block_id)`` narrows that further (a re-check of some blocks)."""
    codes = tuple(codes) if codes else None
    stamp = now_iso()
    if any(not f.fingerprint for f in findings):
        assign_fingerprints(findings)
    with store.write() as conn:
        stored = {
            r[1]: (r[0], r[2], r[3], r[4], r[5])
            for r in conn.execute("SELECT id, fingerprint, status, code, block_id, message FROM findings"
                                  " WHERE volume_id = ?", (volume_id,)).fetchall()
        }
        seen = {f.fingerprint for f in findings}
        vanished = {
            fp: row for fp, row in stored.items()
            if fp not in seen and row[1] != "fixed" and (codes is None or row[2].startswith(codes))
            and (covers is None or covers(row[2], row[3]))
        }
        moved = _moved(findings, stored, vanished, covers)
        carried = {row[0] for row in moved.values()}
        gone = [row[0] for row in vanished.values() if row[1] == "open" and row[0] not in carried]
        judged = {row[0] for row in vanished.values() if row[2] in JUDGED_WHOLE}
        dropped = _judged_again(conn, [i for i in gone if i in judged])
        if dropped:
            conn.executemany("DELETE FROM findings WHERE id = ?", [(i,) for i in dropped])
            gone = [i for i in gone if i not in dropped]
        for f in findings:
            seen = {"seen": list(f.context(SEEN_WIDTH))} if f.block_text else {}  # shown once no longer open
            row = (f.code, f.node_id, f.block_id, f.start, f.end, json.dumps({**f.params, **seen}, ensure_ascii=False),
                   f.suggestion, f.message, f.group)
            old = stored.get(f.fingerprint) or moved.get(id(f))
            if old is not None:
                fid, status = old[0], old[1]
                if status == "fixed":
                    status = "open"
                conn.execute(
                    'UPDATE findings SET code = ?, node_id = ?, block_id = ?, start = ?, "end" = ?, params = ?,'
                    " suggestion = ?, message = ?, grp = ?, status = ?, fingerprint = ?, updated_at = ? WHERE id = ?",
                    (*row, status, f.fingerprint, stamp, fid),
                )
                f.id, f.status = fid, status
            else:
                cur = conn.execute(
                    'INSERT INTO findings (volume_id, code, node_id, block_id, start, "end", params, suggestion,'
                    " message, grp, status, fingerprint, created_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)",
                    (volume_id, *row, f.fingerprint, stamp, stamp),
                )
                f.id, f.status = cur.lastrowid, "open"
        conn.executemany("UPDATE findings SET status = 'fixed', updated_at = ? WHERE id = ?", [(stamp, i) for i in gone])
    return findings


def _judged_again(conn, finding_ids: list[int]) -> set[int]:
    """Of these vanished open findings, those whose place reads as it did when last found (its
    kept context, ``params.seen``, still stands in its paragraph): nothing there was changed, so
    they were not fixed; the checks no longer judge them a problem."""
    if not finding_ids:
        return set()
    out = set()
    for fid, params, text, deleted in conn.execute(
        "SELECT f.id, f.params, b.text, b.deleted FROM findings f LEFT JOIN blocks b ON b.id = f.block_id"
        " WHERE f.id IN (SELECT value FROM json_each(?))", (json.dumps(finding_ids),),
    ).fetchall():
        try:
            seen = json.loads(params).get("seen")
        except (ValueError, AttributeError):
            continue
        if text and not deleted and isinstance(seen, list) and "".join(map(str, seen)) in text:
            out.add(fid)
    return out


def _moved(findings: list[Finding], stored: dict, vanished: dict, covers) -> dict[int, tuple]:
    """In a re-check (``covers`` given), a finding new to the store that says exactly what one
    of the re-checked blocks' vanished findings said (same rule, same message) is that finding
    moved with its text to another paragraph (a split, a merge, a move): it keeps its row and its
    status (open, or ignored by the editor) instead of the old one counting as fixed by the editor
    and a new one opening. Returns id(new finding) → the stored row it continues."""
    if covers is None or not vanished:
        return {}
    left: dict[tuple, list[tuple]] = {}
    for row in sorted(vanished.values(), key=lambda r: r[0]):
        left.setdefault((row[2], row[4]), []).append(row)
    out = {}
    for f in findings:
        if f.fingerprint not in stored:
            rows = left.get((f.code, f.message))
            if rows:
                out[id(f)] = rows.pop(0)
    return out


def findings_as_stored(store: Store, volume_id: int, findings: list[Finding]) -> list[Finding]:
    """A run's findings with the ``id`` and ``status`` :func:`save_findings` would give them, without
    writing anything (``check`` on a store that cannot be written); a finding never stored has no id."""
    if any(not f.fingerprint for f in findings):
        assign_fingerprints(findings)
    with store.snapshot() as conn:
        rows = conn.execute("SELECT fingerprint, id, status FROM findings WHERE volume_id = ?", (volume_id,))
        stored = {fp: (fid, status) for fp, fid, status in rows.fetchall()}
    for f in findings:
        f.id, status = stored.get(f.fingerprint, (None, "open"))
        f.status = "open" if status == "fixed" else status  # found again: a fixed one is open again
    return findings


def load_findings(store: Store, volume_id: int, status: str | Iterable[str] | None = None,
                  code: str | None = None) -> list[Finding]:
    """Stored findings (with the block's *current* text attached), in reading order. Those of a
    block merged away are left out: they are moot (not fixed by the editor) until an undo brings
    the block back, and its re-check opens them again."""
    sql = (
        'SELECT f.id, f.code, f.node_id, f.block_id, f.start, f."end", f.params, f.suggestion, f.message, f.grp,'
        " f.status, f.fingerprint, b.text, b.line_start FROM findings f LEFT JOIN blocks b ON b.id = f.block_id"
        " WHERE f.volume_id = ? AND (b.deleted IS NULL OR b.deleted = 0)"
    )
    params: list = [volume_id]
    if status:
        sts = [status] if isinstance(status, str) else list(status)
        sql += f" AND f.status IN ({','.join('?' * len(sts))})"
        params += sts
    if code:
        sql += " AND (f.code = ? OR f.code LIKE ?)"
        params += [code, code + ".%"]
    sql += " ORDER BY b.seq, f.start, f.id"
    out = []
    for r in store.conn.execute(sql, params).fetchall():
        out.append(Finding(code=r[1], node_id=r[2], block_id=r[3], start=r[4], end=r[5], params=json.loads(r[6]),
                           suggestion=r[7], message=r[8], group=r[9], status=r[10], fingerprint=r[11],
                           block_text=r[12] or "", line=r[13] or 0, id=r[0]))
    return out


def set_status(store: Store, finding_id: int, status: str) -> None:
    """Mark a stored finding ignored (the editor says it is not an error), open or fixed."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}")
    with store.write() as conn:
        conn.execute("UPDATE findings SET status = ?, updated_at = ? WHERE id = ?", (status, now_iso(), finding_id))


def finding_counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.code] = counts.get(f.code, 0) + 1
    return dict(sorted(counts.items()))


def verify_and_record(store: Store, volume_id: int) -> list[Finding]:
    """Check that the stored volume is what its source and revisions say (``store.*``) and keep
    the result as findings (a mismatch that is gone becomes fixed); returns the findings."""
    from ..seal import seal_if_missing

    findings = run_checks(store, volume_id, codes=["store"])
    if store.read_only:
        return findings
    if not findings:
        seal_if_missing(store, volume_id)
    return save_findings(store, volume_id, findings, codes=["store"])


def check_and_store(store_path, volume_id: int, read_only: bool = False, *,
                    progress: Progress = NO_PROGRESS) -> int:
    """A whole check run on a connection of its own (the app runs it in a process of its own,
    ``core.processes``): every check, the findings stored; returns how many there are. A
    read-only store refuses, and the run fails with its sentence."""
    with Store(store_path, read_only=read_only) as store:
        found = run_checks(store, volume_id, progress=progress)
        save_findings(store, volume_id, found)
        return len(found)


def structure_doubts(store: Store, volume_id: int, ctx: CheckContext | None = None) -> list[Finding]:
    """The volume's 结构 findings as the outline now stands, those an editor marked ignored
    left out (run afresh: the outline may have been edited since the last check; ``ctx`` as
    for :func:`run_checks`)."""
    ignored = {f.fingerprint for f in load_findings(store, volume_id, status="ignored", code="structure")}
    return [f for f in run_checks(store, volume_id, codes=["structure"], ctx=ctx) if f.fingerprint not in ignored]
