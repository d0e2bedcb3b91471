"""Is the stored volume still what its source and revisions say? (``store.mismatch``)

:func:`core.edits.verify_volume` rebuilds every block from the untouched source and the
revisions and compares; any difference is damage on the disk (or a fault of the program), never
an editor's doing. Each difference becomes a finding the editor sees, on the block it is about,
so that nothing damaged reaches an export unnoticed. Exports run the same verification first
and refuse a volume that fails it.
"""

from __future__ import annotations

from ..edits import verify_volume
from ..store import Store
from .base import CheckContext, Finding

CODE = "store.mismatch"

MESSAGE = ("这一段在资料库中的文字与原文加修改记录不符（可能是磁盘损坏）。请核对这一段，"
           "或从自动备份恢复资料库。")
VOLUME_MESSAGE = "这一卷在资料库中的内容与原文或修改记录不符（可能是磁盘损坏）。请从自动备份恢复资料库。"


def stored_text_findings(store: Store, volume_id: int) -> list[Finding]:
    """One finding per block that does not match (plus one for the volume when the source or
    the revision chain itself does not)."""
    problems = verify_volume(store, volume_id)
    if not problems:
        return []
    blocks = {r["id"]: r for r in store.query(
        "SELECT id, node_id, text, line_start FROM blocks WHERE volume_id = ?", (volume_id,))}
    out: list[Finding] = []
    seen: set[int] = set()
    general = []
    for p in problems:
        b = blocks.get(p.block_id) if p.block_id is not None else None
        if b is None:
            general.append(str(p))
            continue
        if b["id"] in seen:
            continue
        seen.add(b["id"])
        out.append(Finding(CODE, b["node_id"], b["id"], 0, 0, params={"problem": str(p)}, message=MESSAGE,
                           key=str(b["id"]), block_text=b["text"] or "", line=b["line_start"] or 0))
    if general:
        first = store.query("SELECT id FROM nodes WHERE volume_id = ? AND deleted = 0 ORDER BY seq LIMIT 1",
                            (volume_id,))
        out.append(Finding(CODE, first[0]["id"] if first else None, None, 0, 0, params={"problems": general},
                           message=VOLUME_MESSAGE, key="volume"))
    return out


def check_stored(ctx: CheckContext):
    """The rule as the runner calls it."""
    return stored_text_findings(ctx.store, ctx.volume_id)
