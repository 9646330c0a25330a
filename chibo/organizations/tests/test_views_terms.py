"""The congress terms on an organization's page and their forms, for users in and out of scope."""

from datetime import date

import pytest
from django.urls import reverse

from chibo.organizations.models import OrganizationKind, Term
from chibo.organizations.services import organization_create, term_record


def detail(org) -> str:
    return reverse("organizations:organization_detail", args=[org.code])


def create(org) -> str:
    return reverse("organizations:term_create", args=[org.code])


def edit(term) -> str:
    return reverse("organizations:term_edit", args=[term.pk])


@pytest.fixture
def term(world):
    term_record(organization=world.cell_a, name="2022–2025", start_date=date(2022, 5, 10))
    return term_record(organization=world.cell_a, name="2025–2027", start_date=date(2025, 5, 20),
                       note="Quyết định số 15-QĐ/ĐU")


def test_it_lists_the_terms_with_buttons_for_the_secretary(client, world, term):
    client.force_login(world.secretary_a)
    html = client.get(detail(world.cell_a)).content.decode()
    assert "Nhiệm kỳ" in html and "2025–2027" in html and "từ 20/05/2025" in html
    assert "10/05/2022 – 19/05/2025" in html and "Quyết định số 15-QĐ/ĐU" in html
    assert create(world.cell_a) in html and edit(term) in html and "Ghi nhiệm kỳ mới" in html


@pytest.mark.parametrize("who", ["committee_leader", "member_a"])
def test_readers_see_the_terms_without_buttons(client, world, term, who):
    client.force_login(getattr(world, who))
    html = client.get(detail(world.cell_a)).content.decode()
    assert "2025–2027" in html
    assert create(world.cell_a) not in html and edit(term) not in html
    assert client.get(create(world.cell_a)).status_code == 404
    assert client.get(edit(term)).status_code == 404


def test_committee_staff_record_terms_in_their_subtree(client, world, term):
    client.force_login(world.committee_staff)
    assert create(world.cell_a) in client.get(detail(world.cell_a)).content.decode()
    response = client.post(create(world.commune), {"name": "2025–2030", "start_date": "15/08/2025", "note": ""})
    assert response.status_code == 302 and response["Location"] == detail(world.commune)
    assert Term.objects.get(organization=world.commune).start_date == date(2025, 8, 15)


def test_another_cells_secretary_gets_404(client, world, term):
    client.force_login(world.secretary_b)
    assert client.get(create(world.cell_a)).status_code == 404
    assert client.get(edit(term)).status_code == 404
    assert client.post(edit(term), {"name": "x", "start_date": "01/06/2025"}).status_code == 404
    assert Term.objects.get(pk=term.pk).name == "2025–2027"


def test_the_secretary_records_a_new_term_and_the_previous_one_closes(client, world, term):
    client.force_login(world.secretary_a)
    response = client.post(create(world.cell_a), {"name": " 2027–2030 ", "start_date": "02/06/2026",
                                                  "note": "QĐ 30-QĐ/ĐU"})
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.end_date == date(2026, 6, 1)
    assert Term.objects.get(organization=world.cell_a, end_date__isnull=True).name == "2027–2030"


@pytest.mark.parametrize(("data", "field"), [
    ({"name": "2027–2030", "start_date": "31/02/2026"}, "start_date"),
    ({"name": "2027–2030", "start_date": "2026/06/02"}, "start_date"),
    ({"name": "2027–2030", "start_date": ""}, "start_date"),
    ({"name": "", "start_date": "02/06/2026"}, "name"),
    ({"name": "2027–2030", "start_date": "01/01/2024"}, "start_date"),  # inside a recorded term
    ({"name": "2022–2025", "start_date": "02/06/2026"}, "name"),  # the name is taken
    ({"name": "2027–2030", "start_date": "02/06/2099"}, "start_date"),  # far in the future
])
def test_bad_input_is_a_400_with_the_field_error(client, world, term, data, field):
    client.force_login(world.secretary_a)
    response = client.post(create(world.cell_a), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Term.objects.filter(organization=world.cell_a).count() == 2


def test_the_secretary_corrects_a_term(client, world, term):
    client.force_login(world.secretary_a)
    page = client.get(edit(term))
    assert page.status_code == 200 and 'value="20/05/2025"' in page.content.decode()
    response = client.post(edit(term), {"name": "2025–2027", "start_date": "21/05/2025", "note": "QĐ 16"})
    assert response.status_code == 302
    assert Term.objects.get(pk=term.pk).start_date == date(2025, 5, 21)
    assert Term.objects.get(name="2022–2025").end_date == date(2025, 5, 20)
    bad = client.post(edit(term), {"name": "2025–2027", "start_date": "09/05/2022"})
    assert bad.status_code == 400 and "start_date" in bad.context["form"].errors


def test_a_party_group_has_no_terms(client, world):
    group = organization_create(code="38.168.001.01", name="Tổ đảng số 1", kind=OrganizationKind.PARTY_GROUP,
                                parent=world.cell_a)
    client.force_login(world.committee_staff)
    assert client.get(create(group)).status_code == 404
    assert "Ghi nhiệm kỳ mới" not in client.get(detail(group)).content.decode()
