"""Writes for users and their roles."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from chibo.accounts.models import Role, RoleAssignment, User
from chibo.core.audit import audit_record
from chibo.core.errors import RuleViolation


@transaction.atomic
def user_create(*, username: str, password: str | None, member=None, email: str = "",
                first_name: str = "", last_name: str = "", created_by=None) -> User:
    if User.objects.filter(username__iexact=username).exists():
        raise RuleViolation(_("Tên đăng nhập %(u)s đã có.") % {"u": username})
    user = User(username=username, email=email, member=member, first_name=first_name, last_name=last_name)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    audit_record(actor=created_by, action="user.create", obj=user, summary=username)
    return user


@transaction.atomic
def role_assign(*, user: User, organization, role: str, start_date: date | None = None,
                assigned_by=None) -> RoleAssignment:
    if role not in Role.values:
        raise RuleViolation(_("Vai trò không hợp lệ."))
    assignment, _created = RoleAssignment.objects.update_or_create(
        user=user, organization=organization, role=role,
        defaults={"start_date": start_date, "end_date": None},
    )
    audit_record(actor=assigned_by, action="user.role_assign", obj=user,
                 summary=f"{assignment.get_role_display()} — {organization.name}")
    return assignment
