"""Background work of the organizations app: checking and writing uploaded lists (ImportJob).

Run by `chibo db_worker` in production; tests use the ImmediateBackend, which runs them inline.
The task bodies live in imports/jobs.py so that they can be called (and tested) without a queue.
"""

from django_tasks import task

from chibo.organizations.imports import jobs


@task()
def import_validate(job_id: int) -> None:
    """Read and check every row of the uploaded file; nothing is written to the roll."""
    jobs.import_job_validate(job_id=job_id)


@task()
def import_write(job_id: int, user_id: int | None = None) -> None:
    """Check again (the roll may have changed since) and write everything in one transaction."""
    jobs.import_job_write(job_id=job_id, user_id=user_id)
