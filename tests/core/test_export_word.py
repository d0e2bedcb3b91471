"""The Word export looks like a Chinese book and names its fonts as Word resolves them
(issue 16 item 9, issue 18 item 5, issue 14 item 4).

The package is read as XML: page size, fonts with no theme attribute, the two-character
indent, zh-CN, the footer's PAGE field, the TOC field, table borders, document metadata
lines, headings only where the outline has a node, the subject index's PAGEREF fields to
bookmarks. A slow test converts the sample volume's export with LibreOffice and reads the
PDF: A4 pages, Song and Hei fonts embedded, the first-line indent, numbered pages.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from yearbook_editor.core.edits import apply_edit
from yearbook_editor.core.errors import YearbookError
from yearbook_editor.core.export import ExportOptions, export_docx, word
from yearbook_editor.core.export.document import ExportDocument, Item
from yearbook_editor.core.store import Store
from yearbook_editor.core.structure import load_outline, walk
from yearbook_editor.core.tags import TagNodes, create_tag
from yearbook_editor.core.volumes import import_file

from ..conftest import seed_path

SAMPLE = Path(__file__).resolve().parents[2] / "yearbook_editor" / "resources" / "sample" / "河西区年鉴2021-示例.txt"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def parts(path_or_bytes) -> dict[str, etree._Element]:
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    z = zipfile.ZipFile(io.BytesIO(data))
    return {name: etree.fromstring(z.read(name)) for name in z.namelist() if name.endswith(".xml")}


def style(styles, style_id: str):
    found = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
    assert found is not None, style_id
    return found


def text_of(p) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    path = tmp_path_factory.mktemp("word") / "s.db"
    with Store(path) as s:
        yield s, import_file(s, SAMPLE).volume_id


@pytest.fixture(scope="module")
def sample_docx(sample, tmp_path_factory):
    store, vid = sample
    out = tmp_path_factory.mktemp("out") / "sample.docx"
    export_docx(store, vid, out)
    return out


def test_a4_by_default_and_16k_as_an_option(sample, tmp_path):
    store, vid = sample
    for paper, size in ((None, ("11906", "16838")), ("16k", ("10431", "14740"))):
        out = tmp_path / f"{paper}.docx"
        export_docx(store, vid, out, **({"paper": paper} if paper else {}))
        body = parts(out)["word/document.xml"].find("w:body", NS)
        sections = body.findall(".//w:sectPr", NS)
        assert len(sections) == 2  # title page and contents; the volume
        for sect in sections:
            pg = sect.find("w:pgSz", NS)
            assert (pg.get(w("w")), pg.get(w("h"))) == size
    with pytest.raises(YearbookError, match="纸张规格"):
        export_docx(store, vid, tmp_path / "x.docx", paper="letter")
    assert not (tmp_path / "x.docx").exists()


def test_fonts_are_explicit_with_no_theme_attribute_and_chinese_language(sample_docx):
    p = parts(sample_docx)
    styles = p["word/styles.xml"]
    themed = [a for el in styles.iter() for a in el.attrib if re.search(r"[Tt]heme", etree.QName(a).localname)]
    assert themed == []  # no asciiTheme/eastAsiaTheme/hAnsiTheme/cstheme, no themeColor
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert defaults.find("w:rFonts", NS).get(w("eastAsia")) == "SimSun"
    assert defaults.find("w:lang", NS).get(w("eastAsia")) == "zh-CN"

    normal = style(styles, "Normal")
    assert normal.find("w:rPr/w:rFonts", NS).get(w("eastAsia")) == "SimSun"
    ind = normal.find("w:pPr/w:ind", NS)
    assert ind.get(w("firstLineChars")) == "200" and ind.get(w("firstLine")) == "420"  # two 五号 characters

    sizes = []
    for sid in ("Title", "Heading1", "Heading2", "Heading3", "Heading4", "Heading5"):
        rpr = style(styles, sid).find("w:rPr", NS)
        assert rpr.find("w:rFonts", NS).get(w("eastAsia")) == "SimHei", sid
        assert rpr.find("w:color", NS).get(w("val")) == "000000", sid
        assert rpr.find("w:i", NS) is None, sid
        sizes.append(int(rpr.find("w:sz", NS).get(w("val"))))
        ind = style(styles, sid).find("w:pPr/w:ind", NS)
        assert ind is None or ind.get(w("firstLine")) in (None, "0"), sid
    assert sizes == sorted(sizes, reverse=True) and len(set(sizes)) == len(sizes)
    for sid in ("Title", "Heading1", "Heading2", "TOCHeading"):
        assert style(styles, sid).find("w:pPr/w:jc", NS).get(w("val")) == "center", sid
    for level in range(1, 10):
        assert style(styles, f"Heading{level}").find("w:pPr/w:outlineLvl", NS).get(w("val")) == str(level - 1)

    settings = p["word/settings.xml"]
    lang = settings.find("w:themeFontLang", NS)
    assert lang.get(w("eastAsia")) == "zh-CN"
    assert settings.find("w:updateFields", NS).get(w("val")) == "true"
    fonts = {f.get(w("name")): f for f in p["word/fontTable.xml"].findall("w:font", NS)}
    assert fonts["SimSun"].find("w:altName", NS).get(w("val")) == "Songti SC"
    assert fonts["SimHei"].find("w:altName", NS).get(w("val")) == "Heiti SC"
    assert fonts["SimSun"].find("w:charset", NS).get(w("val")) == "86"
    assert not any(re.search("[\u3040-\u30ff\uff00-\uffef]", name) for name in fonts)  # no ＭＳ 明朝
    assert "word/stylesWithEffects.xml" not in p  # Word 2010's copy of the template's themed styles
    assert not [n for n in zipfile.ZipFile(sample_docx).namelist() if "thumbnail" in n]


def test_footer_page_numbers_toc_field_and_bordered_tables(sample_docx):
    p = parts(sample_docx)
    doc = p["word/document.xml"]
    body = doc.find("w:body", NS)
    instructions = [t.text.strip() for t in doc.iter(w("instrText"))]
    assert instructions[0].startswith("TOC \\o") and "\\h" in instructions[0]
    # the contents list each 类目 and 分目 with a PAGEREF to a bookmark on its heading
    marks = {b.get(w("name")) for b in doc.iter(w("bookmarkStart"))}
    toc_refs = [i.split()[1] for i in instructions if i.startswith("PAGEREF _Toc")]
    assert toc_refs and set(toc_refs) <= marks
    headings = [q for q in body.iter(w("p")) if (q.find("w:pPr/w:pStyle", NS) is not None
                and q.find("w:pPr/w:pStyle", NS).get(w("val")) in ("Heading1", "Heading2"))]
    assert len(toc_refs) == len(headings)
    # the title page and contents have no footer; the volume's pages are numbered from 1
    front, volume = body.findall(".//w:sectPr", NS)
    assert front.find("w:footerReference", NS) is None
    assert volume.find("w:pgNumType", NS).get(w("start")) == "1"
    footers = [v for k, v in p.items() if k.startswith("word/footer")]
    assert len(footers) == 1
    assert [t.text.strip() for t in footers[0].iter(w("instrText"))] == ["PAGE"]
    assert footers[0].find(".//w:jc", NS).get(w("val")) == "center"
    # tables: borders on every side, written on the table itself
    tables = body.findall(".//w:tbl", NS)
    assert tables
    for tbl in tables:
        borders = tbl.find("w:tblPr/w:tblBorders", NS)
        assert {etree.QName(b).localname for b in borders} == {"top", "left", "bottom", "right", "insideH",
                                                                "insideV"}
        assert all(b.get(w("val")) == "single" for b in borders)
        cell_styles = {q.find("w:pPr/w:pStyle", NS).get(w("val")) for q in tbl.iter(w("p"))}
        assert cell_styles == {"TableText"}  # no first-line indent in cells


def _document_volume() -> ExportDocument:
    """A 类目 with a report: title, occasion over two lines, author, date (a credit line),
    salutation, text, a section; then an entry with its contributor."""
    rows = [  # kind, text, role, node, node kind, depth, names its node
        ("heading", "特载", "", 1, "category", 1, True),
        ("heading", "政府工作报告", "", 2, "document", 2, True),
        ("heading", "2020年1月3日在示例区第十八届", "", 2, "document", 2, False),
        ("heading", "人民代表大会第四次会议上", "", 2, "document", 2, False),
        ("heading", "示例区人民政府区长 某某", "", 2, "document", 2, False),
        ("paragraph", "（2020 年 1 月 3 日）", "credit", 2, "document", 2, False),
        ("paragraph", "各位代表：", "", 2, "document", 2, False),
        ("paragraph", "现在，我代表区人民政府向大会报告工作。", "", 2, "document", 2, False),
        ("heading", "一、过去一年的工作", "numbered", 3, "section", 3, True),
        ("paragraph", "一年来，全区经济平稳增长。", "", 3, "section", 3, False),
        ("heading", "经济", "", 4, "category", 1, True),
        ("entry_title", "【农业】", "", 5, "entry", 2, True),
        ("paragraph", "粮食增产一成。", "", 5, "entry", 2, False),
        ("paragraph", "（张三）", "credit", 5, "entry", 2, False),
    ]
    doc = ExportDocument(title="示例年鉴", volume_id=1)
    doc.items = [Item(kind, text, n, role, node, nkind, depth, title)
                 for n, (kind, text, role, node, nkind, depth, title) in enumerate(rows, 1)]
    return doc


def test_document_metadata_centred_in_italics_under_its_title_and_not_headings():
    package = parts(word.build_docx(_document_volume()))
    doc, styles = package["word/document.xml"], package["word/styles.xml"]
    rows = []
    for q in doc.iter(w("p")):
        ps = q.find("w:pPr/w:pStyle", NS)
        rows.append((ps.get(w("val")) if ps is not None else "Normal", text_of(q)))
    body = rows[rows.index(("Heading1", "特载")):]
    assert body[:9] == [
        ("Heading1", "特载"),
        ("Heading2", "政府工作报告"),
        ("DocumentMeta", "2020年1月3日在示例区第十八届"),
        ("DocumentMeta", "人民代表大会第四次会议上"),
        ("DocumentMeta", "示例区人民政府区长 某某"),
        ("DocumentMeta", "（2020 年 1 月 3 日）"),
        ("Normal", "各位代表："),
        ("Normal", "现在，我代表区人民政府向大会报告工作。"),
        ("Heading3", "一、过去一年的工作"),
    ]
    assert ("Normal", "【农业】粮食增产一成。") in body and ("Credit", "（张三）") in body
    meta = style(styles, "DocumentMeta")
    assert meta.find("w:pPr/w:jc", NS).get(w("val")) == "center"
    assert meta.find("w:rPr/w:i", NS) is not None
    assert meta.find("w:pPr/w:outlineLvl", NS) is None  # not in the navigation pane
    assert style(styles, "Credit").find("w:pPr/w:jc", NS).get(w("val")) == "right"
    entry = next(r for r in doc.iter(w("r")) if text_of(r) == "【农业】")
    assert entry.find("w:rPr/w:rStyle", NS).get(w("val")) == "EntryTitle"
    assert style(styles, "EntryTitle").find("w:rPr/w:rFonts", NS).get(w("eastAsia")) == "SimHei"


def test_navigation_pane_shows_the_outline_of_000(tmp_path):
    """Headings (what Word's navigation pane lists) are exactly the outline's nodes above the
    entries, in order, at their depth; no metadata line, table cell or name is one."""
    with Store(tmp_path / "s.db") as s:
        vid = import_file(s, seed_path("000")).volume_id
        export_docx(s, vid, tmp_path / "000.docx")
        nodes = [(min(9, n.depth), n.title.strip()) for n in walk(load_outline(s, vid))
                 if n.kind != "entry" and n.title.strip()]
    doc = parts(tmp_path / "000.docx")["word/document.xml"]
    heads = []
    for q in doc.iter(w("p")):
        ps = q.find("w:pPr/w:pStyle", NS)
        m = re.fullmatch(r"Heading(\d)", ps.get(w("val")) if ps is not None else "")
        if m:
            heads.append((int(m.group(1)), text_of(q).strip()))
    assert len(heads) == len(nodes)
    # a heading that runs into its text (一、… 。text) is printed as the heading, then the text
    wrong = [(h, n) for h, n in zip(heads, nodes, strict=True) if h[0] != n[0] or not n[1].startswith(h[1])]
    assert wrong == []
    assert [d for d, _ in heads if d == 1] and all(1 <= d <= 9 for d, _ in heads)
    metas = [q for q in doc.iter(w("p")) if q.find("w:pPr/w:pStyle[@w:val='DocumentMeta']", NS) is not None]
    assert len(metas) > 20  # the 特载 reports' occasion, author and date lines


def test_subject_index_refers_to_pages_of_the_exported_document(sample, tmp_path):
    store, vid = sample
    entries = [n for n in walk(load_outline(store, vid)) if n.kind == "entry"]
    tag = create_tag(store, "人口", "index")
    apply_edit(store, TagNodes((entries[0].id, entries[-1].id), tag), author="t")
    out = tmp_path / "i.docx"
    export_docx(store, vid, out, options=ExportOptions(include_index=True))
    doc = parts(out)["word/document.xml"]
    marks = {b.get(w("name")): b for b in doc.iter(w("bookmarkStart"))}
    for node in (entries[0], entries[-1]):
        start = marks[f"{word.BOOKMARK_PREFIX}{node.id}"]
        title = node.title.strip("【】[] ")
        assert text_of(start.getparent()).lstrip("【[").startswith(title)  # on the entry's own paragraph
    paras = list(doc.iter(w("p")))
    at = next(i for i, q in enumerate(paras) if text_of(q) == "主题索引")
    line = next(q for q in paras[at:] if text_of(q).startswith("人口\u3000"))
    refs = [t.text.strip() for t in line.iter(w("instrText"))]
    assert refs == [f"PAGEREF {word.BOOKMARK_PREFIX}{n.id} \\h" for n in (entries[0], entries[-1])]
    assert text_of(line).startswith("人口\u3000") and "（第 " in text_of(line)
    assert "约" not in text_of(line)  # no page of the source book
    contents = {t.text.split()[1] for t in doc.iter(w("instrText")) if t.text.strip().startswith("PAGEREF _Toc")}
    assert {b.get(w("name")) for b in paras[at].iter(w("bookmarkStart"))} & contents  # the index is in the contents


def test_an_indexed_node_left_out_of_the_export_is_named_by_its_path(sample, tmp_path):
    store, vid = sample
    outline = load_outline(store, vid)
    cats = [c for c in outline if c.kind == "category" and any(n.kind == "entry" for n in walk([c]))]
    assert len(cats) >= 2
    inside = next(n for n in walk([cats[-1]]) if n.kind == "entry")
    outside = next(n for n in walk([cats[0]]) if n.kind == "entry")
    tag = create_tag(store, "示例", "index")
    apply_edit(store, TagNodes((outside.id, inside.id), tag), author="t")
    out = tmp_path / "part.docx"
    export_docx(store, vid, out, options=ExportOptions(node_ids=(cats[-1].id,), include_index=True))
    doc = parts(out)["word/document.xml"]
    paras = list(doc.iter(w("p")))
    line = next(q for q in paras if text_of(q).startswith("示例\u3000"))
    assert [t.text.strip() for t in line.iter(w("instrText"))] == [f"PAGEREF {word.BOOKMARK_PREFIX}{inside.id} \\h"]
    assert outside.title.strip() in text_of(line)


# -- LibreOffice: the pages as a reader sees them ---------------------------------------------

SONG = re.compile(r"SimSun|Song|宋|Serif ?CJK|SourceHanSerif|SerifCJK|Ming|UMing", re.I)
HEI = re.compile(r"SimHei|Hei|黑|Sans ?CJK|SourceHanSans|SansCJK|YaHei|WenQuanYi|ZenHei", re.I)


#: A LibreOffice Basic macro that does what Word does on opening the export (``updateFields``):
#: update the table of contents and the fields, then print to PDF.
UPDATE_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub UpdateAndExport(inUrl As String, outUrl As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(inUrl, &quot;_blank&quot;, 0, args())
  indexes = doc.getDocumentIndexes()
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
  Next i
  doc.getTextFields().refresh()
  Dim out(0) As New com.sun.star.beans.PropertyValue
  out(0).Name = &quot;FilterName&quot;
  out(0).Value = &quot;writer_pdf_Export&quot;
  doc.storeToURL(outUrl, out())
  doc.close(True)
End Sub
</script:module>
"""


def to_pdf(docx: Path, out_dir: Path, *, update_fields: bool = False) -> Path:
    """Convert with LibreOffice in a profile of its own (another soffice may be running);
    ``update_fields``: first update the contents and fields, as Word does on opening."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    profile = out_dir / "profile"
    env = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless"]
    pdf = out_dir / (docx.stem + ".pdf")
    if update_fields:
        subprocess.run([*env, "--terminate_after_init"], check=True, capture_output=True, timeout=300)
        (profile / "user" / "basic" / "Standard" / "Module1.xba").write_text(UPDATE_MACRO, encoding="utf-8")
        macro = f'macro:///Standard.Module1.UpdateAndExport("{docx.resolve().as_uri()}","{pdf.resolve().as_uri()}")'
        subprocess.run([*env, macro], check=True, capture_output=True, timeout=300)
    else:
        subprocess.run([*env, "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)], check=True,
                       capture_output=True, timeout=300)
    assert pdf.exists()
    return pdf


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          encoding="utf-8", check=True).stdout
    return text.split("\f")[:-1]


def first_numbered(texts: list[str]) -> int:
    """Index of the page whose footer reads 1 (the volume's first page)."""
    return next(i for i, t in enumerate(texts) if t.split()[-1:] == ["1"])


def needs_libreoffice(test):
    """Slow; skipped where LibreOffice or poppler-utils are not installed."""
    test = pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils absent")(test)
    test = pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                              reason="LibreOffice absent")(test)
    return pytest.mark.slow(test)


@needs_libreoffice
def test_libreoffice_prints_a4_pages_in_song_and_hei_with_indent_and_page_numbers(sample_docx, tmp_path):
    pdf = to_pdf(sample_docx, tmp_path)
    info = subprocess.run(["pdfinfo", "-enc", "UTF-8", str(pdf)], capture_output=True, encoding="utf-8",
                          check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1  # A4
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 3

    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, encoding="utf-8", errors="replace",
                           check=True).stdout
    names = [line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]]
    assert any(SONG.search(n) for n in names), names  # the body
    assert any(HEI.search(n) and not SONG.search(n) for n in names), names  # the headings

    # page numbers: the volume's first page is numbered 1, the title page carries none
    texts = pdf_pages(pdf)
    assert len(texts) == pages and texts[0].split()[-1] != "1"
    first = first_numbered(texts)
    assert first >= 2 and texts[-1].split()[-1] == str(pages - first)

    # the first-line indent: paragraphs start two characters (2 × 10.5 pt) right of the margin
    # where their following lines start
    from collections import Counter

    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    lines = etree.fromstring(xml, etree.HTMLParser()).iter("line")
    starts = Counter(round(float(line.get("xmin")), 1) for line in lines)
    margin = starts.most_common(1)[0][0]
    assert abs(margin - 31.8 / 25.4 * 72) < 1.5  # the A4 left margin, 31.8 mm
    indented = sum(n for x, n in starts.items() if abs(x - margin - 21) < 1)
    assert indented >= 10, starts


@needs_libreoffice
def test_libreoffice_resolves_the_index_page_references_to_the_entries_pages(tmp_path):
    with Store(tmp_path / "s.db") as s:
        vid = import_file(s, SAMPLE).volume_id
        entries = [n for n in walk(load_outline(s, vid)) if n.kind == "entry"]
        chosen = (entries[0], entries[len(entries) // 2], entries[-1])
        apply_edit(s, TagNodes(tuple(n.id for n in chosen), create_tag(s, "人口", "index")), author="t")
        export_docx(s, vid, tmp_path / "i.docx", options=ExportOptions(include_index=True))
    texts = pdf_pages(to_pdf(tmp_path / "i.docx", tmp_path))
    first = first_numbered(texts)
    index = re.sub(r"\s+", "", next(t for t in texts[first:] if "主题索引" in t))  # not the contents' line
    pages = [int(n) for n in re.findall(r"（第(\d+)页）", index)]
    assert len(pages) == len(chosen)
    for node, page in zip(chosen, pages, strict=True):
        assert node.title.strip("【】[] ") in re.sub(r"\s+", "", texts[first + page - 1]), (node.title, page)


@needs_libreoffice
def test_the_contents_once_updated_list_each_heading_with_its_page(sample, sample_docx, tmp_path):
    """What Word shows after it updates the TOC field on opening (LibreOffice shows the same
    after Tools ▸ Update ▸ Update All): every 类目 and 分目 with the page it is printed on."""
    texts = pdf_pages(to_pdf(sample_docx, tmp_path, update_fields=True))
    first = first_numbered(texts)
    line = re.compile(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", re.M)
    contents = [(re.sub(r"\s+", "", m.group(1)), int(m.group(2))) for t in texts[:first] for m in line.finditer(t)]
    heads = [re.sub(r"\s+", "", n.title) for n in walk(load_outline(*sample)) if n.kind != "entry" and n.depth <= 2]
    assert [title for title, _ in contents] == heads
    for title, page in contents:
        assert title in re.sub(r"\s+", "", texts[first + page - 1]), (title, page)
