"""Congress terms (nhiệm kỳ): recorded in order, the previous one closed, corrected until numbers use them."""

import unicodedata
from datetime import date, timedelta

import pytest

from chibo.core.errors import RuleViolation
from chibo.core.models import AuditEvent
from chibo.meetings.models import DocumentKind, IssuedDocument
from chibo.meetings.services import meeting_plan
from chibo.organizations import selectors
from chibo.organizations.models import OrganizationKind, Term
from chibo.organizations.services import organization_create, term_correct, term_record


def record(org, name: str, day: date, note: str = "") -> Term:
    return term_record(organization=org, name=name, start_date=day, note=note, recorded_by=None)


def test_it_records_a_term_and_closes_the_open_previous_one(world):
    first = record(world.cell_a, "2022–2025", date(2022, 5, 10))
    second = record(world.cell_a, "2025–2027", date(2025, 5, 20), note="QĐ 15-QĐ/ĐU")
    first.refresh_from_db()
    assert first.end_date == date(2025, 5, 19) and second.end_date is None
    assert selectors.term_on(world.cell_a, date(2025, 5, 19)) == first
    assert selectors.term_on(world.cell_a, date(2025, 5, 20)) == second
    assert selectors.term_on(world.cell_a, date(2022, 5, 9)) is None
    assert selectors.term_on(world.cell_b, date(2025, 6, 1)) is None
    assert list(selectors.organization_terms(world.cell_a)) == [second, first]
    assert AuditEvent.objects.filter(action="term.record").count() == 2
    assert AuditEvent.objects.filter(action="term.close", object_id=first.pk).exists()


def test_committees_have_terms_and_party_groups_do_not(world):
    assert record(world.commune, "2025–2030", date(2025, 8, 15)).organization == world.commune
    group = organization_create(code="38.168.001.01", name="Tổ đảng số 1", kind=OrganizationKind.PARTY_GROUP,
                                parent=world.cell_a)
    with pytest.raises(RuleViolation, match="Chỉ chi bộ và đảng bộ"):
        record(group, "2025–2027", date(2025, 5, 20))


@pytest.mark.parametrize("day", [date(2025, 5, 20), date(2025, 1, 1), date(2023, 6, 1)])
def test_it_refuses_a_start_inside_or_before_a_recorded_term(world, day):
    record(world.cell_a, "2022–2025", date(2022, 5, 10))
    record(world.cell_a, "2025–2027", date(2025, 5, 20))
    with pytest.raises(RuleViolation) as error:
        record(world.cell_a, "mới", day)
    assert "start_date" in error.value.message_dict
    assert Term.objects.count() == 2


def test_it_refuses_a_start_on_or_before_the_end_of_a_closed_term(world):
    record(world.cell_a, "2020–2022", date(2020, 5, 1))
    record(world.cell_a, "2022–2025", date(2022, 5, 10))
    Term.objects.filter(name="2022–2025").update(end_date=date(2024, 12, 31))
    with pytest.raises(RuleViolation, match="31/12/2024"):
        record(world.cell_a, "2025–2027", date(2024, 12, 31))
    assert record(world.cell_a, "2025–2027", date(2025, 1, 1)).end_date is None


@pytest.mark.parametrize(("name", "field"), [("", "name"), ("   ", "name"), ("x" * 21, "name"), ("2022–2025", "name")])
def test_it_refuses_an_empty_long_or_duplicate_name(world, name, field):
    record(world.cell_a, "2022–2025", date(2022, 5, 10))
    with pytest.raises(RuleViolation) as error:
        record(world.cell_a, name, date(2025, 5, 20))
    assert field in error.value.message_dict


def test_the_same_name_is_fine_in_another_cell(world):
    record(world.cell_a, "2025–2027", date(2025, 5, 20))
    assert record(world.cell_b, "2025–2027", date(2025, 6, 2)).name == "2025–2027"


def test_it_refuses_a_congress_more_than_a_year_ahead(world):
    with pytest.raises(RuleViolation) as error:
        record(world.cell_a, "2028–2030", date.today() + timedelta(days=400))
    assert "start_date" in error.value.message_dict
    assert record(world.cell_a, "sắp tới", date.today() + timedelta(days=30)).pk


def test_it_stores_names_and_notes_in_nfc(world):
    decomposed = unicodedata.normalize("NFD", "Nhiệm kỳ  2025–2027 ")
    term = record(world.cell_a, decomposed, date(2025, 5, 20), note=unicodedata.normalize("NFD", " Quyết định chuẩn y "))
    assert term.name == "Nhiệm kỳ 2025–2027" and unicodedata.is_normalized("NFC", term.name)
    assert term.note == "Quyết định chuẩn y"


# --- corrections ---------------------------------------------------------------------------------

def test_a_correction_moves_the_previous_terms_end(world):
    first = record(world.cell_a, "2022–2025", date(2022, 5, 10))
    second = record(world.cell_a, "2025–2027", date(2025, 5, 20))
    term_correct(term=second, name="2025 – 2027", start_date=date(2025, 6, 3), note="QĐ 20", corrected_by=None)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.end_date == date(2025, 6, 2)
    assert (second.name, second.start_date, second.note, second.end_date) == ("2025 – 2027", date(2025, 6, 3), "QĐ 20",
                                                                             None)
    assert AuditEvent.objects.filter(action="term.correct", object_id=second.pk).exists()


def test_a_correction_stays_between_its_neighbours(world):
    first = record(world.cell_a, "2020–2022", date(2020, 5, 1))
    middle = record(world.cell_a, "2022–2025", date(2022, 5, 10))
    record(world.cell_a, "2025–2027", date(2025, 5, 20))
    for day in (date(2020, 5, 1), date(2019, 1, 1), date(2025, 5, 20), date(2026, 1, 1)):
        with pytest.raises(RuleViolation) as error:
            term_correct(term=middle, name=middle.name, start_date=day, corrected_by=None)
        assert "start_date" in error.value.message_dict
    with pytest.raises(RuleViolation):
        term_correct(term=middle, name="2020–2022", start_date=middle.start_date, corrected_by=None)
    term_correct(term=middle, name=middle.name, start_date=date(2022, 4, 1), corrected_by=None)
    first.refresh_from_db()
    middle.refresh_from_db()
    assert first.end_date == date(2022, 3, 31) and middle.end_date == date(2025, 5, 19)


def test_once_a_number_was_issued_in_the_term_only_its_note_changes(world):
    term = record(world.cell_a, "2025–2027", date(2025, 5, 20))
    meeting = meeting_plan(organization=world.cell_a, kind="regular", place="Nhà văn hóa",
                           planned_date=date.today() + timedelta(days=3), planned_by=None)
    IssuedDocument.objects.create(meeting=meeting, organization=world.cell_a, kind=DocumentKind.RESOLUTION, number=1,
                                  doc_type="NQ", issuer_code="CB", term="2025–2027", issued_on=date(2025, 9, 4),
                                  issued_at="2025-09-04T10:00:00+07:00")
    for name, day in (("2025–2028", term.start_date), (term.name, date(2025, 5, 21))):
        with pytest.raises(RuleViolation, match="chỉ sửa được ghi chú"):
            term_correct(term=term, name=name, start_date=day, corrected_by=None)
    assert term_correct(term=term, name=term.name, start_date=term.start_date, note="QĐ 15",
                        corrected_by=None).note == "QĐ 15"
    assert Term.objects.get(pk=term.pk).name == "2025–2027"
