"""Downloading a meeting's papers and issuing the resolution, for users in and out of scope (docs/permissions.md).

The approved minutes go to everyone who sees the meeting; the resolution to the cell's readers while it
is a draft and to plain members once issued; the sign-in sheet (the roll) to readers; the agenda to all.
"""

from datetime import timedelta
from io import BytesIO
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from docx import Document

from chibo.meetings import documents, services
from chibo.meetings.models import DocumentKind, IssuedDocument

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def url(meeting, document: str, file_format: str = "docx") -> str:
    return reverse("meetings:meeting_document", args=[meeting.pk, document, file_format])


def status(client, user, address: str) -> int:
    client.force_login(user)
    return client.get(address).status_code


@pytest.fixture
def closed_with_items(world, closed):
    closed.conclusion = "Chi bộ thống nhất sửa đường ngõ 3."
    closed.save(update_fields=["conclusion"])
    return closed


def test_the_minutes_download_as_docx_and_pdf_with_a_vietnamese_name(client, world, closed):
    client.force_login(world.secretary_a)
    response = client.get(url(closed, "bien-ban"))
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    disposition = response["Content-Disposition"]
    day = closed.day.strftime("%d-%m-%Y")
    assert disposition.startswith(f'attachment; filename="bien-ban-chi-bo-khu-pho-1-{day}.docx"; filename*=UTF-8\'\'')
    assert unquote(disposition.split("UTF-8''")[1]) == f"Biên bản Chi bộ Khu phố 1 {day}.docx"
    word = Document(BytesIO(response.content))
    header = [p.text for t in word.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    assert "CHI BỘ KHU PHỐ 1" in header and "ĐẢNG CỘNG SẢN VIỆT NAM" in header
    pdf = client.get(url(closed, "bien-ban", "pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert pdf["Cache-Control"] == "private, no-store"


def test_who_downloads_the_minutes_of_a_closed_meeting(client, world, closed):
    for user in (world.secretary_a, world.committee_staff, world.committee_leader, world.member_a, world.admin):
        assert status(client, user, url(closed, "bien-ban")) == 200, user.username
    for user in (world.secretary_b, world.outsider):
        assert status(client, user, url(closed, "bien-ban")) == 404, user.username


def test_a_draft_resolution_is_for_readers_and_an_issued_one_for_members(client, world, closed_with_items):
    meeting = closed_with_items
    for user, code in ((world.secretary_a, 200), (world.committee_leader, 200), (world.member_a, 404),
                       (world.secretary_b, 404)):
        assert status(client, user, url(meeting, "nghi-quyet")) == code, user.username
    documents.resolution_issue(meeting=meeting, issued_by=world.secretary_a)
    assert status(client, world.member_a, url(meeting, "nghi-quyet", "pdf")) == 200
    assert status(client, world.secretary_b, url(meeting, "nghi-quyet", "pdf")) == 404


def test_the_liaison_reads_the_draft_resolution(client, world, closed_with_items):
    services.liaison_assign(cell=world.cell_a, user=world.outsider, start_date=timezone.localdate(), assigned_by=None)
    assert status(client, world.outsider, url(closed_with_items, "nghi-quyet")) == 200
    assert status(client, world.outsider, url(closed_with_items, "bien-ban")) == 200


def test_the_papers_of_a_planned_meeting(client, world, planned):
    for user, signin, agenda in ((world.secretary_a, 200, 200), (world.committee_leader, 200, 200),
                                 (world.member_a, 404, 200), (world.secretary_b, 404, 404), (world.outsider, 404, 404)):
        assert status(client, user, url(planned, "danh-sach-ky-ten", "pdf")) == signin, user.username
        assert status(client, user, url(planned, "chuong-trinh")) == agenda, user.username
    # No minutes or resolution before they are approved, whoever asks.
    assert status(client, world.secretary_a, url(planned, "bien-ban")) == 404
    assert status(client, world.secretary_a, url(planned, "nghi-quyet")) == 404


def test_unknown_papers_and_formats_are_404_and_posts_405(client, world, closed):
    client.force_login(world.secretary_a)
    assert client.get(url(closed, "cong-van")).status_code == 404
    assert client.get(url(closed, "bien-ban", "odt")).status_code == 404
    assert client.post(url(closed, "bien-ban")).status_code == 405


def test_the_secretary_issues_the_resolution_from_the_meeting_page(client, world, closed_with_items):
    meeting = closed_with_items
    issue_url = reverse("meetings:document_issue", args=[meeting.pk, "nghi-quyet"])
    client.force_login(world.secretary_a)
    page = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Ban hành nghị quyết" in page and "dự thảo, chưa ban hành" in page and "Tải nghị quyết (.docx)" in page
    assert client.get(issue_url).status_code == 405
    response = client.post(issue_url, follow=True)
    assert "Đã ban hành Nghị quyết Số 01-NQ/CB." in response.content.decode()
    page = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Số 01-NQ/CB" in page and "Ban hành nghị quyết" not in page
    again = client.post(issue_url, follow=True).content.decode()
    assert "Văn bản đã được ban hành: Số 01-NQ/CB." in again
    assert IssuedDocument.objects.filter(kind=DocumentKind.RESOLUTION).count() == 1


def test_only_the_cells_writers_issue(client, world, closed_with_items):
    issue_url = reverse("meetings:document_issue", args=[closed_with_items.pk, "nghi-quyet"])
    for user in (world.committee_leader, world.member_a, world.secretary_b, world.outsider):
        client.force_login(user)
        assert client.post(issue_url).status_code == 404, user.username
    assert not IssuedDocument.objects.exists()
    client.force_login(world.committee_staff)
    assert client.post(issue_url).status_code == 302 and IssuedDocument.objects.count() == 1


def test_the_meeting_page_offers_each_user_their_papers(client, world, closed):
    planned = services.meeting_plan(organization=world.cell_a, kind="regular", planned_by=None,
                                    planned_date=timezone.localdate() + timedelta(days=30))
    client.force_login(world.member_a)
    page = client.get(reverse("meetings:meeting_detail", args=[closed.pk])).content.decode()
    assert "Tải biên bản (.docx)" in page and "Tải biên bản (.pdf)" in page
    assert "nghị quyết" not in page.lower().split('id="documents"')[1].split("</section>")[0]
    page = client.get(reverse("meetings:meeting_detail", args=[planned.pk])).content.decode()
    assert "Tải chương trình sinh hoạt (.pdf)" in page and "danh sách ký tên" not in page
    client.force_login(world.secretary_a)
    page = client.get(reverse("meetings:meeting_detail", args=[planned.pk])).content.decode()
    assert "Tải danh sách ký tên (.pdf)" in page and "Tải chương trình sinh hoạt (.docx)" in page


def test_the_papers_panel_speaks_english_when_asked(client, world, closed):
    client.force_login(world.secretary_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the switch in the top bar (docs/decisions/0004)
    page = client.get(reverse("meetings:meeting_detail", args=[closed.pk])).content.decode()
    assert "Download minutes (.docx)" in page and "Issue the resolution" in page and "draft, not issued" in page
