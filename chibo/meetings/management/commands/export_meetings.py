"""chibo export_meetings --org CODE --from YYYY-MM --to YYYY-MM: closed meetings as JSON Lines.

The contract is shared/METRICS.md: one closed regular or thematic meeting of the organization's
subtree per line, held in the months from..to (inclusive). Unknown --org or a malformed month:
a one-line error on stderr and exit status 2.
"""

import calendar
import json
import re
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chibo.meetings import selectors
from chibo.organizations.selectors import organization_by_code

MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")


def parse_month(value: str, *, option: str) -> tuple[int, int]:
    match = MONTH.fullmatch(value or "")
    if match is None:
        raise CommandError(f"{option} must be a month as YYYY-MM, got {value!r}", returncode=2)
    return int(match.group(1)), int(match.group(2))


class Command(BaseCommand):
    help = "Export closed regular and thematic meetings of an organization's subtree as JSON Lines (METRICS.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", required=True, help="organization code; its whole subtree is exported")
        parser.add_argument("--from", dest="from_month", required=True, help="first month, YYYY-MM")
        parser.add_argument("--to", dest="to_month", required=True, help="last month, YYYY-MM (inclusive)")

    def handle(self, *args, **options) -> None:
        first_year, first_month = parse_month(options["from_month"], option="--from")
        last_year, last_month = parse_month(options["to_month"], option="--to")
        first_day = date(first_year, first_month, 1)
        last_day = date(last_year, last_month, calendar.monthrange(last_year, last_month)[1])
        if last_day < first_day:
            raise CommandError("--to must not be before --from", returncode=2)
        org = organization_by_code(options["org"])
        if org is None:
            raise CommandError(f"unknown organization {options['org']!r}", returncode=2)
        for meeting in selectors.closed_meetings_in([org.path], first_day, last_day).iterator(chunk_size=500):
            self.stdout.write(json.dumps(selectors.meeting_export_row(meeting), ensure_ascii=False))
