"""The one change moderation makes to a record: where it stands on the platform (audited).

Added for the moderation app: a moderator hides, removes or restores a comment; the record, its
versions and its log leaves stay exactly as captured. Only ``Record.status`` changes.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from socialgov.archive.models import Record
from socialgov.archive.workflows import RecordStatus
from socialgov.core.audit import audit_record

SETTABLE = (RecordStatus.PRESENT, RecordStatus.HIDDEN, RecordStatus.REMOVED)


@transaction.atomic
def record_moderation_status_set(*, actor, record: Record, status: str, reason: str, reference: str = "") -> Record:
    """Set ``record``'s status to present, hidden or removed, with an audit event naming why."""
    if status not in SETTABLE:
        raise ValidationError(f"A moderator can set a record to {', '.join(SETTABLE)}, not {status!r}.")
    record = Record.objects.select_for_update().get(pk=record.pk)
    if record.status == RecordStatus.DELETED:
        raise ValidationError("The platform already deleted this record; its status stays 'deleted'.")
    before = record.status
    record.status = status
    record.save(update_fields=["status"])
    audit_record(action="archive.record_status_set", actor=actor, target=record, agency_id=record.account.agency_id,
                 before={"status": before}, after={"status": status, "reason": reason, "reference": reference})
    return record
