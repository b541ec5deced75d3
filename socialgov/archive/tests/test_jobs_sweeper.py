"""The sweeper: an import left "running" by a killed process is failed so it can be resumed."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from socialgov.archive.models import ImportJob
from socialgov.archive.services.jobs import import_job_run, import_jobs_sweep
from socialgov.archive.tasks import import_jobs_sweep_task
from socialgov.archive.tests.conftest import write_x_archive
from socialgov.archive.workflows import JobStatus
from socialgov.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _running(account, source, *, quiet_for: timedelta, position: int = 0) -> ImportJob:
    now = timezone.now()
    return ImportJob.objects.create(account=account, source_name=str(source), source_path=str(source),
                                    status=JobStatus.RUNNING, position=position, started_at=now - quiet_for,
                                    heartbeat_at=now - quiet_for)


def test_a_job_without_progress_for_longer_than_the_setting_is_failed_and_named(account, tmp_path, settings):
    settings.ARCHIVE_IMPORT_STALE_AFTER = 600
    source = write_x_archive(tmp_path / "x", tweets=3)
    stale = _running(account, source, quiet_for=timedelta(minutes=11), position=2)
    fresh = _running(account, source, quiet_for=timedelta(minutes=9))
    assert import_jobs_sweep() == [stale]
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == JobStatus.FAILED and fresh.status == JobStatus.RUNNING
    assert stale.error.startswith("interrupted: no progress since ")
    assert "(after item 2); resume it to carry on from there" in stale.error
    assert stale.log[-1].endswith("failed: " + stale.error)
    assert AuditEvent.objects.filter(action="archive.import_failed", target_id=str(stale.pk)).exists()
    assert import_jobs_sweep() == []      # swept once


def test_a_swept_job_resumes_from_its_checkpoint_to_the_end(account, tmp_path, settings):
    settings.ARCHIVE_IMPORT_STALE_AFTER = 60
    source = write_x_archive(tmp_path / "x", tweets=6)
    job = ImportJob.objects.create(account=account, source_name="x", source_path=str(source))
    import_job_run(job=job, batch_size=100)
    finished = job.counters
    job = ImportJob.objects.create(account=account, source_name="x", source_path=str(source))
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING,
                                               heartbeat_at=timezone.now() - timedelta(hours=1))
    [swept] = import_jobs_sweep()
    import_job_run(job=swept)
    swept.refresh_from_db()
    assert swept.status == JobStatus.SUCCEEDED and swept.unchanged == finished["new"] == 6


def test_a_job_never_heartbeating_counts_from_its_start(account, tmp_path, settings):
    settings.ARCHIVE_IMPORT_STALE_AFTER = 60
    source = write_x_archive(tmp_path / "x", tweets=1)
    job = _running(account, source, quiet_for=timedelta(minutes=5))
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=None)
    assert [j.pk for j in import_jobs_sweep()] == [job.pk]


def test_running_a_job_moves_its_heartbeat(account, tmp_path):
    source = write_x_archive(tmp_path / "x", tweets=4)
    job = ImportJob.objects.create(account=account, source_name="x", source_path=str(source))
    before = timezone.now()
    seen = []
    import_job_run(job=job, batch_size=2, progress=lambda items, counts: seen.append(
        ImportJob.objects.get(pk=job.pk).heartbeat_at))
    assert len(seen) == 2 and all(beat >= before for beat in seen) and seen[0] <= seen[1]


def test_the_command_and_the_task_sweep(account, tmp_path, settings):
    settings.ARCHIVE_IMPORT_STALE_AFTER = 60
    source = write_x_archive(tmp_path / "x", tweets=1)
    out = StringIO()
    call_command("archive", "sweep-jobs", stdout=out)
    assert "No running import has been without progress for more than 0:01:00." in out.getvalue()
    job = _running(account, source, quiet_for=timedelta(minutes=5))
    call_command("archive", "sweep-jobs", stdout=out)
    assert f"Import #{job.pk} ({source}) marked failed: interrupted: no progress since" in out.getvalue()
    other = _running(account, source, quiet_for=timedelta(minutes=5))
    assert import_jobs_sweep_task.call() == [other.pk]
