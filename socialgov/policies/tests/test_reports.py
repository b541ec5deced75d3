"""Reports of possible violations (DCFS-09, DCFS-10, KY-10): anyone reports; the reporter's identity
is shown only to those who handle reports; every view is audited; retaliation is prohibited on the
form and on every report; the report is tracked to its finding and disciplinary outcome."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from socialgov.core.models import AuditEvent, Notification
from socialgov.policies import selectors, services
from socialgov.policies.models import ViolationReport
from socialgov.policies.packlib import load_pack
from socialgov.policies.tests.makers import make_report
from socialgov.policies.workflows import ReportState

RETALIATION = load_pack("la-county-dcfs").get("texts.anti_retaliation.text")
REPORTER = "Emery Evans"  # the employee persona, who makes the reports below


def _page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status
    return html.unescape(response.content.decode())


def _url(world, report: ViolationReport) -> str:
    return world.agency_url(f"conduct/reports/{report.pk}/")


def _events(action: str, report: ViolationReport):
    return AuditEvent.objects.filter(action=action, target_id=str(report.pk)).order_by("seq")


# --- reporting ------------------------------------------------------------------------------------

@pytest.mark.requirement("DCFS-09")
@pytest.mark.parametrize("persona", ["employee", "moderator", "auditor", "web_content_team"])
def test_anyone_signed_in_can_report_a_possible_violation(world, persona):
    report = make_report(world, reporter=persona, subject="pio")
    assert (report.state, report.reporter, report.department) == (
        ReportState.RECEIVED, world.user(persona), world.dept("communications"))


@pytest.mark.requirement("DCFS-09")
def test_a_report_says_what_where_and_when(world):
    with pytest.raises(ValidationError) as refused:
        services.violation_report_submit(actor=world.user("employee"), agency=world.agency, what=" ", where="",
                                         occurred_on=timezone.localdate() + timedelta(days=1))
    assert set(refused.value.message_dict) == {"what", "where", "occurred_on"}


@pytest.mark.requirement("DCFS-09")
def test_the_people_who_handle_reports_are_told_without_the_reporters_name(world):
    report = make_report(world, department="youth-services", subject=None)
    told = set(Notification.objects.filter(event="policies.report.received").values_list("recipient__username",
                                                                                          flat=True))
    assert told == {"t-agency-head", "t-legal-counsel", "t-department-head"}
    notes = Notification.objects.filter(event="policies.report.received")
    assert all(REPORTER not in n.subject + n.body for n in notes)
    assert report.pk


@pytest.mark.requirement("DCFS-10")
def test_the_anti_retaliation_rule_is_on_the_form_and_on_every_report(client_as, dcfs):
    assert RETALIATION in _page(client_as("moderator"), dcfs.agency_url("conduct/reports/new/"))
    report = make_report(dcfs)
    for persona in ("employee", "agency_head", "auditor"):
        assert RETALIATION in _page(client_as(persona), _url(dcfs, report))


def test_without_a_rule_in_the_pack_a_default_anti_retaliation_rule_is_shown(client_as, world):
    assert "Retaliation is prohibited" in _page(client_as("employee"), world.agency_url("conduct/reports/new/"))


# --- DCFS-10: the reporter's identity ----------------------------------------------------------------

@pytest.mark.requirement("DCFS-10")
@pytest.mark.parametrize("persona, shown", [
    ("agency_head", REPORTER), ("legal_counsel", REPORTER),  # handle every report
    ("employee", REPORTER),                                    # the reporter sees their own report
    ("auditor", "Withheld"),                                   # sees reports, never the reporter
])
def test_the_reporters_identity_is_shown_only_to_those_who_handle_reports(client_as, world, persona, shown):
    report = make_report(world)
    page = _page(client_as(persona), _url(world, report))
    assert f"<dt>Reported by</dt><dd>{shown}" in page
    if shown == "Withheld":
        assert REPORTER not in page


@pytest.mark.requirement("DCFS-10")
def test_the_head_of_the_department_concerned_handles_it_and_sees_the_reporter(client_as, world):
    report = make_report(world, subject=None, department="youth-services")
    assert f"<dt>Reported by</dt><dd>{REPORTER}" in _page(client_as("department_head"), _url(world, report))
    elsewhere = make_report(world, subject="pio")  # communications: not the department head's
    _page(client_as("department_head"), _url(world, elsewhere), status=404)


@pytest.mark.requirement("DCFS-10")
@pytest.mark.parametrize("persona", ["moderator", "pio", "agency_admin", "records_officer", "cio"])
def test_everyone_else_cannot_open_the_report_at_all(client_as, world, persona):
    report = make_report(world)  # about the moderator
    _page(client_as(persona), _url(world, report), status=404)
    assert report not in selectors.reports_visible_to(world.user(persona))


@pytest.mark.requirement("DCFS-10")
def test_an_anonymous_reporter_is_withheld_even_from_those_who_handle_it(client_as, world):
    report = make_report(world, anonymous=True)
    assert report.reporter == world.user("employee")  # stored
    for persona in ("agency_head", "legal_counsel", "auditor"):
        page = _page(client_as(persona), _url(world, report))
        assert "<dt>Reported by</dt><dd>Withheld" in page and REPORTER not in page
    assert REPORTER in _page(client_as("employee"), _url(world, report))


@pytest.mark.requirement("DCFS-10")
def test_a_handler_who_is_the_subject_of_the_report_cannot_see_it(client_as, world):
    report = make_report(world, subject="legal_counsel")
    _page(client_as("legal_counsel"), _url(world, report), status=404)
    assert f"<dt>Reported by</dt><dd>{REPORTER}" in _page(client_as("agency_head"), _url(world, report))


@pytest.mark.requirement("DCFS-10")
def test_every_view_of_a_report_is_audited(client_as, world):
    report = make_report(world)
    for persona in ("agency_head", "auditor", "agency_head"):
        _page(client_as(persona), _url(world, report))
    views = list(_events("policies.report.view", report))
    assert [(e.actor, e.after["reporter_shown"]) for e in views] == [
        (world.user("agency_head"), True), (world.user("auditor"), False), (world.user("agency_head"), True)]


@pytest.mark.requirement("DCFS-10")
def test_the_audit_trail_never_names_the_reporter(client_as, world):
    report = make_report(world)
    _page(client_as("employee"), _url(world, report))  # the reporter looks at their own report
    _page(client_as("employee"), world.agency_url("conduct/reports/"))
    events = list(AuditEvent.objects.filter(action__startswith="policies.report.", target_id=str(report.pk)))
    assert {e.action for e in events} >= {"policies.report.submit", "policies.report.view", "policies.report.list"}
    for event in events:
        assert event.actor is None and event.ip_address is None
        assert event.actor_label == "system" and REPORTER not in str(event.after)
        assert event.after["by"].startswith("the reporter (identity withheld")
        assert len(event.after["reporter_ref"]) == 32


def test_a_list_of_reports_is_audited_too(client_as, world):
    report = make_report(world)
    _page(client_as("legal_counsel"), world.agency_url("conduct/reports/"))
    event = AuditEvent.objects.filter(action="policies.report.list").order_by("-seq").first()
    assert event.actor == world.user("legal_counsel") and event.after == {"report_ids": [report.pk]}


# --- DCFS-09 / KY-10: tracked to a disciplinary outcome ------------------------------------------------

@pytest.mark.requirement("DCFS-09")
@pytest.mark.requirement("KY-10")
def test_a_report_is_tracked_to_its_finding_and_disciplinary_outcome(client_as, world):
    report = make_report(world)
    report = services.violation_report_start_review(actor=world.user("legal_counsel"), report=report)
    assert (report.state, report.handler) == (ReportState.UNDER_REVIEW, world.user("legal_counsel"))
    report = services.violation_report_record_finding(actor=world.user("legal_counsel"), report=report,
                                                     substantiated=True, finding="Logo used to promote a candidate.")
    assert report.state == ReportState.SUBSTANTIATED and report.closed_at is None  # non-compliance recorded
    report = services.violation_report_close(actor=world.user("agency_head"), report=report,
                                             outcome="written_warning", outcome_notes="Warning on file.")
    assert (report.state, report.get_outcome_display()) == (ReportState.CLOSED, "Written warning")
    assert [e.action for e in AuditEvent.objects.filter(target_id=str(report.pk), action__in=[
        "policies.report.review", "policies.report.finding", "policies.report.close"]).order_by("seq")] == [
        "policies.report.review", "policies.report.finding", "policies.report.close"]
    page = _page(client_as("auditor"), _url(world, report))
    assert "Written warning" in page and "Logo used to promote a candidate." in page
    mine = _page(client_as("employee"), _url(world, report))  # the reporter learns the status, not the discipline
    assert "Closed: disciplinary outcome recorded" in mine and "Written warning" not in mine
    assert Notification.objects.filter(recipient=world.user("employee"), event="policies.report.status").count() == 3


@pytest.mark.requirement("KY-10")
def test_a_report_without_a_violation_is_closed_with_its_finding(world):
    report = services.violation_report_start_review(actor=world.user("agency_head"), report=make_report(world))
    report = services.violation_report_record_finding(actor=world.user("agency_head"), report=report,
                                                     substantiated=False, finding="The account is not an employee's.")
    assert report.state == ReportState.UNSUBSTANTIATED and report.closed_at is not None
    with pytest.raises(ValidationError):
        services.violation_report_close(actor=world.user("agency_head"), report=report, outcome="no_action")


@pytest.mark.requirement("DCFS-09")
@pytest.mark.parametrize("persona", ["employee", "auditor", "moderator", "pio"])
def test_only_those_who_handle_reports_act_on_them(world, persona):
    report = make_report(world, reporter="records_officer")
    with pytest.raises(PermissionDenied):
        services.violation_report_start_review(actor=world.user(persona), report=report)


def test_a_handler_who_made_the_report_does_not_handle_it(world):
    report = make_report(world, reporter="legal_counsel")
    with pytest.raises(PermissionDenied):
        services.violation_report_start_review(actor=world.user("legal_counsel"), report=report)
    assert services.violation_report_start_review(actor=world.user("agency_head"), report=report).state == (
        ReportState.UNDER_REVIEW)


def _in_state(world, state: str) -> ViolationReport:
    report = make_report(world)
    actor = world.user("agency_head")
    if state == ReportState.RECEIVED:
        return report
    report = services.violation_report_start_review(actor=actor, report=report)
    if state in (ReportState.SUBSTANTIATED, ReportState.CLOSED):
        report = services.violation_report_record_finding(actor=actor, report=report, substantiated=True, finding="x")
    if state == ReportState.UNSUBSTANTIATED:
        report = services.violation_report_record_finding(actor=actor, report=report, substantiated=False,
                                                         finding="x")
    if state == ReportState.CLOSED:
        report = services.violation_report_close(actor=actor, report=report, outcome="no_action")
    return report


ACTIONS = {
    "review": lambda w, r: services.violation_report_start_review(actor=w.user("agency_head"), report=r),
    "substantiate": lambda w, r: services.violation_report_record_finding(
        actor=w.user("agency_head"), report=r, substantiated=True, finding="y"),
    "dismiss": lambda w, r: services.violation_report_record_finding(
        actor=w.user("agency_head"), report=r, substantiated=False, finding="y"),
    "close": lambda w, r: services.violation_report_close(actor=w.user("agency_head"), report=r, outcome="no_action"),
}
ALLOWED = {(ReportState.RECEIVED, "review"), (ReportState.UNDER_REVIEW, "substantiate"),
           (ReportState.UNDER_REVIEW, "dismiss"), (ReportState.SUBSTANTIATED, "close")}


@pytest.mark.requirement("DCFS-09")
@pytest.mark.parametrize("state", ReportState.values)
@pytest.mark.parametrize("action", ACTIONS)
def test_each_step_works_only_in_the_state_that_allows_it(world, state, action):
    report = _in_state(world, state)
    if (state, action) in ALLOWED:
        assert ACTIONS[action](world, report).pk == report.pk
    else:
        with pytest.raises(ValidationError, match="This cannot be done now"):
            ACTIONS[action](world, report)


def test_the_handlers_come_from_the_pack_when_it_names_them(world):
    from socialgov.policies import parameters

    data = {"violation_reports": {"handled_by": ["legal_counsel"]}}
    assert parameters.report_handler_roles(data) == ["legal_counsel"]
    assert parameters.report_handler_roles(None) == ["agency_head", "legal_counsel", "department_head"]
    assert parameters.anonymous_reports_allowed({"violation_reports": {"anonymous": False}}) is False
