"""Party documents: plain data (model, inputs), builders, and the .docx/.pdf renderers.

The only package in chibo that imports python-docx and WeasyPrint. The renderers are imported on
first use, so that importing the builders (or the models, which validate layouts) stays cheap.

    from chibo.reports.documents import build_minutes, render_docx
    from chibo.reports.selectors import layout_for

    doc = build_minutes(snapshot)
    data = render_docx(doc, layout_for(snapshot.day))
"""

from chibo.reports.documents.builders import build_agenda, build_minutes, build_resolution, build_signin_sheet
from chibo.reports.documents.inputs import (
    AgendaItem,
    Contribution,
    Guest,
    MeetingSnapshot,
    Person,
    QualityRating,
    RatingPart,
    Recognition,
    ResolutionItem,
    RollEntry,
    Signer,
    TaskItem,
    TaskResult,
    VoteRecord,
)
from chibo.reports.documents.layout import Layout, LayoutError
from chibo.reports.documents.model import DocNumber, PartyDocument


def render_docx(doc: PartyDocument, layout: Layout) -> bytes:
    """The document as .docx bytes (python-docx)."""
    from chibo.reports.documents.docx_renderer import render_docx as render

    return render(doc, layout)


def render_pdf(doc: PartyDocument, layout: Layout) -> bytes:
    """The document as PDF bytes (WeasyPrint)."""
    from chibo.reports.documents.pdf_renderer import render_pdf as render

    return render(doc, layout)


__all__ = [
    "AgendaItem", "Contribution", "DocNumber", "Guest", "Layout", "LayoutError", "MeetingSnapshot", "PartyDocument",
    "Person", "QualityRating", "RatingPart", "Recognition", "ResolutionItem", "RollEntry", "Signer", "TaskItem",
    "TaskResult", "VoteRecord", "build_agenda", "build_minutes", "build_resolution", "build_signin_sheet",
    "render_docx", "render_pdf",
]
