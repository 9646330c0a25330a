"""A cell's meeting calendar (a committee sees its whole subtree), planning and entering past meetings."""

from itertools import groupby

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from chibo.accounts.access import (
    access_meeting_calendar,
    access_organization,
    can_reorganise_organization,
    can_write_organization,
)
from chibo.core.http import AuthenticatedHttpRequest
from chibo.meetings import selectors, services
from chibo.meetings.forms import MeetingPlanForm, PastMeetingForm, YearForm, YearPlanForm
from chibo.meetings.views.common import apply_to_form
from chibo.organizations.models import Organization
from chibo.organizations.navigation import Crumb, organization_crumbs


def _writable_cell(request: AuthenticatedHttpRequest, code: str) -> Organization:
    org = access_organization(request.user, code, for_write=True)
    if not org.is_cell:
        raise Http404
    return org


def _form_page(request: AuthenticatedHttpRequest, org: Organization, form, *, title: str, submit: str) -> HttpResponse:
    calendar = Crumb(_("Lịch sinh hoạt"), reverse("meetings:meeting_calendar", args=[org.code]))
    crumbs = organization_crumbs(request.user, org, extra=[calendar, Crumb(title, None)])
    return render(request, "meetings/form_page.html", {"form": form, "title": title, "submit": submit,
                                                       "crumbs": crumbs, "organization": org})


def meeting_calendar(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The meetings of a year by month: one cell's, or every cell's under a committee."""
    org = access_meeting_calendar(request.user, code)
    filters = YearForm(request.GET or None)
    year = (filters.is_valid() and filters.cleaned_data["year"]) or timezone.localdate().year
    meetings = sorted(selectors.organization_meetings(org, year=year), key=lambda m: (m.day, m.organization.code))
    months = [(month, list(rows)) for month, rows in groupby(meetings, key=lambda m: m.day.month)]
    crumbs = organization_crumbs(request.user, org, extra=[Crumb(_("Lịch sinh hoạt"), None)])
    return render(request, "meetings/calendar.html", {
        "organization": org, "year": year, "months": months, "crumbs": crumbs,
        "can_write": org.is_cell and can_write_organization(request.user, org),
        "liaison": selectors.cell_liaison(org, timezone.localdate()) if org.is_cell else None,
        "can_assign_liaison": org.is_cell and can_reorganise_organization(request.user, org),
    })


def meeting_create(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    org = _writable_cell(request, code)
    form = MeetingPlanForm(request.POST or None, members=selectors.cell_roll(org, timezone.localdate()),
                           initial={"kind": request.GET.get("loai", "regular")})
    created = []

    def plan() -> None:
        created.append(services.meeting_plan(organization=org, planned_by=request.user, **form.cleaned_data))

    if request.method == "POST" and apply_to_form(form, plan):
        messages.success(request, _("Đã lên lịch %(title)s.") % {"title": created[0].title})
        return redirect("meetings:meeting_detail", created[0].pk)
    return _form_page(request, org, form, title=_("Lên lịch buổi sinh hoạt"), submit=_("Lên lịch"))


def meetings_plan_year(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Generate the year: a regular meeting every month on the usual day, a thematic one every quarter."""
    org = _writable_cell(request, code)
    today = timezone.localdate()
    form = YearPlanForm(request.POST or None, initial={"year": today.year, "day": org.usual_meeting_day})
    created: list = []

    def plan() -> None:
        created.extend(services.meetings_plan_year(organization=org, planned_by=request.user, **form.cleaned_data))

    if request.method == "POST" and apply_to_form(form, plan):
        messages.success(request, _("Đã lên lịch %(n)d buổi sinh hoạt.") % {"n": len(created)})
        return redirect(reverse("meetings:meeting_calendar", args=[org.code]) + f"?year={form.cleaned_data['year']}")
    return _form_page(request, org, form, title=_("Lên lịch cả năm"), submit=_("Lên lịch"))


def meeting_enter_past(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """A meeting from the paper minutes book, entered after the fact with the same rules."""
    org = _writable_cell(request, code)
    form = PastMeetingForm(request.POST or None)
    created = []

    def enter() -> None:
        data = form.cleaned_data
        created.append(services.meeting_enter_past(
            organization=org, kind=data["kind"], held_on=data["held_on"], started_at=data["started_at"],
            ended_at=data["ended_at"], place=data["place"], topic=data["topic"], entered_by=request.user))

    if request.method == "POST" and apply_to_form(form, enter):
        return redirect("meetings:meeting_run", created[0].pk)
    return _form_page(request, org, form, title=_("Nhập lại buổi sinh hoạt đã diễn ra"), submit=_("Tiếp tục"))
