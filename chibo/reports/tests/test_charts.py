"""The dashboard's charts drawn on the server: labels kept as text, numbers as the dashboard prints them,
and a period without meetings says so instead of failing."""

import pytest
from django.utils import translation

from chibo.reports.documents.charts import dashboard_charts, percent_text

LEVELS = [("tot", "Tốt"), ("kha", "Khá"), ("trung_binh", "Trung bình"), ("kem", "Kém"), ("unrated", "Chưa đánh giá")]
KINDS = ["Báo cáo kết quả công tác", "Phản ánh vấn đề bức xúc", "Thống nhất với dự thảo",
         "Đề xuất phương hướng, giải pháp", "Phê bình, tự phê bình", "Hỏi, đề nghị giải đáp", "Ý kiến khác"]
SERIES = {"attendance": "Tỷ lệ dự (%)", "over_half": "Buổi trên nửa phát biểu (%)", "tot": "Buổi xếp loại Tốt (%)"}


def data(months=3, units=2, meetings=True):
    """What views_dashboard.chart_data() gives, for `months` months and `units` units."""
    labels = [f"{m:02d}/2026" for m in range(1, months + 1)]
    per_month = [4 if meetings else 0] * months
    return {
        "locale": "vi", "months": labels,
        "levels": [{"key": key, "label": label, "data": per_month} for key, label in LEVELS],
        "trends": [{"label": "Tỷ lệ dự sinh hoạt (%)", "data": [57.3 if meetings else None] * months},
                   {"label": "Tỷ lệ đảng viên dự họp phát biểu (%)", "data": [40.0 if meetings else None] * months},
                   {"label": "Tỷ lệ buổi có trên một nửa phát biểu (%)", "data": [None] * months}],
        "kinds": {"labels": KINDS, "data": [3, 0, 5, 2, 0, 0, 0] if meetings else [0] * 7},
        "units": {"labels": [f"Chi bộ Thôn {i}" for i in range(units)],
                  "attendance": [90.9 if meetings else None] * units, "over_half": [50.0 if meetings else None] * units,
                  "tot": [25.0 if meetings else None] * units},
        "series": SERIES,
    }


@pytest.fixture(autouse=True)
def vietnamese():
    """Labels and numbers as a Vietnamese reader gets them, whatever an earlier test left active."""
    with translation.override("vi"):
        yield


def by_key(charts):
    return {chart.key: chart for chart in charts}


def test_each_chart_is_svg_with_its_labels_as_text():
    charts = by_key(dashboard_charts(data()))
    assert list(charts) == ["levels", "trends", "kinds", "units"]
    levels = charts["levels"].svg
    assert levels.startswith("<svg") and "<text" in levels
    assert "01/2026" in levels and "Tốt" in levels and "Chưa đánh giá" in levels
    assert "57,3%" in charts["trends"].svg  # the latest value, with the decimal comma
    assert "100%" in charts["trends"].svg and "Tỷ lệ dự sinh hoạt (%)" in charts["trends"].svg
    assert "Đề xuất phương hướng, giải pháp" in charts["kinds"].svg and "5 (50,0%)" in charts["kinds"].svg
    assert "Chi bộ Thôn 1" in charts["units"].svg and "Buổi xếp loại Tốt (%)" in charts["units"].svg
    assert not any(chart.empty for chart in charts.values())


def test_the_same_figures_draw_the_same_file():
    assert [c.svg for c in dashboard_charts(data())] == [c.svg for c in dashboard_charts(data())]


def test_numbers_follow_the_language_as_on_the_dashboard():
    assert percent_text(57.3) == "57,3%" and percent_text(60, 0) == "60%"
    with translation.override("en"):
        assert percent_text(57.3) == "57.3%"
        assert "57.3%" in by_key(dashboard_charts(data()))["trends"].svg


def test_a_cell_has_no_units_chart():
    assert [chart.key for chart in dashboard_charts(data(units=0))] == ["levels", "trends", "kinds"]


@pytest.mark.parametrize("months", [1, 12])
def test_a_period_without_meetings_gives_charts_that_say_so(months):
    charts = dashboard_charts(data(months=months, meetings=False))
    assert [chart.empty for chart in charts] == [True] * 4
    assert all("Không có số liệu" in chart.svg for chart in charts)


def test_a_year_labels_every_other_month_level_so_labels_never_overlap():
    levels = by_key(dashboard_charts(data(months=12)))["levels"].svg
    assert "01/2026" in levels and "03/2026" in levels and "02/2026" not in levels
    assert "rotate(-45)" not in levels and "rotate(45)" not in levels  # horizontal: pdftotext reads them whole


def test_more_units_than_the_chart_holds_are_cut_and_said():
    charts = by_key(dashboard_charts(data(units=50)))
    assert "Chi bộ Thôn 35" in charts["units"].svg and "Chi bộ Thôn 36" not in charts["units"].svg
    assert charts["units"].title.endswith(": 36 đơn vị đầu tiên trong 50")
