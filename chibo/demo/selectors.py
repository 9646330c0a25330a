"""Reads about the demo data: is there any, how much, and a fingerprint to compare two runs."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from chibo.meetings.models import (
    Attendance,
    Contribution,
    Meeting,
    MeetingFigures,
    MeetingStep,
    MinutesRevision,
    Recognition,
    ResolutionItem,
    Task,
    Vote,
)
from chibo.organizations.models import Exemption, Member, Membership, Organization, Position, Term
from chibo.quality.models import ItemScore, MeetingQuality, MeetingRating


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
    _feed(digest, Term.objects.order_by("id").values_list(
        "organization__code", "name", "start_date", "end_date", "note",
    ).iterator(chunk_size=5000))
    _feed_history(digest)
    return digest.hexdigest()


MEETING = ("meeting__organization__code", "meeting__year", "meeting__number")  # a meeting's natural key
MEMBER = ("member__full_name", "member__birth_date")


def _feed_history(digest) -> None:
    """The meetings, their record, figures and ratings, by natural keys (never ids, never created_at)."""
    tables = [
        Meeting.objects.values_list(
            "organization__code", "year", "number", "kind", "status", "planned_date", "planned_time", "place", "topic",
            "presenter__full_name", "agenda", "procedure__code", "min_duration_minutes", "materials_released_at",
            "held_on", "started_at", "ended_at", "chair__full_name", "meeting_secretary__full_name", "fees_note",
            "conclusion", "entered_after_the_fact", "closed_at"),
        Attendance.objects.values_list(*MEETING, *MEMBER, "status", "reason", "arrived_late", "is_expected",
                                       "not_expected_reason", "is_official", "is_temporary", "marked_at"),
        Contribution.objects.values_list(*MEETING, *MEMBER, "order", "kind", "gist"),
        Recognition.objects.values_list(*MEETING, *MEMBER, "kind", "note"),
        Vote.objects.values_list(*MEETING, "order", "motion", "kind", "votes_for", "votes_against", "votes_abstain",
                                 "denominator", "required_for", "is_valid"),
        ResolutionItem.objects.values_list(*MEETING, "order", "text"),
        Task.objects.values_list(*MEETING, "resolution_item__order", "description", "assignee__full_name", "to_committee",
                                 "deadline", "status", "followup_meeting__number", "followup_note", "followed_up_at"),
        MeetingStep.objects.values_list(*MEETING, "step__code", "done_on", "started_at", "done_at", "note"),
        MeetingFigures.objects.values_list(*MEETING, "expected", "present", "excused", "absent", "speakers",
                                           "contributions", "contributions_proposal", "duration_minutes",
                                           "followup_tasks", "followup_done"),
        MinutesRevision.objects.values_list(*MEETING, "number", "text"),
        MeetingRating.objects.values_list(*MEETING, "rubric__code", "rater_kind", "total", "score_level", "level",
                                          "note"),
        ItemScore.objects.values_list("rating__meeting__organization__code", "rating__meeting__year",
                                      "rating__meeting__number", "rating__rater_kind", "item__code", "points", "source",
                                      "measured", "justification"),
        MeetingQuality.objects.values_list(*MEETING, "final_kind", "final_level", "final_score", "self_level",
                                           "superior_level", "disagrees"),
    ]
    for rows in tables:
        _feed(digest, rows.order_by(rows.model._meta.pk.attname).iterator(chunk_size=5000))
