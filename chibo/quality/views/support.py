"""Cells needing support: the committee's list with the reasons and the meetings behind them, and the
support actions its liaison records for a cell, with their outcome."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from chibo.accounts import access
from chibo.core.http import AuthenticatedHttpRequest
from chibo.organizations.navigation import Crumb, organization_crumbs
from chibo.quality import selectors, services
from chibo.quality.forms import SupportActionForm, SupportOutcomeForm
from chibo.quality.views.common import apply_to_form
from chibo.reports.forms_dashboard import PeriodForm

PAGE_SIZE = 50


def cells_needing_support(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Every cell of the subtree an alert rule flags over the period, each reason linked to its meetings."""
    org = access.access_organization(request.user, code, roster=True)
    form = PeriodForm(request.GET or None)
    period = form.period()
    flagged = selectors.cells_needing_support(org, period)
    page = Paginator(flagged, PAGE_SIZE).get_page(request.GET.get("page"))  # a province flags thousands
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "quality/cells_needing_support.html", {
        "org": org, "form": form, "period": period, "flagged": page.object_list, "page": page,
        "query": query.urlencode(),
        "can_support": {c.cell.pk for c in page.object_list if access.can_rate_as_superior(request.user, c.cell)},
        "crumbs": organization_crumbs(request.user, org, extra=[Crumb(_("Chi bộ cần hỗ trợ"), None)]),
    }, status=400 if form.is_bound and form.errors else 200)


def support_actions(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The support given to one cell; the liaison or committee records a new action here."""
    cell = access.access_cell_to_support(request.user, code)
    rules = selectors.active_rules()
    form = SupportActionForm(request.POST or None, reasons=[(r.code, r.display_name) for r in rules],
                             initial={"taken_on": timezone.localdate()})

    def record() -> None:
        services.support_action_record(cell=cell, recorded_by=request.user, **form.cleaned_data)

    if request.method == "POST" and apply_to_form(form, record):
        messages.success(request, _("Đã ghi việc hỗ trợ chi bộ."))
        return redirect("quality:support_actions", cell.code)
    return render(request, "quality/support_actions.html", {
        "cell": cell, "form": form, "actions": list(selectors.support_actions_of(cell)),
        "rule_names": {r.code: r.display_name for r in rules},
        "crumbs": organization_crumbs(request.user, cell, extra=[Crumb(_("Hỗ trợ chi bộ"), None)]),
    }, status=400 if form.errors else 200)


def support_outcome(request: AuthenticatedHttpRequest, action_id: int) -> HttpResponse:
    """The outcome of a support action, recorded when it is known."""
    support = access.access_support_action(request.user, action_id)
    form = SupportOutcomeForm(request.POST or None, initial={"outcome": support.outcome,
                                                              "outcome_on": support.outcome_on or timezone.localdate()})

    def record() -> None:
        services.support_outcome_record(support=support, recorded_by=request.user, **form.cleaned_data)

    if request.method == "POST" and apply_to_form(form, record):
        messages.success(request, _("Đã ghi kết quả hỗ trợ."))
        return redirect("quality:support_actions", support.cell.code)
    title = _("Kết quả hỗ trợ")
    return render(request, "quality/form_page.html", {
        "form": form, "title": title, "submit": _("Lưu"), "intro": support.action,
        "crumbs": organization_crumbs(request.user, support.cell, extra=[Crumb(title, None)]),
    }, status=400 if form.errors else 200)
