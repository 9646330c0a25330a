"""The member services behind the member screens: each rule, and the audit row each write leaves."""

from datetime import UTC, date

import pytest

from chibo.core.errors import RuleViolation
from chibo.core.models import AuditEvent
from chibo.core.testing import make_member
from chibo.organizations import selectors, services
from chibo.organizations.models import Membership, MembershipKind, OrganizationKind, Position

pytestmark = pytest.mark.django_db


def audited(action, member, actor):
    return AuditEvent.objects.filter(action=action, object_type="organizations.member", object_id=member.pk,
                                     actor=actor)


def open_memberships(member):
    return list(Membership.objects.filter(member=member, end_date__isnull=True).order_by("kind"))


# --- create and update ---------------------------------------------------------------------------

def test_it_refuses_a_card_number_already_used(world):
    with pytest.raises(RuleViolation) as error:
        make_member(world.cell_a, "Ngô Văn Khánh", "02000001")
    assert "card_number" in error.value.error_dict


def test_it_refuses_to_put_a_member_in_a_committee(world):
    with pytest.raises(RuleViolation):
        make_member(world.commune, "Ngô Văn Khánh", "09000001")


def test_it_audits_only_the_fields_that_changed(world):
    bich = world.a_members[1]
    services.member_update(member=bich, data={"phone": "0912 000 111", "ethnicity": "Kinh"},
                           updated_by=world.secretary_a)
    event = audited("member.update", bich, world.secretary_a).get()
    assert event.changes == {"phone": ["", "0912 000 111"]}
    services.member_update(member=bich, data={"phone": "0912 000 111"}, updated_by=world.secretary_a)
    assert audited("member.update", bich, world.secretary_a).count() == 1  # nothing changed, nothing written


# --- transfer ------------------------------------------------------------------------------------

def test_transfer_closes_the_old_membership_and_its_positions(world):
    cuong = world.a_members[2]
    services.position_assign(member=cuong, organization=world.cell_a, title="committee_member",
                             start_date=date(2024, 1, 1))
    services.member_transfer(member=cuong, to=world.cell_b, effective_date=date(2026, 10, 1),
                             transferred_by=world.committee_staff, note="GGT 12")
    old = Membership.objects.get(member=cuong, organization=world.cell_a)
    assert old.end_date == date(2026, 9, 30) and old.end_reason == Membership.EndReason.TRANSFER
    [new] = open_memberships(cuong)
    assert new.organization == world.cell_b and new.start_date == date(2026, 10, 1) and new.note == "GGT 12"
    assert Position.objects.get(member=cuong).end_date == date(2026, 9, 30)
    assert cuong in selectors.cell_roster(world.cell_b) and cuong not in selectors.cell_roster(world.cell_a)
    assert audited("member.transfer", cuong, world.committee_staff).exists()


def test_transfer_refuses_what_the_rules_forbid(world):
    cuong = world.a_members[2]
    party_group = services.organization_create(code="38.168.002.01", name="Tổ đảng 1", kind="party_group",
                                               parent=world.cell_b)
    cases = [
        (world.cell_a, date(2026, 10, 1)),  # the cell it is already in
        (world.commune, date(2026, 10, 1)),  # not a cell
        (party_group, date(2026, 10, 1)),  # not a cell either
        (world.cell_b, date(2020, 1, 1)),  # not after the current membership began
    ]
    for target, day in cases:
        with pytest.raises(RuleViolation):
            services.member_transfer(member=cuong, to=target, effective_date=day)
    world.cell_b.valid_to = date(2026, 8, 31)  # merged away or dissolved
    world.cell_b.save(update_fields=["valid_to"])
    with pytest.raises(RuleViolation):  # a closed cell
        services.member_transfer(member=cuong, to=world.cell_b, effective_date=date(2026, 10, 1))
    assert not AuditEvent.objects.filter(action="member.transfer").exists()


def test_an_exited_member_cannot_be_transferred(world):
    dung = world.a_members[3]
    services.member_exit(member=dung, kind="resigned", exit_date=date(2026, 6, 1))
    with pytest.raises(RuleViolation):
        services.member_transfer(member=dung, to=world.cell_b, effective_date=date(2026, 10, 1))


# --- temporary attachment ------------------------------------------------------------------------

def test_attachment_adds_a_temporary_membership_and_ends_with_a_reason(world):
    cuong = world.a_members[2]
    attachment = services.member_attach_temporarily(member=cuong, to=world.cell_b, start_date=date(2026, 6, 1),
                                                    end_date=date(2026, 12, 31), attached_by=world.committee_staff)
    assert attachment.kind == MembershipKind.TEMPORARY and attachment.planned_end_date == date(2026, 12, 31)
    assert [m.kind for m in open_memberships(cuong)] == ["regular", "temporary"]
    assert list(selectors.roster_filter(selectors.cell_roster(world.cell_b), attached=True)) == [cuong]
    assert audited("member.attach", cuong, world.committee_staff).exists()

    services.attachment_end(attachment=attachment, end_date=date(2026, 11, 15), ended_by=world.secretary_a)
    attachment.refresh_from_db()
    assert attachment.end_date == date(2026, 11, 15)
    assert attachment.end_reason == Membership.EndReason.ATTACHMENT_ENDED
    assert cuong not in selectors.cell_roster(world.cell_b)
    assert audited("member.attachment_end", cuong, world.secretary_a).exists()
    with pytest.raises(RuleViolation):  # already ended
        services.attachment_end(attachment=attachment, end_date=date(2026, 11, 20))


def test_attachment_refuses_what_the_rules_forbid(world):
    cuong = world.a_members[2]
    with pytest.raises(RuleViolation):  # its own cell
        services.member_attach_temporarily(member=cuong, to=world.cell_a, start_date=date(2026, 6, 1))
    with pytest.raises(RuleViolation):  # not a cell
        services.member_attach_temporarily(member=cuong, to=world.commune, start_date=date(2026, 6, 1))
    with pytest.raises(RuleViolation):  # planned end before the start
        services.member_attach_temporarily(member=cuong, to=world.cell_b, start_date=date(2026, 6, 1),
                                           end_date=date(2026, 5, 1))
    attachment = services.member_attach_temporarily(member=cuong, to=world.cell_b, start_date=date(2026, 6, 1))
    other = services.organization_create(code="38.168.003", name="Chi bộ Khu phố 3",
                                         kind=OrganizationKind.GRASSROOTS_CELL, parent=world.commune)
    with pytest.raises(RuleViolation):  # already attached elsewhere
        services.member_attach_temporarily(member=cuong, to=other, start_date=date(2026, 7, 1))
    with pytest.raises(RuleViolation):  # ending before it began
        services.attachment_end(attachment=attachment, end_date=date(2026, 5, 31))
    regular = Membership.objects.get(member=cuong, kind=MembershipKind.REGULAR)
    with pytest.raises(RuleViolation):  # a regular membership is not an attachment
        services.attachment_end(attachment=regular, end_date=date(2026, 7, 1))


# --- exemption -----------------------------------------------------------------------------------

def test_exemption_is_active_until_it_ends(world):
    cuong = world.a_members[2]
    exemption = services.member_exempt(member=cuong, kind="age_health", reason="  Tuổi cao ", start_date=date(2026, 1, 1),
                                       resolution_ref="05-NQ/CB", granted_by=world.secretary_a)
    assert exemption.reason == "Tuổi cao"
    assert selectors.member_active_exemption(cuong) == exemption
    assert list(selectors.roster_filter(selectors.cell_roster(world.cell_a), exempt=True)) == [cuong]
    assert audited("member.exempt", cuong, world.secretary_a).exists()

    services.exemption_end(exemption=exemption, ended_on=date(2026, 11, 1), ended_by=world.secretary_a)
    assert selectors.member_active_exemption(cuong) is None
    assert list(selectors.roster_filter(selectors.cell_roster(world.cell_a), exempt=True)) == []
    assert audited("member.exemption_end", cuong, world.secretary_a).exists()
    with pytest.raises(RuleViolation):  # twice
        services.exemption_end(exemption=exemption, ended_on=date(2026, 11, 2))


def test_exemption_with_a_past_expected_end_is_no_longer_active(world):
    cuong = world.a_members[2]
    services.member_exempt(member=cuong, kind="maternity", reason="Thai sản", start_date=date(2025, 1, 1),
                           expected_end_date=date(2025, 7, 1))
    assert selectors.member_active_exemption(cuong) is None
    assert list(selectors.roster_filter(selectors.cell_roster(world.cell_a), exempt=True)) == []
    assert list(selectors.roster_filter(selectors.cell_roster(world.cell_a), exempt=True, on=date(2025, 3, 1))) == [
        cuong]


def test_exemption_refuses_what_the_rules_forbid(world):
    cuong = world.a_members[2]
    with pytest.raises(RuleViolation) as error:
        services.member_exempt(member=cuong, kind="abroad", reason="Đi xa", start_date=date(2026, 3, 1),
                               expected_end_date=date(2026, 2, 1))
    assert "expected_end_date" in error.value.error_dict
    exemption = services.member_exempt(member=cuong, kind="abroad", reason="Đi xa", start_date=date(2026, 3, 1))
    with pytest.raises(RuleViolation):  # one open exemption at a time
        services.member_exempt(member=cuong, kind="illness", reason="Ốm", start_date=date(2026, 4, 1))
    with pytest.raises(RuleViolation):
        services.exemption_end(exemption=exemption, ended_on=date(2026, 2, 28))
    services.member_exit(member=world.a_members[3], kind="deceased", exit_date=date(2026, 5, 1))
    with pytest.raises(RuleViolation):  # off the roll
        services.member_exempt(member=world.a_members[3], kind="illness", reason="Ốm", start_date=date(2026, 6, 1))


# --- exit ----------------------------------------------------------------------------------------

def test_exit_closes_everything_open_and_keeps_the_member_visible_where_they_were(world):
    cuong = world.a_members[2]
    services.position_assign(member=cuong, organization=world.cell_a, title="deputy_secretary",
                             start_date=date(2024, 1, 1))
    services.member_exempt(member=cuong, kind="illness", reason="Ốm", start_date=date(2026, 1, 1))
    services.member_attach_temporarily(member=cuong, to=world.cell_b, start_date=date(2026, 2, 1))
    services.member_exit(member=cuong, kind="deceased", exit_date=date(2026, 10, 3), note="Từ trần",
                         recorded_by=world.secretary_a)
    cuong.refresh_from_db()
    assert cuong.exit_kind == "deceased" and cuong.exit_date == date(2026, 10, 3)
    assert open_memberships(cuong) == []
    assert set(Membership.objects.filter(member=cuong).values_list("end_reason", flat=True)) == {"exit"}
    assert Position.objects.get(member=cuong).end_date == date(2026, 10, 3)
    assert cuong.exemptions.get().ended_on == date(2026, 10, 3)
    assert cuong not in selectors.cell_roster(world.cell_a)
    assert cuong in selectors.cell_roster(world.cell_a, include_exited=True)
    assert audited("member.exit", cuong, world.secretary_a).exists()


def test_exit_refuses_what_the_rules_forbid(world):
    cuong = world.a_members[2]
    with pytest.raises(RuleViolation):
        services.member_exit(member=cuong, kind="vanished", exit_date=date(2026, 10, 3))
    with pytest.raises(RuleViolation):  # before the membership began
        services.member_exit(member=cuong, kind="removed", exit_date=date(2019, 12, 31))
    services.member_exit(member=cuong, kind="removed", exit_date=date(2026, 10, 3))
    with pytest.raises(RuleViolation):  # twice
        services.member_exit(member=cuong, kind="expelled", exit_date=date(2026, 10, 4))
    assert AuditEvent.objects.filter(action="member.exit", object_id=cuong.pk).count() == 1


# --- positions -----------------------------------------------------------------------------------

def test_a_new_secretary_ends_the_previous_one(world):
    an, bich = world.a_members[0], world.a_members[1]
    first = services.position_assign(member=an, organization=world.cell_a, title="secretary",
                                     start_date=date(2024, 1, 1))
    deputy = services.position_assign(member=an, organization=world.cell_a, title="deputy_secretary",
                                      start_date=date(2024, 1, 1))
    services.position_assign(member=bich, organization=world.cell_a, title="secretary", start_date=date(2026, 10, 1),
                             assigned_by=world.committee_staff)
    first.refresh_from_db()
    deputy.refresh_from_db()
    assert first.end_date == date(2026, 9, 30)
    assert deputy.end_date is None  # only one secretary at a time; deputies are not replaced
    assert [p.member for p in selectors.organization_officers(world.cell_a)] == [bich, an]  # by rank: the bí thư first
    assert audited("member.position", bich, world.committee_staff).exists()


def test_positions_refuse_what_the_rules_forbid(world):
    bich = world.a_members[1]
    with pytest.raises(RuleViolation):  # not a member of that cell
        services.position_assign(member=bich, organization=world.cell_b, title="secretary",
                                 start_date=date(2026, 1, 1))
    position = services.position_assign(member=bich, organization=world.cell_a, title="committee_member",
                                        start_date=date(2026, 1, 1))
    with pytest.raises(RuleViolation):
        services.position_end(position=position, end_date=date(2025, 12, 31))
    services.position_end(position=position, end_date=date(2026, 6, 30), ended_by=world.secretary_a)
    assert audited("member.position_end", bich, world.secretary_a).exists()
    with pytest.raises(RuleViolation):  # twice
        services.position_end(position=position, end_date=date(2026, 7, 1))


# --- the roster's reads --------------------------------------------------------------------------

def test_roster_rows_carry_what_each_row_shows(world):
    an = world.a_members[0]
    services.position_assign(member=an, organization=world.cell_a, title="secretary", start_date=date(2024, 1, 1))
    services.member_exempt(member=an, kind="illness", reason="Ốm", start_date=date(2026, 1, 1))
    services.member_attach_temporarily(member=an, to=world.cell_b, start_date=date(2026, 2, 1))
    row = selectors.roster_rows(selectors.cell_roster(world.cell_a)).get(pk=an.pk)
    assert [(m.kind, m.organization.code) for m in row.open_memberships] == [
        ("regular", world.cell_a.code), ("temporary", world.cell_b.code)]
    assert [p.title for p in row.open_positions] == ["secretary"]
    assert len(row.active_exemptions) == 1


def test_member_search_folds_accents_and_matches_cards(world):
    roster = selectors.cell_roster(world.commune)
    assert [m.full_name for m in selectors.member_search(roster, "nguyen")] == ["Nguyễn Văn An", "Nguyễn Thị Hà"]
    assert [m.full_name for m in selectors.member_search(roster, "Lê Đức")] == ["Lê Đức Cường"]
    assert [m.full_name for m in selectors.member_search(roster, "le duc")] == ["Lê Đức Cường"]
    assert [m.full_name for m in selectors.member_search(roster, " 02000002 ")] == ["Vũ Thị Giang"]


def test_today_is_the_day_in_vietnam_not_on_the_servers_clock(world, monkeypatch):
    """At 00:30 in Hà Nội the server's UTC clock still says yesterday; an exemption from today already counts."""
    from datetime import datetime

    from django.utils import timezone

    from chibo.organizations import selectors, services

    member = world.a_members[3]
    # A day far from the machine's own date, so that reading the system clock (date.today()) would miss it.
    services.member_exempt(member=member, kind="age_health", reason="Tuổi cao", start_date=date(2099, 3, 2),
                           granted_by=None)
    monkeypatch.setattr(timezone, "now", lambda: datetime(2099, 3, 1, 17, 30, tzinfo=UTC))
    assert timezone.localdate() == date(2099, 3, 2)
    assert selectors.member_active_exemption(member) is not None
