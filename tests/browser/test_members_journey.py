"""The secretary's first journey in Debian's Chromium: log in, open the roll, search without accents."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from chibo.core.testing import PASSWORD

pytestmark = pytest.mark.browser


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(base_url + reverse("accounts:login"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def test_a_secretary_finds_a_member_without_typing_accents(page: Page, live_server, world):
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, live_server.url, "bithu1")
    expect(page).to_have_url(re.compile(re.escape(reverse("organizations:organization_detail",
                                                            args=[world.cell_a.code])) + "$"))

    page.goto(live_server.url + reverse("organizations:member_list", args=[world.cell_a.code]))
    rows = page.locator("#member-results tbody tr")
    expect(rows).to_have_count(4)

    page.get_by_label("Tìm theo tên hoặc số thẻ").fill("nguyen")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Nguyễn Văn An")
    expect(page.locator("#member-results")).not_to_contain_text("Trần Thị Bích")

    # A member of another cell answers 404, exactly like an id that does not exist.
    response = page.goto(live_server.url + reverse("organizations:member_detail", args=[world.b_members[1].pk]))
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Không tìm thấy")).to_be_visible()
