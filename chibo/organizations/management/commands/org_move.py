"""chibo org_move --org CODE --to CODE --date DD/MM/YYYY [--decision TEXT]

Put a unit, with everything under it, under another committee (e.g. a grassroots unit of an
abolished district under its new commune). The helpers here are shared by org_merge and org_split.
"""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from chibo.organizations import selectors, services
from chibo.organizations.models import Organization

DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")
T = TypeVar("T")


def bad_input(message: str) -> CommandError:
    """One line on stderr and exit status 2, as for a usage error."""
    return CommandError(message, returncode=2)


def parse_date(value: str) -> date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise bad_input(_("Ngày không hợp lệ: %(value)s (nhập dd/mm/yyyy hoặc yyyy-mm-dd).") % {"value": value})


def organization(code: str) -> Organization:
    org = selectors.organization_by_code(code)
    if org is None:
        raise bad_input(_("Không có tổ chức mã %(code)s.") % {"code": code})
    return org


def run(action: Callable[[], T]) -> T:
    """Call a service; a rule it refuses becomes a one-line error, not a traceback."""
    try:
        return action()
    except ValidationError as error:
        raise bad_input(" ".join(error.messages)) from error


class Command(BaseCommand):
    help = "Chuyển một tổ chức (cùng các đơn vị trực thuộc) sang trực thuộc tổ chức khác."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", required=True, help="mã tổ chức cần chuyển")
        parser.add_argument("--to", required=True, help="mã tổ chức cấp trên mới")
        parser.add_argument("--date", required=True, help="ngày hiệu lực, dd/mm/yyyy")
        parser.add_argument("--decision", default="", help="số, ngày quyết định")

    def handle(self, *args: Any, **options: Any) -> None:
        effective_date = parse_date(options["date"])
        org, new_parent = organization(options["org"]), organization(options["to"])
        old_parent = org.parent
        run(lambda: services.organization_move(org=org, new_parent=new_parent, effective_date=effective_date,
                                               decision=options["decision"]))
        self.stdout.write(_("Đã chuyển %(org)s (%(code)s) từ %(old)s sang %(new)s, hiệu lực %(day)s.") % {
            "org": org.name, "code": org.code, "old": old_parent.name if old_parent else "—",
            "new": new_parent.name, "day": effective_date.strftime("%d/%m/%Y"),
        })
