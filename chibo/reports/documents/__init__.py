"""Party documents: plain data (model, inputs) and the builders that fill it from a meeting."""

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


__all__ = [
    "AgendaItem", "Contribution", "DocNumber", "Guest", "Layout", "LayoutError", "MeetingSnapshot", "PartyDocument",
    "Person", "QualityRating", "RatingPart", "Recognition", "ResolutionItem", "RollEntry", "Signer", "TaskItem",
    "TaskResult", "VoteRecord", "build_agenda", "build_minutes", "build_resolution", "build_signin_sheet",
]
