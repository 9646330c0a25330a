"""chibo quality_report --org CODE --from YYYY-MM --to YYYY-MM --format {json,xlsx} [--output FILE]

The contract is shared/METRICS.md: the JSON object of the figures of an organization's subtree over
the months from..to (inclusive); xlsx writes the same report for people. Unknown --org or a malformed
month: a one-line error on stderr and exit status 2.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chibo.organizations.selectors import organization_by_code
from chibo.reports import statistics


class Command(BaseCommand):
    help = "Print the meeting-quality figures of an organization's subtree over a period (shared/METRICS.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", required=True, help="organization code; its whole subtree is counted")
        parser.add_argument("--from", dest="from_month", required=True, help="first month, YYYY-MM")
        parser.add_argument("--to", dest="to_month", required=True, help="last month, YYYY-MM (inclusive)")
        parser.add_argument("--format", choices=("json", "xlsx"), default="json")
        parser.add_argument("--output", help="the .xlsx file to write (required with --format xlsx)")

    def handle(self, *args, org: str, from_month: str, to_month: str, format: str, output: str | None,
               **options) -> None:
        period = self._period(from_month, to_month)
        organization = organization_by_code(org)
        if organization is None:
            raise CommandError(f"unknown organization {org!r}", returncode=2)
        if format == "xlsx" and not output:
            raise CommandError("--format xlsx needs --output FILE", returncode=2)
        data = statistics.report(organization, period)
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        assert output is not None
        children = statistics.children_totals(organization, period)
        Path(output).write_bytes(statistics.report_workbook(data, org_name=organization.name, period=period,
                                                            children=children))

    def _period(self, from_month: str, to_month: str) -> statistics.Period:
        for option, value in (("--from", from_month), ("--to", to_month)):
            try:
                statistics.parse_month(value)
            except ValueError:
                raise CommandError(f"{option} must be a month as YYYY-MM, got {value!r}", returncode=2) from None
        try:
            return statistics.Period.of(from_month, to_month)
        except ValueError:
            raise CommandError("--to must not be before --from", returncode=2) from None
