"""Document numbers: from 1 per issuer, type and term; restart in a new term; never shared."""

import threading

import pytest
from django.db import connection, connections

from chibo.core.errors import RuleViolation
from chibo.core.models import AuditEvent
from chibo.reports.models import DocumentNumber
from chibo.reports.services import document_number_next
from chibo.reports.tests.conftest import hd36


def issue(org, doc_type="NQ", term="2025-2030", **extra):
    return document_number_next(organization=org, doc_type=doc_type, term=term, **extra)


@pytest.mark.django_db
def test_it_counts_per_type_and_restarts_for_a_new_term(world):
    cell = world.cell_a
    assert [issue(cell).n for _ in range(3)] == [1, 2, 3]
    assert issue(cell, "BB").n == 1
    assert issue(cell).n == 4
    assert issue(cell, term="2030-2035").n == 1
    assert issue(cell).n == 5
    assert issue(world.cell_b).n == 1  # another cell has its own register
    assert issue(world.commune, issuer_code="ĐU").n == 1


@pytest.mark.django_db
def test_the_number_is_spelled_by_the_format(world):
    for _ in range(4):
        issue(world.cell_a)
    number = issue(world.cell_a)
    assert hd36().number_text(number.n, number.doc_type, number.issuer) == "Số 05-NQ/CB"


@pytest.mark.django_db
def test_it_continues_from_numbers_issued_on_paper(world):
    DocumentNumber.objects.create(organization=world.cell_a, issuer_code="CB", doc_type="NQ", term="2025-2030",
                                  last_number=7)
    assert issue(world.cell_a).n == 8


@pytest.mark.django_db
def test_it_audits_each_number(world):
    issue(world.cell_a, issued_by=world.secretary_a)
    event = AuditEvent.objects.get(action="document_number.issue")
    assert event.actor == world.secretary_a and event.summary == "01-NQ/CB (2025-2030)"


@pytest.mark.django_db
@pytest.mark.parametrize(("doc_type", "term", "issuer"), [
    ("", "2025-2030", "CB"), ("NQ 1", "2025-2030", "CB"), ("NQ", "", "CB"), ("NQ", "x" * 21, "CB"), ("NQ", "2025", "C/B"),
])
def test_it_refuses_malformed_codes_and_terms(world, doc_type, term, issuer):
    with pytest.raises(RuleViolation):
        issue(world.cell_a, doc_type, term, issuer_code=issuer)
    assert not DocumentNumber.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_resolutions_issued_at_once_get_different_numbers(world) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writers by itself")
    issue(world.cell_a)  # the counter row exists; the race is on the row lock
    barrier = threading.Barrier(4)
    results: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            results.append(issue(world.cell_a).n)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(results) == [2, 3, 4, 5]


@pytest.mark.django_db(transaction=True)
def test_two_first_numbers_of_a_new_register_at_once_differ(world) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    barrier = threading.Barrier(3)
    results: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            results.append(issue(world.cell_a, "BB").n)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(results) == [1, 2, 3]
