"""The cell page is where a secretary lands: it shows the next meeting and, to writers, the way to run it."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from chibo.meetings import services as meeting_services


def _plan_next(world):
    return meeting_services.meeting_plan(organization=world.cell_a, kind="regular",
                                         planned_date=timezone.localdate() + timedelta(days=5), planned_by=None)


def test_a_secretary_sees_the_next_meeting_and_can_run_it(client, world):
    meeting = _plan_next(world)
    client.force_login(world.secretary_a)
    page = client.get(reverse("organizations:organization_detail", args=[world.cell_a.code])).content.decode()
    assert reverse("meetings:meeting_detail", args=[meeting.pk]) in page
    assert reverse("meetings:meeting_run", args=[meeting.pk]) in page


def test_a_plain_member_sees_the_next_meeting_but_not_the_run_screen(client, world):
    meeting = _plan_next(world)
    client.force_login(world.member_a)
    page = client.get(reverse("organizations:organization_detail", args=[world.cell_a.code])).content.decode()
    assert reverse("meetings:meeting_detail", args=[meeting.pk]) in page
    assert reverse("meetings:meeting_run", args=[meeting.pk]) not in page


def test_a_committee_page_links_its_quality_dashboard(client, world):
    client.force_login(world.committee_leader)
    page = client.get(reverse("organizations:organization_detail", args=[world.commune.code])).content.decode()
    assert reverse("reports:dashboard", args=[world.commune.code]) in page
    assert reverse("quality:cells_needing_support", args=[world.commune.code]) in page
