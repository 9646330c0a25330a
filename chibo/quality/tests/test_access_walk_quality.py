"""Walk every URL of the quality and reports apps with cell A's objects (as tests/test_access_walk.py does
for the whole project): cell A's secretary reaches the cell's pages, the committee above reaches its own
(rubrics it issues, the superior's rating, support); cell B's secretary and an outsider get 404 everywhere."""

from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from chibo.quality import services
from chibo.quality.models import CriterionItem, Rubric, SupportAction
from chibo.quality.tests.builders import hold

pytestmark = pytest.mark.django_db
COMMITTEE_ONLY = {
    "quality:rubric_clone", "quality:rubric_edit", "quality:rubric_points", "quality:item_bands",
    "quality:rubric_gates", "quality:rate_superior", "quality:support_actions", "quality:support_outcome",
    "quality:criterion_add", "quality:criterion_remove", "quality:criterion_move", "quality:item_add",
    "quality:item_edit", "quality:item_remove", "quality:item_move",
}


def _patterns(resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and entry.name and namespace in ("quality", "reports"):
            yield f"{namespace}:{entry.name}", entry


def cell_a_values(world) -> dict[str, object]:
    draft = services.rubric_clone(source=Rubric.objects.get(code="hd42-2025"), owner=world.commune,
                                  effective_from=date(2026, 1, 1), cloned_by=None)
    meeting = hold(world.cell_a, date(2026, 3, 5), by=world.secretary_a)
    action = SupportAction.objects.create(cell=world.cell_a, action="Dự sinh hoạt", taken_on=date(2026, 3, 5))
    return {"code": world.cell_a.code, "rubric_id": draft.pk, "meeting_id": meeting.pk, "action_id": action.pk,
            "item_id": CriterionItem.objects.get(criterion__rubric=draft, code="speaking_share").pk,
            "criterion_id": draft.criteria.get(code="conduct").pk}


def test_it_walks_every_quality_and_reports_url(client, world):
    values = cell_a_values(world)
    urls = [(name, reverse(name, kwargs={k: values[k] for k in p.pattern.regex.groupindex}))
            for name, p in _patterns()]
    assert len(urls) >= 16
    for user, in_scope in [(world.secretary_a, "cell"), (world.committee_staff, "committee"),
                           (world.secretary_b, None), (world.outsider, None)]:
        client.force_login(user)
        for name, url in urls:
            status = client.get(url).status_code
            reaches = in_scope == "committee" or (in_scope == "cell" and name not in COMMITTEE_ONLY)
            allowed = (200, 302, 405) if reaches else (404, 405)
            assert status in allowed, f"{user.username} {name} {url} → {status}"
            if not reaches:
                assert client.post(url, {}).status_code in (404, 405), f"{user.username} POST {name}"
