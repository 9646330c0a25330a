"""Cells needing support on the world: the reasons, the meetings behind them, and the liaison's support actions."""

from datetime import date

import pytest
from django.urls import reverse

from chibo.quality import selectors
from chibo.quality.models import AlertRule, SupportAction
from chibo.quality.tests.builders import hold
from chibo.reports.statistics import Period

pytestmark = pytest.mark.django_db
Q1 = Period((2026, 1), (2026, 3))
GET_Q1 = {"kind": "custom", "first": "01/2026", "last": "03/2026"}


@pytest.fixture
def weak_cell_a(world):
    """Cell A: Cường absent without reason three months running, nobody speaks; cell B is fine."""
    a, b = world.secretary_a, world.secretary_b
    meetings = [hold(world.cell_a, date(2026, m, 5), by=a, statuses={"Cường": "absent"}, speakers=[])
                for m in (1, 2, 3)]
    for m in (1, 2, 3):
        hold(world.cell_b, date(2026, m, 8), by=b, speakers=["Em", "Giang"])
    return meetings


def test_it_flags_the_weak_cell_with_its_reasons_and_meetings(world, weak_cell_a):
    flagged = selectors.cells_needing_support(world.commune, Q1)
    assert [f.cell for f in flagged] == [world.cell_a]
    kinds = {r.rule.kind: r for r in flagged[0].reasons}
    assert set(kinds) == {"low_attendance", "absent_without_reason", "absent_in_a_row", "absent_months_in_year",
                          "low_speaking_share"}
    ids = tuple(m.pk for m in weak_cell_a)
    assert kinds["absent_months_in_year"].meeting_ids == ids
    assert "Lê Đức Cường" in kinds["absent_without_reason"].text


def test_rules_are_data(world, weak_cell_a):
    AlertRule.objects.exclude(kind="low_speaking_share").update(is_active=False)
    AlertRule.objects.filter(kind="low_speaking_share").update(params={"at_most_percent": 30, "months": 4})
    assert selectors.cells_needing_support(world.commune, Q1) == []


def test_the_committee_list_links_the_meetings_behind_each_reason(client, world, weak_cell_a):
    client.force_login(world.committee_leader)
    response = client.get(reverse("quality:cells_needing_support", args=[world.commune.code]), GET_Q1)
    body = response.content.decode()
    assert response.status_code == 200
    assert world.cell_a.name in body and world.cell_b.name not in body
    assert reverse("meetings:meeting_detail", args=[weak_cell_a[0].pk]) in body
    assert reverse("quality:support_actions", args=[world.cell_a.code]) in body


def test_the_list_queries_are_fixed(client, world, weak_cell_a, django_assert_max_num_queries):
    client.force_login(world.committee_leader)
    url = reverse("quality:cells_needing_support", args=[world.commune.code])
    client.get(url, GET_Q1)
    with django_assert_max_num_queries(12) as before:
        client.get(url, GET_Q1)
    hold(world.cell_b, date(2026, 2, 20), by=world.secretary_b, kind="thematic", statuses={"Em": "absent"})
    with django_assert_max_num_queries(12) as after:
        client.get(url, GET_Q1)
    assert len(before.captured_queries) == len(after.captured_queries)


def test_the_liaison_records_a_support_action_and_its_outcome(client, world, weak_cell_a):
    client.force_login(world.committee_leader)
    url = reverse("quality:support_actions", args=[world.cell_a.code])
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "Cấp ủy viên phụ trách dự sinh hoạt, gặp đồng chí Cường",
                                 "taken_on": "10/04/2026", "reasons": ["absent-three-months-a-year"]})
    assert response.status_code == 302
    action = SupportAction.objects.get()
    assert (action.cell, action.created_by, action.reasons) == (world.cell_a, world.committee_leader,
                                                               ["absent-three-months-a-year"])
    url = reverse("quality:support_outcome", args=[action.pk])
    assert client.post(url, {"outcome": "Đồng chí Cường đã đi sinh hoạt đều", "outcome_on": "05/04/2026"}
                       ).status_code == 400  # before the action
    assert client.post(url, {"outcome": "Đồng chí Cường đã đi sinh hoạt đều", "outcome_on": "10/05/2026"}
                       ).status_code == 302
    action.refresh_from_db()
    assert action.outcome_on == date(2026, 5, 10)
    body = client.get(reverse("quality:cells_needing_support", args=[world.commune.code]), GET_Q1).content.decode()
    assert "Cấp ủy viên phụ trách dự sinh hoạt" in body


def test_a_cell_secretary_cannot_record_support_for_their_own_cell(client, world, weak_cell_a):
    action = SupportAction.objects.create(cell=world.cell_a, action="Gặp gỡ", taken_on=date(2026, 4, 1))
    client.force_login(world.secretary_a)
    assert client.get(reverse("quality:support_actions", args=[world.cell_a.code])).status_code == 404
    assert client.get(reverse("quality:support_outcome", args=[action.pk])).status_code == 404
    body = client.get(reverse("quality:cells_needing_support", args=[world.cell_a.code])).content.decode()
    assert reverse("quality:support_actions", args=[world.cell_a.code]) not in body


def test_out_of_scope_users_get_404(client, world, weak_cell_a):
    action = SupportAction.objects.create(cell=world.cell_a, action="Gặp gỡ", taken_on=date(2026, 4, 1))
    for user in (world.secretary_b, world.outsider):
        client.force_login(user)
        assert client.get(reverse("quality:cells_needing_support", args=[world.cell_a.code])).status_code == 404
        assert client.get(reverse("quality:support_actions", args=[world.cell_a.code])).status_code == 404
        assert client.get(reverse("quality:support_outcome", args=[action.pk])).status_code == 404


def test_every_rule_chibo_loads_is_in_the_catalog_and_reads_in_english(client, world, weak_cell_a, settings):
    from chibo.quality.loaded_names import ALERT_RULE_NAMES

    assert set(AlertRule.objects.values_list("name", flat=True)) <= set(ALERT_RULE_NAMES)
    AlertRule.objects.create(code="rieng", kind="low_speaking_share", name="Quy tắc riêng của xã",
                             params={"at_most_percent": 30, "months": 3})
    client.force_login(world.committee_leader)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(reverse("quality:cells_needing_support", args=[world.commune.code]), GET_Q1).content.decode()
    assert "Members absent without reason" in body and "Có đảng viên vắng không lý do" not in body
    assert "Quy tắc riêng của xã" in body  # a committee's own rule shows as written


def test_a_long_list_comes_in_pages_keeping_the_period(client, world, monkeypatch):
    from chibo.quality.views import support

    for cell, by in ((world.cell_a, world.secretary_a), (world.cell_b, world.secretary_b)):
        for m in (1, 2, 3):  # nobody speaks three months running: both cells flagged
            hold(cell, date(2026, m, 5), by=by, speakers=[])
    monkeypatch.setattr(support, "PAGE_SIZE", 1)
    client.force_login(world.committee_leader)
    url = reverse("quality:cells_needing_support", args=[world.commune.code])
    first = client.get(url, GET_Q1).content.decode()
    assert "2 chi bộ cần hỗ trợ" in first and "Trang 1/2" in first and "page=2" in first and "first=01%2F2026" in first
    second = client.get(url, {**GET_Q1, "page": 2}).content.decode()
    shown = [c.name for c in (world.cell_a, world.cell_b) if c.name in first]
    assert len(shown) == 1 and shown[0] not in second and "Trang 2/2" in second
    assert client.get(url, {**GET_Q1, "page": "x"}).status_code == 200  # a bad page number shows the first


def test_the_month_under_way_is_not_a_missed_meeting_until_it_ends(world):
    hold(world.cell_a, date(2026, 1, 5), by=world.secretary_a, speakers=["An", "Bích"])
    hold(world.cell_b, date(2026, 1, 8), by=world.secretary_b, speakers=["Em", "Giang"])
    january_february = Period((2026, 1), (2026, 2))

    def missed(today):
        return {f.cell for f in selectors.cells_needing_support(world.commune, january_february, today=today)
                if any(r.rule.kind == "missed_regular_meeting" for r in f.reasons)}

    assert missed(date(2026, 2, 20)) == set()  # February is not over: its meetings may still come
    assert missed(date(2026, 3, 1)) == {world.cell_a, world.cell_b}
