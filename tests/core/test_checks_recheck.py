"""The per-block re-check after an edit: the same findings as the whole run for those blocks
(same fingerprints), stored at once (fixed when gone, reopened when back), volume-wide codes
left to the whole run."""

from __future__ import annotations

import random

import pytest

from yearbook_editor.core.checks import load_findings, run_checks, save_findings
from yearbook_editor.core.checks.recheck import Rechecker, is_local
from yearbook_editor.core.edits import MergeBlocks, SetBlockText, apply_edit
from yearbook_editor.core.resources import SAMPLE_VOLUME
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file

from ..conftest import DATA, seed_path
from .random_edits import apply_random_layout_edits


def _stored(store, vid):
    return {f.fingerprint: f for f in load_findings(store, vid)}


@pytest.fixture()
def sample(tmp_path):
    store = Store(tmp_path / "s.db")
    vid = import_file(store, SAMPLE_VOLUME, author="t").volume_id
    save_findings(store, vid, run_checks(store, vid))
    yield store, vid
    store.close()


@pytest.mark.parametrize("source", ["sample", "mini", "003"])
def test_recheck_of_every_block_finds_what_the_whole_run_finds(tmp_path, source):
    path = {"sample": SAMPLE_VOLUME, "mini": DATA / "checks" / "mini_volume.txt"}.get(source) or seed_path(source)
    with Store(tmp_path / "s.db") as store:
        vid = import_file(store, path, author="t").volume_id
        whole = [f for f in run_checks(store, vid) if is_local(f.code)]
        assert whole  # the volume has local findings to compare
        r = Rechecker(store, vid)
        ctx = r.context()
        ids = [b.id for b in ctx.blocks]
        random.Random(16).shuffle(ids)
        mine = r.recheck(ids).findings
        key = lambda f: (f.fingerprint, f.code, f.block_id, f.start, f.end, f.suggestion)  # noqa: E731
        assert sorted(map(key, mine)) == sorted(map(key, whole))
        # one block at a time: the same as in one go
        some = [b.id for b in ctx.blocks if any(f.block_id == b.id for f in whole)][:15]
        for bid in some:
            assert sorted(map(key, r.recheck([bid]).findings)) == sorted(key(f) for f in whole if f.block_id == bid)


def test_a_finding_fixed_by_typing_is_fixed_at_once_and_its_undo_reopens_it(sample):
    store, vid = sample
    before = _stored(store, vid)
    f = next(f for f in before.values() if f.code == "char.confusable" and f.status == "open")
    others = {fp for fp, g in before.items() if g.block_id == f.block_id and g.id != f.id and g.status == "open"}
    text = f.block_text
    fixed_text = text[: f.start] + f.suggestion + text[f.end :]
    r = Rechecker(store, vid)
    applied = apply_edit(store, SetBlockText(f.block_id, fixed_text, expected=text), author="t")
    result = r.recheck(applied.changes.blocks)
    after = _stored(store, vid)
    assert after[f.fingerprint].status == "fixed"
    assert {fp for fp in others if after[fp].status == "open"} == {fp for fp in others if is_local(after[fp].code)}
    assert all(g.block_id == f.block_id for g in result.findings)
    # findings of other blocks are untouched
    assert {fp: g.status for fp, g in after.items() if g.block_id != f.block_id} == \
        {fp: g.status for fp, g in before.items() if g.block_id != f.block_id}
    undo = apply_edit(store, applied.inverse, author="t")
    r.recheck(undo.changes.blocks)
    again = _stored(store, vid)
    assert again[f.fingerprint].status == "open" and again[f.fingerprint].id == f.id


def test_typing_a_new_error_adds_an_open_finding(sample):
    store, vid = sample
    b = store.query("SELECT id, text FROM blocks WHERE volume_id = ? AND kind = 'paragraph' AND deleted = 0"
                    " AND length(text) > 40 ORDER BY seq LIMIT 1", (vid,))[0]
    r = Rechecker(store, vid)
    new = b["text"] + "全区共有 个社区。"
    applied = apply_edit(store, SetBlockText(b["id"], new, expected=b["text"]), author="t")
    found = r.recheck(applied.changes.blocks).findings
    blank = next(f for f in found if f.code == "blank.figure")
    assert blank.status == "open" and blank.id is not None
    assert blank.id in {f.id for f in load_findings(store, vid, code="blank.figure", status="open")}
    assert blank.matched == " " and new[blank.start - 2 : blank.end + 1] == "共有 个"


def test_a_merged_away_block_has_no_open_findings(sample):
    store, vid = sample
    rows = store.query("SELECT f.block_id AS bid FROM findings f JOIN blocks b ON b.id = f.block_id"
                       " WHERE f.status = 'open' AND b.kind = 'paragraph' AND f.code LIKE 'char.%' ORDER BY b.seq")
    bid = rows[0]["bid"]
    prev = store.scalar("SELECT id FROM blocks WHERE volume_id = ? AND deleted = 0 AND kind != 'noise' AND seq <"
                        " (SELECT seq FROM blocks WHERE id = ?) ORDER BY seq DESC LIMIT 1", (vid, bid))
    r = Rechecker(store, vid)
    model = r.warm().context().__dict__["_char_model"]
    applied = apply_edit(store, MergeBlocks(prev, bid), author="t")
    if applied.changes.structure:
        r.invalidate()
    found = r.recheck(applied.changes.blocks).findings
    assert r.context().__dict__["_char_model"] is model  # the volume's statistics are not rebuilt for one merge
    assert prev in {b.id for b in r.context().blocks} and bid not in {b.id for b in r.context().blocks}
    assert store.scalar("SELECT count(*) FROM findings WHERE block_id = ? AND status = 'open' AND code LIKE 'char.%'",
                        (bid,)) == 0
    # the merged paragraph carries the error now
    assert any(f.block_id == prev and f.code.startswith("char.") for f in found)
    # the merged-away block's findings are not counted as fixed by the editor: they are not listed at all
    assert all(f.block_id != bid for f in load_findings(store, vid))
    applied = apply_edit(store, applied.inverse, author="t")  # undo: its findings are back, open
    r.follow(applied.changes)
    r.recheck(applied.changes.blocks)
    assert any(f.block_id == bid and f.status == "open" for f in load_findings(store, vid))


def test_volume_wide_findings_are_left_to_the_whole_run(sample):
    store, vid = sample
    wide = [f for f in load_findings(store, vid, status="open") if not is_local(f.code) and f.block_id]
    r = Rechecker(store, vid)
    r.recheck({f.block_id for f in wide})
    assert all(g.status == "open" for g in load_findings(store, vid, status="open") if g.id in {f.id for f in wide})
    assert len([g for g in load_findings(store, vid, status="open") if not is_local(g.code)]) == len(
        [f for f in load_findings(store, vid, status="open") if not is_local(f.code)])


def test_a_context_warmed_on_another_connection_is_adopted(sample, tmp_path):
    store, vid = sample
    with Store(store.path, read_only=True) as other:
        warmed = Rechecker(other, vid).warm()
    r = Rechecker(store, vid)
    r.adopt(warmed)
    assert r.has_context() and r.context().store is store
    f = next(f for f in load_findings(store, vid, status="open") if f.code == "char.confusable")
    text = f.block_text
    applied = apply_edit(store, SetBlockText(f.block_id, text[: f.start] + f.suggestion + text[f.end :],
                                             expected=text), author="t")
    r.recheck(applied.changes.blocks)
    assert _stored(store, vid)[f.fingerprint].status == "fixed"


def test_after_random_layout_and_heading_edits_the_kept_context_is_the_volume_as_read_afresh(tmp_path):
    """Blocks that came or went are patched into the kept context, and after a node edit only the
    outline and the blocks the edit says moved are read again (no re-read of the volume); after
    random merges, splits, furniture marks, moves, headings made, removed, promoted or demoted,
    and their undos, it holds exactly what a fresh read holds, and the re-check's findings are the
    fresh context's."""
    from yearbook_editor.core.checks.base import load_context

    store = Store(tmp_path / "s.db")
    vid = import_file(store, seed_path("003"), author="t").volume_id
    save_findings(store, vid, run_checks(store, vid))
    r = Rechecker(store, vid)
    r.warm()
    rereads, reread = [], r._reread
    r._reread = lambda *a: rereads.append(1) or reread(*a)
    counted, counts = [], r._half_counts
    r._half_counts = lambda b: counted.append(b.id) or counts(b)
    blocks_only = 0
    for _edit, applied in apply_random_layout_edits(store, vid, 7, 40):
        r.follow(applied.changes)
        found = r.recheck(applied.changes.blocks).findings
        blocks_only += not applied.changes.nodes
        fresh = load_context(store, vid)
        assert [(x.id, x.node_id, x.kind, x.text) for x in r.context().blocks] == \
            [(x.id, x.node_id, x.kind, x.text) for x in fresh.blocks]
        assert r.context().nodes == fresh.nodes
        again = Rechecker(store, vid)
        ids = [i for i in applied.changes.blocks if i in again.context().by_id]
        assert sorted((f.block_id, f.code, f.start) for f in found if f.block_id in ids) == \
            sorted((f.block_id, f.code, f.start) for i in ids
                   for f in again.block_findings(again.context().by_id[i], again._pos[i]))
        # the counts of half-width marks kept (never counted again for the whole volume) are a fresh count's
        assert {i: c for i, c in r._half_table().items() if i in r._pos} == again._half_table()
        assert {i: r._scope(r.context(), b) for i, b in r.context().by_id.items()} == \
            {i: again._scope(again.context(), b) for i, b in again.context().by_id.items()}
    assert len(counted) < len(r.context().blocks) + 40 * 3
    assert blocks_only >= 15 and len(rereads) <= 40 - blocks_only  # read again only after some node changes
    store.close()


def test_a_finding_split_into_the_next_paragraph_keeps_its_row_and_status(sample):
    """A split or a merge moves a finding's text to another paragraph: the finding continues
    there (same row, still open, or still ignored), it is not counted as fixed by the editor."""
    from yearbook_editor.core.checks import set_status
    from yearbook_editor.core.edits import SplitBlock

    store, vid = sample
    found = [f for f in load_findings(store, vid, status="open") if f.block_id is not None and f.start > 8
             and f.code.startswith("char.")]
    target = found[0]
    ignored = next((f for f in found[1:] if f.block_id == target.block_id and f.start > target.start), None)
    if ignored is not None:
        set_status(store, ignored.id, "ignored")
    before = {f.id: f.status for f in load_findings(store, vid)}
    r = Rechecker(store, vid)
    r.warm()
    applied = apply_edit(store, SplitBlock(target.block_id, target.start - 4), author="t")  # to the new paragraph
    r.follow(applied.changes)
    r.recheck(applied.changes.blocks)
    after = {f.id: f for f in load_findings(store, vid)}
    assert after[target.id].status == "open" and after[target.id].block_id != target.block_id  # moved, same row
    assert sum(f.status == "fixed" for f in after.values()) == sum(s == "fixed" for s in before.values())
    assert {i: f.status for i, f in after.items() if i in before} == before  # ignored stays ignored, nothing fixed
    undo = apply_edit(store, applied.inverse, author="t")  # merged back
    r.follow(undo.changes)
    r.recheck(undo.changes.blocks)
    again = {f.id: f for f in load_findings(store, vid)}
    assert again[target.id].block_id == target.block_id and {i: f.status for i, f in again.items()} == before
