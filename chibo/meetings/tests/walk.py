"""Objects of cell A for access walks over the meetings URLs (used here and by tests/test_access_walk.py)."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from chibo.meetings import services
from chibo.meetings.models import AttendanceStatus, ProcedureStep


def meeting_url_values(world) -> dict[str, int | str]:
    """Every URL keyword of the meetings namespace, filled with objects of cell A.

    A closed meeting with a row of every kind (and a released material), plus a planned one, and
    the liaison in charge of cell A. Documents: the minutes of the closed meeting as .docx.
    tests/test_access_walk.py can join the walk with `values.update(meeting_url_values(world))`.
    """
    today = timezone.localdate()
    meeting = services.meeting_plan(organization=world.cell_a, kind="regular", planned_date=today, planned_by=None)
    material = services.material_add(meeting=meeting, title="Dự thảo", body="…", added_by=None,
                                     upload=SimpleUploadedFile("du-thao.pdf", b"%PDF-1.4"))
    services.materials_release(meeting=meeting, released_by=None)
    services.meeting_start(meeting=meeting, started_by=None)
    for attendance in meeting.attendances.all():
        services.attendance_mark(attendance=attendance, status=AttendanceStatus.PRESENT, marked_by=None)
    # Whoever is on the roll today (a caller may have attached some of cell A's members elsewhere).
    roll = list(meeting.attendances.select_related("member"))
    first, last = roll[0].member, roll[-1].member
    services.meeting_opening_set(meeting=meeting, set_by=None, meeting_secretary=first)
    guest = services.guest_add(meeting=meeting, name="Đồng chí Bình", added_by=None)
    contribution = services.contribution_add(meeting=meeting, member=first, kind="report", added_by=None)
    recognition = services.recognition_add(meeting=meeting, member=first, kind="praise", added_by=None)
    vote = services.vote_record(meeting=meeting, motion="NQ", kind="ordinary", votes_for=1, recorded_by=None)
    item = services.resolution_item_add(meeting=meeting, body="Nội dung", added_by=None)
    task = services.task_assign(meeting=meeting, description="Việc", assignee=last, assigned_by=None)
    step = ProcedureStep.objects.get(procedure__meetings=meeting, code="discussion")
    services.meeting_close(meeting=meeting, closed_by=None)
    services.meeting_plan(organization=world.cell_a, kind="regular", planned_date=today + timedelta(days=30),
                          planned_by=None)
    # The commune's leader is put in charge of cell A (a Liaison).
    liaison = services.liaison_assign(cell=world.cell_a, user=world.committee_leader, start_date=today,
                                      assigned_by=None)
    return {
        "code": world.cell_a.code, "meeting_id": meeting.pk, "step_id": step.pk, "material_id": material.pk,
        "guest_id": guest.pk, "attendance_id": roll[0].pk, "contribution_id": contribution.pk,
        "recognition_id": recognition.pk, "vote_id": vote.pk, "resolution_item_id": item.pk, "task_id": task.pk,
        "number": 1, "liaison_id": liaison.pk, "document": "bien-ban", "file_format": "docx",
    }
