"""The superior committee's member in charge of a cell (Liaison): who it is, and assigning one."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chibo.accounts.access import access_cell_liaisons, access_liaison, can_reorganise_organization
from chibo.core.http import AuthenticatedHttpRequest
from chibo.meetings import selectors, services
from chibo.meetings.forms import LiaisonForm
from chibo.meetings.views.common import apply_to_form, attempt
from chibo.organizations.navigation import Crumb, organization_crumbs


def cell_liaisons(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Everyone who has been in charge of the cell; the committee above it assigns a new one here."""
    org = access_cell_liaisons(request.user, code)
    can_assign = can_reorganise_organization(request.user, org)
    if request.method == "POST":
        org = access_cell_liaisons(request.user, code, for_write=True)
    form = LiaisonForm(request.POST or None, users=selectors.liaison_candidates(org),
                       initial={"start_date": timezone.localdate()})

    def assign() -> None:
        services.liaison_assign(cell=org, assigned_by=request.user, **form.cleaned_data)

    if request.method == "POST" and apply_to_form(form, assign):
        messages.success(request, _("Đã phân công cấp ủy viên phụ trách chi bộ."))
        return redirect("meetings:cell_liaisons", org.code)
    calendar = Crumb(_("Lịch sinh hoạt"), reverse("meetings:meeting_calendar", args=[org.code]))
    crumbs = organization_crumbs(request.user, org, extra=[calendar, Crumb(_("Cấp ủy viên phụ trách"), None)])
    return render(request, "meetings/liaisons.html", {
        "organization": org, "liaisons": list(selectors.cell_liaisons(org)), "form": form if can_assign else None,
        "crumbs": crumbs, "today": timezone.localdate(),
    })


@require_POST
def liaison_end(request: AuthenticatedHttpRequest, liaison_id: int) -> HttpResponse:
    liaison = access_liaison(request.user, liaison_id)
    error = attempt(lambda: services.liaison_end(liaison=liaison, ended_by=request.user))
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Đã kết thúc việc phân công."))
    return redirect("meetings:cell_liaisons", liaison.organization.code)
