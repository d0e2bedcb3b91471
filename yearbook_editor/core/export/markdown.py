"""Markdown: heading levels for 类目/分目/子目 (and document sections below them), entries
as a bold 【title】 at the start of their first paragraph, rows as lines of a list.

Text from the volume is escaped only where Markdown (CommonMark, GitHub's tables) would read
it as markup, so that 【概况】, [概况] and 〔2019〕 stay as they are printed: at a line's start
``#``, ``>``, ``-``, ``+``, ``=``, ``~`` and ``1.``/``1)`` (headings, quotes, lists, setext
underlines, fences) and ``[…]:`` (a link definition); anywhere ``*``, ``_``, backquotes and
``|``, a ``]`` right before ``(`` (``[text](url)`` would be a link, ``![…](…)`` an image),
a ``<`` before a letter, ``/``, ``!`` or ``?`` (an HTML tag or an autolink; ``<兰州…>`` is
plain text), ``&`` opening an entity (``&amp;``) and a backslash before ASCII punctuation."""

from __future__ import annotations

import re

from ..model import BlockKind
from ..parse.outline import run_in_head
from ..progress import NO_PROGRESS, Progress
from ..store import Store
from ..subject_index import index_lines
from ._guard import volume_snapshot, write_export
from .document import ExportOptions, build_document, heading_level, paragraphs

_INLINE = re.compile(r"[`*_|]|\\(?=[!-/:-@\[-`{-~])|\](?=\()|<(?=[A-Za-z/!?])|&(?=#?[0-9A-Za-z]+;)")
#: what opens a block at a line's start: a heading (# and a space), a quote, a list item (-, +
#: and a space; 1. or 1) and a space), a line of - or = only (setext underline, thematic break),
#: a ~~~ fence; the group before the marker is kept, a backslash goes before it
_LINE_START = re.compile(r"^([ \t]*)(?=#{1,6}(?:[ \t]|$)|>|[-+](?:[ \t]|$)|[-=][-= \t]*$|~~~)"
                         r"|^([ \t]*\d{1,9})(?=[.)](?:[ \t]|$))", re.MULTILINE)
_DEFINITION = re.compile(r"^([ \t]*\[[^\]\n]*)\](?=:)", re.MULTILINE)  # [name]: url defines a link


def escape(text: str) -> str:
    text = _INLINE.sub(lambda m: "\\" + m.group(0), text)
    text = _DEFINITION.sub(lambda m: m.group(1) + "\\]", text)
    return _LINE_START.sub(_escape_marker, text)


def _escape_marker(m: re.Match) -> str:
    if m.group(1) is not None:  # the marker itself follows
        return m.group(1) + "\\"
    return m.group(2) + "\\"  # the number: 1\. or 1\)


def markdown_lines(doc) -> list[str]:
    out = [f"# {escape(doc.title)}", ""] if doc.title else []
    shift = 1 if doc.title else 0
    for kind, text, body, item in paragraphs(doc):
        if kind == "entry":
            line = f"**{escape(text)}**"
            out += [f"{line} {escape(body)}" if body else line, ""]
        elif kind == BlockKind.HEADING:
            level = min(6, heading_level(item) + shift)
            head = run_in_head(text) if item.kind == BlockKind.PARAGRAPH else ""
            if head:  # a numbered part whose heading runs into its text: heading, then the text
                out += [f"{'#' * level} {escape(head)}", "", escape(text[len(head) :].strip()), ""]
            else:
                out += [f"{'#' * level} {escape(text)}", ""]
        elif kind == BlockKind.ROW:
            out.append(f"- {escape(text)}")
        else:
            if out and out[-1].startswith("- "):
                out.append("")
            out += [escape(text), ""]
    return out


def export_markdown(
    store: Store, volume_id: int, path, *, options: ExportOptions = ExportOptions(), progress: Progress = NO_PROGRESS
) -> int:
    with volume_snapshot(store, volume_id, [path], options, progress):
        doc = build_document(store, volume_id, options, progress, untitled_headings=True)
        index = None
        if options.include_index:
            index = index_lines(store, volume_id)
    lines = markdown_lines(doc)
    if index:
        lines += [f"## {index[0]}", ""] + [f"- {escape(line)}" for line in index[1:]]
    progress(1, 1, "写入文件")
    write_export(store, path, ("\n".join(lines).rstrip() + "\n").encode("utf-8"), options)
    return len(lines)
