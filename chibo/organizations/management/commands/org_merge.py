"""chibo org_merge --from CODE [--from CODE …] --into CODE --date DD/MM/YYYY [--decision TEXT]

The units given with --from close; their members and sub-units continue in the --into unit.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from chibo.organizations import services
from chibo.organizations.management.commands.org_move import organization, parse_date, run


class Command(BaseCommand):
    help = "Hợp nhất một hay nhiều tổ chức vào một tổ chức khác."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="sources", action="append", required=True,
                            help="mã tổ chức được hợp nhất (lặp lại được)")
        parser.add_argument("--into", required=True, help="mã tổ chức tiếp nhận")
        parser.add_argument("--date", required=True, help="ngày hiệu lực, dd/mm/yyyy")
        parser.add_argument("--decision", default="", help="số, ngày quyết định")

    def handle(self, *args: Any, **options: Any) -> None:
        effective_date = parse_date(options["date"])
        sources = [organization(code) for code in options["sources"]]
        target = organization(options["into"])
        run(lambda: services.organization_merge(sources=sources, target=target, effective_date=effective_date,
                                                decision=options["decision"]))
        self.stdout.write(_("Đã hợp nhất %(sources)s vào %(target)s, hiệu lực %(day)s.") % {
            "sources": ", ".join(s.name for s in sources), "target": target.name,
            "day": effective_date.strftime("%d/%m/%Y"),
        })
