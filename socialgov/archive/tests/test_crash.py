"""Crash and resume: ``kill -9`` an import half-way, run it again, and nothing is duplicated or lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from socialgov.archive.models import (
    Blob,
    ImportJob,
    LogLeaf,
    Record,
    RecordVersion,
    SignedTreeHeadRecord,
    Tombstone,
)
from socialgov.archive.selectors import archive_counts
from socialgov.archive.services import archive_verify
from socialgov.archive.tests.conftest import make_account, write_x_archive
from socialgov.archive.workflows import JobStatus
from socialgov.moderation.tasks import ids_of

ROOT = Path(__file__).resolve().parents[3]
TWEETS, DELETED, MEDIA_EVERY = 2500, 40, 20
ITEMS = TWEETS + DELETED


def database_url() -> str:
    """The test database, as the subprocess must reach it."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def import_command(account_id: int, archive: Path, blob_dir: Path) -> tuple[list[str], dict[str, str]]:
    env = {**os.environ, "DATABASE_URL": database_url(), "SOCIALGOV_DATA_DIR": str(settings.DATA_DIR),
           "ARCHIVE_STORAGE_OPTIONS": json.dumps({"location": str(blob_dir)}), "DJANGO_SETTINGS_MODULE":
           "config.settings"}
    args = [sys.executable, str(ROOT / "manage.py"), "import", "--account", str(account_id), str(archive),
            "--batch-size", "100"]
    return args, env


def committed_position(account) -> int:
    return ImportJob.objects.filter(account=account).values_list("position", flat=True).first() or 0


def kill_mid_way(args: list[str], env: dict[str, str], account) -> int:
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while committed_position(account) < ITEMS // 4 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, process.stderr.read().decode()[-2000:]
    return committed_position(account)


@pytest.mark.django_db(transaction=True)
def test_an_import_killed_mid_way_resumes_with_no_duplicates_and_nothing_lost(world, tmp_path, blob_dir):
    account = make_account(world)
    archive = write_x_archive(tmp_path / "x", tweets=TWEETS, deleted=DELETED, media_every=MEDIA_EVERY)
    args, env = import_command(account.pk, archive, blob_dir)

    stopped_at = kill_mid_way(args, env, account)
    assert 0 < stopped_at < ITEMS, "the import was not killed mid-way"
    assert archive_counts(account)["records"] == stopped_at   # the batch in flight left nothing behind

    finished = subprocess.run(args, env=env, capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert f"Resuming import #{ImportJob.objects.get().pk} after item {stopped_at}" in finished.stdout

    job = ImportJob.objects.get()
    assert (job.status, job.position, job.new, job.deleted) == (JobStatus.SUCCEEDED, ITEMS, ITEMS, DELETED)
    assert archive_counts(account) == {"records": ITEMS, "versions": ITEMS, "tombstones": DELETED}
    assert LogLeaf.objects.count() == RecordVersion.objects.count() + Tombstone.objects.count() == ITEMS + DELETED
    assert LogLeaf.objects.filter(version__isnull=False).values("version").distinct().count() == ITEMS
    assert Blob.objects.count() == TWEETS // MEDIA_EVERY                       # the photos
    # Every batch that landed queued its records' classification with it, the killed run's too: each
    # record is in exactly one task (the task is written in the batch's transaction, not after it).
    queued = [pk for task in DBTaskResult.objects.filter(task_path__endswith="records_classify_task")
              for pk in ids_of(task.args_kwargs["args"][1])]
    assert sorted(queued) == sorted(Record.objects.filter(account=account).values_list("pk", flat=True))
    assert RecordVersion.objects.filter(raw__isnull=False).count() == ITEMS      # each raw payload, with its version
    assert SignedTreeHeadRecord.objects.latest().tree_size == ITEMS + DELETED
    report = archive_verify()
    assert report.ok, [str(p) for p in report.problems]

    again = subprocess.run(args, env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and f"unchanged: {ITEMS}" in again.stdout
    assert LogLeaf.objects.count() == ITEMS + DELETED
