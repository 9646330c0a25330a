"""The one-page PDF on the demo commune (30 cells, ten months of meetings): one page for a month, a quarter,
the year and a cell, with the figures the dashboard shows and the charts' labels."""

import pytest
from django.urls import reverse

from chibo.accounts.models import User
from chibo.demo.tests.conftest import seeded
from chibo.quality.templatetags.quality_tags import percent
from chibo.quality.tests.fixtures import reference_data  # noqa: F401  (autouse: the migrations' data)
from chibo.reports import statistics
from chibo.reports.forms_dashboard import PeriodForm
from chibo.reports.tests.conftest import pdftotext
from chibo.reports.tests.test_dashboard_pdf import pdf_images, pdf_pages

pytestmark = pytest.mark.django_db
MONTHS = 10  # January to October 2026: the year so far has a meeting every month


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with seeded(django_db_blocker, "--profile", "commune", "--seed", "1", "--history-months", str(MONTHS)) as out:
        yield out


@pytest.fixture
def danguy(client):
    user = User.objects.get(username="danguy")
    client.force_login(user)
    return user.role_assignments.get().organization


@pytest.mark.parametrize("query", [
    {"kind": "month", "year": 2026, "month": 10},
    {"kind": "quarter", "year": 2026, "quarter": 3},
    {"kind": "year", "year": 2026},
], ids=["month", "quarter", "year"])
def test_the_commune_fits_on_one_page_with_its_figures_and_charts(client, danguy, query, tmp_path, poppler):
    response = client.get(reverse("reports:dashboard_pdf", args=[danguy.code]), query)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert pdf_pages(response.content, tmp_path) == 1
    text = pdftotext(response.content, tmp_path)
    period = PeriodForm(query).period()
    stats = statistics.statistics(danguy, period)
    assert len(stats.by_child) >= 20 and stats.totals.meetings > 0
    assert danguy.name in text and period.label in text
    for value in (stats.totals.attendance_rate, stats.totals.share_attendance_ge_90, stats.totals.share_over_half_spoke,
                  stats.totals.proposal_share):
        assert percent(value) in text  # as the dashboard shows it: "96,0%"
    first_month = f"{period.first[1]:02d}/{period.first[0]}"
    assert first_month in text and "Tốt" in text and "Chưa đánh giá" in text  # tick and legend of the charts
    assert "Số ý kiến" in text  # the kinds chart's axis
    assert pdf_images(response.content, tmp_path) == []  # vector charts
    left_out = len(stats.by_child) - 10
    assert f"Còn {left_out} dòng không in ở đây" in text


def test_a_cell_of_the_demo_fits_on_one_page(client, danguy, tmp_path, poppler):
    cell = statistics.statistics(danguy, PeriodForm({"kind": "year", "year": 2026}).period()).by_child[0][0]
    response = client.get(reverse("reports:dashboard_pdf", args=[cell.code]), {"kind": "year", "year": 2026})
    assert response.status_code == 200
    assert pdf_pages(response.content, tmp_path) == 1
    text = pdftotext(response.content, tmp_path)
    assert cell.name in text and "01/2026" in text and "So sánh các đơn vị trực thuộc" not in text
