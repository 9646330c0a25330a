"""Reads of the organization tree and the member roll. No writes here."""

import os
from datetime import date

from django.db import connection
from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value, When, prefetch_related_objects
from django.db.models.functions import Substr
from django.utils import timezone

from chibo.core import text
from chibo.organizations.models import (
    CELL_KINDS,
    Exemption,
    Member,
    Membership,
    MembershipKind,
    MemberStatus,
    Organization,
    OrganizationChange,
    Position,
    PositionTitle,
    Term,
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


def members_in_subtrees(paths, *, include_exited: bool = False, home_only: bool = False) -> QuerySet[Member]:
    """Members with an open membership in any of the subtrees.

    Temporary attachments count (the host cell sees who sits in its meetings) unless
    `home_only`: changes to a member's record belong to the home cell, which keeps the file.
    """
    open_here = Membership.objects.filter(
        subtrees_q(paths, field="organization__path"), member=OuterRef("pk"), end_date__isnull=True
    )
    if home_only:
        open_here = open_here.filter(kind=MembershipKind.REGULAR)
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


def _active_exemptions(day: date) -> QuerySet[Exemption]:
    return Exemption.objects.filter(start_date__lte=day, ended_on__isnull=True).filter(
        Q(expected_end_date__isnull=True) | Q(expected_end_date__gte=day)
    )


def roster_filter(members: QuerySet[Member], *, status: str = "", exempt: bool = False, attached: bool = False,
                  on: date | None = None) -> QuerySet[Member]:
    """Narrow a roster: by status, to members exempt on `on` (default today), to those temporarily attached."""
    if status:
        members = members.filter(status=status)
    if exempt:
        members = members.filter(Exists(_active_exemptions(on or timezone.localdate()).filter(member=OuterRef("pk"))))
    if attached:
        members = members.filter(Exists(Membership.objects.filter(
            member=OuterRef("pk"), kind=MembershipKind.TEMPORARY, end_date__isnull=True)))
    return members


def roster_rows(members: QuerySet[Member], *, on: date | None = None) -> QuerySet[Member]:
    """The roster with what each row shows, in a fixed number of queries however long the page.

    Adds `open_memberships` (with their organization), `open_positions` and `active_exemptions`.
    """
    return members.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.filter(end_date__isnull=True).select_related(
            "organization").order_by("kind", "start_date"), to_attr="open_memberships"),
        Prefetch("positions", queryset=Position.objects.filter(end_date__isnull=True).order_by("title"),
                 to_attr="open_positions"),
        Prefetch("exemptions", queryset=_active_exemptions(on or timezone.localdate()), to_attr="active_exemptions"),
    )


def member_with_history(member: Member) -> Member:
    """Prefetch a member's memberships, positions (with organizations) and exemptions, newest first."""
    prefetch_related_objects(
        [member],
        Prefetch("memberships", queryset=Membership.objects.select_related("organization").order_by(
            "-start_date", "-id")),
        Prefetch("positions", queryset=Position.objects.select_related("organization").order_by(
            F("end_date").desc(nulls_first=True), "-start_date", "-id")),
        Prefetch("exemptions", queryset=Exemption.objects.order_by("-start_date", "-id")),
    )
    return member


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
    day = on or timezone.localdate()
    return (
        member.exemptions.filter(start_date__lte=day, ended_on__isnull=True)
        .filter(Q(expected_end_date__isnull=True) | Q(expected_end_date__gte=day))
        .first()
    )


# Officers are listed by rank, as the Party lists them: bí thư, phó bí thư, chi ủy viên, tổ trưởng.
OFFICER_RANK = Case(
    *(When(title=title, then=Value(rank)) for rank, title in enumerate(PositionTitle.values)),
    default=Value(len(PositionTitle.values)),
)


def organization_officers(org: Organization) -> QuerySet[Position]:
    return (
        Position.objects.filter(organization=org, end_date__isnull=True)
        .select_related("member")
        .order_by(OFFICER_RANK, "member__sort_key")
    )


def organization_member_counts(orgs) -> dict[int, int]:
    """People on the roll of each organization's subtree (an open membership of either kind, each person once).

    One grouped query per depth among `orgs`, so a list of children costs one query however long:
    every membership under the common ancestor is grouped by the first levels of its cell's path.
    """
    counts = {org.pk: 0 for org in orgs}
    by_length: dict[int, dict[str, int]] = {}
    for org in orgs:
        by_length.setdefault(len(org.path), {})[org.path] = org.pk
    for length, by_path in by_length.items():
        common = os.path.commonprefix(list(by_path))
        common = common[: common.rfind(".") + 1]
        rows = (
            Membership.objects.filter(path_prefix_q(common, field="organization__path"), end_date__isnull=True)
            .annotate(prefix=Substr("organization__path", 1, length))
            .values("prefix").annotate(n=Count("member_id", distinct=True)).order_by()
        )
        for row in rows:
            if row["prefix"] in by_path:
                counts[by_path[row["prefix"]]] = row["n"]
    return counts


def subtree_cell_count(org: Organization) -> int:
    return organization_subtree(org).filter(kind__in=CELL_KINDS, valid_to__isnull=True).count()


def member_status_counts(members: QuerySet[Member]) -> dict[str, int]:
    rows = members.values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def organization_figures(org: Organization, *, on: date | None = None) -> dict[str, int]:
    """The figures of a subtree on its landing page, in two queries.

    `members` counts the people the member list shows (an open membership of either kind in the
    subtree); of them, `official`/`probationary` by status, `exempt` with an exemption running on
    `on`, `attached` temporarily attached to a cell of this subtree. `cells` counts open cells.
    """
    day = on or timezone.localdate()
    attached_here = Membership.objects.filter(
        path_prefix_q(org.path, field="organization__path"), member=OuterRef("pk"), end_date__isnull=True,
        kind=MembershipKind.TEMPORARY,
    )
    exempt_now = Exemption.objects.filter(member=OuterRef("pk"), start_date__lte=day, ended_on__isnull=True).filter(
        Q(expected_end_date__isnull=True) | Q(expected_end_date__gte=day)
    )
    figures = (
        members_in_subtrees([org.path])
        .annotate(is_attached=Exists(attached_here), is_exempt=Exists(exempt_now))
        .aggregate(
            members=Count("id"),
            official=Count("id", filter=Q(status=MemberStatus.OFFICIAL)),
            probationary=Count("id", filter=Q(status=MemberStatus.PROBATIONARY)),
            exempt=Count("id", filter=Q(is_exempt=True)),
            attached=Count("id", filter=Q(is_attached=True)),
        )
    )
    figures["cells"] = subtree_cell_count(org)
    return figures


def organization_search(orgs: QuerySet[Organization], query: str) -> QuerySet[Organization]:
    """Accent-insensitive by name ("dong tien" finds "Đông Tiến"), or by the start of a code; open units first."""
    folded = text.fold(query)
    if not folded:
        return orgs.none()
    by_name = Q()
    for word in folded.split(" "):
        by_name &= Q(search_name__contains=word)
    return orgs.filter(by_name | Q(code__startswith=text.clean(query))).order_by(
        F("valid_to").desc(nulls_first=True), "depth", "code"
    )


def organization_history(org: Organization) -> QuerySet[OrganizationChange]:
    """Reorganisation steps of `org`, and those of other units that name it (merged into it, split from it)."""
    return (
        OrganizationChange.objects.filter(Q(organization=org) | Q(other=org))
        .select_related("organization", "other", "old_parent", "new_parent", "created_by")
        .order_by("-effective_date", "-id")
    )


def organization_merged_from(org: Organization) -> QuerySet[Organization]:
    """Units merged into `org`: their past (members, meetings) stays findable from here."""
    return Organization.objects.filter(merged_into=org).order_by("-valid_to", "code")


# --- terms (nhiệm kỳ) ------------------------------------------------------------------------------

def organization_terms(org: Organization) -> QuerySet[Term]:
    """The unit's congress terms, the latest first."""
    return Term.objects.filter(organization=org).order_by("-start_date")


def term_on(organization: Organization, day: date) -> Term | None:
    """The term of `organization` that covers `day`, or None when no recorded term does."""
    return (
        Term.objects.filter(organization=organization, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .order_by("-start_date").first()
    )
