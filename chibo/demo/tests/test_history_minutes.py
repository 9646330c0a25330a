"""The province's history, at a small scale: its minutes are written from the plans (reading 480,000
meetings back would take hours), and must read exactly as meetings.minutes writes them at closing."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from chibo.demo.tests.conftest import seeded
from chibo.demo.tests.recount import recompute_scope
from chibo.meetings.minutes import minutes_text
from chibo.meetings.models import Meeting, MeetingStatus, MinutesRevision
from chibo.meetings.selectors import meeting_with_record
from chibo.organizations.models import Organization

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def province_output(django_db_setup, django_db_blocker):
    # Two communes, 30 cells, about 740 members; three months of meetings.
    with seeded(django_db_blocker, "--profile", "province", "--seed", "3", "--scale", "0.002",
                "--history-months", "3") as output:
        yield output


def test_the_minutes_written_from_the_plans_are_the_minutes_meetings_writes():
    closed = Meeting.objects.filter(status=MeetingStatus.CLOSED).order_by("id")
    assert closed.count() > 80
    texts = dict(MinutesRevision.objects.filter(number=1).values_list("meeting_id", "text"))
    for meeting in closed:
        assert texts[meeting.pk] == minutes_text(meeting_with_record(meeting.pk)), meeting.pk


def test_the_province_reports_what_its_export_recounts(province_output):
    assert "Lịch sử 3 tháng" in province_output
    args = ("--org", "38", "--from", "2026-08", "--to", "2026-10")
    out = StringIO()
    call_command("quality_report", *args, "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    out = StringIO()
    call_command("export_meetings", *args, stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert data["cells"] == Organization.objects.cells().count() == 30
    assert data == recompute_scope(lines, "38", "2026-08", "2026-10")
