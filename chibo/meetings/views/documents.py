"""A meeting's papers in the Party's format as files (.docx, .pdf), and issuing their numbers."""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from chibo.accounts.access import (
    access_meeting,
    access_meeting_document,
    can_see_document_drafts,
    can_write_organization,
)
from chibo.accounts.models import User
from chibo.core.http import AuthenticatedHttpRequest
from chibo.meetings import documents
from chibo.meetings.models import DocumentKind, Meeting
from chibo.meetings.views.common import attempt

# Paths are Vietnamese (…/van-ban/bien-ban.docx); the code uses the kinds of chibo/meetings/documents.py.
SLUGS = {"bien-ban": "minutes", "nghi-quyet": "resolution", "danh-sach-ky-ten": "signin", "chuong-trinh": "agenda"}
LABELS = {"minutes": gettext_lazy("Biên bản"), "resolution": gettext_lazy("Nghị quyết"),
          "signin": gettext_lazy("Danh sách ký tên"), "agenda": gettext_lazy("Chương trình sinh hoạt")}


def _kind(document: str) -> str:
    kind = SLUGS.get(document)
    if kind is None:
        raise Http404
    return kind


@require_safe
def meeting_document(request: AuthenticatedHttpRequest, meeting_id: int, document: str,
                     file_format: str) -> HttpResponse:
    """The file itself, named in Vietnamese with an ASCII fallback for old clients."""
    kind = _kind(document)
    if file_format not in documents.FORMATS:
        raise Http404
    meeting = access_meeting_document(request.user, meeting_id, kind=kind)
    try:
        file = documents.document_file(meeting, kind, file_format)
    except ValidationError as exc:  # e.g. no document format in force on that day
        messages.error(request, " ".join(exc.messages))
        return redirect("meetings:meeting_detail", meeting.pk)
    response = HttpResponse(file.data, content_type=file.content_type)
    response["Content-Disposition"] = file.content_disposition
    response["Cache-Control"] = "private, no-store"  # names and attendance of party members
    return response


@require_POST
def document_issue(request: AuthenticatedHttpRequest, meeting_id: int, document: str) -> HttpResponse:
    """Issue the resolution (or the minutes) with the next number of the term; then members may download it."""
    kind = _kind(document)
    meeting = access_meeting(request.user, meeting_id, for_write=True)
    issued = []
    error = attempt(lambda: issued.append(documents.document_issue(meeting=meeting, kind=kind,
                                                                   issued_by=request.user)))
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Đã ban hành %(doc)s %(n)s.") % {
            "doc": LABELS[kind], "n": documents.number_label(issued[0])})
    return redirect(reverse("meetings:meeting_detail", args=[meeting.pk]) + "#documents")


# --- the panel on the meeting page -----------------------------------------------------------------

@dataclass
class DocumentLine:
    kind: str
    label: str
    downloads: list[tuple[str, str]] = field(default_factory=list)  # (".docx", url)
    number: str = ""
    issued_at: datetime | None = None
    issue_url: str = ""  # set when the user may issue it now
    is_draft: bool = False


def _line(meeting: Meeting, kind: str, *, issued=None, can_issue: bool = False) -> DocumentLine:
    slug = next(s for s, k in SLUGS.items() if k == kind)
    return DocumentLine(
        kind=kind, label=str(LABELS[kind]),
        downloads=[(f".{fmt}", reverse("meetings:meeting_document", args=[meeting.pk, slug, fmt]))
                   for fmt in documents.FORMATS],
        number=documents.number_label(issued) if issued else "", issued_at=issued.issued_at if issued else None,
        issue_url=reverse("meetings:document_issue", args=[meeting.pk, slug]) if can_issue and not issued else "",
        is_draft=kind == DocumentKind.RESOLUTION and issued is None,
    )


def document_lines(user: User, meeting: Meeting) -> list[DocumentLine]:
    """What this user may download from the meeting page (and issue): the same rules as access.py."""
    drafts = can_see_document_drafts(user, meeting.organization)
    if meeting.is_open_for_planning:
        return [_line(meeting, kind) for kind in ("signin", "agenda") if drafts or kind == "agenda"]
    if not meeting.is_closed:
        return []
    can_issue = can_write_organization(user, meeting.organization)
    issued = {d.kind: d for d in meeting.issued_documents.all()}
    lines = [_line(meeting, DocumentKind.MINUTES, issued=issued.get(DocumentKind.MINUTES), can_issue=can_issue)]
    if drafts or DocumentKind.RESOLUTION in issued:
        lines.insert(0, _line(meeting, DocumentKind.RESOLUTION, issued=issued.get(DocumentKind.RESOLUTION),
                              can_issue=can_issue))
    return lines


def term_notice_url(user: User, meeting: Meeting) -> str:
    """Where to record the cell's congress term, when numbers of this closed meeting would go by calendar year.

    Only the cell's writers are asked (they issue the numbers); '' when there is nothing to say.
    """
    cell = meeting.organization
    if not meeting.is_closed or not can_write_organization(user, cell):
        return ""
    if not documents.document_term_missing(cell, timezone.localdate()):
        return ""
    return reverse("organizations:term_create", args=[cell.code])
