"""Corrected text of a volume: one paragraph per line, as it now stands.

Headings stand on their own lines; an entry's 【title】 starts its first paragraph;
rows stay one per line; furniture (noise) is left out; every revision is applied,
because the text is read from the current state of the blocks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..progress import NO_PROGRESS, Progress
from ..store import Store
from ..subject_index import index_lines
from ._guard import volume_snapshot, write_export
from .document import ExportDocument, ExportOptions, Item, build_document, paragraphs


def iter_current_blocks(store: Store, volume_id: int) -> Iterator[tuple[str, str]]:
    """(kind, text) of the volume's blocks in reading order, furniture included."""
    cur = store.conn.execute(
        "SELECT kind, text FROM blocks WHERE volume_id = ? AND deleted = 0 ORDER BY seq", (volume_id,)
    )
    yield from cur


def corrected_lines(blocks: Iterable[tuple[str, str]]) -> list[str]:
    """The export's lines from (kind, text) pairs (used where no store is at hand)."""
    doc = ExportDocument(title="", volume_id=0)
    for n, (kind, text) in enumerate(blocks):
        if kind != "noise" and text.strip():
            doc.items.append(Item(kind, text.strip(), n, "", None, None, 0, False))
    return document_lines(doc)


def document_lines(doc: ExportDocument) -> list[str]:
    out = []
    for kind, text, body, _item in paragraphs(doc):
        out.append(f"{text} {body}" if kind == "entry" and body else text)
    return out


def export_text(
    store: Store,
    volume_id: int,
    path,
    *,
    options: ExportOptions = ExportOptions(),
    encoding: str | None = None,
    progress: Progress = NO_PROGRESS,
) -> int:
    """Write the corrected text atomically; returns the number of lines written."""
    with volume_snapshot(store, volume_id, [path], options, progress):
        doc = build_document(store, volume_id, options, progress)
        lines = document_lines(doc)
        if options.include_index:
            lines += index_lines(store, volume_id)
    data = ("\n".join(lines) + "\n").encode(encoding or options.encoding, errors="strict")
    progress(1, 1, "写入文件")
    write_export(store, path, data, options)
    return len(lines)
