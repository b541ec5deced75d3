"""Reports of possible violations (DCFS-09, DCFS-10, KY-10).

Design principle: retaliation is prohibited, so nothing the report writes names its reporter to
anyone but the handlers. The audit trail (which auditors and administrators read) records the
reporter's own actions without their name or address, under a keyed reference that can show who
it was only with the server's secret (e.g. under legal process). Every view is audited.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from socialgov.agencies.models import Agency, Department, Person
from socialgov.agencies.selectors import users_with_role
from socialgov.core import context
from socialgov.core.audit import audit_record
from socialgov.core.permissions import require
from socialgov.core.services import notify
from socialgov.policies import parameters
from socialgov.policies.models import DisciplinaryOutcome, ReportTransition, ViolationReport
from socialgov.policies.selectors.packs import pack_data
from socialgov.policies.selectors.reports import is_reporter
from socialgov.policies.workflows import REPORT_TRANSITIONS, ReportState, check_transition

WITHHELD_ACTOR = "the reporter (identity withheld, DCFS-10)"


def reporter_ref(report: ViolationReport) -> str:
    return salted_hmac("socialgov.policies.violation_report.reporter",
                       f"{report.pk}:{report.reporter_id}").hexdigest()[:32]


def _audit(action: str, actor, report: ViolationReport, after: dict[str, Any] | None = None,
           before: dict[str, Any] | None = None) -> None:
    """Audit an action on a report; the reporter's own actions are recorded without their identity."""
    after = dict(after or {})
    if actor is None or not is_reporter(actor, report):
        audit_record(action=action, actor=actor, target=report, agency_id=report.agency_id, before=before, after=after)
        return
    after |= {"by": WITHHELD_ACTOR, "reporter_ref": reporter_ref(report)}
    with context.acting(via=context.current().via, ip_address=None):
        audit_record(action=action, actor=None, target=report, agency_id=report.agency_id, before=before, after=after)


def _url(report: ViolationReport) -> str:
    return f"/agencies/{report.agency.slug}/conduct/reports/{report.pk}/"


def _handlers(report: ViolationReport) -> list:
    users = {u.pk: u for role in parameters.report_handler_roles(pack_data(report.agency))
             for u in users_with_role(report.agency, role, report.department)
             if role != "department_head" or report.department_id}
    subject_user = report.subject.user_id if report.subject_id else None
    return [u for pk, u in users.items() if pk not in (subject_user, report.reporter_id)]


def _move(report: ViolationReport, actor, target: str, note: str = "") -> None:
    check_transition(REPORT_TRANSITIONS, ReportState, report.state, target)
    ReportTransition.objects.create(report=report, actor=actor, from_state=report.state, to_state=target, note=note)
    report.state = target


def _tell_reporter(report: ViolationReport, subject: str) -> None:
    if report.reporter is not None:
        notify(recipients=[report.reporter], event="policies.report.status", agency_id=report.agency_id,
               subject=subject, url=_url(report))


def violation_report_submit(*, actor, agency: Agency, what: str, where: str, occurred_on: date | None,
                            who: str = "", subject: Person | None = None, department: Department | None = None,
                            evidence: str = "", anonymous: bool = False) -> ViolationReport:
    require(actor, "policies.report_violation", agency)
    errors = {}
    if not what.strip():
        errors["what"] = "Say what happened."
    if not where.strip():
        errors["where"] = "Say where it happened: the platform, page or link."
    if occurred_on is None or occurred_on > timezone.localdate():
        errors["occurred_on"] = "Give the date it happened; it cannot be in the future."
    if anonymous and not parameters.anonymous_reports_allowed(pack_data(agency)):
        errors["anonymous"] = "The policy in force does not provide for anonymous reports."
    if subject is not None and subject.agency_id != agency.pk:
        errors["subject"] = "Choose a person of this agency."
    if department is not None and department.agency_id != agency.pk:
        errors["department"] = "Choose a department of this agency."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        report = ViolationReport.objects.create(
            agency=agency, who=who.strip(), subject=subject, department=department or (subject and subject.department),
            what=what.strip(), where=where.strip(), occurred_on=occurred_on, evidence=evidence.strip(),
            reporter=actor, anonymous=anonymous)
        ReportTransition.objects.create(report=report, actor=None, to_state=report.state)
        _audit("policies.report.submit", actor, report,
               after={"department_id": report.department_id, "subject_id": report.subject_id,
                      "occurred_on": occurred_on, "anonymous": anonymous})
        notify(recipients=_handlers(report), event="policies.report.received", agency_id=agency.pk,
               subject=f"A possible violation of the social media policy was reported (#{report.pk})",
               url=_url(report))
    return report


def violation_report_viewed(*, actor, report: ViolationReport, reporter_shown: bool) -> None:
    """DCFS-10: every view of a report is audited (who looked, and whether the reporter was shown)."""
    require(actor, "policies.view_report", report)
    _audit("policies.report.view", actor, report, after={"reporter_shown": reporter_shown})


def violation_reports_listed(*, actor, reports: list[ViolationReport]) -> None:
    for report in reports:
        require(actor, "policies.view_report", report)
    others = [r.pk for r in reports if not is_reporter(actor, r)]
    if others:
        audit_record(action="policies.report.list", actor=actor, agency_id=reports[0].agency_id,
                     after={"report_ids": others})
    for report in reports:
        if is_reporter(actor, report):
            _audit("policies.report.list", actor, report)


def _locked(report: ViolationReport) -> ViolationReport:
    return ViolationReport.objects.select_for_update(of=("self",)).select_related("agency", "subject", "reporter").get(
        pk=report.pk)


def violation_report_start_review(*, actor, report: ViolationReport, note: str = "") -> ViolationReport:
    with transaction.atomic():
        locked = _locked(report)
        check_transition(REPORT_TRANSITIONS, ReportState, locked.state, ReportState.UNDER_REVIEW)
        require(actor, "policies.handle_report", locked)
        _move(locked, actor, ReportState.UNDER_REVIEW, note.strip())
        locked.handler = actor
        locked.save(update_fields=["state", "handler"])
        _audit("policies.report.review", actor, locked, after={"state": locked.state, "note": note.strip()})
        _tell_reporter(locked, f"Your report #{locked.pk} is under review")
    return locked


def violation_report_record_finding(*, actor, report: ViolationReport, substantiated: bool,
                                   finding: str) -> ViolationReport:
    """KY-10: a violation found is recorded as non-compliance; otherwise the report is closed."""
    if not finding.strip():
        raise ValidationError({"finding": "Write down what the review found."})
    target = ReportState.SUBSTANTIATED if substantiated else ReportState.UNSUBSTANTIATED
    with transaction.atomic():
        locked = _locked(report)
        check_transition(REPORT_TRANSITIONS, ReportState, locked.state, target)
        require(actor, "policies.handle_report", locked)
        _move(locked, actor, target, finding.strip())
        locked.finding = finding.strip()
        locked.closed_at = None if substantiated else timezone.now()
        locked.save(update_fields=["state", "finding", "closed_at"])
        _audit("policies.report.finding", actor, locked, after={"state": locked.state, "finding": locked.finding})
        _tell_reporter(locked, f"The review of your report #{locked.pk} is complete")
    return locked


def violation_report_close(*, actor, report: ViolationReport, outcome: str, outcome_notes: str = "") -> ViolationReport:
    """DCFS-09: the report is tracked to its disciplinary outcome."""
    if outcome not in DisciplinaryOutcome.values:
        raise ValidationError({"outcome": "Choose the disciplinary outcome."})
    with transaction.atomic():
        locked = _locked(report)
        check_transition(REPORT_TRANSITIONS, ReportState, locked.state, ReportState.CLOSED)
        require(actor, "policies.handle_report", locked)
        _move(locked, actor, ReportState.CLOSED, outcome_notes.strip())
        locked.outcome, locked.outcome_notes, locked.closed_at = outcome, outcome_notes.strip(), timezone.now()
        locked.save(update_fields=["state", "outcome", "outcome_notes", "closed_at"])
        _audit("policies.report.close", actor, locked, after={"outcome": outcome, "notes": locked.outcome_notes})
        _tell_reporter(locked, f"Your report #{locked.pk} is closed")
    return locked
