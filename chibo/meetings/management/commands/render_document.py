"""chibo render_document --meeting ID --kind {minutes,resolution,signin,agenda} --format {docx,pdf} --output FILE

Renders one paper of a meeting from its record, exactly as the meeting page's download does
(chibo/meetings/documents.py). An unknown meeting, or minutes/resolution of a meeting whose minutes
are not approved yet: a one-line error on stderr and exit status 2.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from chibo.meetings import documents
from chibo.meetings.models import Meeting


class Command(BaseCommand):
    help = "Render a meeting's minutes, resolution, sign-in sheet or agenda in the Party's format (.docx or .pdf)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--meeting", type=int, required=True, help="meeting id")
        parser.add_argument("--kind", choices=documents.KINDS, required=True)
        parser.add_argument("--format", dest="file_format", choices=sorted(documents.FORMATS), required=True)
        parser.add_argument("--output", required=True, help="file to write")

    def handle(self, *args, meeting: int, kind: str, file_format: str, output: str, **options) -> None:
        found = Meeting.objects.filter(pk=meeting).select_related("organization").first()
        if found is None:
            raise CommandError(f"unknown meeting {meeting}", returncode=2)
        try:
            file = documents.document_file(found, kind, file_format)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages), returncode=2) from exc
        Path(output).write_bytes(file.data)
        self.stdout.write(f"{output}: {kind}, {file_format}, {len(file.data)} bytes ({file.filename})")
