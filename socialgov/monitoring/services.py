"""Write services for monitoring: checks, coverage, missed-check alerts, advertising incidents.

Each runs in one transaction: check the permission, validate, save, write the audit event, notify.
``by=None`` / ``actor=None`` is the system itself (demo data, the sweep)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from socialgov.accounts.models import Account
from socialgov.agencies.models import Agency, Person
from socialgov.agencies.roles import Role
from socialgov.agencies.selectors import users_with_role
from socialgov.core.audit import audit_record
from socialgov.core.permissions import require
from socialgov.core.services import notify
from socialgov.monitoring import selectors, workflows
from socialgov.monitoring.models import (
    AdvertisingIncident,
    Coverage,
    IncidentFollowUp,
    MissedCheck,
    MonitoringCheck,
)
from socialgov.monitoring.workflows import CheckHow, CoverageKind, FollowUpAction, IncidentStatus

NOTE_MAX = 500


# --- checks ---------------------------------------------------------------------------------------

def monitoring_check_record(*, account: Account, by, how: str = "queue", note: str = "") -> MonitoringCheck:
    """Record that ``by`` checked ``account`` now (LCCS-07, NJ-11).

    ``how``: "queue" when a moderation queue was worked, "manual" when a person records a check from
    the page (only the responsible or covering person may, on an active account), "connector" for a
    platform connector. Queue and connector checks need only membership of the account's agency. The
    check records in what capacity ``by`` checked: responsible, designee, interim or other."""
    if how not in CheckHow.values:
        raise ValidationError({"how": f"Unknown way of checking {how!r}: use one of {', '.join(CheckHow.values)}."})
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": f"Keep the note under {NOTE_MAX} characters."})
    require(by, "monitoring.record_check" if how == CheckHow.MANUAL else "monitoring.record_queue_check", account)
    if how == CheckHow.MANUAL and account.status not in selectors.MONITORED:
        raise ValidationError("Only active accounts are monitored.")
    return _check_create(account=account, by=by, how=how, note=note, at=timezone.now())


def _check_create(*, account: Account, by, how: str, note: str, at: datetime) -> MonitoringCheck:
    """The write itself; the demo uses it to lay down checks in the past."""
    with transaction.atomic():
        capacity, coverage = selectors.capacity(by, account, at) if by is not None else ("other", None)
        check = MonitoringCheck.objects.create(account=account, checked_by=by, checked_at=at, how=how, note=note,
                                               capacity=capacity, coverage=coverage)
        audit_record(action="monitoring.check.record", actor=by, target=check, agency_id=account.agency_id,
                     after={"account_id": account.pk, "how": how, "capacity": capacity, "note": note,
                            "coverage_id": coverage.pk if coverage else None})
    return check


# --- coverage (LCCS-07) ----------------------------------------------------------------------------

def coverage_appoint(*, actor, agency: Agency, kind: str, person: Person, starts_on: date, ends_on: date,
                     reason: str, account: Account | None = None) -> Coverage:
    """A designee the responsible person names for leave or vacation, or an interim monitor the
    executive director (the pack's ``interim_appointed_by``) appoints when the PIO cannot."""
    if kind not in CoverageKind.values:
        raise ValidationError({"kind": "Choose a designee or an interim monitor."})
    require(actor, "monitoring.appoint_interim" if kind == CoverageKind.INTERIM else "monitoring.appoint_designee",
            agency)
    errors: dict[str, str] = {}
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = ("Say why an interim monitor is needed (for example, the PIO's illness)."
                            if kind == CoverageKind.INTERIM else "Say why (for example, vacation or leave).")
    elif len(reason) > 500:
        errors["reason"] = "Keep the reason under 500 characters."
    if person.agency_id != agency.pk or not person.active or person.user_id is None:
        errors["person"] = "Choose an active person of this agency who can sign in."
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = "The last day must be on or after the first day."
    if ends_on and ends_on < selectors.today(agency):
        errors["ends_on"] = "The last day is already past."
    if account is not None and account.agency_id != agency.pk:
        errors["account"] = "Choose an account of this agency."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        coverage = Coverage.objects.create(agency=agency, account=account, kind=kind, person=person,
                                           starts_on=starts_on, ends_on=ends_on, reason=reason, appointed_by=actor)
        audit_record(action=f"monitoring.coverage.{kind}", actor=actor, target=coverage, agency_id=agency.pk,
                     after={"person_id": person.pk, "person": person.full_name, "kind": kind,
                            "account_id": account.pk if account else None, "starts_on": starts_on,
                            "ends_on": ends_on, "reason": reason})
        label = "interim monitor (appointed by the executive director)" if kind == CoverageKind.INTERIM \
            else "monitoring designee"
        scope = account.name if account else "all of the agency's accounts"
        notify(recipients=[person.user, *_responsible_role_holders(agency), *_heads(agency)],
               event=f"monitoring.coverage.{kind}",
               subject=f"{person.full_name} is {label} for {scope}, {starts_on} to {ends_on}",
               body=f"Reason: {reason}", url=reverse("monitoring-coverage", args=[agency.slug]),
               agency_id=agency.pk)
    return coverage


def coverage_end(*, actor, coverage: Coverage) -> Coverage:
    with transaction.atomic():
        coverage = Coverage.objects.select_for_update().select_related("agency", "person").get(pk=coverage.pk)
        require(actor, "monitoring.end_coverage", coverage)
        if coverage.ended_at is not None:
            raise ValidationError("This coverage has already ended.")
        coverage.ended_at, coverage.ended_by = timezone.now(), actor
        coverage.save(update_fields=["ended_at", "ended_by"])
        audit_record(action="monitoring.coverage.end", actor=actor, target=coverage, agency_id=coverage.agency_id,
                     after={"person_id": coverage.person_id, "kind": coverage.kind})
    return coverage


def _responsible_role_holders(agency: Agency) -> list:
    return list(users_with_role(agency, selectors.schedule_of(agency).responsible))


def _heads(agency: Agency) -> list:
    return list(users_with_role(agency, Role.AGENCY_HEAD))


# --- missed checks (LCCS-07 "missed monitoring is visible", NJ-11) ----------------------------------

def missed_checks_sweep(*, now: datetime | None = None, days_back: int = 14, agency: Agency | None = None
                        ) -> list[MissedCheck]:
    """Find the account-days that ended missed (since each account was activated), record each once
    and alert the responsible people and the agency head. Run it from the task or the command;
    running it again alerts nobody twice."""
    now = now or timezone.now()
    created: list[MissedCheck] = []
    agencies = [agency] if agency else list(Agency.objects.filter(accounts__status__in=selectors.MONITORED).distinct())
    for ag in agencies:
        schedule = selectors.schedule_of(ag)
        end = selectors.today(ag, now) - timedelta(days=1)
        start = end - timedelta(days=days_back - 1)
        for account in selectors.monitored_accounts(ag):
            results = selectors.evaluate(account, start, end, now=now, schedule=schedule)
            for miss in workflows.misses(results):
                record = _record_miss(account, miss, schedule)
                if record is not None:
                    created.append(record)
    return created


def _record_miss(account: Account, miss: workflows.Miss, schedule: workflows.Schedule) -> MissedCheck | None:
    if MissedCheck.objects.filter(account=account, day=miss.day).exists():
        return None
    try:
        with transaction.atomic():
            record = MissedCheck.objects.create(account=account, day=miss.day, period_start=miss.period_start,
                                                expected=miss.expected, found=miss.found)
            responsible = selectors.responsible_people(account, schedule)
            heads = list(users_with_role(account.agency, Role.AGENCY_HEAD))
            covering = [c.person.user for c in selectors.who_covers(account, miss.day) if c.person.user_id]
            alerted = {}
            for user, role in [*((u, "responsible") for u in responsible), *((u, "covering") for u in covering),
                               *((u, "agency head") for u in heads)]:
                alerted.setdefault(user.pk, {"user_id": user.pk, "name": user.get_full_name() or user.get_username(),
                                             "as": role})
            when = (f"on {miss.day:%A %B %-d, %Y}" if miss.period_start == miss.day
                    else f"from {miss.period_start:%A %B %-d} to {miss.day:%A %B %-d, %Y}")
            notify(recipients=[*responsible, *covering, *heads], event="monitoring.missed",
                   subject=f"Monitoring missed: {account.name} {when}",
                   body=f"{account.name} had {miss.found} of the {miss.expected} checks the policy requires {when}.",
                   url=reverse("monitoring-report", args=[account.agency.slug, account.pk]),
                   agency_id=account.agency_id)
            record.alerted_at = timezone.now()
            record.alerted = list(alerted.values())
            record.save(update_fields=["alerted_at", "alerted"])
            audit_record(action="monitoring.missed.record", actor=None, target=record, agency_id=account.agency_id,
                         after={"account_id": account.pk, "day": miss.day, "period_start": miss.period_start,
                                "expected": miss.expected, "found": miss.found,
                                "alerted": [a["name"] for a in record.alerted]})
    except IntegrityError:  # another sweep recorded it at the same moment
        return None
    return record


# --- advertising incidents (LCCS-06) ----------------------------------------------------------------

SCREENSHOT_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}
SCREENSHOT_MAX = 5 * 1024 * 1024
_MAGIC = [(b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"GIF87a", "image/gif"),
          (b"GIF89a", "image/gif")]


def _sniff(head: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def _check_screenshot(upload: UploadedFile | None) -> str:
    """The image type, judged by its content; refuse anything that is not a PNG, JPEG, GIF or WebP."""
    if upload is None:
        return ""
    if upload.size > SCREENSHOT_MAX:
        raise ValidationError({"screenshot": f"The screenshot is larger than {SCREENSHOT_MAX // (1024 * 1024)} MB."})
    upload.seek(0)
    kind = _sniff(upload.read(16))
    upload.seek(0)
    if kind is None:
        raise ValidationError({"screenshot": "The screenshot must be a PNG, JPEG, GIF or WebP image."})
    return kind


def incident_create(*, actor, account: Account, seen_at: datetime, where: str, ad_description: str,
                    screenshot: UploadedFile | None = None) -> AdvertisingIncident:
    require(actor, "monitoring.report_incident", account)
    errors: dict[str, str] = {}
    where, ad_description = (where or "").strip(), (ad_description or "").strip()
    if not where:
        errors["where"] = "Say where the advertisement appeared (the page's address or where on it)."
    if not ad_description:
        errors["ad_description"] = "Describe the advertisement."
    if seen_at is None:
        errors["seen_at"] = "Say when the advertisement was seen."
    elif seen_at > timezone.now() + timedelta(minutes=5):
        errors["seen_at"] = "The time seen is in the future."
    try:
        kind = _check_screenshot(screenshot)
    except ValidationError as exc:
        errors.update({k: " ".join(v) for k, v in exc.message_dict.items()})
        kind = ""
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        incident = AdvertisingIncident(account=account, seen_at=seen_at, where=where, ad_description=ad_description,
                                       reported_by=actor, screenshot_type=kind)
        if screenshot is not None:
            incident.screenshot.save(f"ad.{SCREENSHOT_TYPES[kind]}", screenshot, save=False)
        incident.save()
        IncidentFollowUp.objects.create(incident=incident, action="recorded", status_after=IncidentStatus.OPEN,
                                        by=actor, text="Incident recorded.")
        audit_record(action="monitoring.incident.create", actor=actor, target=incident, agency_id=account.agency_id,
                     after={"account_id": account.pk, "seen_at": seen_at, "where": where,
                            "ad_description": ad_description, "screenshot": bool(screenshot)})
        agency = account.agency
        notify(recipients=[*_responsible_role_holders(agency)], event="monitoring.incident",
               subject=f"Inappropriate advertisement on {account.name}", body=ad_description,
               url=reverse("monitoring-incident", args=[agency.slug, incident.pk]), agency_id=agency.pk)
    return incident


def incident_follow_up(*, actor, incident: AdvertisingIncident, action: str, text: str = "", how: str = "",
                       reference: str = "", at: datetime | None = None) -> IncidentFollowUp:
    """Record one step of the follow-up with the provider: reported (how, reference), the provider's
    response, resolved or closed (with the outcome), or a note."""
    with transaction.atomic():
        incident = AdvertisingIncident.objects.select_for_update(of=("self",)).select_related(
            "account", "account__agency").get(pk=incident.pk)
        require(actor, "monitoring.follow_up_incident", incident)
        if action not in FollowUpAction.values:
            raise ValidationError({"action": "Choose what happened."})
        if not workflows.follow_up_allowed(incident.status, action):
            raise ValidationError({"action": f"This incident is {incident.get_status_display().lower()}: "
                                             f"“{FollowUpAction(action).label}” does not apply now."})
        text, how, reference = (text or "").strip(), (how or "").strip(), (reference or "").strip()
        at = at or timezone.now()
        errors: dict[str, str] = {}
        if action == FollowUpAction.REPORTED and not how:
            errors["how"] = "Say how the provider was contacted (for example, the platform's ad report form)."
        if action in (FollowUpAction.RESPONSE, FollowUpAction.RESOLVED, FollowUpAction.CLOSED,
                      FollowUpAction.NOTE) and not text:
            errors["text"] = {FollowUpAction.RESPONSE: "Write down the provider's response.",
                              FollowUpAction.NOTE: "Write the note."}.get(action, "Say what the outcome was.")
        if len(how) > 200:
            errors["how"] = "Keep this under 200 characters."
        if len(reference) > 200:
            errors["reference"] = "Keep the reference under 200 characters."
        if at > timezone.now() + timedelta(minutes=5):
            errors["at"] = "The time is in the future."
        if errors:
            raise ValidationError(errors)
        before = {"status": incident.status}
        incident.status = workflows.status_after(incident.status, action)
        fields = ["status"]
        if action == FollowUpAction.REPORTED:
            incident.provider_reported_at, incident.provider_report_how = at, how
            incident.provider_reference = reference or incident.provider_reference
            fields += ["provider_reported_at", "provider_report_how", "provider_reference"]
        elif action == FollowUpAction.RESPONSE:
            incident.provider_response = "\n\n".join(filter(None, [incident.provider_response, text]))
            fields.append("provider_response")
        elif action in (FollowUpAction.RESOLVED, FollowUpAction.CLOSED):
            incident.outcome, incident.closed_at = text, at
            fields += ["outcome", "closed_at"]
        incident.save(update_fields=fields)
        entry = IncidentFollowUp.objects.create(incident=incident, action=action, status_after=incident.status,
                                                at=at, by=actor, text=text, how=how, reference=reference)
        audit_record(action=f"monitoring.incident.{action}", actor=actor, target=incident,
                     agency_id=incident.account.agency_id, before=before,
                     after={"status": incident.status, "text": text, "how": how, "reference": reference, "at": at})
    return entry
