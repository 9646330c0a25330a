"""The organization tree: a unit's landing page, search, history, reorganisation (create, edit, move,
merge, split) and congress terms. Each view: access → form → service → render."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from chibo.accounts import access
from chibo.accounts.models import User
from chibo.core.http import AuthenticatedHttpRequest
from chibo.meetings.selectors import cell_upcoming_meetings
from chibo.organizations import selectors, services
from chibo.organizations.forms.tree import (
    OrganizationCreateForm,
    OrganizationEditForm,
    OrganizationMergeForm,
    OrganizationMoveForm,
    OrganizationSearchForm,
    OrganizationSplitForm,
    TermForm,
)
from chibo.organizations.models import TERM_KINDS, Organization
from chibo.organizations.navigation import Crumb, organization_crumbs

SEARCH_LIMIT = 30


# --- helpers -------------------------------------------------------------------------------------

def _link(user: User, org: Organization | None) -> Crumb | None:
    """A unit's name, linked only if this user may open it (so closed or foreign units stay plain text)."""
    if org is None:
        return None
    url = reverse("organizations:organization_detail", args=[org.code]) if access.can_see_organization(user, org) \
        else None
    return Crumb(org.name, url)


def _apply(form: forms.Form, action: Callable[[], Any]) -> bool:
    """Run a service; a rule it refuses becomes a form error (never a 500)."""
    try:
        action()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error.messages)
        return False
    return True


def _is_htmx(request: AuthenticatedHttpRequest) -> bool:
    """An htmx request wants a fragment, except when htmx restores a page from history (it needs it whole)."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-History-Restore-Request") != "true"


def _actions(user: User, org: Organization) -> dict[str, bool]:
    reorganise = org.valid_to is None and access.can_reorganise_organization(user, org)
    return {
        "edit": access.can_write_organization(user, org),
        "create": org.valid_to is None and bool(services.CHILD_KINDS.get(org.kind)) and access.can_add_unit(user, org),
        "move": reorganise,
        "merge": reorganise,
        "split": reorganise,
    }


def _roster_context(user: User, org: Organization) -> dict[str, Any]:
    children = list(selectors.organization_children(org))
    counts = selectors.organization_member_counts(children)
    return {
        "figures": selectors.organization_figures(org),
        "children": [(child, counts[child.pk]) for child in children],
        "can_write": access.can_write_organization(user, org),
        "actions": _actions(user, org),
    }


def _form_page(request: AuthenticatedHttpRequest, org: Organization, form: forms.Form, *, title: str,
               template: str = "organizations/tree/form.html", **extra: Any) -> HttpResponse:
    crumbs = organization_crumbs(request.user, org, extra=[Crumb(title, None)])
    status = 400 if form.is_bound and form.errors else 200
    context = {"org": org, "form": form, "title": title, "crumbs": crumbs, **extra}
    return render(request, template, context, status=status)


def _done(request: AuthenticatedHttpRequest, message: str, org: Organization) -> HttpResponse:
    messages.success(request, message)
    return redirect("organizations:organization_detail", org.code)


# --- pages ---------------------------------------------------------------------------------------

def organization_detail(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The landing page of a secretary and of a committee; a plain member sees their cell's officers only."""
    org = access.access_organization(request.user, code)
    roster = access.can_see_roster(request.user, org)
    context = {
        "org": org,
        "crumbs": organization_crumbs(request.user, org),
        "merged_into": _link(request.user, org.merged_into) if org.merged_into_id else None,
        "officers": selectors.organization_officers(org),
        "roster": roster,
        "upcoming": cell_upcoming_meetings(org, today=timezone.localdate()) if org.is_cell else [],
        "terms": list(selectors.organization_terms(org)) if org.kind in TERM_KINDS else None,
        "can_record_terms": access.can_record_terms(request.user, org),
        **(_roster_context(request.user, org) if roster else {}),
    }
    return render(request, "organizations/tree/detail.html", context)


def organization_search(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Accent-insensitive, within what the user may see: a full page, or a fragment for htmx pickers."""
    form = OrganizationSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = list(selectors.organization_search(access.visible_organizations(request.user), query)[:SEARCH_LIMIT])
    context = {"form": form, "query": query, "results": results, "limit": SEARCH_LIMIT}
    if not _is_htmx(request):
        template = "organizations/tree/search.html"
    elif request.GET.get("as") == "options":
        template = "organizations/tree/_search_options.html"
    else:
        template = "organizations/tree/_search_results.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])  # one URL, two bodies: caches must tell them apart
    return response


def organization_history(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Reorganisations of the unit and the units merged into it, so a merged unit's past stays findable."""
    org = access.access_organization(request.user, code, roster=True)
    user = request.user
    changes = [
        (change, _link(user, change.organization), _link(user, change.other),
         _link(user, change.old_parent), _link(user, change.new_parent))
        for change in selectors.organization_history(org)
    ]
    merged_from = [(unit, _link(user, unit)) for unit in selectors.organization_merged_from(org)]
    crumbs = organization_crumbs(user, org, extra=[Crumb(_("Lịch sử tổ chức"), None)])
    context = {"org": org, "changes": changes, "merged_from": merged_from, "crumbs": crumbs}
    return render(request, "organizations/tree/history.html", context)


def organization_create(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    parent = access.access_organization(request.user, code, for_write=True)
    if not _actions(request.user, parent)["create"]:
        raise Http404(_("Không thể thành lập đơn vị trực thuộc ở đây."))
    form = OrganizationCreateForm(request.POST or None, parent=parent)
    created: list[Organization] = []

    def create() -> None:
        created.append(services.organization_create(parent=parent, created_by=request.user, **form.cleaned_data))

    if request.method == "POST" and form.is_valid() and _apply(form, create):
        return _done(request, _("Đã thành lập %(org)s.") % {"org": created[0].name}, created[0])
    return _form_page(request, parent, form, title=_("Thành lập đơn vị trực thuộc"))


def organization_edit(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """A cell secretary edits name and meeting day; the committee above also sector and founding date."""
    org = access.access_organization(request.user, code, for_write=True)
    full = access.can_reorganise_organization(request.user, org)
    form = OrganizationEditForm(request.POST or None, org=org, full=full)

    def update() -> None:
        services.organization_update(org=org, updated_by=request.user, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and _apply(form, update):
        return _done(request, _("Đã lưu thông tin %(org)s.") % {"org": org.name}, org)
    return _form_page(request, org, form, title=_("Sửa thông tin"))


def organization_move(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Chuyển trực thuộc: the unit, with everything under it, goes under a committee the user writes."""
    org = access.access_organization_to_reorganise(request.user, code)
    form = OrganizationMoveForm(request.POST or None, org=org, writable=access.writable_organizations(request.user))

    def move() -> None:
        data = form.cleaned_data
        services.organization_move(org=org, new_parent=data["new_parent"], effective_date=data["effective_date"],
                                   decision=data["decision"], note=data["note"], moved_by=request.user)

    if request.method == "POST" and form.is_valid() and _apply(form, move):
        return _done(request, _("Đã chuyển %(org)s sang trực thuộc %(parent)s.")
                     % {"org": org.name, "parent": form.cleaned_data["new_parent"].name}, org)
    return _form_page(request, org, form, title=_("Chuyển trực thuộc"), picker=True)


def organization_merge(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Hợp nhất: the ticked units close and their members and sub-units continue in this one."""
    org = access.access_organization_to_reorganise(request.user, code)
    form = OrganizationMergeForm(request.POST or None, org=org,
                                 reorganisable=access.reorganisable_organizations(request.user))

    def merge() -> None:
        data = form.cleaned_data
        services.organization_merge(sources=data["all_sources"], target=org, effective_date=data["effective_date"],
                                    decision=data["decision"], merged_by=request.user)

    if request.method == "POST" and form.is_valid() and _apply(form, merge):
        names = ", ".join(o.name for o in form.cleaned_data["all_sources"])
        return _done(request, _("Đã hợp nhất %(names)s vào %(org)s.") % {"names": names, "org": org.name}, org)
    return _form_page(request, org, form, title=_("Hợp nhất vào đơn vị này"),
                      template="organizations/tree/merge.html", picker=True)


def organization_split(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Chia tách: up to three new units beside this one; each member stays or goes to one of them."""
    org = access.access_organization_to_reorganise(request.user, code)
    members = list(selectors.cell_roster(org)) if org.is_cell else []
    form = OrganizationSplitForm(request.POST or None, org=org, members=members)

    def split() -> None:
        data = form.cleaned_data
        services.organization_split(org=org, parts=data["parts"], effective_date=data["effective_date"],
                                    decision=data["decision"], close_original=data["close_original"],
                                    split_by=request.user)

    if request.method == "POST" and form.is_valid() and _apply(form, split):
        return _done(request, _("Đã chia tách %(org)s.") % {"org": org.name}, org)
    return _form_page(request, org, form, title=_("Chia tách"), template="organizations/tree/split.html")


# --- congress terms (nhiệm kỳ) -------------------------------------------------------------------------

def term_create(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Ghi nhiệm kỳ mới: the congress day opens the term and closes the previous one the day before."""
    org = access.access_organization_terms(request.user, code, for_write=True)
    form = TermForm(request.POST or None)

    def record() -> None:
        services.term_record(organization=org, recorded_by=request.user, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and _apply(form, record):
        return _done(request, _("Đã ghi nhiệm kỳ %(name)s.") % {"name": form.cleaned_data["name"]}, org)
    return _form_page(request, org, form, title=_("Ghi nhiệm kỳ mới"))


def term_edit(request: AuthenticatedHttpRequest, term_id: int) -> HttpResponse:
    """Correct a term; once documents are numbered in it only its note changes (services.term_correct)."""
    term = access.access_term(request.user, term_id, for_write=True)
    form = TermForm(request.POST or None, initial={"name": term.name, "start_date": term.start_date,
                                                   "note": term.note})

    def correct() -> None:
        services.term_correct(term=term, corrected_by=request.user, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and _apply(form, correct):
        return _done(request, _("Đã sửa nhiệm kỳ %(name)s.") % {"name": form.cleaned_data["name"]}, term.organization)
    return _form_page(request, term.organization, form, title=_("Sửa nhiệm kỳ %(name)s") % {"name": term.name})
