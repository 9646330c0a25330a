"""Rating screens: the cell self-rates, the committee rates the same meeting, both shown, disagreement visible."""

from datetime import date

import pytest
from django.urls import reverse

from chibo.quality.models import MeetingQuality, MeetingRating
from chibo.quality.tests.builders import hold

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    return hold(world.cell_a, date(2026, 3, 5), by=world.secretary_a, minutes=95, speakers=["An", "Bích", "Cường"])


def sheet_data(form, **changes) -> dict:
    data = {name: field.initial for name, field in form.fields.items() if name.startswith("p_")}
    data.update(changes)
    return data


def test_the_secretary_self_rates_from_a_score_sheet_that_shows_the_record(client, world, meeting):
    client.force_login(world.secretary_a)
    url = reverse("quality:rate_self", args=[meeting.pk])
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "từ hồ sơ" in body and "100,0%" in body  # attendance 4/4 measured from the record
    response = client.post(url, sheet_data(response.context["form"], note="Buổi sinh hoạt tốt"))
    assert response.status_code == 302
    rating = MeetingRating.objects.get()
    assert (rating.rater_kind, rating.level, rating.rater) == ("self", "tot", world.secretary_a)


def test_a_deduction_without_justification_is_shown_on_the_sheet(client, world, meeting):
    client.force_login(world.secretary_a)
    url = reverse("quality:rate_self", args=[meeting.pk])
    form = client.get(url).context["form"]
    response = client.post(url, sheet_data(form, p_content=1))
    assert response.status_code == 400
    assert "Cần giải thích ngắn gọn vì sao trừ điểm." in response.content.decode()
    assert not MeetingRating.objects.exists()


def test_the_committee_rates_the_same_meeting_and_the_disagreement_shows(client, world, meeting):
    client.force_login(world.secretary_a)
    url = reverse("quality:rate_self", args=[meeting.pk])
    client.post(url, sheet_data(client.get(url).context["form"]))
    client.force_login(world.committee_leader)
    url = reverse("quality:rate_superior", args=[meeting.pk])
    form = client.get(url).context["form"]
    data = sheet_data(form, rater_kind="superior", p_regular_content=2, j_regular_content="Chưa sát thực tế",
                      p_chair_orientation=1, j_chair_orientation="Chưa định hướng vấn đề mới")
    assert client.post(url, data).status_code == 302
    quality = MeetingQuality.objects.get(meeting=meeting)
    assert (quality.self_level, quality.superior_level, quality.final_level, quality.disagrees) == (
        "tot", "kha", "kha", True)
    page = client.get(reverse("quality:meeting_ratings", args=[meeting.pk])).content.decode()
    assert "Chi bộ tự xếp loại Tốt, cấp trên xếp loại Khá." in page
    assert "Chưa sát thực tế" in page


def test_a_cell_secretary_cannot_rate_as_the_superior(client, world, meeting):
    client.force_login(world.secretary_a)
    assert client.get(reverse("quality:rate_superior", args=[meeting.pk])).status_code == 404


def test_a_committee_leader_cannot_self_rate_for_the_cell(client, world, meeting):
    client.force_login(world.committee_leader)
    assert client.get(reverse("quality:rate_self", args=[meeting.pk])).status_code == 404


def test_out_of_scope_users_get_404_on_every_rating_page(client, world, meeting):
    for user in (world.secretary_b, world.outsider):
        client.force_login(user)
        for name in ("quality:meeting_ratings", "quality:rate_self", "quality:rate_superior"):
            assert client.get(reverse(name, args=[meeting.pk])).status_code == 404, (user, name)


def test_a_meeting_not_yet_closed_sends_back_with_the_reason(client, world):
    running = hold(world.cell_a, date(2026, 3, 5), by=world.secretary_a, close=False)
    client.force_login(world.secretary_a)
    response = client.get(reverse("quality:rate_self", args=[running.pk]), follow=True)
    assert "Chỉ đánh giá được buổi sinh hoạt đã thông qua biên bản." in response.content.decode()


def test_the_ratings_page_shows_both_ratings_in_fixed_queries(client, world, meeting, django_assert_max_num_queries):
    from chibo.quality import services
    from chibo.quality.tests.test_services import full_marks
    for _ in range(3):
        services.meeting_rate(meeting=meeting, rater=world.secretary_a, rater_kind="self", manual=full_marks(meeting))
    client.force_login(world.committee_leader)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("quality:meeting_ratings", args=[meeting.pk]))
    assert response.status_code == 200


def test_the_closed_meetings_page_leads_the_secretary_to_the_self_rating(client, world, meeting):
    detail = reverse("meetings:meeting_detail", args=[meeting.pk])
    rate_self = reverse("quality:rate_self", args=[meeting.pk])
    client.force_login(world.secretary_a)
    body = client.get(detail).content.decode()
    assert "Chưa đánh giá" in body and rate_self in body
    client.post(rate_self, sheet_data(client.get(rate_self).context["form"]))
    body = client.get(detail).content.decode()
    assert "Tốt" in body and rate_self not in body  # rated: the level, no second invitation
    assert reverse("quality:meeting_ratings", args=[meeting.pk]) in body
    client.force_login(world.member_a)  # a member reads the result but is not offered to rate
    body = client.get(detail).content.decode()
    assert "Tốt" in body and rate_self not in body


def test_an_open_meetings_page_has_no_quality_card(client, world):
    meeting = hold(world.cell_a, date(2026, 3, 5), by=world.secretary_a, close=False)
    client.force_login(world.secretary_a)
    body = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    assert 'id="chat-luong"' not in body


def test_a_rescored_rating_says_why_on_the_ratings_page(client, world, meeting):
    from chibo.meetings import services as meetings
    from chibo.quality import services

    rate_self = reverse("quality:rate_self", args=[meeting.pk])
    client.force_login(world.secretary_a)
    client.post(rate_self, sheet_data(client.get(rate_self).context["form"]))
    an = next(a for a in meeting.attendances.select_related("member") if a.member.given_name == "An")
    meetings.minutes_revise(meeting=meeting, body=meeting.revisions.get().text, reason="Đ/c An vắng, ghi nhầm",
                            revised_by=world.secretary_a, attendance={an.pk: ("absent", "")})
    assert MeetingRating.objects.count() == 2 and services.ratings_rescore(meeting=meeting, reason="x",
                                                                            rescored_by=None) == []
    body = client.get(reverse("quality:meeting_ratings", args=[meeting.pk])).content.decode()
    assert "Chấm lại theo hồ sơ đã sửa" in body and "Đ/c An vắng, ghi nhầm" in body


def test_the_quality_card_reads_in_english(client, world, meeting, settings):
    from chibo.core.tests.test_i18n import vietnamese_leftovers, world_content

    client.force_login(world.secretary_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    card = html[html.index('id="chat-luong"'):html.index("</section>", html.index('id="chat-luong"'))]
    assert "Meeting quality" in card and "Cell self-assessment" in card
    assert vietnamese_leftovers(card, world_content(world)) == []


def _disagree(client, world, meeting) -> None:
    client.force_login(world.secretary_a)
    url = reverse("quality:rate_self", args=[meeting.pk])
    client.post(url, sheet_data(client.get(url).context["form"]))
    client.force_login(world.committee_leader)
    url = reverse("quality:rate_superior", args=[meeting.pk])
    client.post(url, sheet_data(client.get(url).context["form"], rater_kind="working_group", p_regular_content=2,
                                j_regular_content="Chưa sát thực tế", p_chair_orientation=1,
                                j_chair_orientation="Chưa định hướng vấn đề mới"))


def test_the_committee_lists_the_meetings_a_cell_rated_differently(client, world, meeting):
    agreed = hold(world.cell_b, date(2026, 3, 8), by=world.secretary_b, speakers=["Em", "Giang"])
    _disagree(client, world, meeting)
    client.force_login(world.committee_leader)
    from chibo.quality import services
    from chibo.quality.tests.test_services import full_marks

    for kind, rater in (("self", world.secretary_b), ("superior", world.committee_leader)):
        services.meeting_rate(meeting=agreed, rater=rater, rater_kind=kind, manual=full_marks(agreed))
    period = {"kind": "year", "year": 2026}
    dashboard = client.get(reverse("reports:dashboard", args=[world.commune.code]), period).content.decode()
    url = reverse("quality:disagreements", args=[world.commune.code])
    assert url in dashboard  # the count on the dashboard opens the list
    body = client.get(url, period).content.decode()
    assert world.cell_a.name in body and world.cell_b.name not in body
    assert "05/03/2026" in body and "Tổ công tác đánh giá" in body
    assert reverse("quality:meeting_ratings", args=[meeting.pk]) in body
    assert world.cell_a.name not in client.get(url, {"kind": "year", "year": 2025}).content.decode()
    client.force_login(world.secretary_a)  # the cell sees its own
    assert world.cell_a.name in client.get(reverse("quality:disagreements", args=[world.cell_a.code]),
                                           period).content.decode()
    client.force_login(world.secretary_b)
    assert client.get(reverse("quality:disagreements", args=[world.cell_a.code])).status_code == 404
    client.force_login(world.committee_leader)
    assert client.get(url, {"kind": "custom", "first": "13/2026"}).status_code == 400  # a bad month, no 500


def test_the_list_of_differing_ratings_reads_in_english(client, world, meeting, settings):
    from chibo.core.tests.test_i18n import vietnamese_leftovers, world_content

    _disagree(client, world, meeting)
    client.get(reverse("quality:meeting_ratings", args=[meeting.pk]))  # shows (and ends) the "saved" message
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("quality:disagreements", args=[world.commune.code]),
                      {"kind": "year", "year": 2026}).content.decode()
    assert "Compare the score sheets" in html
    main = html[html.index("<main"):html.index("</main>")]
    assert vietnamese_leftovers(main, [*world_content(world), "Chưa sát thực tế"]) == []


def test_the_score_sheet_is_a_card_per_line_on_a_phone_and_a_rating_without_a_rater_name_reads_well(client, world,
                                                                                                    meeting):
    from chibo.quality import services
    from chibo.quality.tests.test_services import full_marks

    services.meeting_rate(meeting=meeting, rater=None, rater_kind="self", manual=full_marks(meeting))
    client.force_login(world.secretary_a)
    page = client.get(reverse("quality:meeting_ratings", args=[meeting.pk])).content.decode()
    assert '<p class="help">Lúc ' in page and '<p class="help">, ' not in page
    sheet = client.get(reverse("quality:rate_self", args=[meeting.pk])).content.decode()
    assert 'class="sheet responsive"' in sheet and 'data-label="Tối đa"' in sheet
