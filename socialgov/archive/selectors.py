"""Reads of the archive: every list takes the user and returns only what that user may see."""

from __future__ import annotations

from django.db.models import QuerySet

from socialgov.agencies.selectors import person_of
from socialgov.archive.models import ImportJob, Record, RecordVersion


def _agency_ids(user) -> set[int]:
    if user.is_superuser:
        return set()
    person = person_of(user)
    return {person.agency_id} if person is not None else {-1}


def records_visible_to(user) -> QuerySet[Record]:
    found = Record.objects.select_related("account", "current_version")
    return found if user.is_superuser else found.filter(account__agency_id__in=_agency_ids(user))


def import_jobs_visible_to(user) -> QuerySet[ImportJob]:
    found = ImportJob.objects.select_related("account")
    return found if user.is_superuser else found.filter(account__agency_id__in=_agency_ids(user))


def versions_of(record: Record) -> QuerySet[RecordVersion]:
    """All versions of a record, oldest first: nothing captured is ever dropped."""
    return record.versions.order_by("number")


def archive_counts(account) -> dict[str, int]:
    """How many records, versions and tombstones an account has (import summaries, tests)."""
    records = Record.objects.filter(account=account)
    return {"records": records.count(), "versions": RecordVersion.objects.filter(record__account=account).count(),
            "tombstones": records.filter(tombstone__isnull=False).count()}
