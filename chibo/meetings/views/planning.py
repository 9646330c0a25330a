"""One meeting before it starts: its page, the plan, the notice, the preparation checklist, materials."""

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chibo.accounts.access import access_material, access_meeting, can_write_organization
from chibo.core.http import AuthenticatedHttpRequest
from chibo.meetings import selectors, services
from chibo.meetings.forms import MaterialForm, MeetingEditForm, StepCheckForm
from chibo.meetings.models import COUNTED_KINDS, Meeting, ProcedureStep
from chibo.meetings.views.common import apply_to_form, attempt, is_htmx, meeting_crumbs, run_url, submit
from chibo.meetings.views.documents import document_lines, term_notice_url
from chibo.organizations.navigation import Crumb
from chibo.quality.selectors import meeting_quality


def meeting_detail(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """The meeting as its readers see it: the plan and released materials, then the record once held."""
    meeting = access_meeting(request.user, meeting_id)
    record = selectors.meeting_with_record(meeting.pk)
    can_write = can_write_organization(request.user, meeting.organization)
    return render(request, "meetings/detail.html", {
        "meeting": record, "sheet": selectors.meeting_sheet(record), "can_write": can_write,
        "materials_on_time": services.materials_on_time(meeting),
        "materials": list(record.materials.all()) if (can_write or meeting.materials_released_at) else [],
        "notices": meeting.notices.all()[:3], "crumbs": meeting_crumbs(request.user, meeting),
        "documents": document_lines(request.user, record),
        "term_notice_url": term_notice_url(request.user, record),
        "quality": _quality_card(record, can_write),
    })


def _quality_card(meeting: Meeting, can_write: bool) -> dict[str, Any] | None:
    """The meeting's rating on its page once the minutes are approved: the self-rating is the last step of a
    meeting (HD 42), so the secretary who closes it lands here with the button to rate it."""
    if not meeting.is_closed or meeting.kind not in COUNTED_KINDS:
        return None
    summary = meeting_quality(meeting)
    return {"summary": summary, "can_self": can_write and not (summary and summary.self_level)}


def meeting_edit(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, for_write=True)
    initial = {name: getattr(meeting, name) for name in services.PLAN_FIELDS}
    form = MeetingEditForm(request.POST or None, initial={**initial, "kind": meeting.kind}, meeting=meeting,
                           members=selectors.cell_roll(meeting.organization, timezone.localdate()))

    def update() -> None:
        fields = {k: v for k, v in form.cleaned_data.items() if k in services.PLAN_FIELDS}
        services.meeting_update(meeting=meeting, updated_by=request.user, **fields)

    if request.method == "POST" and apply_to_form(form, update):
        messages.success(request, _("Đã lưu kế hoạch."))
        return redirect("meetings:meeting_detail", meeting.pk)
    crumbs = meeting_crumbs(request.user, meeting, Crumb(_("Sửa kế hoạch"), None))
    return render(request, "meetings/form_page.html", {"form": form, "title": _("Sửa kế hoạch"),
                                                       "submit": _("Lưu"), "crumbs": crumbs})


def _back(request: AuthenticatedHttpRequest, meeting_id: int, error: str, done: str) -> HttpResponse:
    if error:
        messages.error(request, error)
    elif done:
        messages.success(request, done)
    return redirect("meetings:meeting_detail", meeting_id)


@require_POST
def meeting_delete(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, for_write=True)
    error = attempt(lambda: services.meeting_delete(meeting=meeting, deleted_by=request.user))
    if error:
        return _back(request, meeting.pk, error, "")
    messages.success(request, _("Đã xóa buổi sinh hoạt khỏi lịch."))
    return redirect("meetings:meeting_calendar", meeting.organization.code)


@require_POST
def meeting_notify(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, for_write=True)
    error = attempt(lambda: services.meeting_notify(meeting=meeting, sent_by=request.user))
    return _back(request, meeting.pk, error, _("Đã gửi thông báo đến đảng viên."))


@require_POST
def meeting_start(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, for_write=True)
    error = attempt(lambda: services.meeting_start(meeting=meeting, started_by=request.user))
    if error:
        return _back(request, meeting.pk, error, "")
    return redirect("meetings:meeting_run", meeting.pk)


def preparation(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """The preparation checklist of the meeting's procedure, with dates and notes, and the materials."""
    meeting = access_meeting(request.user, meeting_id, for_write=True)
    record = selectors.meeting_with_record(meeting.pk)
    crumbs = meeting_crumbs(request.user, meeting, Crumb(_("Chuẩn bị"), None))
    return render(request, "meetings/preparation.html", {
        "meeting": record, "sheet": selectors.meeting_sheet(record), "crumbs": crumbs,
        "material_form": MaterialForm(), "materials_on_time": services.materials_on_time(meeting),
    })


@require_POST
def step_check(request: AuthenticatedHttpRequest, meeting_id: int, step_id: int) -> HttpResponse:
    """Check a step off (or undo it); from the checklist page or the run screen."""
    meeting = access_meeting(request.user, meeting_id, for_write=True)
    step = get_object_or_404(ProcedureStep, pk=step_id, procedure_id=meeting.procedure_id)
    form = StepCheckForm(request.POST)
    error = submit(form, lambda: services.step_check(
        meeting=meeting, step=step, checked_by=request.user, done=form.cleaned_data["done"],
        note=form.cleaned_data["note"] if "note" in request.POST else None, done_on=form.cleaned_data["done_on"],
        done_at=_done_at(meeting.held_on, form.cleaned_data["done_time"])))
    if is_htmx(request):
        line = next(line for line in selectors.meeting_sheet(meeting).all_steps if line.step.pk == step.pk)
        back = request.POST.get("back", "prep")
        template = "meetings/parts/step.html" if back == "run" else "meetings/parts/prep_step.html"
        return render(request, template, {"meeting": meeting, "line": line, "error": error, "back": back})
    if error:
        messages.error(request, error)
    if request.POST.get("back") == "run":
        return redirect(run_url(meeting.pk, "steps"))
    return redirect("meetings:preparation", meeting.pk)


def _done_at(held_on: date | None, done_time: time | None) -> datetime | None:
    """A meeting entered after the fact takes the time typed for a step (on the day it was held)."""
    if done_time is None or held_on is None:
        return None
    return timezone.make_aware(datetime.combine(held_on, done_time))


def material_add(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, for_write=True)
    form = MaterialForm(request.POST or None, request.FILES or None)

    def add() -> None:
        services.material_add(meeting=meeting, added_by=request.user, **form.cleaned_data)

    if request.method == "POST" and apply_to_form(form, add):
        messages.success(request, _("Đã thêm tài liệu."))
        return redirect("meetings:preparation", meeting.pk)
    crumbs = meeting_crumbs(request.user, meeting, Crumb(_("Thêm tài liệu"), None))
    return render(request, "meetings/form_page.html", {"form": form, "title": _("Thêm tài liệu"),
                                                       "submit": _("Thêm"), "crumbs": crumbs, "multipart": True})


@require_POST
def materials_release(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, for_write=True)
    error = attempt(lambda: services.materials_release(meeting=meeting, released_by=request.user))
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Đã gửi tài liệu đến đảng viên."))
    return redirect("meetings:preparation", meeting.pk)


def material_view(request: AuthenticatedHttpRequest, material_id: int) -> HttpResponseBase:
    """An uploaded file is downloaded; a text written in the app is shown as a page."""
    material = access_material(request.user, material_id)
    if material.file:
        name = material.original_name or Path(material.file.name).name
        return FileResponse(material.file.open("rb"), as_attachment=True, filename=name)
    if not material.body:
        raise Http404
    crumbs = meeting_crumbs(request.user, material.meeting, Crumb(material.title, None))
    return render(request, "meetings/material.html", {"material": material, "crumbs": crumbs})


@require_POST
def material_remove(request: AuthenticatedHttpRequest, material_id: int) -> HttpResponse:
    material = access_material(request.user, material_id, for_write=True)
    error = attempt(lambda: services.material_remove(material=material, removed_by=request.user))
    if error:
        messages.error(request, error)
    return redirect("meetings:preparation", material.meeting_id)
