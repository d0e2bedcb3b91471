"""Word (.docx) through python-docx, laid out as a Chinese book (see :mod:`.word_style`).

A title page, a table of contents (a TOC field Word fills on opening), then the volume from
page 1 (page numbers in the footer): headings only where the outline has a node, at the
node's depth (so Word's navigation pane shows the book's 类目/分目/子目 and documents),
a document's metadata lines (occasion, author, date) centred in italics under its title,
entry titles in 黑体 within 【】 at the start of their first paragraph, tables with
borders where rows split into the same number of cells, and the subject index with Word
page references (a bookmark on each indexed node, a PAGEREF field per reference)."""

from __future__ import annotations

import io
import itertools
import re
from datetime import date

from ..model import BlockKind
from ..progress import NO_PROGRESS, Progress
from ..store import Store
from . import word_style as ws
from ._guard import volume_snapshot, write_export
from .document import META, ExportOptions, build_document, heading_level, paragraphs

_CELLS = re.compile(r"\t+|\s{2,}")
_WORDS = re.compile(r"\s+")
#: A number's unit or suffix left alone after a space by the extraction (``2020 年``, ``4.2 %``).
_UNIT_AFTER_NUMBER = re.compile(r"[^\s\d.,，、]")


def _split_cells(row: str, sep: re.Pattern) -> list[str]:
    cells: list[str] = []
    for c in sep.split(row.strip()):
        if not c:
            continue
        if sep is _WORDS and cells and len(c) == 1 and _UNIT_AFTER_NUMBER.match(c) and cells[-1][-1:].isdigit():
            cells[-1] += " " + c  # "2020 年" is one cell
        else:
            cells.append(c)
    return cells


def _rows_as_table(rows: list[str]) -> tuple[str | None, list[list[str]]] | None:
    """(caption, cells) when consecutive rows read as a table, else None. Cells are split at
    tabs or runs of spaces; failing that, at single spaces when every row then has the same
    number (three or more) of cells. A first row with fewer cells over such rows is the
    table's caption."""
    for sep, least in ((_CELLS, 2), (_WORDS, 3)):
        cells = [_split_cells(r, sep) for r in rows]
        for caption, body in ((None, cells), (rows[0].strip(), cells[1:])):
            width = len(body[0]) if body else 0
            if len(body) >= 2 and width >= least and all(len(c) == width for c in body):
                if caption is None or len(cells[0]) < width:
                    return caption, body
    return None


#: Characters XML 1.0 does not allow (a .docx is XML): C0 controls other than tab, line feed
#: and carriage return, U+FFFE/U+FFFF and lone surrogates. Vertical tab and form feed become
#: line breaks (Word's own meaning of a vertical tab); the rest are dropped, except a lone
#: surrogate, which becomes U+FFFD so the reader sees that a character was there.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_XML_REPLACEMENT = {"\x0b": "\n", "\x0c": "\n"}
#: Characters python-docx turns into elements of their own in a run (tab, line breaks).
_RUN_SPECIAL = re.compile("[\t\n\r]")
#: Word refuses core properties (the document's title) longer than this.
_CORE_PROPERTY_MAX = 255


def xml_text(text: str) -> str:
    """``text`` with the characters a .docx cannot hold mapped or removed (see _XML_ILLEGAL)."""
    if not _XML_ILLEGAL.search(text):
        return text
    return _XML_ILLEGAL.sub(
        lambda m: _XML_REPLACEMENT.get(m.group(), "\ufffd" if "\ud800" <= m.group() <= "\udfff" else ""), text
    )


class _Body:
    """Appends paragraphs and tables to the end of a python-docx document in constant time.

    python-docx's ``Document.add_paragraph`` and ``add_table`` look for the body's closing
    ``w:sectPr`` among all of the body's children on every call, ``add_table`` also measures
    the page by searching the whole body for section properties, and setting a style by name
    searches the styles part: a volume's export was quadratic in its paragraphs (2.5 s for
    000, minutes for ten times 000). Here the ``w:sectPr`` is found once and every new element
    goes in just before it, and style ids are looked up once per name, so the XML is the
    same as python-docx's own and the time is linear."""

    def __init__(self, document):
        from docx.enum.style import WD_STYLE_TYPE

        self.document = document
        self.container = document._body  # the BlockItemContainer python-docx adds to
        self.body = document.element.body
        self.end = self.body.sectPr  # the body's last child, or None
        self.width = document._block_width  # the last section's text width, as add_table takes it
        self.part = document.part
        self.types = WD_STYLE_TYPE
        self.style_ids: dict[tuple[str, object], str | None] = {}

    def _style_id(self, name: str, kind):
        key = (name, kind)
        if key not in self.style_ids:
            self.style_ids[key] = self.part.get_style_id(name, kind)
        return self.style_ids[key]

    def _append(self, element):
        if self.end is not None:
            self.end.addprevious(element)
        else:
            self.body.append(element)
        return element

    def paragraph(self, text: str = "", style: str | None = None):
        from docx.text.paragraph import Paragraph

        paragraph = Paragraph(self._append(self.body._new_p()), self.container)
        if text:
            self.run(paragraph, text)
        if style is not None:
            self.set_style(paragraph, style)
        return paragraph

    @staticmethod
    def run(paragraph, text: str):
        """``paragraph.add_run(text)``: text without tabs or line breaks goes into one
        ``w:t`` at once, as python-docx would put it after looking at every character."""
        run = paragraph.add_run()
        if _RUN_SPECIAL.search(text):
            run.text = text
        elif text:
            run._r.add_t(text)
        return run

    def heading(self, text: str, level: int):
        return self.paragraph(text, "Title" if level == 0 else f"Heading {level}")

    @staticmethod
    def _style_first(element, props: str, tag: str, style_id: str | None) -> None:
        """``element``'s style, for an element without properties yet: ``props`` holding
        ``tag`` goes first, without python-docx's search for where its children belong."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        if style_id is None:  # the default style is written as no style
            return
        holder = OxmlElement(props)
        holder.append(OxmlElement(tag, {qn("w:val"): style_id}))
        element.insert(0, holder)

    def set_style(self, paragraph, style: str) -> None:
        style_id = self._style_id(style, self.types.PARAGRAPH)
        if paragraph._p.pPr is None:
            self._style_first(paragraph._p, "w:pPr", "w:pStyle", style_id)
        else:
            paragraph._p.style = style_id

    def run_style(self, run, style: str) -> None:
        self._style_first(run._r, "w:rPr", "w:rStyle", self._style_id(style, self.types.CHARACTER))

    def table(self, rows: int, cols: int, style: str):
        from docx.oxml.table import CT_Tbl
        from docx.table import Table

        table = Table(self._append(CT_Tbl.new_tbl(rows, cols, self.width)), self.container)
        table._tbl.tblStyle_val = self._style_id(style, self.types.TABLE)
        return table


class PythonDocxBody:
    """The same operations through python-docx's own API (quadratic): the reference that
    tests compare :class:`_Body`'s XML with and that the Word benchmark times as "before"."""

    def __init__(self, document):
        self.document = document

    def paragraph(self, text: str = "", style: str | None = None):
        return self.document.add_paragraph(text, style)

    def heading(self, text: str, level: int):
        return self.document.add_heading(text, level)

    @staticmethod
    def run(paragraph, text: str):
        return paragraph.add_run(text)

    @staticmethod
    def set_style(paragraph, style: str) -> None:
        paragraph.style = style

    @staticmethod
    def run_style(run, style: str) -> None:
        run.style = style

    def table(self, rows: int, cols: int, style: str):
        table = self.document.add_table(rows=rows, cols=cols)
        table.style = style
        return table


#: Prefix of the bookmark on an indexed node's first paragraph (a leading ``_`` hides it in
#: Word's bookmark list).
BOOKMARK_PREFIX = "_YbNode"
TOC_PLACEHOLDER = "（目录在 Word 中打开时生成；也可右击此处选“更新域”。）"


def _front_matter(document, title: str, paper):
    """Title page and the table of contents: a section of its own without page numbers; the
    volume's section numbers its pages from 1. Returns the TOC field's first paragraph."""
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_BREAK

    ws.setup_section(document.sections[0], paper, numbered=False)
    document.add_paragraph(title, style="Title")
    document.add_paragraph("校正稿", style=ws.NOTE_STYLE)
    document.add_paragraph(f"导出日期：{date.today().isoformat()}", style=ws.NOTE_STYLE)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("目录", style=ws.TOC_HEADING_STYLE)
    toc = document.add_paragraph(style="toc 1")
    body = document.add_section(WD_SECTION.NEW_PAGE)
    ws.setup_section(body, paper, numbered=True, restart=True)
    return toc


def _fill_toc(document, first, entries: list[tuple[int, str, str]]) -> None:
    """The TOC field with its result written out: one paragraph per heading of the first
    ``TOC_LEVELS`` levels, its page a PAGEREF to the heading's bookmark. Word rebuilds it on
    opening (``updateFields``); programs that do not (LibreOffice, WPS) show it as written,
    with the page references they compute."""
    from docx.text.paragraph import Paragraph

    instruction = f'TOC \\o "1-{ws.TOC_LEVELS}" \\h \\z \\u'
    if not entries:
        ws.field_start(first, instruction)
        first.add_run(TOC_PLACEHOLDER)
        ws.field_end(first)
        return
    from docx.enum.style import WD_STYLE_TYPE

    at = first._p
    style_ids = {}
    for n, (level, text, name) in enumerate(entries):
        if n == 0:
            p = first
            p.style = f"toc {level}"
            ws.field_start(p, instruction)
        else:
            at.addnext(document.element.body._new_p())
            at = at.getnext()
            p = Paragraph(at, first._parent)
            if level not in style_ids:
                style_ids[level] = document.part.get_style_id(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
            at.style = style_ids[level]
        ws.toc_line(p, text, name)
    ws.field_end(p)


def _index_targets(index) -> set[int]:
    return {ref.node_id for term in index or () for ref in term.refs}


def _write_index(body, index, bookmarks: dict[int, str]):
    """The subject index: each reference is the entry's outline path and, when the entry is in
    this document, its page through a PAGEREF field to the entry's bookmark. Returns the
    index's heading."""
    heading = body.heading("主题索引", level=1)
    for term in index:
        p = body.paragraph(style=ws.INDEX_STYLE)
        body.run(p, xml_text(term.term) + "\u3000")
        for n, ref in enumerate(term.refs):
            text = ("；" if n else "") + xml_text(ref.path)
            name = bookmarks.get(ref.node_id)
            if name is None:
                body.run(p, text)
                continue
            body.run(p, text + "（第 ")
            ws.field(p, f"PAGEREF {name} \\h", "?")
            body.run(p, " 页）")
    return heading


def build_docx(doc, progress: Progress = NO_PROGRESS, index=None, *, paper: str = ws.DEFAULT_PAPER) -> bytes:
    """The .docx of ``doc``. ``index``: the subject index (``subject_index.build_index``);
    ``paper``: a key of :data:`word_style.PAPERS` (``"a4"``, ``"16k"``)."""
    import docx

    from ..parse.outline import run_in_head

    sheet = ws.paper(paper)
    document = docx.Document()
    ws.setup_styles(document, sheet)
    ws.setup_settings(document)
    ws.setup_parts(document)
    title = xml_text(doc.title)
    document.core_properties.title = title[:_CORE_PROPERTY_MAX]
    document.core_properties.language = "zh-CN"
    toc = _front_matter(document, title, sheet)
    body = _Body(document)
    rows: list[str] = []
    wanted = _index_targets(index)
    bookmarks: dict[int, str] = {}
    toc_entries: list[tuple[int, str, str]] = []
    marks = itertools.count(1)  # bookmark ids

    def in_contents(p, level: int, text: str) -> None:
        if level <= ws.TOC_LEVELS:
            toc_entries.append((level, text, f"_Toc{len(toc_entries) + 1}"))
            ws.bookmark(p, next(marks), toc_entries[-1][2])

    def flush_rows():
        if not rows:
            return
        found = _rows_as_table(rows)
        if found:
            caption, table = found
            if caption:
                body.paragraph(caption, ws.CAPTION_STYLE)
            t = body.table(len(table), len(table[0]), "Table Grid")
            ws.table_borders(t)
            for row, values in zip(t.rows, table, strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.text = value
                    body.set_style(cell.paragraphs[0], ws.TABLE_STYLE)
        else:
            for r in rows:
                body.paragraph(r)
        rows.clear()

    for n, (kind, text, body_text, item) in enumerate(paragraphs(doc)):
        if n % 500 == 0:
            progress(n, len(doc.items) or 1, "生成 Word 文档")
        text, body_text = xml_text(text), xml_text(body_text)
        if kind == BlockKind.ROW:
            rows.append(text)
            continue
        flush_rows()
        if kind == "entry":
            p = body.paragraph()
            body.run_style(body.run(p, text), ws.ENTRY_STYLE)
            if body_text:
                body.run(p, body_text)
        elif kind == BlockKind.HEADING:
            level = min(9, heading_level(item))
            head = run_in_head(text) if item.kind == BlockKind.PARAGRAPH else ""
            p = body.heading(head or text, level=level)
            in_contents(p, level, head or text)
            rest = text[len(head):].strip() if head else ""
            if rest:  # a numbered part whose heading runs into its text: heading, then the text
                body.paragraph(rest)
        elif kind == META or (item.role == "credit" and item.node_kind in ("document", "section")):
            p = body.paragraph(text, ws.META_STYLE)
        elif item.role == "credit":
            p = body.paragraph(text, ws.CREDIT_STYLE)
        else:
            p = body.paragraph(text)
        if item.node_id in wanted and item.node_id not in bookmarks:
            bookmarks[item.node_id] = f"{BOOKMARK_PREFIX}{item.node_id}"
            ws.bookmark(p, next(marks), bookmarks[item.node_id])
    flush_rows()
    if index:
        in_contents(_write_index(body, index, bookmarks), 1, "主题索引")
    _fill_toc(document, toc, toc_entries)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def export_docx(
    store: Store,
    volume_id: int,
    path,
    *,
    options: ExportOptions = ExportOptions(),
    progress: Progress = NO_PROGRESS,
    paper: str | None = None,
) -> int:
    """Write the volume as a .docx; ``paper`` (else ``options.paper``) is ``"a4"`` (default) or
    ``"16k"`` (184 × 260 mm)."""
    paper = paper or options.paper
    ws.paper(paper)  # refuse an unknown size before any work
    with volume_snapshot(store, volume_id, [path], options, progress):
        doc = build_document(store, volume_id, options, progress.part(0.0, 0.2), untitled_headings=True)
        index = None
        if options.include_index:
            from ..subject_index import build_index

            index = build_index(store, volume_id)
    data = build_docx(doc, progress.part(0.2, 0.95), index, paper=paper)
    progress(1, 1, "写入文件")
    write_export(store, path, data, options)
    return len(doc.items)
