"""danguy opens the commune's dashboard in Debian's Chromium, drills down to a weak cell, and opens the
meeting behind its alert. Transactional: the live server's thread has its own connection."""

import re
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from chibo.core.testing import PASSWORD
from chibo.quality.tests.builders import hold

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PERIOD = "?kind=custom&first=01%2F2026&last=03%2F2026"


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "viewport": {"width": 1100, "height": 900}}


def test_danguy_drills_down_to_a_weak_cell_and_opens_the_meeting_behind_its_alert(page: Page, live_server, world):
    weak = [hold(world.cell_a, date(2026, m, 5), by=world.secretary_a, statuses={"Cường": "absent"})
            for m in (1, 2, 3)]
    for m in (1, 2, 3):
        hold(world.cell_b, date(2026, m, 8), by=world.secretary_b, speakers=["Em", "Giang"])

    page.goto(live_server.url + reverse("accounts:login"))
    page.locator("input[name=username]").fill("danguy")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()

    page.goto(live_server.url + reverse("reports:dashboard", args=[world.commune.code]) + PERIOD)
    expect(page.get_by_role("heading", level=1)).to_contain_text(world.commune.name)
    expect(page.locator(".stat .value").nth(3)).to_have_text("85,7%")  # 18 of 21 present over six meetings
    page.wait_for_function("document.getElementById('chart-levels').chibo !== undefined")  # Chart.js drew
    # The period picker shows what the kind of period needs: months for a custom period, a quarter for a quarter.
    expect(page.get_by_label("Từ tháng")).to_be_visible()
    expect(page.get_by_label("Quý", exact=True)).to_be_hidden()
    page.get_by_label("Kỳ", exact=True).select_option("quarter")
    expect(page.get_by_label("Quý", exact=True)).to_be_visible()
    expect(page.get_by_label("Từ tháng")).to_be_hidden()

    units = page.locator("#units-title + .table-wrap")
    expect(units).to_contain_text(world.cell_b.name)
    units.get_by_role("link", name=world.cell_a.name).click()
    expect(page).to_have_url(re.compile(reverse("reports:dashboard", args=[world.cell_a.code])))
    expect(page.locator("#meetings-title")).to_be_visible()

    page.get_by_role("link", name="Chi bộ có cần hỗ trợ?").click()
    row = page.locator(f"#chi-bo-{world.cell_a.pk}")
    expect(row).to_contain_text("vắng không lý do 3 tháng trong năm 2026")
    row.locator("li", has_text="xóa tên").locator("a.meeting-link").first.click()
    expect(page).to_have_url(re.compile(reverse("meetings:meeting_detail", args=[weak[0].pk]) + "$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sinh hoạt thường kỳ tháng 1/2026")
