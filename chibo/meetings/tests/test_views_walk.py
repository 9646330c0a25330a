"""Walk every URL of the meetings namespace with users in and out of scope, and with garbage input.

Each URL is filled with objects of cell A. Its secretary reaches all of them; the secretary of
cell B and a user without roles get 404 (405 for POST-only URLs, which reveal nothing); the
committee leader and a plain member of cell A read but never write; no input gives a 500.
"""

import pytest
from django.urls import URLPattern, get_resolver, reverse

from chibo.core.models import AuditEvent
from chibo.meetings.models import Meeting
from chibo.meetings.tests.walk import meeting_url_values

GARBAGE = {
    "status": "maybe", "member": "abc", "kind": "zzz", "votes_for": "-5", "votes_against": "1e9", "deadline": "31/02/2026",
    "planned_date": "hôm qua", "year": "x" * 300, "day": "0", "chair": "999999", "meeting_secretary": "-1",
    "done": "on", "done_on": "2026-13-45", "done_time": "25:61", "assignee": "999999", "resolution_item": "abc",
    "held_on": "1900-01-01", "start_time": "19:00", "end_time": "18:00", "text": "", "body": "", "reason": "",
    "motion": "x" * 600, "gist": "g" * 600, "note": "n" * 600, "name": "", "title": "", "upload": "not a file",
    "conclusion": "\x00", "description": "", "arrived_late": "maybe", "topic": "t" * 300,
}


def _meeting_patterns():
    resolver = get_resolver()
    for entry in resolver.url_patterns:
        if getattr(entry, "namespace", None) == "meetings":
            for pattern in entry.url_patterns:
                if isinstance(pattern, URLPattern):
                    yield f"meetings:{pattern.name}", pattern


def _urls(world):
    values = meeting_url_values(world)
    urls = []
    for name, pattern in _meeting_patterns():
        keys = list(pattern.pattern.regex.groupindex)
        missing = [k for k in keys if k not in values]
        assert not missing, f"the walk cannot fill {missing} for {name}"
        urls.append((name, reverse(name, kwargs={k: values[k] for k in keys})))
    return urls


OWN_PAGES = {"meetings:my_meetings", "meetings:my_tasks"}  # no id: everyone sees their own


@pytest.mark.django_db
def test_it_walks_every_url_in_and_out_of_scope(client, world):
    urls = _urls(world)
    assert len(urls) >= 35
    for user, in_scope in [(world.secretary_a, True), (world.secretary_b, False), (world.outsider, False)]:
        client.force_login(user)
        for name, url in urls:
            status = client.get(url).status_code
            if in_scope or name in OWN_PAGES:
                assert status in (200, 302, 405), f"{user.username} {name} {url} → {status}"
            else:
                assert status in (404, 405), f"{user.username} must not reach {name} {url} (got {status})"
        client.logout()


@pytest.mark.django_db
def test_out_of_scope_and_read_only_users_change_nothing(client, world):
    urls = _urls(world)
    before = AuditEvent.objects.count()
    meetings_before = Meeting.objects.count()
    for user in (world.secretary_b, world.outsider, world.committee_leader, world.member_a):
        client.force_login(user)
        for name, url in urls:
            status = client.post(url, {"status": "present", "note": "x", "body": "x", "reason": "x"}).status_code
            if user in (world.secretary_b, world.outsider) and name not in OWN_PAGES:
                assert status in (404, 405), f"{user.username} POST {name} → {status}"
            assert status < 500, f"{user.username} POST {name} → {status}"
    # The member may report on their own task (the only write a plain member has); nothing else changed.
    actions = set(AuditEvent.objects.all()[: AuditEvent.objects.count() - before].values_list("action", flat=True))
    assert actions <= {"task.report"}
    assert Meeting.objects.count() == meetings_before


@pytest.mark.django_db
def test_garbage_input_never_gives_a_500(client, world):
    urls = _urls(world)
    client.force_login(world.secretary_a)
    for name, url in urls:
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            assert client.post(url, GARBAGE, **headers).status_code < 500, name
            assert client.get(url + "?year=abc&loai=<script>", **headers).status_code < 500, name
