"""Listening to the archive: each committed ingest batch is classified in the background."""

from __future__ import annotations

BATCH = 200


def on_records_captured(sender, account_id: int, record_ids: list[int], **kwargs) -> None:
    from django.db import transaction

    from socialgov.moderation.tasks import records_classify_task

    ids = list(record_ids)
    with transaction.atomic():     # the batch's tasks are queued with one commit, not one each
        for at in range(0, len(ids), BATCH):
            records_classify_task.enqueue(account_id, ids[at:at + BATCH])
