"""Rating a closed meeting: the cell's self-rating, the superior's, and every rating side by side."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from chibo.accounts import access
from chibo.core.http import AuthenticatedHttpRequest
from chibo.meetings.models import Meeting
from chibo.meetings.views.common import meeting_crumbs
from chibo.organizations.navigation import Crumb, organization_crumbs
from chibo.quality import selectors, services
from chibo.quality.forms import RatingForm
from chibo.quality.models import RaterKind
from chibo.quality.views.common import apply_to_form
from chibo.reports.forms_dashboard import PeriodForm

PAGE_SIZE = 50


def meeting_ratings(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """Every rating of the meeting (both kept), the final one, and whether self and superior disagree."""
    meeting = access.access_meeting(request.user, meeting_id)
    problems = services.rating_problems(meeting)
    return render(request, "quality/meeting_ratings.html", {
        "meeting": meeting, "ratings": selectors.meeting_ratings(meeting),
        "quality": selectors.meeting_quality(meeting), "problems": problems,
        "can_self": not problems and access.can_write_organization(request.user, meeting.organization),
        "can_superior": not problems and access.can_rate_as_superior(request.user, meeting.organization),
        "crumbs": meeting_crumbs(request.user, meeting, Crumb(_("Đánh giá chất lượng"), None)),
    })


def _rate(request: AuthenticatedHttpRequest, meeting: Meeting, *, superior: bool) -> HttpResponse:
    problems = services.rating_problems(meeting)
    if problems:
        for problem in problems:
            messages.error(request, problem)
        return redirect("quality:meeting_ratings", meeting.pk)
    draft = services.rating_draft(meeting)
    form = RatingForm(request.POST or None, sheet=draft.sheet, rater_kinds=services.superior_kinds() if superior else None)

    def rate() -> None:
        kind = form.cleaned_data["rater_kind"] if superior else RaterKind.SELF
        services.meeting_rate(meeting=meeting, rater=request.user, rater_kind=kind, manual=form.manual(),
                              note=form.cleaned_data["note"])

    if request.method == "POST" and apply_to_form(form, rate):
        messages.success(request, _("Đã lưu kết quả đánh giá."))
        return redirect("quality:meeting_ratings", meeting.pk)
    title = _("Cấp trên đánh giá") if superior else _("Chi bộ tự đánh giá")
    return render(request, "quality/rate.html", {
        "meeting": meeting, "draft": draft, "form": form, "title": title,
        "groups": form.grouped(draft.sheet, selectors.rubric_spec(draft.rubric).criteria),
        "crumbs": meeting_crumbs(request.user, meeting, Crumb(title, None)),
    }, status=400 if form.errors else 200)


def rate_self(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """The cell's self-rating at the end of the meeting: record points filled in, the rest by hand."""
    return _rate(request, access.access_meeting_to_rate(request.user, meeting_id), superior=False)


def rate_superior(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """The superior's liaison, committee or working group rates the same meeting; the self-rating stays."""
    return _rate(request, access.access_meeting_to_rate(request.user, meeting_id, as_superior=True), superior=True)


def disagreements(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The meetings of the subtree a cell rated differently from its superior, with both levels and links."""
    org = access.access_organization(request.user, code, roster=True)
    form = PeriodForm(request.GET or None)
    period = form.period()
    page = Paginator(selectors.disagreements(org, period), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "quality/disagreements.html", {
        "org": org, "form": form, "period": period, "page": page, "query": query.urlencode(),
        "crumbs": organization_crumbs(request.user, org, extra=[Crumb(_("Đánh giá khác nhau"), None)]),
    }, status=400 if form.is_bound and form.errors else 200)
