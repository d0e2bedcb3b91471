"""The look of the Word export: a Chinese book, whatever program opens it.

python-docx's template is an English Word 2010 document: US Letter, Calibri/Cambria through
the theme, blue headings, Japanese theme fonts for East Asian text. Here its parts are set
to what an editor hands on:

* paper A4 (or 16开, 184 × 260 mm), body 宋体 五号 justified with a two-character first-line
  indent, headings in black 黑体 sized per level (类目 二号 … ), titles centred;
* fonts named explicitly in every style and in the document defaults, with no theme font
  attribute left anywhere in styles.xml: Word resolves ``w:eastAsiaTheme`` before
  ``w:eastAsia``, so a theme attribute would replace 宋体/黑体 by the theme's font;
* ``themeFontLang`` and ``w:lang`` East Asian zh-CN; the font table names 宋体 and 黑体 with
  their Windows metrics and the macOS fonts (Songti SC, Heiti SC) as ``w:altName``;
* the fonts are named SimSun and SimHei, their names in every version of Word and WPS (which
  show them as 宋体/黑体): fontconfig knows these names as a serif and a sans-serif, so
  LibreOffice on Linux substitutes a Song and a Hei font (Noto Serif/Sans CJK) where the
  Chinese names would fall back to one sans-serif for everything;
* ``updateFields`` so Word fills the table of contents and the page references on opening.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The East Asian and Latin fonts of body text and of headings.
BODY_FONT, BODY_LATIN = "SimSun", "Times New Roman"
HEADING_FONT, HEADING_LATIN = "SimHei", "Arial"
#: The font table's entries: (name, macOS alternate, panose, family, pitch) — 宋体 is SimSun,
#: 黑体 SimHei (charset 86, GB2312).
FONT_TABLE = (
    (BODY_FONT, "Songti SC", "02010600030101010101", "auto", "variable"),
    (HEADING_FONT, "Heiti SC", "02010609060101010101", "modern", "fixed"),
)
#: Sizes in half-points, as Chinese sizes: 一号 26, 二号 22, 三号 16, 四号 14, 小四 12, 五号 10.5, 小五 9.
BODY_SIZE = 21
TITLE_SIZE = 52
HEADING_SIZES = {1: 44, 2: 32, 3: 28, 4: 24}  # deeper levels: BODY_SIZE, bold
TABLE_SIZE = 18
#: Heading levels that are centred (类目 and 分目); deeper ones start at the left margin.
CENTRED_LEVELS = 2
LINE_SPACING = 300  # 240ths of a line: 1.25 lines

#: Custom paragraph styles (python-docx names them by their style id, spaces removed).
META_STYLE = "Document Meta"  # a document's occasion, author, date, salutation: centred, italic
CREDIT_STYLE = "Credit"  # an entry's contributor (撰稿人): right-aligned
TABLE_STYLE = "Table Text"  # cell text: no indent, smaller, single spacing
CAPTION_STYLE = "Table Caption"  # a table's caption: centred 黑体 over the table
INDEX_STYLE = "Index Entry"  # a line of the subject index: hanging indent
NOTE_STYLE = "Title Note"  # the lines under the title on the title page
ENTRY_STYLE = "Entry Title"  # character style of an entry's 【title】: 黑体, as yearbooks print it
TOC_HEADING_STYLE = "TOC Heading"
TOC_LEVELS = 2  # 类目 and 分目 (or a document's title)


@dataclass(frozen=True)
class Paper:
    name: str
    width_mm: float
    height_mm: float
    margin_mm: tuple[float, float, float, float]  # top, right, bottom, left

    @staticmethod
    def twips(mm: float) -> int:
        return round(mm * 1440 / 25.4)

    @property
    def size(self) -> tuple[int, int]:
        return self.twips(self.width_mm), self.twips(self.height_mm)

    @property
    def text_width(self) -> int:
        return self.size[0] - self.twips(self.margin_mm[1]) - self.twips(self.margin_mm[3])


#: Paper sizes of the Word export (``export_docx(..., paper=KEY)``). A4 is Word's 11906 × 16838
#: twips; 16开 is the common book format of yearbooks, 184 × 260 mm.
PAPERS = {
    "a4": Paper("A4", 210, 297, (25.4, 31.8, 25.4, 31.8)),
    "16k": Paper("16开", 184, 260, (22, 20, 22, 20)),
}
DEFAULT_PAPER = "a4"


def paper(key: str) -> Paper:
    from ..errors import YearbookError

    try:
        return PAPERS[key]
    except KeyError:
        names = "、".join(f"{k}（{p.name}）" for k, p in PAPERS.items())
        raise YearbookError(f"不认识纸张规格“{key}”，可用的规格是 {names}。") from None


# -- small XML helpers --------------------------------------------------------------------------


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _el(tag: str, **attrs):
    from docx.oxml import OxmlElement

    return OxmlElement(tag, {_qn(f"w:{k}"): str(v) for k, v in attrs.items()})


def _child(parent, tag: str, **attrs):
    el = _el(tag, **attrs)
    parent.append(el)
    return el


def _replace(parent, tag: str, successors: tuple[str, ...] = (), **attrs):
    """Set ``parent``'s single child ``tag`` to a fresh element with ``attrs`` (schema order:
    before the first of ``successors`` present)."""
    for old in parent.findall(_qn(tag)):
        parent.remove(old)
    el = _el(tag, **attrs)
    for name in successors:
        nxt = parent.find(_qn(name))
        if nxt is not None:
            nxt.addprevious(el)
            return el
    parent.append(el)
    return el


_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
_THEME_COLOR_ATTRS = ("themeColor", "themeShade", "themeTint", "themeFill", "themeFillShade", "themeFillTint")


def _explicit_fonts(rfonts, east: str, latin: str) -> None:
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(_qn(f"w:{attr}"), None)
    for attr, font in (("ascii", latin), ("hAnsi", latin), ("eastAsia", east), ("cs", latin)):
        rfonts.set(_qn(f"w:{attr}"), font)


def _ppr_rpr(style_el):
    """The style's w:pPr and w:rPr, emptied (created when missing, in schema order)."""
    for tag in ("w:pPr", "w:rPr"):
        old = style_el.find(_qn(tag))
        if old is not None:
            style_el.remove(old)
    ppr, rpr = _el("w:pPr"), _el("w:rPr")
    tail = style_el.find(_qn("w:tblPr"))
    if tail is not None:
        tail.addprevious(ppr)
        tail.addprevious(rpr)
    else:
        style_el.append(ppr)
        style_el.append(rpr)
    return ppr, rpr


def _run_props(rpr, east: str, latin: str, size: int, *, bold=False, italic=False, color="000000") -> None:
    _child(rpr, "w:rFonts", ascii=latin, hAnsi=latin, eastAsia=east, cs=latin)
    if bold:
        _child(rpr, "w:b")
        _child(rpr, "w:bCs")
    if italic:
        _child(rpr, "w:i")
        _child(rpr, "w:iCs")
    if color:
        _child(rpr, "w:color", val=color)
    _child(rpr, "w:sz", val=size)
    _child(rpr, "w:szCs", val=size)


def _para_props(ppr, *, jc: str | None = None, before: int = 0, after: int = 0, line: int | None = None,
                indent: bool = False, keep: bool = False, outline: int | None = None, tabs=(),
                new_page: bool = False) -> None:
    """Paragraph properties in schema order (keepNext, keepLines, pageBreakBefore, tabs,
    spacing, ind, jc, outlineLvl)."""
    if keep:
        _child(ppr, "w:keepNext")
        _child(ppr, "w:keepLines")
    if new_page:
        _child(ppr, "w:pageBreakBefore")
    if tabs:
        t = _child(ppr, "w:tabs")
        for pos, leader in tabs:
            _child(t, "w:tab", val="right", leader=leader, pos=pos)
    spacing = _child(ppr, "w:spacing", before=before, after=after)
    if line is not None:
        spacing.set(_qn("w:line"), str(line))
        spacing.set(_qn("w:lineRule"), "auto")
    if indent:
        _child(ppr, "w:ind", firstLineChars=200, firstLine=BODY_SIZE * 20)  # two characters
    else:
        _child(ppr, "w:ind", firstLineChars=0, firstLine=0)
    if jc:
        _child(ppr, "w:jc", val=jc)
    if outline is not None:
        _child(ppr, "w:outlineLvl", val=outline)


# -- styles.xml ---------------------------------------------------------------------------------


def _style(styles, name: str, *, based_on: str = "Normal", style_id: str | None = None, kind="paragraph"):
    from docx.enum.style import WD_STYLE_TYPE

    try:
        return styles[name].element
    except KeyError:
        character = kind == "character"
        style = styles.add_style(name, WD_STYLE_TYPE.CHARACTER if character else WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Default Paragraph Font" if character else based_on]
        style.quick_style = True
        if style_id:
            style.style_id = style_id
        return style.element


def setup_styles(document, paper_: Paper) -> None:
    styles = document.styles
    root = styles.element
    # No theme font or colour anywhere: major (heading) fonts become 黑体, minor ones 宋体.
    for rfonts in root.iter(_qn("w:rFonts")):
        major = any("major" in (rfonts.get(_qn(f"w:{a}")) or "") for a in _THEME_ATTRS)
        if any(rfonts.get(_qn(f"w:{a}")) is not None for a in _THEME_ATTRS):
            _explicit_fonts(rfonts, *((HEADING_FONT, HEADING_LATIN) if major else (BODY_FONT, BODY_LATIN)))
    theme_colors = {_qn(f"w:{a}") for a in _THEME_COLOR_ATTRS}
    for el in root.iter():  # colours, borders, shading of the template's table styles
        for attr in theme_colors.intersection(el.attrib):
            del el.attrib[attr]

    defaults = root.find(_qn("w:docDefaults"))
    rpr = defaults.find(_qn("w:rPrDefault")).find(_qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    _child(rpr, "w:rFonts", ascii=BODY_LATIN, hAnsi=BODY_LATIN, eastAsia=BODY_FONT, cs=BODY_LATIN)
    _child(rpr, "w:kern", val=2)
    _child(rpr, "w:sz", val=BODY_SIZE)
    _child(rpr, "w:szCs", val=BODY_SIZE)
    _child(rpr, "w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr = defaults.find(_qn("w:pPrDefault")).find(_qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    _child(ppr, "w:spacing", after=0, line=LINE_SPACING, lineRule="auto")

    normal = styles["Normal"].element
    ppr, rpr = _ppr_rpr(normal)
    _child(ppr, "w:widowControl")
    _para_props(ppr, jc="both", line=LINE_SPACING, indent=True)
    _run_props(rpr, BODY_FONT, BODY_LATIN, BODY_SIZE, color=None)

    def heading(el, size: int, *, centred: bool, outline: int | None, bold=False, before=240, after=120,
                new_page=False):
        ppr, rpr = _ppr_rpr(el)
        _para_props(ppr, jc="center" if centred else None, before=before, after=after, keep=True, outline=outline,
                    new_page=new_page)
        _run_props(rpr, HEADING_FONT, HEADING_LATIN, size, bold=bold)
        return rpr

    for level in range(1, 10):
        size = HEADING_SIZES.get(level, BODY_SIZE)
        deep = level not in HEADING_SIZES
        big = level == 1
        heading(styles[f"Heading {level}"].element, size, centred=level <= CENTRED_LEVELS, outline=level - 1,
                bold=deep, before=480 if big else 240, after=240 if big else 120, new_page=big)
        _linked_char_style(styles, f"Heading {level} Char", size, bold=deep)
    title = styles["Title"].element
    ppr, _rpr = _ppr_rpr(title)
    _para_props(ppr, jc="center", before=paper_.twips(paper_.height_mm) // 5, after=600, line=240, keep=True)
    _run_props(_rpr, HEADING_FONT, HEADING_LATIN, TITLE_SIZE)
    _linked_char_style(styles, "Title Char", TITLE_SIZE)
    heading(_style(styles, TOC_HEADING_STYLE, based_on="Heading 1"), HEADING_SIZES[1], centred=True, outline=9)
    entry = _style(styles, ENTRY_STYLE, kind="character")
    old = entry.find(_qn("w:rPr"))
    if old is not None:
        entry.remove(old)
    _child(_child(entry, "w:rPr"), "w:rFonts", ascii=HEADING_LATIN, hAnsi=HEADING_LATIN, eastAsia=HEADING_FONT,
                                cs=HEADING_LATIN)

    ppr, rpr = _ppr_rpr(_style(styles, NOTE_STYLE))
    _para_props(ppr, jc="center", after=240)
    _run_props(rpr, BODY_FONT, BODY_LATIN, HEADING_SIZES[2])
    ppr, rpr = _ppr_rpr(_style(styles, META_STYLE))
    _para_props(ppr, jc="center", line=LINE_SPACING, keep=True)
    _run_props(rpr, BODY_FONT, BODY_LATIN, BODY_SIZE, italic=True, color=None)
    ppr, rpr = _ppr_rpr(_style(styles, CREDIT_STYLE))
    _para_props(ppr, jc="right", line=LINE_SPACING)
    _run_props(rpr, BODY_FONT, BODY_LATIN, BODY_SIZE, color=None)
    ppr, rpr = _ppr_rpr(_style(styles, TABLE_STYLE))
    _para_props(ppr, line=240)
    _run_props(rpr, BODY_FONT, BODY_LATIN, TABLE_SIZE, color=None)
    ppr, rpr = _ppr_rpr(_style(styles, CAPTION_STYLE))
    _para_props(ppr, jc="center", before=120, after=60, keep=True)
    _run_props(rpr, HEADING_FONT, HEADING_LATIN, BODY_SIZE, color=None)
    ppr, rpr = _ppr_rpr(_style(styles, INDEX_STYLE))
    _para_props(ppr, line=LINE_SPACING)
    ppr.find(_qn("w:ind")).attrib.clear()
    ppr.find(_qn("w:ind")).set(_qn("w:left"), str(BODY_SIZE * 40))
    ppr.find(_qn("w:ind")).set(_qn("w:hanging"), str(BODY_SIZE * 40))
    _run_props(rpr, BODY_FONT, BODY_LATIN, BODY_SIZE, color=None)
    for level in range(1, TOC_LEVELS + 1):
        ppr, rpr = _ppr_rpr(_style(styles, f"toc {level}", style_id=f"TOC{level}"))
        _para_props(ppr, line=LINE_SPACING, tabs=[(paper_.text_width, "dot")])
        ind = ppr.find(_qn("w:ind"))
        ind.set(_qn("w:leftChars"), str(200 * (level - 1)))
        ind.set(_qn("w:left"), str(BODY_SIZE * 40 * (level - 1)))
        _run_props(rpr, HEADING_FONT if level == 1 else BODY_FONT, HEADING_LATIN if level == 1 else BODY_LATIN,
                   BODY_SIZE, color=None)


def _linked_char_style(styles, name: str, size: int, bold: bool = False) -> None:
    try:
        el = styles[name].element
    except KeyError:
        return
    old = el.find(_qn("w:rPr"))
    if old is not None:
        el.remove(old)
    rpr = _child(el, "w:rPr")
    _run_props(rpr, HEADING_FONT, HEADING_LATIN, size, bold=bold)


# -- settings, font table, parts ------------------------------------------------------------------

#: CT_Settings children that come after ``w:updateFields`` (schema order).
_AFTER_UPDATE_FIELDS = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
                        "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping")
#: CT_Settings children that come after ``w:characterSpacingControl``.
_AFTER_SPACING_CONTROL = ("w:printTwoOnOne", "w:strictFirstAndLastChars", "w:noLineBreaksAfter",
                          "w:noLineBreaksBefore", "w:savePreviewPicture") + _AFTER_UPDATE_FIELDS


def setup_settings(document) -> None:
    settings = document.settings.element
    lang = settings.find(_qn("w:themeFontLang"))
    if lang is None:
        lang = _replace(settings, "w:themeFontLang", ("w:clrSchemeMapping",))
    lang.attrib.clear()
    lang.set(_qn("w:val"), "en-US")
    lang.set(_qn("w:eastAsia"), "zh-CN")
    _replace(settings, "w:characterSpacingControl", _AFTER_SPACING_CONTROL, val="compressPunctuation")
    _replace(settings, "w:updateFields", _AFTER_UPDATE_FIELDS, val="true")


def _font_table_xml(original: bytes) -> bytes:
    from lxml import etree

    root = etree.fromstring(original)
    ns = root.nsmap["w"]
    w = lambda tag: f"{{{ns}}}{tag}"  # noqa: E731
    for font in list(root):
        name = font.get(w("name"))
        if name and any("\u3000" <= ch for ch in name):  # the template's Japanese fonts (ＭＳ 明朝 …)
            root.remove(font)
    for name, alt, panose, family, pitch in FONT_TABLE:
        font = etree.SubElement(root, w("font"), {w("name"): name})
        etree.SubElement(font, w("altName"), {w("val"): alt})
        etree.SubElement(font, w("panose1"), {w("val"): panose})
        etree.SubElement(font, w("charset"), {w("val"): "86"})
        etree.SubElement(font, w("family"), {w("val"): family})
        etree.SubElement(font, w("pitch"), {w("val"): pitch})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_FONT_TABLE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"


_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def setup_parts(document) -> None:
    """The font table gets 宋体/黑体 with their macOS alternates; Word 2010's copy of the
    template's styles (stylesWithEffects, all theme fonts) is dropped so no program reads it,
    and so is the template's thumbnail (a file browser would show an empty English page)."""
    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == _THUMBNAIL:
            package.rels.pop(rid)
    part = document.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype == _STYLES_WITH_EFFECTS:
            part.drop_rel(rid)
        elif rel.reltype == _FONT_TABLE and not rel.is_external:
            target = rel.target_part
            target._blob = _font_table_xml(target.blob)


# -- page, footer, fields -------------------------------------------------------------------------


def setup_section(section, paper_: Paper, *, numbered: bool, restart: bool = False) -> None:
    from docx.shared import Twips

    width, height = paper_.size
    section.page_width, section.page_height = Twips(width), Twips(height)
    top, right, bottom, left = (Twips(paper_.twips(m)) for m in paper_.margin_mm)
    section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = top, right, bottom, left
    section.header_distance = section.footer_distance = Twips(paper_.twips(min(paper_.margin_mm) / 2))
    if restart:
        sect = section._sectPr
        _replace(sect, "w:pgNumType", ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                                       "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid"), start=1)
    if numbered:
        footer = section.footer
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        ppr = p._p.get_or_add_pPr()
        _para_props(ppr, jc="center")
        field(p, "PAGE", "1")


_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _field_runs(parent, instruction: str, shown: str) -> None:
    for part in ("begin", None, "separate", shown, "end"):
        r = _child(parent, "w:r")
        if part in ("begin", "separate", "end"):
            _child(r, "w:fldChar", fldCharType=part)
        elif part is None:
            instr = _child(r, "w:instrText")
            instr.set(_XML_SPACE, "preserve")
            instr.text = f" {instruction} "
        else:
            _child(r, "w:t").text = part


def field(paragraph, instruction: str, shown: str = "") -> None:
    """A complex field ``instruction`` in ``paragraph`` with ``shown`` as its last known result."""
    _field_runs(paragraph._p, instruction, shown)


def field_start(paragraph, instruction: str) -> None:
    p = paragraph._p
    _child(_child(p, "w:r"), "w:fldChar", fldCharType="begin")
    instr = _child(_child(p, "w:r"), "w:instrText")
    instr.set(_XML_SPACE, "preserve")
    instr.text = f" {instruction} "
    _child(_child(p, "w:r"), "w:fldChar", fldCharType="separate")


def field_end(paragraph) -> None:
    _child(_child(paragraph._p, "w:r"), "w:fldChar", fldCharType="end")


def toc_line(paragraph, text: str, name: str) -> None:
    """One line of a table of contents as Word writes it: a link to bookmark ``name`` holding
    the title, a tab (the style's dotted right tab) and a PAGEREF to the bookmark."""
    link = _child(paragraph._p, "w:hyperlink", anchor=name, history=1)
    t = _child(_child(link, "w:r"), "w:t")
    t.text = text
    _child(_child(link, "w:r"), "w:tab")
    _field_runs(link, f"PAGEREF {name} \\h", "?")


def bookmark(paragraph, number: int, name: str) -> None:
    """Put bookmark ``name`` around ``paragraph``'s content (Word's target of a PAGEREF)."""
    p = paragraph._p
    start = _el("w:bookmarkStart", id=number, name=name)
    ppr = p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    _child(p, "w:bookmarkEnd", id=number)


def table_borders(table) -> None:
    """Single borders round every cell, written on the table itself (not only through the
    table style, which some programs ignore), and the table centred."""
    tblpr = table._tbl.tblPr
    jc = _el("w:jc", val="center")
    borders = _el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _child(borders, f"w:{side}", val="single", sz=4, space=0, color="000000")
    tblpr.insert_element_before(jc, "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout",
                                "w:tblCellMar", "w:tblLook")
    tblpr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
