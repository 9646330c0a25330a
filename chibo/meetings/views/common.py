"""Helpers shared by the meeting views: run-screen responses, errors, the page context."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from chibo.core.http import AuthenticatedHttpRequest
from chibo.meetings import selectors, services
from chibo.meetings.models import ContributionKind, Meeting, RecognitionKind, TaskStatus, VoteKind
from chibo.organizations.navigation import Crumb, organization_crumbs


def is_htmx(request: AuthenticatedHttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def attempt(action: Callable[[], Any]) -> str:
    """Run a service; a broken rule comes back as the text to show (empty when it went through)."""
    try:
        action()
    except ValidationError as exc:
        return " ".join(exc.messages)
    return ""


def form_errors(form: forms.Form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def submit(form: forms.Form, action: Callable[[], Any]) -> str:
    """Validate the form, then run the service: the error text, or "" when both went through."""
    if not form.is_valid():
        return form_errors(form) or _("Dữ liệu không hợp lệ.")
    return attempt(action)


def apply_to_form(form: forms.Form, action: Callable[[], Any]) -> bool:
    """For full-page forms: a broken rule is shown on the form (on its field when the service names one)."""
    if not form.is_valid():
        return False
    try:
        action()
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
        return False
    return True


def run_url(meeting_id: int, anchor: str = "") -> str:
    return reverse("meetings:meeting_run", args=[meeting_id]) + (f"#{anchor}" if anchor else "")


def meeting_crumbs(user, meeting: Meeting, *extra: Crumb) -> list[Crumb]:
    calendar = reverse("meetings:meeting_calendar", args=[meeting.organization.code])
    here = Crumb(meeting.title, reverse("meetings:meeting_detail", args=[meeting.pk]))
    return organization_crumbs(user, meeting.organization, extra=[Crumb(_("Lịch sinh hoạt"), calendar), here, *extra])


def run_context(meeting_id: int) -> dict[str, Any]:
    """Everything the run screen shows, read fresh after every tap."""
    meeting = selectors.meeting_with_record(meeting_id)
    sheet = selectors.meeting_sheet(meeting)
    return {
        "meeting": meeting, "sheet": sheet, "figures": sheet.figures,
        "preview": selectors.vote_preview(meeting, kind=VoteKind.ORDINARY),
        "contribution_kinds": ContributionKind.choices, "recognition_kinds": RecognitionKind.choices,
        "vote_kinds": VoteKind.choices, "followup_statuses": TaskStatus.choices[1:],
        "close_blockers": services.close_blockers(meeting),
    }


def run_section(request: AuthenticatedHttpRequest, meeting_id: int, template: str, *, error: str = "",
                anchor: str = "", extra: dict[str, Any] | None = None, roll_changed: bool = False) -> HttpResponse:
    """The answer to a tap: the section again with the figures out of band (htmx), else the run screen."""
    if not is_htmx(request):
        if error:
            messages.error(request, error)
        return redirect(run_url(meeting_id, anchor))
    context = {**run_context(meeting_id), **(extra or {}), "error": error, "roll_changed": roll_changed}
    html = render_to_string(template, context, request) + render_to_string("meetings/parts/oob.html", context, request)
    response = HttpResponse(html)
    if roll_changed:
        response["HX-Trigger"] = "roll-changed"  # the vote preview recounts its denominator
    return response
