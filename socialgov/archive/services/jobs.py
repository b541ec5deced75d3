"""Import jobs: an export file read into an account's records, watched by a person, resumable.

The command line and the background task run the same ``import_job_run``. A job remembers the
SHA-256 of its source and how many items of it have been committed; run again (after a crash,
a kill, a failure) it skips those and carries on, and refuses a source that has changed since.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from socialgov.archive import storage
from socialgov.archive.capture import CaptureError, ImportSummary, open_import
from socialgov.archive.models import ImportJob
from socialgov.archive.services.ingest import OUTCOMES, ingest_snapshots
from socialgov.archive.services.log import tree_head_sign
from socialgov.archive.workflows import JobStatus, job_may_move
from socialgov.core.audit import audit_record
from socialgov.core.permissions import require

Progress = Callable[[int, Counter[str]], None]


def source_sha256(path: str | os.PathLike[str]) -> str:
    """The SHA-256 of a file, or of a folder's files (relative names and contents, in name order)."""
    path = Path(path)
    if path.is_file():
        with path.open("rb") as stream:
            return storage.sha256_of(stream)[0]
    digest = hashlib.sha256()
    for member in sorted(p for p in path.rglob("*") if p.is_file()):
        with member.open("rb") as stream:
            digest.update(f"{member.relative_to(path).as_posix()}\0{storage.sha256_of(stream)[0]}\n".encode())
    return digest.hexdigest()


def _saved_upload(upload: UploadedFile) -> Path:
    folder = Path(settings.DATA_DIR) / "imports" / secrets.token_hex(8)
    folder.mkdir(parents=True)
    target = folder / Path(upload.name or "upload").name
    with target.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return target


def import_job_start(*, actor, account, path_or_upload: str | os.PathLike[str] | UploadedFile,
                     format: str | None = None) -> ImportJob:
    """Queue an import of a file, folder or upload into ``account``; the task runs it."""
    from socialgov.archive.tasks import import_job_run_task

    require(actor, "archive.import_records", account)
    is_upload = isinstance(path_or_upload, UploadedFile)
    path = _saved_upload(path_or_upload) if is_upload else Path(path_or_upload)
    if not path.exists():
        raise ValidationError({"path": f"{path} does not exist"})
    with transaction.atomic():
        job = ImportJob.objects.create(account=account, format=format or "", created_by=actor,
                                       source_name=path_or_upload.name if is_upload else str(path),
                                       source_path=str(path.resolve()))
        _log(job, f"queued by {actor or 'the system'}")
        audit_record(action="archive.import_queued", actor=actor, target=job, agency_id=account.agency_id,
                     after={"account": account.pk, "source": job.source_name, "format": job.format})
        transaction.on_commit(lambda: import_job_run_task.enqueue(job.pk))
    return job


def import_job_resumable(*, account, path: str | os.PathLike[str], format: str | None = None) -> ImportJob:
    """The unfinished job of this account on this very source, or a new one (command line)."""
    digest = source_sha256(path)
    unfinished = ImportJob.objects.filter(account=account, source_sha256=digest).exclude(
        status=JobStatus.SUCCEEDED).order_by("-pk").first()
    if unfinished is not None:
        return unfinished
    return ImportJob.objects.create(account=account, format=format or "", source_name=str(path),
                                    source_path=str(Path(path).resolve()), source_sha256=digest)


def import_job_run(*, job: ImportJob, progress: Progress | None = None,
                   batch_size: int | None = None) -> ImportJob:
    """Run (or resume) ``job`` to the end; a ``CaptureError`` fails the job and is raised again."""
    _job_begin(job)

    def beat(items: int, counts: Counter[str]) -> None:
        _heartbeat(job)
        if progress is not None:
            progress(items, counts)

    try:
        with open_import(job.source_path, format=job.format or None) as run:
            ImportJob.objects.filter(pk=job.pk).update(format=run.format)
            job.format = run.format
            remaining = islice(iter(run), job.position, None)
            ingest_snapshots(account=job.account, snapshots=remaining, batch_size=batch_size, job=job,
                             on_batch=beat)
            _job_succeed(job, run.summary)
    except CaptureError as exc:
        _job_fail(job, str(exc))
        raise
    tree_head_sign()
    return job


def _job_move(job: ImportJob, status: str, **fields) -> None:
    if not job_may_move(job.status, status):
        raise ValidationError({"status": f"an import that is {job.get_status_display().lower()} cannot "
                                         f"become {JobStatus(status).label.lower()}"})
    job.status = status
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=["status", *fields])


def _job_begin(job: ImportJob) -> None:
    job.refresh_from_db()
    digest = source_sha256(job.source_path)
    if job.source_sha256 and job.source_sha256 != digest:
        reason = "the source changed since this import began; start a new import"
        _job_fail(job, reason)
        raise ValidationError({"path": reason})
    with transaction.atomic():
        resuming = job.position > 0
        _job_move(job, JobStatus.RUNNING, source_sha256=digest, error="",
                  started_at=job.started_at or timezone.now(), heartbeat_at=timezone.now())
        _log(job, f"resumed after item {job.position} ({job.last_item_id})" if resuming else "started")
        audit_record(action="archive.import_started", target=job, agency_id=job.account.agency_id,
                     after={"source_sha256": digest, "position": job.position})


def _job_succeed(job: ImportJob, summary: ImportSummary) -> None:
    with transaction.atomic():
        job.skipped, job.skipped_reasons = summary.skipped_count, dict(summary.skipped_reasons)
        _job_move(job, JobStatus.SUCCEEDED, skipped=job.skipped, skipped_reasons=job.skipped_reasons,
                  finished_at=timezone.now())
        for note in summary.notes:
            _log(job, f"note: {note}")
        _log(job, "finished: " + ", ".join(f"{name.replace('_', ' ')} {value}"
                                           for name, value in job.counters.items()))
        audit_record(action="archive.import_finished", target=job, agency_id=job.account.agency_id,
                     after={**job.counters, "items": job.position, "skipped_reasons": job.skipped_reasons})


def _job_fail(job: ImportJob, reason: str) -> None:
    with transaction.atomic():
        job.refresh_from_db()
        _job_move(job, JobStatus.FAILED, error=reason, finished_at=timezone.now())
        _log(job, f"failed: {reason}")
        audit_record(action="archive.import_failed", target=job, agency_id=job.account.agency_id,
                     after={"error": reason, "position": job.position})


def _heartbeat(job: ImportJob) -> None:
    job.heartbeat_at = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=job.heartbeat_at)


def import_job_resume(*, actor, job: ImportJob) -> ImportJob:
    """Queue a failed (or interrupted) job again; the task carries on after its last committed batch."""
    from socialgov.archive.tasks import import_job_run_task

    require(actor, "archive.import_records", job.account)
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().select_related("account").get(pk=job.pk)
        if job.status != JobStatus.FAILED:
            raise ValidationError({"status": f"only a failed import can be resumed; this one is "
                                             f"{job.get_status_display().lower()}"})
        _log(job, f"resume requested by {actor} (after item {job.position})")
        audit_record(action="archive.import_resume_requested", actor=actor, target=job,
                     agency_id=job.account.agency_id, after={"position": job.position})
        transaction.on_commit(lambda: import_job_run_task.enqueue(job.pk))
    return job


def stale_after() -> timedelta:
    return timedelta(seconds=settings.ARCHIVE_IMPORT_STALE_AFTER)


def import_jobs_sweep(*, now=None) -> list[ImportJob]:
    """Mark failed every running job with no progress for ``ARCHIVE_IMPORT_STALE_AFTER`` seconds.

    A process killed mid-import leaves its job "running" forever; failed, it can be resumed from
    its checkpoint (on its page, or by running the same import command again).
    """
    now = now or timezone.now()
    cutoff = now - stale_after()
    last_progress = Coalesce("heartbeat_at", "started_at", "created_at")
    swept = []
    for job in ImportJob.objects.annotate(last_progress=last_progress).filter(
            status=JobStatus.RUNNING, last_progress__lt=cutoff).select_related("account").order_by("pk"):
        with transaction.atomic():
            # Re-check under a lock: a batch may have landed since the query above.
            current = ImportJob.objects.select_for_update().annotate(last_progress=last_progress).filter(
                pk=job.pk, status=JobStatus.RUNNING, last_progress__lt=cutoff).first()
            if current is None:
                continue
            since = timezone.localtime(current.last_progress)
            _job_fail(job, f"interrupted: no progress since {since:%Y-%m-%d %H:%M:%S %Z} "
                           f"(after item {current.position}); resume it to carry on from there")
        job.refresh_from_db()
        swept.append(job)
    return swept


def _log(job: ImportJob, line: str) -> None:
    job.log = [*job.log, f"{timezone.now():%Y-%m-%d %H:%M:%S %Z} {line}"]
    ImportJob.objects.filter(pk=job.pk).update(log=job.log)


__all__ = ["OUTCOMES", "import_job_resumable", "import_job_resume", "import_job_run", "import_job_start",
           "import_jobs_sweep", "source_sha256"]
