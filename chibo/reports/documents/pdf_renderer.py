"""PartyDocument → PDF: an HTML template plus a print stylesheet, rendered by WeasyPrint.

Fonts are named "Times New Roman", "Liberation Serif", serif: fontconfig maps Times New Roman to
Liberation Serif from fonts-liberation2, which covers every Vietnamese letter (the older
fonts-liberation does not; reference/STACK.md §2). WeasyPrint embeds subset fonts with a
ToUnicode map, so the text stays searchable and extractable (pdftotext).
"""

import unicodedata
from typing import Any

from django.template.loader import render_to_string
from weasyprint import HTML

from chibo.reports.documents.layout import Layout
from chibo.reports.documents.model import Block, PartyDocument, Table, recipient_lines

TEMPLATE = "reports/documents/party_document.html"
# CSS "normal" line height of Times New Roman / Liberation Serif, i.e. Word's "single" spacing.
SINGLE_LINE = 1.15


def render_pdf(doc: PartyDocument, layout: Layout) -> bytes:
    """The document as PDF bytes, laid out as `layout` (one DocumentFormat version) says."""
    html = render_to_string(TEMPLATE, document_context(doc, layout))
    return HTML(string=unicodedata.normalize("NFC", html)).write_pdf()


def document_context(doc: PartyDocument, layout: Layout) -> dict[str, Any]:
    """Everything the template prints, with the format version's spelling of number and date applied."""
    fonts = ", ".join(_css_font(name) for name in (layout.font_family, *layout.fallback_fonts))
    if layout.line_spacing_rule == "exact":
        line_height = f"{layout.line_spacing}pt"
    else:
        line_height = f"{layout.line_spacing * SINGLE_LINE:.3f}"
    return {
        "doc": doc,
        "layout": layout,
        "fonts": fonts,
        "line_height": line_height,
        "sizes": layout.sizes,
        "left_pct": f"{layout.header_left_share * 100:.1f}",
        "right_pct": f"{(1 - layout.header_left_share) * 100:.1f}",
        "number": layout.number_text(doc.number.n, doc.number.doc_type, doc.number.issuer) if doc.number else "",
        "place_date": layout.date_text(doc.place_date.place, doc.place_date.day) if doc.place_date else "",
        "recipients": recipient_lines(doc.recipients),
        "signature_gap": range(layout.signature_gap_lines),
        "two_signatures": len(doc.signatures) == 2,
        "blocks": [_block(block) for block in doc.body],
    }


def _css_font(name: str) -> str:
    """A font name as a CSS string; the layout is admin data, so quotes and braces are dropped."""
    name = "".join(ch for ch in name if ch not in "\"'\\;{}<>")
    return name if name in {"serif", "sans-serif"} else f'"{name}"'


def _block(block: Block) -> dict[str, Any]:
    if not isinstance(block, Table):
        return {"kind": block.kind, "block": block}
    total = sum(column.width for column in block.columns)
    widths = [f"{100 * column.width / total:.1f}%" for column in block.columns]
    rows = [list(zip(row, (c.align for c in block.columns), strict=True)) for row in block.rows]
    return {"kind": block.kind, "block": block, "columns": list(zip(block.columns, widths, strict=True)), "rows": rows}
