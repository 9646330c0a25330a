"""A committee changes the structure of its draft rubric: criteria and sub-items added, removed, reordered,
re-scored with typed params. Refusals say why; a published or central rubric never changes; a rubric built
this way is published and scores a meeting as expected."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from chibo.core.audit import AuditEvent
from chibo.core.errors import RuleViolation
from chibo.quality import scoring, selectors, services
from chibo.quality.models import Criterion, CriterionItem, Rubric, RubricStatus
from chibo.quality.services import BandRow, ItemData
from chibo.quality.tests import specs

pytestmark = pytest.mark.django_db


@pytest.fixture
def hd42():
    return Rubric.objects.get(code="hd42-2025")


@pytest.fixture
def draft(world, hd42):
    return services.rubric_clone(source=hd42, owner=world.commune, effective_from=date(2026, 1, 1), cloned_by=None)


def problems(rubric: Rubric) -> list[scoring.Problem]:
    full = selectors.rubric_with_parts(rubric.pk)
    assert full is not None
    return scoring.rubric_problems(selectors.rubric_spec(full))


def criterion_codes(rubric: Rubric) -> list[str]:
    return list(rubric.criteria.order_by("order").values_list("code", flat=True))


def item_codes(criterion: Criterion) -> list[str]:
    return list(criterion.items.order_by("order").values_list("code", flat=True))


# --- services: criteria ------------------------------------------------------------------------------

def test_a_criterion_is_added_at_the_end_with_a_unique_slug_code(world, draft):
    first = services.criterion_add(rubric=draft, name="Ứng dụng công nghệ số", max_points=10, added_by=None)
    second = services.criterion_add(rubric=draft, name="Ứng dụng  công nghệ số", max_points=0, added_by=None)
    assert (first.code, first.order) == ("ung-dung-cong-nghe-so", 8)
    assert (second.code, second.order) == ("ung-dung-cong-nghe-so-2", 9)
    odd = services.criterion_add(rubric=draft, name="Đánh giá!!!", max_points=0, added_by=None)
    assert odd.code == "danh-gia"
    assert AuditEvent.objects.filter(action="rubric.criterion_add", object_id=draft.pk).count() == 3
    # The new criteria have no sub-items and break the total: the draft says so, and cannot be published.
    kinds = {(p.kind, p.where) for p in problems(draft)}
    assert ("sum", "") in kinds and ("sum", "ung-dung-cong-nghe-so") in kinds
    with pytest.raises(RuleViolation):
        services.rubric_publish(rubric=draft, published_by=None)


def test_a_criterion_without_a_name_is_refused(world, draft):
    with pytest.raises(RuleViolation) as error:
        services.criterion_add(rubric=draft, name="  ", max_points=5, added_by=None)
    assert "name" in error.value.message_dict


def test_removing_a_criterion_takes_its_items_and_renumbers(world, draft):
    results = draft.criteria.get(code="results")
    services.criterion_remove(criterion=results, removed_by=None)
    assert criterion_codes(draft) == ["time", "attendance", "preparation", "conduct", "principles", "closing"]
    assert list(draft.criteria.order_by("order").values_list("order", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert not CriterionItem.objects.filter(criterion__rubric=draft, code="followup").exists()
    assert "Tổng điểm các tiêu chí là 70, chưa bằng tổng điểm thang điểm 100." in [p.message for p in problems(draft)]


def test_a_criterion_a_gate_needs_is_not_removed_and_the_gate_is_named(world, draft):
    with pytest.raises(RuleViolation) as error:
        services.criterion_remove(criterion=draft.criteria.get(code="time"), removed_by=None)
    gate = draft.gates.get()
    assert f"“{gate.name}”" in error.value.messages[0] and "“duration”" in error.value.messages[0]
    assert draft.criteria.filter(code="time").exists()


def test_the_last_criterion_is_not_removed(world, draft):
    services.rubric_gates_set(rubric=draft, gates={}, updated_by=None)
    *others, last = list(draft.criteria.order_by("order"))
    for criterion in others:
        services.criterion_remove(criterion=criterion, removed_by=None)
    with pytest.raises(RuleViolation, match="ít nhất một tiêu chí"):
        services.criterion_remove(criterion=last, removed_by=None)


def test_criteria_move_up_and_down_and_stay_put_at_the_ends(world, draft):
    closing = draft.criteria.get(code="closing")
    services.criterion_move(criterion=closing, up=True, moved_by=None)
    assert criterion_codes(draft)[-2:] == ["closing", "results"]
    services.criterion_move(criterion=draft.criteria.get(code="time"), up=True, moved_by=None)
    services.criterion_move(criterion=draft.criteria.get(code="time"), up=False, moved_by=None)
    assert criterion_codes(draft)[:2] == ["attendance", "time"]
    assert list(draft.criteria.order_by("order").values_list("order", flat=True)) == list(range(1, 8))
    assert problems(draft) == []  # order changes nothing that has to add up


# --- services: sub-items -----------------------------------------------------------------------------

def test_a_manual_item_is_added_at_the_end_with_a_code_unique_in_the_rubric(world, draft):
    conduct = draft.criteria.get(code="conduct")
    item = services.item_add(criterion=conduct, data=ItemData("Speaking share", 2), added_by=None)
    assert (item.code, item.order, item.source, item.params) == ("speaking-share", 13, "manual", {})
    again = services.item_add(criterion=draft.criteria.get(code="time"), data=ItemData("Speaking share", 0),
                              added_by=None)
    assert again.code == "speaking-share-2" and again.order == 2
    assert not item.bands.exists()
    assert "Tiêu chí “Tổ chức sinh hoạt”: các nội dung cộng lại 42 điểm, chưa bằng 40." in [
        p.message for p in problems(draft)]


def test_a_banded_item_starts_with_one_band_over_the_whole_domain(world, draft):
    results = draft.criteria.get(code="results")
    share = services.item_add(criterion=results, added_by=None,
                              data=ItemData("Tỷ lệ phát biểu", 5, "speaking_share", {"absent_cap": 2}))
    minutes = services.item_add(criterion=results, added_by=None,
                                data=ItemData("Thời lượng", 3, "duration_shortfall", {"minimum_minutes": 120}))
    assert [(b.lower, b.upper, b.upper_closed, b.points) for b in share.bands.all()] == [
        (Decimal(0), Decimal(100), True, 5)]
    assert [(b.lower, b.upper, b.points) for b in minutes.bands.all()] == [(Decimal(0), None, 3)]
    assert share.params == {"absent_cap": 2} and minutes.params == {"minimum_minutes": 120}
    # The bands are valid; only the points of the criterion remain to fix.
    assert {p.kind for p in problems(draft)} == {"sum"}


def test_params_a_source_does_not_read_are_dropped_and_bad_ones_refused(world, draft):
    time = draft.criteria.get(code="time")
    item = services.item_add(criterion=time, added_by=None,
                             data=ItemData("Văn bản", 1, "documents_on_time", {"within_days": 3, "absent_cap": 1}))
    assert item.params == {"within_days": 3}
    with pytest.raises(RuleViolation) as error:
        services.item_add(criterion=time, added_by=None,
                          data=ItemData("Tỷ lệ dự", 2, "attendance_rate", {"absent_cap": 3}))
    assert "absent_cap" in error.value.message_dict
    with pytest.raises(RuleViolation) as error:
        services.item_add(criterion=time, added_by=None,
                          data=ItemData("Vắng", 1, "no_excused_streak", {"streak_limit": 0}))
    assert "streak_limit" in error.value.message_dict
    with pytest.raises(RuleViolation) as error:
        services.item_add(criterion=time, added_by=None, data=ItemData("Lạ", 1, "no_such_measure"))
    assert "source" in error.value.message_dict


def test_switching_the_way_of_scoring_keeps_bands_in_step(world, draft):
    item = CriterionItem.objects.get(criterion__rubric=draft, code="speaking_share")
    assert item.bands.count() == 4
    # Another percentage: the committee's bands stay.
    services.item_update(item=item, data=ItemData(item.name, 5, "attendance_rate", {"absent_cap": 1}), updated_by=None)
    assert item.bands.count() == 4 and item.params == {"absent_cap": 1}
    # Minutes short instead of a percentage: one band over 0–∞ at full points.
    services.item_update(item=item, data=ItemData(item.name, 5, "duration_shortfall", {}), updated_by=None)
    assert [(b.lower, b.upper, b.points) for b in item.bands.all()] == [(Decimal(0), None, 5)]
    # By hand: no bands, no params.
    services.item_update(item=item, data=ItemData("Phát biểu (chấm tay)", 5, "manual", {"absent_cap": 1}),
                         updated_by=None)
    item.refresh_from_db()
    assert not item.bands.exists() and item.params == {} and item.name == "Phát biểu (chấm tay)"
    assert problems(draft) == []
    event = AuditEvent.objects.filter(action="rubric.item_update").latest("id")
    assert event.changes["source"] == ["duration_shortfall", "manual"]


def test_the_points_page_switching_a_source_also_keeps_bands_in_step(world, draft):
    from chibo.quality.services import PointsRow
    item = CriterionItem.objects.get(criterion__rubric=draft, code="minutes_book")
    services.rubric_points_set(rubric=draft, updated_by=None, rows=[
        PointsRow(item.criterion_id, item.pk, item.name, item.max_points, "attendance_rate")])
    assert [(b.lower, b.upper, b.points) for b in item.bands.all()] == [(Decimal(0), Decimal(100), 1)]


def test_an_item_a_gate_names_is_not_removed_and_the_gate_is_named(world, draft):
    item = CriterionItem.objects.get(criterion__rubric=draft, code="excused_streak")
    with pytest.raises(RuleViolation) as error:
        services.item_remove(item=item, removed_by=None)
    assert draft.gates.get().name in error.value.messages[0]
    services.rubric_gates_set(rubric=draft, gates={"tot": ["duration", "attendance_band"]}, updated_by=None)
    services.item_remove(item=item, removed_by=None)
    assert item_codes(draft.criteria.get(code="attendance")) == ["attendance_band"]


def test_the_last_item_of_a_criterion_is_not_removed(world, draft):
    followup = CriterionItem.objects.get(criterion__rubric=draft, code="followup")
    with pytest.raises(RuleViolation, match="ít nhất một nội dung chấm"):
        services.item_remove(item=followup, removed_by=None)


def test_items_move_within_their_criterion_and_removal_renumbers(world, draft):
    closing = draft.criteria.get(code="closing")
    published = closing.items.get(code="published")
    services.item_move(item=published, up=True, moved_by=None)
    assert item_codes(closing) == ["conclusion", "published", "minutes_approved"]
    services.item_move(item=published, up=True, moved_by=None)
    services.item_move(item=published, up=True, moved_by=None)  # already first
    assert item_codes(closing) == ["published", "conclusion", "minutes_approved"]
    services.item_remove(item=closing.items.get(code="conclusion"), removed_by=None)
    assert list(closing.items.order_by("order").values_list("order", flat=True)) == [1, 2]


def test_a_published_rubric_and_a_central_one_are_frozen(world, draft, hd42):
    services.rubric_publish(rubric=draft, published_by=None)
    for rubric in (draft, hd42):
        criterion = rubric.criteria.get(code="closing")
        item = criterion.items.get(code="conclusion")
        for change, kwargs in [
            (services.criterion_add, {"rubric": rubric, "name": "Mới", "max_points": 1, "added_by": None}),
            (services.criterion_remove, {"criterion": criterion, "removed_by": None}),
            (services.criterion_move, {"criterion": criterion, "up": True, "moved_by": None}),
            (services.item_add, {"criterion": criterion, "data": ItemData("Mới", 1), "added_by": None}),
            (services.item_update, {"item": item, "data": ItemData("Mới", 1), "updated_by": None}),
            (services.item_remove, {"item": item, "removed_by": None}),
            (services.item_move, {"item": item, "up": True, "moved_by": None}),
        ]:
            with pytest.raises(RuleViolation, match="đã ban hành"):
                change(**kwargs)
    assert selectors.rubric_spec(selectors.rubric_with_parts(draft.pk)) == selectors.rubric_spec(
        selectors.rubric_with_parts(hd42.pk))


# --- built, published, used ----------------------------------------------------------------------------

def test_a_rubric_built_this_way_publishes_and_scores_a_meeting(world, draft):
    """Results (30) replaced by a criterion of two items: followup share by two bands, papers within 3 days."""
    services.criterion_remove(criterion=draft.criteria.get(code="results"), removed_by=None)
    criterion = services.criterion_add(rubric=draft, name="Kết quả thực hiện nghị quyết", max_points=30,
                                       added_by=None)
    followup = services.item_add(criterion=criterion, added_by=None,
                                 data=ItemData("Nhiệm vụ hoàn thành", 20, "followup_done_share"))
    services.item_bands_set(item=followup, updated_by=None, bands=[
        BandRow(Decimal(90), Decimal(100), 20, upper_closed=True), BandRow(Decimal(0), Decimal(90), 10)])
    papers = services.item_add(criterion=criterion, added_by=None,
                               data=ItemData("Văn bản đăng trong 3 ngày", 10, "documents_on_time", {"within_days": 3}))
    services.item_move(item=papers, up=True, moved_by=None)
    services.criterion_move(criterion=criterion, up=True, moved_by=None)
    assert problems(draft) == []
    services.rubric_publish(rubric=draft, published_by=None)

    rubric = selectors.rubric_for(world.cell_a, date(2026, 3, 10))
    assert rubric == draft
    spec = selectors.rubric_spec(selectors.rubric_with_parts(draft.pk))
    assert [c.code for c in spec.criteria][-2:] == [criterion.code, "closing"]
    assert [i.code for i in spec.criteria[-2].items] == [papers.code, followup.code]
    facts = specs.facts(followup_tasks=4, followup_done=3, published_on=date(2026, 3, 10) + timedelta(days=3))
    sheet = scoring.score_sheet(spec, facts, specs.full_manual(spec))
    points = {line.item.code: line.points for line in sheet.lines}
    # 75% done → 10 of 20; published on day 3: in time for the new item (3 days), late for HD 42's (2 days).
    assert (points[followup.code], points[papers.code], points["published"]) == (10, 10, 0)
    assert sheet.total == 100 - 30 - 1 + 10 + 10 == 89
    assert (sheet.score_level, sheet.level) == (scoring.KHA, scoring.KHA)


# --- views -------------------------------------------------------------------------------------------

def url(name: str, world, draft, **ids) -> str:
    return reverse(f"quality:{name}", kwargs={"code": world.commune.code, "rubric_id": draft.pk, **ids})


def test_the_detail_page_offers_the_structure_actions_only_to_who_can_edit(client, world, draft):
    client.force_login(world.committee_staff)
    body = client.get(url("rubric_detail", world, draft)).content.decode()
    assert "Thêm tiêu chí" in body and "Sửa cách chấm" in body and "Xóa tiêu chí" in body
    client.force_login(world.secretary_a)
    body = client.get(reverse("quality:rubric_detail", args=[world.cell_a.code, draft.pk])).content.decode()
    assert "Thêm tiêu chí" not in body and "Sửa cách chấm" not in body


def test_the_committee_adds_a_criterion_and_its_item_and_sees_what_remains(client, world, draft):
    client.force_login(world.committee_staff)
    assert client.get(url("criterion_add", world, draft)).status_code == 200
    assert client.post(url("criterion_add", world, draft), {"name": "", "max_points": "x"}).status_code == 400
    response = client.post(url("criterion_add", world, draft), {"name": "Chuyển đổi số", "max_points": "10"})
    criterion = draft.criteria.get(code="chuyen-doi-so")
    assert response.status_code == 302
    assert response["Location"] == url("item_add", world, draft, criterion_id=criterion.pk)
    body = client.get(url("rubric_detail", world, draft)).content.decode()
    assert "Tiêu chí “Chuyển đổi số” chưa có nội dung chấm." in body
    assert "Tổng điểm các tiêu chí là 110, chưa bằng tổng điểm thang điểm 100." in body

    add = url("item_add", world, draft, criterion_id=criterion.pk)
    assert client.get(add).status_code == 200
    response = client.post(add, {"name": "Tỷ lệ dự", "max_points": "10", "source": "attendance_rate",
                                 "absent_cap": "12"})
    assert response.status_code == 400 and "Không được vượt điểm tối đa của nội dung (10)." in response.content.decode()
    response = client.post(add, {"name": "Tỷ lệ dự", "max_points": "10", "source": "attendance_rate",
                                 "absent_cap": "4", "lead_days": "5"})
    item = criterion.items.get()
    assert response.status_code == 302
    assert response["Location"] == url("item_bands", world, draft, item_id=item.pk)
    assert item.params == {"absent_cap": 4} and item.bands.count() == 1
    body = client.get(url("rubric_detail", world, draft)).content.decode()
    assert "chưa có nội dung chấm" not in body and "chưa bằng tổng điểm thang điểm 100" in body


def test_the_committee_edits_how_an_item_is_scored(client, world, draft):
    client.force_login(world.committee_staff)
    item = CriterionItem.objects.get(criterion__rubric=draft, code="materials")
    edit = url("item_edit", world, draft, item_id=item.pk)
    form = client.get(edit).context["form"]
    assert form.initial["lead_days"] == 1 and form["source"].value() == "materials_on_time"
    response = client.post(edit, {"name": item.name, "max_points": "2", "source": "materials_on_time",
                                  "lead_days": "-1"})
    assert response.status_code == 400
    response = client.post(edit, {"name": item.name, "max_points": "2", "source": "materials_on_time",
                                  "lead_days": "3"})
    assert response.status_code == 302 and response["Location"].endswith(f"#i{item.pk}")
    item.refresh_from_db()
    assert item.params == {"lead_days": 3}
    response = client.post(edit, {"name": item.name, "max_points": "2", "source": "manual", "lead_days": "3"})
    item.refresh_from_db()
    assert response.status_code == 302 and (item.source, item.params) == ("manual", {})


def test_the_committee_removes_and_moves_through_the_pages(client, world, draft):
    client.force_login(world.committee_staff)
    results = draft.criteria.get(code="results")
    remove = url("criterion_remove", world, draft, criterion_id=results.pk)
    body = client.get(remove).content.decode()
    assert "Nhiệm vụ kỳ trước hoàn thành" in body  # the items that go with it are listed
    assert client.post(remove).status_code == 302
    assert not draft.criteria.filter(code="results").exists()

    time = draft.criteria.get(code="time")
    response = client.post(url("criterion_remove", world, draft, criterion_id=time.pk))
    assert response.status_code == 400 and "Điều kiện xếp loại" in response.content.decode()
    item = CriterionItem.objects.get(criterion__rubric=draft, code="duration")
    response = client.post(url("item_remove", world, draft, item_id=item.pk))
    assert response.status_code == 400 and "hãy bỏ nó khỏi điều kiện trước" in response.content.decode()
    notify = CriterionItem.objects.get(criterion__rubric=draft, code="notify")
    assert client.post(url("item_remove", world, draft, item_id=notify.pk)).status_code == 302
    assert not CriterionItem.objects.filter(pk=notify.pk).exists()

    closing = draft.criteria.get(code="closing")
    move = url("criterion_move", world, draft, criterion_id=closing.pk)
    assert client.post(move, {"direction": "up"}).status_code == 302
    assert criterion_codes(draft)[0:2] == ["time", "attendance"] and criterion_codes(draft)[-2] == "closing"
    assert client.post(move, {"direction": "sideways"}).status_code == 400
    assert client.get(move).status_code == 405
    published = closing.items.get(code="published")
    assert client.post(url("item_move", world, draft, item_id=published.pk), {"direction": "up"}).status_code == 302
    assert item_codes(closing) == ["conclusion", "published", "minutes_approved"]


def test_ids_of_another_rubric_are_not_found(client, world, draft, hd42):
    client.force_login(world.committee_staff)
    foreign_item = CriterionItem.objects.get(criterion__rubric=hd42, code="notify")
    foreign_criterion = hd42.criteria.get(code="closing")
    for name, ids in [("item_edit", {"item_id": foreign_item.pk}), ("item_remove", {"item_id": foreign_item.pk}),
                      ("criterion_remove", {"criterion_id": foreign_criterion.pk}),
                      ("item_add", {"criterion_id": foreign_criterion.pk})]:
        assert client.get(url(name, world, draft, **ids)).status_code == 404, name
    assert client.post(url("item_move", world, draft, item_id=foreign_item.pk), {"direction": "up"}).status_code == 404


def test_a_cell_secretary_out_of_scope_gets_404(client, world, draft):
    client.force_login(world.secretary_b)
    criterion = draft.criteria.get(code="closing")
    item = criterion.items.get(code="conclusion")
    for name, ids in [("criterion_add", {}), ("criterion_remove", {"criterion_id": criterion.pk}),
                      ("item_add", {"criterion_id": criterion.pk}), ("item_edit", {"item_id": item.pk}),
                      ("item_remove", {"item_id": item.pk})]:
        target = reverse(f"quality:{name}", kwargs={"code": world.cell_b.code, "rubric_id": draft.pk, **ids})
        assert client.get(target).status_code == 404, name
        assert client.post(target, {"name": "X", "max_points": "1", "source": "manual"}).status_code == 404, name
    for name, ids in [("criterion_move", {"criterion_id": criterion.pk}), ("item_move", {"item_id": item.pk})]:
        target = reverse(f"quality:{name}", kwargs={"code": world.cell_a.code, "rubric_id": draft.pk, **ids})
        assert client.post(target, {"direction": "up"}).status_code == 404, name
    assert draft.criteria.count() == 7 and criterion.items.count() == 3


def test_a_published_or_central_rubric_answers_404_everywhere(client, world, draft, hd42):
    services.rubric_publish(rubric=draft, published_by=None)
    client.force_login(world.committee_staff)
    for rubric in (draft, hd42):
        criterion = rubric.criteria.get(code="closing")
        item = criterion.items.get(code="conclusion")
        for name, ids in [("criterion_add", {}), ("criterion_remove", {"criterion_id": criterion.pk}),
                          ("item_add", {"criterion_id": criterion.pk}), ("item_edit", {"item_id": item.pk}),
                          ("item_remove", {"item_id": item.pk}), ("criterion_move", {"criterion_id": criterion.pk}),
                          ("item_move", {"item_id": item.pk})]:
            target = url(name, world, rubric, **ids)
            assert client.post(target, {"name": "X", "max_points": "1", "source": "manual",
                                        "direction": "up"}).status_code == 404, (rubric.code, name)
        body = client.get(url("rubric_detail", world, rubric)).content.decode()
        assert "Thêm tiêu chí" not in body
    assert selectors.rubric_spec(selectors.rubric_with_parts(draft.pk)) == selectors.rubric_spec(
        selectors.rubric_with_parts(hd42.pk))
    draft.refresh_from_db()
    assert draft.status == RubricStatus.PUBLISHED


def test_the_structure_pages_read_in_english(client, world, draft):
    from django.utils import translation

    from chibo.core.tests.test_i18n import english, vietnamese_leftovers, world_content

    client.force_login(world.committee_staff)
    item = CriterionItem.objects.get(criterion__rubric=draft, code="attendance_band")
    criterion = item.criterion
    content = [*world_content(world), draft.name, criterion.name, item.name]
    for target, words in [
        (url("item_edit", world, draft, item_id=item.pk), ("Parameters of the scoring", "Minimum duration (minutes)",
                                                          "Leave blank for 3.")),
        (url("criterion_add", world, draft), ("Add criterion", "Criterion name")),
        (url("criterion_remove", world, draft, criterion_id=criterion.pk), ("Delete criterion",
                                                                            "The criterion's items are deleted too:")),
    ]:
        with translation.override("vi"):  # the English request activates English on this thread: put it back
            html = english(client).get(target).content.decode()
        for word in words:
            assert word in html, word
        assert vietnamese_leftovers(html, [*content, *[i.name for i in criterion.items.all()]]) == [], target


def test_the_rubric_page_says_the_parameters_each_record_item_is_scored_with(client, world, draft):
    materials = CriterionItem.objects.get(criterion__rubric=draft, code="materials")
    services.item_update(item=materials, data=ItemData(materials.name, materials.max_points, "materials_on_time",
                                                       {"lead_days": 2}), updated_by=None)
    client.force_login(world.committee_leader)
    body = client.get(reverse("quality:rubric_detail", args=[world.commune.code, draft.pk])).content.decode()
    assert "Ít nhất 2 ngày trước buổi sinh hoạt" in body
    assert "Thời lượng tối thiểu theo quy trình của buổi" in body  # HD 42: 90 minutes, 120 combined
    assert "Có đảng viên vắng không lý do: tối đa 1 điểm" in body  # the attendance band's cap
    body = client.get(reverse("quality:rubric_detail", args=[world.commune.code, draft.cloned_from_id])).content.decode()
    assert "Ít nhất 1 ngày trước buổi sinh hoạt" in body  # the default, unchanged in the central rubric
