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
from ._atomic import write_atomic
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


def build_docx(doc, progress: Progress = NO_PROGRESS, index: list[str] | None = None) -> bytes:
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    _setup_styles(document)
    document.core_properties.title = doc.title
    document.add_paragraph(doc.title, style="Title")
    document.add_paragraph("校正稿")
    document.add_paragraph(f"导出日期：{date.today().isoformat()}")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    rows: list[str] = []

    def flush_rows():
        if not rows:
            return
        table = _rows_as_table(rows)
        if table:
            t = document.add_table(rows=len(table), cols=len(table[0]))
            t.style = "Table Grid"
            for r, values in enumerate(table):
                for c, value in enumerate(values):
                    t.cell(r, c).text = value
        else:
            for r in rows:
                document.add_paragraph(r)
        rows.clear()

    for n, (kind, text, body, item) in enumerate(paragraphs(doc)):
        if n % 500 == 0:
            progress(n, len(doc.items) or 1, "生成 Word 文档")
        if kind == BlockKind.ROW:
            rows.append(text)
            continue
        flush_rows()
        if kind == "entry":
            p = document.add_paragraph()
            p.add_run(text).bold = True
            if body:
                p.add_run(" " + body)
        elif kind == BlockKind.HEADING:
            document.add_heading(text, level=min(9, heading_level(item)))
        else:
            document.add_paragraph(text)
    flush_rows()
    if index:
        document.add_heading(index[0], level=1)
        for line in index[1:]:
            document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def export_docx(
    store: Store, volume_id: int, path, *, options: ExportOptions = ExportOptions(), progress: Progress = NO_PROGRESS
) -> int:
    doc = build_document(store, volume_id, options, progress.part(0.0, 0.2))
    index = None
    if options.include_index:
        from ..subject_index import index_lines

        index = index_lines(store, volume_id)
    data = build_docx(doc, progress.part(0.2, 0.95), index)
    progress(1, 1, "写入文件")
    write_atomic(path, data)
    return len(doc.items)
