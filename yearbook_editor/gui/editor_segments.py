"""The editor's map from document ranges to store blocks, and the text arithmetic it needs
(Qt counts positions in UTF-16 units; Python in characters)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QTextDocument


@dataclass(slots=True)
class Segment:
    """A range of the document that shows one store block (or a fixed separator)."""

    block_id: int | None
    kind: str
    start: int  # document position (UTF-16 units, as Qt counts)
    length: int
    editable: bool
    stored: str  # the block's text as last written to / read from the store
    uncertain: bool = False
    dirty: bool = False

    @property
    def end(self) -> int:
        return self.start + self.length


def block_texts(doc: QTextDocument) -> list[str]:
    out, block = [], doc.begin()
    while block.isValid():
        out.append(block.text())
        block = block.next()
    return out


def units(text: str) -> int:
    """Length in UTF-16 code units, as Qt counts positions."""
    return len(text) if text.isascii() or max(text) <= "\uffff" else len(text.encode("utf-16-le")) // 2


def common_prefix(a: str, b: str) -> int:
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:  # binary search with C-speed slice comparisons
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def common_suffix(a: str, b: str) -> int:
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo
