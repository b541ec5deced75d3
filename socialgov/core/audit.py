"""The audit trail.

Design principle: an audit event, once written, is never changed or removed. Each event's hash
covers its content and the previous event's hash, so any change to the stored history (an edited
value, an inserted or a removed event, events cut off the end) is found by ``verify_chain`` and
named by its sequence number. The application refuses updates and deletes; on PostgreSQL and
SQLite a trigger refuses UPDATE, and on PostgreSQL DELETE too.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from django.db import models, transaction

from socialgov.core import context
from socialgov.core.models import AuditChainHead, AuditEvent

GENESIS = "0" * 64
REDACTED = "[redacted]"
# Keys whose values are secrets. Whole-word-ish on purpose: "password" but not "costs_passed".
_SECRET_KEY = re.compile(
    r"pass(word|phrase|wd)|\bpass\b|secret|token|api[_-]?key|private[_-]?key|credential|recovery|ciphertext",
    re.I)


def redact(value: Any) -> Any:
    """Replace any value held under a secret-sounding key, at any depth."""
    if isinstance(value, dict):
        return {k: (REDACTED if _SECRET_KEY.search(str(k)) else redact(v)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact(v) for v in value]
    return value


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value.pk)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _canonical_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def event_hash(event: AuditEvent) -> str:
    body = {
        "seq": event.seq,
        "occurred_at": _canonical_time(event.occurred_at),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "target_repr": event.target_repr,
        "agency_id": event.agency_id,
        "before": event.before,
        "after": event.after,
        "request_id": event.request_id,
        "ip_address": event.ip_address,
        "via": event.via,
        "prev_hash": event.prev_hash,
    }
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _actor_label(actor) -> str:
    if actor is None:
        return "system"
    person = getattr(actor, "person", None)
    name = getattr(person, "full_name", "") or actor.get_full_name()
    return f"{name} ({actor.get_username()})" if name else actor.get_username()


def _target_fields(target: models.Model | None) -> dict[str, str]:
    if target is None:
        return {"target_type": "", "target_id": "", "target_repr": ""}
    return {
        "target_type": target._meta.label_lower,
        "target_id": str(target.pk),
        "target_repr": str(target)[:300],
    }


def audit_record(
    *,
    action: str,
    actor=None,
    target: models.Model | None = None,
    agency_id: int | None = None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEvent:
    """Append one event to the chain. Call inside the service's transaction."""
    ctx = context.current()
    with transaction.atomic():
        head = _locked_head()
        event = AuditEvent(
            seq=head.seq + 1,
            actor=actor if actor is not None and actor.is_authenticated else None,
            actor_label=_actor_label(actor if actor is not None and actor.is_authenticated else None),
            action=action,
            agency_id=agency_id,
            before=redact(_jsonable(before)) if before is not None else None,
            after=redact(_jsonable(after)) if after is not None else None,
            request_id=ctx.request_id,
            ip_address=ctx.ip_address,
            via=ctx.via,
            prev_hash=head.hash,
            **_target_fields(target),
        )
        event.hash = event_hash(event)
        event.save()
        AuditChainHead.objects.filter(pk=head.pk).update(seq=event.seq, hash=event.hash)
    return event


def _locked_head() -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head, _ = AuditChainHead.objects.get_or_create(pk=1)
    return head


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of an instance, as audit before/after values."""
    return {name: _jsonable(getattr(instance, name)) for name in fields}


@dataclass
class ChainProblem:
    seq: int | None
    event_id: int | None
    kind: str  # altered | inserted | removed | truncated | head
    detail: str

    def __str__(self) -> str:
        where = f"event #{self.seq} (id {self.event_id})" if self.seq is not None else "chain"
        return f"{self.kind}: {where}: {self.detail}"


@dataclass
class ChainReport:
    events_checked: int = 0
    problems: list[ChainProblem] = field(default_factory=list)
    head_seq: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_problem(self) -> ChainProblem | None:
        return self.problems[0] if self.problems else None


def verify_chain() -> ChainReport:
    """Recompute every hash in order and report where the stored history differs."""
    report = ChainReport()
    prev: AuditEvent | None = None
    before_prev_hash = None
    for event in AuditEvent.objects.order_by("seq", "id").iterator(chunk_size=2000):
        report.events_checked += 1
        _check_event(event, prev, before_prev_hash, report)
        before_prev_hash = prev.hash if prev else GENESIS
        prev = event
    _check_head(prev, report)
    return report


def _check_event(event: AuditEvent, prev: AuditEvent | None, before_prev_hash: str | None,
                 report: ChainReport) -> None:
    if event_hash(event) != event.hash:
        report.problems.append(ChainProblem(event.seq, event.pk, "altered",
                                            "its content no longer matches its hash"))
    expected_prev = prev.hash if prev else GENESIS
    expected_seq = prev.seq + 1 if prev else 1
    if event.prev_hash == expected_prev and event.seq == expected_seq:
        return
    if prev is not None and event.prev_hash == before_prev_hash:
        report.problems.append(ChainProblem(prev.seq, prev.pk, "inserted",
                                            f"event #{event.seq} links past it to the event before"))
    elif event.seq > expected_seq or event.prev_hash != expected_prev:
        missing = event.seq - expected_seq
        detail = (f"{missing} event(s) missing before it (seq {expected_seq}–{event.seq - 1})"
                  if missing > 0 else "it does not link to the event before it")
        report.problems.append(ChainProblem(event.seq, event.pk, "removed", detail))
    else:
        report.problems.append(ChainProblem(event.seq, event.pk, "inserted",
                                            f"sequence number {event.seq} is out of order"))


def _check_head(last: AuditEvent | None, report: ChainReport) -> None:
    head = AuditChainHead.objects.filter(pk=1).first()
    report.head_seq = head.seq if head else 0
    last_seq = last.seq if last else 0
    if head is None:
        if last is not None:
            report.problems.append(ChainProblem(None, None, "head", "the chain head record is missing"))
        return
    if head.seq > last_seq:
        report.problems.append(ChainProblem(last_seq + 1, None, "truncated",
                                            f"events #{last_seq + 1}–#{head.seq} were removed from the end"))
    elif last is not None and (head.seq != last.seq or head.hash != last.hash):
        report.problems.append(ChainProblem(last.seq, last.pk, "head",
                                            "the last event does not match the recorded chain head"))
