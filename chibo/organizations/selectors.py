"""Reads of the organization tree and the member roll. No writes here."""

from datetime import date

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from chibo.core import text
from chibo.organizations.models import (
    CELL_KINDS,
    Exemption,
    Member,
    Membership,
    MembershipKind,
    Organization,
    Position,
)


def path_prefix_q(prefix: str, *, field: str = "path") -> Q:
    """Rows whose `field` starts with `prefix`, as a query that uses the index on both databases.

    PostgreSQL uses its `varchar_pattern_ops` index for LIKE 'prefix%'. SQLite only uses an
    index for LIKE under a case-sensitive pragma, so there we ask for the equivalent range:
    paths are digits and dots, all below "~".
    """
    if connection.vendor == "sqlite":
        return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + "~"})
    return Q(**{f"{field}__startswith": prefix})


def subtrees_q(paths, *, field: str = "path") -> Q:
    """Rows inside any of the subtrees rooted at `paths` (an empty list matches nothing)."""
    query = Q(pk__in=[])
    for prefix in paths:
        query |= path_prefix_q(prefix, field=field)
    return query


def organization_subtree(org: Organization) -> QuerySet[Organization]:
    return Organization.objects.filter(path_prefix_q(org.path))


def organization_ancestors(org: Organization) -> list[Organization]:
    ids = org.ancestor_ids()
    by_id = Organization.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def organization_children(org: Organization, *, include_closed: bool = False) -> QuerySet[Organization]:
    children = Organization.objects.filter(parent=org)
    if not include_closed:
        children = children.filter(valid_to__isnull=True)
    return children.order_by("code")


def organization_by_code(code: str) -> Organization | None:
    return Organization.objects.filter(code=text.clean(code)).first()


def members_in_subtrees(paths, *, include_exited: bool = False) -> QuerySet[Member]:
    """Members with an open membership (regular or temporary) in any of the subtrees."""
    open_here = Membership.objects.filter(
        subtrees_q(paths, field="organization__path"), member=OuterRef("pk"), end_date__isnull=True
    )
    query = Q(Exists(open_here))
    if include_exited:
        left_here = Membership.objects.filter(
            subtrees_q(paths, field="organization__path"), member=OuterRef("pk"),
            end_date=OuterRef("exit_date"),
        )
        query |= Q(exit_date__isnull=False) & Q(Exists(left_here))
    return Member.objects.filter(query)


def member_search(members: QuerySet[Member], query: str) -> QuerySet[Member]:
    """Accent-insensitive: "nguyen van a" finds "Nguyễn Văn A"; a card number finds its member."""
    folded = text.fold(query)
    if not folded:
        return members
    condition = Q()
    for word in folded.split(" "):
        condition &= Q(search_name__contains=word)
    return members.filter(condition | Q(card_number=text.clean(query)))


def cell_roster(org: Organization, *, include_exited: bool = False) -> QuerySet[Member]:
    """The people on this organization's roll today, in Vietnamese given-name order."""
    return members_in_subtrees([org.path], include_exited=include_exited).order_by("sort_key", "id")


def member_current_membership(member: Member) -> Membership | None:
    return (
        member.memberships.filter(end_date__isnull=True, kind=MembershipKind.REGULAR)
        .select_related("organization")
        .first()
    )


def member_temporary_attachment(member: Member) -> Membership | None:
    return (
        member.memberships.filter(end_date__isnull=True, kind=MembershipKind.TEMPORARY)
        .select_related("organization")
        .first()
    )


def member_active_exemption(member: Member, *, on: date | None = None) -> Exemption | None:
    day = on or date.today()
    return (
        member.exemptions.filter(start_date__lte=day, ended_on__isnull=True)
        .filter(Q(expected_end_date__isnull=True) | Q(expected_end_date__gte=day))
        .first()
    )


def organization_officers(org: Organization) -> QuerySet[Position]:
    return (
        Position.objects.filter(organization=org, end_date__isnull=True)
        .select_related("member")
        .order_by("title", "member__sort_key")
    )


def organization_member_counts(orgs) -> dict[int, int]:
    """Open memberships per organization subtree, for a list of organizations (one query each level)."""
    counts: dict[int, int] = {}
    for org in orgs:
        counts[org.pk] = Membership.objects.filter(
            path_prefix_q(org.path, field="organization__path"), end_date__isnull=True
        ).count()
    return counts


def subtree_cell_count(org: Organization) -> int:
    return organization_subtree(org).filter(kind__in=CELL_KINDS, valid_to__isnull=True).count()


def member_status_counts(members: QuerySet[Member]) -> dict[str, int]:
    rows = members.values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}
