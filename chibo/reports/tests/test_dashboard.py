"""The dashboard: in and out of scope, figures as people read them, drill-down, periods, .xlsx, pinned queries."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from chibo.quality import services as quality
from chibo.quality.tests.builders import hold
from chibo.quality.tests.fixtures import reference_data  # noqa: F401  (autouse: the migrations' data)
from chibo.quality.tests.test_services import full_marks
from chibo.reports.forms_dashboard import PeriodForm, parse_month_text

pytestmark = pytest.mark.django_db
Q1 = {"kind": "custom", "first": "01/2026", "last": "03/2026"}


@pytest.fixture
def meetings(world):
    a, b = world.secretary_a, world.secretary_b
    rows = [
        hold(world.cell_a, date(2026, 1, 5), by=a, statuses={"Dung": "excused"}, speakers=["An", "Bích"]),
        hold(world.cell_a, date(2026, 2, 5), by=a, speakers=["An"], contributions=[("Bích", "agreement")]),
        hold(world.cell_b, date(2026, 1, 8), by=b, speakers=["Em", "Giang"]),
    ]
    quality.meeting_rate(meeting=rows[0], rater=a, rater_kind="self", manual=full_marks(rows[0]))
    return rows


def test_the_committee_leader_sees_the_subtree_figures(client, world, meetings):
    client.force_login(world.committee_leader)
    response = client.get(reverse("reports:dashboard", args=[world.commune.code]), Q1)
    body = response.content.decode()
    assert response.status_code == 200
    assert "90,9%" in body  # attendance 10 of 11
    assert "66,7%" in body  # two of three meetings with at least 90% present
    assert "từ tháng 1/2026 đến tháng 3/2026" in body
    assert reverse("reports:dashboard", args=[world.cell_a.code]) in body  # drill-down to the cell
    assert 'id="dashboard-data"' in body and "chart-4.6.1.umd.min.js" in body
    assert response.context["charts"]["months"] == ["01/2026", "02/2026", "03/2026"]
    assert response.context["charts"]["levels"][1]["data"] == [1, 0, 0]  # Khá: 75% present fails the Tốt gate


def test_a_cell_lists_its_meetings_with_links_to_the_meeting_and_its_ratings(client, world, meetings):
    client.force_login(world.committee_leader)
    body = client.get(reverse("reports:dashboard", args=[world.cell_a.code]), Q1).content.decode()
    assert reverse("meetings:meeting_detail", args=[meetings[0].pk]) in body
    assert reverse("quality:meeting_ratings", args=[meetings[0].pk]) in body
    assert "Khá" in body and "Chưa đánh giá" in body


def test_a_secretary_sees_their_cell_and_not_the_other_or_the_commune(client, world, meetings):
    client.force_login(world.secretary_a)
    assert client.get(reverse("reports:dashboard", args=[world.cell_a.code])).status_code == 200
    for code in (world.cell_b.code, world.commune.code):
        assert client.get(reverse("reports:dashboard", args=[code])).status_code == 404
        assert client.get(reverse("reports:dashboard_xlsx", args=[code])).status_code == 404


def test_plain_members_and_outsiders_get_404(client, world):
    for user in (world.member_a, world.outsider):
        client.force_login(user)
        assert client.get(reverse("reports:dashboard", args=[world.cell_a.code])).status_code == 404


def test_the_dashboard_exports_xlsx(client, world, meetings):
    client.force_login(world.committee_leader)
    response = client.get(reverse("reports:dashboard_xlsx", args=[world.commune.code]), Q1)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="chat-luong-38168-2026-01-2026-03.xlsx"'
    book = load_workbook(BytesIO(response.content))
    rows = {r[0]: r[1] for r in book.worksheets[0].iter_rows(values_only=True) if r and r[0]}
    assert rows["Tỷ lệ đảng viên dự sinh hoạt"] == "90,9%"


def test_a_bad_period_is_explained_and_never_a_500(client, world):
    client.force_login(world.committee_leader)
    response = client.get(reverse("reports:dashboard", args=[world.commune.code]),
                          {"kind": "custom", "first": "13/2026", "last": "01/2026"})
    assert response.status_code == 400
    assert "Nhập tháng theo dạng tháng/năm" in response.content.decode()


def test_the_query_count_does_not_grow_with_meetings(client, world, meetings, django_assert_max_num_queries):
    client.force_login(world.committee_leader)
    url = reverse("reports:dashboard", args=[world.commune.code])
    client.get(url, Q1)  # warm the session and the content types
    with django_assert_max_num_queries(12) as few:
        client.get(url, Q1)
    for month in (1, 2, 3):
        hold(world.cell_b, date(2026, month, 20), by=world.secretary_b, kind="thematic")
    with django_assert_max_num_queries(12) as more:
        client.get(url, Q1)
    assert len(few.captured_queries) == len(more.captured_queries)
    cell = reverse("reports:dashboard", args=[world.cell_a.code])
    with django_assert_max_num_queries(12):
        client.get(cell, Q1)


@pytest.mark.parametrize(("data", "expected"), [
    ({"kind": "month", "year": 2026, "month": 3}, ((2026, 3), (2026, 3))),
    ({"kind": "quarter", "year": 2026, "quarter": 1}, ((2026, 1), (2026, 3))),
    ({"kind": "quarter", "year": 2026, "quarter": 2}, ((2026, 4), (2026, 5))),
    ({"kind": "year", "year": 2025}, ((2025, 1), (2025, 12))),
    ({"kind": "year", "year": 2026}, ((2026, 1), (2026, 5))),  # never past the current month
    ({"kind": "custom", "first": "11/2025", "last": "2026-02"}, ((2025, 11), (2026, 2))),
])
def test_periods(data, expected):
    form = PeriodForm(data, today=date(2026, 5, 20))
    period = form.period()
    assert (period.first, period.last) == expected


def test_a_period_that_has_not_started_is_refused():
    form = PeriodForm({"kind": "year", "year": 2027}, today=date(2026, 5, 20))
    assert not form.is_valid()
    assert form.period().first == (2026, 1)


def test_month_text():
    assert parse_month_text("3/2026") == (2026, 3)
    assert parse_month_text(" 2026-03 ") == (2026, 3)
    with pytest.raises(ValueError):
        parse_month_text("2026/03")


def test_the_report_to_the_superior_in_the_partys_format(client, world, meetings):
    import zipfile

    client.force_login(world.committee_leader)
    response = client.get(reverse("reports:dashboard_report_docx", args=[world.commune.code]), Q1)
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    with zipfile.ZipFile(BytesIO(response.content)) as docx:
        text = docx.read("word/document.xml").decode()
    assert "BÁO CÁO" in text and "quý 1 năm 2026" in text
    assert "ĐẢNG ỦY PHƯỜNG ĐÔNG TIẾN" in text and "90,9%" in text
    assert world.cell_a.name in text  # a unit's row


def test_the_report_as_pdf(client, world, meetings, tmp_path):
    import shutil
    import subprocess

    client.force_login(world.committee_leader)
    response = client.get(reverse("reports:dashboard_report_pdf", args=[world.cell_a.code]), Q1)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        path = tmp_path / "bao-cao.pdf"
        path.write_bytes(response.content)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert "BÁO CÁO" in text and "T/M CHI BỘ" in text


def test_a_secretary_cannot_get_the_communes_report(client, world):
    client.force_login(world.secretary_a)
    for name in ("reports:dashboard_report_docx", "reports:dashboard_report_pdf"):
        assert client.get(reverse(name, args=[world.commune.code])).status_code == 404


def test_a_period_that_runs_into_this_month_says_the_month_is_not_over(client, world, meetings):
    from django.utils import timezone

    client.force_login(world.committee_leader)
    url = reverse("reports:dashboard", args=[world.commune.code])
    today = timezone.localdate()
    body = client.get(url, {"kind": "month", "year": today.year, "month": today.month}).content.decode()
    assert f"kể cả tháng {today.month}/{today.year} chưa kết thúc" in body
    assert "chưa kết thúc" not in client.get(url, Q1).content.decode()  # January–March 2026 are over
