"""Fixing findings and filling blanks: each returns a core edit (plain data) for
``edits.apply_edit`` — nothing here writes. Undo applies the inverse ``apply_edit`` returns.

A fix of *stored* findings (``finding.id`` set) is a ``FixFindings``: the text edit and the
findings it settles marked fixed, in one transaction; its inverse reopens them with the text.
A finding not stored (straight from ``run_checks``) gives the bare text edit.

* ``fix_finding(finding, store=None) -> Edit`` — the finding's suggestion put in place: a
  ``SetBlockText`` whose ``expected`` is the text the finding was found in (a stale fix is refused
  by ``apply_edit``). For ``punct.halfwidth_document`` it is one ``Batch`` normalising every block
  of the document (``store`` needed to read them).
* ``fix_all_like(store, volume_id, finding) -> (Batch, preview)`` — every place in the volume with
  the same code, text and suggestion fixed in one undoable step, the finding's own place always
  among them (a new run over a changed volume may no longer find it; it is marked fixed only when
  its text is changed). ``preview`` is a list of
  :class:`PreviewItem` (block, line, context before/after, old → new) to show before applying.
* ``fill_blank(store, finding, value) -> SetBlockText`` — a value typed for a blank put in the
  paragraph's spacing style (``共 人`` → ``共 1234 人``; ``占总人口的 %`` → ``占总人口的 2.35%``).
* ``fill_group(store, group, values) -> SetBlockText`` — all fields of a group of related blanks in
  one edit (see :mod:`.blankqueue`).

Errors: :class:`NoFix` (the finding has no automatic fix), :class:`yearbook_editor.core.errors.EditConflict`
-like :class:`StaleFinding` (the paragraph changed so that the place cannot be found again).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..edits import Batch, FixFindings, SetBlockText
from ..errors import YearbookError
from ..store import Store
from .base import Finding
from .blanks import spaced_style
from .punctuation import normalise_halfwidth
from .runner import load_findings, run_checks


class NoFix(YearbookError):
    """The finding has no automatic fix: the editor decides."""

    def __init__(self, finding: Finding):
        super().__init__(f"“{finding.message}”没有自动修改办法，请手工修改。")


class StaleFinding(YearbookError):
    """The paragraph has changed since the check: run the checks again."""

    def __init__(self, finding: Finding):
        super().__init__("这一段在检查之后已被修改，找不到原来的位置。请重新运行检查。")


@dataclass(frozen=True)
class PreviewItem:
    block_id: int
    node_id: int | None
    line: int
    start: int  # offset in the block's text
    before: str  # context before the place
    old: str
    new: str
    after: str  # context after the place


def _current_text(store: Store, block_id: int) -> str:
    row = store.conn.execute("SELECT text FROM blocks WHERE id = ? AND deleted = 0", (block_id,)).fetchone()
    if row is None:
        raise YearbookError(f"文本块 {block_id} 不存在或已被合并。")
    return row[0]


def relocate(finding: Finding, text: str) -> tuple[int, int]:
    """Offsets of the finding in ``text`` (the block's current text), found again by its context."""
    if text == finding.block_text:
        return finding.start, finding.end
    for width in (8, 4, 2):
        before, match, after = finding.context(width)
        probe = before + match + after
        first = text.find(probe)
        if first >= 0 and text.find(probe, first + 1) < 0:
            start = first + len(before)
            return start, start + len(match)
    raise StaleFinding(finding)


def fix_finding(finding: Finding, store: Store | None = None):
    """The edit that applies the finding's suggestion."""
    if finding.code == "punct.halfwidth_document":
        if store is None:
            raise ValueError("fixing a whole document needs the store")
        return _closing(normalise_document(store, finding), [finding])
    if finding.suggestion is None or finding.block_id is None:
        raise NoFix(finding)
    text = finding.block_text
    start, end = finding.start, finding.end
    if store is not None:
        text = _current_text(store, finding.block_id)
        start, end = relocate(finding, text)
    return _closing(SetBlockText(finding.block_id, text[:start] + finding.suggestion + text[end:], expected=text),
                    [finding])


def _closing(edit, findings):
    """``edit`` as a fix that also marks the stored ones of ``findings`` fixed."""
    ids = tuple(sorted({f.id for f in findings if f.id is not None}))
    return FixFindings(edit, ids) if ids else edit


def _stored_ids(store: Store, volume_id: int, findings) -> list[int]:
    """The stored, still open findings with the fingerprints of ``findings``."""
    prints = sorted({f.fingerprint for f in findings if f.fingerprint})
    if not prints:
        return []
    marks = ",".join("?" * len(prints))
    return [r["id"] for r in store.query(
        f"SELECT id FROM findings WHERE volume_id = ? AND status = 'open' AND fingerprint IN ({marks})",
        [volume_id, *prints])]


def normalise_document(store: Store, finding: Finding) -> Batch:
    edits = []
    for block_id in finding.params.get("blocks", []):
        try:
            text = _current_text(store, block_id)
        except YearbookError:
            continue
        new = normalise_halfwidth(text)
        if new != text:
            edits.append(SetBlockText(block_id, new, expected=text))
    return Batch(tuple(edits), label=f"《{finding.params.get('title', '')}》半角标点改为全角（{len(edits)} 段）")


def _like(a: Finding, b: Finding) -> bool:
    return a.code == b.code and a.matched == b.matched and a.suggestion == b.suggestion


def open_like(store: Store, volume_id: int, finding: Finding) -> list[Finding]:
    """The stored open findings like ``finding`` (same rule, same text, same suggestion): what
    "ignore all like this" marks (a name the detector suspects, ignored once for all its places)."""
    return [f for f in load_findings(store, volume_id, status="open", code=finding.code) if _like(f, finding)]


def fix_all_like(store: Store, volume_id: int, finding: Finding, width: int = 10):
    """Every place like ``finding`` (same code, same text, same suggestion) fixed in one Batch
    (a ``FixFindings`` around it when some of those places are stored findings), and the preview."""
    if finding.suggestion is None:
        raise NoFix(finding)
    if finding.code == "punct.halfwidth_document":
        batch = normalise_document(store, finding)
        return _closing(batch, [finding]), [
            PreviewItem(e.block_id, None, 0, 0, "", e.expected[:width], e.text[:width], "") for e in batch.edits]
    family = finding.code.split(".")[0]
    like = [f for f in run_checks(store, volume_id, codes=[family]) if _like(f, finding)]
    own = _as_now(store, finding)
    if own is not None and not any(f.block_id == own.block_id and f.start == own.start for f in like):
        like.append(own)  # the place asked about, even where a new run no longer finds it (the volume changed)
    by_block: dict[int, list[Finding]] = {}
    for f in like:
        by_block.setdefault(f.block_id, []).append(f)
    edits, preview, fixed = [], [], []
    for block_id, fs in by_block.items():
        text = fs[0].block_text
        new = text
        last_start = len(text) + 1
        for f in sorted(fs, key=lambda f: f.start, reverse=True):
            if f.end > last_start:
                continue  # overlaps the one after it
            new = new[: f.start] + f.suggestion + new[f.end :]
            last_start = f.start
            fixed.append(f)
            preview.append(PreviewItem(block_id, f.node_id, f.line, f.start, text[max(0, f.start - width) : f.start],
                                       f.matched, f.suggestion, text[f.end : f.end + width]))
        edits.append(SetBlockText(block_id, new, expected=text))
    preview.sort(key=lambda p: (p.line, p.block_id, p.start))
    label = f"全部修改：“{finding.matched}”→“{finding.suggestion}”（{len(preview)} 处）"
    batch = Batch(tuple(edits), label=label)
    mine = {finding.id} if finding.id is not None and any(f is own for f in fixed) else set()
    ids = tuple(sorted(set(_stored_ids(store, volume_id, fixed)) | mine))
    return (FixFindings(batch, ids) if ids else batch), preview


def _as_now(store: Store, finding: Finding) -> Finding | None:
    """``finding`` at its place in its block's current text (None: no block)."""
    if finding.block_id is None:
        return None
    text = _current_text(store, finding.block_id)
    start, end = relocate(finding, text)
    return replace(finding, block_text=text, start=start, end=end)


def filled_text(finding: Finding, value: str, text: str, start: int, end: int) -> tuple[str, int]:
    """The text with ``value`` put into the blank at start:end; returns (text, length change)."""
    value = str(value).strip()
    if not value:
        raise YearbookError("请填入一个值。")
    code = finding.code
    if code == "blank.figure":
        unit = finding.params.get("unit", "")
        spaced = spaced_style(text)
        if unit in ("%", "％", "‰"):
            piece = (" " if spaced else "") + value
        else:
            piece = f" {value} " if spaced else value
    elif code == "blank.placeholder":
        piece = value
    elif code == "blank.author":
        piece = f"（{value}）"
    elif code == "blank.unit":
        piece = (" " if spaced_style(text) else "") + value
    else:
        raise NoFix(finding)
    return text[:start] + piece + text[end:], len(piece) - (end - start)


def fill_blank(store: Store, finding: Finding, value) -> SetBlockText:
    """The edit that puts ``value`` into the blank (as one revision when applied)."""
    text = _current_text(store, finding.block_id)
    start, end = relocate(finding, text)
    new, _ = filled_text(finding, str(value), text, start, end)
    return SetBlockText(finding.block_id, new, expected=text)


def fill_group(store: Store, group, values: dict) -> SetBlockText:
    """All given values of a group of related blanks (same paragraph) in one edit. ``values``
    maps a field's key (see BlankGroup.fields) to its value; empty values are left blank."""
    text = _current_text(store, group.block_id)
    spots = []
    for field in group.fields:
        v = values.get(field.key)
        if v is None or str(v).strip() == "":
            continue
        start, end = relocate(field.finding, text)
        spots.append((start, end, field.finding, str(v)))
    new = text
    for start, end, f, v in sorted(spots, key=lambda s: s[0], reverse=True):
        new, _ = filled_text(f, v, new, start, end)
    return SetBlockText(group.block_id, new, expected=text)
