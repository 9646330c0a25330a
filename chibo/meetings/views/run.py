"""The run screen: every tap is a POST that writes at once, so a reload or a dropped line loses nothing.

Each view answers an htmx request with its section re-rendered (plus the figures bar out of
band) and a plain POST with a redirect back to the run screen, so the page also works without JS.
"""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from chibo.accounts.access import access_meeting, access_meeting_part, access_task
from chibo.core.http import AuthenticatedHttpRequest
from chibo.meetings import selectors, services
from chibo.meetings.forms import (
    AttendanceForm,
    ConclusionForm,
    ContributionForm,
    FollowUpForm,
    GuestForm,
    OpeningForm,
    RecognitionForm,
    ResolutionItemForm,
    TaskForm,
    VoteForm,
)
from chibo.meetings.models import Attendance, Contribution, MeetingGuest, Recognition, ResolutionItem, Vote
from chibo.meetings.views.common import attempt, form_errors, is_htmx, meeting_crumbs, run_context, run_section, submit
from chibo.organizations.models import Member


def _roll(meeting_id: int, *, present: bool = False):
    """Members on the meeting's roll (those marked present, with present=True): the choices of the forms."""
    rows = Attendance.objects.filter(meeting_id=meeting_id)
    if present:
        rows = rows.filter(status="present")
    return Member.objects.filter(pk__in=rows.values("member_id")).order_by("sort_key", "id")


def meeting_run(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """One screen for the whole meeting, phone first; before the start or after closing, the meeting page."""
    meeting = access_meeting(request.user, meeting_id, for_write=True)
    if not meeting.is_running:
        return redirect("meetings:meeting_detail", meeting.pk)
    context = run_context(meeting.pk)
    context["crumbs"] = meeting_crumbs(request.user, meeting)
    return render(request, "meetings/run.html", context)


@require_POST
def opening_set(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, for_write=True)
    form = OpeningForm(request.POST, members=_roll(meeting.pk))
    error = submit(form, lambda: services.meeting_opening_set(meeting=meeting, set_by=request.user, **form.cleaned_data))
    return run_section(request, meeting.pk, "meetings/parts/opening.html", error=error, anchor="opening")


@require_POST
def guest_add(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, for_write=True)
    form = GuestForm(request.POST)
    error = submit(form, lambda: services.guest_add(meeting=meeting, added_by=request.user, **form.cleaned_data))
    return run_section(request, meeting.pk, "meetings/parts/opening.html", error=error, anchor="opening")


@require_POST
def guest_remove(request: AuthenticatedHttpRequest, guest_id: int) -> HttpResponse:
    guest = access_meeting_part(request.user, MeetingGuest, guest_id, for_write=True)
    error = attempt(lambda: services.guest_remove(guest=guest, removed_by=request.user))
    return run_section(request, guest.meeting_id, "meetings/parts/opening.html", error=error, anchor="opening")


@require_POST
def attendance_mark(request: AuthenticatedHttpRequest, attendance_id: int) -> HttpResponse:
    """One tap of the roll call; the answer is the member's row, the figures and what depends on the roll."""
    attendance = access_meeting_part(request.user, Attendance, attendance_id, for_write=True)
    form = AttendanceForm(request.POST)
    error = submit(form, lambda: services.attendance_mark(attendance=attendance, marked_by=request.user,
                                                          **form.cleaned_data))
    return run_section(request, attendance.meeting_id, "meetings/parts/roll_one.html", error=error,
                       anchor=f"att-{attendance.pk}", extra={"row_id": attendance.pk}, roll_changed=True)


@require_POST
def contribution_add(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, for_write=True)
    form = ContributionForm(request.POST, members=_roll(meeting.pk, present=True))
    error = submit(form, lambda: services.contribution_add(meeting=meeting, added_by=request.user, **form.cleaned_data))
    return run_section(request, meeting.pk, "meetings/parts/speak.html", error=error, anchor="speak")


@require_POST
def contribution_remove(request: AuthenticatedHttpRequest, contribution_id: int) -> HttpResponse:
    contribution = access_meeting_part(request.user, Contribution, contribution_id, for_write=True)
    error = attempt(lambda: services.contribution_remove(contribution=contribution, removed_by=request.user))
    return run_section(request, contribution.meeting_id, "meetings/parts/speak.html", error=error, anchor="speak")


@require_POST
def recognition_add(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, for_write=True)
    form = RecognitionForm(request.POST, members=_roll(meeting.pk))
    error = submit(form, lambda: services.recognition_add(meeting=meeting, added_by=request.user, **form.cleaned_data))
    return run_section(request, meeting.pk, "meetings/parts/recognitions.html", error=error, anchor="recognitions")


@require_POST
def recognition_remove(request: AuthenticatedHttpRequest, recognition_id: int) -> HttpResponse:
    recognition = access_meeting_part(request.user, Recognition, recognition_id, for_write=True)
    error = attempt(lambda: services.recognition_remove(recognition=recognition, removed_by=request.user))
    return run_section(request, recognition.meeting_id, "meetings/parts/recognitions.html", error=error,
                       anchor="recognitions")


@require_POST
def vote_preview(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """The denominator and the validity the typed counts would give, before anything is recorded."""
    meeting = access_meeting(request.user, meeting_id, for_write=True)
    form = VoteForm(request.POST)
    valid = form.is_valid()
    kind = form.cleaned_data["kind"] if valid else "ordinary"
    preview = selectors.vote_preview(meeting, kind=kind, **(form.counts() if valid else {}))
    return render(request, "meetings/parts/vote_preview.html", {
        "meeting": meeting, "preview": preview, "error": "" if valid else form_errors(form),
        "preview_errors": services.vote_error_messages(preview.errors),
    })


@require_POST
def vote_record(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, for_write=True)
    form = VoteForm(request.POST)
    error = submit(form, lambda: services.vote_record(
        meeting=meeting, motion=form.cleaned_data["motion"], kind=form.cleaned_data["kind"], recorded_by=request.user,
        **form.counts()))
    return run_section(request, meeting.pk, "meetings/parts/votes.html", error=error, anchor="votes")


@require_POST
def vote_remove(request: AuthenticatedHttpRequest, vote_id: int) -> HttpResponse:
    vote = access_meeting_part(request.user, Vote, vote_id, for_write=True)
    error = attempt(lambda: services.vote_remove(vote=vote, removed_by=request.user))
    return run_section(request, vote.meeting_id, "meetings/parts/votes.html", error=error, anchor="votes")


@require_POST
def resolution_item_add(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, for_write=True)
    form = ResolutionItemForm(request.POST)
    error = submit(form, lambda: services.resolution_item_add(meeting=meeting, body=form.cleaned_data["text"],
                                                              added_by=request.user))
    return run_section(request, meeting.pk, "meetings/parts/resolution.html", error=error, anchor="resolution")


@require_POST
def resolution_item_remove(request: AuthenticatedHttpRequest, resolution_item_id: int) -> HttpResponse:
    item = access_meeting_part(request.user, ResolutionItem, resolution_item_id, for_write=True)
    error = attempt(lambda: services.resolution_item_remove(item=item, removed_by=request.user))
    return run_section(request, item.meeting_id, "meetings/parts/resolution.html", error=error, anchor="resolution")


@require_POST
def task_assign(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, for_write=True)
    form = TaskForm(request.POST, members=_roll(meeting.pk), items=meeting.resolution_items.all())
    error = submit(form, lambda: services.task_assign(meeting=meeting, assigned_by=request.user,
                                                      **form.service_kwargs()))
    return run_section(request, meeting.pk, "meetings/parts/resolution.html", error=error, anchor="resolution")


@require_POST
def task_remove(request: AuthenticatedHttpRequest, task_id: int) -> HttpResponse:
    task = access_task(request.user, task_id, for_write=True)
    error = attempt(lambda: services.task_remove(task=task, removed_by=request.user))
    return run_section(request, task.meeting_id, "meetings/parts/resolution.html", error=error, anchor="resolution")


@require_POST
def task_follow_up(request: AuthenticatedHttpRequest, meeting_id: int, task_id: int) -> HttpResponse:
    """Done / partly done / not done for one task of the previous resolution, with a note."""
    meeting = access_meeting(request.user, meeting_id, for_write=True)
    task = access_task(request.user, task_id)
    form = FollowUpForm(request.POST)
    error = submit(form, lambda: services.task_follow_up(meeting=meeting, task=task, followed_up_by=request.user,
                                                         **form.cleaned_data))
    if not is_htmx(request) and not meeting.is_running:
        return redirect("meetings:meeting_detail", meeting.pk)
    return run_section(request, meeting.pk, "meetings/parts/followup.html", error=error, anchor="followup")


@require_POST
def conclusion_set(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, for_write=True)
    form = ConclusionForm(request.POST)
    error = submit(form, lambda: services.meeting_conclusion_set(meeting=meeting, set_by=request.user,
                                                                 conclusion=form.cleaned_data["conclusion"]))
    return run_section(request, meeting.pk, "meetings/parts/close.html", error=error, anchor="close")


@require_POST
def meeting_close(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """The minutes are read and approved: the meeting is locked and its figures stored."""
    meeting = access_meeting(request.user, meeting_id, for_write=True)
    error = attempt(lambda: services.meeting_close(meeting=meeting, closed_by=request.user))
    if error:
        return run_section(request, meeting.pk, "meetings/parts/close.html", error=error, anchor="close")
    url = reverse("meetings:meeting_detail", args=[meeting.pk])
    if is_htmx(request):
        return HttpResponse(status=204, headers={"HX-Redirect": url})
    return redirect(url)
