"""The lifecycles of the archive: a record's status and an import job's status (pure Python)."""

from __future__ import annotations

from django.db import models


class RecordStatus(models.TextChoices):
    PRESENT = "present", "Present on the platform"
    DELETED = "deleted", "Deleted on the platform (tombstone)"
    HIDDEN = "hidden", "Hidden on the platform"
    REMOVED = "removed", "Removed by a moderator"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


# A failed or interrupted job runs again from its checkpoint; a finished one is never reopened.
JOB_TRANSITIONS: dict[str, set[str]] = {
    JobStatus.QUEUED: {JobStatus.RUNNING, JobStatus.FAILED},
    JobStatus.RUNNING: {JobStatus.RUNNING, JobStatus.SUCCEEDED, JobStatus.FAILED},
    JobStatus.FAILED: {JobStatus.RUNNING},
    JobStatus.SUCCEEDED: set(),
}


def job_may_move(current: str, new: str) -> bool:
    return new in JOB_TRANSITIONS.get(current, set())
