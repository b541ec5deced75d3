"""Labels on records (e.g. "confidential" for case information): added and lifted, never deleted.

A confidential label narrows who may see the record to the roles the pack in force names
(``selectors.records_visible_to``); the record and its versions are never changed. Every label
and every lifting is audited, with the reason.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from socialgov.archive.models import Record, RecordLabel
from socialgov.core.audit import audit_record
from socialgov.core.permissions import require

LABELS = (RecordLabel.CONFIDENTIAL,)


def current_label(record: Record, label: str = RecordLabel.CONFIDENTIAL) -> RecordLabel | None:
    return RecordLabel.objects.filter(record=record, label=label, removed_at__isnull=True).first()


def record_label_add(*, actor, record: Record, reason: str, label: str = RecordLabel.CONFIDENTIAL) -> RecordLabel:
    require(actor, "search.label_records", record.account)
    if label not in LABELS:
        raise ValidationError({"label": f"Unknown label {label!r}: use one of {', '.join(LABELS)}."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the record is labelled, e.g. it reveals case information."})
    with transaction.atomic():
        Record.objects.select_for_update().filter(pk=record.pk).first()
        if current_label(record, label) is not None:
            raise ValidationError(f"The record is already labelled {label}.")
        try:
            with transaction.atomic():
                made = RecordLabel.objects.create(record=record, label=label, reason=reason.strip(),
                                                  labelled_by=actor)
        except IntegrityError as exc:
            raise ValidationError(f"The record is already labelled {label}.") from exc
        audit_record(action="archive.record.label", actor=actor, target=record, agency_id=record.account.agency_id,
                     after={"label": label, "reason": made.reason})
    return made


def record_label_lift(*, actor, record: Record, reason: str, label: str = RecordLabel.CONFIDENTIAL) -> RecordLabel:
    require(actor, "search.label_records", record.account)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the label is lifted."})
    with transaction.atomic():
        Record.objects.select_for_update().filter(pk=record.pk).first()
        held = current_label(record, label)
        if held is None:
            raise ValidationError(f"The record is not labelled {label}.")
        held.removed_at, held.removed_by, held.removal_reason = timezone.now(), actor, reason.strip()
        held.save(update_fields=["removed_at", "removed_by", "removal_reason"])
        audit_record(action="archive.record.unlabel", actor=actor, target=record,
                     agency_id=record.account.agency_id, before={"label": label, "reason": held.reason},
                     after={"label": None, "reason": held.removal_reason})
    return held
