"""Corrected text of a volume: one paragraph per line, as it now stands.

Headings stand on their own lines; an entry's 【title】 starts its first paragraph;
rows stay one per line; furniture (noise) is left out; every revision is applied,
because the text is read from the current state of the blocks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model import BlockKind
from ..progress import NO_PROGRESS, Progress
from ..store import Store


def iter_current_blocks(store: Store, volume_id: int) -> Iterator[tuple[str, str]]:
    """(kind, text) of the volume's blocks in reading order, furniture included."""
    cur = store.conn.execute("SELECT kind, text FROM blocks WHERE volume_id = ? AND deleted = 0 ORDER BY seq", (volume_id,))
    yield from cur


def corrected_lines(blocks: Iterable[tuple[str, str]], progress: Progress = NO_PROGRESS) -> list[str]:
    out: list[str] = []
    pending_title: str | None = None
    for n, (kind, text) in enumerate(blocks):
        if n % 5000 == 0:
            progress(n, 0, "导出文本")
        if kind == BlockKind.NOISE:
            continue
        text = text.strip()
        if not text:
            continue
        if kind == BlockKind.ENTRY_TITLE:
            if pending_title is not None:
                out.append(pending_title)
            pending_title = text
            continue
        if pending_title is not None:
            if kind == BlockKind.PARAGRAPH:
                out.append(f"{pending_title} {text}")
                pending_title = None
                continue
            out.append(pending_title)
            pending_title = None
        out.append(text)
    if pending_title is not None:
        out.append(pending_title)
    return out


def export_text(
    store: Store, volume_id: int, path, *, encoding: str = "utf-8", progress: Progress = NO_PROGRESS
) -> int:
    """Write the corrected text atomically; returns the number of lines written."""
    from ._atomic import write_atomic

    lines = corrected_lines(iter_current_blocks(store, volume_id), progress)
    data = ("\n".join(lines) + "\n").encode(encoding, errors="strict")
    write_atomic(path, data)
    return len(lines)
