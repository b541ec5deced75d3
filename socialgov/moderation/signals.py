"""Listening to the archive: each ingest batch's new and changed records are classified in the background.

The task is queued in the batch's own transaction (``archive.signals``): a batch never lands without it.
"""

from __future__ import annotations


def on_records_captured(sender, account_id: int, record_ids: list[int], **kwargs) -> None:
    from socialgov.moderation.tasks import id_runs, records_classify_task

    records_classify_task.enqueue(account_id, id_runs(record_ids))   # one task a batch
