"""``socialgov import``, the import job and its background task."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from socialgov.archive.models import ImportJob, LogLeaf, Record, SignedTreeHeadRecord
from socialgov.archive.selectors import archive_counts, import_jobs_visible_to
from socialgov.archive.services import archive_verify, import_job_start
from socialgov.archive.tests.conftest import write_x_archive
from socialgov.archive.workflows import JOB_TRANSITIONS, JobStatus, job_may_move
from socialgov.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def run_import(account, path, *extra) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import", "--account", str(account.pk), str(path), *extra, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_import_reads_an_export_into_the_account_and_prints_a_summary(account, tmp_path):
    archive = write_x_archive(tmp_path / "x", tweets=30, deleted=3, media_every=10)
    out = run_import(account, archive, "--batch-size", "7")
    assert "33 items read" in out and "new: 33" in out and "deleted: 3" in out
    assert archive_counts(account) == {"records": 33, "versions": 33, "tombstones": 3}
    job = ImportJob.objects.get()
    assert (job.status, job.format, job.position, job.new) == (JobStatus.SUCCEEDED, "x-archive", 33, 33)
    assert SignedTreeHeadRecord.objects.get().tree_size == LogLeaf.objects.count() == 36
    assert archive_verify().ok


def test_importing_the_same_export_again_changes_nothing(account, tmp_path):
    archive = write_x_archive(tmp_path / "x", tweets=12, deleted=2, media_every=3)
    run_import(account, archive)
    before = (archive_counts(account), LogLeaf.objects.count())
    out = run_import(account, archive)
    assert "unchanged: 14" in out and "new: 0" in out
    assert (archive_counts(account), LogLeaf.objects.count()) == before


def test_a_broken_item_names_file_item_and_reason_and_stores_nothing_of_its_batch(account, tmp_path):
    archive = write_x_archive(tmp_path / "x", tweets=25)
    tweets = archive / "data" / "tweets.js"
    # The 23rd tweet loses its id: batches of 10 mean items 1-20 land, the batch of 21-25 does not.
    tweets.write_text(tweets.read_text().replace('"id_str": "10022"', '"x": ""').replace('"id": "10022"', '"y": ""'))
    expected = r"import failed at file data/tweets.js, item 22: unexpected structure: missing field 'id'"
    with pytest.raises(CommandError, match=expected):
        run_import(account, archive, "--batch-size", "10")
    assert Record.objects.count() == 20
    job = ImportJob.objects.get()
    assert (job.status, job.position) == (JobStatus.FAILED, 20)
    assert "data/tweets.js, item 22" in job.error and job.log[-1].endswith(job.error)


def test_an_unknown_account_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="no account with id 999"):
        call_command("import", "--account", "999", str(tmp_path))


def test_a_changed_source_is_not_resumed_into_the_old_job(account, tmp_path):
    archive = write_x_archive(tmp_path / "x", tweets=5)
    run_import(account, archive)
    (archive / "data" / "tweets.js").write_text((archive / "data" / "tweets.js").read_text().replace(
        "Update number 10001", "Update number 10001 (edited)"))
    out = run_import(account, archive)
    assert "new versions: 1" in out and ImportJob.objects.count() == 2


def test_the_background_job_imports_an_upload_and_keeps_a_visible_record(world, account, tmp_path,
                                                                         django_capture_on_commit_callbacks):
    archive = write_x_archive(tmp_path / "x", tweets=4)
    js = (archive / "data" / "tweets.js").read_bytes()
    upload = SimpleUploadedFile("tweets.js", js, content_type="application/javascript")
    with django_capture_on_commit_callbacks(execute=True):  # the test settings run tasks immediately
        job = import_job_start(actor=world.user("records_officer"), account=account, path_or_upload=upload)
    job.refresh_from_db()
    assert (job.status, job.new, job.created_by) == (JobStatus.SUCCEEDED, 4, world.user("records_officer"))
    assert job in import_jobs_visible_to(world.user("records_officer"))
    assert AuditEvent.objects.filter(action="archive.import_finished", target_id=str(job.pk)).exists()


def test_only_records_officers_and_agency_admins_may_start_an_import(world, account, tmp_path):
    write_x_archive(tmp_path / "x", tweets=1)
    with pytest.raises(PermissionDenied):
        import_job_start(actor=world.user("employee"), account=account, path_or_upload=tmp_path / "x")
    assert ImportJob.objects.count() == 0


@pytest.mark.parametrize("current", list(JobStatus))
@pytest.mark.parametrize("new", list(JobStatus))
def test_job_transitions(current, new):
    allowed = {(JobStatus.QUEUED, JobStatus.RUNNING), (JobStatus.QUEUED, JobStatus.FAILED),
               (JobStatus.RUNNING, JobStatus.RUNNING), (JobStatus.RUNNING, JobStatus.SUCCEEDED),
               (JobStatus.RUNNING, JobStatus.FAILED), (JobStatus.FAILED, JobStatus.RUNNING)}
    assert job_may_move(current, new) == ((current, new) in allowed)
    assert set(JOB_TRANSITIONS) == set(JobStatus)


def test_running_the_import_task_again_does_nothing_more(world, account, tmp_path,
                                                         django_capture_on_commit_callbacks):
    from socialgov.archive.tasks import import_job_run_task

    write_x_archive(tmp_path / "x", tweets=3)
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_start(actor=None, account=account, path_or_upload=tmp_path / "x")
    assert import_job_run_task.enqueue(job.pk).return_value == {"new": 3, "new_versions": 0, "deleted": 0,
                                                                 "unchanged": 0, "skipped": 0}
    assert LogLeaf.objects.count() == 3
