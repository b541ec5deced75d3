"""Background work of moderation: thin, idempotent, by id."""

from __future__ import annotations

from django_tasks import task

from socialgov.moderation.services import records_classify


@task()
def records_classify_task(account_id: int, record_ids: list[int]) -> int:
    """Classify newly captured comments of an account; returns the number of cases opened or updated."""
    return len(records_classify(account_id=account_id, record_ids=record_ids))
