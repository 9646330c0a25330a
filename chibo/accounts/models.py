from datetime import date

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in; linked to the party member they are, where they are one."""

    member = models.OneToOneField(
        "organizations.Member", verbose_name=_("đảng viên"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="user",
    )

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def display_name(self) -> str:
        if self.member is not None:
            return self.member.full_name
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    MEMBER = "member", _("Đảng viên")
    CELL_SECRETARY = "cell_secretary", _("Bí thư, chi ủy chi bộ")
    COMMITTEE_STAFF = "committee_staff", _("Cán bộ văn phòng, ban tổ chức cấp ủy")
    COMMITTEE_LEADER = "committee_leader", _("Lãnh đạo cấp ủy")
    ADMIN = "admin", _("Quản trị hệ thống")


# Roles that may change records in their subtree; the rest only read.
WRITE_ROLES = frozenset({Role.CELL_SECRETARY, Role.COMMITTEE_STAFF, Role.ADMIN})
# Roles that see the members of their subtree (a plain member sees only their own record).
ROSTER_ROLES = frozenset({Role.CELL_SECRETARY, Role.COMMITTEE_STAFF, Role.COMMITTEE_LEADER, Role.ADMIN})


class RoleAssignmentQuerySet(models.QuerySet):
    def active_on(self, day: date) -> "RoleAssignmentQuerySet":
        return self.filter(Q(start_date__lte=day) | Q(start_date__isnull=True)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )


class RoleAssignment(models.Model):
    """What a user may do in chibo: a role over one organization and its whole subtree."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("tổ chức"), on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization", "role"], name="unique_role_assignment"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organization}"
