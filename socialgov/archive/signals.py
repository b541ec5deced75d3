"""Signals other apps listen to, so the archive never imports them (moderation, monitoring).

``records_captured`` is sent once per ingest batch, inside the batch's transaction once its rows are
written, with ``account_id`` and ``record_ids``: the records that are new or have a new version in the
batch. Listeners record the work to do (a task queued in the database), which then commits with the
batch or not at all: a process killed just after a commit cannot have taken it away, as it could
when listeners ran after the commit. They must be quick, since the import waits for them, and an
exception in one rolls the batch back.
"""

from django.dispatch import Signal

records_captured = Signal()
