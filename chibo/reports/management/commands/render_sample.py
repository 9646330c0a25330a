"""Render the built-in sample meeting, to look at the layout without any data.

    chibo render_sample --kind minutes --format pdf --output bien-ban.pdf
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chibo.core.errors import RuleViolation
from chibo.reports.documents import (
    build_agenda,
    build_minutes,
    build_resolution,
    build_signin_sheet,
    render_docx,
    render_pdf,
)
from chibo.reports.documents.samples import SAMPLE_NUMBER, SAMPLE_SIGNER, sample_meeting
from chibo.reports.selectors import format_for

BUILDERS = {
    "minutes": build_minutes,
    "resolution": lambda snapshot: build_resolution(snapshot, number=SAMPLE_NUMBER, signer=SAMPLE_SIGNER),
    "signin": build_signin_sheet,
    "agenda": build_agenda,
}
RENDERERS = {"docx": render_docx, "pdf": render_pdf}


class Command(BaseCommand):
    help = "Render the built-in sample meeting as a Party document (.docx or .pdf)."

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=sorted(BUILDERS), required=True)
        parser.add_argument("--format", dest="file_format", choices=sorted(RENDERERS), required=True)
        parser.add_argument("--output", required=True, help="file to write")

    def handle(self, *args, kind: str, file_format: str, output: str, **options):
        snapshot = sample_meeting()
        try:
            fmt = format_for(snapshot.day)
        except RuleViolation as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        data = RENDERERS[file_format](BUILDERS[kind](snapshot), fmt.spec())
        Path(output).write_bytes(data)
        self.stdout.write(f"{output}: {kind}, {file_format}, {len(data)} bytes, {fmt.code}")
