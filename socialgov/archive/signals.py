"""Signals other apps listen to, so the archive never imports them (moderation, monitoring).

``records_captured`` is sent once per committed ingest batch, after the commit, with
``account_id`` and ``record_ids``: the records that are new or have a new version in the batch.
Listeners must be quick (enqueue a task); the import waits for them.
"""

from django.dispatch import Signal

records_captured = Signal()
