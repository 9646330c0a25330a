"""Rubric versions, rubric_for, and rating a closed meeting (self and superior, both kept, the final one)."""

from datetime import date

import pytest

from chibo.core.errors import RuleViolation
from chibo.organizations.services import organization_create
from chibo.quality import selectors, services
from chibo.quality.models import CriterionItem, MeetingQuality, MeetingRating, Rubric, RubricStatus
from chibo.quality.services import BandRow, PointsRow
from chibo.quality.tests.builders import hold

pytestmark = pytest.mark.django_db


def full_marks(meeting) -> dict[str, tuple[int, str]]:
    draft = services.rating_draft(meeting)
    return {line.item.code: (line.item.max_points, "") for line in draft.sheet.lines if line.points is None}


# --- rubric_for -----------------------------------------------------------------------------------

def test_rubric_for_picks_hd12_before_hd42_and_hd42_after(world):
    assert selectors.rubric_for(world.cell_a, date(2025, 10, 27)).code == "hd12-2018"
    assert selectors.rubric_for(world.cell_a, date(2025, 10, 28)).code == "hd42-2025"
    assert selectors.rubric_for(world.cell_a, date(2017, 1, 1)) is None


def test_rubric_for_prefers_the_nearest_committee_rubric_in_force(world):
    hd42 = Rubric.objects.get(code="hd42-2025")
    province = services.rubric_clone(source=hd42, owner=world.province, effective_from=date(2026, 1, 1), cloned_by=None)
    services.rubric_publish(rubric=province, published_by=None)
    commune = services.rubric_clone(source=hd42, owner=world.commune, effective_from=date(2026, 3, 1), cloned_by=None)
    assert selectors.rubric_for(world.cell_a, date(2026, 4, 1)) == province  # the commune's is still a draft
    services.rubric_publish(rubric=commune, published_by=None)
    assert selectors.rubric_for(world.cell_a, date(2026, 2, 1)) == province
    assert selectors.rubric_for(world.cell_a, date(2026, 4, 1)) == commune
    assert selectors.rubric_for(world.cell_a, date(2025, 12, 1)) == hd42
    other = organization_create(code="38.200", name="Đảng bộ xã khác", kind="commune", parent=world.province,
                                valid_from=date(2025, 7, 1))
    assert selectors.rubric_for(other, date(2026, 4, 1)) == province


# --- cloning and editing ------------------------------------------------------------------------------

def test_a_clone_copies_every_part_and_starts_as_a_draft(world):
    hd42 = Rubric.objects.get(code="hd42-2025")
    clone = services.rubric_clone(source=hd42, owner=world.commune, effective_from=date(2026, 1, 1), cloned_by=None)
    assert clone.status == RubricStatus.DRAFT and clone.cloned_from == hd42 and clone.owner == world.commune
    assert selectors.rubric_spec(selectors.rubric_with_parts(clone.pk)) == selectors.rubric_spec(
        selectors.rubric_with_parts(hd42.pk))


def test_a_cell_cannot_issue_a_rubric(world):
    with pytest.raises(RuleViolation):
        services.rubric_clone(source=Rubric.objects.get(code="hd42-2025"), owner=world.cell_a,
                              effective_from=date(2026, 1, 1), cloned_by=None)


def test_points_that_do_not_add_up_are_refused_and_nothing_is_saved(world):
    clone = services.rubric_clone(source=Rubric.objects.get(code="hd42-2025"), owner=world.commune,
                                  effective_from=date(2026, 1, 1), cloned_by=None)
    time = clone.criteria.get(code="time")
    duration = time.items.get()
    with pytest.raises(RuleViolation) as error:
        services.rubric_points_set(rubric=clone, rows=[PointsRow(time.pk, None, time.name, 10)], updated_by=None)
    assert any("chưa bằng" in m for m in error.value.messages)
    time.refresh_from_db()
    assert time.max_points == 5
    # Moving 5 points from "results" to "time" (criterion and its item) adds up again.
    results = clone.criteria.get(code="results")
    followup = results.items.get()
    services.rubric_points_set(rubric=clone, updated_by=None, rows=[
        PointsRow(time.pk, None, time.name, 10), PointsRow(time.pk, duration.pk, duration.name, 10, duration.source),
        PointsRow(results.pk, None, results.name, 25), PointsRow(results.pk, followup.pk, followup.name, 25,
                                                                 followup.source),
    ])
    duration.refresh_from_db()
    assert duration.max_points == 10
    with pytest.raises(RuleViolation) as error:  # the bands still top out at 5 and 30 points
        services.rubric_publish(rubric=clone, published_by=None)
    assert any("điểm tối đa" in m for m in error.value.messages)


def test_bands_that_overlap_or_leave_gaps_are_refused(world):
    clone = services.rubric_clone(source=Rubric.objects.get(code="hd42-2025"), owner=world.commune,
                                  effective_from=date(2026, 1, 1), cloned_by=None)
    item = CriterionItem.objects.get(criterion__rubric=clone, code="speaking_share")
    with pytest.raises(RuleViolation) as error:
        services.item_bands_set(item=item, updated_by=None, bands=[
            BandRow(50, 100, 5, upper_closed=True), BandRow(0, 40, 2)])
    assert error.value.messages == ["Còn thiếu các giá trị từ 40% đến 50%."]
    assert item.bands.count() == 4
    services.item_bands_set(item=item, updated_by=None, bands=[
        BandRow(60, 100, 5, upper_closed=True), BandRow(30, 60, 3), BandRow(0, 30, 1)])
    assert sorted(item.bands.values_list("points", flat=True)) == [1, 3, 5]


def test_a_published_rubric_is_frozen(world):
    hd42 = Rubric.objects.get(code="hd42-2025")
    with pytest.raises(RuleViolation):
        services.rubric_update(rubric=hd42, updated_by=None, name="Khác")


def test_gates_are_set_per_level(world):
    clone = services.rubric_clone(source=Rubric.objects.get(code="hd42-2025"), owner=world.commune,
                                  effective_from=date(2026, 1, 1), cloned_by=None)
    services.rubric_gates_set(rubric=clone, gates={"tot": ["duration", "minutes_approved"], "kha": ["duration"]},
                              updated_by=None)
    assert sorted((g.level, tuple(g.item_codes)) for g in clone.gates.all()) == [
        ("kha", ("duration",)), ("tot", ("duration", "minutes_approved"))]
    with pytest.raises(RuleViolation):
        services.rubric_gates_set(rubric=clone, gates={"tot": ["nope"]}, updated_by=None)


# --- rating ---------------------------------------------------------------------------------------

def test_the_draft_takes_what_the_record_knows(world):
    meeting = hold(world.cell_a, date(2026, 3, 5), by=world.secretary_a, minutes=80,
                   statuses={"Dung": "excused"}, speakers=["An", "Bích"])
    lines = {line.item.code: line for line in services.rating_draft(meeting).sheet.lines}
    assert lines["duration"].points == 4  # 10 minutes short
    assert lines["attendance_band"].points == 3  # 3 of 4: 75%
    assert lines["speaking_share"].points == 5  # 2 of 3 present spoke: 66,7% > 50%
    assert lines["minutes_approved"].points == 2
    assert lines["materials"].points is None  # entered from the paper book: the app cannot know
    assert lines["followup"].points is None  # no previous resolution
    assert lines["content"].source == "manual"


def test_self_then_superior_rating_both_kept_and_the_superior_is_final(world):
    meeting = hold(world.cell_a, date(2026, 3, 5), by=world.secretary_a, speakers=["An", "Bích", "Cường"])
    own = services.meeting_rate(meeting=meeting, rater=world.secretary_a, rater_kind="self",
                                manual=full_marks(meeting))
    assert own.level == "tot" and own.total == 100
    quality = MeetingQuality.objects.get(meeting=meeting)
    assert (quality.final_level, quality.final_kind, quality.disagrees) == ("tot", "self", False)
    manual = full_marks(meeting)
    manual["regular_content"] = (5, "Nội dung chưa sát tình hình khu phố")
    manual["chair_orientation"] = (0, "Chưa định hướng vấn đề mới")
    superior = services.meeting_rate(meeting=meeting, rater=world.committee_leader, rater_kind="superior",
                                     manual=manual)
    assert (superior.total, superior.level) == (91, "tot")
    manual["democracy"] = (0, "Ít tranh luận")
    superior = services.meeting_rate(meeting=meeting, rater=world.committee_leader, rater_kind="superior",
                                     manual=manual)
    assert superior.level == "kha"
    quality.refresh_from_db()
    assert (quality.final_level, quality.final_score, quality.final_kind) == ("kha", superior.total, "superior")
    assert (quality.self_level, quality.superior_level, quality.disagrees) == ("tot", "kha", True)
    assert MeetingRating.objects.filter(meeting=meeting).count() == 3
    assert selectors.final_ratings([meeting.pk]) == {meeting.pk: (superior.total, "kha")}


def test_points_taken_off_by_hand_need_a_justification(world):
    meeting = hold(world.cell_a, date(2026, 3, 5), by=world.secretary_a, speakers=["An"])
    manual = full_marks(meeting)
    manual["content"] = (1, "  ")
    del manual["democracy"]
    with pytest.raises(RuleViolation) as error:
        services.meeting_rate(meeting=meeting, rater=world.secretary_a, rater_kind="self", manual=manual)
    assert set(error.value.message_dict) == {"content", "democracy"}
    assert not MeetingRating.objects.exists()


def test_a_rating_keeps_its_record_lines_and_justifications(world):
    meeting = hold(world.cell_a, date(2026, 3, 5), by=world.secretary_a, minutes=60, speakers=["An"])
    manual = full_marks(meeting)
    manual["content"] = (2, "Thiếu trọng tâm")
    rating = services.meeting_rate(meeting=meeting, rater=world.secretary_a, rater_kind="self", manual=manual)
    scores = {s.item.code: s for s in rating.scores.select_related("item")}
    assert (scores["duration"].source, scores["duration"].points, scores["duration"].measured) == (
        "record", 3, "thiếu 30 phút")
    assert (scores["content"].source, scores["content"].justification) == ("manual", "Thiếu trọng tâm")
    assert scores["speaking_share"].measured == "25,0%"


def test_only_closed_regular_or_thematic_meetings_are_rated(world):
    open_meeting = hold(world.cell_a, date(2026, 3, 5), by=world.secretary_a, close=False)
    with pytest.raises(RuleViolation):
        services.meeting_rate(meeting=open_meeting, rater=None, rater_kind="self", manual={})
    extraordinary = hold(world.cell_a, date(2026, 3, 20), by=world.secretary_a, kind="extraordinary")
    with pytest.raises(RuleViolation):
        services.meeting_rate(meeting=extraordinary, rater=None, rater_kind="self", manual={})


def test_the_excused_streak_counts_this_years_regular_meetings(world):
    for month in (1, 2, 3):
        hold(world.cell_a, date(2026, month, 5), by=world.secretary_a, statuses={"Cường": "excused"})
    third = hold(world.cell_a, date(2026, 4, 5), by=world.secretary_a, statuses={"Cường": "excused"})
    facts = selectors.meeting_facts(third)
    assert facts.longest_excused_run == 4
    lines = {line.item.code: line for line in services.rating_draft(third).sheet.lines}
    assert lines["excused_streak"].points == 0


def test_the_self_rating_as_the_documents_print_it(world):
    from chibo.quality.documents import meeting_rating_input

    meeting = hold(world.cell_a, date(2026, 3, 5), by=world.secretary_a, speakers=["An", "Bích", "Cường"])
    assert meeting_rating_input(meeting) is None
    manual = full_marks(meeting)
    manual["content"] = (1, "Chưa trọng tâm")
    services.meeting_rate(meeting=meeting, rater=world.secretary_a, rater_kind="self", manual=manual)
    rating = meeting_rating_input(meeting)
    assert (rating.total, rating.level, rating.max_total) == (98, "Tốt", 100)
    assert [(p.label, p.points, p.max_points) for p in rating.parts][2] == ("Công tác chuẩn bị", 8, 10)
    assert sum(p.points for p in rating.parts) == 98


# --- a corrected record is scored again -------------------------------------------------------------

def test_a_minutes_revision_that_corrects_the_roll_rescores_the_latest_ratings(world):
    from chibo.meetings import services as meetings

    meeting = hold(world.cell_a, date(2026, 3, 5), by=world.secretary_a, statuses={"Cường": "absent"},
                   speakers=["An", "Bích"])
    manual = full_marks(meeting)
    manual["content"] = (2, "Thiếu trọng tâm")
    own = services.meeting_rate(meeting=meeting, rater=world.secretary_a, rater_kind="self", manual=manual)
    superior = services.meeting_rate(meeting=meeting, rater=world.committee_leader, rater_kind="superior",
                                     manual=full_marks(meeting))
    cuong = next(a for a in meeting.attendances.select_related("member") if a.member.given_name == "Cường")
    approved = meeting.revisions.get().text
    meetings.minutes_revise(meeting=meeting, body=approved, reason="Đ/c Cường có mặt, ghi nhầm",
                            revised_by=world.secretary_a, attendance={cuong.pk: ("present", "")})

    new_own, new_superior = selectors.latest_ratings(MeetingRating.objects.filter(meeting=meeting))
    assert new_own.rescored_from == own and new_superior.rescored_from == superior
    assert new_own.total > own.total and new_superior.total > superior.total
    assert "Biên bản sửa lần 2" in new_own.rescore_reason
    scores = {s.item.code: s for s in new_own.scores.select_related("item")}
    assert (scores["content"].points, scores["content"].justification) == (2, "Thiếu trọng tâm")  # the rater's
    assert scores["attendance_band"].measured == "100,0%"
    assert MeetingRating.objects.filter(meeting=meeting).count() == 4  # the earlier ratings stay
    quality = MeetingQuality.objects.get(meeting=meeting)
    assert (quality.final_score, quality.self_score) == (new_superior.total, new_own.total)


def test_a_revision_of_the_text_alone_leaves_the_ratings(world):
    from chibo.meetings import services as meetings

    meeting = hold(world.cell_a, date(2026, 3, 5), by=world.secretary_a, speakers=["An", "Bích"])
    services.meeting_rate(meeting=meeting, rater=world.secretary_a, rater_kind="self", manual=full_marks(meeting))
    meetings.minutes_revise(meeting=meeting, body=meeting.revisions.get().text + "Bổ sung.", reason="Thiếu ý",
                            revised_by=world.secretary_a)
    assert services.ratings_rescore(meeting=meeting, reason="x", rescored_by=None) == []
    assert MeetingRating.objects.filter(meeting=meeting).count() == 1
