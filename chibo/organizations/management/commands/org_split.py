"""chibo org_split --org CODE --part "CODE:Name:card1,card2" [--part …] --date DD/MM/YYYY [--close]

Each --part creates a unit beside --org and moves the members with those card numbers into it;
with --close the old unit closes (every member must then be given a new unit).
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from chibo.core import text
from chibo.organizations import selectors, services
from chibo.organizations.management.commands.org_move import bad_input, organization, parse_date, run
from chibo.organizations.models import Organization


def parse_part(value: str, org: Organization, members_by_card: dict[str, int]) -> dict[str, Any]:
    """ "CODE:Name:card1,card2" — the name may itself contain colons; the card list may be empty."""
    code, _sep, rest = value.partition(":")
    name, _sep, cards = rest.rpartition(":") if rest.count(":") else (rest, "", "")
    code, name = text.clean(code), text.clean(name)
    if not code or not name:
        raise bad_input(_("Đơn vị mới cần có dạng MÃ:Tên:số thẻ,số thẻ (nhận được: %(value)s).") % {"value": value})
    card_list = [text.clean(c) for c in cards.split(",") if text.clean(c)]
    unknown = [c for c in card_list if c not in members_by_card]
    if unknown:
        raise bad_input(_("Không có đảng viên số thẻ %(cards)s ở %(org)s.") % {"cards": ", ".join(unknown),
                                                                              "org": org.name})
    return {"code": code, "name": name, "member_ids": [members_by_card[c] for c in card_list]}


class Command(BaseCommand):
    help = "Chia tách một tổ chức thành các đơn vị mới cùng cấp."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", required=True, help="mã tổ chức chia tách")
        parser.add_argument("--part", dest="parts", action="append", required=True,
                            help='đơn vị mới: "MÃ:Tên:số thẻ,số thẻ" (lặp lại được)')
        parser.add_argument("--date", required=True, help="ngày hiệu lực, dd/mm/yyyy")
        parser.add_argument("--decision", default="", help="số, ngày quyết định")
        parser.add_argument("--close", action="store_true", help="giải thể tổ chức cũ")

    def handle(self, *args: Any, **options: Any) -> None:
        effective_date = parse_date(options["date"])
        org = organization(options["org"])
        members_by_card = {m.card_number: m.pk for m in selectors.cell_roster(org) if m.card_number}
        parts = [parse_part(value, org, members_by_card) for value in options["parts"]]
        created = run(lambda: services.organization_split(
            org=org, parts=parts, effective_date=effective_date, decision=options["decision"],
            close_original=options["close"],
        ))
        summary = _("Đã chia tách %(org)s thành %(parts)s, hiệu lực %(day)s.") % {
            "org": org.name, "day": effective_date.strftime("%d/%m/%Y"),
            "parts": ", ".join(_("%(name)s (%(n)d đảng viên)") % {"name": o.name, "n": len(p["member_ids"])}
                               for o, p in zip(created, parts, strict=True)),
        }
        if options["close"]:
            summary += " " + _("Đã giải thể %(org)s.") % {"org": org.name}
        self.stdout.write(summary)
