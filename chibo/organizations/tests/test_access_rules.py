from datetime import date

import pytest
from django.http import Http404

from chibo.accounts.access import access_member, can_write_member
from chibo.core.errors import RuleViolation
from chibo.organizations.services import member_attach_temporarily, position_assign


def test_a_host_cell_sees_but_cannot_change_a_temporarily_attached_member(world):
    guest = world.a_members[2]
    member_attach_temporarily(member=guest, to=world.cell_b, start_date=date(2026, 3, 1))
    assert access_member(world.secretary_b, guest.pk).pk == guest.pk
    assert not can_write_member(world.secretary_b, guest)
    with pytest.raises(Http404):
        access_member(world.secretary_b, guest.pk, for_write=True)
    assert access_member(world.secretary_a, guest.pk, for_write=True).pk == guest.pk


def test_a_new_secretary_cannot_start_before_the_current_one(world):
    position_assign(member=world.a_members[0], organization=world.cell_a, title="secretary",
                    start_date=date(2025, 7, 1))
    with pytest.raises(RuleViolation):
        position_assign(member=world.a_members[1], organization=world.cell_a, title="secretary",
                        start_date=date(2025, 6, 1))
    newer = position_assign(member=world.a_members[1], organization=world.cell_a, title="secretary",
                            start_date=date(2026, 1, 1))
    first = world.a_members[0].positions.get(title="secretary")
    assert first.end_date == date(2025, 12, 31)
    assert newer.end_date is None
