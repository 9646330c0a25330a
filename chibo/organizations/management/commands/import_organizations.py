"""chibo import_organizations FILE [--dry-run] [--error-report ERRORS.xlsx]

Build or update the organization tree from a list: Mã, Tên, Loại, Loại hình, Mã cấp trên.
Parents come before their children (or are already in the database); a blank parent is a root.
Every row is checked first; one bad row and nothing is written (exit 1).
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from chibo.organizations.imports import cli
from chibo.organizations.imports.organizations import organizations_import, summary
from chibo.organizations.models import ImportJob


class Command(BaseCommand):
    help = "Nhập cây tổ chức đảng từ tệp .xlsx hoặc .csv (kiểm tra mọi dòng trước, ghi tất cả hoặc không ghi gì)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("tệp .xlsx hoặc .csv"))
        parser.add_argument("--dry-run", action="store_true", help=_("chỉ kiểm tra, không ghi"))
        parser.add_argument("--error-report", metavar="ERRORS.xlsx",
                            help=_("khi có lỗi: ghi tệp .xlsx gồm các dòng gốc và cột “Lỗi”"))

    def handle(self, *args: Any, **options: Any) -> None:
        file = cli.check_file(options["file"])
        result = cli.run(lambda progress: organizations_import(
            source=file, name=file.name, dry_run=options["dry_run"], progress=progress))
        cli.report(result, file=file, kind=ImportJob.Kind.ORGANIZATIONS, stdout=self.stdout, stderr=self.stderr,
                   error_report=options["error_report"], summary=summary(result, file.name))
