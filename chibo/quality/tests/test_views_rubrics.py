"""Rubric screens: seen from a cell, cloned and edited by the committee, refused with reasons, never a 500."""

from datetime import date

import pytest
from django.urls import reverse

from chibo.quality import services
from chibo.quality.models import CriterionItem, Rubric, RubricStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def hd42():
    return Rubric.objects.get(code="hd42-2025")


@pytest.fixture
def draft(world, hd42):
    return services.rubric_clone(source=hd42, owner=world.commune, effective_from=date(2026, 1, 1), cloned_by=None)


def test_it_lists_the_rubrics_of_a_cell_for_its_secretary(client, world, hd42):
    client.force_login(world.secretary_a)
    response = client.get(reverse("quality:rubric_list", args=[world.cell_a.code]))
    assert response.status_code == 200
    assert "HD 42-HD/BTCTW (2025)" in response.content.decode()


def test_it_shows_a_rubric_with_its_bands(client, world, hd42):
    client.force_login(world.secretary_a)
    response = client.get(reverse("quality:rubric_detail", args=[world.cell_a.code, hd42.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "≥ 75% và &lt; 90%" in body and "&gt; 45 phút" in body
    assert "Sao chép để điều chỉnh" not in body  # a cell issues no rubric


def test_out_of_scope_users_get_404(client, world, hd42, draft):
    client.force_login(world.secretary_b)
    for name, args in [("quality:rubric_list", [world.cell_a.code]),
                       ("quality:rubric_detail", [world.cell_a.code, hd42.pk]),
                       ("quality:rubric_edit", [world.cell_a.code, draft.pk])]:
        assert client.get(reverse(name, args=args)).status_code == 404


def test_a_rubric_of_another_committee_is_not_found(client, world, hd42):
    from chibo.organizations.services import organization_create
    other = organization_create(code="38.200", name="Đảng bộ xã khác", kind="commune", parent=world.province,
                                valid_from=date(2025, 7, 1))
    foreign = services.rubric_clone(source=hd42, owner=other, effective_from=date(2026, 1, 1), cloned_by=None)
    client.force_login(world.committee_staff)
    assert client.get(reverse("quality:rubric_detail", args=[world.commune.code, foreign.pk])).status_code == 404


def test_the_committee_clones_a_rubric_for_its_subtree(client, world, hd42):
    client.force_login(world.committee_staff)
    url = reverse("quality:rubric_clone", args=[world.cell_a.code, hd42.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"owner": world.commune.pk, "effective_from": "01/03/2026", "name": ""})
    clone = Rubric.objects.get(owner=world.commune)
    assert response.status_code == 302 and response["Location"] == reverse(
        "quality:rubric_list", args=[world.commune.code])
    assert clone.status == RubricStatus.DRAFT and clone.effective_from == date(2026, 3, 1)


def test_a_secretary_and_a_leader_cannot_clone(client, world, hd42):
    for user in (world.secretary_a, world.committee_leader):
        client.force_login(user)
        assert client.get(reverse("quality:rubric_clone", args=[world.cell_a.code, hd42.pk])).status_code == 404


def test_editing_points_that_do_not_add_up_is_refused_with_the_reason(client, world, draft):
    client.force_login(world.committee_staff)
    url = reverse("quality:rubric_points", args=[world.commune.code, draft.pk])
    form = client.get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    time = draft.criteria.get(code="time")
    data[f"c{time.pk}_max"] = 7
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Tổng điểm các tiêu chí là 102, chưa bằng tổng điểm thang điểm 100." in response.content.decode()
    data[f"c{time.pk}_max"] = 5
    assert client.post(url, data).status_code == 302


def test_bands_with_a_gap_are_refused_and_good_ones_saved(client, world, draft):
    client.force_login(world.committee_staff)
    item = CriterionItem.objects.get(criterion__rubric=draft, code="attendance_band")
    url = reverse("quality:item_bands", args=[world.commune.code, draft.pk, item.pk])
    assert client.get(url).status_code == 200
    rows = [("90", "", "100", "on", "4"), ("70", "", "90", "", "3"), ("0", "", "65", "", "1")]
    data = {"form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "0", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000"}
    for i, (lower, _lower_open, upper, upper_closed, points) in enumerate(rows):
        data.update({f"form-{i}-lower": lower, f"form-{i}-upper": upper, f"form-{i}-points": points})
        if upper_closed:
            data[f"form-{i}-upper_closed"] = "on"
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Còn thiếu các giá trị từ 65% đến 70%." in response.content.decode()
    data["form-2-upper"] = "70"
    assert client.post(url, data).status_code == 302
    assert item.bands.count() == 3


def test_publishing_reports_problems_then_succeeds(client, world, draft):
    client.force_login(world.committee_staff)
    item = CriterionItem.objects.get(criterion__rubric=draft, code="duration")
    item.bands.all().delete()
    url = reverse("quality:rubric_publish", args=[world.commune.code, draft.pk])
    response = client.post(url, follow=True)
    assert "Chưa có khoảng nào." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == RubricStatus.DRAFT


def test_gates_and_header_edit(client, world, draft):
    client.force_login(world.committee_staff)
    url = reverse("quality:rubric_gates", args=[world.commune.code, draft.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"tot": ["duration", "speaking_share"]}).status_code == 302
    assert list(draft.gates.values_list("item_codes", flat=True)) == [["duration", "speaking_share"]]
    url = reverse("quality:rubric_edit", args=[world.commune.code, draft.pk])
    data = {"name": "Thang điểm phường", "source_document": "KH 08-KH/ĐU", "effective_from": "01/03/2026",
            "effective_to": "", "total_points": 100, "tot_min": 70, "kha_min": 90, "trung_binh_min": 50, "note": ""}
    response = client.post(url, data)
    assert response.status_code == 400 and "Ngưỡng xếp loại phải giảm dần" in response.content.decode()
    data.update(tot_min=90, kha_min=70)
    assert client.post(url, data).status_code == 302


def test_a_published_rubric_cannot_be_edited(client, world, hd42):
    client.force_login(world.committee_staff)
    assert client.get(reverse("quality:rubric_edit", args=[world.commune.code, hd42.pk])).status_code == 404
