"""On the demo data (the commune profile, with months of meetings and ratings): quality_report equals a
recomputation from export_meetings, and the commune committee sees its figures and its weak cells."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from chibo.accounts.models import User
from chibo.demo.generator import REFERENCE_DATE
from chibo.demo.tests.conftest import seeded
from chibo.organizations.models import Organization
from chibo.quality import selectors as quality_selectors
from chibo.quality.tests.fixtures import reference_data  # noqa: F401  (autouse: the migrations' data)
from chibo.reports.statistics import Period
from chibo.reports.tests.test_quality_report import recompute

pytestmark = pytest.mark.django_db
MONTHS = 6


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with seeded(django_db_blocker, "--profile", "commune", "--seed", "1", "--history-months", str(MONTHS)) as out:
        yield out


def period() -> Period:
    year, month = REFERENCE_DATE.year, REFERENCE_DATE.month - 1
    first = (year, month - MONTHS + 1) if month > MONTHS else (year - 1, month - MONTHS + 13)
    return Period(first, (year, month))


def test_quality_report_equals_a_recomputation_from_export_meetings():
    commune = Organization.objects.get(code=User.objects.get(username="danguy").role_assignments.get().organization.code)
    args = ("--org", commune.code, "--from", period().from_code, "--to", period().to_code)
    out = StringIO()
    call_command("quality_report", *args, "--format", "json", stdout=out)
    report = json.loads(out.getvalue())
    out = StringIO()
    call_command("export_meetings", *args, stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert report["meetings"] == len(lines) > 100
    assert report["levels"]["unrated"]["count"] < report["meetings"]  # the demo rates its meetings
    assert report == recompute(lines, commune, period())


def test_the_commune_committee_sees_its_figures_and_the_cells_needing_support(client):
    danguy = User.objects.get(username="danguy")
    commune = danguy.role_assignments.get().organization
    client.force_login(danguy)
    query = {"kind": "custom", "first": period().from_code, "last": period().to_code}
    response = client.get(reverse("reports:dashboard", args=[commune.code]), query)
    assert response.status_code == 200
    assert len(response.context["stats"].by_child) >= 20
    flagged = quality_selectors.cells_needing_support(commune, period())
    assert flagged, "the demo has weak cells"
    page = client.get(reverse("quality:cells_needing_support", args=[commune.code]), query).content.decode()
    assert flagged[0].cell.name in page
