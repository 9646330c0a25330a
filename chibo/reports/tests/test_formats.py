"""The format versions loaded by the data migration, format_for by date, and validation in the admin."""

import copy
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from chibo.core.errors import RuleViolation
from chibo.reports.models import DocumentFormat
from chibo.reports.selectors import format_for, layout_for
from chibo.reports.tests.conftest import LOADER

pytestmark = pytest.mark.django_db


def test_the_migration_loads_hd36_in_force_and_hd05_switched_off():
    hd36 = DocumentFormat.objects.get(code="HD 36-HD/VPTW")
    hd05 = DocumentFormat.objects.get(code="HD 05-HD/VPTW")
    assert (hd36.issued_on, hd36.effective_from, hd36.effective_to) == (date(2018, 4, 3), date(2018, 4, 3), None)
    assert (hd36.status, hd36.is_enabled) == ("confirmed", True)
    assert (hd05.issued_on, hd05.status, hd05.is_enabled) == (date(2026, 5, 27), "reported", False)
    assert hd36.layout == LOADER.HD36_LAYOUT
    for row in (hd36, hd05):
        row.full_clean()  # both layouts pass the validator
    assert hd05.spec().line_spacing_rule == "exact" and hd05.spec().line_spacing == 19


@pytest.mark.parametrize("day", [date(2018, 4, 3), date(2026, 3, 3), date(2026, 12, 1)])
def test_format_for_picks_hd36_while_hd05_is_off(day):
    assert format_for(day).code == "HD 36-HD/VPTW"


def test_format_for_picks_hd05_from_its_date_once_switched_on():
    DocumentFormat.objects.filter(code="HD 05-HD/VPTW").update(is_enabled=True)
    assert format_for(date(2026, 5, 26)).code == "HD 36-HD/VPTW"
    assert format_for(date(2026, 5, 27)).code == "HD 05-HD/VPTW"
    assert layout_for(date(2026, 6, 1)).code == "HD 05-HD/VPTW"


def test_format_for_respects_an_end_date_and_refuses_a_day_before_any_version():
    DocumentFormat.objects.filter(code="HD 36-HD/VPTW").update(effective_to=date(2025, 12, 31))
    assert format_for(date(2025, 12, 31)).code == "HD 36-HD/VPTW"
    with pytest.raises(RuleViolation):
        format_for(date(2026, 1, 1))
    with pytest.raises(RuleViolation):
        format_for(date(2018, 4, 2))


def test_clean_reports_layout_problems_as_a_form_error():
    fmt = DocumentFormat.objects.get(code="HD 36-HD/VPTW")
    fmt.layout = copy.deepcopy(fmt.layout)
    fmt.layout["margins_mm"]["right"] = 10
    fmt.effective_to = date(2018, 1, 1)
    with pytest.raises(ValidationError) as caught:
        fmt.full_clean()
    assert "margins_mm.right: 10.0 mm is outside 15.0–20.0 mm" in caught.value.message_dict["layout"]
    assert "effective_to" in caught.value.message_dict


def test_the_admin_lists_and_opens_the_versions(client, world):
    client.force_login(world.admin)
    assert client.get("/admin/reports/documentformat/").status_code == 200
    fmt = DocumentFormat.objects.get(code="HD 36-HD/VPTW")
    page = client.get(f"/admin/reports/documentformat/{fmt.pk}/change/")
    assert page.status_code == 200 and "Times New Roman" in page.content.decode()
    assert client.get("/admin/reports/documentnumber/").status_code == 200
