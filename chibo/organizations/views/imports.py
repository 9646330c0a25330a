"""Importing lists from a file: the template, the upload, following the check, confirming, the error file.

Each view: access → form → service → render. Checking and writing run as tasks (organizations/tasks.py);
the detail page polls `import_status` with htmx while a task runs.
"""

import io
from pathlib import Path

from django.contrib import messages
from django.http import FileResponse, HttpResponse, HttpResponseNotAllowed
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from chibo.accounts import access
from chibo.core.errors import RuleViolation
from chibo.core.http import AuthenticatedHttpRequest
from chibo.organizations import tasks
from chibo.organizations.forms.imports import ImportUploadForm
from chibo.organizations.imports import jobs, workbooks
from chibo.organizations.models import ImportJob
from chibo.organizations.navigation import Crumb, organization_crumbs

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ERRORS_SHOWN = 200  # on screen; the .xlsx has them all


def _xlsx(buffer: io.BytesIO, filename: str) -> FileResponse:
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename=filename, content_type=XLSX)


def import_template(request: AuthenticatedHttpRequest) -> FileResponse:
    """The blank list to fill in: ?loai=to-chuc for the organization tree, else members."""
    organizations = request.GET.get("loai") == "to-chuc"
    buffer = io.BytesIO()
    workbooks.template_workbook(ImportJob.Kind.ORGANIZATIONS if organizations else ImportJob.Kind.MEMBERS, buffer)
    return _xlsx(buffer, "mau-danh-sach-to-chuc.xlsx" if organizations else "mau-danh-sach-dang-vien.xlsx")


def import_upload(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    org = access.access_organization(request.user, code, for_write=True)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = jobs.import_job_create(
            organization=org, kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"],
            created_by=request.user, dry_run=form.cleaned_data["dry_run"],
        )
        # The job row is committed (no ATOMIC_REQUESTS), so a worker can pick the task up at once.
        tasks.import_validate.enqueue(job.pk)
        return redirect("organizations:import_detail", job.pk)
    crumbs = organization_crumbs(request.user, org, extra=[Crumb(_("Nhập danh sách"), None)])
    return render(request, "organizations/imports/upload.html", {
        "org": org, "form": form, "crumbs": crumbs, "recent": jobs.recent_jobs(org),
    })


def _job_context(job: ImportJob) -> dict:
    errors = jobs.job_errors(job)
    return {"job": job, **jobs.job_summary(job), "errors": errors[:ERRORS_SHOWN], "error_count": len(errors),
            "error_rows": len({e.row for e in errors})}


def import_detail(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponse:
    job = access.access_import_job(request.user, job_id)
    upload = reverse("organizations:import_upload", args=[job.organization.code])
    crumbs = organization_crumbs(request.user, job.organization,
                                 extra=[Crumb(_("Nhập danh sách"), upload), Crumb(job.original_name, None)])
    return render(request, "organizations/imports/detail.html", {**_job_context(job), "crumbs": crumbs})


def import_status(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponse:
    """The live part of the detail page, polled every second while a task runs."""
    job = access.access_import_job(request.user, job_id)
    return render(request, "organizations/imports/_job.html", _job_context(job))


def import_confirm(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponse:
    job = access.access_import_job(request.user, job_id)  # before the method check: others learn nothing
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        jobs.import_job_confirm(job=job)
    except RuleViolation as error:
        messages.error(request, " ".join(error.messages))
        return redirect("organizations:import_detail", job.pk)
    tasks.import_write.enqueue(job.pk, request.user.pk)
    return redirect("organizations:import_detail", job.pk)


def import_errors(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponseBase:
    """The uploaded file back, with a "Lỗi" column on each row to fix."""
    job = access.access_import_job(request.user, job_id)
    if not job.errors:
        messages.info(request, _("Lần nhập này không có lỗi."))
        return redirect("organizations:import_detail", job.pk)
    buffer = io.BytesIO()
    jobs.job_error_workbook(job, buffer)
    return _xlsx(buffer, f"loi-{Path(job.original_name).stem}.xlsx")
