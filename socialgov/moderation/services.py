"""Every write of moderation: cases from classifier findings, decisions, removals that preserve first."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from socialgov.accounts.models import Account
from socialgov.accounts.selectors import designation_holder, pack_of
from socialgov.agencies.roles import DesignationKind, Role
from socialgov.agencies.selectors import users_with_role
from socialgov.archive.models import Record
from socialgov.archive.services.moderation import record_moderation_status_set
from socialgov.archive.workflows import RecordStatus
from socialgov.classifiers import LABELS, Registry, context_for, registry_for
from socialgov.core.audit import audit_record
from socialgov.core.permissions import require
from socialgov.core.services import notify
from socialgov.moderation import policy, selectors
from socialgov.moderation.models import Case, Decision, Finding, ManualTask, PreservedCopy, TaskKind
from socialgov.moderation.workflows import (
    ACTING,
    CLOSING,
    OUTCOME_OF,
    SEVERITY_RANK,
    CaseStatus,
    DecisionKind,
    DecisionState,
    Severity,
    allowed_decisions,
    may_reopen,
    severity_of,
)
from socialgov.policies.selectors import pack_in_force

D = DecisionKind
# What is classified: what people write to the account, not what the account itself publishes.
CLASSIFIED_KINDS = ("comment", "reply")


# --- classification -------------------------------------------------------------------------------

def _own(account: Account, record: Record) -> bool:
    handle = account.handle.lstrip("@").split("@")[0].lower()
    return bool(handle) and record.author_handle.lstrip("@").split("@")[0].lower() == handle


def records_classify(*, account_id: int, record_ids: Iterable[int], registry: Registry | None = None) -> list[Case]:
    """Classify the captured comments and replies among ``record_ids`` (their current version) and open or
    update one case per flagged record. Idempotent: a version already classified is skipped.

    Findings live only on cases, so a comment whose findings are all labels of the pack's
    ``moderation.no_case_when_alone`` (default ``off_topic``) opens no case and keeps no finding: such a label
    alone is too weak a signal to queue. It still joins an open case of the same comment, and a later version
    with another finding opens a case as usual."""
    account = Account.objects.select_related("agency", "department").get(pk=account_id)
    pack = pack_of(account.agency)
    registry = registry or registry_for(policy.classifier_section(pack))
    context = context_for(policy.classifier_pack_data(pack), {"purpose": account.purpose})
    records = list(Record.objects.filter(pk__in=list(record_ids), account=account, kind__in=CLASSIFIED_KINDS,
                                         current_version__isnull=False).select_related("current_version"))
    records = [r for r in records if not _own(account, r)]
    if not records:
        return []
    texts = [r.current_version.text for r in records]
    cases = []
    for record, findings in zip(records, registry.classify_many(texts, context), strict=True):
        if findings:
            case = _case_update(account, record, findings, pack)
            if case is not None:
                cases.append(case)
    return cases


@transaction.atomic
def _case_update(account: Account, record: Record, findings, pack) -> Case | None:
    version = record.current_version
    case = Case.objects.select_for_update().filter(record=record).exclude(status=CaseStatus.CLOSED).first()
    if case is not None and case.findings.filter(version=version).exists():
        return None  # this version was classified already
    labels = sorted({f.label for f in findings})
    if case is None and set(labels) <= policy.no_case_when_alone(pack):
        return None  # too weak alone to open a case (see records_classify)
    if case is None:
        case = Case(account=account, record=record, version=version)
        action = "moderation.case_opened"
    else:
        labels = sorted(set(case.labels) | set(labels))
        case.version = version
        action = "moderation.case_updated"
    severity = severity_of(labels)
    case.labels = labels
    case.categories = sorted({LABELS[k].category if k in LABELS else k.partition(".")[0] for k in labels})
    case.severity, case.severity_rank = severity, SEVERITY_RANK[severity]
    case.updated_at = timezone.now()
    case.save()
    Finding.objects.bulk_create(Finding(
        case=case, version=version, label=f.label,
        category=LABELS[f.label].category if f.label in LABELS else f.label.partition(".")[0], score=f.score,
        start=f.start, end=f.end, explanation=f.explanation, classifier=f.classifier,
        classifier_version=f.classifier_version, severity=f.severity) for f in findings)
    audit_record(action=action, target=case, agency_id=account.agency_id,
                 after={"record": record.pk, "version": version.pk, "labels": labels, "severity": severity})
    if severity == Severity.URGENT and case.urgent_notified_at is None:
        _urgent_notify(case, pack)
    return case


def urgent_recipients(account: Account):
    """The PIO (over the account's department) and the department's designee (LAC-03 content moderator)."""
    users = list(users_with_role(account.agency, Role.PIO, account.department))
    holder = designation_holder(account.department, DesignationKind.CONTENT_MODERATOR)
    if holder is not None and holder.active and holder.user is not None:
        users.append(holder.user)
    return users


def _urgent_notify(case: Case, pack) -> None:
    """At once: the PIO and the designee get the comment's link and the pack's hotline procedure."""
    recipients = urgent_recipients(case.account)
    url = reverse("moderation-case", args=[case.account.agency.slug, case.pk])
    notify(recipients=recipients, event="moderation.urgent", agency_id=case.account.agency_id, url=url,
           subject=f"URGENT: a comment on {case.account.name} may report child abuse or neglect",
           body=policy.urgent_procedure(pack))
    case.urgent_notified_at = timezone.now()
    case.save(update_fields=["urgent_notified_at"])
    audit_record(action="moderation.urgent_notified", target=case, agency_id=case.account.agency_id,
                 after={"recipients": sorted(u.username for u in recipients)})


# --- decisions ------------------------------------------------------------------------------------

def _findings_snapshot(case: Case) -> list[dict]:
    return [f.snapshot() for f in case.findings.all()]


def _check(case: Case, kind: str, *, category: str, reason: str, escalated_to: str, referral_reference: str,
           notify_author: bool, author_notice: str) -> None:
    errors: dict[str, str] = {}
    if kind not in allowed_decisions(case.status, case.outcome) and case.status == CaseStatus.CLOSED:
        restore = " or restore the comment" if D.RESTORE in allowed_decisions(case.status, case.outcome) else ""
        raise ValidationError(f"This case is already closed ({case.get_outcome_display().lower()}): "
                              f"'{DecisionKind(kind).label}' was not recorded and nothing changed. "
                              f"Reopen the case with a reason to decide again{restore}.")
    if kind not in allowed_decisions(case.status, case.outcome):
        raise ValidationError(f"'{DecisionKind(kind).label}' is not possible on a case that is "
                              f"{case.get_status_display().lower()}"
                              f"{' (' + case.get_outcome_display().lower() + ')' if case.outcome else ''}.")
    if not reason.strip():
        errors["reason"] = "Give the reason for this decision; it is kept with it."
    if kind in (D.HIDE, D.REMOVE) and not category:
        errors["category"] = "Choose the policy category the comment breaks."
    if category and category not in dict(policy.category_choices()):
        errors["category"] = f"Unknown policy category {category!r}."
    if kind == D.ESCALATE and not escalated_to.strip():
        errors["escalated_to"] = "Name who was told (e.g. the PIO, the hotline)."
    if kind == D.ESCALATE and case.severity == Severity.URGENT and not referral_reference.strip():
        errors["referral_reference"] = "An urgent case needs the referral reference the hotline gave."
    if (notify_author or kind == D.NOTIFY) and not author_notice.strip():
        errors["author_notice"] = "Write the notice to the author, or untick 'notify the author'."
    if errors:
        raise ValidationError(errors)
    if case.severity == Severity.URGENT and case.escalated_at is None and kind in CLOSING:
        raise ValidationError("This comment may report child abuse or neglect: record the escalation first "
                              "(who was told, when, the referral reference). It is never removed silently.")


@transaction.atomic
def case_decide(*, actor, case: Case, kind: str, reason: str, category: str = "", notify_author: bool = False,
                author_notice: str = "", escalated_to: str = "", told_at: datetime | None = None,
                referral_reference: str = "") -> Decision:
    """Record one moderator decision; hide/remove/restore act on the record (remove preserves first)."""
    require(actor, "moderation.decide", case)
    case = Case.objects.select_for_update().select_related("account", "account__agency", "record").get(pk=case.pk)
    if kind in (D.APPROVE_REMOVAL, D.DECLINE_REMOVAL):
        return _second_person(actor=actor, case=case, kind=kind, reason=reason)
    _check(case, kind, category=category, reason=reason, escalated_to=escalated_to,
           referral_reference=referral_reference, notify_author=notify_author, author_notice=author_notice)
    adoption = pack_in_force(case.account.agency)
    pack = adoption.data if adoption else None
    pack_name, pack_version = policy.pack_identity(adoption)
    now = timezone.now()
    decision = Decision.objects.create(
        case=case, kind=kind, category=category, requirements=policy.category_requirements(category),
        pack_name=pack_name, pack_version=pack_version, pack_rule=policy.rule_for(pack, category) if category else "",
        findings=_findings_snapshot(case), moderator=actor, reason=reason.strip(),
        notify_author=notify_author or kind == D.NOTIFY, author_notice=author_notice.strip(),
        escalated_to=escalated_to.strip(), told_at=(told_at or now) if kind == D.ESCALATE else None,
        referral_reference=referral_reference.strip(), decided_at=now)
    if kind == D.ESCALATE:
        case.escalated_at = decision.told_at
        decision.effective_at = now
        decision.save(update_fields=["effective_at"])
        _tell(case, [u for u in urgent_recipients(case.account) if u.pk != actor.pk], "moderation.escalated",
              f"Escalated: a comment on {case.account.name}",
              f"{decision.escalated_to} was told ({decision.referral_reference or 'no referral reference'}). "
              f"Reason: {decision.reason}")
    elif kind == D.NOTIFY:
        decision.effective_at = now
        decision.save(update_fields=["effective_at"])
        _task(decision, TaskKind.AUTHOR_NOTICE, body=decision.author_notice)
    elif kind == D.REMOVE and policy.second_person(pack):
        decision.state = DecisionState.PENDING
        decision.save(update_fields=["state"])
        case.status = CaseStatus.PENDING_APPROVAL
        _tell(case, selectors.moderators_of(case.account).exclude(pk=actor.pk), "moderation.removal_to_approve",
              f"A removal on {case.account.name} waits for your approval",
              "The pack requires a second person for removals. Approve or decline it on the case page.")
    else:
        _take_effect(actor, case, decision, pack)
    case.updated_at = now
    case.assigned_to = case.assigned_to or actor
    case.save()
    audit_record(action=f"moderation.decision_{kind}", actor=actor, target=case, agency_id=case.account.agency_id,
                 after={"decision": decision.pk, "state": decision.state, "category": category,
                        "pack": f"{pack_name} {pack_version}".strip(), "rule": decision.pack_rule,
                        "reason": decision.reason, "findings": decision.findings,
                        "notify_author": decision.notify_author,
                        "escalated_to": decision.escalated_to, "referral_reference": decision.referral_reference})
    _monitoring_check(case.account, actor)
    return decision


@transaction.atomic
def case_reopen(*, actor, case: Case, reason: str) -> Case:
    """Move a closed case back to open so it can be decided again; the reason is kept in the case's decisions
    (as a reopen) and in the audit trail. The comment's standing (kept, hidden, removed) does not change."""
    require(actor, "moderation.decide", case)
    case = Case.objects.select_for_update().select_related("account", "account__agency").get(pk=case.pk)
    if not may_reopen(case.status):
        raise ValidationError(f"Only a closed case can be reopened; this one is {case.get_status_display().lower()}.")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for reopening the case; it is kept with it."})
    other = Case.objects.filter(record=case.record_id).exclude(status=CaseStatus.CLOSED).first()
    if other is not None:
        raise ValidationError(f"Case {other.pk} on the same comment is still open: decide it there instead.")
    pack_name, pack_version = policy.pack_identity(pack_in_force(case.account.agency))
    now = timezone.now()
    decision = Decision.objects.create(
        case=case, kind=D.REOPEN, pack_name=pack_name, pack_version=pack_version,
        findings=_findings_snapshot(case), moderator=actor, reason=reason.strip(), decided_at=now, effective_at=now)
    closed_at = case.closed_at
    case.status, case.closed_at, case.updated_at = CaseStatus.OPEN, None, now
    case.save(update_fields=["status", "closed_at", "updated_at"])
    audit_record(action="moderation.case_reopened", actor=actor, target=case, agency_id=case.account.agency_id,
                 before={"status": CaseStatus.CLOSED, "outcome": case.outcome,
                         "closed_at": closed_at.isoformat() if closed_at else None},
                 after={"status": CaseStatus.OPEN, "decision": decision.pk, "reason": decision.reason})
    return case


def _second_person(*, actor, case: Case, kind: str, reason: str) -> Decision:
    pending = selectors.pending_approvals(case)
    if case.status != CaseStatus.PENDING_APPROVAL or pending is None:
        raise ValidationError("No removal is waiting for a second approval on this case.")
    if pending.moderator_id == actor.pk:
        raise PermissionDenied("The pack requires a second person: you cannot approve your own removal.")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for this decision; it is kept with it."})
    adoption = pack_in_force(case.account.agency)
    now = timezone.now()
    decision = Decision.objects.create(
        case=case, kind=kind, category=pending.category, requirements=pending.requirements,
        pack_name=pending.pack_name, pack_version=pending.pack_version, pack_rule=pending.pack_rule,
        findings=pending.findings, moderator=actor, reason=reason.strip(), approves=pending, decided_at=now,
        effective_at=now)
    case.status = CaseStatus.OPEN
    if kind == D.APPROVE_REMOVAL:
        _take_effect(actor, case, pending, adoption.data if adoption else None, approved_by=actor)
    else:
        pending.state = DecisionState.DECLINED
        pending.save(update_fields=["state"])
    case.updated_at = now
    case.save()
    audit_record(action=f"moderation.decision_{kind}", actor=actor, target=case, agency_id=case.account.agency_id,
                 after={"decision": decision.pk, "removal": pending.pk, "reason": decision.reason})
    _monitoring_check(case.account, actor)
    return decision


def _take_effect(actor, case: Case, decision: Decision, pack, approved_by=None) -> None:
    """Put a decision in effect: for a removal, the preserved copy first (NJ-18), then the record's
    status, the platform task for the administrators, and the author notice when chosen."""
    now = timezone.now()
    kind = decision.kind
    if kind == D.REMOVE:
        preserve(actor=actor, case=case, decision=decision, pack=pack)
    if kind in ACTING:
        status = {D.HIDE: RecordStatus.HIDDEN, D.REMOVE: RecordStatus.REMOVED, D.RESTORE: RecordStatus.PRESENT}[kind]
        if kind != D.REMOVE or PreservedCopy.objects.filter(decision=decision).exists():
            record_moderation_status_set(actor=actor, record=case.record, status=status, reason=decision.reason,
                                         reference=f"moderation decision {decision.pk}")
        _task(decision, {D.HIDE: TaskKind.PLATFORM_HIDE, D.REMOVE: TaskKind.PLATFORM_REMOVE,
                         D.RESTORE: TaskKind.PLATFORM_RESTORE}[kind])
    if decision.notify_author and kind != D.NOTIFY:
        _task(decision, TaskKind.AUTHOR_NOTICE, body=decision.author_notice)
    decision.state = DecisionState.DONE
    decision.effective_at = now
    decision.save(update_fields=["state", "effective_at"])
    case.outcome = OUTCOME_OF[kind]
    case.status = CaseStatus.CLOSED
    case.closed_at = now
    if kind in ACTING:
        _notify_administrators(case, decision)


def preserve(*, actor, case: Case, decision: Decision, pack) -> PreservedCopy:
    """NJ-18: a copy of the comment with its metadata (author, date posted, original format), assigned to
    the pack's record series. Must run inside the removal's transaction, before the record's status changes."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("preserve() runs inside the removal's transaction")
    record = Record.objects.select_related("current_version").get(pk=case.record_id)
    version = record.current_version or case.version
    copy = PreservedCopy.objects.create(
        case=case, decision=decision, record=record, version=version, platform=record.platform,
        platform_item_id=record.platform_item_id, url=record.url, author_id=record.author_id,
        author_handle=record.author_handle, author_name=record.author_name, posted_at=record.created_at,
        text=version.text, markup=version.markup, markup_format=version.markup_format, raw_sha256=version.raw_sha256,
        raw_media_type=version.raw_media_type, version_hash=version.version_hash,
        record_series=policy.record_series(pack), retention_note=policy.retention_note(pack), preserved_by=actor)
    audit_record(action="moderation.preserved", actor=actor, target=copy, agency_id=case.account.agency_id,
                 after={"record": record.pk, "version": version.pk, "version_hash": version.version_hash,
                        "raw_sha256": version.raw_sha256, "record_series": copy.record_series})
    return copy


def _tell(case: Case, recipients, event: str, subject: str, body: str) -> None:
    notify(recipients=recipients, event=event, agency_id=case.account.agency_id, subject=subject, body=body,
           url=reverse("moderation-case", args=[case.account.agency.slug, case.pk]))


def _task(decision: Decision, kind: str, body: str = "") -> ManualTask:
    return ManualTask.objects.create(case=decision.case, decision=decision, account=decision.case.account, kind=kind,
                                     body=body)


def _notify_administrators(case: Case, decision: Decision) -> None:
    from socialgov.accounts.selectors import current_administrators

    users = [d.person.user for d in current_administrators(case.account).filter(acknowledged_at__isnull=False)
             if d.person.user_id]
    if not users:
        users = list(users_with_role(case.account.agency, Role.PIO, case.account.department))
    notify(recipients=users, event="moderation.platform_task", agency_id=case.account.agency_id,
           url=reverse("moderation-case", args=[case.account.agency.slug, case.pk]),
           subject=f"To do on {case.account.platform_name}: {decision.get_kind_display().lower()} a comment "
                   f"on {case.account.name}",
           body="A moderator decided this; no connector acts on the platform yet. Do it there, then confirm it "
                "on the case page.")


@transaction.atomic
def task_complete(*, actor, task: ManualTask, note: str = "") -> ManualTask:
    """The administrator confirms the platform action or the author notice was done."""
    require(actor, "moderation.complete_task", task)
    task = ManualTask.objects.select_for_update().get(pk=task.pk)
    if task.done_at is not None:
        raise ValidationError("This task was already confirmed as done.")
    task.done_at, task.done_by, task.note = timezone.now(), actor, note.strip()
    task.save(update_fields=["done_at", "done_by", "note"])
    audit_record(action="moderation.task_done", actor=actor, target=task, agency_id=task.account.agency_id,
                 after={"kind": task.kind, "case": task.case_id, "note": task.note})
    return task


@transaction.atomic
def case_assign(*, actor, case: Case, assignee) -> Case:
    require(actor, "moderation.decide", case)
    if assignee is not None and not selectors.may_moderate(assignee, case.account):
        raise ValidationError({"assignee": f"{assignee} does not moderate {case.account.name}."})
    before = case.assigned_to_id
    case.assigned_to = assignee
    case.save(update_fields=["assigned_to"])
    audit_record(action="moderation.case_assigned", actor=actor, target=case, agency_id=case.account.agency_id,
                 before={"assigned_to": before}, after={"assigned_to": getattr(assignee, "pk", None)})
    return case


def queue_reviewed(*, actor, account: Account) -> None:
    """The moderator worked through the account's queue; the monitoring log gets a check."""
    require(actor, "moderation.review_queue", account)
    audit_record(action="moderation.queue_reviewed", actor=actor, target=account, agency_id=account.agency_id)
    _monitoring_check(account, actor, note="Moderation queue marked as reviewed.")


def _monitoring_check(account: Account, actor, note: str = "") -> None:
    """Record a monitoring check when the monitoring app provides one (it is built separately)."""
    if importlib.util.find_spec("socialgov.monitoring.services") is None:
        return
    module = importlib.import_module("socialgov.monitoring.services")
    check = getattr(module, "monitoring_check_record", None)
    if check is not None:
        check(account=account, by=actor, how="queue", note=note)
