"""Exception requests (LAC-09, KY-11).

The route comes from the pack in force and is copied onto the request: the department submits to
the reviewer (the CIO; the CISO for security exemptions), who confers with it in the notes and
passes the request on to the chief executive or designee, who decides; or, for a one-step route
(KY-11), the CISO decides case by case. Every exemption granted is noticed to the roles the route
names (LAC-09: the CIO notifies the chief executive).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from socialgov.agencies.models import Agency, Department
from socialgov.agencies.selectors import users_with_role
from socialgov.core.audit import audit_record, snapshot
from socialgov.core.permissions import require
from socialgov.core.services import notify
from socialgov.policies import parameters
from socialgov.policies.models import ExceptionNote, ExceptionRequest, ExceptionTransition
from socialgov.policies.selectors.packs import pack_data
from socialgov.policies.workflows import EXCEPTION_TRANSITIONS, ExceptionState, check_transition

FIELD_LABELS = {"scope": "scope of the exception", "justification": "justification",
                "impacts": "potential impacts", "risks": "risks", "costs": "costs of complying",
                "timeframes": "timeframes for complying"}
CONTENT_FIELDS = ("title", "scope", "justification", "impacts", "risks", "costs", "timeframes", "expires_on")


def _url(request: ExceptionRequest) -> str:
    return f"/agencies/{request.agency.slug}/exceptions/{request.pk}/"


def _check_content(route: dict[str, Any], values: dict[str, Any]) -> None:
    required = route.get("required_fields", ["scope", "justification"])
    errors = {name: f"State the {FIELD_LABELS.get(name, name)}: the policy requires it."
              for name in required if not str(values.get(name) or "").strip()}
    if not str(values.get("title") or "").strip():
        errors["title"] = "Give the request a short title."
    if values.get("expires_on") is None or values["expires_on"] <= timezone.localdate():
        errors["expires_on"] = "Give the date the exception would end; it must be in the future."
    if errors:
        raise ValidationError(errors)


def _move(request: ExceptionRequest, actor, target: str, note: str = "") -> None:
    check_transition(EXCEPTION_TRANSITIONS, ExceptionState, request.state, target)
    step = request.current_step or {}
    ExceptionTransition.objects.create(request=request, actor=actor, step_name=step.get("name", ""),
                                       from_state=request.state, to_state=target, note=note)
    request.state = target


def _step_users(request: ExceptionRequest, step: dict[str, Any] | None) -> list:
    if not step or not step.get("role"):
        return []
    return [u for u in users_with_role(request.agency, step["role"], request.department)
            if u.pk != request.requested_by_id]


def _parties(request: ExceptionRequest) -> list:
    """The requester and everyone who acted on the request so far."""
    actors = [t.actor for t in request.transitions.select_related("actor") if t.actor is not None]
    return [request.requested_by, *actors]


def exception_request_submit(*, actor, agency: Agency, department: Department, route: str, title: str,
                             scope: str, justification: str, expires_on: date | None, impacts: str = "",
                             risks: str = "", costs: str = "", timeframes: str = "") -> ExceptionRequest:
    require(actor, "policies.request_exception", agency)
    route_data = parameters.exception_route(pack_data(agency), route)
    if route_data is None:
        raise ValidationError({"route": "Choose one of the kinds of exception the policy provides for."})
    if department.agency_id != agency.pk:
        raise ValidationError({"department": "That department belongs to another agency."})
    values = {"title": title.strip(), "scope": scope.strip(), "justification": justification.strip(),
              "impacts": impacts.strip(), "risks": risks.strip(), "costs": costs.strip(),
              "timeframes": timeframes.strip(), "expires_on": expires_on}
    _check_content(route_data, values)
    with transaction.atomic():
        request = ExceptionRequest.objects.create(agency=agency, department=department, route=route,
                                                  route_data=route_data, requested_by=actor, **values)
        ExceptionTransition.objects.create(request=request, actor=actor, to_state=request.state)
        audit_record(action="policies.exception.submit", actor=actor, target=request, agency_id=agency.pk,
                     after={**snapshot(request, ("route", "department_id", *CONTENT_FIELDS)), "state": request.state})
        step = request.current_step
        notify(recipients=_step_users(request, step), event="policies.exception.submitted", agency_id=agency.pk,
               subject=f"Exception request to review: {request.title}", body=step["purpose"] if step else "",
               url=_url(request))
    return request


def _locked(request: ExceptionRequest) -> ExceptionRequest:
    rows = ExceptionRequest.objects.select_for_update(of=("self",))
    return rows.select_related("agency", "department").get(pk=request.pk)


def exception_approve_step(*, actor, request: ExceptionRequest, note: str = "", expires_on: date | None = None,
                           costs_passed_to_agency: bool | None = None, cost_note: str = "") -> ExceptionRequest:
    """The holder of the current step approves it: the request goes on to the next step, or, at the
    last step, the exemption is granted."""
    with transaction.atomic():
        locked = _locked(request)
        check_transition(EXCEPTION_TRANSITIONS, ExceptionState, locked.state, ExceptionState.GRANTED)
        require(actor, "policies.act_on_exception", locked)
        if locked.is_last_step:
            return _grant(actor, locked, note, expires_on, costs_passed_to_agency, cost_note)
        _move(locked, actor, ExceptionState.IN_REVIEW, note.strip())
        locked.step += 1
        locked.save(update_fields=["state", "step"])
        step = locked.current_step
        audit_record(action="policies.exception.forward", actor=actor, target=locked, agency_id=locked.agency_id,
                     before={"step": locked.step - 1}, after={"step": locked.step, "step_name": step["name"],
                                                              "note": note.strip()})
        notify(recipients=[*_step_users(locked, step), locked.requested_by], agency_id=locked.agency_id,
               event="policies.exception.forwarded", subject=f"Exception request passed on: {locked.title}",
               body=step["purpose"], url=_url(locked))
    return locked


def _grant(actor, request: ExceptionRequest, note: str, expires_on: date | None,
           costs_passed: bool | None, cost_note: str) -> ExceptionRequest:
    if expires_on is not None:
        if expires_on <= timezone.localdate():
            raise ValidationError({"expires_on": "The exemption must end in the future."})
        request.expires_on = expires_on
    if request.route_data.get("costs_passed_to_agency"):
        if costs_passed is None:
            raise ValidationError({"costs_passed_to_agency": "Say whether the costs resulting from this exemption "
                                                             "are passed to the agency."})
        request.costs_passed_to_agency, request.cost_note = costs_passed, cost_note.strip()
    _move(request, actor, ExceptionState.GRANTED, note.strip())
    request.decided_by, request.decided_at, request.decision_reason = actor, timezone.now(), note.strip()
    request.save()
    audit_record(action="policies.exception.grant", actor=actor, target=request, agency_id=request.agency_id,
                 after={"expires_on": request.expires_on, "reason": request.decision_reason,
                        # (not "costs_passed...": the audit trail redacts keys that sound like passwords)
                        "costs_charged_to_agency": request.costs_passed_to_agency, "cost_note": request.cost_note})
    notify(recipients=_parties(request), event="policies.exception.granted", agency_id=request.agency_id,
           subject=f"Exemption granted: {request.title}", body=f"In force until {request.expires_on:%Y-%m-%d}.",
           url=_url(request))
    _notice_of_grant(request)
    return request


def _notice_of_grant(request: ExceptionRequest) -> None:
    """LAC-09: the CIO notifies the chief executive of every exemption granted; the notice is kept on
    the request, so the register shows it."""
    roles = request.route_data.get("notify_on_grant", [])
    recipients = {u.pk: u for role in roles for u in users_with_role(request.agency, role)}
    if not recipients:
        return
    pack = pack_data(request.agency_id)
    sender = request.route_data.get("notified_by")
    by = f"Notice from the {parameters.role_label(pack, sender)}" if sender else "Notice"
    notify(recipients=recipients.values(), event="policies.exception.notice", agency_id=request.agency_id,
           subject=f"{by}: exemption granted — {request.title}",
           body=f"Scope: {request.scope}\nIn force until {request.expires_on:%Y-%m-%d}.", url=_url(request))
    request.notice_sent_at = timezone.now()
    request.notice_sent_to = sorted(getattr(u, "person", None) and u.person.full_name or u.get_username()
                                    for u in recipients.values())
    request.save(update_fields=["notice_sent_at", "notice_sent_to"])
    audit_record(action="policies.exception.notice", actor=None, target=request, agency_id=request.agency_id,
                 after={"notified_by_role": sender, "recipients": request.notice_sent_to})


def exception_deny(*, actor, request: ExceptionRequest, reason: str) -> ExceptionRequest:
    if not reason.strip():
        raise ValidationError({"reason": "Say why the exception is denied."})
    with transaction.atomic():
        locked = _locked(request)
        check_transition(EXCEPTION_TRANSITIONS, ExceptionState, locked.state, ExceptionState.DENIED)
        require(actor, "policies.act_on_exception", locked)
        _move(locked, actor, ExceptionState.DENIED, reason.strip())
        locked.decided_by, locked.decided_at, locked.decision_reason = actor, timezone.now(), reason.strip()
        locked.save()
        audit_record(action="policies.exception.deny", actor=actor, target=locked, agency_id=locked.agency_id,
                     after={"reason": locked.decision_reason})
        notify(recipients=_parties(locked), event="policies.exception.denied", agency_id=locked.agency_id,
               subject=f"Exception denied: {locked.title}", body=locked.decision_reason, url=_url(locked))
    return locked


def exception_return(*, actor, request: ExceptionRequest, reason: str) -> ExceptionRequest:
    """Send the request back to the requesting department for more information or changes."""
    if not reason.strip():
        raise ValidationError({"reason": "Say what the department should add or change."})
    with transaction.atomic():
        locked = _locked(request)
        check_transition(EXCEPTION_TRANSITIONS, ExceptionState, locked.state, ExceptionState.RETURNED)
        require(actor, "policies.act_on_exception", locked)
        _move(locked, actor, ExceptionState.RETURNED, reason.strip())
        locked.save(update_fields=["state"])
        audit_record(action="policies.exception.return", actor=actor, target=locked, agency_id=locked.agency_id,
                     after={"reason": reason.strip()})
        notify(recipients=[locked.requested_by], event="policies.exception.returned", agency_id=locked.agency_id,
               subject=f"Exception request returned: {locked.title}", body=reason.strip(), url=_url(locked))
    return locked


def exception_resubmit(*, actor, request: ExceptionRequest, note: str = "", **changes) -> ExceptionRequest:
    """The requester answers a return: the request goes back to the step that returned it."""
    unknown = set(changes) - set(CONTENT_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        locked = _locked(request)
        if locked.state != ExceptionState.RETURNED:  # in_review -> in_review is a step passing it on, not this
            raise ValidationError(f"This cannot be done now: the request is “{locked.get_state_display()}”, not "
                                  "returned to the department.")
        require(actor, "policies.resubmit_exception", locked)
        before = snapshot(locked, CONTENT_FIELDS)
        for name, value in changes.items():
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
        _check_content(locked.route_data, snapshot(locked, CONTENT_FIELDS) | {"expires_on": locked.expires_on})
        _move(locked, actor, ExceptionState.IN_REVIEW, note.strip())
        locked.save()
        audit_record(action="policies.exception.resubmit", actor=actor, target=locked, agency_id=locked.agency_id,
                     before=before, after={**snapshot(locked, CONTENT_FIELDS), "note": note.strip()})
        notify(recipients=_step_users(locked, locked.current_step), event="policies.exception.resubmitted",
               agency_id=locked.agency_id, subject=f"Exception request resubmitted: {locked.title}",
               body=note.strip(), url=_url(locked))
    return locked


def exception_withdraw(*, actor, request: ExceptionRequest, reason: str = "") -> ExceptionRequest:
    with transaction.atomic():
        locked = _locked(request)
        check_transition(EXCEPTION_TRANSITIONS, ExceptionState, locked.state, ExceptionState.WITHDRAWN)
        require(actor, "policies.withdraw_exception", locked)
        step = locked.current_step
        _move(locked, actor, ExceptionState.WITHDRAWN, reason.strip())
        locked.save(update_fields=["state"])
        audit_record(action="policies.exception.withdraw", actor=actor, target=locked, agency_id=locked.agency_id,
                     after={"reason": reason.strip()})
        notify(recipients=[u for u in [*_parties(locked), *_step_users(locked, step)] if u != actor],
               event="policies.exception.withdrawn", agency_id=locked.agency_id,
               subject=f"Exception request withdrawn: {locked.title}", body=reason.strip(), url=_url(locked))
    return locked


def exception_note_add(*, actor, request: ExceptionRequest, body: str) -> ExceptionNote:
    """LAC-09: the reviewer confers with the requesting department."""
    require(actor, "policies.confer_on_exception", request)
    if not body.strip():
        raise ValidationError({"body": "Write the note."})
    with transaction.atomic():
        note = ExceptionNote.objects.create(request=request, author=actor, body=body.strip())
        audit_record(action="policies.exception.note", actor=actor, target=request, agency_id=request.agency_id,
                     after={"note_id": note.pk, "body": note.body})
        others = [u for u in [*_parties(request), *_step_users(request, request.current_step)]
                  if u is not None and (actor is None or u.pk != actor.pk)]
        notify(recipients=others, event="policies.exception.note", agency_id=request.agency_id,
               subject=f"New note on exception request: {request.title}", body=note.body[:500], url=_url(request))
    return note
