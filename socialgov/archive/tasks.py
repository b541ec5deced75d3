"""Background work of the archive: thin, idempotent, by id."""

from __future__ import annotations

from contextlib import suppress

from django_tasks import task

from socialgov.archive.capture import CaptureError
from socialgov.archive.models import ImportJob
from socialgov.archive.services import import_job_run, tree_head_sign
from socialgov.archive.workflows import JobStatus


@task()
def import_job_run_task(job_id: int) -> dict[str, int]:
    """Run or resume an import job; run twice, it does nothing more (the job remembers where it is)."""
    job = ImportJob.objects.select_related("account").get(pk=job_id)
    if job.status == JobStatus.SUCCEEDED:
        return job.counters
    with suppress(CaptureError):  # the job records the file, item and reason for the person watching it
        import_job_run(job=job)
    job.refresh_from_db()
    return job.counters


@task()
def tree_head_sign_task() -> int:
    """Sign the log's current head (scheduled, e.g. hourly, so the head keeps moving forward)."""
    return tree_head_sign().tree_size


@task()
def import_jobs_sweep_task() -> list[int]:
    """Fail running imports left behind by a killed process (scheduled, e.g. every 10 minutes)."""
    from socialgov.archive.services.jobs import import_jobs_sweep

    return [job.pk for job in import_jobs_sweep()]
