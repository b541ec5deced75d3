"""Write services for employee access (LAC-07, DCFS-07, LAC-06).

Approval is impossible until the requester has acknowledged every document that asks them
(LAC-06: informed of Board Policies 6.101, 6.105 and 3.040 and trained before access); the
refusal names what is missing.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from socialgov.accounts.access import selectors
from socialgov.accounts.access.models import AccessRequest
from socialgov.accounts.access.workflows import AccessState, check_transition
from socialgov.agencies.models import Agency, Person
from socialgov.agencies.selectors import person_of
from socialgov.core.audit import audit_record, snapshot
from socialgov.core.permissions import require
from socialgov.core.services import notify
from socialgov.policies.selectors import missing_before_access, obligations_of

REQUEST_FIELDS = ("person_id", "department_id", "platforms", "purpose", "working_hours", "department_equipment")


def _url(request: AccessRequest) -> str:
    return f"/agencies/{request.agency.slug}/access/{request.pk}/"


def missing_acknowledgements(request: AccessRequest) -> list[str]:
    """What the requester has still to acknowledge (or be trained on) before access, in words."""
    training = " and the training that goes with it"
    return [f"{o.document.title} (version {o.version.number}){training if o.document.training else ''}"
            for o in missing_before_access(request.person)]


def access_request_submit(*, actor, agency: Agency, platforms: str, purpose: str, working_hours: bool = False,
                          department_equipment: bool = False) -> AccessRequest:
    """The signed-in employee asks for professional-use access to social media."""
    require(actor, "access.request_access", agency)
    person = person_of(actor)
    errors = {}
    if not platforms.strip():
        errors["platforms"] = "Say which social media sites or services you need."
    if not purpose.strip():
        errors["purpose"] = "Say what you need them for: use must be work-related (DCFS-07)."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Person.objects.select_for_update().get(pk=person.pk)
        if AccessRequest.objects.filter(person=person, state=AccessState.REQUESTED).exists():
            raise ValidationError("You already have a request waiting for approval: withdraw it to ask again.")
        request = AccessRequest.objects.create(
            agency=agency, person=person, department=person.department, platforms=platforms.strip(),
            purpose=purpose.strip(), working_hours=working_hours, department_equipment=department_equipment)
        audit_record(action="access.request.submit", actor=actor, target=request, agency_id=agency.pk,
                     after=snapshot(request, REQUEST_FIELDS))
        notify(recipients=selectors.approvers_of(request), event="access.request.submitted", agency_id=agency.pk,
               subject=f"{person.full_name} asks for access to social media", body=request.purpose[:500],
               url=_url(request))
    return request


def _locked(request: AccessRequest) -> AccessRequest:
    # of=("self",): PostgreSQL cannot lock the nullable side of the joins (supervisor, department).
    rows = AccessRequest.objects.select_for_update(of=("self",))
    return rows.select_related("agency", "person__supervisor", "department").get(pk=request.pk)


def access_request_approve(*, actor, request: AccessRequest, note: str = "") -> AccessRequest:
    with transaction.atomic():
        locked = _locked(request)
        check_transition(locked.state, AccessState.GRANTED)
        require(actor, "access.decide_request", locked)
        missing = missing_acknowledgements(locked)
        if missing:
            raise ValidationError(f"{locked.person.full_name} must first acknowledge: {'; '.join(missing)}.")
        locked.acknowledgements = [
            {"document": o.document.title, "version": o.version.number,
             "acknowledged_at": o.acknowledgement.acknowledged_at.isoformat(),
             "training_completed_on": str(o.acknowledgement.training_completed_on or "")}
            for o in obligations_of(locked.person) if o.acknowledgement is not None]
        _decide(actor, locked, AccessState.GRANTED, note)
    return locked


def access_request_decline(*, actor, request: AccessRequest, note: str) -> AccessRequest:
    if not note.strip():
        raise ValidationError({"note": "Say why the request is declined."})
    with transaction.atomic():
        locked = _locked(request)
        check_transition(locked.state, AccessState.DECLINED)
        require(actor, "access.decide_request", locked)
        _decide(actor, locked, AccessState.DECLINED, note)
    return locked


def _decide(actor, request: AccessRequest, state: str, note: str) -> None:
    relation = selectors.approver_relation(actor, request) if actor is not None else ""
    request.state, request.decided_by, request.decided_at = state, actor, timezone.now()
    request.decided_by_relation, request.decision_note = relation or "", note.strip()
    request.save()
    audit_record(action=f"access.request.{'grant' if state == AccessState.GRANTED else 'decline'}", actor=actor,
                 target=request, agency_id=request.agency_id, before={"state": AccessState.REQUESTED},
                 after={"state": state, "authorized_by_relation": relation, "note": request.decision_note,
                        "acknowledgements": request.acknowledgements})
    word = "granted" if state == AccessState.GRANTED else "declined"
    notify(recipients=[request.person.user, actor], event=f"access.request.{word}", agency_id=request.agency_id,
           subject=f"Access to social media {word} for {request.person.full_name}", body=request.decision_note,
           url=_url(request))


def access_request_withdraw(*, actor, request: AccessRequest) -> AccessRequest:
    with transaction.atomic():
        locked = _locked(request)
        check_transition(locked.state, AccessState.WITHDRAWN)
        require(actor, "access.withdraw_request", locked)
        locked.state, locked.ended_by, locked.ended_at = AccessState.WITHDRAWN, actor, timezone.now()
        locked.save(update_fields=["state", "ended_by", "ended_at"])
        audit_record(action="access.request.withdraw", actor=actor, target=locked, agency_id=locked.agency_id,
                     before={"state": AccessState.REQUESTED}, after={"state": locked.state})
    return locked


def access_grant_revoke(*, actor, request: AccessRequest, reason: str) -> AccessRequest:
    if not reason.strip():
        raise ValidationError({"reason": "Say why access is revoked."})
    with transaction.atomic():
        locked = _locked(request)
        check_transition(locked.state, AccessState.REVOKED)
        require(actor, "access.revoke_grant", locked)
        locked.state, locked.ended_by, locked.ended_at, locked.end_reason = (
            AccessState.REVOKED, actor, timezone.now(), reason.strip())
        locked.save(update_fields=["state", "ended_by", "ended_at", "end_reason"])
        audit_record(action="access.grant.revoke", actor=actor, target=locked, agency_id=locked.agency_id,
                     before={"state": AccessState.GRANTED}, after={"state": locked.state, "reason": locked.end_reason})
        notify(recipients=[locked.person.user, locked.decided_by, actor], event="access.grant.revoked",
               agency_id=locked.agency_id, subject=f"Access to social media revoked for {locked.person.full_name}",
               body=locked.end_reason, url=_url(locked))
    return locked
