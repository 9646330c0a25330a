"""bithu1 runs a whole meeting on a 360 px phone in Debian's Chromium; bithu2 cannot open it.

Every tap is a POST that writes at once, so the page is reloaded in the middle and nothing is lost.
At the end bithu1 downloads the approved minutes as .docx, which python-docx opens.
Transactional: the live server's thread has its own connection (conftest reloads the procedures
of the data migration if an earlier transactional test flushed them).
"""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from playwright.sync_api import Page, expect

from chibo.core.testing import PASSWORD
from chibo.meetings import services
from chibo.meetings.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    """A Vietnamese phone: the locale decides the decimal comma ("50,0%")."""
    return {**browser_context_args, "locale": "vi-VN", "viewport": {"width": 360, "height": 740}}


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(base_url + reverse("accounts:login"))
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def roll_row(page: Page, name: str):
    return page.locator(f'#roll li[data-member="{name}"]')


def tap(page: Page, name: str, label: str) -> None:
    """Tap a roll-call button and wait for its POST to come back."""
    with page.expect_response(re.compile(r"/diem-danh/\d+/$")):
        roll_row(page, name).get_by_role("button", name=label, exact=True).click()


def docx_text(path) -> str:
    word = Document(str(path))
    cells = [p.text for t in word.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return "\n".join([p.text for p in word.paragraphs] + cells)


def test_bithu1_runs_a_meeting_from_roll_call_to_approved_minutes(page: Page, live_server, world, tmp_path):
    meeting = services.meeting_plan(organization=world.cell_a, kind="regular", planned_date=timezone.localdate(),
                                    place="Nhà văn hóa khu phố 1", planned_by=world.secretary_a)
    page.set_viewport_size({"width": 360, "height": 740})
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, live_server.url, "bithu1")

    page.goto(live_server.url + reverse("meetings:meeting_detail", args=[meeting.pk]))
    page.get_by_role("button", name="Bắt đầu sinh hoạt").click()
    expect(page).to_have_url(re.compile(r"/dien-bien/$"))
    run_url = page.url

    # Roll call: one tap each; the running rate uses the decimal comma.
    tap(page, "Nguyễn Văn An", "Có mặt")
    tap(page, "Lê Đức Cường", "Có mặt")
    tap(page, "Phạm Thị Dung", "Vắng")
    tap(page, "Trần Thị Bích", "Vắng có lý do")
    with page.expect_response(re.compile(r"/diem-danh/\d+/$")):
        roll_row(page, "Trần Thị Bích").get_by_label("Lý do").fill("Đi công tác")
        roll_row(page, "Trần Thị Bích").get_by_label("Lý do").press("Enter")
    with page.expect_response(re.compile(r"/diem-danh/\d+/$")):
        roll_row(page, "Lê Đức Cường").get_by_role("button", name="Đến muộn").click()
    expect(page.get_by_test_id("present")).to_have_text("2/4")
    expect(page.get_by_test_id("rate")).to_have_text("50,0%")

    # Opening, a step checked off with its time, a speaker.
    with page.expect_response(re.compile(r"/khai-mac/$")):
        page.get_by_label("Thư ký", exact=True).select_option(label="Lê Đức Cường")
    with page.expect_response(re.compile(r"/buoc/\d+/$")):
        page.get_by_role("button", name=re.compile("Đánh dấu đã xong: Điểm danh")).click()
    expect(page.locator("#steps .when").first).to_have_text(re.compile(r"^\d\d:\d\d–\d\d:\d\d$"))
    page.locator("#speaker-chips").get_by_text("Nguyễn Văn An").click()
    page.locator("#speak").get_by_text("Đề xuất phương hướng, giải pháp").click()
    page.get_by_label("Tóm tắt ý kiến").fill("Đề nghị sửa đường ngõ 3")
    with page.expect_response(re.compile(r"/phat-bieu/$")):
        page.get_by_role("button", name="Ghi ý kiến").click()
    expect(page.get_by_test_id("speakers")).to_have_text("1/2")

    # A reload in the middle loses nothing: every tap was already written.
    page.reload()
    expect(roll_row(page, "Trần Thị Bích").get_by_role("button", name="Vắng có lý do", exact=True)).to_have_attribute(
        "aria-pressed", "true")
    expect(roll_row(page, "Trần Thị Bích").get_by_label("Lý do")).to_have_value("Đi công tác")
    expect(roll_row(page, "Lê Đức Cường").get_by_role("button", name=re.compile("Đến muộn"))).to_have_attribute(
        "aria-pressed", "true")
    expect(roll_row(page, "Phạm Thị Dung").get_by_role("button", name="Vắng", exact=True)).to_have_attribute(
        "aria-pressed", "true")
    expect(page.get_by_test_id("rate")).to_have_text("50,0%")
    expect(page.get_by_label("Thư ký", exact=True)).to_have_value(str(world.a_members[2].pk))
    expect(page.locator("#speak")).to_contain_text(
        "Nguyễn Văn An — Đề xuất phương hướng, giải pháp: Đề nghị sửa đường ngõ 3")
    expect(page.locator("#steps .when")).to_have_count(1)

    # A vote: the denominator and the validity are shown before recording (Bích excused, Dung probationary).
    page.get_by_label("Nội dung biểu quyết").fill("Thông qua nghị quyết tháng")
    page.get_by_label("Tán thành", exact=True).fill("2")
    expect(page.get_by_test_id("vote-validity")).to_contain_text("Hợp lệ: 2/2")
    with page.expect_response(re.compile(r"/bieu-quyet/$")):
        page.get_by_role("button", name="Ghi kết quả biểu quyết").click()
    expect(page.locator("#votes")).to_contain_text("Thông qua nghị quyết tháng: 2/2")

    # Resolution and a task, then the minutes are approved and the meeting locked.
    page.get_by_label("Nội dung nghị quyết", exact=True).fill("Hoàn thành sửa đường ngõ 3 trong quý")
    with page.expect_response(re.compile(r"/nghi-quyet/$")):
        page.get_by_role("button", name="Thêm nội dung").click()
    page.get_by_label("Nhiệm vụ", exact=True).fill("Vận động bà con góp công")
    page.get_by_label("Giao cho", exact=True).select_option(label="Nguyễn Văn An")
    with page.expect_response(re.compile(r"/nhiem-vu/$")):
        page.get_by_role("button", name="Giao nhiệm vụ").click()
    expect(page.locator("#resolution")).to_contain_text("Vận động bà con góp công — Nguyễn Văn An")
    expect(page.locator("#close-blockers")).to_contain_text("Đủ điều kiện thông qua biên bản")
    page.get_by_role("button", name=re.compile("Biên bản đã thông qua")).click()
    expect(page).to_have_url(re.compile(rf"/sinh-hoat/{meeting.pk}/$"))
    expect(page.locator("h1")).to_contain_text("Đã thông qua biên bản")

    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.status == "closed" and meeting.figures.attendance_rate == 0.5
    page.get_by_role("link", name="Biên bản", exact=True).click()
    expect(page.get_by_test_id("minutes-text")).to_contain_text("Trần Thị Bích (Đi công tác)")
    page.goto(run_url)  # the run screen is closed now: back to the meeting page
    expect(page).to_have_url(re.compile(rf"/sinh-hoat/{meeting.pk}/$"))

    # The approved minutes in the Party's format, downloaded on the phone and opened with python-docx.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải biên bản (.docx)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("Biên bản Chi bộ Khu phố 1")
    assert download.suggested_filename.endswith(".docx")
    saved = tmp_path / "bien-ban.docx"
    download.save_as(saved)
    text = docx_text(saved)
    assert "CHI BỘ KHU PHỐ 1" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Trần Thị Bích (Đi công tác)" in text and "Thông qua nghị quyết tháng" in text

    # The self-rating is the last step: from the meeting page, the record's points filled in, the rest by hand.
    page.goto(live_server.url + reverse("meetings:meeting_detail", args=[meeting.pk]))
    expect(page.locator("#chat-luong")).to_contain_text("Chưa đánh giá")
    page.locator("#chat-luong").get_by_role("link", name="Chi bộ tự đánh giá").click()
    expect(page.locator("table.sheet")).to_contain_text("50,0%")  # attendance measured from the roll call
    # At 360 px each line of the sheet is a card: the item's wording gets the whole width, not a sliver.
    expect(page.locator("table.sheet thead")).to_be_hidden()
    item_cell = page.locator("table.sheet tbody tr:not(.criterion) td").first.bounding_box()
    assert item_cell is not None and item_cell["width"] > 250
    page.get_by_role("button", name="Lưu kết quả đánh giá").click()
    expect(page.locator("ul.messages")).to_contain_text("Đã lưu kết quả đánh giá")
    rating = meeting.ratings.get()
    assert rating.rater_kind == "self" and rating.scores.filter(source="record").exists()
    page.goto(live_server.url + reverse("meetings:meeting_detail", args=[meeting.pk]))
    expect(page.locator("#chat-luong")).to_contain_text(rating.get_level_display())
    expect(page.locator("#chat-luong").get_by_role("link", name="Chi bộ tự đánh giá")).to_have_count(0)

    # bithu2 (cell B's secretary) cannot open it, nor download its minutes: 404, like an id that does not exist.
    page.context.clear_cookies()
    log_in(page, live_server.url, "bithu2")
    minutes_docx = reverse("meetings:meeting_document", args=[meeting.pk, "bien-ban", "docx"])
    for url in (run_url, live_server.url + reverse("meetings:meeting_detail", args=[meeting.pk]),
                live_server.url + minutes_docx):
        response = page.goto(url)
        assert response is not None and response.status == 404
