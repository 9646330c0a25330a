"""Document numbers run from 01 within the cell's congress term (DOMAIN §10.1), by year when none is recorded."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from chibo.meetings import documents, services
from chibo.meetings.tests.conftest import _at, mark_all_present
from chibo.organizations.services import term_record

NOTICE = "Chưa ghi nhiệm kỳ đại hội của chi bộ: số văn bản đang đánh theo năm."


def closed_meeting(world, day: date):
    by = world.secretary_a
    meeting = services.meeting_enter_past(organization=world.cell_a, kind="thematic", held_on=day,
                                          started_at=_at(day, 19, 30), ended_at=_at(day, 21), entered_by=by)
    mark_all_present(meeting, by)
    services.meeting_opening_set(meeting=meeting, set_by=by, chair=world.a_members[0],
                                 meeting_secretary=world.a_members[2])
    meeting.conclusion = "Chi bộ thống nhất."
    meeting.save(update_fields=["conclusion"])
    return services.meeting_close(meeting=meeting, closed_by=by)


def test_two_resolutions_of_one_term_get_01_and_02_and_a_new_term_starts_at_01(world):
    today = timezone.localdate()
    term_record(organization=world.cell_a, name="2025–2027", start_date=today - timedelta(days=300))
    first = documents.resolution_issue(meeting=closed_meeting(world, today - timedelta(days=60)),
                                       issued_by=world.secretary_a)
    second = documents.resolution_issue(meeting=closed_meeting(world, today - timedelta(days=30)),
                                        issued_by=world.secretary_a)
    assert [(d.number, d.term) for d in (first, second)] == [(1, "2025–2027"), (2, "2025–2027")]
    term_record(organization=world.cell_a, name="2027–2030", start_date=today)
    third = documents.resolution_issue(meeting=closed_meeting(world, today - timedelta(days=10)),
                                       issued_by=world.secretary_a)
    assert (third.number, third.term, documents.number_label(third)) == (1, "2027–2030", "Số 01-NQ/CB")
    first.refresh_from_db()
    assert (first.number, first.term) == (1, "2025–2027")  # issued numbers keep their term: never renumbered


def test_without_a_term_numbers_go_by_calendar_year(world):
    today = timezone.localdate()
    issued = documents.resolution_issue(meeting=closed_meeting(world, today - timedelta(days=5)),
                                        issued_by=world.secretary_a)
    assert (issued.number, issued.term) == (1, str(today.year))
    assert documents.document_term(world.cell_a, today) == str(today.year)
    assert documents.document_term_missing(world.cell_a, today)


def test_the_terms_of_another_cell_do_not_count(world):
    today = timezone.localdate()
    term_record(organization=world.cell_b, name="2025–2027", start_date=today - timedelta(days=100))
    assert documents.document_term(world.cell_a, today) == str(today.year)
    assert documents.document_term(world.cell_b, today) == "2025–2027"


def test_the_meeting_page_asks_the_secretary_to_record_the_term(client, world):
    meeting = closed_meeting(world, timezone.localdate() - timedelta(days=5))
    page = reverse("meetings:meeting_detail", args=[meeting.pk])
    client.force_login(world.secretary_a)
    html = client.get(page).content.decode()
    assert NOTICE in html and reverse("organizations:term_create", args=[world.cell_a.code]) in html
    assert ">Ghi nhiệm kỳ</a>" in html
    client.force_login(world.member_a)
    response = client.get(page)
    assert response.status_code == 200 and NOTICE not in response.content.decode()
    client.force_login(world.committee_leader)  # reads the cell, records nothing
    assert NOTICE not in client.get(page).content.decode()
    term_record(organization=world.cell_a, name="2025–2027", start_date=date(2025, 5, 20))
    client.force_login(world.secretary_a)
    assert NOTICE not in client.get(page).content.decode()


def test_a_planned_meeting_says_nothing_about_terms(client, world, planned):
    client.force_login(world.secretary_a)
    assert NOTICE not in client.get(reverse("meetings:meeting_detail", args=[planned.pk])).content.decode()
