"""Layout repair and structure: extracted text lines in, blocks and an outline out.

``parse_text(lines)`` is the one entry point; it runs, for every kind of volume, the same
steps: profile the document, classify lines, join prose, build the outline.

Modules:

* :mod:`.lines` — per-line measurements (content span, display width, typeset width, ending);
* :mod:`.profile` — the document's figures (wrap width, blank-line pattern, style);
* :mod:`.furniture` — page numbers, running headers, captions, markers, URLs (whole lines and
  tokens inside lines);
* :mod:`.classify` — per-line labels (entry titles, dated items, section numbers, heading shape);
* :mod:`.join` — paragraphs, headings, entry titles, rows and noise blocks (lossless);
* :mod:`.outline` — 类目/分目/子目/条目, documents and sections.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import Cancelled
from ..model import Block, BlockKind, ParseResult, Piece
from ..progress import NO_PROGRESS, Progress
from ..text import join_runs
from .classify import classify
from .join import build_blocks
from .lines import content_span, measure
from .outline import build_outline
from .profile import measure_profile

PARSER_VERSION = 1

__all__ = ["PARSER_VERSION", "parse_text"]


def parse_text(lines: Sequence[str], progress: Progress = NO_PROGRESS) -> ParseResult:
    """Parse a volume's lines (1-based line N is ``lines[N-1]``, no line endings).

    Never raises on any input (except :class:`Cancelled` from ``progress``): should a step
    fail on a text it was not built for, the result falls back to one block per line, which
    still accounts for every character.
    """
    lines = [x if isinstance(x, str) else str(x) for x in lines]
    try:
        return _parse(lines, progress)
    except Cancelled:
        raise
    except Exception as e:  # pragma: no cover - safety net, exercised by a test with a fault
        return _fallback(lines, repr(e))


def _parse(lines: list[str], progress: Progress) -> ParseResult:
    total = 5
    progress(0, total, "测量版面")
    facts, _ = measure(lines)
    profile = measure_profile(lines, facts)
    progress(1, total, "识别行类型")
    labels = classify(facts, profile)
    progress(2, total, "拼接段落")
    blocks = build_blocks(lines, facts, labels, profile)
    progress(3, total, "建立目录结构")
    nodes, title = build_outline(blocks)
    progress(4, total, "完成")
    prof = profile.to_dict()
    prof["parser_version"] = PARSER_VERSION
    prof["blocks"] = len(blocks)
    prof["nodes"] = len(nodes)
    kinds: dict[str, int] = {}
    noise: dict[str, int] = {}
    for b in blocks:
        kinds[b.kind.value] = kinds.get(b.kind.value, 0) + 1
        if b.kind == BlockKind.NOISE:
            noise[b.role] = noise.get(b.role, 0) + 1
    prof["block_kinds"] = kinds
    prof["noise_roles"] = noise
    prof["uncertain_breaks"] = sum(1 for b in blocks if b.uncertain)
    prof["soft_joins"] = sum(len(b.soft_joins) for b in blocks)
    progress(5, total, "完成")
    return ParseResult(blocks=blocks, nodes=nodes, title=title, profile=prof)


def _fallback(lines: list[str], error: str) -> ParseResult:
    blocks: list[Block] = []
    for n, raw in enumerate(lines, 1):
        lo, hi = content_span(raw)
        if lo == hi:
            continue
        p = Piece(n, lo, hi)
        blocks.append(Block(BlockKind.PARAGRAPH, join_runs([raw[lo:hi]]), (p,)))
    return ParseResult(blocks=blocks, nodes=[], title="", profile={"fallback": True, "error": error[:300]})
