"""The dashboard as a one-page PDF with its charts: in and out of scope, read back with poppler."""

import subprocess
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from chibo.quality.templatetags.quality_tags import percent
from chibo.quality.tests.builders import hold
from chibo.quality.tests.fixtures import reference_data  # noqa: F401  (autouse: the migrations' data)
from chibo.reports import statistics
from chibo.reports.statistics import Period
from chibo.reports.tests.conftest import pdftotext

pytestmark = pytest.mark.django_db
Q1 = {"kind": "custom", "first": "01/2026", "last": "03/2026"}


@pytest.fixture
def meetings(world):
    a, b = world.secretary_a, world.secretary_b
    return [
        hold(world.cell_a, date(2026, 1, 5), by=a, statuses={"Dung": "excused"}, speakers=["An", "Bích"]),
        hold(world.cell_a, date(2026, 2, 5), by=a, speakers=["An"], contributions=[("Bích", "agreement")]),
        hold(world.cell_b, date(2026, 1, 8), by=b, speakers=["Em", "Giang"]),
    ]


def pdf_pages(data: bytes, tmp_path) -> int:
    path = tmp_path / "pages.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def pdf_images(data: bytes, tmp_path) -> list[str]:
    path = tmp_path / "images.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdfimages", "-list", str(path)], check=True, capture_output=True, text=True).stdout
    return out.splitlines()[2:]  # after the two header lines


def get_pdf(client, org, query=None):
    response = client.get(reverse("reports:dashboard_pdf", args=[org.code]), query or Q1)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    return response


def test_the_committee_gets_its_page_with_figures_and_charts(client, world, meetings, tmp_path, poppler):
    client.force_login(world.committee_leader)
    response = get_pdf(client, world.commune)
    assert response["Content-Disposition"] == 'attachment; filename="tong-quan-chat-luong-38168-2026-01-2026-03.pdf"'
    text = pdftotext(response.content, tmp_path)
    assert pdf_pages(response.content, tmp_path) == 1
    stats = statistics.statistics(world.commune, Period((2026, 1), (2026, 3)))
    assert world.commune.name in text and "từ tháng 1/2026 đến tháng 3/2026" in text
    shown = percent(stats.totals.attendance_rate)  # as the dashboard prints it: "90,9%" (10 of 11)
    assert shown == "90,9%" and shown in text
    assert percent(stats.totals.share_attendance_ge_90) in text
    assert world.cell_a.name in text and world.cell_b.name in text  # the units table
    # The charts: their labels are text in the PDF (month ticks, legends, axis titles), drawn as vectors.
    assert "01/2026" in text and "03/2026" in text
    assert text.count("Tốt") >= 3  # the legend, the levels table, the units table's header
    assert "Số ý kiến" in text and "Tỷ lệ dự sinh hoạt (%)" in text and "So sánh các đơn vị trực thuộc" in text
    assert pdf_images(response.content, tmp_path) == []  # no raster: the charts are vector drawings
    assert f"{date.today():%d/%m/%Y}" in text  # the date of generation
    path = tmp_path / "fonts.pdf"
    path.write_bytes(response.content)
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    # Liberation Sans (every Vietnamese letter), embedded as subsets with a ToUnicode map.
    assert fonts and all("Liberation-Sans" in line and line.split()[-5:-2] == ["yes", "yes", "yes"] for line in fonts)


def test_a_cell_gets_its_meetings_and_no_units_chart(client, world, meetings, tmp_path, poppler):
    client.force_login(world.secretary_a)
    response = get_pdf(client, world.cell_a)
    text = pdftotext(response.content, tmp_path)
    assert pdf_pages(response.content, tmp_path) == 1
    assert world.cell_a.name in text and "05/01/2026" in text and "05/02/2026" in text
    assert "01/2026" in text and "So sánh các đơn vị trực thuộc" not in text


def test_a_period_without_meetings_says_so(client, world, tmp_path, poppler):
    client.force_login(world.committee_leader)
    response = get_pdf(client, world.commune)
    text = pdftotext(response.content, tmp_path)
    assert pdf_pages(response.content, tmp_path) == 1
    assert text.count("Không có số liệu") >= 3


def test_many_units_are_cut_to_the_first_rows_and_the_rest_counted(client, world, meetings, tmp_path, poppler):
    from chibo.organizations.models import OrganizationKind
    from chibo.organizations.services import organization_create

    for i in range(3, 33):
        organization_create(code=f"38.168.{i:03d}", name=f"Chi bộ Thôn Nà Lẹng có tên rất dài số {i}",
                            kind=OrganizationKind.GRASSROOTS_CELL, parent=world.commune, valid_from=date(2025, 7, 1))
    client.force_login(world.committee_leader)
    response = get_pdf(client, world.commune)
    text = pdftotext(response.content, tmp_path)
    assert pdf_pages(response.content, tmp_path) == 1
    assert "Còn 22 dòng không in ở đây" in text and ".xlsx" in text


def test_english_numbers_and_labels(client, world, meetings, tmp_path, poppler):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(world.committee_leader)
    text = pdftotext(get_pdf(client, world.commune).content, tmp_path)
    assert "90.9%" in text and "Good" in text
    with translation.override("vi"):
        assert "Không có số liệu" not in text


def test_out_of_scope_gets_404_and_a_bad_period_no_500(client, world):
    client.force_login(world.secretary_a)
    for org in (world.cell_b, world.commune):
        assert client.get(reverse("reports:dashboard_pdf", args=[org.code])).status_code == 404
    client.force_login(world.committee_leader)
    response = client.get(reverse("reports:dashboard_pdf", args=[world.commune.code]),
                          {"kind": "custom", "first": "13/2026", "last": "01/2026"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"  # this year so far


def test_the_dashboard_links_to_the_pdf(client, world):
    client.force_login(world.committee_leader)
    body = client.get(reverse("reports:dashboard", args=[world.commune.code]), Q1).content.decode()
    assert reverse("reports:dashboard_pdf", args=[world.commune.code]) + "?" in body
    assert "Tải PDF (có biểu đồ)" in body


def test_a_cells_meetings_beyond_the_page_are_counted_and_the_dashboard_named(client, world, tmp_path, poppler):
    for day in range(1, 23):
        hold(world.cell_a, date(2026, 1 + day % 3, day), by=world.secretary_a, kind="thematic")
    client.force_login(world.secretary_a)
    response = get_pdf(client, world.cell_a)
    text = pdftotext(response.content, tmp_path)
    assert pdf_pages(response.content, tmp_path) == 1
    assert "Còn 2 buổi sinh hoạt không in ở đây; trang số liệu trên chibo có đủ tất cả." in text
