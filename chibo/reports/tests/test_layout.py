"""The layout JSON validator and the spelling of numbers and date lines."""

import copy
from datetime import date

import pytest

from chibo.reports.documents.layout import Layout, LayoutError
from chibo.reports.tests.conftest import LOADER, hd36


@pytest.mark.parametrize(("day", "expected"), [
    (date(2026, 3, 3), "Đông Tiến, ngày 03 tháng 3 năm 2026"),
    (date(2026, 2, 5), "Đông Tiến, ngày 05 tháng 02 năm 2026"),
    (date(2026, 1, 10), "Đông Tiến, ngày 10 tháng 01 năm 2026"),
    (date(2026, 12, 25), "Đông Tiến, ngày 25 tháng 12 năm 2026"),
    (date(2026, 9, 9), "Đông Tiến, ngày 09 tháng 9 năm 2026"),
])
def test_it_pads_days_below_10_and_months_1_and_2(day, expected):
    assert hd36().date_text("Đông Tiến", day) == expected


@pytest.mark.parametrize(("n", "expected"), [(5, "Số 05-NQ/CB"), (12, "Số 12-NQ/CB"), (105, "Số 105-NQ/CB")])
def test_it_spells_the_number_from_the_pattern(n, expected):
    assert hd36().number_text(n, "NQ", "CB") == expected


def test_it_reads_the_hd36_figures():
    layout = hd36()
    assert (layout.paper, layout.page_width_mm, layout.page_height_mm) == ("A4", 210, 297)
    assert (layout.margins.top, layout.margins.bottom, layout.margins.left, layout.margins.right) == (20, 20, 30, 15)
    assert layout.font_family == "Times New Roman"
    assert layout.size("party_name") == 15 and layout.size("body") == 14 and layout.size("recipients") == 12
    assert layout.text_width_mm == 165


def test_it_lists_every_problem_at_once():
    data = copy.deepcopy(LOADER.HD36_LAYOUT)
    data["margins_mm"]["left"] = 40  # HD 36 allows 30–35
    del data["sizes_pt"]["title"]
    data["numbering"]["pattern"] = "Số {n:02d}/{year}"
    data["paragraph"]["line_spacing_rule"] = "double"
    with pytest.raises(LayoutError) as caught:
        Layout.from_dict(data)
    problems = " | ".join(caught.value.problems)
    assert "margins_mm.left: 40.0 mm is outside 30.0–35.0 mm" in problems
    assert "sizes_pt.title: missing" in problems
    assert "numbering.pattern" in problems
    assert "line_spacing_rule" in problems


@pytest.mark.parametrize("bad", [True, "14", None, 2])
def test_it_rejects_sizes_that_are_not_points(bad):
    data = copy.deepcopy(LOADER.HD36_LAYOUT)
    data["sizes_pt"]["body"] = bad
    with pytest.raises(LayoutError):
        Layout.from_dict(data)


def test_it_rejects_a_pattern_with_unknown_fields_or_bad_syntax():
    for pattern in ("Số {n:02d}-{type}/{issuer}/{secret}", "Số {n:02d", "{0}-{type}", "Số {n:q}-{type}"):
        data = copy.deepcopy(LOADER.HD36_LAYOUT)
        data["numbering"]["pattern"] = pattern
        with pytest.raises(LayoutError):
            Layout.from_dict(data)
