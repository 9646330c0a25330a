"""PartyDocument → .docx with python-docx: editable text, no images, the format version's layout.

Word picks a font per script: ASCII, high ANSI (Vietnamese letters with marks), East Asian and
complex script each have their own attribute, and a theme font beats an explicit one. So the
document defaults and every style we use name Times New Roman in all four slots, with the theme
attributes removed; otherwise Word or LibreOffice may set the Vietnamese letters in Calibri.
"""

import unicodedata
from io import BytesIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from chibo.reports.documents.layout import Layout
from chibo.reports.documents.model import (
    Heading,
    Paragraph,
    PartyDocument,
    Signature,
    Table,
    recipient_lines,
)
from chibo.reports.documents.text_metrics import text_width_em

ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
CELL_PADDING_MM = 1.9  # Word's default left/right cell margin (0.19 cm)
FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
THEME_SLOTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# The elements that must follow <w:tblBorders> in <w:tblPr>, and <w:pBdr> in <w:pPr> (ECMA-376 order).
TBL_PR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
                        "w:tblPrChange")
P_PR_AFTER_BORDER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)


def render_docx(doc: PartyDocument, layout: Layout) -> bytes:
    """The document as .docx bytes, laid out as `layout` (one DocumentFormat version) says."""
    word = Document()
    _page(word, layout)
    _styles(word, layout)
    _header(word, doc, layout)
    _title(word, doc, layout)
    for block in doc.body:
        if isinstance(block, Heading):
            _heading(word, block, layout)
        elif isinstance(block, Paragraph):
            _paragraph(word.add_paragraph(), block, layout)
        elif isinstance(block, Table):
            _table(word, block, layout)
    _closing(word, doc, layout)
    props = word.core_properties
    props.title = _t(doc.display_title)
    props.author = "chibo"
    props.language = "vi-VN"
    props.comments = f"Thể thức: {layout.code}" if layout.code else ""
    out = BytesIO()
    word.save(out)
    return out.getvalue()


def _t(value: str) -> str:
    return unicodedata.normalize("NFC", value)


# --- page and styles -----------------------------------------------------------------------------

def _page(word: DocxDocument, layout: Layout) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = Mm(layout.page_width_mm), Mm(layout.page_height_mm)
    section.top_margin, section.bottom_margin = Mm(layout.margins.top), Mm(layout.margins.bottom)
    section.left_margin, section.right_margin = Mm(layout.margins.left), Mm(layout.margins.right)
    section.header_distance = section.footer_distance = Mm(10)


def _set_fonts(rpr, family: str) -> None:
    """Name `family` in all four font slots of an rPr element and drop the theme fonts."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in THEME_SLOTS:
        fonts.attrib.pop(qn(slot), None)
    for slot in FONT_SLOTS:
        fonts.set(qn(slot), family)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    lang.set(qn("w:bidi"), "ar-SA")


def _styles(word: DocxDocument, layout: Layout) -> None:
    defaults = word.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _set_fonts(rpr, layout.font_family)
    for name in ("Normal", "Table Grid"):
        style = word.styles[name]
        _set_fonts(style.element.get_or_add_rPr(), layout.font_family)
    normal = word.styles["Normal"]
    normal.font.name = layout.font_family
    normal.font.size = Pt(layout.size("body"))
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if layout.line_spacing_rule == "exact":
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(layout.line_spacing)
    else:
        fmt.line_spacing = layout.line_spacing


# --- pieces --------------------------------------------------------------------------------------

def _run(paragraph: DocxParagraph, text: str, size: float, *, bold: bool = False, italic: bool = False,
         underline: bool = False) -> None:
    run = paragraph.add_run(_t(text))
    run.font.size = Pt(size)
    run.bold = bold or None
    run.italic = italic or None
    run.underline = underline or None


def _line(container, text: str, size: float, *, align: str = "center", first: bool = False, **style: bool,
          ) -> DocxParagraph:
    """One paragraph in a cell (the first reuses the cell's empty paragraph) or in the body."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.alignment = ALIGN[align]
    if text:
        _run(paragraph, text, size, **style)
    return paragraph


def _borderless(table) -> None:
    """No borders, fixed column widths: the header and the signature block are layout, not a grid."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    # Word rejects a file whose property elements are out of schema order, so insert, never append.
    table._tbl.tblPr.insert_element_before(borders, *TBL_PR_AFTER_BORDERS)
    _fixed(table)


def _fixed(table) -> None:
    table.autofit = False  # python-docx writes <w:tblLayout w:type="fixed"/>
    table.alignment = WD_TABLE_ALIGNMENT.CENTER


def _widths(table, widths_mm: list[float]) -> None:
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)


def _rule_below(paragraph: DocxParagraph, text_mm: float, cell_mm: float) -> None:
    """A solid rule under the paragraph, as long as its text: a bottom border between two indents."""
    # The width is an estimate from font metrics; a few percent of slack keeps a word processor whose
    # shaping differs (LibreOffice wrapped "ĐẢNG CỘNG SẢN VIỆT NAM" without it) from wrapping the line.
    indent = max((cell_mm - 2 * CELL_PADDING_MM - text_mm * 1.08 - 2) / 2, 0)
    paragraph.paragraph_format.left_indent = Mm(indent)
    paragraph.paragraph_format.right_indent = Mm(indent)
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.insert_element_before(border, *P_PR_AFTER_BORDER)


def _header(word: DocxDocument, doc: PartyDocument, layout: Layout) -> None:
    """Two borderless columns: issuing bodies, '*' and the number left; the Party's name and the date right."""
    left_mm = layout.text_width_mm * layout.header_left_share
    right_mm = layout.text_width_mm - left_mm
    header = doc.header
    lower = bool(doc.number or doc.place_date)
    table = word.add_table(rows=2 if lower else 1, cols=2)
    _borderless(table)
    _widths(table, [left_mm, right_mm])
    left, right = table.cell(0, 0), table.cell(0, 1)
    first = True
    if header.superior:
        _line(left, header.superior, layout.size("superior"), first=first)
        first = False
    _line(left, header.issuer, layout.size("issuer"), first=first, bold=True)
    _line(left, "*", layout.size("issuer"))
    party = _line(right, header.party_name, layout.size("party_name"), first=True, bold=True)
    text_mm = text_width_em(header.party_name, bold=True) * layout.size("party_name") * 25.4 / 72
    _rule_below(party, text_mm, right_mm)
    if lower:
        number_cell, date_cell = table.cell(1, 0), table.cell(1, 1)
        if doc.number:
            number = layout.number_text(doc.number.n, doc.number.doc_type, doc.number.issuer)
            _line(number_cell, number, layout.size("number"), first=True)
        if doc.place_date:
            date_text = layout.date_text(doc.place_date.place, doc.place_date.day)
            _line(date_cell, date_text, layout.size("place_date"), first=True, italic=True)


def _title(word: DocxDocument, doc: PartyDocument, layout: Layout) -> None:
    title = _line(word, doc.title, layout.size("title"), bold=True)
    title.paragraph_format.space_before = Pt(18)
    title.paragraph_format.keep_with_next = True
    if doc.summary:
        _line(word, doc.summary, layout.size("summary"), bold=True).paragraph_format.keep_with_next = True
    if layout.summary_rule:
        _line(word, layout.summary_rule, layout.size("summary"))
    word.add_paragraph().paragraph_format.space_after = Pt(layout.space_after_pt)


def _heading(word: DocxDocument, block: Heading, layout: Layout) -> None:
    paragraph = word.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Mm(layout.first_line_indent_mm)
    fmt.space_before = Pt(layout.space_after_pt if block.level == 1 else 0)
    fmt.space_after = Pt(layout.space_after_pt)
    fmt.keep_with_next = True
    _run(paragraph, block.text, layout.size("body"), bold=block.level <= 2, italic=block.level >= 3)


def _paragraph(paragraph: DocxParagraph, block: Paragraph, layout: Layout, size: float | None = None) -> None:
    paragraph.alignment = ALIGN[block.align]
    fmt = paragraph.paragraph_format
    if block.indent:
        fmt.first_line_indent = Mm(layout.first_line_indent_mm)
    fmt.space_after = Pt(layout.space_after_pt)
    for run in block.runs:
        _run(paragraph, run.text, size or layout.size("body"), bold=run.bold, italic=run.italic,
             underline=run.underline)


def _table(word: DocxDocument, block: Table, layout: Layout) -> None:
    table = word.add_table(rows=1 + len(block.rows), cols=len(block.columns))
    table.style = word.styles["Table Grid"]
    _fixed(table)
    total = sum(c.width for c in block.columns)
    _widths(table, [layout.text_width_mm * c.width / total for c in block.columns])
    size = layout.size("table")
    for cell, column in zip(table.rows[0].cells, block.columns, strict=True):
        _line(cell, column.title, size, first=True, bold=True)
    header_row = table.rows[0]._tr.get_or_add_trPr()
    header_flag = OxmlElement("w:tblHeader")  # repeat the header row on every page
    header_row.insert_element_before(header_flag, "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del",
                                     "w:trPrChange")
    for row, values in zip(table.rows[1:], block.rows, strict=True):
        if block.row_height_mm:
            row.height = Mm(block.row_height_mm)
        for cell, column, value in zip(row.cells, block.columns, values, strict=True):
            _line(cell, value, size, align=column.align, first=True)
    word.add_paragraph().paragraph_format.space_after = Pt(0)


def _signature(cell: _Cell, signature: Signature, layout: Layout) -> None:
    first = True
    for line in signature.authority:
        _line(cell, line, layout.size("signature_authority"), first=first, bold=True)
        first = False
    for _ in range(layout.signature_gap_lines):
        _line(cell, "", layout.size("signer_name"))
    _line(cell, signature.name, layout.size("signer_name"), bold=True)


def _closing(word: DocxDocument, doc: PartyDocument, layout: Layout) -> None:
    """'Nơi nhận' left and the signature right, or (minutes) two signatures side by side."""
    if not doc.signatures and not doc.recipients:
        return
    table = word.add_table(rows=1, cols=2)
    _borderless(table)
    half = layout.text_width_mm / 2
    _widths(table, [half, half])
    left, right = table.cell(0, 0), table.cell(0, 1)
    if len(doc.signatures) == 2:
        _signature(left, doc.signatures[0], layout)
        _signature(right, doc.signatures[1], layout)
        return
    if doc.recipients:
        _line(left, doc.recipients_label, layout.size("recipients_label"), align="left", first=True, underline=True)
        for line in recipient_lines(doc.recipients):
            _line(left, line, layout.size("recipients"), align="left")
    if doc.signatures:
        _signature(right, doc.signatures[0], layout)
