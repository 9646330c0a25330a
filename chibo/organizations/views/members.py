"""The member roll: the roster of a cell (or a committee's subtree), a member's profile, and every change.

Each write view: access (404 outside the user's scope) → form → service → message → the profile.
A rule the service enforces comes back as a RuleViolation and is shown on the form, never as a 500.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.middleware import HtmxDetails

from chibo.accounts import access
from chibo.accounts.models import User
from chibo.core.audit import audit_events_for
from chibo.core.http import AuthenticatedHttpRequest
from chibo.organizations import selectors, services
from chibo.organizations.forms.members import (
    AttachForm,
    EndDateForm,
    ExemptForm,
    ExitForm,
    MemberCreateForm,
    MemberFilterForm,
    MemberForm,
    PositionAssignForm,
    TransferForm,
    add_service_errors,
)
from chibo.organizations.models import ExitKind, Member, Membership, MembershipKind, Organization
from chibo.organizations.navigation import Crumb, organization_crumbs

PAGE_SIZE = 50
PRINT_LIMIT = 5000  # a printed roster is one long page; a commune has a few thousand members at most
AUDIT_LIMIT = 100
FORM_TEMPLATE = "organizations/members/form.html"

NO_TRANSFER_TARGETS = gettext_lazy(
    "Bạn không quản lý chi bộ nào khác để nhận đảng viên này. Nếu đảng viên chuyển đến nơi ngoài phạm vi "
    "của bạn, hãy ghi \"Chuyển sinh hoạt ra ngoài\"; nếu chuyển giữa các chi bộ trong đảng bộ, hãy đề nghị "
    "cấp ủy cấp trên thực hiện."
)
NO_ATTACH_TARGETS = gettext_lazy(
    "Không có chi bộ nào khác trong phạm vi của bạn. Hãy đề nghị cấp ủy cấp trên ghi sinh hoạt tạm thời."
)
YES_NO = {"True": gettext_lazy("Có"), "False": gettext_lazy("Không")}
AUDIT_ACTIONS = {
    "member.create": gettext_lazy("Thêm vào danh sách"),
    "member.update": gettext_lazy("Sửa hồ sơ"),
    "member.transfer": gettext_lazy("Chuyển sinh hoạt"),
    "member.attach": gettext_lazy("Sinh hoạt tạm thời"),
    "member.attachment_end": gettext_lazy("Kết thúc sinh hoạt tạm thời"),
    "member.exempt": gettext_lazy("Miễn công tác và sinh hoạt đảng"),
    "member.exemption_end": gettext_lazy("Kết thúc miễn sinh hoạt"),
    "member.exit": gettext_lazy("Ra khỏi danh sách"),
    "member.position": gettext_lazy("Giao chức vụ"),
    "member.position_end": gettext_lazy("Thôi chức vụ"),
}


class HtmxRequest(AuthenticatedHttpRequest):
    htmx: HtmxDetails


# --- helpers -------------------------------------------------------------------------------------

def _posted(request: AuthenticatedHttpRequest):
    return request.POST if request.method == "POST" else None


def _run(request: AuthenticatedHttpRequest, form: forms.Form, save: Callable[[dict], Any]) -> Any:
    """Validate a POSTed form and call the service; a rule it breaks lands on the form. None if not saved."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None


def _home_cell(member: Member) -> Organization | None:
    """The cell the member belongs to now, else the last one (for a member who has left the roll)."""
    memberships = sorted(member.memberships.all(), key=lambda m: (m.kind != MembershipKind.REGULAR,
                                                                   m.end_date is not None, -m.start_date.toordinal()))
    return memberships[0].organization if memberships else None


def _member_crumbs(user: User, member: Member, action: str | None = None) -> list[Crumb]:
    org = _home_cell(member)
    member_crumb = Crumb(member.full_name, reverse("organizations:member_detail", args=[member.pk]) if action else None)
    tail = [member_crumb, *([Crumb(action, None)] if action else [])]
    if org is None:
        return tail
    roster = reverse("organizations:member_list", args=[org.code]) if access.can_see_roster(user, org) else None
    return organization_crumbs(user, org, extra=[Crumb(pgettext("plural", "Đảng viên"), roster), *tail])


def _form_page(request: AuthenticatedHttpRequest, form: forms.Form, *, member: Member, title: str,
               **extra: Any) -> HttpResponse:
    selectors.member_with_history(member)
    context = {"form": form, "member": member, "title": title, "crumbs": _member_crumbs(request.user, member, title),
               "cancel_url": reverse("organizations:member_detail", args=[member.pk]), **extra}
    return render(request, FORM_TEMPLATE, context)


def _to_profile(request: AuthenticatedHttpRequest, member: Member, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("organizations:member_detail", member.pk)


def _full_years(start: date, end: date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def _audit_rows(member: Member) -> list[dict]:
    """The member's audit trail for people: who, when, what, and each changed field as label: old → new."""
    fields = {f.name: f for f in Member._meta.get_fields() if hasattr(f, "verbose_name")}
    rows = []
    for event in audit_events_for(member).select_related("actor__member")[:AUDIT_LIMIT]:
        changes = []
        for name, (old, new) in event.changes.items():
            field = fields.get(name)
            label = field.verbose_name if field else name
            shown = {**YES_NO, **{str(k): v for k, v in (getattr(field, "choices", None) or [])}}
            old, new = shown.get(old or "", old), shown.get(new or "", new)
            if old or new:
                changes.append((label, old, new))
        rows.append({"when": localtime(event.created_at), "actor": event.actor.display_name() if event.actor else "",
                     "action": AUDIT_ACTIONS.get(event.action, event.action), "summary": event.summary,
                     "changes": changes})
    return rows


# --- roster --------------------------------------------------------------------------------------

@require_GET
def member_list(request: HtmxRequest, code: str) -> HttpResponse:
    """The roster, in given-name order; the search box refreshes only the table under htmx."""
    org = access.access_organization(request.user, code, roster=True)
    form = MemberFilterForm(request.GET)
    form.is_valid()  # an invalid filter is dropped; cleaned_data keeps the valid ones
    filters = form.cleaned_data
    members = selectors.cell_roster(org, include_exited=filters.get("exited", False))
    members = selectors.member_search(members, filters.get("q", ""))
    members = selectors.roster_filter(members, status=filters.get("status", ""),
                                      exempt=filters.get("exempt", False), attached=filters.get("attached", False))
    printing = request.GET.get("print") == "1"
    page = Paginator(selectors.roster_rows(members), PRINT_LIMIT if printing else PAGE_SIZE).get_page(
        request.GET.get("page"))
    template = "list.html"
    if printing:
        template = "print.html"
    elif request.htmx and not request.htmx.history_restore_request:
        template = "_results.html"
    context = {"org": org, "form": form, "page": page, "show_cell": not org.is_cell,
               "can_write": access.can_write_organization(request.user, org),
               "crumbs": organization_crumbs(request.user, org, extra=[Crumb(pgettext("plural", "Đảng viên"), None)])}
    response = render(request, f"organizations/members/{template}", context)
    patch_vary_headers(response, ["HX-Request"])  # the fragment and the page share one URL
    return response


# --- profile -------------------------------------------------------------------------------------

@require_GET
def member_detail(request: AuthenticatedHttpRequest, member_id: int) -> HttpResponse:
    member = selectors.member_with_history(access.access_member(request.user, member_id))
    open_memberships = [m for m in member.memberships.all() if m.end_date is None]
    active = selectors.member_active_exemption(member)
    context = {
        "member": member,
        "current": next((m for m in open_memberships if m.kind == MembershipKind.REGULAR), None),
        "attachment": next((m for m in open_memberships if m.kind == MembershipKind.TEMPORARY), None),
        "active_exemption_id": active.pk if active else None,
        "has_open_exemption": any(e.ended_on is None for e in member.exemptions.all()),
        "party_age": _full_years(member.admission_date, member.exit_date or timezone.localdate())
        if member.admission_date else None,
        "age": _full_years(member.birth_date, timezone.localdate()) if member.birth_date else None,
        "audit": _audit_rows(member),
        "can_write": access.can_write_member(request.user, member),
        "crumbs": _member_crumbs(request.user, member),
    }
    return render(request, "organizations/members/detail.html", context)


@require_http_methods(["GET", "POST"])
def member_create(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    org = access.access_organization(request.user, code, for_write=True)
    if not org.is_cell or not org.is_active:
        raise Http404(_("Chỉ thêm được đảng viên vào một chi bộ đang hoạt động."))
    form = MemberCreateForm(_posted(request))
    member = _run(request, form, lambda data: services.member_create(
        organization=org, data=form.member_data(), start_date=data["start_date"], created_by=request.user))
    if member is not None:
        return _to_profile(request, member, _("Đã thêm đảng viên %(name)s.") % {"name": member.full_name})
    roster = reverse("organizations:member_list", args=[org.code])
    crumbs = organization_crumbs(request.user, org, extra=[Crumb(pgettext("plural", "Đảng viên"), roster),
                                                           Crumb(_("Thêm đảng viên"), None)])
    return render(request, FORM_TEMPLATE, {"form": form, "title": _("Thêm đảng viên vào %(org)s") % {"org": org.name},
                                           "crumbs": crumbs, "cancel_url": roster})


@require_http_methods(["GET", "POST"])
def member_edit(request: AuthenticatedHttpRequest, member_id: int) -> HttpResponse:
    member = access.access_member(request.user, member_id, for_write=True)
    initial = {name: getattr(member, name) for name in services.MEMBER_FIELDS}
    form = MemberForm(_posted(request), initial=initial)
    if _run(request, form, lambda data: services.member_update(member=member, data=form.member_data(),
                                                               updated_by=request.user)):
        return _to_profile(request, member, _("Đã lưu hồ sơ của %(name)s.") % {"name": member.full_name})
    if request.method == "POST":
        member.refresh_from_db()  # a refused update may have set values on the instance; show the stored ones
    return _form_page(request, form, member=member, title=_("Sửa hồ sơ"))


# --- moves ---------------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
def member_transfer(request: AuthenticatedHttpRequest, member_id: int) -> HttpResponse:
    """Official transfer to another cell the user manages; a cell secretary is pointed to the exit."""
    member = access.access_member(request.user, member_id, for_write=True)
    current = selectors.member_current_membership(member)
    if member.has_exited or current is None:
        messages.error(request, _("Đảng viên này hiện không sinh hoạt ở chi bộ nào."))
        return redirect("organizations:member_detail", member.pk)
    targets = access.target_cells(request.user, for_write=True).exclude(pk=current.organization_id)
    form = TransferForm(_posted(request), targets=targets)
    if _run(request, form, lambda data: services.member_transfer(
            member=member, to=data["to"], effective_date=data["effective_date"], note=data["note"],
            transferred_by=request.user)):
        return _to_profile(request, member, _("Đã chuyển %(name)s đến %(org)s.") % {
            "name": member.full_name, "org": form.cleaned_data["to"].name})
    return _form_page(request, form, member=member, title=_("Chuyển sinh hoạt đảng"), current=current,
                      notice=None if targets.exists() else NO_TRANSFER_TARGETS,
                      exit_url=reverse("organizations:member_exit", args=[member.pk]) + "?kind=transferred_out")


@require_http_methods(["GET", "POST"])
def member_attach(request: AuthenticatedHttpRequest, member_id: int) -> HttpResponse:
    member = access.access_member(request.user, member_id, for_write=True)
    current = selectors.member_current_membership(member)
    if member.has_exited or current is None:
        messages.error(request, _("Đảng viên này hiện không sinh hoạt ở chi bộ nào."))
        return redirect("organizations:member_detail", member.pk)
    targets = access.target_cells(request.user).exclude(pk=current.organization_id)
    form = AttachForm(_posted(request), targets=targets)
    if _run(request, form, lambda data: services.member_attach_temporarily(
            member=member, to=data["to"], start_date=data["start_date"], end_date=data["end_date"],
            note=data["note"], attached_by=request.user)):
        return _to_profile(request, member, _("Đã ghi sinh hoạt tạm thời của %(name)s tại %(org)s.") % {
            "name": member.full_name, "org": form.cleaned_data["to"].name})
    return _form_page(request, form, member=member, title=_("Sinh hoạt tạm thời"), current=current,
                      notice=None if targets.exists() else NO_ATTACH_TARGETS)


@require_http_methods(["GET", "POST"])
def attachment_end(request: AuthenticatedHttpRequest, membership_id: int) -> HttpResponse:
    attachment: Membership = access.access_attachment(request.user, membership_id, for_write=True)
    member = attachment.member
    form = EndDateForm(_posted(request))
    if _run(request, form, lambda data: services.attachment_end(
            attachment=attachment, end_date=data["end_date"], ended_by=request.user)):
        return _to_profile(request, member, _("Đã kết thúc sinh hoạt tạm thời tại %(org)s.") % {
            "org": attachment.organization.name})
    return _form_page(request, form, member=member, title=_("Kết thúc sinh hoạt tạm thời"),
                      intro=_("Sinh hoạt tạm thời tại %(org)s từ %(d)s.") % {
                          "org": attachment.organization.name, "d": attachment.start_date.strftime("%d/%m/%Y")})


# --- exemptions, exit, positions -----------------------------------------------------------------

@require_http_methods(["GET", "POST"])
def member_exempt(request: AuthenticatedHttpRequest, member_id: int) -> HttpResponse:
    member = access.access_member(request.user, member_id, for_write=True)
    form = ExemptForm(_posted(request))
    if _run(request, form, lambda data: services.member_exempt(member=member, granted_by=request.user, **data)):
        return _to_profile(request, member, _("Đã ghi miễn công tác và sinh hoạt đảng cho %(name)s.") % {
            "name": member.full_name})
    return _form_page(request, form, member=member, title=_("Miễn công tác và sinh hoạt đảng"))


@require_http_methods(["GET", "POST"])
def exemption_end(request: AuthenticatedHttpRequest, exemption_id: int) -> HttpResponse:
    exemption = access.access_exemption(request.user, exemption_id, for_write=True)
    form = EndDateForm(_posted(request))
    if _run(request, form, lambda data: services.exemption_end(
            exemption=exemption, ended_on=data["end_date"], ended_by=request.user)):
        return _to_profile(request, exemption.member, _("Đã kết thúc miễn sinh hoạt của %(name)s.") % {
            "name": exemption.member.full_name})
    return _form_page(request, form, member=exemption.member, title=_("Kết thúc miễn sinh hoạt"),
                      intro=f"{exemption.get_kind_display()}: {exemption.reason}")


@require_http_methods(["GET", "POST"])
def member_exit(request: AuthenticatedHttpRequest, member_id: int) -> HttpResponse:
    member = access.access_member(request.user, member_id, for_write=True)
    if member.has_exited:
        messages.error(request, _("Đảng viên đã ra khỏi danh sách."))
        return redirect("organizations:member_detail", member.pk)
    kind = request.GET.get("kind")
    form = ExitForm(_posted(request), initial={"kind": kind if kind in ExitKind.values else None})
    if _run(request, form, lambda data: services.member_exit(
            member=member, kind=data["kind"], exit_date=data["exit_date"], note=data["note"],
            recorded_by=request.user)):
        return _to_profile(request, member, _("Đã đưa %(name)s ra khỏi danh sách.") % {"name": member.full_name})
    return _form_page(request, form, member=member, title=_("Ra khỏi danh sách"), danger=True,
                      submit=_("Xác nhận ra khỏi danh sách"),
                      intro=_("Mọi sinh hoạt, chức vụ và miễn sinh hoạt đang mở sẽ kết thúc vào ngày này. "
                              "Hồ sơ vẫn được giữ và xem được."))


@require_http_methods(["GET", "POST"])
def position_assign(request: AuthenticatedHttpRequest, member_id: int) -> HttpResponse:
    member = access.access_member(request.user, member_id, for_write=True)
    organizations = [m.organization for m in (selectors.member_current_membership(member),
                                              selectors.member_temporary_attachment(member))
                     if m is not None and access.can_write_organization(request.user, m.organization)]
    if member.has_exited or not organizations:
        messages.error(request, _("Không có chi bộ nào của bạn để giao chức vụ cho đảng viên này."))
        return redirect("organizations:member_detail", member.pk)
    form = PositionAssignForm(_posted(request), organizations=organizations)
    if _run(request, form, lambda data: services.position_assign(member=member, assigned_by=request.user, **data)):
        return _to_profile(request, member, _("Đã giao chức vụ cho %(name)s.") % {"name": member.full_name})
    return _form_page(request, form, member=member, title=_("Giao chức vụ"))


@require_http_methods(["GET", "POST"])
def position_end(request: AuthenticatedHttpRequest, position_id: int) -> HttpResponse:
    position = access.access_position(request.user, position_id, for_write=True)
    form = EndDateForm(_posted(request))
    if _run(request, form, lambda data: services.position_end(
            position=position, end_date=data["end_date"], ended_by=request.user)):
        return _to_profile(request, position.member, _("Đã ghi thôi chức vụ %(title)s.") % {
            "title": position.get_title_display()})
    return _form_page(request, form, member=position.member, title=_("Thôi chức vụ"),
                      intro=f"{position.get_title_display()} — {position.organization.name}")
