"""An upload's life: stored, checked in the background, confirmed by a person, then written.

The task functions in organizations/tasks.py call `import_job_validate` and `import_job_write`;
views call `import_job_create` and `import_job_confirm`. Nothing touches the member roll
before confirmation, and the write re-checks the file: the roll may have changed meanwhile.
"""

import logging
from typing import IO, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import DatabaseError
from django.utils import timezone
from django.utils.translation import gettext as _

from chibo.accounts.models import User
from chibo.core.errors import RuleViolation
from chibo.organizations.imports.members import members_import
from chibo.organizations.imports.organizations import organizations_import
from chibo.organizations.imports.reading import ImportFileError
from chibo.organizations.imports.result import ImportResult, RowError
from chibo.organizations.imports.workbooks import error_workbook
from chibo.organizations.models import ImportJob, Organization

logger = logging.getLogger(__name__)
Status = ImportJob.Status
RUNNING = (Status.PENDING, Status.VALIDATING, Status.IMPORTING)


def import_job_create(*, organization: Organization, kind: str, upload: UploadedFile, created_by,
                      dry_run: bool = False) -> ImportJob:
    """Store the uploaded file; the validation task picks it up from here."""
    job = ImportJob(kind=kind, organization=organization, original_name=(upload.name or "")[:255],
                    created_by=created_by, preview={"dry_run": dry_run})
    job.file.save(upload.name or "danh-sach", upload, save=False)
    job.save()
    return job


def import_job_confirm(*, job: ImportJob) -> ImportJob:
    """A person has read the preview and wants it written; only a checked, valid, real (not trial) import."""
    if job.preview.get("dry_run"):
        raise RuleViolation(_("Đây là lần kiểm tra thử nên không ghi. Muốn nhập thật, hãy tải tệp lên lại "
                              "và bỏ chọn “Chỉ kiểm tra”."))
    # One conditional UPDATE, so that two clicks (or two people) cannot start two writes.
    claimed = ImportJob.objects.filter(pk=job.pk, status=Status.VALID).update(
        status=Status.IMPORTING, processed_rows=0)
    if not claimed:
        raise RuleViolation(_("Lần nhập này không còn chờ xác nhận (trạng thái: %(status)s).")
                            % {"status": job.get_status_display()})
    job.refresh_from_db()
    return job


def import_job_validate(*, job_id: int) -> ImportJob:
    job = ImportJob.objects.select_related("organization").get(pk=job_id)
    job.status = Status.VALIDATING
    job.save(update_fields=["status"])
    result = _run(job, dry_run=True, user=None)
    if result is not None:
        job.status = Status.VALID if result.ok else Status.INVALID
        _store(job, result, finished=not result.ok)
    return job


def import_job_write(*, job_id: int, user_id: int | None = None) -> ImportJob:
    job = ImportJob.objects.select_related("organization").get(pk=job_id)
    if job.status != Status.IMPORTING:
        return job  # confirmed twice, or already done: nothing to do
    user = User.objects.filter(pk=user_id).first() if user_id else None
    result = _run(job, dry_run=False, user=user)
    if result is not None:
        job.status = Status.DONE if result.written else Status.INVALID
        _store(job, result, finished=True)
    return job


def _run(job: ImportJob, *, dry_run: bool, user) -> ImportResult | None:
    """Run the import for the job; on a failure, record it on the job and return None (nothing was written)."""

    def progress(phase: str, done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=done, total_rows=total)

    try:
        with job.file.open("rb") as source:
            if job.kind == ImportJob.Kind.ORGANIZATIONS:
                return organizations_import(source=source, name=job.original_name, within=job.organization,
                                            imported_by=user, dry_run=dry_run, progress=progress)
            return members_import(organization=job.organization, source=source, name=job.original_name,
                                  imported_by=user, dry_run=dry_run, progress=progress)
    except ImportFileError as exc:
        job.status = Status.INVALID
        _store(job, ImportResult(errors=[RowError(None, " ".join(exc.messages))]), finished=True)
    except DatabaseError:
        logger.exception("import job %s: database error", job.pk)
        _fail(job, _("Dữ liệu đã thay đổi trong lúc ghi nên chưa ghi gì; hãy thử lại."))
    except Exception:
        logger.exception("import job %s failed", job.pk)
        _fail(job, _("Có lỗi khi xử lý tệp; chưa ghi gì. Hãy thử lại hoặc báo quản trị hệ thống."))
        raise
    return None


def _fail(job: ImportJob, message: str) -> None:
    job.status = Status.FAILED
    job.errors = [RowError(None, message).as_dict()]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "errors", "finished_at"])


def _store(job: ImportJob, result: ImportResult, *, finished: bool) -> None:
    job.total_rows = job.processed_rows = result.total_rows
    job.created_count, job.updated_count = result.created, result.updated
    job.errors = [e.as_dict() for e in result.errors]
    job.preview = {
        "dry_run": bool(job.preview.get("dry_run")),
        "header_row": result.header_row,
        "unknown_columns": result.unknown_columns,
        "columns": result.preview_columns,
        "rows": result.preview,
        "unchanged": result.unchanged,
        "transferred": result.transferred,
    }
    job.finished_at = timezone.now() if finished else None
    job.save(update_fields=["status", "total_rows", "processed_rows", "created_count", "updated_count",
                            "errors", "preview", "finished_at"])


def recent_jobs(organization: Organization, *, limit: int = 10):
    return ImportJob.objects.filter(organization=organization).select_related("created_by")[:limit]


def job_error_workbook(job: ImportJob, out: IO[bytes]) -> None:
    """The uploaded file sent back with a "Lỗi" column (see workbooks.error_workbook)."""
    with job.file.open("rb") as source:
        error_workbook(source=source, name=job.original_name, kind=job.kind, errors=job_errors(job), out=out)


def job_errors(job: ImportJob) -> list[RowError]:
    return [RowError(e.get("row"), e.get("message", "")) for e in job.errors or []]


def job_summary(job: ImportJob) -> dict[str, Any]:
    """What the detail page shows besides the job's own fields."""
    preview = job.preview if isinstance(job.preview, dict) else {}
    return {
        "running": job.status in RUNNING,
        "dry_run": bool(preview.get("dry_run")),
        "unchanged": preview.get("unchanged", 0),
        "transferred": preview.get("transferred", 0),
        "unknown_columns": preview.get("unknown_columns", []),
        "columns": preview.get("columns", []),
        # (column, value) pairs, so that each cell can carry its column name on a phone
        "rows": [list(zip(preview.get("columns", []), row, strict=False)) for row in preview.get("rows", [])],
    }
