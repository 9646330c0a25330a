"""Walk every URL of chibo with a user in scope and users out of scope.

Each URL is filled with objects that belong to cell A. The secretary of cell A must reach
every one of them; the secretary of cell B and a user without roles must get 404 on all of
them (405 is accepted for POST-only URLs, which reveal nothing). A new URL keyword that this
walk cannot fill makes the test fail, so every new view joins the walk.
"""

from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from chibo.meetings.tests.walk import meeting_url_values
from chibo.organizations.models import ImportJob
from chibo.organizations.services import member_attach_temporarily, member_exempt, position_assign, term_record
from chibo.quality import services as quality_services
from chibo.quality.models import CriterionItem, Rubric, SupportAction
from chibo.quality.tests.fixtures import reference_data  # noqa: F401  (autouse: data migrations' rows after a flush)

# URLs outside the org tree: reachable by anyone logged in (or by nobody, for admin).
PUBLIC_OR_GLOBAL = {
    "accounts:home", "accounts:login", "accounts:logout", "set_language", "javascript-catalog",
    "organizations:organization_search", "organizations:import_template",
    "meetings:my_meetings", "meetings:my_tasks",  # the user's own, whoever they are
}
NAMESPACES_WALKED = {"accounts", "organizations", "meetings", "quality", "reports"}
# Reorganising a unit needs write access to its parent (docs/permissions.md): the committee above
# cell A reaches these, and the secretary of cell A is out of scope like everyone else.
NEEDS_PARENT = {
    "organizations:organization_create", "organizations:organization_move", "organizations:organization_merge",
    "organizations:organization_split",
    # The superior committee's own pages about cell A: the rubric it issues for its subtree, its rating
    # of cell A's meeting, its support of cell A (chibo/quality/tests/test_access_walk_quality.py).
    "quality:rubric_clone", "quality:rubric_edit", "quality:rubric_points", "quality:item_bands",
    "quality:rubric_gates", "quality:rate_superior", "quality:support_actions", "quality:support_outcome",
    # ... and the structure of that draft rubric: its criteria and sub-items.
    "quality:criterion_add", "quality:criterion_remove", "quality:criterion_move", "quality:item_add",
    "quality:item_edit", "quality:item_remove", "quality:item_move",
}


def _named_patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _named_patterns(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry


def _cell_a_objects(world):
    member = world.a_members[2]
    exemption = member_exempt(member=member, kind="age_health", reason="Tuổi cao", start_date=date(2026, 1, 1))
    attachment = member_attach_temporarily(member=world.a_members[1], to=world.cell_b, start_date=date(2026, 2, 1))
    position = position_assign(member=member, organization=world.cell_a, title="deputy_secretary",
                               start_date=date(2026, 1, 1))
    job = ImportJob.objects.create(organization=world.cell_a, original_name="ds.xlsx", file="imports/x.xlsx",
                                   created_by=world.secretary_a)
    # The commune's draft rubric applies to cell A; the support action is the commune's, for cell A.
    rubric = quality_services.rubric_clone(source=Rubric.objects.get(code="hd42-2025"), owner=world.commune,
                                           effective_from=date(2026, 1, 1), cloned_by=None)
    support = SupportAction.objects.create(cell=world.cell_a, action="Dự sinh hoạt", taken_on=date(2026, 3, 5))
    term = term_record(organization=world.cell_a, name="2025–2027", start_date=date(2025, 5, 20))
    return {
        "code": world.cell_a.code,
        "member_id": member.pk,
        "exemption_id": exemption.pk,
        "membership_id": attachment.pk,
        "position_id": position.pk,
        "job_id": job.pk,
        "rubric_id": rubric.pk,
        "item_id": CriterionItem.objects.get(criterion__rubric=rubric, code="speaking_share").pk,
        "criterion_id": rubric.criteria.get(code="conduct").pk,
        "action_id": support.pk,
        "term_id": term.pk,
    }


def _urls(world):
    values = {**_cell_a_objects(world), **meeting_url_values(world)}
    urls = []
    for name, pattern in _named_patterns():
        if name in PUBLIC_OR_GLOBAL or name.split(":")[0] not in NAMESPACES_WALKED:
            continue
        keys = list(pattern.pattern.regex.groupindex)
        missing = [k for k in keys if k not in values]
        assert not missing, f"the access walk cannot fill {missing} for {name}: add them to _cell_a_objects"
        urls.append((name, reverse(name, kwargs={k: values[k] for k in keys})))
    return urls


@pytest.mark.django_db
def test_it_walks_every_url_in_and_out_of_scope(client, world):
    urls = _urls(world)
    assert len(urls) >= 20
    for user, in_scope in [(world.secretary_a, True), (world.secretary_b, False), (world.outsider, False),
                           (world.committee_staff, None)]:
        client.force_login(user)
        for name, url in urls:
            if in_scope is None and name not in NEEDS_PARENT:
                continue
            status = client.get(url).status_code
            if in_scope is None or (in_scope and name not in NEEDS_PARENT):
                assert status in (200, 302, 405), f"{user.username} {name} {url} → {status}"
            else:
                assert status in (404, 405), f"{user.username} must not reach {name} {url} (got {status})"
        client.logout()


@pytest.mark.django_db
def test_it_answers_404_to_writes_out_of_scope(client, world):
    urls = _urls(world)
    client.force_login(world.secretary_b)
    for name, url in urls:
        status = client.post(url, {}).status_code
        assert status in (404, 405), f"secretary_b POST {name} {url} → {status}"


def test_anonymous_users_are_sent_to_login(client, db):
    response = client.get(reverse("organizations:organization_detail", args=["38"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
