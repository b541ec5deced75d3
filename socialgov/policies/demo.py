"""Demo data for policies: documents from the pack in force with some acknowledgements done and
some overdue, an authorized spokesperson, a granted exemption nearing expiry and a request in
review, a violation report under review, and a policy review coming due. Idempotent: every step
first looks for what it would make."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from socialgov.agencies.models import Agency, Person
from socialgov.agencies.selectors import users_with_role
from socialgov.core.personas import PERSONAS, username
from socialgov.policies import parameters, selectors, services
from socialgov.policies.models import DocumentVersion, ExceptionRequest, PolicyReview, Spokesperson, ViolationReport
from socialgov.policies.packlib import Pack

# These personas have acknowledged everything that asks them; everyone else is overdue.
ACKNOWLEDGED = ("agency_head", "department_head", "cio", "ciso", "diso", "communications_director", "pio",
                "moderator", "records_officer")
GRANTED_TITLE = "Personal devices for after-hours emergency posts"
PENDING_TITLE = "Third-party scheduling tool for the youth services page"


def build(*, agency: Agency, pack: Pack, prefix: str) -> None:
    with transaction.atomic():
        _backdate(agency)
        users = {p.key: get_user_model().objects.get(username=username(prefix, p)) for p in PERSONAS}
        _acknowledge(users)
        _spokesperson(agency, users)
        _exceptions(agency, users)
        _report(agency, users)
        _review(agency, users)


def _backdate(agency: Agency) -> None:
    """Make the demo agency look as if it has run for a while, so overdue acknowledgements show:
    the people joined and the pack's versions were published weeks ago (demo agencies only)."""
    cutoff = timezone.now() - timedelta(days=7)
    Person.objects.filter(agency=agency, created_at__gt=cutoff).update(created_at=F("created_at") - timedelta(days=90))
    DocumentVersion.objects.filter(document__agency=agency, pack_adoption__isnull=False,
                                   published_at__gt=cutoff).update(published_at=F("published_at") - timedelta(days=60))


def _acknowledge(users: dict) -> None:
    trained_on = timezone.localdate() - timedelta(days=40)
    for key in ACKNOWLEDGED:
        user = users[key]
        for item in selectors.outstanding_of(user.person):
            services.acknowledgement_record(actor=user, version=item.version,
                                            training_completed_on=trained_on if item.document.training else None)


def _spokesperson(agency: Agency, users: dict) -> None:
    person = users["communications_director"].person
    if not Spokesperson.objects.filter(person=person).exists():
        services.spokesperson_authorize(actor=users["agency_head"], person=person,
                                        scope="Media enquiries and interviews about agency programs and events")


def _exceptions(agency: Agency, users: dict) -> None:
    if ExceptionRequest.objects.filter(agency=agency, title__in=[GRANTED_TITLE, PENDING_TITLE]).exists():
        return
    route = next(iter(parameters.exception_routes(selectors.pack_data(agency))))
    today = timezone.localdate()
    department = users["department_head"].person.department
    granted = services.exception_request_submit(
        actor=users["department_head"], agency=agency, department=department, route=route, title=GRANTED_TITLE,
        scope="Caseworkers on call may post emergency closure notices from personal phones after hours.",
        justification="Department equipment is not issued to on-call staff; closures must reach families quickly.",
        impacts="Posts come from devices the agency does not manage.", risks="Credentials kept on personal phones.",
        costs="Issuing phones to 12 on-call staff: about $9,600 a year.", timeframes="Phones budgeted next year.",
        expires_on=today + timedelta(days=90))
    services.exception_note_add(actor=_step_user(granted), request=granted,
                                body="Which accounts would the on-call staff post to, and with whose credentials?")
    services.exception_note_add(actor=users["department_head"], request=granted,
                                body="Only the department's own page, with a shared credential kept in the vault.")
    while granted.state == "in_review":
        last = granted.is_last_step
        granted = services.exception_approve_step(
            actor=_step_user(granted), request=granted, note="Acceptable until phones are issued.",
            costs_passed_to_agency=True if last and granted.route_data.get("costs_passed_to_agency") else None,
            cost_note="Remediation charged to the requesting agency" if last else "",
            expires_on=today + timedelta(days=21) if last else None)
    services.exception_request_submit(
        actor=users["department_head"], agency=agency, department=department, route=route, title=PENDING_TITLE,
        scope="Use a scheduling tool not yet reviewed by information technology.",
        justification="Posts for weekend events need to be scheduled in advance.", impacts="A third party holds "
        "a publishing token.", risks="The tool's terms of service have not been reviewed.", costs="Free tier.",
        timeframes="Until the approved publishing workflow supports scheduling.",
        expires_on=today + timedelta(days=180))


def _step_user(request: ExceptionRequest):
    role = request.current_step["role"]
    return next(u for u in users_with_role(request.agency, role, request.department)
                if u.pk != request.requested_by_id)


def _report(agency: Agency, users: dict) -> None:
    if ViolationReport.objects.filter(agency=agency).exists():
        return
    moderator = users["moderator"].person
    report = services.violation_report_submit(
        actor=users["employee"], agency=agency, subject=moderator, who="The agency's community moderator",
        what="Posted on a personal account a photo of a family at an agency event, with the agency's logo, "
             "asking people to vote for a candidate.",
        where="A personal Facebook profile (screenshot kept)", occurred_on=timezone.localdate() - timedelta(days=3),
        evidence="“Vote for our friend at the county board!” with the agency logo and a family's photo.")
    services.violation_report_start_review(actor=users["legal_counsel"], report=report,
                                           note="Asked the moderator's supervisor for the screenshot.")


def _review(agency: Agency, users: dict) -> None:
    """KY's pack dates its last review (2019), so its review is overdue; the others record one that
    comes due within the month."""
    status = selectors.review_status(agency)
    if PolicyReview.objects.filter(agency=agency).exists() or status.rule is not None:
        return
    reviewer = next(u for role in parameters.review_roles(selectors.pack_data(agency))
                    for u in users_with_role(agency, role))
    today = timezone.localdate()
    services.policy_review_record(actor=reviewer, agency=agency, reviewed_on=today - timedelta(days=700),
                                  outcome="no_change", reviewers="Executive office and legal counsel",
                                  notes="Reviewed with the records officer; no change needed.",
                                  next_due=today + timedelta(days=25))
