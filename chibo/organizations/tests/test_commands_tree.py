"""org_move, org_merge, org_split: parse, call the service, one line out; bad input is one line and status 2."""

import os
import subprocess
import sys
from datetime import date
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from chibo.core.audit import audit_events_for
from chibo.organizations import selectors
from chibo.organizations.models import Organization, OrganizationChange, OrganizationKind
from chibo.organizations.services import organization_create

K = OrganizationKind


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def refused(*args: str) -> str:
    with pytest.raises(CommandError) as caught:
        run(*args)
    assert caught.value.returncode == 2
    return str(caught.value)


def fresh(org: Organization) -> Organization:
    return Organization.objects.get(pk=org.pk)


@pytest.fixture
def new_commune(world):
    return organization_create(code="38.170", name="Đảng bộ xã Đông Hòa", kind=K.COMMUNE, parent=world.province,
                               valid_from=date(2025, 7, 1))


# --- org_move ------------------------------------------------------------------------------------

def test_it_moves_a_unit_and_says_so_in_one_line(world, new_commune):
    out = run("org_move", "--org", "38.168.001", "--to", "38.170", "--date", "01/07/2025", "--decision", "QĐ 1")
    assert out == ("Đã chuyển Chi bộ Khu phố 1 (38.168.001) từ Đảng bộ phường Đông Tiến sang Đảng bộ xã Đông Hòa, "
                   "hiệu lực 01/07/2025.\n")
    assert fresh(world.cell_a).parent == new_commune
    change = OrganizationChange.objects.get(kind="move")
    assert (change.effective_date, change.decision, change.created_by) == (date(2025, 7, 1), "QĐ 1", None)
    assert audit_events_for(world.cell_a).filter(action="organization.move").exists()


def test_it_accepts_iso_dates(world, new_commune):
    run("org_move", "--org", "38.168.001", "--to", "38.170", "--date", "2025-07-01")
    assert OrganizationChange.objects.get(kind="move").effective_date == date(2025, 7, 1)


@pytest.mark.parametrize(("args", "message"), [
    (["--org", "38.168.001", "--to", "38.170", "--date", "1/7"], "Ngày không hợp lệ: 1/7"),
    (["--org", "38.168.001", "--to", "38.170", "--date", "31/02/2025"], "Ngày không hợp lệ"),
    (["--org", "nope", "--to", "38.170", "--date", "01/07/2025"], "Không có tổ chức mã nope."),
    (["--org", "38.168.001", "--to", "38.168.002", "--date", "01/07/2025"], "trực thuộc một chi bộ"),
    (["--org", "38.168", "--to", "38.168.001", "--date", "01/07/2025"], "chính nó"),
])
def test_it_refuses_bad_moves_with_status_2(world, new_commune, args, message):
    assert message in refused("org_move", *args)
    assert fresh(world.cell_a).parent == world.commune


# --- org_merge -----------------------------------------------------------------------------------

def test_it_merges_several_units(world):
    cell_c = organization_create(code="38.168.003", name="Chi bộ Khu phố 3", kind=K.GRASSROOTS_CELL,
                                 parent=world.commune, valid_from=date(2025, 7, 1))
    out = run("org_merge", "--from", "38.168.002", "--from", "38.168.003", "--into", "38.168.001",
              "--date", "01/03/2026")
    assert out == ("Đã hợp nhất Chi bộ Trường Tiểu học Đông Tiến, Chi bộ Khu phố 3 vào Chi bộ Khu phố 1, "
                   "hiệu lực 01/03/2026.\n")
    assert fresh(world.cell_b).merged_into == world.cell_a and fresh(cell_c).merged_into == world.cell_a
    assert selectors.cell_roster(world.cell_a).count() == 7


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "38.168.001", "--into", "38.168.001", "--date", "01/03/2026"], "chính nó"),
    (["--from", "38.168", "--into", "38.168.001", "--date", "01/03/2026"], "cấp dưới"),
    (["--from", "38.168.002", "--into", "zz", "--date", "01/03/2026"], "Không có tổ chức mã zz."),
    (["--from", "38.168.002", "--into", "38.168.001", "--date", "hôm nay"], "Ngày không hợp lệ"),
])
def test_it_refuses_bad_merges_with_status_2(world, args, message):
    assert message in refused("org_merge", *args)
    assert not Organization.objects.filter(valid_to__isnull=False).exists()


def test_it_needs_at_least_one_source(world):
    with pytest.raises(CommandError, match="--from"):
        run("org_merge", "--into", "38.168.001", "--date", "01/03/2026")


# --- org_split -----------------------------------------------------------------------------------

def test_it_splits_by_card_numbers(world):
    out = run("org_split", "--org", "38.168.001", "--part", "38.168.011:Chi bộ Khu phố 1A:01000002, 01000004",
              "--part", "38.168.012:Chi bộ Khu phố 1B", "--date", "01/04/2026")
    assert out == ("Đã chia tách Chi bộ Khu phố 1 thành Chi bộ Khu phố 1A (2 đảng viên), "
                   "Chi bộ Khu phố 1B (0 đảng viên), hiệu lực 01/04/2026.\n")
    part = Organization.objects.get(code="38.168.011")
    assert set(selectors.cell_roster(part).values_list("card_number", flat=True)) == {"01000002", "01000004"}
    assert selectors.cell_roster(world.cell_a).count() == 2 and fresh(world.cell_a).valid_to is None


def test_it_splits_and_closes(world):
    out = run("org_split", "--org", "38.168.001", "--part", "38.168.011:Tổ: Khu A:01000001,01000002",
              "--part", "38.168.012:Khu B:01000003,01000004", "--date", "2026-04-01", "--close")
    assert out.endswith("Đã giải thể Chi bộ Khu phố 1.\n") and out.count("\n") == 1
    assert Organization.objects.get(code="38.168.011").name == "Tổ: Khu A"
    assert fresh(world.cell_a).valid_to == date(2026, 3, 31)


@pytest.mark.parametrize(("parts", "extra", "message"), [
    (["38.168.011"], [], "MÃ:Tên"),
    ([":Tên:01000001"], [], "MÃ:Tên"),
    (["38.168.011:Khu A:99999999"], [], "Không có đảng viên số thẻ 99999999"),
    (["38.168.011:Khu A:02000001"], [], "Không có đảng viên số thẻ 02000001"),  # cell B's member
    (["38.168.011:Khu A:01000001", "38.168.012:Khu B:01000001"], [], "hai đơn vị"),
    (["38.168.011:Khu A:01000001"], ["--close"], "Còn 3 đảng viên"),
    (["38.168.002:Trùng mã:01000001"], [], "đã có"),
])
def test_it_refuses_bad_splits_with_status_2(world, parts, extra, message):
    args = [arg for part in parts for arg in ("--part", part)]
    assert message in refused("org_split", "--org", "38.168.001", *args, "--date", "01/04/2026", *extra)
    assert Organization.objects.count() == 4
    assert selectors.cell_roster(world.cell_a).count() == 4


# --- the real command line -----------------------------------------------------------------------

def test_it_prints_one_line_on_stderr_and_exits_2(tmp_path):
    env = {**os.environ, "CHIBO_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "chibo.settings"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "chibo.cli", "org_move", "--org", "a", "--to", "b", "--date", "32/01/2025"],
        capture_output=True, text=True, env=env, cwd=settings.REPO_DIR, timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "CommandError: Ngày không hợp lệ: 32/01/2025 (nhập dd/mm/yyyy hoặc yyyy-mm-dd)."]
