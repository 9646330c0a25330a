"""The bulk writer stores what the meetings and quality services would: the same plans, played tap by tap
through the services, give the same rows (figures, votes, follow-ups, minutes, ratings and all)."""

import pytest

from chibo.demo.tests.conftest import seeded
from chibo.demo.tests.replay import features, fingerprint, replay, seeded_plans
from chibo.meetings.models import Meeting
from chibo.organizations.models import Organization

pytestmark = pytest.mark.django_db

MONTHS = "4"  # July–October 2026: three or four regular meetings a cell and a thematic one


@pytest.fixture(scope="module", autouse=True)
def commune(django_db_setup, django_db_blocker):
    with seeded(django_db_blocker, "--profile", "commune", "--seed", "1", "--history-months", MONTHS) as output:
        yield output


def _covering(plans: dict[str, list], skip: set[str]) -> list[str]:
    """Few cells that together exercise every service the history uses (greedy cover)."""
    wanted = set().union(*(features(p) for p in plans.values()))
    chosen: list[str] = []
    covered: set[str] = set()
    while covered != wanted:
        code = max((c for c in plans if c not in skip and c not in chosen),
                   key=lambda c: (len(features(plans[c]) - covered), c))
        if not features(plans[code]) - covered:
            break
        chosen.append(code)
        covered |= features(plans[code])
    return chosen


def test_the_services_store_the_same_rows_as_the_bulk_writer():
    codes = list(Organization.objects.cells().order_by("code").values_list("code", flat=True))
    plans = seeded_plans("commune", 1, int(MONTHS), codes)
    # bithu1's cell also has its next meeting planned (through the services already): leave it alone.
    chosen = _covering(plans, skip={"04.012.001"})
    covered = set().union(*(features(plans[c]) for c in chosen))
    assert {"regular", "thematic", "rating:self", "rating:superior", "vote:ordinary", "followup", "materials",
            "publish", "attendance:excused", "not_expected"} <= covered
    bulk = fingerprint(chosen)
    assert bulk["meetings"] and bulk["ratings"]
    Meeting.objects.filter(organization__code__in=chosen).delete()
    for code in chosen:
        replay(plans[code])
    through_services = fingerprint(chosen)
    for table, rows in bulk.items():
        assert through_services[table] == rows, table
