"""The superior committee's member in charge of a cell (cấp ủy viên phụ trách chi bộ): assigned, ended."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chibo.accounts.models import User
from chibo.core import text
from chibo.core.audit import audit_record
from chibo.core.errors import RuleViolation
from chibo.meetings.models import Liaison
from chibo.organizations.models import Organization


@transaction.atomic
def liaison_assign(*, cell: Organization, user: User, start_date: date, assigned_by: User | None,
                   title: str = "") -> Liaison:
    """Put `user` in charge of the cell from `start_date`; the current liaison's period ends the day before.

    One liaison at a time (as one bí thư at a time): the superior committee assigns one of its
    members to follow each cell, and a change of assignment is a new row, so the past stays.
    """
    if not cell.is_cell:
        raise RuleViolation(_("Chỉ phân công phụ trách cho chi bộ."))
    if not user.is_active:
        raise RuleViolation({"user": _("Tài khoản này đã bị khóa.")})
    Organization.objects.select_for_update().filter(pk=cell.pk).first()  # one assignment at a time per cell
    current = Liaison.objects.filter(organization=cell, end_date__isnull=True).first()
    if current is not None:
        if current.user_id == user.pk:
            raise RuleViolation({"user": _("Đồng chí này đang phụ trách chi bộ.")})
        if current.start_date >= start_date:
            raise RuleViolation({"start_date": _("Ngày bắt đầu phải sau ngày %(d)s, khi người phụ trách hiện nay "
                                                 "bắt đầu.") % {"d": current.start_date.strftime("%d/%m/%Y")}})
        current.end_date = start_date - timedelta(days=1)
        current.save(update_fields=["end_date"])
    liaison = Liaison.objects.create(organization=cell, user=user, title=text.clean(title), start_date=start_date,
                                     assigned_by=assigned_by)
    audit_record(actor=assigned_by, action="liaison.assign", obj=cell,
                 summary=f"{user.display_name()} — {start_date:%d/%m/%Y}")
    return liaison


@transaction.atomic
def liaison_end(*, liaison: Liaison, ended_by: User | None, end_date: date | None = None) -> Liaison:
    """End an assignment (the cell then has no liaison until a new one is assigned)."""
    end_date = end_date or timezone.localdate()
    if liaison.end_date is not None:
        raise RuleViolation(_("Việc phân công này đã kết thúc."))
    if end_date < liaison.start_date:
        raise RuleViolation({"end_date": _("Ngày kết thúc không thể trước ngày bắt đầu.")})
    liaison.end_date = end_date
    liaison.save(update_fields=["end_date"])
    audit_record(actor=ended_by, action="liaison.end", obj=liaison.organization,
                 summary=f"{liaison.user.display_name()} — {end_date:%d/%m/%Y}")
    return liaison
