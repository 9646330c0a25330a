"""Reads about the demo data: is there any, how much, and a fingerprint to compare two runs."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from chibo.organizations.models import Exemption, Member, Membership, Organization, Position


@dataclass(frozen=True)
class DemoCounts:
    organizations: int
    cells: int
    members: int
    current_members: int


def demo_data_exists() -> bool:
    """Any organization at all counts: seeding only ever starts from an empty tree."""
    return Organization.objects.exists()


def demo_counts() -> DemoCounts:
    return DemoCounts(
        organizations=Organization.objects.count(),
        cells=Organization.objects.cells().count(),
        members=Member.objects.count(),
        current_members=Member.objects.filter(exit_kind="").count(),
    )


def _feed(digest, rows: Iterable[tuple]) -> None:
    for row in rows:
        digest.update("\x1f".join("" if value is None else str(value) for value in row).encode())
        digest.update(b"\x1e")


def demo_digest() -> str:
    """A fingerprint of the data: names, codes, dates and history, but no ids or timestamps.

    Rows are read in id order, which is insertion order: two fresh databases seeded alike
    give the same fingerprint whatever their collation (ordering by a text column would not).
    """
    digest = hashlib.sha256()
    _feed(digest, Organization.objects.order_by("id").values_list(
        "code", "name", "kind", "sector", "parent__code", "depth", "valid_from", "valid_to", "usual_meeting_day",
    ).iterator(chunk_size=5000))
    _feed(digest, Member.objects.order_by("id").values_list(
        "full_name", "search_name", "sort_key", "gender", "birth_date", "ethnicity", "religion", "phone",
        "card_number", "admission_date", "official_date", "status", "special_duty", "exit_kind", "exit_date",
        "exit_note",
    ).iterator(chunk_size=5000))
    _feed(digest, Membership.objects.order_by("id").values_list(
        "member__full_name", "member__birth_date", "organization__code", "kind", "start_date", "end_date",
        "planned_end_date", "end_reason", "note",
    ).iterator(chunk_size=5000))
    _feed(digest, Position.objects.order_by("id").values_list(
        "member__full_name", "member__birth_date", "organization__code", "title", "start_date", "end_date",
    ).iterator(chunk_size=5000))
    _feed(digest, Exemption.objects.order_by("id").values_list(
        "member__full_name", "member__birth_date", "kind", "reason", "start_date", "expected_end_date", "ended_on",
        "resolution_ref",
    ).iterator(chunk_size=5000))
    return digest.hexdigest()
