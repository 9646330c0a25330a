"""A member's own pages: their cell's meetings (with notices and released materials) and their tasks."""

from datetime import timedelta

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from chibo.accounts.access import access_task_report, user_scope
from chibo.core.http import AuthenticatedHttpRequest
from chibo.meetings import selectors, services
from chibo.meetings.forms import TaskReportForm
from chibo.meetings.views.common import apply_to_form
from chibo.organizations.navigation import Crumb


def my_meetings(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Coming meetings first (with the last notice), then the ones held; for a liaison, the cells they follow."""
    scope = user_scope(request.user)
    meetings = list(selectors.cells_meetings(scope.own_cell_ids)[:60])
    today = timezone.localdate()
    # Not yet held is not "held": a planned meeting whose day passed stays with the coming ones for a while.
    recent = today - timedelta(days=selectors.OVERDUE_DAYS)
    upcoming = sorted((m for m in meetings if not m.is_closed and m.day >= recent), key=lambda m: m.day)
    past = [m for m in meetings if m not in upcoming]
    followed_ids = selectors.liaison_cell_ids(request.user.pk, today)
    followed = [m for m in selectors.cells_meetings(followed_ids)[:60] if not m.is_closed and m.day >= recent]
    return render(request, "meetings/my_meetings.html", {
        "today": today, "upcoming": upcoming, "past": past, "crumbs": [Crumb(_("Buổi sinh hoạt của tôi"), None)],
        "followed": sorted(followed, key=lambda m: m.day), "is_liaison": bool(followed_ids),
        "liaison_notices": list(selectors.liaison_notices(request.user.pk)[:20]),
    })


def my_tasks(request: AuthenticatedHttpRequest) -> HttpResponse:
    member_id = request.user.member_id
    tasks = list(selectors.member_tasks(member_id)[:100]) if member_id else []
    return render(request, "meetings/my_tasks.html", {
        "open_tasks": [t for t in tasks if t.status == "open"], "other_tasks": [t for t in tasks if t.status != "open"],
        "crumbs": [Crumb(_("Nhiệm vụ của tôi"), None)], "has_member": bool(member_id),
    })


def task_report(request: AuthenticatedHttpRequest, task_id: int) -> HttpResponse:
    """The assignee reports progress; the cell's secretary may do it on their behalf."""
    task = access_task_report(request.user, task_id)
    form = TaskReportForm(request.POST or None, initial={"note": task.progress_note})

    def report() -> None:
        services.task_report(task=task, reported_by=request.user, note=form.cleaned_data["note"])

    if request.method == "POST" and apply_to_form(form, report):
        messages.success(request, _("Đã ghi báo cáo."))
        own = task.assignee_id == request.user.member_id
        return redirect("meetings:my_tasks") if own else redirect("meetings:meeting_detail", task.meeting_id)
    crumbs = [Crumb(_("Nhiệm vụ của tôi"), None), Crumb(task.description, None)]
    return render(request, "meetings/form_page.html", {
        "form": form, "title": _("Báo cáo kết quả nhiệm vụ"), "submit": _("Gửi báo cáo"), "crumbs": crumbs,
        "intro": task.description,
    })
