"""chibo import_members FILE --org CODE [--dry-run] [--error-report ERRORS.xlsx]

Import a member list (.xlsx or .csv, as offices make them) into a cell, or into a committee whose
rows name their cells. Every row is checked first; one bad row and nothing is written (exit 1).
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from chibo.organizations import selectors
from chibo.organizations.imports import cli
from chibo.organizations.imports.members import members_import, summary
from chibo.organizations.models import ImportJob


class Command(BaseCommand):
    help = "Nhập danh sách đảng viên từ tệp .xlsx hoặc .csv (kiểm tra mọi dòng trước, ghi tất cả hoặc không ghi gì)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("tệp .xlsx hoặc .csv"))
        parser.add_argument("--org", required=True, help=_("mã chi bộ hoặc đảng bộ nhận danh sách"))
        parser.add_argument("--dry-run", action="store_true", help=_("chỉ kiểm tra, không ghi"))
        parser.add_argument("--error-report", metavar="ERRORS.xlsx",
                            help=_("khi có lỗi: ghi tệp .xlsx gồm các dòng gốc và cột “Lỗi”"))

    def handle(self, *args: Any, **options: Any) -> None:
        file = cli.check_file(options["file"])
        org = selectors.organization_by_code(options["org"])
        if org is None:
            raise CommandError(_("Không có tổ chức mã %(code)s.") % {"code": options["org"]}, returncode=cli.EXIT_USAGE)
        result = cli.run(lambda progress: members_import(
            organization=org, source=file, name=file.name, dry_run=options["dry_run"], progress=progress))
        cli.report(result, file=file, kind=ImportJob.Kind.MEMBERS, stdout=self.stdout, stderr=self.stderr,
                   error_report=options["error_report"], summary=summary(result, file.name))
