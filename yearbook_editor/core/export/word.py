"""Word (.docx) through python-docx: a title page, heading styles per level, entry titles
in bold within 【】 at the start of their first paragraph, tables where rows split into the
same number of cells. Chinese fonts are set for the East Asian script (宋体 for text, 黑体
for headings) so Word, WPS and LibreOffice show it as a Chinese document."""

from __future__ import annotations

import io
import re
from datetime import date

from ..model import BlockKind
from ..progress import NO_PROGRESS, Progress
from ..store import Store
from ._guard import volume_snapshot, write_export
from .document import ExportOptions, build_document, heading_level, paragraphs

_CELLS = re.compile(r"\t+|\s{2,}")


def _east_asian(style_or_run, font: str) -> None:
    from docx.oxml.ns import qn

    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), font)


def _setup_styles(document) -> None:
    from docx.shared import Pt

    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(10.5)
    _east_asian(normal, "宋体")
    for level in range(1, 10):
        try:
            style = document.styles[f"Heading {level}"]
        except KeyError:
            continue
        _east_asian(style, "黑体")
    _east_asian(document.styles["Title"], "黑体")


def _rows_as_table(rows: list[str]):
    cells = [[c for c in _CELLS.split(r.strip()) if c] for r in rows]
    width = len(cells[0])
    if len(rows) >= 2 and width >= 2 and all(len(c) == width for c in cells):
        return cells
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
            paragraph._p.style = self._style_id(style, self.types.PARAGRAPH)
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

    def table(self, rows: int, cols: int, style: str):
        table = self.document.add_table(rows=rows, cols=cols)
        table.style = style
        return table


def build_docx(doc, progress: Progress = NO_PROGRESS, index: list[str] | None = None) -> bytes:
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    _setup_styles(document)
    title = xml_text(doc.title)
    document.core_properties.title = title[:_CORE_PROPERTY_MAX]
    body = _Body(document)
    body.paragraph(title, style="Title")
    body.paragraph("校正稿")
    body.paragraph(f"导出日期：{date.today().isoformat()}")
    body.paragraph().add_run().add_break(WD_BREAK.PAGE)
    rows: list[str] = []

    def flush_rows():
        if not rows:
            return
        table = _rows_as_table(rows)
        if table:
            t = body.table(len(table), len(table[0]), "Table Grid")
            for row, values in zip(t.rows, table, strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.text = value
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
            body.run(p, text).bold = True
            if body_text:
                body.run(p, " " + body_text)
        elif kind == BlockKind.HEADING:
            body.heading(text, level=min(9, heading_level(item)))
        else:
            body.paragraph(text)
    flush_rows()
    if index:
        body.heading(xml_text(index[0]), level=1)
        for line in index[1:]:
            body.paragraph(xml_text(line))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def export_docx(
    store: Store, volume_id: int, path, *, options: ExportOptions = ExportOptions(), progress: Progress = NO_PROGRESS
) -> int:
    with volume_snapshot(store, volume_id, [path], options, progress):
        doc = build_document(store, volume_id, options, progress.part(0.0, 0.2))
        index = None
        if options.include_index:
            from ..subject_index import index_lines

            index = index_lines(store, volume_id)
    data = build_docx(doc, progress.part(0.2, 0.95), index)
    progress(1, 1, "写入文件")
    write_export(store, path, data, options)
    return len(doc.items)
