"""The single gate between a request and the records it may touch.

Every view turns ids from the URL into objects through an `access_*` function here.
Rules, each on its own line below:

- a role assignment covers its organization and the whole subtree under it;
- write roles (cell secretary, committee staff, administrator) may change what they see;
- a committee leader reads the subtree but changes nothing;
- a plain member sees their own cell's page and their own record, nothing else;
- anything outside the user's scope answers 404, so that ids elsewhere are not confirmed to exist.
"""

from dataclasses import dataclass, field
from typing import TypeVar

from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from chibo.accounts.models import ROSTER_ROLES, WRITE_ROLES, Role, RoleAssignment, User
from chibo.meetings.models import DocumentKind, IssuedDocument, Liaison, Meeting, MeetingMaterial, Task
from chibo.organizations import selectors
from chibo.organizations.models import (
    CELL_KINDS,
    TERM_KINDS,
    Exemption,
    ImportJob,
    Member,
    Membership,
    MembershipKind,
    Organization,
    Position,
    Term,
)
from chibo.quality.models import CriterionItem, Rubric, SupportAction

ROOT_PATHS = ("",)  # the prefix every path starts with: the whole tree
MeetingPart = TypeVar("MeetingPart", bound=models.Model)  # a row with a `meeting` foreign key


@dataclass(frozen=True)
class Scope:
    """What one user may reach, computed once per request."""

    read_paths: tuple[str, ...] = ()
    write_paths: tuple[str, ...] = ()
    own_cell_ids: frozenset[int] = frozenset()
    own_member_id: int | None = None
    is_admin: bool = False
    roles: frozenset[str] = field(default_factory=frozenset)

    def reads(self, org: Organization) -> bool:
        return self.is_admin or any(org.path.startswith(p) for p in self.read_paths)

    def writes(self, org: Organization) -> bool:
        return self.is_admin or any(org.path.startswith(p) for p in self.write_paths)


def user_scope(user: User) -> Scope:
    if not user.is_authenticated or not user.is_active:
        return Scope()
    cached = getattr(user, "_chibo_scope", None)
    if cached is not None:
        return cached
    assignments = list(
        RoleAssignment.objects.active_on(timezone.localdate()).filter(user=user).select_related("organization")
    )
    is_admin = user.is_superuser or any(a.role == Role.ADMIN for a in assignments)
    read = {a.organization.path for a in assignments if a.role in ROSTER_ROLES}
    write = {a.organization.path for a in assignments if a.role in WRITE_ROLES}
    own_cells: set[int] = {a.organization_id for a in assignments if a.role == Role.MEMBER}
    if user.member_id:
        own_cells |= set(
            Membership.objects.filter(member_id=user.member_id, end_date__isnull=True).values_list(
                "organization_id", flat=True
            )
        )
    scope = Scope(
        read_paths=ROOT_PATHS if is_admin else tuple(sorted(read)),
        write_paths=ROOT_PATHS if is_admin else tuple(sorted(write)),
        own_cell_ids=frozenset(own_cells),
        own_member_id=user.member_id,
        is_admin=is_admin,
        roles=frozenset(a.role for a in assignments),
    )
    user._chibo_scope = scope  # type: ignore[attr-defined]
    return scope


def _not_found() -> Http404:
    return Http404(_("Không tìm thấy hoặc bạn không có quyền xem."))


# --- organizations -------------------------------------------------------------------------------

def visible_organizations(user: User):
    scope = user_scope(user)
    if scope.is_admin:
        return Organization.objects.all()
    return Organization.objects.filter(selectors.subtrees_q(scope.read_paths) | cell_ids_q(scope.own_cell_ids))


def cell_ids_q(ids) -> Q:
    return Q(pk__in=list(ids))


def access_organization(user: User, code: str, *, for_write: bool = False, roster: bool = False) -> Organization:
    """The organization with `code` if the user may see it (roster: its members; for_write: change it)."""
    org = selectors.organization_by_code(code)
    if org is None:
        raise _not_found()
    scope = user_scope(user)
    if for_write and not scope.writes(org):
        raise _not_found()
    if scope.reads(org):
        return org
    if not roster and not for_write and org.pk in scope.own_cell_ids:
        return org
    raise _not_found()


def can_write_organization(user: User, org: Organization) -> bool:
    return user_scope(user).writes(org)


def can_see_roster(user: User, org: Organization) -> bool:
    return user_scope(user).reads(org)


def can_see_organization(user: User, org: Organization) -> bool:
    """May open the organization's page (its roster or, for a plain member, their own cell's page)."""
    scope = user_scope(user)
    return scope.reads(org) or org.pk in scope.own_cell_ids


def writable_organizations(user: User):
    scope = user_scope(user)
    if scope.is_admin:
        return Organization.objects.all()
    return Organization.objects.filter(selectors.subtrees_q(scope.write_paths))


def reorganisable_organizations(user: User):
    """Units the user may move, merge or split: strictly inside a subtree they write (see below)."""
    scope = user_scope(user)
    if scope.is_admin:
        return Organization.objects.all()
    return writable_organizations(user).exclude(path__in=scope.write_paths)


def can_reorganise_organization(user: User, org: Organization) -> bool:
    """Move, merge, split: the superior committee decides, so the user must be able to write the parent.

    A cell secretary writes their cell (name, meeting day) but not its place in the tree.
    """
    parent = org.parent
    if parent is None:
        return user_scope(user).is_admin
    return can_write_organization(user, parent)


def can_add_unit(user: User, parent: Organization) -> bool:
    """Create a unit under `parent`: a committee's writers; inside a cell (party groups), the committee above it."""
    if not can_write_organization(user, parent):
        return False
    if parent.is_cell:
        return can_reorganise_organization(user, parent)
    return True


def access_organization_to_reorganise(user: User, code: str) -> Organization:
    """The organization with `code` if the user may move, merge or split it; else 404."""
    org = access_organization(user, code, for_write=True)
    if not can_reorganise_organization(user, org):
        raise _not_found()
    return org


def target_cells(user: User, *, for_write: bool = False):
    """Active cells the user may see (or change, with for_write=True): the choices when moving a member."""
    scope = user_scope(user)
    cells = Organization.objects.cells().active_on(timezone.localdate()).filter(valid_to__isnull=True)
    if scope.is_admin:
        return cells
    return cells.filter(selectors.subtrees_q(scope.write_paths if for_write else scope.read_paths))


def access_organization_terms(user: User, code: str, *, for_write: bool = False) -> Organization:
    """An organization's congress terms (nhiệm kỳ): read by whoever reads it, recorded by its writers.

    A cell secretary records their own cell's terms; committee staff those of their subtree. A party
    group holds no congress: 404.
    """
    org = access_organization(user, code, for_write=for_write)
    if org.kind not in TERM_KINDS:
        raise _not_found()
    return org


def access_term(user: User, term_id: int, *, for_write: bool = False) -> Term:
    """One term, reached through its organization (see access_organization_terms)."""
    term = Term.objects.filter(pk=term_id).select_related("organization").first()
    if term is None:
        raise _not_found()
    access_organization_terms(user, term.organization.code, for_write=for_write)
    return term


def can_record_terms(user: User, org: Organization) -> bool:
    return org.kind in TERM_KINDS and can_write_organization(user, org)


# --- members -------------------------------------------------------------------------------------

def visible_members(user: User, *, include_exited: bool = True):
    scope = user_scope(user)
    if scope.is_admin:
        return Member.objects.all()
    members = selectors.members_in_subtrees(scope.read_paths, include_exited=include_exited)
    if scope.own_member_id:
        members = members | Member.objects.filter(pk=scope.own_member_id)
    return members


def access_member(user: User, member_id: int, *, for_write: bool = False) -> Member:
    """A member the user may see: in their read subtree, or their own record (read only).

    Changing the record needs write access to the member's home cell: a cell where the member
    is only temporarily attached sees them but does not keep their file.
    """
    scope = user_scope(user)
    if not scope.is_admin:
        paths = scope.write_paths if for_write else scope.read_paths
        in_scope = selectors.members_in_subtrees(paths, include_exited=True, home_only=for_write).filter(
            pk=member_id
        ).exists()
        own = not for_write and scope.own_member_id == member_id
        if not (in_scope or own):
            raise _not_found()
    member = Member.objects.filter(pk=member_id).first()
    if member is None:
        raise _not_found()
    return member


def can_write_member(user: User, member: Member) -> bool:
    scope = user_scope(user)
    if scope.is_admin:
        return True
    return selectors.members_in_subtrees(scope.write_paths, include_exited=True, home_only=True).filter(
        pk=member.pk
    ).exists()


def access_exemption(user: User, exemption_id: int, *, for_write: bool = False) -> Exemption:
    exemption = Exemption.objects.filter(pk=exemption_id).select_related("member").first()
    if exemption is None:
        raise _not_found()
    access_member(user, exemption.member_id, for_write=for_write)
    return exemption


def access_attachment(user: User, membership_id: int, *, for_write: bool = False) -> Membership:
    """A temporary attachment (sinh hoạt tạm thời), managed from the member's home cell.

    The host cell sees the attached member, but the home cell sent them and records the
    return, so reaching the attachment needs the home cell (where the party file is kept).
    """
    attachment = (
        Membership.objects.filter(pk=membership_id, kind=MembershipKind.TEMPORARY)
        .select_related("member", "organization").first()
    )
    if attachment is None:
        raise _not_found()
    member = access_member(user, attachment.member_id, for_write=for_write)
    home = selectors.member_current_membership(member)
    scope = user_scope(user)
    if home is not None and not (scope.writes(home.organization) if for_write else scope.reads(home.organization)):
        raise _not_found()
    return attachment


def access_position(user: User, position_id: int, *, for_write: bool = False) -> Position:
    """A party office: seen with its member; changed only by whoever writes the office's organization."""
    position = Position.objects.filter(pk=position_id).select_related("member", "organization").first()
    if position is None:
        raise _not_found()
    access_member(user, position.member_id, for_write=for_write)
    if for_write and not user_scope(user).writes(position.organization):
        raise _not_found()
    return position


# --- imports -------------------------------------------------------------------------------------

def access_import_job(user: User, job_id: int) -> ImportJob:
    """An uploaded list: only people who may change its organization see it (it holds the whole roll)."""
    job = ImportJob.objects.filter(pk=job_id).select_related("organization").first()
    if job is None:
        raise _not_found()
    if not user_scope(user).writes(job.organization):
        raise _not_found()
    return job


# --- landing -------------------------------------------------------------------------------------

def home_organization(user: User) -> Organization | None:
    """Where the user lands: the highest organization of their widest role, else their own cell."""
    scope = user_scope(user)
    assignments = (
        RoleAssignment.objects.active_on(timezone.localdate()).filter(user=user, role__in=ROSTER_ROLES)
        .select_related("organization").order_by("organization__depth")
    )
    first = assignments.first()
    if first is not None:
        return first.organization
    if scope.is_admin:
        return Organization.objects.filter(parent__isnull=True).order_by("code").first()
    if scope.own_cell_ids:
        return Organization.objects.filter(pk__in=scope.own_cell_ids).order_by("depth").first()
    return None


# --- meetings ------------------------------------------------------------------------------------

def is_cell_liaison(user: User, org: Organization) -> bool:
    """Is the user the superior committee's member in charge of this cell today (a `Liaison`)?"""
    if not user.is_authenticated or not user.is_active:
        return False
    return Liaison.objects.active_on(timezone.localdate()).filter(user=user, organization=org).exists()


def _check_meeting_scope(user: User, meeting: Meeting, *, for_write: bool) -> None:
    scope = user_scope(user)
    org = meeting.organization
    # Changing a meeting: the cell's secretary, the committee's staff above it, an administrator.
    if for_write and not scope.writes(org):
        raise _not_found()
    # Seeing it: a committee reads its subtree's meetings; a plain member those of their own cell.
    if scope.reads(org) or org.pk in scope.own_cell_ids:
        return
    # The liaison in charge of the cell follows its meetings, even without a role on the committee.
    if not for_write and is_cell_liaison(user, org):
        return
    raise _not_found()


def access_meeting_calendar(user: User, code: str) -> Organization:
    """An organization's meeting calendar: whoever sees the organization, and the liaison of a cell."""
    try:
        return access_organization(user, code)
    except Http404:
        org = selectors.organization_by_code(code)
        if org is not None and org.is_cell and is_cell_liaison(user, org):
            return org
        raise


def access_meeting(user: User, meeting_id: int, *, for_write: bool = False) -> Meeting:
    """Return the meeting if `user` may see it (or change it, with for_write=True).

    Meetings outside the user's subtree raise Http404, not PermissionDenied,
    so that ids of other cells are not confirmed to exist.
    """
    meeting = Meeting.objects.filter(pk=meeting_id).select_related("organization", "procedure").first()
    if meeting is None:
        raise _not_found()
    _check_meeting_scope(user, meeting, for_write=for_write)
    return meeting


def access_meeting_part(user: User, model: type[MeetingPart], part_id: int, *, for_write: bool = False) -> MeetingPart:
    """A row of one meeting (attendance, contribution, vote, guest, step…), reached through its meeting."""
    part = model._default_manager.filter(pk=part_id).select_related("meeting__organization").first()
    if part is None:
        raise _not_found()
    _check_meeting_scope(user, part.meeting, for_write=for_write)  # type: ignore[attr-defined]
    return part


def access_material(user: User, material_id: int, *, for_write: bool = False) -> MeetingMaterial:
    """Meeting materials: writers always; readers only once the materials are released to members."""
    material = access_meeting_part(user, MeetingMaterial, material_id, for_write=for_write)
    released = material.meeting.materials_released_at is not None
    if not released and not user_scope(user).writes(material.meeting.organization):
        raise _not_found()
    return material


def access_task(user: User, task_id: int, *, for_write: bool = False) -> Task:
    """A task: seen with its meeting, or by its assignee; changed by whoever changes the meeting."""
    task = Task.objects.filter(pk=task_id).select_related("meeting__organization", "assignee").first()
    if task is None:
        raise _not_found()
    own = task.assignee_id is not None and task.assignee_id == user_scope(user).own_member_id
    if own and not for_write:
        return task
    _check_meeting_scope(user, task.meeting, for_write=for_write)
    return task


def access_task_report(user: User, task_id: int) -> Task:
    """Reporting progress on a task: its assignee, or the cell's writers on the assignee's behalf."""
    task = access_task(user, task_id)
    own = task.assignee_id is not None and task.assignee_id == user_scope(user).own_member_id
    if not own and not user_scope(user).writes(task.meeting.organization):
        raise _not_found()
    return task


# --- meeting documents and liaisons --------------------------------------------------------------

def can_see_document_drafts(user: User, org: Organization) -> bool:
    """Drafts (an unissued resolution) and the roll's sign-in sheet: the cell's readers above a plain member."""
    return user_scope(user).reads(org) or is_cell_liaison(user, org)


def access_meeting_document(user: User, meeting_id: int, *, kind: str) -> Meeting:
    """A meeting whose document `kind` (minutes, resolution, signin, agenda) the user may download.

    - minutes and resolution exist once the minutes are approved (the meeting is closed);
    - a plain member of the cell gets the approved minutes and an issued resolution, not a draft;
    - the sign-in sheet lists the roll, so it needs a reader of the roster (or the liaison);
    - the agenda goes to whoever sees the meeting.
    """
    meeting = access_meeting(user, meeting_id)
    org = meeting.organization
    if kind in (DocumentKind.MINUTES, DocumentKind.RESOLUTION) and not meeting.is_closed:
        raise _not_found()
    if kind == "signin" and not can_see_document_drafts(user, org):
        raise _not_found()
    if kind == DocumentKind.RESOLUTION and not can_see_document_drafts(user, org):
        if not IssuedDocument.objects.filter(meeting=meeting, kind=kind).exists():
            raise _not_found()
    return meeting


def access_cell_liaisons(user: User, code: str, *, for_write: bool = False) -> Organization:
    """A cell's liaison assignments: seen with the cell; assigned by the committee above it (writes its parent)."""
    org = access_organization(user, code, for_write=for_write)
    if not org.is_cell:
        raise _not_found()
    if for_write and not can_reorganise_organization(user, org):
        raise _not_found()
    return org


def access_liaison(user: User, liaison_id: int) -> Liaison:
    """One assignment, to end it: whoever may assign the cell's liaison."""
    liaison = Liaison.objects.filter(pk=liaison_id).select_related("organization", "user").first()
    if liaison is None:
        raise _not_found()
    access_cell_liaisons(user, liaison.organization.code, for_write=True)
    return liaison


# --- meeting quality -----------------------------------------------------------------------------

def can_rate_as_superior(user: User, org: Organization) -> bool:
    """The superior's liaison or committee: someone who reads `org` through a role on a committee above it.

    A cell's own secretary reads the cell from the cell itself, not from above, so they only self-rate.
    """
    scope = user_scope(user)
    if scope.is_admin:
        return True
    return any(org.path.startswith(p) and org.path != p for p in scope.read_paths)


def access_meeting_to_rate(user: User, meeting_id: int, *, as_superior: bool = False) -> Meeting:
    """A meeting to rate: the cell's writers self-rate it; a committee above it rates it as the superior."""
    meeting = access_meeting(user, meeting_id, for_write=not as_superior)
    if as_superior and not can_rate_as_superior(user, meeting.organization):
        raise _not_found()
    return meeting


def access_rubric(user: User, code: str, rubric_id: int, *, for_write: bool = False) -> tuple[Organization, Rubric]:
    """A rubric as seen from the organization `code`: one that applies there, or one issued inside its subtree.

    Changing it needs write access to the committee that issued it (a central rubric changes only
    through a data migration: it is the Party's text, not a setting).
    """
    org = access_organization(user, code, roster=True)
    rubric = Rubric.objects.filter(pk=rubric_id).select_related("owner").first()
    if rubric is None:
        raise _not_found()
    applies = rubric.owner is None or org.path.startswith(rubric.owner.path)
    issued_below = rubric.owner is not None and rubric.owner.path.startswith(org.path)
    if not (applies or issued_below):
        raise _not_found()
    if for_write and (rubric.owner is None or not user_scope(user).writes(rubric.owner)):
        raise _not_found()
    return org, rubric


def access_rubric_item(rubric: Rubric, item_id: int) -> CriterionItem:
    """A sub-item of a rubric already reached through access_rubric."""
    item = CriterionItem.objects.filter(pk=item_id, criterion__rubric=rubric).select_related("criterion").first()
    if item is None:
        raise _not_found()
    return item


def rubric_clone_owners(user: User, org: Organization, rubric: Rubric):
    """Committees from the root down to `org` that the user writes and `rubric` applies to: who may adapt it."""
    scope = user_scope(user)
    chain = Organization.objects.filter(pk__in=[*org.ancestor_ids(), org.pk]).exclude(kind__in=CELL_KINDS)
    if rubric.owner is not None:
        chain = chain.filter(selectors.path_prefix_q(rubric.owner.path))
    return chain.filter(pk__in=[o.pk for o in chain if scope.writes(o)]).order_by("depth")


def access_rubric_to_clone(user: User, code: str, rubric_id: int):
    """A rubric to adapt, and the committees (seen from `code`) that may issue the copy; 404 if there are none."""
    org, rubric = access_rubric(user, code, rubric_id)
    owners = rubric_clone_owners(user, org, rubric)
    if not owners.exists():
        raise _not_found()
    return org, rubric, owners


def access_cell_to_support(user: User, code: str) -> Organization:
    """A cell the user may record support for: the superior's liaison or committee (see can_rate_as_superior)."""
    org = access_organization(user, code, roster=True)
    if not org.is_cell or not can_rate_as_superior(user, org):
        raise _not_found()
    return org


def access_support_action(user: User, action_id: int) -> SupportAction:
    """A support action, reached by whoever may record support for its cell."""
    action = SupportAction.objects.filter(pk=action_id).select_related("cell").first()
    if action is None:
        raise _not_found()
    if not can_rate_as_superior(user, action.cell):
        raise _not_found()
    return action
