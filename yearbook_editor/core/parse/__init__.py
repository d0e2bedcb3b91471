"""Layout repair and structure: extracted text lines in, blocks and an outline out.

``parse_text(lines)`` is the one entry point; it runs, for every kind of volume, the same
steps: profile the document, classify lines, join prose, build the outline.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import ParseResult
from ..progress import NO_PROGRESS, Progress

PARSER_VERSION = 1


def parse_text(lines: Sequence[str], progress: Progress = NO_PROGRESS) -> ParseResult:
    raise NotImplementedError
