"""The approved minutes of a closed meeting and their revisions: corrections never overwrite."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from chibo.accounts.access import access_meeting, can_write_organization
from chibo.core.http import AuthenticatedHttpRequest
from chibo.meetings import services
from chibo.meetings.forms import RevisionForm
from chibo.meetings.models import Meeting, MinutesRevision
from chibo.meetings.views.common import apply_to_form, meeting_crumbs
from chibo.organizations.navigation import Crumb


def _closed(request: AuthenticatedHttpRequest, meeting_id: int, *, for_write: bool = False) -> Meeting:
    meeting = access_meeting(request.user, meeting_id, for_write=for_write)
    if not meeting.is_closed:
        raise Http404
    return meeting


def _page(request: AuthenticatedHttpRequest, meeting: Meeting, revision: MinutesRevision) -> HttpResponse:
    revisions = list(meeting.revisions.select_related("author").order_by("number"))
    crumbs = meeting_crumbs(request.user, meeting, Crumb(_("Biên bản"), None))
    return render(request, "meetings/minutes.html", {
        "meeting": meeting, "revision": revision, "revisions": revisions, "crumbs": crumbs,
        "is_latest": revision.number == revisions[-1].number,
        "can_write": can_write_organization(request.user, meeting.organization),
    })


def minutes(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """The current text of the minutes, with the list of every revision."""
    meeting = _closed(request, meeting_id)
    revision = meeting.revisions.order_by("-number").first()
    if revision is None:
        raise Http404
    return _page(request, meeting, revision)


def minutes_revision(request: AuthenticatedHttpRequest, meeting_id: int, number: int) -> HttpResponse:
    """One earlier text, e.g. the one approved at the meeting, exactly as it was."""
    meeting = _closed(request, meeting_id)
    revision = meeting.revisions.filter(number=number).first()
    if revision is None:
        raise Http404
    return _page(request, meeting, revision)


def minutes_revise(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """A correction: the new text with a reason; the author is recorded and the earlier text kept."""
    meeting = _closed(request, meeting_id, for_write=True)
    latest = meeting.revisions.order_by("-number").first()
    form = RevisionForm(request.POST or None, initial={"body": latest.text if latest else ""})

    def revise() -> None:
        services.minutes_revise(meeting=meeting, revised_by=request.user, **form.cleaned_data)

    if request.method == "POST" and apply_to_form(form, revise):
        messages.success(request, _("Đã lưu bản sửa biên bản."))
        return redirect("meetings:minutes", meeting.pk)
    crumbs = meeting_crumbs(request.user, meeting, Crumb(_("Sửa biên bản"), None))
    return render(request, "meetings/form_page.html", {
        "form": form, "title": _("Sửa biên bản"), "submit": _("Lưu bản sửa"), "crumbs": crumbs,
        "intro": _("Bản đã thông qua được giữ nguyên; bản sửa được lưu thành một bản mới, có lý do và người sửa."),
    })
